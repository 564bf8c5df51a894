"""The doors: each way an anonymous reader could reach hidden content.

A door lists its places (an address and what to read there) for the
versions of a subject. While the content is public, every place must show
what the door shows of it: the marker of the page, its address, its file.
Once hidden, no place may show any of it. Each place reads narrowly while
public (the section the relation is drawn in, so that the check proves that
part of the page works) and reads the whole response once the content is
hidden (a hidden title anywhere on the page is a leak).
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from bs4 import BeautifulSoup
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from libraries.models import LibraryIndexPage
from practices.models import PracticeIndexPage
from projects.models import ProjectIndexPage
from tutorials.models import TutorialIndexPage

from .world import slug

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


# The page itself ----------------------------------------------------------------


class PageDoor(Door):
    """The page at its own address in one language."""

    def __init__(self, language):
        self.id = f"page-{language}"
        self.languages = (language,)
        self.translated = (language,)
        self.description = f"the page at its address, in {language}"

    def places(self, ctx, subject, versions):
        return [
            Place(f"the {v.language} page", v.url, one(v.marker), only_body, only_body)
            for v in versions
        ]


class PreviewDoor(Door):
    id = "preview"
    description = "the admin's draft and revision views, for an anonymous reader"
    shows_live = False

    def places(self, ctx, subject, versions):
        places = []
        for v in versions:
            page = v.page()
            revision = page.get_latest_revision()
            for name, url in (
                (
                    "view_draft",
                    reverse("wagtailadmin_pages:view_draft", args=[v.page_id]),
                ),
                (
                    "revision view",
                    reverse(
                        "wagtailadmin_pages:revisions_view",
                        args=[v.page_id, revision.pk],
                    ),
                ),
            ):
                places.append(
                    Place(f"the admin's {name}", url, one(v.marker), editor=True)
                )
        return places


# Listings -----------------------------------------------------------------------


class ListingsDoor(Door):
    """Every list a page of the role would be in, and the list's facets."""

    index_model = None
    home_section = ""

    def places(self, ctx, subject, versions):
        places = []
        for v in versions:
            page = v.page()
            index = index_url(self.index_model, v.language)
            places.append(Place("the list", index, one(v.marker)))
            if v.facet:
                places.append(
                    Place("the list's facets", index, one(v.facet), facets, facets)
                )
            if self.home_section:
                places.append(
                    Place(
                        "the home page",
                        home_url(ctx.world, v.language),
                        one(v.marker),
                        section(f"section[aria-labelledby={self.home_section}]"),
                    )
                )
            places += self.more_places(ctx, page, v)
        return places

    def more_places(self, ctx, page, version):
        return []


class PracticeListings(ListingsDoor):
    """A practice in Polish only (a translation would stand for it in the
    Polish list, with its facets), with an audience of its own."""

    id = "listings-practice"
    description = (
        "the practice list (and facets), its project's and its library's pages, "
        "the home page"
    )
    roles = ("listed",)
    translated_roles = ("practice",)
    index_model = PracticeIndexPage
    home_section = "latest-practices"

    def more_places(self, ctx, page, version):
        places = [
            Place(
                "its project's page",
                page.get_parent().url,
                one(version.marker),
                section("section[aria-labelledby=practices]"),
            )
        ]
        if page.library_id:
            library = translation_in(page.library, version.language)
            if library is not None:
                places.append(
                    Place(
                        "its library's page",
                        library.url,
                        one(version.marker),
                        section("section[aria-labelledby=practices]"),
                    )
                )
        return places


class TutorialListings(ListingsDoor):
    id = "listings-tutorial"
    description = "the tutorial list (and facets), the home page"
    roles = ("tutorial",)
    # The English version would stand for the Polish one in the Polish list.
    hides = ("pl", "en")
    index_model = TutorialIndexPage
    home_section = "latest-tutorials"


class ProjectListings(ListingsDoor):
    """A project in Polish only, started in a year of its own."""

    id = "listings-project"
    description = "the project list and its facets"
    roles = ("project2",)
    translated_roles = ("project",)
    index_model = ProjectIndexPage


class LibraryListings(ListingsDoor):
    id = "listings-library"
    description = "the library directory"
    roles = ("library", "partner")
    index_model = LibraryIndexPage


class FeedsDoor(Door):
    index_model = None

    def places(self, ctx, subject, versions):
        places = []
        for v in versions:
            index = index_url(self.index_model, v.language)
            for name in ("rss", "atom"):
                places.append(
                    Place(f"the {name} feed", f"{index}feed/{name}/", one(v.marker))
                )
        return places


class PracticeFeeds(FeedsDoor):
    id = "feeds-practice"
    description = "the practice list's RSS and Atom feeds"
    index_model = PracticeIndexPage


class TutorialFeeds(FeedsDoor):
    id = "feeds-tutorial"
    description = "the tutorial list's RSS and Atom feeds"
    roles = ("tutorial",)
    index_model = TutorialIndexPage


class ProjectFeeds(FeedsDoor):
    id = "feeds-project"
    description = "the project list's RSS and Atom feeds"
    roles = ("project",)
    index_model = ProjectIndexPage


# Search, sitemap, API -----------------------------------------------------------


class SearchDoor(Door):
    id = "search"
    description = "the search page: its results, their count and facets"

    def places(self, ctx, subject, versions):
        return [
            Place(
                "the search",
                f"/{v.language}/search/?{urlencode({'q': v.marker})}",
                one(v.marker),
                search_results,
                search_results,
            )
            for v in versions
        ]


class SitemapDoor(Door):
    id = "sitemap"
    description = "/sitemap.xml: addresses and their alternates"

    def places(self, ctx, subject, versions):
        return [Place("the sitemap", "/sitemap.xml", one(v.slug)) for v in versions]


class ApiPagesDoor(Door):
    id = "api-pages"
    description = "/api/v2/pages/: the list, ?search= and the detail"

    def places(self, ctx, subject, versions):
        places = []
        for v in versions:
            page_type = v.page()._meta.label
            query = urlencode({"type": page_type, "locale": v.language})
            places += [
                Place("the API's list", f"/api/v2/pages/?{query}", one(v.marker)),
                Place(
                    "the API's search",
                    f"/api/v2/pages/?{urlencode({'search': v.marker})}",
                    one(v.marker),
                ),
                Place("the API's detail", f"/api/v2/pages/{v.page_id}/", one(v.marker)),
            ]
        return places


# Redirects and languages --------------------------------------------------------


def rename(ctx, page, new_slug):
    """Give ``page`` a new address as an editor would in the admin: a live
    page through a published revision; a draft is saved with it (the edit
    view saves a page that is not live) and gets a revision."""
    page = Page.objects.get(pk=page.pk).specific
    with ctx.capture(execute=True):
        page.slug = new_slug
        if page.live:
            page.save_revision().publish()
        else:
            page.save()
            page.save_revision()
    ctx.changed()
    return Page.objects.get(pk=page.pk)


class RedirectsDoor(Door):
    """Renaming a page: its old address redirects to the new one while the
    public may see the page; once hidden, no redirect reveals its address,
    whether made by the renaming or earlier, while it was public."""

    id = "redirects"
    description = "automatic redirects from old addresses"
    # A translation in progress is started in the cell, so that what
    # wagtail-localize does on commit (write the translated slug) runs.
    fresh_translation = True

    def check_shown(self, ctx, subject):
        problems = []
        for v in subject.shown:
            page = Page.objects.get(pk=v.page_id)
            before = page.url
            after = rename(ctx, page, slug(v.role, v.language, "moved")).url
            response = ctx.get(before)
            if response.location != after:
                problems.append(
                    f"renaming the public page made no redirect: GET {before} → "
                    f"{response}, expected → {after}"
                )
        return problems

    def check_hidden(self, ctx, subject):
        found = []
        kept = subject.kept or [None] * len(subject.hidden)
        for hidden, live in zip(subject.hidden, kept, strict=True):
            page = Page.objects.get(pk=hidden.page_id)
            urls = {page.url, *subject.old_urls.get(page.pk, [])}
            if live is not None:
                # A draft revision carries the new address: the live page
                # keeps its own, and the draft's leads nowhere.
                secrets = {hidden.slug, hidden.marker}
                urls.add(f"{page.get_parent().url}{hidden.slug}/")
            else:
                secret = slug(hidden.role, hidden.language, "secret")
                # A page that was never public has no public address at all.
                secrets = {secret, *([page.slug] if subject.hidden_first else [])}
                page = rename(ctx, page, secret)
                urls.discard(page.url)
            urls |= {
                redirect.old_path.rstrip("/") + "/"
                for redirect in Redirect.objects.filter(redirect_page_id=page.pk)
            }
            for url in sorted(urls):
                response = ctx.get(url)
                text = everything(response)
                for token in sorted(secrets):
                    if token not in url and token in text:
                        found.append(
                            f"GET {url} → {response} reveals {token}, the hidden page's"
                        )
            if live is not None:
                response = ctx.get(page.url)
                if live.marker not in response.text:
                    found.append(f"the live page is gone: GET {page.url} → {response}")
        return found


class LanguageLinksDoor(Door):
    """The language switcher and hreflang links of the page's other,
    public, versions: a hidden translation is linked from none of them."""

    id = "language-links"
    description = "the language switcher and hreflang alternates of the Polish page"
    languages = ("ru",)

    def places(self, ctx, subject, versions):
        places = []
        for v in versions:
            polish = translation_in(v.page(), "pl")
            places.append(
                Place(
                    "the Polish page's language links",
                    polish.url,
                    one(v.slug),
                    language_links,
                )
            )
        return places


# Tutorials ----------------------------------------------------------------------


class EmbedDoor(Door):
    id = "embed"
    description = "the tutorial's embed page"
    roles = ("tutorial",)

    def places(self, ctx, subject, versions):
        return [
            Place("the embed page", f"{v.url}embed/", one(v.marker)) for v in versions
        ]


class OEmbedDoor(Door):
    id = "oembed"
    description = "the oEmbed endpoint for the tutorial's address"
    roles = ("tutorial",)

    def places(self, ctx, subject, versions):
        return [
            Place(
                "oEmbed",
                f"/oembed/?{urlencode({'url': HOST + v.url})}",
                one(v.marker),
            )
            for v in versions
        ]


class MediaDoor(Door):
    """The tutorial's files: video, its thumbnail, the poster and its
    renditions, the caption tracks. Its versions share them, so all are
    hidden together."""

    id = "media"
    description = "/media/ files: video, thumbnail, poster and renditions, captions"
    roles = ("tutorial",)
    languages = ("pl", "en")
    translated = ("pl", "en")

    def places(self, ctx, subject, versions):
        urls = sorted({url for v in versions for url in ctx.world.files[v.role]})
        return [
            Place("the file", url, one(url), served(url), served(url)) for url in urls
        ]


class ApiImagesDoor(Door):
    id = "api-images"
    description = "/api/v2/images/: the list and the poster's detail"
    roles = ("tutorial",)
    languages = ("pl", "en")
    translated = ("pl", "en")

    def places(self, ctx, subject, versions):
        places = {}
        for v in versions:
            poster = ctx.world.posters[v.role]
            for label, url in (
                ("the images API's list", "/api/v2/images/"),
                ("the images API's detail", f"/api/v2/images/{poster.id}/"),
            ):
                places[url] = Place(label, url, one(poster.marker))
        return list(places.values())


# Relations ----------------------------------------------------------------------


def markers_of(versions, roles):
    """One group per role named (``library`` covers the ``freshlibrary`` a
    cell makes): the role's markers in any language."""
    groups = (tuple(v.marker for v in versions if role in v.role) for role in roles)
    return tuple(group for group in groups if group)


class RelationDoor(Door):
    """Public pages that name the subject: in the language they are read in,
    the relation drawn in it (the source's, or its translation's).

    The Polish pages name the Polish subject (a page stands for a related
    page in its own language only by a translation in that language), so the
    Polish subject alone is hidden; under a restricted source, the English
    pages are read, and both versions are hidden by the rule."""

    translated = ("pl", "en")
    # (pointer name, label, reader while public, roles it names)
    shown_on: tuple = ()

    def places(self, ctx, subject, versions):
        places = []
        for name, label, url_of, reader, roles in self.shown_on:
            page_id = subject.pointers.get(name)
            if page_id is None:
                continue
            expected = markers_of(versions, roles)
            if expected:
                places.append(Place(label, url_of(page_id), expected, reader))
        return places


def page_url(page_id):
    return Page.objects.get(pk=page_id).url


def api_url(page_id):
    return f"/api/v2/pages/{page_id}/"


P = ("project",)
LIBRARIES = ("library", "partner")
T = ("testimonial",)


class ProjectRelations(RelationDoor):
    id = "project-relations"
    description = (
        "the project named on its practice and testimonial (“Project: …”), "
        "featured on the home page, on its tutorial and its library's page"
    )
    roles = P
    shown_on = (
        ("practice", "the practice's facts", page_url, section("dl.facts"), P),
        (
            "testimonial",
            "the testimonial's page",
            page_url,
            section("article.testimonial > p"),
            P,
        ),
        (
            "home",
            "the home page's featured projects",
            page_url,
            section("section[aria-labelledby=featured-projects]"),
            P,
        ),
        ("tutorial", "the tutorial's facts", page_url, section("dl.facts"), P),
        (
            "library",
            "the library's projects",
            page_url,
            section("section[aria-labelledby=projects]"),
            P,
        ),
    )


class LibraryRelations(RelationDoor):
    id = "library-relations"
    description = (
        "the libraries named on their practice (library, partners), project "
        "(participants) and testimonial"
    )
    roles = LIBRARIES
    shown_on = (
        ("practice", "the practice's facts", page_url, section("dl.facts"), LIBRARIES),
        (
            "project",
            "the project's participants",
            page_url,
            section("section[aria-labelledby=libraries]"),
            LIBRARIES,
        ),
        (
            "testimonial",
            "the testimonial's attribution",
            page_url,
            section("figure.testimonial__quote figcaption"),
            ("library",),
        ),
    )


class TestimonialRelations(RelationDoor):
    id = "testimonial-relations"
    description = "the testimonial on the home page, its library's and project's pages"
    roles = T
    shown_on = (
        (
            "home",
            "the home page's testimonial",
            page_url,
            section("section[aria-labelledby=testimonial]"),
            T,
        ),
        (
            "library",
            "the library's testimonials",
            page_url,
            section("section[aria-labelledby=testimonials]"),
            T,
        ),
        (
            "project",
            "the project's testimonials",
            page_url,
            section("section[aria-labelledby=testimonials]"),
            T,
        ),
    )


class ApiRelatedProject(ProjectRelations):
    id = "api-related-project"
    description = "the project in the API's detail of the home page and the tutorial"
    shown_on = (
        ("home", "the home page's featured_projects (API)", api_url, everything, P),
        ("tutorial", "the tutorial's project (API)", api_url, everything, P),
    )


class ApiRelatedLibraries(LibraryRelations):
    id = "api-related-libraries"
    description = (
        "the libraries in the API's detail of the practice (library, partners), "
        "project (project_libraries) and testimonial (library)"
    )
    shown_on = (
        (
            "practice",
            "the practice's library and partners (API)",
            api_url,
            everything,
            LIBRARIES,
        ),
        (
            "project",
            "the project's project_libraries (API)",
            api_url,
            everything,
            LIBRARIES,
        ),
        (
            "testimonial",
            "the testimonial's library (API)",
            api_url,
            everything,
            ("library",),
        ),
    )


class ApiRelatedTestimonial(TestimonialRelations):
    id = "api-related-testimonial"
    description = "the testimonial in the API's detail of the home page"
    shown_on = (("home", "the home page's testimonial (API)", api_url, everything, T),)


# Documents ----------------------------------------------------------------------


class DocumentDoor(Door):
    roles = ("document",)


class DocumentBlockDoor(DocumentDoor):
    id = "document-block"
    description = "a public page's DocumentBlock: the document's title, link and size"

    def places(self, ctx, subject, versions):
        practice = ctx.world.version("practice", "pl")
        document = ctx.world.document
        name = document.url.rsplit("/", 1)[-1]
        return [
            Place(
                "the practice's document block",
                practice.url,
                ((v.marker,), (name,)),
                section(".block-document"),
            )
            for v in versions
        ]


class DocumentFileDoor(DocumentDoor):
    id = "document-file"
    description = "the document's own address, /documents/<id>/<name>"

    def places(self, ctx, subject, versions):
        url = ctx.world.document.url
        return [
            Place("the document", url, one("mxdocumentbytesx"), only_body, only_body)
        ]


class ApiDocumentsDoor(DocumentDoor):
    id = "api-documents"
    description = "/api/v2/documents/: the list and the detail"

    def places(self, ctx, subject, versions):
        document = ctx.world.document
        return [
            Place(
                "the documents API's list", "/api/v2/documents/", one(document.marker)
            ),
            Place(
                "the documents API's detail",
                f"/api/v2/documents/{document.id}/",
                one(document.marker),
            ),
        ]


DOORS = [
    PageDoor("pl"),
    PageDoor("en"),
    PageDoor("ru"),
    PageDoor("fi"),
    PreviewDoor(),
    PracticeListings(),
    PracticeFeeds(),
    SearchDoor(),
    SitemapDoor(),
    ApiPagesDoor(),
    RedirectsDoor(),
    LanguageLinksDoor(),
    TutorialListings(),
    TutorialFeeds(),
    EmbedDoor(),
    OEmbedDoor(),
    MediaDoor(),
    ApiImagesDoor(),
    ProjectListings(),
    ProjectFeeds(),
    ProjectRelations(),
    ApiRelatedProject(),
    LibraryListings(),
    LibraryRelations(),
    ApiRelatedLibraries(),
    TestimonialRelations(),
    ApiRelatedTestimonial(),
    DocumentBlockDoor(),
    DocumentFileDoor(),
    ApiDocumentsDoor(),
]
