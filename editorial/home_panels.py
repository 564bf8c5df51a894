"""The admin's home page, per role: what each one comes to do, first.

- A **library editor** sees their library's pages: what came back from
  review with a moderator's comment, their drafts, all of them with their
  state, and links that start a new good practice or testimonial in their
  own language, their library chosen already (``permissions.py``).
- A **translator** sees what waits in their languages: translations whose
  source changed since (outdated) first, then the unfinished, least done
  first; each opens the translation's editor.
- A **moderator** sees Wagtail's "Awaiting your review", or, when nothing
  waits, a line that says so (Wagtail shows nothing at all).

Each panel reads a fixed number of queries, whatever the number of rows.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import Locale, Page, TaskState, WorkflowState
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation

from editorial.dashboard.rows import IN_PROGRESS, MISSING, OUTDATED, sorted_locales
from editorial.dashboard.table import TableBuilder
from editorial.policy import is_network_editor, own_library_ids, user_languages
from editorial.roles import MODERATORS, is_library_editor_only
from libraries.models import LibraryPage
from practices.models import PracticeIndexPage, PracticePage
from projects.models import ProjectPage, TestimonialPage

LISTED = 20  # rows a panel shows; the rest are a link away


def editor_locale(user):
    """The locale of the user's admin language, else the site's first."""
    language = UserProfile.get_for_user(user).get_preferred_language()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    return locales.get(language) or locales.get(
        settings.LANGUAGE_CODE, Locale.get_default()
    )


def in_locale(pages, locale):
    """One of each translation group: the page in ``locale`` where there is
    one, else the group's first."""
    chosen = {}
    for page in pages:
        kept = chosen.get(page.translation_key)
        if kept is None or (
            page.locale_id == locale.pk and kept.locale_id != locale.pk
        ):
            chosen[page.translation_key] = page
    return list(chosen.values())


class LibraryPanel(Component):
    name = "library_pages"
    template_name = "editorial/home/library_panel.html"
    order = 50

    def __init__(self, user):
        self.user = user

    @cached_property
    def locale(self):
        return editor_locale(self.user)

    def libraries(self):
        libraries = LibraryPage.objects.filter(pk__in=own_library_ids(self.user))
        return in_locale(libraries.order_by("pk"), self.locale)

    def pages(self):
        """Their library's practices and testimonials, in every language,
        newest change first."""
        library_types = ContentType.objects.get_for_models(
            PracticePage, TestimonialPage
        ).values()
        libraries = own_library_ids(self.user)
        practices = PracticePage.objects.filter(library_id__in=libraries)
        testimonials = TestimonialPage.objects.filter(library_id__in=libraries)
        return (
            Page.objects.filter(content_type__in=library_types)
            .filter(
                Q(pk__in=practices.values("pk")) | Q(pk__in=testimonials.values("pk"))
            )
            .select_related("locale")
            .order_by("-latest_revision_created_at", "-pk")
        )

    def returned(self, pages):
        """Pages sent back with changes requested, and the comment."""
        states = WorkflowState.objects.filter(
            status=WorkflowState.STATUS_NEEDS_CHANGES,
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(page.pk) for page in pages],
        )
        comments = {}
        for task_state in (
            TaskState.objects.filter(
                workflow_state__in=states, status=TaskState.STATUS_REJECTED
            )
            .select_related("finished_by", "workflow_state")
            .order_by("finished_at")
        ):
            comments[task_state.workflow_state.object_id] = task_state
        by_pk = {str(page.pk): page for page in pages}
        return [
            {"page": by_pk[pk], "task_state": state}
            for pk, state in comments.items()
            if pk in by_pk
        ]

    def new_links(self):
        """Where a new practice or testimonial starts, in the editor's
        language: the practice list, and each project their library is in."""
        links = []
        index = (
            PracticeIndexPage.objects.filter(locale=self.locale).first()
            or PracticeIndexPage.objects.first()
        )
        if (
            index is not None
            and index.permissions_for_user(self.user).can_add_subpage()
        ):
            links.append(
                {
                    "label": _("New good practice"),
                    "url": reverse(
                        "wagtailadmin_pages:add",
                        args=("practices", "practicepage", index.pk),
                    ),
                }
            )
        keys = LibraryPage.objects.filter(pk__in=own_library_ids(self.user)).values(
            "translation_key"
        )
        projects = ProjectPage.objects.filter(
            locale=self.locale,
            project_libraries__library__translation_key__in=keys,
        ).distinct()
        for project in projects.order_by("title"):
            if project.permissions_for_user(self.user).can_add_subpage():
                links.append(
                    {
                        "label": _("New testimonial: %(project)s")
                        % {"project": project.title},
                        "url": reverse(
                            "wagtailadmin_pages:add",
                            args=("projects", "testimonialpage", project.pk),
                        ),
                    }
                )
        return links

    def get_context_data(self, parent_context=None):
        pages = list(self.pages())
        returned = self.returned(pages)
        returned_pks = {item["page"].pk for item in returned}
        drafts = [
            page
            for page in pages
            if page.pk not in returned_pks
            and (not page.live or page.has_unpublished_changes)
        ]
        return {
            "libraries": self.libraries(),
            "new_links": self.new_links(),
            "returned": returned,
            "drafts": drafts[:LISTED],
            "pages": pages[:LISTED],
            "page_count": len(pages),
            "explorer_url": reverse("wagtailadmin_explore_root"),
        }


class TranslatorPanel(Component):
    name = "waiting_translations"
    template_name = "editorial/home/translator_panel.html"
    order = 50
    WAITING = (OUTDATED, MISSING, IN_PROGRESS)

    def __init__(self, request):
        self.request = request

    def originals(self, languages):
        """The sources of the translations into the user's languages."""
        sources = {}
        for translation in Translation.objects.filter(
            target_locale__in=languages, enabled=True
        ).select_related("source"):
            source = translation.source
            model = source.specific_content_type.model_class()
            if model is None:
                continue
            sources.setdefault((model, source.locale_id), set()).add(source.object_id)
        originals = []
        for (model, locale_id), keys in sources.items():
            originals.extend(
                model.objects.filter(translation_key__in=keys, locale_id=locale_id)
            )
        return originals

    def get_context_data(self, parent_context=None):
        languages = user_languages(self.request.user)
        originals = self.originals(languages)
        builder = TableBuilder(self.request, sorted_locales(), languages)
        waiting = []
        for row in builder.rows(originals):
            for cell in row.cells:
                if cell.status in self.WAITING:
                    waiting.append({"row": row, "cell": cell})
        rank = {status: n for n, status in enumerate(self.WAITING)}
        waiting.sort(
            key=lambda item: (
                rank[item["cell"].status],
                item["cell"].percent or 0,
                item["row"].title,
            )
        )
        dashboard = reverse("translations_dashboard")
        return {
            "languages": languages,
            "waiting": waiting[:LISTED],
            "waiting_count": len(waiting),
            "dashboard_links": [
                (locale, f"{dashboard}?locale={locale.language_code}")
                for locale in languages
            ],
        }


class ReviewQueuePanel(WorkflowObjectsToModeratePanel):
    """Wagtail's "Awaiting your review", which says so when nothing waits."""

    template_name = "editorial/home/review_queue_panel.html"


def is_moderator(user):
    return is_network_editor(user) or user.groups.filter(name=MODERATORS).exists()


@hooks.register("construct_homepage_panels")
def panels_per_role(request, panels):
    user = request.user
    if is_library_editor_only(user):
        panels.insert(0, LibraryPanel(user))
    if user_languages(user) and not is_network_editor(user):
        panels.insert(0, TranslatorPanel(request))
    if is_moderator(user):
        panels[:] = [
            ReviewQueuePanel()
            if panel.name == "workflow_objects_to_moderate"
            else panel
            for panel in panels
        ]
