"""The session planner's pages, downloads and JSON: what a visitor sees, in a constant
number of queries."""

import csv
import io
import re
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mandates.models import Deliverable, PlanningPolicy, ReviewStatus, Session
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
    assert client.get("/api/sessions/HRC-65/plan/").status_code == 401  # the API needs a login
    client.force_login(factories.UserFactory())
    assert client.get("/api/sessions/XYZ-3/plan/").status_code == 404


def test_session_plan_csv_and_excel_hold_the_same_rows_without_formulas(client, plan_world):
    """The download lists the page's entries; a title that looks like a formula is text."""
    response = client.get(reverse("mandates:session_plan_export", args=["HRC", 65, "csv"]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert len(rows) == 3
    assert {row["Forecast"] for row in rows} == {"yes", "no"}
    assert sum(int(row["Words"]) for row in rows) == 25500
    assert all(row["Submission deadline"] == "2027-04-05" for row in rows)
    assert '\'=HYPERLINK("http://evil")' in {row["Title"] for row in rows}

    response = client.get(reverse("mandates:session_plan_export", args=["HRC", 65, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = list(sheet.values)
    assert values[0][0] == "Session" and len(values) == 4
    assert {row[1].date() for row in values[1:]} == {date(2027, 4, 5)}  # dates, not text
    assert sheet.freeze_panes == "A2"
    title = values[0].index("Title")
    cells = [row[title] for row in sheet.iter_rows(min_row=2)]
    assert {cell.data_type for cell in cells} == {"s"}  # text, never a formula
    assert '=HYPERLINK("http://evil")' in {cell.value for cell in cells}  # no apostrophe


def test_one_units_download_holds_what_its_page_shows(client, plan_world):
    """The page of one unit's entries links downloads of those entries, not of all."""
    other = factories.ContactFactory(name="Treaty Section", is_unit=True)
    _due(plan_world, "Report on treaties").assignees.add(other)
    page = client.get(
        reverse("mandates:session_plan", args=["HRC", 65]), {"unit": "Treaty Section"}
    ).content.decode()
    link = reverse("mandates:session_plan_export", args=["HRC", 65, "csv"])
    assert f'href="{link}?unit=Treaty+Section"' in page
    response = client.get(link, {"unit": "Treaty Section"})
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert [row["Title"] for row in rows] == ["Report on treaties"]
    everything = client.get(link)
    assert len(list(csv.DictReader(io.StringIO(everything.getvalue().decode("utf-8-sig"))))) == 4


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
    # GA 81 (under way), GA 82-84, then the Council's
    assert [f"{p['session']['body']} {p['session']['number']}" for p in overview][4:] == [
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
        csv.reader(io.StringIO(client.get("/sessions/plan.csv").getvalue().decode("utf-8-sig")))
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


def _uids(html: str) -> set[str]:
    return set(re.findall(r'href="/deliverables/([0-9a-f-]{36})/"', html))


def test_a_large_session_lists_every_entry_a_page_at_a_time(client, plan_world):
    """250 more entries: the page lists 100 at a time; following "Next" reaches every entry
    of the download once, and each actor's or unit's link lists exactly its entries."""
    unit = factories.ContactFactory(name="Treaty Section", is_unit=True)
    for n in range(250):
        extra = _due(plan_world, f"Extra report {n}")
        if n % 2:
            extra.assignees.add(unit)
    text = client.get("/sessions/HRC-65/plan.csv").getvalue().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 253
    expected = {row["UID"] for row in rows if row["UID"]}  # the forecast has no UID

    seen: list[str] = []
    url = "/sessions/HRC-65/plan/"
    pages = 0
    while url:
        html = client.get(url).content.decode()
        pages += 1
        assert "253, of which 1 forecast" in html  # the totals cover every entry
        found = re.findall(r'href="/deliverables/([0-9a-f-]{36})/"', html)
        seen += found
        nexts = re.findall(r'rel="next" href="([^"]+)"', html)
        assert not nexts or nexts[0].endswith("#entries-heading")
        url = "/sessions/HRC-65/plan/" + nexts[0].replace("&amp;", "&") if nexts else ""
    assert pages == 3
    forecast_uid = str(
        Deliverable.objects.get(title="Annual report on housing").uid
    )  # the forecast links the deliverable it is projected from
    assert sorted(uid for uid in seen if uid != forecast_uid) == sorted(expected)

    html = client.get("/sessions/HRC-65/plan/", {"unit": "Treaty Section"}).content.decode()
    assert "Entries of Treaty Section" in html and "1–100 of 125" in html
    assert (
        "?unit=Treaty%20Section#entries-heading"
        in client.get("/sessions/HRC-65/plan/").content.decode()
    )
    html = client.get("/sessions/HRC-65/plan/", {"actor": "High Commissioner"}).content.decode()
    assert "of 253," in html  # every entry is the High Commissioner's
    html = client.get("/sessions/HRC-65/plan/", {"unit": "Nobody"}).content.decode()
    assert "“Nobody” has no entry at this session" in html
    assert "listed under “By unit assigned” above" in html
    html = client.get("/sessions/HRC-65/plan/", {"actor": "abc"}).content.decode()
    assert "“abc” has no entry at this session" in html
    assert "listed under “By actor” above" in html


def test_the_overview_sums_up_and_links_each_session_plan(client, plan_world):
    """The overview no longer lists entries: each session's totals link to its plan, where
    the entries are (the download still has them all)."""
    html = client.get(reverse("mandates:plan_overview")).content.decode()
    assert "Report on water" not in html
    assert 'href="/sessions/HRC-65/plan/#entries-heading">3</a>' in html
    page = client.get("/sessions/HRC-65/plan/").content.decode()
    assert {"Report on water", "Annual report on housing"} <= set(
        re.findall(r">([^<>]+)</a> <span", page)
    )


def test_the_json_plan_pages_its_entries(client, plan_world):
    """`entries` is one page; `entries_count` and `entries_next` lead to the rest; the
    overview gives each session's first page, linked to the session's plan."""
    for n in range(120):
        _due(plan_world, f"Extra report {n}")
    client.force_login(factories.UserFactory())
    first = client.get("/api/sessions/HRC-65/plan/").json()
    assert first["entries_count"] == 123 and len(first["entries"]) == 100
    assert first["entries_previous"] is None
    assert first["entries_next"].endswith("/api/sessions/HRC-65/plan/?page=2")
    second = client.get(first["entries_next"]).json()
    assert len(second["entries"]) == 23 and second["entries_next"] is None
    assert second["entries_previous"].endswith("/api/sessions/HRC-65/plan/")
    assert second["words_total"] == first["words_total"] == 123 * 8500
    uids = {e["uid"] for e in first["entries"] + second["entries"]}
    assert len(uids) == 123

    overview = client.get("/api/sessions/plan/").json()
    hrc65 = next(p for p in overview if p["session"]["number"] == 65)
    assert hrc65["entries"] == first["entries"] and hrc65["entries_count"] == 123
    assert hrc65["entries_next"] == first["entries_next"]


def test_the_written_out_entry_json_is_what_the_declared_fields_give(plan_world):
    """PlanEntrySerializer writes its fields by hand for speed: the same as DRF's own."""
    from rest_framework import serializers

    from mandates.plan_api import PlanEntrySerializer
    from mandates.services import planner

    (plan,) = planner.session_plans(sessions=[plan_world])
    serializer = PlanEntrySerializer()
    for entry in plan.entries:
        generic = serializers.Serializer.to_representation(serializer, entry)
        assert serializer.to_representation(entry) == dict(generic)


def test_a_held_sessions_plan_calls_what_was_not_submitted_overdue(client, today):
    """HRC 62 ended on 7 July 2026: its plan says it was held (closed, on dates that
    are only estimated, until they are confirmed) and that an unsubmitted report is
    overdue, never that it is still to submit; an open session's plan does not."""
    unit = factories.ContactFactory(name="Development Section", is_unit=True)
    _due(_session("HRC", 62), "Report on housing", unit=unit)
    _due(_session("HRC", 65), "Report on water", unit=unit)
    plan_62 = reverse("mandates:session_plan", args=["HRC", 62])

    guessed = client.get(plan_62).content.decode()
    assert "This session has closed (on 7 July 2026 by the estimate" in guessed
    assert "was held" not in guessed
    assert "a document not submitted is overdue" in guessed
    Session.objects.filter(body__code="HRC", number=62).update(dates_status="held")

    held = client.get(plan_62).content.decode()
    assert "This session was held (it ended on 7 July 2026)" in held
    assert "a document not submitted is overdue" in held
    assert "Documents not submitted (overdue), by the week they were due" in held
    assert "Report on housing" in held
    assert "still to submit" not in held and "still submit" not in held

    open_plan = client.get(reverse("mandates:session_plan", args=["HRC", 65])).content.decode()
    assert "was held" not in open_plan
    assert "Documents still to submit, by week" in open_plan


def test_the_json_link_is_offered_to_people_the_api_answers(client, django_user_model, plan_world):
    """Signed out, the plan pages' "JSON" link led to a 401 with no way to sign in."""
    pages = [
        reverse("mandates:session_plan", args=["HRC", 65]),
        reverse("mandates:plan_overview"),
    ]
    for page in pages:
        assert ">JSON</a>" not in client.get(page).content.decode()
    client.force_login(django_user_model.objects.create_user("holder", "h@example.org", "pw"))
    for page in pages:
        html = client.get(page).content.decode()
        link = html.split(">JSON</a>")[0].rsplit('href="', 1)[1].split('"')[0]
        assert client.get(link).status_code == 200


def test_a_plan_page_that_does_not_exist_is_a_404_as_in_the_deliverables_api(
    client, django_user_model, plan_world
):
    """The plan API answered any page number with the last (or first) page: a client
    counting pages until one fails never stopped. Past the end is a 404 that says how
    many pages there are, in the plan and the deliverables alike."""
    client.force_login(django_user_model.objects.create_user("holder", "h@example.org", "pw"))
    url = reverse("api:session_plan", args=["HRC", 65])
    assert client.get(url, {"page": "1"}).status_code == 200
    assert client.get(url, {"page": "last"}).json() == client.get(url).json()
    response = client.get(url, {"page": "999"})
    assert response.status_code == 404
    assert response.json() == {"detail": "No page 999: the plan has 1 page (page=last is the last)"}
    listed = client.get(reverse("api:deliverable-list"), {"page": "999"})
    assert listed.status_code == 404
    assert listed.json()["detail"].startswith("No page 999: the list has 1 page")


@pytest.mark.parametrize("page", ["0", "abc", "-1", "1.5"])
def test_a_plan_page_that_is_no_number_is_a_400_naming_page(
    client, django_user_model, plan_world, page
):
    """As any other bad parameter, in the plan and the deliverables alike (both gave 404
    "Invalid page.", as if the address had gone)."""
    client.force_login(django_user_model.objects.create_user("holder", "h@example.org", "pw"))
    for url in (reverse("api:session_plan", args=["HRC", 65]), reverse("api:deliverable-list")):
        response = client.get(url, {"page": page})
        assert response.status_code == 400, url
        assert response.json() == {
            "page": [f"{page} is not a page number: write a whole number from 1, or last"]
        }


def test_the_overview_and_its_downloads_include_the_session_under_way(client, today):
    """GA 81 runs from 8 Sep 2026 to 7 Sep 2027: on 1 Nov 2026 a report due there on
    29 Jun 2027 is work to plan, in the page, the CSV, the Excel file and the JSON alike
    (they listed only sessions opening from today, so it was in none of them)."""
    report = factories.DeliverableFactory(
        mandate=factories.MandateFactory(
            resolution=factories.ResolutionFactory(adopted_on=date(2026, 10, 7))
        ),
        title="Report of the Secretary-General on development",
        due_session=_session("GA", 81),
        due_relation="at",
        review_status=ReviewStatus.CONFIRMED,
    )
    deliverable_due_date_refresh(deliverable=report)
    assert report.due_date == date(2027, 6, 29)

    html = client.get(reverse("mandates:plan_overview")).content.decode()
    assert 'href="/sessions/GA-81/plan/">GA 81</a>' in html
    assert "under way, closes 7 Sep 2027" in html
    assert 'href="/sessions/GA-81/plan/#entries-heading">1</a>' in html

    rows = list(
        csv.DictReader(io.StringIO(client.get("/sessions/plan.csv").getvalue().decode("utf-8-sig")))
    )
    assert [(row["Session"], row["Title"]) for row in rows if row["Session"] == "GA 81"] == [
        ("GA 81", "Report of the Secretary-General on development")
    ]
    sheet = load_workbook(io.BytesIO(client.get("/sessions/plan.xlsx").content)).active
    assert ("GA 81", "Report of the Secretary-General on development") in {
        (row[0], row[5]) for row in sheet.iter_rows(values_only=True)
    }

    client.force_login(factories.UserFactory())
    overview = client.get("/api/sessions/plan/").json()
    names = [f"{p['session']['body']} {p['session']['number']}" for p in overview]
    assert names[:4] == ["GA 81", "GA 82", "GA 83", "GA 84"]
    assert [e["uid"] for e in overview[0]["entries"]] == [str(report.uid)]
