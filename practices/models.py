from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import path
from wagtail.models import Orderable, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from core.addresses import full_url
from core.cache_tags import related_listing, related_tag
from core.events import DatedEvents
from core.forms import TERM_FIELDS
from core.listing import BadFilter
from core.localization import (
    Localizer,
    attach,
    reading_locale,
    related_terms,
    related_terms_of,
    with_untranslated,
)
from core.models import IndexPage, StoryPage
from core.replication import Replicable
from core.visibility import page_is_public
from libraries.indexing import NamesItsLibrary
from libraries.models import LibraryPage
from projects.models import ProjectPage


class PracticeIndexPage(IndexPage):
    """All good practices of one language, wherever they live in the tree."""

    subpage_types = ["practices.PracticePage"]
    template = "pages/practice_index_page.html"
    has_feeds = True
    has_calendar = True
    card_image = "image"

    class Meta:
        verbose_name = _("good practice list")
        verbose_name_plural = _("good practice lists")

    @property
    def listing(self):
        """Every live practice of this language, under projects too, and those
        not yet translated into it."""
        return with_untranslated(
            PracticePage.objects.live().public(), self.locale
        ).for_cards()

    def localize_cards(self, items):
        listing = getattr(self, "_listing", None)
        localize = None
        if listing is not None and listing.counted:
            # Every library of the list's language was read for the filters.
            items = list(items)
            keys = {item.library.translation_key for item in items if item.library}
            localize = Localizer(reading_locale(self)).know_all(
                LibraryPage, listing.libraries(), keys
            )
        return PracticePage.localize_cards(items, self.locale, localize)

    def filter_listing(self, listing):
        self._listing = listing

        for name in ("audience", "format", "topic", "goal"):
            listing.add_terms(name)

        listing.add_libraries(
            ["library__translation_key", "partners__library__translation_key"]
        )
        listing.add_parents("project", _("Project"), ProjectPage)
        return listing.apply(by_title=("title",))

    @path("booklet/", name="booklet")
    def booklet(self, request):
        """The filtered list as a printable booklet (practices.booklet)."""
        # WeasyPrint, and the Pango it loads, only where a booklet is made.
        from practices.booklet import bad_filter, booklet_response

        try:
            listing, items = self.filtered(request)
        except BadFilter as error:
            return bad_filter(error)
        return booklet_response(self, request, listing, items)


class PracticeQuerySet(PageQuerySet):
    def for_cards(self):
        """What a practice card shows, fetched in a fixed number of queries."""
        # Audiences and formats: read by ``localize_cards``, in one query.
        return self.select_related("library", "image").order_by(
            "-first_published_at", "title"
        )


class PracticePage(NamesItsLibrary, DatedEvents, Replicable, StoryPage):
    """A good practice: what a member library did, for whom, in what format."""

    library = models.ForeignKey(
        "libraries.LibraryPage",
        verbose_name=_("library"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="practices_carried_out",
        help_text=_("The library that carried out the practice."),
    )
    objects = PageManager.from_queryset(PracticeQuerySet)()

    content_panels = [
        *StoryPage.lead_panels,
        FieldPanel("library"),
        InlinePanel("partners", heading=_("Partner libraries"), label=_("partner")),
        FieldPanel("events"),
        *Replicable.replication_panels,
        *StoryPage.closing_panels,
    ]

    search_fields = [
        *StoryPage.search_fields,
        # The library's name while the public may see it (libraries.indexing).
        index.SearchField("indexed_library_name"),
        *Replicable.replication_search_fields,
    ]

    api_fields = [
        *StoryPage.api_fields,
        "library",
        "partners",
        "events",
        *Replicable.replication_api_fields,
    ]

    override_translatable_fields = Replicable.replication_translatable_fields

    parent_page_types = ["projects.ProjectPage", "practices.PracticeIndexPage"]
    subpage_types: list[str] = []
    template = "pages/practice_page.html"

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def cache_relations(self):
        """The translation keys of the libraries this practice names, the one
        that led it and its partners: the pages whose lists show it
        (core.cache_tags.related_listing)."""
        ids = [
            self.library_id,
            *PracticePartner.objects.filter(page_id=self.pk).values_list(
                "library_id", flat=True
            ),
        ]
        return set(
            LibraryPage.objects.filter(pk__in=[pk for pk in ids if pk]).values_list(
                "translation_key", flat=True
            )
        )

    @staticmethod
    def localize_cards(practices, locale, localize=None):
        """The cards' libraries and terms in the locale; ``localize``, a
        Localizer that may know some of them already."""
        if localize is None:
            return attach(
                practices, locale, single=("library",), many=("audiences", "formats")
            )
        practices = list(practices)
        linked = related_terms_of([(practices, ("audiences", "formats"))])[0]
        localize.prepare(
            [practice.library for practice in practices]
            + [term for terms in linked.values() for term in terms]
        )
        return attach(
            practices,
            locale,
            single=("library",),
            many=("audiences", "formats"),
            localize=localize,
            linked=linked,
        )

    @classmethod
    def event_libraries(cls, stories):
        """The library that carried out the practice (read with the cards)."""
        return {story.pk: story.library for story in stories}

    @property
    def project(self):
        """The project the practice lives under, or None: read in one query."""
        return ProjectPage.objects.filter(path=self.path[: -self.steplen]).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        partners = list(self.partners.select_related("library").order_by("sort_order"))
        own_terms = related_terms([self], (*TERM_FIELDS, "goals"))
        goals = own_terms.get((self.pk, "goals"), [])
        localize = Localizer(reading_locale(self)).prepare(
            [
                self.library,
                *(p.library for p in partners),
                *(term for terms in own_terms.values() for term in terms),
                *self.replication_related(goals),
            ]
        )
        replication = self.replication_context(localize, goals)
        context.update(
            {
                name: [localize(term) for term in own_terms.get((self.pk, name), [])]
                for name in TERM_FIELDS
            },
            localized_library=localize(self.library),
            partner_libraries=[
                library
                for library in (localize(p.library) for p in partners)
                if library
            ],
            # Named only while the public may see it (core.visibility).
            project=self.project
            if self.project and page_is_public(self.project)
            else None,
            **replication,
            structured_data=self.structured_data(
                request, full_url(self, request), replication
            ),
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


def practices_of_library(library):
    """The live practices of the library's language that it did or took
    part in (as the library named in any language). Cached pages showing it
    are dropped by a practice naming the library (``cache_relations``), not
    by every practice."""
    key = library.translation_key
    with related_listing(related_tag(key)):
        return (
            PracticePage.objects.live()
            .public()
            .filter(locale_id=library.locale_id)
            .filter(
                Q(library__translation_key=key)
                | Q(partners__library__translation_key=key)
            )
            .distinct()
            .order_by("-first_published_at")
        )
