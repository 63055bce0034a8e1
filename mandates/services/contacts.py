"""Contacts: who may be deleted, and an address the mail server refuses.

A contact who is responsible for open deliverables, or to whom reminders or digests were
sent, is kept: deleting them would leave the deliverables with nobody responsible and the
reminder log pointing nowhere. Such a contact is marked inactive instead (no reminders
go to an inactive contact). The reminder and digest logs protect their recipient in the
database (PROTECT); the open assignments are guarded by `contact_delete_guard`, which
refuses the delete whichever way it is asked for (a page, the shell, a queryset).
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import ProtectedError, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mandates.models import CLOSED_PROGRESS, Contact, Deliverable, ReviewStatus


def contact_list_open_deliverables(*, contact: Contact) -> QuerySet[Deliverable]:
    """The deliverables assigned to this contact that are still owed: not rejected (nor
    their mandate), not delivered, cancelled or superseded."""
    return (
        Deliverable.objects.filter(assignees=contact)
        .exclude(review_status=ReviewStatus.REJECTED)
        .exclude(mandate__review_status=ReviewStatus.REJECTED)
        .exclude(progress__in=CLOSED_PROGRESS)
    )


def contact_delete_blockers(*, contact: Contact) -> list[tuple[str, list[Deliverable]]]:
    """Why this contact may not be deleted: one sentence per reason that says what to do
    instead, with the deliverables it is about (the open ones to reassign); empty when it
    may be deleted."""
    reasons = []
    open_deliverables = list(contact_list_open_deliverables(contact=contact))
    if open_deliverables:
        reasons.append(
            (
                ngettext(
                    "%(name)s is responsible for %(count)d open deliverable: reassign it or "
                    "mark the contact inactive.",
                    "%(name)s is responsible for %(count)d open deliverables: reassign them "
                    "or mark the contact inactive.",
                    len(open_deliverables),
                )
                % {"name": contact.name, "count": len(open_deliverables)},
                open_deliverables,
            )
        )
    # Responsible through an actor, or the actor's focal point: deleting would silently
    # stop those reminders and escalations.
    for actors, sentence in (
        (
            list(contact.actors.order_by("name")),
            _(
                "%(name)s is a responsible contact of %(actors)s: name another there or mark "
                "the contact inactive."
            ),
        ),
        (
            list(contact.focal_point_for.order_by("name")),
            _(
                "%(name)s is the focal point for escalations of %(actors)s: name another "
                "there or mark the contact inactive."
            ),
        ),
    ):
        if actors:
            reasons.append(
                (sentence % {"name": contact.name, "actors": ", ".join(a.name for a in actors)}, [])
            )
    sent = contact.reminders.count() + contact.digests.count()
    if sent:
        reasons.append(
            (
                ngettext(
                    "%(name)s has %(count)d e-mail in the reminder and digest logs, which "
                    "must keep saying whom it went to: mark the contact inactive instead.",
                    "%(name)s has %(count)d e-mails in the reminder and digest logs, which "
                    "must keep saying whom they went to: mark the contact inactive instead.",
                    sent,
                )
                % {"name": contact.name, "count": sent},
                [],
            )
        )
    return reasons


def contact_delete_guard(sender, instance: Contact, **kwargs) -> None:
    """Connected to `pre_delete` of Contact (mandates/apps.py): refuses to delete a contact
    responsible for open deliverables, so no way of deleting one unassigns them silently."""
    open_deliverables = contact_list_open_deliverables(contact=instance)
    if open_deliverables.exists():
        raise ProtectedError(
            _(
                "%(name)s is responsible for open deliverables: reassign them or mark the "
                "contact inactive."
            )
            % {"name": instance.name},
            set(open_deliverables),
        )


# --- An address refused for good -------------------------------------------------------


def contact_undeliverable_mark(
    *, contact_id: int, address: str, error: str, at: datetime | None = None
) -> bool:
    """The mail server refused ``address`` for good (outgoing.smtp_address_refused): mark
    the contact whose address it still is, so no reminder or digest is decided or sent to
    it (each new stage would fail at once) until staff change the address or clear the
    mark. The first refusal's time and reply are kept; the history records it, made by
    the system. Returns whether the contact was marked now."""
    with transaction.atomic():
        contact = Contact.objects.select_for_update().filter(pk=contact_id).first()
        if contact is None or contact.email.lower() != address.lower():
            return False  # the address changed since the message was built
        if contact.undeliverable_since is not None:
            return False
        contact.undeliverable_since = at or timezone.now()
        contact.undeliverable_error = error[:2000]
        contact._change_reason = _("The mail server refused the address for good: %s") % error
        # the mail server's verdict (the system), whoever's request sent the e-mail
        contact._history_user = None  # type: ignore[attr-defined]
        contact.save(update_fields=["undeliverable_since", "undeliverable_error", "updated_at"])
    return True


def contact_undeliverable_clear(*, contact: Contact, reason: str) -> bool:
    """Lift the mark (the address was corrected, or the mailbox works again): reminders and
    digests are decided for the contact again, and its failed ones can be retried. The
    history says why (``reason``). Returns whether it was marked."""
    with transaction.atomic():
        locked = Contact.objects.select_for_update().get(pk=contact.pk)
        if locked.undeliverable_since is None:
            return False
        locked.undeliverable_since = None
        locked.undeliverable_error = ""
        locked._change_reason = reason
        locked.save(update_fields=["undeliverable_since", "undeliverable_error", "updated_at"])
    contact.undeliverable_since, contact.undeliverable_error = None, ""
    contact.updated_at = locked.updated_at
    return True


def contact_list_undeliverable() -> QuerySet[Contact]:
    """Active contacts whose address the mail server refused for good, first refused
    first: reminders and digests are not going to them (`manage.py status` names them)."""
    return Contact.objects.filter(is_active=True, undeliverable_since__isnull=False).order_by(
        "undeliverable_since", "pk"
    )
