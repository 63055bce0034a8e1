"""References to other resolutions and documents inside a resolution's paragraphs.

"resolution 53/11 of 12 July 2023" -> kind "resolution", symbol "53/11", that date;
"resolutions 46/14 and 49/25" -> two; Security Council "resolution 2334 (2016)";
document symbols such as "A/HRC/59/36", "E/CN.4/2001/2", "A/CONF.157/24 (Part I)".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mandates.extraction.header import DATE_PATTERN, parse_date
from mandates.extraction.result import Reference

__all__ = ["DOCUMENT_SYMBOL", "find_references"]

_RES_NUMBER = r"(?:(?:ES-|S-)?\d{1,4}/\d{1,4}(?![\w/])|\d{1,5}\s\(\d{4}\))"
_RES_ITEM = re.compile(
    r"\s*(?:,\s*|\s+and\s+|\s+as\s+well\s+as\s+|\s+or\s+)?(?:its\s+|resolution\s+)?"
    r"(" + _RES_NUMBER + r")(?:\s+of\s+" + DATE_PATTERN + r")?"
)
_RES_KEYWORD = re.compile(r"\b[Rr]esolutions?\s+(?=(?:ES-|S-)?\d)")

_PREFIXES = (
    "A|E|S|CCPR|CERD|CRC|CEDAW|CAT|CRPD|CMW|CED|FCCC|UNEP|TD|DP|ST|HRI|ICCD|UNW|ECE|CTOC|"
    "CND|CTBT|NPT|IDB|ISBA|SPLOS|UNCITRAL|TD|WHA|EB|GC|BWC|CCW|APLC|UNODC|ICEF|DP/FPA"
)
#: "A/HRC/59/36", "A/80/545", "E/CN.4/2001/2", "A/CONF.157/24 (Part I)", "S/2023/123".
DOCUMENT_SYMBOL = re.compile(
    r"(?<![\w/])(?:" + _PREFIXES + r")(?:/[A-Za-z0-9][A-Za-z0-9.\-]*)+"
    r"(?:\s\(Part\s[IVX]+\))?"
)
_HAS_DIGIT = re.compile(r"\d")


def _documents(text: str, offset: int) -> Iterator[tuple[int, str]]:
    for match in DOCUMENT_SYMBOL.finditer(text):
        symbol = match.group(0).rstrip(".-")
        if "/" not in symbol or not _HAS_DIGIT.search(symbol):
            continue
        yield offset + match.start(), symbol


def _resolutions(text: str, offset: int) -> Iterator[tuple[int, str, object]]:
    for keyword in _RES_KEYWORD.finditer(text):
        position = keyword.end()
        first = True
        while True:
            item = _RES_ITEM.match(text, position)
            if not item or (first and item.start(1) != position):
                break
            if not first and item.start(1) == item.start():
                break  # no separator: the list has ended
            first = False
            symbol = re.sub(r"\s+", " ", item.group(1))
            when = parse_date(*item.group(2, 3, 4)) if item.group(2) else None
            yield offset + item.start(1), symbol, when
            position = item.end()


def find_references(text: str, start: int, end: int, paragraph: str | None) -> list[Reference]:
    """References in ``text[start:end]``, in order, attributed to ``paragraph``."""
    chunk = text[start:end]
    found: list[tuple[int, Reference]] = []
    for position, symbol, when in _resolutions(chunk, start):
        found.append((position, Reference(symbol, paragraph, "resolution", when)))  # type: ignore[arg-type]
    for position, symbol in _documents(chunk, start):
        found.append((position, Reference(symbol, paragraph, "document")))
    found.sort(key=lambda item: item[0])
    return [reference for _, reference in found]
