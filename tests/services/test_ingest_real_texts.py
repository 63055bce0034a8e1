"""The seeds and the whole development corpus ingest cleanly and idempotently."""

import pytest

from mandates.models import Deliverable, Resolution
from mandates.services.ingest import resolution_ingest_many
from tests.shared_data import shared_path

pytestmark = pytest.mark.django_db(transaction=False)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_seeds_ingest_with_their_deadlines():
    """Both seeds are stored; 59/3 holds the HRC 65 report with HRC 62 as the other reading."""
    outcomes = resolution_ingest_many(paths=[shared_path("seeds")])
    assert {o.status for o in outcomes} == {"new"}, [o.reason for o in outcomes]
    report = Deliverable.objects.get(
        mandate__resolution__symbol="A/HRC/RES/59/3", mandate__paragraph_label="35"
    )
    assert (report.due_session.body.code, report.due_session.number) == ("HRC", 65)
    assert report.needs_review
    assert {alt["session"] for alt in report.alternatives} == {62}


def test_corpus_ingests_and_a_second_run_changes_nothing():
    """Every corpus file is stored; ingesting the corpus again reports zero changes."""
    corpus = [shared_path("corpus", part) for part in ("hrc", "ga", "other")]
    first = resolution_ingest_many(paths=corpus)
    failed = [(o.source_name, o.reason) for o in first if o.status == "failed"]
    assert not failed
    assert Resolution.objects.count() == len(first)
    snapshot = sorted(Deliverable.objects.values_list("uid", "updated_at"))
    second = resolution_ingest_many(paths=corpus)
    assert {o.status for o in second} == {"unchanged"}
    assert sorted(Deliverable.objects.values_list("uid", "updated_at")) == snapshot
