"""Pairing: a small state machine gives each deadline, body and recurrence of a clause to
the product it belongs to."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from .clauses import (
    _GLUE_RE,
    _NEXT_VERB_RE,
)
from .deadlines import (
    _RESPECTIVELY_RE,
    BODY_PATTERN,
    DateMention,
    SessionMention,
)
from .events import (
    _EVENT_KINDS,
    Event,
    EventType,
    Product,
)
from .kinds import (
    PRODUCE_VERBS,
)
from .lexicon import lexicon
from .regex_cache import compiled

_SECOND_OBJECT_RE = compiled(r",?\s+and\s+$", re.IGNORECASE)

_INFINITIVE_BETWEEN_RE = compiled(r"\b(?:to|and)\s+(?:" + PRODUCE_VERBS + r")\b|;", re.IGNORECASE)

_VERB_THEN_SESSION_RE = compiled(
    rf"\b(?:{lexicon().verb_pattern('give_to')})\s+(?:to\s+(?:the\s+)?{BODY_PATTERN})?,?\s*$",
    re.IGNORECASE,
)

_BACKWARD_RE = compiled(
    r"[^;]{0,120}?,?\s*(?:to\s+be|which\s+(?:will|shall|is\s+to)\s+be|that\s+(?:will|shall)\s+be)"
    r"\s+[\w-]+\s*$",
    re.IGNORECASE,
)

_AND_RE = compiled(r"\s*,?\s*(?:and|as\s+well\s+as)\s+", re.IGNORECASE)

_PURPOSE_RE = compiled(
    r"\b(?:with\s+a\s+view\s+to|in\s+order\s+to|so\s+as\s+to|aimed\s+at|for\s+the\s+purpose\s+of)\b",
    re.IGNORECASE,
)

_VERB_THEN_BODY_RE = compiled(
    rf"\b(?:{lexicon().verb_pattern('give_object')})\s*,?\s*$", re.IGNORECASE
)


def _verb_then_product(events: list[Event], index: int, masked: str) -> bool:
    """ "to present to the Council[, ...,] a report": the body event sits between a production
    verb and its object, which is the next new product (before any session or anaphor)."""
    event = events[index]
    if not _VERB_THEN_BODY_RE.search(masked, max(0, event.pos - 30), event.pos):
        return False
    for later in events[index + 1 :]:
        if later.type == EventType.PRODUCT:
            return later.pos - event.end < 200 and not _NEXT_VERB_RE.search(
                masked, event.end, later.pos
            )
        if later.type in (EventType.ANAPHOR, EventType.SESSION, EventType.DATE, EventType.BODIES):
            return False
    return False


_VERB_NOT_BODY_RE = compiled(r";|\band\s+(?:also\s+)?to\s+(?!the\b)\w+", re.IGNORECASE)


def _sessions_before_object(events: list[Event], index: int, next_d: Event, masked: str) -> bool:
    """ "to submit to the Council, at its Nth session, and to the Assembly, at its Mth session,
    a report": bodies and sessions listed between a production verb and its object all wait
    for that object (no anaphor, no new verb and no long gap between)."""
    event = events[index]
    if next_d.pos - event.end > 200 or _VERB_NOT_BODY_RE.search(masked, event.end, next_d.pos):
        return False
    between = [e for e in events[index + 1 :] if e.pos < next_d.pos]
    return all(e.type in (EventType.SESSION, EventType.BODIES) for e in between)


def _pair(events: list[Event], masked: str) -> list[Product]:
    items: list[Product] = []
    focus: Product | None = None
    pending: list[SessionMention | DateMention] = []
    pending_bodies: list[str] = []
    pending_recur: str | None = None
    forward: Product | None = None
    for index, event in enumerate(events):
        if event.type == EventType.PRODUCT:
            item = event.item
            assert item is not None
            if (
                focus is not None
                and not focus.dues
                and _AND_RE.fullmatch(masked, focus.end, item.start)
            ):
                focus.shares_with = item  # "a report and a road map ... at its Nth session"
            items.append(item)
            if pending:
                item.dues.extend(pending)
                pending = []
                forward = item
            elif (
                forward is not None
                and focus is forward
                and forward.kind == item.kind
                and _SECOND_OBJECT_RE.search(masked, max(forward.end, item.start - 12), item.start)
                and not _INFINITIVE_BETWEEN_RE.search(masked, forward.end, item.start)
            ):
                # "to submit to the Council at its Nth session a report on X, ..., and a report
                # on Y": both objects of the one verb take the session
                item.dues.extend(forward.dues)
            if pending_bodies and not item.bodies:
                item.bodies.extend(pending_bodies)
            pending_bodies = []
            if pending_recur and not item.recurring:
                item.recurring = pending_recur
            pending_recur = None
            focus = item
        elif event.type == EventType.ANAPHOR:
            focus = event.item
        elif (
            event.type == EventType.DATE
            and getattr(event.mention, "relation", "") == "at"
            and (focus is None or focus.kind not in _EVENT_KINDS)
        ):
            continue  # "on 4 May 2026" dates a meeting, not a report
        elif event.type in (EventType.SESSION, EventType.DATE):
            mention = event.mention
            assert mention is not None
            following = events[index + 1] if index + 1 < len(events) else None
            backward = (
                focus is not None
                and not focus.dues
                and _BACKWARD_RE.match(masked, focus.end, event.pos) is not None
            )
            later = events[index + 1 :]
            next_d = next((e for e in later if e.type == EventType.PRODUCT), None)
            next_s = next((e for e in later if e.type in (EventType.SESSION, EventType.DATE)), None)
            verb_first = (
                next_d is not None
                and _VERB_THEN_SESSION_RE.search(masked, max(0, event.pos - 60), event.pos)
                is not None
                and (
                    next_s is None
                    or next_d.pos < next_s.pos
                    or _sessions_before_object(events, index, next_d, masked)
                )
            )
            if not backward and (
                verb_first
                or (
                    following is not None
                    and following.type == EventType.PRODUCT
                    and _GLUE_RE.fullmatch(masked, event.end, following.pos)
                )
            ):
                # "at its Nth session, a report" / "to submit to the Council at its Nth session,
                # under item 3, a report": the session goes to the product that follows
                pending.append(mention)
            elif focus is not None and not focus.dues:
                focus.dues.append(mention)
            elif focus is not None and _AND_RE.fullmatch(
                masked, getattr(focus.dues[-1], "end", focus.end), event.pos
            ):
                # "oral updates before the end of 2024 and before the end of 2025, and to
                # submit a report": a deadline joined to the last one is the same product's
                focus.dues.append(mention)
            elif focus is not None:
                later = events[index + 1 :]
                product_at = next(
                    (i for i, e in enumerate(later) if e.type == EventType.PRODUCT), None
                )
                session_at = next(
                    (
                        i
                        for i, e in enumerate(later)
                        if e.type in (EventType.SESSION, EventType.DATE)
                    ),
                    None,
                )
                if product_at is not None and (session_at is None or product_at < session_at):
                    pending.append(mention)
                elif _PURPOSE_RE.search(
                    masked, getattr(focus.dues[-1], "end", focus.end), event.pos
                ):
                    continue  # a deadline of the purpose ("with a view to ..."), not the product
                else:
                    focus.dues.append(mention)
            elif event.type == EventType.SESSION:
                pending.append(mention)
            # a date before any product ("issue an instruction no later than 1 May") is not
            # the deadline of a product named later
        elif event.type == EventType.BODIES:
            if focus is not None and _verb_then_product(events, index, masked):
                # "so that he may present to the Council, ..., an annual report": the body
                # goes to the product that follows the verb, not to the one named before
                pending_bodies.extend(event.bodies)
            elif focus is not None and not focus.dues:
                for code in event.bodies:
                    if code not in focus.bodies:
                        focus.bodies.append(code)
            elif focus is None:
                pending_bodies.extend(event.bodies)
            else:
                for code in event.bodies:
                    if code not in focus.bodies:
                        focus.bodies.append(code)
        elif event.type == EventType.RECURRENCE:
            if focus is not None:
                if not focus.recurring:
                    focus.recurring = event.recurring
            else:
                pending_recur = event.recurring
    if not items and pending:
        # A deadline with no product named in the usual way ("to support ... through
        # in-country workshops ..., by the sixty-fifth session"): take the product mentioned.
        first = min(getattr(m, "start", 0) for m in pending)
        weak = [e for e in events if e.type == EventType.WEAK and e.pos < first]
        deadlines = [m for m in pending if getattr(m, "relation", "") in ("by", "before")]
        if weak and deadlines:
            item = weak[-1].item
            assert item is not None
            item.dues.extend(deadlines)
            items.append(item)
    _one_each(items, masked)
    for item in items:
        if not item.dues and item.shares_with is not None:
            item.dues = list(item.shares_with.dues)
            item.bodies = item.bodies or list(item.shares_with.bodies)
            item.recurring = item.recurring or item.shares_with.recurring
    return items


def _one_each(items: list[Product], masked: str) -> None:
    """ "an oral update and a report to the Council at its Nth and Mth sessions,
    respectively", "at the Nth session of the Council and at the Mth session of the
    Assembly, respectively, an oral update to the Council and a report to the Assembly": the
    products named together take the sessions in order, one each, not every product every
    session. Nothing changes unless the sessions and the products without a deadline of
    their own are as many."""
    for at, owner in enumerate(items):
        dues = owner.dues
        if not dues or not all(
            isinstance(d, SessionMention) and d.sessions and not d.alternatives for d in dues
        ):
            continue
        last = dues[-1]
        assert isinstance(last, SessionMention)
        if not _RESPECTIVELY_RE.match(masked, last.end):
            continue
        pairs = [
            (d, i) for d in dues if isinstance(d, SessionMention) for i in range(len(d.sessions))
        ]
        count = len(pairs)
        first = at - count + 1 if last.start > owner.start else at
        group = items[first : first + count] if first >= 0 else []
        if (
            count < 2
            or len(group) != count
            or any(it.dues for it in group if it is not owner)
            or any(  # objects of one verb, not products of two requests
                _INFINITIVE_BETWEEN_RE.search(masked, one.end, other.start)
                for one, other in pairwise(group)
            )
        ):
            continue
        for item, (mention, index) in zip(group, pairs, strict=True):
            body: str | None
            if mention.bodies:
                body = mention.bodies[index]
            elif len(item.bodies) == 1:
                body = item.bodies[0]  # "an oral update to the Council and a report to the
                # Assembly at their Nth and Mth sessions, respectively"
            else:
                body = mention.body
            item.dues = [
                replace(
                    mention,
                    body=body,
                    sessions=[mention.sessions[index]],
                    bodies=None,
                )
            ]
            item.shares_with = None
