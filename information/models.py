"""The pages a public body's site owes its readers, beside its stories: the
accessibility statement the EU Web Accessibility Directive requires (its
fields those of the Commission's model statement, Implementing Decision (EU)
2018/1523), and plain information pages (contact, privacy). Each is a page
under a home page, so it is translated, reviewed and published like any
other; the site's footer links the ones chosen in its settings
(core.identity.SiteIdentity) in the reader's language.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyBlock
from core.permissions import PermissionPolicyMixin

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class InformationPage(PermissionPolicyMixin, Page):
    """A page about the site or the network: contact, privacy, funders."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=500,
        help_text=_(
            "One or two sentences; also the page's description for search engines."
        ),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    # Shown on the page alone (core.cache_tags).
    cache_text_fields = ("body",)

    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    api_fields = ["intro", "body"]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    template = "pages/information_page.html"

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")

    def summary_text(self):
        """The page's description for search engines (core.descriptions)."""
        return self.intro


class AccessibilityStatementPage(PermissionPolicyMixin, Page):
    """The site's accessibility statement, as the EU's model statement has it."""

    class Compliance(models.TextChoices):
        FULL = "full", _("fully compliant")
        PARTIAL = "partial", _("partially compliant")
        NONE = "none", _("not compliant")

    class Method(models.TextChoices):
        SELF = "self", _("a self-assessment by the site's owner")
        THIRD_PARTY = "third-party", _("an assessment by a third party")

    body_owner = models.CharField(
        _("who is committed"),
        max_length=255,
        help_text=_(
            "The public body that runs the site, as in “[this body] is committed "
            "to making its website accessible”."
        ),
    )
    legislation = models.CharField(
        _("national legislation"),
        max_length=500,
        help_text=_(
            "The law that transposes Directive (EU) 2016/2102 where the body is, "
            "such as Poland's Act of 4 April 2019 on digital accessibility."
        ),
    )
    compliance = models.CharField(
        _("compliance status"),
        max_length=16,
        choices=Compliance.choices,
        default=Compliance.PARTIAL,
        help_text=_("Against EN 301 549 (WCAG 2.1 level AA) or WCAG 2.2 level AA."),
    )
    non_accessible = RichTextField(
        _("what is not accessible, and why"),
        blank=True,
        features=TEXT_FEATURES,
        help_text=_(
            "Each part of the site that is not accessible: where it does not "
            "comply, where making it so would be a disproportionate burden, "
            "and what lies outside the law's scope."
        ),
    )
    alternatives = RichTextField(
        _("accessible alternatives"),
        blank=True,
        features=TEXT_FEATURES,
        help_text=_("How a reader can have what is not accessible in another way."),
    )
    prepared_on = models.DateField(_("statement prepared on"))
    reviewed_on = models.DateField(_("last reviewed on"))
    method = models.CharField(
        _("method"),
        max_length=16,
        choices=Method.choices,
        default=Method.SELF,
    )
    feedback = RichTextField(
        _("feedback and contact information"),
        features=TEXT_FEATURES,
        help_text=_(
            "How to tell the body about an accessibility problem or ask for "
            "content in an accessible form, and how soon it answers."
        ),
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact telephone"), max_length=40, blank=True)
    enforcement = RichTextField(
        _("enforcement procedure"),
        features=TEXT_FEATURES,
        help_text=_(
            "What a reader can do when the answer is unsatisfactory: the "
            "complaint and the body that enforces the law."
        ),
    )

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("body_owner"), FieldPanel("legislation")],
            heading=_("Commitment"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("compliance"),
                FieldPanel("non_accessible"),
                FieldPanel("alternatives"),
            ],
            heading=_("Compliance status"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("prepared_on"),
                FieldPanel("reviewed_on"),
                FieldPanel("method"),
            ],
            heading=_("Preparation of this statement"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("feedback"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading=_("Feedback and contact information"),
        ),
        FieldPanel("enforcement"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("non_accessible")]
    api_fields = [
        "body_owner",
        "legislation",
        "compliance",
        "non_accessible",
        "alternatives",
        "prepared_on",
        "reviewed_on",
        "method",
        "feedback",
        "contact_email",
        "contact_phone",
        "enforcement",
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    # One statement per language: the site has one.
    max_count_per_parent = 1
    template = "pages/accessibility_statement_page.html"

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")

    def summary_text(self):
        """The page's description for search engines (core.descriptions): the
        statement's first sentence."""
        from django.utils.translation import gettext

        return gettext(
            "%(owner)s is committed to making its website accessible, in "
            "accordance with %(legislation)s."
        ) % {"owner": self.body_owner, "legislation": self.legislation}
