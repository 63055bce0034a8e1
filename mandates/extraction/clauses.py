"""Clauses and their actors: the masked copy, the operative verbs that cut a paragraph
into clauses, and the actors (and partners) a request names before its infinitive."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from . import regex_cache
from .actors import ActorTable, normalise
from .deadlines import BODY_NAMES as _BODY_NAMES
from .factoring import factored
from .gates import ODD_FOLDS, gate
from .guards import (
    UNICODE_SPACE,
    copy_guard,
    finditer_at_words,
    guard,
    guarded,
    leading_words,
    plain_case,
)
from .lexicon import lexicon
from .regex_cache import compiled

_LEX = lexicon()

# Footnote refs ("[footnoteRef:3]", "[^3]", "<sup>3</sup>"), emphasis tags, and the single
# characters "*", "_" and no-break space: what ``mask`` blanks (in three faster steps; this
# one regex is the reference the tests compare them with). Written to open with one character class (the
# lookbehinds pick the branch) so the regex engine jumps between candidate characters
# instead of trying every branch at every position: 4x faster on the corpus, same matches.
_MARKUP_RE = compiled(
    r"[\[<*_\u00a0](?:(?<=\[)(?:footnoteRef:\d+\]|\^\d+\])|"
    r"(?<=<)(?:sup>[^<]{0,12}</sup>|/?(?:em|i|b|strong)>)|(?<=[*_\u00a0]))"
)

_REPLACEMENTS = (
    ("\u2018", "'"),
    ("\u2019", "'"),
    ("\u02bc", "'"),
    ("\u201c", '"'),
    ("\u201d", '"'),
    ("\u2010", "-"),
    ("\u2011", "-"),
    ("\u2012", "-"),
    ("\u00ad", "-"),
    ("\u00a0", " "),
    ("\t", " "),
)


#: The two branches of ``_MARKUP_RE`` that are longer than a character, one regex each:
#: opening with a literal character, they are found by a fast scan for that character.
_FOOTNOTE_REF_RE = compiled(r"\[(?:footnoteRef:\d+\]|\^\d+\])")
_TAG_RE = compiled(r"<(?:sup>[^<]{0,12}</sup>|/?(?:em|i|b|strong)>)")


def _blank(found: re.Match[str]) -> str:
    return " " * len(found.group(0))


def mask(text: str) -> str:
    """A same-length copy of the text with markup blanked and punctuation unified.

    What ``_MARKUP_RE.sub`` blanks, in three steps: the footnote references, the tags,
    then "*", "_" and no-break spaces one by one. The same: a reference holds no "<", a
    tag may hold a reference (blanked first or with it, blank either way) and every "*",
    "_" or no-break space ends up blank whether in a longer match or alone."""
    masked = text
    if "[" in masked:
        masked = _FOOTNOTE_REF_RE.sub(_blank, masked)
    if "<" in masked:
        masked = _TAG_RE.sub(_blank, masked)
    for char in "*_\u00a0":
        if char in masked:
            masked = masked.replace(char, " ")
    for old, new in _REPLACEMENTS:
        if old in masked:
            masked = masked.replace(old, new)
    return masked


_ADVERBS = (
    r"(?:(?:also|further|furthermore|again|once\s+again|in\s+this\s+regard|in\s+this\s+respect|"
    r"in\s+that\s+regard|therefore|moreover|accordingly|strongly|respectfully|kindly|"
    r"in\s+this\s+context|to\s+(?:this|that)\s+end|in\s+particular|in\s+(?:this|that)\s+"
    r"connection|for\s+(?:this|that)\s+purpose|to\s+(?:this|that)\s+effect|in\s+that\s+respect|"
    r"in\s+that\s+context)\s*,?\s+)*"
)

_REQUEST_VERB = _LEX.verb_pattern("request")

_DECIDE_VERB = _LEX.verb_pattern("decide")

_NOTE_VERB = _LEX.verb_pattern("note")

_OTHER_VERB = _LEX.verb_pattern("other")

_ANY_VERB = rf"{_REQUEST_VERB}|{_DECIDE_VERB}|{_NOTE_VERB}|{_OTHER_VERB}"

_OPERATIVE_VERB = rf"{_ADVERBS}(?:{_ANY_VERB})"
#: What follows an operative verb that opens a clause inside a paragraph.
_AFTER_OPERATIVE_VERB = (
    r"(?=\s*,?\s+(?:the|that|all|its|his|her|their|relevant|States|Member|also|further|"
    r"again|once|in|on|upon|with|to|a|an|this|these|those|United|Governments|him|them|"
    r"every|each|both|any|international|national|civil|non|regional|such|as|at|"
    r"appreciation|note|[A-Z]))"
)

#: An operative verb inside a paragraph that opens a new clause.
_BOUNDARY_RE = compiled(
    rf"(?:[;,:]\s*(?:and\s+)?|\s+and\s+|\.\s+)(?P<verb>{_OPERATIVE_VERB})\b"
    + _AFTER_OPERATIVE_VERB,
    re.IGNORECASE,
)

#: The same verbs as ``_BOUNDARY_RE`` (same "verb" spans, in the same order), found faster:
#: a match opens at the punctuation or at the "d" of " and" instead of at the whitespace
#: before "and", so the regex engine skips from one of the few characters ;,:.dD to the
#: next instead of trying every space; the verb is tried only where one of its first five
#: letters fits (guards.guard). Matches start elsewhere, so only the verb group is used.
#: Not exact when the scan starts inside " and" (then ``_BOUNDARY_RE`` is used).
_BOUNDARY_FAST_RE = factored(
    r"[;,:.dD](?i:(?:(?<=[;,:])\s*(?:and\s+)?|(?<=\.)\s+|(?<=\sand)\s+)"
    rf"(?P<verb>{guard(_OPERATIVE_VERB, re.IGNORECASE, 5)}{_OPERATIVE_VERB})\b"
    rf"{_AFTER_OPERATIVE_VERB})"
)

#: The copy of the masked text in which the clause cut looks for where a verb may open a
#: clause (``_boundary_starts``): one byte for each character, ASCII letters lower-cased,
#: every ASCII character ``\s`` matches and every character beyond ASCII ("?" in the ASCII
#: copy, as is "?") a space, ";", ":" and "." a ",", and the "d" of " and" a "," too.
_SPACE_BYTES = bytes(sorted(ord(char) for char in UNICODE_SPACE if char.isascii())) + b"?"
_COPY_TABLE = bytes.maketrans(_SPACE_BYTES + b";:.", b" " * len(_SPACE_BYTES) + b",,,")


def _copied(char: str) -> str:
    """What ``char`` of a ``plain_case`` text may stand as in the copy ("d" may be the ","
    of " and"). The folded characters, which such a text does not hold, stand as nothing."""
    if char in ODD_FOLDS:
        return ""
    byte = char.encode("ascii", "replace").lower().translate(_COPY_TABLE).decode("ascii")
    return byte + "," if byte == "d" else byte


#: Where a match of ``_BOUNDARY_FAST_RE`` may begin, in the copy: a "," (each of ;,:. and
#: the "d" of " and"), spaces, maybe "and" and spaces (as ``\s*(?:and\s+)?``, which holds
#: the "\s+" after "." and "d"), then the first five letters of an operative verb (the
#: guard of ``_BOUNDARY_FAST_RE``, each character as it stands in the copy: a letter or ",",
#: never a space, so the spaces are taken all at once). A bytes pattern that opens with a
#: literal: the engine skips from one "," to the next.
_BOUNDARY_CANDIDATE_RE = compiled(
    (
        r",(?= *+(?:an[d,] +|)"
        + copy_guard(
            _OPERATIVE_VERB,
            re.IGNORECASE,
            5,
            _copied,
            ("boundary copy", regex_cache.source_digest(__file__)),
        )
        + ")"
    ).encode("ascii")
)

_LEAD_RE = factored(
    r"\s*(?:\d{1,3}\s*\.|\(\s*[a-z]{1,5}\s*\)|[a-z]{1,4}\s*\))?[\s.]*"
    rf"(?P<verb>{_ADVERBS}(?:{_ANY_VERB}|[A-Za-z]+(?:\s+(?:its|upon|on|note|for))?))\b",
    re.IGNORECASE,
)

_REQUEST_RE = compiled(rf"{_ADVERBS}(?:{_REQUEST_VERB})$", re.IGNORECASE)

_ENCOURAGE_RE = compiled(rf"{_ADVERBS}(?:encourages)$", re.IGNORECASE)

_DECIDE_RE = compiled(rf"{_ADVERBS}(?:{_DECIDE_VERB})$", re.IGNORECASE)

_NOTE_RE = compiled(rf"{_ADVERBS}(?:{_NOTE_VERB})$", re.IGNORECASE)

_INVITE_RE = compiled(r"invit", re.IGNORECASE)

#: What may follow "to" after the actor: the verbs, then adverbs ("to further", "to duly").
_INFINITIVE_VERBS = _LEX.verb_pattern("infinitive", *_LEX.adverbs_after_to)

_INFINITIVE_RE = guarded(
    rf"\b(?:to|that\s+it)\s+(?:{_INFINITIVE_VERBS})\b", re.IGNORECASE, length=3
)

_LOOSE_INFINITIVE_RE = compiled(
    r"\bto\s+(?!(?:the|a|an|all|its|their|his|her|this|that|these|those|States|Member|"
    r"United|human|adequate|food|development|education|health|privacy|life|water|work|"
    r"self-determination|peace)\b)[a-z]+\b"
)

_SUBJUNCTIVE_RE = factored(
    rf"\s*,?\s+(?:shall\s+|should\s+|will\s+)?(?:{_INFINITIVE_VERBS})\b", re.IGNORECASE
)

_PARTNER_INTRO_RE = guarded(
    r"\b(?:in\s+(?:close\s+)?(?:collaboration|cooperation|consultation|coordination|"
    r"partnership|conjunction|liaison)\s+with|with\s+the\s+(?:support|assistance|participation|"
    r"input|help|contribution|cooperation|involvement|collaboration)s?\s+of|together\s+with|"
    r"jointly\s+with|supported\s+by|assisted\s+by)\b",
    re.IGNORECASE,
    length=5,
)

#: Every match of ``_PARTNER_INTRO_RE`` holds one of these words (a test reads it from the
#: pattern's parse): a span without them is not searched (``may_hold``). A match begins at
#: one of them, or ends with "with" and begins one to three words before it
#: ("in close cooperation with"): ``_partner_intros`` tries it only there.
_PARTNER_WORDS = (b"with", b"supported", b"assisted")

#: The copy ``_partner_intros`` reads: the letters of ``ReadingContext.low``, every other
#: byte a space (so a word of the phrase stands between spaces).
_LETTERS_ONLY = bytes(byte if 97 <= byte <= 122 else 32 for byte in range(256))

#: Up to three words before a place in the reversed copy (they read backwards there).
_WORDS_BEFORE_RE = compiled(rb" +([a-z]+)(?: +([a-z]+)(?: +([a-z]+))?)?")

#: The words a match that ends with "with" may begin with, as the reversed copy has them.
_FIRST_WORDS_BACKWARDS = (b"ni", b"rehtegot", b"yltnioj")

_ACTOR_SKIP_RE = factored(r"(?:\s|,|\band\b|\bas\s+well\s+as\b|\balso\b|\bthat\b|\bto\b)+", re.I)

_MECHANISM_HEAD = (
    r"Special\s+Rapporteurs?|Independent\s+Experts?|(?:Ad\s+Hoc\s+)?Working\s+Group|"
    r"Special\s+Representative|"
    r"Special\s+Envoy|Special\s+Adviser|(?:independent\s+)?(?:international\s+)?"
    r"Commission\s+of\s+Inquiry|(?:independent\s+)?(?:international\s+)?(?:independent\s+)?"
    r"fact-finding\s+mission|Expert\s+Mechanism|Group\s+of\s+(?:Independent\s+)?(?:Eminent\s+)?"
    r"(?:Human\s+Rights\s+)?Experts|Team\s+of\s+(?:International\s+)?Experts|Panel\s+of\s+Experts|"
    r"Commission\s+on\s+Human\s+Rights|(?:designated\s+)?Expert|Special\s+Committee|"
    r"(?:International\s+)?Independent\s+Investigative\s+Mechanism|"
    r"Chair(?:-Rapporteur)?|Chairs?|Chairperson|Co-Chairs?|Co-Chairpersons?|"
    r"Coordinator|Ombudsperson|Monitoring\s+Team|Mechanism|Commission|Mission|Forum|"
    r"(?:Ad\s+Hoc\s+|Preparatory\s+|Intergovernmental\s+|Open-ended\s+)+Committee|"
    # a committee named by a capital ("the Committee on the Peaceful Uses of Outer Space"),
    # not "the Committee on further steps"
    r"Committee(?=\s+(?:on|for|of)\s+(?:the\s+)?(?-i:[A-Z]))|"
    r"Group\s+of\s+Governmental\s+Experts|Expert\s+Group"
)

#: Where a mechanism's name may end.
_NAME_END = (
    # ("the right to participate in public affairs": a right's "to" is the name's own)
    rf"(?=\s*[,;:(]|(?<!\bright)(?<!\brights)\s+(?:to|shall|should|will)\s+(?:{_INFINITIVE_VERBS})\b|"
    r"\s+and\s+(?:the|all|to|other|relevant)\b|"
    # "requests that the Special Rapporteur on X submit ...": the verb after the name
    r"(?<!\bto)\s+(?:and\s+)?(?:continue\s+to\s+)?(?:participate|submit|present|report|provide|"
    r"prepare|convene|organize)\b|\s+(?:with|in\s+(?:collaboration|cooperation|consultation))\b|"
    r"\s*$|\s+(?:at|on)\s+its\b|"
    # "the report of the Ad Hoc Working Group on X during the seventy-fifth session"
    r"\s+during\s+(?:its|the)\s+(?:[\w-]+\s+){0,3}?session\b|"
    # "extends the mandate of the Special Rapporteur on X for a further period of one year"
    r"\s+for\s+(?:a\s+|an\s+)?(?:further\s+|additional\s+)?(?:period|(?:one|two|three|four|"
    r"five|\d)\s+years?)\b)"
)

_NAMED_MECHANISM_RE = factored(
    rf"(?:the\s+)?(?P<name>(?:{_MECHANISM_HEAD})\s+(?:of\s+the\s+(?:Human\s+Rights\s+Council|"
    r"Secretary-General)\s+)?(?:on|(?:for|in|of)(?=\s+(?:the\s+)?(?-i:[A-Z])))\s+(?:[^,;:()\n]{2,160}?))"
    + _NAME_END,
    re.IGNORECASE,
)

#: A mandate's title that goes on after "and the" or "and other" in lower case ("... in the
#: context of automated decision-making and the digitalization of public services"), to where
#: a name may end (or the end of a title line).
_TITLE_GOES_ON_RE = compiled(
    r"\s+and\s+(?:the|other)(?:\s+(?-i:[a-z][\w-]*)){1,10}?(?:(?=[^\S\n]*\n)|" + _NAME_END + ")",
    re.IGNORECASE,
)
#: Words that make "and the ..." another actor, not the rest of a title ("and the treaty
#: bodies", "and the members of ...").
_ACTOR_WORDS_RE = compiled(
    r"\b(?:bodies|procedures|holders?|members?|mechanisms?|agencies|organizations?|"
    r"institutions?|experts?|rapporteurs?|secretariat|offices?|committees?|chairs?|"
    r"chairpersons?|states|governments?|entities|funds|programmes|stakeholders|"
    r"representatives?|envoys?|advisers?|coordinators?|teams?|groups?|commissions?)\b",
    re.IGNORECASE,
)


def _whole_title(masked: str, named: re.Match[str], end: int) -> int:
    """Where a named mechanism's name ends: over "and the <words in lower case>" (or "and
    other <words>": "on the rights of peasants and other people working in rural areas")
    when the text prints that whole title at least twice, in any case (its title line, the
    mandate it establishes or extends) and the words name no actor; else where the match
    ends (at "and the")."""
    stop = named.end("name")
    if masked[stop : stop + 9].lower() not in (" and the ", " and othe"):
        return stop
    more = _TITLE_GOES_ON_RE.match(masked, stop, end)
    if more is None or _ACTOR_WORDS_RE.search(masked, stop, more.end()):
        return stop
    words = masked[named.start("name") : more.end()].split()
    printed = re.compile(r"\s+".join(map(re.escape, words)), re.IGNORECASE)
    found = printed.finditer(masked)
    if next(found, None) is None or next(found, None) is None:
        return stop
    return more.end()


_BACKREF_RE = factored(
    r"(?:the\s+|its\s+)(?P<word>special\s+rapporteurs?|independent\s+experts?|"
    r"designated\s+experts?|mandate[\s-]holders?|working\s+group|expert\s+mechanism|"
    r"commission\s+of\s+inquiry|commission|fact-finding\s+mission|mission|"
    r"(?:intergovernmental|open-ended|ad\s+hoc)\s+working\s+group|ad\s+hoc\s+committee|group\s+of\s+"
    r"(?:independent\s+)?(?:eminent\s+)?(?:human\s+rights\s+)?experts|team\s+of\s+"
    r"(?:international\s+)?experts|special\s+committee|expert|"
    r"special\s+representative|special\s+envoy|mechanism|forum|committee|chair(?:-rapporteur)?|"
    r"chairperson|panel\s+of\s+experts)(?![\w-])(?!\s+(?:on|of|for|in)\s+(?!the\s+(?:Human\s+"
    r"Rights\s+Council|General\s+Assembly|Council)\b))",
    re.IGNORECASE,
)

_KEYWORD_RE = guarded(
    r"\b(?:Special\s+Rapporteur|Independent\s+Expert|Working\s+Group|Commission|"
    r"fact-finding\s+mission|Expert\s+Mechanism|designated\s+Expert|Forum|Special\s+"
    r"Representative|Special\s+Envoy|Group\s+of|International\s+Commission|Independent\s+"
    r"International|Independent\s+Investigative|Independent\s+fact-finding|"
    r"International\s+independent|Ad\s+Hoc|"
    r"Open-ended|Intergovernmental|Special\s+Committee|Advisory\s+Committee|Committee|Team\s+of|"
    r"International)\b",
    re.IGNORECASE,
    length=5,
)

#: The words a match of ``_KEYWORD_RE`` begins with: the index looks only where they are.
_KEYWORD_WORDS = leading_words(_KEYWORD_RE.pattern, _KEYWORD_RE.flags)

_EXTEND_RE = factored(
    rf"(?:{_LEX.verb_pattern('extend')})\w*\s+(?:also\s+|further\s+)?"
    r"(?:for\s+a\s+(?:further\s+)?period\s+of\s+\w+\s+years?\s*,?\s+)?(?:the\s+mandates?\s+of\s+)?"
    r"(?:the\s+)?[^;]{0,40}$",
    re.IGNORECASE,
)

_MECHANISM_KINDS = {
    "special procedure",
    "commission of inquiry",
    "fact-finding mission",
    "mechanism",
}
#: What a back-reference ("the Working Group", "the Committee") may stand for.
_INDEXED_KINDS = _MECHANISM_KINDS | {"body", "treaty body"}

_STATE_RE = factored(
    r"(?:the\s+)?(?:Government\s+of|Governments?|States?\b|Member\s+States|all\s+States|"
    r"national|civil\s+society|non-governmental|international\s+community|donors?|"
    r"parties|all\s+parties|relevant\s+stakeholders|stakeholders|business|private\s+sector|"
    r"regional\s+organizations|intergovernmental\s+organizations|international\s+community)",
    re.IGNORECASE,
)

_OF_SOMETHING_RE = compiled(r"\s+of\s+(?:the\s+)?(?!United\s+Nations\b)[A-Z]")

_OF_OWNER_RE = compiled(r"\s+of\s+(?:the\s+)?")

_BARE_PRESIDENT_RE = compiled(r"(?:the\s+)?President\b(?=\s*,?\s+(?:to|also|further)\b)")
_ITS_OFFICER_RE = factored(
    r"(?:its|their)\s+(?P<title>Chair(?:-Rapporteur|person)?s?|Co-Chairs?|Bureau|President|"
    r"secretariat)\b(?=\s*,?\s+(?:to|also|further)\b)",
    re.IGNORECASE,
)
_IT_RE = compiled(r"(?:it|them)\b(?=\s*,?\s+(?:to|also|further)\b)")

_PRONOUN_RE = compiled(r"(?:him|her)\b(?=\s*,?\s+(?:to|also|further|once)\b)")

_GOVERNMENT_RE = factored(
    r"(?:the\s+)?(?P<name>Government\s+of\s+(?:the\s+)?(?-i:[A-Z])[\w'-]*(?:\s+(?-i:[A-Z(])[\w'()-]*)*)",
    re.IGNORECASE,
)

_YEAR_PREFIX_RE = compiled(r"(?:the\s+)?(?:19|20)\d\d\s+")

#: Nouns of a task given "with" or "for" ("Entrusts the Bureau with the preparation of").
_TASK_NOUNS = rf"(?:the\s+)?(?:task\s+of\s+)?(?:{_LEX.verb_pattern('task')})\b"

#: A participle that qualifies a body before its infinitive ("the Group established pursuant
#: to paragraph 3 above to submit"): not part of the name.
_QUALIFIER = (
    r"(?:established|created|set\s+up|appointed|referred\s+to|mentioned)\b"
    r"(?=\s+(?:pursuant|by|in|under|at|on|above|below|earlier)\b)"
)
_GENERIC_ACTOR_RE = compiled(
    r"the\s+(?P<name>(?:[A-Za-z][\w'-]*)(?:\s+(?!to\b|and\b|shall\b|should\b|will\b|"
    rf"with\s+{_TASK_NOUNS}|{_QUALIFIER})"
    r"[\w'-]+){0,14}?)(?=\s*,|\s+(?:to|shall|should|will)\s+(?!(?:the|a|an|all|its|their|"
    rf"his|her|this|that|these|those|States|Member|United)\b)[a-z]+\b|\s+with\s+{_TASK_NOUNS}|"
    rf"\s+{_QUALIFIER}[^,;]{{0,80}}?\s+to\s+(?:{_INFINITIVE_VERBS})\b)",
)

_NOT_UN_RE = compiled(
    r"\b(?:Government|authorities|State|States|parties|party|community|society|stakeholders|"
    r"organizations|institutions|sector|media|donors|people|population|forces|groups|"
    r"private|countries|country|Republic|Kingdom|leaders|Powers|"
    r"all|relevant|concerned|military|de\s+facto|Taliban|members|individuals|persons|victims)\b",
    re.IGNORECASE,
)

#: A document as the subject ("Decides that the biennial report of the Secretary-General on X
#: shall continue to be presented to the Assembly"): a product, never an actor.
_PRODUCT_HEAD_RE = compiled(
    r"(?:[\w'-]+\s+){0,3}?(?:reports?|stud(?:y|ies)|compilations?|summar(?:y|ies)|"
    r"oral\s+updates?)(?:\s+(?:of|on|by|for|to)\b|$)",
    re.IGNORECASE,
)


@dataclass
class Clause:
    """One operative verb and what follows it up to the next one."""

    start: int  # where the verb starts
    verb_end: int
    end: int
    verb: str  # as printed, markup removed


@dataclass
class ActorMention:
    """An actor as a request names it: canonical name, printed words and span."""

    name: str
    printed: str
    start: int
    end: int
    known: bool
    reasons: list[str] = field(default_factory=list)
    state: bool = False


@dataclass
class ReadingContext:
    """What every step reads: the text, its masked copy, the body and the alias table."""

    text: str
    masked: str
    body: str | None
    session: int | None
    table: ActorTable
    mechanisms: list[tuple[str, int, bool]] | None
    default_council: str = "HRC"
    #: the functional commission "the Commission" alone names (``default_commission``),
    #: worked out on first use: few texts need it, and it reads the whole text
    default_commission: Callable[[], str | None] | None = None
    acabq: bool = False
    #: the body the paragraph last named as an actor ("establishes a working group ... and
    #: requests it to"): what "it" refers to; reset at each paragraph
    last_body: ActorMention | None = None
    #: a span of the masked text last found to hold no partner phrase ("in cooperation
    #: with"), searched up to its end: the request read next need not search its tail again
    no_partners: tuple[int, int] | None = None
    #: the operative paragraph being read (start, end in the text)
    paragraph_span: tuple[int, int] = (0, 0)
    #: where the paragraph's sub-paragraphs list its lead's topics (``_lead_topics``): no
    #: product is found there
    topics: list[tuple[int, int]] = field(default_factory=list)
    #: the masked text from ``low_from`` on, in ASCII ("?" for any other character, so
    #: offsets hold) and lower-cased: made on the first ``may_hold``; None when the text is
    #: not ``plain_case``. ``extract_requests`` starts it at the operative part.
    low: bytes | None = field(default=None, repr=False)
    low_from: int = 0
    low_made: bool = False
    #: all the masked text as ``low`` copies it, when the caller made it (for another test)
    whole_low: bytes | None = field(default=None, repr=False)
    #: where a verb may open a clause from ``low_from`` on (``_boundary_starts``), made on
    #: the first clause cut; None when ``low`` is
    boundary_starts: list[int] | None = field(default=None, repr=False)
    #: ``boundary_starts`` holds every candidate that a clause cut ending at or before this
    #: offset may use (see ``_boundary_starts``); -1 before the first scan
    boundary_until: int = -1
    #: where the first scan may stop when no clause cut asks for more (the end of the
    #: operative part: annexes are read only when an operative paragraph adopts them);
    #: 0 for the whole text
    boundary_hint: int = 0
    #: ``low`` with every byte but a-z a space, and reversed (``_partner_starts``)
    letters: bytes | None = field(default=None, repr=False)
    letters_reversed: bytes = field(default=b"", repr=False)
    #: how often the text names each office in full (``_offices_named``): made on the first
    #: bare "the Office" or "the High Commissioner"
    offices: dict[str, int] | None = field(default=None, repr=False)


def ascii_lower(text: str) -> str:
    """``text`` with ASCII letters lower-cased and every other character "?": in a
    ``plain_case`` text an ASCII word begins where ``text.lower()`` holds it, and the copy is
    made and searched several times faster (one byte a character)."""
    return text.encode("ascii", "replace").lower().decode("ascii")


def _low(ctx: ReadingContext) -> bytes | None:
    """``ctx.low``, made on the first call."""
    if not ctx.low_made:
        masked = ctx.masked
        ctx.low_made = True
        if plain_case(masked):
            whole, start = ctx.whole_low, ctx.low_from
            if whole is not None:
                ctx.low = whole[start:]
            else:
                ctx.low = masked[start:].encode("ascii", "replace").lower()
    return ctx.low


def whole_low(ctx: ReadingContext) -> bytes:
    """``ctx.whole_low``, made on the first call when the caller did not make it: all the
    masked text in ASCII ("?" beyond it, so offsets hold), lower-cased."""
    if ctx.whole_low is None:
        ctx.whole_low = ctx.masked.encode("ascii", "replace").lower()
    return ctx.whole_low


def may_hold(ctx: ReadingContext, words: tuple[bytes, ...], start: int, end: int) -> bool:
    """False only when none of ``words`` (lower-case ASCII) is printed in masked[start:end]
    in any case: a pattern every match of which holds one of them cannot match there.

    Exact on a ``plain_case`` text, where only ASCII letters match a pattern's ASCII letters
    ignoring case: the ASCII copy holds them lower-cased at the same offsets. Elsewhere, and
    before ``low_from``, always True."""
    low = _low(ctx)
    if low is None or start < ctx.low_from:
        return True
    start -= ctx.low_from
    end -= ctx.low_from
    return any(low.find(word, start, end) >= 0 for word in words)


def may_match(ctx: ReadingContext, pattern: re.Pattern[str], start: int, end: int) -> bool:
    """False only when ``pattern`` cannot match in masked[start:end]: a set of its
    ``gates.gate`` words none of which is printed there (``may_hold``)."""
    known = _GATE_BYTES.get(id(pattern))
    if known is None or known[0] is not pattern:
        words = tuple(tuple(word.encode("ascii") for word in needed) for needed in gate(pattern))
        known = _GATE_BYTES[id(pattern)] = (pattern, words)
    return all(may_hold(ctx, needed, start, end) for needed in known[1])


#: ``gates.gate`` of each pattern ``may_match`` tests, in bytes, by the pattern's identity
#: (as in ``gates``: hashing a pattern hashes its compiled code).
_GATE_BYTES: dict[int, tuple[re.Pattern[str], tuple[tuple[bytes, ...], ...]]] = {}


def _printed(text: str) -> str:
    return " ".join(text.replace("*", " ").replace("_", " ").split())


def _strip_span(masked: str, start: int, end: int) -> tuple[int, int]:
    while start < end and masked[start] in " \n\r\t":
        start += 1
    while end > start and masked[end - 1] in " \n\r\t":
        end -= 1
    # a match ends at ``end`` (masked[end - 1] is no newline for "$" to stand before), so
    # only a span ending with one of the words is searched
    if masked.endswith(_TRAILING_WORDS, start, end):
        trailing = _TRAILING_AND_RE.search(masked, start, end)
        if trailing and trailing.start() > start:
            end = trailing.start()
    return start, end


_TRAILING_AND_RE = compiled(r"[\s,]+(?:and|or|as\s+well\s+as)$")
#: How every match of ``_TRAILING_AND_RE`` ends.
_TRAILING_WORDS = ("and", "or", "as")

_INDEXED_HEADS = (
    "special",
    "independent",
    "working",
    "team",
    "group",
    "international",
    "committee",
)
#: Other mechanisms the index keeps: those named by their kind and a subject ("a fact-finding
#: mission on X", "the commission of inquiry on X", "the Ad Hoc Working Group on the
#: Revitalization of ..."); not "the Commission of Inquiry noted ...".
_INDEXED_KIND_RE = compiled(
    r"(?:fact-finding\s+mission|commission\s+of\s+inquiry|ad\s+hoc\s+(?:working\s+group|"
    r"committee))\s+(?:on|for|in)\s+(?:the\s+)?(?P<subject>\S)",
    re.IGNORECASE,
)


def _indexed_by_kind(name: str) -> bool:
    """Whether the index keeps a mechanism named by its kind and a subject
    (``_INDEXED_KIND_RE``): a capitalised "Ad Hoc" body has a capitalised subject, as "the
    Committee on X" has (``_MECHANISM_HEAD``), not "a decision by the Ad Hoc Committee on
    participation"."""
    found = _INDEXED_KIND_RE.match(name)
    if found is None:
        return False
    return not name.startswith("Ad Hoc") or found["subject"].isupper()


def _mechanism_index(masked: str, table: ActorTable) -> list[tuple[str, int, bool]]:
    """Named mechanisms in document order: (name, offset, named in an extend/establish)."""
    found: list[tuple[str, int, bool]] = []
    last_end = -1
    low = ascii_lower(masked) if plain_case(masked) else None
    for key in finditer_at_words(_KEYWORD_RE, _KEYWORD_WORDS, masked, low):
        if key.start() < last_end:
            continue
        pos = key.start()
        hit = table.match_at(masked, pos)
        name = None
        end = pos
        if hit and table.kinds.get(hit[0], "") in _INDEXED_KINDS:
            name, end = hit
        elif hit is None:
            named = _NAMED_MECHANISM_RE.match(masked, pos)
            if named and (
                key.group(0).lower().startswith(_INDEXED_HEADS)
                or _indexed_by_kind(_printed(named.group("name")))
            ):
                end = _whole_title(masked, named, len(masked))
                name = _printed(masked[named.start("name") : end])
        if name is None:
            continue
        before = masked[max(0, pos - 80) : pos]
        found.append((name, pos, bool(_EXTEND_RE.search(before))))
        last_end = end
    return _as_first_printed(found, table)


def _as_first_printed(
    index: list[tuple[str, int, bool]], table: ActorTable
) -> list[tuple[str, int, bool]]:
    """The index with each mechanism under one name: the alias table's when it has the
    mechanism, else the name the text first printed it with. A name in other capitals ("ad
    hoc working group on X" after "Ad Hoc Working Group on X") or with fewer qualifiers in
    front ("the commission of inquiry on X" after "an independent international commission
    of inquiry on X") is the same mechanism, one actor."""
    firsts = _known_first([name for name, _, _ in index], table)
    named: list[tuple[str, int, bool]] = []
    for name, pos, extended in index:
        first = _same_mechanism(name, firsts)
        if first is None:
            firsts.append((normalise(name), name))
            first = name
        named.append((first, pos, extended))
    return named


def _known_first(names: list[str], table: ActorTable) -> list[tuple[str, str]]:
    """(normalised name, name) of the table's canonical names among ``names``, each once."""
    known = dict.fromkeys(name for name in names if table.match(name) == name)
    return [(normalise(name), name) for name in known]


#: Words that may stand before a mechanism's name in its full form ("independent international
#: commission of inquiry on X" for "commission of inquiry on X"); not "working group of the
#: Commission on X", another body.
_QUALIFIERS = frozenset(
    ("independent", "international", "ad", "hoc", "open-ended", "intergovernmental", "designated")
)


def _same_mechanism(name: str, firsts: list[tuple[str, str]]) -> str | None:
    """The first of ``firsts`` (normalised name, name) that ``name`` is, word for word, or
    that ends with it after qualifiers only."""
    key = normalise(name)
    tail = " " + key
    for known, first in firsts:
        if known == key or (
            known.endswith(tail) and _QUALIFIERS.issuperset(known[: -len(tail)].split())
        ):
            return first
    return None


def _first_printed(name: str, ctx: ReadingContext) -> str:
    """A named mechanism under its one name (``_as_first_printed``)."""
    if ctx.mechanisms is None:
        ctx.mechanisms = _mechanism_index(ctx.masked, ctx.table)
    names = list(dict.fromkeys(first for first, _, _ in ctx.mechanisms))
    firsts = _known_first(names, ctx.table)
    firsts += [(normalise(first), first) for first in names if ctx.table.match(first) != first]
    return _same_mechanism(name, firsts) or name


_CHAIR_OF_RE = compiled(
    r"(?P<title>Chair(?:-Rapporteur|person)?|Co-Chairs?|Co-Chairpersons?)\s+of\s+(?P<body>the\s+.+)",
    re.IGNORECASE,
)


def _chair_of_named(name: str, pos: int, ctx: ReadingContext) -> str:
    """ "the Chair of the Committee": the chair of the committee the text names ("Chair of
    the Committee on Enforced Disappearances"), when the back-reference resolves."""
    chair = _CHAIR_OF_RE.fullmatch(name)
    back = _BACKREF_RE.fullmatch(chair["body"]) if chair else None
    resolved = _resolve_backref(back["word"], pos, ctx) if back else None
    return f"{chair['title']} of the {resolved}" if chair and resolved else name


def _resolve_backref(word: str, pos: int, ctx: ReadingContext) -> str | None:
    word = " ".join(word.lower().split())
    if word.startswith("special rapporteur"):
        prefixes: tuple[str, ...] = ("special rapporteur",)
    elif word.startswith(("independent expert", "designated expert", "expert")) and (
        word != "expert mechanism"
    ):
        prefixes = ("independent expert", "designated expert")
    elif word.startswith("mandate"):
        prefixes = ("special rapporteur", "independent expert", "working group", "designated")
    elif word.startswith(("intergovernmental working group", "open-ended working group")):
        prefixes = ("intergovernmental working group", "open-ended")
    elif word.startswith("ad hoc"):  # "the Ad Hoc Working Group", "the Ad Hoc Committee"
        prefixes = (word,)
    elif word.startswith("working group"):
        prefixes = (
            "working group",
            "intergovernmental working group",
            "open-ended",
            "ad hoc working",
        )
    elif word.startswith("expert mechanism"):
        prefixes = ("expert mechanism",)
    elif word.startswith("commission"):
        prefixes = (
            "commission",
            "independent international commission",
            "international commission",
        )
    elif "mission" in word:
        prefixes = (
            "independent international fact-finding",
            "international independent fact-finding",
            "independent fact-finding",
            "fact-finding",
        )
    elif word.startswith("group of") or word.startswith("team of"):
        prefixes = ("group of", "team of")
    elif word.startswith("forum"):
        prefixes = ("forum", "social forum", "permanent forum")
    elif word.startswith("special representative"):
        prefixes = ("special representative",)
    elif word.startswith("special committee"):
        prefixes = ("special committee",)
    elif word.startswith("committee"):
        prefixes = ("committee",)
    elif word.startswith("special envoy"):
        prefixes = ("special envoy",)
    elif word == "mechanism":
        prefixes = ("expert mechanism", "independent investigative", "international independent")
    else:
        return None
    if ctx.mechanisms is None:  # built on the first back-reference only
        ctx.mechanisms = _mechanism_index(ctx.masked, ctx.table)
    candidates = [m for m in ctx.mechanisms if m[0].lower().startswith(prefixes)]
    if not candidates:  # "the Expert Mechanism" for "International independent expert mechanism"
        candidates = [m for m in ctx.mechanisms if any(p in m[0].lower() for p in prefixes)]
    if not candidates:
        return None
    extended = [m for m in candidates if m[2]]
    if extended:
        before = [m for m in extended if m[1] < pos]
        return (before or extended)[-1][0]
    names = {m[0] for m in candidates}
    if len(names) == 1:
        return candidates[0][0]
    before = [m for m in candidates if m[1] < pos]
    if before:
        return before[-1][0]
    counts: dict[str, int] = {}
    for name, _, _ in candidates:
        counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda key: counts[key])


_SPACED_HYPHEN_RE = compiled(r"(?<=[A-Za-z]) (?=-[A-Za-z])")


def _match_spaced_hyphen(pos: int, end: int, ctx: ReadingContext) -> tuple[str, int] | None:
    """The alias table on "the Secretary -General" as a PDF layout leaves it: matched with
    the space before the hyphen left out, the end mapped back to the text."""
    window = ctx.masked[pos : min(end, pos + 200)]
    if " -" not in window:
        return None
    kept = [i for i in range(len(window)) if not _SPACED_HYPHEN_RE.match(window, i)]
    hit = ctx.table.match_at("".join(window[i] for i in kept), 0)
    if hit is None:
        return None
    name, stop = hit
    return name, pos + (kept[stop - 1] + 1 if stop else 0)


#: The words the alias table gives to the Office of the High Commissioner for Human Rights
#: and to its head that name no field ("requests the Office", "the High Commissioner", "the
#: Office of the High Commissioner"): a resolution on another office abbreviates its name
#: the same way.
_BARE_OFFICE_WORDS = {
    "office": "OHCHR",
    "office of the high commissioner": "OHCHR",
    "high commissioner": "High Commissioner",
}
#: The offices (and the High Commissioner) those words may stand for instead, by the name
#: the table gives them.
_OTHER_OFFICES = {
    "OHCHR": ("UNHCR", "UNODC", "OCHA", "Office for Outer Space Affairs"),
    "High Commissioner": ("UNHCR",),
}


#: "the Council", "the President of the Council" in the resolution of a council other than
#: the Human Rights Council (``ReadingContext.default_council``): that council's.
_ADOPTING_COUNCIL_WORDS = {
    ("council", "ECOSOC"): "Economic and Social Council",
    ("president of the council", "ECOSOC"): "President of the Economic and Social Council",
    ("council", "SC"): "Security Council",
    ("president of the council", "SC"): "President of the Security Council",
}


def _office_meant(name: str, ctx: ReadingContext) -> str:
    """The office (or High Commissioner) bare words stand for: OHCHR (or its head), unless
    the text is not the Human Rights Council's, never names OHCHR by a full name and names
    another office ("the High Commissioner" of a resolution on the Office of the United
    Nations High Commissioner for Refugees is UNHCR's); the one named most often then."""
    if ctx.body == "HRC":
        return name  # the Council's own High Commissioner and Office, named or not
    offices = ctx.offices
    if offices is None:
        offices = ctx.offices = _offices_named(ctx)
    if offices.get("OHCHR"):
        return name
    count, other = max((offices.get(other, 0), other) for other in _OTHER_OFFICES[name])
    return other if count else name


def _offices_named(ctx: ReadingContext) -> dict[str, int]:
    """How often the text names OHCHR (or the High Commissioner for Human Rights) and each
    office of ``_OTHER_OFFICES`` by a full name (of several names of one office, the one
    found most often: a longer name holds a shorter one)."""
    low = whole_low(ctx)
    counts: dict[str, int] = {}
    for name in _OFFICE_NAMES:
        found = max(
            (
                low.count(normalise(alias).encode("ascii", "replace"))
                for alias in ctx.table.aliases_of(name)
                if " " in alias and normalise(alias) not in _BARE_OFFICE_WORDS
            ),
            default=0,
        )
        if found:
            office = "OHCHR" if name in _BARE_OFFICE_WORDS.values() else name
            counts[office] = counts.get(office, 0) + found
    return counts


#: The offices ``_offices_named`` counts: OHCHR, its head and the others.
_OFFICE_NAMES = (
    "OHCHR",
    "High Commissioner",
    *sorted({other for others in _OTHER_OFFICES.values() for other in others}),
)


def _parse_actor_at(pos: int, end: int, ctx: ReadingContext) -> ActorMention | None:
    masked = ctx.masked
    hit = ctx.table.match_at(masked, pos, end) or _match_spaced_hyphen(pos, end, ctx)
    if hit and hit[0] == "Secretariat":
        owner = _OF_OWNER_RE.match(masked, hit[1], end)
        owned = ctx.table.match_at(masked, owner.end(), end) if owner else None
        if owned and ctx.table.kinds.get(owned[0], "") not in ("state", "body"):
            # "the secretariat of the United Nations Conference on Trade and Development"
            printed = _printed(ctx.text[pos : owned[1]])
            return ActorMention(f"{owned[0]} secretariat", printed, pos, owned[1], True)
    if hit and _OF_SOMETHING_RE.match(masked, hit[1], end):
        hit = _of_the_secretariat(hit, end, ctx)  # "the secretariat of the Convention": none
    if hit:
        name, stop = hit
        if name == "Advisory Committee" and ctx.acabq and "human" not in masked[pos:stop].lower():
            name = "Advisory Committee on Administrative and Budgetary Questions"
        reasons: list[str] = []
        if (
            name in _BARE_OFFICE_WORDS.values()
            and normalise(masked[pos:stop]) in _BARE_OFFICE_WORDS
        ):
            other = _office_meant(name, ctx)
            if other != name:
                reasons = [
                    f"{_printed(ctx.text[pos:stop])!r} read as {other}, the office the text names"
                ]
                name = other
        elif ctx.default_council != "HRC":
            key = (normalise(masked[pos:stop]), ctx.default_council)
            name = _ADOPTING_COUNCIL_WORDS.get(key, name)
        kind = ctx.table.kinds.get(name, "")
        printed = _printed(ctx.text[pos:stop])
        return ActorMention(name, printed, pos, stop, True, reasons, state=kind == "state")
    pronoun = _PRONOUN_RE.match(masked, pos, end)
    if pronoun:  # "Takes note of the report of the Secretary-General, and requests him to"
        named = None
        for name, _, _ in ctx.table.search(masked, max(0, pos - 600), pos):
            if ctx.table.kinds.get(name, "") not in ("state", "body", "system"):
                named = name
        if named:
            return ActorMention(
                named, _printed(ctx.text[pos : pronoun.end()]), pos, pronoun.end(), True
            )
        return None
    president = _BARE_PRESIDENT_RE.match(masked, pos, end)
    presides = ctx.table.match(f"President of the {_BODY_NAMES.get(ctx.body or '', '')}")
    if president and presides:  # "requests the President to": the adopting body's President
        printed = _printed(ctx.text[pos : president.end()])
        return ActorMention(presides, printed, pos, president.end(), True)
    officer = _ITS_OFFICER_RE.match(masked, pos, end)
    if officer and ctx.last_body is not None:  # "requests its Chair to": the body's Chair
        title = _printed(officer.group("title"))
        name = f"{title[:1].upper()}{title[1:]} of the {ctx.last_body.name}"
        printed = _printed(ctx.text[pos : officer.end()])
        return ActorMention(
            name, printed, pos, officer.end(), False, ["actor not in the alias table"]
        )
    it = _IT_RE.match(masked, pos, end)
    if it:
        if ctx.last_body is None:
            return None
        last = ctx.last_body
        return ActorMention(last.name, _printed(ctx.text[pos : it.end()]), pos, it.end(), last.known,
                      list(last.reasons))  # fmt: skip
    year = _YEAR_PREFIX_RE.match(masked, pos, end)
    if year:  # "the 2024 Social Forum"
        hit = ctx.table.match_at(masked, year.end(), end)
        if hit:
            return ActorMention(hit[0], _printed(ctx.text[pos : hit[1]]), pos, hit[1], True)
    back = _BACKREF_RE.match(masked, pos, end)
    if back:
        resolved = _resolve_backref(back.group("word"), pos, ctx)
        printed = _printed(ctx.text[pos : back.end()])
        if resolved:
            if ctx.table.match(resolved) is None:
                name = resolved[:1].upper() + resolved[1:]
                return ActorMention(
                    name, printed, pos, back.end(), False, ["actor not in the alias table"]
                )
            return ActorMention(resolved, printed, pos, back.end(), True)
        named = _NAMED_MECHANISM_RE.match(masked, pos, end)
        # "the Ad Hoc Committee" of a text that names it no further: a name of its own
        if not named and not _printed(back.group("word")).lower().startswith("ad hoc"):
            label = printed[4:] if printed.lower().startswith("the ") else printed
            return ActorMention(
                label[:1].upper() + label[1:],
                printed,
                pos,
                back.end(),
                False,
                ["back-reference not resolved to a named mechanism"],
            )
    named = _NAMED_MECHANISM_RE.match(masked, pos, end)
    if named:
        stop = _whole_title(masked, named, end)
        # "the Chair of the Committee on Economic, Social and Cultural Rights": a name the
        # table knows may run past the comma where a mechanism's name ends
        head = _HEAD_OF_RE.match(masked, pos, end)
        headed = ctx.table.match_at(masked, head.end(), end) if head else None
        if headed and headed[1] > stop:
            stop = headed[1]
        printed = _printed(masked[named.start("name") : stop])
        name = _chair_of_named(printed, pos, ctx)
        if name == printed:  # "the fact-finding mission on X" the text named in full before
            name = _first_printed(name, ctx)
        name = name[:1].upper() + name[1:]
        if ctx.table.match(name) is not None:
            return ActorMention(name, _printed(ctx.text[pos:stop]), pos, stop, True)
        return ActorMention(
            name,
            _printed(ctx.text[pos:stop]),
            pos,
            stop,
            False,
            ["actor not in the alias table"],
        )
    head = _HEAD_OF_RE.match(masked, pos, end)
    headed = ctx.table.match_at(masked, head.end(), end) if head else None
    if head and headed and ctx.table.kinds.get(headed[0], "") not in ("state", "body"):
        # "the Executive Director of the United Nations Office on Drugs and Crime"
        name = f"{_printed(head.group('title'))} of {headed[0]}"
        printed = _printed(ctx.text[pos : headed[1]])
        return ActorMention(name, printed, pos, headed[1], False, ["actor not in the alias table"])
    committees = _MAIN_COMMITTEES_RE.match(masked, pos, end)
    if committees:  # "the Second and Third Committees", "the Main Committees"
        ordinals = re.findall(_MAIN_COMMITTEE, committees.group("name"))
        if len(ordinals) > 1:
            name = ", ".join(ordinals[:-1]) + f" and {ordinals[-1]} Committees"
        else:
            name = f"{ordinals[0]} Committee" if ordinals else "Main Committees"
        printed = _printed(ctx.text[pos : committees.end()])
        reasons = ["actor not in the alias table"]
        return ActorMention(name, printed, pos, committees.end(), False, reasons)
    state = _STATE_RE.match(masked, pos, end)
    if state:
        government = _GOVERNMENT_RE.match(masked, pos, end)
        if government:  # "the Government of Haiti": that State, by its printed name
            name = _printed(ctx.text[government.start("name") : government.end("name")])
            return ActorMention(name, name, pos, government.end(), True, state=True)
        printed = _printed(ctx.text[pos : state.end()])
        return ActorMention("Member States", printed, pos, state.end(), True, state=True)
    generic = _GENERIC_ACTOR_RE.match(masked, pos, end)
    if (
        generic
        and not _NOT_UN_RE.search(generic.group("name"))
        and not _PRODUCT_HEAD_RE.match(generic.group("name"))
    ):
        name = _printed(ctx.text[generic.start("name") : generic.end("name")])
        name = name[:1].upper() + name[1:]
        printed = _printed(ctx.text[pos : generic.end()])
        return ActorMention(
            name, printed, pos, generic.end(), False, ["actor not in the alias table"]
        )
    return None


#: The head of an organization the table knows: "the Executive Director of" + its name.
_HEAD_OF_RE = factored(
    r"(?:the\s+)?(?P<title>Executive\s+Director|Director-General|Director|Administrator|"
    r"Executive\s+Secretary|Executive\s+Head|Secretary-General|High\s+Commissioner|President|"
    r"Chair(?:person)?|Head|Coordinator)\s+of\s+",
    re.IGNORECASE,
)

_MAIN_COMMITTEE = r"(?:First|Second|Third|Fourth|Fifth|Sixth)"

#: The Main Committees of the Assembly, alone or together ("the Second and Third Committees").
_MAIN_COMMITTEES_RE = factored(
    rf"(?:the\s+)?(?P<name>(?-i:{_MAIN_COMMITTEE})(?:\s+Committee)?(?:\s*(?:,|\s+and)\s+(?:the\s+)?"
    rf"(?-i:{_MAIN_COMMITTEE})(?:\s+Committee)?)*\s+(?-i:Committees?)|(?-i:Main)\s+Committees)\b",
    re.IGNORECASE,
)

_NEW_BODY_RE = factored(
    r"(?P<name>(?:ad\s+hoc\s+|open-ended\s+|independent\s+|international\s+|intergovernmental\s+)*"
    r"(?:working\s+group|committee|commission|expert\s+group|group\s+of\s+(?:governmental\s+)?experts|"
    r"panel|mechanism|mission|team)\b[^,;:(]{0,120}?)(?=\s*[,;:(]|\s+(?:to|with|for\s+a)\s)",
    re.IGNORECASE,
)


def _of_the_secretariat(
    hit: tuple[str, int], end: int, ctx: ReadingContext
) -> tuple[str, int] | None:
    """ "the Department of Economic and Social Affairs of the Secretariat": an office of the
    Secretariat named with its owner is that office (the name reaching over the owner); any
    other name that goes on with "of" is another's ("the secretariat of the Convention")."""
    name, stop = hit
    if name == "Secretariat" or ctx.table.kinds.get(name, "") != "office":
        return None
    owner = _OF_OWNER_RE.match(ctx.masked, stop, end)
    owned = ctx.table.match_at(ctx.masked, owner.end(), end) if owner else None
    return (name, owned[1]) if owned and owned[0] == "Secretariat" else None


def _new_body(pos: int, end: int, ctx: ReadingContext) -> ActorMention | None:
    """The body a resolution establishes, by its printed name (flagged: not in the table)."""
    found = _NEW_BODY_RE.match(ctx.masked, pos, end)
    if not found:
        return None
    name = _printed(ctx.text[found.start("name") : found.end("name")])
    name = name[:1].upper() + name[1:]
    return ActorMention(name, name, pos, found.end(), False, ["actor not in the alias table"])


def _parse_actors(
    start: int, end: int, ctx: ReadingContext
) -> tuple[list[ActorMention], list[str]]:
    """Actors and partners printed in masked[start:end] (between the verb and the infinitive)."""
    masked = ctx.masked
    partners: list[str] = []
    intro = next(_partner_intros(ctx, start, end), None)
    if intro is None:
        ctx.no_partners = (start, end)
    main_end = intro.start() if intro else end
    actors: list[ActorMention] = []
    cursor = start
    while cursor < main_end:
        skip = _ACTOR_SKIP_RE.match(masked, cursor, main_end)
        if skip and skip.end() > cursor:
            cursor = skip.end()
            continue
        actor = _parse_actor_at(cursor, main_end, ctx)
        if actor is None:
            break
        actors.append(actor)
        cursor = max(actor.end, cursor + 1)
        nxt = _ACTOR_GLUE_RE.match(masked, cursor, main_end)
        if not nxt:
            break
        cursor = nxt.end()
    if intro:
        partners.extend(_partners_in(intro.end(), end, ctx))
    return actors, partners


_ACTOR_GLUE_RE = compiled(r"\s*(?:,\s*(?:and\s+)?|and\s+|as\s+well\s+as\s+)")
_PARTNERS_STOP_RE = factored(r";|\s+to\s+(?:" + _INFINITIVE_VERBS + r")\b", re.IGNORECASE)
_UP_TO_COMMA_RE = compiled(r"[^,;]*")
_BREAK_RE = compiled(r"[,;:]")


def _partners_in(start: int, end: int, ctx: ReadingContext) -> list[str]:
    names: list[str] = []
    stop = _PARTNERS_STOP_RE.search(ctx.masked, start, end)
    limit = stop.start() if stop else end
    cursor = start
    while cursor < limit:
        skip = _ACTOR_SKIP_RE.match(ctx.masked, cursor, limit)
        if skip and skip.end() > cursor:
            cursor = skip.end()
            continue
        actor = _parse_actor_at(cursor, limit, ctx)
        if actor is None:
            nxt = _UP_TO_COMMA_RE.match(ctx.masked, cursor, limit)
            cursor = (nxt.end() if nxt else cursor) + 1
            continue
        if not actor.state and actor.name not in names:
            names.append(actor.name)
        cursor = max(actor.end, cursor + 1)
    return names


_PHRASE_ADVERB_RE = factored(
    r"^(?:(?:in\s+(?:this|that)\s+(?:regard|respect|context|connection)|to\s+(?:this|that)\s+(?:end|"
    r"effect)|for\s+(?:this|that)\s+purpose|therefore|moreover|accordingly|in\s+particular)\s*,?\s*)+",
    re.IGNORECASE,
)

_THAT_RE = compiled(r"\s*,?\s*that\s+")


def _passive_request(masked: str, pos: int, end: int, ctx: ReadingContext) -> bool:
    """ "requests that such contributions ... be made available": no actor follows "that"."""
    that = _THAT_RE.match(masked, pos, end)
    if not that:
        return False
    verb = masked[max(0, pos - 30) : pos].lower()
    if "request" not in verb:
        return False
    return _parse_actor_at(that.end(), end, ctx) is None


@lru_cache(maxsize=1024)
def _verb_label(printed: str) -> str:
    """The verb of a clause as printed, markup and leading phrase adverbs removed."""
    return _PHRASE_ADVERB_RE.sub("", _printed(printed))


def _boundary_starts(ctx: ReadingContext, end: int) -> list[int] | None:
    """``ctx.boundary_starts``: the offsets from ``low_from`` on where
    ``_BOUNDARY_CANDIDATE_RE`` holds in the copy, made on the first call (one scan of the
    text that skips from "," to ","); None when the text is not ``plain_case``.

    The first scan stops at ``boundary_hint`` (or at ``end``, when further): a cut ending
    at or before that offset is then answered, and one ending after it rescans the whole
    copy. Exact: the copy of masked[:stop] is the first ``stop`` bytes of the whole copy
    (each " and" that the last "d" gets its "," from lies before the "d"), and where a match
    of ``_BOUNDARY_FAST_RE`` ending before ``stop`` begins, the candidate pattern reads
    only characters of that match (its spaces, "and" and the verb's first letters): the
    candidates a shorter copy loses, near its end, are none a cut up to ``stop`` can use."""
    if end <= ctx.boundary_until:
        return ctx.boundary_starts
    first = ctx.boundary_until < 0
    low = _low(ctx)
    if low is None:
        ctx.boundary_until = len(ctx.masked)
        return None
    offset = ctx.low_from
    hint = ctx.boundary_hint
    if hint and first and max(end, hint) - offset < len(low):
        stop = max(end, hint)
        low = low[: stop - offset]
    else:
        stop = len(ctx.masked)
    copy = low.translate(_COPY_TABLE).replace(b" and", b" an,")
    ctx.boundary_starts = [
        found.start() + offset for found in _BOUNDARY_CANDIDATE_RE.finditer(copy)
    ]
    ctx.boundary_until = stop
    return ctx.boundary_starts


def _boundaries(
    masked: str, start: int, end: int, ctx: ReadingContext | None = None
) -> Iterator[re.Match[str]]:
    """The matches of ``_BOUNDARY_RE`` in masked[start:end] (only their "verb" group is the
    same with the fast regex, which may take an "and" whose space comes before ``start``).

    With a context, the fast regex is tried only where ``_boundary_starts`` says a match may
    begin: the same matches as its ``finditer``, which tries each position from ``start``
    on, takes the first match and goes on from its end. Every match begins at one of those
    offsets: a match of ``_BOUNDARY_FAST_RE`` there holds, character for character, what
    ``_BOUNDARY_CANDIDATE_RE`` looks for in the copy (one byte for each character, so the
    offsets are the same), and the " and" of a "d" it opens at lies after ``start`` (one
    that does not is near ``start``: the slow regex is used)."""
    if "and" in masked[max(0, start - 3) : start + 3].lower():
        return _BOUNDARY_RE.finditer(masked, start, end)
    if ctx is None or ctx.masked is not masked or start < ctx.low_from:
        return _BOUNDARY_FAST_RE.finditer(masked, start, end)
    starts = _boundary_starts(ctx, end)
    if starts is None:
        return _BOUNDARY_FAST_RE.finditer(masked, start, end)
    return _boundaries_at(masked, start, end, starts)


def _boundaries_at(masked: str, start: int, end: int, starts: list[int]) -> Iterator[re.Match[str]]:
    """``_BOUNDARY_FAST_RE.finditer(masked, start, end)`` tried at ``starts`` only (sorted,
    holding every offset where a match may begin)."""
    at = bisect_left(starts, start)
    resume = start
    while at < len(starts) and starts[at] < end:
        offset = starts[at]
        at += 1
        if offset < resume:
            continue
        found = _BOUNDARY_FAST_RE.match(masked, offset, end)
        if found is not None:
            yield found
            resume = found.end()


def _clauses(
    masked: str, text: str, start: int, end: int, ctx: ReadingContext | None = None
) -> list[Clause]:
    lead = _LEAD_RE.match(masked, start, end)
    first_verb_start = lead.start("verb") if lead else start
    first_verb_end = lead.end("verb") if lead else start
    marks: list[tuple[int, int]] = [(first_verb_start, first_verb_end)]
    for found in _boundaries(masked, first_verb_end, end, ctx):
        if ctx is not None and _passive_request(masked, found.end("verb"), end, ctx):
            continue  # "and further to request that the study be made available before ...":
            # the same request goes on
        marks.append((found.start("verb"), found.end("verb")))
    clauses: list[Clause] = []
    for index, (verb_start, verb_end) in enumerate(marks):
        clause_end = marks[index + 1][0] if index + 1 < len(marks) else end
        clauses.append(
            Clause(
                verb_start,
                verb_end,
                clause_end,
                _verb_label(text[verb_start:verb_end]),
            )
        )
    return clauses


_NEXT_VERB_RE = compiled(r";|\band\s+(?:also\s+)?to\s+\w+", re.IGNORECASE)

_GLUE_RE = compiled(r"\s*,?\s*")


def _first_break(masked: str, z0: int, z1: int) -> int:
    found = _BREAK_RE.search(masked, z0, z1)
    return found.start() if found else z1


def _partner_intros(ctx: ReadingContext, start: int, end: int) -> Iterator[re.Match[str]]:
    """``_PARTNER_INTRO_RE.finditer(ctx.masked, start, end)``, the pattern tried only where
    ``_partner_starts`` says a match may begin (as ``_boundaries_at`` does): the search
    tried every character (about 290 instructions each) of a span holding "with"."""
    low = _low(ctx)
    if low is None or start < ctx.low_from:
        yield from _PARTNER_INTRO_RE.finditer(ctx.masked, start, end)
        return
    resume = start
    for offset in _partner_starts(ctx, low, start, end):
        if offset < resume:
            continue
        found = _PARTNER_INTRO_RE.match(ctx.masked, offset, end)
        if found is not None:
            yield found
            resume = found.end()


def _partner_starts(ctx: ReadingContext, low: bytes, start: int, end: int) -> list[int]:
    """Where in masked[start:end] a match of ``_PARTNER_INTRO_RE`` may begin, in order: at
    each of ``_PARTNER_WORDS`` standing as a word (letters around it would fail the
    pattern's ``\\b`` and ``\\s``) and at "in", "together" or "jointly" among the three
    words before a "with". Taken from the letters-only copy of ``low``: a match is ASCII letters
    and ``\\s`` (a space there, or "?" beyond ASCII, a space too), so its words stand
    there between spaces as they are printed, the last ones just before its "with"."""
    if ctx.letters is None:
        ctx.letters = low.translate(_LETTERS_ONLY)
        ctx.letters_reversed = ctx.letters[::-1]
    letters, backwards = ctx.letters, ctx.letters_reversed
    size, base = len(letters), ctx.low_from
    first, last = start - base, end - base
    starts: set[int] = set()
    for word in _PARTNER_WORDS:
        at = letters.find(word, first, last)
        while at >= 0:
            after = at + len(word)
            # the end of the span ends a word for the pattern's \b (the search stops there)
            if (at == 0 or letters[at - 1] == 32) and (after == last or letters[after] == 32):
                starts.add(at)
                if word == b"with":
                    before = _WORDS_BEFORE_RE.match(backwards, size - at)
                    if before is not None:
                        for group in (1, 2, 3):
                            if before.group(group) in _FIRST_WORDS_BACKWARDS:
                                starts.add(size - before.end(group))
            at = letters.find(word, after, last)
    return sorted(at + base for at in starts if at >= first)


def _partners_in_clause(z0: int, z1: int, ctx: ReadingContext) -> list[str]:
    names: list[str] = []
    known = ctx.no_partners
    if known is not None and known[0] <= z0 and known[1] == z1:
        return names  # no match begins in masked[known[0]:z1] (same end, same text)
    for intro in _partner_intros(ctx, z0, z1):
        for name in _partners_in(intro.end(), z1, ctx):
            if name not in names:
                names.append(name)
    return names


def _title_case_verb(found: re.Match[str]) -> bool:
    return found.group(0).split()[-1][:1].isupper()


def _find_infinitive(masked: str, pos: int, end: int, actor_end: int) -> int | None:
    # a capitalized verb after "to" is part of a name ("the Conference to Review ..."), not
    # the infinitive of the request
    strict = next(
        (f for f in _INFINITIVE_RE.finditer(masked, actor_end, end) if not _title_case_verb(f)),
        None,
    )
    if strict:
        # "Invites the High Commissioner to accompany ...": a verb missing from the list,
        # right after the actor, is still the infinitive (not a later "to be presented")
        glue = _GLUE_RE.match(masked, actor_end, end)  # always matches (maybe empty)
        first = _LOOSE_INFINITIVE_RE.match(masked, glue.end() if glue else actor_end, end)
        if first is not None and first.start() < strict.start():
            return first.start()
        return strict.start()
    loose = _LOOSE_INFINITIVE_RE.search(masked, actor_end, end)
    return loose.start() if loose else None
