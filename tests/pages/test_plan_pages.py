"""The session planner's pages, downloads and JSON: what a visitor sees, in a constant
number of queries."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mandates.models import PlanningPolicy, ReviewStatus, Session
from mandates.services.schedule import deliverable_due_date_refresh
from tests import factories

pytestmark = pytest.mark.django_db


def _session(code, number):
    return Session.objects.select_related("body").get(body__code=code, number=number)


def _due(session, title, *, kind="report", recurring="", unit=None, **fields):
    actor = factories.ActorFactory(name="High Commissioner", kind="official")
    if unit is not None:
        actor.contacts.add(unit)
    deliverable = factories.DeliverableFactory(
        mandate=factories.MandateFactory(actor=actor),
        title=title,
        kind=kind,
        due_session=session,
        due_relation="at",
        recurring=recurring,
        review_status=fields.pop("review_status", ReviewStatus.CONFIRMED),
        **fields,
    )
    deliverable_due_date_refresh(deliverable=deliverable)
    return deliverable


@pytest.fixture
def plan_world(today):
    unit = factories.ContactFactory(name="Development Section", is_unit=True)
    hrc65 = _session("HRC", 65)
    _due(hrc65, "Report on water", unit=unit)
    _due(hrc65, '=HYPERLINK("http://evil")', unit=unit)
    _due(hrc65, "Draft guidelines", review_status=ReviewStatus.PROPOSED)
    _due(_session("HRC", 62), "Annual report on housing", recurring="annual", unit=unit)
    return hrc65


def test_session_plan_page_shows_entries_forecasts_words_and_load(client, plan_world):
    """The public plan of HRC 65: confirmed entries, the forecast marked, words, the SVG."""
    response = client.get(reverse("mandates:session_plan", args=["HRC", 65]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "HRC 65: session plan" in html
    assert "Report on water" in html
    assert "Draft guidelines" not in html  # a proposal: staff only
    assert "Annual report on housing" in html and "projected from HRC 62" in html
    assert 'class="forecast"' in html
    assert "25,500" in html  # three reports of 8,500 words
    assert '<svg class="load"' in html
    assert "Development Section: 3 documents in the week of 5 Apr 2027" in html  # limit 2


def test_staff_see_proposals_in_the_plan(client, plan_world, django_user_model):
    """Staff plan with what is not reviewed yet, marked so."""
    client.force_login(django_user_model.objects.create_user("staff", is_staff=True))
    html = client.get(reverse("mandates:session_plan", args=["HRC", 65])).content.decode()
    assert "Draft guidelines" in html and "proposed, not yet reviewed" in html


def test_unknown_sessions_and_formats_are_not_found(client, today):
    """A body or format that does not exist answers 404, never a server error."""
    assert client.get("/sessions/XYZ-3/plan/").status_code == 404
    assert client.get("/sessions/HRC-900/plan/").status_code == 404
    assert client.get("/sessions/HRC-65/plan.pdf").status_code == 404
    assert client.get("/api/sessions/HRC-65/plan/").status_code == 403  # the API needs a login
    client.force_login(factories.UserFactory())
    assert client.get("/api/sessions/XYZ-3/plan/").status_code == 404


def test_session_plan_csv_and_excel_hold_the_same_rows_without_formulas(client, plan_world):
    """The download lists the page's entries; a title that looks like a formula is text."""
    response = client.get(reverse("mandates:session_plan_export", args=["HRC", 65, "csv"]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 3
    assert {row["Forecast"] for row in rows} == {"yes", "no"}
    assert sum(int(row["Words"]) for row in rows) == 25500
    assert all(row["Submission deadline"] == "2027-04-05" for row in rows)
    assert '\'=HYPERLINK("http://evil")' in {row["Title"] for row in rows}

    response = client.get(reverse("mandates:session_plan_export", args=["HRC", 65, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][0] == "Session" and len(values) == 4
    assert all(not str(cell).startswith("=") for row in values for cell in row if cell)


def test_the_json_plan_matches_the_page(client, plan_world):
    """The API gives the entries, totals and weekly load with the same names; a person who
    is not staff sees what the public sees."""
    client.force_login(factories.UserFactory())
    data = client.get("/api/sessions/HRC-65/plan/").json()
    assert data["session"]["body"] == "HRC" and data["session"]["number"] == 65
    assert data["words_total"] == 25500 and data["documents"] == 3
    assert [e["is_forecast"] for e in data["entries"]].count(True) == 1
    assert data["load"] == [
        {"unit": "Development Section", "week": "2027-04-05", "documents": 3, "over_limit": True}
    ]
    overview = client.get("/api/sessions/plan/").json()
    assert [f"{p['session']['body']} {p['session']['number']}" for p in overview][3:] == [
        "HRC 64",
        "HRC 65",
        "HRC 66",
    ]


def test_overview_lists_the_next_sessions_with_totals_and_warnings(client, plan_world):
    """The overview links each coming session's plan and shows its warnings."""
    PlanningPolicy.objects.update(documents_per_unit_per_week=5)
    response = client.get(reverse("mandates:plan_overview"))
    html = response.content.decode()
    for name in ("HRC 64", "HRC 65", "HRC 66", "GA 82"):
        assert name in html
    assert reverse("mandates:session_plan", args=["HRC", 65]) in html
    assert "Development Section: 3" not in html  # under the raised limit
    rows = list(
        csv.reader(io.StringIO(client.get("/sessions/plan.csv").content.decode("utf-8-sig")))
    )
    assert len(rows) == 1 + 3


def _grow(session, count):
    unit = factories.ContactFactory(is_unit=True)
    for n in range(count):
        _due(session, f"Extra report {n}", unit=unit, recurring="annual" if n % 2 else "")


@pytest.mark.parametrize(
    "url",
    ["/sessions/HRC-65/plan/", "/sessions/plan/", "/api/sessions/plan/", "/sessions/plan.csv"],
)
def test_plan_pages_run_a_constant_number_of_queries(
    client, plan_world, url, django_assert_max_num_queries
):
    """Ten times the rows, the same number of queries."""
    client.force_login(factories.UserFactory())
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    _grow(_session("HRC", 62), 10)
    _grow(_session("HRC", 65), 10)
    _grow(_session("HRC", 64), 10)
    with django_assert_max_num_queries(len(before.captured_queries)):
        assert client.get(url).status_code == 200


def test_plan_dates_are_shown_as_dates(client, plan_world):
    """The deadline column carries machine-readable dates."""
    html = client.get("/sessions/HRC-65/plan/").content.decode()
    assert f'datetime="{date(2027, 4, 5).isoformat()}"' in html
