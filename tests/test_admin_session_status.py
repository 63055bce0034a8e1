"""Staff cancel, postpone or schedule again a session on its admin page, and record its
resumed parts in the page's inline. The page had no way to say a session would not meet,
nor a place for a resumed part: the due dates kept counting from a session that would
not happen, with nobody asked to decide.
"""

from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from mandates.models import Deliverable, Session, SessionPart
from mandates.services.schedule import deliverable_due_date_refresh
from tests import factories
from tests.admin_forms import change_form_data

pytestmark = pytest.mark.django_db

REASON = (
    "due session HRC 64 was cancelled: a due date counted from its dates will not hold;"
    " choose another session or set the date by hand, or mark the deliverable deferred or"
    " cancelled"
)


def _due_at(session: Session, **fields) -> Deliverable:
    item = factories.DeliverableFactory(due_session=session, due_relation="at", **fields)
    deliverable_due_date_refresh(deliverable=item)
    item.refresh_from_db()
    return item


def _save(client, session: Session, **changes) -> tuple[object, list[str]]:
    """Open the session's admin page, change it as a person does, save; the response and
    the messages shown."""
    url = reverse("admin:mandates_session_change", args=[session.pk])
    data = {**change_form_data(client.get(url)), **changes}
    response = client.post(url, data)
    return response, [str(message) for message in get_messages(response.wsgi_request)]


def test_cancelling_a_session_in_the_admin_flags_its_open_work(staff_client):
    """HRC 64 cancelled on its page: the page says what it means, the open deliverable is
    flagged with the reason and its date kept, the submitted one left; the session's
    history says who cancelled it. Scheduled again, the flag and the reason go."""
    hrc64 = Session.objects.get(body__code="HRC", number=64)
    owed = _due_at(hrc64, review_status="confirmed")
    done = _due_at(hrc64, progress="submitted")
    due, sequence = owed.due_date, owed.sequence

    response, messages = _save(staff_client, hrc64, status="cancelled")

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert (
        "HRC 64 is cancelled: 1 open deliverable due at it is flagged for review, its due"
        " date kept until someone decides." in messages
    )
    hrc64.refresh_from_db()
    assert hrc64.status == "cancelled"
    assert hrc64.history.first().history_user == staff_client.user
    owed.refresh_from_db()
    assert (owed.needs_review, owed.review_reasons) == (True, [REASON])
    assert (owed.due_date, owed.sequence) == (due, sequence + 1)
    done.refresh_from_db()
    assert not done.needs_review
    queue = staff_client.get(reverse("admin:mandates_deliverablereview_changelist"))
    assert REASON in queue.content.decode()

    response, messages = _save(staff_client, hrc64, status="scheduled")
    assert response.status_code == 302
    assert "HRC 64 is scheduled again." in messages
    owed.refresh_from_db()
    assert (owed.needs_review, owed.review_reasons) == (False, [])
    assert owed.due_date == due


def test_a_resumed_part_added_in_the_admin_dates_what_was_adopted_during_the_session(
    staff_client,
):
    """GA 81's page takes a resumed part in its inline: stored with its dates, and the
    report a December text asks of GA 81 is now due ten weeks before that part opens, not
    before the session closes."""
    ga81 = Session.objects.get(body__code="GA", number=81)
    report = _due_at(
        ga81,
        mandate__resolution__body=factories.body("GA"),
        mandate__resolution__adopted_on=date(2026, 12, 15),
    )
    assert report.due_date == ga81.end - timedelta(days=70)
    part = {
        "parts-TOTAL_FORMS": "1",
        "parts-0-kind": "resumed",
        "parts-0-start": "2027-05-03",
        "parts-0-end": "2027-05-28",
        "parts-0-dates_status": "announced",
        "parts-0-status": "scheduled",
        "parts-0-source": "A/INF/81/5",
        "parts-0-session": str(ga81.pk),
    }

    response, messages = _save(staff_client, ga81, **part)

    assert response.status_code == 302, response.context["inline_admin_formsets"]
    assert "1 deliverable has a new due date." in messages
    stored = SessionPart.objects.get(session=ga81)
    assert (stored.kind, stored.start, stored.end, stored.source) == (
        "resumed",
        date(2027, 5, 3),
        date(2027, 5, 28),
        "A/INF/81/5",
    )
    report.refresh_from_db()
    assert report.due_date == date(2027, 5, 3) - timedelta(days=70)


def test_a_resumed_part_before_its_session_opens_is_refused(staff_client):
    """A resumed part that opens before GA 81 does is an error on the page; nothing is
    saved."""
    ga81 = Session.objects.get(body__code="GA", number=81)
    response, _messages = _save(
        staff_client,
        ga81,
        **{
            "parts-TOTAL_FORMS": "1",
            "parts-0-kind": "resumed",
            "parts-0-start": "2026-09-01",
            "parts-0-end": "2026-09-04",
            "parts-0-dates_status": "announced",
            "parts-0-status": "scheduled",
            "parts-0-session": str(ga81.pk),
        },
    )
    assert response.status_code == 200
    assert "A resumed part opens after its session opens (2026-09-08)." in (
        response.content.decode()
    )
    assert not SessionPart.objects.exists()
