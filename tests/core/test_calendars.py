"""A story's events as iCalendar (``calendar/``) and a list's calendar
feed (``feed/calendar/``): parsed back with icalendar, as a calendar
application reads them."""

from datetime import UTC, date, datetime, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Locale, PageViewRestriction

from core.blocks import EventBlock
from core.models import Audience
from libraries.models import LibraryPage
from practices.models import PracticeIndexPage, PracticePage
from projects.models import ProjectPage
from tests.factories import PracticePageFactory

LAZY = "Biblioteka Publiczna Miasta i Gminy w Łazach"


def parse(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_of(calendar):
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def polish(demo):
    return Locale.objects.get(language_code="pl")


@pytest.fixture
def lazy_practice(polish):
    return PracticePage.objects.get(locale=polish, slug="spotkania-w-lazach")


@pytest.fixture
def practice_index(polish):
    return PracticeIndexPage.objects.get(locale=polish)


def event(day, label, start=None, end=None):
    return (
        "event",
        {"date": day, "label": label, "start_time": start, "end_time": end},
    )


@pytest.fixture
def seniors_practice(practice_index, polish):
    """A second practice, for seniors, with an evening meeting in Łazy."""
    practice = PracticePageFactory(
        parent=practice_index,
        title="Wieczory z tabletem",
        library=LibraryPage.objects.get(locale=polish, slug="bpmig-lazy"),
        events=[event(date(2024, 5, 10), "Wieczór z tabletem", time(18), time(20))],
    )
    practice.audiences.set([Audience.objects.get(locale=polish, slug="seniors")])
    practice.save_revision().publish()
    return practice


class TestStoryCalendar:
    def test_a_practice_gives_its_events_as_one_ics(self, client, lazy_practice):
        response = client.get(f"{lazy_practice.url}calendar/")
        assert response["Content-Disposition"] == (
            'attachment; filename="spotkania-w-lazach.ics"'
        )
        calendar = parse(response)
        assert str(calendar["VERSION"]) == "2.0"
        events = events_of(calendar)
        first = events["Pierwsze spotkanie w Bibliotece w Łazach"]
        second = events["Drugie spotkanie: panel dyskusyjny na czacie internetowym"]
        # All-day events: dates, the next day as the (exclusive) end.
        assert first.decoded("DTSTART") == date(2010, 12, 16)
        assert first.decoded("DTEND") == date(2010, 12, 17)
        assert second.decoded("DTSTART") == date(2011, 3, 3)
        for item in (first, second):
            assert str(item["LOCATION"]).startswith(LAZY + ", Łazy")
            assert str(item["URL"]) == f"http://testserver{lazy_practice.url}"
            assert item.decoded("DTSTAMP").tzinfo is not None
            assert str(item["SUMMARY"].params["LANGUAGE"]) == "pl"
        assert first["UID"] != second["UID"]
        assert "Europe/Warsaw" in [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]

    def test_uids_are_stable_and_shared_by_translations(self, client, lazy_practice):
        again = parse(client.get(f"{lazy_practice.url}calendar/"))
        first = parse(client.get(f"{lazy_practice.url}calendar/"))
        uids = sorted(str(e["UID"]) for e in first.walk("VEVENT"))
        assert uids == sorted(str(e["UID"]) for e in again.walk("VEVENT"))
        english = PracticePage.objects.get(
            locale__language_code="en", translation_key=lazy_practice.translation_key
        )
        translated = parse(client.get(f"{english.url}calendar/"))
        assert sorted(str(e["UID"]) for e in translated.walk("VEVENT")) == uids
        assert "First meeting at the library in Łazy" in events_of(translated)

    def test_a_timed_event_carries_its_time_zone(self, client, seniors_practice):
        calendar = parse(client.get(f"{seniors_practice.url}calendar/"))
        evening = events_of(calendar)["Wieczór z tabletem"]
        assert evening["DTSTART"].params["TZID"] == "Europe/Warsaw"
        start = evening.decoded("DTSTART")
        assert start.astimezone(UTC) == datetime(2024, 5, 10, 16, tzinfo=UTC)
        assert evening.decoded("DTEND").astimezone(UTC).hour == 18
        zones = calendar.walk("VTIMEZONE")
        assert [str(zone["TZID"]) for zone in zones] == ["Europe/Warsaw"]
        assert b"BEGIN:DAYLIGHT" in zones[0].to_ical()  # summer time, +02:00

    def test_a_project_gives_its_events_at_its_leading_library(self, client, polish):
        project = ProjectPage.objects.get(locale=polish, slug="podaj-dalej")
        project.events = [event(date(2012, 6, 1), "Podsumowanie projektu")]
        project.save_revision().publish()
        response = client.get(project.url)
        assert f'href="{project.url}calendar/"' in response.content.decode()
        calendar = parse(client.get(f"{project.url}calendar/"))
        summary = events_of(calendar)["Podsumowanie projektu"]
        # The first of the project's leading libraries (seed 002: Morawica).
        assert str(summary["LOCATION"]).startswith(
            "Gminna Biblioteka Publiczna im. Jana Pawła II w Morawicy"
        )

    def test_a_story_read_inside_another_language_stays_inside_it(
        self, client, seniors_practice
    ):
        """The Polish-only practice read inside the Finnish site: its
        calendar links the story inside Finnish, as the page's own link does."""
        inside = seniors_practice.url.replace("/pl/", "/fi/", 1)
        page = client.get(inside).content.decode()
        assert f'href="{inside}calendar/"' in page
        calendar = parse(client.get(f"{inside}calendar/"))
        evening = events_of(calendar)["Wieczór z tabletem"]
        assert str(evening["URL"]) == f"http://testserver{inside}"

    def test_the_page_links_its_calendar(self, client, lazy_practice):
        response = client.get(lazy_practice.url)
        assert f'href="{lazy_practice.url}calendar/"' in response.content.decode()
        assert "Dodaj do kalendarza" in response.content.decode()


class TestHiddenStories:
    """A story the public may not see gives no calendar and is in no feed."""

    def test_a_private_storys_events_are_nowhere(self, client, lazy_practice):
        PageViewRestriction.objects.create(
            page=lazy_practice, restriction_type="password", password="secret"
        )
        assert client.get(f"{lazy_practice.url}calendar/").status_code == 404
        index = PracticeIndexPage.objects.get(locale=lazy_practice.locale)
        calendar = parse(client.get(f"{index.url}feed/calendar/"))
        assert calendar.walk("VEVENT") == []

    def test_a_draft_storys_events_are_nowhere(self, client, lazy_practice):
        # Every language's version unpublished: a live translation would be
        # shown in the Polish list in its stead, as on the list's page.
        for version in PracticePage.objects.filter(
            translation_key=lazy_practice.translation_key
        ):
            version.unpublish()
        assert client.get(f"{lazy_practice.url}calendar/").status_code == 404
        index = PracticeIndexPage.objects.get(locale=lazy_practice.locale)
        calendar = parse(client.get(f"{index.url}feed/calendar/"))
        assert calendar.walk("VEVENT") == []

    def test_a_story_under_a_private_project_is_nowhere(self, client, lazy_practice):
        project = lazy_practice.get_parent()
        PageViewRestriction.objects.create(
            page=project, restriction_type="password", password="secret"
        )
        assert client.get(f"{lazy_practice.url}calendar/").status_code == 404
        index = PracticeIndexPage.objects.get(locale=lazy_practice.locale)
        assert parse(client.get(f"{index.url}feed/calendar/")).walk("VEVENT") == []


class TestCalendarFeed:
    def test_the_list_gives_the_events_of_its_stories(
        self, client, practice_index, seniors_practice
    ):
        calendar = parse(client.get(f"{practice_index.url}feed/calendar/"))
        assert set(events_of(calendar)) == {
            "Pierwsze spotkanie w Bibliotece w Łazach",
            "Drugie spotkanie: panel dyskusyjny na czacie internetowym",
            "Wieczór z tabletem",
        }
        assert str(calendar["X-WR-CALNAME"]).startswith("Dobre praktyki · ")

    def test_the_feed_follows_the_filters(
        self, client, practice_index, seniors_practice
    ):
        seniors = parse(
            client.get(f"{practice_index.url}feed/calendar/?audience=seniors")
        )
        assert set(events_of(seniors)) == {"Wieczór z tabletem"}
        librarians = parse(
            client.get(f"{practice_index.url}feed/calendar/?audience=librarians")
        )
        assert "Wieczór z tabletem" not in events_of(librarians)
        assert "Pierwsze spotkanie w Bibliotece w Łazach" in events_of(librarians)

    def test_a_filter_that_names_nothing_is_a_400(self, client, practice_index):
        response = client.get(f"{practice_index.url}feed/calendar/?audience=nobody")
        assert response.status_code == 400
        assert b"audience" in response.content

    def test_the_list_links_its_feed_with_its_filters(
        self, client, practice_index, seniors_practice
    ):
        page = client.get(f"{practice_index.url}?audience=seniors").content.decode()
        assert f'href="{practice_index.url}feed/calendar/?audience=seniors"' in page
        assert 'type="text/calendar"' in page

    def test_a_story_read_inside_another_language_links_inside_it(
        self, client, seniors_practice
    ):
        finnish = PracticeIndexPage.objects.get(locale__language_code="fi")
        calendar = parse(client.get(f"{finnish.url}feed/calendar/?audience=seniors"))
        evening = events_of(calendar)["Wieczór z tabletem"]
        assert str(evening["URL"]).startswith("http://testserver/fi/")


class TestEventTimes:
    """A time is optional; an end needs a start and comes after it."""

    def clean(self, **times):
        block = EventBlock()
        value = {"date": "2024-05-10", "label": "Spotkanie", **times}
        return block.clean(block.to_python(value))

    def test_a_day_or_a_time_span_is_accepted(self):
        assert self.clean()["start_time"] is None
        cleaned = self.clean(start_time="18:00", end_time="20:00")
        assert (cleaned["start_time"], cleaned["end_time"]) == (time(18), time(20))

    @pytest.mark.parametrize(
        ("times", "field"),
        [
            ({"end_time": "20:00"}, "start_time"),
            ({"start_time": "18:00", "end_time": "17:00"}, "end_time"),
            ({"start_time": "18:00", "end_time": "18:00"}, "end_time"),
        ],
    )
    def test_an_impossible_span_is_refused(self, times, field):
        with pytest.raises(StructBlockValidationError) as error:
            self.clean(**times)
        assert list(error.value.block_errors) == [field]


def test_the_feeds_queries_do_not_grow_with_its_stories(client, practice_index, polish):
    lazy = LibraryPage.objects.get(locale=polish, slug="bpmig-lazy")
    url = f"{practice_index.url}feed/calendar/"

    def count_queries():
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            calendar = parse(client.get(url))
        return len(queries), len(calendar.walk("VEVENT"))

    def add(number):
        for n in range(number):
            PracticePageFactory(
                parent=practice_index,
                library=lazy,
                events=[event(date(2024, 1, 1 + n), f"Spotkanie {n}")],
            )

    add(2)
    few, events = count_queries()
    add(20)
    many, more_events = count_queries()
    assert more_events == events + 20
    assert few == many
