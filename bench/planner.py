"""Benchmark the session planner: one session's plan, the overview of the next sessions,
their downloads and JSON.

    python bench/planner.py [--deliverables 10000] [--repeat 5]

PostgreSQL (BENCH_DATABASE_URL, see django_setup.py), recreated and filled with public
deliverables over HRC 60-66 and GA 80-82 (one in ten recurring, one in five assigned to one
of 20 units), then analysed as autovacuum would after a bulk load. Each page is timed
(median, the whole body read, streamed or not) beside its goal of 0.3 s, as a ratio to the
plan of a session with nothing due (HRC 50) measured in the same run, with its queries.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from django_setup import django_for_bench
from goals import report

GOAL_SECONDS = 0.3
REFERENCE = ("empty session plan", "/sessions/HRC-50/plan/")
PAGES = [
    ("HRC 65 plan page", "/sessions/HRC-65/plan/"),
    ("HRC 65 plan page 10", "/sessions/HRC-65/plan/?page=10"),
    ("HRC 65 plan, one unit", "/sessions/HRC-65/plan/?unit=Unit%203"),
    ("overview page", "/sessions/plan/"),
    ("HRC 65 plan as CSV", "/sessions/HRC-65/plan.csv"),
    ("overview as CSV", "/sessions/plan.csv"),
    ("HRC 65 plan as JSON", "/api/sessions/HRC-65/plan/"),
    ("overview as JSON", "/api/sessions/plan/"),
]


def plan_fill(count: int) -> None:
    """The feeds benchmark's deliverables, confirmed, some recurring, some with units."""
    from feeds import fill

    from mandates.models import Contact, Deliverable, ReviewStatus

    fill(count)
    Deliverable.objects.update(review_status=ReviewStatus.CONFIRMED)
    ids = list(Deliverable.objects.order_by("pk").values_list("pk", flat=True))
    Deliverable.objects.filter(pk__in=ids[::10]).update(recurring="annual")
    units = Contact.objects.bulk_create(
        Contact(name=f"Unit {n}", email=f"unit{n}@bench.example.org", is_unit=True)
        for n in range(20)
    )
    through = Deliverable.assignees.through
    through.objects.bulk_create(
        through(deliverable_id=pk, contact_id=units[n % len(units)].pk)
        for n, pk in enumerate(ids[::5])
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--deliverables", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
    django_for_bench()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    plan_fill(args.deliverables)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    client = Client()
    # Logged in (not staff): the API needs it, and the pages show what the public sees.
    client.force_login(get_user_model().objects.create_user("bench"))

    def fetch(url: str) -> tuple[int, int]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response.status_code, len(response.getvalue())

    def timed(url: str) -> float:
        fetch(url)  # warm: templates compiled, connection open
        samples = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            fetch(url)
            samples.append(time.perf_counter() - started)
        return statistics.median(samples)

    print(f"Session planner benchmark ({args.deliverables:,} deliverables, {connection.vendor})")
    reference_seconds = timed(REFERENCE[1])
    print(f"  {REFERENCE[0]} ({REFERENCE[1]}): {reference_seconds * 1000:,.0f} ms")
    for label, url in PAGES:
        queries = []  # counted at execution: each request empties Django's query log

        def count(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            _, size = fetch(url)
        seconds = timed(url)
        print(f"  {label}: queries  {len(queries)}")
        print(f"  {label}: body  {size / 1024:,.0f} KiB")
        report(
            f"{label} ({url})",
            seconds,
            "s",
            goal=GOAL_SECONDS,
            reference=(REFERENCE[0], reference_seconds),
        )


if __name__ == "__main__":
    main()
