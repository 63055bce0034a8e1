"""Fast paths of turning a request into deliverables (events, kinds, deadlines, building)
give what the slow paths give: the word gates never skip a span a pattern matches in, the
gated extractor reads the corpus as the ungated one does, and the patterns compiled on
first use or from their opening are the ones compiled before."""

from __future__ import annotations

import functools
import importlib
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mandates.extraction import (
    building,
    deadlines,
    events,
    gates,
    guards,
    kinds,
    pairing,
)
from mandates.extraction.actors import ActorTable
from mandates.extraction.api import extract_file
from mandates.extraction.clauses import mask
from mandates.extraction.errors import ExtractionError
from mandates.extraction.guards import guarded
from tests.shared_data import shared_path

#: The patterns a word gate skips (events, building).
GATED = [
    kinds.VERB_PRODUCT_RE,
    events._NEXT_REPORT_RE,
    building._DELEGATE_RE,
    building._PROGRAMME_RE,
]


def _everything() -> str:
    return "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)


def test_the_odd_folds_are_what_a_case_insensitive_ascii_letter_matches_beyond_ascii():
    everything = _everything()
    found = set()
    for letter in "abcdefghijklmnopqrstuvwxyz":
        found |= set(re.findall(letter, everything, re.IGNORECASE))
    assert found - set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") == set(
        gates.ODD_FOLDS
    )


def test_lower_case_makes_an_ascii_letter_only_of_ascii_letters_and_odd_folds():
    """What ``in`` on the lower-cased span relies on: no other character lower-cases to an
    ASCII letter (the dotted capital I gives "i" and a combining dot)."""
    letters = set("abcdefghijklmnopqrstuvwxyz")
    for char in _everything():
        if not char.isascii() and letters & set(char.lower()):
            assert char in gates.ODD_FOLDS, hex(ord(char))


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\breport(?:s|ing)?\b", (("report",),)),
        (r"\b(?:to|and)\s+(?:submit|present)\s+reports?", (("report",), ("present", "submit"))),
        (r"(?i:Forum)\s+(?-i:on)", (("forum",),)),  # case does not matter: lower-cased
        (r"(?:a|b)?report", (("report",),)),  # optional items require nothing
        (r"(?:reports?|\w+ing)", (("report", "ing"),)),
        (r"(?:reports?|\w+)", ()),  # a branch without a word: no gate
        (r"x{0,3}", ()),
        (r"(?=annual)\w+", ()),  # a lookahead consumes nothing: not required here
        (r"\s+and\s+", (("and",),)),
        (r"\s+(?:to|and)\s+", ()),  # words shorter than three letters are in every span
        (r"(?:report|brief){1,2}", (("report", "brief"),)),
        (r"(?:(?:meeting|summits?)|forums?)", (("meeting", "summit", "forum"),)),
    ],
)
def test_words_are_what_every_match_holds(pattern, expected):
    assert gates.words(pattern, re.IGNORECASE) == expected


def test_a_word_holding_another_is_left_out():
    assert gates.words(r"(?:report|reports|reporting)") == (("report",),)


SPANS = [
    "to submit a report to the Council at its next session",
    "to keep the Assembly informed of progress",
    "TO BRIEF THE COUNCIL",
    "to \u212aeep the Assembly informed",  # the Kelvin sign folds to "k"
    "to re\u017fpond and to \u0130nform the Council",  # long s, dotted I
    "to provide in his next report information on",
    "to include, as appropriate, in his forthcoming annual report",
    "invites the Special Rapporteur to consider the programme of work",
    "and to ask the Office",
    "",
]


@pytest.mark.parametrize("pattern", GATED)
@pytest.mark.parametrize("text", SPANS)
def test_the_gate_never_skips_a_span_the_pattern_matches_in(pattern, text):
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            span = text[start:end]
            if pattern.search(text, start, end):
                assert gates.may_match(pattern, span, span.lower()), (start, end)


def test_a_span_is_scanned_when_only_an_odd_fold_spells_the_word():
    span = "to con\u017fult States"  # long s: lower() keeps it, the pattern matches it
    assert kinds.VERB_PRODUCT_RE.search(span)
    assert "consult" not in span.lower()
    assert gates.may_match(kinds.VERB_PRODUCT_RE, span, span.lower())
    assert not gates.may_match(kinds.VERB_PRODUCT_RE, "to see them", "to see them")


_WORDS = [
    "to", "and", "report", "REPORT", "next", "annual", "update", "keep", "inform", "brief",
    "the", "Council", "Assembly", "informed", "consult", "study", "include", "in", "his",
    "programme", "of", "work", "invite", "ask", "urge", "States", "\u212aeep",
    "\u0130nform", "\u017ftudy", "con\u017fult", "apprı\u017fe",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=14), st.sampled_from([" ", "  ", ", ", "\n"]))
def test_the_gates_hold_on_generated_texts(words, separator):
    text = separator.join(words)
    for pattern in GATED:
        if pattern.search(text):
            assert gates.may_match(pattern, text, text.lower())


def test_the_gates_hold_on_every_corpus_request_span(corpus_spans):
    spans = corpus_spans
    assert len(spans) > 1000
    for masked, z0, z1 in spans:
        span = masked[z0:z1]
        for pattern in GATED:
            if pattern.search(masked, z0, z1):
                assert gates.may_match(pattern, span, span.lower())


@pytest.fixture(scope="module")
def corpus_spans() -> list[tuple[str, int, int]]:
    """The corpus request spans, read once for the tests of this module."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        return _corpus_spans(monkeypatch)


def _corpus_spans(monkeypatch) -> list[tuple[str, int, int]]:
    """(masked text, start, end) of every request span the builder reads events in."""
    spans: list[tuple[str, int, int]] = []
    original = building._events

    def spy(hits, z0, z1, ctx, **options):
        spans.append((ctx.masked, z0, z1))
        return original(hits, z0, z1, ctx, **options)

    monkeypatch.setattr(building, "_events", spy)
    # every span, a State's without a date too (the builder stops before reading those,
    # and the request clause before looking for their infinitive)
    monkeypatch.setattr(building, "may_name_date", lambda *args: True)
    for path in sorted(shared_path("corpus").glob("*/*.txt")):
        _extract(path)
    monkeypatch.setattr(building, "_events", original)
    return spans


def _extract(path) -> str:
    try:
        result = extract_file(path)
    except ExtractionError as error:
        return f"refused: {error}"
    return json.dumps(result.to_dict(include_text=True), sort_keys=True, default=str)


def test_the_gated_extractor_reads_the_corpus_as_the_ungated_one(monkeypatch):
    """Every gate open (the month test run on every span too): the same results."""
    paths = sorted(shared_path("corpus").glob("*/*.txt"))[::3]

    def results() -> list[str]:
        return [_extract(path) for path in paths]

    gated = results()
    monkeypatch.setattr(events, "may_match", lambda *_: True)
    monkeypatch.setattr(building, "may_match", lambda *_: True)
    monkeypatch.setattr(events, "_DIGIT_RE", re.compile(""))
    assert results() == gated


def test_a_noun_kind_is_the_group_that_matched():
    """``lastgroup`` names the product-noun group of a NOUN_WORD_RE match: the same kind as
    looking through every group."""
    text = mask(
        "to submit an oral update and reports, to convene two seminars, a panel discussion, "
        "high-level meetings, interactive dialogues, a study, consultations, guidelines, a "
        "compilation, a compendium, updates to the Council, information on X, summaries of "
        "views, notes by the Secretariat, texts of the draft convention"
    )
    matches = list(kinds.NOUN_WORD_RE.finditer(text))
    assert len(matches) > 15
    for found in matches:
        slow = next(k for g, k in kinds._KIND_OF_GROUP.items() if found.group(g))
        assert kinds._KIND_OF_GROUP[found.lastgroup or ""] == slow


def test_noun_kinds_on_the_corpus(corpus_spans):
    for masked, z0, z1 in corpus_spans[::2]:
        for found in kinds.NOUN_WORD_RE.finditer(masked, z0, z1):
            slow = next(k for g, k in kinds._KIND_OF_GROUP.items() if found.group(g))
            assert kinds._KIND_OF_GROUP[found.lastgroup or ""] == slow


# --- patterns compiled on first use or from their opening -----------------------------


def test_the_session_pattern_is_the_guarded_one():
    """Its lookahead comes from the opening alone: the same text as guarding the whole."""
    whole = guarded(deadlines._SESSION, re.IGNORECASE, length=3)
    assert deadlines.SESSION_RE.pattern == whole.pattern
    assert deadlines.SESSION_RE.flags == whole.flags


def test_the_verb_before_a_noun_is_compiled_on_first_use_and_read_as_before():
    assert kinds.preceded_by_verb("to prepare and submit ", 22, 0)
    assert kinds.preceded_by_verb("to prepare, ", 12, 0)
    assert not kinds.preceded_by_verb("on the basis of ", 16, 0)
    assert kinds._verb_before_re() is kinds._verb_before_re()


def test_that_session_and_the_lists_of_bodies_still_read():
    masked = mask(
        "Decides to include in the provisional agenda of its sixty-first session an item, "
        "and requests the Secretary-General to submit a report at that session"
    )
    start = masked.index("to submit")
    ctx = events.ReadingContext(
        text=masked,
        masked=masked,
        body="HRC",
        session=58,
        table=ActorTable.default(),
        mechanisms=None,
    )
    found = events._that_session(masked, start, len(masked), ctx)
    assert [(m.body, m.sessions) for m in found] == [("HRC", [61])]
    text = (
        "to submit reports to the General Assembly and the Human Rights Council at their "
        "eighty-first and sixty-fourth sessions, respectively"
    )
    [mention] = deadlines.find_sessions(text, 0, len(text), body="HRC", session=58)
    assert mention.bodies == ["GA", "HRC"] and mention.sessions == [81, 64]


# --- no product match, no events -------------------------------------------------------


def _products_read_in_full(z0, z1, ctx, **options) -> list:
    """What pairing gives when every event of the span is read (no early return)."""
    hits = events.product_hits(ctx.masked, z0, z1, decide=options["decide"])
    return pairing._pair(events.events_of(hits, z0, z1, ctx, **options), ctx.masked)


def test_a_span_without_a_product_match_pairs_to_nothing_on_the_corpus(monkeypatch):
    """Every corpus request span: the products paired from ``_events`` (which returns no
    events when no product matches, or none names a product) are those paired from all of
    the span's events."""
    compared = empty = 0
    original = building._events

    def both(hits, z0, z1, ctx, **options):
        nonlocal compared, empty
        fast = original(hits, z0, z1, ctx, **options)
        assert pairing._pair(list(fast), ctx.masked) == _products_read_in_full(
            z0, z1, ctx, **options
        ), ctx.masked[z0:z1]
        compared += 1
        empty += not fast
        return original(hits, z0, z1, ctx, **options)

    monkeypatch.setattr(building, "_events", both)
    monkeypatch.setattr(building, "may_name_date", lambda *args: True)  # every span
    for path in sorted(shared_path("corpus").glob("*/*.txt")):
        _extract(path)
    assert compared > 3000 and 1000 < empty < compared


@pytest.mark.parametrize(
    "span",
    [
        "to ensure that the Council is apprised at its sixty-first session, by 1 May 2026",
        "to continue to support the work of the Council annually and to the Assembly",
        "to submit at its sixtieth session, and by 1 June 2026, to the General Assembly",
        "to cooperate fully with the Council every year until 31 December 2027",
    ],
)
def test_sessions_dates_and_bodies_without_a_product_pair_to_nothing(span):
    """Deadlines, bodies and recurrence with no product named: no events, no products."""
    masked = mask(span)
    ctx = events.ReadingContext(
        text=span, masked=masked, body="HRC", session=58, table=ActorTable.default(),
        mechanisms=None,
    )  # fmt: skip
    for decide in (False, True):
        hits = events.product_hits(masked, 0, len(masked), decide=decide)
        assert not hits
        assert events._events(hits, 0, len(masked), ctx, decide=decide) == []
        every = events.events_of(hits, 0, len(masked), ctx, decide=decide)
        assert every  # the span holds sessions, dates or bodies ...
        assert pairing._pair(every, masked) == []  # ... and pairing makes nothing of them


# --- product nouns that name no product ------------------------------------------------


def _span_context(span: str) -> tuple[events.ReadingContext, int]:
    """A reading context for ``span`` after two characters (the lower-cased scans read the
    one before a span), and where the span starts."""
    text = "x " + span
    ctx = events.ReadingContext(
        text=text, masked=mask(text), body="HRC", session=58, table=ActorTable.default(),
        mechanisms=None,
    )  # fmt: skip
    return ctx, 2


def _named_products(span: str, *, decide: bool, subject: bool) -> tuple[bool, list]:
    """Whether the span has product matches and ``_may_name_product`` lets its events be
    read, and the products and weak products every event of the span gives (``events_of``,
    no early return)."""
    ctx, z0 = _span_context(span)
    z1 = len(ctx.masked)
    hits = events.product_hits(ctx.masked, z0, z1, decide=decide)
    may = bool(hits) and events._may_name_product(
        hits, z0, ctx.masked, decide=decide, subject=subject
    )
    every = events.events_of(hits, z0, z1, ctx, decide=decide, subject=subject)
    named = [e for e in every if e.type in (events.EventType.PRODUCT, events.EventType.WEAK)]
    if not may:
        assert events._events(hits, z0, z1, ctx, decide=decide, subject=subject) == []
    return may, named


@pytest.mark.parametrize(
    ("span", "decide"),
    [
        (
            "to take into account the report of the Special Rapporteur at its sixtieth session",
            False,
        ),
        ("to consider his report and to cooperate with the Council", False),
        ("to implement the recommendations contained in the study", False),
        ("to consider the report annually", False),
        ("to cooperate with the mandate holder on guidelines", False),
        ("to continue its work on proposals", False),
        ("to distribute his report at its sixtieth session", True),
    ],
)
def test_a_span_whose_nouns_name_no_product_reads_no_events(span, decide):
    """A definite noun after no production verb (its own possessive when no session is
    named), a noun a verb applies, a bare plural glued to no session, a report after
    "decides": no products, and the sessions, dates and bodies go unread."""
    ctx, z0 = _span_context(span)
    assert events.product_hits(ctx.masked, z0, len(ctx.masked), decide=decide)
    may, named = _named_products(span, decide=decide, subject=False)
    assert not may and named == []


@pytest.mark.parametrize(
    "span",
    [
        "to consider, at its sixtieth session, proposals",
        "to consider, at its sixtieth session, his report",
        "to contribute to a workshop and to a compilation",
        "to prepare a report",
    ],
)
def test_a_span_that_may_name_a_product_reads_its_events(span):
    may, named = _named_products(span, decide=False, subject=False)
    assert may and named


_VERBS = ["to consider", "to implement", "to submit", "to contribute to", "and to present", ""]
_DETS = ["the", "his", "its", "a", "all the", ""]
_NOUNS = ["report", "study", "recommendations", "proposals", "workshop", "briefing", "toolkit"]
_AFTER = ["at its sixtieth session,", "by 1 May 2026", "annually", "to the Council", "on X", ""]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(*(st.sampled_from(words) for words in (_VERBS, _DETS, _NOUNS, _AFTER))),
        min_size=1,
        max_size=3,
    ),
    st.booleans(),
    st.booleans(),
)
def test_a_span_refused_names_no_product(phrases, decide, subject):
    """Made spans: wherever ``_may_name_product`` refuses, every event read names none."""
    span = " ".join(" ".join(word for word in phrase if word) for phrase in phrases)
    may, named = _named_products(span, decide=decide, subject=subject)
    assert may or named == []


# --- tails before a noun searched from the last stop --------------------------------------

_sre_parser = importlib.import_module("re._parser")
_sre = importlib.import_module("re._constants")


def _can_consume(items, char: str, ignore_case: bool) -> bool:
    """Whether a match of the parsed ``items`` can consume ``char`` (lookarounds consume
    nothing; a negated class or any other item we do not read counts as yes)."""
    for op, av in items:
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue
        if op is _sre.LITERAL:
            if chr(av) == char or (ignore_case and chr(av).lower() == char.lower()):
                return True
        elif op is _sre.IN:
            if _class_holds(av, char):
                return True
        elif op is _sre.SUBPATTERN:
            flags = (ignore_case or bool(av[1] & re.IGNORECASE)) and not av[2] & re.IGNORECASE
            if _can_consume(av[3].data, char, flags):
                return True
        elif op is _sre.BRANCH:
            if any(_can_consume(branch.data, char, ignore_case) for branch in av[1]):
                return True
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            if _can_consume(av[2].data, char, ignore_case):
                return True
        else:
            return True
    return False


def _class_holds(items, char: str) -> bool:
    for op, av in items:
        if op is _sre.LITERAL and chr(av) == char:
            return True
        if op is _sre.RANGE and av[0] <= ord(char) <= av[1]:
            return True
        if op is _sre.CATEGORY and re.fullmatch(_CATEGORY_RE[av], char):
            return True
        if op not in (_sre.LITERAL, _sre.RANGE, _sre.CATEGORY):
            return True  # a negated class: anything
    return False


_CATEGORY_RE = {
    _sre.CATEGORY_DIGIT: r"\d",
    _sre.CATEGORY_NOT_DIGIT: r"\D",
    _sre.CATEGORY_SPACE: r"\s",
    _sre.CATEGORY_NOT_SPACE: r"\S",
    _sre.CATEGORY_WORD: r"\w",
    _sre.CATEGORY_NOT_WORD: r"\W",
}


@pytest.mark.parametrize("pattern", [kinds._DET_TAIL_RE, kinds._VERB_TAIL_RE])
def test_no_tail_match_holds_a_stop(pattern):
    """What ``tail_floor`` relies on, read from the parsed pattern (so from the lexicon)."""
    tree = _sre_parser.parse(pattern.pattern, pattern.flags)
    ignore_case = bool(pattern.flags & re.IGNORECASE)
    for char in kinds.TAIL_STOPS:
        assert not _can_consume(tree.data, char, ignore_case), char
    assert _can_consume(tree.data, "-", ignore_case)  # the walk does see what it holds


@pytest.mark.parametrize(
    ("pattern", "holds"),
    [
        (r"a,b", True),
        (r"[^a]+", True),
        (r"(?:x|(?i:,))+", True),
        (r"\W", True),
        (r"\w+\s", False),
        (r"(?=,)a(?!,)", False),
        (r"[a-z\-]+", False),
    ],
)
def test_the_walk_sees_what_a_pattern_can_hold(pattern, holds):
    assert _can_consume(_sre_parser.parse(pattern).data, ",", False) is holds


def test_tail_searches_from_the_floor_find_what_the_whole_window_finds(corpus_spans):
    """Every noun of every corpus request span, and made windows: the same tail."""
    windows = [(masked, z0, hit.start()) for masked, z0, z1 in corpus_spans
               for hit in kinds.NOUN_WORD_RE.finditer(masked, z0, z1)]  # fmt: skip
    made = "to prepare, in consultation with States (including a, b. and c): an annual report"
    windows += [(made, 0, end) for end in range(len(made) + 1)]
    # commas between modifiers, and commas the floor may stop at
    for made in (
        "to submit, as requested, a concise, action-oriented, brief and in-depth report",
        "by 1 October 2027, a final report, and periodic, detailed, in-depth updates",
        "to provide its concise, annual, periodic, thematic reports",
    ):
        windows += [(made, 0, end) for end in range(len(made) + 1)]
    assert len(windows) > 3000
    shortened = 0
    for masked, z0, end in windows:
        low = max(z0, end - 120)
        floor = kinds.tail_floor(masked, low, end)
        shortened += floor > low
        for pattern in (kinds._DET_TAIL_RE, kinds._VERB_TAIL_RE):
            whole, short = pattern.search(masked, low, end), pattern.search(masked, floor, end)
            assert (whole and (whole.span(), whole.groupdict())) == (
                short and (short.span(), short.groupdict())
            ), masked[low:end]
    assert shortened > len(windows) // 3


# --- product nouns found in the lower-cased span ----------------------------------------


def _nouns_scanned_in_the_text(masked: str, z0: int, z1: int) -> list:
    return [(f.start(), f.end(), f.lastgroup) for f in kinds.NOUN_WORD_RE.finditer(masked, z0, z1)]


NOUN_SAMPLES = [
    "to submit a Report and two STUDIES, an oral update and a panel discussion",
    "subreports, reportage, reports-based and re-reports; notes verbales and a note",
    "updates to the Council, an update of the database; Guidelines, web site, webpages",
    "day of general discussion, days  of general discussion, high-level meetings",
    "to con\u017fult: con\u017fultations, \u017ftudies and STUDIE\u017f",  # long s: not ASCII
    "\u0130nformation on the report",  # dotted capital I: lower-casing adds a character
    "reports\u2010based analyses, a summary of views, results of the review",
]


@pytest.mark.parametrize("text", NOUN_SAMPLES)
def test_nouns_of_the_lower_cased_span_are_those_of_the_text(text):
    """Every span of the samples (so every start, with a word character before it or not)."""
    for z0 in range(len(text) + 1):
        for z1 in range(z0, len(text) + 1, 7):
            assert kinds.noun_words(text, z0, z1) == _nouns_scanned_in_the_text(text, z0, z1)


def test_the_lower_cased_scan_is_taken_and_finds_the_nouns():
    text = NOUN_SAMPLES[0]
    found = kinds.noun_words(text, 3, len(text))
    assert [text[a:b] for a, b, _ in found] == [
        "Report", "STUDIES", "oral update", "panel discussion"
    ]  # fmt: skip
    assert text[3:].isascii()


def test_nouns_of_the_lower_cased_span_on_the_corpus(corpus_spans):
    spans = corpus_spans
    assert len(spans) > 3000
    for masked, z0, z1 in spans:
        assert kinds.noun_words(masked, z0, z1) == _nouns_scanned_in_the_text(masked, z0, z1)


def test_lower_casing_keeps_word_characters_and_only_the_dotted_i_changes_length():
    """What the word boundary of the lower-cased scan relies on, over every code point."""
    for char in _everything():
        low = char.lower()
        if len(low) != 1:
            assert char == "\u0130"
            continue
        assert bool(re.match(r"\w", char)) == bool(re.match(r"\w", low)), hex(ord(char))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["report", "Reports", "oral", "UPDATE", "update", "studies", "panel", "discussion",
             "the", "to", "of", "Council", "day", "general", "web", "site", "note", "verbale",
             "meetings", "high-level", "sub", "-", "\u2010", "s", "a"]
        ),
        max_size=12,
    ),
    st.sampled_from([" ", "  ", "", ", ", "\n"]),
)  # fmt: skip
def test_nouns_of_the_lower_cased_span_on_generated_texts(words, separator):
    text = separator.join(words)
    for z0 in range(0, len(text) + 1, 3):
        assert kinds.noun_words(text, z0, len(text)) == _nouns_scanned_in_the_text(
            text, z0, len(text)
        )


@pytest.mark.parametrize(
    "pattern",
    [r"\b(?:reports?|oral\s+updates?|day\s+of|Web\s*site)\b", r"(?:[Ii]nform|\u017ftudy|KEEP)"],
)
def test_the_lower_cased_guard_holds_wherever_a_match_begins(pattern):
    lookahead = re.compile(guards.lower_guard(pattern, re.IGNORECASE, 5))
    text = "Reports, ORAL  UPDATES, day of, web site, WebSite, inform, \u017ftudy, keep, Keep"
    low = text.lower()
    assert len(low) == len(text)
    begins = [found.start() for found in re.finditer(pattern, text, re.IGNORECASE)]
    assert len(begins) >= 4
    for start in begins:
        assert lookahead.match(low, start), text[start:]


# --- a session mentioned after a product in passing: the last word first ----------------


def _belongs_to_reference_plain(masked: str, floor: int, start: int) -> bool:
    """``events._belongs_to_reference`` without the test of the window's last word."""
    window = masked[max(floor, start - 160) : start]
    found = events._REFERENCE_RE.search(window)
    if not found:
        return False
    before = window[: found.start()].rstrip()
    if events._INCLUDE_IN_RE.search(before):
        return False
    return not events._ANAPHOR_VERB_RE.search(before + " ")


REFERENCE_SAMPLES = [
    "to report on the outcome of the panel discussion to be convened  at its next session",
    "the seminars, scheduled to take place at its sixtieth session",
    "the meeting which will be HELD\tat its session",
    "its forum, planned\nat its session",
    "the workshop \u017fcheduled at its session",  # long s: the regex reads "s"
    "to include in his next report, to be submitted at the session",
    "and to present the report to be considered at the session",
    "the conference to take place, at its session",
    "the study held, at",
]


@pytest.mark.parametrize("text", REFERENCE_SAMPLES)
def test_a_reference_is_read_as_before_at_every_start(text):
    found = 0
    for floor in (0, 5):
        for start in range(len(text) + 1):
            plain = _belongs_to_reference_plain(text, floor, start)
            assert events._belongs_to_reference(text, floor, start) == plain, (floor, start)
            found += plain
    assert found or "include" in text or "present" in text or "," in text


def test_a_reference_is_read_as_before_on_the_corpus(corpus_spans):
    compared = 0
    for masked, z0, z1 in corpus_spans[::3]:
        for word in re.finditer(r"\s(?=\S)", masked[z0:z1]):
            start = z0 + word.end()
            assert events._belongs_to_reference(masked, z0, start) == (
                _belongs_to_reference_plain(masked, z0, start)
            )
            compared += 1
    assert compared > 40_000


def test_the_last_word_of_a_reference_is_a_whole_word():
    """What the test of the last word relies on: the scheduled verbs are single words, and
    ``str.split`` cuts at the characters the pattern's spaces match (every code point)."""
    assert re.fullmatch(r"[a-z|]+", events._SCHEDULED), events._SCHEDULED
    for char in _everything():
        assert char.isspace() == bool(re.match(r"\s", char)), hex(ord(char))


# --- "one for each of the five regions": searched only where "each" is printed -----------


def test_only_ascii_letters_match_the_letters_of_each_ignoring_case():
    """What the test for "each" before the count search relies on (every code point)."""
    found = set(re.findall("[each]", _everything(), re.IGNORECASE))
    assert found == set("eachEACH")


@pytest.mark.parametrize(
    "following",
    [
        ", one for each of the five geographical regions",
        " in EACH of the Five regional groups",
        ", A report for Each of the three",
        " for each region",
        " reaching all",
        "",
    ],
)
def test_the_count_is_read_as_before(following):
    listed = kinds._COUNT_EACH_RE.search(following)
    assert kinds.count_of("two", "reports", following)[1] == (
        kinds.cardinal_to_int(listed.group("count") or listed.group("count2")) if listed else None
    )


# --- determiner tails found in the lower-cased span --------------------------------------


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?P<Det>The|A)\s+(?P=Det)", r"(?P<Det>the|a)\s+(?P=Det)"),
        (r"\bOF\s\N{EN DASH}[A-Z]\u2010(?i:X)", r"\bof\s\N{EN DASH}[a-z]\u2010(?i:x)"),
        (r"(?-i:Q)", r"(?-i:q)"),  # lower-cased too: a test below keeps such patterns out
    ],
)
def test_lowered_keeps_escapes_group_names_and_flags(pattern, expected):
    assert kinds.lowered(pattern) == expected


#: The patterns searched in a lower-cased copy with ``kinds.lower_at_words``: (plain
#: pattern, its source, the lower-cased form).
AT_WORDS = [
    (kinds._PREP_BEFORE_RE, kinds._PREP_BEFORE, kinds._LOWER_PREP_BEFORE_RE),
    (kinds._PRODUCTION_PREP_RE, kinds._PRODUCTION_PREP, kinds._LOWER_PRODUCTION_PREP_RE),
    (events._APPLY_VERB_RE, events._APPLY_VERB, events._LOWER_APPLY_VERB_RE),
    (events._ANAPHOR_VERB_RE, events._ANAPHOR_VERB, events._LOWER_ANAPHOR_VERB_RE),
    (events._BODY_TARGETS_RE, events._BODY_TARGETS, events._LOWER_BODY_TARGETS_RE),
    (events._NEXT_REPORT_RE, events._NEXT_REPORT, events._LOWER_NEXT_REPORT_RE),
    (kinds.VERB_PRODUCT_RE, kinds._VERB_PRODUCT, kinds._LOWER_VERB_PRODUCT_RE),
    (deadlines._PAST_RE, deadlines._PAST, deadlines._LOWER_PAST_RE),
    (deadlines._STRONG_PAST_RE, deadlines._STRONG_PAST, deadlines._LOWER_STRONG_PAST_RE),
]
#: Those searched in the words before a noun or a session (their matches end there).
ENDING_AT_THE_WORD = [*AT_WORDS[:4], *AT_WORDS[-2:]]


@pytest.mark.parametrize(
    ("pattern", "source"),
    [
        (kinds._DET_TAIL_RE, kinds._DET_TAIL_RE.pattern),
        (kinds._VERB_TAIL_RE, kinds._VERB_TAIL_RE.pattern),
        (deadlines.SESSION_RE, deadlines._SESSION),
        (deadlines.DATE_RE, deadlines._DATE),
        *((pattern, source) for pattern, source, _ in AT_WORDS),
    ],
)
def test_the_lowered_pattern_is_compared_wholly_ignoring_case(pattern, source):
    """What the lower-cased search relies on: no case-sensitive part, no upper-case escape
    (``\\W``, ``\\S``...), and the same parse once the letters are lower-cased."""
    assert pattern.flags & re.IGNORECASE
    assert source in pattern.pattern
    assert "(?-i" not in source and not re.search(r"\\[A-Z]", source)
    assert str(_sre_parser.parse(kinds.lowered(source), re.IGNORECASE)) == str(
        _sre_parser.parse(source.lower().replace("(?p<", "(?P<"), re.IGNORECASE)
    )


TAIL_SAMPLES = [
    "to submit A Series Of three Annual and Comprehensive reports",
    "requests the Special Rapporteur to prepare HIS OR HER next thematic report",
    "to hold Twenty-Five regional and sub-regional seminars",
    "to organize, before its next session, an intersessional\u2010panel discussion",
    "to present its 3 final written updates on the the situation",
    "(see a) the high-level meeting, that report\nthe\nreport",
    "to Prepare and Submit Annual regional reports and to Convene expert seminars",
]

TAILS = [
    (kinds._DET_TAIL_RE, kinds._LOWER_DET_TAIL_RE, ("det", "mods")),
    (kinds._VERB_TAIL_RE, kinds._LOWER_VERB_TAIL_RE, ("mods",)),
]


@pytest.mark.parametrize("text", TAIL_SAMPLES)
def test_tails_in_the_lower_cased_span_are_those_of_the_text(text):
    """Every window of every span of the samples: the same determiner and modifiers."""
    for z0 in range(1, len(text), 3):
        lower = kinds.lower_copy(text, z0, len(text))
        for end in range(z0, len(text) + 1):
            for low in range(z0, end + 1, 2):
                for pattern, lowered_pattern, groups in TAILS:
                    args = (pattern, lowered_pattern, groups, text, low, end)
                    plain = kinds._tail(*args, None, z0 - 1)
                    lowered = kinds._tail(*args, lower, z0 - 1)
                    assert lowered == plain, (low, end)


def test_tails_in_the_lower_cased_span_on_the_corpus(corpus_spans):
    checked = 0
    for masked, z0, z1 in corpus_spans:
        lower = kinds.lower_copy(masked, z0, z1)
        if lower is None:
            continue
        for start, _, _ in kinds.noun_words(masked, z0, z1):
            low = kinds.tail_floor(masked, max(z0, start - 120), start)
            for pattern, lowered_pattern, groups in TAILS:
                args = (pattern, lowered_pattern, groups, masked, low, start)
                assert kinds._tail(*args, lower, z0 - 1) == kinds._tail(*args, None, z0 - 1)
            checked += 1
    assert checked > 3000


# --- verb-based products and session windows in the lower-cased span --------------------


def _read(found) -> tuple:
    """What the readers take from a match: every group's span and text."""
    names = (0, *found.re.groupindex) if isinstance(found, re.Match) else None
    if names is None:
        names = (0, *found._found.re.groupindex)
    return tuple((found.span(name), found.group(name)) for name in names)


def _scan_both_ways(scan, pattern: re.Pattern[str], text: str, z0: int, z1: int) -> None:
    """``scan`` (a reader of ``pattern``'s matches, with and without the lower-cased
    copy) finds what ``finditer`` finds."""
    lower = kinds.lower_copy(text, z0, z1)
    plain = [_read(found) for found in scan(text, z0, z1, None)]
    assert plain == [_read(found) for found in pattern.finditer(text, z0, z1)]
    if lower is not None:
        assert [_read(found) for found in scan(text, z0, z1, lower)] == plain


def _verbs_both_ways(text: str, z0: int, z1: int) -> None:
    _scan_both_ways(kinds.verb_products, kinds.VERB_PRODUCT_RE, text, z0, z1)


def _sessions_both_ways(text: str, z0: int, z1: int) -> None:
    lower = kinds.lower_copy(text, z0, z1)
    if lower is None:
        return
    plain = [_read(found) for found in deadlines._session_matches(text, z0, z1)]
    assert [_read(found) for found in deadlines._session_matches(text, z0, z1, lower)] == plain
    for session in (None, 58, 80):
        options = {"body": "HRC", "session": session, "default_council": "HRC"}
        assert deadlines.find_sessions(
            text, z0, z1, **options, lower=lower
        ) == deadlines.find_sessions(text, z0, z1, **options)


def _dates_both_ways(text: str, z0: int, z1: int) -> None:
    lower = kinds.lower_copy(text, z0, z1)
    if lower is None:
        return
    plain = [_read(found) for found in deadlines.DATE_RE.finditer(text, z0, z1)]
    assert [_read(found) for found in deadlines._date_matches(text, z0, z1, lower)] == plain
    assert deadlines.find_dates(text, z0, z1, lower) == deadlines.find_dates(text, z0, z1)


DATE_SAMPLES = [
    "to report by 1 May 2026 and no later than 30 June 2027, on 4-5 March 2026, annually",
    "BY 1 MAY 2026; Not Later Than the first week of 3 July 2026; session 5 May 2026",
    "prior to 12 and 13 December 2026, in advance of 1\u2013 2 April, before 31 April 2026",
    "from 1 January 2026 each year, until the end of 30 September, which took effect on "
    "1 January 2010 and on 2 May of each year",
]


VERB_SAMPLES = [
    "to consult and report to the Council at its next session",  # the second opens at the end
    "Requests the Expert to REPORT to the Council and To Brief the Assembly annually",
    "and to keep the General Assembly regularly informed, and to inform the Council",
    "to include, as appropriate, in his or her next annual report information on",
    "to study the ways and to consult with the Office; xto report, report of the",
    "to address and engage in an interactive dialogue with the Human Rights Council",
    "(to report)to brief States\nand\tupdate the Council",
]

SESSION_SAMPLES = [
    "to report to the Council at its sixty-first session and to the Assembly at its next",
    "to submit reports to the General Assembly and the Human Rights Council at their "
    "eighty-first and sixty-fourth sessions, respectively",
    "at ITS Fifty-Ninth SESSION; intersessional; at its 60th session, at its sixty- second "
    "fifth session of the Council",
    "Xsession at its present session, at the start of its resumed seventy-ninth session",
    "before the Council's sixty-second and sixty-third sessions; sessions at its following",
    "for consideration at its seventieth session by the Assembly, at its sixty-secondfifth session",
    "the report Submitted to the Council at its fifty-ninth session, the panel held, as "
    "planned, at its sixtieth session and the study to be presented at its next session",
]


@pytest.mark.parametrize("text", VERB_SAMPLES)
def test_verb_products_in_the_lower_cased_span_are_those_of_the_text(text):
    text = mask(" " + text)
    for z0 in range(len(text)):
        for z1 in range(z0, len(text) + 1, 5):
            _verbs_both_ways(text, z0, z1)


@pytest.mark.parametrize(
    ("text", "matches", "both_ways"),
    [
        *((text, deadlines._session_matches, _sessions_both_ways) for text in SESSION_SAMPLES),
        *((text, deadlines._date_matches, _dates_both_ways) for text in DATE_SAMPLES),
    ],
)
def test_sessions_and_dates_in_the_lower_cased_span_are_those_of_the_text(text, matches, both_ways):
    text = mask(" " + text)
    assert matches(text, 1, len(text), kinds.lower_copy(text, 1, len(text)))
    for z0 in range(1, len(text)):
        for z1 in range(z0, len(text) + 1, 7):
            both_ways(text, z0, z1)


def test_the_samples_take_both_ways():
    """The lower-cased paths are taken and find matches back to back."""
    text = mask(" " + VERB_SAMPLES[0])
    found = kinds.verb_products(text, 1, len(text), kinds.lower_copy(text, 1, len(text)))
    assert [type(one) for one in found] == [kinds.LowerMatch] * 2
    assert found[0].end() == found[1].start()
    text = mask(" " + BEFORE_SAMPLES[2])
    lower = kinds.lower_copy(text, 1, len(text))
    targets = events._BODY_TARGETS_RE, events._LOWER_BODY_TARGETS_RE
    [bodies] = kinds.scan_span(targets, text, 1, len(text), lower)
    assert bodies.group("bodies") == "Human Rights Council"  # as the plain scan reads it
    text = mask(" " + BEFORE_SAMPLES[0])
    lower = kinds.lower_copy(text, 1, len(text))
    assert kinds.preceded_by_preposition(text, text.index("the report"), 1, lower, 0)


def test_products_sessions_and_dates_in_the_lower_cased_span_on_the_corpus(corpus_spans):
    for masked, z0, z1 in corpus_spans:
        _verbs_both_ways(masked, z0, z1)
        _sessions_both_ways(masked, z0, z1)
        _dates_both_ways(masked, z0, z1)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["to", "and", "report", "Report", "consult", "brief", "the", "Council", "at", "its",
             "sixty-first", "Next", "session", "sessions", "of", "Assembly", "include", "in",
             "his", "annual", "keep", "informed", "General", "x", ";", "respectively",
             "by", "On", "1", "31", "May", "June", "2026", "each", "year", "-"]
        ),
        max_size=14,
    ),
    st.sampled_from([" ", "  ", ", ", "\n"]),
)  # fmt: skip
def test_products_sessions_and_dates_in_the_lower_cased_span_on_generated_texts(words, separator):
    text = " " + separator.join(words)
    for z0 in range(1, len(text) + 1, 2):
        _verbs_both_ways(text, z0, len(text))
        _sessions_both_ways(text, z0, len(text))
        _dates_both_ways(text, z0, len(text))


def test_the_lower_cased_session_guard_from_the_opening_is_the_whole_one():
    assert guards.lower_guard(deadlines._SESSION_HEAD, re.IGNORECASE, 3) == guards.lower_guard(
        deadlines._SESSION, re.IGNORECASE, 3
    )


def _opens_at_a_boundary(items) -> bool:
    """Every match of the parsed ``items`` opens with a word boundary."""
    op, av = items[0]
    if op is _sre_constants.AT:
        return av is _sre_constants.AT_BOUNDARY
    if op is _sre_constants.SUBPATTERN:
        return _opens_at_a_boundary(list(av[-1].data))
    if op is _sre_constants.BRANCH:
        return all(_opens_at_a_boundary(list(branch.data)) for branch in av[1])
    return False


_sre_constants = importlib.import_module("re._constants")


@pytest.mark.parametrize(("pattern", "source", "lowered"), AT_WORDS)
def test_a_pattern_at_words_opens_with_a_boundary_before_a_word_character(pattern, source, lowered):
    """What ``lower_at_words`` relies on: a match opens where the character before it is
    not a word character, which the lowered form reads as its first character."""
    assert _opens_at_a_boundary(list(_sre_parser.parse(source, re.IGNORECASE).data))
    for (first,) in guards.prefixes(source, re.IGNORECASE, 1):
        assert all(re.fullmatch(r"\w", char) for char in first), first
    assert lowered.pattern.startswith(kinds._ASCII_NON_WORD)


def test_a_boundary_is_read_from_the_parse():
    parse = _sre_parser.parse
    assert _opens_at_a_boundary(list(parse(r"(?:\bx|\b(?:y|z))").data))
    assert not _opens_at_a_boundary(list(parse(r"(?:\bx|y)").data))
    assert not _opens_at_a_boundary(list(parse(r"x\b").data))


BEFORE_SAMPLES = [
    "to implement all of the recommendations of the report, and to present, in a timely "
    "manner, the report",
    "to Provide the Council WITH a report and to consider the preparation of a study",
    "to submit to the Human Rights Council and the General Assembly for its consideration a report",
    "implementing each of the two reports, to prepare and submit, as appropriate, its "
    "annual report regarding the seminar",
    "before the Assembly, at its next session, and to the Council for the consideration of",
    "to provide In The Context Of his next annual Report and within its forthcoming oral update",
]


def _before_both_ways(text: str, z0: int, z1: int) -> None:
    """Every window of the span ending at a word start, each pattern both ways."""
    lower = kinds.lower_copy(text, z0, z1)
    if lower is None:
        return
    for end in range(z0, z1 + 1):
        if end > z0 and not text[end - 1].isspace():
            continue
        for start in range(max(z0, end - 90), end + 1, 3):
            for pattern, _, lowered in ENDING_AT_THE_WORD:
                args = (pattern, lowered, text, start, end)
                assert kinds.found_before(*args, lower, z0 - 1) == kinds.found_before(
                    *args, None, z0 - 1
                ), (pattern.pattern[:30], start, end)
        assert kinds.preceded_by_preposition(
            text, end, z0, lower, z0 - 1
        ) == kinds.preceded_by_preposition(text, end, z0)


def _bodies_both_ways(text: str, z0: int, z1: int) -> None:
    for pattern, lowered in [
        (events._BODY_TARGETS_RE, events._LOWER_BODY_TARGETS_RE),
        (events._NEXT_REPORT_RE, events._LOWER_NEXT_REPORT_RE),
    ]:
        scan = functools.partial(kinds.scan_span, (pattern, lowered))
        _scan_both_ways(scan, pattern, text, z0, z1)


@pytest.mark.parametrize("text", BEFORE_SAMPLES)
def test_searches_before_a_noun_in_the_lower_cased_span_are_those_of_the_text(text):
    text = mask(" " + text)
    for z0 in range(1, len(text), 11):
        _before_both_ways(text, z0, len(text))
        for z1 in range(z0, len(text) + 1, 3):
            _bodies_both_ways(text, z0, z1)


def test_searches_before_nouns_and_bodies_in_the_lower_cased_span_on_the_corpus(corpus_spans):
    for masked, z0, z1 in corpus_spans:
        _bodies_both_ways(masked, z0, z1)
        lower = kinds.lower_copy(masked, z0, z1)
        for found in kinds.noun_matches(masked, z0, z1):
            start = found.start()
            for back in (20, 40, 50, 90):
                for pattern, _, lowered in ENDING_AT_THE_WORD:
                    args = (pattern, lowered, masked, max(z0, start - back), start)
                    assert kinds.found_before(*args, lower, z0 - 1) == kinds.found_before(
                        *args, None, z0 - 1
                    )


@pytest.mark.parametrize("text", SESSION_SAMPLES)
def test_words_before_a_session_read_lower_cased_are_read_as_the_text(text):
    """Every window of the samples: the past-participle tests on the lower-cased words
    (behind a space, where the window's start reads as a word boundary) give the same."""
    text = mask(text)
    pairs = [(pattern, lowered) for pattern, _, lowered in ENDING_AT_THE_WORD]
    for end in range(len(text) + 1):
        for start in range(max(0, end - 60), end + 1):
            before = text[start:end]
            low = " " + before.lower()
            for pattern, lowered in pairs:
                found = deadlines._is_before(pattern, lowered, before, None)
                assert deadlines._is_before(pattern, lowered, before, low) == found


EXTENT_SAMPLES = [
    "a report on X  To Be presented, and to the Human Rights Council; at its next session",
    "a study of Y and\tto submit it before the Assembly:\nto the General Assembly to the council",
    "an update   at its\nsixtieth session (to the Council) before  the end",
]


def _extent_both_ways(text: str, z0: int, z1: int, ends) -> None:
    lower = kinds.lower_copy(text, z0, z1)
    if lower is None:
        return
    for pos in ends:
        plain = events._extent(text, pos, z1, None, z0 - 1)
        assert events._extent(text, pos, z1, lower, z0 - 1) == plain, (pos, z1)


@pytest.mark.parametrize("text", EXTENT_SAMPLES)
def test_the_extent_in_the_lower_cased_span_is_that_of_the_text(text):
    text = mask(" " + text)
    for z0 in range(1, len(text), 5):
        for z1 in range(z0, len(text) + 1):
            _extent_both_ways(text, z0, z1, range(z0, z1 + 1))


def test_the_extent_in_the_lower_cased_span_on_the_corpus(corpus_spans):
    checked = 0
    for masked, z0, z1 in corpus_spans:
        ends = [found.end() for found in kinds.noun_matches(masked, z0, z1)]
        _extent_both_ways(masked, z0, z1, ends)
        checked += len(ends)
    assert checked > 2500
