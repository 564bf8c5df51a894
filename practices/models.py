from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.blocks import BodyBlock, EventBlock, LinkBlock
from core.forms import TermsInPageLanguageForm
from core.localization import Localizer, attach


class PracticeIndexPage(Page):
    """All good practices of one language, wherever they live in the tree."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A sentence or two above the list of practices."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["practices.PracticePage"]
    max_count_per_parent = 1
    template = "pages/practice_index_page.html"

    class Meta:
        verbose_name = _("good practice list")
        verbose_name_plural = _("good practice lists")

    @property
    def practices(self):
        """Every live practice of this language: under projects too, not only here."""
        return (
            PracticePage.objects.live()
            .public()
            .filter(locale_id=self.locale_id)
            .for_cards()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        page = Paginator(self.practices, 12).get_page(request.GET.get("page"))
        page.object_list = PracticePage.localize_cards(page.object_list, self.locale)
        context["practices"] = page
        return context


class PracticeQuerySet(PageQuerySet):
    def for_cards(self):
        """What a practice card shows, fetched in a fixed number of queries."""
        return (
            self.select_related("library")
            .prefetch_related("audiences", "formats")
            .order_by("-first_published_at", "title")
        )


class PracticePage(Page):
    """A good practice: what a member library did, for whom, in what format."""

    summary = models.TextField(
        _("summary"),
        max_length=500,
        help_text=_("Two or three sentences for lists and search results."),
    )
    library = models.ForeignKey(
        "libraries.LibraryPage",
        verbose_name=_("library"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices_carried_out",
        help_text=_("The library that carried out the practice."),
    )
    events = StreamField(
        [("event", EventBlock())],
        blank=True,
        verbose_name=_("dated events"),
        help_text=_("Meetings, workshops and other steps, each with its date."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        verbose_name=_("more information"),
        help_text=_("Where readers can find out more."),
    )
    audiences = ParentalManyToManyField(
        "core.Audience", blank=True, verbose_name=_("audiences")
    )
    formats = ParentalManyToManyField(
        "core.Format", blank=True, verbose_name=_("formats")
    )
    topics = ParentalManyToManyField("core.Topic", blank=True, verbose_name=_("topics"))

    base_form_class = TermsInPageLanguageForm
    objects = PageManager.from_queryset(PracticeQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("library"),
        InlinePanel("partners", heading=_("Partner libraries"), label=_("partner")),
        FieldPanel("events"),
        FieldPanel("body"),
        FieldPanel("links"),
        MultiFieldPanel(
            [
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("formats", widget=forms.CheckboxSelectMultiple),
                FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Audiences, formats and topics"),
        ),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("library", [index.SearchField("title")]),
    ]

    api_fields = [
        "summary",
        "library",
        "partners",
        "events",
        "body",
        "links",
        "audiences",
        "formats",
        "topics",
    ]

    parent_page_types = ["projects.ProjectPage", "practices.PracticeIndexPage"]
    subpage_types: list[str] = []
    template = "pages/practice_page.html"

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    @staticmethod
    def localize_cards(practices, locale):
        return attach(
            practices, locale, single=("library",), many=("audiences", "formats")
        )

    @property
    def project(self):
        parent = self.get_parent().specific
        return parent if parent.specific_class.__name__ == "ProjectPage" else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        localize = Localizer(self.locale)
        partners = list(self.partners.select_related("library").order_by("sort_order"))
        audiences, formats, topics = (
            list(self.audiences.all()),
            list(self.formats.all()),
            list(self.topics.all()),
        )
        localize.prepare(
            [
                self.library,
                *audiences,
                *formats,
                *topics,
                *(p.library for p in partners),
            ]
        )
        context.update(
            localized_library=localize(self.library),
            partner_libraries=[
                library
                for library in (localize(p.library) for p in partners)
                if library
            ],
            audiences=[localize(a) for a in audiences],
            formats=[localize(f) for f in formats],
            topics=[localize(t) for t in topics],
            project=self.project,
        )
        return context


class PracticePartner(Orderable):
    """A library that took part in a practice alongside the one that led it."""

    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="partners")
    library = models.ForeignKey(
        "libraries.LibraryPage",
        verbose_name=_("library"),
        on_delete=models.CASCADE,
        related_name="practice_partnerships",
    )

    panels = [FieldPanel("library")]

    api_fields = ["library"]

    class Meta(Orderable.Meta):
        verbose_name = _("partner library")
        verbose_name_plural = _("partner libraries")
