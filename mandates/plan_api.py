"""The session planner as JSON (Django REST framework): one session's plan, or the plans
of the sessions under way and the next sessions of each body. The same entries, names and visibility as the pages.

A plan's totals and weekly load cover all its entries; `entries` holds one page of them
(`?page=`, `planner.ENTRIES_PER_PAGE` per page, by submission deadline), with
`entries_count` and the `entries_next` / `entries_previous` links to walk the rest. The
overview gives each session's first page; its `entries_next` leads to the session's plan.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param
from rest_framework.views import APIView

from .api import SessionSerializer, session_missing
from .api_params import QueryParamsChecked
from .pagination import PAGE_DESCRIPTION, PAGE_SCHEMA, page_number
from .services import planner


class PlanEntrySerializer(serializers.Serializer):
    uid = serializers.UUIDField(source="deliverable.uid")
    is_forecast = serializers.BooleanField()
    kind = serializers.CharField(source="deliverable.kind")
    count = serializers.IntegerField(source="deliverable.count")
    title = serializers.CharField()
    actor = serializers.CharField(source="actor_name")
    units = serializers.ListField(child=serializers.CharField())
    resolution = serializers.CharField(source="deliverable.resolution")
    paragraph = serializers.CharField(source="deliverable.paragraph")
    recurring = serializers.CharField(source="deliverable.recurring")
    due_date = serializers.DateField(allow_null=True)
    session_not_dated = serializers.BooleanField()
    word_limit = serializers.IntegerField(allow_null=True)
    words = serializers.IntegerField()
    is_submitted = serializers.BooleanField()
    progress = serializers.CharField(source="deliverable.progress")
    review_status = serializers.CharField(source="deliverable.review_status")

    def to_representation(self, instance: planner.PlanEntry) -> dict:
        """The fields above, written out: DRF's per-field lookups cost more than the plan
        on a large session. test_plan_api checks it against the declared fields."""
        item = instance.deliverable
        return {
            "uid": str(item.uid),
            "is_forecast": instance.is_forecast,
            "kind": item.kind,
            "count": item.count,
            "title": instance.title,
            "actor": instance.actor_name,
            "units": list(instance.units),
            "resolution": item.resolution,
            "paragraph": item.paragraph,
            "recurring": item.recurring,
            "due_date": instance.due_date.isoformat() if instance.due_date else None,
            "session_not_dated": instance.session_not_dated,
            "word_limit": instance.word_limit,
            "words": instance.words,
            "is_submitted": instance.is_submitted,
            "progress": item.progress,
            "review_status": item.review_status,
        }


class UnitWeekSerializer(serializers.Serializer):
    unit = serializers.CharField()
    week = serializers.DateField()
    documents = serializers.IntegerField()
    over_limit = serializers.BooleanField()


@dataclass
class PlanPage:
    """A session plan with one page of its entries."""

    plan: planner.SessionPlan
    entries: list[planner.PlanEntry]
    entries_count: int
    entries_next: str | None
    entries_previous: str | None


class SessionPlanSerializer(serializers.Serializer):
    session = SessionSerializer(source="plan.session")
    documents = serializers.IntegerField(source="plan.documents")
    documents_submitted = serializers.IntegerField(source="plan.documents_submitted")
    words_total = serializers.IntegerField(source="plan.words_total")
    words_submitted = serializers.IntegerField(source="plan.words_submitted")
    words_forecast = serializers.IntegerField(source="plan.words_forecast")
    documents_per_unit_per_week = serializers.IntegerField(source="plan.load.limit")
    load = UnitWeekSerializer(source="plan.load.cells", many=True)
    entries = PlanEntrySerializer(many=True)
    entries_count = serializers.IntegerField()
    entries_next = serializers.URLField(allow_null=True)
    entries_previous = serializers.URLField(allow_null=True)


def plan_page(plan: planner.SessionPlan, *, url: str, asked: str | None = None) -> PlanPage:
    """The page `asked` (`?page=`, as the deliverables API reads it) of the plan's entries,
    its links built on `url` (the session plan's). A page past the end is a 404 saying how
    many there are (a client that counts pages up until one fails must see one fail); a
    value that is no page number a 400 naming `page`."""
    paginator = Paginator(plan.entries, planner.ENTRIES_PER_PAGE)
    page = paginator.page(page_number(asked, paginator=paginator, listing="the plan"))
    return PlanPage(
        plan=plan,
        entries=list(page.object_list),
        entries_count=page.paginator.count,
        entries_next=(
            replace_query_param(url, "page", page.next_page_number()) if page.has_next() else None
        ),
        entries_previous=(
            None
            if not page.has_previous()
            else replace_query_param(url, "page", page.previous_page_number())
            if page.previous_page_number() > 1
            else remove_query_param(url, "page")
        ),
    )


def _plan_url(request, session) -> str:
    return request.build_absolute_uri(
        reverse("api:session_plan", args=[session.body.code, session.number])
    )


PAGE = OpenApiParameter(
    "page",
    PAGE_SCHEMA,
    description=f"Which page of the entries. {PAGE_DESCRIPTION}",
)


class SessionPlanView(QueryParamsChecked, APIView):
    """One session's plan: totals and the weekly load, its entries a page at a time
    (forecasts marked)."""

    query_params_own = ("page",)

    @extend_schema(responses=SessionPlanSerializer, parameters=[PAGE])
    def get(self, request, code: str, number: int):
        session = planner.session_for_plan(code=code, number=number)
        if session is None:
            raise NotFound(session_missing(code=code, number=number))
        (plan,) = planner.session_plans(sessions=[session], user=request.user)
        page = plan_page(plan, url=_plan_url(request, session), asked=request.GET.get("page"))
        return Response(SessionPlanSerializer(page, context={"request": request}).data)


class PlanOverviewView(QueryParamsChecked, APIView):
    """The plans of the sessions under way and the next sessions of each body (as the
    overview page), each with its first page of entries."""

    @extend_schema(responses=SessionPlanSerializer(many=True))
    def get(self, request):
        sessions = planner.sessions_ahead(today=timezone.localdate(), user=request.user)
        # Their parts in one query (an estimated session, not stored, has none).
        prefetch_related_objects([s for s in sessions if s.pk is not None], "parts")
        plans = planner.session_plans(sessions=sessions, user=request.user)
        pages = [plan_page(plan, url=_plan_url(request, plan.session)) for plan in plans]
        return Response(SessionPlanSerializer(pages, many=True, context={"request": request}).data)
