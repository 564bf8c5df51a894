"""The permission matrix: every admin URL that takes a page or a translation,
requested by every role that may not publish freely, by GET and by POST.

The URLs are read from the URL resolver when the test runs, so a pattern
added later (by Wagtail, wagtail-localize or the project) is requested
without editing this file; a pattern with a parameter this file cannot fill
fails the test, naming it, until ``FILL`` learns it.

Each request runs in a savepoint that is rolled back after it, so every one
meets the same pages: a practice of another library (translated into
English), a project written in Russian and not yet translated (another
language for every role here) and
a library's page under review. Each has a draft whose title no reader has seen.
After each request, the public state (live pages, their paths, titles and
revisions, view restrictions, snippets) and, after each POST the view went
on with, the public site itself (page, API, search, as a reader without a
session) must be as before, except for what the role table of the README allows:

- a moderator publishes or unpublishes a page someone else submitted;
- a library editor and a translator change nothing the public sees.
"""

import re
from collections import Counter
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import (
    Locale,
    Page,
    PageLogEntry,
    PageViewRestriction,
)
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    Translation,
)

from core.models import Topic
from editorial.roles import MODERATORS, TRANSLATORS
from libraries.models import LibraryPage
from practices.models import PracticePage
from projects.models import ProjectPage
from tests.editorial.refusal import refused
from tests.factories import user_in_group

PAGE_PARAMETERS = {"page_id", "parent_page_id", "page_to_move_id", "page_pk"}
TRANSLATION_PARAMETERS = {"translation_id", "translation_source_id"}
# Routes that take a page (or start a translation) without naming it so.
PAGE_ROUTES = {
    "wagtail_bulk_action",
    "wagtailadmin_api:pages:detail",
    "wagtailadmin_editing_sessions:ping",
    "wagtail_localize:submit_snippet_translation",
    "translations_submit_snippet_translation",
}
DRAFT = "UNREVIEWED DRAFT"


@dataclass
class Route:
    route: str
    name: str

    @property
    def parameters(self):
        return re.findall(r"<(?:\w+:)?(\w+)>", self.route)

    @property
    def takes_a_page(self):
        found = set(self.parameters)
        if self.name in PAGE_ROUTES or found & TRANSLATION_PARAMETERS:
            return True
        if "pk" in found and "pages/" in self.route:
            return True
        return bool(found & PAGE_PARAMETERS) or "revisions/compare" in self.route


def admin_routes():
    def walk(patterns, prefix, namespaces):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespaces + ([pattern.namespace] if pattern.namespace else [])
                yield from walk(
                    pattern.url_patterns, prefix + str(pattern.pattern), inner
                )
            else:
                name = ":".join([*namespaces, pattern.name or ""])
                yield Route(prefix + str(pattern.pattern), name)

    return [
        route
        for route in walk(get_resolver().url_patterns, "", [])
        if route.route.startswith("admin/") and route.takes_a_page
    ]


@dataclass
class Target:
    label: str
    page: Page
    translation: Translation
    under_review: bool = False


def with_draft(page, number):
    """The page keeps its live text; its latest revision is a draft."""
    draft = page.specific
    draft.title = f"{DRAFT} {number}"
    draft.save_revision()
    return Page.objects.get(pk=page.pk)


def translation_of(page):
    """The page's translation from its source, or else one made from it."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale=page.locale
        ).first()
        or Translation.objects.filter(
            source__object_id=page.translation_key, source__locale=page.locale
        ).first()
    )


@pytest.fixture
def targets(demo):
    english = Locale.objects.get(language_code="en")
    other_library = PracticePage.objects.get(
        locale=english, slug="meetings-in-lazy", live=True
    )
    # Written in Russian, translated into no other language yet.
    russian = ProjectPage.objects.get(
        locale__language_code="ru", slug="onlain-shkola-nastavnichestva", live=True
    )
    reviewed = LibraryPage.objects.get(locale=english, slug="pimbp-brzesko", live=True)
    reviewed = with_draft(reviewed, 3)
    reviewed.get_workflow().start(reviewed, user_in_group(MODERATORS, "submitter"))
    return [
        Target(
            "another library's practice",
            with_draft(other_library, 1),
            translation_of(other_library),
        ),
        Target(
            "a page in another language",
            with_draft(russian, 2),
            translation_of(russian),
        ),
        Target(
            "a page under review",
            Page.objects.get(pk=reviewed.pk),
            translation_of(reviewed),
            under_review=True,
        ),
    ]


def fill(route, target):
    """The route's URL for the target page, or None where it cannot apply."""
    page = target.page
    translation = target.translation
    if translation is None and set(route.parameters) & TRANSLATION_PARAMETERS:
        return []  # asked of the targets that have one
    state = page.current_workflow_state
    task_state = state.current_task_state if state else None
    parent = page.get_parent()
    home = page.get_ancestors().filter(depth=2).first()
    values = {
        "page_id": page.pk,
        "page_to_move_id": page.pk,
        "page_pk": page.pk,
        "pk": page.pk,
        "object_id": page.pk,
        "parent_page_id": parent.pk,
        "destination_id": home.pk,
        "revision_id": page.latest_revision_id,
        "translation_id": translation and translation.pk,
        "translation_source_id": translation and translation.source_id,
        "string_segment_id": translation
        and StringSegment.objects.filter(source=translation.source)
        .values_list("pk", flat=True)
        .first(),
        "overridable_segment_id": translation
        and OverridableSegment.objects.filter(source=translation.source)
        .values_list("pk", flat=True)
        .first()
        or 0,
        "task_state_id": task_state.pk if task_state else 0,
        "task_id": task_state.task_id if task_state else 0,
        "workflow_state_id": state.pk if state else 0,
        "workflow_pk": page.get_workflow().pk,
        "action_name": "approve",
        "mode": page.specific.default_preview_mode or "default",
        "content_type_app_name": "practices",
        "content_type_model_name": "practicepage",
        "app_label": "wagtailcore",
        "model_name": "page",
        "session_id": 0,
    }
    if "snippet" in route.name:
        topic = Topic.objects.filter(locale__language_code="pl").first()
        values.update(app_label="core", model_name="topic", pk=topic.pk)
    if "revisions/compare" in route.route:
        return [reverse(route.name, args=[page.pk, "live", "latest"])]
    missing = [p for p in route.parameters if p not in values and p != "action"]
    if missing:
        raise LookupError(f"{route.route}: the matrix cannot fill {missing}")
    path = re.sub(r"[\^$]", "", route.route)
    if route.name == "wagtail_bulk_action":
        actions = bulk_action_registry.get_bulk_actions_for_model("wagtailcore", "page")
        paths = [
            path.replace("<str:action>", action.action_type) + f"?id={page.pk}"
            for action in actions
        ]
    elif route.name == "translations_review_action":
        # Review inside the translation editor: each action a moderator has.
        paths = [path.replace("<slug:action>", name) for name in ("approve", "reject")]
    elif route.name.endswith("set_page_position"):
        paths = [path + "?position=0"]  # first among its siblings
    else:
        paths = [path]
    urls = []
    for template in paths:
        url = re.sub(
            r"<(?:\w+:)?(\w+)>", lambda match: str(values[match.group(1)]), template
        )
        urls.append("/" + url)
    return urls


def payload(target, destination, library):
    """One POST for every form: what a user trying their luck would send."""
    return {
        "title": f"{DRAFT} posted",
        "slug": "matrix",
        "library": library.pk,
        "action-publish": "action-publish",
        "action-submit": "action-submit",
        "publish_translations": "on",
        # Every language "Translate" could offer: those the page lacks.
        "locales": list(
            Locale.objects.exclude(
                pk__in=Page.objects.filter(
                    translation_key=target.page.translation_key, alias_of=None
                ).values("locale_id")
            ).values_list("pk", flat=True)
        ),
        "include_subtree": "on",
        "new_parent_page": destination.pk,
        "chooser": destination.pk,
        "new_title": f"{DRAFT} copy",
        "new_slug": "matrix-copy",
        "copy_subpages": "on",
        "publish_copies": "on",
        "alias": "on",
        "restriction_type": "login",
        "include_descendants": "on",
        "comment": "",
        "value": f"{DRAFT} string",
        "next": "/admin/",
    }


def public_state():
    """What readers can be shown, as the database holds it."""
    return {
        "tree": set(Page.objects.values_list("pk", "path")),
        "live": {
            row[0]: row[1:]
            for row in Page.objects.filter(live=True).values_list(
                "pk",
                "title",
                "url_path",
                "live_revision_id",
                "last_published_at",
                "alias_of_id",
            )
        },
        "restrictions": set(
            PageViewRestriction.objects.values_list("page_id", "restriction_type")
        ),
        "snippets": {
            (model._meta.label, row)
            for model in get_snippet_models()
            if hasattr(model, "locale")
            for row in model.objects.values_list("pk", "locale_id")
        },
    }


def changes(before, after):
    """What changed for readers: (kind, page pk) pairs."""
    found = set()
    if before["tree"] != after["tree"]:
        found.add(("tree", None))
    if before["restrictions"] != after["restrictions"]:
        found.add(("privacy", None))
    if before["snippets"] != after["snippets"]:
        found.add(("snippets", None))
    for pk, row in before["live"].items():
        if pk not in after["live"]:
            found.add(("unpublish", pk))
        elif after["live"][pk] != row:
            found.add(("publish", pk))
    for pk in after["live"].keys() - before["live"].keys():
        found.add(("publish", pk))
    return found


def allowed(role, change, targets):
    kind, pk = change
    if role != "moderator":
        return False
    under_review = {t.page.pk for t in targets if t.under_review}
    return kind in ("publish", "unpublish") and pk in under_review


def public_site(target):
    """The target as a reader without a session sees it."""
    for cache in caches.all():
        cache.clear()
    reader = Client()
    page = reader.get(target.page.url) if target.page.url else None
    api = reader.get(f"/api/v2/pages/{target.page.pk}/")
    search = reader.get(f"/{target.page.locale.language_code}/search/", {"q": DRAFT})
    return {
        "page": (page.status_code, DRAFT in page.content.decode()) if page else None,
        "api": (api.status_code, api.json().get("title")),
        "search": (search.status_code, DRAFT in search.content.decode()),
    }


# What the role may not have done, whatever the public sees.
FORBIDDEN_ACTIONS = [
    "wagtail.create",
    "wagtail.delete",
    "wagtail.move",
    "wagtail.copy",
    "wagtail.publish",
    "wagtail.unpublish",
    "wagtail.reorder",
    "wagtail.convert_alias",
    "wagtail.view_restriction.create",
    "wagtail.view_restriction.edit",
    "wagtail.view_restriction.delete",
]


def logged(user):
    return PageLogEntry.objects.filter(user=user, action__in=FORBIDDEN_ACTIONS).count()


def roles(demo):
    morawica = LibraryPage.objects.get(locale__language_code="pl", slug="gbp-morawica")
    english = Locale.objects.get(language_code="en")
    return {
        "moderator": user_in_group(MODERATORS, "matrix-moderator"),
        "library editor": user_in_group(
            Group.objects.get(library_team__library_key=morawica.translation_key).name,
            "matrix-library-editor",
        ),
        "translator": user_in_group(
            TRANSLATORS.format(english.get_display_name()), "matrix-translator"
        ),
    }


def request(client, method, url, data):
    try:
        if method == "GET":
            return client.get(url), None
        return client.post(url, data), None
    except Exception as error:  # noqa: BLE001 (a server error is a finding)
        return None, error


def taken(response):
    """The view went on with the request: not refused, not missing, not a
    method it does not answer (the public state was read either way)."""
    return response is not None and not (
        refused(response) or response.status_code in (400, 404, 405)
    )


def urls_for(routes, target):
    """Each URL once: a path answered by two patterns (an override) is one."""
    urls = {}
    for route in routes:
        for url in fill(route, target):
            urls.setdefault(url, route)
    return urls


class Matrix:
    def __init__(self, client, role, user, targets):
        self.client, self.role, self.user, self.targets = client, role, user, targets
        self.problems, self.requested, self.answered = [], 0, Counter()

    def ask(self, method, url, where, data, seen_before, target):
        """One request, in a savepoint rolled back after it."""
        self.requested += 1
        with transaction.atomic():
            before, log_before = public_state(), logged(self.user)
            response, error = request(self.client, method, url, data)
            if response is not None:
                self.answered[response.status_code] += 1
            found = changes(before, public_state())
            wrong = sorted(c for c in found if not allowed(self.role, c, self.targets))
            if error is not None:
                self.problems.append(f"{where}: server error {error!r}")
            if wrong:
                self.problems.append(f"{where}: changed {wrong}")
            if not found and logged(self.user) != log_before:
                self.problems.append(f"{where}: logged an action")
            if method == "POST" and not found and taken(response):
                seen = public_site(target)
                if seen != seen_before:
                    self.problems.append(f"{where}: readers see {seen}")
            transaction.set_rollback(True)


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["moderator", "library editor", "translator"])
def test_no_role_changes_what_the_public_sees_through_any_admin_url(
    client, demo, targets, role
):
    user = roles(demo)[role]
    client.force_login(user)
    korsze = LibraryPage.objects.get(locale__language_code="pl", slug="mgbp-korsze")
    routes = admin_routes()
    matrix = Matrix(client, role, user, targets)
    for target in targets:
        seen_before = public_site(target)
        destination = target.page.get_ancestors().filter(depth=2).first()
        data = payload(target, destination, korsze)
        for url, route in urls_for(routes, target).items():
            for method in ("GET", "POST"):
                where = f"{method} {url} ({route.name}) on {target.label}"
                matrix.ask(method, url, where, data, seen_before, target)
    assert matrix.requested > 300
    # The matrix reached the views: some answered, some refused.
    assert matrix.answered[200] > 20 and matrix.answered[302] > 20, matrix.answered
    assert not matrix.problems, (
        f"{len(matrix.problems)} of {matrix.requested}:\n" + "\n".join(matrix.problems)
    )


def test_the_matrix_reaches_every_kind_of_admin_url():
    """The routes the matrix requests include Wagtail's page views, its bulk
    actions, wagtail-localize's views and the project's own."""
    names = {route.name for route in admin_routes()}
    for expected in [
        "wagtailadmin_pages:edit",
        "wagtailadmin_pages:delete",
        "wagtailadmin_pages:move_confirm",
        "wagtailadmin_pages:set_privacy",
        "wagtailadmin_pages:revisions_revert",
        "wagtailadmin_pages:workflow_action",
        "wagtail_bulk_action",
        "wagtail_localize:submit_page_translation",
        "wagtail_localize:update_translations",
        "wagtail_localize:edit_string_translation",
        "wagtail_localize:upload_pofile",
        "wagtail_localize:stop_translation",
        "wagtail_localize:convert_to_alias",
        "translations_submit_for_review",
        "translations_review_action",
        "translations_upload_pofile",
    ]:
        assert expected in names
