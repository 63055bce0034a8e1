"""Upgrading across 0019 (documents "before" a session: ten weeks) keeps the due-date rules
a person decided, and says what it did.

Each test takes the database back to 0018 with Django's migration executor, does there what
staff did before the upgrade, and runs `migrate` as an operator does.
"""

from datetime import date
from importlib import import_module
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE_0019 = [("mandates", "0018_contact_logs_protect_recipient")]


@pytest.fixture
def old_apps():
    """The models as they stood at 0018, on a database migrated back to it, without the
    rules 0019 added (its reverse leaves them)."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_0019)
    apps = executor.loader.project_state(BEFORE_0019).apps
    apps.get_model("mandates", "DueDateRule").objects.filter(
        kind__in=["report", "study", "compilation", "oral update"], relation__in=["before", "by"]
    ).delete()
    import_module("mandates.migrations.0019_document_lead_time_before").REPORT.clear()
    yield apps
    call_command("migrate", verbosity=0)  # back to the latest, whatever the test did


def _report_due_before_hrc_65(apps):
    """A report "before its sixty-fifth session" (HRC 65 opens 14 Jun 2027), dated as 0018
    dated it: by the HRC "before" rule, whatever its lead time."""
    Session = apps.get_model("mandates", "Session")
    DueDateRule = apps.get_model("mandates", "DueDateRule")
    session = Session.objects.get(body__code="HRC", number=65)
    lead = DueDateRule.objects.get(body=session.body, kind="", relation="before").lead_time_days
    resolution = apps.get_model("mandates", "Resolution").objects.create(
        body=session.body, symbol="A/HRC/RES/63/210", number="63/210", adopted_on=date(2026, 10, 9)
    )
    mandate = apps.get_model("mandates", "Mandate").objects.create(
        resolution=resolution, paragraph_label="4", verb="Requests"
    )
    due = date.fromordinal(session.start.toordinal() - lead)
    return apps.get_model("mandates", "Deliverable").objects.create(
        mandate=mandate,
        kind="report",
        title="Report of the High Commissioner",
        due_session=session,
        due_relation="before",
        computed_due_date=due,
        due_date=due,
        sequence=1,
    )


def _migrate() -> str:
    out = StringIO()
    call_command("migrate", stdout=out, verbosity=1)
    return out.getvalue()


def _hrc_before_rule(apps):
    return apps.get_model("mandates", "DueDateRule").objects.get(
        body__code="HRC", kind="", relation="before"
    )


def _saved_in_the_admin(apps, user, rule, **changes) -> None:
    """What the admin's save left before the upgrade: the rule's new values and its log
    entry (the admin of today's code cannot run on a database at 0018: its models have
    columns added since)."""
    for name, value in changes.items():
        setattr(rule, name, value)
    rule.save()
    from django.contrib.admin.models import CHANGE, LogEntry  # tables unchanged since
    from django.contrib.contenttypes.models import ContentType

    LogEntry.objects.create(
        user_id=user.pk,
        content_type=ContentType.objects.get(app_label="mandates", model="duedaterule"),
        object_id=str(rule.pk),
        object_repr=str(rule.pk),
        action_flag=CHANGE,
        change_message="[]",
    )


def test_a_before_rule_staff_edited_in_the_admin_stands_with_its_dates(old_apps, staff_client):
    """HRC "before" set to 14 days in the admin: no document rule is added for HRC, the
    report stays due 31 May 2027 with its SEQUENCE, and `migrate` says why."""
    from mandates.models import Deliverable, DueDateRule

    rule = _hrc_before_rule(old_apps)
    _saved_in_the_admin(old_apps, staff_client.user, rule, lead_time_days=14)
    report = _report_due_before_hrc_65(old_apps)
    assert report.due_date == date(2027, 5, 31)

    out = _migrate()

    kept = Deliverable.objects.get(pk=report.pk)
    assert (kept.due_date, kept.computed_due_date, kept.sequence) == (date(2027, 5, 31),) * 2 + (1,)
    assert DueDateRule.objects.get(pk=rule.pk).lead_time_days == 14
    assert not DueDateRule.objects.filter(body__code="HRC", kind="report").exists()
    assert (
        "  HRC: due-date rules kept as staff set them (any kind before: 14 days, shipped 1);"
        " none added for reports, studies and compilations due before a session or oral updates"
        " by one, no due date moved\n"
    ) in out
    # GA's rules were left as shipped: it has the new rules.
    assert (
        DueDateRule.objects.get(body__code="GA", kind="report", relation="before").lead_time_days
        == 70
    )


def test_a_rule_changed_outside_the_admin_or_saved_unchanged_in_it_stands(old_apps, staff_client):
    """The values tell a change made outside the admin (GA's catch-all counted from the
    close); the admin's log tells a rule a person saved as it was (HRC)."""
    from mandates.models import Deliverable, DueDateRule

    DueDateRule_0018 = old_apps.get_model("mandates", "DueDateRule")
    DueDateRule_0018.objects.filter(body__code="GA", kind="", relation="").update(anchor="closing")
    rule = _hrc_before_rule(old_apps)
    _saved_in_the_admin(old_apps, staff_client.user, rule)
    report = _report_due_before_hrc_65(old_apps)
    assert report.due_date == date(2027, 6, 13)

    out = _migrate()

    assert Deliverable.objects.get(pk=report.pk).due_date == date(2027, 6, 13)
    assert (
        not DueDateRule.objects.filter(kind__in=["report", "study", "oral update"])
        .exclude(relation="at")
        .exists()
    )
    assert (
        "HRC: due-date rules kept as staff set them (any kind before: 1 day, saved in the admin)"
        in out
    )
    assert (
        "GA: due-date rules kept as staff set them (any kind any relation: 70 days before it closes, shipped 70)"
        in out
    )


def test_rules_as_shipped_get_the_documents_rule_and_migrate_counts_the_moved_dates(old_apps):
    """The control: nobody touched the HRC rules, so the report "before" HRC 65 follows the
    10-4-6 rule (5 Apr 2027), calendars hear of it and `migrate` says how many moved."""
    from mandates.models import Deliverable, DueDateRule

    report = _report_due_before_hrc_65(old_apps)
    assert report.due_date == date(2027, 6, 13)  # the day before, as 0002 shipped

    out = _migrate()

    moved = Deliverable.objects.get(pk=report.pk)
    assert (moved.due_date, moved.computed_due_date, moved.sequence) == (date(2027, 4, 5),) * 2 + (
        2,
    )
    assert (
        DueDateRule.objects.get(body__code="HRC", kind="report", relation="before").lead_time_days
        == 70
    )
    assert (
        "  HRC: rules added for reports, studies and compilations due before a session (70 days)"
        " and oral updates by one (0 days); 1 due date moved\n"
    ) in out
    assert "GA:" not in out  # rules added, no date of GA moved: nothing to say
