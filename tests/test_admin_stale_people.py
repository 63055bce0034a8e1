"""An admin page opened before a person stopped their reminders from an e-mail link saves
nothing over that decision: the deliverable's and the contact's pages are refused as
changed, as for another editor's save, and the opt-out stays."""

import re
from datetime import timedelta
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mandates.models import Contact, Deliverable
from mandates.services.deliverables import deliverable_assign
from tests import factories
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

STALE = "This was changed after you opened it"


def _assigned(count: int = 2) -> tuple[Deliverable, list[Contact]]:
    """A deliverable due in a week, assigned to `count` fresh contacts."""
    due = timezone.localdate() + timedelta(days=7)
    deliverable = factories.DeliverableFactory(due_date=due, manual_due_date=due)
    people = factories.ContactFactory.create_batch(count)
    deliverable.assignees.add(*people)
    return deliverable, people


def _reminders_sent(capture) -> dict[str, str]:
    """`manage.py send_reminders` as the daily run calls it: each recipient's e-mail text."""
    with capture(execute=True):
        call_command("send_reminders", stdout=StringIO())
    return {message.to[0]: message.body for message in mail.outbox}


def _link(body: str, label: str) -> str:
    """The path of the link an e-mail gives after `label`."""
    found = re.search(rf"{re.escape(label)}:\s*(\S+)", body)
    assert found, body
    return urlsplit(found.group(1)).path


def _stop(body: str, label: str) -> None:
    """The person opens the link (not signed in) and presses the button."""
    anonymous = Client()
    path = _link(body, label)
    assert b"Stop" in anonymous.get(path).content
    assert anonymous.post(path).status_code == 200


def _deliverable_url(deliverable: Deliverable) -> str:
    return reverse("admin:mandates_deliverable_change", args=[deliverable.pk])


def _contact_url(contact: Contact) -> str:
    return reverse("admin:mandates_contact_change", args=[contact.pk])


def test_a_deliverable_page_opened_before_an_opt_out_saves_nothing(
    staff_client, django_capture_on_commit_callbacks
):
    """QA's steps: two assignees get reminders, an editor opens the deliverable, one
    assignee stops its reminders from the e-mail, the editor changes only Progress and
    saves. The save had gone through and put "no reminders for" back to empty, the
    History naming the editor."""
    deliverable, (first, second) = _assigned()
    sent = _reminders_sent(django_capture_on_commit_callbacks)
    assert set(sent) == {first.email, second.email}
    url = _deliverable_url(deliverable)
    opened = change_form_data(staff_client.get(url))

    _stop(sent[first.email], "No more reminders for this deliverable")
    assert list(deliverable.reminder_opt_outs.all()) == [first]

    opened["progress"] = Deliverable.Progress.IN_PROGRESS
    response = staff_client.post(url, opened)
    assert response.status_code == 200
    page = response.content.decode()
    assert STALE in page
    assert f"by {first.name}, from a link in an e-mail" in page  # not "by an import"
    deliverable.refresh_from_db()
    assert list(deliverable.reminder_opt_outs.all()) == [first]
    assert deliverable.progress == Deliverable.Progress.PLANNED
    assert not deliverable.history.filter(history_user=staff_client.user).exists()

    fresh = change_form_data(staff_client.get(url))  # opened again: the opt-out shown
    assert fresh["reminder_opt_outs"] == [str(first.pk)]
    fresh["progress"] = Deliverable.Progress.IN_PROGRESS
    response = staff_client.post(url, fresh)
    assert response.status_code == 302, response.context["adminform"].form.errors
    deliverable.refresh_from_db()
    assert deliverable.progress == Deliverable.Progress.IN_PROGRESS
    assert list(deliverable.reminder_opt_outs.all()) == [first]


def test_a_contact_page_opened_before_stop_all_saves_nothing(
    staff_client, django_capture_on_commit_callbacks
):
    """An editor opens a contact, the contact uses "No more reminders at all", the editor
    fixes a letter of the name and saves. The save had put the delivery back to
    "immediate", the History naming the editor."""
    _, (person, _other) = _assigned()
    sent = _reminders_sent(django_capture_on_commit_callbacks)
    url = _contact_url(person)
    opened = change_form_data(staff_client.get(url))
    assert opened["delivery"] == Contact.Delivery.IMMEDIATE

    _stop(sent[person.email], "No more reminders at all")
    person.refresh_from_db()
    assert person.delivery == Contact.Delivery.NONE

    opened["name"] = person.name + "e"
    response = staff_client.post(url, opened)
    assert response.status_code == 200
    page = response.content.decode()
    assert STALE in page
    assert f"by {person.name}, from a link in an e-mail" in page
    person.refresh_from_db()
    assert person.delivery == Contact.Delivery.NONE
    assert not person.name.endswith("e")
    assert not person.history.filter(history_user=staff_client.user).exists()

    fresh = change_form_data(staff_client.get(url))
    assert fresh["delivery"] == Contact.Delivery.NONE
    fresh["name"] = person.name + "e"
    response = staff_client.post(url, fresh)
    assert response.status_code == 302, response.context["adminform"].form.errors
    person.refresh_from_db()
    assert person.name.endswith("e")
    assert person.delivery == Contact.Delivery.NONE


def test_two_editors_of_one_contact(staff_client):
    """The second save from a page opened before the first is refused, as on every page
    that carries the row's version."""
    person = factories.ContactFactory(name="Ana Lopez")
    url = _contact_url(person)
    first = change_form_data(staff_client.get(url))
    second = dict(first)
    first["name"] = "Ana López"
    assert staff_client.post(url, first).status_code == 302
    second["delivery"] = Contact.Delivery.DIGEST
    response = staff_client.post(url, second)
    assert STALE in response.content.decode()
    person.refresh_from_db()
    assert (person.name, person.delivery) == ("Ana López", Contact.Delivery.IMMEDIATE)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda d, a, b: d.reminder_opt_outs.add(a), id="opt-out added"),
        pytest.param(lambda d, a, b: a.muted_deliverables.add(d), id="opt-out added, contact side"),
        pytest.param(lambda d, a, b: d.reminder_opt_outs.clear(), id="opt-outs cleared"),
        pytest.param(
            lambda d, a, b: b.muted_deliverables.clear(), id="opt-outs cleared, contact side"
        ),
        pytest.param(lambda d, a, b: d.reminder_opt_outs.set([a]), id="opt-outs set"),
        pytest.param(lambda d, a, b: d.assignees.remove(a), id="assignee removed"),
        pytest.param(
            lambda d, a, b: a.assigned_deliverables.remove(d), id="assignee removed, contact side"
        ),
        pytest.param(
            lambda d, a, b: deliverable_assign(
                deliverables=Deliverable.objects.filter(pk=d.pk), contacts=[a], replace=True
            ),
            id="bulk assign, replacing",
        ),
    ],
)
def test_any_change_of_its_people_makes_an_open_deliverable_page_stale(staff_client, change):
    """However its assignees or "no reminders for" change (either side of the relation, the
    shell, a service), a deliverable page opened before saves nothing over them."""
    deliverable, (first, second) = _assigned()
    deliverable.reminder_opt_outs.add(second)
    url = _deliverable_url(deliverable)
    opened = change_form_data(staff_client.get(url))
    before = (
        set(deliverable.assignees.values_list("pk", flat=True)),
        set(deliverable.reminder_opt_outs.values_list("pk", flat=True)),
    )

    change(
        Deliverable.objects.get(pk=deliverable.pk),
        Contact.objects.get(pk=first.pk),
        Contact.objects.get(pk=second.pk),
    )
    now = (
        set(deliverable.assignees.values_list("pk", flat=True)),
        set(deliverable.reminder_opt_outs.values_list("pk", flat=True)),
    )
    assert now != before

    opened["title"] = "Retitled on an old page"
    response = staff_client.post(url, opened)
    assert STALE in response.content.decode()
    deliverable.refresh_from_db()
    assert deliverable.title != "Retitled on an old page"
    assert (
        set(deliverable.assignees.values_list("pk", flat=True)),
        set(deliverable.reminder_opt_outs.values_list("pk", flat=True)),
    ) == now


def test_the_form_writes_only_the_people_it_changed(staff_client):
    """Even a change that leaves the row's version alone (a link row written directly)
    is not undone: the page adds and removes only whom the person added or removed."""
    deliverable, (first, second) = _assigned()
    deliverable.reminder_opt_outs.add(second)
    url = _deliverable_url(deliverable)
    page = staff_client.get(url)
    assert re.search(  # what the browser sends back as the list it showed
        rf'<input type="hidden" name="initial-reminder_opt_outs" value="{second.pk}"[^>]*>',
        page.content.decode(),
    )
    opened = change_form_data(page)
    Deliverable.reminder_opt_outs.through.objects.create(deliverable=deliverable, contact=first)

    opened["progress"] = Deliverable.Progress.IN_PROGRESS  # opt-outs as shown: [second]
    response = staff_client.post(url, opened)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert set(deliverable.reminder_opt_outs.all()) == {first, second}

    Deliverable.reminder_opt_outs.through.objects.filter(contact=first).delete()
    opened = change_form_data(staff_client.get(url))
    Deliverable.reminder_opt_outs.through.objects.create(deliverable=deliverable, contact=first)
    opened["reminder_opt_outs"] = []  # the editor takes the second off
    response = staff_client.post(url, opened)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(deliverable.reminder_opt_outs.all()) == [first]
    deliverable.refresh_from_db()
    assert "reminder_opt_outs" in deliverable.edited_fields
    assert "assignees" not in deliverable.edited_fields


def test_two_editors_of_one_actors_responsible_contacts(staff_client):
    """Two editors open one actor: the first adds a responsible contact, the second (page
    opened before) sets a focal point and saves. The second save is refused, as on the
    deliverable and contact pages: it had silently taken the first editor's contact off
    the list again."""
    actor = factories.ActorFactory(name="Invented Rapporteur")
    kept, added = factories.ContactFactory.create_batch(2)
    actor.contacts.add(kept)
    url = reverse("admin:mandates_actor_change", args=[actor.pk])
    first = change_form_data(staff_client.get(url))
    second = dict(first)
    first["contacts"] = [str(kept.pk), str(added.pk)]
    response = staff_client.post(url, first)
    assert response.status_code == 302, response.context["adminform"].form.errors
    second["focal_point"] = str(kept.pk)
    response = staff_client.post(url, second)
    assert response.status_code == 200
    page = response.content.decode()
    assert STALE in page and f"by {staff_client.user.get_username()}" in page
    actor.refresh_from_db()
    assert set(actor.contacts.all()) == {kept, added}
    assert actor.focal_point is None

    fresh = change_form_data(staff_client.get(url))
    fresh["focal_point"] = str(kept.pk)
    assert staff_client.post(url, fresh).status_code == 302
    actor.refresh_from_db()
    assert (set(actor.contacts.all()), actor.focal_point) == ({kept, added}, kept)


@pytest.mark.parametrize("shown", [["³"], ["x"], ["-1"], ["", "x"]])
def test_a_list_shown_that_holds_no_primary_key(staff_client, shown):
    """The hidden copy of the list shown holds what the page never wrote there (a Unicode
    digit, a letter: a browser extension, a hand-made request): it stands for no row, so
    the save adds whom the person added and takes nobody off. It answered 500."""
    deliverable, (first, second) = _assigned()
    deliverable.assignees.remove(second)
    url = _deliverable_url(deliverable)
    data = change_form_data(staff_client.get(url))
    data["assignees"] = [str(first.pk), str(second.pk)]
    data["initial-assignees"] = shown
    staff_client.raise_request_exception = False
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.status_code
    assert set(deliverable.assignees.all()) == {first, second}


def test_a_list_shown_with_a_stray_value_still_takes_off_whom_it_showed(staff_client):
    """Beside a stray value, the keys the page wrote still count: the person took the
    first off the list shown, and the first goes."""
    deliverable, (_first, second) = _assigned()
    url = _deliverable_url(deliverable)
    data = change_form_data(staff_client.get(url))
    data["assignees"] = [str(second.pk)]
    data["initial-assignees"] = [*data["initial-assignees"], "x"]
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(deliverable.assignees.all()) == [second]
