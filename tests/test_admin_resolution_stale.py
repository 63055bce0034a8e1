"""A resolution page opened before another person's save, or before a new version of the
text was stored (an import, `ingest --stored`, the admin's "Read again"), saves nothing:
it would have put back the title, session, adoption date and agenda item it was opened
with. As on the deliverable, contact and actor pages (`StaleEditGuard`)."""

from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from mandates.models import Resolution
from tests import factories
from tests.admin_forms import change_form_data
from tests.samples import hrc_resolution
from tests.test_ingest_keeps_peoples_work import REPORT_AT_64

pytestmark = pytest.mark.django_db

STALE = "This was changed after you opened it"
NAME = "A_HRC_RES_58_97.txt"
SYMBOL = "A/HRC/RES/58/97"
TITLE = "Access to clean water in informal settlements (example)"
NEW_TITLE = "Access to safe drinking water in informal settlements (example)"


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _url(resolution: Resolution) -> str:
    return reverse("admin:mandates_resolution_change", args=[resolution.pk])


def _ingest(tmp_path: Path, title: str = TITLE) -> Resolution:
    """The text stored as production does: the ingest command on a file."""
    path = tmp_path / "upload" / NAME
    path.parent.mkdir(exist_ok=True)
    path.write_text(hrc_resolution(title=title, operative=[REPORT_AT_64]), encoding="utf-8")
    call_command("ingest", str(path), verbosity=0)
    return Resolution.objects.get(symbol=SYMBOL)


def test_two_editors_of_one_resolution(staff_client):
    """The second save from a page opened before the first is refused, naming who saved;
    the first editor's title stays. A page opened afterwards saves."""
    resolution = factories.ResolutionFactory(title="Old title")
    url = _url(resolution)
    opened = change_form_data(staff_client.get(url))
    assert opened["loaded_version"]

    second = change_form_data(staff_client.get(url))
    second["title"] = "Corrected title"
    response = staff_client.post(url, second)
    assert response.status_code == 302, response.context["adminform"].form.errors

    opened["agenda_item"] = "4"
    response = staff_client.post(url, opened)
    assert response.status_code == 200
    page = response.content.decode()
    assert STALE in page and f"by {staff_client.user.get_username()}" in page
    resolution.refresh_from_db()
    assert (resolution.title, resolution.agenda_item) == ("Corrected title", "")

    fresh = change_form_data(staff_client.get(url))
    fresh["agenda_item"] = "4"
    assert staff_client.post(url, fresh).status_code == 302
    resolution.refresh_from_db()
    assert (resolution.title, resolution.agenda_item) == ("Corrected title", "4")


def _new_version(tmp_path: Path, client: Client, resolution: Resolution) -> None:
    _ingest(tmp_path, title=NEW_TITLE)


def _stored_read_again(tmp_path: Path, client: Client, resolution: Resolution) -> None:
    Resolution.objects.filter(pk=resolution.pk).update(extractor_version="0.2.9")
    call_command("ingest", "--stored", verbosity=0)


def _admin_read_again(tmp_path: Path, client: Client, resolution: Resolution) -> None:
    Resolution.objects.filter(pk=resolution.pk).update(extractor_version="0.2.9")
    changelist = reverse("admin:mandates_resolution_changelist")
    response = client.post(
        changelist, {"action": "read_again", "_selected_action": [resolution.pk]}
    )
    assert response.status_code == 200
    assert Resolution.objects.get(pk=resolution.pk).extractor_version != "0.2.9"


@pytest.mark.parametrize(
    "store",
    [
        pytest.param(_new_version, id="a new version imported"),
        pytest.param(_stored_read_again, id="ingest --stored"),
        pytest.param(_admin_read_again, id="the admin's Read again"),
    ],
)
def test_a_page_opened_before_a_new_reading_saves_nothing(
    tmp_path, staff_client, store: Callable[[Path, Client, Resolution], None]
):
    """The text stored (or read again) after the page was opened writes its header; the
    old page's save is refused, saying who stored it, and the header stays the text's."""
    resolution = _ingest(tmp_path)
    url = _url(resolution)
    opened = change_form_data(staff_client.get(url))

    store(tmp_path, staff_client, resolution)
    resolution.refresh_from_db()
    stored = (resolution.title, resolution.agenda_item, resolution.adopted_on)

    opened["agenda_item"] = "4"
    response = staff_client.post(url, opened)
    assert response.status_code == 200
    page = response.content.decode()
    assert STALE in page
    by = "by an import of the text or a scheduled task"
    if store is _admin_read_again:  # the person who pressed "Read again"
        by = f"by {staff_client.user.get_username()}"
    assert by in page
    resolution.refresh_from_db()
    assert (resolution.title, resolution.agenda_item, resolution.adopted_on) == stored
