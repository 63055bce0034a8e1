"""The public API: extract_file, extract_bytes, extract_text and the result they return."""

import io
import json
import zipfile
from html import escape

import pytest

import mandates.extraction as extraction
from mandates.extraction import (
    EXTRACTOR_VERSION,
    ExtractionError,
    ExtractionResult,
    NotAResolutionError,
    ReadError,
    extract_bytes,
    extract_file,
    extract_text,
)
from tests.extraction import samples


def test_reexports():
    """The package re-exports the entry points, errors and result classes."""
    for name in ("extract_file", "extract_bytes", "extract_text", "ExtractionResult", "Vote"):
        assert hasattr(extraction, name)
    assert issubclass(ReadError, ExtractionError)
    assert issubclass(NotAResolutionError, ExtractionError)


def test_extract_text_result():
    """extract_text returns an ExtractionResult stamped with the version and source name."""
    result = extract_text(samples.GA, source_name="sample.txt")
    assert isinstance(result, ExtractionResult)
    assert result.extractor_version == EXTRACTOR_VERSION
    assert result.source_name == "sample.txt"
    assert result.symbol == "A/RES/81/150"


def test_extract_file_and_bytes_agree(tmp_path):
    """The same resolution read from a file, from bytes and from text gives the same result."""
    path = tmp_path / "sample.txt"
    path.write_text(samples.HRC, encoding="utf-8")
    from_file = extract_file(path).to_dict()
    from_bytes = extract_bytes(samples.HRC.encode(), "sample.txt").to_dict()
    from_text = extract_text(samples.HRC, source_name="sample.txt").to_dict()
    assert from_file == from_bytes == from_text


def test_spans_index_into_text():
    """Every paragraph span indexes the clean text that the result carries."""
    result = extract_text(samples.HRC)
    for paragraph in [*result.preamble, *result.operative]:
        start, end = paragraph.span
        assert result.text[start:end] == paragraph.text


def test_to_dict_is_json():
    """to_dict() gives JSON-serialisable data with ISO dates and without the text."""
    data = extract_text(samples.HRC).to_dict()
    json.dumps(data)
    assert data["adopted_on"] == "2026-04-02"
    assert "text" not in data
    assert data["operative"][0]["span"][0] < data["operative"][0]["span"][1]


def test_missing_file_is_a_read_error(tmp_path):
    """A missing file raises ReadError naming the file."""
    with pytest.raises(ReadError):
        extract_file(tmp_path / "absent.txt")


def test_empty_text_is_an_extraction_error():
    """Empty text raises an ExtractionError, not another exception."""
    with pytest.raises(ExtractionError):
        extract_text("   \n")


def _blocks(text):
    return [block.replace("\n", " ") for block in text.strip().split("\n\n")]


def _docx(text):
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


def _html(text):
    body = "".join(f"<p>{escape(block)}</p>" for block in _blocks(text))
    return f"<html><body>{body}</body></html>".encode()


def _shape(result):
    return (
        result.symbol,
        result.session,
        result.title,
        result.adopted_on,
        [p.verb for p in result.preamble],
        [(p.number, p.verb, [s.label for s in p.subparagraphs]) for p in result.operative],
        result.vote.yes if result.vote else None,
    )


@pytest.mark.parametrize(("name", "encode"), [("res.docx", _docx), ("res.html", _html)])
def test_other_formats_give_the_same_structure(name, encode):
    """The same resolution as .docx or .html gives the same header and paragraphs as text."""
    expected = _shape(extract_text(samples.HRC))
    assert _shape(extract_bytes(encode(samples.HRC), name)) == expected


def test_pdf_gives_the_same_structure():
    """The same resolution typeset as a PDF gives the same header and paragraphs as text."""
    fpdf = pytest.importorskip("fpdf")
    text = samples.HRC.replace("–", "-")  # the core PDF fonts are Latin-1
    pdf = fpdf.FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for block in text.strip().split("\n\n"):
        pdf.multi_cell(170, 5, block.replace("\t", " "), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    assert _shape(extract_bytes(bytes(pdf.output()), "res.pdf")) == _shape(extract_text(text))


def test_a_paragraph_no_resolution_could_have_is_refused_at_once():
    """A 39 MB text on one line (one sentence repeated) was read as one operative paragraph
    of 420,000 requests: minutes and gigabytes for a file no resolution looks like."""
    sentence = (
        "Requests the Secretary-General to report to the General Assembly at its ninetieth"
        " session; "
    )
    text = "90/5. Care of imaginary lighthouses\n\n1. " + sentence * 6_000
    with pytest.raises(NotAResolutionError, match=r"operative paragraph 1 is 5[0-9,]+ characters"):
        extract_bytes(text.encode(), "A_RES_90_5.txt")
