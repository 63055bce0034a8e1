"""structure.py as it was before the second round of issue 16 (main at 61a7e96).

Kept unchanged (apart from this docstring, the lint pragmas and the imports of the header,
references and votes modules as they were, kept beside it) as the reference the fast
structure stage must agree with: tests/extraction/test_structure_fast_paths.py runs both
over the corpus, damaged copies of it, invented texts and generated ones, and requires the
same Structure. Not used by the application.
"""

# ruff: noqa
# mypy: ignore-errors

from __future__ import annotations

import re
from bisect import bisect_right
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from mandates.extraction.errors import NotAResolutionError
from tests.extraction.reference_header import (
    DATE_PATTERN,
    OPENER,
    Header,
    find_opener,
    parse_header,
)
from tests.extraction.reference_references import find_all
from mandates.extraction.result import (
    Annex,
    Footnote,
    OperativeParagraph,
    PreambleParagraph,
    Reference,
    SubParagraph,
    Vote,
)
from tests.extraction.reference_votes import parse_vote
from mandates.extraction.ordinals import INSERTED_SUFFIX

__all__ = ["Structure", "operative_verb", "parse_structure", "preamble_verb"]

_M = r"[ \t*_#]*"  # markup that may precede a paragraph's first word
# extractor 0.3.52: "5 bis.", "5bis.", "5 ter." (group 2), as structure._NUM reads them
_NUM = re.compile(
    _M
    + r"(\d{1,3})(?:[ \t\u00a0]?("
    + INSERTED_SUFFIX
    + r"))?\.[*_\u200e\u200f]*[ \t\u00a0]+(?=\S)"
)
_NUM_NO_DOT = re.compile(_M + r"(\d{1,3})[ \t\u00a0]+(?=[*_]*[A-Z][a-z])")
_LABEL = re.compile(_M + r"\(([a-z]{1,2}|[ivxlc]{1,6})\)[*_]*[ \t]+(?=\S)")
_MEETING = re.compile(_M + r"\d{1,5}(?:st|nd|rd|th)\s+(?:\(resumed\)\s+)?(?:plenary\s+)?meeting\b")
_ADOPTED = re.compile(_M + r"\[\s*[*_]*Adopted\b|" + _M + r"Adopted\s+(?:without|by\s+a)\b")
_DATE_ONLY = re.compile(_M + DATE_PATTERN + r"[*_ \t]*$")
_ANNEX = re.compile(_M + r"Annex(?:es)?(?:[ \t]+(?:[IVXLC]{1,5}|[A-Z]|\d{1,2}))?\b[*_]*")
_VOTE_LIST = re.compile(_M + r"(?:In favour|Against|Abstaining)\s*:")
_HEADING_ALONE = re.compile(_M + r"(?:[IVXLC]{1,6}|[A-Z])\.?[*_ \t]*$")
_HEADING_TITLED = re.compile(_M + r"(?:[IVXLC]{1,6}|[A-Z])(?:\.[ \t]*|[ \t]+)[*_]*[A-Z“\"]")
_LETTERS = re.compile(r"[A-Za-z]")
_ADOPTED_FIRST = frozenset("[A")  # what _ADOPTED can start with after markup
_HEAD = 2000  # characters of a piece that classification looks at
_EMBEDS = re.compile(
    r"\bthe\s+following\s+(?:draft\s+)?(?:resolution|decision|declaration|text)s?"
    r"(?:\s+[^:;.]{0,80})?:[*_\s]*$"
)
_FOOTNOTE_MARK_END = re.compile(r"(?<=[,;:.])[*_]*(?:\[\^\d+\]|<sup>\d+</sup>|\d{1,3})$")
_SECTION_LABEL = re.compile(_M + r"([IVXLC]{1,6}|[A-Z])(?:\.|\s|$)")


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
_PRE_START = re.compile(
    r"[*_]*(?:(?:" + _PRE_WORDS + r")\b[*_]*(?:[ \t]+[*_]*[\w(“\"‘]|,[ \t]+[a-z])"
    r"|(?!Beijing|Kunming|Nanjing|Pyongyang|Chongqing|Harbin|Sterling|Viking)"
    r"[A-Z][a-z]+ing[*_]*(?:[ \t]+[*_]*[a-z(“\"‘]|,[ \t]+[a-z]))"
)
_LINE_SPLIT = re.compile(
    r"\n(?=" + _NUM.pattern + "|" + _LABEL.pattern + "|" + _MEETING.pattern + "|"
    r"[ \t*_]*\[\s*[*_]*Adopted\b|" + _VOTE_LIST.pattern + "|" + _M + r"Annex\b[^\n]{0,80}$)",
    re.MULTILINE,
)
_AFTER_PUNCT = re.compile(r"[:;,.\]][*_ \t]*$")
_PRE_KNOWN = re.compile(_M + r"(?:" + _PRE_WORDS + r")\b[*_]*(?:[ \t]+[*_]*[\w(“\"‘]|,[ \t]+[a-z])")
_PRE_SPLIT = re.compile(r"(,)[*_]*\s+(?=" + _PRE_START.pattern + ")")
_CLOSING_SPLIT = re.compile(
    r"([.;])[*_]*\s+(?=[*_]*\d{1,5}(?:st|nd|rd|th)\s+(?:\(resumed\)\s+)?(?:plenary\s+)?"
    r"meeting\b|\[\s*Adopted\b)"
)
_BLOCK = re.compile(r"(?:[ \t]*\S[^\n]*(?:\n|$))+")
# Every preambular opening starts with a capital: what a _PRE_SPLIT match must hold.
_PRE_SPLIT_HINT = re.compile(r",[*_]*\s+[*_]*[A-Z]")


def _pre_split(text: str, start: int, end: int) -> re.Match[str] | None:
    """_PRE_SPLIT in text[start:end], searched only where a comma precedes a capital."""
    if _PRE_SPLIT_HINT.search(text, start, end) is None:
        return None
    return _PRE_SPLIT.search(text, start, end)


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
_ITALIC_LEAD = re.compile(r"([A-Z][^*_\n]{0,60}?)[*_]+(?:\s|$)")
_VERB_AHEAD = (
    r"(?:(?:Also|Further|Again|Once\s+again|Strongly|Firmly)\s+[a-z]+|"
    + "|".join(sorted(_OPERATIVE_VERBS))
    + r")\b"
)
_VERB_AHEAD_RE = re.compile(_VERB_AHEAD)
_WORD = re.compile(r"[A-Za-z][A-Za-z\-]*")


@dataclass
class Structure:
    header: Header
    preamble: list[PreambleParagraph] = field(default_factory=list)
    operative: list[OperativeParagraph] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    vote: Vote | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Op:
    number: str | None
    start: int
    end: int
    subs: list[list] = field(default_factory=list)  # [label, start, end]
    last_letter: str | None = None
    roman_list: bool = False
    section: str | None = None


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
    return _WORD.findall(text[:160])[:limit]


def _lead(text: str, operative: bool) -> str:
    """The leading verb phrase as printed: "Recalling also", "Takes note with appreciation of"."""
    plain = text.lstrip(" \t*_#")
    head = plain[:62]  # an italic lead's closing "*" or "_" stands within it
    if "*" in head or "_" in head:
        italic = _ITALIC_LEAD.match(plain)
        if italic and len(italic.group(1).split()) <= 6 and plain[: italic.end()].count("*") <= 2:
            return italic.group(1).strip()
    # The usual case, decided from two words: a verb that is no adverb and takes no
    # particle, then a word that adds nothing to it ("Requests the", "Recalling its").
    first = _WORD.search(plain, 0, 160)
    if first is None:
        return ""
    verb = first.group()
    lower = verb.lower()
    if lower not in _PARTICLES and lower not in _LEADING and not _adverb_like(lower):
        second = _WORD.search(plain, first.end(), 160)
        following = second.group().lower() if second else ""
        if following not in _ADVERBS_AFTER and following != "with":
            return verb
    words = _words(plain)
    if not words:
        return ""
    index = 0
    # Leading adverbs: "Also requests", "Once again urges", "Deeply concerned", "While noting".
    while index < len(words) - 1 and index < 3:
        lower = words[index].lower()
        if lower in _LEADING or _adverb_like(lower):
            index += 1
        else:
            break
    out = words[: index + 1]
    verb = words[index].lower()
    index += 1
    phrases = _PARTICLES.get(verb, ())
    closed = False  # after "Calls upon" / "Calls for" nothing more belongs to the verb
    while index < len(words) and not closed:
        word = words[index].lower()
        phrase = next(
            (p for p in phrases if [w.lower() for w in words[index : index + len(p)]] == list(p)),
            None,
        )
        if phrase:
            out.extend(words[index : index + len(phrase)])
            index += len(phrase)
            phrases = ()
            closed = verb not in _NOTE_VERBS
            continue
        if word in _ADVERBS and word != "once":
            out.append(words[index])
        elif word == "with" and index + 1 < len(words) and words[index + 1].lower() in _WITH_WORDS:
            out.append(words[index])
            index += 1
            while index < len(words) and words[index].lower() in _WITH_WORDS:
                out.append(words[index])
                index += 1
            continue
        else:
            break
        index += 1
    if verb in ("takes", "take") and len(out) > 1 and index < len(words) and words[index] == "of":
        out.append("of")
    return " ".join(out)


def preamble_verb(text: str) -> str:
    """The verb that opens a preambular paragraph ("Recalling also", "Deeply concerned")."""
    return _lead(text, operative=False)


def operative_verb(text: str) -> str:
    """The verb that opens an operative paragraph ("Also requests", "Calls upon")."""
    return _lead(text, operative=True)


def _looks_operative(piece: str, last: str) -> bool:
    """An unnumbered paragraph that reads as operative: "Requests ...;" rather than "...,"."""
    if last not in (".", ";", ":"):
        return False
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


def _is_heading(piece: str) -> bool:
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


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Blocks between blank lines, cut again at line starts that open a paragraph."""
    out: list[tuple[int, int]] = []
    for block in _BLOCK.finditer(text, start, end):
        cut = block.start()
        if text.find("\n", cut, block.end() - 1) == -1:
            # One line: its closing line end opens nothing (every _LINE_SPLIT start
            # needs characters after it, and the block ends there).
            out.append(_trim(text, cut, block.end()))
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


_HEADER_LIKE = re.compile(
    r"[\s*_#]*(?:Resolution\s+\d|Adopted\s+by|Resolution\s+adopted|Agenda\s+item|\[|"
    r"(?:ES-|S-)?\d{1,4}/\d{1,4}\.|[A-Z][a-z]+(?:[- ][a-z]+)?\s+session|United\s+Nations|"
    r"Distr|General\s+Assembly|Human\s+Rights\s+Council|Security\s+Council|"
    r"Economic\s+and\s+Social\s+Council|" + DATE_PATTERN + ")"
)


# extractor 0.3.52: the first part's label ("A") at the end of the header, as structure.py
_FIRST_PART = re.compile(r"\n\n[ \t*_#]*A\.?[ \t*_]*\n\n(?:[^\n]{1,300}\n\n)?[ \t*_#]*$")


def _first_part(text: str, header_end: int) -> int | None:
    found = _FIRST_PART.search(text, max(0, header_end - 320), header_end)
    if found is None or not text[: found.start()].strip():
        return None
    return found.start() + 2


def _opener_alone(piece: str) -> bool:
    found = OPENER.match(piece)
    return found is not None and found.end() >= len(piece.rstrip(" \t*_"))


def _printed_number(number: re.Match[str]) -> str:
    suffix = number.group(2) if number.re.groups > 1 else None
    return f"{number.group(1)} {suffix}" if suffix else number.group(1)


def _base_number(number: str) -> int:
    return int(number.partition(" ")[0])


def _find_body_start(text: str) -> tuple[int, int, str | None]:
    """(end of header, start of body, body named by the opener)."""
    opener = find_opener(text)
    if opener:
        return opener.start(), opener.end(), opener.group(1) or opener.group(2)
    # No opening formula (some Security Council texts): the header is the run of
    # header-like blocks at the top.
    # (0.3.51) Short masthead lines are read past when a header-like block follows.
    end = 0
    for count, block in enumerate(_BLOCK.finditer(text)):
        if count > 15:
            break
        if _NUM.match(block.group(0)) or _PRE_START.match(block.group(0).lstrip()):
            break
        if _HEADER_LIKE.match(block.group(0)):
            end = block.end()
            continue
        line = block.group(0).strip(" \t\n*_#")
        if len(line) > 150 or "\n" in line or line[-1:] in (".", ",", ";", ":"):
            break
    return end, end, None


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
    if part is not None:  # extractor 0.3.52
        header_end = part
        walker.section = "A"
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
    structure.preamble = [
        PreambleParagraph(preamble_verb(text[s:e]), text[s:e], (s, e)) for s, e in walker.preamble
    ]
    structure.operative = walker.operative_paragraphs(structure.warnings)
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
        self._no_first_split: set[int] = set()  # ends of pieces holding no merged "1. "
        self._no_closing_split: set[int] = set()  # ends of pieces holding no closing line

    def walk(self, start: int, end: int) -> None:
        queue = deque(_pieces(self.text, start, end))
        while queue:
            s, e = queue.popleft()
            for piece in reversed(self._step(s, e)):
                queue.appendleft(piece)

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
        # Matches look at the start of a piece; splits search the text in place, so a
        # long piece (a reader that merged paragraphs) is never copied again and again.
        piece = text[s:e] if e - s <= _HEAD else text[s : s + _HEAD]
        whole = e - s <= _HEAD
        # After markup, a number, meeting or date line starts with a digit, an annex
        # heading with "A", an adoption line with "[" or "A": other pieces skip those.
        first = piece.lstrip(" \t*_#")[:1]
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
            if (digit and _MEETING.match(piece)) or (adopted_first and _ADOPTED.match(piece)):
                if self.closing_start is None:
                    self.closing_start = s
                self.state = "closing"
            elif first == "A" and _ANNEX.match(piece) and self._annex_heading(piece):
                self.annexes.append([s, e])
            else:
                self.annexes[-1][1] = e
            return []
        after_operative = self.state != "preamble" or bool(self.ops)
        if after_operative and first == "A" and _ANNEX.match(piece) and self._annex_heading(piece):
            self.state = "annex"
            self.annexes.append([s, e])
            return []
        if after_operative and (
            (digit and (_MEETING.match(piece) or (whole and _DATE_ONLY.match(piece))))
            or (adopted_first and _ADOPTED.match(piece))
        ):
            if self.closing_start is None:
                self.closing_start = s
            self.state = "closing"
            return []
        if self.state == "closing":
            return []

        last = self._last_char(s, e)
        number = _NUM.match(piece) if digit else None
        if not number and digit:
            bare = _NUM_NO_DOT.match(piece)
            if bare and int(bare.group(1)) == self._expected():
                number = bare  # "27 Affirms": the dot was lost
        if self.state == "preamble" and not number:
            if e not in self._no_first_split:
                at = _number_split(text, s, e, 1)
                if at:
                    return self._cut_at(s, e, *at)
                self._no_first_split.add(e)  # nor in any later part of this piece
            split = _pre_split(text, s, e)
            if split:
                return self._cut(s, e, split)
            if whole and _is_heading(piece):
                self._heading(piece)
                return []
            if self.preamble and (
                piece[:1].islower() or _LABEL.match(piece) or self._preamble_unfinished(piece)
            ):
                self.preamble[-1] = (self.preamble[-1][0], e)  # continued after a break
                return []
            if _looks_operative(piece, last):
                self._new_op(None, s, e)
                return []
            self.preamble.append((s, e))
            return []

        # Operative part.
        self.state = "operative"
        if e not in self._no_closing_split:
            closing = _closing_split(text, s, e)
            if closing:
                return self._cut(s, e, closing)
            self._no_closing_split.add(e)
        target = int(number.group(1)) + 1 if number else self._expected()
        at = _number_split(text, s + (number.end() if number else 1), e, target)
        if at:
            return self._cut_at(s, e, *at)
        if number:
            self._new_op(_printed_number(number), s + number.end(), e)
            return []
        label = _LABEL.match(piece)
        if label and self.ops:
            self._new_sub(label.group(1), s, s + label.end(), e)
            return []
        if whole and first == "T" and _opener_alone(piece):
            return []  # extractor 0.3.52: a later part's own opening formula
        if whole and _is_heading(piece):
            self._heading(piece)
            return []
        if _PRE_START.match(piece.lstrip()) and last in (",", ":"):
            self.preamble.append((s, e))  # the preamble of a new section (GA budget texts)
            return []
        if self.ops:
            op = self.ops[-1]
            ends = self._last_char(op.start, op.end)
            if ends in (";", ".") and piece[:1].isupper() and _looks_operative(piece, last):
                self._new_op(None, s, e)
                return []
            op.end = e
            if op.subs:
                op.subs[-1][2] = e
        return []

    def _preamble_unfinished(self, piece: str) -> bool:
        """The last preambular paragraph stopped mid-sentence (a page break cut it)."""
        start, end = self.preamble[-1]
        last = _without_end_mark(self.text[start:end].rstrip(" \t*_"))
        return last[-1:] not in (",", ";", ":", ".") and not _PRE_START.match(piece.lstrip())

    def _heading(self, piece: str) -> None:
        label = _SECTION_LABEL.match(piece)
        if label:
            self.section = label.group(1)

    def _annex_heading(self, piece: str) -> bool:
        heading = _ANNEX.match(piece)
        assert heading is not None
        rest = piece[heading.end() :].lstrip(" \t*_")
        return not rest or rest[:1].isupper() or rest[:1].isdigit() or rest[:1] in '\n“"'

    def _expected(self) -> int:
        for op in reversed(self.ops):
            if op.number is not None:
                return _base_number(op.number) + 1
        return 1 + len(self.ops)

    def _new_op(self, number: str | None, start: int, end: int) -> None:
        self.ops.append(_Op(number, start, end, section=self.section))
        self.embedding = (
            self._last_char(start, end) == ":"
            and _EMBEDS.search(self.text, max(start, end - 200), end) is not None
        )
        self.body_end = end

    def _new_sub(self, label: str, piece_start: int, start: int, end: int) -> None:
        op = self.ops[-1]
        previous = op.last_letter
        roman = re.fullmatch(r"[ivxlc]+", label) is not None
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

    def operative_paragraphs(self, warnings: list[str]) -> list[OperativeParagraph]:
        """The paragraphs with their numbers checked.

        Where numbering restarts at 1 under section headings (GA budget resolutions), the
        number is prefixed with the section: "II.3".
        """
        text = self.text
        restarts = any(op.number == "1" for op in self.ops[1:])
        per_section: dict[str | None, int] = {}
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
            if number is None:
                number = str(previous + 1)
                if per_section[op.section] > 1 if restarts else len(self.ops) > 1:
                    warnings.append(
                        f"operative: {where}paragraph {index + 1} has no printed number;"
                        f" numbered {number}"
                    )
            elif " " in number:  # extractor 0.3.52: "5 bis" after 5; the count goes on
                if _base_number(number) != previous:
                    warnings.append(
                        f"operative numbering: {where}paragraph {number} follows "
                        f"{previous or 'the preamble'} (expected it after {_base_number(number)})"
                    )
            elif int(number) != previous + 1:
                warnings.append(
                    f"operative numbering: {where}paragraph {number} follows "
                    f"{previous or 'the preamble'} (expected {previous + 1})"
                )
            if " " not in number:
                previous = int(number)
            if restarts and section:
                number = f"{section}.{number}"
            subs = [SubParagraph(label, text[s:e], (s, e)) for label, s, e in op.subs]
            if not subs:
                subs = _inline_subparagraphs(text, op.start, op.end)
            if subs:
                subs[-1] = _before_lead_again(text, subs[-1])
            verb = operative_verb(text[op.start : op.end])
            span = (op.start, op.end)
            result.append(OperativeParagraph(number, verb, text[op.start : op.end], span, subs))
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


_NUMBER_CANDIDATE = re.compile(r"\s[*_]*(\d{1,3})\.[*_]*[ \t\n]+[*_]*(?=[A-Z])")
_BEFORE_NUMBER = re.compile(r"[,;:.](?:\d{1,3}|\[\^\d+\])?[*_]*$")


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


@lru_cache(maxsize=64)
def _inline_label(label: str) -> re.Pattern[str]:
    return re.compile(r"[;,.][*_]*\s+(?:(?:and|or)\s+)?[*_]*\(" + label + r"\)[*_]*\s+")


_INLINE_FIRST = re.compile(r":[*_]*\s+[*_]*\((a|i)\)[*_]*\s+")
_ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")


def _before_lead_again(text: str, sub: SubParagraph) -> SubParagraph:
    """The last sub-paragraph without the lead's words that go on after the list on a line
    of their own (``structure._before_lead_again``, mirrored)."""
    start, end = sub.span
    found = re.search(r";(?:\[\^\d+\])?[*_ \t]*\n\s*[*_]*(?=[a-z])", text[start:end])
    if found is None:
        return sub
    stop = _trim(text, start, start + found.start() + 1)[1]
    return SubParagraph(sub.label, text[start:stop], (start, stop))


def _inline_subparagraphs(text: str, start: int, end: int) -> list[SubParagraph]:
    """Sub-paragraphs printed inside one block: "... as follows: (a) ...; (b) ..."

    (or "(i) ...; (ii) ..."). At least two consecutive labels are needed.
    """
    if text.find(":", start, end) == -1:
        return []  # the first label follows a colon
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
    places.sort(key=lambda place: place[0])
    if not places:
        return []
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
    for position, reference in find_all(text, places[0][0], max(p[1] for p in places)):
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
