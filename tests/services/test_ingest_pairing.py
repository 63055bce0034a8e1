"""A new version of a text finds each request's stored row (README: "a kind, actor or title
a person corrected does not keep a request from finding its row"; "a paragraph that reads
as before proposes nothing against a title a person changed"):

- after staff renamed the request's actor in the admin: the previous version's reading
  holds the name the actor had then, the new reading its new name; both are the same Actor
  (its packaged name, an alias, or a name it had before), through the `ingest` command and
  through `ingest --stored`, the documented upgrade step;
- when an inserted paragraph renumbers a request whose words did not change.

Each checks what ingest stores: the same rows and calendar UIDs, nothing "no longer in the
text", no proposed change, nothing sent back to review; and what the command prints.
"""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from mandates.extraction import EXTRACTOR_VERSION
from mandates.models import Actor, Contact, Deliverable, Mandate, ProposedChange, Resolution
from mandates.services import deliverables as deliverable_services
from tests.admin_forms import change_form_data
from tests.samples import hrc_resolution

pytestmark = pytest.mark.django_db

NAME = "A_HRC_RES_58_97.txt"
SYMBOL = "A/HRC/RES/58/97"
CALLS_UPON = "Calls upon States to respect the right to rest of lighthouse keepers;"
REPORT = (
    "Requests the High Commissioner to prepare a report on the working conditions of "
    "lighthouse keepers and to present it to the Human Rights Council at its sixty-fifth session;"
)
SEMINAR = (
    "Also requests the High Commissioner to organize a one-day intersessional seminar on the "
    "working conditions of lighthouse keepers before the sixty-fourth session of the Human "
    "Rights Council;"
)
ORAL_UPDATE = (
    "Further requests the High Commissioner to present an oral update on the seminar to the "
    "Human Rights Council at its sixty-third session;"
)
TEXT = hrc_resolution(operative=[REPORT, SEMINAR, ORAL_UPDATE])
# The next version: the report moves to the sixty-sixth session, the rest reads as before.
REPORT_MOVED = REPORT.replace("sixty-fifth", "sixty-sixth")
NEXT = hrc_resolution(operative=[REPORT_MOVED, SEMINAR, ORAL_UPDATE])
RENAMED = "UN High Commissioner for Human Rights"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _ingest(tmp_path: Path, text: str, *options: str) -> list[str]:
    """The ingest command on the file, as an operator runs it; the lines it prints, with
    the changes (verbosity 2)."""
    path = tmp_path / "upload" / NAME
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("ingest", str(path), *options, verbosity=2, stdout=out)
    return out.getvalue().splitlines()


def _of(paragraph: str) -> Deliverable:
    return Deliverable.objects.get(
        mandate__resolution__symbol=SYMBOL, mandate__paragraph_label=paragraph
    )


def _stored() -> dict:
    """The rows a new version must keep: deliverables with their calendar UIDs, mandates
    with their actors."""
    return {
        "deliverables": sorted(Deliverable.objects.values_list("pk", "uid", "mandate_id")),
        "mandates": sorted(Mandate.objects.values_list("pk", "actor_id")),
    }


def _worked_on(deliverable: Deliverable) -> None:
    """What staff do with an item: confirm it and assign someone."""
    queryset = Deliverable.objects.filter(pk=deliverable.pk)
    deliverable_services.deliverable_confirm(deliverables=queryset)
    person = Contact.objects.create(name="Maritime unit", email="maritime@ohchr.example.org")
    deliverable_services.deliverable_assign(deliverables=queryset, contacts=[person])


def _save_in_the_admin(client, url: str, **changes) -> None:
    """Open an admin change page, change some fields and save it, as a person does."""
    data = change_form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


def _rename_in_the_admin(client, name: str, new_name: str, *, alias_removed: str = "") -> Actor:
    """Rename an actor on its admin page, and remove one of its aliases, as staff do."""
    actor = Actor.objects.get(name=name)
    url = reverse("admin:mandates_actor_change", args=[actor.pk])
    page = client.get(url)
    data = {**change_form_data(page), "name": new_name}
    for inline in page.context["inline_admin_formsets"]:
        for form in inline.formset.initial_forms:
            if form.instance.alias == alias_removed:
                data[form.add_prefix("DELETE")] = "on"
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    actor.refresh_from_db()
    assert actor.name == new_name
    assert not actor.aliases.filter(alias=alias_removed).exists()
    return actor


def _nothing_flagged() -> None:
    assert not Deliverable.objects.filter(no_longer_in_text=True).exists()
    assert not Deliverable.objects.filter(needs_review=True).exists()
    assert not ProposedChange.objects.exists()


def test_a_new_version_pairs_the_requests_of_an_actor_staff_renamed(tmp_path, staff_client):
    """Staff rename the High Commissioner in the admin. The next version moves the report
    to another session: the untouched report follows the text in its own row, the confirmed
    and assigned seminar and the untouched oral update keep theirs. The names were keys:
    every request of the actor was "new" (a duplicate under a new calendar UID), the
    worked-on seminar "no longer in the text", the others deleted and made again."""
    _ingest(tmp_path, TEXT)
    seminar = _of("2")
    _worked_on(seminar)
    actor = _rename_in_the_admin(staff_client, "High Commissioner", RENAMED)
    before = _stored()

    printed = [
        f"updated    {NAME} -> {SYMBOL} (3 deliverables)",
        "           text changed",
        "           para. 1 report due session: HRC 65 -> HRC 66",
        "           para. 1 report due session number as read: 65 -> 66",
    ]
    assert _ingest(tmp_path, NEXT, "--dry-run")[:4] == printed
    assert _ingest(tmp_path, NEXT) == [*printed, "0 new, 1 updated, 0 unchanged, 0 failed"]

    assert _stored() == before
    assert set(Mandate.objects.values_list("actor_id", flat=True)) == {actor.pk}
    assert _of("1").due_session.number == 66
    seminar.refresh_from_db()
    assert seminar.review_status == "confirmed"
    assert list(seminar.assignees.values_list("email", flat=True)) == ["maritime@ohchr.example.org"]
    _nothing_flagged()


def test_ingest_stored_after_an_upgrade_pairs_the_requests_of_an_actor_staff_renamed(
    tmp_path, staff_client
):
    """The documented upgrade step reads the stored original again: the same text, read by
    an older extractor before staff renamed the actor. Nothing changes but the version
    that read it (the rows are unchanged); it detached the worked-on seminar and
    duplicated every request."""
    _ingest(tmp_path, TEXT)
    _worked_on(_of("2"))
    _rename_in_the_admin(staff_client, "High Commissioner", RENAMED)
    Resolution.objects.update(extractor_version="0.2.9")
    before = _stored()

    out = StringIO()
    call_command("ingest", "--stored", verbosity=2, stdout=out)

    assert out.getvalue().splitlines() == [
        f"unchanged  {NAME} -> {SYMBOL} (3 deliverables)",
        f"           read again by extractor {EXTRACTOR_VERSION} (read by 0.2.9 before)",
        "0 new, 0 updated, 1 unchanged, 0 failed",
    ]
    assert _stored() == before
    _nothing_flagged()


def test_a_renamed_actor_no_longer_answering_to_its_name_is_found_by_its_packaged_name(
    tmp_path, staff_client
):
    """Staff rename the High Commissioner and remove its alias "High Commissioner" (texts
    name it in full); its history holds none of its former names (an actor the first
    migrations loaded, renamed before a sync recorded its name). The previous reading's
    "High Commissioner" is the packaged name `actors_sync` recorded for it."""
    in_full = "the United Nations High Commissioner for Human Rights"
    text = [
        REPORT.replace("the High Commissioner", in_full),
        SEMINAR.replace("the High Commissioner", in_full),
    ]
    _ingest(tmp_path, hrc_resolution(operative=text))
    _worked_on(_of("2"))
    Actor.history.filter(name="High Commissioner").delete()
    actor = _rename_in_the_admin(
        staff_client, "High Commissioner", RENAMED, alias_removed="High Commissioner"
    )
    before = _stored()

    printed = _ingest(tmp_path, hrc_resolution(operative=[CALLS_UPON, *text]))

    assert _stored() == before
    assert set(Mandate.objects.values_list("actor_id", flat=True)) == {actor.pk}
    assert [line for line in printed if "new" in line or "no longer" in line] == [
        "0 new, 1 updated, 0 unchanged, 0 failed"
    ]
    _nothing_flagged()


def test_a_renamed_actor_staff_added_is_found_by_the_name_it_had(tmp_path, staff_client):
    """An actor staff added (no packaged name) and renamed later, its former name no alias:
    the previous version's reading holds the name it had, which the history knows."""
    response = staff_client.post(
        reverse("admin:mandates_actor_add"),
        {
            "name": "Special Rapporteur on lighthouse keepers",
            "kind": "mechanism",
            "aliases-TOTAL_FORMS": 1,
            "aliases-INITIAL_FORMS": 0,
            "aliases-MIN_NUM_FORMS": 0,
            "aliases-MAX_NUM_FORMS": 1000,
            "aliases-0-alias": "Special Rapporteur on the rights of lighthouse keepers",
        },
    )
    assert response.status_code == 302
    study = (
        "Requests the Special Rapporteur on the rights of lighthouse keepers to prepare a study "
        "on night shifts and to present it to the Human Rights Council at its sixty-fifth session;"
    )
    _ingest(tmp_path, hrc_resolution(operative=[study]))
    _worked_on(_of("1"))
    actor = _rename_in_the_admin(
        staff_client, "Special Rapporteur on lighthouse keepers", "Special Rapporteur (lighthouses)"
    )
    before = _stored()

    printed = _ingest(tmp_path, hrc_resolution(operative=[CALLS_UPON, study]))

    assert _stored() == before
    assert Mandate.objects.get().actor == actor
    assert [line for line in printed if "new" in line or "no longer" in line] == [
        "0 new, 1 updated, 0 unchanged, 0 failed"
    ]
    _nothing_flagged()


def test_a_renumbered_paragraph_proposes_nothing_against_a_title_a_person_set(
    tmp_path, staff_client
):
    """A person retitles the seminar in the admin; the next version inserts a paragraph
    before the requests, so the seminar's paragraph is numbered 3, its words unchanged. The
    title reads as before: nothing is proposed and the seminar does not go back to review.
    The previous reading was looked for under the new number: the text's title came back as
    a proposal, "the new version of the text says otherwise than a person decided"."""
    _ingest(tmp_path, TEXT)
    seminar = _of("2")
    title = "Seminar on lighthouse keepers (title by staff)"
    _save_in_the_admin(
        staff_client, reverse("admin:mandates_deliverable_change", args=[seminar.pk]), title=title
    )
    seminar.refresh_from_db()
    assert seminar.title == title and seminar.edited_fields == ["title"]
    before = _stored()

    printed = _ingest(
        tmp_path, hrc_resolution(operative=[CALLS_UPON, REPORT, SEMINAR, ORAL_UPDATE])
    )

    assert not [line for line in printed if "title" in line], printed
    assert _stored() == before
    seminar.refresh_from_db()
    assert (seminar.title, seminar.mandate.paragraph_label) == (title, "3")
    assert not seminar.needs_review and seminar.review_reasons == []
    _nothing_flagged()
