"""The translation dashboard: every translatable object, by locale.

Rows are translation groups (objects sharing a ``translation_key``): pages of
every page type of the site (home and index pages included) and the
translatable snippets. A group's *original* is its object in the locale of its
earliest wagtail-localize ``TranslationSource``; a group that was never
submitted for translation has none, and its oldest object (lowest id) is the
original. Aliases are never originals. Rows are in tree order for pages, then
by the snippet models' own ordering; they are paginated.

Columns are the site's locales. Each cell has one status, always shown as text:

``source``
    The original's locale.
``missing``
    No object in that locale, or only a page alias (an alias shows the
    source's content and wagtail-localize offers to translate it). Links to
    wagtail-localize's "Translate" view, with the locale preselected.
``in_progress``
    A wagtail-localize ``Translation`` into the locale exists and not every
    string segment of its source has a translation (without an error): the
    progress is ``Translation.get_progress()``'s, computed here for the whole
    table at once. Links to the translation's edit view, which is
    wagtail-localize's translation editor.
``up_to_date``
    Every segment is translated (a source without string segments is up to
    date, as for ``Translation.get_status_display``). Links to the editor.
``outdated``
    The source changed after wagtail-localize last extracted its content
    (``TranslationSource.last_updated_at``), so its translations do not have
    the change: what "Sync translated pages" (``update_translations``) would
    bring. Takes precedence over the progress. wagtail-localize extracts a
    page's content from the database row, which is the *live* content (saving
    a draft does not change it), so a page source is outdated when its
    ``last_published_at`` is later; a draft saved after the sync only puts a
    note on the row ("unpublished changes"), as syncing would not take it. A
    snippet is outdated when its current content differs from the source's
    ``content_json``, wagtail-localize's own test in
    ``update_or_create_from_instance`` (for a snippet with child relations,
    whose serialisation would query each row, when the admin logged an edit
    after the sync). The date shown is the first publish (pages) or edit
    (snippets) logged after the sync, or the last publish if none was logged.
    Links to wagtail-localize's sync view (which returns to the dashboard),
    and to the translation's editor.
``not_synced``
    An object exists in the locale but no enabled wagtail-localize
    ``Translation`` makes it: it was created otherwise (``copy_for_translation``,
    by hand) or its synced translation was stopped. It is edited like any
    other object and syncing the source does not change it, so the dashboard
    does not claim it is up to date or not. Links to its edit view.

An enabled ``Translation`` whose target object does not exist (deleted, or
never saved) counts as ``missing``: submitting it again makes the object.

The number of queries does not depend on the number of rows: counts and one
slice per kind of object (pages, then each snippet model), then, for the
rows shown, one query each for the groups' pages, for each snippet model's
groups, the sources, the translations, the segment totals, the translated
segments and the publish and edit logs.
"""

from editorial.dashboard.rows import user_can_use_dashboard
from editorial.dashboard.views import TranslationDashboardView

__all__ = ["TranslationDashboardView", "user_can_use_dashboard"]
