"""The whole development corpus and the two seeds (real texts kept in ../shared)."""

import json
import re
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest

from mandates.extraction import extract_file
from mandates.extraction.structure import parse_structure
from tests.shared_data import shared_path

GOLD_FIELDS = ("symbol", "body", "session", "adopted", "title")


def symbol_from_file_name(name: str) -> str:
    """A_HRC_RES_50_1 -> A/HRC/RES/50/1; S_RES_2334(2016) -> S/RES/2334 (2016)."""
    stem = Path(name).stem
    council = re.fullmatch(r"S_RES_(\d+)\((\d{4})\)", stem)
    if council:
        return f"S/RES/{council.group(1)} ({council.group(2)})"
    return stem.replace("_", "/")


@pytest.fixture(scope="module")
def corpus():
    """Every corpus file with its extraction result (or the exception it raised)."""
    root = shared_path("corpus")
    results = {}
    for path in sorted(root.glob("*/*.txt")):
        try:
            results[path.name] = extract_file(path)
        except Exception as exc:  # the test reports it
            results[path.name] = exc
    return results


def test_corpus_size(corpus):
    """The corpus holds its 410 documents."""
    assert len(corpus) == 410


def test_no_exception(corpus):
    """No corpus document raises."""
    failures = {name: repr(r) for name, r in corpus.items() if isinstance(r, Exception)}
    assert failures == {}


def test_every_document_has_symbol_body_session(corpus):
    """Every document gets the symbol its file name gives, a body and a session."""
    wrong = {
        name: (r.symbol, r.body, r.session)
        for name, r in corpus.items()
        if not isinstance(r, Exception)
        and (r.symbol != symbol_from_file_name(name) or r.body is None or r.session is None)
    }
    assert wrong == {}


def test_numbering_consecutive_or_warned(corpus):
    """Operative numbering is 1..N (per section) unless a warning says where it is not."""
    unexplained = []
    for name, result in corpus.items():
        if isinstance(result, Exception) or not result.operative:
            continue
        numbers = [p.number.rsplit(".", 1)[-1] for p in result.operative]
        consecutive = (
            all(
                int(number) == 1 or int(number) == int(previous) + 1
                for previous, number in pairwise(numbers)
            )
            and numbers[0] == "1"
        )
        warned = any(w.startswith("operative") for w in result.warnings)
        if not consecutive and not warned:
            unexplained.append(name)
    assert unexplained == []


def test_every_document_has_operative_paragraphs(corpus):
    """Every corpus resolution yields at least one operative paragraph."""
    empty = [n for n, r in corpus.items() if not isinstance(r, Exception) and not r.operative]
    assert empty == []


def test_spans_hold_across_corpus(corpus):
    """Every span in every corpus result indexes its clean text exactly."""
    for result in corpus.values():
        if isinstance(result, Exception):
            continue
        text = result.text
        for paragraph in [*result.preamble, *result.operative, *result.annexes]:
            assert text[paragraph.span[0] : paragraph.span[1]] == paragraph.text
            for sub in getattr(paragraph, "subparagraphs", ()):
                assert text[sub.span[0] : sub.span[1]] == sub.text


def warning_kind(warning: str) -> str:
    """A warning with its particulars folded: "paragraph 7: actor not in ...: X" -> kind."""
    warning = re.sub(r"^paragraph [^:]+: ", "", warning)
    warning = re.sub(r"'[^']*'|\d+", "N", warning).split(";")[0]
    head, _, rest = warning.partition(": ")
    if head.startswith("actor not in"):
        return head
    return f"{head}: {rest.split(': ')[0]}" if rest else head


def warning_figures(corpus) -> tuple[int, Counter]:
    """How many documents carry warnings, and in how many documents each kind appears."""
    kinds: Counter = Counter()
    documents = 0
    for result in corpus.values():
        if isinstance(result, Exception):
            continue
        if result.warnings:
            documents += 1
        for kind in {warning_kind(warning) for warning in result.warnings}:
            kinds[kind] += 1
    return documents, kinds


def test_report_warning_figures(corpus, capsys):
    """Print the warning figures (documents with warnings, by kind) for docs/extraction.md."""
    documents, kinds = warning_figures(corpus)
    with capsys.disabled():
        print(f"\n{documents} of {len(corpus)} documents carry warnings")
        for kind, count in kinds.most_common():
            print(f"{count:4d}  {kind}")
    assert documents <= len(corpus)


@pytest.mark.parametrize("stem", ["A_HRC_RES_59_3", "A_RES_80_204"])
def test_seed_header_equals_gold(stem):
    """The header fields of each seed equal the careful reader's gold."""
    gold = json.loads(shared_path("gold", f"{stem}.json").read_text(encoding="utf-8"))
    result = extract_file(shared_path("seeds", f"{stem}.txt"))
    got = {
        "symbol": result.symbol,
        "body": result.body,
        "session": result.session,
        "adopted": result.adopted_on.isoformat() if result.adopted_on else None,
        "title": result.title,
    }
    assert got == {field: gold[field] for field in GOLD_FIELDS}
    if gold["vote"] is None:
        assert result.vote is None
    else:
        assert (result.vote.yes, result.vote.no, result.vote.abstain) == (
            gold["vote"]["yes"],
            gold["vote"]["no"],
            gold["vote"]["abstain"],
        )


def test_seed_80_204_agenda_and_report():
    """80/204 was adopted under agenda item 71 (b) on the report A/80/545."""
    result = extract_file(shared_path("seeds", "A_RES_80_204.txt"))
    assert (result.agenda_item, result.committee_report) == ("71 (b)", "A/80/545")


def test_seed_59_3_vote_lists_agree():
    """59/3's recorded vote lists as many countries as its counts."""
    vote = extract_file(shared_path("seeds", "A_HRC_RES_59_3.txt")).vote
    assert (len(vote.in_favour), len(vote.against), vote.abstaining) == (30, 16, ["Mexico"])


def test_merged_paragraphs_still_read(corpus):
    """With every line break removed, most documents still give the same header and paragraphs."""
    same = 0
    for result in corpus.values():
        merged = parse_structure(re.sub(r"\s*\n\s*", " ", result.text))
        same += (
            merged.header.symbol == result.symbol
            and [p.number for p in merged.operative] == [p.number for p in result.operative]
            and len(merged.preamble) == len(result.preamble)
        )
    assert same >= 0.85 * len(corpus)
