"""digest_send_weekly: Monday digests for people who chose them, once per week."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from mandates.models import Contact, DigestLog, ReminderLog
from mandates.services.digests import digest_send_weekly
from mandates.services.reminders import reminder_dispatch_due
from tests import factories

pytestmark = pytest.mark.django_db

MONDAY = date(2030, 5, 6)


@pytest.fixture(autouse=True)
def _monday():
    moment = datetime(2030, 5, 6, 7, tzinfo=ZoneInfo("Europe/Zurich"))
    with time_machine.travel(moment, tick=False):
        yield


def digest_reader(**fields) -> Contact:
    return factories.ContactFactory(delivery=Contact.Delivery.DIGEST, **fields)


def test_the_digest_lists_upcoming_and_overdue_work_once_a_week(
    smtp_server, django_capture_on_commit_callbacks
):
    """Due within 60 days and overdue items arrive in one e-mail; a second run sends nothing."""
    reader = digest_reader(name="Ana")
    soon, _ = factories.responsible_deliverable(MONDAY + timedelta(days=20), title="Soon report")
    late, _ = factories.responsible_deliverable(MONDAY - timedelta(days=3), title="Late study")
    far, _ = factories.responsible_deliverable(MONDAY + timedelta(days=90), title="Far panel")
    for deliverable in (soon, late, far):
        deliverable.assignees.add(reader)
    with django_capture_on_commit_callbacks(execute=True):
        (digest,) = digest_send_weekly(today=MONDAY)
    with django_capture_on_commit_callbacks(execute=True):
        assert digest_send_weekly(today=MONDAY + timedelta(days=2)) == []
    (received,) = smtp_server.received
    assert received.rcpt_tos == [reader.email]
    assert received.subject.startswith("[Weekly digest] 1 due within 60 days, 1 overdue")
    text = received.message.get_body(("plain",)).get_content()
    html = received.message.get_body(("html",)).get_content()
    for body in (text, html):
        assert "Soon report" in body
        assert "Late study" in body
        assert "Far panel" not in body
        assert "Due in 20 days" in body
        assert "Overdue by 3 days" in body
    digest.refresh_from_db()
    assert (digest.status, digest.week, digest.item_count) == ("sent", MONDAY, 2)


def test_digest_readers_get_no_immediate_reminders(django_capture_on_commit_callbacks):
    """delivery=digest means only the digest: the daily run leaves them out."""
    reader = digest_reader()
    deliverable, _ = factories.responsible_deliverable(MONDAY + timedelta(days=7))
    deliverable.assignees.add(reader)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminder_dispatch_due(today=MONDAY) == []
    assert not ReminderLog.objects.exists()


def test_nobody_with_nothing_to_read_gets_a_digest(django_capture_on_commit_callbacks):
    """An empty digest is not sent, and immediate readers get none."""
    digest_reader()
    _deliverable, (_immediate,) = factories.responsible_deliverable(MONDAY + timedelta(days=7))
    with django_capture_on_commit_callbacks(execute=True):
        assert digest_send_weekly(today=MONDAY) == []
    assert not DigestLog.objects.exists()


def test_a_focal_point_reading_digests_sees_escalations(
    smtp_server, django_capture_on_commit_callbacks
):
    """Deliverables overdue past the escalation threshold appear in the focal point's digest."""
    boss = digest_reader(name="Boss")
    deliverable, _ = factories.responsible_deliverable(
        MONDAY - timedelta(days=20), title="Very late report"
    )
    deliverable.mandate.actor.focal_point = boss
    deliverable.mandate.actor.save()
    with django_capture_on_commit_callbacks(execute=True):
        digest_send_weekly(today=MONDAY)
    (received,) = smtp_server.received
    text = received.message.get_body(("plain",)).get_content()
    assert "ESCALATED TO YOU" in text
    assert "Very late report" in text


def test_opted_out_and_inactive_readers_are_left_out(django_capture_on_commit_callbacks):
    """Opting out of a deliverable removes it from the digest; inactive people get none."""
    muted, gone = digest_reader(), digest_reader(is_active=False)
    deliverable, _ = factories.responsible_deliverable(MONDAY + timedelta(days=7))
    deliverable.assignees.add(muted, gone)
    deliverable.reminder_opt_outs.add(muted)
    with django_capture_on_commit_callbacks(execute=True):
        assert digest_send_weekly(today=MONDAY) == []
