"""Calendar changes reach subscribed calendars only when what an event shows changes.

Marking a past session held (the daily task, or `sessions_load`, which runs it) raised the
SEQUENCE of the session and of every deliverable due at it, and moved their LAST-MODIFIED,
even when its dates had been announced already: the events read the same, and every
subscribed calendar was told of an update. It also marked estimated dates held, turning
their events CONFIRMED: only announced dates are marked held now. The feeds are read as a
calendar app reads them, parsed by icalendar, before and after.
"""

from datetime import UTC, date, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from mandates.models import Session
from mandates.services.schedule import (
    deliverable_due_date_refresh,
    session_reschedule,
    sessions_mark_held,
)
from tests import factories
from tests.ical import assert_valid_ics

pytestmark = pytest.mark.django_db

HEADER = "body,session,part,start,end,status,source\n"


@pytest.fixture(autouse=True)
def _sessions_stored_before():
    """The calendar as `migrate` stored it, before the days the tests travel to (a
    feed's version is the last change of its rows)."""
    Session.objects.update(updated_at=datetime(2026, 10, 1, tzinfo=UTC))


def _feed(client, name: str) -> dict[str, dict]:
    """The feed's events by UID, with what a calendar app compares."""
    body = client.get(reverse(name)).content
    return {
        str(event["UID"]): {
            "SEQUENCE": int(event["SEQUENCE"]),
            "LAST-MODIFIED": event["LAST-MODIFIED"].dt,
            "DTSTAMP": event["DTSTAMP"].dt,
            "STATUS": str(event["STATUS"]),
            "SUMMARY": str(event["SUMMARY"]),
            "DESCRIPTION": str(event["DESCRIPTION"]),
        }
        for event in assert_valid_ics(body).walk("VEVENT")
    }


def _due_at(session: Session, review_status: str = "confirmed"):
    item = factories.DeliverableFactory(
        due_session=session, due_relation="at", review_status=review_status, is_public=True
    )
    deliverable_due_date_refresh(deliverable=item)
    return f"deliverable-{item.uid}@"


def _uid(events: dict, start: str) -> str:
    [uid] = [uid for uid in events if uid.startswith(start)]
    return uid


def test_marking_announced_sessions_held_changes_no_event(client, tmp_path, settings):
    """HRC 62 had announced dates and closed: `sessions_load` marks it held. Its
    deliverable's event is byte for byte the same (SEQUENCE, LAST-MODIFIED); the session's
    keeps its SEQUENCE and STATUS:CONFIRMED (only its description's "Dates:" line says
    held now). HRC 63 had estimated dates and closed too: they are still a guess, so it
    stays estimated, and its events, the session's and its deliverables', are unchanged:
    TENTATIVE, "(estimated dates)", the same SEQUENCE (they read CONFIRMED once the task
    marked estimated dates held)."""
    settings.PUBLIC_SHOWS_PROPOSALS = True  # the proposal in the public feed too
    with time_machine.travel(datetime(2026, 11, 1, 9), tick=False):
        announced = Session.objects.get(body__code="HRC", number=62)
        estimated = Session.objects.get(body__code="HRC", number=63)
        Session.objects.filter(pk=announced.pk).update(dates_status="announced")
        Session.objects.filter(pk=estimated.pk).update(dates_status="estimated")
        announced.refresh_from_db()
        estimated.refresh_from_db()
        quiet = _due_at(announced)
        guessed = _due_at(estimated)
        proposed = _due_at(estimated, review_status="proposed")
        before = {**_feed(client, "mandates:feed_all"), **_feed(client, "mandates:feed_sessions")}
    with time_machine.travel(datetime(2026, 11, 2, 9), tick=False):
        path = tmp_path / "sessions.csv"
        path.write_text(HEADER + "HRC,70,regular,2029-02-26,2029-04-03,estimated,plan\n")
        out = StringIO()
        call_command("sessions_load", str(path), stdout=out)
        assert "past session(s) marked held" in out.getvalue()
        announced.refresh_from_db()
        estimated.refresh_from_db()
        assert (announced.dates_status, estimated.dates_status) == ("held", "estimated")
        after = {**_feed(client, "mandates:feed_all"), **_feed(client, "mandates:feed_sessions")}

    quiet_uid = _uid(after, quiet)
    assert after[quiet_uid] == before[quiet_uid]
    assert after[quiet_uid]["STATUS"] == "CONFIRMED"

    session_62 = _uid(after, "session-HRC-62@")
    assert after[session_62]["SEQUENCE"] == before[session_62]["SEQUENCE"]
    assert after[session_62]["STATUS"] == before[session_62]["STATUS"] == "CONFIRMED"
    assert "Dates: held" in after[session_62]["DESCRIPTION"]

    session_63 = _uid(after, "session-HRC-63@")
    for uid in (session_63, _uid(after, guessed), _uid(after, proposed)):
        assert after[uid] == before[uid], uid
        assert after[uid]["STATUS"] == "TENTATIVE", uid
    assert "(estimated dates)" in after[session_63]["SUMMARY"]
    assert "Dates: estimated" in after[session_63]["DESCRIPTION"]
    assert "Dates: held" not in after[session_63]["DESCRIPTION"]
    assert "(estimated dates)" in after[_uid(after, guessed)]["DESCRIPTION"]


def test_an_estimated_session_confirmed_after_it_closed_is_held_and_calendars_hear_of_it(
    client,
):
    """HRC 63 closed on estimated dates; a person confirms them in the admin's way
    (announced): its event and its confirmed deliverable's go from TENTATIVE to CONFIRMED,
    a change a calendar must hear of (SEQUENCE up). The next daily run marks it held,
    which changes neither event's SEQUENCE or STATUS."""
    estimated = Session.objects.get(body__code="HRC", number=63)
    assert estimated.dates_status == "estimated"
    with time_machine.travel(datetime(2026, 11, 1, 9), tick=False):
        news = _due_at(estimated)
        before = {**_feed(client, "mandates:feed_all"), **_feed(client, "mandates:feed_sessions")}
    with time_machine.travel(datetime(2026, 11, 2, 9), tick=False):
        session_reschedule(
            session=estimated, start=estimated.start, end=estimated.end, dates_status="announced"
        )
        confirmed = {
            **_feed(client, "mandates:feed_all"),
            **_feed(client, "mandates:feed_sessions"),
        }
    with time_machine.travel(datetime(2026, 11, 3, 9), tick=False):
        assert sessions_mark_held(today=date(2026, 11, 3)) >= 1
        estimated.refresh_from_db()
        assert estimated.dates_status == "held"
        after = {**_feed(client, "mandates:feed_all"), **_feed(client, "mandates:feed_sessions")}
    session_63, news_uid = _uid(after, "session-HRC-63@"), _uid(after, news)
    for uid in (session_63, news_uid):
        assert before[uid]["STATUS"] == "TENTATIVE"
        assert confirmed[uid]["STATUS"] == after[uid]["STATUS"] == "CONFIRMED"
        assert confirmed[uid]["SEQUENCE"] == before[uid]["SEQUENCE"] + 1
        assert after[uid]["SEQUENCE"] == confirmed[uid]["SEQUENCE"]
    assert after[news_uid] == confirmed[news_uid]
    assert "Dates: held" in after[session_63]["DESCRIPTION"]


def test_new_session_dates_reach_every_deliverable_event_that_shows_them(client):
    """HRC 65's closing day moves (its opening stays, so no due date moves): each
    deliverable's description shows the session's dates, so its LAST-MODIFIED moves, and
    the session's SEQUENCE goes up; a deliverable's SEQUENCE stays (its date did not)."""
    session = Session.objects.get(body__code="HRC", number=65)
    with time_machine.travel(datetime(2026, 11, 1, 9), tick=False):
        uid = _due_at(session)
        before = {**_feed(client, "mandates:feed_all"), **_feed(client, "mandates:feed_sessions")}
    with time_machine.travel(datetime(2026, 11, 2, 9), tick=False):
        session_reschedule(session=session, start=session.start, end=date(2027, 7, 20))
        after = {**_feed(client, "mandates:feed_all"), **_feed(client, "mandates:feed_sessions")}
    uid = _uid(after, uid)
    assert "20 July 2027" in after[uid]["DESCRIPTION"]
    assert after[uid]["SEQUENCE"] == before[uid]["SEQUENCE"]
    assert after[uid]["LAST-MODIFIED"] > before[uid]["LAST-MODIFIED"]
    session_uid = _uid(after, "session-HRC-65@")
    assert after[session_uid]["SEQUENCE"] == before[session_uid]["SEQUENCE"] + 1
