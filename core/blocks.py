"""The one StreamField block set that every body on the site uses."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

# Rich text stays small: structure comes from blocks, not from the editor's
# toolbar, so that every language's page looks alike.
PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section heading")), ("h3", _("Subsection heading"))],
        default="h2",
        label=_("level"),
    )

    class Meta:
        icon = "title"
        template = "components/blocks/heading_block.html"
        label = _("Heading")
        preview_value = {"text": "Rezultaty spotkań", "level": "h2"}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        required=False,
        label=_("alternative text"),
        help_text=_("What the image shows, for people who cannot see it."),
    )
    decorative = blocks.BooleanBlock(
        required=False,
        label=_("decorative"),
        help_text=_(
            "Tick only if the image adds nothing to the text; it then has no alt text."
        ),
    )
    caption = blocks.CharBlock(required=False, label=_("caption"))

    class Meta:
        icon = "image"
        template = "components/blocks/image_block.html"
        label = _("Image")

    def get_preview_value(self):
        """The newest image in the library, if there is one."""
        from wagtail.images import get_image_model

        image = get_image_model().objects.order_by("-created_at").first()
        return self.to_python(
            {
                "image": image.pk if image else None,
                "alt_text": image.title if image else "",
                "decorative": False,
                "caption": "",
            }
        )

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not value.get("alt_text"):
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        _("Describe the image, or mark it as decorative.")
                    )
                }
            )
        return value


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(required=False, label=_("attribution"))

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote_block.html"
        label = _("Quote")
        preview_value = {
            "quote": "Cykl spotkań był kolejnym dowodem na to jak wiele możemy się "
            "nauczyć od siebie nawzajem.",
            "attribution": "Powiatowa i Miejska Biblioteka Publiczna w Brzesku",
        }


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.DecimalBlock(label=_("number"), decimal_places=2)
    unit = blocks.CharBlock(
        required=False,
        max_length=8,
        label=_("unit"),
        help_text=_("Written right after the number, such as %."),
    )
    label = blocks.CharBlock(
        label=_("label"), help_text=_("What was counted, e.g. “project applications”.")
    )

    class Meta:
        icon = "order"
        template = "components/blocks/key_figure_block.html"
        label = _("Key figure")
        preview_value = {
            "value": Decimal("28"),
            "unit": "",
            "label": "project applications",
        }


class KeyFiguresBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(KeyFigureBlock(), **kwargs)

    class Meta:
        icon = "order"
        template = "components/blocks/key_figures_block.html"
        label = _("Key figures")
        preview_value = [
            {"value": Decimal("761"), "unit": "", "label": "live-stream views"},
            {"value": Decimal("67"), "unit": "%", "label": "of leading libraries"},
        ]


class LinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"))
    url = blocks.URLBlock(label=_("address"))

    class Meta:
        icon = "link"
        label = _("Link")


class LinkListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, label=_("heading"))
    links = blocks.ListBlock(LinkBlock(), label=_("links"))

    class Meta:
        icon = "list-ul"
        template = "components/blocks/link_list_block.html"
        label = _("Links")
        preview_value = {
            "heading": "More information",
            "links": [{"title": "Project page", "url": "https://www.biblbel.ru/"}],
        }


class VideoEmbedBlock(blocks.StructBlock):
    video = EmbedBlock(
        label=_("video address"), help_text=_("YouTube, Vimeo, PeerTube…")
    )
    title = blocks.CharBlock(
        label=_("title"), help_text=_("Names the video for screen readers.")
    )

    class Meta:
        icon = "media"
        template = "components/blocks/embed_block.html"
        label = _("Video or other embed")
        preview_value = {
            "video": "https://peertube.example.org/w/library-webinar",
            "title": "Webinarium w bibliotece",
        }


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(required=False, label=_("link text"))

    class Meta:
        icon = "doc-full"
        template = "components/blocks/document_block.html"
        label = _("Document")

    def get_context(self, value, parent_context=None):
        """``document``: the chosen document, or None where the public may not
        download it (a private collection): its title and size are not shown."""
        from core.visibility import document_is_public

        context = super().get_context(value, parent_context=parent_context)
        document = value.get("document")
        context["document"] = document if document_is_public(document) else None
        return context

    def get_api_representation(self, value, context=None):
        from core.visibility import document_is_public

        representation = super().get_api_representation(value, context=context)
        if not document_is_public(value.get("document")):
            representation["document"] = None
        return representation

    def get_preview_value(self):
        """The newest document in the library, if there is one."""
        from wagtail.documents import get_document_model

        document = get_document_model().objects.order_by("-created_at").first()
        return self.to_python(
            {"document": document.pk if document else None, "title": ""}
        )


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES,
        icon="pilcrow",
        label=_("Paragraph"),
        template="components/blocks/paragraph_block.html",
        preview_value="<p>Biblioteki publiczne odgrywają ogromną rolę w życiu "
        "lokalnych społeczności.</p>",
    )
    heading = HeadingBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    key_figures = KeyFiguresBlock()
    links = LinkListBlock()
    embed = VideoEmbedBlock()
    document = DocumentBlock()


class EventBlock(blocks.StructBlock):
    """A dated step of a story: “16 December 2010: first meeting in Łazy”.
    With a time it is an appointment in the site's time zone (TIME_ZONE),
    which the story's calendar (core.events) carries as such."""

    date = blocks.DateBlock(label=_("date"))
    label = blocks.CharBlock(label=_("what happened"))
    start_time = blocks.TimeBlock(
        label=_("starts at"),
        required=False,
        help_text=_("Leave empty for an event that lasts the whole day."),
    )
    end_time = blocks.TimeBlock(label=_("ends at"), required=False)

    def clean(self, value):
        value = super().clean(value)
        start, end = value.get("start_time"), value.get("end_time")
        if end is not None and start is None:
            raise StructBlockValidationError(
                {
                    "start_time": ValidationError(
                        _("An event that ends at a time also starts at one.")
                    )
                }
            )
        if end is not None and end <= start:
            raise StructBlockValidationError(
                {"end_time": ValidationError(_("The event ends after it starts."))}
            )
        return value

    class Meta:
        icon = "date"
        template = "components/blocks/event_block.html"
        label = _("Event")
        preview_value = {"date": "2010-12-16", "label": "Pierwsze spotkanie w Łazach"}


class StepBlock(blocks.StructBlock):
    """One step of “how to repeat it”: the steps are numbered in their order."""

    title = blocks.CharBlock(
        label=_("title"), help_text=_("What to do, in a few words.")
    )
    text = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES,
        required=False,
        label=_("how"),
        help_text=_("What another library needs to know to do it."),
    )

    class Meta:
        icon = "list-ol"
        template = "components/blocks/step_block.html"
        label = _("Step")
        preview_value = {
            "title": "Zaproś biblioteki partnerskie",
            "text": "<p>Wyślij zaproszenie na pierwsze spotkanie.</p>",
        }


class MaterialBlock(DocumentBlock):
    """A document another library can download and use (a guide, a form)."""

    title = blocks.CharBlock(
        label=_("title"), help_text=_("What the document is, for the link.")
    )

    class Meta:
        icon = "download"
        template = "components/blocks/material_block.html"
        label = _("Material")
