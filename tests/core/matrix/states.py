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
    Page,
    PageViewRestriction,
)

from .drafts import (
    fresh,
    fresh_libraries,
    fresh_project,
    fresh_testimonial,
    fresh_translation,
)
from .world import PASSWORD, Version


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
    # The public pages that point at the subject, by name (relation doors).
    pointers: dict = field(default_factory=dict)
    hidden_first: bool = False
    # page id → addresses the page had before the cell (redirects door).
    old_urls: dict = field(default_factory=dict)


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
        # What publishing with a go-live date in the future leaves (Wagtail's
        # PublishRevisionAction): the revision approved for that date, the
        # page not live. publish_scheduled publishes it then.
        revision = page.save_revision(approved_go_live_at=page.go_live_at)
        assert not Page.objects.get(pk=page.pk).live
        assert revision.approved_go_live_at > timezone.now()


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
        return Subject(
            shown=versions,
            hidden=versions,
            targets=versions,
            pointers=ctx.world.pointers(roles[0], "en"),
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
            version, first_url = fresh_translation(ctx.world, ctx.capture)
            ctx.changed()
            return Subject(
                [version],
                [version],
                hidden_first=True,
                old_urls={version.page_id: [first_url]},
            )
        roles = self.ROLES[door.roles]
        versions = [
            version for role in roles for version in ctx.world.in_progress[role]
        ]
        return Subject(
            versions,
            versions,
            pointers=ctx.world.pointers(roles[0], "ru"),
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
