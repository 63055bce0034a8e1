"""The signed opt-out links of reminder e-mails and their page."""

import html
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mandates.models import Contact
from mandates.services.outgoing import contact_opt_out_url
from mandates.services.reminders import reminder_dispatch_due
from tests import factories

pytestmark = pytest.mark.django_db


def path_of(url: str) -> str:
    return url.removeprefix("http://127.0.0.1:8000")


def due_soon():
    return factories.responsible_deliverable(timezone.localdate() + timedelta(days=7))


def test_a_get_asks_and_changes_nothing(client):
    """Link scanners follow links: GET shows the question and a button, and stops nothing."""
    deliverable, (person,) = due_soon()
    response = client.get(path_of(contact_opt_out_url(contact=person, deliverable=deliverable)))
    assert response.status_code == 200
    assert b"Stop the reminders" in response.content
    assert not deliverable.reminder_opt_outs.exists()


def test_posting_a_deliverable_link_stops_that_deliverable_only(client):
    """The per-deliverable link adds the person to "no reminders for"; others still remind."""
    deliverable, (person,) = due_soon()
    other, _ = due_soon()
    other.mandate.actor.contacts.add(person)
    response = client.post(path_of(contact_opt_out_url(contact=person, deliverable=deliverable)))
    assert response.status_code == 200
    assert b"no more reminders for this deliverable" in response.content
    assert list(deliverable.reminder_opt_outs.all()) == [person]
    logs = reminder_dispatch_due(today=timezone.localdate())
    assert {(log.deliverable_id, log.recipient_id) for log in logs} >= {(other.pk, person.pk)}
    assert (deliverable.pk, person.pk) not in {
        (log.deliverable_id, log.recipient_id) for log in logs
    }


def test_one_click_post_without_csrf_stops_everything():
    """RFC 8058: the mail client POSTs List-Unsubscribe=One-Click without a CSRF token."""
    _, (person,) = due_soon()
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        path_of(contact_opt_out_url(contact=person)), {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.delivery == Contact.Delivery.NONE
    assert reminder_dispatch_due(today=timezone.localdate()) == []


def test_a_forged_or_cut_token_is_refused(client):
    """Changing one character of the token, or another person's id, gives 404 and no change."""
    _, (person,) = due_soon()
    url = path_of(contact_opt_out_url(contact=person))
    tampered = url[:-3] + ("A" if url[-3] != "A" else "B") + url[-2:]
    assert client.post(tampered).status_code == 404
    assert client.post("/reminders/stop/eyJjIjoxLCJkIjpudWxsfQ/").status_code == 404
    person.refresh_from_db()
    assert person.delivery == Contact.Delivery.IMMEDIATE


def test_an_opt_out_is_in_the_history(client, staff_client):
    """Who stopped which reminders, and when, shows in the admin's history pages: the
    deliverable's for a per-deliverable link, the contact's for "stop all". Staff had seen
    a person missing from the reminders with nothing saying why."""
    deliverable, (person,) = due_soon()
    client.post(path_of(contact_opt_out_url(contact=person, deliverable=deliverable)))
    client.post(path_of(contact_opt_out_url(contact=person, deliverable=deliverable)))  # again
    said = f"Reminders stopped for {person.name}, from the link in a reminder e-mail"
    reasons = [r.history_change_reason for r in deliverable.history.all()]
    assert reasons.count(said) == 1
    page = staff_client.get(reverse("admin:mandates_deliverable_history", args=[deliverable.pk]))
    assert said in page.content.decode()
    assert person.name in page.content.decode()  # the "no reminders for" value shown

    client.post(path_of(contact_opt_out_url(contact=person)))
    page = staff_client.get(reverse("admin:mandates_contact_history", args=[person.pk]))
    assert page.status_code == 200
    assert "Every reminder stopped, from the link in a reminder e-mail" in page.content.decode()


def test_staff_changing_reminders_is_in_the_history(staff_client):
    """A person taken off "no reminders for" in the admin shows in the deliverable's history,
    and a contact's delivery changed in the admin in the contact's history."""
    deliverable, (person,) = due_soon()
    deliverable.reminder_opt_outs.add(person)
    person.delivery = Contact.Delivery.DIGEST
    person._change_reason = "Weekly digest, as asked by phone"
    person.save()
    page = staff_client.get(reverse("admin:mandates_contact_history", args=[person.pk]))
    assert "Weekly digest, as asked by phone" in page.content.decode()
    records = list(deliverable.history.all())
    assert [person.pk] in [
        [row.contact_id for row in record.reminder_opt_outs.all()] for record in records
    ]


def _history_who(client, url: str, what: str) -> list[str]:
    """The "Who" of each record of an admin history page whose "What" says `what`."""
    page = client.get(url)
    assert page.status_code == 200
    who = []
    for row in re.findall(r"<tr>(.*?)</tr>", page.content.decode(), re.S):
        cells = [
            " ".join(html.unescape(re.sub(r"<[^>]+>", " ", cell)).split())
            for cell in re.findall(r"<td>(.*?)</td>", row, re.S)
        ]
        if len(cells) == 4 and cells[2] == what:
            who.append(cells[1])
    return who


STOPPED_ALL = "Every reminder stopped, from the link in a reminder e-mail"


def test_the_history_says_the_contact_stopped_the_reminders(client, staff_client):
    """A contact who is no user follows the links: the History of the deliverable and of
    the contact names the contact as "Who" (it said "the system", or whoever was signed
    in on that browser, while the reason named the person)."""
    deliverable, (person,) = due_soon()
    anonymous = Client()
    anonymous.post(path_of(contact_opt_out_url(contact=person, deliverable=deliverable)))
    staff_client.post(path_of(contact_opt_out_url(contact=person)))  # a browser signed in

    said = f"Reminders stopped for {person.name}, from the link in a reminder e-mail"
    by = f"{person.name} (contact, from a link in an e-mail)"
    url = reverse("admin:mandates_deliverable_history", args=[deliverable.pk])
    assert _history_who(staff_client, url, said) == [by]
    url = reverse("admin:mandates_contact_history", args=[person.pk])
    assert _history_who(staff_client, url, STOPPED_ALL) == [by]


def test_the_history_names_the_user_of_a_contact_who_is_one(staff_client, django_user_model):
    """A contact linked to a user: "Who" is that user, as for a change made in the admin."""
    deliverable, (person,) = due_soon()
    person.user = django_user_model.objects.create_user("lgarcia", "lgarcia@example.org")
    person.save()
    Client().post(path_of(contact_opt_out_url(contact=person, deliverable=deliverable)))
    Client().post(path_of(contact_opt_out_url(contact=person)))

    said = f"Reminders stopped for {person.name}, from the link in a reminder e-mail"
    url = reverse("admin:mandates_deliverable_history", args=[deliverable.pk])
    assert _history_who(staff_client, url, said) == ["lgarcia"]
    url = reverse("admin:mandates_contact_history", args=[person.pk])
    assert _history_who(staff_client, url, STOPPED_ALL) == ["lgarcia"]
    assert [r.history_user for r in person.history.filter(history_change_reason=STOPPED_ALL)] == [
        person.user
    ]


def _said(response) -> str:
    """The page's text, tags and spacing aside."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def test_a_link_used_again_says_the_reminders_were_already_stopped():
    """A link opened again asked the same question and confirmed again "will get no more
    reminders", as if it had done something. Now it says since when they are stopped, and
    by that link, offers nothing to confirm, and a second POST records nothing."""
    from django.utils.dateformat import format as date_format

    deliverable, (person,) = due_soon()
    today = date_format(timezone.localdate(), "j F Y")
    client = Client(enforce_csrf_checks=True)
    url = path_of(contact_opt_out_url(contact=person, deliverable=deliverable))
    assert "will get no more reminders for this deliverable" in _said(client.post(url))
    again = f"The reminders for this deliverable were already stopped on {today}, from the link"
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 200
        text = _said(response)
        assert again in text and "Nothing was changed" in text
        assert "Stop the reminders" not in text and "will get no more" not in text
        assert b"<form" not in response.content
    said = f"Reminders stopped for {person.name}, from the link in a reminder e-mail"
    assert [r.history_change_reason for r in deliverable.history.all()].count(said) == 1

    url = path_of(contact_opt_out_url(contact=person))  # "stop all", one-click POST
    assert "will get no more reminders or digests" in _said(client.post(url))
    again = f"Every reminder and digest to {person.email} was already stopped on {today}, from"
    for response in (client.get(url), client.post(url, {"List-Unsubscribe": "One-Click"})):
        assert again in _said(response)
        assert b"<form" not in response.content
    assert person.history.filter(history_change_reason=STOPPED_ALL).count() == 1


def test_a_link_to_reminders_an_editor_stopped_says_so():
    """Stopped in the admin before the link was used: the page says by an editor."""
    deliverable, (person,) = due_soon()
    deliverable.reminder_opt_outs.add(person)
    response = Client().get(path_of(contact_opt_out_url(contact=person, deliverable=deliverable)))
    assert "were already stopped on " in _said(response)
    assert ", by an editor." in _said(response)
