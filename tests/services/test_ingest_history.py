"""Ingest writes the history records of what it creates once per transaction
(`services.history_batch`) and paragraphs from plain values. Nothing of that may show: the
rows and history records are those simple-history wrote as each row was saved (same
history_type, user, change reason, values), in the order things happened, and a chunk
that is undone leaves no record behind."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest
from django.db import DatabaseError, models, transaction
from django.utils import timezone
from simple_history.utils import get_history_manager_for_model

from mandates.extraction import EXTRACTOR_VERSION
from mandates.models import Body, Consideration, Deliverable, Mandate, Paragraph, Resolution
from mandates.services import history_batch, ingest
from mandates.services.ingest import resolution_ingest, resolution_ingest_many
from tests.services.test_ingest_chunks import _invented, files_that_look_at_each_other
from tests.shared_data import shared_path
from tests.stored_rows import stored_rows

pytestmark = pytest.mark.django_db

HISTORY_MODELS = (Resolution, Mandate, Deliverable, Consideration)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def folder(tmp_path):
    """As in test_ingest_chunks."""
    return files_that_look_at_each_other(tmp_path)


def _as_before(monkeypatch) -> None:
    """Ingest as it stored rows before: each history record written by simple-history as
    its row is saved (`post_save`) or bulk-created (`bulk_create_with_history`), and
    paragraphs and mandates as model instances."""

    def history_add(rows, history_type="+", *, model=None):
        rows = list(rows)
        assert history_type == "+" and all(isinstance(row, models.Model) for row in rows)
        if not rows:
            return
        manager = get_history_manager_for_model(type(rows[0]))
        manager.bulk_history_create(rows, default_change_reason=None)

    def save_with_history(instance, **kwargs):
        instance.save(**kwargs)

    def plain_insert(model, rows, *, returning=False):
        assert model is Paragraph and returning
        return [row.pk for row in model.objects.bulk_create(model(**row) for row in rows)]

    def plain_create(model, rows):
        assert model is Mandate
        return model.objects.bulk_create(model(**row) for row in rows)

    monkeypatch.setattr(ingest, "history_add", history_add)
    monkeypatch.setattr(ingest, "plain_create", plain_create)
    monkeypatch.setattr(ingest, "save_with_history", save_with_history)
    monkeypatch.setattr(ingest, "plain_insert", plain_insert)


class _Undo(Exception):
    pass


def _scenario(folder, tmp_path) -> list:
    """A folder (a series, a draft and its adopted text, one file twice, two versions of
    one text), then people's decisions, then new versions over them: a chunk, and one
    file alone. Returns the outcomes."""
    shown = []
    outcomes = resolution_ingest_many(paths=[folder])
    confirmed = Deliverable.objects.filter(mandate__resolution__symbol="A/HRC/RES/61/81").first()
    confirmed.review_status = "confirmed"
    confirmed.title = "Report as the unit calls it"
    confirmed.edited_fields = ["title"]
    confirmed._change_reason = "Confirmed by a person"
    confirmed.save()
    second = tmp_path / "second"
    second.mkdir()
    shutil.copy(folder / "A_HRC_RES_50_1.txt", second / "A_HRC_RES_50_1.txt")
    (second / "A_HRC_RES_50_10.txt").write_text(
        shared_path("corpus", "hrc", "A_HRC_RES_50_10.txt").read_text() + "\n\nA new line.\n"
    )
    (second / "A_HRC_RES_61_81.txt").write_text(_invented("61/81", paragraphs=1))
    (second / "A_HRC_RES_61_90.txt").write_text(_invented("61/90", paragraphs=4))
    outcomes += resolution_ingest_many(paths=[second])
    outcomes.append(
        resolution_ingest(
            data=_invented("61/90", paragraphs=2).encode(), name="A_HRC_RES_61_90.txt"
        )
    )
    for o in outcomes:
        shown.append((o.source_name, o.status, o.symbol, o.reason, o.changes, o.deliverables))
    return shown


def _run(folder, tmp_path) -> tuple[list, dict, dict]:
    """The scenario, what it stored and each object's history types in record order;
    undone afterwards so the next run starts alike."""
    try:
        with transaction.atomic():
            shown = _scenario(folder, tmp_path)
            stored, order = stored_rows(), _record_order()
            raise _Undo
    except _Undo:
        pass
    return shown, stored, order


def _record_order() -> dict:
    """Per object, its history types and change reasons in the order of the records' ids
    (with the object's natural key: the resolution's symbol and the row's position)."""
    order: dict = {}
    symbols = dict(Resolution.objects.values_list("pk", "symbol"))
    for model in HISTORY_MODELS:
        by_object: dict[int, list] = {}
        for record in model.history.order_by("history_id"):
            by_object.setdefault(record.id, []).append(record)
        for records in by_object.values():
            first = records[0]  # the object's natural key as it was created
            if model is Resolution:
                key: tuple = (first.symbol,)
            elif model is Deliverable:
                key = (first.title, first.position, first.quote, first.kind)
            else:
                key = (symbols.get(first.resolution_id), first.paragraph_label, first.quote)
            entry = order.setdefault((model.__name__, *key), [])
            entry.append([(r.history_type, r.history_change_reason) for r in records])
    return {key: sorted(value) for key, value in order.items()}


@pytest.mark.parametrize("chunk_files", [20, 1])
def test_rows_and_history_are_those_simple_history_wrote(
    folder, tmp_path, monkeypatch, chunk_files
):
    """Every table, history tables included (ids and dates aside), and each object's
    records in order, the same as when simple-history wrote each record with its row:
    new files, new versions over people's decisions, removals, flags, a file alone."""
    monkeypatch.setattr(ingest, "CHUNK_FILES", chunk_files)
    (tmp_path / "now").mkdir()
    (tmp_path / "before").mkdir()
    now = _run(folder, tmp_path / "now")
    with monkeypatch.context() as before_patch:
        _as_before(before_patch)
        before = _run(folder, tmp_path / "before")
    assert now[0] == before[0]
    assert now[1] == before[1]
    assert now[2] == before[2]
    for model in HISTORY_MODELS:  # the comparison did hold records of each kind
        assert now[1][model.history.model._meta.db_table]
    kinds = {kind for records in now[2].values() for seq in records for kind, _ in seq}
    assert kinds == {"+", "~", "-"}


def test_each_new_row_has_one_record_with_its_values_and_the_time_it_was_written(folder):
    """After a folder: one "+" record per resolution, mandate, deliverable and
    consideration, holding the row's values, dated when the row was written (not when the
    chunk committed), no user (a command), no change reason but the one a draft's record
    gives when its adopted text supersedes it ("Superseded by A/RES/81/22") and the one
    naming the import of a text's new version on what it changed."""
    # saved again after they were created: a text stored twice, a draft superseded by its
    # adopted text, which takes over the draft's deliverables
    changed = {"A/HRC/RES/61/81", "A/81/L.6/Rev.1", "A/RES/81/22"}
    start = timezone.now()
    resolution_ingest_many(paths=[folder])
    end = timezone.now()
    assert Consideration.objects.exists()
    for model in HISTORY_MODELS:
        tracked = model.history.model.tracked_fields
        for row in model.objects.all():
            records = list(row.history.all())
            types = sorted(r.history_type for r in records)
            assert types == ["+"] + ["~"] * (len(types) - 1), (model, row)
            if len(types) > 1:
                assert _symbol(row) in changed, row
            record = records[0]  # the latest: it holds the row as it is now
            superseded = _symbol(row) == "A/81/L.6/Rev.1" and not isinstance(row, Mandate)
            assert record.history_user is None
            expected = "Superseded by A/RES/81/22" if superseded else None
            if _symbol(row) == "A/HRC/RES/61/81" and record.history_type == "~":
                # changed by the text's second version: the record names that import
                expected = f"Import of A_HRC_RES_61_81_v2.txt (extractor {EXTRACTOR_VERSION})"
            assert record.history_change_reason == expected, row
            assert start <= record.history_date <= end
            if hasattr(row, "created_at"):
                assert record.history_date >= row.created_at
            for field in tracked:
                assert getattr(record, field.attname) == getattr(row, field.attname), (
                    model,
                    field.name,
                )


def test_records_follow_the_order_things_happened(folder, tmp_path):
    """A draft stored, then superseded by its adopted text in the same chunk: its "+"
    record comes before its "~" one by id as by date. Every object's records are in time
    order by id, in every history table."""
    resolution_ingest_many(paths=[folder])
    draft = Resolution.objects.get(symbol="A/81/L.6/Rev.1")
    types = [r.history_type for r in draft.history.order_by("history_id")]
    assert types[0] == "+" and set(types[1:]) == {"~"}
    for model in HISTORY_MODELS:
        dates: dict[int, list] = {}
        for record in model.history.order_by("history_id"):
            dates.setdefault(record.id, []).append(record.history_date)
        assert all(d == sorted(d) for d in dates.values()), model


def test_an_undone_chunk_leaves_no_record_and_its_files_are_stored_once(folder, monkeypatch):
    """The history insert refused half-way at the chunk's end (one table written): the
    chunk is undone, records and all, and its files are stored again one by one; every
    row has one "+" record and no record is left of the undone rows."""
    flush = history_batch.HistoryBatch.flush
    failed = []

    def refuse_half_way(self):
        if not failed and len(self.waiting) > 2:
            failed.append(1)
            model, rows = next(iter(self.waiting.items()))
            history_batch.plain_insert(model, rows)
            raise DatabaseError("invented refusal of history records")
        return flush(self)

    monkeypatch.setattr(history_batch.HistoryBatch, "flush", refuse_half_way)
    outcomes = resolution_ingest_many(paths=[folder])
    assert failed
    assert not [o for o in outcomes if o.status == "failed"]
    for model in HISTORY_MODELS:
        records = list(model.history.values_list("id", "history_type"))
        created = [pk for pk, kind in records if kind == "+"]
        deleted = {pk for pk, kind in records if kind == "-"}
        assert len(created) == len(set(created)), model
        assert set(created) == set(model.objects.values_list("pk", flat=True)) | deleted


def test_a_record_written_outside_a_batch_goes_in_at_once():
    """`history_add` with no batch active inserts the record at once."""
    resolution = Resolution.objects.create(symbol="A/HRC/RES/61/1", body_id=_hrc_pk())
    before = resolution.history.count()
    history_batch.history_add([resolution])
    assert resolution.history.count() == before + 1


def test_plain_insert_stores_what_bulk_create_stores():
    """Defaults filled in, keys returned in the rows' order, values prepared by the fields
    (JSON, dates) as `bulk_create` prepares them."""
    resolution = Resolution.objects.create(symbol="A/HRC/RES/61/2", body_id=_hrc_pk())
    rows = [
        {"resolution_id": resolution.pk, "part": "operative", "position": n, "text": f"t{n}"}
        for n in range(3)
    ]
    keys = history_batch.plain_insert(Paragraph, rows, returning=True)
    stored = list(Paragraph.objects.filter(pk__in=keys).order_by("pk"))
    assert [p.position for p in stored] == [0, 1, 2]
    assert [p.pk for p in stored] == keys
    assert all(p.number == "" and p.verb == "" and p.span_start is None for p in stored)
    when = timezone.now() - timedelta(days=1)
    history_batch.plain_insert(
        Resolution.history.model,
        [
            {
                "id": resolution.pk,
                "symbol": resolution.symbol,
                "body_id": resolution.body_id,
                "vote": {"yes": 1},
                "warnings": ["w"],
                "created_at": when,
                "updated_at": when,
                "history_date": when,
                "history_type": "~",
            }
        ],
    )
    record = resolution.history.get(history_type="~")
    assert (record.vote, record.warnings, record.history_date) == ({"yes": 1}, ["w"], when)


def _symbol(row) -> str:
    if isinstance(row, Resolution):
        return row.symbol
    if isinstance(row, Deliverable):
        return row.mandate.resolution.symbol
    return row.resolution.symbol


def _hrc_pk() -> int:
    return Body.objects.get(code="HRC").pk
