"""Read a PDF's text layer (PDFium, through pypdfium2): no page furniture, footnotes apart.

PDFium gives every glyph with its position and font size, and the spaces the file itself
holds apart from the ones it guesses (its "generated" spaces). The reader builds on that
and on the layout of UN documents:

* pieces of text on one baseline make a line; a wide gap on a baseline separates columns
  (the symbol at the right of "United Nations", a table's cells);
* a generated space inside a word ("ta rgeted", "twenty -fourth"), where the gap is a
  fraction of a normal word space, is dropped when the document's own words say that the
  two pieces make one word;
* small raised digits or signs beside the text are footnote marks; a rule ("____") or small
  print at the foot of a page opens the footnotes, each numbered, kept apart and linked to
  its mark;
* running headers and footers, which alternate between odd and even pages, are dropped:
  lines at the top or bottom of a page that hold the document symbol, a page number, a job
  number ("24-24143 (E)") or a bar code ("*2424143*"), or that come back on other pages;
* a paragraph starts where the vertical gap is wider than the line spacing or the first
  line is indented after a line that ended a sentence; printed paragraph numbers set apart
  from their text (a tab stop) stay at the start of their paragraph.

The result goes through the same cleaning as the other readers (cleaning.clean_lines).
"""

from __future__ import annotations

import ctypes
import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mandates.extraction.cleaning import (
    Notes,
    clean_lines,
    known_words,
    normalise_chars,
    vocabulary_of,
)
from mandates.extraction.errors import ReadError
from mandates.extraction.ordinals import INSERTED_SUFFIX
from mandates.extraction.regex_cache import compiled
from mandates.extraction.result import Table

if TYPE_CHECKING:
    from mandates.extraction.readers import SourceDocument

__all__ = ["MAX_PAGES", "page_count", "read_pdf"]

MAX_PAGES = 1000

# A gap on a baseline wider than this (in ems) separates columns, not words.
_COLUMN_GAP = 2.0
# A generated space narrower than this (in ems) may sit inside a word.
_INNER_GAP = 0.3
# ... and narrower than this one whose two halves the document never uses as words.
_TIGHT_GAP = 0.2
# A number opening a line and set apart by more than this (in ems) may be a line number.
_LEAD_GAP = 1.0
_MARK_SIGNS = frozenset("*†‡§")

_PAGE_NUMBER = compiled(
    r"^(?:-\s*)?\d{1,4}(?:\s*-)?$|^(?:Page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$"
    r"|^\d{1,4}\s*/\s*\d{1,4}$",
    re.IGNORECASE,
)
# "24-24143 (E)", "GE.25-10234(E)", "25-16654 (E) 211025 211025"
_JOB_NUMBER = compiled(r"^(?:GE\.)?\d{2}-\d{4,6}\*?\s*\([A-Z]\)\*?(?:\s+\d{6}){0,2}\s*$")
# The footer of later pages: a page number and the job number without its language code.
_JOB_FOOTER = compiled(
    r"^(?:\d{1,4}/\d{1,4}\s+)?(?:GE\.)?\d{2}-\d{4,6}\*?(?:\s*\([A-Z]\))?(?:\s+\d{1,4}/\d{1,4})?$"
)
_BARCODE = compiled(r"^\*\d{6,}\*$|^Please recycle$", re.IGNORECASE)
_RULE = compiled(r"^[_\u2014\u2013-]{5,}$")
_SYMBOL = compiled(
    r"(?<![\w/])(?:[AES]|UNEP|TD|CRC|CCPR|CEDAW|CERD)/(?:[A-Z0-9.]+/)*[A-Z0-9.]*\d[A-Za-z0-9.]*"
    r"(?:/(?:Rev|Add|Corr)\.\d+)*"
)
# A paragraph's printed number or label alone ("12.", "5 bis.", "(b)", "(iv)", "IV.").
_LABEL = compiled(
    r"^(?:\d{1,3}(?: ?" + INSERTED_SUFFIX + r")?\.|\((?:[a-z]{1,3}|\d{1,2})\)|[IVX]{1,5}\.)$"
)
# A note's number, then its text: after a space, or glued to a capital when the number is
# printed at the note's size on its baseline ("1See A/HRC/85/41.", as LibreOffice sets
# footnotes), where PDFium reads no space between them.
_NOTE_START = compiled(r"^([1-9]\d{0,2}|[*†‡§])(?:\s+|(?=[A-Z“\"(\[]))(\S.*)$")
# A note printed without a raised number: its text starts with a word, not a figure
# (small-print tables at the foot of a page are no footnotes).
_NOTE_TEXT_START = compiled(r"^(?:[1-9]\d{0,2}|[*†‡§])\s*[A-Z“\"(\[]")
_DIGITS = compiled(r"\d+")
# A line that opens a numbered paragraph or an item ("30. Encourages", "(b) To submit") is
# text, whatever comes back on other pages: two pages may open with the same words.
_PARAGRAPH_OPENING = compiled(
    r"^(?:\d{1,3}(?: ?" + INSERTED_SUFFIX + r")?\.|\((?:[a-z]{1,3}|\d{1,2})\))\s+\S"
)
_LETTERS_BEFORE = compiled(r"[A-Za-z]+$")
_LETTERS_AFTER = compiled(r"^[A-Za-z]+")
_TERMINAL = tuple(".;:!?")


def page_count(data: bytes) -> int:
    """The number of pages of a PDF (for benchmarks)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        return len(document)
    finally:
        document.close()


def read_pdf(data: bytes, name: str) -> SourceDocument:
    """Read a PDF file's bytes into a SourceDocument."""
    from mandates.extraction.readers import SourceDocument

    pages = _extract(data, name)
    body = _body_size(pages)
    for page in pages:
        _drop_line_numbers(page, body)
    _join_split_words(pages)
    notes = Notes()
    words_of, close = _page_words(data)
    writer = _TableWriter()
    try:
        lines = _layout(pages, notes, words_of, writer)
    finally:
        close()
    body_text = " ".join(line for line in lines if line not in ("", "\f"))
    text, footnotes, warnings = clean_lines(lines, notes, vocabulary=vocabulary_of(body_text))
    if len(text.strip()) < 2:
        raise ReadError(name, "the PDF has no text layer (a scanned image?): it needs OCR first")
    return SourceDocument(
        name=name,
        format="pdf",
        text=text,
        footnotes=footnotes,
        warnings=warnings,
        tables=writer.tables,
    )


# -------------------------------------------------------------------------- extraction


@dataclass
class _Piece:
    """Text on one baseline without a wide gap; ``marks`` are footnote marks inside it."""

    text: str
    x0: float
    x1: float
    y: float  # baseline
    size: float
    marks: list[tuple[int, str]] = field(default_factory=list)  # (offset in text, mark)
    tight: list[int] = field(default_factory=list)  # offsets of word-inner spaces to judge
    loose: list[int] = field(default_factory=list)  # ... of narrow spaces, judged by words
    # A number that opens the piece, set apart from its text by a gap wider than a word
    # space (a margin line number PDFium ran on into the line): (its length, its right
    # edge, the left edge of the text after it).
    lead: tuple[int, float, float] | None = None

    @property
    def is_mark(self) -> bool:
        """Small digits or a sign standing alone: a footnote mark (or a note's number)."""
        text = self.text.strip()
        return bool(text) and len(text) <= 3 and (text.isdigit() or text in _MARK_SIGNS)


@dataclass
class _Page:
    width: float
    height: float
    pieces: list[_Piece]


def _load_failure(exc: Exception) -> str:
    """PDFium's "Failed to load document (PDFium: Data format error)." in words for the
    person who gave the file."""
    detail = str(exc).strip().rstrip(".")
    inner = detail.removeprefix("Failed to load document (").removesuffix(")")
    if inner != detail:
        detail = inner
    return f"the file is damaged or incomplete ({detail})"


def _extract(data: bytes, name: str) -> list[_Page]:
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message or "security" in message:
            raise ReadError(name, "the PDF is encrypted (password protected)") from exc
        raise ReadError(name, f"not a readable PDF: {_load_failure(exc)}") from exc
    try:
        count = len(document)
        if count == 0:
            raise ReadError(name, "the PDF has no pages")
        if count > MAX_PAGES:
            raise ReadError(name, f"the PDF has too many pages ({count}; at most {MAX_PAGES})")
        pages = []
        for index in range(count):
            page = document[index]
            try:
                textpage = page.get_textpage()
                try:
                    width, height = page.get_size()
                    pages.append(_Page(width, height, _PageReader(textpage).pieces()))
                finally:
                    textpage.close()
            finally:
                page.close()
    except ReadError:
        raise
    except pypdfium2.PdfiumError as exc:
        raise ReadError(name, f"a page of the PDF cannot be read ({exc})") from exc
    finally:
        document.close()
    if not any(page.pieces for page in pages):
        raise ReadError(name, "the PDF has no text layer (a scanned image?): it needs OCR first")
    return pages


class _PageReader:
    """The pieces of one page, from PDFium's text and a few questions per line."""

    def __init__(self, textpage: Any) -> None:
        import pypdfium2.raw as pdfium_c

        self._c = pdfium_c
        self._page = textpage
        self._raw = textpage.raw
        self._text = textpage.get_text_range()
        self._x = ctypes.c_double()
        self._y = ctypes.c_double()

    def _origin(self, index: int) -> tuple[float, float]:
        self._c.FPDFText_GetCharOrigin(self._raw, index, self._x, self._y)
        return self._x.value, self._y.value

    def _size(self, index: int) -> float:
        size = self._c.FPDFText_GetFontSize(self._raw, index)
        if size < 2:  # a font scaled by the text matrix: measure the glyph's box instead
            _, bottom, _, top = self._page.get_charbox(index, loose=True)
            size = max(size, (top - bottom) * 0.85)
        return size

    def _right(self, index: int) -> float:
        return self._page.get_charbox(index)[2]

    def _left(self, index: int) -> float:
        return self._page.get_charbox(index)[0]

    def pieces(self) -> list[_Piece]:
        """PDFium's lines, cut also after a hyphen it marked as a line-end break (U+FFFE):
        PDFium runs such a line on into the next one."""
        text = self._text
        out: list[_Piece] = []
        start = 0
        length = len(text)
        while start < length:
            end = text.find("\n", start)
            if end == -1:
                end = length
            broken = text.find("\ufffe", start, end)
            if broken != -1:
                self._segment(start, broken + 1, out)
                start = broken + 1
                continue
            stop = end - 1 if end > start and text[end - 1] == "\r" else end
            self._segment(start, stop, out)
            start = end + 1
        return out

    def _reference(self, start: int, end: int) -> int:
        """A character of the line in its main type (the first may be a raised mark)."""
        best, best_size = start, self._size(start)
        for index in (start + 1, (start + end) // 2, end - 1):
            if start < index < end and not self._text[index].isspace():
                size = self._size(index)
                if size > best_size + 0.1:
                    best, best_size = index, size
        return best

    def _segment(self, start: int, end: int, out: list[_Piece]) -> None:
        """One line of PDFium's text: split at column gaps, marks and narrow spaces noted."""
        text = self._text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            return
        reference = self._reference(start, end)
        size = self._size(reference)
        y = self._origin(reference)[1]
        x0 = self._origin(start)[0]
        chars: list[str] = []
        marks: list[tuple[int, str]] = []
        tight: list[int] = []
        loose: list[int] = []
        lead: tuple[int, float, float] | None = None
        index = start
        last = start - 1  # the last character kept (not a mark)
        while index < end:
            char = text[index]
            if char == " " and self._c.FPDFText_IsGenerated(self._raw, index) == 1:
                before, after = index - 1, index + 1
                if text[before] == " " or after >= end or text[after] == " ":
                    chars.append(char)
                    index += 1
                    continue
                em = self._size(before) or size
                gap = self._left(after) - self._right(before)
                if gap > _COLUMN_GAP * em and chars:
                    out.append(self._piece(chars, x0, self._right(before), y, size, marks))
                    out[-1].tight, out[-1].loose, out[-1].lead = tight, loose, lead
                    chars, marks, tight, loose, lead = [], [], [], [], None
                    reference = self._reference(after, end)
                    size = self._size(reference)
                    y = self._origin(reference)[1]
                    x0 = self._origin(after)[0]
                    index = after
                    continue
                if gap < _INNER_GAP * em:
                    (tight if gap < _TIGHT_GAP * em else loose).append(len(chars))
                elif gap > _LEAD_GAP * em and 0 < len(chars) <= 4 and "".join(chars).isdigit():
                    lead = (len(chars), self._right(before), self._left(after))
            elif char.isdigit() or char in _MARK_SIGNS:
                mark_end = self._mark_end(index, end, size, y)
                if mark_end > index:
                    while chars and chars[-1] == " ":
                        chars.pop()
                    # Drawn left of the line it belongs to: the number of a note.
                    before_line = self._left(index) < x0 - 0.2 * size
                    marks.append((0 if before_line else len(chars), text[index:mark_end]))
                    marks.sort(key=lambda item: item[0])
                    if before_line:
                        x0 = self._left(index)
                    index = mark_end
                    continue
            elif char == "\ufffe":
                char = "-"
            chars.append(char)
            last = index
            index += 1
        if chars or marks:
            right = max(self._right(end - 1), self._right(last)) if last >= start else x0
            piece = self._piece(chars, x0, right, y, size, marks)
            piece.tight, piece.loose, piece.lead = tight, loose, lead
            out.append(piece)

    def _mark_end(self, index: int, end: int, size: float, baseline: float) -> int:
        """The end of a footnote mark starting at ``index`` (or ``index`` if it is none).

        A mark is set small and raised; an asterisk or dagger glued to the word before it
        ("Palestine:*", "A/C.3/80/L.29*") is one whatever its size.
        """
        text = self._text
        if text[index] in _MARK_SIGNS:
            glued = index > 0 and not text[index - 1].isspace()
            word_start = max(text.rfind(" ", 0, index), text.rfind("\n", 0, index)) + 1
            barcode = text[word_start] == text[index]  # "*2424143*"
            if glued and not barcode and (index + 1 >= end or not text[index + 1].isalnum()):
                return index + 1
        mark_size = self._size(index)
        if mark_size >= 0.8 * size:
            return index
        if self._origin(index)[1] < baseline + 0.15 * size:
            return index
        stop = index + 1
        while stop < end and stop - index < 3 and text[stop].isdigit():
            if self._size(stop) >= 0.8 * size:
                break
            stop += 1
        if stop < end and text[stop].isalpha() and self._size(stop) < 0.8 * size:
            return index  # a raised ordinal ("1st") or small capitals, not a mark
        return stop

    @staticmethod
    def _piece(
        chars: list[str], x0: float, x1: float, y: float, size: float, marks: list[tuple[int, str]]
    ) -> _Piece:
        text = normalise_chars("".join(chars)).replace("\n", " ")
        if len(text) != len(chars) and marks:  # a ligature or a dropped character
            offsets = [0]
            for char in chars:
                offsets.append(offsets[-1] + len(normalise_chars(char)))
            marks = [(offsets[offset], mark) for offset, mark in marks]
        return _Piece(text, x0, x1, y, size, marks)


def _drop_line_numbers(page: _Page, body: float) -> None:
    """Take out the line numbers a draft prints in its margin (Word's and LibreOffice's
    line numbering): whole numbers in a column left of every line (or right of every
    line) that count the lines down the page by a constant step (1, or every 5th line ...)
    and number at least half of them, beside body text. A paragraph's number ("7.") has its
    dot and stands in the text block; footnote numbers are few, in small print at the
    foot: neither is taken. A number PDFium ran on into its line is cut from it
    (``_Piece.lead``).
    """
    numbers: list[tuple[_Piece, int, float, float]] = []  # (piece, value, x0, x1)
    for piece in page.pieces:
        text = piece.text
        if len(text) <= 4 and text.isdigit() and text.isascii():
            numbers.append((piece, int(text), piece.x0, piece.x1))
        elif piece.lead is not None:
            numbers.append((piece, int(text[: piece.lead[0]]), piece.x0, piece.lead[1]))
    if len(numbers) < 3:
        return
    column = _number_column(page, numbers, body, left=True) or _number_column(
        page, numbers, body, left=False
    )
    if not column:
        return
    dropped: set[int] = set()
    for piece, _value, _x0, _x1 in column:
        if piece.lead is None:
            dropped.add(id(piece))
            continue
        cut = piece.lead[0] + 1  # the number and the space after it
        piece.text = piece.text[cut:]
        piece.x0 = piece.lead[2]
        piece.marks = [(offset - cut, mark) for offset, mark in piece.marks]
        piece.tight = [offset - cut for offset in piece.tight]
        piece.loose = [offset - cut for offset in piece.loose]
        piece.lead = None
    page.pieces = [piece for piece in page.pieces if id(piece) not in dropped]


def _number_column(
    page: _Page, numbers: list[tuple[_Piece, int, float, float]], body: float, *, left: bool
) -> list[tuple[_Piece, int, float, float]]:
    """The longest run of ``numbers`` that numbers the lines beside the text on one side,
    top to bottom; empty when there is none."""
    whole = {id(piece) for piece, *_ in numbers if piece.lead is None}
    texts = [piece for piece in page.pieces if id(piece) not in whole]
    if not texts:
        return []
    spans = [(piece.lead[2] if piece.lead else piece.x0, piece.x1, piece.y) for piece in texts]
    beside = sorted(
        (item for item in numbers if left or item[0].lead is None),
        key=lambda item: -item[0].y,
    )
    by_value: dict[int, list[tuple[_Piece, int, float, float]]] = {}
    for item in beside:
        by_value.setdefault(item[1], []).append(item)
    best: list[tuple[_Piece, int, float, float]] = []
    best_step = 1
    for step in (1, 5, 10, 2):
        for item in beside:
            if step > 1 and item[1] % step:
                continue
            if any(other[0].y > item[0].y for other in by_value.get(item[1] - step, ())):
                continue  # a run reaches it from above: not where one starts
            run = [item]
            while True:  # the next number down the page (other numbers in between)
                below = [
                    other
                    for other in by_value.get(run[-1][1] + step, ())
                    if other[0].y < run[-1][0].y
                ]
                if not below:
                    break
                run.append(below[0])
            if len(run) > len(best):
                best, best_step = run, step
    if len(best) < (5 if best_step == 1 else 3):
        return []
    size = max(item[0].size for item in best)
    top, bottom = best[0][0].y + 0.5 * size, best[-1][0].y - 0.5 * size
    inside = [span for span in spans if bottom <= span[2] <= top]
    # The column stands apart from every line of the text beside it.
    if left and not all(item[3] < span[0] for item in best for span in inside):
        return []
    if not left and not all(item[2] > span[1] for item in best for span in inside):
        return []
    lines: dict[int, float] = {}  # the text's baselines beside the run, with their size
    for piece in texts:
        if bottom <= piece.y <= top:
            key = round(piece.y / (0.5 * size))
            lines[key] = max(lines.get(key, 0.0), piece.size)
    body_lines = sum(1 for height in lines.values() if height >= 0.92 * body)  # not notes'
    if len(best) * best_step * 2 < len(lines) or body_lines * 2 < len(lines):
        return []
    return best


# Short words that a narrow space never splits off a word ("of journalists").
_FUNCTION_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it"}
    | {"its", "of", "on", "or", "the", "their", "to", "with"}
)


def _join_split_words(pages: list[_Page]) -> None:
    """Drop the narrow generated spaces that split a word, judged by the document's words.

    A space narrower than a fifth of an em goes unless both halves are words the document
    uses elsewhere (or one is a short function word); one up to three tenths of an em goes
    only when the joined word occurs elsewhere in the document. A space beside a hyphen
    inside a compound ("twenty -fourth") always goes.
    """
    words: Counter[str] = Counter()
    for page in pages:
        for piece in page.pieces:
            words.update(word.lower() for word in re.findall(r"[A-Za-z]+", piece.text))
    for page in pages:
        for piece in page.pieces:
            if not piece.tight and not piece.loose:
                continue
            drop = []
            for offset in sorted(piece.tight + piece.loose):
                if _split_word(piece.text, offset, offset in piece.tight, words):
                    drop.append(offset)
            for offset in reversed(drop):
                piece.text = piece.text[:offset] + piece.text[offset + 1 :]
                piece.marks = [(o - 1 if o > offset else o, mark) for o, mark in piece.marks]


def _split_word(text: str, offset: int, tight: bool, words: Counter[str]) -> bool:
    left, right = text[:offset], text[offset + 1 :]
    hyphen_after = left.endswith("-") and right[:1].isalpha()
    if hyphen_after or (right.startswith("-") and left[-1:].isalpha()):
        return True  # "twenty -fourth", "Non -Proliferation"
    if tight and right[:1] in ",;:.)]”’" and left[-1:].isalnum():
        return True  # "Korea ,", "lessons ”,"
    before = _LETTERS_BEFORE.search(left)
    after = _LETTERS_AFTER.match(right)
    if not before or not after:
        return False
    if (
        left[before.start() - 1 : before.start()].isalnum()
        or right[after.end() : after.end() + 1].isdigit()
    ):
        return False  # "62nd plenary": a word with digits is never half of a split one
    head, tail = before.group().lower(), after.group().lower()
    if words[head + tail]:
        return True
    if not tight or head in _FUNCTION_WORDS or tail in _FUNCTION_WORDS:
        return False
    return words[head] <= 1 or words[tail] <= 1  # "fea r", "care er": a half is no word


# ---------------------------------------------------------------------------- layout


@dataclass
class _Line:
    pieces: list[_Piece]
    y: float
    x0: float
    x1: float
    size: float
    marks: list[tuple[float, str]] = field(default_factory=list)  # (x, mark) beside the text
    numbered: bool = False  # opens with a raised number (a footnote's)

    def plain(self) -> str:
        return " ".join(piece.text for piece in self.pieces).strip()

    def render(self, notes: Notes) -> str:
        items: list[tuple[float, str]] = []
        for piece in self.pieces:
            text = piece.text
            out = []
            last = 0
            for offset, mark in piece.marks:
                out.append(text[last:offset])
                out.append(notes.mark(mark))
                last = offset
            out.append(text[last:])
            items.append((piece.x0, "".join(out)))
        items += [(x, notes.mark(mark)) for x, mark in self.marks]
        items.sort(key=lambda item: item[0])
        rendered = ""
        for _, text in items:
            if rendered and not text.startswith("\ue000") and not rendered.endswith(" "):
                rendered += " "
            rendered += text
        return rendered.strip()


def _body_size(pages: list[_Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for piece in page.pieces:
            sizes[round(piece.size, 1)] += len(piece.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _lines(pieces: list[_Piece], body: float) -> list[_Line]:
    """Pieces on one baseline (without a column gap between them) make a line."""
    regular = sorted((p for p in pieces if not p.is_mark), key=lambda p: (-p.y, p.x0))
    lines: list[_Line] = []
    open_lines: list[_Line] = []  # lines whose baseline is still near
    for piece in regular:
        open_lines = [line for line in open_lines if line.y - piece.y <= 0.4 * line.size]
        host = None
        for line in open_lines:
            gap = piece.x0 - line.x1
            if -0.5 * piece.size < gap < _COLUMN_GAP * max(piece.size, line.size) or (
                0 <= line.x0 - piece.x1 < _COLUMN_GAP * piece.size
            ):
                host = line
                break
        if host is None:
            host = _Line([piece], piece.y, piece.x0, piece.x1, piece.size)
            lines.append(host)
            open_lines.append(host)
            continue
        host.pieces.append(piece)
        host.pieces.sort(key=lambda p: p.x0)
        host.x0 = min(host.x0, piece.x0)
        host.x1 = max(host.x1, piece.x1)
        host.size = max(host.size, piece.size)
    lines = _labels_with_their_text(lines)
    for line in lines:
        first = line.pieces[0]
        if first.marks and first.marks[0][0] == 0:
            # A raised number that opens a line numbers a footnote ("³ Ibid.").
            mark = first.marks.pop(0)[1]
            shift = len(mark) + 1
            first.text = f"{mark} {first.text}"
            first.marks = [(offset + shift, other) for offset, other in first.marks]
            line.numbered = True
    for piece in (p for p in pieces if p.is_mark):
        _place_mark(piece, lines, body)
    return _reading_order(lines)


def _labels_with_their_text(lines: list[_Line]) -> list[_Line]:
    """A paragraph number or label ("4.", "(a)") and the text at its tab stop: one line,
    however wide the tab."""
    by_label = [line for line in lines if _LABEL.match(line.plain())]
    if not by_label:
        return lines
    merged: set[int] = set()
    for label in by_label:
        beside = [
            line
            for line in lines
            if line is not label
            and abs(line.y - label.y) <= 0.4 * line.size
            and 0 <= line.x0 - label.x1 <= 8 * line.size
        ]
        if not beside:
            continue
        text = min(beside, key=lambda line: line.x0)
        label.pieces.extend(text.pieces)
        label.marks.extend(text.marks)
        label.x1 = max(label.x1, text.x1)
        label.size = max(label.size, text.size)
        merged.add(id(text))
    return [line for line in lines if id(line) not in merged]


def _reading_order(lines: list[_Line]) -> list[_Line]:
    """Top to bottom; lines on one baseline (columns) from left to right."""
    lines.sort(key=lambda line: -line.y)
    ordered: list[_Line] = []
    row: list[_Line] = []
    for line in lines:
        if row and row[0].y - line.y > 0.4 * min(row[0].size, line.size):
            ordered.extend(sorted(row, key=lambda item: item.x0))
            row = []
        row.append(line)
    ordered.extend(sorted(row, key=lambda item: item.x0))
    return ordered


def _place_mark(piece: _Piece, lines: list[_Line], body: float) -> None:
    """A raised mark goes to the line it sits on; before small print it numbers a note."""
    mark = piece.text.strip()
    best = None
    for line in lines:
        rise = piece.y - line.y
        if not 0 < rise <= 0.75 * line.size or piece.size >= 0.85 * line.size:
            continue
        beside = line.x0 - 2 * line.size <= piece.x0 <= line.x1 + line.size
        if beside and (best is None or abs(rise) < abs(piece.y - best.y)):
            best = line
    if best is not None and piece.x0 < best.x0 and best.size < 0.92 * body:
        # The number of a footnote, printed raised before its text.
        best.pieces.insert(0, _Piece(mark, piece.x0, piece.x1, best.y, best.size))
        best.x0 = piece.x0
        best.numbered = True
        return
    if best is not None:
        best.marks.append((piece.x0, mark))
        return
    lines.append(_Line([piece], piece.y, piece.x0, piece.x1, piece.size))


def _signature(text: str) -> str:
    """A margin line with its numbers blanked (page numbers change); empty for a line that
    opens a paragraph, which is never a running header."""
    if _PARAGRAPH_OPENING.match(text):
        return ""
    return _DIGITS.sub("#", text.lower()).strip()


def _in_margin(line: _Line, page: _Page) -> bool:
    return line.y > page.height * 0.89 or line.y < page.height * 0.08


def _document_symbol(first_page: list[_Line], page: _Page) -> str | None:
    """The symbol printed at the top of the first page ("A/RES/79/187", "A/C.3/80/L.14")."""
    for line in first_page:
        if line.y < page.height * 0.75:
            break
        found = _SYMBOL.search(line.plain())
        if found:
            return found.group()
    return None


def _layout(
    pages: list[_Page],
    notes: Notes,
    words_of: _WordsOf | None = None,
    writer: _TableWriter | None = None,
) -> list[str]:
    body = _body_size(pages)
    page_lines = [_lines(page.pieces, body) for page in pages]
    symbol = _document_symbol(page_lines[0], pages[0]) if page_lines else None

    # Lines that come back in the margins of other pages are running headers or footers
    # (they alternate between odd and even pages, so twice is enough).
    seen: Counter[str] = Counter()
    for page, lines in zip(pages, page_lines, strict=True):
        above = lines[: _rule_index(lines, body)]  # footnotes are never running lines
        seen.update({_signature(line.plain()) for line in above if _in_margin(line, page)})
    running = {text for text, count in seen.items() if count >= 2 and len(pages) > 1 and text}

    spacing = _line_spacing(page_lines, body)
    out: list[str] = []
    reader = _NoteReader(notes)
    for number, (page, lines) in enumerate(zip(pages, page_lines, strict=True)):
        furniture = _furniture(lines, page, number, symbol, running, body)
        kept = [line for index, line in enumerate(lines) if index not in furniture]
        regions = (
            _table_regions(kept[: _rule_index(kept, body)], number, words_of)
            if words_of is not None and writer is not None
            else []
        )
        unread = {id(line) for region in regions if region.rows is None for line in region.lines}
        regions = [region for region in regions if region.rows is not None]
        if regions:  # written row by row, below
            inside = {id(line) for region in regions for line in region.lines}
            kept = [line for line in kept if id(line) not in inside]
        text_lines, note_lines = _split_notes(kept, body, reader.open)
        if unread and any(id(line) in unread for line in note_lines):
            # a table is body text, whatever its type size: notes start below it
            cut = max(i for i, line in enumerate(note_lines) if id(line) in unread) + 1
            text_lines, note_lines = text_lines + note_lines[:cut], note_lines[cut:]
        reader.read(note_lines)
        if out:
            out.append("\f")
        if writer is not None and (
            not regions or (text_lines and text_lines[0].y > regions[0].top)
        ):
            writer.close(out)  # the page does not go on with the table
        margin = _margin(text_lines, body)
        previous: _Line | None = None
        for line in text_lines:
            while regions and regions[0].top > line.y and writer is not None:
                writer.region(out, regions.pop(0), previous is None, False)
                out.append("")
                previous = None
            if previous is not None and _new_paragraph(previous, line, spacing, margin):
                out.append("")
            rendered = line.render(notes)
            if rendered.endswith(" -") and rendered[-3:-2].isalpha():
                rendered = rendered[:-2] + "-"  # "per -": a line-end hyphen set apart
            out.append(rendered)
            previous = line
        while regions and writer is not None:
            region = regions.pop(0)
            writer.region(out, region, previous is None, not regions)
            previous = None
    if writer is not None:
        writer.close(out)
    return out


def _line_spacing(page_lines: list[list[_Line]], body: float) -> float:
    """The distance between two lines of one paragraph: the smallest usual gap between body
    lines (paragraph gaps are wider, and a short text may have as many of them)."""
    gaps: Counter[float] = Counter()
    for lines in page_lines:
        for upper, lower in itertools.pairwise(lines):
            gap = upper.y - lower.y
            if abs(upper.size - body) < 0.5 and abs(lower.size - body) < 0.5 and 0 < gap < 3 * body:
                gaps[round(gap * 2) / 2] += 1
    if not gaps:
        return body * 1.2
    usual = max(2, sum(gaps.values()) // 10)
    return min((gap for gap, count in gaps.items() if count >= usual), default=min(gaps))


def _margin(lines: list[_Line], body: float) -> float:
    """The left edge of most body lines (first lines are indented from it)."""
    edges: Counter[float] = Counter(round(line.x0) for line in lines if abs(line.size - body) < 0.5)
    return float(edges.most_common(1)[0][0]) if edges else 0.0


def _furniture(
    lines: list[_Line], page: _Page, number: int, symbol: str | None, running: set[str], body: float
) -> set[int]:
    """The indexes of the page's header and footer lines, job number and bar code."""
    out = set()
    notes_from = _rule_index(lines, body)
    for index, line in enumerate(lines):
        text = line.plain()
        if _JOB_NUMBER.match(text) or _BARCODE.match(text):
            out.add(index)
        elif not _in_margin(line, page) or _RULE.match(text):
            continue
        elif _JOB_FOOTER.match(text) or _PAGE_NUMBER.match(text):
            out.add(index)
        elif number == 0 and symbol and symbol in text:
            continue  # the symbol in the first page's masthead is the document's own
        elif number == 0 and line.y > page.height / 2:
            continue  # the first page's masthead ("General Assembly") is no running header
        elif _signature(text) in running and index < notes_from:
            out.add(index)
        elif number > 0 and line.y > page.height * 0.85 and _running_header(text, symbol):
            out.add(index)  # the running header: symbol and short title
        elif number > 0 and line.y > page.height * 0.85 and line.size < 0.95 * body:
            found = _SYMBOL.match(text) or _SYMBOL.search(text[-30:])
            if found:
                out.add(index)  # a symbol (not yet seen on the first page) in small print
    # A running title long enough to wrap: the small-print lines above the body that
    # hold the header line (down to a table's heading printed again, cells side by side).
    if number > 0 and any(lines[index].y > page.height * 0.85 for index in out):
        for index, line in enumerate(lines):
            if not _in_margin(line, page) or line.y < page.height * 0.5:
                break
            if index not in out and _beside(lines, index) >= 3:
                break
            if line.size < 0.95 * body:
                out.add(index)
    return out


def _beside(lines: list[_Line], index: int) -> int:
    """How many pieces of text stand on the baseline of ``lines[index]``."""
    line = lines[index]
    return sum(len(other.pieces) for other in lines if abs(other.y - line.y) <= 0.4 * line.size)


def _rule_index(lines: list[_Line], body: float) -> int:
    """The index of the rule that opens the footnotes (the number of lines if none)."""
    for index, line in enumerate(lines):
        if _RULE.match(line.plain()) and all(
            other.size < 0.95 * body for other in lines[index + 1 :]
        ):
            return index
    return len(lines)


def _running_header(text: str, symbol: str | None) -> bool:
    return bool(symbol and symbol in text)


def _split_notes(
    lines: list[_Line], body: float, notes_open: bool
) -> tuple[list[_Line], list[_Line]]:
    """The body lines of a page and its footnote lines (under a rule, or in small print).

    UN documents print footnotes under a short rule; without one, the footnotes are the
    small-print lines at the foot of the page from the first line that opens with a raised
    number (or from the first when the page before ended inside a footnote).
    """
    rule = _rule_index(lines, body)
    if rule < len(lines):
        return lines[:rule], lines[rule + 1 :]
    start = len(lines)
    while start > 0 and lines[start - 1].size < 0.92 * body:
        start -= 1
    if start == len(lines):
        return lines, []
    if notes_open and not lines[start].numbered:
        return lines[:start], lines[start:]
    raised = any(line.numbered for line in lines[start:])
    first = start
    while first < len(lines) and not (
        lines[first].numbered if raised else _NOTE_TEXT_START.match(lines[first].plain())
    ):
        first += 1
    return lines[:first], lines[first:]


class _NoteReader:
    """Footnote lines into numbered notes; a line that does not open the next note
    ("17 March 2022, ..." under note 16) goes on with the note before."""

    def __init__(self, notes: Notes) -> None:
        self.notes = notes
        self.open = False
        self._last: int | None = None

    def read(self, lines: list[_Line]) -> None:
        self.open = bool(lines)
        raised = any(line.numbered for line in lines)
        for line in lines:
            text = line.plain()
            start = _NOTE_START.match(text)
            mark = start.group(1) if start else ""
            if (
                start
                and (line.numbered or not mark.isdigit() or not raised)
                and self._opens(mark, line)
            ):
                self.notes.add_text(start.group(1), start.group(2))
                if start.group(1).isdigit():
                    self._last = int(start.group(1))
            elif self.notes.texts:
                mark, previous = self.notes.texts[-1]
                self.notes.texts[-1] = (mark, _join_note(previous, text))
            else:
                self.notes.add_text("", text)

    def _opens(self, mark: str, line: _Line) -> bool:
        if line.numbered or not mark.isdigit() or self._last is None:
            return True
        return int(mark) == self._last + 1


def _join_note(previous: str, text: str) -> str:
    if previous.endswith("-") and text[:1].islower():
        # "High Commis-|sioner": a word the extractor reads loses its hyphen
        head = _LETTERS_BEFORE.search(previous[:-1])
        tail = _LETTERS_AFTER.match(text)
        if head and tail and (head.group() + tail.group()).lower() in known_words():
            return previous[:-1] + text
        return previous + text
    return f"{previous} {text}"


def _has_letters(text: str) -> bool:
    return any(char.isalpha() for char in text)


def _new_paragraph(previous: _Line, line: _Line, spacing: float, margin: float) -> bool:
    gap = previous.y - line.y
    if gap > spacing * 1.3 or gap < 0:
        return True
    if gap < 0.3 * spacing:  # a column beside the line before: text apart, figures a row
        return _has_letters(previous.plain()) and _has_letters(line.plain())
    if abs(previous.size - line.size) > 1.5:
        return True
    em = line.size
    indented = line.x0 > margin + 0.8 * em and line.x0 > previous.x0 + 0.8 * em
    if not indented:
        return False
    ended = previous.plain().rstrip("”’\"')]").endswith(_TERMINAL)
    return ended or previous.plain().endswith(",")


# ---------------------------------------------------------------------------- tables

#: Only a table that names a session is read row by row (a schedule of reports and
#: events: the extractor reads its rows, `tables.py`); any other (staffing figures) is
#: read line by line as before.
_SESSION_WORD_RE = compiled(r"\bsessions?\b", re.IGNORECASE)
#: A gap between words wider than this (in ems) separates columns: a word space is a
#: quarter of an em, the padding of two cells half an em or more.
_CELL_GAP = 0.4
#: The most a table's cell runs on below its row's first line before the row's next
#: cells begin (in ems: eight lines).
_ROW_REACH = 8.0


@dataclass
class _Word:
    text: str
    x0: float
    x1: float
    y: float  # baseline
    size: float


@dataclass
class _Region:
    """Lines of a page that make a table: text side by side on several baselines."""

    lines: list[_Line]
    top: float  # the first baseline
    rows: list[list[list[str]]] | None = None  # row -> cell -> its lines; None: not read


#: Words of a page in a box (page number, left, bottom, right, top).
_WordsOf = Callable[[int, float, float, float, float], list[_Word]]


def _page_words(data: bytes) -> tuple[_WordsOf, Callable[[], None]]:
    """Reads the words (with their positions) of a page's box, from the PDF opened once
    on first use; and the function that closes it."""
    opened: list[Any] = []

    def words_of(number: int, left: float, bottom: float, right: float, top: float) -> list[_Word]:
        import pypdfium2

        if not opened:
            opened.append(pypdfium2.PdfDocument(data))
        page = opened[0][number]
        try:
            textpage = page.get_textpage()
            try:
                return _words_in(textpage, left, bottom, right, top)
            finally:
                textpage.close()
        finally:
            page.close()

    def close() -> None:
        if opened:
            opened[0].close()

    return words_of, close


def _words_in(textpage: Any, left: float, bottom: float, right: float, top: float) -> list[_Word]:
    """The words whose characters stand in the box, each with its extent and baseline: a
    space narrower than a fifth of an em (Word's justification inside a word) joins."""
    import pypdfium2.raw as pdfium_c

    raw = textpage.raw
    box = [ctypes.c_double() for _ in range(4)]
    x, y = ctypes.c_double(), ctypes.c_double()
    words: list[_Word] = []
    current: _Word | None = None
    space_at: float | None = None  # the right edge of the word before a space
    for index in range(pdfium_c.FPDFText_CountChars(raw)):
        char = chr(pdfium_c.FPDFText_GetUnicode(raw, index))
        if char.isspace() or char == "\x00":
            if current is not None and space_at is None:
                space_at = current.x1
            continue
        pdfium_c.FPDFText_GetCharOrigin(raw, index, x, y)
        if not (left <= x.value <= right and bottom <= y.value <= top):
            current, space_at = None, None
            continue
        pdfium_c.FPDFText_GetCharBox(raw, index, *box)
        x0, x1 = box[0].value, box[1].value
        size = pdfium_c.FPDFText_GetFontSize(raw, index) or 10.0
        if char in "\ufffe\x02":
            char = "-"
        joined = (
            current is not None
            and abs(current.y - y.value) < 0.3 * size
            and -0.5 * size < x0 - current.x1 < (0.2 if space_at is not None else 0.3) * size
        )
        if joined and current is not None:
            current.text += char
            current.x1 = max(current.x1, x1)
        else:
            current = _Word(char, x0, x1, y.value, size)
            words.append(current)
        space_at = None
    for word in words:
        word.text = normalise_chars(word.text)
    return words


def _baselines(lines: list[_Line]) -> list[list[_Line]]:
    """Lines in reading order grouped by baseline (top to bottom)."""
    groups: list[list[_Line]] = []
    for line in lines:
        if groups and abs(groups[-1][0].y - line.y) <= 0.4 * min(groups[-1][0].size, line.size):
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


def _columnar(group: list[_Line]) -> bool:
    """Text side by side on one baseline, an em apart at least (not a line that a
    footnote mark cut, nor a paragraph's number at its tab stop)."""
    pieces = sorted((piece for line in group for piece in line.pieces), key=lambda p: p.x0)
    if len(pieces) < 2 or (len(pieces) == 2 and _LABEL.match(pieces[0].text.strip())):
        return False
    return any(
        right.x0 - left.x1 >= max(left.size, right.size)
        for left, right in itertools.pairwise(pieces)
    )


def _table_regions(lines: list[_Line], number: int, words_of: _WordsOf) -> list[_Region]:
    """The tables of a page that name a session: runs of baselines with text side by side
    (three at least, each within eight lines of the next), in one type size, and the lines
    that go on below them; each read into rows and cells where its columns and rows show."""
    groups = _baselines(lines)
    regions: list[_Region] = []
    index = 0
    while index < len(groups):
        if not _columnar(groups[index]):
            index += 1
            continue
        size = groups[index][0].size
        last = index
        columnar = 1
        scan = index + 1
        while (
            scan < len(groups) and groups[last][0].y - groups[scan][0].y <= _ROW_REACH * size * 1.3
        ):
            if _columnar(groups[scan]):
                last, columnar = scan, columnar + 1
            scan += 1
        end = last + 1
        while (
            end < len(groups)
            and groups[end - 1][0].y - groups[end][0].y < 1.5 * size
            and len(groups[end]) == 1
        ):
            end += 1  # a cell of the last row running on below the others
        taken = [line for group in groups[index:end] for line in group]
        if (
            columnar >= 3
            and all(abs(line.size - size) < 0.6 for line in taken)
            and any(_SESSION_WORD_RE.search(line.plain()) for line in taken)
        ):
            region = _Region(taken, groups[index][0].y)
            left = min(line.x0 for line in taken) - 1
            right = max(line.x1 for line in taken) + 1
            bottom = groups[end - 1][0].y - 0.5 * size
            top = groups[index][0].y + 0.5 * size
            region.rows = _table_rows(words_of(number, left, bottom, right, top))
            regions.append(region)
            index = end
        else:
            index += 1
    return regions


def _table_rows(words: list[_Word]) -> list[list[list[str]]] | None:
    """Rows and cells of a table's words: columns where no word crosses a gap wider than
    ``_CELL_GAP`` (two at least); a row where the gap to the baseline before is wider than
    the lines of a cell are apart (or, with no such gap anywhere, where the first column
    starts with a capital and another column has words beside it). None when the words do
    not make two columns and two rows."""
    if not words:
        return None
    size = min(word.size for word in words)
    bands: list[list[float]] = []
    for word in sorted(words, key=lambda w: w.x0):
        if bands and word.x0 - bands[-1][1] < _CELL_GAP * size:
            bands[-1][1] = max(bands[-1][1], word.x1)
        else:
            bands.append([word.x0, word.x1])
    if len(bands) < 2:
        return None
    baselines: list[list[_Word]] = []
    for word in sorted(words, key=lambda w: (-w.y, w.x0)):
        if baselines and abs(baselines[-1][0].y - word.y) < 0.4 * size:
            baselines[-1].append(word)
        else:
            baselines.append([word])
    gaps = [above[0].y - below[0].y for above, below in itertools.pairwise(baselines)]
    pitch = min(gaps) if gaps else size
    padded = any(gap > 1.25 * pitch for gap in gaps)

    def column(word: _Word) -> int:
        middle = (word.x0 + word.x1) / 2
        return next(i for i, band in enumerate(bands) if middle <= band[1] or i == len(bands) - 1)

    rows: list[list[list[str]]] = []
    for position, baseline in enumerate(baselines):
        cells: dict[int, list[_Word]] = {}
        for word in sorted(baseline, key=lambda w: w.x0):
            cells.setdefault(column(word), []).append(word)
        if padded:
            new_row = position == 0 or gaps[position - 1] > 1.25 * pitch
        else:
            first = cells.get(0, [])
            new_row = position == 0 or (
                bool(first) and first[0].text[:1] in _ROW_OPENERS and len(cells) > 1
            )
        if new_row:
            rows.append([[] for _ in bands])
        for at, cell_words in cells.items():
            rows[-1][at].append(" ".join(word.text for word in cell_words))
    if len(rows) < 2:
        return None
    return rows


#: What the first cell of a row opens with where rows are not set apart by a wider gap.
_ROW_OPENERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ(0123456789")


class _TableWriter:
    """Writes the tables' rows into the text, a cell a paragraph, and keeps them row by
    row (``tables``). A table that goes on to the next page (its heading printed again)
    is one table; a row cut by the page break ("... before the opening of its one hun-" |
    "dred and first session") is one row, written after the break."""

    def __init__(self) -> None:
        self.tables: list[Table] = []
        self.heading: list[str] | None = None  # the open table's first row, as printed
        self.pending: list[list[str]] | None = None  # its last row, maybe cut by the page

    def region(self, out: list[str], region: _Region, first: bool, last: bool) -> None:
        rows = region.rows or []
        if first and self.pending is not None and len(rows[0]) == len(self.pending):
            if [" ".join(cell) for cell in rows[0]] == self.heading:
                rows = rows[1:]
            if rows and not rows[0][0]:  # the row the page break cut goes on
                for cell, more in zip(self.pending, rows[0], strict=True):
                    cell.extend(more)
                rows = rows[1:]
        else:
            self.close(out)
            self.tables.append(Table([]))
            self.heading = [" ".join(cell) for cell in rows[0]]
        if self.pending is not None:
            self._write(out, self.pending)
        self.pending = None
        for row in rows[:-1] if last else rows:
            self._write(out, row)
        if last and rows:
            self.pending = rows[-1]
        elif not last:
            self.heading = None

    def _write(self, out: list[str], row: list[list[str]]) -> None:
        self.tables[-1].rows.append([" ".join(cell) for cell in row])
        for cell in row:
            if cell:
                _separate(out)
                out.extend(cell)
                out.append("")

    def close(self, out: list[str]) -> None:
        """The open table ends: its last row is written where the text stands."""
        if self.pending is not None:
            self._write(out, self.pending)
        self.pending = None
        self.heading = None


def _separate(out: list[str]) -> None:
    if out and out[-1] not in ("", "\f"):
        out.append("")
