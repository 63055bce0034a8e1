"""Ingest: an extraction result becomes rows that staff own.

One file is stored in ONE transaction; a failure leaves nothing behind. (A batch puts a
few files in one transaction, `_chunk_ingest`; if one fails there, the transaction is
undone and each file goes again in its own, so the rule holds file by file.) Ingesting is
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
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Literal, NamedTuple, TypeVar, cast

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import DatabaseError, IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from mandates import extraction
from mandates.extraction.lexicon import lexicon
from mandates.extraction.readers import MAX_FILE_BYTES, SUPPORTED_SUFFIXES, SUPPORTED_TYPES
from mandates.models import (
    Actor,
    Body,
    Consideration,
    Deliverable,
    DueDateRule,
    Mandate,
    Paragraph,
    ProposedChange,
    Resolution,
    ReviewStatus,
    Session,
    deliverable_field_label,
    proposed_change_text,
    resolution_field_label,
)

from .actors import ActorNames, actor_table_from_database
from .drafts import draft_pairs, draft_refusal, resolution_drafts_link
from .history_batch import (
    PlainRow,
    change_reason,
    history_add,
    history_batch,
    history_flush,
    plain_create,
    plain_insert,
    reasons_unreviewed,
    save_with_history,
)
from .pairing import pairs_keyed_then_by_words
from .reminders import Policy, deliverables_historic_mark, reminder_policy_get
from .schedule import (
    CALENDAR_SHOWN_FIELDS,
    consideration_session_status_reason,
    deliverables_due_dates_compute,
    due_date_adoption_reason,
    due_date_rules_by_body,
    due_session_not_in_calendar_reason,
    due_session_status_reason,
    feeds_rebuild_batched,
    feeds_rebuild_on_commit,
    session_get_or_estimate,
)
from .source_files import (
    OriginalMissing,
    source_file_missing,
    source_file_read,
    source_file_remove_on_commit,
    source_file_restore,
    source_file_size,
    source_file_store,
    source_files_removed_on_failure,
    source_files_unnamed_remove,
)

logger = logging.getLogger(__name__)
S = TypeVar("S")  # what a step of ingesting a file gives (see `_guarded`)

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

# "skipped": a stored original read again that is missing (`OriginalMissing`), not read.
Status = Literal["new", "updated", "unchanged", "failed", "skipped"]


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
    warnings: list[str] = field(default_factory=list)  # the reader's ("named .pdf but...")
    # the drafts it linked anew, one line each ("revision of A/HRC/62/L.5: 4 carried
    # over", "adopts draft A/HRC/62/L.5/Rev.1: 4 carried over"): said at any verbosity
    links: list[str] = field(default_factory=list)
    # how many of its deliverables wait in the review queue (set by the pages that show
    # it, `selectors.review_waiting`): the page offers the queue only then
    to_review: int = 0


class _Rollback(Exception):
    """Raised inside the transaction of a dry run to undo everything."""


def _folder_entries(folder: Path) -> Iterator[tuple[Path, str]]:
    """Every file inside a folder, with "" when it can be read or why not. Linked folders
    are followed (`Path.rglob` did not: a folder of links read as empty), each real folder
    once, so a link back up cannot loop; a broken link is named, not passed over."""
    read_at = {folder.resolve(): folder}
    for root, dirs, files in os.walk(folder, followlinks=True):
        here = Path(root)
        followed = []
        for name in sorted(dirs):
            real = (here / name).resolve()
            if real in read_at:
                yield here / name, f"a link to the folder {read_at[real]}, read once"
            else:
                read_at[real] = here / name
                followed.append(name)
        dirs[:] = followed
        for name in files:
            path = here / name
            if path.is_file():
                yield path, ""
            elif path.is_symlink():
                yield path, f"a broken link (to {os.readlink(path)})"


def paths_expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given, and the supported files inside folders (linked folders followed),
    sorted for stable runs. Word's lock files ("~$name.docx", kept while a document is
    open) are no documents: left out of folders (given by name, the reader says what they
    are)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p, unreadable in _folder_entries(path)
                    if not unreadable
                    and p.suffix.lower() in SUPPORTED_SUFFIXES
                    and not p.name.startswith("~$")
                )
            )
        else:
            found.append(path)
    return found


def paths_skipped(paths: Iterable[str | Path]) -> list[tuple[Path, str]]:
    """The files inside folders that `paths_expand` leaves out, each with why (the reason
    `file_refusal` gives a file of that type given alone, a broken link, a link to a folder
    read already), sorted. Hidden files (and those in hidden folders) and Word's lock files
    ("~$x.docx") are left out without a word."""
    skipped: list[tuple[Path, str]] = []
    for raw in paths:
        folder = Path(raw)
        if not folder.is_dir():
            continue
        taken = set(paths_expand([folder]))
        for path, unreadable in _folder_entries(folder):
            quiet = path.name.startswith("~$") or any(
                part.startswith(".") for part in path.relative_to(folder).parts
            )
            if quiet or path in taken:
                continue
            reason = unreadable or file_refusal(name=path.name, size=0)
            if reason:
                skipped.append((path, reason))
    return sorted(skipped)


@dataclass(frozen=True)
class StoredOriginal:
    """What a stored resolution's original file, read again (`BatchFile.stored`), must
    still be: the text of that resolution, under its symbol; it stays where it is."""

    resolution_id: int
    symbol: str
    file: str  # its name in storage; "" when the resolution has none
    checksum: str  # the row's: another file or checksum later means a new version stored


@dataclass(eq=False)  # two files of a batch are told apart by identity, not by name
class BatchFile:
    """One file of a batch: on disk (the ingest command), uploaded (the admin's import
    page) or a stored resolution's original read again (`resolutions_read_again`), so all
    go through one batch (`_batch_ingest`). Named as given; its size and bytes are read
    when its turn comes (either may raise OSError)."""

    name: str
    size: Callable[[], int]
    read: Callable[[], bytes]
    original: StoredOriginal | None = None  # set for a stored original read again

    @classmethod
    def on_disk(cls, path: Path) -> BatchFile:
        return cls(path.name, lambda: path.stat().st_size, path.read_bytes)

    @classmethod
    def uploaded(cls, upload: UploadedFile) -> BatchFile:
        def read() -> bytes:
            upload.seek(0)  # read again when `batch_later` asks
            return upload.read()

        return cls(upload.name or "", lambda: upload.size or 0, read)

    @classmethod
    def stored(cls, resolution: Resolution) -> BatchFile:
        """The original file of a stored resolution (`Resolution.source_file`), named as
        it was given (`source_name`: its type, and what is shown)."""
        file = resolution.source_file.name or ""
        return cls(
            resolution.source_name or Path(file).name or resolution.symbol,
            lambda: source_file_size(file) if file else 0,
            partial(source_file_read, file),
            StoredOriginal(resolution.pk, resolution.symbol, file, resolution.checksum),
        )


def resolution_ingest_path(
    *,
    path: str | Path,
    dry_run: bool = False,
    reads: IngestReads | None = None,
    may_delete: bool = True,
) -> IngestOutcome:
    """Ingest one file from disk."""
    return _file_ingest(
        BatchFile.on_disk(Path(path)),
        dry_run=dry_run,
        reads=reads or IngestReads(),
        may_delete=may_delete,
    )


def _file_ingest(
    file: BatchFile, *, dry_run: bool, reads: IngestReads, may_delete: bool
) -> IngestOutcome:
    loaded = _load(file)
    if isinstance(loaded, IngestOutcome):
        return loaded
    return _guarded(
        file.name,
        lambda: _ingest(
            data=loaded,
            name=file.name,
            dry_run=dry_run,
            reads=reads,
            may_delete=may_delete,
            file=file,
        ),
    )


def _load(file: BatchFile) -> bytes | IngestOutcome:
    """The file's bytes, or why it is refused (its type, its size: `file_refusal`, before
    it is read) or cannot be read. A stored original that is missing is skipped, not
    failed: it fails on no run until a person gives the file again (`OriginalMissing`)."""
    original = file.original
    missing = OriginalMissing(original.symbol, original.file) if original else None
    if missing is not None and not missing.file:
        return IngestOutcome(file.name, "skipped", reason=missing.reason)
    try:
        refusal = file_refusal(name=file.name, size=file.size())
        data = b"" if refusal else file.read()
    except OSError as error:
        replaced = _original_replaced(file.name, original) if original else None
        if replaced is not None:  # its file was removed once the new version committed
            return replaced
        if missing is not None and isinstance(error, FileNotFoundError):
            return IngestOutcome(file.name, "skipped", reason=missing.reason)
        where = f"its original file {original.file}" if original else "the file"
        return IngestOutcome(
            file.name, "failed", reason=f"cannot read {where}: {error.strerror or error}"
        )
    if refusal:
        return IngestOutcome(file.name, "failed", reason=refusal)
    return data


# A batch stores up to this many files, of up to this many bytes in all, in one
# transaction (see `_chunk_ingest`).
CHUNK_FILES = 20
CHUNK_BYTES = 32 * 2**20


def resolution_ingest_many(
    *,
    paths: Iterable[str | Path],
    dry_run: bool = False,
    on_progress: Callable[[int, int, IngestOutcome], None] | None = None,
) -> list[IngestOutcome]:
    """Ingest many files (the ingest command): the files given, and those of the folders
    given, sorted, as one batch (`_batch_ingest`)."""
    files = [BatchFile.on_disk(path) for path in paths_expand(paths)]
    return _batch_ingest(files, dry_run=dry_run, on_progress=on_progress, may_delete=True)


def resolution_ingest_uploads(
    *, uploads: Sequence[UploadedFile], may_delete: bool
) -> list[IngestOutcome]:
    """Ingest the files of one upload (the admin's import page) as the ingest command
    ingests a folder of them: one batch (`_batch_ingest`), in the order of their names
    (the order a browser sends them in is not one a person chose), so the page stores and
    says what the command would. `may_delete=False`: see `resolution_ingest`."""
    files = sorted((BatchFile.uploaded(upload) for upload in uploads), key=lambda f: f.name)
    return _batch_ingest(files, dry_run=False, on_progress=None, may_delete=may_delete)


@dataclass
class ToReadAgain:
    """The resolutions another extractor version read (an upgrade brought a better one):
    how many `resolutions_read_again` reads again, and those it skips, their original file
    missing (in the order they were stored)."""

    count: int
    missing: list[OriginalMissing]


def resolutions_to_read_again() -> ToReadAgain:
    """What `manage.py status` reports: the resolutions to read again, and those that
    cannot be read again until a person gives their file again (one file-system look-up
    each)."""
    rows = list(
        Resolution.objects.exclude(extractor_version=extraction.EXTRACTOR_VERSION)
        .order_by("pk")
        .values_list("symbol", "source_file")
    )
    missing = [OriginalMissing(symbol, file) for symbol, file in rows if source_file_missing(file)]
    return ToReadAgain(count=len(rows) - len(missing), missing=missing)


def resolutions_read_again(
    *,
    symbols: Collection[str] | None = None,
    dry_run: bool = False,
    may_delete: bool = True,
    on_progress: Callable[[int, int, IngestOutcome], None] | None = None,
) -> list[IngestOutcome]:
    """Read the stored original files of the resolutions another extractor version read
    (`resolutions_to_read_again`) with the current one, in the order they were first
    stored, as one batch (`_batch_ingest`, `BatchFile.stored`): each is a new version of a
    stored text, so what people decided stays and what they set is proposed, not
    overwritten; a draft and its adopted text link as on any ingest. Only those named in
    `symbols`, when given (one the current extractor read already is reported unchanged,
    not read). One outcome per resolution, in that order: a resolution whose original is
    missing is skipped (`OriginalMissing`: the reason says what to do), one whose file
    cannot be read or the current extractor reads as another symbol fails with the
    reason; both keep what they had. Raises IngestError for a symbol not stored."""
    current = extraction.EXTRACTOR_VERSION
    rows = Resolution.objects.order_by("pk").only(
        "pk", "symbol", "source_name", "source_file", "checksum", "extractor_version"
    )
    if symbols is None:
        chosen = list(rows.exclude(extractor_version=current))
    else:
        chosen = list(rows.filter(symbol__in=set(symbols)))
        unknown = set(symbols) - {resolution.symbol for resolution in chosen}
        if unknown:
            raise IngestError(f"no resolution is stored as {', '.join(sorted(unknown))}")
    files = [BatchFile.stored(resolution) for resolution in chosen]
    older = [
        file
        for file, resolution in zip(files, chosen, strict=True)
        if resolution.extractor_version != current
    ]
    read = iter(
        _batch_ingest(older, dry_run=dry_run, on_progress=on_progress, may_delete=may_delete)
    )
    outcomes: list[IngestOutcome] = []
    for resolution, file in zip(chosen, files, strict=True):
        if resolution.extractor_version == current:
            outcome = _unchanged(file.name, resolution.pk, resolution.symbol)
            outcome.reason = f"already read by extractor {current}"
        else:
            outcome = next(read)
            outcome.symbol = outcome.symbol or resolution.symbol  # a failed one too
            outcome.resolution_id = outcome.resolution_id or resolution.pk
            if outcome.status != "failed" and not outcome.reason:
                earlier = resolution.extractor_version or "an unrecorded version"
                outcome.reason = f"read again by extractor {current} (read by {earlier} before)"
        outcomes.append(outcome)
    return outcomes


def _batch_ingest(
    files: list[BatchFile],
    *,
    dry_run: bool,
    on_progress: Callable[[int, int, IngestOutcome], None] | None,
    may_delete: bool,
) -> list[IngestOutcome]:
    """Ingest a batch of files; each stands alone: one bad file fails alone and stores
    nothing, whatever its neighbours. What they look up is read once for the batch
    (`IngestReads`); files are committed a few at a time (`_chunk_ingest`); of two texts
    of one symbol the last is stored (`IngestReads.batch_later`). The calendar feeds are
    rebuilt once, after the last file (`feeds_rebuild_batched`)."""
    reads = IngestReads()
    reads.batch = files
    if dry_run:
        return _dry_run_many(files, reads=reads, on_progress=on_progress, may_delete=may_delete)
    outcomes: list[IngestOutcome] = []
    with feeds_rebuild_batched():
        for chunk in _chunks(files):
            for outcome in _chunk_ingest(
                chunk, dry_run=dry_run, reads=reads, may_delete=may_delete
            ):
                outcomes.append(outcome)
                if on_progress:
                    on_progress(len(outcomes), len(files), outcome)
    return outcomes


def _dry_run_many(
    files: list[BatchFile],
    *,
    reads: IngestReads,
    on_progress: Callable[[int, int, IngestOutcome], None] | None,
    may_delete: bool,
) -> list[IngestOutcome]:
    """A dry run of a batch: each file stored as the real run stores it, one by one, all
    in one transaction undone at the end, so a file meets what the earlier ones would have
    stored (the same file again is unchanged, a second version of a symbol updates the
    first, an adopted text finds its draft). Nothing is kept, no original file is saved.
    The transaction holds the rows it would change until the batch ends."""
    reads.dry_batch = True
    outcomes: list[IngestOutcome] = []
    try:
        with transaction.atomic(), feeds_rebuild_batched():  # undone: no rebuild either
            for file in files:
                outcomes.append(
                    _single_ingest(file, dry_run=True, reads=reads, may_delete=may_delete)
                )
                if on_progress:
                    on_progress(len(outcomes), len(files), outcomes[-1])
            raise _Rollback
    except _Rollback:
        pass
    finally:
        reads.dry_batch = False
    ids = {o.resolution_id for o in outcomes if o.resolution_id is not None}
    kept = set(Resolution.objects.filter(pk__in=ids).values_list("pk", flat=True)) if ids else ids
    for outcome in outcomes:  # a resolution the dry run created is gone again
        if outcome.resolution_id not in kept:
            outcome.resolution_id = None
    return outcomes


def _chunks(files: list[BatchFile]) -> Iterator[list[BatchFile]]:
    """The files in order, CHUNK_FILES at a time, fewer when they are large (a chunk's
    files are held in memory until they are stored)."""
    chunk: list[BatchFile] = []
    size = 0
    for file in files:
        try:
            file_size = file.size()
        except OSError:  # reported when the file is ingested
            file_size = 0
        if chunk and (len(chunk) == CHUNK_FILES or size + file_size > CHUNK_BYTES):
            yield chunk
            chunk, size = [], 0
        chunk.append(file)
        size += file_size
    if chunk:
        yield chunk


@dataclass
class _Chunk:
    """Files stored in one transaction: the original files saved for them (removed if it
    is undone, `source_files_removed_on_failure`), and the checksums and symbols stored so
    far (look-ups read at its start do not know them)."""

    stored_files: list[str] = field(default_factory=list)
    checksums: set[str] = field(default_factory=set)
    symbols: set[str] = field(default_factory=set)


class _ChunkFailed(Exception):
    """A file failed while it was being stored in a chunk's transaction: undo the chunk."""


def _chunk_ingest(
    files: list[BatchFile], *, dry_run: bool, reads: IngestReads, may_delete: bool
) -> list[IngestOutcome]:
    """Store several files in one transaction: one commit (a disk flush) for all, and
    what they look up read once for all (`IngestReads`). Every file is read and checked
    first: one refused (its type, size, text) fails alone as usual, before anything is
    stored. If anything goes wrong while a file is being stored, the whole transaction is
    undone, so nothing of any file is half-saved, and the files are ingested again one by
    one, each in its own transaction: the bad file fails alone with its reason, the others
    are stored. A dry run undoes each file, so it goes one by one."""
    if dry_run or len(files) == 1:
        return [
            _single_ingest(file, dry_run=dry_run, reads=reads, may_delete=may_delete)
            for file in files
        ]
    reads.transaction_start()
    loaded = [_load(file) for file in files]
    reads.known_read(
        [hashlib.sha256(data).hexdigest() for data in loaded if isinstance(data, bytes)]
    )
    firsts: list[_Read | IngestOutcome] = []
    for file, data in zip(files, loaded, strict=True):
        if isinstance(data, IngestOutcome):
            firsts.append(data)
        else:
            firsts.append(_guarded(file.name, partial(_read, data, file.name, reads, file=file)))
    reads.chunk_read([first.result for first in firsts if isinstance(first, _Read)])
    chunk = _Chunk()
    try:
        with (
            source_files_removed_on_failure(chunk.stored_files),
            transaction.atomic(),
            history_batch(),  # the chunk's history: one insert per table
        ):
            outcomes = [
                first
                if isinstance(first, IngestOutcome)
                else _guarded(
                    first.name,
                    partial(
                        _write,
                        first,
                        dry_run=False,
                        reads=reads,
                        may_delete=may_delete,
                        chunk=chunk,
                    ),
                    chunk=chunk,
                )
                for first in firsts
            ]
    except Exception as error:
        raced = _chunk_raced(error, firsts, reads)
        if raced is None:
            logger.warning(
                "storing %s files from %s failed: nothing of them was kept, ingesting them one by one",
                len(files),
                files[0].name,
                exc_info=True,
            )
        else:  # not a fault: the files go again one by one and find it stored
            logger.info(
                "%s was %s: ingesting the %s files from %s one by one",
                files[raced].name,
                STORED_MEANWHILE,
                len(files),
                files[0].name,
            )
        reads.forget()
        outcomes = [
            _single_ingest(file, dry_run=False, reads=reads, may_delete=may_delete)
            for file in files
        ]
        if raced is not None and outcomes[raced].status != "failed":
            outcomes[raced].reason = outcomes[raced].reason or STORED_MEANWHILE
        return outcomes
    return outcomes


def _chunk_raced(
    error: Exception, firsts: list[_Read | IngestOutcome], reads: IngestReads
) -> int | None:
    """Which file of an undone chunk the database refused because another import stored
    its symbol meanwhile (new when the chunk began, stored now), if that is what happened."""
    cause = error.__cause__
    if not (isinstance(error, _ChunkFailed) and isinstance(cause, IntegrityError)):
        return None
    for index, first in enumerate(firsts):
        if isinstance(first, _Read) and first.name == error.args[0]:
            symbol = first.result.symbol
            if (
                symbol
                and reads.is_new(symbol)
                and Resolution.objects.filter(symbol=symbol).exists()
            ):
                return index
            return None
    return None


def _single_ingest(
    file: BatchFile, *, dry_run: bool, reads: IngestReads, may_delete: bool
) -> IngestOutcome:
    """One file in its own transaction, with look-ups read for it alone."""
    reads.transaction_start()
    return _file_ingest(file, dry_run=dry_run, reads=reads, may_delete=may_delete)


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
    reads: IngestReads | None = None,
    may_delete: bool = True,
) -> IngestOutcome:
    """Read, extract and store one resolution file; never raises for bad input.

    `may_delete=False` (someone who may not delete deliverables uploads a new version):
    even untouched proposals that left the text are kept and flagged, never removed."""
    reads = reads or IngestReads()
    return _guarded(
        name,
        lambda: _ingest(data=data, name=name, dry_run=dry_run, reads=reads, may_delete=may_delete),
    )


def _guarded(name: str, step: Callable[[], S], *, chunk: _Chunk | None = None) -> S | IngestOutcome:
    """Run a step of ingesting a file; bad input becomes a failed outcome. In a chunk's
    transaction (`_chunk_ingest`) a database error undoes the chunk instead."""
    try:
        with feeds_rebuild_batched():  # within a batch: the batch's one rebuild
            return step()
    except (IngestError, extraction.ExtractionError) as error:
        reason = error.reason if isinstance(error, extraction.ExtractionError) else str(error)
        return IngestOutcome(name, "failed", reason=reason)
    except DatabaseError as error:  # the file's transaction is undone; the batch goes on
        if chunk is not None:  # the chunk's transaction can go no further: undo it
            raise _ChunkFailed(name) from error
        logger.exception("the database refused %s", name)
        return IngestOutcome(
            name, "failed", reason=f"the database refused it ({type(error).__name__}): {error}"
        )


def _ingest(
    *,
    data: bytes,
    name: str,
    dry_run: bool,
    reads: IngestReads,
    may_delete: bool,
    file: BatchFile | None = None,
) -> IngestOutcome:
    read = _read(data, name, reads, file=file, dry_run=dry_run)
    if isinstance(read, IngestOutcome):
        return read
    return _write(read, dry_run=dry_run, reads=reads, may_delete=may_delete)


@dataclass
class _Read:
    """A file read and checked, nothing of it stored yet."""

    name: str
    data: bytes
    checksum: str
    result: extraction.ExtractionResult
    file: BatchFile | None = None  # its batch file (`IngestReads.batch_later`, `.original`)


def _read(
    data: bytes,
    name: str,
    reads: IngestReads,
    *,
    file: BatchFile | None = None,
    dry_run: bool = False,
) -> _Read | IngestOutcome:
    """Everything before storing: the checks (raising IngestError) and the extraction; the
    outcome at once when the very same file is stored already (its original written back
    if missing, `_original_restored`). A stored original read again must still be the
    text of its resolution (the same symbol)."""
    original = file.original if file else None
    refusal = file_refusal(name=name, size=len(data))
    if refusal:
        raise IngestError(refusal)
    checksum = hashlib.sha256(data).hexdigest()
    known = reads.known_get(checksum)
    if known is not None and original is None:
        # the very same file, read by the same extractor: nothing to do but its original
        return _original_restored(name, data, known, dry_run=dry_run)
    if known is not None and original is not None and known.pk == original.resolution_id:
        return _unchanged(name, known.pk, known.symbol)
    try:
        result = extraction.extract_bytes(data, name, actors=reads.actor_table)
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
    if result.symbol and not result.body:
        raise IngestError(
            f"{result.symbol} is a text of a body the tracker does not follow (it follows the"
            " Human Rights Council, the General Assembly, the Economic and Social Council and"
            " its commissions, and the Security Council): nothing was stored"
        )
    if not result.symbol or not result.body:
        raise IngestError("no resolution symbol or body could be found in the text")
    if not result.operative:
        raise IngestError(f"{result.symbol} has no operative paragraphs: is this the adopted text?")
    if original is not None and result.symbol != original.symbol:
        raise IngestError(
            f"extractor {result.extractor_version} reads this file as {result.symbol}, not "
            f"{original.symbol}: nothing was changed (to store it as {result.symbol}, "
            "ingest the file again)"
        )
    _lengths_check(result)
    _special_session_check(result)
    return _Read(name, data, checksum, result, file)


def _write(
    read: _Read,
    *,
    dry_run: bool,
    reads: IngestReads,
    may_delete: bool,
    chunk: _Chunk | None = None,
) -> IngestOutcome:
    """Store a file read by `_read`: in its own transaction, or in the chunk's."""
    name, data, checksum, result = read.name, read.data, read.checksum, read.result
    original = read.file.original if read.file else None
    assert result.symbol is not None
    if chunk is not None and checksum in chunk.checksums:  # the same file twice in a chunk
        known = reads.known_get(checksum, fresh=True)
        if known is not None:
            return _unchanged(name, known.pk, known.symbol)
    if chunk is not None and result.symbol not in chunk.symbols and reads.is_new(result.symbol):
        existing = None  # no such symbol when the chunk began, nor stored since
    else:
        existing = Resolution.objects.filter(symbol=result.symbol).first()
    if original is not None:
        replaced = _original_still_stored(name, original, existing)
        if replaced is not None:
            return replaced
    later = (
        reads.batch_later(read.file, existing.checksum)
        if existing is not None and existing.checksum != checksum
        else None
    )
    if later is not None:  # two texts of one symbol in a batch: the last one is stored
        assert existing is not None
        outcome = _unchanged(name, existing.pk, existing.symbol)
        outcome.reason = (
            f"not stored: {later.name}, later in this batch, is another text of "
            f"{existing.symbol} and is the one stored (the last one wins)"
        )
        return outcome
    # `existing` is the row _store updates: remember the file a new version replaces.
    replaced_file = existing.source_file.name if existing and existing.source_file else ""
    # a stored original read again stays where it is
    stored_file = "" if dry_run or original else source_file_store(name, data)
    # In a chunk, the chunk's transaction removes what it wrote if undone (its failed
    # transaction cannot be asked which files a resolution names before that).
    written = chunk.stored_files if chunk is not None else []
    if stored_file:
        written.append(stored_file)
    try:
        with (
            nullcontext() if chunk is not None else source_files_removed_on_failure(written),
            transaction.atomic(savepoint=chunk is None),
            history_batch(),
        ):
            if existing is not None and not dry_run:  # a dry run must hold up nobody
                existing = _locked(existing)
                if original is not None:  # nothing written yet: nothing to undo
                    replaced = _original_still_stored(name, original, existing)
                    if replaced is not None:
                        return replaced
            resolution, stored = _store(
                result=result,
                existing=existing,
                checksum=checksum,
                source_file=stored_file,
                reads=reads,
                may_delete=may_delete,
                source=(
                    f"Read again by extractor {result.extractor_version}"
                    if original is not None
                    else f"Import of {name} (extractor {result.extractor_version})"
                ),
            )
            changes = stored.changes
            outcome = IngestOutcome(
                name,
                "updated" if existing else "new",
                symbol=result.symbol,
                resolution_id=resolution.pk,
                changes=changes,
                deliverables=stored.deliverables,
                warnings=stored.warnings,
                links=stored.links,
            )
            if existing and not changes:
                outcome.status = "unchanged"
            if stored_file and replaced_file and replaced_file != stored_file:
                source_file_remove_on_commit(replaced_file)  # undone: the row still names it
            if dry_run and not reads.dry_batch:  # in a dry batch: undone with the batch
                raise _Rollback
    except _Rollback:
        if not existing:
            outcome.resolution_id = None
        return outcome
    except Exception as error:
        if chunk is not None:  # the chunk's transaction holds half a file: undo it
            raise _ChunkFailed(name) from error
        if existing is None and isinstance(error, IntegrityError):
            meanwhile = _stored_meanwhile(read, dry_run=dry_run, reads=reads, may_delete=may_delete)
            if meanwhile is not None:
                return meanwhile
        raise
    if chunk is not None:
        chunk.checksums.add(checksum)
        chunk.symbols.add(result.symbol)
    if dry_run:
        return outcome
    logger.info("ingested %s as %s (%s)", name, result.symbol, outcome.status)
    return outcome


NEW_VERSION_MEANWHILE = "a new version was stored meanwhile: not read again"


def _original_still_stored(
    name: str, original: StoredOriginal, resolution: Resolution | None
) -> IngestOutcome | None:
    """A resolution deleted since its original was chosen is not stored again from it
    (IngestError). Nor is one a new version was stored for meanwhile (a person's upload
    while its original was read): the row names the new file now, and the old text
    stored on it would undo the new version; that is the outcome (`_original_replaced`)."""
    if resolution is None or resolution.pk != original.resolution_id:
        raise IngestError(
            f"{original.symbol} was deleted meanwhile: its original file was not read again"
        )
    return _original_replaced(name, original, resolution)


def _original_replaced(
    name: str, original: StoredOriginal, resolution: Resolution | None = None
) -> IngestOutcome | None:
    """If the resolution (read now when not given) no longer names the original's file
    with its checksum, a new version was stored since it was chosen: the resolution as
    it is now, unchanged, with the reason. None otherwise, or if it is gone."""
    if resolution is None:
        resolution = Resolution.objects.filter(pk=original.resolution_id).first()
        if resolution is None:
            return None
    if (resolution.source_file.name or "", resolution.checksum) == (
        original.file,
        original.checksum,
    ):
        return None
    logger.info("%s: %s %s", name, resolution.symbol, NEW_VERSION_MEANWHILE)
    outcome = _unchanged(name, resolution.pk, resolution.symbol)
    outcome.reason = NEW_VERSION_MEANWHILE
    return outcome


def _locked(resolution: Resolution) -> Resolution | None:
    """The stored resolution read again, with its mandates, deliverables and considerations
    locked until the new version is stored: a person's decision either lands before ingest
    reads the rows (and is kept) or waits for the new version (and finds what it left),
    never in between, where ingest would remove a row as untouched that a person had just
    confirmed. None if it was deleted meanwhile."""
    locked = Resolution.objects.select_for_update().filter(pk=resolution.pk).first()
    if locked is not None:
        list(Mandate.objects.filter(resolution=locked).select_for_update().only("pk"))
        rows = Deliverable.objects.filter(mandate__resolution=locked)
        list(rows.select_for_update(of=("self",)).only("pk"))
        list(Consideration.objects.filter(resolution=locked).select_for_update().only("pk"))
    return locked


STORED_MEANWHILE = "stored meanwhile by another import"


def _stored_meanwhile(
    read: _Read, *, dry_run: bool, reads: IngestReads, may_delete: bool
) -> IngestOutcome | None:
    """A new symbol the database refused because another import (a cron job, an upload)
    stored it since this one looked (the unique symbol): the file is then what that
    import stored (unchanged) or a version of it, stored as one. None when the symbol is
    still not stored (the refusal was something else)."""
    if not Resolution.objects.filter(symbol=read.result.symbol).exists():
        return None
    reads.forget()  # what the undone transaction looked up or created is gone
    known = reads.known_get(read.checksum, fresh=True)
    if known is not None:
        outcome = _unchanged(read.name, known.pk, known.symbol)
    else:  # `_write` finds the row now: no second retry
        outcome = _write(read, dry_run=dry_run, reads=reads, may_delete=may_delete)
    outcome.reason = STORED_MEANWHILE
    logger.info("%s: %s %s", read.name, read.result.symbol, STORED_MEANWHILE)
    return outcome


def _lengths_check(result: extraction.ExtractionResult) -> None:
    """The one place read values meet column sizes: a value too long for its column (an
    agenda "item" that swallowed a paragraph) fails this file alone, before anything is
    stored, instead of a database error that would end the whole batch."""
    subparagraphs = [(op.number, sub.label) for op in result.operative for sub in op.subparagraphs]
    dues = [d.due for d in result.deliverables if d.due]
    dues += [alt for d in result.deliverables for alt in d.alternatives]
    checks: list[tuple[type[models.Model], str, str, Sequence[str | None]]] = [
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
            [m.actor for m in result.mandates] + [d.actor for d in result.deliverables],
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
        column = model._meta.get_field(name)
        assert isinstance(column, models.CharField) and column.max_length is not None
        limit = column.max_length
        for value in values:
            if value and len(value) > limit:
                raise IngestError(
                    f"{label} is {len(value)} characters long, more than the {limit} the "
                    f"database holds ({value[:40]!r}...): nothing of this file was stored"
                )


def _special_session_check(result: extraction.ExtractionResult) -> None:
    """A special session read in another form than the column takes ("S-41", "ES-11")
    fails this file alone, before anything is stored, with what was read."""
    value = result.special_session
    if not value:
        return
    try:
        Resolution._meta.get_field("special_session").run_validators(value)
    except ValidationError as error:
        raise IngestError(
            f"the special session was read as {value[:40]!r}, not in the form the database "
            f"holds ({' '.join(error.messages)}): nothing of this file was stored"
        ) from error


ORIGINAL_RESTORED = "original file restored"


def _original_restored(name: str, data: bytes, known: Known, *, dry_run: bool) -> IngestOutcome:
    """The very file a resolution was stored from, given again: unchanged. If the
    resolution's original is missing from the media folder (removed by hand, a database
    restored without its media) or none was stored, these bytes are it (the same
    checksum): written back under the name the row keeps, so nothing else changes and its
    links work again; a row that named none is given the file. What the storage refuses
    fails, with why (the operator must fix it; `status` still names the file)."""
    outcome = _unchanged(name, known.pk, known.symbol)
    if known.file and not source_file_missing(known.file):
        return outcome
    if dry_run:  # a row a dry run stored names no file: nothing to say about it
        if known.file:
            outcome.reason = "its original file is missing: ingesting this file writes it back"
        return outcome
    try:
        if known.file:  # False: put back meanwhile
            restored = known.file if source_file_restore(known.file, data) else ""
        else:
            restored = _original_given(known, name, data)
    except OSError as error:
        logger.warning("could not write back the original file of %s", known.symbol, exc_info=True)
        why = error.strerror or error
        outcome.status = "failed"
        outcome.reason = f"its original file is missing and could not be written back: {why}"
        return outcome
    if restored:
        logger.info("%s: %s (%s)", known.symbol, ORIGINAL_RESTORED, restored)
        outcome.reason = f"{ORIGINAL_RESTORED}: {restored}"
    return outcome


def _original_given(known: Known, name: str, data: bytes) -> str:
    """Store the original of a resolution stored without one, and name it on the row if
    that still names none with this checksum; returns its name ("" when the row changed
    meanwhile: the file is removed again). Written before the row names it, as ingest
    does."""
    stored = source_file_store(name, data)
    checksum = hashlib.sha256(data).hexdigest()
    with source_files_removed_on_failure([stored]):
        named = Resolution.objects.filter(pk=known.pk, source_file="", checksum=checksum)
        if named.update(source_file=stored):
            return stored
    source_files_unnamed_remove([stored])
    return ""


def _unchanged(name: str, pk: int, symbol: str) -> IngestOutcome:
    return IngestOutcome(
        name,
        "unchanged",
        symbol=symbol,
        resolution_id=pk,
        deliverables=Deliverable.objects.filter(mandate__resolution=pk).count(),
    )


class Known(NamedTuple):
    """A resolution stored from the very bytes of a file by the current extractor: that
    file again changes nothing (but its original, if missing, is written back)."""

    pk: int
    symbol: str
    file: str  # its original file's name in storage ("" when none was stored)


class IngestReads:
    """What a batch reads once for all its files rather than once per file: the actor
    table, the Actor rows, the bodies and the reminder policy (ingest never changes them).
    A body a file creates is not kept (the file's transaction may be undone): the next file
    reads it.

    What one transaction's files look up is read once for them (`transaction_start`), so
    a change made in the admin while a long batch runs reaches the next transaction: the
    sessions (those a file of the transaction creates are kept until it ends), the
    due-date rules, where drafts are stored, and the checksums already stored among the
    transaction's files."""

    def __init__(self) -> None:
        # a dry run of a batch: its files stay stored until the batch's undo (`_dry_run_many`)
        self.dry_batch = False
        self.batch: list[BatchFile] = []  # the files of a batch, in order (`batch_later`)
        self._batch_last: dict[str, int] | None = None  # checksum: its last file's index
        self._batch_index: dict[BatchFile, int] = {}  # file: its place in the batch
        self.actor_table = actor_table_from_database()
        self.actors = ActorNames(table=self.actor_table)
        self.bodies: dict[str, Body] = {}
        self._policy: Policy | None = None
        self.transaction_start()

    def policy(self) -> Policy:
        """The reminder policy, read when first needed."""
        if self._policy is None:
            self._policy = reminder_policy_get()
        return self._policy

    def transaction_start(self) -> None:
        """Forget what the previous transaction looked up."""
        self.sessions: dict[tuple[str, int], Session | None] = {}
        self.sessions_asked: set[tuple[str, int]] = set()  # read, found or not
        self._rules: dict[int, list[DueDateRule]] | None = None
        self._draft_pairs: set[tuple[int, int | None, str]] | None = None
        self._known: dict[str, Known] = {}  # checksum: the resolution stored from it
        self._asked: set[str] = set()  # the checksums `_known` answers for
        self._symbols: set[str] | None = None  # of the chunk's files, those stored
        self._series: set[tuple[str, int]] | None = None  # (title, body id) stored

    def known_read(self, checksums: list[str]) -> None:
        """Which of a chunk's files are stored already (same checksum, same extractor
        version), in one query."""
        rows = Resolution.objects.filter(
            checksum__in=checksums, extractor_version=extraction.EXTRACTOR_VERSION
        ).values_list("checksum", "pk", "symbol", "source_file")
        for checksum, *known in rows:  # the model's order, as `.first()` would take
            self._known.setdefault(checksum, Known(*known))
        self._asked.update(checksums)

    def known_get(self, checksum: str, *, fresh: bool = False) -> Known | None:
        """The resolution stored from this very file, if any."""
        if checksum in self._asked and not fresh:
            return self._known.get(checksum)
        row = (
            Resolution.objects.filter(
                checksum=checksum, extractor_version=extraction.EXTRACTOR_VERSION
            )
            .values_list("pk", "symbol", "source_file")
            .first()
        )
        return Known(*row) if row is not None else None

    def batch_later(self, file: BatchFile | None, checksum: str) -> BatchFile | None:
        """The last file of the batch with these very bytes, if it comes after ``file``.
        When a batch holds two texts of one symbol, the last one is stored; an earlier one
        that meets it stored leaves it (re-running the folder then changes nothing, and the
        dry run, which meets what the earlier files stored, says the same). The batch's
        checksums are read once, when first asked: only a file that would replace a stored
        text asks."""
        if file is None or not self.batch:
            return None
        if self._batch_last is None:
            self._batch_last = {}
            for index, other in enumerate(self.batch):
                self._batch_index[other] = index
                try:
                    self._batch_last[hashlib.sha256(other.read()).hexdigest()] = index
                except OSError:  # reported when that file is ingested
                    continue
        last = self._batch_last.get(checksum)
        here = self._batch_index.get(file)
        return self.batch[last] if last is not None and here is not None and last > here else None

    def chunk_read(self, results: list[extraction.ExtractionResult]) -> None:
        """What a chunk's files need to know, in three queries: the sessions they name,
        which of their symbols are stored, and which of their titles (for
        `_predecessors_set`)."""
        pairs = {pair for result in results for pair in _sessions_named(result)}
        if pairs:
            _sessions_read(pairs, self.sessions)
            self.sessions_asked |= pairs
        symbols = {result.symbol for result in results}
        titles = {result.title for result in results if result.title}
        self._symbols = set(
            Resolution.objects.filter(symbol__in=symbols).values_list("symbol", flat=True)
        )
        self._series = (
            set(Resolution.objects.filter(title__in=titles).values_list("title", "body_id"))
            if titles
            else set()
        )

    def is_new(self, symbol: str) -> bool:
        """Whether no resolution had this symbol when the chunk was read (`chunk_read`)."""
        return self._symbols is not None and symbol not in self._symbols

    def series_possible(self, resolution: Resolution) -> bool:
        """Whether earlier resolutions of the same title and body may exist: not when none
        had them when the chunk was read and no file of the chunk stored one since."""
        return self._series is None or (resolution.title, resolution.body_id) in self._series

    def forget(self) -> None:
        """After an undone transaction: nothing read or created in it is kept."""
        self.bodies = {}
        self.transaction_start()

    def rules(self) -> dict[int, list[DueDateRule]]:
        """Every due-date rule by body id, read once per transaction when first needed."""
        if self._rules is None:
            self._rules = due_date_rules_by_body()
        return self._rules

    def drafts_possible(self, resolution: Resolution, *, new: bool) -> bool:
        """Whether a draft may be linked to this adopted text (see `draft_pairs`): not for
        a new text when no draft of its body and session is stored."""
        if not new:
            return True
        if self._draft_pairs is None:
            self._draft_pairs = draft_pairs()
        return _draft_key(resolution) in self._draft_pairs

    def stored(self, resolution: Resolution) -> None:
        """A file of the transaction stored this resolution: the look-ups of the next
        files know it (a draft, a title)."""
        if self._draft_pairs is not None and resolution.status == Resolution.Status.DRAFT:
            self._draft_pairs.add(_draft_key(resolution))
        if self._series is not None:
            self._series.add((resolution.title, resolution.body_id))


def _draft_key(resolution: Resolution) -> tuple[int, int | None, str]:
    """The resolution's body and session, regular or special, as `draft_pairs` has them."""
    return (resolution.body_id, resolution.session_id, resolution.special_session)


@dataclass
class _Lookups:
    """The rows one file refers to, read in a few queries before anything is stored."""

    actors: ActorNames
    bodies: dict[str, Body]
    sessions: dict[tuple[str, int], Session | None]

    def body(self, code: str) -> Body:
        return self.bodies[code]

    def session(self, code: str, number: int | None) -> Session | None:
        return None if number is None else self.sessions[(code, number)]


def _lookups(result: extraction.ExtractionResult, reads: IngestReads) -> _Lookups:
    """Every body and session the text names, in one query each (bodies the batch knows,
    sessions its transaction read or created are not read again), then the few missing one
    by one in the order the text names them: a new body; a new HRC or GA session, with
    estimated dates."""
    assert result.body is not None
    wanted = _bodies_and_sessions_named(result)
    missing = {code for code, _ in wanted} - reads.bodies.keys()
    if missing:
        reads.bodies.update((body.code, body) for body in Body.objects.filter(code__in=missing))
    bodies = dict(reads.bodies)
    sessions = reads.sessions  # what earlier files of the transaction looked up or created
    pairs = [
        pair
        for pair in _sessions_named(result)
        if pair not in sessions and pair not in reads.sessions_asked
    ]
    if pairs:
        _sessions_read(pairs, sessions)
    for code, number in wanted:
        if code not in bodies:
            # named as the extractor knows it ("CSTD (CSTD)" on the pages otherwise)
            name = lexicon().every_body_name().get(code, code)
            bodies[code], _ = Body.objects.get_or_create(code=code, defaults={"name": name})
        if number is not None and (code, number) not in sessions:
            sessions[(code, number)] = (
                session_get_or_estimate(body=bodies[code], number=number)
                if code in SESSION_BODIES
                else None
            )
    return _Lookups(actors=reads.actors, bodies=bodies, sessions=sessions)


def _bodies_and_sessions_named(result: extraction.ExtractionResult) -> list[tuple[str, int | None]]:
    """(body, session number or None) of the text, its deadlines and its consideration,
    in the order the text names them."""
    assert result.body is not None
    wanted: list[tuple[str, int | None]] = [(result.body, result.session)]
    wanted += [(d.due.body, d.due.session) for d in result.deliverables if d.due and d.due.body]
    if result.consideration is not None:
        wanted.append((result.consideration.body, result.consideration.session))
    return wanted


def _sessions_named(result: extraction.ExtractionResult) -> list[tuple[str, int]]:
    """The numbered sessions the text names, once each, in order."""
    return list(
        dict.fromkeys((code, n) for code, n in _bodies_and_sessions_named(result) if n is not None)
    )


def _sessions_read(
    pairs: Iterable[tuple[str, int]], sessions: dict[tuple[str, int], Session | None]
) -> None:
    """Add the stored sessions among (body code, number) pairs to `sessions`, in one query."""
    match = Q()
    for code, number in pairs:
        match |= Q(body__code=code, number=number)
    for session in Session.objects.filter(match).select_related("body"):
        sessions[(session.body.code, session.number)] = session


@dataclass
class _Stored:
    """What storing one file did: the changes to report, how many deliverables the
    resolution now has, those whose feeds change, and (for the review flags) every review
    reason the previous version's reading gave."""

    read_before: set[str]
    # the previous version's extraction (its JSON): what the text read, not what people set
    before: dict = field(default_factory=dict)
    # each stored mandate's paragraph before this version renumbered it (by pk): where
    # the previous version read its deliverables
    paragraphs_before: dict[int, str] = field(default_factory=dict)
    changes: list[str] = field(default_factory=list)
    deliverables: int = 0
    # the extraction warnings that still stand (`warnings_resolved`)
    warnings: list[str] = field(default_factory=list)
    deliverable_ids: list[int] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # the drafts linked anew (`DraftLinks`)
    # the reason of the history records of stored rows it changes: the import, by name
    history_reason: str = ""


def _store(
    *,
    result: extraction.ExtractionResult,
    existing: Resolution | None,
    checksum: str,
    source_file: str,
    reads: IngestReads,
    may_delete: bool,
    source: str = "",
) -> tuple[Resolution, _Stored]:
    """Store a read text as a new resolution or a new version of ``existing``. ``source``
    names the import (the file, "read again"): the history records of what it changes say
    it, and the proposals it makes."""
    assert result.symbol is not None and result.body is not None
    lookups = _lookups(result, reads)
    body = lookups.body(result.body)
    resolution = existing or Resolution(symbol=result.symbol)
    # What the previous version of the text said, to tell its review reasons from the
    # ones people still have to look at (see `_reasons_waiting`).
    stored = _Stored(
        read_before=_reasons_read(existing.extraction) if existing else set(),
        before=existing.extraction if existing else {},
        history_reason=change_reason(source),
    )
    data = result.to_dict()
    changes = stored.changes
    header = {
        "body": body,
        "session": lookups.session(result.body, result.session),
        # as read, never derived from the regular session nor it from this: "S-41" is not 41
        "special_session": result.special_session or "",
        "number": result.number or "",
        "title": result.title or "",
        "adopted_on": result.adopted_on,
        "agenda_item": result.agenda_item or "",
        "committee_report": result.committee_report or "",
        "vote": data["vote"],
    }
    if existing:
        closed = _header_update(resolution, header, data, stored, source=source)
        _keep_earlier_readings(data, existing.extraction)
    else:
        closed = []
        for name, value in header.items():
            setattr(resolution, name, value)
    if existing and resolution.text != result.text:
        changes.append("text changed")
    resolution.text = result.text
    resolution.source_name = result.source_name
    resolution.checksum = checksum
    resolution.extractor_version = result.extractor_version
    resolution.extraction = data
    resolution.warnings = list(result.warnings)
    if source_file:
        resolution.source_file.name = source_file
    if existing:  # the history says what changed it: this import, not a person
        resolution._change_reason = stored.history_reason
    save_with_history(resolution)
    if closed:
        ProposedChange.objects.filter(pk__in=[change.pk for change in closed]).update(
            resolved=True, closed_by_text=True
        )

    update = existing is not None
    paragraphs = _store_paragraphs(resolution, result, replace=update)
    _store_mandates(
        resolution, result, paragraphs, lookups, reads, stored, update=update, may_delete=may_delete
    )
    if update and any(ACTOR_NOT_IN_TABLE in warning for warning in resolution.warnings):
        # a warning a person's correction answered goes
        warnings = warnings_resolved(
            resolution.warnings,
            Mandate.objects.filter(resolution=resolution, actor__isnull=False)
            .exclude(actor_name="")
            .values_list("paragraph_label", "actor_name"),
        )
        if warnings != resolution.warnings:
            Resolution.objects.filter(pk=resolution.pk).update(warnings=warnings)
            resolution.warnings = warnings
    stored.warnings = list(resolution.warnings)
    changes += _store_consideration(
        resolution, result, paragraphs, lookups, update=update, may_delete=may_delete
    )
    changes += _propose_fulfilments(resolution, result)
    links = resolution_drafts_link(
        resolution=resolution,
        result=result,
        actors=lookups.actors,
        # a draft's own text looks for its adopted text (or its other revisions) instead:
        # nothing to read for it
        drafts_possible=result.status == "draft"
        or reads.drafts_possible(resolution, new=existing is None),
    )
    changes += links.changes
    stored.links += links.summary
    reads.stored(resolution)
    feeds_rebuild_on_commit(deliverable_ids=stored.deliverable_ids)
    return resolution, stored


#: The header fields ingest reads from the text and people may correct on the
#: resolution's page: a value a person set (`Resolution.edited_fields`) is kept.
HEADER_FIELDS = (
    "body",
    "session",
    "special_session",
    "number",
    "title",
    "adopted_on",
    "agenda_item",
    "committee_report",
    "vote",
)


#: The key of a stored extraction (ingest's, not the extractor's) that keeps, for each
#: header value its version read nothing for (no title found), what the last version that
#: read one read: a person's value is then compared with that, not with nothing.
HEADER_READ_EARLIER = "header_read_earlier"
#: What a header value read as nothing is.
NOTHING: tuple[object, ...] = (None, "", {}, [])


def _keep_earlier_readings(data: dict, before: dict) -> None:
    """Carry into ``data`` (a new version's extraction) what the versions before read of
    the header values this one reads nothing for (`HEADER_READ_EARLIER`)."""
    earlier = {**before.get(HEADER_READ_EARLIER, {})}
    earlier.update((key, before.get(key)) for key in HEADER_FIELDS if not _none_read(before, key))
    carried = {key: value for key, value in earlier.items() if _none_read(data, key)}
    if carried:
        data[HEADER_READ_EARLIER] = carried


def _none_read(data: dict, key: str) -> bool:
    """Whether an extraction's JSON holds no value for this header value, as
    `_read_nothing` tells: a special session's text reads no regular session, and the
    other way round; neither is reading nothing."""
    if key in ("session", "special_session"):
        return data.get("session") is None and not data.get("special_session")
    return data.get(key) in NOTHING


def _header_read_before(extraction: dict) -> dict[str, object] | None:
    """The header as the versions before read it: the last one that read each value."""
    if not extraction:
        return None
    return header_as_read({**extraction, **extraction.get(HEADER_READ_EARLIER, {})})


def header_as_read(data: dict) -> dict[str, object]:
    """A resolution's HEADER_FIELDS as a text read them (its extraction's JSON),
    comparable from version to version."""
    body, session = data.get("body"), data.get("session")
    return {
        "body": body,
        "session": (body, session) if session is not None else None,
        "special_session": data.get("special_session") or "",
        "number": data.get("number") or "",
        "title": data.get("title") or "",
        "adopted_on": data.get("adopted_on"),
        "agenda_item": data.get("agenda_item") or "",
        "committee_report": data.get("committee_report") or "",
        "vote": data.get("vote"),
    }


def _header_update(
    resolution: Resolution, header: dict[str, object], data: dict, stored: _Stored, *, source: str
) -> list[ProposedChange]:
    """A new version's header on a stored resolution, as ingest treats a deliverable's
    values: what nobody set follows the text; a value a person set (`edited_fields`) stays,
    and what the text now reads otherwise (than its previous version read) is proposed
    (`ProposedChange`, once; a value a person dismissed is not proposed again). What the
    text does not say (no title found) never blanks a stored value. Returns the proposals
    waiting that this version closes (the text says the kept value again, or replaces
    them)."""
    before = _header_read_before(resolution.extraction)
    now = header_as_read(data)
    owned = set(resolution.edited_fields)
    waiting: dict[str, list[ProposedChange]] = defaultdict(list)
    settled: set[tuple[str, str]] = set()
    for change in ProposedChange.objects.filter(resolution=resolution).order_by("pk"):
        if not change.resolved:
            waiting[change.field].append(change)
        elif not change.closed_by_text:
            settled.add((change.field, change.new_value))
    closed: list[ProposedChange] = []
    for name, value in header.items():
        current = getattr(resolution, name)
        pending = waiting.get(name, [])
        label = resolution_field_label(name)
        if current == value:
            closed += pending  # the text says the value kept again
            continue
        if _read_nothing(name, value, header) and current not in NOTHING:
            # the extractor found no title (a copy laid out otherwise): nothing to change
            stored.changes.append(f"{label}: kept {current!r}, none read in this version")
            continue
        if name not in owned:
            stored.changes.append(f"{label}: {current!r} -> {value!r}")
            setattr(resolution, name, value)
            continue
        if before is not None and before[name] == now[name]:
            continue  # the text says what it said: the person's value stands
        shown = value_shown(value)
        if any(change.new_value == shown for change in pending):
            continue  # proposed by an earlier version, still waiting
        closed += pending  # a person dismissed this very value, or this one replaces them
        if (name, shown) in settled:
            continue
        ProposedChange.objects.create(
            resolution=resolution,
            field=name,
            old_value=value_shown(current),
            new_value=shown,
            source=source[:255],
        )
        stored.changes.append(f"{label}: kept the person's value {current!r}, proposed {shown}")
    return closed


def _read_nothing(name: str, value: object, header: dict[str, object]) -> bool:
    """Whether the text gave no value for this header field (rather than another value): a
    regular session is none when a special session is read, and the other way round."""
    if value not in NOTHING:
        return False
    if name == "session":
        return not header["special_session"]
    if name == "special_session":
        return header["session"] is None
    return True


def _reasons_read(extraction_data: dict) -> set[str]:
    """Every review reason the extractor gave when it read a text (from its stored JSON)."""
    reasons = {NO_LONGER_IN_TEXT}
    for key in ("mandates", "deliverables"):
        for item in extraction_data.get(key) or []:
            reasons.update(item.get("review_reasons") or [])
    return reasons


@dataclass(frozen=True)
class _StoredParagraph:
    """What the rows stored next need of a paragraph: its key and its words."""

    pk: int
    text: str


def _store_paragraphs(
    resolution: Resolution, result: extraction.ExtractionResult, *, replace: bool
) -> dict[str, _StoredParagraph]:
    """Paragraphs are the text's, not a person's: replace them wholesale. Inserted from
    plain values: they have no history, and nothing reads them back as model instances."""
    if replace:
        resolution.paragraphs.all().delete()
    preamble, operative = Paragraph.Part.PREAMBLE.value, Paragraph.Part.OPERATIVE.value
    rows: list[dict] = []

    def add(part: str, number: str, verb: str, text: str, span: tuple[int, int]) -> None:
        rows.append(
            {
                "resolution_id": resolution.pk,
                "part": part,
                "position": len(rows),
                "number": number,
                "verb": verb,
                "text": text,
                "span_start": span[0],
                "span_end": span[1],
            }
        )

    for item in result.preamble:
        add(preamble, "", item.verb, item.text, item.span)
    for op in result.operative:
        add(operative, op.number, op.verb, op.text, op.span)
        for sub in op.subparagraphs:
            add(operative, f"{op.number}({sub.label})", "", sub.text, sub.span)
    keys = plain_insert(Paragraph, rows, returning=True)
    by_number: dict[str, _StoredParagraph] = {}
    for row, pk in zip(rows, keys, strict=True):
        if row["part"] == operative:
            by_number.setdefault(row["number"], _StoredParagraph(pk, row["text"]))
    return by_number


M = TypeVar("M", bound=models.Model)


def _bulk_create(model: type[M], rows: list[M]) -> None:
    """Insert rows in one query, their history records kept for the transaction's one
    insert per history table (`history_batch`); the rows get their primary keys, which
    the rows stored next refer to."""
    if not rows:
        return
    model._default_manager.bulk_create(rows)
    if rows[0].pk is None:  # every database this project runs on returns them
        raise DatabaseError(f"the database did not return the keys of new {model.__name__} rows")
    history_add(rows)


MANDATE_FIELDS = (
    "paragraph",
    "paragraph_label",
    "verb",
    "actor",
    "actor_text",
    "actor_name",
    "quote",
    "span_start",
    "span_end",
    "needs_review",
    "review_reasons",
    "position",
)


def _store_mandates(
    resolution: Resolution,
    result: extraction.ExtractionResult,
    paragraphs: dict[str, _StoredParagraph],
    lookups: _Lookups,
    reads: IngestReads,
    stored: _Stored,
    *,
    update: bool,
    may_delete: bool,
) -> None:
    changes = stored.changes
    actors = lookups.actors
    old_mandates: list[Mandate] = []
    if update:
        old_mandates = list(resolution.mandates.select_related("actor").order_by("position", "pk"))
    stored.paragraphs_before = {m.pk: m.paragraph_label for m in old_mandates}
    # A request renumbered or reworded keeps its row: paired by its actor and words, the
    # actor as the previous version read it (a person may have corrected the row's).
    read = _readings_before(
        old_mandates,
        stored.before.get("mandates") or [],
        ours=lambda m, item: (
            NO_LONGER_IN_TEXT not in m.review_reasons
            and (item.get("paragraph"), item.get("quote")) == (m.paragraph_label, m.quote)
        ),
    )
    paired = {
        j: old_mandates[i]
        for i, j in pairs_keyed_then_by_words(
            old_mandates,
            result.mandates,
            old_key=lambda m: (
                _read_actor(read[m.pk], actors) if m.pk in read else _stored_actor(m, actors),
            ),
            new_key=lambda item: (_actor_key(item.actor, item.actor_text, actors),),
            old_quote=lambda m: m.quote,
            new_quote=lambda item: item.quote,
            same=lambda m, item: (m.paragraph_label == item.paragraph,),
        )
    }
    mandate_rows: dict[int, Mandate | PlainRow] = {}
    created: list[dict] = []  # new mandates, inserted from plain values
    created_at: list[int] = []  # their indexes in the extraction
    kept: list[Mandate] = []
    partners: dict[int, set[int]] = {}
    for position, (index, item) in enumerate(enumerate(result.mandates)):
        mandate = paired.get(index)
        actor = actors.named(item.actor)
        values = {
            "paragraph_id": _paragraph_id(paragraphs, item.paragraph),
            "paragraph_label": item.paragraph,
            "verb": item.verb[:100],
            "actor_id": actor.pk if actor else None,
            "actor_text": (item.actor_text or item.actor)[:500],
            "actor_name": _actor_name(item, actors),
            "quote": item.quote,
            "span_start": item.span[0],
            "span_end": item.span[1],
            "needs_review": item.needs_review,
            "review_reasons": list(item.review_reasons),
            "position": position,
        }
        partners[index] = {
            partner.pk for partner in map(actors.named, item.partners) if partner is not None
        }
        if mandate is None:
            created.append({"resolution_id": resolution.pk, **values})
            created_at.append(index)
            if update:
                changes.append(f"new mandate in para. {item.paragraph} for {item.actor}")
        else:
            _keep_a_persons_actor(mandate, read.get(mandate.pk), values, actors)
            # a person gave it its actor: "actor not in the alias table" went
            actor_id = cast(int | None, values.get("actor_id", mandate.actor_id))
            reasons = reasons_resolved(list(item.review_reasons), actor_id=actor_id)
            flagged = item.needs_review and (bool(reasons) or reasons == item.review_reasons)
            values["review_reasons"] = reasons
            values["needs_review"], raised = _flag_as_read(mandate, list(reasons), flagged=flagged)
            if raised:
                changes.append(
                    f"mandate in para. {item.paragraph}: flagged for review: {'; '.join(raised)}"
                )
            elif mandate.needs_review and not values["needs_review"]:
                changes.append(f"mandate in para. {item.paragraph}: no longer flagged for review")
            for name, value in values.items():
                setattr(mandate, name, value)
            kept.append(mandate)
            mandate_rows[index] = mandate
    new_rows = plain_create(Mandate, created)
    history_add(new_rows, model=Mandate)
    mandate_rows.update(zip(created_at, new_rows, strict=True))
    if kept:
        now = timezone.now()
        for mandate in kept:
            mandate.updated_at = now  # bulk_update does not touch auto_now fields
        history_flush()  # the records waiting first, in the order they happened
        bulk_update_with_history(
            kept,
            Mandate,
            [*MANDATE_FIELDS, "updated_at"],
            default_change_reason=stored.history_reason or None,
        )
    _store_partners(
        {mandate_rows[index].pk: wanted for index, wanted in partners.items()},
        known=[mandate.pk for mandate in kept],
    )
    kept_pks = {mandate.pk for mandate in kept}
    for mandate in old_mandates:
        if mandate.pk in kept_pks:
            continue
        if may_delete and _mandate_removable(mandate):
            changes.append(f"mandate in para. {mandate.paragraph_label} no longer in the text")
            mandate.delete()
        elif NO_LONGER_IN_TEXT not in mandate.review_reasons:
            # Kept for the deliverables people worked on; they are flagged one by one below.
            mandate.needs_review = True
            mandate.review_reasons = [*mandate.review_reasons, NO_LONGER_IN_TEXT]
            mandate.save(update_fields=["needs_review", "review_reasons", "updated_at"])
    _store_deliverables(
        resolution,
        result,
        mandate_rows,
        lookups,
        reads,
        stored,
        update=update,
        may_delete=may_delete,
    )


def _keep_a_persons_actor(
    mandate: Mandate, before: dict | None, values: dict, actors: ActorNames
) -> None:
    """An actor a person set on the mandate (another Actor than the previous version read)
    stays. Rows pair only with a request of the actor the previous version read, so the
    new text names the same actor: nothing to propose."""
    if before is None:
        return  # no reading to compare with: the text decides, as before
    was_read = actors.meant(before.get("actor") or "")
    if (was_read.pk if was_read else None) != mandate.actor_id:
        del values["actor_id"]


def _store_partners(wanted: dict[int, set[int]], *, known: list[int]) -> None:
    """Each mandate's partners as the text names them (`known`: mandates stored before,
    whose partners may change); in a query or two for the whole file."""
    through = Mandate.partners.through
    current: dict[int, set[int]] = {pk: set() for pk in wanted}
    if known:
        for mandate_id, actor_id in through.objects.filter(mandate_id__in=known).values_list(
            "mandate_id", "actor_id"
        ):
            current[mandate_id].add(actor_id)
    for mandate_id, actor_ids in current.items():
        gone = actor_ids - wanted[mandate_id]
        if gone:
            through.objects.filter(mandate_id=mandate_id, actor_id__in=gone).delete()
    through.objects.bulk_create(
        through(mandate_id=mandate_id, actor_id=actor_id)
        for mandate_id, actor_ids in wanted.items()
        for actor_id in sorted(actor_ids - current[mandate_id])
    )


#: The extractor's review reason for an actor its table lacks (and, with the paragraph and
#: the name, its warning): a mandate with an Actor row, a person's correction, has none.
ACTOR_NOT_IN_TABLE = "actor not in the alias table"


def reasons_resolved(reasons: list[str], *, actor_id: int | None) -> list[str]:
    """The review reasons of a mandate, or a deliverable of it, that still stand: once the
    mandate has an Actor row (a person gave it one) "actor not in the alias table" goes;
    every other reason stays."""
    if actor_id is None:
        return reasons
    return [reason for reason in reasons if reason != ACTOR_NOT_IN_TABLE]


def warnings_resolved(warnings: list[str], resolved: Iterable[tuple[str, str]]) -> list[str]:
    """The extraction warnings that still stand: "paragraph 3(b): actor not in the alias
    table: <name>" goes once that paragraph's mandate for that name (``resolved``: its
    paragraph and `actor_name`) has an Actor row."""
    gone = {f"paragraph {label}: {ACTOR_NOT_IN_TABLE}: {name}" for label, name in resolved}
    return [warning for warning in warnings if warning not in gone]


NO_LONGER_IN_TEXT = "no longer in the text: a new version of the resolution does not ask for it"
# Then what the new text says instead of the value a person decided ("due session HRC 67
# (kept HRC 66)"); the proposed changes hold the same, to accept by editing or to dismiss.
TEXT_CHANGED = "the new version of the text says otherwise than a person decided: "


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
        or deliverable.proposed_changes.filter(resolved=True, closed_by_text=False).exists()
    )


def _mandate_removable(mandate: Mandate) -> bool:
    """A mandate goes with its paragraph only if nobody reviewed it or any of its
    deliverables."""
    if mandate.review_status != ReviewStatus.PROPOSED:
        return False
    return not any(deliverable_touched_by_a_person(d) for d in mandate.deliverables.all())


def _stored_actor(mandate: Mandate, actors: ActorNames) -> int | str:
    """`_actor_key` of a stored mandate that has no reading: its Actor's."""
    return mandate.actor_id or _actor_key(mandate.actor_name, mandate.actor_text, actors)


def _actor_name(item: extraction.Mandate | extraction.Deliverable, actors: ActorNames) -> str:
    """The extractor's name for an actor the Actor table does not hold (kept, not lost)."""
    return "" if actors.named(item.actor) else item.actor


def _actor_key(name: str, printed: str, actors: ActorNames) -> int | str:
    """Who a request is asked of, to pair two readings of it: the id of the Actor its name
    stands for (the same whatever staff renamed it to since either reading), else the words
    printed."""
    actor = actors.meant(name)
    return actor.pk if actor is not None else (printed or name)[:500]


def _read_actor(item: dict, actors: ActorNames) -> int | str:
    """`_actor_key` of a request as a stored extraction (JSON) holds it."""
    return _actor_key(item.get("actor") or "", item.get("actor_text") or "", actors)


R = TypeVar("R", Mandate, Deliverable)


def _readings_before(
    rows: list[R], read: list[dict], *, ours: Callable[[R, dict], bool]
) -> dict[int, dict]:
    """What the previous version of the text read for each of its rows, by pk: the item of
    its extraction at the row's ``position`` (ingest sets it to that index), if ``ours``
    (the same paragraph and words). Pairing and proposals compare what the text read, not
    values people corrected. A row that version did not have (no longer in the text: its
    position is an older version's) gets none, nor do two rows that claim one item."""
    claims: dict[int, list[int]] = defaultdict(list)
    for row in rows:
        if 0 <= row.position < len(read) and ours(row, read[row.position]):
            claims[row.position].append(row.pk)
    return {pks[0]: read[index] for index, pks in claims.items() if len(pks) == 1}


def deliverable_as_read(item: dict, actors: ActorNames) -> dict[str, object]:
    """A deliverable's PROPOSED_FIELDS as a text read them (its extraction's JSON, the
    previous version's or the new one's), comparable from version to version: a title
    that names the actor reads the same under the actor's former name (a rename in the
    admin is no change of the text). Drafts compare a draft's and its adopted text's so."""
    due = item.get("due") or {}
    body, number = due.get("body"), due.get("session")
    return {
        "kind": item.get("kind"),
        "count": max(item.get("count") or 1, 1),
        "title": actors.title_key((item.get("title") or "")[:500], item.get("actor") or ""),
        "due_session": (body, number) if body and number is not None else None,
        "due_relation": due.get("relation") or "",
        "due_body": body or None,
        "due_session_number": number,
        "stated_due_date": due.get("date"),
        "alternatives": item.get("alternatives") or [],
        "recurring": item.get("recurring") or "",
    }


def _paragraph_for(paragraphs: dict[str, _StoredParagraph], label: str) -> _StoredParagraph | None:
    return paragraphs.get(label) or paragraphs.get(label.split("(")[0])


def _paragraph_id(paragraphs: dict[str, _StoredParagraph], label: str) -> int | None:
    paragraph = _paragraph_for(paragraphs, label)
    return paragraph.pk if paragraph else None


def _store_deliverables(
    resolution: Resolution,
    result: extraction.ExtractionResult,
    mandates: dict[int, Mandate | PlainRow],
    lookups: _Lookups,
    reads: IngestReads,
    stored: _Stored,
    *,
    update: bool,
    may_delete: bool,
) -> None:
    """New deliverables are inserted together (with their history) once dated; those a
    former version stored are updated one by one (their history keeps the assignees)."""
    changes = stored.changes
    source = f"{result.source_name} (extractor {result.extractor_version})"
    old_rows: list[Deliverable] = []
    if update:
        old_rows = list(
            Deliverable.objects.filter(mandate__resolution=resolution)
            .select_related("mandate__actor", "due_session__body", "due_body")
            .order_by("position", "pk")
        )
    stored_values = {d.pk: _row_values(d) for d in old_rows}
    actors = lookups.actors
    # What the previous version read for each row: a person's correction (another kind, a
    # mandate of another actor, a title) is no change of the text.
    read = _readings_before(
        old_rows,
        stored.before.get("deliverables") or [],
        ours=lambda d, item: (
            not d.no_longer_in_text
            and (item.get("paragraph"), item.get("quote"))
            == (stored.paragraphs_before.get(d.mandate_id, d.mandate.paragraph_label), d.quote)
        ),
    )
    # A request renumbered or reworded keeps its row, its calendar identity and what people
    # decided on it: paired by its words, actor and kind as read, not by its paragraph number.
    paired = {
        j: old_rows[i]
        for i, j in pairs_keyed_then_by_words(
            old_rows,
            result.deliverables,
            old_key=lambda d: (
                (_read_actor(read[d.pk], actors), read[d.pk].get("kind"))
                if d.pk in read
                else (_stored_actor(d.mandate, actors), d.kind)
            ),
            new_key=lambda item: (_actor_key(item.actor, item.actor_text, actors), item.kind),
            old_quote=lambda d: d.quote,
            new_quote=lambda item: item.quote,
            same=lambda d, item: (d.mandate.paragraph_label == item.paragraph,),
        )
    }
    # Proposals still waiting for a person, by (deliverable, field): a new version of the
    # text that says the same again adds none, one that says the current value closes them.
    waiting_changes: dict[tuple[int, str], list[ProposedChange]] = defaultdict(list)
    waiting_rows: dict[int, list[ProposedChange]] = defaultdict(list)  # by deliverable
    # what a person settled (accepted or dismissed): not proposed again. One ingest closed
    # (`closed_by_text`: replaced, or the kept value said again) is no one's decision.
    settled_changes: set[tuple[int, str, str]] = set()
    if old_rows:
        changes_stored = ProposedChange.objects.filter(
            deliverable__mandate__resolution=resolution
        ).order_by("pk")
        for change in changes_stored:
            owner = change.deliverable_id
            assert owner is not None  # a deliverable's proposal (filtered so)
            if not change.resolved:
                waiting_changes[(owner, change.field)].append(change)
                waiting_rows[owner].append(change)
            elif not change.closed_by_text:
                settled_changes.add((owner, change.field, change.new_value))
    closed: list[ProposedChange] = []
    read_now = resolution.extraction.get("deliverables") or []  # this version's reading
    created: list[tuple[Deliverable, extraction.Deliverable]] = []
    kept: list[Deliverable] = []
    shown_changed: set[int] = set()  # kept rows whose calendar event the text changed
    # A paragraph's two reports are told apart by title in what the outcome says.
    same_kind = Counter((item.paragraph, item.kind) for item in result.deliverables)
    for position, item in enumerate(result.deliverables):
        due = item.due
        due_session = lookups.session(due.body, due.session) if due and due.body else None
        proposed = {
            "kind": item.kind,
            "count": max(item.count or 1, 1),
            "title": item.title[:500],
            "due_session": due_session,
            "due_relation": (due.relation or "") if due else "",
            "due_body": lookups.body(due.body) if due and due.body else None,
            "due_session_number": due.session if due else None,
            "stated_due_date": due.date if due else None,
            "alternatives": [_due_dict(alt) for alt in item.alternatives],
            "recurring": item.recurring or "",
        }
        reasons = list(item.review_reasons)
        evidence = {
            "quote": item.quote,
            "span_start": item.span[0],
            "span_end": item.span[1],
            "needs_review": item.needs_review,
            "review_reasons": reasons,
        }
        if due and due.body and proposed["due_session"] is None:
            # "at its sixty-first session" of a body without a session calendar (CSW...),
            # "at its next session": kept as read, flagged until a session dates it
            reason = due_session_not_in_calendar_reason(
                body_code=due.body,
                number=due.session,
                relation=due.relation,
                stated_due_date=due.date,
            )
            if reason:
                evidence["needs_review"] = True
                reasons.append(reason)
        elif due_session is not None and due and not due.date:
            # the session had opened, or was too near, when the text was adopted
            reason = due_date_adoption_reason(
                session=due_session,
                kind=item.kind,
                relation=due.relation or "",
                rules=reads.rules().get(due_session.body_id, []),
                adopted_on=resolution.adopted_on,
            )
            if reason:
                evidence["needs_review"] = True
                reasons.append(reason)
        mandate = mandates.get(item.mandate) if item.mandate is not None else None
        if mandate is None:
            mandate = _mandate_for(resolution, item, actors)
        actor_id = mandate.actor_id  # type: ignore[union-attr]  # a PlainRow has it too
        if reasons != (resolved := reasons_resolved(reasons, actor_id=actor_id)):
            reasons[:] = resolved  # its mandate's actor is set: that reason went
            evidence["needs_review"] = evidence["needs_review"] and bool(reasons)
        deliverable = paired.get(position)
        if deliverable is None:
            deliverable = Deliverable(
                mandate_id=mandate.pk, position=position, **proposed, **evidence
            )
            if due_session is not None and due_session.called_off:
                # due at a session cancelled or postponed: a person decides (a stored row
                # was flagged when the session was, `schedule.session_status_changed`)
                deliverable.needs_review = True
                deliverable.review_reasons = [
                    *reasons,
                    due_session_status_reason(session=due_session),
                ]
            created.append((deliverable, item))
            if update:
                changes.append(f"new {item.kind} in para. {item.paragraph}")
            continue
        kept.append(deliverable)
        waiting = _reasons_waiting(deliverable, stored.read_before, reasons)
        # "says otherwise" is said anew below, for the proposals still open after this
        # version: one it closes or replaces takes its words with it.
        had_text_changed = any(r.startswith(TEXT_CHANGED) for r in waiting)
        waiting = [r for r in waiting if not r.startswith(TEXT_CHANGED)]
        if waiting:  # flags nobody has looked at yet stay until someone does
            evidence["needs_review"] = True
            reasons += waiting
        # A flag a person lowered stays down while the text says what they reviewed.
        was_flagged = deliverable.needs_review
        evidence["needs_review"], raised = _flag_as_read(
            deliverable, reasons, flagged=bool(evidence["needs_review"])
        )
        owned = set(deliverable.edited_fields)
        if deliverable.review_status != ReviewStatus.PROPOSED:
            owned |= set(PROPOSED_FIELDS)
        # Only a change of the text is news to the person who owns a value: what this
        # version reads against what the previous one read (unknown: the value kept).
        before = (
            deliverable_as_read(read[deliverable.pk], actors) if deliverable.pk in read else None
        )
        now = deliverable_as_read(read_now[position], actors)
        text_changed: list[str] = []
        closed_before = len(closed)
        implied: dict[str, object] = {}  # what a proposed session carries: its body, number
        # which of the paragraph's deliverables, as people know the row: its kind (a
        # paragraph asks for an oral update and a report), its title if one kind is twice
        label = f"para. {item.paragraph} {deliverable.kind}"
        if same_kind[(item.paragraph, item.kind)] > 1 and deliverable.title:
            label += f" “{_shortened(deliverable.title, OUTCOME_TITLE_LENGTH)}”"
        for name, value in proposed.items():
            current = getattr(deliverable, name)
            pending = waiting_changes.get((deliverable.pk, name), [])
            if current == value:
                closed += pending  # the text says the value kept again
                continue
            if before is not None and before[name] == now[name]:
                if name in owned:
                    continue  # the text says what it said: the person's value stands
                if name == "title":
                    continue  # the same title under the actor's former name: no news
            if name in owned:
                shown = value_shown(value)
                if name in implied and implied[name] == value:
                    closed += pending  # one proposal for one change: the session's
                    continue
                implied = session_carries(value) or implied
                if any(change.new_value == shown for change in pending):
                    continue  # proposed by an earlier version, still waiting
                if (deliverable.pk, name, shown) in settled_changes:
                    closed += pending  # a person dismissed this very value: it stays so
                    continue
                closed += pending  # what an earlier version proposed, this one replaces
                _propose(deliverable, name, current, value, source)
                text_changed.append(
                    _text_changed_part(deliverable_field_label(name), shown, value_shown(current))
                )
                changes.append(
                    f"{label} {deliverable_field_label(name)}: kept the person's"
                    f" value, proposed {shown}"
                )
            else:
                changes.append(
                    f"{label} {deliverable_field_label(name)}:"
                    f" {value_shown(current)} -> {value_shown(value)}"
                )
                setattr(deliverable, name, value)
                if name in CALENDAR_SHOWN_FIELDS:
                    shown_changed.add(deliverable.pk)
        for name, value in evidence.items():
            setattr(deliverable, name, value)
        closed_here = {change.pk for change in closed[closed_before:]}
        still_open = [
            _text_changed_part(change.field_label, change.new_value, change.old_value)
            for change in waiting_rows.get(deliverable.pk, [])
            if change.pk not in closed_here and change.field in proposed
        ]
        if text_changed or (had_text_changed and still_open):
            # the text no longer says what a person decided: they must know (what it says
            # now, each proposal still open once, none that this version closed)
            deliverable.needs_review = True
            deliverable.review_reasons = [
                *deliverable.review_reasons,
                TEXT_CHANGED + "; ".join(still_open + text_changed),
            ]
        if raised:
            changes.append(
                f"para. {item.paragraph} {item.kind}: flagged for review: {'; '.join(raised)}"
            )
        elif was_flagged and not deliverable.needs_review:
            changes.append(f"para. {item.paragraph} {item.kind}: no longer flagged for review")
        if deliverable.no_longer_in_text:  # the paragraph is back
            deliverable.no_longer_in_text = False
            shown_changed.add(deliverable.pk)  # its people's calendars show it (summary)
            closed += waiting_changes.get((deliverable.pk, "no_longer_in_text"), [])
            changes.append(f"para. {item.paragraph} {item.kind}: back in the text")
        deliverable.mandate_id = mandate.pk
        deliverable.position = position
    new_rows = [deliverable for deliverable, _ in created]
    deliverables_due_dates_compute(
        deliverables=new_rows + kept,
        adopted_on=resolution.adopted_on,
        rules_get=reads.rules,
        historic_cutoff=lambda: reads.policy().historic_after_days_overdue,
    )
    sequence_at = _ROW_FIELDS.index("sequence")
    for deliverable in kept:
        # A title or kind the text changed is a change calendars show, like a new date
        # (which raised SEQUENCE already): once.
        if (
            deliverable.pk in shown_changed
            and deliverable.sequence == stored_values[deliverable.pk][sequence_at]
        ):
            deliverable.sequence += 1
    # An old resolution: what was due long ago is history, not a reminder.
    deliverables_historic_mark(deliverables=new_rows, policy_get=reads.policy)
    _predecessors_set(resolution, created, reads)
    _bulk_create(Deliverable, new_rows)
    for deliverable in kept:
        # Only a row the new version changes is written: an unchanged one keeps its
        # updated_at, so a page a person opened on it is not refused as out of date.
        if _row_values(deliverable) != stored_values[deliverable.pk]:
            deliverable._change_reason = stored.history_reason
            deliverable.save()
            del deliverable._change_reason
    if closed:
        ProposedChange.objects.filter(pk__in=[change.pk for change in closed]).update(
            resolved=True, closed_by_text=True
        )
    kept_pks = {deliverable.pk for deliverable in kept}
    flagged = []
    removed = 0
    for deliverable in old_rows:
        if deliverable.pk in kept_pks:
            continue
        label = f"para. {deliverable.mandate.paragraph_label} {deliverable.kind}"
        if may_delete and not deliverable_touched_by_a_person(deliverable):
            changes.append(f"{label} no longer in the text: removed")
            deliverable.delete()
            removed += 1
        elif not deliverable.no_longer_in_text and (
            "no_longer_in_text" not in deliverable.edited_fields  # a person kept it as owed
        ):
            _propose(
                deliverable, "no_longer_in_text", "in the text", "no longer in the text", source
            )
            deliverable.no_longer_in_text = True
            deliverable.needs_review = True
            deliverable.review_reasons = [*deliverable.review_reasons, NO_LONGER_IN_TEXT]
            deliverable.sequence += 1  # its people's calendars show it (feeds' summary)
            deliverable.save(
                update_fields=[
                    "no_longer_in_text",
                    "needs_review",
                    "review_reasons",
                    "sequence",
                    "updated_at",
                ]
            )
            flagged.append(deliverable.pk)
            changes.append(f"{label}: no longer in the text, kept and flagged for review")
    stored.deliverable_ids += [d.pk for d in new_rows] + sorted(kept_pks) + flagged
    stored.deliverables = len(new_rows) + len(old_rows) - removed


_ROW_FIELDS = tuple(
    f.attname for f in Deliverable._meta.concrete_fields if f.attname != "updated_at"
)


def _row_values(deliverable: Deliverable) -> tuple:
    """What a deliverable's row holds, to tell whether a new version changed it."""
    return tuple(getattr(deliverable, name) for name in _ROW_FIELDS)


def _text_changed_part(label: str, new: str, kept: str) -> str:
    """One proposal in the "says otherwise" reason: "due session HRC 67 (kept HRC 66)"."""
    return proposed_change_text(label=label, new=new, kept=kept)


def _reasons_waiting(
    deliverable: Deliverable, read_before: set[str], reasons: list[str]
) -> list[str]:
    """Review reasons of a stored deliverable that did not come from reading the text (the
    words changed since its draft, a noted report that may fulfil it...) while nobody has
    reviewed it: a new version of the text must not clear them."""
    if not deliverable.needs_review:
        return []
    read = set(read_before)
    if deliverable.due_body is not None:
        read.add(
            due_session_not_in_calendar_reason(
                body_code=deliverable.due_body.code,
                number=deliverable.due_session_number,
                relation=deliverable.due_relation,
                stated_due_date=deliverable.stated_due_date,
            )
        )
    return [r for r in deliverable.review_reasons if r not in read and r not in reasons]


def _flag_as_read(
    row: Mandate | Deliverable | Consideration, reasons: list[str], *, flagged: bool
) -> tuple[bool, list[str]]:
    """Whether a stored row a new reading keeps needs review (``flagged``: the reading's
    flag), and the reasons that raise its flag. A row flagged now keeps the reading's
    flag. One whose flag is down (a person reviewed it, or nothing was unclear) is flagged
    only for a reason it never had while down: the text reads the item otherwise (a new
    ambiguity, another set of readings), not the same text read again."""
    if row.needs_review:
        return flagged, []
    raised = reasons_unreviewed(row, [r for r in reasons if r not in row.review_reasons])
    return bool(raised), raised


def _mandate_for(
    resolution: Resolution, item: extraction.Deliverable, actors: ActorNames
) -> Mandate:
    """A deliverable the extractor did not attach to a mandate still needs one."""
    mandate = Mandate(
        resolution=resolution,
        paragraph_label=item.paragraph,
        verb=item.verb[:100],
        actor=actors.named(item.actor),
        actor_text=(item.actor_text or item.actor)[:500],
        actor_name=_actor_name(item, actors),
        quote=item.quote,
        span_start=item.span[0],
        span_end=item.span[1],
    )
    save_with_history(mandate, force_insert=True)
    return mandate


def _due_dict(due: extraction.Due) -> dict:
    return {
        "body": due.body,
        "session": due.session,
        "relation": due.relation,
        "date": due.date.isoformat() if due.date else None,
    }


#: The characters of a title an import's outcome quotes to tell two deliverables apart.
OUTCOME_TITLE_LENGTH = 40


def _shortened(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "\u2026"


def value_shown(value: object) -> str:
    """A value as a proposed change (ingest's, a draft's carried over) and a change
    printed show it: "-" for none, other readings as "HRC 66 (at)"."""
    if value in (None, "", []):
        return "-"
    if isinstance(value, list) and all(isinstance(item, dict) for item in value):
        return ", ".join(  # alternatives: "HRC 66 (at)"
            " ".join(str(item[k]) for k in ("body", "session") if item.get(k) is not None)
            + (f" ({item['relation']})" if item.get("relation") else "")
            for item in value
        )
    return str(value)


def session_carries(value: object) -> dict[str, object]:
    """What a proposed session carries: its body and number, proposed with it rather than
    apart (one proposal for one change of the text; accepting it sets them). Ingest and
    a draft's carry-over (drafts.py) both call it on each proposed value in
    `PROPOSED_FIELDS` order, which puts the session before its body and number."""
    if isinstance(value, Session):
        return {"due_body": value.body, "due_session_number": value.number}
    return {}


def _propose(deliverable: Deliverable, name: str, old: object, new: object, source: str) -> None:
    ProposedChange.objects.create(
        deliverable=deliverable,
        field=name,
        old_value=value_shown(old),
        new_value=value_shown(new),
        source=source,
    )


def _predecessors_set(
    resolution: Resolution,
    created: list[tuple[Deliverable, extraction.Deliverable]],
    reads: IngestReads,
) -> None:
    """A renewed request ("reiterates its request", the same series) continues an earlier
    one: the latest earlier deliverable of the same title, body, actor and kind (one query
    for the whole file, none when no other resolution has the title)."""
    if not resolution.title or not created or not reads.series_possible(resolution):
        return
    earlier = (
        Deliverable.objects.filter(
            mandate__resolution__title=resolution.title,
            mandate__resolution__body=resolution.body,
            mandate__actor__name__in={item.actor for _, item in created},
            kind__in={item.kind for _, item in created},
        )
        .exclude(mandate__resolution=resolution)
        .order_by("-mandate__resolution__adopted_on", "-pk")
    )
    if resolution.adopted_on:
        earlier = earlier.filter(mandate__resolution__adopted_on__lt=resolution.adopted_on)
    latest: dict[tuple[str, str], int] = {}
    for pk, actor, kind in earlier.values_list("pk", "mandate__actor__name", "kind"):
        latest.setdefault((actor, kind), pk)
    for deliverable, item in created:
        deliverable.predecessor_id = latest.get((item.actor, item.kind))


FULFILLING_KINDS = (
    Deliverable.Kind.REPORT,
    Deliverable.Kind.STUDY,
    Deliverable.Kind.COMPILATION,
)


def _propose_fulfilments(resolution: Resolution, result: extraction.ExtractionResult) -> list[str]:
    """ "Takes note of the report of the High Commissioner (A/HRC/59/36)": propose, never
    set, that the report fulfils an earlier deliverable, and only with evidence: due at the
    session the symbol names, asked of an actor the paragraph names, in the same series
    (same title, a deliverable this text renews, or a resolution this text cites)."""
    changes: list[str] = []
    paragraphs: dict[str, str] = {}  # the operative paragraphs' words by number, as stored
    for operative in result.operative:
        paragraphs[operative.number] = operative.text
        for sub in operative.subparagraphs:
            paragraphs[f"{operative.number}({sub.label})"] = sub.text
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
    resolution: Resolution,
    result: extraction.ExtractionResult,
    paragraphs: dict[str, _StoredParagraph],
    lookups: _Lookups,
    *,
    update: bool,
    may_delete: bool,
) -> list[str]:
    """ "Decides to continue its consideration ... at its Nth session": stored and flagged
    like a deadline. A consideration a person reviewed is kept; a different reading in a new
    version flags it for review instead of overwriting it."""
    found = result.consideration
    existing = resolution.considerations.first() if update else None
    if found is None:
        if existing is None:
            return []
        if may_delete and existing.review_status == ReviewStatus.PROPOSED:
            existing.delete()
            return ["consideration no longer in the text: removed"]
        _flag(existing, NO_LONGER_IN_TEXT)
        return ["consideration no longer in the text: kept and flagged for review"]
    body = lookups.body(found.body)
    session = lookups.session(found.body, found.session)
    reasons = []
    if found.alternatives:
        readings = ", ".join(f"{found.body} {n}" for n in [found.session, *found.alternatives])
        reasons.append(f"the text can be read as more than one session: {readings}")
    elif found.needs_review:
        reasons.append("the session could not be read with confidence")
    # The text's session cancelled or postponed: a person decides, as when it is called
    # off after the text was read (`schedule.session_status_changed`); a session a person
    # reviewed is theirs, flagged when it was called off.
    called_off = ""
    if session is not None and (
        existing is None or existing.review_status == ReviewStatus.PROPOSED
    ):
        called_off = consideration_session_status_reason(session=session)
    if called_off:
        reasons.append(called_off)
    paragraph = _paragraph_for(paragraphs, found.paragraph) if found.paragraph else None
    quote = paragraph.text if paragraph else ""
    values = {
        "paragraph_id": paragraph.pk if paragraph else None,
        "paragraph_label": found.paragraph or "",
        "body": body,
        "session": session,
        "alternatives": list(found.alternatives),
        "quote": quote,
        "needs_review": bool(found.needs_review or found.alternatives or called_off),
        "review_reasons": reasons,
    }
    if existing is None:
        save_with_history(Consideration(resolution=resolution, **values), force_insert=True)
        return []
    # A flag a person lowered stays down while the text says what they reviewed.
    flagged, raised = _flag_as_read(existing, reasons, flagged=bool(values["needs_review"]))
    changes = [f"consideration: flagged for review: {'; '.join(raised)}"] if raised else []
    if existing.review_status == ReviewStatus.PROPOSED:
        if existing.needs_review and not flagged:
            changes.append("consideration: no longer flagged for review")
        values["needs_review"] = flagged
        for name, value in values.items():
            setattr(existing, name, value)
        existing.save()
        return changes
    existing.paragraph_id = paragraph.pk if paragraph else None
    existing.quote = quote
    existing.save(update_fields=["paragraph", "quote", "updated_at"])
    for reason in raised:  # a new ambiguity: the person's session is kept
        _flag(existing, reason)
    if (existing.body_id, existing.session_id) != (body.pk, session.pk if session else None):
        _flag(existing, f"a new version of the text reads {body.code} {found.session}")
        changes.append(
            f"consideration: kept the person's session, the new text reads {found.session}"
        )
    return changes


def _flag(item: Consideration, reason: str) -> None:
    if reason not in item.review_reasons:
        item.needs_review = True
        item.review_reasons = [*item.review_reasons, reason]
        item.save(update_fields=["needs_review", "review_reasons", "updated_at"])


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
