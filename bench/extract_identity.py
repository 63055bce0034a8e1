"""Check that the extractor's output is unchanged: one digest per file, saved or compared.

    python bench/extract_identity.py --save BASELINE.json      # before a change
    python bench/extract_identity.py --compare BASELINE.json   # after it: every digest equal

Runs the entry point ingest uses (``extract_bytes``) over every file in ../shared/corpus,
../shared/realdocs, ../shared/seeds, the held-out label sets' sources and examples/, and over
damaged copies of each corpus text (hard-wrapped with words hyphenated across lines and page
furniture between pages, CRLF line ends, read as Markdown) so the repair passes are
covered too. The digest is a SHA-256 of the whole result as JSON (header, paragraphs,
mandates, deliverables, flags, evidence, warnings and the clean text; not the
extractor_version label), or of the error a file is refused with. Keep the baseline outside
the repository: it describes real texts.
``--dump DIR`` also writes each result as JSON, to see what changed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mandates.extraction import ExtractionError  # noqa: E402
from mandates.extraction.api import extract_bytes  # noqa: E402
from tests.extraction.holdout_report import label_files  # noqa: E402

SHARED = ROOT.parent / "shared"
SUFFIXES = {".txt", ".md", ".pdf", ".docx", ".html"}


def sources(shared: Path) -> list[tuple[str, Path]]:
    """(key, path) of every real file to read, each once."""
    found: dict[Path, str] = {}
    for folder in ("corpus", "realdocs", "seeds"):
        for path in sorted((shared / folder).rglob("*")):
            if path.suffix in SUFFIXES and path.name != "README.md":
                found.setdefault(path.resolve(), f"{folder}/{path.relative_to(shared / folder)}")
    for labels in sorted((ROOT / "tests" / "extraction").glob("labels_holdout*")):
        files = labels / "files.json"
        mapped = json.loads(files.read_text(encoding="utf-8")) if files.exists() else {}
        for stem in sorted({p.stem for p in label_files(labels)}):
            if stem in mapped and (labels / mapped[stem]).exists():  # the set's own texts
                path = labels / mapped[stem]
                found.setdefault(path.resolve(), str(path.relative_to(ROOT)))
                continue
            path = shared / mapped[stem] if stem in mapped else _corpus_path(shared, stem)
            if path.exists():
                found.setdefault(path.resolve(), str(path.relative_to(shared)))
    for path in sorted((ROOT / "examples").glob("*")):
        if path.suffix in SUFFIXES:
            found.setdefault(path.resolve(), f"examples/{path.name}")
    return sorted(((key, path) for path, key in found.items()), key=lambda item: item[0])


def _corpus_path(shared: Path, stem: str) -> Path:
    folder = "hrc" if stem.startswith("A_HRC_") else "ga" if stem.startswith("A_RES_") else "other"
    return shared / "corpus" / folder / f"{stem}.txt"


def damaged(text: str, symbol: str) -> str:
    """The text as a careless PDF copy gives it: lines of 60 characters, long words split
    with a hyphen at line ends, a page break with a job number, symbol and page number
    every 40 lines."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if len(paragraph) <= 60:
            lines.append(paragraph)
            continue
        for line in textwrap.wrap(paragraph, 60, break_on_hyphens=False):
            lines.append(line)
        for index in range(len(lines) - 1):
            head, _, tail = lines[index].rpartition(" ")
            if len(tail) >= 10 and tail.isalpha() and index % 3 == 0:
                cut = len(tail) // 2
                lines[index] = f"{head} {tail[:cut]}-".lstrip()
                lines[index + 1] = tail[cut:] + " " + lines[index + 1]
    pages: list[str] = []
    for number, start in enumerate(range(0, len(lines), 40), start=1):
        pages.append("\n".join(lines[start : start + 40]))
        pages.append(f"\f\nGE.25-{10000 + number}(E)\n{symbol}\n{number}/99\n")
    return "\n".join(pages)


def inputs(shared: Path) -> Iterator[tuple[str, bytes, str]]:
    """(key, bytes, file name) of every real file and of damaged copies of corpus texts."""
    for key, path in sources(shared):
        data = path.read_bytes()
        yield key, data, path.name
        if key.startswith("corpus/") and path.suffix == ".txt":
            text = data.decode("utf-8")
            symbol = path.stem.replace("_", "/")
            yield key + "#damaged", damaged(text, symbol).encode(), path.name
            yield key + "#crlf", text.replace("\n", "\r\n").encode(), path.name
            yield key + "#md", data, path.stem + ".md"


def digest(data: bytes, name: str) -> tuple[str, dict]:
    """The SHA-256 of what the extractor makes of the file, and that output."""
    try:
        result = extract_bytes(data, name).to_dict(include_text=True)
        result.pop("extractor_version")  # a label: bumping it alone changes no output
        output: dict = {"result": result}
    except ExtractionError as error:
        output = {"error": type(error).__name__, "reason": error.reason}
    text = json.dumps(output, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest(), output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, help="write the digests to this file")
    action.add_argument("--compare", type=Path, help="compare with digests saved before")
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--dump", type=Path, help="also write every result as JSON here")
    args = parser.parse_args(argv)

    digests: dict[str, str] = {}
    for key, data, name in inputs(args.shared):
        digests[key], output = digest(data, name)
        if args.dump:
            target = args.dump / (key.replace("/", "__") + ".json")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(output, indent=1, ensure_ascii=False, default=str))
    if not digests:
        print(f"nothing to read under {args.shared}", file=sys.stderr)
        return 1
    if args.save:
        args.save.write_text(json.dumps(digests, indent=1, sort_keys=True) + "\n")
        print(f"{len(digests)} digests saved to {args.save}")
        return 0
    baseline: dict[str, str] = json.loads(args.compare.read_text())
    changed = sorted(
        key for key in digests.keys() & baseline.keys() if digests[key] != baseline[key]
    )
    missing = sorted(baseline.keys() - digests.keys())
    added = sorted(digests.keys() - baseline.keys())
    for key in changed:
        print(f"changed: {key}")
    for key in missing:
        print(f"not read now: {key}")
    for key in added:
        print(f"not in the baseline: {key}")
    same = len(digests.keys() & baseline.keys()) - len(changed)
    print(f"{same} identical, {len(changed)} changed, {len(missing)} missing, {len(added)} new")
    return 1 if changed or missing or added else 0


if __name__ == "__main__":
    sys.exit(main())
