"""State changes of a deliverable made by people: review, correction, assignment, progress.

Every change here marks the fields a person now owns (``edited_fields``), so that a new
version of the text never overwrites them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import QuerySet

from mandates.models import Body, Contact, Deliverable, ProposedChange, ReviewStatus

from .schedule import deliverable_calendar_sync, session_get_or_estimate

# Kept up to date by the system, never owned by a person.
DERIVED_FIELDS = frozenset(
    {"edited_fields", "updated_at", "sequence", "computed_due_date", "due_date"}
)


def deliverable_mark_edited(*, deliverable: Deliverable, fields: Iterable[str]) -> None:
    """A person changed these fields: they own them now. Then recompute the due date, bump
    the calendar SEQUENCE if calendars show the change, and republish the feeds."""
    fields = set(fields)
    owned = fields - DERIVED_FIELDS
    if owned - set(deliverable.edited_fields):
        deliverable.edited_fields = sorted(set(deliverable.edited_fields) | owned)
        deliverable.save(update_fields=["edited_fields", "updated_at"])
    deliverable_calendar_sync(deliverable=deliverable, changed_fields=fields)


@transaction.atomic
def deliverable_review(*, deliverables: QuerySet[Deliverable], status: str) -> int:
    """Confirm or reject proposed deliverables; confirming clears the review flag."""
    count = 0
    for deliverable in deliverables.select_for_update(of=("self",)):
        deliverable.review_status = status
        deliverable.needs_review = False
        deliverable.save(update_fields=["review_status", "needs_review", "updated_at"])
        deliverable_calendar_sync(deliverable=deliverable, changed_fields=["review_status"])
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
    for deliverable in deliverables.select_for_update(of=("self",)):
        deliverable.progress = Deliverable.Progress.SUBMITTED
        fields = ["progress"]
        if document:
            deliverable.fulfilled_by = document
            fields.append("fulfilled_by")
        if on:
            deliverable.fulfilled_on = on
            fields.append("fulfilled_on")
        deliverable.save(update_fields=[*fields, "updated_at"])
        deliverable_mark_edited(deliverable=deliverable, fields=fields)
        count += 1
    return count


# Progress a fulfilling document moves on to "issued"; anything else a person decided stays.
OPEN_PROGRESS = (
    Deliverable.Progress.PLANNED,
    Deliverable.Progress.IN_PROGRESS,
    Deliverable.Progress.SUBMITTED,
)


@transaction.atomic
def proposed_changes_accept(*, changes: QuerySet[ProposedChange]) -> tuple[int, set[str]]:
    """A person accepts proposed changes. Accepted here: a fulfilling document ("takes note
    of the report A/HRC/59/36"), which also marks an open deliverable issued. Other fields
    are corrected on the deliverable itself; their names are returned as refused."""
    accepted, refused = 0, set()
    for change in changes.filter(resolved=False).select_related("deliverable"):
        if change.field != "fulfilled_by":
            refused.add(change.field)
            continue
        deliverable = change.deliverable
        deliverable.fulfilled_by = change.new_value
        fields = ["fulfilled_by"]
        if deliverable.progress in OPEN_PROGRESS:
            deliverable.progress = Deliverable.Progress.ISSUED
            fields.append("progress")
        deliverable.save(update_fields=[*fields, "updated_at"])
        deliverable_mark_edited(deliverable=deliverable, fields=fields)
        change.resolved = True
        change.save(update_fields=["resolved"])
        accepted += 1
    return accepted, refused
