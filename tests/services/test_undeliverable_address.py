"""An address the mail server refuses for good (SMTP 5xx at RCPT) is marked on its contact:
no more reminders or digests are decided for it, `manage.py status` says once what staff
must do, and changing the address (or the admin's action) lifts the mark. Temporary
refusals keep being retried. Through a real SMTP server that refuses."""

from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse

from mandates.models import Contact, DigestLog, ReminderLog
from mandates.services.digests import digest_send_weekly
from mandates.services.outgoing import TransientSendError
from mandates.services.reminders import reminder_send
from tests import factories
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

TODAY = date(2030, 5, 1)  # a Wednesday
DUE = TODAY + timedelta(days=14)
REFUSAL = "550 5.1.1 mailbox unavailable"


def _at(day: date, hour: int = 7):
    """Geneva, 07:00 on that day (the daily run), or another hour."""
    return time_machine.travel(
        datetime(day.year, day.month, day.day, hour, tzinfo=ZoneInfo("Europe/Zurich")),
        tick=False,
    )


def _send_reminders(capture) -> None:
    with capture(execute=True):
        call_command("send_reminders", stdout=StringIO())


def _status() -> tuple[str, str]:
    """`manage.py status`: its report and what it names in error ("" when it exits 0),
    the Celery worker and beat left out (with REDIS_URL set, as in CI, none runs in the
    tests, so the daily run is late on the days they travel to)."""
    out = StringIO()
    try:
        call_command("status", stdout=out)
    except CommandError as error:
        failing = str(error).removeprefix("in error: ").split(", ")
        left_out = {"celery", "daily reminder run late"}
        return out.getvalue(), ", ".join(name for name in failing if name not in left_out)
    return out.getvalue(), ""


def test_a_refused_address_is_reported_once_and_no_longer_reminded(
    smtp_server, django_capture_on_commit_callbacks, staff_client
):
    """Bob's mailbox is gone: his first reminder fails with the server's 550 and marks his
    contact; the next stage creates no row for him (it created one that failed at once,
    and `status` kept failing on it); `status` names him once with what to do; staff
    correct his address in the admin, which lifts the mark, and the next stage reaches him."""
    _, (ana, bob) = factories.responsible_deliverable(DUE, contacts=2)
    bob.email = "bob.gone@ohchr.example.org"
    bob.save()
    smtp_server.handler.rcpt_replies = {bob.email: REFUSAL}
    with _at(TODAY, hour=18):  # a run by hand, late in the day
        _send_reminders(django_capture_on_commit_callbacks)
    assert [r.rcpt_tos for r in smtp_server.received] == [[ana.email]]
    (failed,) = ReminderLog.objects.filter(recipient=bob)
    assert failed.status == "failed" and REFUSAL in failed.last_error
    bob.refresh_from_db()
    assert bob.undeliverable_since is not None
    assert bob.undeliverable_error == REFUSAL
    assert "refused the address for good" in bob.history.first().history_change_reason

    with _at(TODAY + timedelta(days=7)):  # the next stage, "Due in 7 days"
        _send_reminders(django_capture_on_commit_callbacks)
        report, failing = _status()
    assert [r.rcpt_tos for r in smtp_server.received] == [[ana.email], [ana.email]]
    assert list(ReminderLog.objects.filter(recipient=bob)) == [failed]
    assert failing == "undeliverable addresses"
    assert "reminders failed in the last 7 days: none" in report
    assert "addresses refused for good: 1 active contact(s) get no reminders" in report
    assert f"{bob.name} <{bob.email}>, refused since 2030-05-01 18:00: {REFUSAL}" in report
    assert "correct the address" in report

    with _at(TODAY + timedelta(days=7), hour=9):
        staff_client.force_login(staff_client.user)
        page = staff_client.get(reverse("admin:mandates_contact_change", args=[bob.pk]))
        assert REFUSAL in page.content.decode()
        listed = staff_client.get(
            reverse("admin:mandates_contact_changelist") + "?address_refused=yes"
        ).content.decode()
        assert bob.email in listed and ana.email not in listed
        retried = staff_client.post(
            reverse("admin:mandates_reminderlog_changelist"),
            {"action": "retry", "_selected_action": [failed.pk]},
            follow=True,
        )
        assert "1 e-mail stays failed: the mail server refused" in retried.content.decode()
        failed.refresh_from_db()
        assert failed.status == "failed"
        data = change_form_data(page)
        data["email"] = "bob@ohchr.example.org"
        saved = staff_client.post(
            reverse("admin:mandates_contact_change", args=[bob.pk]), data, follow=True
        )
        assert "Reminders and digests go to bob@ohchr.example.org again" in (saved.content.decode())
        bob.refresh_from_db()
        assert (bob.undeliverable_since, bob.undeliverable_error) == (None, "")
        report, failing = _status()  # the failed reminder can now be retried
    assert failing == "reminders failed"
    assert "addresses refused for good: none" in report

    with _at(DUE - timedelta(days=1)):  # "Due tomorrow"
        _send_reminders(django_capture_on_commit_callbacks)
    assert smtp_server.received[-1].rcpt_tos == ["bob@ohchr.example.org"]


def test_temporary_and_policy_refusals_mark_nothing(smtp_server):
    """A 4xx reply is retried, a refused connection too, and a relay's policy refusal
    (5.7.1) fails the e-mail without a verdict on the address: the contact stays
    unmarked."""
    deliverable, (person,) = factories.responsible_deliverable(DUE)
    log = factories.ReminderLogFactory(deliverable=deliverable, recipient=person, due_date=DUE)
    with _at(TODAY):
        smtp_server.handler.rcpt_reply = "450 4.2.1 mailbox busy, try later"
        with pytest.raises(TransientSendError):
            reminder_send(reminder_id=log.pk, retry_in=timedelta(seconds=1))
        smtp_server.down()
        with pytest.raises(TransientSendError):
            reminder_send(reminder_id=log.pk, retry_in=timedelta(seconds=1))
        smtp_server.up()
        smtp_server.handler.rcpt_reply = "550 5.7.1 relaying denied"
        reminder_send(reminder_id=log.pk, retry_in=timedelta(seconds=1))
    log.refresh_from_db()
    person.refresh_from_db()
    assert log.status == "failed" and "5.7.1" in log.last_error
    assert person.undeliverable_since is None


def test_a_bare_relay_refusal_marks_nothing(smtp_server):
    """A server that gives no enhanced code still refuses a relay in words ("550 Relaying
    denied"): a setting of ours, no verdict on the address (else every contact would be
    marked as the daily run reached them)."""
    deliverable, (person,) = factories.responsible_deliverable(DUE)
    log = factories.ReminderLogFactory(deliverable=deliverable, recipient=person, due_date=DUE)
    with _at(TODAY):
        smtp_server.handler.rcpt_reply = "550 Relaying denied. Proper authentication required."
        reminder_send(reminder_id=log.pk, retry_in=timedelta(seconds=1))
    log.refresh_from_db()
    person.refresh_from_db()
    assert log.status == "failed" and "Relaying denied" in log.last_error
    assert person.undeliverable_since is None


def test_a_digest_to_a_refused_address_marks_it_and_the_next_week_has_none(
    smtp_server, django_capture_on_commit_callbacks
):
    """A weekly digest refused for good marks its reader; the next Monday records none."""
    _, (reader,) = factories.responsible_deliverable(DUE)
    Contact.objects.filter(pk=reader.pk).update(delivery=Contact.Delivery.DIGEST)
    smtp_server.handler.rcpt_replies = {reader.email: "550 No such user here"}
    monday = TODAY - timedelta(days=TODAY.weekday())
    with _at(monday), django_capture_on_commit_callbacks(execute=True):
        digest_send_weekly(today=monday)
    (digest,) = DigestLog.objects.all()
    assert digest.status == "failed"
    reader.refresh_from_db()
    assert reader.undeliverable_error == "550 No such user here"
    with _at(monday + timedelta(days=7)), django_capture_on_commit_callbacks(execute=True):
        assert digest_send_weekly(today=monday + timedelta(days=7)) == []
    assert DigestLog.objects.count() == 1 and smtp_server.received == []


def test_the_admin_action_clears_the_mark(staff_client):
    """Once the mailbox works again, staff clear the mark from the contacts' list."""
    person = factories.ContactFactory()
    Contact.objects.filter(pk=person.pk).update(
        undeliverable_since=datetime(2030, 5, 1, 5, tzinfo=ZoneInfo("UTC")),
        undeliverable_error=REFUSAL,
    )
    response = staff_client.post(
        reverse("admin:mandates_contact_changelist"),
        {"action": "clear_undeliverable", "_selected_action": [person.pk]},
        follow=True,
    )
    assert "1 contact gets reminders and digests again" in response.content.decode()
    person.refresh_from_db()
    assert person.undeliverable_since is None
    assert person.history.first().history_change_reason.startswith("Refusal mark cleared")
