"""The session planner's pages and downloads: one session's plan (its entries a page at a
time), the overview of the next sessions of each body, and every row as CSV or Excel.

Thin: the plans come from services/planner.py (a constant number of queries), the chart
layout from plan_chart.py. Downloads follow exports.py: a BOM for Excel's CSV, a
write-only workbook, and no cell that a spreadsheet would read as a formula.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .exports import rows_csv_response, rows_xlsx_response
from .models import Deliverable
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


def plan_rows(plans, chosen: Callable[[Any], list] | None = None) -> Iterator[list]:
    """One row per plan entry, columns as PLAN_COLUMNS; ``chosen``: the entries of a plan
    to list (one actor's or unit's), else all of them."""
    for plan in plans:
        session = str(plan.session)
        for entry in chosen(plan) if chosen else plan.entries:
            item = entry.deliverable
            yield [
                session,
                entry.due_date or "",  # a date: CSV writes it ISO, Excel as a date
                "yes" if entry.is_forecast else "no",
                item.kind,
                item.count,
                entry.title,
                entry.actor_name,
                "; ".join(entry.units),
                item.resolution,
                item.paragraph,
                item.recurring,
                entry.word_limit if entry.word_limit is not None else "",
                entry.words,
                "yes" if entry.is_submitted else "no",
                "" if entry.is_forecast else item.progress,
                item.review_status,
                "" if entry.is_forecast else str(item.uid),
            ]


def _for_display(entries) -> None:
    """Give each entry shown its links and labels once: Django's per-row `url`, `date` and
    `get_*_display` would cost more than the plan itself on a large session."""
    blank = uuid.UUID(int=0)
    deliverable_url = reverse("mandates:deliverable", args=[blank])
    resolution_urls: dict[str, str] = {}
    dates: dict = {}
    numbers: dict[int, str] = {}

    def number(value: int) -> str:
        if value not in numbers:
            numbers[value] = number_format(value, force_grouping=True)
        return numbers[value]

    kinds = {value: str(label) for value, label in Deliverable.Kind.choices}
    progress = {value: str(label) for value, label in Deliverable.Progress.choices}
    for entry in entries:
        item = entry.deliverable
        symbol = item.resolution
        if symbol not in resolution_urls:
            resolution_urls[symbol] = reverse("mandates:resolution", args=[symbol])
        if entry.due_date not in dates:
            dates[entry.due_date] = date_format(entry.due_date, "j M Y") if entry.due_date else ""
        entry.url = deliverable_url.replace(str(blank), str(item.uid))
        entry.resolution_url = resolution_urls[symbol]
        entry.due_label = dates[entry.due_date]
        entry.kind_label = kinds.get(item.kind, item.kind)
        entry.progress_label = progress.get(item.progress, item.progress)
        entry.words_label = number(entry.words)
        entry.word_limit_label = number(entry.word_limit or 0)


def _session_or_404(code: str, number: int):
    session = planner.session_for_plan(code=code, number=number)
    if session is None:
        raise Http404(_("No such session"))
    return session


def _export(plans, fmt: str, filename: str, chosen: Callable[[Any], list] | None = None):
    if fmt not in ("csv", "xlsx"):
        raise Http404(_("Plans download as .csv or .xlsx"))
    header = [label for _, label in PLAN_COLUMNS]
    rows = plan_rows(plans, chosen)  # made safe by the writers
    if fmt == "xlsx":
        return rows_xlsx_response([header, *rows], f"{filename}.xlsx", sheet="Plan")
    return rows_csv_response(itertools.chain([header], rows), f"{filename}.csv")


def _chosen_entries(request, plan) -> tuple[list, dict[str, str]]:
    """The plan's entries of one actor (?actor=) or unit (?unit=), or all of them."""
    for name, groups in (("actor", plan.by_actor), ("unit", plan.by_unit)):
        value = request.GET.get(name)
        if value:
            return dict(groups).get(value, []), {name: value}
    return plan.entries, {}


@require_safe
def session_plan(request, code: str, number: int):
    """One session's totals, weekly load and share of each actor and unit, with its
    entries (all, or one actor's or unit's) a page at a time: a large session has a
    thousand, each listed once with its actor and units."""
    session = _session_or_404(code, number)
    (plan,) = planner.session_plans(sessions=[session], user=request.user)
    entries, chosen = _chosen_entries(request, plan)
    page = Paginator(entries, planner.ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    _for_display(page.object_list)
    return render(
        request,
        "mandates/plan.html",
        {
            "plan": plan,
            "chart": load_chart_layout(plan.load),
            "today": timezone.localdate(),
            "page": page,
            "chosen": chosen,
            "query": urlencode(chosen),
        },
    )


@require_safe
def session_plan_export(request, code: str, number: int, fmt: str):
    """One session's plan as CSV or Excel."""
    session = _session_or_404(code, number)
    plans = planner.session_plans(sessions=[session], user=request.user)
    _, chosen = _chosen_entries(request, plans[0])
    name = f"plan-{session.body.code}-{session.number}"
    if chosen:  # what the page shows: one actor's or unit's entries
        return _export(plans, fmt, name, lambda plan: _chosen_entries(request, plan)[0])
    return _export(plans, fmt, name)


@require_safe
def plan_overview(request):
    """The sessions under way and the next sessions of each body (`planner.sessions_ahead`),
    each with its totals and warnings; its entries are on the session's own plan."""
    today = timezone.localdate()
    policy = planner.planning_policy_get()
    sessions = planner.sessions_ahead(today=today, count=policy.sessions_ahead, user=request.user)
    plans = planner.session_plans(sessions=sessions, user=request.user, policy=policy)
    return render(
        request,
        "mandates/plan_overview.html",
        {
            "plans": plans,
            "not_dated": planner.sessions_not_in_calendar(user=request.user, besides=sessions),
            "today": today,
            "policy": policy,
        },
    )


@require_safe
def plan_overview_export(request, fmt: str):
    """The overview's entries as CSV or Excel."""
    today = timezone.localdate()
    sessions = planner.sessions_ahead(today=today, user=request.user)
    plans = planner.session_plans(sessions=sessions, user=request.user)
    return _export(plans, fmt, "plan-next-sessions")
