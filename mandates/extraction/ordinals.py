"""English ordinal phrases ("sixty-fifth", "sixty fifth", "one hundred and first", "65th")
to integers, and a regex fragment that finds them.

Session numbers in resolutions are printed as ordinal words, sometimes without the hyphen
or with an odd dash; the parser accepts all of them and never raises.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from mandates.extraction.regex_cache import compiled

#: The Latin adverb after the number of a paragraph a draft inserts: "5 bis." after 5, then
#: "5 ter." (a paragraph's number, kept with the other number words).
INSERTED_SUFFIX = r"(?:bis|ter|quater|quinquies|sexies|septies|octies|novies|decies)"

_UNITS_CARDINAL = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_UNITS_ORDINAL = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
}
_TEENS_ORDINAL = {
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
}
_TEENS_CARDINAL = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS_CARDINAL = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_TENS_ORDINAL = {
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
}

# Dashes and hyphens that turn up between the two halves of a compound ordinal.
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u00ad"
_SEP = rf"[\s{re.escape(_DASHES)}]{{0,3}}"  # "sixty-fifth", "sixty fifth", "sixty - fifth"


def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_UNIT_ORD = _alt(_UNITS_ORDINAL)
_TEEN_ORD = _alt(_TEENS_ORDINAL)
_TENS_CARD = _alt(_TENS_CARDINAL)
_TENS_ORD = _alt(_TENS_ORDINAL)
_SMALL_CARD = _alt(list(_UNITS_CARDINAL))

# Below one hundred: "fifth", "fifteenth", "fiftieth", "fifty-fifth".
_BELOW_100 = (
    rf"(?:(?:{_TENS_CARD}){_SEP}(?:{_UNIT_ORD})|(?:{_TENS_ORD})|(?:{_TEEN_ORD})|(?:{_UNIT_ORD}))"
)
_HUNDRED = rf"(?:(?:one|a){_SEP})?hundred"

#: A regex fragment (no groups, use with re.IGNORECASE) matching an ordinal phrase:
#: words ("sixty-fifth", "sixty fifth", "hundredth", "one hundred and first") or digits
#: with a suffix ("65th", "1st").
ORDINAL_PATTERN = (
    r"(?:\b\d{1,3}(?:st|nd|rd|th)\b"
    rf"|\b(?:{_HUNDRED}(?:{_SEP}(?:and{_SEP})?{_BELOW_100}|th)|{_BELOW_100})\b)"
)

#: The same without word boundaries, to take apart ordinals glued by tracked changes
#: ("sixty-secondfifth").
ORDINAL_WORDS_UNBOUNDED = rf"(?:{_HUNDRED}(?:{_SEP}(?:and{_SEP})?{_BELOW_100}|th)|{_BELOW_100})"

_ORDINAL_RE = compiled(rf"^\s*({ORDINAL_PATTERN})\s*$", re.IGNORECASE)
_WORD_RE = compiled(r"[a-z]+")
_DIGITS_RE = compiled(r"^\s*(\d{1,3})\s*(?:st|nd|rd|th)\s*$", re.IGNORECASE)


@lru_cache(maxsize=512)
def ordinal_to_int(words: str) -> int | None:
    """Return the number an ordinal phrase names, or None when it is not an ordinal.

    >>> ordinal_to_int("sixty-fifth"), ordinal_to_int("Sixty Fifth"), ordinal_to_int("65th")
    (65, 65, 65)
    """
    if not isinstance(words, str) or len(words) > 80:
        return None
    digits = _DIGITS_RE.match(words)
    if digits:
        return int(digits.group(1))
    if not _ORDINAL_RE.match(words):
        return None
    total = 0
    for word in _WORD_RE.findall(words.lower()):
        if word in ("and", "a"):
            continue
        if word in ("hundred", "hundredth"):
            total = max(total, 1) * 100
        elif word in _UNITS_CARDINAL:
            total += _UNITS_CARDINAL[word]
        elif word in _UNITS_ORDINAL:
            total += _UNITS_ORDINAL[word]
        elif word in _TEENS_ORDINAL:
            total += _TEENS_ORDINAL[word]
        elif word in _TENS_CARDINAL:
            total += _TENS_CARDINAL[word]
        elif word in _TENS_ORDINAL:
            total += _TENS_ORDINAL[word]
        else:  # pragma: no cover - the regex admits no other word
            return None
    return total or None


_CARDINAL_WORDS = {**_UNITS_CARDINAL, **_TEENS_CARDINAL, **_TENS_CARDINAL}

#: Every word of an ordinal or cardinal number ("seventeenth", "hundredth", "twenty").
ORDINAL_WORDS = frozenset(
    {*_CARDINAL_WORDS, *_UNITS_ORDINAL, *_TEENS_ORDINAL, *_TENS_ORDINAL}
    | {"hundred", "hundredth", "thousand", "thousandth"}
)

#: A regex fragment matching a small cardinal ("five", "twenty", "12"), for counts.
CARDINAL_PATTERN = rf"(?:\b\d{{1,3}}\b|\b(?:{_alt(_CARDINAL_WORDS)})\b)"


def cardinal_to_int(word: str) -> int | None:
    """Return the value of a small cardinal ("five" -> 5, "12" -> 12), else None."""
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    return _CARDINAL_WORDS.get(word)


__all__ = [
    "CARDINAL_PATTERN",
    "ORDINAL_PATTERN",
    "ORDINAL_WORDS",
    "ORDINAL_WORDS_UNBOUNDED",
    "cardinal_to_int",
    "ordinal_to_int",
]
