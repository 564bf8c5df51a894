"""The six journeys of issue 19, walked in Chromium through the real admin,
each in its role's admin language, from signing in to the public page
showing the result (tests/browser/journeys.py counts page loads and clicks).

Before issue 19 (measured on 0202aec, the same steps where they existed):

- translator into English: 5 loads and 8 clicks to translate the title from
  the translation dashboard, then no way on: the editor's footer offered
  "Convert to alias page", and "Submit translation for review" sat in the
  header menu of the page's own listing, which no link reaches for a page
  without children;
- moderator: the editor offered only "Publish", which recorded the review as
  cancelled; the translator heard nothing and saw no comment;

- library editor writing a practice: 5 loads, 7 clicks and a search typed
  (her library offered four times, once per language), the admin in
  English; the submission then answered 503 ("database is locked");
- moderator approving it: 3 loads, 3 clicks, in English;
- network editor publishing a tutorial: 6 loads, 9 clicks, in English;
- network editor translating a project into Finnish: 7 loads, 11 clicks,
  in English.

The figures asserted below are the journeys' now; a change that adds a
step fails here and must say why.
"""

import pytest
from wagtail.models import Locale

from editorial.roles import MODERATORS, NETWORK_EDITORS, TRANSLATORS
from libraries.models import LibraryPage
from practices.models import PracticePage
from projects.models import ProjectPage
from tests.browser.journeys import (
    Journey,
    approve_from_home,
    main_action,
    open_from_home,
    publish_tutorial,
    request_changes,
    role_user,
    translate_first_string,
    translate_subtree,
    translate_title_and_publish,
    write_practice,
)
from tests.conftest import run_command
from tests.editorial.test_admin_screens_language import KNOWN_ENGLISH, MONTHS
from tutorials.models import TutorialPage

pytestmark = pytest.mark.browser


def library_team(slug):
    from editorial.roles import library_team as team

    return team(LibraryPage.objects.get(locale__language_code="pl", slug=slug)).name


def public_page_shows(browser, url, text):
    context = browser.new_context()
    page = context.new_page()
    response = page.goto(url)
    shown = response.status == 200 and text in page.locator("main").inner_text()
    context.close()
    return shown


def test_a_library_editors_practice_reaches_readers_through_review(browser, live_site):
    editor = Journey(
        browser,
        live_site.url,
        role_user("library-editor", [library_team("gbp-morawica")], "pl"),
        "pl",
    )
    editor.sign_in()
    write_practice(editor, "Wystawa zdjęć w Morawicy", "Zdjęcia mieszkańców online.")
    practice = PracticePage.objects.get(title="Wystawa zdjęć w Morawicy")
    assert practice.library.slug == "gbp-morawica"
    assert not practice.live
    editor.close()

    moderator = Journey(
        browser, live_site.url, role_user("moderator", [MODERATORS], "pl"), "pl"
    )
    moderator.sign_in()
    approve_from_home(moderator, "Wystawa zdjęć w Morawicy")
    moderator.close()

    practice.refresh_from_db()
    assert practice.live
    assert public_page_shows(
        browser, f"{live_site.url}{practice.url}", "Wystawa zdjęć w Morawicy"
    )
    assert (editor.dead_ends, moderator.dead_ends) == ([], [])
    assert editor.figures() == {"loads": 4, "clicks": 4}
    assert moderator.figures() == {"loads": 3, "clicks": 3}


def test_a_network_editor_publishes_a_tutorial_and_translates_a_project(
    browser, live_site
):
    network_editor = role_user("network-editor", [NETWORK_EDITORS], "pl")
    tutorial = Journey(browser, live_site.url, network_editor, "pl")
    tutorial.sign_in()
    publish_tutorial(
        tutorial,
        "Filmy instruktażowe",
        "Jak założyć konto w katalogu",
        "Krok po kroku, z ekranu biblioteki.",
        "Film: Wirtualna wystawa",
        "Dzień dobry, zakładamy dziś konto w katalogu biblioteki.",
    )
    film = TutorialPage.objects.get(title="Jak założyć konto w katalogu")
    assert film.live
    assert public_page_shows(
        browser, f"{live_site.url}{film.url}", "Jak założyć konto w katalogu"
    )
    assert tutorial.dead_ends == []
    assert tutorial.figures() == {"loads": 6, "clicks": 9}
    tutorial.close()

    finnish = Locale.objects.get(language_code="fi")
    project = ProjectPage.objects.get(locale__language_code="pl", slug="podaj-dalej")
    under = project.get_descendants().count()
    translation = Journey(browser, live_site.url, network_editor, "pl")
    translation.sign_in()
    translate_subtree(translation, "Projekty", project.title, "suomi")
    # The pages under it are translated by the worker that `make demo` runs
    # beside the server.
    run_command(
        "db_worker",
        "--batch",
        "--backend=background",
        "--queue-name=translations",
        "--no-startup-delay",
    )
    translate_title_and_publish(translation, "Mikroavustukset ”Anna eteenpäin”")
    translated = ProjectPage.objects.get(
        translation_key=project.translation_key, locale=finnish
    )
    # The pages under the project have their Finnish drafts too.
    assert translated.get_descendants().count() == under
    assert public_page_shows(
        browser,
        f"{live_site.url}{translated.url}",
        "Mikroavustukset ”Anna eteenpäin”",
    )
    assert translation.dead_ends == []
    assert translation.figures() == {"loads": 7, "clicks": 11}
    translation.close()


def test_a_translation_goes_through_review_in_the_translation_editor(
    browser, live_site, client
):
    """A translator into English (working in a Polish admin) translates from
    her home page, submits from the editor's footer; the moderator asks for
    changes with a comment there, which she reads when she comes back; she
    submits again and he approves: the English page shows it."""
    english = Locale.objects.get(language_code="en")
    source = PracticePage.objects.get(
        locale__language_code="pl", slug="spotkania-w-lazach"
    )
    # Started by a network editor (not counted): the English translation is
    # made again, with nothing translated yet.
    source.get_translation(english).delete()
    client.force_login(role_user("network-editor", [NETWORK_EDITORS], "pl"))
    client.post(f"/admin/localize/submit/page/{source.pk}/", {"locales": [english.pk]})
    translated = source.get_translation(english)
    assert not translated.live

    translator = Journey(
        browser,
        live_site.url,
        role_user(
            "translator-en", [TRANSLATORS.format(english.get_display_name())], "pl"
        ),
        "pl",
    )
    translator.sign_in()
    open_from_home(translator, "waiting-translations", source.title)
    # Our footer, in place of wagtail-localize's (which offered no review).
    assert translator.page.locator("footer.footer:visible").count() == 1
    translate_first_string(translator, "Pass it on: meetings in Łazy")
    main_action(translator)  # submit for review
    first_submission = translator.figures()

    moderator = Journey(
        browser, live_site.url, role_user("moderator", [MODERATORS], "pl"), "pl"
    )
    moderator.sign_in()
    open_from_home(moderator, "awaiting-review", "Pass it on")
    request_changes(moderator, "Proszę przetłumaczyć też streszczenie.")
    asked = moderator.figures()

    translator.click(translator.page.locator("a[href='/admin/']").first)
    open_from_home(translator, "waiting-translations", source.title)
    assert "Proszę przetłumaczyć też streszczenie." in translator.page.inner_text(
        "body"
    )
    translate_first_string(translator, "Meetings of leading and partner libraries.")
    main_action(translator)  # submit again

    moderator.click(moderator.page.locator("a[href='/admin/']").first)
    open_from_home(moderator, "awaiting-review", "Pass it on")
    main_action(moderator)  # approve and publish
    translated.refresh_from_db()
    assert translated.live
    assert public_page_shows(
        browser, f"{live_site.url}{translated.url}", "Pass it on: meetings in Łazy"
    )
    assert (translator.dead_ends, moderator.dead_ends) == ([], [])
    figures = {
        "translator submits": first_submission,
        "moderator asks for changes": asked,
        "translator, all": translator.figures(),
        "moderator, all": moderator.figures(),
    }
    print(figures)
    assert figures == {
        "translator submits": {"loads": 4, "clicks": 5},
        "moderator asks for changes": {"loads": 4, "clicks": 5},
        "translator, all": {"loads": 7, "clicks": 10},
        "moderator, all": {"loads": 7, "clicks": 8},
    }
    translator.close()
    moderator.close()


def test_the_admin_speaks_the_editors_language_on_the_way(browser, live_site):
    """Home, explorer, a page's editor and the translation dashboard, in
    Polish, Russian and Finnish, with a browser that asks for English (one
    live server for the three: each live test reloads the demo)."""
    project = ProjectPage.objects.get(locale__language_code="pl", slug="podaj-dalej")
    english = []
    for language in ["pl", "ru", "fi"]:
        user = role_user(f"editor-{language}", [NETWORK_EDITORS], language)
        journey = Journey(browser, live_site.url, user, language)
        page = journey.page

        def read(journey=journey):
            text = journey.page.locator("body").inner_text()
            english.extend(
                f"{word!r} at {journey.page.url}"
                for word in [*KNOWN_ENGLISH, *MONTHS]
                if word in text
            )

        journey.sign_in()
        read()
        journey.click(page.locator(".w-summary a[href^='/admin/pages/']").first)
        page.wait_for_load_state()
        read()
        row = page.locator("tr", has_text=project.get_parent().title).first
        journey.click(row.locator("a[href^='/admin/pages/'][href$='/']").last)
        page.wait_for_load_state()
        read()
        journey.click(page.locator(f"a[href='/admin/pages/{project.pk}/edit/']"))
        page.wait_for_load_state()
        journey.check_screen()
        read()
        journey.goto("/admin/translations/")
        journey.check_screen()
        read()
        assert journey.dead_ends == [], language
        assert journey.figures() == {"loads": 6, "clicks": 4}, language
        journey.close()
    assert english == []
