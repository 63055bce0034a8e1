"""The reminders a run decides in one SQL statement are exactly those the previous logic
(the audience and stages computed in Python, below) chose, on a varied fixture: lead times,
overdue steps, escalations, the historic cut-off, opt-outs, inactive people, closed progress
states, rejections, reminders already recorded or sent, and corrected due dates.

Runs on the database of the environment: SQLite locally, PostgreSQL in CI.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from mandates.models import (
    CLOSED_PROGRESS,
    Contact,
    Deliverable,
    OutgoingStatus,
    ReminderLog,
    ReminderPolicy,
    ReminderRule,
    ReviewStatus,
)
from mandates.services.reminders import (
    DECISION_WORK_MEM,
    Policy,
    deliverable_audience,
    deliverable_list_remindable,
    escalation_key_for,
    reminder_counts_for,
    reminder_key_for,
    reminder_lookback_days,
    reminder_lookback_limit,
    reminder_policy_get,
    reminders_due,
    reminders_record_due,
)
from tests import factories
from tests.real_services import require_postgresql

pytestmark = pytest.mark.django_db

Row = tuple[int, int, str, date]

# --- The previous logic, as it ran before the decision moved into SQL -----------------------


def _already_given(
    *,
    key: str,
    due_date: date,
    today: date,
    earlier: Iterable[tuple[str, datetime]],
    policy: Policy,
) -> bool:
    lookback = reminder_lookback_days(key=key, due_date=due_date, today=today, policy=policy)
    midnight = timezone.make_aware(datetime.combine(today, time())).astimezone(UTC)
    since = midnight - timedelta(days=lookback)  # whole days of 24 hours, as in SQL
    late, first_day = (today - due_date).days, int(key.partition(":")[2])
    if key.startswith("before:"):
        first_day = -first_day
    start = midnight - timedelta(days=late - first_day)
    return any(
        sent_at >= since
        and reminder_counts_for(
            earlier=other, key=key, policy=policy, sent_before_stage=sent_at < start
        )
        for other, sent_at in earlier
    )


def _planned(*, deliverables: QuerySet[Deliverable], today: date, policy: Policy) -> list[Row]:
    audience = deliverable_audience(deliverables=deliverables)
    immediate = Contact.Delivery.IMMEDIATE
    planned = []
    for deliverable_id, due_date in deliverables.values_list("id", "due_date"):
        assert due_date is not None
        key = reminder_key_for(due_date=due_date, today=today, policy=policy)
        if key:
            for contact_id in audience.responsible.get(deliverable_id, []):
                if audience.delivery[contact_id] == immediate:
                    planned.append((deliverable_id, contact_id, key, due_date))
        escalation = escalation_key_for(due_date=due_date, today=today, policy=policy)
        focal_id = audience.focal_point.get(deliverable_id)
        if escalation and focal_id and audience.delivery[focal_id] == immediate:
            planned.append((deliverable_id, focal_id, escalation, due_date))
    return planned


def previous_decisions(*, today: date) -> tuple[list[Row], list[Row]]:
    """(planned, new): what the Python logic planned today, and what it recorded."""
    policy = reminder_policy_get()
    horizon = today + timedelta(days=max(policy.offsets, default=0))
    deliverables = deliverable_list_remindable().filter(due_date__lte=horizon).order_by()
    planned = _planned(deliverables=deliverables, today=today, policy=policy)
    existing = set(
        ReminderLog.objects.filter(
            deliverable_id__in=deliverables.values("id"),
            reminder__in={key for _, _, key, _ in planned},
        ).values_list("deliverable_id", "recipient_id", "reminder", "due_date")
    )
    new = set(planned) - existing
    if not new:
        return planned, []
    earlier: dict[tuple[int, int], list[tuple[str, datetime]]] = defaultdict(list)
    sent = ReminderLog.objects.filter(
        deliverable_id__in=deliverables.values("id"), status=OutgoingStatus.SENT
    )
    if today < timezone.localdate() - timedelta(days=1):  # a past day: recent rows only
        limit = reminder_lookback_limit(policy=policy)
        sent = sent.filter(sent_at__gte=timezone.now() - timedelta(days=limit + 1))
    for deliverable_id, recipient_id, key, sent_at in sent.values_list(
        "deliverable_id", "recipient_id", "reminder", "sent_at"
    ):
        earlier[(deliverable_id, recipient_id)].append((key, sent_at))
    return planned, sorted(
        row
        for row in new
        if not _already_given(
            key=row[2],
            due_date=row[3],
            today=today,
            earlier=earlier.get((row[0], row[1]), []),
            policy=policy,
        )
    )


# --- A varied fixture --------------------------------------------------------------------

KEYS = [
    "before:60",
    "before:30",
    "before:14",
    "before:7",
    "before:1",
    "overdue:3",
    "overdue:7",
    "overdue:14",
    "overdue:28",
    "escalation:10",
    "escalation:14",
]


def varied_fixture(seed: int = 7) -> None:
    """300 deliverables from 200 days overdue to 75 ahead, and the people and log around them."""
    rng = random.Random(seed)
    today = timezone.localdate()
    deliveries = [Contact.Delivery.IMMEDIATE] * 7 + [Contact.Delivery.DIGEST] * 2
    people = [
        factories.ContactFactory(
            is_active=rng.random() > 0.15,
            delivery=rng.choice([*deliveries, Contact.Delivery.NONE]),
        )
        for _ in range(30)
    ]
    actors = []
    for _ in range(8):
        actor = factories.ActorFactory(focal_point=rng.choice([None, *people, *people]))
        actor.contacts.add(*rng.sample(people, rng.randint(0, 4)))
        actors.append(actor)
    mandates = [
        factories.MandateFactory(
            actor=rng.choice([None, *actors, *actors]),
            review_status=rng.choice([ReviewStatus.REJECTED] + [ReviewStatus.CONFIRMED] * 9),
        )
        for _ in range(16)
    ]
    closed = list(CLOSED_PROGRESS)
    open_states = [Deliverable.Progress.PLANNED, Deliverable.Progress.IN_PROGRESS]
    open_states.append(Deliverable.Progress.DEFERRED)
    taken: set[Row] = set()
    for _ in range(300):
        dated = rng.random() > 0.05
        deliverable = factories.DeliverableFactory(
            mandate=rng.choice(mandates),
            due_date=today + timedelta(days=rng.randint(-200, 75)) if dated else None,
            progress=rng.choice(closed if rng.random() < 0.2 else open_states),
            review_status=rng.choice([ReviewStatus.REJECTED] + [ReviewStatus.PROPOSED] * 9),
            is_historic=rng.random() < 0.05,
        )
        if rng.random() < 0.4:
            deliverable.assignees.add(*rng.sample(people, rng.randint(1, 2)))
        if rng.random() < 0.15:
            deliverable.reminder_opt_outs.add(rng.choice(people))
        if deliverable.due_date is None:
            continue
        for _ in range(rng.choice([0, 0, 1, 2, 3])):  # the log: recorded, sent, corrected
            corrected = rng.random() < 0.3
            due = deliverable.due_date + timedelta(days=rng.randint(-20, 20) if corrected else 0)
            row = (deliverable.pk, rng.choice(people).pk, rng.choice(KEYS), due)
            if row in taken:
                continue
            taken.add(row)
            status = rng.choice([OutgoingStatus.SENT] * 4 + list(OutgoingStatus.values))
            sent = timezone.now() - timedelta(days=rng.randint(0, 40), hours=rng.randint(0, 23))
            ReminderLog.objects.create(
                deliverable_id=row[0],
                recipient_id=row[1],
                reminder=row[2],
                due_date=row[3],
                status=status,
                sent_at=sent if status == OutgoingStatus.SENT else None,
            )


def set_policy(
    *, off: Iterable[int] = (), overdue_every: int | None = None, escalate: int | None = None
) -> None:
    ReminderRule.objects.filter(days_before_due__in=list(off)).update(is_active=False)
    policy = ReminderPolicy.objects.get()
    if overdue_every is not None:
        policy.overdue_every_days = overdue_every
    if escalate is not None:
        policy.escalate_after_days_overdue = escalate
    policy.save()


def recorded(stamp) -> list[Row]:
    return sorted(
        ReminderLog.objects.filter(queued_at=stamp).values_list(
            "deliverable_id", "recipient_id", "reminder", "due_date"
        )
    )


POLICIES = {
    "default": {},
    "one offset off, short steps": {"off": [14], "overdue_every": 3, "escalate": 10},
    "no overdue, no escalation": {"overdue_every": 0, "escalate": 0},
    "no offsets": {"off": [60, 30, 14, 7, 1]},
}


@pytest.mark.parametrize("policy", POLICIES.values(), ids=POLICIES.keys())
def test_set_based_decision_is_the_previous_one(policy):
    """For several days around today (a run may pretend another day), the SELECT and the
    INSERT give the rows the previous logic gave, and a second run adds none."""
    varied_fixture()
    set_policy(**policy)
    stages = {key.split(":")[0] for key in KEYS}
    seen: set[str] = set()
    suppressed = 0
    for days in (-10, -1, 0, 1, 7):
        today = timezone.localdate() + timedelta(days=days)
        planned, expected = previous_decisions(today=today)
        seen |= {key.split(":")[0] for _, _, key, _ in expected}
        suppressed += len(planned) - len(expected)
        assert reminders_due(today=today, policy=reminder_policy_get()) == expected
        with transaction.atomic():
            stamp = timezone.now()
            inserted = reminders_record_due(today=today, policy=reminder_policy_get(), stamp=stamp)
            assert recorded(stamp) == expected
            assert inserted == ReminderLog.objects.filter(queued_at=stamp).count()
            assert reminders_due(today=today, policy=reminder_policy_get()) == []
            transaction.set_rollback(True)
    if policy == {}:  # the fixture exercises every stage, and rows already given are left out
        assert seen == stages
        assert suppressed > 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_postgresql_settings_of_the_decision_last_only_its_transaction():
    """On PostgreSQL the run decides without JIT and with more memory for its sorts, and the
    connection (reused by the next task of a worker) has its own settings back after it."""
    require_postgresql()
    factories.responsible_deliverable(timezone.localdate() + timedelta(days=7), contacts=2)

    def current() -> tuple[str, str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('jit'), current_setting('work_mem')")
            return cursor.fetchone()

    before = current()
    with transaction.atomic():
        inserted = reminders_record_due(
            today=timezone.localdate(), policy=reminder_policy_get(), stamp=timezone.now()
        )
        assert current() == ("off", DECISION_WORK_MEM)
    assert inserted == 2
    assert current() == before
