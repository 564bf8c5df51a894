"""What another library needs to repeat a story: the fields a project and a
good practice share for it, and how the page, the API, the search index and
schema.org read them.

Text is translated; numbers, dates, currencies, the licence and the contact's
e-mail are synchronised from the source page (wagtail-localize), so that a
figure is the same in every language. The contact's e-mail is shown (on the
page, in the API, in the search index, in the structured data) only while
``contact_email_public`` is ticked: ``public_contact_email`` is the one
place that decides.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.addresses import full_url
from core.blocks import KeyFigureBlock, MaterialBlock, StepBlock
from core.descriptions import plain_text

# Codes of ISO 4217: the same in every language.
CURRENCIES = ["EUR", "PLN", "RUB", "USD", "GBP", "SEK", "NOK", "DKK", "CHF", "CZK"]


class DurationUnit(models.TextChoices):
    DAYS = "days", _("days")
    WEEKS = "weeks", _("weeks")
    MONTHS = "months", _("months")
    YEARS = "years", _("years")


# ISO 8601 designators, for schema.org's totalTime.
ISO_UNITS = {"days": "D", "weeks": "W", "months": "M", "years": "Y"}


class Licence(models.TextChoices):
    CC_BY = "cc-by-4.0", "CC BY 4.0"
    CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
    CC_BY_NC = "cc-by-nc-4.0", "CC BY-NC 4.0"
    CC_BY_NC_SA = "cc-by-nc-sa-4.0", "CC BY-NC-SA 4.0"
    CC_BY_ND = "cc-by-nd-4.0", "CC BY-ND 4.0"
    CC_BY_NC_ND = "cc-by-nc-nd-4.0", "CC BY-NC-ND 4.0"
    CC0 = "cc0-1.0", "CC0 1.0"
    RESERVED = "all-rights-reserved", _("All rights reserved")


# Each licence's deed at Creative Commons (none for all rights reserved).
LICENCE_DEEDS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    Licence.CC_BY_ND: "https://creativecommons.org/licenses/by-nd/4.0/",
    Licence.CC_BY_NC_ND: "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}
# Languages Creative Commons translates its deeds into, among the site's.
DEED_LANGUAGES = {"en", "pl", "ru", "fi", "uk", "de", "fr", "es", "it", "sv"}


class Replicable(models.Model):
    """The fields of a story that another library can repeat."""

    key_figures = StreamField(
        [("figure", KeyFigureBlock())],
        blank=True,
        verbose_name=_("outcomes in figures"),
        help_text=_(
            "What came of it, in numbers: “28 project applications”, “67%”. "
            "The number is the same in every language; its label is translated."
        ),
    )
    people_reached = models.PositiveIntegerField(
        _("people reached"),
        null=True,
        blank=True,
        help_text=_("How many people took part or were served; empty if unknown."),
    )
    cost = models.DecimalField(
        _("cost"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("What it cost in all; empty if the source does not say."),
    )
    cost_currency = models.CharField(
        _("currency"),
        max_length=3,
        blank=True,
        choices=[(code, code) for code in CURRENCIES],
    )
    funded_by = models.CharField(
        _("funded by"),
        max_length=255,
        blank=True,
        help_text=_("Who paid: a ministry, a programme, the library's own budget."),
    )
    duration_amount = models.PositiveSmallIntegerField(
        _("duration"),
        null=True,
        blank=True,
        help_text=_("How long it took from the first step to the last."),
    )
    duration_unit = models.CharField(
        _("unit"), max_length=6, blank=True, choices=DurationUnit.choices
    )
    steps = StreamField(
        [("step", StepBlock())],
        blank=True,
        verbose_name=_("how to repeat it"),
        help_text=_("The steps another library would take, in their order."),
    )
    materials = StreamField(
        [("material", MaterialBlock())],
        blank=True,
        verbose_name=_("materials to download"),
        help_text=_(
            "Guides, forms, presentations. Readers can download them only while "
            "a published page uses them."
        ),
    )
    contact_name = models.CharField(_("contact person"), max_length=255, blank=True)
    contact_role = models.CharField(
        _("contact's role"),
        max_length=255,
        blank=True,
        help_text=_("E.g. coordinator of the project, librarian."),
    )
    contact_library = models.ForeignKey(
        "libraries.LibraryPage",
        verbose_name=_("contact's library"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    contact_email = models.EmailField(
        _("contact's e-mail"),
        blank=True,
        help_text=_("Shown to readers only if “publish the e-mail” is ticked."),
    )
    contact_email_public = models.BooleanField(
        _("publish the e-mail"),
        default=False,
        help_text=_(
            "Tick only with the person's consent: the address is then shown on "
            "the page, in the API and in search results."
        ),
    )
    licence = models.CharField(
        _("licence"),
        max_length=20,
        choices=Licence.choices,
        default=Licence.CC_BY,
        help_text=_("Under which others may reuse the text and the materials."),
    )
    goals = ParentalManyToManyField(
        "core.Goal",
        blank=True,
        verbose_name=_("Sustainable Development Goals"),
        related_name="%(app_label)s_pages",
    )

    replication_panels = [
        MultiFieldPanel(
            [
                FieldPanel("key_figures"),
                FieldPanel("people_reached"),
                FieldRowPanel([FieldPanel("cost"), FieldPanel("cost_currency")]),
                FieldPanel("funded_by"),
                FieldRowPanel(
                    [FieldPanel("duration_amount"), FieldPanel("duration_unit")]
                ),
            ],
            heading=_("Outcomes, cost and duration"),
        ),
        FieldPanel("steps"),
        FieldPanel("materials"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_role")]),
                FieldPanel("contact_library"),
                FieldRowPanel(
                    [FieldPanel("contact_email"), FieldPanel("contact_email_public")]
                ),
            ],
            heading=_("Contact person"),
        ),
        FieldPanel("licence"),
        FieldPanel("goals", widget=forms.CheckboxSelectMultiple),
    ]

    replication_search_fields = [
        index.SearchField("key_figures"),
        index.SearchField("funded_by"),
        index.SearchField("steps"),
        index.SearchField("materials"),
        index.SearchField("contact_name"),
        index.SearchField("contact_role"),
        # Only while published (``public_contact_email``).
        index.SearchField("public_contact_email"),
        index.SearchField("indexed_goal_names"),
    ]

    replication_api_fields = [
        "key_figures",
        "people_reached",
        "cost",
        "cost_currency",
        "funded_by",
        "duration_amount",
        "duration_unit",
        APIField("duration"),
        "steps",
        "materials",
        # Name, role and the e-mail only where it is published: not the
        # e-mail's own field, which the API would also let readers filter by.
        APIField("contact"),
        "contact_library",
        "licence",
        APIField("licence_url"),
        "goals",
    ]

    # Text translated; numbers, dates and choices the same in every language.
    replication_translatable_fields = [
        TranslatableField("key_figures"),
        SynchronizedField("people_reached"),
        SynchronizedField("cost"),
        SynchronizedField("cost_currency"),
        TranslatableField("funded_by"),
        SynchronizedField("duration_amount"),
        SynchronizedField("duration_unit"),
        TranslatableField("steps"),
        TranslatableField("materials"),
        # A name stays as written; a translator may transliterate it.
        SynchronizedField("contact_name"),
        TranslatableField("contact_role"),
        SynchronizedField("contact_library"),
        # Published or not, as the source page says: never by a translator.
        SynchronizedField("contact_email", overridable=False),
        SynchronizedField("contact_email_public", overridable=False),
        SynchronizedField("licence", overridable=False),
        SynchronizedField("goals"),
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors = {}
        if self.cost is not None and not self.cost_currency:
            errors["cost_currency"] = _("Choose the currency of the cost.")
        if self.duration_amount is not None and not self.duration_unit:
            errors["duration_unit"] = _("Choose days, weeks, months or years.")
        if self.contact_email_public and not self.contact_email:
            errors["contact_email"] = _("Give the e-mail address to publish.")
        if errors:
            raise ValidationError(errors)

    @property
    def contact(self):
        """The contact person as the API gives it: the e-mail only where it
        is published; None without a name."""
        if not self.contact_name:
            return None
        return {
            "name": self.contact_name,
            "role": self.contact_role,
            "email": self.public_contact_email or None,
        }

    @property
    def public_contact_email(self):
        """The contact's e-mail where it is published, else ""."""
        return self.contact_email if self.contact_email_public else ""

    @property
    def duration(self):
        """The duration as ISO 8601 (P3M), or None."""
        if self.duration_amount is None or self.duration_unit not in ISO_UNITS:
            return None
        return f"P{self.duration_amount}{ISO_UNITS[self.duration_unit]}"

    @property
    def licence_url(self):
        """The licence's deed, or None (all rights reserved)."""
        return LICENCE_DEEDS.get(self.licence)

    def licence_deed(self, language_code=None):
        """The deed in the reader's language where Creative Commons has it."""
        url = self.licence_url
        code = (language_code or get_language() or "").split("-")[0]
        if url and code in DEED_LANGUAGES:
            return f"{url}deed.{code}"
        return url

    def indexed_goal_names(self):
        """The goals' names in the page's language, for the search index."""
        from core.localization import Localizer, reading_locale

        goals = list(self.goals.all())  # not cached: indexed after a change
        localize = Localizer(reading_locale(self)).prepare(goals)
        return " ".join(str(localize(goal)) for goal in goals)

    def replication_context(self, localize, goals):
        """What the page's replication partial shows: the contact's library
        and ``goals`` (the page's, read with its other terms by
        ``core.localization.related_terms``) in the page's language,
        ``localize`` given ``replication_related`` first; a library the
        public may not see is left out."""
        from core.visibility import document_is_public

        return {
            "contact_library": localize(self.contact_library),
            "goals": sorted(
                (localize(goal) for goal in goals), key=lambda goal: goal.number
            ),
            # Those readers may download (not in a private collection).
            "materials": [
                block
                for block in self.materials
                if document_is_public(block.value.get("document"))
            ],
            "licence_deed": self.licence_deed(),
        }

    def replication_related(self, goals):
        """The objects ``replication_context`` localises, for one ``prepare``."""
        return [self.contact_library, *goals]

    def structured_data(self, request, page_url, shown):
        """schema.org: a HowTo with its steps where the story has steps, else
        a CreativeWork; with its licence, cost, duration, materials, goals
        and contact (the e-mail only where published). ``shown``: what
        ``replication_context`` gives (the library and goals in the page's
        language, a library the public may not see left out)."""
        from core.localization import reading_locale

        steps = [block.value for block in self.steps]
        data = {
            "@context": "https://schema.org",
            "@type": "HowTo" if steps else "CreativeWork",
            "name": self.title,
            "description": self.summary,
            "inLanguage": reading_locale(self).language_code,
            "url": page_url,
        }
        if self.licence_url:
            data["license"] = self.licence_url
        if steps:
            data["step"] = [
                {
                    "@type": "HowToStep",
                    "position": position,
                    "name": step["title"],
                    "text": plain_text(step["text"]) or step["title"],
                    "url": f"{page_url}#step-{position}",
                }
                for position, step in enumerate(steps, start=1)
            ]
        if self.duration:
            data["totalTime"] = self.duration
        if self.cost is not None and self.cost_currency:
            data["estimatedCost"] = {
                "@type": "MonetaryAmount",
                "currency": self.cost_currency,
                "value": str(self.cost),
            }
        if self.funded_by:
            data["funder"] = {"@type": "Organization", "name": self.funded_by}
        media = [
            {
                "@type": "MediaObject",
                "name": block.value["title"],
                "contentUrl": request.build_absolute_uri(block.value["document"].url),
                "encodingFormat": block.value["document"].file_extension,
            }
            for block in shown["materials"]
        ]
        if media:
            data["associatedMedia"] = media
        goals = shown["goals"]
        if goals:
            data["about"] = [
                {
                    "@type": "Thing",
                    "name": str(goal),
                    "sameAs": f"https://sdgs.un.org/goals/goal{goal.number}",
                }
                for goal in goals
            ]
        if self.contact_name:
            person = {"@type": "Person", "name": self.contact_name}
            if self.contact_role:
                person["jobTitle"] = self.contact_role
            if self.public_contact_email:
                person["email"] = self.public_contact_email
            library = shown["contact_library"]
            if library is not None:
                person["worksFor"] = {
                    "@type": "Library",
                    "name": library.title,
                    "url": full_url(library, request),
                }
            data["contributor"] = person
        return data
