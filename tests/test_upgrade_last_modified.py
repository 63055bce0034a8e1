"""Upgrading across 0036 keeps every deliverable event's LAST-MODIFIED: a feed read before
the upgrade (session changes counted) and after (a deliverable's own changes counted) is
the same document.

The test takes the database back to 0035 with Django's migration executor, stores there a
deliverable whose session changed after it, and runs `migrate` as an operator does.
"""

from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE_0036 = [("mandates", "0035_historic_follows_due_date")]


@pytest.fixture
def old_apps():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_0036)
    yield executor.loader.project_state(BEFORE_0036).apps
    call_command("migrate", verbosity=0)


def test_a_deliverable_takes_its_sessions_later_change_as_its_own(old_apps):
    """HRC 65 moved on 3 November after the report was last changed on 1 November: the
    report's LAST-MODIFIED stays 3 November; one changed after its session keeps its own."""
    from mandates.models import Deliverable

    Session = old_apps.get_model("mandates", "Session")
    session = Session.objects.get(body__code="HRC", number=65)
    body = session.body
    resolution = old_apps.get_model("mandates", "Resolution").objects.create(
        body=body, symbol="A/HRC/RES/62/1", number="62/1"
    )
    mandate = old_apps.get_model("mandates", "Mandate").objects.create(
        resolution=resolution, paragraph_label="3", verb="Requests"
    )
    make = old_apps.get_model("mandates", "Deliverable").objects.create
    older = make(mandate=mandate, title="Changed before its session", due_session=session)
    newer = make(mandate=mandate, title="Changed after its session", due_session=session)
    moments = {
        older.pk: datetime(2026, 11, 1, tzinfo=UTC),
        newer.pk: datetime(2026, 11, 5, tzinfo=UTC),
    }
    for pk, moment in moments.items():
        old_apps.get_model("mandates", "Deliverable").objects.filter(pk=pk).update(
            updated_at=moment
        )
    Session.objects.filter(pk=session.pk).update(updated_at=datetime(2026, 11, 3, tzinfo=UTC))

    call_command("migrate", verbosity=0)

    assert Deliverable.objects.get(pk=older.pk).updated_at == datetime(2026, 11, 3, tzinfo=UTC)
    assert Deliverable.objects.get(pk=newer.pk).updated_at == datetime(2026, 11, 5, tzinfo=UTC)
