"""The extractor's result: plain dataclasses that serialise to the `extract` JSON.

Spans are ``[start, end)`` character offsets into ``ExtractionResult.text`` (the clean
text), so a person can see the evidence highlighted.
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Relation = Literal["at", "before", "by"]
Kind = Literal[
    "report",
    "oral update",
    "meeting",
    "panel",
    "seminar",
    "consultation",
    "study",
    "compilation",
    "other",
]
KINDS: tuple[str, ...] = (
    "report",
    "oral update",
    "meeting",
    "panel",
    "seminar",
    "consultation",
    "study",
    "compilation",
    "other",
)


@dataclass(frozen=True)
class Due:
    """A deadline: a session of a body with a relation, or a calendar date, or both."""

    body: str | None = None
    session: int | None = None
    relation: Relation | None = None
    date: date | None = None


@dataclass
class Vote:
    yes: int | None = None
    no: int | None = None
    abstain: int | None = None
    in_favour: list[str] = field(default_factory=list)
    against: list[str] = field(default_factory=list)
    abstaining: list[str] = field(default_factory=list)


@dataclass
class PreambleParagraph:
    verb: str
    text: str
    span: tuple[int, int]


@dataclass
class SubParagraph:
    label: str  # "a", "i", "a(i)"
    text: str
    span: tuple[int, int]


@dataclass
class OperativeParagraph:
    number: str  # as printed: "35"
    verb: str  # "Requests", "Also requests"
    text: str
    span: tuple[int, int]
    subparagraphs: list[SubParagraph] = field(default_factory=list)


@dataclass
class Footnote:
    mark: str
    text: str
    anchor: int | None = None  # offset in the clean text where the mark stood


@dataclass
class Reference:
    symbol: str  # "A/HRC/59/36", "resolution 53/11" normalised to "53/11" with kind
    paragraph: str | None  # operative number, "7(h)", or None for preamble/header
    kind: str = "document"  # "document" | "resolution"
    date: date | None = None  # "resolution 53/11 of 12 July 2023"


@dataclass
class Annex:
    title: str
    text: str
    span: tuple[int, int]


@dataclass
class Table:
    """A table as a reader found it (not in the JSON): its rows, each the words of its
    cells in order (a cell spanning columns, then "" for each further column it covers).
    The text prints each cell as a paragraph of its own, row after row."""

    rows: list[list[str]]


@dataclass
class Mandate:
    """One request in one operative paragraph, addressed to one actor."""

    paragraph: str
    verb: str
    actor: str
    partners: list[str]
    quote: str
    span: tuple[int, int]
    actor_text: str = ""  # the actor's words as printed
    needs_review: bool = False
    review_reasons: list[str] = field(default_factory=list)


@dataclass
class Deliverable:
    paragraph: str  # "35" or "7(h)"
    verb: str
    actor: str
    partners: list[str]
    kind: str
    count: int
    title: str
    due: Due | None
    alternatives: list[Due]
    recurring: str | None  # "annual", "biennial", "every 2 sessions"...
    quote: str
    span: tuple[int, int]
    needs_review: bool = False
    review_reasons: list[str] = field(default_factory=list)
    mandate: int | None = None  # index into ExtractionResult.mandates
    actor_text: str = ""


@dataclass
class Consideration:
    body: str
    session: int | None  # None: "remains seized", "in accordance with its programme of work"
    alternatives: list[int] = field(default_factory=list)
    paragraph: str | None = None
    needs_review: bool = False


@dataclass
class TakenNote:
    paragraph: str
    document: str


@dataclass
class ExtractionResult:
    extractor_version: str
    source_name: str
    text: str  # the clean text the spans index into
    symbol: str | None = None
    body: str | None = None
    session: int | None = None  # a regular session only
    # "S-41", "ES-11": a special or emergency special session, numbered apart from the
    # regular sessions (``session`` is then None: regular session 41 is another session)
    special_session: str | None = None
    number: str | None = None
    title: str | None = None
    adopted_on: date | None = None
    agenda_item: str | None = None
    committee_report: str | None = None
    status: str = "adopted"  # "adopted", "draft" (an L document) or "amendment" (to a draft)
    draft_symbol: str | None = None  # the draft it was adopted from, or the one it amends
    vote: Vote | None = None
    preamble: list[PreambleParagraph] = field(default_factory=list)
    operative: list[OperativeParagraph] = field(default_factory=list)
    annexes: list[Annex] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    mandates: list[Mandate] = field(default_factory=list)
    deliverables: list[Deliverable] = field(default_factory=list)
    consideration: Consideration | None = None
    takes_note_of: list[TakenNote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self, *, include_text: bool = False) -> dict[str, Any]:
        """The JSON shape of `manage.py extract` (ISO dates, lists for spans)."""
        data = _plain(self)
        if not include_text:
            data.pop("text")
        return data


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """A JSON-ready copy, in one walk: `dataclasses.asdict` and then a second walk for dates
    and tuples cost ingest about 2 ms per file."""
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {copy.deepcopy(key): _plain(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value):
        kind = type(value)
        names = _FIELD_NAMES.get(kind)
        if names is None:
            names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(value))
        return {name: _plain(getattr(value, name)) for name in names}
    return copy.deepcopy(value)
