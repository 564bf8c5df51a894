"""Turn a plain-text document, as it came from the web, into page content.

Real material arrives with web boilerplate scraped into it ("Skip to
content", a form's note) and with lists written as "- " or "1. " lines. This
module reads such text into units (one a line), drops the boilerplate, and
renders units as rich text and StreamField blocks. The demo loader uses it on
the seed documents, which are kept exactly as they came.
"""

import re
from dataclasses import dataclass

from django.utils.html import escape

# Lines that a scraper picked up from the page around the text: navigation
# and form notes. Matched against the whole stripped line.
BOILERPLATE = [
    re.compile(r"skip to (main )?content", re.IGNORECASE),
    re.compile(r"przejdź do (głównej )?treści", re.IGNORECASE),
    re.compile(r"proszę pozostawić te (dwa )?pola.*", re.IGNORECASE),
    re.compile(r"please leave these (two )?fields.*", re.IGNORECASE),
]
LIST_MARKER = re.compile(r"(?:- |(\d+)\. )")
URL_IN_BRACKETS = re.compile(r"&lt;(https?://[^\s&]+(?:&amp;[^\s&]+)*)&gt;")


@dataclass(frozen=True)
class Unit:
    text: str
    kind: str = "line"  # "line", "bullet" or "numbered"
    indented: bool = False


def is_boilerplate(line):
    return any(pattern.fullmatch(line) for pattern in BOILERPLATE)


def read_units(text):
    """Every non-empty line of the text, without list markers or boilerplate."""
    units = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or is_boilerplate(line):
            continue
        kind = "line"
        marker = LIST_MARKER.match(line)
        if marker:
            kind = "numbered" if marker.group(1) else "bullet"
            line = line[marker.end() :].strip()
        units.append(Unit(line, kind, indented=raw[:1].isspace()))
    return units


def inline_html(text):
    """Escaped text, with a <https://…> address turned into a link."""
    return URL_IN_BRACKETS.sub(r'<a href="\1">\1</a>', escape(text))


def rich_text(units):
    """Units as HTML: paragraphs, and lists where units are list items.

    An indented line right after a numbered item belongs to that item.
    """
    html = []
    items = []
    list_tag = None

    def close_list():
        nonlocal items, list_tag
        if items:
            html.append(
                f"<{list_tag}>"
                + "".join(f"<li>{i}</li>" for i in items)
                + f"</{list_tag}>"
            )
        items, list_tag = [], None

    for unit in units:
        if unit.kind in ("bullet", "numbered"):
            tag = "ol" if unit.kind == "numbered" else "ul"
            if list_tag not in (None, tag):
                close_list()
            list_tag = tag
            items.append(inline_html(unit.text))
        elif unit.indented and list_tag == "ol" and items:
            items[-1] += "<br/>" + inline_html(unit.text)
        else:
            close_list()
            html.append(f"<p>{inline_html(unit.text)}</p>")
    close_list()
    return "".join(html)


def body_blocks(units, headings=()):
    """StreamField data: a heading block for each heading unit, and one
    paragraph block for the units between two headings."""
    blocks = []
    section = []

    def close_section():
        if section:
            blocks.append({"type": "paragraph", "value": rich_text(section)})
            section.clear()

    for unit in units:
        if unit.text in headings and unit.kind == "line":
            close_section()
            blocks.append(
                {"type": "heading", "value": {"text": unit.text, "level": "h2"}}
            )
        else:
            section.append(unit)
    close_section()
    return blocks


def translated(units, translations):
    """The same units with each text replaced by its translation.

    Raises KeyError naming the first unit that has none, so that a data file
    that misses one is caught when it is loaded, not shown half-translated.
    """
    return [Unit(translations[unit.text], unit.kind, unit.indented) for unit in units]


def find(units, starts_with):
    """The index of the first unit whose text starts with the given words."""
    for index, unit in enumerate(units):
        if unit.text.startswith(starts_with):
            return index
    raise ValueError(f"no line starts with {starts_with!r}")
