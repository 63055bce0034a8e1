"""Ingest stores resolutions in one transaction, idempotently, and respects people's edits."""

from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from mandates.models import (
    Deliverable,
    Paragraph,
    ProposedChange,
    Resolution,
    ReviewStatus,
    Session,
)
from mandates.services import ingest
from mandates.services.ingest import (
    resolution_ingest,
    resolution_ingest_many,
    resolution_ingest_path,
)
from tests.samples import HRC_EXAMPLE, hrc_resolution

pytestmark = pytest.mark.django_db

REPORT_AT_64 = (
    "Requests the High Commissioner to prepare a report on access to water and to present it "
    "to the Human Rights Council at its sixty-fourth session;"
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _ingest_text(text: str, name: str = "A_HRC_RES_58_97.txt"):
    return resolution_ingest(data=text.encode(), name=name)


def test_new_file_stores_resolution_paragraphs_and_deliverables():
    """A first ingest creates the resolution, its paragraphs, mandates and deliverables."""
    outcome = resolution_ingest_path(path=HRC_EXAMPLE)
    assert outcome.status == "new", outcome.reason
    resolution = Resolution.objects.get(symbol="A/HRC/RES/61/99")
    assert resolution.title.startswith("Access to clean water")
    assert resolution.extractor_version
    assert resolution.source_file.name.endswith(".txt")
    assert default_storage.exists(resolution.source_file.name)
    assert resolution.paragraphs.filter(part=Paragraph.Part.OPERATIVE).count() == 6
    report = Deliverable.objects.get(mandate__resolution=resolution, kind="report")
    assert (report.due_session.body.code, report.due_session.number, report.due_relation) == (
        "HRC",
        64,
        "at",
    )
    assert report.due_date is not None and report.due_date < report.due_session.start
    assert report.quote in resolution.text


def test_same_file_again_changes_nothing():
    """Ingesting the same file twice leaves every row as it was."""
    resolution_ingest_path(path=HRC_EXAMPLE)
    before = list(Deliverable.objects.values_list("pk", "updated_at", "sequence"))
    outcome = resolution_ingest_path(path=HRC_EXAMPLE)
    assert outcome.status == "unchanged"
    assert list(Deliverable.objects.values_list("pk", "updated_at", "sequence")) == before
    assert Resolution.objects.count() == 1


def test_new_version_updates_what_is_only_proposed():
    """A changed session in a new version updates a deliverable nobody has touched."""
    _ingest_text(hrc_resolution(operative=[REPORT_AT_64]))
    _ingest_text(hrc_resolution(operative=[REPORT_AT_64.replace("sixty-fourth", "sixty-fifth")]))
    report = Deliverable.objects.get(kind="report")
    assert report.due_session.number == 65
    assert not ProposedChange.objects.exists()


def test_new_version_never_overwrites_a_persons_edit():
    """A field a person edited keeps its value; the text's new value waits as a proposed change."""
    outcome = _ingest_text(hrc_resolution(operative=[REPORT_AT_64]))
    report = Deliverable.objects.get(kind="report")
    report.title = "Water report (edited)"
    report.edited_fields = ["title"]
    report.save()
    text = REPORT_AT_64.replace("sixty-fourth", "sixty-fifth").replace(
        "access to water", "access to safe water"
    )
    second = _ingest_text(hrc_resolution(operative=[text]))
    assert second.status == "updated", second.reason
    assert outcome.symbol == second.symbol
    changed = Deliverable.objects.get(mandate__resolution__symbol=outcome.symbol, kind="report")
    assert changed.title == "Water report (edited)"
    assert changed.due_session.number == 65  # not edited by anyone: follows the text
    proposal = ProposedChange.objects.get(deliverable=changed, field="title")
    assert "safe water" in proposal.new_value


def test_confirmed_deliverable_keeps_its_deadline_and_records_the_proposal():
    """A confirmed deliverable is the person's: a new session in the text becomes a ProposedChange."""
    _ingest_text(hrc_resolution(operative=[REPORT_AT_64]))
    Deliverable.objects.update(review_status=ReviewStatus.CONFIRMED)
    _ingest_text(hrc_resolution(operative=[REPORT_AT_64.replace("sixty-fourth", "sixty-fifth")]))
    report = Deliverable.objects.get(kind="report")
    assert report.due_session.number == 64
    change = ProposedChange.objects.get(deliverable=report, field="due_session")
    assert (change.old_value, change.new_value) == ("HRC 64", "HRC 65")
    assert "A_HRC_RES_58_97.txt" in change.source


def test_unknown_session_is_created_as_estimated():
    """A deadline at a session the calendar does not know creates an estimated session."""
    _ingest_text(hrc_resolution(operative=[REPORT_AT_64.replace("sixty-fourth", "seventy-second")]))
    session = Session.objects.get(body__code="HRC", number=72)
    assert session.is_estimated
    assert Deliverable.objects.get(kind="report").due_session == session


def test_bad_file_in_a_batch_fails_alone(tmp_path):
    """An empty file and a binary file fail with their reasons; the good file is stored."""
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.pdf").write_bytes(b"\x00\x01\x02 not a pdf \xff" * 10)
    good = tmp_path / "A_HRC_RES_61_99.txt"
    good.write_bytes(HRC_EXAMPLE.read_bytes())
    outcomes = {o.source_name: o for o in resolution_ingest_many(paths=[tmp_path])}
    assert outcomes["A_HRC_RES_61_99.txt"].status == "new"
    assert outcomes["empty.txt"].status == "failed" and "empty" in outcomes["empty.txt"].reason
    assert outcomes["binary.pdf"].status == "failed" and outcomes["binary.pdf"].reason
    assert Resolution.objects.count() == 1


def test_failure_inside_the_transaction_leaves_nothing(monkeypatch, settings):
    """An error while storing rolls back every row and removes the saved file."""

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ingest, "_propose_fulfilments", explode)
    with pytest.raises(RuntimeError):
        resolution_ingest_path(path=HRC_EXAMPLE)
    assert not Resolution.objects.exists()
    assert not Deliverable.objects.exists()
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_dry_run_stores_nothing():
    """A dry run reports what it would create and leaves the database empty."""
    outcome = resolution_ingest(data=HRC_EXAMPLE.read_bytes(), name=HRC_EXAMPLE.name, dry_run=True)
    assert outcome.status == "new"
    assert outcome.deliverables >= 2
    assert not Resolution.objects.exists()


def test_takes_note_proposes_the_earlier_deliverable_as_delivered():
    """ "Takes note of the report of the High Commissioner (A/HRC/61/77)", same series, HC
    named, due at HRC 61: proposed as a ProposedChange; the deliverable is not changed."""
    earlier = hrc_resolution(
        operative=[REPORT_AT_64.replace("sixty-fourth", "sixty-first")],
        title="Access to clean water in informal settlements (example)",
    )
    _ingest_text(earlier, name="A_HRC_RES_58_97.txt")
    resolution_ingest_path(path=HRC_EXAMPLE)
    delivered = Deliverable.objects.get(mandate__resolution__symbol="A/HRC/RES/58/97")
    assert delivered.fulfilled_by == ""
    assert delivered.progress == Deliverable.Progress.PLANNED
    proposal = ProposedChange.objects.get(deliverable=delivered, field="fulfilled_by")
    assert proposal.new_value == "A/HRC/61/77" and not proposal.resolved
    assert "A/HRC/RES/61/99 para. 1" in proposal.source
    assert delivered.needs_review
    assert any("A/HRC/61/77 may fulfil it" in reason for reason in delivered.review_reasons)


def test_takes_note_of_another_series_proposes_nothing():
    """The only report due at HRC 61, but of another series: no evidence, no proposal."""
    other = hrc_resolution(
        operative=[REPORT_AT_64.replace("sixty-fourth", "sixty-first")],
        title="Right to food (example)",
    )
    _ingest_text(other, name="A_HRC_RES_58_97.txt")
    resolution_ingest_path(path=HRC_EXAMPLE)
    untouched = Deliverable.objects.get(mandate__resolution__symbol="A/HRC/RES/58/97")
    assert not ProposedChange.objects.filter(deliverable=untouched).exists()
    assert untouched.fulfilled_by == "" and not untouched.needs_review


def test_reiterated_request_links_its_predecessor():
    """A later resolution of the same series asking the same actor again links the earlier deliverable."""
    _ingest_text(hrc_resolution(operative=[REPORT_AT_64.replace("sixty-fourth", "sixty-first")]))
    later = hrc_resolution(
        number="61/98",
        adopted="2 April 2026",
        operative=[
            "Reiterates its request to the High Commissioner to prepare a report on access to water "
            "and to present it to the Human Rights Council at its sixty-fourth session;"
        ],
    )
    _ingest_text(later, name="A_HRC_RES_61_98.txt")
    renewed = Deliverable.objects.get(mandate__resolution__symbol="A/HRC/RES/61/98")
    assert renewed.predecessor.mandate.resolution.symbol == "A/HRC/RES/58/97"


def _takes_note(words: str, *, adopted: str = "2 April 2026") -> str:
    return hrc_resolution(
        number="61/99",
        adopted=adopted,
        operative=[words, "Calls upon States to ensure access to safe drinking water for all;"],
    )


def test_takes_note_is_proposed_once_and_needs_the_actor_named():
    """A noted report that names no actor is no evidence; a proposal is made once, and a
    later version of the text does not ask again after a person dismissed it."""
    _ingest_text(hrc_resolution(operative=[REPORT_AT_64.replace("sixty-fourth", "sixty-first")]))
    earlier = Deliverable.objects.get()
    _ingest_text(_takes_note("Takes note of the report (A/HRC/61/77);"), "A_HRC_RES_61_99.txt")
    assert not ProposedChange.objects.exists()
    named = "Takes note of the report of the High Commissioner (A/HRC/61/77);"
    _ingest_text(_takes_note(named), "A_HRC_RES_61_99.txt")
    assert ProposedChange.objects.filter(deliverable=earlier).count() == 1
    ProposedChange.objects.update(resolved=True)  # dismissed
    _ingest_text(_takes_note(named, adopted="3 April 2026"), "A_HRC_RES_61_99.txt")
    assert ProposedChange.objects.filter(deliverable=earlier).count() == 1
    earlier.refresh_from_db()
    assert earlier.fulfilled_by == "" and earlier.progress == Deliverable.Progress.PLANNED
