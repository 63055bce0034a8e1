"""Read-only JSON API (Django REST framework); OpenAPI schema at /api/schema/."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import (
    BooleanField,
    Expression,
    ExpressionWrapper,
    Manager,
    Prefetch,
    TextField,
)
from django.db.models.functions import Cast
from django.urls import reverse
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import NotFound
from rest_framework.utils.urls import remove_query_param, replace_query_param

from . import selectors
from .api_params import QueryParamsChecked
from .filters import DeliverableFilter, ResolutionListFilter, SessionListFilter
from .models import (
    DELIVERABLE_UPDATED,
    Body,
    Consideration,
    Deliverable,
    Resolution,
    ReviewStatus,
    Session,
    SessionPart,
    actor_shown,
    due_next_session,
    public_deliverable,
)
from .selectors import BY_DUE_DATE, session_get, session_list, session_parse


def absolute_url(context: dict, path: str) -> str:
    """A link of an API response, on the host and scheme the request names, as DRF builds
    `next` and `previous`: one response never mixes servers. Without a request (a
    serializer used elsewhere), on SITE_URL, as e-mails and feeds are."""
    request = context.get("request")
    if request is None:
        return f"{settings.SITE_URL}{path}"
    return request.build_absolute_uri(path)


def signed_in_staff(context: dict) -> bool:
    """Whether the request is a staff member's signed in to the site (its session), whom
    the site's pages and a non-public deliverable's .ics answer; an API token opens the
    API only."""
    request = context.get("request")
    if request is None:
        return False
    signed_in = isinstance(
        getattr(request, "successful_authenticator", None), SessionAuthentication
    )
    return signed_in and request.user.is_staff


class SessionPartSerializer(serializers.ModelSerializer):
    """A resumed part or organizational meeting, with its own dates and status (a part
    can be cancelled or postponed while its session meets)."""

    class Meta:
        model = SessionPart
        fields = ["kind", "start", "end", "dates_status", "status"]


class SessionSerializer(serializers.ModelSerializer):
    """A session wherever the API gives one (the calendar, a deliverable's or a
    consideration's `session_dates`, a plan): `parts` by opening day, prefetched by
    whoever reads sessions (one query for a whole page, not one per session)."""

    body = serializers.CharField(source="body.code")
    is_estimated = serializers.BooleanField()
    has_closed = serializers.BooleanField(
        help_text=(
            "It has taken place: its last day is past and it was not cancelled or "
            "postponed. Its dates may still be estimated (`is_estimated`); `dates_status` "
            "is `held` only when it took place on dates announced or loaded."
        )
    )
    parts = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Session
        fields = [
            "body",
            "number",
            "start",
            "end",
            "main_part_end",
            "dates_status",
            "is_estimated",
            "has_closed",
            "status",
            "url",
            "parts",
        ]

    @extend_schema_field(SessionPartSerializer(many=True))
    def get_parts(self, obj: Session) -> list[dict]:
        """Empty for a session the planner estimated and nobody stored (no row to read)."""
        if obj.pk is None:
            return []
        return list(SessionPartSerializer(obj.parts.all(), many=True).data)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_url(self, obj: Session) -> str | None:
        """The session's own address in the API, by its code ("/api/sessions/HRC-65/"); null
        for a session the planner estimated and nobody stored (no address answers for it)."""
        if obj.pk is None:
            return None
        path = reverse("api:session-detail", kwargs={"session": f"{obj.body.code}-{obj.number}"})
        return absolute_url(self.context, path)


class DueSerializer(serializers.Serializer):
    """The deadline as the text gives it; `in_calendar` says whether a calendar session
    dates it (`session_dates`). `next_session`: "at its next session", no number printed.
    Null when the text gives no deadline at all; a relation alone ("before the end of
    2023", no date read) is one, with the rest null, as the CSV's Relation gives it."""

    body = serializers.CharField(allow_null=True)
    session = serializers.IntegerField(allow_null=True)
    relation = serializers.CharField(allow_null=True)
    date = serializers.DateField(allow_null=True)
    next_session = serializers.BooleanField()
    in_calendar = serializers.BooleanField()


class OtherReadingSerializer(serializers.Serializer):
    """Another reading of a deliverable's deadline the text allows ("at its sixty-second
    or sixty-fifth session"), as `due` gives the one chosen."""

    body = serializers.CharField(allow_null=True)
    session = serializers.IntegerField(allow_null=True)
    relation = serializers.CharField(allow_null=True)
    date = serializers.DateField(allow_null=True)


@extend_schema_field(OtherReadingSerializer(many=True))
class OtherReadingsField(serializers.JSONField):
    """`alternatives` of a deliverable, as stored (the schema says their shape)."""


@extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
class SessionNumbersField(serializers.JSONField):
    """`alternatives` of a consideration: other session numbers the text allows."""


@extend_schema_field(serializers.ListField(child=serializers.CharField()))
class ReasonsField(serializers.JSONField):
    """`review_reasons`: why a person should look at it, in words."""


class DeliverableListSerializer(serializers.ListSerializer):
    """A page of deliverables: their rows in one query, written in the page's order."""

    def to_representation(self, data: Manager | Iterable) -> list[dict]:
        pks = [item.pk for item in (data.all() if isinstance(data, Manager) else data)]
        writer = DeliverableWriter(
            selectors.deliverable_rows(columns=writer_columns(), pks=pks), context=self.context
        )
        by_pk = {row[_PK]: row for row in writer.rows}
        return [writer.write(by_pk[pk]) for pk in pks if pk in by_pk]  # one deleted meanwhile


class DeliverableSerializer(serializers.ModelSerializer):
    uid = serializers.UUIDField(read_only=True)
    resolution = serializers.CharField(source="mandate.resolution.symbol")
    resolution_status = serializers.ChoiceField(
        source="mandate.resolution.status", choices=Resolution.Status.choices
    )
    paragraph = serializers.CharField(source="mandate.paragraph_label")
    verb = serializers.CharField(source="mandate.verb")
    actor = serializers.SerializerMethodField()
    actor_name = serializers.SerializerMethodField()
    actor_text = serializers.CharField(source="mandate.actor_text")
    actor_id = serializers.SerializerMethodField()
    actor_feed_url = serializers.SerializerMethodField()
    due = serializers.SerializerMethodField()
    session_dates = SessionSerializer(source="due_session", read_only=True, allow_null=True)
    calendar_url = serializers.SerializerMethodField()
    updated = serializers.SerializerMethodField()
    alternatives = OtherReadingsField(read_only=True)
    review_reasons = ReasonsField(read_only=True)

    class Meta:
        model = Deliverable
        list_serializer_class = DeliverableListSerializer
        fields = [
            "uid",
            "resolution",
            "resolution_status",
            "paragraph",
            "verb",
            "actor",
            "actor_name",
            "actor_text",
            "actor_id",
            "actor_feed_url",
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
            "is_historic",
            "progress",
            "fulfilled_by",
            "fulfilled_on",
            "quote",
            "calendar_url",
            "updated_at",
            "updated",
        ]

    # The methods below define the fields for the schema and for DRF's field-by-field
    # writing (the tests' reference); DeliverableWriter writes the same from plain rows.
    @extend_schema_field(serializers.CharField())
    def get_actor(self, obj: Deliverable) -> str:
        """The name the pages show (`actor_shown`), which the `actor` filter takes."""
        mandate = obj.mandate
        return actor_shown(
            actor=mandate.actor.name if mandate.actor else None,
            actor_name=mandate.actor_name,
            actor_text=mandate.actor_text,
        )

    @extend_schema_field(serializers.CharField())
    def get_actor_name(self, obj: Deliverable) -> str:
        """The extractor's name: the Actor's, or `actor_name` for one outside the table."""
        mandate = obj.mandate
        return mandate.actor.name if mandate.actor else mandate.actor_name

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_actor_id(self, obj: Deliverable) -> int | None:
        """The Actor row's id (its feed: /feeds/actor/<id>.ics); null for an actor outside
        the Actor table, which has no row and no feed."""
        return obj.mandate.actor_id

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_actor_feed_url(self, obj: Deliverable) -> str | None:
        """The calendar feed of the actor's public deliverables; null as `actor_id` is."""
        actor_id = obj.mandate.actor_id
        return None if actor_id is None else actor_feed_url(self.context, actor_id)

    @extend_schema_field(DueSerializer(allow_null=True))
    def get_due(self, obj: Deliverable) -> dict | None:
        session = obj.due_session
        if not (session or obj.due_body_id or obj.stated_due_date or obj.due_relation):
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

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_calendar_url(self, obj: Deliverable) -> str | None:
        """Its event (/deliverables/<uid>.ics) when that address answers the person asking
        (`calendar_offered`); else null: no due date, so no event; or not public, whose
        event only staff signed in to the site open (an API token opens the API only)."""
        offered = calendar_offered(
            dated=obj.due_date is not None,
            public=Deliverable.objects.public().filter(pk=obj.pk).exists(),  # the reference
            staff_signed_in=signed_in_staff(self.context),
            mandate_rejected=obj.mandate.review_status == ReviewStatus.REJECTED,
        )
        return calendar_url(self.context, obj.uid) if offered else None

    @extend_schema_field(serializers.DateTimeField())
    def get_updated(self, obj: Deliverable) -> str:
        """The last change of anything this shows (`DELIVERABLE_UPDATED`): what
        `?updated_after=` compares, where `updated_at` is the row's own last change."""
        mandate = obj.mandate
        moments = [obj.updated_at, mandate.updated_at, mandate.resolution.updated_at]
        moments += [row.updated_at for row in (mandate.actor, obj.due_session) if row]
        return self.fields["updated_at"].to_representation(max(moments))

    def to_representation(self, instance: Deliverable) -> dict:
        """One deliverable, read again as a row (a list reads its page's rows at once)."""
        writer = DeliverableWriter(
            selectors.deliverable_rows(columns=writer_columns(), pks=[instance.pk]),
            context=self.context,
        )
        return writer.write(writer.rows[0])


def calendar_url(context: dict, uid: object) -> str:
    return absolute_url(context, reverse("mandates:deliverable_ics", kwargs={"uid": uid}))


def actor_feed_url(context: dict, actor_id: int) -> str:
    return absolute_url(context, reverse("mandates:feed_actor", kwargs={"pk": actor_id}))


def calendar_offered(
    *, dated: bool, public: bool, staff_signed_in: bool, mandate_rejected: bool
) -> bool:
    """Whether a deliverable's .ics answers the person asking the API (`views.
    deliverable_ics`): it has a due date, and it is public (anyone), or the person is staff
    signed in to the site (`signed_in_staff`) and its mandate is not rejected (410 Gone to
    everyone)."""
    if not dated:
        return False
    return public or (staff_signed_in and not mandate_rejected)


# What DeliverableWriter reads of a deliverable, as plain values (values_list): no model
# instances, which cost most of the time of a page of resolutions listing thousands.
# The JSON fields are read as their text and decoded once per distinct value ("[]" in
# most rows): Django decoded each row's anew.
COLUMNS: tuple[str | Expression, ...] = (
    "pk",
    "mandate__resolution_id",
    "uid",
    "mandate__resolution__symbol",
    "mandate__resolution__status",
    "mandate__paragraph_label",
    "mandate__verb",
    "mandate__actor__name",
    "mandate__actor_name",
    "mandate__actor_text",
    "kind",
    "count",
    "title",
    "due_session_id",
    "due_session__body__code",
    "due_session__number",
    "due_body__code",
    "due_session_number",
    "due_relation",
    "stated_due_date",
    Cast("alternatives", TextField()),
    "recurring",
    "computed_due_date",
    "manual_due_date",
    "due_date",
    "review_status",
    "needs_review",
    Cast("review_reasons", TextField()),
    "no_longer_in_text",
    "progress",
    "fulfilled_by",
    "fulfilled_on",
    "quote",
    "updated_at",
    # after the columns the JSON gives as they are: what `calendar_url`, `actor_id`,
    # `is_historic` and `updated` are written from
    "mandate__actor_id",
    "is_historic",
    DELIVERABLE_UPDATED,
    "mandate__review_status",
)


def writer_columns() -> tuple[str | Expression, ...]:
    """COLUMNS, and whether anyone may see the row (`public_deliverable`), read when asked:
    it follows the setting PUBLIC_SHOWS_PROPOSALS."""
    return (*COLUMNS, ExpressionWrapper(public_deliverable(), output_field=BooleanField()))


_PK, _RESOLUTION, _SESSION = (
    COLUMNS.index(name) for name in ("pk", "mandate__resolution_id", "due_session_id")
)


class DeliverableWriter:
    """Writes deliverables from rows of COLUMNS as DeliverableSerializer declares them, the
    same dict DRF's field-by-field writing gives (tests compare the two on every shape and
    the JSON bodies byte for byte), in a fraction of the time. Dates go through DRF's own
    fields; each session's dates are read in one query and serialised once."""

    def __init__(self, rows: list[tuple], *, context: dict) -> None:
        self.rows = rows
        fields = DeliverableSerializer(context=context).fields
        self._day = fields["due_date"].to_representation
        # The field as declared, with the current time zone read once, not once a row (what
        # DRF's own `default_timezone=` argument does).
        moment = fields["updated_at"]
        assert isinstance(moment, serializers.DateTimeField)
        moment.timezone = moment.default_timezone()  # type: ignore[assignment]  # stubs: str
        self._moment = moment.to_representation
        session_ids = {row[_SESSION] for row in rows if row[_SESSION] is not None}
        sessions = (
            Session.objects.select_related("body").prefetch_related("parts").in_bulk(session_ids)
        )
        session_dates = fields["session_dates"]
        self._sessions = {pk: session_dates.to_representation(s) for pk, s in sessions.items()}
        # The links' common parts, worked out once: the request's host, else SITE_URL.
        self._calendar = calendar_url(context, _UID).split(_UID)
        self._actor_feed = actor_feed_url(context, _ACTOR_ID).split(str(_ACTOR_ID))
        self._staff_signed_in = signed_in_staff(context)
        self._decoded: dict[str, Any] = {}

    def _json(self, text: str) -> Any:
        """A JSON field's value, decoded once per distinct text: rows share the (unchanged,
        never modified) object."""
        try:
            return self._decoded[text]
        except KeyError:
            value = self._decoded[text] = json.loads(text)
            return value

    def write(self, row: tuple) -> dict:
        (
            _pk,
            _resolution_id,
            uid,
            symbol,
            resolution_status,
            paragraph,
            verb,
            actor,
            actor_name,
            actor_text,
            kind,
            count,
            title,
            session_id,
            session_body,
            session_number,
            due_body,
            due_session_number,
            relation,
            stated,
            alternatives,
            recurring,
            computed,
            manual,
            due_date,
            review_status,
            needs_review,
            review_reasons,
            no_longer_in_text,
            progress,
            fulfilled_by,
            fulfilled_on,
            quote,
            updated_at,
            actor_id,
            is_historic,
            updated,
            mandate_review_status,
            public,
        ) = row
        day = self._day
        in_calendar = session_id is not None
        due: dict | None = None
        if in_calendar or due_body is not None or stated is not None or relation:
            due = {
                "body": session_body if in_calendar else due_body,
                "session": session_number if in_calendar else due_session_number,
                "relation": relation or None,
                "date": stated,
                "next_session": not in_calendar
                and due_next_session(
                    body_id=due_body,
                    number=due_session_number,
                    relation=relation,
                    stated_due_date=stated,
                ),
                "in_calendar": in_calendar,
            }
        uid = str(uid)
        offered = calendar_offered(
            dated=due_date is not None,
            public=public,
            staff_signed_in=self._staff_signed_in,
            mandate_rejected=mandate_review_status == ReviewStatus.REJECTED,
        )
        return {
            "uid": uid,
            "resolution": symbol,
            "resolution_status": resolution_status,
            "paragraph": paragraph,
            "verb": verb,
            "actor": actor_shown(actor=actor, actor_name=actor_name, actor_text=actor_text),
            "actor_name": actor_name if actor is None else actor,
            "actor_text": actor_text,
            "actor_id": actor_id,
            "actor_feed_url": None if actor_id is None else f"{actor_id}".join(self._actor_feed),
            "kind": kind,
            "count": count,
            "title": title,
            "due": due,
            "alternatives": self._json(alternatives),
            "recurring": recurring,
            "computed_due_date": day(computed),
            "manual_due_date": day(manual),
            "due_date": day(due_date),
            "session_dates": dict(self._sessions[session_id]) if in_calendar else None,
            "review_status": review_status,
            "needs_review": needs_review,
            "review_reasons": self._json(review_reasons),
            "no_longer_in_text": no_longer_in_text,
            "is_historic": is_historic,
            "progress": progress,
            "fulfilled_by": fulfilled_by,
            "fulfilled_on": day(fulfilled_on),
            "quote": quote,
            "calendar_url": uid.join(self._calendar) if offered else None,
            "updated_at": self._moment(updated_at),
            "updated": self._moment(updated),
        }


# Placeholders the writer splits its links on (`DeliverableWriter.__init__`).
_UID = "00000000-0000-0000-0000-000000000000"
_ACTOR_ID = 987654321


class ConsiderationSerializer(serializers.ModelSerializer):
    """When the body takes the question up again ("Decides to continue its consideration
    ... at its eighty-first session"): `session` is null when the text names none."""

    body = serializers.CharField(source="body.code")
    session = serializers.IntegerField(source="session.number", allow_null=True)
    paragraph = serializers.CharField(source="paragraph_label")
    session_dates = SessionSerializer(source="session", read_only=True, allow_null=True)
    alternatives = SessionNumbersField(read_only=True)
    review_reasons = ReasonsField(read_only=True)

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


_WRITTEN = "deliverables written"  # the context's key for a page's deliverables


class ResolutionListSerializer(serializers.ListSerializer):
    """A page of resolutions: the deliverables of all of them in one query of plain rows."""

    def to_representation(self, data: Manager | Iterable) -> list[dict]:
        resolutions = list(data.all() if isinstance(data, Manager) else data)
        self.context[_WRITTEN] = resolution_deliverables(
            context=self.context, resolution_ids=[item.pk for item in resolutions]
        )
        return super().to_representation(resolutions)


class ResolutionSerializer(serializers.ModelSerializer):
    """`session`: the regular session's number; `special_session`: "S-41" for a text of a
    special session ("ES-11" emergency special), whose `session` is then null."""

    body = serializers.CharField(source="body.code")
    session = serializers.IntegerField(source="session.number", allow_null=True)
    special_session = serializers.SerializerMethodField()
    superseded_by = serializers.CharField(source="superseded_by.symbol", allow_null=True)
    # many=True makes this a ManyRelatedField at run time; the stubs cannot follow __new__.
    drafts = serializers.SlugRelatedField(  # type: ignore[var-annotated]
        many=True, read_only=True, slug_field="symbol"
    )
    deliverables = serializers.SerializerMethodField()
    considerations = ConsiderationSerializer(many=True, read_only=True)

    class Meta:
        model = Resolution
        list_serializer_class = ResolutionListSerializer
        fields = [
            "symbol",
            "status",
            "superseded_by",
            "drafts",
            "body",
            "session",
            "special_session",
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

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_special_session(self, obj: Resolution) -> str | None:
        """Null, not "", for a regular session's text, as `session` is for a special one's."""
        return obj.special_session or None

    @extend_schema_field(DeliverableSerializer(many=True))
    def get_deliverables(self, obj: Resolution) -> list[dict]:
        """The deliverables this person may see, as the text lists them (`TEXT_ORDER`, as
        `/api/deliverables/?resolution=` does): the page's rows were read at once
        (ResolutionListSerializer), else this resolution's are read now."""
        written = self.context.get(_WRITTEN)
        if written is None:
            written = resolution_deliverables(context=self.context, resolution_ids=[obj.pk])
        return written.get(obj.pk, [])


def resolution_deliverables(*, context: dict, resolution_ids: list[int]) -> dict[int, list[dict]]:
    """Resolution id -> its deliverables as the API writes them, for the person asking."""
    request = context.get("request")
    rows = selectors.deliverable_rows_of_resolutions(
        columns=writer_columns(),
        resolution_ids=resolution_ids,
        user=request.user if request is not None else None,
    )
    writer = DeliverableWriter(rows, context=context)
    written: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        written[row[_RESOLUTION]].append(writer.write(row))
    return written


class DeliverableViewSet(QueryParamsChecked, viewsets.ReadOnlyModelViewSet):
    """Deliverables, filtered by body, session, actor, status and due dates. Listed by due
    date, those without one last (the site's lists' order); one resolution's
    (``?resolution=``) as its text lists them; with ``?updated_after=`` (a sync) by their
    last change, each `next` continuing after the last row given (`sync_next`)."""

    serializer_class = DeliverableSerializer
    filterset_class = DeliverableFilter
    lookup_field = "uid"

    def get_queryset(self):
        # Only which deliverables, in order (DeliverableFilter orders by text or by change
        # when asked to): the serializer reads their rows.
        return Deliverable.objects.visible_to(self.request.user).order_by(*BY_DUE_DATE).only("pk")

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        syncing = (self.request.query_params.get("updated_after") or "").strip()
        if syncing and response.data.get("next"):
            response.data["next"] = sync_next(self.request.build_absolute_uri(), data[-1])
        return response


def sync_next(url: str, last: dict) -> str:
    """The next page of a sync (`?updated_after=`): what changed after the last row given,
    or at its very moment after its uid. Not page 2: a row that changes while a client
    walks the pages moves to the end, and page numbers would skip the row that took its
    place; this way it comes again, later, and none is skipped."""
    url = replace_query_param(url, "updated_after", last["updated"])
    url = replace_query_param(url, "after_uid", last["uid"])
    return remove_query_param(url, "page")


class ResolutionViewSet(QueryParamsChecked, viewsets.ReadOnlyModelViewSet):
    """Resolutions by symbol, with their deliverables and when their question is taken up
    again (considerations), each as the person asking may see it."""

    serializer_class = ResolutionSerializer
    lookup_field = "symbol"
    lookup_value_regex = "[^?#]+"
    filterset_class = ResolutionListFilter

    def get_queryset(self):
        user = self.request.user
        considerations = (
            Consideration.objects.visible_to(user)
            .select_related("body", "session__body")
            .prefetch_related("session__parts")
            .order_by("pk")
        )
        return (
            Resolution.objects.select_related("body", "session", "superseded_by")
            .prefetch_related("drafts", Prefetch("considerations", queryset=considerations))
            .order_by("-adopted_on", "symbol")
        )

    def get_object(self) -> Resolution:
        """By its symbol in any case, as `?resolution=` finds it ("a/hrc/res/61/99"): the
        symbol as written first (a draft's "Rev.1" has lower case letters)."""
        symbol = self.kwargs[self.lookup_field]
        resolutions = self.filter_queryset(self.get_queryset())
        found = (
            resolutions.filter(symbol=symbol).first()
            or resolutions.filter(symbol__iexact=symbol).first()
        )
        if found is None:
            raise NotFound(f"No resolution {symbol}")
        self.check_object_permissions(self.request, found)
        return found


@extend_schema_view(
    retrieve=extend_schema(
        parameters=[
            OpenApiParameter(
                "session",
                str,
                OpenApiParameter.PATH,
                description='The session by its body\'s code and number, "HRC-64" (any case; '
                "as its `url` in the list gives it). A bare number is still accepted, as the "
                "session's numeric id (its row, which the API shows nowhere), for clients "
                'written before codes were: it is never a session number ("65" is neither '
                'HRC 65 nor GA 65), so write "HRC-65".',
            )
        ]
    )
)
class SessionViewSet(QueryParamsChecked, viewsets.ReadOnlyModelViewSet):
    """The session calendar; one session by its code ("HRC-65"), as the pages name it."""

    serializer_class = SessionSerializer
    queryset = session_list().prefetch_related("parts")
    filterset_class = SessionListFilter
    # The path names the session ("HRC-65"), not a key: the schema called it `id`.
    lookup_url_kwarg = "session"
    lookup_value_regex = r"[^/]+"

    def get_object(self) -> Session:
        """By code and number; a bare number is the row's id (documented as accepted in the
        schema since codes came, so kept). A miss says why: the address names no session
        (how to name one), the calendar lacks it, or the filters given leave it out."""
        value = self.kwargs["session"]
        sessions = self.filter_queryset(self.get_queryset())  # the filters, as on the others
        named: tuple[str, int] | None = None  # the body's code and the number, when well-formed
        if value.isascii() and value.isdigit():  # the primary key, as before codes were accepted
            found = sessions.filter(pk=int(value)).first()
        else:
            parsed = session_parse(value)
            if parsed is not None and parsed[0] is not None and parsed[0].isalpha():
                named = (parsed[0], parsed[1])  # not "-65": neither an id nor a code and number
            found = None
            if named is not None:
                found = sessions.filter(body__code__iexact=named[0], number=named[1]).first()
        if found is not None:
            return found
        if named is None:
            raise NotFound(
                f'No session {value}: name a session by its body and number, "HRC-65" '
                "(a bare number is a session's numeric id, never its number)"
            )
        code, number = named
        stored = session_get(code=code, number=number)
        if stored is not None:
            raise NotFound(
                f"Session {stored.body.code} {stored.number} is not one the filters given select"
            )
        raise NotFound(session_missing(code=code, number=number))


def session_missing(*, code: str, number: int) -> str:
    """Why a well-formed session address ("HRC-999") finds nothing: no body has the code,
    or the calendar has no such session (the address is not to blame)."""
    body = Body.objects.filter(code__iexact=code).values_list("code", flat=True).first()
    if body is None:
        codes = ", ".join(Body.objects.order_by("code").values_list("code", flat=True))
        return f"No body {code}: a session is named by one of {codes} and its number"
    return f"No session {body} {number} in the calendar"
