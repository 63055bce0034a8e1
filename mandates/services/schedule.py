"""Sessions to dates: the session calendar, due-date rules and the due dates they give.

Resolutions set deadlines as sessions ("at its sixty-fifth session"); people live by
dates. This module turns one into the other:

- `session_get_or_estimate` finds a session or estimates its dates from the body's pattern
  (HRC: three regular sessions a year; GA: one regular session opening in September);
- `deliverable_due_date_refresh` applies the most specific `DueDateRule` of the due
  session's body and keeps `due_date` = manual > printed > computed;
- `session_reschedule` and `deliverables_recompute_for_rule` recompute what depends on a
  session or a rule when staff change them. A changed due date bumps the deliverable's
  calendar SEQUENCE; reminders key on `due_date`, so they follow on their own;
- `session_status_changed`: a session cancelled, or postponed with no new dates, keeps the
  due dates counted from its dates (pages, feeds and reminders say they will not hold) and
  flags its open deliverables for a person to decide; scheduled again, the flag goes;
- a session's parts (`SessionPart`: a resumed part, an organizational meeting):
  `session_part_store`, and `session_parts_recompute` after them (a resumed part dates
  what a text adopted while the session was under way asks of it, `due_anchor`).
"""

from __future__ import annotations

import csv
import io
import logging
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from mandates.models import (
    CLOSED_PROGRESS,
    Body,
    Consideration,
    Deliverable,
    DueDateRule,
    Mandate,
    ReviewStatus,
    Session,
    SessionPart,
    due_next_session,
)

from .historic import deliverable_historic_follow, historic_cutoff_days, historic_cutoff_once
from .history_batch import reasons_unreviewed

logger = logging.getLogger(__name__)

# --- Session patterns ---------------------------------------------------------------------

MONDAY, TUESDAY = 0, 1

# HRC regular sessions: (month, earliest opening day, length in days from opening to close).
# Each opens on the first Monday on or after the given day; this reproduces every opening
# of sessions 50-66 in data/sessions.csv (HRC 56 opened on a Tuesday after a holiday).
HRC_SLOTS = [(2, 22, 36), (6, 13, 22), (9, 8, 30)]
# When a body has no session at all in the database: HRC 59 opened in June 2025 (slot 1).
HRC_REFERENCE = (59, 2025, 1)
# The GA's nth regular session opens in September of 1945 + n.
GA_FIRST_YEAR = 1945
GA_MAIN_PART_END = (12, 22)


def _weekday_on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _hrc_slot(start: date) -> int:
    return 0 if start.month <= 4 else 1 if start.month <= 7 else 2


def _hrc_dates(year: int, slot: int) -> tuple[date, date]:
    month, day, length = HRC_SLOTS[slot]
    start = _weekday_on_or_after(date(year, month, day), MONDAY)
    return start, start + timedelta(days=length)


#: The first year the GA opened a week before rule 1's date (its 78th session, 2023).
GA_EARLY_OPENING_SINCE = 2023


def _ga_opening(year: int) -> date:
    """The Tuesday of the third week of September, counting from the first week with a
    September working day (rule 1 of the GA's rules of procedure), as sessions 70-77 opened
    (15 Sep 2015 ... 13 Sep 2022); from 2023 a week earlier, as sessions 78-81 in fact
    opened (5 Sep 2023, 10 Sep 2024, 9 Sep 2025, 8 Sep 2026)."""
    first = date(year, 9, 1)
    first_working = first if first.weekday() < 5 else _weekday_on_or_after(first, MONDAY)
    week_one_monday = first_working - timedelta(days=first_working.weekday())
    weeks = 1 if year >= GA_EARLY_OPENING_SINCE else 2
    return week_one_monday + timedelta(days=7 * weeks + TUESDAY)


def _nearest_known(body: Body, number: int) -> Session | None:
    below = body.sessions.filter(number__lt=number).order_by("-number").first()
    return below or body.sessions.filter(number__gt=number).order_by("number").first()


def _shift_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class SessionEstimate:
    start: date
    end: date
    main_part_end: date | None = None
    source: str = ""


def session_estimate(*, body: Body, number: int) -> SessionEstimate:
    """Dates for a session nobody has entered, from the body's pattern (no database write).

    HRC: three sessions a year, counted from the nearest known session of the Council.
    GA: opens in September of 1945 + number and lasts until the next one opens. Any other
    body: one session a year, the same dates as its nearest known session shifted by the
    difference in numbers; with no session known at all, GA-style numbering (or the
    number read as a year, as for ECOSOC's "2026 session"), opening with the GA.
    """
    if body.code == "HRC":
        reference = _nearest_known(body, number)
        if reference is not None:
            ref_number, ref_year, ref_slot = (
                reference.number,
                reference.start.year,
                _hrc_slot(reference.start),
            )
        else:
            ref_number, ref_year, ref_slot = HRC_REFERENCE
        index = ref_year * 3 + ref_slot + (number - ref_number)
        start, end = _hrc_dates(index // 3, index % 3)
        return SessionEstimate(start, end, None, "Estimated: HRC pattern, three sessions a year")
    if body.code == "GA":
        year = GA_FIRST_YEAR + number
        start = _ga_opening(year)
        return SessionEstimate(
            start,
            _ga_opening(year + 1),
            date(year, *GA_MAIN_PART_END),
            "Estimated: GA opens on the Tuesday of the second week of September",
        )
    reference = _nearest_known(body, number)
    if reference is not None:
        years = number - reference.number
        return SessionEstimate(
            _shift_years(reference.start, years),
            _shift_years(reference.end, years),
            _shift_years(reference.main_part_end, years) if reference.main_part_end else None,
            f"Estimated: one session a year from {body.code} {reference.number}",
        )
    year = number if number >= 1900 else GA_FIRST_YEAR + number
    start = _ga_opening(year)
    return SessionEstimate(
        start, date(year, *GA_MAIN_PART_END), None, "Estimated: yearly, with the GA"
    )


def session_get_or_estimate(*, body: Body, number: int) -> Session:
    """The session of `body` numbered `number`; if nobody has entered it, a new row with
    dates estimated from the body's pattern and `dates_status` "estimated"."""
    session = Session.objects.filter(body=body, number=number).select_related("body").first()
    if session is not None:
        return session
    estimate = session_estimate(body=body, number=number)
    session, created = Session.objects.get_or_create(
        body=body,
        number=number,
        defaults={
            "start": estimate.start,
            "end": estimate.end,
            "main_part_end": estimate.main_part_end,
            "dates_status": Session.DatesStatus.ESTIMATED,
            "source": estimate.source,
        },
    )
    if created:
        session_link_waiting_deliverables(session=session)
    return session


# --- Deadlines the calendar cannot date yet -----------------------------------------------


def due_session_not_in_calendar_reason(
    *, body_code: str, number: int | None, relation: str | None, stated_due_date: date | None
) -> str:
    """The review reason of a deadline read from the text that no calendar session dates:
    a numbered session the calendar lacks (CSW 61), or "at its next session". Empty when
    no session was read (the text names the body, and perhaps a date)."""
    if number is not None:
        return (
            f"due {relation or 'at'} {body_code} {number}, a session the calendar does not "
            f"have: add {body_code} {number} in Sessions, or set the due date by hand"
        )
    if due_next_session(
        body_id=body_code, number=number, relation=relation, stated_due_date=stated_due_date
    ):
        return (
            f"due {relation} the next session of {body_code}, no number printed: choose the "
            "due session, or set the due date by hand"
        )
    return ""


def session_link_waiting_deliverables(*, session: Session) -> int:
    """A session joins the calendar: deliverables read as due at it ("at CSW 61") but not
    linked get it as their due session, lose the review reason that said it was missing
    (and the flag, if no reason left waits for a person), and get their dates. A due
    session a person chose or cleared is left alone. Returns how many were linked."""
    waiting = [
        deliverable
        for deliverable in Deliverable.objects.filter(
            due_session=None,
            due_body_id=session.body_id,
            due_session_number=session.number,
        ).select_related("due_body", "mandate")
        if "due_session" not in deliverable.edited_fields
    ]
    for deliverable in waiting:
        reason = due_session_not_in_calendar_reason(
            body_code=session.body.code,
            number=session.number,
            relation=deliverable.due_relation,
            stated_due_date=deliverable.stated_due_date,
        )
        deliverable.due_session = session
        if reason in deliverable.review_reasons:
            deliverable.review_reasons = [r for r in deliverable.review_reasons if r != reason]
            if not reasons_unreviewed(deliverable, deliverable.review_reasons):
                deliverable.needs_review = False  # no reason left that a person has not seen
        _status_flag(deliverable, session)  # a cancelled session added: flagged for that
        deliverable.save(
            update_fields=["due_session", "review_reasons", "needs_review", "updated_at"]
        )
    if waiting:
        _recompute(waiting, bump_all=True)
    return len(waiting)


# --- Due dates ----------------------------------------------------------------------------


def _rule_rank(rule: DueDateRule, *, kind: str, relation: str) -> int | None:
    """How well a rule fits (higher is better); None when it does not apply."""
    if rule.kind not in ("", kind) or rule.relation not in ("", relation):
        return None
    return (2 if rule.kind else 0) + (1 if rule.relation else 0)


def due_date_rule_for(
    *, rules: Iterable[DueDateRule], kind: str, relation: str
) -> DueDateRule | None:
    """The most specific rule: kind and relation > kind > relation > the body's catch-all."""
    best, best_rank = None, -1
    for rule in rules:
        rank = _rule_rank(rule, kind=kind, relation=relation)
        if rank is not None and rank > best_rank:
            best, best_rank = rule, rank
    return best


@dataclass(frozen=True)
class DueAnchor:
    """What a computed due date counts back from: `lead_time_days` before `day`, the
    session's opening or close (`label`). `note` says why it is not the rule's own anchor."""

    label: str  # "opens", "closes", "main part closes"
    day: date
    lead_time_days: int
    rule: DueDateRule | None
    note: str = ""

    @property
    def due_date(self) -> date:
        return self.day - timedelta(days=self.lead_time_days)


def due_anchor(
    *,
    session: Session,
    kind: str,
    relation: str,
    rules: Iterable[DueDateRule],
    adopted_on: date | None = None,
) -> DueAnchor:
    """The anchor of a deliverable of `kind` due `relation` `session`.

    With no rule for the body, the body's default lead time before the session opens.
    A rule counted from the close of a GA session counts from the end of its main part;
    one counted from its last day (what is held at or during a session), from the end of
    the whole session.

    A date before `adopted_on` cannot be what the text asks: the session was under way, or
    too near for the lead time, when the resolution was adopted (a GA text of December
    asking for a report "at its resumed eighty-first session" or "before the end of" it;
    a Council text of July asking for a report to the Assembly's session of September).
    Such a date would be stored as long overdue and never reminded. The date then counts
    from the session's close when it had opened (the lead time kept if it leaves room),
    else it is the opening day; `note` says so, for the person who checks it. A session
    that had opened and has a resumed part after the adoption in the calendar (scheduled,
    `SessionPart`) counts from that part instead: what the Assembly's "resumed session"
    means.
    """
    rule = due_date_rule_for(rules=rules, kind=kind, relation=relation)
    if rule is None:
        anchor = DueAnchor("opens", session.start, session.body.default_lead_time_days, None)
    elif rule.anchor == DueDateRule.Anchor.CLOSING:
        label = "main part closes" if session.main_part_end else "closes"
        anchor = DueAnchor(label, session.main_part_end or session.end, rule.lead_time_days, rule)
    elif rule.anchor == DueDateRule.Anchor.LAST_DAY:
        anchor = DueAnchor("closes", session.end, rule.lead_time_days, rule)
    else:
        anchor = DueAnchor("opens", session.start, rule.lead_time_days, rule)
    if adopted_on is None or anchor.due_date >= adopted_on or session.end < adopted_on:
        return anchor
    adopted = day_label(adopted_on)
    if session.start > adopted_on:
        note = (
            f"{session} opens {day_label(session.start)}, too soon after the adoption"
            f" ({adopted}) for the lead time: due on the opening day"
        )
        return DueAnchor("opens", session.start, 0, rule, note)
    lead = anchor.lead_time_days
    resumed = _resumed_part_after(session, adopted_on)
    if resumed is not None:
        closing = rule is not None and rule.anchor != DueDateRule.Anchor.OPENING
        day = resumed.end if closing else resumed.start
        if day - timedelta(days=lead) < adopted_on:
            lead = 0
        label = "resumed part closes" if closing else "resumed part opens"
        note = (
            f"{session} had opened ({day_label(session.start)}) before the adoption"
            f" ({adopted}): counted from its resumed part, {day_label(resumed.start)}"
            f" to {day_label(resumed.end)}"
        )
        return DueAnchor(label, day, lead, rule, note)
    if session.end - timedelta(days=lead) < adopted_on:
        lead = 0
    note = (
        f"{session} had opened ({day_label(session.start)}) before the adoption ({adopted}):"
        " counted from its close; if a resumed part or an earlier meeting is meant, set"
        " the date by hand"
    )
    return DueAnchor("closes", session.end, lead, rule, note)


def _resumed_part_after(session: Session, adopted_on: date) -> SessionPart | None:
    """The session's first resumed part that opens on or after the adoption and meets
    (read only for a text adopted while its session was under way: a rare date). Parts
    prefetched as `parts` (a feed reads them all at once, `resumed_parts_by_session`)
    are filtered in memory."""
    if session.pk is None:
        return None
    prefetched = getattr(session, "_prefetched_objects_cache", {}).get("parts")
    if prefetched is not None:
        after = [
            part
            for part in prefetched
            if part.kind == SessionPart.Kind.RESUMED
            and part.status == Session.Status.SCHEDULED
            and part.start >= adopted_on
        ]
        return min(after, key=lambda part: part.start, default=None)
    return (
        session.parts.filter(
            kind=SessionPart.Kind.RESUMED,
            status=Session.Status.SCHEDULED,
            start__gte=adopted_on,
        )
        .order_by("start")
        .first()
    )


def resumed_parts_by_session() -> dict[int, list[SessionPart]]:
    """Every scheduled resumed part, by session id, in one query (for `due_anchor` over
    many sessions: put a session's list in its prefetch cache as `parts`)."""
    parts: dict[int, list[SessionPart]] = defaultdict(list)
    for part in SessionPart.objects.filter(
        kind=SessionPart.Kind.RESUMED, status=Session.Status.SCHEDULED
    ):
        parts[part.session_id].append(part)
    return parts


def due_date_may_be_noted(
    *,
    session_start: date,
    session_end: date,
    computed_due_date: date | None,
    adopted_on: date | None,
) -> bool:
    """Whether `due_anchor` can have given this computed date with a note, from the dates
    alone (no rule read): the session had not closed at the adoption, and had opened by
    then or the date is its opening day. False for nearly every deliverable, so a feed
    reads the rules only for an event that may carry a note (`due_date_note`)."""
    if adopted_on is None or computed_due_date is None or session_end < adopted_on:
        return False
    return session_start <= adopted_on or computed_due_date == session_start


def due_date_note(
    *,
    session: Session,
    kind: str,
    relation: str,
    rules: Iterable[DueDateRule],
    computed_due_date: date | None,
    adopted_on: date | None,
) -> str:
    """Why this stored computed date does not count the rule's usual way (`DueAnchor.note`),
    as `deliverable_due_explain` finds it: "" for a date counted the usual way."""
    if computed_due_date is None or adopted_on is None:
        return ""
    usual = due_date_compute(session=session, kind=kind, relation=relation, rules=rules)
    if usual == computed_due_date:
        return ""
    return due_anchor(
        session=session, kind=kind, relation=relation, rules=rules, adopted_on=adopted_on
    ).note


def due_date_compute(
    *,
    session: Session,
    kind: str,
    relation: str,
    rules: Iterable[DueDateRule],
    adopted_on: date | None = None,
) -> date:
    """The date a deliverable of `kind` due `relation` `session` is due (`due_anchor`)."""
    return due_anchor(
        session=session, kind=kind, relation=relation, rules=rules, adopted_on=adopted_on
    ).due_date


def due_date_adoption_reason(
    *,
    session: Session,
    kind: str,
    relation: str,
    rules: Iterable[DueDateRule],
    adopted_on: date | None,
) -> str:
    """Why a person should check this date: it does not count the usual way because the
    session had opened, or was too near, when the text was adopted (`due_anchor`)."""
    note = due_anchor(
        session=session, kind=kind, relation=relation, rules=rules, adopted_on=adopted_on
    ).note
    return f"due date: {note}" if note else ""


def _body_rules(body_id: int) -> list[DueDateRule]:
    return list(DueDateRule.objects.filter(body_id=body_id))


def _adopted_on(deliverable: Deliverable) -> date | None:
    """The adoption date of the deliverable's resolution (from memory when loaded)."""
    if Deliverable.mandate.is_cached(deliverable):
        mandate = deliverable.mandate
        if Mandate.resolution.is_cached(mandate):
            return mandate.resolution.adopted_on
    return (
        Mandate.objects.filter(pk=deliverable.mandate_id)
        .values_list("resolution__adopted_on", flat=True)
        .first()
    )


def _adoption_dates(deliverables: Iterable[Deliverable]) -> dict[int, date | None]:
    """The adoption date of each deliverable's resolution, by mandate id, in one query."""
    mandate_ids = {d.mandate_id for d in deliverables if d.due_session_id is not None}
    if not mandate_ids:
        return {}
    return dict(
        Mandate.objects.filter(pk__in=mandate_ids).values_list("pk", "resolution__adopted_on")
    )


_UNKNOWN = object()


def _refresh(
    deliverable: Deliverable,
    rules: list[DueDateRule] | None,
    adopted_on: object = _UNKNOWN,
    historic_cutoff: Callable[[], int] = historic_cutoff_days,
) -> list[str]:
    """Recompute in memory; return the names of the fields that changed. `adopted_on`:
    the resolution's adoption date when the caller has it (None when it has none). The
    historic mark follows the due date (`historic.deliverable_historic_follow`: a future
    date is never historic); `historic_cutoff` gives the policy's cut-off when needed."""
    session = deliverable.due_session
    if session is None:
        computed = None
    else:
        if rules is None:
            rules = _body_rules(session.body_id)
        if adopted_on is _UNKNOWN:
            adopted_on = _adopted_on(deliverable)
        computed = due_date_compute(
            session=session,
            kind=deliverable.kind,
            relation=deliverable.due_relation,
            rules=rules,
            adopted_on=adopted_on,  # type: ignore[arg-type]
        )
    due = deliverable.manual_due_date or deliverable.stated_due_date or computed
    changed = []
    if computed != deliverable.computed_due_date:
        deliverable.computed_due_date = computed
        changed.append("computed_due_date")
    if due != deliverable.due_date:
        deliverable.due_date = due
        deliverable.sequence += 1
        changed += ["due_date", "sequence"]
    if deliverable_historic_follow(
        deliverable=deliverable, due_changed="due_date" in changed, cutoff_get=historic_cutoff
    ):
        changed.append("is_historic")
    return changed


def deliverable_due_date_refresh(*, deliverable: Deliverable, save: bool = True) -> bool:
    """Recompute `computed_due_date` from the due session and the rules, then `due_date`
    (manual > printed in the text > computed). A changed `due_date` bumps `sequence`.

    Returns whether any of these fields changed. With `save`, writes only those fields
    (and `updated_at`, which feeds use as LAST-MODIFIED) and queues a feed rebuild.
    """
    changed = _refresh(deliverable, None)
    if changed and save:
        if deliverable.pk is None:
            deliverable.save()
        else:
            deliverable.save(update_fields=[*changed, "updated_at"])
        feeds_rebuild_on_commit(deliverable_ids=[deliverable.pk])
    return bool(changed)


def deliverables_due_dates_compute(
    *,
    deliverables: list[Deliverable],
    adopted_on: date | None,
    rules_get: Callable[[], dict[int, list[DueDateRule]]] | None = None,
    historic_cutoff: Callable[[], int] | None = None,
) -> None:
    """`deliverable_due_date_refresh` for many deliverables of one resolution (adopted on
    `adopted_on`) at once, in memory (nothing is saved, no feed queued): ingest dates the
    rows it is about to store, reading the rules of all their bodies in one query, or
    taking them from `rules_get` (every rule by body id, see `due_date_rules_by_body`: a
    batch reads them once), called only when a deliverable has a due session; the
    historic cut-off likewise from `historic_cutoff` (a stored row whose date the text
    moves is judged again)."""
    historic_cutoff = historic_cutoff or historic_cutoff_once()
    if rules_get is None:
        rules = _rules_of(deliverables)
    elif any(d.due_session is not None for d in deliverables):
        rules = rules_get()
    else:
        rules = {}
    for deliverable in deliverables:
        session = deliverable.due_session
        body_rules = rules.get(session.body_id, []) if session is not None else None
        _refresh(deliverable, body_rules, adopted_on, historic_cutoff)


def due_date_rules_by_body() -> dict[int, list[DueDateRule]]:
    """Every due-date rule, by body id, in one query (in the order `_rules_of` reads them)."""
    rules: dict[int, list[DueDateRule]] = {}
    for rule in DueDateRule.objects.all():
        rules.setdefault(rule.body_id, []).append(rule)
    return rules


def _rules_of(deliverables: Iterable[Deliverable]) -> dict[int, list[DueDateRule]]:
    """The rules of the bodies of these deliverables' due sessions, by body id."""
    body_ids = {d.due_session.body_id for d in deliverables if d.due_session is not None}
    rules: dict[int, list[DueDateRule]] = {body_id: [] for body_id in body_ids}
    if body_ids:
        for rule in DueDateRule.objects.filter(body_id__in=body_ids):
            rules[rule.body_id].append(rule)
    return rules


def _recompute(
    deliverables: Iterable[Deliverable],
    *,
    bump_all: bool | Callable[[Deliverable], bool] = False,
) -> int:
    """Recompute and save a set of deliverables, loading each body's rules once; raise the
    SEQUENCE of every one (`bump_all`), or of those `bump_all(deliverable)` says, whose
    date did not raise it already. Returns how many due dates people see moved
    (`due_dates_moved`)."""
    deliverables = list(deliverables)
    rules_by_body = _rules_of(deliverables)
    adoption_dates = _adoption_dates(deliverables)
    historic_cutoff = historic_cutoff_once()
    moved = []
    touched = []
    for deliverable in deliverables:
        session = deliverable.due_session
        changed = _refresh(
            deliverable,
            rules_by_body[session.body_id] if session else None,
            adoption_dates.get(deliverable.mandate_id),
            historic_cutoff,
        )
        if "due_date" in changed:
            moved.append(deliverable.pk)
        bump = bump_all(deliverable) if callable(bump_all) else bump_all
        if bump and "sequence" not in changed:
            deliverable.sequence += 1
            changed.append("sequence")
        if changed:
            deliverable.save(update_fields=[*changed, "updated_at"])
            touched.append(deliverable.pk)
    if touched:
        feeds_rebuild_on_commit(deliverable_ids=touched)
    return due_dates_moved(moved)


def due_dates_moved(deliverable_ids: list[int]) -> int:
    """How many of these deliverables, whose due date just moved, people see: not the
    rows of a draft its adopted text superseded (the adopted row is the one listed). A
    date set by hand that stays is no move, though its computed date changed."""
    return sum(
        Deliverable.objects.filter(pk__in=deliverable_ids[start : start + 500]).current().count()
        for start in range(0, len(deliverable_ids), 500)
    )


@transaction.atomic
def session_reschedule(
    *, session: Session, start: date, end: date, dates_status: str | None = None
) -> int:
    """Move (or confirm) a session, then recompute the due dates of its deliverables.

    Returns how many deliverables' dates changed (`due_dates_moved`). Calendars hear of
    what their events show, and of nothing else (compared with the stored row, so callers
    such as the admin may already have set the new values):

    - the session's event shows its dates and whether they are estimated (its STATUS,
      TENTATIVE or CONFIRMED): a change of either raises its SEQUENCE by one; announced
      dates marked held only change a line of its description (LAST-MODIFIED moves);
    - a deliverable's event shows the session's dates and whether they are estimated
      (in its description, and in its STATUS, TENTATIVE or CONFIRMED, when that follows
      the session: `event_status_follows_session`): new dates or a change of the
      estimate move every one's LAST-MODIFIED (its `updated_at`), a change of the
      estimate raises the SEQUENCE of those whose STATUS changes, a due date that moves
      raises its own. Announced dates marked held, a new source or end of the main part
      change none of them: their events stay byte-identical.

    A new `status` of the session (set on `session` by the caller: then call
    `session_status_changed`) raises the session's SEQUENCE here and its deliverables'
    there, once.
    """
    stored = (
        Session.objects.filter(pk=session.pk)
        .values_list("start", "end", "dates_status", "main_part_end", "status", "sequence")
        .first()
    )
    if dates_status is None:
        dates_status = session.dates_status
    estimated = Session.DatesStatus.ESTIMATED
    estimate_changed = dates_changed = False
    same_status = True
    if stored is not None:
        old_start, old_end, old_dates_status, old_main_part_end, old_status, sequence = stored
        estimate_changed = (dates_status == estimated) != (old_dates_status == estimated)
        dates_changed = (start, end) != (old_start, old_end)
        same_status = session.status == old_status
        if (
            estimate_changed
            or dates_changed
            or session.main_part_end != old_main_part_end
            or not same_status
        ):
            session.sequence = sequence + 1  # what the session's event shows changed
    session.start, session.end, session.dates_status = start, end, dates_status
    session.full_clean(exclude=["body"], validate_unique=False)
    session.save()
    deliverables = list(
        Deliverable.objects.filter(due_session=session).select_related("due_session__body")
    )
    # a new status of the session raises them in `session_status_changed`, once
    changed = _recompute(
        deliverables,
        bump_all=event_status_follows_session if estimate_changed and same_status else False,
    )
    if (dates_changed or estimate_changed) and deliverables:
        session_deliverables_touch(session=session)
    feeds_rebuild_on_commit(session_ids=[session.pk])
    return changed


# --- Sessions called off: cancelled, or postponed with no new dates ---------------------------


#: What a person may decide for work due at a called-off session, in the calendar's and the
#: reminder's words alike.
DECIDE_CHOICES = "another session, a date set by hand, or the deliverable deferred or cancelled"


@dataclass(frozen=True)
class CalledOff:
    """How work due at a session cancelled or postponed is told so, worded here alone: the
    pages' explanation (`DueExplanation.called_off`), the calendar event
    (`feeds.EventWriter`), the reminder's note (`reminders.reminder_session_called_off`)
    and the review reason (`due_session_status_reason`)."""

    session: str  # how the sentence names it: "HRC 64", "The session"
    status: str  # as shown: "cancelled", "postponed"

    @property
    def what(self) -> str:
        """ "HRC 64 was cancelled"."""
        return f"{self.session} was {self.status}"

    def date_note(self, *, from_session: bool, choices: bool = False) -> str:
        """Pages and calendars: whether the date, counted from the session's dates or
        not (`from_session`), will hold; `choices`: with what a person may decide."""
        if not from_session:
            return f"{self.what}: someone must decide where this is presented"
        note = f"{self.what}: this date, counted from its dates, will not hold until"
        note += " someone decides"
        return f"{note} ({DECIDE_CHOICES})" if choices else note

    def reminder_note(self, *, from_session: bool) -> str:
        """A reminder's note: the reminder still goes, to the person who can get it
        decided, and the deliverable stays on their list until someone does."""
        if from_session:
            said = f"{self.what}. This date was counted from its dates and will not hold."
        else:
            said = (
                f"{self.what}. The date was not counted from the session, but where this is"
                " presented is open."
            )
        return (
            f"{said} It stays on your list, with this date, until someone decides: "
            f"{DECIDE_CHOICES}."
        )

    def review_reason(self) -> str:
        """The review reason of an open deliverable due at the session (stored: the
        status's value, never a translation)."""
        return (
            f"due {self._stored_what}: a due date counted from its dates will not hold;"
            " choose another session or set the date by hand, or mark the deliverable"
            " deferred or cancelled"
        )

    def consideration_reason(self) -> str:
        """The review reason of a consideration of the question at the session, as
        stored: it has no date, only the session a person may change."""
        return (
            f"{self._stored_what}: the question is not taken up on its dates; choose"
            " another session, or keep it and clear the flag"
        )

    @property
    def _stored_what(self) -> str:
        """ "session HRC 64 was cancelled", "... was postponed, its new dates not
        announced"."""
        what = f"session {self.what}"
        if self.status == Session.Status.POSTPONED:
            what += ", its new dates not announced"
        return what


CALLED_OFF_STATUSES = (Session.Status.CANCELLED, Session.Status.POSTPONED)


def due_session_status_reason(*, session: Session, status: str | None = None) -> str:
    """The review reason of an open deliverable due at a session that will not meet on its
    dates (`status`, else the session's own); empty for a scheduled session."""
    status = status or session.status
    if status not in CALLED_OFF_STATUSES:
        return ""
    return CalledOff(session=str(session), status=status).review_reason()


def consideration_session_status_reason(*, session: Session, status: str | None = None) -> str:
    """The review reason of a consideration of the question at a session that will not
    meet on its dates (`status`, else the session's own); empty for a scheduled session."""
    status = status or session.status
    if status not in CALLED_OFF_STATUSES:
        return ""
    return CalledOff(session=str(session), status=status).consideration_reason()


def _status_flag(row: Deliverable | Consideration, session: Session) -> None:
    """In memory: give an open deliverable due at `session`, or a consideration of the
    question at it (not rejected), the review reason of the session's status (flagged,
    unless a person already reviewed that very reason), and take away a reason of a
    status the session no longer has (the flag goes with it when no reason a person has
    not seen is left)."""
    if isinstance(row, Consideration):
        reason_of = consideration_session_status_reason
        owed = row.review_status != ReviewStatus.REJECTED
    else:
        reason_of = due_session_status_reason
        owed = row.progress not in CLOSED_PROGRESS and ReviewStatus.REJECTED not in (
            row.review_status,
            row.mandate.review_status,
        )
    reason = reason_of(session=session)
    former = {reason_of(session=session, status=status) for status in CALLED_OFF_STATUSES}
    former.discard(reason)
    reasons = [r for r in row.review_reasons if r not in former]
    removed = len(reasons) != len(row.review_reasons)
    flag = bool(
        reason
        and owed
        and reason not in reasons
        and reasons_unreviewed(row, [reason])  # a person saw it with the flag down
    )
    if flag:
        reasons.append(reason)
        row.needs_review = True
    elif removed and row.needs_review and not reasons_unreviewed(row, reasons):
        row.needs_review = False  # no reason left that a person has not seen
    row.review_reasons = reasons


@dataclass(frozen=True)
class StatusFlagged:
    """What a session's new status flagged for review (`session_status_changed`)."""

    deliverables: int = 0
    considerations: int = 0


@transaction.atomic
def session_status_changed(*, session: Session, former: str) -> StatusFlagged:
    """A session stored with a new `status` (it was `former`): cancelled or postponed, its
    open deliverables are flagged for a person to decide (`due_session_status_reason`:
    another session, a date set by hand, or the deliverable deferred or cancelled); their
    due dates stay as counted from the session's dates, which pages, feeds and reminders
    show as not holding, so nothing silently leaves a list or a calendar. Scheduled again
    (or postponed from cancelled), the reason of the former status goes. Every
    deliverable due at it gets a higher calendar SEQUENCE (its event says so), with a
    history record. The considerations of a question at it are flagged alike
    (`consideration_session_status_reason`). Returns how many of each were flagged."""
    if session.status == former:
        return StatusFlagged()
    label = dict(Session.Status.choices)
    change = f"Due session {session} {label[session.status]} (was {label[former]})"
    reason = due_session_status_reason(session=session)
    flagged = 0
    deliverables = list(
        Deliverable.objects.current()
        .filter(due_session=session)
        .select_related("mandate", "due_session__body")
        .order_by("pk")
        .select_for_update(of=("self",))
    )
    for deliverable in deliverables:
        had = reason in deliverable.review_reasons
        _status_flag(deliverable, session)
        flagged += bool(reason) and not had and reason in deliverable.review_reasons
        deliverable.sequence += 1  # the event says the session is cancelled, or not any more
        deliverable._change_reason = change[:100]
        deliverable.save(update_fields=["needs_review", "review_reasons", "sequence", "updated_at"])
    feeds_rebuild_on_commit(deliverable_ids=[d.pk for d in deliverables], session_ids=[session.pk])
    return StatusFlagged(
        deliverables=flagged, considerations=_considerations_status_flag(session, former)
    )


def _considerations_status_flag(session: Session, former: str) -> int:
    """`session_status_changed` for the considerations of a question at the session: each
    changed one saved with a history record. Returns how many were flagged."""
    label = dict(Session.Status.choices)
    change = f"Session {session} {label[session.status]} (was {label[former]})"
    reason = consideration_session_status_reason(session=session)
    flagged = 0
    for consideration in (
        Consideration.objects.current()
        .filter(session=session)
        .order_by("pk")
        .select_for_update(of=("self",))
    ):
        had = (consideration.needs_review, list(consideration.review_reasons))
        _status_flag(consideration, session)
        if (consideration.needs_review, consideration.review_reasons) == had:
            continue
        flagged += bool(reason) and reason not in had[1] and reason in consideration.review_reasons
        consideration._change_reason = change[:100]
        consideration.save(update_fields=["needs_review", "review_reasons", "updated_at"])
    return flagged


# --- Session parts: resumed parts, organizational meetings ----------------------------------

#: A part's values that its calendar event shows: a change raises its SEQUENCE.
PART_SHOWN_FIELDS = ("kind", "start", "end", "dates_status", "status")


def session_part_store(*, part: SessionPart) -> bool:
    """Save a new or changed session part, its calendar SEQUENCE one higher when what its
    event shows changed; checked first (`full_clean`: a resumed part opens after its
    session). Call `session_parts_recompute` once the session's parts are stored. Returns
    whether anything was written."""
    fields = (*PART_SHOWN_FIELDS, "source")
    stored = (
        SessionPart.objects.filter(pk=part.pk).values_list(*fields, "sequence").first()
        if part.pk is not None
        else None
    )
    values = tuple(getattr(part, name) for name in fields)
    if stored is not None:
        if stored[: len(fields)] == values:
            return False
        if stored[: len(PART_SHOWN_FIELDS)] != values[: len(PART_SHOWN_FIELDS)]:
            part.sequence = stored[-1] + 1
    part.full_clean(validate_unique=False)
    part.save()
    return True


@transaction.atomic
def session_parts_recompute(*, session: Session) -> int:
    """After a session's parts changed: the due dates of its deliverables (a resumed part
    dates what a text adopted while the session was under way asks for it, `due_anchor`)
    and the session calendar. Returns how many due dates changed."""
    deliverables = list(
        Deliverable.objects.filter(due_session=session).select_related("due_session__body")
    )
    changed = _recompute(deliverables)
    feeds_rebuild_on_commit(session_ids=[session.pk])
    return changed


def event_status_follows_session(deliverable: Deliverable) -> bool:
    """Whether the STATUS of the deliverable's calendar event (`feeds.EventWriter`) is
    TENTATIVE or CONFIRMED as its session's dates are estimated or not: confirmed, still
    owed, neither done nor dated by hand or in the text. Its event's description names
    estimated dates whatever the deliverable (a change of LAST-MODIFIED only)."""
    return (
        deliverable.review_status == ReviewStatus.CONFIRMED
        and deliverable.progress not in CLOSED_PROGRESS
        and not (deliverable.manual_due_date or deliverable.stated_due_date)
    )


def session_deliverables_touch(*, session: Session) -> None:
    """What the deliverables due at this session show of it changed (its dates, its code
    or number): their LAST-MODIFIED moves (`updated_at`; feeds take it from the
    deliverable alone, not from the session, whose own event shows more: its status
    and source)."""
    rows = Deliverable.objects.filter(due_session=session)
    rows.update(updated_at=timezone.now())
    feeds_rebuild_on_commit(deliverable_ids=list(rows.values_list("pk", flat=True)))


@transaction.atomic
def deliverables_recompute_for_rule(*, rule: DueDateRule) -> int:
    """Recompute every deliverable due at a session of the rule's body; returns how many
    changed. Call it after a rule is added, changed or deleted: a change of kind or
    relation can move deliverables between rules, so the whole body is recomputed."""
    return deliverables_recompute_for_body(body_id=rule.body_id)


def deliverables_recompute_all() -> int:
    """Recompute every deliverable with a due session (after bulk calendar changes)."""
    deliverables = Deliverable.objects.exclude(due_session=None).select_related("due_session__body")
    with transaction.atomic():
        return _recompute(deliverables)


# --- When feeds are rebuilt ----------------------------------------------------------------


@dataclass
class _FeedsRebuild:
    """The ids a batch touched, collected as each of its transactions commits."""

    deliverable_ids: set[int] = field(default_factory=set)
    session_ids: set[int] = field(default_factory=set)
    asked: bool = False  # a change inside asked for a rebuild (committed or not)

    def add(self, deliverable_ids: list[int], session_ids: list[int]) -> None:
        self.deliverable_ids.update(deliverable_ids)
        self.session_ids.update(session_ids)

    def queue(self) -> None:
        if self.deliverable_ids or self.session_ids:
            _feeds_rebuild_queue(sorted(self.deliverable_ids), sorted(self.session_ids))


def _feeds_rebuild_queue(deliverable_ids: list[int], session_ids: list[int]) -> None:
    """Hand the rebuild to the worker. A feed is rendered again on its next request whenever
    what it shows changed (its stamp), so the rebuild only warms the cache: with the broker
    down the change stands, the person's request succeeds and the failure is logged."""
    from mandates import tasks

    from .outgoing import broker_errors

    try:
        tasks.feeds_rebuild.delay(deliverable_ids=deliverable_ids, session_ids=session_ids)
    except broker_errors() as error:
        logger.warning(
            "feeds not rebuilt ahead of their next request, the broker is unreachable (%s: %s)",
            type(error).__name__,
            error,
        )


_feeds_batch: ContextVar[_FeedsRebuild | None] = ContextVar("feeds_batch", default=None)


def feeds_rebuild_on_commit(
    *, deliverable_ids: Iterable[int] = (), session_ids: Iterable[int] = ()
) -> None:
    """Queue the rebuild of the feeds showing these deliverables or sessions once the
    transaction commits; inside `feeds_rebuild_batched`, the batch rebuilds them at its end."""
    deliverables, sessions = list(deliverable_ids), list(session_ids)
    if not deliverables and not sessions:
        return
    batch = _feeds_batch.get()
    if batch is not None:  # a rolled-back change adds nothing
        batch.asked = True
        transaction.on_commit(lambda: batch.add(deliverables, sessions))
        return
    transaction.on_commit(lambda: _feeds_rebuild_queue(deliverables, sessions))


@contextmanager
def feeds_rebuild_batched() -> Iterator[None]:
    """One rebuild for a whole batch (a folder ingested, an import, a worker's run): the
    changes inside collect what they touched, and at the end, after commit, one task
    renders each affected feed once instead of once per change. Nested batches join the
    outermost one."""
    if _feeds_batch.get() is not None:
        yield
        return
    batch = _FeedsRebuild()
    token = _feeds_batch.set(batch)
    try:
        yield
    finally:
        _feeds_batch.reset(token)
        if batch.asked:  # a batch that changed nothing leaves the database alone
            # Runs after the callbacks that collect the ids (registered earlier), or at once.
            transaction.on_commit(batch.queue)


# Fields whose change alters what a calendar shows (besides the date): SEQUENCE goes up.
CALENDAR_SHOWN_FIELDS = frozenset(
    {
        "title",
        "kind",
        "progress",
        "review_status",
        "due_session",
        "due_relation",
        "is_public",
        "no_longer_in_text",
    }
)


def deliverable_calendar_sync(
    *,
    deliverable: Deliverable,
    changed_fields: Iterable[str],
    save_all: bool = False,
    also_save: Iterable[str] = (),
) -> bool:
    """After a person edits a deliverable: recompute its due date and, if what calendars
    show changed (title, kind, progress, review, session), bump SEQUENCE once.

    With `save_all`, the whole row is saved in one write (one history record for a
    person's decision and what follows from it); else the fields that changed and
    `also_save`.
    Always queues a feed rebuild; returns whether the date or the SEQUENCE changed.
    """
    changed = _refresh(deliverable, None)
    if CALENDAR_SHOWN_FIELDS & set(changed_fields) and "sequence" not in changed:
        deliverable.sequence += 1
        changed.append("sequence")
    if save_all:
        deliverable.save()
    else:
        deliverable.save(update_fields=[*changed, *also_save, "updated_at"])
    feeds_rebuild_on_commit(deliverable_ids=[deliverable.pk])
    return bool(changed)


def mandate_deliverables_sync(*, mandate_id: int) -> int:
    """After a mandate is edited (actor, quote, its deliverables inline): recompute its
    deliverables' dates and touch them all, so feeds see the change. Returns how many
    deliverables' dates changed."""
    deliverables = list(
        Deliverable.objects.filter(mandate_id=mandate_id).select_related("due_session__body")
    )
    with transaction.atomic():
        changed = _recompute(deliverables)
        Deliverable.objects.filter(mandate_id=mandate_id).update(updated_at=timezone.now())
    feeds_rebuild_on_commit(deliverable_ids=[d.pk for d in deliverables])
    return changed


def deliverables_recompute_for_body(*, body_id: int) -> int:
    """Recompute every deliverable due at a session of this body (after a rule of the
    body was deleted or moved to another body); returns how many changed.

    The body counts as changed too: a calendar event's due-date note depends on the rules
    (`due_date_note`), and a rule can add or drop a note from a date it leaves as it was,
    so a feed of the body's deliverables (its stamp holds the body's last change) is
    rendered anew when next asked for."""
    deliverables = Deliverable.objects.filter(due_session__body_id=body_id).select_related(
        "due_session__body"
    )
    with transaction.atomic():
        Body.objects.filter(pk=body_id).update(updated_at=timezone.now())
        return _recompute(deliverables)


# --- Explanations -------------------------------------------------------------------------

# "reports", "oral updates": how a rule names the kinds it covers.
KIND_PLURALS: dict[str, str] = {
    Deliverable.Kind.REPORT: "reports",
    Deliverable.Kind.ORAL_UPDATE: "oral updates",
    Deliverable.Kind.MEETING: "meetings",
    Deliverable.Kind.PANEL: "panels",
    Deliverable.Kind.SEMINAR: "seminars",
    Deliverable.Kind.CONSULTATION: "consultations",
    Deliverable.Kind.STUDY: "studies",
    Deliverable.Kind.COMPILATION: "compilations",
    Deliverable.Kind.OTHER: "other deliverables",
}


def due_date_rule_describe(*, rule: DueDateRule | None, body: Body) -> str:
    """ "reports at HRC sessions", "anything before GA sessions"; no rule: the body's default."""
    if rule is None:
        return f"default lead time of the {body.code}"
    kinds = KIND_PLURALS.get(rule.kind, rule.kind) if rule.kind else "anything"
    relation = rule.relation or "for"
    return f"{kinds} {relation} {body.code} sessions"


def day_label(day: date) -> str:
    """14 Jun 2027."""
    return f"{day.day} {day:%b %Y}"


@dataclass(frozen=True)
class DueExplanation:
    """Where a due date comes from, in the words and links people need to check it.

    `source` is "manual" (set by a person), "printed" (a date in the text), "session"
    (computed from the session and a rule) or "none" (no deadline).
    """

    source: str
    due_date: date | None
    session: Session | None = None
    anchor: str = ""  # "opens", "closes", "main part closes"
    anchor_date: date | None = None
    lead_time_days: int | None = None
    rule: DueDateRule | None = None
    rule_label: str = ""
    computed_due_date: date | None = None
    note: str = ""  # why the date does not count the rule's usual way (`due_anchor`)

    @property
    def called_off(self) -> str:
        """What a session cancelled or postponed means for this date: "HRC 60 was
        cancelled: this date will not hold ..."; empty when the session meets."""
        session = self.session
        if session is None or not session.called_off:
            return ""
        called_off = CalledOff(session=str(session), status=session.get_status_display())
        return called_off.date_note(from_session=self.source == "session")

    @property
    def anchor_status(self) -> str:
        """ "estimated", "announced", "held"; "opened" for an estimated opening day that has
        come (`Session.day_status_display`)."""
        if self.session is None or self.anchor_date is None:
            return ""
        return self.session.day_status_display(self.anchor_date)

    @property
    def calculation(self) -> str:
        """ "HRC 65 opens 14 Jun 2027 (estimated) - 70 days (rule: ...) = 5 Apr 2027"."""
        if self.session is None or self.anchor_date is None or self.computed_due_date is None:
            return ""
        return (
            f"{self.session} {self.anchor} {day_label(self.anchor_date)}"
            f" ({self.anchor_status})"
            f" {self.lead_sign} {self.lead_days} day{'' if self.lead_days == 1 else 's'}"
            f" (rule: {self.rule_label})"
            f" = {day_label(self.computed_due_date)}" + (f"; {self.note}" if self.note else "")
        )

    @property
    def lead_sign(self) -> str:
        """ "-" for days before the anchor, "+" for days after it."""
        return "-" if (self.lead_time_days or 0) >= 0 else "+"

    @property
    def lead_days(self) -> int:
        return abs(self.lead_time_days or 0)

    def __str__(self) -> str:
        called_off = f"; {self.called_off}" if self.called_off else ""
        if self.source in ("manual", "printed") and self.due_date is not None:
            origin = "Set by hand" if self.source == "manual" else "Printed in the text"
            text = f"{origin}: {day_label(self.due_date)}"
            if self.session:
                return f"{text} (the session would give: {self.calculation}){called_off}"
            return text
        if self.source == "session":
            return self.calculation + called_off
        return "No deadline in the text"


def due_date_explain(
    *,
    session: Session | None,
    kind: str,
    relation: str,
    manual_due_date: date | None = None,
    stated_due_date: date | None = None,
    rules: Iterable[DueDateRule] | None = None,
    adopted_on: date | None = None,
) -> DueExplanation:
    """The one explanation of a due date, for the admin, the pages and the review.

    Follows `_refresh` exactly: manual > printed > computed from the session by the most
    specific rule (or the body's default lead time; `due_anchor`). The session may be
    unsaved (a reading's estimated session), in which case `rules` should be given.
    """
    fields: dict = {}
    if session is not None:
        if rules is None:
            rules = _body_rules(session.body_id)
        anchor = due_anchor(
            session=session, kind=kind, relation=relation, rules=rules, adopted_on=adopted_on
        )
        fields = {
            "session": session,
            "anchor": anchor.label,
            "anchor_date": anchor.day,
            "lead_time_days": anchor.lead_time_days,
            "rule": anchor.rule,
            "rule_label": due_date_rule_describe(rule=anchor.rule, body=session.body),
            "computed_due_date": anchor.due_date,
            "note": anchor.note,
        }
    if manual_due_date:
        return DueExplanation("manual", manual_due_date, **fields)
    if stated_due_date:
        return DueExplanation("printed", stated_due_date, **fields)
    if fields:
        return DueExplanation("session", fields["computed_due_date"], **fields)
    return DueExplanation("none", None)


def deliverable_due_explain(
    *, deliverable: Deliverable, rules: Iterable[DueDateRule] | None = None
) -> DueExplanation:
    """Why this deliverable is due when it is (see `due_date_explain`). The adoption date
    is read only when the stored date is not the usual count (`due_anchor`), so a list
    of deliverables costs no query per row."""
    session = deliverable.due_session
    adopted_on = None
    if session is not None and deliverable.computed_due_date is not None:
        if rules is None:
            rules = _body_rules(session.body_id)
        usual = due_date_compute(
            session=session, kind=deliverable.kind, relation=deliverable.due_relation, rules=rules
        )
        if usual != deliverable.computed_due_date:
            adopted_on = _adopted_on(deliverable)
    return due_date_explain(
        session=session,
        kind=deliverable.kind,
        relation=deliverable.due_relation,
        manual_due_date=deliverable.manual_due_date,
        stated_due_date=deliverable.stated_due_date,
        rules=rules,
        adopted_on=adopted_on,
    )


def session_find_or_estimate(*, body: Body, number: int) -> Session:
    """The stored session, or an unsaved one with estimated dates (no database write):
    what a reading that nobody has chosen yet would point at."""
    session = Session.objects.filter(body=body, number=number).select_related("body").first()
    if session is not None:
        return session
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


# --- Held sessions and official dates ------------------------------------------------------


@feeds_rebuild_batched()
def sessions_mark_held(*, today: date) -> int:
    """Sessions with announced dates that have closed met on those dates: mark them held
    (a line of their event's description; nothing a calendar must hear of). Held means
    "took place on these dates", so a session whose dates are only estimated stays
    estimated once past (it has closed, `Session.has_closed`, but its dates are still a
    guess, shown TENTATIVE) until a person confirms or loads its dates. A session
    cancelled or postponed did not meet: never marked. Returns how many sessions changed."""
    count = 0
    for session in Session.objects.filter(
        end__lt=today,
        status=Session.Status.SCHEDULED,
        dates_status=Session.DatesStatus.ANNOUNCED,
    ).select_related("body"):
        session_reschedule(
            session=session,
            start=session.start,
            end=session.end,
            dates_status=Session.DatesStatus.HELD,
        )
        count += 1
    return count


SESSIONS_CSV_COLUMNS = ("body", "session", "part", "start", "end", "status")
# The file's words for the dates' status; "actual" is what the shared calendar file uses.
SESSIONS_CSV_STATUS = {
    "actual": Session.DatesStatus.HELD,
    "held": Session.DatesStatus.HELD,
    "announced": Session.DatesStatus.ANNOUNCED,
    "estimated": Session.DatesStatus.ESTIMATED,
}
# ... and for a session or part that will not meet on its dates (the row's dates are those
# it was announced for).
SESSIONS_CSV_CALLED_OFF = {
    "cancelled": Session.Status.CANCELLED,
    "postponed": Session.Status.POSTPONED,
}
# regular: the session's run; main: when the GA's main part closes (its end); resumed,
# organizational: a part of the session apart from its run (`SessionPart`), known by its
# opening day.
SESSIONS_CSV_PARTS = ("regular", "main", *SessionPart.Kind.values)
PART_LABELS = {"main": "main part", **{k: str(label) for k, label in SessionPart.Kind.choices}}
#: The years a session's dates may fall in: the first UN session met in 1946, and a date near
#: 9999 overflows the date arithmetic of due dates and feeds (a traceback, not a row error).
SESSIONS_CSV_YEARS = range(1946, 2200)
#: The largest session number (bodies count their sessions in tens or hundreds): the same
#: limit on every database; PostgreSQL's integer column refused more with a traceback.
SESSIONS_CSV_MAX_NUMBER = 9999


@dataclass
class SessionRow:
    line: int
    body: Body
    number: int
    part: str
    start: date
    end: date
    dates_status: str
    source: str
    status: str = Session.Status.SCHEDULED  # cancelled or postponed: it will not meet


class SessionsFileError(ValueError):
    """A sessions file with errors; `errors` lists them all, each with its line number."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def _row_label(code: str, number: int, part: str, start: date | None) -> str:
    """ "HRC 64 (regular)", "GA 81 (resumed, opening 2027-03-01)": a row's key, as the
    duplicate check names it."""
    if part in SessionPart.Kind.values and start is not None:
        return f"{code} {number} ({part}, opening {start})"
    return f"{code} {number} ({part})"


def sessions_csv_parse(*, text: str) -> list[SessionRow]:
    """Read and check every row of a session calendar in CSV (body, session, part, start,
    end, status[, source]); raise SessionsFileError listing every problem, or return rows.

    `part`: regular (or empty), main, resumed, organizational; `status`: the dates' status
    (actual/held, announced, estimated), or cancelled or postponed (the session, or the
    part, will not meet on the row's dates: those it was announced for)."""
    errors: list[str] = []
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [name for name in SESSIONS_CSV_COLUMNS if name not in (reader.fieldnames or [])]
    if missing:
        raise SessionsFileError(
            [
                f"line 1: missing column(s) {', '.join(missing)}; expected {', '.join(SESSIONS_CSV_COLUMNS)}, source"
            ]
        )
    bodies = {body.code: body for body in Body.objects.all()}
    rows: list[SessionRow] = []
    seen: dict[tuple, int] = {}
    for record in reader:
        line = reader.line_num
        problems = []
        values = {key: (value or "").strip() for key, value in record.items() if key}
        if None in record:
            problems.append("more fields than columns")
        code = values.get("body", "")
        body = bodies.get(code)
        if body is None:
            problems.append(f"unknown body {code!r} (known: {', '.join(sorted(bodies))})")
        number_text = values.get("session", "")
        whole = number_text.isascii() and number_text.isdigit()
        number = int(number_text) if whole and int(number_text) > 0 else None
        if number is None:
            problems.append(f"session {number_text!r} is not a positive whole number")
        elif number > SESSIONS_CSV_MAX_NUMBER:
            problems.append(f"session {number_text!r} is larger than {SESSIONS_CSV_MAX_NUMBER}")
            number = None
        part = values.get("part") or "regular"
        if part not in SESSIONS_CSV_PARTS:
            problems.append(f"part {part!r} is not one of {', '.join(SESSIONS_CSV_PARTS)}")
        dates = {}
        for name in ("start", "end"):
            try:
                dates[name] = date.fromisoformat(values.get(name, ""))
            except ValueError:
                problems.append(f"{name} {values.get(name, '')!r} is not a date (YYYY-MM-DD)")
                continue
            if dates[name].year not in SESSIONS_CSV_YEARS:
                problems.append(
                    f"{name} {dates.pop(name)} is not between {SESSIONS_CSV_YEARS.start}"
                    f" and {SESSIONS_CSV_YEARS.stop - 1}"
                )
        if len(dates) == 2 and dates["end"] < dates["start"]:
            problems.append(f"end {dates['end']} is before start {dates['start']}")
        word = values.get("status", "").lower()
        dates_status = SESSIONS_CSV_STATUS.get(word)
        called_off = SESSIONS_CSV_CALLED_OFF.get(word)
        if dates_status is None and called_off is None:
            known = ", ".join([*SESSIONS_CSV_STATUS, *SESSIONS_CSV_CALLED_OFF])
            problems.append(f"status {values.get('status', '')!r} is not one of {known}")
        elif called_off is not None and part == "main":
            problems.append(
                f"a main part is not {word} on its own: its row says when it closes; a"
                " regular row cancels or postpones the session"
            )
        source = values.get("source", "")
        if len(source) > 500:
            problems.append(f"source is {len(source)} characters long (at most 500)")
        if body is not None and number is not None:
            start = dates.get("start")
            key = (code, number, part, start if part in SessionPart.Kind.values else None)
            if key in seen:
                label = _row_label(code, number, part, start)
                problems.append(f"{label} is already on line {seen[key]}")
            seen.setdefault(key, line)
        if problems or body is None or number is None or (dates_status or called_off) is None:
            errors.extend(f"line {line}: {problem}" for problem in problems)
            continue
        rows.append(
            SessionRow(
                line,
                body,
                number,
                part,
                dates["start"],
                dates["end"],
                # a row that calls it off gives the dates it was announced for
                dates_status or Session.DatesStatus.ANNOUNCED,
                source,
                called_off or Session.Status.SCHEDULED,
            )
        )
    regular = {(row.body.code, row.number): row for row in rows if row.part == "regular"}
    for row in rows:
        if row.part == "regular":
            continue
        session = (
            regular.get((row.body.code, row.number))
            or Session.objects.filter(body=row.body, number=row.number).first()
        )
        if session is None:
            errors.append(
                f"line {row.line}: {PART_LABELS[row.part]} of {row.body.code} {row.number}, a"
                " session that is neither in the file nor in the database"
            )
        elif row.part == "main" and not session.start <= row.end <= session.end:
            errors.append(
                f"line {row.line}: main part closes {row.end}, outside {row.body.code}"
                f" {row.number} ({session.start} to {session.end})"
            )
        elif row.part == SessionPart.Kind.RESUMED and row.start <= session.start:
            errors.append(
                f"line {row.line}: resumed part opens {row.start}, not after {row.body.code}"
                f" {row.number} opens ({session.start})"
            )
    if not rows and not errors:
        errors.append("line 1: no session rows")
    if errors:
        raise SessionsFileError(errors)
    return rows


@dataclass
class SessionsLoadResult:
    created: list[Session]
    updated: list[Session]
    unchanged: list[Session]
    kept: list[Session]  # the file's dates are less sure than the stored ones
    due_dates_changed: int
    marked_held: int
    # why each kept session was kept, by id (the dates less sure; a cancelled session)
    kept_why: dict[int, str] = field(default_factory=dict)
    # sessions whose status the file changed: cancelled, postponed or scheduled again
    status_changed: list[Session] = field(default_factory=list)
    flagged: int = 0  # open deliverables flagged for review: their session was called off
    considerations_flagged: int = 0  # considerations of a question at it, likewise
    parts_created: list[SessionPart] = field(default_factory=list)
    parts_updated: list[SessionPart] = field(default_factory=list)
    parts_unchanged: list[SessionPart] = field(default_factory=list)
    parts_kept: list[tuple[SessionPart, str]] = field(default_factory=list)

    @property
    def parts_seen(self) -> bool:
        return bool(
            self.parts_created or self.parts_updated or self.parts_unchanged or self.parts_kept
        )


#: How sure a session's dates are: a row of the file replaces stored dates only when it is
#: at least as sure (held dates are facts; announced ones may still move).
DATES_CERTAINTY: dict[str, int] = {
    Session.DatesStatus.ESTIMATED: 0,
    Session.DatesStatus.ANNOUNCED: 1,
    Session.DatesStatus.HELD: 2,
}


def _row_applies(
    *, status: str, dates_status: str, dates: tuple[date, date], row: SessionRow
) -> tuple[str, bool]:
    """What a row of the file may change of a stored session or part (its `status`, the
    status and the dates it has): why it is kept ("" when the row applies), and whether
    the row's dates replace the stored ones.

    A row that cancels or postpones applies (its dates only when at least as sure). A row
    of dates never schedules again a cancelled session (its admin page does: an old file
    loaded again must not bring it back), nor a postponed one unless it gives new dates,
    announced or held: the dates it was postponed from do not revive it. Otherwise the
    dates replace the stored ones only when at least as sure (`DATES_CERTAINTY`)."""
    sure = DATES_CERTAINTY[row.dates_status] >= DATES_CERTAINTY[dates_status]
    if row.status != Session.Status.SCHEDULED:
        return "", sure
    if status == Session.Status.CANCELLED:
        return "it is cancelled; only its admin page schedules it again", False
    if status == Session.Status.POSTPONED and (
        row.dates_status == Session.DatesStatus.ESTIMATED or (row.start, row.end) == dates
    ):
        return "it is postponed, and the file gives no new announced dates", False
    if not sure:
        label = dict(Session.DatesStatus.choices)[dates_status]
        return f"the stored dates are {label}, surer than the file's", False
    return "", True


@feeds_rebuild_batched()
@transaction.atomic
def sessions_load(*, rows: list[SessionRow], today: date) -> SessionsLoadResult:
    """Store official session dates (all rows or none), recompute the due dates of the
    sessions that moved, then mark the sessions with announced dates that have closed as
    held (`sessions_mark_held`: estimated dates stay estimated).

    A row never replaces dates that are surer (`DATES_CERTAINTY`): estimated dates never
    replace announced or held ones, announced never replace held ones (a person's
    correction of a held session stands, and a session marked held stays so). The end of
    a GA session's main part is taken from its own row, even when the regular row is kept.

    A row that cancels or postpones a session flags its open deliverables for a person to
    decide (`session_status_changed`); a cancelled session is scheduled again only on its
    admin page, a postponed one by new announced dates (`_row_applies`). Resumed parts and
    organizational meetings are stored as the session's parts (known by their opening
    day), and the due dates of their sessions recomputed (`session_parts_recompute`).
    """
    result = SessionsLoadResult([], [], [], [], 0, 0)
    main_rows = {(row.body.pk, row.number): row for row in rows if row.part == "main"}
    main_ends: dict[tuple[int, int], date] = {}
    for row in rows:
        if row.part != "regular":
            continue
        main_row = main_rows.pop((row.body.pk, row.number), None)
        main_end = main_row.end if main_row is not None else None
        session = (
            Session.objects.filter(body=row.body, number=row.number).select_related("body").first()
        )
        if session is None:
            session = Session(body=row.body, number=row.number, start=row.start, end=row.end)
            session.dates_status, session.source = row.dates_status, row.source
            session.main_part_end, session.status = main_end, row.status
            session.full_clean(validate_unique=False)
            session.save()
            result.created.append(session)
            # Deliverables read as due at it ("at CSW 71") waited for it: link and date them
            # (flagged, if it is called off).
            result.due_dates_changed += session_link_waiting_deliverables(session=session)
            if session.called_off:
                result.status_changed.append(session)
                reason = due_session_status_reason(session=session)
                result.flagged += sum(
                    reason in reasons
                    for reasons in Deliverable.objects.filter(due_session=session).values_list(
                        "review_reasons", flat=True
                    )
                )
            continue
        why, dates_apply = _row_applies(
            status=session.status,
            dates_status=session.dates_status,
            dates=(session.start, session.end),
            row=row,
        )
        if why:
            result.kept.append(session)
            result.kept_why[session.pk] = why
            if main_row is not None and main_row.dates_status != Session.DatesStatus.ESTIMATED:
                main_ends[(row.body.pk, row.number)] = main_row.end
            continue
        start, end, dates_status, source = (
            (row.start, row.end, row.dates_status, row.source)
            if dates_apply
            else (session.start, session.end, session.dates_status, session.source)
        )
        new_main_end = main_end if main_end is not None else session.main_part_end
        stored = (
            session.start,
            session.end,
            session.dates_status,
            session.source,
            session.main_part_end,
            session.status,
        )
        if stored == (start, end, dates_status, source, new_main_end, row.status):
            result.unchanged.append(session)
            continue
        former = session.status
        session.source, session.main_part_end, session.status = source, new_main_end, row.status
        result.due_dates_changed += session_reschedule(
            session=session, start=start, end=end, dates_status=dates_status
        )
        if row.status != former:
            flagged = session_status_changed(session=session, former=former)
            result.flagged += flagged.deliverables
            result.considerations_flagged += flagged.considerations
            result.status_changed.append(session)
        result.updated.append(session)
    # main parts of sessions not in the file, or whose regular row was kept
    main_ends.update({key: main_row.end for key, main_row in main_rows.items()})
    for (body_id, number), end in main_ends.items():
        session = Session.objects.get(body_id=body_id, number=number)
        if session.main_part_end == end:
            result.unchanged.append(session)
            continue
        session.main_part_end = end
        result.due_dates_changed += session_reschedule(
            session=session, start=session.start, end=session.end
        )
        result.updated.append(session)
    _parts_load([row for row in rows if row.part in SessionPart.Kind.values], result)
    result.marked_held = sessions_mark_held(today=today)
    return result


def _parts_load(rows: list[SessionRow], result: SessionsLoadResult) -> None:
    """The file's resumed parts and organizational meetings (see `sessions_load`)."""
    touched: dict[int, Session] = {}
    for row in rows:
        session = Session.objects.select_related("body").get(body=row.body, number=row.number)
        part = SessionPart.objects.filter(session=session, kind=row.part, start=row.start).first()
        if part is None:
            part = SessionPart(
                session=session,
                kind=row.part,
                start=row.start,
                end=row.end,
                dates_status=row.dates_status,
                status=row.status,
                source=row.source,
            )
            session_part_store(part=part)
            result.parts_created.append(part)
            touched[session.pk] = session
            continue
        why, dates_apply = _row_applies(
            status=part.status,
            dates_status=part.dates_status,
            dates=(part.start, part.end),
            row=row,
        )
        if why:
            result.parts_kept.append((part, why))
            continue
        if dates_apply:
            part.end, part.dates_status, part.source = row.end, row.dates_status, row.source
        part.status = row.status
        if session_part_store(part=part):
            result.parts_updated.append(part)
            touched[session.pk] = session
        else:
            result.parts_unchanged.append(part)
    for session in touched.values():
        result.due_dates_changed += session_parts_recompute(session=session)
