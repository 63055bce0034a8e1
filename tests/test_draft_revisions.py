"""A revised draft (L.12/Rev.1) is a new version of its draft: it takes over what people
decided on the earlier revision, which leaves the lists and stops reminding, and the
adopted text then takes everything over from the latest revision (README: the adopted
text "carries over every decision on its deliverables").

Before, a revision was stored as a second, unlinked draft: every request was listed twice,
and the adopted text paired with the revision's untouched copies, so every decision on the
first draft was left behind on rows flagged "not found in the adopted text" that kept
reminding, while the adopted deliverables had no assignees, dates or comments.

The texts are the ingest command's, the decisions a person's on the admin's pages (the
test client), and what is checked is what people get: the rows, the lists, the feed, the
reminders the daily run would send.
"""

import re
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse

from mandates.models import (
    Body,
    Comment,
    Contact,
    Deliverable,
    ProposedChange,
    Resolution,
    ReviewStatus,
)
from mandates.services.schedule import session_get_or_estimate
from tests.admin_forms import change_form_data
from tests.drafts_samples import hrc_adopted, hrc_draft
from tests.ical import events

pytestmark = pytest.mark.django_db

DRAFT = "A/HRC/62/L.12"
REV1 = "A/HRC/62/L.12/Rev.1"
REV2 = "A/HRC/62/L.12/Rev.2"
ADOPTED = "A/HRC/RES/62/12"

FIRST = "Welcomes the work of lighthouse keepers;"
WORKSHOP = (
    "Requests the Office of the United Nations High Commissioner for Human Rights to organize "
    "an expert workshop on the rights of lighthouse keepers before the sixty-fourth session "
    "of the Council;"
)
REPORT_65 = (
    "Requests the High Commissioner to prepare a report on lighthouse keepers and human "
    "rights and to present it to the Human Rights Council at its sixty-fifth session;"
)
REPORT_66 = REPORT_65.replace("sixty-fifth", "sixty-sixth")
COMPILATION = (
    "Requests the Secretary-General to submit a compilation of good practices on coastal "
    "safety to the Council at its sixty-sixth session;"
)
UPDATE = (
    "Requests the High Commissioner to present an oral update to the Council at its "
    "sixty-third session;"
)
UPDATE_REV1 = UPDATE.removesuffix(";") + (
    ", and invites the Special Rapporteur on coastal communities to contribute;"
)

DRAFT_TEXT = hrc_draft(operative=[FIRST, WORKSHOP, REPORT_65, COMPILATION, UPDATE])
REV1_TEXT = hrc_draft(symbol=REV1, operative=[FIRST, WORKSHOP, REPORT_66, COMPILATION, UPDATE_REV1])
ADOPTED_TEXT = hrc_adopted(
    on_the_basis_of=REV1, operative=[FIRST, WORKSHOP, REPORT_66, COMPILATION, UPDATE]
)
STAFF_TITLE = "Lighthouse keepers: report to HRC 64 (title by staff)"
TODAY = "2026-12-16"  # the workshop's manual date, 15 January 2027, is 30 days away


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _ingest(tmp_path: Path, text: str, name: str) -> list[str]:
    """The ingest command on one file, as an operator runs it (no -v 2); its lines."""
    path = tmp_path / "upload" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("ingest", str(path), stdout=out)
    return [line.strip() for line in out.getvalue().splitlines()]


def _items(symbol: str) -> dict[str, Deliverable]:
    return {
        d.mandate.paragraph_label: d
        for d in Deliverable.objects.filter(mandate__resolution__symbol=symbol).select_related(
            "mandate", "due_session__body"
        )
    }


def _edit(client, item: Deliverable, comment: str = "", **changes) -> None:
    """A person saves the deliverable's admin page with these changes (and a comment)."""
    url = reverse("admin:mandates_deliverable_change", args=[item.pk])
    data = {**change_form_data(client.get(url)), **changes}
    if comment:
        index = int(data["comments-TOTAL_FORMS"])
        data["comments-TOTAL_FORMS"] = index + 1
        data[f"comments-{index}-text"] = comment
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors


@pytest.fixture
def people():
    return {
        name: Contact.objects.create(name=name, email=f"{name.split()[0].lower()}@example.org")
        for name in ("Alice Archivist", "Bob Builder", "Carol Clerk", "Keepers Unit")
    }


def _decide_on_the_draft(client, people) -> None:
    """What staff decided on L.12's deliverables, page by page (the QA steps)."""
    hrc_64 = session_get_or_estimate(body=Body.objects.get(code="HRC"), number=64)
    drafted = _items(DRAFT)
    _edit(
        client,
        drafted["2"],
        comment="Bob runs the workshop with the unit.",
        assignees=[str(people["Bob Builder"].pk), str(people["Keepers Unit"].pk)],
        manual_due_date="2027-01-15",
        review_status=ReviewStatus.CONFIRMED,
        progress=Deliverable.Progress.IN_PROGRESS,
    )
    _edit(
        client,
        drafted["3"],
        comment="Alice leads; the bureau wants it at HRC 64.",
        assignees=[str(people["Alice Archivist"].pk)],
        due_session=str(hrc_64.pk),
        title=STAFF_TITLE,
    )
    _edit(
        client,
        drafted["4"],
        comment="The compilation is another department's.",
        progress=Deliverable.Progress.NOT_DELIVERABLE,
    )
    _edit(
        client,
        drafted["5"],
        assignees=[str(people["Carol Clerk"].pk)],
        review_status=ReviewStatus.CONFIRMED,
    )


def _reminders(today: str = TODAY) -> list[str]:
    """What `send_reminders --dry-run` prints: one line a reminder."""
    out = StringIO()
    call_command("send_reminders", "--dry-run", "--today", today, stdout=out)
    return [line for line in out.getvalue().splitlines() if line.startswith("would send")]


def _listed(client) -> dict[str, str]:
    """The staff's lists where a deliverable may appear twice."""
    pages = {
        "upcoming": reverse("mandates:upcoming"),
        "review": reverse("mandates:review"),
        "export": reverse("mandates:export_csv"),
        "review queue": reverse("admin:mandates_deliverablereview_changelist"),
    }
    listed = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, name
        page = response.getvalue().decode() if response.streaming else response.content.decode()
        if name == "review queue":  # its rows, not the sidebar's recent actions
            start = page.index('id="result_list"')
            page = page[start : page.index("</table>", start)]
        listed[name] = page
    return listed


def _shown(page: str) -> set[str]:
    """The resolutions whose deliverables a list shows, each row found by its UID (pages,
    CSV) or its admin page (the review queue); a review reason naming a draft is no row."""
    shown = set()
    for item in Deliverable.objects.select_related("mandate__resolution"):
        admin_page = re.compile(rf"/admin/mandates/deliverable(?:review)?/{item.pk}/change/")
        if str(item.uid) in page or admin_page.search(page):
            shown.add(item.mandate.resolution.symbol)
    return shown


def _carried_work(item: Deliverable) -> dict:
    return {
        "review": item.review_status,
        "progress": item.progress,
        "manual date": item.manual_due_date,
        "assignees": sorted(c.name for c in item.assignees.all()),
        "comments": sorted(c.text for c in item.comments.all()),
    }


def test_a_revision_takes_over_the_drafts_decisions_and_hands_them_to_the_adopted_text(
    tmp_path, staff_client, people
):
    """The QA scenario: L.12, decisions on it, L.12/Rev.1 (another session for the report,
    a clause added to the oral update), then the adopted text printing Rev.1."""
    _ingest(tmp_path, DRAFT_TEXT, "A_HRC_62_L.12.txt")
    _decide_on_the_draft(staff_client, people)
    uids = {para: item.uid for para, item in _items(DRAFT).items()}

    printed = _ingest(tmp_path, REV1_TEXT, "A_HRC_62_L.12_Rev.1.txt")

    assert f"revision of {DRAFT}: 4 carried over, 1 changed, flagged for review" in printed
    draft = Resolution.objects.get(symbol=DRAFT)
    rev1 = Resolution.objects.get(symbol=REV1)
    assert (draft.status, draft.superseded_by, rev1.status) == ("superseded", rev1, "draft")
    drafted, revised = _items(DRAFT), _items(REV1)
    assert {item.progress for item in drafted.values()} == {"superseded"}
    assert {para: item.draft for para, item in revised.items()} == drafted
    assert {para: item.uid for para, item in revised.items()} == uids
    workshop = revised["2"]
    assert _carried_work(workshop) == {
        "review": ReviewStatus.CONFIRMED,
        "progress": Deliverable.Progress.IN_PROGRESS,
        "manual date": date(2027, 1, 15),
        "assignees": ["Bob Builder", "Keepers Unit"],
        "comments": [f"[on draft {DRAFT}] Bob runs the workshop with the unit."],
    }
    # The person's session and title stand; the session the revision now reads is a
    # proposal (HRC 65 -> HRC 66 in the text), not a silent overwrite.
    report = revised["3"]
    assert (report.due_session.number, report.title) == (64, STAFF_TITLE)
    assert sorted(c.name for c in report.assignees.all()) == ["Alice Archivist"]
    proposal = ProposedChange.objects.get(deliverable=report)
    assert (proposal.field, proposal.old_value, proposal.new_value, proposal.resolved) == (
        "due_session",
        "HRC 64",
        "HRC 66",
        False,
    )
    assert proposal.source == f"revised draft {REV1}"
    assert report.needs_review
    assert f"changed from draft {DRAFT}: due session HRC 65 -> HRC 66" in " ".join(
        report.review_reasons
    )
    assert revised["4"].progress == Deliverable.Progress.NOT_DELIVERABLE
    # The clause the revision adds is no part of the request's words: still confirmed.
    update = revised["5"]
    assert (update.review_status, update.needs_review) == (ReviewStatus.CONFIRMED, False)
    # Each request is listed once, as the revision's.
    for name, page in _listed(staff_client).items():
        assert _shown(page) == {REV1}, name
    reminded = _reminders()
    assert any(f"({REV1}, para. 2)" in line for line in reminded), reminded
    assert not any(f"({DRAFT}, para." in line for line in reminded), reminded

    printed = _ingest(tmp_path, ADOPTED_TEXT, "A_HRC_RES_62_12.txt")

    assert f"adopts draft {REV1}: 4 carried over" in printed
    rev1.refresh_from_db()
    assert (rev1.status, rev1.superseded_by.symbol) == ("superseded", ADOPTED)
    adopted = _items(ADOPTED)
    assert {para: item.draft for para, item in adopted.items()} == _items(REV1)
    assert {para: item.uid for para, item in adopted.items()} == uids
    assert _carried_work(adopted["2"]) == _carried_work(workshop)
    assert (adopted["3"].due_session.number, adopted["3"].title) == (64, STAFF_TITLE)
    assert sorted(c.name for c in adopted["3"].assignees.all()) == ["Alice Archivist"]
    # The proposal the revision made still waits, on the adopted deliverable.
    waiting = ProposedChange.objects.get(deliverable=adopted["3"])
    assert (waiting.field, waiting.new_value, waiting.resolved) == ("due_session", "HRC 66", False)
    assert adopted["3"].needs_review
    assert "due session HRC 66 (kept HRC 64)" in " ".join(adopted["3"].review_reasons)
    proposal.refresh_from_db()  # moved: nobody is asked twice
    assert (proposal.resolved, proposal.closed_by_text) == (True, True)
    assert adopted["4"].progress == Deliverable.Progress.NOT_DELIVERABLE
    assert adopted["4"].comments.get().text == (
        f"[on draft {DRAFT}] The compilation is another department's."
    )
    assert adopted["5"].review_status == ReviewStatus.CONFIRMED
    assert sorted(c.name for c in adopted["5"].assignees.all()) == ["Carol Clerk"]
    # Nothing of L.12's is left "not found in the adopted text", open or reminding.
    for item in _items(DRAFT).values():
        assert item.progress == "superseded"
        assert not any("not found" in r for r in item.review_reasons), item.review_reasons
    # The confirmed oral update and workshop are public again, under the draft's UID.
    public = set(Deliverable.objects.public().values_list("pk", flat=True))
    assert {adopted["2"].pk, adopted["5"].pk} <= public
    feed = events(staff_client.get(reverse("mandates:feed_all")).content)
    assert f"deliverable-{uids['5']}@" in " ".join(feed)
    reminded = _reminders()
    assert any(f"({ADOPTED}, para. 2)" in line for line in reminded), reminded
    assert all(ADOPTED in line for line in reminded), reminded
    for name, page in _listed(staff_client).items():
        assert _shown(page) == {ADOPTED}, name


def test_the_superseded_revisions_pages_say_where_the_work_goes(tmp_path, staff_client, people):
    """L.12's deliverable page names its revision and takes no work; Rev.1's takes it."""
    _ingest(tmp_path, DRAFT_TEXT, "A_HRC_62_L.12.txt")
    _decide_on_the_draft(staff_client, people)
    _ingest(tmp_path, REV1_TEXT, "A_HRC_62_L.12_Rev.1.txt")
    old, new = _items(DRAFT)["2"], _items(REV1)["2"]
    page = staff_client.get(reverse("admin:mandates_deliverable_change", args=[old.pk]))
    text = page.content.decode()
    assert "was superseded by its revision" in text and REV1 in text
    assert reverse("admin:mandates_deliverable_change", args=[new.pk]) in text
    assert not page.context["has_change_permission"]
    public = staff_client.get(reverse("mandates:resolution", args=[DRAFT])).content.decode()
    assert "Draft resolution, superseded by its revision" in public


def test_a_revision_stored_before_its_draft(tmp_path, staff_client, people):
    """Rev.1 first, people work on it, then L.12 arrives late: L.12 is superseded by Rev.1
    at once and nothing of Rev.1's changes (UIDs, decisions); the adopted text pairs with
    Rev.1."""
    _ingest(tmp_path, REV1_TEXT, "A_HRC_62_L.12_Rev.1.txt")
    revised = _items(REV1)
    _edit(staff_client, revised["2"], assignees=[str(people["Bob Builder"].pk)])
    uids = {para: item.uid for para, item in _items(REV1).items()}

    printed = _ingest(tmp_path, DRAFT_TEXT, "A_HRC_62_L.12.txt")

    assert (
        f"superseded at once by its revised draft {REV1}, stored before it: nothing to carry over"
        in printed
    )
    draft = Resolution.objects.get(symbol=DRAFT)
    assert (draft.status, draft.superseded_by.symbol) == ("superseded", REV1)
    assert Resolution.objects.get(symbol=REV1).status == "draft"
    assert {item.progress for item in _items(DRAFT).values()} == {"superseded"}
    assert {para: item.uid for para, item in _items(REV1).items()} == uids
    for name, page in _listed(staff_client).items():
        assert _shown(page) == {REV1}, name

    printed = _ingest(tmp_path, ADOPTED_TEXT, "A_HRC_RES_62_12.txt")

    assert f"adopts draft {REV1}: 4 carried over" in printed
    adopted = _items(ADOPTED)
    assert [c.name for c in adopted["2"].assignees.all()] == ["Bob Builder"]
    assert {para: item.uid for para, item in adopted.items()} == uids
    for item in _items(DRAFT).values():
        assert not any("not found" in r for r in item.review_reasons)


def test_an_adopted_text_naming_a_revision_not_stored_pairs_with_the_draft(
    tmp_path, staff_client, people
):
    """The adopted text prints L.12/Rev.1, only L.12 is stored: it takes over L.12's
    decisions. Rev.1, ingested afterwards, is superseded by the adopted text at once and
    changes nothing of it."""
    _ingest(tmp_path, DRAFT_TEXT, "A_HRC_62_L.12.txt")
    _decide_on_the_draft(staff_client, people)

    printed = _ingest(tmp_path, ADOPTED_TEXT, "A_HRC_RES_62_12.txt")

    assert any(line.startswith(f"adopts draft {DRAFT}: 4 carried over") for line in printed)
    adopted = _items(ADOPTED)
    assert {para: item.draft for para, item in adopted.items()} == _items(DRAFT)
    before = {para: _carried_work(item) for para, item in adopted.items()}
    assert before["2"]["assignees"] == ["Bob Builder", "Keepers Unit"]
    # The session the adopted text reads (HRC 66, L.12 read HRC 65) is proposed.
    assert ProposedChange.objects.get(deliverable=adopted["3"]).new_value == "HRC 66"

    printed = _ingest(tmp_path, REV1_TEXT, "A_HRC_62_L.12_Rev.1.txt")

    assert (
        f"superseded at once by its adopted text {ADOPTED}, stored before it: "
        "nothing to carry over" in printed
    )
    rev1 = Resolution.objects.get(symbol=REV1)
    assert (rev1.status, rev1.superseded_by.symbol) == ("superseded", ADOPTED)
    assert {item.progress for item in _items(REV1).values()} == {"superseded"}
    assert {para: _carried_work(item) for para, item in _items(ADOPTED).items()} == before
    for name, page in _listed(staff_client).items():
        assert _shown(page) == {ADOPTED}, name
    assert not _reminders() or all(ADOPTED in line for line in _reminders())


@pytest.mark.parametrize("later", [REV2, f"{DRAFT}/Corr.1", f"{REV1}/Corr.1"])
def test_each_revision_supersedes_the_one_before(tmp_path, staff_client, people, later):
    """L.12 -> Rev.1 -> a later version (Rev.2, or a corrigendum reissuing the text): the
    decisions made on L.12 reach the latest, with one copy of each comment naming L.12."""
    _ingest(tmp_path, DRAFT_TEXT, "A_HRC_62_L.12.txt")
    _decide_on_the_draft(staff_client, people)
    _ingest(tmp_path, REV1_TEXT, "A_HRC_62_L.12_Rev.1.txt")
    later_text = hrc_draft(
        symbol=later, operative=[FIRST, WORKSHOP, REPORT_66, COMPILATION, UPDATE]
    )

    printed = _ingest(tmp_path, later_text, "later.txt")

    if later.endswith("/Corr.1") and not later.startswith(REV1):
        # a corrigendum of L.12 is an earlier version than Rev.1: superseded by it at once
        assert (
            f"superseded at once by its revised draft {REV1}, stored before it: "
            "nothing to carry over"
        ) in printed
        latest = REV1
    else:
        assert any(line.startswith(f"revision of {REV1}: 4 carried over") for line in printed)
        latest = later
    assert list(
        Resolution.objects.filter(symbol__startswith=DRAFT, status="draft").values_list(
            "symbol", flat=True
        )
    ) == [latest]
    workshop = _items(latest)["2"]
    assert _carried_work(workshop)["assignees"] == ["Bob Builder", "Keepers Unit"]
    assert (
        workshop.comments.get().text == f"[on draft {DRAFT}] Bob runs the workshop with the unit."
    )
    original = Comment.objects.get(deliverable=_items(DRAFT)["2"])
    assert workshop.comments.get().copied_from == original


def test_an_addendum_is_no_revision(tmp_path):
    """L.12/Add.1 adds to the draft rather than replacing it: nothing is superseded."""
    _ingest(tmp_path, DRAFT_TEXT, "A_HRC_62_L.12.txt")
    _ingest(tmp_path, hrc_draft(symbol=f"{DRAFT}/Add.1", operative=[UPDATE]), "add.txt")
    assert set(
        Resolution.objects.filter(symbol__startswith=DRAFT).values_list("status", flat=True)
    ) == {"draft"}


def test_two_revisions_stored_unlinked_are_chained_by_the_adopted_text(
    tmp_path, staff_client, people, monkeypatch
):
    """L.12 and Rev.1 both still drafts (stored before revisions were linked): the adopted
    text links L.12 to Rev.1 first, then takes over Rev.1, so L.12's decisions arrive."""
    from mandates.services import drafts

    _ingest(tmp_path, DRAFT_TEXT, "A_HRC_62_L.12.txt")
    _decide_on_the_draft(staff_client, people)
    with monkeypatch.context() as patched:
        patched.setattr(drafts, "_revisions_link", lambda draft, **kwargs: None)
        _ingest(tmp_path, REV1_TEXT, "A_HRC_62_L.12_Rev.1.txt")
    assert Resolution.objects.filter(status="draft").count() == 2

    printed = _ingest(tmp_path, ADOPTED_TEXT, "A_HRC_RES_62_12.txt")

    assert any(
        line.startswith(f"{REV1} supersedes its earlier revision {DRAFT}: 4 carried over")
        for line in printed
    ), printed
    assert any(line.startswith(f"adopts draft {REV1}: 4 carried over") for line in printed)
    adopted = _items(ADOPTED)
    assert _carried_work(adopted["2"])["assignees"] == ["Bob Builder", "Keepers Unit"]
    assert adopted["5"].review_status == ReviewStatus.CONFIRMED
    for item in _items(DRAFT).values():
        assert item.progress == "superseded"
        assert not any("not found" in r for r in item.review_reasons)


def test_deleting_a_revision(tmp_path, staff_client, people):
    """Deleting the live revision makes L.12 a draft again, with its work; deleting a
    revision the adopted text superseded leaves L.12 superseded by the adopted text, whose
    deliverables continue L.12's."""
    from mandates.services.drafts import resolution_delete

    _ingest(tmp_path, DRAFT_TEXT, "A_HRC_62_L.12.txt")
    _decide_on_the_draft(staff_client, people)
    uids = {para: item.uid for para, item in _items(DRAFT).items()}
    _ingest(tmp_path, REV1_TEXT, "A_HRC_62_L.12_Rev.1.txt")
    _ingest(tmp_path, ADOPTED_TEXT, "A_HRC_RES_62_12.txt")
    rev1 = Resolution.objects.filter(symbol=REV1)
    assert resolution_delete(resolutions=rev1) == []  # nothing becomes a draft again
    draft = Resolution.objects.get(symbol=DRAFT)
    assert (draft.status, draft.superseded_by.symbol) == ("superseded", ADOPTED)
    adopted = _items(ADOPTED)
    assert {para: item.draft for para, item in adopted.items()} == _items(DRAFT)
    assert {para: item.uid for para, item in adopted.items()} == uids

    assert resolution_delete(resolutions=Resolution.objects.filter(symbol=ADOPTED)) == [DRAFT]
    drafted = _items(DRAFT)
    assert {para: item.uid for para, item in drafted.items()} == uids
    assert _carried_work(drafted["2"])["progress"] == Deliverable.Progress.IN_PROGRESS


def test_deleting_the_adopted_text_gives_the_revision_back(tmp_path, staff_client, people):
    """The adopted text deleted: Rev.1 is the draft again, with what it had (its proposal
    waiting again); L.12 stays superseded by Rev.1."""
    from mandates.services.drafts import resolution_delete

    _ingest(tmp_path, DRAFT_TEXT, "A_HRC_62_L.12.txt")
    _decide_on_the_draft(staff_client, people)
    _ingest(tmp_path, REV1_TEXT, "A_HRC_62_L.12_Rev.1.txt")
    _ingest(tmp_path, ADOPTED_TEXT, "A_HRC_RES_62_12.txt")

    assert resolution_delete(resolutions=Resolution.objects.filter(symbol=ADOPTED)) == [REV1]

    rev1 = Resolution.objects.get(symbol=REV1)
    draft = Resolution.objects.get(symbol=DRAFT)
    assert (rev1.status, draft.status, draft.superseded_by) == ("draft", "superseded", rev1)
    revised = _items(REV1)
    assert _carried_work(revised["2"])["assignees"] == ["Bob Builder", "Keepers Unit"]
    proposal = ProposedChange.objects.get(deliverable=revised["3"])
    assert (proposal.new_value, proposal.resolved) == ("HRC 66", False)
    for name, page in _listed(staff_client).items():
        assert _shown(page) == {REV1}, name


def test_a_request_the_revision_drops(tmp_path, staff_client, people):
    """Rev.1 drops the compilation a person marked "not deliverable": it stays open and
    flagged on L.12 for them, and what they read names the revision (the flag, the page,
    a reminder), not an adopted text."""
    from mandates.services.reminders import reminder_not_asked

    _ingest(tmp_path, DRAFT_TEXT, "A_HRC_62_L.12.txt")
    _decide_on_the_draft(staff_client, people)
    revision = hrc_draft(symbol=REV1, operative=[FIRST, WORKSHOP, REPORT_66, UPDATE])

    printed = _ingest(tmp_path, revision, "A_HRC_62_L.12_Rev.1.txt")

    assert (
        f"revision of {DRAFT}: 3 carried over, 1 changed, flagged for review, "
        "1 not in it, kept open (people decided on them)"
    ) in printed
    dropped = _items(DRAFT)["4"]
    assert dropped.progress == Deliverable.Progress.NOT_DELIVERABLE
    assert dropped.needs_review
    assert any(f"not found in the revised draft {REV1}" in r for r in dropped.review_reasons)
    assert reminder_not_asked(dropped).startswith(
        f"The revised draft {REV1} does not ask for this (it was in draft {DRAFT})."
    )
    page = staff_client.get(reverse("admin:mandates_deliverable_change", args=[dropped.pk]))
    text = page.content.decode()
    assert "move what was decided to the revision’s deliverables by hand" in text


def test_the_admin_import_says_what_the_revision_took_over(staff_client):
    """The import page's result names the link as the command does."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("admin:mandates_resolution_import")
    for name, text in (("A_HRC_62_L.12.txt", DRAFT_TEXT), ("Rev.1.txt", REV1_TEXT)):
        response = staff_client.post(url, {"files": [SimpleUploadedFile(name, text.encode())]})
    assert f"revision of {DRAFT}: 4 carried over" in response.content.decode()


def _page_text(response) -> str:
    """The page's words, tags left out and spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_a_revision_deleted_from_the_middle_keeps_what_people_decided_on_it(
    tmp_path, staff_client, people
):
    """L.12 -> Rev.1 -> Rev.2, with decisions made on Rev.1 only; Rev.2 drops the
    compilation a person marked "not deliverable" on Rev.1 (kept open there for them).
    Deleting Rev.1 used to delete that decision with it, the delete page saying nothing:
    it is refused, naming the deliverable, until a person deals with it; then the chain
    goes on from L.12 to Rev.2 and the adopted text takes over Rev.2, with Rev.1's
    decisions."""
    _ingest(tmp_path, DRAFT_TEXT, "A_HRC_62_L.12.txt")
    _ingest(tmp_path, REV1_TEXT, "A_HRC_62_L.12_Rev.1.txt")
    revised = _items(REV1)
    _edit(
        staff_client,
        revised["2"],
        assignees=[str(people["Bob Builder"].pk)],
        review_status=ReviewStatus.CONFIRMED,
    )
    _edit(staff_client, revised["4"], progress=Deliverable.Progress.NOT_DELIVERABLE)
    rev2_text = hrc_draft(symbol=REV2, operative=[FIRST, WORKSHOP, REPORT_66, UPDATE])
    _ingest(tmp_path, rev2_text, "A_HRC_62_L.12_Rev.2.txt")
    rev1 = Resolution.objects.get(symbol=REV1)
    compilation = _items(REV1)["4"]
    url = reverse("admin:mandates_resolution_delete", args=[rev1.pk])

    page = _page_text(staff_client.get(url))

    assert f"“{REV1}” cannot be deleted: what people decided on it would go with it" in page
    assert (
        f"{REV1} is not deleted: it holds 1 deliverable people decided on that the revised "
        f"draft {REV2} does not ask for" in page
    )
    assert f"para. 4: {compilation}" in page
    assert "Yes, I’m sure" not in page
    refused = staff_client.post(url, {"post": "yes"})  # the page again, nothing deleted
    assert "cannot be deleted: what people decided on it" in _page_text(refused)
    assert Resolution.objects.filter(symbol=REV1).exists()
    with pytest.raises(ProtectedError), transaction.atomic():  # nor by a script
        Resolution.objects.filter(symbol=REV1).delete()
    compilation.refresh_from_db()
    assert compilation.progress == Deliverable.Progress.NOT_DELIVERABLE
    # The page says what lets it go: closing the deliverable does not (it still holds
    # the decision), deleting it does.
    advice = (
        "Delete each one on its own page first (what was decided stays in its history; "
        "closing one is not enough: it still holds its decision), or move the decisions by "
        "hand."
    )
    assert advice in page and "Close or delete" not in page
    _edit(staff_client, compilation, progress=Deliverable.Progress.CANCELLED)
    compilation.refresh_from_db()
    assert compilation.progress == Deliverable.Progress.CANCELLED
    assert advice in _page_text(staff_client.get(url))

    # The person decides that deliverable is done with: deleted on its own page.
    deliverable_url = reverse("admin:mandates_deliverable_delete", args=[compilation.pk])
    assert staff_client.post(deliverable_url, {"post": "yes"}).status_code == 302
    page = _page_text(staff_client.get(url))
    assert (
        f"Its earlier version {DRAFT} is not deleted: it stays superseded, now by {REV2}"
    ) in page
    assert staff_client.post(url, {"post": "yes"}).status_code == 302

    draft = Resolution.objects.get(symbol=DRAFT)
    assert (draft.status, draft.superseded_by.symbol) == ("superseded", REV2)
    latest = _items(REV2)
    assert {para: item.draft for para, item in latest.items()} == {
        "2": _items(DRAFT)["2"],
        "3": _items(DRAFT)["3"],
        "4": _items(DRAFT)["5"],
    }
    assert _carried_work(latest["2"])["assignees"] == ["Bob Builder"]
    assert latest["2"].review_status == ReviewStatus.CONFIRMED

    adopted_text = hrc_adopted(on_the_basis_of=REV2, operative=[FIRST, WORKSHOP, REPORT_66, UPDATE])
    printed = _ingest(tmp_path, adopted_text, "A_HRC_RES_62_12.txt")

    assert any(line.startswith(f"adopts draft {REV2}: 3 carried over") for line in printed)
    adopted = _items(ADOPTED)
    assert {para: item.draft for para, item in adopted.items()} == _items(REV2)
    assert _carried_work(adopted["2"])["assignees"] == ["Bob Builder"]
    assert adopted["2"].review_status == ReviewStatus.CONFIRMED


def test_the_live_revisions_delete_page_says_what_its_deletion_loses(
    tmp_path, staff_client, people
):
    """Rev.1, still the draft, deleted before Rev.2 arrives: L.12 is the draft again and
    the page names, as a revision's, the work done only on Rev.1 that goes with it (it
    spoke of an adopted text); Rev.2 then takes over L.12."""
    _ingest(tmp_path, DRAFT_TEXT, "A_HRC_62_L.12.txt")
    _ingest(tmp_path, REV1_TEXT, "A_HRC_62_L.12_Rev.1.txt")
    _edit(staff_client, _items(REV1)["2"], assignees=[str(people["Bob Builder"].pk)])
    url = reverse("admin:mandates_resolution_delete", args=[Resolution.objects.get(symbol=REV1).pk])

    page = _page_text(staff_client.get(url))

    assert (
        f"Its earlier version {DRAFT} is not deleted: it becomes the draft again, and its "
        "deliverables return to the lists as they were when this revision superseded them"
    ) in page
    assert (
        "Not carried back to the earlier version: 1 deliverable of this revision was worked "
        "on here." in page
    )
    assert f"{REV1} para. 2: " in page and "assigned to: Bob Builder" in page
    assert "adopted text" not in page
    assert staff_client.post(url, {"post": "yes"}).status_code == 302
    assert Resolution.objects.get(symbol=DRAFT).status == "draft"

    rev2_text = hrc_draft(symbol=REV2, operative=[FIRST, WORKSHOP, REPORT_66, UPDATE])
    printed = _ingest(tmp_path, rev2_text, "A_HRC_62_L.12_Rev.2.txt")

    assert any(line.startswith(f"revision of {DRAFT}: 3 carried over") for line in printed)
