"""The cache of compiled patterns: what it builds is what re.compile builds, and a bad or
foreign file only costs a compile."""

import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from mandates.extraction import actors, clauses, factoring, gates, guards, regex_cache
from tests.extraction import samples
from tests.shared_data import shared_path

ROOT = Path(__file__).resolve().parents[2]

#: Sources with what makes the compiler's output differ: named groups, flags set inside,
#: case-insensitive classes, Unicode classes beyond 256, lookarounds, bytes.
MADE = [
    (r"(?P<verb>requests?|invites?)\s+the\s+(?P<actor>[A-Z]\w+)", re.IGNORECASE),
    (r"(?i:sixty)[\s\-\u2010\u2013]{0,3}(?-i:Fifth)\b", 0),
    (r"^\s*(\d{1,3})\.(?=\s)|[\u3000\u2028\xa0]+$", re.MULTILINE),
    (r"(?<![.;:])\b[A-Z][\w-]*\s+(?:of|for)\s+(?!the\b)", 0),
    (rb"\[\^|<sup>|\n#", 0),
]


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A fresh, empty cache in a temporary file (the suite runs with the cache off)."""
    path = tmp_path / "patterns.marshal"
    monkeypatch.setenv("MANDATES_PATTERN_CACHE", str(path))
    monkeypatch.setattr(regex_cache, "_CACHE", regex_cache._Cache())
    return path


def _fresh(monkeypatch):
    """A new process's view of the cache: nothing loaded yet."""
    monkeypatch.setattr(regex_cache, "_CACHE", regex_cache._Cache())


def _same(found, pattern, flags):
    expected = re.compile(pattern, flags)
    assert found == expected  # Pattern.__eq__ compares flags, source and the code itself
    assert (found.flags, found.groups, found.groupindex) == (
        expected.flags,
        expected.groups,
        expected.groupindex,
    )


def test_compiled_and_rebuilt_patterns_equal_re_compile(cache, monkeypatch):
    """A pattern compiled into the cache, and built from the saved file by a later
    process, is the pattern re.compile makes: same code, flags and groups."""
    for pattern, flags in MADE:
        _same(regex_cache.compiled(pattern, flags), pattern, flags)
    regex_cache.save()
    assert cache.exists()
    _fresh(monkeypatch)
    for pattern, flags in MADE:
        _same(regex_cache.compiled(pattern, flags), pattern, flags)
    assert not regex_cache._CACHE.missed  # every one came from the file


def test_a_saved_pattern_matches_as_before(cache, monkeypatch):
    """A pattern built from the file finds the same matches and groups."""
    pattern, flags = MADE[0]
    regex_cache.compiled(pattern, flags)
    regex_cache.save()
    _fresh(monkeypatch)
    text = "Also Requests the Secretary-General and INVITES the Council"
    found = [m.groupdict() for m in regex_cache.compiled(pattern, flags).finditer(text)]
    assert found == [m.groupdict() for m in re.compile(pattern, flags).finditer(text)]
    assert found[1] == {"verb": "INVITES", "actor": "Council"}


@pytest.mark.parametrize(
    "content",
    [b"", b"not marshal at all", marshal.dumps(("another python", {})), marshal.dumps([1, 2])],
)
def test_a_damaged_or_foreign_file_is_ignored(cache, monkeypatch, content):
    """A file that cannot be read, or was written by another Python, is ignored: the
    pattern is compiled as usual and the file written anew."""
    cache.write_bytes(content)
    pattern, flags = MADE[1]
    _same(regex_cache.compiled(pattern, flags), pattern, flags)
    assert regex_cache._CACHE.missed
    regex_cache.save()
    _fresh(monkeypatch)
    _same(regex_cache.compiled(pattern, flags), pattern, flags)
    assert not regex_cache._CACHE.missed


def test_a_program_the_engine_refuses_is_compiled_anew(cache, monkeypatch):
    """A damaged program in the file (which _sre.compile rejects) costs a compile, not a
    wrong pattern."""
    pattern, flags = MADE[0]
    regex_cache.compiled(pattern, flags)
    regex_cache.save()
    tag, entries = marshal.loads(cache.read_bytes())
    key = (pattern, int(flags))
    final, code, groups, index, names = entries[key]
    entries[key] = (final, b"\xff\xff\xff\x7f" * (len(code) // 4), groups, index, names)
    cache.write_bytes(marshal.dumps((tag, entries)))
    _fresh(monkeypatch)
    _same(regex_cache.compiled(pattern, flags), pattern, flags)
    assert regex_cache._CACHE.missed


def test_a_bad_pattern_raises_as_re_compile_does(cache):
    """An invalid pattern raises re.error, with nothing kept for it."""
    with pytest.raises(re.error, match="missing \\)"):
        regex_cache.compiled(r"(?:unclosed", 0)
    assert not regex_cache._CACHE.missed


@pytest.mark.parametrize("setting", ["", "off", "0"])
def test_off_compiles_without_a_file(tmp_path, monkeypatch, setting):
    """MANDATES_PATTERN_CACHE empty or "off": plain re.compile, nothing written."""
    monkeypatch.setenv("MANDATES_PATTERN_CACHE", setting)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    _fresh(monkeypatch)
    pattern, flags = MADE[0]
    assert regex_cache.compiled(pattern, flags) is re.compile(pattern, flags)
    regex_cache.save()
    assert list(tmp_path.iterdir()) == []


def test_default_file_is_in_the_user_cache_folder(tmp_path, monkeypatch):
    """Without the setting the file goes under $XDG_CACHE_HOME, one per Python."""
    monkeypatch.delenv("MANDATES_PATTERN_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = regex_cache.cache_path()
    assert path is not None and path.parent == tmp_path / "mandate-tracker"
    assert sys.implementation.cache_tag in path.name


def test_unwritable_folder_is_not_an_error(tmp_path, monkeypatch):
    """A cache file that cannot be written only means the next run compiles again."""
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("MANDATES_PATTERN_CACHE", str(blocker / "patterns.marshal"))
    _fresh(monkeypatch)
    regex_cache.compiled(*MADE[0])
    regex_cache.save()  # no exception
    assert regex_cache._CACHE.missed


def _extract(path: Path, cache: str) -> str:
    env = {**os.environ, "MANDATES_PATTERN_CACHE": cache, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "mandates.extraction.cli", str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_the_extractor_prints_the_same_with_and_without_the_file(tmp_path):
    """`extract` fills the cache on its first run and prints the same from it; every
    pattern it keeps equals re.compile's."""
    cache = tmp_path / "patterns.marshal"
    resolution = shared_path("corpus", "hrc")
    paths = [sorted(resolution.glob("*.txt"))[0], tmp_path / "ga.txt"]
    paths[1].write_text(samples.GA, encoding="utf-8")
    for path in paths:
        plain = _extract(path, "off")
        assert _extract(path, str(cache)) == plain  # compiles, then writes the file
        assert _extract(path, str(cache)) == plain  # built from the file
    tag, entries = marshal.loads(cache.read_bytes())
    assert tag == regex_cache._tag() and len(entries) > 200
    kept = {"guard": 0, "actors": 0, "gate": 0, "pattern": 0}
    for key, value in entries.items():
        if key[0] == "guard":  # the lookahead of a guarded pattern, worked out again
            _, digest, pattern, flags, length = key
            assert digest == guards._DIGEST and value == guards._guard(pattern, flags, length)
        elif key[0] == "lower_guard":  # the same for the lower-cased text
            _, digest, pattern, flags, length = key
            assert digest == guards._DIGEST
            assert value == guards._lower_guard(pattern, flags, length)
            key = ("guard",)
        elif key[0] == "copy_guard":  # the same for a copy of the text (the clause cut's)
            _, digest, name, image_digest, pattern, flags, length = key
            assert (digest, name) == (guards._DIGEST, "boundary copy")
            assert image_digest == regex_cache.source_digest(clauses.__file__)
            assert value == guards._copy_guard(pattern, flags, length, clauses._copied)
            key = ("guard",)
        elif key[0] == "factored":  # a pattern written case by case, alternations factored
            _, digest, pattern, flags = key
            assert digest == factoring._DIGEST and value == factoring._rewritten(pattern, flags)
            key = ("guard",)
        elif key[0] == "actors":  # the alternation of the actor table's aliases
            _, digest, keys, acronyms, worded = key
            assert digest == actors._DIGEST
            assert value == actors._alias_pattern(list(keys), dict(acronyms), set(worded))
        elif key[0] == "gate":  # the words of a word gate, one line a set
            _, digest, pattern, flags = key
            found = gates.words(pattern, flags)
            assert digest == gates._DIGEST
            assert value == "\n".join("\t".join(one) for one in found)
        else:
            pattern, flags = key
            _same(regex_cache._build(pattern, value), pattern, flags)
            key = ("pattern",)
        kept[key[0]] += 1
    assert kept["guard"] >= 15 and kept["actors"] == 1 and kept["pattern"] > 200
    assert kept["gate"] >= 3


def test_remembered_strings_are_worked_out_once(cache, monkeypatch):
    """A remembered string is computed once, then read from the file by a later process;
    with the cache off it is computed every time."""
    calls = []

    def compute():
        calls.append(1)
        return "(?=[Rr])"

    key = ("test", 1, "report", 2)
    assert regex_cache.remembered(key, compute) == "(?=[Rr])"
    regex_cache.save()
    _fresh(monkeypatch)
    assert regex_cache.remembered(key, compute) == "(?=[Rr])"
    assert len(calls) == 1 and not regex_cache._CACHE.missed
    monkeypatch.setenv("MANDATES_PATTERN_CACHE", "off")
    _fresh(monkeypatch)
    regex_cache.remembered(key, compute)
    assert len(calls) == 2


def test_a_changed_module_works_its_strings_out_again(cache, monkeypatch):
    """The guards' key holds a checksum of guards.py: another checksum (an edited module)
    does not find the lookahead kept for the old one."""
    pattern = r"\b(?:report|update)s?\b"
    guards.guard(pattern, re.IGNORECASE, 3)
    regex_cache.save()
    _fresh(monkeypatch)
    monkeypatch.setattr(guards, "_DIGEST", (guards._DIGEST or 0) + 1)
    assert guards.guard(pattern, re.IGNORECASE, 3) == guards._guard(pattern, re.IGNORECASE, 3)
    assert regex_cache._CACHE.missed
    assert regex_cache.source_digest(guards.__file__) == guards._DIGEST - 1
