"""A folder ingest leaves Word's lock files out instead of failing on them."""

from io import StringIO

import pytest
from django.core.management import call_command

from mandates.models import Resolution
from mandates.services.ingest import paths_expand
from tests.samples import HRC_EXAMPLE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_folder_with_a_word_lock_file_ingests_the_rest_and_succeeds(tmp_path):
    """ "~$name.docx" (Word's owner file, beside an open document) is no document: it is
    not read, not reported as failed, and the command exits 0."""
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / HRC_EXAMPLE.name).write_bytes(HRC_EXAMPLE.read_bytes())
    lock = folder / "~$HRC_RES_61_99.docx"
    lock.write_bytes(b"\x05Alice" + bytes(40) + "Alice".encode("utf-16-le") + bytes(40))
    assert paths_expand([folder]) == [folder / HRC_EXAMPLE.name]
    out = StringIO()
    call_command("ingest", str(folder), stdout=out)  # raises CommandError on any failure
    assert "failed" not in out.getvalue().replace("0 failed", "")
    assert Resolution.objects.count() == 1
