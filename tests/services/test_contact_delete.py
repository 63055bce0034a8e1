"""A contact responsible for open deliverables, or with sent e-mails, is never deleted."""

import pytest
from django.db import transaction
from django.db.models import ProtectedError

from mandates.models import Contact, Deliverable, DigestLog, ReminderLog, ReviewStatus
from mandates.services.contacts import contact_delete_blockers
from tests.factories import ContactFactory, DeliverableFactory, ReminderLogFactory

pytestmark = pytest.mark.django_db


def test_a_contact_with_an_open_assignment_cannot_be_deleted_in_any_way():
    """Contact.delete() and a queryset delete both refuse (inside the delete's transaction,
    like a database constraint); the assignment stays."""
    bob = ContactFactory(name="Bob")
    deliverable = DeliverableFactory(
        review_status=ReviewStatus.CONFIRMED, progress=Deliverable.Progress.IN_PROGRESS
    )
    deliverable.assignees.add(bob)
    with (
        pytest.raises(ProtectedError, match="reassign them or mark the contact inactive"),
        transaction.atomic(),
    ):
        bob.delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        Contact.objects.filter(pk=bob.pk).delete()
    assert list(deliverable.assignees.all()) == [bob]


def test_a_contact_whose_assignments_are_all_closed_can_be_deleted():
    """Delivered, cancelled and rejected deliverables need nobody responsible any more."""
    carol = ContactFactory()
    for deliverable in (
        DeliverableFactory(progress=Deliverable.Progress.SUBMITTED),
        DeliverableFactory(progress=Deliverable.Progress.CANCELLED),
        DeliverableFactory(review_status=ReviewStatus.REJECTED),
    ):
        deliverable.assignees.add(carol)
    assert contact_delete_blockers(contact=carol) == []
    carol.delete()
    assert not Contact.objects.filter(pk=carol.pk).exists()


def test_the_reminder_and_digest_logs_keep_their_recipient():
    """A sent reminder or digest protects its recipient (PROTECT), and the reason says so."""
    log = ReminderLogFactory(recipient__name="Dana")
    with pytest.raises(ProtectedError):
        log.recipient.delete()
    digest_reader = ContactFactory()
    DigestLog.objects.create(recipient=digest_reader, week="2030-05-13")
    with pytest.raises(ProtectedError):
        digest_reader.delete()
    assert ReminderLog.objects.filter(pk=log.pk).exists()
    assert contact_delete_blockers(contact=log.recipient) == [
        (
            "Dana has 1 e-mail in the reminder and digest logs, which must keep saying whom "
            "it went to: mark the contact inactive instead.",
            [],
        )
    ]
