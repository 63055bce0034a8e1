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
