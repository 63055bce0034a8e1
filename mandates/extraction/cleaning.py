"""Clean decoded resolution text: paragraphs, footnotes apart, export residue removed.

Two entry points share one finishing stage:

* :func:`clean_text` takes a whole plain-text or Markdown document and rebuilds its
  paragraphs; :func:`clean_lines` does the same for lines laid out by a reader (docx,
  html, pdf), where footnote marks are written with :meth:`Notes.mark`;
* :func:`finish` turns paragraphs into the clean text and the footnotes.

What happens, in order:

1. characters: line ends unified, no-break and other special spaces made spaces,
   invisible characters dropped, ligatures and non-breaking hyphens resolved;
2. footnotes written in the text are taken out: Word's ``[footnoteRef:n]  [n: text]``,
   Markdown ``[^n]`` / ``[^n]: text``, ``<sup>n</sup>``, superscript digits ("report²",
   "² text"; not "m²" or "10³"), and footnote lines left in the middle of a paragraph by a
   page break ("<tab>1 See FCCC/...");
3. Markdown (emphasis, headings, rules, escapes, links) becomes plain text; a draft's
   margin line numbers are taken off (:func:`_without_line_numbers`);
4. lines become paragraphs. A text is read in *block mode* (blank lines separate
   paragraphs, lines of a block are joined) or, when it has almost no blank lines, in
   *line mode* (each line may be a paragraph: it is joined to the next one only when the
   sentence visibly goes on). Numbered paragraphs, "(a)" labels, front-matter and vote
   lines start paragraphs; a paragraph cut by a page break (a rule, a footnote block, a
   running title) is joined again when it stops mid-sentence;
5. merged front-matter lines are split ("General Assembly Distr.: General ...");
6. tracked-change residue ("nonselectivitynon-selectivity") keeps the new reading, with a
   warning; session residue ("sixty-second session; sixty fifth") is left for review;
7. footnote numbers glued to words ("Questions,2") become marks, conservatively; a
   footnote whose text is known but whose number stands apart is looked for between the
   marks of its neighbours;
8. marks are removed from the text and their offsets become the footnotes' anchors.

Every regular expression is compiled once; each pass is linear in the text.
"""

from __future__ import annotations

import json
import operator
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain, compress, pairwise, repeat
from pathlib import Path

from mandates.extraction.lexicon import lexicon_path
from mandates.extraction.ordinals import INSERTED_SUFFIX, ORDINAL_WORDS
from mandates.extraction.regex_cache import compiled
from mandates.extraction.result import Footnote

__all__ = [
    "Notes",
    "clean_lines",
    "clean_text",
    "finish",
    "looks_like_markdown",
    "normalise_chars",
]

# A footnote mark inside text handed from a reader to `finish`: "\ue000<key>\ue001",
# where key indexes Notes.marks. Private-use characters never occur in real texts
# (they are removed from the input first).
_OPEN, _CLOSE = "\ue000", "\ue001"
_MARK = compiled("\ue000(\\d+)\ue001")


@dataclass
class Notes:
    """Footnote marks met in the text and footnote texts met apart from it."""

    marks: list[tuple[str, str | None]] = field(default_factory=list)  # (mark, own text)
    texts: list[tuple[str, str]] = field(default_factory=list)  # (mark, text), in order
    warnings: list[str] = field(default_factory=list)

    def mark(self, mark: str, text: str | None = None) -> str:
        """The in-text token for footnote ``mark``; ``text`` when the reader knows it."""
        self.marks.append((mark, text))
        return f"{_OPEN}{len(self.marks) - 1}{_CLOSE}"

    def add_text(self, mark: str, text: str) -> None:
        """A footnote text found apart (page bottom, end notes), matched to its mark later."""
        text = _squash(text)
        if text:
            self.texts.append((mark, text))


# --------------------------------------------------------------------------- characters

_CHAR_MAP = {
    "\u00a0": " ",  # no-break space
    "\u2007": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u3000": " ",
    "\u00ad": None,  # soft hyphen
    "\u200b": None,  # zero-width space
    "\u200c": None,
    "\u200d": None,
    "\u2060": None,
    "\ufeff": None,  # BOM / zero-width no-break space
    "\u2011": "-",  # non-breaking hyphen
    "\ufffe": "-",  # PDFium's hyphen at a line end (in text copied through it)
    "\u2010": "-",  # hyphen
    "\ufb00": "ff",  # ligatures
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\u2028": "\n",
    "\u2029": "\n\n",
    "\x0b": "\n",
    "\x0c": "\n\f\n",  # form feed: a page break
}
_NORMALISE = compiled("[" + "".join(_CHAR_MAP) + "\ue000-\uf8ff\x00-\x08\x0e-\x1f\x7f]")

#: Unicode's bidirectional controls (the Bidi_Control property: marks, embeddings,
#: overrides, isolates). Invisible, they turn the direction of the text after them, so a
#: title holding one reads reversed in e-mails, pages and the History. The clean text keeps
#: them (real texts have U+200E mid-sentence, and every span indexes that text); the titles
#: read from it are given without them (`without_bidi_controls`).
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_NO_BIDI = dict.fromkeys(map(ord, BIDI_CONTROLS))


def without_bidi_controls(text: str) -> str:
    """The text without bidirectional controls (a title, a name); spaces left as they are."""
    return text.translate(_NO_BIDI)


_HSPACE = compiled(r"\t[ \t]*| [ \t]+")


#: Bytes that are never part of a character _NORMALISE looks for (printable ASCII, tab
#: and line feed): deleted from the UTF-8 form, they leave the other characters.
PLAIN_BYTES = bytes(range(0x20, 0x7F)) + b"\t\n"


def normalise_chars(text: str, rest_utf8: bytes | None = None) -> str:
    """Unify line ends, turn special spaces into spaces, drop invisible characters.

    ``rest_utf8``: the UTF-8 form of ``text`` without its :data:`PLAIN_BYTES`, when the
    caller has it (a reader of UTF-8 bytes gets it from them, not from a new encoding)."""
    if rest_utf8 is None:
        rest_utf8 = text.encode("utf-8", "surrogatepass").translate(None, PLAIN_BYTES)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        # What the new line feeds leave of the rest: all but the carriage returns.
        rest_utf8 = rest_utf8.replace(b"\r", b"")
    # Which special characters occur: searched for among the text's characters that are
    # not printable ASCII (a few hundred in a UN text), not over the whole text.
    rest = rest_utf8
    if not rest:
        return text
    found = set(_NORMALISE.findall(rest.decode("utf-8", "surrogatepass")))
    # Each one replaced everywhere: what one substitution over the text gives, as no
    # replacement holds a special character other than the form feed it replaces.
    for char in found:
        text = text.replace(char, _CHAR_MAP.get(char) or "")
    return text


def _without_marks(text: str) -> str:
    """``text`` without the marks of :meth:`Notes.mark` (not scanned when it has none)."""
    return _MARK.sub("", text) if _OPEN in text else text


def _squash(text: str) -> str:
    if "\n" in text or "\f" in text:
        text = text.replace("\n", " ").replace("\f", " ")
    if "  " in text or "\t" in text:
        text = _HSPACE.sub(" ", text)
    return text.strip()


# --------------------------------------------------------------- markdown and footnotes

_MD_SIGNS = compiled(r"^ {0,3}-{3,}[ \t]*$|^\*[A-Z][a-z]+", re.MULTILINE)
_YAML_FRONT_MATTER = compiled(r"\A\s*---[ \t]*\n(?:[ \t]*(?:[\w-]+:.*|- .*|#.*)?\n)*?---[ \t]*\n")
# A backslash before ASCII punctuation escapes it (CommonMark); before a space it is
# pandoc's no-break space; at a line's end, a hard line break.
_MD_ESCAPE = compiled(r"\\([!-/:-@\[-`{-~ ])")
_MD_HARD_BREAK = compiled(r"\\$", re.MULTILINE)
_MD_RULE = compiled(r"^ {0,3}(?:-{3,}|\*{3,}|_{3,})[ \t]*$", re.MULTILINE)
_MD_HEADING = compiled(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
# Emphasis: one to three stars (one or two underscores) opening before a word or closing
# after one. Each branch starts with the sign itself and looks behind it afterwards, so
# the search jumps from sign to sign instead of trying every position.
_MD_STARS = compiled(r"\*(?<![\w*]\*)\*{0,2}(?=[^\s*])|\*(?<=[^\s*]\*)\*{0,2}(?![\w*])")
_MD_UNDERSCORES = compiled(r"_(?<![\w_]_)_?(?=[^\s_])|_(?<=[^\s_]_)_?(?![\w_])")
_MD_LINK = compiled(r"!?\[([^\]\n^]*)\]\([^)\s]*\)")
_MD_BULLET = compiled(r"^ {0,3}[-+*•][ \t]+")
_MD_QUOTE = compiled(r"^ {0,3}>[ \t]?")
_BR = compiled(r"<br\s*/?>", re.IGNORECASE)
_SUP_DEF = compiled(r"^\s*<sup>\s*(\w{1,4})\s*</sup>\s*(.*)$")
_SUP_REF = compiled(r"<sup>\s*(\w{1,4})\s*</sup>")
_OTHER_TAG = compiled(r"</?(?:sup|sub|span|em|strong|i|b|u|small)\b[^>]*>", re.IGNORECASE)
_CARET_DEF = compiled(r"^ {0,3}\[\^(\w{1,8})\]:[ \t]*(.*)$")
_CARET_REF = compiled(r"\[\^(\w{1,8})\]")
# Word's plain-text export: "[footnoteRef:3]  [3:  A/HRC/59/36. ]"
_FOOTNOTE_REF = compiled(
    r"\[footnoteRef:(\d{1,4})\](?:[ \t]*\[\1:[ \t]*((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\])?"
)
_INLINE_NOTE_SPLIT = compiled(r"(?:[ \t]*\t[ \t]*|[ ]{2,})(\d{1,3})[ \t]+(?=\S)")
# A footnote line left by a page break in a plain-text export: "\t1 See FCCC/..."
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_TAB_NOTE_LINE = compiled(
    r"^[ ]*\t[ \t]*([1-9]\d{0,2})[ \t]+(?=[A-Z“\"(])(?!(?:" + _MONTHS + r")\b)(.+)$"
)
# Word's plain-text export may also list a footnote on its own line: "[2:  A/HRC/58/78. ]".
_WORD_NOTE_LINE = compiled(r"^[ \t]*\[([1-9]\d{0,2}):[ \t]*(.*?)[ \t]*\][ \t]*$")
#: What a plain-text footnote line (the three patterns above and below) starts with,
#: after its spaces and tabs.
_NOTE_LINE_FIRST = frozenset("123456789[")
_SEE_NOTE_WORDS = (
    r"(?:See|Resolution|Decision|Official Records|United Nations, Treaty Series|A/|E/|S/)\b"
)
_SEE_NOTE_LINE = compiled(r"^[ \t]*([1-9]\d{0,2})[ \t]+(" + _SEE_NOTE_WORDS + r".*)$")


# One scan for every sign: "[^", "<sup>", "**", "\n#" are signs; "---" and a line starting
# with "*" are when _MD_SIGNS matches their line. A line start is matched without taking
# the "*", so that "\n**" is seen as "**" too.
_MD_HINTS = compiled(r"\[\^|<sup>|\*\*|\n#|---|\n(?=\*)")


def looks_like_markdown(text: str) -> bool:
    """True when the text carries Markdown signs (footnote refs, headings, emphasis, rules)."""
    if text[:1] == "#" or (text[:1] == "*" and _MD_SIGNS.match(text)):
        return True
    checked_to = 0  # the end of the last line matched for a rule: each line once
    for hint in _MD_HINTS.finditer(text):
        sign = hint.group()
        if sign == "---":
            if hint.start() < checked_to:
                continue
            if _MD_SIGNS.match(text, text.rfind("\n", 0, hint.start()) + 1):
                return True
            checked_to = text.find("\n", hint.start())
            if checked_to == -1:
                checked_to = len(text)
        elif sign != "\n" or _MD_SIGNS.match(text, hint.end()):
            return True
    return False


# Footnote marks set as Unicode superscript digits, as text copied from a web page or a
# Markdown export carries them: "a report² to the Council", "resolution 58/12,³". A run of
# them glued to a word, a closing mark or punctuation ("report²", "Council,²", "(2024)¹⁰")
# is a mark; after digits only when they end a symbol ("resolution 58/12²"), as "10³" is
# a power; "m²", "km²", "cm³" are units and stay. A line opening with one is the note's
# text ("² A/HRC/58/12.").
_SUPERSCRIPTS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
_SUPERSCRIPT_VALUE = str.maketrans(_SUPERSCRIPTS, "0123456789")
#: The same in UTF-8 (looked for among a text's bytes beyond ASCII, `normalise_chars`).
_SUPERSCRIPT_UTF8 = compiled(rb"\xc2[\xb2\xb3\xb9]|\xe2\x81[\xb0\xb4-\xb9]")
_SUPERSCRIPT_DEF = compiled(rf"^[ \t]*([{_SUPERSCRIPTS}]{{1,3}})[ \t]*(\S.*)$", re.MULTILINE)
_SUPERSCRIPT_MARK = compiled(
    rf"(?<=[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f0-9,;:.)\]”’\"\ue001])"
    rf"[{_SUPERSCRIPTS}]{{1,3}}(?![{_SUPERSCRIPTS}A-Za-z0-9])"
)
#: What stands before a glued run: a word (group 1) or digits after a "/" (group 2).
_SUPERSCRIPT_BEFORE = compiled(r"(?:(?<![A-Za-z])([A-Za-z]{1,3})|(/\d+)|\d)$")
#: Units whose square or cube is written with a superscript.
_UNITS = frozenset(["m", "cm", "mm", "km", "dm", "nm", "ft", "in", "yd", "mi"])


def _superscript_marks(text: str, notes: Notes) -> str:
    """Superscript footnote marks become marks (:meth:`Notes.mark`), their notes' lines
    footnote texts; a superscript that is no mark is left as it is."""

    def note(match: re.Match[str]) -> str:
        notes.add_text(match.group(1).translate(_SUPERSCRIPT_VALUE), match.group(2))
        return "\f"

    def mark(match: re.Match[str]) -> str:
        digits = match.group()
        before = _SUPERSCRIPT_BEFORE.search(marked, max(0, match.start() - 12), match.start())
        if before is not None:
            word, symbol = before.groups()
            if word is None and symbol is None:
                return digits  # "10³": a power
            if word is not None and word in _UNITS and digits in ("\u00b2", "\u00b3"):
                return digits  # "m²": a unit
        return notes.mark(digits.translate(_SUPERSCRIPT_VALUE))

    marked = _SUPERSCRIPT_DEF.sub(note, text)
    return _SUPERSCRIPT_MARK.sub(mark, marked)


def _footnote_refs(text: str, notes: Notes) -> str:
    def replace(match: re.Match[str]) -> str:
        number, inline = match.group(1), match.group(2)
        if inline is None:
            return notes.mark(number)
        pieces = _INLINE_NOTE_SPLIT.split(inline)
        token = notes.mark(number, _squash(pieces[0]))
        # The bracket may hold further footnotes of the printed page: "3 See ...".
        for index in range(1, len(pieces) - 1, 2):
            notes.add_text(pieces[index], pieces[index + 1])
        return token

    return _FOOTNOTE_REF.sub(replace, text)


# ---------------------------------------------------------------- paragraph assembly

# Lines that start a paragraph of their own.
_NUMBERED = compiled(
    r"^(?:\d{1,3}(?: ?" + INSERTED_SUFFIX + r")?|[IVXL]{1,6}|\d{1,3} ?\([a-z]{1,2}\))\.[ \t]+\S"
)
_LABEL = compiled(r"^\((?:[a-z]{1,2}|[ivxl]{1,6}|\d{1,2})\)[ \t]+\S")
# Front-matter lines that always begin a paragraph: the title, the adoption line, the
# line that opens the preamble.
_FRONT_START = compiled(
    r"^(?:(?:S-)?\d{1,3}/\d{1,4}(?:\.\s|\s+[A-Z][a-z]+\s(?!of\b))|Resolution \d{1,4} \(\d{4}\)$"
    r"|(?:Resolution )?[Aa]dopted by the "
    r"|The (?:General Assembly|Human Rights Council|Security Council|Economic and Social Council"
    r"|Commission on [A-Z][a-z ]+),$|\[(?:Adopted|on the report|without reference)\b)"
)
_TERMINAL = frozenset(".;:!?")
_CLOSED_ENDS = _TERMINAL | {","}  # a text ending with one of them does not end open
# The opening formula on a line of its own, with or without its comma.
_OPENER_ALONE = compiled(
    r"^The (?:General Assembly|Human Rights Council|Security Council|Economic and Social Council)"
    r",?$"
)
_CLOSERS = "”’\"')]*_"
_DANGLING = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "to",
        "with",
        "entitled",
        "including",
        "between",
        "its",
        "their",
        "his",
        "her",
        "under",
        "upon",
        "against",
        "than",
        "that",
        "which",
        "whose",
    ]
)
_VOTE_HEAD = compiled(r"^(?:In favour|Against|Abstaining|Abstentions)\b\s*:")
_MEETING = compiled(r"^\d{1,4}(?:st|nd|rd|th) (?:plenary )?meeting\.?$", re.IGNORECASE)
_DATE_LINE = compiled(r"^\d{1,2} [A-Z][a-z]+ \d{4}\b")
_HEADER_LINE = compiled(
    r"^(?:(?:Human Rights Council|General Assembly|Security Council|Economic and Social"
    r" Council|United Nations)$|Distr\.|Agenda items? "
    r"|[A-Z][a-z]+(?:[- ][a-z]+)? (?:special )?session$"
    r"|\d{1,2} [A-Z][a-z]+(?: \d{4})?\s*[–-]\s*\d{1,2} [A-Z][a-z]+ \d{4}$"
    r"|\d{1,2} [A-Z][a-z]+ \d{4}$)"
)
_TITLE_LINE = compiled(r"^(?:\d{1,3}|S-\d{1,3})/\d{1,4}\.\s+(.{8,})$", re.MULTILINE)
# _TITLE_LINE after a line end: a search for it jumps from "\n" to "\n", where one for
# _TITLE_LINE ("^" in multi-line mode) tries every position of the text.
_TITLE_AFTER_LINE_END = compiled(r"\n(?:\d{1,3}|S-\d{1,3})/\d{1,4}\.\s+(.{8,})$", re.MULTILINE)


def _first_title_line(text: str) -> re.Match[str] | None:
    """``_TITLE_LINE.search(text)``: the first line that matches (the same group 1)."""
    return _TITLE_LINE.match(text) or _TITLE_AFTER_LINE_END.search(text)


_TRAILING_NOTE = compiled("(?:(?<=[\\w”’)][,;:.])[1-9]\\d?|\ue000\\d+\ue001)+$")


def _last_char(text: str) -> str:
    text = text[-16:].rstrip()
    if text[-1:].isdigit() or text.endswith(_CLOSE):  # what a trailing note ends with
        text = _TRAILING_NOTE.sub("", text)
    text = text.rstrip(_CLOSERS + " ")
    return text[-1:] if text else ""


def _ends_open(text: str) -> bool:
    """The text stops mid-sentence: no terminal punctuation at its end."""
    last = _last_char(_without_marks(text))
    return bool(last) and last not in _TERMINAL and last != ","


#: The characters a numbered paragraph or a label can begin with (and any digit).
_PARAGRAPH_FIRST = frozenset("IVXL(")


def _starts_paragraph(line: str) -> bool:
    first = line[:1]
    if not (first in _PARAGRAPH_FIRST or first.isdigit()):
        return False
    return bool(_NUMBERED.match(line) or _LABEL.match(line))


def _starts_lower(line: str) -> bool:
    first = line.lstrip("“‘\"'(")[:1]
    return first.islower() and not _LABEL.match(line)


_ends_with_hyphen = operator.methodcaller("endswith", "-")


def _ends_with_dangling_word(line: str) -> bool:
    cut = line.rstrip().rsplit(" ", 1)
    return cut[-1].lower() in _DANGLING


def _part_label(line: str) -> bool:
    """A part's label alone on its line ("A", "B"): an Assembly text adopted in parts
    prints it over the part's title. A line of its own, not the article "A" of the title
    (a PDF's lines sit close: "A The right to privacy" hid the label). "I", "V" and "X"
    are left to the sections' rules (`_SECTION`): "I" reads with its title as "II" does."""
    return len(line) == 1 and "A" <= line <= "Z" and line not in "IVX"


class _Para:
    """A paragraph being assembled: its lines joined as they come, so that adding a line
    and looking at the paragraph's end cost the same whatever its length."""

    __slots__ = ("_parts", "_text", "heading", "last_line", "length", "vocabulary")

    def __init__(
        self,
        line: str,
        *,
        heading: bool = False,
        vocabulary: _ParaVocabulary = None,
    ) -> None:
        self.heading = heading
        self.vocabulary = vocabulary
        self.last_line = line
        self.length = len(line)
        self._parts = [line]
        self._text: str | None = line

    def append(self, line: str) -> None:
        previous = self.last_line
        if previous.endswith("-") and len(previous) > 1 and previous[-2].isalpha():
            vocabulary = self.vocabulary
            if isinstance(vocabulary, _VocabularyIfHyphenated):
                vocabulary = vocabulary.get()
            mode = _hyphen_mode(previous, line, vocabulary)
            if mode == "drop":
                self._parts[-1] = self._parts[-1][:-1]
                self.length -= 1
            elif mode == "space":
                self._parts.append(" ")
                self.length += 1
        else:
            self._parts.append(" ")
            self.length += 1
        self._parts.append(line)
        self.length += len(line)
        self.last_line = line
        self._text = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "".join(self._parts)
            self._parts = [self._text]
        return self._text

    def tail(self, size: int = 400) -> str:
        """At least the last ``size`` characters (all of them in a shorter paragraph)."""
        if self._text is not None:
            return self._text[-size:]
        pieces: list[str] = []
        count = 0
        for part in reversed(self._parts):
            pieces.append(part)
            count += len(part)
            if count >= size:
                break
        return "".join(reversed(pieces))

    def ends_open(self) -> bool:
        """:func:`_ends_open` on the paragraph, looking at its end only."""
        if self.last_line[-1:] in _CLOSED_ENDS:
            return False  # no note, mark, closer or space to look past: the sentence ended
        end = self.tail()
        if len(end) < self.length and len(_without_marks(end).rstrip()) < 40:
            end = self.text  # footnote marks fill the end: look at everything
        return _ends_open(end)


_WORDS = compiled(r"[A-Za-z][A-Za-z-]+")
# The tail of a word broken by hyphenation: a few letters and a suffix ("opment", "tion").
_SUFFIX_PIECE = compiled(
    r"^[a-z]{0,2}(?:tion|sion|ment|ance|ence|ship|ure|ity|ities|ness|ism|ist|ary|ory|ous"
    r"|ive|able|ably|ible|ant|ent|ing|al|ic|ical|ize|ise|ization|isation|ies|ied|ly|er|or"
    r"|ed|es|ate|ated|ation)(?:s|al|ally|ly|ed|es)?$"
)
_HYPHEN_END = compiled(r"([A-Za-z]+(?:-[A-Za-z]+)*)-$")
_WORD_START = compiled(r"^([a-z]+)")
_KEEP_HYPHEN_PREFIXES = frozenset(
    [
        "non",
        "self",
        "anti",
        "co",
        "cross",
        "multi",
        "ex",
        "post",
        "pre",
        "quasi",
        "semi",
        "well",
        "high",
        "low",
        "long",
        "short",
        "full",
        "follow",
        "mid",
        "sub",
        "inter",
        "intra",
        "counter",
        "all",
        "half",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "large",
        "small",
        "middle",
        "medium",
        "decision",
        "policy",
        "law",
        "rule",
        "peace",
        "state",
        "nation",
        "people",
        "child",
        "women",
        "gender",
        "age",
        "community",
        "human",
    ]
)


Vocabulary = Mapping[str, int] | set[str]


def vocabulary_of(text: str) -> Counter[str]:
    """How often each lower-cased word (and each part of a hyphenated word) occurs."""
    words = Counter(word.lower() for word in _WORDS.findall(text))
    parts: Counter[str] = Counter()
    for word, count in words.items():
        if "-" in word:
            for part in word.split("-"):
                if part:
                    parts[part] += count
    words.update(parts)
    return words


class _LinesVocabulary(Mapping[str, int]):
    """:func:`vocabulary_of` the lines, counted when a word is first looked up: most
    texts with a line ending in "-" never join a hyphenated line (a dash, a list)."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self._counts: Counter[str] | None = None

    def _words(self) -> Counter[str]:
        if self._counts is None:
            self._counts = vocabulary_of("\n".join(self._lines))
        return self._counts

    def __getitem__(self, word: str) -> int:
        return self._words()[word]

    def __iter__(self) -> Iterator[str]:
        return iter(self._words())

    def __len__(self) -> int:
        return len(self._words())


class _VocabularyIfHyphenated:
    """What :func:`_assemble` reads with when its caller gives no vocabulary: the words of
    the lines (:class:`_LinesVocabulary`) when one of them ends with "-", else none.
    Worked out when a line after one ending in "-" is first joined: most texts join
    none, and are then not searched for a hyphen at a line end."""

    __slots__ = ("_lines", "_resolved", "_text")

    def __init__(self, lines: list[str] | None, text: str | None) -> None:
        self._lines = lines  # None when the caller has only ``text``
        self._text = text  # the lines joined by "\n", when the caller has it
        self._resolved: list[Vocabulary | None] = []

    def get(self) -> Vocabulary | None:
        if not self._resolved:
            text, lines = self._text, self._lines
            if text is None:
                assert lines is not None
                hyphenated = any(map(_ends_with_hyphen, lines))
            else:
                # In the joined text: "-" before a line end or at the end.
                hyphenated = bool(_HYPHEN_AT_LINE_END.search(text) or text.endswith("-"))
                if lines is None:
                    lines = text.split("\n")  # only read when hyphenated
            self._resolved.append(_LinesVocabulary(lines) if hyphenated else None)
        return self._resolved[0]


#: The vocabulary a paragraph joins hyphenated lines with (see :meth:`_Para.append`).
_ParaVocabulary = Vocabulary | _VocabularyIfHyphenated | None


def _seen(vocabulary: Vocabulary, word: str) -> int:
    if isinstance(vocabulary, set):
        return 1 if word in vocabulary else 0
    return vocabulary.get(word, 0)


def join_hyphenated(left: str, right: str, vocabulary: Vocabulary | None = None) -> str:
    """Join two lines where ``left`` ends with a hyphen: drop it only in a broken word.

    With the document's ``vocabulary``: "devel-|opment" loses its hyphen because
    "development" occurs elsewhere; "ill-|treatment" keeps it because "treatment" is a word
    of its own there. Without it, a suffix-like tail ("-tion") marks a broken word.
    """
    mode = _hyphen_mode(left, right, vocabulary)
    if mode == "drop":
        return left[:-1] + right
    return left + right if mode == "keep" else f"{left} {right}"


# A word of a lexicon string: four letters or more, "reports?" read as both forms; the
# letter after a backslash is a regular expression's escape ("\\s", "\\b").
_LEXICON_WORD = compiled(r"(?<![a-z])[a-z]{4,}(\?)?", re.IGNORECASE)
_ESCAPE = compiled(r"\\[A-Za-z]")


@lru_cache(maxsize=1)
def known_words() -> frozenset[str]:
    """Words the extractor reads, lower-cased: the ordinal and cardinal words of session
    numbers, the words of the lexicon (verbs, product nouns, bodies: "consultations",
    "session") and of the packaged actors' names ("Rapporteur", "Commissioner"). A word
    broken by a hyphen at a line end that joins into one of them is that word, unless the
    document prints it hyphenated itself."""
    words = set(ORDINAL_WORDS)
    for path in (lexicon_path(), Path(__file__).with_name("data") / "actors.json"):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for text in _strings(data):
            for match in _LEXICON_WORD.finditer(_ESCAPE.sub(" ", text)):
                word = match.group(0).rstrip("?").lower()
                words.add(word)
                if match.group(1) and word.endswith("s"):  # "reports?": "report" too
                    words.add(word[:-1])
    return frozenset(words)


def _strings(data: object) -> Iterator[str]:
    """The strings of a JSON document (its "about" notes left out)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, list):
        for item in data:
            yield from _strings(item)
    elif isinstance(data, dict):
        for key, value in data.items():
            if not key.endswith("about"):
                yield from _strings(value)


def _hyphen_mode(left: str, right: str, vocabulary: Vocabulary | None) -> str:
    """ "keep" the hyphen, "drop" it, or join with a "space" (no hyphen at the end)."""
    if not left.endswith("-"):
        return "space"
    match = _HYPHEN_END.search(left, max(0, len(left) - 120))
    word = _WORD_START.match(right)
    if not match or not word:
        return "keep"
    before, after = match.group(1), word.group(1)
    last_part = before.rsplit("-", 1)[-1]
    keep = "-" in before or last_part.lower() in _KEEP_HYPHEN_PREFIXES
    if vocabulary is None and not keep:
        keep = not _SUFFIX_PIECE.match(after.lower())
    joined = (last_part + after).lower()
    if vocabulary is None and keep and joined in known_words():
        keep = "-" in before  # "hun-|dredth", "con-|sultations": a word the extractor reads
    if vocabulary is not None:
        if _seen(vocabulary, joined):
            keep = False
        elif _seen(vocabulary, f"{last_part}-{after}".lower()):
            keep = True
        elif "-" not in before and joined in known_words():
            keep = False  # "seven-|teenth", "ses-|sion": a word the extractor reads
        elif len(after) >= 3 and _seen(vocabulary, after.lower()) >= 2:
            keep = True  # the second half is a word of its own: a compound
        elif len(after) >= 4 and len(last_part) >= 3 and _seen(vocabulary, last_part.lower()) >= 2:
            keep = True  # so is the first half ("conflict-|related")
        elif _SUFFIX_PIECE.match(after.lower()):
            keep = False  # "devel-opment", "protec-tion": the tail of a broken word
        else:
            keep = True
    return "keep" if keep else "drop"


# Words that open a preambular paragraph ("Recalling", "Deeply concerned", "Mindful").
_PREAMBLE_OPENER = compiled(
    r"^(?!(?:Beijing|During|Pending|Nothing|King|Spring|Wellbeing|Kunming)\b)"
    r"(?:[A-Z][a-z]+ing|[A-Z][a-z]+ly [a-z]+(?:ed|ing)|(?:Also|Further) [a-z]+(?:ed|ing)"
    r"|Mindful|Aware|Convinced|Concerned"
    r"|Alarmed|Determined|Conscious|Cognizant|Desirous|Guided|Encouraged|Inspired"
    r"|Disturbed|Appalled|Outraged|Shocked|Dismayed|Committed|Resolved|Persuaded)\b"
)
# A section heading: "II", "IV Subvention to ...".
_SECTION = compiled(r"^[IVX]{1,5}(?: [A-Z]|$)")


def _single_newline_breaks(
    prev: str, line: str, line_mode: bool, width: float = 1e9, flowing: bool = False
) -> bool:
    """Whether a line break between two non-blank lines ends a paragraph.

    ``width`` is the usual length of a full line in a hard-wrapped text (very large when
    each line is a paragraph): a full line ending with a comma is not a paragraph end.
    ``flowing``: the body of text copied from a PDF, where a line that stops without
    punctuation goes on (a footnote mark or a column cuts lines short).
    """
    if _VOTE_HEAD.match(line) or _OPENER_ALONE.match(prev) or _OPENER_ALONE.match(line):
        return True
    if _part_label(prev) or _part_label(line):
        return True
    if _FRONT_START.match(line) and not _ends_with_dangling_word(prev):
        return True
    if _MEETING.match(prev) and _DATE_LINE.match(line):
        return True
    if _starts_paragraph(line) or (line_mode and _SECTION.match(line)):
        last = _last_char(prev)
        if last in _TERMINAL or prev.endswith(("; and", "; or")):
            return True
        if line_mode and (last == "," or len(prev) < 0.8 * width):
            return not _ends_with_dangling_word(prev)
        return (
            line_mode
            and width > 150
            and _starts_paragraph(line)
            and not _ends_with_dangling_word(prev)
        )
    if line_mode and _MEETING.match(line) and _last_char(prev) in _TERMINAL:
        return True
    if _lead_after_item(prev, line, width):
        return True
    if not line_mode:
        return False
    if _starts_lower(line) or _ends_with_dangling_word(prev):
        return False
    if _HEADER_LINE.match(prev) or _HEADER_LINE.match(line):
        return True
    last = _last_char(prev)
    if last == "," and _is_name_list(prev) and _is_name_list(line + ","):
        return False  # a list of countries wrapped over lines
    if last in _TERMINAL or last == ",":
        return (
            width > 150
            or len(prev) < 0.8 * width
            or (last in ".:;" and _starts_paragraph(line))
            or bool(_PREAMBLE_OPENER.match(line))
        )
    if prev.endswith("]"):
        return True
    if flowing:  # a heading ("II", a short title line) before a paragraph's first words
        return bool(_SECTION.match(prev)) or (
            bool(_PREAMBLE_OPENER.match(line)) and len(prev) < 0.8 * width
        )
    return len(prev) < 60


def _lead_after_item(prev: str, line: str, width: float) -> bool:
    """A line opening in lower case after a labelled item that stands on one line and ends
    with ";" ("(ii) Organizations of X;" then "and to complete the workshops before the Nth
    session"): the paragraph's lead going on after its list, a paragraph of its own here
    (structure.py gives it to the numbered paragraph). Not after a full line of a
    hard-wrapped text, where the item may go on."""
    return (
        _starts_lower(line)
        and prev[:1] == "("
        and _LABEL.match(prev) is not None
        and _last_char(prev) == ";"
        and len(prev) < 0.8 * width
    )


def _is_name_list(line: str) -> bool:
    """ "Algeria, Bangladesh, Bolivia (Plurinational State of), Brazil,": names only."""
    items = line.rstrip(", ").split(", ")
    return len(items) >= 3 and all(item[:1].isupper() and len(item) < 60 for item in items)


def _merge_across_gap(prev: _Para, line: str, page_gap: bool) -> bool:
    """Whether a block after blank lines (or a page break) continues the previous one."""
    if _starts_paragraph(line) or _VOTE_HEAD.match(line):
        return False
    if page_gap and prev.length <= 7 and _NUMBER_ALONE.match(prev.text):
        return True  # "(c)" at the foot of a page, its text at the top of the next
    if prev.heading:
        return False
    if not prev.ends_open():
        # A page break after a comma, then a lower-case word: one sentence going on.
        return page_gap and _starts_lower(line) and _last_char(prev.tail()) == ","
    if _starts_lower(line):
        return True
    if not page_gap or prev.length < 80 or _HEADER_LINE.match(line):
        return False
    last = _last_char(prev.tail())
    return last.isalpha() and line[:1].isalpha()


def _is_running_title(para: _Para, title: str | None) -> bool:
    if para.length > 160:
        return False
    text = para.text
    if not _ends_open(text):
        return False
    if para.heading:
        return True
    if not title:
        return False
    return title.startswith(text) or text in title


def _line_counts(lines: list[str]) -> tuple[int, int]:
    """How many lines hold text, and how many of them a blank line follows."""
    filled = list(map(bool, map(str.strip, lines)))  # "\f" strips to nothing too
    # A line with text before a blank one: True > False.
    return filled.count(True), sum(map(operator.gt, filled, filled[1:]))


def _split_blocks(text: str) -> tuple[list[str], list[bool]]:
    """The blocks of ``text`` (split at its blank lines) and which are plain
    (:meth:`_Assembler._plain_blocks`)."""
    blocks = text.split("\n\n")
    return blocks, _Assembler._plain_blocks(text, blocks)


def _surely_block_mode(blocks: list[str], plain: list[bool]) -> bool:
    """Whether :func:`_line_counts` of the lines of ``blocks`` (a text split at its blank
    lines) picks block mode, seen from the blocks, not from every line. A plain block
    (:meth:`_Assembler._plain_blocks`) is one line with text, and a blank line follows it
    unless it is the last block: at least that many lines with text have a blank line
    after them. No more lines hold text than the blocks have lines, one each for a plain
    block. When three times the first count reaches the second, so does three times the
    number of lines a blank one follows reach the number with text: block mode."""
    before_blank = plain.count(True) - plain[-1]
    lines = len(blocks) + sum(
        map(str.count, compress(blocks, map(operator.not_, plain)), repeat("\n"))
    )
    return 3 * before_blank >= lines


def _assemble(
    lines: list[str] | None,
    markdown: bool,
    notes: Notes,
    title: str | None,
    *,
    line_mode: bool | None = None,
    vocabulary: Vocabulary | None = None,
    copied_pdf: bool = False,
    text: str | None = None,
) -> list[str]:
    """Lines to paragraphs. ``text``: the lines joined by "\\n" when the caller has it, so
    that a block-mode text is read block by block (:meth:`_Assembler.blocks`); then
    ``lines`` may be None, and the text is split into lines only when it is not surely
    read in block mode (:func:`_surely_block_mode`)."""
    width = 1e9
    # Words of the document tell a broken word ("devel-opment") from a compound.
    para_vocabulary = vocabulary if vocabulary is not None else _VocabularyIfHyphenated(lines, text)
    split = None
    if text is not None and not copied_pdf and line_mode is None:
        split = _split_blocks(text)
        if markdown or _surely_block_mode(*split):
            line_mode = False
    if lines is None:
        assert text is not None
        if line_mode is not False:
            lines = text.split("\n")
    if line_mode is None:
        assert lines is not None
        content, blank_runs = _line_counts(lines)
        line_mode = not markdown and content >= 8 and blank_runs * 3 < content
        if line_mode:
            lengths = sorted(len(line.strip()) for line in lines if line.strip())
            width = lengths[int(len(lengths) * 0.9)]
    assembler = _Assembler(markdown, notes, title, line_mode, width, para_vocabulary, copied_pdf)
    if text is not None and not (line_mode or copied_pdf):
        assembler.blocks(text, split)
    else:
        assert lines is not None
        line = assembler.line
        for raw in lines:
            line(raw)
    assembler.close()
    return [p if type(p) is str else p.text for p in assembler.paras]


#: What a single-line block must not start with to be read by the short way in
#: :meth:`_Assembler.blocks` (a space or tab: the note patterns look past them).
_BLOCK_SLOW_FIRST = frozenset(" \t")
_PLAIN_FIRST = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_FIRST_CHARACTER = operator.itemgetter(slice(0, 1))
# The engine finds a two-character string in a long text faster than `in` does.
_DOUBLE_SPACE = compiled("  ")
_HYPHEN_AT_LINE_END = compiled("-\n")
_HYPHEN_BEFORE_SPACE = compiled("- ")


class _Assembler:
    """The state of paragraph assembly, fed one line at a time (:meth:`line`)."""

    __slots__ = (
        "copied_pdf",
        "current",
        "flowing",
        "gap",
        "in_note",
        "line_mode",
        "markdown",
        "notes",
        "paras",
        "title",
        "vocabulary",
        "width",
    )

    def __init__(
        self,
        markdown: bool,
        notes: Notes,
        title: str | None,
        line_mode: bool,
        width: float,
        vocabulary: _ParaVocabulary,
        copied_pdf: bool,
    ) -> None:
        self.markdown = markdown
        self.notes = notes
        self.title = title
        self.line_mode = line_mode
        self.width = width
        self.vocabulary = vocabulary
        self.copied_pdf = copied_pdf
        self.flowing = False  # in the body of text copied from a PDF (after the opening formula)
        self.paras: list[_Para] = []  # or, from blocks(), str: a one-line paragraph
        self.current: _Para | None = None
        self.gap = "page"  # what separates `current` from the next line: "", "blank", "page"
        self.in_note: list[str] | None = None

    def close(self) -> None:
        if self.current is not None:
            self.paras.append(self.current)
            self.current = None

    def blocks(self, text: str, split: tuple[list[str], list[bool]] | None = None) -> None:
        """:meth:`line` for every line of ``text``, taking single-line blocks the short way.

        Exactly what feeding the lines one by one does, for a text read in block mode
        (not line mode, not copied from a PDF). A block of one line after a blank line,
        where no paragraph is open, becomes a paragraph of its own unless it is a
        footnote line or may join the paragraph before (it starts in lower case); those,
        blocks of several lines and, in Markdown, every block that is not plain (see
        :meth:`_plain_blocks`: no heading, bullet, quote or note starts with A-Z or a
        digit) go through :meth:`line`. ``split``: :func:`_split_blocks` of ``text``, when
        the caller has it.
        """
        paras = self.paras
        blocks, plain = split or _split_blocks(text)
        take = self._block
        position = 0  # the first block not taken yet
        # Each run of plain blocks ends before a block that is not plain (or at the end).
        for stop in chain(compress(range(len(blocks)), map(operator.not_, plain)), (len(blocks),)):
            if position < stop:
                take(blocks[position], position, is_plain=True)
                if stop > position + 1:
                    # No plain block is a note line: after one the gap is "", which a
                    # blank line makes "blank", so each of the others is a paragraph at
                    # once, as taking them one by one makes it.
                    self.close()
                    self.in_note = None
                    paras += blocks[position + 1 : stop]  # type: ignore[arg-type]
            if stop < len(blocks):
                take(blocks[stop], stop, is_plain=False)
            position = stop + 1

    def _block(self, block: str, index: int, *, is_plain: bool) -> None:
        """Take the block at ``index`` (after a blank line unless it is the first)."""
        if index:  # the blank line between two blocks
            self.close()
            self.gap = self.gap or "blank"
            self.in_note = None
        if is_plain and self.gap == "blank":
            # A paragraph as it stands: finished at once (kept as a string until a
            # later line needs it as a _Para, see _para_at).
            self.paras.append(block)  # type: ignore[arg-type]
            self.gap = ""
            return
        line_of = self.line
        if "\n" in block or self.gap != "blank" or not block or self.markdown:
            for raw in block.split("\n"):
                line_of(raw)
            return
        # A note line: "[2:  A/HRC/58/78. ]" or "1 See ..." (the tab-led one starts
        # with a space or tab).
        start = block[0]
        if start in _BLOCK_SLOW_FIRST or (
            _WORD_NOTE_LINE.match(block)
            if start == "["
            else start in _NOTE_LINE_FIRST and _SEE_NOTE_LINE.match(block)
        ):
            line_of(block)
            return
        line = block.strip()
        if not line:
            line_of(block)
            return
        if "  " in line or "\t" in line:
            line = _HSPACE.sub(" ", line)
        # No character is both upper case (or a digit) and lower case.
        start = line[0]
        if self.paras and not (start.isupper() or start.isdigit()) and _starts_lower(line):
            line_of(block)
            return
        self.current = _Para(line, vocabulary=self.vocabulary)
        self.gap = ""

    @staticmethod
    def _plain_blocks(text: str, blocks: list[str]) -> list[bool]:
        """For each block, whether it is one line that becomes a paragraph as it stands
        when a blank line comes before it: no line end inside, no space or tab to strip
        or squeeze, and a first character that is a capital A-Z or a digit, so not the
        lower-case start that may join the paragraph before; and no "1 See ..." note
        line. Worked out with one C-level pass per check over the blocks, not a Python
        loop; only the few plain blocks starting with a digit are tried as a note."""
        checks: list[Iterator[bool]] = [
            map(_PLAIN_FIRST.__contains__, map(_FIRST_CHARACTER, blocks)),
            map(operator.not_, map(operator.contains, blocks, repeat("\n"))),
            map(operator.is_, map(str.strip, blocks), blocks),
        ]
        if "\t" in text:
            checks.append(map(operator.not_, map(operator.contains, blocks, repeat("\t"))))
        if _DOUBLE_SPACE.search(text):
            checks.append(map(operator.not_, map(_DOUBLE_SPACE.search, blocks)))
        plain = list(map(all, zip(*checks, strict=True)))
        for index in compress(range(len(blocks)), plain):
            block = blocks[index]
            if block[0] in _NOTE_LINE_FIRST and _SEE_NOTE_LINE.match(block):
                plain[index] = False
        return plain

    def _para_at(self, index: int) -> _Para:
        """``paras[index]``, made a :class:`_Para` if :meth:`blocks` left it a string."""
        para = self.paras[index]
        if type(para) is str:
            para = self.paras[index] = _Para(para, vocabulary=self.vocabulary)
        return para

    def line(self, raw: str) -> None:
        """Take one line: a page break ("\\f"), a blank line, a note or a line of text."""
        if raw == "\f":
            self.close()
            self.gap, self.in_note = "page", None
            return
        stripped = raw.strip()
        if not stripped:
            self.close()
            self.gap = self.gap or "blank"
            self.in_note = None
            return
        notes = self.notes
        markdown = self.markdown
        # Continuation of a Markdown footnote definition (indented lines).
        in_note = self.in_note
        if in_note is not None and raw[:1] in " \t":
            in_note.append(stripped)
            notes.texts[-1] = (notes.texts[-1][0], _squash(" ".join(in_note)))
            return
        self.in_note = None
        if markdown:
            note = _CARET_DEF.match(raw) or _SUP_DEF.match(raw)
        elif raw.lstrip(" \t")[:1] in _NOTE_LINE_FIRST:
            note = (
                _TAB_NOTE_LINE.match(raw) or _SEE_NOTE_LINE.match(raw) or _WORD_NOTE_LINE.match(raw)
            )
        else:
            note = None
        if note:
            self.close()
            notes.add_text(note.group(1), note.group(2))
            if markdown and notes.texts and notes.texts[-1][0] == note.group(1):
                self.in_note = [note.group(2)]
            self.gap = "page"
            return

        heading = False
        line = stripped
        if markdown:
            heading_match = _MD_HEADING.match(raw)
            if heading_match:
                heading, line = True, heading_match.group(2).strip()
            elif _MD_BULLET.match(raw):
                self.close()
                line = _MD_BULLET.sub("", raw).strip()
                self.gap = "blank"
            line = _MD_QUOTE.sub("", line)
            if not line:
                return
        if "  " in line or "\t" in line:
            line = _HSPACE.sub(" ", line)
        if self.copied_pdf and not self.flowing and _OPENER_LINE.match(line):
            self.flowing = True

        current = self.current
        if current is not None and not heading and not current.heading:
            # (a Markdown hard line break, "  " or "\\" at a line's end, is a line break
            # inside its paragraph like any other: Word's soft returns come out so)
            if _single_newline_breaks(
                current.last_line, line, self.line_mode, self.width, self.flowing
            ):
                self.close()
                self.gap = "blank"
            else:
                current.append(line)
                return
        elif current is not None:
            self.close()
            self.gap = "blank"

        paras = self.paras
        if not heading and paras and self.gap:
            prev = self._para_at(-1)
            if (
                _starts_lower(line)
                and len(paras) >= 2
                and _is_running_title(prev, self.title)
                and self._para_at(-2).ends_open()
                and not self._para_at(-2).heading
            ):
                # "... of the" / running title / "threat or use ...": drop the title.
                paras.pop()
                prev = self._para_at(-1)
            if _merge_across_gap(prev, line, self.gap == "page"):
                current = prev
                paras.pop()
                current.append(line)
                self.current = current
                self.gap = ""
                return
        self.current = _Para(line, heading=heading, vocabulary=self.vocabulary)
        self.gap = ""


# Front-matter lines that PDF-to-Markdown exports merge into one.
_SPLIT_HEADER = (
    compiled(r"^((?:General Assembly|Human Rights Council|Security Council)) (Distr\.: .*)$"),
    compiled(r"^([A-Z][a-z]+(?:-[a-z]+)? (?:special )?session) (Agenda items? .*)$"),
    compiled(
        r"^(Agenda items? \d+(?: ?\([a-z]{1,3}\))?(?:(?:, | and )\d+(?: ?\([a-z]{1,3}\))?)*)"
        r" ([A-Z“].*)$"
    ),
    compiled(r"^(\d{1,2} [A-Z][a-z]+ \d{4}) (\[Adopted\b.*)$"),
    compiled(r"^(\d{1,4}(?:st|nd|rd|th) (?:plenary )?meeting) (\d{1,2} [A-Z][a-z]+ \d{4}.*)$"),
)


#: What a paragraph holds at its start when one of the last two _SPLIT_HEADER patterns
#: (the two tried after the first twelve paragraphs) matches it.
_LATE_SPLIT_HINT = (
    r"\d{1,2} [A-Z][a-z]+ \d{4} \[Adopted\b|\d{1,4}(?:st|nd|rd|th) (?:plenary )?meeting \d"
)
#: The same for any of the five (tried in the first twelve paragraphs).
_SPLIT_HINTS = (
    compiled(
        r"(?:General Assembly|Human Rights Council|Security Council) Distr\.: "
        r"|[A-Z][a-z]+(?:-[a-z]+)? (?:special )?session Agenda items? "
        r"|Agenda items? \d+(?: ?\([a-z]{1,3}\))?(?:(?:, | and )\d+(?: ?\([a-z]{1,3}\))?)* [A-Z“]|"
        + _LATE_SPLIT_HINT
    ),
    compiled(_LATE_SPLIT_HINT),
)


def _split_header_lines(paragraphs: list[str]) -> list[str]:
    """Split merged front-matter lines (first paragraphs) and "Nth meeting <date>" lines.

    The first twelve paragraphs, then the others, are looked at one by one only when one
    of them starts as a pattern tried there must (one scan in C, :data:`_SPLIT_HINTS`)."""
    out: list[str] = []
    for paras, patterns, hint in (
        (paragraphs[:12], _SPLIT_HEADER, _SPLIT_HINTS[0]),
        (paragraphs[12:], _SPLIT_HEADER[-2:], _SPLIT_HINTS[1]),
    ):
        if any(map(hint.match, paras)):
            for para in paras:
                _split_header(para, patterns, out)
        else:
            out += paras
    return out


def _split_header(para: str, patterns: tuple[re.Pattern[str], ...], out: list[str]) -> None:
    """Append ``para`` to ``out``, split where one of ``patterns`` (under 400 characters)
    matches, its pieces split again."""
    pending = [para]
    while pending:
        piece = pending.pop(0)
        match = None
        if len(piece) < 400:
            for pattern in patterns:
                match = pattern.match(piece)
                if match:
                    break
        if match:
            pending[:0] = [match.group(1), match.group(2)]
        else:
            out.append(piece)


_MD_ORDERED = compiled(r"( {0,3})(\d{1,9})[.)](?=[ \t]|$)")


def _numbers_as_rendered(lines: list[str]) -> None:
    """Number a list typed the lazy Markdown way ("1." on every item) as a renderer shows
    it, 1, 2, 3 ...: an item typed with the same number as the item before it in the list
    is the one after it. Numbers typed otherwise stand, even where a renderer would count on
    (a text numbered by hand means its numbers). A line at the margin after a blank line, a
    heading or a rule ends the list; a more indented item is in a list inside an item."""
    typed_before: int | None = None
    shown = indent = 0
    blank = False
    for index, line in enumerate(lines):
        if not line.strip():
            blank = True
            continue
        item = _MD_ORDERED.match(line)
        if item and (typed_before is None or len(item.group(1)) <= indent):
            typed = int(item.group(2))
            if typed_before is None:
                indent = len(item.group(1))
            if typed == typed_before:
                shown += 1
                lines[index] = f"{item.group(1)}{shown}{line[item.end(2) :]}"
            else:
                shown = typed
            typed_before = typed
        elif not item and line[:1] not in " \t" and (blank or line[:1] in "#\f"):
            typed_before = None
        blank = False


def _markdown_inline(text: str, notes: Notes) -> str:
    """Markdown to plain lines, keeping line structure (footnote definitions are lines)."""
    text = _YAML_FRONT_MATTER.sub("", text, count=1)
    escaped: dict[str, str] = {}

    def protect(match: re.Match[str]) -> str:
        char = match.group(1)
        token = chr(0xE100 + ord(char) % 0x700)
        escaped[token] = char
        return token

    text = _MD_ESCAPE.sub(protect, text)
    if "\\" in text:
        text = _MD_HARD_BREAK.sub("", text)
    text = _MD_RULE.sub("\f", text)
    text = _BR.sub("\n", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_STARS.sub("", text)
    text = _MD_UNDERSCORES.sub("", text)
    # Footnote definitions ("[^1]: ...", "<sup>1</sup> ...") stay lines for _assemble to
    # take apart; references inside the text become marks.
    lines = text.split("\n")
    for index, line in enumerate(lines):
        if _CARET_DEF.match(line) or _SUP_DEF.match(line):
            if line.lstrip().startswith("["):
                body_start = line.index("]") + 1
            else:
                body_start = line.lower().find("</sup>") + len("</sup>")
            head, body = line[:body_start], line[body_start:]
            body = _CARET_REF.sub("", _SUP_REF.sub("", body))
            lines[index] = head + _OTHER_TAG.sub("", body)
            continue
        if "[^" in line:
            line = _CARET_REF.sub(lambda m: notes.mark(m.group(1)), line)
        if "<" in line:
            line = _SUP_REF.sub(lambda m: notes.mark(m.group(1)), line)
            line = _OTHER_TAG.sub("", line)
        lines[index] = line
    _numbers_as_rendered(lines)
    text = "\n".join(lines)
    for token, char in escaped.items():
        text = text.replace(token, char)
    return text


# ---------------------------------------------------------------- margin line numbers

# A line that opens with a number: its leading white space and digits. A line number is
# a prefix of the digits (glued to the text: "29UN-Women", "2012 August" for line 20).
_LEADING_NUMBER = compiled(r"[ \t]*(\d{1,6})")
# What never follows a line number: a paragraph's or item's number ("7.", "12)"), a
# figure ("1,000", "2/3", "24-24143", "10:30").
_NOT_AFTER_LINE_NUMBER = frozenset(".,:;/)]-\u2013")
# Lines of other text between two numbered lines (page furniture, footnotes).
_LINE_NUMBER_GAP = 12
# ... and blank lines (a page break's).
_LINE_NUMBER_BLANKS = 40
# The fewest numbered lines a run of line numbers has.
_LINE_NUMBER_RUN = 5
# A line that opens with a number and no dot, after its line end (the engine skips to the
# "\n" of each line faster than it tries "^" at every character).
_LINE_NUMBER_HINT = compiled(r"\n[ \t]*\d{1,4}(?![\d.,:;/)\]\-\u2013])")


def _may_have_line_numbers(text: str) -> bool:
    """False when ``text`` has too few lines that open with a number and no dot to hold
    a run of line numbers (most texts: their numbers are paragraphs' "7.")."""
    first = 1 if _LINE_NUMBER_HINT.match("\n" + text[:16]) else 0  # the first line
    for count, _ in enumerate(_LINE_NUMBER_HINT.finditer(text), start=first + 1):
        if count >= _LINE_NUMBER_RUN:
            return True
    return False


def _without_line_numbers(lines: list[str]) -> list[str]:
    """The lines without the line numbers a draft prints in its margin.

    Line numbers are a run of lines that open with whole numbers going up by one from line
    to line (blank lines skipped; a page may start again at 1), never followed by a dot or
    another figure sign, on most lines of the run, and on lines that go on with a
    sentence (some start in lower case): paragraph numbers that lost their dot open
    sentences. A number that is part of the text ("12 August 2042" on a line of its own)
    is taken only where the run expects that very number. Other lines pass unchanged.
    """
    numbered: dict[int, re.Match[str]] = {}
    for index, line in enumerate(lines):
        if line[:1].isdigit() or line[:1] in " \t":
            found = _LEADING_NUMBER.match(line)
            if found:
                numbered[index] = found
    if len(numbered) < _LINE_NUMBER_RUN:
        return lines
    taken: dict[int, int] = {}  # line index -> end of its line number
    followed: set[int] = set()  # lines already in a run (taken or not): no run starts there
    content = [0]  # content[i]: the non-blank lines before line i
    for line in lines:
        content.append(content[-1] + (1 if line.strip() else 0))
    for start in sorted(numbered):
        if start in followed:
            continue
        run = _line_number_run(lines, numbered, start, taken)
        followed.update(run)
        if run and _are_line_numbers(lines, run, content):
            taken.update(run)
    if not taken:
        return lines
    out = list(lines)
    indented = set()
    for index, end in taken.items():
        line = lines[index]
        rest = line[end:]
        if rest[:2] in ("  ", " \t") or rest[:1] == "\t":
            indented.add(index)
        if rest[:1] in (" ", "\t") and rest[1:2] not in (" ", "\t", ""):
            rest = rest[1:]
        out[index] = line[: numbered[index].start(1)] + rest
    return _lines_of_blocks(out, sorted(taken), indented)


def _lines_of_blocks(lines: list[str], numbered: list[int], indented: set[int]) -> list[str]:
    """Numbered lines that each came as a block of their own (a web page's one <div> a
    line, blank lines between) are lines: where the first lines of paragraphs are
    indented, the blank line before an unindented numbered line goes, so that the
    paragraph's lines are joined again; other blank lines stay."""
    if not indented:
        return lines
    apart = sum(
        1
        for before, after in pairwise(numbered)
        if after > before + 1 and not any(line.strip() for line in lines[before + 1 : after])
    )
    if apart * 5 < (len(numbered) - 1) * 4:
        return lines  # the numbered lines stand together: their blank lines are paragraphs'
    dropped: set[int] = set()
    for before, after in pairwise(numbered):
        if after in indented or not lines[after].strip():
            continue
        between = range(before + 1, after)
        if between and not any(lines[index].strip() for index in between):
            dropped.update(between)
    if not dropped:
        return lines
    return [line for index, line in enumerate(lines) if index not in dropped]


def _line_number_run(
    lines: list[str], numbered: dict[int, re.Match[str]], start: int, taken: dict[int, int]
) -> dict[int, int]:
    """The run of line numbers that starts at line ``start`` (index -> end of the number),
    following the numbers up by one; empty when the line opens with no line number."""
    found = numbered[start]
    digits = found.group(1)
    if len(digits) > 4 or _line_after(lines[start], found.end(1)) in _NOT_AFTER_LINE_NUMBER:
        return {}
    run = {start: found.end(1)}
    expected = int(digits) + 1
    index = start
    while True:
        gap = blank = 0
        probe = index + 1
        following = None
        while probe < len(lines) and gap <= _LINE_NUMBER_GAP and blank <= _LINE_NUMBER_BLANKS:
            if not lines[probe].strip():
                blank += 1
            else:
                match = numbered.get(probe)
                if match is not None and probe not in taken:
                    wanted = str(expected)
                    end = match.start(1) + len(wanted)
                    if match.group(1).startswith(wanted) and (
                        _line_after(lines[probe], end) not in _NOT_AFTER_LINE_NUMBER
                    ):
                        following = (probe, end)
                        break
                gap += 1
            probe += 1
        if following is None:
            return run
        index, end = following
        run[index] = end
        expected += 1


def _line_after(line: str, end: int) -> str:
    """The character of ``line`` at ``end`` ("" at its end)."""
    return line[end : end + 1]


def _are_line_numbers(lines: list[str], run: dict[int, int], content: list[int]) -> bool:
    """Whether a run of numbered lines is a column of line numbers (see
    :func:`_without_line_numbers`); ``content[i]`` counts the non-blank lines before i."""
    if len(run) < _LINE_NUMBER_RUN:
        return False
    first, last = min(run), max(run)
    if len(run) * 5 < (content[last + 1] - content[first]) * 3:
        return False
    going_on = 0
    for index, end in run.items():
        rest = lines[index][end:].lstrip(" \t")
        if rest[:1].islower():
            going_on += 1
    return going_on * 5 >= len(run)


def clean_lines(
    lines: list[str], notes: Notes, *, vocabulary: Vocabulary | None = None
) -> tuple[str, list[Footnote], list[str]]:
    """Clean lines laid out by a reader: "" separates paragraphs, "\\f" separates pages.

    Lines are joined inside a paragraph (hyphenated words rejoined, using ``vocabulary``,
    the lower-cased words of the document, to tell a broken word from a compound).
    """
    joined = "".join(lines)
    if not joined.isascii() and any(char in joined for char in _SUPERSCRIPTS):
        lines = [_superscript_marks(line, notes) for line in lines]
    lines = _without_line_numbers(lines)
    title = None
    for line in lines[:80]:
        match = _TITLE_LINE.match(line)
        if match:
            title = _squash(match.group(1))
            break
    paragraphs = _assemble(lines, False, notes, title, line_mode=False, vocabulary=vocabulary)
    return finish(_split_header_lines(paragraphs), notes)


_QUOTE_MARKS = compiled(r"^(?:[ \t]{0,3}>[ \t]?)+", re.MULTILINE)


def _unquoted(text: str) -> str:
    """A text forwarded in an e-mail reply, every line quoted ("> 4. Invites ..."), without
    its quote marks; a text with only some quoted lines is left as it is."""
    lines = [line for line in text.split("\n") if line.strip()]
    quoted = sum(line.lstrip(" \t")[:1] == ">" for line in lines)
    if quoted * 4 < len(lines) * 3:
        return text
    return _QUOTE_MARKS.sub("", text)


def clean_text(
    text: str, *, markdown: bool | None = None, rest_utf8: bytes | None = None
) -> tuple[str, list[Footnote], list[str]]:
    """Clean a whole plain-text or Markdown document.

    Returns the clean text, the footnotes (with anchors where the marks stood) and
    warnings a reviewer should see. ``rest_utf8``: see :func:`normalise_chars`.
    """
    notes = Notes()
    if rest_utf8 is None:
        rest_utf8 = text.encode("utf-8", "surrogatepass").translate(None, PLAIN_BYTES)
    text = normalise_chars(text, rest_utf8)
    if ">" in text:  # quote marks may follow spaces (" > 4. Invites")
        text = _unquoted(text)
    if markdown is None:
        markdown = looks_like_markdown(text) or text.lstrip().startswith("---\n")
    if "[footnoteRef:" in text:
        text = _footnote_refs(text, notes)
    if markdown:
        text = _markdown_inline(text, notes)
    elif "<sup>" in text:
        text = _SUP_REF.sub(lambda m: notes.mark(m.group(1)), text)
    if _SUPERSCRIPT_UTF8.search(rest_utf8):  # the characters beyond ASCII: a short search
        text = _superscript_marks(text, notes)
    title_match = _first_title_line(text)
    title = _squash(title_match.group(1)) if title_match else None
    lines: list[str] | None = None  # the lines of the text, split only where needed
    if _may_have_line_numbers(text):
        numbered = _without_line_numbers(text.split("\n"))
        text = "\n".join(numbered)
    copied_pdf = False
    if _may_hold_furniture(text):
        raw = text.split("\n")
        lines = _without_pdf_furniture(raw, notes)
        copied_pdf = lines is not raw
    paragraphs = _assemble(
        lines, markdown, notes, title, copied_pdf=copied_pdf, text=None if copied_pdf else text
    )
    paragraphs = _split_header_lines(paragraphs)
    return finish(paragraphs, notes, normalised=True)


# ------------------------------------------------------------ raw text copied from a PDF

# Page furniture that text copied from a UN PDF keeps: the job number ("24-24143 (E)
# 261223"), the bar code ("*2424143*"), the footer of later pages ("2/3 24-24143"), page
# numbers and the running header (the symbol, with the short title, on every later page).
_RAW_JOB = compiled(r"^(?:GE\.)?\d{2}-\d{4,6}\*?\s*\([A-Z]\)\*?(?:\s+\d{6}){0,2}$")
_RAW_BARCODE = compiled(r"^\*\d{6,}\*$|^Please recycle$", re.IGNORECASE)
_RAW_FOOTER = compiled(
    r"^(?:\d{1,4} ?/ ?\d{1,4} +)?(?:GE\.)?\d{2}-\d{4,6}\*?(?: *\([A-Z]\))?(?: +\d{1,4} ?/ ?\d{1,4})?$"
)
_RAW_PAGE = compiled(r"^(\d{1,3}) ?/ ?(\d{1,3})$")
_RAW_RULE = compiled(r"^_{5,}$")
_RAW_SYMBOL = compiled(
    r"^(?:United Nations +)?((?:A|E|S)/(?:[A-Z0-9.-]+/)*[A-Z0-9.-]*\d[A-Za-z0-9.]*"
    r"(?:/(?:Rev|Add|Corr)\.\d+)*)\*?(?: +\S.*)?$"
)
_RAW_NOTE = compiled(r"^([1-9]\d{0,2}|[*†‡])\s+(\S.*)$")
_NUMBER_ALONE = compiled(
    r"^(?:\d{1,3}(?: ?" + INSERTED_SUFFIX + r")?|[IVX]{1,5})\.$|^\((?:[a-z]{1,2}|[ivx]{1,5})\)$"
)
_SPACED_HYPHEN_END = compiled(r"[A-Za-z] -$")
_MARK_HOSTS = frozenset("abcdefghijklmnopqrstuvwxyz,;:.)”’")
_OPENER_LINE = compiled(r"^The (?:General Assembly|Human Rights Council|Security Council)\b")


# A line that may be furniture, a rule or a number alone (see _without_pdf_furniture):
# what its stripped text must start with, or be. Looser than the patterns (case is
# ignored throughout), it is searched once over the text, after each line end. The
# lookahead holds the characters its branches can start with (case ignored as in them):
# one test rules out a line that starts with any other, where the branches cost one each.
_FURNITURE_HINT = compiled(
    r"\n[^\S\n]*(?=[\d*_(gpivx])(?:GE\.|\d\d-|\*\d|please recycle|_{5}"
    r"|(?:\d{1,3}(?: ?" + INSERTED_SUFFIX + r")?|[IVX]{1,5})\.[^\S\n]*(?:\n|\Z)"
    r"|\((?:[a-z]{1,2}|[ivx]{1,5})\)[^\S\n]*(?:\n|\Z))",
    re.IGNORECASE,
)


def _may_hold_furniture(text: str) -> bool:
    """False when no line of ``text`` can be what _without_pdf_furniture looks for."""
    return _FURNITURE_HINT.search("\n" + text) is not None


def _without_pdf_furniture(lines: list[str], notes: Notes) -> list[str]:
    """Lines of text copied from a PDF without its page furniture and footnote blocks.

    Furniture becomes a page break ("\\f"), so that a paragraph cut by it is joined again
    when it stops mid-sentence; footnotes (the lines under a "_____" rule) go to
    ``notes``; a paragraph number printed alone on its line ("4.") is joined to the text
    that follows. Text without such furniture passes unchanged.
    """
    stripped = [line.strip() for line in lines]
    if not any(
        _RAW_JOB.match(line) or _RAW_BARCODE.match(line) or _RAW_RULE.match(line)
        for line in stripped
    ) and not any(_NUMBER_ALONE.match(line) for line in stripped):
        return lines
    symbol, title = _raw_masthead(stripped)
    out: list[str] = []
    last_note: int | None = None
    index = 0
    count = len(lines)
    while index < count:
        line = stripped[index]
        if _is_raw_furniture(stripped, index, symbol, title):
            if out and out[-1] != "\f":
                out.append("\f")
            index += 1
            continue
        if _RAW_RULE.match(line):
            index, last_note = _raw_notes(stripped, index + 1, symbol, title, notes, last_note)
            if out and out[-1] != "\f":
                out.append("\f")
            continue
        if title and _TITLE_LINE.match(line):
            # The title wrapped over lines (a line may start with a capital).
            parts = [line]
            while index + 1 < count and stripped[index + 1]:
                next_line = stripped[index + 1]
                if _OPENER_LINE.match(next_line) or _squash(next_line) not in title:
                    break
                parts.append(next_line)
                index += 1
            out.append(" ".join(parts))
            index += 1
            continue
        if line.isdigit() and len(line) <= 3 and out and out[-1][-1:] in _MARK_HOSTS:
            # A footnote mark the copy set on a line of its own: back beside its word.
            out[-1] = out[-1].rstrip() + line
            index += 1
            continue
        if _NUMBER_ALONE.match(line):
            following = index + 1
            if following < count and not stripped[following]:
                following += 1
            if following < count and stripped[following][:1].isupper():
                out.append(f"{line} {stripped[following]}")
                index = following + 1
                continue
        out.append(lines[index])
        index += 1
    # "Secretary -" at a line end: a hyphen the copy set apart from its word.
    return [line[:-2] + "-" if _SPACED_HYPHEN_END.search(line) else line for line in out]


def _raw_masthead(lines: list[str]) -> tuple[str | None, str]:
    """The document symbol printed at the top, and the title (flattened), if any."""
    symbol = None
    for line in lines[:40]:
        found = _RAW_SYMBOL.match(line)
        if found and (line == found.group(1) or line.startswith("United Nations")):
            symbol = found.group(1)
            break
    title_parts: list[str] = []
    for number, line in enumerate(lines[:200]):
        match = _TITLE_LINE.match(line)
        if match:
            title_parts.append(match.group(1))
            for following in lines[number + 1 : number + 8]:
                if not following or _OPENER_LINE.match(following):
                    break
                title_parts.append(following)
            break
    return symbol, _squash(" ".join(title_parts))


def _is_raw_furniture(lines: list[str], index: int, symbol: str | None, title: str) -> bool:
    line = lines[index]
    if not line:
        return False
    if _RAW_JOB.match(line) or _RAW_BARCODE.match(line) or _RAW_FOOTER.match(line):
        return True
    page = _RAW_PAGE.match(line)
    if page and 0 < int(page.group(1)) <= int(page.group(2)):
        near = lines[max(0, index - 2) : index] + lines[index + 1 : index + 3]
        return any(_RAW_FOOTER.match(other) or _running_header(other, symbol) for other in near)
    if index >= 3 and _running_header(line, symbol):
        return True
    # A running title long enough to wrap: lines of the title beside the symbol line.
    if title and len(line) >= 8 and line.rstrip(" ,") in title and index >= 3:
        near = lines[max(0, index - 3) : index] + lines[index + 1 : index + 4]
        return any(_running_header(other, symbol) for other in near)
    return False


def _running_header(line: str, symbol: str | None) -> bool:
    """The symbol alone, or with the short title before or after it."""
    if not symbol or symbol not in line:
        return False
    if line == symbol or line == symbol + "*":
        return True
    rest = line.replace(symbol, " ", 1).strip()
    return (line.startswith(symbol) or line.endswith(symbol)) and not rest.endswith((".", ";", ":"))


def _raw_notes(
    lines: list[str],
    index: int,
    symbol: str | None,
    title: str,
    notes: Notes,
    last: int | None,
) -> tuple[int, int | None]:
    """Read the footnotes under a rule; return where the text goes on, and the last number.

    A line opens a note when it starts with the next number (or a sign); any other line
    goes on with the note before. The block ends at the page's furniture or a blank line.
    """
    while index < len(lines):
        line = lines[index]
        if not line or _is_raw_furniture(lines, index, symbol, title):
            break
        if line.isdigit() and index + 1 < len(lines) and lines[index + 1]:
            # The note's number raised on a line of its own ("6", then "Ibid., vol. 634").
            line = f"{line} {lines[index + 1]}"
            index += 1
        start = _RAW_NOTE.match(line)
        mark = start.group(1) if start else ""
        opens = start is not None and (
            not mark.isdigit() or last is None or int(mark) == last + 1 or not notes.texts
        )
        if opens and start is not None:
            notes.add_text(mark, start.group(2))
            if mark.isdigit():
                last = int(mark)
        elif notes.texts:
            previous_mark, previous = notes.texts[-1]
            joined = previous[:-1] + line if previous.endswith("-") else f"{previous} {line}"
            notes.texts[-1] = (previous_mark, joined)
        else:
            break
        index += 1
    return index, last


# -------------------------------------------------------------------- finishing stage

_NEXT_WORD = compiled(r" ([A-Za-z][a-z-]*)")
# A hyphen left before a space by a line break inside a compound ("action- oriented").
_HYPHEN_SPACE = compiled(r"- (?=[a-z])(?!(?:and|or|nor|to|as|but|through|via)\b)(?<=[a-z]- )")
_HYPHEN_SPACE_TITLE = compiled(r"\b([A-Z][a-z]+)- (?=[A-Z][a-z])")  # "Nuclear- Test-Ban"
# What every match of _HYPHEN_SPACE_TITLE holds; a literal start makes the search fast.
_HYPHEN_SPACE_TITLE_HINT = compiled(r"- [A-Z][a-z]")
_ASCII_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")


def _join_title_hyphens(text: str) -> str:
    """``_HYPHEN_SPACE_TITLE.sub(r"\1-", text)``, the pattern tried only where its hint
    stands: it starts with "\b", so a search tries it at every character (250
    instructions each). A match ends with a hint's "- " and starts at the capital before
    the lower-case letters in front of it: one place a hint, and no two overlap."""
    pieces: list[str] = []
    last = 0
    for hint in _HYPHEN_SPACE_TITLE_HINT.finditer(text):
        hyphen = hint.start()
        start = hyphen
        while start and text[start - 1] in _ASCII_LOWER:
            start -= 1
        if start < hyphen and start and _HYPHEN_SPACE_TITLE.match(text, start - 1):
            pieces.append(text[last : hyphen + 1])  # the word and its hyphen, not the space
            last = hyphen + 2
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


# A footnote number glued to the word before it ("Questions,2", "Action3").
# Written as "one digit, or two, after a letter or a punctuation mark" (the plain form is
# kept in tests/extraction/test_fast_paths.py): starting with the digit lets the engine
# skip from digit to digit instead of trying every position.
_GLUED_END = r"(?=[\s,;:)\ue000]|\.(?:\s|$)|$)"
_GLUED = compiled(r"[1-9](?<=[a-z,;:.”’\"].)(?:" + _GLUED_END + r"|\d" + _GLUED_END + ")")
_GLUED_BEFORE = compiled(r"(?:^|[^\w/.-])([A-Za-z][A-Za-z-]*)([,;:.]?|[”’\"][,;.]?)$")
_NUMBERED_NOUNS = frozenset(
    [
        "item",
        "items",
        "paragraph",
        "paragraphs",
        "article",
        "articles",
        "resolution",
        "resolutions",
        "annex",
        "rule",
        "rules",
        "goal",
        "goals",
        "target",
        "targets",
        "phase",
        "level",
        "session",
        "chapter",
        "section",
        "part",
        "volume",
        "page",
        "pages",
        "decision",
        "decisions",
        "principle",
        "principles",
        "option",
        "step",
        "stage",
    ]
)
_ABBREVIATIONS = frozenset(
    [
        "add",
        "rev",
        "corr",
        "sub",
        "suppl",
        "vol",
        "vols",
        "part",
        "para",
        "paras",
        "chap",
        "sect",
        "art",
        "arts",
        "annex",
        "no",
        "nos",
    ]
)


def _near(a: str, b: str) -> bool:
    """Equal, or one insertion/deletion/substitution apart (and long enough to trust)."""
    if a == b:
        return True
    if len(a) < 8 or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[i + 1 :] == b[i + 1 :] or a[i + 1 :] == b[i:] or a[i:] == b[i + 1 :]


_RESIDUE_TOKEN = compiled(r"[A-Za-z][a-z]+(?:-[a-z]+)*[A-Za-z][a-z-]*")
_WORD_EDGE = "“‘\"'([,;:.)]”’!?"
# A run of letters and hyphens that starts a word (where residue may start).
_LETTER_RUN = compiled(r"(?<![^\W_])(?<!-)[A-Za-z][A-Za-z-]*")
# Where a residue candidate may start: a run of letters and hyphens whose first two
# letters come back at its seventh character or later. Every candidate is such a run (the
# edge characters stripped from a word are neither letters nor hyphens), so a text without
# a match has none, and only the words holding a match need the full check. The character
# before the run is matched rather than looked behind at: a faster scan.
# "{4}" then "*?" rather than "{4,}?": the same matches, tried in the same order, but the
# engine gives up on a word shorter than eight characters before its lazy loop.
_RESIDUE_HINT = compiled(r"[^A-Za-z-]([A-Za-z][a-z])[A-Za-z-]{4}[A-Za-z-]*?\1")
_RESIDUE_HINT_AT_START = compiled(r"([A-Za-z][a-z])[A-Za-z-]{4}[A-Za-z-]*?\1")
_NON_SPACE = compiled(r"\S*")


#: The UTF-8 bytes of a text with every byte that is not a letter A-Z, a-z or a hyphen
#: made a space: runs of letters and hyphens stay as they are, every other character
#: (one byte or several) becomes spaces.
_RUN_BYTES = bytes(
    byte if chr(byte).isascii() and (chr(byte).isalpha() or byte == ord("-")) else ord(" ")
    for byte in range(256)
)
# _RESIDUE_HINT over those bytes: the character before a run is a space there, so the
# search jumps from space to space (a literal) instead of testing every character.
# Those bytes hold only letters, hyphens and spaces, so "[^ ]" is a letter or a hyphen: a
# test the engine runs inline, where a class ("[^ -]", "[a-z]") costs a call per
# character. The hint lets through runs that open with a hyphen or whose second character
# is no lower-case letter, which the plain form leaves out; :data:`_RESIDUE_SHAPE_BYTES`,
# tried at each hint, starts with "[A-Za-z][a-z]" and drops them, and a match lies in one
# run after its space, so the runs after it are tried as before. "{4,}" gives what
# "{4}" then "*" gives, with one repeat fewer; a short run fails at it without a lookahead.
# The greedy "{4,}" finds the same runs as a lazy "*?" (backing off from the run's end
# is cheaper than a step forward): only where a match starts is used, and the first two
# letters come back in a run whichever occurrence the engine stops at. A third fewer
# instructions than the plain form, which tests/extraction/test_read_fast_paths.py keeps.
_RESIDUE_HINT_BYTES = compiled(rb" ([^ ][^ ])[^ ]{4,}\1")
# What a run the hint finds must also show to be a candidate (_is_residue_candidate), tried
# at the hint's space; of some 13,000 hints in the corpus, about 190 pass. A candidate is a
# whole run (a word without its edges, all letters and hyphens, :data:`_RESIDUE_TOKEN`) in
# which the first two letters come back after a letter at the seventh character or later,
# with the rest of the run (hyphens left out, lower case) a prefix of the start or sharing
# its first min(8, lengths) letters: so either the run ends there (hyphens aside) or the
# third letters agree, whatever their case (the start's third letter is its third
# character, or its fourth after a hyphen).
_RESIDUE_SHAPE_BYTES = compiled(
    rb" ([A-Za-z][a-z])(?=-?([A-Za-z]))[A-Za-z-]{4}[A-Za-z-]*?(?<=[A-Za-z])\1-*"
    rb"(?:(?i:\2)|(?![A-Za-z]))"
)


def _encoded(text: str) -> bytes:
    """The UTF-8 bytes the byte-level scans below look at (one encoding per text)."""
    return text.encode("utf-8", "surrogatepass")


def _residue_starts(text: str, encoded: bytes | None = None) -> list[int]:
    """Where the runs that _RESIDUE_HINT (or _RESIDUE_HINT_AT_START) finds begin, in order,
    leaving out those without the shape of a candidate (:data:`_RESIDUE_SHAPE_BYTES`).

    ``encoded``: ``_encoded(text)`` when the caller has it."""
    if encoded is None:
        encoded = _encoded(text)
    # A space before the text: a run at its start is found as the others are. A match
    # starts on the space before its run; with that space, at the run's own byte.
    runs_bytes = b" " + encoded.translate(_RUN_BYTES)
    shape = _RESIDUE_SHAPE_BYTES.match
    runs = [
        hint.start()
        for hint in _RESIDUE_HINT_BYTES.finditer(runs_bytes)
        if shape(runs_bytes, hint.start())
    ]
    if not runs or len(encoded) == len(text):
        return runs  # ASCII: bytes are characters
    starts = []
    char_at = byte_at = 0
    for run in runs:  # each an ASCII letter, so a character of its own
        char_at += len(encoded[byte_at:run].decode("utf-8", "surrogatepass"))
        byte_at = run
        starts.append(char_at)
    return starts


def _residue_candidates(text: str, encoded: bytes | None = None) -> set[str]:
    """Long words in which the first two letters come back: "nonselectivitynon-selectivity"."""
    found: set[str] = set()
    starts = _residue_starts(text, encoded)
    seen = -1  # start of the last word checked
    for start in starts:
        # The whitespace-separated word holding the run (no longer than 80 characters).
        floor = max(0, start - 80)
        while start > floor and not text[start - 1].isspace():
            start -= 1
        if start == seen or (start == floor and start and not text[start - 1].isspace()):
            continue
        seen = start
        rest = _NON_SPACE.match(text, start)
        assert rest is not None  # \S* matches everywhere
        word = text[start : rest.end()]
        if 9 <= len(word) <= 80:
            word = word.strip(_WORD_EDGE)
            if _is_residue_candidate(word):
                found.add(word)
    return found


def _is_residue_candidate(word: str) -> bool:
    """Whether ``word`` (without its edge punctuation) holds two glued readings."""
    position = word.find(word[:2], 6)
    while position > 0:
        # The new reading must begin as the old one does ("nonselectivity|non-...").
        old = word[:position].replace("-", "").lower()
        new = word[position:].replace("-", "").lower()
        glued = word[position - 1] != "-"  # "peer-to-peer" is a word
        if glued and (old.startswith(new[: len(old)]) or old[:8] == new[:8]):
            return _RESIDUE_TOKEN.fullmatch(word) is not None
        position = word.find(word[:2], position + 1)
    return False


def _residue_at(text: str, start: int, token: str) -> tuple[int, str] | None:
    """The end and the new reading of residue ``token`` at ``start``, if it is residue."""
    end = start + len(token)
    prefix = token[:2]
    position = token.find(prefix, 6)
    while position != -1:
        if token[position - 1] == "-":
            position = token.find(prefix, position + 1)
            continue
        old, new = token[:position], token[position:]
        old_key = old.replace("-", "").lower()
        new_key = new.replace("-", "").lower()
        words_end = end
        new_text = new
        while len(new_key) < len(old_key):
            word = _NEXT_WORD.match(text, words_end)
            if not word:
                break
            new_key += word.group(1).replace("-", "").lower()
            new_text += word.group(0)
            words_end = word.end()
        if len(old_key) >= 6 and _near(old_key, new_key):
            return words_end, new_text
        position = token.find(prefix, position + 1)
    return None


#: Up to this many candidates, each is looked for with str.find (a few scans in C);
#: beyond it, one pass over every word (a search per candidate would grow quadratically).
_FIND_EACH_CANDIDATE = 32


def _runs_starting_with(text: str, candidates: set[str]) -> Iterator[re.Match[str]]:
    """The runs of letters (:data:`_LETTER_RUN`) that may begin with a candidate, in order."""
    if len(candidates) > _FIND_EACH_CANDIDATE:
        yield from _LETTER_RUN.finditer(text)
        return
    starts = set()
    for token in candidates:
        position = text.find(token)
        while position != -1:
            starts.add(position)
            position = text.find(token, position + 1)
    for start in sorted(starts):
        run = _LETTER_RUN.match(text, start)  # None inside a word: no run starts there
        if run is not None:
            yield run


def _fix_residue(text: str, warnings: list[str], encoded: bytes | None = None) -> str:
    candidates = _residue_candidates(text, encoded)
    if not candidates:
        return text
    lengths = sorted({len(token) for token in candidates})
    found: list[tuple[int, int, str]] = []
    for word in _runs_starting_with(text, candidates):
        run = word.group()
        start = word.start()
        for length in lengths:
            if length > len(run):
                break
            token = run[:length]
            if token in candidates:
                hit = _residue_at(text, start, token)
                if hit:
                    found.append((start, hit[0], hit[1]))
    if not found:
        return text
    out: list[str] = []
    last = 0
    for start, end, new_text in sorted(found):
        if start < last:
            continue
        out.append(text[last:start])
        out.append(new_text)
        warnings.append(f"tracked-change residue {text[start:end]!r} read as {new_text!r}")
        last = end
    out.append(text[last:])
    return "".join(out)


def _is_glued_mark(text: str, start: int) -> bool:
    """Whether the digits at ``start`` are a footnote mark glued to the word before."""
    before = _GLUED_BEFORE.search(text, max(0, start - 40), start)
    if not before:
        return False
    word, punct = before.groups()
    if not punct:
        # "Action3": the word ends in three lower-case letters and is no code ("CO2").
        return (
            len(word) >= 3
            and word[-3:].isalpha()
            and word[1:].islower()
            and word.lower() not in _NUMBERED_NOUNS
        )
    if punct == ".":
        return len(word) >= 4 and word[-4:].islower() and word.lower() not in _ABBREVIATIONS
    return word[-1].isalpha()


# The UTF-8 bytes of a text mapped to classes: "a" for what may stand before a glued
# number (a-z , ; : . " and the last byte of ” and ’), "1" for 1-9, " " for the rest.
# Every match of _GLUED is a digit after such a character, so it shows as b"a1".
_GLUE_CLASSES = bytes(
    ord("a")
    if byte in b'abcdefghijklmnopqrstuvwxyz,;:."' or byte in "”’".encode()[2::3]
    else ord("1")
    if byte in b"123456789"
    else ord(" ")
    for byte in range(256)
)


def _mark_glued_numbers(text: str, notes: Notes, encoded: bytes | None = None) -> str:
    """Footnote numbers glued to a word become marks (what ``_GLUED.sub`` with
    :func:`_is_glued_mark` gives, matching only where a digit follows such a character).

    ``encoded``: ``_encoded(text)`` when the caller has it."""
    if encoded is None:
        encoded = _encoded(text)
    classes = encoded.translate(_GLUE_CLASSES)
    found = classes.find(b"a1")
    if found == -1:
        return text
    ascii_only = len(encoded) == len(text)
    pieces: list[str] = []
    last = 0  # the end of the last match, in characters
    byte_at = char_at = 0  # the last digit looked at, in bytes and in characters
    while found != -1:
        digit = found + 1  # an ASCII byte: a character of its own
        if ascii_only:
            char_at = digit
        else:
            char_at += len(encoded[byte_at:digit].decode("utf-8", "surrogatepass"))
        byte_at = digit
        # Matches never overlap (each starts after a character that is not a digit and
        # holds digits only), so looking at each place gives what the scan gives.
        match = _GLUED.match(text, char_at)
        if match and _is_glued_mark(text, char_at):
            pieces.append(text[last:char_at])
            pieces.append(notes.mark(match.group()))
            last = match.end()
        found = classes.find(b"a1", digit)
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _squashed(encoded: bytes, paragraphs: list[str]) -> bool:
    """Whether :func:`_squash` leaves every paragraph as it is; ``encoded``: the UTF-8
    form of them joined by a blank line. Then no line end is left beside those between
    the paragraphs, no page break, tab or double space occurs, and no paragraph has
    spaces around it. Those characters are ASCII, and in UTF-8 an ASCII byte is always
    the character itself: looked for in the bytes, they are found faster than in a text
    of two bytes a character (one with quotation marks)."""
    return (
        encoded.count(b"\n") == 2 * len(paragraphs) - 2
        and b"\f" not in encoded
        and b"\t" not in encoded
        and b"  " not in encoded
        and all(map(operator.is_, map(str.strip, paragraphs), paragraphs))
    )


def finish(
    paragraphs: list[str], notes: Notes | None = None, *, normalised: bool = False
) -> tuple[str, list[Footnote], list[str]]:
    """Finish paragraphs (with marks from :meth:`Notes.mark`): clean text and footnotes.

    ``normalised``: the paragraphs come from text passed through :func:`normalise_chars`,
    so every mark opening ("\\ue000", a private-use character) in them was written by
    ``notes``; while ``notes`` holds no mark, the text is then not searched for one.
    """
    notes = notes or Notes()
    warnings = notes.warnings
    text = "\n\n".join(paragraphs)
    encoded = _encoded(text)
    if not _squashed(encoded, paragraphs) or ((notes.marks or not normalised) and _OPEN in text):
        cleaned = []
        for para in paragraphs:
            para = _squash(para)
            if _OPEN not in para or _MARK.sub("", para).strip():
                cleaned.append(para)
            elif para and cleaned:
                cleaned[-1] += para.replace(" ", "")  # marks alone: they belong to the paragraph
        text = "\n\n".join(cleaned)
        encoded = _encoded(text)
    # Both byte-level scans read one encoding of the text while no repair changes it
    # (a substitution that finds nothing returns the string itself).
    before = text
    text = _fix_residue(text, warnings, encoded)
    if _HYPHEN_BEFORE_SPACE.search(text):
        text = _HYPHEN_SPACE.sub("-", text)
        text = _join_title_hyphens(text)
    text = _mark_glued_numbers(text, notes, encoded if text is before else None)
    return _resolve_marks(text, notes, may_hold_marks=bool(notes.marks) or not normalised)


def _resolve_marks(
    text: str, notes: Notes, *, may_hold_marks: bool = True
) -> tuple[str, list[Footnote], list[str]]:
    pieces: list[str] = []
    size = 0
    last = 0
    anchors: list[tuple[int, int]] = []  # (key, anchor)
    out_last = ""  # the last character written so far
    # No mark: the loop finds nothing, and the text is kept as it is (not copied).
    for match in _MARK.finditer(text) if may_hold_marks and _OPEN in text else ():
        chunk = text[last : match.start()]
        if chunk:
            pieces.append(chunk)
            size += len(chunk)
            out_last = chunk[-1]
        after = text[match.end() : match.end() + 1]
        last = match.end()
        if out_last == " " and after in (" ", "\n", ""):
            # A mark between two spaces, or before a paragraph end, leaves no extra space.
            pieces[-1] = pieces[-1][:-1]
            size -= 1
            out_last = pieces[-1][-1:] or "x"
            for index in range(len(anchors) - 1, -1, -1):  # marks just before the space
                if anchors[index][1] <= size:
                    break
                anchors[index] = (anchors[index][0], size)
        elif out_last in ("", "\n") and after == " ":
            last += 1  # a mark opening a paragraph takes its following space along
        anchors.append((int(match.group(1)), size))
    clean = "".join([*pieces, text[last:]]) if last else text

    footnotes: list[Footnote] = []
    waiting: dict[str, list[Footnote]] = {}
    for key, anchor in anchors:
        mark, own = notes.marks[key]
        footnote = Footnote(mark=mark, text=own or "", anchor=anchor)
        footnotes.append(footnote)
        if own is None:
            waiting.setdefault(mark, []).append(footnote)
    for mark, note_text in notes.texts:
        queue = waiting.get(mark)
        if queue:
            queue.pop(0).text = note_text
        else:
            footnotes.append(Footnote(mark=mark, text=note_text, anchor=None))
    loose = sum(1 for f in footnotes if f.anchor is None and f.mark.isdigit())
    if 0 < loose <= 200:
        clean = _anchor_loose_marks(clean, footnotes)
    marks_seen: dict[str, int] = {}
    for footnote in footnotes:
        if footnote.text:
            marks_seen[footnote.mark] = marks_seen.get(footnote.mark, 0) + 1
    for mark, count in marks_seen.items():
        if count > 1:
            notes.warnings.append(f"footnote mark {mark} is used for {count} different footnotes")
    return clean, footnotes, notes.warnings


# A footnote number left in the text apart from its word ("Rarotonga, 3 Bangkok",
# "in 2014, 3", "(Treaty of Tlatelolco)1"). Only looked for when the footnote's text is
# known and its mark was not found, and only between the marks of its neighbours.
_LOOSE_BEFORE = compiled(r"(?:([A-Za-z][A-Za-z.’'-]*)([,;:”’\"]?) |(\)[,;:]? ?)|(\d[,;] ?))$")
_LOOSE_AFTER = compiled(r"(?:\s|$)(?!\s*(?:" + _MONTHS + r"|per cent|to \d|and \d|-\d|–\d)\b)")
_NOT_BEFORE_LOOSE = _NUMBERED_NOUNS | frozenset(
    [
        "from",
        "to",
        "on",
        "of",
        "and",
        "or",
        "between",
        "by",
        "at",
        "in",
        "the",
        "a",
        "no",
        "no.",
        "para.",
        "paras.",
        "vol.",
        "art.",
        "chap.",
        "sect.",
        "ibid.",
        "category",
        "group",
        "protocol",
        "table",
        "figure",
        "annex",
        "appendix",
        "schedule",
        "than",
        "over",
        "under",
        "about",
        "some",
        "all",
        "only",
        "least",
        "most",
        "nearly",
    ]
)


def _anchor_loose_marks(clean: str, footnotes: list[Footnote]) -> str:
    numbered = sorted(
        ((int(f.mark), f) for f in footnotes if f.mark.isdigit() and len(f.mark) <= 3),
        key=lambda item: item[0],
    )
    for value, footnote in numbered:
        if footnote.anchor is not None or not footnote.text:
            continue
        low = max((f.anchor for v, f in numbered if v < value and f.anchor is not None), default=0)
        high = min(
            (f.anchor for v, f in numbered if v > value and f.anchor is not None),
            default=len(clean),
        )
        if high < low:
            continue
        found: list[tuple[int, int, bool]] = []
        mark = footnote.mark
        start = clean.find(mark, low, high)
        while start != -1 and len(found) < 2:
            end = start + len(mark)
            if (
                (start == 0 or not clean[start - 1].isdigit())
                and not clean[end : end + 1].isdigit()
                and clean[end : end + 1] != "/"
            ):
                before = _LOOSE_BEFORE.search(clean, max(0, start - 40), start)
                if before and _LOOSE_AFTER.match(clean, end):
                    word = before.group(1)
                    if word is None or word.lower() not in _NOT_BEFORE_LOOSE:
                        found.append((start, end, clean[start - 1] == " "))
            start = clean.find(mark, start + 1, high)
        if len(found) != 1:
            continue
        start, end, spaced = found[0]
        cut_from = start - 1 if spaced else start  # the space before a spaced mark goes too
        removed = end - cut_from
        clean = clean[:cut_from] + clean[end:]
        for other in footnotes:
            if other.anchor is not None and other.anchor >= end:
                other.anchor -= removed
        footnote.anchor = cut_from
    footnotes.sort(key=lambda f: (f.anchor is None, f.anchor or 0))
    return clean
