"""Measure the window in which a dying worker would send a reminder twice.

After the SMTP server accepted a message, the worker marks its reminder rows sent (one
UPDATE per row, autocommit). A worker killed in between leaves them "sending"; they are sent
again after REMINDER_REQUEUE_AFTER_MINUTES. This prints how long that window lasts, for an
e-mail carrying 1 reminder and one carrying 20 (a person's reminders of the day), on
PostgreSQL with a local SMTP server.

    python bench/duplicate_window.py        # BENCH_DATABASE_URL as in bench/django_setup.py
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from django_setup import django_for_bench

TRIALS = 30


def main() -> None:
    django_for_bench()
    from aiosmtpd.controller import Controller
    from django.conf import settings
    from django.core.mail import EmailMultiAlternatives
    from django.utils import timezone

    from mandates.models import ReminderLog
    from mandates.services import outgoing, reminders
    from tests import factories
    from tests.mail import RecordingHandler, free_port

    handler = RecordingHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "tracker.mail.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""

    moments: dict[str, float] = {}
    original_send, original_finish = EmailMultiAlternatives.send, outgoing.outgoing_finish

    def send(self, *args, **kwargs):
        result = original_send(self, *args, **kwargs)
        moments["accepted"] = time.perf_counter()
        return result

    def finish(row, status, *args, **kwargs):
        original_finish(row, status, *args, **kwargs)
        if status == ReminderLog.Status.SENT:
            moments["marked"] = time.perf_counter()

    EmailMultiAlternatives.send, outgoing.outgoing_finish = send, finish
    today = timezone.localdate()
    try:
        for size in (1, 20):
            windows = []
            for _ in range(TRIALS):
                person = factories.ContactFactory()
                ids = []
                for _ in range(size):
                    deliverable, _ = factories.responsible_deliverable(today + timedelta(days=7))
                    deliverable.mandate.actor.contacts.set([person])
                    ids.append(
                        factories.ReminderLogFactory(
                            deliverable=deliverable,
                            recipient=person,
                            reminder="before:7",
                            due_date=deliverable.due_date,
                        ).pk
                    )
                reminders.reminders_send(reminder_ids=ids, today=today)
                windows.append((moments["marked"] - moments["accepted"]) * 1000)
            print(
                f"e-mail with {size:>2} reminder(s): accepted -> marked sent in "
                f"median {statistics.median(windows):.1f} ms, max {max(windows):.1f} ms "
                f"({TRIALS} e-mails)"
            )
    finally:
        controller.stop()
    print(f"SMTP server received {len(handler.received)} e-mails")


if __name__ == "__main__":
    main()
