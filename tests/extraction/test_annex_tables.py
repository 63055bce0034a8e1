"""Requests listed in a table of the annex, in each format (invented texts).

A resolution may ask for its reports and events in operative paragraphs and give their
sessions in a table in the annex, or ask for them only there ("to submit the reports and
organize the events listed in the annex, at the sessions indicated therein"). Each row
that names a session of the Council or the Assembly is a deliverable, flagged for a person
to check against the table; a table that cannot be read flags the paragraph instead.
"""

from __future__ import annotations

import pytest

from mandates.extraction import extract_bytes, extract_text
from mandates.extraction.readers import read_bytes
from mandates.extraction.tables import UNREAD_TABLE
from tests.docx_builder import DocxTable, docx_bytes

HEADER = [
    "General Assembly",
    "Ninetieth session",
    "Agenda item 70",
    "Resolution adopted by the General Assembly on 15 December 2035",
    "90/77. Care of imaginary lighthouses",
    "The General Assembly,",
    "Recalling its resolution 88/12 of 20 December 2033,",
]

OPERATIVE = [
    "1. Requests the Secretary-General to report on the state of the lighthouses;",
    "2. Decides to convene a high-level meeting on the lighthouses;",
    "3. Requests the Secretary-General and the other entities indicated in the annex to the "
    "present resolution to submit the reports and organize the events listed therein, at "
    "the sessions indicated therein;",
    "4. Decides to remain seized of the matter.",
]

CLOSING = ["55th plenary meeting", "15 December 2035", "Annex", "Reports and events requested"]

ROWS = [
    ["Report / event", "Mandated by (paragraph)", "Responsible", "Due at (session)"],
    [
        "Report on the state of the lighthouses",
        "Paragraph 1",
        "Secretary-General",
        "General Assembly, ninety-first session",
    ],
    [
        "High-level meeting on the lighthouses",
        "Paragraph 2",
        "General Assembly",
        "General Assembly, during its ninety-second session",
    ],
    [
        "Two regional workshops on lamp maintenance",
        "Paragraph 3",
        "Office of the United Nations High Commissioner for Human Rights, in cooperation with "
        "the United Nations Educational, Scientific and Cultural Organization",
        "Human Rights Council, before its ninety-first session",
    ],
    [
        "Follow-up report on the state of the lighthouses",
        "Paragraph 1",
        "Secretary-General",
        "General Assembly, at its ninety-third session",
    ],
    [
        "Report on the coordination of the lamps",
        "Paragraph 3",
        "Secretary-General",
        "Economic and Social Council, 2037 session",
    ],
]


def _rows(result) -> list[tuple]:
    return sorted(
        (d.paragraph, d.actor, d.kind, d.count, d.due.body, d.due.session, d.due.relation)
        for d in result.deliverables
        if d.due is not None and d.due.session is not None
    )


def test_docx_annex_table_rows_are_deliverables_of_the_paragraphs_they_name():
    """A Word table in the annex ("Report / event", "Mandated by", "Responsible", "Due at
    (session)"): each row naming a session of the Assembly or the Council is a deliverable
    of the paragraph its "mandated by" column names, with the row's actor, kind, count and
    due (the heading's "at" where the row prints no relation), its words as the quote,
    flagged; a paragraph's undated report is dated by its row, not asked for twice; a row
    due at the Economic and Social Council gives nothing."""
    data = docx_bytes([*HEADER, *OPERATIVE, *CLOSING, DocxTable(ROWS)])
    result = extract_bytes(data, "A_RES_90_77.docx")
    assert _rows(result) == [
        ("1", "Secretary-General", "report", 1, "GA", 91, "at"),
        ("1", "Secretary-General", "report", 1, "GA", 93, "at"),
        ("2", "General Assembly", "meeting", 1, "GA", 92, "at"),
        ("3", "OHCHR", "seminar", 2, "HRC", 91, "before"),
    ]
    reports = [d for d in result.deliverables if d.paragraph == "1"]
    assert len(reports) == 2  # the row dated the paragraph's own report
    for deliverable in result.deliverables:
        assert result.text[slice(*deliverable.span)] == deliverable.quote
        assert deliverable.needs_review
        assert any("row" in reason and "annex" in reason for reason in deliverable.review_reasons)
    [workshops] = [d for d in result.deliverables if d.kind == "seminar"]
    assert workshops.quote.startswith("Two regional workshops on lamp maintenance")
    assert workshops.quote.endswith("Human Rights Council, before its ninety-first session")
    assert workshops.partners == ["UNESCO"]
    assert workshops.title == "Two regional workshops on lamp maintenance"
    assert not any(d.due and d.due.body == "ECOSOC" for d in result.deliverables)
    mandate = result.mandates[workshops.mandate]
    assert (mandate.paragraph, mandate.actor, mandate.needs_review) == ("3", "OHCHR", True)


def test_the_referring_paragraphs_own_deadline_is_kept_beside_the_rows():
    """A paragraph that asks for a dated report of its own and sends the reader to the
    annex for the rest keeps its report; a row naming the report the text already dates
    there adds nothing."""
    own = (
        "3. Requests the Secretary-General to submit a report to the General Assembly at its "
        "ninety-first session, and to organize the events listed in the annex to the present "
        "resolution at the sessions indicated therein;"
    )
    table = DocxTable(
        [
            ["Event", "Responsible", "Timing"],
            ["Report on the lamps", "Secretary-General", "General Assembly, ninety-first session"],
            ["Panel discussion on the lamps", "Secretary-General", "Prior to the ninety-second "
             "session of the General Assembly"],
        ]
    )  # fmt: skip
    data = docx_bytes([*HEADER, *OPERATIVE[:2], own, OPERATIVE[3], *CLOSING, table])
    result = extract_bytes(data, "A_RES_90_78.docx")
    third = [d for d in result.deliverables if d.paragraph == "3"]
    assert sorted((d.kind, d.due.session, d.due.relation) for d in third) == [
        ("panel", 92, "before"),
        ("report", 91, "at"),
    ]
    [report] = [d for d in third if d.kind == "report"]
    assert report.quote.startswith("Requests the Secretary-General to submit a report")


def test_html_annex_table_with_body_session_and_timing_apart():
    """An HTML table that prints body, session and timing in columns of their own ("General
    Assembly" | "Ninety-second" | "Before the opening of the session") and a recurrence
    ("annually thereafter"); the rows are of the paragraph that refers to the annex."""
    page = (
        "<html><body>"
        + "".join(f"<p>{line}</p>" for line in HEADER)
        + "<p>1. Requests the Secretary-General, in consultation with the entities indicated "
        "in the annex, to prepare the outputs set out in the annex and to submit them at the "
        "sessions indicated therein;</p><p>2. Decides to remain seized of the matter.</p>"
        + "".join(f"<p>{line}</p>" for line in CLOSING)
        + "<table><tr><th>Output</th><th>Prepared by</th><th>Body</th><th>Session</th>"
        "<th>Timing</th></tr>"
        "<tr><td>Study on lamp efficiency</td><td>Office of the United Nations High "
        "Commissioner for Human Rights</td><td>Human Rights Council</td><td>Ninety-second"
        "</td><td>Before the opening of the session</td></tr>"
        "<tr><td>Oral briefing on the lighthouses</td><td>Secretary-General</td><td>General "
        "Assembly</td><td>Ninety-first</td><td>At the session, and annually thereafter</td>"
        "</tr><tr><td>Report on the beacons</td><td>Secretary-General</td><td>Committee on "
        "Lighthouse Keeping</td><td>Tenth</td><td>At the session</td></tr></table>"
        "</body></html>"
    )
    result = extract_bytes(page.encode(), "A_RES_90_79.html")
    assert _rows(result) == [
        ("1", "OHCHR", "study", 1, "HRC", 92, "before"),
        ("1", "Secretary-General", "oral update", 1, "GA", 91, "at"),
    ]
    [briefing] = [d for d in result.deliverables if d.kind == "oral update"]
    assert briefing.recurring == "annual"


def test_readers_give_the_rows_of_word_and_html_tables_and_keep_the_text():
    """The .docx and HTML readers keep each table's rows (a cell merged across columns
    then leaves the others empty); the text still prints a cell a paragraph."""
    data = docx_bytes(
        ["Annex", DocxTable([["A", "B", "C"], [("Merged", 2), "D"], ["E", "F\nG", ""]])]
    )
    document = read_bytes(data, "table.docx")
    assert [table.rows for table in document.tables] == [
        [["A", "B", "C"], ["Merged", "", "D"], ["E", "F G", ""]]
    ]
    assert document.text.split("\n\n") == ["Annex", "A", "B", "C", "Merged", "D", "E", "F", "G"]
    page = (
        "<table><tr><th>A</th><th>B</th><th>C</th></tr>"
        "<tr><td colspan='2'>Merged</td><td><p>D</p><p>E</p></td></tr></table>"
    )
    document = read_bytes(page.encode(), "table.html")
    assert [table.rows for table in document.tables] == [[["A", "B", "C"], ["Merged", "", "D E"]]]


def test_a_table_that_cannot_be_read_flags_the_paragraph_that_refers_to_it():
    """An annex that lists sessions the reader found no table for (text copied out of a
    PDF, its columns run together): the paragraph that sends the reader there is flagged,
    and the undated reports of the paragraphs it names; nothing is guessed."""
    text = "\n\n".join(
        [
            *HEADER,
            OPERATIVE[0],
            "2. Decides that the reports requested in paragraph 1 above shall be submitted at "
            "the sessions indicated in the annex to the present resolution, and requests the "
            "Secretary-General to observe those time frames;",
            *CLOSING,
            "Report on the state of the Paragraph 1 Secretary-General General Assembly, at its",
            "lighthouses ninety-first session",
        ]
    )
    result = extract_text(text, source_name="A_RES_90_80.txt")
    [report] = [d for d in result.deliverables if d.paragraph == "1"]
    assert report.due is None and UNREAD_TABLE in report.review_reasons
    [mandate] = [m for m in result.mandates if m.paragraph == "2"]
    assert UNREAD_TABLE in mandate.review_reasons
    assert f"paragraph 2: {UNREAD_TABLE}" in result.warnings


def test_a_schedule_in_the_annex_no_paragraph_refers_to_is_left_alone():
    """A table in the annex that no operative paragraph sends the reader to (a text the
    resolution transmits) gives no deliverable and no flag."""
    data = docx_bytes([*HEADER, OPERATIVE[0], OPERATIVE[3], *CLOSING, DocxTable(ROWS)])
    result = extract_bytes(data, "A_RES_90_81.docx")
    assert [(d.paragraph, d.due) for d in result.deliverables] == [("1", None)]
    assert not any(UNREAD_TABLE in w for w in result.warnings)


# ----------------------------------------------------------------------------------- PDF

fpdf = pytest.importorskip("fpdf")

LEFT = 120.0
SMALL = 8.5
COLUMNS = (70.0, 215.0, 290.0, 400.0)  # left edges of the table's four columns
PITCH = 10.0  # lines of a cell
ROW_GAP = 16.0  # from a row's last line to the next row's first


def _pdf_table_page(pdf, rows: list[list[list[str]]], y: float) -> float:
    """Draw rows (cells as their lines) in 8.5 pt from ``y``; returns the y after them."""
    pdf.set_font("Times", size=SMALL)
    for row in rows:
        for left, lines in zip(COLUMNS, row, strict=True):
            for index, line in enumerate(lines):
                pdf.text(left, y + index * PITCH, line)
        y += (max(len(lines) for lines in row) - 1) * PITCH + ROW_GAP
    return y


HEADING = [["Output"], ["Mandated by"], ["Responsible"], ["Due"]]


def test_pdf_annex_table_across_a_page_break_is_read_row_by_row():
    """A PDF table in small print after a page ending in footnotes, its heading printed
    again at the top of the next page (under the running header) and its last row cut by
    the break: the table stays in the text (not in the footnotes), a cell a paragraph, the
    heading is not taken for a running title, and each row is a deliverable."""
    pdf = fpdf.FPDF(unit="pt", format="letter")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Times", size=10)
    pdf.text(480, 50, "A/RES/90/82")
    y = 72.0
    for line in HEADER:
        pdf.text(LEFT, y, line)
        y += 18
    lines = [
        "1. Requests the Secretary-General to report on the state of the lighthouses;",
        "2. Requests the Office of the United Nations High Commissioner for Human Rights",
        "to compile good practices in lamp maintenance;",
        "3. Decides that the reports and other outputs requested in paragraphs 1 and 2",
        "shall be submitted at the sessions indicated in the annex to the present resolution;",
    ]
    for line in lines:
        pdf.text(LEFT, y, line)
        y += 12
    pdf.text(LEFT, y + 10, "55th plenary meeting")
    pdf.text(LEFT, y + 22, "15 December 2035")
    pdf.set_font("Times", size=8)
    pdf.text(100, 700, "__________________")
    pdf.text(LEFT, 712, "1 See A/90/555, a note about the lamps.")
    pdf.add_page()
    pdf.set_font("Times", size=8)
    pdf.text(LEFT, 40, "A/RES/90/82")
    pdf.set_font("Times", size=12)
    pdf.text(LEFT, 72, "Annex")
    pdf.text(LEFT, 90, "Schedule of the reports requested in the present resolution")
    rows = [
        HEADING,
        [
            ["Report on the state of the", "lighthouses"],
            ["Paragraph 1"],
            ["Secretary-General"],
            ["General Assembly, at its", "ninety-first session"],
        ],
        [
            ["Compilation of good practices", "in lamp maintenance"],
            ["Paragraph 2"],
            ["Office of the United Nations", "High Commissioner for", "Human Rights"],
            ["Human Rights Council, no", "later than its ninety-"],
        ],
    ]
    _pdf_table_page(pdf, rows, 620.0)
    pdf.add_page()
    pdf.set_font("Times", size=8)
    pdf.text(LEFT, 40, "A/RES/90/82")
    _pdf_table_page(
        pdf,
        [
            HEADING,
            [[], [], [], ["second session"]],
            [
                ["Follow-up report on the", "lighthouses"],
                ["Paragraph 1"],
                ["Secretary-General"],
                ["General Assembly, at its", "ninety-second session"],
            ],
        ],
        72.0,
    )
    data = bytes(pdf.output())
    document = read_bytes(data, "A_RES_90_82.pdf")
    assert "Secretary-General" not in " ".join(f.text for f in document.footnotes)
    assert [len(table.rows) for table in document.tables] == [4]
    result = extract_bytes(data, "A_RES_90_82.pdf")
    assert _rows(result) == [
        ("1", "Secretary-General", "report", 1, "GA", 91, "at"),
        ("1", "Secretary-General", "report", 1, "GA", 92, "at"),
        ("2", "OHCHR", "compilation", 1, "HRC", 92, "by"),
    ]
