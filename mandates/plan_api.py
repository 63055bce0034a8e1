"""The session planner as JSON (Django REST framework): one session's plan, or the plans
of the next sessions of each body. The same entries, names and visibility as the pages."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .api import SessionSerializer
from .services import planner


class PlanEntrySerializer(serializers.Serializer):
    uid = serializers.UUIDField(source="deliverable.uid")
    is_forecast = serializers.BooleanField()
    kind = serializers.CharField(source="deliverable.kind")
    count = serializers.IntegerField(source="deliverable.count")
    title = serializers.CharField()
    actor = serializers.CharField(source="actor_name")
    units = serializers.ListField(child=serializers.CharField())
    resolution = serializers.CharField(source="deliverable.mandate.resolution.symbol")
    paragraph = serializers.CharField(source="deliverable.mandate.paragraph_label")
    recurring = serializers.CharField(source="deliverable.recurring")
    due_date = serializers.DateField(allow_null=True)
    word_limit = serializers.IntegerField(allow_null=True)
    words = serializers.IntegerField()
    is_submitted = serializers.BooleanField()
    progress = serializers.CharField(source="deliverable.progress")
    review_status = serializers.CharField(source="deliverable.review_status")


class UnitWeekSerializer(serializers.Serializer):
    unit = serializers.CharField()
    week = serializers.DateField()
    documents = serializers.IntegerField()
    over_limit = serializers.BooleanField()


class SessionPlanSerializer(serializers.Serializer):
    session = SessionSerializer()
    documents = serializers.IntegerField()
    documents_submitted = serializers.IntegerField()
    words_total = serializers.IntegerField()
    words_submitted = serializers.IntegerField()
    words_forecast = serializers.IntegerField()
    documents_per_unit_per_week = serializers.IntegerField(source="load.limit")
    load = UnitWeekSerializer(source="load.cells", many=True)
    entries = PlanEntrySerializer(many=True)


class SessionPlanView(APIView):
    """One session's plan: entries (forecasts marked), totals and the weekly load."""

    @extend_schema(responses=SessionPlanSerializer)
    def get(self, request, code: str, number: int):
        session = planner.session_for_plan(code=code, number=number)
        if session is None:
            raise Http404("No such session")
        (plan,) = planner.session_plans(sessions=[session], user=request.user)
        return Response(SessionPlanSerializer(plan).data)


class PlanOverviewView(APIView):
    """The plans of the next sessions of each body."""

    @extend_schema(responses=SessionPlanSerializer(many=True))
    def get(self, request):
        sessions = planner.sessions_ahead(today=timezone.localdate())
        plans = planner.session_plans(sessions=sessions, user=request.user)
        return Response(SessionPlanSerializer(plans, many=True).data)
