"""Every admin changelist and add page renders for a logged-in staff user."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

REGISTERED = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label == "mandates"
)


def test_every_mandates_model_is_registered():
    """All models of the app have an admin."""
    from django.apps import apps

    models = {
        m._meta.model_name
        for m in apps.get_app_config("mandates").get_models()
        if not m._meta.model_name.startswith("historical")  # shown through each model's history
    }
    assert models <= {name for _, name in REGISTERED}


@pytest.mark.parametrize(("app_label", "model_name"), REGISTERED)
def test_changelist_and_add_pages_render(staff_client, app_label, model_name):
    """The changelist (with a row) and the add page answer 200 (403 where adding is not allowed)."""
    factories.DeliverableFactory()
    changelist = staff_client.get(reverse(f"admin:{app_label}_{model_name}_changelist"))
    assert changelist.status_code == 200
    add = staff_client.get(reverse(f"admin:{app_label}_{model_name}_add"))
    model_admin = next(
        a for m, a in admin.site._registry.items() if m._meta.model_name == model_name
    )
    can_add = model_admin.has_add_permission(add.wsgi_request)
    assert add.status_code == (200 if can_add else 403)
    assert model_name != "deliverablereview" or not can_add  # the queue only reviews


def test_anonymous_user_is_sent_to_login(client):
    """The admin asks strangers to log in."""
    response = client.get(reverse("admin:mandates_deliverable_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize(
    "url",
    [
        "/admin/mandates/deliverable/?due_session=abc",
        "/admin/mandates/resolution/?session=abc",
        "/admin/mandates/deliverable/?due_session=1%3B2",
        "/admin/mandates/deliverable/?due_session=%C2%B3",  # "³": a digit int() refuses
        "/admin/mandates/deliverablereview/?resolution=%C2%B3",
    ],
)
def test_a_hand_edited_session_filter_is_an_error_the_page_names(admin_client, url):
    """Not a 500: the admin's own "wrong filter" answer (a redirect with ?e=1)."""
    factories.DeliverableFactory(mandate__resolution__session=_hrc(65), due_session=_hrc(65))
    response = admin_client.get(url)
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


def test_the_export_with_a_hand_edited_session_filter_says_what_is_wrong(admin_client):
    factories.DeliverableFactory(due_session=_hrc(65))
    response = admin_client.get("/admin/mandates/deliverable/export.csv?due_session=abc")
    assert response.status_code == 400
    assert "due_session: not a session" in response.content.decode()


def _hrc(number: int):
    from mandates.models import Session

    return Session.objects.get(body__code="HRC", number=number)
