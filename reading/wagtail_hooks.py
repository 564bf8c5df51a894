"""The report of stories readers machine translated, under Reports."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from editorial.dashboard.rows import user_can_translate
from reading import offers  # noqa: F401 (registers the reading_offers hook)
from reading.report import MostAskedView


class MostAskedMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_translate(request.user)


@hooks.register("register_admin_urls")
def register_report_url():
    return [
        path(
            "reports/machine-translated-by-readers/",
            MostAskedView.as_view(),
            name="reading_most_asked",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return MostAskedMenuItem(
        _("Stories readers machine translated"),
        reverse("reading_most_asked"),
        name="reading-most-asked",
        icon_name="wagtail-localize-language",
        order=8910,
    )
