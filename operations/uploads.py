"""Size limits on uploaded media (video, audio), and images that decode,
with clear errors.

Wagtail limits images (WAGTAILIMAGES_MAX_UPLOAD_SIZE) and documents
(WAGTAILDOCS_MAX_UPLOAD_SIZE) itself; wagtailmedia files get the same through
the base form named in WAGTAILMEDIA["MEDIA_FORM_BASE"]. A form with an error
saves nothing.
"""

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image as PillowImage
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm
from wagtailmedia.forms import BaseMediaForm


def check_file_size(uploaded, limit):
    """Refuse an uploaded file larger than ``limit`` bytes (None: no limit)."""
    if uploaded is None or limit is None or not hasattr(uploaded, "size"):
        return
    if uploaded.size > limit:
        raise ValidationError(
            _(
                "This file is too big (%(size)s). The largest file you can upload "
                "is %(limit)s."
            )
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )


class _FileSizeLimitMixin:
    limit_setting = None

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        # Only a new upload is checked: an unchanged file on edit is the stored one.
        if "file" in self.changed_data:
            check_file_size(uploaded, getattr(settings, self.limit_setting, None))
        return uploaded


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form, with one clear error for a refused file.

    Wagtail itself refuses a document over WAGTAILDOCS_MAX_UPLOAD_SIZE (or of
    an extension not in WAGTAILDOCS_EXTENSIONS), in its form field. Its model's
    clean() then checks the extension again, of a file no longer there, and adds
    a confusing second error (an extension of ""): that one is dropped.
    """

    def _post_clean(self):
        refused = len(self.errors.get("file", ()))
        super()._post_clean()
        if refused:
            del self._errors["file"].data[refused:]


class MediaForm(_FileSizeLimitMixin, BaseMediaForm):
    """wagtailmedia's form, refusing files over WAGTAILMEDIA_MAX_UPLOAD_SIZE
    (the video or audio file and its thumbnail)."""

    limit_setting = "WAGTAILMEDIA_MAX_UPLOAD_SIZE"

    def clean_thumbnail(self):
        thumbnail = self.cleaned_data.get("thumbnail")
        if "thumbnail" in self.changed_data and thumbnail:
            check_file_size(
                thumbnail, getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", None)
            )
        return thumbnail


IMAGE_ERRORS = (
    OSError,
    SyntaxError,
    ValueError,
    PillowImage.DecompressionBombWarning,
    PillowImage.DecompressionBombError,
)


def damaged_image():
    return ValidationError(
        _(
            "This image cannot be opened: the file is damaged or incomplete. "
            "Save it again from your image editor and upload it anew."
        ),
        code="invalid_image",
    )


def check_image_decodes(uploaded):
    """Refuse an image whose header reads but whose picture does not (a
    truncated JPEG, a broken PNG): the first thumbnail of it would fail."""
    image = getattr(uploaded, "image", None)
    if image is None or image.format_name == "svg":
        return
    uploaded.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PillowImage.DecompressionBombWarning)
            with PillowImage.open(uploaded) as picture:
                picture.load()
    except IMAGE_ERRORS as error:
        raise damaged_image() from error
    finally:
        uploaded.seek(0)


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, whose header checks (size, pixels) can fail
    with a server error on a damaged file, and which never opens the whole
    picture: both give a form error here."""

    def to_python(self, data):
        try:
            uploaded = super().to_python(data)
        except IMAGE_ERRORS as error:
            raise damaged_image() from error
        if uploaded is not None:
            check_image_decodes(uploaded)
        return uploaded


class ImageForm(BaseImageForm):
    """Wagtail's image form (the single, multiple and chooser uploads), with
    the checked field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if type(field) is WagtailImageField:
            field.__class__ = CheckedImageField
