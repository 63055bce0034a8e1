"""Deadlines in operative text: session mentions, calendar dates, recurrence and the
bodies they refer to.

Everything here works on a *masked* copy of the document (same length as the clean
text, markup and odd punctuation replaced one-for-one) so that offsets stay valid.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from .guards import guard, guarded, lower_guard
from .kinds import LowerMatch, lower_at_words, lowered
from .lexicon import lexicon
from .ordinals import ORDINAL_PATTERN, ORDINAL_WORDS_UNBOUNDED, ordinal_to_int
from .regex_cache import compiled
from .result import Relation

# --- bodies --------------------------------------------------------------------------

_LEX = lexicon()

#: Code -> name of the bodies that adopt resolutions (data/lexicon.json, "bodies").
BODY_NAMES = _LEX.body_names()

_BODY_WORDS = rf"(?:United\s+Nations\s+)?(?:{_LEX.body_words()})"
BODY_PATTERN = rf"(?:{_BODY_WORDS})(?!\s+(?:resolutions?|decisions?)\b)"
_COUNCIL_KEY = _LEX.council_word.lower()


def body_code(words: str, default_council: str = "HRC") -> str | None:
    """Map printed body words to a code: "the Assembly" -> GA, "the Council" -> HRC."""
    low = " ".join(words.lower().split())
    if low.startswith(("commission", "the commission")):
        for body in _LEX.bodies:
            if body.commission and any(key in low for key in body.keys):
                return body.code
    for body in _LEX.bodies:
        if not body.commission and any(key in low for key in body.keys):
            return body.code
    if _COUNCIL_KEY in low:
        return default_council
    return None


#: A functional commission's printed name (group ``name``), or any other "Commission" word.
_COMMISSION_WORD_RE = compiled(
    rf"(?P<name>{_LEX.commission_words()})|"
    r"(?P<bare>\bthe\s+Commission\b(?!\s+(?:on|of|for)\s+(?:the\s+)?[A-Z])|"
    r"\bCommission\s+(?:resolutions?|decisions?)\b)|\bCommission\b"
)


def default_commission(text: str) -> str | None:
    """The functional commission "the Commission" alone stands for: the only one the text
    names, when it names no other commission ("International Law Commission", "Commission
    of Inquiry") that the bare word could mean as well."""
    if "Commission" not in text:
        return None
    named: set[str] = set()
    for found in _COMMISSION_WORD_RE.finditer(text):
        if found.group("name"):
            named.add(body_code(found.group("name")) or "")
        elif not found.group("bare"):
            return None  # another commission: "the Commission" could be that one
    return named.pop() if len(named) == 1 else None


# --- sessions ------------------------------------------------------------------------

_ORD = ORDINAL_PATTERN
_ORD_LIST = rf"{_ORD}(?:\s+{_ORD})?(?:\s*(?:,\s*(?:and\s+)?|and\s+|to\s+){_ORD}(?:\s+{_ORD})?)*"

_REL = (
    r"(?P<rel>for\s+(?:its\s+)?consideration\s+(?:at|during)|(?:at|by|before)\s+the\s+(?:beginning|"
    r"start|opening|outset|end|close)\s+of|on\s+the\s+(?:first|second|third|opening|last|final|"
    r"closing)\s+day\s+of|on\s+the\s+day\s+(?:immediately\s+)?(?:following|after|before|"
    r"preceding)\s+the\s+(?:opening|start|beginning|close|closing)\s+of|at\s+the\s+latest\s+(?:at|by)|in\s+the\s+course\s+of|in\s+time\s+for|at|during|in|"
    r"before|between|prior\s+to|in\s+advance\s+of|ahead\s+of|(?:no|not)\s+later\s+than(?:\s+at|\s+the\s+"
    r"(?:end|close)\s+of)?|"
    r"by\s+the\s+end\s+of|before\s+the\s+end\s+of|by|until|from|as\s+of|"
    r"(?:starting|beginning|commencing)(?:\s+(?:at|with|from|in))?|for|to)"
)
#: "to the Human Rights Council at its relevant sessions, starting from its sixty-fourth
#: session": the sessions are the body's, from the one printed (``SessionMention.several``);
#: only before "starting"/"beginning"/"commencing"/"from", which says where they begin.
_SEVERAL = (
    r"(?P<several>(?:at|during|in)\s+(?:its|their)\s+(?:relevant|corresponding|respective|"
    r"subsequent|future|following)\s+sessions\s*,?\s+(?=(?:starting|beginning|commencing|from)\b))"
)
#: "to the General Assembly in alternate years, beginning at its Nth session": how often,
#: between the body and where the series begins; the sessions are that body's, from N
#: (``SessionMention.recurring``).
RECUR_BEFORE_START = (
    r"(?:annually|biennially|yearly|each\s+year|every\s+(?:other|alternate|second)\s+"
    r"year|every\s+(?:two|three|four|five|2|3|4|5)\s+years|in\s+alternat(?:e|ing)\s+years|"
    r"on\s+an?\s+(?:annual|biennial)\s+basis)(?=\s*,?\s+(?:as\s+)?(?:starting|beginning|"
    r"commencing|from)\b|\s*,?\s+as\s+of\b)"
)
_RECUR_BEFORE_START = rf"(?P<recur>{RECUR_BEFORE_START})\s*,?\s+(?:as\s+(?=from\b))?"
_PRE_BODY = (
    rf"(?:(?:(?:to|by|before|of|for|and)\s+)?(?:the\s+)?(?P<body1>{BODY_PATTERN})\s*,?\s+"
    rf"{_SEVERAL}?(?:{_RECUR_BEFORE_START})?)"
)

#: How a session mention opens: a body, then the relation ("to the Council at", "before").
_SESSION_HEAD = rf"(?:{_PRE_BODY})?{_REL}\s+"
_SESSION = _SESSION_HEAD + (
    # "the opening of the main part of the Nth session": a moment of a part of it
    r"(?:the\s+(?:opening|beginning|start)\s+of\s+(?=the\s+\w+\s+part\s+of\b))?"
    r"(?:the\s+(?:(?:main|first|second|third|fourth|resumed)\s+part|high-level\s+(?:segment|week)|"
    r"general\s+debate|opening)\s+of\s+)?"
    r"(?P<det>its|the|their|the\s+(?P<body3>(?:Human\s+Rights\s+)?Council|(?:General\s+)?Assembly)'s)"
    r"\s+(?:(?:resumed\s+)?"
    rf"(?:(?P<glued>\b{ORDINAL_WORDS_UNBOUNDED}{ORDINAL_WORDS_UNBOUNDED}\b)|(?P<ords>{_ORD_LIST})|"
    r"(?P<year>(?:19|20)\d\d)|"
    r"(?P<rel_word>next|following|present|current|"
    r"first\s+subsequent|subsequent|forthcoming|upcoming))"
    r"\s+(?:regular\s+|annual\s+|ordinary\s+)?"
    # "its resumed session", no number; "the session following the adoption of ..."
    r"|(?P<resumed>resumed)\s+|(?P<after_adoption>)(?=session\s+(?:immediately\s+)?"
    r"(?:following|after)\s+(?:the\s+)?adoption\b))"
    r"(?P<noun>sessions?)\b"
    rf"(?:\s+of\s+the\s+(?P<body2>{BODY_PATTERN}))?"
)
#: guards.guarded(_SESSION, re.IGNORECASE, length=3), the same pattern: its lookahead of
#: the first three characters depends only on how a match opens, so it is worked out from
#: the opening (1,000 characters) instead of parsing all 8,000 once more at every start-up
#: (a test checks both give the same lookahead).
SESSION_RE = compiled(guard(_SESSION_HEAD, re.IGNORECASE, 3) + f"(?:{_SESSION})", re.IGNORECASE)
_ORD_RE = compiled(_ORD, re.IGNORECASE)
_TRAILING_RESIDUE_RE = compiled(rf"\s*[;,]?\s*(?P<ord>{_ORD})\s*(?=$|[.;,\n])", re.IGNORECASE)
_PAST = rf"(?:\b(?:{_LEX.verb_pattern('past', 'since')})(?:\s+[\w-]+){{0,4}}\s*,?\s*)$"
_PAST_RE = compiled(_PAST, re.IGNORECASE)
#: Bodies whose sessions are named by their year ("the Economic and Social Council at its
#: 2026 session").
_YEAR_SESSION_BODIES = frozenset(("ECOSOC",))
_RESPECTIVELY_RE = compiled(r"\s*,?\s*respectively\b", re.IGNORECASE)
#: "to the General Assembly, through the Economic and Social Council, at its Nth session":
#: the body after "through" is the channel; the session is the recipient's. The recipient
#: must stand right before "through" ("to the Assembly at its Nth session, through the
#: Council at its 2036 session" names the Council's own session).
_THROUGH_TAIL_RE = compiled(r"\bthrough\s+$", re.IGNORECASE)
_RECIPIENT_BEFORE_THROUGH_RE = compiled(
    rf"\bto\s+the\s+(?P<to>{BODY_PATTERN})\s*,?\s+through\s+$", re.IGNORECASE
)


@cache
def _body_list_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """One body, and a list of two or more ("to the Assembly and the Council at their ...
    sessions, respectively"): rare, so compiled on first use (3 ms of start-up)."""
    return compiled(BODY_PATTERN, re.IGNORECASE), compiled(
        rf"{BODY_PATTERN}\s*(?:,\s*)?(?:and|or)\s+(?:to\s+)?(?:the\s+)?{BODY_PATTERN}[^;]*$",
        re.IGNORECASE,
    )


_OTHER_ENTITY_RE = compiled(
    r"\b(?:to|before|of)\s+the\s+(?:[\w-]+\s+){0,8}?(?:Working\s+Group|Committee|Commission|"
    r"Forum|Conference(?:\s+of\s+the\s+Parties)?|Board|Subcommittee|Mechanism|Meeting\s+of\s+"
    r"(?:the\s+)?States\s+Parties)\s*,?\s*$"
)
_BARE_COMMISSION_RE = compiled(r"\b(?:to|before|of)\s+the\s+Commission\s*,?\s*$")
#: "the seventy-second session of the Commission" (a commission's own name goes on)
_OF_THE_COMMISSION_RE = compiled(
    r"\s+of\s+the\s+Commission\b(?!\s+(?:on|of|for)\s+(?:the\s+)?[A-Z])"
)
_STRONG_PAST = rf"\b(?:{_LEX.verb_pattern('done', 'since')})(?:\s+[\w-]+){{0,2}}\s*,?\s*$"
_STRONG_PAST_RE = compiled(_STRONG_PAST, re.IGNORECASE)
#: The two for the lower-cased words before a session mention (``kinds.lower_at_words``).
_LOWER_PAST_RE = lower_at_words(_PAST)
_LOWER_STRONG_PAST_RE = lower_at_words(_STRONG_PAST)
#: "its annual report, which was scheduled for the Nth session, to the Council at its
#: (N+1)th session", "the seminar originally planned before the Nth session": when the thing
#: was due before it was moved, not its deadline.
_WAS_PLANNED_RE = compiled(
    r"(?:\b(?:which|that)\s+(?:was|were|had\s+been)\s+(?:(?:originally|initially|previously|"
    r"first)\s+)?|\b(?:originally|initially|previously)\s+)(?:scheduled|planned|foreseen|"
    r"envisaged|due|expected|intended|requested|mandated)\s*,?\s*$",
    re.IGNORECASE,
)
#: "to the Council at its Nth session instead of at its Mth session", "rather than at ...":
#: the deadline a text replaces (or turns down), never a due.
_REPLACED_RE = compiled(
    r"\b(?:instead\s+of|rather\s+than|in\s+place\s+of|and\s+not)\s*,?\s*$", re.IGNORECASE
)
#: A participle still to come: "to be presented", "will be held", and the causative "to have
#: these reports presented", "to have it made available": an object, then the participle
#: right before the mention (not "to have regard to the report submitted to ... at its
#: Nth session", a past report).
_FUTURE_RE = compiled(
    r"\b(?:(?:to|will|shall|would|should)\s+be\s+[\w-]+(?:\s+[\w-]+){0,4}|"
    r"to\s+have\s+(?:it|them|these|those|the|this|that|such|its|their|his|her)"
    r"(?:\s+[\w-]+){0,3}\s+(?:presented|submitted|transmitted|made(?:\s+available)?|"
    r"circulated|issued|published|prepared|considered|discussed|brought))\s*,?\s*$"
)
#: "..., the scope and modalities of which shall be decided no later than its Nth session":
#: the session of a decision still to be taken, not a deadline of what the clause asks for.
_DECIDED_LATER_RE = compiled(
    r"\b(?:to|will|shall|should)\s+be\s+(?:decided|determined|agreed)(?:\s+upon)?\s*,?\s*$"
)
#: "revised estimates in respect of resolutions and decisions to be adopted by the Council
#: at its Nth session": the session where other texts will be adopted, which the product is
#: about, not its deadline (a draft resolution to be adopted there is a product, dated so).
_ADOPTED_LATER_RE = compiled(
    r"(?<!draft\s)\b(?:resolutions?|decisions?)(?:\s+and\s+(?:resolutions?|decisions?))?\s+"
    r"(?:to|that\s+(?:will|may|might))\s+be\s+adopted\b(?:\s+by\s+[^,;:]{1,60}?)?\s*,?\s*$",
    re.IGNORECASE,
)
_RELATION_WORDS: dict[str, Relation] = {
    "before": "before",
    "between": "before",  # "between the Nth and Mth sessions": before the later one
    "prior to": "before",
    "in advance of": "before",
    "in time for": "before",  # available for the session: ahead of it, as "in advance of"
    "ahead of": "before",
    "no later than": "by",
    "no later than at": "by",
    "at the latest at": "by",
    "at the latest by": "by",
    "not later than at": "by",
    "not later than": "by",
    "no later than the end of": "by",
    "not later than the end of": "by",
    "no later than the close of": "by",
    "not later than the close of": "by",
    "by": "by",
    "until": "by",
    "by the end of": "by",
    "before the end of": "by",
    "at the end of": "by",
    "before the beginning of": "before",
    "before the start of": "before",
    "before the opening of": "before",
    "before the outset of": "before",
    "by the opening of": "by",
    "by the beginning of": "by",
    "by the start of": "by",
    "by the outset of": "by",
    "at the close of": "by",
    "by the close of": "by",
    "before the close of": "by",
}


@dataclass
class SessionMention:
    """One phrase naming one or more sessions ("at its sixty-first and sixty-fourth
    sessions"), with the body, relation and any second reading left by tracked changes."""

    start: int
    end: int
    body: str | None
    sessions: list[int]
    relation: Relation
    alternatives: list[int] = field(default_factory=list)
    implied: str | None = None  # "next session" and the like
    starting: bool = False  # "starting at its ...": first occurrence of a recurring item
    several: bool = False  # "at its relevant sessions, starting from its Nth": the first of them
    explicit_body: bool = False
    bodies: list[str] | None = None  # "to the Assembly and the Council at their ... respectively"
    recurring: str | None = None  # "to the Assembly annually, starting at its ...": this body's


def _relation(rel: str) -> Relation:
    rel = " ".join(rel.lower().split())
    if rel.startswith("on the day ") and (" before " in rel or " preceding " in rel):
        return "before"  # "on the day before the opening of the Nth session"
    return _RELATION_WORDS.get(rel, "at")


def _read_ordinals(ords: str) -> tuple[list[int], list[int]]:
    """Numbers in an ordinal list, and residue alternatives ("sixty-second fifth" = 65|62).

    "sixty-first to sixty-third" is a range (61, 62, 63).
    """
    sessions: list[int] = []
    alternatives: list[int] = []
    found = [(m.start(), m.end(), ordinal_to_int(m.group(0))) for m in _ORD_RE.finditer(ords)]
    index = 0
    while index < len(found):
        _, end, value = found[index]
        if value is None:
            index += 1
            continue
        following = found[index + 1] if index + 1 < len(found) else None
        between = ords[end : following[0]] if following else ""
        if following and following[2] is not None and between.strip() == "":
            # Two ordinals side by side: tracked-change residue. The later one is new.
            nxt = following[2]
            new = (value // 10) * 10 + nxt if nxt < 10 and value >= 20 else nxt
            sessions.append(new)
            alternatives.append(value)
            index += 2
            continue
        upper = following[2] if following else None
        if upper is not None and between.strip().lower() == "to" and 0 < upper - value <= 10:
            sessions.extend(range(value, upper))
            index += 1
            continue
        sessions.append(value)
        index += 1
    return sessions, alternatives


_ORD_PREFIX_RE = compiled(ORDINAL_WORDS_UNBOUNDED, re.IGNORECASE)


def _read_glued(words: str) -> tuple[list[int], list[int]]:
    """ "sixty-secondfifth" or "sixty-secondsixty-fifth": old reading first, new one glued on."""
    for cut in range(len(words) - 1, 0, -1):
        old, new = ordinal_to_int(words[:cut]), ordinal_to_int(words[cut:])
        if old is not None and new is not None:
            value = (old // 10) * 10 + new if new < 10 and old >= 20 else new
            return [value], [old]
    return [], []


_SESSION_WORD_RE = compiled(r"\bsessions?\b", re.IGNORECASE)

#: ``SESSION_RE`` and ``_SESSION_WORD_RE`` for the lower-cased copy of an ASCII text
#: (``kinds.lowered``, compared case-sensitively: a literal is one test, not a case fold);
#: the word pattern opens with its letters (found by a fast search) and looks behind them
#: for the word boundary. Session windows 2x faster.
_LOWER_SESSION_RE = compiled(
    lower_guard(_SESSION_HEAD, re.IGNORECASE, 3) + "(?:" + lowered(_SESSION) + ")"
)
_LOWER_SESSION_WORD_RE = compiled(r"session(?<!\wsession)s?\b")


def _session_matches(
    masked: str, start: int, end: int, lower: str | None = None
) -> list[re.Match[str] | LowerMatch]:
    """SESSION_RE matches, searched only in windows around the word "session" (fast); in
    ``lower`` (masked[start - 1 : end] lower-cased, ASCII) when given, one character on."""
    text, words, sessions, offset = masked, _SESSION_WORD_RE, SESSION_RE, 0
    if lower is not None:
        text, words, sessions, offset = lower, _LOWER_SESSION_WORD_RE, _LOWER_SESSION_RE, start - 1
    matches: list[re.Match[str] | LowerMatch] = []
    last_end = start - offset
    end -= offset
    for word in words.finditer(text, last_end, end):
        if word.start() < last_end:
            continue
        window_start = max(last_end, word.start() - 260)
        window_end = min(end, word.end() + 60)
        for found in sessions.finditer(text, window_start, window_end):
            if found.start("noun") == word.start():
                matches.append(found if lower is None else LowerMatch(found, masked, offset, 0))
                last_end = found.end()
                break
    return matches


def _is_before(
    pattern: re.Pattern[str], lowered_pattern: re.Pattern[str], before: str, low: str | None
) -> bool:
    """Whether ``pattern`` matches in ``before``, searched with its ``lower_at_words`` form in
    ``low`` (" " and ``before`` lower-cased) when given."""
    found = pattern.search(before) if low is None else lowered_pattern.search(low)
    return found is not None


#: "(at) the session following the adoption of the present resolution": what comes after
#: the word "session" (the whole phrase is the mention).
_AFTER_ADOPTION_RE = compiled(
    r"\s+(?:immediately\s+)?(?:following|after)\s+(?:the\s+)?adoption\b"
    r"(?:\s+of\s+(?:the\s+present|this)\s+(?:resolution|decision)\b)?",
    re.IGNORECASE,
)
#: What follows an adoption that is not the present text's: "the adoption of the convention",
#: "the adoption by the General Assembly of the declaration" (after "the adoption" alone).
_ANOTHER_ADOPTION_RE = compiled(r"\s+(?:of|by)\b", re.IGNORECASE)
#: "at the resumed session of the Committee": an entity named after the session, not a body
#: of the table (those are read as ``body2``), holds it.
_OF_ENTITY_RE = compiled(r"\s+of\s+(?:the\s+)?[A-Z]")
#: The ``implied`` of a session counted from the adoption, and of "its resumed session".
_AFTER_ADOPTION = "session following the adoption"
_AFTER_OTHER_ADOPTION = "session following the adoption of another text"
_RESUMED_UNNUMBERED = "resumed session, its number not printed"


def _after_adoption(masked: str, pos: int, end: int) -> tuple[str, int] | None:
    """The ``implied`` and end of "following the adoption ..." at ``pos`` (after "session"):
    the present text's adoption, or another's ("of the convention", "by the Assembly of
    ..."), whose date is not known. None when no adoption follows."""
    after = _AFTER_ADOPTION_RE.match(masked, pos, end)
    if after is None:
        return None
    if after.group(0).rstrip().lower().endswith("adoption") and _ANOTHER_ADOPTION_RE.match(
        masked, after.end(), end
    ):
        return _AFTER_OTHER_ADOPTION, after.end()
    return _AFTER_ADOPTION, after.end()


#: Words for a session that follows another: after a session named earlier in the same
#: span they count from it ("next" is left to mean the session after adoption).
AFTER_NAMED = frozenset(("following", "subsequent", "first subsequent"))


def _last_numbered(mentions: list[SessionMention], body: str | None) -> int | None:
    """The last session of ``body`` named by number among ``mentions`` (one, no second reading)."""
    for mention in reversed(mentions):
        if mention.body == body and mention.bodies is None:
            if len(mention.sessions) == 1 and not mention.alternatives and not mention.implied:
                return mention.sessions[0]
            return None
    return None


def _through_recipient(masked: str, start: int, found: re.Match[str] | LowerMatch) -> str | None:
    """The body a product goes to "through" the body ``found`` names ("to the General
    Assembly, through the Economic and Social Council, at its Nth session"), if the session
    can be that body's (a year is a session of the Economic and Social Council only)."""
    recipient = _RECIPIENT_BEFORE_THROUGH_RE.search(
        masked, max(start, found.start() - 80), found.start()
    )
    if recipient is None:
        return None
    words = recipient.group("to")
    if found.group("year") and body_code(words) not in _YEAR_SESSION_BODIES:
        return None
    return words


def find_sessions(
    masked: str,
    start: int,
    end: int,
    *,
    body: str | None,
    session: int | None,
    default_council: str = "HRC",
    default_commission: Callable[[], str | None] | None = None,
    actor_body: str | None = None,
    lower: str | None = None,
) -> list[SessionMention]:
    """Every forward-looking session mention in masked[start:end] (``lower``: the
    ``kinds.lower_copy`` of the span, when the caller has one; ``actor_body``: the body the
    request is addressed to, whose session "its" may be)."""
    mentions: list[SessionMention] = []
    for found in _session_matches(masked, start, end, lower):
        window = max(start, found.start() - 60)
        before = masked[window : found.start()]
        if _REPLACED_RE.search(before):
            continue  # "instead of at its Mth session": the old deadline, not the new
        future = bool(_FUTURE_RE.search(before))
        if future and (
            _DECIDED_LATER_RE.search(before)
            or _ADOPTED_LATER_RE.search(masked, max(start, found.start() - 120), found.start())
        ):
            continue
        # the lower-cased words before, opening with a non-word character as the start of
        # ``before`` reads to the patterns' word boundary
        low = None if lower is None else " " + lower[window - start + 1 : found.start() - start + 1]
        participle = not future and _is_before(_PAST_RE, _LOWER_PAST_RE, before, low)
        if not future and _is_before(_STRONG_PAST_RE, _LOWER_STRONG_PAST_RE, before, low):
            continue  # "the panel discussion held at its Nth session": an event, not a deadline
        if not future and _WAS_PLANNED_RE.search(before):
            continue  # "which was scheduled for the Nth session": the old date, not the new
        rel_raw = found.group("rel")
        rel_low = " ".join(rel_raw.lower().split())
        if participle and rel_low.endswith(("the end of", "the close of")):
            # "to brief the Assembly on progress made before the end of its eighty-first
            # session": a time limit, which no past event is given
            participle = False
        if rel_low == "between" and not found.group("ords"):
            continue  # "between its present session and ...": no pair of numbered sessions
        if rel_low == "in" and found.group("det").lower() == "the" and not found.group("body2"):
            continue  # "in the Nth session" of no named body: too loose to date anything
        body_words = found.group("body2") or found.group("body3") or found.group("body1")
        if (
            found.group("body1")
            and not (found.group("body2") or found.group("body3"))
            and _THROUGH_TAIL_RE.search(masked, max(start, found.start() - 9), found.start())
        ):
            body_words = _through_recipient(masked, start, found) or body_words
        explicit = body_words is not None
        this_body = body_code(body_words, default_council) if body_words else body
        of_commission = None  # "before the seventy-second session of the Commission"
        if default_commission and not body_words and found.group("det").lower() == "the":
            of_commission = _OF_THE_COMMISSION_RE.match(masked, found.end(), end)
            commission = default_commission() if of_commission else None
            if commission:
                this_body, explicit = commission, True
            else:
                of_commission = None
        det_its = found.group("det").lower() == "its"
        if (
            not explicit
            and det_its
            and _OTHER_ENTITY_RE.search(
                masked, max(start, found.start("rel") - 90), found.start("rel")
            )
        ):
            commission = (
                default_commission()
                if default_commission
                and _BARE_COMMISSION_RE.search(
                    masked, max(start, found.start("rel") - 30), found.start("rel")
                )
                else None
            )
            if not commission:
                continue  # "to the Working Group at its next session": that entity's session
            # "to the Commission at its Nth session": the one commission the text names
            this_body, explicit = commission, True
        if participle and (this_body != body or session is None):
            # "the report submitted to the General Assembly at its ...": a past event; for the
            # adopting body the session number itself tells past from future (below).
            continue
        sessions: list[int] = []
        alternatives: list[int] = []
        implied = None
        rel_word = found.group("rel_word")
        if rel_word:
            word = " ".join(rel_word.lower().split())
            earlier = _last_numbered(mentions, this_body) if word in AFTER_NAMED else None
            if earlier is not None:
                # "an oral update at its fifty-ninth session and a report at the following
                # session": the session after the one just named, not after the adopting one
                sessions = [earlier + 1]
                implied = f"{word} session after session {earlier}"
            elif word in ("present", "current"):
                if session is None or this_body != body:
                    continue
                sessions = [session]
            elif word in ("next", "following", "forthcoming", "upcoming"):
                if session is None or this_body != body:
                    implied = f"{word} session"
                else:
                    sessions = [session + 1]
                    implied = f"{word} session"
            else:
                implied = f"{word} session"
        elif found.group("resumed") or found.group("after_adoption") is not None:
            # "at its resumed session": the adopting session's resumed part, its number not
            # printed; "at the session following the adoption of the present resolution":
            # counted from the adoption, as "next session" is. Both flagged.
            resumed = bool(found.group("resumed"))
            if not found.group("body2") and _OF_ENTITY_RE.match(masked, found.end(), end):
                continue  # "at the resumed session of the Committee": that entity's session
            adoption = None if resumed else _after_adoption(masked, found.end(), end)
            implied = _RESUMED_UNNUMBERED if resumed else _AFTER_ADOPTION
            if adoption is not None:
                implied = adoption[0]
            if session is not None and this_body == body and implied != _AFTER_OTHER_ADOPTION:
                sessions = [session] if resumed else [session + 1]
        elif found.group("year"):
            if this_body not in _YEAR_SESSION_BODIES:
                continue  # only the Economic and Social Council numbers its sessions by year
            sessions = [int(found.group("year"))]
        elif found.group("glued"):
            sessions, alternatives = _read_glued(found.group("glued"))
        else:
            sessions, alternatives = _read_ordinals(found.group("ords"))
            if rel_low == "between":
                # "to organize a seminar between the Nth and Mth sessions of the Council":
                # held in the interval, so due before the later session
                if len(sessions) != 2 or alternatives or sessions[1] <= sessions[0]:
                    continue
                sessions = sessions[1:]
            elif (
                found.group("noun").lower() == "session" and len(sessions) > 1 and not alternatives
            ):
                sessions = sessions[:1]
            adoption = _after_adoption(masked, found.end(), end) if sessions == [1] else None
            if adoption is not None:
                # "at its first session following the adoption of the present resolution"
                implied = adoption[0]
                sessions = (
                    [session + 1]
                    if session is not None and this_body == body and implied == _AFTER_ADOPTION
                    else []
                )
        mention_end = of_commission.end() if of_commission else found.end()
        if implied in (_AFTER_ADOPTION, _AFTER_OTHER_ADOPTION):
            adoption = _after_adoption(masked, found.end(), end)
            mention_end = adoption[1] if adoption else mention_end
        if not rel_word and len(sessions) == 1 and not alternatives:
            residue = _TRAILING_RESIDUE_RE.match(masked, found.end(), end)
            if residue:
                value = ordinal_to_int(residue.group("ord"))
                if value is not None and value != sessions[0]:
                    alternatives = [sessions[0]]
                    sessions = [value]
                    mention_end = residue.end()
        # A session of the adopting body already past is a reference, not a deadline.
        bodies = None
        respectively = _RESPECTIVELY_RE.match(masked, found.end(), end) is not None
        if (found.group("det").lower() == "their" or respectively) and len(sessions) > 1:
            one_body, body_list = _body_list_res()
            listed = body_list.search(masked, max(start, found.start() - 160), found.start("det"))
            if listed:
                codes = [
                    body_code(m.group(0), default_council)
                    for m in one_body.finditer(listed.group(0))
                ]
                if len(codes) == len(sessions) and all(codes):
                    bodies = [c for c in codes if c]
        if session is not None and sessions and bodies is None and this_body == body:
            # Sessions of the adopting body already past are references, not deadlines
            # (after "submitted", "presented"... the present session is past as well).
            limit = session + 1 if participle else session
            kept = [n for n in sessions if n >= limit]
            if kept:
                sessions = kept
            elif actor_body and actor_body != body and det_its and not explicit:
                # "Requests the Human Rights Council to convene, at its sixty-fifth session,
                # a panel": in an Assembly text, the Council's session, not a past Assembly's
                this_body = actor_body
            else:
                continue
        elif (
            session is not None
            and sessions
            and bodies is None
            and det_its
            and this_body != body
            and max(sessions) < _session_in_the_same_year(body, session, this_body) - 1
        ):
            # "to the Council and to the General Assembly at its seventieth session" in a
            # Council text of 2028: the Assembly's seventieth was in 2015, so "its" is the
            # Council's (still flagged); a past session no body can hold is no deadline
            if (
                body is None
                or min(sessions) < session
                or _COUNCIL_NAMED_RE.search(
                    masked, max(start, found.start("rel") - 120), found.start("rel")
                )
                is None
            ):
                continue
            this_body, implied = body, f"its session: {this_body}'s is past, read as {body}'s"
        if sessions and not found.group("year") and any(n <= 0 or n > 200 for n in sessions):
            continue
        mentions.append(
            SessionMention(
                start=found.start(),
                end=mention_end,
                body=this_body,
                sessions=sessions,
                relation=_relation(rel_raw),
                alternatives=alternatives,
                implied=implied,
                starting=rel_low.startswith(
                    ("starting", "beginning", "commencing", "from", "as of")
                ),
                explicit_body=explicit or bodies is not None,
                bodies=bodies,
                several=found.group("several") is not None,
                recurring=_recurring_before_start(found.group("recur")),
            )
        )
    return mentions


def _recurring_before_start(words: str | None) -> str | None:
    """The recurrence printed between a body and "starting at its Nth session"."""
    if not words:
        return None
    found = RECUR_RE.search(words)
    return recurrence(found) if found else None


#: The adopting body named as a recipient before another ("to the Council and to the
#: General Assembly at its Nth session").
_COUNCIL_NAMED_RE = compiled(
    r"\bCouncil\s+and\s+(?:to\s+)?the\s+General\s+Assembly\s*,?\s*$|"
    r"\bGeneral\s+Assembly\s+and\s+(?:to\s+)?the\s+(?:Human\s+Rights\s+)?Council\s*,?\s*$"
)


def _session_in_the_same_year(body: str | None, session: int, other: str | None) -> int:
    """The lowest session ``other`` (the Council or the Assembly) may be holding when
    ``body`` holds ``session``: the one it had opened by 1 January of that year; 0 when
    unknown. The Council's Nth session is in the year 2007 + (N - 4) // 3; the Assembly's
    Nth opens in September of 1945 + N."""
    if body == "HRC" and session >= 4:
        year = 2007 + (session - 4) // 3
    elif body == "GA":
        year = 1945 + session
    else:
        return 0
    return regular_session_opened_by(other, date(year, 1, 1)) or 0


def regular_session_opened_by(body: str | None, day: date | None) -> int | None:
    """The last regular session of the Council or the Assembly opened on or before ``day``
    (a special session's text says "at its next regular session": the one after this).

    The Council has held three regular sessions a year since 2007 (the fourth opened in
    March 2007), opening in late February, mid-June and early September; the Assembly's Nth
    session opens in September of 1945 + N. The thresholds are the earliest openings on
    record (sessions.csv): a special session meets between regular ones, after one closes
    and before the next opens. The deadline stays flagged for a person to confirm."""
    if day is None:
        return None
    if body == "HRC" and day.year >= 2008:
        first = 3 * (day.year - 2007) + 4  # the year's February session
        opened = sum(day >= date(day.year, month, dom) for month, dom in ((2, 22), (6, 13), (9, 8)))
        return first - 1 + opened
    if body == "GA" and day.year >= 1946:
        return day.year - 1945 - (day < date(day.year, 9, 5))
    return None


# --- calendar dates ------------------------------------------------------------------

_MONTHS = {
    name: index
    for index, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_MONTH = "|".join(_MONTHS)
_DATE = (
    r"(?P<rel>no\s+later\s+than|not\s+later\s+than|by|before|prior\s+to|on|from|until|"
    r"in\s+advance\s+of)\s+(?:(?:the\s+)?(?:[\w-]+\s+){0,2}of\s+)?"
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    rf"(?P<day>\d{{1,2}})(?:\s*(?:and|to|-|\u2013)\s*\d{{1,2}})?\s+(?P<month>{_MONTH})"
    r"(?:\s+(?P<year>\d{4}))?(?P<annual>\s+(?:of\s+each\s+year|each\s+year|every\s+year|annually))?"
)
DATE_RE = compiled(_DATE, re.IGNORECASE)
#: ``DATE_RE`` for the lower-cased copy of an ASCII span (``kinds.lowered``): it opens with
#: relations of plain letters, so the engine skips in C to where one may begin and drops
#: each branch after one test, where ignoring case it tried every branch at every position.
_LOWER_DATE_RE = compiled(lowered(_DATE))

#: A month or the end of a year, without a day: "by March 2019", "no later than the end of
#: 2025", "before the end of 2023 and 2024". Only deadline relations: a bare year ("by
#: 2030") is a target, and a month is never the day of an event ("on", "from", "until").
_YEAR = r"(?:19|20)\d\d(?!\s*[-\u2013/]|\d)"
_PERIOD = (
    r"(?P<rel>no\s+later\s+than|not\s+later\s+than|by|before|prior\s+to)\s+"
    rf"(?:(?P<end_of>the\s+end\s+of\s+)(?:(?P<end_month>{_MONTH})\s+)?|(?P<whole_month>{_MONTH})\s+)"
    rf"(?P<whole_year>{_YEAR})(?:\s*,?\s+and\s+(?P<next_year>{_YEAR}))?"
)
PERIOD_RE = compiled(_PERIOD, re.IGNORECASE)
_LOWER_PERIOD_RE = compiled(lowered(_PERIOD))


_PAST_DATE_RE = compiled(
    rf"\b(?:effect|force|since|{_LEX.verb_pattern('past_date')})\s*,?\s*$",
    re.IGNORECASE,
)


#: "to be held on", "will be convened on": the participle of an event still to come.
_FUTURE_PASSIVE_RE = compiled(r"\b(?:to|will|shall|would|should)\s+be\s+$", re.IGNORECASE)


def _past_date(masked: str, start: int, date_start: int) -> bool:
    """Whether the date at ``date_start`` is one something took effect or happened on
    ("which took effect on 1 January 2010", "held on 5 May 2024"), not a date to come
    ("to be held on 3 December 2027")."""
    past = _PAST_DATE_RE.search(masked, max(start, date_start - 40), date_start)
    return past is not None and not _FUTURE_PASSIVE_RE.search(
        masked, max(start, past.start() - 20), past.start()
    )


_Day = date  # the type, for the fields declared after ``DateMention.date``


@dataclass
class DateMention:
    start: int
    end: int
    relation: Relation
    date: date | None
    annual: bool
    printed: str
    #: a deadline printed without a day ("by the end of 2030", "by September 2025"): the
    #: period's last day ("before" a month: its first), left to a person (``date`` is None:
    #: a due date is only a full calendar date, as the gold conventions have it)
    period_end: _Day | None = None


def _date_matches(
    masked: str, start: int, end: int, lower: str | None, period: bool = False
) -> list[re.Match[str]] | list[LowerMatch]:
    """``DATE_RE.finditer(masked, start, end)`` (``PERIOD_RE`` with ``period``), found in
    ``lower`` (masked[start - 1 : end] lower-cased, ASCII) when given."""
    plain, lowered_pattern = (PERIOD_RE, _LOWER_PERIOD_RE) if period else (DATE_RE, _LOWER_DATE_RE)
    if lower is None:
        return list(plain.finditer(masked, start, end))
    offset = start - 1
    return [LowerMatch(found, masked, offset, 0) for found in lowered_pattern.finditer(lower, 1)]


def find_dates(masked: str, start: int, end: int, lower: str | None = None) -> list[DateMention]:
    """Calendar dates with a relation ("no later than 1 July 2026", "by 30 April annually");
    ``lower``: the ``kinds.lower_copy`` of the span, when the caller has one."""
    result: list[DateMention] = []
    for found in _date_matches(masked, start, end, lower, period=True):
        if not _past_date(masked, start, found.start()):
            result.extend(_whole_periods(found))
    for found in _date_matches(masked, start, end, lower):
        rel = " ".join(found.group("rel").lower().split())
        if rel == "from" and "period" in masked[max(start, found.start() - 25) : found.start()]:
            continue  # "for the period from 1 July 2017 to 30 June 2018" is not a deadline
        if _past_date(masked, start, found.start()):
            continue  # "which took effect on 1 January 2010", "held on 5 May 2024"
        relation: Relation = "at" if rel in ("on", "from") else _RELATION_WORDS.get(rel, "by")
        day = int(found.group("day"))
        month = _MONTHS[found.group("month").lower()]
        when = None
        if found.group("year"):
            try:
                when = date(int(found.group("year")), month, day)
            except ValueError:
                when = None
        if when is None and not found.group("annual"):
            continue
        result.append(
            DateMention(
                start=found.start(),
                end=found.end(),
                relation=relation,
                date=when,
                annual=bool(found.group("annual")),
                printed=found.group(0),
            )
        )
    return sorted(result, key=lambda mention: mention.start) if len(result) > 1 else result


def _whole_periods(found: re.Match[str] | LowerMatch) -> list[DateMention]:
    """ "by March 2019", "no later than the end of 2025": due by the period's last day;
    "before March 2019": before its first; "before the end of 2023 and 2024": two
    deadlines. No ``date``: the day is left to a person (``period_end``)."""
    rel = " ".join(found.group("rel").lower().split())
    month_name = found.group("whole_month") or found.group("end_month")
    end_of = found.group("end_of")
    month = _MONTHS[month_name.lower()] if month_name else 12
    relation: Relation = "before" if end_of is None and rel in ("before", "prior to") else "by"
    mentions = []
    for group in ("whole_year", "next_year"):
        year_printed = found.group(group)
        if year_printed is None:
            continue
        year = int(year_printed)
        last_day = monthrange(year, month)[1]
        mentions.append(
            DateMention(
                start=found.start() if group == "whole_year" else found.start(group),
                end=found.end(group),
                relation=relation,
                date=None,
                annual=False,
                printed=found.group(0),
                period_end=date(year, month, 1 if relation == "before" else last_day),
            )
        )
    return mentions


# --- recurrence ----------------------------------------------------------------------

#: What recurs twice a year ("semi-annually", "every six months"): no whole number of
#: sessions, so the planner cannot forecast it and the deliverable is flagged.
TWICE_A_YEAR = "twice a year"

#: "semi-annually", "half-yearly" are twice a year, not annual (a word after a hyphen is
#: no "annual"; "bi-annual" is left unread: it means either).
RECUR_RE = guarded(
    r"\b(?P<twice>semi-annual(?:ly)?|twice\s+(?:a|per|each)\s+year|twice\s+yearly|"
    r"every\s+six\s+months|half-yearly)\b|"
    r"\b(?<!-)(?P<annual>annually|annual|on\s+an\s+annual\s+basis|each\s+year|every\s+year|"
    r"yearly)\b|\b(?P<biennial>biennially|biennial|on\s+a\s+biennial\s+basis|"
    r"every\s+two\s+years|every\s+(?:other|alternate|second)\s+year|"
    r"in\s+alternat(?:e|ing)\s+years)\b|\bevery\s+(?P<years>three|four|five|3|4|5)"
    r"\s+years\b|\bevery\s+(?P<sessions>two|three|four|2|3|4)\s+sessions\b|"
    r"\b(?P<quadrennial>quadrennial(?:ly)?)\b",
    re.IGNORECASE,
    length=3,
)


def recurrence(found: re.Match[str]) -> str:
    """The recurrence a RECUR_RE match names: "annual", "biennial", "every 3 years"..."""
    if found.group("twice"):
        return TWICE_A_YEAR
    if found.group("annual"):
        return "annual"
    if found.group("biennial"):
        return "biennial"
    if found.group("quadrennial"):
        return "every 4 years"
    words = {"two": 2, "three": 3, "four": 4, "five": 5}
    if found.group("years"):
        raw = found.group("years").lower()
        return f"every {words.get(raw, raw)} years"
    raw = found.group("sessions").lower()
    return f"every {words.get(raw, raw)} sessions"


__all__ = [
    "BODY_NAMES",
    "BODY_PATTERN",
    "DATE_RE",
    "RECUR_BEFORE_START",
    "RECUR_RE",
    "SESSION_RE",
    "TWICE_A_YEAR",
    "DateMention",
    "SessionMention",
    "body_code",
    "find_dates",
    "find_sessions",
    "recurrence",
]
