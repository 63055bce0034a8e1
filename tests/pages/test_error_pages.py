"""Error pages (DEBUG off): the site's look, what happened, and a way on."""

import uuid

import pytest
from django.contrib.auth.models import Group
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.views.defaults import server_error

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_debug_off")]

UPCOMING = reverse("mandates:upcoming")


@pytest.fixture
def _debug_off():
    """Django uses the 404/403/500 templates only with DEBUG off."""
    with override_settings(DEBUG=False):
        yield


def test_a_removed_deliverable_from_an_old_e_mail_says_so(client):
    """A deliverable link that answers 404 says it was removed or never existed, in the
    site's page, with a link to the list of what is due."""
    url = reverse("mandates:deliverable", args=[uuid.uuid4()])
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 404
    assert '<a class="brand"' in page  # the site's header
    assert "No such deliverable" in page
    assert "This deliverable was removed or never existed" in page
    assert f'href="{UPCOMING}"' in page
    assert "log in" in page  # perhaps only not public yet


def test_any_unknown_page_is_a_site_page_that_hides_the_path(client):
    """An unknown address and a revoked private calendar answer the site's 404; the message
    never repeats the path (a private calendar link's path is its secret)."""
    unknown = client.get("/no/such/page/")
    assert unknown.status_code == 404
    assert "Page not found" in unknown.content.decode()
    assert f'href="{UPCOMING}"' in unknown.content.decode()
    secret = "not-a-valid-token-0123456789"
    feed = client.get(reverse("mandates:feed_private", args=[secret]))
    assert feed.status_code == 404
    main = feed.content.decode().split('<main id="main"')[1]
    assert "No such calendar" in main and secret not in main


def test_a_resolution_that_is_not_there_says_so(client):
    """A symbol the tracker does not hold is named as such, with a way on."""
    response = client.get(reverse("mandates:resolution", args=["A/HRC/RES/99/999"]))
    assert response.status_code == 404
    assert "No such resolution" in response.content.decode()


def test_a_viewer_on_the_import_page_is_told_which_permission_and_whom_to_ask(
    client, django_user_model
):
    """A 403 says which permission is missing and to ask an editor or an administrator."""
    viewer = django_user_model.objects.create_user("vw", "vw@example.org", "pw", is_staff=True)
    viewer.groups.add(Group.objects.get(name="viewers"))
    client.force_login(viewer)
    response = client.get(reverse("admin:mandates_resolution_import"))
    page = response.content.decode()
    assert response.status_code == 403
    assert "you need permission to add resolutions" in page
    assert "ask an editor or an administrator" in page
    assert f'href="{reverse("admin:index")}"' in page


def test_an_expired_form_says_reload_and_submit_again(django_user_model):
    """A POST with a stale CSRF token gets the site's page: the form expired, reload and
    submit again; nothing was saved."""
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("mandates:login"))  # sets the CSRF cookie
    response = client.post(
        reverse("mandates:login"),
        {"username": "x", "password": "y", "csrfmiddlewaretoken": "stale" * 8},
    )
    page = response.content.decode()
    assert response.status_code == 403
    assert "The form expired" in page
    assert "reload the page and submit the form again" in page
    assert '<a class="brand"' in page


def test_the_server_error_page_needs_no_database(django_assert_num_queries):
    """The 500 page is a plain template: no query, no context processor, and it still
    says what happened and offers a way on."""
    with django_assert_num_queries(0):
        response = server_error(RequestFactory().get("/"))
    page = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in page
    assert 'href="/"' in page
