"""The original resolution files (`Resolution.source_file`) kept in MEDIA_ROOT.

Ingest writes a file before the transaction that stores the row naming it, so the row is
written once, with the name the storage gave; a file is therefore never missing for a
committed row. What was written for rows that are not stored is removed again:

- a transaction that fails (an error, a chunk undone, Ctrl-C) removes the files it wrote
  (`source_files_removed_on_failure`), each only once the database says no resolution
  names it: a row committed after all (the connection lost during COMMIT) keeps its file;
- the file a new version replaces is removed once the new version commits
  (`source_file_remove_on_commit`), never while it can still be undone.

A stored file read again by a newer extractor (`ingest --stored`) is read where it is
(`source_file_read`) and stays there: the row keeps naming it. One that is missing
(`source_file_missing`, `OriginalMissing`: removed by hand, a database restored without
its media) is not read: `status` names it, whatever extractor read its resolution (a
backup problem), and ingesting the same file again writes it back
(`source_file_restore`); another text of it is stored anew as a new version.

A process killed (kill -9) or a caller's own transaction rolled back after ingest returned
runs none of this: `source_files_report` finds the files that no resolution, nor the
history of a deleted one (its file is kept), names, which `manage.py status` reports and
`status --remove-orphaned-files` removes. A replaced file whose removal failed, or whose
process died right after COMMIT, is named only by its live resolution's older history: an
orphan too.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path

from django.core.files.base import ContentFile, File
from django.core.files.storage import Storage
from django.db import models, transaction
from django.db.models import Exists, FileField, OuterRef
from django.utils import timezone

from mandates import extraction
from mandates.models import Resolution

logger = logging.getLogger(__name__)

# A file no resolution names is an orphan only when older than this: younger, an import
# may be storing its row right now (a chunk's transaction lasts seconds).
ORPHAN_MIN_AGE = timedelta(hours=1)


def _field() -> FileField:
    field = Resolution._meta.get_field("source_file")
    assert isinstance(field, FileField)
    return field


def _storage() -> Storage:
    return _field().storage


def source_file_store(name: str, data: bytes) -> str:
    """Write the original file where `Resolution.source_file` keeps it; returns its name."""
    field = _field()
    path = field.generate_filename(None, Path(name).name)
    return field.storage.save(path, ContentFile(data), max_length=field.max_length)


def source_file_size(name: str) -> int:
    """The size of a stored original file (OSError when it is not there)."""
    return _storage().size(name)


def source_file_missing(name: str) -> bool:
    """Whether a resolution's original file is not there: none was stored (""), or it is
    gone from the storage (removed by hand, a database restored without its media). A file
    there that cannot be read (permissions) is not missing: reading it says why."""
    if not name:
        return True
    try:
        _storage().size(name)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return False


def source_file_restore(name: str, data: bytes) -> bool:
    """Write a resolution's missing original back under the very name its row keeps (the
    caller checked that `data` are the bytes stored: the same checksum), so the row and
    its links are right again without changing it. False when a file is there already
    (put back meanwhile): that one is kept. OSError when the storage refuses."""
    storage = _storage()
    saved = storage.save(name, ContentFile(data), max_length=_field().max_length)
    if saved != name:  # the storage chose another name: one is there now
        storage.delete(saved)
        return False
    return True


def source_file_open(name: str) -> File:
    """A stored original file opened for reading, for the admin to hand out (OSError,
    FileNotFoundError when it is missing)."""
    return _storage().open(name, "rb")


def source_file_read(name: str) -> bytes:
    """The bytes of a stored original file, left where it is (OSError when it is not
    there): ingest reading it again (`BatchFile.stored`)."""
    with _storage().open(name, "rb") as handle:
        return handle.read()


def source_files_unnamed_remove(names: Iterable[str]) -> list[str]:
    """Remove those of these files that no resolution names (asked of the database just
    before: a row committed meanwhile keeps its file); returns the names removed. Never
    raises: a file that cannot be checked or removed stays (and is logged), for
    `status --remove-orphaned-files` to find."""
    wanted = sorted({name for name in names if name})
    if not wanted:
        return []
    try:
        named = {
            name
            for start in range(0, len(wanted), 500)  # SQLite's limit of parameters a query
            for name in Resolution.objects.filter(
                source_file__in=wanted[start : start + 500]
            ).values_list("source_file", flat=True)
        }
    except Exception:
        logger.warning(
            "could not ask which of %s original file(s) a resolution names: kept",
            len(wanted),
            exc_info=True,
        )
        return []
    removed = []
    for name in wanted:
        if name in named:
            continue
        try:
            _storage().delete(name)
        except Exception:
            logger.warning("could not remove the original file %s", name, exc_info=True)
        else:
            removed.append(name)
    return removed


@contextmanager
def source_files_removed_on_failure(names: list[str]) -> Iterator[None]:
    """Around a transaction that stores rows naming the files in ``names`` (which it may
    append to): if it fails, whatever the error (Ctrl-C and SystemExit included), the
    files no resolution names are removed once it is undone, and the error goes on."""
    try:
        yield
    except BaseException:
        source_files_unnamed_remove(names)
        raise


def source_file_remove_on_commit(name: str) -> None:
    """Remove a file a new version replaced once the current transaction commits; undone
    with it, the row still names the file, which stays."""
    transaction.on_commit(partial(source_files_unnamed_remove, [name]), robust=True)


# Where a person gives a missing original again.
UPLOAD_AGAIN = "Import resolutions in the admin, or `manage.py ingest FILE`"


@dataclass(frozen=True)
class OriginalMissing:
    """A stored resolution whose original file is missing: none was stored with it, or the
    file is gone from the media folder. It cannot be read again (by `ingest --stored` or
    the admin's "Read again"); ingesting the same file again writes it back."""

    symbol: str
    file: str  # its name in storage; "" when none was stored

    @property
    def where(self) -> str:
        return self.file or "no file stored"

    @property
    def reason(self) -> str:
        """What `ingest --stored` and the admin's "Read again" say about it."""
        gone = (
            f"{self.file} is not in the media folder (MEDIA_ROOT)"
            if self.file
            else "no file was stored with it"
        )
        return (
            f"original missing: {gone}; not read again. Upload the file again ({UPLOAD_AGAIN}) "
            f"to read it with extractor {extraction.EXTRACTOR_VERSION}"
        )


# --- What the storage holds: files no resolution names (kill -9), originals missing --------


@dataclass(frozen=True)
class StoredFile:
    name: str
    size: int
    written: datetime


@dataclass
class SourceFilesReport:
    """The original files in the storage: how many, how many only a deleted resolution's
    history names, and those nothing names, split into orphans (older than
    ORPHAN_MIN_AGE) and recent ones an import may be storing; and the resolutions whose
    original is missing (in the order they were stored): `lost`, those whose row names a
    file the storage no longer has, and `none_stored`, those stored without one."""

    stored: int = 0
    of_deleted: int = 0
    orphaned: list[StoredFile] = field(default_factory=list)
    recent: list[StoredFile] = field(default_factory=list)
    lost: list[OriginalMissing] = field(default_factory=list)
    none_stored: list[OriginalMissing] = field(default_factory=list)


def _stored_names(storage: Storage, folder: str) -> Iterator[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # nothing was ever stored
        return
    for name in sorted(files):
        yield f"{folder}/{name}"
    for name in sorted(folders):
        yield from _stored_names(storage, f"{folder}/{name}")


def _named(rows: models.QuerySet) -> set[str]:
    rows = rows.exclude(source_file="")
    return set(rows.values_list("source_file", flat=True).distinct())


def _named_by_deleted() -> set[str]:
    """The files the history of a deleted resolution names (its id has no live row): not
    those of a live resolution's older versions, which a new version replaced."""
    history = Resolution.history.model._default_manager
    return _named(history.exclude(Exists(Resolution.objects.filter(pk=OuterRef("id")))))


def source_files_report(*, now: datetime | None = None) -> SourceFilesReport:
    """The files under the original files' folder (`upload_to`; nothing else in MEDIA_ROOT
    is looked at) that no resolution names, nor a deleted resolution's history: a failed
    or killed import's, or a replaced version's left behind. A file only a deleted
    resolution's history names is kept (deleting a resolution keeps its original).

    And every resolution whose original is missing, whatever extractor read it: the folder
    is listed once and each row's file looked up in that list, so only a file the list
    lacks costs a look-up of its own (written since, or outside the folder). OSError when
    the folder cannot be listed."""
    storage = _storage()
    folder = str(_field().upload_to).split("/")[0]
    names = list(_stored_names(storage, folder))
    rows = list(Resolution.objects.order_by("pk").values_list("symbol", "source_file"))
    named = {file for _, file in rows if file}
    listed = set(names)
    report = SourceFilesReport(stored=len(names))
    for symbol, file in rows:
        if not file:
            report.none_stored.append(OriginalMissing(symbol, file))
        elif file not in listed and source_file_missing(file):
            report.lost.append(OriginalMissing(symbol, file))
    of_deleted = _named_by_deleted()
    cutoff = (now or timezone.now()) - ORPHAN_MIN_AGE
    for name in names:
        if name in named:
            continue
        if name in of_deleted:
            report.of_deleted += 1
            continue
        try:
            stored = StoredFile(name, storage.size(name), storage.get_modified_time(name))
        except FileNotFoundError:  # removed meanwhile
            continue
        (report.orphaned if stored.written < cutoff else report.recent).append(stored)
    return report
