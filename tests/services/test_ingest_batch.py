"""Ingest at batch speed: each affected calendar feed is rendered once per batch (a folder
ingested, an admin import), after the last commit, and a file costs a number of queries
that does not grow with its deliverables. Nothing is lost on the way: every deliverable
is in the feed and has its history record."""

from __future__ import annotations

import shutil
from collections import Counter
from contextlib import contextmanager
from io import StringIO
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from mandates.models import Body, Deliverable, Mandate, Resolution
from mandates.services import feeds
from mandates.services.ingest import resolution_ingest
from mandates.services.schedule import session_get_or_estimate
from tests.samples import hrc_resolution
from tests.shared_data import shared_path

pytestmark = pytest.mark.django_db

# Corpus files with deliverables due at several sessions, asked of several actors.
CORPUS_FILES = [
    "A_HRC_RES_50_1.txt",
    "A_HRC_RES_50_10.txt",
    "A_HRC_RES_50_13.txt",
    "A_HRC_RES_50_14.txt",
    "A_HRC_RES_50_17.txt",
    "A_HRC_RES_50_2.txt",
]


@pytest.fixture(autouse=True)
def _media_and_public_proposals(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PUBLIC_SHOWS_PROPOSALS = True  # the public feed shows what ingest proposed
    cache.clear()  # an empty feed another test cached would be served, not rendered


@pytest.fixture
def folder(tmp_path):
    """A folder of real resolutions, as `manage.py ingest DIR` reads it."""
    target = tmp_path / "in"
    target.mkdir()
    for name in CORPUS_FILES:
        shutil.copy(shared_path("corpus", "hrc", name), target / name)
    return target


@contextmanager
def counting_rebuilds():
    """Count the rebuild tasks and each feed's renders."""
    renders: Counter[str] = Counter()
    tasks: list[tuple[list[int], list[int]]] = []
    render = feeds.CalendarFeed.render
    publish_affected = feeds.feeds_publish_affected

    def counted_render(self, **kwargs):
        renders[self.key] += 1
        return render(self, **kwargs)

    def counted_publish_affected(*, deliverable_ids, session_ids):
        tasks.append((deliverable_ids, session_ids))
        return publish_affected(deliverable_ids=deliverable_ids, session_ids=session_ids)

    with (
        mock.patch.object(feeds.CalendarFeed, "render", counted_render),
        mock.patch.object(feeds, "feeds_publish_affected", counted_publish_affected),
    ):
        yield renders, tasks


def affected_keys() -> set[str]:
    """The feeds that show the stored deliverables."""
    ids = list(Deliverable.objects.values_list("pk", flat=True))
    return {feed.key for feed in feeds.feeds_affected(deliverable_ids=ids, session_ids=[])}


def cached_uids(feed: feeds.CalendarFeed) -> list[str]:
    """The UIDs of the feed's cached body, which must be the body for its current version
    (what a subscriber gets without any rendering)."""
    body = feeds.feed_cached(
        feed=feed, version=feeds.feed_version(feed=feed), store=feeds.FeedCache()
    )
    assert body is not None, f"{feed.key} is not cached at its current version"
    return [str(event["UID"]) for event in Calendar.from_ical(body).walk("VEVENT")]


def uid_of(deliverable: Deliverable) -> str:
    return f"deliverable-{deliverable.uid}@{feeds.UID_DOMAIN}"


def test_ingesting_a_folder_renders_each_affected_feed_once(
    folder, django_capture_on_commit_callbacks
):
    """`manage.py ingest DIR`: one rebuild after the last file, each feed rendered once,
    and the feed then holds every deliverable with a date."""
    out = StringIO()
    with counting_rebuilds() as (renders, tasks), django_capture_on_commit_callbacks(execute=True):
        call_command("ingest", str(folder), stdout=out, verbosity=0)
    assert f"{len(CORPUS_FILES)} new, 0 updated, 0 unchanged, 0 failed" in out.getvalue()
    dated = Deliverable.objects.exclude(due_date=None)
    assert dated.count() >= len(CORPUS_FILES)
    assert len(tasks) == 1
    assert set(tasks[0][0]) == set(Deliverable.objects.values_list("pk", flat=True))
    keys = affected_keys()
    assert len(keys) > 3  # the whole list, the Council, its sessions, the actors
    assert dict(renders) == dict.fromkeys(keys, 1)
    uids = cached_uids(feeds.AllDeliverablesFeed())
    assert sorted(uids) == sorted(uid_of(d) for d in dated)
    assert len(set(uids)) == len(uids)


def test_a_bad_file_fails_alone_and_the_batch_still_rebuilds_once(
    folder, django_capture_on_commit_callbacks
):
    """A file that fails stores nothing and queues nothing; the others are in the feed."""
    (folder / "A_HRC_RES_50_99.txt").write_bytes(b"Human Rights Council\n\nnothing to read")
    with (
        counting_rebuilds() as (renders, tasks),
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(CommandError, match="1 file"),
    ):
        call_command("ingest", str(folder), stdout=StringIO(), verbosity=0)
    assert Resolution.objects.count() == len(CORPUS_FILES)
    assert len(tasks) == 1 and set(renders.values()) == {1}
    assert sorted(cached_uids(feeds.AllDeliverablesFeed())) == sorted(
        uid_of(d) for d in Deliverable.objects.exclude(due_date=None)
    )


def test_an_admin_import_renders_each_affected_feed_once(
    staff_client, folder, django_capture_on_commit_callbacks
):
    """Several files uploaded at once: one rebuild when the import is done; every new row
    has its history record, naming the person who uploaded it."""
    files = [SimpleUploadedFile(path.name, path.read_bytes()) for path in sorted(folder.iterdir())]
    with counting_rebuilds() as (renders, tasks), django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("admin:mandates_resolution_import"), {"files": files})
    assert response.status_code == 200
    assert f"{len(files)} file(s) read, 0 failed" in response.content.decode()
    assert len(tasks) == 1
    assert dict(renders) == dict.fromkeys(affected_keys(), 1)
    assert sorted(cached_uids(feeds.AllDeliverablesFeed())) == sorted(
        uid_of(d) for d in Deliverable.objects.exclude(due_date=None)
    )
    for model in (Resolution, Mandate, Deliverable):
        for row in model.objects.all():
            record = row.history.get()  # exactly one: created, with its final values
            assert record.history_type == "+"
            assert record.history_user == staff_client.user
    for deliverable in Deliverable.objects.all():
        assert deliverable.history.get().due_date == deliverable.due_date


def test_a_single_admin_edit_refreshes_its_feeds_at_once(
    staff_client, folder, django_capture_on_commit_callbacks
):
    """Outside a batch nothing waits: confirming one deliverable in the admin republishes
    the feeds that show it before the answer goes out."""
    call_command("ingest", str(folder), stdout=StringIO(), verbosity=0)
    deliverable = Deliverable.objects.exclude(due_date=None).first()
    with counting_rebuilds() as (renders, tasks), django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:mandates_deliverable_changelist"),
            {"action": "confirm", "_selected_action": [deliverable.pk]},
        )
    assert response.status_code == 302
    assert len(tasks) == 1 and tasks[0][0] == [deliverable.pk]
    assert renders[feeds.AllDeliverablesFeed().key] == 1
    deliverable.refresh_from_db()
    assert deliverable.review_status == "confirmed"
    assert uid_of(deliverable) in cached_uids(feeds.AllDeliverablesFeed())


# --- Queries per file ----------------------------------------------------------------------

# Sessions far ahead (dated, so nothing is overdue), created before counting.
SESSIONS = {70: "seventieth", 75: "seventy-fifth"}
ACTORS = ["the High Commissioner", "the Secretary-General", "the Special Rapporteur"]


def _text(number: str, title: str, deliverables: int) -> str:
    ordinals = list(SESSIONS.values())
    operative = [
        f"Requests {ACTORS[i % len(ACTORS)]} to prepare a report on topic {i} of {title} and "
        f"to present it to the Human Rights Council at its {ordinals[i % len(ordinals)]} "
        "session;"
        for i in range(deliverables)
    ]
    return hrc_resolution(number=number, title=title, operative=operative)


# One file alone: the actor table and the Actor rows (read once per batch in a folder);
# the checksum and the symbol; bodies and sessions the text names; the resolution, its
# paragraphs, mandates and deliverables (one insert each, and one for the history of
# each but paragraphs); due-date rules; earlier deliverables of the series; drafts; a
# savepoint and its release.
QUERIES_PER_FILE = 19


def test_queries_per_file_do_not_grow_with_its_deliverables():
    """A file with 12 deliverables costs the same queries as one with 2, and few."""
    hrc = Body.objects.get(code="HRC")
    for number in SESSIONS:
        session_get_or_estimate(body=hrc, number=number)
    counts = {}
    for size, number in ((2, "61/81"), (12, "61/82")):
        text = _text(number, f"Invented series number {number}", size)
        with CaptureQueriesContext(connection) as queries:
            outcome = resolution_ingest(data=text.encode(), name=f"A_HRC_RES_{number}.txt")
        assert (outcome.status, outcome.deliverables) == ("new", size), outcome.reason
        counts[size] = len(queries)
    assert counts[2] == counts[12], counts
    assert counts[12] <= QUERIES_PER_FILE, counts
    assert Deliverable.objects.filter(due_session__number__in=SESSIONS).count() == 14


def test_a_file_binding_several_resolutions_fails_and_replaces_nothing(tmp_path):
    """A PDF of a session's resolutions bound together fails with the numbers it holds; the
    resolution stored from its own file stays as it was."""
    ask = "Requests the Office of the High Commissioner to present a report at its sixty-first session;"
    own = hrc_resolution(number="58/97", operative=[ask])
    resolution_ingest(data=own.encode(), name="A_HRC_RES_58_97.txt")
    bundle = (
        own + "\n\f\n" + hrc_resolution(number="58/98", title="Other (example)", operative=[ask])
    )
    (tmp_path / "session 58.txt").write_text(bundle, encoding="utf-8")
    out = StringIO()
    with pytest.raises(CommandError, match="1 file"):
        call_command("ingest", str(tmp_path), stdout=out, stderr=out, verbosity=0)
    assert "holds 2 resolutions (58/97, 58/98)" in out.getvalue()
    stored = Resolution.objects.get()
    assert stored.source_name == "A_HRC_RES_58_97.txt" and "58/98" not in stored.text
