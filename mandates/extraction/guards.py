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
"""

from __future__ import annotations

import importlib
import re

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
        parts, empty = _first(_parser.parse(pattern, flags).data)
    except (_Unknown, re.error):
        return None
    if empty or not parts:
        return None
    return "[" + "".join(dict.fromkeys(parts)) + "]"


def guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)`` with a lookahead of the characters a match begins with."""
    first = first_characters(pattern, flags)
    if first is not None:
        try:
            return re.compile(f"(?={first})(?:{pattern})", flags)
        except re.error:  # e.g. global inline flags, which must open the pattern
            pass
    return re.compile(pattern, flags)


__all__ = ["first_characters", "guarded"]
