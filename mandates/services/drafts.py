"""Draft resolutions (L documents) and the adopted texts that supersede them.

Staff may start work on a draft ("A/C.3/80/L.8") before it is adopted: confirm or reject
its deliverables, assign them, set a date, comment, record progress. When the adopted text
arrives, ingest calls :func:`resolution_drafts_link` in the same transaction: the draft is
found (the symbol the adopted text prints, else the same body, session and title), marked
superseded by the adopted resolution, and every decision on its deliverables is carried
over to the matching deliverable of the adopted text. Nothing is lost:

- a deliverable whose words (or deadline, kind, actor) changed is flagged for review with
  the draft's words in the reason; a field a person owned keeps the person's value, and
  the adopted text's value becomes a proposed change only where the adopted text reads the
  item otherwise than the draft's text did (a title, a session a person set is no change
  of the text), as for any new version of a text;
- a draft deliverable someone decided on that has no counterpart in the adopted text stays
  open and flagged; one nobody touched, or one rejected, is closed as superseded;
- the adopted deliverable takes over the draft's calendar UID (with a higher SEQUENCE) and
  its reminder log, so calendars update the event and nobody is reminded twice.

A draft ingested after its adopted text is linked and closed at once: nothing was decided
on it yet.

A revised draft ("A/HRC/62/L.5/Rev.1", "/Rev.2", a reissued "/Corr.1") is a new version
of the same draft: ingesting it supersedes the earlier revision the same way, carrying
every decision over to it with the same rules (:func:`_revisions_link`), so the drafts of
one symbol form a chain (L.5 -> Rev.1 -> the adopted text) and only its last link takes
work and reaches the lists, feeds and reminders. An earlier revision stored after a later
one is superseded by it at once; an adopted text finds the latest revision (the one still
a draft) whichever revision it prints. An addendum ("/Add.1") is no new version: it is
left out of the chain.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import pairwise

from django.db import transaction
from django.db.models import Exists, OuterRef, ProtectedError, Q, QuerySet

from mandates.extraction.header import title_key
from mandates.models import (
    Comment,
    Deliverable,
    ProposedChange,
    ReminderLog,
    Resolution,
    ReviewStatus,
    deliverable_field_label,
)

from .actors import ActorNames, actor_table_from_database
from .historic import deliverable_historic_follow
from .history_batch import review_reasons_given
from .pairing import pairs_by_words, quote_words
from .schedule import day_label, deliverable_due_date_refresh

# An L symbol without its revision, addendum or corrigendum: "A/C.3/80/L.8/Rev.1" -> "A/C.3/80/L.8".
_REVISION = re.compile(r"(?:/(?:Rev|Add|Corr)\.\d+)+$")
# The special session a symbol names: "A/HRC/S-31/L.1", "A/HRC/RES/S-31/1", "A/ES-11/L.5".
_SPECIAL_IN_SYMBOL = re.compile(r"/(E?S-[1-9][0-9]{0,2})/")
QUOTE_SHOWN = 240


def draft_refusal(*, status: str, symbol: str | None, draft_symbol: str | None) -> str | None:
    """Why a document is not stored, or None: an amendment is not a resolution."""
    if status == "amendment":
        target = f" {draft_symbol}" if draft_symbol else ""
        return (
            f"{symbol or 'this document'} is an amendment to draft resolution{target}, not a "
            "resolution: ingest the draft or the adopted text instead"
        )
    return None


def symbol_family(symbol: str) -> str:
    """The draft a revision belongs to: "A/80/L.2/Rev.1" -> "A/80/L.2"."""
    return _REVISION.sub("", symbol)


_VERSION_PART = re.compile(r"/(Rev|Add|Corr)\.(\d+)")


def draft_version(symbol: str) -> tuple[int, int] | None:
    """Which version of its draft a symbol is, to order revisions: "A/80/L.2" (0, 0),
    "/Corr.1" (0, 1), "/Rev.1" (1, 0), "/Rev.1/Corr.1" (1, 1). None for an addendum, which
    adds to a draft rather than replacing it."""
    revision = corrigendum = 0
    for part, number in _VERSION_PART.findall(symbol[len(symbol_family(symbol)) :]):
        if part == "Add":
            return None
        if part == "Rev":
            revision, corrigendum = int(number), 0
        else:
            corrigendum = int(number)
    return (revision, corrigendum)


def _is_draft(resolution: Resolution) -> bool:
    """A draft, still one or superseded (by a revision or its adopted text)."""
    return resolution.status != Resolution.Status.ADOPTED


def successor_label(resolution: Resolution) -> str:
    """How a text that superseded a draft is named: "adopted text A/RES/80/1", or "revised
    draft A/80/L.2/Rev.1" for a later version of the draft."""
    kind = "revised draft" if _is_draft(resolution) else "adopted text"
    return f"{kind} {resolution.symbol}"


@dataclass
class DraftLinks:
    """What linking drafts did: ``changes``, each detail (the outcome's changes), and
    ``summary``, one line per link made anew ("revision of A/HRC/62/L.5: 4 carried
    over"), which the ingest command prints at any verbosity."""

    changes: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)


def resolution_drafts_link(
    *,
    resolution: Resolution,
    result,
    drafts_possible: bool = True,
    actors: ActorNames | None = None,
) -> DraftLinks:
    """Set the resolution's status and link drafts, their revisions and adopted texts;
    returns the changes worth reporting. Called by ingest once the resolution's rows are
    stored.

    `drafts_possible=False`: the caller knows no draft can be linked to this adopted text
    (a new resolution, and no draft stored for its body and session), so the look-up is
    skipped; `draft_pairs` says when that is. `actors`: ingest's (read when a draft is
    found otherwise), to compare titles as the texts read them."""
    if result.status == "draft":
        return _draft_stored(resolution, actors)
    links = DraftLinks()
    if resolution.status != Resolution.Status.ADOPTED:
        resolution.status = Resolution.Status.ADOPTED
        resolution.save(update_fields=["status", "updated_at"])
    if not drafts_possible:
        return links
    drafts, ambiguous = _drafts_of(resolution, result.draft_symbol)
    if ambiguous:
        links.changes.append(
            "several drafts have this title ("
            + ", ".join(sorted(d.symbol for d in ambiguous))
            + "): none was linked, link the right one by re-ingesting it after the adopted text"
        )
    if drafts and actors is None:
        actors = ActorNames(table=actor_table_from_database())
    for draft in _latest_revisions(drafts, actors=actors, links=links, ingested=resolution):
        linked = _supersede(draft=draft, adopted=resolution, carry=True, actors=actors)
        links.changes += linked.changes
        links.summary += _summary(linked, older=draft, newer=resolution, ingested=resolution)
    return links


def _draft_stored(draft: Resolution, actors: ActorNames | None) -> DraftLinks:
    links = DraftLinks()
    superseded_by = draft.superseded_by
    if superseded_by is not None:  # a draft read again after its adoption or revision
        if draft.status != Resolution.Status.SUPERSEDED:
            draft.status = Resolution.Status.SUPERSEDED
            draft.save(update_fields=["status", "updated_at"])
        links.changes += _supersede(draft=draft, adopted=superseded_by, carry=False).changes
        return links
    adopted = _adopted_of(draft)
    if adopted is None:
        if draft.status != Resolution.Status.DRAFT:
            draft.status = Resolution.Status.DRAFT
            draft.save(update_fields=["status", "updated_at"])
        _revisions_link(draft, actors=actors, links=links)
        return links
    # A draft stored before its adopted text (found only now: several drafts had its
    # title, or one stored before 0.3.28 without its special session) carries what people
    # decided on it, as when the adopted text finds it; onto an adopted deliverable nobody
    # worked on (`_link`). One stored after has no decisions the adopted text lacks (a
    # revision stored after the adopted text took over its draft's: superseded at once).
    came_first = draft.created_at < adopted.created_at
    linked = _supersede(
        draft=draft,
        adopted=adopted,
        carry=came_first,
        actors=(actors or ActorNames(table=actor_table_from_database())) if came_first else None,
        adopted_worked_on=True,
    )
    links.changes += linked.changes
    links.summary += _summary(linked, older=draft, newer=adopted, ingested=draft)
    return links


# --- Revisions of a draft: one chain -------------------------------------------------------


def _revisions_link(draft: Resolution, *, actors: ActorNames | None, links: DraftLinks) -> None:
    """The draft just stored and the other revisions of its symbol still drafts (normally
    one: the latest stored before) are chained in version order, each superseded by the
    next, which takes over what people decided on it (a revision stored after a later one
    carries nothing: nobody worked on it yet, and the later one keeps its calendar UID).
    The latest is left a draft; an addendum is left alone."""
    if draft_version(draft.symbol) is None:
        return
    family = symbol_family(draft.symbol)
    others = [
        other
        for other in Resolution.objects.filter(
            Q(symbol=family) | Q(symbol__startswith=f"{family}/"),
            _same_session(draft),
            body=draft.body,
            status=Resolution.Status.DRAFT,
        ).exclude(pk=draft.pk)
        if symbol_family(other.symbol) == family and draft_version(other.symbol) is not None
    ]
    _chain([draft, *others], actors=actors, links=links, ingested=draft)


def _chain(
    revisions: list[Resolution],
    *,
    actors: ActorNames | None,
    links: DraftLinks,
    ingested: Resolution,
) -> Resolution:
    """Supersede each revision by the next one in version order; the latest is left."""
    ordered = sorted(revisions, key=lambda d: (draft_version(d.symbol) or (-1, -1), d.created_at))
    if len(ordered) > 1 and actors is None:
        actors = ActorNames(table=actor_table_from_database())
    for older, newer in pairwise(ordered):
        came_first = older.created_at < newer.created_at
        linked = _supersede(
            draft=older,
            adopted=newer,
            carry=came_first,
            actors=actors if came_first else None,
            adopted_worked_on=True,  # nothing carried onto a revision's row people worked on
        )
        links.changes += linked.changes
        links.summary += _summary(linked, older=older, newer=newer, ingested=ingested)
    return ordered[-1]


def _latest_revisions(
    drafts: list[Resolution],
    *,
    actors: ActorNames | None,
    links: DraftLinks,
    ingested: Resolution,
) -> list[Resolution]:
    """The drafts an adopted text found, with the revisions of one symbol still drafts
    chained first (stored before revisions were linked to each other): the adopted text
    takes over the latest, which carries what people decided on the earlier ones."""
    families: dict[str, list[Resolution]] = {}
    kept: list[Resolution] = []
    for draft in drafts:
        if draft.status == Resolution.Status.DRAFT and draft_version(draft.symbol) is not None:
            families.setdefault(symbol_family(draft.symbol), []).append(draft)
        else:
            kept.append(draft)
    for revisions in families.values():
        kept.append(_chain(revisions, actors=actors, links=links, ingested=ingested))
    return _newest_first(kept)


def _summary(
    linked: _Linked, *, older: Resolution, newer: Resolution, ingested: Resolution
) -> list[str]:
    """The line the ingest outcome gives a link made anew, from the side of the text
    ingested: "revision of A/HRC/62/L.5: 4 carried over", "adopts draft ...", "superseded
    at once by ... (stored before it)"."""
    if not linked.now:
        return []
    if not linked.carried:
        if ingested == older:
            return [
                f"superseded at once by its {successor_label(newer)}, stored before it: "
                "nothing to carry over"
            ]
        return [f"supersedes draft {older.symbol}, stored after it: nothing to carry over"]
    counts = [f"{linked.continued} carried over"]
    if linked.flagged:
        counts.append(f"{linked.flagged} changed, flagged for review")
    if linked.new:
        counts.append(f"{linked.new} new")
    if linked.kept_open:
        counts.append(f"{linked.kept_open} not in it, kept open (people decided on them)")
    if linked.closed:
        counts.append(f"{linked.closed} not in it, closed")
    what = ", ".join(counts)
    if ingested == newer:
        kind = "revision of" if _is_draft(newer) else "adopts draft"
        return [f"{kind} {older.symbol}: {what}"]
    if ingested == older:
        return [f"superseded by its {successor_label(newer)}: {what}"]
    return [f"{newer.symbol} supersedes its earlier revision {older.symbol}: {what}"]


# --- Finding the draft of an adopted text, and the reverse -------------------------------


def _same_title(one: str, other: str) -> bool:
    """Titles equal once normalised; a footnote number glued to the end is ignored."""
    if not one or not other:
        return False
    return one == other or one.rstrip("0123456789") == other.rstrip("0123456789")


def special_session_in_symbol(symbol: str) -> str:
    """The special session a symbol names ("A/HRC/S-31/L.1" -> "S-31"), else ""."""
    found = _SPECIAL_IN_SYMBOL.search(symbol)
    return found.group(1) if found else ""


def _special_session(resolution: Resolution) -> str:
    """The resolution's special session, else the one its symbol names: a text stored by
    an extractor before 0.3.28 has none stored (and may have its number as a regular
    session)."""
    return resolution.special_session or special_session_in_symbol(resolution.symbol)


def _same_session(resolution: Resolution) -> Q:
    """The texts of the resolution's session. A special session is the same one whatever
    regular session an older extractor read for it: its label, stored or in the symbol."""
    special = _special_session(resolution)
    if not special:
        return Q(session=resolution.session, special_session="")
    return Q(special_session=special) | Q(special_session="", symbol__contains=f"/{special}/")


def _drafts_of(
    adopted: Resolution, printed: str | None
) -> tuple[list[Resolution], list[Resolution]]:
    """(drafts to link, newest revision first; drafts left out because the title is
    ambiguous). The draft symbol the adopted text prints wins over the title."""
    candidates = list(
        Resolution.objects.filter(
            Q(status=Resolution.Status.DRAFT) | Q(superseded_by=adopted),
            _same_session(adopted),
            body=adopted.body,
        ).exclude(pk=adopted.pk)
    )
    if printed:
        family = symbol_family(printed)
        chosen = [d for d in candidates if symbol_family(d.symbol) == family]
        if chosen:
            return _newest_first(chosen), []
    key = title_key(adopted.title)
    chosen = [d for d in candidates if _same_title(title_key(d.title), key)]
    if len({symbol_family(d.symbol) for d in chosen}) > 1:
        linked = [d for d in chosen if d.superseded_by_id == adopted.pk]
        return _newest_first(linked), [d for d in chosen if d.superseded_by_id is None]
    return _newest_first(chosen), []


def draft_pairs() -> set[tuple[int, int | None, str]]:
    """The (body id, session id, special session) of every stored draft: a new adopted
    text whose session is not among them has no draft to link (`_drafts_of` looks for
    drafts of the same body and session, regular or special, or drafts already linked to
    it, which a new text cannot have)."""
    pairs: set[tuple[int, int | None, str]] = set()
    drafts = Resolution.objects.filter(status=Resolution.Status.DRAFT)
    for body_id, session_id, special, symbol in drafts.values_list(
        "body_id", "session_id", "special_session", "symbol"
    ):
        pairs.add((body_id, session_id, special))
        if named := special or special_session_in_symbol(symbol):
            pairs.add((body_id, None, named))  # stored before 0.3.28: see `_same_session`
    return pairs


def _newest_first(drafts: Iterable[Resolution]) -> list[Resolution]:
    return sorted(
        drafts, key=lambda d: (draft_version(d.symbol) or (-1, -1), d.created_at), reverse=True
    )


def _adopted_of(draft: Resolution) -> Resolution | None:
    family = symbol_family(draft.symbol)
    key = title_key(draft.title)
    adopted = list(
        Resolution.objects.filter(
            _same_session(draft), status=Resolution.Status.ADOPTED, body=draft.body
        ).exclude(pk=draft.pk)
    )
    by_symbol = [
        r
        for r in adopted
        if r.extraction.get("draft_symbol")
        and symbol_family(r.extraction["draft_symbol"]) == family
    ]
    if len(by_symbol) == 1:
        return by_symbol[0]
    by_title = [r for r in adopted if _same_title(title_key(r.title), key)]
    return by_title[0] if len(by_title) == 1 else None


# --- Linking one draft to the text that supersedes it ------------------------------------


@dataclass
class _Linked:
    """What superseding one draft did: its ``changes``; whether the link is ``now`` made
    (not a text read again); whether decisions were ``carried``; how many of the draft's
    deliverables the later text ``continued`` (of which ``flagged``: changed), how many of
    its own are ``new``, and the draft's it does not ask for, ``kept_open`` or ``closed``."""

    changes: list[str] = field(default_factory=list)
    now: bool = False
    carried: bool = False
    continued: int = 0
    flagged: int = 0
    new: int = 0
    kept_open: int = 0
    closed: int = 0


def _supersede(
    *,
    draft: Resolution,
    adopted: Resolution,
    carry: bool,
    actors: ActorNames | None = None,
    adopted_worked_on: bool = False,
) -> _Linked:
    """Mark the draft superseded by ``adopted`` (its adopted text, or a later revision of
    the draft) and pair their deliverables; with ``carry`` (the draft came first,
    ``actors`` given), carry over what people decided. ``adopted_worked_on``: the later
    text was stored before (people may have worked on its deliverables), so nothing is
    carried onto one a person touched."""
    linked = _Linked(carried=carry and actors is not None)
    changes = linked.changes
    if draft.superseded_by_id != adopted.pk or draft.status != Resolution.Status.SUPERSEDED:
        draft.status = Resolution.Status.SUPERSEDED
        draft.superseded_by = adopted
        draft._change_reason = _reason(f"Superseded by {adopted.symbol}")
        draft.save(update_fields=["status", "superseded_by", "updated_at"])
        del draft._change_reason
        changes.append(f"supersedes draft {draft.symbol}")
        linked.now = True
    draft_items = list(
        _deliverables(draft).filter(adopted_versions__isnull=True).prefetch_related("comments")
    )
    adopted_items = list(_deliverables(adopted).filter(draft__isnull=True))
    pairs = _pair(draft_items, adopted_items)
    paired_drafts = {d.pk for d, _ in pairs}
    paired_adopted = {a.pk for _, a in pairs}
    linked.continued = len(pairs)
    for old, new in pairs:
        link_changes, flagged = _link(
            old=old,
            new=new,
            draft=draft,
            adopted=adopted,
            actors=actors if carry else None,
            adopted_worked_on=adopted_worked_on,
        )
        changes += link_changes
        linked.flagged += flagged
    for old in draft_items:
        if old.pk not in paired_drafts:
            dropped = _dropped(old=old, adopted=adopted)
            changes += dropped
            if dropped and old.progress == Deliverable.Progress.SUPERSEDED:
                linked.closed += 1
            elif dropped:
                linked.kept_open += 1
    # Linked again (either text read again), nothing is flagged twice for one reason (see
    # `_flag`). A request a later version of the adopted text adds is new too, whether or
    # not a draft request is still unpaired; a draft without requests compares with none.
    unpaired = [new for new in adopted_items if new.pk not in paired_adopted]
    if carry and unpaired and (draft_items or _deliverables(draft).exists()):
        linked.new = len(unpaired)
        for new in unpaired:
            _flag(new, _new_reason(later=adopted, draft=draft))
    return linked


def _new_reason(*, later: Resolution, draft: Resolution) -> str:
    """The flag of a request the later text adds to its draft's."""
    if _is_draft(later):
        return f"new in the revised draft {later.symbol}: not in draft {draft.symbol}"
    return f"new in the adopted text: not in draft {draft.symbol}"


def _deliverables(resolution: Resolution):
    return (
        Deliverable.objects.filter(mandate__resolution=resolution)
        .select_related("mandate__actor", "due_session__body")
        .order_by("position", "pk")
    )


def _actor(item: Deliverable) -> str:
    return item.mandate.actor.name if item.mandate.actor else item.mandate.actor_text


def _pair(
    draft_items: list[Deliverable], adopted_items: list[Deliverable]
) -> list[tuple[Deliverable, Deliverable]]:
    """Best pairs first: similar words, then the same paragraph, actor and kind. A request
    reworded, renumbered or moved still pairs; unrelated requests do not."""
    pairs = pairs_by_words(
        draft_items,
        adopted_items,
        old_quote=lambda item: item.quote,
        new_quote=lambda item: item.quote,
        same=lambda old, new: (
            old.mandate.paragraph_label == new.mandate.paragraph_label,
            _actor(old) == _actor(new),
            old.kind == new.kind,
        ),
    )
    return [(draft_items[i], adopted_items[j]) for i, j in pairs]


@dataclass
class _Differences:
    words: bool
    fields: list[str]

    def __bool__(self) -> bool:
        return self.words or bool(self.fields)


# The fields compared between a draft and its adopted text, which `_as_read` can also give
# as the draft's text read them, with the words a review reason uses.
DRAFT_READ_FIELDS = {
    "kind": "kind",
    "count": "count",
    "due_session": "due session",
    "due_relation": "relation to the session",
    "stated_due_date": "printed date",
    "recurring": "recurrence",
}


def _as_read(item: Deliverable, name: str, *, draft_reading: dict | None = None) -> object:
    """A field as the text gives it, comparable between draft and adopted text: from
    ``draft_reading`` (the draft's extraction of this deliverable) when a person edited the
    field on the draft, so that the edit is not taken for a change of the text."""
    if draft_reading is None or name not in item.edited_fields:
        if name == "due_session":
            session = item.due_session
            return (session.body.code, session.number) if session else None
        return getattr(item, name)
    due = draft_reading.get("due") or {}
    if name == "due_session":
        return (due["body"], due["session"]) if due.get("session") is not None else None
    if name == "due_relation":
        return due.get("relation") or ""
    if name == "stated_due_date":
        return date.fromisoformat(due["date"]) if due.get("date") else None
    if name == "count":
        return max(draft_reading.get("count") or 1, 1)
    return draft_reading.get(name) or ("" if name == "recurring" else None)


def _reading(item: Deliverable, resolution: Resolution) -> dict | None:
    """The text's extraction of this deliverable (``position`` indexes it), if stored."""
    read = resolution.extraction.get("deliverables") or []
    return read[item.position] if 0 <= item.position < len(read) else None


def _title_as_read(item: Deliverable, reading: dict | None, actors: ActorNames) -> tuple:
    """The title the deliverable's text gives it (``reading``, else the row's), comparable
    between draft and adopted text and across a rename of the actor: "Report of the High
    Commissioner" read before staff renamed the High Commissioner is the same title."""
    if reading is None:
        return actors.title_key(item.title, _actor(item))
    return actors.title_key((reading.get("title") or "")[:500], reading.get("actor") or "")


def _read_alike(
    old: Deliverable,
    new: Deliverable,
    *,
    readings: tuple[dict | None, dict | None],
    actors: ActorNames,
) -> set[str]:
    """The fields the adopted text reads as the draft's text did, like with like: the two
    texts' extractions of the pair (``readings``, as ingest compares two versions), else
    the rows, a field a person edited on the draft taken from the draft's extraction. A
    person's value of such a field stands and nothing is proposed: what a person did on
    the draft (a title, another reading chosen) is no change of the text."""
    from .ingest import PROPOSED_FIELDS, deliverable_as_read  # ingest calls this module

    draft_read, adopted_read = readings
    if draft_read is not None and adopted_read is not None:
        before = deliverable_as_read(draft_read, actors)
        after = deliverable_as_read(adopted_read, actors)
        return {name for name in PROPOSED_FIELDS if before[name] == after[name]}
    alike = {
        name
        for name in DRAFT_READ_FIELDS
        if _as_read(old, name, draft_reading=draft_read) == _as_read(new, name)
    }
    if _title_as_read(old, draft_read, actors) == _title_as_read(new, adopted_read, actors):
        alike.add("title")
    return alike


def _differences(old: Deliverable, new: Deliverable, reading: dict | None) -> _Differences:
    """What the adopted text reads otherwise than the draft (``reading``: the draft's
    extraction of ``old``, for the fields a person edited on it)."""
    fields = []
    for name, label in DRAFT_READ_FIELDS.items():
        before = _as_read(old, name, draft_reading=reading)
        after = _as_read(new, name)
        if before != after:
            fields.append(f"{label} {_show_read(before)} -> {_show_read(after)}")
    if _actor(old) != _actor(new):
        fields.append(f"actor {_actor(old)} -> {_actor(new)}")
    return _Differences(quote_words(old.quote) != quote_words(new.quote), fields)


def _show(value) -> str:
    return "-" if value in (None, "", []) else str(value)


def _show_read(value) -> str:
    """ "HRC 65" for a session read as (body, number)."""
    return " ".join(map(str, value)) if isinstance(value, tuple) else _show(value)


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_SHOWN else text[: QUOTE_SHOWN - 1] + "\u2026"


def _link(
    *,
    old: Deliverable,
    new: Deliverable,
    draft: Resolution,
    adopted: Resolution,
    actors: ActorNames | None,
    adopted_worked_on: bool = False,
) -> tuple[list[str], bool]:
    """Pair a draft's deliverable with its adopted one (or its later revision's); with
    ``actors`` (the draft came first), carry over what people decided and flag what the
    text changed. What a person did on the adopted one (``adopted_worked_on``: it may have
    some) stays: nothing is carried onto it, and the outcome says so (the draft's keeps
    its history). Returns the changes and whether it flagged the text's changes."""
    changes: list[str] = []
    flagged = False
    new.draft = old
    label = f"para. {new.mandate.paragraph_label} {new.kind}"
    if actors is not None and adopted_worked_on and _decided(new) and _decided(old):
        where = "revised draft" if _is_draft(adopted) else "adopted text"
        changes.append(
            f"{label}: not carried over from draft {draft.symbol}: people worked on it "
            f"in the {where}; what they did on the draft is in its history"
        )
        actors = None
    if actors is not None:
        reading = _reading(old, draft)
        differences = _differences(old, new, reading)
        if differences:
            parts = []
            if differences.words:
                parts.append(
                    f"the words changed from draft {draft.symbol} para. "
                    f"{old.mandate.paragraph_label}: \u201c{_clip(old.quote)}\u201d"
                )
            if differences.fields:
                parts.append(f"changed from draft {draft.symbol}: " + "; ".join(differences.fields))
            if _flag(new, "; ".join(parts), save=False):
                flagged = True
                changes.append(f"{label}: changed since draft {draft.symbol}, flagged for review")
        carried = _carry(
            old=old,
            new=new,
            source=successor_label(adopted),
            readings=(reading, _reading(new, adopted)),
            actors=actors,
        )
        if carried:  # named by what it is now: a kind a person set on the draft is carried
            label = f"para. {new.mandate.paragraph_label} {new.kind}"
            changes.append(f"{label}: carried over from draft {draft.symbol}: {', '.join(carried)}")
        _take_calendar_identity(old=old, new=new)
    new.save()
    deliverable_due_date_refresh(deliverable=new)
    # Work on it began with the draft, and its date may be a person's: historic or not
    # as the rule says for that (`historic`), not as the adopted text's ingest marked it.
    if actors is not None and deliverable_historic_follow(deliverable=new, due_changed=True):
        new.save(update_fields=["is_historic", "updated_at"])
    if old.progress != Deliverable.Progress.SUPERSEDED:
        _close_superseded(old, adopted)
    return changes, flagged


def _reason(text: str) -> str:
    """A history record's reason (`deliverables.change_reason`: what the table holds)."""
    from .deliverables import change_reason  # it imports ingest, which imports this module

    return change_reason(text)


def _close_superseded(item: Deliverable, adopted: Resolution, why: str = "") -> None:
    """The draft's deliverable closed, its history saying by which adopted text."""
    item.progress = Deliverable.Progress.SUPERSEDED
    item._change_reason = _reason(f"Superseded by {adopted.symbol}{why}")
    item.save(update_fields=["progress", "updated_at"])
    del item._change_reason


def _decided(item: Deliverable) -> bool:
    """Whether a person did anything with this deliverable (ingest's own test)."""
    from .ingest import deliverable_touched_by_a_person  # ingest calls this module

    return deliverable_touched_by_a_person(item)


def _carry(
    *,
    old: Deliverable,
    new: Deliverable,
    source: str,
    readings: tuple[dict | None, dict | None],
    actors: ActorNames,
) -> list[str]:
    """Copy what people decided on the draft's deliverable onto the adopted one (or the
    later revision's); a value a person owned stays, and the later text's is proposed only
    if the text reads the field otherwise than the draft's text did (`_read_alike`). What
    still waits for a person on the draft's (`_waiting_carry`) waits on the later one."""
    from .ingest import PROPOSED_FIELDS, session_carries, value_shown  # ingest calls this

    carried: list[str] = []
    as_read = {name: getattr(new, name) for name in PROPOSED_FIELDS}  # the later text's
    proposed: set[str] = set()
    if old.review_status != ReviewStatus.PROPOSED:
        new.review_status = old.review_status
        carried.append(f"review ({old.review_status})")
    owned = set(old.edited_fields)
    if old.review_status != ReviewStatus.PROPOSED:
        owned |= set(PROPOSED_FIELDS)
    alike = _read_alike(old, new, readings=readings, actors=actors) if owned else set()
    implied: dict[str, object] = {}  # what a proposed session carries: its body, number
    for name in PROPOSED_FIELDS:
        if name not in owned:
            continue
        mine, text = getattr(old, name), getattr(new, name)
        if mine != text:
            if name in alike:
                # the text says what it said on the draft: the person's value stands
                setattr(new, name, mine)
                carried.append(name)
                continue
            if name in implied and implied[name] == text:
                setattr(new, name, mine)  # one proposal for one change: the session's
                continue
            implied = session_carries(text) or implied
            ProposedChange.objects.create(
                deliverable=new,
                field=name,
                old_value=value_shown(mine),
                new_value=value_shown(text),
                source=source[:255],
            )
            proposed.add(name)
            setattr(new, name, mine)
            carried.append(f"{name} (kept, the text's value proposed)")
    new.edited_fields = sorted(set(new.edited_fields) | set(old.edited_fields))
    carried += _waiting_carry(old=old, new=new, as_read=as_read, proposed=proposed)
    for name in ("manual_due_date", "fulfilled_by", "fulfilled_on"):
        if getattr(old, name) and not getattr(new, name):
            setattr(new, name, getattr(old, name))
            carried.append(name.replace("_", " "))
    if (
        old.progress != Deliverable.Progress.PLANNED
        and new.progress == Deliverable.Progress.PLANNED
    ):
        new.progress = old.progress
        carried.append(f"progress ({old.progress})")
    if not old.is_public and new.is_public:
        new.is_public = False
        carried.append("kept out of public feeds")
    if "is_historic" in old.edited_fields and old.is_historic != new.is_historic:
        new.is_historic = old.is_historic  # a person's choice (see `historic`)
        carried.append("historic" if new.is_historic else "not historic")
    assignees = list(old.assignees.all())
    if assignees:
        new.assignees.add(*assignees)
        carried.append("assignees")
    opt_outs = list(old.reminder_opt_outs.all())
    if opt_outs:
        new.reminder_opt_outs.add(*opt_outs)
    # The draft keeps its comments; the adopted deliverable gets copies, linked to them
    # (`copied_from`): a copy does not keep the adopted text from being deleted, a note
    # written on the adopted deliverable does (`models.protect_unless_copied`).
    # A copy the draft has itself (an earlier revision's note) is copied as it reads,
    # naming the draft it was written on, and linked to that original.
    comments = list(old.comments.all())
    for comment in comments:
        copy = Comment.objects.create(
            deliverable=new,
            author=comment.author,
            text=(
                comment.text
                if comment.copied_from_id
                else f"{copied_comment_prefix(old.mandate.resolution.symbol)}{comment.text}"
            ),
            copied_from_id=comment.copied_from_id or comment.pk,
        )
        Comment.objects.filter(pk=copy.pk).update(created_at=comment.created_at)
    if comments:
        carried.append(f"{len(comments)} comment{'s' if len(comments) != 1 else ''}")
    return carried


# The reasons linking gives a deliverable (`_link`, `_supersede`): a later revision's or
# adopted text's deliverable takes those nobody reviewed on the one it continues.
_LINK_REASONS = ("the words changed from draft ", "changed from draft ", "new in the ")


def _waiting_carry(
    *, old: Deliverable, new: Deliverable, as_read: dict[str, object], proposed: set[str]
) -> list[str]:
    """What waits for a person on the draft's deliverable goes on waiting on the later
    one: each proposed change still open whose value the later text still reads
    (``as_read``; none it proposed anew, ``proposed``, nor one whose field the person's
    value now equals), with the "says otherwise" flag ingest gives it; and, on a flagged
    item, the reasons an earlier linking gave it (the words changed since the revision
    before, a request new in it), so a change nobody reviewed on L.5/Rev.1 is not lost
    when the adopted text reads as Rev.1 did."""
    from .ingest import PROPOSED_FIELDS, TEXT_CHANGED, value_shown  # ingest calls this

    carried: list[str] = []
    still_open = []
    for change in old.proposed_changes.filter(resolved=False).order_by("pk"):
        name = change.field
        if name not in PROPOSED_FIELDS or name in proposed:
            continue
        mine, text = getattr(new, name), as_read[name]
        if mine == text or value_shown(text) != change.new_value:
            continue  # the later text says the kept value again, or another one
        ProposedChange.objects.create(
            deliverable=new,
            field=name,
            old_value=change.old_value,
            new_value=change.new_value,
            source=change.source,
        )
        # It moved: closed on the superseded row, which takes no work (nobody decided it;
        # `resolution_drafts_restore` opens it again if the later text is deleted).
        ProposedChange.objects.filter(pk=change.pk).update(resolved=True, closed_by_text=True)
        proposed.add(name)
        still_open.append(f"{change.field_label} {change.new_value} (kept {change.old_value})")
        carried.append(f"{name} (proposed change still open)")
    if still_open:
        _flag(new, TEXT_CHANGED + "; ".join(still_open), save=False)
    if old.needs_review:
        for reason in old.review_reasons:
            if reason.startswith(_LINK_REASONS):
                _flag(new, reason, save=False)
    return carried


def _take_calendar_identity(*, old: Deliverable, new: Deliverable) -> None:
    """The adopted deliverable continues the draft's calendar event and reminder history."""
    uid = old.uid
    old.uid = uuid.uuid4()
    old.save(update_fields=["uid"])
    new.uid = uid
    new.sequence = max(old.sequence, new.sequence) + 1
    taken = set(new.reminders.values_list("recipient_id", "reminder", "due_date"))
    for log in old.reminders.all():
        if (log.recipient_id, log.reminder, log.due_date) not in taken:
            ReminderLog.objects.filter(pk=log.pk).update(deliverable=new)


def _dropped(*, old: Deliverable, adopted: Resolution) -> list[str]:
    """A draft deliverable with no counterpart in the adopted text. Linked again (either
    text read again), one already closed stays as it is and reports nothing: its progress
    "superseded" is no decision of a person's."""
    if old.progress == Deliverable.Progress.SUPERSEDED:
        return []
    label = f"draft para. {old.mandate.paragraph_label} {old.kind}"
    where = "revised draft" if _is_draft(adopted) else "adopted text"
    if old.review_status != ReviewStatus.REJECTED and _decided(old):
        if not _flag(
            old,
            f"not found in the {successor_label(adopted)}: what was decided on it is kept "
            "here; close it or move the decisions by hand",
        ):
            return []  # flagged by an earlier linking: waiting, or a person cleared it
        return [f"{label}: not in the {where}, kept open and flagged (people decided on it)"]
    _close_superseded(old, adopted, ", which does not ask for it")
    return [f"{label}: not in the {where}, closed as superseded"]


def _flag(item: Deliverable, reason: str, *, save: bool = True) -> bool:
    """Flag the item for review with this reason, once: not while it has the reason, nor
    after a person cleared it (ingest drops a reviewed item's reasons when it reads the
    text again; the item's history keeps every reason it was given). Whether it flagged."""
    if reason in item.review_reasons or reason in review_reasons_given(item):
        return False
    item.needs_review = True
    item.review_reasons = [*item.review_reasons, reason]
    if save:
        item.save(update_fields=["needs_review", "review_reasons", "updated_at"])
    return True


# --- The adopted text deleted --------------------------------------------------------------


def _progress_before_superseded(item: Deliverable) -> str:
    """The progress the draft's deliverable had before the adopted text closed it (its
    history's last other value; planned if it never had one)."""
    before = (
        item.history.exclude(progress=Deliverable.Progress.SUPERSEDED)
        .order_by("-history_date", "-history_id")
        .values_list("progress", flat=True)
        .first()
    )
    return before or Deliverable.Progress.PLANNED


def resolution_drafts_restore(*, adopted: Resolution) -> list[str]:
    """The adopted text is deleted: the drafts it superseded are drafts again, their
    deliverables back in every list with the progress they had, and each takes back the
    calendar UID and reminder log its adopted counterpart took over, so nothing of the
    draft's is lost with the adopted text. Returns the drafts' symbols; a second call finds
    no draft left to restore."""
    drafts = list(adopted.drafts.all())
    if not drafts:
        return []
    if adopted.status == Resolution.Status.SUPERSEDED and adopted.superseded_by is not None:
        _revision_left_out(revision=adopted, drafts=drafts)
        return []
    for new in (
        Deliverable.objects.filter(
            mandate__resolution=adopted, draft__mandate__resolution__in=drafts
        )
        .select_related("draft")
        .order_by("pk")
    ):
        old = new.draft
        _take_calendar_identity(old=new, new=old)  # the way back
        old.save(update_fields=["uid", "sequence"])
        _proposals_moved_back(new=new, old=old)
    reason = _reason(f"Draft again: {adopted.symbol} deleted")
    for draft in drafts:
        for item in _deliverables(draft).filter(progress=Deliverable.Progress.SUPERSEDED):
            item.progress = _progress_before_superseded(item)
            item._change_reason = reason
            item.save(update_fields=["progress", "updated_at"])
            del item._change_reason
        draft.status = Resolution.Status.DRAFT
        draft.superseded_by = None
        draft._change_reason = reason
        draft.save(update_fields=["status", "superseded_by", "updated_at"])
        del draft._change_reason
    return [draft.symbol for draft in drafts]


def _proposals_moved_back(*, new: Deliverable, old: Deliverable) -> None:
    """The proposals the later text's deliverable took over (`_waiting_carry`: the same
    field, value and source) wait on the draft's again, as when it was superseded."""
    moved = set(new.proposed_changes.values_list("field", "new_value", "source"))
    closed = old.proposed_changes.filter(resolved=True, closed_by_text=True).order_by("-pk")
    for change in closed:
        key = (change.field, change.new_value, change.source)
        if key in moved:  # the latest of each: an earlier one was closed by a re-read
            moved.discard(key)
            ProposedChange.objects.filter(pk=change.pk).update(resolved=False, closed_by_text=False)


def _revision_left_out(*, revision: Resolution, drafts: list[Resolution]) -> None:
    """A revision a later text superseded is deleted from the middle of its chain: the
    drafts it superseded are superseded by that later text instead, whose deliverables
    continue theirs (they have their calendar UIDs and reminder logs already). Nothing
    becomes a draft again: the later text holds the work."""
    later = revision.superseded_by
    assert later is not None
    for new in Deliverable.objects.filter(
        mandate__resolution=later, draft__mandate__resolution=revision
    ).select_related("draft"):
        assert new.draft is not None
        if new.draft.draft_id is not None:
            Deliverable.objects.filter(pk=new.pk).update(draft_id=new.draft.draft_id)
    reason = _reason(f"Superseded by {later.symbol}: {revision.symbol} deleted")
    for draft in drafts:
        draft.superseded_by = later
        draft._change_reason = reason
        draft.save(update_fields=["superseded_by", "updated_at"])
        del draft._change_reason


def resolution_kept_open(resolutions: QuerySet[Resolution]) -> QuerySet[Deliverable]:
    """The deliverables these resolutions hold that nothing else does: a superseded
    draft's kept open because people decided on them and the later text does not ask for
    them (`_dropped`). The later text has what was decided on the others; these would go
    with the draft, so it is not deleted while it has them (`resolution_delete_guard`)."""
    continued = Deliverable.objects.filter(draft=OuterRef("pk"))
    return (
        Deliverable.objects.filter(
            mandate__resolution__in=resolutions,
            mandate__resolution__status=Resolution.Status.SUPERSEDED,
        )
        .exclude(progress=Deliverable.Progress.SUPERSEDED)
        .exclude(Exists(continued))
        .select_related("mandate__resolution", "mandate__resolution__superseded_by")
        .order_by("mandate__resolution__symbol", "position", "pk")
    )


def resolution_kept_open_refusal(resolution: Resolution, kept: Iterable[Deliverable]) -> str:
    """What the refusal to delete a superseded draft holding people's decisions says."""
    later = resolution.superseded_by
    where = f"the {successor_label(later)}" if later is not None else "the later text"
    count = len(list(kept))
    items = "deliverable" if count == 1 else "deliverables"
    return (
        f"{resolution.symbol} is not deleted: it holds {count} {items} people decided on "
        f"that {where} does not ask for, and nothing else holds those decisions. Delete "
        "each one on its own page first (what was decided stays in its history; closing "
        "one is not enough: it still holds its decision), or move the decisions by hand."
    )


def resolution_delete_guard(sender, instance: Resolution, **kwargs) -> None:
    """Connected to `pre_delete` of Resolution (mandates/apps.py), before
    `resolution_delete_drafts_restore`: a superseded draft (L.5, or a revision in the
    middle of its chain) is not deleted, by any path, with the deliverables it kept open
    for people (`resolution_kept_open`): they would go silently, nothing else has them."""
    kept = list(resolution_kept_open(Resolution.objects.filter(pk=instance.pk)))
    if kept:
        raise ProtectedError(resolution_kept_open_refusal(instance, kept), set(kept))


def resolution_drafts_handed_on(resolutions: QuerySet[Resolution]) -> list[tuple[str, str]]:
    """(draft, later text) for each draft that deleting these resolutions leaves
    superseded by the text after the deleted revision (`_revision_left_out`), not a draft
    again: what the admin's delete page names."""
    deleted = list(resolutions.values_list("pk", flat=True))
    handed_on = (
        Resolution.objects.filter(superseded_by__in=deleted)
        .exclude(pk__in=deleted)
        .exclude(pk__in=_drafts_restored(deleted).values("pk"))
        .select_related("superseded_by__superseded_by")
        .order_by("symbol")
    )
    return [
        (draft.symbol, draft.superseded_by.superseded_by.symbol)
        for draft in handed_on
        if draft.superseded_by and draft.superseded_by.superseded_by
    ]


def resolution_delete_drafts_restore(sender, instance: Resolution, **kwargs) -> None:
    """Connected to `pre_delete` of Resolution (mandates/apps.py): however an adopted text
    is deleted (the admin, `delete()` on a row or a queryset in a script, a cascade), its
    drafts are restored in the delete's transaction. Django sends it once every row to
    delete is collected and before any is gone; the reminder log handed back stays because
    the adopted deliverables' log is deleted by a query run at that point (ReminderLog has
    no delete receivers and nothing refers to it: the tests of this delete say so if that
    changes)."""
    resolution_drafts_restore(adopted=instance)


def _drafts_restored(deleted: list[int]) -> QuerySet[Resolution]:
    """The drafts that become drafts again when these resolutions are deleted: not those
    deleted with them, nor those of a revision in the middle of its chain, which the
    later text supersedes instead (`_revision_left_out`)."""
    in_the_middle = Q(superseded_by__status=Resolution.Status.SUPERSEDED) & Q(
        superseded_by__superseded_by__isnull=False
    )
    return (
        Resolution.objects.filter(superseded_by__in=deleted)
        .exclude(pk__in=deleted)
        .exclude(in_the_middle & ~Q(superseded_by__superseded_by__in=deleted))
    )


def resolution_drafts_kept(resolutions: QuerySet[Resolution]) -> list[str]:
    """The symbols of the drafts that become drafts again when these resolutions are
    deleted (not those deleted with them): what the admin names before and after."""
    deleted = list(resolutions.values_list("pk", flat=True))
    return list(_drafts_restored(deleted).order_by("symbol").values_list("symbol", flat=True))


@transaction.atomic
def resolution_delete(*, resolutions: QuerySet[Resolution]) -> list[str]:
    """Delete resolutions; the drafts of an adopted one become drafts again, as for any
    delete (`resolution_delete_drafts_restore`). Returns those drafts' symbols."""
    restored = resolution_drafts_kept(resolutions)
    resolutions.delete()
    return restored


# --- A superseded draft's rows take no more work -----------------------------------------


def superseded_deliverables() -> Q:
    """The deliverables of superseded drafts on which work goes nowhere: continued by their
    adopted text's deliverable (which the lists show instead) or closed as superseded. A
    deliverable the adopted text dropped that people had decided on is not among them: it
    stays open for them to close or move by hand."""
    continued = Deliverable.objects.filter(draft=OuterRef("pk"))
    return Q(mandate__resolution__status=Resolution.Status.SUPERSEDED) & (
        Q(progress=Deliverable.Progress.SUPERSEDED) | Q(Exists(continued))
    )


@dataclass(frozen=True)
class Superseded:
    """A row of a draft its adopted text superseded, and where the work on it goes:
    ``adopted`` (None if that text is gone and the draft was never restored) and, for a
    deliverable, the adopted deliverable that ``continues`` it (None: closed, the adopted
    text does not ask for it). ``kept_open``: a deliverable the adopted text dropped that
    people had decided on, open for them to close or move (its page stays editable)."""

    draft: Resolution
    adopted: Resolution | None
    continues: Deliverable | None = None
    kept_open: bool = False

    @property
    def read_only(self) -> bool:
        return not self.kept_open

    @property
    def by_revision(self) -> bool:
        """Superseded by a later revision of the draft (L.5/Rev.1), not its adopted text."""
        return self.adopted is not None and _is_draft(self.adopted)


def resolution_superseded(resolution: Resolution) -> Superseded | None:
    """Whether this resolution is a draft its adopted text superseded (its page, its
    mandates' and considerations' pages are then read-only), and by which text."""
    if resolution.status != Resolution.Status.SUPERSEDED:
        return None
    return Superseded(draft=resolution, adopted=resolution.superseded_by)


def deliverable_superseded(deliverable: Deliverable) -> Superseded | None:
    """Whether this deliverable is a superseded draft's, and where its work goes: the
    adopted deliverable continuing it, else nowhere (closed), else kept open."""
    state = resolution_superseded(deliverable.mandate.resolution)
    if state is None:
        return None
    continues = (
        deliverable.adopted_versions.select_related("mandate__resolution").order_by("pk").first()
    )
    if continues is None and deliverable.progress != Deliverable.Progress.SUPERSEDED:
        return replace(state, kept_open=True)
    return replace(state, continues=continues)


# --- What deleting an adopted text does not carry back --------------------------------------


@dataclass(frozen=True)
class NotCarriedBack:
    """A deliverable of an adopted text about to be deleted on which people did what its
    draft does not have (``work``: "review: confirmed", "progress: submitted"...).
    ``draft_item``: the draft's deliverable it continues (None: new in the adopted text)."""

    deliverable: Deliverable
    draft_item: Deliverable | None
    work: list[str] = field(default_factory=list)


def _values(item: Deliverable | None) -> dict[str, object]:
    """What restoring the draft gives back of a person's work, comparable with an adopted
    deliverable's (an untouched proposal's for None)."""
    if item is None:
        return {
            "review_status": ReviewStatus.PROPOSED,
            "progress": Deliverable.Progress.PLANNED,
            "manual_due_date": None,
            "fulfilled_by": "",
            "fulfilled_on": None,
            "is_public": True,
            "assignees": set(),
            "reminder_opt_outs": set(),
        }
    progress = item.progress
    if progress == Deliverable.Progress.SUPERSEDED:
        progress = _progress_before_superseded(item)  # what the restore gives it
    return {
        "review_status": item.review_status,
        "progress": progress,
        "manual_due_date": item.manual_due_date,
        "fulfilled_by": item.fulfilled_by,
        "fulfilled_on": item.fulfilled_on,
        "is_public": item.is_public,
        "assignees": {c.name for c in item.assignees.all()},
        "reminder_opt_outs": {c.name for c in item.reminder_opt_outs.all()},
    }


def _shown(name: str, value: object) -> str:
    """A value as the delete page names it ("in progress", "1 Jun 2027", "nobody")."""
    if isinstance(value, set):
        return ", ".join(sorted(value)) or "nobody"
    if name == "is_public":
        return "yes" if value else "no"
    if isinstance(value, date):
        return day_label(value)
    choices = dict(getattr(Deliverable._meta.get_field(name), "flatchoices", None) or [])
    return str(choices.get(value, value)) if choices else _show(value)


def _work_not_carried(new: Deliverable, old: Deliverable | None) -> list[str]:
    """What people did on the adopted deliverable that the draft's (``old``) lacks."""
    from .ingest import PROPOSED_FIELDS  # ingest calls this module

    before, after = _values(old), _values(new)
    work = [
        f"{deliverable_field_label(name)}: {_shown(name, after[name])}"
        for name in after
        if after[name] != before[name]
    ]
    mine = set(old.edited_fields) if old is not None else set()
    for name in PROPOSED_FIELDS:
        if name in new.edited_fields and (
            name not in mine or old is None or getattr(new, name) != getattr(old, name)
        ):
            work.append(f"{deliverable_field_label(name)} corrected by hand")
    if new.proposed_changes.filter(resolved=True, closed_by_text=False).exists():
        work.append("proposed changes accepted or dismissed")
    return work


COPIED_COMMENT_START = "[on draft "


def copied_comment_prefix(symbol: str) -> str:
    """How a comment copied from draft `symbol` onto its adopted deliverable begins."""
    return f"{COPIED_COMMENT_START}{symbol}] "


def resolution_former_copies(resolutions: QuerySet[Resolution]) -> int:
    """How many comments on these resolutions' deliverables were copied from a draft whose
    original was deleted there since: unlinked (`Comment.copied_from` SET_NULL), each is
    the only record of its note and keeps the adopted text like any note. The delete page
    says why they are listed, as copies that still have their original are not. A copy
    names the draft its note was written on ("[on draft <symbol>] "): the one its
    deliverable continues, or an earlier revision of it."""
    return Comment.objects.filter(
        deliverable__mandate__resolution__in=resolutions,
        deliverable__draft__isnull=False,
        copied_from__isnull=True,
        text__startswith=COPIED_COMMENT_START,
    ).count()


def resolution_delete_not_carried_back(resolutions: QuerySet[Resolution]) -> list[NotCarriedBack]:
    """What the delete of these resolutions loses although their drafts are restored: the
    work people did on the adopted texts' deliverables (review, progress, dates,
    assignees, corrections), which the restore does not carry back. The draft keeps what
    was decided on it before its adoption, its own comments, and takes back its calendar
    UID and reminder log; a person's comment on an adopted deliverable refuses the delete.
    Only the texts whose drafts become drafts again (`resolution_drafts_kept`)."""
    deleted = list(resolutions.values_list("pk", flat=True))
    kept = _drafts_restored(deleted)
    items = (
        Deliverable.objects.filter(mandate__resolution__in=kept.values("superseded_by"))
        .select_related("mandate__resolution", "draft__mandate")
        .prefetch_related("assignees", "reminder_opt_outs", "draft__assignees")
        .prefetch_related("draft__reminder_opt_outs")
        .order_by("mandate__resolution__symbol", "position", "pk")
    )
    kept_ids = set(kept.values_list("pk", flat=True))
    found = []
    for new in items:
        old = new.draft
        if old is not None and old.mandate.resolution_id not in kept_ids:
            continue  # its draft is deleted too: nothing to carry back to
        work = _work_not_carried(new, old)
        if work:
            found.append(NotCarriedBack(deliverable=new, draft_item=old, work=work))
    return found
