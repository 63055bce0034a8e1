"""guards.guarded: a lookahead of the first characters, and never a different match."""

from __future__ import annotations

import re

import pytest

from mandates.extraction.guards import first_characters, guarded

TEXTS = [
    "Requests the Special Rapporteur to submit a report; invites the working group, "
    "and the Forum, to hold two seminars at its sixty-fifth session.",
    "KELVIN \u212aelvin kelvin \u017fession session-based 12 reports (report) -report",
    "",
    "a",
]


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r"\b(?:reports?|seminars?|sessions?)\b(?![-]\w)", re.IGNORECASE),
        (r"\b(?:Special\s+Rapporteur|Working\s+Group|Forum)\b", re.IGNORECASE),
        (r"(?:the\s+)?(?:kelvin|session)", re.IGNORECASE),  # folds: U+212A, U+017F
        (r"\b(?:\d{1,3}|two|five)\s+\w+", 0),
        (r"(?:[;,]\s*|\s+and\s+)(?P<verb>invites|requests)\b", re.IGNORECASE),
        (r"(?<![\w-])(?:a|an)?\s*report", re.IGNORECASE),  # may start with a space or "a"
    ],
)
def test_guarded_finds_exactly_what_the_plain_pattern_finds(pattern, flags):
    plain, guard = re.compile(pattern, flags), guarded(pattern, flags)
    assert guard.pattern != plain.pattern  # a guard was added
    for text in TEXTS:
        for start in range(len(text) + 1):
            for end in (len(text), min(len(text), start + 12)):
                got = [(m.span(), m.groups()) for m in guard.finditer(text, start, end)]
                assert got == [(m.span(), m.groups()) for m in plain.finditer(text, start, end)]


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:report)?",  # may match nothing: no character is required
        r"[^a]bc",  # a negated class
        r".report",  # any character
        r"(a)?\1b",  # a back-reference
    ],
)
def test_no_guard_when_the_first_characters_cannot_be_listed(pattern):
    assert first_characters(pattern) is None
    assert guarded(pattern).pattern == pattern


def test_first_characters_skip_anchors_and_lookarounds():
    assert first_characters(r"\b(?=x)(?:ab|cd)") == "[ac]"
    assert first_characters(r"(?:x*)y") == "[xy]"
    assert first_characters(r"^\s*z", re.MULTILINE) == r"[\sz]"
    assert first_characters(r"^\s+z", re.MULTILINE) == r"[\s]"
