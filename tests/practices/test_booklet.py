"""The printable booklet: a filtered practice list as a PDF in the reader's language."""

import io

import pypdf
import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale, PageViewRestriction
from wagtail.rich_text import RichText

from core.models import Audience, Format
from core.pdf import Refused, UploadFetcher, upload_url
from practices.models import PracticeIndexPage, PracticePage
from tests.factories import PracticePageFactory

FINNISH = "/fi/hyvat-kaytannot/"
POLISH = "/pl/dobre-praktyki/"

POLISH_TITLE = "Zażółć gęślą jaźń: czytanie dla seniorów"
RUSSIAN_TITLE = "Онлайн-школа библиотечного наставничества для пожилых"
FINNISH_TITLE = "Kirjastoväki digitaitoisemmaksi: ikäihmisten digituki"


def practice(language, title, summary, audiences=("seniors",), formats=(), **fields):
    locale = Locale.objects.get(language_code=language)
    page = PracticePageFactory(
        parent=PracticeIndexPage.objects.get(locale=locale),
        title=title,
        summary=summary,
        audiences=list(Audience.objects.filter(locale=locale, slug__in=audiences)),
        formats=list(Format.objects.filter(locale=locale, slug__in=formats)),
        **fields,
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def practices(db):
    """Practices for seniors in Polish, Russian and Finnish (none translated:
    the Finnish list shows the others in their own language), a draft and a
    private one."""
    made = {
        "pl": practice(
            "pl",
            POLISH_TITLE,
            "Spotkania przy książce: źródła, łączność, ćwiczenia pamięci.",
            body=[
                (
                    "paragraph",
                    RichText(
                        '<p>Zapisy na <a href="https://example.org/zapisy">stronie'
                        "</a> biblioteki.</p>"
                    ),
                )
            ],
        ),
        "ru": practice(
            "ru",
            RUSSIAN_TITLE,
            "Наставники помогают пожилым читателям освоить электронные услуги.",
        ),
        "fi": practice(
            "fi",
            FINNISH_TITLE,
            "Kirjastot neuvovat ikäihmisiä sähköisten palvelujen käytössä.",
        ),
    }
    draft = practice("pl", "Szkic dla seniorów", "Jeszcze nie gotowe.")
    draft.unpublish()
    hidden = practice("pl", "Prywatne spotkanie seniorów", "Tylko dla zespołu.")
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    return made


def read_pdf(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return pypdf.PdfReader(io.BytesIO(response.content))


def outline_titles(reader):
    """The outline's top entries: one per practice (templates/…/practice.html)."""
    return [entry.title for entry in reader.outline if not isinstance(entry, list)]


def text(reader):
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.django_db
class TestBooklet:
    def test_has_one_section_per_practice_of_the_filter_and_nothing_hidden(
        self, client, practices
    ):
        reader = read_pdf(client.get(FINNISH + "booklet/", {"audience": "seniors"}))
        assert sorted(outline_titles(reader)) == sorted(
            [POLISH_TITLE, RUSSIAN_TITLE, FINNISH_TITLE]
        )
        content = text(reader)
        assert "Szkic" not in content
        assert "Prywatne" not in content

    def test_each_practice_has_its_figures_steps_contact_and_licence(
        self, client, practices
    ):
        page = practices["pl"]
        page.people_reached = 240
        page.steps = [
            ("step", {"title": "Zaproś seniorów", "text": RichText("<p>Plakaty.</p>")})
        ]
        page.contact_name = "Anna Nowak"
        page.contact_email = "anna.nowak@example.org"
        page.contact_email_public = False
        page.save_revision().publish()

        content = text(
            read_pdf(client.get(POLISH + "booklet/", {"audience": "seniors"}))
        )

        assert "240" in content
        assert "Zaproś seniorów" in content
        assert "Anna Nowak" in content
        assert "CC BY 4.0" in content
        # The e-mail only once it is published.
        assert "anna.nowak@example.org" not in content
        page.contact_email_public = True
        page.save_revision().publish()
        content = text(
            read_pdf(client.get(POLISH + "booklet/", {"audience": "seniors"}))
        )
        assert "anna.nowak@example.org" in content

    def test_follows_the_filter(self, client, practices):
        reader = read_pdf(client.get(POLISH + "booklet/", {"audience": "librarians"}))
        assert outline_titles(reader) == ["Spotkania „Podaj dalej” w Łazach"]

    def test_holds_polish_russian_and_finnish_letters(self, client, practices):
        content = text(
            read_pdf(client.get(FINNISH + "booklet/", {"audience": "seniors"}))
        )
        for letter in "ąęłńóśźżäö":
            assert letter in content, letter
        assert "Наставники помогают" in content
        # One font carries them all: none fell back to another.
        reader = read_pdf(client.get(FINNISH + "booklet/", {"audience": "seniors"}))
        fonts = {
            font.get_object()["/BaseFont"].split("+")[-1]
            for page in reader.pages
            for font in page["/Resources"]["/Font"].values()
        }
        assert fonts and all(
            font.startswith("/DejaVu") or "DejaVu" in font for font in fonts
        ), fonts

    def test_holds_at_most_the_settings_number_and_says_so(
        self, client, practices, settings
    ):
        settings.BOOKLET_MAX_PRACTICES = 2
        reader = read_pdf(client.get(FINNISH + "booklet/", {"audience": "seniors"}))
        assert len(outline_titles(reader)) == 2
        assert "Vihkossa on ensimmäiset 2" in text(reader)

    def test_speaks_the_readers_language(self, client, practices):
        reader = read_pdf(client.get(FINNISH + "booklet/", {"audience": "seniors"}))
        assert reader.trailer["/Root"]["/Lang"] == "fi"
        finnish = text(reader)
        assert "Sisällys" in finnish  # Contents
        assert "Kohderyhmä: ikääntyneet" in finnish  # the filter, in words
        polish = text(
            read_pdf(client.get(POLISH + "booklet/", {"audience": "seniors"}))
        )
        assert "Spis treści" in polish
        assert "Odbiorcy: seniorzy" in polish

    def test_is_tagged_for_screen_readers(self, client, practices):
        reader = read_pdf(client.get(POLISH + "booklet/", {"audience": "seniors"}))
        root = reader.trailer["/Root"]
        assert root["/MarkInfo"]["/Marked"]
        assert "/StructTreeRoot" in root

    def test_prints_a_links_address_as_a_footnote(self, client, practices):
        content = text(
            read_pdf(client.get(POLISH + "booklet/", {"audience": "seniors"}))
        )
        assert "https://example.org/zapisy" in content.replace("\n", "")

    def test_a_filter_that_names_nothing_is_a_clear_400(self, client, practices):
        response = client.get(FINNISH + "booklet/", {"audience": "astronauts"})
        assert response.status_code == 400
        assert response["Content-Type"].startswith("text/plain")
        assert "audience" in response.content.decode()
        assert "ei voi rajata" in response.content.decode()

    def test_a_filter_that_matches_nothing_says_so(self, client, practices):
        reader = read_pdf(
            client.get(
                FINNISH + "booklet/", {"audience": "seniors", "format": "webinar"}
            )
        )
        assert outline_titles(reader) == []
        assert "Mikään hyvä käytäntö ei täytä näitä ehtoja" in text(reader)

    def test_the_listing_links_its_booklet_with_its_filters(self, client, practices):
        html = BeautifulSoup(
            client.get(FINNISH, {"audience": "seniors"}).content, "html.parser"
        )
        link = html.select_one(".booklet-link a")
        assert link["href"] == FINNISH + "booklet/?audience=seniors"
        assert html.find("link", type="application/pdf")["href"] == link["href"]


@pytest.mark.django_db
class TestUploadFetcher:
    def fetcher(self):
        return UploadFetcher("http://testserver/")

    def test_reads_a_public_image_from_the_storage(self, demo):
        page = PracticePage.objects.live().exclude(image=None).first()
        # The original's name: a rendition may come from Wagtail's rendition
        # cache, which a test's rollback leaves holding rows that are gone.
        response = self.fetcher().fetch(upload_url(page.image.file.name))
        assert response.read()[:4] in (
            b"\x89PNG",
            b"\xff\xd8\xff\xe0",
            b"\xff\xd8\xff\xe1",
        )

    @pytest.mark.parametrize(
        "url",
        [
            "https://example.org/image.png",
            "file:///etc/passwd",
            "http://testserver/static/css/site.css",
            "upload:../config/settings/base.py",
            "upload:original_images/not-uploaded.png",
            "http://testserver/media/original_images/not-uploaded.png",
        ],
    )
    def test_refuses_anything_else(self, demo, url):
        with pytest.raises(Refused):
            self.fetcher().fetch(url)

    def test_refuses_an_image_no_public_page_uses(self, demo):
        page = PracticePage.objects.live().exclude(image=None).first()
        name = page.image.file.name
        for version in PracticePage.objects.filter(
            translation_key=page.translation_key
        ):
            version.unpublish()
        with pytest.raises(Refused):
            self.fetcher().fetch(upload_url(name))
