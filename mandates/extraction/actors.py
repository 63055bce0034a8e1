"""The actor alias table: printed names ("the Office of the High Commissioner") to the
canonical actor names the tracker uses ("OHCHR").

The default table lives in ``data/actors.json``; the Django app seeds its Actor rows from
the same file and may build its own table with :meth:`ActorTable.from_entries`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).with_name("data") / "actors.json"

_DASH_RE = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u00ad]")
_QUOTE_RE = re.compile(r"[\u2018\u2019\u02bc`]")
_SPACE_RE = re.compile(r"\s+")
_ARTICLE_RE = re.compile(r"^(?:the|its|their|his|her)\s+")


def normalise(phrase: str) -> str:
    """Lower-case a name, unify dashes, quotes and spaces, drop a leading article."""
    phrase = _DASH_RE.sub("-", phrase)
    phrase = _QUOTE_RE.sub("'", phrase)
    phrase = phrase.replace("*", " ").replace("_", " ")
    phrase = _SPACE_RE.sub(" ", phrase).strip(" ,;:.").lower()
    return _ARTICLE_RE.sub("", phrase)


def _alias_regex(alias: str) -> str:
    """A regex for an alias that tolerates any whitespace, dash variant and apostrophe."""
    parts = []
    for char in alias:
        if char == " ":
            parts.append(r"\s+")
        elif char == "-":
            parts.append(r"[-\u2010\u2011\u2012\u2013\u2014\u00ad]\s*")
        elif char == "'":
            parts.append(r"['\u2018\u2019\u02bc`]")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


class ActorTable:
    """Canonical actor names with their aliases; matching ignores case and articles."""

    def __init__(self, entries: list[tuple[str, list[str]]], kinds: dict[str, str] | None = None):
        self._entries = entries
        self.kinds = kinds or {}
        self._lookup: dict[str, str] = {}
        for name, aliases in entries:
            for alias in [name, *aliases]:
                self._lookup.setdefault(normalise(alias), name)
        # Longest alias first so that the regex alternation prefers the fullest name
        # ("United Nations High Commissioner for Refugees" over "High Commissioner").
        keys = sorted(self._lookup, key=len, reverse=True)
        self._keys = keys
        pattern = "|".join(f"(?:{_alias_regex(key)})" for key in keys if key)
        self._regex = re.compile(
            rf"(?:the\s+|its\s+)?(?:{pattern})(?![\w-])" if pattern else r"(?!x)x",
            re.IGNORECASE,
        )

    @classmethod
    def default(cls) -> ActorTable:
        """The table shipped in data/actors.json (loaded once)."""
        return _default_table()

    @classmethod
    def from_entries(cls, entries: Iterable[tuple[str, Iterable[str]]]) -> ActorTable:
        """Build a table from (canonical name, aliases) pairs."""
        return cls([(name, list(aliases)) for name, aliases in entries])

    @classmethod
    def from_json(cls, path: str | Path) -> ActorTable:
        """Build a table from a JSON file shaped like data/actors.json."""
        rows = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(
            [(row["name"], list(row.get("aliases", []))) for row in rows],
            {row["name"]: row.get("kind", "") for row in rows},
        )

    def entries(self) -> list[tuple[str, list[str]]]:
        """The (canonical name, aliases) pairs, as given."""
        return [(name, list(aliases)) for name, aliases in self._entries]

    def match(self, phrase: str) -> str | None:
        """The canonical name for a printed phrase, or None when it is not in the table."""
        if not phrase:
            return None
        return self._lookup.get(normalise(phrase))

    def match_at(self, text: str, pos: int, endpos: int | None = None) -> tuple[str, int] | None:
        """The longest alias that starts at ``pos`` in ``text``: (canonical, end offset)."""
        found = self._regex.match(text, pos, len(text) if endpos is None else endpos)
        if not found:
            return None
        name = self.match(found.group(0))
        if name is None:  # the optional article or spacing variant: normalise again
            return None
        return name, found.end()

    def search(self, text: str, pos: int = 0, endpos: int | None = None):
        """Iterate (canonical, start, end) over every alias found in text[pos:endpos]."""
        end = len(text) if endpos is None else endpos
        for found in self._regex.finditer(text, pos, end):
            name = self.match(found.group(0))
            if name is not None:
                yield name, found.start(), found.end()


@lru_cache(maxsize=1)
def _default_table() -> ActorTable:
    return ActorTable.from_json(_DATA)


__all__ = ["ActorTable", "normalise"]
