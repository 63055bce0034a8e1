"""Passes of the read stage that look only where a hint stands give the plain results.

Each function here replaces a pattern tried over the whole text (or every line) with a
look at the few places a cheap scan finds; the plain form is run beside it on invented
texts, generated ones and the corpus.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mandates.extraction import cleaning
from tests.shared_data import shared_path


def _corpus_texts() -> list[str]:
    root = shared_path("corpus")
    return [path.read_text(encoding="utf-8") for path in sorted(root.glob("*/*.txt"))]


# ------------------------------------------------------------- hyphen before a title word

TITLE_HYPHEN_TEXTS = [
    "",
    "the Comprehensive Nuclear- Test-Ban Treaty",
    "Nuclear- Test and nuclear- Test, Al- Qaida, Secretary- General",
    "A- Bc, AB- Cd, aNuclear- Test, _Nuclear- Test, éNuclear- Test, 1Nuclear- Test",
    "Nuclear- Test- Ban- Treaty- Organization",
    "- Ab at the start, Ab- Cd- Ef, Ab-- Cd, Ab- CD, Ab- C",
    "Secretary- General",
    "(Secretary- General) “Secretary- General”",
]


@pytest.mark.parametrize("text", TITLE_HYPHEN_TEXTS)
def test_title_hyphens_equal_the_substitution(text):
    assert cleaning._join_title_hyphens(text) == cleaning._HYPHEN_SPACE_TITLE.sub(r"\1-", text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["Ab", "Nuclear", "a", "B", "-", " ", "- ", "é", "_", "1", "x"])))
def test_generated_title_hyphens_equal_the_substitution(pieces):
    text = "".join(pieces)
    assert cleaning._join_title_hyphens(text) == cleaning._HYPHEN_SPACE_TITLE.sub(r"\1-", text)


def test_title_hyphens_on_the_corpus():
    for text in _corpus_texts():
        text = text.replace("-", "- ")  # every hyphen of the corpus a candidate
        expected = cleaning._HYPHEN_SPACE_TITLE.sub(r"\1-", text)
        assert cleaning._join_title_hyphens(text) == expected
