"""What another library needs to repeat a story (core/replication.py): each
field through the admin's create view and through wagtail-localize, the
contact's e-mail only where published, the goal facet, the API, the search
index, the sitemap's pages and schema.org's HowTo."""

import json
import re
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale, Page
from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from core.goals import GOALS, ensure_goals
from core.models import Goal
from libraries.models import LibraryPage
from practices.models import PracticeIndexPage, PracticePage
from projects.models import ProjectPage
from tests.factories import PracticePageFactory
from tests.pages import DemoPageTestCase, form_data

EMAIL = "zofia.nowak@example.org"


def a_document(title="Scenariusz spotkania"):
    return get_document_model().objects.create(
        title=title,
        file=ContentFile(b"%PDF-1.4\n", name="scenariusz.pdf"),
        collection=Collection.get_first_root_node(),
    )


def structured_data(html):
    """The page's schema.org JSON-LD, read back."""
    found = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL
    )
    assert len(found) == 1, found
    return json.loads(found[0])


def replication_form(contact_library, document, goal, **extra):
    """Every replication field, as the admin's form posts it."""
    fields = {
        "key_figures": streamfield(
            [("figure", {"value": "15", "unit": "", "label": "uczestników spotkania"})]
        ),
        "people_reached": "120",
        "cost": "12000.50",
        "cost_currency": "PLN",
        "funded_by": "Fundacja Rozwoju Bibliotek",
        "duration_amount": "3",
        "duration_unit": "months",
        "steps": streamfield(
            [
                (
                    "step",
                    {
                        "title": "Zaproś biblioteki partnerskie",
                        "text": rich_text("<p>Wyślij list z zaproszeniem.</p>"),
                    },
                ),
                ("step", {"title": "Spotkajcie się online", "text": rich_text("")}),
            ]
        ),
        "materials": streamfield(
            [("material", {"document": document.pk, "title": "Scenariusz spotkania"})]
        ),
        "contact_name": "Zofia Nowak",
        "contact_role": "koordynatorka",
        "contact_library": contact_library.pk,
        "contact_email": EMAIL,
        "contact_email_public": "on",
        "licence": "cc-by-sa-4.0",
        "body": streamfield([]),
        "links": streamfield([]),
        **extra,
    }
    return form_data(fields, goals=[goal.pk])


def assert_replication_fields(page, library, document, goal):
    assert [(b.value["value"], b.value["label"]) for b in page.key_figures] == [
        (Decimal("15"), "uczestników spotkania")
    ]
    assert page.people_reached == 120
    assert page.cost == Decimal("12000.50")
    assert page.cost_currency == "PLN"
    assert page.funded_by == "Fundacja Rozwoju Bibliotek"
    assert (page.duration_amount, page.duration_unit) == (3, "months")
    assert page.duration == "P3M"
    assert [b.value["title"] for b in page.steps] == [
        "Zaproś biblioteki partnerskie",
        "Spotkajcie się online",
    ]
    assert "Wyślij list z zaproszeniem." in page.steps[0].value["text"].source
    assert [(b.value["document"], b.value["title"]) for b in page.materials] == [
        (document, "Scenariusz spotkania")
    ]
    assert (page.contact_name, page.contact_role) == ("Zofia Nowak", "koordynatorka")
    assert page.contact_library == library
    assert (page.contact_email, page.contact_email_public) == (EMAIL, True)
    assert page.licence == "cc-by-sa-4.0"
    assert list(page.goals.all()) == [goal]


class TestThroughTheAdmin(DemoPageTestCase):
    def setUp(self):
        super().setUp()
        self.document = a_document()
        self.goal = Goal.objects.get(locale=self.polish, slug="quality-education")

    def test_a_practice_keeps_every_field(self):
        data = replication_form(
            self.library,
            self.document,
            self.goal,
            title="Podaj dalej w Pilicy",
            slug="podaj-dalej-w-pilicy",
            summary="Spotkania bibliotek partnerskich.",
            library=self.library.pk,
            partners=inline_formset([]),
            events=streamfield([]),
        )
        self.assertCanCreate(self.practice_index, PracticePage, data)
        page = PracticePage.objects.get(slug="podaj-dalej-w-pilicy")
        assert_replication_fields(page, self.library, self.document, self.goal)

    def test_a_project_keeps_every_field(self):
        data = replication_form(
            self.library,
            self.document,
            self.goal,
            title="Seniorzy w sieci",
            slug="seniorzy-w-sieci",
            summary="Warsztaty cyfrowe dla seniorów.",
            project_libraries=inline_formset([]),
            events=streamfield([]),
        )
        self.assertCanCreate(self.project_index, ProjectPage, data)
        page = ProjectPage.objects.get(slug="seniorzy-w-sieci")
        assert_replication_fields(page, self.library, self.document, self.goal)

    def test_a_cost_without_its_currency_is_refused_and_nothing_is_saved(self):
        data = replication_form(
            self.library,
            self.document,
            self.goal,
            title="Bez waluty",
            slug="bez-waluty",
            summary="Koszt bez waluty.",
            library=self.library.pk,
            partners=inline_formset([]),
            events=streamfield([]),
            cost_currency="",
        )
        url = f"/admin/pages/add/practices/practicepage/{self.practice_index.pk}/"
        response = self.client.post(url, data)
        assert response.status_code == 200
        # "Choose the currency of the cost.", in the editor's language.
        self.assertContains(response, "Wybierz walutę kosztu.")
        assert not PracticePage.objects.filter(slug="bez-waluty").exists()

    def test_the_goals_are_found_in_the_admin_by_name(self):
        response = self.client.get(
            "/admin/snippets/core/goal/", {"q": "edukacji", "locale": "pl"}
        )
        self.assertContains(response, "Dobra jakość edukacji")
        self.assertNotContains(response, "Zero głodu")

    def test_a_new_story_is_under_cc_by_4_0(self):
        assert PracticePage().licence == "cc-by-4.0"
        assert PracticePage().licence_url == (
            "https://creativecommons.org/licenses/by/4.0/"
        )


@pytest.fixture
def practice(home_pages):
    """A Polish practice with every replication field filled, published."""
    polish = Locale.objects.get(language_code="pl")
    library = LibraryPage.objects.get(locale=polish, slug="bpmig-lazy")
    page = PracticePageFactory(
        parent=PracticeIndexPage.objects.get(locale=polish),
        title="Spotkania online w Łazach",
        slug="spotkania-online",
        summary="Biblioteka spotyka partnerów na czacie.",
        library=library,
        key_figures=[
            {
                "type": "figure",
                "value": {"value": Decimal("15"), "unit": "", "label": "uczestników"},
            }
        ],
        people_reached=120,
        cost=Decimal("12000"),
        cost_currency="PLN",
        funded_by="Fundacja Rozwoju Bibliotek",
        duration_amount=3,
        duration_unit="months",
        steps=[
            {
                "type": "step",
                "value": {
                    "title": "Zaproś partnerów",
                    "text": "<p>Wyślij list z zaproszeniem.</p>",
                },
            }
        ],
        contact_name="Zofia Nowak",
        contact_role="koordynatorka",
        contact_library=library,
        contact_email=EMAIL,
        contact_email_public=False,
    )
    page.goals.set([Goal.objects.get(locale=polish, slug="quality-education")])
    page.save_revision().publish()
    return PracticePage.objects.get(pk=page.pk)


def translate_into_english(page, texts):
    english = Locale.objects.get(language_code="en")
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=english)
    for segment in source.stringsegment_set.select_related("string", "context"):
        text = texts.get(segment.string.data)
        if text:
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=english,
                context=segment.context,
                data=text,
            )
    return source, translation, save_and_publish(translation)


def save_and_publish(translation):
    """The translated page, saved and published (wagtail-localize's own
    publishing waits for a commit, which a test's transaction never makes)."""
    translation.save_target(publish=False)
    page = translation.get_target_instance()
    page.get_latest_revision().publish()
    return PracticePage.objects.get(pk=page.pk)


ENGLISH = {
    "Spotkania online w Łazach": "Online meetings in Łazy",
    "Biblioteka spotyka partnerów na czacie.": "The library meets partners in a chat.",
    "uczestników": "participants",
    "Fundacja Rozwoju Bibliotek": "Library Development Foundation",
    "Zaproś partnerów": "Invite the partners",
    "Wyślij list z zaproszeniem.": "Send a letter of invitation.",
    "koordynatorka": "coordinator",
}


@pytest.mark.django_db
class TestThroughWagtailLocalize:
    def test_text_is_translated_and_numbers_follow_the_source(self, client, practice):
        source, translation, english = translate_into_english(practice, ENGLISH)
        assert english.key_figures[0].value["label"] == "participants"
        assert english.key_figures[0].value["value"] == Decimal("15")
        assert english.funded_by == "Library Development Foundation"
        assert english.steps[0].value["title"] == "Invite the partners"
        assert english.contact_role == "coordinator"
        assert english.contact_name == "Zofia Nowak"
        assert (english.people_reached, english.cost) == (120, Decimal("12000"))

        # The source changes its numbers, dates and choices; a sync carries
        # them over and keeps the translated text.
        practice.key_figures[0].value["value"] = Decimal("18")
        practice.people_reached = 150
        practice.cost = Decimal("9500")
        practice.cost_currency = "EUR"
        practice.duration_amount = 10
        practice.duration_unit = "weeks"
        practice.licence = "cc0-1.0"
        practice.contact_email_public = True
        practice.save_revision().publish()
        source.update_from_db()
        english = save_and_publish(translation)
        assert english.key_figures[0].value["value"] == Decimal("18")
        assert english.key_figures[0].value["label"] == "participants"
        assert english.people_reached == 150
        assert (english.cost, english.cost_currency) == (Decimal("9500"), "EUR")
        assert (english.duration_amount, english.duration_unit) == (10, "weeks")
        assert english.licence == "cc0-1.0"
        assert english.public_contact_email == EMAIL
        assert english.funded_by == "Library Development Foundation"

        html = client.get(english.url).content.decode()
        assert "<dt>participants</dt><dd>18</dd>" in html
        assert "<dd>150</dd>" in html
        assert "10 weeks" in html
        assert "Invite the partners" in html

    def test_the_translation_shows_the_goal_and_library_in_its_language(
        self, client, practice
    ):
        _source, _translation, english = translate_into_english(practice, ENGLISH)
        html = client.get(english.url).content.decode()
        assert "Goal 4: Quality Education" in html
        assert "Dobra jakość edukacji" not in html
        data = structured_data(html)
        assert data["about"][0]["name"] == "4. Quality Education"
        assert data["inLanguage"] == "en"


@pytest.mark.django_db
class TestTheContactsEmail:
    """Shown on the page, in the API, in search and in JSON-LD only when
    the editor ticked "publish the e-mail"."""

    def test_hidden_everywhere_until_published(self, client, practice):
        html = client.get(practice.url).content.decode()
        assert "Zofia Nowak" in html
        assert EMAIL not in html
        assert "email" not in structured_data(html)["contributor"]

        response = client.get(f"/api/v2/pages/{practice.pk}/")
        assert response.json()["contact"] == {
            "name": "Zofia Nowak",
            "role": "koordynatorka",
            "email": None,
        }
        assert EMAIL not in response.content.decode()
        listing = client.get(
            "/api/v2/pages/", {"type": "practices.PracticePage", "fields": "*"}
        )
        assert EMAIL not in listing.content.decode()
        # Not a field the API filters by, so not a way to guess the address.
        probe = client.get(
            "/api/v2/pages/",
            {"type": "practices.PracticePage", "contact_email": EMAIL},
        )
        assert probe.status_code == 400
        assert practice.public_contact_email == ""
        # Nor in the feeds, which carry a story's title and summary only.
        index = PracticeIndexPage.objects.get(locale=practice.locale)
        for feed in (
            index.url + "feed/rss/",
            f"/{practice.locale.language_code}/feed/",
        ):
            response = client.get(feed)
            assert response.status_code == 200, feed
            assert b"Spotkania online" in response.content
            assert EMAIL.encode() not in response.content

    def test_shown_everywhere_once_published(self, client, practice):
        practice.contact_email_public = True
        practice.save_revision().publish()

        html = client.get(practice.url).content.decode()
        assert f'<a href="mailto:{EMAIL}">{EMAIL}</a>' in html
        assert structured_data(html)["contributor"]["email"] == EMAIL
        data = client.get(f"/api/v2/pages/{practice.pk}/").json()
        assert data["contact"]["email"] == EMAIL
        assert PracticePage.objects.get(pk=practice.pk).public_contact_email == EMAIL

    def test_the_search_index_holds_it_only_while_published(self, practice):
        from wagtail.search.index import get_indexed_models  # noqa: F401

        def indexed_text(page):
            return " ".join(
                str(field.get_value(page))
                for field in PracticePage.get_search_fields()
                if hasattr(field, "get_value")
            )

        assert EMAIL not in indexed_text(practice)
        practice.contact_email_public = True
        assert EMAIL in indexed_text(practice)

    def test_a_hidden_library_is_named_nowhere(self, client, practice):
        library = practice.contact_library
        library.unpublish()
        html = client.get(practice.url).content.decode()
        assert "worksFor" not in structured_data(html)["contributor"]
        assert library.title not in html.split('id="contact"')[1]
        data = client.get(f"/api/v2/pages/{practice.pk}/").json()
        assert data["contact_library"] is None


@pytest.mark.django_db
class TestTheGoalFacet:
    def test_an_unknown_goal_is_a_clear_400(self, client, home_pages):
        index = PracticeIndexPage.objects.get(locale__language_code="pl")
        response = client.get(index.url, {"goal": "world-peace-now"})
        assert response.status_code == 400
        html = response.content.decode()
        alert = html[html.index('role="alert"') :]
        assert "według podanego parametru „goal”" in alert[: alert.index("</div>")]
        feed = client.get(index.url + "feed/rss/", {"goal": "world-peace-now"})
        assert feed.status_code == 400
        assert feed.content.decode() == "Nieznana wartość filtra: goal."

    def test_filters_the_practices_by_goal_in_every_language(self, client, practice):
        index = PracticeIndexPage.objects.get(locale__language_code="pl")
        html = client.get(index.url, {"goal": "quality-education"}).content.decode()
        assert "Spotkania online w Łazach" in html
        assert "Spotkania „Podaj dalej” w Łazach" not in html
        assert "4. Dobra jakość edukacji" in client.get(index.url).content.decode()

        finnish = PracticeIndexPage.objects.get(locale__language_code="fi")
        html = client.get(finnish.url).content.decode()
        assert "4. Hyvä koulutus" in html
        html = client.get(finnish.url, {"goal": "quality-education"}).content.decode()
        assert "Spotkania online w Łazach" in html

    def test_the_projects_list_has_the_facet(self, client, home_pages):
        from projects.models import ProjectIndexPage

        project = ProjectPage.objects.get(
            slug="podaj-dalej", locale__language_code="pl"
        )
        project.goals.set([Goal.objects.get(locale=project.locale, number=17)])
        project.save_revision().publish()
        index = ProjectIndexPage.objects.get(locale__language_code="pl")
        html = client.get(
            index.url, {"goal": "partnerships-for-the-goals"}
        ).content.decode()
        assert "Mikrogranty „Podaj dalej”" in html
        assert "Biblioteka online: program szkoleniowy" not in html
        assert client.get(index.url, {"goal": "x"}).status_code == 400


@pytest.mark.django_db
class TestTheGoals:
    def test_seventeen_goals_with_their_official_names_in_four_languages(self, db):
        ensure_goals()
        for code in ("en", "pl", "ru", "fi"):
            goals = Goal.objects.filter(locale__language_code=code)
            assert sorted(goals.values_list("number", flat=True)) == list(range(1, 18))
        names = {
            goal.locale.language_code: goal.name
            for goal in Goal.objects.filter(number=4).select_related("locale")
        }
        assert names == {
            "en": "Quality Education",
            "pl": "Dobra jakość edukacji",
            "ru": "Качественное образование",
            "fi": "Hyvä koulutus",
        }
        assert len(set(Goal.objects.filter(number=4).values_list("slug"))) == 1
        assert len(GOALS) == 17

    def test_running_it_again_adds_nothing(self, db):
        ensure_goals()
        count = Goal.objects.count()
        assert ensure_goals() == 0
        assert Goal.objects.count() == count == 17 * 4


@pytest.mark.django_db
class TestPublicPagesAndAPI:
    def test_the_page_shows_every_field_accessibly(self, client, practice):
        document = a_document()
        practice.materials = [
            {
                "type": "material",
                "value": {"document": document.pk, "title": "Scenariusz"},
            }
        ]
        practice.save_revision().publish()
        html = client.get(practice.url).content.decode()
        for text in [
            '<h2 id="outcomes">Rezultaty</h2>',
            "<dt>uczestników</dt><dd>15</dd>",
            "<dd>120</dd>",
            "12\xa0000 <abbr",
            "Fundacja Rozwoju Bibliotek",
            '<time datetime="P3M">3 miesiące</time>',
            '<li class="step" id="step-1"><h3 class="step__title">Zaproś partnerów',
            f'<a href="{document.url}" download>Scenariusz</a>',
            "Biblioteka Publiczna Miasta i Gminy w Łazach",
            "Cel 4: Dobra jakość edukacji",
            '<a rel="license" href="https://creativecommons.org/licenses/by/4.0/'
            'deed.pl">CC BY 4.0</a>',
        ]:
            assert text in html, text

    def test_json_ld_is_a_howto_with_its_steps(self, client, practice):
        data = structured_data(client.get(practice.url).content.decode())
        assert data["@type"] == "HowTo"
        assert data["step"] == [
            {
                "@type": "HowToStep",
                "position": 1,
                "name": "Zaproś partnerów",
                "text": "Wyślij list z zaproszeniem.",
                "url": f"http://testserver{practice.url}#step-1",
            }
        ]
        assert data["totalTime"] == "P3M"
        assert data["estimatedCost"] == {
            "@type": "MonetaryAmount",
            "currency": "PLN",
            "value": "12000.00",
        }
        assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
        assert data["contributor"]["worksFor"]["name"] == (
            "Biblioteka Publiczna Miasta i Gminy w Łazach"
        )

    def test_the_api_serves_the_fields(self, client, practice):
        data = client.get(f"/api/v2/pages/{practice.pk}/").json()
        assert data["key_figures"][0]["value"]["label"] == "uczestników"
        assert data["people_reached"] == 120
        assert (data["cost"], data["cost_currency"]) == ("12000.00", "PLN")
        assert data["funded_by"] == "Fundacja Rozwoju Bibliotek"
        assert (data["duration_amount"], data["duration_unit"]) == (3, "months")
        assert data["duration"] == "P3M"
        assert data["steps"][0]["value"]["title"] == "Zaproś partnerów"
        assert data["contact_library"]["id"] == practice.contact_library_id
        assert data["licence"] == "cc-by-4.0"
        assert data["licence_url"] == "https://creativecommons.org/licenses/by/4.0/"
        assert [goal["id"] for goal in data["goals"]] == [
            Goal.objects.get(locale=practice.locale, number=4).pk
        ]

    def test_the_sitemap_lists_the_page_that_shows_them(self, client, practice):
        sitemap = client.get("/sitemap.xml").content.decode()
        assert f"http://testserver{practice.url}</loc>" in sitemap
        assert 'id="steps"' in client.get(practice.url).content.decode()


@pytest.mark.django_db
class TestMaterials:
    def test_downloadable_only_while_a_public_page_uses_them(self, client, practice):
        document = a_document("Tylko w szkicu")
        assert client.get(document.url).status_code == 404
        practice.materials = [
            {"type": "material", "value": {"document": document.pk, "title": "Plan"}}
        ]
        # A draft uses it: still not public.
        practice.save_revision()
        assert client.get(document.url).status_code == 404
        practice.save_revision().publish()
        assert client.get(document.url).status_code == 200
        Page.objects.get(pk=practice.pk).specific.unpublish()
        assert client.get(document.url).status_code == 404
