"""The permission policy: who may do what to a page, asked on every path.

Wagtail's page permissions follow the tree (``editorial/roles.py`` gives each
role its permissions there); this tester narrows them to the role table of
the README ("Editors and translation"). Every page type asks it
(``core.permissions.PermissionPolicyMixin``, setting ``PAGE_PERMISSION_TESTER``),
so Wagtail's single-page views, its bulk actions and the buttons of its
explorer and page header all get the same answer:

- only network editors delete, move, copy or reorder pages and set who may
  see them; moderators review and publish, library editors and translators
  write;
- a moderator publishes, unpublishes (or unschedules) only a page someone
  else submitted for review, that is, with its workflow in progress (or just
  approved); the review task (``editorial.models.ReviewTask``) lets nobody
  approve their own submission;
- a library editor edits only the practices and testimonials of their own
  library, and adds pages only where one of those may go;
- a translator edits only translations (made by wagtail-localize) into
  their languages, not pages written in them;
- the history of a page is offered to those who may edit or publish it.
"""

from wagtail.models import Locale, PagePermissionTester, WorkflowState
from wagtail_localize.models import Translation

from editorial.roles import (
    MODERATORS,
    NETWORK_EDITORS,
    TRANSLATORS,
    is_library_editor_only,
    user_library_keys,
)
from libraries.models import LibraryPage

LIBRARY_PAGE_TYPES = ("practices.PracticePage", "projects.TestimonialPage")


def is_network_editor(user):
    """A superuser, or a member of the network editors' group."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_is_network_editor"):
        user._is_network_editor = user.groups.filter(name=NETWORK_EDITORS).exists()
    return user._is_network_editor


def user_languages(user):
    """The locales the user translates into (a translators' group names its
    language): all for network editors. Read once per user object."""
    if not hasattr(user, "_languages"):
        locales = list(Locale.objects.all())
        if is_network_editor(user):
            user._languages = locales
        else:
            names = set(user.groups.values_list("name", flat=True))
            user._languages = [
                locale
                for locale in locales
                if TRANSLATORS.format(locale.get_display_name()) in names
            ]
    return user._languages


def is_translator_only(user):
    """A translator and nothing broader: they edit translations only."""
    if user.is_superuser or is_network_editor(user) or user_library_keys(user):
        return False
    if not hasattr(user, "_is_moderator"):
        user._is_moderator = user.groups.filter(name=MODERATORS).exists()
    return not user._is_moderator and bool(user_languages(user))


def translated_pages(user):
    """(translation key, locale) of every translation into the user's
    languages: the pages a translator may edit."""
    if not hasattr(user, "_translated_pages"):
        user._translated_pages = set(
            Translation.objects.filter(
                target_locale__in=user_languages(user)
            ).values_list("source__object_id", "target_locale_id")
        )
    return user._translated_pages


def own_library_ids(user):
    """The pages (in every language) of the libraries whose editor the user
    is: read once per user object, as the explorer asks for every row."""
    if not hasattr(user, "_own_library_ids"):
        user._own_library_ids = set(
            LibraryPage.objects.filter(
                translation_key__in=user_library_keys(user)
            ).values_list("pk", flat=True)
        )
    return user._own_library_ids


def own_library_page(user, page):
    """The page is a practice or testimonial of one of the user's libraries
    (asked of a plain ``Page`` too: its specific row is then read)."""
    model = page.specific_class
    if model is None or model._meta.label not in LIBRARY_PAGE_TYPES:
        return False
    if not isinstance(page, model):
        page = page.specific
    return page.library_id in own_library_ids(user)


def accepts_library_pages(page):
    """A library page type may be added under the page."""
    model = page.specific_class
    return model is not None and any(
        child._meta.label in LIBRARY_PAGE_TYPES
        for child in model.creatable_subpage_models()
    )


def submitted_for_review(page, user):
    """Someone else submitted the page for review: its review is in
    progress, or was approved for the revision it has now and that revision
    is not live yet (Wagtail publishes an approved page after closing its
    review; once it is live, the approval is spent)."""
    states = WorkflowState.objects.for_instance(page).exclude(requested_by=user)
    if states.filter(status=WorkflowState.STATUS_IN_PROGRESS).exists():
        return True
    return page.live_revision_id != page.latest_revision_id and (
        states.filter(
            status=WorkflowState.STATUS_APPROVED,
            task_states__revision_id=page.latest_revision_id,
        ).exists()
    )


class PolicyPagePermissionTester(PagePermissionTester):
    def can_edit(self):
        if not super().can_edit():
            return False
        if is_library_editor_only(self.user):
            return own_library_page(self.user, self.page)
        if is_translator_only(self.user):
            key = (self.page.translation_key, self.page.locale_id)
            return key in translated_pages(self.user)
        return True

    def can_add_subpage(self):
        if not super().can_add_subpage():
            return False
        if is_library_editor_only(self.user):
            return accepts_library_pages(self.page)
        return True

    def can_publish(self):
        if not super().can_publish():
            return False
        return is_network_editor(self.user) or submitted_for_review(
            self.page, self.user
        )

    def can_unpublish(self):
        if not super().can_unpublish():
            return False
        return is_network_editor(self.user) or submitted_for_review(
            self.page, self.user
        )

    def can_publish_subpage(self):
        # Creating a page and publishing it at once skips review.
        return is_network_editor(self.user) and super().can_publish_subpage()

    def can_set_view_restrictions(self):
        return is_network_editor(self.user) and super().can_set_view_restrictions()

    def can_reorder_children(self):
        return is_network_editor(self.user) and super().can_reorder_children()

    def can_delete(self, ignore_bulk=False):
        return is_network_editor(self.user) and super().can_delete(ignore_bulk)

    def can_move(self):
        return is_network_editor(self.user) and super().can_move()

    def can_copy(self):
        return is_network_editor(self.user) and super().can_copy()

    def can_view_revisions(self):
        # Wagtail's history and revision views ask for edit or publish; the
        # "History" button asks only this.
        return super().can_view_revisions() and (self.can_edit() or self.can_publish())
