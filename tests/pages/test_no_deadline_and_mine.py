"""Deliverables without a deadline have a list of their own; "assigned to me" and the
assignee filter on the list pages and in the admin."""

import csv
import io
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from mandates.models import Contact, Deliverable, ReviewStatus
from mandates.services.ingest import resolution_ingest_path
from tests import factories
from tests.shared_data import shared_path

pytestmark = pytest.mark.django_db

NO_DEADLINE = reverse("mandates:no_deadline")
MINE = reverse("mandates:mine")
UPCOMING = reverse("mandates:upcoming")
OVERDUE = reverse("mandates:overdue")


def titles(response) -> set[str]:
    return {item.title for item in response.context["deliverables"]}


@pytest.fixture
def undated(world):
    """Deliverables without a date: confirmed, a proposal, and one already submitted."""
    make = factories.DeliverableFactory
    return {
        "compilation": make(
            title="Compilation of good practices",
            kind=Deliverable.Kind.COMPILATION,
            review_status=ReviewStatus.CONFIRMED,
        ),
        "consultation": make(title="Consultations with States", kind=Deliverable.Kind.CONSULTATION),
        "done": make(
            title="Compilation already submitted",
            review_status=ReviewStatus.CONFIRMED,
            progress=Deliverable.Progress.SUBMITTED,
        ),
    }


def _contact_of(user, name="Holder") -> Contact:
    return Contact.objects.create(name=name, email=f"{user.username}@ohchr.example.org", user=user)


def test_no_deadline_lists_open_undated_deliverables(client, world, undated):
    """Visitors see confirmed ones, without a date and still open; staff also proposals."""
    response = client.get(NO_DEADLINE)
    assert response.status_code == 200
    assert titles(response) == {"Compilation of good practices"}
    assert "Compilation already submitted" not in response.content.decode()
    staff = Client()
    staff.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    assert titles(staff.get(NO_DEADLINE)) == {
        "Compilation of good practices",
        "Consultations with States",
    }
    assert NO_DEADLINE in client.get(UPCOMING).content.decode()  # in the navigation


def test_no_deadline_export_holds_the_same_list(client, world, undated):
    """The CSV export of the page holds what the page shows."""
    response = client.get(reverse("mandates:export_csv"), {"scope": "no_deadline"})
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    assert [row["Title"] for row in rows] == ["Compilation of good practices"]


def test_seed_undated_deliverables_are_on_the_no_deadline_page(admin_client, settings, tmp_path):
    """The compilation of HRC 59/3 para 31 and the consultations of GA 80/204 para 16."""
    settings.MEDIA_ROOT = tmp_path / "media"
    for name in ("A_HRC_RES_59_3.txt", "A_RES_80_204.txt"):
        assert resolution_ingest_path(path=shared_path("seeds", name)).status == "new"
    listed = admin_client.get(NO_DEADLINE).context["deliverables"]
    found = {(d.mandate.resolution.symbol, d.mandate.paragraph_label, d.kind) for d in listed}
    assert ("A/HRC/RES/59/3", "31", "compilation") in found
    assert ("A/RES/80/204", "16", "consultation") in found


def test_assigned_to_me_needs_a_login_and_lists_my_open_work(member_client, world, undated):
    """Overdue, upcoming, undated and non-public: all that is assigned to me and open."""
    assert Client().get(MINE).status_code == 302
    me = _contact_of(member_client.user)
    other = Contact.objects.create(name="Someone else", email="else@ohchr.example.org")
    for item in (world.late, world.soon, world.private, undated["compilation"], undated["done"]):
        item.assignees.add(me)
    world.ga.assignees.add(other)
    response = member_client.get(MINE)
    assert titles(response) == {
        world.late.title,
        world.soon.title,
        world.private.title,
        "Compilation of good practices",
    }
    # Dated first, by date; the undated one last.
    assert [d.title for d in response.context["deliverables"]][-1] == (
        "Compilation of good practices"
    )
    assert MINE in response.content.decode()  # in the navigation


def test_assignee_and_mine_filters_on_the_list_pages(member_client, world):
    """Logged in, the pages filter by assignee and "assigned to me"; visitors are neither
    offered those filters nor can use them to learn who is assigned: asked for, they are
    refused (400, nothing listed), not dropped (a full list looked like theirs)."""
    me = _contact_of(member_client.user)
    other = Contact.objects.create(name="Water unit", email="water@ohchr.example.org")
    world.soon.assignees.add(me)
    world.ga.assignees.add(other)
    assert titles(member_client.get(UPCOMING, {"mine": "1"})) == {world.soon.title}
    assert titles(member_client.get(UPCOMING, {"assignee": other.pk})) == {world.ga.title}
    world.late.assignees.add(other)
    assert titles(member_client.get(OVERDUE, {"assignee": other.pk})) == {world.late.title}
    page = member_client.get(UPCOMING).content.decode()
    assert 'id="id_assignee"' in page and 'id="id_mine"' in page

    visitor = Client()
    refused = visitor.get(UPCOMING, {"assignee": other.pk})
    assert refused.status_code == 400 and titles(refused) == set()
    page = visitor.get(UPCOMING).content.decode()
    assert 'id="id_assignee"' not in page and "Water unit" not in page


def test_admin_filters_by_assignee_and_assigned_to_me(staff_client, world):
    """The admin's deliverable list: "assigned to me" and a filter per assignee."""
    me = _contact_of(staff_client.user, name="Admin person")
    other = Contact.objects.create(name="Water unit", email="water@ohchr.example.org")
    world.soon.assignees.add(me)
    world.ga.assignees.add(other)
    url = reverse("admin:mandates_deliverable_changelist")
    mine = staff_client.get(url, {"mine": "1"})
    assert {d.pk for d in mine.context["cl"].result_list} == {world.soon.pk}
    theirs = staff_client.get(url, {"assignees__id__exact": other.pk})
    assert {d.pk for d in theirs.context["cl"].result_list} == {world.ga.pk}
    assert "Water unit" in staff_client.get(url).content.decode()


def test_api_filters_by_assignee(member_client, world):
    """The JSON API takes the same filters (`assignee`, `mine`)."""
    me = _contact_of(member_client.user)
    world.soon.assignees.add(me)
    data = member_client.get("/api/deliverables/", {"mine": "true"}).json()
    assert [item["title"] for item in data["results"]] == [world.soon.title]
    data = member_client.get("/api/deliverables/", {"assignee": me.pk}).json()
    assert [item["title"] for item in data["results"]] == [world.soon.title]
    assert date.fromisoformat(data["results"][0]["due_date"]) == world.soon.due_date


@pytest.mark.parametrize("page", [MINE, reverse("mandates:calendars")])
def test_a_person_with_no_contact_is_told_why_nothing_is_theirs(client, editor, page):
    """An editor no contact names sees why "Assigned to me" and the private calendar are
    empty and who can link one (QA 39: "Nothing open is assigned to you" and an empty
    feed, no hint). An editor may not pick users in the admin: told to ask; someone who
    may is given the link. Once a contact is linked, the note goes."""
    client.force_login(editor)
    page_text = client.get(page).content.decode()
    assert "No contact is linked to your user (editor)" in page_text
    assert "Ask an administrator to link your contact to your user" in page_text

    admin = factories.UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    page_text = client.get(page).content.decode()
    assert "No contact is linked to your user" in page_text
    assert reverse("admin:mandates_contact_changelist") in page_text

    factories.ContactFactory(user=editor)
    client.force_login(editor)
    assert "No contact is linked" not in client.get(page).content.decode()
