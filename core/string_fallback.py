"""A string missing from a language's catalogues shows in English.

Django falls back to ``LANGUAGE_CODE``: with Polish the site's default, a
string missing from the Finnish catalogues showed in Polish ("Opublikuj
wsuomi" in the Finnish admin). The strings are written in English (our
msgids, Wagtail's and every package's), so English is the language every
reader and editor can be assumed to share with the code; the public site's
default language (``LANGUAGE_CODE``: the root's redirect, Wagtail's default
locale, the fallback of a page not yet translated) does not change.

``install()`` (from ``CoreConfig.ready``) replaces Django's
``DjangoTranslation._add_fallback``: a language other than English falls
back to the English catalogues in the ``django`` domain, and to the string
as written in the others (a JavaScript catalogue, which lists the forms of
the language's plural rule, must not carry English plural forms).
``FINGERPRINT`` is a hash of the method replaced, as Django 5.2 has it;
``tests/core/test_string_fallback.py`` fails when an upgrade changes it.
"""

import hashlib
import inspect

from django.utils.translation import trans_real

FALLBACK_LANGUAGE = "en"

# sha256 of ``inspect.getsource(DjangoTranslation._add_fallback)``, Django 5.2.
FINGERPRINT = "c6de51bbf56494ae460a5dd80738aede973d0687fc51e2545ad92c74e3ad38af"

original = trans_real.DjangoTranslation._add_fallback


def fingerprint(method):
    return hashlib.sha256(inspect.getsource(method).encode()).hexdigest()


def _add_fallback(self, localedirs=None):
    """English behind every other language (``django`` domain only)."""
    if self.language().startswith(FALLBACK_LANGUAGE) or self.domain != "django":
        return
    self.add_fallback(trans_real.translation(FALLBACK_LANGUAGE))


def install():
    trans_real.DjangoTranslation._add_fallback = _add_fallback
    # Catalogues built before (a module's gettext at import) are built again.
    trans_real._translations = {}
    trans_real._default = None
