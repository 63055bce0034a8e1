"""Errors the extractor raises: each carries a message a person can act on."""

from __future__ import annotations


class ExtractionError(Exception):
    """Bad input: the message names the file and the reason, never a traceback."""

    def __init__(self, source_name: str, reason: str) -> None:
        self.source_name = source_name
        self.reason = reason
        super().__init__(f"{source_name}: {reason}")


class ReadError(ExtractionError):
    """The file cannot be turned into text (empty, binary, encrypted, no text layer...)."""


class NotAResolutionError(ExtractionError):
    """The text was read but does not look like a resolution."""


# What a person is told for a word-processor file the readers do not take (whatever its
# name says: the readers look at the content).
DOC_REFUSED = "old binary Word files (.doc) are not supported: save the file as .docx"
ODT_REFUSED = "OpenDocument files are not supported: save the file as .docx or .pdf"
