"""Brute force on the login forms: django-axes locks a username out after a few failures."""

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def someone(django_user_model):
    return django_user_model.objects.create_user(
        "someone", "someone@example.org", PASSWORD, is_staff=True
    )


@pytest.mark.parametrize("url", ["/login/", "/admin/login/"])
def test_too_many_wrong_passwords_lock_the_login(someone, settings, url):
    """After AXES_FAILURE_LIMIT wrong passwords even the right one is refused (429) until
    an administrator resets the lockout."""
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "someone", "password": "guess"})
        assert response.status_code == 200  # the form again, with its error
    response = client.post(url, {"username": "someone", "password": "guess"})
    assert response.status_code == 429
    locked = client.post(url, {"username": "someone", "password": PASSWORD})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session

    call_command("axes_reset", verbosity=0)
    response = client.post(url, {"username": "someone", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(someone.pk)


def test_a_successful_login_forgets_earlier_failures(someone, settings):
    """A person who mistyped a few times and then logged in starts again from zero."""
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post("/login/", {"username": "someone", "password": "typo"})
    assert client.post("/login/", {"username": "someone", "password": PASSWORD}).status_code == 302
    assert not AccessAttempt.objects.filter(username="someone", failures_since_start__gt=0)
