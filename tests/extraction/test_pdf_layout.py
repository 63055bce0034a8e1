"""The PDF reader's layout rules, one by one, on small PDFs drawn here (invented text).

Each PDF is laid out like a UN document: letter-size pages, body text in 10 pt with
12 pt line spacing and 18 pt between paragraphs, first lines indented, small-print
running headers and footers, footnotes in 8 pt under a short rule.
"""

from __future__ import annotations

import pytest

from mandates.extraction import extract_bytes
from mandates.extraction.readers import read_bytes

fpdf = pytest.importorskip("fpdf")

LEFT = 120.0  # left edge of body text (points)
INDENT = 24.0  # first-line indent


class _Page:
    """A new page; text drawn at positions in points from the top-left corner (pages are
    drawn in order: fpdf2 writes to the page added last)."""

    def __init__(self, pdf: fpdf.FPDF) -> None:
        self.pdf = pdf
        pdf.add_page()

    def text(self, x: float, y: float, text: str, size: float = 10.0) -> float:
        """Draw ``text`` with its baseline at ``y``; return the x where it ends."""
        self.pdf.set_font("Times", size=size)
        self.pdf.text(x, y, text)
        return x + self.pdf.get_string_width(text)


def _document() -> tuple[fpdf.FPDF, _Page]:
    pdf = fpdf.FPDF(unit="pt", format="letter")
    pdf.set_auto_page_break(False)
    return pdf, _Page(pdf)


def _masthead(page: _Page) -> float:
    """The first page's masthead; returns the y of the first body line."""
    page.text(LEFT, 60, "United Nations", 14)
    page.text(480, 60, "A/RES/90/7", 14)
    page.text(LEFT, 88, "General Assembly", 20)
    page.text(400, 88, "Distr.: General", 10)
    page.text(400, 100, "5 January 2031", 10)
    page.text(60, 220, "Ninetieth session", 10)
    page.text(60, 232, "Agenda item 12", 10)
    page.text(LEFT, 270, "Resolution adopted by the General Assembly on 20 December 2030", 14)
    page.text(84, 300, "90/7. Care of imaginary lighthouses", 12)
    page.text(LEFT + INDENT, 330, "The General Assembly,", 10)
    return 348.0


def _paragraph(page: _Page, y: float, lines: list[str]) -> float:
    """A paragraph with an indented first line; returns the y after it."""
    for index, line in enumerate(lines):
        page.text(LEFT + (INDENT if index == 0 else 0), y, line)
        y += 12
    return y + 6


def _pdf_bytes(pdf: fpdf.FPDF) -> bytes:
    return bytes(pdf.output())


def test_running_headers_alternate_between_odd_and_even_pages_and_are_dropped():
    """Even pages print the symbol left and the short title right, odd pages the other way
    round, with "2/3 31-01234" or "31-01234 3/3" at the foot: none of it reaches the text,
    and a paragraph cut by the page break is one paragraph again."""
    pdf, first = _document()
    y = _masthead(first)
    y = _paragraph(first, y, ["Recalling its earlier resolutions on the lighthouses of the"])
    first.text(60, 740, "31-01234 (E) 050131")
    first.text(60, 755, "*3101234*", 12)
    for number in (2, 3):
        page = _Page(pdf)
        if number % 2 == 0:
            page.text(60, 59, "A/RES/90/7", 8.5)
            page.text(330, 59, "Care of imaginary lighthouses", 8.5)
            page.text(60, 755, f"{number}/3", 8.5)
            page.text(520, 755, "31-01234", 8.5)
            _paragraph(
                page, 88, ["coast and of the keepers who tend them,", "and of their families,"]
            )
        else:
            page.text(60, 59, "Care of imaginary lighthouses", 8.5)
            page.text(500, 59, "A/RES/90/7", 8.5)
            page.text(60, 755, "31-01234", 8.5)
            page.text(530, 755, f"{number}/3", 8.5)
            y = _paragraph(
                page, 88, ["1. Requests the Secretary-General to submit a report on the"]
            )
            page.text(LEFT, y - 6, "lamps to the General Assembly at its ninety-first session.")
    document = read_bytes(_pdf_bytes(pdf), "alternating.pdf")
    paragraphs = document.text.split("\n\n")
    assert paragraphs[-2] == (
        "Recalling its earlier resolutions on the lighthouses of the coast and of the keepers"
        " who tend them, and of their families,"
    )
    for furniture in ("31-01234", "3101234", "2/3", "3/3", "Care of imaginary lighthouses "):
        assert furniture not in document.text + " "
    assert document.text.count("A/RES/90/7") == 1  # the masthead only
    result = extract_bytes(_pdf_bytes(pdf), "alternating.pdf")
    assert (result.symbol, result.session, result.title) == (
        "A/RES/90/7",
        90,
        "Care of imaginary lighthouses",
    )


def test_two_pages_that_open_with_the_same_words_keep_them():
    """A page with a narrow top margin opens with a paragraph at the edge where running
    headers print; two such pages opening "N. Requests the Secretary-General to report to
    the General Assembly at its" had the line taken for a running header (numbers blanked)
    and dropped from both: both reports vanished. Found with a Word-made PDF."""
    pdf, first = _document()
    y = _masthead(first)
    _paragraph(first, y, ["Recalling its earlier resolutions on the lighthouses,"])
    for number, session in ((1, "ninety-first"), (2, "ninety-second")):
        page = _Page(pdf)
        _paragraph(
            page,
            40,
            [
                f"{number}. Requests the Secretary-General to report to the General Assembly at its",
                f"{session} session on the care of the lamps;",
            ],
        )
    result = extract_bytes(_pdf_bytes(pdf), "top_margin.pdf")
    due = sorted((d.paragraph, d.due.session) for d in result.deliverables if d.due)
    assert due == [("1", 91), ("2", 92)]


def test_footnotes_under_a_rule_in_small_type_are_kept_apart_and_linked():
    """A small raised digit after a word is a mark; the notes under the rule, in small
    type with raised numbers, become footnotes anchored where their marks stood."""
    pdf, page = _document()
    y = _masthead(page)
    end = page.text(LEFT + INDENT, y, "Recalling the Lighthouse Charter,")
    page.text(end + 0.5, y - 3.5, "1", 6.5)
    page.text(LEFT, y + 12, "and the report of the Keepers' Board,")
    y += 30
    page.text(LEFT + INDENT, y, "1. Requests the Keepers' Board to report to the General Assembly")
    page.text(LEFT, y + 12, "at its ninety-first session;")
    page.text(100, 640, "__________________", 8)
    page.text(117, 655, "1", 5.5)
    page.text(123.4, 658, "Resolution 88/12, annex.", 8.5)
    page.text(117, 669, "2", 5.5)
    page.text(123.4, 672, "See A/90/555, chap. IV, which the Board prepared in", 8.5)
    page.text(123.4, 682, "consultation with the maritime authorities.", 8.5)
    document = read_bytes(_pdf_bytes(pdf), "notes.pdf")
    assert [(f.mark, f.text) for f in document.footnotes] == [
        ("1", "Resolution 88/12, annex."),
        (
            "2",
            "See A/90/555, chap. IV, which the Board prepared in consultation with the"
            " maritime authorities.",
        ),
    ]
    assert document.text[: document.footnotes[0].anchor].endswith("Lighthouse Charter,")
    assert "annex." not in document.text and "maritime" not in document.text
    assert "____" not in document.text


def test_footnotes_without_a_rule_numbered_at_their_own_size_are_kept_apart():
    """Some PDF writers print no rule and set a note's number at the note's size, on its
    baseline, glued to its text ("1See ..."): the small-print lines at the foot of the page
    are still the notes, and the paragraph they interrupt goes on across the page break."""
    pdf, page = _document()
    y = _masthead(page)
    end = page.text(LEFT + INDENT, y, "Recalling the Lighthouse Charter,")
    page.text(end + 0.5, y - 3.5, "1", 6.5)
    y += 18
    page.text(LEFT + INDENT, y, "1. Requests the Keepers' Board, in consultation with the harbour")
    page.text(LEFT, y + 12, "masters and other relevant stakeholders, to")
    page.text(LEFT, 700, "1See A/90/555.", 8.5)
    page.text(LEFT, 710, "2Resolution 88/12, annex.", 8.5)
    page.text(60, 740, "31-01234 (E) 050131")
    second = _Page(pdf)
    second.text(LEFT, 72, "prepare a plan of action for the lamps and to submit it to the General")
    end = second.text(LEFT, 84, "Assembly at its ninety-first session;")
    second.text(end + 0.5, 84 - 3.5, "2", 6.5)
    pdf_bytes = _pdf_bytes(pdf)
    document = read_bytes(pdf_bytes, "glued.pdf")
    assert [(f.mark, f.text) for f in document.footnotes] == [
        ("1", "See A/90/555."),
        ("2", "Resolution 88/12, annex."),
    ]
    assert "A/90/555" not in document.text
    result = extract_bytes(pdf_bytes, "glued.pdf")
    [paragraph] = result.operative
    assert paragraph.text.endswith(
        "stakeholders, to prepare a plan of action for the lamps and "
        "to submit it to the General Assembly at its ninety-first "
        "session;"
    )
    assert [(d.kind, d.due.session) for d in result.deliverables] == [("other", 91)]


def test_paragraph_number_set_apart_from_its_text_stays_with_it():
    """ "4." printed at the indent and the text at a tab stop make one numbered paragraph,
    and the operative part reads its printed numbers."""
    pdf, page = _document()
    y = _masthead(page)
    y = _paragraph(page, y, ["Recalling its earlier resolutions,"])
    for number, verb in ((3, "Welcomes the new lamps;"), (4, "Also decides to remain seized;")):
        page.text(LEFT + INDENT, y, f"{number}.")
        page.text(LEFT + INDENT + 28, y, verb)
        y += 18
    result = extract_bytes(_pdf_bytes(pdf), "numbers.pdf")
    assert [(op.number, op.text) for op in result.operative] == [
        ("3", "Welcomes the new lamps;"),
        ("4", "Also decides to remain seized;"),
    ]
    assert [p.text for p in result.preamble] == ["Recalling its earlier resolutions,"]


def test_job_number_and_bar_code_on_the_first_page_are_dropped():
    """The job number (with its dates) and the bar code at the foot of page 1 are no text."""
    pdf, page = _document()
    y = _masthead(page)
    _paragraph(page, y, ["1. Decides to keep the lights burning."])
    page.text(60, 740, "31-01234 (E) 050131 060131")
    page.text(60, 755, "*3101234*", 12)
    page.text(500, 755, "Please recycle", 7)
    document = read_bytes(_pdf_bytes(pdf), "first.pdf")
    assert document.text.split("\n\n")[-1] == "1. Decides to keep the lights burning."
    for furniture in ("31-01234", "3101234", "recycle"):
        assert furniture not in document.text


def test_word_split_by_a_narrow_gap_is_joined_when_the_document_uses_the_word():
    """Justified text can leave a gap of a fraction of an em inside a word, which PDFium
    reads as a space; the halves are joined when the document uses the whole word
    elsewhere, and a narrow gap between two words stays a space."""
    pdf, page = _document()
    y = _masthead(page)
    x = LEFT + INDENT
    for piece in ("Recalling the ta", "rgeted support for the", "lamps and the", "ir families,"):
        x = page.text(x, y, piece) + 1.5  # a sixth of an em: PDFium puts a space there
    page.text(LEFT, y + 12, "and the targeted training of their children,")
    document = read_bytes(_pdf_bytes(pdf), "split.pdf")
    assert (
        "Recalling the targeted support for the lamps and their families, and the targeted"
        " training of their children,"
    ) in document.text.split("\n\n")
