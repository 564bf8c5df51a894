"""The permission policy: who may do what to a page, asked on every path.

Wagtail's page permissions follow the tree (``editorial/roles.py`` gives each
role its permissions there); this tester narrows them to the role table of
the README ("Editors and translation"). Every page type asks it
(``core.permissions.PermissionPolicyMixin``, setting ``PAGE_PERMISSION_TESTER``),
so Wagtail's single-page views, its bulk actions and the buttons of its
explorer and page header all get the same answer:

- only network editors delete, move or copy pages; moderators review and
  publish, library editors and translators write;
- a library editor edits only the practices and testimonials of their own
  library.
"""

from wagtail.models import PagePermissionTester

from editorial.roles import NETWORK_EDITORS, is_library_editor_only, user_library_keys

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


def own_library_page(user, page):
    """The page is a practice or testimonial of one of the user's libraries."""
    if page._meta.label not in LIBRARY_PAGE_TYPES or page.library_id is None:
        return False
    library = page.library
    return library is not None and library.translation_key in user_library_keys(user)


class PolicyPagePermissionTester(PagePermissionTester):
    def can_edit(self):
        if not super().can_edit():
            return False
        if is_library_editor_only(self.user):
            return own_library_page(self.user, self.page)
        return True

    def can_delete(self, ignore_bulk=False):
        return is_network_editor(self.user) and super().can_delete(ignore_bulk)

    def can_move(self):
        return is_network_editor(self.user) and super().can_move()

    def can_copy(self):
        return is_network_editor(self.user) and super().can_copy()
