"""Bench: deciding reminders over many deliverables, and sending them through SMTP.

    python bench/reminders.py [--deliverables 100000] [--send 500]

Uses DATABASE_URL (default: a throw-away SQLite file in /tmp) and, when REDIS_URL is set, a
real `celery worker` process (solo pool, one worker) for the sending; otherwise the sends run
in this process one after the other. Mail goes to an aiosmtpd server on 127.0.0.1.
Prints the figures (the first run's decision beside its goal, bench/goals.py, as a ratio to
one query reading every deliverable in the same run); nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from unittest import mock

from goals import report  # bench/goals.py: this script's folder is on sys.path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("LOG_LEVEL", "WARNING")
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.gettempdir()}/mt_bench_reminders.sqlite3"


def setup_django() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    if os.environ["DATABASE_URL"].startswith("sqlite"):
        Path(os.environ["DATABASE_URL"].removeprefix("sqlite:///")).unlink(missing_ok=True)
    import importlib

    from django.apps import apps

    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)  # a bench database is throw-away
    importlib.import_module("mandates.migrations.0002_default_data").load(apps, None)


def populate(n: int) -> None:
    """n deliverables over 500 actors (two contacts each), due from 60 days ago to 400 ahead."""
    from django.utils import timezone

    from mandates import models

    rng = random.Random(42)
    today = timezone.localdate()
    hrc = models.Body.objects.get(code="HRC")
    contacts = models.Contact.objects.bulk_create(
        models.Contact(name=f"Officer {i}", email=f"officer{i}@ohchr.example.org")
        for i in range(1000)
    )
    actors = models.Actor.objects.bulk_create(
        models.Actor(name=f"Actor {i}", focal_point=contacts[i]) for i in range(500)
    )
    models.Actor.contacts.through.objects.bulk_create(
        models.Actor.contacts.through(actor_id=a.pk, contact_id=contacts[(2 * i + k) % 1000].pk)
        for i, a in enumerate(actors)
        for k in range(2)
    )
    resolutions = models.Resolution.objects.bulk_create(
        models.Resolution(symbol=f"A/HRC/RES/59/{i}", body=hrc, title=f"Resolution {i}")
        for i in range(1000)
    )
    mandates = models.Mandate.objects.bulk_create(
        models.Mandate(resolution=r, paragraph_label=str(i % 40 + 1), actor=actors[i % 500])
        for i, r in enumerate(resolutions * 2)
    )
    models.Deliverable.objects.bulk_create(
        (
            models.Deliverable(
                mandate=mandates[i % len(mandates)],
                title=f"Report {i}",
                due_date=today + timedelta(days=rng.randint(-60, 400)),
                quote="Requests the High Commissioner to present a report",
            )
            for i in range(n)
        ),
        batch_size=5000,
    )
    ids = list(models.Deliverable.objects.values_list("id", flat=True))
    through = models.Deliverable.assignees.through
    through.objects.bulk_create(
        (through(deliverable_id=d, contact_id=contacts[rng.randrange(1000)].pk) for d in ids[::10]),
        batch_size=5000,
    )
    muted = models.Deliverable.reminder_opt_outs.through
    muted.objects.bulk_create(
        (muted(deliverable_id=d, contact_id=contacts[rng.randrange(1000)].pk) for d in ids[::100]),
        batch_size=5000,
    )


def decide(label: str, days_ahead: int = 0) -> tuple[int, float]:
    """The daily run (what the scheduled task calls): (reminders queued, seconds)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from mandates.services.reminders import reminders_queue_due

    with (
        mock.patch("mandates.tasks.reminders_send.delay"),
        CaptureQueriesContext(connection) as queries,
    ):
        start = time.perf_counter()
        count = reminders_queue_due(today=timezone.localdate() + timedelta(days=days_ahead))
        elapsed = time.perf_counter() - start
    print(f"{label}: {count:>7} reminders recorded in {elapsed:6.2f} s, {len(queries)} queries")
    return count, elapsed


def read_deliverables() -> float:
    """The reference: one plain query reading every deliverable's id, due date and mandate."""
    from mandates.models import Deliverable

    start = time.perf_counter()
    rows = list(Deliverable.objects.values_list("id", "due_date", "mandate_id"))
    elapsed = time.perf_counter() - start
    print(f"reference: {len(rows)} deliverables read in one query in {elapsed:.2f} s")
    return elapsed


def send(count: int) -> None:
    from aiosmtpd.controller import Controller
    from django.conf import settings
    from django.utils import timezone

    from mandates.models import ReminderLog
    from mandates.tasks import reminder_send
    from tests.mail import RecordingHandler, free_port

    handler = RecordingHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    ids = list(
        ReminderLog.objects.filter(status="queued").order_by("id").values_list("id", flat=True)
    )[:count]
    ReminderLog.objects.exclude(id__in=ids).update(status="skipped")
    today = timezone.localdate().isoformat()
    try:
        if settings.REDIS_URL:
            from tracker.celery import app

            app.conf.task_always_eager = False
            for pk in ids:
                reminder_send.delay(pk, today)
            env = {**os.environ, "EMAIL_URL": f"smtp://127.0.0.1:{port}"}
            env["CELERY_TASK_ALWAYS_EAGER"] = "0"
            worker = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "tracker", "worker", "--pool=solo",
                 "--without-gossip", "--without-mingle", "--loglevel=WARNING"],
                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )  # fmt: skip
            try:
                while not handler.received:
                    time.sleep(0.01)  # measure from the first delivery: not the worker's boot
                start = time.perf_counter()
                first = len(handler.received)
                while ReminderLog.objects.filter(id__in=ids, status="sent").count() < len(ids):
                    time.sleep(0.05)
                elapsed = time.perf_counter() - start
                sent = len(ids) - first
                how = "one celery worker (solo pool) through Redis"
            finally:
                worker.terminate()
                worker.wait(30)
        else:
            settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
            settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
            start = time.perf_counter()
            for pk in ids:
                reminder_send(pk, today)
            elapsed = time.perf_counter() - start
            sent = len(ids)
            how = "in-process (no REDIS_URL)"
    finally:
        controller.stop()
    print(
        f"sending: {sent} e-mails (text + HTML + .ics) in {elapsed:.2f} s = "
        f"{sent / elapsed:.0f} e-mails/s, {how}; SMTP server received {len(handler.received)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deliverables", type=int, default=100_000)
    parser.add_argument("--send", type=int, default=500)
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    print(f"database: {connection.vendor}; deliverables: {args.deliverables}")
    start = time.perf_counter()
    populate(args.deliverables)
    print(f"populate: {time.perf_counter() - start:.1f} s")
    reference = read_deliverables()
    count, elapsed = decide("decide, first run ")
    decide("decide, second run")
    decide("decide, next day  ", days_ahead=1)
    report(
        f"reminder decision, first run ({count:,} new, {args.deliverables:,} deliverables)",
        elapsed,
        "s",
        goal=1.0,
        reference=("reading every deliverable in one query", reference),
    )
    if args.send:
        send(args.send)


if __name__ == "__main__":
    main()
