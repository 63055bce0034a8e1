"""Load official session dates from a CSV file: every row checked, all stored or none."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from mandates.services.schedule import SessionsFileError, sessions_csv_parse, sessions_load


class Command(BaseCommand):
    help = (
        "Load session dates from a CSV file with the columns body, session, part (regular, "
        "main, resumed or organizational), start, end (YYYY-MM-DD), status (actual/held, "
        "announced, estimated; or cancelled, postponed) and source; recompute the due dates "
        "of the sessions that moved, and flag for review the open deliverables due at a "
        "session cancelled or postponed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="the CSV file")

    def handle(self, *args, file: Path, **options):
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{file}: cannot read it ({error})") from error
        try:
            rows = sessions_csv_parse(text=text)
        except SessionsFileError as error:
            for line in error.errors:
                self.stderr.write(f"{file}: {line}")
            raise CommandError(
                f"{file}: {len(error.errors)} error(s), nothing was loaded"
            ) from error
        result = sessions_load(rows=rows, today=timezone.localdate())
        for session in result.kept:
            self.stdout.write(f"kept {session}: {result.kept_why[session.pk]}")
        for session in result.status_changed:
            self.stdout.write(f"{session} is now {session.get_status_display()}")
        for part, why in result.parts_kept:
            self.stdout.write(f"kept {part}: {why}")
        self.stdout.write(
            f"{len(result.created)} created, {len(result.updated)} updated,"
            f" {len(result.unchanged)} unchanged, {len(result.kept)} kept;"
            f" {result.due_dates_changed} due date(s) changed;"
            f" {result.marked_held} past session(s) marked held"
        )
        if result.parts_seen:
            self.stdout.write(
                f"session parts: {len(result.parts_created)} created,"
                f" {len(result.parts_updated)} updated, {len(result.parts_unchanged)} unchanged,"
                f" {len(result.parts_kept)} kept"
            )
        if result.status_changed:
            self.stdout.write(
                f"{result.flagged} open deliverable(s) due at a session cancelled or postponed"
                " flagged for review: their due dates stay until someone decides"
            )
        if result.considerations_flagged:
            self.stdout.write(
                f"{result.considerations_flagged} consideration(s) of a question at a session"
                " cancelled or postponed flagged for review"
            )
