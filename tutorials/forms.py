"""The tutorial's edit form: what it checks before a tutorial is published."""

from django.utils.html import strip_tags
from django.utils.translation import gettext

from core.forms import PageInItsLanguageForm


class TutorialPageForm(PageInItsLanguageForm):
    """A tutorial is published only with captions or a transcript: people who
    cannot hear the video must be able to follow it."""

    def is_valid(self):
        # Checked once the caption formset is validated too.
        if not super().is_valid():
            return False
        if "action-publish" not in self.data:
            return True
        has_transcript = bool(
            strip_tags(self.cleaned_data.get("transcript") or "").strip()
        )
        has_captions = any(
            form.cleaned_data.get("file") and not form.cleaned_data.get("DELETE")
            for form in self.formsets["captions"].forms
        )
        if has_transcript or has_captions:
            return True
        self.add_error(
            "transcript",
            gettext(
                "Add a caption track or a transcript before publishing: "
                "without one, people who cannot hear the video cannot follow it."
            ),
        )
        return False
