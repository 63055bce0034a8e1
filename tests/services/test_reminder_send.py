"""reminder_send: claim, re-check, send through real SMTP, mark; retries and failures."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from django.utils import timezone

from mandates.models import Contact, Deliverable, ReminderLog
from mandates.services.outgoing import TransientSendError
from mandates.services.reminders import reminder_send
from mandates.tasks import reminder_send as reminder_send_task
from tests import factories

pytestmark = pytest.mark.django_db

DUE = date(2030, 5, 15)
TODAY = DUE - timedelta(days=14)


@pytest.fixture(autouse=True)
def _today():
    """Geneva, 07:00 on the day the 14-day reminder falls due."""
    moment = datetime(TODAY.year, TODAY.month, TODAY.day, 7, tzinfo=ZoneInfo("Europe/Zurich"))
    with time_machine.travel(moment, tick=False):
        yield


def queued_reminder(**deliverable_fields) -> ReminderLog:
    """A queued before:14 reminder for a report to HRC 65 asked in A/HRC/RES/59/3 para. 35."""
    session = factories.SessionFactory(number=65, start=date(2030, 6, 16), end=date(2030, 7, 8))
    resolution = factories.ResolutionFactory(symbol="A/HRC/RES/59/3", title="Human rights")
    fields = {
        "title": "Report of the High Commissioner",
        "due_session": session,
        "mandate__resolution": resolution,
        "mandate__paragraph_label": "35",
        "quote": "Requests the High Commissioner to present a report to the Council at its sixty-fifth session",
        **deliverable_fields,
    }
    deliverable, (person,) = factories.responsible_deliverable(DUE, **fields)
    return factories.ReminderLogFactory(deliverable=deliverable, recipient=person)


def test_the_email_arrives_with_subject_text_html_and_ics(smtp_server):
    """One message with the agreed subject, both parts, the links and a parseable .ics."""
    log = queued_reminder()
    reminder_send(reminder_id=log.pk)
    (received,) = smtp_server.received
    assert received.rcpt_tos == [log.recipient.email]
    assert received.subject == (
        "[Due in 14 days] Report of the High Commissioner - HRC 65 (A/HRC/RES/59/3, para. 35)"
    )
    message = received.message
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    deliverable = log.deliverable
    for body in (text, html):
        assert "Requests the High Commissioner to present a report" in body
        assert "HRC 65" in body
        assert "15 May 2030" in body
        assert "/admin/" not in body
        assert f"http://127.0.0.1:8000/deliverables/{deliverable.uid}/" in body
        assert "planned" in body
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename().endswith(".ics")
    assert attachment.get_content_type() == "text/calendar"
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == DUE
    assert str(deliverable.uid) in str(event["uid"])
    assert message["Message-ID"].startswith(f"<reminder-{log.pk}-")
    assert message["Date"] == "Wed, 01 May 2030 07:00:00 +0200"  # Geneva time, summer
    assert message["List-Unsubscribe"].strip().startswith("<http://127.0.0.1:8000/reminders/stop/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    log.refresh_from_db()
    assert (log.status, log.attempts, log.last_error) == ("sent", 1, "")
    assert log.sent_at == timezone.now()


def test_a_sent_reminder_is_not_sent_again(smtp_server):
    """Sending a row that is already sent does nothing."""
    log = queued_reminder()
    reminder_send(reminder_id=log.pk)
    assert reminder_send(reminder_id=log.pk) is None
    assert len(smtp_server.received) == 1


def test_a_fresh_claim_is_left_alone_and_a_stale_one_is_taken_over(smtp_server):
    """Another worker's claim is respected until it is older than the requeue threshold."""
    log = queued_reminder()
    ReminderLog.objects.filter(pk=log.pk).update(status="sending", claimed_at=timezone.now())
    assert reminder_send(reminder_id=log.pk) is None
    ReminderLog.objects.filter(pk=log.pk).update(claimed_at=timezone.now() - timedelta(minutes=31))
    assert reminder_send(reminder_id=log.pk).status == "sent"
    log.refresh_from_db()
    assert len(smtp_server.received) == 1


def test_smtp_down_puts_the_row_back_then_it_is_sent_once_when_up(smtp_server):
    """A refused connection is transient: queued again, then sent once the server is back."""
    log = queued_reminder()
    smtp_server.down()
    with pytest.raises(TransientSendError):
        reminder_send(reminder_id=log.pk, retry_in=timedelta(minutes=1))
    log.refresh_from_db()
    assert (log.status, log.attempts) == ("queued", 1)
    assert "Connection" in log.last_error or "refused" in log.last_error.lower()
    assert log.queued_at == timezone.now() + timedelta(minutes=1)
    smtp_server.up()
    reminder_send(reminder_id=log.pk, retry_in=timedelta(minutes=2))
    log.refresh_from_db()
    assert (log.status, log.attempts) == ("sent", 2)
    assert len(smtp_server.received) == 1


def test_the_last_try_marks_the_row_failed(smtp_server):
    """With no retry left a transient failure ends as failed, readable in the admin."""
    log = queued_reminder()
    smtp_server.down()
    reminder_send(reminder_id=log.pk, retry_in=None)
    log.refresh_from_db()
    assert log.status == "failed"
    assert log.last_error.startswith("gave up after 1 attempts")


def test_a_4xx_reply_is_retried_and_a_5xx_reply_fails_at_once(smtp_server):
    """Temporary refusals are retried; permanent ones are not."""
    log = queued_reminder()
    smtp_server.handler.rcpt_reply = "451 4.3.0 Try again later"
    with pytest.raises(TransientSendError):
        reminder_send(reminder_id=log.pk, retry_in=timedelta(seconds=1))
    smtp_server.handler.rcpt_reply = "550 5.1.1 No such user"
    reminder_send(reminder_id=log.pk, retry_in=timedelta(seconds=1))
    log.refresh_from_db()
    assert log.status == "failed"
    assert "550" in log.last_error
    assert smtp_server.received == []


def test_in_process_a_transient_failure_waits_for_the_next_daily_run(smtp_server):
    """Without a broker the task cannot retry later: the row stays queued, nothing is raised."""
    log = queued_reminder()
    smtp_server.down()
    reminder_send_task.delay(log.pk)
    log.refresh_from_db()
    assert (log.status, log.attempts) == ("queued", 1)


def test_backoff_is_exponential(settings):
    """Retries wait base, 2 x base, 4 x base... and stop after the configured number."""
    from mandates.tasks import _retry_in

    settings.REMINDER_RETRY_BASE_SECONDS = 60
    settings.REMINDER_MAX_RETRIES = 3
    assert [_retry_in(n) for n in range(4)] == [
        timedelta(seconds=60),
        timedelta(seconds=120),
        timedelta(seconds=240),
        None,
    ]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"progress": Deliverable.Progress.ISSUED}, "closed"),
        ({"due_date": DUE + timedelta(days=30)}, "due date moved"),
    ],
)
def test_a_reminder_no_longer_valid_is_skipped(smtp_server, change, reason):
    """At send time the deliverable is re-checked: closed, moved or superseded means skipped."""
    log = queued_reminder()
    Deliverable.objects.filter(pk=log.deliverable_id).update(**change)
    reminder_send(reminder_id=log.pk)
    log.refresh_from_db()
    assert log.status == "skipped"
    assert reason in log.last_error
    assert smtp_server.received == []


def test_a_reminder_overtaken_by_the_next_one_is_skipped(smtp_server):
    """A before:14 reminder still queued when before:7 falls due is not sent late."""
    log = queued_reminder()
    reminder_send(reminder_id=log.pk, today=DUE - timedelta(days=7))
    log.refresh_from_db()
    assert log.status == "skipped"
    assert log.last_error.startswith("superseded on 2030-05-08: before:7 is due now")
    assert smtp_server.received == []


@pytest.mark.parametrize("change", ["inactive", "digest", "opted_out", "replaced"])
def test_a_recipient_no_longer_concerned_is_skipped(smtp_server, change):
    """At send time the recipient is re-checked: inactive, digest, opted out or replaced."""
    log = queued_reminder()
    person = log.recipient
    if change == "inactive":
        Contact.objects.filter(pk=person.pk).update(is_active=False)
    elif change == "digest":
        Contact.objects.filter(pk=person.pk).update(delivery=Contact.Delivery.DIGEST)
    elif change == "opted_out":
        log.deliverable.reminder_opt_outs.add(person)
    else:
        log.deliverable.assignees.add(factories.ContactFactory())
    reminder_send(reminder_id=log.pk)
    log.refresh_from_db()
    assert log.status == "skipped"
    assert smtp_server.received == []


def test_retries_never_wait_longer_than_the_broker_keeps_a_message(settings):
    """Backoff stays under Redis' visibility timeout: no far-future task sits in the broker."""
    from mandates.tasks import _retry_in

    longest = max(_retry_in(n).total_seconds() for n in range(settings.REMINDER_MAX_RETRIES))
    assert longest < settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]


def test_the_emails_link_opens_the_page_for_its_recipient_only(smtp_server, client):
    """A proposal is not public, and the actor's contact who gets its reminder has no
    account: the e-mail's link carries a signed token that opens that page to them, not
    another page, not once altered, not without it."""
    log = queued_reminder(review_status="proposed")
    other = factories.DeliverableFactory(review_status="proposed")
    reminder_send(reminder_id=log.pk)
    (received,) = smtp_server.received
    text = received.message.get_body(("plain",)).get_content()
    page = log.deliverable.uid
    [link] = re.findall(rf"http://127\.0\.0\.1:8000(/deliverables/{page}/\?for=\S+)", text)

    opened = client.get(link)
    assert opened.status_code == 200
    assert "Report of the High Commissioner" in opened.content.decode()
    assert "no-store" in opened["Cache-Control"]
    # its "Add to my calendar" button opens for the same reader (it was a 404)
    [ics] = re.findall(r'href="(/deliverables/[^"]+\.ics\?for=[^"]+)"', opened.content.decode())
    calendar_file = client.get(ics.replace("&amp;", "&"))
    assert calendar_file.status_code == 200
    assert calendar_file.content.startswith(b"BEGIN:VCALENDAR")
    assert "no-store" in calendar_file["Cache-Control"]
    assert client.get(ics.split("?")[0]).status_code == 404
    assert client.get(f"/deliverables/{page}/").status_code == 404
    assert client.get(link[:-3] + "xyz").status_code == 404
    token = link.split("?for=")[1]
    assert client.get(f"/deliverables/{other.uid}/?for={token}").status_code == 404
    Contact.objects.filter(pk=log.recipient.pk).update(is_active=False)
    assert client.get(link).status_code == 404
