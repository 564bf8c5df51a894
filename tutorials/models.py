from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.forms import TermsInPageLanguageForm
from core.localization import Localizer, attach
from core.models import IndexPage


class Level(models.TextChoices):
    BEGINNER = "beginner", _("beginner")
    INTERMEDIATE = "intermediate", _("intermediate")
    ADVANCED = "advanced", _("advanced")


class TutorialIndexPage(IndexPage):
    subpage_types = ["tutorials.TutorialPage"]
    template = "pages/tutorial_index_page.html"

    class Meta:
        verbose_name = _("tutorial list")
        verbose_name_plural = _("tutorial lists")

    @property
    def listing(self):
        return TutorialPage.objects.child_of(self).live().public().for_cards()

    def localize_cards(self, items):
        return TutorialPage.localize_cards(items, self.locale)


class TutorialQuerySet(PageQuerySet):
    def for_cards(self):
        return self.prefetch_related("audiences").order_by(
            "-first_published_at", "title"
        )


class TutorialPage(Page):
    """An instructional video, with a summary and a transcript."""

    video_url = models.URLField(
        _("video address"),
        help_text=_(
            "The video on YouTube, Vimeo, PeerTube or another site that allows "
            "embedding."
        ),
    )
    summary = models.TextField(
        _("summary"),
        max_length=500,
        help_text=_("What the viewer will learn, in two or three sentences."),
    )
    transcript = RichTextField(
        _("transcript"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul", "h3"],
        help_text=_(
            "Everything said and shown in the video, for those who cannot hear it."
        ),
    )
    duration = models.DurationField(
        _("duration"), null=True, blank=True, help_text=_("As hh:mm:ss, e.g. 00:04:30.")
    )
    tools = models.CharField(
        _("tools covered"),
        max_length=255,
        blank=True,
        help_text=_("Programs and services shown, separated by commas: Zoom, Canva."),
    )
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, blank=True
    )
    audiences = ParentalManyToManyField(
        "core.Audience", blank=True, verbose_name=_("audiences")
    )
    project = models.ForeignKey(
        "projects.ProjectPage",
        verbose_name=_("related project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tutorials",
    )

    base_form_class = TermsInPageLanguageForm
    objects = PageManager.from_queryset(TutorialQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("video_url"),
        FieldPanel("summary"),
        FieldPanel("transcript"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("duration"), FieldPanel("level")]),
                FieldPanel("tools"),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("project"),
            ],
            heading=_("About the tutorial"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("transcript"),
        index.SearchField("tools"),
        index.FilterField("level"),
    ]

    api_fields = [
        "video_url",
        "summary",
        "transcript",
        "duration",
        "tools",
        "level",
        "audiences",
        "project",
    ]

    parent_page_types = ["tutorials.TutorialIndexPage"]
    subpage_types: list[str] = []
    template = "pages/tutorial_page.html"

    class Meta:
        verbose_name = _("tutorial")
        verbose_name_plural = _("tutorials")

    @staticmethod
    def localize_cards(tutorials, locale):
        return attach(tutorials, locale, many=("audiences",))

    @property
    def tool_list(self):
        return [tool.strip() for tool in self.tools.split(",") if tool.strip()]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        localize = Localizer(self.locale)
        audiences = list(self.audiences.all())
        localize.prepare([*audiences, self.project])
        context["audiences"] = [localize(a) for a in audiences]
        context["related_project"] = localize(self.project) if self.project_id else None
        return context
