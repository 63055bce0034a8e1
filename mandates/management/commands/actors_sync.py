"""`manage.py actors_sync [--dry-run]`: bring the packaged actor table into the database."""

from django.core.management.base import BaseCommand

from mandates.services.actors import actors_sync


class Command(BaseCommand):
    help = (
        "Add new and changed actors, aliases and kinds from mandates/extraction/data/actors.json "
        "to the database; what staff edited is left alone. `migrate` runs it too."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would change, store nothing"
        )

    def handle(self, *args, dry_run, verbosity, **options):
        report = actors_sync(dry_run=dry_run)
        for label, lines in (
            ("added", report.added),
            ("updated", report.updated),
            ("left alone", report.left_alone),
        ):
            for line in lines:
                self.stdout.write(f"{label:<11}{line}")
        prefix = "Dry run, nothing stored: " if dry_run else ""
        self.stdout.write(f"{prefix}{report.summary()}")
