"""Constraints are enforced by the database itself, not only in Python."""

from datetime import date

import pytest
from django.db import IntegrityError, transaction

from mandates import models
from tests import factories

pytestmark = pytest.mark.django_db


def _violates(create) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_resolution_symbol_is_unique():
    """Two resolutions cannot share a symbol."""
    factories.ResolutionFactory(symbol="A/HRC/RES/59/3")
    _violates(
        lambda: models.Resolution.objects.create(symbol="A/HRC/RES/59/3", body=factories.body())
    )


def test_session_body_and_number_are_unique():
    """A body has one session per number."""
    _violates(
        lambda: models.Session.objects.create(
            body=factories.body("HRC"), number=59, start=date(2025, 1, 1), end=date(2025, 1, 2)
        )
    )


def test_session_cannot_end_before_it_opens():
    """A session's end date is never before its start date."""
    _violates(
        lambda: models.Session.objects.create(
            body=factories.body("HRC"), number=99, start=date(2030, 2, 1), end=date(2030, 1, 1)
        )
    )


def test_reminder_log_key_is_unique():
    """The same reminder for the same recipient and due date is recorded only once."""
    deliverable = factories.DeliverableFactory()
    contact = factories.ContactFactory()
    key = {
        "deliverable": deliverable,
        "recipient": contact,
        "reminder": "before:14",
        "due_date": date(2027, 4, 5),
    }
    models.ReminderLog.objects.create(**key)
    _violates(lambda: models.ReminderLog.objects.create(**key))


def test_paragraph_position_is_unique_within_a_resolution():
    """Two paragraphs of one resolution cannot take the same position."""
    resolution = factories.ResolutionFactory()
    models.Paragraph.objects.create(resolution=resolution, part="operative", position=1, text="a")
    _violates(
        lambda: models.Paragraph.objects.create(
            resolution=resolution, part="operative", position=1, text="b"
        )
    )


def test_deliverable_count_is_positive():
    """A deliverable counts at least one product."""
    _violates(lambda: factories.DeliverableFactory(count=0))


def test_due_date_rule_is_unique_per_body_kind_and_relation():
    """One lead-time rule per body, kind and relation."""
    hrc = factories.body("HRC")
    _violates(
        lambda: models.DueDateRule.objects.create(body=hrc, kind="", relation="", lead_time_days=1)
    )


def test_contact_email_is_unique():
    """One contact per e-mail address."""
    factories.ContactFactory(email="a@example.org")
    _violates(lambda: factories.ContactFactory(email="a@example.org"))


def test_feed_token_is_unique_and_long():
    """Feed tokens are unique and carry at least 128 random bits."""
    user = factories.UserFactory()
    token = models.FeedToken.objects.create(user=user)
    assert len(token.token) >= 43  # 32 bytes in URL-safe base64
    _violates(lambda: models.FeedToken.objects.create(user=user, token=token.token))


def test_deliverables_get_distinct_stable_uids():
    """Every deliverable has its own UUID, kept when it is saved again."""
    first, second = factories.DeliverableFactory(), factories.DeliverableFactory()
    assert first.uid != second.uid
    uid = first.uid
    first.title = "Renamed"
    first.save()
    first.refresh_from_db()
    assert first.uid == uid


def test_status_fields_are_choices():
    """Review and progress statuses are closed sets of choices."""
    field = models.Deliverable._meta.get_field("progress")
    assert {value for value, _ in field.choices} >= {"planned", "submitted", "issued", "cancelled"}
    assert {v for v, _ in models.Deliverable._meta.get_field("review_status").choices} == {
        "proposed",
        "confirmed",
        "rejected",
    }
