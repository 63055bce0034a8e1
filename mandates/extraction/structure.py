"""Clean text -> the structure of a resolution: header, preamble, operative part, annexes.

The text is cut into pieces at blank lines and at line starts that open a paragraph
("12. ", "(a) ", "30th meeting", "Annex"); when a reader has merged paragraphs onto one
line, pieces are cut again where the next operative number, a preambular verb or the
closing lines begin. A small state machine then walks the pieces:
preamble -> operative -> closing -> annex. Every span indexes into the text unchanged.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

from mandates.extraction.errors import NotAResolutionError
from mandates.extraction.header import (
    DATE_PATTERN,
    OPENER,
    Header,
    find_commission_opener,
    find_opener,
    find_other_opener,
    parse_header,
)
from mandates.extraction.ordinals import INSERTED_SUFFIX
from mandates.extraction.references import find_all
from mandates.extraction.regex_cache import compiled
from mandates.extraction.result import (
    Annex,
    Footnote,
    OperativeParagraph,
    PreambleParagraph,
    Reference,
    SubParagraph,
    Vote,
)
from mandates.extraction.votes import parse_vote

__all__ = [
    "NARRATIVE_DECISION",
    "NARRATIVE_VERB",
    "Structure",
    "operative_verb",
    "parse_structure",
    "preamble_verb",
]

_M = r"[ \t*_#]*"  # markup that may precede a paragraph's first word
_NUM_NO_DOT = compiled(_M + r"(\d{1,3})[ \t\u00a0]+(?=[*_]*[A-Z][a-z])")
_LABEL = compiled(_M + r"\(([a-z]{1,2}|[ivxlc]{1,6})\)[*_]*[ \t]+(?=\S)")
_MEETING = compiled(_M + r"\d{1,5}(?:st|nd|rd|th)\s+(?:\(resumed\)\s+)?(?:plenary\s+)?meeting\b")
_ADOPTED = compiled(_M + r"\[\s*[*_]*Adopted\b|" + _M + r"Adopted\s+(?:without|by\s+a)\b")
_DATE_ONLY = compiled(_M + DATE_PATTERN + r"[*_ \t]*$")
_ANNEX = compiled(_M + r"Annex(?:es)?(?:[ \t]+(?:[IVXLC]{1,5}|[A-Z]|\d{1,2}))?\b[*_]*")
_VOTE_LIST = compiled(_M + r"(?:In favour|Against|Abstaining)\s*:")
_HEADING_ALONE = compiled(_M + r"(?:[IVXLC]{1,6}|[A-Z])\.?[*_ \t]*$")
_HEADING_TITLED = compiled(_M + r"(?:[IVXLC]{1,6}|[A-Z])(?:\.[ \t]*|[ \t]+)[*_]*[A-Z“\"]")
_LETTERS = compiled(r"[A-Za-z]")
_ROMAN_LABEL = compiled(r"[ivxlc]+")
_ADOPTED_FIRST = frozenset("[A")  # what _ADOPTED can start with after markup
_MARKUP_CHARS = " \t*_#"  # what _M skips
_EMPHASIS_OR_SPACE = " \t\n*_"  # what _Walker._last_char skips
_HEAD = 2000  # characters of a piece that classification looks at
_EMBEDS = compiled(
    r"\bthe\s+following\s+(?:[\w-]+\s+){0,2}?(?:resolution|decision|declaration|text)s?"
    r"(?:\s+[^:;.]{0,80})?:[*_\s]*$"
)
_FOOTNOTE_MARK_END = compiled(r"(?<=[,;:.])[*_]*(?:\[\^\d+\]|<sup>\d+</sup>|\d{1,3})$")
_SECTION_LABEL = compiled(_M + r"([IVXLC]{1,6}|[A-Z])(?:\.|\s|$)")
#: The chapeau of a decision whose paragraphs are lettered: "The Human Rights Council, at its
#: 52nd meeting, on ..., decided, without a vote:", "At its 73rd plenary meeting, ..., the
#: General Assembly, on the recommendation of the Second Committee, decided:", "...
#: adopted without a vote the following decision:". Searched in a chapeau's last 300
#: characters only.
_DECISION_CHAPEAU = compiled(
    r"\b(?:decided|decides|adopted\s+(?:[^;:]{0,40}?\s)?the\s+following\s+decisions?)\b"
    r"[^;:]{0,200}:[*_\s]*$"
)


#: The verb of a decision printed as one narrative paragraph: "At its 52nd meeting, on ...,
#: the Human Rights Council, recalling ..., decided, without a vote, to postpone ...", "...,
#: the General Assembly decided to request ...". The adopting body's own "decided" follows
#: its name or the aside after it (", recalling ...,"); an aside set off by commas may come
#: between it and what it decides ("to ...", "that ..."). "in which it decided to" (a
#: decision recalled) is not it. Its end is where the decided text starts.
NARRATIVE_DECISION = compiled(
    r"(?:,|\b(?:Council|Assembly))[*_\s]+(?:also[*_\s]+|further[*_\s]+)?decided\b[*_]*"
    r"(?:,[^;:]{1,160}?,)?[*_\s]+(?:also\s+|further\s+)?(?=to\s+[a-z]|that\s)"
)
#: The verb that stands for such a paragraph (``OperativeParagraph.verb``).
NARRATIVE_VERB = "decided"


def _without_end_mark(text: str) -> str:
    """``text`` without a footnote mark at its end ("...,2", "...;[^3]").

    A mark ends with a digit, "]" or ">" (before a final line end, where ``$`` matches
    too): any other last character means there is none, and the text is not scanned.
    """
    last = text[-2:-1] if text.endswith("\n") else text[-1:]
    if not last or not (last.isdigit() or last in "]>"):
        return text
    return _FOOTNOTE_MARK_END.sub("", text)


#: Words that open preambular paragraphs (the corpus's, plus the usual adjectives).
_PRE_WORDS = (
    "Acknowledging|Acting|Affirming|Alarmed|Also|Appalled|Appreciating|Asserting|Aware|Bearing|"
    "Being|Believing|Calling|Cognizant|Commending|Committed|Concerned|Condemning|Confident|"
    "Confirming|Conscious|Considering|Continuing|Convinced|Deeply|Deploring|Desirous|"
    "Determined|Determining|Dismayed|Disturbed|Emphasising|Emphasizing|Encouraged|"
    "Encouraging|Expressing|Extremely|Firmly|Fully|Further|Gravely|Guided|Having|"
    "Highlighting|Keeping|Looking|Mindful|Noting|Observing|Persuaded|Profoundly|Pursuant|"
    "Re-emphasizing|Reaffirming|Realizing|Recalling|Recognising|Recognizing|Recommitting|"
    "Referring|Regretting|Reiterating|Remaining|Reminding|Renewing|Resolved|Saddened|"
    "Seriously|Sharing|Shocked|Stressing|Strongly|Supporting|Taking|Troubled|Underlining|"
    "Underscoring|Urging|Welcoming|While"
)
#: A preambular opening: a known word before any word, or any "-ing" word before a lower-case one.
_PRE_START = compiled(
    r"[*_]*(?:(?:" + _PRE_WORDS + r")\b[*_]*(?:[ \t]+[*_]*[\w(“\"‘]|,[ \t]+[a-z])"
    r"|(?!Beijing|Kunming|Nanjing|Pyongyang|Chongqing|Harbin|Sterling|Viking)"
    r"[A-Z][a-z]+ing[*_]*(?:[ \t]+[*_]*[a-z(“\"‘]|,[ \t]+[a-z]))"
)
_AFTER_PUNCT = compiled(r"[:;,.\]][*_ \t]*$")
_PRE_KNOWN = compiled(_M + r"(?:" + _PRE_WORDS + r")\b[*_]*(?:[ \t]+[*_]*[\w(“\"‘]|,[ \t]+[a-z])")
_PRE_SPLIT = compiled(r"(,)[*_]*\s+(?=" + _PRE_START.pattern + ")")
_CLOSING_SPLIT = compiled(
    r"([.;])[*_]*\s+(?=[*_]*\d{1,5}(?:st|nd|rd|th)\s+(?:\(resumed\)\s+)?(?:plenary\s+)?"
    r"meeting\b|\[\s*Adopted\b)"
)
_BLOCK = compiled(r"(?:[ \t]*\S[^\n]*(?:\n|$))+")
# Every preambular opening starts with a capital: what a _PRE_SPLIT match must hold.
_PRE_SPLIT_HINT = compiled(r",[*_]*\s+[*_]*[A-Z]")


def _pre_split(text: str, start: int, end: int) -> re.Match[str] | None:
    """_PRE_SPLIT in text[start:end], searched only where a comma precedes a capital."""
    if _PRE_SPLIT_HINT.search(text, start, end) is None:
        return None
    return _PRE_SPLIT.search(text, start, end)


def _find_from(text: str, needle: str, start: int) -> int:
    """Where ``needle`` first stands at or after ``start``; the text's length if nowhere.

    For pieces read in text order: while that place is at or after a piece's start,
    ``text.find(needle, s, e) != -1`` is ``place + len(needle) <= e``, so the walker
    searches once per occurrence instead of once per piece (and never again once the
    needle is gone: no piece starts at the text's length).
    """
    at = text.find(needle, start)
    return len(text) if at == -1 else at


def _closing_split(text: str, start: int, end: int) -> re.Match[str] | None:
    """_CLOSING_SPLIT in text[start:end], searched only when "meeting" or "[" is there."""
    if text.find("meeting", start, end) == -1 and text.find("[", start, end) == -1:
        return None
    return _CLOSING_SPLIT.search(text, start, end)


_ADVERBS = {"also", "further", "furthermore", "again", "moreover", "once", "likewise"}
_WITH_WORDS = {
    "deep",
    "grave",
    "great",
    "serious",
    "particular",
    "profound",
    "appreciation",
    "satisfaction",
    "concern",
    "interest",
    "regret",
    "alarm",
    "gratitude",
}
_PARTICLES: dict[str, tuple[tuple[str, ...], ...]] = {
    "calls": (("upon",), ("on",), ("for",)),
    "call": (("upon",), ("on",), ("for",)),
    "bears": (("in", "mind"),),
    "bearing": (("in", "mind"),),
    "takes": (("note",),),
    "taking": (("note",), ("into", "account")),
    "take": (("note",),),
}
_NOTE_VERBS = {"takes", "take", "taking"}
_LEADING = {"also", "further", "again", "once", "ever", "while", "furthermore"}
_ADVERBS_AFTER = _ADVERBS - {"once"}  # adverbs that join the verb after it
#: Verbs that open operative paragraphs (used when a paragraph lost its number).
_OPERATIVE_VERBS = frozenset(
    (
        "Accepts",
        "Acknowledges",
        "Adopts",
        "Affirms",
        "Agrees",
        "Appeals",
        "Appoints",
        "Appreciates",
        "Approves",
        "Authorizes",
        "Calls",
        "Commends",
        "Concurs",
        "Condemns",
        "Confirms",
        "Considers",
        "Declares",
        "Decides",
        "Demands",
        "Deplores",
        "Designates",
        "Directs",
        "Elects",
        "Emphasizes",
        "Encourages",
        "Endorses",
        "Establishes",
        "Expresses",
        "Extends",
        "Highlights",
        "Insists",
        "Invites",
        "Notes",
        "Observes",
        "Proclaims",
        "Reaffirms",
        "Recalls",
        "Recognizes",
        "Recommends",
        "Regrets",
        "Reiterates",
        "Renews",
        "Requests",
        "Resolves",
        "Stresses",
        "Supports",
        "Takes",
        "Underlines",
        "Underscores",
        "Urges",
        "Welcomes",
        "Authorises",
        "Recognises",
        "Emphasises",
    )
)
_ITALIC_LEAD = compiled(r"([A-Z][^*_\n]{0,60}?)[*_]+(?:\s|$)")
_VERB_AHEAD = (
    r"(?:(?:Also|Further|Again|Once\s+again|Strongly|Firmly)\s+[a-z]+|"
    + "|".join(sorted(_OPERATIVE_VERBS))
    + r")\b"
)
_VERB_AHEAD_RE = compiled(_VERB_AHEAD)
#: A paragraph's printed number: "12." then a space (a direction mark may come between).
#: A text saved as Windows-1252 turns that mark into "?", with or without the space:
#: "6.?Requests" is paragraph 6 when an operative verb follows (no sentence puts a
#: question mark there).
#: A draft inserts paragraphs after an existing one: "5 bis.", "5bis.", "5 ter." (group 2).
_INSERTED = r"(?:[ \t\u00a0]?(" + INSERTED_SUFFIX + r"))?"
_NUM = compiled(
    _M + r"(\d{1,3})" + _INSERTED + r"\."
    r"(?:[*_\u200e\u200f]*[ \t\u00a0]+(?=\S)|"
    r"[\u200e\u200f?]{1,3}[ \t\u00a0]*(?=" + _VERB_AHEAD + "))"
)
#: A printed number glued to its paragraph's first word ("2.Urges"): a reader that lost the
#: gap between the number and the text (an HTML label in an element of its own). Without
#: it the paragraph was unnumbered, and an unnumbered paragraph is numbered by its place:
#: "2.Urges" after a "1.Strongly condemns" kept in the preamble became paragraph 1.
_NUM_GLUED = compiled(_M + r"(\d{1,3})" + _INSERTED + r"\.(?=[*_]*[A-Z][a-z])")
_LINE_SPLIT = compiled(
    r"\n(?=" + _NUM.pattern + "|" + _LABEL.pattern + "|" + _MEETING.pattern + "|"
    r"[ \t*_]*\[\s*[*_]*Adopted\b|" + _VOTE_LIST.pattern + "|" + _M + r"Annex\b[^\n]{0,80}$)",
    re.MULTILINE,
)
_WORD = compiled(r"[A-Za-z][A-Za-z\-]*")
# Up to 12 words in one match: _WORD.findall makes a string per word of the 160 characters
# and restarts the search after each (5-7 us); the groups nest, so they fill in order.
_FIRST_WORDS = compiled(("(?:[^A-Za-z]*(" + _WORD.pattern + ")") * 12 + ")?" * 12)
_FIRST_SIX = compiled(("(?:[^A-Za-z]*(" + _WORD.pattern + ")") * 6 + ")?" * 6)
# Four words one after the other: a word not found leaves every later one unfound, and
# each found word is the longest, so the flat form gives what the nested one gives.
_FIRST_FOUR = compiled(("(?:[^A-Za-z]*(" + _WORD.pattern + ")|)") * 4)


@dataclass
class Structure:
    header: Header
    preamble: list[PreambleParagraph] = field(default_factory=list)
    operative: list[OperativeParagraph] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    vote: Vote | None = None
    warnings: list[str] = field(default_factory=list)


class _Op:
    """An operative paragraph as the walker finds it: a plain class, built with fewer
    instructions than a dataclass whose list comes from a default factory."""

    __slots__ = (
        "end",
        "last_letter",
        "narrative",
        "number",
        "roman_list",
        "section",
        "start",
        "subs",
    )

    def __init__(self, number: str | None, start: int, end: int, section: str | None) -> None:
        self.number = number
        self.start = start
        self.end = end
        self.subs: list[list] = []  # [label, start, end]
        self.last_letter: str | None = None
        self.roman_list = False
        self.section = section
        self.narrative = False  # a decision told in one sentence ("..., decided to ...")


def _printed_number(number: re.Match[str]) -> str:
    """A paragraph's number as the walker keeps it: "12", or "5 bis" for "5 bis." and
    "5bis." alike (one label for one paragraph, whichever way a draft spaced it)."""
    suffix = number.group(2) if number.re.groups > 1 else None
    return f"{number.group(1)} {suffix}" if suffix else number.group(1)


def _base_number(number: str) -> int:
    """The number a paragraph's number counts from: 5 for "5" and for "5 bis"."""
    return int(number.partition(" ")[0])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _adverb_like(lower: str) -> bool:
    """ "deeply", "strongly": a word that may stand before the verb it qualifies."""
    return lower.endswith("ly") and len(lower) > 3


def _words(text: str, limit: int = 12) -> list[str]:
    """The first ``limit`` (at most 12) words of text[:160], as _WORD.findall finds them."""
    if limit <= 4:
        # The flat pattern's groups fill in order: the last one found counts them.
        four = _FIRST_FOUR.match(text, 0, 160)
        assert four is not None  # every part of the pattern is optional
        count = four.lastindex
        return list(four.groups()[: min(count, limit)]) if count else []
    found = (_FIRST_SIX if limit <= 6 else _FIRST_WORDS).match(text, 0, 160)
    assert found is not None  # every part of the pattern is optional
    words = [word for word in found.groups() if word is not None]
    return words[:limit]


def _lead(text: str) -> str:
    """The leading verb phrase as printed: "Recalling also", "Takes note with appreciation of".

    The same for preambular and operative paragraphs: the walker's callers call it
    without the public names' extra call.
    """
    plain = text.lstrip(" \t*_#")
    head = plain[:62]  # an italic lead's closing "*" or "_" stands within it
    if "*" in head or "_" in head:
        italic = _ITALIC_LEAD.match(plain)
        if italic and len(italic.group(1).split()) <= 6 and plain[: italic.end()].count("*") <= 2:
            return italic.group(1).strip()
    return _unmarked_lead(plain)


def _unmarked_lead(text: str) -> str:
    """_lead of a text whose first 62 characters after markup hold no "*" or "_".

    Called directly for the paragraphs of a text without either (nearly every text):
    the italic check finds nothing there.
    """
    plain = text.lstrip(" \t*_#")
    # The usual case, decided from two words: a verb that is no adverb and takes no
    # particle, then a word that adds nothing to it ("Requests the", "Recalling its").
    # One match finds both (what two _WORD searches found).
    two = _TWO_WORDS.match(plain, 0, 160)
    if two is None:
        return ""
    verb, following = two.groups()
    joined = following is not None and following.lower() in _VERB_FOLLOWERS
    if not joined and verb in _PLAIN_VERBS:
        return verb  # the test below, its part on the verb made in advance
    lower = verb.lower()
    if (
        not joined
        and lower not in _PHRASE_OPENERS
        and not (lower.endswith("ly") and len(lower) > 3)  # _adverb_like, without the call
    ):
        return verb
    # "Calls upon", "Calls for": a particle that closes the phrase, whatever follows.
    closing = _CLOSING_PARTICLES.get(lower)
    if closing is not None and following is not None and following.lower() in closing:
        return f"{verb} {following}"
    # Four words decide most phrases: _phrase reads no word past the one after the phrase,
    # so a phrase that ends before the last of them is what more words give. The words
    # after the first two are read on from where those ended (see _read_on).
    words = [verb] if following is None else [verb, following]
    at = _read_on(plain, words, two.end(), 4)
    phrase, index = _phrase(words)
    if index + 1 < len(words) or len(words) < 4:
        return phrase
    # Six words decide nearly every other phrase ("Takes note with appreciation of" reads
    # five); twelve are read only when the phrase ran on to the fifth word or past it.
    at = _read_on(plain, words, at, 6)
    phrase, index = _phrase(words)
    if index >= 5 and len(words) == 6:
        _read_on(plain, words, at, 12)
        phrase = _phrase(words)[0]
    return phrase


def _read_on(plain: str, words: list[str], at: int, count: int) -> int:
    """Append the words of plain[at:160] to ``words`` until it holds ``count`` (even);
    where the last pair read ends.

    ``words`` holds the first words of plain[:160], the last ending at ``at``: a _TWO_WORDS
    match from there finds the next two that _WORD.findall finds (a word is the longest,
    so no letter or "-" follows it), two matches cheaper than one of _FIRST_SIX.
    """
    while len(words) < count:
        pair = _TWO_WORDS.match(plain, at, 160)
        if pair is None:
            break
        first, second = pair.groups()
        words.append(first)
        if second is None:
            break  # no letter is left
        words.append(second)
        at = pair.end()
    return at


def _phrase(words: list[str]) -> tuple[str, int]:
    """The verb phrase that ``words`` open, and the index of the first word after it.

    Looks no further than one word past that index: words beyond it change nothing.
    """
    lowered = list(map(str.lower, words))  # no comprehension's function call
    count = len(words)
    index = 0
    # Leading adverbs: "Also requests", "Once again urges", "Deeply concerned", "While noting".
    while index < count - 1 and index < 3:
        lower = lowered[index]
        if lower in _LEADING or (lower.endswith("ly") and len(lower) > 3):  # _adverb_like
            index += 1
        else:
            break
    out = words[: index + 1]
    verb = lowered[index]
    index += 1
    phrases = _PARTICLES.get(verb, ())
    closed = False  # after "Calls upon" / "Calls for" nothing more belongs to the verb
    while index < count and not closed:
        word = lowered[index]
        phrase = None
        for candidate in phrases:
            # The first word compared alone before the tuple is built.
            if candidate[0] == word and tuple(lowered[index : index + len(candidate)]) == candidate:
                phrase = candidate
                break
        if phrase:
            out.extend(words[index : index + len(phrase)])
            index += len(phrase)
            phrases = ()
            closed = verb not in _NOTE_VERBS
            continue
        if word in _ADVERBS and word != "once":
            out.append(words[index])
        elif word == "with" and index + 1 < count and lowered[index + 1] in _WITH_WORDS:
            out.append(words[index])
            index += 1
            while index < count and lowered[index] in _WITH_WORDS:
                out.append(words[index])
                index += 1
            continue
        else:
            break
        index += 1
    if verb in ("takes", "take") and len(out) > 1 and index < count and words[index] == "of":
        out.append("of")
    return " ".join(out), index


_MARKUP_RUN = compiled(r"[ \t*_#]*")
# The first two words as two _WORD searches find them (from the start of the text searched).
# "(?:...|)" is "(?:...)?" (the same first choice, then the empty one) without the
# engine's bookkeeping for a repeated group.
_TWO_WORDS = compiled(r"[^A-Za-z]*([A-Za-z][A-Za-z\-]*)(?:[^A-Za-z]*([A-Za-z][A-Za-z\-]*)|)")
#: First words that a phrase may go on from: a verb that takes a particle, a leading adverb
#: (with _adverb_like words). The usual case in _lead is a verb none of these.
_PHRASE_OPENERS = frozenset(_PARTICLES) | _LEADING
#: Verbs (no leading adverbs) whose one-word particles end their phrase, with those words.
_CLOSING_PARTICLES = {
    verb: frozenset(particle[0] for particle in particles)
    for verb, particles in _PARTICLES.items()
    if verb not in _NOTE_VERBS and all(len(particle) == 1 for particle in particles)
}
#: Usual first words, as printed, that open no phrase: neither in _PHRASE_OPENERS nor
#: adverbs ("Requests", "Recalling"); _lead tests them without lower-casing them.
_PLAIN_VERBS = frozenset(
    word
    for word in (*_OPERATIVE_VERBS, *_PRE_WORDS.split("|"))
    if word.lower() not in _PHRASE_OPENERS and not _adverb_like(word.lower())
)
#: Second words that join the verb's phrase: adverbs after it, "with" ("with concern").
_VERB_FOLLOWERS = _ADVERBS_AFTER | {"with"}


def preamble_verb(text: str) -> str:
    """The verb that opens a preambular paragraph ("Recalling also", "Deeply concerned")."""
    return _lead(text)


def operative_verb(text: str) -> str:
    """The verb that opens an operative paragraph ("Also requests", "Calls upon")."""
    return _lead(text)


def _looks_operative(piece: str, last: str) -> bool:
    """An unnumbered paragraph that reads as operative: "Requests ...;" rather than "...,"."""
    if last not in (".", ";", ":"):
        return False
    start = _MARKUP_RUN.match(piece).end()  # type: ignore[union-attr]
    word = _WORD.search(piece, start, start + 160)
    if word is None:
        return False
    lower = word.group().lower()
    if lower not in _ADVERBS and not lower.endswith("ly"):
        return word.group() in _OPERATIVE_VERBS  # no adverb to skip: the first word decides
    words = _words(piece.lstrip(" \t*_#"), 4)
    while words and (words[0].lower() in _ADVERBS or words[0].lower().endswith("ly")):
        words = words[1:]
    if not words:
        return False
    return words[0] in _OPERATIVE_VERBS


def _reads_as_operative(verb: str) -> bool:
    """ "Requests", "Also decides", "Calls upon": a verb in the third person singular."""
    words = [w for w in verb.split() if w.lower() not in _LEADING and not w.endswith("ly")]
    if not words:
        return False
    word = words[0]
    return word in _OPERATIVE_VERBS or (
        word[:1].isupper() and word.endswith("s") and not word.endswith(("ss", "ous", "us"))
    )


_CLAUSE_ENDS = frozenset(",;:")
_FINISHED = frozenset(",;:.")


def _is_heading(piece: str) -> bool:
    if piece[-1:] in _CLAUSE_ENDS and _LETTERS.search(piece):
        # The usual paragraph: neither heading pattern can end on ",", ";" or ":", and
        # nothing below strips that last character.
        return False
    if not _LETTERS.search(piece):
        return True  # "---", page numbers
    if _HEADING_ALONE.match(piece):
        return True
    stripped = _without_end_mark(piece.rstrip(" \t*_"))
    if stripped[-1:] in (",", ";", ":", ".") or _PRE_KNOWN.match(piece):
        return False
    if _HEADING_TITLED.match(piece):
        return len(stripped) < 500
    return len(stripped) < 120 and "\n" not in stripped and not _looks_operative(piece, ";")


def _opener_alone(piece: str) -> bool:
    """The piece is an opening formula and nothing else ("The General Assembly,")."""
    found = OPENER.match(piece)
    return found is not None and found.end() >= len(piece.rstrip(" \t*_"))


def _annex_heading(text: str, start: int, stop: int) -> bool:
    """text[start:stop] opens with an annex heading ("Annex", "Annex II") followed by
    nothing, a capital, a digit, a line end or a quotation mark (after markup)."""
    heading = _ANNEX.match(text, start, stop)
    if heading is None:
        return False
    at = heading.end()
    while at < stop and text[at] in " \t*_":
        at += 1
    if at == stop:
        return True
    after = text[at]
    return after.isupper() or after.isdigit() or after in '\n“"'


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Blocks between blank lines, cut again at line starts that open a paragraph.

    Most texts hold one line per block: their pieces are the lines, trimmed as _trim
    does; the first line that the next one continues sends the text to _block_pieces.
    Lines are found with ``str.find`` and trimmed by hand: a fifth fewer instructions and
    a third less time than one pattern match a line.
    """
    out: list[tuple[int, int]] = []
    at = start
    while True:
        while at < end and text[at].isspace():
            at += 1
        if at == end:
            return out
        line_end = text.find("\n", at, end)
        if line_end == -1:
            line_end = end
        last = line_end
        while text[last - 1].isspace():  # stops at text[at], which is no space
            last -= 1
        out.append((at, last))
        if line_end == end:
            return out
        # The next line continues the block when, after spaces and tabs, it holds a
        # character that is no space; else the next piece starts after white space.
        at = line_end + 1
        while at < end and text[at] in " \t":
            at += 1
        if at < end and not text[at].isspace():
            return _block_pieces(text, start, end)


def _block_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """_pieces block by block, for texts with blocks of several lines."""
    out: list[tuple[int, int]] = []
    for block in _BLOCK.finditer(text, start, end):
        cut, stop = block.span()
        if text.find("\n", cut, stop - 1) == -1:
            # One line: its closing line end opens nothing (every _LINE_SPLIT start
            # needs characters after it, and the block ends there). Trimmed as _trim
            # does: the line starts with spaces or tabs, then a character that is no space.
            while text[cut] in " \t":
                cut += 1
            while text[stop - 1].isspace():
                stop -= 1
            out.append((cut, stop))
            continue
        for line_start in _LINE_SPLIT.finditer(text, block.start(), block.end()):
            position = line_start.start()
            previous = text[cut:position]
            following = text[position + 1 : position + 40]
            strong = _MEETING.match(following) or _ADOPTED.match(following)
            strong = strong or _ANNEX.match(following) or _VOTE_LIST.match(following)
            if strong or _AFTER_PUNCT.search(previous):
                out.append(_trim(text, cut, position))
                cut = position + 1
        out.append(_trim(text, cut, block.end()))
    return [piece for piece in out if piece[0] < piece[1]]


_HEADER_LIKE = compiled(
    r"[\s*_#]*(?:Resolution\s+\d|Adopted\s+by|(?:Resolution|Decision)\s+adopted|Agenda\s+item|\[|"
    r"(?:ES-|S-)?\d{1,4}/\d{1,4}\.|[A-Z][a-z]+(?:[- ][a-z]+){0,3}\s+session|United\s+Nations|"
    # the masthead's document symbol alone on its line ("A/HRC/DEC/65/115")
    r"[A-Z]{1,6}/(?:[A-Z0-9.\-]+/)*[A-Z0-9.\-]*\d[A-Za-z0-9.\-/]*[ \t]*(?:\n|$)|"
    r"Distr|General\s+Assembly|Human\s+Rights\s+Council|Security\s+Council|"
    r"Economic\s+and\s+Social\s+Council|" + DATE_PATTERN + ")"
)


#: The first part's label ("A") at the end of the header, perhaps with the part's title
#: after it: an Assembly text adopted in parts prints "104/180. Title", "A", "The part's
#: title", "The General Assembly," (parts B, C, ... come in the body, after a heading).
_FIRST_PART = compiled(r"\n\n[ \t*_#]*A\.?[ \t*_]*\n\n(?:[^\n]{1,300}\n\n)?[ \t*_#]*$")
_FIRST_PART_TAIL = 320  # the characters of the header _FIRST_PART is looked for in


def _first_part(text: str, header_end: int) -> int | None:
    """Where the first part's label starts (the header ends there), or None: without it
    the label was read into the header and the part's paragraphs went unlabelled ("4"
    beside "B.4"), and a title printed after a lone number was lost."""
    found = _FIRST_PART.search(text, max(0, header_end - _FIRST_PART_TAIL), header_end)
    if found is None or not text[: found.start()].strip():
        return None
    return found.start() + 2


def _find_body_start(text: str) -> tuple[int, int, str | None]:
    """(end of header, start of body, body named by the opener)."""
    opener = find_opener(text) or find_commission_opener(text) or find_other_opener(text)
    if opener:
        return opener.start(), opener.end(), next(name for name in opener.groups() if name)
    # No opening formula (some Security Council texts, decisions told in one paragraph):
    # the header is the run of header-like blocks at the top, read past the short lines of
    # a masthead printed a line a block ("One hundred and twenty-ninth session", "26
    # February-4 April 2048", an agenda item's title) when a header-like block follows.
    end = 0
    for count, block in enumerate(_BLOCK.finditer(text)):
        words = block.group(0)
        if count > 15 or _NUM.match(words) or _PRE_START.match(words.lstrip()):
            break
        if _HEADER_LIKE.match(words):
            end = block.end()
        elif not _masthead_line(words):
            break
    return end, end, None


#: The longest masthead line read past: titles of agenda items run to some 100 characters.
_MASTHEAD_LINE_CHARS = 150


def _masthead_line(block: str) -> bool:
    """A block of one short line that ends no sentence or clause: a masthead line."""
    line = block.strip(" \t\n*_#")
    return (
        len(line) <= _MASTHEAD_LINE_CHARS
        and "\n" not in line
        and line[-1:] not in (".", ",", ";", ":")
    )


def parse_structure(
    text: str, *, source_name: str = "<text>", footnotes: Sequence[Footnote] = ()
) -> Structure:
    """Read the structure of a resolution from its clean text.

    Raises NotAResolutionError when there is neither an operative part nor a header that
    identifies a resolution.
    """
    header_end, body_start, opener_body = _find_body_start(text)
    walker = _Walker(text)
    part = _first_part(text, header_end) if opener_body is not None else None
    if part is not None:
        header_end = part
        walker.section = "A"  # parts restart numbering: its paragraphs are "A.1", "A.2"
    walker.walk(body_start, len(text))

    tail_start = walker.closing_start if walker.closing_start is not None else walker.body_end
    tail_end = len(text)
    if walker.annexes and tail_start is not None and walker.annexes[0][0] > tail_start:
        tail_end = walker.annexes[0][0]
    tail = text[tail_start:tail_end] if tail_start is not None else ""
    top = text[: min(len(text), 4000)] if opener_body is None else ""  # amendments: no opener
    header = parse_header(text[:header_end], opener_body=opener_body, tail=tail, top=top)

    structure = Structure(header=header)
    structure.warnings.extend(header.warnings)
    preamble = structure.preamble
    lead = _lead if "*" in text or "_" in text else _unmarked_lead
    for s, e in walker.preamble:
        paragraph = text[s:e]
        preamble.append(PreambleParagraph(lead(paragraph), paragraph, (s, e)))
    structure.operative = walker.operative_paragraphs(structure.warnings, lead)
    structure.annexes = walker.annex_list()
    if tail:
        structure.vote, vote_warnings = parse_vote(tail)
        structure.warnings.extend(vote_warnings)
    structure.references = _references(text, structure, footnotes)

    if (
        header.symbol is None
        and opener_body is None
        and not any(_reads_as_operative(paragraph.verb) for paragraph in structure.operative)
    ):
        # A numbered list ("1. Opening of the session.") without any resolution header.
        structure.operative = []
    if not structure.operative:
        if header.symbol is None:
            raise NotAResolutionError(
                source_name,
                "no operative paragraphs and no header naming a resolution "
                "(expected e.g. '59/3. Title' or 'Resolution 2334 (2016)')",
            )
        structure.warnings.append("structure: no operative paragraphs found")
    if header.symbol is None:
        structure.warnings.append("header: no resolution symbol found")
    if header.adopted_on is None and header.status == "adopted":
        structure.warnings.append("header: no adoption date found")
    return structure


class _Walker:
    """The state machine over pieces: preamble -> operative -> closing -> annex."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.state = "preamble"
        self.preamble: list[tuple[int, int]] = []
        self.ops: list[_Op] = []
        self.annexes: list[list[int]] = []  # [heading start, end]
        self.closing_start: int | None = None
        self.body_end: int | None = None
        self.section: str | None = None
        self.embedding = False  # the last paragraph introduces a text adopted as a whole
        self.lettered = False  # a decision whose paragraphs are lettered: "(a)", "(b)" ...
        self._no_first_split: set[int] = set()  # ends of pieces holding no merged "1. "
        self._no_closing_split: set[int] = set()  # ends of pieces holding no closing line
        # Where "1.", "meeting" and "[" stand next, at or after the start of the last piece
        # that asked (see _find_from).
        self._one = self._meeting = self._bracket = -1
        self._label_a = -1  # where "(a)" stands next (a decision's chapeau may precede it)

    def walk(self, start: int, end: int) -> None:
        # Pieces go in text order, and the parts of a cut piece before the pieces after it:
        # the starts never go back, which the places kept from _find_from rely on.
        step = self._step
        for s, e in _pieces(self.text, start, end):
            again = step(s, e)
            if again:  # a cut piece: its parts before the next piece
                stack = again[::-1]
                while stack:
                    s, e = stack.pop()
                    again = step(s, e)
                    if again:
                        stack.extend(reversed(again))

    def _cut(self, s: int, e: int, match: re.Match[str]) -> list[tuple[int, int]]:
        """Cut the piece at ``match`` (a split point); return the pieces to reconsider.

        A pattern's first group, when it has one, is punctuation kept by the first piece.
        """
        split = match.end(1) if match.re.groups else match.start()
        first = _trim(self.text, s, split)
        second = _trim(self.text, match.end(), e)
        return [piece for piece in (first, second) if piece[0] < piece[1]]

    def _cut_at(self, s: int, e: int, first_end: int, second_start: int) -> list[tuple[int, int]]:
        first = _trim(self.text, s, first_end)
        second = _trim(self.text, second_start, e)
        return [piece for piece in (first, second) if piece[0] < piece[1]]

    def _last_char(self, start: int, end: int) -> str:
        """The last character of text[start:end] that is not space or emphasis markup."""
        text = self.text
        while end > start and text[end - 1] in " \t\n*_":
            end -= 1
        return text[end - 1] if end > start else ""

    def _step(self, s: int, e: int) -> list[tuple[int, int]]:
        text = self.text
        # Matches look at the start of a piece, in place: each pattern is matched on
        # text[s:stop] through pos and endpos, which is what matching the slice gives, as
        # none looks behind its start (no lookbehind, no leading \b) and "$", "\b" and
        # lookaheads stop at endpos as at a slice's end. The piece is copied only for the
        # rare checks that read it as a string; a long piece (a reader that merged
        # paragraphs) is classified from its first _HEAD characters.
        whole = e - s <= _HEAD
        stop = e if whole else s + _HEAD
        # After markup, a number, meeting or date line starts with a digit, an annex
        # heading with "A", an adoption line with "[" or "A": other pieces skip those.
        first = text[s]  # pieces are never empty
        if first in _MARKUP_CHARS:
            first = text[s:stop].lstrip(_MARKUP_CHARS)[:1]
        digit = first.isdigit()
        adopted_first = first in _ADOPTED_FIRST
        if self.embedding:
            # "Recommends ... the adoption of the following draft resolution:" - the text
            # that follows is adopted as a whole; its numbers are not this resolution's.
            self.embedding = False
            self.state = "annex"
            self.annexes.append([s, e])
            return []
        if self.state == "annex":
            if (digit and _MEETING.match(text, s, stop)) or (
                adopted_first and _ADOPTED.match(text, s, stop)
            ):
                if self.closing_start is None:
                    self.closing_start = s
                self.state = "closing"
            elif first == "A" and _annex_heading(text, s, stop):
                self.annexes.append([s, e])
            else:
                self.annexes[-1][1] = e
            return []
        after_operative = self.state != "preamble" or bool(self.ops)
        if after_operative and first == "A" and _annex_heading(text, s, stop):
            self.state = "annex"
            self.annexes.append([s, e])
            return []
        # A printed number ("12. ") is followed by its dot, a meeting ordinal by "st",
        # "nd", "rd" or "th" and a date's day by a space: a piece has at most one of them.
        number = _NUM.match(text, s, stop) if digit else None
        if after_operative and (
            (
                digit
                and number is None
                and (_MEETING.match(text, s, stop) or (whole and _DATE_ONLY.match(text, s, e)))
            )
            or (adopted_first and _ADOPTED.match(text, s, stop))
        ):
            if self.closing_start is None:
                self.closing_start = s
            self.state = "closing"
            return []
        if self.state == "closing":
            return []

        if not number and digit:
            bare = _NUM_NO_DOT.match(text, s, stop)
            if bare and int(bare.group(1)) == self._expected():
                number = bare  # "27 Affirms": the dot was lost
            else:
                number = self._glued_number(s, e, stop)
        if self.state == "preamble" and not number:
            one = self._one
            if one < s:
                one = self._one = _find_from(text, "1.", s)
            if one + 2 <= e and e not in self._no_first_split:
                at = _number_split(text, s, e, 1)
                if at:
                    return self._cut_at(s, e, *at)
                self._no_first_split.add(e)  # nor in any later part of this piece
            split = _pre_split(text, s, e)
            if split:
                return self._cut(s, e, split)
            last = text[e - 1]
            # A piece ending in ",", ";" or ":" with a letter (its first, here) is no heading.
            if (
                whole
                and not (last in _CLAUSE_ENDS and first.isascii() and first.isalpha())
                and _is_heading(text[s:e])
            ):
                self._heading(text[s:e])
                return []
            preamble = self.preamble
            if first == "(" and preamble and not self.ops:
                label = _LABEL.match(text, s, stop)
                if label and label.group(1) == "a" and self._decision_chapeau():
                    # "decided: (a) To ...; (b) To ...": the first of its lettered paragraphs
                    self.lettered = True
                    self.state = "operative"
                    return self._new_item("a", label.end(), s, e)
            if not self.ops:
                label_a = self._label_a
                if label_a < s:
                    label_a = self._label_a = _find_from(text, "(a)", s)
                if s < label_a < e and self._decision_chapeau(s, label_a):
                    return self._cut_at(s, e, label_a, label_a)  # chapeau and "(a)" on one line
            if preamble and (
                text[s].islower()
                or (first == "(" and _LABEL.match(text, s, stop))
                or (
                    text[preamble[-1][1] - 1] not in _FINISHED
                    and self._preamble_unfinished(text[s:stop])
                )
            ):
                preamble[-1] = (preamble[-1][0], e)  # continued after a break
                return []
            if last in _EMPHASIS_OR_SPACE:
                last = self._last_char(s, e)
            if last in ".;:" and _looks_operative(text[s:stop], last):
                self._new_op(None, s, e)
                return []
            if not preamble and not self.ops and self._narrative_op(s, e, first):
                return []
            preamble.append((s, e))
            return []

        # Operative part.
        self.state = "operative"
        meeting, bracket = self._meeting, self._bracket
        if meeting < s:
            meeting = self._meeting = _find_from(text, "meeting", s)
        if bracket < s:
            bracket = self._bracket = _find_from(text, "[", s)
        if (meeting + 7 <= e or bracket < e) and e not in self._no_closing_split:
            closing = _closing_split(text, s, e)
            if closing:
                return self._cut(s, e, closing)
            self._no_closing_split.add(e)
        if number:
            printed = _printed_number(number)
            after = number.end()
            target = int(number.group(1)) + 1  # after "5 bis" too, 6 is due
        else:
            after = s + 1
            target = self._expected()
        # What _number_split looks for first: "{target}." (from a table while it holds it).
        needle = _NUMBER_DOTS[target] if target < _NUMBER_DOTS_COUNT else f"{target}."
        if text.find(needle, after, e) != -1:
            at = _number_split(text, after, e, target)
            if at:
                return self._cut_at(s, e, *at)
        if number:
            self._new_op(printed, after, e)
            return []
        label = _LABEL.match(text, s, stop)
        if label and self.ops:
            if self.lettered and self._next_letter(label.group(1)):
                return self._new_item(label.group(1), label.end(), s, e)
            else:
                self._new_sub(label.group(1), s, label.end(), e)
            return []
        piece = text[s:stop]
        if first == "T" and whole and _opener_alone(piece):
            return []  # a later part's own "The General Assembly,": no paragraph's words
        if whole and _is_heading(piece):
            self._heading(piece)
            return []
        last = self._last_char(s, e)
        if _PRE_START.match(piece.lstrip()) and last in (",", ":"):
            self.preamble.append((s, e))  # the preamble of a new section (GA budget texts)
            return []
        if self.ops:
            op = self.ops[-1]
            ends = self._last_char(op.start, op.end)
            if ends in (";", ".") and text[s].isupper() and _looks_operative(piece, last):
                self._new_op(None, s, e)
                return []
            if op.narrative and ends == "." and self._narrative_op(s, e, first):
                return []  # "The Council also decided to ...": the next sentence of the decision
            op.end = e
            if op.subs:
                op.subs[-1][2] = e
        return []

    def _glued_number(self, s: int, e: int, stop: int) -> re.Match[str] | None:
        """ "2.Urges ...": the printed number with no gap after it, if it is one (see
        ``_NUM_GLUED``). In the operative part any such number is the printed one; in the
        preamble it must be the number due, open an operative verb or end its piece as an
        operative paragraph ends (";", ".", ":"), not as a preambular one (",")."""
        glued = _NUM_GLUED.match(self.text, s, stop)
        if glued is None or self.state != "preamble":
            return glued
        if (
            int(glued.group(1)) == self._expected()
            or _VERB_AHEAD_RE.match(self.text, glued.end(), stop)
            or self._last_char(s, e) in ".;:"
        ):
            return glued
        return None

    def _preamble_unfinished(self, piece: str) -> bool:
        """The last preambular paragraph stopped mid-sentence (a page break cut it)."""
        start, end = self.preamble[-1]
        if end > start and self.text[end - 1] in _FINISHED:
            return False  # kept by the strip below, and no footnote mark ends with it
        last = _without_end_mark(self.text[start:end].rstrip(" \t*_"))
        return last[-1:] not in (",", ";", ":", ".") and not _PRE_START.match(piece.lstrip())

    def _narrative_op(self, s: int, e: int, first: str) -> bool:
        """Make text[s:e] an operative paragraph if it is a decision told in one sentence
        ("At its 52nd meeting, ..., the Human Rights Council ... decided, without a vote, to
        ... ."), as a lettered decision's items are; whether it was. A preambular paragraph
        ("Recalling that it decided to ...,") is none."""
        if not self._tells_a_decision(s, e, first):
            return False
        self.state = "operative"
        self._new_op(None, s, e)
        self.ops[-1].narrative = True
        return True

    def _tells_a_decision(self, s: int, e: int, first: str) -> bool:
        """text[s:e] ends with a full stop, opens as no preambular paragraph or label does and
        holds the adopting body's "decided" (``NARRATIVE_DECISION``)."""
        text = self.text
        if text.find("decided", s, e) == -1 or first == "(":
            return False
        if _without_end_mark(text[s:e].rstrip(" \t*_"))[-1:] != ".":
            return False
        if _PRE_START.match(text[s : min(e, s + 200)].lstrip()):
            return False
        return NARRATIVE_DECISION.search(text, s, e) is not None

    def _decision_chapeau(self, start: int | None = None, end: int = 0) -> bool:
        """text[start:end] (by default the last preambular paragraph) is a decision's
        chapeau ("..., decided, without a vote:"), not a preambular paragraph that quotes a
        list ("Recalling ...:")."""
        if start is None:
            start, end = self.preamble[-1]
        text = self.text
        if self._last_char(start, end) != ":" or _PRE_START.match(text, start, start + 200):
            return False
        return _DECISION_CHAPEAU.search(text, max(start, end - 300), end) is not None

    def _new_item(self, letter: str, after: int, s: int, e: int) -> list[tuple[int, int]]:
        """A lettered decision's paragraph ``letter`` whose text starts at ``after``; cut
        where the next one starts on the same line ("...; (b) To ..."), if it does."""
        following = chr(ord(letter) + 1)
        at = self.text.find(f"({following})", after, e)
        if at != -1:
            found = _next_item(following).search(self.text, max(after, at - 12), e)
            if found:
                self._new_op(f"({letter})", after, found.start(1))
                return [_trim(self.text, found.start(2), e)]
        self._new_op(f"({letter})", after, e)
        return []

    def _next_letter(self, label: str) -> bool:
        """``label`` opens the next paragraph of a lettered decision: the letter after the
        last paragraph's, unless that paragraph opened a list of its own ("(h) ...:" then
        "(i)") or is inside one."""
        op = self.ops[-1]
        letter = op.number[1:-1] if op.number and op.number[0] == "(" else ""
        if len(letter) != 1 or label != chr(ord(letter) + 1):
            return False
        if op.roman_list:  # "(c)" after "(b) ...: (i) ...; (ii) ...", unless "(iii)" is due
            last = op.subs[-1][0]
            return last not in _ROMANS[:-1] or label != _ROMANS[_ROMANS.index(last) + 1]
        return label not in "ivxlc" or self._last_char(op.start, op.end) != ":"

    def _heading(self, piece: str) -> None:
        label = _SECTION_LABEL.match(piece)
        if label:
            self.section = label.group(1)

    def _expected(self) -> int:
        for op in reversed(self.ops):
            if op.number is not None and op.number[0] != "(":  # "(c)": lettered
                return _base_number(op.number) + 1
        return 1 + len(self.ops)

    def _new_op(self, number: str | None, start: int, end: int) -> None:
        self.ops.append(_Op(number, start, end, self.section))
        last = self.text[end - 1] if end > start else ""
        if last in _EMPHASIS_OR_SPACE:  # "" too
            last = self._last_char(start, end)
        self.embedding = (
            last == ":" and _EMBEDS.search(self.text, max(start, end - 200), end) is not None
        )
        self.body_end = end

    def _new_sub(self, label: str, piece_start: int, start: int, end: int) -> None:
        op = self.ops[-1]
        previous = op.last_letter
        roman = _ROMAN_LABEL.fullmatch(label) is not None
        successor = chr(ord(previous) + 1) if previous and len(previous) == 1 else None
        if roman and previous is None and (label == "i" or op.roman_list):
            full = label  # a roman list straight under the paragraph: (i), (ii), (iii)
            op.roman_list = True
        elif roman and previous is not None and label != successor:
            full = f"{previous}({label})"
        else:
            full = label
            op.last_letter = label
        op.subs.append([full, start, end])
        op.end = end
        self.body_end = end

    def operative_paragraphs(
        self, warnings: list[str], lead: Callable[[str], str]
    ) -> list[OperativeParagraph]:
        """The paragraphs with their numbers checked, their verbs read by ``lead``.

        Where numbering restarts at 1 under section headings (GA budget resolutions), the
        number is prefixed with the section: "II.3".
        """
        text = self.text
        restarts = "1" in [op.number for op in self.ops[1:]]
        per_section: dict[str | None, int] = {}  # read only where numbering restarts
        if restarts:
            for op in self.ops:
                per_section[op.section] = per_section.get(op.section, 0) + 1
        result: list[OperativeParagraph] = []
        previous = 0
        section: str | None = None
        for index, op in enumerate(self.ops):
            if restarts and op.section != section:
                section, previous = op.section, 0
            number = op.number
            where = f"section {section}, " if restarts and section else ""
            if number is not None and number[0] == "(":
                pass  # a lettered decision's paragraph: "(c)", as printed
            elif number is None:
                number = str(previous + 1)
                # a decision told in sentences numbers none: no number is missing
                if not op.narrative and (
                    per_section[op.section] > 1 if restarts else len(self.ops) > 1
                ):
                    warnings.append(
                        f"operative: {where}paragraph {index + 1} has no printed number;"
                        f" numbered {number}"
                    )
                previous += 1
            elif " " in number:  # "5 bis": inserted after paragraph 5 (or after "5 ter")
                printed = _base_number(number)
                if printed != previous:  # the count goes on from the paragraph before it
                    warnings.append(
                        f"operative numbering: {where}paragraph {number} follows "
                        f"{previous or 'the preamble'} (expected it after {printed})"
                    )
            else:
                printed = int(number)
                if printed != previous + 1:
                    warnings.append(
                        f"operative numbering: {where}paragraph {number} follows "
                        f"{previous or 'the preamble'} (expected {previous + 1})"
                    )
                previous = printed
            if restarts and section:
                number = f"{section}.{number}"
            paragraph = text[op.start : op.end]
            if op.subs:
                subs = [SubParagraph(label, text[s:e], (s, e)) for label, s, e in op.subs]
            elif ":" not in paragraph:
                subs = []  # the first inline label follows a colon
            else:
                subs = _inline_subparagraphs(text, op.start, op.end)
            if subs:
                subs[-1] = _before_lead_again(text, subs[-1])
            span = (op.start, op.end)
            verb = NARRATIVE_VERB if op.narrative else lead(paragraph)
            result.append(OperativeParagraph(number, verb, paragraph, span, subs))
        return result

    def annex_list(self) -> list[Annex]:
        """Annexes with their titles: the line after "Annex", or the first line of an
        embedded text (a draft resolution or declaration adopted as a whole)."""
        text = self.text
        annexes = []
        for start, end in self.annexes:
            heading = _ANNEX.match(text, start, end)
            body_start = heading.end() if heading else start
            rest = text[body_start:end].strip(" \t*_\n")
            first_line = rest.split("\n\n", 1)[0].strip(" *_#") if rest else ""
            title = " ".join(first_line.split()) if first_line else ""
            if heading and (
                len(title) > 200 or title[-1:] in (".", ",", ";", ":") or _NUM.match(title)
            ):
                title = ""  # the annex opens with a paragraph, not a title
            if not heading and OPENER.match(first_line):
                title = "Draft resolution"  # "The General Assembly, ..." recommended whole
            label = text[start:body_start].strip(" \t*_#")
            annexes.append(Annex(title or label, text[start:end], (start, end)))
        return annexes


_NUMBER_DOTS_COUNT = 1001  # a printed number has at most three digits
_NUMBER_DOTS = tuple(f"{number}." for number in range(_NUMBER_DOTS_COUNT))
_NUMBER_CANDIDATE = compiled(r"\s[*_]*(\d{1,3})\.[*_]*[ \t\n]+[*_]*(?=[A-Z])")
_BEFORE_NUMBER = compiled(r"[,;:.](?:\d{1,3}|\[\^\d+\])?[*_]*$")


def _number_split(text: str, start: int, end: int, number: int) -> tuple[int, int] | None:
    """Where paragraph ``number`` begins inside a piece that merged several paragraphs.

    Returns (end of the first part, start of the second). The number must follow
    punctuation (perhaps with a footnote mark: ";2 2. Calls") or open with an operative verb.
    """
    wanted = str(number)
    if text.find(wanted + ".", start, end) == -1:
        return None  # every candidate holds the number and its dot
    for candidate in _NUMBER_CANDIDATE.finditer(text, start, end):
        if candidate.group(1) != wanted:
            continue
        cut = candidate.start()
        after = candidate.end()
        if _BEFORE_NUMBER.search(text, max(start, cut - 12), cut) or _VERB_AHEAD_RE.match(
            text, after
        ):
            return cut, candidate.start(1)
    return None


#: The end of a list's last item when the paragraph's lead goes on after it on a line of
#: its own: the item's ";" at a line end, then a line opening in lower case.
_LEAD_AGAIN = compiled(r";(?:\[\^\d+\])?[*_ \t]*\n\s*[*_]*(?=[a-z])")


def _before_lead_again(text: str, sub: SubParagraph) -> SubParagraph:
    """The last sub-paragraph without the words of the lead that go on after the list
    ("(ii) Organizations of X;" then "and to complete the workshops before the Nth
    session"): those are the paragraph's (its text and span keep them), not the item's."""
    start, end = sub.span
    if text.find("\n", start, end) == -1:
        return sub
    found = _LEAD_AGAIN.search(text, start, end)
    if found is None:
        return sub
    stop = _trim(text, start, found.start() + 1)[1]
    return SubParagraph(sub.label, text[start:stop], (start, stop))


@lru_cache(maxsize=64)
def _inline_label(label: str) -> re.Pattern[str]:
    return re.compile(r"[;,.][*_]*\s+(?:(?:and|or)\s+)?[*_]*\(" + label + r"\)[*_]*\s+")


@lru_cache(maxsize=32)
def _next_item(label: str) -> re.Pattern[str]:
    """The next paragraph of a lettered decision printed on the same line as the one before:
    "...;(1) (b)(2) To ..." (group 1 ends the first, group 2 starts the next)."""
    return re.compile(r"[;.]()[*_]*[ \t]+[*_]*()\(" + label + r"\)[*_]*[ \t]+(?=[*_]*[A-Z])")


_INLINE_FIRST = compiled(r":[*_]*\s+[*_]*\((a|i)\)[*_]*\s+")
_ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


def _inline_subparagraphs(text: str, start: int, end: int) -> list[SubParagraph]:
    """Sub-paragraphs printed inside one block: "... as follows: (a) ...; (b) ..."

    (or "(i) ...; (ii) ..."). At least two consecutive labels are needed; the first
    follows a colon, which the caller looks for before it calls.
    """
    chunk = text[start:end]
    first = _INLINE_FIRST.search(chunk)
    if not first:
        return []
    roman = first.group(1) == "i"
    labels = _ROMANS if roman else tuple(chr(code) for code in range(ord("a"), ord("z") + 1))
    marks = [(chunk.index("(", first.start()), first.end(), labels[0])]
    position = first.end()
    for label in labels[1:]:
        found = _inline_label(label).search(chunk, position)
        if not found:
            break
        opening = chunk.index("(" + label + ")", found.start())
        marks.append((opening, found.end(), label))
        position = found.end()
    if len(marks) < 2:
        return []
    subs = []
    for index, (_, body_start, name) in enumerate(marks):
        body_end = marks[index + 1][0] if index + 1 < len(marks) else len(chunk)
        s, e = _trim(text, start + body_start, start + body_end)
        subs.append(SubParagraph(name, text[s:e], (s, e)))
    return subs


def _references(text: str, structure: Structure, footnotes: Sequence[Footnote]) -> list[Reference]:
    """References in the preamble and operative part (one pass), then in footnotes."""
    # Top-level places do not overlap: preambular and operative paragraphs in text order.
    places: list[tuple[int, int, str | None, OperativeParagraph | None]] = [
        (p.span[0], p.span[1], None, None) for p in structure.preamble
    ]
    places.extend((op.span[0], op.span[1], op.number, op) for op in structure.operative)
    if not places:
        return []
    # Each list is in text order: only a preambular paragraph after an operative one (a
    # section's preamble in a GA budget text) needs the sort.
    count = len(structure.preamble)
    if 0 < count < len(places) and places[count - 1][0] > places[count][0]:
        places.sort(key=itemgetter(0))
    starts = [place[0] for place in places]

    def paragraph_at(position: int, slack: int = 0) -> tuple[bool, str | None]:
        index = bisect_right(starts, position) - 1
        if index < 0 or position >= places[index][1] + slack:
            return False, None
        _, _, number, op = places[index]
        if op is not None:
            for sub in op.subparagraphs:
                if sub.span[0] <= position < sub.span[1]:
                    return True, f"{number}({sub.label})"
        return True, number

    found: list[Reference] = []
    for position, reference in find_all(text, places[0][0], max(map(itemgetter(1), places))):
        inside, paragraph = paragraph_at(position)
        if inside:
            reference.paragraph = paragraph
            found.append(reference)
    for note in footnotes:
        # The mark stood right after the paragraph's last character, or inside it.
        inside, paragraph = (False, None)
        if note.anchor is not None:
            inside, paragraph = paragraph_at(note.anchor, slack=3)
        for _, reference in find_all(note.text):
            reference.paragraph = paragraph if inside else None
            found.append(reference)
    return found
