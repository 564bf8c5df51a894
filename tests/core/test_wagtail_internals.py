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


@pytest.mark.django_db
class TestTheSameAnswers:
    def test_public_pages_with_a_private_section(self, demo, in_a_request):
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

    def test_view_restrictions_of_each_page(self, demo, in_a_request):
        section = Page.objects.get(depth=3, locale__language_code="pl", slug="filmy")
        PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.LOGIN
        )
        wagtails = originals["wagtail.models.Page.get_view_restrictions"]
        for page in Page.objects.filter(depth__gte=2):
            assert list(page.get_view_restrictions()) == list(wagtails(page)), page

    def test_outside_a_request_they_are_wagtails(self, demo):
        section = Page.objects.get(depth=3, locale__language_code="pl", slug="filmy")
        restriction = PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.LOGIN
        )
        assert not request_memo.in_request()
        assert list(section.get_view_restrictions()) == [restriction]
        child = section.get_children().first()
        assert list(child.get_view_restrictions()) == [restriction]
