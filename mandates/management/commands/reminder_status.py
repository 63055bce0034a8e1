"""Report where reminders and digests stand: counts per status, oldest queued, retries
(with the error they wait out), failures."""

import math
from datetime import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from mandates.services.outgoing import outgoing_failed_label, outgoing_status_summary


def _when(moment: datetime, now: datetime) -> str:
    """ "2026-12-07 07:24 (12 min ago)", or "(retry in 1 min)" for a moment to come (a
    reminder waiting to be tried again is queued for then): whole minutes, rounded up, so
    a retry 60 s away is not "in 0 min"."""
    seconds = (now - moment).total_seconds()
    if seconds >= 0:
        age = f"{int(seconds // 60)} min ago"
    else:
        age = f"retry in {math.ceil(-seconds / 60)} min"
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M} ({age})"


class Command(BaseCommand):
    help = "Counts of queued, sending, sent, failed and skipped reminders and digests."

    def handle(self, *args, **options):
        now = timezone.now()
        for label, info in outgoing_status_summary().items():
            counts = "  ".join(f"{status} {n}" for status, n in info["counts"].items())
            self.stdout.write(f"{label}: {counts}")
            for key, what in (("oldest_queued", "queued"), ("oldest_sending", "sending")):
                when = info[key]
                if when:
                    self.stdout.write(f"  oldest {what}: {_when(when, now)}")
            if info["retrying"]:
                self.stdout.write(
                    f"  waiting to be tried again: {info['retrying']}, next attempt "
                    f"{_when(info['next_retry'], now)}; last error: {info['retry_error'][:200]}"
                )
            for row in info["failed"]:
                self.stdout.write(
                    f"  failed #{row.pk}: {outgoing_failed_label(row)} - {row.last_error[:100]}"
                )
