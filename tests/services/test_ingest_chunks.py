"""A batch stores its files a chunk at a time, in one transaction (`_chunk_ingest`), reading
what they look up once per chunk. Nothing of that may show: the rows are those the files
give one by one (drafts, series, the same symbol or file twice in a chunk included), a
file that fails while it is stored leaves nothing of itself and undoes none of its
neighbours, and the queries per file do not grow with the files or their deliverables."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from mandates.models import Body, Deliverable, Mandate, Paragraph, Resolution
from mandates.services import ingest
from mandates.services.ingest import resolution_ingest_many
from mandates.services.schedule import session_get_or_estimate
from tests.drafts_samples import PLENARY_ADOPTED, PLENARY_DRAFT
from tests.samples import hrc_resolution
from tests.shared_data import shared_path
from tests.stored_rows import stored_rows

pytestmark = pytest.mark.django_db

# Real resolutions; 50_2, 53_2 and 56_17 are one series (Eritrea), so the later ones
# continue the earlier one's deliverables.
CORPUS_FILES = [
    "A_HRC_RES_50_1.txt",
    "A_HRC_RES_50_10.txt",
    "A_HRC_RES_50_13.txt",
    "A_HRC_RES_50_2.txt",
    "A_HRC_RES_53_2.txt",
    "A_HRC_RES_56_17.txt",
]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _invented(number: str, *, paragraphs: int = 2, title: str = "") -> str:
    operative = [
        f"Requests the High Commissioner to prepare a report on topic {i} and to present it "
        "to the Human Rights Council at its sixty-fifth session;"
        for i in range(paragraphs)
    ]
    return hrc_resolution(
        number=number, title=title or f"Invented series {number}", operative=operative
    )


def files_that_look_at_each_other(tmp_path: Path) -> Path:
    """A folder of them: a series, a draft before its adopted text, the same file twice,
    and two versions of one resolution."""
    target = tmp_path / "in"
    target.mkdir()
    for name in CORPUS_FILES:
        shutil.copy(shared_path("corpus", "hrc", name), target / name)
    shutil.copy(target / CORPUS_FILES[0], target / "A_HRC_RES_50_1_copy.txt")
    (target / "A_81_L6_Rev1.txt").write_text(PLENARY_DRAFT)
    (target / "A_RES_81_22.txt").write_text(PLENARY_ADOPTED)
    (target / "A_HRC_RES_61_81.txt").write_text(_invented("61/81"))
    (target / "A_HRC_RES_61_81_v2.txt").write_text(_invented("61/81", paragraphs=3))
    return target


@pytest.fixture
def folder(tmp_path):
    return files_that_look_at_each_other(tmp_path)


class _Undo(Exception):
    pass


def _ingest_and_undo(paths, monkeypatch, *, chunk_files: int) -> tuple[list, dict]:
    """Ingest, read what was stored, and undo it all, so the next run starts alike."""
    monkeypatch.setattr(ingest, "CHUNK_FILES", chunk_files)
    try:
        with transaction.atomic():
            outcomes = resolution_ingest_many(paths=paths)
            stored = stored_rows()
            raise _Undo
    except _Undo:
        pass
    shown = [
        (o.source_name, o.status, o.symbol, o.reason, o.changes, o.deliverables) for o in outcomes
    ]
    return shown, stored


def test_a_chunk_stores_what_the_files_store_one_by_one(folder, monkeypatch):
    """The same rows and outcomes whether each file has its own transaction or a chunk
    holds them all, and whether the second ingest meets people's decisions."""
    one_by_one = _ingest_and_undo([folder], monkeypatch, chunk_files=1)
    chunked = _ingest_and_undo([folder], monkeypatch, chunk_files=20)
    assert chunked == one_by_one
    statuses = {name: status for name, status, *_ in chunked[0]}
    assert statuses["A_HRC_RES_50_1_copy.txt"] == "unchanged"
    assert statuses["A_HRC_RES_61_81_v2.txt"] == "updated"
    assert set(statuses.values()) == {"new", "updated", "unchanged"}
    # the series and the draft were seen within the chunk
    resolution_ingest_many(paths=[folder])
    assert Resolution.objects.get(symbol="A/81/L.6/Rev.1").superseded_by.symbol == "A/RES/81/22"
    eritrea = Deliverable.objects.filter(mandate__resolution__symbol="A/HRC/RES/53/2")
    assert eritrea.exclude(predecessor=None).exists()


def test_a_new_version_in_a_chunk_keeps_what_people_decided(folder, tmp_path, monkeypatch):
    """Re-ingest through chunks: a confirmed deliverable and a field a person edited keep
    the person's values (the text's new reading becomes a proposed change), as one by one."""
    resolution_ingest_many(paths=[folder])
    confirmed = Deliverable.objects.filter(mandate__resolution__symbol="A/HRC/RES/61/81").first()
    Deliverable.objects.filter(pk=confirmed.pk).update(
        review_status="confirmed", title="Report as the unit calls it", edited_fields=["title"]
    )
    second = tmp_path / "second"
    second.mkdir()
    for name in CORPUS_FILES[:3]:
        shutil.copy(folder / name, second / name)
    reworded = _invented("61/81", paragraphs=1).replace("on topic 0", "on topic 0 in rivers")
    (second / "A_HRC_RES_61_81.txt").write_text(reworded)

    one_by_one = _ingest_and_undo([second], monkeypatch, chunk_files=1)
    chunked = _ingest_and_undo([second], monkeypatch, chunk_files=20)
    assert chunked == one_by_one

    resolution_ingest_many(paths=[second])
    confirmed.refresh_from_db()
    assert (confirmed.review_status, confirmed.title) == (
        "confirmed",
        "Report as the unit calls it",
    )
    assert confirmed.proposed_changes.filter(field="title").exists()


def test_a_file_failing_while_stored_leaves_nothing_and_its_neighbours_are_stored(
    folder, django_capture_on_commit_callbacks
):
    """The database refuses one file half-way: nothing of it is kept (rows or original
    file), the other files of its chunk are stored, and it says why. (The file a second
    version replaces is removed once its transaction commits.)"""
    store_deliverables = ingest._store_deliverables

    def refuse_one(resolution, *args, **kwargs):
        if resolution.symbol == "A/HRC/RES/50/13":
            raise DatabaseError("invented refusal")
        return store_deliverables(resolution, *args, **kwargs)

    with (
        mock.patch.object(ingest, "_store_deliverables", refuse_one),
        django_capture_on_commit_callbacks(execute=True),
    ):
        outcomes = resolution_ingest_many(paths=[folder])
    failed = [o for o in outcomes if o.status == "failed"]
    assert [(o.source_name, o.reason) for o in failed] == [
        ("A_HRC_RES_50_13.txt", "the database refused it (DatabaseError): invented refusal")
    ]
    assert not Resolution.objects.filter(symbol="A/HRC/RES/50/13").exists()
    assert not Mandate.objects.filter(resolution__symbol="A/HRC/RES/50/13").exists()
    stored = {o.symbol for o in outcomes if o.status in ("new", "updated")}
    assert set(Resolution.objects.values_list("symbol", flat=True)) == stored
    assert Paragraph.objects.filter(resolution__symbol="A/HRC/RES/50/10").exists()
    kept = sorted(p.name for p in (folder.parent / "media").rglob("*") if p.is_file())
    assert kept == sorted(
        Path(name).name for name in Resolution.objects.values_list("source_file", flat=True)
    )
    assert "A_HRC_RES_50_13.txt" not in kept


def test_a_crash_while_stored_keeps_the_files_before_it(folder):
    """A fault that is not the input's (a bug) still stops the batch, as it did when each
    file had its own transaction: the files before it are stored, nothing of it is."""
    store_deliverables = ingest._store_deliverables

    def crash_on_one(resolution, *args, **kwargs):
        if resolution.symbol == "A/HRC/RES/50/13":
            raise RuntimeError("invented bug")
        return store_deliverables(resolution, *args, **kwargs)

    with (
        mock.patch.object(ingest, "_store_deliverables", crash_on_one),
        pytest.raises(RuntimeError, match="invented bug"),
    ):
        resolution_ingest_many(paths=[folder])
    before = {"A/81/L.6/Rev.1", "A/HRC/RES/50/1", "A/HRC/RES/50/10"}  # in the files' order
    assert set(Resolution.objects.values_list("symbol", flat=True)) == before


def test_queries_per_file_do_not_grow_with_files_or_deliverables(tmp_path):
    """A chunk costs a few queries, and each file the same whatever the chunk's size and
    its number of deliverables; the history records of a whole chunk go in one insert per
    history table (on SQLite, as many as its 999 parameters per query need)."""
    hrc = Body.objects.get(code="HRC")
    session_get_or_estimate(body=hrc, number=65)
    counts = {}
    for files, paragraphs in ((3, 2), (9, 2), (3, 12)):
        target = tmp_path / f"in-{files}-{paragraphs}"
        target.mkdir()
        for n in range(files):
            number = f"61/{files * 100 + paragraphs * 10 + n}"
            name = f"A_HRC_RES_{number.replace('/', '_')}.txt"
            (target / name).write_text(_invented(number, paragraphs=paragraphs))
        with CaptureQueriesContext(connection) as queries:
            outcomes = resolution_ingest_many(paths=[target])
        assert [o.status for o in outcomes] == ["new"] * files, [o.reason for o in outcomes]
        assert all(o.deliverables == paragraphs for o in outcomes)
        history = [q["sql"] for q in queries if q["sql"].startswith(HISTORY_INSERT)]
        tables = {sql.split()[2] for sql in history}
        assert len(tables) == 3, tables  # resolutions, mandates, deliverables
        if connection.vendor == "postgresql":
            assert len(history) == len(tables), history
        counts[(files, paragraphs)] = len(queries) - len(history)
    per_file = (counts[(9, 2)] - counts[(3, 2)]) / 6
    assert counts[(3, 12)] == counts[(3, 2)], counts
    assert per_file == int(per_file) and per_file <= QUERIES_PER_FILE_IN_A_CHUNK, counts


HISTORY_INSERT = 'INSERT INTO "mandates_historical'
# A new file in a chunk: the resolution, its paragraphs, mandates and deliverables (one
# insert each; their history records are inserted once for the chunk).
QUERIES_PER_FILE_IN_A_CHUNK = 4


def test_where_drafts_are_is_read_only_for_new_adopted_texts(folder, tmp_path):
    """The drafts look-up is skipped for a new adopted text whose body and session have
    no draft; reading where drafts are costs one query per chunk, and none for a draft's
    own text or a new version of a stored text (those look drafts up as before)."""
    calls = []
    draft_pairs = ingest.draft_pairs

    def counted():
        calls.append(1)
        return draft_pairs()

    with mock.patch.object(ingest, "draft_pairs", counted):
        resolution_ingest_many(paths=[folder])
        assert len(calls) == 1  # one chunk
        calls.clear()
        for name, text in (("A_81_L6_Rev1.txt", PLENARY_DRAFT), ("x.txt", _invented("61/81"))):
            single = tmp_path / "single" / name.replace("x.txt", "A_HRC_RES_61_81.txt")
            single.parent.mkdir(exist_ok=True)
            single.write_text(text + "\n\nA new last line.\n")
            assert resolution_ingest_many(paths=[single])[0].status == "updated"
    assert calls == []
    assert Resolution.objects.get(symbol="A/81/L.6/Rev.1").superseded_by.symbol == "A/RES/81/22"


def test_a_dry_run_of_a_batch_predicts_the_real_run_and_stores_nothing(folder, settings):
    """--dry-run on a folder where the files look at each other (the same file twice, two
    versions of one symbol, a draft before its adopted text, a series): every file gets the
    outcome the real run gives it, changes included, and nothing is kept (rows, original
    files, feed rebuilds)."""
    before = stored_rows()
    with mock.patch("mandates.tasks.feeds_rebuild.delay") as rebuild:
        dry = resolution_ingest_many(paths=[folder], dry_run=True)
    assert stored_rows() == before
    assert not (Path(settings.MEDIA_ROOT)).exists() or not any(
        p.is_file() for p in Path(settings.MEDIA_ROOT).rglob("*")
    )
    rebuild.assert_not_called()
    assert all(o.resolution_id is None for o in dry)  # nothing of them exists

    real = resolution_ingest_many(paths=[folder])

    def shown(outcomes):
        return [
            (o.source_name, o.status, o.symbol, o.reason, o.changes, o.deliverables)
            for o in outcomes
        ]

    assert shown(dry) == shown(real)
    statuses = {o.source_name: o.status for o in dry}
    assert statuses["A_HRC_RES_50_1_copy.txt"] == "unchanged"
    assert statuses["A_HRC_RES_61_81_v2.txt"] == "updated"


@pytest.mark.parametrize("chunk_files", [1, 20])
def test_two_texts_of_one_symbol_in_a_folder_store_the_last_and_then_change_nothing(
    tmp_path, monkeypatch, chunk_files
):
    """A folder holds an original and a corrected copy of one resolution: the corrected
    (last) one is stored, and re-running the folder changes nothing (the original is left
    with a reason), whatever was stored before; the dry run says what the real run does.
    Each run had stored the other file: the due session flipped 53 -> 54 -> 53."""
    monkeypatch.setattr(ingest, "CHUNK_FILES", chunk_files)
    folder = tmp_path / "flip"
    folder.mkdir()
    original = shared_path("corpus", "hrc", "A_HRC_RES_50_1.txt").read_text(encoding="utf-8")
    corrected = original.replace(
        "at its fifty-third session, a comprehensive",
        "at its fifty-fourth session, a comprehensive",
    )
    assert corrected != original
    (folder / "1 original.txt").write_text(original, encoding="utf-8")
    (folder / "2 corrected.txt").write_text(corrected, encoding="utf-8")
    resolution_ingest_many(paths=[folder / "1 original.txt"])  # stored alone before

    def run(*, dry_run: bool = False) -> str:
        out = StringIO()
        call_command("ingest", str(folder), dry_run=dry_run, stdout=out, verbosity=0)
        return out.getvalue()

    def sessions() -> list[int]:
        rows = Deliverable.objects.filter(mandate__resolution__symbol="A/HRC/RES/50/1")
        return sorted(n for n in rows.values_list("due_session__number", flat=True) if n)

    assert run(dry_run=True).splitlines()[-1].endswith("0 new, 1 updated, 1 unchanged, 0 failed")
    assert run().splitlines()[-1] == "0 new, 1 updated, 1 unchanged, 0 failed"
    assert Resolution.objects.get(symbol="A/HRC/RES/50/1").source_name == "2 corrected.txt"
    assert 54 in sessions() and 53 not in sessions()
    for _ in range(2):
        dry = run(dry_run=True)
        real = run()
        assert real.splitlines()[-1] == "0 new, 0 updated, 2 unchanged, 0 failed"
        assert dry.splitlines()[-1] == "Dry run, nothing stored: " + real.splitlines()[-1]
        assert "not stored: 2 corrected.txt, later in this batch" in real
        assert 54 in sessions() and 53 not in sessions()
