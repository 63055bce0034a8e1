"""A resolution's stored original gone from the media folder (removed by hand, a database
restored without its media volume), whatever extractor read it: `manage.py status` names
it and fails, the resolution's admin page says so instead of a dead link, and ingesting
the same file again, by the command or the admin's import page, writes it back and
changes nothing else.

QA found none of this while the current extractor had read the resolution: status said
"all read", counted the file as named and exited 0; the same file again was "unchanged"
and not written back; the admin linked to a /media/ URL that answered 404 (nothing serves
MEDIA_ROOT, so the link was dead for every resolution).
"""

import html
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from mandates.extraction import EXTRACTOR_VERSION
from mandates.models import Deliverable, Resolution
from tests.samples import GA_EXAMPLE, HRC_EXAMPLE

pytestmark = pytest.mark.django_db

GA_SYMBOL = "A/RES/81/999"


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _ingest(*args: str) -> tuple[list[str], int]:
    """The ingest command's output lines and exit status."""
    out = StringIO()
    try:
        call_command("ingest", *args, stdout=out)
    except CommandError as error:
        return out.getvalue().splitlines(), error.returncode
    return out.getvalue().splitlines(), 0


def _status(*failing: str) -> list[str]:
    """The lines of `manage.py status` under "Original files"; it fails naming `failing`
    (and, with a broker configured and no worker running, the worker)."""
    expected = (["celery"] if settings.REDIS_URL else []) + list(failing)
    out = StringIO()
    try:
        call_command("status", stdout=out)
    except CommandError as error:
        assert str(error) == f"in error: {', '.join(expected)}", out.getvalue()
    else:
        assert not expected, out.getvalue()
    lines = out.getvalue().splitlines()
    assert f"  all read by extractor {EXTRACTOR_VERSION}" in lines
    return lines[lines.index("Original files") + 1 :]


def _as_stored() -> tuple:
    """What a restore must not change: the row, its history and its deliverables."""
    resolution = Resolution.objects.get(symbol=GA_SYMBOL)
    deliverables = Deliverable.objects.filter(mandate__resolution=resolution).order_by("pk")
    return (
        resolution.source_file.name,
        resolution.checksum,
        resolution.updated_at,
        resolution.history.count(),
        list(deliverables.values_list("pk", "title", "due_date", "review_status", "sequence")),
        Deliverable.history.filter(mandate__resolution=resolution).count(),
    )


def test_status_names_it_and_ingesting_the_same_file_writes_it_back(media):
    """The current extractor read the resolution, then its original was removed: `status`
    names it under Original files with what to do and exits 1; a dry run says the file
    would be written back; `manage.py ingest FILE` writes the very bytes back where the
    row names them and says so, nothing else changes; `status` is content again."""
    assert _ingest(str(GA_EXAMPLE))[1] == 0
    before = _as_stored()
    gone = before[0]
    (media / gone).unlink()

    lines = _status("original files missing")
    assert lines[1:3] == [
        "  1 resolution(s) whose original file is missing from the media folder (MEDIA_ROOT): "
        "restore the folder from its backup, or upload each file again (Import resolutions "
        "in the admin, or `manage.py ingest FILE`: the same file is written back)",
        f"    original missing: {GA_SYMBOL} ({gone})",
    ]

    assert _ingest("--dry-run", str(GA_EXAMPLE)) == (
        [
            f"unchanged  A_RES_81_999.md -> {GA_SYMBOL} (3 deliverables)",
            "           its original file is missing: ingesting this file writes it back",
            "Dry run, nothing stored: 0 new, 0 updated, 1 unchanged, 0 failed",
        ],
        0,
    )
    assert not (media / gone).exists()

    assert _ingest(str(GA_EXAMPLE)) == (
        [
            f"unchanged  A_RES_81_999.md -> {GA_SYMBOL} (3 deliverables)",
            f"           original file restored: {gone}",
            "0 new, 0 updated, 1 unchanged, 0 failed",
        ],
        0,
    )
    assert (media / gone).read_bytes() == GA_EXAMPLE.read_bytes()
    assert _as_stored() == before
    assert not any("original missing" in line for line in _status())
    assert _ingest(str(GA_EXAMPLE)) == (["0 new, 0 updated, 1 unchanged, 0 failed"], 0)


def test_a_resolution_stored_without_its_original_is_given_it(media):
    """A row that names no file (none was stored with it) is named by `status` without
    failing it (nothing was lost); the same file again is stored and named by the row."""
    call_command("ingest", str(GA_EXAMPLE), verbosity=0)
    resolution = Resolution.objects.get(symbol=GA_SYMBOL)
    (media / resolution.source_file.name).unlink()
    Resolution.objects.filter(pk=resolution.pk).update(source_file="")
    assert f"    original missing: {GA_SYMBOL} (no file stored)" in _status()

    lines, code = _ingest(str(GA_EXAMPLE))
    stored = Resolution.objects.get(pk=resolution.pk).source_file.name
    assert stored.startswith("resolutions/") and code == 0
    assert lines[1] == f"           original file restored: {stored}"
    assert (media / stored).read_bytes() == GA_EXAMPLE.read_bytes()
    assert not any("original missing" in line for line in _status())


def test_a_storage_that_refuses_the_file_fails_with_why(media):
    """Writing the original back refused (a read-only media folder): the file fails with
    why, exit 1, and `status` still names the resolution."""
    call_command("ingest", str(GA_EXAMPLE), verbosity=0)
    gone = Resolution.objects.get(symbol=GA_SYMBOL).source_file.name
    (media / gone).unlink()
    refused = mock.patch.object(
        FileSystemStorage, "_save", side_effect=PermissionError(13, "Permission denied")
    )
    with refused:
        lines, code = _ingest(str(GA_EXAMPLE))
    assert (lines, code) == (
        [
            f"failed     A_RES_81_999.md ({GA_SYMBOL}): its original file is missing and "
            "could not be written back: Permission denied",
            "0 new, 0 updated, 0 unchanged, 1 failed",
        ],
        1,
    )
    assert f"    original missing: {GA_SYMBOL} ({gone})" in _status("original files missing")


def test_the_admin_page_says_it_is_missing_and_an_upload_writes_it_back(media, editor):
    """The resolution's admin page says the original is missing and what to do, with no
    link; uploading the same files again on the import page (two: one batch) writes the
    missing one back and says so, and the page then links to the file, which downloads
    (the file field's own /media/ link answered 404, for every resolution)."""
    call_command("ingest", str(HRC_EXAMPLE.parent), verbosity=0)
    resolution = Resolution.objects.get(symbol=GA_SYMBOL)
    before = _as_stored()
    gone = resolution.source_file.name
    (media / gone).unlink()
    client = Client()
    client.force_login(editor)
    change = reverse("admin:mandates_resolution_change", args=[resolution.pk])
    original = reverse("admin:mandates_resolution_original", args=[resolution.pk])

    page = html.unescape(client.get(change).content.decode())
    assert (
        f"Missing: {gone} is not in the media folder (MEDIA_ROOT).</strong> Restore the "
        "media folder from its backup, or upload the same file again (Import resolutions in "
        "the admin, or `manage.py ingest FILE`): it is written back."
    ) in page
    assert original not in page and "/media/" not in page
    response = client.get(original, follow=True)
    assert response.redirect_chain == [(change, 302)]
    assert [str(m) for m in response.context["messages"]] == [
        f"The original file of {GA_SYMBOL} is missing."
    ]

    uploads = [
        SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain")
        for path in (HRC_EXAMPLE, GA_EXAMPLE)
    ]
    response = client.post(reverse("admin:mandates_resolution_import"), {"files": uploads})
    assert response.status_code == 200
    outcomes = {o.symbol: (o.status, o.reason) for o in response.context["outcomes"]}
    assert outcomes == {
        "A/HRC/RES/61/99": ("unchanged", ""),
        GA_SYMBOL: ("unchanged", f"original file restored: {gone}"),
    }
    assert f"original file restored: {gone}" in response.content.decode()
    assert (media / gone).read_bytes() == GA_EXAMPLE.read_bytes()
    assert _as_stored() == before

    page = html.unescape(client.get(change).content.decode())
    assert f'<a href="{original}">{gone}</a>' in page and "Missing:" not in page
    download = client.get(original)
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="A_RES_81_999.md"'
    assert b"".join(download.streaming_content) == GA_EXAMPLE.read_bytes()


def test_only_staff_who_may_view_resolutions_download_the_original(django_user_model):
    """The download is the resolution's: a viewer gets it, staff without the permission
    are refused, anyone else is sent to log in."""
    call_command("ingest", str(GA_EXAMPLE), verbosity=0)
    url = reverse(
        "admin:mandates_resolution_original",
        args=[Resolution.objects.get(symbol=GA_SYMBOL).pk],
    )
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    viewer.groups.add(Group.objects.get(name="viewers"))
    nobody = django_user_model.objects.create_user("nobody", is_staff=True)
    client = Client()
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(nobody)
    assert client.get(url).status_code == 403
    client.force_login(viewer)
    assert client.get(url).status_code == 200
