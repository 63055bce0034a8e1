"""The admin's "Import resolutions" page ingests the files of one upload as the `ingest`
command ingests a folder of them: one batch, in name order, so the page stores what the
command stores, says what it says for each file, and reads the look-ups once per upload."""

from __future__ import annotations

import hashlib
import html
import re
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mandates.models import Deliverable, Resolution
from mandates.services.ingest import resolution_ingest_path
from tests.samples import hrc_resolution
from tests.stored_rows import stored_rows

pytestmark = pytest.mark.django_db

IMPORT = "admin:mandates_resolution_import"
SYMBOL = "A/HRC/RES/61/77"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _text(number: str, session: str = "sixty-fifth") -> str:
    """An invented resolution: a report due at `session`, a seminar before the 65th."""
    return hrc_resolution(
        number=number,
        title=f"Invented import example {number}",
        operative=[
            "Requests the High Commissioner to prepare a report on invented topics and to "
            f"present it to the Human Rights Council at its {session} session;",
            "Requests the Office to organize an expert seminar before the sixty-fifth session;",
        ],
    )


ORIGINAL = _text("61/77")
CORRECTED = _text("61/77", session="sixty-sixth")  # the corrected copy moves the report
# Named so that the corrected copy comes last, as in a folder.
TWO_TEXTS = {"1 original.txt": ORIGINAL, "2 corrected.txt": CORRECTED}
LEFT_BY_THE_BATCH = (
    f"not stored: 2 corrected.txt, later in this batch, is another text of {SYMBOL} and is "
    "the one stored (the last one wins)"
)


def _upload(client, files: dict[str, str]):
    """POST the files, in this order, as one upload."""
    uploads = [SimpleUploadedFile(name, text.encode()) for name, text in files.items()]
    response = client.post(reverse(IMPORT), {"files": uploads})
    assert response.status_code == 200, response.content.decode()[-2000:]
    return response


def _page_rows(response) -> dict[str, tuple]:
    """The outcome table as shown: file -> (result, resolution, deliverables, details)."""
    rows = {}
    for row in re.findall(r'<tr class="import-\w+">(.*?)</tr>', response.content.decode(), re.S):
        cells = [
            html.unescape(re.sub(r"<[^>]+>", " ", cell)).split()
            for cell in re.findall(r"<td>(.*?)</td>", row, re.S)
        ]
        name, result, symbol, deliverables, _ = (" ".join(cell) for cell in cells)
        details = [
            " ".join(html.unescape(re.sub(r"<[^>]+>", " ", part)).split())
            for part in re.split(r"<div[^>]*>", re.findall(r"<td>(.*?)</td>", row, re.S)[4])
        ]
        rows[name] = (result, symbol, deliverables.split(" ")[0], [d for d in details if d])
    return rows


def _command_rows(output: str) -> dict[str, tuple]:
    """The same from `manage.py ingest -v 2`: file -> (result, symbol, deliverables,
    details: the reason, then the changes)."""
    rows: dict[str, tuple] = {}
    line_format = re.compile(r"(\w+) +(.+) -> (\S+) \((\d+) deliverables\)$")
    details: list[str] = []
    for line in output.splitlines():
        if line.startswith(" "):
            details.append(" ".join(line.split()))
        elif match := line_format.match(line):
            result, name, symbol, deliverables = match.groups()
            details = []
            rows[name] = (result, symbol, deliverables, details)
    return rows


def _report_sessions() -> list[int]:
    rows = Deliverable.objects.filter(mandate__resolution__symbol=SYMBOL)
    return sorted(n for n in rows.values_list("due_session__number", flat=True) if n)


def test_two_texts_of_one_symbol_in_one_upload_store_the_last_and_then_change_nothing(
    staff_client,
):
    """An upload holds an original and a corrected copy of one resolution: the corrected
    (last) one is stored, and uploading the two again changes nothing, the original being
    left with the command's reason. Each file used to be stored in turn: every upload
    stored the original again (new history, the report's session back to 65), then the
    corrected copy."""
    first = _page_rows(_upload(staff_client, TWO_TEXTS))
    assert [first[name][:2] for name in TWO_TEXTS] == [("new", SYMBOL), ("updated", SYMBOL)]
    stored = Resolution.objects.get(symbol=SYMBOL)
    assert stored.source_name == "2 corrected.txt"
    assert stored.checksum == hashlib.sha256(CORRECTED.encode()).hexdigest()
    assert _report_sessions() == [65, 66]  # the seminar before the 65th, the report at the 66th
    before = stored_rows()

    response = _upload(staff_client, TWO_TEXTS)

    page = response.content.decode()
    assert "2 file(s) read, 0 failed" in page
    again = _page_rows(response)
    assert again["1 original.txt"] == ("unchanged", SYMBOL, "2", [LEFT_BY_THE_BATCH])
    assert again["2 corrected.txt"] == ("unchanged", SYMBOL, "2", [])
    assert stored_rows() == before  # no row, no history record changed
    assert Resolution.objects.get(symbol=SYMBOL).updated_at == stored.updated_at


class _Undo(Exception):
    pass


def test_the_admin_and_the_command_store_the_same_for_the_same_files(staff_client, tmp_path):
    """The same files, run twice through `manage.py ingest FOLDER` (undone afterwards) and
    uploaded twice in another order: the same rows and history are stored, and the page
    says for each file what the command prints (result, resolution, deliverables, reason,
    changes). Two texts of one symbol, the same file twice and an unrelated file, after
    the original had been stored alone."""
    files = {
        **TWO_TEXTS,
        "3 other.txt": _text("61/78"),
        "4 same as other.txt": _text("61/78"),
    }
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    resolution_ingest_path(path=folder / "1 original.txt")  # stored alone before

    def by_command() -> dict:
        out = StringIO()
        call_command("ingest", str(folder), stdout=out, verbosity=2)
        return _command_rows(out.getvalue())

    try:
        with transaction.atomic():
            command_runs = [by_command(), by_command()]
            command_stored = stored_rows(also_left_out={"history_user_id"})
            raise _Undo
    except _Undo:
        pass

    uploaded = dict(reversed(files.items()))  # the browser's order is not the batch's
    admin_runs = [_page_rows(_upload(staff_client, uploaded)) for _ in range(2)]

    assert stored_rows(also_left_out={"history_user_id"}) == command_stored
    assert admin_runs == command_runs
    assert Resolution.objects.get(symbol=SYMBOL).source_name == "2 corrected.txt"
    assert command_runs[0]["4 same as other.txt"][0] == "unchanged"
    assert command_runs[1]["1 original.txt"] == ("unchanged", SYMBOL, "2", [LEFT_BY_THE_BATCH])


LOOKED_UP = ("mandates_actor", "mandates_body", "mandates_duedaterule")


def test_an_upload_reads_its_look_ups_once_whatever_its_files(staff_client):
    """The actor table, the bodies and the due-date rules are read once per upload, as
    the command reads them once per batch, not once per file."""
    reads = {}
    for files in (1, 4):
        upload = {f"A_HRC_RES_61_{files}{n}.txt": _text(f"61/{files}{n}") for n in range(files)}
        with CaptureQueriesContext(connection) as queries:
            response = _upload(staff_client, upload)
        assert [row[0] for row in _page_rows(response).values()] == ["new"] * files
        reads[files] = {
            table: sum(
                q["sql"].startswith("SELECT") and f'FROM "{table}"' in q["sql"] for q in queries
            )
            for table in LOOKED_UP
        }
    assert reads[4] == reads[1], reads
    assert all(count >= 1 for count in reads[1].values()), reads
