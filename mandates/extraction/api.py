"""The public entry points: a file, bytes or text in, an ExtractionResult out.

read (readers) -> structure (header, paragraphs, references, vote) -> requests
(mandates, deliverables). Every failure on bad input is an ExtractionError.
"""

from __future__ import annotations

import os

from mandates.extraction.actors import ActorTable
from mandates.extraction.deadlines import regular_session_opened_by
from mandates.extraction.doctype import refuse_bundle, refuse_non_resolution
from mandates.extraction.errors import ExtractionError, NotAResolutionError
from mandates.extraction.readers import SourceDocument, read_bytes, read_path, read_text
from mandates.extraction.requests import extract_requests
from mandates.extraction.result import ExtractionResult, Table
from mandates.extraction.structure import parse_structure
from mandates.extraction.tracked import merge_tracked_readings

__all__ = ["EXTRACTOR_VERSION", "extract_bytes", "extract_document", "extract_file", "extract_text"]

#: Bump when the output for the same input changes (stored with each resolution).
EXTRACTOR_VERSION = "0.3.55"


def extract_file(
    path: str | os.PathLike[str], *, actors: ActorTable | None = None
) -> ExtractionResult:
    """Extract the resolution in the file at ``path`` (.txt, .md, .docx, .pdf, .html)."""
    return extract_document(read_path(path), actors=actors)


def extract_bytes(data: bytes, name: str, *, actors: ActorTable | None = None) -> ExtractionResult:
    """Extract an uploaded file's bytes; ``name`` gives the format and appears in messages."""
    return extract_document(read_bytes(data, name), actors=actors)


def extract_text(
    text: str, *, source_name: str = "<text>", actors: ActorTable | None = None
) -> ExtractionResult:
    """Extract a resolution given as text (plain text or Markdown)."""
    return extract_document(read_text(text, source_name), actors=actors)


def extract_document(
    document: SourceDocument, *, actors: ActorTable | None = None
) -> ExtractionResult:
    """Structure and requests of a document the readers have already cleaned.

    A report, a note or a budget document is refused (NotAResolutionError). A Word file
    with tracked changes is read both ways and the two readings are compared.
    """
    refuse_non_resolution(document.text, document.name)
    refuse_bundle(document.text, document.name)
    result = _extract(document, document.text, document.footnotes, document.tables, actors)
    if document.original_text:
        try:
            before = _extract(
                document, document.original_text, [], document.original_tables, actors
            )
        except ExtractionError as error:
            result.warnings.append(
                f"tracked changes: the text before them is unreadable ({error.reason})"
            )
        else:
            merge_tracked_readings(result, before)
    return result


#: No resolution has an operative paragraph near this long (the corpus's longest line is
#: some 2,400 characters); reading one would take minutes and gigabytes for nothing.
MAX_PARAGRAPH_CHARS = 500_000


def _refuse_overlong_paragraph(paragraphs: list, name: str) -> None:
    for paragraph in paragraphs:
        if len(paragraph.text) > MAX_PARAGRAPH_CHARS:
            raise NotAResolutionError(
                name,
                f"operative paragraph {paragraph.number} is {len(paragraph.text):,} characters"
                f" long, more than any resolution's ({MAX_PARAGRAPH_CHARS:,} at most): is this"
                " a text whose line breaks were lost?",
            )


def _extract(
    document: SourceDocument,
    text: str,
    footnotes: list,
    tables: list[Table],
    actors: ActorTable | None,
) -> ExtractionResult:
    structure = parse_structure(text, source_name=document.name, footnotes=footnotes)
    _refuse_overlong_paragraph(structure.operative, document.name)
    header = structure.header
    result = ExtractionResult(
        extractor_version=EXTRACTOR_VERSION,
        source_name=document.name,
        text=text,
        symbol=header.symbol,
        body=header.body,
        session=header.session,
        special_session=header.special_session,
        number=header.number,
        title=header.title,
        adopted_on=header.adopted_on,
        agenda_item=header.agenda_item,
        committee_report=header.committee_report,
        status=header.status,
        draft_symbol=header.draft_symbol,
        vote=structure.vote,
        preamble=structure.preamble,
        operative=structure.operative,
        annexes=structure.annexes,
        footnotes=list(footnotes),
        references=structure.references,
        warnings=[*document.warnings, *structure.warnings],
    )
    # A special session (A/HRC/RES/S-39/1, A/RES/ES-11/3) is numbered apart from the
    # regular sessions its text names: "its next regular session" is not S-39 + 1 but the
    # one after the regular session last opened when it was adopted (none known: printed
    # sessions stand, and "next session" stays unnumbered).
    session = header.session
    if header.special_session is not None:
        session = regular_session_opened_by(header.body, header.adopted_on)
    requests = extract_requests(
        structure.operative,
        text=text,
        body=header.body,
        session=session,
        footnotes=result.footnotes,
        actors=actors,
        annexes=structure.annexes,
        tables=tables,
    )
    result.mandates = list(requests.mandates)
    result.deliverables = list(requests.deliverables)
    result.consideration = requests.consideration
    result.takes_note_of = list(requests.takes_note_of)
    result.warnings.extend(requests.warnings)
    return result
