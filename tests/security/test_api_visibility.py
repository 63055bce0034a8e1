"""The JSON API shows each role exactly what the pages show it (Deliverable.visible_to)."""

import pytest
from django.test import Client

from mandates.models import ReviewStatus
from tests import factories

pytestmark = pytest.mark.django_db

SYMBOL = "A/HRC/RES/61/7"


@pytest.fixture
def resolution_with_every_kind_of_deliverable():
    resolution = factories.ResolutionFactory(symbol=SYMBOL)
    titles = {
        "public": {"review_status": ReviewStatus.CONFIRMED},
        "not public": {"review_status": ReviewStatus.CONFIRMED, "is_public": False},
        "proposed": {"review_status": ReviewStatus.PROPOSED},
        "rejected": {"review_status": ReviewStatus.REJECTED},
    }
    for title, fields in titles.items():
        mandate = factories.MandateFactory(resolution=resolution)
        factories.DeliverableFactory(mandate=mandate, title=title, **fields)
    return resolution


def seen(client) -> dict[str, set[str]]:
    """The deliverable titles each endpoint returns to this client."""
    listing = client.get("/api/resolutions/").json()["results"]
    detail = client.get(f"/api/resolutions/{SYMBOL}/").json()
    deliverables = client.get("/api/deliverables/").json()["results"]
    return {
        "resolutions": {d["title"] for r in listing for d in r["deliverables"]},
        "resolution": {d["title"] for d in detail["deliverables"]},
        "deliverables": {d["title"] for d in deliverables},
    }


def member_client(django_user_model) -> Client:
    client = Client()
    client.force_login(django_user_model.objects.create_user("member", "m@example.org"))
    return client


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("member", {"public"}),
        ("viewer_client", {"public", "not public", "proposed"}),
        ("superuser_client", {"public", "not public", "proposed"}),
    ],
)
def test_api_shows_each_role_what_it_may_see(
    request, django_user_model, resolution_with_every_kind_of_deliverable, role, expected
):
    """Members see public confirmed ones; staff also the rest; nobody the rejected ones,
    whether listed, under a resolution, or under the list of resolutions."""
    client = member_client(django_user_model) if role == "member" else request.getfixturevalue(role)
    assert seen(client) == {
        "resolutions": expected,
        "resolution": expected,
        "deliverables": expected,
    }


def test_api_refuses_anonymous_visitors(resolution_with_every_kind_of_deliverable):
    """No session, no token: no data."""
    for url in ("/api/resolutions/", f"/api/resolutions/{SYMBOL}/", "/api/deliverables/"):
        assert Client().get(url).status_code in (401, 403)
