"""Drafts (L documents) are stored as drafts; the adopted text takes over their decisions."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.db.models import ProtectedError
from icalendar import Calendar

from mandates.models import (
    Comment,
    Contact,
    Deliverable,
    ProposedChange,
    ReminderLog,
    Resolution,
)
from mandates.services import deliverables as deliverable_services
from mandates.services import feeds
from mandates.services.drafts import resolution_delete
from mandates.services.ingest import resolution_ingest
from tests import drafts_samples
from tests.shared_data import shared_path

pytestmark = pytest.mark.django_db

REPORT = (
    "Requests the Secretary-General to submit a report on access to the archives of invented "
    "commissions to the General Assembly at its eighty-second session;"
)
SEMINAR_82 = (
    "Requests the Office of the United Nations High Commissioner for Human Rights to convene a "
    "seminar on invented archives before the eighty-second session of the General Assembly;"
)
SEMINAR_83 = SEMINAR_82.replace("eighty-second", "eighty-third")
STUDY = (
    "Also requests the Secretary-General to prepare a study on invented commissions and to "
    "present it to the General Assembly at its eighty-third session;"
)
UPDATE = (
    "Further requests the Secretary-General to present an oral update on the archives to the "
    "General Assembly at its eighty-second session;"
)
PREAMBLE_LIKE = "Decides to remain seized of the matter;"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def ingest(text, name):
    outcome = resolution_ingest(data=text.encode(), name=name)
    assert outcome.status != "failed", outcome.reason
    return outcome


def by_kind(symbol):
    return {d.kind: d for d in Deliverable.objects.filter(mandate__resolution__symbol=symbol)}


DRAFT = "A/C.3/81/L.19"
ADOPTED = "A/RES/81/412"


def ingest_pair_with_decisions():
    """Draft first; staff decide on it; then the adopted text (numbers shifted by one)."""
    ingest(drafts_samples.c3_draft(operative=[REPORT, SEMINAR_82, STUDY]), "A_C.3_81_L.19.txt")
    drafted = by_kind(DRAFT)
    user = get_user_model().objects.create_user("officer")
    contact = Contact.objects.create(name="Archives unit", email="archives@example.org")
    report = drafted["report"]
    deliverable_services.deliverable_confirm(deliverables=Deliverable.objects.filter(pk=report.pk))
    deliverable_services.deliverable_assign(
        deliverables=Deliverable.objects.filter(pk=report.pk), contacts=[contact]
    )
    report.refresh_from_db()
    report.manual_due_date = date(2027, 6, 1)
    report.progress = Deliverable.Progress.IN_PROGRESS
    report.save()
    deliverable_services.deliverable_mark_edited(
        deliverable=report, fields=["manual_due_date", "progress"]
    )
    Comment.objects.create(deliverable=report, author=user, text="Outline agreed with DESA.")
    seminar = drafted["seminar"]
    deliverable_services.deliverable_confirm(deliverables=Deliverable.objects.filter(pk=seminar.pk))
    study = drafted["study"]
    deliverable_services.deliverable_confirm(deliverables=Deliverable.objects.filter(pk=study.pk))
    ReminderLog.objects.create(
        deliverable=report, recipient=contact, reminder="before:60", due_date=date(2027, 6, 1)
    )
    before = {kind: Deliverable.objects.get(pk=item.pk) for kind, item in drafted.items()}
    outcome = ingest(
        drafts_samples.ga_adopted(operative=[PREAMBLE_LIKE, REPORT, SEMINAR_83, UPDATE]),
        "A_RES_81_412.txt",
    )
    return before, outcome, contact


def test_draft_is_stored_as_a_draft():
    """An L document is stored with its symbol, body, session and the status "draft"."""
    outcome = ingest(drafts_samples.c3_draft(operative=[REPORT]), "A_C.3_81_L.19.pdf.txt")
    draft = Resolution.objects.get(pk=outcome.resolution_id)
    assert (draft.symbol, draft.body.code, draft.session.number, draft.status) == (
        DRAFT,
        "GA",
        81,
        Resolution.Status.DRAFT,
    )
    assert draft.adopted_on is None and draft.superseded_by is None
    assert by_kind(DRAFT)["report"].due_session.number == 82


def test_adopted_text_supersedes_its_draft_and_keeps_every_decision():
    """Confirmation, assignees, manual date, progress, comments and reminders carry over."""
    before, outcome, contact = ingest_pair_with_decisions()
    draft = Resolution.objects.get(symbol=DRAFT)
    adopted = Resolution.objects.get(symbol=ADOPTED)
    assert (draft.status, draft.superseded_by) == (Resolution.Status.SUPERSEDED, adopted)
    assert adopted.status == Resolution.Status.ADOPTED
    assert f"supersedes draft {DRAFT}" in outcome.changes

    report = by_kind(ADOPTED)["report"]
    assert report.mandate.paragraph_label == "2"  # renumbered: still paired
    assert report.draft_id == before["report"].pk
    assert report.review_status == "confirmed"
    assert list(report.assignees.all()) == [contact]
    assert (report.manual_due_date, report.due_date) == (date(2027, 6, 1), date(2027, 6, 1))
    assert report.progress == Deliverable.Progress.IN_PROGRESS
    assert {"manual_due_date", "progress"} <= set(report.edited_fields)
    comment = report.comments.get()
    assert comment.text == f"[on draft {DRAFT}] Outline agreed with DESA."
    assert comment.copied_from == before["report"].comments.get()  # a copy, by data
    assert comment.author.username == "officer"
    assert comment.created_at == before["report"].comments.get().created_at
    assert not report.needs_review, report.review_reasons  # same words: nothing to review
    # The adopted deliverable continues the draft's calendar event and reminder history.
    assert report.uid == before["report"].uid and report.sequence > before["report"].sequence
    assert ReminderLog.objects.get().deliverable == report
    old = Deliverable.objects.get(pk=before["report"].pk)
    assert old.uid != report.uid and old.progress == Deliverable.Progress.SUPERSEDED
    # Nothing is lost on the draft itself: its comment and assignee stay.
    assert old.comments.count() == 1 and list(old.assignees.all()) == [contact]


def test_changed_words_are_flagged_and_the_persons_value_kept():
    """A deadline changed in the adopted text is flagged; the confirmed value stays, the new
    one is proposed."""
    before, _, _ = ingest_pair_with_decisions()
    seminar = by_kind(ADOPTED)["seminar"]
    assert seminar.draft_id == before["seminar"].pk
    assert seminar.review_status == "confirmed"
    assert seminar.needs_review
    reason = " ".join(seminar.review_reasons)
    assert f"the words changed from draft {DRAFT} para. 2" in reason
    assert "before the eighty-second session" in reason
    assert "due session GA 82 -> GA 83" in reason
    assert seminar.due_session.number == 82  # the person confirmed 82
    change = ProposedChange.objects.get(deliverable=seminar, field="due_session")
    assert (change.old_value, change.new_value) == ("GA 82", "GA 83")
    assert ADOPTED in change.source


def _seminar_edited_to_a_meeting_then_adopted(seminar_in_adopted: str) -> Deliverable:
    """Staff correct the draft's seminar to a meeting; then the adopted text arrives."""
    ingest(drafts_samples.c3_draft(operative=[REPORT, SEMINAR_82]), "A_C.3_81_L.19.txt")
    seminar = by_kind(DRAFT)["seminar"]
    seminar.kind = Deliverable.Kind.MEETING
    seminar.save()
    deliverable_services.deliverable_mark_edited(deliverable=seminar, fields=["kind"])
    ingest(
        drafts_samples.ga_adopted(operative=[PREAMBLE_LIKE, REPORT, seminar_in_adopted]),
        "A_RES_81_412.txt",
    )
    return Deliverable.objects.get(mandate__resolution__symbol=ADOPTED, draft=seminar.pk)


def test_a_persons_edit_on_the_draft_is_not_taken_for_a_change_of_the_text():
    """The adopted text has the draft's words: the meeting carries over, unflagged, with
    nothing proposed."""
    adopted = _seminar_edited_to_a_meeting_then_adopted(SEMINAR_82)
    assert adopted.kind == "meeting"
    assert not adopted.needs_review, adopted.review_reasons
    assert not ProposedChange.objects.filter(deliverable=adopted).exists()


def test_a_persons_edit_and_a_moved_session_flag_the_session_only():
    """The adopted text moves the session: that is flagged, the person's kind is not."""
    adopted = _seminar_edited_to_a_meeting_then_adopted(SEMINAR_83)
    reason = " ".join(adopted.review_reasons)
    assert adopted.needs_review and "due session GA 82 -> GA 83" in reason
    assert "kind" not in reason
    assert adopted.kind == "meeting"


def test_draft_deliverable_missing_from_the_adopted_text_stays_flagged():
    """A decided draft deliverable with no counterpart is kept open and flagged, not closed."""
    before, _, _ = ingest_pair_with_decisions()
    study = Deliverable.objects.get(pk=before["study"].pk)
    assert study.review_status == "confirmed"
    assert study.progress == Deliverable.Progress.PLANNED
    assert study.needs_review
    assert any(f"not found in the adopted text {ADOPTED}" in r for r in study.review_reasons)
    assert not Deliverable.objects.filter(mandate__resolution__symbol=ADOPTED, kind="study")
    update = by_kind(ADOPTED)["oral update"]
    assert update.needs_review and update.draft is None
    assert f"new in the adopted text: not in draft {DRAFT}" in update.review_reasons
    # kept for the people who decided on it, but the adopted text does not ask for it: not
    # published (it had stayed in the public feed and API, citing the superseded draft)
    assert not Deliverable.objects.public().filter(pk=study.pk).exists()
    staff = get_user_model().objects.create_user("staff", is_staff=True)
    assert Deliverable.objects.visible_to(staff).filter(pk=study.pk).exists()


@pytest.mark.parametrize("reject", [False, True])
def test_untouched_or_rejected_draft_deliverables_are_closed_when_dropped(reject):
    """A dropped draft deliverable nobody touched, or one rejected, is closed as superseded
    (a rejection stays recorded)."""
    ingest(drafts_samples.c3_draft(operative=[REPORT, STUDY]), "A_C.3_81_L.19.txt")
    study = Deliverable.objects.get(mandate__resolution__symbol=DRAFT, kind="study")
    if reject:
        deliverable_services.deliverable_reject(
            deliverables=Deliverable.objects.filter(pk=study.pk)
        )
    ingest(drafts_samples.ga_adopted(operative=[REPORT]), "A_RES_81_412.txt")
    study.refresh_from_db()
    assert study.progress == Deliverable.Progress.SUPERSEDED and not study.needs_review
    assert study.review_status == ("rejected" if reject else "proposed")


def test_feed_shows_the_adopted_deliverable_once_under_the_drafts_uid(client):
    """The public feed has one event per deliverable: the draft's UID, now the adopted one."""
    before, _, _ = ingest_pair_with_decisions()
    response = client.get("/feeds/deliverables.ics")
    assert response.status_code == 200
    calendar = Calendar.from_ical(b"".join(response) if response.streaming else response.content)
    uids = [str(event["UID"]) for event in calendar.walk("VEVENT")]
    assert len(uids) == len(set(uids))
    report_uid = f"deliverable-{before['report'].uid}@{feeds.UID_DOMAIN}"
    assert uids.count(report_uid) == 1
    event = next(e for e in calendar.walk("VEVENT") if str(e["UID"]) == report_uid)
    assert ADOPTED in event.to_ical().decode().replace("\r\n ", "")
    superseded = Deliverable.objects.filter(
        mandate__resolution__symbol=DRAFT, progress=Deliverable.Progress.SUPERSEDED
    )
    assert superseded.exists()
    assert not any(str(d.uid) in u for d in superseded for u in uids)


def test_reingesting_the_adopted_text_does_not_carry_twice():
    """A new version of the adopted text links nothing twice and copies no comment again."""
    ingest_pair_with_decisions()
    outcome = ingest(
        drafts_samples.ga_adopted(
            operative=[PREAMBLE_LIKE, REPORT, SEMINAR_83, UPDATE, "Decides to continue."]
        ),
        "A_RES_81_412_v2.txt",
    )
    assert outcome.status == "updated"
    report = by_kind(ADOPTED)["report"]
    assert report.comments.count() == 1
    assert report.comments.get().copied_from.deliverable_id == report.draft_id
    assert Deliverable.objects.filter(draft__isnull=False).count() == 2


def test_draft_ingested_after_its_adopted_text_is_linked_at_once():
    """A draft arriving late is superseded straight away and changes nothing adopted."""
    ingest(drafts_samples.ga_adopted(operative=[REPORT]), "A_RES_81_412.txt")
    report = by_kind(ADOPTED)["report"]
    uid = report.uid
    ingest(drafts_samples.c3_draft(operative=[REPORT, STUDY]), "A_C.3_81_L.19.txt")
    draft = Resolution.objects.get(symbol=DRAFT)
    assert draft.status == Resolution.Status.SUPERSEDED
    assert draft.superseded_by.symbol == ADOPTED
    report.refresh_from_db()
    assert report.uid == uid and report.draft is not None and not report.needs_review
    assert set(
        Deliverable.objects.filter(mandate__resolution=draft).values_list("progress", flat=True)
    ) == {Deliverable.Progress.SUPERSEDED}


def test_printed_draft_symbol_links_a_revision_despite_a_new_title():
    """ "(A/81/L.6/Rev.1)" in the adopted header finds the draft A/81/L.6 whatever the title."""
    ingest(
        drafts_samples.PLENARY_DRAFT.replace("A/81/L.6/Rev.1", "A/81/L.6").replace(
            "Modalities of", "Preparations for"
        ),
        "A_81_L.6.txt",
    )
    ingest(drafts_samples.PLENARY_ADOPTED, "A_RES_81_22.txt")
    assert Resolution.objects.get(symbol="A/81/L.6").superseded_by.symbol == "A/RES/81/22"


def test_title_match_needs_same_body_and_session():
    """A draft of another session with the same title is not linked."""
    ingest(
        drafts_samples.c3_draft(operative=[REPORT])
        .replace("A/C.3/81/L.19", "A/C.3/80/L.19")
        .replace("Eighty-first session", "Eightieth session"),
        "A_C.3_80_L.19.txt",
    )
    ingest(drafts_samples.ga_adopted(operative=[REPORT]), "A_RES_81_412.txt")
    draft = Resolution.objects.get(symbol="A/C.3/80/L.19")
    assert (draft.status, draft.superseded_by) == (Resolution.Status.DRAFT, None)


def test_title_normalised_for_matching():
    """Spacing, case, dashes and a footnote star do not stop the link."""
    ingest(
        drafts_samples.c3_draft(
            title="Access to  archives of invented  commissions*", operative=[REPORT]
        ),
        "A_C.3_81_L.19.txt",
    )
    ingest(
        drafts_samples.ga_adopted(
            title="Access to Archives of invented commissions", operative=[REPORT]
        ),
        "A_RES_81_412.txt",
    )
    assert Resolution.objects.get(symbol=DRAFT).superseded_by.symbol == ADOPTED


def test_amendment_is_refused_with_a_reason():
    """An amendment to a draft is not stored; the reason names the draft it amends."""
    outcome = resolution_ingest(data=drafts_samples.AMENDMENT.encode(), name="A_C.3_81_L.70.txt")
    assert outcome.status == "failed"
    assert outcome.reason == (
        "A/C.3/81/L.70 is an amendment to draft resolution A/C.3/81/L.19, not a resolution: "
        "ingest the draft or the adopted text instead"
    )
    assert not Resolution.objects.exists()


def test_council_draft_and_adopted_resolution():
    """A/HRC/62/L.12 is linked to the Council's adopted resolution of the same title."""
    ingest(drafts_samples.HRC_DRAFT, "A_HRC_62_L.12.txt")
    adopted = (
        "Human Rights Council\n\nSixty-second session\n\nAgenda item 3\n\n"
        "Resolution adopted by the Human Rights Council on 8 July 2026\n\n"
        "62/7.\tInvented rights of lighthouse keepers\n\nThe Human Rights Council,\n\n"
        "Recalling its resolution 59/98 of 4 July 2025,\n\n"
        "1.\tRequests the High Commissioner to prepare a report on the rights of lighthouse "
        "keepers and to present it to the Human Rights Council at its sixty-fifth session;\n"
    )
    ingest(adopted, "A_HRC_RES_62_7.txt")
    draft = Resolution.objects.get(symbol="A/HRC/62/L.12")
    assert draft.superseded_by.symbol == "A/HRC/RES/62/7"
    report = Deliverable.objects.get(mandate__resolution__symbol="A/HRC/RES/62/7")
    assert report.draft.mandate.resolution == draft and not report.needs_review


@pytest.mark.parametrize(
    ("draft_file", "adopted_file", "adopted_symbol"),
    [
        ("A_C.3_80_L.14.pdf", "A_RES_80_177.pdf", "A/RES/80/177"),
        ("A_80_L.2.pdf", "A_RES_80_1.pdf", "A/RES/80/1"),
    ],
)
def test_real_draft_and_adopted_pdfs_are_linked(draft_file, adopted_file, adopted_symbol):
    """Real L PDFs are stored as drafts and linked when their adopted PDF is ingested."""
    draft_path = shared_path("realdocs", "pdf", draft_file)
    adopted_path = shared_path("realdocs", "pdf", adopted_file)
    outcome = resolution_ingest(data=draft_path.read_bytes(), name=draft_file)
    assert outcome.status == "new", outcome.reason
    draft = Resolution.objects.get(pk=outcome.resolution_id)
    assert (draft.symbol, draft.status, draft.session.number) == (
        draft_file.removesuffix(".pdf").replace("_", "/"),
        Resolution.Status.DRAFT,
        80,
    )
    outcome = resolution_ingest(data=adopted_path.read_bytes(), name=adopted_file)
    assert outcome.status == "new", outcome.reason
    draft.refresh_from_db()
    assert draft.status == Resolution.Status.SUPERSEDED
    assert draft.superseded_by.symbol == adopted_symbol
    # Nobody decided anything on the draft: each of its deliverables is either continued by
    # an adopted one or closed; none is left open beside its adopted twin.
    for item in Deliverable.objects.filter(mandate__resolution=draft):
        assert item.progress == Deliverable.Progress.SUPERSEDED
        assert item.adopted_versions.count() <= 1
    adopted = Resolution.objects.get(symbol=adopted_symbol)
    assert list(adopted.drafts.all()) == [draft]


def test_reingesting_the_adopted_text_keeps_an_unreviewed_words_changed_flag():
    """A new version of the adopted text does not clear "the words changed from draft" while
    nobody has reviewed it; once a person decides, a later version does not raise it again."""
    ingest_pair_with_decisions()
    seminar = by_kind(ADOPTED)["seminar"]
    flag = next(r for r in seminar.review_reasons if "the words changed from draft" in r)
    assert seminar.needs_review
    outcome = ingest(
        drafts_samples.ga_adopted(
            operative=[PREAMBLE_LIKE, REPORT, SEMINAR_83, UPDATE, "Decides to continue."]
        ),
        "A_RES_81_412_v2.txt",
    )
    assert outcome.status == "updated"
    seminar.refresh_from_db()
    assert seminar.needs_review and flag in seminar.review_reasons
    deliverable_services.deliverable_decide(deliverable=seminar, decision="confirm")
    ingest(
        drafts_samples.ga_adopted(operative=[PREAMBLE_LIKE, REPORT, SEMINAR_83, UPDATE]),
        "A_RES_81_412_v3.txt",
    )
    seminar.refresh_from_db()
    assert not seminar.needs_review and flag not in seminar.review_reasons


def test_the_adopted_deliverables_history_names_its_draft(admin_client):
    """The history page of an adopted deliverable says which draft deliverable it took over,
    and shows the empty value before it as empty (it said "Deleted deliverable (pk=None)")."""
    before, _, _ = ingest_pair_with_decisions()
    adopted = Deliverable.objects.get(mandate__resolution__symbol=ADOPTED, kind="report")
    assert adopted.draft_id == before["report"].pk
    page = admin_client.get(f"/admin/mandates/deliverable/{adopted.pk}/history/").content.decode()
    assert "pk=None" not in page and "Deleted deliverable" not in page
    assert str(before["report"]) in page


# --- The adopted text deleted, whoever deletes it ------------------------------------------


def draft_worked_on_then_adopted(*, comment: str = "") -> tuple[Deliverable, dict]:
    """The draft's report in progress with a reminder sent (and the comment, if given), then
    its adopted text; returns the draft's report and what it had before the adopted text
    took it over."""
    ingest(drafts_samples.c3_draft(operative=[REPORT]), "A_C.3_81_L.19.txt")
    report = Deliverable.objects.get(mandate__resolution__symbol=DRAFT)
    if comment:
        officer = get_user_model().objects.create_user("officer")
        Comment.objects.create(deliverable=report, author=officer, text=comment)
    report.progress = Deliverable.Progress.IN_PROGRESS
    report.save()
    deliverable_services.deliverable_mark_edited(deliverable=report, fields=["progress"])
    contact = Contact.objects.create(name="Archives unit", email="archives@example.org")
    ReminderLog.objects.create(
        deliverable=report, recipient=contact, reminder="before:60", due_date=date(2027, 6, 1)
    )
    had = {"uid": report.uid, "progress": report.progress}
    ingest(drafts_samples.ga_adopted(operative=[PREAMBLE_LIKE, REPORT]), "A_RES_81_412.txt")
    report.refresh_from_db()
    assert (report.progress, report.uid != had["uid"]) == ("superseded", True)
    assert not Deliverable.objects.current().filter(pk=report.pk).exists()
    had["adopted_sequence"] = Deliverable.objects.get(mandate__resolution__symbol=ADOPTED).sequence
    return report, had


def assert_draft_again(report: Deliverable, had: dict) -> None:
    """The draft is a draft again and its report is back in the lists as it was, once."""
    assert not Resolution.objects.filter(symbol=ADOPTED).exists()
    draft = Resolution.objects.get(symbol=DRAFT)
    assert (draft.status, draft.superseded_by) == (Resolution.Status.DRAFT, None)
    report.refresh_from_db()
    assert (report.progress, report.uid) == (had["progress"], had["uid"])
    assert report.sequence == had["adopted_sequence"] + 1  # handed back once, not twice
    assert list(report.reminders.values_list("reminder", flat=True)) == ["before:60"]
    staff = get_user_model().objects.create_user("staff", is_staff=True)
    assert list(Deliverable.objects.visible_to(staff).values_list("pk", flat=True)) == [report.pk]


@pytest.mark.parametrize("how", ["instance", "queryset"])
def test_deleting_the_adopted_text_through_the_orm_makes_its_draft_a_draft_again(how):
    """`resolution.delete()` or `Resolution.objects.filter(...).delete()` in the shell or a
    script restores the draft as the admin does. They used to leave the draft "superseded"
    by nothing and its deliverables missing from every list, their UID and reminder log
    deleted with the adopted text."""
    report, had = draft_worked_on_then_adopted()
    if how == "instance":
        Resolution.objects.get(symbol=ADOPTED).delete()
    else:
        Resolution.objects.filter(symbol=ADOPTED).delete()
    assert_draft_again(report, had)


# --- The adopted text deleted when its draft had comments ----------------------------------


def draft_commented_then_adopted() -> tuple[Deliverable, Comment, dict]:
    """`draft_worked_on_then_adopted` with a comment on the draft's report; returns the
    report, its comment and what they had. The adopted report has a copy of the comment."""
    report, had = draft_worked_on_then_adopted(comment="Outline agreed.")
    note = report.comments.get()
    copy = Deliverable.objects.get(mandate__resolution__symbol=ADOPTED).comments.get()
    assert (copy.copied_from, copy.text) == (note, f"[on draft {DRAFT}] Outline agreed.")
    return report, note, had


def assert_comment_untouched(note: Comment) -> None:
    kept = Comment.objects.get(pk=note.pk)
    assert (kept.deliverable_id, kept.author_id, kept.text, kept.created_at) == (
        note.deliverable_id,
        note.author_id,
        note.text,
        note.created_at,
    )


@pytest.mark.parametrize("how", ["instance", "queryset", "service", "mandate", "deliverable"])
def test_deleting_the_adopted_text_takes_the_copies_of_its_drafts_comments(how):
    """However the adopted text (or its deliverable) is deleted, the comments copied from
    the draft go with it and the draft's own comment stays as it was; the draft is a draft
    again. The copies used to protect the adopted deliverable (ProtectedError): the adopted
    text could not be deleted and the draft stayed superseded."""
    report, note, had = draft_commented_then_adopted()
    adopted = Resolution.objects.get(symbol=ADOPTED)
    if how == "instance":
        adopted.delete()
    elif how == "queryset":
        Resolution.objects.filter(pk=adopted.pk).delete()
    elif how == "service":
        assert resolution_delete(resolutions=Resolution.objects.filter(pk=adopted.pk)) == [DRAFT]
    elif how == "mandate":  # a cascade from the adopted text's mandate
        adopted.mandates.all().delete()
    else:
        Deliverable.objects.filter(mandate__resolution=adopted).delete()
    assert list(Comment.objects.values_list("pk", flat=True)) == [note.pk]
    assert_comment_untouched(note)
    if how in ("instance", "queryset", "service"):
        assert_draft_again(report, had)


def test_a_comment_written_on_the_adopted_deliverable_still_protects_it():
    """A note a person wrote on the adopted deliverable itself (not a copy) keeps it, and
    the adopted text, from being deleted, as before: the error names that note only, and
    nothing changed (the draft is still superseded, the copy still there)."""
    report, note, _ = draft_commented_then_adopted()
    adopted = Deliverable.objects.get(mandate__resolution__symbol=ADOPTED)
    own = Comment.objects.create(deliverable=adopted, text="Adopted: start the consultations.")
    for delete in (
        lambda: Resolution.objects.get(symbol=ADOPTED).delete(),
        lambda: resolution_delete(resolutions=Resolution.objects.filter(symbol=ADOPTED)),
        lambda: Deliverable.objects.filter(pk=adopted.pk).delete(),
    ):
        with pytest.raises(ProtectedError) as refused:
            delete()
        assert set(refused.value.protected_objects) == {own}
    assert Comment.objects.count() == 3
    assert Resolution.objects.get(symbol=DRAFT).status == Resolution.Status.SUPERSEDED
    report.refresh_from_db()
    assert report.progress == Deliverable.Progress.SUPERSEDED
    assert_comment_untouched(note)


def test_a_copy_whose_original_is_deleted_becomes_a_comment_like_any_other():
    """The draft's note deleted by its author: the copy is now the only one left, so it is
    kept (unlinked) and protects the adopted text as a person's note does."""
    _, note, _ = draft_commented_then_adopted()
    copy = note.copies.get()
    note.delete()
    copy.refresh_from_db()
    assert copy.copied_from is None and copy.text == f"[on draft {DRAFT}] Outline agreed."
    with pytest.raises(ProtectedError):
        Resolution.objects.get(symbol=ADOPTED).delete()


def test_the_draft_adopted_again_after_a_delete_copies_its_comments_once():
    """Adopted, deleted (the draft restored), adopted again, and read again: the adopted
    deliverable has one copy of the draft's note each time, the draft its note alone, and
    the adopted text can be deleted again."""
    report, note, _ = draft_commented_then_adopted()
    Resolution.objects.get(symbol=ADOPTED).delete()
    for name in ("A_RES_81_412.txt", "A_RES_81_412_v2.txt"):
        operative = [PREAMBLE_LIKE, REPORT] + (["Decides to continue."] if "v2" in name else [])
        ingest(drafts_samples.ga_adopted(operative=operative), name)
        adopted = Deliverable.objects.get(mandate__resolution__symbol=ADOPTED, kind="report")
        assert [(c.copied_from_id, c.text) for c in adopted.comments.all()] == [
            (note.pk, f"[on draft {DRAFT}] Outline agreed.")
        ]
        assert list(report.comments.all()) == [note]
    Resolution.objects.get(symbol=ADOPTED).delete()
    assert list(Comment.objects.all()) == [note]
    assert Resolution.objects.get(symbol=DRAFT).status == Resolution.Status.DRAFT
