"""`manage.py status` tells an operator where reminders and feeds stand."""

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

from mandates.models import ReminderLog
from tests import factories
from tests.real_services import free_port

pytestmark = pytest.mark.django_db


def _status(*failing: str) -> str:
    """The report, which ends by naming what is in error: `failing`, and with a broker
    configured and no worker running (the tests) the worker."""
    expected = (["celery"] if settings.REDIS_URL else []) + list(failing)
    out = StringIO()
    try:
        call_command("status", stdout=out)
    except CommandError as error:
        assert str(error) == f"in error: {', '.join(expected)}", out.getvalue()
    else:
        assert not expected, out.getvalue()
    if settings.REDIS_URL:
        assert "celery: error" in out.getvalue()
    return out.getvalue()


def test_status_reports_health_reminders_and_feeds(client):
    """The report names each component, the reminder counts, and which feeds are cached."""
    from django.core.cache import cache

    cache.clear()
    deliverable = factories.DeliverableFactory()
    contact = factories.ContactFactory()
    ReminderLog.objects.create(
        deliverable=deliverable,
        recipient=contact,
        reminder="before:7",
        due_date="2027-01-01",
        status="failed",
        last_error="SMTP down",
    )
    text = _status("reminders failed")
    assert "database: ok" in text
    assert "failed 1" in text and "SMTP down" in text
    assert "[all]: not cached" in text
    client.get(reverse("mandates:feed_all"))
    assert "[all]: cached" in _status("reminders failed")


def test_status_exits_1_and_says_why_when_the_database_is_down():
    """A monitor runs `status`: with the database down it printed the health section, then
    a traceback, and exited 0. Now it says what is wrong, in one line, and exits 1."""
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{free_port()}/nothing",
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "status"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "database: error" in result.stdout
    assert "Traceback" not in result.stderr
    assert "the database is not reachable" in result.stderr


def test_status_finds_and_removes_only_the_original_files_nothing_names(settings, tmp_path):
    """An import killed with kill -9 leaves files no resolution names, and nothing ran to
    remove them. `status` lists them; `status --remove-orphaned-files` removes exactly
    those: never a file a resolution names, nor one only a deleted resolution's history
    names, nor one written in the last hour (an import may be storing its row), nor
    anything outside the original files' folder."""
    import os
    import time

    from mandates.models import Resolution
    from mandates.services.ingest import resolution_ingest
    from tests.samples import hrc_resolution

    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    request = "Requests the High Commissioner to present a report on topic {} to the Council;"
    for number in ("61/731", "61/732"):
        text = hrc_resolution(number=number, operative=[request.format(number)])
        outcome = resolution_ingest(data=text.encode(), name=f"A_HRC_RES_{number[3:]}.txt")
        assert outcome.status == "new", outcome.reason
    named = Resolution.objects.get(symbol="A/HRC/RES/61/731").source_file.name
    deleted = Resolution.objects.get(symbol="A/HRC/RES/61/732")
    of_deleted = deleted.source_file.name
    deleted.delete()
    year = Path(named).parent
    killed = (year / "A_HRC_RES_61_733.txt").as_posix()
    storing = (year / "A_HRC_RES_61_734.txt").as_posix()
    for name in (killed, storing, "notes/readme.txt"):
        (media / name).parent.mkdir(parents=True, exist_ok=True)
        (media / name).write_text("left behind")
    two_hours_ago = time.time() - 7200
    for name in (named, of_deleted, killed, "notes/readme.txt"):
        os.utime(media / name, (two_hours_ago, two_hours_ago))

    def status(*args: str) -> str:
        out = StringIO()
        try:
            call_command("status", *args, stdout=out)
        except CommandError as error:  # the tests run no Celery worker
            assert str(error) == "in error: celery"
        return out.getvalue().split("Original files\n")[1]

    report = status()
    lines = report.splitlines()
    assert (
        lines[0]
        == "  4 stored: 1 named by a resolution, 1 by a deleted resolution's history, 2 by none"
    )
    assert (
        lines[1]
        == "  named by none, left by an interrupted import (written more than 60 minutes ago):"
    )
    assert lines[2].startswith(f"    {killed} (11 bytes, written ")
    assert lines[3].startswith("  named by none, written in the last 60 minutes")
    assert lines[4].startswith(f"    {storing} (11 bytes, written ")
    assert lines[5:] == [
        "  remove the 1 left by an interrupted import with: manage.py status --remove-orphaned-files"
    ]
    assert all((media / name).exists() for name in (named, of_deleted, killed, storing))

    removed = status("--remove-orphaned-files").splitlines()
    assert removed[-2:] == [f"  removed {killed}", "  1 orphaned file(s) removed"]
    assert not (media / killed).exists()
    left = sorted(p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file())
    assert left == sorted([named, of_deleted, storing, "notes/readme.txt"])
    assert status().splitlines()[0] == (
        "  3 stored: 1 named by a resolution, 1 by a deleted resolution's history, 1 by none"
    )


def test_status_finds_and_removes_a_replaced_version_left_behind(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    """A new version replaced a resolution's file and the old file could not be removed
    once it committed (a permission error here; a process killed right after COMMIT leaves
    it too): only the live resolution's older history names it. It is an orphan, listed
    by `status` and removed by `--remove-orphaned-files` (it used to count as a deleted
    resolution's and stay for ever); the new version's file and a deleted resolution's
    stay."""
    import os
    import time
    from unittest import mock

    from django.core.files.storage import FileSystemStorage

    from mandates.models import Resolution
    from mandates.services.ingest import resolution_ingest
    from tests.samples import hrc_resolution

    media = tmp_path / "media"
    settings.MEDIA_ROOT = media
    request = "Requests the High Commissioner to present a report on topic {} to the Council;"

    def ingest(number: str, *topics: str, name: str) -> Resolution:
        text = hrc_resolution(number=number, operative=[request.format(t) for t in topics])
        outcome = resolution_ingest(data=text.encode(), name=name)
        assert outcome.status in ("new", "updated"), outcome.reason
        return Resolution.objects.get(symbol=f"A/HRC/RES/{number}")

    deleted = ingest("61/732", "B", name="A_HRC_RES_61_732.txt")
    of_deleted = deleted.source_file.name
    deleted.delete()
    replaced = ingest("61/731", "A", name="A_HRC_RES_61_731.txt").source_file.name
    refused = mock.patch.object(
        FileSystemStorage, "delete", side_effect=PermissionError(13, "Permission denied")
    )
    with refused, django_capture_on_commit_callbacks(execute=True):
        named = ingest("61/731", "A", "C", name="A_HRC_RES_61_731_v2.txt").source_file.name
    assert named != replaced
    two_hours_ago = time.time() - 7200
    for name in (named, of_deleted, replaced):
        os.utime(media / name, (two_hours_ago, two_hours_ago))

    def status(*args: str) -> str:
        out = StringIO()
        try:
            call_command("status", *args, stdout=out)
        except CommandError as error:  # the tests run no Celery worker
            assert str(error) == "in error: celery"
        return out.getvalue().split("Original files\n")[1]

    lines = status().splitlines()
    assert lines[:2] == [
        "  3 stored: 1 named by a resolution, 1 by a deleted resolution's history, 1 by none",
        "  named by none, left by an interrupted import (written more than 60 minutes ago):",
    ]
    assert lines[2].startswith(f"    {replaced} (")

    removed = status("--remove-orphaned-files").splitlines()
    assert removed[-2:] == [f"  removed {replaced}", "  1 orphaned file(s) removed"]
    left = sorted(p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file())
    assert left == sorted([named, of_deleted])


def test_status_says_how_many_resolutions_an_older_extractor_read(settings, tmp_path):
    """After an upgrade the operator learns which resolutions the new extractor has not
    read yet, and the command that reads them again; one without its original is counted
    apart and named under Original files."""
    from mandates.extraction import EXTRACTOR_VERSION
    from mandates.models import Resolution
    from tests.samples import EXAMPLES

    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("ingest", str(EXAMPLES), verbosity=0)
    assert f"Resolutions\n  all read by extractor {EXTRACTOR_VERSION}\n" in _status()
    Resolution.objects.update(extractor_version="0.2.9")
    without = Resolution.objects.order_by("pk").first()
    Resolution.objects.filter(pk=without.pk).update(source_file="")
    text = _status()
    assert (
        f"Resolutions\n  1 read by another extractor version than {EXTRACTOR_VERSION}: "
        "run `manage.py ingest --stored` to read them again\n"
        "  1 more to read again has no original file (`ingest --stored` skips it; named "
        "under Original files)\n"
        "Original files\n"
    ) in text
    assert (
        "  1 resolution(s) stored without their original file: upload each file again "
        "(Import resolutions in the admin, or `manage.py ingest FILE`) to keep it\n"
        f"    original missing: {without.symbol} (no file stored)\n"
    ) in text


def test_status_fails_and_names_at_most_20_resolutions_whose_original_is_missing(
    settings, tmp_path
):
    """A media folder lost whole (a database restored without its media volume) would
    list every resolution: 20 are named, then how many more and how to name each
    (`-v 2`). Whatever extractor read them, the command fails: the files are lost."""
    from mandates.extraction import EXTRACTOR_VERSION
    from mandates.models import Resolution

    settings.MEDIA_ROOT = tmp_path / "media"
    for number in range(22):
        factories.ResolutionFactory(
            extractor_version=EXTRACTOR_VERSION,
            source_file=f"resolutions/2026/A_HRC_RES_59_{number}.txt",
        )
    rows = list(Resolution.objects.order_by("pk").values_list("symbol", "source_file"))
    lines = _status("original files missing").splitlines()
    first = lines.index("Original files") + 2
    assert (
        lines[first - 1]
        == "  0 stored: 0 named by a resolution, 0 by a deleted resolution's history, 0 by none"
    )
    assert lines[first:] == [
        "  22 resolution(s) whose original file is missing from the media folder "
        "(MEDIA_ROOT): restore the folder from its backup, or upload each file again (Import "
        "resolutions in the admin, or `manage.py ingest FILE`: the same file is written back)",
        *(f"    original missing: {symbol} ({file})" for symbol, file in rows[:20]),
        "    and 2 more (`manage.py status -v 2` names each)",
    ]
    out = StringIO()
    with pytest.raises(CommandError, match="original files missing"):
        call_command("status", verbosity=2, stdout=out)
    every = out.getvalue().splitlines()
    assert every[every.index("Original files") + 3 :] == [
        f"    original missing: {symbol} ({file})" for symbol, file in rows
    ]


# --- Reminders that failed, retries, the daily run (QA ops F5, F6) ------------------------


@pytest.fixture
def refusing_mail_server(settings):
    """Django's SMTP backend pointed at an unused port: a mail server that refuses."""
    settings.EMAIL_BACKEND = "tracker.mail.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5


def _send_reminders(capture) -> None:
    """Today's run, sent in-process after its commit."""
    with capture(execute=True):
        call_command("send_reminders", stdout=StringIO())


def test_status_says_why_a_reminder_waits_for_its_retry_and_when(
    refusing_mail_server, django_capture_on_commit_callbacks
):
    """The mail server refuses: the reminder waits for its retry a minute later. The report
    says so with the stored error, and "retry in 1 min" (it said "retry in 0 min", and not
    why)."""
    factories.responsible_deliverable(timezone.localdate() + timedelta(days=7))
    _send_reminders(django_capture_on_commit_callbacks)
    (row,) = ReminderLog.objects.all()
    assert (row.status, row.attempts) == ("queued", 1)
    text = _status()
    assert (
        f"oldest queued: {timezone.localtime(row.queued_at):%Y-%m-%d %H:%M} (retry in 1 min)"
        in text
    )
    assert "(retry in 1 min)" in text and "retry in 0 min" not in text
    assert (
        "  waiting to be tried again: 1, next attempt "
        f"{timezone.localtime(row.queued_at):%Y-%m-%d %H:%M} (retry in 1 min); "
        "last error: ConnectionRefusedError: [Errno 111] Connection refused\n"
    ) in text
    assert "reminders failed in the last 7 days: none" in text


def test_status_fails_while_a_reminder_is_left_sending_by_a_worker_that_died(
    smtp_server, settings, django_capture_on_commit_callbacks
):
    """A worker killed mid-send leaves its rows "sending": `status` exited 0. Once they
    have been sending longer than REMINDER_REQUEUE_AFTER_MINUTES it names them, says what
    to do and exits 1; `send_reminders` then sends them and `status` is fine again."""
    from mandates.services.outgoing import outgoing_claim

    deliverable, (person,) = factories.responsible_deliverable(
        timezone.localdate() + timedelta(days=7)
    )
    with django_capture_on_commit_callbacks(execute=False):  # decided, never handed over
        call_command("send_reminders", stdout=StringIO())
    (row,) = ReminderLog.objects.all()
    (claimed,) = outgoing_claim(ReminderLog, [row.pk])  # the worker that died mid-send
    assert claimed.status == "sending"
    minutes = settings.REMINDER_REQUEUE_AFTER_MINUTES
    with time_machine.travel(timezone.now() + timedelta(minutes=minutes - 1)):
        assert "left sending" not in _status()
    with time_machine.travel(timezone.now() + timedelta(minutes=minutes + 1)):
        text = _status("reminders left sending")
        assert (
            f"  reminders left sending for over {minutes} min (REMINDER_REQUEUE_AFTER_MINUTES): "
            f"1, their worker stopped before marking them; oldest #{row.pk} claimed at "
            f"{timezone.localtime(claimed.claimed_at):%Y-%m-%d %H:%M}: before:7 of "
            f"{deliverable.title} ("
        ) in text
        assert (
            f"to {person.email}. Run `manage.py send_reminders` to queue them again "
            "(the next daily run would)\n"
        ) in text
        _send_reminders(django_capture_on_commit_callbacks)
        assert ReminderLog.objects.get().status == "sent"
        assert "left sending" not in _status()
    assert [message.rcpt_tos for message in smtp_server.received] == [[person.email]]


def test_status_fails_while_a_reminder_failed_this_week_waits_for_a_person(
    refusing_mail_server, settings, django_capture_on_commit_callbacks
):
    """The mail server refused past the last retry: the reminder failed, and nothing tries
    it again. `status` names it with its error and exits 1 (it exited 0, health "ok") until
    a person settles it (Retry, or skipped), or a week has passed."""
    settings.REMINDER_MAX_RETRIES = 0
    deliverable, (person,) = factories.responsible_deliverable(
        timezone.localdate() + timedelta(days=7)
    )
    _send_reminders(django_capture_on_commit_callbacks)
    (row,) = ReminderLog.objects.all()
    assert row.status == "failed"
    text = _status("reminders failed")
    attempted = timezone.localtime(row.claimed_at)
    assert (
        "  reminders failed in the last 7 days: 1 (retry them in the admin, or mark them "
        f"skipped); newest #{row.pk} at {attempted:%Y-%m-%d %H:%M}: before:7 of "
        f"{deliverable.title} ("
    ) in text
    assert (
        f"to {person.email} - gave up after 1 attempts: ConnectionRefusedError: [Errno 111]" in text
    )
    assert "digests failed in the last 7 days: none" in text
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        beat_late = ["daily reminder run late"] if settings.REDIS_URL else []  # no beat here
        assert "reminders failed in the last 7 days: none" in _status(*beat_late)
    ReminderLog.objects.filter(pk=row.pk).update(status="skipped")  # a person settled it
    assert "reminders failed in the last 7 days: none" in _status()


@pytest.fixture
def beat_expected(settings):
    """A broker configured, so a celery beat is expected to run the daily reminders (a
    placeholder broker when the run has none: the tests ask for no worker's answer)."""
    settings.REDIS_URL = settings.REDIS_URL or f"redis://127.0.0.1:{free_port()}/0"
    return PeriodicTask.objects.get(task="mandates.tasks.reminders_dispatch")


GENEVA_MORNING = datetime(2026, 12, 7, 9, 0, tzinfo=ZoneInfo("Europe/Zurich"))


@pytest.mark.parametrize(
    ("last_run", "line", "late"),
    [
        (
            datetime(2026, 12, 7, 7, 0, 1),
            "last ran 2026-12-07 07:00, next due 2026-12-08 07:00\n",
            False,
        ),
        (
            datetime(2026, 12, 6, 7, 0, 1),
            "last ran 2026-12-06 07:00, next due 2026-12-07 07:00, 2 h 0 min late: "
            "is celery beat running?\n",
            False,
        ),
        (
            datetime(2026, 12, 5, 7, 0, 1),
            "last ran 2026-12-05 07:00, next due 2026-12-06 07:00, 1 day(s) 2 h 0 min late: "
            "is celery beat running?\n",
            True,
        ),
    ],
    ids=["ran this morning", "late this morning", "over a day late"],
)
def test_status_says_when_the_daily_reminder_run_last_ran(beat_expected, last_run, line, late):
    """Beat records each run of the daily reminders. `status` says when it last ran and
    when it is due next, and exits 1 once the run is over a day late (with no beat running
    nothing said so: health "ok", exit 0, and no reminder decided)."""
    zone = ZoneInfo("Europe/Zurich")
    beat_expected.last_run_at = last_run.replace(tzinfo=zone)
    beat_expected.save()
    with time_machine.travel(GENEVA_MORNING, tick=False):
        text = _status(*(["daily reminder run late"] if late else []))
    assert f"  daily reminder run: {line}" in text


def test_status_counts_a_daily_run_that_never_ran_from_when_it_was_scheduled(beat_expected):
    """No beat ever started: the run counts from when its schedule was saved, as beat does."""
    scheduled = datetime(2026, 12, 5, 12, 0, tzinfo=ZoneInfo("Europe/Zurich"))
    PeriodicTask.objects.filter(pk=beat_expected.pk).update(
        last_run_at=None, date_changed=scheduled
    )
    with time_machine.travel(GENEVA_MORNING, tick=False):
        text = _status("daily reminder run late")
    assert "  daily reminder run: last ran never, next due 2026-12-06 07:00, 1 day(s)" in text
    PeriodicTask.objects.filter(pk=beat_expected.pk).update(enabled=False)
    text = _status()
    assert "no enabled periodic task runs mandates.tasks.reminders_dispatch" in text


@pytest.mark.parametrize(
    ("last_run", "now", "line", "late"),
    [
        (
            datetime(2026, 12, 6, 7, 0, 1),
            datetime(2026, 12, 7, 7, 1, 30),
            "due 2026-12-07 07:00 (1 min ago), not recorded yet (celery beat records a run "
            "up to 4 min after it); the run before: 2026-12-06 07:00\n",
            False,
        ),
        (
            None,
            datetime(2026, 12, 7, 7, 3, 50),
            "due 2026-12-07 07:00 (3 min ago), not recorded yet (celery beat records a run "
            "up to 4 min after it)\n",
            False,
        ),
        (
            datetime(2026, 12, 6, 7, 0, 1),
            datetime(2026, 12, 7, 7, 4, 30),
            "last ran 2026-12-06 07:00, next due 2026-12-07 07:00, 4 min late: "
            "is celery beat running?\n",
            False,
        ),
    ],
    ids=["ran a minute ago", "first run, 3 min ago", "past beat's sync"],
)
def test_status_gives_beat_the_minutes_it_takes_to_record_a_run(
    beat_expected, last_run, now, line, late
):
    """DatabaseScheduler writes a run's time at its next sync (every 3 min): `status`
    said "last ran never ... 1 min late: is celery beat running?" right after beat ran.
    Within the minutes beat takes to record a run, the run is "not recorded yet"; past
    them, late as before."""
    zone = ZoneInfo("Europe/Zurich")
    PeriodicTask.objects.filter(pk=beat_expected.pk).update(
        last_run_at=last_run.replace(tzinfo=zone) if last_run else None,
        date_changed=datetime(2026, 12, 6, 12, 0, tzinfo=zone),
    )
    with time_machine.travel(now.replace(tzinfo=zone), tick=False):
        text = _status(*(["daily reminder run late"] if late else []))
    assert f"  daily reminder run: {line}" in text
    if "not recorded yet" in line:
        assert "never" not in text and "is celery beat running?" not in text


def test_status_prints_each_feeds_last_change_in_geneva_time(client):
    """A change made while the broker could not rebuild the feed (here: no rebuild at all):
    the feed's last change is the change's time (it said "empty"), and in Geneva time like
    every other time the command prints (it printed UTC)."""
    from mandates.models import ReviewStatus, Session
    from mandates.services.schedule import deliverable_due_date_refresh

    with time_machine.travel(datetime(2027, 1, 15, 9, 18, 45, tzinfo=UTC), tick=False):
        deliverable = factories.DeliverableFactory(
            review_status=ReviewStatus.CONFIRMED,
            due_session=Session.objects.get(body__code="HRC", number=65),
            due_relation="at",
        )
        deliverable_due_date_refresh(deliverable=deliverable)
        client.get(reverse("mandates:feed_all"))
    assert "[all]: cached; last change 2027-01-15 10:18:45\n" in _status()
    with time_machine.travel(datetime(2027, 1, 15, 9, 29, 10, tzinfo=UTC), tick=False):
        deliverable.title = "Changed while the broker was unreachable"
        deliverable.save()  # the rebuild it asks for runs after a commit that never comes
    text = _status()
    assert "[all]: not cached (rendered on next request); last change 2027-01-15 10:29:10\n" in text
    # the reminder counts stand under their heading, like every section's lines
    assert "\nReminders\n  reminders: queued 0  sending 0" in text
    assert "\n  digests: queued 0  sending 0" in text
    # a body's feed with nothing in it says so, rather than "empty"
    assert (
        "[body:SC]: not cached (rendered on next request); last change none (no items yet)\n"
        in text
    )
