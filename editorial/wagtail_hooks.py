"""Editorial work in the admin: the permission policy, the translation
workflow's pieces, each in its own module, and review."""

from django.urls import path
from wagtail import hooks

from . import (  # noqa: F401 (they register hooks)
    admin_language_hooks,
    autosave,
    dashboard_hooks,
    hand_edits_hooks,
    home_panels,
    localize_paths,
    permissions,
    po_hooks,
    translation_aids,
    translation_files,
    translation_review,
    xliff_hooks,
)
from .review import review_button, submit_for_review


@hooks.register("register_admin_urls")
def review_urls():
    return [
        path(
            "translations/<int:translation_id>/review/",
            submit_for_review,
            name="translations_submit_for_review",
        )
    ]


@hooks.register("register_page_header_buttons")
def submit_translation_for_review_button(page, user, view_name=None, next_url=None):
    # On the page's own header only: in the explorer's rows it would cost a
    # query per row.
    button = review_button(page, user)
    if button is not None:
        yield button
