"""The guards' cheap spellings ("\\s", "(?i:s)") accept exactly what the classes they
replace accept: on every code point, on the whole corpus and on its matches rewritten with
the odd case folds and every Unicode space."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import mandates.extraction
from mandates.extraction import guards
from mandates.extraction.guards import UNICODE_SPACE, case_variants, guard
from mandates.extraction.readers import read_path
from tests.shared_data import shared_path

EVERYTHING = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
#: The classes the guards spelled before: every character listed (guards._render's old way).
OLD_SPACE = "".join(re.escape(char) for char in sorted(UNICODE_SPACE))
FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
_RENDER = guards._render


def _old_guard(pattern: str, flags: int, length: int) -> str:
    """The lookahead as guards spelled it before: every class with all its characters."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(guards, "_render", lambda chars, *_, **__: _RENDER(chars, False))
        return guards._guard(pattern, flags, length)


def _guarded_patterns() -> list[tuple[str, int, str, str]]:
    """(lookahead, flags, pattern, old lookahead) of every pattern of the extractor built by ``guarded``
    with a lookahead of prefixes, found by working each guard out again."""
    found = {}
    for info in pkgutil.iter_modules(mandates.extraction.__path__):
        module = importlib.import_module(f"mandates.extraction.{info.name}")
        for value in vars(module).values():
            if not isinstance(value, re.Pattern) or not isinstance(value.pattern, str):
                continue
            if "(?=(?-i:" not in value.pattern:
                continue
            source = value.pattern
            for at in [m.start() for m in re.finditer(re.escape(")(?:"), source)]:
                lookahead, inner = source[: at + 1], source[at + 4 : -1]
                for length in (2, 3, 5):
                    if guard(inner, value.flags, length) == lookahead:
                        old = _old_guard(inner, value.flags, length)
                        found[source] = (lookahead, value.flags, inner, old)
                        break
                if source in found:
                    break
    return sorted(found.values())


GUARDED = _guarded_patterns()


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    return [read_path(path).text for path in sorted(shared_path("corpus").glob("*/*.txt"))]


def _accepted(lookahead: str, flags: int, text: str) -> list[int]:
    return [match.start() for match in re.finditer(lookahead, text, flags)]


def test_the_extractor_guards_use_the_cheap_spellings():
    """The search above finds the long guards, and they are spelled the new way."""
    assert len(GUARDED) >= 10
    assert any("(?i:" in lookahead for lookahead, *_ in GUARDED)
    assert any("[\\s" in lookahead for lookahead, *_ in GUARDED)
    assert all(OLD_SPACE not in lookahead for lookahead, *_ in GUARDED)
    assert all(OLD_SPACE in old for lookahead, *_, old in GUARDED if "[\\s" in lookahead)


@pytest.mark.parametrize("flags", [0, re.IGNORECASE])
def test_each_cheap_spelling_matches_what_its_class_matched(flags):
    """Over every code point, inside the case-sensitive scope the guards use."""
    sets = [UNICODE_SPACE, UNICODE_SPACE | {",", "-"}, *(case_variants(c) for c in FOLDS)]
    for chars in sets:
        old = "(?-i:[" + "".join(re.escape(char) for char in sorted(chars)) + "])"
        new = f"(?-i:{guards._render(chars)})"
        assert new != old
        assert re.findall(new, EVERYTHING, flags) == re.findall(old, EVERYTHING, flags), new


def test_the_old_and_new_lookaheads_accept_the_same_positions_on_the_corpus(corpus):
    """Every position of every corpus text, for every guarded pattern of the extractor."""
    for lookahead, flags, _, old in GUARDED:
        for text in corpus:
            assert _accepted(lookahead, flags, text) == _accepted(old, flags, text)


def _variants(text: str) -> list[str]:
    """``text`` with the odd case folds and upper case, and with each Unicode space."""
    folded = text.translate({ord("i"): "\u0131", ord("k"): "\u212a", ord("s"): "\u017f"})
    dotted = text.upper().replace("I", "\u0130")
    spaced = [re.sub(r"\s", space, text) for space in sorted(UNICODE_SPACE)]
    return [text, text.upper(), folded, dotted, folded.upper(), *spaced]


def test_the_old_and_new_lookaheads_agree_on_rewritten_matches(corpus):
    """The corpus matches of each guarded pattern, rewritten with the folds and spaces."""
    tried = 0
    for lookahead, flags, pattern, old in GUARDED:
        compiled = re.compile(pattern, flags)
        samples = {m.group() for text in corpus for m in compiled.finditer(text)}
        for sample in sorted(samples)[:100]:
            for text in _variants(f"x {sample} y"):
                assert _accepted(lookahead, flags, text) == _accepted(old, flags, text), text
                tried += 1
    assert tried > 5_000


def test_ascii_guards_keep_the_full_classes():
    """Under re.ASCII "\\s" and "(?i:s)" would match less: the classes stay."""
    lookahead = guard(r"\bthis\s+kit", re.IGNORECASE | re.ASCII, 5)
    assert "(?i:" not in lookahead and "[\\s" not in lookahead
    assert "\u0131" in lookahead and "\u3000" in lookahead
    assert guard(r"\bthis\s+kit", re.IGNORECASE, 5).endswith("(?=(?-i:[Tt][Hh](?i:i)(?i:s)[\\s]))")
