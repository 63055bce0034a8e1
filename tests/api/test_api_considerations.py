"""Considerations in the JSON API, shown as the pages show them (Consideration.visible_to),
and the resolution lists in a constant number of queries."""

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from mandates import selectors
from mandates.api import SessionSerializer
from mandates.models import Body, Consideration, ReviewStatus, Session
from tests import factories

pytestmark = pytest.mark.django_db

SYMBOL = "A/HRC/RES/61/8"


@pytest.fixture
def resolution():
    """One resolution taken up again four times: confirmed at HRC 64, confirmed but not
    public, proposed (flagged, with another reading), and rejected."""
    resolution = factories.ResolutionFactory(symbol=SYMBOL)
    hrc = factories.body("HRC")
    hrc64 = Session.objects.get(body=hrc, number=64)

    def consider(label: str, **fields) -> Consideration:
        return Consideration.objects.create(
            resolution=resolution, body=hrc, paragraph_label=label, **fields
        )

    consider("30", session=hrc64, review_status=ReviewStatus.CONFIRMED, quote="Decides ...")
    consider("31", session=hrc64, review_status=ReviewStatus.CONFIRMED, is_public=False)
    consider(
        "32",
        session=hrc64,
        alternatives=[65],
        needs_review=True,
        review_reasons=["two sessions named"],
    )
    consider("33", review_status=ReviewStatus.REJECTED)
    factories.DeliverableFactory(
        mandate=factories.MandateFactory(resolution=resolution),
        due_session=hrc64,
        due_date=date(2027, 2, 1),
        review_status=ReviewStatus.CONFIRMED,
    )
    return resolution


def member(django_user_model) -> Client:
    client = Client()
    client.force_login(django_user_model.objects.create_user("member", "m@example.org"))
    return client


def paragraphs(data: dict) -> set[str]:
    return {item["paragraph"] for item in data["considerations"]}


def test_a_resolution_says_when_its_question_is_taken_up_again(django_user_model, resolution):
    """The detail carries each consideration: body, session, its dates, review and evidence."""
    data = member(django_user_model).get(f"/api/resolutions/{SYMBOL}/").json()
    (item,) = data["considerations"]
    hrc64 = Session.objects.get(body__code="HRC", number=64)
    assert item == {
        "body": "HRC",
        "session": 64,
        "paragraph": "30",
        "alternatives": [],
        # as anywhere else, its url on the host asked
        "session_dates": {
            **SessionSerializer(hrc64).data,
            "url": "http://testserver/api/sessions/HRC-64/",
        },
        "review_status": "confirmed",
        "needs_review": False,
        "review_reasons": [],
        "quote": "Decides ...",
    }


@pytest.mark.parametrize(
    ("role", "expected"),
    [("member", {"30"}), ("admin_client", {"30", "31", "32"})],
)
def test_considerations_follow_the_visibility_of_deliverables(
    request, django_user_model, resolution, role, expected
):
    """Members see what staff confirmed and kept public; staff also the rest; nobody the
    rejected ones: in the detail and in the list."""
    client = member(django_user_model) if role == "member" else request.getfixturevalue(role)
    assert paragraphs(client.get(f"/api/resolutions/{SYMBOL}/").json()) == expected
    listed = client.get("/api/resolutions/").json()["results"]
    assert [paragraphs(item) for item in listed if item["symbol"] == SYMBOL] == [expected]


def test_a_consideration_without_a_session(admin_client, resolution):
    """ "Remains seized of the matter": no session, no dates."""
    Consideration.objects.filter(paragraph_label="32").update(session=None)
    data = admin_client.get(f"/api/resolutions/{SYMBOL}/").json()
    item = next(item for item in data["considerations"] if item["paragraph"] == "32")
    assert (item["session"], item["session_dates"], item["alternatives"]) == (None, None, [65])


def test_session_dates_of_deliverables_as_the_session_list_gives_them(admin_client, resolution):
    """A deliverable's session_dates are the session as /api/sessions/ serialises it."""
    (item,) = admin_client.get(f"/api/resolutions/{SYMBOL}/").json()["deliverables"]
    sessions = admin_client.get("/api/sessions/", {"body__code": "HRC", "number": 64}).json()
    assert item["session_dates"] == sessions["results"][0]


def test_resolution_list_queries_do_not_grow(admin_client, resolution):
    """The same queries for one resolution as for twenty, each with deliverables and
    considerations."""

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get("/api/resolutions/").status_code == 200
        return len(queries)

    one = count()
    for n in range(19):
        other = factories.ResolutionFactory(symbol=f"A/HRC/RES/61/{100 + n}")
        factories.DeliverableFactory(mandate=factories.MandateFactory(resolution=other))
        Consideration.objects.create(resolution=other, body=factories.body("HRC"))
    assert count() == one


def test_deliverables_are_written_as_drf_would_write_them(resolution):
    """The API's own representation of a deliverable is DRF's field-by-field one, for every
    shape: a calendar session, a session as read, a printed date, no actor row, fulfilled."""
    from rest_framework import serializers

    from mandates.api import DeliverableSerializer

    csw = Body.objects.get_or_create(code="CSW", defaults={"name": "Commission"})[0]
    factories.DeliverableFactory(
        mandate=factories.MandateFactory(
            resolution=resolution, actor=None, actor_name="UNCTAD", actor_text="the UNCTAD"
        ),
        due_body=csw,
        due_session_number=61,
        due_relation="before",
        stated_due_date=date(2027, 3, 1),
        manual_due_date=date(2027, 2, 1),
        due_date=date(2027, 2, 1),
        progress="submitted",
        fulfilled_by="E/CN.6/2027/3",
        fulfilled_on=date(2027, 1, 30),
        alternatives=[62],
        review_reasons=["a reason"],
        count=2,
    )
    factories.DeliverableFactory(
        mandate=factories.MandateFactory(resolution=resolution), due_body=csw, due_relation="at"
    )
    factories.DeliverableFactory(mandate=factories.MandateFactory(resolution=resolution))
    serializer = DeliverableSerializer()
    items = list(selectors.deliverable_list().filter(mandate__resolution=resolution))
    assert len(items) == 4
    for item in items:
        drf = serializers.ModelSerializer.to_representation(serializer, item)
        assert serializer.to_representation(item) == drf
        assert list(serializer.to_representation(item)) == list(drf)
