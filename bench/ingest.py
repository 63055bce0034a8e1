"""Benchmark ingest into PostgreSQL and the deliverable list in the admin.

    python bench/ingest.py [--corpus DIR] [--rows 5000]

Prints: time to ingest the whole corpus (first run and re-run), and the admin's
deliverable changelist with N rows (queries and time per render).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from django_setup import ROOT, django_for_bench

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()
    django_for_bench()

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from mandates.models import Deliverable, Mandate, Resolution
    from mandates.services.ingest import resolution_ingest_many

    parts = [args.corpus / part for part in ("hrc", "ga", "other") if (args.corpus / part).is_dir()]
    for label in ("first run", "re-run"):
        start = time.perf_counter()
        outcomes = resolution_ingest_many(paths=parts)
        elapsed = time.perf_counter() - start
        statuses = {
            s: sum(o.status == s for o in outcomes)
            for s in ("new", "updated", "unchanged", "failed")
        }
        print(
            f"ingest {label:9}: {len(outcomes)} files in {elapsed:6.2f} s "
            f"({len(outcomes) / elapsed:6.1f} files/s) {statuses}"
        )
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
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get("/admin/mandates/deliverable/", secure=True)
            timings.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
    print(
        f"admin deliverable list, {Deliverable.objects.count()} rows: {len(queries)} queries, "
        f"median {statistics.median(timings) * 1000:.0f} ms per render"
    )


if __name__ == "__main__":
    main()
