"""Operative paragraphs -> mandates and deliverables with actor, kind, count and deadline.

How it reads a paragraph:

1. The paragraph (and each sub-paragraph, "7(h)") is cut into *clauses* at every
   operative verb ("...; and requests the High Commissioner to ...").
2. A request clause ("Requests", "reiterates its request", "Calls upon", "Invites",
   "Decides to request") names its actors before the infinitive; the actors are matched
   in the alias table, back-references ("the Special Rapporteur", "the mandate holder")
   are resolved to the mechanism the resolution names, and collaborators
   ("in collaboration with", "with the support of") become partners.
3. After the infinitive the clause is a stream of events: new products ("a summary
   report", "five regional seminars", "to report"), back-references to them ("the
   report"), session mentions ("to the Council at its sixty-fifth session"), dates,
   bodies ("to the General Assembly") and recurrence ("annually"). A small state machine
   pairs each deadline with the product it belongs to: a session after a product goes to
   it; a session before any product waits for the next one; a second session for the
   same product (another body or session) makes a second deliverable.
4. "Decides to convene/hold/organize ..." clauses give meetings and panels of the
   adopting body. "Decides to continue its consideration ... at its Nth session" gives
   the consideration; "Takes note of/Welcomes the report (A/HRC/59/36)" the taken notes.

All searching is done on a masked copy of the document with the same length (markup
and odd punctuation replaced one for one) so every span indexes the clean text.

The steps live in their own modules: ``clauses`` (masking, the verbs that cut clauses, the
actors of a request), ``events`` (the events of a clause, typed by ``EventType``),
``pairing`` (deadlines to products), ``building`` (mandates and deliverables); this module
reads paragraph by paragraph (decisions, the consideration, taken notes, annexes). The
words they use come from the lexicon (``lexicon.py``, data/lexicon.json).

Reading choices (see also kinds.py):
- Requests to States, Governments and other non-UN actors give nothing unless they carry a
  calendar date; support and transmission requests to UN actors are mandates without
  deliverables; "Encourages" gives nothing; what "Urges" presses a UN actor to do is a
  product only if it is one (a report, a meeting ..., guidelines, a programme of work) or
  has a deadline: "to continue developing policies" is a mandate without deliverables.
- "to have these reports presented to the Council at its relevant sessions, starting from its
  Nth session" dates a Council product at N (flagged when no recurrence is printed).
- A panel, debate or dialogue the Council decides to hold, or schedules ("the panel
  discussion to be held at its Nth session will focus on ...", "that, at its Nth session,
  the Council shall hold a panel discussion"), is a deliverable of the adopting body; an
  interactive dialogue that follows a report is not.
- A session that dates something mentioned in passing ("the panel discussion to be convened
  at its Nth session", "held at its Nth session") or a past session of the adopting body is
  not a deadline; a session of another entity ("to the Working Group at its next session",
  a treaty body's "to consider devoting a day of general discussion to X at its Nth
  session") is not a Council or Assembly deadline.
- "its" is the body last addressed in the clause, else the adopting body; "at that session"
  is the session named just before; "at its next session" is one more, flagged as implied,
  as is "at the session following the adoption of the present resolution"; "at its resumed
  session" (no number) is the adopting session, flagged.
- Tracked-change residue ("sixty-second fifth", "sixty-second session; sixty fifth") gives
  the new reading as the due and the old one in ``alternatives``, flagged for review.
- A request passed on ("to invite/request the X Council to monitor and report") gives the
  product to the one invited; what States are invited to do, or what anyone is encouraged or
  urged to do ("to encourage Member States to consider the convening of a conference"), is
  nobody's product here.
- Using or acting on something that exists ("to implement all ten recommendations",
  "implementing a policy") produces nothing.
- Consulting as a way of working ("to consult States ... in the implementation of the present
  resolution", "in preparing the report, to consult with States") is no product; consultations
  asked for in their own right ("to convene a consultation", "to consult States on X") are.
- "for consideration by the Assembly", "to the Council for its consideration" name the body
  (no session unless printed); "to present to the Council, ..., a report" gives the body to
  the report that follows the verb.
- "Decides to continue its examination ... at its Nth session, and to this end requests ...
  a report": the report is for that session (flagged as implied).
- "the Office", "the High Commissioner" are OHCHR and its head, unless a text not the
  Council's names another office in full (UNHCR, UNODC) and OHCHR never: then that office
  (flagged).
- "in (the context of) his next report" is the actor's coming report when nothing else is
  asked in the same verb phrase (otherwise that other product is what the report carries).
- "to apprise/inform the Assembly of X at its Nth session" is a (written) report due there:
  the resolutions leave the form open and the Secretariat answers with a report; "to keep
  the Assembly informed" is one only when a session or date is printed.
- Bodies other than the Secretariat (issue 11): a body the resolution creates ("an ad hoc
  committee on X and Y, which shall submit ...", "... and requests it to"), committees and
  groups of experts named with "and" inside, the Main Committees ("the Second and Third
  Committees" hold a joint meeting), the head of a known organization ("the Executive
  Director of UNODC"), a body "entrusted with the preparation of" a product, a product
  "prepared by the Office and submitted at ..." (passive). Two chairs invited to address
  the Assembly give one oral update each; a joint report stays one report, and so does
  what two actors are asked to do "jointly" (the first the actor, the other a partner).
- "Decides to include in the provisional agenda of its Nth session ..." dates the undated,
  non-recurring report of the paragraph just before (flagged: implied), unless that
  paragraph dates a product itself.
- Requests inside a declaration or programme the resolution adopts in its annex ("We
  request ...") are deliverables of paragraph "annex.N", flagged for review; a text the
  resolution only transmits gives nothing. First-person verbs ("We invite", "..., and
  invite") read as the resolution's own.
- "Decides to examine/consider/take up/review/discuss the question at its Nth session" is
  the consideration, like "to continue its consideration".
- One product named twice with the same session ("to organize a panel at the Nth session
  and to present it at that session") is one deliverable.
- Work an earlier resolution asked for and this one moves ("Decides to postpone the panel
  discussion requested in resolution N to its Mth session", "that the report of X ... shall
  be presented at its Mth session instead of at its Pth session") is due at the new session
  and flagged as moved (``moves.py``); the session after "instead of" is never a due.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache, partial
from itertools import pairwise

from .actors import ActorTable
from .building import (
    Builder,
    state_without_date,
)
from .clauses import (
    _ADVERBS,
    _DECIDE_RE,
    _ENCOURAGE_RE,
    _INFINITIVE_VERBS,
    _INVITE_RE,
    _LEX,
    _NOTE_RE,
    _REQUEST_RE,
    _SUBJUNCTIVE_RE,
    _TASK_NOUNS,
    ActorMention,
    Clause,
    ReadingContext,
    _clauses,
    _find_infinitive,
    _new_body,
    _parse_actor_at,
    _parse_actors,
    ascii_lower,
    mask,
    may_match,
    whole_low,
)
from .deadlines import (
    AFTER_NAMED,
    BODY_NAMES,
    _read_ordinals,
    default_commission,
    find_sessions,
)
from .events import (
    _EVENT_KINDS,
    EventType,
    Product,
    _events,
    _that_session,
    product_hits,
)
from .factoring import factored
from .guards import finditer_at_words, guarded, leading_words, matches_at, plain_case
from .kinds import lower_copy
from .moves import adopting_body, flag_moved, postponed, presented_later
from .ordinals import ORDINAL_PATTERN
from .regex_cache import compiled
from .result import (
    Annex,
    Consideration,
    Deliverable,
    Due,
    Footnote,
    Mandate,
    OperativeParagraph,
    SubParagraph,
    Table,
    TakenNote,
)
from .structure import NARRATIVE_DECISION, NARRATIVE_VERB
from .tables import annex_table_requests

_COMMISSION_CODES = frozenset(body.code for body in _LEX.bodies if body.commission)

_DECIDE_MAKE_RE = factored(
    r"\b(?:to|that\s+(?:it\s+)?(?:will|shall|should))\s+(?:(?:also|further)\s+)?"
    rf"(?:{_LEX.verb_pattern('make')})\b|\bthat\s+(?:the|its|a|an)\b(?=[^;]{{0,150}}?\b(?:shall|"
    rf"will|should)\s+(?:be\s+(?:{_LEX.verb_pattern('make_passive')})|"
    r"take\s+place))",
    re.IGNORECASE,
)

_ESTABLISH_RE = factored(
    rf"\b(?:{_LEX.verb_pattern('establish')})\w*\s*(?:,[^,;]{{0,80}},\s*)?(?:(?:urgently|also|further)\s+)?"
    r"(?:for\s+a\s+(?:further\s+)?period\s+of\s+[\w-]+\s+(?:years?|months?)\s*,?\s+)?"
    r"(?:the\s+mandates?\s+of\s+)?(?:an?\s+)?",
    re.IGNORECASE,
)

_SCHEDULED_RE = factored(
    r"\s*,?\s*(?:also\s+|further\s+)?,?\s*(?:in\s+accordance\s+with[^;]{0,120}?,\s*)?that\s+"
    r"(?:the\s+(?:theme|focus|topic)\s+of\s+)?(?:the|its)\s+(?P<mods>(?:[\w-]+\s+){0,4}?)"
    r"(?P<noun>panel\s+discussion|interactive\s+(?:debate|dialogue)|meeting|debate|dialogue|panel)\b"
    r"[^;]{0,120}?(?P<held>(?:to\s+be|which\s+will\s+be|that\s+will\s+be|shall\s+be|will\s+be)"
    r"\s+held)\s+",
    re.IGNORECASE,
)

_SCHEDULED_TOPIC_RE = factored(
    r"\s*,?\s*(?:also\s+|further\s+)?to\s+(?:include|focus|devote|dedicate)\b[^;]{0,200}?\b(?:its|the)\s+"
    r"(?P<mods>(?:[\w-]+\s+){0,4}?)(?P<noun>panel\s+discussion|interactive\s+(?:debate|dialogue)|meeting|"
    r"debate|dialogue|panel)\b[^;]{0,120}?(?P<held>(?:to\s+be|which\s+will\s+be)\s+held)\s+",
    re.IGNORECASE,
)

_DECIDE_REQUEST_RE = factored(
    r"\s*,?\s*(?:also\s+|further\s+)?that\s+(?P<rest>the\s+[^;]{3,200}?)\s+(?:shall|should|will)\s+"
    r"(?:continue\s+to\s+)?"
    rf"(?:{_LEX.verb_pattern('duty')})\b",
    re.IGNORECASE,
)

#: A sub-paragraph of a decision that is a sentence of its own, with its subject: "(b) The
#: President of the General Assembly shall organize ...", "(c) The Secretary-General is
#: requested to prepare ..." (under "Decides on the following arrangements:").
#: A sub-paragraph's label where its span starts with it: "(b) ".
_SUB_LABEL = r"[ \t]*(?:\([a-z]{1,5}\)[ \t]*)?"
_SUB_DUTY_RE = factored(
    _SUB_LABEL + r"(?P<rest>the\s+[^;]{3,200}?)\s+(?:(?:shall|should|will)\s+(?:also\s+)?"
    rf"(?:continue\s+to\s+)?(?={_LEX.verb_pattern('duty')}\b)|(?:is|are)\s+(?:also\s+|further\s+)?"
    r"requested\s+to\s+)",
    re.IGNORECASE,
)

#: "Decides also that, at its Nth session, the Council shall hold a panel discussion on X":
#: the session set off before the subject; the subject's duty is read from the session on.
_DECIDE_SESSION_FIRST_RE = factored(
    r"\s*,?\s*(?:also\s+|further\s+)?that\s*,\s*(?P<session>(?:at|during|before)\s+(?:its|the)\s+"
    r"[^;,]{3,80}?\s+session)\s*,\s+(?P<rest>the\s+[^;,]{3,60}?)\s+(?:shall|should|will)\s+"
    rf"(?:also\s+)?(?:{_LEX.verb_pattern('duty')})\b",
    re.IGNORECASE,
)

_DECIDE_PASSIVE_RE = factored(
    r"\s*,?\s*(?:also\s+|further\s+)?that\s+(?P<product>(?:the|a|an)\s+[^;]{3,150}?)\s+"
    rf"(?:shall|will|should)\s+be\s+(?:{_LEX.verb_pattern('passive')})\s+by\s+(?P<actor>(?=\S))",
    re.IGNORECASE,
)

_CONSIDER_RE = guarded(
    r"\b(?:(?:continue|resume|pursue)\s+(?:its\s+|the\s+|to\s+)?(?:consideration|examination)|"
    r"(?:consider|examine|take\s+up|discuss|review)\s+(?:the|this|that)\s+(?:question|matter|issue|"
    r"item|sub-?item|subject)|(?:consider|examine|take\s+up|review|discuss)\s*,?\s+"
    r"(?:in\s+plenary\s+meeting\s+)?"
    rf"(?:at|during)\s+its\s+(?:{ORDINAL_PATTERN})(?:\s*,\s*|\s+and\s+|\s+)(?:(?:{ORDINAL_PATTERN})"
    r"(?:\s*,\s*|\s+and\s+|\s+))*sessions?\b|give\s+(?:its\s+)?(?:full\s+)?consideration\s+to|"
    r"provisional\s+agenda\s+of\s+its|include\s+(?:the|this|that|an?)\s+(?:item|sub-?item|"
    r"question)|remain\s+(?:actively\s+)?seized)",
    re.IGNORECASE,
    length=3,
)

_AGENDA_RE = factored(
    rf"provisional\s+agenda\s+of\s+(?:its|the)\s+(?P<ords>{ORDINAL_PATTERN}(?:\s+{ORDINAL_PATTERN})?)"
    r"\s+session",
    re.IGNORECASE,
)

_SEIZED_RE = compiled(r"remain\s+(?:actively\s+)?seized", re.IGNORECASE)

_SYMBOL_RE = guarded(
    r"\b(?:A|E|S|CRC|CCPR|CEDAW|CERD|CAT|CRPD|UNEP|TD|ST)/(?:[A-Z0-9][\w.-]*/)*[A-Z0-9][\w.-]*",
    length=5,
)

#: A character every match of ``_SYMBOL_RE`` holds (a test reads it from the pattern).
_SYMBOL_MARK = "/"


def _symbols(text: str, start: int, end: int) -> list[str]:
    """The document symbols printed in text[start:end] ("A/HRC/59/36"); a "note" clause
    without a "/" (most of them) is not scanned."""
    if text.find(_SYMBOL_MARK, start, end) < 0:
        return []
    return [found.group(0).rstrip(".") for found in _SYMBOL_RE.finditer(text, start, end)]


_NOT_DOCUMENT_RE = compiled(r"/(?:RES|DEC|PRST)/|^[AES]/RES", re.IGNORECASE)

_AFTER_VERB_RE = factored(
    r"\s*(?:,\s*(?:in\s+this\s+regard|in\s+that\s+regard|in\s+this\s+respect|in\s+this\s+"
    r"context|inter\s+alia|therefore|also|further|accordingly|in\s+particular|once\s+again|"
    r"to\s+that\s+end|to\s+this\s+end)\s*,\s*)?(?:once\s+again\s+)?(?:to|that)?\s*",
    re.IGNORECASE,
)

_SUB_OWN_VERB_RE = factored(
    r"\s*(?:\(\s*\w+\s*\)\s*)?(?:(?:also\s+|further\s+)?to\s+(?:also\s+|further\s+)?(?:request|invite)\b|"
    r"(?:also\s+|further\s+)?(?:requests|invites|decides|calls\s+upon|takes\s+note|welcomes)\b)",
    re.IGNORECASE,
)

#: A relative clause giving a body it creates its duty: ", open to all States, which shall".
_RELATIVE_DUTY_RE = factored(
    r"(?:\s*,[^;,]{1,80})?\s*,?\s*(?:which|that|who)\s+(?:shall|will|should)\s+(?:also\s+)?"
    rf"(?=(?:{_INFINITIVE_VERBS})\b)",
    re.IGNORECASE,
)

#: A task given by a noun after the actor: "Entrusts the Bureau with the preparation of".
_ENTRUSTED_TASK_RE = factored(rf"\s*,?\s*(?:with|for)\s+(?P<task>{_TASK_NOUNS})", re.IGNORECASE)

#: A session set off between the actor and the infinitive: ", at its eighty-first session,".
_SESSION_ASIDE_RE = factored(
    r"\s*,\s*(?P<session>(?:at|during|before|by)\s+(?:its|the)\s+[\w\s-]{3,40}?\s+session"
    r"(?:\s+of\s+the\s+(?:General\s+Assembly|Human\s+Rights\s+Council|Council|Assembly))?)\s*,\s*$",
    re.IGNORECASE,
)

#: A verb of its own inside a sub-paragraph that goes on with its chapeau's infinitive.
_INNER_REQUEST_RE = compiled(r"\b(?:requests|invites|to\s+request|to\s+invite)\s", re.IGNORECASE)

_TO_INFINITIVE_START_RE = compiled(r"\s*(?:\(\w+\)\s*)?(?:to|To)\s+\w+")


@dataclass
class Requests:
    mandates: list[Mandate]
    deliverables: list[Deliverable]
    consideration: Consideration | None
    takes_note_of: list[TakenNote]
    warnings: list[str]


def extract_requests(
    operative: list[OperativeParagraph],
    *,
    text: str,
    body: str | None,
    session: int | None,
    footnotes: list[Footnote],
    actors: ActorTable | None = None,
    annexes: list[Annex] | None = None,
    tables: list[Table] | None = None,
) -> Requests:
    """Read the operative paragraphs: mandates, deliverables, consideration, taken notes.

    ``annexes``: when an operative paragraph adopts or endorses the text in the annex (a
    declaration, a programme of action), the requests printed in it are read too, flagged
    for review (their paragraphs are labelled "annex.N"). ``tables``: the tables the
    reader found; the rows of a table in the annex that an operative paragraph sends the
    reader to ("listed in the annex, at the sessions indicated therein") are deliverables
    (``tables.annex_table_requests``)."""
    table = actors or ActorTable.default()
    masked = mask(text)
    low = masked.encode("ascii", "replace").lower()
    # an outcome document adopted as a whole, in the first person; the same test as
    # `"we " in masked.lower()`: only W, w, E, e and the space lower-case to "w", "e", " ",
    # and the copy writes every other non-ASCII character "?"
    if b"we " in low:
        unchanged = masked
        masked = _first_person_to_third(masked)
        if masked != unchanged:
            low = masked.encode("ascii", "replace").lower()
    ctx = _reading_context(text, masked, low, body, session, table, operative)
    bounds = _operative_bounds(operative)
    reads_annexes = bool(
        annexes
        and may_match(ctx, _ADOPTS_ANNEX_RE, *bounds)
        and _ADOPTS_ANNEX_RE.search(masked, *bounds)
    )
    if reads_annexes:
        edited = _coordinated_bare_verbs(masked, annexes or [])
        if edited != masked:
            masked = edited
            low = masked.encode("ascii", "replace").lower()
            ctx = _reading_context(text, masked, low, body, session, table, operative)
    builder = Builder(ctx)
    consideration: Consideration | None = None
    notes: list[TakenNote] = []
    for paragraph in operative:
        ctx.last_body = None
        ctx.paragraph_span = paragraph.span
        ctx.topics = _lead_topics(paragraph)
        after_list = _products_listed(paragraph, ctx) if paragraph.subparagraphs else None
        if after_list is not None:
            ctx.topics = []  # the sub-paragraphs are the lead's products, not its topics
        units = (
            [(paragraph.number, *paragraph.span, False)]
            if ctx.topics
            else _units(paragraph, after_list)
        )
        inherited: tuple[str, list[ActorMention], list[str], str] | None = None
        first_of_paragraph = len(builder.deliverables)
        for label, start, end, is_sub in units:
            if start >= end:
                continue
            if (
                is_sub
                and inherited
                and _TO_INFINITIVE_START_RE.match(masked, start, end)
                and not _SUB_OWN_VERB_RE.match(masked, start, end)
            ):
                verb, actor_list, partner_list, mode = inherited
                if mode == "decide":
                    pseudo = Clause(start, start, end, verb)
                    found = _consideration(pseudo, label, ctx)
                    if found is not None and (
                        consideration is None or consideration.session is None
                    ):
                        consideration = found
                        continue
                # "(b) To consider X, and requests the Secretary-General to submit a report":
                # the clause with its own verb names its own actor
                own = (
                    _clauses(masked, text, start, end, ctx)[1:]
                    if _INNER_REQUEST_RE.search(masked, start, end)
                    else []
                )
                sub_end = own[0].start if own else end
                if mode == "decide" and postponed(
                    label, Clause(start, start, sub_end, verb), builder, ctx
                ):
                    pass  # "Decides: (a) To postpone the panel discussion to its Nth session"
                elif mode in ("request", "decide"):
                    builder.request(
                        label,
                        start,
                        verb,
                        actor_list,
                        partner_list,
                        start,
                        sub_end,
                        decide=mode == "decide",
                        invite=bool(_INVITE_RE.match(verb)),
                    )
                for clause in own:
                    reading = _verb_reading(masked[clause.start : clause.verb_end])
                    if reading[1] and reading[1] != "encourage":
                        _clause(
                            clause, reading, label, builder, ctx, footnotes, paragraph, notes, end
                        )
                continue
            if (
                is_sub
                and inherited
                and inherited[3] == "decide"
                and _sub_duty(label, start, end, inherited[0], builder, ctx)
            ):
                continue
            if (
                is_sub
                and inherited
                and inherited[3] == "request"
                and _SUB_PRODUCT_RE.match(masked, start, end)
                and not any(
                    d.paragraph == paragraph.number
                    for d in builder.deliverables[first_of_paragraph:]
                )  # the lead names its product: these are its contents
            ):
                _sub_product(label, start, end, inherited, units[0][1:3], builder, ctx)
                continue
            decision_item = not is_sub and paragraph.verb in _DECISION_ITEM_LEADS
            if not is_sub and paragraph.verb == NARRATIVE_VERB:
                decided = NARRATIVE_DECISION.search(masked, start, end)
                if decided is not None:
                    # "..., the Council, recalling ..., decided, without a vote, to X": what it
                    # decided is read as a lettered decision's "(b) To X" is
                    start, decision_item = decided.end(), True
            for clause in _clauses(masked, text, start, end, ctx):
                reading = _verb_reading(masked[clause.start : clause.verb_end])
                if decision_item:
                    # "(c) To convene ...", "(g) That, at its Nth session, the Council shall
                    # hold ...": the decision's "decided" governs its first clause
                    decision_item = False
                    if not reading[1]:
                        clause = _decision_item_clause(clause, text)
                        # "(b) To take note of the report (A/HRC/59/36)" reads as "Takes
                        # note of the report" does; other items as "Decides to ..." does
                        noted = _ITEM_NOTE_RE.match(text, clause.start, clause.end)
                        reading = _ITEM_NOTE_READING if noted else _DECIDED_READING
                role = reading[1]
                if role == "encourage":
                    state: tuple[str, list[ActorMention], list[str], str] | None = (
                        "",
                        [],
                        [],
                        "none",
                    )
                elif role:
                    state = _clause(
                        clause, reading, label, builder, ctx, footnotes, paragraph, notes, end
                    )
                else:
                    state = None  # a verb that asks for nothing ("Recalls", "Stresses")
                if state is not None and not is_sub:
                    inherited = state
                if reading[2]:
                    found = _consideration(clause, label, ctx)
                    if found is not None and (
                        consideration is None or consideration.session is None
                    ):
                        consideration = found
        if after_list is not None and inherited and inherited[3] == "request":
            tail = (after_list, paragraph.span[1])
            _due_after_list(paragraph.number, tail, inherited, first_of_paragraph, builder, ctx)
    if annexes:
        annex_table_requests(operative, annexes, tables or [], builder, ctx, _ADOPTS_ANNEX_RE)
    _agenda_deadlines(operative, builder.deliverables, ctx)
    _continued_examination_deadlines(operative, builder.deliverables, ctx)
    _deadlines_set_later(operative, builder.deliverables, ctx)
    _organized_events(builder.deliverables, ctx)
    _after_the_event(builder.deliverables)
    flag_moved(operative, builder.deliverables, ctx)
    if reads_annexes:
        _annex_requests(annexes or [], builder, ctx, footnotes)
    return Requests(
        mandates=builder.mandates,
        deliverables=builder.deliverables,
        consideration=consideration,
        takes_note_of=notes,
        warnings=builder.warnings,
    )


def _reading_context(
    text: str,
    masked: str,
    low: bytes,
    body: str | None,
    session: int | None,
    table: ActorTable,
    operative: list[OperativeParagraph],
) -> ReadingContext:
    return ReadingContext(
        text=text,
        masked=masked,
        body=body,
        session=session,
        table=table,
        mechanisms=None,
        # "the Council" alone is the adopting council: the Economic and Social Council or the
        # Security Council in its own resolutions, the Economic and Social Council in its
        # functional commissions' texts, the Human Rights Council elsewhere
        default_council=body
        if body in ("ECOSOC", "SC")
        else "ECOSOC"
        if body in _COMMISSION_CODES
        else "HRC",
        default_commission=cache(partial(default_commission, text)),
        acabq="Administrative and Budgetary Questions" in masked,
        low_from=operative[0].span[0] if operative else len(masked),
        boundary_hint=operative[-1].span[1] if operative else 0,
        whole_low=low,
    )


#: Matched at the start of every paragraph: written case by case (``factored``) it fails
#: there within a few characters, sooner than its words could be looked for in the paragraph.
_AGENDA_CLAUSE_RE = factored(
    rf"\s*{_ADVERBS}(?:decides|agrees)\s+(?:(?:also|further)\s+)?to\s+include\s+in\s+the\s+"
    rf"provisional\s+agenda\s+of\s+its\s+(?P<ords>{ORDINAL_PATTERN}(?:\s+{ORDINAL_PATTERN})?)\s+session",
    re.IGNORECASE,
)

_AGENDA_KINDS = {"report", "oral update", "study", "compilation"}


def _agenda_deadlines(
    operative: list[OperativeParagraph], deliverables: list[Deliverable], ctx: ReadingContext
) -> None:
    """ "7. Requests the Secretary-General to submit a report on X; 8. Decides to include in
    the provisional agenda of its Nth session the item X": the report that the paragraph
    before asks for without a session is due at that session (flagged: implied)."""
    for index, paragraph in enumerate(operative[1:], start=1):
        found = _AGENDA_CLAUSE_RE.match(ctx.masked, paragraph.span[0], paragraph.span[1])
        if not found:
            continue
        numbers, _ = _read_ordinals(found.group("ords"))
        if len(numbers) != 1 or (ctx.session is not None and numbers[0] <= ctx.session):
            continue
        before = operative[index - 1].number
        there = [d for d in deliverables if d.paragraph.split("(")[0] == before]
        if any(d.due is not None and d.due.session is not None for d in there):
            continue  # the paragraph dates its product itself ("... and to report at its Nth")
        for position, deliverable in enumerate(deliverables):
            if deliverable.paragraph.split("(")[0] != before or not _may_be_dated_by(
                deliverable, ctx.body
            ):
                continue
            if "report" not in deliverable.title.lower():
                continue  # only a report asked for as such ("to submit a report", "to report")
            reason = (
                f"implied deadline: the provisional agenda of session {numbers[0]} "
                f"(paragraph {paragraph.number})"
            )
            deliverables[position] = _implied_due(deliverable, ctx.body, numbers[0], reason)


def _may_be_dated_by(deliverable: Deliverable, body: str | None) -> bool:
    """Whether a session named elsewhere may date ``deliverable``: a report, update, study or
    compilation without a session or date of its own, not recurring (an annual report is
    not due at the one session named) and for no other body."""
    due = deliverable.due
    return (
        deliverable.kind in _AGENDA_KINDS
        and not deliverable.recurring
        and (due is None or (due.session is None and due.date is None and due.body in (None, body)))
    )


def _implied_due(
    deliverable: Deliverable, body: str | None, session: int, reason: str
) -> Deliverable:
    """``deliverable`` due at ``session`` of ``body``, flagged with ``reason``."""
    return replace(
        deliverable,
        due=Due(body, session, "at"),
        needs_review=True,
        review_reasons=[*deliverable.review_reasons, reason],
    )


#: "Decides to continue its examination of X at its Nth session, and to this end requests the
#: Secretary-General to submit a report": the words that make what follows due at that session.
_CONTINUED_TO_THIS_END_RE = compiled(
    r"continue\s+its\s+(?:examination|consideration)\b"
    rf"[^;]{{0,300}}?\bat\s+its\s+(?P<ords>{ORDINAL_PATTERN})\s+session\b[^;]{{0,160}}?"
    r"\b(?:to|for)\s+(?:this|that)\s+(?:end|purpose)\b",
    re.IGNORECASE,
)
_TO_THIS_END_WORDS = (b"this end", b"that end", b"this purpose", b"that purpose")


def _continued_examination_deadlines(
    operative: list[OperativeParagraph], deliverables: list[Deliverable], ctx: ReadingContext
) -> None:
    """ "Decides to continue its examination of the situation at its Nth session, and to this
    end requests the Secretary-General to submit a report": a report that the rest of the
    paragraph asks for without a session is for that session (flagged: implied)."""
    low = whole_low(ctx)
    if not any(words in low for words in _TO_THIS_END_WORDS):
        return
    first, last = _operative_bounds(operative)
    starts = [paragraph.span[0] for paragraph in operative]
    at = low.find(b"continue its ", first, last)
    while at >= 0:
        found = _CONTINUED_TO_THIS_END_RE.match(ctx.masked, at, last)
        at = low.find(b"continue its ", at + 1, last)
        if found is None:
            continue
        paragraph = operative[bisect_right(starts, found.start()) - 1]
        if found.end() > paragraph.span[1]:
            continue
        numbers, _ = _read_ordinals(found.group("ords"))
        if len(numbers) != 1 or (ctx.session is not None and numbers[0] <= ctx.session):
            continue
        reason = (
            f"implied deadline: session {numbers[0]}, at which paragraph {paragraph.number} "
            "continues the examination"
        )
        for position, deliverable in enumerate(deliverables):
            if (
                deliverable.paragraph.split("(")[0] == paragraph.number
                and deliverable.span[1] > found.end()
                and _may_be_dated_by(deliverable, ctx.body)
            ):
                deliverables[position] = _implied_due(deliverable, ctx.body, numbers[0], reason)


#: "Decides that the report requested in paragraph 7 (a) above shall be presented to the
#: Council at its Nth session": the paragraph that dates a product asked for earlier.
_SET_LATER_RE = compiled(
    r"that\s+the\s+(?:[\w-]+\s+){0,6}?(?:requested|called\s+for|mandated)\s+in\s+"
    r"(?:sub-?)?paragraph\s+(?P<ref>\d{1,3}(?:\s*\([a-z]{1,4}\))?)\s+(?:above\s+)?"
    r"(?:shall|will|should)\s+be\s+(?:presented|submitted)\b",
    re.IGNORECASE,
)


def _deadlines_set_later(
    operative: list[OperativeParagraph], deliverables: list[Deliverable], ctx: ReadingContext
) -> None:
    """ "7. Requests the High Commissioner: (a) To prepare a report on X, to be presented in
    accordance with paragraph 15 below; ... 15. Decides that the report requested in
    paragraph 7 (a) above shall be presented to the Council at its Nth session": the product
    of 7 (a), asked for without a session, is due at the one paragraph 15 names (flagged)."""
    low = whole_low(ctx)
    first, last = _operative_bounds(operative)
    at = low.find(b"paragraph", first, last)
    if at < 0:
        return
    starts = [paragraph.span[0] for paragraph in operative]
    at = low.find(b"that the ", first, last)
    while at >= 0:
        found = _SET_LATER_RE.match(ctx.masked, at, last)
        at = low.find(b"that the ", at + 1, last)
        if found is None:
            continue
        paragraph = operative[bisect_right(starts, found.start()) - 1]
        if found.end() > paragraph.span[1]:
            continue
        mentions = find_sessions(
            ctx.masked,
            found.end(),
            paragraph.span[1],
            body=ctx.body,
            session=ctx.session,
            default_council=ctx.default_council,
            default_commission=ctx.default_commission,
        )
        if not mentions or len(mentions[0].sessions) != 1 or mentions[0].bodies:
            continue
        mention = mentions[0]
        ref = "".join(found.group("ref").split())
        there = [
            position
            for position, deliverable in enumerate(deliverables)
            if (deliverable.paragraph == ref or deliverable.paragraph.split("(")[0] == ref)
            and _may_be_dated_by(deliverable, mention.body)
        ]
        if len(there) != 1:
            continue  # none, or several the reference does not tell apart
        deliverable = deliverables[there[0]]
        deliverables[there[0]] = replace(
            deliverable,
            due=Due(mention.body, mention.sessions[0], mention.relation),
            needs_review=True,
            review_reasons=[
                *deliverable.review_reasons,
                f"deadline set in paragraph {paragraph.number}",
            ],
        )


#: "Adopts/Endorses the Programme of Action ..., as contained in the annex", "Adopts the
#: following political declaration" (printed after the resolution, under "Annex" or not).
_ADOPTS_ANNEX_RE = compiled(
    r"\b(?:adopts|endorses|approves)\b[^;]{0,400}?\b(?:annex|annexed)\b"
    r"|\b(?:adopts|endorses)\s+the\s+following\b",
    re.IGNORECASE,
)

_ANNEX_PARAGRAPH_RE = compiled(r"(?m)^[ \t]*(?P<number>\d{1,3})\.[ \t]+(?=\S)")

#: First-person verbs of an adopted declaration ("We request the Secretary-General"),
#: rewritten in the masked copy to the resolution's third person, same length.
_WE_VERB_RE = compiled(
    r"\b[Ww]e\s+(?P<adverb>(?:also|further|therefore)\s+)?(?P<verb>request|decide|invite|call\s+upon|"
    r"call\s+on|encourage|urge|agree|resolve|commit|take\s+note|welcome|note)\b"
)

_ANNEX_REASON = "in the annexed text the resolution adopts (not an operative paragraph)"

#: The bare first-person verb that opens a paragraph of a declaration whose chapeau reads
#: "We, Heads of State and Government ..., in this regard we:" ("81. Request the
#: Secretary-General", "104. Further request", "27. Invite", "11. Call upon").
_BARE_VERB_RE = compiled(
    r"(?P<adverb>(?:also|further)\s+)?(?P<verb>request|decide|invite|call\s+upon|call\s+on|"
    r"encourage|urge)\b(?!-)",
    re.IGNORECASE,
)


def _annex_paragraphs(masked: str, annex: Annex) -> list[tuple[str, int, int]]:
    """The numbered paragraphs of an annex: (number, start after the number, end)."""
    a0, a1 = annex.span
    starts = list(_ANNEX_PARAGRAPH_RE.finditer(masked, a0, a1))
    return [
        (
            found.group("number"),
            found.end(),
            starts[index + 1].start() if index + 1 < len(starts) else a1,
        )
        for index, found in enumerate(starts)
    ]


def _coordinated_bare_verbs(masked: str, annexes: list[Annex]) -> str:
    """In each annex paragraph opening with a bare first-person verb, the verbs joined to
    it (", and decide to ...") read as the third person, as "We ..., and decide" does, so
    that each opens its own clause (same length, so offsets hold)."""
    edits: list[tuple[int, int, str]] = []
    for annex in annexes:
        for _, start, end in _annex_paragraphs(masked, annex):
            if _BARE_VERB_RE.match(masked, start, end):
                edits.extend(_coordinated_edits(masked, start, end))
    return _edited(masked, edits)


def _annex_verb_reading(printed: str) -> VerbReading:
    """The reading of a clause's verb in an adopted annex: a bare first-person verb
    ("Request", "Further request") is read as the resolution's third person."""
    words = " ".join(printed.split())
    found = _BARE_VERB_RE.fullmatch(words)
    if found is None:
        return _verb_reading(printed)
    return _verb_reading(_third_person_words(found))


def _operative_bounds(operative: list[OperativeParagraph]) -> tuple[int, int]:
    if not operative:
        return 0, 0
    return operative[0].span[0], operative[-1].span[1]


def _third_person_words(found: re.Match[str]) -> str:
    """The "adverb" and "verb" groups of ``found`` in the third person: "also request" ->
    "also requests", "call upon" -> "calls upon"."""
    head, space, rest = found.group("verb").partition(" ")
    return (found.group("adverb") or "") + head + "s" + space + rest


def _third_person(found: re.Match[str]) -> str:
    """ "We also request" -> "also requests  ": the verb where "We" stood, padded to length."""
    words = _third_person_words(found)
    return words + " " * (len(found.group(0)) - len(words))


#: A verb coordinated in a first-person sentence: "We note X, and invite the Secretary-General".
_AND_VERB_RE = compiled(
    r",\s+and\s+(?P<adverb>(?:also|further)\s+)?(?P<verb>request|decide|invite|call\s+upon|call\s+on|"
    r"encourage|urge)\b"
)

_WE_RE = guarded(r"\b[Ww]e\s+(?=[a-z])", length=5)
_WE_WORDS = leading_words(_WE_RE.pattern, _WE_RE.flags)


def _we_verbs(masked: str, we_starts: list[int], start: int, end: int) -> Iterator[re.Match[str]]:
    """``_WE_VERB_RE.finditer(masked, start, end)``, the pattern tried only at
    ``we_starts`` (the starts of every ``_WE_RE`` match in ``masked``, in order). The
    pattern opens with ``\\b``, so a search tried every character of each paragraph holding
    "we" (300,000 characters in 25 corpus texts, 0.9% of the extraction's instructions).
    Every match begins where ``_WE_RE`` matches: both open with ``\\b[Ww]e\\s+``, and what
    follows the spaces in a match is a lower-case letter."""
    tried = we_starts[bisect_left(we_starts, start) : bisect_left(we_starts, end)]
    return matches_at(_WE_VERB_RE, masked, tried, start, end)


def _first_person_to_third(masked: str) -> str:
    """ "We request", "..., and invite" in a declaration or outcome document read as the
    resolution's own "requests", "invites" (same length, so offsets hold)."""
    edits: list[tuple[int, int, str]] = []
    done = -1
    low = ascii_lower(masked) if plain_case(masked) else None
    wes = list(finditer_at_words(_WE_RE, _WE_WORDS, masked, low))
    we_starts = [we.start() for we in wes]
    for we in wes:
        if we.start() < done:
            continue
        start = masked.rfind("\n\n", 0, we.start()) + 1
        end = masked.find("\n\n", we.end())
        end = len(masked) if end < 0 else end
        done = end
        for found in _we_verbs(masked, we_starts, start, end):
            edits.append((found.start(), found.end(), _third_person(found)))
        edits.extend(_coordinated_edits(masked, start, end))
    return _edited(masked, edits)


def _coordinated_edits(masked: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """ "..., and invite" in masked[start:end] as ",and invites" (same length)."""
    for other in _AND_VERB_RE.finditer(masked, start, end):
        words = ",and " + _third_person_words(other)
        yield other.start(), other.end(), words + " " * (len(other.group(0)) - len(words))


def _edited(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with each text[start:end] replaced by its words, one edit after the other
    in the order given (a later one overwrites an earlier one where they meet). Edits that
    keep the length and do not meet (those of ``_first_person_to_third``) are spliced in;
    others are written into a list of the characters, one by one."""
    if not edits:
        return text
    ordered = sorted(edits)
    if all(len(words) == end - start for start, end, words in edits) and all(
        before[1] <= after[0] for before, after in pairwise(ordered)
    ):
        pieces = []
        at = 0
        for start, end, words in ordered:
            pieces.append(text[at:start])
            pieces.append(words)
            at = end
        pieces.append(text[at:])
        return "".join(pieces)
    chars = list(text)
    for start, end, words in edits:
        chars[start:end] = words
    return "".join(chars)


def _annex_requests(
    annexes: list[Annex], builder: Builder, ctx: ReadingContext, footnotes: list[Footnote]
) -> None:
    """The requests of an adopted declaration or programme in the annex, flagged."""
    first_mandate, first_deliverable = len(builder.mandates), len(builder.deliverables)
    several = len(annexes) > 1
    for number, annex in enumerate(annexes, start=1):
        prefix = f"annex {number}." if several else "annex."
        for paragraph_number, start, end in _annex_paragraphs(ctx.masked, annex):
            label = prefix + paragraph_number
            paragraph = OperativeParagraph(label, "", ctx.text[start:end], (start, end))
            ctx.last_body = None
            ctx.paragraph_span = (start, end)
            for clause in _clauses(ctx.masked, ctx.text, start, end, ctx):
                reading = _annex_verb_reading(ctx.masked[clause.start : clause.verb_end])
                if reading[1] not in ("", "encourage"):
                    _clause(clause, reading, label, builder, ctx, footnotes, paragraph, [], end)
    for index in range(first_mandate, len(builder.mandates)):
        mandate = builder.mandates[index]
        mandate.needs_review = True
        mandate.review_reasons = [*mandate.review_reasons, _ANNEX_REASON]
    for index in range(first_deliverable, len(builder.deliverables)):
        deliverable = builder.deliverables[index]
        deliverable.needs_review = True
        deliverable.review_reasons = [*deliverable.review_reasons, _ANNEX_REASON]
    # A programme that restates what the operative part asks ("We invite the
    # Secretary-General to report annually, starting at its eighty-second session") asks
    # for the same product: the operative paragraph's row stands for both.
    asked = {_dated_key(d) for d in builder.deliverables[:first_deliverable]} - {None}
    builder.deliverables[first_deliverable:] = [
        d for d in builder.deliverables[first_deliverable:] if _dated_key(d) not in asked
    ]


def _dated_key(deliverable: Deliverable) -> tuple[str, str, str | None, int] | None:
    """Who delivers what at which session; None without a session."""
    due = deliverable.due
    if due is None or due.session is None:
        return None
    return (deliverable.actor, deliverable.kind, due.body, due.session)


def _organized_events(deliverables: list[Deliverable], ctx: ReadingContext) -> None:
    """ "1. Decides to convene, at its Nth session, a panel discussion; 2. Requests the Office
    to organize the panel discussion at the Nth session": one event, the adopting body's;
    the organizer's deliverable keeps no due of its own (as when both stand in one
    paragraph), flagged with the paragraph of the event."""
    adopting = BODY_NAMES.get(ctx.body or "")
    held: dict[tuple, str] = {}
    for position, deliverable in enumerate(deliverables):
        due = deliverable.due
        if deliverable.kind not in _EVENT_KINDS or due is None or due.session is None:
            continue
        key = (deliverable.kind, due.body, due.session)
        if deliverable.actor == adopting:
            held.setdefault(key, deliverable.paragraph)
        elif key in held and not _new_event(deliverable):
            reason = f"the {deliverable.kind} the body decided in paragraph {held[key]}"
            deliverables[position] = replace(
                deliverable,
                due=None,
                alternatives=[],
                needs_review=True,
                review_reasons=[*deliverable.review_reasons, reason],
            )


#: The event a product is about ("a summary report on the panel discussion"), by kind.
_ON_THE_EVENT_RE = compiled(
    r"\b(?:on|of|from)\s+(?:the|each|every|that)\s+(?:[\w-]+\s+){0,3}?(?:(?P<panel>panel)|(?P<seminar>seminar|workshop)|"
    r"(?P<meeting>meeting|hearing|forum|dialogue))s?\b",
    re.IGNORECASE,
)
#: The reasons ``building`` gives a session counted from the adopting one by those words.
_FOLLOWING_REASONS = frozenset(f"implied deadline: {word} session" for word in AFTER_NAMED)


def _after_the_event(deliverables: list[Deliverable]) -> None:
    """ "Decides to hold a panel at its sixty-sixth session" (paragraph 4); "requests the
    Office to prepare a summary report on the panel discussion for the following session"
    (paragraph 5): the session after the panel's (67), not after the adopting one, still
    flagged. Only a product about an event of the resolution held at a numbered session."""
    last_event: dict[str, Deliverable] = {}
    for position, deliverable in enumerate(deliverables):
        due = deliverable.due
        if deliverable.kind in _EVENT_KINDS and due is not None and due.session is not None:
            last_event[deliverable.kind] = deliverable
            continue
        reasons = deliverable.review_reasons
        if due is None or not _FOLLOWING_REASONS.intersection(reasons):
            continue
        about = _ON_THE_EVENT_RE.search(deliverable.quote)
        event = last_event.get(about.lastgroup or "") if about else None
        if event is None or event.due is None or event.due.session is None:
            continue
        held = event.due.session
        if event.due.body != due.body or due.session == held + 1:
            continue
        word = next(r for r in reasons if r in _FOLLOWING_REASONS).removeprefix(
            "implied deadline: "
        )
        deliverables[position] = replace(
            deliverable,
            due=replace(due, session=held + 1),
            review_reasons=[
                f"implied deadline: {word} after the {event.kind} of paragraph "
                f"{event.paragraph} (session {held})"
                if r in _FOLLOWING_REASONS
                else r
                for r in reasons
            ],
        )


_INDEFINITE_BEFORE_RE = compiled(r"\b(?:an?|one|two|three|[\w-]+-day)\s+$", re.IGNORECASE)


def _new_event(deliverable: Deliverable) -> bool:
    """Whether the organizer's event is named as a new one ("to organize, during its Nth
    session, an informal hearing"), not as the event decided before ("the panel")."""
    words = deliverable.title.split()[:3]
    if not words:
        return False
    at = deliverable.quote.lower().rfind(" ".join(words).lower())
    return at > 0 and bool(_INDEFINITE_BEFORE_RE.search(deliverable.quote, 0, at))


def _sub_label(number: str, label: str) -> str:
    """ "7" + "h" -> "7(h)"; "7" + "a(i)" or "a.i" -> "7(a)(i)"."""
    parts = [part for part in re.split(r"[().\s]+", label) if part]
    return number + "".join(f"({part})" for part in parts) if parts else number


#: After the last sub-paragraph, a line of the lead's own going on ("and to submit it to the
#: Council at its Nth session"): it opens in lower case after a blank line.
_LEAD_GOES_ON_RE = compiled(r"\n[ \t]*\n[ \t]*[a-z]")
#: The same, run on after the last topic where the layout lost the line break ("(c) Good
#: practices; and to present the study to the Council at its Nth session"): the lead's verb
#: goes on with the product it asked for ("it", "the study"), not a topic's words.
_LEAD_RUNS_ON_RE = compiled(
    r"[;,]\s+and\s+(?:also\s+|further\s+)?to\s+(?:present|submit|transmit|deliver|share|"
    r"make\s+available)\s+(?:(?P<pronoun>it|them)\b|(?:the|this|that|such|its|his|her|their)\s+"
    r"(?:[\w-]+\s+){0,2}?(?P<noun>studies|study|reports?|compilations?|summary|summaries|"
    r"analys[ie]s|findings|updates?|papers?|guidelines|results|outcomes?)\b)",
    re.IGNORECASE,
)
#: A sub-paragraph that is an ask of its own ("(a) To convene ..."), not a topic of the lead's.
_SUB_ASK_RE = compiled(r"[ \t]*to\s", re.IGNORECASE)


def _lead_topics(paragraph: OperativeParagraph) -> list[tuple[int, int]]:
    """Where the sub-paragraphs are when they list the lead's topics and the lead goes on
    after them ("to prepare a report covering: (a) ...; (b) ...; and to submit it to the
    Council at its Nth session"): the paragraph is then read whole, as one sentence, and
    nothing in a topic is a product of its own. Otherwise none."""
    subs = sorted(paragraph.subparagraphs, key=lambda s: s.span[0])
    if not subs or any(_SUB_ASK_RE.match(sub.text) for sub in subs):
        return []
    end = _after_list(paragraph, subs)
    if end is None:
        return []
    spans = [sub.span for sub in subs]
    spans[-1] = (spans[-1][0], min(spans[-1][1], end))
    return spans


def _after_list(paragraph: OperativeParagraph, subs: list[SubParagraph]) -> int | None:
    """Where the lead goes on after its last sub-paragraph (``subs`` in text order): the
    words the structure keeps after it in the paragraph ("...; (ii) Y;" then "and to
    submit it ..."), a lower-case line after a blank one inside it, or a run-on part
    (``_lead_runs_on``). None when the paragraph ends with its list."""
    last = subs[-1]
    if paragraph.text[last.span[1] - paragraph.span[0] :].strip():
        return last.span[1]
    goes_on = _LEAD_GOES_ON_RE.search(last.text)
    at = goes_on.start() if goes_on else _lead_runs_on(paragraph, subs)
    return None if at is None else last.span[0] + at


def _lead_runs_on(paragraph: OperativeParagraph, subs: list[SubParagraph]) -> int | None:
    """Where the lead goes on inside the last topic's words (``_LEAD_RUNS_ON_RE``), when
    it names the product the lead asks for: "it", or a noun the lead prints ("to prepare
    a thematic study on X, paying particular attention to: (a) ...; (c) Y; and to present
    the study to the Council at its Nth session"). None otherwise."""
    last = subs[-1].text
    if ";" not in last and "," not in last:
        return None
    found = _LEAD_RUNS_ON_RE.search(last)
    if found is None:
        return None
    noun = found.group("noun")
    if noun is not None:
        lead = paragraph.text[: subs[0].span[0] - paragraph.span[0]].lower()
        stem = noun.lower()
        stem = stem[:-3] + "y" if stem.endswith("ies") else stem.removesuffix("s")
        if stem[:5] not in lead:
            return None  # another product than the lead's ("studies": "study")
    return found.start() + 1


def _products_listed(paragraph: OperativeParagraph, ctx: ReadingContext) -> int | None:
    """Where the lead goes on after its list when the sub-paragraphs are not its topics but
    the products it asks for ("Requests the High Commissioner to organize: (a) Two regional
    workshops ...; (b) An online consultation ...; and to complete the workshops and the
    consultation before the Nth session"): each top-level item opens with a product ("A",
    "Two" ..., as ``_SUB_PRODUCT_RE``) that it names, and the lead, read alone, names none.
    The lead's words may also run on after the last item where a layout lost the line
    break ("...; (b) An online consultation; and to complete ..."). None otherwise."""
    subs = sorted(paragraph.subparagraphs, key=lambda s: s.span[0])
    if not subs:
        return None
    after = _after_list(paragraph, subs)
    if after is None:
        last = subs[-1]
        runs_on = _LIST_RUNS_ON_RE.search(ctx.masked, *last.span)
        after = runs_on.start() + 1 if runs_on else None
    if after is None:
        return None
    masked = ctx.masked
    items = [sub for sub in subs if "(" not in sub.label]  # not "b(i)"
    if not all(
        _SUB_PRODUCT_RE.match(masked, sub.span[0], min(sub.span[1], after))
        and _names_product(sub.span[0], min(sub.span[1], after), ctx)
        for sub in items
    ):
        return None
    if _lead_names_product(paragraph, (paragraph.span[0], subs[0].span[0]), ctx):
        return None
    return after


#: The lead's words run on after the last product listed: "; and to complete ...", "; and
#: to present them ..." (an infinitive, not "and to the Council").
_LIST_RUNS_ON_RE = compiled(
    r";\s+and\s+(?:also\s+|further\s+)?to\s+(?!(?:the|a|an|all|any|its|their|his|her|this|"
    r"these|those|such|each|every|both)\b)[a-z]+\b",
    re.IGNORECASE,
)


def _names_product(start: int, end: int, ctx: ReadingContext) -> bool:
    """Whether masked[start:end] names a product (a noun such as "workshops", "a report")."""
    hits = product_hits(ctx.masked, start, end, decide=False)
    events = _events(hits, start, end, ctx, decide=False)
    return any(event.type == EventType.PRODUCT for event in events)


def _lead_names_product(
    paragraph: OperativeParagraph, lead: tuple[int, int], ctx: ReadingContext
) -> bool:
    """Whether the request of the paragraph's lead (masked[lead]) asks for a product of its
    own ("to prepare a report covering:"), read as the paragraph's first unit is read, into
    a builder that is then thrown away."""
    probe = Builder(ctx)
    start, end = lead
    for clause in _clauses(ctx.masked, ctx.text, start, end, ctx):
        reading = _verb_reading(ctx.masked[clause.start : clause.verb_end])
        if reading[1] == "request":
            _clause(clause, reading, paragraph.number, probe, ctx, [], paragraph, [], end)
    ctx.last_body = None
    return bool(probe.deliverables)


def _due_after_list(
    label: str,
    tail: tuple[int, int],
    inherited: tuple[str, list[ActorMention], list[str], str],
    first: int,
    builder: Builder,
    ctx: ReadingContext,
) -> None:
    """Read the lead going on after the products it lists (masked[tail]: "and to complete
    the workshops and the consultation before the Nth session"). A product of its own ("and
    to submit a report thereon to the Council at its Nth session") is the lead's, labelled
    with the paragraph's number, and leaves the listed ones as they are; otherwise its one
    session dates the listed products (the deliverables from ``first`` on) that have no
    deadline of their own, those it names again ("the compilation") when it does, flagged
    as the lead's deadline is."""
    verb, actors, partners, _ = inherited
    start, end = tail
    masked = ctx.masked
    listed = {d.kind for d in builder.deliverables[first:]}
    hits = product_hits(masked, start, end, decide=False)
    for event in _events(hits, start, end, ctx, decide=False):
        if (
            event.type == EventType.PRODUCT
            and event.item is not None
            and not (event.item.kind in listed and _BACK_REFERENCE_RE.match(masked, event.pos))
        ):
            builder.request(label, start, verb, actors, partners, start, end)
            return
    named = {
        kind
        for hit in hits.nouns
        if (kind := hit.kind.removeprefix("loose:")) in listed
        and _BACK_REFERENCE_RE.match(masked, hit.start())
    }
    _dated_by_lead(first, tail, builder, ctx, kinds=named or listed)


#: A product named with a definite word ("the workshops", "these consultations"): after a
#: list of products, one of them named again.
_BACK_REFERENCE_RE = compiled(r"(?:the|these|those|such|this|that)\s", re.IGNORECASE)


#: The first word of a paragraph of a decision ("decided: (a) To convene ...; (b) That the
#: Council shall hold ..."), as ``operative_verb`` reads it; no resolution's paragraph opens so.
_DECISION_ITEM_LEADS = frozenset(("To", "That"))
#: How such a paragraph's first clause is read: as the adopting body's decision.
_DECIDED_READING: VerbReading = ("decided", "decide", True, False)
_ITEM_VERB_RE = compiled(r"[Tt]o\s+[a-z]+|[Tt]hat\b")
#: A decision's paragraph that takes note of documents ("(b) To take note of the report"), or
#: what a narrative decision's "decided" governs ("decided to take note of the report").
_ITEM_NOTE_RE = compiled(r"[Tt]o\s+(?:also\s+)?take\s+note\b")
#: How it is read: as "Takes note of" is (its documents are the taken notes), still as the
#: decision that may set the consideration ("and to consider the question at its Nth session").
_ITEM_NOTE_READING: VerbReading = ("To take note", "note", True, False)


def _decision_item_clause(clause: Clause, text: str) -> Clause:
    """The first clause of a decision's paragraph read as what "Decides" governs: the verb
    is empty, so "To convene a meeting" reads as "Decides to convene a meeting" does; its
    verb as printed is the paragraph's first words ("To convene", "That")."""
    printed = _ITEM_VERB_RE.match(text, clause.start, clause.end)
    verb = printed.group() if printed else clause.verb
    return Clause(clause.start, clause.start, clause.end, verb)


def _units(
    paragraph: OperativeParagraph, after_list: int | None = None
) -> list[tuple[str, int, int, bool]]:
    """The chapeau and each sub-paragraph, in text order. The last sub-paragraph is read to
    the paragraph's end, with any words of the lead after it, unless ``after_list`` says
    where they start (they are read apart: ``_due_after_list``)."""
    start, end = paragraph.span
    if not paragraph.subparagraphs:
        return [(paragraph.number, start, end, False)]
    subs = sorted(paragraph.subparagraphs, key=lambda s: s.span[0])
    units: list[tuple[str, int, int, bool]] = []
    inside = [s for s in subs if start <= s.span[0] < end]
    chapeau_end = inside[0].span[0] if inside else end
    units.append((paragraph.number, start, chapeau_end, False))
    for sub in subs:
        units.append((_sub_label(paragraph.number, sub.label), sub.span[0], sub.span[1], True))
    label, last_start, last_end, _ = units[-1]
    if after_list is not None:
        units[-1] = (label, last_start, after_list, True)
    elif last_end < end and paragraph.text[last_end - start :].strip():
        units[-1] = (label, last_start, end, True)  # the lead's words after the list with it
    return units


#: How a clause's verb is read (``_verb_reading``): its words joined by single spaces,
#: its role, whether it may give the consideration, whether it invites.
VerbReading = tuple[str, str, bool, bool]


@lru_cache(maxsize=1024)
def _verb_reading(printed: str) -> VerbReading:
    """The reading of an operative verb as the masked text prints it, worked out once per
    spelling (a few hundred open every clause of the corpus). The role is "encourage",
    "request", "decide", "note" or "" (the first that fits, in that order); only a verb
    ending in "decides", "resolves" or "agrees" may give the consideration."""
    words = " ".join(printed.split())
    if _ENCOURAGE_RE.match(words):
        role = "encourage"
    elif _REQUEST_RE.match(words):
        role = "request"
    elif _DECIDE_RE.match(words):
        role = "decide"
    elif _NOTE_RE.match(words):
        role = "note"
    else:
        role = ""
    decides = words.lower().endswith(("decides", "resolves", "agrees"))
    return words, role, decides, bool(_INVITE_RE.search(words))


def _clause(
    clause: Clause,
    reading: VerbReading,
    label: str,
    builder: Builder,
    ctx: ReadingContext,
    footnotes: list[Footnote],
    paragraph: OperativeParagraph,
    notes: list[TakenNote],
    unit_end: int,
) -> tuple[str, list[ActorMention], list[str], str] | None:
    """Read one clause whose verb has a role (not "encourage"): the request it makes, the
    decision, the documents it takes note of. Returns what a sub-paragraph inherits."""
    masked = ctx.masked
    role = reading[1]
    if role == "request":
        pos = clause.verb_end
        lead = _AFTER_VERB_RE.match(masked, pos, clause.end)
        if lead:
            pos = lead.end()
        actors, partners = _parse_actors(pos, clause.end, ctx)
        if not actors:
            return None
        actor_end = max(a.end for a in actors)
        if state_without_date(actors, masked, actor_end, clause.end):
            # the builder stops at the same test on the span from the infinitive on, which
            # names a date only if this one does: the infinitive need not be looked for
            return (clause.verb, actors, partners, "request")
        # the subjunctive is read first after "that", else only when no infinitive follows
        that = "that" in masked[clause.verb_end : pos].lower()
        subjunctive = _SUBJUNCTIVE_RE.match(masked, actor_end, clause.end) if that else None
        if subjunctive:
            inf: int | None = subjunctive.start()  # "Requests that the Secretary-General submit"
        else:
            inf = _find_infinitive(masked, pos, clause.end, actor_end)
            if inf is None and not that:
                subjunctive = _SUBJUNCTIVE_RE.match(masked, actor_end, clause.end)
            if inf is None:
                inf = subjunctive.start() if subjunctive else None
        task = _ENTRUSTED_TASK_RE.match(masked, actor_end, clause.end)
        if task and (inf is None or inf > task.start()):
            inf = task.start("task")  # "Entrusts the Bureau with the preparation of a summary"
        if inf is None:  # "Requests the Secretary-General:" (sub-paragraphs follow), or none
            return (clause.verb, actors, partners, "request")
        aside = _SESSION_ASIDE_RE.match(masked, actor_end, inf)
        if aside:  # "invites the President, at its eighty-first session, to conduct ..."
            inf = aside.start("session")
        if not actors[0].state and postponed(
            label, clause, builder, ctx, at=inf, owner=actors[0], partners=partners
        ):  # "Requests the Secretary-General to defer the submission of his report to ..."
            return (clause.verb, actors, partners, "request")
        builder.request(
            label,
            clause.start,
            clause.verb,
            actors,
            partners,
            inf,
            clause.end,
            invite=reading[3],
        )
        return (clause.verb, actors, partners, "request")
    if role == "decide":
        if may_match(ctx, _CONSIDER_RE, clause.verb_end, clause.end) and _CONSIDER_RE.search(
            masked, clause.verb_end, clause.end
        ):
            return None
        if postponed(label, clause, builder, ctx):
            return (clause.verb, [adopting_body(ctx, clause.start)], [], "decide")
        for duty in (_DECIDE_REQUEST_RE, _DECIDE_SESSION_FIRST_RE):
            found = duty.match(masked, clause.verb_end, clause.end)
            if found is None:
                continue
            actors, partners = _parse_actors(found.start("rest"), found.end("rest") + 40, ctx)
            if actors and not actors[0].state:
                ctx.last_body = actors[0]  # "... shall hold a session, and requests its Chair to"
                # the duty is read from its verb, or from a session set off before the subject
                session_first = duty is _DECIDE_SESSION_FIRST_RE
                z0 = found.start("session") if session_first else found.end("rest")
                builder.request(label, clause.start, clause.verb, actors, partners, z0, clause.end)
                return (clause.verb, actors, partners, "request")
        passive = _DECIDE_PASSIVE_RE.match(masked, clause.verb_end, clause.end)
        if passive:
            # "Decides that the summary report of the panel will be prepared by the Office and
            # submitted to the Council at its Nth session": the Office's report
            actors, partners = _parse_actors(passive.start("actor"), clause.end, ctx)
            if actors and not actors[0].state:
                builder.request(
                    label,
                    clause.start,
                    clause.verb,
                    actors,
                    partners,
                    passive.start("product"),
                    clause.end,
                    subject=True,
                )
                return (clause.verb, actors, partners, "request")
        if presented_later(label, clause, builder, ctx):
            return (clause.verb, [adopting_body(ctx, clause.start)], [], "decide")
        established = _ESTABLISH_RE.search(
            masked, clause.verb_end, min(clause.end, clause.verb_end + 130)
        )
        if established and established.start() - clause.verb_end > 40:
            established = None
        if established:
            mechanism = _parse_actor_at(established.end(), clause.end, ctx)
            if mechanism is None:  # "an ad hoc working group on X, open to all Member States"
                mechanism = _new_body(established.end(), clause.end, ctx)
            if mechanism is not None and not mechanism.state:
                ctx.last_body = mechanism
                # "Decides to extend the mandate of X ..., and to present a report at ..."
                inf = _find_infinitive(masked, mechanism.end, clause.end, mechanism.end)
                relative = _RELATIVE_DUTY_RE.match(masked, mechanism.end, clause.end)
                if relative and (inf is None or relative.end() < inf):
                    # "to establish an ad hoc committee on X and Y, which shall submit ..."
                    inf = relative.end()
                if inf is not None:
                    builder.request(
                        label,
                        clause.start,
                        clause.verb,
                        [mechanism],
                        [],
                        inf,
                        clause.end,
                        invite=True,
                    )
                return (clause.verb, [mechanism], [], "request")
        make = _DECIDE_MAKE_RE.search(masked, clause.verb_end, clause.end)
        actor = adopting_body(ctx, clause.start)
        scheduled = _SCHEDULED_RE.match(
            masked, clause.verb_end, clause.end
        ) or _SCHEDULED_TOPIC_RE.match(masked, clause.verb_end, clause.end)
        if scheduled:
            # "Decides that the theme of the annual panel discussion, to be held at its Nth
            # session, will be ...": the Council's scheduled meeting is a deliverable.
            held = scheduled.start("held")
            mentions = find_sessions(
                masked, held, clause.end, body=ctx.body, session=ctx.session,
                default_council=ctx.default_council, default_commission=ctx.default_commission,
                lower=lower_copy(masked, held, clause.end),
            )  # fmt: skip
            if mentions and mentions[0].start - scheduled.end("held") < 5:
                noun = scheduled.group("noun")
                kind = (
                    "panel" if "panel" in noun.lower() or "dialogue" in noun.lower() else "meeting"
                )
                mods = scheduled.group("mods") or ""
                item = Product(
                    kind, 1, None, scheduled.start("mods"), scheduled.end("noun"), noun, mods
                )
                item.dues.append(mentions[0])
                item.extent_end = mentions[0].end
                if "annual" in mods.lower():
                    item.recurring = "annual"
                elif "biennial" in mods.lower():
                    item.recurring = "biennial"
                builder.request(
                    label, clause.start, clause.verb, [actor], [], clause.verb_end, clause.end,
                    preset=[item],
                )  # fmt: skip
                return (clause.verb, [actor], [], "decide")
        if make and make.start() - clause.verb_end < 250:
            builder.request(
                label, clause.start, clause.verb, [actor], [], make.start(), clause.end, decide=True
            )
        return (clause.verb, [actor], [], "decide")
    if role == "note":
        end = clause.end if clause.end < unit_end else max(unit_end, paragraph.span[1]) + 2
        documents = _symbols(ctx.text, clause.start, min(end, len(ctx.text)))
        for note in footnotes:
            if note.anchor is not None and clause.start <= note.anchor <= end:
                documents.extend(_symbols(note.text, 0, len(note.text)))
        for document in documents:
            if _NOT_DOCUMENT_RE.search(document):
                continue
            if not any(n.paragraph == label and n.document == document for n in notes):
                notes.append(TakenNote(paragraph=label, document=document))
        return None
    return None


def _sub_duty(
    label: str, start: int, end: int, verb: str, builder: Builder, ctx: ReadingContext
) -> bool:
    """Read a decision's sub-paragraph that gives a named body a duty in a sentence of its
    own, as "Decides that <sub-paragraph>" would be read; whether it did."""
    found = _SUB_DUTY_RE.match(ctx.masked, start, end)
    if not found:
        return False
    actors, partners = _parse_actors(found.start("rest"), found.end("rest") + 40, ctx)
    if not actors or actors[0].state or actors[0].start > found.start("rest") + 4:
        return False
    builder.request(label, start, verb, actors, partners, found.end("rest"), end)
    return True


#: A sub-paragraph that names a product of the lead's request ("Requests the
#: Secretary-General to prepare the following: (a) A study on X, to be presented to the
#: Council at its Nth session; (b) ...").
_SUB_PRODUCT_RE = compiled(_SUB_LABEL + r"(?:An?|One|Two|Three|Four|Five)\s+[a-z]")


def _sub_product(
    label: str,
    start: int,
    end: int,
    inherited: tuple[str, list[ActorMention], list[str], str],
    lead: tuple[int, int],
    builder: Builder,
    ctx: ReadingContext,
) -> None:
    """Read a sub-paragraph naming a product as the object of its lead's request. A
    product with no deadline of its own takes the one session the lead names ("to submit
    to the General Assembly at its eighty-second session: (a) A report ..."), flagged."""
    verb, actors, partners, _ = inherited
    before = len(builder.deliverables)
    builder.request(label, start, verb, actors, partners, start, end)
    _dated_by_lead(before, lead, builder, ctx)


def _dated_by_lead(
    first: int,
    lead: tuple[int, int],
    builder: Builder,
    ctx: ReadingContext,
    kinds: set[str] | None = None,
) -> None:
    """Give the deliverables from ``first`` on that have no deadline of their own (of
    ``kinds``, when given) the one session the lead's words masked[lead] name, flagged;
    none when they name none or several."""
    added = builder.deliverables[first:]
    if not any(d.due is None and (kinds is None or d.kind in kinds) for d in added):
        return
    mentions = find_sessions(
        ctx.masked, *lead, body=ctx.body, session=ctx.session,
        default_council=ctx.default_council, default_commission=ctx.default_commission,
    )  # fmt: skip
    if len(mentions) != 1 or len(mentions[0].sessions) != 1:
        return
    mention = mentions[0]
    due = Due(mention.body, mention.sessions[0], mention.relation)
    for index, deliverable in enumerate(added, start=first):
        if deliverable.due is None and (kinds is None or deliverable.kind in kinds):
            builder.deliverables[index] = replace(
                deliverable,
                due=due,
                needs_review=True,
                review_reasons=[
                    *deliverable.review_reasons,
                    "deadline from the paragraph's lead",
                ],
            )


def _consideration(clause: Clause, label: str, ctx: ReadingContext) -> Consideration | None:
    """The consideration a clause gives ("Decides to continue its consideration of the
    question at its Nth session"); asked only of verbs that decide (``_verb_reading``) and
    of the sub-paragraphs that inherit one."""
    masked = ctx.masked
    if not may_match(ctx, _CONSIDER_RE, clause.verb_end, clause.end):
        return None
    found = _CONSIDER_RE.search(masked, clause.verb_end, clause.end)
    if not found:
        return None
    mentions = find_sessions(
        masked,
        found.start(),
        clause.end,
        body=ctx.body,
        session=ctx.session,
        default_council=ctx.default_council,
        default_commission=ctx.default_commission,
        lower=lower_copy(masked, found.start(), clause.end),
    )
    if not mentions:  # "... and decides to continue its consideration of it at that session"
        mentions = _that_session(masked, found.start(), clause.end, ctx)
    agenda = _AGENDA_RE.search(masked, clause.verb_end, clause.end)
    if agenda:
        numbers, alternatives = _read_ordinals(agenda.group("ords"))
        if numbers:
            return Consideration(
                body=ctx.body or "",
                session=numbers[0],
                alternatives=alternatives,
                paragraph=label,
                needs_review=bool(alternatives),
            )
    for mention in mentions:
        if mention.sessions:
            return Consideration(
                body=mention.body or (ctx.body or ""),
                session=mention.sessions[0],
                alternatives=list(mention.alternatives),
                paragraph=label,
                needs_review=bool(mention.alternatives or mention.implied),
            )
    # "remain seized" names no session; "continue its consideration ... in accordance with
    # its programme of work" implies one that the text does not print: review it.
    return Consideration(
        body=ctx.body or "",
        session=None,
        paragraph=label,
        needs_review=not _SEIZED_RE.search(found.group(0)),
    )


def deliverables_with_deadline(deliverables: Iterable[Deliverable]) -> list[Deliverable]:
    """The deliverables whose due names a session."""
    return [d for d in deliverables if d.due is not None and d.due.session is not None]


__all__ = ["Requests", "deliverables_with_deadline", "extract_requests", "mask"]
