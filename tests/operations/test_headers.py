"""Security headers: a strict policy on public pages, reported only in the admin,
and a tutorial's embed page that any site may frame."""

from html.parser import HTMLParser

import pytest

pytestmark = pytest.mark.django_db

STRICT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def directives(header):
    """A policy as {directive: its sources, as written}."""
    policy = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        if name:
            policy[name] = value.strip()
    return policy


def assert_strict(policy):
    for name, value in STRICT.items():
        assert policy[name] == value, name
    assert policy["img-src"].split()[:2] == ["'self'", "data:"]
    assert "https://www.youtube-nocookie.com" in policy["frame-src"].split()
    assert "unsafe-inline" not in str(policy)
    assert "unsafe-eval" not in str(policy)
    assert "nonce-" not in str(policy)


def test_a_public_page_enforces_the_strict_policy(client, home_pages):
    response = client.get("/pl/")
    assert response.status_code == 200
    assert_strict(directives(response["Content-Security-Policy"]))
    assert "Content-Security-Policy-Report-Only" not in response
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions
    assert 'fullscreen=(self "https://www.youtube-nocookie.com")' in permissions


def test_a_public_page_needs_no_nonce_so_that_it_can_be_cached(client, home_pages):
    first = client.get("/pl/")["Content-Security-Policy"]
    second = client.get("/pl/")["Content-Security-Policy"]
    assert first == second


class InlineCode(HTMLParser):
    """What a strict policy would block: inline script, style and handlers."""

    def __init__(self):
        super().__init__()
        self.found = []
        self.in_script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs:
            self.found.append(f"<{tag} style>")
        self.found += [f"<{tag} {name}>" for name in attrs if name.startswith("on")]
        if tag == "style":
            self.found.append("<style>")
        if any(str(value).startswith("javascript:") for value in attrs.values()):
            self.found.append(f"<{tag} javascript:>")
        if tag == "script":
            # Scripts load from files; JSON-LD is data, which no policy blocks.
            data = attrs.get("type") == "application/ld+json"
            self.in_script = None if "src" in attrs or data else tag

    def handle_data(self, data):
        if self.in_script and data.strip():
            self.found.append("<script>inline</script>")

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = None


def test_public_pages_carry_no_inline_script_or_style(client, home_pages):
    for url in (
        "/pl/",
        "/en/tutorials/spotkanie-online/",
        "/en/tutorials/spotkanie-online/embed/",
        "/en/search/?q=library",
        "/pl/no-such-page/",
    ):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        parser = InlineCode()
        parser.feed(response.content.decode())
        assert parser.found == [], url


def test_the_admin_only_reports_the_policy(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert_strict(directives(response["Content-Security-Policy-Report-Only"]))
    assert response["X-Frame-Options"] == "DENY"


def test_the_admin_login_page_only_reports_the_policy(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    assert "Content-Security-Policy-Report-Only" in response


def test_the_embed_page_may_be_framed_by_any_site(client, home_pages):
    response = client.get("/en/tutorials/spotkanie-online/embed/")
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    policy = directives(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == "*"
    # The rest of the policy holds as on every public page.
    assert_strict({**policy, "frame-ancestors": "'none'"})
    assert "fullscreen=(self" in response["Permissions-Policy"]


def test_the_tutorial_page_still_refuses_framing(client, home_pages):
    response = client.get("/en/tutorials/spotkanie-online/")
    assert response["X-Frame-Options"] == "DENY"
    assert directives(response["Content-Security-Policy"])["frame-ancestors"] == (
        "'none'"
    )


def test_the_offered_snippet_delegates_fullscreen_to_the_embed(client, home_pages):
    response = client.get("/en/tutorials/spotkanie-online/")
    html = response.content.decode()
    assert "allow=&quot;fullscreen; picture-in-picture&quot;" in html


@pytest.mark.parametrize(
    ("variable", "value", "origin"),
    [
        ("AWS_S3_CUSTOM_DOMAIN", "media.example.org", "https://media.example.org"),
        ("AWS_S3_ENDPOINT_URL", "https://s3.example.net", "https://s3.example.net"),
        (
            "AWS_S3_ENDPOINT_URL",
            "https://s3.example.net",
            "https://library-media.s3.example.net",
        ),
        ("AWS_S3_REGION_NAME", "eu-north-1", "https://library-media.s3.amazonaws.com"),
    ],
)
def test_media_on_s3_is_allowed_to_load(monkeypatch, variable, value, origin):
    """The bucket's origin joins img-src and media-src (settings read afresh)."""
    import importlib
    import sys

    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "library-media")
    monkeypatch.setenv(variable, value)
    sys.modules.pop("config.settings.base", None)
    try:
        base = importlib.import_module("config.settings.base")
        policy = base.CONTENT_SECURITY_POLICY["DIRECTIVES"]
        assert origin in policy["img-src"]
        assert origin in policy["media-src"]
    finally:
        monkeypatch.undo()
        sys.modules.pop("config.settings.base", None)
        importlib.import_module("config.settings.base")


def test_a_preview_may_be_framed_by_the_admin_only(admin_client, home_pages):
    """wagtail-localize's preview tab (the editor's preview panel is the same
    response, tests/browser/test_preview.py): the page's policy, framing by
    its own origin only, with the admin's report-only policy saying the same."""
    from wagtail_localize.models import Translation

    translation = Translation.objects.filter(
        target_locale__language_code="en",
        source__specific_content_type__model="projectpage",
    ).first()
    response = admin_client.get(f"/admin/localize/translate/{translation.pk}/preview/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    policy = directives(response["Content-Security-Policy"])
    assert policy["frame-ancestors"] == "'self'"
    assert_strict({**policy, "frame-ancestors": "'none'"})
    reported = directives(response["Content-Security-Policy-Report-Only"])
    assert reported["frame-ancestors"] == "'self'"


def test_the_admin_around_a_preview_still_refuses_framing(admin_client, home_pages):
    response = admin_client.get(f"/admin/pages/{home_pages['pl'].pk}/edit/")
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    reported = directives(response["Content-Security-Policy-Report-Only"])
    assert reported["frame-ancestors"] == "'none'"
