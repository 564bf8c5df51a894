"""core/wagtail_shortcuts.py replaces two of Wagtail's methods: they are in
place, they are the methods Wagtail 7.4 has (a Wagtail upgrade that changes
one fails here, to be read again), and each gives Wagtail's own answer."""

import pytest
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from core import request_memo, wagtail_shortcuts
from core.wagtail_shortcuts import FINGERPRINTS, fingerprint, originals


@pytest.fixture
def in_a_request():
    """The memo open, as between request_started and request_finished."""
    request_memo._start()
    yield
    request_memo._finish()


class TestTheReplacedMethods:
    @pytest.mark.parametrize("name", sorted(FINGERPRINTS))
    def test_wagtails_method_is_the_one_replaced(self, name):
        assert fingerprint(originals[name]) == FINGERPRINTS[name], (
            f"Wagtail changed {name}: read its new source, make the replacement "
            "in core/wagtail_shortcuts.py give the same answers (or drop it), "
            "then record the new fingerprint"
        )

    def test_the_replacements_are_in_place(self):
        assert PageQuerySet.private_q is wagtail_shortcuts.private_q
        assert Page.get_view_restrictions is wagtail_shortcuts.get_view_restrictions


@pytest.fixture
def wagtails_rule(settings):
    """Privacy as Wagtail reads it: a restriction covers its section alone,
    not the translations of its pages (core.request_memo.covering_translations)."""
    settings.TRANSLATIONS_SHARE_PRIVACY = False


@pytest.mark.django_db
class TestTheSameAnswers:
    """With translations left to their own privacy, and no live page under an
    unpublished one (the demo has none), the replacements answer as Wagtail."""

    def test_public_pages_with_a_private_section(
        self, demo, in_a_request, wagtails_rule
    ):
        section = Page.objects.get(depth=3, locale__language_code="pl", slug="filmy")
        PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.LOGIN
        )
        wagtails = Page.objects.exclude(
            originals["wagtail.query.PageQuerySet.private_q"](Page.objects.all())
        )
        ours = Page.objects.public()
        assert set(ours.values_list("pk", flat=True)) == set(
            wagtails.values_list("pk", flat=True)
        )
        assert ours.filter(path__startswith=section.path).count() == 0

    def test_view_restrictions_of_each_page(self, demo, in_a_request, wagtails_rule):
        section = Page.objects.get(depth=3, locale__language_code="pl", slug="filmy")
        PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.LOGIN
        )
        wagtails = originals["wagtail.models.Page.get_view_restrictions"]
        for page in Page.objects.filter(depth__gte=2):
            assert list(page.get_view_restrictions()) == list(wagtails(page)), page

    def test_outside_a_request_they_are_wagtails(self, demo, wagtails_rule):
        section = Page.objects.get(depth=3, locale__language_code="pl", slug="filmy")
        restriction = PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.LOGIN
        )
        assert not request_memo.in_request()
        assert list(section.get_view_restrictions()) == [restriction]
        child = section.get_children().first()
        assert list(child.get_view_restrictions()) == [restriction]


@pytest.mark.django_db
class TestBeyondWagtail:
    """The one rule adds to Wagtail's answers: the translations of a restricted
    original, and what lies under a page that is not live."""

    @pytest.mark.parametrize("request_open", [True, False])
    def test_translations_of_a_restricted_section(self, demo, request_open):
        if request_open:
            request_memo._start()
        try:
            section = Page.objects.get(
                depth=3, locale__language_code="pl", slug="filmy"
            )
            restriction = PageViewRestriction.objects.create(
                page=section, restriction_type=PageViewRestriction.LOGIN
            )
            translations = section.get_translations()
            assert translations.count() == 3
            wagtails = originals["wagtail.models.Page.get_view_restrictions"]
            for translation in translations:
                for page in translation.get_descendants(inclusive=True):
                    assert list(wagtails(page)) == [], page
                    assert list(page.get_view_restrictions()) == [restriction], page
                    assert not Page.objects.public().filter(pk=page.pk).exists()
        finally:
            request_memo._finish()

    def test_a_restricted_translation_covers_itself_alone(self, demo, in_a_request):
        section = Page.objects.get(
            depth=3, locale__language_code="en", slug="tutorials"
        )
        PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.LOGIN
        )
        original = Page.objects.get(depth=3, locale__language_code="pl", slug="filmy")
        assert list(original.get_view_restrictions()) == []
        assert Page.objects.public().filter(pk=original.pk).exists()
        assert not Page.objects.public().filter(pk=section.pk).exists()

    def test_under_a_page_not_live(self, demo, in_a_request):
        section = Page.objects.get(depth=3, locale__language_code="pl", slug="filmy")
        child = section.get_children().live().first()
        assert Page.objects.public().filter(pk=child.pk).exists()
        section.unpublish()
        child.refresh_from_db()
        assert child.live
        assert request_memo.under_unpublished(child)
        assert not Page.objects.public().filter(pk=child.pk).exists()
