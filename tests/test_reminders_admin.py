"""The admin: failed reminders can be retried; rules and policy are editable."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from mandates.models import ReminderLog, ReminderPolicy, ReminderRule
from tests import factories

pytestmark = pytest.mark.django_db


def test_retry_action_queues_failed_reminders_again(
    staff_client, django_capture_on_commit_callbacks
):
    """Selecting failed rows and choosing "retry" sends them; other rows are left alone."""
    due = timezone.localdate() + timedelta(days=14)
    deliverable, (person,) = factories.responsible_deliverable(due)
    failed = factories.ReminderLogFactory(
        deliverable=deliverable,
        recipient=person,
        status="failed",
        attempts=6,
        last_error="gave up after 6 attempts: SMTPServerDisconnected",
    )
    sent = factories.ReminderLogFactory(
        deliverable=deliverable, recipient=person, reminder="before:30", status="sent"
    )
    changelist = reverse("admin:mandates_reminderlog_changelist")
    page = staff_client.get(changelist + "?status__exact=failed")
    assert page.status_code == 200
    assert "gave up after 6 attempts" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            changelist,
            {"action": "retry", "_selected_action": [failed.pk, sent.pk]},
            follow=True,
        )
    assert response.status_code == 200
    assert "1 failed reminder(s) queued again" in response.content.decode()
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == ("sent", 7)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("[Due in 14 days]")
    assert ReminderLog.objects.get(pk=sent.pk).status == "sent"


def test_reminder_rules_are_editable_in_the_changelist(staff_client):
    """An offset can be switched off from the list of reminder rules."""
    rules = list(ReminderRule.objects.order_by("-days_before_due"))
    assert [r.days_before_due for r in rules] == [60, 30, 14, 7, 1]
    data = {
        "form-TOTAL_FORMS": len(rules),
        "form-INITIAL_FORMS": len(rules),
        "_save": "Save",
    }
    for i, rule in enumerate(rules):
        data[f"form-{i}-id"] = rule.pk
        if rule.days_before_due != 14:
            data[f"form-{i}-is_active"] = "on"
    response = staff_client.post(reverse("admin:mandates_reminderrule_changelist"), data)
    assert response.status_code == 302
    assert list(
        ReminderRule.objects.filter(is_active=False).values_list("days_before_due", flat=True)
    ) == [14]


def test_reminder_policy_is_editable(staff_client):
    """The overdue interval, escalation threshold, digest horizon and historic cut-off are
    changed in the admin."""
    policy = ReminderPolicy.objects.get()
    url = reverse("admin:mandates_reminderpolicy_change", args=[policy.pk])
    assert staff_client.get(url).status_code == 200
    response = staff_client.post(
        url,
        {
            "overdue_every_days": 3,
            "escalate_after_days_overdue": 10,
            "digest_horizon_days": 30,
            "historic_after_days_overdue": 365,
        },
    )
    assert response.status_code == 302
    policy.refresh_from_db()
    assert (policy.overdue_every_days, policy.escalate_after_days_overdue) == (3, 10)
    assert (policy.digest_horizon_days, policy.historic_after_days_overdue) == (30, 365)


def test_periodic_tasks_are_in_the_admin(staff_client):
    """The daily and weekly schedules are rows that staff can see and edit."""
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(name="Daily reminders")
    response = staff_client.get(
        reverse("admin:django_celery_beat_periodictask_change", args=[task.pk])
    )
    assert response.status_code == 200


def test_retry_action_queues_failed_digests_again(staff_client, django_capture_on_commit_callbacks):
    """A failed weekly digest can be sent again from the digest log."""
    from mandates.models import Contact, DigestLog

    reader = factories.ContactFactory(delivery=Contact.Delivery.DIGEST)
    deliverable, _ = factories.responsible_deliverable(timezone.localdate() + timedelta(days=3))
    deliverable.assignees.add(reader)
    monday = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    digest = DigestLog.objects.create(recipient=reader, week=monday, status="failed")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:mandates_digestlog_changelist"),
            {"action": "retry", "_selected_action": [digest.pk]},
            follow=True,
        )
    assert "1 failed digest(s) queued again" in response.content.decode()
    digest.refresh_from_db()
    assert digest.status == "sent"
    assert mail.outbox[0].to == [reader.email]
