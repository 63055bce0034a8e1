"""``factoring.factored``: a pattern written case by case, its alternations factored, finds
what the plain pattern finds (spans and groups), on made texts full of the characters the
rewriting turns on (case variants, the folded letters, spaces beyond ASCII) and on the
corpus, for made patterns and for every pattern the extractor compiles this way."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mandates.extraction.api  # noqa: F401 (every module, so every factored pattern)
from mandates.extraction.clauses import mask
from mandates.extraction.factoring import FACTORED, factored, rewritten
from mandates.extraction.readers import read_path
from tests.shared_data import shared_path

MADE = [
    (r"(?:requests|recalls|urges|re(?:iterates|news)\s+its\s+request)\b", re.IGNORECASE),
    (r"\b(?:to|that\s+it)\s+(?:submit|seek|sk|s)(?:s|)\b", re.IGNORECASE),
    (r"(?P<verb>(?:also\s+|further\s+)*(?:a|ab|abc|b|[a-c]x))(?:x|)", re.IGNORECASE),
    (r"(?:ab|(a)c|ad)", 0),  # a capture inside: that alternation stays as it is
    (r"[^k]s|[a-c]+?K|(?i:k)|(?-i:K)s|[^\W\d]i", re.IGNORECASE),
    (r"(?:k|s|i)(?:K|s|I)|(?:K|S)|[ks]i", re.IGNORECASE),
    (r"(?:(?:a|b)c|ad|(?:x|)y)(?=\s)|(?<=a)b|(?<!k)s(?!i)", re.IGNORECASE),
    (r"^(?:k\w+|s\d+)$|(?s:.)(?:i|I)", re.IGNORECASE | re.MULTILINE),
    (r"(?:ab++|ac{2,3}?|a(?>d|e)|a{2})", re.IGNORECASE),
    (r"(?:a|ab|abc|b|bc)(?:x|)|c", re.IGNORECASE),  # the order inside a group holds
    (r"(?:ax|[a-c]|ab)|(?:k|[jkl]|ks)", re.IGNORECASE),  # classes that meet: not grouped
]

#: The patterns the extractor compiles with ``factored``, each with its plain compile.
EXTRACTOR = [(fast, re.compile(pattern, flags)) for fast, pattern, flags in FACTORED]

PIECES = [
    "requests", "Requests", "REQUESTS", "recalls", "reiterates its request", "urges",
    "to", "that it", "submit", "seek", "also", "further", "decides", "and", "the",
    "a", "b", "c", "x", "y", "ab", "ac", "ad", "abc", "k", "K", "\u212a", "s", "S",
    "\u017f", "i", "I", "\u0130", "\u0131", "1", " ", "  ", "\n", "\u3000", "\x85", ",",
    ";", ".", ":", "(", "e\u0301", "\u00e9",
]  # fmt: skip

texts = st.lists(st.sampled_from(PIECES), max_size=14).map("".join)


def _found(pattern: re.Pattern[str], text: str) -> list:
    every = [(m.span(), m.groups()) for m in pattern.finditer(text)]
    for pos in range(len(text) + 1):
        for end in (len(text), max(pos, len(text) - 2)):
            found = pattern.match(text, pos, end)
            every.append(found and (found.span(), found.groups(), found.groupdict()))
    return every


@pytest.mark.parametrize(("pattern", "flags"), MADE)
def test_made_patterns_are_rewritten(pattern, flags):
    assert rewritten(pattern, flags)
    assert not factored(pattern, flags).flags & re.IGNORECASE


@settings(max_examples=300, deadline=None)
@given(texts)
def test_made_patterns_find_what_the_plain_ones_find(text):
    for pattern, flags in MADE:
        assert _found(factored(pattern, flags), text) == _found(re.compile(pattern, flags), text)


def test_the_extractor_factors_its_verb_patterns():
    assert len(EXTRACTOR) >= 2
    assert all(not fast.flags & re.IGNORECASE for fast, _ in EXTRACTOR)


@settings(max_examples=150, deadline=None)
@given(texts)
def test_the_extractors_factored_patterns_find_what_the_plain_ones_find(text):
    for fast, plain in EXTRACTOR:
        assert _found(fast, text) == _found(plain, text)


def test_the_extractors_factored_patterns_on_the_corpus():
    for path in sorted(shared_path("corpus").glob("*/*.txt"))[::7]:
        masked = mask(read_path(path).text)
        for fast, plain in EXTRACTOR:
            assert [(m.span(), m.groups()) for m in fast.finditer(masked)] == [
                (m.span(), m.groups()) for m in plain.finditer(masked)
            ], path.name
            for pos in range(0, len(masked), 89):
                one, other = fast.match(masked, pos), plain.match(masked, pos)
                assert (one and one.span()) == (other and other.span()), (path.name, pos)


def test_the_alternations_are_grouped_by_their_first_letter():
    written = rewritten(r"(?:requests|recalls|urges)", re.IGNORECASE)
    assert (
        written
        == "(?:[Rr](?:[Ee](?:[Qq][Uu][Ee](?i:s)[Tt](?i:s)|[Cc][Aa][Ll][Ll](?i:s)))|[Uu][Rr][Gg][Ee](?i:s))"
    )


def test_what_cannot_be_rewritten_is_compiled_as_it_is():
    assert rewritten(r"(a)\1", re.IGNORECASE) == ""  # a back-reference ignores case
    assert rewritten(r"(a)?(?(1)b|c)", 0) == ""
    assert rewritten(r"k", re.IGNORECASE | re.ASCII) == ""  # other case rules
    assert rewritten(r"(?m)^k", re.IGNORECASE) == ""  # a global flag set inside
    assert rewritten(r"\u00e0", re.IGNORECASE) == ""  # a cased letter beyond ASCII
    assert factored(r"(a)\1", re.IGNORECASE).pattern == r"(a)\1"
