"""Nothing hidden leaks, through any door (issue 14): the hidden-state × door
matrix.

Each cell takes one state (a way content is hidden from the public) and one
door (a way an anonymous reader could still reach it). It first reads the
door while the content is public and checks that the door shows it, so that
the check can fail; then hides the content with the state and checks that
the door shows nothing of it: a 404, a refusal or a password form, and the
content's marker (a word found nowhere else) absent from the body, the JSON,
the feed, the file. The states that start hidden (a draft never published, a
translation in progress, a draft tutorial's files) are read hidden first,
then published and read again.

The rule the matrix holds every door to (issue 14, "One rule for what the
public may see"): live, with no view restriction on the page or its
ancestors or, for a translation, on its source page, not under an
unpublished parent; a related page shown only if it passes the same rule; a
page's files as hidden as the page.

The content is built once for the module (tests/core/matrix/building.py) in
a transaction rolled back at its end; each cell runs in its own savepoint,
rolled back after it, so every cell starts from the same world, and what a
cell reads of that world before changing anything is read once for all
cells (reading.Context). Left-out pairs are in ``excluded()``, each with
its reason; ``test_the_matrix_covers_every_state_and_door`` keeps every
state and door of the issue in it. A row or a column alone:
``-k "scheduled-"``, ``-k "api-images"``.
"""

import pytest
from django.db import transaction

from tests.core.matrix.building import Builder
from tests.core.matrix.doors import DOORS
from tests.core.matrix.reading import Context
from tests.core.matrix.states import STATES

STATE = {state.id: state for state in STATES}
DOOR = {door.id: door for door in DOORS}

DOCUMENT_DOORS = ("document-block", "document-file", "api-documents")
TUTORIAL_FILE_DOORS = ("media", "api-images")
PLAYER_DOORS = ("embed", "oembed")
API_RELATION_DOORS = (
    "api-related-project",
    "api-related-libraries",
    "api-related-testimonial",
)


def excluded():
    """(state, door) → why the cell is left out. Every other pair is a cell."""
    reasons = {}

    def leave_out(states, doors, why):
        for state in states:
            for door in doors:
                assert (state, door) not in reasons, (state, door)
                reasons[(state, door)] = why

    not_documents = [door.id for door in DOORS if door.id not in DOCUMENT_DOORS]
    page_states = [
        state.id
        for state in STATES
        if state.id not in ("private-document", "draft-tutorial-media")
    ]
    leave_out(
        page_states + ["draft-tutorial-media"],
        DOCUMENT_DOORS,
        "a document is private by its collection, not by the pages that use "
        "it (the private-document row); a DocumentBlock is part of its page, "
        "which the page doors read",
    )
    leave_out(
        ["private-document"],
        not_documents,
        "the document is what is hidden; the page that uses it stays public "
        "(what it shows of the document is the document-block door), the "
        "pages API gives a document block's document as an id only, and "
        "/media/documents/ is never served (operations/media.py)",
    )
    leave_out(
        ["draft-tutorial-media"],
        [
            door
            for door in not_documents
            if door not in TUTORIAL_FILE_DOORS + PLAYER_DOORS
        ],
        "this row is the draft tutorial's files and the doors that serve or "
        "describe them; its page, lists and feeds are the draft-never-published "
        "row's (the same never-published tutorial)",
    )
    leave_out(
        ["draft-never-published"],
        TUTORIAL_FILE_DOORS + PLAYER_DOORS,
        "a never-published tutorial's player and files are the "
        "draft-tutorial-media row (the same draft tutorial)",
    )
    leave_out(
        ["draft-never-published"],
        ["language-links"],
        "a translation that was never published is the translation-in-progress "
        "row (every translation here is made through wagtail-localize); a page "
        "made directly in a language has no other version to link it",
    )
    leave_out(
        ["draft-revision"],
        TUTORIAL_FILE_DOORS,
        "the draft revision renames the tutorial (title, summary, address), "
        "which no file or image record carries",
    )
    leave_out(
        ["translation-of-password-source"],
        ["language-links"],
        "every version of the page is hidden by this state (the source by its "
        "password, the others as its translations): no public version is left "
        "to carry a link, and the password form has no switcher",
    )
    leave_out(
        ["translation-in-progress"],
        ["page-pl", "page-en", "page-fi"],
        "only the Russian version is in progress (page-ru); the Polish source is "
        "public and has no English or Finnish version",
    )
    leave_out(
        ["translation-in-progress"],
        TUTORIAL_FILE_DOORS,
        "a translation shares its source's files, public with the live source",
    )
    leave_out(
        ["translation-in-progress"],
        API_RELATION_DOORS,
        "the API serves a relation as stored, naming the source page, never a "
        "translation: a Russian draft could not appear there even once published",
    )
    return reasons


EXCLUDED = excluded()
CELLS = [
    (state, door)
    for state in STATES
    for door in DOORS
    if (state.id, door.id) not in EXCLUDED
]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The matrix's content, built once for the module and rolled back after
    it: each cell's own savepoint is rolled back after the cell."""
    with django_db_blocker.unblock(), transaction.atomic():
        built = Builder().build()
        yield built
        transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("state", "door"), CELLS, ids=[f"{state.id}-{door.id}" for state, door in CELLS]
)
def test_hidden_content_stays_hidden(
    world, client, django_capture_on_commit_callbacks, state, door
):
    ctx = Context(world, client, django_capture_on_commit_callbacks)
    subject = state.subject(ctx, door)
    if state.hidden_first:
        leaks = door.check_hidden(ctx, subject)
        state.reveal(ctx, subject)
        ctx.changed()
        missing = door.check_shown(ctx, subject)
    else:
        missing = door.check_shown(ctx, subject)
        if not missing:
            state.hide(ctx, subject)
            ctx.changed()
            leaks = door.check_hidden(ctx, subject)
    assert not missing, (
        "The door does not show the content while public, so this cell "
        "proves nothing:\n" + "\n".join(missing)
    )
    assert not leaks, (
        f"{state.description}, read through {door.description}:\n" + "\n".join(leaks)
    )


# The states and doors of issue 14, as the brief for this matrix names them.
REQUIRED_STATES = {
    "draft-never-published": "a draft never published",
    "unpublished": "a page unpublished",
    "scheduled": "a go-live in the future",
    "password-page": "a PASSWORD view restriction on the page",
    "password-section": "a PASSWORD view restriction on an ancestor section",
    "login-page": "a LOGIN restriction on the page",
    "login-section": "a LOGIN restriction on an ancestor section",
    "groups-page": "a GROUPS restriction on the page",
    "groups-section": "a GROUPS restriction on an ancestor section",
    "draft-revision": "a draft revision of a live page",
    "under-unpublished-parent": "a live page under an unpublished parent",
    "translation-of-password-source": "a translation of a password-restricted source",
    "private-document": "a document in a private collection in a DocumentBlock",
    "draft-tutorial-media": "video, poster and captions of a draft tutorial only",
    "translation-in-progress": "a wagtail-localize translation into ru, a draft",
}
REQUIRED_DOORS = {
    "page-pl": "the page in Polish",
    "page-en": "the page in English",
    "page-ru": "the page in Russian",
    "page-fi": "the page in Finnish",
    "preview": "preview and revision URLs for an anonymous reader",
    "listings-practice": "listings of a practice and their facet counts",
    "listings-tutorial": "listings of a tutorial and their facet counts",
    "listings-project": "listings of a project and their facet counts",
    "listings-library": "the library directory",
    "search": "the search page and its counts",
    "feeds-practice": "RSS and Atom feeds",
    "feeds-tutorial": "RSS and Atom feeds",
    "feeds-project": "RSS and Atom feeds",
    "site-feed": "the site's feed of new stories, RSS and Atom",
    "sitemap": "/sitemap.xml",
    "api-pages": "/api/v2/pages/ list, ?search= and detail",
    "api-related-project": "related fields: the home page's featured projects, "
    "a tutorial's project",
    "api-related-libraries": "related fields: a practice's library and partners",
    "api-related-testimonial": "related fields: the home page's testimonial",
    "api-images": "/api/v2/images/ list and detail",
    "api-documents": "/api/v2/documents/ list and detail",
    "embed": "the tutorial embed page",
    "oembed": "the oEmbed endpoint",
    "media": "/media/ originals, renditions, wagtailmedia files, captions",
    "document-file": "/documents/<id>/<name>",
    "redirects": "redirects of renamed pages",
    "language-links": "the language switcher and hreflang links",
    "project-relations": "“Project: <title>”, featured items, library pages",
    "library-relations": "partner lists and participants",
    "testimonial-relations": "the home page's testimonial, library and project pages",
    "document-block": "a DocumentBlock's title and size",
}


def test_the_matrix_covers_every_state_and_door():
    assert set(STATE) == set(REQUIRED_STATES), "a state was added or removed"
    assert set(DOOR) == set(REQUIRED_DOORS), "a door was added or removed"
    assert len(STATE) == len(STATES) and len(DOOR) == len(DOORS), "duplicate ids"
    cells = {(state.id, door.id) for state, door in CELLS}
    for state in STATE:
        for door in DOOR:
            pair = (state, door)
            assert (pair in cells) != (pair in EXCLUDED), pair
            assert pair in cells or EXCLUDED[pair].strip(), pair
    for state in STATE:
        assert any(s == state for s, _door in cells), f"{state} has no cell"
    for door in DOOR:
        assert any(d == door for _state, d in cells), f"{door} has no cell"
    for state, door in EXCLUDED:
        assert state in STATE and door in DOOR, (state, door)
