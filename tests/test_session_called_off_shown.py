"""A session cancelled (loaded by `sessions_load`) is shown as such wherever its work is:
the deliverable's calendar event ("Session cancelled: ...", TENTATIVE, the description
saying the date will not hold), the session calendar (STATUS:CANCELLED), the pages (the
due date marked, the explanation, the session's and the planner's pages) and the reminder
e-mail, which still goes to the person responsible but says why the date will not hold.
Before, nothing could record the cancellation: every one of them showed the date as if
the session would meet. A resumed part appears in the session calendar and on the
session's page.
"""

from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from mandates.models import Session
from mandates.services import feeds, reminders
from mandates.services.schedule import deliverable_due_date_refresh
from tests import factories
from tests.ical import assert_valid_ics, events

pytestmark = pytest.mark.django_db

HEADER = "body,session,part,start,end,status,source\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _load(tmp_path, text: str) -> str:
    """The command, run now: feeds know a change by its rows' last change, which the
    sessions the migrations loaded date to now."""
    path = tmp_path / "sessions.csv"
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("sessions_load", str(path), stdout=out)
    return out.getvalue()


def _report_due_at_hrc64():
    """A confirmed, public report due at HRC 64 (opens 22 Feb 2027): due 14 Dec 2026."""
    hrc64 = Session.objects.get(body__code="HRC", number=64)
    report, people = factories.responsible_deliverable(
        None,
        due_session=hrc64,
        due_relation="at",
        review_status="confirmed",
        title="Report on night shifts",
    )
    deliverable_due_date_refresh(deliverable=report)
    report.refresh_from_db()
    assert report.due_date == date(2026, 12, 14)
    return hrc64, report, people[0]


def _cancel(tmp_path, session: Session) -> None:
    row = f"HRC,64,regular,{session.start},{session.end},cancelled,OHCHR note 12/2026\n"
    assert "HRC 64 is now cancelled" in _load(tmp_path, HEADER + row)


def _event(client, url: str, uid: str):
    body = client.get(url).content
    assert_valid_ics(body)
    return events(body)[uid]


def test_calendars_show_the_session_cancelled_and_the_date_not_holding(tmp_path, client):
    """The session's feed keeps the report on its date (nothing silently leaves a
    calendar) as "Session cancelled: ...", TENTATIVE, SEQUENCE one higher; the session
    calendar shows HRC 64 cancelled."""
    hrc64, report, _person = _report_due_at_hrc64()
    url = reverse("mandates:feed_session", args=["HRC", 64])
    uid = f"deliverable-{report.uid}@{feeds.UID_DOMAIN}"
    before = _event(client, url, uid)
    assert before["STATUS"] == "CONFIRMED" or before["STATUS"] == "TENTATIVE"
    assert not str(before["SUMMARY"]).startswith("Session cancelled")

    _cancel(tmp_path, hrc64)

    event = _event(client, url, uid)
    assert str(event["SUMMARY"]) == "Session cancelled: Report on night shifts due for HRC 64"
    assert event["STATUS"] == "TENTATIVE"
    assert event.decoded("DTSTART") == date(2026, 12, 14)
    assert int(event["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    description = str(event["DESCRIPTION"])
    assert "Session: HRC 64, 22 February 2027 - 30 March 2027" in description
    assert "(cancelled)" in description
    assert (
        "The session was cancelled: this date, counted from its dates, will not hold until"
        " someone decides (another session, a date set by hand, or the deliverable deferred"
        " or cancelled)" in " ".join(description.split())
    )
    session_event = _event(
        client, reverse("mandates:feed_sessions"), f"session-HRC-64@{feeds.UID_DOMAIN}"
    )
    assert session_event["STATUS"] == "CANCELLED"
    assert str(session_event["SUMMARY"]).startswith("Cancelled: HRC 64: ")
    assert "it does not meet on these dates" in str(session_event["DESCRIPTION"])


def test_pages_mark_the_date_and_say_why_it_will_not_hold(tmp_path, client):
    """The deliverable's page marks its due date "HRC 64 cancelled" and its explanation
    says the date will not hold; the session's page and its plan say it was cancelled."""
    hrc64, report, _person = _report_due_at_hrc64()
    _cancel(tmp_path, hrc64)
    page = client.get(reverse("mandates:deliverable", args=[report.uid])).content.decode()
    session_page = client.get(reverse("mandates:session", args=["HRC", 64])).content.decode()
    plan = client.get(reverse("mandates:session_plan", args=["HRC", 64])).content.decode()
    assert "HRC 64 cancelled" in page
    assert "HRC 64 was cancelled: this date, counted from its dates, will not hold" in page
    assert 'id="session-status"' in session_page and "Cancelled" in session_page
    assert "Report on night shifts" in session_page
    assert 'id="plan-called-off"' in plan and "This session was cancelled." in plan


def test_the_reminder_still_goes_and_says_the_session_was_cancelled(
    tmp_path, django_capture_on_commit_callbacks
):
    """A week before the date, the person responsible is reminded (the deliverable is
    still owed) with the session's cancellation in the subject, the session line and a
    note that the date will not hold until someone decides."""
    hrc64, _report, person = _report_due_at_hrc64()
    _cancel(tmp_path, hrc64)
    a_week_before = datetime(2026, 12, 7, 7, tzinfo=ZoneInfo("Europe/Zurich"))
    with (
        time_machine.travel(a_week_before, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_reminders", stdout=StringIO())
    (message,) = mail.outbox
    assert message.to == [person.email]
    assert message.subject.startswith("[Due in 7 days] Report on night shifts - HRC 64 cancelled")
    text = message.body
    assert "Session:     HRC 64, opening 22 February 2027 (CANCELLED)" in text
    assert (
        "Note: HRC 64 was cancelled. This date was counted from its dates and will not hold."
        " It stays on your list, with this date, until someone decides: another session, a"
        " date set by hand, or the deliverable deferred or cancelled." in " ".join(text.split())
    )
    html = " ".join(message.alternatives[0][0].split())
    assert "HRC 64 was cancelled." in html


def test_a_resumed_part_is_in_the_session_calendar_and_on_the_sessions_page(tmp_path, client):
    """GA 81's resumed part, loaded from the file, is an event of the session calendar of
    its own ("GA 81: resumed part", its dates, CONFIRMED) and a line of GA 81's page;
    cancelled, its event says so."""
    _load(tmp_path, HEADER + "GA,81,resumed,2027-05-03,2027-05-28,announced,A/INF/81/5\n")
    part = Session.objects.get(body__code="GA", number=81).parts.get()
    url, uid = reverse("mandates:feed_sessions"), f"session-part-{part.pk}@{feeds.UID_DOMAIN}"
    event = _event(client, url, uid)
    assert str(event["SUMMARY"]) == "GA 81: resumed part"
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (
        date(2027, 5, 3),
        date(2027, 5, 28) + timedelta(days=1),
    )
    assert event["STATUS"] == "CONFIRMED"
    page = client.get(reverse("mandates:session", args=["GA", 81])).content.decode()
    assert "Resumed part" in page and "3 May 2027 – 28 May 2027" in page

    _load(tmp_path, HEADER + "GA,81,resumed,2027-05-03,2027-05-28,cancelled,\n")
    event = _event(client, url, uid)
    assert str(event["SUMMARY"]) == "Cancelled: GA 81: resumed part"
    assert (event["STATUS"], int(event["SEQUENCE"])) == ("CANCELLED", 1)


def test_a_reminder_queued_before_the_session_was_cancelled_says_so(
    tmp_path, django_capture_on_commit_callbacks
):
    """The day's reminder is recorded and queued, then HRC 64 is cancelled before the
    worker sends it: the e-mail is written when it is sent, from the session as it is
    then, so it says the session was cancelled (the reminder still goes: the deliverable
    is still owed)."""
    hrc64, _report, person = _report_due_at_hrc64()
    a_week_before = datetime(2026, 12, 7, 7, tzinfo=ZoneInfo("Europe/Zurich"))
    with time_machine.travel(a_week_before, tick=False):
        with django_capture_on_commit_callbacks() as hand_over:  # queued, not yet sent
            (queued,) = reminders.reminder_dispatch_due(today=a_week_before.date())
        assert queued.status == "queued" and not mail.outbox

        _cancel(tmp_path, hrc64)
        for callback in hand_over:  # the worker takes the queued reminder
            callback()

    (message,) = mail.outbox
    assert message.to == [person.email]
    assert message.subject.startswith("[Due in 7 days] Report on night shifts - HRC 64 cancelled")
    assert "Note: HRC 64 was cancelled. This date was counted from its dates and will not" in (
        " ".join(message.body.split())
    )
