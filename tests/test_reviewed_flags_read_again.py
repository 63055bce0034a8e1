"""A flag a person reviewed stays down when the same text is read again (`manage.py ingest
--stored`, the admin's "Read again", a new version of the file that says the same of the
item): the review queue does not list it again and the outcome says "unchanged". A new
reading of the item (another set of readings, a new ambiguity) flags it again, and the
outcome says so. Deliverables, mandates and considerations alike. Nor does settling what a
new version proposed, or adding a session the calendar lacked, leave a flag up for a reason
the person reviewed."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from mandates.models import (
    Body,
    Consideration,
    Deliverable,
    Mandate,
    ProposedChange,
    Resolution,
)
from tests.admin_forms import NO_PARTS, change_form_data
from tests.samples import hrc_resolution

pytestmark = pytest.mark.django_db

NAME = "A_HRC_RES_58_97.txt"
SYMBOL = "A/HRC/RES/58/97"
OLDER = "0.2.9"  # the extractor that read the text before an upgrade
QUEUE = "admin:mandates_deliverablereview_changelist"

# "sixty-second fifth": what a tracked change left behind, read as HRC 65 or HRC 62.
REPORT = (
    "Requests the High Commissioner to prepare a report on canals and to present it to the "
    "Human Rights Council at its sixty-second fifth session;"
)
TWO_READINGS = "two readings of the session in the text (tracked-change residue): 65 or 62"
STUDY = (
    "Also requests the High Commissioner to prepare a study on locks and to present it to the "
    "Human Rights Council at its sixty-sixth session;"
)
SEMINAR = (
    "Requests the Office of the United Nations High Commissioner for Human Rights to organize "
    "an expert seminar on towpaths before the sixty-fourth session of the Human Rights Council;"
)
TEXT = hrc_resolution(operative=[REPORT, STUDY])


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _ingest(folder: Path, text: str) -> str:
    """Store a text as production does, the ingest command on a file; what it prints."""
    folder.mkdir(exist_ok=True)
    (folder / NAME).write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("ingest", str(folder / NAME), verbosity=2, stdout=out)
    return out.getvalue()


def _stored() -> str:
    """`manage.py ingest --stored -v 2` after an upgrade: the stored original read again."""
    Resolution.objects.update(extractor_version=OLDER)
    out = StringIO()
    call_command("ingest", "--stored", verbosity=2, stdout=out)
    return out.getvalue()


def _totals(printed: str) -> str:
    return printed.strip().splitlines()[-1]


def _of(kind: str) -> Deliverable:
    return Deliverable.objects.get(mandate__resolution__symbol=SYMBOL, kind=kind)


def _queue(client, *, state: str = "") -> set[int]:
    """The review queue's items (``state``: its "waiting because" filter, "flagged")."""
    url = reverse(QUEUE) + (f"?state={state}" if state else "")
    return {item.pk for item in client.get(url).context["cl"].result_list}


def _review(client, item: Deliverable, **choices) -> None:
    """A person decides on the item's review page, as the page is sent back."""
    url = reverse("admin:mandates_deliverablereview_change", args=[item.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None and not isinstance(value, list)
    }
    data["due_session"] = item.due_session_id
    response = client.post(url, {**data, **choices})
    assert response.status_code == 302, response.context["adminform"].form.errors


def _reviewed_report(tmp_path: Path, client) -> Deliverable:
    """The text is ingested; its report, read as due at HRC 65 or HRC 62, is flagged and in
    the queue; a person confirms it with the reading HRC 65 on its review page."""
    _ingest(tmp_path / "in", TEXT)
    report = _of("report")
    assert (report.needs_review, report.review_reasons) == (True, [TWO_READINGS])
    assert report.pk in _queue(client)
    _review(client, report, decision="confirm", reading="HRC|65|at")
    report.refresh_from_db()
    assert (report.review_status, report.needs_review) == ("confirmed", False)
    assert report.pk not in _queue(client)
    return report


def _still_as_reviewed(report: Deliverable, client) -> None:
    report.refresh_from_db()
    assert (report.review_status, report.needs_review) == ("confirmed", False)
    assert report.review_reasons == [TWO_READINGS]  # what the text says stays shown
    assert report.due_session.number == 65 and report.alternatives[0]["session"] == 62
    assert report.pk not in _queue(client)
    assert report.history.latest().needs_review is False


def test_ingest_stored_keeps_a_reviewed_flag_down(tmp_path, staff_client):
    """`ingest --stored` reads the same text again: the report a person confirmed stays out
    of the queue and the file is "unchanged". It went back to the queue, flagged, while
    the outcome said "unchanged"."""
    report = _reviewed_report(tmp_path, staff_client)

    printed = _stored()

    assert _totals(printed) == "0 new, 0 updated, 1 unchanged, 0 failed"
    _still_as_reviewed(report, staff_client)
    # read again once more (another upgrade): still down
    assert _totals(_stored()) == "0 new, 0 updated, 1 unchanged, 0 failed"
    _still_as_reviewed(report, staff_client)


def test_the_admins_read_again_keeps_a_reviewed_flag_down(tmp_path, staff_client):
    """The admin's "Read again with the current extractor": the same."""
    report = _reviewed_report(tmp_path, staff_client)
    Resolution.objects.update(extractor_version=OLDER)

    response = staff_client.post(
        reverse("admin:mandates_resolution_changelist"),
        {"action": "read_again", "_selected_action": [report.mandate.resolution_id]},
    )

    outcomes = response.context["outcomes"]
    assert [(o.symbol, o.status, o.changes) for o in outcomes] == [(SYMBOL, "unchanged", [])]
    _still_as_reviewed(report, staff_client)


def test_a_new_version_that_reads_the_item_alike_keeps_its_flag_down(tmp_path, staff_client):
    """The same file again changes nothing; a new version that adds a seminar reports the
    seminar alone, which waits in the queue, and the report stays as the person left it."""
    report = _reviewed_report(tmp_path, staff_client)
    assert _totals(_ingest(tmp_path / "in", TEXT)) == "0 new, 0 updated, 1 unchanged, 0 failed"
    _still_as_reviewed(report, staff_client)

    printed = _ingest(tmp_path / "newer", hrc_resolution(operative=[REPORT, STUDY, SEMINAR]))

    assert _totals(printed) == "0 new, 1 updated, 0 unchanged, 0 failed"
    assert "new seminar in para. 3" in printed
    assert "report" not in printed
    _still_as_reviewed(report, staff_client)
    assert _of("seminar").pk in _queue(staff_client)


def test_another_set_of_readings_flags_it_again(tmp_path, staff_client):
    """A new version reads the report as HRC 65 or HRC 63: a reading the person never saw.
    The report is flagged with it and waits in the queue; the outcome says so."""
    report = _reviewed_report(tmp_path, staff_client)
    other = REPORT.replace("sixty-second fifth", "sixty-third fifth")
    new_reason = "two readings of the session in the text (tracked-change residue): 65 or 63"

    printed = _ingest(tmp_path / "newer", hrc_resolution(operative=[other, STUDY]))

    assert _totals(printed) == "0 new, 1 updated, 0 unchanged, 0 failed"
    assert f"para. 1 report: flagged for review: {new_reason}" in printed
    report.refresh_from_db()
    assert report.needs_review and new_reason in report.review_reasons
    assert report.due_session.number == 65  # the person's reading stays
    assert report.pk in _queue(staff_client)


def test_a_flag_nobody_reviewed_follows_the_text(tmp_path, staff_client):
    """Nobody reviewed the report. A new version reads it clearly: its flag goes down and
    the outcome says so. The next one is unclear again: flagged again (only a reason a
    person reviewed stays down, not one the text took back)."""
    _ingest(tmp_path / "in", TEXT)
    report = _of("report")
    clear = REPORT.replace("sixty-second fifth", "sixty-fifth")

    printed = _ingest(tmp_path / "clear", hrc_resolution(operative=[clear, STUDY]))

    assert "para. 1 report: no longer flagged for review" in printed
    report.refresh_from_db()
    assert (report.needs_review, report.review_reasons) == (False, [])
    assert report.pk not in _queue(staff_client, state="flagged")

    printed = _ingest(tmp_path / "unclear", TEXT)

    assert f"para. 1 report: flagged for review: {TWO_READINGS}" in printed
    report.refresh_from_db()
    assert (report.needs_review, report.review_reasons) == (True, [TWO_READINGS])
    assert report.pk in _queue(staff_client, state="flagged")


UNKNOWN_ACTOR = (
    "Requests the Special Rapporteur on lunar affairs to submit a report to the Human Rights "
    "Council at its sixty-fifth session;"
)
CONSIDERATION = (
    "Decides to continue its consideration of this question at its sixty-second fifth "
    "session under the same agenda item;"
)


def test_a_mandate_flag_a_person_cleared_stays_down(tmp_path, staff_client):
    """A mandate of an actor the table lacks is flagged; a person clears the flag on the
    mandate's page. Read again, it stays cleared and the file is "unchanged"."""
    _ingest(tmp_path / "in", hrc_resolution(operative=[UNKNOWN_ACTOR]))
    mandate = Mandate.objects.get()
    assert (mandate.needs_review, mandate.review_reasons) == (
        True,
        ["actor not in the alias table"],
    )
    url = reverse("admin:mandates_mandate_change", args=[mandate.pk])
    data = change_form_data(staff_client.get(url))
    data.pop("needs_review")  # the box unticked
    response = staff_client.post(url, {**data, "review_status": "confirmed"})
    assert response.status_code == 302, response.context["adminform"].form.errors

    printed = _stored()

    assert _totals(printed) == "0 new, 0 updated, 1 unchanged, 0 failed"
    mandate.refresh_from_db()
    assert (mandate.review_status, mandate.needs_review) == ("confirmed", False)
    assert mandate.review_reasons == ["actor not in the alias table"]


def test_a_consideration_flag_a_person_cleared_stays_down(tmp_path, staff_client):
    """A consideration read as HRC 65 or HRC 62 is flagged; a person clears the flag on its
    page, leaving it proposed. Read again, it stays cleared."""
    _ingest(tmp_path / "in", hrc_resolution(operative=[STUDY, CONSIDERATION]))
    consideration = Consideration.objects.get()
    assert consideration.needs_review
    url = reverse("admin:mandates_consideration_change", args=[consideration.pk])
    data = change_form_data(staff_client.get(url))
    data.pop("needs_review")
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    assert _totals(_stored()) == "0 new, 0 updated, 1 unchanged, 0 failed"
    consideration.refresh_from_db()
    assert (consideration.review_status, consideration.needs_review) == ("proposed", False)


def test_a_confirmed_consideration_read_otherwise_is_flagged(tmp_path, staff_client):
    """A person confirms the consideration (HRC 65 or HRC 62). The same text read again
    leaves it alone; a new version that reads HRC 65 or HRC 63 flags it with the new
    readings (it was not flagged: the session it names first is the same)."""
    _ingest(tmp_path / "in", hrc_resolution(operative=[STUDY, CONSIDERATION]))
    consideration = Consideration.objects.get()
    staff_client.post(
        reverse("admin:mandates_consideration_changelist"),
        {"action": "confirm", "_selected_action": [consideration.pk]},
    )
    assert _totals(_stored()) == "0 new, 0 updated, 1 unchanged, 0 failed"
    consideration.refresh_from_db()
    assert (consideration.review_status, consideration.needs_review) == ("confirmed", False)

    other = CONSIDERATION.replace("sixty-second fifth", "sixty-third fifth")
    printed = _ingest(tmp_path / "newer", hrc_resolution(operative=[STUDY, other]))

    new_reason = "the text can be read as more than one session: HRC 65, HRC 63"
    assert f"consideration: flagged for review: {new_reason}" in printed
    consideration.refresh_from_db()
    assert consideration.needs_review and new_reason in consideration.review_reasons
    assert consideration.review_status == "confirmed" and consideration.session.number == 65


# A flag lowered once a proposal is settled or a session is added: a reason left that a
# person reviewed does not keep it up.


def test_dismissing_what_a_new_version_proposes_leaves_the_reviewed_flag_down(
    tmp_path, staff_client
):
    """A new version renames the confirmed report: the new title is proposed and the report
    flagged for that. Once the person dismisses it, the report leaves the queue: the two
    readings it still has are the ones the person confirmed. It stayed flagged for them."""
    report = _reviewed_report(tmp_path, staff_client)
    renamed = REPORT.replace("a report on canals", "a report on canals and waterways")

    printed = _ingest(tmp_path / "newer", hrc_resolution(operative=[renamed, STUDY]))

    assert "para. 1 report title: kept the person's value, proposed" in printed
    report.refresh_from_db()
    assert report.needs_review and report.pk in _queue(staff_client)
    proposal = ProposedChange.objects.get(deliverable=report, resolved=False)
    response = staff_client.post(
        reverse("admin:mandates_proposedchange_changelist"),
        {"action": "dismiss", "_selected_action": [proposal.pk]},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.needs_review, report.review_reasons) == (False, [TWO_READINGS])
    assert report.pk not in _queue(staff_client)
    assert _totals(_stored()) == "0 new, 0 updated, 1 unchanged, 0 failed"
    report.refresh_from_db()
    assert not report.needs_review


def test_keeping_a_reviewed_item_the_text_dropped_leaves_its_flag_down(tmp_path, staff_client):
    """A new version drops the confirmed report: kept and flagged "no longer in the text".
    The person dismisses that (still owed): the report leaves the queue, the two readings
    it still has being the ones the person confirmed. It stayed flagged for them."""
    report = _reviewed_report(tmp_path, staff_client)

    printed = _ingest(tmp_path / "newer", hrc_resolution(operative=[STUDY]))

    assert "para. 1 report: no longer in the text, kept and flagged for review" in printed
    proposal = ProposedChange.objects.get(deliverable=report, resolved=False)
    response = staff_client.post(
        reverse("admin:mandates_proposedchange_changelist"),
        {"action": "dismiss", "_selected_action": [proposal.pk]},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.needs_review, report.no_longer_in_text) == (False, False)
    assert report.review_reasons == [TWO_READINGS]
    assert report.pk not in _queue(staff_client)


def test_a_session_added_later_leaves_no_reviewed_flag_up(tmp_path, staff_client):
    """A person clears the flag of the report of an actor the table lacks (on its page).
    A new version sends it to CSW 71, a session the calendar lacks: flagged for that. Once
    CSW 71 is added in Sessions, the report's flag goes down again: the reason left is the
    one the person cleared. It stayed flagged for it."""
    _ingest(tmp_path / "in", hrc_resolution(operative=[UNKNOWN_ACTOR]))
    report = _of("report")
    assert report.review_reasons == ["actor not in the alias table"]
    url = reverse("admin:mandates_deliverable_change", args=[report.pk])
    data = change_form_data(staff_client.get(url))
    data.pop("needs_review")
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    to_csw = UNKNOWN_ACTOR.replace(
        "Human Rights Council at its sixty-fifth session",
        "Commission on the Status of Women at its seventy-first session",
    )

    assert report.pk not in _queue(staff_client, state="flagged")

    printed = _ingest(tmp_path / "newer", hrc_resolution(operative=[to_csw]))

    assert "para. 1 report: flagged for review: due at CSW 71, a session the calendar" in printed
    report.refresh_from_db()
    assert report.needs_review and report.due_session is None
    assert report.pk in _queue(staff_client, state="flagged")
    response = staff_client.post(
        reverse("admin:mandates_session_add"),
        {
            "body": Body.objects.get(code="CSW").pk,
            "number": 71,
            "start": "2027-03-08",
            "end": "2027-03-19",
            "dates_status": "announced",
            "status": "scheduled",
            "source": "CSW 71 programme",
            **NO_PARTS,
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.due_session.number == 71
    assert (report.needs_review, report.review_reasons) == (
        False,
        ["actor not in the alias table"],
    )
    assert report.pk not in _queue(staff_client, state="flagged")  # proposed, not flagged
