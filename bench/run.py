"""Run every benchmark at several sizes and print one table (`make bench`).

    python bench/run.py [--quick]

Each benchmark is its own script (bench/extract.py, ingest.py, feeds.py, reminders.py,
planner.py, pages.py) and runs in its own process, so one's memory and caches never flatter another.
The figures each
prints become rows of the table. PostgreSQL is used where DATABASE_URL or the benchmark says
so (see each script); --quick uses the smallest sizes only.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from goals import MARKER, Figure, figures_in

BENCH = Path(__file__).resolve().parent
CORPUS = BENCH.parents[1] / "shared" / "corpus"
LINE = re.compile(r"^\s*(?P<label>[^:]{2,60}?)(?::\s+|\s{2,})(?P<value>\S.*)$")


def runs(quick: bool) -> list[tuple[str, str, list[str]]]:
    """(benchmark, size, command arguments) in the order they run."""
    extract = [
        ("extract", f"{part} corpus", ["extract.py", "--corpus", str(CORPUS / part)])
        for part in ("other", "hrc")
    ]
    extract.append(("extract", "whole corpus", ["extract.py", "--corpus", str(CORPUS)]))
    ingest = [("ingest", "whole corpus, 5,000-row list", ["ingest.py", "--rows", "5000"])]
    feeds = [
        ("feeds", f"{n:,} deliverables", ["feeds.py", "--deliverables", str(n)])
        for n in (1000, 10000)
    ]
    reminders = [
        (
            "reminders",
            f"{n:,} deliverables",
            ["reminders.py", "--deliverables", str(n), "--send", "200"],
        )
        for n in (10000, 100000)
    ]
    planner = [
        ("planner", f"{n:,} deliverables", ["planner.py", "--deliverables", str(n)])
        for n in (1000, 10000)
    ]
    pages = [
        ("pages", f"{n:,} deliverables", ["pages.py", "--deliverables", str(n)])
        for n in (1000, 10000)
    ]
    if quick:
        return [extract[0], feeds[0], reminders[0], planner[0], pages[0]]
    return [*extract, *ingest, *feeds, *reminders, *planner, *pages]


def rows_from(output: str) -> list[tuple[str, str]]:
    rows = []
    for line in output.splitlines():
        if line.startswith(MARKER):
            continue
        match = LINE.match(line)
        if match:
            rows.append((match["label"].strip(), match["value"].strip()))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smallest sizes only")
    args = parser.parse_args()
    table: list[tuple[str, str, str, str]] = []
    goals: list[tuple[str, str, Figure]] = []
    failed = 0
    for name, size, command in runs(args.quick):
        print(f"running {name} ({size})...", file=sys.stderr, flush=True)
        start = time.perf_counter()
        result = subprocess.run(
            [sys.executable, str(BENCH / command[0]), *command[1:]],
            capture_output=True,
            text=True,
            env=os.environ.copy(),
            cwd=BENCH.parent,
        )
        took = f"{time.perf_counter() - start:.0f} s"
        if result.returncode != 0:
            failed += 1
            table.append(
                (
                    name,
                    size,
                    "FAILED",
                    result.stderr.strip().splitlines()[-1:][0] if result.stderr.strip() else "?",
                )
            )
            continue
        goals.extend((name, size, figure) for figure in figures_in(result.stdout))
        for label, value in rows_from(result.stdout):
            table.append((name, size, label, value))
        table.append((name, size, "benchmark wall time", took))
    widths = [max(len(row[i]) for row in table) for i in range(3)]
    print(f"{'benchmark':<{widths[0]}}  {'size':<{widths[1]}}  {'figure':<{widths[2]}}  value")
    print("-" * (sum(widths) + 20))
    for bench, size, label, value in table:
        print(f"{bench:<{widths[0]}}  {size:<{widths[1]}}  {label:<{widths[2]}}  {value}")
    print_goals(goals)
    return 1 if failed else 0


def print_goals(goals: list[tuple[str, str, Figure]]) -> None:
    """Each figure that has a goal, beside it, with its ratio to the run's own reference."""
    if not goals:
        return
    print()
    print("Figures against their goals (ratio: to a reference measured in the same run)")
    rows = [
        (
            f"{name} ({size})",
            figure.label,
            f"{figure.value:.4g} {figure.unit}",
            f"{'<=' if figure.goal_is == 'max' else '>='} {figure.goal:g} {figure.unit}",
            "met" if figure.met else "MISSED",
            f"{figure.ratio:.2f} x {figure.reference_label}" if figure.ratio is not None else "",
        )
        for name, size, figure in goals
    ]
    header = ("benchmark", "figure", "value", "goal", "", "ratio")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    met = sum(1 for _, _, figure in goals if figure.met)
    print(f"goals met: {met} of {len(goals)}")


if __name__ == "__main__":
    sys.exit(main())
