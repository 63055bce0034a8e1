"""Reads: the querysets pages, the API, exports and feeds share."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q, QuerySet

from .models import CLOSED_PROGRESS, Deliverable, ReviewStatus, Session


def deliverable_list() -> QuerySet[Deliverable]:
    """Deliverables with what every list shows, in a constant number of queries."""
    return Deliverable.objects.select_related(
        "mandate__resolution__body", "mandate__actor", "due_session__body"
    ).order_by("due_date", "pk")


def deliverable_list_visible() -> QuerySet[Deliverable]:
    """What the public pages show: not rejected, and public."""
    return deliverable_list().filter(is_public=True).exclude(review_status=ReviewStatus.REJECTED)


def deliverable_list_upcoming(*, today: date, within_days: int) -> QuerySet[Deliverable]:
    return (
        deliverable_list_visible()
        .filter(due_date__gte=today, due_date__lte=today + timedelta(days=within_days))
        .exclude(progress__in=CLOSED_PROGRESS)
    )


def deliverable_list_overdue(*, today: date) -> QuerySet[Deliverable]:
    return (
        deliverable_list_visible().filter(due_date__lt=today).exclude(progress__in=CLOSED_PROGRESS)
    )


def deliverable_list_needs_review() -> QuerySet[Deliverable]:
    return (
        deliverable_list()
        .filter(Q(needs_review=True) | Q(review_status=ReviewStatus.PROPOSED))
        .exclude(review_status=ReviewStatus.REJECTED)
        .order_by("created_at", "pk")
    )


def session_parse(value: str) -> tuple[str | None, int] | None:
    """ "HRC-65", "HRC 65", "hrc65" or "65" -> (body code or None, number)."""
    value = value.strip().replace(" ", "-")
    code, _, number = value.rpartition("-")
    if not code:
        letters = value.rstrip("0123456789")
        code, number = letters, value[len(letters) :]
    if not number.isdigit():
        return None
    return (code.upper() or None), int(number)


def session_list() -> QuerySet[Session]:
    return Session.objects.select_related("body").order_by("start")
