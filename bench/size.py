"""Time the whole extractor against the size of its input: it must grow linearly.

    python bench/size.py [--max-mb 20] [--shapes lines,blank,pages,md,docx]

Builds an invented resolution of growing size (1/8 MB doubling, then --max-mb), every
fifth paragraph 200 KB long, in the shapes that once made the reader quadratic: short
lines with no blank line between them, short lines separated by blank lines or page breaks
(every line a paragraph that may continue the one before), Markdown, and a .docx with one
short paragraph per line. Prints seconds and microseconds per kilobyte for each size; the
column of microseconds per kilobyte stays flat when the work is linear.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mandates.extraction import ExtractionError
from mandates.extraction.api import extract_bytes

HEADER = """United Nations
General Assembly
Distr.: General
3 January 2031
Ninetieth session
Agenda item 12
Resolution adopted by the General Assembly on 20 December 2030
90/999. Invented resolution used to measure the reader
The General Assembly,
Recalling its earlier resolutions on the maintenance of imaginary lighthouses,
"""

PARAGRAPH = (
    "{n}. Requests the Secretary-General to submit to the General Assembly at its "
    "ninety-first session a report on the upkeep of lighthouses in small island "
    "developing States, including the costs of lamps, lenses and keepers, and "
    "encourages Member States to share good practices with one another"
)
# Every fifth paragraph runs on for 200 KB, as a pasted list or table without punctuation
# can: the case where rebuilding a paragraph for every added line was quadratic.
LONG_TAIL = " with" + " the keepers of the lamps and" * 7000 + " their families"


def _words(size: int) -> list[str]:
    """Paragraph texts adding up to about ``size`` bytes (short lines of ~4 words)."""
    words: list[str] = []
    number = 1
    total = len(HEADER)
    while total < size:
        text = PARAGRAPH.format(n=number % 900 + 1)
        text += (LONG_TAIL if number % 5 == 0 else "") + (";" if number % 3 else ".")
        words.append(text)
        total += len(text) + 12
        number += 1
    return words


def _short_lines(paragraph: str) -> list[str]:
    words = paragraph.split()
    return [" ".join(words[i : i + 4]) for i in range(0, len(words), 4)]


def build(shape: str, size: int) -> tuple[bytes, str]:
    """The bytes and file name of a document of about ``size`` bytes in ``shape``."""
    lines = HEADER.splitlines()
    for paragraph in _words(size):
        lines.extend(_short_lines(paragraph))
    if shape == "lines":
        return "\n".join(lines).encode(), "size.txt"
    if shape == "blank":
        return "\n\n".join(lines).encode(), "size.txt"
    if shape == "pages":
        return "\n\f\n".join(lines).encode(), "size.txt"
    if shape == "md":
        return ("# " + "\n\n".join(lines) + "\n\n---\n").encode(), "size.md"
    if shape == "docx":
        namespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        body = "".join(
            f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
            for line in lines
        )
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:  # stored: repeats compress too well
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr(
                "word/document.xml",
                f'<w:document xmlns:w="{namespace}"><w:body>{body}</w:body></w:document>',
            )
        return buffer.getvalue(), "size.docx"
    raise ValueError(f"unknown shape {shape!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-mb", type=float, default=20.0)
    parser.add_argument("--shapes", default="lines,blank,pages,md,docx")
    args = parser.parse_args(argv)

    print(f"{'shape':<6} {'text MB':>8} {'seconds':>8} {'us/KB':>7} {'paragraphs':>10}")
    sizes = []
    size = 128 * 1024
    while size < args.max_mb * 1024 * 1024:
        sizes.append(size)
        size *= 2
    sizes.append(int(args.max_mb * 1024 * 1024))
    for shape in args.shapes.split(","):
        for size in sizes:
            data, name = build(shape, size)
            started = time.perf_counter()
            try:
                result = extract_bytes(data, name)
            except ExtractionError as exc:
                print(f"{shape:<6} {size / 1024 / 1024:>8.2f} refused: {exc.reason}")
                continue
            seconds = time.perf_counter() - started
            count = len(result.operative)
            print(
                f"{shape:<6} {size / 1024 / 1024:>8.2f} {seconds:>8.2f}"
                f" {seconds * 1e6 / (size / 1024):>7.0f} {count:>10}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
