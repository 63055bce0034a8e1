"""The session planner: the documentation workload of coming sessions, forecast.

Slotting a session's documents is done by hand in spreadsheets; the tracker already knows
what is due where. For one session, or the next sessions of each body, this module
gathers every deliverable due there that the viewer may see (`visible_to`), adds forecast
entries for recurring deliverables ("annual", "biennial", "at each session") projected
from their last occurrence, and sums what conference services and units face:

- the deadline of each entry: the deliverable's own `due_date`, or for a forecast the
  date `schedule.due_date_compute` gives (the same rules, never re-implemented);
- the words to process: count x the `WordLimit` of the kind and the actor's kind (only
  documents have one: a seminar or an oral update is not a document);
- documents per unit and per week still to submit, with a warning above
  `PlanningPolicy.documents_per_unit_per_week`.

A forecast stops at the deliverable's `recurs_until` session (its mandate ends), when a
later deliverable renews it (`predecessor`, linked by ingest) or when a newer resolution
of the same series (same body and title, adopted later) replaces its resolution.

A deliverable due at a session the calendar does not have yet (the deadline as read,
`due_body` and `due_session_number`: "at its seventy-first session" of CSW) is listed under
that session, marked "session not yet dated", its deadline estimated when the session is.

Reads only, in a constant number of queries whatever the number of sessions and rows, and
reads plain rows (`PlanItem`), never model instances: a plan covers thousands of entries.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property, lru_cache
from typing import Any
from uuid import UUID

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from mandates.extraction.deadlines import RECUR_RE, recurrence
from mandates.models import (
    CLOSED_PROGRESS,
    DONE_PROGRESS,
    NOT_OWED_PROGRESS,
    Actor,
    Body,
    Deliverable,
    DueDateRule,
    PlanningPolicy,
    Resolution,
    ReviewStatus,
    Session,
    WordLimit,
)
from mandates.services.schedule import HRC_SLOTS, due_date_compute, session_estimate

EACH_SESSION_RE = re.compile(r"\b(?:at\s+)?(?:each|every)\s+session\b", re.IGNORECASE)
EVERY_N_RE = re.compile(r"every (\d+) (years|sessions)")
KIND_LABELS = dict(Deliverable.Kind.choices)
# How many entries one page of a plan lists, on the page and in the API (downloads: all).
ENTRIES_PER_PAGE = 100
# How far past the last known session a plan may be asked for (estimated dates).
MAX_SESSIONS_BEYOND_KNOWN = 30


def sessions_per_year(body_code: str) -> int:
    """The Council meets three times a year; the GA and the other bodies once."""
    return len(HRC_SLOTS) if body_code == "HRC" else 1


@lru_cache(maxsize=512)
def recurrence_interval(recurring: str, *, body_code: str) -> int | None:
    """How many sessions of the body separate two occurrences, from the `recurring` text
    ("annual", "every two years", "at each session"); None when it names no period."""
    text = (recurring or "").strip()
    if not text:
        return None
    if EACH_SESSION_RE.search(text):
        return 1
    found = RECUR_RE.search(text)
    normal = recurrence(found) if found else text.lower()
    per_year = sessions_per_year(body_code)
    if normal == "annual":
        return per_year
    if normal == "biennial":
        return 2 * per_year
    every = EVERY_N_RE.fullmatch(normal)
    if every is None or int(every.group(1)) < 1:
        return None
    number = int(every.group(1))
    return number * per_year if every.group(2) == "years" else number


def recurrence_is_readable(recurring: str) -> bool:
    """Whether the planner can count the recurrence in sessions (of any body: only the
    number of sessions a year differs between them)."""
    return recurrence_interval(recurring, body_code="GA") is not None


@dataclass(slots=True)
class PlanItem:
    """What a plan shows of one deliverable, read as plain values: a plan covers thousands
    of deliverables, and model instances (with their mandate, resolution, actor and
    session) cost more to build than the whole plan."""

    pk: int
    uid: UUID
    kind: str
    count: int
    title: str
    recurring: str
    progress: str
    review_status: str
    fulfilled_by: str
    due_date: date | None
    due_relation: str
    session_body_id: int | None  # the due session, or the one the text names
    session_number: int | None
    session_label: str  # "HRC 62"; empty when no session is known
    session_dated: bool  # False: the text names a session the calendar does not have yet
    resolution: str  # symbol
    paragraph: str  # label
    actor_name: str
    actor_kind: str
    until_body_id: int | None
    until_number: int | None
    renewed: bool
    replaced: bool
    units: list[str]


@dataclass
class PlanEntry:
    """One thing due at a session: a deliverable, or the forecast of a recurring one."""

    deliverable: PlanItem  # for a forecast: the occurrence it is projected from
    session: Session
    due_date: date | None
    is_forecast: bool
    word_limit: int | None  # per document; None: not a document
    units: list[str]

    @property
    def is_document(self) -> bool:
        return self.word_limit is not None

    @property
    def words(self) -> int:
        return (self.word_limit or 0) * self.deliverable.count

    @property
    def is_submitted(self) -> bool:
        if self.is_forecast:
            return False
        return self.deliverable.progress in DONE_PROGRESS or bool(self.deliverable.fulfilled_by)

    @property
    def session_not_dated(self) -> bool:
        """Due at a session the calendar does not have yet (read from the text)."""
        return not self.is_forecast and not self.deliverable.session_dated

    @property
    def actor_name(self) -> str:
        return self.deliverable.actor_name

    @property
    def title(self) -> str:
        return self.deliverable.title or str(
            KIND_LABELS.get(self.deliverable.kind, self.deliverable.kind)
        )


@dataclass
class UnitWeek:
    unit: str
    week: date  # the Monday
    documents: int
    over_limit: bool


@dataclass
class WeeklyLoad:
    """Documents still to submit per unit and week (Monday), before a session."""

    limit: int
    weeks: list[date] = field(default_factory=list)
    rows: list[tuple[str, list[UnitWeek]]] = field(default_factory=list)

    @property
    def cells(self) -> list[UnitWeek]:
        return [cell for _, cells in self.rows for cell in cells if cell.documents]

    @property
    def warnings(self) -> list[UnitWeek]:
        return [cell for cell in self.cells if cell.over_limit]

    @property
    def peak(self) -> int:
        return max((cell.documents for cell in self.cells), default=0)


@dataclass
class GroupTotal:
    """One actor's or unit's share of a session plan."""

    name: str
    entries: int
    documents: int
    words: int


@dataclass
class SessionPlan:
    session: Session
    entries: list[PlanEntry]
    load: WeeklyLoad

    @property
    def is_estimated_session(self) -> bool:
        return self.session.pk is None or self.session.is_estimated

    @property
    def is_estimated_opening(self) -> bool:
        """Its opening day is still an estimate (`Session.opening_estimated`)."""
        return self.session.pk is None or self.session.opening_estimated

    @property
    def is_called_off(self) -> bool:
        """The session was cancelled, or postponed with no new dates: it will not meet on
        its dates, and what is due for it waits for a person to decide."""
        return self.session.pk is not None and self.session.called_off

    @property
    def is_held(self) -> bool:
        """The session has ended: what it still lists unsubmitted is overdue, not to do."""
        return (
            not self.is_called_off
            and self.session.end is not None
            and self.session.end < timezone.localdate()
        )

    @property
    def is_under_way(self) -> bool:
        """The session has opened and not closed: work is still due in it."""
        today = timezone.localdate()
        return (
            not self.is_called_off
            and self.session.start is not None
            and self.session.start < today <= self.session.end
        )

    @property
    def by_actor(self) -> list[tuple[str, list[PlanEntry]]]:
        return _grouped(self.entries, lambda entry: [entry.actor_name])

    @property
    def by_unit(self) -> list[tuple[str, list[PlanEntry]]]:
        return _grouped(self.entries, lambda entry: entry.units)

    @property
    def actor_totals(self) -> list[GroupTotal]:
        return [_total(name, entries) for name, entries in self.by_actor]

    @property
    def unit_totals(self) -> list[GroupTotal]:
        return [_total(name, entries) for name, entries in self.by_unit]

    @cached_property
    def _totals(self) -> dict[str, int]:
        """Every total in one pass over the entries (a plan has thousands)."""
        totals = dict.fromkeys(
            (
                "documents",
                "documents_submitted",
                "forecasts",
                "not_dated",
                "words_total",
                "words_submitted",
                "words_forecast",
            ),
            0,
        )
        for entry in self.entries:
            item = entry.deliverable
            forecast = entry.is_forecast
            submitted = not forecast and (item.progress in DONE_PROGRESS or bool(item.fulfilled_by))
            words = (entry.word_limit or 0) * item.count
            if entry.word_limit is not None:
                totals["documents"] += item.count
                if submitted:
                    totals["documents_submitted"] += item.count
            totals["words_total"] += words
            if submitted:
                totals["words_submitted"] += words
            if forecast:
                totals["forecasts"] += 1
                totals["words_forecast"] += words
            elif not item.session_dated:
                totals["not_dated"] += 1
        return totals

    @property
    def documents(self) -> int:
        return self._totals["documents"]

    @property
    def documents_submitted(self) -> int:
        return self._totals["documents_submitted"]

    @property
    def forecasts(self) -> int:
        return self._totals["forecasts"]

    @property
    def not_dated(self) -> int:
        """Entries due here as the text reads it, the session not in the calendar."""
        return self._totals["not_dated"]

    @property
    def words_total(self) -> int:
        return self._totals["words_total"]

    @property
    def words_submitted(self) -> int:
        return self._totals["words_submitted"]

    @property
    def words_forecast(self) -> int:
        return self._totals["words_forecast"]


def _grouped(
    entries: Iterable[PlanEntry], keys: Callable[[PlanEntry], list[str]]
) -> list[tuple[str, list[PlanEntry]]]:
    groups: dict[str, list[PlanEntry]] = defaultdict(list)
    for entry in entries:
        for key in keys(entry):
            groups[key].append(entry)
    return sorted(groups.items(), key=lambda item: item[0].casefold())


def _total(name: str, entries: list[PlanEntry]) -> GroupTotal:
    return GroupTotal(
        name=name,
        entries=len(entries),
        documents=sum(e.deliverable.count for e in entries if e.is_document),
        words=sum(e.words for e in entries),
    )


# --- Reading ------------------------------------------------------------------------------


def planning_policy_get() -> PlanningPolicy:
    """The single policy row (defaults if staff deleted it)."""
    return PlanningPolicy.objects.order_by("pk").first() or PlanningPolicy()


def word_limit_for(*, limits: Iterable[WordLimit], kind: str, actor_kind: str) -> int | None:
    """The limit for this kind written by this kind of actor; the kind's any-actor row
    otherwise; None when the kind has no row (it is not a document)."""
    fallback = None
    for limit in limits:
        if limit.kind != kind:
            continue
        if limit.actor_kind == actor_kind:
            return limit.words
        if not limit.actor_kind:
            fallback = limit.words
    return fallback


# The columns a plan reads, in `_item`'s order: plain values, no model instances, no
# JSON (a plan reads thousands of rows). Recurring candidates add renewed and replaced.
ROW_FIELDS = (
    "pk",
    "uid",
    "kind",
    "count",
    "title",
    "recurring",
    "progress",
    "review_status",
    "fulfilled_by",
    "due_date",
    "due_relation",
    "due_session__body_id",
    "due_session__number",
    "due_body_id",
    "due_session_number",
    "mandate__resolution__symbol",
    "mandate__paragraph_label",
    "mandate__actor_id",
    "mandate__actor__name",
    "mandate__actor__kind",
    "mandate__actor_name",
    "mandate__actor_text",
    "recurs_until__body_id",
    "recurs_until__number",
)


@dataclass
class _Context:
    """What turns rows into plan items: body codes and unit names, read once."""

    codes: dict[int, str]
    units: dict[int, list[str]]
    actor_units: dict[int, list[str]]
    no_unit: list[str]


def _item(row: tuple, context: _Context, renewed: bool = False, replaced: bool = False):
    (
        pk,
        uid,
        kind,
        count,
        title,
        recurring,
        progress,
        review_status,
        fulfilled_by,
        due_date,
        due_relation,
        session_body_id,
        session_number,
        due_body_id,
        due_session_number,
        resolution,
        paragraph,
        actor_id,
        table_name,
        actor_kind,
        extracted_name,
        actor_text,
        until_body_id,
        until_number,
    ) = row
    dated = session_body_id is not None
    body_id = session_body_id if dated else due_body_id
    number = session_number if dated else due_session_number
    code = context.codes.get(body_id) if body_id is not None else None
    return PlanItem(
        pk=pk,
        uid=uid,
        kind=kind,
        count=count,
        title=title,
        recurring=recurring,
        progress=progress,
        review_status=review_status,
        fulfilled_by=fulfilled_by,
        due_date=due_date,
        due_relation=due_relation,
        session_body_id=body_id,
        session_number=number,
        session_label=f"{code} {number}" if code and number is not None else "",
        session_dated=dated,
        resolution=resolution,
        paragraph=paragraph,
        # the name shown everywhere: the Actor's, else the extractor's, else as printed
        actor_name=table_name or extracted_name or actor_text or "—",
        actor_kind=actor_kind or "",
        until_body_id=until_body_id,
        until_number=until_number,
        renewed=renewed,
        replaced=replaced,
        units=context.units.get(pk) or context.actor_units.get(actor_id) or context.no_unit,
    )


def _due_at(sessions: Sequence[Session]) -> Q:
    """Due at one of these sessions: linked to it, or (the calendar does not have it yet)
    read from the text as due at its body and number."""
    wanted = Q()
    for session in sessions:
        wanted |= Q(due_session__body_id=session.body_id, due_session__number=session.number)
        wanted |= Q(
            due_session=None, due_body_id=session.body_id, due_session_number=session.number
        )
    return wanted


def _recurring(
    queryset: QuerySet[Deliverable], sessions: Sequence[Session]
) -> QuerySet[Deliverable]:
    """Recurring deliverables still owed at an earlier session of these sessions' bodies:
    those that may project into them."""
    return (
        queryset.exclude(recurring="")
        .filter(
            due_session__body__in={s.body_id for s in sessions},
            due_session__number__lt=max(s.number for s in sessions),
        )
        .exclude(progress__in=NOT_OWED_PROGRESS)
    )


def _renewed_or_replaced(queryset: QuerySet[Deliverable]) -> QuerySet[Deliverable]:
    """With whether a later deliverable renews each one or a newer resolution of the same
    series (same body and title, adopted later) replaces its resolution."""
    renewed = Deliverable.objects.filter(predecessor=OuterRef("pk")).exclude(
        review_status=ReviewStatus.REJECTED
    )
    newer = Resolution.objects.filter(
        body=OuterRef("mandate__resolution__body"),
        title=OuterRef("mandate__resolution__title"),
        adopted_on__gt=OuterRef("mandate__resolution__adopted_on"),
    ).exclude(title="")
    return queryset.annotate(renewed=Exists(renewed), replaced=Exists(newer))


def _unit_names(deliverables: Iterable[QuerySet[Deliverable]]) -> dict[int, list[str]]:
    """The units assigned to these deliverables (plain querysets), by name, one query."""
    wanted = Q()
    for queryset in deliverables:
        wanted |= Q(deliverable__in=queryset.values("pk"))
    names: dict[int, list[str]] = defaultdict(list)
    rows = (
        Deliverable.assignees.through.objects.filter(wanted, contact__is_unit=True)
        .order_by("contact__name")
        .values_list("deliverable_id", "contact__name")
    )
    for pk, name in rows:
        names[pk].append(name)
    return names


def _actor_unit_names() -> dict[int, list[str]]:
    """Each actor's units (by name): where a deliverable has no unit assigned, its actor's."""
    names: dict[int, list[str]] = defaultdict(list)
    rows = (
        Actor.contacts.through.objects.filter(contact__is_unit=True)
        .order_by("contact__name")
        .values_list("actor_id", "contact__name")
    )
    for pk, name in rows:
        names[pk].append(name)
    return names


def _projects_into(item: PlanItem, session: Session) -> bool:
    """Whether this recurring deliverable (of the session's body) recurs at the session."""
    number = session.number
    if item.session_number is None or number <= item.session_number:
        return False
    if item.renewed or item.replaced:
        return False
    if item.until_number is not None and (
        item.until_body_id != session.body_id or number > item.until_number
    ):
        return False
    interval = recurrence_interval(item.recurring, body_code=session.body.code)
    return interval is not None and (number - item.session_number) % interval == 0


def _series(item: PlanItem) -> tuple[str, str, str, str]:
    """What makes two deliverables one recurring series: the paragraph asking, the actor
    and the kind."""
    return (item.resolution, item.paragraph, item.actor_name, item.kind)


def no_unit_label() -> str:
    """Where documents no unit holds are counted: a reminder to assign them, not a unit
    whose weekly capacity they could exceed."""
    return _("No unit assigned")


def _weekly_load(entries: Iterable[PlanEntry], limit: int) -> WeeklyLoad:
    """Documents still owed, counted in the week (from Monday) of their deadline; only a
    unit can be over the limit (the documents nobody holds are not one unit's load)."""
    counts: dict[tuple[str, date], int] = defaultdict(int)
    for entry in entries:
        if not entry.is_document or entry.is_submitted or entry.due_date is None:
            continue
        week = entry.due_date - timedelta(days=entry.due_date.weekday())
        for unit in entry.units:
            counts[unit, week] += entry.deliverable.count
    load = WeeklyLoad(limit=limit)
    if not counts:
        return load
    first, last = min(week for _unit, week in counts), max(week for _unit, week in counts)
    load.weeks = [first + timedelta(weeks=n) for n in range((last - first).days // 7 + 1)]
    nobody = no_unit_label()
    for unit in sorted({unit for unit, _week in counts}, key=str.casefold):
        load.rows.append(
            (
                unit,
                [
                    UnitWeek(
                        unit,
                        week,
                        counts[unit, week],
                        counts[unit, week] > limit and unit != nobody,
                    )
                    for week in load.weeks
                ],
            )
        )
    return load


def _sort_key(entry: PlanEntry) -> tuple[date, bool, str]:
    return (entry.due_date or date.max, entry.is_forecast, entry.title.casefold())


def session_plans(
    *, sessions: Sequence[Session], user: Any = None, policy: PlanningPolicy | None = None
) -> list[SessionPlan]:
    """The plan of each session (saved or estimated), as this person may see it."""
    if not sessions:
        return []
    visible = Deliverable.objects.visible_to(user)
    due_here = visible.filter(_due_at(sessions)).exclude(progress__in=NOT_OWED_PROGRESS)
    candidates = _recurring(visible, sessions)
    context = _Context(
        codes={session.body_id: session.body.code for session in sessions},
        units=_unit_names([due_here, candidates]),
        actor_units=_actor_unit_names(),
        no_unit=[no_unit_label()],
    )
    # A due session a person cleared stays cleared: the text's reading does not count.
    cleared = {
        pk
        for pk, edited in due_here.filter(due_session=None).values_list("pk", "edited_fields")
        if "due_session" in edited
    }
    items = [
        _item(row, context)
        for row in due_here.order_by().values_list(*ROW_FIELDS)
        if row[0] not in cleared
    ]
    recurring = [
        _item(row[:-2], context, renewed=row[-2], replaced=row[-1])
        for row in _renewed_or_replaced(candidates)
        .order_by()
        .values_list(*ROW_FIELDS, "renewed", "replaced")
    ]
    limits = list(WordLimit.objects.all())
    rules: dict[int, list[DueDateRule]] = defaultdict(list)
    for rule in DueDateRule.objects.filter(body_id__in={s.body_id for s in sessions}):
        rules[rule.body_id].append(rule)
    policy = policy or planning_policy_get()
    word_limits: dict[tuple[str, str], int | None] = {}

    def entry(item: PlanItem, session: Session, due: date | None, forecast: bool) -> PlanEntry:
        key = (item.kind, item.actor_kind)
        if key not in word_limits:
            word_limits[key] = word_limit_for(limits=limits, kind=key[0], actor_kind=key[1])
        return PlanEntry(
            deliverable=item,
            session=session,
            due_date=due,
            is_forecast=forecast,
            word_limit=word_limits[key],
            units=item.units,
        )

    deadlines: dict[tuple[int, str, str], date | None] = {}

    def deadline(item: PlanItem, session: Session, index: int) -> date | None:
        """The rules' deadline at this session (a forecast, or a session not yet dated
        when the calendar can estimate it); a few kinds and relations, computed once."""
        key = (index, item.kind, item.due_relation)
        if key not in deadlines:
            deadlines[key] = (
                None
                if session.start is None
                else due_date_compute(
                    session=session,
                    kind=item.kind,
                    relation=item.due_relation,
                    rules=rules[session.body_id],
                )
            )
        return deadlines[key]

    due_at: dict[tuple[int | None, int | None], list[PlanItem]] = defaultdict(list)
    for item in items:
        due_at[item.session_body_id, item.session_number].append(item)
    recurring_in: dict[int | None, list[PlanItem]] = defaultdict(list)
    # The latest occurrence of a series first: its forecast is the one shown.
    for item in sorted(recurring, key=lambda item: -(item.session_number or 0)):
        recurring_in[item.session_body_id].append(item)
    plans = []
    for index, session in enumerate(sessions):
        entries = [
            entry(
                item,
                session,
                item.due_date
                if item.session_dated
                else item.due_date or deadline(item, session, index),
                False,
            )
            for item in due_at[session.body_id, session.number]
        ]
        # One entry per series at a session: a stored deliverable of the same paragraph,
        # actor and kind, or an earlier forecast of it (a paragraph that asks for the same
        # annual report at two sessions), leaves no room for another forecast.
        covered = {_series(e.deliverable) for e in entries}
        for item in recurring_in[session.body_id]:
            if _projects_into(item, session) and _series(item) not in covered:
                covered.add(_series(item))
                entries.append(entry(item, session, deadline(item, session, index), True))
        entries.sort(key=_sort_key)
        plans.append(
            SessionPlan(
                session=session,
                entries=entries,
                load=_weekly_load(entries, policy.documents_per_unit_per_week),
            )
        )
    return plans


def session_for_plan(*, code: str, number: int) -> Session | None:
    """The session to plan: the stored one, or (not saved) one estimated from the body's
    pattern when nobody has entered it yet and it is not absurdly far ahead."""
    session = Session.objects.select_related("body").filter(body__code__iexact=code, number=number)
    found = session.first()
    if found is not None:
        return found
    body = Body.objects.filter(code__iexact=code).first()
    if body is None or number < 1:
        return None
    last = body.sessions.order_by("-number").values_list("number", flat=True).first()
    if last is not None and number <= last + MAX_SESSIONS_BEYOND_KNOWN:
        return _estimated(body, number)
    if Deliverable.objects.filter(
        due_session=None, due_body=body, due_session_number=number
    ).exists():
        # A session a text names that nothing can date yet (no calendar for the body).
        return Session(body=body, number=number, dates_status=Session.DatesStatus.ESTIMATED)
    return None


@dataclass
class SessionNotDated:
    """A session texts name that is not in the calendar, with how many entries it has."""

    code: str
    number: int
    entries: int

    def __str__(self) -> str:
        return f"{self.code} {self.number}"


def sessions_not_in_calendar(
    *, user: Any = None, besides: Sequence[Session] = ()
) -> list[SessionNotDated]:
    """Sessions deliverables are due at as the text reads them, not in the calendar yet
    (nor among `besides`): "at its eighty-ninth session" of the GA before anyone dated it.
    One query; a due session a person cleared does not count."""
    shown = {(s.body.code, s.number) for s in besides}
    counts: dict[tuple[str, int], int] = defaultdict(int)
    rows = (
        Deliverable.objects.visible_to(user)
        .filter(due_session=None, due_body__isnull=False, due_session_number__isnull=False)
        .exclude(progress__in=NOT_OWED_PROGRESS)
        .values_list("due_body__code", "due_session_number", "edited_fields")
    )
    for code, number, edited in rows:
        if (code, number) not in shown and "due_session" not in edited:
            counts[code, number] += 1
    return [
        SessionNotDated(code, number, count) for (code, number), count in sorted(counts.items())
    ]


def _estimated(body: Body, number: int) -> Session:
    estimate = session_estimate(body=body, number=number)
    return Session(
        body=body,
        number=number,
        start=estimate.start,
        end=estimate.end,
        main_part_end=estimate.main_part_end,
        dates_status=Session.DatesStatus.ESTIMATED,
        source=estimate.source,
    )


def sessions_ahead(*, today: date, count: int | None = None, user: Any = None) -> list[Session]:
    """The sessions a plan of what is coming must show, by body: every session that has not
    closed (one under way, such as the Assembly's year-long session, has work due in it), a
    closed one this person still has open work due in from today (a date set by hand after
    the session), and the next `count` (the policy's number by default) opening today or
    later, estimated ones filling in after the last stored. Nothing due is left out."""
    if count is None:
        count = planning_policy_get().sessions_ahead
    open_work = (
        Deliverable.objects.visible_to(user)
        .filter(due_session=OuterRef("pk"), due_date__gte=today)
        .exclude(progress__in=CLOSED_PROGRESS)
    )
    coming: dict[int, list[Session]] = defaultdict(list)
    under_way: dict[int, list[Session]] = defaultdict(list)
    bodies: dict[int, None] = {}  # in the order read: by body code
    for session in (
        Session.objects.select_related("body")
        .filter(Q(end__gte=today) | Exists(open_work))
        .order_by("body__code", "number")
    ):
        bodies[session.body_id] = None
        if session.start < today:
            under_way[session.body_id].append(session)
        elif len(coming[session.body_id]) < count:
            coming[session.body_id].append(session)
    result = []
    for body_id in bodies:
        sessions = coming[body_id]
        before = under_way[body_id]
        if sessions or any(session.end >= today for session in before):
            while len(sessions) < count:
                last = (sessions or before)[-1]
                sessions.append(_estimated(last.body, last.number + 1))
        result.extend([*before, *sessions])
    return result
