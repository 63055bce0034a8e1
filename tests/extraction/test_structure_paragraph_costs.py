"""The per-paragraph shortcuts of the structure stage (issue 16) give exactly what the
plain forms gave.

- A text without "*" or "_" has its leads read by ``_unmarked_lead``, which skips the
  italic check: it must equal ``_lead`` on every text without them.
- The walker looks for the next paragraph number through a table of "{n}." strings.
- ``_references`` sorts its places only when a preambular paragraph follows an operative
  one (a GA budget text); the walk otherwise lists them in text order.

Each is compared with the plain form on made texts, generated ones and the corpus; the
whole stage is compared with ``reference_structure`` in test_structure_fast_paths.py.
"""

from __future__ import annotations

import dataclasses
import functools

from hypothesis import given
from hypothesis import strategies as st

from mandates.extraction import structure
from mandates.extraction.errors import NotAResolutionError
from mandates.extraction.readers import read_bytes
from tests.extraction import reference_structure
from tests.extraction.test_structure_fast_paths import BUDGET, LEADS
from tests.shared_data import shared_path


@functools.cache
def _corpus_texts() -> list[str]:
    return [
        read_bytes(path.read_bytes(), path.name).text
        for path in sorted(shared_path("corpus").glob("*/*.txt"))
    ]


_words = st.sampled_from(
    [
        *("Recalling", "also", "Takes", "note", "with", "appreciation", "of", "Calls", "upon"),
        *("the", "Deeply", "concerned", "Requests", "further", "#", "12.", "-", ",", "  ", "\n"),
        "x" * 40,
    ]
)


def assert_same_lead(text: str) -> None:
    """_unmarked_lead is the lead as read before, on a text without "*" or "_"."""
    assert structure._unmarked_lead(text) == reference_structure.operative_verb(text)
    assert structure._lead(text) == reference_structure.operative_verb(text)


@given(st.lists(_words, max_size=14).map(" ".join))
def test_unmarked_leads_equal_the_leads(text):
    assert_same_lead(text)


def test_unmarked_leads_equal_the_leads_on_made_texts_and_the_corpus():
    for text in LEADS:
        for variant in (text, "  " + text, "## " + text, "#" + text + ";"):
            assert_same_lead(variant)
    for count in range(150, 162):  # markup that moves "note" across the 160th character
        assert_same_lead("#" * count + "Takes note of")
    for text in _corpus_texts():
        if "*" in text or "_" in text:
            continue
        for paragraph in text.split("\n"):
            assert_same_lead(paragraph)


def test_number_strings_are_the_formatted_numbers():
    assert len(structure._NUMBER_DOTS) == structure._NUMBER_DOTS_COUNT
    for number, needle in enumerate(structure._NUMBER_DOTS):
        assert needle == f"{number}."


def _outcome(module, text: str) -> object:
    try:
        return dataclasses.asdict(module.parse_structure(text, source_name="t"))
    except NotAResolutionError as error:
        return ("refused", error.reason)


def test_numbers_past_the_table_give_the_reference_structure():
    paragraphs = "\n\n".join(f"{number}. Decides;" for number in range(995, 1000))
    unnumbered = "\n\n".join(["Decides;"] * 1003)
    for body in (paragraphs, unnumbered, "999. Decides; 1000. Requests;"):
        text = "The General Assembly,\n\nRecalling its resolution 53/11,\n\n" + body + "\n"
        assert _outcome(structure, text) == _outcome(reference_structure, text)


def _places(found: structure.Structure) -> list[int]:
    return [p.span[0] for p in found.preamble] + [p.span[0] for p in found.operative]


def test_places_are_in_text_order_unless_a_preamble_follows_operative_paragraphs():
    """What the skipped sort relies on: each list in text order; and the budget text
    (a preamble after operative paragraphs) still sorted and read as before."""
    budget = structure.parse_structure(BUDGET)
    count = len(budget.preamble)
    assert _places(budget)[count - 1] > _places(budget)[count]
    assert _outcome(structure, BUDGET) == _outcome(reference_structure, BUDGET)
    for text in _corpus_texts():
        try:
            found = structure.parse_structure(text)
        except NotAResolutionError:
            continue
        preamble = [p.span[0] for p in found.preamble]
        operative = [p.span[0] for p in found.operative]
        assert preamble == sorted(preamble)
        assert operative == sorted(operative)
