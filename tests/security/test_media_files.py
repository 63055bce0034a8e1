"""A resolution's original file is replaced, not accumulated: MEDIA keeps one per resolution."""

import pytest

from mandates.models import Resolution
from mandates.services.ingest import resolution_ingest
from tests.samples import HRC_EXAMPLE

pytestmark = pytest.mark.django_db


def stored_files(root) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def test_a_new_version_of_a_resolution_replaces_its_original_file(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    """Uploading a corrected text stores it and removes the file it replaces (once the
    new version is committed); a dry run of a third version leaves the stored one alone."""
    settings.MEDIA_ROOT = tmp_path
    text = HRC_EXAMPLE.read_text()
    first = resolution_ingest(data=text.encode(), name="A_HRC_RES_61_99.txt")
    assert first.status == "new", first.reason
    old_name = Resolution.objects.get(symbol="A/HRC/RES/61/99").source_file.name
    assert stored_files(tmp_path) == [old_name]

    with django_capture_on_commit_callbacks(execute=True):
        second = resolution_ingest(data=(text + "\n").encode(), name="A_HRC_RES_61_99 (2).txt")
    assert second.status in ("updated", "unchanged"), second.reason
    new_name = Resolution.objects.get(symbol="A/HRC/RES/61/99").source_file.name
    assert new_name != old_name
    assert stored_files(tmp_path) == [new_name]

    resolution_ingest(data=(text + "\n\n").encode(), name="third.txt", dry_run=True)
    assert stored_files(tmp_path) == [new_name]
