"""The actor alias table: printed names ("the Office of the High Commissioner") to the
canonical actor names the tracker uses ("OHCHR"), each with its kind.

The packaged table lives in ``data/actors.json``. The Django app keeps its Actor rows in
step with it (``manage.py actors_sync``) and builds the table ingest uses from them with
:meth:`ActorTable.from_entries`; both carry the same names, aliases and kinds, so what
ingest stores is what ``extract`` prints.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from mandates.extraction import regex_cache
from mandates.extraction.regex_cache import compiled

_DATA = Path(__file__).with_name("data") / "actors.json"

#: The kinds of actor (value -> label), the one vocabulary of data/actors.json, the Actor
#: table and the extractor, which branches on them (States and bodies are not asked for
#: reports the way officials are; mechanisms are what "the Special Rapporteur" refers to).
ACTOR_KINDS: dict[str, str] = {
    "official": "official",
    "office": "office",
    "body": "intergovernmental body",
    "state": "States",
    "system": "the United Nations system",
    "special procedure": "special procedure",
    "mechanism": "mechanism",
    "commission of inquiry": "commission of inquiry",
    "fact-finding mission": "fact-finding mission",
    "treaty body": "treaty body",
    "agency": "agency, fund or programme",
    "other": "other",
}
#: The kind of an actor nobody classified.
OTHER_KIND = "other"

_DASH_RE = compiled(r"[\u2010\u2011\u2012\u2013\u2014\u00ad]")
_QUOTE_RE = compiled(r"[\u2018\u2019\u02bc`]")
_SPACE_RE = compiled(r"\s+")
_ARTICLE_RE = compiled(r"^(?:the|its|their|his|her)\s+")
# A one-word alias ("Office", "Council") that is only the start of another name: "the Office
# for Disarmament Affairs", "the Council of Europe", "the Office of Legal Affairs". "Of the
# United Nations" ends a name ("the Secretariat of the United Nations") unless more follows.
_NAME_GOES_ON_RE = compiled(
    r"\s+(?:(?P<of>of)|for|on)\s+(?:the\s+)?"
    r"(?!United\s+Nations\b(?!\s+[A-Z]))(?=[A-Z])"
)
# ... or its end: "the Peacebuilding Support Office", "the Executive Office".
_NAME_BEFORE_RE = compiled(r"(?<![.;:!?])\b[A-Z][\w-]*\s+$")


@lru_cache(maxsize=4096)
def normalise(phrase: str) -> str:
    """Lower-case a name, unify dashes, quotes and spaces, drop a leading article (cached:
    the same printed names come back in every resolution)."""
    phrase = _DASH_RE.sub("-", phrase)
    phrase = _QUOTE_RE.sub("'", phrase)
    phrase = phrase.replace("*", " ").replace("_", " ")
    phrase = _SPACE_RE.sub(" ", phrase).strip(" ,;:.").lower()
    return _ARTICLE_RE.sub("", phrase)


def _alias_tokens(alias: str) -> list[str]:
    """The regex of each character of an alias: any whitespace, dash variant and apostrophe
    is tolerated."""
    tokens = []
    for char in alias:
        if char == " ":
            tokens.append(r"\s+")
        elif char == "-":
            tokens.append(r"[-\u2010\u2011\u2012\u2013\u2014\u00ad]\s*")
        elif char == "'":
            tokens.append(r"['\u2018\u2019\u02bc`]")
        else:
            tokens.append(re.escape(char))
    return tokens


def _alias_regex(alias: str) -> str:
    """A regex for an alias that tolerates any whitespace, dash variant and apostrophe."""
    return "".join(_alias_tokens(alias))


_SPACE_TOKEN = r"\s+"


def _factored(alternatives: list[tuple[str, ...]]) -> str:
    """``"|".join`` of the token sequences (in the order they are to be tried) with their
    shared first tokens taken out: "a(?:bc|d)" for "abc|ad". The regex engine then tries
    the rest of a group only where its first character fits, instead of every alias at
    every position. Same matches when, at each level, the first tokens of the groups never
    match the same character (``_factorable`` checks it), the one alternative that ends
    there is the last (it is the shortest: the caller orders longest first), and no group
    goes on from a token of variable width with something that can match whitespace."""
    return "|".join(_factored_parts(alternatives))


def _factored_parts(alternatives: list[tuple[str, ...]]) -> list[str]:
    groups: dict[str, list[tuple[str, ...]]] = {}
    for tokens in alternatives:
        groups.setdefault(tokens[0] if tokens else "", []).append(tokens[1:])
    parts = []
    for head, rests in groups.items():
        if head == "":
            continue
        # one shared path: take it in without nesting (a long alias stays flat)
        while len(rests) > 1 and all(rests) and len({rest[0] for rest in rests}) == 1:
            head += rests[0][0]
            rests = [rest[1:] for rest in rests]
        if len(rests) == 1:
            parts.append(head + "".join(rests[0]))
            continue
        if head.endswith(r"\s*") and any(rest[:1] == (_SPACE_TOKEN,) for rest in rests):
            inner = ["".join(rest) for rest in rests]  # not regrouped after "\s*"
        else:
            inner = _factored_parts([rest for rest in rests if rest])
            inner += [""] if any(not rest for rest in rests) else []
        parts.append(head + (inner[0] if len(inner) == 1 else "(?:" + "|".join(inner) + ")"))
    if "" in groups:
        parts.append("")
    return parts


#: Lower-case characters -> the other characters a case-insensitive match of them takes
#: (the dotless i for "i", the long s for "s", final sigma for sigma...).
_EXTRA_CASES = {
    chr(code): {chr(other) for other in others}
    for code, others in importlib.import_module("re._casefix")._EXTRA_CASES.items()
}


def _factorable(worded: list[str], exact: list[str]) -> bool:
    """Whether ``_factored`` may regroup the worded aliases (lower case, matched in any case)
    and the acronyms go after them (matched in capitals only): no two characters of the
    aliases match the same character in any case ("s" and the long s), and no acronym that
    the order by length puts before a worded alias that could match where it does (a
    shorter worded alias that begins it: "un" and "UNDP")."""
    chars = {char for key in worded for char in key}
    if any(_EXTRA_CASES.get(char, set()) & chars for char in chars):
        return False
    return not any(acronym.lower().startswith(key) for acronym in exact for key in worded)


def _alias_pattern(
    keys: list[str], acronyms: dict[str, str], worded: set[str], *, factor: bool = True
) -> str:
    """The alternation of every alias, ``keys`` longest first (an acronym in capitals only):
    factored when ``_factorable`` allows, else one alternative per alias (same matches)."""
    exact = [acronyms[key] for key in keys if key in acronyms and key not in worded]
    plain = [key for key in keys if key not in acronyms or key in worded]
    if factor and _factorable(plain, exact):
        return "|".join(
            [_factored([tuple(_alias_tokens(key)) for key in plain])]
            + [f"(?-i:{_alias_regex(word)})" for word in exact]
        )
    return "|".join(
        f"(?-i:{_alias_regex(acronyms[key])})"
        if key in acronyms and key not in worded
        else f"(?:{_alias_regex(key)})"
        for key in keys
    )


#: What ``_alias_pattern`` computes depends on this module's source (None: unreadable).
_DIGEST = regex_cache.source_digest(__file__)


def _remembered_alias_pattern(keys: list[str], acronyms: dict[str, str], worded: set[str]) -> str:
    """``_alias_pattern``, kept between runs by the pattern cache (building the alternation
    of 350 aliases costs 9 ms of every start of ``extract``)."""
    if _DIGEST is None:
        return _alias_pattern(keys, acronyms, worded)
    key = ("actors", _DIGEST, tuple(keys), tuple(sorted(acronyms.items())), tuple(sorted(worded)))
    return regex_cache.remembered(key, lambda: _alias_pattern(keys, acronyms, worded))


class ActorTable:
    """Canonical actor names with their aliases; matching ignores case and articles."""

    def __init__(self, entries: list[tuple[str, list[str]]], kinds: dict[str, str] | None = None):
        self._entries = entries
        self._aliases = {name: tuple(aliases) for name, aliases in entries}
        self.kinds = kinds or {}
        unknown = sorted(set(self.kinds.values()) - set(ACTOR_KINDS))
        if unknown:
            raise ValueError(f"unknown actor kinds {unknown}: the kinds are {list(ACTOR_KINDS)}")
        self._lookup: dict[str, str] = {}
        # One-word names of institutions ("Office", "Council"): generic words that also
        # begin or end the names of other institutions.
        self._generic: set[str] = set()
        # Acronyms match only in capitals: "WHO" is the agency, "who" is not.
        acronyms: dict[str, str] = {}
        worded: set[str] = set()
        for name, aliases in entries:
            for alias in [name, *aliases]:
                key = normalise(alias)
                self._lookup.setdefault(key, name)
                word = _ARTICLE_RE.sub("", alias)
                letters = word.replace("-", "")
                if letters.isalpha() and letters.isupper():
                    acronyms[key] = word
                else:
                    worded.add(key)
                if (
                    word.isalpha()
                    and word[0].isupper()
                    and word[1:].islower()
                    and self.kinds.get(self._lookup[key]) != "state"
                ):
                    self._generic.add(key)
        # Longest alias first so that the regex alternation prefers the fullest name
        # ("United Nations High Commissioner for Refugees" over "High Commissioner").
        keys = [key for key in sorted(self._lookup, key=len, reverse=True) if key]
        pattern = _remembered_alias_pattern(keys, acronyms, worded)
        self._regex = compiled(
            rf"(?:the\s+|its\s+)?(?:{pattern})(?![\w-])" if pattern else r"(?!x)x",
            re.IGNORECASE,
        )

    @classmethod
    def default(cls) -> ActorTable:
        """The table shipped in data/actors.json (loaded once)."""
        return _default_table()

    @classmethod
    def from_entries(
        cls, entries: Iterable[tuple[str, Iterable[str]]], kinds: dict[str, str] | None = None
    ) -> ActorTable:
        """Build a table from (canonical name, aliases) pairs and their kinds."""
        return cls([(name, list(aliases)) for name, aliases in entries], kinds)

    @classmethod
    def from_json(cls, path: str | Path) -> ActorTable:
        """Build a table from a JSON file shaped like data/actors.json."""
        rows = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(
            [(row["name"], list(row.get("aliases", []))) for row in rows],
            {row["name"]: row.get("kind", OTHER_KIND) for row in rows},
        )

    def entries(self) -> list[tuple[str, list[str]]]:
        """The (canonical name, aliases) pairs, as given."""
        return [(name, list(aliases)) for name, aliases in self._entries]

    def aliases_of(self, name: str) -> tuple[str, ...]:
        """The aliases given for ``name`` (none when the table has no such actor)."""
        return self._aliases.get(name, ())

    def __eq__(self, other: object) -> bool:
        """Two tables are equal when they read every name the same way, with the same kinds."""
        if not isinstance(other, ActorTable):
            return NotImplemented
        return self._lookup == other._lookup and self.kinds == other.kinds

    def _is_part_of_another_name(self, text: str, start: int, end: int, endpos: int) -> bool:
        """A generic one-word alias inside a longer name that is not in the table."""
        found = text[start:end]
        key = normalise(found)
        if key not in self._generic:
            return False
        goes_on = _NAME_GOES_ON_RE.match(text, end, endpos)
        if goes_on:
            owner = goes_on.group("of") and self._regex.match(text, goes_on.end(), endpos)
            # "of" a known actor is an owner ("the secretariat of UNCTAD"), unless States
            # ("the Assembly of States Parties")
            return not owner or self.kinds.get(self.match(owner.group(0)) or "") == "state"
        if _ARTICLE_RE.match(found.lower()):
            return False
        return bool(_NAME_BEFORE_RE.search(text, max(0, start - 60), start))

    def match(self, phrase: str) -> str | None:
        """The canonical name for a printed phrase, or None when it is not in the table."""
        if not phrase:
            return None
        return self._lookup.get(normalise(phrase))

    def match_at(self, text: str, pos: int, endpos: int | None = None) -> tuple[str, int] | None:
        """The longest alias that starts at ``pos`` in ``text``: (canonical, end offset)."""
        end = len(text) if endpos is None else endpos
        found = self._regex.match(text, pos, end)
        if not found or self._is_part_of_another_name(text, found.start(), found.end(), end):
            return None
        name = self.match(found.group(0))
        if name is None:  # the optional article or spacing variant: normalise again
            return None
        return name, found.end()

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        """Iterate (canonical, start, end) over every alias found in text[pos:endpos]."""
        end = len(text) if endpos is None else endpos
        for found in self._regex.finditer(text, pos, end):
            if self._is_part_of_another_name(text, found.start(), found.end(), end):
                continue
            name = self.match(found.group(0))
            if name is not None:
                yield name, found.start(), found.end()


@lru_cache(maxsize=1)
def _default_table() -> ActorTable:
    return ActorTable.from_json(_DATA)


__all__ = ["ACTOR_KINDS", "OTHER_KIND", "ActorTable", "normalise"]
