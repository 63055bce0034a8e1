"""References to other resolutions and documents inside a resolution's paragraphs.

"resolution 53/11 of 12 July 2023" -> kind "resolution", symbol "53/11", that date;
"resolutions 46/14 and 49/25" -> two; Security Council "resolution 2334 (2016)";
document symbols such as "A/HRC/59/36", "E/CN.4/2001/2", "A/CONF.157/24 (Part I)".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from mandates.extraction.header import DATE_PATTERN, parse_date
from mandates.extraction.regex_cache import compiled
from mandates.extraction.result import Reference

__all__ = ["DOCUMENT_SYMBOL", "documents", "find_all", "find_references", "resolutions"]

_RES_NUMBER = r"(?:(?:ES-|S-)?\d{1,4}/\d{1,4}(?![\w/])|\d{1,5}\s\(\d{4}\))"
# Optional groups written "(?:...|)": "(?:...)?" (the same choices in the same order)
# without the engine's bookkeeping for a repeated group.
_RES_ITEM = compiled(
    r"\s*(?:,\s*|\s+and\s+|\s+as\s+well\s+as\s+|\s+or\s+|)(?:its\s+|resolution\s+|)"
    r"(" + _RES_NUMBER + r")(?:\s+of\s+" + DATE_PATTERN + r"|)"
)
# Begins with a literal so the engine can skip ahead; "R"/"r" is checked by hand.
_RES_KEYWORD = compiled(r"esolutions?\s+(?=(?:ES-|S-)?\d)")

#: First segments of the document symbols recognised ("A/...", "E/CN.4/...", "CRC/C/...").
PREFIXES = frozenset(
    [
        "A",
        "E",
        "S",
        "CCPR",
        "CERD",
        "CRC",
        "CEDAW",
        "CAT",
        "CRPD",
        "CMW",
        "CED",
        "FCCC",
        "UNEP",
        "TD",
        "DP",
        "ST",
        "HRI",
        "ICCD",
        "UNW",
        "ECE",
        "CTOC",
        "CND",
        "CTBT",
        "NPT",
        "IDB",
        "ISBA",
        "SPLOS",
        "UNCITRAL",
        "WHA",
        "EB",
        "GC",
        "BWC",
        "CCW",
        "APLC",
        "UNODC",
        "ICEF",
    ]
)
#: "A/HRC/59/36", "A/80/545", "E/CN.4/2001/2", "A/CONF.157/24 (Part I)", "S/2023/123".
#: Candidates start with capitals and a slash; the first segment is checked against PREFIXES.
DOCUMENT_SYMBOL = compiled(
    r"(?<![\w/])([A-Z]{1,8})(?:/[A-Za-z0-9][A-Za-z0-9.\-]*)+(?:\s\(Part\s[IVX]+\))?"
)
_HAS_DIGIT = compiled(r"\d")
_SPACES = compiled(r"\s+")


def documents(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, str]]:
    """(offset, symbol) of each document symbol in ``text[start:end]``.

    Symbols are looked for only where a slash stands (``str.find`` is much faster than
    letting the pattern try every capital letter of the text).
    """
    end = len(text) if end is None else end
    slash = text.find("/", start, end)
    while slash != -1:
        first = slash
        while first > start and first > slash - 9 and "A" <= text[first - 1] <= "Z":
            first -= 1
        match = DOCUMENT_SYMBOL.match(text, first, end) if first < slash else None
        if match is None:
            slash = text.find("/", slash + 1, end)
            continue
        if match.group(1) in PREFIXES:
            symbol = match.group(0).rstrip(".-")
            if _HAS_DIGIT.search(symbol):
                yield match.start(), symbol
        slash = text.find("/", match.end(), end)


def _keywords(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """_RES_KEYWORD.finditer(text, start, end), tried only where "esolution" stands.

    ``str.find`` skips to the next "esolution" several times faster than the pattern's
    own scan; the leftmost match is the first of those places where the pattern matches.
    """
    at = text.find("esolution", start, end)
    while at != -1:
        keyword = _RES_KEYWORD.match(text, at, end)
        if keyword is None:
            at = text.find("esolution", at + 1, end)
        else:
            yield keyword
            at = text.find("esolution", keyword.end(), end)


def resolutions(
    text: str, start: int = 0, end: int | None = None
) -> Iterator[tuple[int, str, date | None]]:
    """(offset, number, date) of each resolution cited in ``text[start:end]``."""
    end = len(text) if end is None else end
    for keyword in _keywords(text, start, end):
        initial = keyword.start() - 1
        if initial < start or text[initial] not in "Rr":
            continue
        if initial > 0 and text[initial - 1].isalpha():
            continue
        position = keyword.end()
        first = True
        while True:
            item = _RES_ITEM.match(text, position, end)
            if not item or (first and item.start(1) != position):
                break
            if not first and item.start(1) == item.start():
                break  # no separator: the list has ended
            first = False
            symbol = item.group(1)
            if "/" not in symbol and " " not in symbol:
                # "2334\n(2016)": the one space _RES_NUMBER allows, as another white space.
                symbol = _SPACES.sub(" ", symbol)
            when = parse_date(*item.group(2, 3, 4)) if item.group(2) else None
            yield item.start(1), symbol, when
            position = item.end()


def find_all(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, Reference]]:
    """Every reference in ``text[start:end]`` with its offset (paragraph left None), in order."""
    found: list[tuple[int, Reference]] = [
        (position, Reference(symbol, None, "resolution", when))
        for position, symbol, when in resolutions(text, start, end)
    ]
    found.extend(
        (position, Reference(symbol, None, "document"))
        for position, symbol in documents(text, start, end)
    )
    found.sort(key=lambda item: item[0])
    return found


def find_references(text: str, start: int, end: int, paragraph: str | None) -> list[Reference]:
    """References in ``text[start:end]``, in order, attributed to ``paragraph``."""
    found = find_all(text, start, end)
    for _, reference in found:
        reference.paragraph = paragraph
    return [reference for _, reference in found]
