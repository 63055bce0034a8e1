"""One reading context for the tests that call the clause readers directly, and one way to
extract files for the tests that compare whole extractions with a fast path off."""

from __future__ import annotations

from pathlib import Path

from mandates.extraction import ExtractionError
from mandates.extraction.actors import ActorTable
from mandates.extraction.api import extract_document
from mandates.extraction.clauses import ReadingContext, mask
from mandates.extraction.readers import read_path
from mandates.extraction.result import ExtractionResult


def reading_context(text: str) -> ReadingContext:
    """The context ``extract_requests`` builds for an HRC text with no session of its own."""
    return ReadingContext(
        text=text,
        masked=mask(text),
        body="HRC",
        session=None,
        table=ActorTable.default(),
        mechanisms=None,
    )


def extract_paths(paths: list[Path]) -> list[ExtractionResult | str]:
    """The extraction of each file, or its error (repr) when it is refused."""
    results: list[ExtractionResult | str] = []
    for path in paths:
        try:
            results.append(extract_document(read_path(path)))
        except ExtractionError as error:
            results.append(repr(error))
    return results
