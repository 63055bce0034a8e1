"""Who may see and do what: public pages and feeds, login for the rest, CSRF on every form."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from mandates.models import Resolution
from tests.samples import HRC_EXAMPLE

pytestmark = pytest.mark.django_db

PUBLIC = [
    "/",
    "/overdue/",
    "/timeline/",
    "/calendars/",
    "/sessions/HRC-65/",
    "/feeds/deliverables.ics",
    "/feeds/body/HRC.ics",
    "/feeds/sessions.ics",
]
LOGIN_REQUIRED = [
    "/review/",
    "/admin/",
    "/admin/mandates/deliverable/",
    "/admin/mandates/resolution/import/",
]


@pytest.mark.parametrize("url", PUBLIC)
def test_public_pages_and_feeds_need_no_login(client, url):
    """The dashboard's public pages, the public feeds and the health check answer anonymously."""
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", LOGIN_REQUIRED)
def test_everything_else_asks_for_a_login(client, url):
    """Review and the admin send anonymous visitors to a login page."""
    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_health_check_needs_no_login(client):
    """Monitoring reaches /health/ anonymously (503 only when a component is down)."""
    response = client.get("/health/")
    assert response.status_code in (200, 503)
    assert response.json()["database"] == "ok"


def test_api_refuses_anonymous_requests(client):
    """The JSON API needs a token or a session."""
    assert client.get("/api/deliverables/").status_code in (401, 403)


def test_unknown_private_feed_token_is_404(client):
    """A private feed with a made-up token does not exist."""
    assert client.get("/feeds/private/not-a-real-token.ics").status_code == 404


def test_admin_upload_without_csrf_token_is_refused(django_user_model, settings, tmp_path):
    """A forged cross-site upload to the import page is refused and stores nothing."""
    settings.MEDIA_ROOT = tmp_path
    client = Client(enforce_csrf_checks=True)
    client.force_login(django_user_model.objects.create_superuser("boss", "boss@example.org", "pw"))
    response = client.post(
        reverse("admin:mandates_resolution_import"),
        {"files": [SimpleUploadedFile(HRC_EXAMPLE.name, HRC_EXAMPLE.read_bytes())]},
    )
    assert response.status_code == 403
    assert not Resolution.objects.exists()


def test_login_form_without_csrf_token_is_refused(django_user_model):
    """Logging in from a forged form fails on CSRF."""
    django_user_model.objects.create_user("someone", "s@example.org", "pw")
    client = Client(enforce_csrf_checks=True)
    response = client.post("/login/", {"username": "someone", "password": "pw"})
    assert response.status_code == 403


def test_non_staff_user_cannot_enter_the_admin(client, django_user_model):
    """A logged-in user who is not staff is not let into the admin."""
    client.force_login(django_user_model.objects.create_user("reader", "r@example.org", "pw"))
    response = client.get("/admin/mandates/deliverable/")
    assert response.status_code == 302 and "login" in response["Location"]
