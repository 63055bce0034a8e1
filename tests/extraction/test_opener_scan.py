"""The opener found from the places "The" stands, and the resolution list pattern rewritten,
read what the plain search and the old pattern read (issue 16).

``header.find_opener`` tries OPENER only at each "The" and at the start of the markup
run before it; it must return the match ``OPENER.search`` returns (same span, same
groups), whatever the limit. ``references._RES_ITEM`` writes its optional groups as
"(?:...|)"; it must match as the pattern with "(?:...)?" did. Both are checked on samples
made to reach the corners (markup before "The" at and after a line start, "The" glued to
a word or a slash, overlapping "TheThe", limits that cut the formula) and on texts
generated from the fragments the patterns look at.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mandates.extraction import header, references
from mandates.extraction.header import DATE_PATTERN

OLD_RES_ITEM = re.compile(
    r"\s*(?:,\s*|\s+and\s+|\s+as\s+well\s+as\s+|\s+or\s+)?(?:its\s+|resolution\s+)?"
    r"(" + references._RES_NUMBER + r")(?:\s+of\s+" + DATE_PATTERN + r")?"
)

OPENER_TEXTS = [
    "",
    "The General Assembly,",
    "Title\n\nThe Human Rights Council,\n\nRecalling",
    "  **The Security Council**,\nRecalling",
    "x **The General Assembly,\n",
    "The\nThe General Assembly,",
    "TheThe General Assembly, Recalling",
    "/The General Assembly, x",
    "wordThe General Assembly, x",
    "#_ \tThe Economic and Social Council",
    "\n* The General Assembly ,  \n",
    "The General Assembly",
    "Thee General Assembly,\nThe General Assembly, then",
]


def _same_opener(text: str, limit: int) -> None:
    found = header.find_opener(text, limit)
    expected = header.OPENER.search(text, 0, min(len(text), limit))
    assert (found is None) == (expected is None)
    if found is not None and expected is not None:
        assert found.span() == expected.span()
        assert found.groups() == expected.groups()


@pytest.mark.parametrize("text", OPENER_TEXTS)
def test_sample_openers_equal_the_search(text):
    for limit in range(len(text) + 2):
        _same_opener(text, limit)
    _same_opener(text, 20000)


_opener_texts = st.lists(
    st.sampled_from(
        [
            *("The", "The ", "Th", "e", " ", "\t", "\n", "*", "_", "#", ",", "/", "x", "\u00a0"),
            *("General Assembly", "Human Rights Council", "Security Council", " Council"),
        ]
    ),
    max_size=20,
).map("".join)


@settings(max_examples=600, deadline=None)
@given(_opener_texts, st.integers(0, 120))
def test_generated_openers_equal_the_search(text, limit):
    _same_opener(text, limit)
    _same_opener(text, 20000)


ITEM_TEXTS = [
    "53/11 of 12 July 2023",
    ", 54/2 and 55/3",
    " and resolution 2334 (2016)",
    " as well as its 12/1 of 1 May 2020, ",
    " or 7/1of 3 June 2021",
    "ES-10/21 and S-29/1",
    ", x",
    "12 (2019)",
    "1/2/3",
]

_item_texts = st.lists(
    st.sampled_from(
        [
            *(" ", ",", "\n", " and ", " or ", " as well as ", "its ", "resolution ", "of "),
            *("53/11", "2334 (2016)", "ES-", "S-", "12", "July", "2023", "1", "/", "(", ")"),
        ]
    ),
    max_size=12,
).map("".join)


def _same_items(text: str) -> None:
    for start in range(len(text) + 1):
        for end in (len(text), max(start, len(text) - 3)):
            new = references._RES_ITEM.match(text, start, end)
            old = OLD_RES_ITEM.match(text, start, end)
            assert (new and (new.span(), new.groups())) == (old and (old.span(), old.groups()))


@pytest.mark.parametrize("text", ITEM_TEXTS)
def test_sample_items_match_as_before(text):
    _same_items(text)


@settings(max_examples=400, deadline=None)
@given(_item_texts)
def test_generated_items_match_as_before(text):
    _same_items(text)
