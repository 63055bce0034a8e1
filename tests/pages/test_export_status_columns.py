"""/export.csv said nothing of what the pages say beside a row (QA): a deliverable a new
version of the text dropped read as confirmed with its due date, and in the "all" export
historic rows (long past, no reminders) read as live overdue ones. New columns at the end
say it in the pages' words; every earlier column keeps its place and its values."""

import csv
import io
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from mandates.models import Deliverable, ReviewStatus
from mandates.services import deliverables as deliverable_services
from tests import factories
from tests.pages.test_export_rows import STAFF_HEADER_BEFORE
from tests.samples import hrc_resolution
from tests.test_no_longer_in_text import REPORT_AT_64, STUDY_AT_65, _ingest

pytestmark = pytest.mark.django_db

EXPORT = reverse("mandates:export_csv")
ADDED = ["No longer in the text", "Historic", "Progress (words)"]


def download(client, url: str = EXPORT) -> list[dict[str, str]]:
    """The CSV's rows by column label; the header checked: the earlier columns in their
    places, the new ones last."""
    body = b"".join(client.get(url).streaming_content)
    header, *rows = csv.reader(io.StringIO(body.decode("utf-8-sig"), newline=""))
    assert header[-len(ADDED) :] == ADDED
    earlier = [label for label in header if label in STAFF_HEADER_BEFORE]
    assert header[: len(earlier)] == earlier
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_the_export_says_what_the_text_no_longer_asks_for(staff_client, tmp_path, settings):
    """A confirmed study someone was assigned, dropped by the next version of the text: the
    staff's export says "yes" under "No longer in the text" (as its page says it), the
    report the text still asks for "no"; Review and Due date keep their values."""
    settings.MEDIA_ROOT = tmp_path / "media"
    _ingest(tmp_path, hrc_resolution(operative=[REPORT_AT_64, STUDY_AT_65]))
    deliverable_services.deliverable_confirm(deliverables=Deliverable.objects.all())
    study = Deliverable.objects.get(mandate__paragraph_label="2")
    deliverable_services.deliverable_assign(
        deliverables=Deliverable.objects.filter(pk=study.pk),
        contacts=[factories.ContactFactory()],
    )
    _ingest(tmp_path, hrc_resolution(operative=[REPORT_AT_64]))
    study.refresh_from_db()
    assert study.no_longer_in_text

    by_title = {row["Title"]: row for row in download(staff_client)}
    dropped = by_title[study.title]
    assert dropped["No longer in the text"] == "yes"
    assert (dropped["Review"], dropped["Due date"]) == ("confirmed", study.due_date.isoformat())
    [kept] = [row for title, row in by_title.items() if title != study.title]
    assert kept["No longer in the text"] == "no"
    page = staff_client.get(reverse("mandates:deliverable", args=[study.uid]))
    assert "no longer in the text" in page.content.decode()


def test_the_all_export_tells_historic_rows_from_live_overdue_ones():
    """Two reports long past their date, one historic (no reminders), one chased: the
    anonymous "all" export says which under "Historic"; a progress code keeps its value
    under "Progress" and is said in words under "Progress (words)"."""
    public = {"review_status": ReviewStatus.CONFIRMED}
    factories.DeliverableFactory(
        title="Historic report", due_date=date(2020, 3, 1), is_historic=True, **public
    )
    factories.DeliverableFactory(
        title="Overdue report",
        due_date=date(2025, 3, 1),
        progress=Deliverable.Progress.IN_PROGRESS,
        **public,
    )
    by_title = {row["Title"]: row for row in download(Client())}
    assert by_title["Historic report"]["Historic"] == "yes"
    overdue = by_title["Overdue report"]
    assert overdue["Historic"] == "no"
    assert (overdue["Progress"], overdue["Progress (words)"]) == ("in_progress", "in progress")
    assert by_title["Historic report"]["Progress (words)"] == "planned"
