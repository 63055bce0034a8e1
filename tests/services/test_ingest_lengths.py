"""A header value too long for its column fails its file alone; the batch goes on."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from mandates.extraction import extract_text
from mandates.models import Paragraph, Resolution
from mandates.services.ingest import resolution_ingest
from tests.samples import hrc_resolution

pytestmark = pytest.mark.django_db

REPORT = (
    "Requests the High Commissioner to present a report to the Human Rights Council at its "
    "sixty-fourth session;"
)
# A joint debate on forty agenda items: more than the 64 characters the column holds.
MANY_ITEMS = "Agenda items " + ", ".join(str(n) for n in range(1, 40)) + " and 40"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _with_long_agenda(number: str) -> str:
    return hrc_resolution(number=number, operative=[REPORT]).replace("Agenda item 3", MANY_ITEMS)


def test_batch_with_an_overlong_agenda_item_stores_the_good_files(tmp_path):
    """good, bad, good: two stored, the bad one fails with the reason and leaves nothing."""
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "a_good.txt").write_text(hrc_resolution(number="58/95", operative=[REPORT]))
    (folder / "b_bad.txt").write_text(_with_long_agenda("58/96"))
    (folder / "c_good.txt").write_text(hrc_resolution(number="58/97", operative=[REPORT]))
    assert len(extract_text(_with_long_agenda("58/96")).agenda_item) > 64

    out = StringIO()
    with pytest.raises(CommandError, match="1 file"):
        call_command("ingest", str(folder), stdout=out, verbosity=0)

    lines = out.getvalue().splitlines()
    assert lines[-1] == "2 new, 0 updated, 0 unchanged, 1 failed"
    failed = next(line for line in lines if line.startswith("failed"))
    assert "b_bad.txt: the agenda item is" in failed
    assert "more than the 64 the database holds" in failed
    assert set(Resolution.objects.values_list("symbol", flat=True)) == {
        "A/HRC/RES/58/95",
        "A/HRC/RES/58/97",
    }
    assert (
        Paragraph.objects.exclude(
            resolution__symbol__in=["A/HRC/RES/58/95", "A/HRC/RES/58/97"]
        ).count()
        == 0
    )
    stored = sorted(p.name for p in (Path(tmp_path) / "media").rglob("*") if p.is_file())
    assert stored == ["a_good.txt", "c_good.txt"]


def test_the_limit_comes_from_the_column(settings):
    """The message names the column's own size: change the model, the check follows."""
    field = Resolution._meta.get_field("agenda_item")
    outcome = resolution_ingest(data=_with_long_agenda("58/96").encode(), name="x.txt")
    assert outcome.status == "failed"
    assert f"more than the {field.max_length} the database holds" in outcome.reason
    assert not Resolution.objects.exists()


def test_an_overlong_file_name_fails_alone():
    """A file name longer than the column (uploads can carry any name) is refused cleanly."""
    name = "A" * 300 + ".txt"
    outcome = resolution_ingest(
        data=hrc_resolution(number="58/95", operative=[REPORT]).encode(), name=name
    )
    assert outcome.status == "failed"
    assert "the file name is" in outcome.reason
    assert not Resolution.objects.exists()
