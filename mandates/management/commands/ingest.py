"""`manage.py ingest PATH... [--dry-run]`: store resolutions and their deliverables.
`manage.py ingest --stored [--symbol S]... [--dry-run]`: after an upgrade, read the stored
originals of the resolutions an older extractor read again with the current one."""

from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mandates.extraction import EXTRACTOR_VERSION
from mandates.extraction.readers import SUPPORTED_TYPES
from mandates.services.ingest import (
    IngestError,
    IngestOutcome,
    paths_expand,
    paths_skipped,
    resolution_ingest_many,
    resolutions_read_again,
)


class Command(BaseCommand):
    help = (
        f"Ingest resolution files and folders ({SUPPORTED_TYPES}); each file in its own "
        "transaction. After an upgrade, --stored reads the stored originals again."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders")
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would change, store nothing"
        )
        parser.add_argument(
            "--stored",
            action="store_true",
            help=(
                "read again, with this extractor, the stored original files of the "
                "resolutions another extractor version read (run after an upgrade)"
            ),
        )
        parser.add_argument(
            "--symbol",
            action="append",
            dest="symbols",
            metavar="SYMBOL",
            help="with --stored: only this resolution (repeat for several)",
        )

    def handle(self, *args, paths, dry_run, stored, symbols, verbosity, **options):
        if stored and paths:
            raise CommandError("--stored reads the stored originals: give no PATH with it")
        if symbols and not stored:
            raise CommandError("--symbol chooses stored resolutions: use it with --stored")
        if not stored and not paths:
            raise CommandError("give the files or folders to ingest, or --stored")
        skipped = [] if stored else self._paths_checked(paths)

        def progress(done: int, total: int, outcome: IngestOutcome) -> None:
            if total > 1 and verbosity > 0:
                filled = int(30 * done / total)
                self.stderr.write(
                    f"\r[{'#' * filled}{' ' * (30 - filled)}] {done}/{total} {outcome.source_name[:40]:<40}",
                    ending="",
                )
                if done == total:
                    self.stderr.write("")

        if stored:
            try:
                outcomes = resolutions_read_again(
                    symbols=symbols, dry_run=dry_run, on_progress=progress
                )
            except IngestError as error:
                raise CommandError(str(error)) from error
            if not outcomes:
                self.stdout.write(
                    f"Nothing to do: every resolution was read by extractor {EXTRACTOR_VERSION}."
                )
                return
        else:
            outcomes = resolution_ingest_many(paths=paths, dry_run=dry_run, on_progress=progress)
        for outcome in outcomes:
            if outcome.status == "failed":
                symbol = f" ({outcome.symbol})" if outcome.symbol else ""
                self.stdout.write(
                    self.style.ERROR(f"failed     {outcome.source_name}{symbol}: {outcome.reason}")
                )
            elif outcome.status == "skipped":  # --stored: its original is missing
                self.stdout.write(
                    self.style.WARNING(
                        f"skipped    {outcome.source_name} ({outcome.symbol}): {outcome.reason}"
                    )
                )
            elif outcome.status != "unchanged" or verbosity > 1 or outcome.reason:
                self.stdout.write(
                    f"{outcome.status:<10} {outcome.source_name} -> {outcome.symbol} "
                    f"({outcome.deliverables} deliverable{'' if outcome.deliverables == 1 else 's'})"
                )
                if outcome.reason:  # e.g. stored meanwhile by another import
                    self.stdout.write(f"           {outcome.reason}")
                for link in outcome.links:  # "revision of A/HRC/62/L.5: 4 carried over"
                    self.stdout.write(f"           {link}")
                for warning in outcome.warnings:
                    self.stdout.write(self.style.WARNING(f"           warning: {warning}"))
                if verbosity > 1 or dry_run:
                    for change in outcome.changes:
                        self.stdout.write(f"           {change}")
        counts = Counter(outcome.status for outcome in outcomes)
        # Skipped, not failed, the exit status stays 0: a file of a folder of another type,
        # or (--stored) a resolution whose original is missing, which `status` lists until
        # a person gives the file again; failing every run would say nothing new.
        not_read = len(skipped) + counts["skipped"]
        prefix = "Dry run, nothing stored: " if dry_run else ""
        self.stdout.write(
            f"{prefix}{counts['new']} new, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged, {counts['failed']} failed"
            + (f", {not_read} skipped" if not_read else "")
        )
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} file(s) failed", returncode=1)

    def _paths_checked(self, paths: list[str]) -> list[tuple[Path, str]]:
        """The files of the folders that are skipped (printed); refuses paths that do not
        exist or hold no resolution files."""
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
        return skipped
