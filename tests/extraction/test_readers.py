"""Readers: a resolution file becomes clean text with footnotes kept apart."""

from mandates.extraction.readers import SourceDocument, read_bytes, read_text


def test_read_text_joins_wrapped_lines_into_paragraphs():
    """Lines of one block join with a space and blocks stay apart with a blank line."""
    doc = read_text("Human Rights Council\n\nResolution adopted by the Council\non 7 July 2022\n")
    assert isinstance(doc, SourceDocument)
    assert doc.text == "Human Rights Council\n\nResolution adopted by the Council on 7 July 2022"


def test_read_bytes_utf8_markdown_name_gives_md_format():
    """A .md upload is read as Markdown."""
    doc = read_bytes(b"1. Requests the Secretary-General;", "x.md")
    assert doc.format == "md"
    assert doc.text == "1. Requests the Secretary-General;"
