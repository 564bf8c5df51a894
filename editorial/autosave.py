"""Wagtail's autosave and the editor's own buttons, in order: a press while
an autosave is on its way waits for it (static/editorial/
submit-after-autosave.js), so that a new page is never created twice."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_editor_js")
def submit_after_autosave():
    return format_html(
        '<script src="{}" defer></script>', static("editorial/submit-after-autosave.js")
    )
