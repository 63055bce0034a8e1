"""Decisions whose paragraphs are lettered (invented texts, never a real decision):
"The Human Rights Council, at its 40th meeting, ..., decided, without a vote: (a) To ...;
(b) To ...". The lettered items are the operative paragraphs "(a)", "(b)" ..., and what they
decide or request is read as under "Decides" (0.3.36), in plain text, HTML and PDF alike.
"""

from __future__ import annotations

import html
import textwrap

import pytest

from mandates.extraction.api import extract_bytes, extract_text
from tests.extraction.test_requests import due

_MASTHEAD = (
    "Human Rights Council\n\nSeventy-first session\n\nAgenda item 3\n\n"
    "Decision adopted by the Human Rights Council on 9 April 2038\n\n"
    "71/104. Imaginary lighthouses and their keepers\n\n"
)
_CHAPEAU = (
    "The Human Rights Council, at its 44th meeting, on 9 April 2038, decided, without a vote:"
)
_ITEMS = [
    ("a", "To take note of the report of the Secretary-General on imaginary lighthouses;"),
    (
        "b",
        "To request the Office of the United Nations High Commissioner for Human Rights to "
        "convene a two-day expert workshop on the keepers of lighthouses before the "
        "seventy-third session;",
    ),
    (
        "c",
        "To hold a panel discussion on lighthouses in remote places at its seventy-second session;",
    ),
    (
        "d",
        "To request the Secretary-General to present a report on the keepers of lighthouses "
        "to the Council at its seventy-fourth session.",
    ),
]
_CLOSING = "\n\n44th meeting\n9 April 2038\n"
#: What every layout of the decision above gives: (paragraph, actor, kind, due).
_EXPECTED = [
    ("(b)", "OHCHR", "seminar", ("HRC", 73, "before")),
    ("(c)", "Human Rights Council", "panel", ("HRC", 72, "at")),
    ("(d)", "Secretary-General", "report", ("HRC", 74, "at")),
]


def rows(result):
    return [(d.paragraph, d.actor, d.kind, due(d)) for d in result.deliverables]


def _text(chapeau: str = _CHAPEAU, separator: str = "\n\n") -> str:
    items = separator.join(f"({label}) {words}" for label, words in _ITEMS)
    return _MASTHEAD + chapeau + separator + items + _CLOSING


def test_lettered_paragraphs_are_the_operative_part():
    r = extract_text(_text(), source_name="A_HRC_DEC_71_104.txt")
    assert r.symbol == "A/HRC/DEC/71/104"
    assert [p.number for p in r.operative] == ["(a)", "(b)", "(c)", "(d)"]
    assert [p.verb for p in r.operative] == ["To", "To", "To", "To"]
    assert "structure: no operative paragraphs found" not in r.warnings
    assert rows(r) == _EXPECTED
    assert [d.verb for d in r.deliverables] == ["To request", "To hold", "To request"]


def test_lettered_paragraphs_run_on_one_line_after_the_chapeau():
    """A copy that lost its paragraph breaks: the chapeau and the items on one line."""
    r = extract_text(_text(separator=" "), source_name="A_HRC_DEC_71_104.txt")
    assert [p.number for p in r.operative] == ["(a)", "(b)", "(c)", "(d)"]
    assert r.operative[0].text.startswith("To take note") and r.operative[0].text.endswith(";")
    assert rows(r) == _EXPECTED


def test_a_web_page_of_the_decision():
    """The items as the UN website prints them: a label span in each paragraph."""
    items = "".join(
        f'<p class="decision-para"><span class="para-no">({label})</span> {html.escape(words)}</p>'
        for label, words in _ITEMS
    )
    masthead = "".join(f"<p>{html.escape(line)}</p>" for line in _MASTHEAD.split("\n\n") if line)
    page = (
        f"<html><body>{masthead}<p><em>{html.escape(_CHAPEAU)}</em></p>{items}"
        "<p><em>44th meeting</em><br><em>9 April 2038</em></p></body></html>"
    )
    r = extract_bytes(page.encode(), "A_HRC_DEC_71_104.html")
    assert [p.number for p in r.operative] == ["(a)", "(b)", "(c)", "(d)"]
    assert rows(r) == _EXPECTED


def test_a_web_page_with_a_lettered_list():
    """<ol type="a">: the reader gives the letters back."""
    items = "".join(f"<li>{html.escape(words)}</li>" for _, words in _ITEMS)
    page = (
        f"<html><body><p>{html.escape(_MASTHEAD)}</p><p>{html.escape(_CHAPEAU)}</p>"
        f'<ol type="a">{items}</ol><p>44th meeting<br>9 April 2038</p></body></html>'
    )
    r = extract_bytes(page.encode(), "A_HRC_DEC_71_104.html")
    assert rows(r) == _EXPECTED


def test_a_pdf_of_the_decision():
    """The UN layout: each label at the first-line indent, its text at a tab stop, the
    lines after it at the margin."""
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(unit="pt", format="letter")
    pdf.set_auto_page_break(False)
    pdf.add_page()

    def text(x: float, y: float, words: str, size: float = 10.0) -> None:
        pdf.set_font("Times", size=size)
        pdf.text(x, y, words)

    left, indent = 120.0, 24.0
    text(left, 60, "United Nations", 14)
    text(440, 60, "A/HRC/DEC/71/104", 14)
    text(left, 88, "General Assembly", 20)
    text(400, 88, "Distr.: General", 10)
    text(400, 100, "12 April 2038", 10)
    text(60, 220, "Human Rights Council", 10)
    text(60, 232, "Seventy-first session", 10)
    text(60, 244, "Agenda item 3", 10)
    text(left, 270, "Decision adopted by the Human Rights Council on 9 April 2038", 14)
    text(84, 300, "71/104. Imaginary lighthouses and their keepers", 12)
    y = 330.0
    for index, line in enumerate(textwrap.wrap(_CHAPEAU, 88)):
        text(left + (indent if index == 0 else 0), y, line)
        y += 12
    y += 6
    for label, words in _ITEMS:
        lines = textwrap.wrap(words, 84)
        text(left + indent, y, f"({label})")
        text(left + indent + 24, y, lines[0])
        y += 12
        for line in lines[1:]:
            text(left, y, line)
            y += 12
        y += 6
    text(left, y + 12, "44th meeting")
    text(left, y + 24, "9 April 2038")
    text(60, 740, "38-05555 (E) 120438")
    r = extract_bytes(bytes(pdf.output()), "A_HRC_DEC_71_104.pdf")
    assert [p.number for p in r.operative] == ["(a)", "(b)", "(c)", "(d)"]
    assert rows(r) == _EXPECTED


def test_an_assembly_decision_with_its_narrative_chapeau():
    """ "At its Nth plenary meeting, ..., the General Assembly, on the recommendation of the
    Second Committee, decided:" has no opening formula; "To convene" is the Assembly's
    meeting, as "Decides to convene" is."""
    text = (
        "General Assembly\n\nNinety-third session\n\nAgenda item 19\n\n"
        "Decision adopted by the General Assembly on 20 December 2038\n\n"
        "[on the report of the Second Committee (A/93/440)]\n\n"
        "93/512. Imaginary harbours\n\n"
        "At its 61st plenary meeting, on 20 December 2038, the General Assembly, on the "
        "recommendation of the Second Committee, decided:\n\n"
        "(a) To take note of the note by the Secretary-General on imaginary harbours;\n\n"
        "(b) To request the Secretary-General to submit to the General Assembly at its "
        "ninety-fifth session a report on shipping in small harbours;\n\n"
        "(c) To convene a one-day high-level meeting on imaginary harbours during its "
        "ninety-fourth session.\n"
    )
    r = extract_text(text, source_name="A_DEC_93_512.txt")
    assert (r.symbol, r.body, r.session) == ("A/DEC/93/512", "GA", 93)
    assert rows(r) == [
        ("(b)", "Secretary-General", "report", ("GA", 95, "at")),
        ("(c)", "General Assembly", "meeting", ("GA", 94, "at")),
    ]


def test_sub_items_of_a_lettered_paragraph_and_the_consideration():
    """ "(b) To request the Secretary-General: (i) ...; (ii) ...;" then "(c)": the roman items
    belong to (b) (an "(i)" after "(h) ...:" would too); "(c) To continue its consideration"
    is the consideration. "adopted without a vote the following decision:" opens it too."""
    text = (
        _MASTHEAD + "The Human Rights Council, at its 44th meeting, on 9 April 2038, adopted "
        "without a vote the following decision:\n\n"
        "(a) To take note of the report of the Secretary-General;\n\n"
        "(b) To request the Secretary-General:\n\n"
        "(i) To prepare a study on lighthouses and to present it to the Council at its "
        "seventy-second session;\n\n"
        "(ii) To organize an expert workshop on keepers before the seventy-third session;\n\n"
        "(c) To continue its consideration of the question at its seventy-third session;\n\n"
        "(d) To postpone the panel discussion on lighthouses;\n\n"
        "(e) To request the High Commissioner to present an oral update to the Council at its "
        "seventy-first session;\n\n"
        "(f) To close the item." + _CLOSING
    )
    r = extract_text(text, source_name="A_HRC_DEC_71_104.txt")
    assert [p.number for p in r.operative] == ["(a)", "(b)", "(c)", "(d)", "(e)", "(f)"]
    assert [s.label for s in r.operative[1].subparagraphs] == ["i", "ii"]
    assert rows(r) == [
        ("(b)(i)", "Secretary-General", "study", ("HRC", 72, "at")),
        ("(b)(ii)", "Secretary-General", "seminar", ("HRC", 73, "before")),
        ("(e)", "High Commissioner", "oral update", ("HRC", 71, "at")),
    ]
    assert (r.consideration.paragraph, r.consideration.session) == ("(c)", 73)


def test_a_preambular_list_after_a_colon_stays_preamble():
    """ "Recalling its resolution 60/3, in which it decided: (a) ...": a quoted decision in
    the preamble, not the operative part."""
    text = (
        _MASTHEAD.replace("Decision adopted", "Resolution adopted").replace("71/104", "71/4")
        + "The Human Rights Council,\n\n"
        "Recalling its resolution 60/3, in which it decided:\n\n"
        "(a) To hold a panel discussion at its sixty-first session;\n\n"
        "(b) To request a report;\n\n"
        "1. Requests the Secretary-General to present a report to the Council at its "
        "seventy-fourth session." + _CLOSING
    )
    r = extract_text(text, source_name="A_HRC_RES_71_4.txt")
    assert [p.number for p in r.operative] == ["1"]
    assert rows(r) == [("1", "Secretary-General", "report", ("HRC", 74, "at"))]


def test_a_lettered_item_that_sets_the_session_before_the_council_holding_a_panel():
    """ "(c) That, at its Nth session, the Council shall hold a panel discussion on X" (0.3.37):
    the Council's panel at N; "(d) That the report ... shall continue to be presented to the
    Assembly" gives nothing dated."""
    text = (
        _MASTHEAD + _CHAPEAU + "\n\n(a) To take note of the report of the Secretary-General;\n\n"
        "(b) To request the Secretary-General to present a report to the Council at its "
        "seventy-fourth session;\n\n"
        "(c) That, at its seventy-second session, the Council shall hold the panel discussion "
        "on lighthouses that was scheduled for the present session;\n\n"
        "(d) That the annual report of the Secretary-General on keepers shall continue to be "
        "presented to the General Assembly." + _CLOSING
    )
    r = extract_text(text, source_name="A_HRC_DEC_71_104.txt")
    assert rows(r) == [
        ("(b)", "Secretary-General", "report", ("HRC", 74, "at")),
        ("(c)", "Human Rights Council", "panel", ("HRC", 72, "at")),
    ]
    assert r.deliverables[1].verb == "That"


def test_a_lettered_item_that_takes_note_of_a_report_records_its_symbol():
    """ "(b) To take note of the report of the Special Rapporteur (A/HRC/130/45)" is taken
    note of as "2. Takes note of the report ... (A/HRC/130/45)" is (0.3.47); "(a) To welcome"
    and a symbol in an item that asks for something are no taken note."""
    text = (
        _MASTHEAD + _CHAPEAU + "\n\n(a) To welcome the work of the keepers of lighthouses;\n\n"
        "(b) To take note of the report of the Special Rapporteur on imaginary lighthouses "
        "(A/HRC/130/45);\n\n"
        "(c) To request the Secretary-General, taking into account the study (A/HRC/129/7), "
        "to present a report to the Council at its seventy-fourth session." + _CLOSING
    )
    r = extract_text(text, source_name="A_HRC_DEC_71_104.txt")
    assert [(n.paragraph, n.document) for n in r.takes_note_of] == [("(b)", "A/HRC/130/45")]
    assert rows(r) == [("(c)", "Secretary-General", "report", ("HRC", 74, "at"))]
