"""The original files ingest writes to MEDIA_ROOT: an import that does not commit leaves
none of its files behind, and a resolution that is committed always keeps its file."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError, connections, transaction

from mandates.models import Resolution
from mandates.services import ingest
from mandates.services.ingest import resolution_ingest, resolution_ingest_many
from tests.samples import hrc_resolution

pytestmark = pytest.mark.django_db

REQUEST = (
    "Requests the High Commissioner to prepare a report on topic {} and to present it to the "
    "Human Rights Council at its sixty-fifth session;"
)


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _text(number: str, *, paragraphs: int = 1) -> str:
    return hrc_resolution(
        number=number,
        title=f"Invented topic {number}",
        operative=[REQUEST.format(n) for n in range(1, paragraphs + 1)],
    )


def _folder(tmp_path: Path, numbers: list[str]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for number in numbers:
        (folder / f"A_HRC_RES_{number.replace('/', '_')}.txt").write_text(_text(number))
    return folder


def _files(media: Path) -> list[str]:
    """The files in MEDIA_ROOT, as `source_file` names them."""
    return sorted(p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file())


def _named() -> list[str]:
    return sorted(Resolution.objects.values_list("source_file", flat=True))


def test_a_chunk_interrupted_midway_leaves_no_new_file(media, tmp_path):
    """Ctrl-C (or the process told to stop) while the third file of a chunk is stored: the
    chunk's transaction is undone and the two files it had written are removed with it,
    while the file of a resolution committed before stays. They used to stay on disk,
    named by no row."""
    resolution_ingest(data=_text("61/700").encode(), name="A_HRC_RES_61_700.txt")
    before = _named()
    assert _files(media) == before
    store_deliverables = ingest._store_deliverables

    def interrupted_on_the_third(resolution, *args, **kwargs):
        if resolution.symbol == "A/HRC/RES/61/703":
            raise KeyboardInterrupt
        return store_deliverables(resolution, *args, **kwargs)

    folder = _folder(tmp_path, ["61/701", "61/702", "61/703", "61/704"])
    with (
        mock.patch.object(ingest, "_store_deliverables", interrupted_on_the_third),
        pytest.raises(KeyboardInterrupt),
    ):
        resolution_ingest_many(paths=[folder])
    assert _named() == before
    assert _files(media) == before


def test_a_new_version_undone_by_the_callers_transaction_keeps_the_stored_file(media):
    """A new version stored in a transaction that is then undone: the resolution still
    names its first file, which is still there. The first file used to be removed as soon
    as ingest's own block ended, before anything was committed."""
    first = resolution_ingest(data=_text("61/710").encode(), name="A_HRC_RES_61_710.txt")
    assert first.status == "new", first.reason
    stored = _named()

    class Undone(Exception):
        pass

    with pytest.raises(Undone), transaction.atomic():
        second = resolution_ingest(
            data=_text("61/710", paragraphs=2).encode(), name="A_HRC_RES_61_710.txt"
        )
        assert second.status == "updated", second.reason
        raise Undone
    assert _named() == stored
    assert set(stored) <= set(_files(media))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("files", [1, 3])
def test_a_commit_reported_lost_after_it_was_made_keeps_the_files(media, tmp_path, files):
    """The connection drops while COMMIT is answered: the database stored the batch (one
    file alone, or a chunk of three) but ingest hears an error. The resolutions it stored
    keep their files: ingest removes only files no resolution names. It used to remove
    every file it had written, leaving committed resolutions without their original."""
    folder = _folder(tmp_path, [f"61/72{n}" for n in range(files)])
    database = connections["default"]
    commit = database.commit
    lost: list[bool] = []

    def commit_then_lose_the_answer():
        commit()
        if not lost:
            lost.append(True)
            raise OperationalError("server closed the connection unexpectedly")

    with mock.patch.object(database, "commit", commit_then_lose_the_answer):
        resolution_ingest_many(paths=[folder])
    assert lost
    assert Resolution.objects.count() == files
    assert _files(media) == _named()
