"""Invisible characters that turn the direction of text (U+202E and its kin) are kept out of
titles and names people type and the extractor reads, and out of e-mails as delivered."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from mandates.extraction.api import extract_text
from mandates.extraction.cleaning import BIDI_CONTROLS, without_bidi_controls
from mandates.models import Deliverable, DeliverableReview, ProposedChange, ReviewStatus
from mandates.services.ingest import resolution_ingest
from mandates.services.reminders import reminder_send
from tests import factories
from tests.admin_forms import change_form_data
from tests.ical import assert_valid_ics
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


def test_a_quote_with_direction_controls_reaches_no_calendar_export_or_page(
    tmp_path, smtp_server, client
):
    """QA: a request printed with U+202E ... U+202C around "outcome" and U+2067 ... U+2069
    around "workshops" (ingested with the `ingest` command) kept them in the quote, which is
    right (it is evidence), but they reached the e-mail's .ics attachment (README: "no
    e-mail carries them"), every feed, export.csv and the pages, where they turn the words
    around unseen. Each now gives the words without them; the stored quote and the JSON API
    keep them exactly as printed."""
    path = tmp_path / "A_HRC_RES_61_98.txt"
    path.write_text(
        hrc_resolution(
            number="61/98",
            operative=[
                "Requests the High Commissioner to prepare a report on the "
                f"{RLO}outcome{PDF} of the regional {LRI}workshops{PDI} {RLM}and to present "
                "it to the Human Rights Council at its sixty-third session;"
            ],
        ),
        encoding="utf-8",
    )
    call_command("ingest", str(path), verbosity=0)
    deliverable = Deliverable.objects.select_related("mandate__resolution").get()
    assert bidi_in(deliverable.quote) == {RLO, PDF, LRI, PDI, RLM}  # the evidence, as printed
    words = "report on the outcome of the regional workshops and to present"
    assert words in without_bidi_controls(deliverable.quote)
    deliverable.review_status = ReviewStatus.CONFIRMED
    deliverable.save()
    person = factories.ContactFactory()
    deliverable.assignees.add(person)
    log = factories.ReminderLogFactory(
        deliverable=deliverable, recipient=person, due_date=deliverable.due_date
    )

    with geneva_morning(log.due_date - timedelta(days=14)):
        reminder_send(reminder_id=log.pk)
    (received,) = smtp_server.received
    (attachment,) = received.message.iter_attachments()
    assert attachment.get_content_type() == "text/calendar"
    ics = attachment.get_content()
    ics = ics.encode() if isinstance(ics, str) else ics
    (event,) = assert_valid_ics(ics).walk("VEVENT")
    assert words in str(event["DESCRIPTION"]).replace("\n", " ")
    assert not bidi_in(received.message.as_string() + ics.decode())

    for url in (
        reverse("mandates:feed_all"),
        reverse("mandates:feed_body", args=["HRC"]),
        reverse("mandates:deliverable_ics", args=[deliverable.uid]),
    ):
        body = client.get(url).content
        (event,) = assert_valid_ics(body).walk("VEVENT")
        assert words in str(event["DESCRIPTION"]).replace("\n", " "), url
        assert not bidi_in(body.decode()), url

    csv_text = client.get(reverse("mandates:export_csv")).getvalue().decode()
    assert words in csv_text.replace("\n", " ")
    assert not bidi_in(csv_text)

    symbol = deliverable.mandate.resolution.symbol
    for url in (
        reverse("mandates:deliverable", args=[deliverable.uid]),
        reverse("mandates:resolution", args=[symbol]),
    ):
        page = client.get(url).content.decode()
        assert "<mark" in page and "outcome of the regional workshops" in page, url
        assert not bidi_in(page), url

    staff = factories.UserFactory(is_staff=True)
    client.force_login(staff)
    (item,) = client.get("/api/deliverables/").json()["results"]
    assert item["quote"] == deliverable.quote  # exactly as printed, for programs to judge
