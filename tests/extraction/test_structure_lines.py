"""Pieces found line by line with ``str.find`` (issue 16).

``structure._pieces`` walks a text's lines by hand and trims each piece as ``_trim`` does;
`reference_structure.py` cuts blocks with patterns and trims them. Both must give the same
pieces, including for white space other than spaces (tabs, "\\r", no-break spaces) and for
texts whose blocks hold several lines (handed to ``_block_pieces``).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mandates.extraction import structure
from tests.extraction import reference_structure
from tests.shared_data import shared_path

_CHARACTERS = ["a", "B", "1", ".", ";", ",", " ", " ", "\t", "\n", "\n", "\r", "\xa0", "\u2028"]
_PARTS = [*_CHARACTERS, "\n\n", "Requests", "2. Decides", "(a) ", "  \n \t\n", "*Recalling*"]

_texts = st.lists(st.sampled_from(_PARTS), max_size=40).map("".join)


@settings(max_examples=3000, deadline=None)
@given(_texts, st.integers(0, 5), st.integers(0, 5))
def test_generated_texts_give_the_pieces_of_the_block_patterns(text, lead, trail):
    start, end = min(lead, len(text)), max(len(text) - trail, 0)
    start = min(start, end)
    assert structure._pieces(text, start, end) == reference_structure._pieces(text, start, end)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        "One line",
        "  One line \t\n\n Two \xa0\n",
        "First\nsecond line of the block\n\nThird",
        "1. Decides;\n \n2. Requests\r\n\r\n3. Urges",
        "Ends with spaces   ",
        "Tab \n\tcontinues",
    ],
)
def test_samples_give_the_pieces_of_the_block_patterns(text):
    assert structure._pieces(text, 0, len(text)) == reference_structure._pieces(text, 0, len(text))


def test_corpus_texts_give_the_pieces_of_the_block_patterns():
    for path in sorted(shared_path("corpus").rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert structure._pieces(text, 0, len(text)) == reference_structure._pieces(
            text, 0, len(text)
        ), path.name
