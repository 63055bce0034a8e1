"""The session planner's pages and downloads: one session's plan, the overview of the next
sessions of each body, and the same rows as CSV or Excel.

Thin: the plans come from services/planner.py (a constant number of queries), the chart
layout from plan_chart.py. Downloads follow exports.py: a BOM for Excel's CSV, a
write-only workbook, and no cell that a spreadsheet would read as a formula.
"""

from __future__ import annotations

import csv
import io

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .plan_chart import load_chart_layout
from .services import planner

PLAN_COLUMNS = [
    ("session", "Session"),
    ("due_date", "Submission deadline"),
    ("forecast", "Forecast"),
    ("kind", "Kind"),
    ("count", "Count"),
    ("title", "Title"),
    ("actor", "Actor"),
    ("units", "Units"),
    ("resolution", "Resolution"),
    ("paragraph", "Paragraph"),
    ("recurring", "Recurring"),
    ("word_limit", "Word limit"),
    ("words", "Words"),
    ("submitted", "Submitted"),
    ("progress", "Progress"),
    ("review_status", "Review"),
    ("uid", "UID"),
]


def plan_rows(plans) -> list[list]:
    """One row per plan entry, columns as PLAN_COLUMNS."""
    rows = []
    for plan in plans:
        for entry in plan.entries:
            item = entry.deliverable
            rows.append(
                [
                    str(plan.session),
                    entry.due_date.isoformat() if entry.due_date else "",
                    "yes" if entry.is_forecast else "no",
                    item.kind,
                    item.count,
                    entry.title,
                    entry.actor_name,
                    "; ".join(entry.units),
                    item.mandate.resolution.symbol,
                    item.mandate.paragraph_label,
                    item.recurring,
                    entry.word_limit if entry.word_limit is not None else "",
                    entry.words,
                    "yes" if entry.is_submitted else "no",
                    "" if entry.is_forecast else item.progress,
                    item.review_status,
                    "" if entry.is_forecast else str(item.uid),
                ]
            )
    return rows


# A spreadsheet reads a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _csv_response(header: list[str], rows: list[list], filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel opens UTF-8 CSV correctly only with a BOM
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return response


def _xlsx_response(header: list[str], rows: list[list], filename: str) -> HttpResponse:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Plan")
    sheet.append(header)
    for row in rows:
        sheet.append([_cell(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _session_or_404(code: str, number: int):
    session = planner.session_for_plan(code=code, number=number)
    if session is None:
        raise Http404(_("No such session"))
    return session


def _export(plans, fmt: str, filename: str):
    if fmt not in ("csv", "xlsx"):
        raise Http404(_("Plans download as .csv or .xlsx"))
    header = [label for _, label in PLAN_COLUMNS]
    rows = plan_rows(plans)
    if fmt == "xlsx":
        return _xlsx_response(header, rows, f"{filename}.xlsx")
    return _csv_response(header, rows, f"{filename}.csv")


@require_safe
def session_plan(request, code: str, number: int):
    """Everything due for one session, by actor and by unit, with deadlines, words and the
    weekly load of each unit; forecasts of recurring deliverables marked."""
    session = _session_or_404(code, number)
    (plan,) = planner.session_plans(sessions=[session], user=request.user)
    return render(
        request,
        "mandates/plan.html",
        {"plan": plan, "chart": load_chart_layout(plan.load), "today": timezone.localdate()},
    )


@require_safe
def session_plan_export(request, code: str, number: int, fmt: str):
    """One session's plan as CSV or Excel."""
    session = _session_or_404(code, number)
    plans = planner.session_plans(sessions=[session], user=request.user)
    return _export(plans, fmt, f"plan-{session.body.code}-{session.number}")


@require_safe
def plan_overview(request):
    """The next sessions of each body, each with its totals and warnings."""
    today = timezone.localdate()
    plans = planner.session_plans(sessions=planner.sessions_ahead(today=today), user=request.user)
    return render(
        request,
        "mandates/plan_overview.html",
        {"plans": plans, "today": today, "policy": planner.planning_policy_get()},
    )


@require_safe
def plan_overview_export(request, fmt: str):
    """The overview's entries as CSV or Excel."""
    today = timezone.localdate()
    plans = planner.session_plans(sessions=planner.sessions_ahead(today=today), user=request.user)
    return _export(plans, fmt, "plan-next-sessions")
