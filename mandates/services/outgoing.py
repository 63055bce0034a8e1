"""Outgoing mail that reminders and digests share: the message, opting out, and the log row
that makes each e-mail go out once (handed to the broker, claimed, sent, marked, retried).

The rows are ReminderLog and DigestLog (one abstract base, ``OutgoingMail``). How "exactly
once" is kept, and the windows that can still duplicate, are described in
mandates/services/reminders.py; what the broker and SMTP server may do is handled here.
"""

from __future__ import annotations

import logging
import re
import smtplib
import socket
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import format_datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import models as db_models
from django.db import transaction
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from mandates.extraction.cleaning import without_bidi_controls
from mandates.models import (
    Contact,
    Deliverable,
    DigestLog,
    OutgoingMail,
    OutgoingStatus,
    ReminderLog,
)
from mandates.services.contacts import contact_undeliverable_mark
from tracker.mail import MessageMaybeAccepted

logger = logging.getLogger(__name__)

Row = TypeVar("Row", bound=OutgoingMail)


class TransientSendError(Exception):
    """The mail server failed in a way worth trying again (4xx, refused, timed out)."""


class BrokerUnavailable(Exception):
    """The broker (Redis) did not take the sending of some reminders; nothing was lost."""


# --- The message ----------------------------------------------------------------------------


def _site_domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "mandates.localhost"


def deliverable_page_url(*, deliverable: Deliverable, reader: Contact | None = None) -> str:
    """The deliverable's page, the one link e-mails and calendars give. For a ``reader``
    (the person an e-mail goes to) it carries a signed token that opens the page to them
    even when it is not public (a proposal, an item kept out of public lists), while they
    are responsible for it (`selectors.deliverable_get_for`): a contact of the actor need
    not have an account."""
    url = settings.SITE_URL + reverse("mandates:deliverable", args=[deliverable.uid])
    if reader is None:
        return url
    payload = {"c": reader.pk, "d": str(deliverable.uid)}
    return f"{url}?{READER_PARAMETER}={signing.dumps(payload, salt=READER_SALT, compress=True)}"


READER_SALT = "mandates.reminders.reader"
READER_PARAMETER = "for"
# How long an e-mail's link keeps opening a page that is not public.
READER_TOKEN_MAX_AGE = timedelta(days=180)


def deliverable_reader(*, token: str, uid: object) -> Contact | None:
    """The contact an e-mail's link to deliverable ``uid`` was for; None when the token is
    forged, damaged, expired, for another deliverable or names a deleted contact."""
    try:
        payload = signing.loads(token, salt=READER_SALT, max_age=READER_TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("d") != str(uid):
        return None
    contact = payload.get("c")
    if not isinstance(contact, int):
        return None
    return Contact.objects.filter(pk=contact, is_active=True).first()


def deliverable_name(*, deliverable: Deliverable) -> str:
    """The deliverable's title, or its kind when it has none."""
    return deliverable.title or deliverable.get_kind_display().capitalize()


def session_as_read(deliverable: Deliverable) -> str:
    """ "at CSW 61": a session read from the text that the calendar cannot date yet."""
    return deliverable.due_session_as_read if deliverable.due_session_not_in_calendar else ""


def outgoing_message(
    *, subject: str, template: str, context: dict, recipient: Contact, message_id: str
) -> EmailMultiAlternatives:
    """The e-mail with its text and HTML parts, a Date in Geneva time (TIME_ZONE) and a
    List-Unsubscribe header (RFC 2369, one-click per RFC 8058) that stops all reminders.
    Without bidirectional controls: a title, quote or name holding one (stored before
    they were refused, or printed in the text) would read reversed."""
    stop_all_url = contact_opt_out_url(contact=recipient)
    context = {**context, "site_url": settings.SITE_URL, "stop_all_url": stop_all_url}
    message = EmailMultiAlternatives(
        subject=without_bidi_controls(subject),
        body=without_bidi_controls(render_to_string(f"emails/{template}.txt", context)),
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
    html = without_bidi_controls(render_to_string(f"emails/{template}.html", context))
    message.attach_alternative(html, "text/html")
    return message


# --- Opting out ----------------------------------------------------------------------------

OPT_OUT_SALT = "mandates.reminders.opt-out"


def contact_opt_out_token(*, contact: Contact, deliverable: Deliverable | None = None) -> str:
    """A signed, unguessable token: this contact, and one deliverable or (None) everything."""
    payload = {"c": contact.pk, "d": str(deliverable.uid) if deliverable else None}
    return signing.dumps(payload, salt=OPT_OUT_SALT, compress=True)


def contact_opt_out_url(*, contact: Contact, deliverable: Deliverable | None = None) -> str:
    """The link (and List-Unsubscribe target) that stops one deliverable's reminders or all."""
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


@dataclass(frozen=True)
class OptOutEarlier:
    """Reminders a link asks to stop that were stopped already: when (None when no history
    record says), and whether from an e-mail's link (else by an editor in the admin)."""

    on: datetime | None
    from_link: bool


def contact_opt_out_earlier(*, opt_out: OptOut) -> OptOutEarlier | None:
    """Whether what the link asks for holds already, and since when (the history record
    that made it so); None when it does not. A link opened again says so rather than ask
    the same question and confirm what changed nothing."""
    contact = opt_out.contact
    if opt_out.deliverable is not None:
        if not opt_out.deliverable.reminder_opt_outs.filter(pk=contact.pk).exists():
            return None
        records = opt_out.deliverable.history.all()
        # the records whose set of opt-outs holds the contact, in one query
        holding = set(
            apps.get_model("mandates", "HistoricalDeliverable_reminder_opt_outs")
            .objects.filter(history__id=opt_out.deliverable.pk, contact_id=contact.pk)
            .values_list("history_id", flat=True)
        )
        holds: Callable[[Any], bool] = lambda record: record.history_id in holding  # noqa: E731
    else:
        if contact.delivery != Contact.Delivery.NONE:
            return None
        records = contact.history.all()
        holds = lambda record: record.delivery == Contact.Delivery.NONE  # noqa: E731
    since = None
    for record in records.order_by("-history_date", "-history_id").iterator(chunk_size=20):
        if not holds(record):
            break
        since = record
    if since is None:  # stopped before the history kept it
        return OptOutEarlier(on=None, from_link=False)
    return OptOutEarlier(on=since.history_date, from_link=since.history_contact_id == contact.pk)


@transaction.atomic
def contact_opt_out(*, opt_out: OptOut) -> OptOutEarlier | None:
    """Stop reminders: for one deliverable ("no reminders for"), or all (delivery "none").
    The history says who did, once: a link followed twice changes nothing and returns
    when they were stopped (None: stopped now). The contact's row is locked, so two
    clicks at once record it once."""
    contact = Contact.objects.select_for_update().get(pk=opt_out.contact.pk)
    opt_out = OptOut(contact=contact, deliverable=opt_out.deliverable)
    earlier = contact_opt_out_earlier(opt_out=opt_out)
    if earlier is not None:
        return earlier
    deliverable = opt_out.deliverable
    if deliverable is not None:
        _by_contact(
            deliverable,
            contact,
            _("Reminders stopped for %(name)s, from the link in a reminder e-mail")
            % {"name": contact.name},
        )
        deliverable.reminder_opt_outs.add(contact)  # simple-history records the new set
        return None
    contact.delivery = Contact.Delivery.NONE
    _by_contact(contact, contact, _("Every reminder stopped, from the link in a reminder e-mail"))
    contact.save(update_fields=["delivery", "updated_at"])  # an open page is stale
    return None


def _by_contact(instance: Contact | Deliverable, contact: Contact, reason: str) -> None:
    """The history record of the change about to be saved says who made it (the admin's
    "Who"): the contact's user when the contact is one, and the contact in any case
    (`HistoryByContact`). The link acts for its owner, not for whoever is signed in on
    that browser (simple-history's default user)."""
    instance._change_reason = reason
    instance._history_contact = contact
    instance._history_user = contact.user  # type: ignore[union-attr]


# --- Handing over to the broker ------------------------------------------------------------


def outgoing_requeue_after() -> timedelta:
    """How long a row may stay queued or sending before it counts as lost."""
    return timedelta(minutes=settings.REMINDER_REQUEUE_AFTER_MINUTES)


def outgoing_requeue_stale(*, model: type[OutgoingMail], stamp: datetime) -> int:
    """Queue again rows left queued (message lost) or sending (worker died) for too long."""
    stale = model.objects.stale(cutoff=stamp - outgoing_requeue_after())
    # One UPDATE: PostgreSQL re-checks the WHERE clause on rows a worker claims meanwhile.
    return stale.update(status=OutgoingStatus.QUEUED, queued_at=stamp)


def broker_errors() -> tuple[type[BaseException], ...]:
    """What handing a task to an unreachable broker raises."""
    from kombu.exceptions import OperationalError
    from redis.exceptions import RedisError

    return (OperationalError, RedisError, ConnectionError)


def outgoing_hand_over_on_commit(
    *,
    model: type[OutgoingMail],
    groups: list[list[int]],
    send: Callable[[list[int]], object],
    undo: Callable[[list[int]], str],
) -> None:
    """After the commit, give each group of rows to the broker (one task per group).

    If the broker fails, the rows not handed over are passed to ``undo`` (in its own
    transaction), which says what it left, and BrokerUnavailable is raised from the commit
    with that: no row is left "queued" with no task behind it until
    REMINDER_REQUEUE_AFTER_MINUTES have passed.
    """

    def hand_over() -> None:
        for index, ids in enumerate(groups):
            try:
                send(ids)
            except broker_errors() as error:
                left = [pk for group in groups[index:] for pk in group]
                with transaction.atomic():
                    left_as = undo(left)
                total = sum(map(len, groups))
                handed = (
                    ""
                    if len(left) == total
                    else f"{total - len(left)} of {total} {model._meta.verbose_name_plural} "
                    f"rows handed over; for the other {len(left)}: "
                )
                raise BrokerUnavailable(
                    f"the broker is unreachable ({type(error).__name__}: {error}); "
                    f"{handed}{left_as}"
                ) from error

    if groups:
        transaction.on_commit(hand_over)


def outgoing_undo_dispatch(*, model: type[OutgoingMail], ids: list[int], stamp: datetime) -> str:
    """Rows a run could not hand over: its own decisions are deleted (the next run decides
    them again); older rows it queued again get their old age back, so the next run finds
    them stale at once. Says what was left, for the person who ran it."""
    rows = model.objects.filter(pk__in=ids, status=OutgoingStatus.QUEUED, queued_at=stamp)
    deleted, _ = rows.filter(decided_at__gte=stamp, attempts=0).delete()
    kept = rows.update(queued_at=db_models.F("decided_at"))
    label = f"{model._meta.verbose_name_plural} rows"
    if not kept:
        return "nothing recorded: run it again once the broker is back"
    return (
        f"{deleted} new {label} not recorded, {kept} left by an earlier run kept waiting: "
        "run it again once the broker is back"
    )


def outgoing_retry(*, model: type[OutgoingMail], ids: Iterable[int]) -> int:
    """Queue failed reminders or digests again (the admin's "retry" action); returns how many.

    A person's reminders go out together, as the daily run sends them. Rows to a contact
    whose address the mail server refused for good stay failed: correct the address first
    (`outgoing_retry_refused` counts them). Raises BrokerUnavailable (the rows stay failed)
    when the broker does not take them.
    """
    from mandates.tasks import digest_send, reminders_send

    with transaction.atomic():
        found = list(
            model.objects.select_for_update(skip_locked=True)
            .filter(pk__in=list(ids), status=OutgoingStatus.FAILED)
            .filter(recipient__undeliverable_since__isnull=True)
            .order_by("pk")
            .values_list("pk", "recipient_id")
        )
        model.objects.filter(pk__in=[pk for pk, _ in found]).update(
            status=OutgoingStatus.QUEUED, queued_at=timezone.now()
        )
        send: Callable[[list[int]], object]
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
            undo=lambda pks: _retry_undo(model=model, ids=pks),
        )
    return len(found)


def outgoing_retry_refused(*, model: type[OutgoingMail], ids: Iterable[int]) -> int:
    """How many of these failed rows `outgoing_retry` leaves: their recipient's address is
    marked refused."""
    failed = model.objects.filter(pk__in=list(ids), status=OutgoingStatus.FAILED)
    return failed.filter(recipient__undeliverable_since__isnull=False).count()


def _retry_undo(*, model: type[OutgoingMail], ids: list[int]) -> str:
    """Retried rows the broker did not take are failed again, as they were."""
    model.objects.filter(pk__in=ids, status=OutgoingStatus.QUEUED).update(
        status=OutgoingStatus.FAILED
    )
    return "they stay failed: choose Retry again once the broker is back"


# --- Sending -----------------------------------------------------------------------------


def outgoing_claim(model: type[Row], pks: Iterable[int], related: Iterable[str] = ()) -> list[Row]:
    """Take the rows for sending and commit; rows another worker has, or done, are left out."""
    now = timezone.now()
    with transaction.atomic():
        rows = list(
            model.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related(*related)
            .filter(pk__in=list(pks))
            .claimable(cutoff=now - outgoing_requeue_after())
            .order_by("pk")
        )
        for row in rows:
            row.take_claim(now=now)
            row.save(update_fields=["status", "claimed_at", "attempts", "last_error"])
    return rows


def outgoing_finish(row: OutgoingMail, status: str, error: str = "", **fields: Any) -> None:
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


# Enhanced status codes (RFC 3463) that speak of the recipient's mailbox: 5.1.x (bad
# mailbox, bad domain, bad syntax, moved) and 5.2.1 (mailbox disabled). Other subjects are
# no verdict on the address: 5.7.x is policy (a relay that refuses us: every address would
# be marked), 5.2.2 a full mailbox, 5.3.x and 5.4.x the system and the network.
_ADDRESS_STATUS = re.compile(r"\s*5\.(?:1\.\d{1,3}|2\.1)\b")
_OTHER_STATUS = re.compile(r"\s*5\.\d{1,3}\.\d{1,3}\b")
# Without an enhanced code: mailbox unavailable, user not local, mailbox name not allowed;
# unless the words say it is the server's policy ("550 Relaying denied. Proper
# authentication required."), which would mark every address.
_ADDRESS_CODES = frozenset({550, 551, 553})
_POLICY_WORDS = re.compile(
    r"relay|auth|polic|spam|block|blacklist|blocklist|reputation|rate limit|not permitted",
    re.IGNORECASE,
)


def smtp_address_refused(error: BaseException) -> str | None:
    """The server's reply ("550 5.1.1 mailbox unavailable") when it refused the recipient's
    address for good, at RCPT: a 5xx reply about the mailbox. None for anything else: a
    temporary refusal (4xx, retried), a refusal of the sender, the message or the
    connection, or a policy refusal (5.7.x), which say nothing about the address."""
    if not isinstance(error, smtplib.SMTPRecipientsRefused) or not error.recipients:
        return None
    replies = []
    for code, text in error.recipients.values():
        said = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
        if not 500 <= code < 600:
            return None
        if _ADDRESS_STATUS.match(said):
            pass
        elif _OTHER_STATUS.match(said) or code not in _ADDRESS_CODES or _POLICY_WORDS.search(said):
            return None
        replies.append(f"{code} {said}".strip())
    return "; ".join(replies)


def outgoing_deliver(
    rows: list[Row], message: EmailMultiAlternatives, retry_in: timedelta | None
) -> None:
    """Send with no transaction open, then mark the rows sent; transient errors put them
    back to queued and raise TransientSendError. A recipient's address refused for good
    marks the contact (`contact_undeliverable_mark`): nothing more is decided for it."""
    kind = type(rows[0]).__name__
    ids = ", ".join(str(row.pk) for row in rows)
    try:
        message.send(fail_silently=False)
    except Exception as error:
        reason = f"{type(error).__name__}: {error}"
        refused = smtp_address_refused(error)
        if isinstance(error, MessageMaybeAccepted):
            reason = (
                f"not sent again: the server may have accepted it ({error}); "
                "check with the recipient before choosing Retry"
            )
        elif refused:
            reason = (
                f"the mail server refused the address for good ({refused}): correct it "
                "in the admin (Contacts), then choose Retry"
            )
        elif not smtp_error_is_transient(error):
            pass
        elif retry_in is not None:
            for row in rows:
                outgoing_finish(
                    row, OutgoingStatus.QUEUED, reason, queued_at=timezone.now() + retry_in
                )
            raise TransientSendError(reason) from error
        else:
            reason = f"gave up after {rows[0].attempts} attempts: {reason}"
        for row in rows:
            outgoing_finish(row, OutgoingStatus.FAILED, reason)
        logger.error("%s %s failed: %s", kind, ids, reason)
        if refused:  # after the rows: their outcome is recorded whatever happens here
            contact_undeliverable_mark(
                contact_id=rows[0].recipient_id, address=message.to[0], error=refused
            )
        return
    # The windows that can still duplicate (see reminders.py's docstring) lie before this UPDATE.
    sent_at = timezone.now()
    for row in rows:
        outgoing_finish(row, OutgoingStatus.SENT, sent_at=sent_at)


# --- Status ------------------------------------------------------------------------------


# What `reminder_status` names a failed row by (not its ids): whom, and for which deliverable.
_FAILED_SHOWN = {
    "reminders": ("recipient", "deliverable__mandate__resolution"),
    "digests": ("recipient",),
}


def outgoing_failed_label(row: OutgoingMail) -> str:
    """ "before:14 of Report on water (A/HRC/RES/58/97, para. 2) to water@ohchr.example.org"."""
    if isinstance(row, DigestLog):
        return f"weekly digest of {row.week} to {row.recipient.email}"
    assert isinstance(row, ReminderLog)
    mandate = row.deliverable.mandate
    where = f"{mandate.resolution.symbol}, para. {mandate.paragraph_label}"
    name = deliverable_name(deliverable=row.deliverable)
    return f"{row.reminder} of {name} ({where}) to {row.recipient.email}"


def outgoing_status_summary() -> dict[str, dict]:
    """Counts per status, the oldest queued and sending rows, the rows waiting to be tried
    again after a transient failure (how many, the next attempt, the newest error) and the
    failed rows, for reminders and digests."""
    summary = {}
    for label, model in _OUTGOING_MODELS:
        counts = dict.fromkeys(OutgoingStatus.values, 0)
        counts.update(
            model.objects.values_list("status").annotate(n=db_models.Count("id")).order_by()
        )
        queued = model.objects.filter(status=OutgoingStatus.QUEUED).order_by("queued_at").first()
        sending = model.objects.filter(status=OutgoingStatus.SENDING).order_by("claimed_at").first()
        retrying = model.objects.filter(status=OutgoingStatus.QUEUED).exclude(last_error="")
        summary[label] = {
            "counts": counts,
            "oldest_queued": queued.queued_at if queued else None,
            "oldest_sending": sending.claimed_at if sending else None,
            "retrying": retrying.count(),
            "next_retry": retrying.order_by("queued_at")
            .values_list("queued_at", flat=True)
            .first(),
            "retry_error": _newest_attempt(retrying).values_list("last_error", flat=True).first(),
            "failed": list(
                model.objects.filter(status=OutgoingStatus.FAILED)
                .select_related(*_FAILED_SHOWN[label])
                .order_by("-queued_at")[:10]
            ),
        }
    return summary


_OUTGOING_MODELS: tuple[tuple[str, type[OutgoingMail]], ...] = (
    ("reminders", ReminderLog),
    ("digests", DigestLog),
)

# How long a failed e-mail makes `manage.py status` fail. Failed rows are never tried again
# on their own (only a person's Retry sends them), so the monitor must be told; a week
# reaches past a weekend or a holiday, and keeps an old failure nobody will act on (its
# moment passed, the next reminder went) from holding the monitor red for good. A person
# settles one sooner with Retry, or by setting its status to skipped in the admin.
FAILED_RECENTLY = timedelta(days=7)


def _newest_attempt(rows: db_models.QuerySet) -> db_models.QuerySet:
    """Rows by their last attempt, newest first (a row never claimed: when it was queued)."""
    return rows.annotate(attempted_at=Coalesce("claimed_at", "queued_at")).order_by(
        "-attempted_at", "-pk"
    )


@dataclass(frozen=True)
class RecentFailures:
    """The e-mails of one kind whose last attempt failed within FAILED_RECENTLY."""

    label: str
    count: int
    newest: OutgoingMail | None


def outgoing_failed_recently(*, now: datetime | None = None) -> list[RecentFailures]:
    """Reminders and digests that failed in the last FAILED_RECENTLY and wait for a person:
    not retried (a retried row is queued again) nor settled (marked skipped or sent). Those
    to a contact whose address is marked refused are left to that mark, which `status`
    reports once, with what to do (`contacts.contact_list_undeliverable`); once the mark
    is lifted (the address corrected), they count again, to be retried."""
    since = (now or timezone.now()) - FAILED_RECENTLY
    found = []
    for label, model in _OUTGOING_MODELS:
        rows = _newest_attempt(
            model.objects.filter(status=OutgoingStatus.FAILED)
            .exclude(recipient__undeliverable_since__isnull=False)
            .select_related(*_FAILED_SHOWN[label])
        ).filter(attempted_at__gte=since)
        newest = rows.first()
        found.append(
            RecentFailures(label=label, count=rows.count() if newest else 0, newest=newest)
        )
    return found


@dataclass(frozen=True)
class LeftSending:
    """The e-mails of one kind claimed by a worker longer ago than
    REMINDER_REQUEUE_AFTER_MINUTES and still "sending": the worker died (killed, out of
    memory, the machine restarted) before it marked them."""

    label: str
    count: int
    oldest: OutgoingMail | None


def outgoing_left_sending(*, now: datetime | None = None) -> list[LeftSending]:
    """Reminders and digests left "sending" past REMINDER_REQUEUE_AFTER_MINUTES. Nothing
    sends them until the next daily run (or `send_reminders`) queues them again, or the
    broker delivers the task again (its visibility timeout, an hour), so `status` says so."""
    cutoff = (now or timezone.now()) - outgoing_requeue_after()
    found = []
    for label, model in _OUTGOING_MODELS:
        rows = (
            model.objects.filter(status=OutgoingStatus.SENDING, claimed_at__lt=cutoff)
            .select_related(*_FAILED_SHOWN[label])
            .order_by("claimed_at", "pk")
        )
        oldest = rows.first()
        found.append(LeftSending(label=label, count=rows.count() if oldest else 0, oldest=oldest))
    return found
