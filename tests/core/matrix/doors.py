"""The doors: each way an anonymous reader could reach hidden content.

A door lists its places (an address and what to read there) for the
versions of a subject; reading.Door checks them. The doors of the pages
themselves, their lists, feeds, search, sitemap, API, redirects and
languages are here; those of relations drawn on other pages in
relations.py; those of files (a tutorial's player and media, documents) in
media.py. ``DOORS`` lists them all.
"""

from urllib.parse import urlencode

from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from libraries.models import LibraryIndexPage
from practices.models import PracticeIndexPage
from projects.models import ProjectIndexPage
from tutorials.models import TutorialIndexPage

from .media import (
    ApiDocumentsDoor,
    ApiImagesDoor,
    DocumentBlockDoor,
    DocumentFileDoor,
    EmbedDoor,
    MediaDoor,
    OEmbedDoor,
)
from .reading import (
    Door,
    Place,
    everything,
    facets,
    home_url,
    index_url,
    language_links,
    one,
    only_body,
    search_results,
    section,
    translation_in,
)
from .relations import (
    ApiRelatedLibraries,
    ApiRelatedProject,
    ApiRelatedTestimonial,
    LibraryRelations,
    ProjectRelations,
    TestimonialRelations,
)
from .world import slug

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


class SiteFeedDoor(Door):
    """The site's feed of new stories (core.feeds.SiteFeed), which lists
    practices, projects, testimonials and tutorials alike with one query:
    the practice stands for them, as the list feeds' doors already read
    each kind's own query."""

    id = "site-feed"
    description = "the site's RSS and Atom feeds of new stories"

    def places(self, ctx, subject, versions):
        places = []
        for v in versions:
            for name, path in (("rss", "feed/"), ("atom", "feed/atom/")):
                url = f"/{v.language}/{path}"
                places.append(Place(f"the site's {name} feed", url, one(v.marker)))
        return places


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
            earlier = set(redirects_to(page))
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
            urls |= set(redirects_to(page))
            for url in sorted(urls):
                response = ctx.get(url)
                text = everything(response)
                for token in sorted(secrets):
                    if token not in url and token in text:
                        how = (
                            "a redirect made while the page was public now leads to"
                            if url in earlier
                            else "renaming the hidden page made a redirect to"
                        )
                        found.append(
                            f"GET {url} → {response}: {how} {token}, the address "
                            "it was given while hidden"
                        )
            if live is not None:
                response = ctx.get(page.url)
                if live.marker not in response.text:
                    found.append(f"the live page is gone: GET {page.url} → {response}")
        return found


def redirects_to(page):
    """The old addresses that redirect to ``page``."""
    return [
        redirect.old_path.rstrip("/") + "/"
        for redirect in Redirect.objects.filter(redirect_page_id=page.pk)
    ]


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


DOORS = [
    PageDoor("pl"),
    PageDoor("en"),
    PageDoor("ru"),
    PageDoor("fi"),
    PreviewDoor(),
    PracticeListings(),
    PracticeFeeds(),
    SiteFeedDoor(),
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
