"""`manage.py status`: the state of reminders, calendar feeds, resolutions and the original
files, for operators; `--remove-orphaned-files` removes the files an interrupted import
left."""

from datetime import datetime, timedelta
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from mandates.extraction import EXTRACTOR_VERSION
from mandates.services.contacts import contact_list_undeliverable
from mandates.services.feeds import feed_tokens_status, feeds_status
from mandates.services.health import (
    DAILY_REMINDERS_TASK,
    beat_records_within,
    daily_run_state,
    health_check,
)
from mandates.services.ingest import resolutions_to_read_again
from mandates.services.outgoing import (
    FAILED_RECENTLY,
    outgoing_failed_label,
    outgoing_failed_recently,
    outgoing_left_sending,
)
from mandates.services.source_files import (
    ORPHAN_MIN_AGE,
    UPLOAD_AGAIN,
    OriginalMissing,
    StoredFile,
    source_files_report,
    source_files_unnamed_remove,
)

# The resolutions with a missing original named one by one, at most (a media folder lost
# whole would list every resolution); `-v 2` names each.
MISSING_LISTED = 20


class Command(BaseCommand):
    help = (
        "Health, reminders (queued, sent, failed), calendar feeds (cached or not), "
        "resolutions read by another extractor version, the original files no "
        "resolution names (left by an interrupted import) and the resolutions whose "
        "original file is missing (-v 2 names each)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--remove-orphaned-files",
            action="store_true",
            help="remove the original files no resolution names, written more than "
            f"{_minutes()} minutes ago",
        )

    def handle(self, *args, remove_orphaned_files=False, verbosity=1, **options):
        """Exits 1 when a component is in error, an e-mail failed recently and waits for a
        person, an active contact's address was refused for good (no reminders reach
        them), an e-mail was left "sending" by a worker that stopped, the daily reminder run is
        over a day late, or an original file a resolution names is missing (or the folder
        cannot be read), so a monitor running it can tell."""
        self.stdout.write("Health")
        states = health_check(fresh=True)
        for component, state in states.items():
            self.stdout.write(f"  {component}: {state}")
        failing = [component for component, state in states.items() if state.startswith("error")]
        if "database" in failing:
            raise CommandError("the database is not reachable: no reminders or feeds to report")
        self.stdout.write("Reminders")
        reminders = StringIO()
        call_command("reminder_status", stdout=reminders)
        for line in reminders.getvalue().splitlines():
            self.stdout.write(f"  {line}")  # under its heading, as every section's lines are
        failing += self._failed_recently()
        failing += self._undeliverable()
        failing += self._left_sending()
        failing += self._daily_run()
        self.stdout.write("Feeds")
        for row in feeds_status():
            cached = "cached" if row["cached"] else "not cached (rendered on next request)"
            changed = (
                f"{timezone.localtime(row['last_modified']):%Y-%m-%d %H:%M:%S}"
                if row["last_modified"]
                else "none (no items yet)"
            )
            self.stdout.write(f"  {row['name']} [{row['feed']}]: {cached}; last change {changed}")
        tokens = feed_tokens_status()
        self.stdout.write(
            f"  private feed tokens: {tokens['active']} active, {tokens['revoked']} revoked"
        )
        self._resolutions()
        failing += self._source_files(remove=remove_orphaned_files, every=verbosity > 1)
        if failing:
            raise CommandError(f"in error: {', '.join(failing)}")

    def _failed_recently(self) -> list[str]:
        """The reminders and digests that failed in the last week and wait for a person
        (Retry, or marked skipped): nothing tries them again."""
        failing = []
        days = FAILED_RECENTLY.days
        for found in outgoing_failed_recently():
            if not found.count:
                self.stdout.write(f"  {found.label} failed in the last {days} days: none")
                continue
            failing.append(f"{found.label} failed")
            newest = found.newest
            assert newest is not None
            attempted = _local(newest.claimed_at or newest.queued_at)
            self.stdout.write(
                f"  {found.label} failed in the last {days} days: {found.count} (retry them "
                f"in the admin, or mark them skipped); newest #{newest.pk} at {attempted}: "
                f"{outgoing_failed_label(newest)} - {newest.last_error[:200]}"
            )
        return failing

    def _undeliverable(self) -> list[str]:
        """The active contacts whose address the mail server refused for good: no reminder
        or digest goes to them, and none is tried, until staff act, so `status` fails
        while one is marked (once per contact, not once per failed e-mail; those are left
        out of the failures above)."""
        label = "addresses refused for good"
        contacts = list(contact_list_undeliverable()[: MISSING_LISTED + 1])
        if not contacts:
            self.stdout.write(f"  {label}: none")
            return []
        count = contact_list_undeliverable().count() if len(contacts) > MISSING_LISTED else 0
        self.stdout.write(
            f"  {label}: {count or len(contacts)} active contact(s) get no reminders or "
            'digests. In the admin (Contacts, filter "address refused"): correct the '
            "address (that clears the mark; then Retry their failed reminders), make the "
            "contact inactive, or clear the mark once the mailbox works again"
        )
        for contact in contacts[:MISSING_LISTED]:
            assert contact.undeliverable_since is not None
            self.stdout.write(
                f"    {contact.name} <{contact.email}>, refused since "
                f"{_local(contact.undeliverable_since)}: {contact.undeliverable_error[:200]}"
            )
        if count:
            self.stdout.write(f"    and {count - MISSING_LISTED} more")
        return ["undeliverable addresses"]

    def _left_sending(self) -> list[str]:
        """Reminders and digests a worker claimed and never marked (it died mid-send): named
        once REMINDER_REQUEUE_AFTER_MINUTES have passed, when a run may queue them again."""
        failing = []
        minutes = settings.REMINDER_REQUEUE_AFTER_MINUTES
        for found in outgoing_left_sending():
            if not found.count:
                continue
            failing.append(f"{found.label} left sending")
            oldest = found.oldest
            assert oldest is not None and oldest.claimed_at is not None
            self.stdout.write(
                f"  {found.label} left sending for over {minutes} min "
                f"(REMINDER_REQUEUE_AFTER_MINUTES): {found.count}, their worker stopped "
                f"before marking them; oldest #{oldest.pk} claimed at "
                f"{_local(oldest.claimed_at)}: {outgoing_failed_label(oldest)}. Run "
                "`manage.py send_reminders` to queue them again (the next daily run would)"
            )
        return failing

    def _daily_run(self) -> list[str]:
        """When beat last ran the daily reminders; a run over a day late fails."""
        label = "daily reminder run"
        if not settings.REDIS_URL:
            self.stdout.write(
                f"  {label}: skipped (no REDIS_URL: no celery beat; run "
                "`manage.py send_reminders` every morning, e.g. from cron)"
            )
            return []
        run = daily_run_state()
        last = _local(run.last_run) if run.last_run else "never"
        if run.next_due is None:
            self.stdout.write(
                f"  {label}: last ran {last}; no enabled periodic task runs "
                f"{DAILY_REMINDERS_TASK} (admin: Periodic tasks): no reminders are decided"
            )
            return []
        if run.unrecorded:  # beat may have run it: it records a run minutes later
            within = int(beat_records_within().total_seconds() // 60)
            previous = f"; the run before: {last}" if run.last_run else ""
            self.stdout.write(
                f"  {label}: due {_local(run.next_due)} ({_duration(run.late_by)} ago), not "
                f"recorded yet (celery beat records a run up to {within} min after it){previous}"
            )
            return []
        line = f"  {label}: last ran {last}, next due {_local(run.next_due)}"
        if not run.late_by:
            self.stdout.write(line)
            return []
        self.stdout.write(f"{line}, {_duration(run.late_by)} late: is celery beat running?")
        return [f"{label} late"] if run.is_late else []

    def _resolutions(self) -> None:
        """How many resolutions an older extractor read: after an upgrade, the operator
        runs `ingest --stored` so its improvements reach them. Those whose original file
        is missing are counted apart (`ingest --stored` skips them) and named under
        Original files, with what to do. Waiting to be read again does not make the
        command fail (nothing is broken; the older reading stays)."""
        self.stdout.write("Resolutions")
        waiting = resolutions_to_read_again()
        if not waiting.count and not waiting.missing:
            self.stdout.write(f"  all read by extractor {EXTRACTOR_VERSION}")
            return
        if waiting.count:
            self.stdout.write(
                f"  {waiting.count} read by another extractor version than {EXTRACTOR_VERSION}: "
                "run `manage.py ingest --stored` to read them again"
            )
        if not waiting.missing:
            return
        one = len(waiting.missing) == 1
        self.stdout.write(
            f"  {len(waiting.missing)} {'more ' if waiting.count else ''}to read again "
            f"{'has' if one else 'have'} no original file (`ingest --stored` skips "
            f"{'it' if one else 'them'}; named under Original files)"
        )

    def _source_files(self, *, remove: bool, every: bool) -> list[str]:
        """The files nothing names (removed with `remove`) and the resolutions whose
        original is missing. A file a resolution names gone from the media folder fails
        the command, as a folder that cannot be read does: nothing brings it back by
        itself, and a backup taken since may lack it. A resolution stored without a file
        lost nothing: named, not failed."""
        self.stdout.write("Original files")
        try:
            report = source_files_report()
        except OSError as error:  # the media volume unreadable: say so, report the rest
            self.stdout.write(f"  error: {error}")
            return ["original files unreadable"]
        unnamed = len(report.orphaned) + len(report.recent)
        self.stdout.write(
            f"  {report.stored} stored: {report.stored - report.of_deleted - unnamed} named "
            f"by a resolution, {report.of_deleted} by a deleted resolution's history, "
            f"{unnamed} by none"
        )
        if report.lost:
            self.stdout.write(
                f"  {len(report.lost)} resolution(s) whose original file is missing from the "
                "media folder (MEDIA_ROOT): restore the folder from its backup, or upload each file "
                f"again ({UPLOAD_AGAIN}: the same file is written back)"
            )
            self._missing(report.lost, every=every)
        if report.none_stored:
            self.stdout.write(
                f"  {len(report.none_stored)} resolution(s) stored without their original "
                f"file: upload each file again ({UPLOAD_AGAIN}) to keep it"
            )
            self._missing(report.none_stored, every=every)
        if report.orphaned:
            self.stdout.write(
                f"  named by none, left by an interrupted import (written more than "
                f"{_minutes()} minutes ago):"
            )
            self._list(report.orphaned)
        if report.recent:
            self.stdout.write(
                f"  named by none, written in the last {_minutes()} minutes (an import may "
                "be storing it; not removed):"
            )
            self._list(report.recent)
        failing = ["original files missing"] if report.lost else []
        if not report.orphaned:
            return failing
        if not remove:
            self.stdout.write(
                f"  remove the {len(report.orphaned)} left by an interrupted import with: "
                "manage.py status --remove-orphaned-files"
            )
            return failing
        removed = source_files_unnamed_remove(stored.name for stored in report.orphaned)
        for name in removed:
            self.stdout.write(f"  removed {name}")
        self.stdout.write(f"  {len(removed)} orphaned file(s) removed")
        return failing

    def _missing(self, missing: list[OriginalMissing], *, every: bool) -> None:
        """One line per resolution, MISSING_LISTED at most unless `every`."""
        shown = missing if every else missing[:MISSING_LISTED]
        for item in shown:
            self.stdout.write(f"    original missing: {item.symbol} ({item.where})")
        if len(missing) > len(shown):
            self.stdout.write(
                f"    and {len(missing) - len(shown)} more (`manage.py status -v 2` names each)"
            )

    def _list(self, files: list[StoredFile]) -> None:
        for stored in files:
            written = timezone.localtime(stored.written).strftime("%Y-%m-%d %H:%M")
            self.stdout.write(f"    {stored.name} ({stored.size} bytes, written {written})")


def _local(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def _duration(span: timedelta) -> str:
    """ "1 day(s) 2 h 5 min", "40 min"."""
    hours, seconds = divmod(span.seconds, 3600)
    parts = [f"{span.days} day(s)"] if span.days else []
    if hours:
        parts.append(f"{hours} h")
    parts.append(f"{seconds // 60} min")
    return " ".join(parts)


def _minutes() -> int:
    return int(ORPHAN_MIN_AGE.total_seconds() // 60)
