"""WebVTT caption files: refused, with a reason an editor can act on, unless valid.

webvtt-py parses the file; it is lenient (it skips a malformed timing line and
accepts a cue that ends before it starts), so the checks it leaves out are
made here.
"""

import re

import webvtt
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from webvtt.errors import MalformedFileError

MAX_SIZE = 1024 * 1024
TIMESTAMP = r"(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}"
TIMING = re.compile(rf"^({TIMESTAMP})[ \t]+-->[ \t]+({TIMESTAMP})(?:[ \t].*)?$")


def seconds(timestamp):
    parts = [float(part) for part in timestamp.split(":")]
    return sum(value * 60**power for power, value in enumerate(reversed(parts)))


def validate_webvtt(upload):
    """Raise ValidationError unless ``upload`` is a WebVTT file with captions."""
    if upload.size > MAX_SIZE:
        raise ValidationError(
            _("A caption file may be at most 1 MB."), code="too_large"
        )
    upload.seek(0)
    raw = upload.read()
    upload.seek(0)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            _(
                "The caption file is not UTF-8 text; "
                "save it as UTF-8 and upload it again."
            ),
            code="encoding",
        ) from error
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for number, line in enumerate(text.split("\n"), start=1):
        if "-->" in line and not TIMING.match(line.strip()):
            raise ValidationError(
                _(
                    "Line %(number)s is not a cue timing "
                    "such as 00:01.000 --> 00:04.000: %(line)s"
                ),
                code="timing",
                params={"number": number, "line": line.strip()[:80]},
            )
        match = TIMING.match(line.strip())
        if match and seconds(match.group(2)) <= seconds(match.group(1)):
            raise ValidationError(
                _("Line %(number)s: a caption ends before it starts (%(line)s)."),
                code="order",
                params={"number": number, "line": line.strip()},
            )
    try:
        captions = webvtt.from_string(text).captions
    except MalformedFileError as error:
        raise ValidationError(
            _("This is not a WebVTT file: its first line must be WEBVTT."),
            code="format",
        ) from error
    if not captions:
        raise ValidationError(_("The caption file holds no captions."), code="empty")
    return captions
