"""`manage.py status` tells an operator where reminders and feeds stand."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from mandates.models import ReminderLog
from tests import factories
from tests.real_services import free_port

pytestmark = pytest.mark.django_db


def _status() -> str:
    """The report; with a broker configured and no worker running (the tests), the
    command ends by saying the worker is in error."""
    out = StringIO()
    try:
        call_command("status", stdout=out)
    except CommandError as error:
        assert str(error) == "in error: celery" and "celery: error" in out.getvalue()
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
    text = _status()
    assert "database: ok" in text
    assert "failed 1" in text and "SMTP down" in text
    assert "[all]: not cached" in text
    client.get(reverse("mandates:feed_all"))
    assert "[all]: cached" in _status()


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


def test_status_says_how_many_resolutions_an_older_extractor_read(settings, tmp_path):
    """After an upgrade the operator learns which resolutions the new extractor has not
    read yet, and the command that reads them again."""
    from mandates.extraction import EXTRACTOR_VERSION
    from mandates.models import Resolution
    from tests.samples import EXAMPLES

    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("ingest", str(EXAMPLES), verbosity=0)
    assert f"Resolutions\n  all read by extractor {EXTRACTOR_VERSION}\n" in _status()
    Resolution.objects.update(extractor_version="0.2.9")
    Resolution.objects.filter(pk=Resolution.objects.first().pk).update(source_file="")
    text = _status()
    assert (
        f"Resolutions\n  2 read by another extractor version than {EXTRACTOR_VERSION}: "
        "run `manage.py ingest --stored` to read them again\n"
        "  1 of them without a stored original file: ingest their files again\n"
    ) in text
