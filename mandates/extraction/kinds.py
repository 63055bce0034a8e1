"""What is produced: the nouns and verbs that name a deliverable, its kind and count.

Choices (following the gold README):
- "report", "comprehensive/written/summary/final/progress report", "note", "revised
  estimates" (the Secretary-General issues them as a report) -> report;
  "oral update", "update", "briefing", "oral report" -> oral update.
- meetings: meeting, high-level meeting, conference, summit, forum, special or
  intersessional session, and a *decided* (enhanced) interactive dialogue (a meeting of
  the body, as independent readers label it); panels: panel discussion, round table.
  An interactive dialogue that merely follows
  a report ("to be followed by an interactive dialogue") is not a separate deliverable:
  such nouns are preceded by a preposition and never start a new deliverable.
- seminar, workshop -> seminar; consultation(s), "to consult" -> consultation;
  study, analysis -> study; compilation, compendium, "a document compiling ..." ->
  compilation; guidelines, guide, toolkit, programme of work, recommendation, draft
  resolution... -> other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from .guards import guarded, lower_guard
from .lexicon import lexicon
from .ordinals import CARDINAL_PATTERN, cardinal_to_int
from .regex_cache import compiled

#: (pattern, kind) in order: the first that fits names the kind (data/lexicon.json).
_NOUNS: list[tuple[str, str]] = list(lexicon().product_nouns)
_KIND_OF_GROUP = {f"k{index}": kind for index, (_, kind) in enumerate(_NOUNS)}
NOUN_PATTERN = "|".join(f"(?P<k{index}>{pattern})" for index, (pattern, _) in enumerate(_NOUNS))

_STOP = (
    r"of|on|the|to|in|for|by|at|with|and|or|its|his|her|their|that|which|this|these|those|"
    r"as|from|into|a|an|is|are|be|been|including|containing|through|within|under|"
    r"concerning|regarding|about|following|during|upon|all|any|such"
)
_DET = (
    rf"(?P<det>a\s+series\s+of|a\s+number\s+of|a|an|another|several|{CARDINAL_PATTERN}|annual|"
    r"regular|periodic|its|his|her|his\s+or\s+her|their|the|that|this|these|those|such)"
)

#: Verbs that make something: the object that follows them is a deliverable.
#: "and"/"or" continue a production ("to prepare and present", "to prepare or update").
PRODUCE_VERBS = lexicon().verb_pattern("produce", "and", "or")
#: The words before a noun phrase end with a production verb ("to prepare and submit"):
#: needed only when the words after them do not say, so compiled on first use.
_VERB_BEFORE = rf"\b(?:{PRODUCE_VERBS})\s*,?\s*$"


@cache
def _verb_before_re() -> re.Pattern[str]:
    return compiled(_VERB_BEFORE, re.IGNORECASE)


#: The word before a noun phrase: a preposition means the noun is not a new product.
_PREP_BEFORE = (
    r"\b(?:of|on|in|with|containing|including|from|during|into|within|about|regarding|"
    r"concerning|as|than|through|by|to|for|at|after|following|upon|under|among|between|"
    r"via|per|like|since|and\s+the|or\s+the)\s*$"
)
_PREP_BEFORE_RE = compiled(_PREP_BEFORE, re.IGNORECASE)

#: Verb-based deliverables ("to report to the Council", "to brief", "to consult States").
_VERB_PRODUCT = (
    r"\b(?:to|and)\s+(?:(?:continue\s+to|further|also|regularly|periodically|orally|annually|"
    r"jointly)\s+)?(?:(?P<report>report)(?!\s+(?:of|by)\b)\b|"
    r"(?P<address>address)\s+(?:and\s+engage\s+in\s+an?\s+interactive\s+dialogue\s+with\s+)?"
    r"(?:the\s+)?(?=(?:Human\s+Rights\s+Council|Council|General\s+Assembly|Assembly)\b)|"
    r"(?:present|submit)\s+(?:his|her|its|their|his\s+or\s+her)\s+(?P<findings>findings)\b"
    # "to present its findings in a report to be submitted ...": that report is the product
    r"(?!\s*,?\s*(?:in|through)\s+(?:an?|the|his|her|its|their)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:reports?|oral\s+updates?|updates?)\b)|"
    r"(?P<inform>apprise|inform)\s+(?:the\s+)?(?=(?:Human\s+Rights\s+Council|Council|General\s+"
    r"Assembly|Assembly)\b)|(?P<keep>keep)\s+(?:the\s+)?(?=(?:Human\s+Rights\s+Council|Council|General\s+"
    r"Assembly|Assembly)\s+(?:[a-z]+\s+)?(?:informed|apprised|updated)\b)|(?P<brief>brief|update)\s+(?:the\s+)?(?:Human\s+Rights\s+Council|Council|General\s+"
    r"Assembly|Assembly|Member\s+States|States)|(?P<consult>consult)\s+(?!with\s+the\s+"
    r"(?:Office|High))|(?P<study>study)\s+(?:the|how|ways)\b|(?P<compile>compile)(?:\s*,)?\s+(?!(?:the|and|an?|his|her|its|their)\b)|"
    r"(?P<include>include)\s*,?\s+[^;]{0,300}?\b(?:in|within)\s+(?:his|her|its|their|"
    r"the|his\s+or\s+her)\s+(?:(?!in\b|of\b|on\b|the\b)[\w-]+\s+){0,3}?"
    r"(?P<inc_noun>reports?|oral\s+updates?|updates?))"
)
VERB_PRODUCT_RE = guarded(_VERB_PRODUCT, re.IGNORECASE, length=5)

_COUNT_EACH_RE = compiled(
    rf"\b(?:one|a\s+\w+)\s+(?:for|in)\s+each\s+of\s+the\s+(?P<count>{CARDINAL_PATTERN})\b|"
    rf"\bin\s+each\s+of\s+the\s+(?P<count2>{CARDINAL_PATTERN})\s+(?:geographical\s+|regional\s+)",
    re.IGNORECASE,
)


@dataclass
class NounHit:
    start: int  # start of the noun phrase (determiner)
    end: int  # end of the noun
    kind: str
    count: int
    definite: bool
    noun: str
    modifiers: str


_NOUN_WORD = rf"\b(?:{NOUN_PATTERN})\b(?![\u2010\u2011-]\w)"
NOUN_WORD_RE = guarded(_NOUN_WORD, re.IGNORECASE, length=5)

#: The ASCII characters that are not word characters (``\\W`` within ASCII): none cased.
_ASCII_NON_WORD = r"[\x00-/:-@\[-^`{-\x7f]"


#: What may follow "(?" in inline flags ("(?i:", "(?-i:", "(?aL)").
_FLAGS = frozenset("aiLmsux-")


def lowered(pattern: str) -> str:
    """``pattern`` with its letters lower-cased, escapes, group names and inline flags kept:
    on the lower-cased copy of an ASCII text, the case-sensitive ``lowered(p)`` finds
    exactly what ``p`` finds ignoring case in the text (every letter of either is compared
    lower-cased; ``\\w``, ``\\s``, ``\\d`` and ``\\b`` read the same there). Its alternations
    of plain letters are skipped by the engine after one test each, which it cannot do
    for case-insensitive ones (the determiner and stop words: 2-3x faster). Only for
    patterns compared wholly ignoring case (no ``(?-i:``, no upper-case escapes such as
    ``\\W``), which a test checks on the parsed patterns."""
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            end = pattern.index("}", index) + 1 if pattern.startswith("\\N{", index) else index + 2
        elif pattern.startswith(("(?P<", "(?P="), index):
            end = pattern.index(">" if pattern[index + 3] == "<" else ")", index) + 1
        elif pattern.startswith("(?", index) and pattern[index + 2 : index + 3] in _FLAGS:
            end = index + 2
            while pattern[end] not in ":)":
                end += 1
        else:
            out.append(char.lower())
            index += 1
            continue
        out.append(pattern[index:end])
        index = end
    return "".join(out)


def lower_at_words(pattern: str) -> re.Pattern[str]:
    """``pattern`` (case-insensitive, every match a word opening after a word boundary) for
    the lower-cased copy of an ASCII text, compiled case-sensitively (``lowered``) and
    opening with the non-word character before the match: the engine skips to the next
    such character in C and tries the pattern only there, where a word boundary before a
    word character is exactly that character. Behind it, the lower-cased guard of the first
    three characters (one test per branch)."""
    guard = lower_guard(pattern, re.IGNORECASE, 3)
    return compiled(f"{_ASCII_NON_WORD}{guard}(?:{lowered(pattern)})")


#: NOUN_WORD_RE for the lower-cased copy of an ASCII span, opening with the character
#: before the noun: a class of plain characters the engine looks for in C before it tries
#: the pattern (where a leading word boundary made it try every position, 3x the cost).
#: Over ASCII, a word boundary before a noun (which opens with a letter) is exactly a
#: character of that class before it. Behind it, its guard in plain letters, one test per
#: branch where the case-by-case guard tests a class.
_LOWER_NOUN_WORD_RE = compiled(
    rf"{_ASCII_NON_WORD}(?-i:{lower_guard(_NOUN_WORD, re.IGNORECASE, 5)})(?:{_NOUN_WORD})",
    re.IGNORECASE,
)
# A comma between two adjectives ("a concise, action-oriented report", "a comprehensive,
# analytical and thematic report"): after a letter, and before another modifier, never
# before the noun ("the Council, reports"), "and" or "or" (", and periodic updates" starts
# a new item) or after a number ("by 1 October 2024, reports"). (No upper-case escape such
# as \W: the pattern is also compiled lower-cased, see ``lowered``.)
_LIST_COMMA = r"(?:(?<=[a-z]),(?=\s+(?!(?:and|or)\b)[\w\u2010\u2011-]+\s))?"
_DET_TAIL_RE = guarded(
    rf"\b{_DET}\s+(?P<mods>(?:(?!(?:{_STOP}|assembly|council|sessions?)\b(?![\u2010\u2011-]))[\w\u2010\u2011-]+{_LIST_COMMA}\s+(?:(?:and|or)\s+(?=[\w-]+\s))?){{0,4}})$",
    re.IGNORECASE,
)
#: The body a product goes to, between its verb and the product: "to submit to the General
#: Assembly annual reports".
_RECIPIENT = (
    r"(?:to\s+the\s+(?:(?:General|Human\s+Rights|Economic\s+and\s+Social|Security)\s+)?"
    r"(?:Assembly|Council)\s+(?:(?:at|before|by)\s+its\s+(?:[\w\u2010\u2011-]+\s+){1,4}"
    r"sessions?\s+)?)?"
)
_VERB_TAIL_RE = guarded(
    rf"\b(?!and\b|or\b|report\b|continue\b|include\b|update\b)(?:{PRODUCE_VERBS})\s+{_RECIPIENT}"
    rf"(?P<mods>(?:(?!(?:{_STOP}|a|an)\b(?![\u2010\u2011-]))[\w\u2010\u2011-]+{_LIST_COMMA}\s+){{0,3}})$",
    re.IGNORECASE,
)

#: An aside set off by commas between a production verb and its unarticled object ("to
#: submit, through the Advisory Committee on X, revised estimates", "to develop, in
#: consultation with States, practical guidelines"): a phrase opening with a preposition or
#: an adverb, no comma inside, naming no report ("to present, as part of his annual report,
#: recommendations": that report is the product, as before). The aside may be a list whose
#: last item holds "and"/"or" ("in consultation with States, civil society, the World Health
#: Organization and other stakeholders, practical guidelines"); no item after a comma opens
#: with "a"/"an" (that is an object: "..., a compilation of laws, policies"). Searched only
#: where a comma stands right before the object's modifiers (``_ASIDE_CLOSE_RE``).
_ASIDE_TAIL_RE = compiled(
    rf"\b(?!and\b|or\b|report\b|continue\b|include\b|update\b)(?:{PRODUCE_VERBS})\s*,\s*"
    r"(?:through|via|in|within|from|with|for|by|at|during|on|upon|after|before|prior\s+to|"
    r"no\s+later\s+than|as|[a-z]+ly)\b(?![^;:()]*\b(?:reports?|updates?)\b)[^,;:()]{1,150}"
    r"(?:(?:,(?!\s*an?\b)[^,;:()]{1,120}){0,8},(?!\s*an?\b)[^,;:()]*\b(?:and|or)\b[^,;:()]*)?$",
    re.IGNORECASE,
)
_ASIDE_CLOSE_RE = compiled(
    rf",\s+(?P<mods>(?:(?!(?:{_STOP}|a|an)\b(?![\u2010\u2011-]))[\w\u2010\u2011-]+\s+){{0,3}})$",
    re.IGNORECASE,
)


_DEFINITE_DET_RE = compiled(
    r"the|its|his|her|his\s+or\s+her|their|that|this|these|those|such", re.IGNORECASE
)


def _after_aside(masked: str, z0: int, noun_start: int) -> int | None:
    """Where the modifiers of an unarticled object begin when a production verb and an
    aside set off by commas come before them (None otherwise)."""
    close = _ASIDE_CLOSE_RE.search(masked, max(z0, noun_start - 80), noun_start)
    if close is None or not _ASIDE_TAIL_RE.search(
        masked, max(z0, close.start() - 400), close.start()
    ):
        return None
    return close.start("mods")


class NounMatch:
    """A deliverable noun phrase found from its noun backwards (the fast way)."""

    __slots__ = ("_det", "_mods", "_noun", "_start", "bare", "kind")

    def __init__(self, start, det, mods, noun, kind, bare):
        self._start = start
        self._det = det  # (start, text) or None
        self._mods = mods  # (start, text)
        self._noun = noun  # (start, end, text)
        self.kind = kind
        self.bare = bare

    def start(self, group: str | None = None) -> int:
        if group == "noun":
            return self._noun[0]
        if group == "mods":
            return self._mods[0]
        return self._start

    def end(self, group: str | None = None) -> int:
        return self._noun[1]

    def group(self, name: str) -> str:
        if name == "noun":
            return self._noun[2]
        if name == "mods":
            return self._mods[1]
        if name == "det":
            return self._det[1] if self._det else ""
        raise KeyError(name)


_ON_RE = compiled(r"\s+(?:on|about|regarding|concerning)\b", re.IGNORECASE)
_GIVE_RE = compiled(
    r"\b(?:submit|present|provide)\s+(?:(?:updated|detailed|further|additional|comprehensive)\s+)*$",
    re.IGNORECASE,
)


#: Characters no match of ``_DET_TAIL_RE`` or ``_VERB_TAIL_RE`` holds: both are words,
#: whitespace, hyphens and commas between modifiers (a test walks the parsed patterns).
TAIL_STOPS = ";:.()"

#: A comma that may stand between two modifiers of a tail: ``_LIST_COMMA`` (after a
#: letter) followed by a word that may be a modifier. Looser than the patterns, so a comma
#: it does not match is one no tail holds.
_MAY_JOIN_MODIFIERS = compiled(
    rf"(?<=[^\W\d_]),\s+(?!(?:{_STOP})\b(?![\u2010\u2011-]))[\w\u2010\u2011-]", re.IGNORECASE
)


def tail_floor(masked: str, low: int, end: int) -> int:
    """Where a search for a tail ending at ``end`` can start: after the last character of
    ``TAIL_STOPS``, or comma that cannot join two modifiers, in masked[low:end] (a match
    starting before it would hold it). Halves the window the engine tries positions in
    (82 -> 45 characters on the corpus)."""
    comma = masked.rfind(",", low, end)
    while comma >= 0 and _MAY_JOIN_MODIFIERS.match(masked, comma):
        comma = masked.rfind(",", low, comma)
    return max(
        low,
        comma + 1,
        masked.rfind(";", low, end) + 1,
        masked.rfind(":", low, end) + 1,
        masked.rfind(".", low, end) + 1,
        masked.rfind("(", low, end) + 1,
        masked.rfind(")", low, end) + 1,
    )


def lower_copy(masked: str, z0: int, z1: int) -> str | None:
    """masked[z0 - 1 : z1] lower-cased, when it is ASCII and z0 > 0 (the lower-cased scans
    read the character before the span), else None."""
    if not z0:
        return None
    copy = masked[z0 - 1 : z1]
    return copy.lower() if copy.isascii() else None


#: The tail patterns for the lower-cased copy of an ASCII span (``lowered``), opening with
#: the character before the determiner or verb as ``_LOWER_NOUN_WORD_RE`` does: each
#: opens with a letter or digit, so the word boundary before it is a non-word character.
_LOWER_DET_TAIL_RE = compiled(_ASCII_NON_WORD + lowered(_DET_TAIL_RE.pattern))
_LOWER_VERB_TAIL_RE = compiled(_ASCII_NON_WORD + lowered(_VERB_TAIL_RE.pattern))

#: ``VERB_PRODUCT_RE`` for the ``lower_copy`` of an ASCII span, opening with the character
#: before "to" or "and" (a word boundary there is a non-word character): the engine skips
#: to the next such character in C instead of trying the pattern at every one (2x faster).
_LOWER_VERB_PRODUCT_RE = compiled(
    _ASCII_NON_WORD + "(?:" + lowered(_VERB_PRODUCT.removeprefix(r"\b")) + ")"
)


class LowerMatch:
    """A match found in a lower-cased copy of the text read as the match in the text:
    offsets moved by ``offset`` (and the start of the whole match by ``lead``, the
    characters a ``_LOWER_`` pattern reads before it), groups printed as in the text."""

    __slots__ = ("_found", "_lead", "_masked", "_offset")

    def __init__(self, found: re.Match[str], masked: str, offset: int, lead: int) -> None:
        self._found = found
        self._masked = masked
        self._offset = offset
        self._lead = lead

    def start(self, group: int | str = 0) -> int:
        return self.span(group)[0]

    def end(self, group: int | str = 0) -> int:
        return self.span(group)[1]

    def span(self, group: int | str = 0) -> tuple[int, int]:
        start, end = self._found.span(group)
        if start < 0:
            return -1, -1
        if group == 0:
            start += self._lead
        return start + self._offset, end + self._offset

    def group(self, group: int | str = 0) -> str | Any:
        start, end = self.span(group)
        return None if start < 0 else self._masked[start:end]


def verb_products(
    masked: str, z0: int, z1: int, lower: str | None
) -> list[re.Match[str]] | list[LowerMatch]:
    """``VERB_PRODUCT_RE.finditer(masked, z0, z1)`` (``scan_span``)."""
    return scan_span((VERB_PRODUCT_RE, _LOWER_VERB_PRODUCT_RE), masked, z0, z1, lower)


def scan_span(
    patterns: tuple[re.Pattern[str], re.Pattern[str]],
    masked: str,
    z0: int,
    z1: int,
    lower: str | None,
) -> list[re.Match[str]] | list[LowerMatch]:
    """``finditer(masked, z0, z1)`` of a pattern, found with its ``lower_at_words`` form
    (``patterns``: the two) in ``lower`` (``lower_copy`` of the span) when there is one: each
    search goes on from the character before the last match's end, which the next match
    may open with (``finditer`` starts at the end)."""
    pattern, lowered_pattern = patterns
    if lower is None:
        return list(pattern.finditer(masked, z0, z1))
    found: list[LowerMatch] = []
    offset = z0 - 1
    search = lowered_pattern.search
    match = search(lower)
    while match is not None:
        found.append(LowerMatch(match, masked, offset, 1))
        match = search(lower, match.end() - 1)
    return found


def found_before(
    pattern: re.Pattern[str],
    lowered_pattern: re.Pattern[str],
    masked: str,
    start: int,
    end: int,
    lower: str | None,
    offset: int,
) -> bool:
    """Whether ``pattern`` matches in masked[start:end], searched with its ``lower_at_words``
    form in ``lower`` (masked[offset:] lower-cased, ``offset`` < ``start``) when given."""
    if lower is None:
        return pattern.search(masked, start, end) is not None
    return lowered_pattern.search(lower, start - 1 - offset, end - offset) is not None


_Span = tuple[int, int]


def _tail(
    pattern: re.Pattern[str],
    lowered_pattern: re.Pattern[str],
    groups: tuple[str, ...],
    masked: str,
    low: int,
    end: int,
    lower: str | None,
    offset: int,
) -> tuple[_Span, ...] | None:
    """The spans of ``groups`` of the search of masked[low:end] for ``pattern`` (a tail
    pattern), found by ``lowered_pattern`` (its ``_LOWER_`` form) in ``lower``
    (masked[offset:] lower-cased, ``offset`` < ``low``) when there is one. The match there
    starts one character earlier, and ``search`` returns the leftmost match in both."""
    if lower is None:
        found = pattern.search(masked, low, end)
        return None if found is None else tuple(found.span(group) for group in groups)
    found = lowered_pattern.search(lower, low - 1 - offset, end - offset)
    if found is None:
        return None
    return tuple((a + offset, b + offset) for a, b in map(found.span, groups))


def noun_words(masked: str, z0: int, z1: int) -> list[tuple[int, int, str | None]]:
    """(start, end, group) of each ``NOUN_WORD_RE`` match in masked[z0:z1]."""
    return _noun_words(masked, z0, z1, lower_copy(masked, z0, z1))


def _noun_words(
    masked: str, z0: int, z1: int, lower: str | None
) -> list[tuple[int, int, str | None]]:
    """``noun_words``, found in ``lower`` (``lower_copy`` of the span) when there is one.

    A match found there starts one character before its noun. Scanning on from the end of
    a match finds what ``finditer`` finds, because the character before the next noun
    cannot be the last of the previous one when that is a word character (a match ends at
    a word boundary, so the character after it is then not one): the result is checked
    for that, and scanned the plain way otherwise."""
    if lower is not None:
        offset = z0 - 1
        found = [
            (offset + match.start() + 1, offset + match.end(), match.lastgroup)
            for match in _LOWER_NOUN_WORD_RE.finditer(lower)
        ]
        if all(lower[end - offset - 1] in _WORD_CHARACTERS for _, end, _ in found):
            return found
    return [
        (found.start(), found.end(), found.lastgroup)
        for found in NOUN_WORD_RE.finditer(masked, z0, z1)
    ]


_WORD_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


def noun_matches(masked: str, z0: int, z1: int, lower: str | None = None) -> list[NounMatch]:
    """Deliverable nouns in masked[z0:z1] with their determiner or production verb
    (``lower``: ``lower_copy`` of the span, made here when not given)."""
    result: list[NounMatch] = []
    if lower is None:
        lower = lower_copy(masked, z0, z1)
    for noun_start, noun_end, group in _noun_words(masked, z0, z1, lower):
        low = tail_floor(masked, max(z0, noun_start - 120), noun_start)
        kind = _KIND_OF_GROUP[group or ""]  # the k-group that matched: no other
        printed = masked[noun_start:noun_end]
        noun = (noun_start, noun_end, printed)
        det = _tail(
            _DET_TAIL_RE,
            _LOWER_DET_TAIL_RE,
            ("det", "mods"),
            masked,
            low,
            noun_start,
            lower,
            z0 - 1,
        )
        aside = None
        if (
            det
            and "," in masked[det[1][0] : det[1][1]]
            and _DEFINITE_DET_RE.fullmatch(masked, *det[0])
        ):
            # "to develop, in consultation with the keepers, practical guidelines", "to
            # organize, during its Nth session, two hearings": not "the keepers, practical
            # guidelines" (an aside's last words read as modifiers); the object's own
            # determiner, if any, follows the aside
            aside = _after_aside(masked, z0, noun_start)
            if aside is not None:
                det = _tail(
                    _DET_TAIL_RE,
                    _LOWER_DET_TAIL_RE,
                    ("det", "mods"),
                    masked,
                    aside,
                    noun_start,
                    lower,
                    z0 - 1,
                )
        if det:
            (det_start, det_end), (mods_start, mods_end) = det
            mods = masked[mods_start:mods_end]
            if kind == "oral update" and "written" in mods.lower():
                kind = "report"
            elif kind == "report" and _presented_orally(masked, det_start, noun_end, z1):
                kind = "oral update"
            result.append(
                NounMatch(
                    det_start,
                    (det_start, masked[det_start:det_end]),
                    (mods_start, mods),
                    noun,
                    kind,
                    False,
                )
            )
            continue
        information = printed.lower() == "information" and bool(
            _ON_RE.match(masked, noun_end, z1)
            or _GIVE_RE.search(masked, max(z0, noun_start - 30), noun_start)
        )
        if printed[-1:].lower() != "s" and not information:
            continue
        verb = _tail(
            _VERB_TAIL_RE, _LOWER_VERB_TAIL_RE, ("mods",), masked, low, noun_start, lower, z0 - 1
        )
        if aside is None and not verb:
            aside = _after_aside(masked, z0, noun_start)
        if verb:
            [(start, mods_end)] = verb
            if kind == "report" and _presented_orally(masked, start, noun_end, z1, mods_end):
                kind = "oral update"
            result.append(NounMatch(start, None, (start, masked[start:mods_end]), noun, kind, True))
        elif aside is not None:
            aside_mods = (aside, masked[aside:noun_start])
            result.append(NounMatch(aside, None, aside_mods, noun, kind, True))
        else:  # kept only when it follows a session mention ("at its Nth session, proposals")
            loose = NounMatch(noun_start, None, (noun_start, ""), noun, kind, True)
            loose.kind = "loose:" + kind
            result.append(loose)
    return result


_ORALLY_BEFORE_RE = compiled(r"\borally\s*,?\s*$", re.IGNORECASE)
_ORALLY_AFTER_RE = compiled(r"\s*,?\s*orally\b", re.IGNORECASE)


def _presented_orally(
    masked: str, start: int, noun_end: int, z1: int, mods_end: int | None = None
) -> bool:
    """ "to present orally reports on X", "to present orally her report", "to present her
    report orally": a report given orally is an oral report (an oral update), as "to report
    orally" is. ``mods_end``: where the modifiers the verb tail read end ("orally reports")."""
    if mods_end is not None and "orally" in masked[start:mods_end].lower():
        return True
    return bool(
        _ORALLY_BEFORE_RE.search(masked, max(0, start - 12), start)
        or _ORALLY_AFTER_RE.match(masked, noun_end, min(z1, noun_end + 12))
    )


def count_of(det: str | None, noun: str, following: str) -> tuple[int, int | None]:
    """(count, listed) from the determiner and "one for each of the five regions"."""
    count = 1
    if det:
        value = cardinal_to_int(det.split()[-1]) if det.split() else None
        if value:
            count = value
    listed = None
    # every match holds "each" (letters no character beyond ASCII matches ignoring case)
    each = _COUNT_EACH_RE.search(following) if "each" in following.lower() else None
    if each:
        listed = cardinal_to_int(each.group("count") or each.group("count2"))
    return count, listed


def preceded_by_verb(masked: str, start: int, floor: int) -> bool:
    """True when the words before ``start`` end with a production verb."""
    return bool(_verb_before_re().search(masked, max(floor, start - 40), start))


_PRODUCTION_PREP = (
    r"(?:\b(?:provide|present|furnish|brief)\b[^,;]{0,60}\bwith|"
    rf"\b(?:{lexicon().verb_pattern('production_noun', 'form')})\s+of)\s*$"
)
_PRODUCTION_PREP_RE = compiled(_PRODUCTION_PREP, re.IGNORECASE)
_LOWER_PREP_BEFORE_RE = lower_at_words(_PREP_BEFORE)
_LOWER_PRODUCTION_PREP_RE = lower_at_words(_PRODUCTION_PREP)


def preceded_by_preposition(
    masked: str, start: int, floor: int, lower: str | None = None, offset: int = 0
) -> bool:
    """True when the word before ``start`` is a preposition (not a new product); read in
    ``lower`` (masked[offset:] lower-cased, ``offset`` < ``floor``) when given.

    "to present it with an oral update", "to provide the Council with a report" and "the
    preparation of a report" name products although a preposition comes first.
    """
    low = max(floor, start - 20)
    if not found_before(_PREP_BEFORE_RE, _LOWER_PREP_BEFORE_RE, masked, low, start, lower, offset):
        return False
    low = max(floor, start - 90)
    return not found_before(
        _PRODUCTION_PREP_RE, _LOWER_PRODUCTION_PREP_RE, masked, low, start, lower, offset
    )


__all__ = [
    "NOUN_PATTERN",
    "NOUN_WORD_RE",
    "VERB_PRODUCT_RE",
    "LowerMatch",
    "NounHit",
    "NounMatch",
    "count_of",
    "found_before",
    "lower_at_words",
    "lower_copy",
    "noun_matches",
    "preceded_by_preposition",
    "preceded_by_verb",
    "scan_span",
    "verb_products",
]
