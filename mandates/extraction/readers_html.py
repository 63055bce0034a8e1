"""Read an HTML page: the body's text, block elements as paragraphs, <sup>n</sup> as marks.

Uses the standard library's html.parser. Scripts, styles, navigation, headers and footers
of the page are dropped. Footnote texts are taken from elements whose id or class says
"footnote" (``<li id="fn1">``, ``<div class="footnotes">``) when the page has them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from mandates.extraction.cleaning import Notes, clean_lines, normalise_chars
from mandates.extraction.errors import ReadError
from mandates.extraction.ordinals import INSERTED_SUFFIX
from mandates.extraction.regex_cache import compiled
from mandates.extraction.result import Table

if TYPE_CHECKING:
    from mandates.extraction.readers import SourceDocument

_DROP = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "svg",
        "canvas",
        "iframe",
        "object",
        "head",
        "title",
        "menu",
    ]
)
_BLOCK = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "caption",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "address",
        "figure",
        "figcaption",
        "hr",
        "br",
        "center",
        "body",
        "html",
        "fieldset",
        "legend",
        "details",
        "summary",
    ]
)
_VOID = frozenset(
    [
        "br",
        "hr",
        "img",
        "input",
        "meta",
        "link",
        "area",
        "base",
        "col",
        "embed",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_NOTE_ID = compiled(r"^(?:fn|footnote|note|ftn|_ftn|edn|_edn)[-_:]?(\d{1,4})$", re.IGNORECASE)
_NOTE_BLOCK = compiled(r"foot-?notes?|endnotes?", re.IGNORECASE)
_MARK_TEXT = compiled(r"^\s*\[?(\d{1,4}|[*†‡§a-z])\]?\s*$")
_NOTE_LINK = compiled(r"#_?(?:ftn|fn|footnote|note|edn)[-_:]?(\d{1,4})$", re.IGNORECASE)
_LEADING_NUMBER = compiled(r"^\s*\[?(\d{1,4})\]?[.)]?\s+")
#: A list item's text that prints its own label ("1. Requests", "(a) To"): not labelled again.
_TYPED_LABEL = compiled(
    r"\s*(?:\d{1,3}(?: ?" + INSERTED_SUFFIX + r")?[.)]|\([a-zA-Z]{1,4}\)|[a-zA-Z][.)])\s"
)
#: A paragraph's label alone at the start of a block ("1.", "(a)"): in an element of its own
#: (``<span class="num">1.</span>Requests``, ``<b>1.</b>``, Word's tab span) it is set apart
#: from the text, which the page shows with a gap, never glued to it.
_BARE_LABEL = compiled(r"\s*(?:\d{1,3}(?: ?" + INSERTED_SUFFIX + r")?[.)]|\([a-zA-Z]{1,4}\))")
_LIST_STYLE = compiled(r"list-style(?:-type)?\s*:\s*([a-z-]+)", re.IGNORECASE)
#: <ol type> or CSS list-style-type -> the numbering style of its items.
_STYLES = {
    "1": "decimal",
    "decimal": "decimal",
    "a": "letter",
    "lower-alpha": "letter",
    "lower-latin": "letter",
    "A": "LETTER",
    "upper-alpha": "LETTER",
    "upper-latin": "LETTER",
    "i": "roman",
    "lower-roman": "roman",
    "I": "ROMAN",
    "upper-roman": "ROMAN",
    "none": "none",
    "disc": "none",
    "circle": "none",
    "square": "none",
}
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def _roman(number: int) -> str:
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _letters(number: int) -> str:
    """1 -> "a", 26 -> "z", 27 -> "aa" (as browsers count)."""
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def _list_number(text: str) -> int | None:
    """An <ol start> or <li value> as a number, if it is a plausible one (1-9999): anything
    else is ignored, as a browser ignores what it cannot read."""
    text = text.strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 4:
        return None
    number = int(text)
    return number if number >= 1 else None


def _item_label(style: str, number: int) -> str:
    """The label a browser prints before an <ol> item, in the genre's form: operative
    paragraphs "7. ", sub-paragraphs "(a) " and "(i) "."""
    if style != "decimal" and not 1 <= number <= 3999:
        style = "decimal"  # no letters or numerals for it
    if style == "decimal":
        return f"{number}. "
    if style == "letter":
        return f"({_letters(number)}) "
    if style == "LETTER":
        return f"{_letters(number).upper()}. "
    if style == "roman":
        return f"({_roman(number)}) "
    if style == "ROMAN":
        return f"{_roman(number).upper()}. "
    return ""


@dataclass
class _OpenTable:
    """A <table> being read: its rows so far, and where the open cell's blocks begin."""

    table: Table
    cell_from: int | None = None  # index in ``blocks`` of the open cell's first block
    span: int = 1  # the open cell's colspan


def _colspan(attributes: dict[str, str]) -> int:
    value = attributes.get("colspan", "").strip()
    return min(int(value), 64) if value.isascii() and value.isdigit() and value != "0" else 1


@dataclass
class _List:
    """An open <ol> (numbered) or <ul>: its style and the number of its last item."""

    depth: int  # len(parser.stack) with the list's own tag on it
    style: str
    number: int = 0


class _Parser(HTMLParser):
    def __init__(self, notes: Notes) -> None:
        super().__init__(convert_charrefs=True)
        self.notes = notes
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.drop_depth = 0
        self.stack: list[str] = []
        self.sup: list[str] | None = None
        self.note_depth = 0  # inside a footnote container
        self.note_mark: str | None = None
        self.note_buffer: list[str] = []
        self.link_mark: str | None = None
        self.link_depth = 0
        #: the open lists, innermost last; the label of the <li> whose text is still to come
        self.lists: list[_List] = []
        self.label = ""
        #: the block so far is a bare label and an inline element began or ended after it
        self.gap = False
        #: every table met, in order, and those still open (innermost last)
        self.tables: list[Table] = []
        self.open_tables: list[_OpenTable] = []

    # -- helpers
    def _flush(self) -> None:
        text = "".join(self.current).strip()
        self.current = []
        self.gap = False
        if text:
            if self.label:
                if not _TYPED_LABEL.match(text):
                    text = self.label + text
                self.label = ""
            self.blocks.append(text)  # "\n" where a <br> broke the line

    def _inline_boundary(self) -> None:
        """An inline element opens or closes: if all the block holds so far is a label
        ("1."), the text that follows is set apart by a space (see ``_BARE_LABEL``)."""
        current = self.current
        if current and len(current) <= 3 and not current[-1][-1:].isspace():
            self.gap = _BARE_LABEL.fullmatch("".join(current)) is not None

    def _open_list(self, tag: str, attributes: dict[str, str]) -> None:
        """An <ol> numbers its items as a browser shows them (``type``, ``start``, CSS
        list-style-type); a list inside a list item is lettered, as sub-paragraphs are."""
        css = _LIST_STYLE.search(attributes.get("style", ""))
        depth = sum(1 for item in self.lists if item.style != "none")
        style = _STYLES.get(css.group(1).lower() if css else attributes.get("type", ""), "")
        if tag == "ul":
            style = "none" if not css else style or "none"
        elif not style:  # paragraphs, then sub-paragraphs, then their items
            style = ("decimal", "letter", "roman")[min(depth, 2)]
        start = _list_number(attributes.get("start", ""))
        self.lists.append(_List(len(self.stack), style, start - 1 if start else 0))

    def _open_item(self, attributes: dict[str, str]) -> None:
        if not self.lists:
            return
        current = self.lists[-1]
        value = _list_number(attributes.get("value", ""))
        current.number = value if value is not None else current.number + 1
        self.label = _item_label(current.style, current.number)

    def _open_table_part(self, tag: str, attributes: dict[str, str]) -> None:
        """A table, row or cell opens (the blocks are flushed): rows and cells are noted
        so that the text's paragraphs can be grouped into rows again. A cell or row left
        open by the markup closes where the next one opens."""
        if tag == "table":
            self.open_tables.append(_OpenTable(Table([])))
            self.tables.append(self.open_tables[-1].table)
            return
        if not self.open_tables:
            return
        current = self.open_tables[-1]
        self._close_cell()
        if tag == "tr" or not current.table.rows:
            current.table.rows.append([])
        if tag != "tr":
            current.cell_from = len(self.blocks)
            current.span = _colspan(attributes)

    def _close_cell(self) -> None:
        if not self.open_tables or self.open_tables[-1].cell_from is None:
            return
        current = self.open_tables[-1]
        words = " ".join(" ".join(self.blocks[current.cell_from :]).split())
        current.table.rows[-1].extend([words] + [""] * (current.span - 1))
        current.cell_from = None

    def _flush_note(self) -> None:
        text = "".join(self.note_buffer).strip()
        self.note_buffer = []
        if not text:
            return
        mark = self.note_mark
        number = _LEADING_NUMBER.match(text)
        if mark is None:
            if not number:
                return
            mark, text = number.group(1), text[number.end() :]
        elif number and number.group(1) == mark:
            text = text[number.end() :]
        self.notes.add_text(mark, text)
        self.note_mark = None

    # -- parser callbacks
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if self.drop_depth:
                return
            if tag == "hr":
                (self._flush_note if self.note_depth else self._flush)()
            elif tag == "br":
                (self.note_buffer if self.note_depth else self.current).append(
                    " " if self.note_depth else "\n"
                )
            return
        self.stack.append(tag)
        if self.drop_depth or tag in _DROP:
            self.drop_depth += 1
            return
        attributes = {key: value or "" for key, value in attrs}
        ident = attributes.get("id", "")
        classes = attributes.get("class", "")
        if self.note_depth:
            self.note_depth += 1
            if tag in _BLOCK:
                self._flush_note()
            match = _NOTE_ID.match(ident)
            if match:
                self._flush_note()
                self.note_mark = match.group(1)
            return
        note_match = _NOTE_ID.match(ident)
        if (
            tag in ("section", "div", "ol", "aside", "li", "p")
            and (_NOTE_BLOCK.search(ident) or _NOTE_BLOCK.search(classes) or note_match)
            and tag != "sup"
        ):
            self._flush()
            self.note_depth = 1
            self.note_mark = note_match.group(1) if note_match else None
            return
        link = _NOTE_LINK.search(attributes.get("href", "")) if tag == "a" else None
        if link and self.link_mark is None:
            # Word's HTML: <a href="#_ftn1"><sup>[1]</sup></a>: one mark, whatever is inside.
            self.link_mark = link.group(1)
            self.link_depth = len(self.stack)
        elif tag in _BLOCK:
            self._flush()
            if tag in ("ol", "ul"):
                self._open_list(tag, attributes)
            elif tag == "li":
                self._open_item(attributes)
            elif tag in ("table", "tr", "td", "th"):
                self._open_table_part(tag, attributes)
        elif tag == "sup" and self.link_mark is None:
            self.sup = []
        elif self.link_mark is None and self.sup is None:
            self._inline_boundary()

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        # Close up to the matching open tag (HTML in the wild is not always well nested).
        if tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            self._close(open_tag)
            if open_tag == tag:
                break

    def _close(self, tag: str) -> None:
        if self.drop_depth:
            self.drop_depth -= 1
            return
        if self.note_depth:
            self.note_depth -= 1
            if tag in _BLOCK or self.note_depth == 0:
                self._flush_note()
            return
        if self.link_mark is not None and tag == "a" and len(self.stack) < self.link_depth:
            self.current.append(self.notes.mark(self.link_mark))
            self.link_mark = None
        elif tag == "sup" and self.sup is not None:
            text = "".join(self.sup)
            self.sup = None
            match = _MARK_TEXT.match(text)
            if match:
                self.current.append(self.notes.mark(match.group(1)))
            else:
                self.current.append(text)
        elif tag in _BLOCK:
            self._flush()
            if tag in ("ol", "ul") and self.lists and self.lists[-1].depth > len(self.stack):
                self.lists.pop()
                self.label = ""
            elif tag in ("td", "th"):
                self._close_cell()
            elif tag == "table" and self.open_tables:
                self._close_cell()
                self.open_tables.pop()
        elif self.link_mark is None and self.sup is None:
            self._inline_boundary()

    def handle_data(self, data: str) -> None:
        if self.drop_depth:
            return
        data = normalise_chars(data)
        if "pre" not in self.stack:
            data = data.replace("\n", " ")
        if self.note_depth:
            self.note_buffer.append(data)
        elif self.link_mark is not None:
            return
        elif self.sup is not None:
            self.sup.append(data)
        else:
            if self.gap and data:
                self.gap = False
                if not data[0].isspace():
                    self.current.append(" ")
            self.current.append(data)

    def close(self) -> None:
        super().close()
        self._flush_note()
        self._flush()


def read_html(text: str, name: str) -> SourceDocument:
    """Read decoded HTML into a SourceDocument."""
    from mandates.extraction.readers import SourceDocument

    notes = Notes()
    parser = _Parser(notes)
    try:
        parser.feed(text)
        parser.close()
    except (AssertionError, ValueError) as exc:  # html.parser on broken markup
        raise ReadError(name, f"the HTML could not be parsed ({exc})") from exc
    lines: list[str] = []
    for block in parser.blocks:
        lines.extend(block.split("\n"))
        lines.append("")
    clean, footnotes, warnings = clean_lines(lines, notes)
    if not clean.strip():
        raise ReadError(name, "no text found in the HTML page")
    return SourceDocument(
        name=name,
        format="html",
        text=clean,
        footnotes=footnotes,
        warnings=warnings,
        tables=[table for table in parser.tables if table.rows],
    )
