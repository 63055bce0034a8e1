"""Deleting users in the admin: a user the History or a comment names is kept inactive."""

import pytest
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse

from mandates.models import Comment, Deliverable
from mandates.services.deliverables import deliverable_decide
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
