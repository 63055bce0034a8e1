"""Clean decoded resolution text: normalise spaces and line ends, rebuild paragraphs."""

from __future__ import annotations

import re

from mandates.extraction.result import Footnote

_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_BLANK = re.compile(r"\n[ \t]*\n\s*")


def clean_text(text: str) -> tuple[str, list[Footnote], list[str]]:
    """Return the clean text (paragraphs joined by a blank line), footnotes and warnings."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    paragraphs = []
    for block in _BLANK.split(text):
        lines = [_SPACES.sub(" ", line).strip() for line in block.split("\n")]
        paragraph = " ".join(line for line in lines if line)
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs), [], []
