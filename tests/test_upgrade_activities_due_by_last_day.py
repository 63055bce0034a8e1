"""Upgrading across 0040 (meetings, panels, oral updates and consultations "at" a session:
due by its last day) moves the dates it computed, never a date a person set, and keeps the
rules a person decided.

As tests/test_upgrade_due_date_rules.py: each test takes the database back to 0037 with
Django's migration executor, does there what staff did before the upgrade, and runs
`migrate` as an operator does.
"""

from datetime import date, timedelta
from importlib import import_module
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE_0040 = [("mandates", "0039_resolution_edited_fields_proposals")]
ACTIVITIES = ["meeting", "panel", "oral update"]


@pytest.fixture
def old_apps():
    """The models as they stood at 0037, with the rules 0002 shipped for these deliverables
    (0040's reverse leaves its own)."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_0040)
    apps = executor.loader.project_state(BEFORE_0040).apps
    DueDateRule = apps.get_model("mandates", "DueDateRule")
    DueDateRule.objects.filter(kind="consultation", relation="at").delete()
    DueDateRule.objects.filter(kind__in=ACTIVITIES, relation="at").update(
        anchor="opening", lead_time_days=0, note="Held at the session itself"
    )
    import_module("mandates.migrations.0040_activities_due_by_session_end").REPORT.clear()
    yield apps
    call_command("migrate", verbosity=0)  # back to the latest, whatever the test did


def _deliverable(apps, *, body: str, number: int, kind: str, lead: int, **fields):
    """A deliverable of `kind` "at" the session, dated as 0037 dated it (`lead` days before
    the session opens), stored long ago."""
    session = apps.get_model("mandates", "Session").objects.get(body__code=body, number=number)
    resolution = apps.get_model("mandates", "Resolution").objects.create(
        body=session.body,
        symbol=f"A/RES/80/{kind[:3]}{number}",
        number=f"80/{kind[:3]}",
        adopted_on=date(2026, 6, 2),
    )
    mandate = apps.get_model("mandates", "Mandate").objects.create(
        resolution=resolution, paragraph_label="1", verb="Decides"
    )
    computed = session.start - timedelta(days=lead)
    values = {"computed_due_date": computed, "due_date": computed, "sequence": 1, **fields}
    return apps.get_model("mandates", "Deliverable").objects.create(
        mandate=mandate,
        kind=kind,
        title=f"Invented {kind}",
        due_session=session,
        due_relation="at",
        **values,
    )


def _migrate() -> str:
    out = StringIO()
    call_command("migrate", stdout=out, verbosity=1)
    return out.getvalue()


def test_computed_dates_move_to_the_sessions_last_day_and_a_persons_date_stays(old_apps):
    """GA as shipped: the debate (opening day) and the consultations (ten weeks before,
    historic) are due when GA 81 closes, reminded again, calendars told; a meeting a person
    dated keeps its date and SEQUENCE; `migrate` says how many moved."""
    from mandates.models import Deliverable, DueDateRule

    debate = _deliverable(old_apps, body="GA", number=81, kind="meeting", lead=0)
    consultations = _deliverable(
        old_apps, body="GA", number=81, kind="consultation", lead=70, is_historic=True
    )
    dated = _deliverable(
        old_apps, body="GA", number=82, kind="meeting", lead=0, manual_due_date=date(2027, 10, 1)
    )
    Deliverable_0037 = old_apps.get_model("mandates", "Deliverable")
    Deliverable_0037.objects.filter(pk=dated.pk).update(due_date=date(2027, 10, 1))

    out = _migrate()

    closes = date(2027, 9, 7)  # GA 81's last day in the packaged calendar
    for row in (debate, consultations):
        moved = Deliverable.objects.get(pk=row.pk)
        assert (moved.due_date, moved.computed_due_date, moved.sequence) == (closes, closes, 2)
        assert not moved.is_historic
    kept = Deliverable.objects.get(pk=dated.pk)
    assert (kept.due_date, kept.sequence) == (date(2027, 10, 1), 1)
    assert kept.computed_due_date == date(2028, 9, 5)  # what GA 82's last day would give
    rule = DueDateRule.objects.get(body__code="GA", kind="consultation", relation="at")
    assert (rule.anchor, rule.lead_time_days) == ("last_day", 0)
    assert (
        "  GA: meetings, panels, oral updates and consultations at a session due by the"
        " session's last day; 2 due dates moved\n"
    ) in out


def test_a_rule_staff_saved_in_the_admin_keeps_the_bodys_rules_and_dates(old_apps, staff_client):
    """GA's panel rule was saved in the admin: GA keeps its rules and its panel's date,
    and `migrate` says why."""
    from django.contrib.admin.models import CHANGE, LogEntry
    from django.contrib.contenttypes.models import ContentType

    from mandates.models import Deliverable, DueDateRule

    rule = old_apps.get_model("mandates", "DueDateRule").objects.get(
        body__code="GA", kind="panel", relation="at"
    )
    LogEntry.objects.create(
        user_id=staff_client.user.pk,
        content_type=ContentType.objects.get(app_label="mandates", model="duedaterule"),
        object_id=str(rule.pk),
        object_repr=str(rule.pk),
        action_flag=CHANGE,
        change_message="[]",
    )
    panel = _deliverable(old_apps, body="GA", number=81, kind="panel", lead=0)

    out = _migrate()

    kept = Deliverable.objects.get(pk=panel.pk)
    assert (kept.due_date, kept.sequence) == (date(2026, 9, 8), 1)  # GA 81 opens
    assert DueDateRule.objects.get(pk=rule.pk).anchor == "opening"
    assert not DueDateRule.objects.filter(body__code="GA", kind="consultation").exists()
    assert (
        "  GA: due-date rules kept as staff set them (panel at: 0 days, saved in the admin);"
        " meetings, panels, oral updates and consultations at a session not counted from its"
        " last day, no due date moved\n"
    ) in out


def test_a_council_session_keeps_the_opening_day(old_apps):
    """A Council session lasts weeks: HRC's rules and dates stay as they were (reminders
    all before the session opens), and `migrate` says nothing of HRC."""
    from mandates.models import Deliverable, DueDateRule

    panel = _deliverable(old_apps, body="HRC", number=65, kind="panel", lead=0)

    out = _migrate()

    kept = Deliverable.objects.get(pk=panel.pk)
    assert (kept.due_date, kept.sequence) == (date(2027, 6, 14), 1)  # HRC 65 opens
    assert {
        rule.anchor for rule in DueDateRule.objects.filter(body__code="HRC", relation="at")
    } == {"opening"}
    assert not DueDateRule.objects.filter(body__code="HRC", kind="consultation").exists()
    assert "  HRC:" not in out
