"""/api/resolutions/ (and /api/deliverables/) write, byte for byte, what they wrote when
each deliverable went through DRF's field-by-field serializer from prefetched model
instances (the previous views, kept below): the same names, order, values and escapes, on
resolutions of every shape, for each kind of reader, on lists, filters, pages and single
items."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from django.db.models import Prefetch
from django.test import Client
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from mandates import selectors
from mandates.api import (
    ConsiderationSerializer,
    DeliverableSerializer,
    DeliverableViewSet,
    ResolutionSerializer,
    ResolutionViewSet,
)
from mandates.models import (
    Body,
    Consideration,
    Deliverable,
    Mandate,
    Resolution,
    ReviewStatus,
    Session,
)
from mandates.selectors import BY_DUE_DATE
from tests import factories

pytestmark = pytest.mark.django_db

# --- The previous view: prefetched instances, DRF's own field-by-field writing ---------------


class PreviousResolutionSerializer(ResolutionSerializer):
    considerations = ConsiderationSerializer(many=True, read_only=True)

    class Meta:
        model = Resolution
        fields = ResolutionSerializer.Meta.fields
        list_serializer_class = serializers.ListSerializer

    def get_deliverables(self, obj: Resolution) -> list[dict]:
        serializer = DeliverableSerializer(context=self.context)
        return [
            serializers.ModelSerializer.to_representation(serializer, item)
            for mandate in obj.mandates.all()
            for item in mandate.deliverables.all()
        ]


class PreviousResolutionViewSet(ResolutionViewSet):
    serializer_class = PreviousResolutionSerializer

    def get_queryset(self):
        user = self.request.user
        # in the API's order: as the text lists them (mandates by position, then theirs)
        deliverables = selectors.deliverable_list().visible_to(user).order_by("position", "pk")
        considerations = (
            Consideration.objects.visible_to(user)
            .select_related("body", "session__body")
            .order_by("pk")
        )
        return (
            Resolution.objects.select_related("body", "session", "superseded_by")
            .prefetch_related(
                "drafts",
                Prefetch("mandates__deliverables", queryset=deliverables),
                Prefetch("considerations", queryset=considerations),
            )
            .order_by("-adopted_on", "symbol")
        )


class PreviousDeliverableSerializer(DeliverableSerializer):
    class Meta:
        model = Deliverable
        fields = DeliverableSerializer.Meta.fields
        list_serializer_class = serializers.ListSerializer

    to_representation = serializers.ModelSerializer.to_representation


class PreviousDeliverableViewSet(DeliverableViewSet):
    serializer_class = PreviousDeliverableSerializer

    def get_queryset(self):
        return selectors.deliverable_list().visible_to(self.request.user).order_by(*BY_DUE_DATE)


def previous_body(user, path: str, query: dict[str, str]) -> bytes:
    request = APIRequestFactory().get(path, query, HTTP_ACCEPT="application/json")
    request.user = user  # signed in to the site, as the Client's session (not forced)
    for prefix, viewset, key in (
        ("/api/resolutions/", PreviousResolutionViewSet, "symbol"),
        ("/api/deliverables/", PreviousDeliverableViewSet, "uid"),
    ):
        if path == prefix:
            response = viewset.as_view({"get": "list"})(request)
            break
        if path.startswith(prefix):
            lookup = {key: path.removeprefix(prefix).rstrip("/")}
            response = viewset.as_view({"get": "retrieve"})(request, **lookup)
            break
    else:
        raise AssertionError(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.render().content


# --- Resolutions of every shape --------------------------------------------------------------

WHEN = datetime(2026, 11, 5, 14, 30, 15, 123456, tzinfo=UTC)


def uid(n: int) -> uuid.UUID:
    return uuid.UUID(int=n)


@pytest.fixture
def resolutions() -> list[Resolution]:
    hrc, ga = factories.body("HRC"), factories.body("GA")
    csw = Body.objects.get_or_create(code="CSW", defaults={"name": "Commission"})[0]
    hrc64 = Session.objects.get(body=hrc, number=64)
    ga82 = Session.objects.get(body=ga, number=82)
    adopted = factories.ResolutionFactory(
        symbol="A/HRC/RES/61/8",
        title="Human rights \u2028and \u00e9quit\u00e9 \u201cquoted\u201d \\ slash",
        session=hrc64,
        adopted_on=date(2026, 4, 3),
        agenda_item="3",
        committee_report="A/81/480",
        vote={"yes": 30, "no": 5, "abstain": 12},
        extractor_version="0.3.0",
        warnings=["pdf: header unreadable", "<b>tags</b> & more"],
    )
    draft = factories.ResolutionFactory(
        symbol="A/HRC/61/L.8",
        status=Resolution.Status.SUPERSEDED,
        superseded_by=adopted,
        adopted_on=None,
    )
    other_draft = factories.ResolutionFactory(
        symbol="A/HRC/61/L.9/Rev.1", status=Resolution.Status.DRAFT, adopted_on=None
    )
    Resolution.objects.filter(pk=other_draft.pk).update(superseded_by=adopted)
    ga_resolution = factories.ResolutionFactory(
        symbol="A/RES/80/123", body=ga, session=ga82, adopted_on=date(2025, 12, 18), vote=None
    )
    factories.ResolutionFactory(symbol="A/HRC/RES/59/1", adopted_on=date(2025, 7, 4))  # empty

    def mandate(resolution, position, **fields) -> Mandate:
        return factories.MandateFactory(
            resolution=resolution, position=position, paragraph_label=f"{position}(b)", **fields
        )

    high_commissioner = mandate(adopted, 2, verb="Requests", actor_text="the High Commissioner")
    unctad = mandate(
        adopted, 1, actor=None, actor_name="UNCTAD secretariat", actor_text="the UNCTAD"
    )
    rejected_mandate = mandate(adopted, 3, review_status=ReviewStatus.REJECTED)
    in_draft = mandate(draft, 1)
    secretary_general = mandate(
        ga_resolution, 1, actor=factories.ActorFactory(name="Secretary-General")
    )

    n = iter(range(1, 1000))

    def deliverable(mandate: Mandate, **fields) -> Deliverable:
        fields.setdefault("review_status", ReviewStatus.CONFIRMED)
        return factories.DeliverableFactory(mandate=mandate, uid=uid(next(n)), **fields)

    deliverable(
        high_commissioner,
        due_session=hrc64,
        due_relation="at",
        computed_due_date=date(2027, 2, 1),
        due_date=date(2027, 2, 1),
        title="Report \u00e0 l\u2019ONU \u2029 \U0001f600 </script>",
        quote='Requests the "High Commissioner" to present\na report',
        recurring="annual",
        alternatives=[{"session": 65, "why": "either"}],
    )
    deliverable(high_commissioner, due_date=date(2027, 2, 1), kind="oral update")  # a tie
    deliverable(high_commissioner)  # no date at all
    deliverable(high_commissioner, review_status=ReviewStatus.PROPOSED, due_date=date(2026, 1, 1))
    deliverable(high_commissioner, review_status=ReviewStatus.REJECTED)
    deliverable(high_commissioner, is_public=False, due_date=date(2026, 9, 1))
    deliverable(
        unctad,
        due_body=csw,
        due_session_number=61,
        due_relation="before",
        stated_due_date=date(2027, 3, 1),
        manual_due_date=date(2027, 2, 1),
        due_date=date(2027, 2, 1),
        progress="submitted",
        fulfilled_by="E/CN.6/2027/3",
        fulfilled_on=date(2027, 1, 30),
        needs_review=True,
        review_reasons=["two sessions named", "a date and a session"],
        no_longer_in_text=True,
        count=2,
    )
    deliverable(unctad, due_body=csw, due_relation="at", needs_review=True)  # next session
    deliverable(unctad, due_body=ga)  # a body, no session, no relation
    deliverable(unctad, stated_due_date=date(2026, 12, 31), due_date=date(2026, 12, 31))
    deliverable(rejected_mandate, due_date=date(2026, 10, 1))
    deliverable(in_draft, due_session=hrc64, due_date=date(2027, 2, 1))
    deliverable(secretary_general, due_session=ga82, due_relation="before", kind="study")
    Deliverable.objects.update(updated_at=WHEN)
    Deliverable.objects.filter(kind="study").update(
        updated_at=datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
    )

    def consider(resolution, label, **fields) -> None:
        Consideration.objects.create(
            resolution=resolution, body=resolution.body, paragraph_label=label, **fields
        )

    consider(adopted, "30", session=hrc64, review_status=ReviewStatus.CONFIRMED, quote="Decides")
    consider(adopted, "31", alternatives=[65], needs_review=True, review_reasons=["two"])
    consider(adopted, "33", review_status=ReviewStatus.REJECTED)
    consider(ga_resolution, "12", session=ga82, review_status=ReviewStatus.CONFIRMED)
    return [adopted, draft, other_draft, ga_resolution]


READERS = ["member", "staff", "superuser"]


@pytest.fixture
def readers(django_user_model) -> dict:
    users = django_user_model.objects
    return {
        "member": users.create_user("member"),
        "staff": users.create_user("staff", is_staff=True),
        "superuser": users.create_superuser("admin", "admin@example.org", "pw"),
    }


def bodies(user, path: str, query: dict[str, str]) -> tuple[bytes, bytes]:
    client = Client()
    client.force_login(user)
    response = client.get(path, query, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, (path, response.status_code)
    return response.content, previous_body(user, path, query)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    "query",
    [{}, {"status": "superseded"}, {"symbol": "A/RES/80/123"}, {"status": "draft"}],
    ids=["all", "status", "symbol", "no match"],
)
def test_resolution_list_is_written_as_before(resolutions, readers, reader, query):
    new, previous = bodies(readers[reader], "/api/resolutions/", query)
    assert new == previous


@pytest.mark.parametrize("reader", READERS)
def test_each_resolution_is_written_as_before(resolutions, readers, reader):
    for resolution in Resolution.objects.all():
        new, previous = bodies(readers[reader], f"/api/resolutions/{resolution.symbol}/", {})
        assert new == previous, resolution.symbol


def test_pages_of_resolutions_are_written_as_before(resolutions, readers):
    """Three pages of 50: the links and the deliverables of each page's resolutions only."""
    for number in range(110):
        resolution = factories.ResolutionFactory(
            symbol=f"A/HRC/RES/58/{number}", adopted_on=date(2024, 1 + number % 12, 1)
        )
        factories.DeliverableFactory(
            mandate=factories.MandateFactory(resolution=resolution),
            uid=uid(10_000 + number),
            review_status=ReviewStatus.CONFIRMED,
        )
    Deliverable.objects.update(updated_at=WHEN)
    for page in ("1", "2", "3"):
        new, previous = bodies(readers["staff"], "/api/resolutions/", {"page": page})
        assert new == previous, page
    assert b'"count":115' in new and b"A/HRC/RES/58/" in new


@pytest.mark.parametrize("reader", READERS)
def test_deliverables_are_written_as_before(resolutions, readers, reader):
    user = readers[reader]
    for query in ({}, {"body": "CSW"}, {"status": "submitted"}, {"page": "2"}):
        if query.get("page"):
            factories.DeliverableFactory.create_batch(55, review_status=ReviewStatus.CONFIRMED)
        new, previous = bodies(user, "/api/deliverables/", query)
        assert new == previous, query
    for item in Deliverable.objects.visible_to(user):
        new, previous = bodies(user, f"/api/deliverables/{item.uid}/", {})
        assert new == previous
