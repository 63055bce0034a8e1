"""Read a PDF's text layer with pypdf: no running headers or footers, footnotes apart.

Text fragments are collected with their position and font size, grouped into lines, and
then:

* header and footer lines are dropped: page numbers ("3", "2/6"), job numbers
  ("25-12345 (E)", "GE.25-10234(E)"), barcode text, the document symbol at the top of
  later pages, and any line repeated at the top or bottom of most pages;
* small-print lines at the bottom of a page that start with a number are footnotes;
  small raised digits inside the text are footnote marks;
* lines become paragraphs where the vertical gap or an indented first line says so, and
  words broken by a hyphen at a line end are joined again.
"""

from __future__ import annotations

import io
import itertools
import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mandates.extraction.cleaning import Notes, clean_lines, normalise_chars, vocabulary_of
from mandates.extraction.errors import ReadError

if TYPE_CHECKING:
    from mandates.extraction.readers import SourceDocument

MAX_PAGES = 1000

_PAGE_NUMBER = re.compile(
    r"^(?:-\s*)?\d{1,4}(?:\s*-)?$|^(?:Page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$"
    r"|^\d{1,4}\s*/\s*\d{1,4}$",
    re.IGNORECASE,
)
_JOB_NUMBER = re.compile(r"(?:^|\s)(?:GE\.)?\d{2}-\d{4,6}\s*\([A-Z]\)")
_BARCODE = re.compile(r"^\*\d{6,}\*$|^[*\d\s]{10,}$|^Please recycle$", re.IGNORECASE)
_SYMBOL = re.compile(
    r"^(?:[AES]|UNEP|TD|CRC|CCPR)/[A-Z0-9][A-Za-z0-9./-]*(?:\s*\((?:Part\s+)?[IVX\d]+\))?$"
)
_NOTE_START = re.compile(r"^([1-9]\d{0,2})\s+(\S.*)$")
_MARK_LIKE = re.compile(r"^\s*([1-9]\d{0,2}|[*†‡§])\s*$")
_DIGITS = re.compile(r"\d+")
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi"})


@dataclass
class _Fragment:
    text: str
    x: float
    y: float
    size: float


@dataclass
class _Line:
    y: float
    x: float
    size: float
    parts: list[_Fragment] = field(default_factory=list)
    marks: list[tuple[float, str]] = field(default_factory=list)  # (x, mark)

    def text(self, notes: Notes | None = None) -> str:
        items: list[tuple[float, str, bool]] = [(p.x, p.text, False) for p in self.parts]
        items += [(x, mark, True) for x, mark in self.marks]
        items.sort(key=lambda item: item[0])
        out = ""
        end = -1e9
        for x, text, is_mark in items:
            if is_mark:
                out += notes.mark(text) if notes is not None else ""
                continue
            if out and not out.endswith(" ") and not text.startswith(" ") and x > end + 0.8:
                out += " "
            out += text
            end = x + len(text) * self.size * 0.42
        return out.strip()


def read_pdf(data: bytes, name: str) -> SourceDocument:
    """Read a PDF file's bytes into a SourceDocument."""
    from mandates.extraction.readers import SourceDocument

    pages = _extract(data, name)
    notes = Notes()
    lines = _layout(pages, notes)
    body_text = " ".join(line for line in lines if line not in ("", "\f"))
    vocabulary = vocabulary_of(body_text)
    text, footnotes, warnings = clean_lines(lines, notes, vocabulary=vocabulary)
    if len(text.strip()) < 2:
        raise ReadError(name, "the PDF has no text layer (a scanned image?): it needs OCR first")
    return SourceDocument(
        name=name, format="pdf", text=text, footnotes=footnotes, warnings=warnings
    )


# -------------------------------------------------------------------------- extraction


def _extract(data: bytes, name: str) -> list[tuple[float, list[_Fragment]]]:
    """Per page: its height and its text fragments."""
    import pypdf
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except Exception as exc:
                raise ReadError(name, "the PDF is encrypted (password protected)") from exc
            if not opened:
                raise ReadError(name, "the PDF is encrypted (password protected)")
        count = len(reader.pages)
    except ReadError:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, OSError) as exc:
        raise ReadError(name, f"not a readable PDF ({exc})") from exc
    if count == 0:
        raise ReadError(name, "the PDF has no pages")
    if count > MAX_PAGES:
        raise ReadError(name, f"the PDF has too many pages ({count}; at most {MAX_PAGES})")

    pages: list[tuple[float, list[_Fragment]]] = []
    for page in reader.pages:
        fragments: list[_Fragment] = []

        def visit(text: str, cm: Any, tm: Any, font: Any, size: Any, sink=fragments) -> None:
            if not text or not text.strip():
                return
            try:
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0
                effective = float(size or 0) * scale
            except (TypeError, IndexError):
                return
            clean = (
                normalise_chars(text.translate(_LIGATURES)).replace("\n", " ").replace("\f", " ")
            )
            if clean.strip():
                sink.append(_Fragment(clean, float(x), float(y), effective))

        try:
            page.extract_text(visitor_text=visit)
            height = float(page.mediabox.height)
        except ReadError:
            raise
        except Exception as exc:
            raise ReadError(name, f"a page of the PDF cannot be read ({exc})") from exc
        pages.append((height, fragments))
    if not any(fragments for _, fragments in pages):
        raise ReadError(name, "the PDF has no text layer (a scanned image?): it needs OCR first")
    return pages


# ---------------------------------------------------------------------------- layout


def _body_size(pages: list[tuple[float, list[_Fragment]]]) -> float:
    sizes: Counter[float] = Counter()
    for _, fragments in pages:
        for fragment in fragments:
            sizes[round(fragment.size, 1)] += len(fragment.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _group_lines(fragments: list[_Fragment], body: float) -> list[_Line]:
    """Group fragments into lines, top to bottom; small raised digits become marks."""
    regular = []
    raised = []
    for fragment in fragments:
        if fragment.size < 0.85 * body and _MARK_LIKE.match(fragment.text):
            raised.append(fragment)
        else:
            regular.append(fragment)
    regular.sort(key=lambda f: (-f.y, f.x))
    lines: list[_Line] = []
    for fragment in regular:
        tolerance = max(1.5, 0.25 * fragment.size)
        line = lines[-1] if lines else None
        if line is not None and abs(line.y - fragment.y) <= tolerance:
            line.parts.append(fragment)
            line.size = max(line.size, fragment.size)
            line.x = min(line.x, fragment.x)
        else:
            lines.append(_Line(fragment.y, fragment.x, fragment.size, [fragment]))
    for fragment in raised:
        host = None
        for line in lines:
            if line.size >= 0.85 * body and 0 < fragment.y - line.y <= 0.7 * line.size:
                host = line
                break
        mark = fragment.text.strip()
        if host is not None:
            host.marks.append((fragment.x, mark))
            continue
        # A raised number at the start of a small-print line numbers a footnote.
        for line in lines:
            reach = 0.8 * max(line.size, fragment.size) + 1
            if 0 <= fragment.y - line.y <= reach and fragment.x <= line.x + 1:
                line.parts.append(_Fragment(mark + " ", fragment.x, line.y, line.size))
                line.x = min(line.x, fragment.x)
                break
        else:
            lines.append(_Line(fragment.y, fragment.x, fragment.size, [fragment]))
    lines.sort(key=lambda line: -line.y)
    # A note number printed apart from its text on the same baseline: one line again.
    merged: list[_Line] = []
    for line in lines:
        if merged and abs(merged[-1].y - line.y) <= 1.0:
            merged[-1].parts.extend(line.parts)
            merged[-1].marks.extend(line.marks)
            merged[-1].x = min(merged[-1].x, line.x)
        else:
            merged.append(line)
    return merged


def _signature(text: str) -> str:
    return _DIGITS.sub("#", text.lower()).strip()


def _layout(pages: list[tuple[float, list[_Fragment]]], notes: Notes) -> list[str]:
    body = _body_size(pages)
    page_lines = [(height, _group_lines(fragments, body)) for height, fragments in pages]

    # Lines repeated in the margins of most pages are running headers or footers.
    repeated: Counter[str] = Counter()
    for height, lines in page_lines:
        seen = {
            _signature(line.text())
            for line in lines
            if line.y > height * 0.92 or line.y < height * 0.07
        }
        repeated.update(seen)
    threshold = max(2, int(0.6 * len(pages) + 0.5))
    running = {text for text, count in repeated.items() if count >= threshold and len(pages) > 1}

    spacings: list[float] = []
    for _, lines in page_lines:
        for upper, lower in itertools.pairwise(lines):
            gap = upper.y - lower.y
            if upper.size >= 0.9 * body and lower.size >= 0.9 * body and 0 < gap < 3 * body:
                spacings.append(gap)
    spacing = sorted(spacings)[len(spacings) // 4] if spacings else body * 1.2

    out: list[str] = []
    notes_before = False
    for number, (height, lines) in enumerate(page_lines):
        kept = [line for line in lines if not _is_furniture(line, height, number, running, notes)]
        text_lines, note_lines = _split_notes(kept, body, notes_before)
        notes_before = bool(note_lines)
        for line in note_lines:
            text = line.text()
            start = _NOTE_START.match(text)
            if start:
                notes.add_text(start.group(1), start.group(2))
            elif notes.texts:
                mark, previous = notes.texts[-1]
                notes.texts[-1] = (mark, _join_note(previous, text))
        if out:
            out.append("\f")
        previous: _Line | None = None
        margin = min((line.x for line in text_lines), default=0.0)
        for line in text_lines:
            if previous is not None and _new_paragraph(previous, line, spacing, margin):
                out.append("")
            out.append(line.text(notes))
            previous = line
    return out


def _is_furniture(line: _Line, height: float, page: int, running: set[str], notes: Notes) -> bool:
    text = line.text()
    margin = line.y > height * 0.92 or line.y < height * 0.07
    if _JOB_NUMBER.search(text) or _BARCODE.match(text):
        return True
    if margin and _signature(text) in running:
        return True
    if margin and _PAGE_NUMBER.match(text):
        return True
    # The document symbol at the top of later pages (page 1 keeps its front matter).
    return page > 0 and line.y > height * 0.85 and bool(_SYMBOL.match(text))


def _split_notes(
    lines: list[_Line], body: float, notes_before: bool
) -> tuple[list[_Line], list[_Line]]:
    """Body lines and the small-print footnote lines at the bottom of a page.

    The footnote block opens with a numbered note, or, when the previous page ended with
    footnotes, with the rest of its last note.
    """
    start = len(lines)
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].size < 0.92 * body:
            start = index
        else:
            break
    first = start
    while first < len(lines) and not _NOTE_START.match(lines[first].text()):
        first += 1
    if notes_before and first < len(lines):
        return lines[:start], lines[start:]
    return lines[:first], lines[first:]


def _join_note(previous: str, text: str) -> str:
    if previous.endswith("-") and text[:1].islower():
        return previous + text
    return f"{previous} {text}"


def _new_paragraph(previous: _Line, line: _Line, spacing: float, margin: float) -> bool:
    gap = previous.y - line.y
    if gap > spacing * 1.35:
        return True
    indent = line.x - margin
    return indent > 0.8 * line.size and line.x > previous.x + 0.8 * line.size
