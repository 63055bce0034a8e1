"""Compare PDF text libraries on real UN PDFs: speed and the quality of their raw text.

    python bench/pdf_libraries.py [--pdfs ../shared/realdocs/pdf] [--corpus ../shared/corpus]

Only pypdf is a dependency of the project; pdfminer.six and pypdfium2 are measured when
they are importable (``pip install --target DIR pdfminer.six pypdfium2`` and put DIR on
PYTHONPATH). For each library and mode it prints milliseconds per page and, over the text
it returns:

* split words: two neighbouring pieces that are no words of the UN vocabulary (the words
  of the plain-text corpus) while their concatenation is one ("justi ce", "Non -custodial"),
  plus symbols cut by a space ("A /RES/79/1");
* glued words: a piece that is no word while it is two words glued together;
* whether the library gives font sizes and positions (what the reader needs to drop
  running headers and footers and to tell footnotes and footnote marks from the text).
"""

from __future__ import annotations

import argparse
import io
import itertools
import logging
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MANDATE_TRACKER_SHARED", ROOT.parent / "shared"))
WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
PIECE = re.compile(r"\S+")
SPLIT_SYMBOL = re.compile(r"\b[AE] /|/RES /|\bRES/ \d|\d /\d")


def vocabulary(corpus: Path) -> set[str]:
    words: set[str] = set()
    for path in corpus.rglob("*.txt"):
        words.update(w.lower() for w in WORD.findall(path.read_text(encoding="utf-8")))
    return words


def _bare(piece: str) -> str:
    return piece.strip("“”‘’\"'()[],;:.!?").lower()


def quality(text: str, words: set[str]) -> tuple[int, int]:
    """(split words, glued words) in ``text``."""
    pieces = [_bare(p) for p in PIECE.findall(text)]
    split = 0
    for left, right in itertools.pairwise(pieces):
        if not left or not right or not left[-1].isalpha():
            continue
        if right.startswith("-") and (left + right) in words:
            split += 1  # "Non -custodial"
        elif left.isalpha() and right.isalpha() and (left not in words or right not in words):
            split += (left + right) in words
    glued = 0
    for piece in pieces:
        if piece.isalpha() and len(piece) >= 8 and piece not in words:
            glued += any(
                piece[:cut] in words and piece[cut:] in words for cut in range(3, len(piece) - 2)
            )
    return split + len(SPLIT_SYMBOL.findall(text)), glued


def pypdf_plain(data: bytes) -> tuple[str, int]:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def pypdf_layout(data: bytes) -> tuple[str, int]:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = [page.extract_text(extraction_mode="layout") for page in reader.pages]
    return "\n".join(pages), len(reader.pages)


def pypdf_visitor(data: bytes) -> tuple[str, int]:
    """pypdf with a visitor: text fragments with position and font size (what a layout
    reader builds on)."""
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    out: list[str] = []
    for page in reader.pages:
        pieces: list[tuple[float, float, str]] = []

        def visit(text, cm, tm, font, size, sink=pieces):
            if text.strip():
                sink.append((tm[5] * cm[3] + cm[5], tm[4] * cm[0] + cm[4], text))

        page.extract_text(visitor_text=visit)
        out.append(" ".join(text for _, _, text in pieces))
    return "\n".join(out), len(reader.pages)


def pdfminer_layout(data: bytes) -> tuple[str, int]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer

    out: list[str] = []
    pages = 0
    for page in extract_pages(io.BytesIO(data), laparams=LAParams()):
        pages += 1
        out.extend(item.get_text() for item in page if isinstance(item, LTTextContainer))
    return "\n".join(out), pages


def pdfium_text(data: bytes) -> tuple[str, int]:
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        out = [document[index].get_textpage().get_text_range() for index in range(len(document))]
        return "\n".join(out), len(document)
    finally:
        document.close()


def project_reader(data: bytes) -> tuple[str, int]:
    """The project's own reader (mandates.extraction.readers_pdf), cleaning included."""
    sys.path.insert(0, str(ROOT))
    from mandates.extraction.readers_pdf import page_count, read_pdf

    return read_pdf(data, "bench.pdf").text, page_count(data)


LIBRARIES: dict[str, tuple[Callable[[bytes], tuple[str, int]], str]] = {
    "pypdf 7 extract_text()": (pypdf_plain, "no"),
    "pypdf 7 extract_text(layout)": (pypdf_layout, "no"),
    "pypdf 7 visitor (fragments)": (pypdf_visitor, "yes (fragments)"),
    "pdfminer.six LAParams": (pdfminer_layout, "yes (every glyph)"),
    "pypdfium2 get_text_range": (pdfium_text, "yes (every glyph)"),
    "project reader (readers_pdf)": (project_reader, "-"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdfs", type=Path, default=SHARED / "realdocs" / "pdf")
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--only", help="comma-separated substrings of library names")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    files = sorted(args.pdfs.glob("*.pdf"))
    if not files:
        print(f"no PDF under {args.pdfs}", file=sys.stderr)
        return 1
    words = vocabulary(args.corpus)
    print(f"{len(files)} PDFs from {args.pdfs}; vocabulary of {len(words)} words")
    print("| library | ms per page | split words | glued words | positions, sizes |")
    print("|---|---|---|---|---|")
    for name, (read, positions) in LIBRARIES.items():
        if args.only and not any(part in name for part in args.only.split(",")):
            continue
        try:
            read(files[0].read_bytes())
        except ImportError as exc:
            print(f"| {name} | not installed ({exc.name}) | | | |")
            continue
        pages = split = glued = 0
        seconds = 0.0
        for path in files:
            data = path.read_bytes()
            started = time.process_time()
            text, count = read(data)
            seconds += time.process_time() - started
            pages += count
            one_split, one_glued = quality(text, words)
            split += one_split
            glued += one_glued
        print(
            f"| {name} | {seconds * 1000 / pages:.1f} | {split} | {glued} | {positions} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
