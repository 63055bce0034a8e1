"""The historic mark follows the due date (mandates/services/historic.py).

Ingest marks historic what was already long overdue when its resolution was ingested: no
reminders, and the overdue list shows it apart. The mark used to stay whatever happened to
the due date afterwards: a report a person gave a date next month, moved to a coming
session, or dated on its draft before the adopted text arrived, kept "historic", so its
people were never reminded of a deadline they had confirmed. Each test ingests with the
`ingest` command, works in the admin as staff do, and asks `send_reminders` what it would
send.
"""

from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from mandates.models import Body, Contact, Deliverable
from mandates.services.schedule import session_get_or_estimate, session_reschedule
from tests.admin_forms import change_form_data
from tests.drafts_samples import c3_draft, ga_adopted
from tests.samples import hrc_resolution

pytestmark = pytest.mark.django_db

OLD_REPORT = (
    "Requests the High Commissioner to present a comprehensive report on progress in "
    "reconciliation to the Human Rights Council at its fifty-ninth session;"
)
GA_OLD_REPORT = (
    "Requests the Secretary-General to submit a report on the archives of invented "
    "commissions to the General Assembly by 30 June 2025;"
)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _ingest(tmp_path: Path, text: str, name: str) -> None:
    path = tmp_path / "upload" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    call_command("ingest", str(path), stdout=StringIO())


@pytest.fixture
def old_report(tmp_path) -> Deliverable:
    """A report due at HRC 59 (June 2025), historic when ingested."""
    _ingest(tmp_path, hrc_resolution(number="58/97", operative=[OLD_REPORT]), "A_HRC_RES_58_97.txt")
    report = Deliverable.objects.get()
    assert report.is_historic and report.due_date < timezone.localdate() - timedelta(days=90)
    return report


@pytest.fixture
def alice() -> Contact:
    return Contact.objects.create(name="Alice Archivist", email="alice@example.org")


def _save(client, deliverable: Deliverable, *, untick: str = "", **changes) -> list[str]:
    """A person changes the deliverable on its admin page (and unticks a box); the
    messages the page shows."""
    url = reverse("admin:mandates_deliverable_change", args=[deliverable.pk])
    data = {**change_form_data(client.get(url)), **changes, "_save": "Save"}
    data.pop(untick, None)
    response = client.post(url, data, follow=True)
    assert response.redirect_chain, response.context["adminform"].form.errors
    deliverable.refresh_from_db()
    return [str(message) for message in response.context["messages"]]


def _would_send(today) -> str:
    out = StringIO()
    call_command("send_reminders", "--dry-run", "--today", today.isoformat(), stdout=out)
    return out.getvalue()


def test_a_manual_date_in_the_future_clears_historic_and_reminders_go_out(
    staff_client, old_report, alice
):
    """The steward gives the old report a date six weeks ahead, assigns Alice and confirms:
    it is no longer historic (the page says so) and Alice is reminded 14 days before, on
    the day and once it is late (before, nothing was ever sent)."""
    due = timezone.localdate() + timedelta(days=45)
    shown = _save(
        staff_client,
        old_report,
        manual_due_date=due.isoformat(),
        assignees=[str(alice.pk)],
        review_status="confirmed",
    )
    assert old_report.due_date == due
    assert not old_report.is_historic
    assert any("no longer historic" in message for message in shown), shown
    for today, key in (
        (due - timedelta(days=14), "before:14"),
        (due, "before:1"),
        (due + timedelta(days=14), "overdue:14"),
    ):
        output = _would_send(today)
        assert f"{alice.email}" in output and key in output, (today, output)


def test_a_future_session_chosen_in_the_admin_clears_historic(staff_client, old_report, alice):
    """Moved to a coming session instead of a date: reminded as well."""
    hrc = Body.objects.get(code="HRC")
    today = timezone.localdate()
    number = 60
    session = session_get_or_estimate(body=hrc, number=number)
    while session.start - timedelta(days=70) < today + timedelta(days=30):
        number += 1
        session = session_get_or_estimate(body=hrc, number=number)
    _save(
        staff_client,
        old_report,
        due_session=str(session.pk),
        assignees=[str(alice.pk)],
        review_status="confirmed",
    )
    assert old_report.due_session == session and old_report.due_date > today
    assert not old_report.is_historic
    output = _would_send(old_report.due_date - timedelta(days=14))
    assert alice.email in output and "before:14" in output, output


def test_a_session_moved_in_the_calendar_clears_historic(old_report, alice):
    """Its session moved to next year (calendar corrected): a future date, reminded."""
    old_report.assignees.add(alice)
    Deliverable.objects.filter(pk=old_report.pk).update(review_status="confirmed")
    session = old_report.due_session
    start = timezone.localdate() + timedelta(days=120)
    session_reschedule(session=session, start=start, end=start + timedelta(days=20))
    old_report.refresh_from_db()
    assert old_report.due_date > timezone.localdate() and not old_report.is_historic
    output = _would_send(old_report.due_date - timedelta(days=14))
    assert alice.email in output, output


def test_a_past_date_is_judged_by_the_rule_and_a_persons_choice_stands(
    staff_client, old_report, alice
):
    """A date a few days late (after the ingest's cut-off) is chased as overdue; one long
    before the ingest is historic again; a person who unticked "historic" is obeyed."""
    today = timezone.localdate()
    old_report.assignees.add(alice)
    _save(staff_client, old_report, manual_due_date=(today - timedelta(days=10)).isoformat())
    assert not old_report.is_historic
    shown = _save(
        staff_client, old_report, manual_due_date=(today - timedelta(days=400)).isoformat()
    )
    assert old_report.is_historic
    assert any("historic, no reminders" in message for message in shown), shown
    _save(staff_client, old_report, untick="is_historic")
    assert not old_report.is_historic and "is_historic" in old_report.edited_fields
    _save(staff_client, old_report, manual_due_date=(today - timedelta(days=500)).isoformat())
    assert not old_report.is_historic  # the person's choice


def test_a_date_set_on_the_draft_reaches_the_adopted_text_not_historic(
    tmp_path, staff_client, alice
):
    """The draft's report (due by 30 June 2025, printed) is given a date next month and Alice on
    the draft; the adopted text carries both over, and its report is reminded (it used to
    inherit the adopted text's historic mark, so a confirmed deadline never fired)."""
    _ingest(tmp_path, c3_draft(operative=[GA_OLD_REPORT]), "A_C.3_81_L.19.txt")
    draft = Deliverable.objects.get()
    assert draft.is_historic
    due = timezone.localdate() + timedelta(days=40)
    _save(
        staff_client,
        draft,
        manual_due_date=due.isoformat(),
        assignees=[str(alice.pk)],
        review_status="confirmed",
    )
    assert not draft.is_historic

    _ingest(tmp_path, ga_adopted(operative=[GA_OLD_REPORT]), "A_RES_81_412.txt")
    adopted = Deliverable.objects.get(mandate__resolution__symbol="A/RES/81/412")
    assert adopted.draft == draft
    assert (adopted.due_date, list(adopted.assignees.all())) == (due, [alice])
    assert not adopted.is_historic
    output = _would_send(due - timedelta(days=14))
    assert alice.email in output and "A/RES/81/412" in output, output


def test_an_untouched_adopted_text_of_an_old_draft_stays_historic(tmp_path):
    """Nobody set a date: the adopted text's long-past report stays historic, like its
    draft's (the flag keeps its purpose)."""
    _ingest(tmp_path, c3_draft(operative=[GA_OLD_REPORT]), "A_C.3_81_L.19.txt")
    _ingest(tmp_path, ga_adopted(operative=[GA_OLD_REPORT]), "A_RES_81_412.txt")
    adopted = Deliverable.objects.get(mandate__resolution__symbol="A/RES/81/412")
    assert adopted.draft is not None and adopted.is_historic


def _report_by(day) -> str:
    return (
        "Requests the Secretary-General to submit a report on the archives of invented "
        f"commissions to the General Assembly by {day.day} {day:%B %Y};"
    )


def test_work_on_a_draft_began_when_the_draft_was_ingested(tmp_path, alice):
    """A report due 100 days ago, its draft ingested 120 days ago (not yet overdue then)
    and reminded since: the adopted text arriving today does not make it historic, which
    would silence reminders its people were getting."""
    due = timezone.localdate() - timedelta(days=100)
    _ingest(tmp_path, c3_draft(operative=[_report_by(due)]), "A_C.3_81_L.19.txt")
    Deliverable.objects.update(is_historic=False, created_at=timezone.now() - timedelta(days=120))
    Deliverable.objects.get().assignees.add(alice)
    _ingest(tmp_path, ga_adopted(operative=[_report_by(due)]), "A_RES_81_412.txt")
    adopted = Deliverable.objects.get(mandate__resolution__symbol="A/RES/81/412")
    assert adopted.due_date == due and adopted.draft is not None
    assert not adopted.is_historic
    assert alice.email in _would_send(timezone.localdate())


def test_historic_unticked_on_the_draft_stays_unticked(tmp_path, staff_client, alice):
    """A person unticked "historic" on the draft to have it chased: the adopted text's
    report is not historic either (the person's choice is carried like the others)."""
    _ingest(tmp_path, c3_draft(operative=[GA_OLD_REPORT]), "A_C.3_81_L.19.txt")
    draft = Deliverable.objects.get()
    _save(staff_client, draft, untick="is_historic", assignees=[str(alice.pk)])
    assert not draft.is_historic
    _ingest(tmp_path, ga_adopted(operative=[GA_OLD_REPORT]), "A_RES_81_412.txt")
    adopted = Deliverable.objects.get(mandate__resolution__symbol="A/RES/81/412")
    assert not adopted.is_historic and "is_historic" in adopted.edited_fields
