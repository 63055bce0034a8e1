"""A deadline at a session the calendar does not have yet is planned under that session.

An invented resolution asks for a report to the Commission on the Status of Women "at its
seventy-first session". Ingest keeps the deadline as read (CSW sessions are not estimated
on ingest, so CSW 71 is not in the calendar). Confirmed, the report appears in the CSW 71
plan, marked "session not yet dated": with deadlines estimated from the body's pattern
when staff entered an earlier CSW session, undated when the calendar knows no CSW session.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from mandates.models import Body, Deliverable, Session
from mandates.services import planner
from mandates.services.deliverables import deliverable_confirm
from mandates.services.ingest import resolution_ingest
from tests.samples import hrc_resolution

pytestmark = pytest.mark.django_db

OPERATIVE = [
    "Requests the Secretary-General to submit a report on women's access to water to the "
    "Commission on the Status of Women at its seventy-first session;",
    "Decides to remain seized of the matter.",
]


def _ingest_and_confirm() -> Deliverable:
    outcome = resolution_ingest(
        data=hrc_resolution(number="58/97", operative=OPERATIVE).encode(), name="58_97.txt"
    )
    assert outcome.status == "new", outcome.reason
    rows = Deliverable.objects.filter(mandate__resolution_id=outcome.resolution_id)
    deliverable_confirm(deliverables=rows)
    (report,) = rows.select_related("due_body")
    assert report.due_session is None
    assert (report.due_body.code, report.due_session_number) == ("CSW", 71)
    return report


@pytest.fixture
def undated(tmp_path, settings, today):
    """No CSW session in the calendar at all."""
    settings.MEDIA_ROOT = tmp_path
    return _ingest_and_confirm()


@pytest.fixture
def estimated(tmp_path, settings, today):
    """Staff entered CSW 69 (March 2027): CSW 71 can be estimated, and is among the next."""
    settings.MEDIA_ROOT = tmp_path
    csw, _ = Body.objects.get_or_create(code="CSW", defaults={"name": "CSW"})
    Session.objects.create(
        body=csw, number=69, start=date(2027, 3, 8), end=date(2027, 3, 19), dates_status="held"
    )
    return _ingest_and_confirm()


def _plan(code: str, number: int) -> planner.SessionPlan:
    session = planner.session_for_plan(code=code, number=number)
    assert session is not None
    (plan,) = planner.session_plans(sessions=[session])
    return plan


def test_an_estimated_session_plans_what_the_text_asks_for_it(estimated, client):
    """CSW 71 on estimated dates: the report under it with the rules' deadline, counted,
    and the overview lists it among the next sessions."""
    plan = _plan("CSW", 71)
    assert plan.is_estimated_session and plan.session.start.year == 2029
    (entry,) = plan.entries
    assert entry.deliverable.uid == estimated.uid and entry.session_not_dated
    assert not entry.is_forecast and entry.due_date is not None
    assert entry.due_date < plan.session.start
    assert plan.documents == 1 and plan.words_total == entry.words > 0
    assert plan.not_dated == 1
    assert sum(cell.documents for cell in plan.load.cells) == 1

    html = client.get("/sessions/plan/").content.decode()
    assert "/sessions/CSW-71/plan/" in html and "1 not yet dated" in html
    assert "Sessions not in the calendar yet" not in html  # listed in the table already
    html = client.get("/sessions/CSW-71/plan/").content.decode()
    assert "session not yet dated" in html and "access to water" in html


def test_a_session_nothing_can_date_still_has_its_plan(undated, client, django_user_model):
    """No CSW calendar: the page, the download and the JSON list the report, undated, and
    the overview links it apart from the next sessions."""
    plan = _plan("CSW", 71)
    (entry,) = plan.entries
    assert entry.deliverable.uid == undated.uid and entry.due_date is None
    assert plan.load.cells == []  # no week to count it in

    html = client.get("/sessions/CSW-71/plan/").content.decode()
    assert "session not yet dated" in html and "access to water" in html
    assert client.get("/sessions/CSW-72/plan/").status_code == 404  # nothing reads CSW 72
    text = client.get("/sessions/CSW-71/plan.csv").getvalue().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(row["UID"], row["Submission deadline"]) for row in rows] == [(str(undated.uid), "")]

    html = client.get("/sessions/plan/").content.decode()
    assert "Sessions not in the calendar yet" in html and "/sessions/CSW-71/plan/" in html

    client.force_login(django_user_model.objects.create_user("reader"))
    data = client.get("/api/sessions/CSW-71/plan/").json()
    assert [(e["uid"], e["session_not_dated"], e["due_date"]) for e in data["entries"]] == [
        (str(undated.uid), True, None)
    ]
