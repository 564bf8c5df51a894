"""The read-only API: live, public content in every language."""

import pytest
from wagtail.models import Page, PageViewRestriction

TYPES = [
    "home.HomePage",
    "projects.ProjectIndexPage",
    "projects.ProjectPage",
    "projects.TestimonialPage",
    "practices.PracticeIndexPage",
    "practices.PracticePage",
    "tutorials.TutorialIndexPage",
    "tutorials.TutorialPage",
    "libraries.LibraryIndexPage",
    "libraries.LibraryPage",
    "information.InformationPage",
    "information.AccessibilityStatementPage",
]


def titles(response):
    assert response.status_code == 200, response.content[:300]
    return {item["title"] for item in response.json()["items"]}


@pytest.mark.django_db
class TestPagesAPI:
    @pytest.mark.parametrize("page_type", TYPES)
    def test_every_page_type_with_all_its_fields(self, client, page_type):
        response = client.get("/api/v2/pages/", {"type": page_type, "fields": "*"})
        assert response.status_code == 200, response.content[:500]
        assert response.json()["meta"]["total_count"] > 0

    def test_filters_by_locale(self, client):
        found = titles(
            client.get(
                "/api/v2/pages/", {"type": "projects.ProjectPage", "locale": "ru"}
            )
        )
        assert found == {"Онлайн-школа библиотечного наставничества"}

    def test_finds_the_translations_of_a_page(self, client):
        source = Page.objects.get(slug="onlain-shkola-nastavnichestva")
        response = client.get(
            "/api/v2/pages/", {"translation_of": source.pk, "locale": "en"}
        )
        assert titles(response) == {"Online School of Library Mentoring"}

    def test_serves_the_fields_of_a_project(self, client):
        page = Page.objects.get(slug="onlain-shkola-nastavnichestva")
        data = client.get(f"/api/v2/pages/{page.pk}/").json()
        assert data["meta"]["locale"] == "ru"
        figures = {str(block["value"]["value"]) for block in data["key_figures"]}
        assert {"28", "7745"} <= {f.split(".")[0] for f in figures}
        roles = {item["role"] for item in data["project_libraries"]}
        assert roles == {"coordinator", "participant", "branch"}

    @pytest.mark.parametrize("how", ["unpublished", "private"])
    def test_leaves_out_hidden_pages(self, client, how):
        practice = Page.objects.get(slug="spotkania-w-lazach")
        if how == "unpublished":
            practice.unpublish()
        else:
            PageViewRestriction.objects.create(
                page=practice,
                restriction_type=PageViewRestriction.PASSWORD,
                password="x",
            )
        listed = titles(
            client.get("/api/v2/pages/", {"type": "practices.PracticePage"})
        )
        assert "Spotkania „Podaj dalej” w Łazach" not in listed
        # A draft original leaves its live translation public; a restriction
        # on the original covers its translations (TRANSLATIONS_SHARE_PRIVACY).
        english = "“Podaj dalej” meetings in Łazy"
        assert (english in listed) is (how == "unpublished")
        assert client.get(f"/api/v2/pages/{practice.pk}/").status_code == 404

    def test_is_read_only(self, client):
        page = Page.objects.get(slug="podaj-dalej", locale__language_code="pl")
        assert client.post("/api/v2/pages/", {"title": "x"}).status_code == 405
        assert client.delete(f"/api/v2/pages/{page.pk}/").status_code == 405

    def test_a_bad_filter_is_a_clear_400(self, client):
        response = client.get("/api/v2/pages/", {"type": "no.SuchPage"})
        assert response.status_code == 400
        assert response.json()["message"] == "type doesn't exist"


@pytest.mark.django_db
def test_images_are_listed(client):
    found = titles(client.get("/api/v2/images/"))
    assert "Pierwsze spotkanie online w bibliotece" in found


def new_image(title):
    from io import BytesIO

    from django.core.files.base import ContentFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    out = BytesIO()
    PILImage.new("RGB", (32, 18), "teal").save(out, "JPEG")
    return get_image_model().objects.create(
        title=title, file=ContentFile(out.getvalue(), name="plakat.jpg")
    )


def new_document(title, collection=None):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    return get_document_model().objects.create(
        title=title,
        file=ContentFile(b"%PDF-1.4\n", name="raport.pdf"),
        collection=collection or Collection.get_first_root_node(),
    )


def listed(client, endpoint, item):
    """Whether the API lists the item, and answers its detail (else a 404).
    The newest first: the demo has more images than a page of the list."""
    listing = titles(client.get(f"/api/v2/{endpoint}/", {"limit": 20, "order": "-id"}))
    detail = client.get(f"/api/v2/{endpoint}/{item.pk}/").status_code
    assert detail in (200, 404)
    assert (item.title in listing) == (detail == 200), (listing, detail)
    return detail == 200


@pytest.fixture
def tutorial_index(db):
    from tutorials.models import TutorialIndexPage

    return TutorialIndexPage.objects.get(locale__language_code="pl")


@pytest.mark.django_db
class TestImagesAPI:
    """Only images a page the public may see uses (core/public_files.py)."""

    def tutorial(self, index, poster, **kwargs):
        from tests.factories import TutorialPageFactory

        return TutorialPageFactory(parent=index, poster=poster, **kwargs)

    @pytest.mark.parametrize("how", ["unpublished", "password", "section"])
    def test_a_hidden_tutorials_poster_is_left_out(self, client, tutorial_index, how):
        poster = new_image("Plakat webinarium")
        tutorial = self.tutorial(tutorial_index, poster)
        assert listed(client, "images", poster)
        if how == "unpublished":
            tutorial.unpublish()
        else:
            PageViewRestriction.objects.create(
                page=tutorial if how == "password" else tutorial_index,
                restriction_type=PageViewRestriction.PASSWORD,
                password="x",
            )
        assert not listed(client, "images", poster)

    def test_a_drafts_poster_is_left_out_until_it_is_published(
        self, client, tutorial_index
    ):
        poster = new_image("Plakat szkicu")
        tutorial = self.tutorial(tutorial_index, poster, live=False)
        assert not listed(client, "images", poster)
        tutorial.save_revision().publish()
        assert listed(client, "images", poster)

    def test_an_orphan_upload_is_left_out(self, client, tutorial_index):
        poster = new_image("Plakat porzucony")
        tutorial = self.tutorial(tutorial_index, poster)
        assert listed(client, "images", poster)
        tutorial.poster = None
        tutorial.save_revision().publish()
        assert not listed(client, "images", poster)

    def test_a_search_keeps_to_them(self, client, tutorial_index):
        poster = new_image("Plakat webinarium")
        tutorial = self.tutorial(tutorial_index, poster)
        search = {"search": "webinarium"}
        assert titles(client.get("/api/v2/images/", search)) == {poster.title}
        tutorial.unpublish()
        assert titles(client.get("/api/v2/images/", search)) == set()


@pytest.mark.django_db
class TestDocumentsAPI:
    """Only documents a page the public may see uses, outside private
    collections (core/public_files.py)."""

    def practice(self, document, **kwargs):
        from practices.models import PracticeIndexPage
        from tests.factories import PracticePageFactory

        index = PracticeIndexPage.objects.get(locale__language_code="pl")
        body = [{"type": "document", "value": {"document": document.pk, "title": ""}}]
        return PracticePageFactory(parent=index, body=body, **kwargs)

    def test_a_document_of_a_hidden_page_is_left_out(self, client):
        document = new_document("Raport z warsztatów")
        practice = self.practice(document)
        assert listed(client, "documents", document)
        practice.unpublish()
        assert not listed(client, "documents", document)

    def test_an_orphan_upload_is_left_out(self, client):
        document = new_document("Raport publiczny")
        practice = self.practice(document)
        assert listed(client, "documents", document)
        practice.body = []
        practice.save_revision().publish()
        assert not listed(client, "documents", document)

    def test_a_private_collections_document_is_left_out_for_everyone(
        self, client, django_user_model
    ):
        from wagtail.models import Collection, CollectionViewRestriction

        board = Collection.get_first_root_node().add_child(name="Zarząd")
        minutes = board.add_child(name="Protokoły")
        document = new_document("Budżet wewnętrzny", collection=minutes)
        self.practice(document)
        assert listed(client, "documents", document)
        CollectionViewRestriction.objects.create(
            collection=board, restriction_type=CollectionViewRestriction.LOGIN
        )
        assert not listed(client, "documents", document)
        # Signed in, the restriction would let the reader through; the API
        # lists what the public may download all the same.
        client.force_login(django_user_model.objects.create_user("czytelnik"))
        assert not listed(client, "documents", document)


def detail(client, page):
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200, response.content[:300]
    return response.json()


def hide(page, how):
    if how == "unpublished":
        page.unpublish()
    else:
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )


@pytest.mark.django_db
@pytest.mark.parametrize("how", ["unpublished", "private"])
class TestRelatedFields:
    """What a public page points at is shown only when the public may see it."""

    def test_a_practices_library_and_partners(self, client, how):
        practice = Page.objects.get(slug="spotkania-w-lazach").specific
        partner = practice.partners.first().library
        data = detail(client, practice)
        assert data["library"]["title"] == practice.library.title
        assert partner.pk in {item["library"]["id"] for item in data["partners"]}
        hide(practice.library, how)
        hide(partner, how)
        data = detail(client, practice)
        assert data["library"] is None
        assert partner.pk not in {item["library"]["id"] for item in data["partners"]}

    def test_the_home_pages_testimonial_and_featured_projects(self, client, how):
        from home.models import HomeFeaturedProject, HomePage
        from projects.models import ProjectPage, TestimonialPage

        home = HomePage.objects.get(locale__language_code="pl")
        home.testimonial = TestimonialPage.objects.filter(locale=home.locale).first()
        home.save()
        project = ProjectPage.objects.filter(locale=home.locale).first()
        featured = HomeFeaturedProject.objects.create(page=home, project=project)
        data = detail(client, home)
        assert data["testimonial"]["id"] == home.testimonial.pk
        assert featured.project.pk in {
            i["project"]["id"] for i in data["featured_projects"]
        }
        hide(home.testimonial.specific, how)
        hide(featured.project.specific, how)
        data = detail(client, home)
        assert data["testimonial"] is None
        assert featured.project.pk not in {
            i["project"]["id"] for i in data["featured_projects"]
        }

    def test_a_tutorials_project(self, client, how):
        from tutorials.models import TutorialPage

        tutorial = TutorialPage.objects.filter(project__isnull=False).first()
        assert detail(client, tutorial)["project"]["id"] == tutorial.project_id
        hide(tutorial.project, how)
        assert detail(client, tutorial)["project"] is None


# The API fields of every page type (issue 14, a hole of the mutation audit:
# nothing failed when a field listed in ``api_fields`` left the API).


# What a project and a practice serve for another library to repeat them
# (core/replication.py): "contact" holds the name, role and the e-mail only
# where published; "duration" and "licence_url" are read from the fields.
REPLICATION_FIELDS = {
    *("people_reached", "cost", "cost_currency", "funded_by"),
    *("duration_amount", "duration_unit", "duration", "steps", "materials"),
    *("contact", "contact_library", "licence", "licence_url", "goals"),
}

# What each page type serves beyond id, title and meta: a field leaving the
# API, or joining it, is a change to say so here.
API_FIELDS = {
    "home.HomePage": {"intro", "featured_projects", "testimonial", "funders"},
    "information.InformationPage": {"intro", "body"},
    "information.AccessibilityStatementPage": {
        *("body_owner", "legislation", "compliance", "non_accessible"),
        *("alternatives", "prepared_on", "reviewed_on", "method", "feedback"),
        *("contact_email", "contact_phone", "enforcement"),
    },
    "projects.ProjectPage": {
        *("summary", "body", "links", "audiences", "formats", "topics"),
        *("programme", "start_date", "end_date", "key_figures", "project_libraries"),
        "image",
        "events",
        *REPLICATION_FIELDS,
    },
    "projects.TestimonialPage": {
        *("quote", "library", "role", "person", "function", "excerpt"),
    },
    "practices.PracticePage": {
        *("summary", "body", "links", "audiences", "formats", "topics"),
        *("library", "partners", "events", "image", "key_figures"),
        *REPLICATION_FIELDS,
    },
    "tutorials.TutorialPage": {
        *("video_url", "summary", "transcript", "duration", "tools", "level"),
        *("audiences", "project", "captions"),
    },
    "libraries.LibraryPage": {
        *("kind", "town", "region", "country", "website", "latitude", "longitude"),
        "image",
    },
}


def fill_empty_fields(locale):
    """Give the demo's pages what the demo leaves empty (dates, coordinates,
    the home page's testimonial and featured projects), so that each field
    is checked with a value in it."""
    from core.models import Goal
    from home.models import HomeFeaturedProject, HomePage
    from libraries.models import LibraryPage
    from practices.models import PracticePage
    from projects.models import ProjectPage, TestimonialPage

    ProjectPage.objects.filter(locale=locale).update(
        start_date="2010-11-01", end_date="2011-06-30"
    )
    for model in (ProjectPage, PracticePage):
        model.objects.filter(locale=locale).update(
            people_reached=120,
            cost="12000.00",
            cost_currency="PLN",
            funded_by="Fundacja",
            duration_amount=3,
            duration_unit="months",
            contact_name="Zofia Nowak",
            contact_role="koordynatorka",
            contact_library=LibraryPage.objects.filter(locale=locale).first(),
            contact_email="zofia@example.org",
            contact_email_public=True,
        )
        for page in model.objects.filter(locale=locale):
            page.goals.set(Goal.objects.filter(locale=locale, number__in=(4, 17)))
            page.save()  # a parental relation is written as its page is
    LibraryPage.objects.filter(locale=locale).update(
        latitude="50.849800", longitude="20.612300", website="https://example.org/"
    )
    home = HomePage.objects.get(locale=locale)
    HomePage.objects.filter(pk=home.pk).update(
        testimonial=TestimonialPage.objects.filter(locale=locale).first()
    )
    HomeFeaturedProject.objects.create(
        page=home, project=ProjectPage.objects.filter(locale=locale).first()
    )


def api_field_names(model):
    return [getattr(field, "name", field) for field in getattr(model, "api_fields", [])]


def assert_sane(page, name, value):
    """The API's value of a field is what the page holds."""
    from django.core.exceptions import FieldDoesNotExist
    from django.db import models
    from django.utils.duration import duration_string
    from modelcluster.fields import ParentalManyToManyField
    from wagtail.fields import StreamField

    if name == "contact":
        assert value == {
            "name": page.contact_name,
            "role": page.contact_role,
            "email": page.public_contact_email or None,
        }
        return
    try:
        field = page._meta.get_field(name)
    except FieldDoesNotExist:  # read from the fields: a duration, a URL
        assert value == getattr(page, name)
        return
    held = getattr(page, name)
    if isinstance(field, StreamField):
        assert [(block["type"], block["id"]) for block in value] == [
            (block.block_type, block.id) for block in held
        ]
        assert all("value" in block for block in value)
    elif isinstance(field, ParentalManyToManyField | models.ManyToManyField):
        assert held.exists(), f"the demo gives {name} values"
        assert sorted(item["id"] for item in value) == sorted(
            held.values_list("pk", flat=True)
        )
    elif field.one_to_many:  # child objects: partners, captions…
        children = list(held.all())
        assert [item["id"] for item in value] == [child.pk for child in children]
        for item, child in zip(value, children, strict=True):
            for child_name in child.api_fields:
                assert child_name in item, (name, child_name)
    elif isinstance(field, models.ForeignKey):
        assert value == {**value, "id": held.pk} if held else value is None
    elif isinstance(field, models.DateField):
        assert value == (held.isoformat() if held else None)
    elif isinstance(field, models.DurationField):
        assert value == (duration_string(held) if held is not None else None)
    elif isinstance(field, models.IntegerField):
        assert value == held
    elif isinstance(field, models.DecimalField):
        assert (value is None) == (held is None)
        if held is not None:
            assert str(value) == str(held)
    else:  # text
        assert value == held
        assert isinstance(value, str)


@pytest.mark.django_db
@pytest.mark.parametrize("page_type", TYPES)
def test_the_detail_of_each_page_type_has_every_api_field(client, page_type):
    from django.apps import apps
    from wagtail.models import Locale

    polish = Locale.objects.get(language_code="pl")
    fill_empty_fields(polish)
    model = apps.get_model(page_type)
    pages = model.objects.filter(locale=polish).live()
    # The richest page of the type: the one with the most fields filled.
    page = max(
        pages,
        key=lambda page: sum(
            bool(getattr(page, name)) for name in api_field_names(model)
        ),
    )

    response = client.get(f"/api/v2/pages/{page.pk}/")

    assert response.status_code == 200
    data = response.json()
    assert data["id"] == page.pk
    assert data["title"] == page.title
    assert data["meta"]["type"] == page_type
    assert data["meta"]["locale"] == "pl"
    assert data["meta"]["html_url"].endswith(page.url)
    names = api_field_names(model)
    assert set(names) == API_FIELDS.get(page_type, set())
    for name in names:
        assert name in data, name
        assert_sane(page, name, data[name])
