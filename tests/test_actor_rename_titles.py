"""Renaming an actor in the admin is a person's decision, not a change of any text.

Ingest titles a product the text gives no topic after its actor ("Report of the High
Commissioner"). When staff rename the actor on its admin page, those titles name it as it
is called now, once, with a history record and one higher calendar SEQUENCE; a title a
person edited and one whose words the text prints stay. Reading the texts again
(`ingest --stored`) or a new version of one then finds no title changed: nothing proposed,
nothing sent back to review, no SEQUENCE raised. Before, each re-read gave untouched items
the new name's title and proposed it against every title a person confirmed or edited.
"""

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse

from mandates.extraction import EXTRACTOR_VERSION
from mandates.models import Actor, Deliverable, ProposedChange, Resolution
from mandates.services import feeds
from tests.admin_forms import change_form_data
from tests.ical import assert_valid_ics, events
from tests.samples import hrc_resolution
from tests.services.test_ingest_pairing import _save_in_the_admin, _worked_on

pytestmark = pytest.mark.django_db

NAME = "A_HRC_RES_58_97.txt"
SYMBOL = "A/HRC/RES/58/97"
OLDER = "0.2.9"
RENAMED = "UN High Commissioner for Human Rights"
REPORT = (
    "Requests the High Commissioner to present a report to the Human Rights Council at its "
    "sixty-fifth session;"
)
UPDATE = (
    "Also requests the High Commissioner to present an oral update to the Human Rights "
    "Council at its sixty-fourth session;"
)
STUDY = (
    "Further requests the High Commissioner to prepare a study and to present it to the "
    "Human Rights Council at its sixty-sixth session;"
)
# A topic the text prints that ends with the actor's name: the text's words, kept.
ON_THE_WORK = (
    "Requests the High Commissioner to present a report on the work of the High Commissioner "
    "to the Human Rights Council at its sixty-seventh session;"
)
TEXT = hrc_resolution(operative=[REPORT, UPDATE, STUDY, ON_THE_WORK])
STAFF_TITLE = "Study on night shifts (title by staff)"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _ingest(tmp_path: Path, text: str) -> list[str]:
    """The ingest command on the file, as an operator runs it; the lines it prints."""
    path = tmp_path / "upload" / NAME
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("ingest", str(path), verbosity=2, stdout=out)
    return out.getvalue().splitlines()


def _of(paragraph: str) -> Deliverable:
    return Deliverable.objects.get(
        mandate__resolution__symbol=SYMBOL, mandate__paragraph_label=paragraph
    )


def _stored() -> dict[str, tuple]:
    """What people see of each deliverable, by paragraph: title, calendar UID and SEQUENCE,
    review state, edited fields, last change."""
    return {
        d.mandate.paragraph_label: (
            d.title,
            d.uid,
            d.sequence,
            d.review_status,
            d.needs_review,
            d.review_reasons,
            d.edited_fields,
            d.updated_at,
        )
        for d in Deliverable.objects.select_related("mandate")
    }


def _people_worked_on_it(tmp_path: Path, staff_client) -> None:
    """The text ingested; staff confirm and assign the oral update and retitle the study."""
    _ingest(tmp_path, TEXT)
    _worked_on(_of("2"))
    study = _of("3")
    url = reverse("admin:mandates_deliverable_change", args=[study.pk])
    _save_in_the_admin(staff_client, url, title=STAFF_TITLE)


def _rename(staff_client, name: str = "High Commissioner", new_name: str = RENAMED) -> list[str]:
    """Rename an actor on its admin page, as staff do; the messages the page shows."""
    actor = Actor.objects.get(name=name)
    url = reverse("admin:mandates_actor_change", args=[actor.pk])
    response = staff_client.post(url, {**change_form_data(staff_client.get(url)), "name": new_name})
    assert response.status_code == 302, response.context["adminform"].form.errors
    return [str(message) for message in get_messages(response.wsgi_request)]


def _nothing_proposed_or_flagged() -> None:
    assert not ProposedChange.objects.exists()
    assert not Deliverable.objects.filter(needs_review=True).exists()
    assert set(Deliverable.objects.values_list("review_status", flat=True)) == {
        "proposed",
        "confirmed",
    }
    assert _of("2").review_status == "confirmed"


def test_renaming_an_actor_renames_the_titles_that_name_it_once(tmp_path, staff_client):
    """The untouched report and the confirmed oral update name the actor as renamed, each
    with a history record and SEQUENCE + 1 (the public feed shows the new title under a
    higher SEQUENCE); the study's title a person set and the title the text prints stay
    as they were, with their SEQUENCE."""
    _people_worked_on_it(tmp_path, staff_client)
    before = _stored()

    messages = _rename(staff_client)

    assert f"2 deliverable titles now name {RENAMED}." in messages
    after = _stored()
    assert {p: row[0] for p, row in after.items()} == {
        "1": f"Report of the {RENAMED}",
        "2": f"Oral update of the {RENAMED}",
        "3": STAFF_TITLE,
        "4": "Report on the work of the High Commissioner",
    }
    assert {p: after[p][2] - before[p][2] for p in after} == {"1": 1, "2": 1, "3": 0, "4": 0}
    assert after["3"] == before["3"] and after["4"] == before["4"]
    for paragraph in ("1", "2"):
        record = _of(paragraph).history.first()
        assert record.history_change_reason == f"Actor renamed: High Commissioner -> {RENAMED}"
        assert record.history_user == staff_client.user
    _nothing_proposed_or_flagged()
    update = _of("2")
    feed = staff_client.get(reverse("mandates:feed_actor", args=[update.mandate.actor_id]))
    assert_valid_ics(feed.content)
    event = events(feed.content)[f"deliverable-{update.uid}@{feeds.UID_DOMAIN}"]
    assert f"Oral update of the {RENAMED}" in str(event["SUMMARY"])
    assert int(event["SEQUENCE"]) == update.sequence


def test_ingest_stored_after_a_rename_changes_no_title(tmp_path, staff_client):
    """The documented upgrade step reads the stored original again, its previous reading
    made under the former name: the resolution is unchanged, every row as it was (title,
    SEQUENCE, last change), nothing proposed. It gave the report the new title, proposed
    it against the confirmed update and the staff title, and sent both back to review."""
    _people_worked_on_it(tmp_path, staff_client)
    _rename(staff_client)
    Resolution.objects.update(extractor_version=OLDER)
    before = _stored()

    out = StringIO()
    call_command("ingest", "--stored", verbosity=2, stdout=out)

    assert out.getvalue().splitlines() == [
        f"unchanged  {NAME} -> {SYMBOL} (4 deliverables)",
        f"           read again by extractor {EXTRACTOR_VERSION} (read by {OLDER} before)",
        "0 new, 0 updated, 1 unchanged, 0 failed",
    ]
    assert _stored() == before
    _nothing_proposed_or_flagged()


def test_a_new_version_after_a_rename_proposes_no_title(tmp_path, staff_client):
    """A new version moves the report to the sixty-sixth session: that change follows the
    text, and no title is changed or proposed."""
    _people_worked_on_it(tmp_path, staff_client)
    _rename(staff_client)
    before = _stored()

    printed = _ingest(
        tmp_path,
        hrc_resolution(
            operative=[REPORT.replace("sixty-fifth", "sixty-sixth"), UPDATE, STUDY, ON_THE_WORK]
        ),
    )

    assert not [line for line in printed if "title" in line], printed
    assert _of("1").due_session.number == 66
    after = _stored()
    assert {p: row[0] for p, row in after.items()} == {p: row[0] for p, row in before.items()}
    assert {p: after[p] for p in "234"} == {p: before[p] for p in "234"}
    _nothing_proposed_or_flagged()


def test_a_rename_outside_the_admin_changes_no_title_at_a_re_read(tmp_path, staff_client):
    """Renamed by a script (no titles renamed with it): the texts read again under the new
    name still read each title as before, so no title changes, nothing is proposed and no
    SEQUENCE goes up; the titles keep the name they were read with."""
    _people_worked_on_it(tmp_path, staff_client)
    actor = Actor.objects.get(name="High Commissioner")
    actor.name = RENAMED
    actor.save()
    Resolution.objects.update(extractor_version=OLDER)
    before = _stored()

    out = StringIO()
    call_command("ingest", "--stored", verbosity=2, stdout=out)

    assert out.getvalue().splitlines()[0] == f"unchanged  {NAME} -> {SYMBOL} (4 deliverables)"
    assert _stored() == before
    assert _of("1").title == "Report of the High Commissioner"
    _nothing_proposed_or_flagged()


def test_a_rename_back_and_a_title_a_person_edited_later(tmp_path, staff_client):
    """Renamed and renamed back: the titles follow both times; a title a person edits in
    between is theirs and neither rename touches it."""
    _people_worked_on_it(tmp_path, staff_client)
    _rename(staff_client)
    report = _of("1")
    url = reverse("admin:mandates_deliverable_change", args=[report.pk])
    _save_in_the_admin(staff_client, url, title="Annual report (by staff)")

    messages = _rename(staff_client, RENAMED, "High Commissioner")

    assert "1 deliverable title now names High Commissioner." in messages
    assert _of("1").title == "Annual report (by staff)"
    assert _of("2").title == "Oral update of the High Commissioner"


def test_a_title_the_text_changes_raises_the_sequence_once(tmp_path, staff_client):
    """The contrast: a new version that rewords the untouched report's request gives it
    the text's new title, and calendars must see that event changed: SEQUENCE + 1, once
    (the same version again changes nothing). The title changed under the same SEQUENCE,
    which calendar clients may take for the event they already have."""
    _ingest(tmp_path, TEXT)
    before = _of("1")
    on_water = REPORT.replace("a report to", "a report on water tariffs to")
    text = hrc_resolution(operative=[on_water, UPDATE, STUDY, ON_THE_WORK])

    _ingest(tmp_path, text)

    report = _of("1")
    assert (report.title, report.due_date) == ("Report on water tariffs", before.due_date)
    assert report.sequence == before.sequence + 1
    unchanged = _stored()
    _ingest(tmp_path, text)
    assert _stored() == unchanged


def test_a_renamed_title_reads_as_a_new_text_naming_the_actor_so(tmp_path, staff_client):
    """Renamed to "UN High Commissioner for Human Rights": the titles read "Oral update of
    the UN High Commissioner ...", as a text ingested after the rename titles its own
    (the rename had dropped the "the" the original title had, for a name starting with
    "UN"). Renamed back, the titles are the original ones again."""
    _ingest(tmp_path, TEXT)
    _rename(staff_client)

    later = tmp_path / "upload" / "A_HRC_RES_58_98.txt"
    later.write_text(TEXT.replace("58/97", "58/98"), encoding="utf-8")
    call_command("ingest", str(later), stdout=StringIO())

    assert _of("2").title == f"Oral update of the {RENAMED}"
    new_titles = dict(
        Deliverable.objects.filter(mandate__resolution__symbol="A/HRC/RES/58/98").values_list(
            "mandate__paragraph_label", "title"
        )
    )
    assert new_titles["1"] == _of("1").title == f"Report of the {RENAMED}"
    assert new_titles["2"] == _of("2").title

    _rename(staff_client, RENAMED, "High Commissioner")
    assert (_of("1").title, _of("2").title) == (
        "Report of the High Commissioner",
        "Oral update of the High Commissioner",
    )
