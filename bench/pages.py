"""Benchmark every page, the CSV export, the JSON lists and the admin lists at 10,000 rows.

    python bench/pages.py [--deliverables 10000] [--repeat 3]

Fills a fresh PostgreSQL database (BENCH_DATABASE_URL, see django_setup.py) with the
planner benchmark's deliverables (bench/planner.py `plan_fill`, itself the feeds
benchmark's `fill`), then makes a share of them what the pages pick out: proposals and
flagged ones (/review/), deliverables without a date (/no-deadline/), historic ones, some
assigned to the person looking (/mine/) and a consideration per resolution; and stores
resolutions as ingest does, as many as the corpus has for so many deliverables, each with a
text and an extraction result of the corpus's size (`resolutions_as_stored`). Each URL is
timed with Django's test client as an anonymous visitor, a staff member and a superuser
(median of --repeat runs), beside a minimal page (the login form) measured in the same run;
the query count of each is printed too. Templates render as in production: without the
test environment's instrumentation, which copies the context at every include.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("STATIC_MANIFEST", "0")

from django_setup import django_for_bench  # noqa: E402

django_for_bench()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from feeds import timed  # noqa: E402
from goals import report  # noqa: E402
from planner import plan_fill  # noqa: E402

from mandates.models import (  # noqa: E402
    Body,
    Consideration,
    Contact,
    Deliverable,
    Resolution,
    ReviewStatus,
)
from mandates.services.health import CELERY_STATE_CACHE_KEY  # noqa: E402

GOAL_SECONDS = 0.3
# What ingest stored for QA's corpus (440 resolutions, 1,002 deliverables): 0.44 resolutions
# a deliverable, a clean text of 18,000 characters and an extraction result of 27,000 on
# average. The admin's lists must not read either (issue: 2 s for 440 resolutions).
RESOLUTIONS_PER_DELIVERABLE = 0.44
TEXT_PARAGRAPHS = 40  # of about 450 characters: 18,000
STORED_BATCH = 200


def resolutions_as_stored(count: int) -> None:
    """Every resolution with a text and an extraction result of the corpus's size (words in
    no repeating order, so PostgreSQL compresses them no better than real texts), and texts
    without deliverables up to `RESOLUTIONS_PER_DELIVERABLE` of `count`."""
    rng = random.Random(16)
    words = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 11)))
        for _ in range(2000)
    ]

    def stored() -> dict:
        paragraphs = [
            " ".join(rng.choice(words) for _ in range(65)) + ";" for _ in range(TEXT_PARAGRAPHS)
        ]
        operative = [
            {"number": str(n), "verb": "Requests", "text": text, "span": [n * 450, n * 450 + 440]}
            for n, text in enumerate(paragraphs, start=1)
        ]
        requests = [
            {"paragraph": str(n), "actor": "High Commissioner", "kind": "report", "due": None}
            for n in range(1, TEXT_PARAGRAPHS, 4)
        ]
        return {
            "text": "\n\n".join(paragraphs),
            "extraction": {"operative": operative, "requests": requests, "warnings": []},
            "warnings": ["paragraph 9: actor not in the alias table: Director-General of WHO"],
        }

    existing = list(Resolution.objects.order_by("pk"))
    for resolution in existing:
        for name, value in stored().items():
            setattr(resolution, name, value)
    Resolution.objects.bulk_update(
        existing, ["text", "extraction", "warnings"], batch_size=STORED_BATCH
    )
    hrc = Body.objects.get(code="HRC")
    missing = max(int(count * RESOLUTIONS_PER_DELIVERABLE) - len(existing), 0)
    for start in range(0, missing, STORED_BATCH):
        Resolution.objects.bulk_create(
            Resolution(
                body=hrc,
                symbol=f"A/HRC/RES/STORED/{number}",
                title=f"Stored resolution {number}",
                **stored(),
            )
            for number in range(start, min(start + STORED_BATCH, missing))
        )


def pages_fill(count: int, *, user) -> None:
    """The planner's deliverables, then what each page picks out: one in five proposed,
    one in twenty flagged, one in fifty without a date, one in ten of the past ones
    historic, one in ten assigned to `user`; a consideration per resolution; then the
    resolutions as ingest stores them (`resolutions_as_stored`)."""
    plan_fill(count)
    ids = list(Deliverable.objects.order_by("pk").values_list("pk", flat=True))
    Deliverable.objects.filter(pk__in=ids[1::5]).update(review_status=ReviewStatus.PROPOSED)
    Deliverable.objects.filter(pk__in=ids[2::20]).update(
        needs_review=True, review_reasons=["two sessions named"]
    )
    Deliverable.objects.filter(pk__in=ids[3::50]).update(
        due_session=None, due_date=None, computed_due_date=None, due_relation=""
    )
    past = Deliverable.objects.filter(due_date__lt=timezone.localdate())
    past_ids = list(past.order_by("pk").values_list("pk", flat=True))
    Deliverable.objects.filter(pk__in=past_ids[::10]).update(is_historic=True)
    contact = Contact.objects.create(
        name="Bench officer", email="officer@bench.example.org", user=user
    )
    through = Deliverable.assignees.through
    through.objects.bulk_create(
        through(deliverable_id=pk, contact_id=contact.pk) for pk in ids[4::10]
    )
    Consideration.objects.bulk_create(
        Consideration(
            resolution=resolution,
            body=resolution.body,
            paragraph_label="40",
            review_status=ReviewStatus.CONFIRMED,
        )
        for resolution in Resolution.objects.all()
    )
    resolutions_as_stored(count)


def urls() -> list[tuple[str, str, tuple[str, ...]]]:
    """(label, URL, who may read it) for every page measured."""
    symbol = Resolution.objects.order_by("pk").values_list("symbol", flat=True).first()
    everyone, signed_in, staff, superuser = (
        ("anonymous", "staff", "superuser"),
        ("staff", "superuser"),
        ("staff", "superuser"),
        ("superuser",),
    )
    return [
        ("upcoming /", "/", everyone),
        ("/review/", "/review/", staff),
        ("/timeline/", "/timeline/", everyone),
        ("/overdue/", "/overdue/", everyone),
        ("/no-deadline/", "/no-deadline/", everyone),
        ("/mine/", "/mine/", signed_in),
        ("/export.csv", "/export.csv", everyone),
        ("/export.csv?scope=review", "/export.csv?scope=review", staff),
        ("/health/", "/health/", everyone),
        ("/due-date-rules/", "/due-date-rules/", everyone),
        ("/sessions/HRC-65/", "/sessions/HRC-65/", everyone),
        ("resolution page", f"/resolutions/{symbol}/", everyone),
        ("/api/deliverables/", "/api/deliverables/", signed_in),
        ("/api/resolutions/", "/api/resolutions/", signed_in),
        ("API resolution", f"/api/resolutions/{symbol}/", signed_in),
        ("admin deliverables", "/admin/mandates/deliverable/", superuser),
        ("admin review queue", "/admin/mandates/deliverablereview/", superuser),
        ("admin resolutions", "/admin/mandates/resolution/", superuser),
        ("admin mandates", "/admin/mandates/mandate/", superuser),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deliverables", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    # Not setup_test_environment(): it instruments every template render (each include of
    # each row) to copy the context for the test client, which production never does.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    users = get_user_model().objects
    staff = users.create_user("bench-staff", is_staff=True)
    superuser = users.create_superuser("bench-admin", "admin@bench.example.org", "unused")
    started = time.perf_counter()
    pages_fill(args.deliverables, user=staff)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would: row estimates for the planner
    print(f"Page benchmark ({args.deliverables:,} deliverables, {connection.vendor})")
    print(f"  fill the database  {time.perf_counter() - started:,.1f} s")
    clients = {"anonymous": Client(), "staff": Client(), "superuser": Client()}
    clients["staff"].force_login(staff)
    clients["superuser"].force_login(superuser)

    def get(client: Client, url: str) -> int:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
        return response.status_code

    minimal = timed(lambda: get(clients["anonymous"], "/login/"), args.repeat * 3) / 1000
    print(f"  a minimal page (the login form)  {minimal * 1000:,.1f} ms")

    def health_uncached() -> int:
        cache.delete(CELERY_STATE_CACHE_KEY)  # ask the workers again, as every 30 s
        return get(clients["anonymous"], "/health/")

    seconds = timed(health_uncached, args.repeat) / 1000
    report(
        "/health/, worker state not cached",
        seconds,
        "s",
        goal=GOAL_SECONDS,
        reference=("a minimal page", minimal),
    )
    for label, url, readers in urls():
        for reader in readers:
            client = clients[reader]
            get(client, url)  # warm: caches the health ping, compiles templates
            reset_queries()  # each request empties the log: start the count from nothing
            with CaptureQueriesContext(connection) as queries:
                status = get(client, url)
            query_count = len(queries)  # now: the next request empties the query log
            # /health/ answers 503, truthfully, when no Celery worker runs beside the bench.
            assert status == 200 or (url == "/health/" and status == 503), (url, reader, status)
            seconds = timed(lambda client=client, url=url: get(client, url), args.repeat) / 1000
            print(f"  {label} as {reader}: queries  {query_count}")
            report(
                f"{label} as {reader}",
                seconds,
                "s",
                goal=GOAL_SECONDS,
                reference=("a minimal page", minimal),
            )


if __name__ == "__main__":
    main()
