"""An import's outcome says which of a paragraph's deliverables a change is about: its
kind, and its title when the paragraph asks for two of one kind (QA 39, finding 7)."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from mandates.models import Deliverable
from tests.samples import hrc_resolution
from tests.test_admin_review import _import

pytestmark = pytest.mark.django_db

UPDATE_AND_REPORT = (
    "Requests the High Commissioner to present an oral update to the Human Rights Council "
    "at its sixty-third session and to submit a comprehensive report to the Council at its "
    "sixty-fourth session;"
)
TWO_REPORTS = (
    "Requests the Secretary-General to submit a report on water to the Human Rights Council "
    "at its sixty-third session, and requests the High Commissioner to submit a report on "
    "sanitation to the Council at its sixty-third session;"
)


@pytest.fixture(autouse=True)
def _today(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    with time_machine.travel(date(2026, 11, 1), tick=True):
        yield


def _confirm_all(client) -> None:
    client.post(
        reverse("admin:mandates_deliverablereview_changelist"),
        {
            "action": "confirm",
            "_selected_action": list(Deliverable.objects.values_list("pk", flat=True)),
        },
    )
    assert not Deliverable.objects.exclude(review_status="confirmed").exists()


def test_a_kept_session_names_the_kind_of_the_deliverable(staff_client):
    """Paragraph 1 asks for an oral update and a report; the new version moves the
    report: the outcome says it is the report's session, not just "para. 1 due session"."""
    text = hrc_resolution(operative=[UPDATE_AND_REPORT])
    _import(staff_client, text)
    _confirm_all(staff_client)
    outcome = _import(staff_client, text.replace("sixty-fourth", "sixty-fifth"))
    assert "para. 1 report due session: kept the person's value, proposed HRC 65" in (
        outcome.changes
    ), outcome.changes
    assert not [c for c in outcome.changes if c.startswith("para. 1 due session")]


def test_two_of_one_kind_are_told_apart_by_title(staff_client):
    """Two reports in one paragraph: the kind alone would not say which, the title does."""
    text = hrc_resolution(operative=[TWO_REPORTS])
    _import(staff_client, text)
    assert Deliverable.objects.filter(kind="report").count() == 2
    _confirm_all(staff_client)
    moved = text.replace(
        "sanitation to the Council at its sixty-third",
        "sanitation to the Council at its sixty-fourth",
    )
    outcome = _import(staff_client, moved)
    sanitation = Deliverable.objects.get(title__icontains="sanitation")
    said = [c for c in outcome.changes if "due session: kept" in c]
    assert said == [
        f"para. 1 report “{sanitation.title[:39].rstrip()}"
        + ("…" if len(sanitation.title) > 40 else "")
        + "” due session: kept the person's value, proposed HRC 64"
    ], outcome.changes
