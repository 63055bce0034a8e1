"""`manage.py ingest PATH... [--dry-run]`: store resolutions and their deliverables."""

from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mandates.extraction.readers import SUPPORTED_TYPES
from mandates.services.ingest import (
    IngestOutcome,
    paths_expand,
    paths_skipped,
    resolution_ingest_many,
)


class Command(BaseCommand):
    help = f"Ingest resolution files and folders ({SUPPORTED_TYPES}); each file in its own transaction."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would change, store nothing"
        )

    def handle(self, *args, paths, dry_run, verbosity, **options):
        skipped = paths_skipped(paths)
        for path, reason in skipped:  # skipped, not failed: the exit status stays 0
            self.stdout.write(f"skipped    {path.name}: {reason}")
        missing = [path for path in paths if not Path(path).exists()]
        if missing:
            raise CommandError(f"no such file or folder: {', '.join(missing)}")
        empty = [path for path in paths if not paths_expand([path])]
        if empty:
            listed = f": skipped {len(skipped)} file(s) of other types, listed above"
            raise CommandError(
                f"{', '.join(empty)}: holds no resolution files ({SUPPORTED_TYPES})"
                + (listed if skipped else "")
            )
        total = len(paths_expand(paths))
        show_bar = total > 1 and verbosity > 0

        def progress(done: int, total: int, outcome: IngestOutcome) -> None:
            if show_bar:
                filled = int(30 * done / total)
                self.stderr.write(
                    f"\r[{'#' * filled}{' ' * (30 - filled)}] {done}/{total} {outcome.source_name[:40]:<40}",
                    ending="",
                )
                if done == total:
                    self.stderr.write("")

        outcomes = resolution_ingest_many(paths=paths, dry_run=dry_run, on_progress=progress)
        for outcome in outcomes:
            if outcome.status == "failed":
                self.stdout.write(
                    self.style.ERROR(f"failed     {outcome.source_name}: {outcome.reason}")
                )
            elif outcome.status != "unchanged" or verbosity > 1 or outcome.reason:
                self.stdout.write(
                    f"{outcome.status:<10} {outcome.source_name} -> {outcome.symbol} "
                    f"({outcome.deliverables} deliverables)"
                )
                if outcome.reason:  # e.g. stored meanwhile by another import
                    self.stdout.write(f"           {outcome.reason}")
                for warning in outcome.warnings:
                    self.stdout.write(self.style.WARNING(f"           warning: {warning}"))
                if verbosity > 1 or dry_run:
                    for change in outcome.changes:
                        self.stdout.write(f"           {change}")
        counts = Counter(outcome.status for outcome in outcomes)
        prefix = "Dry run, nothing stored: " if dry_run else ""
        self.stdout.write(
            f"{prefix}{counts['new']} new, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged, {counts['failed']} failed"
            + (f", {len(skipped)} skipped" if skipped else "")
        )
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} file(s) failed", returncode=1)
