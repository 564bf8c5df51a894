"""The content the matrix hides, built once for the test module.

Every page here carries a marker, a word found nowhere else, in its title
(and summary), and an address of its own: a door that shows the page shows
the word, a door that lists its address shows the slug. Markers read
``mx<role><language>x`` and slugs ``sg<role><language>``; no marker or slug
is part of another, so finding one never means finding a second.

What the world holds, and how, is in building.py.
"""

from dataclasses import dataclass, field, replace

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Collection, Page

from home.models import HomePage

LANGUAGES = ("pl", "en", "ru", "fi")
PASSWORD = "matrix-secret"  # noqa: S105 (a test page's password)
# The years the projects started: facet values found nowhere else.
PROJECT_YEAR = 1902
LISTED_PROJECT_YEAR = 1901


def marker(role, language, prefix=""):
    return f"mx{prefix}{role}{language}x"


def slug(role, language, prefix=""):
    return f"sg{prefix}{role}{language}"


@dataclass(frozen=True)
class Version:
    """One page of the world in one language, and the words that show it."""

    role: str
    language: str
    page_id: int
    marker: str
    slug: str
    # The word a listing's facet shows for it (its audience), if any.
    facet: str = ""

    def page(self):
        return Page.objects.get(pk=self.page_id).specific

    @property
    def url(self):
        return Page.objects.get(pk=self.page_id).url

    def drafted(self):
        """The same page as a draft revision that renames it (title, summary,
        slug) would show it."""
        return replace(
            self,
            marker=marker(self.role, self.language, "draft"),
            slug=slug(self.role, self.language, "draft"),
            facet="",
        )


@dataclass(frozen=True)
class Thing:
    """Something that is not a page: a document, a poster, a media file."""

    id: int
    marker: str
    url: str


@dataclass
class World:
    pages: dict = field(default_factory=dict)  # (role, language) → Version
    in_progress: dict = field(default_factory=dict)  # role → Russian draft
    homes: dict = field(default_factory=dict)  # language → page id
    # (role, language) → the public pages that name that page there, by name.
    pointer_table: dict = field(default_factory=dict)
    # What readers get from the world as built (doors.Context.get).
    first_reads: dict = field(default_factory=dict)
    files: dict = field(default_factory=dict)  # tutorial role → media URLs
    posters: dict = field(default_factory=dict)  # tutorial role → Thing
    document: Thing | None = None
    collection_id: int = 0
    group_id: int = 0
    editor_id: int = 0

    def __repr__(self):
        return f"<the matrix's world: {len(self.pages)} pages>"

    def version(self, role, language):
        return self.pages.get((role, language))

    def versions(self, roles, languages):
        return [
            self.pages[(role, language)]
            for role in roles
            for language in languages
            if (role, language) in self.pages
        ]

    def pointers(self, role, language):
        return dict(self.pointer_table.get((role, language), {}))

    def home(self, language):
        return HomePage.objects.get(pk=self.homes[language])

    def editor(self):
        return get_user_model().objects.get(pk=self.editor_id)

    def group(self):
        return Group.objects.get(pk=self.group_id)

    def collection(self):
        return Collection.objects.get(pk=self.collection_id)
