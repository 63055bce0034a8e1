"""Contacts: who may be deleted.

A contact who is responsible for open deliverables, or to whom reminders or digests were
sent, is kept: deleting them would leave the deliverables with nobody responsible and the
reminder log pointing nowhere. Such a contact is marked inactive instead (no reminders
go to an inactive contact). The reminder and digest logs protect their recipient in the
database (PROTECT); the open assignments are guarded by `contact_delete_guard`, which
refuses the delete whichever way it is asked for (a page, the shell, a queryset).
"""

from __future__ import annotations

from django.db.models import ProtectedError, QuerySet
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
