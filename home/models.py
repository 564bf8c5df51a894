from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.localization import Localizer
from practices.models import PracticePage
from projects.models import ProjectPage, TestimonialPage
from tutorials.models import TutorialPage


class HomePage(Page):
    """The front page of one language; each locale has its own translation."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A few sentences under the title that say what the network does."),
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
    ]

    search_fields = [*Page.search_fields, index.SearchField("intro")]

    api_fields = ["intro", "featured_projects", "testimonial"]

    # Each locale's home page sits directly under the tree root.
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "projects.ProjectIndexPage",
        "practices.PracticeIndexPage",
        "tutorials.TutorialIndexPage",
        "libraries.LibraryIndexPage",
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def _in_locale(self, model):
        return model.objects.live().public().filter(locale_id=self.locale_id)

    @property
    def featured(self):
        chosen = [
            item.project
            for item in self.featured_projects.select_related("project").order_by(
                "sort_order"
            )
        ]
        localize = Localizer(self.locale)
        chosen = [
            p for p in localize.all(chosen) if p.live and p.locale_id == self.locale_id
        ]
        if chosen:
            ids = [p.id for p in chosen]
            projects = {
                p.id: p
                for p in self._in_locale(ProjectPage).filter(id__in=ids).for_cards()
            }
            chosen = [projects[i] for i in ids if i in projects]
        else:
            chosen = list(self._in_locale(ProjectPage).for_cards()[:3])
        return ProjectPage.localize_cards(chosen, self.locale)

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
        testimonials = self._in_locale(TestimonialPage).select_related("library")
        chosen = None
        if self.testimonial_id:
            key = self.testimonial.translation_key
            chosen = testimonials.filter(translation_key=key).first()
        chosen = chosen or testimonials.order_by("-first_published_at").first()
        if chosen is not None:
            chosen.localized_library = Localizer(self.locale).all([chosen.library])[0]
        return chosen

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            featured_projects=self.featured,
            latest_practices=self.latest_practices,
            latest_tutorials=self.latest_tutorials,
            testimonial=self.shown_testimonial,
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
