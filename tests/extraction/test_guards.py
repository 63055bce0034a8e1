"""guards.guarded: a lookahead of the first characters, and never a different match."""

from __future__ import annotations

import re

import pytest

from mandates.extraction.guards import (
    UNICODE_SPACE,
    case_variants,
    first_characters,
    guarded,
    prefixes,
)

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


# --- the lookahead of the first characters, case by case (guarded(..., length=n)) ----


def test_case_variants_are_what_a_case_insensitive_letter_matches():
    """Checked against the regex engine over every code point: "k" also matches the Kelvin
    sign, "s" the long s, "i" the dotted and dotless capitals."""
    everything = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
    for letter in "abcdefghijklmnopqrstuvwxyzAZ":
        matched = set(re.findall(re.escape(letter), everything, re.IGNORECASE))
        assert case_variants(letter) == matched, letter
    assert case_variants("-") == {"-"}
    assert case_variants("\u2010") == {"\u2010"}


def test_the_space_lists_are_what_backslash_s_matches():
    everything = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
    assert set(re.findall(r"\s", everything)) == UNICODE_SPACE
    assert set(re.findall(r"\s", everything, re.ASCII)) < UNICODE_SPACE


def test_prefixes_list_the_first_characters_of_every_branch():
    found = prefixes(r"\b(?:ab|c[de]f?)", re.IGNORECASE, 3)
    assert found == {
        (frozenset("aA"), frozenset("bB")),
        (frozenset("cC"), frozenset("dDeE")),
        (frozenset("cC"), frozenset("dDeE"), frozenset("fF")),
    }
    # a repeat that may match nothing, then a class that cannot be listed: cut there
    x, y, z = frozenset("x"), frozenset("y"), frozenset("z")
    assert prefixes(r"x(?:yz)*\w", 0, 4) == {(x,), (x, y, z), (x, y, z, y)}
    assert prefixes(r"(?:a|\w)b", 0, 2) is None  # "\w" may open a match
    assert prefixes(r"a(?-i:B)", re.IGNORECASE, 2) == {(frozenset("aA"), frozenset("B"))}


GUARD_TEXTS = [
    *TEXTS,
    "REQUESTS the \u212aelvin ReportS; and \u017feminars, session\u2010based "
    "INVITES\u2028the Forum\u00a0to hold\ttwo\n\nsessions; and\u3000requests",
    "\u0130NV\u0130TES \u0131nvites;\x85and\x1crequests \u212aELVIN the FORUM",
]


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [
        (r"\b(?:reports?|seminars?|sessions?)\b(?![-]\w)", re.IGNORECASE),
        (r"\b(?:Special\s+Rapporteur|Working\s+Group|Forum)\b", re.IGNORECASE),
        (r"(?:the\s+)?(?:kelvin|session)", re.IGNORECASE),
        (r"(?:[;,]\s*|\s+and\s+)(?P<verb>invites|requests)\b", re.IGNORECASE),
        (r"\b(?:to|and)\s+(?:hold|(?-i:Forum))", re.IGNORECASE),
        (r"\b[Tt]he\s+(?i:forum|REPORT)", 0),
        (r"\s+and\s+\w+", 0),
        (r"\s+and\s+\w+", re.ASCII | re.IGNORECASE),
        (r"\bforum|(?:kelvin|ELVIN)", re.IGNORECASE),  # "\b" opens one branch only
        (r"\bthe|\bforum", re.IGNORECASE),
    ],
)
@pytest.mark.parametrize("length", [2, 3, 5])
def test_a_longer_guard_finds_exactly_what_the_plain_pattern_finds(pattern, flags, length):
    plain, fast = re.compile(pattern, flags), guarded(pattern, flags, length)
    assert "(?-i:" in fast.pattern  # the lookahead of prefixes was added
    for text in GUARD_TEXTS:
        for start in range(len(text) + 1):
            for end in (len(text), min(len(text), start + 12)):
                got = [(m.span(), m.groups()) for m in fast.finditer(text, start, end)]
                assert got == [(m.span(), m.groups()) for m in plain.finditer(text, start, end)]
                assert bool(fast.match(text, start, end)) == bool(plain.match(text, start, end))


def test_the_word_boundary_goes_first_only_when_every_match_opens_with_it():
    assert r"\b(?=(?-i:" in guarded(r"\b(?:forum|kelvin)", re.IGNORECASE, 3).pattern
    assert r"\b(?=(?-i:" in guarded(r"\bforum|\bkelvin", re.IGNORECASE, 3).pattern
    assert r"\b(?=(?-i:" not in guarded(r"\bforum|kelvin", re.IGNORECASE, 3).pattern
