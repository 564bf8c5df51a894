import re

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_safe
from wagtail.models import Page, Site, get_page_models

from core.cache_tags import TEXT_ANY, listing, page_tag, record
from core.descriptions import page_summary, plain_text, shorten, site_description
from core.localization import inside_url, with_untranslated
from core.request_memo import active_locale, locales, with_locale

# What XML 1.0 does not allow: control characters other than tab and line
# breaks (Word pastes U+000B for Shift+Enter), surrogates, U+FFFE and U+FFFF.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value):
    """Text that an XML document can carry: a character it cannot is dropped
    (Django's feed writer refuses them, and the whole feed would fail)."""
    return NOT_XML.sub("", str(value or ""))


class PageFeed(Feed):
    """A page's feed of ``items`` as ``feed_type`` (RSS 2.0 or Atom), in the
    page's language; each item is a page, dated by its publishing."""

    def __init__(self, page, items, feed_type):
        super().__init__()
        self.page = page
        self.items_list = items
        self.feed_type = feed_type
        self.language = page.locale.language_code

    def __call__(self, request, *args, **kwargs):
        self.request = request
        # Its items' update times change with a correction to their text.
        record(TEXT_ANY)
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return self.page.get_url(self.request)

    def feed_url(self):
        return self.request.get_full_path()

    def items(self):
        return self.items_list

    def item_title(self, item):
        return xml_text(item.title)

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class ListingFeed(PageFeed):
    """An index page's filtered listing as RSS 2.0 or Atom, in its language."""

    def title(self):
        home = self.page.get_parent()
        return xml_text(f"{self.page.title} · {home.title}")

    def description(self):
        return xml_text(strip_tags(self.page.intro) or self.page.title)

    def item_description(self, item):
        return xml_text(getattr(item, "summary", ""))


# The site's feed of new stories -------------------------------------------------

SITE_FEED_LENGTH = 30
# A story's text in the feed: its summary, or a testimonial's quote, cut here.
ITEM_TEXT_LENGTH = 500


class LanguageAtom1Feed(Atom1Feed):
    """Atom, each entry in another language than the feed's marked with its
    ``xml:lang`` (RSS 2.0 has no such attribute for an item)."""

    def item_attributes(self, item):
        attributes = super().item_attributes(item)
        if item.get("language"):
            attributes["xml:lang"] = item["language"]
        return attributes


FEED_TYPES = {"rss": Rss201rev2Feed, "atom": LanguageAtom1Feed}


def story_models():
    """The page types the site's feed lists: those that say ``in_site_feed``
    (projects, practices, testimonials, tutorials). Found among Wagtail's
    page models, so that core names none of the apps above it."""
    return [
        model for model in get_page_models() if getattr(model, "in_site_feed", False)
    ]


def site_homes(request):
    """The live, public home pages of the request's site (one per language)."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    key = site.root_page.translation_key
    with listing(page_tag(key)):
        return [
            with_locale(home)
            for home in Page.objects.filter(translation_key=key).live().public()
        ]


def new_stories(locale, homes, limit=SITE_FEED_LENGTH):
    """The newest live, public stories a reader of ``locale`` is shown, newest
    first: those in ``locale`` and, as in the lists and on the home page,
    one version of each story not yet translated into it
    (``core.localization.with_untranslated``), each of its specific type."""
    if not homes:
        return []
    under_homes = Q()
    for home in homes:
        under_homes |= Q(path__startswith=home.path, depth__gt=home.depth)
    stories = Page.objects.live().public().type(*story_models()).filter(under_homes)
    return list(
        with_untranslated(stories, locale)
        .order_by("-first_published_at", "-pk")
        .specific()[:limit]
    )


def site_feed_title(home):
    """ "New stories · <the site's name in the home page's language>"."""
    return "{} · {}".format(gettext("New stories"), home.title)


class SiteFeed(PageFeed):
    """The site's new stories in one language, as RSS 2.0 or Atom.

    A story not yet in the reader's language is listed in the version the
    lists show (the first of ``fallback_order``), linked to its reading
    inside the reader's language (``inside_url``), as the lists' cards are:
    a reader of the Russian feed lands on a Russian page, and no story the
    Russian lists show is missing from it."""

    def title(self):
        return xml_text(site_feed_title(self.page))

    def description(self):
        return xml_text(page_summary(self.page) or site_description())

    def item_description(self, item):
        return xml_text(shorten(plain_text(item.summary_text()), ITEM_TEXT_LENGTH))

    def item_link(self, item):
        url = super().item_link(item)
        if item.locale_id != self.page.locale_id:
            url = inside_url(url, self.language)
        return url

    def item_categories(self, item):
        return [xml_text(capfirst(item._meta.verbose_name))]

    def item_extra_kwargs(self, item):
        """A story shown in another language carries that language."""
        if item.locale_id == self.page.locale_id:
            return {}
        return {"language": locales()[item.locale_id].language_code}


@require_safe
def site_feed(request, kind="rss"):
    """``/<language>/feed/`` (RSS) and ``/<language>/feed/atom/``: the new
    stories of the reader's language (``SiteFeed``)."""
    locale = active_locale()
    homes = site_homes(request)
    home = next((home for home in homes if home.locale_id == locale.pk), None)
    if home is None or locale.language_code != get_language():
        raise Http404
    home = with_locale(home.specific)  # its introduction, for the description
    return SiteFeed(home, new_stories(locale, homes), FEED_TYPES[kind])(request)
