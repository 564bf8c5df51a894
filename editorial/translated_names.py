"""Names the project gives to data, in the reader's language.

The groups ("Network editors", "Translators: suomi"), the workflow ("Review
before publishing") and its task ("Moderator approval") are data: the code
finds them by these English names (``editorial.roles``, ``editorial.policy``).
So is the name the demo gives its Wagtail site (``WAGTAIL_SITE_NAME``'s
default, core/displayed.py), which heads the dashboard of those whose pages
lie in that site.
One admin serves editors of every language, so a name is not stored per
language; it is translated where it is shown. Wagtail's screens, its
e-mails and its forms print ``group.name``, ``workflow.name``,
``task.name``: each such instance gets, as it is loaded, its name as a
``DisplayedName``, a ``str`` whose value (what is saved, compared, looked
up, written to JSON) is the English name, and whose ``str()`` (what a
template, a form or a ``%s`` prints) is its translation into the active
language: "Tłumacze: angielski", "Переводчики: английский".

A name the project did not give (a group a network editor made) is left as
it is. A form shows the translation; saved unchanged, it keeps the English
name (``keep_known_name``).
"""

from types import MethodType

from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models.signals import post_init, pre_save
from django.utils import translation
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from wagtail.models import Site, Task, Workflow
from wagtail.workflows import get_task_types

from core.displayed import DEFAULT_SITE_NAME, Displayed, SiteName
from editorial.roles import (
    LIBRARY_EDITORS,
    MODERATORS,
    NETWORK_EDITORS,
    REVIEW_TASK,
    TRANSLATORS,
    WORKFLOW,
)

KNOWN = {
    NETWORK_EDITORS: gettext_lazy("Network editors"),
    MODERATORS: gettext_lazy("Moderators"),
    WORKFLOW: gettext_lazy("Review before publishing"),
    REVIEW_TASK: gettext_lazy("Moderator approval"),
}
# Languages that write a language's name with a capital letter mid-sentence.
CAPITALISED_LANGUAGE_NAMES = ("en", "de")
LIBRARY_PREFIX = LIBRARY_EDITORS.format("")
TRANSLATORS_PREFIX = TRANSLATORS.format("")


def language_code(name):
    """The code of a site language by the name groups are given (its own)."""
    for code, local_name in settings.LANGUAGES:
        if local_name == name:
            return code
    return None


def translated(name):
    """The name in the active language (the name itself if not one of ours)."""
    if name in KNOWN:
        return str(KNOWN[name])
    if name.startswith(LIBRARY_PREFIX):
        library = name[len(LIBRARY_PREFIX) :]
        return _("Library editors: %(library)s") % {"library": library}
    if name.startswith(TRANSLATORS_PREFIX):
        code = language_code(name[len(TRANSLATORS_PREFIX) :])
        if code is not None:
            language = str(get_language_info(code)["name_translated"])
            if not translation.get_language().startswith(CAPITALISED_LANGUAGE_NAMES):
                language = language[:1].lower() + language[1:]  # "английский"
            return _("Translators: %(language)s") % {"language": language}
    return name


def is_known(name):
    """Whether the project gave the name (so it has translations)."""
    if name in KNOWN or name.startswith(LIBRARY_PREFIX):
        return True
    return (
        name.startswith(TRANSLATORS_PREFIX)
        and language_code(name[len(TRANSLATORS_PREFIX) :]) is not None
    )


class DisplayedName(Displayed):
    """A name stored in English, shown in the reader's language."""

    def translated(self, name):
        return translated(name)


def display_name(sender, instance, **kwargs):
    name = instance.__dict__.get("name")  # never load a deferred field
    fresh = isinstance(name, str) and not isinstance(name, DisplayedName)
    if fresh and is_known(name):
        # str.__str__: the value itself, even of a str that prints otherwise.
        instance.name = DisplayedName(str.__str__(name))


def display_site_name(sender, instance, **kwargs):
    name = instance.__dict__.get("site_name")
    if name == DEFAULT_SITE_NAME and not isinstance(name, SiteName):
        instance.site_name = SiteName(str.__str__(name))


def translations_of(name):
    languages = {code for code, _name in settings.LANGUAGES}
    languages |= {code for code, _name in settings.WAGTAILADMIN_PERMITTED_LANGUAGES}
    found = set()
    for code in languages:
        with translation.override(code):
            found.add(translated(name))
    return found


def keep_known_name(sender, instance, raw=False, **kwargs):
    """A form shows a known name translated: saved unchanged, it stays English."""
    if raw or instance.pk is None:
        return
    stored = (
        sender._default_manager.filter(pk=instance.pk)
        .values_list("name", flat=True)
        .first()
    )
    if (
        stored
        and str.__str__(instance.name) != stored
        and is_known(stored)
        and str(instance.name) in translations_of(stored)
    ):
        instance.name = DisplayedName(stored)


def stored_value_to_string(field, obj):
    """What a serializer writes (``dumpdata``, a test database's copy): the
    stored name, whatever language is active."""
    value = field.value_from_object(obj)
    return str.__str__(value) if isinstance(value, str) else str(value)


def connect():
    post_init.connect(display_site_name, sender=Site, weak=False)
    models = {Group, Workflow, Task, *get_task_types()}
    for model in models:
        post_init.connect(display_name, sender=model, weak=False)
        pre_save.connect(keep_known_name, sender=model, weak=False)
    fields = [Site._meta.get_field("site_name")]
    fields += [model._meta.get_field("name") for model in models]
    for field in fields:
        field.value_to_string = MethodType(stored_value_to_string, field)
