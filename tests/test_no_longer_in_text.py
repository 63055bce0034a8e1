"""A deliverable a new version no longer asks for says so: on its people's calendars and on
the resolution's admin page."""

import pytest
from django.core.management import call_command

from mandates.models import Deliverable, ProposedChange
from mandates.services import deliverables as deliverable_services
from mandates.services import feeds
from tests import factories
from tests.ical import events
from tests.samples import hrc_resolution

pytestmark = pytest.mark.django_db

REPORT_AT_64 = (
    "Requests the High Commissioner to prepare a report on access to water and to present it "
    "to the Human Rights Council at its sixty-fourth session;"
)
STUDY_AT_65 = (
    "Also requests the High Commissioner to prepare a study on water tariffs and to present it "
    "to the Human Rights Council at its sixty-fifth session;"
)


def _ingest(tmp_path, text: str) -> None:
    path = tmp_path / "A_HRC_RES_58_97.txt"
    path.write_text(text, encoding="utf-8")
    call_command("ingest", str(path), verbosity=0)


def test_the_assignees_feed_says_no_longer_in_the_text(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    _ingest(tmp_path, hrc_resolution(operative=[REPORT_AT_64, STUDY_AT_65]))
    study = Deliverable.objects.get(mandate__paragraph_label="2")
    user = factories.UserFactory()
    person = factories.ContactFactory(user=user)
    deliverable_services.deliverable_assign(
        deliverables=Deliverable.objects.filter(pk=study.pk), contacts=[person]
    )
    uid = f"deliverable-{study.uid}@{feeds.UID_DOMAIN}"
    before = events(feeds.PrivateFeed(user=user).render())[uid]
    assert not str(before["SUMMARY"]).startswith("No longer in the text")

    _ingest(tmp_path, hrc_resolution(operative=[REPORT_AT_64]))

    study.refresh_from_db()
    assert study.no_longer_in_text
    after = events(feeds.PrivateFeed(user=user).render())[uid]
    assert str(after["SUMMARY"]) == f"No longer in the text: {before['SUMMARY']}"
    assert "No longer in the text: the latest version" in str(after["DESCRIPTION"])
    assert after["SEQUENCE"] > before["SEQUENCE"]  # calendars take the change

    # A person keeps it as owed: the event is as before, and calendars take it again.
    deliverable_services.proposed_changes_dismiss(
        changes=ProposedChange.objects.filter(deliverable=study, field="no_longer_in_text")
    )
    kept = events(feeds.PrivateFeed(user=user).render())[uid]
    assert str(kept["SUMMARY"]) == str(before["SUMMARY"])
    assert kept["SEQUENCE"] > after["SEQUENCE"]


def test_the_assignees_feed_takes_it_back_when_the_paragraph_returns(tmp_path, settings):
    """A later version asks for the study again: the event loses its "No longer in the
    text" under a higher SEQUENCE, so calendars take the change (it kept the flagged
    event's SEQUENCE)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    _ingest(tmp_path, hrc_resolution(operative=[REPORT_AT_64, STUDY_AT_65]))
    study = Deliverable.objects.get(mandate__paragraph_label="2")
    user = factories.UserFactory()
    person = factories.ContactFactory(user=user)
    deliverable_services.deliverable_assign(
        deliverables=Deliverable.objects.filter(pk=study.pk), contacts=[person]
    )
    uid = f"deliverable-{study.uid}@{feeds.UID_DOMAIN}"
    _ingest(tmp_path, hrc_resolution(operative=[REPORT_AT_64]))
    gone = events(feeds.PrivateFeed(user=user).render())[uid]
    assert str(gone["SUMMARY"]).startswith("No longer in the text")

    _ingest(tmp_path, hrc_resolution(operative=[REPORT_AT_64, STUDY_AT_65]))

    back = events(feeds.PrivateFeed(user=user).render())[uid]
    assert not str(back["SUMMARY"]).startswith("No longer in the text")
    assert back["SEQUENCE"] > gone["SEQUENCE"]


def test_the_admin_resolution_page_lists_what_is_no_longer_in_the_text(
    tmp_path, settings, admin_client
):
    """The resolution's admin page lists a kept deliverable apart, with its old paragraph,
    not under the paragraph that now has its number (nor nowhere)."""
    from django.urls import reverse

    from mandates.models import Comment, Resolution

    settings.MEDIA_ROOT = tmp_path / "media"
    _ingest(tmp_path, hrc_resolution(operative=[REPORT_AT_64, STUDY_AT_65]))
    study = Deliverable.objects.get(mandate__paragraph_label="2")
    Comment.objects.create(deliverable=study, text="Drafting started.")
    _ingest(tmp_path, hrc_resolution(operative=[REPORT_AT_64]))
    resolution = Resolution.objects.get()
    page = admin_client.get(
        reverse("admin:mandates_resolution_change", args=[resolution.pk])
    ).content.decode()
    dropped = page.split("No longer in the text</h3>")[1]
    link = reverse("admin:mandates_deliverable_change", args=[study.pk])
    assert link in dropped and "was para. 2" in dropped
    assert page.count(link) == 1


def test_a_mandate_page_opened_before_it_left_the_text_saves_nothing(
    tmp_path, settings, staff_client
):
    """A new version drops a paragraph whose report a person works on: its mandate is kept
    and flagged for review. A mandate page opened before is refused as changed, as after
    any other change of the row (ingest flagged it without moving its version: the page
    said only "Select a valid choice" of the paragraph, the text's paragraphs being new)."""
    from django.urls import reverse

    from tests.admin_forms import change_form_data

    settings.MEDIA_ROOT = tmp_path / "media"
    _ingest(tmp_path, hrc_resolution(operative=[REPORT_AT_64, STUDY_AT_65]))
    study = Deliverable.objects.get(mandate__paragraph_label="2")
    deliverable_services.deliverable_assign(
        deliverables=Deliverable.objects.filter(pk=study.pk), contacts=[factories.ContactFactory()]
    )
    mandate = study.mandate
    mandate.needs_review = False
    mandate.save()
    url = reverse("admin:mandates_mandate_change", args=[mandate.pk])
    opened = change_form_data(staff_client.get(url))

    _ingest(tmp_path, hrc_resolution(operative=[REPORT_AT_64]))
    mandate.refresh_from_db()
    assert mandate.needs_review

    response = staff_client.post(url, opened)
    assert response.status_code == 200
    assert "This was changed after you opened it" in response.content.decode()
    mandate.refresh_from_db()
    assert mandate.needs_review


def test_an_item_with_a_date_of_its_own_reads_whole_in_the_feed(client):
    """An item dated by the text ("by 30 June 2027"), no session: its summary ends on
    its date, through the prefixes the feed adds, not on a dangling "due" ("No longer in
    the text: Submitted: Regional consultations due"; QA 39). Read as a calendar reads
    it, from the private feed's address."""
    from datetime import date

    from tests.ical import assert_valid_ics

    user = factories.UserFactory()
    person = factories.ContactFactory(user=user)
    item = factories.DeliverableFactory(
        kind=Deliverable.Kind.CONSULTATION,
        title="Regional consultations",
        stated_due_date=date(2027, 6, 30),
        due_date=date(2027, 6, 30),
        due_relation="by",
        progress=Deliverable.Progress.SUBMITTED,
        no_longer_in_text=True,
        review_status="confirmed",
    )
    item.assignees.add(person)
    response = client.get(f"/feeds/private/{user.feed_tokens.create().token}.ics")
    assert response.status_code == 200
    calendar = assert_valid_ics(response.content)
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == (
        "No longer in the text: Submitted: Regional consultations due 30 Jun 2027"
    )
