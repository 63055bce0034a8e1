"""Leading verbs read from four words where they decide the phrase (issue 16).

``structure._lead`` reads four words first and returns their phrase when it ends before
the last of them (``_phrase`` reads one word past a phrase, no further); only other
phrases read six or twelve. `reference_structure.py` reads six words, or twelve, every
time: both must give the same phrase for phrases built from the words that continue one.
The words after the first two are read on two at a time from where those ended
(``_read_on``); usual verbs (``_PLAIN_VERBS``) skip their lower-casing and "Calls upon"
ends at its particle (``_CLOSING_PARTICLES``).
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


# Verbs of the shortcuts (plain verbs, verbs with closing particles) and words after them.
_SHORTCUT_WORDS = [
    *("Calls", "calls", "CALLS", "call", "Call", "upon", "on", "for", "Upon", "FOR", "also"),
    *("Requests", "REQUESTS", "requests", "Recalling", "Noting", "Bearing", "Taking", "Deeply"),
    *("further", "with", "concern", "the", "States", "Also", "once", "again", "note", "of"),
]


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_SHORTCUT_WORDS), st.sampled_from(_SEPARATORS)),
        min_size=1,
        max_size=8,
    ).map(lambda parts: "".join(word + separator for word, separator in parts)),
    st.sampled_from(["", " ", "# ", "1. "]),
)
def test_generated_shortcut_leads_equal_the_reference(text, markup):
    variant = markup + text
    assert structure.operative_verb(variant) == reference_structure.operative_verb(variant)
    assert structure.preamble_verb(variant) == reference_structure.preamble_verb(variant)


def test_plain_verbs_pass_the_usual_test_without_a_following_word():
    """A verb of _PLAIN_VERBS is its own lead when no word joins it."""
    for verb in structure._PLAIN_VERBS:
        assert reference_structure.operative_verb(verb + " the") == verb
        assert reference_structure.operative_verb(verb + " also the") != verb


@settings(max_examples=1000, deadline=None)
@given(st.text(st.sampled_from("ab-Z 1.,*\n“"), max_size=200), st.sampled_from([2, 4, 6, 12]))
def test_words_read_on_are_the_next_words_of_the_list(text, count):
    """_read_on after a _TWO_WORDS match gives what _WORD.findall gives, word for word."""
    two = structure._TWO_WORDS.match(text, 0, 160)
    if two is None:
        assert structure._WORD.findall(text[:160]) == []
        return
    words = [word for word in two.groups() if word is not None]
    structure._read_on(text, words, two.end(), count)
    assert words == structure._WORD.findall(text[:160])[:count]
