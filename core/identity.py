"""The site's identity: its logo, its colour and the pages its footer names.

The site's name is its home page's title in each language (the home page is
translated like any other); the rest is one setting per site, in the admin's
Settings menu, with a default that needs none: the network's drawn logo and a
blue that reads on white. A colour is accepted only if white text on it and
it as text on white both reach WCAG's 4.5:1, so no choice of colour can break
the site's contrast. It reaches readers as a small stylesheet of the site's
own origin (``site_colours``), which the site's CSP allows, linked only when it
differs from the default.
"""

import hashlib
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

DEFAULT_ACCENT = "#0b5c8a"
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MINIMUM_CONTRAST = 4.5  # WCAG 2.2, 1.4.3, for body text


def _channel(value):
    value /= 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def rgb(colour):
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def luminance(colour):
    red, green, blue = (_channel(c) for c in rgb(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second):
    """WCAG's contrast ratio of two colours, from 1 to 21."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(colour, other, share):
    """``colour`` with ``share`` (0 to 1) of ``other`` mixed in."""
    channels = (
        round(a * (1 - share) + b * share)
        for a, b in zip(rgb(colour), rgb(other), strict=True)
    )
    return "#" + "".join(f"{c:02x}" for c in channels)


def validate_accent(value):
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError(
            _("Enter a colour as # and six hexadecimal digits, such as #0b5c8a.")
        )
    ratio = contrast(value, "#ffffff")
    if ratio < MINIMUM_CONTRAST:
        raise ValidationError(
            _(
                "White text on this colour has a contrast of %(ratio).1f:1; "
                "readers need at least 4.5:1. Choose a darker colour."
            ),
            params={"ratio": ratio},
        )


def footer_page(verbose_name):
    """A page the footer links, chosen in the site's first language."""
    return models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


# The footer's pages, in the order it lists them (core_tags.footer_pages).
FOOTER_PAGES = ("accessibility_statement", "contact_page", "privacy_page")


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown before the site's name in every page's header; the "
            "network's drawn logo if left empty."
        ),
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default=DEFAULT_ACCENT,
        validators=[validate_accent],
        help_text=_(
            "Of buttons, links and the header's line, as # and six hexadecimal "
            "digits. It must be dark enough for white text on it."
        ),
    )
    accessibility_statement = footer_page(_("accessibility statement"))
    contact_page = footer_page(_("contact page"))
    privacy_page = footer_page(_("privacy page"))

    panels = [
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("accent_colour")], heading=_("Look")
        ),
        MultiFieldPanel(
            [
                PageChooserPanel(
                    "accessibility_statement", "information.AccessibilityStatementPage"
                ),
                PageChooserPanel("contact_page", "information.InformationPage"),
                PageChooserPanel("privacy_page", "information.InformationPage"),
            ],
            heading=_("Footer"),
            help_text=_(
                "Pages in the site's first language: every footer links each "
                "one in the reader's language."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("site identity")
        verbose_name_plural = _("site identities")

    @property
    def colours(self):
        """The accent and the two shades the stylesheet derives from it."""
        accent = (self.accent_colour or DEFAULT_ACCENT).lower()
        return {
            "accent": accent,
            "accent-dark": mix(accent, "#000000", 0.3),
            "accent-tint": mix(accent, "#ffffff", 0.88),
        }

    @property
    def custom_colours(self):
        return (self.accent_colour or DEFAULT_ACCENT).lower() != DEFAULT_ACCENT

    @property
    def colours_version(self):
        return hashlib.sha256(self.colours["accent"].encode()).hexdigest()[:10]
