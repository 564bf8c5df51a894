from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from core.addresses import full_url
from core.cache_tags import kids_tag, related_listing, related_tag
from core.events import DatedEvents
from core.forms import TERM_FIELDS, PageInItsLanguageForm
from core.images import prefetch_renditions
from core.localization import (
    Localizer,
    attach,
    reading_locale,
    related_terms_of,
    with_untranslated,
)
from core.models import IndexPage, StoryPage
from core.permissions import PermissionPolicyMixin
from core.replication import Replicable
from core.visibility import page_is_public
from libraries.indexing import NamesItsLibrary
from libraries.models import LibraryRole

# A hook of the apps whose pages live under a project: ``fn(project)`` gives
# the live, public pages of that kind under it, ready for cards.
PROJECT_PRACTICES = "project_practices"


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


class ProjectIndexPage(IndexPage):
    subpage_types = ["projects.ProjectPage"]
    template = "pages/project_index_page.html"
    has_feeds = True
    has_calendar = True
    card_image = "image"

    class Meta:
        verbose_name = _("project list")
        verbose_name_plural = _("project lists")

    @property
    def listing(self):
        return with_untranslated(
            ProjectPage.objects.live().public(), self.locale
        ).for_cards()

    def localize_cards(self, items):
        return ProjectPage.localize_cards(items, self.locale)

    def filter_listing(self, listing):
        for name in ("audience", "format", "topic", "goal"):
            listing.add_terms(name)

        listing.add_year("year", _("Year"), "start_date")
        return listing.apply(by_title=("title",))


class ProjectQuerySet(PageQuerySet):
    def for_cards(self):
        """What a project card shows, fetched in a fixed number of queries."""
        # Audiences and formats: read with the cards' other terms by
        # ``localize_cards`` (core.localization.attach), in one query.
        return self.select_related("programme", "image").order_by(
            models.F("start_date").desc(nulls_last=True), "title"
        )


class ProjectPage(DatedEvents, Replicable, StoryPage):
    """A project of the network: who funded it, who took part, what came of it."""

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

    objects = PageManager.from_queryset(ProjectQuerySet)()

    content_panels = [
        *StoryPage.lead_panels,
        FieldPanel("programme"),
        FieldRowPanel(
            [FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Period")
        ),
        InlinePanel(
            "project_libraries",
            heading=_("Participating libraries"),
            label=_("library"),
        ),
        FieldPanel("events"),
        *Replicable.replication_panels,
        *StoryPage.closing_panels,
    ]

    search_fields = [
        *StoryPage.search_fields,
        index.RelatedFields("programme", [index.SearchField("name")]),
        index.FilterField("start_date"),
        *Replicable.replication_search_fields,
    ]

    api_fields = [
        *StoryPage.api_fields,
        "programme",
        "start_date",
        "end_date",
        "project_libraries",
        "events",
        *Replicable.replication_api_fields,
    ]

    override_translatable_fields = Replicable.replication_translatable_fields

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

    @classmethod
    def event_libraries(cls, stories):
        """Where a project's events happen: its leading library, else its
        coordinator, else the first library named; one query for all."""
        rank = {LibraryRole.LEADING: 0, LibraryRole.COORDINATOR: 1}
        chosen = {}
        for part in (
            ProjectLibrary.objects.filter(page__in=[s.pk for s in stories])
            .select_related("library")
            .order_by("sort_order", "pk")
        ):
            best = chosen.get(part.page_id)
            if best is None or rank.get(part.role, 2) < rank.get(best.role, 2):
                chosen[part.page_id] = part
        return {
            story.pk: chosen[story.pk].library if story.pk in chosen else None
            for story in stories
        }

    @property
    def practices(self):
        """The live practices under the project, as cards. The practices app
        stands on this one and gives them through the ``project_practices``
        hook, so that this app does not import it."""
        found = []
        for practices_of in hooks.get_hooks(PROJECT_PRACTICES):
            found.extend(practices_of(self))
        return found

    @property
    def testimonials(self):
        with related_listing(kids_tag(self.translation_key)):
            return (
                TestimonialPage.objects.child_of(self)
                .live()
                .public()
                .select_related("library")
                .order_by("path")
            )

    def cache_relations(self):
        """The translation keys of the libraries taking part: the pages whose
        lists show this project (core.cache_tags.related_listing)."""
        return set(
            ProjectLibrary.objects.filter(page_id=self.pk).values_list(
                "library__translation_key", flat=True
            )
        )

    @cached_property
    def participants(self):
        return list(
            self.project_libraries.select_related("library").order_by("sort_order")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        testimonials = list(self.testimonials)
        participants = self.participants
        practices = list(self.practices)
        # The terms of the page and of its practices' cards in one query, the
        # libraries of participants, testimonials and practices in another.
        own_terms, practice_terms = related_terms_of(
            [([self], (*TERM_FIELDS, "goals")), (practices, ("audiences", "formats"))]
        )
        goals = own_terms.get((self.pk, "goals"), [])
        localize = Localizer(reading_locale(self)).prepare(
            [
                self.programme,
                *(item.library for item in (*participants, *testimonials)),
                *(practice.library for practice in practices),
                *(term for terms in own_terms.values() for term in terms),
                *(term for terms in practice_terms.values() for term in terms),
                *self.replication_related(goals),
            ]
        )
        replication = self.replication_context(localize, goals)
        for item in (*participants, *testimonials):
            item.localized_library = localize(item.library)
        context.update(
            {
                name: [localize(term) for term in own_terms.get((self.pk, name), [])]
                for name in TERM_FIELDS
            },
            programme=localize(self.programme),
            participants=[p for p in participants if p.localized_library is not None],
            practices=attach(
                practices,
                reading_locale(self),
                single=("library",),
                many=("audiences", "formats"),
                localize=localize,
                linked=practice_terms,
            ),
            testimonials=testimonials,
            **replication,
            structured_data=self.structured_data(
                request, full_url(self, request), replication
            ),
        )
        prefetch_renditions([practice.image for practice in practices])
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


class TestimonialPage(NamesItsLibrary, PermissionPolicyMixin, Page):
    """A librarian's own words about a project, attributed to their library."""

    base_form_class = PageInItsLanguageForm

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
        # The library's name while the public may see it (libraries.indexing).
        index.SearchField("indexed_library_name"),
    ]

    api_fields = ["quote", "library", "role", "person", "function", "excerpt"]

    parent_page_types = ["projects.ProjectPage"]
    subpage_types: list[str] = []
    template = "pages/testimonial_page.html"
    # Among the new stories of the site's feed (core.feeds.SiteFeed).
    in_site_feed = True

    class Meta:
        verbose_name = _("testimonial")
        verbose_name_plural = _("testimonials")

    def cache_relations(self):
        """The library it is from: its page lists it
        (core.cache_tags.related_listing)."""
        if self.library_id is None:
            return set()
        return set(
            Page.objects.filter(pk=self.library_id).values_list(
                "translation_key", flat=True
            )
        )

    def summary_text(self):
        """For the meta description (core.descriptions) and the site's feed:
        the excerpt, else the quote (which the description shortens)."""
        return self.excerpt or self.quote

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        localize = Localizer(reading_locale(self))
        # The parent, a project, in one query rather than two (the page, then
        # its specific fields).
        parent_path = self.path[: -self.steplen]
        project = ProjectPage.objects.filter(path=parent_path).first()
        if project is None:
            project = self.get_parent().specific
        localize.prepare([self.library])
        context["localized_library"] = localize(self.library)
        # Named only while the public may see it (core.visibility).
        context["project"] = project if page_is_public(project) else None
        return context


def roles_of_library(library):
    """The library's part in each live project of its language."""
    with related_listing(related_tag(library.translation_key)):
        projects = (
            ProjectPage.objects.live().public().filter(locale_id=library.locale_id)
        )
    return (
        ProjectLibrary.objects.filter(
            library__translation_key=library.translation_key, page__in=projects
        )
        .select_related("page")
        .order_by("-page__start_date", "page__title")
    )


def testimonials_of_library(library):
    """The live testimonials from the library, in its language."""
    with related_listing(related_tag(library.translation_key)):
        return (
            TestimonialPage.objects.live()
            .public()
            .filter(
                locale_id=library.locale_id,
                library__translation_key=library.translation_key,
            )
            .order_by("title")
        )
