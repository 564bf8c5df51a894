from django.contrib.syndication.views import Feed
from django.utils.html import strip_tags


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
        return f"{self.index.title} · {home.title}"

    def link(self):
        return self.index.get_url(self.request)

    def description(self):
        return strip_tags(self.index.intro) or self.index.title

    def feed_url(self):
        return self.request.get_full_path()

    def items(self):
        return self.items_list

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return getattr(item, "summary", "") or ""

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
