"""Reminders that must not go out: a corrected date at the same stage, and old resolutions."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from mandates.models import Deliverable, ReminderPolicy
from mandates.services.reminders import (
    reminder_dispatch_due,
    reminder_policy_get,
    reminder_stage_interval,
)
from mandates.services.schedule import deliverable_due_date_refresh
from tests import factories
from tests.samples import hrc_resolution

pytestmark = pytest.mark.django_db


def dispatch(capture) -> list:
    with capture(execute=True):
        return reminder_dispatch_due(today=timezone.localdate())


def move(deliverable: Deliverable, days: int) -> None:
    """A person corrects the due date by `days`, as the admin does."""
    deliverable.manual_due_date = deliverable.due_date + timedelta(days=days)
    deliverable.save()
    deliverable_due_date_refresh(deliverable=deliverable)


def test_stage_intervals_follow_the_schedule():
    """before:N waits until the next offset; overdue every N days; escalation its threshold."""
    policy = reminder_policy_get()
    intervals = {
        key: reminder_stage_interval(key=key, policy=policy)
        for key in ("before:60", "before:30", "before:14", "before:7", "before:1")
    }
    assert intervals == {
        "before:60": 30,
        "before:30": 16,
        "before:14": 7,
        "before:7": 6,
        "before:1": 1,
    }
    assert reminder_stage_interval(key="overdue:21", policy=policy) == 7
    assert reminder_stage_interval(key="escalation:14", policy=policy) == 14


@pytest.mark.parametrize(("days_to_due", "correction"), [(14, 1), (14, -1), (-21, 1), (-21, -1)])
def test_a_one_day_correction_does_not_resend_the_same_stage(
    django_capture_on_commit_callbacks, days_to_due, correction
):
    """Due soon or overdue and escalated: a date corrected by a day sends nothing new."""
    today = timezone.localdate()
    deliverable, _ = factories.responsible_deliverable(today + timedelta(days=days_to_due))
    deliverable.mandate.actor.focal_point = factories.ContactFactory()
    deliverable.mandate.actor.save()
    first = dispatch(django_capture_on_commit_callbacks)
    assert len(first) == (1 if days_to_due > 0 else 2)  # overdue: the person and the focal point
    sent = len(mail.outbox)
    move(deliverable, correction)
    assert dispatch(django_capture_on_commit_callbacks) == []
    assert len(mail.outbox) == sent


def test_a_date_moved_much_closer_is_news_and_is_sent(django_capture_on_commit_callbacks):
    """30 days away, then corrected to 2 days away: the 7-day reminder goes out at once."""
    today = timezone.localdate()
    deliverable, _ = factories.responsible_deliverable(today + timedelta(days=30))
    assert [log.reminder for log in dispatch(django_capture_on_commit_callbacks)] == ["before:30"]
    move(deliverable, -28)
    assert [log.reminder for log in dispatch(django_capture_on_commit_callbacks)] == ["before:7"]
    assert [m.subject.split("]")[0] for m in mail.outbox] == ["[Due in 30 days", "[Due in 2 days"]


def test_a_reminder_still_queued_for_the_old_date_does_not_hold_back_the_new_one(
    django_capture_on_commit_callbacks,
):
    """Only reminders that went out count: one queued for the old date is replaced."""
    from unittest import mock

    today = timezone.localdate()
    deliverable, _ = factories.responsible_deliverable(today + timedelta(days=14))
    with mock.patch("mandates.tasks.reminders_send.delay"):  # the broker holds it, unsent
        dispatch(django_capture_on_commit_callbacks)
    move(deliverable, 1)
    assert [log.due_date for log in dispatch(django_capture_on_commit_callbacks)] == [
        today + timedelta(days=15)
    ]


@pytest.fixture
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.usefixtures("_media")
def test_ingesting_an_old_resolution_marks_long_past_deliverables_historic(
    django_capture_on_commit_callbacks,
):
    """A report due at HRC 59 (2025) is historic on ingest and never reminded; HRC 65 is not."""
    from mandates.services.ingest import resolution_ingest

    text = hrc_resolution(
        number="58/97",
        operative=[
            "Requests the High Commissioner to present a report on access to water to the "
            "Human Rights Council at its fifty-ninth session;",
            "Also requests the High Commissioner to present a follow-up report to the "
            "Human Rights Council at its sixty-fifth session;",
        ],
    )
    resolution_ingest(data=text.encode(), name="A_HRC_RES_58_97.txt")
    old, current = Deliverable.objects.order_by("due_date")
    assert old.due_date < date(2025, 7, 1)
    assert (old.is_historic, current.is_historic) == (True, False)
    old.mandate.actor.contacts.add(factories.ContactFactory())
    Deliverable.objects.update(review_status="confirmed")
    reminded = {log.deliverable_id for log in dispatch(django_capture_on_commit_callbacks)}
    assert old.pk not in reminded
    old.is_historic = False  # staff untick it: it is reminded again
    old.save()
    reminded = {log.deliverable_id for log in dispatch(django_capture_on_commit_callbacks)}
    assert old.pk in reminded


@pytest.mark.usefixtures("_media")
def test_the_historic_cut_off_is_the_policy_staff_set():
    """With a cut-off of 10,000 days nothing of 2025 is historic."""
    from mandates.services.ingest import resolution_ingest

    ReminderPolicy.objects.update_or_create(pk=1, defaults={"historic_after_days_overdue": 10000})
    text = hrc_resolution(
        number="58/98",
        operative=[
            "Requests the High Commissioner to present a report on access to food to the "
            "Human Rights Council at its fifty-ninth session;"
        ],
    )
    resolution_ingest(data=text.encode(), name="A_HRC_RES_58_98.txt")
    assert not Deliverable.objects.get().is_historic
