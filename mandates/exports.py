"""CSV and Excel exports of deliverable lists (the admin and the pages share them).

Every cell goes through `spreadsheet_safe`, so no export can carry a formula into a
spreadsheet; the assignees' e-mail addresses are only written when the caller says the
reader may see personal data.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from .models import Deliverable

COLUMNS = [
    ("uid", "UID"),
    ("symbol", "Resolution"),
    ("paragraph", "Paragraph"),
    ("actor", "Actor"),
    ("kind", "Kind"),
    ("count", "Count"),
    ("title", "Title"),
    ("session", "Due session"),
    ("relation", "Relation"),
    ("computed_due_date", "Computed due date"),
    ("due_date", "Due date"),
    ("session_dates", "Session dates"),
    ("review_status", "Review"),
    ("progress", "Progress"),
    ("needs_review", "Needs review"),
    ("assignees", "Assigned to"),
    ("fulfilled_by", "Fulfilling document"),
    ("quote", "Evidence"),
]
# Columns that name people: left out unless the reader may see personal data.
PERSONAL_COLUMNS = {"assignees"}
# A spreadsheet reads a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
ITERATOR_CHUNK_SIZE = 500


def spreadsheet_safe(value: object) -> object:
    """The value as a spreadsheet must show it: text that would start a formula gets a
    leading apostrophe, which Excel and LibreOffice read as "this is text"."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def export_columns(*, personal_data: bool) -> list[tuple[str, str]]:
    return [column for column in COLUMNS if personal_data or column[0] not in PERSONAL_COLUMNS]


def deliverables_for_export(queryset: QuerySet[Deliverable]) -> QuerySet[Deliverable]:
    return queryset.select_related(
        "mandate__resolution", "mandate__actor", "due_session__body", "due_body"
    ).prefetch_related("assignees")


def _cells(item: Deliverable) -> dict[str, object]:
    session = item.due_session
    return {
        "uid": str(item.uid),
        "symbol": item.mandate.resolution.symbol,
        "paragraph": item.mandate.paragraph_label,
        "actor": item.mandate.actor.name
        if item.mandate.actor
        else (item.mandate.actor_name or item.mandate.actor_text),
        "kind": item.kind,
        "count": item.count,
        "title": item.title,
        "session": str(session) if session else item.due_session_as_read,
        "relation": item.due_relation,
        "computed_due_date": item.computed_due_date.isoformat() if item.computed_due_date else "",
        "due_date": item.due_date.isoformat() if item.due_date else "",
        "session_dates": (
            f"{session.start.isoformat()}/{session.end.isoformat()} ({session.dates_status})"
            if session
            else ""
        ),
        "review_status": item.review_status,
        "progress": item.progress,
        "needs_review": "yes" if item.needs_review else "no",
        "assignees": "; ".join(contact.email for contact in item.assignees.all()),
        "fulfilled_by": item.fulfilled_by,
        "quote": item.quote,
    }


def deliverable_rows(
    queryset: QuerySet[Deliverable], *, personal_data: bool = False
) -> Iterator[list]:
    """The header, then one row per deliverable (columns as `export_columns`), every cell
    safe for a spreadsheet; read in chunks, a constant number of queries per chunk."""
    columns = export_columns(personal_data=personal_data)
    yield [label for _, label in columns]
    for item in deliverables_for_export(queryset).iterator(chunk_size=ITERATOR_CHUNK_SIZE):
        cells = _cells(item)
        yield [spreadsheet_safe(cells[name]) for name, _ in columns]


def _limited(rows: Iterable[list], *, max_rows: int | None) -> Iterator[list]:
    """At most `max_rows` deliverable rows after the header, then a row saying the list was
    cut, so a reader never takes a partial export for the whole list."""
    for index, row in enumerate(rows):
        if max_rows is not None and index > max_rows:
            yield [
                _("Only the first %(count)d deliverables are listed: narrow the filters.")
                % {"count": max_rows}
            ]
            return
        yield row


class _Echo:
    """A file-like object whose write() hands the line back, for streaming csv.writer."""

    def write(self, value: str) -> str:
        return value


def rows_csv_response(rows: Iterable[Iterable], filename: str) -> StreamingHttpResponse:
    """Rows of plain values as a CSV download, streamed as they come."""
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff"  # Excel opens UTF-8 CSV correctly only with a BOM
        for row in rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def rows_xlsx_response(rows: Iterable[Iterable], filename: str, *, sheet: str) -> HttpResponse:
    """Rows of plain values as an Excel download (a write-only workbook)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    for row in rows:
        worksheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def deliverables_csv_response(
    queryset: QuerySet[Deliverable],
    filename: str = "deliverables.csv",
    *,
    personal_data: bool = False,
    max_rows: int | None = None,
) -> StreamingHttpResponse:
    """The deliverables as a CSV download, streamed row by row."""
    rows = _limited(deliverable_rows(queryset, personal_data=personal_data), max_rows=max_rows)
    return rows_csv_response(rows, filename)


def deliverables_xlsx_response(
    queryset: QuerySet[Deliverable],
    filename: str = "deliverables.xlsx",
    *,
    personal_data: bool = False,
) -> HttpResponse:
    return rows_xlsx_response(
        deliverable_rows(queryset, personal_data=personal_data), filename, sheet="Deliverables"
    )
