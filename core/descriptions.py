"""What a page says of itself in a line: its meta description.

Search engines show it under the page's title, and Lighthouse's SEO audit
asks every indexable page for one. An editor's "search description" (the
promote tab's ``search_description``) wins; otherwise each page type offers
its own summary as ``summary_text()`` (a story's summary, a testimonial's
excerpt or quote, a library's place and description, a list's or home
page's introduction), and a page with none says what the site is.
"""

import html
import re

from django.utils.html import strip_tags
from django.utils.translation import gettext

# Search engines cut a description at about 155-160 characters.
DESCRIPTION_LENGTH = 160
_SPACE = re.compile(r"\s+")
# What a cut text does not end with before its ellipsis.
_TRAILING = " ,;:-–—(\"'„“«"


def plain_text(value):
    """Text, rich text or HTML as one line of plain text: tags dropped,
    entities decoded, runs of white space made one space."""
    # A space for each tag, so that "<p>a</p><p>b</p>" does not read "ab".
    text = strip_tags(re.sub(r"(<[^>]*>)", r" \1", str(value or "")))
    return _SPACE.sub(" ", html.unescape(text)).strip()


def shorten(text, limit=DESCRIPTION_LENGTH):
    """``text`` cut to at most ``limit`` characters at a word boundary, with
    an ellipsis where it was cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:  # else one very long word: cut inside it
        cut = cut[:space]
    return cut.rstrip(_TRAILING) + "…"


def site_description():
    """What the site is, for a page that has nothing of its own to say."""
    return gettext(
        "A publishing platform of a library network: projects, good practices, "
        "librarians' voices and video tutorials."
    )


def page_summary(page):
    """What the page says of itself, as plain text: its search description,
    else its own summary (``summary_text()``); "" where it has neither."""
    if page is None:
        return ""
    text = plain_text(getattr(page, "search_description", ""))
    if not text:
        summary = getattr(page, "summary_text", None)
        text = plain_text(summary()) if callable(summary) else ""
    return text


def page_description(page):
    """The page's meta description: ``page_summary``, else what the site
    is; plain text, at most ``DESCRIPTION_LENGTH`` characters."""
    return shorten(page_summary(page) or site_description())
