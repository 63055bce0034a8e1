"""Reminders: which are due today, who gets them, and the log that makes each go out once.

How "exactly once" is kept:

1. The daily run (``reminders_queue_due``; ``reminder_dispatch_due`` also returns the rows)
   decides, in ONE transaction and one INSERT ... SELECT, the reminders due today and inserts
   one ``ReminderLog`` row per (deliverable, recipient, reminder, due date). The unique key
   makes a second run, or a concurrent one, insert nothing. After the commit it hands the
   sending to the broker, one task per recipient (one e-mail per person and day). If the
   broker refuses, what it did not take is undone (this run's rows deleted, older rows left
   stale) and BrokerUnavailable is raised: a re-run queues it, nothing waits 30 minutes.
2. ``reminders_send`` claims the rows (``select_for_update(skip_locked=True)``, queued ->
   sending, commit), re-checks that each is still valid, sends with no transaction open, and
   marks them sent in its own short statements.
3. A transient SMTP error (4xx, refused, timeout before the message was handed over) puts
   the rows back to queued; the task retries with exponential backoff, at most
   REMINDER_MAX_RETRIES times, and the last try marks them failed (the admin's "Retry"
   queues them again). An error AFTER the whole message was handed over (no answer to the
   end of DATA) is never retried: the server may have accepted it (tracker/mail.py).
4. A row left queued (its message was lost) or sending (its worker died) longer than
   ``REMINDER_REQUEUE_AFTER_MINUTES`` is queued again by the next daily run, and a task
   delivered again by the broker may take over such a stale claim.

The windows that can still duplicate a reminder (sizes measured in docs/OPERATIONS.md):

- a worker that dies after the SMTP server accepted the message and before the UPDATE that
  marks it sent (milliseconds). The row stays "sending", is queued again after the threshold
  and the reminder goes out a second time, with the same Message-ID, so most mail stores
  show it once. Keeping a transaction open across the SMTP conversation would not close that
  window (the COMMIT can fail after the send) and would hold a lock during network I/O;
  losing the reminder instead would break "never not at all".
- a single SMTP conversation that outlasts REMINDER_REQUEUE_AFTER_MINUTES (each socket
  operation is bounded by EMAIL_TIMEOUT, so only a server trickling bytes can): another
  worker may take over the claim.
- a person who presses "Retry" on a reminder failed with "the server may have accepted it".

Missed days: each day only the most recent reminder that has fallen due is considered
("before:14" between 14 and 8 days before, "overdue:7" between 7 and 13 days late...), so a
run that did not happen yesterday is caught up by one reminder today, not by every missed one.
A reminder sent since the previous stage began stands for the current one
(reminder_lookback_days, reminder_counts_for), so the catch-up is not followed by the next
stage the next day, and a due date corrected by a day re-sends no stage on any day.
"""

from __future__ import annotations

import logging
import textwrap
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, connection, transaction
from django.db import models as db_models
from django.db.models import Q, QuerySet
from django.utils import timezone

from mandates.models import (
    CLOSED_PROGRESS,
    Actor,
    Contact,
    Deliverable,
    DigestLog,
    OutgoingStatus,
    ReminderLog,
    ReminderPolicy,
    ReminderRule,
    Resolution,
    ReviewStatus,
    review_shown,
)
from mandates.services.feeds import deliverable_ics, deliverables_ics
from mandates.services.historic import deliverable_historic_by_rule
from mandates.services.outgoing import (
    TransientSendError,
    contact_opt_out_url,
    deliverable_name,
    deliverable_page_url,
    outgoing_claim,
    outgoing_deliver,
    outgoing_finish,
    outgoing_hand_over_on_commit,
    outgoing_message,
    outgoing_requeue_stale,
    outgoing_undo_dispatch,
    session_as_read,
)
from mandates.services.schedule import CalledOff

logger = logging.getLogger(__name__)

# --- Policy ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Policy:
    """The reminder rules and policy rows, read once per run."""

    offsets: tuple[int, ...]  # active days-before-due offsets, ascending
    overdue_every_days: int  # 0: no overdue reminders
    escalate_after_days_overdue: int  # 0: no escalation
    digest_horizon_days: int
    historic_after_days_overdue: int = 90


def reminder_policy_get() -> Policy:
    """The active offsets and the overdue/escalation policy (defaults if the row is missing)."""
    offsets = tuple(
        sorted(
            ReminderRule.objects.filter(is_active=True).values_list("days_before_due", flat=True)
        )
    )
    row = ReminderPolicy.objects.order_by("pk").first() or ReminderPolicy()
    return Policy(
        offsets=offsets,
        overdue_every_days=row.overdue_every_days,
        escalate_after_days_overdue=row.escalate_after_days_overdue,
        digest_horizon_days=row.digest_horizon_days,
        historic_after_days_overdue=row.historic_after_days_overdue,
    )


def reminder_key_for(*, due_date: date, today: date, policy: Policy) -> str | None:
    """The most recent before/overdue reminder that has fallen due today, if any."""
    days_left = (due_date - today).days
    if days_left >= 0:
        passed = [offset for offset in policy.offsets if offset >= days_left]
        return f"before:{passed[0]}" if passed else None
    late = -days_left
    every = policy.overdue_every_days
    if every and late >= every:
        return f"overdue:{late // every * every}"
    return None


def escalation_key_for(*, due_date: date, today: date, policy: Policy) -> str | None:
    """The escalation to the focal point, once the deliverable is late long enough."""
    threshold = policy.escalate_after_days_overdue
    if threshold and (today - due_date).days >= threshold:
        return f"escalation:{threshold}"
    return None


def reminder_label(*, due_date: date, today: date, escalation: bool = False) -> str:
    """ "Due in 14 days", "Due tomorrow", "Due today", "Overdue by 8 days"."""
    days_left = (due_date - today).days
    if days_left > 1:
        label = f"Due in {days_left} days"
    elif days_left == 1:
        label = "Due tomorrow"
    elif days_left == 0:
        label = "Due today"
    else:
        late = -days_left
        label = f"Overdue by {late} day{'s' if late != 1 else ''}"
    return f"Escalation: {label[0].lower()}{label[1:]}" if escalation else label


def deliverables_historic_mark(
    *,
    deliverables: Iterable[Deliverable],
    today: date | None = None,
    policy_get: Callable[[], Policy] = reminder_policy_get,
) -> int:
    """Ingest calls this for its new deliverables before storing them (in memory, nothing
    saved): one already overdue by more than the policy's cut-off (an old resolution) is
    marked historic and never reminded (the rule: `historic.deliverable_historic_by_rule`;
    the mark follows a due date that changes later, `historic.deliverable_historic_follow`).
    The policy is read (`policy_get`) only when one is overdue. Returns how many it marked."""
    today = today or timezone.localdate()
    overdue = [
        (deliverable, deliverable.due_date)
        for deliverable in deliverables
        if not deliverable.is_historic
        and deliverable.due_date is not None
        and deliverable.due_date < today
    ]
    if not overdue:  # the common case, without reading the policy
        return 0
    cutoff_days = policy_get().historic_after_days_overdue
    marked = [
        deliverable
        for deliverable, due in overdue
        if deliverable_historic_by_rule(due_date=due, ingested_on=today, cutoff_days=cutoff_days)
    ]
    for deliverable in marked:
        deliverable.is_historic = True
    return len(marked)


# --- Stages: no second reminder of a stage when a date is corrected -------------------------


def reminder_stage_interval(*, key: str, policy: Policy) -> int:
    """The gap to the next stage of the schedule ("before:14" -> 7 with offsets 14 and 7;
    "overdue:*" -> every N days; escalation -> the escalation threshold)."""
    kind, _, days = key.partition(":")
    if kind == "before":
        lower = [offset for offset in policy.offsets if offset < int(days)]
        return max(int(days) - max(lower, default=0), 1)
    if kind == "overdue":
        return max(policy.overdue_every_days, 1)
    return max(policy.escalate_after_days_overdue, 1)


def reminder_stage_gap(*, key: str, policy: Policy) -> int:
    """Days from the previous stage's start to this one's ("before:7" -> 7 with offsets 14
    and 7; the first offset, overdue and escalation: their interval): a reminder sent since
    the previous stage began, for whatever due date, stands for this stage."""
    kind, _, days = key.partition(":")
    higher = [offset for offset in policy.offsets if offset > int(days or 0)]
    if kind == "before" and higher:
        return min(higher) - int(days)
    return reminder_stage_interval(key=key, policy=policy)


def reminder_lookback_days(*, key: str, due_date: date, today: date, policy: Policy) -> int:
    """How many days before today's midnight an earlier reminder may have been sent and still
    count for the stage ``key`` of ``due_date``: back to the previous stage's start, so a due
    date corrected by a day re-sends nothing on any day of the stage, and a catch-up after
    missed runs is not followed by the next stage the next day."""
    kind, _, days = key.partition(":")
    start = -int(days) if kind == "before" else int(days)  # the stage's first day, in "late"
    late = (today - due_date).days
    return late - start + reminder_stage_gap(key=key, policy=policy) - 1


def reminder_counts_for(
    *, earlier: str, key: str, policy: Policy, sent_before_stage: bool = False
) -> bool:
    """Whether a reminder ``earlier`` sent within the lookback stands for the stage ``key``:
    any escalation (a new threshold is no news); once overdue, any overdue reminder; before
    the due date, one as urgent as the stage the current date had when it was sent, this one
    or (``sent_before_stage``) the previous one: a date moved much closer is news, a
    catch-up late in the previous stage is not followed by this one the next day."""
    family, earlier_family = key.partition(":")[0], earlier.partition(":")[0]
    if key.startswith("escalation:") or earlier.startswith("escalation:"):
        return family == earlier_family
    if family == "overdue":
        return earlier_family == "overdue"
    offset = int(key.partition(":")[2])
    if sent_before_stage:
        offset = _previous_offset(offset, policy)
    return _urgency(earlier) >= -offset


def _previous_offset(offset: int, policy: Policy) -> int:
    """The offset of the stage before ``offset``'s (itself for the first one)."""
    return min([other for other in policy.offsets if other > offset], default=offset)


def _urgency(key: str) -> int:
    kind, _, days = key.partition(":")
    return -int(days) if kind == "before" else int(days)


def reminder_lookback_limit(*, policy: Policy) -> int:
    """The longest lookback of a before or overdue stage on any day of it (escalations have
    none: an escalation counts from the due date)."""
    longest = 0
    for offset in policy.offsets:
        lower = [other for other in policy.offsets if other < offset]
        last_day = -max(lower) - 1 if lower else 0  # the stage's last day, in "late"
        gap = reminder_stage_gap(key=f"before:{offset}", policy=policy)
        longest = max(longest, last_day + offset + gap - 1)
    every = policy.overdue_every_days
    return max(longest, 2 * every - 2) if every else longest


# --- Who and which -----------------------------------------------------------------------


def deliverable_list_remindable() -> QuerySet[Deliverable]:
    """Deliverables people must hear about: dated, not rejected, not finished or dropped,
    not historic."""
    return (
        Deliverable.objects.filter(due_date__isnull=False, is_historic=False)
        .exclude(review_status=ReviewStatus.REJECTED)
        .exclude(mandate__review_status=ReviewStatus.REJECTED)
        .exclude(progress__in=CLOSED_PROGRESS)
    )


@dataclass
class Audience:
    """Who is responsible for each deliverable of a set, from a constant number of queries."""

    responsible: dict[int, list[int]]  # deliverable id -> contact ids, opt-outs removed
    focal_point: dict[int, int]  # deliverable id -> focal point contact id, opt-outs removed
    delivery: dict[int, str]  # active contact id -> its delivery choice
    # active contacts whose address the mail server refused for good: responsible still
    # (no one else is reminded instead), but nothing is sent to them
    undeliverable: frozenset[int] = frozenset()


def deliverable_audience(*, deliverables: QuerySet[Deliverable]) -> Audience:
    """Assignees who are active if any, else the actor's active contacts; minus opt-outs.

    Five queries whatever the number of deliverables: the through tables are read with the
    deliverable query as a subquery, never one query per deliverable.
    """
    ids = deliverables.values("id")
    actor_ids = deliverables.values("mandate__actor_id")
    rows = list(deliverables.values_list("id", "mandate__actor_id"))
    assigned = Deliverable.assignees.through.objects.filter(deliverable_id__in=ids)
    actor_links = Actor.contacts.through.objects.filter(actor_id__in=actor_ids)
    people = list(
        Contact.objects.filter(is_active=True)
        .filter(
            Q(id__in=assigned.values("contact_id"))
            | Q(id__in=actor_links.values("contact_id"))
            | Q(focal_point_for__in=actor_ids)
        )
        .values_list("id", "delivery", "undeliverable_since")
        .distinct()
    )
    delivery = {contact_id: choice for contact_id, choice, _ in people}
    undeliverable = frozenset(contact_id for contact_id, _, since in people if since)
    assignees: dict[int, list[int]] = defaultdict(list)
    for deliverable_id, contact_id in assigned.values_list("deliverable_id", "contact_id"):
        if contact_id in delivery:
            assignees[deliverable_id].append(contact_id)
    opted_out = set(
        Deliverable.reminder_opt_outs.through.objects.filter(deliverable_id__in=ids).values_list(
            "deliverable_id", "contact_id"
        )
    )
    actor_contacts: dict[int, list[int]] = defaultdict(list)
    for actor_id, contact_id in actor_links.values_list("actor_id", "contact_id"):
        if contact_id in delivery:
            actor_contacts[actor_id].append(contact_id)
    focal = dict(
        Actor.objects.filter(id__in=actor_ids, focal_point__isnull=False).values_list(
            "id", "focal_point_id"
        )
    )
    responsible: dict[int, list[int]] = {}
    focal_point: dict[int, int] = {}
    for deliverable_id, actor_id in rows:
        base = assignees.get(deliverable_id) or actor_contacts.get(actor_id, [])
        responsible[deliverable_id] = sorted(
            {c for c in base if (deliverable_id, c) not in opted_out}
        )
        focal_id = focal.get(actor_id)
        if focal_id in delivery and (deliverable_id, focal_id) not in opted_out:
            focal_point[deliverable_id] = focal_id
    return Audience(
        responsible=responsible,
        focal_point=focal_point,
        delivery=delivery,
        undeliverable=undeliverable,
    )


def _candidates(*, today: date, policy: Policy) -> QuerySet[Deliverable]:
    """Remindable deliverables close enough to their due date (or past it) to need one."""
    horizon = today + timedelta(days=max(policy.offsets, default=0))
    return deliverable_list_remindable().filter(due_date__lte=horizon).order_by()


# --- Deciding, in the database -------------------------------------------------------------

Sql = tuple[str, tuple[Any, ...]]  # a fragment and its parameters


@dataclass(frozen=True)
class _Stage:
    """One way a reminder falls due, in SQL over ``late`` (the days past the due date)."""

    when: Sql
    key: Sql  # "before:14", "overdue:" and a multiple of N, "escalation:T"
    urgency: Sql  # later is more urgent: before:60 < before:1 < overdue:7 < overdue:14
    floor: Sql  # the least urgency of an earlier reminder that counts (reminder_counts_for)
    previous_floor: Sql  # the same for one sent before the stage began
    start: Sql  # days from the stage's first day to today
    lookback: Sql  # reminder_lookback_days


def _stages(*, policy: Policy) -> tuple[list[_Stage], _Stage | None]:
    """The reminder stages in the order reminder_key_for tries them (the smallest offset at
    or over the days left, then overdue in steps of N days), and the escalation."""
    stages = [
        _Stage(
            when=("late <= 0 AND late >= %s", (-offset,)),
            key=("%s", (f"before:{offset}",)),
            urgency=("%s", (-offset,)),
            floor=("%s", (-offset,)),
            previous_floor=("%s", (-_previous_offset(offset, policy),)),
            start=("late + %s", (offset,)),
            lookback=(
                "late + %s",
                (offset + reminder_stage_gap(key=f"before:{offset}", policy=policy) - 1,),
            ),
        )
        for offset in policy.offsets
    ]
    every = policy.overdue_every_days
    if every:
        stages.append(
            _Stage(
                when=("late >= %s", (every,)),
                key=("'overdue:' || CAST(late / %s * %s AS TEXT)", (every, every)),
                urgency=("late / %s * %s", (every, every)),
                floor=("1", ()),
                previous_floor=("1", ()),
                start=("late - late / %s * %s", (every, every)),
                lookback=("late - late / %s * %s + %s", (every, every, every - 1)),
            )
        )
    threshold = policy.escalate_after_days_overdue
    if not threshold:
        return stages, None
    key = f"escalation:{threshold}"
    escalation = _Stage(
        when=("a.late >= %s", (threshold,)),
        key=("%s", (key,)),
        urgency=("%s", (threshold,)),
        floor=("1", ()),
        previous_floor=("1", ()),
        start=("a.late - %s", (threshold,)),
        lookback=("a.late - 1", ()),
    )
    return stages, escalation


def _days_late_sql() -> str:
    """Whole days from the column ``due_date`` to today (the parameter), in this database."""
    if connection.vendor == "postgresql":
        return "CAST(%s AS DATE) - due_date"
    if connection.vendor == "sqlite":
        return "CAST(julianday(%s) - julianday(due_date) AS INTEGER)"
    raise NotImplementedError(f"reminders are decided in PostgreSQL or SQLite: {connection.vendor}")


def _days_before_sql(days: str) -> str:
    """The timestamp parameter less ``days`` (an SQL integer) whole days of 24 hours."""
    if connection.vendor == "postgresql":
        return f"CAST(%s AS TIMESTAMPTZ) - ({days}) * INTERVAL '1 day'"
    return f"datetime(%s, '-' || ({days}) || ' days')"


@dataclass(frozen=True)
class _Tables:
    """Quoted table and column names, read from the models."""

    log: str
    contact: str
    actor: str
    focal_point: str
    assigned: str
    assigned_deliverable: str
    assigned_contact: str
    actor_contacts: str
    actor_contacts_actor: str
    actor_contacts_contact: str
    opt_out: str
    opt_out_deliverable: str
    opt_out_contact: str


def _tables() -> _Tables:
    quote = connection.ops.quote_name

    def through(field: db_models.ManyToManyField) -> tuple[str, str, str]:
        columns = field.m2m_column_name(), field.m2m_reverse_name()
        return quote(field.m2m_db_table()), quote(columns[0]), quote(columns[1])

    return _Tables(
        quote(ReminderLog._meta.db_table),
        quote(Contact._meta.db_table),
        quote(Actor._meta.db_table),
        quote(Actor.focal_point.field.column),
        *through(Deliverable.assignees.field),
        *through(Actor.contacts.field),
        *through(Deliverable.reminder_opt_outs.field),
    )


def _due_sql(*, today: date, policy: Policy, head: Sql, into: str = "") -> Sql:
    """``head`` (the SELECT list, of columns of ``f``: deliverable_id, recipient_id,
    reminder, due_date) over the new reminders due today, computed in SQL; ``into`` (an
    "INSERT INTO table (columns)") before the whole query inserts them. The statement then
    begins with INSERT, so both databases' drivers count the rows it inserts.

    Due: the most recent stage fallen due (reminder_key_for), to each person responsible
    who chose immediate e-mails, did not opt out and whose address the mail server did not
    refuse for good (`Contact.undeliverable_since`), that is the active assignees, else the
    actor's active contacts (deliverable_audience); an escalation (escalation_key_for) to
    the actor's active focal point. New: not recorded already (in any status), and no
    reminder that stands for this stage (reminder_counts_for) was sent to the person for
    this deliverable since the previous stage of the current due date began, whatever its
    due date then (reminder_lookback_days: a corrected date is not news at the same stage;
    a catch-up is not followed by the next stage the next day).
    """
    stages, escalation = _stages(policy=policy)
    limit = reminder_lookback_limit(policy=policy)
    now = timezone.now()
    adapt_time = connection.ops.adapt_datetimefield_value
    midnight = timezone.make_aware(datetime.combine(today, time()))
    # For a day before yesterday (send_reminders --today), a sent row counts only if sent
    # within the policy's longest lookback, plus a day, before now; for today, yesterday or
    # later that follows from each stage's own lookback. The window is the policy's, not
    # that of the rows found new, so a second run of the same day finds nothing new.
    past_day: Sql = ("", ())
    if today < timezone.localdate(now) - timedelta(days=1):
        past_day = (" AND sent_at >= %s", (adapt_time(now - timedelta(days=limit + 1)),))

    def since(lookback: Sql) -> Sql:  # sent on or after: today's midnight less the lookback
        return _days_before_sql(lookback[0]), (adapt_time(midnight), *lookback[1])

    def case(column: str, then: Callable[[_Stage], Sql]) -> Sql:
        if not stages:
            return f"NULL AS {column}", ()
        sql, params = "CASE", list[Any]()
        for stage in stages:
            value, value_params = then(stage)
            sql += f" WHEN {stage.when[0]} THEN {value}"
            params += [*stage.when[1], *value_params]
        return f"{sql} END AS {column}", tuple(params)

    t = _tables()
    candidates, candidate_params = (
        _candidates(today=today, policy=policy)
        .values_list("id", "due_date", "mandate__actor_id")
        .query.sql_with_params()
    )
    immediate = Contact.Delivery.IMMEDIATE
    pieces: list[Sql] = [
        (
            f"""{into} WITH candidate (id, due_date, actor_id) AS ({candidates}),
            aged AS (SELECT id, due_date, actor_id, {_days_late_sql()} AS late FROM candidate),
            staged AS (SELECT id, due_date""",
            (*candidate_params, connection.ops.adapt_datefield_value(today)),
        ),
        *(
            (f", {sql}", params)
            for sql, params in (
                case("reminder", lambda stage: stage.key),
                case("urgency", lambda stage: stage.urgency),
                case("floor", lambda stage: stage.floor),
                case("previous_floor", lambda stage: stage.previous_floor),
                case("stage_start", lambda stage: since(stage.start)),
                case("since", lambda stage: since(stage.lookback)),
            )
        ),
        (
            f""" FROM aged),
            assigned (deliverable_id, contact_id) AS (
                SELECT x.{t.assigned_deliverable}, x.{t.assigned_contact}
                FROM {t.assigned} x
                JOIN {t.contact} p ON p.id = x.{t.assigned_contact}
                WHERE p.is_active AND x.{t.assigned_deliverable} IN (SELECT id FROM candidate)
            ),
            responsible (deliverable_id, contact_id) AS (
                SELECT deliverable_id, contact_id FROM assigned
                UNION ALL
                SELECT a.id, x.{t.actor_contacts_contact}
                FROM aged a
                JOIN {t.actor_contacts} x ON x.{t.actor_contacts_actor} = a.actor_id
                JOIN {t.contact} p ON p.id = x.{t.actor_contacts_contact}
                WHERE p.is_active
                  AND NOT EXISTS (SELECT 1 FROM assigned y WHERE y.deliverable_id = a.id)
            ),
            planned (
                deliverable_id, recipient_id, reminder, due_date, family, urgency, floor,
                previous_floor, stage_start, since
            ) AS (
                SELECT s.id, r.contact_id, s.reminder, s.due_date, 'reminder', s.urgency,
                    s.floor, s.previous_floor, s.stage_start, s.since
                FROM staged s
                JOIN responsible r ON r.deliverable_id = s.id
                JOIN {t.contact} p ON p.id = r.contact_id
                WHERE s.reminder IS NOT NULL AND p.delivery = %s
                  AND p.undeliverable_since IS NULL
                  AND NOT EXISTS (
                    SELECT 1 FROM {t.opt_out} o
                    WHERE o.{t.opt_out_deliverable} = s.id AND o.{t.opt_out_contact} = r.contact_id
                  )""",
            (immediate,),
        ),
    ]
    if escalation is not None:
        escalation_since = since(escalation.lookback)
        escalation_start = since(escalation.start)
        pieces.append(
            (
                f"""
                UNION ALL
                SELECT a.id, f.{t.focal_point}, {escalation.key[0]}, a.due_date, 'escalation',
                    {escalation.urgency[0]}, {escalation.floor[0]},
                    {escalation.previous_floor[0]}, {escalation_start[0]}, {escalation_since[0]}
                FROM aged a
                JOIN {t.actor} f ON f.id = a.actor_id
                JOIN {t.contact} p ON p.id = f.{t.focal_point}
                WHERE {escalation.when[0]} AND p.is_active AND p.delivery = %s
                  AND p.undeliverable_since IS NULL
                  AND NOT EXISTS (
                    SELECT 1 FROM {t.opt_out} o
                    WHERE o.{t.opt_out_deliverable} = a.id
                      AND o.{t.opt_out_contact} = f.{t.focal_point}
                  )""",
                (
                    *escalation.key[1],
                    *escalation.urgency[1],
                    *escalation.floor[1],
                    *escalation.previous_floor[1],
                    *escalation_start[1],
                    *escalation_since[1],
                    *escalation.when[1],
                    immediate,
                ),
            )
        )
    pieces += [
        (
            f"""),
            fresh AS (
                SELECT * FROM planned n
                WHERE NOT EXISTS (
                    SELECT 1 FROM {t.log} e
                    WHERE e.deliverable_id = n.deliverable_id AND e.recipient_id = n.recipient_id
                      AND e.reminder = n.reminder AND e.due_date = n.due_date
                )
            ),
            sent (deliverable_id, recipient_id, family, urgency, sent_at) AS (
                SELECT deliverable_id, recipient_id,
                    CASE WHEN SUBSTR(reminder, 1, 11) = 'escalation:' THEN 'escalation'
                        ELSE 'reminder' END,
                    CASE WHEN SUBSTR(reminder, 1, 7) = 'before:'
                            THEN -CAST(SUBSTR(reminder, 8) AS INTEGER)
                        WHEN SUBSTR(reminder, 1, 8) = 'overdue:'
                            THEN CAST(SUBSTR(reminder, 9) AS INTEGER)
                        ELSE CAST(SUBSTR(reminder, 12) AS INTEGER) END,
                    sent_at
                FROM {t.log}
                WHERE status = %s
                  AND (sent_at >= %s OR SUBSTR(reminder, 1, 11) = 'escalation:'){past_day[0]}
            )
            """,
            (OutgoingStatus.SENT, adapt_time(midnight - timedelta(days=limit + 1)), *past_day[1]),
        ),
        head,
        (
            """
            FROM fresh f
            WHERE NOT EXISTS (
                SELECT 1 FROM sent g
                WHERE g.deliverable_id = f.deliverable_id AND g.recipient_id = f.recipient_id
                  AND g.family = f.family AND g.sent_at >= f.since
                  AND g.urgency >= CASE WHEN g.sent_at < f.stage_start THEN f.previous_floor
                      ELSE f.floor END
            )
            ORDER BY 1, 2, 3, 4""",
            (),
        ),
    ]
    return "".join(sql for sql, _ in pieces), tuple(p for _, params in pieces for p in params)


# PostgreSQL's memory for each sort and hash of the decision, during the daily run only.
DECISION_WORK_MEM = "32MB"


def reminders_record_due(*, today: date, policy: Policy, stamp: datetime) -> int:
    """Insert today's new reminders, queued at ``stamp``, in ONE statement computed in the
    database (no row goes through Python); returns how many it inserted."""
    adapt_time = connection.ops.adapt_datetimefield_value
    into = (
        f"INSERT INTO {_tables().log} (deliverable_id, recipient_id, reminder, due_date, "
        "status, attempts, last_error, decided_at, queued_at)"
    )
    head = (
        "SELECT f.deliverable_id, f.recipient_id, f.reminder, f.due_date, %s, 0, '', %s, %s",
        (OutgoingStatus.QUEUED, adapt_time(stamp), adapt_time(stamp)),
    )
    sql, params = _due_sql(today=today, policy=policy, head=head, into=into)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # For this transaction only, in one round trip: no JIT (the planner overestimates
            # the rows, millions for tens of thousands, and would spend most of the run
            # compiling the statement), and room to sort the day's reminders in memory (with
            # the default 4 MB, 57,391 of them spill to a temporary file).
            cursor.execute(
                "SELECT set_config('jit', 'off', true), set_config('work_mem', %s, true)",
                (DECISION_WORK_MEM,),
            )
        # The statement leaves out the keys already recorded, so only a concurrent run (or
        # a row moved to another deliverable meanwhile) can collide. A plain INSERT is
        # cheaper than ON CONFLICT's check before each row; on a collision it waits for the
        # other transaction, fails, and is run again with ON CONFLICT DO NOTHING, which
        # leaves the keys inserted meanwhile to the other run. Sorted (ORDER BY): concurrent
        # runs insert the same keys in the same order, so they never deadlock.
        try:
            with transaction.atomic():
                cursor.execute(sql, params)
        except IntegrityError:
            cursor.execute(f"{sql} ON CONFLICT DO NOTHING", params)
        return cursor.rowcount


def reminders_due(*, today: date, policy: Policy) -> list[tuple[int, int, str, date]]:
    """(deliverable, recipient, reminder, due date) of the new reminders due today, sorted:
    what ``reminders_record_due`` would insert."""
    head = ("SELECT f.deliverable_id, f.recipient_id, f.reminder, f.due_date", ())
    sql, params = _due_sql(today=today, policy=policy, head=head)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # SQLite gives the dates back as text.
    return sorted(
        (d, c, key, due if isinstance(due, date) else date.fromisoformat(due))
        for d, c, key, due in rows
    )


# --- Recording and queueing -------------------------------------------------------------------


def reminders_queue_due(*, today: date) -> int:
    """The daily run: record the reminders due today and hand their sending to the broker
    after the commit; returns how many were queued (new ones and stale ones queued again).
    No row is loaded as an object. Raises BrokerUnavailable as reminder_dispatch_due does."""
    with transaction.atomic():
        queued = _dispatch(today=today, stamp=timezone.now())
    logger.info("reminders for %s: %d queued", today, len(queued))
    return len(queued)


def reminder_dispatch_due(*, today: date, dry_run: bool = False) -> list[ReminderLog]:
    """Record the reminders due today and hand their sending to the broker after the commit.

    Returns the rows queued by this run: new ones and stale ones queued again. With
    ``dry_run`` nothing is written and the unsaved rows that would be created are returned.
    Raises BrokerUnavailable when the broker refuses the sending; what it did not take is
    then undone (this run's decisions deleted, older rows left stale), so a re-run queues it.
    """
    if dry_run:
        return _dispatch_preview(today=today, policy=reminder_policy_get())
    stamp = timezone.now()
    with transaction.atomic():
        _dispatch(today=today, stamp=stamp)
        queued = list(_queued_by(stamp=stamp))
    logger.info("reminders for %s: %d queued", today, len(queued))
    return queued


def _queued_by(*, stamp: datetime) -> QuerySet[ReminderLog]:
    """The rows a run queued, in the order their e-mails go out. Rows another run inserted
    first keep that run's stamp: each row is queued by one run."""
    return ReminderLog.objects.filter(status=OutgoingStatus.QUEUED, queued_at=stamp).order_by(
        "due_date", "deliverable_id", "recipient_id"
    )


def _dispatch(*, today: date, stamp: datetime) -> list[int]:
    """In the caller's transaction: record today's reminders, queue again the stale ones
    (and stale digests), and hand them over on commit; returns the ids queued."""
    from mandates.tasks import digest_send, reminders_send

    reminders_record_due(today=today, policy=reminder_policy_get(), stamp=stamp)
    outgoing_requeue_stale(model=ReminderLog, stamp=stamp)
    queued = list(_queued_by(stamp=stamp).values_list("id", "recipient_id"))
    # One e-mail per person and day: each task sends one recipient's reminders together.
    by_recipient: dict[int, list[int]] = defaultdict(list)
    for pk, recipient_id in queued:
        by_recipient[recipient_id].append(pk)
    outgoing_hand_over_on_commit(
        model=ReminderLog,
        groups=list(by_recipient.values()),
        send=lambda ids: reminders_send.delay(ids, today.isoformat()),
        undo=lambda ids: outgoing_undo_dispatch(model=ReminderLog, ids=ids, stamp=stamp),
    )
    if outgoing_requeue_stale(model=DigestLog, stamp=stamp):
        digest_ids = DigestLog.objects.filter(
            status=OutgoingStatus.QUEUED, queued_at=stamp
        ).values_list("id", flat=True)
        outgoing_hand_over_on_commit(
            model=DigestLog,
            groups=[[pk] for pk in digest_ids],
            send=lambda ids: digest_send.delay(ids[0]),
            undo=lambda ids: outgoing_undo_dispatch(model=DigestLog, ids=ids, stamp=stamp),
        )
    return [pk for pk, _ in queued]


def _dispatch_preview(*, today: date, policy: Policy) -> list[ReminderLog]:
    """The unsaved rows a run would record today (``send_reminders --dry-run``)."""
    new = reminders_due(today=today, policy=policy)
    deliverables = Deliverable.objects.select_related(
        "mandate__resolution", "due_session__body", "due_body"
    ).in_bulk([row[0] for row in new])
    contacts = Contact.objects.in_bulk([row[1] for row in new])
    return [
        ReminderLog(
            deliverable=deliverables[d],
            recipient=contacts[c],
            reminder=key,
            due_date=due,
        )
        for d, c, key, due in new
    ]


# --- Sending -----------------------------------------------------------------------------


REMINDER_RELATED = (
    "deliverable__mandate__resolution",
    "deliverable__mandate__actor",
    "deliverable__due_session__body",
    "deliverable__due_body",
    "recipient",
)


def reminders_send(
    *, reminder_ids: Iterable[int], today: date | None = None, retry_in: timedelta | None = None
) -> list[ReminderLog]:
    """Claim, re-check, send and mark reminders: ONE e-mail per recipient, whatever the
    number of reminders it carries. Returns the rows it claimed (sent, skipped or failed).

    ``retry_in`` is when the caller will try again after a transient failure (the rows go
    back to queued and TransientSendError is raised); None means this is the last try.
    """
    today = max(today or timezone.localdate(), timezone.localdate())
    logs = outgoing_claim(ReminderLog, reminder_ids, related=REMINDER_RELATED)
    by_recipient: dict[int, list[ReminderLog]] = defaultdict(list)
    for log in logs:
        reason = reminder_invalid_reason(log=log, today=today)
        if reason:
            outgoing_finish(log, OutgoingStatus.SKIPPED, reason)
            logger.info("reminder %s skipped: %s", log.pk, reason)
        else:
            by_recipient[log.recipient_id].append(log)
    transient: list[TransientSendError] = []
    for group in by_recipient.values():
        try:
            message = reminders_message(logs=group, today=today)
        except Exception as error:  # a bug or broken data: show it in the admin, do not loop
            for log in group:
                outgoing_finish(
                    log, OutgoingStatus.FAILED, f"could not build the e-mail: {error!r}"
                )
            logger.exception("reminders %s could not be built", [log.pk for log in group])
            continue
        try:
            outgoing_deliver(group, message, retry_in)
        except TransientSendError as error:
            transient.append(error)
    if transient:
        raise transient[0]
    return logs


def reminder_send(
    *, reminder_id: int, today: date | None = None, retry_in: timedelta | None = None
) -> ReminderLog | None:
    """One reminder (see `reminders_send`); None when there was nothing to do."""
    logs = reminders_send(reminder_ids=[reminder_id], today=today, retry_in=retry_in)
    return logs[0] if logs else None


def reminder_invalid_reason(*, log: ReminderLog, today: date) -> str:
    """Why this reminder must not go out any more ("" when it still should).

    Reads the deliverable and recipient as loaded by the claim, in the claim's transaction.
    """
    deliverable = log.deliverable
    if (
        deliverable.progress in CLOSED_PROGRESS
        or ReviewStatus.REJECTED in (deliverable.review_status, deliverable.mandate.review_status)
        or deliverable.due_date is None
    ):
        return f"the deliverable is closed ({deliverable.get_progress_display()}) or rejected"
    if deliverable.due_date != log.due_date:
        return f"the due date moved from {log.due_date} to {deliverable.due_date}"
    recipient = log.recipient
    if not recipient.is_active:
        return "the recipient is no longer active"
    if recipient.delivery != Contact.Delivery.IMMEDIATE:
        return f"the recipient chose: {recipient.get_delivery_display()}"
    if recipient.undeliverable_since is not None:
        return (
            f"the mail server refused {recipient.email} for good "
            f"({recipient.undeliverable_error}): correct the address in the admin (Contacts)"
        )
    audience = deliverable_audience(deliverables=Deliverable.objects.filter(pk=deliverable.pk))
    policy = reminder_policy_get()
    if log.reminder.startswith("escalation:"):
        if audience.focal_point.get(deliverable.pk) != recipient.pk:
            return "the recipient is no longer the focal point (or opted out)"
        current = escalation_key_for(due_date=deliverable.due_date, today=today, policy=policy)
    else:
        if recipient.pk not in audience.responsible.get(deliverable.pk, []):
            return "the recipient is no longer responsible (or opted out)"
        current = reminder_key_for(due_date=deliverable.due_date, today=today, policy=policy)
    if current != log.reminder:
        return f"superseded on {today}: {current or 'no reminder'} is due now"
    return ""


def reminder_subject(*, deliverable: Deliverable, label: str) -> str:
    """ "[Due in 14 days] Report of ... - HRC 65 (A/HRC/RES/59/3, para. 35)"; "- HRC 60
    cancelled" when its session will not meet."""
    mandate = deliverable.mandate
    subject = f"[{label}] {deliverable_name(deliverable=deliverable)}"
    if deliverable.due_session_id:
        session = deliverable.due_session
        subject += f" - {session}"
        if session is not None and session.called_off:
            subject += f" {session.get_status_display()}"
    elif deliverable.due_session_not_in_calendar:
        subject += f" - {deliverable.due_session_as_read}"
    subject += f" ({mandate.resolution.symbol}, para. {mandate.paragraph_label})"
    return " ".join(subject.split())


def reminder_not_asked(deliverable: Deliverable) -> str:
    """What a reminder must say when the text no longer asks for the deliverable (a new
    version dropped it, or the adopted text its draft's): it stays on the person's list, kept
    for what people decided on it, until someone decides whether it is still owed."""
    resolution = deliverable.mandate.resolution
    if deliverable.no_longer_in_text:
        said = "The latest version of the text no longer asks for this."
    elif resolution.status == Resolution.Status.SUPERSEDED:
        adopted = resolution.superseded_by
        later = (
            "revised draft"
            if adopted is not None and adopted.status != Resolution.Status.ADOPTED
            else "adopted text"
        )
        said = (
            f"The {later}{f' {adopted.symbol}' if adopted else ''} does not ask for "
            f"this (it was in draft {resolution.symbol})."
        )
    else:
        return ""
    return f"{said} It stays on your list until someone decides whether it is still owed."


def reminder_session_called_off(deliverable: Deliverable) -> str:
    """What a reminder must say when the deliverable's session was cancelled, or postponed
    with no new dates: a date counted from its dates will not hold (the reminder still
    goes, to the person who can get it decided), and it stays until someone decides."""
    session = deliverable.due_session
    if session is None or not session.called_off:
        return ""
    called_off = CalledOff(session=str(session), status=session.get_status_display())
    return called_off.reminder_note(
        from_session=not (deliverable.manual_due_date or deliverable.stated_due_date)
    )


def _escalation(log: ReminderLog) -> bool:
    return log.reminder.startswith("escalation:")


def _and_joined(names: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def _quoted(text: str, *, indent: str = "    ", width: int = 76) -> str:
    """The quote in quotation marks for a plain-text e-mail, every line of it indented
    (the template's wordwrap indented the first only)."""
    lines = f'"{text.strip()}"'.splitlines()
    wrapped = [part for line in lines for part in textwrap.wrap(line, width - len(indent)) or [""]]
    return "\n".join(indent + part if part else "" for part in wrapped)


def _reminder_row(*, log: ReminderLog, today: date) -> dict:
    """What an e-mail says about one reminder."""
    deliverable = log.deliverable
    escalation = _escalation(log)
    return {
        "log": log,
        "deliverable": deliverable,
        "name": deliverable_name(deliverable=deliverable),
        "mandate": deliverable.mandate,
        "resolution": deliverable.mandate.resolution,
        "actor": deliverable.mandate.actor or deliverable.mandate.actor_text,
        "session": deliverable.due_session,
        "session_as_read": session_as_read(deliverable),
        "quote": deliverable.quote or deliverable.mandate.quote,
        "quote_text": _quoted(deliverable.quote or deliverable.mandate.quote),
        "not_asked": reminder_not_asked(deliverable),
        "called_off": reminder_session_called_off(deliverable),
        "label": reminder_label(due_date=log.due_date, today=today, escalation=escalation),
        # "Review: proposed, not yet reviewed": every e-mail says so of an unreviewed item
        "review": review_shown(deliverable.review_status),
        "unreviewed": deliverable.review_status == ReviewStatus.PROPOSED,
        "escalation": escalation,
        "page_url": deliverable_page_url(deliverable=deliverable, reader=log.recipient),
        "stop_url": contact_opt_out_url(contact=log.recipient, deliverable=deliverable),
    }


def reminders_message(*, logs: list[ReminderLog], today: date) -> EmailMultiAlternatives:
    """One person's reminders of the day: the single-reminder e-mail for one deliverable, a
    list for more. A deliverable both reminded and escalated to the person is one entry
    (the escalation), and one event in the attached calendar: two events with one UID
    would make calendar programs refuse or merge them."""
    by_deliverable: dict[int, ReminderLog] = {}
    for log in sorted(logs, key=lambda log: (not _escalation(log), log.pk)):
        by_deliverable.setdefault(log.deliverable_id, log)
    if len(by_deliverable) == 1:
        return reminder_message(log=next(iter(by_deliverable.values())), today=today)
    rows = sorted(
        (_reminder_row(log=log, today=today) for log in by_deliverable.values()),
        key=lambda row: (not row["escalation"], row["log"].due_date, row["log"].pk),
    )
    overdue = sum(1 for row in rows if row["log"].due_date < today)
    counts = ((overdue, "overdue"), (len(rows) - overdue, "due soon"))
    subject = f"[{len(rows)} reminders] " + ", ".join(f"{n} {what}" for n, what in counts if n)
    # Escalated to the person as the actor's focal point, and not theirs to deliver: the
    # e-mail's intro and footer say so rather than "you are responsible for".
    theirs = {log.deliverable_id for log in logs if not _escalation(log)}
    focal_only = [row for row in rows if row["deliverable"].pk not in theirs]
    first = min(log.pk for log in logs)
    message = outgoing_message(
        subject=subject,
        template="reminders",
        context={
            "recipient": logs[0].recipient,
            "rows": rows,
            "today": today,
            "responsible_count": len(rows) - len(focal_only),
            "focal_count": len(focal_only),
            "focal_of": _and_joined(sorted({str(row["actor"]) for row in focal_only})),
        },
        recipient=logs[0].recipient,
        message_id=f"reminders-{first}-{len(logs)}-{today:%Y%m%d}",
    )
    message.attach(
        f"reminders-{today:%Y-%m-%d}.ics",
        deliverables_ics([row["deliverable"] for row in rows]),
        "text/calendar",
    )
    return message


def reminder_message(*, log: ReminderLog, today: date) -> EmailMultiAlternatives:
    """The e-mail for one reminder: text and HTML parts and the event as .ics."""
    row = _reminder_row(log=log, today=today)
    deliverable = log.deliverable
    message = outgoing_message(
        subject=reminder_subject(deliverable=deliverable, label=row["label"]),
        template="reminder",
        context={**row, "recipient": log.recipient},
        recipient=log.recipient,
        message_id=f"reminder-{log.pk}-{log.reminder.replace(':', '-')}",
    )
    message.attach(
        f"deliverable-{deliverable.uid}.ics",
        deliverable_ics(deliverable),
        "text/calendar",
    )
    return message
