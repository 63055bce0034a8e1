"""iCalendar content lines written by hand (RFC 5545): TEXT escaping, folding, CRLF.

The feeds used the `icalendar` library, which spent 63% of a 10,000-event render building
and folding its own objects; these few functions write the same lines directly. Lines are
folded exactly as `icalendar` folds them (at most 74 octets per physical line before the
continuation's space, never inside a UTF-8 character), so unchanged feeds keep their bytes
and their ETags.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from mandates.extraction.cleaning import BIDI_CONTROLS

CRLF = "\r\n"
# Octets of content per physical line: with the leading space of a continuation line, at
# most 75 (RFC 5545 3.1).
FOLD_OCTETS = 74
# Control characters are not allowed in TEXT (RFC 5545 3.3.11), except HTAB and the line
# breaks, which are escaped; the rest never come from a person and are dropped. So are the
# bidirectional controls (`BIDI_CONTROLS`): a quote keeps them as printed (it is evidence),
# but in a calendar they would turn the text after them around, unseen (a quote's U+202E
# read "emoctuo" for "outcome"), in every feed and e-mail attachment alike.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f" + "".join(sorted(BIDI_CONTROLS)) + "]")
# Folding cuts a line into chunks of FOLD_OCTETS: of characters when they are all ASCII,
# else of UTF-8 octets, each chunk as long as it can be without ending inside a character
# (the next octet is not a continuation octet, 10xxxxxx). One regex scan instead of a loop.
_ASCII_CHUNK = re.compile(f".{{1,{FOLD_OCTETS}}}", re.DOTALL)
_UTF8_CHUNK = re.compile(b".{1,%d}(?![\x80-\xbf])" % FOLD_OCTETS, re.DOTALL)
_CONTINUATION = CRLF + " "
_CONTINUATION_OCTETS = _CONTINUATION.encode()


def text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma escaped; every line break as \\n; control
    characters, bidirectional ones included, dropped."""
    value = (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\r", "\n")
        .replace("\n", "\\n")
    )
    return value if value.isprintable() else _CONTROL.sub("", value)


def text_list(values: list[str]) -> str:
    """A comma-separated list of TEXT values (CATEGORIES)."""
    return ",".join(text(value) for value in values)


def utc_datetime(moment: datetime) -> str:
    """A DATE-TIME in UTC form, to the second ("20261203T132504Z")."""
    m = moment.astimezone(UTC)
    return f"{m.year:04d}{m.month:02d}{m.day:02d}T{m.hour:02d}{m.minute:02d}{m.second:02d}Z"


def date_value(day: date) -> str:
    """A DATE ("20270405"), to be written with VALUE=DATE."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def days_before(days: int) -> str:
    """A DURATION of `days` days back (an alarm's TRIGGER): "-P7D", or "P0D" on the day."""
    return f"-P{days}D" if days else "P0D"


def fold(line: str) -> str:
    """One content line folded into physical lines (CRLF, then a space) and ended by CRLF."""
    if line.isascii():
        if len(line) <= FOLD_OCTETS:
            return line + CRLF
        return _CONTINUATION.join(_ASCII_CHUNK.findall(line)) + CRLF
    data = line.encode()
    if len(data) <= FOLD_OCTETS:
        return line + CRLF
    return _CONTINUATION_OCTETS.join(_UTF8_CHUNK.findall(data)).decode() + CRLF
