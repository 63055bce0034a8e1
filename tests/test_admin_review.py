"""The review queue: each decision on the flagged 59/3 para-35 item does what it says,
lands on a page that exists, and is in the history with who decided what."""

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mandates.models import Actor, Contact, Deliverable, Mandate, Resolution, ReviewStatus
from mandates.services.ingest import resolution_ingest, resolution_ingest_path
from tests.admin_forms import change_form_data
from tests.samples import hrc_resolution
from tests.shared_data import shared_path

pytestmark = pytest.mark.django_db

QUEUE = "admin:mandates_deliverablereview_changelist"


@pytest.fixture(autouse=True)
def _today(settings, tmp_path):
    """1 November 2026: HRC 62 (June 2026) is past, HRC 65 (June 2027) ahead."""
    settings.MEDIA_ROOT = tmp_path / "media"
    with time_machine.travel(date(2026, 11, 1), tick=True):
        yield


@pytest.fixture
def para35() -> Deliverable:
    """The report of 59/3 para. 35, which the text names for HRC 65 and HRC 62."""
    resolution_ingest_path(path=shared_path("seeds", "A_HRC_RES_59_3.txt"))
    item = Deliverable.objects.get(
        mandate__resolution__symbol="A/HRC/RES/59/3", mandate__paragraph_label="35"
    )
    assert item.needs_review and item.due_session.number == 65
    assert [alt["session"] for alt in item.alternatives] == [62]
    return item


def _review_url(item) -> str:
    return reverse("admin:mandates_deliverablereview_change", args=[item.pk])


def _change_url(item, page: str) -> str:
    """The item's review page ("review") or its deliverable page ("deliverable")."""
    if page == "review":
        return _review_url(item)
    return reverse("admin:mandates_deliverable_change", args=[item.pk])


#: One report of an invented Council text, for the pages that edit it.
CANALS_REPORT = (
    "Requests the High Commissioner to prepare a report on canals and to present it to the "
    "Human Rights Council at its sixty-fourth session;"
)


def _post(client, item, **changes):
    """Submit the review form as the page shows it, with the person's changes."""
    form = client.get(_review_url(item)).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if name in form.fields and value is not None and not isinstance(value, list)
    }
    data["due_session"] = item.due_session_id
    data.update(changes)
    return client.post(_review_url(item), {k: v for k, v in data.items() if v is not None})


def _history(client, item) -> str:
    return client.get(
        reverse("admin:mandates_deliverable_history", args=[item.pk])
    ).content.decode()


def test_flagged_item_opens_with_nothing_chosen_and_each_reading_dated(staff_client, para35):
    """No decision and no reading are preselected; each reading shows the date it gives."""
    response = staff_client.get(_review_url(para35))
    form = response.context["adminform"].form
    assert form["decision"].value() is None and form["reading"].value() is None
    labels = dict(form.fields["reading"].choices)
    assert labels["HRC|65|at"].startswith("HRC 65 (at), as proposed: due 5 Apr 2027 (")
    assert "HRC 65 opens 14 Jun 2027 (estimated) - 70 days" in labels["HRC|65|at"]
    assert labels["HRC|62|at"].startswith(
        "HRC 62 (at), other reading: due 6 Apr 2026, would already be past"
    )
    page = response.content.decode()
    assert "checked" not in page.split('id="id_decision"')[1].split("</div>")[0]


def test_confirm_without_a_reading_is_refused(staff_client, para35):
    """Confirming a flagged item needs an explicit reading; nothing is saved without one."""
    response = _post(staff_client, para35, decision="confirm")
    assert response.status_code == 200
    assert "choose the reading you confirm" in response.content.decode()
    para35.refresh_from_db()
    assert para35.review_status == ReviewStatus.PROPOSED and para35.needs_review


def test_confirm_with_the_other_reading(staff_client, para35):
    """Confirm with HRC 62: the deadline moves, 65 stays an other reading, the history
    names the person and the reading, and the page it lands on exists."""
    response = _post(staff_client, para35, decision="confirm", reading="HRC|62|at", _continue="1")
    assert response.status_code == 302
    assert response.url == reverse("admin:mandates_deliverable_change", args=[para35.pk])
    page = staff_client.get(response.url)
    assert page.status_code == 200
    assert "Confirmed with the reading HRC 62 (at)" in page.content.decode()
    para35.refresh_from_db()
    assert para35.due_session.number == 62 and para35.due_date == date(2026, 4, 6)
    assert para35.review_status == ReviewStatus.CONFIRMED and not para35.needs_review
    assert [alt["session"] for alt in para35.alternatives] == [65]
    record = para35.history.filter(history_change_reason__startswith="Confirmed").get()
    assert record.history_user == staff_client.user
    history = _history(staff_client, para35)
    assert "Confirmed with the reading HRC 62 (at)" in history
    assert "HRC 65 &rarr; HRC 62" in history
    assert "SEQUENCE" not in history


def test_keep_for_later_with_the_other_reading(staff_client, para35):
    """Keep for later: nothing confirmed, the item stays in the queue with the chosen
    reading and both readings kept; 'Save and continue' reopens it."""
    response = _post(staff_client, para35, decision="keep", reading="HRC|62|at", _continue="1")
    assert response.status_code == 302 and response.url == _review_url(para35)
    page = staff_client.get(response.url)
    assert page.status_code == 200
    assert "Kept for later with the reading HRC 62 (at)" in page.content.decode()
    assert "changed successfully" not in page.content.decode()
    para35.refresh_from_db()
    assert para35.review_status == ReviewStatus.PROPOSED and para35.needs_review
    assert para35.due_session.number == 62
    assert [alt["session"] for alt in para35.alternatives] == [65]
    queue = staff_client.get(reverse(QUEUE)).context["cl"].result_list
    assert para35.pk in {item.pk for item in queue}
    assert "Kept for later with the reading HRC 62 (at)" in _history(staff_client, para35)
    labels = dict(page.context["adminform"].form.fields["reading"].choices)
    assert labels["HRC|62|at"].startswith("HRC 62 (at), as a person chose: due")
    assert labels["HRC|65|at"].startswith("HRC 65 (at), other reading: due")


def test_a_viewer_sees_the_review_page_without_empty_choices(client, django_user_model, para35):
    """Who may only look saw "Reading: None" and "Decision: None"."""
    from django.contrib.auth.models import Group

    viewer = django_user_model.objects.create_user("viewer", "v@example.org", "pw", is_staff=True)
    viewer.groups.add(Group.objects.get(name="viewers"))
    client.force_login(viewer)
    page = client.get(_review_url(para35))
    assert page.status_code == 200
    text = page.content.decode()
    assert "field-reading" not in text and "field-decision" not in text
    assert "field-due_summary" in text


def test_reject_lands_on_the_queue(staff_client, para35):
    """Reject: the item leaves the queue and 'Save' goes back to the queue."""
    response = _post(staff_client, para35, decision="reject")
    assert response.status_code == 302 and response.url.startswith(reverse(QUEUE))
    para35.refresh_from_db()
    assert para35.review_status == ReviewStatus.REJECTED
    assert "Rejected" in _history(staff_client, para35)


def test_correct_by_hand_keeps_both_readings(staff_client, para35):
    """Correcting the session by hand confirms it and keeps the text's readings as others."""
    from mandates.services.schedule import session_get_or_estimate

    hrc66 = session_get_or_estimate(body=para35.due_session.body, number=66)
    response = _post(staff_client, para35, decision="confirm", due_session=hrc66.pk)
    assert response.status_code == 302, response.context["adminform"].form.errors
    para35.refresh_from_db()
    assert para35.due_session.number == 66
    assert sorted(alt["session"] for alt in para35.alternatives) == [62, 65]
    assert "Confirmed with the session corrected by hand: HRC 66 (at)" in _history(
        staff_client, para35
    )
    page = staff_client.get(
        reverse("admin:mandates_deliverable_change", args=[para35.pk])
    ).content.decode()
    assert "HRC 62 (at), other reading: due 6 Apr 2026" in page
    assert ">[]<" not in page and "[{&quot;" not in page  # no raw JSON
    assert "<li>two readings of the session in the text" in page


def test_reading_and_hand_correction_must_agree(staff_client, para35):
    """A reading and a different hand-typed session at once are refused."""
    from mandates.services.schedule import session_get_or_estimate

    hrc66 = session_get_or_estimate(body=para35.due_session.body, number=66)
    response = _post(
        staff_client, para35, decision="confirm", reading="HRC|62|at", due_session=hrc66.pk
    )
    assert response.status_code == 200
    assert "not both" in response.content.decode()


def test_history_records_assignments_without_sequence_bumps(staff_client, para35):
    """Assigning through the bulk action is in the history with the names, in full."""
    people = [
        Contact.objects.create(name=f"Officer number {n} of the Section", email=f"o{n}@x.org")
        for n in range(6)
    ]
    staff_client.post(
        reverse(QUEUE),
        {
            "action": "assign",
            "_selected_action": [para35.pk],
            "apply": "1",
            "contacts": [p.pk for p in people],
        },
    )
    assert set(para35.assignees.all()) == set(people)
    history = _history(staff_client, para35)
    for person in people:
        assert person.name in history  # the whole list, none cut off
    assert "Calendar SEQUENCE" not in history


def test_queue_filters_flagged_and_exports_to_excel(staff_client, para35):
    """The queue separates flagged from merely proposed and exports to Excel."""
    import io

    from openpyxl import load_workbook

    flagged = staff_client.get(reverse(QUEUE), {"state": "flagged"}).context["cl"].result_list
    proposed = staff_client.get(reverse(QUEUE), {"state": "proposed"}).context["cl"].result_list
    assert para35.pk in {item.pk for item in flagged}
    assert all(item.needs_review for item in flagged)
    assert proposed and not any(item.needs_review for item in proposed)
    response = staff_client.get(
        reverse("admin:mandates_deliverablereview_export_xlsx"), {"state": "flagged"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == len(flagged) + 1


def test_bulk_confirm_records_the_reading(staff_client, para35):
    """Confirming from the queue's bulk action names the reading in the history."""
    staff_client.post(reverse(QUEUE), {"action": "confirm", "_selected_action": [para35.pk]})
    record = para35.history.filter(history_change_reason__startswith="Confirmed").get()
    assert record.history_change_reason == "Confirmed with the reading HRC 65 (at)"
    assert record.history_user == staff_client.user


def test_import_result_links_to_the_queue(staff_client):
    """After an import, the result links to the review queue, filtered by the resolution."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    seed = shared_path("seeds", "A_HRC_RES_59_3.txt")
    page = staff_client.post(
        reverse("admin:mandates_resolution_import"),
        {"files": [SimpleUploadedFile(seed.name, seed.read_bytes())]},
    ).content.decode()
    resolution = Resolution.objects.get(symbol="A/HRC/RES/59/3")
    assert f'href="{reverse(QUEUE)}?resolution={resolution.pk}"' in page
    assert 'id="to-review-queue"' in page


def test_mandate_and_resolution_pages_show_lists_not_json(staff_client, para35):
    """Review reasons and extraction warnings read as lists on the admin pages."""
    mandate = staff_client.get(
        reverse("admin:mandates_mandate_change", args=[para35.mandate_id])
    ).content.decode()
    assert 'name="review_reasons"' not in mandate  # no JSON box to edit
    reasons = para35.mandate.review_reasons
    assert (f"<li>{reasons[0]}" if reasons else "Why it needs review:") in mandate
    resolution = staff_client.get(
        reverse("admin:mandates_resolution_change", args=[para35.mandate.resolution_id])
    ).content.decode()
    assert "<li>tracked-change residue" in resolution
    assert '["tracked-change' not in resolution


def test_keep_for_later_without_changes_leaves_calendars_alone(staff_client, para35):
    """Keeping an item for later, changing nothing, moves no date and no SEQUENCE, but the
    history records that a person looked at it."""
    sequence, due = para35.sequence, para35.due_date
    response = _post(staff_client, para35, decision="keep")
    assert response.status_code == 302 and response.url.startswith(reverse(QUEUE))
    para35.refresh_from_db()
    assert (para35.sequence, para35.due_date, para35.due_session.number) == (sequence, due, 65)
    assert para35.history.filter(history_change_reason="Kept for later").exists()


def test_resolution_admin_explains_dates_reading_the_rules_once(staff_client, para35):
    """The resolution's admin page explains each deliverable's date with one read of the
    due-date rules, however many deliverables it lists."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("admin:mandates_resolution_change", args=[para35.mandate.resolution_id])
    with CaptureQueriesContext(connection) as queries:
        page = staff_client.get(url).content.decode()
    assert "HRC 65 opens 14 Jun 2027 (estimated) - 70 days" in page
    rule_reads = [q for q in queries if 'FROM "mandates_duedaterule"' in q["sql"]]
    assert len(rule_reads) == 1


def test_readings_without_a_calendar_session_are_all_other_readings(staff_client, para35):
    """A deadline no calendar session dates keeps every reading of the text on the
    deliverable's page, none of them shown as the one proposed."""
    para35.due_session = None
    para35.alternatives = [
        {"body": "HRC", "session": 62, "relation": "at"},
        {"body": "HRC", "session": 66, "relation": "at"},
    ]
    para35.save()
    response = staff_client.get(reverse("admin:mandates_deliverable_change", args=[para35.pk]))
    assert response.status_code == 200
    shown = response.content.decode().split("field-other_readings")[1].split("</ul>")[0]
    assert "HRC 62 (at), other reading: due 6 Apr 2026" in shown
    assert "HRC 66 (at), other reading: due" in shown
    assert "as proposed" not in shown


def test_an_unflagged_item_can_be_corrected_by_hand(staff_client):
    """An item nothing flags opens with its one reading ticked, which a browser cannot
    untick: correcting its relation or session by hand confirms the correction."""
    resolution_ingest(
        data=hrc_resolution(
            number="58/96",
            operative=[
                "Requests the High Commissioner to present a report on water to the Human "
                "Rights Council at its sixty-fifth session;"
            ],
        ).encode(),
        name="58_96.txt",
    )
    item = Deliverable.objects.get(mandate__resolution__symbol="A/HRC/RES/58/96")
    assert not item.needs_review and item.due_relation == "at"
    form = staff_client.get(_review_url(item)).context["adminform"].form
    ticked = form["reading"].value()
    assert ticked == "HRC|65|at" and form["decision"].value() == "confirm"
    response = _post(staff_client, item, decision="confirm", reading=ticked, due_relation="by")
    assert response.status_code == 302, response.context["adminform"].form.errors
    item.refresh_from_db()
    assert (item.due_session.number, item.due_relation, item.review_status) == (
        65,
        "by",
        "confirmed",
    )


@pytest.mark.parametrize("page", ["review", "deliverable"])
def test_a_form_opened_before_a_new_version_of_the_text_saves_nothing(staff_client, page):
    """A person opens the item, a new version of the text moves it from HRC 64 to HRC 65,
    then the person saves the page they opened: nothing is saved and the page says why. The
    save had put HRC 64 back and confirmed it, with nothing flagged."""
    name = "A_HRC_RES_58_97.txt"
    resolution_ingest(data=hrc_resolution(operative=[CANALS_REPORT]).encode(), name=name)
    item = Deliverable.objects.get()
    url = _change_url(item, page)
    data = change_form_data(staff_client.get(url))
    assert data["loaded_version"]

    moved = CANALS_REPORT.replace("sixty-fourth", "sixty-fifth")
    resolution_ingest(data=hrc_resolution(operative=[moved]).encode(), name=name)
    item.refresh_from_db()
    assert item.due_session.number == 65

    data.update(decision="confirm", review_status="confirmed")
    response = staff_client.post(url, data)
    assert response.status_code == 200, response
    assert "was changed after you opened it" in response.content.decode()
    item.refresh_from_db()
    assert (item.due_session.number, item.review_status) == (65, ReviewStatus.PROPOSED)

    data = change_form_data(staff_client.get(url))  # opened again: the new values
    data.update(decision="confirm", review_status="confirmed")
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content  # opened again, it goes through
    item.refresh_from_db()
    assert (item.due_session.number, item.review_status) == (65, ReviewStatus.CONFIRMED)


def test_a_new_version_that_leaves_an_item_as_it_was_does_not_stale_its_page(staff_client):
    """A new version changes paragraph 2 only: a person's page on paragraph 1's report is
    not refused as changed (ingest had rewritten every row it kept)."""
    study = (
        "Also requests the High Commissioner to prepare a study on locks and to present it to "
        "the Human Rights Council at its sixty-fifth session;"
    )
    name = "A_HRC_RES_58_97.txt"
    resolution_ingest(data=hrc_resolution(operative=[CANALS_REPORT, study]).encode(), name=name)
    item = Deliverable.objects.get(kind="report")
    url = reverse("admin:mandates_deliverable_change", args=[item.pk])
    data = change_form_data(staff_client.get(url))

    moved = study.replace("sixty-fifth", "sixty-sixth")
    outcome = resolution_ingest(
        data=hrc_resolution(operative=[CANALS_REPORT, moved]).encode(), name=name
    )
    assert outcome.status == "updated"
    data.update(review_status="confirmed")
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.content
    item.refresh_from_db()
    assert item.review_status == ReviewStatus.CONFIRMED


@pytest.mark.parametrize("page", ["review", "deliverable"])
def test_a_recurrence_the_planner_cannot_count_is_refused(staff_client, page):
    """ "every six months" typed as the recurrence: the page refuses it and says what to
    write (the planner would forecast nothing); "annual" is saved; a value stored before
    the check stands when the person edits something else."""
    resolution_ingest(
        data=hrc_resolution(operative=[CANALS_REPORT]).encode(), name="A_HRC_RES_58_97.txt"
    )
    item = Deliverable.objects.get()
    url = _change_url(item, page)
    data = change_form_data(staff_client.get(url))
    data.update(decision="keep", recurring="every six months")
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "The planner cannot count “every six months” in sessions" in response.content.decode()
    item.refresh_from_db()
    assert item.recurring == ""

    data = change_form_data(staff_client.get(url))
    data.update(decision="keep", recurring="annual")
    assert staff_client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.recurring == "annual"

    Deliverable.objects.filter(pk=item.pk).update(recurring="twice a year")
    data = change_form_data(staff_client.get(url))
    data.update(decision="keep", title="Report on canals and locks")
    assert staff_client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert (item.recurring, item.title) == ("twice a year", "Report on canals and locks")


def test_the_review_page_shows_what_a_new_version_proposes(staff_client, para35):
    """A reviewer choosing among the readings sees that a new version of the text says
    another session, with the way to accept it; a decided proposal is not listed."""
    from mandates.models import ProposedChange

    open_change = ProposedChange.objects.create(
        deliverable=para35,
        field="due_session",
        old_value="HRC 65",
        new_value="HRC 67",
        source="A_HRC_RES_59_3_rev.txt",
    )
    ProposedChange.objects.create(
        deliverable=para35,
        field="kind",
        old_value="report",
        new_value="study",
        source="A_HRC_RES_59_3_rev.txt",
        resolved=True,
    )
    page = staff_client.get(_review_url(para35)).content.decode()
    assert "Proposed by a new version" in page
    assert f"{open_change.field_label}: HRC 65 &rarr; HRC 67" in page
    assert "report &rarr; study" not in page
    link = reverse("admin:mandates_proposedchange_changelist")
    assert f"{link}?deliverable__id__exact={para35.pk}" in page
    assert staff_client.get(f"{link}?deliverable__id__exact={para35.pk}").status_code == 200


def _import(client, text: str, name: str = "A_HRC_RES_58_97.txt"):
    """Upload one file through the admin's import page; its outcome."""
    response = client.post(
        reverse("admin:mandates_resolution_import"),
        {"files": [SimpleUploadedFile(name, text.encode())]},
    )
    assert response.status_code == 200
    [outcome] = response.context["outcomes"]
    assert outcome.status != "failed", outcome.reason
    return outcome


def _preamble_changed(text: str) -> str:
    """The same text with only its preamble reworded."""
    return text.replace("Recalling its previous", "Recalling once more its previous")


def _queue(client) -> set[int]:
    return {d.pk for d in client.get(reverse(QUEUE)).context["cl"].result_list}


def test_a_kind_a_person_corrected_keeps_its_row_in_the_next_version(staff_client):
    """A person confirms the report as a study; a new version that changes only the
    preamble keeps it on its row, confirmed, public and off the queue, with no copy made.
    The kind a person set had been compared with the text's: the study was "no longer in
    the text" and a new proposed report took its place."""
    text = hrc_resolution(operative=[CANALS_REPORT])
    _import(staff_client, text)
    item = Deliverable.objects.get()
    response = _post(staff_client, item, decision="confirm", reading="HRC|64|at", kind="study")
    assert response.status_code == 302, response.context["adminform"].form.errors
    uid = Deliverable.objects.get().uid

    outcome = _import(staff_client, _preamble_changed(text))
    assert not [c for c in outcome.changes if "para. 1" in c]
    [item] = Deliverable.objects.all()
    assert (item.uid, item.kind, item.review_status) == (uid, "study", ReviewStatus.CONFIRMED)
    assert not item.no_longer_in_text and not item.needs_review
    assert item in Deliverable.objects.public()
    assert item.pk not in _queue(staff_client)

    moved = _import(staff_client, text.replace("sixty-fourth", "sixty-fifth"))
    [item] = Deliverable.objects.all()  # the text changed: the same row, a proposal
    assert (item.uid, item.kind, item.due_session.number) == (uid, "study", 64)
    assert "para. 1 study due session: kept the person's value, proposed HRC 65" in moved.changes
    assert list(item.proposed_changes.values_list("field", "new_value")) == [
        ("due_session", "HRC 65")
    ]


def test_a_mandate_a_person_gave_another_actor_keeps_its_deliverable(staff_client):
    """A person corrects the actor of the report's mandate; a new version that changes
    only the preamble keeps the deliverable on its row (no copy, not "no longer in the
    text"): requests pair by the actor the text read."""
    text = hrc_resolution(operative=[CANALS_REPORT])
    _import(staff_client, text)
    item = Deliverable.objects.get()
    other = Actor.objects.exclude(pk=item.mandate.actor_id).order_by("name").first()
    Mandate.objects.filter(pk=item.mandate_id).update(actor=other)
    response = _post(staff_client, item, decision="confirm", reading="HRC|64|at")
    assert response.status_code == 302, response.context["adminform"].form.errors

    outcome = _import(staff_client, _preamble_changed(text))
    assert not [c for c in outcome.changes if "para. 1" in c]
    [kept] = Deliverable.objects.all()
    assert kept.pk == item.pk and not kept.no_longer_in_text
    assert kept.pk not in _queue(staff_client)


def test_a_title_a_person_edited_is_not_challenged_by_an_unchanged_paragraph(staff_client):
    """A person confirms the report with a title of their own; a new version that changes
    only the preamble proposes nothing and leaves it off the queue. A version whose words
    give another title proposes it. The person's title had been compared with the text's:
    every new version proposed the machine title again and sent the item back."""
    text = hrc_resolution(operative=[CANALS_REPORT])
    _import(staff_client, text)
    item = Deliverable.objects.get()
    response = _post(
        staff_client, item, decision="confirm", reading="HRC|64|at", title="Canals, 2027"
    )
    assert response.status_code == 302, response.context["adminform"].form.errors

    outcome = _import(staff_client, _preamble_changed(text))
    assert not [c for c in outcome.changes if "title" in c]
    item.refresh_from_db()
    assert item.title == "Canals, 2027" and not item.needs_review
    assert not item.proposed_changes.exists()
    assert item.pk not in _queue(staff_client)

    reworded = _import(staff_client, text.replace("a report on canals", "a report on rivers"))
    assert any("para. 1 report title: kept the person's value" in c for c in reworded.changes)
    item.refresh_from_db()
    assert item.title == "Canals, 2027" and item.needs_review
    [proposal] = item.proposed_changes.all()
    assert proposal.field == "title" and "rivers" in proposal.new_value


def test_a_session_corrected_by_hand_is_not_followed_by_an_other_readings_proposal(
    staff_client,
):
    """A person corrects the session by hand (HRC 66): the replaced reading joins the
    other readings. A new version that moves the text's session proposes that session
    alone; the other readings the person's correction made are no news of the text (a
    proposal "other readings HRC 64 (at) -> -" had kept the item in the queue)."""
    from mandates.services.schedule import session_get_or_estimate

    text = hrc_resolution(operative=[CANALS_REPORT])
    _import(staff_client, text)
    item = Deliverable.objects.get()
    hrc66 = session_get_or_estimate(body=item.due_session.body, number=66)
    response = _post(staff_client, item, decision="confirm", reading="", due_session=hrc66.pk)
    assert response.status_code == 302, response.context["adminform"].form.errors
    item.refresh_from_db()
    assert [alt["session"] for alt in item.alternatives] == [64]

    outcome = _import(staff_client, text.replace("sixty-fourth", "sixty-fifth"))
    assert not [c for c in outcome.changes if "other readings" in c]
    assert list(item.proposed_changes.values_list("field", "new_value")) == [
        ("due_session", "HRC 65")
    ]
    change = item.proposed_changes.get()
    staff_client.post(
        reverse("admin:mandates_proposedchange_changelist"),
        {"action": "dismiss", "_selected_action": [change.pk]},
    )
    item.refresh_from_db()
    assert item.due_session.number == 66 and not item.needs_review
    assert item.pk not in _queue(staff_client)


def test_an_actor_a_person_set_on_a_mandate_survives_the_next_version(staff_client):
    """A person gives the report's mandate another actor; the next version (preamble
    reworded, then the report's words) keeps the person's actor. It had been overwritten by
    the text's on every new version."""
    text = hrc_resolution(operative=[CANALS_REPORT])
    _import(staff_client, text)
    mandate = Mandate.objects.get()
    other = Actor.objects.exclude(pk=mandate.actor_id).order_by("name").first()
    Mandate.objects.filter(pk=mandate.pk).update(actor=other)

    _import(staff_client, _preamble_changed(text))
    mandate.refresh_from_db()
    assert mandate.actor == other
    _import(staff_client, text.replace("a report on canals", "a report on rivers"))
    mandate.refresh_from_db()
    assert mandate.actor == other
    assert Mandate.objects.count() == 1


#: A report asked of a body the actor table does not know: flagged "actor not in the
#: alias table", with the import's warning for paragraph 1.
UNKNOWN_ACTOR_REPORT = (
    "Requests the Special Committee on Canals to prepare a report on canals and to present "
    "it to the Human Rights Council at its sixty-fourth session;"
)
ACTOR_WARNING = "paragraph 1: actor not in the alias table: Special Committee on Canals"


def _save_page(client, url: str, **changes):
    data = change_form_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


def test_confirming_on_the_deliverable_page_does_what_confirm_selected_does(staff_client):
    """QA: Review "confirmed" on the deliverable's own page left "Needs review" ticked and
    the item in the queue, where the queue's "Confirm selected" clears it. The page now
    decides it as the bulk action does: flag down, out of the queue, the reading named."""
    _import(staff_client, hrc_resolution(operative=[UNKNOWN_ACTOR_REPORT]))
    item = Deliverable.objects.get()
    assert item.needs_review and item.pk in _queue(staff_client)

    response = _save_page(
        staff_client, _change_url(item, "deliverable"), review_status=ReviewStatus.CONFIRMED
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    item.refresh_from_db()
    assert item.review_status == ReviewStatus.CONFIRMED and not item.needs_review
    assert item.pk not in _queue(staff_client)
    record = item.history.filter(history_change_reason__startswith="Confirmed").get()
    assert record.history_change_reason == "Confirmed with the reading HRC 64 (at)"
    assert record.history_user == staff_client.user


def test_confirming_on_the_deliverable_page_leaves_proposals_to_decide(staff_client):
    """As "Confirm selected" leaves a deliverable a new version proposes values for, the
    page refuses to confirm it unseen and says where to decide them."""
    text = hrc_resolution(operative=[CANALS_REPORT])
    _import(staff_client, text)
    item = Deliverable.objects.get()
    Deliverable.objects.filter(pk=item.pk).update(edited_fields=["due_session"])
    _import(staff_client, text.replace("sixty-fourth", "sixty-fifth"), name="v2.txt")
    assert item.proposed_changes.filter(resolved=False).exists()

    response = _save_page(
        staff_client, _change_url(item, "deliverable"), review_status=ReviewStatus.CONFIRMED
    )

    assert response.status_code == 200
    assert "A new version of the text proposes values for it" in response.content.decode()
    item.refresh_from_db()
    assert item.review_status == ReviewStatus.PROPOSED


def test_an_actor_a_person_set_settles_that_flag_and_warning_only(staff_client):
    """QA: after a person gave the mandate its actor, "actor not in the alias table"
    stayed on the mandate and its deliverable, the import's warning stayed, and an
    unchanged upload still offered "review them". The person's correction settles that
    reason and warning (only those), now and on every later version."""
    text = hrc_resolution(operative=[UNKNOWN_ACTOR_REPORT])
    outcome = _import(staff_client, text)
    assert outcome.warnings == [ACTOR_WARNING]
    mandate = Mandate.objects.get()
    item = Deliverable.objects.get()
    assert mandate.review_reasons == item.review_reasons == ["actor not in the alias table"]
    chief = Actor.objects.get(name="Secretary-General")

    url = reverse("admin:mandates_mandate_change", args=[mandate.pk])
    response = _save_page(staff_client, url, actor=chief.pk)
    assert response.status_code == 302, response.context["adminform"].form.errors

    mandate.refresh_from_db()
    item.refresh_from_db()
    assert (mandate.review_reasons, mandate.needs_review) == ([], False)
    assert (item.review_reasons, item.needs_review) == ([], False)
    assert item.review_status == ReviewStatus.PROPOSED  # still the person's to confirm
    resolution = Resolution.objects.get()
    assert resolution.warnings == []
    page = staff_client.get(reverse("admin:mandates_resolution_change", args=[resolution.pk]))
    assert ACTOR_WARNING not in page.content.decode()

    # a new version keeps it settled, and an unchanged upload offers nothing to review
    # once the person confirmed the item
    outcome = _import(staff_client, _preamble_changed(text), name="v2.txt")
    assert outcome.warnings == []
    mandate.refresh_from_db()
    item.refresh_from_db()
    assert (mandate.actor, mandate.review_reasons, mandate.needs_review) == (chief, [], False)
    assert (item.review_reasons, item.needs_review) == ([], False)
    _save_page(staff_client, _change_url(item, "deliverable"), review_status="confirmed")
    response = staff_client.post(
        reverse("admin:mandates_resolution_import"),
        {"files": [SimpleUploadedFile("v2 again.txt", _preamble_changed(text).encode())]},
    )
    assert response.context["outcomes"][0].status == "unchanged"
    assert "review them" not in response.content.decode()


def test_an_actor_correction_keeps_every_other_reason(staff_client):
    """A deliverable flagged for its actor and for its session (the calendar lacks CSW
    61) keeps the session's reason and its flag once the actor is set."""
    report = UNKNOWN_ACTOR_REPORT.replace(
        "the Human Rights Council at its sixty-fourth session",
        "the Commission on the Status of Women at its sixty-first session",
    )
    _import(staff_client, hrc_resolution(operative=[report]))
    item = Deliverable.objects.get()
    others = [r for r in item.review_reasons if r != "actor not in the alias table"]
    assert others and len(others) < len(item.review_reasons)
    url = reverse("admin:mandates_mandate_change", args=[item.mandate_id])
    chief = Actor.objects.get(name="Secretary-General")
    assert _save_page(staff_client, url, actor=chief.pk).status_code == 302

    item.refresh_from_db()
    assert item.review_reasons == others and item.needs_review
