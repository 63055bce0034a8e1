"""Confirming in the review queue settles what a new version of the text proposes, and a
later "Accept" never undoes a person's decision unseen (QA 39, finding 2).

The path is the one people take: a text imported on the admin's import page, the item
confirmed on its review page, a new version imported that moves the session, the person
confirming again, another editor working the proposed changes list."""

from datetime import date

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from mandates.models import Deliverable, ProposedChange
from mandates.services.ingest import TEXT_CHANGED
from tests.admin_forms import change_form_data
from tests.samples import hrc_resolution
from tests.test_admin_review import CANALS_REPORT, QUEUE, _import, _post, _queue, _review_url

pytestmark = pytest.mark.django_db

PROPOSALS = "admin:mandates_proposedchange_changelist"
TEXT = hrc_resolution(operative=[CANALS_REPORT])  # the report for HRC 64
MOVED = TEXT.replace("sixty-fourth", "sixty-fifth")  # the new version: HRC 65


@pytest.fixture(autouse=True)
def _today(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    with time_machine.travel(date(2026, 11, 1), tick=True):
        yield


@pytest.fixture
def moved(staff_client) -> Deliverable:
    """The report confirmed at HRC 64, then a new version reading HRC 65: the person's
    session kept, a proposal open, the item back in the queue."""
    _import(staff_client, TEXT)
    item = Deliverable.objects.get()
    response = _post(staff_client, item, decision="confirm", reading="HRC|64|at")
    assert response.status_code == 302, response.context["adminform"].form.errors
    outcome = _import(staff_client, MOVED)
    item.refresh_from_db()
    assert item.due_session.number == 64 and item.needs_review
    assert list(item.proposed_changes.filter(resolved=False).values_list("field", "new_value")) == [
        ("due_session", "HRC 65")
    ]
    assert item.pk in _queue(staff_client), outcome.changes
    return item


@pytest.fixture
def other_editor(editor) -> Client:
    client = Client()
    client.force_login(editor)
    return client


def _accept(client, change) -> list[str]:
    response = client.post(
        reverse(PROPOSALS), {"action": "accept", "_selected_action": [change.pk]}, follow=True
    )
    return [str(message) for message in response.context["messages"]]


def test_the_review_page_offers_the_proposed_session_as_a_reading(staff_client, moved):
    """The kept session is named for what it is (a person's), the new version's is a
    reading to choose, and confirming without choosing is refused: two readings."""
    form = staff_client.get(_review_url(moved)).context["adminform"].form
    labels = dict(form.fields["reading"].choices)
    assert labels["HRC|64|at"].startswith("HRC 64 (at), as a person chose: due")
    assert labels["HRC|65|at"].startswith(
        "HRC 65 (at), proposed by the new version of the text: due"
    )
    page = staff_client.get(_review_url(moved)).content.decode()
    assert "Confirming settles them" in page
    refused = _post(staff_client, moved, decision="confirm", reading="")
    assert refused.status_code == 200
    assert "reading" in refused.context["adminform"].form.errors


def test_confirming_the_kept_session_dismisses_the_proposal(staff_client, other_editor, moved):
    """The person keeps HRC 64: the proposal is settled as dismissed, the reason the new
    version gave goes, the history says both, and another editor's later "Accept" finds
    it settled: the session stays HRC 64. It had stayed open and moved the item."""
    response = _post(staff_client, moved, decision="confirm", reading="HRC|64|at")
    assert response.status_code == 302, response.context["adminform"].form.errors
    moved.refresh_from_db()
    assert moved.due_session.number == 64 and not moved.needs_review
    assert not any(reason.startswith(TEXT_CHANGED) for reason in moved.review_reasons)
    assert moved.pk not in _queue(staff_client)
    change = ProposedChange.objects.get(deliverable=moved)
    assert change.resolved
    record = moved.history.order_by("-history_id").first()
    assert record.history_change_reason == (
        "Confirmed with the reading HRC 64 (at); dismissed the proposed due session HRC 65"
    )
    assert record.history_user == staff_client.user

    shown = _accept(other_editor, change)
    assert shown == [
        "1 of the selected proposed change(s) had already been settled, by someone else "
        "meanwhile or earlier: nothing was recorded for them."
    ]
    moved.refresh_from_db()
    assert moved.due_session.number == 64

    again = _import(staff_client, MOVED.replace("Requests", "Also requests"))
    moved.refresh_from_db()  # the dismissed value is not proposed again
    assert not moved.proposed_changes.filter(resolved=False).exists(), again.changes
    assert moved.due_session.number == 64 and moved.pk not in _queue(staff_client)


def test_confirming_the_proposed_session_accepts_it(staff_client, moved):
    """The person chooses the new version's HRC 65: the deadline follows it (as read
    too), the proposal is settled as accepted and the history names it."""
    response = _post(staff_client, moved, decision="confirm", reading="HRC|65|at")
    assert response.status_code == 302, response.context["adminform"].form.errors
    moved.refresh_from_db()
    assert (moved.due_session.number, moved.due_session_number) == (65, 65)
    assert moved.due_body.code == "HRC" and not moved.needs_review
    assert [alt["session"] for alt in moved.alternatives] == [64]
    assert not moved.proposed_changes.filter(resolved=False).exists()
    assert moved.history.order_by("-history_id").first().history_change_reason == (
        "Confirmed with the reading HRC 65 (at); accepted the proposed due session HRC 65"
    )


def test_accept_after_a_person_confirmed_is_refused_with_who_and_when(
    staff_client, other_editor, moved
):
    """A proposal still open on an item a person confirmed after it was made (here on the
    deliverable's own page, flag lowered; or confirmed before this fix) is not accepted
    from the list: the message says who confirmed and what to do. Dismissing still works."""
    url = reverse("admin:mandates_deliverable_change", args=[moved.pk])
    data = change_form_data(staff_client.get(url))
    data.pop("needs_review")
    assert staff_client.post(url, data).status_code == 302
    moved.refresh_from_db()
    assert not moved.needs_review

    change = ProposedChange.objects.get(deliverable=moved)
    shown = _accept(other_editor, change)
    [message] = shown
    symbol = moved.mandate.resolution.symbol
    assert message.startswith(f"Not accepted: {symbol} para. 1: {moved.title[:20]}"), message
    assert "was confirmed by admin on " in message
    assert "after the new version proposed due session HRC 65 (kept HRC 64)" in message
    assert "set it on the deliverable; then dismiss this proposed change." in message
    moved.refresh_from_db()
    change.refresh_from_db()
    assert moved.due_session.number == 64 and not change.resolved

    other_editor.post(reverse(PROPOSALS), {"action": "dismiss", "_selected_action": [change.pk]})
    change.refresh_from_db()
    assert change.resolved


def test_an_accepted_proposal_is_named_in_the_history(staff_client, moved):
    """Accepting a proposal nobody decided on since: applied, and the history says which
    proposal was accepted instead of a bare "Changed"."""
    change = ProposedChange.objects.get(deliverable=moved)
    assert _accept(staff_client, change) == ["1 change(s) accepted."]
    moved.refresh_from_db()
    assert moved.due_session.number == 65
    reason = "Proposed change accepted: due session HRC 65 (was HRC 64)"
    assert moved.history.filter(history_change_reason=reason).count() == 1
    history = staff_client.get(reverse("admin:mandates_deliverable_history", args=[moved.pk]))
    assert reason in history.content.decode()


def test_bulk_confirm_leaves_an_item_with_proposals_and_names_it(staff_client, moved):
    """The queue's bulk "Confirm" does not confirm what the person has not seen: it names
    the item and links to its review page, where the proposal is decided."""
    response = staff_client.post(
        reverse(QUEUE), {"action": "confirm", "_selected_action": [moved.pk]}, follow=True
    )
    shown = [str(message) for message in response.context["messages"]]
    assert shown[0] == "0 deliverable(s) confirmed."
    assert shown[1].startswith(
        "Not confirmed: a new version of the text proposes values for 1 selected deliverable."
    )
    assert _review_url(moved) in shown[1]
    moved.refresh_from_db()
    assert moved.needs_review and moved.pk in _queue(staff_client)
    assert ProposedChange.objects.filter(deliverable=moved, resolved=False).exists()


def _text_changed(item: Deliverable) -> list[str]:
    return [reason for reason in item.review_reasons if reason.startswith(TEXT_CHANGED)]


def test_a_value_a_later_version_replaced_is_proposed_again(staff_client, moved):
    """HRC 65 proposed, the next version reads HRC 66 (replacing it), the one after HRC 65
    again: ingest closed the first proposal, nobody dismissed it, so HRC 65 is proposed
    again, once, with one reason that names it and none of the replaced ones. It was
    taken for a person's dismissal: nothing open, two stale reasons, nothing to accept."""
    _import(staff_client, TEXT.replace("sixty-fourth", "sixty-sixth"))
    moved.refresh_from_db()
    assert _text_changed(moved) == [TEXT_CHANGED + "due session HRC 66 (kept HRC 64)"]
    outcome = _import(staff_client, MOVED.replace("Requests", "Also requests"))
    moved.refresh_from_db()
    open_ = moved.proposed_changes.filter(resolved=False)
    assert list(open_.values_list("field", "new_value")) == [("due_session", "HRC 65")], (
        outcome.changes
    )
    assert _text_changed(moved) == [TEXT_CHANGED + "due session HRC 65 (kept HRC 64)"]
    assert moved.needs_review and moved.pk in _queue(staff_client)
    closed = moved.proposed_changes.filter(resolved=True).order_by("pk")
    assert list(closed.values_list("new_value", "closed_by_text")) == [
        ("HRC 65", True),
        ("HRC 66", True),
    ]

    assert _accept(staff_client, open_.get()) == ["1 change(s) accepted."]
    moved.refresh_from_db()
    assert moved.due_session.number == 65 and not _text_changed(moved)


def test_a_version_that_says_the_kept_value_again_takes_its_reason_away(staff_client, moved):
    """The next version reads HRC 64 again, the session the person kept: the proposal is
    closed and its "says otherwise" reason goes with it (the flag too, none other being
    left). The reason had stayed, naming a value no text said any more."""
    outcome = _import(staff_client, TEXT.replace("Requests", "Also requests"))
    moved.refresh_from_db()
    assert not moved.proposed_changes.filter(resolved=False).exists()
    assert not _text_changed(moved), outcome.changes
    assert not moved.needs_review and moved.pk not in _queue(staff_client)


#: A report due on a date the text prints, which no reading on the review page stands for.
DATED = hrc_resolution(
    operative=[
        "Requests the High Commissioner to submit a report on canals to the Human Rights "
        "Council by 31 December 2027;"
    ]
)
DATED_MOVED = DATED.replace("31 December 2027", "30 June 2028")


def test_the_review_page_settles_only_what_it_lets_a_person_set():
    """Each proposal a Confirm settles is one the review form sets or offers as a reading;
    the others (a printed date) are left open. A field dropped from the form moves its
    proposals to those left open, never to those dismissed unseen."""
    from mandates.admin.review import ReviewForm
    from mandates.services.deliverables import LEFT_OPEN_ON_CONFIRM, SETTLED_ON_CONFIRM

    assert set(SETTLED_ON_CONFIRM) <= set(ReviewForm.Meta.fields)
    assert not set(LEFT_OPEN_ON_CONFIRM) & set(ReviewForm.Meta.fields)


def test_confirm_leaves_a_printed_date_it_cannot_set_open(staff_client, other_editor):
    """A confirmed report dated 31 December 2027; a new version prints 30 June 2028. The
    review page shows the proposal and says it cannot set it; Confirm leaves it open, the
    item flagged, the history naming it; the same date read again adds nothing; another
    editor accepts it and the deliverable is dated by it. Confirm had dismissed it unseen
    and the text's new date was never proposed again."""
    _import(staff_client, DATED)
    item = Deliverable.objects.get()
    assert item.stated_due_date == date(2027, 12, 31)
    response = _post(staff_client, item, decision="confirm")
    assert response.status_code == 302, response.context["adminform"].form.errors
    _import(staff_client, DATED_MOVED)
    item.refresh_from_db()
    change = item.proposed_changes.get(resolved=False)
    assert (change.field, change.new_value) == ("stated_due_date", "2028-06-30")

    page = staff_client.get(_review_url(item)).content.decode()
    assert (
        "This page cannot set date printed in the text 2028-06-30: confirming leaves it open "
        "and the item flagged. Accept or dismiss it in Proposed changes."
    ) in page
    response = _post(staff_client, item, decision="confirm")
    assert response.status_code == 302, response.context["adminform"].form.errors
    item.refresh_from_db()
    change.refresh_from_db()
    assert not change.resolved
    assert item.review_status == "confirmed" and item.needs_review
    assert item.pk in _queue(staff_client)
    assert _text_changed(item) == [
        TEXT_CHANGED + "date printed in the text 2028-06-30 (kept 2027-12-31)"
    ]
    assert (
        item.history.order_by("-history_id")
        .first()
        .history_change_reason.startswith(
            "Confirmed; left open the proposed date printed in the text 2028-06-30"
        )
    )

    again = _import(staff_client, DATED_MOVED.replace("Requests", "Also requests"))
    assert list(item.proposed_changes.values_list("new_value", "resolved")) == [
        ("2028-06-30", False)
    ], again.changes

    assert _accept(other_editor, change) == ["1 change(s) accepted."]
    item.refresh_from_db()
    assert item.stated_due_date == date(2028, 6, 30) and item.due_date == date(2028, 6, 30)
    assert not item.needs_review and not _text_changed(item)
    assert item.pk not in _queue(staff_client)


def test_confirm_leaving_a_date_open_keeps_the_other_reasons_reviewed(staff_client, other_editor):
    """A new version left a printed date to settle and raised another reason; the person
    confirms having seen that reason (the date left open keeps the flag up). Accepting the
    date then takes the flag down: the reason they confirmed does not bring the item back
    to the queue."""
    _import(staff_client, DATED)
    item = Deliverable.objects.get()
    assert _post(staff_client, item, decision="confirm").status_code == 302
    _import(staff_client, DATED_MOVED)
    item.refresh_from_db()
    item.review_reasons = [*item.review_reasons, "ambiguous deadline (as ingest adds)"]
    item.save()
    assert _post(staff_client, item, decision="confirm").status_code == 302
    item.refresh_from_db()
    assert item.review_status == "confirmed" and item.needs_review
    change = item.proposed_changes.get(resolved=False)
    assert _accept(other_editor, change) == ["1 change(s) accepted."]
    item.refresh_from_db()
    assert not item.needs_review, item.review_reasons
    assert item.pk not in _queue(staff_client)
