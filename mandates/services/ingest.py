"""Ingest: an extraction result becomes rows that staff own.

One file is stored in ONE transaction; a failure leaves nothing behind. Ingesting is
idempotent per symbol: the same file again changes nothing, and a new version of a text
updates only what is still merely proposed. Fields a person confirmed or edited are never
overwritten: the difference is recorded as a ProposedChange for review instead.

Ingest never undoes a person's work. A deliverable whose paragraph left the text is removed
only when it is an untouched proposal (see `deliverable_touched_by_a_person`) and the person
ingesting may delete; otherwise it is kept, marked `no_longer_in_text`, flagged for review
and a ProposedChange says so. "Takes note of the report (A/HRC/59/36)" never changes a
deliverable: when the evidence points to one (same series, same actor named, due at that
session) the link is proposed for a person to accept.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import DatabaseError, transaction
from django.db.models import Q

from mandates import extraction
from mandates.extraction.actors import ActorTable
from mandates.extraction.readers import MAX_FILE_BYTES, SUPPORTED_SUFFIXES, SUPPORTED_TYPES
from mandates.models import (
    Actor,
    Body,
    Consideration,
    Deliverable,
    Mandate,
    Paragraph,
    ProposedChange,
    Resolution,
    ReviewStatus,
    Session,
)

from .actors import actor_table_from_database
from .drafts import draft_refusal, resolution_drafts_link
from .reminders import deliverable_historic_mark
from .schedule import (
    deliverable_due_date_refresh,
    due_session_not_in_calendar_reason,
    session_get_or_estimate,
)

logger = logging.getLogger(__name__)

# Bodies that meet in numbered sessions the calendar can estimate.
SESSION_BODIES = frozenset({"HRC", "GA"})
# What the extractor proposes on a deliverable; a person may own any of them.
PROPOSED_FIELDS = (
    "kind",
    "count",
    "title",
    "due_session",
    "due_relation",
    "due_body",
    "due_session_number",
    "stated_due_date",
    "alternatives",
    "recurring",
)
# Evidence follows the text and is refreshed on every new version.
EVIDENCE_FIELDS = ("quote", "span_start", "span_end", "needs_review", "review_reasons")

Status = Literal["new", "updated", "unchanged", "failed"]


class IngestError(Exception):
    """A file that cannot be ingested; the message is for the person who gave it."""


@dataclass
class IngestOutcome:
    """What ingesting one file did, for the command's summary and the admin's report."""

    source_name: str
    status: Status
    symbol: str | None = None
    resolution_id: int | None = None
    reason: str = ""
    changes: list[str] = field(default_factory=list)
    deliverables: int = 0


class _Rollback(Exception):
    """Raised inside the transaction of a dry run to undo everything."""


def paths_expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, and the supported files inside folders, sorted for stable runs."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                )
            )
        else:
            found.append(path)
    return found


def resolution_ingest_path(
    *,
    path: str | Path,
    dry_run: bool = False,
    actors: ActorTable | None = None,
    may_delete: bool = True,
) -> IngestOutcome:
    """Ingest one file from disk."""
    path = Path(path)
    try:
        refusal = file_refusal(name=path.name, size=path.stat().st_size)
        data = b"" if refusal else path.read_bytes()
    except OSError as error:
        return IngestOutcome(
            path.name, "failed", reason=f"cannot read the file: {error.strerror or error}"
        )
    if refusal:
        return IngestOutcome(path.name, "failed", reason=refusal)
    return resolution_ingest(
        data=data, name=path.name, dry_run=dry_run, actors=actors, may_delete=may_delete
    )


def resolution_ingest_many(
    *,
    paths: Iterable[str | Path],
    dry_run: bool = False,
    on_progress: Callable[[int, int, IngestOutcome], None] | None = None,
) -> list[IngestOutcome]:
    """Ingest many files, each in its own transaction: one bad file fails alone."""
    files = paths_expand(paths)
    actors = actor_table_from_database()
    outcomes = []
    for index, path in enumerate(files, start=1):
        outcome = resolution_ingest_path(path=path, dry_run=dry_run, actors=actors)
        outcomes.append(outcome)
        if on_progress:
            on_progress(index, len(files), outcome)
    return outcomes


def resolution_ingest_upload(*, upload: UploadedFile, may_delete: bool) -> IngestOutcome:
    """Ingest one uploaded file (the admin's import page), refused before it is read when
    its type or size is not taken."""
    refusal = file_refusal(name=upload.name or "", size=upload.size or 0)
    if refusal:
        return IngestOutcome(upload.name or "", "failed", reason=refusal)
    return resolution_ingest(data=upload.read(), name=upload.name or "", may_delete=may_delete)


def upload_limit_bytes() -> int:
    """The largest file ingest takes: settings.MAX_UPLOAD_BYTES (20 MB unless configured),
    never more than the extractor reads (MAX_FILE_BYTES)."""
    return min(settings.MAX_UPLOAD_BYTES, MAX_FILE_BYTES)


def size_label(size: int) -> str:
    """20971520 -> "20 MB"; below a megabyte, in bytes."""
    return f"{size / 2**20:g} MB" if size >= 2**20 else f"{size} bytes"


def file_refusal(*, name: str, size: int) -> str | None:
    """Why ingest refuses a file before reading it (its type, its size), else None: the
    one check for the admin's upload form and the ingest command."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        return f"unsupported file type {suffix or '(none)'}: use {SUPPORTED_TYPES}"
    if size > upload_limit_bytes():
        return f"the file is larger than the {size_label(upload_limit_bytes())} limit"
    return None


def resolution_ingest(
    *,
    data: bytes,
    name: str,
    dry_run: bool = False,
    actors: ActorTable | None = None,
    may_delete: bool = True,
) -> IngestOutcome:
    """Read, extract and store one resolution file; never raises for bad input.

    `may_delete=False` (someone who may not delete deliverables uploads a new version):
    even untouched proposals that left the text are kept and flagged, never removed."""
    try:
        return _ingest(data=data, name=name, dry_run=dry_run, actors=actors, may_delete=may_delete)
    except (IngestError, extraction.ExtractionError) as error:
        reason = error.reason if isinstance(error, extraction.ExtractionError) else str(error)
        return IngestOutcome(name, "failed", reason=reason)
    except DatabaseError as error:  # the file's transaction is undone; the batch goes on
        logger.exception("the database refused %s", name)
        return IngestOutcome(
            name, "failed", reason=f"the database refused it ({type(error).__name__}): {error}"
        )


def _ingest(
    *, data: bytes, name: str, dry_run: bool, actors: ActorTable | None, may_delete: bool
) -> IngestOutcome:
    refusal = file_refusal(name=name, size=len(data))
    if refusal:
        raise IngestError(refusal)
    checksum = hashlib.sha256(data).hexdigest()
    known = Resolution.objects.filter(
        checksum=checksum, extractor_version=extraction.EXTRACTOR_VERSION
    ).first()
    if known is not None:  # the very same file, read by the same extractor: nothing to do
        return _unchanged(name, known)
    try:
        result = extraction.extract_bytes(data, name, actors=actors or actor_table_from_database())
    except extraction.ExtractionError:
        raise
    except Exception as error:  # the extractor must not crash on input; if it does, say so
        logger.exception("extractor failed on %s", name)
        raise IngestError(f"the file could not be read ({type(error).__name__})") from error
    refusal = draft_refusal(
        status=result.status, symbol=result.symbol, draft_symbol=result.draft_symbol
    )
    if refusal:
        raise IngestError(refusal)
    if not result.symbol or not result.body:
        raise IngestError("no resolution symbol or body could be found in the text")
    if not result.operative:
        raise IngestError(f"{result.symbol} has no operative paragraphs: is this the adopted text?")
    _lengths_check(result)
    existing = Resolution.objects.filter(symbol=result.symbol).first()
    # `existing` is the row _store updates: remember the file a new version replaces.
    replaced_file = existing.source_file.name if existing and existing.source_file else ""
    stored_file: str | None = None
    try:
        with transaction.atomic():
            resolution, changes = _store(
                result=result, existing=existing, checksum=checksum, may_delete=may_delete
            )
            if not dry_run:
                resolution.source_file.save(Path(name).name, ContentFile(data), save=False)
                stored_file = resolution.source_file.name
                resolution.save(update_fields=["source_file"])
            outcome = IngestOutcome(
                name,
                "updated" if existing else "new",
                symbol=result.symbol,
                resolution_id=resolution.pk,
                changes=changes,
                deliverables=Deliverable.objects.filter(mandate__resolution=resolution).count(),
            )
            if existing and not changes:
                outcome.status = "unchanged"
            if dry_run:
                raise _Rollback
    except _Rollback:
        if not existing:
            outcome.resolution_id = None
        return outcome
    except Exception:
        if stored_file:  # the rows are gone: do not leave the file behind either
            Resolution._meta.get_field("source_file").storage.delete(stored_file)
        raise
    if stored_file and replaced_file and replaced_file != stored_file:
        Resolution._meta.get_field("source_file").storage.delete(replaced_file)
    logger.info("ingested %s as %s (%s)", name, result.symbol, outcome.status)
    return outcome


def _lengths_check(result: extraction.ExtractionResult) -> None:
    """The one place read values meet column sizes: a value too long for its column (an
    agenda "item" that swallowed a paragraph) fails this file alone, before anything is
    stored, instead of a database error that would end the whole batch."""
    subparagraphs = [(op.number, sub.label) for op in result.operative for sub in op.subparagraphs]
    dues = [d.due for d in result.deliverables if d.due]
    dues += [alt for d in result.deliverables for alt in d.alternatives]
    checks = [
        (Resolution, "symbol", "the symbol", [result.symbol]),
        (Resolution, "number", "the resolution number", [result.number]),
        (Resolution, "agenda_item", "the agenda item", [result.agenda_item]),
        (Resolution, "committee_report", "the committee report", [result.committee_report]),
        (Resolution, "source_name", "the file name", [result.source_name]),
        (Body, "code", "a body", [result.body, *(due.body for due in dues)]),
        (
            Paragraph,
            "number",
            "a paragraph number",
            [op.number for op in result.operative]
            + [f"{n}({label})" for n, label in subparagraphs],
        ),
        (
            Paragraph,
            "verb",
            "a paragraph's verb",
            [p.verb for p in result.preamble + result.operative],
        ),
        (Mandate, "paragraph_label", "a paragraph label", [m.paragraph for m in result.mandates]),
        (
            Mandate,
            "actor_name",
            "an actor's name",
            [item.actor for item in [*result.mandates, *result.deliverables]],
        ),
        (Deliverable, "recurring", "a recurrence", [d.recurring for d in result.deliverables]),
        (
            Deliverable,
            "fulfilled_by",
            "a noted document symbol",
            [note.document for note in result.takes_note_of],
        ),
    ]
    for model, name, label, values in checks:
        limit = model._meta.get_field(name).max_length
        for value in values:
            if value and len(value) > limit:
                raise IngestError(
                    f"{label} is {len(value)} characters long, more than the {limit} the "
                    f"database holds ({value[:40]!r}...): nothing of this file was stored"
                )


def _unchanged(name: str, resolution: Resolution) -> IngestOutcome:
    return IngestOutcome(
        name,
        "unchanged",
        symbol=resolution.symbol,
        resolution_id=resolution.pk,
        deliverables=Deliverable.objects.filter(mandate__resolution=resolution).count(),
    )


def _store(
    *,
    result: extraction.ExtractionResult,
    existing: Resolution | None,
    checksum: str,
    may_delete: bool,
):
    body = _body(result.body)
    session = _session(body, result.session)
    resolution = existing or Resolution(symbol=result.symbol)
    data = result.to_dict()
    changes: list[str] = []
    header = {
        "body": body,
        "session": session,
        "number": result.number or "",
        "title": result.title or "",
        "adopted_on": result.adopted_on,
        "agenda_item": result.agenda_item or "",
        "committee_report": result.committee_report or "",
        "vote": data["vote"],
    }
    for name, value in header.items():
        if existing and getattr(resolution, name) != value:
            changes.append(f"{name}: {getattr(resolution, name)!r} -> {value!r}")
        setattr(resolution, name, value)
    if existing and resolution.text != result.text:
        changes.append("text changed")
    resolution.text = result.text
    resolution.source_name = result.source_name
    resolution.checksum = checksum
    resolution.extractor_version = result.extractor_version
    resolution.extraction = data
    resolution.warnings = list(result.warnings)
    resolution.save()

    paragraphs = _store_paragraphs(resolution, result)
    changes += _store_mandates(
        resolution, result, paragraphs, update=existing is not None, may_delete=may_delete
    )
    changes += _store_consideration(resolution, result, paragraphs, may_delete=may_delete)
    changes += _propose_fulfilments(resolution, result)
    changes += resolution_drafts_link(resolution=resolution, result=result)
    return resolution, changes


def _body(code: str) -> Body:
    body, _ = Body.objects.get_or_create(code=code, defaults={"name": code})
    return body


def _session(body: Body, number: int | None) -> Session | None:
    if number is None:
        return None
    if body.code in SESSION_BODIES:
        return session_get_or_estimate(body=body, number=number)
    return Session.objects.filter(body=body, number=number).first()


def _store_paragraphs(resolution: Resolution, result) -> dict[str, Paragraph]:
    """Paragraphs are the text's, not a person's: replace them wholesale."""
    resolution.paragraphs.all().delete()
    rows: list[Paragraph] = []
    for item in result.preamble:
        rows.append(
            Paragraph(
                resolution=resolution,
                part=Paragraph.Part.PREAMBLE,
                position=len(rows),
                verb=item.verb,
                text=item.text,
                span_start=item.span[0],
                span_end=item.span[1],
            )
        )
    for item in result.operative:
        rows.append(
            Paragraph(
                resolution=resolution,
                part=Paragraph.Part.OPERATIVE,
                position=len(rows),
                number=item.number,
                verb=item.verb,
                text=item.text,
                span_start=item.span[0],
                span_end=item.span[1],
            )
        )
        for sub in item.subparagraphs:
            rows.append(
                Paragraph(
                    resolution=resolution,
                    part=Paragraph.Part.OPERATIVE,
                    position=len(rows),
                    number=f"{item.number}({sub.label})",
                    text=sub.text,
                    span_start=sub.span[0],
                    span_end=sub.span[1],
                )
            )
    Paragraph.objects.bulk_create(rows)
    by_number: dict[str, Paragraph] = {}
    for row in Paragraph.objects.filter(resolution=resolution, part=Paragraph.Part.OPERATIVE):
        by_number.setdefault(row.number, row)
    return by_number


T = TypeVar("T")


def _keyed(items: Iterable[T], key: Callable[[T], tuple]) -> Iterator[tuple[tuple, T]]:
    """Natural keys that survive a new version: (key..., occurrence)."""
    seen: Counter = Counter()
    for item in items:
        base = key(item)
        seen[base] += 1
        yield (*base, seen[base]), item


def _store_mandates(
    resolution: Resolution,
    result,
    paragraphs: dict[str, Paragraph],
    *,
    update: bool,
    may_delete: bool,
) -> list[str]:
    changes: list[str] = []
    actors = {actor.name: actor for actor in Actor.objects.all()}
    old_mandates = dict(
        _keyed(
            resolution.mandates.select_related("actor").order_by("position", "pk"),
            lambda m: (m.paragraph_label, m.actor.name if m.actor else m.actor_text),
        )
    )
    mandate_rows: dict[int, Mandate] = {}
    kept_mandates: set[int] = set()
    new_mandates = list(
        _keyed(
            enumerate(result.mandates),
            lambda pair: (pair[1].paragraph, _actor_key(pair[1], actors)),
        )
    )
    for position, (key, (index, item)) in enumerate(new_mandates):
        mandate = old_mandates.get(key)
        values = {
            "paragraph": _paragraph_for(paragraphs, item.paragraph),
            "paragraph_label": item.paragraph,
            "verb": item.verb[:100],
            "actor": actors.get(item.actor),
            "actor_text": (item.actor_text or item.actor)[:500],
            "actor_name": _actor_name(item, actors),
            "quote": item.quote,
            "span_start": item.span[0],
            "span_end": item.span[1],
            "needs_review": item.needs_review,
            "review_reasons": list(item.review_reasons),
            "position": position,
        }
        if mandate is None:
            mandate = Mandate.objects.create(resolution=resolution, **values)
            if update:
                changes.append(f"new mandate in para. {item.paragraph} for {item.actor}")
        else:
            for name, value in values.items():
                setattr(mandate, name, value)
            mandate.save()
            kept_mandates.add(mandate.pk)
        mandate.partners.set([actors[name] for name in item.partners if name in actors])
        mandate_rows[index] = mandate
    for mandate in old_mandates.values():
        if mandate.pk in kept_mandates:
            continue
        if may_delete and _mandate_removable(mandate):
            changes.append(f"mandate in para. {mandate.paragraph_label} no longer in the text")
            mandate.delete()
        elif NO_LONGER_IN_TEXT not in mandate.review_reasons:
            # Kept for the deliverables people worked on; they are flagged one by one below.
            mandate.needs_review = True
            mandate.review_reasons = [*mandate.review_reasons, NO_LONGER_IN_TEXT]
            mandate.save(update_fields=["needs_review", "review_reasons"])
    changes += _store_deliverables(
        resolution, result, mandate_rows, update=update, may_delete=may_delete
    )
    return changes


NO_LONGER_IN_TEXT = "no longer in the text: a new version of the resolution does not ask for it"


def deliverable_touched_by_a_person(deliverable: Deliverable) -> bool:
    """Whether anyone worked on it: a review decision, an edited field, a manual date,
    progress, a fulfilling document, people assigned or muted, a comment, or a proposed
    change someone settled. Only untouched machine proposals may ever be removed."""
    return bool(
        deliverable.review_status != ReviewStatus.PROPOSED
        or deliverable.edited_fields
        or deliverable.manual_due_date
        or deliverable.progress != Deliverable.Progress.PLANNED
        or deliverable.fulfilled_by
        or deliverable.fulfilled_on
        or not deliverable.is_public
        or deliverable.assignees.exists()
        or deliverable.reminder_opt_outs.exists()
        or deliverable.comments.exists()
        or deliverable.proposed_changes.filter(resolved=True).exists()
    )


def _mandate_removable(mandate: Mandate) -> bool:
    """A mandate goes with its paragraph only if nobody reviewed it or any of its
    deliverables."""
    if mandate.review_status != ReviewStatus.PROPOSED:
        return False
    return not any(deliverable_touched_by_a_person(d) for d in mandate.deliverables.all())


def _actor_name(item, actors: dict[str, Actor]) -> str:
    """The extractor's name for an actor the Actor table does not hold (kept, not lost)."""
    return "" if item.actor in actors else item.actor


def _actor_key(item, actors: dict[str, Actor]) -> str:
    """The name a stored mandate keeps: the Actor's when known, else the printed words."""
    return item.actor if item.actor in actors else (item.actor_text or item.actor)[:500]


def _paragraph_for(paragraphs: dict[str, Paragraph], label: str) -> Paragraph | None:
    return paragraphs.get(label) or paragraphs.get(label.split("(")[0])


def _store_deliverables(
    resolution: Resolution,
    result,
    mandates: dict[int, Mandate],
    *,
    update: bool,
    may_delete: bool,
) -> list[str]:
    changes: list[str] = []
    source = f"{result.source_name} (extractor {result.extractor_version})"
    old = dict(
        _keyed(
            Deliverable.objects.filter(mandate__resolution=resolution)
            .select_related("mandate__actor", "due_session")
            .order_by("position", "pk"),
            lambda d: (
                d.mandate.paragraph_label,
                d.mandate.actor.name if d.mandate.actor else d.mandate.actor_text,
                d.kind,
            ),
        )
    )
    actors = {actor.name: actor for actor in Actor.objects.all()}
    sessions: dict[tuple[str, int], Session | None] = {}
    kept: set[int] = set()
    for position, (key, item) in enumerate(
        _keyed(result.deliverables, lambda d: (d.paragraph, _actor_key(d, actors), d.kind))
    ):
        proposed = {
            "kind": item.kind,
            "count": max(item.count or 1, 1),
            "title": item.title[:500],
            "due_session": _due_session(sessions, item.due),
            "due_relation": (item.due.relation or "") if item.due else "",
            "due_body": _body(item.due.body) if item.due and item.due.body else None,
            "due_session_number": item.due.session if item.due else None,
            "stated_due_date": item.due.date if item.due else None,
            "alternatives": [_due_dict(alt) for alt in item.alternatives],
            "recurring": item.recurring or "",
        }
        evidence = {
            "quote": item.quote,
            "span_start": item.span[0],
            "span_end": item.span[1],
            "needs_review": item.needs_review,
            "review_reasons": list(item.review_reasons),
        }
        if item.due and item.due.body and proposed["due_session"] is None:
            # "at its sixty-first session" of a body without a session calendar (CSW...),
            # "at its next session": kept as read, flagged until a session dates it
            reason = due_session_not_in_calendar_reason(
                body_code=item.due.body, number=item.due.session, relation=item.due.relation
            )
            if reason:
                evidence["needs_review"] = True
                evidence["review_reasons"].append(reason)
        mandate = mandates.get(item.mandate) if item.mandate is not None else None
        if mandate is None:
            mandate = _mandate_for(resolution, item)
        deliverable = old.get(key)
        is_new = deliverable is None
        if deliverable is None:
            deliverable = Deliverable(mandate=mandate, position=position, **proposed, **evidence)
            deliverable.predecessor = _predecessor(resolution, item)
            deliverable.save()
            if update:
                changes.append(f"new {item.kind} in para. {item.paragraph}")
        else:
            kept.add(deliverable.pk)
            owned = set(deliverable.edited_fields)
            if deliverable.review_status != ReviewStatus.PROPOSED:
                owned |= set(PROPOSED_FIELDS)
            for name, value in proposed.items():
                current = getattr(deliverable, name)
                if current == value:
                    continue
                if name in owned:
                    _propose(deliverable, name, current, value, source)
                    changes.append(
                        f"para. {item.paragraph} {name}: kept the person's value, proposed {_show(value)}"
                    )
                else:
                    changes.append(
                        f"para. {item.paragraph} {name}: {_show(current)} -> {_show(value)}"
                    )
                    setattr(deliverable, name, value)
            for name, value in evidence.items():
                setattr(deliverable, name, value)
            if deliverable.no_longer_in_text:  # the paragraph is back
                deliverable.no_longer_in_text = False
                changes.append(f"para. {item.paragraph} {item.kind}: back in the text")
            deliverable.mandate = mandate
            deliverable.position = position
            deliverable.save()
        deliverable_due_date_refresh(deliverable=deliverable)
        if is_new:  # an old resolution: what was due long ago is history, not a reminder
            deliverable_historic_mark(deliverable=deliverable)
    for deliverable in old.values():
        if deliverable.pk in kept:
            continue
        label = f"para. {deliverable.mandate.paragraph_label} {deliverable.kind}"
        if may_delete and not deliverable_touched_by_a_person(deliverable):
            changes.append(f"{label} no longer in the text: removed")
            deliverable.delete()
        elif not deliverable.no_longer_in_text:
            _propose(
                deliverable, "no_longer_in_text", "in the text", "no longer in the text", source
            )
            deliverable.no_longer_in_text = True
            deliverable.needs_review = True
            deliverable.review_reasons = [*deliverable.review_reasons, NO_LONGER_IN_TEXT]
            deliverable.save(
                update_fields=["no_longer_in_text", "needs_review", "review_reasons", "updated_at"]
            )
            changes.append(f"{label}: no longer in the text, kept and flagged for review")
    return changes


def _mandate_for(resolution: Resolution, item) -> Mandate:
    """A deliverable the extractor did not attach to a mandate still needs one."""
    return Mandate.objects.create(
        resolution=resolution,
        paragraph_label=item.paragraph,
        verb=item.verb[:100],
        actor=Actor.objects.filter(name=item.actor).first(),
        actor_text=(item.actor_text or item.actor)[:500],
        actor_name=_actor_name(item, {a.name: a for a in Actor.objects.filter(name=item.actor)}),
        quote=item.quote,
        span_start=item.span[0],
        span_end=item.span[1],
    )


def _due_session(cache: dict, due) -> Session | None:
    if due is None or due.body is None or due.session is None:
        return None
    key = (due.body, due.session)
    if key not in cache:
        cache[key] = _session(_body(due.body), due.session)
    return cache[key]


def _due_dict(due) -> dict:
    return {
        "body": due.body,
        "session": due.session,
        "relation": due.relation,
        "date": due.date.isoformat() if due.date else None,
    }


def _show(value) -> str:
    return "-" if value in (None, "", []) else str(value)


def _propose(deliverable: Deliverable, name: str, old, new, source: str) -> None:
    ProposedChange.objects.create(
        deliverable=deliverable,
        field=name,
        old_value=_show(old),
        new_value=_show(new),
        source=source,
    )


def _predecessor(resolution: Resolution, item) -> Deliverable | None:
    """A renewed request ("reiterates its request", the same series) continues an earlier one."""
    if not resolution.title:
        return None
    earlier = (
        Deliverable.objects.filter(
            mandate__resolution__title=resolution.title,
            mandate__actor__name=item.actor,
            kind=item.kind,
            mandate__resolution__body=resolution.body,
        )
        .exclude(mandate__resolution=resolution)
        .select_related("mandate__resolution")
        .order_by("-mandate__resolution__adopted_on", "-pk")
    )
    if resolution.adopted_on:
        earlier = earlier.filter(mandate__resolution__adopted_on__lt=resolution.adopted_on)
    return earlier.first()


FULFILLING_KINDS = (
    Deliverable.Kind.REPORT,
    Deliverable.Kind.STUDY,
    Deliverable.Kind.COMPILATION,
)


def _propose_fulfilments(resolution: Resolution, result) -> list[str]:
    """ "Takes note of the report of the High Commissioner (A/HRC/59/36)": propose, never
    set, that the report fulfils an earlier deliverable, and only with evidence: due at the
    session the symbol names, asked of an actor the paragraph names, in the same series
    (same title, a deliverable this text renews, or a resolution this text cites)."""
    changes: list[str] = []
    paragraphs = {
        p.number: p.text
        for p in resolution.paragraphs.filter(part=Paragraph.Part.OPERATIVE).only("number", "text")
    }
    for note in result.takes_note_of:
        body_session = _symbol_session(note.document)
        if body_session is None:
            continue
        body_code, number = body_session
        words = paragraphs.get(note.paragraph, "")
        # Proposed once, accepted or dismissed: a later version of the text does not ask again.
        already_proposed = ProposedChange.objects.filter(
            field="fulfilled_by", new_value=note.document
        )
        candidates = (
            Deliverable.objects.filter(
                due_session__body__code=body_code,
                due_session__number=number,
                kind__in=FULFILLING_KINDS,
                fulfilled_by="",
            )
            .filter(_same_series(resolution))
            .exclude(mandate__resolution=resolution)
            .exclude(pk__in=already_proposed.values("deliverable"))
            .select_related("mandate__actor", "mandate__resolution")
            .prefetch_related("mandate__actor__aliases")
            .distinct()
        )
        for candidate in candidates:
            if not _actor_named(candidate.mandate.actor, words):
                continue
            source = (
                f"{resolution.symbol} para. {note.paragraph} takes note of {note.document} "
                f"(same series, {candidate.mandate.actor} named)"
            )
            _propose(candidate, "fulfilled_by", candidate.fulfilled_by, note.document, source[:255])
            reason = f"{note.document} may fulfil it: {resolution.symbol} takes note of it"
            if reason not in candidate.review_reasons:
                candidate.needs_review = True
                candidate.review_reasons = [*candidate.review_reasons, reason]
                candidate.save(update_fields=["needs_review", "review_reasons", "updated_at"])
            changes.append(
                f"para. {note.paragraph}: proposed {note.document} as fulfilling "
                f"{candidate.mandate.resolution.symbol} para. {candidate.mandate.paragraph_label}"
            )
    return changes


def _same_series(resolution: Resolution) -> Q:
    """Earlier deliverables of the same series as this resolution: same title and body, a
    deliverable this text renews, or a resolution this text cites ("resolution 56/12")."""
    series = Q(pk__in=Deliverable.objects.filter(successors__mandate__resolution=resolution))
    if resolution.title:
        series |= Q(
            mandate__resolution__title=resolution.title,
            mandate__resolution__body=resolution.body,
        )
    cited = {
        ref["symbol"]
        for ref in resolution.extraction.get("references", [])
        if ref.get("kind") == "resolution" and ref.get("symbol")
    }
    for symbol in cited:
        series |= Q(mandate__resolution__symbol__endswith=f"/{symbol}")
    return series


def _actor_named(actor: Actor | None, words: str) -> bool:
    """The paragraph names the actor (its name or an alias), as "the report of the High
    Commissioner" does; "the report" alone is no evidence."""
    if actor is None or not words:
        return False
    lowered = words.lower()
    names = [actor.name, *(alias.alias for alias in actor.aliases.all())]
    return any(name.lower() in lowered for name in names if name)


def _store_consideration(
    resolution: Resolution, result, paragraphs: dict[str, Paragraph], *, may_delete: bool
) -> list[str]:
    """ "Decides to continue its consideration ... at its Nth session": stored and flagged
    like a deadline. A consideration a person reviewed is kept; a different reading in a new
    version flags it for review instead of overwriting it."""
    found = result.consideration
    existing = resolution.considerations.first()
    if found is None:
        if existing is None:
            return []
        if may_delete and existing.review_status == ReviewStatus.PROPOSED:
            existing.delete()
            return ["consideration no longer in the text: removed"]
        _flag(existing, NO_LONGER_IN_TEXT)
        return ["consideration no longer in the text: kept and flagged for review"]
    body = _body(found.body)
    session = _session(body, found.session)
    reasons = []
    if found.alternatives:
        readings = ", ".join(f"{found.body} {n}" for n in [found.session, *found.alternatives])
        reasons.append(f"the text can be read as more than one session: {readings}")
    elif found.needs_review:
        reasons.append("the session could not be read with confidence")
    paragraph = _paragraph_for(paragraphs, found.paragraph) if found.paragraph else None
    values = {
        "paragraph": paragraph,
        "paragraph_label": found.paragraph or "",
        "body": body,
        "session": session,
        "alternatives": list(found.alternatives),
        "quote": paragraph.text if paragraph else "",
        "needs_review": bool(found.needs_review or found.alternatives),
        "review_reasons": reasons,
    }
    if existing is None:
        Consideration.objects.create(resolution=resolution, **values)
        return []
    if existing.review_status == ReviewStatus.PROPOSED:
        for name, value in values.items():
            setattr(existing, name, value)
        existing.save()
        return []
    existing.paragraph = paragraph
    existing.quote = values["quote"]
    existing.save(update_fields=["paragraph", "quote"])
    if (existing.body_id, existing.session_id) != (body.pk, session.pk if session else None):
        _flag(existing, f"a new version of the text reads {body.code} {found.session}")
        return [f"consideration: kept the person's session, the new text reads {found.session}"]
    return []


def _flag(item, reason: str) -> None:
    if reason not in item.review_reasons:
        item.needs_review = True
        item.review_reasons = [*item.review_reasons, reason]
        item.save(update_fields=["needs_review", "review_reasons"])


def _symbol_session(symbol: str) -> tuple[str, int] | None:
    """A/HRC/59/36 -> (HRC, 59); A/80/123 -> (GA, 80)."""
    parts = symbol.split("/")
    try:
        if parts[:2] == ["A", "HRC"] and len(parts) >= 4:
            return "HRC", int(parts[2])
        if parts[0] == "A" and len(parts) >= 3:
            return "GA", int(parts[1])
    except ValueError:
        return None
    return None
