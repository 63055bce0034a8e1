"""Building results: mandates and deliverables (title, due, count, review reasons) from a
request clause and its paired products."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .clauses import (
    _NEXT_VERB_RE,
    ActorMention,
    ReadingContext,
    _first_break,
    _parse_actors,
    _partners_in_clause,
    _printed,
    _strip_span,
)
from .cleaning import without_bidi_controls
from .deadlines import (
    TWICE_A_YEAR,
    DateMention,
    SessionMention,
)
from .events import (
    _EVENT_KINDS,
    OWN_SESSIONS,
    Product,
    _events,
    may_name_date,
    product_hits,
)
from .gates import may_match
from .guards import guarded
from .lexicon import lexicon
from .pairing import (
    _pair,
)
from .regex_cache import compiled
from .result import (
    Deliverable,
    Due,
    Mandate,
)

_TOPIC_RE = compiled(r"\s+(?:on|of|about|regarding|concerning|entitled)\s+", re.IGNORECASE)

_PROGRAMME_RE = compiled(r"programmes?\s+of\s+work", re.IGNORECASE)
#: "to submit reports ... on the activities undertaken in fulfilment of their respective
#: mandates": each actor named delivers its own ("respectively" is another matter).
_RESPECTIVE_RE = compiled(r"\brespective\b", re.IGNORECASE)
_JOINT_RE = compiled(r"\bjoint\b", re.IGNORECASE)

#: The review reason of a request made on a condition ("if the Council so decides at its
#: Nth session, to prepare a study"): listed, as nothing due may be missed, but checked.
CONDITIONAL = "conditional request: only if the body so decides"
_SO_DECIDE_RE = compiled(r"\b(?:if|should|unless)\b[^;]{0,80}?\bso\s+decides?\b", re.IGNORECASE)


def _conditional(masked: str, actor_end: int, z0: int, z1: int, low: str) -> bool:
    """ "Requests the Advisory Committee, if the Council so decides at its Nth session, to
    prepare ...", "to prepare a study, should the Assembly so decide": "so decide" after an
    "if" or "should" between the actor and the request's end (``low``: masked[z0:z1]
    lower-cased; a span without "decide" is not searched)."""
    if "decide" not in low and "decide" not in masked[actor_end:z0].lower():
        return False
    return _SO_DECIDE_RE.search(masked, actor_end, z1) is not None


def _jointly(masked: str, speakers: list[ActorMention], z0: int) -> bool:
    """ "Requests A and B, jointly, to present an oral briefing", "A and B, jointly:" (the
    sub-paragraphs follow), "to jointly present", "to present jointly": one product of
    both (the first the actor, the others partners), not one each."""
    end = max(speaker.end for speaker in speakers)
    return "jointly" in masked[end : end + 16].lower() or "jointly" in masked[z0 : z0 + 30].lower()


#: Actors that are (or speak for) a body: its products are due at that body.
_ACTOR_BODIES = lexicon().body_actors()

_ASIDE_RE = compiled(
    r"\s*,\s*(?:one\s+(?:for|in)\s+each|in\s+each|each|accessible|in\s+a\s+hybrid|fully|"
    r"with|in\s+(?:an?\s+)?(?:accessible|easy)|within\s+existing)[^,;]{0,120},(?=\s*(?:on|of|about)\s)",
    re.IGNORECASE,
)

#: Where a title's topic ends: punctuation, a body or session, the next verb, and (0.3.50)
#: the words that refer back to the request ("referred to in paragraph 5 above", "as
#: requested in resolution N"), a passive verb ("shall be held"), where it goes or went ("to
#: its Nth session", "until before ...", "that was originally scheduled for ...").
_TOPIC_STOP_RE = compiled(
    r"[,;:(]|\s+(?:to\s+(?:the|be)|at\s+its|and\s+to|and\s+(?:also\s+)?(?:requests|decides|"
    r"invites)|before\s+the|in\s+accordance|with\s+a\s+view|including|in\s+order|for\s+"
    r"(?:its\s+)?(?:submission|consideration)"
    r"|(?:as\s+)?(?:requested|called\s+for|referred\s+to)\s+in|as\s+requested\s+by"
    r"|(?:shall|will|should)\s+be|(?<!prior\s)to\s+its|until\s+(?:its|before|after)"
    r"|(?:(?:that|which)\s+(?:was|were|had\s+been)\s+)?(?:(?:originally|initially|previously)\s+)?"
    r"(?:scheduled|planned)\s+(?:for|at))\b",
    re.IGNORECASE,
)

_NOT_A_TOPIC_RE = compiled(
    r"(?:on|of)\s+(?:an?\s+)?(?:annual|regular|biennial|periodic|ad\s+hoc|the\s+basis|its|his|her)\b",
    re.IGNORECASE,
)


def _title(item: Product, ctx: ReadingContext, actor: str, limit: int) -> str:
    head = " ".join((item.mods + " " + item.noun).split())
    if item.kind == "report" and item.noun.lower() == "report" and not item.mods:
        head = "Report"
    if item.kind == "consultation" and item.noun.lower() == "consult":
        head = "Consultations"
    if item.kind == "oral update" and item.noun.lower() in ("brief", "update"):
        head = "Oral update"
    if item.kind == "study" and item.noun.lower() == "study":
        head = "Study"
    topic = ""
    after = item.end
    aside = _ASIDE_RE.match(ctx.masked, after, limit)
    if aside:  # ", one for each of the five geographical regions, on X"
        after = aside.end()
    found = _TOPIC_RE.match(ctx.masked, after, limit)
    if found:
        stop = _TOPIC_STOP_RE.search(ctx.masked, found.end(), min(limit, found.end() + 160))
        topic_end = stop.start() if stop else min(limit, found.end() + 160)
        words = _printed(ctx.text[found.start() : topic_end]).split()
        while words and words[-1].lower() in ("and", "or", "the", "of", "on", "to", "in"):
            words.pop()
        if len(words) > 16:
            words = [*words[:16], "..."]
        topic = " ".join(words)
        if _NOT_A_TOPIC_RE.match(topic):
            topic = ""
    if not topic and item.kind in ("report", "study", "oral update"):
        topic = _of_actor(actor)
    # Shown in e-mail subjects, pages and the History: nothing that turns its direction.
    title = " ".join(without_bidi_controls(f"{head} {topic}").split())
    return title[:1].upper() + title[1:]


def _of_actor(actor: str) -> str:
    """How a title names the actor of a product the text gives no topic ("Report of the
    High Commissioner", "Report of OHCHR"): nothing for the Council and the Assembly. Only
    a name that is an acronym by itself goes without "the" ("OHCHR", "UNICEF",
    "UN-Women"); any other takes it, "UN High Commissioner ..." too (it once went bare
    for starting with "UN")."""
    if actor in ("Human Rights Council", "General Assembly"):
        return ""
    return f"of {actor}" if _bare(actor) else f"of the {actor}"


def _bare(actor: str) -> bool:
    """A name that is an acronym by itself: a title names it without "the"."""
    return actor.startswith(("OHCHR", "UN")) and len(actor.split()) == 1


def title_head(title: str, actor: str) -> str | None:
    """The words of a title before the actor's name, when `_title` named the actor called
    ``actor`` for want of a topic ("Report" of "Report of the High Commissioner"); None for
    any other title (a topic the text prints, "Report on the work of the High Commissioner",
    or a person's words). Lets a title read under an actor's former name be told from a
    title that changed. A title made before `_of_actor` put "the" before a name starting
    with "UN" ("Report of UN High Commissioner ...") is found too."""
    if not _of_actor(actor):
        return None
    for named in (f"of the {actor}", f"of {actor}"):
        if title.endswith(f" {named}"):
            head = title[: -len(named) - 1]
            return head if head.strip() and not _TOPIC_RE.search(head) else None
    return None


def title_renamed(title: str, old: str, new: str) -> str | None:
    """The title `_title` gives when the actor is called ``new``, for one it gave naming the
    actor ``old`` ("Report of the High Commissioner" -> "Report of the UN High Commissioner
    for Human Rights", "Study of OHCHR" -> "Study of the Office"): the article as a new
    text naming the actor ``new`` gets it; None when ``title`` does not name the actor so
    (`title_head`)."""
    head = title_head(title, old)
    return None if head is None else f"{head} {_of_actor(new)}".strip()


@dataclass
class _DatedSession:
    session: SessionMention
    date: DateMention

    @property
    def end(self) -> int:
        return max(self.session.end, self.date.end)


def _gap(one: SessionMention, other: DateMention) -> int:
    """The characters between two mentions, whichever comes first."""
    return max(one.start - other.end, other.start - one.end)


def _mention_dues(
    mention: SessionMention | DateMention | _DatedSession, ctx: ReadingContext
) -> list[tuple[Due, list[Due], list[str]]]:
    """One (due, alternatives, reasons) per session or date the mention names."""
    if isinstance(mention, _DatedSession):
        [(due, alternatives, reasons)] = _mention_dues(mention.session, ctx)
        [(_, _, date_reasons)] = _mention_dues(mention.date, ctx)
        when = mention.date.date
        reasons = [*reasons, *date_reasons]
        return [(Due(due.body, due.session, due.relation, when), alternatives, reasons)]
    if isinstance(mention, SessionMention):
        result: list[tuple[Due, list[Due], list[str]]] = []
        alternatives = [Due(mention.body, alt, mention.relation) for alt in mention.alternatives]
        reasons = []
        if mention.alternatives:
            reasons.append(
                "two readings of the session in the text (tracked-change residue): "
                + " or ".join(str(n) for n in [*mention.sessions, *mention.alternatives])
            )
        if mention.implied:
            reasons.append(f"implied deadline: {mention.implied}")
        if not mention.sessions:
            result.append((Due(mention.body, None, mention.relation), [], reasons))
        for index, number in enumerate(mention.sessions):
            body = mention.bodies[index] if mention.bodies else mention.body
            result.append((Due(body, number, mention.relation), list(alternatives), reasons))
        return result
    reasons = []
    if mention.period_end is not None:
        day = f"{mention.period_end.day} {mention.period_end:%B %Y}"
        reasons.append(
            f"deadline without a day: {' '.join(mention.printed.split())} "
            f"({'before' if mention.relation == 'before' else 'by'} {day}?)"
        )
    elif mention.date is None:
        reasons.append(f"date without a year: {mention.printed}")
    return [(Due(None, None, mention.relation, mention.date), [], reasons)]


#: A clause that presses rather than asks ("Urges", "strongly urges"; "Encourages" gives
#: nothing before this): the lexicon's verbs that press others (``delegate_press``).
_PRESS_RE = compiled(rf"\b(?:{lexicon().verb_pattern('delegate_press')})s?$", re.IGNORECASE)
#: Work of kind "other" that the gold conventions list as a product all the same.
_LISTED_OTHER_RE = compiled(
    r"(?:draft\s+)?(?:guidelines|guiding\s+principles|programmes?\s+of\s+work)$", re.IGNORECASE
)


def _pressed_work(item: Product) -> bool:
    """Whether what a clause urges is work to do rather than a product to deliver: "Urges
    United Nations agencies ... to continue developing policies", "urges the
    Secretary-General to continue to provide information". Kind "other" without a deadline
    (policies, strategies, information, proposals) is the way of working pressed for, as
    "Encourages" is (gold README: not listed); a report, meeting, study ... stays a
    product, and so do guidelines and a programme of work, which the README lists."""
    return item.kind == "other" and not _LISTED_OTHER_RE.match(" ".join(item.noun.split()))


#: "presented to the Council at its relevant sessions, starting from its Nth session" with no
#: recurrence printed ("annually" would forecast the later ones): the first is the deadline.
SEVERAL_SESSIONS = (
    "due at the body's relevant sessions from this one: which later sessions is not printed, "
    "so they are not forecast; add them by hand"
)


def state_without_date(actors: list[ActorMention], masked: str, start: int, end: int) -> bool:
    """Whether a request to ``actors`` gives nothing, whatever it asks in masked[start:end]:
    a State first, at most one other actor (several speak each for themselves), and no
    date named there. A State is held only to products with a date (``Builder.request``
    drops the rest), so the products need not be read."""
    return (
        actors[0].state
        and sum(not actor.state for actor in actors) < 2
        and not may_name_date(masked, start, end, masked[start:end].lower())
    )


class Builder:
    """Collects the mandates, deliverables and warnings of one resolution."""

    def __init__(self, ctx: ReadingContext) -> None:
        self.ctx = ctx
        self.mandates: list[Mandate] = []
        self.deliverables: list[Deliverable] = []
        self.warnings: list[str] = []

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def request(
        self,
        label: str,
        clause_start: int,
        verb: str,
        actors: list[ActorMention],
        partners: list[str],
        z0: int,
        z1: int,
        *,
        decide: bool = False,
        invite: bool = False,
        preset: list[Product] | None = None,
        subject: bool = False,
    ) -> None:
        ctx = self.ctx
        if not actors:
            return
        primary = actors[0]
        actor_body = _ACTOR_BODIES.get(primary.name)
        if actor_body is None and ctx.table.kinds.get(primary.name) == "treaty body":
            actor_body = OWN_SESSIONS
        delegated: list[tuple[int, int, list[ActorMention], int | None]] = []
        span = ctx.masked[z0:z1]
        if preset is None and state_without_date(actors, ctx.masked, z0, z1):
            return  # nearly half the request spans stop here
        if preset is not None:
            items = preset
            low = span.lower()
        else:
            hits = product_hits(ctx.masked, z0, z1, decide=decide)
            low = hits.low  # the span lower-cased once, for every word test below
            events = _events(
                hits, z0, z1, ctx, decide=decide, actor_body=actor_body, subject=subject
            )
            if ctx.topics:  # "a study including: (a) An analysis of ...": a topic
                events = [e for e in events if not any(a <= e.pos < b for a, b in ctx.topics)]
            if not decide:
                delegated = _delegations(z0, z1, ctx, span, low)
                if delegated:
                    events = [
                        e for e in events if not any(a <= e.pos < b for a, b, _, _ in delegated)
                    ]
            items = _pair(events, ctx.masked)
            items = [it for it in items if it.dues or not it.if_dated]
            if _PRESS_RE.search(verb):
                items = [it for it in items if it.dues or it.bodies or not _pressed_work(it)]
        speakers = [a for a in actors if not a.state]
        if (
            len(speakers) > 1
            and items
            and (
                (
                    all(it.kind == "oral update" for it in items)
                    and not _jointly(ctx.masked, speakers, z0)
                )
                or (
                    "respective" in low
                    and _RESPECTIVE_RE.search(span)
                    and not any(_JOINT_RE.search(it.mods) for it in items)
                )
            )
        ):
            # "Invites the Chair of X and the Chair of Y to address the Assembly": each speaks;
            # "to submit reports on ... their respective mandates": each reports
            for speaker in speakers:
                self.request(
                    label, clause_start, verb, [speaker], partners, z0, z1,
                    decide=decide, invite=invite, preset=preset, subject=subject,
                )  # fmt: skip
            return
        partners = [p for p in partners if p != primary.name]
        for extra in actors[1:]:
            if not extra.state and extra.name not in partners and extra.name != primary.name:
                partners.append(extra.name)
        for name in _partners_in_clause(z0, z1, ctx):
            if name not in partners and name != primary.name:
                partners.append(name)
        reasons = list(primary.reasons)
        if len([a for a in actors if not a.state]) > 1:
            reasons.append("several actors: " + ", ".join(a.name for a in actors))
        if items and _conditional(ctx.masked, max(a.end for a in actors), z0, z1, low):
            reasons.append(CONDITIONAL)
        if primary.state:
            items = [it for it in items if any(not isinstance(d, SessionMention) for d in it.dues)]
            for it in items:
                it.dues = [d for d in it.dues if not isinstance(d, SessionMention)]
            if not items:
                return
        if invite and not items:
            return
        # the mandate
        m_start, m_end = _strip_span(ctx.masked, clause_start, _first_break(ctx.masked, z0, z1))
        mandate = Mandate(
            paragraph=label,
            verb=verb,
            actor=primary.name,
            partners=list(partners),
            quote=ctx.text[m_start:m_end],
            span=(m_start, m_end),
            actor_text=primary.printed,
            needs_review=bool(reasons),
            review_reasons=list(reasons),
        )
        mandate_index = len(self.mandates)
        self.mandates.append(mandate)
        implied_by_programme = may_match(_PROGRAMME_RE, span, low) and bool(
            _PROGRAMME_RE.search(ctx.masked, z0, z1)
        )
        for _, span_end, others, inf in delegated:
            if inf is not None:  # "to invite the X Council to monitor and report": X reports
                self.request(label, clause_start, verb, others, [], inf, span_end, invite=True)
        for item in items:
            self._deliverables(
                item,
                label,
                verb,
                primary,
                partners,
                reasons,
                clause_start,
                z1,
                mandate_index,
                implied_by_programme,
            )

    def _deliverables(
        self,
        item: Product,
        label: str,
        verb: str,
        actor: ActorMention,
        partners: list[str],
        actor_reasons: list[str],
        clause_start: int,
        z1: int,
        mandate_index: int,
        implied_by_programme: bool,
    ) -> None:
        ctx = self.ctx
        count = item.count
        reasons = list(actor_reasons)
        if item.listed:
            if count not in (1, item.listed):
                reasons.append(f"count {count} disagrees with the list ({item.listed})")
            else:
                count = item.listed
        plans: list[tuple[Due | None, list[Due], list[str], int, str | None]] = []
        covered_bodies: set[str | None] = set()
        dues: list[SessionMention | DateMention | _DatedSession] = list(item.dues)
        dated = [m for m in item.dues if isinstance(m, DateMention)]
        sessions = [m for m in item.dues if isinstance(m, SessionMention)]
        if (
            len(dated) == 1
            and len(sessions) == 1
            and len(sessions[0].sessions) == 1
            and item.kind in _EVENT_KINDS
            and _gap(sessions[0], dated[0]) < 80
        ):
            # "on 25 September 2026, during its eighty-first session", "at the beginning of its
            # seventy-third session, and no later than December 2018": one meeting, one due
            dues = [_DatedSession(sessions[0], dated[0])]
        seen_dues: set[tuple] = set()
        # "a report to the General Assembly by 31 May 2027": a date is due to the one body the
        # product is addressed to (with several, which one is not said). A date without a day
        # ("by the end of 2030") keeps none: a body, a relation and no number or date is how
        # "at its next session" reads.
        date_body = item.bodies[0] if len(item.bodies) == 1 else None
        # "to the Council at its Nth session and to the Assembly in alternate years, beginning
        # at its Mth session": the recurrence is the Assembly's reports' only, and goes on to
        # that body's later mentions ("annually, starting from its Nth, until its Mth session")
        body_recurring: dict[str | None, str] = {}
        for mention in dues:
            several = isinstance(mention, SessionMention) and mention.several
            recurring = item.recurring
            if isinstance(mention, SessionMention):
                if mention.recurring:
                    body_recurring[mention.body] = mention.recurring
                recurring = body_recurring.get(mention.body) or recurring
            for named_due, alternatives, extra in _mention_dues(mention, ctx):
                if several and not recurring:
                    extra = [*extra, SEVERAL_SESSIONS]
                if date_body and isinstance(mention, DateMention) and named_due.date:
                    named_due = replace(named_due, body=date_body)
                key = (named_due.body, named_due.session, named_due.date)
                if named_due.session is not None and key in seen_dues:
                    continue  # "to organize a panel at the Nth session and to present it at
                    # that session": one event, named twice
                seen_dues.add(key)
                end = getattr(mention, "end", item.end)
                plans.append((named_due, alternatives, extra, end, recurring))
                covered_bodies.add(named_due.body)
        for code in item.bodies:
            if code not in covered_bodies and not (None in covered_bodies and plans):
                plans.append((Due(code, None, None), [], [], item.end, item.recurring))
                covered_bodies.add(code)
        if not plans:
            plans.append((None, [], [], item.end, item.recurring))
        if count > 1 and count == len(plans):
            count = 1  # "two reports, by 4 July and by 4 December": one each
        title = _title(item, ctx, actor.name, z1)
        if "actor not in the alias table" in reasons:
            self._warn(f"paragraph {label}: actor not in the alias table: {actor.name}")
        for due, alternatives, extra, mention_end, recurring in plans:
            why = reasons + extra
            if alternatives and due is not None:
                readings = " or ".join(
                    str(n) for n in [due.session, *(a.session for a in alternatives)]
                )
                self._warn(f"paragraph {label}: two readings of the session ({readings})")
            undated = due is None or (due.session is None and due.date is None)
            if undated and implied_by_programme:
                why.append("implied deadline: session set by the programme of work")
            elif undated and recurring:
                why.append(f"implied deadline: {recurring}, no session printed")
            if recurring == TWICE_A_YEAR:
                why.append(
                    "recurs twice a year: no whole number of sessions, so the later "
                    "occurrences are not forecast; add them by hand"
                )
            end = max(item.extent_end or item.end, item.end, mention_end)
            start, end = _strip_span(ctx.masked, clause_start, min(end, z1))
            quote_end = end
            while quote_end > start and ctx.masked[quote_end - 1] in ",;:":
                quote_end -= 1
            self.deliverables.append(
                Deliverable(
                    paragraph=label,
                    verb=verb,
                    actor=actor.name,
                    partners=list(partners),
                    kind=item.kind,
                    count=count,
                    title=title,
                    due=due,
                    alternatives=alternatives,
                    recurring=recurring,
                    quote=ctx.text[start:quote_end],
                    span=(start, quote_end),
                    needs_review=bool(why),
                    review_reasons=why,
                    mandate=mandate_index,
                    actor_text=actor.printed,
                )
            )


_DELEGATE_RE = guarded(
    r"\b(?:to|and)\s+(?:(?:also|further)\s+)?(?:to\s+)?(?:continue\s+to\s+)?"
    rf"(?:(?P<ask>{lexicon().verb_pattern('delegate_ask')})|{lexicon().verb_pattern('delegate_press')})\s+",
    re.IGNORECASE,
    length=5,
)

_DELEGATE_INF_RE = compiled(r"\s*(?:,[^;,]{0,80},\s*)?to\s+(?=[a-z])")


def _delegations(
    z0: int, z1: int, ctx: ReadingContext, span: str, low: str
) -> list[tuple[int, int, list[ActorMention], int | None]]:
    """ "to invite the X Council to report", "to encourage Member States to consider the
    convening of a conference": what others are asked to do is not the actor's product.

    (start, end, invited actors, where their request starts): the invited actor's products
    when a UN actor is invited or requested; nothing for States or for "encourage/urge".
    ``span`` is masked[z0:z1], ``low`` the span lower-cased.
    """
    masked = ctx.masked
    result: list[tuple[int, int, list[ActorMention], int | None]] = []
    if not may_match(_DELEGATE_RE, span, low):
        return result  # none of the verbs that ask others
    for found in _DELEGATE_RE.finditer(masked, z0, z1):
        if result and found.start() < result[-1][1]:
            continue
        others, _ = _parse_actors(found.end(), z1, ctx)
        if not others:
            continue
        inf = _DELEGATE_INF_RE.match(masked, max(a.end for a in others), z1)
        if not inf:
            continue
        stop = _NEXT_VERB_RE.search(masked, inf.end(), z1)
        end = stop.start() if stop else z1
        own = found.group("ask") and not any(a.state for a in others)
        result.append((found.start(), end, others, inf.start() if own else None))
    return result
