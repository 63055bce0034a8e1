"""Upgrading across 0027 records the opt-outs and contacts that predate their history, so
the next person's change does not read as that person stopping someone's reminders.

The test takes the database back to 0026 with Django's migration executor, stores there
what a database upgraded across 0023 holds (opt-outs without history rows, contacts
without a history), and runs `migrate` as an operator does.
"""

import importlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from mandates.models import Contact, Deliverable
from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE_0027 = [("mandates", "0026_history_by_contact")]


def _columns_added_since_0026() -> list[tuple[type, object]]:
    """The columns later migrations added (0028's `Contact.updated_at`, 0029's special
    session, ...): the one difference between the schema at 0026 and the project's models,
    found from the migration state so that a new migration needs no change here."""
    state = MigrationExecutor(connection).loader.project_state(BEFORE_0027[0]).apps
    added = []
    for model in apps.get_app_config("mandates").get_models():
        try:
            old = state.get_model("mandates", model._meta.model_name)
        except LookupError:
            continue  # a table made later: not written by this test
        had = {field.column for field in old._meta.concrete_fields}
        added += [(model, f) for f in model._meta.concrete_fields if f.column not in had]
    return added


@pytest.fixture
def before_0027():
    """The schema at 0026, with the later migrations' columns added for the time being, is
    the current one (0027 writes rows only), so the project's models and factories store the
    old state."""
    MigrationExecutor(connection).migrate(BEFORE_0027)
    added = _columns_added_since_0026()
    with connection.schema_editor() as editor:
        for model, field in added:
            # the bare column: the model's later constraints (0029's check) stay out
            definition, params = editor.column_sql(model, field, include_default=True)
            editor.execute(
                f"ALTER TABLE {editor.quote_name(model._meta.db_table)}"
                f" ADD COLUMN {editor.quote_name(field.column)} {definition}",
                params,
            )
    yield added
    call_command("migrate", verbosity=0)


def _upgrade(added) -> None:
    """`migrate` as an operator runs it, from the schema at 0026 as it was."""
    with connection.schema_editor() as editor:
        for model, field in added:
            editor.execute(
                f"ALTER TABLE {editor.quote_name(model._meta.db_table)}"
                f" DROP COLUMN {editor.quote_name(field.column)}"
            )
    call_command("migrate", verbosity=0)


def _changes(deliverable: Deliverable) -> list[str]:
    new, old = list(deliverable.history.order_by("-history_date", "-history_id")[:2])
    return sorted(change.field for change in new.diff_against(old).changes)


def test_opt_outs_from_before_their_history_are_not_a_later_persons_change(before_0027):
    officer = factories.ContactFactory(name="Desk officer", email="officer@example.org")
    bob = factories.UserFactory(username="bob")
    deliverable = factories.DeliverableFactory()
    deliverable.assignees.add(officer)  # written to the history, as since 0012
    ann = factories.ContactFactory(name="Ann", email="ann@example.org")
    # as before 0023: the opt-out stored with no history row, the contact with no history
    Deliverable.reminder_opt_outs.through.objects.create(deliverable=deliverable, contact=ann)
    Contact.history.model.objects.all().delete()
    untouched = factories.DeliverableFactory()  # no opt-outs: no record written for it
    records = untouched.history.count()

    _upgrade(before_0027)

    baseline = deliverable.history.order_by("-history_date", "-history_id").first()
    assert baseline.history_user is None
    assert baseline.history_change_reason.startswith("recorded at the upgrade")
    assert list(baseline.reminder_opt_outs.values_list("contact_id", flat=True)) == [ann.pk]
    assert untouched.history.count() == records
    contact_history = list(ann.history.all())
    assert [(r.history_type, r.email, r.history_user) for r in contact_history] == [
        ("+", "ann@example.org", None)
    ]
    assert officer.history.count() == 1

    deliverable.refresh_from_db()
    deliverable.progress = Deliverable.Progress.IN_PROGRESS
    deliverable._history_user = bob
    deliverable.save()
    # bob changed the progress, and only that (it also read as stopping Ann's reminders
    # and, without the assignees copied onto the baseline, as unassigning the officer)
    assert _changes(deliverable) == ["progress"]

    # a second run (a migration re-applied after a rollback) writes nothing more
    records = deliverable.history.count()
    migration = importlib.import_module("mandates.migrations.0027_opt_out_history_baseline")
    migration.record_baselines(apps, None)
    assert deliverable.history.count() == records
    assert ann.history.count() == 1
    assert officer.history.count() == 1
