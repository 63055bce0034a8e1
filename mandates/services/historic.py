"""Historic deliverables: what was already long overdue when its resolution was ingested.

An old resolution (ingested years after it was adopted) asks for reports whose sessions
are long past; reminding people of them every week would bury what is really due. Ingest
marks such a deliverable historic (`Deliverable.is_historic`): no reminders, no digests,
and the overdue list shows it apart (`?historic=1`). The rule:

    historic  <=>  due date < the day the deliverable was first ingested - the reminder
                   policy's cut-off (`historic_after_days_overdue`, 90 days by default)

"First ingested": the day its row was created, or its draft's row, when it continues a
draft's deliverable (work on it began then). The rule holds for the due date the
deliverable has now, not only the one it had at ingest:

- a deliverable whose due date is today or later (or that has none) is never historic:
  a date a person set, another session, a session moved in the calendar, a draft's
  decisions carried over to the adopted text all clear the flag (`deliverable_historic_follow`,
  called wherever a due date is recomputed: `schedule._refresh`);
- a due date that changes to another past date is judged again by the rule, so a date
  still long before the ingest stays historic and one closer than the cut-off is chased;
- a person's own choice (the "historic" box ticked or unticked in the admin, so
  ``is_historic`` is among ``edited_fields``) stands for a past date; a future one is never
  historic, whoever ticked it.

The policy's cut-off is read only when a past date has to be judged (`cutoff_get`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import cache

from django.utils import timezone

from mandates.models import Deliverable, ReminderPolicy

DEFAULT_CUTOFF_DAYS = 90


def historic_cutoff_days() -> int:
    """The policy's "more than N days overdue at ingest is historic" (its default without
    a policy row)."""
    policy = ReminderPolicy.objects.order_by("pk").values_list(
        "historic_after_days_overdue", flat=True
    )
    return next(iter(policy), DEFAULT_CUTOFF_DAYS)


def historic_cutoff_once() -> Callable[[], int]:
    """`historic_cutoff_days`, read at most once by whoever calls the result (a batch)."""
    return cache(historic_cutoff_days)


def deliverable_historic_by_rule(
    *, due_date: date | None, ingested_on: date, cutoff_days: int
) -> bool:
    """Whether a deliverable due on ``due_date`` was already more than ``cutoff_days``
    overdue on ``ingested_on``."""
    return due_date is not None and due_date < ingested_on - timedelta(days=cutoff_days)


def deliverable_ingested_on(deliverable: Deliverable) -> date | None:
    """The day work on this deliverable began: its row's creation, or its draft's row's
    when it continues a draft's deliverable (None for a row not stored yet)."""
    if deliverable.created_at is None:
        return None
    moments = [deliverable.created_at]
    if deliverable.draft_id is not None:
        if Deliverable.draft.is_cached(deliverable) and deliverable.draft is not None:
            moments.append(deliverable.draft.created_at)
        else:
            moments += Deliverable.objects.filter(pk=deliverable.draft_id).values_list(
                "created_at", flat=True
            )
    return timezone.localdate(min(moment for moment in moments if moment is not None))


def deliverable_historic_follow(
    *,
    deliverable: Deliverable,
    due_changed: bool,
    today: date | None = None,
    cutoff_get: Callable[[], int] = historic_cutoff_days,
) -> bool:
    """Set ``is_historic`` (in memory) as the rule gives it for the deliverable's current
    due date: cleared when the date is today or later or there is none; judged again when
    the date changed (``due_changed``) to another past date, unless a person chose the
    flag themselves. A row not stored yet is left to ingest (`deliverables_historic_mark`).
    Returns whether the flag changed."""
    today = today or timezone.localdate()
    due = deliverable.due_date
    if due is None or due >= today:
        historic = False
    elif not due_changed or "is_historic" in deliverable.edited_fields:
        return False
    else:
        ingested_on = deliverable_ingested_on(deliverable)
        if ingested_on is None:
            return False
        historic = deliverable_historic_by_rule(
            due_date=due, ingested_on=ingested_on, cutoff_days=cutoff_get()
        )
    if historic == deliverable.is_historic:
        return False
    deliverable.is_historic = historic
    return True
