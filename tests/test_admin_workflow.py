"""Staff review, assign and manage deliverables in the admin."""

import csv
import html
import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from mandates.models import Comment, Contact, Deliverable, ReviewStatus
from mandates.services.ingest import resolution_ingest_path
from tests import factories
from tests.samples import GA_EXAMPLE, HRC_EXAMPLE, hrc_resolution

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:mandates_deliverable_changelist"
QUEUE = "admin:mandates_deliverablereview_changelist"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def ingested():
    resolution_ingest_path(path=HRC_EXAMPLE)
    return Deliverable.objects.filter(mandate__resolution__symbol="A/HRC/RES/61/99")


def _member(django_user_model, group: str):
    user = django_user_model.objects.create_user(group, f"{group}@example.org", "pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def test_import_page_reports_each_file(staff_client):
    """Uploading several files shows per file what was created or why it failed."""
    url = reverse("admin:mandates_resolution_import")
    assert staff_client.get(url).status_code == 200
    files = [
        SimpleUploadedFile(HRC_EXAMPLE.name, HRC_EXAMPLE.read_bytes()),
        SimpleUploadedFile(GA_EXAMPLE.name, GA_EXAMPLE.read_bytes()),
        SimpleUploadedFile("empty.txt", b""),
        SimpleUploadedFile("macro.exe", b"MZ\x00\x00"),
    ]
    response = staff_client.post(url, {"files": files})
    assert response.status_code == 200, response.context["outcomes"]
    page = response.content.decode()
    assert "A/HRC/RES/61/99" in page and "A/RES/81/999" in page
    assert 'class="import-failed"' in page
    assert "unsupported file type .exe" in page
    assert "2 file(s) read, 2 failed" in page


def test_import_result_links_to_exactly_its_resolutions_items(staff_client):
    """ "review them" opens the queue with that resolution's items only (A/HRC/RES/58/1's,
    not those of A/HRC/RES/58/19, which its symbol's search also matched), and is not
    offered for a file with no deliverables."""
    report = "Requests the High Commissioner to present a report to the Council at its sixty-fourth session;"
    seminar = "Requests the Office to organize an expert seminar before the sixty-third session;"
    seized = "Decides to remain seized of the matter."
    files = [
        SimpleUploadedFile(
            f"A_HRC_RES_58_{number}.txt",
            hrc_resolution(number=f"58/{number}", operative=[text]).encode(),
        )
        for number, text in [("1", report), ("19", seminar), ("2", seized)]
    ]
    page = staff_client.post(reverse("admin:mandates_resolution_import"), {"files": files})
    rows = {
        symbol: row
        for row in page.content.decode().split("<tr")
        for symbol in re.findall(r">(A/HRC/RES/58/\d+)</a>", row)
    }
    assert "review them" not in rows["A/HRC/RES/58/2"]
    link = re.search(r'href="([^"]+)">review them', rows["A/HRC/RES/58/1"]).group(1)
    queue = staff_client.get(html.unescape(link))
    assert queue.status_code == 200
    shown = queue.context["cl"].result_list
    assert [item.mandate.resolution.symbol for item in shown] == ["A/HRC/RES/58/1"]


def test_resolution_changelist_links_to_import(staff_client):
    """The resolution list offers the import page."""
    response = staff_client.get(reverse("admin:mandates_resolution_changelist"))
    assert reverse("admin:mandates_resolution_import") in response.content.decode()


def test_resolution_page_shows_paragraphs_with_their_deliverables(staff_client, ingested):
    """A resolution's page lists operative paragraphs, the evidence marked and deliverables linked."""
    resolution = ingested.first().mandate.resolution
    page = staff_client.get(
        reverse("admin:mandates_resolution_change", args=[resolution.pk])
    ).content.decode()
    assert "<mark" in page
    report = ingested.get(kind="report")
    assert reverse("admin:mandates_deliverable_change", args=[report.pk]) in page
    assert "HRC 64 (at)" in page


def test_review_queue_lists_oldest_first_with_evidence(staff_client, ingested):
    """The queue holds proposed deliverables, oldest first, and the change page highlights the quote."""
    newest = factories.DeliverableFactory(title="Newest proposal")
    response = staff_client.get(reverse(QUEUE))
    rows = list(response.context["cl"].result_list)
    assert rows[-1].pk == newest.pk
    assert rows[0].created_at <= rows[-1].created_at
    report = ingested.get(kind="report")
    page = staff_client.get(
        reverse("admin:mandates_deliverablereview_change", args=[report.pk])
    ).content.decode()
    assert f'<mark title="evidence">{report.quote[:30]}' in page.replace("&#x27;", "'")


def test_review_offers_alternatives_and_correcting_confirms(staff_client, ingested):
    """Choosing the text's other reading moves the deadline, keeps the old one as an alternative and confirms."""
    report = ingested.get(kind="report")
    report.alternatives = [{"body": "HRC", "session": 62, "relation": "at", "date": None}]
    report.needs_review = True
    report.save()
    url = reverse("admin:mandates_deliverablereview_change", args=[report.pk])
    form = staff_client.get(url).context["adminform"].form
    values = [value for value, _ in form.fields["reading"].choices]
    assert values == ["HRC|64|at", "HRC|62|at"]
    data = {
        "reading": "HRC|62|at",
        "decision": "confirm",
        "kind": report.kind,
        "count": 1,
        "title": report.title,
        "due_session": report.due_session_id,
        "due_relation": "at",
        "manual_due_date": "",
        "recurring": "",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    report.refresh_from_db()
    assert report.due_session.number == 62
    assert report.review_status == ReviewStatus.CONFIRMED and not report.needs_review
    assert {alt["session"] for alt in report.alternatives} == {64}
    assert "due_session" in report.edited_fields


def _action(client, url_name, action, deliverables, **extra):
    data = {"action": action, "_selected_action": [d.pk for d in deliverables], **extra}
    return client.post(reverse(url_name), data)


def test_bulk_confirm_and_reject(staff_client, ingested):
    """Bulk actions confirm and reject the selection."""
    first, second = list(ingested.order_by("pk"))[:2]
    _action(staff_client, QUEUE, "confirm", [first])
    _action(staff_client, CHANGELIST, "reject", [second])
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.review_status, second.review_status) == ("confirmed", "rejected")


def test_bulk_assign_asks_for_contacts_then_assigns(staff_client, ingested):
    """Assign shows a form, then makes the chosen contacts responsible."""
    contact = factories.ContactFactory()
    selection = list(ingested)
    page = _action(staff_client, CHANGELIST, "assign", selection)
    assert page.status_code == 200 and contact.email in page.content.decode()
    _action(staff_client, CHANGELIST, "assign", selection, apply="1", contacts=[contact.pk])
    assert all(list(d.assignees.all()) == [contact] for d in ingested)


def test_bulk_assign_adds_to_the_current_assignees_unless_told_to_replace(staff_client):
    """The page shows who is assigned now and adds by default; replacing is a choice, and
    the history says who was added and who removed. Assigning used to replace silently."""
    branch = factories.ContactFactory(name="Development Branch")
    ed, alice = factories.ContactFactory(name="Ed Itor"), factories.ContactFactory(name="Alice")
    first, second = factories.DeliverableFactory(), factories.DeliverableFactory()
    first.assignees.set([branch])
    second.assignees.set([alice])

    page = _action(staff_client, CHANGELIST, "assign", [first, second]).content.decode()
    assert "(assigned to: Development Branch)" in page and "(assigned to: Alice)" in page
    assert 'value="add" id="id_mode_0" checked' in page
    assert "Replace them with the chosen ones" in page

    done = _action(
        staff_client, CHANGELIST, "assign", [first, second], apply="1", contacts=[ed.pk], mode="add"
    )
    assert done.status_code == 302
    assert set(first.assignees.all()) == {branch, ed}
    assert set(second.assignees.all()) == {alice, ed}
    assert first.history.first().history_change_reason == "Assignees: added Ed Itor"

    _action(
        staff_client, CHANGELIST, "assign", [first], apply="1", contacts=[ed.pk], mode="replace"
    )
    assert list(first.assignees.all()) == [ed]
    history = staff_client.get(reverse("admin:mandates_deliverable_history", args=[first.pk]))
    assert "Assignees: removed Development Branch" in history.content.decode()


def test_bulk_mark_submitted_records_the_document(staff_client, ingested):
    """Mark submitted sets the progress and the fulfilling document symbol."""
    report = ingested.get(kind="report")
    _action(
        staff_client,
        CHANGELIST,
        "mark_submitted",
        [report],
        apply="1",
        document="A/HRC/64/12",
        on="2027-01-10",
    )
    report.refresh_from_db()
    assert report.progress == "submitted" and report.fulfilled_by == "A/HRC/64/12"


def test_filters_due_soon_and_overdue(staff_client):
    """The due filter shows what falls due in 30 days and what is overdue."""
    today = timezone.localdate()
    soon = factories.DeliverableFactory(due_date=today + timedelta(days=10))
    later = factories.DeliverableFactory(due_date=today + timedelta(days=60))
    late = factories.DeliverableFactory(due_date=today - timedelta(days=3))

    def shown(query):
        return {
            d.pk for d in staff_client.get(reverse(CHANGELIST), query).context["cl"].result_list
        }

    assert shown({"due": "next30"}) == {soon.pk}
    assert shown({"due": "next90"}) == {soon.pk, later.pk}
    assert shown({"due": "overdue"}) == {late.pk}


def test_search_by_symbol(staff_client, ingested):
    """Searching a resolution symbol finds its deliverables."""
    factories.DeliverableFactory()
    found = (
        staff_client.get(reverse(CHANGELIST), {"q": "A/HRC/RES/61/99"}).context["cl"].result_list
    )
    assert {d.pk for d in found} == set(ingested.values_list("pk", flat=True))


def test_export_filtered_list_to_csv_and_excel(staff_client, ingested):
    """The export buttons give the filtered list as CSV and as an Excel workbook."""
    factories.DeliverableFactory(kind="panel")
    response = staff_client.get(
        reverse("admin:mandates_deliverable_export_csv"), {"kind__exact": "report"}
    )
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert rows[0][:3] == ["UID", "Resolution", "Paragraph"]
    assert {row[4] for row in rows[1:]} == {"report"}
    assert any(row[1] == "A/HRC/RES/61/99" for row in rows[1:])
    response = staff_client.get(
        reverse("admin:mandates_deliverable_export_xlsx"), {"kind__exact": "report"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == len(rows)


def _change_form(client, report, **changes) -> tuple[str, dict]:
    """The deliverable's admin page and its form as the browser posts it, with changes."""
    url = reverse("admin:mandates_deliverable_change", args=[report.pk])
    form = client.get(url).context["adminform"].form
    data = {
        k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list | dict)
    }
    data.update(
        {
            "mandate": report.mandate_id,
            "alternatives": "[]",
            "review_reasons": "[]",
            "due_session": report.due_session_id,
            "count": 1,
            **changes,
        }
    )
    return url, data


def test_history_and_comments(staff_client, ingested):
    """Edits are recorded with who made them, and comments keep their author."""
    report = ingested.get(kind="report")
    url, data = _change_form(
        staff_client,
        report,
        title="Water report, final title",
        **{
            "comments-TOTAL_FORMS": 1,
            "comments-INITIAL_FORMS": 0,
            "comments-0-text": "Drafting starts in May.",
        },
    )
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    report.refresh_from_db()
    assert "title" in report.edited_fields
    assert Comment.objects.get(deliverable=report).author == staff_client.user
    history = staff_client.get(
        reverse("admin:mandates_deliverable_history", args=[report.pk])
    ).content.decode()
    assert "Water report, final title" in history or staff_client.user.username in history


def test_viewer_can_look_but_not_change(client, django_user_model, ingested):
    """A viewer sees the lists but cannot change a deliverable or run actions."""
    client.force_login(_member(django_user_model, "viewers"))
    report = ingested.get(kind="report")
    assert client.get(reverse(CHANGELIST)).status_code == 200
    change_url = reverse("admin:mandates_deliverable_change", args=[report.pk])
    client.post(change_url, {"title": "hacked"})
    report.refresh_from_db()
    assert report.title != "hacked"
    _action(client, CHANGELIST, "confirm", [report])
    report.refresh_from_db()
    assert report.review_status == "proposed"
    assert client.get(reverse("admin:mandates_resolution_import")).status_code == 403


def test_editor_can_review(client, django_user_model, ingested):
    """An editor confirms deliverables from the review queue."""
    client.force_login(_member(django_user_model, "editors"))
    report = ingested.get(kind="report")
    assert client.get(reverse(QUEUE)).status_code == 200
    _action(client, QUEUE, "confirm", [report])
    report.refresh_from_db()
    assert report.review_status == "confirmed"


def test_deliverable_changelist_queries_are_bounded(staff_client, django_assert_max_num_queries):
    """The list of 5,000 deliverables renders a page with a fixed number of queries."""
    mandate = factories.MandateFactory()
    session = factories.SessionFactory()
    Deliverable.objects.bulk_create(
        Deliverable(mandate=mandate, title=f"Report {n}", due_session=session, due_relation="at")
        for n in range(5000)
    )
    with django_assert_max_num_queries(15):
        response = staff_client.get(reverse(CHANGELIST))
    assert response.status_code == 200
    assert response.context["cl"].result_count == 5000


def test_contact_can_be_made_responsible_for_an_actor(staff_client):
    """Actors carry responsible contacts with e-mail addresses."""
    actor = factories.ActorFactory(name="High Commissioner")
    contact = Contact.objects.create(
        name="Rule of Law Unit", email="rol@ohchr.example.org", is_unit=True
    )
    actor.contacts.add(contact)
    page = staff_client.get(
        reverse("admin:mandates_actor_change", args=[actor.pk])
    ).content.decode()
    assert "Rule of Law Unit" in page


def test_a_comment_is_changed_only_by_its_author(client, django_user_model, ingested):
    """Editors could rewrite another person's comment (it kept the other's name) and post
    one signed with any name. Another person's comment is read-only on the deliverable's
    page and its own page; a comment added anywhere is signed by who wrote it."""
    report = ingested.get(kind="report")
    first = _member(django_user_model, "editors")
    second = django_user_model.objects.create_user(
        "editor2", "editor2@example.org", "pw", is_staff=True
    )
    second.groups.add(Group.objects.get(name="editors"))
    comment = Comment.objects.create(deliverable=report, author=first, text="Drafting in May.")
    client.force_login(second)
    url, data = _change_form(
        client,
        report,
        **{
            "comments-TOTAL_FORMS": 1,
            "comments-INITIAL_FORMS": 1,
            "comments-0-id": comment.pk,
            "comments-0-deliverable": report.pk,
            "comments-0-text": "Nothing was agreed.",
            "comments-0-DELETE": "on",
        },
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    comment.refresh_from_db()
    assert (comment.text, comment.author) == ("Drafting in May.", first)
    change = reverse("admin:mandates_comment_change", args=[comment.pk])
    assert client.post(change, {"deliverable": report.pk, "text": "Forged."}).status_code == 403
    comment.refresh_from_db()
    assert comment.text == "Drafting in May."
    add = reverse("admin:mandates_comment_add")
    client.post(add, {"deliverable": report.pk, "text": "Mine.", "author": first.pk})
    assert Comment.objects.get(text="Mine.").author == second


def test_the_import_page_shows_what_the_reader_warned_about(staff_client):
    """Plain text named .pdf is read as text "with a warning" (README): the page said
    nothing of it."""
    url = reverse("admin:mandates_resolution_import")
    upload = SimpleUploadedFile("A_HRC_RES_61_99.pdf", HRC_EXAMPLE.read_bytes())
    response = staff_client.post(url, {"files": [upload]})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Warning: the file is named .pdf but holds" in page


def test_an_empty_printed_date_reads_as_an_example_not_as_data(staff_client):
    """The empty "date printed in the text" field's help says it is an example."""
    deliverable = factories.DeliverableFactory()
    page = staff_client.get(reverse("admin:mandates_deliverable_change", args=[deliverable.pk]))
    assert 'A full date the text itself gives, e.g. "by 31 May 2026"' in (page.content.decode())
