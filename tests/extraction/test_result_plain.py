"""`ExtractionResult.to_dict` walks a result once; it must give what `dataclasses.asdict`
followed by the old date-and-tuple walk gave, since ingest stores it as the resolution's JSON."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest

from mandates.extraction.api import extract_bytes
from mandates.extraction.result import _plain
from tests.shared_data import shared_path


def reference_to_dict(result: Any, *, include_text: bool = False) -> dict[str, Any]:
    """The previous implementation, kept as the reference."""
    data = _reference_plain(dataclasses.asdict(result))
    if not include_text:
        data.pop("text")
    return data


@dataclass
class _Inner:
    span: tuple[int, int]
    when: date | None
    tags: list[str] = field(default_factory=list)


@dataclass
class _Outer:
    inner: _Inner
    many: list[_Inner]
    table: dict[str, Any]
    flag: bool
    ratio: float
    stamps: frozenset[str]


def test_every_kind_of_value_is_copied_as_before():
    value = _Outer(
        inner=_Inner((1, 2), date(2026, 3, 4), ["a"]),
        many=[_Inner((3, 4), None), _Inner((5, 6), date(2025, 1, 1), ["b", "c"])],
        table={"nested": {"span": (7, 8), "on": date(2024, 2, 29)}, "none": None},
        flag=True,
        ratio=0.5,
        stamps=frozenset({"x"}),
    )
    new = _plain(value)
    assert new == _reference_plain(dataclasses.asdict(value))
    assert new["inner"]["span"] == [1, 2] and new["inner"]["when"] == "2026-03-04"
    # a copy, never the result's own lists
    assert new["inner"]["tags"] is not value.inner.tags


def _reference_plain(data: dict[str, Any]) -> dict[str, Any]:
    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: plain(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [plain(item) for item in value]
        if isinstance(value, date):
            return value.isoformat()
        return value

    return plain(data)


def _documents() -> list:
    paths = sorted(shared_path("corpus").glob("*/*.txt")) + sorted(shared_path("seeds").glob("*"))
    return [path for path in paths if path.suffix in {".txt", ".md", ".docx", ".html", ".pdf"}]


@pytest.mark.parametrize("include_text", [False, True])
def test_corpus_results_give_the_same_json_as_before(include_text):
    for path in _documents():
        result = extract_bytes(path.read_bytes(), path.name)
        assert result.to_dict(include_text=include_text) == reference_to_dict(
            result, include_text=include_text
        ), path.name
