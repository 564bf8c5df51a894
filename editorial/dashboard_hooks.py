"""The translation dashboard: hooks registered here.

Its address is ``/admin/translations/`` (``translations_dashboard``); it is
listed under Reports for those who may use it (see
``dashboard.user_can_use_dashboard``). Wagtail's admin URLs require admin
access: anonymous users are sent to the login page, users without admin
access too; admin users who may neither translate nor edit pages are sent
back to the admin home page with Wagtail's "no permission" message.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .dashboard import TranslationDashboardView, user_can_use_dashboard


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_use_dashboard(request.user)


@hooks.register("register_admin_urls")
def register_dashboard_url():
    return [
        path(
            "translations/",
            TranslationDashboardView.as_view(),
            name="translations_dashboard",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_dashboard_menu_item():
    return DashboardMenuItem(
        _("Translation dashboard"),
        reverse("translations_dashboard"),
        name="translations-dashboard",
        icon_name="wagtail-localize-language",
        order=8900,
    )
