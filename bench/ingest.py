"""Benchmark ingest into PostgreSQL and the deliverable list in the admin.

    python bench/ingest.py [--corpus DIR] [--rows 5000]

Prints, beside their goals: the first ingest of the corpus in files/s (with, as the
reference measured in the same run, extraction alone of the same files), queries per
file, and the feed renders of the batch against the number of feeds it affects (the
feeds show proposals, PUBLIC_SHOWS_PROPOSALS, so none is empty). Then
the re-run (everything unchanged) and the admin's deliverable changelist with N rows
(queries and time per render).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import time
from collections import Counter
from pathlib import Path
from unittest import mock

from django_setup import ROOT, django_for_bench
from goals import report

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()
    # The feeds show what ingest proposes, so rebuilding them costs what it costs in use.
    os.environ.setdefault("PUBLIC_SHOWS_PROPOSALS", "1")
    django_for_bench()

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from mandates import extraction
    from mandates.models import Deliverable, Mandate, Resolution
    from mandates.services import feeds
    from mandates.services.actors import actor_table_from_database
    from mandates.services.ingest import paths_expand, resolution_ingest_many

    parts = [args.corpus / part for part in ("hrc", "ga", "other") if (args.corpus / part).is_dir()]
    files = paths_expand(parts)

    # The reference: extraction alone of the same files (read from disk, as ingest does).
    actors = actor_table_from_database()
    start = time.perf_counter()
    for path in files:
        with contextlib.suppress(extraction.ExtractionError):
            extraction.extract_bytes(path.read_bytes(), path.name, actors=actors)
    extract_rate = len(files) / (time.perf_counter() - start)

    renders: Counter[str] = Counter()
    render = feeds.CalendarFeed.render

    def counted_render(self, **kwargs):
        renders[self.key] += 1
        return render(self, **kwargs)

    queries = 0

    def counted_query(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    with (
        mock.patch.object(feeds.CalendarFeed, "render", counted_render),
        connection.execute_wrapper(counted_query),
    ):
        start = time.perf_counter()
        outcomes = resolution_ingest_many(paths=parts)
        elapsed = time.perf_counter() - start
    _print_run("first run", outcomes, elapsed)
    report(
        "ingest, first run",
        len(outcomes) / elapsed,
        "files/s",
        goal=50,
        goal_is="min",
        reference=("extraction alone", extract_rate),
    )
    report("queries per file, first run", queries / len(outcomes), "queries", goal=25)
    ids = list(Deliverable.objects.values_list("pk", flat=True))
    affected = len(feeds.feeds_affected(deliverable_ids=ids, session_ids=[]))
    report(
        f"feed renders in the batch ({affected} feeds affected)",
        sum(renders.values()),
        "renders",
        goal=affected,
    )

    start = time.perf_counter()
    outcomes = resolution_ingest_many(paths=parts)
    _print_run("re-run", outcomes, time.perf_counter() - start)
    print(
        f"stored: {Resolution.objects.count()} resolutions, {Deliverable.objects.count()} deliverables"
    )

    mandate = Mandate.objects.first()
    missing = max(0, args.rows - Deliverable.objects.count())
    Deliverable.objects.bulk_create(
        Deliverable(mandate=mandate, title=f"Bench report {n}") for n in range(missing)
    )
    user = get_user_model().objects.create_superuser("bench", "bench@example.org", "bench")
    client = Client()
    client.force_login(user)
    timings = []
    for _ in range(5):
        with CaptureQueriesContext(connection) as page_queries:
            start = time.perf_counter()
            response = client.get("/admin/mandates/deliverable/", secure=True)
            timings.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
    print(
        f"admin deliverable list, {Deliverable.objects.count()} rows: {len(page_queries)} queries, "
        f"median {statistics.median(timings) * 1000:.0f} ms per render"
    )


def _print_run(label: str, outcomes: list, elapsed: float) -> None:
    statuses = {
        s: sum(o.status == s for o in outcomes) for s in ("new", "updated", "unchanged", "failed")
    }
    print(
        f"ingest {label:9}: {len(outcomes)} files in {elapsed:6.2f} s "
        f"({len(outcomes) / elapsed:6.1f} files/s) {statuses}"
    )


if __name__ == "__main__":
    main()
