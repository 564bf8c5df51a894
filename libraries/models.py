from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.localization import Localizer, reading_locale
from core.models import IndexPage
from core.permissions import PermissionPolicyMixin

# A hook of the apps whose pages point at a library: ``fn(library)`` gives
# the template context it adds to the library's page (its projects, say).
LIBRARY_PAGE_CONTEXT = "library_page_context"


class LibraryRole(models.TextChoices):
    """What a library did in a project, a practice or a testimonial."""

    LEADING = "leading", _("leading library")
    PARTNER = "partner", _("partner library")
    COORDINATOR = "coordinator", _("coordinator")
    BRANCH = "branch", _("branch library")
    PARTICIPANT = "participant", _("participant")


class LibraryKind(models.TextChoices):
    PUBLIC = "public", _("public library")
    MUNICIPAL = "municipal", _("municipal public library")
    TOWN = "town", _("town and municipal public library")
    COUNTY = "county", _("county and town public library")
    CITY = "city", _("city library")
    REGIONAL = "regional", _("regional library")
    SYSTEM = "system", _("library system")
    CENTRAL = "central", _("central library")
    BRANCH = "branch", _("branch library")
    CHILDREN = "children", _("children's library")


class LibraryIndexPage(IndexPage):
    """The network's directory of member libraries."""

    subpage_types = ["libraries.LibraryPage"]
    template = "pages/library_index_page.html"
    per_page = 100

    class Meta:
        verbose_name = _("library directory")
        verbose_name_plural = _("library directories")

    @property
    def listing(self):
        return (
            LibraryPage.objects.child_of(self)
            .live()
            .public()
            .order_by("country", "region", "town", "title")
        )


class LibraryPage(PermissionPolicyMixin, Page):
    """A member library: where it is, and what it did in the network."""

    kind = models.CharField(_("kind"), max_length=20, choices=LibraryKind.choices)
    member_of = models.ForeignKey(
        "libraries.LibraryPage",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="branches",
        help_text=_("The library system this library is a branch of, if any."),
    )
    town = models.CharField(_("town"), max_length=100, blank=True)
    region = models.CharField(
        _("region"),
        max_length=100,
        blank=True,
        help_text=_("Province, oblast or region."),
    )
    country = models.CharField(_("country"), max_length=100)
    website = models.URLField(_("website"), blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(-90, _("A latitude lies between -90 and 90 degrees.")),
            MaxValueValidator(90, _("A latitude lies between -90 and 90 degrees.")),
        ],
        help_text=_("In decimal degrees, north positive: 50.4297. For the map."),
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(
                -180, _("A longitude lies between -180 and 180 degrees.")
            ),
            MaxValueValidator(180, _("A longitude lies between -180 and 180 degrees.")),
        ],
        help_text=_("In decimal degrees, east positive: 19.3944."),
    )
    description = RichTextField(
        _("description"), blank=True, features=["bold", "italic", "link", "ul"]
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A photograph of the library, shown at the top of its page. "
            "Describe it in the image's description."
        ),
    )

    content_panels = [
        FieldPanel("title", help_text=_("The library's full official name.")),
        FieldPanel("kind"),
        FieldPanel("member_of"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("town"), FieldPanel("region")]),
                FieldPanel("country"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Where"),
        ),
        FieldPanel("website"),
        FieldPanel("description"),
        FieldPanel("image"),
    ]

    search_fields = [
        *Page.search_fields,
        # One field, "Kroczyce, województwo śląskie": an excerpt of the
        # indexed text shows the place as a reader writes it.
        index.SearchField("locality"),
        index.SearchField("description"),
        index.FilterField("country"),
        index.FilterField("region"),
    ]

    api_fields = [
        "kind",
        "town",
        "region",
        "country",
        "website",
        "latitude",
        "longitude",
        "image",
    ]

    # The place is the same in every language: not for translators to change.
    override_translatable_fields = [
        SynchronizedField("latitude", overridable=False),
        SynchronizedField("longitude", overridable=False),
    ]

    parent_page_types = ["libraries.LibraryIndexPage"]
    subpage_types: list[str] = []
    template = "pages/library_page.html"

    class Meta:
        verbose_name = _("library")
        verbose_name_plural = _("libraries")

    def clean(self):
        super().clean()
        # A point on the map needs both; one alone is a half-typed place.
        if (self.latitude is None) != (self.longitude is None):
            missing = "latitude" if self.latitude is None else "longitude"
            raise ValidationError(
                {missing: _("Give both the latitude and the longitude, or neither.")}
            )

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @cached_property
    def locality(self):
        return ", ".join(part for part in (self.town, self.region) if part)

    @cached_property
    def place(self):
        return ", ".join(part for part in (self.locality, self.country) if part)

    def summary_text(self):
        """What and where the library is, then its description: for the meta
        description (core.descriptions)."""
        what = ", ".join(
            part for part in (capfirst(self.get_kind_display()), self.place) if part
        )
        return f"{what}. {self.description}" if self.description else what

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # What the library did lives in the apps that point at it (projects,
        # practices, testimonials): each adds its part through this hook.
        for add_context in hooks.get_hooks(LIBRARY_PAGE_CONTEXT):
            context.update(add_context(self))
        context["branches"] = self.branches.live().public().order_by("title")
        member_of = self.member_of
        if member_of is not None:
            member_of = Localizer(reading_locale(self)).all([member_of])[0]
        context["member_of"] = member_of
        return context
