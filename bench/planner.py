"""Benchmark the session planner: one session's plan and the overview of the next sessions.

    python bench/planner.py [--deliverables 10000] [--repeat 5]

Creates a throw-away test database (SQLite in memory, or `test_<name>` on the
DATABASE_URL server), fills it with public deliverables over HRC 60-66 and GA 80-82 (one
in ten recurring, one in five assigned to one of 20 units), and prints the time and
queries of GET /sessions/HRC-65/plan/, /sessions/plan/, the CSV download and the JSON.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("STATIC_MANIFEST", "0")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "1")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)
from django.utils import timezone  # noqa: E402
from feeds import fill, timed  # noqa: E402

from mandates.models import Contact, Deliverable, ReviewStatus  # noqa: E402


def plan_fill(count: int) -> None:
    """The feeds benchmark's deliverables, confirmed, some recurring, some with units."""
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

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        plan_fill(args.deliverables)
        client = Client()
        rows = [("database", connection.vendor), ("today", str(timezone.localdate()))]
        user = get_user_model().objects.create_user("bench")
        for label, url, login in [
            ("HRC 65 plan page", "/sessions/HRC-65/plan/", False),
            ("overview page", "/sessions/plan/", False),
            ("HRC 65 plan as CSV", "/sessions/HRC-65/plan.csv", False),
            ("overview as JSON", "/api/sessions/plan/", True),
        ]:
            if login:
                client.force_login(user)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            query_count = len(queries)  # now: each request empties the query log
            assert response.status_code == 200, (url, response.status_code)
            milliseconds = timed(lambda url=url: client.get(url), args.repeat)
            rows.append((f"{label} (median of {args.repeat})", f"{milliseconds:,.0f} ms"))
            rows.append((f"{label}: queries", str(query_count)))
        width = max(len(label) for label, _ in rows)
        print(f"Session planner benchmark ({args.deliverables:,} deliverables)")
        for label, value in rows:
            print(f"  {label:<{width}}  {value}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
