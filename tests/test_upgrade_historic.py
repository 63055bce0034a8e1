"""Upgrading across 0035: a deliverable due today or later is no longer historic.

The test takes the database back to 0034 with Django's migration executor, stores there
what the old code left (a report a person dated next month, still marked historic), and
runs `migrate` as an operator does.
"""

from datetime import timedelta
from importlib import import_module
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE_0035 = [("mandates", "0034_resolution_superseded_by_revision")]


@pytest.fixture
def old_apps():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_0035)
    import_module("mandates.migrations.0035_historic_follows_due_date").REPORT.clear()
    yield executor.loader.project_state(BEFORE_0035).apps
    call_command("migrate", verbosity=0)


def test_historic_marks_on_future_dates_are_cleared_and_migrate_says_so(old_apps):
    """Dated next month by hand: cleared, and reminded from now on; due long ago: kept."""
    from mandates.models import Deliverable

    body = old_apps.get_model("mandates", "Body").objects.get(code="HRC")
    resolution = old_apps.get_model("mandates", "Resolution").objects.create(
        body=body, symbol="A/HRC/RES/57/1", number="57/1"
    )
    mandate = old_apps.get_model("mandates", "Mandate").objects.create(
        resolution=resolution, paragraph_label="3", verb="Requests"
    )
    make = old_apps.get_model("mandates", "Deliverable").objects.create
    today = timezone.localdate()
    dated = make(
        mandate=mandate,
        title="Dated by hand",
        is_historic=True,
        manual_due_date=today + timedelta(days=30),
        due_date=today + timedelta(days=30),
    )
    old = make(
        mandate=mandate, title="Long past", is_historic=True, due_date=today - timedelta(days=500)
    )
    stamp = Deliverable.objects.get(pk=dated.pk).updated_at

    out = StringIO()
    call_command("migrate", stdout=out, verbosity=1)

    assert not Deliverable.objects.get(pk=dated.pk).is_historic
    assert Deliverable.objects.get(pk=dated.pk).updated_at == stamp  # no calendar change
    assert Deliverable.objects.get(pk=old.pk).is_historic
    assert (
        "  1 deliverable due today or later (or undated): no longer historic, reminded again\n"
        in out.getvalue()
    )
