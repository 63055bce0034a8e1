"""Word gates: a scan of a request span is skipped when the span cannot hold a match.

Python's regex engine tries a pattern at every position of the span it scans (20-80 ns a
character with a guard). Many of the request readers' patterns can only match where one of
a few words is printed: a verb-based product needs "report", "inform", "brief", ...;
"his next report" needs "next", "annual", ... and "report" or "update". :func:`words`
works those words out of the parsed pattern (so they follow the lexicon), and
:func:`may_match` looks for them with ``in`` in the lower-cased span, which runs at C
speed; when none is there the scan is skipped.

Exact: every match of the pattern in the span holds one of the words, printed as ASCII
letters and punctuation in any case, and lower-casing turns those into the word. A
case-insensitive pattern also matches the dotted and dotless I for "i", the Kelvin sign
for "k" and the long s for "s" (:data:`ODD_FOLDS`): a span holding one of them is always
scanned.
"""

from __future__ import annotations

import importlib
import re
import string

from . import regex_cache
from .guards import case_variants

_parser = importlib.import_module("re._parser")
sre = importlib.import_module("re._constants")

#: Characters beyond ASCII that a case-insensitive ASCII letter matches (from guards,
#: which checks them against the regex engine over every code point).
ODD_FOLDS = "".join(
    sorted(
        {char for letter in string.ascii_lowercase for char in case_variants(letter)}
        - set(string.ascii_letters)
    )
)

_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
#: At most this many words in a gate (more cost more than the scan they save).
_MOST_WORDS = 16

Words = frozenset[str]


def _key(found: Words) -> tuple:
    """Selectivity: the longer the shortest word and the fewer the words, the better."""
    return (-min(map(len, found)), len(found), sorted(found))


def _flatten(items: list) -> list:
    """Groups opened in place: their items join the sequence (flags do not matter here:
    every ASCII literal is compared lower-cased)."""
    flat = []
    for op, av in items:
        if op is sre.SUBPATTERN:
            flat += _flatten(list(av[-1].data))
        elif op is sre.ATOMIC_GROUP:
            flat += _flatten(list(av.data))
        else:
            flat.append((op, av))
    return flat


def _sequence(items: list) -> list[Words]:
    """Sets of words such that every match of ``items`` holds a word of each set."""
    found: list[Words] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            found.append(frozenset({"".join(run)}))
            run.clear()

    for op, av in _flatten(items):
        if op is sre.LITERAL and chr(av).isascii() and chr(av).isprintable():
            run.append(chr(av).lower())
            continue
        if op in _ZERO_WIDTH:
            continue  # consumes nothing: the literal run goes on after it
        flush()
        if op is sre.BRANCH:
            union: set[str] = set()
            for branch in av[1]:
                sets = _sequence(branch.data)
                if not sets:
                    union = set()
                    break
                best: Words = min(sets, key=_key)
                union |= best
            if union and len(union) <= _MOST_WORDS:
                found.append(frozenset(union))
        elif op in _REPEATS and av[0] >= 1:
            found += _sequence(av[2].data)
    flush()
    return found


def _shortest(found: Words) -> tuple[str, ...]:
    """The words of a set without those holding another (found whenever it is)."""
    kept = [w for w in found if not any(o != w and o in w for o in found)]
    return tuple(sorted(kept, key=lambda w: (-len(w), w)))


Gate = tuple[tuple[str, ...], ...]


#: A set whose shortest word is shorter is not worth testing ("to", "and": in every span).
_SHORTEST_WORD = 3


def words(pattern: str, flags: int = 0, most: int = 2) -> Gate:
    """Up to ``most`` sets of lower-case ASCII words: every match of ``pattern`` holds a
    word of each set (none: the scan always runs)."""
    found = sorted(set(_sequence(list(_parser.parse(pattern, flags).data))), key=_key)
    kept = [one for one in found if min(map(len, one)) >= _SHORTEST_WORD]
    return tuple(_shortest(one) for one in kept[:most])


#: The gates worked out, by the identity of their compiled pattern (hashing a pattern
#: hashes its whole compiled code, up to 16 us for a long one, at every look-up); each
#: entry keeps its pattern alive, so no other object takes its id.
_GATES: dict[int, tuple[re.Pattern[str], Gate]] = {}


def gate(pattern: re.Pattern[str]) -> Gate:
    """The words of a compiled pattern, worked out on first use (parsing costs at import)."""
    found = _GATES.get(id(pattern))
    if found is None or found[0] is not pattern:
        found = _GATES[id(pattern)] = (pattern, _remembered_words(pattern))
    return found[1]


#: What ``words`` computes depends on this module's source (None: unreadable).
_DIGEST = regex_cache.source_digest(__file__)


def _remembered_words(pattern: re.Pattern[str]) -> Gate:
    """``words`` of a pattern, kept between runs by the pattern cache (parsing a long pattern
    costs 3 ms, a few documents' worth of the reading it saves): one line a set of words,
    the words separated by tabs (neither is a printable character, so in no word)."""
    if _DIGEST is None:
        return words(pattern.pattern, pattern.flags)
    key = ("gate", _DIGEST, pattern.pattern, int(pattern.flags))
    text = regex_cache.remembered(
        key, lambda: "\n".join("\t".join(one) for one in words(pattern.pattern, pattern.flags))
    )
    return tuple(tuple(line.split("\t")) for line in text.split("\n")) if text else ()


def may_match(pattern: re.Pattern[str], span: str, low: str) -> bool:
    """False only when no match of ``pattern`` can be in ``span`` (``low`` is
    ``span.lower()``): a span without its words, and without a character that folds to an
    ASCII letter."""
    known = _GATES.get(id(pattern))
    found = known[1] if known is not None and known[0] is pattern else gate(pattern)
    for needed in found:
        for word in needed:
            if word in low:
                break
        else:  # none of this set: a match needs an odd fold (never in ASCII, at once)
            return not span.isascii() and any(char in span for char in ODD_FOLDS)
    return True


__all__ = ["ODD_FOLDS", "Gate", "gate", "may_match", "words"]
