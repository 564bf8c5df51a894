"""XLIFF 2.0 files of translations, written and read with translate-toolkit.

One document holds one or several translations from the same language into
the same language (XLIFF 2.0 puts ``srcLang``/``trgLang`` on the root): a
``<file>`` per translation, its ``id`` the translation's uuid, as the PO
export's ``X-WagtailLocalize-TranslationID`` header. A project's download is
one document with a ``<file>`` per page of its subtree: CAT tools open a
multi-file XLIFF as one job, where a zip would have to be unpacked and each
file loaded and sent back on its own.

A ``<unit>`` is a segment of the source: its ``id`` is the segment's context
path (the PO file's ``msgctxt``) and a hash of its source text, so the same
text in the same place has the same id across downloads. A ``<file>``'s
first note gives when it was downloaded (``hand_edits.edited_since``).

``read_upload`` accepts a file only if all of it can be imported into the
translations it is uploaded to, with the checks of the PO upload
(``editorial.po``): well-formed, the right translations and languages, texts
the source has; and it refuses a document type or entities outright (no
entity expansion, "billion laughs"). ``import_units`` then imports through
wagtail-localize's own ``Translation.import_po``.
"""

import re
from dataclasses import dataclass, field

import polib
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from lxml import etree
from translate.storage.xliff2 import Xliff2File
from wagtail_localize.models import String, StringSegment, StringTranslation

from .hand_edits import edited_since
from .po import RejectedFile, known_texts, translation_named

MAX_XLIFF_FILE_SIZE = 10 * 1024 * 1024
NAMESPACE = "urn:oasis:names:tc:xliff:document:2.0"
DOWNLOADED = "downloaded"
TOOL_NAME = "XLIFF file"


def unit_id(path, source_text):
    return f"{path}.{String._get_data_hash(source_text).hex[:16]}"


def _ns(tag):
    return f"{{{NAMESPACE}}}{tag}"


def export(translations):
    """The XLIFF 2.0 document of the translations (same languages), as bytes."""
    first = translations[0]
    store = Xliff2File(
        sourcelanguage=first.source.locale.language_code,
        targetlanguage=first.target_locale.language_code,
    )
    root = store.document.getroot()
    now = timezone.now().isoformat()
    for index, translation in enumerate(translations):
        if index:
            store.body = store.getfilenode(str(translation.uuid), createifmissing=True)
            root.append(store.body)
        else:
            store.setfilename(store.body, str(translation.uuid))
        store.body.set("original", translation.source.object_repr)
        notes = etree.SubElement(store.body, _ns("notes"))
        note = etree.SubElement(notes, _ns("note"), category=DOWNLOADED)
        note.text = now
        segments = (
            StringSegment.objects.filter(source=translation.source)
            .order_by("order")
            .select_related("context", "string")
            .annotate_translation(translation.target_locale)
        )
        for segment in segments:
            unit = store.addsourceunit(segment.string.data)
            unit.setid(unit_id(segment.context.path, segment.string.data))
            if segment.translation:
                unit.target = segment.translation
                unit.marktranslated()
    return bytes(store)


@dataclass
class FileOfUpload:
    """A ``<file>`` of an upload: its translation, when it was downloaded and
    its translated texts, ``{(context path, source text): translation}``."""

    translation: object
    downloaded_at: object = None
    texts: dict = field(default_factory=dict)


def _not_xliff():
    return _(
        "This is not an XLIFF file: upload the XLIFF 2.0 file downloaded from "
        "this translation, saved as UTF-8."
    )


def read_upload(upload, translations):
    """The files of the uploaded document, checked, if it can all go into
    ``translations`` (a dict of translations by uuid string). Raises
    ``RejectedFile`` with the reason otherwise."""
    if upload is None:
        raise RejectedFile(_("Choose an XLIFF file to upload."))
    if upload.size == 0:
        raise RejectedFile(_("The uploaded file is empty."))
    if upload.size > MAX_XLIFF_FILE_SIZE:
        raise RejectedFile(
            _(
                "The uploaded file is too large (%(size)s): "
                "an XLIFF file may be at most %(limit)s."
            )
            % {
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(MAX_XLIFF_FILE_SIZE),
            }
        )
    content = upload.read()
    store = parse(content)
    return check_files(store, translations)


DECLARED_ENCODING = re.compile(rb"^\s*<\?xml[^>]*encoding=[\"']([^\"']+)[\"']")
DOCUMENT_TYPE = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def parse(content):
    """The document parsed by translate-toolkit, if it is well-formed XLIFF 2.0
    in UTF-8 without a document type."""
    declared = DECLARED_ENCODING.match(content)
    if declared and declared[1].decode("ascii", "replace").lower() not in (
        "utf-8",
        "utf8",
    ):
        raise RejectedFile(
            _(
                "The XLIFF file declares the character set %(charset)s: save "
                "it as UTF-8 and upload it again."
            )
            % {"charset": declared[1].decode("ascii", "replace")}
        )
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        raise RejectedFile(_not_xliff()) from None
    if DOCUMENT_TYPE.search(content):
        raise RejectedFile(
            _(
                "This XLIFF file declares a document type or entities, which "
                "XLIFF files do not have: it was refused unread."
            )
        )
    try:
        store = Xliff2File.parsestring(content)
    except etree.XMLSyntaxError as error:
        raise RejectedFile(
            _("This is not an XLIFF file: its XML is not well-formed (line %(line)s).")
            % {"line": error.lineno}
        ) from None
    except ValueError as error:
        if "XLIFF 1" in str(error):
            raise RejectedFile(
                _(
                    "This is an XLIFF 1.2 file: upload XLIFF 2.0, as "
                    "downloaded from this translation."
                )
            ) from None
        raise RejectedFile(_not_xliff()) from None
    except (AssertionError, TypeError):
        raise RejectedFile(_not_xliff()) from None
    root = store.document.getroot()
    if root.tag != _ns("xliff") or root.get("version") != "2.0":
        raise RejectedFile(_not_xliff())
    return store


def check_files(store, translations):
    root = store.document.getroot()
    first = next(iter(translations.values()))
    languages = (first.source.locale.language_code, first.target_locale.language_code)
    found = (root.get("srcLang"), root.get("trgLang"))
    if found != languages:
        raise RejectedFile(
            _(
                "This XLIFF file is from %(src)s into %(trg)s; this translation "
                "is from %(source)s into %(target)s."
            )
            % {
                "src": found[0] or "?",
                "trg": found[1] or "?",
                "source": languages[0],
                "target": languages[1],
            }
        )
    files = {}
    for node in root.iterchildren(_ns("file")):
        name = node.get("id", "")
        translation = translations.get(name.strip())
        if translation is None:
            _refuse_other_translation(name)
        files[node] = FileOfUpload(translation, _downloaded_at(node))
    if not files:
        raise RejectedFile(_not_xliff())

    known = {
        translation.pk: {
            unit_id(path, text): (path, text) for path, text in known_texts(translation)
        }
        for translation in {f.translation for f in files.values()}
    }
    unknown, untranslated, translated = [], [], 0
    for unit in store.units:
        upload = files.get(_file_of(unit.xmlelement))
        if upload is None:
            # A unit outside every <file>: no XLIFF 2.0 document has one.
            raise RejectedFile(_not_xliff())
        key = known[upload.translation.pk].get(unit.getid())
        if key is None or key[1] != str(unit.source):
            unknown.append(unit)
            continue
        if unit.target:
            upload.texts[key] = str(unit.target)
            translated += 1
        elif unit.xmlelement.get("state") in ("translated", "reviewed", "final"):
            untranslated.append(unit)
    if unknown:
        raise RejectedFile(
            ngettext(
                "%(count)d unit in this XLIFF file is not in the current source "
                "(“%(example)s”). The source may have changed since the file was "
                "downloaded: download it again and copy your translations into it.",
                "%(count)d units in this XLIFF file are not in the current source "
                "(for example “%(example)s”). The source may have changed since "
                "the file was downloaded: download it again and copy your "
                "translations into it.",
                len(unknown),
            )
            % {"count": len(unknown), "example": _shorten(unknown[0].getid() or "")}
        )
    if untranslated:
        raise RejectedFile(
            ngettext(
                "%(count)d unit of this XLIFF file is marked translated but has "
                "no target (“%(example)s”).",
                "%(count)d units of this XLIFF file are marked translated but "
                "have no target (for example “%(example)s”).",
                len(untranslated),
            )
            % {
                "count": len(untranslated),
                "example": _shorten(str(untranslated[0].source)),
            }
        )
    if not translated:
        raise RejectedFile(
            _("This XLIFF file has no translations (no unit has a target).")
        )
    return list(files.values())


def _refuse_other_translation(name):
    other = translation_named(name)
    if other is not None:
        raise RejectedFile(
            _(
                "This XLIFF file is for “%(object)s” in %(language)s, not for "
                "this translation."
            )
            % {
                "object": other.source.object_repr,
                "language": other.target_locale.get_display_name(),
            }
        )
    raise RejectedFile(
        _(
            "This XLIFF file was made for another translation. Download the "
            "XLIFF file of this translation and upload that one."
        )
    )


def _file_of(element):
    for ancestor in element.iterancestors(_ns("file")):
        return ancestor
    return None


def _downloaded_at(node):
    for note in node.iterfind(f"{_ns('notes')}/{_ns('note')}"):
        if note.get("category") == DOWNLOADED and note.text:
            return parse_datetime(note.text.strip())
    return None


def import_units(files, user):
    """Import the checked files; returns how many translations changed, and
    how many were left as they are because they were changed here after the
    file was downloaded."""
    imported = kept = 0
    for upload in files:
        translation = upload.translation
        newer = edited_since(translation, upload.texts, upload.downloaded_at)
        current = dict(
            (((path, source), data))
            for path, source, data in StringTranslation.objects.filter(
                context__object_id=translation.source.object_id,
                locale=translation.target_locale,
            ).values_list("context__path", "translation_of__data", "data")
        )
        po = polib.POFile()
        for key, text in upload.texts.items():
            if key in newer or current.get(key) == text:
                continue
            po.append(polib.POEntry(msgctxt=key[0], msgid=key[1], msgstr=text))
        translation.import_po(po, user=user, tool_name=TOOL_NAME)
        imported += len(po)
        kept += len(newer)
    return imported, kept


def _shorten(text, length=60):
    return text if len(text) <= length else text[: length - 1] + "…"
