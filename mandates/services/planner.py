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

Reads only, in a constant number of queries whatever the number of sessions and rows.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext as _

from mandates.extraction.deadlines import RECUR_RE, recurrence
from mandates.models import (
    DONE_PROGRESS,
    NOT_OWED_PROGRESS,
    Body,
    Contact,
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


@dataclass
class PlanEntry:
    """One thing due at a session: a deliverable, or the forecast of a recurring one."""

    deliverable: Deliverable  # for a forecast: the occurrence it is projected from
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
    def actor_name(self) -> str:
        mandate = self.deliverable.mandate
        return mandate.actor.name if mandate.actor else (mandate.actor_text or "—")

    @property
    def title(self) -> str:
        return self.deliverable.title or self.deliverable.get_kind_display()


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
class SessionPlan:
    session: Session
    entries: list[PlanEntry]
    load: WeeklyLoad

    @property
    def is_estimated_session(self) -> bool:
        return self.session.pk is None or self.session.is_estimated

    @property
    def by_actor(self) -> list[tuple[str, list[PlanEntry]]]:
        return _grouped(self.entries, lambda entry: [entry.actor_name])

    @property
    def by_unit(self) -> list[tuple[str, list[PlanEntry]]]:
        return _grouped(self.entries, lambda entry: entry.units)

    @property
    def documents(self) -> int:
        return sum(e.deliverable.count for e in self.entries if e.is_document)

    @property
    def documents_submitted(self) -> int:
        return sum(e.deliverable.count for e in self.entries if e.is_document and e.is_submitted)

    @property
    def forecasts(self) -> int:
        return sum(1 for e in self.entries if e.is_forecast)

    @property
    def words_total(self) -> int:
        return sum(e.words for e in self.entries)

    @property
    def words_submitted(self) -> int:
        return sum(e.words for e in self.entries if e.is_submitted)

    @property
    def words_forecast(self) -> int:
        return sum(e.words for e in self.entries if e.is_forecast)


def _grouped(entries: Iterable[PlanEntry], keys) -> list[tuple[str, list[PlanEntry]]]:
    groups: dict[str, list[PlanEntry]] = defaultdict(list)
    for entry in entries:
        for key in keys(entry):
            groups[key].append(entry)
    return sorted(groups.items(), key=lambda item: item[0].casefold())


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


def _units_prefetch() -> list[Prefetch]:
    units = Contact.objects.filter(is_unit=True).order_by("name")
    return [
        Prefetch("assignees", queryset=units, to_attr="plan_units"),
        Prefetch("mandate__actor__contacts", queryset=units, to_attr="plan_units"),
    ]


def _units(deliverable: Deliverable) -> list[str]:
    """The units assigned to the deliverable, else its actor's units."""
    names = [contact.name for contact in deliverable.plan_units]
    actor = deliverable.mandate.actor
    if not names and actor is not None:
        names = [contact.name for contact in actor.plan_units]
    return names or [_("No unit assigned")]


def _with_plan_rows(queryset):
    return queryset.select_related(
        "mandate__resolution", "mandate__actor", "due_session__body", "recurs_until"
    ).prefetch_related(*_units_prefetch())


def _recurring_candidates(queryset, sessions: Sequence[Session]):
    """Recurring deliverables that may project into these sessions, with whether a later
    deliverable renews them or a newer resolution of the same series replaces theirs."""
    bodies = {s.body_id for s in sessions}
    renewed = Deliverable.objects.filter(predecessor=OuterRef("pk")).exclude(
        review_status=ReviewStatus.REJECTED
    )
    newer = Resolution.objects.filter(
        body=OuterRef("mandate__resolution__body"),
        title=OuterRef("mandate__resolution__title"),
        adopted_on__gt=OuterRef("mandate__resolution__adopted_on"),
    ).exclude(title="")
    return _with_plan_rows(
        queryset.exclude(recurring="")
        .filter(
            due_session__body__in=bodies, due_session__number__lt=max(s.number for s in sessions)
        )
        .exclude(progress__in=NOT_OWED_PROGRESS)
        .annotate(renewed=Exists(renewed), replaced=Exists(newer))
    )


def _projects_into(deliverable: Deliverable, session: Session) -> bool:
    base = deliverable.due_session
    if base is None or base.body_id != session.body_id or session.number <= base.number:
        return False
    if deliverable.renewed or deliverable.replaced:
        return False
    until = deliverable.recurs_until
    if until is not None and (until.body_id != session.body_id or session.number > until.number):
        return False
    interval = recurrence_interval(deliverable.recurring, body_code=session.body.code)
    return interval is not None and (session.number - base.number) % interval == 0


def _weekly_load(entries: Iterable[PlanEntry], limit: int) -> WeeklyLoad:
    """Documents still owed, counted in the week (from Monday) of their deadline."""
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
    for unit in sorted({unit for unit, _week in counts}, key=str.casefold):
        load.rows.append(
            (
                unit,
                [
                    UnitWeek(unit, week, counts[unit, week], counts[unit, week] > limit)
                    for week in load.weeks
                ],
            )
        )
    return load


def _sort_key(entry: PlanEntry):
    return (entry.due_date or date.max, entry.is_forecast, entry.title.casefold())


def session_plans(*, sessions: Sequence[Session], user=None) -> list[SessionPlan]:
    """The plan of each session (saved or estimated), as this person may see it."""
    if not sessions:
        return []
    visible = Deliverable.objects.visible_to(user)
    wanted = Q()
    for session in sessions:
        wanted |= Q(due_session__body_id=session.body_id, due_session__number=session.number)
    due_here = list(_with_plan_rows(visible.filter(wanted).exclude(progress__in=NOT_OWED_PROGRESS)))
    candidates = list(_recurring_candidates(visible, sessions))
    limits = list(WordLimit.objects.all())
    rules: dict[int, list[DueDateRule]] = defaultdict(list)
    for rule in DueDateRule.objects.filter(body_id__in={s.body_id for s in sessions}):
        rules[rule.body_id].append(rule)
    policy = planning_policy_get()

    def entry(deliverable: Deliverable, session: Session, due: date | None, forecast: bool):
        actor = deliverable.mandate.actor
        return PlanEntry(
            deliverable=deliverable,
            session=session,
            due_date=due,
            is_forecast=forecast,
            word_limit=word_limit_for(
                limits=limits, kind=deliverable.kind, actor_kind=actor.kind if actor else ""
            ),
            units=_units(deliverable),
        )

    plans = []
    for session in sessions:
        key = (session.body_id, session.number)
        entries = [
            entry(d, session, d.due_date, False)
            for d in due_here
            if (d.due_session.body_id, d.due_session.number) == key
        ]
        for deliverable in candidates:
            if _projects_into(deliverable, session):
                due = due_date_compute(
                    session=session,
                    kind=deliverable.kind,
                    relation=deliverable.due_relation,
                    rules=rules[session.body_id],
                )
                entries.append(entry(deliverable, session, due, True))
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
    if last is None or number > last + MAX_SESSIONS_BEYOND_KNOWN:
        return None
    return _estimated(body, number)


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


def sessions_ahead(*, today: date, count: int | None = None) -> list[Session]:
    """The next `count` sessions (the policy's number by default) of each body that has a
    coming session, opening today or later; estimated ones fill in after the last stored."""
    if count is None:
        count = planning_policy_get().sessions_ahead
    coming: dict[int, list[Session]] = defaultdict(list)
    for session in (
        Session.objects.select_related("body")
        .filter(start__gte=today)
        .order_by("body__code", "number")
    ):
        if len(coming[session.body_id]) < count:
            coming[session.body_id].append(session)
    result = []
    for sessions in coming.values():
        while len(sessions) < count:
            last = sessions[-1]
            sessions.append(_estimated(last.body, last.number + 1))
        result.extend(sessions)
    return result
