"""A resolution's own values (its title...) that a person set are never undone by a new
version of the text, and a version whose title the extractor cannot find blanks nothing.

QA: after a person changed A/RES/80/67's title in the admin, uploading the same text laid
out by pdftotext (whose title the extractor did not find before 0.3.35) said "title: '<person's
title>' -> ''" and stored '' (the public page and the CSV showed no title), and the
History named the person. Ingest now treats the header as it treats a deliverable's
values: what a person set stays, what the text reads otherwise is proposed (accept or
dismiss in Proposed changes), an empty reading keeps what is stored, and the history
record names the import.
"""

import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mandates.models import ProposedChange, Resolution
from tests.admin_forms import change_form_data
from tests.samples import hrc_resolution
from tests.test_ingest_keeps_peoples_work import REPORT_AT_64

pytestmark = pytest.mark.django_db

SYMBOL = "A/HRC/RES/58/97"
TITLE = "Access to clean water in informal settlements (example)"
PERSONS_TITLE = "Clean water in informal settlements (corrected by staff)"
NEW_TITLE = "Access to safe drinking water in informal settlements (example)"
IMPORT = "admin:mandates_resolution_import"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _text(title: str = TITLE) -> str:
    return hrc_resolution(title=title, operative=[REPORT_AT_64])


def _no_title_found() -> str:
    """A version whose header prints no title (the pdftotext layout read as none before
    extractor 0.3.35)."""
    text = _text().replace(f"58/97.\t{TITLE}", "58/97.")
    assert TITLE not in text
    return text


def _upload(client, name: str, text: str) -> str:
    upload = SimpleUploadedFile(name, text.encode())
    response = client.post(reverse(IMPORT), {"files": [upload]})
    assert response.status_code == 200, response.content.decode()[-2000:]
    return _words(response.content.decode())


def _words(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _set_title(client, title: str) -> None:
    """A person changes the title on the resolution's admin page."""
    resolution = Resolution.objects.get(symbol=SYMBOL)
    url = reverse("admin:mandates_resolution_change", args=[resolution.pk])
    data = change_form_data(client.get(url))
    data["title"] = title
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def _shown_everywhere(client, title: str) -> None:
    resolution = Resolution.objects.get(symbol=SYMBOL)
    assert resolution.title == title
    public = client.get(reverse("mandates:resolution", args=[SYMBOL])).content.decode()
    assert title in public


def test_a_text_whose_title_is_not_found_keeps_the_persons_title(staff_client):
    _upload(staff_client, "A_HRC_RES_58_97.txt", _text())
    _set_title(staff_client, PERSONS_TITLE)

    page = _upload(staff_client, "x.txt", _no_title_found())

    assert f"title: '{PERSONS_TITLE}' -> ''" not in page
    assert f"title: kept '{PERSONS_TITLE}', none read in this version" in page
    _shown_everywhere(staff_client, PERSONS_TITLE)
    assert not ProposedChange.objects.exists()  # nothing to decide: the text said nothing
    # the History names the import as what changed the resolution, not the person
    resolution = Resolution.objects.get(symbol=SYMBOL)
    history = staff_client.get(reverse("admin:mandates_resolution_history", args=[resolution.pk]))
    text = _words(history.content.decode())
    assert "Import of x.txt (extractor" in text
    assert resolution.history.first().history_change_reason.startswith("Import of x.txt")


def test_a_title_replaced_is_not_proposed_again_after_a_version_that_read_none(staff_client):
    """QA: the text whose title a person replaced, uploaded again after a copy where no
    title was found, proposed going back to the title the person replaced. A reading of
    nothing is not the previous reading: the last version that read a title is."""
    _upload(staff_client, "A_HRC_RES_58_97.txt", _text())
    _set_title(staff_client, PERSONS_TITLE)
    _upload(staff_client, "x.txt", _no_title_found())
    _upload(staff_client, "y.txt", _no_title_found() + "\n")  # none read twice over

    page = _upload(staff_client, "again.txt", _text() + "\n")

    assert not ProposedChange.objects.exists()
    assert "proposed" not in page
    _shown_everywhere(staff_client, PERSONS_TITLE)
    # a new title read after that is proposed still
    _upload(staff_client, "v2.txt", _text(NEW_TITLE))
    change = ProposedChange.objects.get()
    assert (change.field, change.old_value, change.new_value) == ("title", PERSONS_TITLE, NEW_TITLE)


def test_a_text_whose_title_is_not_found_keeps_the_extracted_title(staff_client):
    """QA saw 80/166's title, read by the extractor and touched by nobody, blanked too."""
    _upload(staff_client, "A_HRC_RES_58_97.txt", _text())

    page = _upload(staff_client, "x.txt", _no_title_found())

    assert f"title: kept '{TITLE}', none read in this version" in page
    _shown_everywhere(staff_client, TITLE)


def test_a_new_title_in_the_text_is_proposed_not_written_over_the_persons(staff_client):
    _upload(staff_client, "A_HRC_RES_58_97.txt", _text())
    _set_title(staff_client, PERSONS_TITLE)

    page = _upload(staff_client, "v2.txt", _text(NEW_TITLE))

    assert f"title: kept the person's value '{PERSONS_TITLE}', proposed {NEW_TITLE}" in page
    _shown_everywhere(staff_client, PERSONS_TITLE)
    resolution = Resolution.objects.get(symbol=SYMBOL)
    change = ProposedChange.objects.get()
    assert (change.resolution, change.field, change.new_value) == (resolution, "title", NEW_TITLE)
    # the resolution's page shows it, with where to decide
    admin_page = staff_client.get(reverse("admin:mandates_resolution_change", args=[resolution.pk]))
    assert NEW_TITLE in admin_page.content.decode()
    # the same version again proposes nothing more
    _upload(staff_client, "v2 again.txt", _text(NEW_TITLE) + "\n")
    assert ProposedChange.objects.count() == 1

    changelist = reverse("admin:mandates_proposedchange_changelist")
    listed = staff_client.get(changelist).content.decode()
    assert "the resolution itself" in listed
    response = staff_client.post(
        changelist, {"action": "accept", "_selected_action": [change.pk]}, follow=True
    )
    assert "1 change(s) accepted." in response.content.decode()
    _shown_everywhere(staff_client, NEW_TITLE)
    record = resolution.history.first()
    assert record.history_change_reason.startswith("Proposed change accepted: title")
    assert record.history_user == staff_client.user


def test_a_dismissed_title_is_not_proposed_again(staff_client):
    _upload(staff_client, "A_HRC_RES_58_97.txt", _text())
    _set_title(staff_client, PERSONS_TITLE)
    _upload(staff_client, "v2.txt", _text(NEW_TITLE))
    change = ProposedChange.objects.get()

    changelist = reverse("admin:mandates_proposedchange_changelist")
    staff_client.post(changelist, {"action": "dismiss", "_selected_action": [change.pk]})
    _upload(staff_client, "v1.txt", _text())
    _upload(staff_client, "v2 again.txt", _text(NEW_TITLE) + "\n")

    _shown_everywhere(staff_client, PERSONS_TITLE)
    assert list(ProposedChange.objects.filter(resolved=False)) == []


def test_a_title_nobody_set_follows_the_text(staff_client):
    _upload(staff_client, "A_HRC_RES_58_97.txt", _text())

    page = _upload(staff_client, "v2.txt", _text(NEW_TITLE))

    assert f"title: '{TITLE}' -> '{NEW_TITLE}'" in page
    _shown_everywhere(staff_client, NEW_TITLE)
    assert not ProposedChange.objects.exists()
