"""Text copied out of a PDF and saved as .txt: page furniture, footnote blocks, numbers
alone on a line and hyphenation are cleaned as the PDF reader cleans them."""

from __future__ import annotations

import io
import logging
import re
from datetime import date

import pytest

from mandates.extraction import extract_bytes, extract_file
from mandates.extraction.readers import read_text
from tests.extraction.test_realdocs_pdf import ADOPTED, ALL_FILES
from tests.shared_data import shared_path

# An invented resolution as a PDF viewer's "copy all" gives it: the masthead, the job
# number and bar code of page 1, then on each later page the running header (symbol and
# short title, sides alternating) and footer, footnotes under a rule, paragraph numbers
# alone on their lines and a word hyphenated at a line end.
COPIED = """United Nations A/RES/90/7
General Assembly Distr.: General
5 January 2031
31-01234 (E) 050131
*3101234*
Ninetieth session
Agenda item 12
Resolution adopted by the General Assembly
on 20 December 2030
90/7. Care of imaginary lighthouses
The General Assembly,
Recalling the Lighthouse Charter,1
and the report of the Keepers' Board on the devel-
opment of coastal lights,2
__________________
1 Resolution 88/12, annex.
2
A/90/555, chap. IV, prepared by the Board in consultation with the maritime
authorities.
A/RES/90/7 Care of imaginary lighthouses
2/3 31-01234
1.
Requests the Secretary-General to submit to the General Assembly at its ninety-first
session a report on the lamps;
2.
Also decides that the keepers shall meet once a year, and requests the Secretary -
General to convene the first meeting in 2032;
Care of imaginary lighthouses A/RES/90/7
31-01234 3/3
3.
Also decides to remain seized of the matter.
12th plenary meeting
20 December 2030
"""


def test_copied_pdf_text_loses_its_furniture_and_keeps_its_footnotes_apart():
    """Job number, bar code, running headers and footers go; the footnotes under the rule
    (a number alone on its line included) are kept apart and linked to their marks."""
    document = read_text(COPIED, "copied.txt")
    for furniture in (
        "31-01234",
        "3101234",
        "2/3",
        "3/3",
        "____",
    ):
        assert furniture not in document.text
    assert "Care of imaginary lighthouses" not in document.text.split("\n\n")
    assert document.text.count("A/RES/90/7") == 1
    assert [(f.mark, f.text) for f in document.footnotes] == [
        ("1", "Resolution 88/12, annex."),
        (
            "2",
            "A/90/555, chap. IV, prepared by the Board in consultation with the maritime authorities.",
        ),
    ]
    assert document.text[: document.footnotes[0].anchor].endswith("Lighthouse Charter,")
    assert "maritime" not in document.text
    assert "the development of coastal lights," in document.text


def test_a_number_alone_on_its_line_opens_an_operative_paragraph():
    """ "2." alone on a line, then its text: the paragraph is operative 2 and the "Also
    decides" paragraphs after it stay in the operative part."""
    result = extract_bytes(COPIED.encode(), "copied.txt")
    assert [(op.number, op.verb) for op in result.operative] == [
        ("1", "Requests"),
        ("2", "Also decides"),
        ("3", "Also decides"),
    ]
    assert [p.verb for p in result.preamble] == ["Recalling"]
    assert "Secretary-General to convene" in result.operative[1].text
    assert (result.symbol, result.session, result.adopted_on) == (
        "A/RES/90/7",
        90,
        date(2030, 12, 20),
    )
    assert result.title == "Care of imaginary lighthouses"


def test_text_without_pdf_furniture_is_left_alone():
    """A clean text with no job number, bar code or rule reads as before (a figure alone
    on a line inside a table is not taken for a footnote mark)."""
    clean = "The General Assembly,\n\nRecalling its resolutions,\n\n1. Decides to act;\n"
    assert (
        read_text(clean).text
        == "The General Assembly,\n\nRecalling its resolutions,\n\n1. Decides to act;"
    )


def _copies(name: str) -> dict[str, str]:
    """The text of a real PDF as two kinds of viewer copy it (PDFium's, pypdf's)."""
    import pypdf
    import pypdfium2

    data = shared_path("realdocs", "pdf", name).read_bytes()
    document = pypdfium2.PdfDocument(data)
    try:
        pdfium = "\n".join(
            document[index].get_textpage().get_text_range() for index in range(len(document))
        ).replace("\r\n", "\n")
    finally:
        document.close()
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    reader = pypdf.PdfReader(io.BytesIO(data))
    return {"pdfium": pdfium, "pypdf": "\n".join(page.extract_text() for page in reader.pages)}


_FURNITURE = re.compile(r"\b\d{2}-\d{5}\b|\*\d{6,}\*|_{5}|^\d{1,3}/\d{1,3}$", re.MULTILINE)


@pytest.mark.parametrize("name", ALL_FILES)
def test_real_pdf_copied_as_text_has_no_furniture_or_footnote_text(name):
    """Every real PDF copied as text: no job number, bar code, rule or page number left;
    footnotes numbered 1..n with their text, none of it in the paragraphs."""
    for flavour, text in _copies(name).items():
        document = read_text(text, f"{name}.{flavour}.txt")
        assert not _FURNITURE.search(document.text), (flavour, _FURNITURE.search(document.text))
        own = name.removesuffix(".pdf").replace("_", "/")
        paragraphs = document.text.split("\n\n")
        assert not [p for p in paragraphs[4:] if own in p and "draft resolution" not in p], flavour
        numbers = sorted(int(f.mark) for f in document.footnotes if f.mark.isdigit())
        assert numbers == list(range(1, len(numbers) + 1)), flavour
        for footnote in document.footnotes:
            assert footnote.text, (flavour, footnote)
            if len(footnote.text) >= 30:
                assert footnote.text not in document.text, (flavour, footnote)


@pytest.mark.parametrize(("name", "symbol", "session", "number", "adopted_on", "title"), ADOPTED)
def test_real_pdf_copied_as_text_reads_like_the_pdf(
    name, symbol, session, number, adopted_on, title
):
    """The header of the copied text is the printed one, and its dated deliverables are
    those read from the PDF itself."""
    from_pdf = extract_file(shared_path("realdocs", "pdf", name))
    expected = sorted(
        (d.paragraph, d.actor, d.kind, d.due.body, d.due.session)
        for d in from_pdf.deliverables
        if d.due is not None and d.due.session is not None
    )
    for flavour, text in _copies(name).items():
        result = extract_bytes(text.encode(), f"{name}.{flavour}.txt")
        assert (result.symbol, result.session, result.number, result.title) == (
            symbol,
            session,
            number,
            title,
        ), flavour
        assert result.adopted_on == date.fromisoformat(adopted_on), flavour
        got = sorted(
            (d.paragraph, d.actor, d.kind, d.due.body, d.due.session)
            for d in result.deliverables
            if d.due is not None and d.due.session is not None
        )
        assert got == expected, flavour
