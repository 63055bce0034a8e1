"""A draft its adopted text superseded, through the admin: its pages say where the work
goes and take none; deleting the adopted text says what the draft does not get back; the
History says why the draft's deliverables closed and opened again."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from mandates.models import (
    Comment,
    Consideration,
    Contact,
    Deliverable,
    ProposedChange,
    Resolution,
)
from mandates.services import deliverables as deliverable_services
from mandates.services.ingest import resolution_ingest
from tests import drafts_samples
from tests.admin_forms import change_form_data

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


# --- The draft's pages, once its adopted text superseded it ---------------------------------


def test_a_superseded_drafts_deliverable_says_where_the_work_goes_and_takes_none(staff_client):
    """QA: the draft's deliverable page accepted a comment and "in progress", which went
    nowhere (the lists show the adopted item). It now says which adopted deliverable
    continues it, with a link, shows the values read-only, and a save from a page opened
    before the adoption is refused with the same words, the new comment given back to copy;
    neither deliverable changes."""
    draft(REPORT)
    report = item(DRAFT)
    url = change_url(report)
    opened = change_form_data(staff_client.get(url))  # opened while still a draft
    adopted(REPORT)
    continued = item(ADOPTED)
    assert continued.draft == report
    before = (seen(report), seen(continued))

    page = staff_client.get(url).content.decode()
    assert 'id="superseded-notice"' in page
    assert (
        f'Draft <a href="{change_url(report.mandate.resolution)}">{DRAFT}</a> was superseded'
        in page
    )
    assert (
        f'this deliverable continues as <a href="{change_url(continued)}">{ADOPTED} para. 2:'
        in page
    )
    assert "Work on the adopted deliverable: nothing can be changed here." in page
    assert 'name="progress"' not in page and 'name="comments-0-text"' not in page
    assert "Loaded version" not in page

    form = {
        **opened,
        "progress": "in_progress",
        "comments-TOTAL_FORMS": "1",
        "comments-0-text": "Outline sent to  DESA.",
    }
    response = staff_client.post(url, form, follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "<strong>Nothing was saved.</strong>" in text
    assert f'continues as <a href="{change_url(continued)}">' in text
    assert (
        "Your new comment was not saved; copy it onto the adopted deliverable: “Outline sent to DESA.”"
        in text
    )
    assert (seen(report), seen(continued)) == before
    assert not Comment.objects.exists()


def test_the_superseded_drafts_own_page_and_its_mandates_are_read_only(staff_client):
    """The draft resolution's page and its mandates' pages say that the adopted text
    superseded it, link it, and save nothing (the draft's title, a mandate's review)."""
    draft(REPORT)
    adopted(REPORT)
    resolution = Resolution.objects.get(symbol=DRAFT)
    mandate = resolution.mandates.get()
    adopted_url = change_url(Resolution.objects.get(symbol=ADOPTED))
    for obj, words in (
        (resolution, f'This draft was superseded by its adopted text <a href="{adopted_url}">'),
        (mandate, f'which its adopted text <a href="{adopted_url}">{ADOPTED}</a> superseded'),
    ):
        page = staff_client.get(change_url(obj)).content.decode()
        assert words in page and "nothing can be changed here." in page.lower()
    title, review = resolution.title, mandate.review_status
    for obj, field, value in (
        (resolution, "title", "Changed"),
        (mandate, "review_status", "rejected"),
    ):
        response = staff_client.post(change_url(obj), {field: value}, follow=True)
        assert "<strong>Nothing was saved.</strong>" in response.content.decode()
    resolution.refresh_from_db()
    mandate.refresh_from_db()
    assert (resolution.title, mandate.review_status) == (title, review)


def test_a_draft_deliverable_the_adopted_text_dropped_but_people_decided_on_stays_open(
    staff_client,
):
    """A confirmed draft study the adopted text does not ask for stays open and editable
    (people close it or move the decisions), and its page says why."""
    draft(REPORT, STUDY)
    study = item(DRAFT, "study")
    deliverable_services.deliverable_confirm(deliverables=Deliverable.objects.filter(pk=study.pk))
    adopted(REPORT)
    url = change_url(study)
    response = staff_client.get(url)
    page = response.content.decode()
    assert (
        "which does not ask for this deliverable. It stays open because people decided on it"
        in page
    )
    data = {**change_form_data(response), "progress": "cancelled"}
    assert staff_client.post(url, data).status_code == 302
    study.refresh_from_db()
    assert study.progress == "cancelled"


def test_bulk_actions_leave_a_superseded_drafts_deliverables_alone_and_say_so(staff_client):
    """The deliverable list (its "superseded" filter shows the draft's rows) selected with
    the adopted one: "Mark as submitted" and "Confirm" change the adopted deliverable only
    and say the draft's was left unchanged."""
    draft(REPORT)
    adopted(REPORT)
    report, continued = item(DRAFT), item(ADOPTED)
    before = seen(report)
    url = reverse("admin:mandates_deliverable_changelist")
    chosen = {"_selected_action": [report.pk, continued.pk]}
    response = staff_client.post(
        url,
        {**chosen, "action": "mark_submitted", "apply": "1", "document": "A/81/300"},
        follow=True,
    )
    text = response.content.decode()
    assert "1 selected deliverable belongs to a draft its adopted text superseded" in text
    assert "1 deliverable(s) marked as submitted." in text
    response = staff_client.post(url, {**chosen, "action": "confirm"}, follow=True)
    assert "1 deliverable(s) confirmed." in response.content.decode()
    assert seen(report) == before
    continued.refresh_from_db()
    assert (continued.progress, continued.review_status) == ("submitted", "confirmed")


def test_no_comment_is_added_to_a_superseded_drafts_deliverable_from_the_comment_list(
    staff_client,
):
    """Comments -> Add, choosing the draft's deliverable: refused, naming the adopted one."""
    draft(REPORT)
    adopted(REPORT)
    report, continued = item(DRAFT), item(ADOPTED)
    response = staff_client.post(
        reverse("admin:mandates_comment_add"), {"deliverable": report.pk, "text": "Hello."}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert f"This deliverable belongs to draft {DRAFT}, which its adopted text superseded" in text
    assert f"Write it on the adopted deliverable, {continued} ({ADOPTED} para. 2)." in text
    assert not Comment.objects.exists()


def test_a_proposed_change_of_a_superseded_drafts_deliverable_is_not_accepted(staff_client):
    """A proposal left waiting on the draft's deliverable: "Accept" applies nothing there
    and says why; "Dismiss" settles it."""
    draft(REPORT)
    adopted(REPORT)
    report = item(DRAFT)
    change = ProposedChange.objects.create(
        deliverable=report, field="kind", old_value="report", new_value="study", source=DRAFT
    )
    url = reverse("admin:mandates_proposedchange_changelist")
    response = staff_client.post(
        url, {"action": "accept", "_selected_action": [change.pk]}, follow=True
    )
    assert (
        "Not accepted: 1 proposed change(s) of deliverables of drafts" in response.content.decode()
    )
    report.refresh_from_db()
    change.refresh_from_db()
    assert (report.kind, change.resolved) == ("report", False)
    staff_client.post(url, {"action": "dismiss", "_selected_action": [change.pk]})
    change.refresh_from_db()
    assert change.resolved


def test_a_consideration_of_a_superseded_draft_is_read_only_and_not_confirmed(staff_client):
    """The draft's "continue its consideration" row: its page says where to work, and the
    list's "Confirm" leaves it."""
    draft(
        REPORT, "Decides to continue its consideration of the question at its eighty-third session;"
    )
    adopted(REPORT)
    consideration = Consideration.objects.get(resolution__symbol=DRAFT)
    page = staff_client.get(change_url(consideration)).content.decode()
    assert "This consideration is in draft" in page and "Nothing can be changed here." in page
    response = staff_client.post(
        reverse("admin:mandates_consideration_changelist"),
        {"action": "confirm", "_selected_action": [consideration.pk]},
        follow=True,
    )
    assert "Left unchanged: 1 of the selected considerations" in response.content.decode()
    consideration.refresh_from_db()
    assert consideration.review_status == "proposed"


# --- Deleting the adopted text: what the draft does not get back ----------------------------


def worked_on_after_adoption() -> tuple[Deliverable, Deliverable, Contact]:
    """Draft report in progress; adopted; then people confirm, assign, date and submit
    the adopted report."""
    draft(REPORT)
    report = item(DRAFT)
    report.progress = Deliverable.Progress.IN_PROGRESS
    report.save()
    deliverable_services.deliverable_mark_edited(deliverable=report, fields=["progress"])
    adopted(REPORT)
    continued = item(ADOPTED)
    only = Deliverable.objects.filter(pk=continued.pk)
    deliverable_services.deliverable_confirm(deliverables=only)
    unit = Contact.objects.create(name="Archives unit", email="archives@example.org")
    deliverable_services.deliverable_assign(deliverables=only, contacts=[unit])
    deliverable_services.deliverable_mark_submitted(deliverables=only, document="A/81/300")
    continued.refresh_from_db()
    continued.manual_due_date = date(2027, 6, 1)
    continued.save()
    deliverable_services.deliverable_mark_edited(deliverable=continued, fields=["manual_due_date"])
    return report, continued, unit


@pytest.mark.parametrize("how", ["delete page", "delete selected"])
def test_deleting_the_adopted_text_says_what_the_draft_does_not_get_back(staff_client, how):
    """The confirmation page (and "Delete selected"'s) lists the adopted report with what
    people did on it, which the restored draft does not have; after the delete the draft
    has exactly what the page said: its own progress, not the adopted text's work."""
    report, continued, _ = worked_on_after_adoption()
    resolution = continued.mandate.resolution
    if how == "delete page":
        url, chosen = reverse("admin:mandates_resolution_delete", args=[resolution.pk]), {}
        page = staff_client.get(url).content.decode()
    else:
        url = reverse("admin:mandates_resolution_changelist")
        chosen = {"action": "delete_selected", "_selected_action": [resolution.pk]}
        page = staff_client.post(url, chosen).content.decode()
    assert (
        "Not carried back to the draft: 1 deliverable of the adopted text was worked on there."
        in page
    )
    assert (
        f'<a href="{change_url(continued)}">{ADOPTED} para. 2: {continued}</a>: review: confirmed; '
        "progress: submitted; manual due date: 1 Jun 2027; fulfilling document: A/81/300; "
        "assigned to: Archives unit</li>"
    ) in " ".join(page.split()).replace("> <", "><")
    staff_client.post(url, {**chosen, "post": "yes"})
    report.refresh_from_db()
    assert (report.progress, report.review_status, report.manual_due_date, report.fulfilled_by) == (
        "in_progress",
        "proposed",
        None,
        "",
    )
    assert not report.assignees.exists()


def test_deleting_an_adopted_text_nobody_worked_on_lists_nothing_lost(staff_client):
    """Only what is true: the draft's own work carried over and nothing done since, so
    nothing is listed as lost (the carried values are the draft's)."""
    draft(REPORT)
    report = item(DRAFT)
    deliverable_services.deliverable_confirm(deliverables=Deliverable.objects.filter(pk=report.pk))
    adopted(REPORT)
    resolution = Resolution.objects.get(symbol=ADOPTED)
    page = staff_client.get(reverse("admin:mandates_resolution_delete", args=[resolution.pk]))
    text = page.content.decode()
    assert "it becomes a draft again" in text
    assert "Not carried back" not in text


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


def test_a_superseded_drafts_comment_stays_read_only_in_the_comment_list(staff_client):
    """The author's own note on the draft's deliverable, copied to the adopted one: its
    page in Comments shows it without a form (an edit would never reach the copy)."""
    draft(REPORT)
    note = Comment.objects.create(
        deliverable=item(DRAFT), author=staff_client.user, text="Outline agreed."
    )
    adopted(REPORT)
    url = change_url(note)
    page = staff_client.get(url).content.decode()
    assert "Outline agreed." in page and 'name="text"' not in page
    staff_client.post(url, {"text": "Changed.", "deliverable": note.deliverable_id})
    note.refresh_from_db()
    assert note.text == "Outline agreed."
    assert get_user_model().objects.count() == 1
