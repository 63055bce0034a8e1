"""`manage.py demo_setup`: a demo admin user and the example resolutions."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from mandates.services.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_user_ensure
from mandates.services.ingest import resolution_ingest_many
from mandates.services.schedule import sessions_mark_held

EXAMPLES = Path(settings.BASE_DIR) / "examples"


class Command(BaseCommand):
    help = (
        "Create the demo admin user, mark the sessions with announced dates that have closed "
        "as held (the daily task does it where a worker runs; estimated dates stay "
        "estimated) and ingest the example resolutions in examples/."
    )

    def handle(self, *args, **options):
        demo_user_ensure()
        held = sessions_mark_held(today=timezone.localdate())
        if held:
            self.stdout.write(f"{held} past session(s) marked held")
        for outcome in resolution_ingest_many(paths=[EXAMPLES]):
            detail = outcome.reason or f"{outcome.symbol}, {outcome.deliverables} deliverables"
            self.stdout.write(f"{outcome.status:<10} {outcome.source_name}: {detail}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Log in at http://127.0.0.1:8000/admin/ as {DEMO_USERNAME} / {DEMO_PASSWORD}"
            )
        )
