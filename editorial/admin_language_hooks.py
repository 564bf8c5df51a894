"""The admin's language where catalogues cannot reach: wagtail-localize's
editor writes one title in English from its script
(static/editorial/localize-section-title.js rewrites it)."""

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext
from wagtail import hooks


@hooks.register("insert_editor_js")
def localize_section_title():
    return format_html(
        '<script src="{}" data-title="{}" defer></script>',
        static("editorial/localize-section-title.js"),
        # Translators: the title above a translation's strings: "polski →
        # English". Keep %(source)s and %(target)s, the languages' names.
        gettext("Translation: %(source)s → %(target)s"),
    )
