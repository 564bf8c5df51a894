"""Strings stored as written and shown in the reader's language.

Some names are data or configuration that code finds by their English
value (a role's group, the review workflow) and that Wagtail prints as they
are (``{{ workflow.name }}``, ``settings.WAGTAIL_SITE_NAME``). A
``Displayed`` is a ``str`` whose value is that English name: it is what the
database, a lookup, a comparison, JSON or a serializer (``dumpdata``) gets.
Its ``str()``, which templates, forms and ``%s`` call, is the translation
into the active language while one is active (a request, an e-mail to its
recipient, ``translation.override``); with none (a management command,
settings being read) it is the name itself, so nothing translated is ever
written back.

``SiteName`` is ``WAGTAIL_SITE_NAME``'s default, "Library network", which
heads the admin's dashboard and its summaries ("98 pages created in …"). A
network that sets ``WAGTAIL_SITE_NAME`` names itself in the words it chose.
"""

from django.utils.translation import gettext, trans_real


def gettext_noop(message):
    """Marks a string for ``makemessages`` (Django's own, called here, would
    read the settings while they are being read: this module is theirs)."""
    return message


DEFAULT_SITE_NAME = gettext_noop("Library network")


def translation_active():
    """Whether a language was activated in this thread (Django's own test:
    ``get_language()`` answers ``LANGUAGE_CODE`` when none was)."""
    return getattr(trans_real._active, "value", None) is not None


class Displayed(str):
    def translated(self, name):
        raise NotImplementedError

    def __str__(self):
        name = str.__str__(self)  # the value itself, an exact str
        return self.translated(name) if translation_active() else name

    def __add__(self, other):
        """What prints a name with more (Wagtail's "<site name> [default]")."""
        return str(self) + other


class SiteName(Displayed):
    def translated(self, name):
        return gettext(name)
