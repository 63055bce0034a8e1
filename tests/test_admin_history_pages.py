"""The admin's History pages: a record of changes that says what it is, and reverts nothing."""

import re

import pytest
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from mandates import models
from mandates.admin.common import HistoryAdmin
from tests import factories

pytestmark = pytest.mark.django_db


def one_of_each() -> list:
    """A row of every model whose admin has a History page."""
    deliverable = factories.DeliverableFactory(title="Report on lighthouses")
    resolution = deliverable.mandate.resolution
    consideration = models.Consideration.objects.create(
        resolution=resolution, body=resolution.body, quote="Decides to continue"
    )
    return [
        deliverable,
        deliverable.mandate,
        resolution,
        consideration,
        factories.ContactFactory(),
        factories.ActorFactory(),
        session := factories.SessionFactory(),
        models.SessionPart.objects.create(
            session=session,
            kind=models.SessionPart.Kind.RESUMED,
            start=session.end,
            end=session.end,
        ),
    ]


def test_every_history_page_says_it_is_a_record_and_offers_no_revert(staff_client):
    """QA: every History page said "Choose a date from the list below to revert to a
    previous version of this object", where no date was a link (a deliverable's, a
    contact's) or a revert skipped what a save from the page does. Each says what it is
    and how to change a value back; a version's page has no Revert button."""
    rows = one_of_each()
    with_history = {
        model
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, SimpleHistoryAdmin)
    }
    assert with_history == {type(row) for row in rows}  # a new History page: add it here
    for row in rows:
        name = row._meta.model_name
        page = staff_client.get(reverse(f"admin:mandates_{name}_history", args=[row.pk]))
        text = page.content.decode()
        assert page.status_code == 200, name
        assert "revert" not in text.lower(), name
        assert f"Every recorded change to this {row._meta.verbose_name}, newest first" in text, name
        assert f"to set a value back, change it on the {row._meta.verbose_name}’s own page" in text
        record = row.history.earliest()
        version = reverse(f"admin:mandates_{name}_simple_history", args=[row.pk, record.pk])
        text = staff_client.get(version).content.decode()
        assert 'value="Revert"' not in text and "Press the 'Revert' button" not in text, name


def test_a_form_posted_to_an_old_version_changes_nothing(staff_client):
    """Reverting saved the old version without what the deliverable's page does (the
    fields a person owns, the calendar SEQUENCE): a form posted there is refused."""
    deliverable = factories.DeliverableFactory(title="Report on lighthouses")
    first = deliverable.history.earliest()
    deliverable.title = "Report on lighthouse keepers"
    deliverable.save()
    url = reverse("admin:mandates_deliverable_simple_history", args=[deliverable.pk, first.pk])
    response = staff_client.post(url, {"title": "Report on lighthouses", "kind": "report"})
    assert response.status_code == 405
    deliverable.refresh_from_db()
    assert deliverable.title == "Report on lighthouse keepers"
    assert deliverable.history.count() == 2


def test_every_history_admin_is_the_projects():
    """A History page added later reverts nothing either (HistoryAdmin)."""
    for model, model_admin in admin.site._registry.items():
        if isinstance(model_admin, SimpleHistoryAdmin):
            assert isinstance(model_admin, HistoryAdmin), model


def test_no_history_page_says_none(staff_client):
    """QA: a resolution's History page said "Change reason: None" (and "Changed by: None"
    for what ingest did). Every History page says who (a person, else the system) and
    what (the reason, else created or changed), never "None"."""
    for row in one_of_each():
        name = row._meta.model_name
        page = staff_client.get(reverse(f"admin:mandates_{name}_history", args=[row.pk]))
        cells = re.findall(r"<td>\s*(.*?)\s*</td>", page.content.decode(), re.S)
        assert cells, name
        assert "None" not in cells, name
        assert "Created" in cells, name
        assert "the system (ingest, schedule)" in cells, name
