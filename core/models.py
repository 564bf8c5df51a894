"""Shared models: taxonomies, and the abstract pages the content apps build on.

Taxonomies are what readers filter by, with one identity across all
languages. Each term is a translatable snippet. Its translations share a translation key
and a slug, so a filter such as ?audience=seniors means the same in every
language, and a page tagged with the Polish term shows the reader's own.
"""

from django import forms
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404, HttpResponseBadRequest
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import BodyBlock, LinkBlock
from core.events import CALENDAR_FEED_LENGTH, calendar_response
from core.feeds import ListingFeed
from core.forms import TERM_FIELDS, PageInItsLanguageForm
from core.identity import SiteIdentity  # noqa: F401 (a model of this app)
from core.images import prefetch_renditions
from core.listing import BadFilter, Listing
from core.localization import Localizer, reading_locale
from core.permissions import PermissionPolicyMixin


class Term(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=False,
        help_text=_("Used in addresses of filtered lists; the same in every language."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    override_translatable_fields = [SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class Audience(Term):
    class Meta(Term.Meta):
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class Format(Term):
    class Meta(Term.Meta):
        verbose_name = _("format")
        verbose_name_plural = _("formats")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class Topic(Term):
    class Meta(Term.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class Goal(Term):
    """One of the UN's 17 Sustainable Development Goals, under its official
    short name in each language (``manage.py setup_goals``, core/goals.py)."""

    number = models.PositiveSmallIntegerField(
        _("number"),
        validators=[MinValueValidator(1), MaxValueValidator(17)],
        help_text=_("The goal's number, 1 to 17."),
    )

    panels = [FieldPanel("number"), *Term.panels]

    # Not in the search index: seventeen fixed names, found in the admin by
    # the database (core/wagtail_hooks.py), and 68 short entries would lower
    # the index's average length, which ranks the long stories lower (the
    # relevance set's "libarries" lost "library-online" from its first ten).
    search_fields = []

    override_translatable_fields = [
        *Term.override_translatable_fields,
        SynchronizedField("number", overridable=False),
    ]

    class Meta(Term.Meta):
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")
        ordering = ["number"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return f"{self.number}. {self.name}"


class IndexPage(PermissionPolicyMixin, RoutablePageMixin, Page):
    """A list of one kind of page: one per language, under the home page.

    A subclass gives its ``listing`` (a queryset) and, if readers may narrow
    it, ``filter_listing``; the page paginates what remains and localises the
    cards, as ``listing`` in the template. With ``has_feeds`` the same
    filtered listing is also an RSS and an Atom feed.
    """

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A sentence or two above the list."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    per_page = 12
    has_feeds = False
    # The events of the listed stories as an iCalendar feed (core.events).
    has_calendar = False
    # The field holding a card's picture, if the cards show one.
    card_image = None

    class Meta:
        abstract = True

    @property
    def listing(self):
        raise NotImplementedError

    def summary_text(self):
        """What the list is, for its meta description (core.descriptions)."""
        return self.intro

    def filter_listing(self, listing):
        """The listing's items, narrowed and sorted by its facets (none here)."""
        return listing.base

    def localize_cards(self, items):
        return list(items)

    def filtered(self, request):
        listing = Listing(self, request, self.listing)
        return listing, self.filter_listing(listing)

    @path("")
    def index_view(self, request):
        try:
            listing, items = self.filtered(request)
        except BadFilter as error:
            response = self.render(
                request, context_overrides={"bad_filter": str(error), "listing": None}
            )
            response.status_code = 400
            return response
        page = Paginator(items, self.per_page).get_page(request.GET.get("page"))
        page.object_list = self.localize_cards(page.object_list)
        if self.card_image:
            prefetch_renditions(
                [getattr(item, self.card_image) for item in page.object_list]
            )
        return self.render(
            request,
            context_overrides={
                "listing": page,
                "filters": listing,
                "query": listing.url(),
            },
        )

    @path("feed/rss/", name="rss")
    def rss_feed(self, request):
        return self.feed(request, Rss201rev2Feed)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        return self.feed(request, Atom1Feed)

    @path("feed/calendar/", name="calendar")
    def calendar_feed(self, request):
        """The events of the filtered stories, newest stories first, as one
        iCalendar feed in the list's language; a filter that names nothing:
        400, as for the other feeds."""
        if not self.has_calendar:
            raise Http404
        try:
            _listing, items = self.filtered(request)
        except BadFilter as error:
            return HttpResponseBadRequest(
                gettext("Unknown filter value: %(name)s.") % {"name": error}
            )
        home = self.get_parent()
        return calendar_response(
            request,
            f"{self.title} · {home.title}",
            items[:CALENDAR_FEED_LENGTH],
            language=self.locale.language_code,
        )

    def feed(self, request, feed_type):
        if not self.has_feeds:
            raise Http404
        try:
            _listing, items = self.filtered(request)
        except BadFilter as error:
            return HttpResponseBadRequest(
                gettext("Unknown filter value: %(name)s.") % {"name": error}
            )
        return ListingFeed(self, items[:30], feed_type)(request)


TERMS_PANEL = MultiFieldPanel(
    [FieldPanel(name, widget=forms.CheckboxSelectMultiple) for name in TERM_FIELDS],
    heading=_("Audiences, formats and topics"),
)


class StoryPage(PermissionPolicyMixin, Page):
    """What projects and good practices share: a summary, a body, links and
    the terms readers filter by."""

    summary = models.TextField(
        _("summary"),
        max_length=500,
        help_text=_("Two or three sentences for lists and search results."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))
    links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        verbose_name=_("links"),
        help_text=_("Where readers can find out more."),
    )
    audiences = ParentalManyToManyField(
        Audience,
        blank=True,
        verbose_name=_("audiences"),
        related_name="%(app_label)s_pages",
    )
    formats = ParentalManyToManyField(
        Format,
        blank=True,
        verbose_name=_("formats"),
        related_name="%(app_label)s_pages",
    )
    topics = ParentalManyToManyField(
        Topic, blank=True, verbose_name=_("topics"), related_name="%(app_label)s_pages"
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown at the top of the page and on its card. The image's "
            "description is read to those who cannot see it; leave the "
            "description empty for an image that only decorates."
        ),
    )

    base_form_class = PageInItsLanguageForm
    # Among the new stories of the site's feed (core.feeds.SiteFeed).
    in_site_feed = True
    # Shown on the page alone, never on its card (core.cache_tags).
    cache_text_fields = ("body", "links")

    # Subclasses put their own panels between these two.
    lead_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("image")]
    closing_panels = [FieldPanel("body"), FieldPanel("links"), TERMS_PANEL]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    api_fields = [
        "summary",
        "body",
        "links",
        "audiences",
        "formats",
        "topics",
        "image",
    ]

    class Meta:
        abstract = True

    def summary_text(self):
        """For the meta description (core.descriptions) and the site's feed."""
        return self.summary

    def localized_terms(self):
        """Audiences, formats and topics, each in the page's language."""
        terms = {name: list(getattr(self, name).all()) for name in TERM_FIELDS}
        localize = Localizer(reading_locale(self)).prepare(
            [term for group in terms.values() for term in group]
        )
        return {
            name: [localize(term) for term in group] for name, group in terms.items()
        }
