"""Is the installation healthy? Database, cache/broker and Celery workers."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

if TYPE_CHECKING:
    from kombu import Connection

CELERY_STATE_CACHE_KEY = "health:celery"
NO_WORKER_ANSWERED = "no worker answered"


def celery_ping(*, timeout: float, limit: int | None = None) -> list[dict]:
    """The workers' answers to a ping, waiting `timeout` seconds for them.

    On a connection of its own whose every step is bounded by `timeout` as well: one
    connection attempt (kombu's default retries for 4 s, sleeping 2 s between tries) and
    socket operations that end after a quarter of `timeout`, so an unreachable or hung
    broker costs about `timeout`, not the page's whole budget. A quarter: closing the
    connection waits one socket timeout for the reply queue's read still in flight (a
    whole `timeout` there made the page 0.41 s, not 0.21 s); the ping's wait for replies
    goes on across socket timeouts.

    The ping is published on that connection too, and tried once: Celery's control ping
    publishes on a connection of the app's pool and has kombu try again for as long as it
    takes (`Connection.ensure` without `max_retries`), so a Redis that answered the
    connection and then hung held the page for ever, connecting again every 3 s. Raises
    the broker's error."""
    from tracker.celery import app

    bounded = {
        "max_retries": 0,
        "socket_connect_timeout": timeout,
        "socket_timeout": timeout / 4,
    }
    with app.connection_for_write(connect_timeout=timeout, transport_options=bounded) as conn:
        return _ping_once(conn, timeout=timeout, limit=limit)


def _ping_once(conn: Connection, *, timeout: float, limit: int | None) -> list[dict]:
    """Celery's control ping (`app.control.ping`), published on `conn` and given up at the
    first error there."""
    from tracker.celery import app

    conn.ensure = partial(conn.ensure, max_retries=0)  # type: ignore[method-assign]
    mailbox = app.control.mailbox(conn)  # Celery's control exchange, bound to `conn`
    mailbox._producer_pool = None  # publish on `conn`, not on a connection of the app's pool
    return mailbox._broadcast("ping", {}, reply=True, timeout=timeout, limit=limit) or []


def celery_state(*, fresh: bool, use_cache: bool = True) -> str:
    """Whether a worker answers a ping. The answer is kept HEALTH_CELERY_CACHE_SECONDS so a
    monitor polling /health/ neither waits for the ping each time nor can tie up the web
    workers with it, and the page waits HEALTH_PAGE_CELERY_TIMEOUT at most; `fresh` (the
    status command) asks the workers again, waits longer and counts them. Without
    `use_cache` (the cache just failed its check) the cache is left alone: a hung one would
    cost its timeout twice more."""
    if use_cache and not fresh:
        try:
            cached = cache.get(CELERY_STATE_CACHE_KEY)
        except Exception:
            cached = None
        if cached:
            return cached
    try:
        # limit=1: done as soon as one worker answers (the timeout only runs out when none
        # does); the fresh check waits the whole timeout to count every worker.
        if fresh:
            replies = celery_ping(timeout=settings.HEALTH_CELERY_TIMEOUT)
        else:
            replies = celery_ping(timeout=settings.HEALTH_PAGE_CELERY_TIMEOUT, limit=1)
        state = f"ok ({len(replies)} worker(s))" if replies else f"error: {NO_WORKER_ANSWERED}"
    except Exception as error:
        state = f"error: {error}"
    if use_cache:
        with suppress(Exception):  # the cache's own state is reported separately
            cache.set(CELERY_STATE_CACHE_KEY, state, settings.HEALTH_CELERY_CACHE_SECONDS)
    return state


def health_check(*, fresh: bool = False) -> dict[str, str]:
    """Each component maps to "ok", "skipped (...)" or the error a person should read."""
    status: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        status["database"] = "ok"
    except Exception as error:  # report, never raise: this is the health page
        status["database"] = f"error: {error}"
    try:
        cache.set("health-check", "ok", 10)
        status["cache"] = "ok" if cache.get("health-check") == "ok" else "error: cache lost a value"
    except Exception as error:
        status["cache"] = f"error: {error}"
    if not settings.REDIS_URL:
        status["celery"] = "skipped (no REDIS_URL: tasks run in-process)"
    else:
        status["celery"] = celery_state(fresh=fresh, use_cache=status["cache"] == "ok")
    return status


def health_summary(status: dict[str, str]) -> dict[str, str]:
    """The status without details ("ok", "error" or "skipped" per component), for anyone
    who is not staff: error messages name hosts, users and versions."""
    return {component: state.split(" ")[0].rstrip(":") for component, state in status.items()}


def health_is_ok(status: dict[str, str]) -> bool:
    return all(not value.startswith("error") for value in status.values())


# --- The daily reminder run (celery beat) -----------------------------------------------

DAILY_REMINDERS_TASK = "mandates.tasks.reminders_dispatch"
# How far past its moment the daily run may be before `manage.py status` fails: beat
# records a run within minutes, and a run held up by maintenance is no fault; a day late
# means a whole day's reminders were not decided (the next run catches them up).
DAILY_RUN_LATE_AFTER = timedelta(days=1)


def beat_records_within() -> timedelta:
    """How long after a run celery beat may take to record it, in whole minutes: its
    DatabaseScheduler keeps a run's `last_run_at` in memory and writes it at its next sync,
    every `Scheduler.sync_every` (3 min), looked at once a tick (`beat_max_loop_interval`,
    5 s by default), and sends a task up to a tick after its moment. Until then the
    periodic task still reads as not run, so `status` reads a run this little late as
    not recorded yet, not as late."""
    from celery.beat import Scheduler
    from django_celery_beat.schedulers import DEFAULT_MAX_INTERVAL

    from tracker.celery import app

    tick = app.conf.beat_max_loop_interval or DEFAULT_MAX_INTERVAL
    seconds = Scheduler.sync_every + 2 * tick + 30  # 30 s: the save itself, clocks apart
    return timedelta(minutes=-(-seconds // 60))


@dataclass(frozen=True)
class DailyRun:
    """Where the daily reminder run stands, as beat recorded it (django-celery-beat keeps
    each periodic task's last run); `next_due` is None when no enabled task runs it."""

    last_run: datetime | None
    next_due: datetime | None
    now: datetime

    @property
    def late_by(self) -> timedelta:
        """How long past its moment the next run is (zero when it is not due yet)."""
        if self.next_due is None or self.next_due >= self.now:
            return timedelta(0)
        return self.now - self.next_due

    @property
    def unrecorded(self) -> bool:
        """Due so little ago that beat may have run it without recording it yet."""
        return timedelta(0) < self.late_by <= beat_records_within()

    @property
    def is_late(self) -> bool:
        return self.late_by > DAILY_RUN_LATE_AFTER


def daily_run_state() -> DailyRun:
    """When beat last ran the daily reminders and when it should run them next, from the
    enabled periodic tasks that run them (staff edit them in the admin; of several, the
    one due last counts). A task that never ran counts from when its schedule was saved,
    as beat does."""
    from django_celery_beat.models import PeriodicTask

    now = timezone.now()
    tasks = PeriodicTask.objects.filter(task=DAILY_REMINDERS_TASK).select_related(
        "crontab", "interval", "solar", "clocked"
    )
    last_runs = [task.last_run_at for task in tasks if task.last_run_at]
    due = []
    for task in tasks:
        if not task.enabled:
            continue
        since = task.last_run_at or task.date_changed
        moment = now + task.schedule.remaining_estimate(since)  # to the second: 07:00, not 06:59
        due.append((moment + timedelta(microseconds=500_000)).replace(microsecond=0))
    return DailyRun(last_run=max(last_runs, default=None), next_due=max(due, default=None), now=now)
