"""Reading what a door gives a reader, and checking it.

A door lists its places (an address and what to read there) for the
versions of a subject. While the content is public, every place must show
what the door shows of it: the marker of the page, its address, its file.
Once hidden, no place may show any of it. Each place reads narrowly while
public (the section the relation is drawn in, so that the check proves that
part of the page works) and reads the whole response once the content is
hidden (a hidden title anywhere on the page is a leak).
"""

from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from django.core.cache import caches
from django.test import Client
from wagtail.models import Page

HOST = "http://testserver"


# Reading responses -------------------------------------------------------------


@dataclass
class Snapshot:
    """What a reader got: the status, where a redirect sends them, the body."""

    status_code: int
    location: str
    text: str = field(repr=False)
    _html: object = field(default=None, repr=False)

    @classmethod
    def of(cls, response):
        if getattr(response, "streaming", False):
            content = b"".join(response.streaming_content)
        else:
            content = response.content
        return cls(
            response.status_code,
            response.get("Location", ""),
            content.decode("utf-8", "replace"),
        )

    @property
    def html(self):
        if self._html is None:
            self._html = BeautifulSoup(self.text, "html.parser")
        return self._html

    def __str__(self):
        return f"{self.status_code}" + (f" → {self.location}" if self.location else "")


def everything(snapshot):
    """The body, and where a redirect would send the reader."""
    return f"{snapshot.text}\n{snapshot.location}"


def only_body(snapshot):
    return snapshot.text


def section(*selectors):
    """The first element each selector finds, as HTML."""

    def read(snapshot):
        found = (snapshot.html.select_one(selector) for selector in selectors)
        return "\n".join(str(element) for element in found if element is not None)

    return read


def facets(snapshot):
    """Each facet choice with a count above zero, as "label (count)"."""
    choices = []
    for item in snapshot.html.select(".facet li"):
        label = item.find("a").get_text(" ", strip=True)
        count = item.select_one(".count").get_text(strip=True).strip("()")
        if count.isdigit() and int(count) > 0:
            choices.append(f"{label} ({count})")
    return "\n".join(choices)


def search_results(snapshot):
    """The results, their count and the facets: not the query, which the
    page repeats whatever it finds."""
    html = snapshot.html
    parts = [str(item) for item in html.select(".search-result")]
    parts += [item.get_text(" ", strip=True) for item in html.select(".result-count")]
    parts.append(facets(snapshot))
    return "\n".join(parts)


def language_links(snapshot):
    """The language switcher's links and the page's hreflang alternates."""
    links = snapshot.html.select(".language-switcher a[hreflang]")
    links += snapshot.html.select("link[rel=alternate][hreflang]")
    return "\n".join(str(link) for link in links)


def served(url):
    """The file's address when it is served (2xx with bytes), else nothing."""

    def read(snapshot):
        return url if 200 <= snapshot.status_code < 300 and snapshot.text else ""

    return read


# Places and cells -------------------------------------------------------------


@dataclass
class Place:
    """An address, and what a door expects to find there while public.

    ``expected`` holds groups of tokens: each group must have one token shown
    (a relation drawn in the page's language or in the source's)."""

    label: str
    url: str
    expected: tuple
    reader: object = everything
    hidden_reader: object = everything
    editor: bool = False  # read while public by an editor (the preview door)


@dataclass
class Context:
    """One cell's readers (anonymous, and an editor for the preview door) and
    what they read.

    While ``pristine`` (the cell has changed nothing yet), what a reader gets
    is what the world as built gives, the same in every cell: an address read
    then is kept in ``world.first_reads`` for the next cells that start from
    it. Anything read after a change (``changed``) is read anew."""

    world: object
    client: Client
    capture: object  # django_capture_on_commit_callbacks
    pristine: bool = True
    _editor: Client | None = None
    _reads: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        caches["pages"].clear()

    def editor(self):
        if self._editor is None:
            self._editor = Client()
            self._editor.force_login(self.world.editor())
        return self._editor

    def changed(self):
        """Forget what was read: the page cache and this cell's responses."""
        self.pristine = False
        caches["pages"].clear()
        self._reads = {}

    def get(self, url, editor=False):
        key = (url, editor)
        reads = self.world.first_reads if self.pristine else self._reads
        if key not in reads:
            client = self.editor() if editor else self.client
            reads[key] = Snapshot.of(client.get(url))
        return reads[key]


def excerpt(text, token, width=90):
    at = text.find(token)
    start = max(at - width, 0)
    return " ".join(text[start : at + len(token) + width].split())


class Door:
    id = ""
    # The roles of the world the door is about, the languages whose versions
    # it looks at, and those it looks at for a translation of a restricted
    # source (whose own language is the password-page row's).
    roles: tuple = ("practice",)
    languages: tuple = ("pl",)
    translated: tuple = ("en",)
    # The languages whose versions the state hides, when more than those
    # looked at: a list shows another language's version of what is missing
    # in its own, and that version's facets with it.
    hides: tuple = ()
    # The roles looked at for a translation of a restricted source, when the
    # door's own have no translations.
    translated_roles: tuple = ()
    # Whether the door still shows the live version while a draft of it waits
    # (the admin's preview never shows anything to an anonymous reader).
    shows_live = True
    description = ""

    def places(self, ctx, subject, versions):
        raise NotImplementedError

    def missing(self, ctx, subject, versions):
        """What a place fails to show of ``versions``."""
        problems = []
        for place in self.places(ctx, subject, versions):
            response = ctx.get(place.url, editor=place.editor)
            text = place.reader(response)
            for group in place.expected:
                if not any(token in text for token in group):
                    problems.append(
                        f"{place.label} ({place.url}, {response}) "
                        f"does not show {' or '.join(group)}"
                    )
        return problems

    def leaks(self, ctx, subject, versions):
        """Where ``versions`` are still shown, with what was seen."""
        found = []
        for place in self.places(ctx, subject, versions):
            response = ctx.get(place.url)
            text = place.hidden_reader(response)
            for token in sorted({token for group in place.expected for token in group}):
                if token in text:
                    found.append(
                        f"{place.label} ({place.url}, {response}) shows "
                        f"{token}: …{excerpt(text, token)}…"
                    )
        return found

    def check_shown(self, ctx, subject):
        return self.missing(ctx, subject, subject.shown)

    def check_hidden(self, ctx, subject):
        found = self.leaks(ctx, subject, subject.hidden)
        if subject.kept and self.shows_live:
            found += [
                f"the live version is gone: {problem}"
                for problem in self.missing(ctx, subject, subject.kept)
            ]
        return found


def translation_in(page, language):
    """The live version of ``page`` in ``language``, or None."""
    return (
        Page.objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=language)
        .first()
    )


def index_url(model, language):
    return model.objects.get(locale__language_code=language).url


def home_url(world, language):
    return world.home(language).url


def one(token):
    return ((token,),)
