"""A draft its adopted text superseded, through the admin: the History says why the
draft's deliverables closed and opened again."""

import pytest
from django.urls import reverse

from mandates.models import (
    Deliverable,
    Resolution,
)
from mandates.services.ingest import resolution_ingest
from tests import drafts_samples

pytestmark = pytest.mark.django_db

DRAFT = "A/C.3/81/L.19"
ADOPTED = "A/RES/81/412"
REPORT = (
    "Requests the Secretary-General to submit a report on access to the archives of invented "
    "commissions to the General Assembly at its eighty-second session;"
)
STUDY = (
    "Also requests the Secretary-General to prepare a study on invented commissions and to "
    "present it to the General Assembly at its eighty-third session;"
)
FIRST = "Decides to remain seized of the matter;"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def ingest(text: str, name: str) -> None:
    outcome = resolution_ingest(data=text.encode(), name=name)
    assert outcome.status != "failed", outcome.reason


def draft(*operative: str) -> None:
    ingest(drafts_samples.c3_draft(operative=list(operative)), "A_C.3_81_L.19.txt")


def adopted(*operative: str) -> None:
    ingest(drafts_samples.ga_adopted(operative=[FIRST, *operative]), "A_RES_81_412.txt")


def item(symbol: str, kind: str = "report") -> Deliverable:
    return Deliverable.objects.get(mandate__resolution__symbol=symbol, kind=kind)


def change_url(obj) -> str:
    return reverse(f"admin:mandates_{obj._meta.model_name}_change", args=[obj.pk])


def seen(deliverable: Deliverable) -> tuple:
    """What a person's work would change on a deliverable."""
    deliverable.refresh_from_db()
    return (
        deliverable.progress,
        deliverable.review_status,
        deliverable.manual_due_date,
        deliverable.edited_fields,
        deliverable.updated_at,
        list(deliverable.comments.values_list("text", flat=True)),
    )


# --- The History says why ------------------------------------------------------------------


def test_the_history_says_superseded_by_and_draft_again(staff_client):
    """QA: the draft's History showed only "Progress: planned -> superseded" and back. Its
    deliverable's and its own History now name the adopted text each way."""
    draft(REPORT)
    report = item(DRAFT)
    resolution = report.mandate.resolution
    adopted(REPORT)
    history = reverse("admin:mandates_deliverable_history", args=[report.pk])
    assert f"<td>Superseded by {ADOPTED}</td>" in staff_client.get(history).content.decode()
    Resolution.objects.get(symbol=ADOPTED).delete()
    page = staff_client.get(history).content.decode()
    assert f"<td>Draft again: {ADOPTED} deleted</td>" in page
    reasons = list(resolution.history.values_list("history_change_reason", flat=True)[:2])
    assert reasons == [f"Draft again: {ADOPTED} deleted", f"Superseded by {ADOPTED}"]
    page = staff_client.get(reverse("admin:mandates_resolution_history", args=[resolution.pk]))
    assert f"Superseded by {ADOPTED}" in page.content.decode()


def test_a_dropped_draft_deliverable_closed_says_why_in_its_history(staff_client):
    """A draft study nobody touched, not in the adopted text: closed, and its History says
    by which text and why."""
    draft(REPORT, STUDY)
    study = item(DRAFT, "study")
    adopted(REPORT)
    page = staff_client.get(reverse("admin:mandates_deliverable_history", args=[study.pk]))
    assert f"<td>Superseded by {ADOPTED}, which does not ask for it</td>" in page.content.decode()
