"""The states: each a way content is hidden from the public.

A state picks the subject of a cell (which versions of which pages of the
world the door looks at), then hides it. Most states hide content that was
public; three start from content that never was (a draft never published, a
translation in progress, a draft tutorial's files): for those the cell reads
the door while the content is hidden, then publishes it and reads the door
again, so that the same check can also fail.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone
from wagtail.models import (
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
)

from home.models import HomeFeaturedProject
from libraries.models import LibraryIndexPage, LibraryPage
from practices.models import PracticePage, PracticePartner
from projects.models import ProjectIndexPage, ProjectLibrary, ProjectPage
from projects.models import TestimonialPage as Testimonial

from .world import PASSWORD, Version, in_progress, marker, slug


@dataclass
class Subject:
    """What a cell looks for: ``shown`` while public, ``hidden`` gone once
    hidden, ``kept`` still shown then (the live version beside a draft)."""

    shown: list
    hidden: list
    kept: list = field(default_factory=list)
    # The versions the state acts on, when more than those looked at (a
    # listing shows another language's version of content missing in its own).
    targets: list = field(default_factory=list)
    # The public pages that point at the subject, by name, and the language
    # they are read in (relation doors).
    pointers: dict = field(default_factory=dict)
    language: str = "pl"
    hidden_first: bool = False
    # Addresses a page had before the cell began (redirects door).
    old_urls: dict = field(default_factory=dict)


def fresh(version):
    return Page.objects.get(pk=version.page_id).specific


class State:
    id = ""
    description = ""
    hidden_first = False

    def subject(self, ctx, door):
        versions = ctx.world.versions(door.roles, door.languages)
        assert versions, f"the world has no {door.roles} in {door.languages}"
        return Subject(
            shown=versions,
            hidden=versions,
            targets=ctx.world.versions(door.roles, door.hides or door.languages),
            pointers=ctx.world.pointers(door.roles[0], "pl"),
        )

    def hide(self, ctx, subject):
        for page in self.pages(subject):
            self.apply(ctx, page)

    def pages(self, subject):
        return [fresh(version) for version in subject.targets or subject.hidden]

    def apply(self, ctx, page):
        raise NotImplementedError

    def reveal(self, ctx, subject):
        """Publish what was hidden (the states that start hidden), as review
        would: its latest revision."""
        for version in subject.hidden:
            fresh(version).get_latest_revision().publish()


class Unpublished(State):
    id = "unpublished"
    description = "a page unpublished"

    def apply(self, ctx, page):
        page.unpublish()


class Scheduled(State):
    id = "scheduled"
    description = "a go-live in the future: unpublished, a revision approved for later"

    def apply(self, ctx, page):
        page.unpublish()
        page = Page.objects.get(pk=page.pk).specific
        page.go_live_at = timezone.now() + timedelta(days=7)
        revision = page.save_revision()
        revision.publish()
        page = Page.objects.get(pk=page.pk)
        revision.refresh_from_db()
        assert not page.live and revision.approved_go_live_at > timezone.now()


class Restricted(State):
    """A view restriction on the page itself, or on its parent (a section)."""

    def __init__(self, restriction_type, on_section):
        self.restriction_type = restriction_type
        self.on_section = on_section
        where = "section" if on_section else "page"
        self.id = f"{restriction_type}-{where}"
        self.description = f"a {restriction_type.upper()} view restriction on the " + (
            "page's parent section" if on_section else "page"
        )

    def pages(self, subject):
        pages = super().pages(subject)
        if not self.on_section:
            return pages
        parents = {page.get_parent().pk: page.get_parent() for page in pages}
        return list(parents.values())

    def apply(self, ctx, page):
        restriction = PageViewRestriction.objects.create(
            page=page,
            restriction_type=self.restriction_type,
            password=PASSWORD if self.restriction_type == "password" else "",
        )
        if self.restriction_type == "groups":
            restriction.groups.add(ctx.world.group())


class DraftRevision(State):
    id = "draft-revision"
    description = "a draft revision of a live page, renaming it (title, summary, slug)"

    def subject(self, ctx, door):
        subject = super().subject(ctx, door)
        subject.hidden = [version.drafted() for version in subject.shown]
        subject.kept = list(subject.shown)
        return subject

    def hide(self, ctx, subject):
        for live in subject.targets:
            draft = live.drafted()
            page = fresh(live)
            page.title = page.title.replace(live.marker, draft.marker)
            if hasattr(page, "summary"):
                page.summary = page.summary.replace(live.marker, draft.marker)
            page.slug = draft.slug
            page.save_revision()
            page = Page.objects.get(pk=page.pk)
            assert page.live and page.has_unpublished_changes


class UnderUnpublishedParent(State):
    id = "under-unpublished-parent"
    description = "a live page under an unpublished parent"

    def pages(self, subject):
        parents = {}
        for page in super().pages(subject):
            parent = page.get_parent().specific
            parents[parent.pk] = parent
        return list(parents.values())

    def apply(self, ctx, page):
        page.unpublish()


class TranslationOfRestricted(State):
    """A password on the source page: its existing translations are hidden
    with it. The door looks at the translations (the source itself is the
    password-page row's)."""

    id = "translation-of-password-source"
    description = "the existing translations of a password-restricted source page"

    def subject(self, ctx, door):
        roles = door.translated_roles or door.roles
        versions = ctx.world.versions(roles, door.translated)
        assert versions, f"the world has no {roles} in {door.translated}"
        language = "en"
        return Subject(
            shown=versions,
            hidden=versions,
            targets=versions,
            pointers=ctx.world.pointers(roles[0], language),
            language=language,
        )

    def pages(self, subject):
        sources = {}
        for version in subject.targets:
            key = Page.objects.get(pk=version.page_id).translation_key
            source = Page.objects.get(translation_key=key, locale__language_code="pl")
            sources[source.pk] = source
        return list(sources.values())

    def apply(self, ctx, page):
        PageViewRestriction.objects.create(
            page=page, restriction_type="password", password=PASSWORD
        )


class NeverPublished(State):
    """A page created and never published: the world's drafts (a practice
    in each language, a tutorial), or, for what public pages point at (a
    project, libraries, a testimonial), drafts made here and chosen by them."""

    id = "draft-never-published"
    description = "a draft never published"
    hidden_first = True

    def subject(self, ctx, door):
        world = ctx.world
        kind = door.roles[0]
        if kind in ("practice", "listed"):
            versions = world.versions(("never",), door.languages)
            return Subject(versions, versions, hidden_first=True)
        if kind == "tutorial":
            versions = world.versions(("nevertutorial",), ("pl",))
            return Subject(versions, versions, hidden_first=True)
        wired = bool(getattr(door, "shown_on", ()))
        build = {
            "project": fresh_project,
            "project2": fresh_project,
            "library": fresh_libraries,
            "testimonial": fresh_testimonial,
        }[kind]
        versions, pointers = build(world, wired)
        ctx.changed()
        return Subject(versions, versions, pointers=pointers, hidden_first=True)


class TranslationInProgress(State):
    """A Russian translation started in wagtail-localize, saved as a draft."""

    id = "translation-in-progress"
    description = "a translation in progress: into Russian, a draft never published"
    hidden_first = True

    ROLES = {
        ("practice",): ("spare",),
        ("listed",): ("spare",),
        ("tutorial",): ("tutorial",),
        ("project",): ("project2",),
        ("project2",): ("project2",),
        ("library", "partner"): ("library", "partner"),
        ("testimonial",): ("testimonial",),
    }

    def subject(self, ctx, door):
        if getattr(door, "fresh_translation", False):
            subject = fresh_translation(ctx)
            ctx.changed()
            return subject
        roles = self.ROLES[door.roles]
        versions = [
            version for role in roles for version in ctx.world.in_progress[role]
        ]
        return Subject(
            versions,
            versions,
            pointers=ctx.world.pointers(roles[0], "ru"),
            language="ru",
            hidden_first=True,
        )


class PrivateDocument(State):
    id = "private-document"
    description = "a document in a private collection (a CollectionViewRestriction)"

    def subject(self, ctx, door):
        document = ctx.world.document
        version = Version("document", "", 0, document.marker, "sgdocument")
        return Subject([version], [version])

    def hide(self, ctx, subject):
        CollectionViewRestriction.objects.create(
            collection=ctx.world.collection(),
            restriction_type=CollectionViewRestriction.LOGIN,
        )


class DraftTutorialMedia(State):
    id = "draft-tutorial-media"
    description = "a video, poster and caption track attached only to a draft tutorial"
    hidden_first = True

    def subject(self, ctx, door):
        versions = ctx.world.versions(("nevertutorial",), ("pl",))
        return Subject(versions, versions, hidden_first=True)


STATES = [
    NeverPublished(),
    Unpublished(),
    Scheduled(),
    Restricted("password", on_section=False),
    Restricted("password", on_section=True),
    Restricted("login", on_section=False),
    Restricted("login", on_section=True),
    Restricted("groups", on_section=False),
    Restricted("groups", on_section=True),
    DraftRevision(),
    UnderUnpublishedParent(),
    TranslationOfRestricted(),
    PrivateDocument(),
    DraftTutorialMedia(),
    TranslationInProgress(),
]


# Drafts made in a cell, and the public pages that choose them -------------------


def draft_version(role, page):
    return Version(role, "pl", page.pk, marker(role, "pl"), slug(role, "pl"))


def add_draft(parent, page):
    page.live = False
    parent.add_child(instance=page)
    page.save_revision()
    return page


def publish(page):
    page.save_revision().publish()


def fresh_project(world, wired):
    library = fresh(world.version("library", "pl"))
    project = ProjectPage(
        title=f"Projekt {marker('freshproject', 'pl')}",
        slug=slug("freshproject", "pl"),
        summary=f"Szkic {marker('freshproject', 'pl')}.",
    )
    project.project_libraries = [ProjectLibrary(library=library, role="leading")]
    add_draft(ProjectIndexPage.objects.get(locale__language_code="pl"), project)
    pointers = {}
    if wired:
        practice = PracticePage(
            title="Praktyka w szkicu projektu",
            slug="praktyka-w-szkicu",
            summary="Praktyka.",
        )
        project.add_child(instance=practice)
        publish(practice)
        testimonial = Testimonial(
            title="Wypowiedź w szkicu projektu",
            slug="wypowiedz-w-szkicu",
            quote="<p>Słowa.</p>",
            library=library,
            role="leading",
        )
        project.add_child(instance=testimonial)
        publish(testimonial)
        home = world.home("pl")
        home.featured_projects = [
            *home.featured_projects.all(),
            HomeFeaturedProject(project=project),
        ]
        publish(home)
        tutorial = fresh(world.version("tutorial", "pl"))
        tutorial.project = project
        publish(tutorial)
        pointers = {
            "practice": practice.pk,
            "testimonial": testimonial.pk,
            "home": home.pk,
            "tutorial": tutorial.pk,
            "library": library.pk,
        }
    return [draft_version("freshproject", project)], pointers


def fresh_libraries(world, wired):
    index = LibraryIndexPage.objects.get(locale__language_code="pl")
    drafts = {}
    for role in ("freshlibrary", "freshpartner"):
        drafts[role] = add_draft(
            index,
            LibraryPage(
                title=f"Biblioteka {marker(role, 'pl')}",
                slug=slug(role, "pl"),
                kind="public",
                country="Polska",
            ),
        )
    library, partner = drafts["freshlibrary"], drafts["freshpartner"]
    pointers = {}
    if wired:
        practice = fresh(world.version("practice", "pl"))
        practice.library = library
        practice.partners = [PracticePartner(library=partner)]
        publish(practice)
        project = fresh(world.version("project", "pl"))
        project.project_libraries = [
            ProjectLibrary(library=library, role="leading"),
            ProjectLibrary(library=partner, role="partner"),
        ]
        publish(project)
        testimonial = fresh(world.version("testimonial", "pl"))
        testimonial.library = library
        publish(testimonial)
        pointers = {
            "practice": practice.pk,
            "project": project.pk,
            "testimonial": testimonial.pk,
        }
    return [draft_version(role, page) for role, page in drafts.items()], pointers


def fresh_testimonial(world, wired):
    project = fresh(world.version("project", "pl"))
    library = fresh(world.version("library", "pl"))
    testimonial = add_draft(
        project,
        Testimonial(
            title=f"Wypowiedź {marker('freshtestimonial', 'pl')}",
            slug=slug("freshtestimonial", "pl"),
            quote=f"<p>Słowa {marker('freshtestimonial', 'pl')}.</p>",
            library=library,
            role="leading",
        ),
    )
    pointers = {}
    if wired:
        home = world.home("pl")
        home.testimonial = testimonial
        publish(home)
        pointers = {"home": home.pk, "library": library.pk, "project": project.pk}
    return [draft_version("freshtestimonial", testimonial)], pointers


def fresh_translation(ctx):
    """A Russian translation of a public Polish practice started here, with
    on-commit handlers run (wagtail-localize writes the translated slug after
    creating the page: the redirects door asks whether that made a redirect)."""
    world = ctx.world
    project = fresh(world.version("project", "pl"))
    source = PracticePage(
        title=f"Praktyka {marker('fresh', 'pl')}",
        slug=slug("fresh", "pl"),
        summary=f"Do tłumaczenia {marker('fresh', 'pl')}.",
    )
    project.add_child(instance=source)
    publish(source)
    russian_project = fresh(world.version("project", "ru"))
    polish, russian = marker("fresh", "pl"), marker("fresh", "ru")
    first_url = f"{russian_project.url}{source.slug}/"
    with ctx.capture(execute=True):
        draft = in_progress(
            source,
            Locale.objects.get(language_code="ru"),
            {
                source.title: source.title.replace(polish, russian),
                source.slug: slug("fresh", "ru"),
                source.summary: source.summary.replace(polish, russian),
            },
        )
    version = Version(
        "fresh", "ru", draft.pk, marker("fresh", "ru"), slug("fresh", "ru")
    )
    return Subject(
        [version],
        [version],
        language="ru",
        hidden_first=True,
        old_urls={draft.pk: [first_url]},
    )
