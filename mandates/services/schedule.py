"""Sessions to dates: the session calendar, due-date rules and the due dates they give.

Resolutions set deadlines as sessions ("at its sixty-fifth session"); people live by
dates. This module turns one into the other:

- `session_get_or_estimate` finds a session or estimates its dates from the body's pattern
  (HRC: three regular sessions a year; GA: one regular session opening in September);
- `deliverable_due_date_refresh` applies the most specific `DueDateRule` of the due
  session's body and keeps `due_date` = manual > printed > computed;
- `session_reschedule` and `deliverables_recompute_for_rule` recompute what depends on a
  session or a rule when staff change them. A changed due date bumps the deliverable's
  calendar SEQUENCE; reminders key on `due_date`, so they follow on their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from mandates.models import Body, Deliverable, DueDateRule, Session

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


def _ga_opening(year: int) -> date:
    """The Tuesday of the second week of September, counting from the first week with a
    September working day.

    Rule 1 of the GA's rules of procedure says the third week; sessions 78-81 in fact
    opened a week earlier (5 Sep 2023, 10 Sep 2024, 9 Sep 2025, 8 Sep 2026), so the
    estimate follows the practice.
    """
    first = date(year, 9, 1)
    first_working = first if first.weekday() < 5 else _weekday_on_or_after(first, MONDAY)
    week_one_monday = first_working - timedelta(days=first_working.weekday())
    return week_one_monday + timedelta(days=7 + TUESDAY)


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
    session, _ = Session.objects.get_or_create(
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
    return session


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


def due_date_compute(
    *, session: Session, kind: str, relation: str, rules: Iterable[DueDateRule]
) -> date:
    """The date a deliverable of `kind` due `relation` `session` is due.

    With no rule for the body, the body's default lead time before the session opens.
    A rule counted from the close of a GA session counts from the end of its main part.
    """
    rule = due_date_rule_for(rules=rules, kind=kind, relation=relation)
    if rule is None:
        return session.start - timedelta(days=session.body.default_lead_time_days)
    if rule.anchor == DueDateRule.Anchor.CLOSING:
        anchor = session.main_part_end or session.end
    else:
        anchor = session.start
    return anchor - timedelta(days=rule.lead_time_days)


def _body_rules(body_id: int) -> list[DueDateRule]:
    return list(DueDateRule.objects.filter(body_id=body_id))


def _refresh(deliverable: Deliverable, rules: list[DueDateRule] | None) -> list[str]:
    """Recompute in memory; return the names of the fields that changed."""
    session = deliverable.due_session
    if session is None:
        computed = None
    else:
        if rules is None:
            rules = _body_rules(session.body_id)
        computed = due_date_compute(
            session=session,
            kind=deliverable.kind,
            relation=deliverable.due_relation,
            rules=rules,
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
        _feeds_rebuild_on_commit(deliverable_ids=[deliverable.pk])
    return bool(changed)


def _recompute(deliverables: Iterable[Deliverable], *, bump_all: bool = False) -> int:
    """Recompute and save a set of deliverables, loading each body's rules once."""
    rules_by_body: dict[int, list[DueDateRule]] = {}
    changed_count = 0
    touched = []
    for deliverable in deliverables:
        rules = None
        if deliverable.due_session is not None:
            body_id = deliverable.due_session.body_id
            if body_id not in rules_by_body:
                rules_by_body[body_id] = _body_rules(body_id)
            rules = rules_by_body[body_id]
        changed = _refresh(deliverable, rules)
        if changed:
            changed_count += 1
        if bump_all and "sequence" not in changed:
            deliverable.sequence += 1
            changed.append("sequence")
        if changed:
            deliverable.save(update_fields=[*changed, "updated_at"])
            touched.append(deliverable.pk)
    if touched:
        _feeds_rebuild_on_commit(deliverable_ids=touched)
    return changed_count


@transaction.atomic
def session_reschedule(
    *, session: Session, start: date, end: date, dates_status: str | None = None
) -> int:
    """Move (or confirm) a session, then recompute the due dates of its deliverables.

    Returns how many deliverables' dates changed. A change of the dates or their status
    raises the session's calendar SEQUENCE by one. If the dates' status changes (compared
    with the stored row, so callers such as the admin may already have set it), every
    deliverable of the session gets a higher SEQUENCE, since its calendar STATUS may go
    from TENTATIVE to CONFIRMED even when its date stays.
    """
    stored = (
        Session.objects.filter(pk=session.pk)
        .values_list("start", "end", "dates_status", "main_part_end", "sequence")
        .first()
    )
    if dates_status is None:
        dates_status = session.dates_status
    status_changed = stored is not None and dates_status != stored[2]
    session.start, session.end, session.dates_status = start, end, dates_status
    if stored is not None and (start, end, dates_status, session.main_part_end) != stored[:4]:
        session.sequence = stored[4] + 1  # what the session calendar shows changed
    session.full_clean(exclude=["body"], validate_unique=False)
    session.save()
    deliverables = list(
        Deliverable.objects.filter(due_session=session).select_related("due_session__body")
    )
    changed = _recompute(deliverables, bump_all=status_changed)
    _feeds_rebuild_on_commit(session_ids=[session.pk])
    return changed


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


def _feeds_rebuild_on_commit(
    *, deliverable_ids: list[int] | None = None, session_ids: list[int] | None = None
) -> None:
    """Queue the rebuild of the affected feeds once the transaction commits."""
    from mandates import tasks

    tasks.feeds_rebuild.delay_on_commit(
        deliverable_ids=list(deliverable_ids or []),
        session_ids=list(session_ids or []),
    )


# Fields whose change alters what a calendar shows (besides the date): SEQUENCE goes up.
CALENDAR_SHOWN_FIELDS = frozenset(
    {"title", "kind", "progress", "review_status", "due_session", "due_relation", "is_public"}
)


def deliverable_calendar_sync(*, deliverable: Deliverable, changed_fields: Iterable[str]) -> bool:
    """After a person edits a deliverable: recompute its due date and, if what calendars
    show changed (title, kind, progress, review, session), bump SEQUENCE once.

    Always queues a feed rebuild; returns whether the date or the SEQUENCE changed.
    """
    changed = _refresh(deliverable, None)
    if CALENDAR_SHOWN_FIELDS & set(changed_fields) and "sequence" not in changed:
        deliverable.sequence += 1
        changed.append("sequence")
    deliverable.save(update_fields=[*changed, "updated_at"])
    _feeds_rebuild_on_commit(deliverable_ids=[deliverable.pk])
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
    _feeds_rebuild_on_commit(deliverable_ids=[d.pk for d in deliverables])
    return changed


def deliverables_recompute_for_body(*, body_id: int) -> int:
    """Recompute every deliverable due at a session of this body (after a rule of the
    body was deleted or moved to another body); returns how many changed."""
    deliverables = Deliverable.objects.filter(due_session__body_id=body_id).select_related(
        "due_session__body"
    )
    with transaction.atomic():
        return _recompute(deliverables)
