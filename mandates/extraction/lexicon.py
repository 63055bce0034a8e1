"""The extractor's words as data: verbs with their forms and roles, and product nouns with
their kinds, read from ``data/lexicon.json``; the regular expressions are built from them.

A verb is one entry::

    {"lemma": "convene", "roles": {"infinitive": ["convene"],
                                   "produce": ["convene", "convenes", "convening", "convened"],
                                   "make": ["convene"]}}

Each role is a place in the rules where the verb works (see ``verb_roles`` in the file):
``request``/``decide``/``note``/``other`` open a clause, ``infinitive`` starts what an actor
is asked to do, ``produce`` makes its object a product, ``make`` is what the adopting body
decides to do itself, ``duty`` what a body is given in "Decides that X shall ..."; the
participles and nouns of ``passive``, ``make_passive``, ``scheduled``, ``past``, ``done``,
``past_date``, ``task`` and ``production_noun`` play the other places. Forms
are regular expressions in which a space stands for any whitespace; matching ignores case;
within a role the forms keep the file's order (the first that fits wins).

``MANDATE_TRACKER_LEXICON`` names another file of the same shape (tests use it to show
that a verb added as one entry is read).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEFAULT_PATH = Path(__file__).with_name("data") / "lexicon.json"
ROLES = (
    "request",
    "decide",
    "note",
    "other",
    "infinitive",
    "produce",
    "make",
    "duty",
    "past",
    "done",
    "past_date",
    "scheduled",
    "make_passive",
    "passive",
    "task",
    "production_noun",
    "support",
    "give_to",
    "give_object",
    "establish",
    "extend",
    "apply",
    "delegate_ask",
    "delegate_press",
)


def _regex(form: str) -> str:
    """A form as written in the lexicon -> its regular expression (space = any whitespace)."""
    return re.sub(r" +", r"\\s+", form.strip())


@dataclass(frozen=True)
class Body:
    """A body whose sessions are deadlines."""

    code: str  # "HRC", "GA", "CSW"
    name: str  # "Human Rights Council"
    printed: tuple[str, ...]  # regular expressions of the printed names
    keys: tuple[str, ...]  # lower-case words that identify a printed name
    adopts: bool = False  # adopts resolutions (its President is a body actor too)
    commission: bool = False  # a functional commission ("Commission on ...")
    president: bool = False  # "the President of the <name>" speaks for the body


@dataclass(frozen=True)
class Lexicon:
    verbs: tuple[dict, ...]
    adverbs_after_to: tuple[str, ...]
    product_nouns: tuple[tuple[str, str], ...]  # (pattern, kind), in order
    bodies: tuple[Body, ...] = ()
    council_word: str = "Council"  # alone, the adopting council

    @classmethod
    def from_json(cls, path: str | Path) -> Lexicon:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        for entry in data["verbs"]:
            unknown = set(entry.get("roles", {})) - set(ROLES)
            if unknown or not entry.get("lemma"):
                raise ValueError(f"{path}: bad verb entry {entry!r} (roles: {', '.join(ROLES)})")
        nouns = tuple((row["pattern"], row["kind"]) for row in data["product_nouns"])
        bodies = tuple(
            Body(
                row["code"],
                row["name"],
                tuple(row["printed"]),
                tuple(row["keys"]),
                bool(row.get("adopts")),
                bool(row.get("commission")),
                bool(row.get("president")),
            )
            for row in data.get("bodies", [])
        )
        return cls(
            tuple(data["verbs"]),
            tuple(data.get("adverbs_after_to", [])),
            nouns,
            bodies,
            data.get("council_word", "Council"),
        )

    def forms(self, role: str) -> list[str]:
        """The forms of every verb that plays ``role``, in file order, without repeats."""
        seen: list[str] = []
        for entry in self.verbs:
            for form in entry.get("roles", {}).get(role, []):
                pattern = _regex(form)
                if pattern not in seen:
                    seen.append(pattern)
        return seen

    def body_words(self) -> str:
        """An alternation (no group) of every body's printed names and the council word."""
        names = [_regex(p) for body in self.bodies if not body.commission for p in body.printed]
        names.append(_regex(self.council_word))
        names += [_regex(p) for body in self.bodies if body.commission for p in body.printed]
        return "|".join(names)

    def commission_words(self) -> str:
        """An alternation (no group) of the functional commissions' printed names."""
        return "|".join(_regex(p) for body in self.bodies if body.commission for p in body.printed)

    def body_actors(self) -> dict[str, str]:
        """Actor name -> code of the body it is or speaks for ("President of the ...")."""
        actors = {body.name: body.code for body in self.bodies if body.adopts}
        for body in self.bodies:
            if body.president:
                actors[f"President of the {body.name}"] = body.code
        return actors

    def body_names(self) -> dict[str, str]:
        """Code -> name of the bodies that adopt resolutions."""
        return {body.code: body.name for body in self.bodies if body.adopts}

    def every_body_name(self) -> dict[str, str]:
        """Code -> name of every body the lexicon knows, those a deadline names too (CSTD)."""
        return {body.code: body.name for body in self.bodies}

    def verb_pattern(self, role: str, *extra: str) -> str:
        """An alternation (no group) of the role's forms, then ``extra`` alternatives."""
        return "|".join([*self.forms(role), *extra])


def lexicon_path() -> Path:
    """The file of the lexicon in use (``MANDATE_TRACKER_LEXICON`` or data/lexicon.json)."""
    return Path(os.environ.get("MANDATE_TRACKER_LEXICON") or DEFAULT_PATH)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon in use (``MANDATE_TRACKER_LEXICON`` or data/lexicon.json), read once."""
    return Lexicon.from_json(lexicon_path())


__all__ = ["DEFAULT_PATH", "ROLES", "Body", "Lexicon", "lexicon", "lexicon_path"]
