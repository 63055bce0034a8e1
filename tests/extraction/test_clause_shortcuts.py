"""Shortcuts in the clause readers (issue 16, third round) give what the plain forms give:
each is compared with the form it replaced on made texts and on the corpus."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mandates.extraction.clauses import (
    _PARTNER_INTRO_RE,
    _TRAILING_AND_RE,
    _low,
    _partner_intros,
    _strip_span,
    mask,
)
from mandates.extraction.readers import read_path
from mandates.extraction.structure import parse_structure
from tests.extraction.contexts import reading_context
from tests.shared_data import shared_path

PIECES = [
    "we ", "We", "WE ", "wE", "w", "e", " ", "\n", "\t", "\u2003", "\u0130", "\u017f", "and",
    " and", ", and", "or", " or", "as", "as well as", " as  well\nas", ",", ", ", "x", "Xand",
    "\u00e9", "?", "requests", "Office",
]  # fmt: skip

made_texts = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


def _corpus_masks() -> list[str]:
    return [mask(read_path(p).text) for p in sorted(shared_path("corpus").glob("*/*.txt"))]


@pytest.fixture(scope="module")
def corpus_masks() -> list[str]:
    return _corpus_masks()


@settings(max_examples=300, deadline=None)
@given(made_texts)
def test_the_first_person_test_on_the_ascii_copy(text):
    """ "we " in the lower-cased text is "we " in the ASCII copy lower-cased (every other
    character is "?" there, and none lower-cases to "w", "e" or a space)."""
    copy = text.encode("ascii", "replace").lower()
    assert (b"we " in copy) == ("we " in text.lower())


def _low_made_late(masked: str, low_from: int) -> bytes | None:
    ctx = reading_context("")
    ctx.masked, ctx.low_from = masked, low_from
    return _low(ctx)


@settings(max_examples=200, deadline=None)
@given(made_texts, st.integers(0, 30))
def test_the_copy_made_for_the_first_person_test_is_the_late_one(text, low_from):
    masked = mask(text)
    ctx = reading_context("")
    ctx.masked, ctx.low_from = masked, low_from
    ctx.whole_low = masked.encode("ascii", "replace").lower()
    assert _low(ctx) == _low_made_late(masked, low_from)


def _strip_span_plain(masked: str, start: int, end: int) -> tuple[int, int]:
    """``_strip_span`` as it was: the trailing "and" searched in every span."""
    while start < end and masked[start] in " \n\r\t":
        start += 1
    while end > start and masked[end - 1] in " \n\r\t":
        end -= 1
    trailing = _TRAILING_AND_RE.search(masked, start, end)
    if trailing and trailing.start() > start:
        end = trailing.start()
    return start, end


@settings(max_examples=300, deadline=None)
@given(made_texts)
def test_strip_span_on_made_texts(text):
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            assert _strip_span(text, start, end) == _strip_span_plain(text, start, end)


def test_strip_span_on_the_corpus(corpus_masks):
    """Every paragraph of every corpus text, cut after each "and", "or", "as" and comma."""
    for masked in corpus_masks:
        for paragraph in parse_structure(masked).operative:
            start, end = paragraph.span
            cuts = [i for i in range(start + 1, end + 1) if masked[i - 1] in "dsr,"]
            for cut in cuts:
                assert _strip_span(masked, start, cut) == _strip_span_plain(masked, start, cut)


PARTNER_PIECES = [
    "in", "In", "IN", "close", "collaboration", "cooperation", "with", "With", "WITH", "the",
    "support", "supports", "of", "together", "jointly", "supported", "assisted", "by", " ",
    "  ", "\n", "\u2003", ",", "(", "3", "_", "\u00e9", "\u0130n", "within", "x", "-",
]  # fmt: skip

partner_texts = st.lists(st.sampled_from(PARTNER_PIECES), max_size=14).map("".join)


def _intro_spans(text: str, start: int, end: int, low_from: int) -> list[tuple[int, int]]:
    ctx = reading_context(text)
    ctx.low_from = low_from
    return [found.span() for found in _partner_intros(ctx, start, end)]


def _plain_intro_spans(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    return [found.span() for found in _PARTNER_INTRO_RE.finditer(masked, start, end)]


@settings(max_examples=400, deadline=None)
@given(partner_texts, st.integers(0, 8))
@example("x (In  close\u2003collaboration\nwith the supports of", 0)
@example("together with,jointly WITH 3in cooperation with assisted by", 2)
@example("collaboration together_within", 0)  # "with" ends the span: a word there
def test_partner_phrases_tried_at_their_words_on_made_texts(text, low_from):
    masked = mask(text)
    for start in range(0, len(masked) + 1, 2):
        for end in (len(masked), min(len(masked), start + 25)):
            plain = _plain_intro_spans(masked, start, end)
            assert _intro_spans(text, start, end, low_from) == plain, (start, end)


def test_partner_phrases_tried_at_their_words_on_the_corpus(corpus_masks):
    found = 0
    for masked in corpus_masks:
        ctx = reading_context(masked)
        for paragraph in parse_structure(masked).operative:
            start, end = paragraph.span
            for offset in range(start, end, 11):
                plain = _plain_intro_spans(ctx.masked, offset, end)
                found += len(plain)
                assert [m.span() for m in _partner_intros(ctx, offset, end)] == plain
    assert found > 1000
