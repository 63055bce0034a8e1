"""The command line: ``python -m mandates.extraction.cli PATH [--format json|text]``.

The Django management command ``extract`` is a thin wrapper around :func:`main`.
Exit status 0 on success, 1 with "error: <file>: <reason>" on bad input, 2 on bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import NoReturn, TextIO

from mandates.extraction import regex_cache
from mandates.extraction.api import extract_file
from mandates.extraction.errors import ExtractionError
from mandates.extraction.result import Deliverable, Due, ExtractionResult

__all__ = ["format_text", "main"]


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="extract",
        description="Extract the header, paragraphs, mandates and deliverables of a resolution.",
        add_help=False,  # help is written to the stdout given to main(), not sys.stdout
    )
    parser.add_argument("-h", "--help", action="store_true", help="show this help and exit")
    parser.add_argument(
        "path", metavar="PATH", nargs="?", help="resolution file (.txt .md .docx .pdf .html)"
    )
    parser.add_argument("--format", choices=("json", "text"), default="json")
    return parser


def main(
    argv: list[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command; return the exit status (never raises on bad input)."""
    out = stdout if stdout is not None else sys.stdout
    err = stderr if stderr is not None else sys.stderr
    parser = _parser()
    try:
        args = parser.parse_args(argv)
        if not args.help and args.path is None:
            raise _UsageError("the following arguments are required: PATH")
    except _UsageError as exc:
        err.write(f"usage: extract PATH [--format json|text]\nerror: {exc}\n")
        return 2
    if args.help:
        out.write(parser.format_help())
        return 0
    try:
        result = extract_file(args.path)
    except ExtractionError as exc:
        err.write(f"error: {args.path}: {exc.reason}\n")
        return 1
    if args.format == "json":
        out.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(format_text(result))
    regex_cache.save()  # the next run builds the patterns this one compiled (start-up)
    return 0


def _due(due: Due | None) -> str:
    """ "HRC 65 (at)", "2026-04-30", "HRC 65 (before), 2026-04-30" or "-"."""
    if due is None:
        return "-"
    parts = []
    if due.body or due.session:
        session = f"{due.body or '?'} {due.session if due.session is not None else '?'}"
        parts.append(f"{session} ({due.relation})" if due.relation else session)
    if due.date:
        parts.append(due.date.isoformat())
    return ", ".join(parts) or "-"


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def _deliverable_row(deliverable: Deliverable) -> list[str]:
    due = _due(deliverable.due)
    if deliverable.alternatives:
        due += " or " + " or ".join(_due(alt) for alt in deliverable.alternatives)
    return [
        deliverable.paragraph,
        deliverable.actor,
        deliverable.kind,
        str(deliverable.count),
        due,
        deliverable.recurring or "-",
        "review" if deliverable.needs_review else "",
    ]


def format_text(result: ExtractionResult) -> str:
    """A table for people: header lines, then one line per deliverable."""
    vote = "-"
    if result.vote is not None:
        vote = f"{result.vote.yes} to {result.vote.no}, {result.vote.abstain} abstaining"
    elif result.operative:
        vote = "without a vote (or not stated)"
    lines = [
        f"Symbol:      {result.symbol or '-'}   ({result.status}"
        + (f", draft {result.draft_symbol})" if result.draft_symbol else ")"),
        f"Body:        {result.body or '-'}   Session: {result.special_session or result.session or '-'}",
        f"Title:       {result.title or '-'}",
        f"Adopted on:  {result.adopted_on.isoformat() if result.adopted_on else '-'}",
        f"Agenda item: {result.agenda_item or '-'}",
        f"Report:      {result.committee_report or '-'}",
        f"Vote:        {vote}",
        f"Paragraphs:  {len(result.preamble)} preambular, {len(result.operative)} operative",
        "",
    ]
    if result.deliverables:
        rows = [["Para", "Actor", "Kind", "Count", "Due", "Recurring", "Review"]]
        rows.extend(_deliverable_row(deliverable) for deliverable in result.deliverables)
        lines.extend(_table(rows))
    else:
        lines.append("No deliverables found.")
    if result.warnings:
        lines.append("")
        lines.extend(f"warning: {warning}" for warning in result.warnings)
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
