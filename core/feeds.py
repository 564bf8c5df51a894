import re

from django.contrib.syndication.views import Feed
from django.utils.html import strip_tags

# What XML 1.0 does not allow: control characters other than tab and line
# breaks (Word pastes U+000B for Shift+Enter), surrogates, U+FFFE and U+FFFF.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value):
    """Text that an XML document can carry: a character it cannot is dropped
    (Django's feed writer refuses them, and the whole feed would fail)."""
    return NOT_XML.sub("", str(value or ""))


class ListingFeed(Feed):
    """An index page's filtered listing as RSS 2.0 or Atom, in its language."""

    def __init__(self, index, items, feed_type):
        super().__init__()
        self.index = index
        self.items_list = items
        self.feed_type = feed_type
        self.language = index.locale.language_code

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        home = self.index.get_parent()
        return xml_text(f"{self.index.title} · {home.title}")

    def link(self):
        return self.index.get_url(self.request)

    def description(self):
        return xml_text(strip_tags(self.index.intro) or self.index.title)

    def feed_url(self):
        return self.request.get_full_path()

    def items(self):
        return self.items_list

    def item_title(self, item):
        return xml_text(item.title)

    def item_description(self, item):
        return xml_text(getattr(item, "summary", ""))

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
