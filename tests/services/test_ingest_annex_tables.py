"""Deliverables listed in a table of the annex, as ingest stores them (an invented text).

A Word resolution asks in paragraph 3 for "the reports and events listed in the annex, at
the sessions indicated therein"; the table gives each one's paragraph, actor and session.
Before, only paragraph 1's report was stored, with no date, and the rest was lost.
"""

import pytest

from mandates.models import Deliverable, Resolution
from mandates.services.ingest import resolution_ingest
from tests.docx_builder import DocxTable, docx_bytes
from tests.extraction.test_annex_tables import CLOSING, HEADER, OPERATIVE, ROWS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_ingest_stores_the_rows_of_an_annex_table_as_deliverables_to_review():
    """Each row naming a session of the Assembly or the Council is stored under the
    paragraph it names, with its actor, kind, count and due session, the row's words as
    its evidence, and flagged for review with the reason; read again, nothing changes."""
    data = docx_bytes([*HEADER, *OPERATIVE, *CLOSING, DocxTable(ROWS)])
    outcome = resolution_ingest(data=data, name="A_RES_90_77.docx")
    assert outcome.status == "new", outcome.reason
    resolution = Resolution.objects.get(symbol="A/RES/90/77")
    stored = Deliverable.objects.filter(mandate__resolution=resolution).select_related(
        "mandate__actor", "due_session__body"
    )
    assert sorted(
        (
            d.mandate.paragraph_label,
            d.mandate.actor.name,
            d.kind,
            d.count,
            d.due_session.body.code,
            d.due_session_number,
            d.due_relation,
        )
        for d in stored
    ) == [
        ("1", "Secretary-General", "report", 1, "GA", 91, "at"),
        ("1", "Secretary-General", "report", 1, "GA", 93, "at"),
        ("2", "General Assembly", "meeting", 1, "GA", 92, "at"),
        ("3", "OHCHR", "seminar", 2, "HRC", 91, "before"),
    ]
    [workshops] = [d for d in stored if d.kind == "seminar"]
    assert workshops.needs_review
    assert workshops.review_reasons == [
        "read from row 3 of the table in the annex, to which paragraph 3 refers: "
        "check it against the table"
    ]
    assert workshops.quote.startswith("Two regional workshops on lamp maintenance")
    assert resolution.text[workshops.span_start : workshops.span_end] == workshops.quote
    assert [p.name for p in workshops.mandate.partners.all()] == ["UNESCO"]
    again = resolution_ingest(data=data, name="A_RES_90_77.docx")
    assert again.status == "unchanged", again.reason
