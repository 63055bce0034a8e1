"""manage.py send_reminders and reminder_status."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from mandates.models import ReminderLog
from tests import factories

pytestmark = pytest.mark.django_db

DUE = date(2030, 5, 15)


def call(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_dry_run_prints_what_would_be_sent_and_records_nothing():
    """--dry-run --today lists recipient, key and subject, and writes no row."""
    deliverable, (person,) = factories.responsible_deliverable(DUE)
    output = call("send_reminders", "--dry-run", "--today", "2030-05-01")
    assert "would send" in output
    assert "before:14" in output
    assert person.email in output
    assert f"[Due in 14 days] {deliverable.title}" in output
    assert "2030-05-01: 1 reminder(s) would be sent." in output
    assert not ReminderLog.objects.exists()


def test_without_dry_run_it_sends_and_says_so(django_capture_on_commit_callbacks):
    """Without a broker the reminders are sent in-process after the commit and reported."""
    factories.responsible_deliverable(timezone.localdate() + timedelta(days=7), contacts=2)
    with django_capture_on_commit_callbacks(execute=True):
        output = call("send_reminders")
    assert "reminder(s) queued." in output
    assert len(mail.outbox) == 2
    assert set(ReminderLog.objects.values_list("status", flat=True)) == {"sent"}
    assert call("send_reminders").rstrip().endswith("0 reminder(s) queued.")


def test_a_bad_date_is_refused():
    """--today must be an ISO date."""
    with pytest.raises(CommandError):
        call("send_reminders", "--today", "15/05/2030")


def test_reminder_status_reports_counts_oldest_queued_and_failures():
    """Counts per status, the oldest queued row and failed rows with their error."""
    factories.ReminderLogFactory(status="sent")
    factories.ReminderLogFactory(status="queued", queued_at=timezone.now() - timedelta(hours=2))
    failed = factories.ReminderLogFactory(status="failed", last_error="gave up after 6 attempts")
    output = call("reminder_status")
    assert "reminders: queued 1  sending 0  sent 1  failed 1  skipped 0" in output
    assert "oldest queued:" in output
    assert "(120 min ago)" in output
    assert "gave up after 6 attempts" in output
    assert "digests: queued 0" in output
    mandate = failed.deliverable.mandate
    named = (  # whom and for what, not row ids
        f"{failed.reminder} of {failed.deliverable.title or failed.deliverable.get_kind_display().capitalize()} "
        f"({mandate.resolution.symbol}, para. {mandate.paragraph_label}) to {failed.recipient.email}"
    )
    assert named in output


def test_a_reminder_says_when_the_text_no_longer_asks_for_it(django_capture_on_commit_callbacks):
    """A deliverable a new version of the text dropped, kept because people worked on it,
    is still reminded to them, and the e-mail says so and what is left to decide (it had
    read like any other deliverable)."""
    deliverable, _ = factories.responsible_deliverable(timezone.localdate() + timedelta(days=7))
    deliverable.no_longer_in_text = True
    deliverable.save(update_fields=["no_longer_in_text"])
    with django_capture_on_commit_callbacks(execute=True):
        call("send_reminders")
    [message] = mail.outbox
    note = "The latest version of the text no longer asks for this."
    assert note in message.body
    html = message.alternatives[0][0]
    assert note in html


def test_reminder_status_says_when_a_queued_retry_is_due():
    """A reminder waiting for its retry is queued for later: "retry in", not "-4 min ago"."""
    factories.ReminderLogFactory(status="queued", queued_at=timezone.now() + timedelta(minutes=5))
    output = call("reminder_status")
    assert "(retry in 4 min)" in output or "(retry in 5 min)" in output
    assert "min ago" not in output and "-" not in output.split("oldest queued:")[1].split("(")[1]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # hand-over at commit
def test_with_the_broker_down_it_says_what_was_recorded_and_what_was_kept(dead_broker):
    """The line said "N of N reminder log rows were not queued and will be queued by the
    next run" though the run's decisions were deleted. It says what holds: today's new
    decisions not recorded, a row an earlier run left (here: a dead worker's) kept
    waiting, and to run it again once the broker is back."""
    factories.responsible_deliverable(timezone.localdate() + timedelta(days=7), contacts=2)
    earlier, (person,) = factories.responsible_deliverable(timezone.localdate() + timedelta(days=1))
    long_ago = timezone.now() - timedelta(hours=2)
    left = ReminderLog.objects.create(
        deliverable=earlier,
        recipient=person,
        reminder="before:1",
        due_date=earlier.due_date,
        status="sending",
        claimed_at=long_ago,
        attempts=1,
    )
    ReminderLog.objects.filter(pk=left.pk).update(decided_at=long_ago, queued_at=long_ago)
    with pytest.raises(CommandError) as raised:
        call("send_reminders")
    assert str(raised.value).endswith(
        "; 2 new reminder log rows not recorded, 1 left by an earlier run kept waiting: "
        "run it again once the broker is back"
    )
    assert "will be queued by the next run" not in str(raised.value)
    assert list(ReminderLog.objects.values_list("pk", flat=True)) == [left.pk]
