"""The dashboard's view: filters, pagination, one table per request."""

from functools import cached_property

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import (
    Page,
)

from editorial.dashboard.rows import (
    BadFilter,
    DashboardPaginator,
    Rows,
    originals,
    page_kinds,
    snippet_kinds,
    sorted_locales,
    user_can_use_dashboard,
)
from editorial.dashboard.table import TableBuilder


class TranslationDashboardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "editorial/dashboard.html"
    page_title = _("Translation dashboard")
    header_icon = "wagtail-localize-language"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not user_can_use_dashboard(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    # Filters -----------------------------------------------------------

    @cached_property
    def locales(self):
        return sorted_locales()

    @cached_property
    def kinds(self):
        return page_kinds() + snippet_kinds()

    def get_filters(self):
        """The locale and kind asked for (None for all); BadFilter if unknown."""
        locale = kind = None
        code = self.request.GET.get("locale", "")
        if code:
            locale = next((x for x in self.locales if x.language_code == code), None)
            if locale is None:
                raise BadFilter(
                    gettext("Unknown language: “%(value)s”.") % {"value": code}
                )
        key = self.request.GET.get("type", "")
        if key:
            kind = next((k for k in self.kinds if k.key == key), None)
            if kind is None:
                raise BadFilter(
                    gettext("Unknown content type: “%(value)s”.") % {"value": key}
                )
        return locale, kind

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        try:
            locale, kind = self.get_filters()
        except BadFilter as bad:
            context["error"] = bad.message
            return self.render_to_response(context, status=400)
        context.update(self.get_table(locale, kind))
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            locales=self.locales,
            kinds=self.kinds,
            selected_locale=self.request.GET.get("locale", ""),
            selected_type=self.request.GET.get("type", ""),
        )
        return context

    # The table -----------------------------------------------------------

    def get_querysets(self, kind):
        kinds = [kind] if kind else self.kinds
        page_types = [k.content_type.id for k in kinds if k.is_page]
        querysets = []
        if page_types:
            pages = Page.objects.filter(
                content_type_id__in=page_types, alias_of__isnull=True
            )
            querysets.append(originals(pages).order_by("path"))
        for snippet_kind in kinds:
            if not snippet_kind.is_page:
                model = snippet_kind.model
                ordering = model._meta.ordering or ["pk"]
                querysets.append(
                    originals(model.objects.all()).order_by(*ordering, "pk")
                )
        return querysets

    def get_table(self, locale, kind):
        paginator = DashboardPaginator(Rows(self.get_querysets(kind)), self.paginate_by)
        page = paginator.get_page(self.request.GET.get("p"))
        columns = [locale] if locale else self.locales
        return {
            "columns": columns,
            "page_obj": page,
            "paginator": paginator,
            "elided_page_range": paginator.get_elided_page_range(page.number),
            "rows": TableBuilder(self.request, self.locales, columns).rows(
                page.object_list
            ),
        }
