"""Decide today's reminders, record them and queue (or, without a broker, send) them."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from mandates.models import ReminderLog
from mandates.services.outgoing import BrokerUnavailable
from mandates.services.reminders import (
    reminder_dispatch_due,
    reminder_label,
    reminder_subject,
)


class Command(BaseCommand):
    help = "Print and send (or with --dry-run only print) the reminders due today."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Print, record nothing.")
        parser.add_argument("--today", help="Pretend today is YYYY-MM-DD (Geneva time).")

    def handle(self, *args, dry_run: bool = False, today: str | None = None, **options):
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--today: {error}") from error
        try:
            logs = reminder_dispatch_due(today=day, dry_run=dry_run)
        except BrokerUnavailable as error:  # one line, no traceback, exit status 1
            raise CommandError(f"{day}: reminders not queued: {error}") from error
        if not dry_run:  # read back with what the lines print, and the status after sending
            ids = [log.pk for log in logs]
            logs = [
                log
                for start in range(0, len(ids), 1000)
                for log in ReminderLog.objects.filter(pk__in=ids[start : start + 1000])
                .select_related(
                    "deliverable__mandate__resolution", "deliverable__due_session__body"
                )
                .select_related("recipient")
                .order_by("due_date", "deliverable_id", "recipient_id")
            ]
        for log in logs:
            escalation = log.reminder.startswith("escalation:")
            label = reminder_label(due_date=log.due_date, today=day, escalation=escalation)
            subject = reminder_subject(deliverable=log.deliverable, label=label)
            status = "would send" if dry_run else log.status
            self.stdout.write(
                f"{status:<10} {log.reminder:<14} {log.recipient.email:<40} {subject}"
            )
        verb = "would be sent" if dry_run else "queued"
        self.stdout.write(f"{day}: {len(logs)} reminder(s) {verb}.")
