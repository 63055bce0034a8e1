"""Leading verbs read from four words where they decide the phrase (issue 16).

``structure._lead`` reads four words first and returns their phrase when it ends before
the last of them (``_phrase`` reads one word past a phrase, no further); only other
phrases read six or twelve. `reference_structure.py` reads six words, or twelve, every
time: both must give the same phrase for phrases built from the words that continue one.
Operative paragraphs are searched for inline sub-paragraphs only where a colon stands.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mandates.extraction import structure
from tests.extraction import reference_structure
from tests.extraction.test_structure_fast_paths import assert_same_structure

# Words that open or continue a phrase, and some that end one, in several cases.
_PHRASE_WORDS = [
    *("also", "Also", "further", "again", "once", "Once", "deeply", "only", "calls", "upon"),
    *("takes", "Takes", "taking", "note", "into", "account", "bearing", "in", "mind", "with"),
    *("deep", "appreciation", "concern", "of", "Requests", "the", "TAKES", "NOTE", "WITH"),
]
_SEPARATORS = [" ", " ", " ", ", ", " 12. ", "\n", " “", "-"]

_leads = st.lists(
    st.tuples(st.sampled_from(_PHRASE_WORDS), st.sampled_from(_SEPARATORS)), min_size=2, max_size=8
).map(lambda parts: "".join(word + separator for word, separator in parts))


@settings(max_examples=3000, deadline=None)
@given(_leads, st.sampled_from(["", "  ", "## ", "*"]))
def test_generated_leads_equal_the_six_word_reading(text, markup):
    variant = markup + text
    assert structure.operative_verb(variant) == reference_structure.operative_verb(variant)


def test_four_words_are_the_first_four_of_the_word_list():
    for text in (
        "",
        "a",
        "12 Also requests",
        "Calls upon-all x",
        "“Takes” note, of the",
        "a b c d e",
    ):
        for cut in range(len(text) + 1):
            head = text[:cut]
            assert structure._words(head, 4) == structure._WORD.findall(head[:160])[:4]


PHRASES = [
    "Also requests further with appreciation",
    "Takes note with appreciation of the report",
    "Also bearing in mind",
    "Once again calls upon",
    "Deeply concerned also with deep concern",
    "Requests also further again",
]


@pytest.mark.parametrize("text", PHRASES)
def test_phrases_that_reach_the_fourth_word_read_on(text):
    for variant in (text, text + " of", text + " the", "*" + text, text.upper()):
        assert structure.operative_verb(variant) == reference_structure.operative_verb(variant)


INLINE_TEXTS = [
    "The General Assembly,\n\n1. Decides as follows: (a) one, (b) two.\n\n2. Requests a report.",
    "The General Assembly,\n\n1. Decides: (i) one. (ii) two\n\n2. Notes (a) x; (b) y;",
    "The General Assembly,\n\n1. Decides as follows (a) one; (b) two;\n\n2. Decides:",
]


@pytest.mark.parametrize("text", INLINE_TEXTS)
def test_inline_subparagraphs_are_read_only_after_a_colon(text):
    """operative_paragraphs calls _inline_subparagraphs only where a colon stands."""
    assert_same_structure(text)
