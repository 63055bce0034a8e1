"""History records written once per transaction, and rows inserted from plain values.

Ingest creates thousands of rows whose history (django-simple-history) says only "created,
with these values". Writing those records as each row is saved cost as much as the rows
themselves: a historical model instance per row and a query per model per file. Inside
`history_batch()` ingest hands the records to `history_add` instead; they are built from
the row's values at that moment (what simple-history would have recorded then: the same
history_type, history_date, history_user and change reason) and inserted when the batch
ends, one query per history table, in the transaction that stored the rows.

Any other history record written meanwhile (a save, a delete, `bulk_update_with_history`
after `history_flush`) first writes the waiting ones, so each history table receives its
records in the order they happened, as before. If the transaction is undone, the waiting
records are dropped with it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections, models, router
from django.db.models.sql import InsertQuery
from django.utils import timezone
from simple_history.models import HistoricalChanges
from simple_history.signals import pre_create_historical_record
from simple_history.utils import get_change_reason_from_object, get_history_model_for_model


class PlainRow:
    """A row to insert: its values as attributes, which is all Django's insert compiler
    reads from an object (`Field.pre_save`), without building a model instance. Once
    inserted by `plain_create`, `pk` is its primary key."""

    pk: Any

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


def plain_insert(
    model: type[models.Model], rows: Sequence[dict[str, Any]], *, returning: bool = False
) -> list[Any]:
    """Insert rows given as {attname: value} (every concrete field but the primary key;
    a missing one takes its default) as `bulk_create` would, values prepared by the same
    fields, without a model instance per row. With `returning`, the new primary keys in
    the rows' order (the databases this project runs on return them)."""
    return _insert(model, rows, returning=returning)[0]


def plain_create(model: type[models.Model], rows: Sequence[dict[str, Any]]) -> list[PlainRow]:
    """`plain_insert` that returns the rows inserted, every field's value as stored
    (defaults and auto_now dates filled in) and the primary key as `pk`: what
    `history_add(..., model=model)` records."""
    keys, objs = _insert(model, rows, returning=True)
    attname = model._meta.pk.attname
    for obj, key in zip(objs, keys, strict=True):
        obj.pk = key
        setattr(obj, attname, key)
    return objs


def _insert(
    model: type[models.Model], rows: Sequence[dict[str, Any]], *, returning: bool
) -> tuple[list[Any], list[PlainRow]]:
    if not rows:
        return [], []
    using = router.db_for_write(model)
    connection = connections[using]
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    objs: list[Any] = []  # PlainRow: read by the compiler as it reads model instances
    for values in rows:
        missing = {f.attname: f.get_default() for f in fields if f.attname not in values}
        objs.append(PlainRow({**values, **missing} if missing else values))
    batch = max(connection.ops.bulk_batch_size(fields, objs), 1)
    keys: list[Any] = []
    pk = model._meta.pk
    if returning and not connection.features.can_return_rows_from_bulk_insert:
        raise DatabaseError(f"the database does not return the keys of new {model.__name__} rows")
    for start in range(0, len(objs), batch):
        query = InsertQuery(model)
        query.insert_values(fields, objs[start : start + batch])
        compiler = query.get_compiler(using=using)
        if returning:
            keys += [row[0] for row in compiler.execute_sql(returning_fields=[pk])]
        else:
            compiler.execute_sql()
    if returning and len(keys) != len(objs):
        raise DatabaseError(f"the database did not return the keys of new {model.__name__} rows")
    return keys, objs


class HistoryBatch:
    """History records waiting to be inserted, by history model, in the order added."""

    def __init__(self) -> None:
        self.waiting: dict[type[models.Model], list[dict[str, Any]]] = {}

    def add(
        self,
        instances: Iterable[models.Model | PlainRow],
        history_type: str,
        model: type[models.Model] | None = None,
    ) -> None:
        """Record the rows as simple-history would at this moment (`post_save`, or
        `bulk_history_create`): their tracked values, now, the user, the change reason."""
        for instance in instances:
            history_model = _history_model(model or type(instance))  # type: ignore[arg-type]
            rows = self.waiting.setdefault(history_model, [])
            user = history_model.get_default_history_user(instance)
            values = {
                field.attname: getattr(instance, field.attname)
                for field in history_model.tracked_fields
            }
            values["history_date"] = (
                getattr(instance, "_history_date")  # noqa: B009
                if hasattr(instance, "_history_date")
                else timezone.now()
            )
            values["history_type"] = history_type
            values["history_user_id"] = user.pk if user is not None else None
            values["history_change_reason"] = get_change_reason_from_object(instance)
            if hasattr(history_model, "history_relation"):
                values["history_relation_id"] = instance.pk
            rows.append(values)

    def flush(self) -> None:
        """Insert every waiting record: one query per history table."""
        waiting, self.waiting = self.waiting, {}
        for history_model, rows in waiting.items():
            plain_insert(history_model, rows)


_history_models: dict[type[models.Model], Any] = {}


def _history_model(model: type[models.Model]) -> Any:
    """The historical model of a model with `HistoricalRecords` (read once: simple-history
    builds a manager class at every access)."""
    if model not in _history_models:
        _history_models[model] = get_history_model_for_model(model)
    return _history_models[model]


_active: ContextVar[HistoryBatch | None] = ContextVar("history_batch", default=None)


@contextlib.contextmanager
def history_batch() -> Iterator[HistoryBatch]:
    """Collect the history records `history_add` is given until the block ends, then
    insert them (call it inside the transaction that stores the rows). Within an active
    batch, the outer one collects and inserts. An exception drops what is waiting: the
    rows it was about are undone with the transaction."""
    outer = _active.get()
    if outer is not None:
        yield outer
        return
    batch = HistoryBatch()
    token = _active.set(batch)
    try:
        yield batch
        batch.flush()
    finally:
        _active.reset(token)


def history_add(
    instances: Iterable[models.Model | PlainRow],
    history_type: str = "+",
    *,
    model: type[models.Model] | None = None,
) -> None:
    """The history records of rows just written without their own (model instances, or
    rows of `model` from `plain_create`): kept for the active batch, else inserted at
    once."""
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    batch = _active.get()
    if batch is not None:
        batch.add(instances, history_type, model)
        return
    alone = HistoryBatch()
    alone.add(instances, history_type, model)
    alone.flush()


def history_flush() -> None:
    """Insert what the active batch holds now: before history is written another way."""
    batch = _active.get()
    if batch is not None and batch.waiting:
        batch.flush()


def save_with_history(instance: models.Model, **kwargs: Any) -> None:
    """`instance.save(**kwargs)` with its history record kept for the batch (created: "+",
    else "~", as simple-history's `post_save` says)."""
    created = instance._state.adding
    instance.skip_history_when_saving = True  # type: ignore[attr-defined]
    try:
        instance.save(**kwargs)
    finally:
        del instance.skip_history_when_saving  # type: ignore[attr-defined]
    history_add([instance], "+" if created else "~")


# The history keeps a change's reason in 100 characters.
REASON_LENGTH = 100


def change_reason(text: str) -> str:
    """A history record's reason, shortened to what the history table stores."""
    text = str(text)
    return text if len(text) <= REASON_LENGTH else text[: REASON_LENGTH - 1] + "…"


def review_reasons_given(row: models.Model, *, reviewed: bool = False) -> set[str]:
    """Every review reason a row (deliverable, mandate, consideration) had, as its history
    records them. ``reviewed``: only those it had while its flag was down, the reasons a
    person reviewed (confirmed, rejected, cleared the flag): no one else lowers a flag
    that still has its reasons."""
    if row.pk is None:
        return set()
    records = row.history.all()  # type: ignore[attr-defined]
    if reviewed:
        records = records.filter(needs_review=False)
    return {
        reason
        for reasons in records.values_list("review_reasons", flat=True)
        for reason in reasons or ()
    }


def reasons_unreviewed(row: models.Model, reasons: Iterable[str]) -> list[str]:
    """Those of these reasons no person reviewed on the row: a flag a person lowered is not
    raised again for what they saw (read again, or left once another reason is settled)."""
    reasons = list(reasons)
    if not reasons:
        return []
    reviewed = review_reasons_given(row, reviewed=True)
    return [reason for reason in reasons if reason not in reviewed]


def _flush_before_other_records(sender: type[HistoricalChanges], **kwargs: Any) -> None:
    history_flush()


pre_create_historical_record.connect(
    _flush_before_other_records, weak=False, dispatch_uid="history_batch_flush"
)
