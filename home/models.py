from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class HomePage(Page):
    """The front page of one language; each locale has its own translation."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A few sentences under the title that say what the network does."),
    )

    template = "pages/home_page.html"

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    # Each locale's home page sits directly under the tree root.
    parent_page_types = ["wagtailcore.Page"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")
