"""Reminders through a real Redis broker, real Celery workers, real SMTP and real concurrency.

These tests need the services CI provides (REDIS_URL, PostgreSQL). Without REDIS_URL they are
skipped locally; with CI set they fail instead, so CI can never silently skip them.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta
from io import StringIO
from pathlib import Path
from unittest import mock
from urllib.parse import quote

import icalendar
import pytest
from django.conf import settings
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mandates.models import ReminderLog
from mandates.services.health import celery_ping
from mandates.services.reminders import (
    reminder_dispatch_due,
    reminder_policy_get,
    reminder_send,
    reminders_due,
    reminders_queue_due,
)
from tests import factories
from tests.real_services import (
    SilentServer,
    broker_at,
    require_postgresql,
    wait_for,
    waiting_for_a_lock,
)

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parent.parent


def deliverables_due_in(days: int, count: int) -> list:
    """`count` deliverables due `days` from today, each with its own responsible person."""
    due = timezone.localdate() + timedelta(days=days)
    return [factories.responsible_deliverable(due)[1][0] for _ in range(count)]


def statuses() -> list[str]:
    return sorted(ReminderLog.objects.values_list("status", flat=True))


def test_smtp_down_then_up_every_reminder_arrives_once(worker_thread, smtp_server, settings):
    """Through Redis and a worker: SMTP refuses, the task backs off, and after recovery each arrives once."""
    settings.REMINDER_RETRY_BASE_SECONDS = 0.5
    settings.REMINDER_MAX_RETRIES = 8
    people = deliverables_due_in(14, 5)
    smtp_server.down()
    logs = reminder_dispatch_due(today=timezone.localdate())
    assert len(logs) == 5
    wait_for(
        lambda: all(log.attempts >= 1 and log.last_error for log in ReminderLog.objects.all()),
        what="a failed first attempt of every reminder",
    )
    assert smtp_server.received == []
    smtp_server.up()
    wait_for(lambda: statuses() == ["sent"] * 5, what="every reminder sent")
    assert reminder_dispatch_due(today=timezone.localdate()) == []
    time.sleep(1)
    assert sorted(r.rcpt_tos[0] for r in smtp_server.received) == sorted(p.email for p in people)
    assert all(r.subject.startswith("[Due in 14 days]") for r in smtp_server.received)


def test_the_scheduled_daily_task_runs_on_the_worker_and_mails_once(worker_thread, smtp_server):
    """What beat queues at 07:00 (reminders_dispatch) decides and sends through the worker, once."""
    from mandates.tasks import reminders_dispatch

    people = deliverables_due_in(30, 3)
    reminders_dispatch.delay()
    wait_for(lambda: statuses() == ["sent"] * 3, what="the daily run's reminders sent")
    reminders_dispatch.delay()  # beat firing twice, or a second beat
    time.sleep(2)
    assert statuses() == ["sent"] * 3
    assert sorted(r.rcpt_tos[0] for r in smtp_server.received) == sorted(p.email for p in people)


def test_the_last_retry_marks_failed_through_the_worker(worker_thread, smtp_server, settings):
    """When SMTP never comes back the worker gives up after its retries and marks the row failed."""
    settings.REMINDER_RETRY_BASE_SECONDS = 0.1
    settings.REMINDER_MAX_RETRIES = 2
    deliverables_due_in(7, 1)
    smtp_server.down()
    reminder_dispatch_due(today=timezone.localdate())
    wait_for(lambda: statuses() == ["failed"], what="the reminder marked failed")
    log = ReminderLog.objects.get()
    assert log.attempts == 3
    assert log.last_error.startswith("gave up after 3 attempts")


def test_concurrent_daily_runs_record_and_send_each_reminder_once():
    """Four daily runs at the same moment on PostgreSQL: one row and one e-mail per reminder."""
    require_postgresql()
    people = deliverables_due_in(7, 20)
    today = timezone.localdate()
    barrier = threading.Barrier(4)
    queued: list[list[int]] = []
    errors: list[BaseException] = []

    def daily_run():
        try:
            barrier.wait()
            queued.append([log.pk for log in reminder_dispatch_due(today=today)])
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=daily_run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    all_queued = [pk for run in queued for pk in run]
    assert len(all_queued) == len(set(all_queued)) == 20
    assert statuses() == ["sent"] * 20
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)


def test_a_key_recorded_meanwhile_by_another_transaction_is_left_to_it():
    """The plain INSERT meets a key another transaction inserted and had not committed: it
    waits, fails, and the run records the rest with ON CONFLICT DO NOTHING (the slow path);
    a run with no collision never takes it."""
    require_postgresql()
    deliverables_due_in(7, 5)
    today = timezone.localdate()
    due = reminders_due(today=today, policy=reminder_policy_get())
    assert len(due) == 5
    taken = due[2]  # a key in the middle: the run has inserted rows before it meets it
    inserted, go = threading.Event(), threading.Event()

    def other_transaction():
        try:
            with transaction.atomic():
                deliverable_id, recipient_id, key, due_date = taken
                ReminderLog.objects.create(
                    deliverable_id=deliverable_id,
                    recipient_id=recipient_id,
                    reminder=key,
                    due_date=due_date,
                )
                inserted.set()
                go.wait(30)
                wait_for(waiting_for_a_lock, timeout=30, what="the run to wait")
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_transaction)
    thread.start()
    assert inserted.wait(30)
    go.set()
    with (
        mock.patch("mandates.tasks.reminders_send.delay") as send,
        CaptureQueriesContext(connection) as queries,
    ):
        queued = reminders_queue_due(today=today)
    thread.join(60)
    assert queued == 4
    assert sorted(ReminderLog.objects.values_list("deliverable_id", "recipient_id")) == sorted(
        (d, c) for d, c, _, _ in due
    )
    assert ReminderLog.objects.filter(status="queued").count() == 5
    assert send.call_count == 4
    assert sum("ON CONFLICT DO NOTHING" in q["sql"] for q in queries.captured_queries) == 1

    ReminderLog.objects.all().delete()
    with (
        mock.patch("mandates.tasks.reminders_send.delay"),
        CaptureQueriesContext(connection) as queries,
    ):
        assert reminders_queue_due(today=today) == 5
    assert not any("ON CONFLICT" in q["sql"] for q in queries.captured_queries)


def test_two_workers_sending_the_same_rows_send_each_once(smtp_server):
    """Two workers given the same reminders at once: skip_locked claims give each to one."""
    require_postgresql()
    deliverables_due_in(14, 10)
    # Record the rows without sending (as if the queue held them), then race two senders.
    with mock.patch("mandates.tasks.reminders_send.delay"):
        logs = reminder_dispatch_due(today=timezone.localdate())
    ids = [log.pk for log in logs]
    barrier = threading.Barrier(2)
    results: list = []

    def worker():
        try:
            barrier.wait()
            results.extend(reminder_send(reminder_id=pk) for pk in ids)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len([r for r in results if r is not None]) == 10
    assert statuses() == ["sent"] * 10
    assert len(smtp_server.received) == 10
    assert len({r.rcpt_tos[0] for r in smtp_server.received}) == 10


def _database_url() -> str:
    """The test database, for a process of its own."""
    db = connection.settings_dict
    return "postgres://{user}:{password}@{host}:{port}/{name}".format(
        user=quote(db["USER"] or ""),
        password=quote(db["PASSWORD"] or ""),
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        name=db["NAME"],
    )


def _worker_process(smtp_port: int, redis_url: str = "") -> subprocess.Popen:
    """`celery worker` in its own process group, on the test database and the test broker."""
    url = _database_url()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": redis_url or settings.REDIS_URL,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "REMINDER_RETRY_BASE_SECONDS": "0.5",
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "tracker",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=WARNING",
            f"--hostname=killtest-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        os.killpg(process.pid, sig)
        process.wait(30)


def test_a_worker_killed_mid_batch_and_restarted_sends_each_reminder_once(
    broker, smtp_server, settings
):
    """SIGKILL during the third SMTP conversation, restart: every reminder arrives exactly once."""
    require_postgresql()
    people = deliverables_due_in(14, 6)
    smtp_server.handler.hold_at = 3  # hold the third conversation at RCPT TO
    first = _worker_process(smtp_server.port)
    try:
        reminder_dispatch_due(today=timezone.localdate())
        assert smtp_server.handler.held.wait(60), "the worker never reached the third message"
        _stop(first, signal.SIGKILL)  # dies before DATA: that message was never accepted
    finally:
        _stop(first, signal.SIGKILL)
        smtp_server.handler.release.set()
    assert len(smtp_server.received) == 2
    assert statuses() == ["queued"] * 3 + ["sending"] + ["sent"] * 2
    second = _worker_process(smtp_server.port)
    try:
        wait_for(lambda: statuses().count("sent") == 5, what="the rest of the batch")
        # The killed worker's row stays "sending"; the next daily run finds it stale.
        settings.REMINDER_REQUEUE_AFTER_MINUTES = 0
        requeued = reminder_dispatch_due(today=timezone.localdate())
        assert [log.status for log in requeued] == ["queued"]
        wait_for(lambda: statuses() == ["sent"] * 6, what="the lost reminder sent")
        time.sleep(1)
    finally:
        _stop(second)
    received = sorted(r.rcpt_tos[0] for r in smtp_server.received)
    assert received == sorted(p.email for p in people)
    lost = ReminderLog.objects.get(recipient__email=smtp_server.received[-1].rcpt_tos[0])
    assert lost.attempts == 2
    # The killed worker's message stays unacknowledged in Redis until its visibility timeout;
    # delivered again it would find the row sent and do nothing. The broker fixture drops it.


# --- Faults (issue 14) -------------------------------------------------------------------------


def test_a_server_answering_451_for_good_fails_after_max_retries_and_admin_retry_sends(
    worker_thread, smtp_server, settings, staff_client
):
    """451 on every try: failed after REMINDER_MAX_RETRIES (above Celery's 3), then "Retry" sends."""
    settings.REMINDER_RETRY_BASE_SECONDS = 0.05
    settings.REMINDER_MAX_RETRIES = 5
    people = deliverables_due_in(7, 3)
    smtp_server.handler.rcpt_reply = "451 4.3.0 Mailbox temporarily unavailable"
    reminder_dispatch_due(today=timezone.localdate())
    wait_for(lambda: statuses() == ["failed"] * 3, what="every reminder marked failed")
    logs = list(ReminderLog.objects.all())
    assert {log.attempts for log in logs} == {6}
    assert all(log.last_error.startswith("gave up after 6 attempts: SMTP") for log in logs)
    assert smtp_server.received == []
    smtp_server.handler.rcpt_reply = "250 OK"
    response = staff_client.post(
        reverse("admin:mandates_reminderlog_changelist"),
        {"action": "retry", "_selected_action": [log.pk for log in logs]},
        follow=True,
    )
    assert "3 failed reminder(s) queued again." in response.content.decode()
    wait_for(lambda: statuses() == ["sent"] * 3, what="the retried reminders sent")
    assert sorted(r.rcpt_tos[0] for r in smtp_server.received) == sorted(p.email for p in people)


def test_a_relay_that_answers_data_after_the_timeout_gets_each_message_once(
    worker_thread, smtp_server, settings
):
    """The server takes the message and answers after EMAIL_TIMEOUT: no second send, failed."""
    settings.EMAIL_TIMEOUT = 1
    settings.REMINDER_RETRY_BASE_SECONDS = 0.1
    smtp_server.handler.data_delay = 2.5
    people = deliverables_due_in(7, 2)
    reminder_dispatch_due(today=timezone.localdate())
    wait_for(lambda: statuses() == ["failed"] * 2, what="both reminders marked failed")
    time.sleep(3)  # time for retries, had there been any
    assert sorted(r.rcpt_tos[0] for r in smtp_server.received) == sorted(p.email for p in people)
    for log in ReminderLog.objects.all():
        assert log.attempts == 1
        assert log.last_error.startswith("not sent again: the server may have accepted it")


def test_many_reminders_to_one_person_on_one_day_go_out_as_one_email(worker_thread, smtp_server):
    """Three deliverables due, overdue and escalated to one person: one e-mail lists them all,
    the overdue one once (its reminder and escalation are one entry, one calendar event)."""
    person = factories.ContactFactory()
    today = timezone.localdate()
    titles = []
    for days in (7, 14, -21):
        deliverable, _ = factories.responsible_deliverable(today + timedelta(days=days))
        deliverable.mandate.actor.contacts.set([person])
        titles.append(deliverable.title)
    deliverable.mandate.actor.focal_point = person  # the overdue one is escalated to them too
    deliverable.mandate.actor.save()
    logs = reminder_dispatch_due(today=today)
    assert len(logs) == 4
    wait_for(lambda: statuses() == ["sent"] * 4, what="the reminders sent")
    time.sleep(1)
    (received,) = smtp_server.received
    assert received.rcpt_tos == [person.email]
    assert received.subject == "[3 reminders] 1 overdue, 2 due soon"
    text = received.message.get_body(("plain",)).get_content()
    for title in titles:
        assert title in text
    assert "You are the focal point" in text
    assert text.count(titles[-1]) == 1
    assert "3 deliverables you are responsible for" in text
    (attachment,) = list(received.message.iter_attachments())
    uids = [
        str(e["UID"]) for e in icalendar.Calendar.from_ical(attachment.get_content()).walk("VEVENT")
    ]
    assert len(uids) == len(set(uids)) == 3


def _manage(
    *args: str, redis_url: str, smtp_port: int, timeout: float = 120
) -> subprocess.CompletedProcess:
    """manage.py in a process of its own, on the test database and the given broker."""
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "REDIS_URL": redis_url,
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "CELERY_TASK_ALWAYS_EAGER": "0",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _worker_answers(redis_url: str) -> bool:
    with broker_at(redis_url):
        return bool(celery_ping(timeout=1))


def test_send_reminders_with_the_broker_down_says_so_and_a_rerun_queues_them(
    private_redis, smtp_server
):
    """Broker down: one clear line, exit 1, nothing recorded; once it is back a re-run sends all."""
    require_postgresql()
    people = deliverables_due_in(7, 4)
    private_redis.down()
    down = _manage("send_reminders", redis_url=private_redis.url(), smtp_port=smtp_server.port)
    assert down.returncode == 1
    (line,) = down.stderr.strip().splitlines()
    assert "reminders not queued: the broker is unreachable" in line
    # what holds: this run's decisions were undone (it said "5 of 5 reminder log rows were
    # not queued and will be queued by the next run")
    assert line.endswith("; nothing recorded: run it again once the broker is back")
    assert "Traceback" not in down.stderr
    assert ReminderLog.objects.count() == 0
    private_redis.up()
    worker = _worker_process(smtp_server.port, redis_url=private_redis.url())
    try:
        # the re-run asks for a worker's answer once it has queued them
        wait_for(lambda: _worker_answers(private_redis.url()), what="the worker started")
        rerun = _manage("send_reminders", redis_url=private_redis.url(), smtp_port=smtp_server.port)
        assert rerun.returncode == 0, rerun.stderr
        assert rerun.stdout.rstrip().endswith("4 reminder(s) queued.")
        wait_for(lambda: statuses() == ["sent"] * 4, what="the re-run's reminders sent")
    finally:
        _stop(worker)
    assert sorted(r.rcpt_tos[0] for r in smtp_server.received) == sorted(p.email for p in people)


def test_send_reminders_with_the_broker_hung_says_so_and_ends(smtp_server):
    """Redis takes connections and never answers: the same one line and exit 1 as with
    Redis down, nothing recorded (the command never returned, and its rows stayed queued
    with no task until the next morning's run)."""
    require_postgresql()
    deliverables_due_in(7, 2)
    with SilentServer() as hung:
        result = _manage(
            "send_reminders", redis_url=hung.url(), smtp_port=smtp_server.port, timeout=60
        )
    assert result.returncode == 1, result.stdout + result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "reminders not queued: the broker is unreachable" in line
    assert "Timeout reading from socket" in line
    assert ReminderLog.objects.count() == 0


def test_send_reminders_says_when_no_worker_answers(broker):
    """Queued on a real Redis with no worker running: the reminders are queued and stay so,
    and the command says no worker answered, exit status 1 (it said "queued" and exited 0,
    and nothing would send them)."""
    deliverables_due_in(7, 2)
    out = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("send_reminders", stdout=out)
    assert out.getvalue().rstrip().endswith("2 reminder(s) queued.")
    assert "2 reminder(s) queued, but no Celery worker answered a ping" in str(raised.value)
    assert "they go out once a worker runs" in str(raised.value)
    assert statuses() == ["queued"] * 2


def test_send_reminders_with_a_worker_running_says_nothing_more(worker_thread, smtp_server):
    """The control: with a worker answering, the run ends as before and the worker sends."""
    deliverables_due_in(7, 2)
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue().rstrip().endswith("2 reminder(s) queued.")
    wait_for(lambda: statuses() == ["sent"] * 2, what="the reminders sent")


def test_a_session_date_corrected_by_a_day_sends_nothing_again(worker_thread, smtp_server):
    """Reminders sent through the worker; the session moves a day; the next run sends none."""
    from mandates.models import Session
    from mandates.services.schedule import deliverable_due_date_refresh, session_reschedule

    today = timezone.localdate()
    session = factories.SessionFactory(
        number=990, start=today + timedelta(days=84), end=today + timedelta(days=100)
    )
    people = []
    for _ in range(3):  # due 70 days before the session opens: in 14 days
        deliverable, (person,) = factories.responsible_deliverable(
            None, due_session=session, due_relation="at"
        )
        deliverable_due_date_refresh(deliverable=deliverable)
        people.append(person)
    assert len(reminder_dispatch_due(today=today)) == 3
    wait_for(lambda: statuses() == ["sent"] * 3, what="the first reminders sent")
    session = Session.objects.get(pk=session.pk)
    session_reschedule(session=session, start=session.start + timedelta(days=1), end=session.end)
    assert reminder_dispatch_due(today=today) == []
    time.sleep(1)
    assert sorted(r.rcpt_tos[0] for r in smtp_server.received) == sorted(p.email for p in people)
