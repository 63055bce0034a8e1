"""Turn a resolution file (txt, md, docx, pdf, html) into clean text.

The result is a :class:`SourceDocument`: paragraphs separated by a blank line, footnote
texts kept apart with the offset where their mark stood. Every failure is a
:class:`~mandates.extraction.errors.ReadError` naming the file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from mandates.extraction.cleaning import clean_text
from mandates.extraction.errors import ReadError
from mandates.extraction.result import Footnote

__all__ = ["SourceDocument", "read_bytes", "read_path", "read_text"]


@dataclass
class SourceDocument:
    name: str  # file name shown in messages
    format: str  # "txt" | "md" | "docx" | "pdf" | "html"
    text: str  # clean text, paragraphs separated by a blank line
    footnotes: list[Footnote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_path(path: str | os.PathLike[str]) -> SourceDocument:
    """Read the file at ``path``, choosing the reader by suffix and content."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(path.name, f"cannot open the file ({exc.strerror or exc})") from exc
    return read_bytes(data, path.name)


def read_bytes(data: bytes, name: str) -> SourceDocument:
    """Read an uploaded file's bytes; ``name`` gives the suffix and appears in messages."""
    if not data or not data.strip():
        raise ReadError(name, "the file is empty")
    text = data.decode("utf-8-sig")
    fmt = "md" if name.lower().endswith(".md") else "txt"
    return _from_text(text, name, fmt)


def read_text(text: str, name: str = "<text>") -> SourceDocument:
    """Clean already-decoded text (plain text or Markdown, detected from the content)."""
    if not text.strip():
        raise ReadError(name, "the text is empty")
    return _from_text(text, name, "txt")


def _from_text(text: str, name: str, fmt: str) -> SourceDocument:
    clean, footnotes, warnings = clean_text(text)
    return SourceDocument(name=name, format=fmt, text=clean, footnotes=footnotes, warnings=warnings)
