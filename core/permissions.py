"""Every page type answers Wagtail's permission questions with the site's
permission policy.

Wagtail asks ``page.permissions_for_user(user)`` on its paths: the edit,
delete, move, copy and unpublish views, bulk actions, the explorer's menus
and buttons, choosers. Each page type of the site mixes this in, so the
answer comes from the tester that the setting ``PAGE_PERMISSION_TESTER``
names (the editorial app's policy, ``editorial/policy.py``), and core
imports no app above it. Without the setting, Wagtail's own tester answers.
"""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string
from wagtail.models import PagePermissionTester


@cache
def _tester(path):
    return import_string(path) if path else PagePermissionTester


class PermissionPolicyMixin:
    def permissions_for_user(self, user):
        return _tester(getattr(settings, "PAGE_PERMISSION_TESTER", ""))(user, self)
