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
from pathlib import Path
from unittest import mock
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection, connections
from django.utils import timezone

from mandates.models import ReminderLog
from mandates.services.reminders import reminder_dispatch_due, reminder_send
from tests import factories
from tracker.celery import app

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parent.parent


def require(condition: bool, reason: str) -> None:
    """Skip locally when a service is missing; fail in CI, where every service must be there."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must run this test: {reason}")
    pytest.skip(reason)


def require_redis() -> None:
    require(bool(settings.REDIS_URL), "needs a real Redis broker (set REDIS_URL)")


def require_postgresql() -> None:
    require(connection.vendor == "postgresql", "needs PostgreSQL (set DATABASE_URL)")


def wait_for(predicate, *, timeout: float = 60, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def purge_broker() -> None:
    """Empty the queue and drop unacknowledged messages left by earlier (killed) workers."""
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(app.conf.task_default_queue)
        conn.default_channel.client.delete("unacked", "unacked_index")


def deliverables_due_in(days: int, count: int) -> list:
    """`count` deliverables due `days` from today, each with its own responsible person."""
    due = timezone.localdate() + timedelta(days=days)
    return [factories.responsible_deliverable(due)[1][0] for _ in range(count)]


def statuses() -> list[str]:
    return sorted(ReminderLog.objects.values_list("status", flat=True))


@pytest.fixture
def broker():
    """Tasks go through the real Redis broker (not in-process) for this test."""
    require_redis()
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    purge_broker()
    yield app
    purge_broker()
    app.conf.task_always_eager = previous


@pytest.fixture
def worker_thread(broker):
    """A real Celery worker (solo pool) consuming from Redis in a thread of this process."""
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun

    def close_connections(**kwargs):
        connections.close_all()  # the worker thread's own connection; lets the test db go

    task_postrun.connect(close_connections, weak=False)
    try:
        with start_worker(
            app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30
        ) as worker:
            yield worker
    finally:
        task_postrun.disconnect(close_connections)


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


def test_two_workers_sending_the_same_rows_send_each_once(smtp_server):
    """Two workers given the same reminders at once: skip_locked claims give each to one."""
    require_postgresql()
    deliverables_due_in(14, 10)
    # Record the rows without sending (as if the queue held them), then race two senders.
    with mock.patch("mandates.tasks.reminder_send.delay_on_commit"):
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


def _worker_process(smtp_port: int) -> subprocess.Popen:
    """`celery worker` in its own process group, on the test database and the test broker."""
    db = connection.settings_dict
    url = "postgres://{user}:{password}@{host}:{port}/{name}".format(
        user=quote(db["USER"] or ""),
        password=quote(db["PASSWORD"] or ""),
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        name=db["NAME"],
    )
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": settings.REDIS_URL,
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
