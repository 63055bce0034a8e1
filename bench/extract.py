"""Benchmark the extractor over the whole corpus in one process.

    python bench/extract.py [--corpus DIR] [--repeat N] [--profile]

Reads, structures and extracts requests for every *.txt under DIR (default ../shared/corpus),
then prints documents per second, milliseconds per document (mean, p95) and peak memory.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mandates.extraction import ExtractionError, extract_file
from mandates.extraction.api import extract_document
from mandates.extraction.readers import read_path
from mandates.extraction.structure import parse_structure

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def run(paths: list[Path]) -> tuple[list[float], int]:
    timings, errors = [], 0
    for path in paths:
        start = time.perf_counter()
        try:
            extract_file(path)
        except ExtractionError:
            errors += 1
        timings.append(time.perf_counter() - start)
    return timings, errors


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
        f"per document:  mean {statistics.fmean(ms):.2f} ms, p95 {p95:.2f} ms, max {ms[-1]:.1f} ms"
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
