"""The map of member libraries, as a reader without JavaScript gets it (the
list, the markers' data waiting in the page) and as an editor gives it (the
coordinates, checked and kept the same in every language)."""

import json
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils.translation import override
from wagtail.models import Locale, PageViewRestriction
from wagtail.test.utils.form_data import rich_text
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation, TranslationSource

from libraries.models import LibraryIndexPage, LibraryPage
from practices.models import PracticeIndexPage
from tests.pages import form_data

LAZY = "Biblioteka Publiczna Miasta i Gminy w Łazach"


def markers(html):
    soup = BeautifulSoup(html, "html.parser")
    data = soup.find("script", id="library-map-data")
    assert data is not None, "no map data in the page"
    box = soup.find(id="library-map")
    # Hidden until the script draws the map: without it, only the list shows.
    assert box.has_attr("hidden")
    return json.loads(data.string), soup


@pytest.fixture
def polish(demo):
    return Locale.objects.get(language_code="pl")


class TestLibraryDirectoryMap:
    def test_lists_the_libraries_with_links_and_their_markers(self, client, polish):
        index = LibraryIndexPage.objects.get(locale=polish)
        response = client.get(index.url)
        assert response.status_code == 200
        found, soup = markers(response.content.decode())
        listed = {a.get_text(): a["href"] for a in soup.select("ul.directory li > a")}
        assert len(listed) == 14  # every library of the seeds, server-rendered
        lazy = LibraryPage.objects.get(locale=polish, slug="bpmig-lazy")
        assert listed[LAZY] == lazy.url
        by_name = {marker["name"]: marker for marker in found}
        assert by_name[LAZY] == {
            "name": LAZY,
            "place": "Łazy, województwo śląskie, Polska",
            "lat": 50.4281,
            "lng": 19.3947,
            "url": lazy.url,
        }
        # Each marker leads where the list does.
        assert {m["url"] for m in found} <= set(listed.values())
        assert len(found) == 14  # the demo's libraries all have coordinates

    def test_a_library_without_coordinates_is_listed_not_marked(self, client, polish):
        lazy = LibraryPage.objects.get(locale=polish, slug="bpmig-lazy")
        LibraryPage.objects.filter(pk=lazy.pk).update(latitude=None, longitude=None)
        index = LibraryIndexPage.objects.get(locale=polish)
        found, soup = markers(client.get(index.url).content.decode())
        assert LAZY not in {marker["name"] for marker in found}
        assert soup.find("a", string=LAZY)["href"] == lazy.url

    def test_a_private_library_is_neither_listed_nor_marked(self, client, polish):
        lazy = LibraryPage.objects.get(locale=polish, slug="bpmig-lazy")
        PageViewRestriction.objects.create(
            page=lazy, restriction_type="password", password="secret"
        )
        index = LibraryIndexPage.objects.get(locale=polish)
        html = client.get(index.url).content.decode()
        found, _soup = markers(html)
        assert LAZY not in html
        assert LAZY not in {marker["name"] for marker in found}

    def test_the_policy_lets_images_load_from_the_tile_host_only(
        self, client, polish, settings
    ):
        index = LibraryIndexPage.objects.get(locale=polish)
        policy = client.get(index.url)["Content-Security-Policy"]
        img_src = next(d for d in policy.split("; ") if d.startswith("img-src"))
        assert "https://tile.openstreetmap.org" in img_src.split()
        assert "openstreetmap" not in policy.replace(img_src, "")
        settings.MAP_TILE_URL = "https://{s}.tiles.example.org/{z}/{x}/{y}.png"
        policy = client.get(index.url)["Content-Security-Policy"]
        assert "https://*.tiles.example.org" in policy
        assert "tile.openstreetmap.org" not in policy

    def test_no_cookie_is_set(self, client, polish):
        index = LibraryIndexPage.objects.get(locale=polish)
        assert client.get(index.url).cookies == {}


class TestPracticeListMap:
    def test_lists_the_libraries_of_the_practices_with_their_practices(
        self, client, polish
    ):
        index = PracticeIndexPage.objects.get(locale=polish)
        found, soup = markers(client.get(index.url).content.decode())
        section = soup.find("section", class_="map-libraries")
        names = [a.get_text() for a in section.select("li > a:first-child")]
        # The practice of seed 003: its library and its three partners.
        assert sorted(names) == sorted(
            [
                LAZY,
                "Miejsko-Gminna Biblioteka Publiczna w Pilicy",
                "Gminna Biblioteka Publiczna w Kroczycach",
                "Miejska Biblioteka Publiczna w Andrychowie",
            ]
        )
        lazy = next(m for m in found if m["name"] == LAZY)
        assert (
            lazy["url"] == LibraryPage.objects.get(locale=polish, slug="bpmig-lazy").url
        )
        assert lazy["more_url"] == "?library=bpmig-lazy"
        assert lazy["more_label"] == "1 dobra praktyka"
        assert section.find("a", href="?library=bpmig-lazy") is not None
        # That link narrows the list to the library's practices.
        narrowed = client.get(f"{index.url}?library=bpmig-lazy")
        assert narrowed.status_code == 200

    def test_a_finnish_reader_gets_the_finnish_list(self, client, demo):
        index = PracticeIndexPage.objects.get(locale__language_code="fi")
        found, soup = markers(client.get(index.url).content.decode())
        assert all(m["url"].startswith("/fi/") for m in found)
        assert len(found) == 4

    def test_a_filter_that_keeps_nothing_shows_no_map(self, client, polish):
        index = PracticeIndexPage.objects.get(locale=polish)
        html = client.get(f"{index.url}?audience=children").content.decode()
        assert 'id="library-map-data"' not in html


class TestCoordinatesInTheAdmin:
    @pytest.fixture
    def admin_client(self, admin_client, admin_user):
        """A superuser whose admin speaks English (Polish is the default)."""
        profile = UserProfile.get_for_user(admin_user)
        profile.preferred_language = "en"
        profile.save()
        return admin_client

    def edit(self, admin_client, library, **changes):
        data = form_data(
            {
                "title": library.title,
                "slug": library.slug,
                "kind": library.kind,
                "member_of": "",
                "town": library.town,
                "region": library.region,
                "country": library.country,
                "latitude": str(library.latitude),
                "longitude": str(library.longitude),
                "website": "",
                "description": rich_text(""),
                "image": "",
                **changes,
            }
        )
        url = reverse("wagtailadmin_pages:edit", args=[library.pk])
        return admin_client.post(url, data)

    @pytest.mark.parametrize(
        ("changes", "field", "message"),
        [
            ({"latitude": "50,42x"}, "latitude", "Enter a number."),
            (
                {"latitude": "95"},
                "latitude",
                "A latitude lies between -90 and 90 degrees.",
            ),
            (
                {"longitude": "-181.5"},
                "longitude",
                "A longitude lies between -180 and 180 degrees.",
            ),
            (
                {"longitude": ""},
                "longitude",
                "Give both the latitude and the longitude, or neither.",
            ),
        ],
    )
    def test_a_malformed_coordinate_is_a_clear_error(
        self, admin_client, polish, changes, field, message
    ):
        library = LibraryPage.objects.get(locale=polish, slug="bpmig-lazy")
        revisions = library.revisions.count()
        response = self.edit(admin_client, library, **changes)
        assert response.status_code == 200  # the form again, not a redirect
        # Shown to the editor, in the admin's language, at the field.
        assert message in response.content.decode()
        with override("en"):  # the form's errors are translated when read
            assert message in response.context["form"].errors[field]
        library.refresh_from_db()
        assert (library.latitude, library.longitude) == (
            Decimal("50.428100"),
            Decimal("19.394700"),
        )
        assert library.revisions.count() == revisions  # nothing saved

    def test_good_coordinates_are_saved(self, admin_client, polish):
        library = LibraryPage.objects.get(locale=polish, slug="bpmig-lazy")
        response = self.edit(
            admin_client, library, latitude="50.4300", longitude="19.3950"
        )
        assert response.status_code == 302, response.context["form"].errors
        library.refresh_from_db()
        draft = library.get_latest_revision_as_object()
        assert (draft.latitude, draft.longitude) == (
            Decimal("50.4300"),
            Decimal("19.3950"),
        )

    def test_coordinates_are_the_same_in_every_language(self, polish):
        library = LibraryPage.objects.get(locale=polish, slug="bpmig-lazy")
        english = library.get_translation(Locale.objects.get(language_code="en"))
        assert (english.latitude, english.longitude) == (
            library.latitude,
            library.longitude,
        )
        library.latitude, library.longitude = Decimal("50.5"), Decimal("19.5")
        library.save_revision().publish()
        source, _created = TranslationSource.update_or_create_from_instance(library)
        Translation.objects.get(
            source=source, target_locale=english.locale
        ).save_target(publish=True)
        english.refresh_from_db()
        assert (english.latitude, english.longitude) == (
            Decimal("50.500000"),
            Decimal("19.500000"),
        )
