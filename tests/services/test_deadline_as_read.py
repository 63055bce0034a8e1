"""A deadline the calendar cannot date and an actor outside the Actor table are kept as read.

"At its seventy-first session" of the Commission on the Status of Women (no CSW calendar),
"at its next session" (no number printed) and "the secretariat of the Widget Trade
Organization" (no Actor row) go through ingest, and every place a due session or actor is
shown says what the text says; adding the session to the calendar later dates them.
"""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.apps import apps as current_apps
from django.core.management import call_command
from django.urls import reverse

from mandates.models import Body, Deliverable, Mandate, Resolution, Session
from mandates.services import schedule
from mandates.services.ingest import resolution_ingest
from mandates.services.reminders import reminder_subject
from tests.admin_forms import NO_PARTS
from tests.ical import assert_valid_ics
from tests.samples import hrc_resolution

pytestmark = pytest.mark.django_db

OPERATIVE = [
    "Requests the Secretary-General to submit a report on the implementation of the present "
    "resolution to the Commission on the Status of Women at its seventy-first session;",
    "Requests the Special Rapporteur to present an oral update to the Commission on the Status "
    "of Women at its next session;",
    "Requests the secretariat of the Widget Trade Organization to prepare a study on informal "
    "water markets and to submit it to the Human Rights Council at its sixty-first session;",
    "Decides to remain seized of the matter.",
]


def _ingest(number: str, operative: list[str]) -> dict[str, Deliverable]:
    """The deliverables a new Council resolution stored, by paragraph."""
    outcome = resolution_ingest(
        data=hrc_resolution(number=number, operative=operative).encode(),
        name=f"{number.replace('/', '_')}.txt",
    )
    assert outcome.status == "new", outcome.reason
    rows = Deliverable.objects.filter(mandate__resolution_id=outcome.resolution_id)
    return {d.mandate.paragraph_label: d for d in rows.select_related("mandate", "due_body")}


@pytest.fixture
def ingested(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    return _ingest("58/97", OPERATIVE)


def test_ingest_stores_the_deadline_as_read_and_flags_what_no_session_dates(ingested):
    report, update, study = ingested["1"], ingested["2"], ingested["3"]
    assert (report.due_body.code, report.due_session_number, report.due_relation) == (
        "CSW",
        71,
        "at",
    )
    assert report.due_session is None and report.due_date is None
    assert report.due_session_as_read == "at CSW 71"
    assert report.needs_review
    assert any("CSW 71, a session the calendar does not have" in r for r in report.review_reasons)

    assert (update.due_body.code, update.due_session_number, update.due_relation) == (
        "CSW",
        None,
        "at",
    )
    assert update.due_next_session and update.due_session_not_in_calendar
    assert update.due_session_as_read == "at the next session of CSW"
    assert any("next session of CSW, no number printed" in r for r in update.review_reasons)

    # A session the calendar has (HRC sessions are estimated) is linked as before.
    assert (study.due_session.body.code, study.due_session.number) == ("HRC", 61)
    assert (study.due_body.code, study.due_session_number) == ("HRC", 61)
    assert not study.due_session_not_in_calendar
    assert study.due_date is not None


def test_an_actor_outside_the_table_keeps_the_extractors_name(ingested, staff_client):
    mandate = ingested["3"].mandate
    assert mandate.actor is None
    assert mandate.actor_name == "Secretariat of the Widget Trade Organization"
    assert mandate.actor_text == "the secretariat of the Widget Trade Organization"
    known = Mandate.objects.get(pk=ingested["1"].mandate_id)
    assert known.actor.name == "Secretary-General" and known.actor_name == ""

    data = staff_client.get(f"/api/deliverables/{ingested['3'].uid}/").json()
    assert data["actor_name"] == "Secretariat of the Widget Trade Organization"
    assert data["actor_text"] == "the secretariat of the Widget Trade Organization"
    assert staff_client.get(f"/api/deliverables/{ingested['1'].uid}/").json()["actor_name"] == (
        "Secretary-General"
    )
    page = staff_client.get(reverse("admin:mandates_mandate_change", args=[mandate.pk]))
    assert "Secretariat of the Widget Trade Organization" in page.content.decode()


def test_the_api_gives_the_deadline_as_read(ingested, staff_client):
    report = staff_client.get(f"/api/deliverables/{ingested['1'].uid}/").json()
    assert report["due"] == {
        "body": "CSW",
        "session": 71,
        "relation": "at",
        "date": None,
        "next_session": False,
        "in_calendar": False,
    }
    assert report["session_dates"] is None
    update = staff_client.get(f"/api/deliverables/{ingested['2'].uid}/").json()
    assert update["due"]["body"] == "CSW" and update["due"]["session"] is None
    assert update["due"]["next_session"] is True
    study = staff_client.get(f"/api/deliverables/{ingested['3'].uid}/").json()
    assert (study["due"]["session"], study["due"]["in_calendar"]) == (61, True)
    # The session filter finds what is due at a session the calendar lacks.
    found = staff_client.get("/api/deliverables/?session=CSW-71").json()["results"]
    assert [d["uid"] for d in found] == [str(ingested["1"].uid)]


def test_pages_admin_and_review_queue_show_the_session_as_read(ingested, staff_client):
    report = ingested["1"]
    page = staff_client.get(reverse("mandates:deliverable", args=[report.uid])).content.decode()
    assert "at CSW 71" in page and "session not in the calendar yet" in page
    no_deadline = staff_client.get(reverse("mandates:no_deadline")).content.decode()
    assert "at CSW 71" in no_deadline and "at the next session of CSW" in no_deadline
    review = staff_client.get(reverse("mandates:review")).content.decode()
    assert "at CSW 71" in review

    queue = staff_client.get(reverse("admin:mandates_deliverablereview_changelist"))
    assert "at CSW 71 (not in the calendar)" in queue.content.decode()
    listed = staff_client.get(
        reverse("admin:mandates_deliverable_changelist") + "?due=not_in_calendar"
    ).content.decode()
    assert "at CSW 71 (not in the calendar)" in listed
    assert "at the next session of CSW (not in the calendar)" in listed
    assert "sixty-first" not in listed and "Widget" not in listed  # HRC 61 is in the calendar
    detail = staff_client.get(reverse("admin:mandates_deliverable_change", args=[report.pk]))
    assert "at CSW 71 (not in the calendar)" in detail.content.decode()


def test_a_calendar_feed_says_the_session_as_read(ingested, staff_client):
    report = ingested["1"]
    Deliverable.objects.filter(pk=report.pk).update(
        manual_due_date=date(2027, 1, 15), due_date=date(2027, 1, 15)
    )
    report.refresh_from_db()
    calendar = assert_valid_ics(
        staff_client.get(reverse("mandates:deliverable_ics", args=[report.uid])).content
    )
    [event] = calendar.walk("VEVENT")
    assert "due at CSW 71" in str(event["SUMMARY"])
    assert "Session: at CSW 71 (not in the calendar yet)" in str(event["DESCRIPTION"])
    assert "- at CSW 71 (A/HRC/RES/58/97, para. 1)" in reminder_subject(
        deliverable=report, label="Due in 14 days"
    )


def test_adding_the_session_in_the_admin_dates_what_waited_for_it(ingested, staff_client):
    report, update = ingested["1"], ingested["2"]
    csw = Body.objects.get(code="CSW")
    response = staff_client.post(
        reverse("admin:mandates_session_add"),
        {
            "body": csw.pk,
            "number": 71,
            "start": "2027-03-08",
            "end": "2027-03-19",
            "dates_status": "announced",
            "status": "scheduled",
            "source": "CSW 71 programme",
            **NO_PARTS,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    report.refresh_from_db()
    session = Session.objects.get(body=csw, number=71)
    assert report.due_session == session
    assert not any("calendar does not have" in r for r in report.review_reasons)
    assert report.due_date is not None and report.due_date < session.start
    assert report.sequence > 0
    update.refresh_from_db()
    assert update.due_session is None and update.due_session_not_in_calendar  # no number


def test_a_due_session_a_person_cleared_is_not_linked_again(ingested):
    report = ingested["1"]
    report.edited_fields = ["due_session"]
    report.save()
    session = Session.objects.create(
        body=report.due_body, number=71, start=date(2027, 3, 8), end=date(2027, 3, 19)
    )
    assert schedule.session_link_waiting_deliverables(session=session) == 0
    report.refresh_from_db()
    assert report.due_session is None


def test_the_migration_takes_back_what_older_rows_lost(ingested):
    """Rows stored before migration 0014 had no due body, number or actor name."""
    migration = __import__("mandates.migrations.0014_deadline_and_actor_as_read", fromlist=["x"])
    resolution = Resolution.objects.get()
    Deliverable.objects.update(due_body=None, due_session_number=None)
    Mandate.objects.update(actor_name="")
    migration.deadlines_and_actors_from_extraction(current_apps, None)
    rows = {
        d.mandate.paragraph_label: d
        for d in Deliverable.objects.filter(mandate__resolution=resolution).select_related(
            "due_body", "mandate"
        )
    }
    assert rows["1"].due_session_as_read == "at CSW 71"
    assert rows["2"].due_session_as_read == "at the next session of CSW"
    assert rows["3"].mandate.actor_name == "Secretariat of the Widget Trade Organization"
    assert Mandate.objects.get(pk=rows["1"].mandate_id).actor_name == ""


def test_sessions_load_dates_what_waited_for_a_new_session(ingested, tmp_path):
    report = ingested["1"]
    path = tmp_path / "sessions.csv"
    path.write_text(
        "body,session,part,start,end,status,source\n"
        "CSW,71,regular,2027-03-08,2027-03-19,announced,CSW 71 programme\n",
        encoding="utf-8",
    )
    out = StringIO()
    call_command("sessions_load", str(path), stdout=out, stderr=out)
    report.refresh_from_db()
    assert (report.due_session.body.code, report.due_session.number) == ("CSW", 71)
    assert report.due_date is not None and report.due_date < date(2027, 3, 8)
    assert "1 due date(s) changed" in out.getvalue()


DATED = [
    "Requests the Secretary-General to submit a report on informal water markets to the "
    "General Assembly by 31 May 2037;",
    "Requests the High Commissioner to present a study on water to the Human Rights Council "
    "and to the General Assembly no later than 30 June 2037;",
    "Decides to remain seized of the matter.",
]


@pytest.fixture
def dated(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    return _ingest("58/98", DATED)


def test_a_date_is_due_to_the_body_the_product_goes_to(dated, client, staff_client, settings):
    """ "A report to the General Assembly by 31 May 2037" in a Council resolution: due to the
    Assembly on that date, not at its next session, and listed in the Assembly's feed."""
    settings.PUBLIC_SHOWS_PROPOSALS = True  # the feeds show what staff have not reviewed yet
    report, study = dated["1"], dated["2"]
    assert (report.due_body.code, report.due_session_number, report.due_relation) == (
        "GA",
        None,
        "by",
    )
    assert report.stated_due_date == report.due_date == date(2037, 5, 31)
    assert not report.due_next_session and not report.due_session_not_in_calendar
    assert not any("next session" in r for r in report.review_reasons)
    assert report.due_session_as_read == "to GA (no session named)"
    # Two bodies and one date: which body is not said.
    assert study.due_body is None and study.due_date == date(2037, 6, 30)

    for url in (
        f"/api/deliverables/{report.uid}/",
        "/api/deliverables/?resolution=A/HRC/RES/58/98",
    ):
        data = staff_client.get(url).json()
        data = (
            data
            if "due" in data
            else next(d for d in data["results"] if d["uid"] == str(report.uid))
        )
        assert data["due"] == {
            "body": "GA",
            "session": None,
            "relation": "by",
            "date": "2037-05-31",
            "next_session": False,
            "in_calendar": False,
        }

    summaries = {
        code: [
            str(event["SUMMARY"])
            for event in assert_valid_ics(client.get(f"/feeds/body/{code}.ics").content).walk(
                "VEVENT"
            )
        ]
        for code in ("GA", "HRC")
    }
    assert any("informal water markets" in s for s in summaries["GA"]), summaries
    assert not any("informal water markets" in s for s in summaries["HRC"]), summaries
    assert not any("next session" in s for s in summaries["GA"])

    listed = staff_client.get(
        reverse("admin:mandates_deliverable_changelist") + "?due=not_in_calendar"
    ).content.decode()
    assert "informal water markets" not in listed.lower()
    assert "next session" not in listed
