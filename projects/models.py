from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from core.blocks import BodyBlock, KeyFigureBlock, LinkBlock
from core.forms import TermsInPageLanguageForm
from core.localization import Localizer, attach
from libraries.models import LibraryRole


@register_snippet
class Programme(TranslatableMixin, index.Indexed, models.Model):
    """A programme that funds projects, with its funder."""

    name = models.CharField(_("name"), max_length=255)
    funder = models.CharField(
        _("funder"),
        max_length=255,
        blank=True,
        help_text=_("Who pays, e.g. the Ministry of Culture and National Heritage."),
    )
    website = models.URLField(_("website"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("funder"), FieldPanel("website")]

    search_fields = [index.SearchField("name"), index.SearchField("funder")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProjectIndexPage(Page):
    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A sentence or two above the list of projects."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["projects.ProjectPage"]
    max_count_per_parent = 1
    template = "pages/project_index_page.html"

    class Meta:
        verbose_name = _("project list")
        verbose_name_plural = _("project lists")

    @property
    def projects(self):
        return ProjectPage.objects.child_of(self).live().public().for_cards()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        page = Paginator(self.projects, 12).get_page(request.GET.get("page"))
        page.object_list = ProjectPage.localize_cards(page.object_list, self.locale)
        context["projects"] = page
        return context


class ProjectQuerySet(PageQuerySet):
    def for_cards(self):
        """What a project card shows, fetched in a fixed number of queries."""
        return (
            self.select_related("programme")
            .prefetch_related("audiences", "formats")
            .order_by(models.F("start_date").desc(nulls_last=True), "title")
        )


class ProjectPage(Page):
    """A project of the network: who funded it, who took part, what came of it."""

    summary = models.TextField(
        _("summary"),
        max_length=500,
        help_text=_("Two or three sentences for lists and search results."),
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="projects",
        help_text=_("The programme and funder that paid for the project."),
    )
    start_date = models.DateField(
        _("start"),
        null=True,
        blank=True,
        help_text=_("Leave empty if the source does not say."),
    )
    end_date = models.DateField(_("end"), null=True, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    key_figures = StreamField(
        [("figure", KeyFigureBlock())],
        blank=True,
        verbose_name=_("key figures"),
        help_text=_("Numbers worth remembering: “28 project applications”, “67%”."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    links = StreamField(
        [("link", LinkBlock())], blank=True, verbose_name=_("external links")
    )
    audiences = ParentalManyToManyField(
        "core.Audience", blank=True, verbose_name=_("audiences")
    )
    formats = ParentalManyToManyField(
        "core.Format", blank=True, verbose_name=_("formats")
    )
    topics = ParentalManyToManyField("core.Topic", blank=True, verbose_name=_("topics"))

    base_form_class = TermsInPageLanguageForm
    objects = PageManager.from_queryset(ProjectQuerySet)()

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("programme"),
        FieldRowPanel(
            [FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Period")
        ),
        InlinePanel(
            "project_libraries",
            heading=_("Participating libraries"),
            label=_("library"),
        ),
        FieldPanel("key_figures"),
        FieldPanel("body"),
        FieldPanel("links"),
        FieldPanel("image"),
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
        index.RelatedFields("programme", [index.SearchField("name")]),
        index.FilterField("start_date"),
    ]

    api_fields = [
        "summary",
        "programme",
        "start_date",
        "end_date",
        "key_figures",
        "body",
        "links",
        "audiences",
        "formats",
        "topics",
        "project_libraries",
    ]

    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types = ["practices.PracticePage", "projects.TestimonialPage"]
    template = "pages/project_page.html"

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    @staticmethod
    def localize_cards(projects, locale):
        return attach(
            projects, locale, single=("programme",), many=("audiences", "formats")
        )

    @property
    def practices(self):
        from practices.models import PracticePage

        return PracticePage.objects.child_of(self).live().public().for_cards()

    @property
    def testimonials(self):
        return (
            TestimonialPage.objects.child_of(self)
            .live()
            .public()
            .select_related("library")
            .order_by("path")
        )

    @cached_property
    def participants(self):
        return list(
            self.project_libraries.select_related("library").order_by("sort_order")
        )

    def get_context(self, request, *args, **kwargs):
        from practices.models import PracticePage

        context = super().get_context(request, *args, **kwargs)
        localize = Localizer(self.locale)
        practices = PracticePage.localize_cards(self.practices, self.locale)
        testimonials = list(self.testimonials)
        participants = self.participants
        audiences, formats, topics = (
            list(self.audiences.all()),
            list(self.formats.all()),
            list(self.topics.all()),
        )
        localize.prepare(
            [self.programme, *audiences, *formats, *topics]
            + [p.library for p in participants]
            + [t.library for t in testimonials]
        )
        for item in (*participants, *testimonials):
            item.localized_library = localize(item.library)
        participants = [p for p in participants if p.localized_library is not None]
        context.update(
            programme=localize(self.programme),
            audiences=[localize(a) for a in audiences],
            formats=[localize(f) for f in formats],
            topics=[localize(t) for t in topics],
            participants=participants,
            practices=practices,
            testimonials=testimonials,
        )
        return context


class ProjectLibrary(Orderable):
    """A library's part in a project."""

    page = ParentalKey(
        ProjectPage, on_delete=models.CASCADE, related_name="project_libraries"
    )
    library = models.ForeignKey(
        "libraries.LibraryPage",
        verbose_name=_("library"),
        on_delete=models.CASCADE,
        related_name="project_roles",
    )
    role = models.CharField(_("role"), max_length=20, choices=LibraryRole.choices)

    panels = [FieldPanel("library"), FieldPanel("role")]

    api_fields = ["library", "role"]

    class Meta(Orderable.Meta):
        verbose_name = _("participating library")
        verbose_name_plural = _("participating libraries")


class TestimonialPage(Page):
    """A librarian's own words about a project, attributed to their library."""

    quote = RichTextField(
        _("quote"),
        features=["bold", "italic"],
        help_text=_(
            "The words as they were said or written; several paragraphs are fine."
        ),
    )
    library = models.ForeignKey(
        "libraries.LibraryPage",
        verbose_name=_("library"),
        on_delete=models.PROTECT,
        related_name="testimonials_given",
    )
    role = models.CharField(
        _("library's role"),
        max_length=20,
        choices=LibraryRole.choices,
        help_text=_("The library's role in the project."),
    )
    person = models.CharField(_("person"), max_length=255, blank=True)
    function = models.CharField(
        _("function"),
        max_length=255,
        blank=True,
        help_text=_("E.g. director, librarian."),
    )
    excerpt = models.TextField(
        _("excerpt"),
        max_length=300,
        blank=True,
        help_text=_("A sentence for cards; the start of the quote if left empty."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("quote"),
        FieldRowPanel([FieldPanel("library"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("person"), FieldPanel("function")]),
        FieldPanel("excerpt"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("quote"),
        index.SearchField("person"),
        index.RelatedFields("library", [index.SearchField("title")]),
    ]

    api_fields = ["quote", "library", "role", "person", "function", "excerpt"]

    parent_page_types = ["projects.ProjectPage"]
    subpage_types: list[str] = []
    template = "pages/testimonial_page.html"

    class Meta:
        verbose_name = _("testimonial")
        verbose_name_plural = _("testimonials")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        localize = Localizer(self.locale)
        project = self.get_parent().specific
        localize.prepare([self.library])
        context["localized_library"] = localize(self.library)
        context["project"] = project
        return context
