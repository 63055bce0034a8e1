"""The request stage skips a search of a span that cannot hold a match (``clauses.may_hold``,
``clauses.may_match``: none of the words every match holds is printed there, looked for in
an ASCII, lower-cased copy of the masked text). Each gate is compared with the search it
stands for on made spans (any case, characters beyond ASCII before and inside, the
characters that fold to ASCII letters) and on the corpus, and the whole extraction is
compared with the gates off."""

from __future__ import annotations

import importlib
import itertools
import random
import re

import pytest

from mandates.extraction import clauses, gates, requests
from mandates.extraction.clauses import _PARTNER_INTRO_RE, _PARTNER_WORDS, may_hold, may_match
from mandates.extraction.readers import read_path
from mandates.extraction.requests import _ADOPTS_ANNEX_RE, _CONSIDER_RE
from tests.extraction.contexts import extract_paths, reading_context
from tests.shared_data import shared_path

_parser = importlib.import_module("re._parser")
_constants = importlib.import_module("re._constants")

GATED = [_CONSIDER_RE, _ADOPTS_ANNEX_RE]

MADE_TEXTS = [
    "Requests the Office, in close Cooperation WITH the Council, to report; Decides to "
    "CONTINUE its consideration of the question at its sixtieth session",
    "\u00e9\u2014\U0001f600 Invites the Council, Supported  By the Office, to take up the "
    "matter; adopts the Programme as contained in the ANNEX to the present resolution",
    "Requests the Office to report; Decides to include in the Provisional Agenda of its "
    "sixtieth session the item; together\nwith the States, assisted by experts",
    # not plain case: a long s, a Kelvin sign, a dotted I (always searched)
    "in cooperation wi\u017fth; \u017fupported by; jointly with; Decides to remain \u017feized",
    "Decides to \u212aeep the question under review; \u0130nclude in the provisional agenda",
    "nothing here at all; only words, and more words that match none of the patterns",
]


def _branches(pattern: re.Pattern[str]) -> list:
    """The alternatives of the first alternation at the top of the pattern."""
    stack = list(_parser.parse(pattern.pattern, pattern.flags).data)
    while stack:
        op, av = stack.pop(0)
        if op is _constants.BRANCH:
            return [branch.data for branch in av[1]]
        if op is _constants.SUBPATTERN:
            stack = list(av[-1].data) + stack
    raise AssertionError("no alternation")


def test_every_partner_phrase_holds_a_partner_word():
    """Read from the pattern's parse: each alternative holds a word run that holds one of
    ``_PARTNER_WORDS`` (and none is optional)."""
    words = [word.decode() for word in _PARTNER_WORDS]
    branches = _branches(_PARTNER_INTRO_RE)
    assert len(branches) >= 6
    for branch in branches:
        found = gates._sequence(list(branch))
        assert any(all(any(w in word for w in words) for word in one) for one in found), branch


def _spans(text: str, step: int) -> list[tuple[int, int]]:
    return [(a, b) for a in range(0, len(text), step) for b in range(a, len(text) + 1, step)]


@pytest.mark.parametrize("text", MADE_TEXTS)
def test_the_gates_never_skip_a_span_that_holds_a_match(text):
    ctx = reading_context(text)
    skipped = 0
    for start, end in _spans(text, 3):
        if not may_hold(ctx, _PARTNER_WORDS, start, end):
            skipped += 1
            assert _PARTNER_INTRO_RE.search(ctx.masked, start, end) is None, (start, end)
        for pattern in GATED:
            if not may_match(ctx, pattern, start, end):
                skipped += 1
                assert pattern.search(ctx.masked, start, end) is None, (pattern, start, end)
    if clauses.plain_case(ctx.masked):
        assert skipped > 0
    else:
        assert skipped == 0


def test_the_gates_before_the_copy_begins_always_search():
    text = MADE_TEXTS[0]
    ctx = reading_context(text)
    ctx.low_from = 40
    assert may_hold(ctx, (b"zzz",), 39, len(text))
    assert not may_hold(ctx, (b"zzz",), 40, len(text))
    assert may_hold(ctx, (b"with",), 40, len(text))
    assert not may_hold(ctx, (b"with",), 40, text.index("WITH") + 3)


def test_the_gates_on_shuffled_words():
    rng = random.Random(16)
    pieces = ["in", "cooperation", "WITH", "with", "the", "support", "of", "supported", "by",
              "Decides", "to", "continue", "consideration", "include", "provisional", "agenda",
              "\u00e9", "\u2014", " ", "  ", ",", ";", "\n", "annex", "Adopts", "session"]  # fmt: skip
    for _ in range(300):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 14)))
        ctx = reading_context(text)
        for start, end in _spans(text, 5):
            if not may_hold(ctx, _PARTNER_WORDS, start, end):
                assert _PARTNER_INTRO_RE.search(ctx.masked, start, end) is None, text
            for pattern in GATED:
                if not may_match(ctx, pattern, start, end):
                    assert pattern.search(ctx.masked, start, end) is None, text


def test_the_gates_on_corpus_paragraphs():
    paths = sorted(shared_path("corpus").glob("*/*.txt"))[::5]
    skipped = 0
    for path in paths:
        text = read_path(path).text
        ctx = reading_context(text)
        ends = [found.start() for found in re.finditer(r"\n\s*\d{1,3}\.\s", text)] + [len(text)]
        for start, end in itertools.pairwise(ends):
            for middle in (start, (start + end) // 2):
                if not may_hold(ctx, _PARTNER_WORDS, middle, end):
                    skipped += 1
                    assert _PARTNER_INTRO_RE.search(ctx.masked, middle, end) is None
                for pattern in GATED:
                    if not may_match(ctx, pattern, middle, end):
                        skipped += 1
                        assert pattern.search(ctx.masked, middle, end) is None
    assert skipped > 1000


def test_extraction_is_the_same_with_the_gates_off(monkeypatch):
    paths = sorted(shared_path("corpus").glob("*/*.txt"))[::3]

    fast = extract_paths(paths)
    monkeypatch.setattr(clauses, "may_hold", lambda *args: True)
    monkeypatch.setattr(requests, "may_match", lambda *args: True)
    assert extract_paths(paths) == fast
    assert sum(len(result.deliverables) for result in fast if not isinstance(result, str)) > 100


def test_a_gate_is_found_by_the_identity_of_its_pattern():
    """``gates`` keys its gates by the compiled pattern's identity: an equal pattern compiled
    apart gets its own entry, the same words, and the same answers."""
    first = re.compile(r"\b(?:with|by)\s+the\s+support\b", re.IGNORECASE)
    second = re.compile(first.pattern + "(?:)", re.IGNORECASE)
    assert gates.gate(first) == gates.gate(second) == (("support",), ("the",))
    assert gates._GATES[id(first)][0] is first
    assert not gates.may_match(first, "With the help", "with the help")
    assert gates.may_match(second, "With the Support", "with the support")


def _starts(low: str, words: frozenset[str]) -> list[int]:
    return sorted(at for word in words for at in range(len(low)) if low.startswith(word, at))


@pytest.mark.parametrize(
    "text",
    [*MADE_TEXTS, "We request the Special Rapporteur\u00e9 We\u3000invite \u00c9Special WE"],
)
def test_the_ascii_copy_holds_the_leading_words_where_lower_does(text):
    """The keyword and first-person scans look for their leading words in ``ascii_lower``
    instead of ``str.lower``: the same offsets in a ``plain_case`` text."""
    words = clauses._KEYWORD_WORDS | requests._WE_WORDS
    if clauses.plain_case(text):
        assert _starts(clauses.ascii_lower(text), words) == _starts(text.lower(), words)
    assert len(clauses.ascii_lower(text)) == len(text)


def test_the_ascii_copy_holds_the_leading_words_where_lower_does_on_the_corpus():
    words = clauses._KEYWORD_WORDS | requests._WE_WORDS
    for path in sorted(shared_path("corpus").glob("*/*.txt"))[::7]:
        masked = clauses.mask(read_path(path).text)
        if clauses.plain_case(masked):
            low, ascii_low = masked.lower(), clauses.ascii_lower(masked)
            for word in words:
                assert [at for at in range(len(low)) if low.startswith(word, at)] == [
                    at for at in range(len(low)) if ascii_low.startswith(word, at)
                ], (path, word)


@pytest.mark.parametrize(
    "pattern",
    [*GATED, _PARTNER_INTRO_RE, re.compile(r"\w+"), re.compile(r"(?:report|brief)\s+on")],
)
def test_a_remembered_gate_is_the_one_worked_out(pattern):
    """``gates.gate`` keeps the words between runs in the pattern cache, as lines of tab-
    separated words: read back, the same sets (none for a pattern without words)."""
    assert gates._remembered_words(pattern) == gates.words(pattern.pattern, pattern.flags)
    assert gates._remembered_words(pattern) == gates._remembered_words(pattern)
