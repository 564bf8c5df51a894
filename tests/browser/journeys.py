"""A person's way through the admin, counted: page loads and clicks.

Each journey of issue 19 is walked in Chromium as its role would, signed in
with an account whose admin language is set, in a browser that asks for
English (so the account's language is what speaks). The counts are what the
issue's "before and after" compares; a journey also fails on a dead end: a
document answered with an error, an admin error message, or a page in
another language than the account's.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

PASSWORD = "journey-password-1"  # noqa: S105 (a test user's)
PASSWORD_FIELD = "#id_password"  # noqa: S105 (a selector)


def role_user(username, group_names, language):
    user = get_user_model().objects.create_user(
        username, email=f"{username}@example.org", password=PASSWORD
    )
    for name in group_names:
        user.groups.add(Group.objects.get(name=name))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@dataclass
class Journey:
    """One role's walk in its own browser context."""

    browser: object
    base_url: str
    user: object
    language: str
    password: str = PASSWORD
    loads: int = 0
    clicks: int = 0
    dead_ends: list = field(default_factory=list)

    def __post_init__(self):
        self.context = self.browser.new_context(
            locale="en-US", viewport={"width": 1366, "height": 900}
        )
        self.page = self.context.new_page()
        self.page.set_default_timeout(20000)
        self.page.on("load", self.on_load)
        self.page.on("response", self.on_response)

    # What is counted --------------------------------------------------------

    def on_load(self, _page=None):
        self.loads += 1

    def on_response(self, response):
        request = response.request
        # A page refused or broken; a script's request broken (autosave).
        broken = 400 if request.resource_type == "document" else 500
        if request.resource_type in ("document", "fetch") and response.status >= broken:
            self.dead_ends.append(f"{response.status} {request.url}")

    def click(self, locator):
        self.clicks += 1
        locator.click()

    def goto(self, path):
        """Only where a person types an address or follows a link from
        outside the admin (an e-mail, the public site)."""
        self.page.goto(f"{self.base_url}{path}")

    # Steps every journey takes ----------------------------------------------

    def sign_in(self):
        self.goto("/admin/login/")
        self.page.fill("#id_username", self.user.username)
        self.page.fill(PASSWORD_FIELD, self.password)
        self.click(self.page.locator("button[type=submit]"))
        self.page.wait_for_url(f"{self.base_url}/admin/")
        self.check_screen()

    def check_screen(self):
        """The admin screen speaks the account's language and reports no
        error (Wagtail's "Sorry, you do not have permission", a form error
        the editor could not avoid)."""
        self.page.wait_for_load_state()
        lang = self.page.locator("html").get_attribute("lang") or ""
        if not lang.startswith(self.language):
            self.dead_ends.append(f"lang={lang} at {self.page.url}")
        errors = self.page.locator(".messages .error, .messages li.error")
        for index in range(errors.count()):
            text = errors.nth(index).inner_text()
            self.dead_ends.append(f"error at {self.page.url}: {text}")

    def submit_for_review(self):
        """The page editor's footer: open its menu, "Submit for moderation"."""
        footer = self.page.locator("footer")
        self.click(footer.locator("[data-w-dropdown-target=toggle]").first)
        self.click(footer.locator("button[name=action-submit]"))
        self.page.wait_for_load_state()
        self.check_screen()

    def figures(self):
        return {"loads": self.loads, "clicks": self.clicks}

    def close(self):
        self.context.close()


# The journeys' steps, each as its role takes it --------------------------


def write_practice(journey, title, summary):
    """A library editor writes a good practice and sends it for review,
    from the home page's "new good practice"."""
    page = journey.page
    journey.click(page.locator("[data-new-links] a").first)
    page.wait_for_url("**/admin/pages/add/practices/practicepage/**")
    journey.check_screen()
    page.fill("#id_title", title)
    page.fill("#id_summary", summary)
    journey.submit_for_review()


def approve_from_home(journey, title):
    """A moderator approves a page from the home page's review queue."""
    page = journey.page
    row = page.locator("#awaiting-review-section tr", has_text=title)
    journey.click(row.locator("[data-w-dropdown-target=toggle]").first)
    journey.click(row.locator("button[data-workflow-action-url*='/approve/']").first)
    page.wait_for_load_state()
    journey.check_screen()


def explore_to(journey, *titles):
    """From the home page's count of pages to a section, row by row."""
    page = journey.page
    journey.click(page.locator(".w-summary a[href^='/admin/pages/']").first)
    page.wait_for_load_state()
    for title in titles:
        row = page.locator("tr", has_text=title).first
        journey.click(row.locator("a[href^='/admin/pages/'][href$='/']").last)
        page.wait_for_load_state()
    journey.check_screen()


def publish_tutorial(journey, index_title, title, summary, media_title, transcript):
    """A network editor adds a video tutorial from the explorer and
    publishes it."""
    page = journey.page
    explore_to(journey, index_title)
    journey.click(page.locator("header a[href*='add_subpage']").first)
    page.wait_for_load_state()
    journey.check_screen()
    page.fill("#id_title", title)
    page.fill("#id_summary", summary)
    journey.click(page.locator("[data-contentpath=video] [data-chooser-action-choose]"))
    modal = page.locator(".modal").last
    journey.click(modal.locator("a", has_text=media_title).first)
    page.locator("[data-contentpath=video]").get_by_text(media_title).wait_for()
    # No film is published without captions or a transcript.
    editor = page.locator("[data-contentpath=transcript] [contenteditable=true]")
    journey.click(editor)
    editor.type(transcript)
    field = page.locator("[data-contentpath=transcript] input[name=transcript]")
    page.wait_for_function(
        "([field, text]) => field.value.includes(text)",
        arg=[field.element_handle(), transcript.split()[0]],
    )
    footer = page.locator("footer")
    journey.click(footer.locator("[data-w-dropdown-target=toggle]").first)
    journey.click(footer.locator("button[name=action-publish]"))
    page.wait_for_load_state()
    journey.check_screen()


def translate_subtree(journey, section_title, project_title, language_name):
    """A network editor translates a project and the pages under it: from
    the explorer's "…" menu, "Translate this page", the language and "the
    pages below it too"."""
    page = journey.page
    explore_to(journey, section_title)
    row = page.locator("tr", has_text=project_title).first
    journey.click(row.locator("[data-w-dropdown-target=toggle]").first)
    journey.click(row.locator("a[href*='/localize/submit/page/']").first)
    page.wait_for_load_state()
    journey.check_screen()
    journey.click(page.locator("label", has_text=language_name).first)
    journey.click(page.locator("input[name=include_subtree]"))
    journey.click(page.locator("form [type=submit]").last)
    page.wait_for_load_state()
    journey.check_screen()


def translate_title_and_publish(journey, title):
    """In wagtail-localize's editor: the title's segment translated, saved,
    and the translation published (a network editor's footer button)."""
    page = journey.page
    translate = TRANSLATE_BUTTON[journey.language]
    journey.click(page.locator("button", has_text=translate).first)
    editor = page.locator("textarea").first
    editor.fill(title)
    journey.click(page.locator("button", has_text=SAVE_BUTTON[journey.language]).first)
    page.get_by_text(title).first.wait_for()
    main_action(journey)  # "Publish in …", a network editor's main action


TRANSLATE_BUTTON = {
    "pl": "Tłumacz",
    "ru": "Перевести",
    "fi": "Käännä",
    "en": "Translate",
}
SAVE_BUTTON = {"pl": "Zapisz", "ru": "Сохранить", "fi": "Tallenna", "en": "Save"}


def open_from_home(journey, section, text):
    """Follow the link of a home page panel's row (a panel's id)."""
    page = journey.page
    row = page.locator(f"#{section}-section tr", has_text=text).first
    journey.click(row.locator("a").first)
    page.wait_for_load_state()
    journey.check_screen()


def translate_first_string(journey, text):
    """In wagtail-localize's editor: the first string not yet translated."""
    page = journey.page
    translate = TRANSLATE_BUTTON[journey.language]
    journey.click(page.locator("button", has_text=translate).first)
    page.locator("textarea").first.fill(text)
    journey.click(page.locator("button", has_text=SAVE_BUTTON[journey.language]).first)
    page.get_by_text(text).first.wait_for()


def editor_footer(journey):
    return journey.page.locator("footer[data-editorial-footer]")


def main_action(journey):
    """The translation editor's main button: submit, approve, publish."""
    journey.click(editor_footer(journey).locator(".w-dropdown-button > button").first)
    journey.page.wait_for_load_state()
    journey.check_screen()


def request_changes(journey, comment):
    footer = editor_footer(journey)
    journey.click(footer.locator("[data-w-dropdown-target=toggle]").first)
    journey.click(footer.locator("[data-a11y-dialog-show=editorial-request-changes]"))
    journey.page.fill("#editorial-review-comment", comment)
    journey.click(
        journey.page.locator("[data-editorial-request-changes] button[type=submit]")
    )
    journey.page.wait_for_load_state()
    journey.check_screen()
