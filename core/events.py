"""A story's dated events, and the same events as iCalendar (RFC 5545).

A story with events (a practice, a project) answers ``<its address>calendar/``
with all its events, and a list that says ``has_calendar`` answers
``feed/calendar/`` with the events of its filtered stories (``IndexPage``).
Only a story the public may see is ever written: the story's own address
answers 404 while it is not (``core.visibility``), and a list holds only
live, public stories.

Each event is one VEVENT: a day without a time is an all-day event (DTSTART
and DTEND as dates); with a time, it is a time in the site's time zone
(TIME_ZONE), written with its TZID and the zone's VTIMEZONE. Its UID is the
block's own id, kept through edits and shared by the story's translations
(the same event in another language), at the site's host name; DTSTAMP and
LAST-MODIFIED are the story's last publishing, so the file changes only when
the story does. The location is the story's library: its name and place in
the reader's language, and its coordinates where it has them.
"""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from icalendar import Calendar, Event, Timezone
from wagtail.fields import StreamField
from wagtail.models import Site
from wagtail.url_routing import RouteResult

from core.blocks import EventBlock
from core.cache_tags import TEXT_ANY, record
from core.localization import Localizer, inside_url
from core.request_memo import locales
from core.visibility import page_is_public

# The last part of a story's calendar address: /pl/…/spotkania-w-lazach/calendar/
# (Wagtail serves addresses of slugs ending in "/"; the file is named by
# Content-Disposition)
CALENDAR_FILE = "calendar"
CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"
# The stories of a list's calendar feed, newest first.
CALENDAR_FEED_LENGTH = 100


class DatedEvents(models.Model):
    """A story's dated events, and its calendar at ``calendar/``.

    A page type that names a library where its events happen says which one
    (``event_libraries``)."""

    events = StreamField(
        [("event", EventBlock())],
        blank=True,
        verbose_name=_("dated events"),
        help_text=_("Meetings, workshops and other steps, each with its date."),
    )

    class Meta:
        abstract = True

    @classmethod
    def event_libraries(cls, stories):
        """The library where each story's events happen, by the story's
        primary key (None where there is none), in a fixed number of queries."""
        return {story.pk: None for story in stories}

    def route(self, request, path_components):
        if path_components == [CALENDAR_FILE]:
            # Nothing of a page the public may not see: not its events either.
            if not page_is_public(self):
                raise Http404
            return RouteResult(self, kwargs={"calendar": True})
        return super().route(request, path_components)

    def serve(self, request, *args, calendar=False, **kwargs):
        if not calendar:
            return super().serve(request, *args, **kwargs)
        # In the reader's language: a story read inside another language
        # (core.localization.route_inside) links inside it, its library named
        # in it.
        language = get_language() or story_language(self)
        response = calendar_response(request, self.title, [self], language=language)
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.ics"'
        return response


def calendar_response(request, name, stories, language):
    """An HTTP response of ``stories``' events as one calendar named ``name``,
    for a reader of ``language``."""
    record(TEXT_ANY)  # its events' stamps are their stories' update times
    calendar = build_calendar(request, name, stories, language)
    return HttpResponse(calendar.to_ical(), content_type=CALENDAR_CONTENT_TYPE)


def build_calendar(request, name, stories, language):
    """The events of ``stories`` (pages the public may see) as an
    ``icalendar.Calendar``; each story read in ``language``, where its library
    has a translation, and linked inside that language where the story has
    none (``core.localization.inside_url``)."""
    site = Site.find_for_request(request)
    host = site.hostname if site else request.get_host().split(":")[0]
    zone_name = settings.TIME_ZONE
    zone = ZoneInfo(zone_name)
    reader_locale = next(
        (loc for loc in locales().values() if loc.language_code == language), None
    )

    calendar = Calendar()
    calendar.add("prodid", f"-//{host}//{name}//{language.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", zone_name)

    stories = [story for story in stories if story.events]
    libraries = {}
    for model in {type(story) for story in stories}:
        libraries.update(
            model.event_libraries([s for s in stories if type(s) is model])
        )
    localize = None
    if reader_locale is not None:
        localize = Localizer(reader_locale).prepare(
            [library for library in libraries.values() if library is not None]
        )

    days = []
    for story in stories:
        url = story.get_url(request)
        if url and story_language(story) != language:
            url = inside_url(url, language)
        url = request.build_absolute_uri(url) if url else None
        library = libraries.get(story.pk)
        if localize is not None:
            library = localize(library)  # None where the public may not see it
        elif library is not None and not page_is_public(library):
            library = None
        stamp = story.last_published_at or timezone.now()
        for child in story.events:
            value = child.value
            days.append(value["date"])
            calendar.add_component(
                calendar_event(child.id, host, value, story, url, library, stamp, zone)
            )
    if days:
        first = date(min(days).year, 1, 1)
        last = date(max(days).year + 1, 12, 31)
        calendar.add_component(
            Timezone.from_tzid(zone_name, first_date=first, last_date=last)
        )
    return calendar


def calendar_event(uid, host, value, story, url, library, stamp, zone):
    """One VEVENT: an all-day event, or one at a time of the site's zone."""
    event = Event()
    event.add("uid", f"{uid}@{host}")
    event.add("dtstamp", stamp.astimezone(UTC))
    event.add("last-modified", stamp.astimezone(UTC))
    day = value["date"]
    start, end = value.get("start_time"), value.get("end_time")
    if start is None:
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
    else:
        event.add("dtstart", datetime.combine(day, start, tzinfo=zone))
        if end is not None:
            event.add("dtend", datetime.combine(day, end, tzinfo=zone))
    language = {"LANGUAGE": story_language(story)}
    event.add("summary", str(value["label"]), parameters=language)
    description = "\n\n".join(part for part in (story.title, story.summary) if part)
    event.add("description", description, parameters=language)
    if url:
        event.add("url", url)
    if library is not None:
        event.add("location", ", ".join(p for p in (library.title, library.place) if p))
        if library.latitude is not None and library.longitude is not None:
            event.add("geo", (float(library.latitude), float(library.longitude)))
    return event


def story_language(story):
    """The story's language code, from the request's memo of locales."""
    return locales()[story.locale_id].language_code
