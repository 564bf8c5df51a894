"""Hooks on Wagtail's page views, beside the policy (``editorial/policy.py``).

Library editors: Wagtail's page permissions follow the tree, but a practice
or a testimonial belongs to a library by a field. These hooks narrow a library
editor (and nobody broader) to the pages of their own library, and their page
form's library field to that library (``core.forms``' hook). They run before
wagtail-localize's, which answers the edit view of a translation.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from core.forms import PAGE_FORM_HOOK, limit_page_choices
from editorial.policy import (
    LIBRARY_PAGE_TYPES,
    is_network_editor,
    own_library_ids,
    own_library_page,
)
from editorial.roles import is_library_editor_only
from libraries.models import LibraryPage


@hooks.register(PAGE_FORM_HOOK)
def library_editors_choose_their_own_library(form, user):
    """A library editor's page form offers their own library, chosen
    already, in the page's language (in every language if it has none
    there); another library is a form error that keeps what they wrote
    (the create, edit and autosave views all validate the form)."""
    if user is None or "library" not in form.fields:
        return
    if not is_library_editor_only(user):
        return
    own = LibraryPage.objects.filter(pk__in=own_library_ids(user))
    in_language = own.filter(locale=form.page_locale)
    limit_page_choices(
        form,
        "library",
        in_language if in_language.exists() else own,
        _("Choose your own library."),
    )


@hooks.register("before_create_page", order=-1)
def library_editors_create_their_librarys_pages(request, parent_page, page_class):
    if not is_library_editor_only(request.user):
        return None
    if page_class._meta.label not in LIBRARY_PAGE_TYPES:
        raise PermissionDenied
    return None


@hooks.register("before_edit_page", order=-1)
def library_editors_edit_their_librarys_pages(request, page):
    if not is_library_editor_only(request.user):
        return None
    if not own_library_page(request.user, page.specific):
        raise PermissionDenied
    return None


@hooks.register("before_delete_page", order=-1)
@hooks.register("before_move_page", order=-1)
@hooks.register("before_copy_page", order=-1)
def only_network_editors_rearrange_the_tree(request, page, *args):
    """A second line behind ``editorial.policy``: whatever a view asks, only
    network editors delete, move or copy pages."""
    if not is_network_editor(request.user):
        raise PermissionDenied
    return None
