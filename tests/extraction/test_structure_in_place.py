"""The structure stage's fourth speed-up (issue 16) reads what the piece-by-piece copies read.

The walker matches its patterns on the text in place (``pattern.match(text, s, stop)``)
instead of on a copy of each piece, and tests an annex heading from the text; two
patterns write an optional group as "(?:...|)". Each is compared with the reading it
replaces: the patterns on the slice, the walker's old method (kept in
`reference_structure.py`), the old patterns, on samples made to reach the corners (markup
before the first word, pieces cut inside a word, a date or an annex label, texts that go
on past the piece) and on texts generated from the characters the patterns look at. The
leading verbs' shorter checks are compared with the reference in
test_structure_fast_paths.py and test_fast_paths.py.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mandates.extraction import structure
from tests.extraction import reference_structure

#: Every pattern the walker matches at a piece's start.
PIECE_PATTERNS = {
    "_NUM": structure._NUM,
    "_NUM_NO_DOT": structure._NUM_NO_DOT,
    "_LABEL": structure._LABEL,
    "_MEETING": structure._MEETING,
    "_ADOPTED": structure._ADOPTED,
    "_DATE_ONLY": structure._DATE_ONLY,
    "_ANNEX": structure._ANNEX,
}

SAMPLES = [
    "12. Requests the Secretary-General",
    "** 3.\u200e\u00a0Decides",
    "27 Affirms that",
    "(a) To report;",
    "(iv)\tlater",
    "45th meeting\n7 July 2025",
    "65th plenary meeting",
    "[ *Adopted without a vote]",
    "Adopted by a recorded vote",
    "7 July 2025",
    "7 July 2025 **",
    "Annex",
    "Annexes",
    "Annex II\nTitle",
    "Annex B “Text”",
    "Annex 12*",
    "Annex, not a heading",
    "AnnexII",
    "Annex\u00a0II",
    "*Annex*  ",
    "Annex __ 3",
    "x 12. y",
]


def _old_annex_heading(piece: str) -> bool:
    """The walker's test before: the pattern, then the old method on the copy."""
    if not structure._ANNEX.match(piece):
        return False
    return reference_structure._Walker(piece)._annex_heading(piece)


def _agree(text: str, start: int, stop: int) -> None:
    piece = text[start:stop]
    for name, pattern in PIECE_PATTERNS.items():
        in_place = pattern.match(text, start, stop)
        copied = pattern.match(piece)
        assert (in_place is None) == (copied is None), name
        if in_place is not None and copied is not None:
            assert in_place.span() == (copied.start() + start, copied.end() + start), name
            assert in_place.groups() == copied.groups(), name
    assert structure._annex_heading(text, start, stop) == _old_annex_heading(piece)


def test_no_piece_pattern_looks_behind_its_start():
    """What makes the match in place equal the match on the copy."""
    for name, pattern in PIECE_PATTERNS.items():
        assert "(?<" not in pattern.pattern, name
        assert not pattern.pattern.startswith(("\\b", "\\B", "^")), name


@pytest.mark.parametrize("sample", SAMPLES)
def test_samples_match_in_place_as_on_the_copy(sample):
    for before in ("", "x", "Annex ", "word", "12", "\n"):
        for after in ("", " and more", "th meeting", "I", "\n1. next", "2025"):
            text = before + sample + after
            start = len(before)
            for stop in range(start + 1, len(text) + 1):
                _agree(text, start, stop)


_fragments = st.lists(
    st.sampled_from(
        [
            *(" ", "\t", "\n", "*", "_", "#", ",", ".", ";", ":", "[", "]", "(", ")", "\u00a0"),
            *("1", "12", "3.", "27 ", "(a)", "(iv)", "a", "x", "I", "II", "B", "“", '"'),
            *("Annex", "Annexes", "th", "st", "meeting", "plenary", "(resumed)", "Adopted"),
            *("without", "by a", "July", "2025", "7", "In favour", "Affirms", "Decides"),
        ]
    ),
    max_size=16,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_fragments, st.data())
def test_generated_pieces_match_in_place_as_on_the_copy(text, data):
    if not text:
        return
    start = data.draw(st.integers(0, len(text) - 1))
    stop = data.draw(st.integers(start + 1, len(text)))
    _agree(text, start, stop)


# ------------------------------------- optional groups written as "(?:...|)"

#: The pattern as it was, with "(?:...)?" where it now has "(?:...|)" (the line pattern
#: written so went: test_structure_lines.py checks the pieces found line by line).
OLD_TWO_WORDS = re.compile(r"[^A-Za-z]*([A-Za-z][A-Za-z\-]*)(?:[^A-Za-z]*([A-Za-z][A-Za-z\-]*))?")

_line_texts = st.text(alphabet=st.sampled_from(" \t\n\u00a0\u2003\rAbc,;-*1"), max_size=40)


def _same_two_words(text: str) -> None:
    for start in range(len(text) + 1):
        old_words = OLD_TWO_WORDS.match(text, start, 160)
        new_words = structure._TWO_WORDS.match(text, start, 160)
        assert (new_words and new_words.groups()) == (old_words and old_words.groups())


@pytest.mark.parametrize(
    "text", ["", "\n", "a", " a \n b", "a\n\nb", "a \n\t\n b\n", "Also-- requests;", "-x", "12 ."]
)
def test_samples_give_the_optional_group_readings(text):
    _same_two_words(text)


@settings(max_examples=500, deadline=None)
@given(_line_texts)
def test_generated_texts_give_the_optional_group_readings(text):
    _same_two_words(text)
