"""Read-only JSON API (Django REST framework); OpenAPI schema at /api/schema/."""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from .filters import DeliverableFilter
from .models import Consideration, Deliverable, Resolution, Session
from .selectors import deliverable_list, session_list


class SessionSerializer(serializers.ModelSerializer):
    body = serializers.CharField(source="body.code")
    is_estimated = serializers.BooleanField()

    class Meta:
        model = Session
        fields = ["body", "number", "start", "end", "main_part_end", "dates_status", "is_estimated"]


class DueSerializer(serializers.Serializer):
    """The deadline as the text gives it; `in_calendar` says whether a calendar session
    dates it (`session_dates`). `next_session`: "at its next session", no number printed."""

    body = serializers.CharField(allow_null=True)
    session = serializers.IntegerField(allow_null=True)
    relation = serializers.CharField(allow_null=True)
    date = serializers.DateField(allow_null=True)
    next_session = serializers.BooleanField()
    in_calendar = serializers.BooleanField()


class DeliverableSerializer(serializers.ModelSerializer):
    uid = serializers.UUIDField(read_only=True)
    resolution = serializers.CharField(source="mandate.resolution.symbol")
    resolution_status = serializers.CharField(source="mandate.resolution.status")
    paragraph = serializers.CharField(source="mandate.paragraph_label")
    verb = serializers.CharField(source="mandate.verb")
    actor = serializers.SerializerMethodField()
    actor_name = serializers.SerializerMethodField()
    actor_text = serializers.CharField(source="mandate.actor_text")
    due = serializers.SerializerMethodField()
    # One nested serializer for every row (a SessionSerializer per row rebuilt its fields
    # each time: 20 s for a page of resolutions with 3,000 deliverables).
    session_dates = SessionSerializer(source="due_session", read_only=True, allow_null=True)
    calendar_url = serializers.SerializerMethodField()

    class Meta:
        model = Deliverable
        fields = [
            "uid",
            "resolution",
            "resolution_status",
            "paragraph",
            "verb",
            "actor",
            "actor_name",
            "actor_text",
            "kind",
            "count",
            "title",
            "due",
            "alternatives",
            "recurring",
            "computed_due_date",
            "manual_due_date",
            "due_date",
            "session_dates",
            "review_status",
            "needs_review",
            "review_reasons",
            "no_longer_in_text",
            "progress",
            "fulfilled_by",
            "fulfilled_on",
            "quote",
            "calendar_url",
            "updated_at",
        ]

    @extend_schema_field(serializers.CharField())
    def get_actor(self, obj: Deliverable) -> str:
        return obj.mandate.actor.name if obj.mandate.actor else obj.mandate.actor_text

    @extend_schema_field(serializers.CharField())
    def get_actor_name(self, obj: Deliverable) -> str:
        """The extractor's name: the Actor's, or `actor_name` for one outside the table."""
        mandate = obj.mandate
        return mandate.actor.name if mandate.actor else mandate.actor_name

    @extend_schema_field(DueSerializer(allow_null=True))
    def get_due(self, obj: Deliverable) -> dict | None:
        session = obj.due_session
        if not session and not obj.due_body_id and not obj.stated_due_date:
            return None
        body: str | None
        number: int | None
        if session:
            body, number = session.body.code, session.number
        else:
            body = obj.due_body.code if obj.due_body is not None else None
            number = obj.due_session_number
        return {
            "body": body,
            "session": number,
            "relation": obj.due_relation or None,
            "date": obj.stated_due_date,
            "next_session": session is None and obj.due_next_session,
            "in_calendar": session is not None,
        }

    def get_calendar_url(self, obj: Deliverable) -> str:
        return f"{settings.SITE_URL}/deliverables/{obj.uid}.ics"

    def to_representation(self, instance: Deliverable) -> dict:
        """What DRF's field-by-field representation gives (a test compares the two on every
        kind of deliverable) in a tenth of the time: a page of resolutions lists thousands.
        Dates go through DRF's own fields; each session is serialised once per response."""
        fields = self.fields
        mandate = instance.mandate
        session = instance.due_session

        def day(name: str) -> str | None:
            value = getattr(instance, name)
            return None if value is None else fields[name].to_representation(value)

        return {
            "uid": str(instance.uid),
            "resolution": str(mandate.resolution.symbol),
            "resolution_status": str(mandate.resolution.status),
            "paragraph": str(mandate.paragraph_label),
            "verb": str(mandate.verb),
            "actor": self.get_actor(instance),
            "actor_name": self.get_actor_name(instance),
            "actor_text": str(mandate.actor_text),
            "kind": instance.kind,
            "count": int(instance.count),
            "title": str(instance.title),
            "due": self.get_due(instance),
            "alternatives": instance.alternatives,
            "recurring": str(instance.recurring),
            "computed_due_date": day("computed_due_date"),
            "manual_due_date": day("manual_due_date"),
            "due_date": day("due_date"),
            "session_dates": None if session is None else self._session(session),
            "review_status": instance.review_status,
            "needs_review": bool(instance.needs_review),
            "review_reasons": instance.review_reasons,
            "no_longer_in_text": bool(instance.no_longer_in_text),
            "progress": instance.progress,
            "fulfilled_by": str(instance.fulfilled_by),
            "fulfilled_on": day("fulfilled_on"),
            "quote": str(instance.quote),
            "calendar_url": self.get_calendar_url(instance),
            "updated_at": day("updated_at"),
        }

    def _session(self, session: Session) -> dict:
        """The session's dates, serialised once per response and copied for each row."""
        cache = self.__dict__.setdefault("_sessions", {})
        if session.pk not in cache:
            cache[session.pk] = self.fields["session_dates"].to_representation(session)
        return dict(cache[session.pk])


class ConsiderationSerializer(serializers.ModelSerializer):
    """When the body takes the question up again ("Decides to continue its consideration
    ... at its eighty-first session"): `session` is null when the text names none."""

    body = serializers.CharField(source="body.code")
    session = serializers.IntegerField(source="session.number", allow_null=True)
    paragraph = serializers.CharField(source="paragraph_label")
    session_dates = SessionSerializer(source="session", read_only=True, allow_null=True)

    class Meta:
        model = Consideration
        fields = [
            "body",
            "session",
            "paragraph",
            "alternatives",
            "session_dates",
            "review_status",
            "needs_review",
            "review_reasons",
            "quote",
        ]


class ResolutionSerializer(serializers.ModelSerializer):
    body = serializers.CharField(source="body.code")
    session = serializers.IntegerField(source="session.number", allow_null=True)
    superseded_by = serializers.CharField(source="superseded_by.symbol", allow_null=True)
    # many=True makes this a ManyRelatedField at run time; the stubs cannot follow __new__.
    drafts = serializers.SlugRelatedField(  # type: ignore[var-annotated]
        many=True, read_only=True, slug_field="symbol"
    )
    deliverables = serializers.SerializerMethodField()
    considerations = ConsiderationSerializer(many=True, read_only=True)

    class Meta:
        model = Resolution
        fields = [
            "symbol",
            "status",
            "superseded_by",
            "drafts",
            "body",
            "session",
            "number",
            "title",
            "adopted_on",
            "agenda_item",
            "committee_report",
            "vote",
            "extractor_version",
            "warnings",
            "deliverables",
            "considerations",
        ]

    @cached_property
    def _deliverable_serializer(self) -> DeliverableSerializer:
        """One serializer for the deliverables of every resolution listed: building one
        per resolution rebuilt its fields each time."""
        return DeliverableSerializer(context=self.context)

    @extend_schema_field(DeliverableSerializer(many=True))
    def get_deliverables(self, obj: Resolution) -> list[dict]:
        serializer = self._deliverable_serializer
        return [
            serializer.to_representation(item)
            for mandate in obj.mandates.all()
            for item in mandate.deliverables.all()
        ]


class DeliverableViewSet(viewsets.ReadOnlyModelViewSet):
    """Deliverables, filtered by body, session, actor, status and due dates."""

    serializer_class = DeliverableSerializer
    filterset_class = DeliverableFilter
    lookup_field = "uid"

    def get_queryset(self):
        return deliverable_list().visible_to(self.request.user)


class ResolutionViewSet(viewsets.ReadOnlyModelViewSet):
    """Resolutions by symbol, with their deliverables and when their question is taken up
    again (considerations), each as the person asking may see it."""

    serializer_class = ResolutionSerializer
    lookup_field = "symbol"
    lookup_value_regex = "[^?#]+"
    filterset_fields = ["symbol", "status"]

    def get_queryset(self):
        user = self.request.user
        deliverables = deliverable_list().visible_to(user)
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


class SessionViewSet(viewsets.ReadOnlyModelViewSet):
    """The session calendar."""

    serializer_class = SessionSerializer
    queryset = session_list()
    filterset_fields = ["body__code", "number", "dates_status"]
