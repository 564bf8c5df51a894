"""The stories readers asked most to read machine translated, per language:
a hint for editors of what to translate next (under Reports, for those who
may translate: ``editorial.dashboard.rows.user_can_translate``)."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from editorial.dashboard.rows import user_can_translate
from reading.counts import pending_counts
from reading.models import ReaderRequest

SHOWN = 100


def most_asked(limit=SHOWN):
    """Rows (page, locale, readers, last asked) of stories not translated
    into the language yet, most readers first; the readers still counted
    in the cache added (``reading.counts``)."""
    rows = list(
        ReaderRequest.objects.select_related("page", "locale", "page__locale").order_by(
            "-readers", "-last_asked_at"
        )[: limit * 2]
    )
    pending = pending_counts([(row.page_id, row.locale_id) for row in rows])
    for row in rows:
        row.readers += pending.get((row.page_id, row.locale_id), 0)
    translated = set(
        Page.objects.filter(
            translation_key__in={row.page.translation_key for row in rows}
        ).values_list("translation_key", "locale_id")
    )
    rows = [
        row
        for row in rows
        if (row.page.translation_key, row.locale_id) not in translated
    ]
    rows.sort(key=lambda row: -row.readers)
    return rows[:limit]


class MostAskedView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "reading/most_asked.html"
    page_title = _("Stories readers machine translated")
    header_icon = "wagtail-localize-language"

    def dispatch(self, request, *args, **kwargs):
        if not user_can_translate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(rows=most_asked(), **kwargs)
