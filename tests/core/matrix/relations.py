"""The doors of relations: public pages that name a hidden page (its
project, its libraries, its testimonial), in their HTML and in the API."""

from wagtail.models import Page

from .reading import Door, Place, everything, section

# Relations ----------------------------------------------------------------------


def markers_of(versions, roles):
    """One group per role named (``library`` covers the ``freshlibrary`` a
    cell makes): the role's markers in any language."""
    groups = (tuple(v.marker for v in versions if role in v.role) for role in roles)
    return tuple(group for group in groups if group)


class RelationDoor(Door):
    """Public pages that name the subject: in the language they are read in,
    the relation drawn in it (the source's, or its translation's).

    The Polish pages name the Polish subject (a page stands for a related
    page in its own language only by a translation in that language), so the
    Polish subject alone is hidden; under a restricted source, the English
    pages are read, and both versions are hidden by the rule."""

    translated = ("pl", "en")
    # (pointer name, label, reader while public, roles it names)
    shown_on: tuple = ()

    def places(self, ctx, subject, versions):
        places = []
        for name, label, url_of, reader, roles in self.shown_on:
            page_id = subject.pointers.get(name)
            if page_id is None:
                continue
            expected = markers_of(versions, roles)
            if expected:
                places.append(Place(label, url_of(page_id), expected, reader))
        return places


def page_url(page_id):
    return Page.objects.get(pk=page_id).url


def api_url(page_id):
    return f"/api/v2/pages/{page_id}/"


P = ("project",)
LIBRARIES = ("library", "partner")
T = ("testimonial",)


class ProjectRelations(RelationDoor):
    id = "project-relations"
    description = (
        "the project named on its practice and testimonial (“Project: …”), "
        "featured on the home page, on its tutorial and its library's page"
    )
    roles = P
    shown_on = (
        ("practice", "the practice's facts", page_url, section("dl.facts"), P),
        (
            "testimonial",
            "the testimonial's page",
            page_url,
            section("article.testimonial > p"),
            P,
        ),
        (
            "home",
            "the home page's featured projects",
            page_url,
            section("section[aria-labelledby=featured-projects]"),
            P,
        ),
        ("tutorial", "the tutorial's facts", page_url, section("dl.facts"), P),
        (
            "library",
            "the library's projects",
            page_url,
            section("section[aria-labelledby=projects]"),
            P,
        ),
    )


class LibraryRelations(RelationDoor):
    id = "library-relations"
    description = (
        "the libraries named on their practice (library, partners), project "
        "(participants) and testimonial"
    )
    roles = LIBRARIES
    shown_on = (
        ("practice", "the practice's facts", page_url, section("dl.facts"), LIBRARIES),
        (
            "project",
            "the project's participants",
            page_url,
            section("section[aria-labelledby=libraries]"),
            LIBRARIES,
        ),
        (
            "testimonial",
            "the testimonial's attribution",
            page_url,
            section("figure.testimonial__quote figcaption"),
            ("library",),
        ),
    )


class TestimonialRelations(RelationDoor):
    id = "testimonial-relations"
    description = "the testimonial on the home page, its library's and project's pages"
    roles = T
    shown_on = (
        (
            "home",
            "the home page's testimonial",
            page_url,
            section("section[aria-labelledby=testimonial]"),
            T,
        ),
        (
            "library",
            "the library's testimonials",
            page_url,
            section("section[aria-labelledby=testimonials]"),
            T,
        ),
        (
            "project",
            "the project's testimonials",
            page_url,
            section("section[aria-labelledby=testimonials]"),
            T,
        ),
    )


class ApiRelatedProject(ProjectRelations):
    id = "api-related-project"
    description = "the project in the API's detail of the home page and the tutorial"
    shown_on = (
        ("home", "the home page's featured_projects (API)", api_url, everything, P),
        ("tutorial", "the tutorial's project (API)", api_url, everything, P),
    )


class ApiRelatedLibraries(LibraryRelations):
    id = "api-related-libraries"
    description = (
        "the libraries in the API's detail of the practice (library, partners), "
        "project (project_libraries) and testimonial (library)"
    )
    shown_on = (
        (
            "practice",
            "the practice's library and partners (API)",
            api_url,
            everything,
            LIBRARIES,
        ),
        (
            "project",
            "the project's project_libraries (API)",
            api_url,
            everything,
            LIBRARIES,
        ),
        (
            "testimonial",
            "the testimonial's library (API)",
            api_url,
            everything,
            ("library",),
        ),
    )


class ApiRelatedTestimonial(TestimonialRelations):
    id = "api-related-testimonial"
    description = "the testimonial in the API's detail of the home page"
    shown_on = (("home", "the home page's testimonial (API)", api_url, everything, T),)
