"""Caption tracks are WebVTT, checked on upload; a tutorial is published only
with captions or a transcript."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, rich_text

from tests.pages import DemoPageTestCase, form_data
from tutorials.captions import validate_webvtt
from tutorials.models import TutorialCaption, TutorialPage

VALID = b"WEBVTT\n\n00:00:00.000 --> 00:00:03.000\nDzie\xc5\x84 dobry!\n"


def vtt(content, name="napisy.vtt"):
    return SimpleUploadedFile(name, content, content_type="text/vtt")


class TestCaptionUploadsInTheAdmin(DemoPageTestCase):
    def setUp(self):
        super().setUp()
        self.files_before = self.caption_files()

    @staticmethod
    def caption_files():
        if not default_storage.exists("tutorials/captions"):
            return set()
        return set(default_storage.listdir("tutorials/captions")[1])

    def post_new_tutorial(self, captions, transcript="", publish=True, language="en"):
        data = form_data(
            {
                "title": "Napisy w praktyce",
                "slug": "napisy",
                "summary": "Jak dodać napisy do filmu.",
                "video_url": "https://www.youtube.com/watch?v=captions",
                "transcript": rich_text(transcript),
                "duration": "",
                "tools": "",
                "level": "",
                "library": "",
                "project": "",
                "poster": "",
                "video": "",
                "captions": inline_formset(captions),
            }
        )
        if publish:
            data["action-publish"] = "action-publish"
        url = reverse(
            "wagtailadmin_pages:add",
            args=("tutorials", "tutorialpage", self.tutorial_index.pk),
        )
        return self.client.post(url, data, headers={"accept-language": language})

    def assert_nothing_saved(self):
        assert not TutorialPage.objects.filter(slug="napisy").exists()
        assert self.caption_files() == self.files_before

    def test_a_valid_track_is_saved(self):
        response = self.post_new_tutorial([{"language": "pl", "file": vtt(VALID)}])
        assert response.status_code == 302
        tutorial = TutorialPage.objects.get(slug="napisy")
        assert tutorial.live
        assert [c.language for c in tutorial.captions.all()] == ["pl"]

    def test_a_file_that_is_not_webvtt_is_refused_with_a_reason(self):
        response = self.post_new_tutorial(
            [
                {
                    "language": "pl",
                    "file": vtt(b"1\n00:00:00,000 --> 00:00:03,000\nSRT\n"),
                }
            ]
        )
        assert response.status_code == 200
        self.assertContains(response, "Line 2 is not a cue timing")
        self.assert_nothing_saved()

    def test_a_file_without_the_header_is_refused(self):
        response = self.post_new_tutorial(
            [
                {
                    "language": "pl",
                    "file": vtt(
                        b"00:00.000 --> 00:03.000\nBez nag\xc5\x82\xc3\xb3wka\n"
                    ),
                }
            ]
        )
        self.assertContains(response, "its first line must be WEBVTT")
        self.assert_nothing_saved()

    def test_a_file_of_another_type_is_refused(self):
        response = self.post_new_tutorial(
            [{"language": "pl", "file": vtt(VALID, name="napisy.srt")}]
        )
        self.assertContains(response, "vtt")
        self.assert_nothing_saved()

    def test_publishing_needs_captions_or_a_transcript(self):
        response = self.post_new_tutorial([])
        assert response.status_code == 200
        self.assertContains(
            response, "Add a caption track or a transcript before publishing"
        )
        self.assert_nothing_saved()

    def test_a_transcript_is_enough_to_publish(self):
        response = self.post_new_tutorial([], transcript="<p>Wszystko, co słychać.</p>")
        assert response.status_code == 302
        assert TutorialPage.objects.get(slug="napisy").live

    def test_a_draft_may_wait_for_its_captions(self):
        response = self.post_new_tutorial([], publish=False)
        assert response.status_code == 302
        assert not TutorialPage.objects.get(slug="napisy").live
        assert TutorialCaption.objects.filter(page__slug="napisy").count() == 0

    def test_a_polish_editor_reads_the_reason_in_polish(self):
        response = self.post_new_tutorial(
            [{"language": "pl", "file": vtt(b"WEBVTT\n\nfoo --> bar\nx\n")}],
            language="pl",
        )
        self.assertContains(response, "Wiersz 3 nie jest znacznikiem czasu napisu")
        self.assert_nothing_saved()


class TestValidator:
    @pytest.mark.parametrize(
        ("content", "reason"),
        [
            (
                b"WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nWstecz\n",
                "ends before it starts",
            ),
            (b"WEBVTT\n", "holds no captions"),
            (b"\xff\xfeW\x00E\x00", "not UTF-8"),
            (b"WEBVTT\n\nfoo --> bar\nx\n", "Line 3 is not a cue timing"),
        ],
    )
    def test_refuses_with_a_reason(self, content, reason):
        from django.core.exceptions import ValidationError

        with translation.override("en"), pytest.raises(ValidationError) as error:
            validate_webvtt(vtt(content))
        assert reason in " ".join(error.value.messages)

    def test_accepts_hours_settings_and_a_byte_order_mark(self):
        content = (
            b"\xef\xbb\xbfWEBVTT\n\n01:00:00.000 --> 01:00:02.500 align:start\nOk\n"
        )
        assert len(validate_webvtt(vtt(content))) == 1
