"""Paragraph labels that are no plain number, as ingest stores them (invented texts): the
parts of an omnibus text ("A.4", "B.2") and a draft's inserted paragraphs ("5 bis",
"5 ter(a)").

Nothing sorts paragraphs by their labels: the lists go by the place in the text
(`Paragraph.position`, `Mandate.position`), so "5 bis" comes after 5 and before 6, and
"A.4" before "B.1", as printed. Each request is linked to the row of its own paragraph
(`ingest._paragraph_for`: the label, else the label before its "(a)").
"""

import pytest

from mandates import selectors
from mandates.models import Deliverable, Resolution
from mandates.services.ingest import resolution_ingest
from tests.extraction.test_inserted_paragraphs import DRAFT
from tests.extraction.test_parts import OMNIBUS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _ingested(text: str, name: str) -> Resolution:
    outcome = resolution_ingest(data=text.encode(), name=name)
    assert outcome.status == "new", outcome.reason
    return Resolution.objects.get(pk=outcome.resolution_id)


def _linked(resolution: Resolution) -> list[tuple[str, str]]:
    """(label, number of the linked paragraph row) of each deliverable, in text order."""
    deliverables = (
        Deliverable.objects.filter(mandate__resolution=resolution)
        .select_related("mandate__paragraph")
        .order_by("mandate__position", "pk")
    )
    return [(d.mandate.paragraph_label, d.mandate.paragraph.number) for d in deliverables]


def test_inserted_paragraphs_are_stored_in_the_texts_order_and_linked():
    resolution = _ingested(DRAFT, "A_HRC_139_L.7.txt")
    numbers = [p.number for p in selectors.paragraph_list_operative(resolution=resolution)]
    assert numbers == ["1", "2", "3", "4", "5", "5 bis", "5 ter", "5 ter(a)", "5 ter(b)", "6"]
    assert _linked(resolution) == [
        ("5", "5"),
        ("5 bis", "5 bis"),
        ("5 ter(a)", "5 ter(a)"),
        ("5 ter(b)", "5 ter(b)"),
    ]


def test_the_parts_paragraphs_are_stored_in_the_texts_order_and_linked():
    resolution = _ingested(OMNIBUS, "A_RES_104_180.txt")
    numbers = [p.number for p in selectors.paragraph_list_operative(resolution=resolution)]
    assert numbers == ["A.1", "A.2", "A.3", "A.4", "A.5", "B.1", "B.2", "B.3", "C.1", "C.2"]
    assert _linked(resolution) == [("A.4", "A.4"), ("B.2", "B.2"), ("C.2", "C.2")]
