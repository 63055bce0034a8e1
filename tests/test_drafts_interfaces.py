"""Drafts through the interfaces staff use: the ingest command, the admin import and lists,
and the JSON API."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.authtoken.models import Token

from mandates.models import Resolution
from tests import drafts_samples

pytestmark = pytest.mark.django_db

REPORT = (
    "Requests the Secretary-General to submit a report on access to the archives of invented "
    "commissions to the General Assembly at its eighty-second session;"
)
DRAFT_TEXT = drafts_samples.c3_draft(operative=[REPORT])
ADOPTED_TEXT = drafts_samples.ga_adopted(operative=["Decides to remain seized;", REPORT])


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_ingest_command_links_a_folder_of_draft_and_adopted_text(tmp_path):
    """`manage.py ingest folder -v 2` stores the draft, then the adopted text superseding it."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "A_C.3_81_L.19.txt").write_text(DRAFT_TEXT)
    (folder / "A_RES_81_412.txt").write_text(ADOPTED_TEXT)
    out = StringIO()
    call_command("ingest", str(folder), verbosity=2, stdout=out, stderr=StringIO())
    printed = out.getvalue()
    assert "A/C.3/81/L.19" in printed and "supersedes draft A/C.3/81/L.19" in printed
    assert "2 new, 0 updated, 0 unchanged, 0 failed" in printed
    draft = Resolution.objects.get(symbol="A/C.3/81/L.19")
    assert draft.superseded_by.symbol == "A/RES/81/412"


def test_ingest_command_refuses_an_amendment(tmp_path):
    """An amendment fails with its reason and the command exits non-zero."""
    path = tmp_path / "A_C.3_81_L.70.txt"
    path.write_text(drafts_samples.AMENDMENT)
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(path), stdout=out, stderr=StringIO())
    assert "is an amendment to draft resolution A/C.3/81/L.19" in out.getvalue()


def test_admin_import_reports_the_link_and_lists_filter_by_status(staff_client):
    """The admin import shows the draft superseded; the lists filter by resolution status."""
    url = reverse("admin:mandates_resolution_import")
    staff_client.post(
        url, {"files": [SimpleUploadedFile("A_C.3_81_L.19.txt", DRAFT_TEXT.encode())]}
    )
    changelist = reverse("admin:mandates_resolution_changelist")
    page = staff_client.get(changelist, {"status__exact": "draft"}).content.decode()
    assert "A/C.3/81/L.19" in page
    response = staff_client.post(
        url, {"files": [SimpleUploadedFile("A_RES_81_412.txt", ADOPTED_TEXT.encode())]}
    )
    assert "supersedes draft A/C.3/81/L.19" in response.content.decode()
    assert (
        "A/C.3/81/L.19"
        not in staff_client.get(changelist, {"status__exact": "draft"}).content.decode()
    )
    page = staff_client.get(changelist, {"status__exact": "superseded"}).content.decode()
    assert "A/C.3/81/L.19" in page and "A/RES/81/412" not in page
    adopted = Resolution.objects.get(symbol="A/RES/81/412")
    detail = staff_client.get(reverse("admin:mandates_resolution_change", args=[adopted.pk]))
    draft = Resolution.objects.get(symbol="A/C.3/81/L.19")
    assert reverse("admin:mandates_resolution_change", args=[draft.pk]) in detail.content.decode()
    deliverables = reverse("admin:mandates_deliverable_changelist")
    page = staff_client.get(
        deliverables, {"mandate__resolution__status__exact": "superseded"}
    ).content.decode()
    assert "A/C.3/81/L.19" in page and "A/RES/81/412" not in page


def test_api_shows_status_and_links(client, django_user_model):
    """The JSON API gives each resolution's status, its drafts or the text superseding it,
    and filters deliverables by resolution status."""
    from mandates.services.ingest import resolution_ingest

    resolution_ingest(data=DRAFT_TEXT.encode(), name="A_C.3_81_L.19.txt")
    user = django_user_model.objects.create_user(
        "reader", "reader@example.org", "pw", is_staff=True
    )  # staff: proposed deliverables are not public
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {Token.objects.create(user=user).key}"
    data = client.get("/api/resolutions/A/C.3/81/L.19/").json()
    assert (data["status"], data["superseded_by"], data["drafts"]) == ("draft", None, [])
    listed = client.get("/api/deliverables/", {"resolution_status": "draft"}).json()["results"]
    assert [item["resolution"] for item in listed] == ["A/C.3/81/L.19"]
    assert listed[0]["resolution_status"] == "draft"
    resolution_ingest(data=ADOPTED_TEXT.encode(), name="A_RES_81_412.txt")
    data = client.get("/api/resolutions/A/C.3/81/L.19/").json()
    assert (data["status"], data["superseded_by"]) == ("superseded", "A/RES/81/412")
    assert client.get("/api/resolutions/A/RES/81/412/").json()["drafts"] == ["A/C.3/81/L.19"]
    adopted = client.get("/api/deliverables/", {"resolution_status": "adopted"}).json()
    assert {item["resolution"] for item in adopted["results"]} == {"A/RES/81/412"}


def test_tracked_changes_docx_ingested_with_both_readings(staff_client):
    """Through the admin import, a tracked-changes .docx stores the deliverable due at the new
    session with the deleted one as another reading, flagged; a report .docx is refused."""
    from mandates.models import Deliverable
    from tests.docx_builder import docx_bytes
    from tests.extraction.test_docx_tracked import REPORT_DOCX, tracked_resolution

    url = reverse("admin:mandates_resolution_import")
    response = staff_client.post(
        url,
        {
            "files": [
                SimpleUploadedFile("A_HRC_RES_62_9.docx", tracked_resolution()),
                SimpleUploadedFile("report.docx", docx_bytes(REPORT_DOCX)),
            ]
        },
    )
    page = response.content.decode()
    assert "this is not a resolution but a report or another document (A/HRC/62/40" in page
    report = Deliverable.objects.get(mandate__resolution__symbol="A/HRC/RES/62/9")
    assert (report.due_session.number, report.needs_review) == (65, True)
    assert report.alternatives == [{"body": "HRC", "session": 62, "relation": "at", "date": None}]
    assert any("tracked changes" in reason for reason in report.review_reasons)
    assert Resolution.objects.count() == 1


def test_a_superseded_drafts_deliverables_leave_every_list(staff_client):
    """Once the adopted text supersedes the draft, its deliverable is listed once, as the
    adopted text's: not twice in the review queue, the staff pages, the CSV export, the
    session page, the API or the plan."""
    from mandates.services.ingest import resolution_ingest

    resolution_ingest(data=DRAFT_TEXT.encode(), name="A_C.3_81_L.19.txt")
    draft_page = reverse("mandates:resolution", args=["A/C.3/81/L.19"])
    assert "Draft resolution: not adopted yet" in staff_client.get(draft_page).content.decode()
    resolution_ingest(data=ADOPTED_TEXT.encode(), name="A_RES_81_412.txt")
    draft = Resolution.objects.get(symbol="A/C.3/81/L.19")
    assert draft.status == Resolution.Status.SUPERSEDED
    page = staff_client.get(draft_page).content.decode()
    assert "superseded by its adopted text" in page
    assert reverse("mandates:resolution", args=["A/RES/81/412"]) in page
    assert draft.mandates.get().deliverables.get().progress == "superseded"

    pages = {
        "review queue": reverse("admin:mandates_deliverablereview_changelist"),
        "review": reverse("mandates:review"),
        "export": reverse("mandates:export_csv"),
        "session": reverse("mandates:session", args=["GA", 82]),
        "plan": reverse("mandates:session_plan", args=["GA", 82]),
    }
    for name, url in pages.items():
        page = staff_client.get(url)
        assert page.status_code == 200, name
        text = page.getvalue().decode() if page.streaming else page.content.decode()
        assert "A/RES/81/412" in text, name
        assert "A/C.3/81/L.19" not in text, name
    listed = staff_client.get("/api/deliverables/", {"session": "GA-82"}).json()["results"]
    assert [item["resolution"] for item in listed] == ["A/RES/81/412"]
    # The draft's own admin list still has it, for the record.
    record = staff_client.get(
        reverse("admin:mandates_deliverable_changelist"),
        {"mandate__resolution__status__exact": "superseded"},
    ).content.decode()
    assert "A/C.3/81/L.19" in record


def test_a_drafts_pages_say_draft_and_never_adopted(staff_client):
    """The draft's page names its session, not an "Adopted —" date, and the session page
    marks its deliverable as a draft's."""
    from mandates.services.ingest import resolution_ingest

    resolution_ingest(data=DRAFT_TEXT.encode(), name="A_C.3_81_L.19.txt")
    page = staff_client.get(reverse("mandates:resolution", args=["A/C.3/81/L.19"]))
    text = page.content.decode()
    assert "<dt>Adopted</dt>" not in text
    assert "<dt>Session</dt><dd>GA 81 (draft, not adopted)</dd>" in text
    listed = staff_client.get(reverse("mandates:session", args=["GA", 82])).content.decode()
    assert 'A/C.3/81/L.19</a> <span class="status">draft, not adopted</span>' in listed


def test_a_carry_over_names_the_kind_a_person_set_on_the_draft(tmp_path):
    """The draft's report was made a study by a person: the adopted text's line says
    "study", the kind it keeps, not "report", the kind it was read as."""
    from mandates.models import Deliverable
    from mandates.services import deliverables as deliverable_services
    from mandates.services.ingest import resolution_ingest

    resolution_ingest(data=DRAFT_TEXT.encode(), name="A_C.3_81_L.19.txt")
    drafted = Deliverable.objects.get(mandate__resolution__symbol="A/C.3/81/L.19")
    drafted.kind = Deliverable.Kind.STUDY
    drafted.save()
    deliverable_services.deliverable_mark_edited(deliverable=drafted, fields=["kind"])
    (tmp_path / "A_RES_81_412.txt").write_text(ADOPTED_TEXT)
    out = StringIO()
    call_command("ingest", str(tmp_path / "A_RES_81_412.txt"), verbosity=2, stdout=out)
    assert "para. 2 study: carried over from draft A/C.3/81/L.19: kind" in out.getvalue()
    adopted = Deliverable.objects.get(mandate__resolution__symbol="A/RES/81/412")
    assert adopted.kind == Deliverable.Kind.STUDY


def _draft_worked_on_then_adopted(comment_by=None):
    """The draft's report in progress (a person's edit) with a reminder sent (and a comment
    by `comment_by`, if given), then its adopted text; returns the draft's report as stored
    then, its calendar UID before the adopted text took it over, and the adopted
    resolution."""
    from datetime import date

    from mandates.models import Comment, Contact, Deliverable, ReminderLog
    from mandates.services import deliverables as deliverable_services
    from mandates.services.ingest import resolution_ingest

    resolution_ingest(data=DRAFT_TEXT.encode(), name="A_C.3_81_L.19.txt")
    report = Deliverable.objects.get(mandate__resolution__symbol="A/C.3/81/L.19")
    if comment_by is not None:
        Comment.objects.create(deliverable=report, author=comment_by, text="Outline agreed.")
    report.progress = Deliverable.Progress.IN_PROGRESS
    report.save()
    deliverable_services.deliverable_mark_edited(deliverable=report, fields=["progress"])
    contact = Contact.objects.create(name="Archives unit", email="archives@example.org")
    ReminderLog.objects.create(
        deliverable=report, recipient=contact, reminder="before:60", due_date=date(2027, 6, 1)
    )
    uid = report.uid
    resolution_ingest(data=ADOPTED_TEXT.encode(), name="A_RES_81_412.txt")
    report.refresh_from_db()
    return report, uid, Resolution.objects.get(symbol="A/RES/81/412")


def test_deleting_the_adopted_text_makes_its_draft_a_draft_again(staff_client):
    """Admin -> the adopted resolution -> Delete: the page says the draft is kept, and
    after the delete the draft is a draft again, its deliverable back in the lists with
    the progress, calendar UID and reminder log it had. The draft used to stay
    "superseded" by nothing, its deliverable gone from every list."""
    report, uid, adopted = _draft_worked_on_then_adopted()
    assert report.progress == "superseded" and report.uid != uid

    url = reverse("admin:mandates_resolution_delete", args=[adopted.pk])
    page = staff_client.get(url).content.decode()
    assert "Its draft A/C.3/81/L.19 is not deleted: it becomes a draft again" in page
    response = staff_client.post(url, {"post": "yes"}, follow=True)
    assert "Drafts again: A/C.3/81/L.19." in response.content.decode()

    assert not Resolution.objects.filter(symbol="A/RES/81/412").exists()
    draft = Resolution.objects.get(symbol="A/C.3/81/L.19")
    assert (draft.status, draft.superseded_by) == (Resolution.Status.DRAFT, None)
    report.refresh_from_db()
    assert report.progress == "in_progress" and report.uid == uid
    assert list(report.reminders.values_list("reminder", flat=True)) == ["before:60"]
    listed = staff_client.get("/api/deliverables/", {"resolution_status": "draft"}).json()
    assert [item["resolution"] for item in listed["results"]] == ["A/C.3/81/L.19"]
    queue = staff_client.get(reverse("mandates:export_csv")).getvalue().decode()
    assert "A/C.3/81/L.19" in queue


def test_delete_selected_adopted_texts_makes_their_drafts_drafts_again(staff_client):
    """The list's "Delete selected" restores the drafts as the delete page does."""
    from mandates.services.ingest import resolution_ingest

    resolution_ingest(data=DRAFT_TEXT.encode(), name="A_C.3_81_L.19.txt")
    resolution_ingest(data=ADOPTED_TEXT.encode(), name="A_RES_81_412.txt")
    adopted = Resolution.objects.get(symbol="A/RES/81/412")
    staff_client.post(
        reverse("admin:mandates_resolution_changelist"),
        {"action": "delete_selected", "_selected_action": [adopted.pk], "post": "yes"},
    )
    assert not Resolution.objects.filter(pk=adopted.pk).exists()
    draft = Resolution.objects.get(symbol="A/C.3/81/L.19")
    assert draft.status == Resolution.Status.DRAFT
    assert draft.mandates.get().deliverables.get().progress == "planned"


def test_delete_selected_names_the_drafts_kept_and_restores_them_once(staff_client):
    """The list's "Delete selected" on the adopted text: its confirmation page says the
    draft is kept (as the delete page does; it listed only what goes), and the delete
    hands the draft's report back once, with its progress, calendar UID (SEQUENCE one
    above the adopted one's) and reminder log."""
    report, uid, adopted = _draft_worked_on_then_adopted()
    sequence = adopted.mandates.get().deliverables.get().sequence
    url = reverse("admin:mandates_resolution_changelist")
    chosen = {"action": "delete_selected", "_selected_action": [adopted.pk]}

    page = staff_client.post(url, chosen).content.decode()
    assert "The draft A/C.3/81/L.19 is not deleted: it becomes a draft again" in page
    response = staff_client.post(url, {**chosen, "post": "yes"}, follow=True)
    assert response.content.decode().count("Drafts again: A/C.3/81/L.19.") == 1

    assert not Resolution.objects.filter(pk=adopted.pk).exists()
    draft = Resolution.objects.get(symbol="A/C.3/81/L.19")
    assert (draft.status, draft.superseded_by) == (Resolution.Status.DRAFT, None)
    report.refresh_from_db()
    assert (report.progress, report.uid, report.sequence) == ("in_progress", uid, sequence + 1)
    assert list(report.reminders.values_list("reminder", flat=True)) == ["before:60"]
    listed = staff_client.get("/api/deliverables/", {"resolution_status": "draft"}).json()
    assert [item["resolution"] for item in listed["results"]] == ["A/C.3/81/L.19"]


# --- Comments copied from the draft ---------------------------------------------------------


def _officer():
    """A colleague who writes comments (not the person deleting)."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("officer", is_staff=True)


def _comment_seen(comment) -> tuple:
    comment.refresh_from_db()
    return (comment.deliverable_id, comment.author_id, comment.text, comment.created_at)


def _delete_request(adopted, how: str) -> tuple[str, dict]:
    """The URL and form of the delete page, or of the list's "Delete selected"."""
    if how == "delete page":
        return reverse("admin:mandates_resolution_delete", args=[adopted.pk]), {}
    chosen = {"action": "delete_selected", "_selected_action": [adopted.pk]}
    return reverse("admin:mandates_resolution_changelist"), chosen


@pytest.mark.parametrize("how", ["delete page", "delete selected"])
def test_deleting_an_adopted_text_whose_draft_had_comments(staff_client, how):
    """Admin -> the adopted resolution -> Delete (or the list's "Delete selected"): the
    comment a colleague wrote on the draft, copied onto the adopted text, does not stop the
    delete; the draft is a draft again with its own comment as it was. The admin used to
    refuse, naming the copy (protected, and a comment only its author may delete), and the
    draft stayed superseded."""
    from mandates.models import Comment

    report, uid, adopted = _draft_worked_on_then_adopted(comment_by=_officer())
    note = report.comments.get()
    seen = _comment_seen(note)
    url, chosen = _delete_request(adopted, how)
    page = staff_client.post(url, chosen) if chosen else staff_client.get(url)
    text = page.content.decode()
    assert "cannot be deleted" not in text and "protected" not in text
    assert "permission" not in text
    assert "is not deleted: it becomes a draft again" in text
    assert "their comments, calendar entries and reminder log" in text
    assert "[on draft A/C.3/81/L.19] Outline agreed." in text  # the copy, deleted with it
    response = staff_client.post(url, {**chosen, "post": "yes"}, follow=True)
    assert "Drafts again: A/C.3/81/L.19." in response.content.decode()

    assert not Resolution.objects.filter(pk=adopted.pk).exists()
    draft = Resolution.objects.get(symbol="A/C.3/81/L.19")
    assert draft.status == Resolution.Status.DRAFT
    report.refresh_from_db()
    assert (report.progress, report.uid) == ("in_progress", uid)
    assert list(Comment.objects.all()) == [note] and _comment_seen(note) == seen


@pytest.mark.parametrize("how", ["delete page", "delete selected"])
def test_a_comment_written_on_the_adopted_text_keeps_it_and_the_admin_says_why(staff_client, how):
    """A note a colleague wrote on the adopted deliverable itself still refuses the delete:
    the page says the resolution cannot be deleted because of people's comments and what to
    do, lists that note (not the copy, which would go) and deletes nothing, before and on
    confirming. It said "your account doesn't have permission to delete comment", which
    no permission changes."""
    from mandates.models import Comment, Deliverable

    officer = _officer()
    report, _, adopted = _draft_worked_on_then_adopted(comment_by=officer)
    adopted_report = Deliverable.objects.get(mandate__resolution=adopted)
    Comment.objects.create(deliverable=adopted_report, author=officer, text="Talks started.")
    url, chosen = _delete_request(adopted, how)
    head = {
        "delete page": "The resolution “A/RES/81/412” cannot be deleted: people wrote "
        "comments on its deliverables,",
        "delete selected": "The selected resolution cannot be deleted: people wrote "
        "comments on their deliverables,",
    }[how]
    for data in (chosen, {**chosen, "post": "yes"}):
        page = staff_client.post(url, data) if data else staff_client.get(url)
        assert page.status_code == 200
        text = page.content.decode()
        assert head in text
        assert "a comment a person wrote is never deleted with what it is about." in text
        assert "A comment’s author can delete it once it is no longer needed" in text
        assert "Comments copied from a draft are not listed" in text
        assert "Talks started." in text and "[on draft A/C.3/81/L.19]" not in text
        assert "permission" not in text and "Yes, I’m sure" not in text
    assert Resolution.objects.get(pk=adopted.pk).status == Resolution.Status.ADOPTED
    assert Comment.objects.count() == 3
    report.refresh_from_db()
    assert report.progress == "superseded"


def test_a_deliverable_kept_by_a_comment_says_why(staff_client):
    """Deleting a deliverable (or its mandate) a colleague commented on: the page says why
    it cannot go, and lists the note, not the copy."""
    from mandates.models import Comment, Deliverable

    _, _, adopted = _draft_worked_on_then_adopted(comment_by=_officer())
    adopted_report = Deliverable.objects.get(mandate__resolution=adopted)
    Comment.objects.create(deliverable=adopted_report, text="Talks started.")
    for url, where in (
        (reverse("admin:mandates_deliverable_delete", args=[adopted_report.pk]), "on it"),
        (
            reverse("admin:mandates_mandate_delete", args=[adopted_report.mandate_id]),
            "on its deliverables",
        ),
    ):
        text = staff_client.get(url).content.decode()
        assert f"cannot be deleted: people wrote comments {where}, and a comment a person" in text
        assert "Talks started." in text and "[on draft" not in text and "permission" not in text


def test_a_copied_comment_is_shown_as_a_copy_and_is_read_only(staff_client):
    """On the adopted deliverable's page the copy says it comes from the draft (a link to
    the draft's deliverable) and its text cannot be edited, even by its author; its own
    page is read-only. The original is shown on the superseded draft, read-only too."""
    from mandates.models import Comment, Deliverable

    report, _, adopted = _draft_worked_on_then_adopted(comment_by=staff_client.user)
    adopted_report = Deliverable.objects.get(mandate__resolution=adopted)
    copy = adopted_report.comments.get()

    def text_field(page: str) -> str:
        return page[page.index('name="comments-0-text"') :].split(">", 1)[0]

    page = staff_client.get(
        reverse("admin:mandates_deliverable_change", args=[adopted_report.pk])
    ).content.decode()
    draft_url = reverse("admin:mandates_deliverable_change", args=[report.pk])
    assert f'Copied from <a href="{draft_url}">the draft</a>, where the original stays' in page
    assert "disabled" in text_field(page)
    # The original stays on the superseded draft, shown, not editable: an edit there would
    # never reach the copy people read (see test_drafts_superseded_pages.py).
    own = staff_client.get(draft_url).content.decode()
    assert "Copied from" not in own and "Outline agreed." in own
    assert 'name="comments-0-text"' not in own

    comment_url = reverse("admin:mandates_comment_change", args=[copy.pk])
    page = staff_client.get(comment_url).content.decode()
    assert 'name="text"' not in page and "Outline agreed." in page  # shown, not editable
    staff_client.post(comment_url, {"text": "Changed.", "deliverable": adopted_report.pk})
    assert Comment.objects.get(pk=copy.pk).text == "[on draft A/C.3/81/L.19] Outline agreed."


def test_a_copied_comment_cannot_be_deleted_on_the_adopted_item(staff_client):
    """The copy is read-only on the adopted deliverable, for its author too: no "Delete?"
    to tick in the inline (a tick posted anyway deletes nothing), and its own page has no
    Delete and refuses one, saying the copy goes with the adopted text. Its author could
    delete it from the inline while the page called it read-only. Deleting the adopted
    resolution still takes the copy along."""
    from mandates.models import Comment, Deliverable
    from tests.admin_forms import change_form_data

    _, _, adopted = _draft_worked_on_then_adopted(comment_by=staff_client.user)
    adopted_report = Deliverable.objects.get(mandate__resolution=adopted)
    copy = adopted_report.comments.get()
    url = reverse("admin:mandates_deliverable_change", args=[adopted_report.pk])
    response = staff_client.get(url)
    page = response.content.decode()
    delete_box = page[page.index('name="comments-0-DELETE"') :].split(">", 1)[0]
    assert "disabled" in delete_box

    data = change_form_data(response)
    data["comments-0-DELETE"] = "on"
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Comment.objects.filter(pk=copy.pk).exists()

    comment_url = reverse("admin:mandates_comment_change", args=[copy.pk])
    delete_url = reverse("admin:mandates_comment_delete", args=[copy.pk])
    assert delete_url not in staff_client.get(comment_url).content.decode()
    for data in ({}, {"post": "yes"}):
        page = staff_client.post(delete_url, data) if data else staff_client.get(delete_url)
        text = page.content.decode()
        assert "is a copy of a comment on the draft" in text
        assert "Yes, I’m sure" not in text and "permission" not in text
    listed = {"action": "delete_selected", "_selected_action": [copy.pk], "post": "yes"}
    staff_client.post(reverse("admin:mandates_comment_changelist"), listed)
    assert Comment.objects.filter(pk=copy.pk).exists()

    staff_client.post(
        reverse("admin:mandates_resolution_delete", args=[adopted.pk]), {"post": "yes"}
    )
    assert not Resolution.objects.filter(pk=adopted.pk).exists()
    assert not Comment.objects.filter(pk=copy.pk).exists()


@pytest.mark.parametrize("how", ["delete page", "delete selected"])
def test_a_copy_whose_original_was_deleted_is_listed_and_the_page_says_why(staff_client, how):
    """The original comment deleted on the draft, its copy is the only record left: it
    keeps the adopted text, is listed, and the page says why it is listed. The page said
    "Comments copied from a draft are not listed" and then listed it."""
    from mandates.models import Comment

    officer = _officer()
    report, _, adopted = _draft_worked_on_then_adopted(comment_by=officer)
    report.comments.get().delete()
    url, chosen = _delete_request(adopted, how)
    page = staff_client.post(url, chosen) if chosen else staff_client.get(url)
    text = " ".join(page.content.decode().split())
    assert "[on draft A/C.3/81/L.19] Outline agreed." in text
    assert "Comments copied from a draft are not listed" not in text
    assert (
        "A comment copied from the draft whose original was deleted there is listed: "
        "it is now the only record of that note." in text
    )
    assert Comment.objects.count() == 1
    assert Resolution.objects.get(pk=adopted.pk).status == Resolution.Status.ADOPTED
