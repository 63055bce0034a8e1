"""Readers: a resolution file becomes clean text with footnotes kept apart."""

from __future__ import annotations

import codecs
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mandates.extraction import extract_bytes
from mandates.extraction.errors import ReadError
from mandates.extraction.readers import SourceDocument, read_bytes, read_path, read_text
from tests.shared_data import shared_path

SAMPLE = "Human Rights Council\n\n1. Requests the High Commissioner to report on “Café” rights;\n"


# ------------------------------------------------------------------------ plain text


def test_read_text_joins_wrapped_lines_into_paragraphs():
    """Lines of one block join with a space and blocks stay apart with a blank line."""
    doc = read_text("Human Rights Council\n\nResolution adopted by the Council\non 7 July 2022\n")
    assert isinstance(doc, SourceDocument)
    assert doc.format == "txt"
    assert doc.text == "Human Rights Council\n\nResolution adopted by the Council on 7 July 2022"


@pytest.mark.parametrize(
    "encoded",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-16"),  # with BOM
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("utf-16-le"),  # without BOM
        SAMPLE.encode("utf-16-be"),  # without BOM
        SAMPLE.encode("cp1252"),
        SAMPLE.replace("\n", "\r\n").encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf16le", "utf16be", "cp1252", "crlf"],
)
def test_every_supported_encoding_gives_the_same_text(encoded):
    """UTF-8 with or without BOM, UTF-16 with or without BOM and Windows-1252 all decode."""
    doc = read_bytes(encoded, "resolution.txt")
    assert doc.text == (
        "Human Rights Council\n\n1. Requests the High Commissioner to report on “Café” rights;"
    )


def test_markdown_suffix_gives_md_format():
    """A .md upload is read as Markdown."""
    doc = read_bytes(b"*Recalling* its resolution,", "x.md")
    assert doc.format == "md"
    assert doc.text == "Recalling its resolution,"


def test_read_path_reads_a_file(tmp_path: Path):
    """read_path reads the file and names the document after it."""
    path = tmp_path / "A_HRC_RES_1_1.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    doc = read_path(path)
    assert doc.name == "A_HRC_RES_1_1.txt"
    assert doc.text.startswith("Human Rights Council")


def test_missing_file_is_a_read_error(tmp_path: Path):
    """A path that does not exist gives a ReadError naming the file."""
    with pytest.raises(ReadError, match=r"absent.txt"):
        read_path(tmp_path / "absent.txt")


@pytest.mark.parametrize("data", [b"", b"   \n\n\t ", codecs.BOM_UTF8, b"\xff\xfe"])
def test_empty_file_is_a_read_error(data):
    """An empty (or blank) file gives a ReadError saying it is empty."""
    with pytest.raises(ReadError, match="empty") as info:
        read_bytes(data, "empty.txt")
    assert info.value.source_name == "empty.txt"


def test_binary_junk_is_a_read_error():
    """Bytes that are not text give a ReadError, not garbage text."""
    junk = bytes(range(256)) * 8
    with pytest.raises(ReadError, match=r"junk.txt"):
        read_bytes(junk, "junk.txt")


def test_undecodable_text_is_a_read_error():
    """Bytes valid neither as UTF-8 nor as Windows-1252 give a ReadError."""
    with pytest.raises(ReadError, match=r"not valid UTF-8"):
        read_bytes(b"Resolution \x81\x8d text", "odd.txt")


@pytest.mark.parametrize("name", ["old.doc", "notes.rtf", "picture.png"])
def test_unsupported_suffix_is_a_read_error(name):
    """A file type the extractor cannot read is refused with the reason."""
    with pytest.raises(ReadError, match=r"not supported|unsupported"):
        read_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), name)


def test_content_wins_over_a_wrong_suffix():
    """A PDF uploaded as .txt is read as a PDF (the content is sniffed)."""
    with pytest.raises(ReadError, match="PDF"):
        read_bytes(b"%PDF-1.4\n% broken", "mislabelled.txt")


def test_html_content_in_a_txt_file_is_read_as_html():
    """HTML under a .txt name is recognised by its content."""
    doc = read_bytes(b"<html><body><p>1. Decides;</p></body></html>", "page.txt")
    assert doc.format == "html"
    assert doc.text == "1. Decides;"


@pytest.mark.parametrize(
    ("data", "name", "fmt", "what"),
    [
        (
            b"<!DOCTYPE html><html><body><p>1. Decides;</p></body></html>",
            "page.pdf",
            "html",
            "an HTML page",
        ),
        (b"1. Decides;\n", "renamed.docx", "txt", "plain text"),
        (b"<html><body><p>1. Decides;</p></body></html>", "saved.docx", "html", "an HTML page"),
    ],
)
def test_text_named_pdf_or_docx_is_read_as_what_it_is(data, name, fmt, what):
    """A .pdf or .docx whose reader refuses it but which holds text is read as text or
    HTML, as a .txt holding HTML is, and a warning says what the file really is."""
    doc = read_bytes(data, name)
    assert (doc.format, doc.text) == (fmt, "1. Decides;")
    suffix = Path(name).suffix
    assert doc.warnings == [f"the file is named {suffix} but holds {what}: read as such"]


def _pdf_of(text: str) -> bytes:
    """A PDF whose text layer holds `text` (core fonts: Latin-1 only)."""
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for block in text.strip().split("\n\n"):
        pdf.multi_cell(170, 5, block, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    return bytes(pdf.output())


def _zip(**parts: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for part, content in parts.items():
            archive.writestr(part.replace("__", "/").replace("_dot_", "."), content)
    return buffer.getvalue()


MISLABELLED_PAGE = b"<!DOCTYPE html><html><body><p>1. Decides;</p><p>2. Requests</p></body></html>"


@pytest.mark.parametrize("name", ["saved.txt", "saved.md", "saved.html", "saved.docx"])
def test_a_pdf_under_another_name_is_read_as_a_pdf_and_said_so(name):
    """A PDF saved as .txt, .md, .html or .docx is read as the PDF it is, and the warning
    (which ingest prints and the import page shows) says what the file really holds."""
    doc = read_bytes(_pdf_of("1. Decides to remain seized of the matter."), name)
    assert doc.format == "pdf" and "remain seized" in doc.text
    assert doc.warnings == [f"the file is named {Path(name).suffix} but holds a PDF: read as such"]


@pytest.mark.parametrize("name", ["renamed.pdf", "renamed.txt", "renamed.md", "renamed.html"])
def test_a_word_document_under_another_name_is_read_as_one_and_said_so(name):
    """A .docx renamed .pdf (or .txt, .md, .html) is read as the Word document it is."""
    doc = read_bytes(_docx("<w:p><w:r><w:t>1. Decides;</w:t></w:r></w:p>"), name)
    assert (doc.format, doc.text) == ("docx", "1. Decides;")
    suffix = Path(name).suffix
    assert doc.warnings == [
        f"the file is named {suffix} but holds a Word document (.docx): read as such"
    ]


@pytest.mark.parametrize(
    "data",
    [
        MISLABELLED_PAGE,
        b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML'
        b' 1.0 Strict//EN" "x"><html xmlns="http://www.w3.org/1999/xhtml"><body><p>1. Decides;'
        b"</p><p>2. Requests</p></body></html>",
    ],
)
@pytest.mark.parametrize("name", ["page.txt", "page.md"])
def test_an_html_page_saved_as_text_is_read_as_html_and_said_so(data, name):
    """A web page saved as .txt or .md (an XHTML one too) is read as HTML, not as text full
    of tags, and a warning says so."""
    doc = read_bytes(data, name)
    assert (doc.format, doc.text) == ("html", "1. Decides;\n\n2. Requests")
    suffix = Path(name).suffix
    assert doc.warnings == [f"the file is named {suffix} but holds an HTML page: read as such"]


def test_plain_text_named_html_is_read_as_text_and_said_so():
    """An .html file without a single tag keeps its paragraphs (HTML would run them
    together), and a warning says it holds plain text."""
    doc = read_bytes(b"1. Decides;\n\n2. Requests the Secretary-General\nto report;\n", "x.html")
    assert (doc.format, doc.text) == (
        "txt",
        "1. Decides;\n\n2. Requests the Secretary-General to report;",
    )
    assert doc.warnings == ["the file is named .html but holds plain text: read as such"]


@pytest.mark.parametrize(
    ("data", "name", "what"),
    [
        (_zip(mimetype="x", content_dot_xml="<x/>"), "A_RES_90_5.txt", "an OpenDocument file"),
        (_zip(xl__workbook_dot_xml="<w/>"), "A_RES_90_5.docx", r"an Excel workbook \(\.xlsx\)"),
        (_zip(xl__workbook_dot_xml="<w/>"), "A_RES_90_5.pdf", r"an Excel workbook \(\.xlsx\)"),
        (_zip(ppt__presentation_dot_xml="<p/>"), "A_RES_90_5.md", "a PowerPoint presentation"),
        (_zip(a_dot_txt="1. Decides;"), "A_RES_90_5.txt", "a ZIP archive; unpack it"),
        (b"{\\rtf1\\ansi 1. Decides to remain seized;\\par}", "A_RES_90_5.txt", "an RTF document"),
        (b"{\\rtf1\\ansi 1. Decides to remain seized;\\par}", "A_RES_90_5.pdf", "an RTF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "scan.md", "a PNG image"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "scan.pdf", "a PNG image"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "scan.docx", "a PNG image"),
        (b"{\\rtf1\\ansi 1. Decides to remain seized;\\par}", "A_RES_90_5.docx", "an RTF document"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64), "scan.txt", "a JPEG image"),
        (b"\x1f\x8b\x08\x00" + bytes(64), "A_RES_90_5.txt", "a gzip archive"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64) + "WordDocument".encode("utf-16-le"),
            "A_RES_90_5.txt",
            r"an old binary Word file \(\.doc\); save the file as \.docx",
        ),
        (b"\x7fELF\x02\x01\x01" + bytes(64), "notes.md", "a program"),
    ],
)
def test_a_file_of_another_kind_under_a_read_name_is_refused_saying_what_it_is(data, name, what):
    """Content no reader takes (an archive, another office program's file, RTF, an image,
    a program) under a name the readers take is refused with what it really is, never
    read as text full of garbage."""
    suffix = Path(name).suffix
    with pytest.raises(ReadError, match=rf": the file is named \{suffix} but holds {what}"):
        read_bytes(data, name)


def test_binary_data_named_md_is_refused_as_binary_not_as_an_encoding():
    """Bytes of no known kind that no text has (NULs, control bytes) are refused as binary
    data, not with advice about text encodings."""
    junk = bytes(range(256)) * 8
    with pytest.raises(ReadError, match=r": the file holds binary data, not text$"):
        read_bytes(junk, "notes.md")


def test_a_damaged_pdf_is_refused_in_plain_words():
    """PDFium's message is not repeated as engine jargon with a doubled ".)"."""
    with pytest.raises(ReadError) as error:
        read_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog", "cut.pdf")
    message = str(error.value)
    assert "not a readable PDF: the file is damaged or incomplete (PDFium:" in message
    assert ".)" not in message and "Failed to load document" not in message


def test_a_word_lock_file_is_named_as_such():
    """Word's "~$name.docx" owner file is refused as a lock file, not as a damaged .docx."""
    with pytest.raises(ReadError, match="this is a Word lock file"):
        read_bytes(
            b"\x05Alice" + bytes(40) + b"A\x00l\x00i\x00c\x00e" + bytes(40), "~$HRC_RES.docx"
        )


# ----------------------------------------------------------------------------- docx

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(body: str, footnotes: str | None = None, numbering: str | None = None) -> bytes:
    """A minimal .docx built from hand-written WordprocessingML."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml",
            f'<w:document xmlns:w="{_W_NS}"><w:body>{body}</w:body></w:document>',
        )
        if footnotes is not None:
            archive.writestr(
                "word/footnotes.xml", f'<w:footnotes xmlns:w="{_W_NS}">{footnotes}</w:footnotes>'
            )
        if numbering is not None:
            archive.writestr(
                "word/numbering.xml", f'<w:numbering xmlns:w="{_W_NS}">{numbering}</w:numbering>'
            )
    return buffer.getvalue()


def _p(*runs: str, num: bool = False) -> str:
    ppr = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    return f"<w:p>{ppr if num else ''}{''.join(runs)}</w:p>"


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


_NUMBERING = (
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
    '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
    '<w:lvlText w:val="(%2)"/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
)


def test_docx_accepts_tracked_changes_like_accept_all():
    """Insertions stay, deletions go, moved text appears once at its new place."""
    body = _p(
        _r("reaffirming the principles of "),
        '<w:del w:id="1"><w:r><w:delText>nonselectivity</w:delText></w:r></w:del>',
        '<w:ins w:id="2">' + _r("non-selectivity") + "</w:ins>",
        _r(" at its "),
        '<w:del w:id="3"><w:r><w:delText>sixty-second</w:delText></w:r></w:del>',
        '<w:ins w:id="4">' + _r("sixty-fifth") + "</w:ins>",
        _r(" session"),
        '<w:moveFrom w:id="5">' + _r(" and again") + "</w:moveFrom>",
        _r(","),
        '<w:moveTo w:id="6">' + _r(" moved here") + "</w:moveTo>",
    )
    doc = read_bytes(_docx(body), "tracked.docx")
    assert doc.format == "docx"
    assert doc.text == (
        "reaffirming the principles of non-selectivity at its sixty-fifth session, moved here"
    )


def test_docx_footnotes_are_kept_apart_with_their_anchor():
    """A footnote reference becomes an anchor; the note text comes from footnotes.xml."""
    body = _p(
        _r("34. Takes note of the report;"),
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
        '<w:footnoteReference w:id="2"/></w:r>',
    ) + _p(_r("35. Requests a new report."))
    notes = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        "</w:footnote>"
        '<w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r>' + _r(" A/HRC/59/36.") + "</w:p>"
        "</w:footnote>"
    )
    doc = read_bytes(_docx(body, footnotes=notes), "notes.docx")
    assert doc.text == "34. Takes note of the report;\n\n35. Requests a new report."
    assert [(f.mark, f.text) for f in doc.footnotes] == [("1", "A/HRC/59/36.")]
    assert doc.footnotes[0].anchor == len("34. Takes note of the report;")


def test_docx_numbering_is_rebuilt_for_operative_paragraphs():
    """Auto-numbered paragraphs get their printed numbers and letters back."""
    sub = '<w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    body = (
        _p(_r("The Human Rights Council,"))
        + _p(_r("Requests a report;"), num=True)
        + _p(_r("Decides:"), num=True)
        + f"<w:p>{sub}{_r('To hold a seminar;')}</w:p>"
        + f"<w:p>{sub}{_r('To hold a panel;')}</w:p>"
        + _p(_r("Decides to remain seized of the matter."), num=True)
    )
    doc = read_bytes(_docx(body, numbering=_NUMBERING), "numbered.docx")
    assert doc.text.split("\n\n") == [
        "The Human Rights Council,",
        "1. Requests a report;",
        "2. Decides:",
        "(a) To hold a seminar;",
        "(b) To hold a panel;",
        "3. Decides to remain seized of the matter.",
    ]


def test_docx_deleted_paragraph_mark_joins_paragraphs():
    """A deleted paragraph mark (tracked) joins the paragraph with the next, as Word does."""
    deleted_mark = '<w:pPr><w:rPr><w:del w:id="9"/></w:rPr></w:pPr>'
    body = f"<w:p>{deleted_mark}{_r('Recalling its resolution')}</w:p>" + _p(_r("60/251,"))
    assert read_bytes(_docx(body), "joined.docx").text == "Recalling its resolution 60/251,"


def test_malformed_docx_is_a_read_error():
    """A damaged archive, a zip without a document, or broken XML give a ReadError."""
    with pytest.raises(ReadError, match="damaged"):
        read_bytes(b"PK\x03\x04 this is not really a zip archive", "broken.docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(ReadError, match=r"document.xml"):
        read_bytes(buffer.getvalue(), "empty.docx")
    with pytest.raises(ReadError, match="not valid XML"):
        read_bytes(_docx("<w:p><w:r><w:t>unclosed"), "badxml.docx")


def test_docx_with_xml_entity_bomb_is_refused():
    """Entity declarations (billion laughs) are refused by defusedxml."""
    buffer = io.BytesIO()
    evil = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        f'<w:document xmlns:w="{_W_NS}"><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    )
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", evil)
    with pytest.raises(ReadError, match=r"evil.docx"):
        read_bytes(buffer.getvalue(), "evil.docx")


def test_docx_zip_bomb_is_refused():
    """An entry that unpacks to far more than its compressed size is refused unread."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<" + b" " * 8_000_000 + b">")
    with pytest.raises(ReadError, match=r"compressed|50 MB"):
        read_bytes(buffer.getvalue(), "bomb.docx")


# ----------------------------------------------------------------------------- html


def test_html_body_text_without_scripts_styles_and_navigation():
    """Only the body's text is kept; blocks become paragraphs and <sup> marks footnotes."""
    page = """<!DOCTYPE html><html><head><title>Resolution</title>
    <style>p { color: red }</style><script>alert("x")</script></head>
    <body><nav>Home | Documents</nav>
    <h1>Human Rights Council</h1>
    <p>Recalling its resolution 53/11,<sup>1</sup>
       and its earlier resolutions,</p>
    <p>1.&nbsp;Requests the <em>High Commissioner</em> to report;</p>
    <script>var hidden = "do not show";</script>
    <ol class="footnotes"><li id="fn1">Resolution 53/11 of 12 July 2023.</li></ol>
    </body></html>"""
    doc = read_bytes(page.encode(), "resolution.html")
    assert doc.format == "html"
    assert doc.text.split("\n\n") == [
        "Human Rights Council",
        "Recalling its resolution 53/11, and its earlier resolutions,",
        "1. Requests the High Commissioner to report;",
    ]
    assert [(f.mark, f.text) for f in doc.footnotes] == [("1", "Resolution 53/11 of 12 July 2023.")]
    assert doc.text[: doc.footnotes[0].anchor].endswith("53/11,")


# ------------------------------------------------------------------------------ pdf


def _pdf(pages: list[list[str]], notes: list[list[str]], **encrypt: str) -> bytes:
    """A PDF with a running header and footer, small-print footnotes and raised marks.

    In a line, "^n" writes a raised footnote mark n; "" is a paragraph gap.
    """
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF(format="A4")
    pdf.set_auto_page_break(False)
    for number, lines in enumerate(pages):
        pdf.add_page()
        if number:
            pdf.set_font("Helvetica", size=9)
            pdf.set_xy(20, 10)
            pdf.cell(0, 5, "A/HRC/RES/59/3")
        y = 30.0
        for line in lines:
            if line:
                text, _, mark = line.partition("^")
                pdf.set_font("Helvetica", size=11)
                pdf.set_xy(20, y)
                pdf.cell(0, 5, text)
                if mark:  # right after the text (a cell starts with a 1 mm padding)
                    width = pdf.get_string_width(text)
                    pdf.set_font("Helvetica", size=7)
                    pdf.set_xy(20 + width, y - 1)
                    pdf.cell(0, 3, mark)
            y += 6 if line else 4
        for index, note in enumerate(notes[number]):
            pdf.set_font("Helvetica", size=8)
            if note.startswith("^"):  # a raised note number, then the note text
                mark, _, note = note[1:].partition(" ")
                pdf.set_xy(24, 262 + 4 * index)
                pdf.cell(0, 4, note)
                pdf.set_font("Helvetica", size=6)
                pdf.set_xy(20, 261 + 4 * index)
                pdf.cell(0, 3, mark)
            else:
                pdf.set_xy(20, 262 + 4 * index)
                pdf.cell(0, 4, note)
        pdf.set_xy(20, 285)
        pdf.cell(0, 4, f"GE.25-10234(E)      {number + 1}/{len(pages)}")
        pdf.set_xy(170, 285)
        pdf.cell(0, 4, "*2510234*")
    data = bytes(pdf.output())
    if encrypt:
        import pypdf

        reader = pypdf.PdfReader(io.BytesIO(data))
        writer = pypdf.PdfWriter(clone_from=reader)
        writer.encrypt(algorithm="RC4-128", **encrypt)
        out = io.BytesIO()
        writer.write(out)
        data = out.getvalue()
    return data


_PDF_PAGES = [
    [
        "Human Rights Council",
        "",
        "Resolution adopted by the Human Rights Council on 4 July 2025",
        "",
        "59/3. Enhancement of international cooperation",
        "",
        "Recalling its resolution 70/1 of 25 September 2015 on the nuclear-weapon-",
        "free zone, and the devel-",
        "opment of cooperation among States,^1",
        "",
        "1. Requests the High Commissioner to prepare a report on the implementation of the",
        "present resolution and to present it to the Council at its sixty-fifth session;",
        "",
        "2. Decides to continue its consideration of the matter at its sixty-fifth session and to",
    ],
    [
        "invite the Special Rapporteur to contribute to the development of the report;^2",
        "",
        "3. Also decides to remain seized of the matter.",
    ],
]
_PDF_NOTES = [["1 See FCCC/CP/2015/10/Add.1, decision 1/CP.21, annex."], ["2 A/HRC/59/36."]]


def test_pdf_drops_running_furniture_and_rebuilds_paragraphs():
    """Header, page numbers, job number and barcode go; lines join; hyphenation is undone."""
    doc = read_bytes(_pdf(_PDF_PAGES, _PDF_NOTES), "resolution.pdf")
    assert doc.format == "pdf"
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[:3] == [
        "Human Rights Council",
        "Resolution adopted by the Human Rights Council on 4 July 2025",
        "59/3. Enhancement of international cooperation",
    ]
    assert paragraphs[3] == (
        "Recalling its resolution 70/1 of 25 September 2015 on the nuclear-weapon-free zone,"
        " and the development of cooperation among States,"
    )
    assert paragraphs[5] == (
        "2. Decides to continue its consideration of the matter at its sixty-fifth session and"
        " to invite the Special Rapporteur to contribute to the development of the report;"
    )
    for junk in ("GE.25", "2510234", "A/HRC/RES/59/3", "1/2", "2/2"):
        assert junk not in doc.text


def test_pdf_footnotes_are_kept_apart_with_anchors():
    """Small print at the page bottom becomes footnotes; raised digits become anchors."""
    doc = read_bytes(_pdf(_PDF_PAGES, _PDF_NOTES), "resolution.pdf")
    assert [(f.mark, f.text) for f in doc.footnotes] == [
        ("1", "See FCCC/CP/2015/10/Add.1, decision 1/CP.21, annex."),
        ("2", "A/HRC/59/36."),
    ]
    assert doc.text[: doc.footnotes[0].anchor].endswith("cooperation among States,")
    assert doc.text[: doc.footnotes[1].anchor].endswith("development of the report;")
    assert "See FCCC" not in doc.text


def test_pdf_raised_note_numbers_and_wrapped_notes():
    """A raised number starting a small-print line opens a note; the next line continues it."""
    notes = [
        [
            "^1 See Official Records of the General Assembly, Eightieth Session,",
            "Supplement No. 53.",
        ],
        ["^2 A/HRC/59/36."],
    ]
    doc = read_bytes(_pdf(_PDF_PAGES, notes), "raised.pdf")
    assert [(f.mark, f.text) for f in doc.footnotes] == [
        (
            "1",
            "See Official Records of the General Assembly, Eightieth Session, Supplement No. 53.",
        ),
        ("2", "A/HRC/59/36."),
    ]
    assert "Supplement No. 53" not in doc.text


def test_pdf_footnote_continued_on_the_next_page():
    """Small print at the top of a page's note block continues the previous page's last note."""
    notes = [
        ["^1 See Official Records of the General Assembly, Eightieth Session,"],
        ["Supplement No. 53 (A/80/53), chap. VI.", "^2 A/HRC/59/36."],
    ]
    doc = read_bytes(_pdf(_PDF_PAGES, notes), "continued.pdf")
    assert [(f.mark, f.text) for f in doc.footnotes] == [
        (
            "1",
            "See Official Records of the General Assembly, Eightieth Session,"
            " Supplement No. 53 (A/80/53), chap. VI.",
        ),
        ("2", "A/HRC/59/36."),
    ]
    assert "Supplement No. 53" not in doc.text


def test_encrypted_pdf_is_a_read_error_naming_the_file():
    """A password-protected PDF gives a ReadError that names the file."""
    data = _pdf(_PDF_PAGES, _PDF_NOTES, user_password="secret", owner_password="owner")
    with pytest.raises(ReadError, match="encrypted") as info:
        read_bytes(data, "locked.pdf")
    assert "locked.pdf" in str(info.value)


def test_pdf_without_text_layer_is_a_read_error():
    """A PDF with only a blank page (a scan without OCR) gives a ReadError."""
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    with pytest.raises(ReadError, match="no text layer"):
        read_bytes(bytes(pdf.output()), "scan.pdf")


def test_damaged_pdf_is_a_read_error():
    """A truncated PDF gives a ReadError, not a pypdf exception."""
    data = _pdf(_PDF_PAGES, _PDF_NOTES)
    with pytest.raises(ReadError, match=r"cut.pdf"):
        read_bytes(data[: len(data) // 3], "cut.pdf")


# ---------------------------------------------------------------------------- seeds


def _paragraph_with(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    begin = text.rfind("\n\n", 0, start)
    begin = 0 if begin == -1 else begin + 2
    end = text.find("\n\n", start)
    return begin, len(text) if end == -1 else end


def test_seed_80_204_joins_the_paragraph_split_by_a_page_break():
    """The Markdown seed reads with its split paragraph joined and footnotes 1-6 apart."""
    doc = read_path(shared_path("seeds", "A_RES_80_204.txt"))
    paragraphs = doc.text.split("\n\n")
    assert sum("of the General Assembly to commemorate the tenth" in p for p in paragraphs) == 1
    assert [f.mark for f in doc.footnotes] == ["1", "2", "3", "4", "5", "6"]
    assert all(f.text and f.anchor is not None for f in doc.footnotes)
    assert doc.footnotes[0].text == "A/CONF.157/24 (Part I), chap. III."
    for marker in ("[^", "<sup>", "**", "---", "*Recalling"):
        assert marker not in doc.text
    assert "13. Urges States" in doc.text and "consecutive and compounded global crises" in doc.text


def test_seed_59_3_has_no_residue_and_keeps_session_readings():
    """The tracked-changes seed loses glued residue but keeps both session readings."""
    doc = read_path(shared_path("seeds", "A_HRC_RES_59_3.txt"))
    assert "non-selectivity" in doc.text
    assert "nonselectivitynon" not in doc.text and "SubcommissionSub" not in doc.text
    assert "capacitybuilding" not in doc.text
    assert "[footnoteRef" not in doc.text
    assert "sixty-second session; sixty fifth" in doc.text
    assert "sixty-second fifth session" in doc.text
    note = next(f for f in doc.footnotes if f.text == "A/HRC/59/36.")
    assert note.mark == "3"
    begin, end = _paragraph_with(doc.text, "34. Takes note")
    assert doc.text[begin:].startswith("34. Takes note")
    assert begin <= note.anchor <= end
    assert "See FCCC" not in doc.text


def test_whole_corpus_reads_cleanly():
    """Every corpus file reads without error and keeps no Markdown footnote residue."""
    corpus = shared_path("corpus")
    files = sorted(corpus.glob("*/*.txt"))
    assert len(files) >= 400
    for path in files:
        doc = read_path(path)
        assert doc.text, path.name
        for residue in ("[^", "<sup>", "**", "\ue000"):
            assert residue not in doc.text, (path.name, residue)
        for footnote in doc.footnotes:
            assert footnote.anchor is None or 0 <= footnote.anchor <= len(doc.text)


# ------------------------------------------------------------------------ properties


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=2000),
        st.text(max_size=800).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body>", b"\xef\xbb\xbf"]).flatmap(
            lambda head: st.binary(max_size=600).map(lambda tail: head + tail)
        ),
    ),
    suffix=st.sampled_from([".txt", ".md", ".html", ".docx", ".pdf", ""]),
)
def test_any_bytes_give_a_document_or_a_read_error(data, suffix):
    """Any bytes either read into a SourceDocument or raise ReadError, the same each time."""
    name = f"upload{suffix}"
    outcomes = []
    for _ in range(2):
        try:
            doc = read_bytes(data, name)
        except ReadError as error:
            outcomes.append(("error", str(error)))
        else:
            assert isinstance(doc, SourceDocument)
            assert isinstance(doc.text, str) and doc.text
            outcomes.append(("doc", doc.text, doc.footnotes, doc.warnings))
    assert outcomes[0] == outcomes[1]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=600))
def test_any_text_gives_a_document_or_a_read_error(text):
    """read_text never raises anything but ReadError, and keeps no internal marks."""
    try:
        doc = read_text(text)
    except ReadError:
        return
    assert "\ue000" not in doc.text and "\ue001" not in doc.text
    for footnote in doc.footnotes:
        assert footnote.anchor is None or 0 <= footnote.anchor <= len(doc.text)


def test_html_line_breaks_and_source_newlines():
    """Source newlines are spaces; a <br> breaks a line that the text rules may join again."""
    page = (
        "<body><p>Recalling its resolution\n   53/11 and<br>its earlier resolutions,</p>"
        "<p>69th plenary meeting<br>18 December 2025</p></body>"
    )
    doc = read_bytes(page.encode(), "br.html")
    assert doc.text.split("\n\n") == [
        "Recalling its resolution 53/11 and its earlier resolutions,",
        "69th plenary meeting",
        "18 December 2025",
    ]


def test_html_numbered_lists_print_their_numbers():
    """An <ol> of operative paragraphs prints "1.", "2." as a browser shows them, a list inside
    one of them "(a)", "(b)"; ``start``, ``value`` and ``type`` are honoured, a number the
    text already prints is not doubled, and a <ul> stays unnumbered. The numbers had been
    dropped, and with them the paragraph after a nested list."""
    page = (
        "<body><ol start='3'>"
        "<li><em>Requests</em> the Advisory Committee to prepare a study, including:"
        "<ol><li>An analysis;</li><li>Recommendations;</li></ol>"
        "and to submit it to the Council at its sixty-sixth session;</li>"
        "<li><em>Also requests</em> the Committee to report orally;</li>"
        "<li value='9'><p>Decides to remain seized of the matter.</p></li></ol>"
        "<ol type='i'><li>First</li><li>Second</li></ol>"
        "<ol><li>1. Typed</li></ol>"
        "<ul><li>Bullet</li></ul></body>"
    )
    doc = read_bytes(page.encode(), "lists.html")
    assert doc.text.split("\n\n") == [
        "3. Requests the Advisory Committee to prepare a study, including:",
        "(a) An analysis;",
        "(b) Recommendations;",
        "and to submit it to the Council at its sixty-sixth session;",
        "4. Also requests the Committee to report orally;",
        "9. Decides to remain seized of the matter.",
        "(i) First",
        "(ii) Second",
        "1. Typed",
        "Bullet",
    ]


def test_html_list_numbers_out_of_reason_are_ignored_fast():
    """A start or value no browser would show ("3000000000", "²", "-2") is ignored (roman
    numerals are built a letter at a time: a huge start hung the reader, "²" refused the
    file), and a list three deep is numbered (i), (ii) under (a), (b)."""
    page = (
        "<body><ol type='i' start='3000000000'><li>One</li><li value='²'>Two</li></ol>"
        "<ol start='-2'><li>Three</li></ol>"
        "<ol><li>Lead:<ol><li>Topic:<ol><li>Detail</li></ol></li></ol></li></ol></body>"
    )
    doc = read_bytes(page.encode(), "odd.html")
    assert doc.text.split("\n\n") == [
        "(i) One",
        "(ii) Two",
        "1. Three",
        "1. Lead:",
        "(a) Topic:",
        "(i) Detail",
    ]


def test_docx_line_break_inside_a_paragraph():
    """A Word line break between a meeting line and its date keeps them apart."""
    body = _p(_r("30th meeting"), "<w:r><w:br/></w:r>", _r("4 July 2025"))
    assert read_bytes(_docx(body), "br.docx").text == "30th meeting\n\n4 July 2025"


def test_pdf_flowing_paragraphs_with_italic_verbs_over_several_pages():
    """Wrapped paragraphs with italic verbs keep their spaces and join across page breaks."""
    fpdf = pytest.importorskip("fpdf")

    class Resolution(fpdf.FPDF):
        def header(self):
            if self.page_no() > 1:
                self.set_font("Times", size=9)
                self.cell(0, 5, "A/RES/80/204")
                self.ln(10)

        def footer(self):
            self.set_y(-20)
            self.set_font("Times", size=8)
            self.cell(0, 4, f"25-21234 (E)    {self.page_no()}/{{nb}}", align="C")

    pdf = Resolution(format="A4")
    pdf.set_margins(25, 25, 25)
    pdf.set_auto_page_break(True, margin=30)
    pdf.add_page()
    body = (
        "the enhancement of international cooperation in the field of human rights is essential"
        " for the full achievement of the purposes of the United Nations, "
    ) * 3
    for number in range(1, 13):
        pdf.set_font("Times", "I", 11)
        pdf.write(5.5, "Recognizing ")
        pdf.set_font("Times", "", 11)
        pdf.write(5.5, f"{body}as stated in paragraph {number},")
        pdf.ln(9)
    doc = read_bytes(bytes(pdf.output()), "flow.pdf")
    paragraphs = doc.text.split("\n\n")
    expected = [f"Recognizing {body}as stated in paragraph {n}," for n in range(1, 13)]
    assert paragraphs == [p.replace("  ", " ") for p in expected]
    assert "25-21234" not in doc.text and "A/RES/80/204" not in doc.text


def test_html_saved_from_word_links_footnotes_by_href():
    """Word's HTML footnotes (<a href="#_ftn1">[1]</a>, <div id="ftn1">) are kept apart."""
    page = (
        "<html><body><div class=WordSection1>"
        "<p class=MsoNormal>34. Takes note of the report;<a href='#_ftn1' name='_ftnref1'>"
        "<span class=MsoFootnoteReference><sup>[1]</sup></span></a></p>"
        "<p class=MsoNormal>35. Requests a new report.</p></div>"
        "<div style='mso-element:footnote-list'><hr>"
        "<div style='mso-element:footnote' id=ftn1><p class=MsoFootnoteText>"
        "<a href='#_ftnref1' name='_ftn1'>[1]</a> A/HRC/59/36.</p></div></div>"
        "</body></html>"
    )
    doc = read_bytes(page.encode("cp1252"), "word.htm")
    assert doc.text == "34. Takes note of the report;\n\n35. Requests a new report."
    assert [(f.mark, f.text) for f in doc.footnotes] == [("1", "A/HRC/59/36.")]
    assert doc.footnotes[0].anchor == len("34. Takes note of the report;")


_TOKENS = [
    *"*_[]^#<>/-–:;,.()\t\n \u00a0\ue000\ue0011234aAnosupfotRef“”",
    *["<sup>", "</sup>", "[^1]", "[^1]: ", "---", "[footnoteRef:1]", "[1: ", "\n\n", "(a) "],
    *["nonselectivitynon-selectivity", "Action3", "States,2", " 1 See A/1.", "\t2 See "],
]
_TRICKY = st.lists(st.sampled_from(_TOKENS), max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TRICKY)
def test_markdown_and_footnote_syntax_never_breaks_the_reader(text):
    """Odd mixes of Markdown, footnote syntax and residue give clean text or a ReadError."""
    try:
        doc = read_text(text)
    except ReadError:
        return
    assert "\ue000" not in doc.text and "\ue001" not in doc.text
    assert "\n\n\n" not in doc.text and doc.text == doc.text.strip()
    for footnote in doc.footnotes:
        assert footnote.anchor is None or 0 <= footnote.anchor <= len(doc.text)


@settings(max_examples=100, deadline=None)
@given(st.lists(_TRICKY, min_size=1, max_size=6))
def test_any_docx_paragraph_text_reads(paragraphs):
    """A .docx holding arbitrary paragraph text reads, or fails only with ReadError."""
    from xml.sax.saxutils import escape

    cleaned = ["".join(ch for ch in p if ch >= " " or ch in "\t\n") for p in paragraphs]
    body = "".join(_p(_r(escape(p))) for p in cleaned)
    try:
        doc = read_bytes(_docx(body), "fuzz.docx")
    except ReadError:
        return
    assert "\ue000" not in doc.text


_HARD_BREAKS = """Human Rights Council

Sixty-ninth session

Resolution adopted by the Human Rights Council on 4 April 2035

69/12.   Reporting by the United Nations High Commissioner for Human{brk}
Rights on the imaginary lighthouses

The Human Rights Council,

Guided by the Charter of the United{brk}
Nations and by the{brk}
Universal Declaration of Human Rights,

1. Requests the High Commissioner to present an oral update to the Human Rights{brk}
Council at its seventy-first{nbsp}session and a report at its seventy-second{brk}
session;

2. Decides to remain seized of the matter.
"""


@pytest.mark.parametrize(
    ("brk", "nbsp"),
    [
        ("  ", " "),  # two spaces: Markdown's hard line break
        ("\\", "\\ "),  # pandoc's: a backslash at the line's end, "\\ " for a no-break space
    ],
    ids=["two spaces", "backslash"],
)
def test_markdown_hard_line_breaks_stay_inside_their_paragraph(brk, nbsp):
    """Word's soft returns come out of pandoc as hard line breaks. They had split the
    title and paragraphs (two spaces) or stayed in the text as backslashes that hid the
    deadlines ("seventy-first\\ session"). Found with pandoc's exports of a real text."""
    text = _HARD_BREAKS.format(brk=brk, nbsp=nbsp)
    result = extract_bytes(text.encode(), "A_HRC_RES_69_12.md")
    assert result.title == (
        "Reporting by the United Nations High Commissioner for Human Rights on the imaginary"
        " lighthouses"
    )
    assert len(result.preamble) == 1
    assert "\\" not in result.text
    due = [(d.kind, d.due.session, d.due.relation) for d in result.deliverables]
    assert due == [("oral update", 71, "at"), ("report", 72, "at")]


def test_an_old_word_file_named_docx_is_told_to_be_saved_as_docx():
    """Word 97-2003's file renamed .docx said "damaged zip archive"."""
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096)
    with pytest.raises(ReadError, match=r"old binary Word files \(\.doc\) are not supported"):
        read_bytes(data, "A_RES_90_5.docx")


@pytest.mark.parametrize("name", ["A_RES_90_5.odt", "A_RES_90_5.docx"])
def test_an_opendocument_text_is_told_to_be_saved_as_docx(name):
    """LibreOffice's .odt said "word/document.xml is missing"."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(ReadError, match="OpenDocument files are not supported"):
        read_bytes(buffer.getvalue(), name)
