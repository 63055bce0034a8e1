"""Build small .docx files in the tests (python-docx is not a dependency): WordprocessingML
written by hand and zipped, with tracked changes where a paragraph asks for them, and
tables (``DocxTable``) where the body holds one."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# A paragraph is a string, or a list of pieces: a string, ("ins", text) or ("del", text).
Piece = str | tuple[str, str]


def _run(text: str, *, deleted: bool = False) -> str:
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r><{tag} xml:space="preserve">{escape(text)}</{tag}></w:r>'


def paragraph_xml(paragraph: str | list[Piece], change_id: list[int] | None = None) -> str:
    """One <w:p>, tracked insertions and deletions written as Word writes them."""
    ids = change_id if change_id is not None else [0]
    pieces = [paragraph] if isinstance(paragraph, str) else paragraph
    runs = []
    for piece in pieces:
        if isinstance(piece, str):
            runs.append(_run(piece))
            continue
        kind, text = piece
        ids[0] += 1
        author = 'w:author="Editor" w:date="2026-06-30T10:00:00Z"'
        if kind == "ins":
            runs.append(f'<w:ins w:id="{ids[0]}" {author}>{_run(text)}</w:ins>')
        elif kind == "del":
            runs.append(f'<w:del w:id="{ids[0]}" {author}>{_run(text, deleted=True)}</w:del>')
        else:
            raise ValueError(kind)
    return f"<w:p>{''.join(runs)}</w:p>"


@dataclass
class DocxTable:
    """A table: its rows, each a list of cells; a cell is its paragraphs' text, one
    paragraph a line ("\n"), or (text, columns) for a cell merged across columns."""

    rows: list[list[str | tuple[str, int]]]


def table_xml(table: DocxTable) -> str:
    """One <w:tbl> as Word writes it (grid spans for merged cells)."""
    rows = []
    for row in table.rows:
        cells = []
        for cell in row:
            text, span = cell if isinstance(cell, tuple) else (cell, 1)
            properties = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
            paragraphs = "".join(paragraph_xml(line) for line in text.split("\n"))
            cells.append(f"<w:tc>{properties}{paragraphs}</w:tc>")
        rows.append(f"<w:tr>{''.join(cells)}</w:tr>")
    return f"<w:tbl>{''.join(rows)}</w:tbl>"


def docx_bytes(paragraphs: list[str | list[Piece] | DocxTable]) -> bytes:
    """A .docx whose body holds these paragraphs (and tables)."""
    ids = [0]
    body = "".join(
        table_xml(p) if isinstance(p, DocxTable) else paragraph_xml(p, ids) for p in paragraphs
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}">'
            f"<w:body>{body}</w:body></w:document>",
        )
    return buffer.getvalue()
