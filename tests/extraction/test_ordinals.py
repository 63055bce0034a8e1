"""Ordinal phrases in session references become integers."""

import re

import pytest

from mandates.extraction.ordinals import ORDINAL_PATTERN, cardinal_to_int, ordinal_to_int


@pytest.mark.parametrize(
    ("words", "number"),
    [
        ("sixty-fifth", 65),
        ("sixty fifth", 65),
        ("Sixty-Fifth", 65),
        ("SIXTY-FIFTH", 65),
        ("eighty-first", 81),
        ("fiftieth", 50),
        ("first", 1),
        ("twelfth", 12),
        ("hundredth", 100),
        ("one hundred and first", 101),
        ("one hundred first", 101),
        ("65th", 65),
        ("81st", 81),
        ("sixty\u2011fifth", 65),
        ("sixty\u2013fifth", 65),
    ],
)
def test_ordinal_words_and_digits(words, number):
    """Hyphenated, spaced, capitalised, odd-dashed and digit ordinals all parse."""
    assert ordinal_to_int(words) == number


@pytest.mark.parametrize("words", ["", "sixty", "session", "fifth session", "x" * 200, "sixty-"])
def test_not_ordinals(words):
    """Cardinals, other words and garbage give None instead of raising."""
    assert ordinal_to_int(words) is None


def test_pattern_finds_ordinals_in_a_sentence():
    """ORDINAL_PATTERN finds each ordinal phrase, compound ones as a single match."""
    found = re.findall(ORDINAL_PATTERN, "at its sixty-first and seventy fifth sessions", re.I)
    assert [ordinal_to_int(f) for f in found] == [61, 75]


def test_pattern_does_not_match_inside_words():
    """Ordinal words inside other words ("firstly") are not matched."""
    assert re.findall(ORDINAL_PATTERN, "firstly, the secondment", re.I) == []


def test_cardinals():
    """Small cardinals used as counts parse from words and digits."""
    assert (cardinal_to_int("five"), cardinal_to_int("12"), cardinal_to_int("many")) == (
        5,
        12,
        None,
    )
