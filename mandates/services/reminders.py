"""Reminders: which are due today, who gets them, and the log that makes each go out once.

How "exactly once" is kept:

1. ``reminder_dispatch_due`` decides, in ONE transaction, the reminders due today and inserts
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
"""

from __future__ import annotations

import logging
import smtplib
import socket
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import format_datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import models as db_models
from django.db import transaction
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from mandates.models import (
    Actor,
    Contact,
    Deliverable,
    DigestLog,
    OutgoingStatus,
    ReminderLog,
    ReminderPolicy,
    ReminderRule,
    ReviewStatus,
)
from mandates.services.feeds import deliverable_ics, deliverables_ics
from tracker.mail import MessageMaybeAccepted

logger = logging.getLogger(__name__)

CLOSED_PROGRESS = [
    Deliverable.Progress.SUBMITTED,
    Deliverable.Progress.ISSUED,
    Deliverable.Progress.CANCELLED,
    Deliverable.Progress.SUPERSEDED,
    Deliverable.Progress.NOT_DELIVERABLE,
]
BATCH_SIZE = 2000


class TransientSendError(Exception):
    """The mail server failed in a way worth trying again (4xx, refused, timed out)."""


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
    marked historic and never reminded. The policy is read (`policy_get`) only when one is
    overdue. Returns how many it marked."""
    today = today or timezone.localdate()
    overdue = [
        deliverable
        for deliverable in deliverables
        if not deliverable.is_historic
        and deliverable.due_date is not None
        and deliverable.due_date < today
    ]
    if not overdue:  # the common case, without reading the policy
        return 0
    cutoff = today - timedelta(days=policy_get().historic_after_days_overdue)
    marked = [deliverable for deliverable in overdue if deliverable.due_date < cutoff]
    for deliverable in marked:
        deliverable.is_historic = True
    return len(marked)


# --- Stages: no second reminder of a stage when a date is corrected -------------------------


def reminder_stage_interval(*, key: str, policy: Policy) -> int:
    """Days before a reminder of this stage may go to the same person again for the same
    deliverable, whatever its due date: the gap to the next stage of the schedule
    ("before:14" -> 7 with offsets 14 and 7; "overdue:*" -> every N days; escalation -> the
    escalation threshold)."""
    kind, _, days = key.partition(":")
    if kind == "before":
        lower = [offset for offset in policy.offsets if offset < int(days)]
        return max(int(days) - max(lower, default=0), 1)
    if kind == "overdue":
        return max(policy.overdue_every_days, 1)
    return max(policy.escalate_after_days_overdue, 1)


def _urgency(key: str) -> int:
    """Later stages are more urgent: before:60 < before:1 < overdue:7 < overdue:14."""
    kind, _, days = key.partition(":")
    return -int(days) if kind == "before" else int(days)


def _family(key: str) -> str:
    return "escalation" if key.startswith("escalation:") else "reminder"


def reminder_already_given(
    *, key: str, today: date, earlier: Iterable[tuple[str, date]], policy: Policy
) -> bool:
    """Whether the person already got this stage, or a more urgent one, for this deliverable
    within the stage's interval, for any due date (a corrected date is not news at the same
    stage; a date moved closer, to a more urgent stage, is)."""
    interval = reminder_stage_interval(key=key, policy=policy)
    return any(
        _family(other) == _family(key)
        and _urgency(other) >= _urgency(key)
        and (today - day).days < interval
        for other, day in earlier
    )


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
    delivery = dict(
        Contact.objects.filter(is_active=True)
        .filter(
            Q(id__in=assigned.values("contact_id"))
            | Q(id__in=actor_links.values("contact_id"))
            | Q(focal_point_for__in=actor_ids)
        )
        .values_list("id", "delivery")
        .distinct()
    )
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
        contact_id = focal.get(actor_id)
        if contact_id in delivery and (deliverable_id, contact_id) not in opted_out:
            focal_point[deliverable_id] = contact_id
    return Audience(responsible=responsible, focal_point=focal_point, delivery=delivery)


def _planned(
    *, deliverables: QuerySet[Deliverable], today: date, policy: Policy
) -> list[tuple[int, int, str, date]]:
    """(deliverable, recipient, reminder, due date) for every immediate reminder due today."""
    audience = deliverable_audience(deliverables=deliverables)
    immediate = Contact.Delivery.IMMEDIATE
    planned = []
    for deliverable_id, due_date in deliverables.values_list("id", "due_date"):
        key = reminder_key_for(due_date=due_date, today=today, policy=policy)
        if key:
            for contact_id in audience.responsible.get(deliverable_id, []):
                if audience.delivery[contact_id] == immediate:
                    planned.append((deliverable_id, contact_id, key, due_date))
        escalation = escalation_key_for(due_date=due_date, today=today, policy=policy)
        contact_id = audience.focal_point.get(deliverable_id)
        if escalation and contact_id and audience.delivery[contact_id] == immediate:
            planned.append((deliverable_id, contact_id, escalation, due_date))
    return planned


def _candidates(*, today: date, policy: Policy) -> QuerySet[Deliverable]:
    """Remindable deliverables close enough to their due date (or past it) to need one."""
    horizon = today + timedelta(days=max(policy.offsets, default=0))
    return deliverable_list_remindable().filter(due_date__lte=horizon).order_by()


# --- Deciding ----------------------------------------------------------------------------


def _requeue_after() -> timedelta:
    return timedelta(minutes=settings.REMINDER_REQUEUE_AFTER_MINUTES)


def outgoing_requeue_stale(*, model: type[db_models.Model], stamp: datetime) -> int:
    """Queue again rows left queued (message lost) or sending (worker died) for too long."""
    cutoff = stamp - _requeue_after()
    stale = model.objects.filter(
        Q(status=OutgoingStatus.QUEUED, queued_at__lt=cutoff)
        | Q(status=OutgoingStatus.SENDING, claimed_at__lt=cutoff)
    )
    # One UPDATE: PostgreSQL re-checks the WHERE clause on rows a worker claims meanwhile.
    return stale.update(status=OutgoingStatus.QUEUED, queued_at=stamp)


def reminder_dispatch_due(*, today: date, dry_run: bool = False) -> list[ReminderLog]:
    """Record the reminders due today and hand their sending to the broker after the commit.

    Returns the rows queued by this run: new ones and stale ones queued again. With
    ``dry_run`` nothing is written and the unsaved rows that would be created are returned.
    Raises BrokerUnavailable when the broker refuses the sending; what it did not take is
    then undone (this run's decisions deleted, older rows left stale), so a re-run queues it.
    """
    policy = reminder_policy_get()
    if dry_run:
        return _dispatch_preview(today=today, policy=policy)
    from mandates.tasks import digest_send, reminders_send

    stamp = timezone.now()
    with transaction.atomic():
        candidates = _candidates(today=today, policy=policy)
        # Sorted: concurrent runs insert the same keys in the same order, so they never deadlock.
        planned = _planned(deliverables=candidates, today=today, policy=policy)
        new = sorted(_new_reminders(deliverables=candidates, planned=planned, today=today))
        ReminderLog.objects.bulk_create(
            (
                ReminderLog(
                    deliverable_id=deliverable_id,
                    recipient_id=recipient_id,
                    reminder=key,
                    due_date=due_date,
                    queued_at=stamp,
                )
                for deliverable_id, recipient_id, key, due_date in new
            ),
            batch_size=BATCH_SIZE,
            ignore_conflicts=True,  # decided meanwhile by a concurrent run
        )
        outgoing_requeue_stale(model=ReminderLog, stamp=stamp)
        # Rows another run inserted first keep that run's stamp: each row is queued by one run.
        queued = list(
            ReminderLog.objects.filter(status=OutgoingStatus.QUEUED, queued_at=stamp).order_by(
                "due_date", "deliverable_id", "recipient_id"
            )
        )
        # One e-mail per person and day: each task sends one recipient's reminders together.
        by_recipient: dict[int, list[int]] = defaultdict(list)
        for log in queued:
            by_recipient[log.recipient_id].append(log.pk)
        outgoing_hand_over_on_commit(
            model=ReminderLog,
            groups=list(by_recipient.values()),
            send=lambda ids: reminders_send.delay(ids, today.isoformat()),
            undo=lambda ids: _undo_dispatch(model=ReminderLog, ids=ids, stamp=stamp),
        )
        if outgoing_requeue_stale(model=DigestLog, stamp=stamp):
            digest_ids = DigestLog.objects.filter(
                status=OutgoingStatus.QUEUED, queued_at=stamp
            ).values_list("id", flat=True)
            outgoing_hand_over_on_commit(
                model=DigestLog,
                groups=[[pk] for pk in digest_ids],
                send=lambda ids: digest_send.delay(ids[0]),
                undo=lambda ids: _undo_dispatch(model=DigestLog, ids=ids, stamp=stamp),
            )
    logger.info("reminders for %s: %d queued", today, len(queued))
    return queued


# --- Handing over to the broker ------------------------------------------------------------


class BrokerUnavailable(Exception):
    """The broker (Redis) did not take the sending of some reminders; nothing was lost."""


def _broker_errors() -> tuple[type[BaseException], ...]:
    from kombu.exceptions import OperationalError
    from redis.exceptions import RedisError

    return (OperationalError, RedisError, ConnectionError)


def outgoing_hand_over_on_commit(
    *,
    model: type[db_models.Model],
    groups: list[list[int]],
    send: Callable[[list[int]], object],
    undo: Callable[[list[int]], None],
) -> None:
    """After the commit, give each group of rows to the broker (one task per group).

    If the broker fails, the rows not handed over are passed to ``undo`` (in its own
    transaction) and BrokerUnavailable is raised from the commit: no row is left "queued"
    with no task behind it until REMINDER_REQUEUE_AFTER_MINUTES have passed.
    """

    def hand_over() -> None:
        for index, ids in enumerate(groups):
            try:
                send(ids)
            except _broker_errors() as error:
                left = [pk for group in groups[index:] for pk in group]
                with transaction.atomic():
                    undo(left)
                label = model._meta.verbose_name_plural
                raise BrokerUnavailable(
                    f"the broker is unreachable ({type(error).__name__}: {error}); "
                    f"{len(left)} of {sum(map(len, groups))} {label} rows were not queued "
                    "and will be queued by the next run"
                ) from error

    if groups:
        transaction.on_commit(hand_over)


def _undo_dispatch(*, model: type[db_models.Model], ids: list[int], stamp: datetime) -> None:
    """Rows a run could not hand over: its own decisions are deleted (the next run decides
    them again); older rows it queued again get their old age back, so the next run finds
    them stale at once."""
    rows = model.objects.filter(pk__in=ids, status=OutgoingStatus.QUEUED, queued_at=stamp)
    rows.filter(decided_at__gte=stamp, attempts=0).delete()
    rows.update(queued_at=db_models.F("decided_at"))


def _existing_keys(
    *, deliverables: QuerySet[Deliverable], planned: list[tuple[int, int, str, date]]
) -> set[tuple[int, int, str, date]]:
    """Keys among today's that earlier runs already recorded (one query; spares the inserts)."""
    return set(
        ReminderLog.objects.filter(
            deliverable_id__in=deliverables.values("id"),
            reminder__in={key for _, _, key, _ in planned},
        ).values_list("deliverable_id", "recipient_id", "reminder", "due_date")
    )


def _new_reminders(
    *, deliverables: QuerySet[Deliverable], planned: list[tuple[int, int, str, date]], today: date
) -> set[tuple[int, int, str, date]]:
    """Today's planned reminders, less those recorded already and those whose stage the
    person was sent recently for another due date (one query for the recent ones)."""
    policy = reminder_policy_get()
    new = set(planned) - _existing_keys(deliverables=deliverables, planned=planned)
    if not new:
        return new
    longest = max(reminder_stage_interval(key=key, policy=policy) for _, _, key, _ in new)
    earlier: dict[tuple[int, int], list[tuple[str, date]]] = defaultdict(list)
    # Only what went out counts: a row still queued for the old date is skipped when sent.
    recent = ReminderLog.objects.filter(
        deliverable_id__in=deliverables.values("id"),
        status=OutgoingStatus.SENT,
        sent_at__gte=timezone.now() - timedelta(days=longest + 1),
    ).values_list("deliverable_id", "recipient_id", "reminder", "sent_at")
    for deliverable_id, recipient_id, key, sent_at in recent:
        earlier[(deliverable_id, recipient_id)].append((key, timezone.localdate(sent_at)))
    return {
        row
        for row in new
        if not reminder_already_given(
            key=row[2], today=today, earlier=earlier.get((row[0], row[1]), []), policy=policy
        )
    }


def _dispatch_preview(*, today: date, policy: Policy) -> list[ReminderLog]:
    candidates = _candidates(today=today, policy=policy)
    planned = _planned(deliverables=candidates, today=today, policy=policy)
    new = sorted(_new_reminders(deliverables=candidates, planned=planned, today=today))
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


def _claim(model: type[db_models.Model], pks: Iterable[int], related: Iterable[str] = ()):
    """Take the rows for sending and commit; rows another worker has, or done, are left out."""
    now = timezone.now()
    with transaction.atomic():
        rows = list(
            model.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related(*related)
            .filter(pk__in=list(pks))
            .filter(
                Q(status=OutgoingStatus.QUEUED)
                | Q(status=OutgoingStatus.SENDING, claimed_at__lt=now - _requeue_after())
            )
            .order_by("pk")
        )
        for row in rows:
            if row.status == OutgoingStatus.SENDING:
                row.last_error = (
                    f"took over a claim from {row.claimed_at:%Y-%m-%d %H:%M} (worker lost)"
                )
            row.status = OutgoingStatus.SENDING
            row.claimed_at = now
            row.attempts += 1
            row.save(update_fields=["status", "claimed_at", "attempts", "last_error"])
    return rows


def _finish(row, status: str, error: str = "", **fields) -> None:
    """Record the outcome, unless a worker took over the claim meanwhile."""
    updated = (
        type(row)
        .objects.filter(pk=row.pk, status=OutgoingStatus.SENDING, claimed_at=row.claimed_at)
        .update(status=status, last_error=error[:2000], **fields)
    )
    if not updated:
        logger.warning("%s %s changed hands while sending", type(row).__name__, row.pk)
    row.status = status
    row.last_error = error
    for name, value in fields.items():
        setattr(row, name, value)


def smtp_error_is_transient(error: BaseException) -> bool:
    """4xx replies, refused or dropped connections and timeouts are worth trying again --
    unless the message had been handed over already (it may have been accepted)."""
    if isinstance(error, MessageMaybeAccepted):
        return False
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return any(400 <= code < 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    return isinstance(
        error, smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError | socket.timeout | OSError
    )


def _deliver(rows: list, message: EmailMultiAlternatives, retry_in: timedelta | None) -> None:
    """Send with no transaction open, then mark the rows sent; transient errors put them
    back to queued and raise TransientSendError."""
    kind = type(rows[0]).__name__
    ids = ", ".join(str(row.pk) for row in rows)
    try:
        message.send(fail_silently=False)
    except Exception as error:
        reason = f"{type(error).__name__}: {error}"
        if isinstance(error, MessageMaybeAccepted):
            reason = (
                f"not sent again: the server may have accepted it ({error}); "
                "check with the recipient before choosing Retry"
            )
        elif not smtp_error_is_transient(error):
            pass
        elif retry_in is not None:
            for row in rows:
                _finish(row, OutgoingStatus.QUEUED, reason, queued_at=timezone.now() + retry_in)
            raise TransientSendError(reason) from error
        else:
            reason = f"gave up after {rows[0].attempts} attempts: {reason}"
        for row in rows:
            _finish(row, OutgoingStatus.FAILED, reason)
        logger.error("%s %s failed: %s", kind, ids, reason)
        return
    # The windows that can still duplicate (see the module docstring) lie before this UPDATE.
    sent_at = timezone.now()
    for row in rows:
        _finish(row, OutgoingStatus.SENT, sent_at=sent_at)


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
    logs = _claim(ReminderLog, reminder_ids, related=REMINDER_RELATED)
    by_recipient: dict[int, list[ReminderLog]] = defaultdict(list)
    for log in logs:
        reason = reminder_invalid_reason(log=log, today=today)
        if reason:
            _finish(log, OutgoingStatus.SKIPPED, reason)
            logger.info("reminder %s skipped: %s", log.pk, reason)
        else:
            by_recipient[log.recipient_id].append(log)
    transient: list[TransientSendError] = []
    for group in by_recipient.values():
        try:
            message = reminders_message(logs=group, today=today)
        except Exception as error:  # a bug or broken data: show it in the admin, do not loop
            for log in group:
                _finish(log, OutgoingStatus.FAILED, f"could not build the e-mail: {error!r}")
            logger.exception("reminders %s could not be built", [log.pk for log in group])
            continue
        try:
            _deliver(group, message, retry_in)
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


def _site_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "mandates.localhost"


def deliverable_page_url(*, deliverable: Deliverable) -> str:
    """The deliverable's public page, the one link e-mails and calendars give."""
    return settings.SITE_URL + reverse("mandates:deliverable", args=[deliverable.uid])


def deliverable_name(*, deliverable: Deliverable) -> str:
    """The deliverable's title, or its kind when it has none."""
    return deliverable.title or deliverable.get_kind_display().capitalize()


def reminder_subject(*, deliverable: Deliverable, label: str) -> str:
    """ "[Due in 14 days] Report of ... - HRC 65 (A/HRC/RES/59/3, para. 35)"."""
    mandate = deliverable.mandate
    subject = f"[{label}] {deliverable_name(deliverable=deliverable)}"
    if deliverable.due_session_id:
        subject += f" - {deliverable.due_session}"
    elif deliverable.due_session_not_in_calendar:
        subject += f" - {deliverable.due_session_as_read}"
    subject += f" ({mandate.resolution.symbol}, para. {mandate.paragraph_label})"
    return " ".join(subject.split())


def _message(
    *, subject: str, template: str, context: dict, recipient: Contact, message_id: str
) -> EmailMultiAlternatives:
    """The e-mail with its text and HTML parts, a Date in Geneva time (TIME_ZONE) and a
    List-Unsubscribe header (RFC 2369, one-click per RFC 8058) that stops all reminders."""
    stop_all_url = contact_opt_out_url(contact=recipient)
    context = {**context, "site_url": settings.SITE_URL, "stop_all_url": stop_all_url}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"emails/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        headers={
            "Date": format_datetime(timezone.localtime()),
            # The same Message-ID on every attempt: a duplicate shows once in most mail stores.
            "Message-ID": f"<{message_id}@{_site_domain()}>",
            "Auto-Submitted": "auto-generated",
            "List-Unsubscribe": f"<{stop_all_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string(f"emails/{template}.html", context), "text/html")
    return message


def _session_as_read(deliverable: Deliverable) -> str:
    """ "at CSW 61": a session read from the text that the calendar cannot date yet."""
    return deliverable.due_session_as_read if deliverable.due_session_not_in_calendar else ""


def _reminder_row(*, log: ReminderLog, today: date) -> dict:
    """What an e-mail says about one reminder."""
    deliverable = log.deliverable
    escalation = log.reminder.startswith("escalation:")
    return {
        "log": log,
        "deliverable": deliverable,
        "name": deliverable_name(deliverable=deliverable),
        "mandate": deliverable.mandate,
        "resolution": deliverable.mandate.resolution,
        "actor": deliverable.mandate.actor or deliverable.mandate.actor_text,
        "session": deliverable.due_session,
        "session_as_read": _session_as_read(deliverable),
        "quote": deliverable.quote or deliverable.mandate.quote,
        "label": reminder_label(due_date=log.due_date, today=today, escalation=escalation),
        "escalation": escalation,
        "page_url": deliverable_page_url(deliverable=deliverable),
        "stop_url": contact_opt_out_url(contact=log.recipient, deliverable=deliverable),
    }


def reminders_message(*, logs: list[ReminderLog], today: date) -> EmailMultiAlternatives:
    """One person's reminders of the day: the single-reminder e-mail for one, a list for more."""
    if len(logs) == 1:
        return reminder_message(log=logs[0], today=today)
    rows = sorted(
        (_reminder_row(log=log, today=today) for log in logs),
        key=lambda row: (not row["escalation"], row["log"].due_date, row["log"].pk),
    )
    overdue = sum(1 for row in rows if row["log"].due_date < today)
    subject = f"[{len(rows)} reminders] {overdue} overdue, {len(rows) - overdue} due soon"
    first = min(log.pk for log in logs)
    message = _message(
        subject=subject,
        template="reminders",
        context={"recipient": logs[0].recipient, "rows": rows, "today": today},
        recipient=logs[0].recipient,
        message_id=f"reminders-{first}-{len(logs)}-{today:%Y%m%d}",
    )
    message.attach(
        f"reminders-{today:%Y-%m-%d}.ics",
        deliverables_ics([log.deliverable for log in logs]),
        "text/calendar",
    )
    return message


def reminder_message(*, log: ReminderLog, today: date) -> EmailMultiAlternatives:
    """The e-mail for one reminder: text and HTML parts and the event as .ics."""
    row = _reminder_row(log=log, today=today)
    deliverable = log.deliverable
    message = _message(
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


# --- Opting out ----------------------------------------------------------------------------

OPT_OUT_SALT = "mandates.reminders.opt-out"


def contact_opt_out_token(*, contact: Contact, deliverable: Deliverable | None = None) -> str:
    """A signed, unguessable token: this contact, and one deliverable or (None) everything."""
    payload = {"c": contact.pk, "d": str(deliverable.uid) if deliverable else None}
    return signing.dumps(payload, salt=OPT_OUT_SALT, compress=True)


def contact_opt_out_url(*, contact: Contact, deliverable: Deliverable | None = None) -> str:
    token = contact_opt_out_token(contact=contact, deliverable=deliverable)
    return settings.SITE_URL + reverse("mandates:reminder_opt_out", args=[token])


@dataclass(frozen=True)
class OptOut:
    contact: Contact
    deliverable: Deliverable | None  # None: every reminder and digest


def contact_opt_out_read(*, token: str) -> OptOut | None:
    """What a token asks for; None when it is forged, damaged, or names a deleted row."""
    try:
        payload = signing.loads(token, salt=OPT_OUT_SALT)
    except signing.BadSignature:
        return None
    contact = Contact.objects.filter(pk=payload.get("c")).first()
    if contact is None:
        return None
    if payload.get("d") is None:
        return OptOut(contact=contact, deliverable=None)
    deliverable = Deliverable.objects.filter(uid=payload["d"]).first()
    return OptOut(contact=contact, deliverable=deliverable) if deliverable else None


def contact_opt_out(*, opt_out: OptOut) -> None:
    """Stop reminders: for one deliverable ("no reminders for"), or all (delivery "none")."""
    if opt_out.deliverable is not None:
        opt_out.deliverable.reminder_opt_outs.add(opt_out.contact)
        return
    contact = opt_out.contact
    if contact.delivery != Contact.Delivery.NONE:
        contact.delivery = Contact.Delivery.NONE
        contact.save(update_fields=["delivery"])


def outgoing_retry(*, model: type[db_models.Model], ids: Iterable[int]) -> int:
    """Queue failed reminders or digests again (the admin's "retry" action); returns how many.

    A person's reminders go out together, as the daily run sends them. Raises
    BrokerUnavailable (the rows stay failed) when the broker does not take them.
    """
    from mandates.tasks import digest_send, reminders_send

    with transaction.atomic():
        found = list(
            model.objects.select_for_update(skip_locked=True)
            .filter(pk__in=list(ids), status=OutgoingStatus.FAILED)
            .order_by("pk")
            .values_list("pk", "recipient_id")
        )
        model.objects.filter(pk__in=[pk for pk, _ in found]).update(
            status=OutgoingStatus.QUEUED, queued_at=timezone.now()
        )
        if model is ReminderLog:
            by_recipient: dict[int, list[int]] = defaultdict(list)
            for pk, recipient_id in found:
                by_recipient[recipient_id].append(pk)
            groups = list(by_recipient.values())
            send = lambda pks: reminders_send.delay(pks)  # noqa: E731
        else:
            groups = [[pk] for pk, _ in found]
            send = lambda pks: digest_send.delay(pks[0])  # noqa: E731
        outgoing_hand_over_on_commit(
            model=model,
            groups=groups,
            send=send,
            undo=lambda pks: model.objects.filter(pk__in=pks, status=OutgoingStatus.QUEUED).update(
                status=OutgoingStatus.FAILED
            ),
        )
    return len(found)


def reminder_retry(*, reminder_ids: Iterable[int]) -> int:
    """Queue failed reminders again; returns how many."""
    return outgoing_retry(model=ReminderLog, ids=reminder_ids)


def digest_retry(*, digest_ids: Iterable[int]) -> int:
    """Queue failed digests again; returns how many."""
    return outgoing_retry(model=DigestLog, ids=digest_ids)


# --- Weekly digest -----------------------------------------------------------------------


@dataclass
class DigestItems:
    """What one person's digest lists."""

    upcoming: list[Deliverable]
    overdue: list[Deliverable]
    escalated: list[Deliverable]

    def __len__(self) -> int:
        return len(self.upcoming) + len(self.overdue) + len(self.escalated)


def digest_items_by_contact(
    *, today: date, contact_ids: Iterable[int] | None = None
) -> dict[int, DigestItems]:
    """For each digest reader, what is due within the horizon, overdue, or escalated to them."""
    policy = reminder_policy_get()
    deliverables = (
        deliverable_list_remindable()
        .filter(due_date__lte=today + timedelta(days=policy.digest_horizon_days))
        .select_related("mandate__resolution", "due_session__body", "due_body")
        .order_by("due_date", "id")
    )
    audience = deliverable_audience(deliverables=deliverables.order_by())
    wanted = {
        c
        for c, delivery in audience.delivery.items()
        if delivery == Contact.Delivery.DIGEST and (contact_ids is None or c in set(contact_ids))
    }
    items: dict[int, DigestItems] = defaultdict(lambda: DigestItems([], [], []))
    for deliverable in deliverables:
        for contact_id in audience.responsible.get(deliverable.pk, []):
            if contact_id in wanted:
                target = items[contact_id]
                (target.overdue if deliverable.due_date < today else target.upcoming).append(
                    deliverable
                )
        focal = audience.focal_point.get(deliverable.pk)
        if focal in wanted and escalation_key_for(
            due_date=deliverable.due_date, today=today, policy=policy
        ):
            items[focal].escalated.append(deliverable)
    return dict(items)


def digest_send_weekly(*, today: date) -> list[DigestLog]:
    """Record this week's digest for each digest reader with something to read; queue them."""
    from mandates.tasks import digest_send

    week = today - timedelta(days=today.weekday())
    stamp = timezone.now()
    with transaction.atomic():
        items = digest_items_by_contact(today=today)
        DigestLog.objects.bulk_create(
            (
                DigestLog(recipient_id=c, week=week, item_count=len(found), queued_at=stamp)
                for c, found in items.items()
                if len(found)
            ),
            ignore_conflicts=True,
        )
        queued = list(
            DigestLog.objects.filter(
                status=OutgoingStatus.QUEUED, queued_at=stamp, week=week
            ).select_related("recipient")
        )
        outgoing_hand_over_on_commit(
            model=DigestLog,
            groups=[[digest.pk] for digest in queued],
            send=lambda ids: digest_send.delay(ids[0]),
            undo=lambda ids: _undo_dispatch(model=DigestLog, ids=ids, stamp=stamp),
        )
    return queued


def digest_send(*, digest_id: int, retry_in: timedelta | None = None) -> DigestLog | None:
    """Claim, build (with today's data), send and mark one weekly digest."""
    claimed = _claim(DigestLog, [digest_id], related=["recipient"])
    if not claimed:
        return None
    digest = claimed[0]
    today = max(digest.week, timezone.localdate())
    recipient = digest.recipient
    if not recipient.is_active or recipient.delivery != Contact.Delivery.DIGEST:
        _finish(digest, OutgoingStatus.SKIPPED, "the recipient is inactive or left the digest")
        return digest
    items = digest_items_by_contact(today=today, contact_ids=[recipient.pk]).get(recipient.pk)
    if not items:
        _finish(digest, OutgoingStatus.SKIPPED, "nothing to report any more")
        return digest
    try:
        message = digest_message(digest=digest, items=items, today=today)
    except Exception as error:
        _finish(digest, OutgoingStatus.FAILED, f"could not build the e-mail: {error!r}")
        logger.exception("digest %s could not be built", digest.pk)
        return digest
    _deliver([digest], message, retry_in)
    return digest


def digest_message(*, digest: DigestLog, items: DigestItems, today: date) -> EmailMultiAlternatives:
    """The weekly digest e-mail: what is due soon and what is overdue, with links."""

    def rows(deliverables: list[Deliverable]) -> list[dict]:
        return [
            {
                "deliverable": d,
                "name": deliverable_name(deliverable=d),
                "label": reminder_label(due_date=d.due_date, today=today),
                "resolution": d.mandate.resolution,
                "paragraph": d.mandate.paragraph_label,
                "session": d.due_session,
                "session_as_read": _session_as_read(d),
                "page_url": deliverable_page_url(deliverable=d),
            }
            for d in deliverables
        ]

    policy = reminder_policy_get()
    context = {
        "recipient": digest.recipient,
        "week": digest.week,
        "today": today,
        "horizon": policy.digest_horizon_days,
        "upcoming": rows(items.upcoming),
        "overdue": rows(items.overdue),
        "escalated": rows(items.escalated),
    }
    subject = (
        f"[Weekly digest] {len(items.upcoming)} due within {policy.digest_horizon_days} days, "
        f"{len(items.overdue) + len(items.escalated)} overdue - week of {digest.week:%d %B %Y}"
    )
    return _message(
        subject=subject,
        template="digest",
        context=context,
        recipient=digest.recipient,
        message_id=f"digest-{digest.pk}-{digest.week:%Y%m%d}",
    )


# --- Status ------------------------------------------------------------------------------


def reminder_status_summary() -> dict[str, dict]:
    """Counts per status and the oldest queued and sending rows, for reminders and digests."""
    summary = {}
    for label, model in (("reminders", ReminderLog), ("digests", DigestLog)):
        counts = dict.fromkeys(OutgoingStatus.values, 0)
        counts.update(
            model.objects.values_list("status").annotate(n=db_models.Count("id")).order_by()
        )
        queued = model.objects.filter(status=OutgoingStatus.QUEUED).order_by("queued_at").first()
        sending = model.objects.filter(status=OutgoingStatus.SENDING).order_by("claimed_at").first()
        summary[label] = {
            "counts": counts,
            "oldest_queued": queued.queued_at if queued else None,
            "oldest_sending": sending.claimed_at if sending else None,
            "failed": list(
                model.objects.filter(status=OutgoingStatus.FAILED).order_by("-queued_at")[:10]
            ),
        }
    return summary
