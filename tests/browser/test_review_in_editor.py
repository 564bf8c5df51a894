"""Review inside wagtail-localize's translation editor, in Chromium (issue
19, part 3): the translator submits from the editor's footer, the moderator
requests changes with a comment that the translator then reads, the
translator submits again, the moderator approves, and the public page shows
the translation. It counts the page loads and clicks of each journey."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Locale

from editorial.roles import MODERATORS, TRANSLATORS
from practices.models import PracticePage

pytestmark = pytest.mark.browser

PASSWORD = "review-in-editor-password"  # noqa: S105 (a test user's)
NEW_TITLE = "Reading club in Łazy"
COMMENT = "Say 'reading club' in the summary too."


class Journey:
    """A signed-in browser tab that counts page loads and clicks."""

    def __init__(self, browser, live_site, username):
        self.base = live_site.url
        self.context = browser.new_context(locale="en-US")
        self.page = self.context.new_page()
        self.loads = 0
        self.clicks = 0
        self.page.on(
            "framenavigated",
            lambda frame: frame == self.page.main_frame and self.count_load(),
        )
        self.goto("/admin/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.click("button[type=submit]")
        self.page.wait_for_url(f"{self.base}/admin/")

    def count_load(self):
        self.loads += 1

    def goto(self, path):
        self.page.goto(self.base + path)

    def click(self, target):
        self.clicks += 1
        if isinstance(target, str):
            self.page.click(target)
        else:
            target.click()

    def footer(self):
        return self.page.locator("footer[data-editorial-footer]")

    def close(self):
        self.context.close()


def person(username, group):
    user = get_user_model().objects.create_user(
        username,
        password=PASSWORD,
        email=f"{username}@example.org",
        first_name=username.capitalize(),
    )
    user.groups.add(Group.objects.get(name=group))
    return user


def test_translator_and_moderator_review_in_the_editor(browser, live_site):
    english = Locale.objects.get(language_code="en")
    practice = PracticePage.objects.get(locale=english, slug="meetings-in-lazy")
    person("translator", TRANSLATORS.format(english.get_display_name()))
    person("moderator", MODERATORS)
    edit = f"/admin/pages/{practice.pk}/edit/"

    # The translator: the editor, the title, submit from the footer.
    translator = Journey(browser, live_site, "translator")
    translator.goto(edit)
    footer = translator.footer()
    main = footer.locator(".w-dropdown-button > button").first
    assert main.inner_text().strip() == "Submit for review"
    # wagtail-localize's own footer is not shown beside it.
    assert translator.page.locator("footer.footer:visible").count() == 1
    title = translator.page.locator("li", has_text="Title").first
    translator.click(title.get_by_role("button", name="Edit"))
    title.locator("textarea").fill(NEW_TITLE)
    translator.click(title.get_by_role("button", name="Save"))
    translator.page.get_by_text(NEW_TITLE).first.wait_for()
    translator.click(main)
    translator.page.get_by_text("was sent for review").wait_for()
    assert footer.inner_text().find("Waiting for review") >= 0
    first_submission = (translator.loads, translator.clicks)

    # The moderator: requests changes with a comment.
    moderator = Journey(browser, live_site, "moderator")
    moderator.goto(edit)
    footer = moderator.footer()
    assert "Approve and publish" in footer.inner_text()
    moderator.click(footer.locator(".w-dropdown__toggle"))
    moderator.click(footer.get_by_role("button", name="Request changes"))
    moderator.page.fill("#editorial-review-comment", COMMENT)
    moderator.click(
        moderator.page.locator("[data-editorial-request-changes] button[type=submit]")
    )
    moderator.page.get_by_text("will see your comment").wait_for()
    request_changes = (moderator.loads, moderator.clicks)

    # The translator opens the translation again and reads the comment.
    translator.goto(edit)
    translator.page.get_by_text(f"Changes requested by Moderator: {COMMENT}").wait_for()
    translator.click(translator.footer().locator(".w-dropdown-button > button").first)
    translator.page.get_by_text("was sent for review").wait_for()

    # The moderator approves; the public page shows the translation.
    moderator.goto(edit)
    moderator.click(
        moderator.footer().get_by_role("button", name="Approve and publish")
    )
    moderator.page.get_by_text("was approved and published").wait_for()
    approve = (moderator.loads, moderator.clicks)
    public = moderator.context.new_page()
    practice.refresh_from_db()
    public.goto(f"{live_site.url}{practice.url}")
    assert NEW_TITLE in public.locator("h1").inner_text()

    print(
        "journeys (page loads, clicks): translator submits",
        first_submission,
        "moderator requests changes",
        request_changes,
        "moderator approves (both reviews)",
        approve,
    )
    translator.close()
    moderator.close()
