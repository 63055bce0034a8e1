"""A fresh database knows the HRC and GA session calendar."""

from datetime import date

import pytest

from mandates.models import Session

pytestmark = pytest.mark.django_db


def test_hrc_59_dates_are_loaded():
    """HRC 59 ran 16 June - 8 July 2025, and its dates are marked as held."""
    session = Session.objects.get(body__code="HRC", number=59)
    assert (session.start, session.end) == (date(2025, 6, 16), date(2025, 7, 8))
    assert not session.is_estimated


def test_future_estimated_sessions_say_so():
    """Sessions whose dates are inferred from the pattern are flagged as estimated."""
    session = Session.objects.get(body__code="HRC", number=65)
    assert session.is_estimated
    assert session.start == date(2027, 6, 14)
    assert Session.objects.get(body__code="HRC", number=61).dates_status == "announced"


def test_general_assembly_sessions_have_their_main_part():
    """GA 80 opens on 9 September 2025 and its main part closes on 30 December 2025."""
    session = Session.objects.get(body__code="GA", number=80)
    assert session.start == date(2025, 9, 9)
    assert session.main_part_end == date(2025, 12, 30)


def test_every_session_of_the_calendar_is_there():
    """HRC 50-66 and GA 78-82 are all loaded."""
    numbers = set(Session.objects.values_list("body__code", "number"))
    assert {("HRC", n) for n in range(50, 67)} <= numbers
    assert {("GA", n) for n in range(78, 83)} <= numbers


@pytest.mark.parametrize(
    ("kind", "relation", "expected"),
    [
        ("report", "at", date(2027, 4, 5)),  # ten weeks before HRC 65 opens on 14 June 2027
        ("panel", "before", date(2027, 6, 13)),  # before the session: the day before it opens
        ("seminar", "before", date(2027, 6, 13)),
        ("oral update", "at", date(2027, 6, 14)),  # given at the session itself
        ("panel", "at", date(2027, 6, 14)),
    ],
)
def test_default_due_date_rules(kind, relation, expected):
    """The default rules: reports ten weeks ahead, 'before' the day before, updates at the session."""
    from mandates.services.schedule import deliverable_due_date_refresh
    from tests import factories

    deliverable = factories.DeliverableFactory(
        kind=kind,
        due_relation=relation,
        due_session=Session.objects.get(body__code="HRC", number=65),
    )
    deliverable_due_date_refresh(deliverable=deliverable)
    assert deliverable.due_date == expected
