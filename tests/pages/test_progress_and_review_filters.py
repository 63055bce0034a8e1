"""The deliverable lists (pages, CSV export, API) filter by progress and by review apart,
both applying ("confirmed and in progress"); `status`, one filter that mixed both and
matched either, still answers the links and bookmarks that use it."""

import csv
import io
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mandates.models import Deliverable, ReviewStatus
from tests import factories

pytestmark = pytest.mark.django_db

UPCOMING = reverse("mandates:upcoming")
EXPORT = reverse("mandates:export_csv")


@pytest.fixture
def lists(editor) -> Client:
    """A staff editor's browser, and three deliverables due soon."""
    due = timezone.localdate() + timedelta(days=10)
    for title, review, progress in [
        ("Confirmed, in progress", ReviewStatus.CONFIRMED, Deliverable.Progress.IN_PROGRESS),
        ("Proposed, in progress", ReviewStatus.PROPOSED, Deliverable.Progress.IN_PROGRESS),
        ("Confirmed, planned", ReviewStatus.CONFIRMED, Deliverable.Progress.PLANNED),
    ]:
        factories.DeliverableFactory(
            title=title, review_status=review, progress=progress, due_date=due, manual_due_date=due
        )
    client = Client()
    client.force_login(editor)
    return client


def _titles(response) -> set[str]:
    assert response.status_code == 200
    return {item.title for item in response.context["deliverables"]}


def test_progress_and_review_both_apply(lists):
    both = {"progress": "in_progress", "review": "confirmed"}
    assert _titles(lists.get(UPCOMING, both)) == {"Confirmed, in progress"}
    assert _titles(lists.get(UPCOMING, {"review": "confirmed"})) == {
        "Confirmed, in progress",
        "Confirmed, planned",
    }
    assert _titles(lists.get(UPCOMING, {"progress": ["in_progress", "planned"]})) == {
        "Confirmed, in progress",
        "Proposed, in progress",
        "Confirmed, planned",
    }
    export = lists.get(EXPORT, {"scope": "upcoming", **both}).getvalue().decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(export)))
    assert [row["Title"] for row in rows] == ["Confirmed, in progress"], rows
    api = lists.get("/api/deliverables/", both).json()["results"]
    assert [row["title"] for row in api] == ["Confirmed, in progress"]


def test_the_form_offers_progress_and_review_apart(lists):
    """Two labelled lists, one of progress states, one of review states; no "Status" mixing
    them, unless the address uses it (an older link), which then shows what it filters by."""
    page = lists.get(UPCOMING).content.decode()
    for name in ("progress", "review"):
        assert f'<label for="id_{name}">' in page
    assert 'id="id_status"' not in page
    response = lists.get(UPCOMING, {"status": "proposed"})
    assert 'id="id_status"' in response.content.decode()
    assert _titles(response) == {"Proposed, in progress"}


def test_older_status_links_still_match_either(lists):
    """?status= as bookmarked: a progress or a review state, any of them matching."""
    assert _titles(lists.get(UPCOMING, {"status": "in_progress"})) == {
        "Confirmed, in progress",
        "Proposed, in progress",
    }
    assert _titles(lists.get(UPCOMING, {"status": ["proposed", "planned"]})) == {
        "Proposed, in progress",
        "Confirmed, planned",
    }
