from wagtail import hooks

from operations.page_cache_keys import may_store

# After any other opinion: the page cache's bounds have the last word.
hooks.register("is_response_cacheable", may_store, order=1000)
