"""Calendar changes reach subscribed calendars only when what an event shows changes.

Marking a past session held (the daily task, or `sessions_load`, which runs it) raised the
SEQUENCE of the session and of every deliverable due at it, and moved their LAST-MODIFIED,
even when its dates had been announced already: the events read the same, and every
subscribed calendar was told of an update. The feeds are read as a calendar app reads
them, parsed by icalendar, before and after.
"""

from datetime import UTC, date, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from mandates.models import Session
from mandates.services.schedule import deliverable_due_date_refresh, session_reschedule
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
    keeps its SEQUENCE (only its description's "Dates:" line says held now). HRC 63 had
    estimated dates: its event and its confirmed deliverable's go from TENTATIVE to
    CONFIRMED, a change a calendar must hear of (SEQUENCE up); a proposal stays TENTATIVE,
    only its description drops "(estimated dates)" (LAST-MODIFIED moves, not SEQUENCE)."""
    settings.PUBLIC_SHOWS_PROPOSALS = True  # the proposal in the public feed too
    with time_machine.travel(datetime(2026, 11, 1, 9), tick=False):
        announced = Session.objects.get(body__code="HRC", number=62)
        estimated = Session.objects.get(body__code="HRC", number=63)
        Session.objects.filter(pk=announced.pk).update(dates_status="announced")
        Session.objects.filter(pk=estimated.pk).update(dates_status="estimated")
        announced.refresh_from_db()
        estimated.refresh_from_db()
        quiet = _due_at(announced)
        news = _due_at(estimated)
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
        assert (announced.dates_status, estimated.dates_status) == ("held", "held")
        after = {**_feed(client, "mandates:feed_all"), **_feed(client, "mandates:feed_sessions")}

    quiet_uid, news_uid = _uid(after, quiet), _uid(after, news)
    assert after[quiet_uid] == before[quiet_uid]

    session_62 = _uid(after, "session-HRC-62@")
    assert after[session_62]["SEQUENCE"] == before[session_62]["SEQUENCE"]
    assert "Dates: held" in after[session_62]["DESCRIPTION"]

    assert before[news_uid]["STATUS"] == "TENTATIVE" and after[news_uid]["STATUS"] == "CONFIRMED"
    assert after[news_uid]["SEQUENCE"] == before[news_uid]["SEQUENCE"] + 1
    assert after[news_uid]["LAST-MODIFIED"] > before[news_uid]["LAST-MODIFIED"]
    proposed_uid = _uid(after, proposed)  # TENTATIVE either way: "(estimated dates)" gone
    assert after[proposed_uid]["STATUS"] == before[proposed_uid]["STATUS"] == "TENTATIVE"
    assert "(estimated dates)" not in after[proposed_uid]["DESCRIPTION"]
    assert after[proposed_uid]["SEQUENCE"] == before[proposed_uid]["SEQUENCE"]
    assert after[proposed_uid]["LAST-MODIFIED"] > before[proposed_uid]["LAST-MODIFIED"]
    session_63 = _uid(after, "session-HRC-63@")
    assert after[session_63]["SEQUENCE"] == before[session_63]["SEQUENCE"] + 1
    assert after[session_63]["STATUS"] == "CONFIRMED"


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
