"""The pages staff and mandate holders read: what is due, by session, actor and resolution.

Thin views: the querysets come from selectors, the filters from DeliverableFilter (the same
as the API's), the evidence from highlight and the chart from timeline. Every page runs a
constant number of queries, whatever the number of deliverables.
"""

from __future__ import annotations

import calendar
from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import selectors
from .exports import deliverables_csv_response
from .filters import DeliverableFilter
from .highlight import deliverable_evidence, paragraphs_with_evidence
from .timeline import timeline_layout

DEFAULT_MONTHS = 6
MAX_MONTHS = 60
# The fields of DeliverableFilter that the list pages offer (the URL accepts them all).
FORM_FIELDS = ("body", "actor", "status", "kind", "assignee", "mine", "q")
SCOPES = ("upcoming", "overdue", "review", "no_deadline", "mine", "all")


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it is shorter)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _months(request) -> int:
    """The Upcoming window in months, from ?months= (1 to 60, default 6)."""
    try:
        months = int(request.GET.get("months", DEFAULT_MONTHS))
    except ValueError:
        return DEFAULT_MONTHS
    return min(max(months, 1), MAX_MONTHS)


def _is_staff(user) -> bool:
    return user.is_authenticated and user.is_staff


def _scoped(request, scope: str):
    """The queryset behind a list page, before the visitor's filters; the CSV export uses
    the same function, so a page and its export always hold the same deliverables."""
    today = timezone.localdate()
    if scope == "upcoming":
        end = add_months(today, _months(request))
        return selectors.deliverable_list_upcoming(
            today=today, within_days=(end - today).days, user=request.user
        )
    if scope == "overdue":
        return selectors.deliverable_list_overdue(today=today, user=request.user)
    if scope == "review":
        if not _is_staff(request.user):
            raise PermissionDenied
        return selectors.deliverable_list_needs_review()
    if scope == "no_deadline":
        return selectors.deliverable_list_no_deadline(user=request.user)
    if scope == "mine":
        return selectors.deliverable_list_assigned_to(user=request.user)
    return selectors.deliverable_list_for(user=request.user)


def _filters(request, queryset) -> DeliverableFilter:
    """The visitor's filters; the request decides which ones a person is offered."""
    return DeliverableFilter(request.GET, queryset=queryset, request=request)


def _form_fields(filterset: DeliverableFilter) -> list:
    return [filterset.form[name] for name in FORM_FIELDS if name in filterset.form.fields]


def _by_session(deliverables) -> list[tuple[object, list]]:
    """Group deliverables (already in due-date order) by due session, in order of first
    appearance; those without a session come last."""
    groups: dict[int | None, tuple[object, list]] = {}
    for item in deliverables:
        groups.setdefault(item.due_session_id, (item.due_session, []))[1].append(item)
    without = groups.pop(None, None)
    return [*groups.values(), *([without] if without else [])]


def _list_page(request, *, scope: str, template: str, **context):
    """A filtered list page: the filter form, the deliverables, the CSV export link."""
    filterset = _filters(request, _scoped(request, scope))
    deliverables = list(filterset.qs)
    export_query = request.GET.copy()
    export_query["scope"] = scope
    return render(
        request,
        template,
        {
            "filterset": filterset,
            "form_fields": _form_fields(filterset),
            "deliverables": deliverables,
            "groups": _by_session(deliverables),
            "current": scope,
            "export_query": export_query.urlencode(),
            # The valid fields' values, even when another field is invalid.
            "selected_body": filterset.form.cleaned_data.get("body"),
            "selected_actor": filterset.form.cleaned_data.get("actor"),
            "today": timezone.localdate(),
            **context,
        },
    )


@require_safe
def upcoming(request):
    """What is due in the next months (6 unless ?months=), grouped by session."""
    months = _months(request)
    return _list_page(
        request,
        scope="upcoming",
        template="mandates/upcoming.html",
        months=months,
        window_end=add_months(timezone.localdate(), months),
        feed_tokens=list(selectors.feed_token_list_active(user=request.user)[:1]),
    )


@require_safe
def overdue(request):
    """Deliverables whose due date has passed and that are not submitted or closed."""
    return _list_page(request, scope="overdue", template="mandates/overdue.html")


@require_safe
@login_required
def review(request):
    """Deliverables waiting for a person's decision (staff only)."""
    if not request.user.is_staff:
        raise PermissionDenied
    return _list_page(request, scope="review", template="mandates/review.html")


@require_safe
def no_deadline(request):
    """Deliverables with no deadline (a compilation, consultations): still owed, and easy to
    forget without a date."""
    return _list_page(request, scope="no_deadline", template="mandates/no_deadline.html")


@require_safe
@login_required
def assigned_to_me(request):
    """Everything open assigned to the person, whatever its date (or none)."""
    return _list_page(request, scope="mine", template="mandates/mine.html")


@require_safe
def export_csv(request):
    """The list a page shows, with the same filters, as CSV: ?scope=upcoming|overdue|review."""
    scope = request.GET.get("scope", "all")
    if scope not in SCOPES:
        scope = "all"
    if scope == "mine" and not request.user.is_authenticated:
        scope = "all"
    filterset = _filters(request, _scoped(request, scope))
    return deliverables_csv_response(filterset.qs, filename=f"deliverables-{scope}.csv")


@require_safe
def session_detail(request, code: str, number: int):
    """Everything due for one session, with its dates and whether they are estimated."""
    session = selectors.session_get(code=code, number=number)
    if session is None:
        raise Http404(_("No such session"))
    deliverables = list(
        selectors.deliverable_list_for(user=request.user).filter(due_session=session)
    )
    return render(
        request,
        "mandates/session.html",
        {
            "session": session,
            "deliverables": deliverables,
            "considerations": selectors.consideration_list_for_session(
                session=session, user=request.user
            ),
            "export_query": f"session={session.body.code}-{session.number}",
            "today": timezone.localdate(),
        },
    )


@require_safe
def actor_detail(request, pk: int):
    """What one actor is asked to deliver."""
    actor = selectors.actor_get(pk=pk)
    if actor is None:
        raise Http404(_("No such actor"))
    deliverables = list(
        selectors.deliverable_list_for(user=request.user).filter(mandate__actor=actor)
    )
    return render(
        request,
        "mandates/actor.html",
        {
            "actor": actor,
            "deliverables": deliverables,
            "export_query": urlencode({"actor": actor.name}),
            "today": timezone.localdate(),
        },
    )


@require_safe
def deliverable_detail(request, uid):
    """One deliverable: deadline, status, evidence in its paragraph, calendar file."""
    deliverable = selectors.deliverable_get_for(uid=uid, user=request.user)
    if deliverable is None:
        raise Http404(_("No such deliverable"))
    return render(
        request,
        "mandates/deliverable.html",
        {
            "deliverable": deliverable,
            "evidence": deliverable_evidence(deliverable),
            "today": timezone.localdate(),
        },
    )


@require_safe
def resolution_detail(request, symbol: str):
    """The operative paragraphs of a resolution, each deliverable's evidence marked."""
    resolution = selectors.resolution_get(symbol=symbol)
    if resolution is None:
        raise Http404(_("No such resolution"))
    deliverables = list(
        selectors.deliverable_list_for(user=request.user)
        .filter(mandate__resolution=resolution)
        .order_by("position", "pk")
    )
    paragraphs = selectors.paragraph_list_operative(resolution=resolution)
    return render(
        request,
        "mandates/resolution.html",
        {
            "resolution": resolution,
            "blocks": paragraphs_with_evidence(paragraphs, deliverables),
            "deliverables": deliverables,
            "considerations": selectors.consideration_list_for_resolution(
                resolution=resolution, user=request.user
            ),
            "today": timezone.localdate(),
        },
    )


@require_safe
def timeline(request):
    """Deliverables against sessions on a date axis (an inline SVG), for ?months= ahead."""
    today = timezone.localdate()
    months = _months(request)
    start, end = add_months(today, -1), add_months(today, months)
    filterset = _filters(
        request,
        selectors.deliverable_list_for(user=request.user).filter(
            due_date__gte=start, due_date__lte=end
        ),
    )
    deliverables = list(filterset.qs)
    chart = timeline_layout(
        sessions=selectors.session_list_between(start=start, end=end),
        deliverables=deliverables,
        start=start,
        end=end,
        today=today,
    )
    return render(
        request,
        "mandates/timeline.html",
        {
            "chart": chart,
            "deliverables": deliverables,
            "months": months,
            "filterset": filterset,
            "form_fields": _form_fields(filterset),
            "today": today,
        },
    )


@require_safe
def calendars(request):
    """Every calendar one can subscribe to, and the person's private one."""
    return render(
        request,
        "mandates/calendars.html",
        {
            "bodies": selectors.body_list(),
            "feed_tokens": list(selectors.feed_token_list_active(user=request.user)),
        },
    )


@require_safe
def due_date_rules(request):
    """How session deadlines become dates: each body's rules, which due dates link to."""
    from .services.schedule import due_date_rule_describe

    bodies = selectors.body_list().prefetch_related("due_date_rules")
    return render(
        request,
        "mandates/due_date_rules.html",
        {
            "bodies": [
                (
                    body,
                    [
                        (rule, due_date_rule_describe(rule=rule, body=body))
                        for rule in body.due_date_rules.all()
                    ],
                )
                for body in bodies
            ]
        },
    )
