"""Reading grows linearly with the size of the file (issue 11, robustness).

Short lines used to make the cleaning quadratic: every added line rebuilt the paragraph and
every blank line re-read it. A 2 MB file must be read (and its structure parsed) in well
under 5 CPU seconds; a quadratic reader needs minutes. bench/size.py prints the curve.
"""

import io
import re
import time
import zipfile
from xml.sax.saxutils import escape

import pytest

from mandates.extraction.api import extract_bytes
from mandates.extraction.readers import read_bytes
from mandates.extraction.structure import parse_structure

_HEADER = [
    "General Assembly",
    "Ninetieth session",
    "90/999. Invented resolution on lighthouses",
    "The General Assembly,",
    "Recalling its earlier resolutions on imaginary lighthouses,",
]
_PARAGRAPH = (
    "{n}. Requests the Secretary-General to submit to the General Assembly at its "
    "ninety-first session a report on the upkeep of lighthouses, including the costs of "
    "lamps and keepers, and encourages Member States to share good practices"
)
# A paragraph that runs on for 200 KB, as a pasted list or table without punctuation can.
_LONG_PARAGRAPH = _PARAGRAPH + " with" + " the keepers of the lamps and" * 7000 + " their families"


def _lines(size: int) -> list[str]:
    lines = list(_HEADER)
    total = 0
    number = 1
    while total < size:
        text = _LONG_PARAGRAPH if number % 5 == 0 else _PARAGRAPH
        words = (text.format(n=number % 900 + 1) + ";").split()
        for start in range(0, len(words), 4):
            line = " ".join(words[start : start + 4])
            lines.append(line)
            total += len(line) + 2
        number += 1
    return lines


def _docx(lines: list[str]) -> bytes:
    namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>' for line in lines
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:  # stored: repeats compress too well
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml",
            f'<w:document xmlns:w="{namespace}"><w:body>{body}</w:body></w:document>',
        )
    return buffer.getvalue()


_TWO_MB = 2 * 1024 * 1024


@pytest.mark.parametrize(
    ("separator", "name"),
    [("\n", "lines.txt"), ("\n\n", "blank.txt"), ("\n\f\n", "pages.txt"), ("\n\n", "lines.md")],
)
def test_two_megabytes_of_short_lines_are_read_in_linear_time(separator, name):
    """A 2 MB text of four-word lines (one paragraph per line or not) is read and
    structured in under 5 CPU seconds, and nothing of it is lost."""
    lines = _lines(_TWO_MB)
    data = separator.join(lines).encode()
    started = time.process_time()
    document = read_bytes(data, name)
    structure = parse_structure(document.text, source_name=name)
    spent = time.process_time() - started
    assert spent < 5, f"{name}: {spent:.1f} s for 2 MB"
    assert structure.header.number == "999"
    assert document.text.count("lamps") == sum(line.count("lamps") for line in lines)


def test_two_megabytes_docx_of_short_paragraphs_is_extracted_in_linear_time():
    """A 2 MB .docx of short paragraphs goes through the whole extractor (read, structure,
    requests) in under 5 CPU seconds (it took minutes when the reader was quadratic)."""
    lines = _lines(_TWO_MB)
    data = _docx(lines)
    started = time.process_time()
    result = extract_bytes(data, "short.docx")
    spent = time.process_time() - started
    assert spent < 5, f"{spent:.1f} s for 2 MB"
    numbered = [line for line in lines if re.match(r"\d+\. ", line)]
    assert len(result.operative) == len(numbered)
