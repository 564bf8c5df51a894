from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.cache_tags import kids_tag, record
from core.images import prefetch_renditions
from core.localization import (
    Localizer,
    attach_all,
    route_inside,
    with_untranslated,
)
from core.permissions import PermissionPolicyMixin
from core.request_memo import remembered, with_locale
from practices.models import PracticePage
from projects.models import ProjectPage, TestimonialPage
from tutorials.models import TutorialPage


class HomePage(PermissionPolicyMixin, Page):
    """The front page of one language; each locale has its own translation."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A few sentences under the title that say what the network does."),
    )
    funders = RichTextField(
        _("funders"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_(
            "Who funds the network's projects, as every page's footer names them "
            "(a programme's required wording, for instance)."
        ),
    )
    testimonial = models.ForeignKey(
        "projects.TestimonialPage",
        verbose_name=_("testimonial"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "A librarian's words to show; the latest testimonial if left empty."
        ),
    )

    template = "pages/home_page.html"

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel(
            "featured_projects",
            heading=_("Featured projects"),
            label=_("project"),
            help_text=_("The newest projects are shown if you choose none."),
        ),
        FieldPanel("testimonial"),
        FieldPanel("funders"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    api_fields = ["intro", "featured_projects", "testimonial", "funders"]

    # Each locale's home page sits directly under the tree root.
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "projects.ProjectIndexPage",
        "practices.PracticeIndexPage",
        "tutorials.TutorialIndexPage",
        "libraries.LibraryIndexPage",
        "information.InformationPage",
        "information.AccessibilityStatementPage",
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def summary_text(self):
        """What the network does, for the meta description (core.descriptions)."""
        return self.intro

    def route(self, request, path_components):
        """The page at ``path_components`` below this home page, found in two
        queries (the deepest page whose address starts the path, then its
        specific fields) instead of two per level; what is left of the path
        goes to that page's own ``route`` (a listing's feeds, a tutorial's
        embed view). Like Wagtail's routing, only the page found must be live.

        A path that leads nowhere in this language is looked for below the
        other languages' home pages: a story not yet translated is read inside
        this language (``core.localization.route_inside``).
        """
        if not path_components:
            return super().route(request, path_components)
        try:
            return self.route_here(request, path_components)
        except Http404:
            return route_inside(self, request, path_components)

    def route_here(self, request, path_components):
        """The page at ``path_components`` in this home page's own tree."""
        prefixes = [
            self.url_path + "".join(f"{part}/" for part in path_components[:end])
            for end in range(1, len(path_components) + 1)
        ]
        found = (
            Page.objects.filter(url_path__in=prefixes, path__startswith=self.path)
            .select_related("locale")
            .order_by("-depth")
            .first()
        )
        # Whether a deeper page exists is decided by the children of the
        # deepest one found (core.cache_tags): a cached 404 goes when one is
        # published there.
        record(kids_tag((found or self).translation_key))
        if found is None:
            raise Http404
        page = found.specific
        page.locale = found.locale
        return page.route(request, path_components[found.depth - self.depth :])

    def _in_locale(self, model):
        """The live, public pages of ``model`` a reader of this language is
        shown: in this language, and those not yet translated into it in
        another (``core.localization.with_untranslated``), as in the lists."""
        return with_untranslated(model.objects.live().public(), self.locale)

    def _featured_projects(self):
        keys = list(
            self.featured_projects.order_by("sort_order").values_list(
                "project__translation_key", flat=True
            )
        )
        if keys:
            projects = {
                p.translation_key: p
                for p in self._in_locale(ProjectPage)
                .filter(translation_key__in=keys)
                .for_cards()
            }
            chosen = [projects[key] for key in keys if key in projects]
            if chosen:
                return chosen
        return list(self._in_locale(ProjectPage).for_cards()[:3])

    def _shown_testimonial(self):
        testimonials = self._in_locale(TestimonialPage).select_related("library")
        chosen = None
        if self.testimonial_id:
            key = TestimonialPage.objects.filter(pk=self.testimonial_id).values(
                "translation_key"
            )[:1]
            chosen = testimonials.filter(translation_key__in=key).first()
        return chosen or testimonials.order_by("-first_published_at").first()

    def cards(self):
        """The home page's cards, each kind read in one query, and their
        libraries and terms localised together (one query for the terms of
        all the cards, one for their libraries)."""
        testimonial = self._shown_testimonial()
        projects, practices, tutorials, testimonials = attach_all(
            self.locale,
            (self._featured_projects(), ("programme",), ("audiences", "formats")),
            (
                self._in_locale(PracticePage).for_cards()[:3],
                ("library",),
                ("audiences", "formats"),
            ),
            (self._in_locale(TutorialPage).for_cards()[:3], (), ("audiences",)),
            ([testimonial] if testimonial else [], ("library",), ()),
        )
        prefetch_renditions(
            [project.image for project in projects]
            + [practice.image for practice in practices]
            + [tutorial.poster for tutorial in tutorials]
        )
        return {
            "featured_projects": projects,
            "latest_practices": practices,
            "latest_tutorials": tutorials,
            "testimonial": testimonials[0] if testimonials else None,
        }

    @property
    def featured(self):
        return ProjectPage.localize_cards(self._featured_projects(), self.locale)

    @property
    def latest_practices(self):
        practices = self._in_locale(PracticePage).for_cards()[:3]
        return PracticePage.localize_cards(practices, self.locale)

    @property
    def latest_tutorials(self):
        tutorials = self._in_locale(TutorialPage).for_cards()[:3]
        return TutorialPage.localize_cards(tutorials, self.locale)

    @property
    def shown_testimonial(self):
        chosen = self._shown_testimonial()
        if chosen is not None:
            chosen.localized_library = Localizer(self.locale).all([chosen.library])[0]
        return chosen

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        with_locale(self)
        if getattr(request, "is_preview", False):
            cards = self.cards()  # the draft's own featured projects
        else:
            # A site-wide answer (core.request_memo): the same for every
            # reader of this home until the site changes.
            cards = remembered(("home-cards", self.pk), self.cards)
        context.update(
            cards,
            sections=self.get_children().live().public().in_menu().specific(),
        )
        return context


class HomeFeaturedProject(Orderable):
    page = ParentalKey(
        HomePage, on_delete=models.CASCADE, related_name="featured_projects"
    )
    project = models.ForeignKey(
        "projects.ProjectPage",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("project")]

    api_fields = ["project"]
