"""Two imports of the same new resolution at once (a cron job and an admin upload): the
database keeps one row (the unique symbol) and the import that loses the race says what
happened, "stored meanwhile by another import", and succeeds, with no traceback logged.

The race is made certain: the first import stops once its resolution row is inserted and
goes on only when the second is waiting for that row's key on PostgreSQL."""

from __future__ import annotations

import logging
import threading
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connections

from mandates.models import Deliverable, Resolution
from mandates.services import ingest
from mandates.services.ingest import STORED_MEANWHILE, resolution_ingest_many
from tests.real_services import require_postgresql, wait_for, waiting_for_a_lock
from tests.samples import hrc_resolution

pytestmark = [
    pytest.mark.services,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REQUEST = (
    "Requests the High Commissioner to present a report on topic {} to the Human Rights "
    "Council at its sixty-fifth session;"
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _text(paragraphs: int) -> str:
    return hrc_resolution(
        number="61/601", operative=[REQUEST.format(n) for n in range(1, paragraphs + 1)]
    )


def _race(first: list[str], second: list[str]) -> tuple[str, str]:
    """Run `manage.py ingest` on `first` and, while it holds its new resolution row
    uncommitted, on `second`; return what each printed. Both must succeed."""
    inserted, go = threading.Event(), threading.Event()
    store_paragraphs = ingest._store_paragraphs
    paused: list[bool] = []

    def pause_the_first(*args, **kwargs):
        if not paused:  # the first import: its resolution row is in, not committed
            paused.append(True)
            inserted.set()
            assert go.wait(30)
        return store_paragraphs(*args, **kwargs)

    outputs: dict[str, StringIO] = {"first": StringIO(), "second": StringIO()}
    errors: list[BaseException] = []

    def run(which: str, paths: list[str]) -> None:
        try:
            call_command("ingest", *paths, stdout=outputs[which], stderr=StringIO())
        except BaseException as error:  # CommandError: exit status 1
            errors.append(error)
        finally:
            connections.close_all()

    with mock.patch.object(ingest, "_store_paragraphs", pause_the_first):
        one = threading.Thread(target=run, args=("first", first))
        one.start()
        assert inserted.wait(30)
        two = threading.Thread(target=run, args=("second", second))
        two.start()
        wait_for(waiting_for_a_lock, timeout=30, what="the second import to wait")
        go.set()
        one.join(60)
        two.join(60)
    assert errors == []
    return outputs["first"].getvalue(), outputs["second"].getvalue()


def _no_traceback(caplog) -> None:
    assert [r.getMessage() for r in caplog.records if r.exc_info or r.levelno >= 30] == []


def test_the_same_new_file_twice_at_once_is_unchanged_for_the_second(tmp_path, caplog):
    require_postgresql()
    path = tmp_path / "A_HRC_RES_61_601.txt"
    path.write_text(_text(2))
    with caplog.at_level(logging.INFO):
        first, second = _race([str(path)], [str(path)])
    assert "1 new, 0 updated, 0 unchanged, 0 failed" in first
    assert second.splitlines()[:2] == [
        "unchanged  A_HRC_RES_61_601.txt -> A/HRC/RES/61/601 (2 deliverables)",
        f"           {STORED_MEANWHILE}",
    ]
    assert "0 new, 0 updated, 1 unchanged, 0 failed" in second
    assert Resolution.objects.count() == 1
    assert Deliverable.objects.count() == 2
    _no_traceback(caplog)
    stored = [p for p in (tmp_path / "media").rglob("*") if p.is_file()]
    assert [p.name for p in stored] == [Path(Resolution.objects.get().source_file.name).name]


def test_another_version_stored_meanwhile_is_updated(tmp_path, caplog):
    require_postgresql()
    (tmp_path / "v1").mkdir()
    (tmp_path / "v2").mkdir()
    v1 = tmp_path / "v1" / "A_HRC_RES_61_601.txt"
    v2 = tmp_path / "v2" / "A_HRC_RES_61_601.txt"
    v1.write_text(_text(1))
    v2.write_text(_text(2))
    with caplog.at_level(logging.INFO):
        _, second = _race([str(v1)], [str(v2)])
    assert second.splitlines()[:2] == [
        "updated    A_HRC_RES_61_601.txt -> A/HRC/RES/61/601 (2 deliverables)",
        f"           {STORED_MEANWHILE}",
    ]
    assert Resolution.objects.get().checksum == ingest.hashlib.sha256(v2.read_bytes()).hexdigest()
    assert Deliverable.objects.count() == 2
    _no_traceback(caplog)


def test_a_folder_meeting_a_file_stored_meanwhile_stores_the_rest(tmp_path, caplog):
    """In a folder the files share a transaction: it is undone and they go one by one."""
    require_postgresql()
    path = tmp_path / "A_HRC_RES_61_601.txt"
    path.write_text(_text(2))
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / path.name).write_bytes(path.read_bytes())
    (folder / "A_HRC_RES_61_602.txt").write_text(
        hrc_resolution(number="61/602", operative=[REQUEST.format(1)])
    )
    with caplog.at_level(logging.INFO):
        _, second = _race([str(path)], [str(folder)])
    assert "1 new, 0 updated, 1 unchanged, 0 failed" in second
    assert f"           {STORED_MEANWHILE}" in second
    assert sorted(Resolution.objects.values_list("symbol", flat=True)) == [
        "A/HRC/RES/61/601",
        "A/HRC/RES/61/602",
    ]
    _no_traceback(caplog)


def test_a_refusal_that_is_no_race_still_fails_the_file(tmp_path, caplog):
    """Any other integrity error is not taken for a race: the file fails with its reason."""
    from django.db import IntegrityError

    path = tmp_path / "A_HRC_RES_61_601.txt"
    path.write_text(_text(1))
    with mock.patch.object(ingest, "_store_paragraphs", side_effect=IntegrityError("invented")):
        [outcome] = resolution_ingest_many(paths=[path])
    assert (outcome.status, outcome.reason) == (
        "failed",
        "the database refused it (IntegrityError): invented",
    )
    assert not Resolution.objects.exists()
