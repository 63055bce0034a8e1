"""State changes of a deliverable made by people: review, correction, assignment, progress.

Every change here marks the fields a person now owns (``edited_fields``), so that a new
version of the text never overwrites them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import models, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from mandates.models import (
    Body,
    Contact,
    Deliverable,
    Mandate,
    ProposedChange,
    Resolution,
    ReviewStatus,
    Session,
)

from .drafts import superseded_deliverables
from .history_batch import change_reason, reasons_unreviewed
from .ingest import (
    NO_LONGER_IN_TEXT,
    SESSION_BODIES,
    TEXT_CHANGED,
    reasons_resolved,
    session_carries,
    value_shown,
    warnings_resolved,
)
from .schedule import deliverable_calendar_sync, session_get_or_estimate


@transaction.atomic
def actor_reasons_resolve(
    *, mandate: Mandate, deliverables: QuerySet[Deliverable] | None = None
) -> None:
    """A person gave the mandate its actor (or moved a deliverable to a mandate that has
    one): "actor not in the alias table" goes from the mandate and its deliverables (or
    those given), a flag with no reason left goes down, and the resolution's warning for
    it goes. Every other reason stays; a mandate without an Actor row changes nothing."""
    if mandate.actor_id is None:
        return
    rows = Deliverable.objects.filter(mandate=mandate) if deliverables is None else deliverables
    said = change_reason(_("Review reason settled: the actor is %s") % mandate.actor)
    for row in [mandate, *rows.select_for_update(of=("self",))]:
        reasons = reasons_resolved(row.review_reasons, actor_id=mandate.actor_id)
        if reasons == row.review_reasons:
            continue
        row.review_reasons = reasons
        row.needs_review = row.needs_review and bool(reasons)
        row._change_reason = said
        row.save(update_fields=["review_reasons", "needs_review", "updated_at"])
        del row._change_reason
    resolution = Resolution.objects.select_for_update().get(pk=mandate.resolution_id)
    warnings = warnings_resolved(
        resolution.warnings, [(mandate.paragraph_label, mandate.actor_name)]
    )
    if warnings != resolution.warnings:
        Resolution.objects.filter(pk=resolution.pk).update(warnings=warnings)


def _concrete(deliverable: Deliverable) -> Deliverable:
    """The review queue's rows are a proxy model, and the history only hears saves of
    Deliverable itself: view the same object (same attributes, shared) as a Deliverable."""
    if type(deliverable) is Deliverable:
        return deliverable
    concrete = Deliverable.__new__(Deliverable)
    concrete.__dict__ = deliverable.__dict__
    return concrete


def _concrete_rows(deliverables: QuerySet[Deliverable]) -> QuerySet[Deliverable]:
    """The same rows as Deliverable (see `_concrete`), without a superseded draft's that
    its adopted deliverable continues or that was closed: work on them goes nowhere
    (`drafts.superseded_deliverables`; the admin says how many it left out)."""
    if deliverables.model is not Deliverable:
        deliverables = Deliverable.objects.filter(pk__in=deliverables.values("pk"))
    return deliverables.exclude(superseded_deliverables())


# Kept up to date by the system, never owned by a person.
DERIVED_FIELDS = frozenset(
    {"edited_fields", "updated_at", "sequence", "computed_due_date", "due_date"}
)


def deliverable_mark_edited(
    *, deliverable: Deliverable, fields: Iterable[str], unsaved: bool = False
) -> None:
    """A person changed these fields: they own them now. Then recompute the due date, bump
    the calendar SEQUENCE if calendars show the change, and republish the feeds.
    ``unsaved``: the fields are set on ``deliverable`` but not written yet (one write)."""
    fields = set(fields)
    owned = fields - DERIVED_FIELDS
    also_save = sorted(fields) if unsaved else []
    if owned - set(deliverable.edited_fields):
        deliverable.edited_fields = sorted(set(deliverable.edited_fields) | owned)
        also_save.append("edited_fields")
    # One write, so the history holds one record per change a person makes.
    deliverable_calendar_sync(deliverable=deliverable, changed_fields=fields, also_save=also_save)


#: What a new version of the text proposes that a review decision settles: the values the
#: review page lets a person set or choose (its form's fields; the session as a reading,
#: with the body and number it carries). A noted report, "no longer in the text" and other
#: readings are decided on the deliverable itself.
SETTLED_ON_CONFIRM = frozenset(
    {"kind", "count", "title", "due_session", "due_relation", "recurring"}
)
#: What the text proposes that the review page shows but cannot set (a printed date, a
#: body or session number apart from a calendar session): confirming leaves it open, and
#: the flag up, until a person accepts or dismisses it; only the value they saw and chose
#: is theirs. The bulk "Confirm" leaves a deliverable with any of either waiting.
LEFT_OPEN_ON_CONFIRM = frozenset({"due_body", "due_session_number", "stated_due_date"})


def _proposals_waiting(deliverables: QuerySet[Deliverable]) -> QuerySet[ProposedChange]:
    return ProposedChange.objects.filter(
        deliverable__in=deliverables,
        resolved=False,
        field__in=SETTLED_ON_CONFIRM | LEFT_OPEN_ON_CONFIRM,
    )


def deliverables_with_proposals(deliverables: QuerySet[Deliverable]) -> list[Deliverable]:
    """The deliverables a new version of the text proposes values for, still waiting: the
    bulk "Confirm" leaves them (the person has not seen the proposals), their review page
    decides them."""
    waiting = _proposals_waiting(deliverables).values("deliverable_id")
    return list(
        Deliverable.objects.filter(pk__in=waiting)
        .select_related("mandate__resolution")
        .order_by("pk")
    )


@transaction.atomic
def deliverable_review(*, deliverables: QuerySet[Deliverable], status: str) -> int:
    """Confirm or reject proposed deliverables; confirming clears the review flag.

    Confirming leaves a deliverable a new version of the text proposes values for
    (`deliverables_with_proposals`): confirmed unseen, the proposal would stay open and a
    later "Accept" would undo the person's decision; its review page settles both."""
    count = 0
    rows = _concrete_rows(deliverables).select_for_update(of=("self",))
    if status == ReviewStatus.CONFIRMED:
        rows = rows.exclude(pk__in=_proposals_waiting(rows).values("deliverable_id"))
    for deliverable in rows.select_related("due_session__body"):
        deliverable_review_set(deliverable=deliverable, status=status)
        deliverable.save(update_fields=["review_status", "needs_review", "updated_at"])
        del deliverable._change_reason
        deliverable_calendar_sync(deliverable=deliverable, changed_fields=["review_status"])
        count += 1
    return count


def deliverable_review_set(*, deliverable: Deliverable, status: str) -> None:
    """A person confirms or rejects a deliverable (in memory; the caller saves): the review
    flag goes down, so it leaves the review queue, and its history record says what was
    decided ("Confirmed with the reading HRC 65 (at)"). The one rule for "Confirm
    selected" / "Reject selected" and the deliverable's own page."""
    deliverable.review_status = status
    deliverable.needs_review = False
    reading = Reading.of(deliverable)
    if status == ReviewStatus.CONFIRMED and reading is not None:
        deliverable._change_reason = _("Confirmed with the reading %s") % reading
    else:
        deliverable._change_reason = str(ReviewStatus(status).label).capitalize()


def deliverable_confirm(*, deliverables: QuerySet[Deliverable]) -> int:
    return deliverable_review(deliverables=deliverables, status=ReviewStatus.CONFIRMED)


def deliverable_reject(*, deliverables: QuerySet[Deliverable]) -> int:
    return deliverable_review(deliverables=deliverables, status=ReviewStatus.REJECTED)


@dataclass(frozen=True)
class Reading:
    """One reading of a deadline: a session of a body and the relation to it ("at")."""

    body: str
    session: int
    relation: str = "at"

    @classmethod
    def of(cls, deliverable: Deliverable) -> Reading | None:
        """The deliverable's current reading (None without a due session)."""
        session = deliverable.due_session
        if session is None:
            return None
        return cls(session.body.code, session.number, deliverable.due_relation or "at")

    @classmethod
    def parse(cls, value: str) -> Reading:
        """ "HRC|65|at" (the value of a choice in the review form)."""
        body, number, relation = value.split("|")
        return cls(body, int(number), relation)

    @property
    def value(self) -> str:
        return f"{self.body}|{self.session}|{self.relation}"

    def as_alternative(self) -> dict:
        return {"body": self.body, "session": self.session, "relation": self.relation, "date": None}

    def __str__(self) -> str:
        return f"{self.body} {self.session} ({self.relation})"


def deliverable_readings(deliverable: Deliverable) -> list[Reading]:
    """The current reading first, then the text's other readings (each once)."""
    readings = [reading] if (reading := Reading.of(deliverable)) else []
    for alt in deliverable.alternatives or []:
        if alt.get("body") and alt.get("session"):
            relation = alt.get("relation") or deliverable.due_relation or "at"
            other = Reading(alt["body"], int(alt["session"]), relation)
            if all((r.body, r.session) != (other.body, other.session) for r in readings):
                readings.append(other)
    return readings


def deliverable_proposed_reading(deliverable: Deliverable) -> Reading | None:
    """The deadline an open proposal of a new version of the text reads ("HRC 67"), as a
    reading the review page offers beside the text's others; None without one (or for a
    session of a body without a calendar that nobody entered: it is set by hand)."""
    waiting = {
        change.field: change
        for change in sorted(deliverable.proposed_changes.all(), key=lambda c: c.pk)
        if not change.resolved and change.field in ("due_session", "due_relation")
    }
    change = waiting.get("due_session")
    if change is None:
        return None
    code, _space, number = change.new_value.rpartition(" ")
    if not code or not (number.isascii() and number.isdigit()):
        return None
    body = Body.objects.filter(code=code).first()
    if body is None or (
        body.code not in SESSION_BODIES and not body.sessions.filter(number=int(number)).exists()
    ):
        return None
    relation_change = waiting.get("due_relation")
    if relation_change is not None and relation_change.new_value != "-":
        relation = relation_change.new_value
    else:
        relation = deliverable.due_relation or "at"
    return Reading(code, int(number), relation)


def _keep_replaced_reading(
    deliverable: Deliverable, previous: Reading | None, current: Reading | None
) -> None:
    """A reading that is replaced (by another reading or by hand) stays among the other
    readings, and the current one leaves them: no reading of the text is ever lost."""
    if previous is None or current is None or previous == current:
        return
    same = (current.body, current.session)
    others = [
        alt
        for alt in deliverable.alternatives or []
        if (alt.get("body"), alt.get("session")) != same
    ]
    if all(
        (alt.get("body"), alt.get("session")) != (previous.body, previous.session) for alt in others
    ):
        others.insert(0, previous.as_alternative())
    deliverable.alternatives = others


def deliverable_apply_reading(*, deliverable: Deliverable, reading: Reading) -> None:
    """Point the deadline at `reading` in memory (the session is created, estimated, if
    nobody entered it); the replaced reading joins the other readings. Not saved."""
    previous = Reading.of(deliverable)
    deliverable.due_session = session_get_or_estimate(
        body=Body.objects.get(code=reading.body), number=reading.session
    )
    deliverable.due_relation = reading.relation
    _keep_replaced_reading(deliverable, previous, reading)


def deliverable_correct(*, deliverable: Deliverable, previous: Reading | None) -> None:
    """A person changed the due session or relation by hand (in memory, not yet saved):
    the reading they replaced stays among the other readings."""
    _keep_replaced_reading(deliverable, previous, Reading.of(deliverable))


class Decision(models.TextChoices):
    CONFIRM = "confirm", gettext_lazy("Confirm")
    KEEP = "keep", gettext_lazy("Keep for later")
    REJECT = "reject", gettext_lazy("Reject")


@transaction.atomic
def deliverable_decide(
    *,
    deliverable: Deliverable,
    decision: str,
    reading: Reading | None = None,
    edited_fields: Iterable[str] = (),
) -> str:
    """A person's review decision on one deliverable, with the corrections they typed
    (already set on `deliverable`, listed in `edited_fields`) and the reading they chose.

    Confirm: the deadline follows the chosen reading (or the hand correction), the item is
    confirmed and leaves the queue. Keep for later: corrections and the chosen reading are
    saved, the item stays proposed and flagged. Reject: the item is rejected. The history
    record says who decided (the request's user) and what; returns that sentence.
    """
    deliverable = _concrete(deliverable)
    stored = Deliverable.objects.select_related("due_session__body").get(pk=deliverable.pk)
    previous = Reading.of(stored)
    edited = set(edited_fields)
    if reading is not None and reading != Reading.of(deliverable):
        deliverable_apply_reading(deliverable=deliverable, reading=reading)
        edited |= {"due_session", "due_relation"}
    current = Reading.of(deliverable)
    by_hand = reading is None and current != previous
    _keep_replaced_reading(deliverable, previous, current)
    if decision == Decision.CONFIRM:
        accepted, dismissed, left_open, carried = _proposals_settle_on_confirm(deliverable)
        edited |= carried
        deliverable.review_status = ReviewStatus.CONFIRMED
        # a value the page could not set still waits: the flag stays up until it is settled
        # (and "Accept" takes it: no confirmation with the flag down came after it)
        deliverable.needs_review = bool(left_open)
        if left_open:
            # the person reviewed every other reason: only the text's proposals still wait,
            # so settling them takes the flag down (a record with the flag up marks no
            # reason reviewed, and the others would raise it again)
            deliverable.review_reasons = [
                reason for reason in deliverable.review_reasons if reason.startswith(TEXT_CHANGED)
            ]
        if by_hand:
            summary = _("Confirmed with the session corrected by hand: %s") % current
        elif current is not None:
            summary = _("Confirmed with the reading %s") % current
        else:
            summary = _("Confirmed")
        for said, changes in (
            (_("accepted the proposed %s"), accepted),
            (_("dismissed the proposed %s"), dismissed),
            (_("left open the proposed %s (set in Proposed changes)"), left_open),
        ):
            if changes:
                summary += "; " + said % ", ".join(
                    f"{change.field_label} {change.new_value}" for change in changes
                )
    elif decision == Decision.REJECT:
        deliverable.review_status = ReviewStatus.REJECTED
        deliverable.needs_review = False
        summary = _("Rejected")
    elif decision == Decision.KEEP:
        summary = _("Kept for later")
        if current != previous:
            summary += " " + _("with the reading %s") % current
    else:
        raise ValueError(f"unknown decision {decision!r}")
    owned = edited - DERIVED_FIELDS
    deliverable.edited_fields = sorted(set(deliverable.edited_fields) | owned)
    deliverable._change_reason = change_reason(summary)
    if deliverable.review_status != stored.review_status:
        edited.add("review_status")  # calendars show it: SEQUENCE goes up once
    deliverable_calendar_sync(deliverable=deliverable, changed_fields=edited, save_all=True)
    del deliverable._change_reason  # later writes (assignees saved by a form) are their own
    return summary


def _proposals_settle_on_confirm(
    deliverable: Deliverable,
) -> tuple[list[ProposedChange], list[ProposedChange], list[ProposedChange], set[str]]:
    """Confirming decides what a new version of the text proposes that the page lets the
    person set (`SETTLED_ON_CONFIRM`; the session offered as a reading): a proposal the
    confirmed values match is accepted, any other dismissed, the values confirmed staying.
    Without this the proposal stayed open after the item left the queue, and a later
    "Accept" moved what the person had just confirmed. A value the page cannot set
    (`LEFT_OPEN_ON_CONFIRM`, a printed date) is no choice the person made: it stays open
    (dismissed, it was never proposed again and the text's new date was lost), unless the
    confirmed values match it or an accepted session carries it. Returns the proposals
    accepted, dismissed and left open (the history's sentence names them) and the fields
    an accepted session carries (the person's own now)."""
    waiting = list(
        _proposals_waiting(Deliverable.objects.filter(pk=deliverable.pk))
        .order_by("pk")
        .select_for_update()
    )
    waiting.sort(key=lambda change: change.field != "due_session")  # sessions first
    accepted: list[ProposedChange] = []
    dismissed: list[ProposedChange] = []
    left_open: list[ProposedChange] = []
    carried: set[str] = set()
    for change in waiting:
        if value_shown(getattr(deliverable, change.field)) != change.new_value:
            if change.field in SETTLED_ON_CONFIRM:
                dismissed.append(change)
            else:
                left_open.append(change)
            continue
        if change.field == "due_session" and deliverable.due_session is not None:
            # the session chosen is the text's now: the deadline as read follows it
            deliverable.due_body = deliverable.due_session.body
            deliverable.due_session_number = deliverable.due_session.number
            carried = {"due_session", "due_body", "due_session_number"}
        if change.field not in ("due_body", "due_session_number") or not carried:
            accepted.append(change)
    settled = [change.pk for change in waiting if change not in left_open]
    ProposedChange.objects.filter(pk__in=settled).update(resolved=True)
    _text_changed_settled(deliverable)
    return accepted, dismissed, left_open, carried


def _names(contacts: Iterable[Contact]) -> str:
    return ", ".join(sorted(contact.name for contact in contacts))


@transaction.atomic
def deliverable_assign(
    *, deliverables: QuerySet[Deliverable], contacts: Iterable[Contact], replace: bool = False
) -> int:
    """Make these contacts responsible, instead of the actor's default contacts: added to
    the people already assigned, or (``replace``) instead of them. Someone taken off loses
    the deliverable from their list, feed and reminders, so only a person's explicit choice
    removes anyone. The history says who was added and who removed. Returns how many
    deliverables changed."""
    contacts = set(contacts)
    count = 0
    rows = _concrete_rows(deliverables).select_for_update(of=("self",))
    for deliverable in rows.prefetch_related("assignees"):
        current = set(deliverable.assignees.all())
        added = contacts - current
        removed = current - contacts if replace else set()
        if not added and not removed:
            continue
        # One history record with the new assignees and a reason, not one per m2m signal.
        deliverable.skip_history_when_saving = True
        try:
            deliverable.assignees.add(*added)
            deliverable.assignees.remove(*removed)
        finally:
            del deliverable.skip_history_when_saving
        said = []
        if added:
            said.append(_("added %s") % _names(added))
        if removed:
            said.append(_("removed %s") % _names(removed))
        reason = _("Assignees: %s") % "; ".join(said)
        deliverable._change_reason = change_reason(reason)
        deliverable_mark_edited(deliverable=deliverable, fields=["assignees"])
        del deliverable._change_reason
        count += 1
    return count


@transaction.atomic
def deliverable_mark_submitted(
    *, deliverables: QuerySet[Deliverable], document: str = "", on: date | None = None
) -> int:
    """The responsible office submitted it (optionally with the document symbol)."""
    count = 0
    for deliverable in _concrete_rows(deliverables).select_for_update(of=("self",)):
        deliverable.progress = Deliverable.Progress.SUBMITTED
        fields = ["progress"]
        if document:
            deliverable.fulfilled_by = document
            fields.append("fulfilled_by")
        if on:
            deliverable.fulfilled_on = on
            fields.append("fulfilled_on")
        deliverable.save(update_fields=[*fields, "updated_at"])
        deliverable_mark_edited(deliverable=deliverable, fields=fields)
        count += 1
    return count


# Progress a fulfilling document moves on to "issued"; anything else a person decided stays.
OPEN_PROGRESS = (
    Deliverable.Progress.PLANNED,
    Deliverable.Progress.IN_PROGRESS,
    Deliverable.Progress.SUBMITTED,
)


def proposed_date(text: str) -> tuple[bool, date | None]:
    """(whether it reads, the date) of a date a new version proposes ("-" for none)."""
    if text == "-":
        return True, None
    try:
        return True, date.fromisoformat(text)
    except ValueError:
        return False, None


def proposed_session_key(text: str) -> tuple[str, int | None]:
    """The body code and number of a session a new version proposes ("HRC 65"); the
    number is None when it is no plain number ("³" is a digit int() refuses)."""
    code, _, number = text.rpartition(" ")
    return code, int(number) if number.isascii() and number.isdigit() else None


def _text_value(change: ProposedChange) -> tuple[bool, object]:
    """(whether it can be applied here, the value) of what a new version of the text
    proposes for a field ("HRC 65" for the due session, "-" for none)."""
    text = change.new_value
    empty = text == "-"
    name = change.field
    if name in ("kind", "title", "due_relation", "recurring"):
        return True, "" if empty else text
    if name in ("count", "due_session_number"):
        if empty:
            return name == "due_session_number", None
        whole = text.isascii() and text.isdigit()  # "³" is a digit int() refuses
        return whole, int(text) if whole else None
    if name == "stated_due_date":
        return proposed_date(text)
    if name == "due_body":
        body = None if empty else Body.objects.filter(code=text).first()
        return empty or body is not None, body
    if name == "due_session":
        if empty:
            return True, None
        code, number = proposed_session_key(text)
        body = Body.objects.filter(code=code).first()
        if body is None or number is None:
            return False, None
        if body.code in SESSION_BODIES:  # HRC and GA sessions are estimated when missing
            return True, session_get_or_estimate(body=body, number=int(number))
        session = body.sessions.filter(number=int(number)).first()
        return session is not None, session
    return False, None  # alternatives, no_longer_in_text...: decided on the deliverable


def _text_changed_settled(deliverable: Deliverable) -> list[str]:
    """Once no proposal of the text waits, its review reason goes (and the flag, if no
    reason left waits: one a person reviewed before does not). Returns the fields saved."""
    if deliverable.proposed_changes.filter(resolved=False).exists():
        return []
    reasons = [r for r in deliverable.review_reasons if not r.startswith(TEXT_CHANGED)]
    if reasons == deliverable.review_reasons:
        return []
    deliverable.review_reasons = reasons
    deliverable.needs_review = bool(reasons_unreviewed(deliverable, reasons))
    return ["review_reasons", "needs_review"]


@dataclass
class ProposalsSettled:
    """What a person's accept or dismiss did: how many proposals it settled, the fields
    "Accept" cannot apply (decided on the deliverable itself) and how many of the selected
    proposals were settled already, by someone else meanwhile or earlier (nothing is
    recorded for those)."""

    count: int = 0
    refused: set[str] = field(default_factory=set)
    # Not accepted: a body or session number other than the due session's, which would
    # leave the deliverable saying two sessions (its due date computed from the other).
    disagreeing: list[ProposedChange] = field(default_factory=list)
    already_settled: int = 0
    superseded: int = 0  # not accepted: a superseded draft's deliverable takes no work
    # not accepted: a person confirmed the deliverable after it was proposed (who, when)
    decided_since: list[DecidedSince] = field(default_factory=list)


@dataclass(frozen=True)
class DecidedSince:
    """A proposal "Accept" leaves: its deliverable was confirmed after it was made."""

    change: ProposedChange
    by: str
    on: datetime


def _confirmed_since(change: ProposedChange) -> DecidedSince | None:
    """The first review decision a person recorded on the deliverable after the text
    proposed this value (a record by a user that has it confirmed, flag down): accepting
    now would undo that decision without anyone seeing it, so "Accept" leaves it."""
    record = (
        _deliverable_of(change)
        .history.filter(
            history_date__gt=change.created_at,
            history_user__isnull=False,
            review_status=ReviewStatus.CONFIRMED,
            needs_review=False,
        )
        .select_related("history_user")
        .order_by("history_date")
        .first()
    )
    if record is None:
        return None
    return DecidedSince(
        change=change, by=record.history_user.get_username(), on=record.history_date
    )


def _accepted_reason(change: ProposedChange) -> str:
    """The history's sentence for an accepted proposal (not the admin's bare "Changed")."""
    said = f"{change.field_label} {change.new_value}"
    if change.old_value:
        said += " " + _("(was %s)") % change.old_value
    return change_reason(_("Proposed change accepted: %s") % said)


def _deliverable_of(change: ProposedChange) -> Deliverable:
    """The deliverable of a proposal `proposals_waiting_locked` read (a deliverable's, not a
    resolution's own)."""
    assert change.deliverable is not None
    return change.deliverable


def proposals_waiting_locked(
    changes: QuerySet[ProposedChange], owner: str = "deliverable"
) -> tuple[list[ProposedChange], int]:
    """The selected proposals of ``owner`` ("deliverable" or "resolution") still waiting,
    read again under lock, and how many of the selection were settled already. Their
    owners are locked first, in the order ingest locks them, so two people deciding the
    same proposal (or two proposals of one row) take turns: the second reads what the
    first decided. A deliverable's proposals and a resolution's own are settled apart
    (services/resolutions.py for the latter)."""
    model = Deliverable if owner == "deliverable" else Resolution
    selected = list(changes.filter(**{f"{owner}__isnull": False}).values_list("pk", f"{owner}_id"))
    rows = model.objects.filter(pk__in={pk for _, pk in selected}).order_by("pk")
    locked = {row.pk: row for row in rows.select_for_update(of=("self",))}
    waiting = list(
        ProposedChange.objects.filter(pk__in=[pk for pk, _ in selected], resolved=False)
        .order_by("pk")
        .select_for_update()
    )
    for change in waiting:
        setattr(change, owner, locked[getattr(change, f"{owner}_id")])
    return waiting, len(selected) - len(waiting)


@transaction.atomic
def proposed_changes_accept(*, changes: QuerySet[ProposedChange]) -> ProposalsSettled:
    """A person accepts proposed changes. A fulfilling document ("takes note of the report
    A/HRC/59/36") is recorded and marks an open deliverable issued; what a new version of
    the text says (another session, kind, count, relation, date) replaces the value kept,
    as the person's own, and the history says which proposal was accepted. What cannot be
    applied here (other readings, a session the calendar lacks) is corrected on the
    deliverable itself: those names are returned. A value proposed before a person
    confirmed the deliverable is left open (`decided_since`): accepting it from a list
    would undo their decision unseen."""
    accepted, refused, disagreeing = 0, set(), []
    decided_since: list[DecidedSince] = []
    rows: dict[int, Deliverable] = {}  # one instance per deliverable, changes applied in turn
    settled: set[tuple[int, str]] = set()  # the body and number an accepted session carried
    waiting, already_settled = proposals_waiting_locked(changes)
    waiting.sort(key=lambda change: change.field != "due_session")  # sessions first
    superseded = set(
        Deliverable.objects.filter(pk__in={change.deliverable_id for change in waiting})
        .filter(superseded_deliverables())
        .values_list("pk", flat=True)
    )
    for change in waiting:
        if change.deliverable_id in superseded:
            continue  # counted below; dismissing it stays possible
        if (change.deliverable_id, change.field) in settled:
            continue  # settled with the session it came with
        if change.field != "fulfilled_by":
            ok, value = _text_value(change)
            if not ok:
                refused.add(change.field)
                continue
            decided = _confirmed_since(change)
            if decided is not None:
                decided_since.append(decided)
                continue
            deliverable = rows.setdefault(_deliverable_of(change).pk, _deliverable_of(change))
            if _disagrees_with_session(deliverable, change.field, value):
                disagreeing.append(change)
                continue
            setattr(deliverable, change.field, value)
            change.resolved = True
            change.save(update_fields=["resolved"])
            carried = []
            if isinstance(value, Session):
                # the session carries its body and number: one change, settled at once
                deliverable.due_body, deliverable.due_session_number = value.body, value.number
                carried = ["due_body", "due_session_number"]
                deliverable.proposed_changes.filter(resolved=False, field__in=carried).update(
                    resolved=True
                )
                settled.update((deliverable.pk, name) for name in carried)
            fields = [change.field, *carried, *_text_changed_settled(deliverable)]
            deliverable._change_reason = _accepted_reason(change)
            deliverable_mark_edited(deliverable=deliverable, fields=fields, unsaved=True)
            del deliverable._change_reason
            accepted += 1
            continue
        deliverable = _deliverable_of(change)
        deliverable.fulfilled_by = change.new_value
        fields = ["fulfilled_by"]
        if deliverable.progress in OPEN_PROGRESS:
            deliverable.progress = Deliverable.Progress.ISSUED
            fields.append("progress")
        deliverable._change_reason = _accepted_reason(change)
        deliverable.save(update_fields=[*fields, "updated_at"])
        deliverable_mark_edited(deliverable=deliverable, fields=fields)
        del deliverable._change_reason
        change.resolved = True
        change.save(update_fields=["resolved"])
        accepted += 1
    return ProposalsSettled(
        count=accepted,
        refused=refused,
        disagreeing=disagreeing,
        already_settled=already_settled,
        superseded=sum(change.deliverable_id in superseded for change in waiting),
        decided_since=decided_since,
    )


def _disagrees_with_session(deliverable: Deliverable, name: str, value: object) -> bool:
    """Whether a proposed body or session number is not the deliverable's due session's
    (after the sessions accepted with it): accepted alone it would contradict it."""
    session = deliverable.due_session
    carried = session_carries(session) if session is not None else {}
    return name in carried and carried[name] != value


@transaction.atomic
def proposed_changes_dismiss(*, changes: QuerySet[ProposedChange]) -> ProposalsSettled:
    """A person keeps the current values. Each proposal is settled, and once none waits on
    a deliverable the review reason the new text gave goes with it (and the flag, if it was
    the only reason), recorded in the deliverable's history as the person's decision.

    Dismissing "no longer in the text" keeps the deliverable as still owed: it is shown
    again, and the person owns that, so a later version that still lacks it does not flag
    it again."""
    waiting, already_settled = proposals_waiting_locked(changes)
    rows: dict[int, Deliverable] = {}
    kept: dict[int, list[str]] = {}
    for change in waiting:
        change.resolved = True
        change.save(update_fields=["resolved"])
        deliverable = rows.setdefault(_deliverable_of(change).pk, _deliverable_of(change))
        fields = kept.setdefault(deliverable.pk, [])
        if change.field == "no_longer_in_text" and deliverable.no_longer_in_text:
            deliverable.no_longer_in_text = False
            deliverable.review_reasons = [
                reason for reason in deliverable.review_reasons if reason != NO_LONGER_IN_TEXT
            ]
            deliverable.needs_review = bool(
                reasons_unreviewed(deliverable, deliverable.review_reasons)
            )
            fields += ["no_longer_in_text", "review_reasons", "needs_review"]
    for deliverable in rows.values():
        fields = [*kept[deliverable.pk], *_text_changed_settled(deliverable)]
        if not fields:
            continue
        deliverable._change_reason = _("Proposed change dismissed: the current values stay")
        deliverable_mark_edited(deliverable=deliverable, fields=fields, unsaved=True)
        del deliverable._change_reason
    return ProposalsSettled(count=len(waiting), already_settled=already_settled)
