"""Fixtures shared by the whole suite."""

import pytest


@pytest.fixture
def staff_client(client, django_user_model):
    """A client logged in as a superuser."""
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    client.user = user
    return client
