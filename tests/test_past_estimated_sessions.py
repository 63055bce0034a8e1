"""A past session whose dates were only estimated stays estimated: the daily task marks
held only sessions whose dates were announced ("held": it took place on these dates).

Before, "Mark past sessions held" marked every closed session held: an estimated HRC 33
(12 September to 12 October 2016 by the pattern) then read `dates_status` "held" and
`is_estimated` false in the API, STATUS:CONFIRMED and "Dates: held" beside "Source:
Estimated ..." in the session calendar, and due dates counted from it were no longer
TENTATIVE. That it has taken place is the API's `has_closed`.
"""

from datetime import UTC, date, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from rest_framework.authtoken.models import Token

from mandates.models import Contact, Session
from mandates.services.schedule import (
    deliverable_due_date_refresh,
    session_get_or_estimate,
    session_reschedule,
)
from mandates.tasks import sessions_mark_held
from tests import factories
from tests.ical import assert_valid_ics

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 1)  # HRC 61 (announced), 62 and 63 (estimated) have closed


@pytest.fixture(autouse=True)
def _today():
    """On TODAY, the calendar stored before it (a feed's version is its rows' last change)."""
    Session.objects.update(updated_at=datetime(2026, 10, 1, tzinfo=UTC))
    with time_machine.travel(datetime(2026, 11, 1, 9), tick=False):
        yield


@pytest.fixture
def api(client, django_user_model):
    user = django_user_model.objects.create_user("reader", "reader@example.org", "pw")
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {Token.objects.create(user=user).key}"
    return client


@pytest.fixture
def hrc_33() -> Session:
    """HRC 33 as ingest creates it for a text that names it: estimated from the pattern."""
    session = session_get_or_estimate(body=factories.body("HRC"), number=33)
    assert (session.dates_status, session.source) == (
        "estimated",
        "Estimated: HRC pattern, three sessions a year",
    )
    return session


def _due_at(session: Session, **fields):
    item = factories.DeliverableFactory(
        due_session=session,
        due_relation="at",
        review_status="confirmed",
        is_public=True,
        **fields,
    )
    deliverable_due_date_refresh(deliverable=item)
    item.refresh_from_db()
    return item


def _session_json(api, code: str) -> dict:
    data = api.get(f"/api/sessions/{code}/").json()
    return {key: data[key] for key in ("dates_status", "is_estimated", "has_closed")}


def _events(client, name: str, *args) -> dict:
    body = client.get(reverse(name, args=args)).content
    return {str(event["UID"]): event for event in assert_valid_ics(body).walk("VEVENT")}


def test_the_daily_task_marks_announced_dates_held_and_leaves_estimated_ones(api, hrc_33):
    """The task marks HRC 61 (announced, closed) held, and neither HRC 33 nor 62 (closed,
    estimated) nor HRC 65 (to come): the API says so, and that all but HRC 65 closed."""
    assert sessions_mark_held.delay(today=TODAY.isoformat()).get() == 1
    assert _session_json(api, "HRC-61") == {
        "dates_status": "held",
        "is_estimated": False,
        "has_closed": True,
    }
    for code in ("HRC-33", "HRC-62"):
        assert _session_json(api, code) == {
            "dates_status": "estimated",
            "is_estimated": True,
            "has_closed": True,
        }, code
    assert _session_json(api, "HRC-65") == {
        "dates_status": "estimated",
        "is_estimated": True,
        "has_closed": False,
    }
    hrc_33.refresh_from_db()
    assert (hrc_33.start, hrc_33.end) == (date(2016, 9, 12), date(2016, 10, 12))
    assert sessions_mark_held.delay(today=TODAY.isoformat()).get() == 0  # nothing left


def test_a_session_called_off_has_not_closed(api):
    """A cancelled session did not take place: `has_closed` is false, and it is never held."""
    session = Session.objects.get(body__code="HRC", number=61)
    Session.objects.filter(pk=session.pk).update(status="cancelled")
    assert sessions_mark_held.delay(today=TODAY.isoformat()).get() == 0
    assert _session_json(api, "HRC-61") == {
        "dates_status": "announced",
        "is_estimated": False,
        "has_closed": False,
    }


def test_the_session_calendar_keeps_estimated_dates_tentative(client, hrc_33):
    """After the task, read as a calendar app reads it (icalendar): HRC 61 is CONFIRMED,
    "Dates: held"; HRC 33 stays TENTATIVE, "(estimated dates)", "Dates: estimated" beside
    its estimated source, its SEQUENCE unchanged; so does a confirmed report due at it."""
    report = _due_at(hrc_33)
    before = _events(client, "mandates:feed_sessions")
    deliverable_uid = f"deliverable-{report.uid}@mandate-tracker.ohchr"
    before_item = _events(client, "mandates:feed_all")[deliverable_uid]
    with time_machine.travel(datetime(2026, 11, 2, 6, 30), tick=False):
        assert sessions_mark_held.delay(today="2026-11-02").get() == 1
        after = _events(client, "mandates:feed_sessions")
        item = _events(client, "mandates:feed_all")[deliverable_uid]

    held = after["session-HRC-61@mandate-tracker.ohchr"]
    assert str(held["STATUS"]) == "CONFIRMED"
    assert "Dates: held" in str(held["DESCRIPTION"])
    uid = "session-HRC-33@mandate-tracker.ohchr"
    guessed = after[uid]
    assert str(guessed["STATUS"]) == "TENTATIVE"
    assert "(estimated dates)" in str(guessed["SUMMARY"])
    description = str(guessed["DESCRIPTION"])
    assert "Dates: estimated" in description and "Dates: held" not in description
    assert "Source: Estimated: HRC pattern" in description
    assert int(guessed["SEQUENCE"]) == int(before[uid]["SEQUENCE"])

    assert str(item["STATUS"]) == str(before_item["STATUS"]) == "TENTATIVE"
    assert int(item["SEQUENCE"]) == int(before_item["SEQUENCE"])
    assert "(estimated dates)" in str(item["DESCRIPTION"])


def test_a_closed_estimated_sessions_page_says_its_dates_are_estimated(client, hrc_33):
    """The page of HRC 33 says it has closed on estimated dates, not "held"."""
    sessions_mark_held.delay(today=TODAY.isoformat()).get()
    page = client.get(reverse("mandates:session", args=["HRC", 33])).content.decode()
    assert "estimated: the session has closed, but its official dates were never entered" in (page)
    assert "(held)" not in page
    assert hrc_33.estimated_label == "closed; its dates estimated, not the official ones"


def test_confirming_a_closed_estimated_session_makes_it_held_the_next_day(api, hrc_33):
    """A person confirms HRC 33's dates (corrected to 13-30 September 2016): the next run
    marks it held, and its dates are no longer estimated."""
    session_reschedule(
        session=hrc_33, start=date(2016, 9, 13), end=date(2016, 9, 30), dates_status="announced"
    )
    assert sessions_mark_held.delay(today=TODAY.isoformat()).get() == 2  # and HRC 61
    assert _session_json(api, "HRC-33") == {
        "dates_status": "held",
        "is_estimated": False,
        "has_closed": True,
    }


def test_reminders_for_work_due_at_a_closed_session_do_not_depend_on_held(hrc_33):
    """What the reminder run sends for a report due at a closed session (overdue) is the
    same whether its dates stay estimated (now) or were marked held (before)."""
    alice = Contact.objects.create(name="Alice", email="alice@example.org")
    with time_machine.travel(datetime(2026, 5, 1, 9), tick=False):  # read in May
        report = _due_at(Session.objects.get(body__code="HRC", number=63))
        report.assignees.add(alice)

    def would_send(on: date) -> str:
        out = StringIO()
        call_command("send_reminders", "--dry-run", "--today", on.isoformat(), stdout=out)
        return out.getvalue()

    due = report.due_date  # 6 July 2026, ten weeks before HRC 63 opens
    days = [due - timedelta(days=offset) for offset in (30, 7, 1, -7, -14, -30)] + [TODAY]
    sessions_mark_held.delay(today=TODAY.isoformat()).get()
    estimated = [would_send(on) for on in days]
    assert any(alice.email in sent for sent in estimated), estimated
    Session.objects.filter(body__code="HRC", number=63).update(dates_status="held")
    assert [would_send(on) for on in days] == estimated
