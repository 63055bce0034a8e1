"""After an upgrade, the resolutions an older extractor read are read again from their
stored original files: `manage.py ingest --stored` and the admin's "Read again with the
current extractor". Each is a new reading of a stored text, so what people decided stays.

The older extractor is played by the database: a resolution stored through the real ingest
path gets an older `extractor_version`, and a deadline it "misread" (in its rows and its
stored extraction, as that extractor would have left them).
"""

import html
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from mandates.extraction import EXTRACTOR_VERSION
from mandates.models import Body, Comment, Contact, Deliverable, ProposedChange, Resolution
from mandates.services import deliverables as deliverable_services
from mandates.services import ingest
from mandates.services.ingest import NEW_VERSION_MEANWHILE
from mandates.services.schedule import session_get_or_estimate
from tests.drafts_samples import c3_draft, ga_adopted
from tests.samples import hrc_resolution
from tests.test_ingest_keeps_peoples_work import REPORT_AT_64, SEMINAR_BEFORE_63, STUDY_AT_65

pytestmark = pytest.mark.django_db

OLDER = "0.2.9"
NAME = "A_HRC_RES_58_97.txt"
SYMBOL = "A/HRC/RES/58/97"
TEXT = hrc_resolution(operative=[REPORT_AT_64, SEMINAR_BEFORE_63, STUDY_AT_65])


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _ingest(tmp_path: Path, text: str, name: str = NAME) -> None:
    """Store a text as production does: the ingest command on a file."""
    path = tmp_path / "upload" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    call_command("ingest", str(path), verbosity=0)


def _of(paragraph: str, symbol: str = SYMBOL) -> Deliverable:
    return Deliverable.objects.get(
        mandate__resolution__symbol=symbol, mandate__paragraph_label=paragraph
    )


def _misread(deliverable: Deliverable, session: int) -> None:
    """What the older extractor read: this deadline at another HRC session, in the row and
    in the resolution's stored extraction."""
    resolution = deliverable.mandate.resolution
    row = session_get_or_estimate(body=Body.objects.get(code="HRC"), number=session)
    Deliverable.objects.filter(pk=deliverable.pk).update(
        due_session=row, due_session_number=session
    )
    extraction = resolution.extraction
    extraction["deliverables"][deliverable.position]["due"]["session"] = session
    Resolution.objects.filter(pk=resolution.pk).update(extraction=extraction)


def _read_by(version: str, symbol: str = SYMBOL) -> None:
    Resolution.objects.filter(symbol=symbol).update(extractor_version=version)


def _stored_by_an_older_extractor(tmp_path: Path) -> tuple[Deliverable, Deliverable]:
    """The sample as an older extractor left it: the report read as due at HRC 62 and
    confirmed, assigned and commented on by a person that way; the seminar (nobody
    touched it) read as before HRC 61. Returns (report, seminar)."""
    _ingest(tmp_path, TEXT)
    report, seminar = _of("1"), _of("2")
    _misread(report, 62)
    _misread(seminar, 61)
    _read_by(OLDER)
    queryset = Deliverable.objects.filter(pk=report.pk)
    deliverable_services.deliverable_confirm(deliverables=queryset)
    person = Contact.objects.create(name="Water unit", email="water@ohchr.example.org")
    deliverable_services.deliverable_assign(deliverables=queryset, contacts=[person])
    Comment.objects.create(deliverable=report, text="Drafting started.")
    return report, seminar


def _stored(args: list[str] | None = None, *, verbosity: int = 1) -> str:
    out = StringIO()
    call_command("ingest", "--stored", *(args or []), stdout=out, verbosity=verbosity)
    return out.getvalue()


def _due(deliverable: Deliverable) -> tuple[str, int] | None:
    deliverable.refresh_from_db()
    session = deliverable.due_session
    return (session.body.code, session.number) if session else None


def _media_files(media: Path) -> list[str]:
    return sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())


def test_ingest_stored_reads_them_again_and_keeps_what_people_decided(tmp_path, media):
    """The untouched seminar takes the current reading (HRC 63); the report a person
    confirmed keeps its HRC 62, is flagged and gets HRC 64 as a proposed change; the
    resolution is read by this extractor, with its rows and its file, nothing twice. A
    second run has nothing to do."""
    report, seminar = _stored_by_an_older_extractor(tmp_path)
    resolution = Resolution.objects.get()
    files = _media_files(media)
    deliverables = set(Deliverable.objects.values_list("pk", "uid"))

    out = _stored()

    assert out.splitlines() == [
        f"updated    {NAME} -> {SYMBOL} (3 deliverables)",
        f"           read again by extractor {EXTRACTOR_VERSION} (read by {OLDER} before)",
        "0 new, 1 updated, 0 unchanged, 0 failed",
    ]
    resolution.refresh_from_db()
    assert resolution.extractor_version == EXTRACTOR_VERSION
    assert resolution.extraction["deliverables"][report.position]["due"]["session"] == 64
    assert _due(seminar) == ("HRC", 63)
    assert _due(report) == ("HRC", 62)  # the person's value stands
    assert report.review_status == "confirmed" and report.needs_review
    assert list(report.assignees.values_list("email", flat=True)) == ["water@ohchr.example.org"]
    assert list(report.comments.values_list("text", flat=True)) == ["Drafting started."]
    [change] = ProposedChange.objects.filter(deliverable=report, resolved=False)
    assert (change.field, change.old_value, change.new_value) == ("due_session", "HRC 62", "HRC 64")
    assert EXTRACTOR_VERSION in change.source
    assert not ProposedChange.objects.exclude(deliverable=report).exists()
    # nothing duplicated: the same rows (calendar UIDs), the same original file
    assert set(Deliverable.objects.values_list("pk", "uid")) == deliverables
    assert Resolution.objects.count() == 1
    assert _media_files(media) == files
    assert resolution.source_file.name == files[0].replace("\\", "/")

    assert (
        _stored() == f"Nothing to do: every resolution was read by extractor {EXTRACTOR_VERSION}.\n"
    )
    assert ProposedChange.objects.count() == 1


def test_a_dry_run_says_what_the_run_does_and_stores_nothing(tmp_path, media):
    """`--stored --dry-run` prints the lines the run prints (changes included), ends with
    "Dry run, nothing stored" and leaves every row and file as it was."""
    report, seminar = _stored_by_an_older_extractor(tmp_path)
    files = _media_files(media)

    dry = _stored(["--dry-run"], verbosity=2)

    assert (
        dry.splitlines()[-1] == "Dry run, nothing stored: 0 new, 1 updated, 0 unchanged, 0 failed"
    )
    assert "para. 2 seminar due session: HRC 61 -> HRC 63" in dry
    assert "para. 1 report due session: kept the person's value, proposed HRC 64" in dry
    assert Resolution.objects.get().extractor_version == OLDER
    assert _due(seminar) == ("HRC", 61) and _due(report) == ("HRC", 62)
    assert not ProposedChange.objects.exists()
    assert _media_files(media) == files

    real = _stored(verbosity=2)
    assert real.splitlines()[:-1] == dry.splitlines()[:-1]
    assert real.splitlines()[-1] == "0 new, 1 updated, 0 unchanged, 0 failed"


def test_symbol_restricts_the_run_and_an_unknown_symbol_is_refused(tmp_path):
    """`--symbol` reads only the resolutions named; one the current extractor read is
    reported, not read; a symbol nobody stored stops the command before anything."""
    _ingest(tmp_path, TEXT)
    other = "A/HRC/RES/58/98"
    _ingest(
        tmp_path,
        hrc_resolution(number="58/98", title="Another invented text", operative=[STUDY_AT_65]),
        name="A_HRC_RES_58_98.txt",
    )
    _read_by(OLDER)
    _read_by(OLDER, other)

    with pytest.raises(CommandError, match="no resolution is stored as A/HRC/RES/1/1"):
        _stored(["--symbol", SYMBOL, "--symbol", "A/HRC/RES/1/1"])
    assert set(Resolution.objects.values_list("extractor_version", flat=True)) == {OLDER}

    out = _stored(["--symbol", SYMBOL])
    assert out.splitlines()[-1] == "0 new, 0 updated, 1 unchanged, 0 failed"
    assert Resolution.objects.get(symbol=SYMBOL).extractor_version == EXTRACTOR_VERSION
    assert Resolution.objects.get(symbol=other).extractor_version == OLDER

    out = _stored(["--symbol", SYMBOL, "--symbol", other])
    assert f"           already read by extractor {EXTRACTOR_VERSION}" in out
    assert out.splitlines()[-1] == "0 new, 0 updated, 2 unchanged, 0 failed"
    assert Resolution.objects.get(symbol=other).extractor_version == EXTRACTOR_VERSION


def test_stored_takes_no_paths_and_symbol_needs_stored(tmp_path):
    with pytest.raises(CommandError, match="give no PATH"):
        call_command("ingest", "--stored", str(tmp_path))
    with pytest.raises(CommandError, match="use it with --stored"):
        call_command("ingest", str(tmp_path), "--symbol", SYMBOL)
    with pytest.raises(CommandError, match="or --stored"):
        call_command("ingest")


def _missing_reason(where: str) -> str:
    return (
        f"original missing: {where}; not read again. Upload the file again (Import "
        "resolutions in the admin, or `manage.py ingest FILE`) to read it with extractor "
        f"{EXTRACTOR_VERSION}"
    )


def test_a_resolution_without_its_original_is_skipped_and_left_as_it_was(tmp_path, media):
    """No stored file: the resolution is skipped with the reason and what to do, by name
    and symbol, keeps its reading, and the run exits 0 (it failed, on every run)."""
    _stored_by_an_older_extractor(tmp_path)
    Resolution.objects.update(source_file="")
    assert _stored().splitlines() == [
        f"skipped    {NAME} ({SYMBOL}): {_missing_reason('no file was stored with it')}",
        "0 new, 0 updated, 0 unchanged, 0 failed, 1 skipped",
    ]
    assert Resolution.objects.get().extractor_version == OLDER
    assert _due(_of("2")) == ("HRC", 61)


def test_an_original_gone_from_storage_is_skipped_and_the_others_are_read_again(tmp_path, media):
    """The file of one resolution was removed from the media folder: that resolution is
    skipped with one line naming the file and what to do, keeps its reading, and the
    other one, read in the same batch, takes the current reading. The exit status is 0,
    and the next run says the same again, neither failing (each run failed it with "No
    such file or directory", exit 1) nor reading it. A dry run says the same."""
    _stored_by_an_older_extractor(tmp_path)
    other = "A/HRC/RES/58/98"
    _ingest(
        tmp_path,
        hrc_resolution(number="58/98", title="Another invented text", operative=[STUDY_AT_65]),
        name="A_HRC_RES_58_98.txt",
    )
    _read_by(OLDER, other)
    gone = Resolution.objects.get(symbol=SYMBOL).source_file.name
    (media / gone).unlink()
    skipped = f"skipped    {NAME} ({SYMBOL}): {_missing_reason(f'{gone} is not in the media folder (MEDIA_ROOT)')}"

    dry = _stored(["--dry-run"])
    assert dry.splitlines()[0] == skipped
    assert dry.splitlines()[-1] == (
        "Dry run, nothing stored: 0 new, 0 updated, 1 unchanged, 0 failed, 1 skipped"
    )
    assert _stored().splitlines() == [
        skipped,
        "unchanged  A_HRC_RES_58_98.txt -> A/HRC/RES/58/98 (1 deliverable)",
        f"           read again by extractor {EXTRACTOR_VERSION} (read by {OLDER} before)",
        "0 new, 0 updated, 1 unchanged, 0 failed, 1 skipped",
    ]
    assert Resolution.objects.get(symbol=SYMBOL).extractor_version == OLDER
    assert _due(_of("2")) == ("HRC", 61)
    assert Resolution.objects.get(symbol=other).extractor_version == EXTRACTOR_VERSION
    assert _stored().splitlines() == [skipped, "0 new, 0 updated, 0 unchanged, 0 failed, 1 skipped"]


def test_an_original_that_cannot_be_read_still_fails(tmp_path, media):
    """A file that is there but cannot be read is no missing original: it fails with why,
    exit 1 (an operator must fix the media folder)."""
    _stored_by_an_older_extractor(tmp_path)
    stored = Resolution.objects.get().source_file.name
    (media / stored).unlink()
    (media / stored).mkdir()  # there, but no file to read
    out = StringIO()
    with pytest.raises(CommandError, match="1 file"):
        call_command("ingest", "--stored", stdout=out)
    assert (
        out.getvalue()
        .splitlines()[0]
        .startswith(f"failed     {NAME} ({SYMBOL}): cannot read its original file {stored}: ")
    )
    assert Resolution.objects.get().extractor_version == OLDER


def test_status_names_a_missing_original_and_uploading_it_again_reads_it(tmp_path, media, editor):
    """`status` names the resolution whose original was removed from the media folder,
    with the file and what to do, apart from those `ingest --stored` reads again (it
    counted it among them, and `ingest --stored` then failed it on every run). Uploading
    the file again on the admin's import page stores it anew and reads it with the
    current extractor, keeping what people decided; `status` has nothing left to say."""
    report, _seminar = _stored_by_an_older_extractor(tmp_path)
    other = "A/HRC/RES/58/98"
    _ingest(
        tmp_path,
        hrc_resolution(number="58/98", title="Another invented text", operative=[STUDY_AT_65]),
        name="A_HRC_RES_58_98.txt",
    )
    _read_by(OLDER, other)
    gone = Resolution.objects.get(symbol=SYMBOL).source_file.name
    (media / gone).unlink()

    text = _status_resolutions()
    assert text == [
        f"  1 read by another extractor version than {EXTRACTOR_VERSION}: run `manage.py "
        "ingest --stored` to read them again",
        "  1 more to read again has no original file (`ingest --stored` skips it; named "
        "under Original files)",
    ]
    assert f"    original missing: {SYMBOL} ({gone})" in _status_original_files()
    _stored()
    assert _status_resolutions() == [
        "  1 to read again has no original file (`ingest --stored` skips it; named under "
        "Original files)",
    ]
    assert f"    original missing: {SYMBOL} ({gone})" in _status_original_files()

    client = Client()
    client.force_login(editor)
    upload = SimpleUploadedFile(NAME, TEXT.encode(), content_type="text/plain")
    response = client.post(reverse("admin:mandates_resolution_import"), {"files": [upload]})
    assert response.status_code == 200
    [outcome] = response.context["outcomes"]
    assert (outcome.status, outcome.symbol) == ("updated", SYMBOL)
    resolution = Resolution.objects.get(symbol=SYMBOL)
    assert resolution.extractor_version == EXTRACTOR_VERSION
    assert (media / resolution.source_file.name).read_text(encoding="utf-8") == TEXT
    assert _due(report) == ("HRC", 62) and report.review_status == "confirmed"
    assert _status_resolutions() == [f"  all read by extractor {EXTRACTOR_VERSION}"]
    assert not any("original missing" in line for line in _status_original_files())


def _status_lines() -> list[str]:
    out = StringIO()
    try:
        call_command("status", stdout=out)
    except CommandError as error:  # in error for what it names, never the resolutions
        assert "resolution" not in str(error)
    return out.getvalue().splitlines()


def _status_resolutions() -> list[str]:
    """The lines of `manage.py status` under "Resolutions" (which never make it fail)."""
    lines = _status_lines()
    start = lines.index("Resolutions") + 1
    return lines[start : lines.index("Original files")]


def _status_original_files() -> list[str]:
    lines = _status_lines()
    return lines[lines.index("Original files") + 1 :]


def test_a_file_the_current_extractor_reads_as_another_symbol_changes_nothing(tmp_path):
    """The older extractor stored the text under a symbol the current one does not read:
    it is reported, and no second resolution is made from the file."""
    _ingest(tmp_path, TEXT)
    Resolution.objects.update(symbol="A/HRC/RES/58/79", extractor_version=OLDER)
    out = StringIO()
    with pytest.raises(CommandError, match="1 file"):
        call_command("ingest", "--stored", stdout=out)
    assert (
        f"failed     {NAME} (A/HRC/RES/58/79): extractor {EXTRACTOR_VERSION} reads this file "
        f"as {SYMBOL}, not A/HRC/RES/58/79: nothing was changed"
    ) in out.getvalue()
    assert list(Resolution.objects.values_list("symbol", "extractor_version")) == [
        ("A/HRC/RES/58/79", OLDER)
    ]


NEW_VERSION = hrc_resolution(operative=[REPORT_AT_64, SEMINAR_BEFORE_63])


def _upload_the_new_version(tmp_path: Path) -> tuple[str, str, dict]:
    """A person ingests the new version; returns the row as it stored it (its file,
    checksum and extraction)."""
    _ingest(tmp_path, NEW_VERSION, name="A_HRC_RES_58_97_v2.txt")
    stored = Resolution.objects.get(symbol=SYMBOL)
    return stored.source_file.name, stored.checksum, stored.extraction


def _the_new_version_is_kept(media: Path, as_stored: tuple[str, str, dict]) -> None:
    """The resolution is as the new version's upload left it: its file (with that text),
    checksum and extraction, and its two deliverables (the study it dropped gone)."""
    resolution = Resolution.objects.get(symbol=SYMBOL)
    assert (resolution.source_file.name, resolution.checksum, resolution.extraction) == as_stored
    assert (media / resolution.source_file.name).read_bytes() == NEW_VERSION.encode()
    assert resolution.source_name == "A_HRC_RES_58_97_v2.txt"
    rows = Deliverable.objects.filter(mandate__resolution=resolution)
    assert sorted(rows.values_list("kind", flat=True)) == ["report", "seminar"]


def test_a_version_stored_while_the_original_is_read_again_is_kept(tmp_path, media):
    """A person ingests a new version while `ingest --stored` reads the old original:
    that resolution is reported, not read again, and keeps the new version (the old text
    used to be stored over it, on the row naming the new file); the other resolution of
    the batch is read again."""
    _stored_by_an_older_extractor(tmp_path)
    other = "A/HRC/RES/58/98"
    _ingest(
        tmp_path,
        hrc_resolution(number="58/98", title="Another invented text", operative=[STUDY_AT_65]),
        name="A_HRC_RES_58_98.txt",
    )
    _read_by(OLDER, other)
    extract = ingest.extraction.extract_bytes
    reading: list[str] = []
    uploaded: dict[str, tuple[str, str, dict]] = {}

    def a_person_uploads_while_the_first_is_read(data, name, **kwargs):
        reading.append(name)
        if len(reading) == 1:  # the upload's own reading comes through here too
            uploaded[name] = _upload_the_new_version(tmp_path)
        return extract(data, name, **kwargs)

    with mock.patch.object(
        ingest.extraction, "extract_bytes", a_person_uploads_while_the_first_is_read
    ):
        out = _stored()

    assert list(uploaded) == [NAME]
    assert out.splitlines() == [
        f"unchanged  {NAME} -> {SYMBOL} (2 deliverables)",
        f"           {NEW_VERSION_MEANWHILE}",
        "unchanged  A_HRC_RES_58_98.txt -> A/HRC/RES/58/98 (1 deliverable)",
        f"           read again by extractor {EXTRACTOR_VERSION} (read by {OLDER} before)",
        "0 new, 0 updated, 2 unchanged, 0 failed",
    ]
    _the_new_version_is_kept(media, uploaded[NAME])
    assert Resolution.objects.get(symbol=other).extractor_version == EXTRACTOR_VERSION


def test_an_original_replaced_before_it_is_read_is_reported_in_the_admin(
    tmp_path, media, editor, django_capture_on_commit_callbacks
):
    """The new version was stored, and the old original removed, before the admin's
    "Read again" reached the file: the page says a new version was stored meanwhile (not
    that the file cannot be read) and the new version stays."""
    _stored_by_an_older_extractor(tmp_path)
    resolution = Resolution.objects.get()
    old_file = resolution.source_file.name
    read = ingest.source_file_read
    uploaded: dict[str, tuple[str, str, dict]] = {}

    def the_new_version_is_stored_first(name: str) -> bytes:
        with django_capture_on_commit_callbacks(execute=True):  # removes the replaced file
            uploaded[name] = _upload_the_new_version(tmp_path)
        return read(name)

    client = Client()
    client.force_login(editor)
    url = reverse("admin:mandates_resolution_changelist")
    with mock.patch.object(ingest, "source_file_read", the_new_version_is_stored_first):
        response = client.post(url, {"action": "read_again", "_selected_action": [resolution.pk]})

    assert not (media / old_file).exists()
    [outcome] = response.context["outcomes"]
    assert (outcome.status, outcome.symbol, outcome.reason) == (
        "unchanged",
        SYMBOL,
        NEW_VERSION_MEANWHILE,
    )
    page = response.content.decode()
    assert f"Extractor {EXTRACTOR_VERSION}: 0 updated, 1 unchanged, 0 failed." in page
    assert 'class="import-unchanged"' in page and NEW_VERSION_MEANWHILE in page
    _the_new_version_is_kept(media, uploaded[old_file])


DRAFT_REPORT = (
    "Requests the Secretary-General to submit a report on access to archives to the General "
    "Assembly at its eighty-third session;"
)


def test_a_draft_and_its_adopted_text_stay_linked_with_what_people_decided(tmp_path):
    """A draft a person worked on, then its adopted text (which took the decisions over),
    both read by an older extractor: read again in the order they were stored, the draft
    stays superseded by the adopted text, the adopted deliverable keeps its draft and the
    decision, and nothing is made twice."""
    _ingest(tmp_path, c3_draft(operative=[DRAFT_REPORT]), name="A_C.3_81_L.19.txt")
    draft_item = _of("1", "A/C.3/81/L.19")
    deliverable_services.deliverable_confirm(
        deliverables=Deliverable.objects.filter(pk=draft_item.pk)
    )
    _ingest(tmp_path, ga_adopted(operative=[DRAFT_REPORT]), name="A_RES_81_412.txt")
    adopted_item = _of("1", "A/RES/81/412")
    assert adopted_item.draft_id == draft_item.pk and adopted_item.review_status == "confirmed"
    Resolution.objects.update(extractor_version=OLDER)
    rows = set(Deliverable.objects.values_list("pk", "uid", "review_status", "draft_id"))

    out = _stored()

    assert out.splitlines()[-1] == "0 new, 0 updated, 2 unchanged, 0 failed"
    assert [line.split()[1] for line in out.splitlines()[:-1:2]] == [
        "A_C.3_81_L.19.txt",
        "A_RES_81_412.txt",
    ]
    draft, adopted = Resolution.objects.order_by("pk")
    assert (draft.status, draft.superseded_by_id) == ("superseded", adopted.pk)
    assert adopted.status == "adopted"
    assert {draft.extractor_version, adopted.extractor_version} == {EXTRACTOR_VERSION}
    assert set(Deliverable.objects.values_list("pk", "uid", "review_status", "draft_id")) == rows


def test_the_admin_action_reads_the_selected_ones_again_and_reports_each(tmp_path, editor):
    """An editor (who may change resolutions) selects the resolution on the list and chooses
    "Read again with the current extractor": the page lists it as the import page lists a
    file, and the rows are those of `ingest --stored`."""
    report, seminar = _stored_by_an_older_extractor(tmp_path)
    resolution = Resolution.objects.get()
    client = Client()
    client.force_login(editor)
    url = reverse("admin:mandates_resolution_changelist")
    actions = client.get(url).context["action_form"].fields["action"].choices
    assert ("read_again", "Read again with the current extractor") in actions

    response = client.post(url, {"action": "read_again", "_selected_action": [resolution.pk]})

    assert response.status_code == 200
    [outcome] = response.context["outcomes"]
    assert (outcome.status, outcome.symbol) == ("updated", SYMBOL)
    page = response.content.decode()
    assert 'id="import-results"' in page and 'class="import-updated"' in page
    assert "para. 1 report due session: kept the person&#x27;s value, proposed HRC 64" in page
    assert f"Extractor {EXTRACTOR_VERSION}: 1 updated, 0 unchanged, 0 failed." in page
    resolution.refresh_from_db()
    assert resolution.extractor_version == EXTRACTOR_VERSION
    assert _due(seminar) == ("HRC", 63) and _due(report) == ("HRC", 62)
    assert ProposedChange.objects.get().new_value == "HRC 64"

    again = client.post(url, {"action": "read_again", "_selected_action": [resolution.pk]})
    assert f"already read by extractor {EXTRACTOR_VERSION}" in again.content.decode()
    assert ProposedChange.objects.count() == 1


def test_the_admin_action_says_an_original_is_missing(tmp_path, media, editor):
    """ "Read again with the current extractor" on a resolution whose original was removed
    from the media folder: its row says "skipped" with the file and what to do, the message
    counts it as a warning, and nothing is offered for review."""
    _stored_by_an_older_extractor(tmp_path)
    resolution = Resolution.objects.get()
    gone = resolution.source_file.name
    (media / gone).unlink()
    client = Client()
    client.force_login(editor)
    url = reverse("admin:mandates_resolution_changelist")

    response = client.post(url, {"action": "read_again", "_selected_action": [resolution.pk]})

    [outcome] = response.context["outcomes"]
    assert (outcome.status, outcome.symbol) == ("skipped", SYMBOL)
    page = html.unescape(response.content.decode())
    assert 'class="import-skipped"' in page
    assert _missing_reason(f"{gone} is not in the media folder (MEDIA_ROOT)") in page
    assert (
        f"Extractor {EXTRACTOR_VERSION}: 0 updated, 0 unchanged, 0 failed. 1 skipped, their "
        "original file missing: upload each file again."
    ) in page
    assert [m.level_tag for m in response.context["messages"]] == ["warning"]
    assert 'id="to-review-queue"' not in page
    assert Resolution.objects.get().extractor_version == OLDER
