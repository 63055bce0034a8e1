"""Deleting contacts in the admin: a contact people depend on is kept, and the page says why."""

import pytest
from django.urls import reverse

from mandates.models import Contact, Deliverable, ReviewStatus
from tests.factories import ContactFactory, DeliverableFactory, ReminderLogFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bob():
    """Bob, responsible for two open deliverables and one delivered, with a sent reminder."""
    bob = ContactFactory(name="Bob Outside", email="bob@example.org")
    for title, progress in (
        ("Report on ferries", Deliverable.Progress.IN_PROGRESS),
        ("Oral update on ferries", Deliverable.Progress.PLANNED),
        ("Old report", Deliverable.Progress.ISSUED),
    ):
        DeliverableFactory(
            title=title, progress=progress, review_status=ReviewStatus.CONFIRMED
        ).assignees.add(bob)
    ReminderLogFactory(recipient=bob, status="sent")
    return bob


def test_the_delete_page_of_a_responsible_contact_says_why_and_what_to_do(admin_client, bob):
    """The page names the open deliverables and offers marking the contact inactive."""
    url = reverse("admin:mandates_contact_delete", args=[bob.pk])
    page = admin_client.get(url).content.decode()
    assert "cannot be deleted" in page
    assert (
        "Bob Outside is responsible for 2 open deliverables: reassign them or mark the "
        "contact inactive." in page
    )
    assert "Report on ferries" in page and "Oral update on ferries" in page
    assert "Old report" not in page
    assert "mark the contact inactive instead" in page  # the reminder log
    assert "Yes, I’m sure" not in page
    assert "Deliverable_assignees object" not in page


def test_posting_the_delete_of_a_responsible_contact_deletes_nothing(admin_client, bob):
    """A forged confirmation is refused like the page: the contact and the work stay."""
    url = reverse("admin:mandates_contact_delete", args=[bob.pk])
    admin_client.post(url, {"post": "yes"})
    assert Contact.objects.filter(pk=bob.pk).exists()
    assert bob.assigned_deliverables.count() == 3
    assert bob.reminders.count() == 1


def test_delete_selected_refuses_responsible_contacts_and_says_why(admin_client, bob):
    """The changelist's "delete selected" action is held by the same rule."""
    free = ContactFactory(name="Free Person")
    response = admin_client.post(
        reverse("admin:mandates_contact_changelist"),
        {"action": "delete_selected", "_selected_action": [bob.pk, free.pk], "post": "yes"},
    )
    page = response.content.decode()
    assert "The selected contacts cannot be deleted" in page
    assert "Bob Outside is responsible for 2 open deliverables" in page
    assert Contact.objects.filter(pk__in=[bob.pk, free.pk]).count() == 2


def test_a_contact_nobody_depends_on_is_deleted_and_its_links_are_named(admin_client):
    """Closed assignments do not hold a contact; the page names them readably."""
    carol = ContactFactory(name="Carol", email="carol@example.org")
    DeliverableFactory(
        title="Delivered report", progress=Deliverable.Progress.ISSUED
    ).assignees.add(carol)
    url = reverse("admin:mandates_contact_delete", args=[carol.pk])
    page = admin_client.get(url).content.decode()
    assert "Carol &lt;carol@example.org&gt; assigned to “Delivered report”" in page
    admin_client.post(url, {"post": "yes"})
    assert not Contact.objects.filter(pk=carol.pk).exists()


def test_the_delete_page_of_a_deliverable_names_whom_it_was_assigned_to(admin_client):
    """Its assignment and opt-out rows read as sentences, not "..._assignees object (5)"."""
    deliverable = DeliverableFactory(title="Panel on ferries")
    deliverable.assignees.add(ContactFactory(name="Erin", email="erin@example.org"))
    deliverable.reminder_opt_outs.add(ContactFactory(name="Finn", email="finn@example.org"))
    page = admin_client.get(
        reverse("admin:mandates_deliverable_delete", args=[deliverable.pk])
    ).content.decode()
    assert "Erin &lt;erin@example.org&gt; assigned to “Panel on ferries”" in page
    assert "Finn &lt;finn@example.org&gt; gets no reminders for “Panel on ferries”" in page
    assert " object (" not in page


def test_a_contact_responsible_through_an_actor_or_as_focal_point_is_kept(admin_client):
    """Only assignees counted: the sole contact of an actor, or its focal point, was deleted
    with a plain confirmation, and that actor's reminders or escalations stopped silently."""
    from tests.factories import ActorFactory

    frank = ContactFactory(name="Frank Inside", email="frank@example.org")
    focal = ContactFactory(name="Fiona Focal", email="fiona@example.org")
    actor = ActorFactory(name="Office of Ferries", focal_point=focal)
    actor.contacts.add(frank)
    for contact, words in (
        (frank, "is a responsible contact of Office of Ferries"),
        (focal, "is the focal point for escalations of Office of Ferries"),
    ):
        url = reverse("admin:mandates_contact_delete", args=[contact.pk])
        assert words in admin_client.get(url).content.decode()
        admin_client.post(url, {"post": "yes"})
        assert Contact.objects.filter(pk=contact.pk).exists()


def test_one_mailbox_is_one_contact_whatever_its_case(admin_client):
    ContactFactory(name="Alice", email="alice@example.org")
    response = admin_client.post(
        reverse("admin:mandates_contact_add"),
        {
            "name": "Alice again",
            "email": "Alice@Example.org",
            "delivery": "immediate",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "alice@example.org is already the address of Alice" in response.content.decode()
    assert Contact.objects.count() == 1


def test_an_alias_another_actor_answers_to_is_refused_in_any_case(admin_client):
    """ "secretary-general" given to the High Commissioner was accepted (the check was
    case-sensitive; the extractor is not): ingest then stored the Secretary-General's
    requests as the High Commissioner's, and reminded the wrong people."""
    from mandates.models import Actor, ActorAlias

    high_commissioner = Actor.objects.get(name="High Commissioner")
    response = admin_client.post(
        reverse("admin:mandates_actoralias_add"),
        {"actor": high_commissioner.pk, "alias": "secretary-general"},
    )
    assert response.status_code == 200
    assert "already stands for Secretary-General" in response.content.decode()
    assert not ActorAlias.objects.filter(alias="secretary-general").exists()
    response = admin_client.post(
        reverse("admin:mandates_actor_add"),
        {
            "name": "Secretary-general",
            "kind": "official",
            "aliases-TOTAL_FORMS": 0,
            "aliases-INITIAL_FORMS": 0,
            "aliases-MIN_NUM_FORMS": 0,
            "aliases-MAX_NUM_FORMS": 1000,
        },
    )
    assert response.status_code == 200
    assert not Actor.objects.filter(name="Secretary-general").exists()
