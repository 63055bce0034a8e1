"""Pure-Python extraction of UN resolutions (no Django): file -> ExtractionResult.

>>> from mandates.extraction import extract_file
>>> result = extract_file("A_HRC_RES_59_3.docx")  # doctest: +SKIP
>>> result.symbol, [d.kind for d in result.deliverables]  # doctest: +SKIP
"""

from mandates.extraction.api import (
    EXTRACTOR_VERSION,
    extract_bytes,
    extract_document,
    extract_file,
    extract_text,
)
from mandates.extraction.errors import ExtractionError, NotAResolutionError, ReadError
from mandates.extraction.result import (
    Annex,
    Consideration,
    Deliverable,
    Due,
    ExtractionResult,
    Footnote,
    Mandate,
    OperativeParagraph,
    PreambleParagraph,
    Reference,
    SubParagraph,
    TakenNote,
    Vote,
)

__all__ = [
    "EXTRACTOR_VERSION",
    "Annex",
    "Consideration",
    "Deliverable",
    "Due",
    "ExtractionError",
    "ExtractionResult",
    "Footnote",
    "Mandate",
    "NotAResolutionError",
    "OperativeParagraph",
    "PreambleParagraph",
    "ReadError",
    "Reference",
    "SubParagraph",
    "TakenNote",
    "Vote",
    "extract_bytes",
    "extract_document",
    "extract_file",
    "extract_text",
]
