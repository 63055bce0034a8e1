"""Case-insensitive patterns written case by case, their alternations factored: the same
matches in fewer steps.

Python's regex engine tries the branches of an alternation one after the other. A branch
that opens with a plain character or class is dropped after one test of the character in
front of it; one that opens with a letter matched ignoring case is entered first (a jump,
the marks saved), and only then fails. The lexicon's verb lists are alternations of some
seventy words, tried ignoring case, at every clause: most of their cost is entering
branches that cannot match. :func:`factored` compiles a rewritten pattern:

- every character matched ignoring case becomes the class of what it matches
  (``guards.case_variants``: "k" is [Kk] and the Kelvin sign), so re.IGNORECASE goes;
- an alternation's branches are grouped by their first character ("requests|urges|recalls"
  becomes "re(?:quests|calls)|urges"), a group opening with its class, when the groups'
  first characters are disjoint; a branch that opens with a group or an alternation
  without a capture is opened first ("(?:a|b)c" is "ac|bc").

Both keep every match. The classes match what the letters matched (a class ignoring case
matches a character when one of its members does; ``case_variants`` is checked against the
engine over every code point), and nothing else a pattern can hold depends on the case
(a back-reference, which does, is refused). The engine returns the first branch, in order,
that leads to a match; a branch whose first class does not hold the character in front
fails at once, so at any position the branches tried, and their order, are the same after
the grouping. An alternation holding a capturing group is not regrouped (the groups would
be numbered differently); a pattern with flags the rewriting does not know is compiled as
it is.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

from . import regex_cache
from .guards import _render, _Unknown, case_variants
from .regex_cache import compiled

_parser = importlib.import_module("re._parser")
sre = importlib.import_module("re._constants")

#: What :func:`rewritten` computes depends on this module's source (None: unreadable).
_DIGEST = regex_cache.source_digest(__file__)

_IGNORE = sre.SRE_FLAG_IGNORECASE
#: Flags the rewritten pattern keeps as they are (re.UNICODE is what a str pattern has).
_KEPT = sre.SRE_FLAG_MULTILINE | sre.SRE_FLAG_DOTALL | sre.SRE_FLAG_UNICODE
_SCOPED = {sre.SRE_FLAG_MULTILINE: "m", sre.SRE_FLAG_DOTALL: "s"}
_AT = {
    sre.AT_BEGINNING: "^",
    sre.AT_END: "$",
    sre.AT_BOUNDARY: r"\b",
    sre.AT_NON_BOUNDARY: r"\B",
    sre.AT_BEGINNING_STRING: r"\A",
    sre.AT_END_STRING: r"\Z",
}
_CATEGORIES = {
    sre.CATEGORY_DIGIT: r"\d",
    sre.CATEGORY_NOT_DIGIT: r"\D",
    sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S",
    sre.CATEGORY_WORD: r"\w",
    sre.CATEGORY_NOT_WORD: r"\W",
}
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
#: A factored alternation longer than this many times the plain one is left plain.
_MOST_GROWTH = 8

#: One item of the parsed pattern with whether it is matched ignoring case.
_Item = tuple[Any, Any, bool]


#: Every pattern :func:`factored` compiled, with the pattern and flags it was given (the
#: tests compare each with the plain compile).
FACTORED: list[tuple[re.Pattern[str], str, int]] = []


def factored(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, rewritten (:func:`rewritten`) when it can be."""
    written = rewritten(pattern, flags)
    found = compiled(written, flags & _KEPT) if written else compiled(pattern, flags)
    FACTORED.append((found, pattern, int(flags)))
    return found


def rewritten(pattern: str, flags: int = 0) -> str:
    """The pattern written case by case with its alternations factored (to be compiled with
    ``flags`` less re.IGNORECASE), or "" when it cannot be. Kept between runs by the
    pattern cache (it parses the pattern)."""
    if _DIGEST is None:
        return _rewritten(pattern, flags)
    key = ("factored", _DIGEST, pattern, int(flags))
    return regex_cache.remembered(key, lambda: _rewritten(pattern, flags))


def _rewritten(pattern: str, flags: int) -> str:
    if flags & ~(_KEPT | _IGNORE):
        return ""  # re.ASCII, re.LOCALE (other case rules), re.VERBOSE
    try:
        parsed = _parser.parse(pattern, flags)
    except re.error:
        return ""
    inline = parsed.state.flags & ~flags & ~(_IGNORE | sre.SRE_FLAG_UNICODE)
    if inline:
        return ""  # global flags set inside the pattern that the compiled one would lack
    names = {index: name for name, index in parsed.state.groupdict.items()}
    ignore = bool(parsed.state.flags & _IGNORE)
    try:
        return _Writer(names).sequence([(op, av, ignore) for op, av in parsed.data])
    except _Unknown:
        return ""


def _chars(code: int, ignore: bool) -> frozenset[str]:
    """What a literal matches (``case_variants`` raises for a cased letter beyond ASCII)."""
    return case_variants(chr(code)) if ignore else frozenset(chr(code))


def _class(items: list, ignore: bool) -> tuple[frozenset[str], str, bool]:
    """The characters a class lists (case variants included), its categories and ranges
    written out, and whether it is negated."""
    chars: set[str] = set()
    written = ""
    negated = False
    for op, av in items:
        if op is sre.NEGATE:
            negated = True
        elif op is sre.LITERAL:
            chars |= _chars(av, ignore)
        elif op is sre.RANGE:
            low, high = av
            cased = ignore and any(
                chr(code).lower() != chr(code).upper() for code in range(low, high + 1)
            )
            if cased and high - low > 256:
                raise _Unknown
            if cased:
                for code in range(low, high + 1):
                    chars |= _chars(code, ignore)
            else:
                written += f"{re.escape(chr(low))}-{re.escape(chr(high))}"
        elif op is sre.CATEGORY and av in _CATEGORIES:
            written += _CATEGORIES[av]
        else:
            raise _Unknown
    return frozenset(chars), written, negated


def _one_character(item: _Item) -> frozenset[str] | None:
    """The characters a one-character item matches, or None (a category, a negation, not
    one character)."""
    op, av, ignore = item
    if op is sre.LITERAL:
        return _chars(av, ignore)
    if op is sre.IN:
        chars, written, negated = _class(av, ignore)
        return None if written or negated or not chars else chars
    return None


def _captures(items: list) -> bool:
    """Whether the items hold a capturing group."""
    for op, av in items:
        if op is sre.SUBPATTERN:
            if av[0] is not None or _captures(av[3].data):
                return True
        elif op is sre.BRANCH:
            if any(_captures(branch.data) for branch in av[1]):
                return True
        elif op in _REPEATS:
            if _captures(av[2].data):
                return True
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            if _captures(av[1].data):
                return True
        elif op is sre.ATOMIC_GROUP and _captures(av.data):
            return True
    return False


class _Writer:
    def __init__(self, names: dict[int, str]) -> None:
        self.names = names

    def sequence(self, items: list[_Item]) -> str:
        return "".join(self.item(item) for item in items)

    def item(self, item: _Item, head: bool = False) -> str:
        op, av, ignore = item
        if op is sre.LITERAL:
            return _render(_chars(av, ignore), fold=not head)
        if op is sre.NOT_LITERAL:
            return "[^" + "".join(re.escape(c) for c in sorted(_chars(av, ignore))) + "]"
        if op is sre.IN:
            chars, written, negated = _class(av, ignore)
            if not written and not negated:
                return _render(chars, fold=not head)
            listed = "".join(re.escape(c) for c in sorted(chars))
            return f"[{'^' if negated else ''}{listed}{written}]"
        if op is sre.ANY:
            return "."
        if op is sre.AT:
            return _AT[av]
        if op is sre.SUBPATTERN:
            group, add, remove, pattern = av
            inner_ignore = (ignore or bool(add & _IGNORE)) and not remove & _IGNORE
            if (add | remove) & ~(_IGNORE | sre.SRE_FLAG_MULTILINE | sre.SRE_FLAG_DOTALL):
                raise _Unknown
            inner = self.sequence([(o, a, inner_ignore) for o, a in pattern.data])
            scoped = "".join(letter for flag, letter in _SCOPED.items() if add & flag)
            unscoped = "".join(letter for flag, letter in _SCOPED.items() if remove & flag)
            if scoped or unscoped:
                inner = f"(?{scoped}{'-' if unscoped else ''}{unscoped}:{inner})"
            if group is None:
                return f"(?:{inner})"
            name = self.names.get(group)
            return f"(?P<{name}>{inner})" if name else f"({inner})"
        if op is sre.BRANCH:
            branches = [[(o, a, ignore) for o, a in branch.data] for branch in av[1]]
            return f"(?:{self.alternation(branches)})"
        if op in _REPEATS:
            least, most, pattern = av
            inner = self.sequence([(o, a, ignore) for o, a in pattern.data])
            if most is sre.MAXREPEAT:
                count = "*" if least == 0 else "+" if least == 1 else f"{{{least},}}"
            elif least == most:
                count = f"{{{least}}}"
            else:
                count = f"{{{least},{most}}}"
            lazy = "?" if op is sre.MIN_REPEAT else "+" if op is sre.POSSESSIVE_REPEAT else ""
            return f"(?:{inner}){count}{lazy}"
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            direction, pattern = av
            inner = self.sequence([(o, a, ignore) for o, a in pattern.data])
            kind = "=" if op is sre.ASSERT else "!"
            return f"(?{'<' if direction < 0 else ''}{kind}{inner})"
        if op is sre.ATOMIC_GROUP:
            return f"(?>{self.sequence([(o, a, ignore) for o, a in av.data])})"
        raise _Unknown  # a back-reference, a conditional

    def alternation(self, branches: list[list[_Item]]) -> str:
        plain = "|".join(self.sequence(branch) for branch in branches)
        if len(branches) < 2 or any(_captures([(o, a) for o, a, _ in b]) for b in branches):
            return plain
        opened = [each for branch in branches for each in _opened(branch)]
        groups: dict[frozenset[str], list[list[_Item]]] = {}
        for branch in opened:
            first = _one_character(branch[0]) if branch else None
            if first is None:
                return plain
            groups.setdefault(first, []).append(branch)
        firsts = list(groups)
        if sum(map(len, firsts)) != len(frozenset().union(*firsts)):
            return plain  # two groups may open with the same character
        parts = []
        for members in groups.values():
            head = self.item(members[0][0], head=True)
            rests = [member[1:] for member in members]
            if len(rests) == 1:
                parts.append(head + self.sequence(rests[0]))
            else:
                parts.append(f"{head}(?:{self.alternation(rests)})")
        written = "|".join(parts)
        return written if len(written) <= _MOST_GROWTH * len(plain) else plain


def _opened(branch: list[_Item]) -> list[list[_Item]]:
    """The branch with a group or an alternation it opens with opened: "(?:a|b)c" as "ac",
    "bc" (the same sequences in the same order; only where nothing is captured)."""
    if not branch:
        return [branch]
    op, av, ignore = branch[0]
    if op is sre.BRANCH:
        return [
            each
            for inner in av[1]
            for each in _opened([(o, a, ignore) for o, a in inner.data] + branch[1:])
        ]
    if op is sre.SUBPATTERN and av[0] is None:
        _, add, remove, pattern = av
        if (add | remove) & ~_IGNORE:
            return [branch]
        inner_ignore = (ignore or bool(add & _IGNORE)) and not remove & _IGNORE
        return _opened([(o, a, inner_ignore) for o, a in pattern.data] + branch[1:])
    return [branch]


__all__ = ["FACTORED", "factored", "rewritten"]
