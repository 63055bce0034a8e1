"""A draft and its adopted text read again (`manage.py ingest --stored` or the admin's "Read
again with the current extractor" after an upgrade, the ingest command on a new version of
either text): each reading links them again, and a flag that linking gave once and a person
cleared is not given again. What changed is flagged; nothing changed is "unchanged"."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from mandates.models import Deliverable, Resolution
from tests import drafts_samples

pytestmark = pytest.mark.django_db

DRAFT, ADOPTED = "A/C.3/81/L.19", "A/RES/81/412"
DRAFT_FILE, ADOPTED_FILE = "A_C.3_81_L.19.txt", "A_RES_81_412.txt"
OLDER = "0.2.9"  # the extractor that read the texts before the upgrade
QUEUE = "admin:mandates_deliverablereview_changelist"

REPORT = (
    "Requests the Secretary-General to submit a report on access to the archives of invented "
    "commissions to the General Assembly at its eighty-second session;"
)
SEMINAR = (
    "Requests the Office of the United Nations High Commissioner for Human Rights to convene a "
    "seminar on invented archives before the eighty-second session of the General Assembly;"
)
STUDY = (
    "Also requests the Secretary-General to prepare a study on invented commissions and to "
    "present it to the General Assembly at its eighty-third session;"
)
UPDATE = (
    "Further requests the Secretary-General to present an oral update on the archives to the "
    "General Assembly at its eighty-second session;"
)
SEIZED = "Decides to remain seized of the matter;"

NEW_IN_ADOPTED = f"new in the adopted text: not in draft {DRAFT}"
NOT_IN_ADOPTED = (
    f"not found in the adopted text {ADOPTED}: what was decided on it is kept here; close it "
    "or move the decisions by hand"
)
SEMINAR_KEPT = (
    "draft para. 2 seminar: not in the adopted text, kept open and flagged (people decided on it)"
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _ingest(folder: Path, text: str, name: str) -> str:
    """Store a text as production does, the ingest command on a file; what it prints."""
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("ingest", str(folder / name), verbosity=2, stdout=out)
    return out.getvalue()


def _stored() -> str:
    """`manage.py ingest --stored -v 2` after an upgrade: both texts read by an older
    extractor are read again from their stored originals."""
    Resolution.objects.update(extractor_version=OLDER)
    out = StringIO()
    call_command("ingest", "--stored", verbosity=2, stdout=out)
    return out.getvalue()


def _item(symbol: str, kind: str) -> Deliverable:
    return Deliverable.objects.get(mandate__resolution__symbol=symbol, kind=kind)


def _flagged(item: Deliverable) -> bool:
    item.refresh_from_db()
    return item.needs_review


def _confirm(client, *items: Deliverable) -> None:
    """A person confirms them on the admin's review queue (its "Confirm" action)."""
    client.post(reverse(QUEUE), {"action": "confirm", "_selected_action": [i.pk for i in items]})


def _queue(client) -> set[int]:
    return {item.pk for item in client.get(reverse(QUEUE)).context["cl"].result_list}


def _adopted_and_reviewed(tmp_path: Path, client) -> tuple[Deliverable, Deliverable]:
    """The draft's seminar, which a person confirmed, is not in the adopted text, which adds
    a study: the adopted text flags both once, and a person confirms both on the review
    queue. Returns (the draft's seminar, the adopted study)."""
    _ingest(tmp_path / "in", drafts_samples.c3_draft(operative=[REPORT, SEMINAR]), DRAFT_FILE)
    seminar = _item(DRAFT, "seminar")
    _confirm(client, seminar)
    adopted = drafts_samples.ga_adopted(operative=[SEIZED, REPORT, STUDY])
    assert SEMINAR_KEPT in _ingest(tmp_path / "in", adopted, ADOPTED_FILE)
    study = _item(ADOPTED, "study")
    assert (_flagged(seminar), seminar.review_reasons) == (True, [NOT_IN_ADOPTED])
    assert (_flagged(study), study.review_reasons) == (True, [NEW_IN_ADOPTED])
    _confirm(client, seminar, study)
    assert not _flagged(seminar) and not _flagged(study)
    assert not _queue(client) & {seminar.pk, study.pk}
    return seminar, study


def test_reading_both_texts_again_gives_no_flag_a_person_cleared(tmp_path, staff_client):
    """`ingest --stored` reads the draft and the adopted text again, nothing changed: the
    seminar and the study a person reviewed stay out of the review queue and both texts are
    "unchanged". Each reading used to flag both again and report both texts "updated", with
    the seminar "kept open and flagged" as if it were news."""
    seminar, study = _adopted_and_reviewed(tmp_path, staff_client)

    printed = _stored()

    assert printed.splitlines()[-1] == "0 new, 0 updated, 2 unchanged, 0 failed"
    assert "seminar" not in printed
    assert not _flagged(seminar) and not _flagged(study)
    assert NOT_IN_ADOPTED not in seminar.review_reasons
    assert NEW_IN_ADOPTED not in study.review_reasons
    assert not _queue(staff_client) & {seminar.pk, study.pk}
    assert seminar.review_status == study.review_status == "confirmed"
    assert seminar.progress == "planned"  # still open: a person decided on it


def test_the_admins_read_again_gives_no_flag_a_person_cleared(tmp_path, staff_client):
    """The admin's "Read again with the current extractor" on both texts: the same."""
    seminar, study = _adopted_and_reviewed(tmp_path, staff_client)
    Resolution.objects.update(extractor_version=OLDER)

    response = staff_client.post(
        reverse("admin:mandates_resolution_changelist"),
        {
            "action": "read_again",
            "_selected_action": list(Resolution.objects.values_list("pk", flat=True)),
        },
    )

    outcomes = response.context["outcomes"]
    assert [(o.symbol, o.status, o.changes) for o in outcomes] == [
        (DRAFT, "unchanged", []),
        (ADOPTED, "unchanged", []),
    ]
    assert not _flagged(seminar) and not _flagged(study)


def test_a_dropped_request_nobody_touched_stays_closed_when_read_again(tmp_path):
    """The draft's seminar nobody worked on is closed as superseded by the adopted text.
    Read again, it stays so, unflagged, and nothing is reported: its progress "superseded"
    was taken for a person's decision, and it was flagged "kept open" on every reading."""
    _ingest(tmp_path / "in", drafts_samples.c3_draft(operative=[REPORT, SEMINAR]), DRAFT_FILE)
    adopted = drafts_samples.ga_adopted(operative=[SEIZED, REPORT])
    printed = _ingest(tmp_path / "in", adopted, ADOPTED_FILE)
    assert "draft para. 2 seminar: not in the adopted text, closed as superseded" in printed
    seminar = _item(DRAFT, "seminar")
    assert (seminar.progress, seminar.needs_review) == ("superseded", False)

    printed = _stored()

    assert printed.splitlines()[-1] == "0 new, 0 updated, 2 unchanged, 0 failed"
    assert not _flagged(seminar) and seminar.review_reasons == []
    assert seminar.progress == "superseded"


def test_a_new_version_of_the_adopted_text_flags_only_what_it_adds(tmp_path, staff_client):
    """A new version of the adopted text adds an oral update: the update is flagged "new in
    the adopted text" and waits in the queue; the seminar and the study a person reviewed
    stay cleared, and the report names the update alone."""
    seminar, study = _adopted_and_reviewed(tmp_path, staff_client)

    newer = drafts_samples.ga_adopted(operative=[SEIZED, REPORT, STUDY, UPDATE])
    printed = _ingest(tmp_path / "newer", newer, ADOPTED_FILE)

    assert f"updated    {ADOPTED_FILE} -> {ADOPTED}" in printed
    assert "new oral update in para. 4" in printed
    assert "seminar" not in printed
    update = _item(ADOPTED, "oral update")
    assert (_flagged(update), update.review_reasons) == (True, [NEW_IN_ADOPTED])
    assert not _flagged(seminar) and not _flagged(study)
    queue = _queue(staff_client)
    assert update.pk in queue and not queue & {seminar.pk, study.pk}


def test_a_request_added_when_nothing_was_dropped_is_new_in_the_adopted_text(tmp_path):
    """Every request of the draft is in the adopted text; a new version of the adopted text
    adds a study: it is flagged "new in the adopted text", as it would have been in the
    first version (it was flagged only while a draft request had no counterpart)."""
    _ingest(tmp_path / "in", drafts_samples.c3_draft(operative=[REPORT]), DRAFT_FILE)
    _ingest(tmp_path / "in", drafts_samples.ga_adopted(operative=[SEIZED, REPORT]), ADOPTED_FILE)
    assert not _flagged(_item(ADOPTED, "report"))

    newer = drafts_samples.ga_adopted(operative=[SEIZED, REPORT, STUDY])
    _ingest(tmp_path / "newer", newer, ADOPTED_FILE)

    study = _item(ADOPTED, "study")
    assert (_flagged(study), study.review_reasons) == (True, [NEW_IN_ADOPTED])
    assert not _flagged(_item(ADOPTED, "report"))
