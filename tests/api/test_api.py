"""The read-only JSON API: filters, pagination, authentication and the OpenAPI schema."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from mandates.models import Body, Contact, Deliverable, ReviewStatus, Session
from mandates.services.ingest import resolution_ingest_path
from tests import factories
from tests.samples import GA_EXAMPLE, HRC_EXAMPLE

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, django_user_model):
    user = django_user_model.objects.create_user("reader", "reader@example.org", "pw")
    token = Token.objects.create(user=user)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    return client


@pytest.fixture(autouse=True)
def _examples(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    resolution_ingest_path(path=HRC_EXAMPLE)
    resolution_ingest_path(path=GA_EXAMPLE)
    Deliverable.objects.update(review_status=ReviewStatus.CONFIRMED)  # as staff would


def test_api_needs_authentication(client):
    """Without credentials, or with a bad token, the API answers 401 and says how to
    authenticate (token clients act on it; 403 would mean "not allowed")."""
    for headers in ({}, {"HTTP_AUTHORIZATION": "Token not-a-token"}):
        response = client.get("/api/deliverables/", **headers)
        assert response.status_code == 401, headers
        assert response["WWW-Authenticate"] == "Token"


def test_deliverables_list_is_paginated_with_due_and_session_dates(api):
    """The list pages results and shows the deadline, the computed date and the session dates."""
    data = api.get("/api/deliverables/").json()
    assert data["count"] == Deliverable.objects.count()
    report = next(d for d in data["results"] if d["due"] and d["due"]["session"] == 64)
    assert report["due"] == {
        "body": "HRC",
        "session": 64,
        "relation": "at",
        "date": None,
        "next_session": False,
        "in_calendar": True,
    }
    assert report["session_dates"]["start"] and report["due_date"]
    assert report["calendar_url"].endswith(f"/deliverables/{report['uid']}.ics")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"body": "GA"}, {("GA", 82)}),
        ({"session": "HRC-64"}, {("HRC", 64)}),
        ({"session": "HRC-63"}, {("HRC", 63)}),
        ({"actor": "Secretary-General"}, {("GA", 82)}),
    ],
)
def test_deliverables_filters(api, query, expected):
    """body, session and actor filters narrow the list."""
    results = api.get("/api/deliverables/", query).json()["results"]
    assert results
    assert {(r["due"]["body"], r["due"]["session"]) for r in results if r["due"]} <= expected


def test_resolution_filter_gives_one_resolutions_deliverables(api):
    """?resolution= takes a symbol (any case) and lists that resolution's deliverables only."""
    everything = api.get("/api/deliverables/").json()["count"]
    hrc = api.get("/api/deliverables/", {"resolution": "a/hrc/res/61/99"}).json()
    assert 0 < hrc["count"] < everything
    assert {item["resolution"] for item in hrc["results"]} == {"A/HRC/RES/61/99"}
    assert api.get("/api/deliverables/", {"resolution": "A/RES/1/1"}).json()["count"] == 0


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"session": "garbage"}, "session"),
        ({"session": "HRC-x"}, "session"),
        ({"session": "XYZ-65"}, "session"),  # no such body: an empty list looked like news
        ({"session": "-65"}, "session"),
        ({"session": "HRC--65"}, "session"),
        ({"needs_review": "maybe"}, "needs_review"),
        ({"no_longer_in_text": "perhaps"}, "no_longer_in_text"),
        ({"mine": "sometimes"}, "mine"),
    ],
)
def test_a_filter_value_that_means_nothing_answers_400(api, query, field):
    """A value a filter cannot read is refused with the reason, not read as no filter."""
    response = api.get("/api/deliverables/", query)
    assert response.status_code == 400
    assert field in response.json()


def test_yes_and_no_filters_read_both_words(api):
    """needs_review=false is "not flagged", mine=0 is "not only mine" (not "mine")."""
    everything = api.get("/api/deliverables/").json()["count"]
    flagged = Deliverable.objects.filter(needs_review=True).count()
    assert api.get("/api/deliverables/", {"needs_review": "false"}).json()["count"] == (
        everything - flagged
    )
    assert api.get("/api/deliverables/", {"needs_review": "1"}).json()["count"] == flagged
    assert api.get("/api/deliverables/", {"mine": "0"}).json()["count"] == everything
    assert api.get("/api/deliverables/", {"mine": "true"}).json()["count"] == 0


def test_what_is_assigned_to_a_person_is_theirs_to_see_everywhere(client, django_user_model):
    """A non-staff person sees a proposal assigned to them on its page, in /mine/, in the
    API's detail and list (also with ?mine=true), as one rule; never one of someone else."""
    user = django_user_model.objects.create_user("alice", "alice@example.org", "pw")
    contact = Contact.objects.create(name="Alice", email="alice@example.org", user=user)
    proposed = Deliverable.objects.order_by("pk")
    proposed.update(review_status=ReviewStatus.PROPOSED)
    mine, other = proposed[0], proposed[1]
    mine.assignees.add(contact)
    client.force_login(user)

    assert client.get(reverse("mandates:deliverable", args=[mine.uid])).status_code == 200
    assert str(mine.uid) in client.get(reverse("mandates:mine")).content.decode()
    assert client.get(f"/api/deliverables/{mine.uid}/").status_code == 200
    assert client.get(f"/api/deliverables/{other.uid}/").status_code == 404
    listed = client.get("/api/deliverables/").json()["results"]
    assert [item["uid"] for item in listed] == [str(mine.uid)]
    assert client.get("/api/deliverables/", {"mine": "true"}).json()["count"] == 1
    mine.review_status = ReviewStatus.REJECTED
    mine.save()
    assert client.get("/api/deliverables/").json()["count"] == 0


def test_status_and_due_date_filters(api):
    """status matches progress or review; due_before/due_after bound the due date."""
    target = Deliverable.objects.filter(due_date__isnull=False).order_by("due_date").first()
    Deliverable.objects.filter(pk=target.pk).update(progress="submitted")
    results = api.get("/api/deliverables/", {"status": "submitted"}).json()["results"]
    assert [r["uid"] for r in results] == [str(target.uid)]
    cutoff = target.due_date.isoformat()
    before = api.get("/api/deliverables/", {"due_before": cutoff}).json()["results"]
    assert {r["due_date"] for r in before} == {cutoff}
    after = api.get("/api/deliverables/", {"due_after": "2100-01-01"}).json()["results"]
    assert after == []


def test_resolution_by_symbol_with_deliverables(api):
    """A resolution is found by its symbol (slashes and all), with its deliverables."""
    data = api.get("/api/resolutions/A/HRC/RES/61/99/").json()
    assert data["symbol"] == "A/HRC/RES/61/99"
    assert data["adopted_on"] == "2026-04-02"
    assert {d["kind"] for d in data["deliverables"]} >= {"report", "seminar"}
    assert api.get("/api/resolutions/A/HRC/RES/1/1/").status_code == 404


def test_sessions_list(api):
    """The session calendar is served with its estimated flag and its status (scheduled,
    cancelled or postponed)."""
    data = api.get("/api/sessions/", {"body__code": "HRC", "number": 65}).json()
    assert data["results"] == [
        {
            "body": "HRC",
            "number": 65,
            "start": "2027-06-14",
            "end": "2027-07-06",
            "main_part_end": None,
            "dates_status": "estimated",
            "is_estimated": True,
            "has_closed": False,
            "status": "scheduled",
            "url": "http://testserver/api/sessions/HRC-65/",  # on the request's host
            "parts": [],
        }
    ]


def test_one_session_by_its_code_or_its_key(api):
    """The list's `url` opens the session ("HRC-65", as the pages name it; any case), the
    primary key still does, and a session that does not exist is 404."""
    listed = api.get("/api/sessions/", {"body__code": "HRC", "number": 65}).json()["results"][0]
    path = listed["url"].removeprefix("http://testserver")
    assert api.get(path).json() == listed
    assert api.get("/api/sessions/hrc-65/").json() == listed
    pk = Session.objects.get(body__code="HRC", number=65).pk
    assert api.get(f"/api/sessions/{pk}/").json() == listed
    # "³" and "HRC-²" are digits to str.isdigit() that int() refuses: they answered 500
    for missing in ("HRC-900", "XYZ-3", "garbage", "65x", "³", "HRC-²"):
        assert api.get(f"/api/sessions/{missing}/").status_code == 404, missing


def test_a_bare_number_is_a_sessions_id_and_the_api_says_so(api):
    """/api/sessions/65/ is the row with id 65, not HRC 65 or GA 65: kept, as the schema
    has said since codes came (clients written before them), and now the schema says it
    is never a session number, and a miss says how to name a session."""
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    detail = schema["paths"]["/api/sessions/{session}/"]["get"]
    (parameter,) = [p for p in detail["parameters"] if p["in"] == "path"]
    assert "never a session number" in parameter["description"]
    session = Session.objects.exclude(number__in=Session.objects.values("pk")).first()
    assert api.get(f"/api/sessions/{session.pk}/").json()["number"] == session.number
    unused = max(Session.objects.values_list("pk", flat=True)) + 1000
    for missing in (str(unused), "garbage"):
        refused = api.get(f"/api/sessions/{missing}/")
        assert refused.status_code == 404
        assert '"HRC-65"' in refused.json()["detail"], missing
        assert "never its number" in refused.json()["detail"], missing
    # a well-formed address is not blamed: the calendar lacks the session
    refused = api.get("/api/sessions/hrc-900/")
    assert refused.json() == {"detail": "No session HRC 900 in the calendar"}


def test_private_deliverables_are_hidden_from_non_staff(api):
    """Deliverables not public are only listed for staff."""
    hidden = factories.DeliverableFactory(
        is_public=False, due_date=date(2027, 1, 1), review_status=ReviewStatus.CONFIRMED
    )
    uids = {
        r["uid"]
        for r in api.get("/api/deliverables/", {"due_after": "2026-12-31"}).json()["results"]
    }
    assert str(hidden.uid) not in uids


def test_unreviewed_proposals_are_hidden_from_non_staff(api, admin_client):
    """A proposal nobody confirmed is neither listed nor in its resolution for non-staff."""
    proposal = Deliverable.objects.filter(mandate__resolution__symbol="A/HRC/RES/61/99").first()
    proposal.review_status = ReviewStatus.PROPOSED
    proposal.save()
    listed = {r["uid"] for r in api.get("/api/deliverables/").json()["results"]}
    resolution = api.get("/api/resolutions/A/HRC/RES/61/99/").json()
    assert str(proposal.uid) not in listed
    assert str(proposal.uid) not in {d["uid"] for d in resolution["deliverables"]}
    assert resolution["deliverables"]  # the confirmed ones are there
    staff = {r["uid"] for r in admin_client.get("/api/deliverables/").json()["results"]}
    assert str(proposal.uid) in staff


def test_openapi_schema_is_served(api):
    """The OpenAPI schema lists the three collections."""
    response = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/deliverables/", "/api/resolutions/", "/api/sessions/"} <= set(schema["paths"])


def test_an_actor_outside_the_table_has_one_name_in_the_api_the_plan_and_the_pages(api, client):
    """The API's and the plan's `actor` was the printed words ("the team of international
    experts") where the pages and export.csv show the extractor's name: two CSV downloads
    of the same item disagreed."""
    item = Deliverable.objects.filter(due_session__isnull=False).first()
    mandate = item.mandate
    mandate.actor, mandate.actor_name = None, "Team of international experts on Canals"
    mandate.actor_text = "the team of international experts"
    mandate.save()
    shown = "Team of international experts on Canals"
    api_row = api.get(reverse("api:deliverable-detail", args=[item.uid])).json()
    assert api_row["actor"] == shown and api_row["actor_text"] == mandate.actor_text
    session = item.due_session
    key = f"{session.body.code}-{session.number}"
    plan = api.get(f"/api/sessions/{key}/plan/").json()
    actors = {entry["actor"] for entry in plan["entries"]}
    assert shown in actors and mandate.actor_text not in actors
    export = b"".join(client.get(reverse("mandates:export_csv")).streaming_content)
    export = export.decode("utf-8-sig")
    assert shown in {row["Actor"] for row in csv.DictReader(io.StringIO(export))}


def test_one_resolutions_deliverables_come_as_its_text_lists_them(api, settings, monkeypatch):
    """``?resolution=`` lists a text's deliverables in its order, paragraph 2 before 10,
    whatever their dates (QA: 6, 2, 6, 3, 5 by due date), page after page; the list
    without it stays by due date, as the site's lists are."""
    from rest_framework.pagination import PageNumberPagination

    from tests.samples import hrc_resolution

    def report(session: str, topic: str) -> str:
        return (
            f"Requests the High Commissioner to prepare a report on {topic} and to present it "
            f"to the Human Rights Council at its {session} session;"
        )

    sessions = ["sixty-fifth", "sixty-third", "sixty-fourth"] * 4
    text = hrc_resolution(
        number="59/77",
        operative=[report(session, f"topic {n}") for n, session in enumerate(sessions, 1)],
    )
    path = settings.MEDIA_ROOT / "A_HRC_RES_59_77.txt"
    path.write_text(text, encoding="utf-8")
    resolution_ingest_path(path=path)
    Deliverable.objects.update(review_status=ReviewStatus.CONFIRMED)

    monkeypatch.setattr(PageNumberPagination, "page_size", 5)
    pages, url = [], "/api/deliverables/?resolution=A/HRC/RES/59/77"
    while url:
        page = api.get(url).json()
        pages += page["results"]
        url = page["next"]
    assert [row["paragraph"] for row in pages] == [str(n) for n in range(1, 13)]
    assert len({row["due_date"] for row in pages}) == 3  # dates not in that order

    everything, url = [], "/api/deliverables/"
    while url:
        page = api.get(url).json()
        everything += page["results"]
        url = page["next"]
    dates = [row["due_date"] for row in everything if row["due_date"]]
    assert len(everything) == Deliverable.objects.count() > 12
    assert dates == sorted(dates)


@pytest.mark.parametrize("url", ["/api/sessions/", "/api/resolutions/"])
def test_sessions_and_resolutions_filter_by_body_as_deliverables_do(api, url):
    """?body=HRC narrows the sessions and the resolutions as it does the deliverables (QA:
    both ignored it and listed GA's too); ?body__code= still works; an unknown code
    answers 400 with the codes to use, as on /api/deliverables/; a lower-case one is read
    as the code (the feeds' addresses take either, `/feeds/body/hrc.ics`)."""
    everything = api.get(url).json()
    assert everything["count"] <= 50  # one page
    assert {item["body"] for item in everything["results"]} >= {"HRC", "GA"}
    hrc = api.get(url, {"body": "HRC"}).json()
    assert 0 < hrc["count"] < everything["count"]
    assert {item["body"] for item in hrc["results"]} == {"HRC"}
    if url == "/api/sessions/":
        assert api.get(url, {"body__code": "HRC"}).json()["count"] == hrc["count"]
        assert api.get(url, {"body__code": "hrc"}).json()["count"] == hrc["count"]
    assert api.get(url, {"body": "hrc"}).json() == hrc
    for bad in ("XYZ", "HRCX"):
        refused = api.get(url, {"body": bad})
        assert refused.status_code == 400, bad
        assert refused.json()["body"] == [
            f"{bad} is not a body: use one of "
            + ", ".join(Body.objects.order_by("code").values_list("code", flat=True))
        ]
        deliverables = api.get("/api/deliverables/", {"body": bad})
        assert deliverables.json() == refused.json()  # same words for the same filter


def test_schema_names_what_a_session_is_opened_by(api):
    """/api/sessions/{...}/ takes "HRC-64": the schema called the parameter `id`, an
    integer to a client generated from it. It says what to write; and `body` is listed
    among the filters of sessions and resolutions."""
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert "/api/sessions/{id}/" not in schema["paths"]
    detail = schema["paths"]["/api/sessions/{session}/"]["get"]
    (parameter,) = [p for p in detail["parameters"] if p["in"] == "path"]
    assert parameter["name"] == "session" and parameter["required"]
    assert parameter["schema"]["type"] == "string"
    assert '"HRC-64"' in parameter["description"]
    for path in ("/api/sessions/", "/api/resolutions/", "/api/deliverables/"):
        names = {p["name"] for p in schema["paths"][path]["get"]["parameters"]}
        assert "body" in names, path
    sessions = {p["name"] for p in schema["paths"]["/api/sessions/"]["get"]["parameters"]}
    assert "body__code" in sessions
    listed = api.get("/api/sessions/", {"body": "HRC", "number": 64}).json()["results"][0]
    assert api.get("/api/sessions/HRC-64/").json() == listed


def test_undated_deliverables_come_last_whatever_the_database(api):
    """By due date, those without one last, on SQLite as on PostgreSQL (QA: on SQLite
    page 1 held only undated items, NULLs sorting first there). A resolution's own
    deliverables come as its text lists them, as `?resolution=` lists them (QA: by due
    date within a mandate there, a third order)."""
    mandate = factories.MandateFactory(resolution=factories.ResolutionFactory())
    undated = [
        factories.DeliverableFactory(mandate=mandate, review_status=ReviewStatus.CONFIRMED)
        for _ in range(2)
    ]
    dated = factories.DeliverableFactory(
        mandate=mandate, due_date=date(2027, 1, 4), review_status=ReviewStatus.CONFIRMED
    )
    everything, url = [], "/api/deliverables/"
    while url:
        page = api.get(url).json()
        everything += page["results"]
        url = page["next"]
    dates = [row["due_date"] for row in everything]
    first_undated = dates.index(None)
    assert first_undated > 0 and set(dates[first_undated:]) == {None}
    assert dates[:first_undated] == sorted(dates[:first_undated])
    assert [row["uid"] for row in everything[first_undated:]][-2:] == [
        str(item.uid) for item in undated
    ]  # then by key: pages never overlap
    symbol = mandate.resolution.symbol
    listed = api.get(f"/api/resolutions/{symbol}/").json()["deliverables"]
    filtered = api.get("/api/deliverables/", {"resolution": symbol}).json()["results"]
    assert [row["uid"] for row in listed] == [row["uid"] for row in filtered]
    assert [row["uid"] for row in listed] == [str(item.uid) for item in (*undated, dated)]


#: The schema's component names as clients generated from it know them (7 December 2026):
#: a new component may come, none of these may be renamed (an enum name collision renamed
#: two when sessions got their parts).
SCHEMA_COMPONENTS = {
    "Consideration",
    "DatesStatusEnum",
    "Deliverable",
    "Due",
    "KindEnum",
    "PaginatedDeliverableList",
    "PaginatedResolutionList",
    "PaginatedSessionList",
    "PlanEntry",
    "ProgressEnum",
    "Resolution",
    "ResolutionStatusEnum",
    "ReviewStatusEnum",
    "Session",
    "SessionPlan",
    "SessionStatusEnum",
    "UnitWeek",
}


def test_the_schema_keeps_its_component_names(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert set(schema["components"]["schemas"]) >= SCHEMA_COMPONENTS
    kinds = schema["components"]["schemas"]["KindEnum"]["enum"]
    assert "report" in kinds and "resumed" not in kinds  # the deliverables' kinds
