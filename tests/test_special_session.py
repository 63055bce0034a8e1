"""A text of a special session ("S-31/1", "Thirty-first special session") keeps its special
session: the extractor reads it as `special_session` with no regular `session`, ingest
stores it on the resolution, and staff see, search and filter it in the admin, on the
resolution's page, in the API and in the CSV export. What it asks for is still due at a
regular session (HRC 66 here).

The texts are invented, written as the Council prints them.
"""

import csv
import io
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse

from mandates import extraction
from mandates.models import Body, Deliverable, Resolution
from mandates.services import ingest
from mandates.services.schedule import session_get_or_estimate
from tests.admin_forms import change_form_data
from tests.samples import hrc_resolution

pytestmark = pytest.mark.django_db

SYMBOL = "A/HRC/RES/S-31/1"
TITLE = "The human rights situation in the fictional region of Eastmarch"


def special_text(*, special: str = "Thirty-first", number: str = "S-31") -> str:
    return (
        f"Human Rights Council\n\n{special} special session\n\n"
        "Resolution adopted by the Human Rights Council on 14 May 2027\n\n"
        f"{number}/1.\t{TITLE}\n\n"
        "The Human Rights Council,\n\n"
        "Recalling its previous resolutions on the subject,\n\n"
        "1. Requests the United Nations High Commissioner for Human Rights to present a "
        "report on the situation to the Human Rights Council at its sixty-sixth session;\n\n"
        "2. Decides to remain seized of the matter.\n\n"
        "1st meeting\n\n14 May 2027\n\n[Adopted without a vote.]\n"
    )


def draft_text(number: str, words: str) -> str:
    """A draft (L document) of a special session, with the adopted text's title."""
    return (
        f"United Nations\tA/HRC/{number}/L.1\n\n"
        "General Assembly\tDistr.: Limited\n\n13 May 2027\n\nOriginal: English\n\n"
        f"Human Rights Council\n\n{words} special session\n\n13-14 May 2027\n\n"
        "Freedonia,* Sylvania and Utopia: draft resolution\n\n"
        f"{TITLE}\n\n"
        "The Human Rights Council,\n\n"
        "Recalling its previous resolutions on the subject,\n\n"
        "1.\tRequests the United Nations High Commissioner for Human Rights to present a "
        "report on the situation to the Human Rights Council at its sixty-sixth session;\n\n"
        "2.\tDecides to remain seized of the matter.\n"
    )


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _ingest(tmp_path: Path, text: str, name: str) -> str:
    """The ingest command on one file, as an operator runs it; what it printed."""
    path = tmp_path / "upload" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("ingest", str(path), stdout=out)
    return out.getvalue()


@pytest.fixture
def special(tmp_path) -> Resolution:
    """The special session's resolution, and a regular session's one beside it."""
    _ingest(tmp_path, special_text(), "A_HRC_RES_S-31_1.txt")
    _ingest(tmp_path, hrc_resolution(operative=["Decides to remain seized."]), "58_97.txt")
    return Resolution.objects.get(symbol=SYMBOL)


def test_ingest_stores_the_special_session_and_no_regular_one(special):
    assert (special.special_session, special.session) == ("S-31", None)
    assert special.session_label == "HRC S-31"
    report = Deliverable.objects.get(mandate__resolution=special)
    assert str(report.due_session) == "HRC 66"  # its deliverables are due at a regular one
    regular = Resolution.objects.get(symbol="A/HRC/RES/58/97")
    assert (regular.special_session, str(regular.session)) == ("", "HRC 58")
    # its History records it as ingest stored it
    assert special.history.latest().special_session == "S-31"


def test_admin_list_shows_searches_and_filters_the_special_session(special, staff_client):
    url = reverse("admin:mandates_resolution_changelist")
    page = staff_client.get(url).content.decode()
    assert '<td class="field-session_shown">HRC S-31</td>' in page
    assert '<td class="field-session_shown">HRC 58</td>' in page
    assert "any special session" in page and "?special_session=S-31" in page

    for query in ({"special_session": "S-31"}, {"special_session": "any"}, {"q": "S-31"}):
        listed = staff_client.get(url, query).context["cl"].result_list
        assert [r.symbol for r in listed] == [SYMBOL], query
    assert not staff_client.get(url, {"special_session": "S-30"}).context["cl"].result_list
    # a hand-edited address: the admin's "wrong parameters" answer, not an error page
    answer = staff_client.get(url, {"special_session": "31'"})
    assert answer.status_code == 302 and "e=1" in answer["Location"]


def test_admin_page_shows_and_checks_the_special_session(special, staff_client):
    url = reverse("admin:mandates_resolution_change", args=[special.pk])
    page = staff_client.get(url)
    assert page.context["adminform"].form.initial["special_session"] == "S-31"
    assert 'name="special_session" value="S-31"' in page.content.decode()
    refused = staff_client.post(url, {**change_form_data(page), "special_session": "41"})
    assert refused.status_code == 200
    assert "A special session is written &quot;S-41&quot;" in refused.content.decode()
    special.refresh_from_db()
    assert special.special_session == "S-31"


def test_public_page_api_and_csv_name_the_special_session(special, staff_client):
    page = staff_client.get(reverse("mandates:resolution", args=[SYMBOL])).content.decode()
    assert "14 May 2027, HRC S-31" in page

    one = staff_client.get(f"/api/resolutions/{SYMBOL}/").json()
    assert (one["session"], one["special_session"]) == (None, "S-31")
    listed = {r["symbol"]: r for r in staff_client.get("/api/resolutions/").json()["results"]}
    assert listed[SYMBOL]["special_session"] == "S-31"
    assert (listed["A/HRC/RES/58/97"]["session"], listed["A/HRC/RES/58/97"]["special_session"]) == (
        58,
        None,
    )

    response = staff_client.get(reverse("mandates:export_csv"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    ours = [row for row in rows if row["Resolution"] == SYMBOL]
    assert ours and {row["Resolution session"] for row in ours} == {"HRC S-31"}
    assert {row["Due session"] for row in ours} == {"HRC 66"}


def test_a_stored_reading_without_it_gets_it_when_read_again(special):
    """A row an older extractor stored (as a regular session 31, no special session) is
    read again by `ingest --stored`: the special session is set, the regular one cleared,
    and both changes are in its History and the command's report."""
    hrc31 = session_get_or_estimate(body=Body.objects.get(code="HRC"), number=31)
    special.special_session, special.session, special.extractor_version = "", hrc31, "0.3.27"
    special.save()  # with its history record, as that extractor's ingest left it
    out = StringIO()
    call_command("ingest", "--stored", stdout=out, verbosity=2)
    special.refresh_from_db()
    assert (special.special_session, special.session) == ("S-31", None)
    assert "special session: '' -> 'S-31'" in out.getvalue()
    latest, before = special.history.order_by("-history_id")[:2]
    assert {"session", "special_session"} <= set(latest.diff_against(before).changed_fields)


def test_a_special_session_in_another_form_fails_the_file_with_what_was_read(tmp_path):
    """Nothing is stored from a reading the column cannot take."""
    real = extraction.extract_bytes

    def odd(*args, **kwargs):
        result = real(*args, **kwargs)
        result.special_session = "S-31 bis"
        return result

    path = tmp_path / "A_HRC_RES_S-31_1.txt"
    path.write_text(special_text(), encoding="utf-8")
    with mock.patch.object(ingest.extraction, "extract_bytes", odd):
        [outcome] = ingest.resolution_ingest_many(paths=[path])
    assert outcome.status == "failed"
    assert "special session was read as 'S-31 bis'" in outcome.reason
    assert not Resolution.objects.exists()


def test_the_draft_of_the_same_special_session_is_adopted(tmp_path):
    """Drafts of two special sessions with the same title: the adopted S-31/1 takes over
    the S-31 draft, not the S-30 one (both had no regular session, so neither was told
    apart and the title was ambiguous)."""
    _ingest(tmp_path, draft_text("S-30", "Thirtieth"), "A_HRC_S-30_L.1.txt")
    _ingest(tmp_path, draft_text("S-31", "Thirty-first"), "A_HRC_S-31_L.1.txt")
    _ingest(tmp_path, special_text(), "A_HRC_RES_S-31_1.txt")
    adopted = Resolution.objects.get(symbol=SYMBOL)
    assert sorted(adopted.drafts.values_list("symbol", flat=True)) == ["A/HRC/S-31/L.1"]
    older = Resolution.objects.get(symbol="A/HRC/S-30/L.1")
    assert (older.status, older.special_session) == (Resolution.Status.DRAFT, "S-30")


def _as_read_before_0_3_28(draft: Resolution) -> None:
    """The draft as an extractor before 0.3.28 stored it and migration 0029 could leave
    it: no special session, "S-31" read as regular session 31, no key in its reading."""
    extraction = dict(draft.extraction)
    extraction.pop("special_session", None)
    extraction["session"] = 31
    hrc31 = session_get_or_estimate(body=Body.objects.get(code="HRC"), number=31)
    Resolution.objects.filter(pk=draft.pk).update(
        special_session="", session=hrc31, extraction=extraction, extractor_version="0.3.27"
    )


def _worked_on(draft: Resolution) -> Deliverable:
    item = Deliverable.objects.get(mandate__resolution=draft)
    Deliverable.objects.filter(pk=item.pk).update(
        review_status="confirmed", progress=Deliverable.Progress.IN_PROGRESS
    )
    return item


def test_a_draft_stored_before_0_3_28_is_adopted_with_its_work(tmp_path):
    """A special session's draft stored by an older extractor (blank special session, its
    number read as regular session 31), confirmed and in progress. Its adopted text,
    ingested now, finds it by the special session its symbol names and carries the work
    over; `ingest --stored` reads the draft again and changes none of it. The draft was
    not found, and read again it was linked without carrying: closed as superseded, the
    adopted deliverable proposed and planned."""
    _ingest(tmp_path, draft_text("S-31", "Thirty-first"), "A_HRC_S-31_L.1.txt")
    draft = Resolution.objects.get(symbol="A/HRC/S-31/L.1")
    _as_read_before_0_3_28(draft)
    old = _worked_on(draft)

    _ingest(tmp_path, special_text(), "A_HRC_RES_S-31_1.txt")
    adopted = Resolution.objects.get(symbol=SYMBOL)
    assert list(adopted.drafts.values_list("symbol", flat=True)) == ["A/HRC/S-31/L.1"]
    new = Deliverable.objects.get(mandate__resolution=adopted)
    assert (new.draft_id, new.review_status, new.progress) == (old.pk, "confirmed", "in_progress")

    call_command("ingest", "--stored", verbosity=0)
    draft.refresh_from_db()
    new.refresh_from_db()
    assert (draft.status, draft.special_session, draft.session) == ("superseded", "S-31", None)
    assert (new.draft_id, new.review_status, new.progress) == (old.pk, "confirmed", "in_progress")


def test_a_draft_read_again_after_its_adopted_text_carries_its_work(tmp_path):
    """Two drafts with the adopted text's title: it links neither (and says so). The right
    one read again, as the message asks, is linked, and what people did on it is carried
    over, as when the adopted text finds it: its deliverable was closed as superseded
    and the work left behind."""
    _ingest(tmp_path, draft_text("S-31", "Thirty-first"), "A_HRC_S-31_L.1.txt")
    other = draft_text("S-31", "Thirty-first").replace("/L.1", "/L.2")
    _ingest(tmp_path, other, "A_HRC_S-31_L.2.txt")
    draft = Resolution.objects.get(symbol="A/HRC/S-31/L.1")
    old = _worked_on(draft)
    _ingest(tmp_path, special_text(), "A_HRC_RES_S-31_1.txt")
    adopted = Resolution.objects.get(symbol=SYMBOL)
    assert not adopted.drafts.exists()

    again = draft_text("S-31", "Thirty-first").replace("Recalling its", "Recalling all its")
    _ingest(tmp_path, again, "A_HRC_S-31_L.1.txt")
    assert list(adopted.drafts.values_list("symbol", flat=True)) == ["A/HRC/S-31/L.1"]
    new = Deliverable.objects.get(mandate__resolution=adopted)
    assert (new.draft_id, new.review_status, new.progress) == (old.pk, "confirmed", "in_progress")
    old.refresh_from_db()
    assert old.progress == Deliverable.Progress.SUPERSEDED
