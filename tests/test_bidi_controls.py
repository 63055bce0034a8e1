"""Invisible characters that turn the direction of text (U+202E and its kin) are kept out of
titles and names people type and the extractor reads, and out of e-mails as delivered."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from mandates.extraction.api import extract_text
from mandates.extraction.cleaning import BIDI_CONTROLS
from mandates.models import Deliverable, DeliverableReview, ProposedChange
from mandates.services.ingest import resolution_ingest
from mandates.services.reminders import reminder_send
from tests import factories
from tests.admin_forms import change_form_data
from tests.samples import hrc_resolution

pytestmark = pytest.mark.django_db

RLO, PDF, LRI, PDI, RLM = "\u202e", "\u202c", "\u2067", "\u2069", "\u200f"
TITLE = "Report of the High Commissioner"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def bidi_in(text: str) -> set[str]:
    return {char for char in text if char in BIDI_CONTROLS}


def geneva_morning(day):
    return time_machine.travel(
        datetime(day.year, day.month, day.day, 7, tzinfo=ZoneInfo("Europe/Zurich")), tick=False
    )


def delivered(smtp_server, log) -> tuple[str, str, str]:
    """Send the reminder on the morning it falls due; its subject, text and HTML."""
    with geneva_morning(log.due_date - timedelta(days=14)):
        reminder_send(reminder_id=log.pk)
    (received,) = smtp_server.received
    message = received.message
    return (
        received.subject,
        message.get_body(("plain",)).get_content(),
        message.get_body(("html",)).get_content(),
    )


def test_a_title_typed_with_a_direction_override_is_refused_and_mailed_clean(
    staff_client, smtp_server
):
    """QA: "Report on \\u202ekeepers" was saved and its e-mail subject read reversed. The
    deliverable's page now refuses it with a message naming the character, saves nothing,
    gives the title back without it; saved again, the reminder goes out with that title."""
    due = date(2030, 5, 15)
    deliverable, (person,) = factories.responsible_deliverable(
        due, manual_due_date=due, title=TITLE
    )
    url = reverse("admin:mandates_deliverable_change", args=[deliverable.pk])
    typed = f"Report on {RLO}lighthouse keepers{PDF}"
    response = staff_client.post(url, {**change_form_data(staff_client.get(url)), "title": typed})
    assert response.status_code == 200
    page = response.content.decode()
    assert "This holds invisible characters that turn the direction of the text after them" in page
    assert "U+202C pop directional formatting, U+202E right-to-left override" in page
    form = response.context["adminform"].form
    assert form["title"].value() == "Report on lighthouse keepers"  # given back, clean
    deliverable.refresh_from_db()
    assert (deliverable.title, deliverable.edited_fields) == (TITLE, [])

    again = {**change_form_data(response), "title": form["title"].value()}
    assert staff_client.post(url, again).status_code == 302
    deliverable.refresh_from_db()
    assert deliverable.title == "Report on lighthouse keepers"

    log = factories.ReminderLogFactory(deliverable=deliverable, recipient=person)
    subject, text, html = delivered(smtp_server, log)
    assert subject.startswith("[Due in 14 days] Report on lighthouse keepers")
    assert not bidi_in(subject + text + html)


def test_the_review_queue_refuses_a_title_with_a_direction_control(staff_client):
    """The queue's form takes a title too: the same refusal there."""
    deliverable = factories.DeliverableFactory(title=TITLE)
    url = reverse("admin:mandates_deliverablereview_change", args=[deliverable.pk])
    data = {**change_form_data(staff_client.get(url)), "decision": "keep"}
    response = staff_client.post(url, {**data, "title": f"{RLM}Report"})
    assert response.status_code == 200
    assert "U+200F right-to-left mark" in response.content.decode()
    assert DeliverableReview.objects.get(pk=deliverable.pk).title == TITLE


def proposed_title() -> ProposedChange:
    deliverable = factories.DeliverableFactory(title=TITLE)
    return ProposedChange.objects.create(
        deliverable=deliverable, field="title", old_value=TITLE, new_value="Report", source="x"
    )


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (factories.ResolutionFactory, "title"),
        (factories.ContactFactory, "name"),
        (factories.ActorFactory, "name"),
        (proposed_title, "new_value"),
    ],
)
def test_other_names_people_type_refuse_direction_controls(staff_client, make, field):
    """A resolution's title (in every e-mail), a contact's name (the greeting), an actor's
    name (titles "Report of ...") and a proposed title (the deliverable's once accepted)
    refuse them the same way."""
    row = make()
    before = getattr(row, field)
    url = reverse(f"admin:mandates_{row._meta.model_name}_change", args=[row.pk])
    data = change_form_data(staff_client.get(url))
    response = staff_client.post(url, {**data, field: f"Sea {LRI}lighthouses{PDI}"})
    assert response.status_code == 200, field
    text = response.content.decode()
    assert "U+2067 right-to-left isolate, U+2069 pop directional isolate" in text
    row.refresh_from_db()
    assert getattr(row, field) == before


def test_titles_the_extractor_reads_have_no_direction_controls(smtp_server):
    """A text whose title and request carry direction controls: the resolution's and the
    deliverable's titles are stored without them (the clean text and the quote keep the
    words as printed, spans index them), and the reminder e-mail carries none."""
    text = hrc_resolution(
        number="61/12",
        title=f"Rights of {RLO}lighthouse keepers{PDF} at sea",
        operative=[
            "Requests the High Commissioner to prepare a report on the rights of "
            f"{LRI}lighthouse{PDI} keepers {RLM}and their families and to present it to the "
            "Human Rights Council at its sixty-third session;"
        ],
    )
    result = extract_text(text)
    assert result.title == "Rights of lighthouse keepers at sea"
    (read,) = result.deliverables
    assert read.title == "Report on the rights of lighthouse keepers and their families"
    assert read.quote == result.text[read.span[0] : read.span[1]] and bidi_in(read.quote)

    outcome = resolution_ingest(data=text.encode(), name="A_HRC_RES_61_12.txt")
    assert outcome.status == "new", outcome.reason
    deliverable = Deliverable.objects.select_related("mandate__resolution").get()
    assert deliverable.mandate.resolution.title == "Rights of lighthouse keepers at sea"
    assert deliverable.title == "Report on the rights of lighthouse keepers and their families"
    person = factories.ContactFactory()
    deliverable.assignees.add(person)
    log = factories.ReminderLogFactory(
        deliverable=deliverable, recipient=person, due_date=deliverable.due_date
    )
    subject, body, html = delivered(smtp_server, log)
    assert "Report on the rights of lighthouse keepers and their families" in subject
    assert "Rights of lighthouse keepers at sea" in body
    assert "the rights of lighthouse keepers and their families" in body  # the quote
    assert not bidi_in(subject + body + html)
