"""Paragraphs a draft inserts after an existing one (invented texts): "5 bis.", "5bis.",
"5 ter.". Each is a paragraph of its own labelled as printed ("5 bis", one label whichever
way the draft spaced it), with no numbering warning, "6." due after it as after 5, and its
sub-paragraphs "5 bis(a)". Before, "5 bis. Requests ..." ran on as words of paragraph 5 (or,
with its number set apart, was counted as paragraph 6 beside the printed 6).
"""

from __future__ import annotations

import pytest

from mandates.extraction import extract_bytes, extract_text
from tests.extraction.holdout_report import paragraph_label

DRAFT = """United Nations A/HRC/139/L.7

General Assembly Distr.: Limited 1 April 2049

Human Rights Council
Hundred and thirty-ninth session
Agenda item 3

Ruritania: draft resolution

139/... Lighthouse keepers and the right to rest

The Human Rights Council,

Recalling its resolution 130/4 of 6 October 2045,

1. Welcomes the work of the lighthouse keepers;

2. Calls upon States to respect the keepers' right to rest;

3. Encourages States to share good practice;

4. Invites the keepers' associations to take part in the dialogue;

5. Requests the Office of the High Commissioner to convene an expert seminar before the one \
hundred and fortieth session of the Council;

5 bis. Requests the High Commissioner to prepare a report on the right to rest of lighthouse \
keepers, in the light of resolution 130/4, and to present it to the Council at its one hundred \
and fortieth session;

5 ter. Also requests the High Commissioner:

(a) To convene a panel discussion on night shifts at the one hundred and forty-first session \
of the Council;

(b) To present a compilation of good practice to the Council at its one hundred and \
forty-second session;

6. Decides to remain seized of the matter.
"""

NUMBERS = ["1", "2", "3", "4", "5", "5 bis", "5 ter", "6"]


def _dues(result) -> list[tuple[str, str, int]]:
    return [(d.paragraph, d.kind, d.due.session) for d in result.deliverables]


def test_an_inserted_paragraph_is_a_paragraph_of_its_own_labelled_as_printed():
    result = extract_text(DRAFT, source_name="L.7.txt")
    assert [paragraph.number for paragraph in result.operative] == NUMBERS
    assert not [warning for warning in result.warnings if "operative" in warning]
    assert _dues(result) == [
        ("5", "seminar", 140),
        ("5 bis", "report", 140),
        ("5 ter(a)", "panel", 141),
        ("5 ter(b)", "compilation", 142),
    ]
    inserted = result.operative[6]
    assert [sub.label for sub in inserted.subparagraphs] == ["a", "b"]
    assert [(r.symbol, r.paragraph) for r in result.references] == [
        ("130/4", None),
        ("130/4", "5 bis"),
    ]


@pytest.mark.parametrize("printed", ["5bis.", "5\u00a0bis.", "5 bis."])
def test_bis_with_or_without_a_space_is_one_label(printed):
    result = extract_text(DRAFT.replace("5 bis.", printed), source_name="L.7.txt")
    assert [paragraph.number for paragraph in result.operative] == NUMBERS
    assert paragraph_label(printed.rstrip(".")) == paragraph_label("5 bis")


def test_an_inserted_paragraph_out_of_place_is_flagged():
    result = extract_text(DRAFT.replace("5 ter.", "3 ter."), source_name="L.7.txt")
    assert "3 ter" in [paragraph.number for paragraph in result.operative]
    assert "operative numbering: paragraph 3 ter follows 5 (expected it after 3)" in (
        result.warnings
    )
    assert not [w for w in result.warnings if "paragraph 6 follows" in w]


def test_a_number_alone_on_its_line_opens_the_inserted_paragraph():
    """A copy from a PDF sets "5 ter." on a line of its own, its text after a blank line."""
    text = DRAFT.replace("5 ter. Also", "5 ter.\n\nAlso")
    result = extract_text(text, source_name="L.7.txt")
    assert [paragraph.number for paragraph in result.operative] == NUMBERS
    assert not [warning for warning in result.warnings if "operative" in warning]


LAYOUT = """                United Nations                                              A/HRC/139/L.7
                General Assembly                                          Distr.: Limited
                                                                          1 April 2049
Human Rights Council
Hundred and thirty-ninth session
Agenda item 3
                Ruritania: draft resolution
                139/... Lighthouse keepers and the right to rest
                     The Human Rights Council,
                     Recalling its resolution 130/4 of 6 October 2045,
                     1.     Welcomes the work of the lighthouse keepers and their families and
                friends, who keep the lamps burning through the longest and darkest nights;
                     2.     Calls upon States to respect the keepers' right to rest and to ensure
                that keepers have the time they need to sleep, to eat and to see their families;
                     2 bis. Requests the High Commissioner to prepare a report on the right to rest
                of lighthouse keepers and to present it to the Council at its one hundred and
                fortieth session;
                     3.     Decides to remain seized of the matter.
"""


def test_a_layout_copy_keeps_the_inserted_paragraph_apart():
    """pdftotext -layout: the line before ends a paragraph at full width."""
    result = extract_bytes(LAYOUT.encode(), "L.7.txt")
    assert [paragraph.number for paragraph in result.operative] == ["1", "2", "2 bis", "3"]
    assert _dues(result) == [("2 bis", "report", 140)]


def test_a_web_page_with_the_number_in_an_element_of_its_own():
    ops = [
        ("1.", "Welcomes the work of the lighthouse keepers;"),
        ("2.", "Calls upon States to respect the keepers' right to rest;"),
        (
            "2 bis.",
            "Requests the High Commissioner to prepare a report on the right to rest and to"
            " present it to the Council at its one hundred and fortieth session;",
        ),
        ("3.", "Decides to remain seized of the matter."),
    ]
    paragraphs = "".join(f'<p><span class="num">{n}</span>{words}</p>' for n, words in ops)
    page = (
        "<!DOCTYPE html><html><body><p>Human Rights Council</p>"
        "<p>Hundred and thirty-ninth session</p><p>A/HRC/139/L.7</p>"
        "<p>139/... Lighthouse keepers and the right to rest</p>"
        f"<p>The Human Rights Council,</p><p>Recalling its resolution 130/4,</p>{paragraphs}"
        "</body></html>"
    )
    result = extract_bytes(page.encode(), "L.7.html")
    assert [paragraph.number for paragraph in result.operative] == ["1", "2", "2 bis", "3"]
    assert _dues(result) == [("2 bis", "report", 140)]


def _pdf(gap: float) -> bytes:
    """The draft with "2 bis." at the paragraphs' first-line indent and its text ``gap``
    points further, at a tab stop."""
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(unit="pt", format="letter")
    pdf.set_auto_page_break(False)
    pdf.add_page()

    def text(x: float, y: float, words: str, size: float = 10.0) -> None:
        pdf.set_font("Times", size=size)
        pdf.text(x, y, words)

    text(120, 60, "United Nations", 14)
    text(480, 60, "A/HRC/139/L.7", 14)
    text(120, 88, "General Assembly", 20)
    text(400, 88, "Distr.: Limited")
    text(400, 100, "1 April 2049")
    text(60, 200, "Human Rights Council")
    text(60, 212, "Hundred and thirty-ninth session")
    text(84, 260, "139/... Lighthouse keepers and the right to rest", 12)
    text(144, 290, "The Human Rights Council,")
    text(144, 308, "Recalling its resolution 130/4 of 6 October 2045,")
    y = 326.0
    for number, lines in (
        ("1.", ["Welcomes the work of the lighthouse keepers;"]),
        ("2.", ["Calls upon States to respect the keepers' right to rest;"]),
        (
            "2 bis.",
            [
                "Requests the High Commissioner to prepare a report on the right to rest and",
                "to present it to the Council at its one hundred and fortieth session;",
            ],
        ),
        ("3.", ["Decides to remain seized of the matter."]),
    ):
        text(144, y, number)
        text(144 + gap, y, lines[0])
        for line in lines[1:]:
            y += 12
            text(120, y, line)
        y += 18
    return bytes(pdf.output())


@pytest.mark.parametrize("gap", [36.0, 70.0])
def test_a_pdf_reads_the_inserted_paragraph_near_or_at_a_tab_stop(gap):
    result = extract_bytes(_pdf(gap), "L.7.pdf")
    assert [paragraph.number for paragraph in result.operative] == ["1", "2", "2 bis", "3"]
    assert not [warning for warning in result.warnings if "operative" in warning]
    assert _dues(result) == [("2 bis", "report", 140)]
