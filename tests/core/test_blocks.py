import pytest
from django.core.exceptions import ValidationError
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from core.blocks import BodyBlock, EventBlock, ImageBlock


@pytest.fixture
def image(db):
    return Image.objects.create(title="Spotkanie w Łazach", file=get_test_image_file())


class TestBodyBlocks:
    @pytest.mark.parametrize("name", [*BodyBlock.base_blocks, "event"])
    def test_each_block_has_an_icon_and_a_template(self, name):
        block = BodyBlock.base_blocks.get(name) or EventBlock()
        assert block.meta.icon not in (None, "placeholder")
        assert block.meta.template

    @pytest.mark.django_db
    @pytest.mark.parametrize("name", list(BodyBlock.base_blocks))
    def test_each_block_has_a_preview_value(self, name, image):
        from django.core.files.base import ContentFile

        Document.objects.create(
            title="Raport", file=ContentFile(b"%PDF-1.4", name="raport.pdf")
        )
        block = BodyBlock.base_blocks[name]
        assert block.get_preview_value()

    @pytest.mark.django_db
    def test_image_preview_shows_an_image_of_the_library(self, image):
        value = BodyBlock.base_blocks["image"].get_preview_value()
        assert value["image"] == image
        assert value["alt_text"] == "Spotkanie w Łazach"


@pytest.mark.django_db
class TestImageBlock:
    def test_needs_alt_text_unless_decorative(self, image):
        block = ImageBlock()
        with pytest.raises(ValidationError):
            block.clean(
                {"image": image, "alt_text": "", "decorative": False, "caption": ""}
            )
        assert block.clean(
            {"image": image, "alt_text": "", "decorative": True, "caption": ""}
        )
        described = {
            "image": image,
            "alt_text": "Bibliotekarki przy stole",
            "decorative": False,
            "caption": "",
        }
        assert block.clean(described)

    def test_a_decorative_image_has_an_empty_alt(self, image):
        block = ImageBlock()
        html = block.render(
            block.to_python(
                {
                    "image": image.pk,
                    "alt_text": "ignored",
                    "decorative": True,
                    "caption": "",
                }
            )
        )
        assert 'alt=""' in html
