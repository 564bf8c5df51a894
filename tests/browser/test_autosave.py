"""A button pressed while Wagtail's autosave is on its way.

On a new page the first autosave creates the page; a press during it used
to send the form to the create view again: on PostgreSQL CI a 500 ("slug
already in use" raised by the second page's save), or a form error with the
page left behind as a draft (static/editorial/submit-after-autosave.js).
"""

import pytest
from wagtail.models import WorkflowState

from libraries.models import LibraryPage
from practices.models import PracticePage
from tests.browser.journeys import Journey, role_user

pytestmark = pytest.mark.browser


def test_submitting_while_the_first_autosave_is_on_its_way_sends_one_page(
    browser, live_site
):
    from editorial.roles import library_team

    morawica = LibraryPage.objects.get(locale__language_code="pl", slug="gbp-morawica")
    editor = Journey(
        browser,
        live_site.url,
        role_user("library-editor", [library_team(morawica).name], "pl"),
        "pl",
    )
    editor.sign_in()
    page = editor.page
    # The autosave reaches the server (the page is created there), but its
    # answer is held back until the editor has pressed "Submit".
    held = []

    def hold_autosave(route):
        request = route.request
        if request.method == "POST" and "json" in request.headers.get("accept", ""):
            held.append((route, route.fetch()))
        else:
            route.continue_()

    page.route("**/admin/pages/add/**", hold_autosave)
    # Wagtail notes the form as first drawn two seconds after it is drawn;
    # only what is typed after that is an edit to autosave.
    page.add_init_script(
        "document.addEventListener('w-unsaved:watch-edits',"
        " () => { window.watchingEdits = true; }, true)"
    )
    editor.click(page.locator("[data-new-links] a").first)
    page.wait_for_url("**/admin/pages/add/practices/practicepage/**")
    page.wait_for_function("() => window.watchingEdits")
    page.fill("#id_title", "Kiermasz książek w Morawicy")
    page.fill("#id_summary", "Książki z darów, dochód na zakupy.")
    for _ in range(300):  # up to 30 s: a loaded CI machine is slow to answer
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "no autosave was sent"
    assert PracticePage.objects.filter(title="Kiermasz książek w Morawicy").count() == 1

    footer = page.locator("footer")
    editor.click(footer.locator("[data-w-dropdown-target=toggle]").first)
    editor.click(footer.locator("button[name=action-submit]"))
    page.wait_for_timeout(300)
    route, response = held.pop()
    route.fulfill(response=response)
    page.wait_for_url("**/admin/pages/*/")
    editor.check_screen()

    practices = PracticePage.objects.filter(title="Kiermasz książek w Morawicy")
    assert practices.count() == 1
    practice = practices.get()
    assert WorkflowState.objects.filter(
        object_id=str(practice.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()
    assert editor.dead_ends == []
    editor.close()
