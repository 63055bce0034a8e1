"""Faster scanning with the same matches: a first-character guard for big alternations.

Python's regex engine tries a pattern at every position of the text. For a pattern that
opens with a long case-insensitive alternation (the lexicon's product nouns, the names of
mechanisms), every word start costs an attempt at every branch. :func:`guarded` computes,
from the pattern itself, the characters a match can begin with and puts them in front as a
lookahead (``(?=[...])``): positions where no match can begin are refused after one
character test. The lookahead only states what every match already satisfies, so the
matches are the same; when the first characters cannot be worked out (a class like ``\\w``
inside a negation, a back-reference) the pattern is compiled unchanged. Patterns built
from the lexicon get their guard from the lexicon's words, so a word added there is
guarded too.

``guarded(pattern, flags, length=5)`` adds a second lookahead: the first five characters
a match can begin with, as an alternation of character classes written case by case
(``[Rr][Ee][Pp]...``). The engine drops a branch that opens with a plain class after one
test, which it cannot do for a case-insensitive branch, so the long alternation behind it
is entered only where one of its words really begins (3x on the product nouns).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Iterator

from mandates.extraction import regex_cache
from mandates.extraction.regex_cache import compiled

#: What :func:`guard` computes depends on this module's source (None: no source to read).
_DIGEST = regex_cache.source_digest(__file__)

# The regex parser of the standard library (re._parser, re._constants since Python 3.11).
_parser = importlib.import_module("re._parser")
sre = importlib.import_module("re._constants")

_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_UNI_DIGIT: r"\d",
    sre.CATEGORY_UNI_SPACE: r"\s",
    sre.CATEGORY_UNI_WORD: r"\w",
}
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)


class _Unknown(Exception):
    """The first characters of a pattern cannot be listed."""


def _class_items(items: list) -> list[str]:
    parts = []
    for op, av in items:
        if op is sre.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is sre.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sre.CATEGORY and av in _CATEGORIES:
            parts.append(_CATEGORIES[av])
        else:  # a negated class or a category without an escape
            raise _Unknown
    return parts


def _first(items: list) -> tuple[list[str], bool]:
    """The class items a match of ``items`` can begin with, and whether it can be empty."""
    parts: list[str] = []
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # a lookaround or anchor consumes nothing: the next item decides
        if op is sre.LITERAL:
            return [*parts, re.escape(chr(av))], False
        if op is sre.IN:
            return [*parts, *_class_items(av)], False
        if op is sre.SUBPATTERN:
            found, empty = _first(av[-1].data)
        elif op is sre.BRANCH:
            found, empty = [], False
            for branch in av[1]:
                more, branch_empty = _first(branch.data)
                found += more
                empty = empty or branch_empty
        elif op in _REPEATS:
            found, empty = _first(av[2].data)
            empty = empty or av[0] == 0
        else:  # any character, a back-reference, a conditional
            raise _Unknown
        parts += found
        if not empty:
            return parts, False
    return parts, True


def first_characters(pattern: str, flags: int = 0) -> str | None:
    """A character class of what a match of ``pattern`` can begin with, or None."""
    try:
        return _first_class(_parser.parse(pattern, flags))
    except re.error:
        return None


def _first_class(parsed) -> str | None:
    try:
        parts, empty = _first(parsed.data)
    except _Unknown:
        return None
    if empty or not parts:
        return None
    return "[" + "".join(dict.fromkeys(parts)) + "]"


#: What ``\\s`` matches in a str pattern (a test checks the list). The parser writes
#: CATEGORY_SPACE for it, the compiler makes it Unicode unless re.ASCII is given: this list
#: holds both.
UNICODE_SPACE = frozenset(
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_SPACES = (sre.CATEGORY_SPACE, sre.CATEGORY_UNI_SPACE)
#: Characters outside A-Z that a case-insensitive ASCII letter matches (tests check this).
_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
#: The most prefixes a guard lists (more make a slower lookahead than they save).
_MOST_PREFIXES = 400


def case_variants(char: str) -> frozenset[str]:
    """Every character that ``char`` matches when the pattern ignores case."""
    if not char.isascii() or not char.isalpha():
        if char.lower() != char or char.upper() != char:
            raise _Unknown  # a cased letter beyond ASCII: not worked out here
        return frozenset(char)
    low = char.lower()
    return frozenset(low + low.upper() + _FOLDS.get(low, ""))


def _class_set(items: list, ignore_case: bool) -> frozenset[str]:
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            found = [chr(av)]
        elif op is sre.RANGE and av[1] - av[0] < 64:
            found = [chr(code) for code in range(av[0], av[1] + 1)]
        elif op is sre.CATEGORY and av in _SPACES:
            chars |= UNICODE_SPACE
            continue
        else:  # a negated class, \\w, \\d, a wide range
            raise _Unknown
        for char in found:
            chars |= case_variants(char) if ignore_case else {char}
    return frozenset(chars)


_Prefix = tuple[frozenset[str], ...]


def _sequence(items: list, room: int, ignore_case: bool) -> set[tuple[_Prefix, bool]]:
    """The prefixes (up to ``room`` characters) of what ``items`` match; each with whether
    the match may go on after it (False: cut at ``room`` or at what cannot be listed)."""
    states: set[tuple[_Prefix, bool]] = {((), True)}
    for op, av in items:
        following: set[tuple[_Prefix, bool]] = set()
        for prefix, open_ in states:
            if not open_ or len(prefix) >= room:
                following.add((prefix, False))
                continue
            for tail, tail_open in _item(op, av, room - len(prefix), ignore_case):
                following.add((prefix + tail, tail_open))
        if len(following) > _MOST_PREFIXES:
            raise _Unknown
        states = following
    return states


def _item(op, av, room: int, ignore_case: bool) -> set[tuple[_Prefix, bool]]:
    if op in _ZERO_WIDTH:
        return {((), True)}
    try:
        if op is sre.LITERAL:
            chars = case_variants(chr(av)) if ignore_case else frozenset(chr(av))
            return {((chars,), True)}
        if op is sre.IN:
            return {((_class_set(av, ignore_case),), True)}
    except _Unknown:
        return {((), False)}
    if op is sre.SUBPATTERN:
        _, add, remove, pattern = av
        ignore = (ignore_case or bool(add & sre.SRE_FLAG_IGNORECASE)) and not (
            remove & sre.SRE_FLAG_IGNORECASE
        )
        return _sequence(pattern.data, room, ignore)
    if op is sre.ATOMIC_GROUP:
        return _sequence(av.data, room, ignore_case)
    if op is sre.BRANCH:
        found: set[tuple[_Prefix, bool]] = set()
        for branch in av[1]:
            found |= _sequence(branch.data, room, ignore_case)
        return found
    if op in _REPEATS:
        return _repeat(av[0], av[1], av[2].data, room, ignore_case)
    return {((), False)}  # any character, a back-reference, a conditional


def _repeat(least: int, most: int, items: list, room: int, ignore_case: bool):
    found: set[tuple[_Prefix, bool]] = set()
    states: set[tuple[_Prefix, bool]] = {((), True)}
    count = 0
    while True:
        open_states = {state for state in states if state[1]}
        found |= states - open_states
        if count >= least:
            found |= open_states
        if count >= most or not open_states:
            return found
        following: set[tuple[_Prefix, bool]] = set()
        for prefix, _ in open_states:
            if len(prefix) >= room:
                following.add((prefix, False))
                continue
            for tail, tail_open in _sequence(items, room - len(prefix), ignore_case):
                following.add((prefix + tail, tail_open))
        if following == states:  # an item that may match nothing: no progress
            return found | following
        if len(following) > _MOST_PREFIXES:
            raise _Unknown
        states, count = following, count + 1


def prefixes(pattern: str, flags: int = 0, length: int = 2) -> set[_Prefix] | None:
    """Sets of the first ``length`` characters a match can begin with (shorter where the
    pattern cannot be listed further), or None when some match begins with nothing listable."""
    try:
        return _prefixes(_parser.parse(pattern, flags), length)
    except re.error:
        return None


def _prefixes(parsed, length: int) -> set[_Prefix] | None:
    ignore_case = bool(parsed.state.flags & sre.SRE_FLAG_IGNORECASE)
    try:
        found = {prefix for prefix, _ in _sequence(parsed.data, length, ignore_case)}
    except _Unknown:
        return None
    if not found or () in found:
        return None
    return found


#: The letters whose case variants reach beyond Latin-1, spelled as the engine's own case
#: folding (a class of them would be compiled to a 64 KB bitmap at every start-up).
_FOLDED = {case_variants(letter): f"(?i:{letter})" for letter in _FOLDS}


def _render(chars: frozenset[str], unicode: bool = True, fold: bool = True) -> str:
    """A class of ``chars`` in a case-sensitive str pattern, spelled cheaply to compile
    where that matches the same characters: ``\\s`` for :data:`UNICODE_SPACE` and
    ``(?i:s)`` for the variants of "i", "k" and "s" (both only without re.ASCII, where
    they would mean less)."""
    if unicode:
        if fold and chars in _FOLDED:
            return _FOLDED[chars]
        if chars >= UNICODE_SPACE:
            rest = "".join(re.escape(char) for char in sorted(chars - UNICODE_SPACE))
            return f"[\\s{rest}]"
    return "[" + "".join(re.escape(char) for char in sorted(chars)) + "]"


def _trie(found: set[_Prefix], unicode: bool = True) -> str:
    """An alternation matching what begins with one of ``found`` (shared heads merged)."""
    heads: dict[frozenset[str], set[_Prefix]] = {}
    for prefix in found:
        heads.setdefault(prefix[0], set()).add(prefix[1:])
    parts = []
    for head in sorted(heads, key=sorted):
        rests = heads[head]
        # the engine drops a branch that opens with a class after one test, not one that
        # opens with "(?i:s)": a head keeps its class
        first = _render(head, unicode, fold=False)
        if () in rests:
            parts.append(first)
        elif len(rests) == 1:
            parts.append(first + "".join(_render(c, unicode) for c in next(iter(rests))))
        else:
            parts.append(f"{first}(?:{_trie(rests, unicode)})")
    return "|".join(parts)


def guard(pattern: str, flags: int = 0, length: int = 1) -> str:
    """The lookaheads ``guarded`` puts in front of ``pattern`` ("" when none can be built):
    the first characters, and with ``length`` > 1 the first ``length`` characters written
    case by case (its alternatives fail on their first character, which a case-insensitive
    alternation cannot do), so a long alternation is tried only where a word of it begins.

    Kept between runs by the pattern cache (working it out parses the whole pattern): the
    key holds a digest of this module, so a change here works every guard out again."""
    if _DIGEST is None:
        return _guard(pattern, flags, length)
    key = ("guard", _DIGEST, pattern, int(flags), length)
    return regex_cache.remembered(key, lambda: _guard(pattern, flags, length))


def _guard(pattern: str, flags: int, length: int) -> str:
    try:
        parsed = _parser.parse(pattern, flags)
    except re.error:
        return ""
    first = _first_class(parsed)
    if first is None:
        return ""
    found = _prefixes(parsed, length) if length > 1 else None
    if found is None:
        return f"(?={first})"
    # a word boundary every match opens with (not only its first branch), tested before the
    # long lookahead, refuses the positions inside words at once
    opens = bool(parsed.data) and parsed.data[0] == (sre.AT, sre.AT_BOUNDARY)
    boundary = r"\b" if opens else ""
    unicode = not (flags | parsed.state.flags) & re.ASCII
    return f"(?={first}){boundary}(?=(?-i:{_trie(found, unicode)}))"


def lower_guard(pattern: str, flags: int = 0, length: int = 5) -> str:
    """A lookahead that holds in ``text.lower()`` wherever a match of ``pattern`` can begin
    in ``text`` (when lower-casing kept the length, so every offset): the first ``length``
    characters of a match, lower-cased, as plain characters. A scan of the lower-cased text
    for it tests one character per branch where the case-by-case guard tests a class ("" when
    none can be built). Kept between runs like :func:`guard`."""
    if _DIGEST is None:
        return _lower_guard(pattern, flags, length)
    key = ("lower_guard", _DIGEST, pattern, int(flags), length)
    return regex_cache.remembered(key, lambda: _lower_guard(pattern, flags, length))


def _lower_guard(pattern: str, flags: int, length: int) -> str:
    found = prefixes(pattern, flags, length)
    if found is None:
        return ""
    # each character lower-cases to one in the lowered set (İ, which lower-cases to two,
    # changes the length: such a text is never scanned this way)
    lowered = {tuple(frozenset(c.lower() for c in s if len(c.lower()) == 1) for s in prefix)
               for prefix in found}  # fmt: skip
    return f"(?={_trie(lowered)})"


def copy_guard(
    pattern: str, flags: int, length: int, image: Callable[[str], str], image_key: tuple
) -> str:
    """A lookahead for a copy of the text with one ASCII character for each of its
    characters (``image(char)``: what ``char`` may stand as there): it holds in the copy
    wherever a match of ``pattern`` can begin in the text (the first ``length`` characters of
    a match, each as its images). A bytes pattern once encoded; "" when none can be built.
    Kept between runs like :func:`guard`; ``image_key`` names ``image`` (its module's digest
    included)."""
    if _DIGEST is None or None in image_key:
        return _copy_guard(pattern, flags, length, image)
    key = ("copy_guard", _DIGEST, *image_key, pattern, int(flags), length)
    return regex_cache.remembered(key, lambda: _copy_guard(pattern, flags, length, image))


def _copy_guard(pattern: str, flags: int, length: int, image: Callable[[str], str]) -> str:
    found = prefixes(pattern, flags, length)
    if found is None:
        return ""
    copied = {
        tuple(frozenset(byte for char in chars for byte in image(char)) for chars in prefix)
        for prefix in found
    }
    return f"(?={_trie(copied, unicode=False)})"


def guarded(pattern: str, flags: int = 0, length: int = 1) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` behind the lookaheads of :func:`guard`: the same
    matches, found faster."""
    lookahead = guard(pattern, flags, length)
    if lookahead:
        try:
            return compiled(f"{lookahead}(?:{pattern})", flags)
        except re.error:  # e.g. global inline flags, which must open the pattern
            pass
    return compiled(pattern, flags)


def leading_words(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Lower-case words one of which every match of ``pattern`` begins with, or None.

    Where the lower-cased text (:func:`plain_case`) holds none of them, no match begins:
    a scan may try the pattern only where one does (:func:`finditer_at_words`)."""
    try:
        parsed = _parser.parse(pattern, flags)
    except re.error:
        return None
    words = _leading(parsed.data)
    if not words or any(not word.isascii() for word in words):
        return None
    found = {word.lower() for word in words}
    # a word that begins with another of them adds nothing
    return frozenset(w for w in found if not any(o != w and w.startswith(o) for o in found))


def _leading(items: list) -> set[str] | None:
    run = ""
    for op, av in items:
        if op is sre.LITERAL:
            run += chr(av)
            continue
        if op is sre.IN and all(item == sre.LITERAL for item, _ in av):
            lower = {chr(code).lower() for _, code in av}
            if len(lower) == 1:  # "[Ww]": one letter in either case
                run += lower.pop()
                continue
        if run:
            return {run}
        if op in _ZERO_WIDTH:
            continue  # a lookaround or anchor consumes nothing: the next item decides
        if op is sre.SUBPATTERN:
            return _leading(av[-1].data)
        if op is sre.BRANCH:
            found: set[str] = set()
            for branch in av[1]:
                words = _leading(branch.data)
                if not words:
                    return None
                found |= words
            return found
        return None
    return {run} if run else None


def finditer_at_words(
    pattern: re.Pattern[str], words: frozenset[str] | None, text: str, low: str | None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)``, with the pattern tried only where one of ``words`` (its
    :func:`leading_words`) begins in ``low`` (``text.lower()``): the same matches, found
    by fast substring scans instead of an attempt at every position. ``low`` None (the
    text is not :func:`plain_case`) or ``words`` None: ``pattern.finditer(text)``. For
    patterns whose matches are never empty."""
    if words is None or low is None:
        yield from pattern.finditer(text)
        return
    starts: set[int] = set()
    for word in words:
        at = low.find(word)
        while at >= 0:
            starts.add(at)
            at = low.find(word, at + 1)
    yield from matches_at(pattern, text, sorted(starts), 0, len(text))


def matches_at(
    pattern: re.Pattern[str], text: str, starts: Iterable[int], start: int, end: int
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, start, end)`` with the pattern tried only at ``starts``
    (in order, holding every offset from ``start`` on where a match may begin, those before
    ``start`` passed over): as ``finditer`` does, the first match found, then on from its
    end. For patterns whose matches are never empty."""
    resume = start
    for at in starts:
        if at < resume:
            continue
        found = pattern.match(text, at, end)
        if found is not None:
            yield found
            resume = found.end()


def plain_case(text: str) -> bool:
    """Whether a case-insensitive pattern's ASCII letters match in ``text`` (and in any
    slice of it) exactly what lower-cases to them: False when the text holds a character
    that such a pattern matches to an ASCII letter without lower-casing to it ("\u017f"
    for "s", the Kelvin sign for "k", dotted and dotless i)."""
    return not any(char in text for chars in _FOLDS.values() for char in chars)


__all__ = [
    "case_variants",
    "copy_guard",
    "finditer_at_words",
    "first_characters",
    "guard",
    "guarded",
    "leading_words",
    "lower_guard",
    "matches_at",
    "plain_case",
    "prefixes",
]
