"""Dates in wagtail-localize's editor in the editor's language.

Each string of the translation editor says when it was translated
("Translated manually on 7 December 2026"): wagtail-localize writes the date
with ``strftime``, so the month is English in every admin language.
``install()`` (from ``EditorialConfig.ready``) wraps
``StringTranslation.get_comment`` so that the date is written by Django's
localised ``DATE_FORMAT`` ("7 grudnia 2026", "7 декабря 2026 г.") in the
site's time zone. ``FINGERPRINT`` is a hash of the method wrapped, as
wagtail-localize 1.14 has it; ``tests/editorial/test_admin_language.py``
fails when an upgrade changes it.
"""

import hashlib
import inspect

from django.utils.formats import date_format
from django.utils.timezone import localtime
from wagtail_localize.compat import DATE_FORMAT
from wagtail_localize.models import StringTranslation

# sha256 of ``inspect.getsource(StringTranslation.get_comment)``, 1.14.
FINGERPRINT = "fcf6e7bcf9a30b6b124adb96e98f3c7d52814dd3ff63b3c4859400ea9620abf2"

original = StringTranslation.get_comment


def fingerprint(method):
    return hashlib.sha256(inspect.getsource(method).encode()).hexdigest()


def get_comment(self):
    comment = original(self)
    if not comment or self.updated_at is None:
        return comment
    written = self.updated_at.strftime(DATE_FORMAT)
    return comment.replace(
        written, date_format(localtime(self.updated_at), "DATE_FORMAT")
    )


def install():
    StringTranslation.get_comment = get_comment
