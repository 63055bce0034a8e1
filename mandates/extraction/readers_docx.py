"""Read a .docx by its XML: tracked changes accepted, numbering rebuilt, footnotes apart.

Only the standard library's zipfile and defusedxml are used. The archive is checked
against zip bombs (entry count, declared and real uncompressed sizes) before parsing.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from mandates.extraction.cleaning import Notes, clean_lines, normalise_chars
from mandates.extraction.errors import DOC_REFUSED, ODT_REFUSED, ReadError
from mandates.extraction.result import Table

if TYPE_CHECKING:
    from mandates.extraction.readers import SourceDocument

MAX_ENTRIES = 2000
MAX_UNCOMPRESSED = 50 * 1024 * 1024  # all entries together
MAX_RATIO = 200  # uncompressed / compressed size of one entry

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _R, _T, _TBL, _SDT = f"{W}p", f"{W}r", f"{W}t", f"{W}tbl", f"{W}sdt"
_TC = f"{W}tc"
#: Where a paragraph stands in a table: the table, the row, the column.
_Cell = tuple[Table, int, int]
_VAL, _ID = f"{W}val", f"{W}id"
# Subtrees whose text is not part of the accepted document.
_SKIP = frozenset(
    {
        f"{W}del",
        f"{W}moveFrom",
        f"{W}delText",
        f"{W}delInstrText",
        f"{W}instrText",
        f"{W}pPr",
        f"{W}rPr",
        f"{W}footnoteRef",
        f"{W}endnoteRef",
        f"{W}commentReference",
        f"{MC}Fallback",
        f"{W}fldData",
    }
)
# The text before the tracked changes: deletions and moved-away text kept, insertions left out.
_SKIP_ORIGINAL = (_SKIP - {f"{W}del", f"{W}moveFrom", f"{W}delText"}) | {f"{W}ins", f"{W}moveTo"}


def read_docx(data: bytes, name: str) -> SourceDocument:
    """Read a Word .docx file's bytes into a SourceDocument."""
    from mandates.extraction.readers import SourceDocument

    parts = _open_parts(data, name)
    roots = {
        part: _parse(content, name, part)
        for part, content in parts.items()
        if part != "word/document.xml"
    }
    document = _parse(parts["word/document.xml"], name, "word/document.xml")
    body = document.find(f"{W}body")
    if body is None:
        raise ReadError(name, "the Word document has no body")
    reader = _DocxReader(name)
    text, footnotes, warnings = _read_reading(reader, body, roots)
    if not text.strip():
        raise ReadError(name, "no text found in the Word document")
    original_text = None
    original = _DocxReader(name, original=True)
    if _has_tracked_changes(body):
        # Both readings are kept, as a tracked-changes dump shows them; the extractor flags
        # what differs (see mandates/extraction/tracked.py).
        original_text, _, _ = _read_reading(original, body, roots)
        warnings.append(
            "the Word file has tracked changes: the text is read with them accepted, and "
            "what the text before the changes reads otherwise is flagged for review"
        )
    return SourceDocument(
        name=name,
        format="docx",
        text=text,
        footnotes=footnotes,
        warnings=warnings,
        original_text=original_text,
        tables=reader.tables,
        original_tables=original.tables,
    )


def _read_reading(
    reader: _DocxReader, body: Element, roots: dict[str, Element]
) -> tuple[str, list, list[str]]:
    """One reading of the document (tracked changes accepted, or the text before them)."""
    for part, kind in (("word/footnotes.xml", "footnote"), ("word/endnotes.xml", "endnote")):
        if part in roots:
            reader.load_notes(roots[part], kind)
    if "word/numbering.xml" in roots:
        reader.numbering.load(roots["word/numbering.xml"])
    if "word/styles.xml" in roots:
        reader.numbering.load_styles(roots["word/styles.xml"])
    lines: list[str] = []
    for paragraph in reader.read_body(body):
        lines.extend(paragraph.split("\n"))  # "\n" where a line break stood
        lines.append("")
    return clean_lines(lines, reader.notes)


_CHANGES = (f"{W}ins", f"{W}del", f"{W}moveFrom", f"{W}moveTo")


def _has_tracked_changes(body: Element) -> bool:
    """Whether any inserted, deleted or moved run carries text."""
    for tag in _CHANGES:
        for change in body.iter(tag):
            for text in (*change.iter(_T), *change.iter(f"{W}delText")):
                if (text.text or "").strip():
                    return True
    return False


# The first bytes of an OLE2 compound file: Word 97-2003's .doc.
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _open_parts(data: bytes, name: str) -> dict[str, bytes]:
    if data.startswith(_OLE2_MAGIC):  # an old Word file given the new one's name
        raise ReadError(name, DOC_REFUSED)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise ReadError(name, f"not a valid .docx file (damaged zip archive: {exc})") from exc
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise ReadError(name, f"the .docx archive has too many entries ({len(infos)})")
        if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED:
            raise ReadError(name, "the .docx archive would unpack to more than 50 MB")
        wanted = {
            "word/document.xml",
            "word/footnotes.xml",
            "word/endnotes.xml",
            "word/numbering.xml",
            "word/styles.xml",
        }
        names = {info.filename: info for info in infos}
        if "word/document.xml" not in names:
            if "mimetype" in names and b"opendocument" in archive.read("mimetype")[:100]:
                raise ReadError(name, ODT_REFUSED)
            raise ReadError(name, "not a Word .docx file (word/document.xml is missing)")
        parts: dict[str, bytes] = {}
        total = 0
        for part in wanted & names.keys():
            info = names[part]
            if info.flag_bits & 0x1:
                raise ReadError(name, "the .docx file is encrypted")
            if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
                raise ReadError(name, f"the .docx entry {part} is suspiciously compressed")
            try:
                with archive.open(info) as stream:
                    content = stream.read(MAX_UNCOMPRESSED - total + 1)
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
                raise ReadError(name, f"the .docx entry {part} is damaged ({exc})") from exc
            except RuntimeError as exc:  # encrypted entries
                raise ReadError(name, f"the .docx entry {part} cannot be read ({exc})") from exc
            total += len(content)
            if total > MAX_UNCOMPRESSED:
                raise ReadError(name, "the .docx archive would unpack to more than 50 MB")
            parts[part] = content
    return parts


def _parse(content: bytes, name: str, part: str) -> Element:
    try:
        return SafeET.fromstring(content)
    except (ParseError, DefusedXmlException, ValueError) as exc:
        raise ReadError(name, f"the .docx part {part} is not valid XML ({exc})") from exc


# --------------------------------------------------------------------------- numbering


def _roman(number: int) -> str:
    values: tuple[tuple[int, str], ...] = (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
    )
    values += ((50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    out = []
    for value, letters in values:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def _letters(number: int) -> str:
    # Word repeats the letter: a..z, aa..zz, aaa...
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def _format_number(number: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(number)
    if fmt == "upperLetter":
        return _letters(number).upper()
    if fmt == "lowerRoman":
        return _roman(number)
    if fmt == "upperRoman":
        return _roman(number).upper()
    if fmt in ("bullet", "none"):
        return ""
    return str(number)


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class _Numbering:
    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    nums: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> starts
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)  # style -> (numId, ilvl)
    counters: dict[str, list[int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    def load(self, root: Element) -> None:
        for abstract in root.iter(f"{W}abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in abstract.iter(f"{W}lvl"):
                level = _Level()
                start, fmt, text = (
                    lvl.find(f"{W}start"),
                    lvl.find(f"{W}numFmt"),
                    lvl.find(f"{W}lvlText"),
                )
                if start is not None:
                    level.start = _int(start.get(_VAL), 1)
                if fmt is not None:
                    level.fmt = fmt.get(_VAL, "decimal")
                if text is not None:
                    level.text = text.get(_VAL, "")
                levels[_int(lvl.get(f"{W}ilvl"), 0)] = level
            self.abstract[abstract.get(f"{W}abstractNumId", "")] = levels
        for num in root.iter(f"{W}num"):
            num_id = num.get(f"{W}numId", "")
            ref = num.find(f"{W}abstractNumId")
            if ref is not None:
                self.nums[num_id] = ref.get(_VAL, "")
            for override in num.iter(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                if start is not None:
                    ilvl = _int(override.get(f"{W}ilvl"), 0)
                    self.overrides.setdefault(num_id, {})[ilvl] = _int(start.get(_VAL), 1)

    def load_styles(self, root: Element) -> None:
        for style in root.iter(f"{W}style"):
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is None:
                continue
            num_id = num_pr.find(f"{W}numId")
            ilvl = num_pr.find(f"{W}ilvl")
            if num_id is not None:
                level = _int(ilvl.get(_VAL), 0) if ilvl is not None else 0
                self.style_num[style.get(f"{W}styleId", "")] = (num_id.get(_VAL, ""), level)

    def label(self, ppr: Element | None) -> str:
        """The printed label ("12.", "(a)") of a paragraph, counting it."""
        if ppr is None:
            return ""
        num_pr = ppr.find(f"{W}numPr")
        num_id, level = "", 0
        style = ppr.find(f"{W}pStyle")
        if style is not None and style.get(_VAL, "") in self.style_num:
            num_id, level = self.style_num[style.get(_VAL, "")]
        if num_pr is not None:
            id_el, lvl_el = num_pr.find(f"{W}numId"), num_pr.find(f"{W}ilvl")
            if id_el is not None:
                num_id = id_el.get(_VAL, "")
            if lvl_el is not None:
                level = _int(lvl_el.get(_VAL), 0)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if level not in levels or not 0 <= level < 9:
            return ""
        counters = self.counters.setdefault(abstract_id, [0] * 9)
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in self.overrides.get(num_id, {}).items():
                if 0 <= lvl < 9:
                    counters[lvl] = start - 1
        if counters[level] == 0 and level in levels:
            counters[level] = levels[level].start - 1
        counters[level] += 1
        for deeper in range(level + 1, 9):
            counters[deeper] = 0
        spec = levels[level]
        if spec.fmt in ("bullet", "none"):
            return ""
        text = spec.text
        for lvl in range(level + 1):
            lvl_spec = levels.get(lvl, _Level())
            value = counters[lvl] or lvl_spec.start
            text = text.replace(f"%{lvl + 1}", _format_number(value, lvl_spec.fmt))
        return text.strip()


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


# ---------------------------------------------------------------------------- the body


class _DocxReader:
    """Reads the body with tracked changes accepted, or (``original``) as it was before them."""

    def __init__(self, name: str, *, original: bool = False) -> None:
        self.name = name
        self.original = original
        self.skip = _SKIP_ORIGINAL if original else _SKIP
        self.text_tags = (_T, f"{W}delText") if original else (_T,)
        self.removed = (f"{W}ins", f"{W}moveTo") if original else (f"{W}del", f"{W}moveFrom")
        self.added_mark = f"{W}rPr/{W}ins" if original else f"{W}rPr/{W}del"
        self.notes = Notes()
        self.note_texts: dict[tuple[str, str], str] = {}
        self.numbering = _Numbering()
        self.note_count = 0
        self.tables: list[Table] = []

    def load_notes(self, root: Element, kind: str) -> None:
        tag = f"{W}{kind}"
        for note in root.iter(tag):
            if note.get(f"{W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            pieces = ["".join(self._runs_text(p, nested=True)) for p in note.iter(_P)]
            self.note_texts[(kind, note.get(_ID, ""))] = " ".join(p.strip() for p in pieces)

    def read_body(self, body: Element) -> list[str]:
        paragraphs: list[str] = []
        carry = ""  # text of a paragraph whose mark was deleted: it joins the next one
        for para, in_table, cell in self._paragraphs(body):
            ppr = para.find(f"{W}pPr")
            pieces = self._runs_text(para)
            text = "".join(pieces)
            # A paragraph mark absent from this reading: the text joins the next paragraph.
            mark_deleted = ppr is not None and ppr.find(self.added_mark) is not None
            if not text.strip() and not carry and not mark_deleted:
                continue
            label = "" if carry or not text.strip() else self.numbering.label(ppr)
            if label:
                text = f"{label} {text.lstrip()}"
            text = carry + text
            if mark_deleted and not in_table:
                carry = text if text.endswith(" ") or not text else text + " "
                continue
            carry = ""
            paragraphs.append(text)
            if cell is not None:
                table, row, column = cell
                words = table.rows[row][column]
                table.rows[row][column] = f"{words} {text}" if words else text
        if carry:
            paragraphs.append(carry)
        return paragraphs

    def _paragraphs(
        self, parent: Element, in_table: bool = False, cell: _Cell | None = None
    ) -> Iterator[tuple[Element, bool, _Cell | None]]:
        """The paragraphs in reading order, with the table cell each stands in (None
        outside a table's own rows)."""
        for child in parent:
            tag = child.tag
            if tag == _P:
                yield child, in_table, cell
            elif tag == _TBL:
                cells = self._table_cells(child)
                for element in child.iter(_TC):
                    yield from self._paragraphs(element, True, cells.get(id(element)))
            elif tag in self.removed:
                continue
            elif tag in (
                _SDT,
                f"{W}sdtContent",
                f"{W}ins",
                f"{W}moveTo",
                f"{W}del",
                f"{W}moveFrom",
                f"{W}customXml",
            ):
                yield from self._paragraphs(child, in_table, cell)

    def _table_cells(self, table: Element) -> dict[int, _Cell]:
        """A new table of this reading, empty, and where each cell of its own rows is
        (keyed by the cell element's id): a cell merged across columns ("gridSpan") leaves
        the further columns empty, so that the rows line up."""
        rows: list[list[str]] = []
        cells: dict[int, _Cell] = {}
        found = Table(rows)
        for tr in table.findall(f"{W}tr"):
            row: list[str] = []
            for tc in tr.findall(_TC):
                cells[id(tc)] = (found, len(rows), len(row))
                span = tc.find(f"{W}tcPr/{W}gridSpan")
                row.extend(
                    [""] * max(1, min(_int(span.get(_VAL) if span is not None else None, 1), 64))
                )
            rows.append(row)
        self.tables.append(found)
        return cells

    def _runs_text(self, element: Element, nested: bool = False) -> list[str]:
        out: list[str] = []
        stack = [iter(element)]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                continue
            tag = child.tag
            if tag in self.skip:
                continue
            if tag in self.text_tags:
                out.append(normalise_chars(child.text or ""))
            elif tag == f"{W}tab" or tag == f"{W}ptab":
                out.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                if child.get(f"{W}type") not in ("page", "column"):
                    out.append("\n")
            elif tag == f"{W}noBreakHyphen":
                out.append("-")
            elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
                if not nested:
                    out.append(self._note_mark(child))
            elif tag == _P and not nested:
                continue  # paragraphs inside text boxes are not part of the running text
            else:
                stack.append(iter(child))
        return out

    def _note_mark(self, reference: Element) -> str:
        kind = "footnote" if reference.tag.endswith("footnoteReference") else "endnote"
        note_id = reference.get(_ID, "")
        text = self.note_texts.get((kind, note_id))
        if reference.get(f"{W}customMarkFollows") in ("1", "true", "on"):
            mark = note_id
        else:
            self.note_count += 1
            mark = str(self.note_count)
        if text is None:
            self.notes.warnings.append(f"{kind} {note_id} is referenced but missing")
        return self.notes.mark(mark, text or "")
