"""`manage.py status`: the state of reminders and of calendar feeds, for operators."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from mandates.services.feeds import feed_tokens_status, feeds_status
from mandates.services.health import health_check


class Command(BaseCommand):
    help = "Health, reminders (queued, sent, failed) and calendar feeds (cached or not)."

    def handle(self, *args, **options):
        """Exits 1 when a component is in error, so a monitor running it can tell."""
        self.stdout.write("Health")
        states = health_check(fresh=True)
        for component, state in states.items():
            self.stdout.write(f"  {component}: {state}")
        failing = [component for component, state in states.items() if state.startswith("error")]
        if "database" in failing:
            raise CommandError("the database is not reachable: no reminders or feeds to report")
        self.stdout.write("Reminders")
        call_command("reminder_status", stdout=self.stdout)
        self.stdout.write("Feeds")
        for row in feeds_status():
            cached = "cached" if row["cached"] else "not cached (rendered on next request)"
            changed = row["last_modified"].isoformat() if row["last_modified"] else "empty"
            self.stdout.write(f"  {row['name']} [{row['feed']}]: {cached}; last change {changed}")
        tokens = feed_tokens_status()
        self.stdout.write(
            f"  private feed tokens: {tokens['active']} active, {tokens['revoked']} revoked"
        )
        if failing:
            raise CommandError(f"in error: {', '.join(failing)}")
