"""Benchmark the extractor over the whole corpus in one process.

    python bench/extract.py [--corpus DIR] [--repeat N] [--profile] [--startups N]

Reads, structures and extracts requests for every *.txt under DIR (default ../shared/corpus),
then prints documents per second, milliseconds per document (mean, p95) and peak memory.
Figures for `make bench` (bench/goals.py): documents per CPU second beside a bare one-regex
pass over the same files (the floor any reader of these files pays), mean and p95 CPU
milliseconds per document, and the wall time of `manage.py extract FILE` beside
`python -c pass` (the interpreter's own start-up), the median of --startups runs each.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import re
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from goals import report

from mandates.extraction import ExtractionError, extract_file
from mandates.extraction.api import extract_document
from mandates.extraction.readers import read_path
from mandates.extraction.structure import parse_structure

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def run(paths: list[Path]) -> tuple[list[float], int]:
    """CPU seconds per document, and how many documents were refused."""
    timings, errors = [], 0
    for path in paths:
        start = time.process_time()
        try:
            extract_file(path)
        except ExtractionError:
            errors += 1
        timings.append(time.process_time() - start)
    return timings, errors


#: The reference: one regex over each file (numbered paragraphs and their first word).
_BARE = re.compile(r"^[ \t]*(\d{1,3})\.[ \t]+(\w+)", re.MULTILINE)


def bare_pass(paths: list[Path], repeat: int = 3) -> float:
    """Documents per CPU second of reading, decoding and one regex pass (best of ``repeat``)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        for path in paths:
            _BARE.findall(path.read_bytes().decode("utf-8", "replace"))
        best = min(best, time.process_time() - start)
    return len(paths) / best


def startup(command: list[str], runs: int) -> float:
    """Median wall seconds of ``command`` (output discarded)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def stages(paths: list[Path]) -> dict[str, float]:
    """CPU seconds spent reading, structuring and finding requests, over the corpus."""
    spent = {"read": 0.0, "structure": 0.0, "requests": 0.0}
    for path in paths:
        start = time.process_time()
        try:
            document = read_path(path)
        except ExtractionError:
            continue
        read = time.process_time()
        try:
            parse_structure(document.text, source_name=document.name)
            structured = time.process_time()
            extract_document(document)
        except ExtractionError:
            continue
        done = time.process_time()
        spent["read"] += read - start
        spent["structure"] += structured - read
        # extract_document = structure + requests; take the structure time back out.
        spent["requests"] += max(0.0, (done - structured) - (structured - read))
    return spent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=1, help="passes over the corpus")
    parser.add_argument("--profile", action="store_true", help="print the top cProfile entries")
    parser.add_argument(
        "--startups", type=int, default=5, help="runs of `manage.py extract` to time (0: none)"
    )
    args = parser.parse_args(argv)

    paths = sorted(args.corpus.rglob("*.txt"))
    if not paths:
        print(f"no .txt files under {args.corpus}", file=sys.stderr)
        return 1
    run(paths[:5])  # warm up: import, regex compilation

    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        run(paths)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)

    timings: list[float] = []
    errors = 0
    started = time.perf_counter()
    cpu_started = time.process_time()
    for _ in range(args.repeat):
        batch, failed = run(paths)
        timings.extend(batch)
        errors += failed
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    spent = stages(paths)

    tracemalloc.start()
    run(paths)
    _, peak_traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux

    ms = sorted(t * 1000 for t in timings)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    size = sum(path.stat().st_size for path in paths) / 1e6
    print(f"corpus:        {len(paths)} documents, {size:.1f} MB ({args.corpus})")
    print(f"errors:        {errors}")
    print(
        f"throughput:    {len(timings) / elapsed:.0f} documents/second wall clock, "
        f"{len(timings) / cpu:.0f} per CPU second (one core; load {os.getloadavg()[0]:.1f})"
    )
    print(
        f"per document:  CPU mean {statistics.fmean(ms):.2f} ms, p95 {p95:.2f} ms, max {ms[-1]:.1f} ms"
    )
    print(
        f"peak memory:   {peak_traced / 1e6:.1f} MB traced during one pass, "
        f"{peak_rss / 1024:.0f} MB max RSS"
    )
    total = sum(spent.values()) or 1.0
    print(
        "CPU by stage:  "
        + ", ".join(
            f"{name} {seconds / len(paths) * 1000:.2f} ms ({seconds / total:.0%})"
            for name, seconds in spent.items()
        )
    )
    bare = bare_pass(paths)
    report(
        "extraction, documents per CPU second",
        len(timings) / cpu,
        "docs/s",
        goal=1000,
        goal_is="min",
        reference=("a bare one-regex pass over the same files", bare),
    )
    report("extraction, mean CPU per document", statistics.fmean(ms), "ms", goal=1.0)
    report("extraction, p95 CPU per document", p95, "ms", goal=3.0)
    if args.startups:
        python = sys.executable
        report(
            "manage.py extract FILE, wall time",
            startup([python, "manage.py", "extract", str(paths[0])], args.startups),
            "s",
            goal=0.3,
            reference=("python -c pass", startup([python, "-c", "pass"], args.startups)),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
