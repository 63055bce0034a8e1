"""Ingest never undoes a person's work (issue 13).

A revised text that drops paragraphs, and a later text that "takes note of" a report, are
ingested the ways production does it: the `ingest` command, the admin import as a
superuser, and the admin import as an editor (who may not delete). Everything a person set
(review status, assignees, manual dates, comments, progress) must come out unchanged.
"""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db.models import ProtectedError
from django.test import Client
from django.urls import reverse

from mandates.models import Comment, Contact, Deliverable, ProposedChange
from mandates.services import deliverables as deliverable_services
from tests import factories
from tests.samples import hrc_resolution

pytestmark = pytest.mark.django_db

NAME = "A_HRC_RES_58_97.txt"
CALLS_UPON = "Calls upon States to ensure access to safe drinking water for all;"
REPORT_AT_64 = (
    "Requests the High Commissioner to prepare a report on access to water and to present it "
    "to the Human Rights Council at its sixty-fourth session;"
)
SEMINAR_BEFORE_63 = (
    "Requests the Office of the United Nations High Commissioner for Human Rights to organize "
    "an expert seminar on water services before the sixty-third session of the Human Rights "
    "Council;"
)
STUDY_AT_65 = (
    "Also requests the High Commissioner to prepare a study on water tariffs and to present it "
    "to the Human Rights Council at its sixty-fifth session;"
)
SG_REPORT_AT_66 = (
    "Requests the Secretary-General to submit a report on water in conflict to the Human "
    "Rights Council at its sixty-sixth session;"
)
FULL = hrc_resolution(
    operative=[CALLS_UPON, REPORT_AT_64, SEMINAR_BEFORE_63, STUDY_AT_65, SG_REPORT_AT_66]
)
TRIMMED = hrc_resolution(operative=[CALLS_UPON, REPORT_AT_64])


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")


# Ingested with the text by "command in a folder" and "editor import with others": the
# files share one transaction.
NEIGHBOURS = {
    "A_HRC_RES_58_1.txt": hrc_resolution(
        number="58/1", title="Invented neighbour", operative=[REPORT_AT_64]
    ),
    "A_HRC_RES_58_99.txt": hrc_resolution(
        number="58/99", title="Another invented neighbour", operative=[CALLS_UPON]
    ),
}


@pytest.fixture(
    params=[
        "command",
        "command in a folder",
        "admin import",
        "editor import",
        "editor import with others",
    ]
)
def ingest_text(request, tmp_path, superuser, editor):
    """Ingest a text the way production does: the command (the file alone, or in a folder
    with others, which the batch stores in one chunk), or the admin's import page (the
    file alone, or uploaded with others: one chunk too)."""

    def ingest(text: str, name: str = NAME) -> None:
        if request.param.startswith("command"):
            path = tmp_path / "upload" / name
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            if request.param == "command in a folder":
                for neighbour, neighbour_text in NEIGHBOURS.items():
                    (path.parent / neighbour).write_text(neighbour_text, encoding="utf-8")
                path = path.parent
            call_command("ingest", str(path), verbosity=0)
            return
        client = Client()
        client.force_login(superuser if request.param == "admin import" else editor)
        files = {name: text}
        if request.param == "editor import with others":
            files.update(NEIGHBOURS)
        response = client.post(
            reverse("admin:mandates_resolution_import"),
            {"files": [SimpleUploadedFile(each, body.encode()) for each, body in files.items()]},
        )
        assert response.status_code == 200
        assert all(o.status != "failed" for o in response.context["outcomes"])

    ingest.how = request.param
    return ingest


def _of(paragraph: str, symbol: str = "A/HRC/RES/58/97") -> Deliverable:
    return Deliverable.objects.get(
        mandate__resolution__symbol=symbol, mandate__paragraph_label=paragraph
    )


def _what_people_set(deliverable: Deliverable) -> dict:
    deliverable.refresh_from_db()
    return {
        "review_status": deliverable.review_status,
        "progress": deliverable.progress,
        "manual_due_date": deliverable.manual_due_date,
        "due_date": deliverable.due_date,
        "fulfilled_by": deliverable.fulfilled_by,
        "is_public": deliverable.is_public,
        "assignees": sorted(deliverable.assignees.values_list("email", flat=True)),
        "comments": list(deliverable.comments.values_list("text", flat=True)),
        "edited_fields": list(deliverable.edited_fields),
    }


def _work_on(deliverable: Deliverable, person: Contact) -> None:
    """What staff do: confirm, assign, set a manual date and progress, comment."""
    queryset = Deliverable.objects.filter(pk=deliverable.pk)
    deliverable_services.deliverable_confirm(deliverables=queryset)
    deliverable_services.deliverable_assign(deliverables=queryset, contacts=[person])
    deliverable.refresh_from_db()
    deliverable.manual_due_date = date(2027, 3, 1)
    deliverable.progress = Deliverable.Progress.IN_PROGRESS
    deliverable.save()
    deliverable_services.deliverable_mark_edited(
        deliverable=deliverable, fields=["manual_due_date", "progress"]
    )
    Comment.objects.create(deliverable=deliverable, text="Drafting started with the unit.")


def test_trimmed_text_keeps_what_people_worked_on(ingest_text, superuser):
    """Paragraphs 3-5 leave the text. The study (worked on in every way) and the SG report
    (only a comment) are kept, marked no longer in the text, flagged, with a proposed
    change; the untouched seminar goes, unless an editor (who may not delete) uploads."""
    ingest_text(FULL)
    person = Contact.objects.create(name="Water unit", email="water@ohchr.example.org")
    study, sg_report, seminar = _of("4"), _of("5"), _of("3")
    _work_on(study, person)
    Comment.objects.create(deliverable=sg_report, text="Ask DPPA for inputs.")
    before = {d.pk: _what_people_set(d) for d in (study, sg_report)}

    ingest_text(TRIMMED)

    for deliverable in (study, sg_report):
        assert _what_people_set(deliverable) == before[deliverable.pk]
        assert deliverable.no_longer_in_text and deliverable.needs_review
        assert any("no longer in the text" in r for r in deliverable.review_reasons)
        change = ProposedChange.objects.get(deliverable=deliverable, field="no_longer_in_text")
        assert change.new_value == "no longer in the text" and not change.resolved
    assert Comment.objects.count() == 2
    seminar_kept = Deliverable.objects.filter(pk=seminar.pk).exists()
    assert seminar_kept == ingest_text.how.startswith("editor import")
    assert not _of("2").no_longer_in_text  # still in the text
    flagged = Deliverable.objects.filter(no_longer_in_text=True)
    assert set(flagged.values_list("pk", flat=True)) >= {study.pk, sg_report.pk}

    # Staff see it and filter by it: admin list, admin page with the proposal, public page.
    staff = Client()
    staff.force_login(superuser)
    listed = staff.get(
        reverse("admin:mandates_deliverable_changelist"), {"no_longer_in_text__exact": "1"}
    )
    assert {d.pk for d in listed.context["cl"].result_list} == set(
        flagged.values_list("pk", flat=True)
    )
    page = staff.get(reverse("admin:mandates_deliverable_change", args=[study.pk]))
    assert "no longer in the text" in page.content.decode().lower()
    assert "Drafting started with the unit." in page.content.decode()
    proposals = page.context["adminform"].form.instance.proposed_changes.all()
    link = (
        f"{reverse('admin:mandates_proposedchange_changelist')}?deliverable__id__exact={study.pk}"
    )
    assert link in page.content.decode() and proposals.count() == 1
    listed = staff.get(link).context["cl"].result_list
    assert [c.field for c in listed] == ["no_longer_in_text"]
    page = staff.get(reverse("mandates:deliverable", args=[study.uid])).content.decode()
    assert "no longer in the text" in page
    api = staff.get("/api/deliverables/", {"no_longer_in_text": "true"}).json()
    assert {item["uid"] for item in api["results"]} >= {str(study.uid), str(sg_report.uid)}

    # The same revision again (another file of it) records nothing twice.
    ingest_text(TRIMMED.replace("[Adopted without a vote.]", "[Adopted without a vote.] "))
    assert ProposedChange.objects.filter(field="no_longer_in_text", deliverable=study).count() == 1
    assert _what_people_set(study) == before[study.pk]

    # The paragraph comes back: the deliverable is in the text again, still as people left it.
    ingest_text(FULL)
    study.refresh_from_db()
    assert not study.no_longer_in_text
    assert _what_people_set(study) == before[study.pk]


def test_takes_note_never_changes_what_people_set(ingest_text, superuser):
    """A later text takes note of the High Commissioner's report A/HRC/61/77. The confirmed,
    assigned, in-progress report of the same series due at HRC 61 gets a proposed link, not
    a changed progress; the only other report due at HRC 61, of another series, is left
    alone. Accepting the proposal in the admin is what marks it issued."""
    same_series = hrc_resolution(operative=[REPORT_AT_64.replace("sixty-fourth", "sixty-first")])
    other_series = hrc_resolution(
        number="58/98",
        title="Right to food (example)",
        operative=[REPORT_AT_64.replace("sixty-fourth", "sixty-first")],
    )
    ingest_text(same_series, NAME)
    ingest_text(other_series, "A_HRC_RES_58_98.txt")
    person = Contact.objects.create(name="Water unit", email="water@ohchr.example.org")
    ours, theirs = _of("1"), _of("1", "A/HRC/RES/58/98")
    _work_on(ours, person)
    _work_on(theirs, person)
    before = {d.pk: _what_people_set(d) for d in (ours, theirs)}

    takes_note = hrc_resolution(
        number="61/99",
        adopted="2 April 2026",
        operative=[
            "Takes note of the report of the United Nations High Commissioner for Human "
            "Rights on access to water (A/HRC/61/77);",
            CALLS_UPON,
        ],
    )
    ingest_text(takes_note, "A_HRC_RES_61_99.txt")

    assert _what_people_set(ours) == before[ours.pk]
    assert _what_people_set(theirs) == before[theirs.pk]
    assert not ProposedChange.objects.filter(deliverable=theirs).exists()
    proposal = ProposedChange.objects.get(deliverable=ours, field="fulfilled_by")
    assert proposal.new_value == "A/HRC/61/77"
    ours.refresh_from_db()
    assert ours.needs_review

    client = Client()
    client.force_login(superuser)
    client.post(
        reverse("admin:mandates_proposedchange_changelist"),
        {"action": "accept", "_selected_action": [proposal.pk]},
    )
    ours.refresh_from_db()
    proposal.refresh_from_db()
    assert proposal.resolved
    assert (ours.fulfilled_by, ours.progress) == ("A/HRC/61/77", Deliverable.Progress.ISSUED)
    assert {"fulfilled_by", "progress"} <= set(ours.edited_fields)


def test_a_comment_blocks_deleting_its_deliverable():
    """Comments never cascade away: deleting a commented deliverable is refused."""
    deliverable = factories.DeliverableFactory()
    Comment.objects.create(deliverable=deliverable, text="Keep me.")
    with pytest.raises(ProtectedError):
        deliverable.delete()
    assert Comment.objects.filter(text="Keep me.").exists()


def test_a_text_that_changes_a_confirmed_deadline_flags_it_once(ingest_text, superuser):
    """A new version moves the confirmed report from HRC 64 to HRC 65: the person's deadline
    stays, the deliverable goes back to the review queue saying what the text says now, and
    one proposal records it. The same version again adds nothing; a version that comes back
    to HRC 64 closes the proposal; the paragraph coming back closes its "no longer in the
    text" proposal."""
    ingest_text(FULL)
    report = _of("2")
    person = Contact.objects.create(name="Water unit", email="water@ohchr.example.org")
    _work_on(report, person)
    report.refresh_from_db()
    assert (report.due_session.number, report.needs_review) == (64, False)
    before = _what_people_set(report)

    moved = FULL.replace("sixty-fourth session", "sixty-fifth session")
    ingest_text(moved)
    report.refresh_from_db()
    assert _what_people_set(report) == before
    assert report.due_session.number == 64  # the person's deadline stands
    assert report.needs_review
    [reason] = [r for r in report.review_reasons if "says otherwise" in r]
    assert "due session HRC 65 (kept HRC 64)" in reason
    waiting = ProposedChange.objects.filter(deliverable=report, resolved=False)
    assert {(c.field, c.new_value) for c in waiting} >= {("due_session", "HRC 65")}
    staff = Client()
    staff.force_login(superuser)
    queue = staff.get(reverse("admin:mandates_deliverablereview_changelist"))
    assert report.pk in {d.pk for d in queue.context["cl"].result_list}
    proposals = staff.get(
        reverse("admin:mandates_proposedchange_changelist"), {"deliverable__id__exact": report.pk}
    ).content.decode()
    assert "due session" in proposals and ">due_session<" not in proposals  # staff's words

    count = waiting.count()
    ingest_text(moved.replace("[Adopted without a vote.]", "[Adopted without a vote.] "))
    assert ProposedChange.objects.filter(deliverable=report, resolved=False).count() == count

    ingest_text(FULL)  # the text says HRC 64 again
    assert not ProposedChange.objects.filter(
        deliverable=report, resolved=False, field__startswith="due_session"
    ).exists()

    study = _of("4")
    Comment.objects.create(deliverable=study, text="Keep it.")
    ingest_text(TRIMMED)
    assert ProposedChange.objects.filter(
        deliverable=study, field="no_longer_in_text", resolved=False
    ).exists()
    ingest_text(FULL)
    assert not ProposedChange.objects.filter(
        deliverable=study, field="no_longer_in_text", resolved=False
    ).exists()


def test_accepting_what_the_new_text_says_applies_it_and_clears_the_flag(ingest_text, superuser):
    """Staff accept the text's HRC 65 in Proposed changes: the report is due at HRC 65 (a
    value they now own, dated by the rules), off the queue, and the text read again proposes
    nothing."""
    ingest_text(FULL)
    report = _of("2")
    person = Contact.objects.create(name="Water unit", email="water@ohchr.example.org")
    _work_on(report, person)
    Deliverable.objects.filter(pk=report.pk).update(manual_due_date=None)
    moved = FULL.replace("sixty-fourth session", "sixty-fifth session")
    ingest_text(moved)
    waiting = ProposedChange.objects.filter(deliverable=report, resolved=False)
    # one change of session, one proposal: it carries the session's number and body
    assert [(c.field, c.new_value) for c in waiting] == [("due_session", "HRC 65")]

    staff = Client()
    staff.force_login(superuser)
    response = staff.post(
        reverse("admin:mandates_proposedchange_changelist"),
        {"action": "accept", "_selected_action": [c.pk for c in waiting]},
        follow=True,
    )
    assert response.status_code == 200
    report.refresh_from_db()
    assert (report.due_session.number, report.due_session_number) == (65, 65)
    assert report.due_date == report.computed_due_date is not None
    assert {"due_session", "due_session_number"} <= set(report.edited_fields)
    assert not ProposedChange.objects.filter(deliverable=report, resolved=False).exists()
    assert not any("says otherwise" in r for r in report.review_reasons)
    assert not report.needs_review
    ingest_text(moved.replace("[Adopted without a vote.]", "[Adopted without a vote.] "))
    assert not ProposedChange.objects.filter(deliverable=report, resolved=False).exists()


def test_dismissing_what_the_new_text_says_keeps_the_person_s_value_for_good(
    ingest_text, superuser
):
    """Staff dismiss the text's HRC 65: the report stays at HRC 64, leaves the queue (its
    reason goes, the decision is in its history), and the same text read again, or a later
    version saying the same, does not propose it again."""
    ingest_text(FULL)
    report = _of("2")
    _work_on(report, Contact.objects.create(name="Water unit", email="water@ohchr.example.org"))
    moved = FULL.replace("sixty-fourth session", "sixty-fifth session")
    ingest_text(moved)
    waiting = ProposedChange.objects.filter(deliverable=report, resolved=False)
    staff = Client()
    staff.force_login(superuser)
    response = staff.post(
        reverse("admin:mandates_proposedchange_changelist"),
        {"action": "dismiss", "_selected_action": [c.pk for c in waiting]},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.due_session.number == 64
    assert not report.needs_review
    assert not any("says otherwise" in r for r in report.review_reasons)
    assert "Proposed change dismissed" in report.history.first().history_change_reason
    ingest_text(moved.replace("[Adopted without a vote.]", "[Adopted without a vote.] "))
    report.refresh_from_db()
    assert not ProposedChange.objects.filter(deliverable=report, resolved=False).exists()
    assert not report.needs_review and report.due_session.number == 64


def test_a_renumbered_text_keeps_each_request_on_its_row(ingest_text, superuser):
    """A new version deletes paragraph 2, so every later paragraph moves up one: each request
    keeps its row (its calendar identity and what people decided) under its new number, a
    session the text changes is proposed, and nothing is flagged as gone or made twice. The
    rows had been paired by paragraph number: everything after the deleted paragraph was
    "no longer in the text" and came back as new, undecided copies."""
    ingest_text(FULL)
    seminar, study, sg_report = _of("3"), _of("4"), _of("5")
    person = Contact.objects.create(name="Water unit", email="water@ohchr.example.org")
    _work_on(seminar, person)
    _work_on(study, person)
    decided = {d.pk: _what_people_set(d) for d in (seminar, study)}
    uid = sg_report.uid

    renumbered = hrc_resolution(
        operative=[
            CALLS_UPON,
            SEMINAR_BEFORE_63,
            STUDY_AT_65.replace("sixty-fifth", "sixty-sixth"),
            SG_REPORT_AT_66,
        ]
    )
    ingest_text(renumbered)
    for deliverable in (seminar, study, sg_report):
        deliverable.refresh_from_db()
    assert [d.mandate.paragraph_label for d in (seminar, study, sg_report)] == ["2", "3", "4"]
    assert {d.pk: _what_people_set(d) for d in (seminar, study)} == decided
    assert not any(d.no_longer_in_text for d in (seminar, study, sg_report))
    assert sg_report.uid == uid
    assert study.due_session.number == 65  # the person's; the text's is proposed
    assert [
        (c.field, c.new_value)
        for c in ProposedChange.objects.filter(deliverable=study, resolved=False)
    ] == [("due_session", "HRC 66")]
    kept = Deliverable.objects.filter(mandate__resolution__symbol="A/HRC/RES/58/97")
    assert (
        kept.exclude(pk__in=[seminar.pk, study.pk, sg_report.pk])
        .filter(no_longer_in_text=False)
        .count()
        == 0
    )  # no copy made of a request already stored


def test_what_the_text_no_longer_asks_for_leaves_the_public_feed(ingest_text, superuser):
    """A confirmed study a new version drops stays for the people who worked on it (their
    list, the staff's pages) but leaves the public calendar until they decide; it had gone on
    being published as due."""
    from mandates.services import feeds
    from tests.ical import assert_valid_ics, events

    ingest_text(FULL)
    study = _of("4")
    person = Contact.objects.create(name="Water unit", email="water@ohchr.example.org")
    _work_on(study, person)
    uid = f"deliverable-{study.uid}@{feeds.UID_DOMAIN}"
    public = Client()
    assert uid in events(public.get("/feeds/deliverables.ics").content)

    ingest_text(TRIMMED)
    study.refresh_from_db()
    assert study.no_longer_in_text
    body = public.get("/feeds/deliverables.ics").content
    assert_valid_ics(body)
    assert uid not in events(body)
    assert Deliverable.objects.visible_to(superuser).filter(pk=study.pk).exists()
    assert not Deliverable.objects.public().filter(pk=study.pk).exists()


def test_dismissing_no_longer_in_the_text_keeps_it_as_owed_for_good(ingest_text, superuser):
    """Staff decide the dropped study is still owed and dismiss the proposal, as the admin
    says to: it is shown again, its flag goes, the decision is in its history, and the next
    version that still lacks it does not flag it again."""
    from mandates.services import feeds
    from tests.ical import events

    ingest_text(FULL)
    study = _of("4")
    _work_on(study, Contact.objects.create(name="Water unit", email="water@ohchr.example.org"))
    ingest_text(TRIMMED)
    study.refresh_from_db()
    assert study.no_longer_in_text and study.needs_review
    admin = Client()
    admin.force_login(superuser)
    proposal = ProposedChange.objects.get(deliverable=study, field="no_longer_in_text")
    response = admin.post(
        reverse("admin:mandates_proposedchange_changelist"),
        {"action": "dismiss", "_selected_action": [proposal.pk]},
    )
    assert response.status_code == 302
    study.refresh_from_db()
    assert not study.no_longer_in_text and not study.needs_review
    assert study.review_reasons == []
    assert "Proposed change dismissed" in study.history.first().history_change_reason
    uid = f"deliverable-{study.uid}@{feeds.UID_DOMAIN}"
    assert uid in events(Client().get("/feeds/deliverables.ics").content)

    ingest_text(TRIMMED.replace("informal settlements", "informal settlements (revised)"))
    study.refresh_from_db()
    assert not study.no_longer_in_text and not study.needs_review
    assert not ProposedChange.objects.filter(deliverable=study, resolved=False).exists()


def test_a_request_that_takes_a_deleted_ones_number_is_not_taken_for_it(ingest_text, superuser):
    """Two near-identical reports of the High Commissioner, at HRC 64 (paragraph 2,
    confirmed) and HRC 65 (paragraph 3). Paragraph 2 is deleted and paragraph 3 becomes 2:
    the words decide, not the number. The confirmed HRC 64 report is kept as no longer in
    the text; the HRC 65 report keeps its row (it had been taken for the deleted one, the
    person's row given the other's session)."""
    at_65 = REPORT_AT_64.replace("Requests", "Also requests").replace("sixty-fourth", "sixty-fifth")
    ingest_text(hrc_resolution(operative=[CALLS_UPON, REPORT_AT_64, at_65]))
    first, second = _of("2"), _of("3")
    person = Contact.objects.create(name="Water unit", email="water@ohchr.example.org")
    _work_on(first, person)
    ingest_text(hrc_resolution(operative=[CALLS_UPON, at_65]))
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.no_longer_in_text and first.due_session.number == 64
    assert (second.mandate.paragraph_label, second.due_session.number) == ("2", 65)
    assert not second.no_longer_in_text


def test_what_a_new_version_changed_is_said_in_staff_words(superuser):
    """The import result and the deliverable's page named columns ("due_session")."""
    from mandates.services.ingest import resolution_ingest

    resolution_ingest(data=FULL.encode(), name=NAME)
    report = _of("2")
    _work_on(report, Contact.objects.create(name="Water unit", email="water@ohchr.example.org"))
    moved = FULL.replace("sixty-fourth session", "sixty-fifth session")
    outcome = resolution_ingest(data=moved.encode(), name=NAME)
    said = "\n".join(outcome.changes)
    assert "para. 2 report due session: kept the person's value, proposed HRC 65" in said
    assert "due_session" not in said
    staff = Client()
    staff.force_login(superuser)
    page = staff.get(reverse("admin:mandates_deliverable_change", args=[report.pk]))
    assert "<li>due session: HRC 64" in page.content.decode()


def test_a_dropped_request_is_not_listed_under_the_paragraph_that_took_its_number(superuser):
    """Version 2 drops the study of para. 4 and the SG report moves up to para. 4: the page
    listed the study under the SG report's paragraph."""
    from mandates.services.ingest import resolution_ingest

    resolution_ingest(data=FULL.encode(), name=NAME)
    study = _of("4")
    _work_on(study, Contact.objects.create(name="Water unit", email="water@ohchr.example.org"))
    moved_up = hrc_resolution(
        operative=[CALLS_UPON, REPORT_AT_64, SEMINAR_BEFORE_63, SG_REPORT_AT_66]
    )
    resolution_ingest(data=moved_up.encode(), name=NAME)
    staff = Client()
    staff.force_login(superuser)
    page = staff.get(reverse("mandates:resolution", args=["A/HRC/RES/58/97"])).content.decode()
    paragraph_4 = page.split("<strong>4.</strong>")[1].split('<div class="paragraph')[0]
    paragraph_4 = paragraph_4.split("<h2>")[0]
    assert "water in conflict" in paragraph_4.lower()
    assert study.title not in paragraph_4
    dropped = page.split("No longer in the text</h2>")[1]
    assert study.title in dropped and "para. 4 of an earlier version" in dropped
