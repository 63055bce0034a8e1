"""The events inside a clause: new products, back-references, sessions, dates, bodies and
recurrence, each an ``EventType``, in text order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from functools import cache

from .clauses import (
    _GLUE_RE,
    _NEXT_VERB_RE,
    ReadingContext,
)
from .deadlines import (
    BODY_PATTERN,
    RECUR_BEFORE_START,
    RECUR_RE,
    DateMention,
    SessionMention,
    body_code,
    find_dates,
    find_sessions,
    recurrence,
)
from .gates import may_match
from .guards import guarded
from .kinds import (
    NOUN_PATTERN,
    PRODUCE_VERBS,
    VERB_PRODUCT_RE,
    LowerMatch,
    NounMatch,
    count_of,
    found_before,
    lower_at_words,
    lower_copy,
    noun_matches,
    preceded_by_preposition,
    scan_span,
    verb_products,
)
from .lexicon import lexicon
from .ordinals import ORDINAL_PATTERN, ordinal_to_int
from .regex_cache import compiled

# "to the Council", "before the Assembly", "for consideration by the Assembly", "for the
# consideration of the Assembly"; not when a session follows ("to the Council at its Nth
# session" is a session mention), but "to the Council for its consideration" is a body.
_BODY_TARGETS = (
    r"\b(?:to|before|for\s+(?:its\s+|the\s+)?consideration\s+(?:by|of))\s+(?:the\s+)?"
    rf"(?P<bodies>{BODY_PATTERN}(?:\s*(?:,\s*(?:and\s+)?|and\s+)"
    rf"(?:to\s+)?(?:the\s+)?{BODY_PATTERN})*)\b(?!\s*,?\s+(?:at|during|in)\s+(?:its|the)\b)"
    # "to the Council and to the Assembly in alternate years, beginning at its Nth session":
    # the last body begins a session mention, as "to the Assembly at its Nth session" does
    rf"(?!\s*,?\s+{RECUR_BEFORE_START})"
    r"(?!\s*,?\s+for\s+(?:its|the)\b(?!\s+consideration\s*[,;.]|\s+consideration\s*$))"
)
_BODY_TARGETS_RE = compiled(_BODY_TARGETS, re.IGNORECASE)

_ONE_BODY_RE = compiled(BODY_PATTERN, re.IGNORECASE)

#: A manner phrase set off by commas between a verb and its object ("to submit, in a timely
#: manner, his next report", "to present, as soon as possible, the study").
_MANNER_ASIDE = (
    r"(?:,\s*(?:in\s+an?\s+(?:[\w-]+\s+){1,3}(?:manner|fashion|way)|as\s+soon\s+as\s+possible|"
    r"as\s+a\s+matter\s+of\s+(?:priority|urgency)|at\s+the\s+earliest\s+(?:possible\s+)?"
    r"(?:opportunity|date)|without\s+(?:further\s+|undue\s+)?delay|as\s+appropriate|"
    r"[a-z]+ly)\s*,\s*)?"
)

_ANAPHOR_VERB = rf"\b(?!and\b|or\b)(?:{PRODUCE_VERBS}){_MANNER_ASIDE}\s*(?:(?:also|further|orally|jointly)\s+)?$"
_ANAPHOR_VERB_RE = guarded(_ANAPHOR_VERB, re.IGNORECASE, length=3)
_LOWER_ANAPHOR_VERB_RE = lower_at_words(_ANAPHOR_VERB)

#: "to engage in an interactive dialogue with the Assembly", "participate by way of
#: interactive dialogue in the Nth session": who is asked to join a dialogue presents there.
_JOINS_DIALOGUE_RE = compiled(
    r"\b(?:engage|participate|take\s+part)\s+(?:in|by\s+way\s+of)\s+(?:an\s+)?"
    r"(?P<noun>(?:enhanced\s+)?interactive\s+dialogue)\b",
    re.IGNORECASE,
)

#: What a dialogue may be held on: then the dialogue is how that is presented.
_PRESENTED_RE = compiled(r"\b(?:report|update|briefing|stud(?:y|ies)|findings)", re.IGNORECASE)

_REFERENCE_MODS_RE = compiled(r"above-mentioned|aforementioned|said|same|abovementioned", re.I)

_SUPPORT_VERB_RE = compiled(
    rf"\b(?:{lexicon().verb_pattern('support')})\s*,?\s*$",
    re.IGNORECASE,
)

_EXTENT_STOP_RE = compiled(
    r"[,;:]|\s+(?:to\s+be\s+|and\s+to\s+|at\s+its\s+|before\s+the\s+|to\s+the\s+(?:Human|"
    r"General|Council|Assembly))",
    re.IGNORECASE,
)


@dataclass
class Product:
    """A product being assembled from the events of one clause."""

    kind: str
    count: int
    listed: int | None
    start: int
    end: int
    noun: str
    mods: str
    dues: list[SessionMention | DateMention] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    recurring: str | None = None
    extent_end: int = 0
    shares_with: Product | None = None
    included: bool = False  # "to include in his report ...": maybe a report named before
    context: bool = False  # "... in the context of his next report": where the rest goes
    if_dated: bool = False  # "to keep the Assembly informed": a product only with a deadline
    joins_dialogue: bool = False  # "to engage in an interactive dialogue": only if nothing else


#: The ``actor_body`` of an actor that holds sessions of its own (a treaty body): a session
#: no body is named or addressed for before it is the actor's, not a deadline here.
OWN_SESSIONS = "(the actor's own)"


class EventType(Enum):
    """What an event in a clause is."""

    PRODUCT = "product"  # a new product: "a summary report", "to report"
    ANAPHOR = "anaphor"  # a back-reference to a product named before: "the report"
    SESSION = "session"  # "at its sixty-fifth session"
    DATE = "date"  # "by 1 May 2026"
    BODIES = "bodies"  # "to the Council and the General Assembly"
    RECURRENCE = "recurrence"  # "annually"
    WEAK = "weak"  # a product after a preposition: a last resort for a bare deadline


@dataclass
class Event:
    """One event of a clause, of an ``EventType``, in text order."""

    pos: int
    end: int
    type: EventType
    item: Product | None = None
    kind: str = ""
    mention: SessionMention | DateMention | None = None
    bodies: list[str] = field(default_factory=list)
    recurring: str | None = None


#: ``_BODY_TARGETS_RE`` for the ``kinds.lower_copy`` of a span (``kinds.lower_at_words``).
_LOWER_BODY_TARGETS_RE = lower_at_words(_BODY_TARGETS)


#: ``_EXTENT_STOP_RE`` for a lower-cased copy, opening with one class of what a match opens
#: with (a stop, or the whitespace before a phrase, which a lookbehind tells apart): the
#: engine skips the letters between in C instead of trying both branches at each.
_LOWER_EXTENT_STOP_RE = compiled(
    r"[,;:\s](?:(?<=[,;:])|\s*(?:to\s+be\s+|and\s+to\s+|at\s+its\s+|before\s+the\s+|"
    r"to\s+the\s+(?:human|general|council|assembly)))"
)


def _extent(masked: str, pos: int, end: int, lower: str | None, offset: int) -> int:
    """Where a product's phrase ends: the first stop after ``pos``, searched in ``lower``
    (masked[offset:] lower-cased, ``offset`` < ``pos``) when given."""
    end = min(end, pos + 400)
    if lower is None:
        stop = _EXTENT_STOP_RE.search(masked, pos, end)
        return stop.start() if stop else end
    found = _LOWER_EXTENT_STOP_RE.search(lower, pos - offset, end - offset)
    return found.start() + offset if found else end


@cache
def _that_session_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """ "at that session" and the session it points back to: rare (3 request clauses of
    3,671 in the corpus), so compiled on first use (3 ms of start-up)."""
    return compiled(
        r"\b(?:at|during|for\s+consideration\s+at)\s+(?:that|the\s+same)\s+session\b",
        re.IGNORECASE,
    ), compiled(
        rf"\b(?:its|the)\s+(?P<ords>{ORDINAL_PATTERN})\s+session\b(?:\s+of\s+the\s+(?P<body>{BODY_PATTERN}))?",
        re.IGNORECASE,
    )


def _of_another(masked: str, at: int, end: int) -> bool:
    """Whether the session named just before ``at`` is of an entity that is no body
    ("the seventeenth working session of the Working Group")."""
    of_entity, of_body = _of_entity_res()
    return bool(of_entity.match(masked, at, end)) and not of_body.match(masked, at, end)


@cache
def _of_entity_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    return compiled(r"s?\s+of\s+the\s+[A-Z]"), compiled(rf"s?\s+of\s+the\s+(?:{BODY_PATTERN})")


def _that_session(masked: str, z0: int, z1: int, ctx: ReadingContext) -> list[SessionMention]:
    """ "... provisional agenda of its Nth session ..., and requests a report at that session"."""
    result = []
    that_session, any_session = _that_session_res()
    for found in that_session.finditer(masked, z0, z1):
        previous = list(any_session.finditer(masked, max(0, found.start() - 700), found.start()))
        if not previous:
            continue
        last = previous[-1]
        named = masked.rfind("session", max(0, found.start() - 700), found.start())
        if _of_another(masked, max(named + len("session"), last.end()), found.start()):
            continue  # the session last named is another entity's ("... of the Working Group")
        number = ordinal_to_int(last.group("ords"))
        if number is None:
            continue
        body = (
            body_code(last.group("body"), ctx.default_council) if last.group("body") else ctx.body
        )
        result.append(SessionMention(found.start(), found.end(), body, [number], "at"))
    return result


@dataclass
class ProductHits:
    """The matches every product of a span comes from: verb-based products ("to report"),
    "in his next report", deliverable nouns and interactive dialogues the actor is asked to
    join; and the span lower-cased, which every reader of it tests or scans (``low``;
    ``lower``: ``kinds.lower_copy``, or None)."""

    verbs: list[re.Match[str]] | list[LowerMatch]
    next_report: list[re.Match[str]] | list[LowerMatch]
    nouns: list[NounMatch]
    low: str
    lower: str | None
    dialogues: list[re.Match[str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.verbs or self.next_report or self.nouns or self.dialogues)


def product_hits(masked: str, z0: int, z1: int, *, decide: bool) -> ProductHits:
    """The product matches in masked[z0:z1] (none of the verb-based ones after "decides")."""
    span = masked[z0:z1]
    lower = lower_copy(masked, z0, z1)
    low = span.lower() if lower is None else lower[1:]
    verbs = not decide and may_match(VERB_PRODUCT_RE, span, low)
    next_report = not decide and may_match(_NEXT_REPORT_RE, span, low)
    return ProductHits(
        verb_products(masked, z0, z1, lower) if verbs else [],
        scan_span((_NEXT_REPORT_RE, _LOWER_NEXT_REPORT_RE), masked, z0, z1, lower)
        if next_report
        else [],
        noun_matches(masked, z0, z1, lower),
        low,
        lower,
        list(_JOINS_DIALOGUE_RE.finditer(masked, z0, z1))
        if not decide and "interactive dialogue" in low
        else [],
    )


def _events(
    hits: ProductHits,
    z0: int,
    z1: int,
    ctx: ReadingContext,
    *,
    decide: bool,
    actor_body: str | None = None,
    subject: bool = False,
) -> list[Event]:
    """The events of masked[z0:z1] (``hits``: its ``product_hits``); ``subject``: the clause
    opens with its product as the subject of a passive ("that the summary report ... will
    be prepared by X").

    Without a product match (three request spans in four), or with only nouns that
    ``_may_name_product`` proves name none, there are none: every product and weak product
    comes from one, and pairing gives nothing without them whatever sessions, dates and
    bodies the span holds, so those are not read."""
    if not hits or not _may_name_product(hits, z0, ctx.masked, decide=decide, subject=subject):
        return []
    return events_of(hits, z0, z1, ctx, decide=decide, actor_body=actor_body, subject=subject)


def _may_name_product(
    hits: ProductHits, z0: int, masked: str, *, decide: bool, subject: bool
) -> bool:
    """Whether ``events_of`` may make a product or a weak product of ``hits`` (pairing makes
    items of nothing else): False proves it makes none. The tests its noun loop drops a
    noun by, those that read sessions taken to pass wherever the span names a session (none
    is found, and none ends before a noun, in a span without the word). A third of the
    spans with a product match name none: their sessions, dates and bodies go unread."""
    if hits.verbs or hits.next_report or hits.dialogues:
        return True
    session = "session" in hits.low
    lower = hits.lower
    for noun_hit in hits.nouns:
        if noun_hit.kind.startswith("loose:"):
            if _weak_kind(noun_hit.kind[6:], noun_hit.group("noun")) or session:
                return True  # a weak product, or a product glued to a session
            continue
        kind = _decided_kind(noun_hit.kind, noun_hit.group("noun"), decide)
        if kind is None:
            continue
        start = noun_hit.start()
        det = noun_hit.group("det").lower()
        if det in _DEFINITE:
            after_verb = (
                (det != "the" and session)
                or (subject and start - z0 < 5)
                or _after_production_verb(masked, start, z0, lower)
            )
            if not after_verb:
                continue
        elif (
            not _weak_kind(kind, noun_hit.group("noun"))
            and not noun_hit.bare
            and preceded_by_preposition(masked, start, z0, lower, z0 - 1)
            and not _next_in_sequence(masked, start, z0, kind, hits.low)
        ):
            continue  # after a preposition: only a weak product, and not of this kind
        if not _applied(masked, start, z0, lower):
            return True
    return False


#: "an oral update at its Nth session, followed by a comprehensive report at its Mth
#: session": the next product of the series, not a phrase about the first.
_FOLLOWED_BY_RE = compiled(r"\bfollowed\s+by\s+$", re.IGNORECASE)


def _next_in_sequence(masked: str, start: int, z0: int, kind: str, low: str) -> bool:
    """Whether the product noun at ``start`` (a report, an update, a study ..., never a
    meeting: "to be followed by an interactive dialogue" is how a report is presented) is
    one that follows another ("followed by a report"); ``low`` gates the search."""
    return (
        "followed by" in low
        and kind not in _EVENT_KINDS
        and _FOLLOWED_BY_RE.search(masked, max(z0, start - 20), start) is not None
    )


def _decided_kind(kind: str, noun: str, decide: bool) -> str | None:
    """The kind of a product noun in a request (after "decides": None for what the body
    itself does not hold, a briefing its meeting)."""
    if decide and kind == "oral update" and noun.lower().startswith("briefing"):
        kind = "meeting"  # "decides to organize a briefing at its Nth session": its meeting
    if decide and kind in ("report", "oral update", "study", "compilation", "other"):
        return None
    return kind


def _applied(masked: str, start: int, z0: int, lower: str | None) -> bool:
    """Whether a verb that uses what exists comes before the noun phrase at ``start``."""
    low = max(z0, start - 50)
    return found_before(_APPLY_VERB_RE, _LOWER_APPLY_VERB_RE, masked, low, start, lower, z0 - 1)


def _after_production_verb(masked: str, start: int, z0: int, lower: str | None) -> bool:
    """Whether a production verb comes right before the noun phrase at ``start``."""
    low = max(z0, start - 40)
    return found_before(_ANAPHOR_VERB_RE, _LOWER_ANAPHOR_VERB_RE, masked, low, start, lower, z0 - 1)


def may_name_date(masked: str, z0: int, z1: int, low: str) -> bool:
    """Whether masked[z0:z1] (``low``: that span lower-cased) may hold a date: only then
    are dates looked for. A date needs a month name or "the end of" (a year) and a digit;
    the digit search runs only where one is printed."""
    return ("end" in low or any(month in low for month in _MONTH_NAMES)) and _DIGIT_RE.search(
        masked, z0, z1
    ) is not None


def events_of(
    hits: ProductHits,
    z0: int,
    z1: int,
    ctx: ReadingContext,
    *,
    decide: bool,
    actor_body: str | None = None,
    subject: bool = False,
) -> list[Event]:
    """Every event of masked[z0:z1] around the product matches ``hits``."""
    masked = ctx.masked
    low, lower = hits.low, hits.lower
    events: list[Event] = []
    sessions = (
        find_sessions(
            masked,
            z0,
            z1,
            body=ctx.body,
            session=ctx.session,
            default_council=ctx.default_council,
            default_commission=ctx.default_commission,
            actor_body=actor_body,
            lower=lower,
        )
        if "session" in low
        else []
    )
    if "that session" in low or "same session" in low:
        sessions.extend(_that_session(masked, z0, z1, ctx))
    taken = [(m.start, m.end) for m in sessions]
    session_ends = [m.end for m in sessions]
    sessions = [m for m in sessions if not _belongs_to_reference(masked, z0, m.start)]
    for mention in sessions:
        events.append(Event(mention.start, mention.end, EventType.SESSION, mention=mention))
    dated = may_name_date(masked, z0, z1, low)
    for date_mention in find_dates(masked, z0, z1, lower) if dated else ():
        events.append(
            Event(date_mention.start, date_mention.end, EventType.DATE, mention=date_mention)
        )
        taken.append((date_mention.start, date_mention.end))

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    has_body = "council" in low or "assembly" in low or "committee" in low
    targets = _BODY_TARGETS_RE, _LOWER_BODY_TARGETS_RE
    for found in scan_span(targets, masked, z0, z1, lower) if has_body else ():
        if not free(found.start(), found.end()):
            continue
        bodies = []
        for one in _ONE_BODY_RE.finditer(found.group("bodies")):
            code = body_code(one.group(0), ctx.default_council)
            if code and code not in bodies:
                bodies.append(code)
        if bodies:
            events.append(Event(found.start(), found.end(), EventType.BODIES, bodies=bodies))
    has_recur = any(word in low for word in _RECUR_WORDS)
    for found in RECUR_RE.finditer(masked, z0, z1) if has_recur else ():
        if free(found.start(), found.end()):
            events.append(
                Event(found.start(), found.end(), EventType.RECURRENCE, recurring=recurrence(found))
            )
    seen_kinds: dict[str, Product] = {}
    noun_spans: list[tuple[int, int]] = []
    for verb in hits.verbs:
        if verb.group("report"):
            kind, noun_start, noun_end = "report", verb.start("report"), verb.end("report")
            if "orally" in verb.group().lower() or _ORALLY_RE.match(masked, noun_end, z1):
                kind = "oral update"  # "to report orally to the Council at its Nth session"
        elif verb.group("address"):
            kind, noun_start, noun_end = "oral update", verb.start("address"), verb.end("address")
        elif verb.group("findings"):  # "to present her findings to the Council at ..."
            kind, noun_start, noun_end = "report", verb.start("findings"), verb.end("findings")
        elif verb.group("inform"):
            kind, noun_start, noun_end = "report", verb.start("inform"), verb.end("inform")
        elif verb.group("keep"):  # "to keep the Assembly informed, at its Nth session, of X"
            kind, noun_start, noun_end = "report", verb.start("keep"), verb.end("keep")
        elif verb.group("brief"):
            kind, noun_start, noun_end = "oral update", verb.start("brief"), verb.end("brief")
        elif verb.group("consult"):
            if _working_method(masked, verb.start(), verb.end("consult"), z1):
                continue
            kind, noun_start, noun_end = (
                "consultation",
                verb.start("consult"),
                verb.end("consult"),
            )
        elif verb.group("study"):
            kind, noun_start, noun_end = "study", verb.start("study"), verb.end("study")
        elif verb.group("compile"):  # "to compile good practices ...": a compilation
            kind, noun_start, noun_end = "compilation", verb.start("compile"), verb.end("compile")
        else:
            noun = verb.group("inc_noun").lower()
            kind = "report" if noun.startswith("report") else "oral update"
            noun_start, noun_end = verb.start("inc_noun"), verb.end("inc_noun")
        item = Product(kind, 1, None, noun_start, noun_end, masked[noun_start:noun_end], "")
        item.extent_end = _extent(masked, noun_end, z1, lower, z0 - 1)
        events.append(Event(noun_start, noun_end, EventType.PRODUCT, item=item, kind=kind))
        noun_spans.append((noun_start, noun_end))
        if verb.group("keep"):
            item.if_dated = True
        if verb.group("include"):
            item.included = True
            # what is to be included is content of that report, not a product of its own
            stop = _NEXT_VERB_RE.search(masked, noun_end, z1)
            noun_spans.append((verb.start(), noun_start))
            noun_spans.append((noun_end, stop.start() if stop else z1))
    if hits.dialogues and not _PRESENTED_RE.search(masked, *ctx.paragraph_span):
        # a dialogue on a report or update the paragraph names is how that is presented
        for found in hits.dialogues:
            noun_start, noun_end = found.span("noun")
            item = Product("oral update", 1, None, noun_start, noun_end, found["noun"], "")
            item.joins_dialogue = True
            item.extent_end = _extent(masked, noun_end, z1, lower, z0 - 1)
            events.append(Event(noun_start, noun_end, EventType.PRODUCT, item=item, kind=item.kind))
            noun_spans.append((noun_start, noun_end))
    for found in hits.next_report:
        # "to provide this information in the context of his next report": that report
        noun_start, noun_end = found.start("noun"), found.end("noun")
        if any(a <= noun_start < b for a, b in noun_spans):
            continue
        noun = found.group("noun")
        kind = "oral update" if "update" in noun.lower() else "report"
        item = Product(kind, 1, None, noun_start, noun_end, noun, found.group("mods") or "")
        item.included = True
        item.context = True
        item.extent_end = noun_end
        if "annual" in item.mods.lower():
            item.recurring = "annual"
        events.append(Event(noun_start, noun_end, EventType.PRODUCT, item=item, kind=kind))
        noun_spans.append((found.start(), noun_end))
    for noun_hit in hits.nouns:
        if not free(noun_hit.start("noun"), noun_hit.end("noun")):
            continue
        if any(a <= noun_hit.start("noun") < b for a, b in noun_spans):
            continue
        kind = noun_hit.kind
        if kind.startswith("loose:"):
            if not any(
                _GLUE_RE.fullmatch(masked, e, noun_hit.start())
                or _GLUE_MODS_RE.fullmatch(masked, e, noun_hit.start())
                for e in session_ends
            ):
                _weak(events, noun_hit, kind[6:])
                continue
            kind = kind[6:]
        det = noun_hit.group("det").lower()
        mods = noun_hit.group("mods") or ""
        noun = noun_hit.group("noun")
        decided = _decided_kind(kind, noun, decide)
        if decided is None:
            continue
        kind = decided
        bare = noun_hit.bare
        start = noun_hit.start()
        np_start = noun_hit.start("mods") if bare else start
        if _applied(masked, start, z0, lower):
            continue  # "to implement all ten recommendations", "implementing a policy"
        definite = det in _DEFINITE
        prep = (
            not bare
            and preceded_by_preposition(masked, start, z0, lower, z0 - 1)
            and not _next_in_sequence(masked, start, z0, kind, low)
        )
        if definite:
            after_verb = _after_production_verb(masked, start, z0, lower) or (
                any(
                    (_GLUE_RE if det != "the" else _AND_GLUE_RE).fullmatch(
                        masked, e, noun_hit.start()
                    )
                    for e in session_ends
                )
            )
            after_verb = (
                after_verb
                or (subject and noun_hit.start() - z0 < 5)
                or (det != "the" and _named_for_contents(masked, start, noun_hit.end(), sessions))
            )
            if not after_verb:
                continue
            if kind in seen_kinds:
                events.append(
                    Event(
                        noun_hit.start(), noun_hit.end(), EventType.ANAPHOR, item=seen_kinds[kind]
                    )
                )
                continue
            if det != "the" and kind == "report" and decide:
                continue
            if _REFERENCE_MODS_RE.search(mods) or _SUPPORT_VERB_RE.search(
                masked, max(z0, noun_hit.start() - 40), noun_hit.start()
            ):
                continue  # "to provide the above-mentioned meeting with services": support
        elif prep:
            _weak(events, noun_hit, kind)
            continue
        following = masked[noun_hit.end() : min(z1, noun_hit.end() + 200)]
        count, listed = count_of(det, noun, following)
        item = Product(kind, count, listed, np_start, noun_hit.end(), noun, mods)
        if det in ("annual",) or "annual" in mods.lower():
            item.recurring = "annual"
        elif "biennial" in mods.lower():
            item.recurring = "biennial"
        item.extent_end = _extent(masked, noun_hit.end(), z1, lower, z0 - 1)
        if listed:
            each = re.search(r"\beach\s+of\s+the\s+\w+(?:\s+[\w-]+){0,3}", following)
            if each:
                item.extent_end = max(item.extent_end, noun_hit.end() + each.end())
        seen_kinds.setdefault(kind, item)
        events.append(Event(np_start, noun_hit.end(), EventType.PRODUCT, item=item, kind=kind))
    events.sort(key=lambda ev: (ev.pos, ev.type != EventType.PRODUCT))
    events = [e for e in events if not _in_event_purpose(e, events, masked)]
    if any(e.item is not None and e.item.joins_dialogue for e in events):
        events = _without_dialogue_beside_product(events)
    if any(e.item is not None and e.item.context for e in events):
        events = [e for e in events if not _carried_by_other(e, events, masked, z0, z1)]
    # "to submit a report at its Nth session and to include in the report ...": one report
    first_report = next(
        (e.item for e in events if e.type == EventType.PRODUCT and e.item and e.kind == "report"),
        None,
    )
    for event in events:
        named = event.item
        repeated = (
            event.type == EventType.PRODUCT
            and named is not None
            and named.included
            and first_report is not None
            and named is not first_report
            and first_report.start < named.start
        )
        if repeated:
            event.type = EventType.ANAPHOR
            event.item = first_report
    # "its" is the body last addressed in the clause ("to report to the General Assembly on X
    # at its eighty-first session"), else the adopting body.
    last_body = actor_body
    for event in events:
        if event.type == EventType.BODIES:
            last_body = event.bodies[-1]
        elif event.type == EventType.SESSION and isinstance(event.mention, SessionMention):
            if event.mention.explicit_body:
                last_body = event.mention.body
            elif last_body and event.mention.body != last_body:
                event.mention.body = last_body
    if actor_body == OWN_SESSIONS:
        # "Invites the Committee on the Rights of the Child to consider devoting a day of
        # general discussion to X at its Nth session": the Committee's session, no deadline
        events = [
            e
            for e in events
            if e.type is not EventType.SESSION
            or not isinstance(e.mention, SessionMention)
            or e.mention.body != OWN_SESSIONS
        ]
    # the verb-based report and a "report" noun right after it are one product
    return events


#: "orally" right after "to report" ("to report orally, through its Chair, to the Council").
_ORALLY_RE = compiled(r"\s*,?\s*orally\b", re.IGNORECASE)

#: "in" right before a noun phrase ("to make recommendations in its report").
_IN_BEFORE_RE = compiled(r"\bin\s+$", re.IGNORECASE)


def _named_for_contents(masked: str, start: int, end: int, sessions: list[SessionMention]) -> bool:
    """ "to make recommendations in its report to the Assembly at its Nth session": the
    report named as the place of what is asked, with its session right after it, is due
    there."""
    return any(_GLUE_RE.fullmatch(masked, end, m.start) for m in sessions) and bool(
        _IN_BEFORE_RE.search(masked, max(0, start - 4), start)
    )


def _without_dialogue_beside_product(events: list[Event]) -> list[Event]:
    """ "to address and engage in an interactive dialogue with the Assembly": the dialogue
    is how the other product is presented, so it is one only when nothing else is asked."""
    products = [e.item for e in events if e.type == EventType.PRODUCT and e.item is not None]
    if all(item.joins_dialogue for item in products):
        return events
    return [e for e in events if e.item is None or not e.item.joins_dialogue]


#: "in the implementation of the present resolution", "in preparing the report": the
#: activity a verb serves as a working method.
_METHOD = (
    r"\bin\s+(?:the\s+)?(?:implementation\s+of|implementing|preparing|preparation\s+of|"
    r"carrying\s+out|discharg(?:e|ing)\s+(?:of\s+)?|performance\s+of|fulfil(?:l?ing|ment\s+of)|"
    r"course\s+of)\b"
)


@cache
def _method_re() -> re.Pattern[str]:
    return compiled(_METHOD, re.IGNORECASE)  # "to consult" only: compiled on first use


def _working_method(masked: str, start: int, end: int, z1: int) -> bool:
    """ "to consult States ... in the implementation of the present resolution", "in preparing
    the report, to consult with States": consulting as a way of working is not a product (the
    consultations a request asks to convene or hold, or "to consult States on X", are)."""
    stop = _NEXT_VERB_RE.search(masked, end, z1)
    after = masked[end : stop.start() if stop else z1]
    before = masked[max(0, start - 250) : start]
    before = re.split(r"[;.]|\b(?:requests|invites|decides)\b", before, flags=re.I)[-1]
    method_before = _method_re().search(before) and before.rstrip().endswith(",")
    return bool(_method_re().search(after) or method_before)


#: Verbs that use or act on something that exists: their object is not a new product.
_APPLY_VERB = (
    rf"\b(?:{lexicon().verb_pattern('apply')})"
    r"\s+(?:all\s+(?:of\s+)?(?:the\s+)?|each\s+of\s+the\s+)?$"
)
_APPLY_VERB_RE = guarded(_APPLY_VERB, re.IGNORECASE, length=3)
_LOWER_APPLY_VERB_RE = lower_at_words(_APPLY_VERB)

#: "in (the context of) his next report": the actor's own coming report.
_NEXT_REPORT = (
    r"\b(?:in|within|through|as\s+part\s+of)\s+(?:the\s+context\s+of\s+|the\s+framework\s+of\s+)?"
    r"(?:(?:his|her|its|their|his\s+or\s+her)\s+(?P<mods>(?:next|forthcoming|upcoming|subsequent|"
    r"annual)(?:\s+(?:annual|regular|periodic|progress|comprehensive|written))?\s+)|"
    r"the\s+(?=report\s+to\s+be\s+(?:presented|submitted)\b))"
    r"(?P<noun>reports?|oral\s+updates?)\b"
)
_NEXT_REPORT_RE = guarded(_NEXT_REPORT, re.IGNORECASE, length=5)
_LOWER_NEXT_REPORT_RE = lower_at_words(_NEXT_REPORT)


_DIGIT_RE = compiled(r"\d")


def _carried_by_other(event: Event, events: list[Event], masked: str, z0: int, z1: int) -> bool:
    """ "to provide an update on X in his next report", "to prepare an analysis ... in his next
    report": the product named in the same verb phrase is what that report carries; the
    report is only a product of its own when nothing else is asked in the phrase."""
    item = event.item
    if event.type != EventType.PRODUCT or item is None or not item.context:
        return False
    low = z0
    for stop in _NEXT_VERB_RE.finditer(masked, z0, item.start):
        low = stop.end()
    after = _NEXT_VERB_RE.search(masked, item.end, z1)
    high = after.start() if after else z1
    return any(
        e.type == EventType.PRODUCT
        and e.item is not None
        and e.item is not item
        and low <= e.pos < high
        and not e.item.context
        for e in events
    )


_EVENT_KINDS = {"meeting", "panel", "seminar", "consultation"}

#: A bare purpose infinitive right after the event (an aside such as a date may come first).
_EVENT_PURPOSE_RE = compiled(r"\s*(?:,[^,;]{1,60},)?\s*to\s+(?!be\b)[a-z]+\b")


@cache
def _coordinated_re() -> re.Pattern[str]:
    """ "and to ...", "; ": another request (rare: compiled on first use)."""
    return compiled(
        rf";|\b(?:and|or)\s+(?:also\s+|further\s+)?(?:to\s+\w+|{PRODUCE_VERBS})\b",
        re.IGNORECASE,
    )


def _in_event_purpose(event: Event, events: list[Event], masked: str) -> bool:
    """ "to convene a meeting, on 1 May, to mark the Day to contribute to developing
    strategies": an "other" product named in the purpose of a meeting is not requested."""
    if event.type != EventType.PRODUCT or event.kind != "other":
        return False
    before = [e for e in events if e.type == EventType.PRODUCT and e.pos < event.pos]
    if not before or before[-1].kind not in _EVENT_KINDS:
        return False
    between = masked[before[-1].end : event.pos]
    return bool(_EVENT_PURPOSE_RE.match(between)) and not _coordinated_re().search(between)


#: "to be held/convened": a product set for later, mentioned in passing.
_SCHEDULED = lexicon().verb_pattern("scheduled")
_REFERENCE_RE = compiled(
    r"\b(?:the|that|this|these|those|its|his|her|their)\s+(?:[\w-]+\s+){0,3}?"
    rf"(?:{NOUN_PATTERN})\s*,?\s+(?:(?:to\s+be|which\s+(?:will|is\s+to)\s+be|that\s+(?:will|is\s+to)"
    rf"\s+be)\s+(?:[\w-]+\s+)?(?:{_SCHEDULED})|(?:scheduled|planned)(?:\s+to\s+"
    r"(?:be\s+held|take\s+place))?|to\s+take\s+place)\s*$",
    re.IGNORECASE,
)

#: The word a _REFERENCE_RE match ends with (only spaces follow, spaces precede it): the
#: last word of a window, tested before the search of the window (20 us; 450 in the corpus,
#: a handful of which end with one of these words).
_REFERENCE_LAST_RE = compiled(rf"{_SCHEDULED}|scheduled|planned|held|place", re.IGNORECASE)

_INCLUDE_IN_RE = compiled(r"\binclude\b[^;]{0,200}\b(?:in|within)$", re.IGNORECASE)


def _belongs_to_reference(masked: str, floor: int, start: int) -> bool:
    """ "the outcome of the panel discussion to be convened at its Nth session": the session
    dates a product mentioned in passing, not the one requested here."""
    window = masked[max(floor, start - 160) : start]
    last = window.rsplit(None, 1)
    if not last or not _REFERENCE_LAST_RE.fullmatch(last[-1]):
        return False
    found = _REFERENCE_RE.search(window)
    if not found:
        return False
    before = window[: found.start()].rstrip()
    if _INCLUDE_IN_RE.search(before):
        return False  # "to include in his next report, to be submitted at ...": that report
    # "... and to present the report to be considered at ...": an anaphor after a verb
    return not _ANAPHOR_VERB_RE.search(before + " ")


_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may ",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

_RECUR_WORDS = ("annual", "year", "biennial", "every", "quadrennial")

_DEFINITE = {
    "the",
    "its",
    "his",
    "her",
    "their",
    "his or her",
    "that",
    "this",
    "these",
    "those",
    "such",
}

_WEAK_KINDS = {"seminar", "meeting", "consultation", "report", "study", "compilation"}


def _weak_kind(kind: str, noun: str) -> bool:
    """Whether a product of ``kind`` named after a preposition may stand for a bare deadline:
    also a briefing ("to present its findings to States at an informal briefing before the
    Nth session": the presenter's oral update), not any other update."""
    return kind in _WEAK_KINDS or (kind == "oral update" and noun[:8].lower() == "briefing")


#: "to submit a progress report at its sixty-seventh session and the final study no later
#: than at its sixty-ninth session": "the final study" is the verb's next object.
_AND_GLUE_RE = compiled(r"\s*,?\s*and\s+")
#: Between a session and a bare noun, its modifiers: "before the Nth session, open-ended
#: consultations" (lower-case words, none a function word).
_GLUE_MODS_RE = compiled(
    r"\s*,?\s*(?:(?!(?:and|or|the|a|an|to|of|with|on|in|for|by|its|their|at|as)\b)"
    r"[a-z][\w\u2010\u2011-]*\s+){1,3}"
)


def _weak(events: list[Event], found: NounMatch, kind: str) -> None:
    """Remember a product named after a preposition, as a last resort for a bare deadline."""
    noun = found.group("noun")
    if not _weak_kind(kind, noun):
        return
    item = Product(kind, 1, None, found.start(), found.end(), noun, found.group("mods"))
    item.extent_end = found.end()
    events.append(Event(found.start(), found.end(), EventType.WEAK, item=item, kind=kind))
