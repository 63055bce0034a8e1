"""Every due date explains itself: session, anchor, days, rule, result; and sessions
with announced dates that have closed are held, while estimated ones stay estimated."""

from datetime import date

import pytest
from django.template.loader import render_to_string
from django.utils.html import strip_tags

from mandates.models import Deliverable, DueDateRule, Session
from mandates.services.schedule import (
    deliverable_due_explain,
    session_get_or_estimate,
    sessions_mark_held,
)
from tests import factories

pytestmark = pytest.mark.django_db


def _deliverable(number: int, **fields) -> Deliverable:
    session = session_get_or_estimate(body=factories.body("HRC"), number=number)
    item = factories.DeliverableFactory(due_session=session, due_relation="at", **fields)
    from mandates.services.schedule import deliverable_due_date_refresh

    deliverable_due_date_refresh(deliverable=item)
    return item


def test_report_at_hrc_65_explains_its_date():
    """The explanation is the computation that gave the stored date, in words."""
    item = _deliverable(65)
    why = deliverable_due_explain(deliverable=item)
    assert why.due_date == item.due_date == date(2027, 4, 5)
    assert str(why) == (
        "HRC 65 opens 14 Jun 2027 (estimated) - 70 days (rule: anything for HRC sessions)"
        " = 5 Apr 2027"
    )
    assert why.rule == DueDateRule.objects.get(body__code="HRC", kind="", relation="")


def test_the_most_specific_rule_is_named():
    """An oral update at a session is due on the opening day, by its own rule."""
    item = _deliverable(65, kind=Deliverable.Kind.ORAL_UPDATE)
    why = deliverable_due_explain(deliverable=item)
    assert str(why).endswith("- 0 days (rule: oral updates at HRC sessions) = 14 Jun 2027")
    assert why.due_date == item.due_date


def test_one_day_is_a_day():
    """A lead time of one day reads "- 1 day", not "- 1 days"."""
    DueDateRule.objects.filter(body__code="HRC", kind="", relation="").update(lead_time_days=1)
    why = deliverable_due_explain(deliverable=_deliverable(65))
    assert "opens 14 Jun 2027 (estimated) - 1 day (rule:" in str(why)
    assert why.due_date == date(2027, 6, 13)


def test_manual_and_printed_dates_say_so_and_keep_the_session_computation():
    """A date set by hand or printed in the text comes first, and says what the session gives."""
    manual = _deliverable(65, manual_due_date=date(2027, 3, 1))
    assert str(deliverable_due_explain(deliverable=manual)).startswith(
        "Set by hand: 1 Mar 2027 (the session would give: HRC 65 opens 14 Jun 2027"
    )
    printed = factories.DeliverableFactory(stated_due_date=date(2026, 5, 31))
    assert str(deliverable_due_explain(deliverable=printed)) == "Printed in the text: 31 May 2026"
    assert str(deliverable_due_explain(deliverable=factories.DeliverableFactory())) == (
        "No deadline in the text"
    )


def test_body_without_rules_names_its_default_lead_time():
    """No rule: the body's default lead time is the rule."""
    body = factories.body("HRC")
    DueDateRule.objects.filter(body=body).delete()
    body.default_lead_time_days = 42
    body.save()
    why = deliverable_due_explain(deliverable=_deliverable(65))
    assert "- 42 days (rule: default lead time of the HRC) = 3 May 2027" in str(why)


def test_closed_sessions_with_announced_dates_are_held_estimated_ones_stay_estimated():
    """On 1 Nov 2026 HRC 62 (announced dates) and 63 (estimated dates) have closed. HRC 62
    took place on its dates: held, with nothing a calendar must hear of (its confirmed
    deliverable keeps its SEQUENCE). HRC 63's dates are still a guess: it stays estimated,
    its deliverable's date never explained as held and its SEQUENCE unchanged; the task
    touches it on no later day either."""
    Session.objects.filter(body__code="HRC", number=62).update(dates_status="announced")
    announced = _deliverable(62, review_status="confirmed")
    estimated = _deliverable(63, review_status="confirmed")
    sequences = (announced.sequence, estimated.sequence)
    closed = Session.objects.filter(end__lt=date(2026, 11, 1))
    announced_closed = closed.filter(dates_status="announced").count()  # HRC 61 and 62
    estimated_closed = set(closed.filter(dates_status="estimated").values_list("pk", flat=True))
    assert sessions_mark_held(today=date(2026, 11, 1)) == announced_closed
    assert set(closed.filter(dates_status="estimated").values_list("pk", flat=True)) == (
        estimated_closed
    )
    statuses = dict(
        Session.objects.filter(body__code="HRC", number__in=[62, 63, 64]).values_list(
            "number", "dates_status"
        )
    )
    assert statuses == {62: "held", 63: "estimated", 64: "estimated"}
    announced.refresh_from_db()
    estimated.refresh_from_db()
    assert (announced.sequence, estimated.sequence) == sequences
    assert "(held)" in str(deliverable_due_explain(deliverable=announced))
    # counted from its opening day, which has come ("opened": `day_status_display`)
    assert "(held)" not in str(deliverable_due_explain(deliverable=estimated))
    assert Session.objects.get(body__code="HRC", number=63).estimated_label == (
        "closed; its dates estimated, not the official ones"
    )
    assert sessions_mark_held(today=date(2026, 11, 1)) == 0
    assert sessions_mark_held(today=date(2027, 11, 1)) == 0  # 64, 65, 66: estimated


def test_the_daily_task_marks_held_sessions():
    """The Celery task the schedule runs every day does the same, for its day."""
    from django_celery_beat.models import PeriodicTask

    from mandates.tasks import sessions_mark_held as task

    assert PeriodicTask.objects.get(name="Mark past sessions held").task == (
        "mandates.tasks.sessions_mark_held"
    )
    Session.objects.filter(body__code="HRC", number=63).update(dates_status="announced")
    assert task.delay(today="2026-11-01").get() >= 1
    statuses = dict(
        Session.objects.filter(body__code="HRC", number__in=[62, 63]).values_list(
            "number", "dates_status"
        )
    )
    assert statuses == {62: "estimated", 63: "held"}


@pytest.mark.parametrize(
    ("kind", "relation", "due"),
    [
        ("study", "before", date(2027, 4, 5)),  # a document: the 10-4-6 rule, ten weeks
        ("report", "before", date(2027, 4, 5)),
        ("compilation", "before", date(2027, 4, 5)),
        ("oral update", "by", date(2027, 6, 14)),  # given at the session
        ("oral update", "at", date(2027, 6, 14)),
        ("meeting", "before", date(2027, 6, 13)),  # held before it opens
        ("report", "by", date(2027, 4, 5)),
    ],
)
def test_documents_follow_the_documentation_rule_whatever_the_relation(kind, relation, due):
    """HRC 65 opens 14 Jun 2027: a study due "prior to" it is a pre-session document."""
    item = _deliverable(65, kind=kind)
    item.due_relation = relation
    from mandates.services.schedule import deliverable_due_date_refresh

    deliverable_due_date_refresh(deliverable=item)
    assert item.due_date == due
    assert deliverable_due_explain(deliverable=item).due_date == due


def test_the_migration_adds_the_rules_and_recounts_what_they_change():
    """An installation from before 0019: its "before" studies were due the day before."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("mandates.migrations.0019_document_lead_time_before")
    DueDateRule.objects.filter(
        kind__in=["report", "study", "compilation"], relation="before"
    ).delete()
    DueDateRule.objects.filter(kind="oral update", relation="by").delete()
    staff_rule = DueDateRule.objects.create(
        body=factories.body("GA"), kind="report", relation="before", lead_time_days=30
    )
    study = _deliverable(65, kind="study")
    Deliverable.objects.filter(pk=study.pk).update(due_relation="before")
    study.due_relation = "before"
    from mandates.services.schedule import deliverable_due_date_refresh

    deliverable_due_date_refresh(deliverable=study)
    assert study.due_date == date(2027, 6, 13)  # the old count
    sequence = study.sequence
    migration.add_rules(apps, None)
    study.refresh_from_db()
    assert study.due_date == study.computed_due_date == date(2027, 4, 5)
    assert study.sequence == sequence + 1  # calendars hear of the move
    staff_rule.refresh_from_db()
    assert staff_rule.lead_time_days == 30  # staff's own rule stands
    assert not DueDateRule.objects.filter(body__code="GA", kind="study").exists()  # nor added
    lines, migration.REPORT[:] = list(migration.REPORT), []  # what `migrate` would print
    assert [line.split(":")[0] for line in lines] == ["GA", "HRC"]
    assert "(report before: 30 days, added)" in lines[0]
    assert lines[1].endswith("; 1 due date moved")


@pytest.mark.parametrize(("lead", "words"), [(1, "- 1 day (rule"), (42, "- 42 days (rule")])
def test_the_pages_explanation_says_day_or_days_as_the_text_does(lead, words):
    """The deliverable pages render the same words as the explanation's text."""
    body = factories.body("HRC")
    DueDateRule.objects.filter(body=body).delete()
    body.default_lead_time_days = lead
    body.save()
    item = _deliverable(65)
    page = strip_tags(render_to_string("mandates/_due_explanation.html", {"item": item}))
    assert words in page
    assert " ".join(page.split()) == str(deliverable_due_explain(deliverable=item))
