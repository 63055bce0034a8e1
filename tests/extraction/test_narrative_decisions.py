"""Decisions told in one narrative paragraph (invented texts, never a real decision):
"At its 52nd meeting, on ..., the Human Rights Council, recalling ..., decided, without a
vote, to ... ." The paragraph is the operative part, paragraph "1" (its verb "decided"), and
what it decides is read as a lettered decision's "(b) To ..." is (0.3.51).
"""

from __future__ import annotations

from datetime import date

from mandates.extraction.api import extract_text
from tests.extraction.test_requests import due

_HRC_MASTHEAD = (
    "United Nations A/HRC/DEC/88/105\n\nGeneral Assembly Distr.: General 14 October 2041\n\n"
    "Human Rights Council\nEighty-eighth session\n11 September-10 October 2041\n"
    "Agenda item 1\nOrganizational and procedural matters\n\n"
    "Decision adopted by the Human Rights Council on 10 October 2041\n\n"
    "88/105. Keepers of imaginary lighthouses\n\n"
)
_GA_MASTHEAD = (
    "General Assembly\n\nNinety-sixth session\n\nAgenda item 23\n\n"
    "Decision adopted by the General Assembly on 18 December 2041\n\n"
    "[on the report of the Second Committee (A/96/512)]\n\n"
    "96/530. Small harbours\n\n"
)
_HRC_CLOSING = "\n\n47th meeting\n10 October 2041\n\n[Adopted without a vote.]\n"
_GA_CLOSING = "\n\n58th plenary meeting\n18 December 2041\n"


def rows(result):
    return [(d.paragraph, d.actor, d.kind, due(d)) for d in result.deliverables]


def _hrc(paragraphs: str):
    return extract_text(_HRC_MASTHEAD + paragraphs + _HRC_CLOSING, source_name="A_HRC_DEC.txt")


def test_the_council_decided_to_request_a_report():
    """ "At its Nth meeting, ..., the Council, recalling ..., decided, without a vote, to take
    note of X and to request the Office to submit a report ... at its Nth session": one
    operative paragraph, numbered "1" without a warning; OHCHR's report is due."""
    r = _hrc(
        "At its 47th meeting, on 10 October 2041, the Human Rights Council, recalling its "
        "resolution 86/12 of 3 April 2041 and bearing in mind the workload of the Council, "
        "decided, without a vote, to take note of the oral update of the High Commissioner, "
        "and to request the Office of the United Nations High Commissioner for Human Rights "
        "to submit a summary report on the keepers of lighthouses to the Council at its "
        "ninetieth session."
    )
    assert (r.symbol, r.body, r.session, r.adopted_on) == (
        "A/HRC/DEC/88/105",
        "HRC",
        88,
        date(2041, 10, 10),
    )
    assert [(p.number, p.verb) for p in r.operative] == [("1", "decided")]
    assert r.preamble == []
    assert r.warnings == []
    assert rows(r) == [("1", "OHCHR", "report", ("HRC", 90, "at"))]
    assert r.operative[0].text.startswith("At its 47th meeting")
    assert r.operative[0].text.endswith("ninetieth session.")


def test_what_the_council_decided_first_is_read_as_decided():
    """ "decided, without a vote, to convene a panel ... at its Nth session": the Council's
    panel, as "(c) To convene ..." and "Decides to convene ..." give it."""
    r = _hrc(
        "At its 47th meeting, on 10 October 2041, the Human Rights Council decided, without a "
        "vote, to convene a panel discussion on the keepers of lighthouses at its eighty-ninth "
        "session."
    )
    assert rows(r) == [("1", "Human Rights Council", "panel", ("HRC", 89, "at"))]
    assert r.deliverables[0].verb == "to convene"


def test_after_an_opening_formula_and_a_recorded_vote():
    """ "The Human Rights Council, at its 47th meeting, ..., decided, by a recorded vote of 30
    to 5, with 12 abstentions, that the Council shall hold ...": the opening formula ends the
    header; the vote's commas do not hide what was decided."""
    r = _hrc(
        "The Human Rights Council, at its 47th meeting, on 10 October 2041, decided, by a "
        "recorded vote of 30 to 5, with 12 abstentions, that the Council shall hold a "
        "high-level panel discussion on the keepers of lighthouses at its eighty-ninth session."
    )
    assert [(p.number, p.verb) for p in r.operative] == [("1", "decided")]
    assert rows(r) == [("1", "Human Rights Council", "panel", ("HRC", 89, "at"))]


def test_a_decision_recalled_in_the_aside_is_not_the_decision():
    """ "..., the Council, recalling its decision 86/101, in which it decided to convene a
    workshop, decided to take note of the report (A/HRC/88/41)": the taken note is the
    decision's; the recalled workshop is nothing new."""
    r = _hrc(
        "At its 47th meeting, on 10 October 2041, the Council, recalling its decision 86/101, "
        "in which it decided to convene a workshop on lighthouses at its eighty-seventh "
        "session, decided, without a vote, to take note of the report of the Special "
        "Rapporteur on imaginary lighthouses (A/HRC/88/41)."
    )
    assert [(n.paragraph, n.document) for n in r.takes_note_of] == [("1", "A/HRC/88/41")]
    assert rows(r) == []


def test_a_second_sentence_of_the_decision_is_paragraph_two():
    """ "The Council also decided to request ...": the decision's next paragraph, numbered by
    its place without the warning of a missing number (a narrative decision prints none)."""
    r = _hrc(
        "At its 47th meeting, on 10 October 2041, the Human Rights Council decided, without a "
        "vote, to take note of the report of the Secretary-General (A/HRC/88/20).\n\n"
        "The Council also decided to request the Office of the High Commissioner to prepare a "
        "study on the keepers of lighthouses and to present it to the Council at its "
        "ninetieth session."
    )
    assert [(p.number, p.verb) for p in r.operative] == [("1", "decided"), ("2", "decided")]
    assert r.warnings == []
    assert rows(r) == [("2", "OHCHR", "study", ("HRC", 90, "at"))]
    assert [(n.paragraph, n.document) for n in r.takes_note_of] == [("1", "A/HRC/88/20")]


def test_the_assembly_decided_to_request_a_report():
    """ "At its Nth plenary meeting, ..., the General Assembly decided to request the
    Secretary-General to submit ... at its Nth session" (no comma before "decided")."""
    r = extract_text(
        _GA_MASTHEAD + "At its 58th plenary meeting, on 18 December 2041, the General Assembly "
        "decided to request the Secretary-General to submit to the General Assembly at its "
        "ninety-eighth session a report on shipping in small harbours." + _GA_CLOSING,
        source_name="A_DEC_96_530.txt",
    )
    assert (r.symbol, r.body, r.session) == ("A/DEC/96/530", "GA", 96)
    assert [(p.number, p.verb) for p in r.operative] == [("1", "decided")]
    assert rows(r) == [("1", "Secretary-General", "report", ("GA", 98, "at"))]


def test_the_assembly_decided_to_take_note_and_to_consider():
    """ "..., on the recommendation of the Second Committee, decided to take note of the
    report (A/96/301) and to consider the question at its Nth session": a taken note and the
    consideration."""
    r = extract_text(
        _GA_MASTHEAD + "At its 58th plenary meeting, on 18 December 2041, the General "
        "Assembly, on the recommendation of the Second Committee, decided to take note of the "
        "report of the Secretary-General on small harbours (A/96/301) and to consider the "
        "question at its ninety-eighth session." + _GA_CLOSING,
        source_name="A_DEC_96_530.txt",
    )
    assert [(n.paragraph, n.document) for n in r.takes_note_of] == [("1", "A/96/301")]
    assert (r.consideration.paragraph, r.consideration.session) == ("1", 98)


def test_preambular_paragraphs_that_tell_a_decision_stay_preamble():
    """A resolution's "Mindful that the Assembly decided to ...," and "Recalling that ... it
    decided to ...," are preambular: the numbered paragraphs are the operative part."""
    r = extract_text(
        "Human Rights Council\n\nEighty-eighth session\n\n"
        "Resolution adopted by the Human Rights Council on 10 October 2041\n\n"
        "88/5. Lighthouses\n\nThe Human Rights Council,\n\n"
        "Mindful that, at its ninety-fifth session, the General Assembly decided to convene a "
        "conference on lighthouses,\n\n"
        "Recalling that, at its 40th meeting, the Council decided to hold a panel,\n\n"
        "1. Requests the Secretary-General to present a report to the Council at its "
        "ninetieth session." + _HRC_CLOSING,
        source_name="A_HRC_RES_88_5.txt",
    )
    assert len(r.preamble) == 2
    assert [(p.number, p.verb) for p in r.operative] == [("1", "Requests")]
