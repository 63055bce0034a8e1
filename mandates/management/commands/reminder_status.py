"""Report where reminders and digests stand: counts per status, oldest queued, failures."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from mandates.services.outgoing import outgoing_failed_label, outgoing_status_summary


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
                    minutes = int(abs((now - when).total_seconds()) // 60)
                    # a reminder waiting to be tried again is queued for a moment to come
                    age = f"{minutes} min ago" if when <= now else f"retry in {minutes} min"
                    local = timezone.localtime(when)
                    self.stdout.write(f"  oldest {what}: {local:%Y-%m-%d %H:%M} ({age})")
            for row in info["failed"]:
                self.stdout.write(
                    f"  failed #{row.pk}: {outgoing_failed_label(row)} - {row.last_error[:100]}"
                )
