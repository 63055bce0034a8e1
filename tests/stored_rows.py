"""What is stored, by natural keys: to compare two ways of storing the same files."""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.db import models

NATURAL_KEYS = {
    "Body": ("code",),
    "Session": ("body_id", "number"),
    "Actor": ("name",),
    "Resolution": ("symbol",),
    "Paragraph": ("resolution_id", "position"),
    "Mandate": ("resolution_id", "position"),
    "Deliverable": ("mandate_id", "position"),
}
# ids, timestamps, uids and file names differ between two runs that store the same
LEFT_OUT = frozenset(
    {"id", "uid", "created_at", "updated_at", "source_file", "history_id", "history_date"}
)


def stored_rows(*, also_left_out: Iterable[str] = ()) -> dict[str, list]:
    """Every row of the app's tables (history included), its references written as
    natural keys; `also_left_out` names more columns to leave out (who stored it)."""
    left_out = LEFT_OUT | set(also_left_out)
    keys: dict[type[models.Model], dict[int, tuple]] = {}

    def plain(model: type[models.Model], attname: str, value: object) -> object:
        field = next(f for f in model._meta.concrete_fields if f.attname == attname)
        if field.is_relation and field.related_model._meta.object_name in NATURAL_KEYS:
            return key(field.related_model, value)
        return value

    def key(model: type[models.Model], pk: object) -> tuple | None:
        if pk is None:
            return None
        if model not in keys:
            fields = NATURAL_KEYS[model._meta.object_name]
            keys[model] = {
                row[0]: tuple(
                    plain(model, name, value) for name, value in zip(fields, row[1:], strict=True)
                )
                for row in model.objects.values_list("pk", *fields)
            }
        return keys[model].get(pk, ("deleted since",))  # a history record's row

    dump = {}
    for model in apps.get_app_config("mandates").get_models(include_auto_created=True):
        dump[model._meta.db_table] = sorted(
            repr(
                sorted(
                    (name, plain(model, name, value))
                    for name, value in row.items()
                    if name not in left_out
                )
            )
            for row in model.objects.values()
        )
    return dump
