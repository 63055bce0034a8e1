"""Less common texts as ingest stores them (invented texts).

"S-33/1" is the Council's thirty-third *special* session: filing it under regular session
HRC 33 (held years earlier) would date it, list it and link its drafts wrongly. A
functional commission's draft ("E/CN.9/2033/L.6") was refused for want of a symbol.
"""

import pytest

from mandates.models import Deliverable, Resolution, Session
from mandates.services.ingest import resolution_ingest
from tests.extraction.test_draft_header import COMMISSION_DRAFT

pytestmark = pytest.mark.django_db

SPECIAL = """United Nations A/HRC/RES/S-33/1

General Assembly Distr.: General 20 May 2031

Human Rights Council
Thirty-third special session
15 and 16 May 2031

Resolution adopted by the Human Rights Council on 16 May 2031

S-33/1. The human rights situation in the northern districts of Valdoria

The Human Rights Council,

Recalling its earlier resolutions on Valdoria,

1. Requests the High Commissioner to present an oral update on the situation to the Council
at its seventy-eighth session;

2. Decides to remain seized of the matter.
"""


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_special_session_resolution_gets_no_regular_session():
    outcome = resolution_ingest(data=SPECIAL.encode(), name="A_HRC_RES_S-33_1.txt")
    assert outcome.status == "new", outcome.reason
    resolution = Resolution.objects.get(symbol="A/HRC/RES/S-33/1")
    assert (resolution.session, resolution.special_session) == (None, "S-33")
    assert not Session.objects.filter(body__code="HRC", number=33).exists()
    assert resolution.extraction["special_session"] == "S-33"
    assert resolution.extraction["session"] is None
    update = Deliverable.objects.get(mandate__resolution=resolution)
    assert (update.due_session.body.code, update.due_session_number) == ("HRC", 78)


def test_commission_draft_is_stored_as_the_commissions_draft():
    outcome = resolution_ingest(data=COMMISSION_DRAFT.encode(), name="E_CN.9_2033_L.6.txt")
    assert outcome.status == "new", outcome.reason
    draft = Resolution.objects.get(symbol="E/CN.9/2033/L.6")
    assert (draft.body.code, draft.status, draft.session) == ("CPD", "draft", None)
    assert draft.extraction["session"] == 66
    assert sorted(
        (d.due_body.code if d.due_body else d.due_session.body.code, d.due_session_number)
        for d in Deliverable.objects.filter(mandate__resolution=draft)
    ) == [("CPD", 67), ("ECOSOC", 2034)]


REGIONAL_COMMISSION = """United Nations E/ESCAP/RES/82/4

Economic and Social Council Distr.: General 19 May 2026

Economic and Social Commission for Asia and the Pacific
Eighty-second session

Resolution adopted by the Economic and Social Commission for Asia and the Pacific on 12 May 2026

82/4. Regional cooperation on lighthouse keepers

The Economic and Social Commission for Asia and the Pacific,

Recalling its resolution 80/2,

1. Invites the United Nations High Commissioner for Human Rights to present a summary of a
regional consultation to the Human Rights Council at its sixty-third session;
"""


def test_a_body_the_tracker_does_not_follow_is_refused_by_name():
    """A regional commission's resolution is read (symbol and all) but has no body the
    tracker follows: the refusal names the symbol and says why, and nothing is stored."""
    outcome = resolution_ingest(data=REGIONAL_COMMISSION.encode(), name="E_ESCAP_RES_82_4.txt")
    assert outcome.status == "failed"
    assert outcome.reason.startswith("E/ESCAP/RES/82/4 is a text of a body the tracker does not")
    assert not Resolution.objects.exists()
