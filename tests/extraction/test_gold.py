"""The full pipeline against the gold files of the two seeds, and the deadline F1 on
hand-labelled corpus documents (labels/: facts only, no text)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from tests.shared_data import shared_path

extraction = pytest.importorskip("mandates.extraction", reason="the public API is not there yet")
extract_file = getattr(extraction, "extract_file", None)
if extract_file is None:  # pragma: no cover
    pytest.skip("extract_file is not available yet", allow_module_level=True)

LABELS = Path(__file__).with_name("labels")
SEEDS = ["A_HRC_RES_59_3", "A_RES_80_204"]


def _gold(name):
    return json.loads(shared_path("gold", f"{name}.json").read_text(encoding="utf-8"))


def _result(name):
    return extract_file(str(shared_path("seeds", f"{name}.txt")))


def _squash(text: str) -> str:
    return " ".join(text.replace("*", "").split())


@pytest.mark.parametrize("name", SEEDS)
def test_seed_deliverables_match_gold(name):
    """Each gold deliverable is found with the same fields, and nothing else is extracted."""
    gold, result = _gold(name), _result(name)
    assert len(result.deliverables) == len(gold["deliverables"])
    for want, got in zip(gold["deliverables"], result.deliverables, strict=True):
        assert got.paragraph == want["paragraph"]
        assert got.verb.lower() == want["verb"].lower()  # gold prints 31 "Requests", 33 "requests"
        assert got.actor == want["actor"]
        assert got.partners == want.get("partners", [])
        assert got.kind == want["kind"]
        assert got.count == want.get("count", 1)
        due = got.due
        assert (due.body if due else None) == want["due_body"]
        assert (due.session if due else None) == want["due_session"]
        assert (due.relation if due else None) == want["due_relation"]
        assert (due.date.isoformat() if due and due.date else None) == want["due_date"]
        assert got.recurring == want["recurring"]
        assert [a.session for a in got.alternatives] == want.get("due_session_alternatives", [])
        assert got.needs_review == want.get("needs_review", False)
        assert result.text[got.span[0] : got.span[1]] == got.quote
        assert _squash(want["quote"]) in _squash(got.quote)


@pytest.mark.parametrize("name", SEEDS)
def test_seed_mandates_without_deliverable(name):
    """Gold mandates without deliverable are among the mandates, same actor and quote."""
    gold, result = _gold(name), _result(name)
    with_product = {d.mandate for d in result.deliverables}
    bare = [m for i, m in enumerate(result.mandates) if i not in with_product]
    assert [(m.paragraph, m.actor) for m in bare] == [
        (m["paragraph"], m["actor"]) for m in gold["mandates_without_deliverable"]
    ]
    for want, got in zip(gold["mandates_without_deliverable"], bare, strict=True):
        assert _squash(want["quote"]) in _squash(got.quote)


@pytest.mark.parametrize("name", SEEDS)
def test_seed_consideration_and_notes(name):
    """Consideration and taken-note documents equal the gold ones."""
    gold, result = _gold(name), _result(name)
    want = gold["consideration"]
    got = result.consideration
    assert (got.body, got.session) == (want["body"], want["session"])
    assert got.alternatives == want.get("alternatives", [])
    assert got.needs_review == want.get("needs_review", False)
    assert [(n.paragraph, n.document) for n in result.takes_note_of] == [
        (n["paragraph"], n["document"]) for n in gold["takes_note_of"]
    ]


def _corpus_path(symbol: str) -> Path:
    folder = (
        "hrc" if symbol.startswith("A_HRC_") else "ga" if symbol.startswith("A_RES_") else "other"
    )
    return shared_path("corpus", folder, f"{symbol}.txt")


def deadline_scores() -> tuple[int, int, int, list[str]]:
    """(true positives, false positives, false negatives, messages) over the labels."""
    tp = fp = fn = 0
    messages: list[str] = []
    for label_file in sorted(LABELS.glob("*.json")):
        symbol = label_file.stem
        result = extract_file(str(_corpus_path(symbol)))
        got = Counter(
            (d.paragraph, d.due.body, d.due.session)
            for d in result.deliverables
            if d.due is not None and d.due.session is not None
        )
        want = Counter(
            (row["paragraph"], row["due_body"], row["due_session"])
            for row in json.loads(label_file.read_text(encoding="utf-8"))
        )
        for key in got | want:
            hit = min(got[key], want[key])
            tp += hit
            if got[key] > hit:
                fp += got[key] - hit
                messages.append(f"FP {symbol} {key}")
            if want[key] > hit:
                fn += want[key] - hit
                messages.append(f"FN {symbol} {key}")
    return tp, fp, fn, messages


def test_label_files_are_facts_only():
    """Label files hold only paragraph, actor, kind, body and session, for 20+ documents."""
    files = sorted(LABELS.glob("*.json"))
    assert len(files) >= 20
    assert any(f.stem.startswith("A_HRC_") for f in files)
    assert any(f.stem.startswith("A_RES_") for f in files)
    for label_file in files:
        for row in json.loads(label_file.read_text(encoding="utf-8")):
            assert set(row) == {"paragraph", "actor", "kind", "due_body", "due_session"}
            assert isinstance(row["due_session"], int)


def test_deadline_f1_on_labelled_corpus(capsys):
    """Deadline deliverables (paragraph, body, session) reach F1 >= 0.95 on the labels."""
    tp, fp, fn, messages = deadline_scores()
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    with capsys.disabled():
        print(
            f"\ndeadline deliverables: tp={tp} fp={fp} fn={fn} "
            f"P={precision:.3f} R={recall:.3f} F1={f1:.3f}"
        )
        for message in messages:
            print("  ", message)
    assert f1 >= 0.95, messages
