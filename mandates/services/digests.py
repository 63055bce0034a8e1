"""The weekly digest: one e-mail per person who chose it, listing what is due within the
policy's horizon, what is overdue and what was escalated to them.

Recorded once per person and week (DigestLog), queued on Monday and sent like a reminder
(mandates/services/outgoing.py); the daily reminder run queues again a digest left stale.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django.utils.dateformat import format as date_format

from mandates.models import (
    BY_DUE_DATE,
    Contact,
    Deliverable,
    DigestLog,
    OutgoingStatus,
    ReviewStatus,
    review_shown,
)
from mandates.services.outgoing import (
    deliverable_name,
    deliverable_page_url,
    outgoing_claim,
    outgoing_deliver,
    outgoing_finish,
    outgoing_hand_over_on_commit,
    outgoing_message,
    outgoing_undo_dispatch,
    session_as_read,
)
from mandates.services.reminders import (
    deliverable_audience,
    deliverable_list_remindable,
    escalation_key_for,
    reminder_label,
    reminder_policy_get,
)

logger = logging.getLogger(__name__)


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
        .order_by(*BY_DUE_DATE)
    )
    audience = deliverable_audience(deliverables=deliverables.order_by())
    wanted = {
        c
        for c, delivery in audience.delivery.items()
        if delivery == Contact.Delivery.DIGEST
        and c not in audience.undeliverable  # its address was refused for good
        and (contact_ids is None or c in set(contact_ids))
    }
    items: dict[int, DigestItems] = defaultdict(lambda: DigestItems([], [], []))
    for deliverable in deliverables:
        due_date = deliverable.due_date
        if due_date is None:  # remindable deliverables are dated
            continue
        for contact_id in audience.responsible.get(deliverable.pk, []):
            if contact_id in wanted:
                target = items[contact_id]
                (target.overdue if due_date < today else target.upcoming).append(deliverable)
        focal = audience.focal_point.get(deliverable.pk)
        if focal in wanted and escalation_key_for(due_date=due_date, today=today, policy=policy):
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
            undo=lambda ids: outgoing_undo_dispatch(model=DigestLog, ids=ids, stamp=stamp),
        )
    return queued


def digest_send(*, digest_id: int, retry_in: timedelta | None = None) -> DigestLog | None:
    """Claim, build (with today's data), send and mark one weekly digest."""
    claimed = outgoing_claim(DigestLog, [digest_id], related=["recipient"])
    if not claimed:
        return None
    digest = claimed[0]
    today = max(digest.week, timezone.localdate())
    recipient = digest.recipient
    if not recipient.is_active or recipient.delivery != Contact.Delivery.DIGEST:
        outgoing_finish(
            digest, OutgoingStatus.SKIPPED, "the recipient is inactive or left the digest"
        )
        return digest
    if recipient.undeliverable_since is not None:
        outgoing_finish(
            digest,
            OutgoingStatus.SKIPPED,
            f"the mail server refused {recipient.email} for good "
            f"({recipient.undeliverable_error}): correct the address in the admin (Contacts)",
        )
        return digest
    items = digest_items_by_contact(today=today, contact_ids=[recipient.pk]).get(recipient.pk)
    if not items:
        outgoing_finish(digest, OutgoingStatus.SKIPPED, "nothing to report any more")
        return digest
    try:
        message = digest_message(digest=digest, items=items, today=today)
    except Exception as error:
        outgoing_finish(digest, OutgoingStatus.FAILED, f"could not build the e-mail: {error!r}")
        logger.exception("digest %s could not be built", digest.pk)
        return digest
    outgoing_deliver([digest], message, retry_in)
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
                "session_as_read": session_as_read(d),
                "review": review_shown(d.review_status),
                "unreviewed": d.review_status == ReviewStatus.PROPOSED,
                "page_url": deliverable_page_url(deliverable=d, reader=digest.recipient),
            }
            for d in deliverables
            if d.due_date is not None  # the digest lists dated deliverables only
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
    counts = (
        (len(items.upcoming), f"due within {policy.digest_horizon_days} days"),
        (len(items.overdue) + len(items.escalated), "overdue"),
    )
    subject = (  # the week as the body says it, "7 December 2026"; no "0 overdue"
        "[Weekly digest] "
        + ", ".join(f"{n} {what}" for n, what in counts if n)
        + f" - week of {date_format(digest.week, 'j F Y')}"
    )
    return outgoing_message(
        subject=subject,
        template="digest",
        context=context,
        recipient=digest.recipient,
        message_id=f"digest-{digest.pk}-{digest.week:%Y%m%d}",
    )
