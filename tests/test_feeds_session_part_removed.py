"""A session part deleted leaves no ghost in subscribed calendars.

The session calendar simply dropped a deleted part's event; Outlook and Google Calendar
keep an event that merely leaves a feed, so subscribers went on seeing a resumed part
that would not happen. Its event now stays, as a calendar app reads it: the same UID,
STATUS:CANCELLED and a higher SEQUENCE, for `feeds.CANCELLED_KEPT_DAYS`, as a cancelled
deliverable does. The feed is read through its URL and parsed by icalendar.
"""

from datetime import date, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from mandates.models import Session, SessionPart
from mandates.services import feeds
from tests import factories
from tests.admin_forms import change_form_data
from tests.ical import assert_valid_ics

pytestmark = pytest.mark.django_db

HEADER = "body,session,part,start,end,status,source\n"
RESUMED = "GA,81,resumed,2027-05-03,2027-05-28,announced,A/INF/81/5\n"


def _load(tmp_path, text: str) -> None:
    path = tmp_path / "sessions.csv"
    path.write_text(text, encoding="utf-8")
    call_command("sessions_load", str(path), stdout=StringIO())


def _session_calendar(client) -> dict:
    body = client.get(reverse("mandates:feed_sessions")).content
    return {str(event["UID"]): event for event in assert_valid_ics(body).walk("VEVENT")}


def _resumed_part(tmp_path, client) -> tuple[SessionPart, str, int]:
    """GA 81's resumed part, loaded from the file and in the session calendar: the part,
    its event's UID and SEQUENCE."""
    _load(tmp_path, HEADER + RESUMED)
    part = SessionPart.objects.get(session__body__code="GA", session__number=81)
    uid = f"session-part-{part.pk}@{feeds.UID_DOMAIN}"
    event = _session_calendar(client)[uid]
    assert (str(event["SUMMARY"]), event["STATUS"]) == ("GA 81: resumed part", "CONFIRMED")
    return part, uid, int(event["SEQUENCE"])


def _assert_published_as_removed(event, sequence: int) -> None:
    assert event["STATUS"] == "CANCELLED"
    assert int(event["SEQUENCE"]) == sequence + 1
    assert str(event["SUMMARY"]) == "Removed: GA 81: resumed part"
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (
        date(2027, 5, 3),
        date(2027, 5, 29),
    )
    assert "The resumed part was removed from the session calendar" in str(event["DESCRIPTION"])


def test_a_part_deleted_on_its_sessions_admin_page_is_published_cancelled(
    tmp_path, client, staff_client
):
    """GA 81's resumed part deleted in the inline of GA 81's admin page: the session
    calendar still holds its event, cancelled, one SEQUENCE higher."""
    part, uid, sequence = _resumed_part(tmp_path, client)
    ga81 = part.session
    url = reverse("admin:mandates_session_change", args=[ga81.pk])
    data = {**change_form_data(staff_client.get(url)), "parts-0-DELETE": "on"}

    response = staff_client.post(url, data)

    assert response.status_code == 302
    assert not SessionPart.objects.exists()
    _assert_published_as_removed(_session_calendar(client)[uid], sequence)


def test_a_part_deleted_on_its_own_admin_page_is_published_cancelled(
    tmp_path, client, staff_client
):
    """The part's own delete page: the same."""
    part, uid, sequence = _resumed_part(tmp_path, client)
    url = reverse("admin:mandates_sessionpart_delete", args=[part.pk])

    assert staff_client.post(url, {"post": "yes"}).status_code == 302

    assert not SessionPart.objects.exists()
    _assert_published_as_removed(_session_calendar(client)[uid], sequence)


def test_the_cancelled_event_leaves_the_feed_after_the_kept_days(tmp_path, client):
    """Cancelled for CANCELLED_KEPT_DAYS, like a cancelled deliverable; then it leaves the
    feed (the feed's version says so: a cached copy is not served)."""
    part, uid, _sequence = _resumed_part(tmp_path, client)
    part.delete()  # a script, or any other path
    assert _session_calendar(client)[uid]["STATUS"] == "CANCELLED"

    later = timezone.now() + timedelta(days=feeds.CANCELLED_KEPT_DAYS + 1)
    with time_machine.travel(later, tick=False):
        assert uid not in _session_calendar(client)


def test_a_file_loaded_again_without_the_part_leaves_it_as_it_is(tmp_path, client):
    """`sessions_load` never deletes a part a later file leaves out (a file may hold only
    some sessions): the part and its event stay as they were."""
    part, uid, sequence = _resumed_part(tmp_path, client)
    ga81 = Session.objects.get(pk=part.session_id)
    _load(tmp_path, HEADER + f"GA,81,regular,{ga81.start},{ga81.end},announced,A/INF/81/1\n")
    assert SessionPart.objects.filter(pk=part.pk).exists()
    event = _session_calendar(client)[uid]
    assert (event["STATUS"], int(event["SEQUENCE"])) == ("CONFIRMED", sequence)


def test_deleting_a_session_takes_its_parts_without_a_trace():
    """A session deleted takes its parts along; nothing is left of them to publish (the
    session's own event leaves the feed with it)."""
    session = factories.SessionFactory()
    SessionPart.objects.create(
        session=session, kind="organizational", start=session.start, end=session.start
    )
    session.delete()
    assert b"session-part-" not in feeds.SessionCalendarFeed().render()
