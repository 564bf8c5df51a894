import pytest
from django.core.exceptions import ValidationError

from core.blocks import BodyBlock, ImageBlock


class TestBodyBlocks:
    @pytest.mark.parametrize("name", list(BodyBlock.base_blocks))
    def test_each_block_has_an_icon_and_a_template(self, name):
        block = BodyBlock.base_blocks[name]
        assert block.meta.icon not in (None, "placeholder")
        assert block.meta.template

    @pytest.mark.parametrize(
        "name", ["paragraph", "heading", "quote", "key_figures", "links"]
    )
    def test_text_blocks_have_a_preview_value(self, name):
        block = BodyBlock.base_blocks[name]
        assert block.get_preview_value()


@pytest.mark.django_db
class TestImageBlock:
    def test_needs_alt_text_unless_decorative(self):
        from wagtail.images.models import Image
        from wagtail.images.tests.utils import get_test_image_file

        image = Image.objects.create(title="Spotkanie", file=get_test_image_file())
        block = ImageBlock()
        with pytest.raises(ValidationError):
            block.clean(
                {"image": image, "alt_text": "", "decorative": False, "caption": ""}
            )
        assert block.clean(
            {"image": image, "alt_text": "", "decorative": True, "caption": ""}
        )
        assert block.clean(
            {
                "image": image,
                "alt_text": "Bibliotekarki przy stole",
                "decorative": False,
                "caption": "",
            }
        )
