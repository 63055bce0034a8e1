"""One reading context for the tests that call the clause readers directly."""

from __future__ import annotations

from mandates.extraction.actors import ActorTable
from mandates.extraction.clauses import ReadingContext, mask


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
