"""The session planner on generated data: counts, deadlines, word totals, weekly load and
forecasts of recurring deliverables."""

from datetime import date, timedelta

import pytest

from mandates.models import (
    Deliverable,
    DueDateRule,
    PlanningPolicy,
    ReviewStatus,
    Session,
    WordLimit,
)
from mandates.services import planner
from mandates.services.schedule import deliverable_due_date_refresh, due_date_compute
from tests import factories

pytestmark = pytest.mark.django_db

CONFIRMED = ReviewStatus.CONFIRMED


def _session(code: str, number: int) -> Session:
    return Session.objects.select_related("body").get(body__code=code, number=number)


def _deliverable(session, *, kind="report", actor=None, relation="at", **fields):
    """A confirmed deliverable due at `session`, its due date from the project's rules."""
    mandate = factories.MandateFactory(
        actor=actor or factories.ActorFactory(name="High Commissioner", kind="official"),
        **({"resolution": fields.pop("resolution")} if "resolution" in fields else {}),
    )
    deliverable = factories.DeliverableFactory(
        mandate=mandate,
        kind=kind,
        due_session=session,
        due_relation=relation,
        review_status=fields.pop("review_status", CONFIRMED),
        **fields,
    )
    deliverable_due_date_refresh(deliverable=deliverable)
    return deliverable


def _plan(session, user=None) -> planner.SessionPlan:
    (plan,) = planner.session_plans(sessions=[session], user=user)
    return plan


def test_plan_counts_deadlines_and_words_by_the_documentation_rules():
    """Reports count their word limit times their number; events count no words; each entry
    keeps the deadline the schedule rules give."""
    hrc65 = _session("HRC", 65)
    report = _deliverable(hrc65, count=2)
    sr = factories.ActorFactory(name="Special Rapporteur on water", kind="special procedure")
    sr_report = _deliverable(hrc65, actor=sr)
    seminar = _deliverable(hrc65, kind="seminar", relation="before", count=5)
    oral = _deliverable(hrc65, kind="oral update")

    plan = _plan(hrc65)

    assert len(plan.entries) == 4
    assert plan.forecasts == 0
    assert plan.documents == 3
    assert plan.words_total == 2 * 8500 + 10700
    by_uid = {entry.deliverable.uid: entry for entry in plan.entries}
    assert by_uid[report.uid].due_date == hrc65.start - timedelta(days=70) == date(2027, 4, 5)
    assert by_uid[seminar.uid].due_date == hrc65.start - timedelta(days=1)
    assert by_uid[oral.uid].due_date == hrc65.start
    assert by_uid[seminar.uid].word_limit is None and by_uid[seminar.uid].words == 0
    assert by_uid[sr_report.uid].word_limit == 10700
    assert [name for name, _ in plan.by_actor] == ["High Commissioner", sr.name]


def test_word_limits_are_data_staff_can_change():
    """A changed word limit changes the totals at once."""
    hrc65 = _session("HRC", 65)
    _deliverable(hrc65)
    WordLimit.objects.filter(kind="report", actor_kind="").update(words=9000)
    WordLimit.objects.create(kind="seminar", words=1000)
    _deliverable(hrc65, kind="seminar", relation="before", count=5)

    assert _plan(hrc65).words_total == 9000 + 5 * 1000


def test_submitted_documents_count_apart_and_leave_the_weekly_load():
    """What is already submitted is counted as such and no longer loads a unit's week;
    cancelled deliverables are not in the plan at all."""
    hrc65 = _session("HRC", 65)
    _deliverable(hrc65, progress=Deliverable.Progress.SUBMITTED)
    _deliverable(hrc65, fulfilled_by="A/HRC/65/12")
    _deliverable(hrc65)
    _deliverable(hrc65, progress=Deliverable.Progress.CANCELLED)

    plan = _plan(hrc65)

    assert plan.documents == 3
    assert plan.documents_submitted == 2
    assert plan.words_submitted == 2 * 8500
    assert sum(cell.documents for cell in plan.load.cells) == 1


def test_the_public_plan_shows_only_what_the_public_may_see(django_user_model):
    """Proposals and private deliverables are in the staff's plan only; rejected ones in
    nobody's."""
    hrc65 = _session("HRC", 65)
    _deliverable(hrc65)
    _deliverable(hrc65, review_status=ReviewStatus.PROPOSED)
    _deliverable(hrc65, is_public=False)
    _deliverable(hrc65, review_status=ReviewStatus.REJECTED)
    staff = django_user_model.objects.create_user("staff", is_staff=True)

    assert len(_plan(hrc65).entries) == 1
    assert len(_plan(hrc65, user=staff).entries) == 3


def test_units_and_weekly_load_warn_above_the_staff_limit():
    """Documents count for the units assigned (else the actor's units) in the week of their
    deadline; a week above the policy's limit is a warning."""
    hrc65 = _session("HRC", 65)
    section = factories.ContactFactory(name="Development Section", is_unit=True)
    person = factories.ContactFactory(name="A person", is_unit=False)
    actor = factories.ActorFactory(name="High Commissioner", kind="official")
    actor.contacts.add(section, person)
    for _ in range(3):
        _deliverable(hrc65, actor=actor)
    other_unit = factories.ContactFactory(name="Rule of Law Section", is_unit=True)
    assigned = _deliverable(hrc65, actor=actor)
    assigned.assignees.add(other_unit)
    PlanningPolicy.objects.update(documents_per_unit_per_week=2)

    plan = _plan(hrc65)

    assert [name for name, _ in plan.by_unit] == ["Development Section", "Rule of Law Section"]
    week = date(2027, 4, 5)  # a Monday: ten weeks before 14 June 2027
    cells = {(cell.unit, cell.week): cell for cell in plan.load.cells}
    assert cells["Development Section", week].documents == 3
    assert cells["Rule of Law Section", week].documents == 1
    assert [(c.unit, c.week) for c in plan.load.warnings] == [("Development Section", week)]
    PlanningPolicy.objects.update(documents_per_unit_per_week=3)
    assert _plan(hrc65).load.warnings == []


def test_a_deliverable_without_unit_is_listed_as_such():
    """Nothing is dropped for want of a unit; but the documents nobody holds are not one
    unit's weekly load (they had raised "No unit assigned: 12 documents" warnings)."""
    hrc65 = _session("HRC", 65)
    actor = factories.ActorFactory(name="Nobody's actor")
    for _ in range(3):
        _deliverable(hrc65, actor=actor)
    PlanningPolicy.objects.update(documents_per_unit_per_week=2)
    plan = _plan(hrc65)
    assert [name for name, _ in plan.by_unit] == ["No unit assigned"]
    assert [cell.documents for cell in plan.load.cells] == [3]
    assert plan.load.warnings == []


@pytest.mark.parametrize(
    ("recurring", "code", "interval"),
    [
        ("annual", "HRC", 3),
        ("biennial", "HRC", 6),
        ("every two years", "HRC", 6),
        ("every 3 years", "GA", 3),
        ("at each session", "HRC", 1),
        ("every 2 sessions", "HRC", 2),
        ("annual", "GA", 1),
        ("now and then", "HRC", None),
        ("", "HRC", None),
        ("twice a year", "HRC", None),
        ("semi-annual", "GA", None),
        ("every six months", "GA", None),
    ],
)
def test_recurrence_interval_in_sessions(recurring, code, interval):
    """The Council meets three times a year, the Assembly once; twice a year is no whole
    number of either's sessions (and "semi-annual" is not "annual")."""
    assert planner.recurrence_interval(recurring, body_code=code) == interval


def test_an_annual_report_is_forecast_a_year_later_with_the_rules_deadline():
    """An annual report due at HRC 62 is forecast at HRC 65 (three sessions on), not at 63
    or 64, with the deadline the due-date rules give for 65, marked as forecast."""
    hrc62, hrc65 = _session("HRC", 62), _session("HRC", 65)
    annual = _deliverable(hrc62, recurring="annual")

    plans = planner.session_plans(
        sessions=[_session("HRC", 63), _session("HRC", 64), hrc65], user=None
    )

    assert [len(plan.entries) for plan in plans] == [0, 0, 1]
    (forecast,) = plans[2].entries
    assert forecast.is_forecast and forecast.deliverable.uid == annual.uid
    rules = DueDateRule.objects.filter(body=hrc65.body)
    assert forecast.due_date == due_date_compute(
        session=hrc65, kind="report", relation="at", rules=rules
    )
    assert plans[2].words_forecast == plans[2].words_total == 8500
    assert not forecast.is_submitted


def test_forecasts_stop_when_the_mandate_ends_or_is_renewed_or_replaced():
    """No forecast past `recurs_until`, after a later deliverable renews the series, or
    once a newer resolution of the same series exists."""
    hrc62, hrc65 = _session("HRC", 62), _session("HRC", 65)
    ends = _deliverable(hrc62, recurring="annual", recurs_until=_session("HRC", 64))
    renewed = _deliverable(hrc62, recurring="annual")
    _deliverable(hrc65, predecessor=renewed)
    old = factories.ResolutionFactory(title="Water series", adopted_on=date(2025, 4, 1))
    _deliverable(hrc62, recurring="annual", resolution=old)
    factories.ResolutionFactory(title="Water series", adopted_on=date(2026, 4, 1))
    kept = _deliverable(hrc62, recurring="annual")

    plan = _plan(hrc65)

    forecasts = [entry.deliverable.uid for entry in plan.entries if entry.is_forecast]
    assert forecasts == [kept.uid]
    assert ends.uid not in forecasts
    assert len(plan.entries) == 2  # the renewing deliverable itself and the one forecast


def test_one_paragraphs_annual_report_at_two_sessions_is_planned_once_each_session():
    """ "a summary report ... to present each report to the Council at its fifty-sixth and
    fifty-ninth sessions", read as annual: HRC 59 lists the stored report alone, not also a
    forecast from 56, and HRC 62 one forecast (from 59), not one from each."""
    hrc56, hrc59, hrc62 = _session("HRC", 56), _session("HRC", 59), _session("HRC", 62)
    mandate = factories.MandateFactory(
        actor=factories.ActorFactory(name="OHCHR", kind="office"), paragraph_label="7"
    )
    first, second = (
        factories.DeliverableFactory(
            mandate=mandate,
            kind="report",
            due_session=session,
            due_relation="at",
            recurring="annual",
            review_status=CONFIRMED,
        )
        for session in (hrc56, hrc59)
    )
    for item in (first, second):
        deliverable_due_date_refresh(deliverable=item)
    other = _deliverable(hrc59, recurring="annual")  # another paragraph: its own series

    plans = planner.session_plans(sessions=[hrc59, hrc62], user=None)

    at_59 = [(e.deliverable.uid, e.is_forecast) for e in plans[0].entries]
    assert sorted(at_59, key=str) == sorted([(second.uid, False), (other.uid, False)], key=str)
    at_62 = [(e.deliverable.uid, e.is_forecast) for e in plans[1].entries]
    assert sorted(at_62, key=str) == sorted([(second.uid, True), (other.uid, True)], key=str)
    assert first.uid not in {uid for uid, _ in at_62}


def test_cancelled_or_superseded_recurring_deliverables_are_not_forecast():
    """A series staff marked superseded or cancelled projects nothing."""
    hrc62, hrc65 = _session("HRC", 62), _session("HRC", 65)
    _deliverable(hrc62, recurring="annual", progress=Deliverable.Progress.SUPERSEDED)
    _deliverable(hrc62, recurring="annual", progress=Deliverable.Progress.CANCELLED)
    submitted = _deliverable(hrc62, recurring="annual", progress=Deliverable.Progress.SUBMITTED)

    assert [e.deliverable.uid for e in _plan(hrc65).entries] == [submitted.uid]


def test_a_session_nobody_entered_is_planned_on_estimated_dates():
    """HRC 68 is not in the calendar: the plan estimates it (without saving it) and forecasts
    the annual report due at 65 into it."""
    _deliverable(_session("HRC", 65), recurring="annual")
    session = planner.session_for_plan(code="hrc", number=68)

    assert session is not None and session.pk is None
    assert not Session.objects.filter(body__code="HRC", number=68).exists()
    plan = _plan(session)
    assert plan.is_estimated_session
    assert [entry.is_forecast for entry in plan.entries] == [True]
    assert plan.entries[0].due_date == session.start - timedelta(days=70)
    assert planner.session_for_plan(code="HRC", number=500) is None
    assert planner.session_for_plan(code="XYZ", number=1) is None


def test_sessions_ahead_are_those_under_way_and_the_next_three_of_each_body():
    """From 1 November 2026: GA 81 (under way until September 2027: work is due in it),
    GA 82 with two estimated after it, and HRC 64-66 (HRC 63 closed in October)."""
    sessions = planner.sessions_ahead(today=date(2026, 11, 1))
    names = [str(session) for session in sessions]
    assert names[:4] == ["GA 81", "GA 82", "GA 83", "GA 84"]
    assert "HRC 64" in names and "HRC 66" in names and "HRC 63" not in names
    assert sessions[2].pk is None and sessions[2].is_estimated


def test_sessions_ahead_keep_a_closed_session_with_work_still_due():
    """A closed session whose deliverable a person dated after it (still open) is planned
    too; once the work is submitted it is not."""
    hrc63 = Session.objects.get(body__code="HRC", number=63)
    late = factories.DeliverableFactory(
        due_session=hrc63, manual_due_date=date(2026, 12, 1), due_date=date(2026, 12, 1)
    )
    staff = factories.UserFactory(is_staff=True)
    names = [str(s) for s in planner.sessions_ahead(today=date(2026, 11, 1), user=staff)]
    assert "HRC 63" in names and names.index("HRC 63") < names.index("HRC 64")
    late.progress = Deliverable.Progress.SUBMITTED
    late.save()
    names = [str(s) for s in planner.sessions_ahead(today=date(2026, 11, 1), user=staff)]
    assert "HRC 63" not in names
