"""Fast paths of the request stage give what the slow paths give, on the whole corpus and
on input made to fall outside them."""

from __future__ import annotations

import re

import pytest

from mandates.extraction.clauses import (
    _BOUNDARY_FAST_RE,
    _BOUNDARY_RE,
    _LEAD_RE,
    _boundaries,
    mask,
)
from mandates.extraction.readers import read_path
from mandates.extraction.structure import parse_structure
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
