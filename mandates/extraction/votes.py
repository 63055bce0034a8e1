"""The vote printed after a resolution: counts and the lists of countries.

"[Adopted by a recorded vote of 30 to 16, with 1 abstention. The voting was as follows:
In favour: ... Against: ... Abstaining: ...]". "[Adopted without a vote.]" or no vote
statement at all gives None.
"""

from __future__ import annotations

import re

from mandates.extraction.regex_cache import compiled
from mandates.extraction.result import Vote

__all__ = ["parse_vote", "split_countries"]

_NUMBER_WORDS = {"no": 0, "none": 0, "one": 1}
_COUNT = r"(\d+|no|none|one)"
#: "recorded vote of 30 to 16, with 1 abstention", "by 120 votes to 10, with 5 abstentions",
#: "by a vote of 47 to 0", "recorded vote of 30 to none". Each branch opens with its letter
#: and checks the word boundary behind it, where "\b(?:vote|by)" stood: a pattern whose
#: branches start with letters is tried only at a "v" or a "b", not at every character.
_VOTE = compiled(
    r"(?:v(?<=\bv)ote\s+of\s+(\d+)|b(?<=\bb)y\s+(\d+)\s+votes)\s+(?:votes\s+)?to\s+(\d+|none)"
    r"(?:\s*,?\s*(?:with|and)\s+" + _COUNT + r"\s+abstentions?)?"
)
_LIST_HEAD = compiled(r"(?<![\w])(In favour|Against|Abstaining)\s*:", re.IGNORECASE)
_LIST_END = compiled(r"\]|\n\s*Annex\b")

#: Country names that contain " and " (the last list item is joined by " and ").
_AND_NAMES = (
    "Antigua and Barbuda",
    "Bosnia and Herzegovina",
    "Saint Kitts and Nevis",
    "Saint Vincent and the Grenadines",
    "Sao Tome and Principe",
    "Trinidad and Tobago",
    "United Kingdom of Great Britain and Northern Ireland",
    "Heard Island and McDonald Islands",
)
_PROTECT = compiled("|".join(re.escape(name) for name in _AND_NAMES))
#: Where names part: a comma or " and ", unless inside parentheses ("Chile (on behalf of A,
#: B and C)"). Inside means the next parenthesis printed after it closes one: the check
#: `_split_names` makes once per separator, where a lookahead ``(?![^()]*\))`` read to the
#: end of a list without parentheses at every comma (quadratic in the list's length).
_SEPARATOR = compiled(r",|\s+and\s+")
_PARENTHESIS = compiled(r"[()]")
_SAVED = compiled(r"\x00(\d+)\x00")


def _count(word: str | None) -> int | None:
    if word is None:
        return None
    return _NUMBER_WORDS.get(word.lower()) if not word.isdigit() else int(word)


def split_countries(text: str) -> list[str]:
    """Split "A, B (X of), C and D" into names, keeping names that contain "and"."""
    text = " ".join(text.split()).strip("[].;* ")  # whitespace collapsed, as header.flatten
    if not text:
        return []
    saved: list[str] = []

    def protect(match: re.Match[str]) -> str:
        saved.append(match.group(0))
        return f"\x00{len(saved) - 1}\x00"

    text = _PROTECT.sub(protect, text)
    names = []
    for part in _split_names(text):
        if "\x00" in part:  # what every _SAVED match holds
            part = _SAVED.sub(lambda m: saved[int(m.group(1))], part)
        part = part.strip().strip(".;*]").strip()
        if part:
            names.append(part)
    return names


def _split_names(text: str) -> list[str]:
    """``text`` cut at each separator outside parentheses, in one pass.

    A separator is inside when the first parenthesis at or after its end is ")"; the
    parenthesis found is kept until a separator ends past it, so the text is read once.
    """
    parts = []
    at = 0
    paren = -1  # where the next parenthesis stands, once found; len(text) when none is left
    for found in _SEPARATOR.finditer(text):
        end = found.end()
        if paren < end:
            next_paren = _PARENTHESIS.search(text, end)
            paren = next_paren.start() if next_paren else len(text)
        if paren < len(text) and text[paren] == ")":
            continue
        parts.append(text[at : found.start()])
        at = end
    parts.append(text[at:])
    return parts


def parse_vote(tail: str) -> tuple[Vote | None, list[str]]:
    """The vote from the closing part of a resolution, with warnings on disagreement."""
    warnings: list[str] = []
    if "vote" not in tail:
        return None, warnings  # both branches of _VOTE hold "vote"
    match = _VOTE.search(tail)
    if not match:
        return None, warnings
    vote = Vote(
        yes=int(match.group(1) or match.group(2)),
        no=_count(match.group(3)),
        abstain=_count(match.group(4)) if match.group(4) else 0,
    )
    rest = tail[match.end() :]
    end = _LIST_END.search(rest)
    if end:
        rest = rest[: end.start()]
    heads = list(_LIST_HEAD.finditer(rest))
    for index, head in enumerate(heads):
        stop = heads[index + 1].start() if index + 1 < len(heads) else len(rest)
        names = split_countries(rest[head.end() : stop])
        key = head.group(1).lower()
        if key == "in favour":
            vote.in_favour = names
        elif key == "against":
            vote.against = names
        else:
            vote.abstaining = names
    if heads:
        for label, count, names in (
            ("in favour", vote.yes, vote.in_favour),
            ("against", vote.no, vote.against),
            ("abstaining", vote.abstain, vote.abstaining),
        ):
            if count is not None and count != len(names):
                warnings.append(f"vote: {count} {label} counted but {len(names)} countries listed")
    return vote, warnings
