"""The structure stage's third speed-up (issue 16) reads what the plain scans read.

One-line blocks from one pattern, the vote pattern tried at "v" and "b", leading verbs
from six words, whitespace collapsed by ``str.split``, and the walker's searches kept
across pieces. Each is compared with the plain reading it replaces (kept in
`reference_structure.py` and `reference_votes.py`, or written out here): on the corpus
texts as read, on their damaged copies (hard-wrapped with page furniture, CRLF, read as
Markdown; see test_structure_fast_paths.py) and on small samples made to reach the
corners (unusual spaces, blocks of several lines, texts cut short).
"""

from __future__ import annotations

import pytest

from mandates.extraction import header, structure, votes
from tests.extraction import reference_structure, reference_votes
from tests.extraction.test_structure_fast_paths import _corpus_documents

# ------------------------------------------------------------------------- pieces

PIECE_TEXTS = [
    "",
    "\n\n",
    "One line",
    "One line\n",
    "  \tIndented line  \n\nNext\t \n",
    "Trailing unusual spaces\u00a0\u2003\x0b\x1c\n\nNext\u3000",
    "\rStarts with a carriage return\r\n\r\nCRLF paragraph\r\n",
    "\x0cForm feed first\n\n \x0c \n\nAfter a blank-looking line",
    "Two lines\nof one block\n\nthen one",
    "First block;\n1. Requests a report;\n\n45th meeting\n7 July 2025\n",
    "Recalling its resolution,\n(a) lettered;\n  \nAnnex\nText",
    "Last line without end  ",
    "a\n \nb\n\t\nc",
    "x\n\u00a0y\n\nz",
]


@pytest.mark.parametrize("text", PIECE_TEXTS)
def test_pieces_equal_the_block_scan(text):
    for start in range(0, len(text) + 1):
        for end in {len(text), max(start, len(text) - 3)}:
            assert structure._pieces(text, start, end) == reference_structure._pieces(
                text, start, end
            )


def test_corpus_pieces_equal_the_block_scan():
    for text, _ in _corpus_documents():
        assert structure._pieces(text, 0, len(text)) == reference_structure._pieces(
            text, 0, len(text)
        )


# -------------------------------------------------------------------------- votes

VOTE_TAILS = [
    "",
    "[Adopted without a vote.]",
    "[Adopted by a recorded vote of 30 to 16, with 1 abstention.]",
    "[Adopted by 120 votes to 10, with 5 abstentions.]",
    "adopted by a vote of 47 to 0",
    "recorded vote of 30 to none and no abstentions",
    "standby 12 votes to 3",  # "by" inside a word
    "devote of 12 to 3, vote of 4 to 5",  # "vote" inside a word, then a vote
    "by 12 votes to 3 ... vote of 1 to 2",
    "Vote of 12 to 3",  # capital: no vote
    "by  7\nvotes\tto 2",
    "[Adopted by a recorded vote of 3 to 1, with 0 abstentions. The voting was as follows:\n"
    "In favour:\nChile and Peru\nAgainst:\nFiji]",
]


@pytest.mark.parametrize("tail", VOTE_TAILS)
def test_votes_equal_the_plain_search(tail):
    for start in range(len(tail) + 1):
        assert votes.parse_vote(tail[start:]) == reference_votes.parse_vote(tail[start:])


def test_corpus_votes_equal_the_plain_search():
    for text, _ in _corpus_documents():
        for size in (400, 3000):
            assert votes.parse_vote(text[-size:]) == reference_votes.parse_vote(text[-size:])


# ------------------------------------------------------------------ leading verbs

# Phrases that end on or around the sixth word, where the short read gives way to twelve.
LONG_LEADS = [
    "Also calls upon all States",
    "Once again strongly urges",
    "Also further again strongly urges all",
    "Taking note with deep appreciation also of",
    "Takes note with deep appreciation of the",
    "Takes note also further again of the report",
    "Takes note also further again moreover of",
    "Notes with deep grave serious concern great alarm",
    "Notes with deep grave serious concern",
    "Notes with deep grave serious",
    "Recalling also further again moreover likewise",
    "Deeply gravely seriously concerned also with concern",
    "Bearing in mind also further",
    "Calls also further upon",
    "Takes further also note of",
    "Also requests further with",
    "Also requests further with appreciation",
    "a b c d e f",
    "Also also also also also also also",
]


@pytest.mark.parametrize("text", LONG_LEADS)
def test_long_leads_equal_the_twelve_word_reading(text):
    for variant in (text, text + " of", text + ", 12. the", "*" + text, text.upper()):
        for cut in range(len(variant) + 1):
            head = variant[:cut]
            assert structure.operative_verb(head) == reference_structure.operative_verb(head)


def test_corpus_leads_equal_the_twelve_word_reading():
    for text, _ in _corpus_documents()[::4]:
        for paragraph in text.split("\n\n"):
            assert structure.operative_verb(paragraph) == reference_structure.operative_verb(
                paragraph
            )


# --------------------------------------------------------- flattened whitespace

SPACES = "".join(chr(code) for code in range(0x3001) if chr(code).isspace())


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "a",
        " a ",
        "a  b",
        SPACES,
        f"x{SPACES}y{SPACES}",
        "**59/3.**\tTitle\u2028of\u00a0it",
    ],
)
def test_flatten_and_country_lists_equal_the_substitution(text):
    plain = header._SPACE.sub(" ", header._MARKUP.sub(" ", text)).strip()
    assert header.flatten(text) == plain
    names = f"[Chile,{text}Peru{SPACES}and Trinidad and Tobago (x, y),\x00 Fiji\x00]"
    assert votes.split_countries(names) == reference_votes.split_countries(names)


def test_corpus_flattened_headers_equal_the_substitution():
    for text, _ in _corpus_documents():
        head = text[:3000]
        assert (
            header.flatten(head)
            == header._SPACE.sub(
                " ", header._MARKUP.sub(" ", head) if "*" in head or "_" in head else head
            ).strip()
        )


# ------------------------------------------------- searches kept across pieces


def _kept_searches_agree(text: str, spans: list[tuple[int, int]]) -> None:
    """The places the walker keeps (searched again only once passed) tell, for pieces in
    text order, what a search of each piece finds."""
    kept = {needle: -1 for needle in ("1.", "meeting", "[")}
    for s, e in spans:
        for needle, place in kept.items():
            if place < s:
                place = kept[needle] = structure._find_from(text, needle, s)
            assert (place + len(needle) <= e) == (text.find(needle, s, e) != -1)


HINT_TEXTS = [
    "",
    "Recalling its resolution, Noting the report,",
    "a, *_ \n *_Bc, d,\tE",
    "x,, ,A ,\n\nB, c",
    "1.1. meeting[meeting [1.",
    ", A",
    "Noting,  ",
]


@pytest.mark.parametrize("text", HINT_TEXTS)
def test_kept_searches_equal_the_searches_of_each_piece(text):
    size = len(text)
    for width in range(1, size + 1):
        for step in (1, 2, width):
            spans = [(s, min(size, s + width)) for s in range(0, size, step)]
            _kept_searches_agree(text, spans)
            _kept_searches_agree(text, [(s, min(size, s + 1 + s % 5)) for s in range(size)])


def test_corpus_kept_searches_equal_the_searches_of_each_piece():
    for text, _ in _corpus_documents():
        pieces = structure._pieces(text, 0, len(text))
        _kept_searches_agree(text, pieces)
        # the parts of cut pieces: starts rise, ends fall back
        _kept_searches_agree(text, [(s, (s + e) // 2) for s, e in pieces])
