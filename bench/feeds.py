"""Benchmark the calendar feeds on 10,000 deliverables.

    python bench/feeds.py [--deliverables 10000] [--repeat 20]

Creates a throw-away test database (SQLite in memory, or `test_<name>` on the
DATABASE_URL server), fills it, and prints: cold render time beside the `icalendar`
library rendering the same events in the same run (tests/ical_reference.py, the renderer
before issue 16), queries per feed request (cache miss), publishing after one change,
response time from the cache, 304 time, and the body size. Uses the cache configured in
the settings (local memory, or Redis when REDIS_URL is set).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date
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

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)
from goals import report  # noqa: E402

from mandates.models import (  # noqa: E402
    Actor,
    Body,
    Deliverable,
    DueDateRule,
    Mandate,
    Resolution,
    ReviewStatus,
    Session,
)
from mandates.services import feeds  # noqa: E402
from mandates.services.schedule import due_date_compute  # noqa: E402
from tests import ical_reference  # noqa: E402

# When this bench's resolutions were adopted: HRC 63 and GA 81 were under way, so the dates
# due at them count from their close and their events carry the due-date note (a fifth).
ADOPTED_ON = date(2026, 10, 7)


def fill(count: int, *, adopted_on: date | None = None) -> None:
    """`count` public (confirmed) deliverables over HRC 60-66 and GA 80-82, 10 per mandate,
    of resolutions adopted on `adopted_on` (none: the planner and pages benchmarks')."""
    sessions = list(
        Session.objects.select_related("body").filter(
            body__code__in=["HRC", "GA"], number__in=[*range(60, 67), 80, 81, 82]
        )
    )
    rules = {b.pk: list(DueDateRule.objects.filter(body=b)) for b in Body.objects.all()}
    actors = [Actor.objects.get_or_create(name=f"Bench actor {i}")[0] for i in range(20)]
    hrc = Body.objects.get(code="HRC")
    resolutions = Resolution.objects.bulk_create(
        Resolution(
            body=hrc, symbol=f"A/HRC/RES/BENCH/{i}", title=f"Resolution {i}", adopted_on=adopted_on
        )
        for i in range(max(count // 100, 1))
    )
    mandates = Mandate.objects.bulk_create(
        Mandate(
            resolution=resolutions[i % len(resolutions)],
            paragraph_label=str(i % 40 + 1),
            actor=actors[i % len(actors)],
            quote="Requests the High Commissioner to present a report to the Human Rights "
            "Council at its sixty-fifth session on the implementation of the present "
            f"resolution ({i})",
        )
        for i in range(max(count // 10, 1))
    )
    kinds = ["report", "oral update", "seminar", "panel", "study"]
    relations = ["at", "before", "by"]
    batch = []
    for i in range(count):
        session = sessions[i % len(sessions)]
        kind, relation = kinds[i % len(kinds)], relations[i % len(relations)]
        due = due_date_compute(
            session=session,
            kind=kind,
            relation=relation,
            rules=rules[session.body_id],
            adopted_on=adopted_on,
        )
        batch.append(
            Deliverable(
                mandate=mandates[i % len(mandates)],
                kind=kind,
                title=f"{kind.capitalize()} number {i} of the High Commissioner",
                due_session=session,
                due_relation=relation,
                computed_due_date=due,
                due_date=due,
                sequence=1,
                review_status=ReviewStatus.CONFIRMED,
            )
        )
    Deliverable.objects.bulk_create(batch, batch_size=2000)


def timed(function, repeat: int) -> float:
    """Median wall time of `function` in milliseconds."""
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--deliverables", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        fill(args.deliverables, adopted_on=ADOPTED_ON)
        fill_ms = (time.perf_counter() - started) * 1000
        feed = feeds.AllDeliverablesFeed()
        client = Client()
        url = "/feeds/deliverables.ics"

        render_ms = timed(feed.render, 3)
        old_ms = timed(lambda: ical_reference.feed_calendar(feed).to_ical(), 3)
        same_bytes = feed.render() == ical_reference.feed_calendar(feed).to_ical()
        changed = Deliverable.objects.order_by("pk").first()
        assert changed is not None
        changed.title = "Retitled"
        changed.save()
        started = time.perf_counter()
        assert feeds.feed_publish(feed=feed)
        republish_ms = (time.perf_counter() - started) * 1000
        version_ms = timed(lambda: feeds.feed_version(feed=feed), args.repeat)
        cache.clear()
        # Each request empties the query log as it starts (request_started), so a count
        # begun on a non-empty log is wrong (it gave 0 after filling): empty it first.
        reset_queries()
        with CaptureQueriesContext(connection) as miss_queries:
            started = time.perf_counter()
            first = client.get(url)
            miss_ms = (time.perf_counter() - started) * 1000
        events = first.content.count(b"BEGIN:VEVENT")
        assert events == args.deliverables, events
        noted = first.content.replace(b"\r\n ", b"").count(b"counted from its close")
        cached_ms = timed(lambda: client.get(url), args.repeat)
        reset_queries()
        with CaptureQueriesContext(connection) as hit_queries:
            client.get(url)
        etag = first["ETag"]
        not_modified_ms = timed(lambda: client.get(url, HTTP_IF_NONE_MATCH=etag), args.repeat)
        assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
        cache.clear()
        reset_queries()
        with CaptureQueriesContext(connection) as alarm_queries:
            client.get(url + "?alarms=1")

        rows = [
            ("database", connection.vendor),
            ("cache", settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]),
            ("deliverables in the feed", f"{events:,}"),
            ("events with a due-date note", f"{noted:,}"),
            ("body size", f"{len(first.content) / 1024 / 1024:.1f} MiB"),
            ("fill the database", f"{fill_ms:,.0f} ms"),
            ("render, nothing cached (median of 3)", f"{render_ms:,.0f} ms"),
            ("icalendar library, same events (median of 3)", f"{old_ms:,.0f} ms"),
            ("same bytes as the icalendar library", "yes" if same_bytes else "no"),
            ("publish after one deliverable changed", f"{republish_ms:,.0f} ms"),
            ("version stamp (1 query)", f"{version_ms:,.1f} ms"),
            ("GET on a cache miss (stamp + render + cache)", f"{miss_ms:,.0f} ms"),
            ("queries on a cache miss", str(len(miss_queries))),
            ("queries on a cache miss with ?alarms=1", str(len(alarm_queries))),
            ("GET from the cache (median)", f"{cached_ms:,.1f} ms"),
            ("queries from the cache", str(len(hit_queries))),
            ("conditional GET -> 304 (median)", f"{not_modified_ms:,.1f} ms"),
            ("per event (cold render)", f"{render_ms / max(events, 1) * 1000:,.0f} µs"),
        ]
        width = max(len(label) for label, _ in rows)
        print(f"Calendar feed benchmark ({args.deliverables:,} deliverables)")
        for label, value in rows:
            print(f"  {label:<{width}}  {value}")
        report(
            f"feeds: cold render of {events:,} events",
            render_ms / 1000,
            "s",
            goal=0.5,
            reference=("the icalendar library", old_ms / 1000),
        )
        report("feeds: queries per cache miss", len(miss_queries), "queries", goal=4)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
