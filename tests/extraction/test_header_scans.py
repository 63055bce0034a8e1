"""Header and reference searches begun where a match can start (issue 16).

``header._sessions`` starts the session pattern four words before the first "session",
``header._adopted_by`` the adoption pattern 12 characters before the first "dopted" of a
flattened text, ``header._sc_number`` tries the Council's number at each "Resolution",
and ``references.resolutions`` collapses the white space of a Security Council number
only when it holds some other than one space. Each is compared with the plain search it
replaces, on the corpus headers and on generated texts.
"""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from mandates.extraction import header, references
from tests.extraction import reference_header, reference_references
from tests.extraction.test_structure_fast_paths import _corpus_documents

_WORDS = [
    *("Fifty-ninth", "fifty", "ninth", "session", "sessions", "intersessional", "special"),
    *("emergency", "Tenth", "tenth", "Resolution", "resolution", "adopted", "Adopted", "by"),
    *("the", "General", "Assembly", "Human", "Rights", "Council", "on", "1", "July", "2025"),
    *("(", "-", "x", "*", "ES-10/2", "2334", "(2016)", "and", "resolutions", "(2016"),
    *("59/3.", "ES-", "S-", "1234/", "12", ".", "/", "A/70/L.1", "<b>", "</b>"),
]
_texts = st.lists(
    st.tuples(st.sampled_from(_WORDS), st.sampled_from([" ", "  ", "\n", "-", "", " \t "])),
    max_size=14,
).map(lambda parts: "".join(word + space for word, space in parts))


def _spans(matches) -> list[tuple]:
    return [(match.span(), match.groups()) for match in matches]


def _assert_same_searches(text: str) -> None:
    assert _spans(header._sessions(text)) == _spans(header._SESSION.finditer(text))
    flat = header.flatten(text)
    assert _spans(header._sessions(flat)) == _spans(header._SESSION.finditer(flat))
    assert _spans(filter(None, [header._adopted_by(flat)])) == _spans(
        filter(None, [header._ADOPTED_BY.search(flat)])
    )
    for body in ("GA", "HRC", None):
        found, expected = header.Header(body=body), reference_header.Header(body=body)
        header._number_and_title(text, found)
        reference_header._number_and_title(text, expected)
        assert dataclasses.asdict(found) == dataclasses.asdict(expected)
    for searched in (text, flat):
        assert _spans(filter(None, [header._sc_number(searched)])) == _spans(
            filter(None, [header._SC_NUMBER.search(searched)])
        )


@settings(max_examples=1500, deadline=None)
@given(_texts)
def test_generated_header_searches_equal_the_plain_searches(text):
    _assert_same_searches(text)
    assert list(references.resolutions(text)) == list(reference_references.resolutions(text))


def test_corpus_header_searches_equal_the_plain_searches():
    for text, _ in _corpus_documents():
        _assert_same_searches(text[:3000])


def test_council_numbers_keep_their_white_space_collapsed():
    for space in (" ", "\n", "\u00a0", "\t"):
        text = f"Recalling its resolutions 2334{space}(2016) and 2335{space}(2017),"
        assert list(references.resolutions(text)) == list(reference_references.resolutions(text))


def test_searches_with_matches_past_the_first_place_looked_at():
    for text in (
        "x ES-1234/12. Title",
        "ES-10/2. Title",
        "A/RES/ES-10/2. Title",
        "Resolution adopted by the Security Council. Resolution 2334 (2016)",
        "Resolution Resolution  2334\n(2016) Resolution 12 (2000)",
        "xResolution 1 (2000) Resolution 2 (2001)",
    ):
        _assert_same_searches(text)
