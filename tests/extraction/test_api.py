"""The public API: extract_file, extract_bytes, extract_text and the result they return."""

import json

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
