"""Checking an uploaded PO file before wagtail-localize imports it.

wagtail-localize's own upload view answers some bad files with a server error
(a PO file without its header, no file at all) and imports others in part,
silently skipping what it does not recognise. ``read_upload`` refuses a file
unless all of it can be imported into the translation it is uploaded to, and
says why in words an editor can act on.
"""

import codecs
import contextlib
import os
import re
import tempfile
import uuid

import polib
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail_localize.models import StringSegment, StringTranslation, Translation

# A PO file holds the text of one page or snippet: far below this.
MAX_PO_FILE_SIZE = 5 * 1024 * 1024
TRANSLATION_ID_HEADER = "X-WagtailLocalize-TranslationID"


class RejectedFile(Exception):
    """The upload cannot be imported; ``message`` tells the editor why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def read_upload(upload, translation):
    """The uploaded PO file, parsed, if it can all go into ``translation``.

    Raises ``RejectedFile`` otherwise. Reads the upload; the caller rewinds it
    if it is to be read again.
    """
    if upload is None:
        raise RejectedFile(_("Choose a PO file to upload."))
    if upload.size == 0:
        raise RejectedFile(_("The uploaded file is empty."))
    if upload.size > MAX_PO_FILE_SIZE:
        raise RejectedFile(
            _(
                "The uploaded file is too large (%(size)s): "
                "a PO file may be at most %(limit)s."
            )
            % {
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(MAX_PO_FILE_SIZE),
            }
        )
    content = upload.read()
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        raise RejectedFile(_not_a_po_file()) from None
    if "\x00" in text:
        raise RejectedFile(_not_a_po_file())
    po = parse(content)
    check_belongs_to(po, translation)
    return po


def _not_a_po_file():
    return _(
        "This is not a PO file: upload the PO file downloaded from this "
        "translation, saved as UTF-8 text."
    )


def parse(content):
    """Parse the bytes of a PO file as wagtail-localize will.

    polib takes a file name or a file's text in the same argument: the text
    is written to a file of its own, so that no upload is taken for a name.
    """
    with tempfile.NamedTemporaryFile(suffix=".po", delete=False) as file:
        file.write(content)
    try:
        charset = polib.detect_encoding(file.name)
        if _codec_name(charset) != "utf-8":
            raise RejectedFile(
                _(
                    "The PO file declares the character set %(charset)s: "
                    "save it as UTF-8 and upload it again."
                )
                % {"charset": charset}
            )
        try:
            return polib.pofile(file.name)
        except OSError as error:
            # polib reports syntax errors as OSError, naming the file and line.
            line = re.search(r"\(line (\d+)\)", str(error))
            if line:
                raise RejectedFile(
                    _("This is not a valid PO file: syntax error on line %(line)s.")
                    % {"line": line[1]}
                ) from None
            raise RejectedFile(_not_a_po_file()) from None
        except (UnicodeError, ValueError):
            raise RejectedFile(_not_a_po_file()) from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(file.name)


def _codec_name(charset):
    try:
        return codecs.lookup(charset).name
    except LookupError:
        return charset


def check_belongs_to(po, translation):
    """Refuse a PO file made for another translation, or for an older version
    of this one's source."""
    translation_id = po.metadata.get(TRANSLATION_ID_HEADER)
    if not translation_id:
        raise RejectedFile(
            _(
                "This PO file has no %(header)s header, so it cannot be matched "
                "to this translation. Download the PO file of this translation, "
                "translate it and upload it again."
            )
            % {"header": TRANSLATION_ID_HEADER}
        )
    if translation_id.strip() != str(translation.uuid):
        other = translation_named(translation_id)
        if other is not None:
            raise RejectedFile(
                _(
                    "This PO file is for “%(object)s” in %(language)s, not for "
                    "this translation."
                )
                % {
                    "object": other.source.object_repr,
                    "language": other.target_locale.get_display_name(),
                }
            )
        raise RejectedFile(
            _(
                "This PO file was made for another translation. Download the PO "
                "file of this translation and upload that one."
            )
        )

    known = known_texts(translation)
    unknown = [entry for entry in po if (entry.msgctxt, entry.msgid) not in known]
    if unknown:
        raise RejectedFile(
            ngettext(
                "%(count)d text in this PO file is not in the current source "
                "(“%(example)s”). The source may have changed since the file was "
                "downloaded: download it again and copy your translations into it.",
                "%(count)d texts in this PO file are not in the current source "
                "(for example “%(example)s”). The source may have changed since "
                "the file was downloaded: download it again and copy your "
                "translations into it.",
                len(unknown),
            )
            % {"count": len(unknown), "example": _shorten(unknown[0].msgid)}
        )


def known_texts(translation):
    """(context path, source text) of every text a file of the translation may
    carry: the source's segments, and the earlier translations of texts the
    source no longer has (the PO export lists them as obsolete entries;
    wagtail-localize imports them again)."""
    known = set(
        StringSegment.objects.filter(source=translation.source).values_list(
            "context__path", "string__data"
        )
    )
    known.update(
        StringTranslation.objects.filter(
            context__object_id=translation.source.object_id,
            locale=translation.target_locale,
        ).values_list("context__path", "translation_of__data")
    )
    return known


def translation_named(translation_id):
    """The translation whose uuid a file names, if there is one."""
    other_id = _as_uuid(translation_id)
    if other_id is None:
        return None
    return (
        Translation.objects.filter(uuid=other_id)
        .select_related("source", "target_locale")
        .first()
    )


def _as_uuid(value):
    try:
        return uuid.UUID(value.strip())
    except ValueError:
        return None


def _shorten(text, length=60):
    return text if len(text) <= length else text[: length - 1] + "…"
