"""State changes of a deliverable made by people: review, correction, assignment, progress.

Every change here marks the fields a person now owns (``edited_fields``), so that a new
version of the text never overwrites them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import QuerySet

from mandates.models import Body, Contact, Deliverable, ReviewStatus

from .schedule import deliverable_due_date_refresh, session_get_or_estimate

DUE_FIELDS = frozenset(
    {"due_session", "due_relation", "stated_due_date", "manual_due_date", "kind"}
)


def deliverable_mark_edited(*, deliverable: Deliverable, fields: Iterable[str]) -> None:
    """Remember which fields a person set; refresh the due date if they touch it."""
    fields = set(fields) - {
        "edited_fields",
        "updated_at",
        "sequence",
        "computed_due_date",
        "due_date",
    }
    if not fields:
        return
    deliverable.edited_fields = sorted(set(deliverable.edited_fields) | fields)
    deliverable.save(update_fields=["edited_fields", "updated_at"])
    if fields & DUE_FIELDS:
        deliverable_due_date_refresh(deliverable=deliverable)


@transaction.atomic
def deliverable_review(*, deliverables: QuerySet[Deliverable], status: str) -> int:
    """Confirm or reject proposed deliverables; confirming clears the review flag."""
    count = 0
    # select_related(None): the admin passes querysets that outer-join nullable relations,
    # and PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
    for deliverable in deliverables.select_related(None).select_for_update():
        deliverable.review_status = status
        deliverable.needs_review = False
        deliverable.save(update_fields=["review_status", "needs_review", "updated_at"])
        count += 1
    return count


def deliverable_confirm(*, deliverables: QuerySet[Deliverable]) -> int:
    return deliverable_review(deliverables=deliverables, status=ReviewStatus.CONFIRMED)


def deliverable_reject(*, deliverables: QuerySet[Deliverable]) -> int:
    return deliverable_review(deliverables=deliverables, status=ReviewStatus.REJECTED)


@transaction.atomic
def deliverable_choose_reading(
    *, deliverable: Deliverable, body_code: str, session: int, relation: str
) -> None:
    """Correct the deadline to another reading of the text and confirm the deliverable."""
    current = {
        "body": deliverable.due_session.body.code if deliverable.due_session else None,
        "session": deliverable.due_session.number if deliverable.due_session else None,
        "relation": deliverable.due_relation or None,
        "date": deliverable.stated_due_date.isoformat() if deliverable.stated_due_date else None,
    }
    chosen = session_get_or_estimate(body=Body.objects.get(code=body_code), number=session)
    others = [
        alt
        for alt in deliverable.alternatives
        if (alt.get("body"), alt.get("session")) != (body_code, session)
    ]
    if current["session"] is not None and (current["body"], current["session"]) != (
        body_code,
        session,
    ):
        others.insert(0, current)
    deliverable.due_session = chosen
    deliverable.due_relation = relation
    deliverable.alternatives = others
    deliverable.review_status = ReviewStatus.CONFIRMED
    deliverable.needs_review = False
    deliverable.save()
    deliverable_mark_edited(deliverable=deliverable, fields=["due_session", "due_relation"])


@transaction.atomic
def deliverable_assign(*, deliverables: QuerySet[Deliverable], contacts: Iterable[Contact]) -> int:
    """Make these contacts responsible, instead of the actor's default contacts."""
    contacts = list(contacts)
    count = 0
    for deliverable in deliverables:
        deliverable.assignees.set(contacts)
        deliverable_mark_edited(deliverable=deliverable, fields=["assignees"])
        count += 1
    return count


@transaction.atomic
def deliverable_mark_submitted(
    *, deliverables: QuerySet[Deliverable], document: str = "", on: date | None = None
) -> int:
    """The responsible office submitted it (optionally with the document symbol)."""
    count = 0
    # select_related(None): the admin passes querysets that outer-join nullable relations,
    # and PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
    for deliverable in deliverables.select_related(None).select_for_update():
        deliverable.progress = Deliverable.Progress.SUBMITTED
        fields = ["progress"]
        if document:
            deliverable.fulfilled_by = document
            fields.append("fulfilled_by")
        if on:
            deliverable.fulfilled_on = on
            fields.append("fulfilled_on")
        deliverable.sequence += 1
        deliverable.save(update_fields=[*fields, "sequence", "updated_at"])
        deliverable_mark_edited(deliverable=deliverable, fields=fields)
        count += 1
    return count
