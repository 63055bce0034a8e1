"""Turn a resolution file (txt, md, docx, pdf, html) into clean text.

The result is a :class:`SourceDocument`: paragraphs separated by a blank line, footnote
texts kept apart with the offset where their mark stood. Every failure is a
:class:`~mandates.extraction.errors.ReadError` naming the file; no other exception leaves
this module.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from mandates.extraction.cleaning import PLAIN_BYTES, clean_text, looks_like_markdown
from mandates.extraction.errors import DOC_REFUSED, ODT_REFUSED, ReadError
from mandates.extraction.regex_cache import compiled
from mandates.extraction.result import Footnote, Table

__all__ = [
    "MAX_FILE_BYTES",
    "SUPPORTED_SUFFIXES",
    "SUPPORTED_TYPES",
    "SourceDocument",
    "read_bytes",
    "read_path",
    "read_text",
]

# The extractor's own limit, whoever calls it (`manage.py extract`, ingest): larger files
# are refused before parsing. Ingest stores less (settings.MAX_UPLOAD_BYTES, 20 MB).
MAX_FILE_BYTES = 50 * 1024 * 1024

_TEXT_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
_SUFFIXES = {
    **_TEXT_SUFFIXES,
    ".docx": "docx",
    ".pdf": "pdf",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
# The file types read, by suffix (the content decides when they disagree): the one list of
# the readers, the ingest service and command, and the admin's upload form.
SUPPORTED_SUFFIXES = frozenset(_SUFFIXES)
SUPPORTED_TYPES = ".txt, .md, .docx, .pdf or .html"  # how messages name them
_REFUSED = {
    ".doc": DOC_REFUSED,
    ".rtf": "RTF files are not supported: save the file as .docx or .pdf",
    ".odt": ODT_REFUSED,
}


@dataclass
class SourceDocument:
    name: str  # file name shown in messages
    format: str  # "txt" | "md" | "docx" | "pdf" | "html"
    text: str  # clean text, paragraphs separated by a blank line ("\n\n")
    footnotes: list[Footnote] = field(default_factory=list)  # anchor set where known
    warnings: list[str] = field(default_factory=list)
    # A Word file with tracked changes: the text before them (deletions kept, insertions
    # left out); ``text`` is the reading with the changes accepted.
    original_text: str | None = None
    # The tables of ``text`` (and of ``original_text``), row by row: which cells the text's
    # paragraphs are and how they group into rows (a .docx, an HTML page, a PDF).
    tables: list[Table] = field(default_factory=list)
    original_tables: list[Table] = field(default_factory=list)


def read_path(path: str | os.PathLike[str]) -> SourceDocument:
    """Read the file at ``path``, choosing the reader by suffix and by its content."""
    path = Path(path)
    name = path.name or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReadError(name, f"the file is too large ({size} bytes; at most {MAX_FILE_BYTES})")
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(name, f"cannot open the file: {exc.strerror or exc}") from exc
    return read_bytes(data, name)


def read_bytes(data: bytes, name: str) -> SourceDocument:
    """Read a file's bytes (an upload); ``name`` gives the suffix and appears in messages."""
    try:
        return _read_bytes(bytes(data), name)
    except ReadError:
        raise
    except Exception as exc:  # a parser bug or a hostile file: never let it escape
        raise ReadError(name, f"the file could not be read ({type(exc).__name__}: {exc})") from exc


def read_text(text: str, name: str = "<text>") -> SourceDocument:
    """Clean already-decoded text; plain text or Markdown is detected from the content."""
    try:
        if not text.strip():
            raise ReadError(name, "the text is empty")
        return _from_text(text, name, "md" if looks_like_markdown(text) else "txt")
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(name, f"the text could not be read ({type(exc).__name__}: {exc})") from exc


# ---------------------------------------------------------------------------- dispatch


def _read_bytes(data: bytes, name: str) -> SourceDocument:
    if not data.strip(b" \t\r\n\x00\x0c\xef\xbb\xbf\xff\xfe"):
        raise ReadError(name, "the file is empty")
    if len(data) > MAX_FILE_BYTES:
        raise ReadError(
            name, f"the file is too large ({len(data)} bytes; at most {MAX_FILE_BYTES})"
        )
    suffix = Path(name).suffix.lower()
    named = _SUFFIXES.get(suffix)  # the type the name claims: None for another suffix
    kind = _sniff(data)
    if named not in (None, "docx") and kind == "docx" and not _word_archive(data):
        kind = None  # a ZIP that is no Word document: refused below, named as what it is
    if named not in (None, "docx") and kind is None:
        _refuse_foreign(data, name, suffix)
    if suffix in _REFUSED and kind is None:
        raise ReadError(name, _REFUSED[suffix])
    fmt = kind or named
    if fmt is None:
        if suffix and suffix not in _SUFFIXES and not _looks_textual(data):
            raise ReadError(
                name,
                f"unsupported file type {suffix!r}: use {SUPPORTED_TYPES}",
            )
        fmt = "txt"
    if fmt == "pdf":
        from mandates.extraction.readers_pdf import read_pdf

        try:
            return _read_as(read_pdf(data, name), kind, suffix, named)
        except ReadError:
            if kind is None and _looks_textual(data):
                return _read_mislabelled(data, name, suffix)
            raise
    if fmt == "docx":
        from mandates.extraction.readers_docx import read_docx

        try:
            return _read_as(read_docx(data, name), kind, suffix, named)
        except ReadError:
            if Path(name).name.startswith("~$"):
                raise ReadError(name, _LOCK_FILE) from None
            if named == "docx":  # an image, RTF, another office program's archive...?
                _refuse_foreign(data, name, suffix, word_reader_refused=True)
            if kind is None and _looks_textual(data):
                return _read_mislabelled(data, name, suffix)
            raise
    document = _read_text(data, name, fmt)
    if named in ("txt", "md") and document.format == "html":  # an HTML page saved as text
        document.warnings.append(f"the file is named {suffix} but holds an HTML page: {_AS_SUCH}")
    return document


# Word's owner file "~$name.docx", kept beside a document while it is open.
_LOCK_FILE = (
    "this is a Word lock file (Word keeps it while the document is open), not a document: "
    "use the file whose name has no ~$"
)


_AS_SUCH = "read as such"
# What the warning names a file by when its content, sure of itself, overrules its name.
_CONTENT_NAMES = {"pdf": "a PDF", "docx": "a Word document (.docx)"}


def _read_mislabelled(data: bytes, name: str, suffix: str) -> SourceDocument:
    """A file its suffix's reader refused whose content is text: read as what it is (an
    HTML page, plain text or Markdown), as a .txt holding a PDF is read as a PDF; a
    warning says so. Only ever reached for a file that would otherwise be refused."""
    document = _read_text(data, name, "txt")
    what = "an HTML page" if document.format == "html" else "plain text"
    document.warnings.append(f"the file is named {suffix} but holds {what}: {_AS_SUCH}")
    return document


def _read_as(
    document: SourceDocument, kind: str | None, suffix: str, named: str | None
) -> SourceDocument:
    """A document read by the type its content announced (`kind`); a warning says so when
    its name says another (a PDF saved as .txt, a .docx renamed .pdf or .doc)."""
    if kind is not None and suffix and named != kind:
        what = _CONTENT_NAMES[kind]
        document.warnings.append(f"the file is named {suffix} but holds {what}: {_AS_SUCH}")
    return document


def _read_text(data: bytes, name: str, fmt: str) -> SourceDocument:
    """Plain text, Markdown or HTML (a text that begins like an HTML page is read as HTML,
    and an .html file without a single tag as plain text, with a warning)."""
    text, encoding, rest_utf8 = _decode(data, name)
    if fmt in ("txt", "md") and _HTML_START.match(text):
        fmt = "html"
    elif fmt == "html" and not _TAG.search(text):
        document = _read_text(data, name, "txt")
        suffix = Path(name).suffix.lower()
        document.warnings.append(f"the file is named {suffix} but holds plain text: {_AS_SUCH}")
        return document
    if fmt == "html":
        from mandates.extraction.readers_html import read_html

        return read_html(text, name)
    if fmt == "txt" and _looks_like_markdown(text, data, encoding):
        fmt = "md"
    return _from_text(text, name, fmt, rest_utf8)


#: Encodings in which every ASCII character is its own byte and no other character has a
#: byte below 0x80: a string of ASCII characters occurs in the text exactly when its bytes
#: occur in the data, which a bytes search finds many times faster.
_ASCII_SAFE = frozenset(["utf-8", "utf-8-sig", "cp1252"])
#: Everything looks_like_markdown looks for (cleaning._MD_HINTS) beyond the first
#: character, each with a byte of it that a search for one byte (memchr) finds at once.
_MD_HINT_BYTES = (
    (b"^", compiled(rb"\[\^")),
    (b"<", compiled(b"<sup>")),
    (b"*", compiled(rb"\*\*|\n\*")),
    (b"#", compiled(b"\n#")),
    (b"-", compiled(b"---")),
)


def _looks_like_markdown(text: str, data: bytes, encoding: str) -> bool:
    """:func:`looks_like_markdown`, ruled out from the bytes when none of its signs occur."""
    if encoding in _ASCII_SAFE and text[:1] not in ("#", "*"):
        for byte, sign in _MD_HINT_BYTES:
            if byte in data and sign.search(data):
                break
        else:
            return False
    return looks_like_markdown(text)


_HTML_START = compiled(
    r"\s*(?:<\?xml\b[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S
)
# A tag, a comment or a declaration: an .html file without one holds plain text.
_TAG = compiled(r"<[A-Za-z!/?]")


# What a file whose name claims a type the readers take may be instead, by its first bytes:
# (signature, what it is, what to do). The readers refuse it, saying so, rather than read
# its bytes as text. An ASCII signature is only believed when binary bytes follow it.
_FOREIGN = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file", ""),
    (b"{\\rtf", "an RTF document", "save the file as .docx or .pdf"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", ""),
    (b"\xff\xd8\xff", "a JPEG image", ""),
    (b"GIF87a", "a GIF image", ""),
    (b"GIF89a", "a GIF image", ""),
    (b"II*\x00", "a TIFF image", ""),
    (b"MM\x00*", "a TIFF image", ""),
    (b"\x1f\x8b", "a gzip archive", "unpack it and give the resolution's own file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive", "unpack it and give the resolution's own file"),
    (b"Rar!\x1a\x07", "a RAR archive", "unpack it and give the resolution's own file"),
    (b"BZh", "a bzip2 archive", "unpack it and give the resolution's own file"),
    (b"\xfd7zXZ\x00", "an xz archive", "unpack it and give the resolution's own file"),
    (b"\x7fELF", "a program", ""),
    (b"MZ", "a Windows program", ""),
    (b"SQLite format 3\x00", "an SQLite database", ""),
)
_IMAGE_ADVICE = "images are not read: give the text, or a PDF with a text layer"
# Word 97-2003's main stream, named (in UTF-16) in the compound file's directory.
_WORD_STREAM = "WordDocument".encode("utf-16-le")
# The archives of other office programs, by a part only they have.
_ARCHIVES = (
    ("mimetype", "an OpenDocument file", ODT_REFUSED),
    ("xl/workbook.xml", "an Excel workbook (.xlsx)", ""),
    ("ppt/presentation.xml", "a PowerPoint presentation (.pptx)", ""),
    ("META-INF/container.xml", "an e-book (EPUB)", ""),
)
# What the Word reader's own refusal already says of a .docx (a damaged archive, one without
# word/document.xml, an old .doc given the new name): its words stand.
_WORD_READER_SAYS = frozenset(
    [
        "a ZIP archive",
        "a damaged ZIP archive",
        "an old Microsoft Office file",
        "an old binary Word file (.doc)",
    ]
)


def _refuse_foreign(
    data: bytes, name: str, suffix: str, *, word_reader_refused: bool = False
) -> None:
    """Refuse a file its name says the readers take whose content is of another kind they
    do not (an image, an archive, an RTF or old Office document, a program), naming what
    it is: read as text it would give garbage. `word_reader_refused`: a .docx the Word
    reader refused, whose reason stands unless the content is of another kind still."""
    what, advice = _foreign(data)
    if not what or (word_reader_refused and what in _WORD_READER_SAYS):
        return
    if not advice:
        advice = (
            _IMAGE_ADVICE
            if what.endswith(" image")
            else f"give the resolution as {SUPPORTED_TYPES}"
        )
    raise ReadError(name, f"the file is named {suffix} but holds {what}; {advice}")


def _foreign(data: bytes) -> tuple[str, str]:
    """What the content is, when it is a kind the readers do not take, and what to do."""
    head = data[:64]
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        names = _archive_names(data)
        if names is None:
            return "a damaged ZIP archive", ""
        for part, what, advice in _ARCHIVES:
            if part in names:
                return what, advice
        return "a ZIP archive", "unpack it and give the resolution's own file"
    for signature, what, advice in _FOREIGN:
        if not head.startswith(signature):
            continue
        if signature.isascii() and signature != b"{\\rtf" and _looks_textual(head):
            continue  # "MZ", "BZh", "GIF89a": the start of a text, not a signature
        if signature.startswith(b"\xd0\xcf") and _WORD_STREAM in data:
            return "an old binary Word file (.doc)", "save the file as .docx"
        return what, advice
    return "", ""


def _archive_names(data: bytes) -> set[str] | None:
    """The names a ZIP archive lists (its central directory only), None when damaged."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        return None


def _word_archive(data: bytes) -> bool:
    """Whether a ZIP archive is a Word document: it holds word/document.xml."""
    names = _archive_names(data)
    return names is not None and "word/document.xml" in names


def _looks_binary(data: bytes) -> bool:
    """Bytes no text has: control bytes (NULs...) beyond a stray few, as `_decode` counts
    them in a decoded text."""
    sample = data[:20000]
    return len(sample) - len(sample.translate(None, _BAD_CONTROL_BYTES)) > len(sample) / 200


def _sniff(data: bytes) -> str | None:
    """The format the content itself announces, whatever the suffix says."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF-") or (b"%PDF-" in data[:1024] and not _looks_textual(data[:64])):
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "docx"
    return None


def _looks_textual(data: bytes) -> bool:
    sample = data[:4096]
    if sample.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if _utf16_order(sample):
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return controls == 0


# ---------------------------------------------------------------------------- decoding


def _utf16_order(sample: bytes) -> str | None:
    """'le' or 'be' when BOM-less bytes look like UTF-16 (NULs at every other byte)."""
    sample = sample[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nuls, odd_nuls = even.count(0), odd.count(0)
    if odd_nuls >= 0.3 * len(odd) and even_nuls <= 0.05 * len(even):
        return "le"
    if even_nuls >= 0.3 * len(even) and odd_nuls <= 0.05 * len(odd):
        return "be"
    return None


_BAD_CONTROLS = compiled(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_BINARY = "the file holds binary data, not text"


def decode_text(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 (with or without BOM) or Windows-1252."""
    return _decode(data, name)[0]


#: Every byte but the control characters _BAD_CONTROLS finds, and those.
_NOT_BAD_CONTROL_BYTES = bytes(b for b in range(256) if not _BAD_CONTROLS.match(chr(b)))
_BAD_CONTROL_BYTES = bytes(b for b in range(256) if _BAD_CONTROLS.match(chr(b)))


def _decode(data: bytes, name: str) -> tuple[str, str, bytes | None]:
    """:func:`decode_text`, the encoding it used and, read from UTF-8 bytes, the rest of
    them without :data:`PLAIN_BYTES` (what :func:`normalise_chars` looks at)."""
    if data.startswith(codecs.BOM_UTF32_LE) or data.startswith(codecs.BOM_UTF32_BE):
        encodings = ["utf-32"]
    elif data.startswith(codecs.BOM_UTF8):
        encodings = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        order = _utf16_order(data)
        encodings = [f"utf-16-{order}"] if order else ["utf-8", "cp1252"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    else:
        if _looks_binary(data):  # an image or archive no signature told apart
            raise ReadError(name, _BINARY)
        raise ReadError(name, "the text is not valid UTF-8, UTF-16 or Windows-1252")
    rest_utf8 = None
    if encoding in _ASCII_SAFE:
        # Every ASCII byte stands for itself, so the controls are among the bytes that
        # are not plain (printable ASCII, tab, line feed).
        rest = data.translate(None, PLAIN_BYTES)
        if encoding != "cp1252":  # the UTF-8 form of the text, after a BOM's 3 bytes
            rest_utf8 = rest[3:] if encoding == "utf-8-sig" else rest
        if not rest.translate(None, _NOT_BAD_CONTROL_BYTES):
            return text, encoding, rest_utf8  # no control byte in the data, none in the text
    bad = len(_BAD_CONTROLS.findall(text[:20000]))
    if bad and bad > len(text[:20000]) / 200:
        raise ReadError(name, _BINARY)
    return text, encoding, rest_utf8


def _from_text(text: str, name: str, fmt: str, rest_utf8: bytes | None = None) -> SourceDocument:
    clean, footnotes, warnings = clean_text(text, markdown=fmt == "md", rest_utf8=rest_utf8)
    if not clean.strip():
        raise ReadError(name, "no text found in the file")
    return SourceDocument(name=name, format=fmt, text=clean, footnotes=footnotes, warnings=warnings)
