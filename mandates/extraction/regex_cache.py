"""Compiled regular expressions kept between runs, so that start-up skips the regex compiler.

``manage.py extract FILE`` is a fresh process each time, and compiling the extractor's
~300 patterns (parsing and code generation in Python's ``re._parser`` and ``re._compiler``)
was half of its CPU time. :func:`compiled` is ``re.compile`` for patterns written in the
code: the program ``re`` generates for a pattern is kept in a file beside the user's other
caches, and a later process builds the pattern object from it with ``_sre.compile``, the
C call ``re.compile`` ends with. The result is the same pattern object (same code, flags
and groups; ``Pattern.__eq__`` compares the code, and a test compares every pattern).

The file holds, for each (pattern source, flags), what ``re._compiler.compile`` passes to
``_sre.compile``. It is read once, on the first :func:`compiled`, and only when it was
written by the same Python (version, ``_sre.MAGIC``, code size, byte order); anything unexpected in it
(unreadable, wrong version, a program ``_sre`` refuses) is ignored and the pattern
compiled as usual. :func:`remembered` keeps strings worked out from patterns the same way
(the guards' lookaheads: working them out parses each guarded pattern). :func:`save`
writes the file (atomically) when this process compiled a pattern or worked out a string
the file did not hold: the command line calls it after its work.

``MANDATES_PATTERN_CACHE`` sets the file, or turns the cache off when empty or ``off``;
by default ``$XDG_CACHE_HOME/mandate-tracker/`` (``~/.cache/mandate-tracker/``).
Only for patterns fixed in the code: a pattern built from input would grow the file.
"""

from __future__ import annotations

import array
import importlib
import marshal
import os
import re
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, AnyStr

_sre: Any = importlib.import_module("_sre")
_parser: Any = importlib.import_module("re._parser")
_compiler: Any = importlib.import_module("re._compiler")

#: Entries written beyond those this process used (patterns of other checkouts or older
#: versions); past it the file keeps only this process's.
_MOST_ENTRIES = 1500

#: What ``_sre.compile`` takes besides the source: flags, code (array "I" bytes), the
#: number of groups less one, name -> group, group -> name.
_Program = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
#: The file's entries: (source, flags) -> _Program, and the keys of :func:`remembered`
#: (which begin with a name) -> str.
_Entries = dict[tuple, Any]


def _tag() -> tuple:
    """What the programs depend on besides the source: a file from another Python is stale."""
    return (sys.version, _sre.MAGIC, _sre.CODESIZE, array.array("I").itemsize, sys.byteorder)


class _Cache:
    def __init__(self) -> None:
        self.path: Path | None = None
        self.stored: _Entries = {}
        self.used: _Entries = {}
        self.missed = False
        self.loaded = False

    def load(self) -> None:
        self.loaded = True
        self.path = cache_path()
        if self.path is None or array.array("I").itemsize != _sre.CODESIZE:
            self.path = None
            return
        try:
            tag, stored = marshal.loads(self.path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return
        if tag == _tag() and isinstance(stored, dict):
            self.stored = stored


_CACHE = _Cache()


def cache_path() -> Path | None:
    """The cache file (``MANDATES_PATTERN_CACHE``, else under the user's cache folder),
    or None when the cache is off."""
    setting = os.environ.get("MANDATES_PATTERN_CACHE")
    if setting is not None:
        return None if setting.strip().lower() in ("", "off", "0") else Path(setting)
    home = os.path.expanduser("~")
    if not os.environ.get("XDG_CACHE_HOME") and home == "~":  # no home folder: no cache
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(home, ".cache")
    tag = sys.implementation.cache_tag or "python"
    return Path(base) / "mandate-tracker" / f"patterns.{tag}.marshal"


def _program(pattern: str | bytes, flags: int) -> _Program:
    """What ``re._compiler.compile`` passes to ``_sre.compile`` for ``pattern``."""
    parsed = _parser.parse(pattern, flags)
    code = array.array("I", _compiler._code(parsed, flags)).tobytes()
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def _build(pattern: AnyStr, program: _Program) -> re.Pattern[AnyStr]:
    flags, code, groups, groupindex, indexgroup = program
    return _sre.compile(
        pattern, flags, array.array("I", code).tolist(), groups, groupindex, indexgroup
    )


def compiled(pattern: AnyStr, flags: int | re.RegexFlag = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, from the program kept by an earlier run when there
    is one (for patterns fixed in the code)."""
    if not _CACHE.loaded:
        _CACHE.load()
    if _CACHE.path is None:
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    program = _CACHE.stored.get(key)
    if isinstance(program, tuple):
        try:
            found = _build(pattern, program)
        except Exception:  # a program _sre refuses (the file was damaged): compile anew
            pass
        else:
            _CACHE.used[key] = program
            return found
    try:
        program = _program(pattern, int(flags))
        found = _build(pattern, program)
    except Exception:  # an error in the pattern: let re.compile say it the usual way
        return re.compile(pattern, flags)
    _CACHE.used[key] = program
    _CACHE.missed = True
    return found


def remembered(key: tuple, compute: Callable[[], str]) -> str:
    """``compute()``, kept in the cache file under ``key`` (a tuple of str and int opening
    with a name): for strings worked out from patterns at import, such as the guards'
    lookaheads. ``key`` names everything the result depends on, the code that computes it
    included (a digest of its module), except the Python version, which the file holds."""
    if not _CACHE.loaded:
        _CACHE.load()
    if _CACHE.path is None:
        return compute()
    value = _CACHE.stored.get(key)
    if not isinstance(value, str):
        value = compute()
        _CACHE.missed = True
    _CACHE.used[key] = value
    return value


def source_digest(path: str) -> int | None:
    """A checksum of a module's source, for the keys of :func:`remembered` (CRC-32: it
    finds any edit, and hashlib costs 10 ms more to import); None when it cannot be read."""
    try:
        return zlib.crc32(Path(path).read_bytes())
    except OSError:
        return None


def save() -> None:
    """Write the cache file when this process compiled a pattern it did not hold (never
    raises: a read-only home only means the next run compiles again)."""
    if not _CACHE.missed or _CACHE.path is None:
        return
    entries = {**_CACHE.stored, **_CACHE.used}
    if len(entries) > len(_CACHE.used) + _MOST_ENTRIES:
        entries = dict(_CACHE.used)
    try:
        data = marshal.dumps((_tag(), entries))
        _CACHE.path.parent.mkdir(parents=True, exist_ok=True)
        import tempfile  # only when writing: its imports cost 5 ms of every start-up

        handle, temporary = tempfile.mkstemp(dir=_CACHE.path.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, _CACHE.path)
        except BaseException:
            os.unlink(temporary)
            raise
    except (OSError, ValueError):
        return
    _CACHE.stored, _CACHE.missed = entries, False


__all__ = ["cache_path", "compiled", "remembered", "save", "source_digest"]
