"""Decisions told in one narrative paragraph (invented texts, never a real decision):
"At its 52nd meeting, on ..., the Human Rights Council, recalling ..., decided, without a
vote, to ... ." The paragraph is the operative part, paragraph "1" (its verb "decided"), and
what it decides is read as a lettered decision's "(b) To ..." is (0.3.51). Its masthead,
printed a line a block (a Markdown copy) with no opening formula, is the header.
"""

from __future__ import annotations

from datetime import date

from mandates.extraction.api import extract_bytes, extract_text
from mandates.extraction.header import parse_header
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


# --------------------------------------------------------------- the masthead, a line a block

#: The decision above as a pandoc-style Markdown file: no opening formula, one masthead
#: line a block, headings in bold.
_MARKDOWN = """United Nations | A/HRC/DEC/88/105

# General Assembly

Distr.: General 14 October 2041

---

Human Rights Council

## **Eighty-eighth session**

11 September–10 October 2041

Agenda item 1

Organizational and procedural matters

## **Decision adopted by the Human Rights Council on 10 October 2041**

### **88/105. Keepers of imaginary lighthouses**

At its 47th meeting, on 10 October 2041, the Human Rights Council decided, without a vote, \
to request the Secretary-General to present a report on the keepers of lighthouses to the \
Council at its ninetieth session.

47th meeting

10 October 2041

[Adopted without a vote.]
"""


def test_a_markdown_decision_without_opening_formula():
    """The masthead's short lines ("11 September–10 October 2041", an agenda item's title)
    do not end the header before the adoption line and the number: body, session, title and
    date as the plain text gives them."""
    r = extract_bytes(_MARKDOWN.encode(), "A_HRC_DEC_88_105.md")
    assert (r.symbol, r.body, r.session, r.title, r.adopted_on, r.agenda_item) == (
        "A/HRC/DEC/88/105",
        "HRC",
        88,
        "Keepers of imaginary lighthouses",
        date(2041, 10, 10),
        "1",
    )
    assert r.warnings == []
    assert rows(r) == [("1", "Secretary-General", "report", ("HRC", 90, "at"))]


def test_the_same_lines_as_plain_text_a_line_a_block():
    plain = _MARKDOWN.replace("# ", "").replace("#", "").replace("**", "").replace("---\n", "")
    r = extract_bytes(plain.encode(), "A_HRC_DEC_88_105.txt")
    assert (r.symbol, r.body, r.session, r.title, r.adopted_on) == (
        "A/HRC/DEC/88/105",
        "HRC",
        88,
        "Keepers of imaginary lighthouses",
        date(2041, 10, 10),
    )


def test_a_hundredth_session_masthead_in_markdown():
    """ "## **One hundred and twenty-ninth session**" as a block of its own."""
    text = _MARKDOWN.replace("Eighty-eighth session", "One hundred and twenty-ninth session")
    text = text.replace("88/105", "129/105").replace("ninetieth", "one hundred and thirty-first")
    r = extract_bytes(text.encode(), "A_HRC_DEC_129_105.md")
    assert (r.symbol, r.body, r.session, r.title) == (
        "A/HRC/DEC/129/105",
        "HRC",
        129,
        "Keepers of imaginary lighthouses",
    )
    assert rows(r) == [("1", "Secretary-General", "report", ("HRC", 131, "at"))]


def test_a_resolution_in_markdown_with_bold_headings_reads_as_before():
    """Bold headings around an opening formula: the header fields as ever."""
    text = (
        "United Nations | A/HRC/RES/88/7\n\n# General Assembly\n\n---\n\n"
        "## **Human Rights Council**\n\n## **Eighty-eighth session**\n\nAgenda item 3\n\n"
        "## **Resolution adopted by the Human Rights Council on 10 October 2041**\n\n"
        "### **88/7. Lighthouses and the right to light**\n\n*The Human Rights Council*,\n\n"
        "*Recalling* its resolution 86/4,\n\n1. *Requests* the Secretary-General to present a "
        "report to the Council at its ninetieth session;\n"
    )
    r = extract_bytes(text.encode(), "A_HRC_RES_88_7.md")
    assert (r.symbol, r.body, r.session, r.title, r.adopted_on, r.agenda_item) == (
        "A/HRC/RES/88/7",
        "HRC",
        88,
        "Lighthouses and the right to light",
        date(2041, 10, 10),
        "3",
    )


def test_a_printed_council_symbol_names_the_body_under_the_assembly_masthead():
    """No adoption line, no opening formula: the printed A/HRC/DEC symbol says the Council
    (the masthead prints "General Assembly" first) and a decision's symbol."""
    header = parse_header(
        "United Nations A/HRC/DEC/88/105\n\nGeneral Assembly\n\nHuman Rights Council\n\n"
        "Eighty-eighth session\n\n88/105. Keepers of imaginary lighthouses\n",
        opener_body=None,
    )
    assert (header.symbol, header.body, header.session, header.warnings) == (
        "A/HRC/DEC/88/105",
        "HRC",
        88,
        [],
    )


def test_an_amendment_reads_its_agenda_item_past_the_language_line():
    """An amendment has no opening formula: "Original: English" no longer ends the header
    before the agenda item."""
    text = (
        "United Nations\n\nA/C.3/96/L.70\n\nGeneral Assembly\n\n"
        "Distr.: Limited 12 November 2041\n\nOriginal: English\n\nNinety-sixth session\n\n"
        "Third Committee\n\nAgenda item 68 (b)\n\nHuman rights questions\n\n"
        "Ruritania: amendment to draft resolution A/C.3/96/L.31\n\nLighthouses\n\n"
        "Delete operative paragraph 4.\n"
    )
    r = extract_text(text, source_name="A_C.3_96_L.70.txt")
    assert (r.status, r.symbol, r.agenda_item) == ("amendment", "A/C.3/96/L.70", "68 (b)")
