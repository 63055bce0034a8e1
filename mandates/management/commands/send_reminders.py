"""Decide today's reminders, record them and queue (or, without a broker, send) them.

Exit status 1 with one line on stderr: the broker did not take them (nothing recorded: run
it again once Redis is back), or they are queued but no Celery worker answered a ping
(they go out once a worker runs: start one, running this again is not needed)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from mandates.models import ReminderLog
from mandates.services.health import NO_WORKER_ANSWERED, celery_state
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
        if not dry_run:
            self._worker_answers(day, len(logs))

    def _worker_answers(self, day: date, queued: int) -> None:
        """Queued reminders wait for a worker: say so when none answers a ping."""
        from tracker.celery import app

        if app.conf.task_always_eager:  # sent in-process, no worker involved
            return
        state = celery_state(fresh=True)
        if state.startswith("ok"):
            return
        reason = state.removeprefix("error: ")
        detail = "" if reason == NO_WORKER_ANSWERED else f" ({reason})"
        raise CommandError(
            f"{day}: {queued} reminder(s) queued, but no Celery worker answered a ping"
            f"{detail}: they go out once a worker runs"
        )
