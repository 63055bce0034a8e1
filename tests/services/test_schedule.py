"""Sessions to dates: estimates, due-date rules, rescheduling."""

from datetime import date, timedelta

import pytest

from mandates.models import Body, Deliverable, DueDateRule, Session
from mandates.services.schedule import (
    deliverable_due_date_refresh,
    deliverables_recompute_for_rule,
    session_estimate,
    session_get_or_estimate,
    session_reschedule,
)
from tests import factories

pytestmark = pytest.mark.django_db


def test_existing_session_is_returned_unchanged():
    """A session in the calendar is returned as is, not re-estimated."""
    session = session_get_or_estimate(body=factories.body("HRC"), number=59)
    assert (session.start, session.end) == (date(2025, 6, 16), date(2025, 7, 8))
    assert session.dates_status == "held"


@pytest.mark.parametrize(
    ("number", "start"),
    [
        (67, date(2028, 2, 28)),
        (68, date(2028, 6, 19)),
        (69, date(2028, 9, 11)),
        (70, date(2029, 2, 26)),
        (80, date(2032, 6, 14)),
    ],
)
def test_future_hrc_session_is_estimated_from_the_pattern(number, start):
    """HRC sessions past the calendar open on a Monday in February, June or September."""
    session = session_get_or_estimate(body=factories.body("HRC"), number=number)
    assert session.pk is not None
    assert session.start == start
    assert session.start.weekday() == 0
    assert session.is_estimated
    assert session.end > session.start


def test_hrc_pattern_reproduces_the_known_calendar():
    """Estimating the loaded HRC sessions from their neighbours gives their real openings."""
    body = factories.body("HRC")
    for session in Session.objects.filter(body=body, number__range=(51, 66)):
        if session.number == 56:  # opened on a Tuesday (18 June 2024) after a holiday
            continue
        assert session_estimate(body=body, number=session.number).start == session.start


def test_hrc_estimate_works_with_an_empty_calendar():
    """With no HRC session at all, the estimate still places HRC 59 in June 2025."""
    Session.objects.filter(body__code="HRC").delete()
    session = session_get_or_estimate(body=factories.body("HRC"), number=59)
    assert session.start == date(2025, 6, 16)


@pytest.mark.parametrize("number", [78, 79, 80, 81, 82])
def test_ga_pattern_reproduces_the_known_openings(number):
    """The GA estimate opens on the same Tuesday in September as the calendar says."""
    body = factories.body("GA")
    known = Session.objects.get(body=body, number=number)
    estimate = session_estimate(body=body, number=number)
    assert estimate.start == known.start
    assert estimate.start.weekday() == 1


def test_future_ga_session_is_estimated():
    """GA 85 opens in September 2030, lasts until GA 86 opens and has a main part."""
    session = session_get_or_estimate(body=factories.body("GA"), number=85)
    assert session.start == date(2030, 9, 10)
    assert session.end == date(2031, 9, 9)
    assert session.main_part_end == date(2030, 12, 22)
    assert session.is_estimated


def test_other_body_estimate_is_yearly_from_its_last_session():
    """A body with one known session gets one session a year after it."""
    body = factories.body("ECOSOC")
    Session.objects.create(body=body, number=2025, start=date(2025, 7, 14), end=date(2025, 7, 23))
    session = session_get_or_estimate(body=body, number=2027)
    assert (session.start, session.end) == (date(2027, 7, 14), date(2027, 7, 23))
    assert session.is_estimated


def test_body_without_sessions_gets_a_sensible_estimate():
    """A body with no session at all still gets an estimated session, not an error."""
    body = Body.objects.create(code="XX", name="Example body")
    session = session_get_or_estimate(body=body, number=81)
    assert session.start.year == 2026
    assert session.end >= session.start


def _deliverable(**kwargs) -> Deliverable:
    return factories.DeliverableFactory(
        due_session=Session.objects.get(body__code="HRC", number=65), **kwargs
    )


def test_report_at_a_session_is_due_ten_weeks_before_it_opens():
    """A report "at" HRC 65 (opens 14 June 2027) is due 70 days before: 5 April 2027."""
    deliverable = _deliverable(due_relation="at")
    assert deliverable_due_date_refresh(deliverable=deliverable) is True
    deliverable.refresh_from_db()
    assert deliverable.computed_due_date == date(2027, 4, 5)
    assert deliverable.due_date == date(2027, 4, 5)
    assert deliverable.sequence == 1


def test_before_a_session_means_before_it_opens():
    """A seminar "before" HRC 65 is due the day before the session opens."""
    deliverable = _deliverable(kind="seminar", due_relation="before")
    deliverable_due_date_refresh(deliverable=deliverable)
    assert deliverable.due_date == date(2027, 6, 13)


def test_oral_update_is_due_at_the_session_itself():
    """An oral update is due on the day the session opens."""
    deliverable = _deliverable(kind="oral update", due_relation="at")
    deliverable_due_date_refresh(deliverable=deliverable)
    assert deliverable.due_date == date(2027, 6, 14)


def test_manual_date_overrides_printed_date_overrides_computed():
    """due_date is the manual date, else the printed date, else the computed one."""
    deliverable = _deliverable(due_relation="at", stated_due_date=date(2027, 3, 1))
    deliverable_due_date_refresh(deliverable=deliverable)
    assert deliverable.due_date == date(2027, 3, 1)
    assert deliverable.computed_due_date == date(2027, 4, 5)
    deliverable.manual_due_date = date(2027, 2, 1)
    deliverable_due_date_refresh(deliverable=deliverable)
    deliverable.refresh_from_db()
    assert deliverable.due_date == date(2027, 2, 1)


def test_refresh_without_change_keeps_sequence_and_returns_false():
    """A second refresh with nothing new changes nothing."""
    deliverable = _deliverable(due_relation="at")
    deliverable_due_date_refresh(deliverable=deliverable)
    assert deliverable_due_date_refresh(deliverable=deliverable) is False
    deliverable.refresh_from_db()
    assert deliverable.sequence == 1


def test_refresh_without_save_does_not_write():
    """save=False computes in memory only."""
    deliverable = _deliverable(due_relation="at")
    assert deliverable_due_date_refresh(deliverable=deliverable, save=False) is True
    deliverable.refresh_from_db()
    assert deliverable.due_date is None


def test_no_session_and_no_date_gives_no_due_date():
    """A deliverable with neither a session nor a date has no due date."""
    deliverable = factories.DeliverableFactory()
    assert deliverable_due_date_refresh(deliverable=deliverable) is False
    assert deliverable.due_date is None


def test_body_without_rules_uses_its_default_lead_time():
    """With no DueDateRule, the body's default lead time applies."""
    body = factories.body("C3")
    body.default_lead_time_days = 42
    body.save()
    session = Session.objects.create(
        body=body, number=81, start=date(2026, 10, 5), end=date(2026, 11, 20)
    )
    deliverable = factories.DeliverableFactory(due_session=session, due_relation="at")
    deliverable_due_date_refresh(deliverable=deliverable)
    assert deliverable.due_date == date(2026, 10, 5) - timedelta(days=42)


def test_moving_a_session_recomputes_its_deliverables():
    """Moving HRC 65 a week later moves its reports a week later and bumps SEQUENCE."""
    deliverable = _deliverable(due_relation="at")
    manual = _deliverable(due_relation="at", manual_due_date=date(2027, 1, 15))
    deliverable_due_date_refresh(deliverable=deliverable)
    deliverable_due_date_refresh(deliverable=manual)
    session = Session.objects.get(body__code="HRC", number=65)
    changed = session_reschedule(
        session=session, start=date(2027, 6, 21), end=date(2027, 7, 13), dates_status="announced"
    )
    deliverable.refresh_from_db()
    manual.refresh_from_db()
    assert changed == 1  # the manual one keeps its date (only its computed date moved)
    assert deliverable.due_date == date(2027, 4, 12)
    assert deliverable.sequence == 2
    assert manual.due_date == date(2027, 1, 15)
    # Dated by hand (and a proposal): its STATUS does not follow the session's estimate,
    # only its description's session line changed (LAST-MODIFIED, not SEQUENCE).
    assert manual.sequence == 1
    session.refresh_from_db()
    assert session.dates_status == "announced"


def test_rescheduling_rejects_an_end_before_the_start():
    """A session cannot close before it opens."""
    from django.core.exceptions import ValidationError

    session = Session.objects.get(body__code="HRC", number=65)
    with pytest.raises(ValidationError):
        session_reschedule(session=session, start=date(2027, 6, 21), end=date(2027, 6, 1))


def test_rule_change_recomputes_the_bodys_deliverables():
    """Changing the HRC ten-week rule to twelve weeks moves HRC reports, not GA ones."""
    hrc = _deliverable(due_relation="at")
    ga = factories.DeliverableFactory(
        due_session=Session.objects.get(body__code="GA", number=81), due_relation="at"
    )
    deliverable_due_date_refresh(deliverable=hrc)
    deliverable_due_date_refresh(deliverable=ga)
    rule = DueDateRule.objects.get(body__code="HRC", kind="", relation="")
    rule.lead_time_days = 84
    rule.save()
    assert deliverables_recompute_for_rule(rule=rule) == 1
    hrc.refresh_from_db()
    ga.refresh_from_db()
    assert hrc.due_date == date(2027, 3, 22)
    assert ga.sequence == 1


def test_the_most_specific_rule_wins():
    """A rule for reports "at" a session beats the body's catch-all rule."""
    DueDateRule.objects.create(
        body=factories.body("HRC"), kind="report", relation="at", lead_time_days=100
    )
    deliverable = _deliverable(due_relation="at")
    deliverable_due_date_refresh(deliverable=deliverable)
    assert deliverable.due_date == date(2027, 6, 14) - timedelta(days=100)


def test_closing_anchor_counts_from_the_end():
    """A rule counted from the close puts the date relative to the session's end."""
    DueDateRule.objects.create(
        body=factories.body("HRC"),
        kind="study",
        relation="",
        anchor="closing",
        lead_time_days=-30,
    )
    deliverable = _deliverable(kind="study", due_relation="by")
    deliverable_due_date_refresh(deliverable=deliverable)
    assert deliverable.due_date == date(2027, 7, 6) + timedelta(days=30)


def test_calendar_sync_bumps_sequence_when_what_calendars_show_changes():
    """Cancelling a deliverable raises its SEQUENCE once; a note-only change does not."""
    from mandates.services.schedule import deliverable_calendar_sync

    deliverable = _deliverable(due_relation="at")
    deliverable_due_date_refresh(deliverable=deliverable)
    deliverable.progress = Deliverable.Progress.CANCELLED
    assert deliverable_calendar_sync(deliverable=deliverable, changed_fields=["progress"])
    deliverable.refresh_from_db()
    assert deliverable.sequence == 2
    assert not deliverable_calendar_sync(deliverable=deliverable, changed_fields=["fulfilled_by"])
    deliverable.refresh_from_db()
    assert deliverable.sequence == 2


@pytest.mark.parametrize(
    ("number", "opened"),
    [
        (70, date(2015, 9, 15)),
        (71, date(2016, 9, 13)),
        (72, date(2017, 9, 12)),
        (73, date(2018, 9, 18)),
        (74, date(2019, 9, 17)),
        (75, date(2020, 9, 15)),
        (76, date(2021, 9, 14)),
        (77, date(2022, 9, 13)),
    ],
)
def test_earlier_ga_sessions_are_estimated_on_their_rule_1_dates(number, opened):
    """Sessions 70-77 opened on rule 1's date; the week-early practice began with the 78th
    (they had been estimated a week early, so old texts' due dates were a week off)."""
    Session.objects.filter(body__code="GA", number__lt=78).delete()
    session = session_get_or_estimate(body=factories.body("GA"), number=number)
    assert session.start == opened
