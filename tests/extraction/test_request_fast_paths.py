"""Fast paths of the request stage give what the slow paths give, on the whole corpus and
on input made to fall outside them."""

from __future__ import annotations

import re

import pytest

from mandates.extraction.actors import _ARTICLE_RE, ActorTable, _alias_pattern, normalise
from mandates.extraction.clauses import (
    _BOUNDARY_FAST_RE,
    _BOUNDARY_RE,
    _LEAD_RE,
    _boundaries,
    _parse_actors,
    _partners_in_clause,
    mask,
)
from mandates.extraction.readers import read_path
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


def test_the_fast_boundary_scan_on_every_corpus_paragraph():
    root = shared_path("corpus")
    units = 0
    for path in sorted(root.glob("*/*.txt")):
        document = read_path(path)
        masked = mask(document.text)
        structure = parse_structure(document.text, source_name=document.name)
        for paragraph in structure.operative:
            spans = [paragraph.span, *(sub.span for sub in paragraph.subparagraphs)]
            for start, end in spans:
                lead = _LEAD_RE.match(masked, start, end)
                begin = lead.end("verb") if lead else start
                for offset in (begin, start, start + 1):
                    assert _fast(masked, offset, end) == _slow(masked, offset, end), path.name
                units += 1
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
