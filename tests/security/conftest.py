"""People in each role the site knows: anonymous, a logged-in member, viewer, editor, superuser."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client


def _client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def viewer_client(db, django_user_model):
    """Staff in the read-only "viewers" group (created by a migration)."""
    user = django_user_model.objects.create_user("viewer", "viewer@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name="viewers"))
    return _client_for(user)


@pytest.fixture
def editor_client(db, django_user_model):
    """Staff in the "editors" group (created by a migration)."""
    user = django_user_model.objects.create_user("editor", "editor@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))
    return _client_for(user)


@pytest.fixture
def superuser_client(db, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    return _client_for(user)
