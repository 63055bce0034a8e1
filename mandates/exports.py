"""CSV and Excel exports of deliverable lists (the admin and the pages share them).

No export can carry a formula into a spreadsheet: every CSV cell goes through
`spreadsheet_safe`, and every Excel text cell is written as text (`rows_xlsx_response`). No
cell carries a bidirectional control (`BIDI_CONTROLS`: a quote keeps the ones printed). The
assignees' e-mail addresses and names are only written when the caller says the reader may
see personal data.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from .extraction.cleaning import without_bidi_controls
from .models import Deliverable, actor_shown, due_session_text, session_label

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
    # New columns go last, after the others, whose places spreadsheets and scripts rely on.
    ("resolution_session", "Resolution session"),
    ("resolution_title", "Resolution title"),
    ("assignee_names", "Assigned to (names)"),  # "Assigned to"'s people, in its order
    # What the pages say beside a row: a new version of the text dropped it (kept because a
    # person worked on it, left out of the feeds), and long past with no reminders.
    ("no_longer_in_text", "No longer in the text"),
    ("historic", "Historic"),
    ("progress_words", "Progress (words)"),  # "Progress" as the pages say it: "in progress"
]
# Columns that name people: left out unless the reader may see personal data.
PERSONAL_COLUMNS = {"assignees", "assignee_names"}
# A spreadsheet reads a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """The value as a spreadsheet must show it: without bidirectional controls (a quote
    keeps them as printed; in a cell they would turn its text around, unseen), and text
    that would start a formula gets a leading apostrophe, which Excel and LibreOffice read
    as "this is text"."""
    if not isinstance(value, str):
        return value
    value = without_bidi_controls(value)
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def export_columns(*, personal_data: bool) -> list[tuple[str, str]]:
    return [column for column in COLUMNS if personal_data or column[0] not in PERSONAL_COLUMNS]


# What a row reads, as plain values (no model instances: 10,000 rows in well under a second).
ROW_FIELDS = (
    "pk",
    "uid",
    "mandate__resolution__symbol",
    "mandate__resolution__body__code",
    "mandate__resolution__session__number",
    "mandate__resolution__special_session",
    "mandate__resolution__title",
    "mandate__paragraph_label",
    "mandate__actor_id",
    "mandate__actor__name",
    "mandate__actor_name",
    "mandate__actor_text",
    "kind",
    "count",
    "title",
    "due_session_id",
    "due_session__body__code",
    "due_session__number",
    "due_session__start",
    "due_session__end",
    "due_session__dates_status",
    "due_body__code",
    "due_session_number",
    "due_relation",
    "stated_due_date",
    "computed_due_date",
    "due_date",
    "review_status",
    "progress",
    "needs_review",
    "fulfilled_by",
    "quote",
    "no_longer_in_text",
    "is_historic",
)
ROW_CHUNK_SIZE = 2000


def _cells(row, people: list[tuple[str, str]], progress_words: dict[str, str]) -> dict[str, object]:
    """One deliverable's cells, from its ROW_FIELDS values, its assignees (name, address) and
    the words for each progress code."""
    has_session = row.due_session_id is not None
    if has_session:
        session = f"{row.due_session__body__code} {row.due_session__number}"
    else:
        session = due_session_text(
            body_code=row.due_body__code,
            number=row.due_session_number,
            relation=row.due_relation,
            stated_due_date=row.stated_due_date,
        )
    computed, due = row.computed_due_date, row.due_date
    return {
        "uid": str(row.uid),
        "symbol": row.mandate__resolution__symbol,
        "resolution_session": session_label(
            row.mandate__resolution__body__code,
            row.mandate__resolution__session__number,
            row.mandate__resolution__special_session,
        ),
        "paragraph": row.mandate__paragraph_label,
        "actor": actor_shown(
            actor=row.mandate__actor__name if row.mandate__actor_id is not None else None,
            actor_name=row.mandate__actor_name,
            actor_text=row.mandate__actor_text,
        ),
        "kind": row.kind,
        "count": row.count,
        "title": row.title,
        "session": session,
        "relation": row.due_relation,
        "computed_due_date": computed.isoformat() if computed else "",
        "due_date": due.isoformat() if due else "",
        "session_dates": (
            f"{row.due_session__start.isoformat()}/{row.due_session__end.isoformat()}"
            f" ({row.due_session__dates_status})"
            if has_session
            else ""
        ),
        "review_status": row.review_status,
        "progress": row.progress,
        "progress_words": progress_words.get(row.progress, row.progress),
        "needs_review": "yes" if row.needs_review else "no",
        "no_longer_in_text": "yes" if row.no_longer_in_text else "no",
        "historic": "yes" if row.is_historic else "no",
        "resolution_title": row.mandate__resolution__title,
        "assignees": "; ".join(email for _name, email in people),
        "assignee_names": "; ".join(name for name, _email in people),
        "fulfilled_by": row.fulfilled_by,
        "quote": row.quote,
    }


def _assignees(ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """Each deliverable's assignees (name, address), in the order of their names: one
    query."""
    people: dict[int, list[tuple[str, str]]] = {}
    through = Deliverable.assignees.through
    found = (
        through.objects.filter(deliverable_id__in=ids)
        .order_by("contact__name", "contact_id")
        .values_list("deliverable_id", "contact__name", "contact__email")
    )
    for deliverable_id, name, email in found:
        people.setdefault(deliverable_id, []).append((name, email))
    return people


def _chunks(queryset: QuerySet[Deliverable], limit: int | None) -> Iterator[list]:
    """The deliverables' ROW_FIELDS (named tuples), ROW_CHUNK_SIZE rows at a time, in the
    queryset's order. A limited export is read in one plain query; an unlimited one through
    a server-side cursor (which costs PostgreSQL a copy of the result: twice the time)."""
    rows = queryset.values_list(*ROW_FIELDS, named=True)
    chunk: list = []
    for row in rows[:limit] if limit is not None else rows.iterator(chunk_size=ROW_CHUNK_SIZE):
        chunk.append(row)
        if len(chunk) == ROW_CHUNK_SIZE:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def deliverable_rows(
    queryset: QuerySet[Deliverable], *, personal_data: bool = False, limit: int | None = None
) -> Iterator[list]:
    """The header, then one row per deliverable (columns as `export_columns`; at most `limit`),
    read as plain values (see `_chunks`), plus one query per ROW_CHUNK_SIZE rows for the
    assignees' names and addresses with personal data. The writers below make them safe."""
    columns = export_columns(personal_data=personal_data)
    yield [label for _, label in columns]
    progress_words = {code: str(label) for code, label in Deliverable.Progress.choices}
    for chunk in _chunks(queryset, limit):
        people = _assignees([row.pk for row in chunk]) if personal_data else {}
        for row in chunk:
            cells = _cells(row, people.get(row.pk, []), progress_words)
            yield [cells[name] for name, _ in columns]


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


def rows_csv_response(rows: Iterable[Iterable], filename: str) -> StreamingHttpResponse:
    """Rows of plain values as a CSV download, streamed ROW_CHUNK_SIZE rows at a time (a
    response chunk per row cost more than writing the rows); `spreadsheet_safe` cells."""

    def lines() -> Iterator[str]:
        yield "\ufeff"  # Excel opens UTF-8 CSV correctly only with a BOM
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        for index, row in enumerate(rows, start=1):
            writer.writerow([spreadsheet_safe(value) for value in row])
            if index % ROW_CHUNK_SIZE == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def rows_xlsx_response(rows: Iterable[Iterable], filename: str, *, sheet: str) -> HttpResponse:
    """Rows of plain values as an Excel download (a write-only workbook). Text is written as
    text cells: "=HYPERLINK(...)" shows as typed, never as a formula, and without the
    apostrophe a CSV needs (which Excel would show as part of the text)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    worksheet.freeze_panes = "A2"  # the header stays in view

    def cell(value: object) -> object:
        if not isinstance(value, str):
            return value
        text = WriteOnlyCell(worksheet, value=without_bidi_controls(value))
        text.data_type = "s"  # openpyxl would take a leading "=" for a formula
        return text

    for row in rows:
        worksheet.append([cell(value) for value in row])
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
    """The deliverables as a CSV download, streamed; at most `max_rows`, then a row saying
    the list was cut."""
    # One row past the limit tells `_limited` that the list was cut.
    limit = None if max_rows is None else max_rows + 1
    rows = _limited(
        deliverable_rows(queryset, personal_data=personal_data, limit=limit), max_rows=max_rows
    )
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
