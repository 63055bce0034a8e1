"""`manage.py demo_setup`: a demo admin user and the example resolutions."""

from django.core.management.base import BaseCommand

from mandates.services.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_user_ensure


class Command(BaseCommand):
    help = "Create the demo admin user and load the example resolutions."

    def handle(self, *args, **options):
        demo_user_ensure()
        self.stdout.write(
            self.style.SUCCESS(
                f"Log in at http://127.0.0.1:8000/admin/ as {DEMO_USERNAME} / {DEMO_PASSWORD}"
            )
        )
