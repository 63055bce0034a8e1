"""A session's parts (resumed parts, organizational meetings) in the JSON API: wherever a
session is given, in a constant number of queries."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.authtoken.models import Token

from mandates.models import Deliverable, ReviewStatus, Session, SessionPart
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, django_user_model):
    user = django_user_model.objects.create_user("reader", "reader@example.org", "pw")
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {Token.objects.create(user=user).key}"
    return client


@pytest.fixture
def ga81() -> Session:
    """GA 81 with a first resumed part (held), a second one postponed, and its
    organizational meeting before it opens."""
    session = factories.SessionFactory(
        body=factories.body("GA"), number=81, start=date(2026, 9, 8), end=date(2027, 9, 7)
    )
    part = SessionPart.objects.create
    part(session=session, kind="resumed", start=date(2027, 3, 1), end=date(2027, 3, 26))
    part(
        session=session,
        kind="resumed",
        start=date(2027, 5, 10),
        end=date(2027, 5, 28),
        dates_status=Session.DatesStatus.ESTIMATED,
        status=Session.Status.POSTPONED,
    )
    part(session=session, kind="organizational", start=date(2026, 9, 1), end=date(2026, 9, 1))
    return session


GA81_PARTS = [
    {
        "kind": "organizational",
        "start": "2026-09-01",
        "end": "2026-09-01",
        "dates_status": "announced",
        "status": "scheduled",
    },
    {
        "kind": "resumed",
        "start": "2027-03-01",
        "end": "2027-03-26",
        "dates_status": "announced",
        "status": "scheduled",
    },
    {
        "kind": "resumed",
        "start": "2027-05-10",
        "end": "2027-05-28",
        "dates_status": "estimated",
        "status": "postponed",
    },
]


def test_a_session_lists_its_parts_in_the_list_and_on_its_own(api, ga81):
    """GA 81's resumed parts and organizational meeting, by opening day, each with its
    dates and its own status (QA: the API left them out, a postponed resumed part
    included); a session without parts has an empty list."""
    (listed,) = api.get("/api/sessions/", {"body": "GA", "number": 81}).json()["results"]
    assert listed["parts"] == GA81_PARTS
    assert api.get("/api/sessions/GA-81/").json() == listed
    hrc64 = api.get("/api/sessions/HRC-64/").json()
    assert hrc64["parts"] == []


def test_a_deliverables_session_dates_and_a_plan_give_the_parts_too(api, ga81):
    """`session_dates` is the session as /api/sessions/ gives it, parts included; so is a
    plan's `session`."""
    item = factories.DeliverableFactory(
        due_session=ga81, due_date=date(2027, 3, 1), review_status=ReviewStatus.CONFIRMED
    )
    listed = api.get("/api/sessions/GA-81/").json()
    assert listed["parts"] == GA81_PARTS
    row = api.get(f"/api/deliverables/{item.uid}/").json()
    assert row["session_dates"] == listed
    resolution = api.get(f"/api/resolutions/{item.mandate.resolution.symbol}/").json()
    assert [d["session_dates"] for d in resolution["deliverables"]] == [listed]
    assert api.get("/api/sessions/GA-81/plan/").json()["session"] == listed


def queries(api, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert api.get(url).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "url", ["/api/sessions/", "/api/deliverables/", "/api/resolutions/", "/api/sessions/plan/"]
)
def test_parts_cost_no_query_per_session(api, ga81, url, django_assert_num_queries):
    """The parts of a whole page are read in one query: twenty more sessions with parts
    (and something due at each), the same number of queries."""
    factories.DeliverableFactory(due_session=ga81, review_status=ReviewStatus.CONFIRMED)
    before = queries(api, url)
    hrc, today = factories.body("HRC"), timezone.localdate()
    for number in range(90, 110):  # under way: all of them on the plans' overview
        start = today - timedelta(days=3)
        session = factories.SessionFactory(
            body=hrc, number=number, start=start, end=start + timedelta(days=20)
        )
        for days in (30, 40):
            day = start + timedelta(days=days)
            SessionPart.objects.create(session=session, kind="resumed", start=day, end=day)
        factories.DeliverableFactory(due_session=session, review_status=ReviewStatus.CONFIRMED)
    assert Deliverable.objects.count() == 21
    with django_assert_num_queries(before):
        response = api.get(url)
    assert response.status_code == 200
    assert "resumed" in response.content.decode()
