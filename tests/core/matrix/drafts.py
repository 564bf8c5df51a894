"""Drafts a cell makes, never published, and the public pages that choose
them: what public pages point at (a project, libraries, a testimonial) made
as a draft; and a translation into Russian started in the cell."""

from wagtail.models import Locale, Page

from home.models import HomeFeaturedProject
from libraries.models import LibraryIndexPage, LibraryPage
from practices.models import PracticePage, PracticePartner
from projects.models import ProjectIndexPage, ProjectLibrary, ProjectPage
from projects.models import TestimonialPage as Testimonial

from .building import in_progress
from .world import Version, marker, slug


def fresh(version):
    return Page.objects.get(pk=version.page_id).specific


def draft_version(role, page):
    return Version(role, "pl", page.pk, marker(role, "pl"), slug(role, "pl"))


def add_draft(parent, page):
    page.live = False
    parent.add_child(instance=page)
    page.save_revision()
    return page


def publish(page):
    page.save_revision().publish()


def fresh_project(world, wired):
    library = fresh(world.version("library", "pl"))
    project = ProjectPage(
        title=f"Projekt {marker('freshproject', 'pl')}",
        slug=slug("freshproject", "pl"),
        summary=f"Szkic {marker('freshproject', 'pl')}.",
    )
    project.project_libraries = [ProjectLibrary(library=library, role="leading")]
    add_draft(ProjectIndexPage.objects.get(locale__language_code="pl"), project)
    pointers = {}
    if wired:
        practice = PracticePage(
            title="Praktyka w szkicu projektu",
            slug="praktyka-w-szkicu",
            summary="Praktyka.",
        )
        project.add_child(instance=practice)
        publish(practice)
        testimonial = Testimonial(
            title="Wypowiedź w szkicu projektu",
            slug="wypowiedz-w-szkicu",
            quote="<p>Słowa.</p>",
            library=library,
            role="leading",
        )
        project.add_child(instance=testimonial)
        publish(testimonial)
        home = world.home("pl")
        home.featured_projects = [
            *home.featured_projects.all(),
            HomeFeaturedProject(project=project),
        ]
        publish(home)
        tutorial = fresh(world.version("tutorial", "pl"))
        tutorial.project = project
        publish(tutorial)
        pointers = {
            "practice": practice.pk,
            "testimonial": testimonial.pk,
            "home": home.pk,
            "tutorial": tutorial.pk,
            "library": library.pk,
        }
    return [draft_version("freshproject", project)], pointers


def fresh_libraries(world, wired):
    index = LibraryIndexPage.objects.get(locale__language_code="pl")
    drafts = {}
    for role in ("freshlibrary", "freshpartner"):
        drafts[role] = add_draft(
            index,
            LibraryPage(
                title=f"Biblioteka {marker(role, 'pl')}",
                slug=slug(role, "pl"),
                kind="public",
                country="Polska",
            ),
        )
    library, partner = drafts["freshlibrary"], drafts["freshpartner"]
    pointers = {}
    if wired:
        practice = fresh(world.version("practice", "pl"))
        practice.library = library
        practice.partners = [PracticePartner(library=partner)]
        publish(practice)
        project = fresh(world.version("project", "pl"))
        project.project_libraries = [
            ProjectLibrary(library=library, role="leading"),
            ProjectLibrary(library=partner, role="partner"),
        ]
        publish(project)
        testimonial = fresh(world.version("testimonial", "pl"))
        testimonial.library = library
        publish(testimonial)
        pointers = {
            "practice": practice.pk,
            "project": project.pk,
            "testimonial": testimonial.pk,
        }
    return [draft_version(role, page) for role, page in drafts.items()], pointers


def fresh_testimonial(world, wired):
    project = fresh(world.version("project", "pl"))
    library = fresh(world.version("library", "pl"))
    testimonial = add_draft(
        project,
        Testimonial(
            title=f"Wypowiedź {marker('freshtestimonial', 'pl')}",
            slug=slug("freshtestimonial", "pl"),
            quote=f"<p>Słowa {marker('freshtestimonial', 'pl')}.</p>",
            library=library,
            role="leading",
        ),
    )
    pointers = {}
    if wired:
        home = world.home("pl")
        home.testimonial = testimonial
        publish(home)
        pointers = {"home": home.pk, "library": library.pk, "project": project.pk}
    return [draft_version("freshtestimonial", testimonial)], pointers


def fresh_translation(world, capture):
    """A Russian translation of a public Polish practice started here, with
    on-commit handlers run (wagtail-localize writes the translated slug after
    creating the page: the redirects door asks whether that made a redirect).
    Returns the draft's version and the address it had at first, in the
    source's slug."""
    project = fresh(world.version("project", "pl"))
    source = PracticePage(
        title=f"Praktyka {marker('fresh', 'pl')}",
        slug=slug("fresh", "pl"),
        summary=f"Do tłumaczenia {marker('fresh', 'pl')}.",
    )
    project.add_child(instance=source)
    publish(source)
    russian_project = fresh(world.version("project", "ru"))
    polish, russian = marker("fresh", "pl"), marker("fresh", "ru")
    first_url = f"{russian_project.url}{source.slug}/"
    with capture(execute=True):
        draft = in_progress(
            source,
            Locale.objects.get(language_code="ru"),
            {
                source.title: source.title.replace(polish, russian),
                source.slug: slug("fresh", "ru"),
                source.summary: source.summary.replace(polish, russian),
            },
        )
    version = Version(
        "fresh", "ru", draft.pk, marker("fresh", "ru"), slug("fresh", "ru")
    )
    return version, first_url
