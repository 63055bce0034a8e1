"""An Assembly text adopted in parts (invented texts): "104/180. Title", then "A", the first
part's title and "The General Assembly,", its paragraphs 1..n; then "B", its title, its own
"The General Assembly," and paragraphs from 1 again; and so on.

Every part's paragraphs carry the part's letter ("A.4" as "B.3"): the "A" before the first
opening formula belonged to the header and part A's paragraphs were "4", "5". The
resolution's title neither swallows the "A" and the part's title nor is lost when the
number stands alone on its line, and a later part's own opening formula is no paragraph's
words. The plain text, Markdown, Word, HTML, a pdftotext -layout copy and a PDF read alike.
"""

from __future__ import annotations

import html
import io
import zipfile
from xml.sax.saxutils import escape

import pytest

from mandates.extraction import extract_bytes, extract_text
from mandates.extraction.structure import parse_structure

OMNIBUS = """United Nations A/RES/104/180 A-C

General Assembly Distr.: General 22 December 2049

Hundred and fourth session
Agenda item 68 (b)

Resolutions adopted by the General Assembly on 19 December 2049

[on the report of the Third Committee (A/104/480/Add.2, para. 118)]

104/180. Lighthouses in the digital sphere

A

The right to privacy of lighthouse keepers

The General Assembly,

Recalling its resolution 102/77 of 15 December 2047,

Noting with concern the growing number of lamps left unattended,

1. Calls upon all States to respect the privacy of lighthouse keepers;

2. Encourages States to review their lamp regulations;

3. Invites the keepers' associations to share good practice;

4. Requests the Secretary-General to submit to the General Assembly at its one hundred and \
fifth session a report on the implementation of the present resolution;

5. Decides to continue its consideration of the question at its one hundred and fifth session.

B

Safety of keepers' children

The General Assembly,

Reaffirming its resolution 103/12 of 1 December 2048,

1. Urges States to ensure the safety of children living in lighthouses;

2. Requests the Secretary-General to submit to the General Assembly at its one hundred and \
sixth session a report on the safety of keepers' children;

3. Decides to include in the provisional agenda of its one hundred and sixth session the \
item entitled "Lighthouses in the digital sphere".

C

Fog signals

The General Assembly,

Bearing in mind its resolution 101/3 of 4 November 2046,

1. Welcomes the work of the fog signal commission;

2. Requests the commission to present an oral update to the General Assembly at its one \
hundred and fifth session.

45th plenary meeting
19 December 2049
"""

NUMBERS = ["A.1", "A.2", "A.3", "A.4", "A.5", "B.1", "B.2", "B.3", "C.1", "C.2"]
TITLE = "Lighthouses in the digital sphere"

# The same text as pdftotext -layout prints the PDF: the part's letter centred on a line
# of its own right above its centred title, paragraphs without blank lines between them.
LAYOUT = """                United Nations                                            A/RES/104/180 A-C
                General Assembly                                          Distr.: General
                                                                          22 December 2049




Hundred and fourth session
Agenda item 68 (b)
Lighthouses in the digital sphere


                Resolutions adopted by the General Assembly
                on 19 December 2049
                [on the report of the Third Committee (A/104/480/Add.2, para. 118)]

  104/180.      Lighthouses in the digital sphere

                                                    A
                          The right to privacy of lighthouse keepers

                     The General Assembly,
                     Recalling its resolution 102/77 of 15 December 2047,
                     Noting with concern the growing number of lamps left unattended,
                     1.     Calls upon all States to respect the privacy of lighthouse keepers;
                     2.     Encourages States to review their lamp regulations;
                     3.     Invites the keepers' associations to share good practice;
                     4.     Requests the Secretary-General to submit to the General Assembly at
                its one hundred and fifth session a report on the implementation of the present
                resolution;
                     5.     Decides to continue its consideration of the question at its one hundred
                and fifth session.

                                                    B
                                     Safety of keepers' children

                     The General Assembly,
                     Reaffirming its resolution 103/12 of 1 December 2048,
                     1.     Urges States to ensure the safety of children living in lighthouses;
                     2.     Requests the Secretary-General to submit to the General Assembly at
                its one hundred and sixth session a report on the safety of keepers' children;
                     3.     Decides to include in the provisional agenda of its one hundred and
                sixth session the item entitled "Lighthouses in the digital sphere".

                                                    C
                                            Fog signals

                     The General Assembly,
                     Bearing in mind its resolution 101/3 of 4 November 2046,
                     1.     Welcomes the work of the fog signal commission;
                     2.     Requests the commission to present an oral update to the General
                Assembly at its one hundred and fifth session.

                                                                    45th plenary meeting
                                                                      19 December 2049
"""


def _blocks(text: str) -> list[str]:
    return [" ".join(block.split()) for block in text.strip().split("\n\n")]


def _docx(text: str) -> bytes:
    namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paragraphs = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(block)}</w:t></w:r></w:p>'
        for block in _blocks(text)
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml",
            f'<w:document xmlns:w="{namespace}"><w:body>{paragraphs}</w:body></w:document>',
        )
    return buffer.getvalue()


def _html(text: str) -> bytes:
    body = "".join(f"<p>{html.escape(block)}</p>" for block in _blocks(text))
    return f"<!DOCTYPE html><html><body>{body}</body></html>".encode()


def _markdown(text: str) -> bytes:
    """The letters in bold, the opening formulas in italics, as a Markdown export sets them."""
    for letter in "ABC":
        text = text.replace(f"\n{letter}\n", f"\n**{letter}**\n")
    return text.replace("The General Assembly,", "*The General Assembly*,").encode()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("omnibus.txt", OMNIBUS.encode()),
        ("omnibus.md", _markdown(OMNIBUS)),
        ("omnibus.docx", _docx(OMNIBUS)),
        ("omnibus.html", _html(OMNIBUS)),
        ("omnibus-layout.txt", LAYOUT.encode()),
    ],
)
def test_the_first_parts_paragraphs_carry_its_letter_in_every_format(name, data):
    result = extract_bytes(data, name)
    assert [paragraph.number for paragraph in result.operative] == NUMBERS
    assert result.title == TITLE
    assert not [warning for warning in result.warnings if "numbering" in warning]
    assert [(d.paragraph, d.due.session) for d in result.deliverables] == [
        ("A.4", 105),
        ("B.2", 106),
        ("C.2", 105),
    ]


def test_a_later_parts_opening_formula_is_no_words_of_the_paragraph_before():
    result = extract_text(OMNIBUS, source_name="omnibus.txt")
    texts = {paragraph.number: paragraph.text for paragraph in result.operative}
    assert texts["A.5"].endswith("one hundred and fifth session.")
    assert texts["B.3"].endswith('"Lighthouses in the digital sphere".')
    assert [paragraph.verb for paragraph in result.preamble] == [
        "Recalling",
        "Noting with concern",
        "Reaffirming",
        "Bearing in mind",
    ]


def test_the_title_after_a_number_alone_on_its_line_is_kept():
    """ "104/180.", then the title on a line of its own: the part's letter and title after
    it made three blocks where the title is the one block after the number."""
    text = OMNIBUS.replace("104/180. Lighthouses", "104/180.\n\nLighthouses")
    result = extract_text(text, source_name="omnibus.txt")
    assert result.title == TITLE
    assert [paragraph.number for paragraph in result.operative] == NUMBERS


def test_the_title_does_not_swallow_the_letter_and_the_parts_title():
    """One block: the title, the letter and the part's title on lines that follow each other."""
    text = OMNIBUS.replace(
        "sphere\n\nA\n\nThe right to privacy of lighthouse keepers\n\n",
        "sphere\nA\nThe right to privacy of lighthouse keepers\n",
    )
    result = extract_text(text, source_name="omnibus.txt")
    assert result.title == TITLE
    assert [paragraph.number for paragraph in result.operative] == NUMBERS


def test_a_first_part_printed_without_a_title_of_its_own():
    text = OMNIBUS.replace("A\n\nThe right to privacy of lighthouse keepers\n\n", "A\n\n")
    result = extract_text(text, source_name="omnibus.txt")
    assert result.title == TITLE
    assert [paragraph.number for paragraph in result.operative] == NUMBERS


def test_a_title_that_opens_with_the_article_a_is_no_part():
    """ "A world fit for lighthouse keepers" after a number alone: the title, not part A."""
    text = (
        "Resolution adopted by the General Assembly on 19 December 2049\n\n"
        "104/181.\n\nA world fit for lighthouse keepers\n\nThe General Assembly,\n\n"
        "Recalling its resolution 102/77,\n\n1. Welcomes the report;\n\n2. Decides to remain"
        " seized of the matter.\n"
    )
    structure = parse_structure(text)
    assert structure.header.title == "A world fit for lighthouse keepers"
    assert [paragraph.number for paragraph in structure.operative] == ["1", "2"]


def test_a_part_that_numbers_on_alone_keeps_its_plain_numbers():
    """A text with an "A" before its opening formula and no part B restarting at 1: the
    numbers stay as printed (only parts that restart numbering carry letters)."""
    text = OMNIBUS.split("\nB\n")[0]
    result = extract_text(text + "\n45th plenary meeting\n", source_name="omnibus.txt")
    assert [paragraph.number for paragraph in result.operative] == ["1", "2", "3", "4", "5"]
    assert result.title == TITLE


def _pdf() -> bytes:
    """The first two parts drawn as a UN PDF sets them: the letter and the part's title
    centred in bold, a line apart."""
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(unit="pt", format="letter")
    pdf.set_auto_page_break(False)
    pdf.add_page()

    def text(x: float, y: float, words: str, size: float = 10.0, style: str = "") -> None:
        pdf.set_font("Times", style=style, size=size)
        pdf.text(x, y, words)

    def centred(y: float, words: str) -> None:
        pdf.set_font("Times", style="B", size=10.0)
        pdf.text(306 - pdf.get_string_width(words) / 2, y, words)

    def paragraph(y: float, lines: list[str], number: str = "") -> float:
        for index, line in enumerate(lines):
            if index == 0 and number:
                text(144, y, number)
                text(168, y, line)
            else:
                text(144 if index == 0 else 120, y, line)
            y += 12
        return y + 6

    text(120, 60, "United Nations", 14)
    text(450, 60, "A/RES/104/180 A-C", 14)
    text(120, 88, "General Assembly", 20)
    text(400, 88, "Distr.: General")
    text(400, 100, "22 December 2049")
    text(60, 200, "Hundred and fourth session")
    text(60, 212, "Agenda item 68 (b)")
    text(120, 250, "Resolutions adopted by the General Assembly on 19 December 2049", 14)
    text(120, 268, "[on the report of the Third Committee (A/104/480/Add.2, para. 118)]")
    text(84, 296, "104/180. Lighthouses in the digital sphere", 12, "B")
    centred(326, "A")
    centred(340, "The right to privacy of lighthouse keepers")
    y = paragraph(366, ["The General Assembly,"])
    y = paragraph(y, ["Recalling its resolution 102/77 of 15 December 2047,"])
    y = paragraph(y, ["Calls upon all States to respect the privacy of lighthouse keepers;"], "1.")
    y = paragraph(
        y,
        [
            "Requests the Secretary-General to submit to the General Assembly at its one",
            "hundred and fifth session a report on the implementation of the present resolution.",
        ],
        "2.",
    )
    centred(y + 6, "B")
    centred(y + 20, "Safety of keepers' children")
    y = paragraph(y + 46, ["The General Assembly,"])
    y = paragraph(y, ["Reaffirming its resolution 103/12 of 1 December 2048,"])
    y = paragraph(y, ["Urges States to ensure the safety of children living in lighthouses;"], "1.")
    y = paragraph(
        y,
        [
            "Requests the Secretary-General to submit to the General Assembly at its one",
            "hundred and sixth session a report on the safety of keepers' children.",
        ],
        "2.",
    )
    text(400, y + 20, "45th plenary meeting")
    text(400, y + 32, "19 December 2049")
    return bytes(pdf.output())


def test_a_pdf_sets_the_letter_apart_from_the_parts_title():
    """The PDF's lines sit close: "A The right to privacy ..." hid the letter in the header."""
    result = extract_bytes(_pdf(), "omnibus.pdf")
    assert [paragraph.number for paragraph in result.operative] == ["A.1", "A.2", "B.1", "B.2"]
    assert result.title == TITLE
    assert [(d.paragraph, d.due.session) for d in result.deliverables] == [
        ("A.2", 105),
        ("B.2", 106),
    ]
