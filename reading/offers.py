"""Where and to whom machine translation is offered.

It is offered for a story (a page type the site's feed lists, those that say
``in_site_feed``: practices, projects, testimonials, tutorials) that the
public may see (``core.visibility``), to a reader whose language it is not
in, when the network's setting (``MachineReading``) is on for that language
and the configured service translates between the two languages.
"""

from django.urls import reverse
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.models import Page

from core.request_memo import locales, remembered
from reading.models import MachineReading
from reading.translate import can_translate


def locale_for(language_code):
    """The site's locale of that language, or None."""
    for locale in locales().values():
        if locale.language_code == language_code:
            return locale
    return None


def is_story(page):
    model = page.specific_class if isinstance(page, Page) else type(page)
    return bool(getattr(model, "in_site_feed", False))


def chosen_languages(request):
    """(enabled, the chosen locales' ids: empty for every language), read
    once per request."""

    def read():
        setting = MachineReading.for_request(request)
        if not setting.enabled:
            return False, frozenset()
        if setting.pk is None:
            return True, frozenset()
        return True, frozenset(setting.languages.values_list("pk", flat=True))

    return remembered(("reading", "setting", request.get_host()), read)


def is_offered(request, page, locale):
    """Whether a reader of ``locale`` may read ``page`` machine translated
    (the page's visibility is the caller's: see ``views``)."""
    if locale is None or page.locale_id == locale.pk or not is_story(page):
        return False
    # The service first: without one, the setting is not read (no query).
    source = locales().get(page.locale_id) or page.locale
    if not can_translate(source, locale):
        return False
    enabled, chosen = chosen_languages(request)
    return enabled and (not chosen or locale.pk in chosen)


def machine_translation_url(page, language_code):
    return reverse("machine_translation", args=[language_code, page.pk])


@hooks.register("reading_offers")
def offer_machine_translation(request, page, language_code):
    """Core's ``reading_offers`` tag: a link to the machine translation, on
    the notice of a story read inside another language and on the cards
    of stories not translated yet."""
    if request is None or not is_offered(request, page, locale_for(language_code)):
        return None
    return {
        "url": machine_translation_url(page, language_code),
        "label": gettext("Read it machine translated"),
        "kind": "machine-translation",
    }
