"""CSV and Excel exports of deliverable lists (the admin and the pages share them)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.db.models import QuerySet
from django.http import HttpResponse

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


def deliverables_for_export(queryset: QuerySet[Deliverable]) -> QuerySet[Deliverable]:
    return queryset.select_related(
        "mandate__resolution", "mandate__actor", "due_session__body", "due_body"
    ).prefetch_related("assignees")


def deliverable_rows(queryset: QuerySet[Deliverable]) -> Iterable[list]:
    """One row per deliverable, columns as COLUMNS; two queries in all."""
    for item in deliverables_for_export(queryset):
        session = item.due_session
        yield [
            str(item.uid),
            item.mandate.resolution.symbol,
            item.mandate.paragraph_label,
            item.mandate.actor.name
            if item.mandate.actor
            else (item.mandate.actor_name or item.mandate.actor_text),
            item.kind,
            item.count,
            item.title,
            str(session) if session else item.due_session_as_read,
            item.due_relation,
            item.computed_due_date.isoformat() if item.computed_due_date else "",
            item.due_date.isoformat() if item.due_date else "",
            f"{session.start.isoformat()}/{session.end.isoformat()} ({session.dates_status})"
            if session
            else "",
            item.review_status,
            item.progress,
            "yes" if item.needs_review else "no",
            "; ".join(contact.email for contact in item.assignees.all()),
            item.fulfilled_by,
            item.quote,
        ]


def deliverables_csv_response(
    queryset: QuerySet[Deliverable], filename: str = "deliverables.csv"
) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
    writer = csv.writer(response)
    writer.writerow([label for _, label in COLUMNS])
    writer.writerows(deliverable_rows(queryset))
    return response


def deliverables_xlsx_response(
    queryset: QuerySet[Deliverable], filename: str = "deliverables.xlsx"
) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Deliverables")
    sheet.append([label for _, label in COLUMNS])
    for row in deliverable_rows(queryset):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
