"""Users in the admin: a user the History or a comment names is kept inactive; a user who
is a contact leaves with the contact settled (made inactive, its open work listed)."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from mandates.models import Comment, Contact, Deliverable
from mandates.services.deliverables import deliverable_decide
from tests import factories
from tests.admin_forms import change_form_data
from tests.factories import DeliverableFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bob():
    """Bob, who rejected a deliverable and commented on another."""
    bob = User.objects.create_user("bob", "bob@example.org", "pw", is_staff=True)
    rejected = DeliverableFactory(title="Report on ferries")
    rejected._history_user = bob  # as simple-history records a signed-in person's save
    deliverable_decide(deliverable=rejected, decision="reject")
    Comment.objects.create(deliverable=DeliverableFactory(), author=bob, text="Drafting in May.")
    return bob


def test_the_delete_page_of_a_user_the_history_names_says_why_and_what_to_do(admin_client, bob):
    """The page says the History and comments name the user and offers making them
    inactive; it used to list only "Log entries" and then blank bob's name everywhere."""
    page = admin_client.get(reverse("admin:auth_user_delete", args=[bob.pk])).content.decode()
    assert "cannot be deleted" in page
    assert "bob made 1 recorded change(s) and wrote 1 comment(s)" in page
    assert "untick “active” instead" in page
    assert reverse("admin:auth_user_change", args=[bob.pk]) in page
    assert "Yes, I’m sure" not in page


def test_posting_the_delete_of_a_user_the_history_names_deletes_nothing(admin_client, bob):
    """A forged confirmation, or "delete selected", keeps bob and his name in the History."""
    admin_client.post(reverse("admin:auth_user_delete", args=[bob.pk]), {"post": "yes"})
    response = admin_client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "delete_selected", "_selected_action": [bob.pk], "post": "yes"},
    )
    page = response.content.decode()
    assert "The selected user cannot be deleted" in page and "bob made 1 recorded" in page
    assert User.objects.filter(pk=bob.pk).exists()
    rejected = Deliverable.objects.get(title="Report on ferries")
    assert rejected.history.first().history_user == bob
    assert Comment.objects.get().author == bob


def test_a_user_the_history_names_cannot_be_deleted_in_any_way(bob):
    """User.delete() and a queryset delete both refuse, inside the delete's transaction."""
    with pytest.raises(ProtectedError, match="untick “active” instead"), transaction.atomic():
        bob.delete()
    with pytest.raises(ProtectedError), transaction.atomic():
        User.objects.filter(pk=bob.pk).delete()
    assert Comment.objects.get().author == bob


def test_a_user_nothing_names_is_deleted(admin_client):
    """A user who recorded nothing (a mistyped account) is deleted as before."""
    carol = User.objects.create_user("carol", "carol@example.org", "pw")
    admin_client.post(reverse("admin:auth_user_delete", args=[carol.pk]), {"post": "yes"})
    assert not User.objects.filter(pk=carol.pk).exists()


# --- A user who is a contact leaves ------------------------------------------------------


@pytest.fixture
def dora(django_user_model):
    """Dora, a staff member who is also the contact assigned to a report due in a week; the
    actor's own contact is Carol."""
    dora = django_user_model.objects.create_user("dora", "dora@example.org", "pw", is_staff=True)
    report, (carol,) = factories.responsible_deliverable(
        timezone.localdate() + timedelta(days=7),
        title="Report on lighthouses",
        review_status="confirmed",
    )
    carol.email = "carol@example.org"
    carol.save()
    contact = Contact.objects.create(name="Dora Doe", email="dora@example.org", user=dora)
    report.assignees.add(contact)
    return dora


def _would_send() -> str:
    out = StringIO()
    call_command("send_reminders", "--dry-run", stdout=out)
    return out.getvalue()


def _save_user(client, user, *, untick: tuple[str, ...]) -> list[str]:
    url = reverse("admin:auth_user_change", args=[user.pk])
    data = change_form_data(client.get(url))
    joined = timezone.localtime(data.pop("date_joined"))  # two inputs: date and time
    data.update(date_joined_0=joined.date().isoformat(), date_joined_1=f"{joined:%H:%M:%S}")
    for name in untick:
        data.pop(name, None)
    response = client.post(url, data, follow=True)
    assert response.redirect_chain, response.context["adminform"].form.errors
    return [str(message) for message in response.context["messages"]]


def test_unticking_active_makes_the_users_contact_inactive_and_lists_its_open_work(
    admin_client, dora
):
    """Dora leaves: her user page shows her contact and the report assigned to her, and
    offers (ticked) making the contact inactive with her. Saved: the contact is inactive,
    the page says so and lists the report to reassign, and the reminder goes to Carol,
    the actor's contact, instead of Dora's mailbox (it went to Dora before)."""
    contact = Contact.objects.get(user=dora)
    assert "dora@example.org" in _would_send()
    response = admin_client.get(reverse("admin:auth_user_change", args=[dora.pk]))
    page = response.content.decode()
    assert reverse("admin:mandates_contact_change", args=[contact.pk]) in page
    assert "Report on lighthouses" in page
    assert "Make the contact inactive with the user" in page
    assert response.context["adminform"].form["contact_deactivate"].value() is True

    shown = _save_user(admin_client, dora, untick=("is_active",))

    contact.refresh_from_db()
    assert not contact.is_active
    assert contact.history.first().history_change_reason == "Made inactive with its user dora"
    assert any("is inactive too" in message for message in shown), shown
    [waiting] = [message for message in shown if "still assigned to 1 open" in message]
    report = Deliverable.objects.get(title="Report on lighthouses")
    assert reverse("admin:mandates_deliverable_change", args=[report.pk]) in waiting
    output = _would_send()
    assert "dora@example.org" not in output and "carol@example.org" in output


def test_a_user_made_inactive_may_keep_an_active_contact_with_a_warning(admin_client, dora):
    """Unticking the offer keeps the contact active (the person stays responsible by
    e-mail): the page warns that reminders still go to it."""
    shown = _save_user(admin_client, dora, untick=("is_active", "contact_deactivate"))
    assert Contact.objects.get(user=dora).is_active
    assert any("stays active: reminders and digests still go to dora@" in m for m in shown)


def test_a_user_whose_contact_is_active_with_open_work_is_not_deleted(admin_client, dora):
    """The delete page says why, links the contact and lists the report to reassign; a
    forged confirmation deletes nothing (it used to delete Dora silently, her contact left
    active and assigned)."""
    url = reverse("admin:auth_user_delete", args=[dora.pk])
    page = admin_client.get(url).content.decode()
    assert "cannot be deleted" in page
    assert (
        "dora is the contact Dora Doe &lt;dora@example.org&gt;, still active and assigned" in page
    )
    contact = Contact.objects.get(user=dora)
    assert reverse("admin:mandates_contact_change", args=[contact.pk]) in page
    report = Deliverable.objects.get(title="Report on lighthouses")
    assert reverse("admin:mandates_deliverable_change", args=[report.pk]) in page
    assert "Yes, I’m sure" not in page
    admin_client.post(url, {"post": "yes"})
    assert User.objects.filter(pk=dora.pk).exists()


def test_a_user_whose_contact_is_settled_is_deleted(admin_client, dora):
    """Report reassigned, contact inactive: the user is deleted, the contact stays."""
    contact = Contact.objects.get(user=dora)
    Deliverable.objects.get(title="Report on lighthouses").assignees.remove(contact)
    Contact.objects.filter(pk=contact.pk).update(is_active=False)
    admin_client.post(reverse("admin:auth_user_delete", args=[dora.pk]), {"post": "yes"})
    assert not User.objects.filter(pk=dora.pk).exists()
    assert Contact.objects.get(pk=contact.pk).user is None


def test_a_later_save_of_an_inactive_user_keeps_the_contact_they_chose_to_keep(admin_client, dora):
    """Dora leaves but stays responsible by e-mail (the box unticked): a later save of her
    user for another reason does not make her contact inactive, nor offers it again."""
    _save_user(admin_client, dora, untick=("is_active", "contact_deactivate"))
    assert Contact.objects.get(user=dora).is_active
    dora.refresh_from_db()
    _save_user(admin_client, dora, untick=("is_active",))  # e.g. her name corrected
    assert Contact.objects.get(user=dora).is_active
    page = admin_client.get(reverse("admin:auth_user_change", args=[dora.pk])).content
    assert b"Make the contact inactive with the user" not in page
