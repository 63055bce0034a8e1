"""Work an earlier resolution asked for, moved to another session by this one.

"Decides to postpone the panel discussion requested in resolution 141/3 to its Nth session",
"Decides that the report of the Secretary-General requested in resolution 142/9 shall be
presented to the Council at its Nth session instead of at its Mth session": the text asks for
nothing new, but the deliverable is now due at session N, so it is listed there (the session
after "instead of" is the old deadline, which ``deadlines.find_sessions`` never reads as a
due). A person should settle it with the earlier deliverable, so every deliverable of a
paragraph that moves work is flagged (``flag_moved``), naming the earlier resolution when
the text does.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from .building import Builder
from .clauses import ActorMention, Clause, ReadingContext, _parse_actor_at
from .deadlines import BODY_NAMES, SessionMention, find_sessions
from .events import _EVENT_KINDS, Product
from .kinds import noun_matches
from .references import resolutions
from .regex_cache import compiled
from .result import Deliverable, OperativeParagraph

#: What a decision moves a report, study or update of: its actor follows the noun.
_DOCUMENT_KINDS = frozenset(("report", "oral update", "study", "compilation"))

#: "Decides to postpone", "Decides, in this regard, to defer", "(c) To defer" (a decision's
#: item, or a sub-paragraph under "Decides:", opens with its infinitive).
_POSTPONE_RE = compiled(
    r"\s*(?:\(\w+\)\s*)?,?\s*(?:(?:also|further)\s+)?(?:,[^,;]{1,60},\s*)?to\s+(?:(?:also|further)\s+)?"
    r"(?:postpone|defer|reschedule)\s+",
    re.IGNORECASE,
)

#: "the presentation of the report", "the holding of the meeting": the act moved, then what.
_ACT_OF_RE = compiled(
    r"the\s+(?P<act>presentation|submission|holding|convening|organi[sz]ation|consideration)"
    r"\s+of\s+",
    re.IGNORECASE,
)

#: Where the moved work goes: "to its Nth session", "until its Nth session", and "to" or
#: "until" before another relation ("to before its Nth session").
_DESTINATION_RE = compiled(r"(?:to|until)\b", re.IGNORECASE)
_TO_BEFORE_RE = compiled(r"\b(?:to|until)\s+$", re.IGNORECASE)
_UNTIL_RE = compiled(r"until\b", re.IGNORECASE)

#: "Decides that the report of the Secretary-General requested in resolution 142/9 shall be
#: presented to the Council at its Nth session", "that the panel discussion ... shall be
#: postponed to its Nth session".
_PRESENTED_LATER_RE = compiled(
    r"\s*,?\s*(?:(?:also|further)\s+)?that\s+(?P<product>the\s+[^;]{3,200}?)\s+"
    r"(?:shall|will|should)\s+(?:now\s+|instead\s+)?be\s+(?P<verb>presented|submitted|postponed|"
    r"deferred|rescheduled)\b",
    re.IGNORECASE,
)

#: "to postpone" anywhere in a paragraph (what it moves is read by ``_postponed_work``).
_POSTPONE_VERB_RE = compiled(
    r"\bto\s+(?:(?:also|further)\s+)?(?:postpone|defer|reschedule)\s+", re.IGNORECASE
)

#: The words that say a paragraph moves work (besides "to postpone" work): a postponement in
#: the passive, the deadline it replaces, the date it was planned for.
_MOVES_RE = compiled(
    r"\bbe\s+(?:postponed|deferred|rescheduled)\b"
    r"|\b(?:instead\s+of|rather\s+than|in\s+place\s+of)\s+(?:(?:at|during|in|to|for)\s+)?"
    r"(?:its|the)\s+[\w\s-]{3,60}?\bsession\b"
    r"|\b(?:originally|initially|previously)\s+(?:scheduled|planned|foreseen|envisaged)\b"
    r"|\b(?:which|that)\s+(?:was|were|had\s+been)\s+(?:scheduled|planned)\s+(?:for|at)\b",
    re.IGNORECASE,
)
#: Lower-case words one of which every ``_MOVES_RE`` or ``_POSTPONE_VERB_RE`` match holds: a
#: paragraph without any is not searched.
_MOVE_WORDS_RE = compiled(
    rb"postpone|defer|reschedule|instead\s+of|rather\s+than|in\s+place\s+of|scheduled|planned|"
    rb"foreseen|envisaged"
)

_ACTOR_AFTER_RE = compiled(r"\s+(?:of|by)\s+", re.IGNORECASE)


_MOVED = "moved from an earlier resolution"


def moved_reason(names: list[str]) -> str:
    """The review reason of a moved deliverable, naming the earlier resolutions if known."""
    if not names:
        where = "not named"
    elif len(names) == 1:
        where = f"resolution {names[0]}"
    else:
        where = "resolutions " + ", ".join(names[:-1]) + " and " + names[-1]
    return f"{_MOVED} ({where}): check the earlier deliverable"


def adopting_body(ctx: ReadingContext, at: int) -> ActorMention:
    """The adopting body as the actor of what it decides to hold itself."""
    name = BODY_NAMES.get(ctx.body or "", "Human Rights Council")
    return ActorMention(name, name, at, at, True)


def postponed(
    label: str,
    clause: Clause,
    builder: Builder,
    ctx: ReadingContext,
    *,
    at: int | None = None,
    owner: ActorMention | None = None,
    partners: list[str] | None = None,
) -> bool:
    """Read "Decides to postpone/defer [to its Nth session] the X ... to its Nth session": the
    adopting body's meeting or panel, or the named actor's report, due at the session it is
    moved to. ``at``: where "to postpone" may begin (after the verb unless given); ``owner``:
    the actor asked to postpone ("Requests the Secretary-General to defer the submission of
    his report to ..."), whose work it is unless the text names another. Whether it read
    one (nothing when no session or no actor is named)."""
    masked = ctx.masked
    verb = _POSTPONE_RE.match(masked, clause.verb_end if at is None else at, clause.end)
    if verb is None:
        return False
    mentions = _destinations(verb.end(), clause.end, ctx)
    if not mentions:
        return False
    work = _postponed_work(verb.end(), clause.end, mentions, ctx)
    if work is None:
        return False
    return _moved_to(label, clause, builder, ctx, work, mentions[0], owner, partners or [])


def _postponed_work(
    start: int, end: int, mentions: list[SessionMention], ctx: ReadingContext
) -> tuple[int, int] | None:
    """Where the work a postponement moves is named, from ``start`` (after "to postpone")
    to ``end``: after the session it goes to when that comes first ("to postpone to its Nth
    session the panel discussion"); None when what is moved is no work ("the downsizing of
    the team", "the consideration of the report")."""
    masked = ctx.masked
    if mentions and masked[start : mentions[0].start].strip().lower() in ("", "to", "until"):
        start = mentions[0].end
        while start < end and masked[start] in " \t\n,":
            start += 1
    act = _ACT_OF_RE.match(masked, start, end)
    if act and act.group("act").lower() == "consideration":
        return None  # the consideration of a document: not the document
    start = act.end() if act else start
    found = _object_at(start, end, ctx)
    if found is None or found[0] not in _EVENT_KINDS | _DOCUMENT_KINDS:
        return None
    return start, end


def presented_later(label: str, clause: Clause, builder: Builder, ctx: ReadingContext) -> bool:
    """Read "Decides that the report of X requested in resolution N shall be presented to the
    Council at its Nth session [instead of ...]" (X's report, due there) and "that the panel
    discussion ... shall be postponed to its Nth session" (the body's panel, due there).
    Only for work an earlier resolution asked for (named, or the deadline replaced or the
    postponement printed) and a known actor; whether it read one."""
    masked = ctx.masked
    found = _PRESENTED_LATER_RE.match(masked, clause.verb_end, clause.end)
    if found is None:
        return False
    p0, p1 = found.span("product")
    named = [number for _, number, _ in resolutions(ctx.text, p0, p1)]
    if not named and not _MOVES_RE.search(masked, clause.verb_end, clause.end):
        return False  # nothing says it was asked for earlier, or moved
    first = len(builder.deliverables)
    if found.group("verb").lower() in ("presented", "submitted"):
        if not _presented(label, clause, builder, ctx, (p0, p1), found.end()):
            return False
    else:
        mentions = _destinations(found.end(), clause.end, ctx)
        if not mentions or not _moved_to(label, clause, builder, ctx, (p0, p1), mentions[0]):
            return False
    added = range(first, len(builder.deliverables))
    _flag(builder.deliverables, added, moved_reason(named) if named else None)
    return True


def _presented(
    label: str,
    clause: Clause,
    builder: Builder,
    ctx: ReadingContext,
    product: tuple[int, int],
    after: int,
) -> bool:
    """The report of a known actor named in masked[product], due at the session after
    ``after``; whether one was read."""
    if not any(m.sessions for m in _sessions(after, clause.end, ctx)):
        return False  # "shall continue to be presented to the Assembly": nothing moved
    hit = _object_at(*product, ctx)
    if hit is None or hit[0] not in _DOCUMENT_KINDS:
        return False
    actor = _actor_after(hit[1].end, product[1], ctx)
    if actor is None:
        return False
    p0 = product[0]
    builder.request(label, clause.start, clause.verb, [actor], [], p0, clause.end, subject=True)
    return True


def _moved_to(
    label: str,
    clause: Clause,
    builder: Builder,
    ctx: ReadingContext,
    words: tuple[int, int],
    mention: SessionMention,
    owner: ActorMention | None = None,
    partners: list[str] | None = None,
) -> bool:
    """The work named at the start of masked[words] ("the panel discussion", "the
    presentation of the report of X"), due at ``mention``: an event of ``owner`` or the
    adopting body, or a document of the known actor named after it, else of ``owner``;
    whether one was read."""
    masked = ctx.masked
    start, end = words
    act = _ACT_OF_RE.match(masked, start, end)
    if act and act.group("act").lower() == "consideration":
        return False  # the consideration of a document: not the document
    found = _object_at(act.end() if act else start, end, ctx)
    if found is None:
        return False
    kind, item = found
    actor: ActorMention | None = None
    if kind in _EVENT_KINDS:
        actor = owner or adopting_body(ctx, clause.start)
    elif kind in _DOCUMENT_KINDS:
        actor = _actor_after(item.end, end, ctx) or owner
    if actor is None:
        return False
    if _UNTIL_RE.match(masked, mention.start):
        mention = replace(mention, relation="at")  # held then, not by then
    item.dues.append(mention)
    item.extent_end = max(item.end, mention.end)
    z0 = clause.verb_end
    builder.request(
        label, clause.start, clause.verb, [actor], partners or [], z0, clause.end, preset=[item]
    )
    return True


def _flag(deliverables: list[Deliverable], positions: range, reason: str | None) -> None:
    """Flag the deliverables at ``positions`` with ``reason`` (none when None)."""
    if reason is None:
        return
    for position in positions:
        deliverable = deliverables[position]
        deliverables[position] = replace(
            deliverable,
            needs_review=True,
            review_reasons=[*deliverable.review_reasons, reason],
        )


def _sessions(start: int, end: int, ctx: ReadingContext) -> list[SessionMention]:
    return find_sessions(
        ctx.masked, start, end, body=ctx.body, session=ctx.session,
        default_council=ctx.default_council, default_commission=ctx.default_commission,
    )  # fmt: skip


def _destinations(start: int, end: int, ctx: ReadingContext) -> list[SessionMention]:
    """The numbered sessions work is moved to ("to its Nth session", "until ..."), in order
    (not "scheduled for its Mth session", the date it leaves)."""
    return [
        m
        for m in _sessions(start, end, ctx)
        if m.sessions
        and (
            _DESTINATION_RE.match(ctx.masked, m.start)
            or _TO_BEFORE_RE.search(ctx.masked, max(0, m.start - 7), m.start)
        )
    ]


def _object_at(start: int, end: int, ctx: ReadingContext) -> tuple[str, Product] | None:
    """The product noun phrase that opens masked[start:end] ("the high-level panel
    discussion"), as a product of its kind."""
    for hit in noun_matches(ctx.masked, start, end):
        if hit.start() != start:
            return None
        kind = hit.kind.removeprefix("loose:")
        noun, mods = hit.group("noun"), hit.group("mods") or ""
        return kind, Product(kind, 1, None, hit.start("mods"), hit.end(), noun, mods)
    return None


def _actor_after(pos: int, end: int, ctx: ReadingContext) -> ActorMention | None:
    """The known actor of a document named right after it ("the report of the Secretary-
    General", "the study by the Advisory Committee")."""
    of = _ACTOR_AFTER_RE.match(ctx.masked, pos, end)
    if of is None:
        return None
    actor = _parse_actor_at(of.end(), end, ctx)
    if actor is None or not actor.known or actor.state:
        return None
    return actor


def flag_moved(
    operative: list[OperativeParagraph], deliverables: list[Deliverable], ctx: ReadingContext
) -> None:
    """Flag every deliverable of a paragraph (or sub-paragraph) that moves work, naming the
    earlier resolution (the ones its own words name, else the last named before it in the
    paragraph, else the first after)."""
    if not deliverables:
        return
    low = ctx.whole_low or ctx.masked.encode("ascii", "replace").lower()
    starts = sorted(deliverable.span[0] for deliverable in deliverables)
    for p0, p1 in (piece for paragraph in operative for piece in _pieces(paragraph)):
        if bisect_left(starts, p0) == bisect_left(starts, p1) or not _moves_work(ctx, low, p0, p1):
            continue  # no deliverable here (most pieces), or nothing moved
        cited = [(at, number) for at, number, _ in resolutions(ctx.text, p0, p1)]
        for position, deliverable in enumerate(deliverables):
            d0, d1 = deliverable.span
            if not p0 <= d0 < p1:
                continue
            if not any(r.startswith(_MOVED) for r in deliverable.review_reasons):
                reason = moved_reason(_earlier(cited, d0, d1))
                _flag(deliverables, range(position, position + 1), reason)


def _moves_work(ctx: ReadingContext, low: bytes, start: int, end: int) -> bool:
    """Whether masked[start:end] moves work: ``_MOVES_RE``, or "to postpone" work (not "to
    postpone the downsizing of the team"). ``low``, the masked text in lower-case ASCII,
    tells the many paragraphs with none of the words at once."""
    if _MOVE_WORDS_RE.search(low, start, end) is None:
        return False
    if _MOVES_RE.search(ctx.masked, start, end):
        return True
    return any(
        _postponed_work(verb.end(), end, _destinations(verb.end(), end, ctx), ctx)
        for verb in _POSTPONE_VERB_RE.finditer(ctx.masked, start, end)
    )


def _pieces(paragraph: OperativeParagraph) -> list[tuple[int, int]]:
    """The spans of a paragraph's chapeau and of each of its sub-paragraphs ("Decides: (a) To
    postpone the panel ...; (b) To hold a workshop ...": only (a) moves work)."""
    start, end = paragraph.span
    subs = sorted(sub.span for sub in paragraph.subparagraphs if start <= sub.span[0] < end)
    if not subs:
        return [(start, end)]
    return [(start, subs[0][0]), *subs]


def _earlier(cited: list[tuple[int, str]], start: int, end: int) -> list[str]:
    """The resolutions a deliverable quoted at [start, end) was asked for in."""
    inside = [number for at, number in cited if start <= at < end]
    if inside:
        return list(dict.fromkeys(inside))
    before = [number for at, number in cited if at < start]
    if before:
        return before[-1:]
    return [number for at, number in cited if at >= end][:1]
