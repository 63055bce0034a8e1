"""Fast paths of the request stage give what the slow paths give, on the whole corpus and
on input made to fall outside them."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mandates.extraction import building, extract_file, extract_text, requests
from mandates.extraction.actors import _ARTICLE_RE, ActorTable, _alias_pattern, normalise
from mandates.extraction.clauses import (
    _BOUNDARY_CANDIDATE_RE,
    _BOUNDARY_FAST_RE,
    _BOUNDARY_RE,
    _COPY_TABLE,
    _LEAD_RE,
    _boundaries,
    _boundary_starts,
    _parse_actors,
    _partners_in_clause,
    mask,
)
from mandates.extraction.factoring import FACTORED
from mandates.extraction.readers import read_path
from mandates.extraction.requests import _AGENDA_CLAUSE_RE
from mandates.extraction.structure import parse_structure
from tests.extraction.contexts import reading_context
from tests.shared_data import shared_path


def _slow(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    return [found.span("verb") for found in _BOUNDARY_RE.finditer(masked, start, end)]


def _fast(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    return [found.span("verb") for found in _boundaries(masked, start, end)]


BOUNDARY_TEXTS = [
    "1. Requests the Secretary-General to submit a report; and invites the Special "
    "Rapporteur to present it, and also requests the Office to hold two seminars. Decides to "
    "remain seized; AND REQUESTS the High Commissioner to report. welcomes the report, "
    "and\n\nurges all States to cooperate,  and  further invites the Council to act",
    "x and requests the Office to act;and decides that the panel, and\u3000invites all; "
    "and\x85requests the Forum and Requests The Council",
    "Notes with appreciation; reaffirms its request to the Office, and calls upon States",
]


@pytest.mark.parametrize("text", BOUNDARY_TEXTS)
def test_the_fast_boundary_scan_finds_the_verbs_the_slow_one_finds(text):
    masked = mask(text)
    for start in range(len(masked) + 1):
        for end in (len(masked), min(len(masked), start + 30)):
            assert _fast(masked, start, end) == _slow(masked, start, end), (start, end)


def test_the_fast_regex_alone_would_take_an_and_begun_before_the_scan():
    """Started inside " and" the fast regex finds the verb after it, the slow one (which
    needs the space) does not: there the scan goes the slow way."""
    masked = "x and requests the Office to act"
    start = masked.index("and")
    assert [m.span("verb") for m in _BOUNDARY_FAST_RE.finditer(masked, start)] == [(6, 14)]
    assert _slow(masked, start, len(masked)) == []
    assert _fast(masked, start, len(masked)) == []


def _in_context(text: str, start: int, end: int, low_from: int = 0) -> list[tuple[int, int]]:
    """The fast scan tried only where the copy says a match may begin (``_boundary_starts``)."""
    ctx = reading_context(text)
    ctx.low_from = low_from
    return [found.span("verb") for found in _boundaries(ctx.masked, start, end, ctx)]


@pytest.mark.parametrize("text", BOUNDARY_TEXTS)
def test_the_boundary_scan_at_the_copys_candidates_finds_what_the_slow_one_finds(text):
    masked = mask(text)
    for start in range(len(masked) + 1):
        for end in (len(masked), min(len(masked), start + 30)):
            slow = _slow(masked, start, end)
            assert _in_context(text, start, end) == slow, (start, end)
            assert _in_context(text, start, end, low_from=min(start, 5)) == slow, (start, end)


BOUNDARY_PIECES = [
    "; ", ";", ", ", ",", ". ", ".", ":", " and ", " AND ", " And ", "and", " ", "\n",
    "\u3000", "\x85", "\x1c", "\t", "\u00a0", "requests", "Requests", "REQUESTS", "invites",
    "decides", "takes note", "notes", "welcomes", "calls upon", "to request", "also ",
    "further ", "in this regard, ", "the", "States", "all", "to", "Office", "\u00e9",
    "?", "band", "stand", "1", "d", "D", "an", "requeſts", "\u212ainds",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(BOUNDARY_PIECES), max_size=16).map("".join))
def test_the_boundary_scan_at_the_copys_candidates_on_made_texts(text):
    masked = mask(text)
    for start in range(0, len(masked) + 1, 3):
        for end in (len(masked), min(len(masked), start + 25)):
            assert _in_context(text, start, end) == _slow(masked, start, end), (start, end)


def _hinted(text: str, hint: int, cuts: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """The verbs of each cut in turn, read with one context whose first candidate scan stops
    at ``hint`` (``boundary_hint``): a later cut past it makes the scan read on."""
    ctx = reading_context(text)
    ctx.boundary_hint = hint
    return [
        [found.span("verb") for found in _boundaries(ctx.masked, start, end, ctx)]
        for start, end in cuts
    ]


@pytest.mark.parametrize("text", BOUNDARY_TEXTS)
def test_the_candidate_scan_stopped_at_the_hint_finds_what_the_slow_one_finds(text):
    masked = mask(text)
    size = len(masked)
    for hint in range(1, size + 1):
        for start in range(0, size + 1, 4):
            for end in {min(size, hint), min(size, start + 30), size}:
                if end < start:
                    continue
                # a cut up to the hint, then one past it (an adopted annex)
                cuts = [(min(start, end), end), (start, size)]
                assert _hinted(text, hint, cuts) == [_slow(masked, *cut) for cut in cuts]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(BOUNDARY_PIECES), max_size=16).map("".join),
    st.integers(min_value=1, max_value=200),
)
def test_the_candidate_scan_stopped_at_the_hint_on_made_texts(text, hint):
    masked = mask(text)
    size = len(masked)
    hint = min(hint, size) or 1
    for start in range(0, size + 1, 3):
        for end in (min(size, max(start, hint)), min(size, start + 25)):
            cuts = [(start, end), (start, size)]
            assert _hinted(text, hint, cuts) == [_slow(masked, *cut) for cut in cuts]


def test_a_candidate_read_past_the_hint_is_lost_only_when_no_cut_can_use_it():
    """The copy stopped inside " and requests" loses the candidate there; a cut ending
    where the copy stops cannot hold that verb, and a cut past it reads the whole copy."""
    text = "Notes the report, and requests the Office to act"
    masked = mask(text)
    ctx = reading_context(text)
    hint = masked.index("requests") + 3
    ctx.boundary_hint = hint
    comma = masked.index(",")
    assert [m.span("verb") for m in _boundaries(masked, 0, hint, ctx)] == []
    assert comma not in (ctx.boundary_starts or [])
    assert ctx.boundary_until == hint
    verbs = [m.span("verb") for m in _boundaries(masked, 0, len(masked), ctx)]
    assert verbs == _slow(masked, 0, len(masked)) != []
    assert comma in (ctx.boundary_starts or []) and ctx.boundary_until == len(masked)


def _copy(masked: str, low_from: int) -> bytes:
    low = masked[low_from:].encode("ascii", "replace").lower()
    return low.translate(_COPY_TABLE).replace(b" and", b" an,")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(BOUNDARY_PIECES), max_size=16).map("".join))
def test_the_candidates_take_spaces_all_at_once_as_they_may(text):
    """The guard never opens with a space, so taking every space before it (possessive)
    finds the same candidates as the plain repeat."""
    plain = re.compile(_BOUNDARY_CANDIDATE_RE.pattern.replace(b" *+", b" *"))
    assert plain.pattern != _BOUNDARY_CANDIDATE_RE.pattern
    copy = _copy(mask(text), 0)
    assert _BOUNDARY_CANDIDATE_RE.findall(copy) == plain.findall(copy)


def test_the_fast_boundary_scan_on_every_corpus_paragraph():
    root = shared_path("corpus")
    units = stopped = 0
    for path in sorted(root.glob("*/*.txt")):
        document = read_path(path)
        structure = parse_structure(document.text, source_name=document.name)
        ctx = reading_context(document.text)
        masked = ctx.masked
        ctx.low_from = structure.operative[0].span[0] if structure.operative else 0
        assert _boundary_starts(ctx, len(masked)) is not None  # every corpus text is plain case
        plain = re.compile(_BOUNDARY_CANDIDATE_RE.pattern.replace(b" *+", b" *"))
        copy = _copy(masked, ctx.low_from)
        assert _BOUNDARY_CANDIDATE_RE.findall(copy) == plain.findall(copy), path.name
        # the scan stopped at the end of the operative part, as extract_requests asks
        hinted = reading_context(document.text)
        hinted.low_from = ctx.low_from
        hinted.boundary_hint = structure.operative[-1].span[1] if structure.operative else 0
        for paragraph in structure.operative:
            spans = [paragraph.span, *(sub.span for sub in paragraph.subparagraphs)]
            for start, end in spans:
                lead = _LEAD_RE.match(masked, start, end)
                begin = lead.end("verb") if lead else start
                for offset in (begin, start, start + 1):
                    slow = _slow(masked, offset, end)
                    assert _fast(masked, offset, end) == slow, path.name
                    found = [m.span("verb") for m in _boundaries(masked, offset, end, ctx)]
                    assert found == slow, path.name
                    found = [m.span("verb") for m in _boundaries(masked, offset, end, hinted)]
                    assert found == slow, path.name
                units += 1
        if hinted.boundary_until >= 0 and hinted.boundary_hint < len(masked):
            assert hinted.boundary_until == hinted.boundary_hint, path.name
            stopped += 1
        for annex in structure.annexes:  # cuts past the hint: the whole copy is read
            start, end = annex.span
            found = [m.span("verb") for m in _boundaries(masked, start, end, hinted)]
            assert found == _slow(masked, start, end), path.name
    assert units > 5000


def test_the_boundary_regexes_are_compiled_case_by_case():
    assert _BOUNDARY_RE.flags & re.IGNORECASE
    assert not _BOUNDARY_FAST_RE.flags & re.IGNORECASE  # so the engine can skip to ;,:.dD


# --- the alias table: aliases factored by their shared beginnings ------------------------


def _flat(table: ActorTable) -> re.Pattern[str]:
    """The table's regex written one alternative per alias (the slow way)."""
    keys = [key for key in sorted(table._lookup, key=len, reverse=True) if key]
    acronyms = {}
    worded = set()
    for name, aliases in table.entries():
        for alias in [name, *aliases]:
            word = _ARTICLE_RE.sub("", alias)
            if word.replace("-", "").isalpha() and word.replace("-", "").isupper():
                acronyms[normalise(alias)] = word
            else:
                worded.add(normalise(alias))
    pattern = _alias_pattern(keys, acronyms, worded, factor=False)
    return re.compile(rf"(?:the\s+|its\s+)?(?:{pattern})(?![\w-])", re.IGNORECASE)


def _same_matches(table: ActorTable, texts: list[str], *, every_position: bool) -> None:
    flat = _flat(table)
    for text in texts:
        positions = (
            range(len(text)) if every_position else [m.start() for m in re.finditer(r"\b\w", text)]
        )
        for pos in positions:
            fast, slow = table._regex.match(text, pos), flat.match(text, pos)
            assert (fast and fast.span()) == (slow and slow.span()), (text[pos : pos + 60], pos)


def test_the_factored_alias_table_matches_what_one_alternative_per_alias_matches():
    table = ActorTable.default()
    texts = []
    for path in sorted(shared_path("corpus").glob("*/*.txt"))[::10]:
        texts.append(mask(read_path(path).text))
    _same_matches(table, texts, every_position=False)
    flat = _flat(table)
    for text in texts[:4]:
        assert [m.span() for m in table._regex.finditer(text)] == [
            m.span() for m in flat.finditer(text)
        ]


SMALL_TEXT = (
    "the UNDP and the Undp, UN-Women, the un women and UN Women; UNHCR Executive Committee, "
    "the unhcr executive committee and UNHCR. \u017fpecial envoy, Special  Envoy, SPECIAL "
    "ENVOY on Syria and the Special Envoy for Syria; \u212aosovo Force; the Office; its office"
)


@pytest.mark.parametrize(
    ("entries", "factored"),
    [
        ([("UNDP", ["United Nations Development Programme"]), ("UN", ["un"])], False),
        ([("UNHCR", ["UNHCR"]), ("Excom", ["UNHCR Executive Committee"])], True),
        ([("Envoy", ["Special Envoy", "Special Envoy on Syria", "\u017fpecial envoy"])], False),
        (
            [
                ("Envoy", ["Special Envoy", "Special Envoy on Syria", "Special Envoy for Syria"]),
                ("KFOR", ["Kosovo Force"]),
                ("UN Women", ["UN-Women", "UN Women"]),
                ("Office", ["Office"]),
                ("UNDP", ["UNDP"]),
            ],
            True,
        ),
    ],
)
def test_small_tables_factored_or_not_match_the_same(entries, factored):
    table = ActorTable.from_entries(entries)
    assert (table._regex.pattern != _flat(table).pattern) is factored
    _same_matches(table, [SMALL_TEXT], every_position=True)


def test_a_very_long_alias_still_compiles():
    long_name = " ".join(["word"] * 300)
    table = ActorTable.from_entries([("Long", [long_name, long_name + " more"])])
    assert table.match_at(long_name + " more.", 0) == ("Long", len(long_name) + 5)


# --- partners: a span known to hold no partner phrase is not searched again -------------


def test_partners_are_searched_unless_the_same_tail_is_known_to_hold_none():
    text = (
        "Requests the Secretary-General to prepare, in cooperation with the Office of the "
        "High Commissioner, a report for the Council"
    )
    ctx = reading_context(text)
    partner = text.index("in cooperation")
    slow = _partners_in_clause(0, len(text), ctx)
    assert slow == ["OHCHR"]
    # a span after the phrase holds none; a scan from before it, or to another end, still
    # searches (and finds what it found without the fact)
    ctx.no_partners = (partner + 20, len(text))
    assert _partners_in_clause(0, len(text), ctx) == slow
    ctx.no_partners = (0, partner)
    assert _partners_in_clause(0, len(text), ctx) == slow
    # the fact holds from where it was found: the tail is not searched again
    _, partners = _parse_actors(text.index("a report"), len(text), ctx)
    assert partners == [] and ctx.no_partners == (text.index("a report"), len(text))
    assert _partners_in_clause(text.index("a report") + 2, len(text), ctx) == []


def test_partner_search_records_nothing_when_it_finds_a_phrase():
    text = "Invites the Office, in collaboration with UNICEF, to hold a seminar"
    ctx = reading_context(text)
    _, partners = _parse_actors(len("Invites "), len(text), ctx)
    assert partners == ["UNICEF"]
    assert ctx.no_partners is None


STATE_REQUESTS = [
    # a State asked with no date in the span: nothing; with one: the dated product only
    "1. Requests States to submit a report to the Council at its sixtieth session;\n"
    "2. Calls upon States to submit their views to the Office by 1 March 2026;\n"
    "3. Invites Member States to hold a seminar before 15 May;\n"
    "4. Requests all States and the Secretary-General to report by 31 December 2027;\n"
    "5. Invites States, the Chair of the Committee and the Chair of the Working Group to "
    "address the Council at its sixtieth session;\n"
    "6. Urges States to provide information in May 2026, and requests the Office to hold a "
    "panel discussion;\n",
]


def _extracted(text: str):
    header = "Human Rights Council\nFifty-ninth session\nResolution 59/1. Sample\n\n"
    return extract_text(header + "The Human Rights Council,\n\n" + text)


@pytest.mark.parametrize("text", STATE_REQUESTS)
def test_a_state_request_without_a_date_stops_early_with_the_same_result(text, monkeypatch):
    fast = _extracted(text)
    monkeypatch.setattr(building, "may_name_date", lambda *args: True)
    assert _extracted(text) == fast
    dated = [(d.paragraph, d.actor, d.due.date) for d in fast.deliverables if d.due and d.due.date]
    assert dated == [("2", "Member States", date(2026, 3, 1))]
    assert "1" not in [m.paragraph for m in fast.mandates]


def test_a_state_request_stops_early_with_the_same_result_on_the_corpus(monkeypatch):
    paths = sorted(shared_path("corpus").glob("*/*.txt"))[::4]
    fast = [extract_file(path) for path in paths]
    monkeypatch.setattr(building, "may_name_date", lambda *args: True)
    assert [extract_file(path) for path in paths] == fast


STATE_CLAUSES = [
    # the date after the actor but before the infinitive, in the infinitive's span, none
    "1. Calls upon States, by 1 March 2026, to submit their views to the Office;\n"
    "2. Requests that States submit their views by 1 March 2026;\n"
    "3. Invites Member States to hold a seminar at its sixtieth session:\n"
    "(a) to report on it by 15 May 2027;\n(b) to consult the Office;\n"
    "4. Requests States and the Office to submit a report in March 2026;\n"
    "5. Invites States, the Chair of the Committee and the Chair of the Working Group to "
    "address the Council in June 2026;\n"
    "6. Entrusts States with the preparation of a report by 1 May 2026;\n",
]


def _read_every_state_clause(monkeypatch) -> None:
    monkeypatch.setattr(requests, "state_without_date", lambda *args: False)


@pytest.mark.parametrize("text", STATE_REQUESTS + STATE_CLAUSES)
def test_a_state_clause_without_a_date_skips_the_infinitive_with_the_same_result(text, monkeypatch):
    fast = _extracted(text)
    _read_every_state_clause(monkeypatch)
    assert _extracted(text) == fast


def test_a_state_clause_skips_the_infinitive_with_the_same_result_on_the_corpus(monkeypatch):
    skipped = 0
    original = requests.state_without_date

    def counted(*args):
        nonlocal skipped
        found = original(*args)
        skipped += found
        return found

    paths = sorted(shared_path("corpus").glob("*/*.txt"))[1::4]
    monkeypatch.setattr(requests, "state_without_date", counted)
    fast = [extract_file(path) for path in paths]
    _read_every_state_clause(monkeypatch)
    assert [extract_file(path) for path in paths] == fast
    assert skipped > 300


def test_the_agenda_clause_matches_at_every_corpus_paragraph_as_the_plain_pattern_does():
    """``_agenda_deadlines`` tries the factored pattern at the start of every paragraph
    (no word gate before it): the same matches as the pattern compiled as written."""
    pattern, flags = next((p, f) for fast, p, f in FACTORED if fast is _AGENDA_CLAUSE_RE)
    plain = re.compile(pattern, flags)
    found = 0
    for path in sorted(shared_path("corpus").glob("*/*.txt")):
        masked = mask(read_path(path).text)
        for start in re.finditer(r"(?m)^[ \t]*\d{1,3}\.", masked):
            fast = _AGENDA_CLAUSE_RE.match(masked, start.end())
            slow = plain.match(masked, start.end())
            assert (fast and (fast.span(), fast.groups())) == (
                slow and (slow.span(), slow.groups())
            ), path.name
            found += fast is not None
    assert found > 10
