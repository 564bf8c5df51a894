"""A filtered practice list as a printable booklet: a PDF in the reader's language.

``/fi/hyvat-kaytannot/booklet/?audience=seniors`` (a PDF; Wagtail serves
addresses ending in a slash, hence no ``.pdf``: the file is named so) is the list that
``/fi/hyvat-kaytannot/?audience=seniors`` shows (the same filters, read and
checked by ``core.listing``: a value that names nothing is a 400), made
into pages: a cover (the site, the list, the filters in words, the date), a
table of contents with page numbers, then each practice in its own section
(``templates/practices/booklet/practice.html``) with the addresses of its
links as footnotes. Only what the listing holds is in it: live, public
practices, each in the reader's language where it has been translated.

WeasyPrint renders it (``core.pdf``: images read from the storage, only
public ones). A booklet costs far more than a page to make, so it holds at
most ``BOOKLET_MAX_PRACTICES`` practices (the cover says how many more the
list has), and the page cache keeps it like any page: the same address with
the same filters is made once until content changes.
"""

from urllib.parse import urljoin

from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, gettext
from wagtail.models import Page

from core.cache_tags import TEXT_ANY, record
from core.forms import TERM_FIELDS
from core.images import CARD, prefetch_renditions
from core.localization import Localizer, attach, related_terms_of
from core.pdf import render_pdf
from projects.models import ProjectPage

STYLESHEET = "css/booklet.css"
# Links whose address a reader of paper needs: on the web, followed; on
# paper, printed as a footnote.
FOOTNOTED = ("http://", "https://", "mailto:")


def bad_filter(error):
    """The 400 for a filter value that names nothing (core.listing.BadFilter)."""
    message = gettext(
        "This list cannot be filtered by that “%(name)s”: the value is not one "
        "of those offered."
    ) % {"name": error}
    return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")


def described_filters(listing):
    """The chosen filters in words: [(facet's label, chosen value's label)]."""
    labels = {facet.name: facet.label for facet in listing.registered}
    return [
        (labels[name], choice.label)
        for name, choice in listing.active.items()
        if name in labels
    ]


def booklet_practices(index, practices):
    """The practices with what their sections show, in the reader's language,
    in a fixed number of queries: ``localized_library``, ``localized_partners``,
    ``localized_project`` and the terms (``localized_audiences``...).
    (The partners' model is read from the relation: this module is imported
    by ``practices.models``.)"""
    if not practices:
        return practices
    locale = index.locale
    partners = type(practices[0]).partners.rel.related_model
    prefetch_related_objects(
        practices,
        Prefetch(
            "partners",
            queryset=partners.objects.select_related("library").order_by("sort_order"),
        ),
    )
    parents = {practice.path[: -Page.steplen] for practice in practices}
    projects = {
        project.path: project
        for project in ProjectPage.objects.live().public().filter(path__in=parents)
    }
    linked = related_terms_of([(practices, (*TERM_FIELDS, "goals"))])[0]
    localize = Localizer(locale).prepare(
        [practice.library for practice in practices]
        + [partner.library for p in practices for partner in p.partners.all()]
        + list(projects.values())
        + [term for terms in linked.values() for term in terms]
        + [practice.contact_library for practice in practices]
    )
    attach(
        practices,
        locale,
        single=("library",),
        many=TERM_FIELDS,
        localize=localize,
        linked=linked,
    )
    for practice in practices:
        practice.localized_partners = [
            library
            for library in (localize(p.library) for p in practice.partners.all())
            if library
        ]
        project = projects.get(practice.path[: -Page.steplen])
        practice.localized_project = localize(project) if project else None
        # Figures, steps, contact, licence and goals (core.replication).
        practice.replication = practice.replication_context(
            localize, linked.get((practice.pk, "goals"), [])
        )
    prefetch_renditions([practice.image for practice in practices], CARD)
    return practices


def with_footnotes(html, base_url):
    """The booklet's HTML with every link's address absolute, and those of the
    practices' links (not the table of contents') printed as footnotes."""
    soup = BeautifulSoup(html, "html.parser")
    for link in soup.find_all("a", href=True):
        href = link["href"].strip()
        if href.startswith("#"):
            continue
        link["href"] = href = urljoin(base_url, href)
        if href.startswith(FOOTNOTED) and link.find_parent(class_="practice"):
            note = soup.new_tag("span", attrs={"class": "footnote"})
            note.string = href.removeprefix("mailto:")
            link.insert_after(note)
    return str(soup)


def stylesheet():
    path = finders.find(STYLESHEET)
    with open(path, encoding="utf-8") as css:
        return css.read()


def booklet_response(index, request, listing, items):
    """The booklet of ``items``, the filtered listing of ``index``, as a PDF."""
    record(TEXT_ANY)  # the practices' bodies, whole
    limit = settings.BOOKLET_MAX_PRACTICES
    practices = booklet_practices(index, list(items[:limit]))
    context = {
        "page": index,
        "practices": practices,
        "total": len(items),
        "left_out": max(len(items) - len(practices), 0),
        "filters": described_filters(listing),
        "today": timezone.localdate(),
        "list_url": request.build_absolute_uri(index.url + listing.url().rstrip("?")),
    }
    base_url = request.build_absolute_uri("/")
    html = render_to_string("practices/booklet/booklet.html", context, request=request)
    pdf = render_pdf(with_footnotes(html, base_url), base_url, stylesheet())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=False, filename=f"{index.slug}.pdf"
    )
    response["Content-Language"] = get_language()
    return response
