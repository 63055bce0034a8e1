"""What calendar events and e-mails say about a deliverable beyond its date: that nobody
reviewed a proposal yet (in the words the single reminder uses), the document that
fulfilled it, what a newer text proposes, and the way back to a session's page."""

from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from mandates.models import Contact, Deliverable, ProposedChange, ReviewStatus, Session
from mandates.services import feeds
from mandates.services.deliverables import (
    deliverable_mark_submitted,
    proposed_changes_dismiss,
)
from mandates.services.digests import digest_send_weekly
from mandates.services.schedule import deliverable_due_date_refresh
from tests import factories
from tests.ical import assert_valid_ics, events

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 12, 7)
NOT_REVIEWED = "Review: proposed, not yet reviewed"


def _session(number: int, dates_status: str) -> Session:
    return factories.SessionFactory(
        number=number,
        start=date(2027, 6, 14),
        end=date(2027, 7, 9),
        dates_status=dates_status,
    )


def _due(session: Session, **fields) -> Deliverable:
    item = factories.DeliverableFactory(due_session=session, due_relation="at", **fields)
    deliverable_due_date_refresh(deliverable=item)
    item.refresh_from_db()
    return item


def _private_feed(client, *items: Deliverable) -> dict:
    """The events of a person's private feed (assigned items, reviewed or not), served."""
    user = factories.UserFactory()
    person = factories.ContactFactory(user=user)
    for item in items:
        item.assignees.add(person)
    token = user.feed_tokens.create()
    body = client.get(reverse("mandates:feed_private", args=[token.token])).content
    assert_valid_ics(body)
    return events(body)


def _event(found: dict, item: Deliverable):
    return found[f"deliverable-{item.uid}@{feeds.UID_DOMAIN}"]


def test_a_proposal_is_told_apart_from_a_confirmed_item_on_estimated_dates(client):
    """Both are TENTATIVE; only the proposal's description says nobody reviewed it yet."""
    proposal = _due(
        _session(701, Session.DatesStatus.ANNOUNCED), review_status=ReviewStatus.PROPOSED
    )
    estimated = _due(
        _session(702, Session.DatesStatus.ESTIMATED), review_status=ReviewStatus.CONFIRMED
    )
    found = _private_feed(client, proposal, estimated)
    proposed_event, estimated_event = _event(found, proposal), _event(found, estimated)
    assert str(proposed_event["STATUS"]) == str(estimated_event["STATUS"]) == "TENTATIVE"
    assert NOT_REVIEWED in str(proposed_event["DESCRIPTION"])
    assert "Review:" not in str(estimated_event["DESCRIPTION"])
    assert "(estimated dates)" in str(estimated_event["DESCRIPTION"])


@pytest.fixture
def _monday():
    moment = datetime(2026, 12, 7, 7, tzinfo=ZoneInfo("Europe/Zurich"))
    with time_machine.travel(moment, tick=False):
        yield


def _bodies(message) -> list[str]:
    """The plain text and the HTML (whitespace collapsed, tags kept) of an e-mail."""
    (html, _), *_ = message.alternatives
    return [message.body, " ".join(html.split())]


@pytest.mark.usefixtures("_monday")
def test_every_reminder_e_mail_says_a_proposal_is_not_reviewed(
    django_capture_on_commit_callbacks,
):
    """The combined e-mail said nothing of it; the single one "Review: proposed". Both
    now say "Review: proposed, not yet reviewed", and of a confirmed item nothing more."""
    person = factories.ContactFactory()
    proposal, _ = factories.responsible_deliverable(
        MONDAY + timedelta(days=7), review_status=ReviewStatus.PROPOSED, title="Draft study"
    )
    confirmed, _ = factories.responsible_deliverable(
        MONDAY + timedelta(days=14), review_status=ReviewStatus.CONFIRMED, title="Sure report"
    )
    factories.responsible_deliverable(
        MONDAY + timedelta(days=7), review_status=ReviewStatus.PROPOSED, title="Lone panel"
    )
    for item in (proposal, confirmed):
        item.mandate.actor.contacts.set([person])
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=StringIO())
    (combined,) = [m for m in mail.outbox if m.to == [person.email]]
    assert combined.subject.startswith("[2 reminders]")
    for body in _bodies(combined):
        before, after = body.split("Sure report")
        assert "Draft study" in before and NOT_REVIEWED.replace("Review:", "") in before
        assert "not yet reviewed" not in after
    (alone,) = [m for m in mail.outbox if "Lone panel" in m.subject]
    assert "Review:      proposed, not yet reviewed" in alone.body


@pytest.mark.usefixtures("_monday")
def test_the_digest_says_a_proposal_is_not_reviewed(django_capture_on_commit_callbacks):
    """The weekly digest listed proposals like confirmed items."""
    reader = factories.ContactFactory(delivery=Contact.Delivery.DIGEST)
    proposal, _ = factories.responsible_deliverable(
        MONDAY + timedelta(days=20), review_status=ReviewStatus.PROPOSED, title="Draft study"
    )
    confirmed, _ = factories.responsible_deliverable(
        MONDAY + timedelta(days=30), review_status=ReviewStatus.CONFIRMED, title="Sure report"
    )
    for item in (proposal, confirmed):
        item.assignees.add(reader)
    with django_capture_on_commit_callbacks(execute=True):
        digest_send_weekly(today=MONDAY)
    (digest,) = mail.outbox
    text, html = _bodies(digest)
    assert f"Draft study (A/HRC/RES/59/{proposal.mandate.resolution.number}" in text
    assert text.count(NOT_REVIEWED) == 1
    assert text.index("Draft study") < text.index(NOT_REVIEWED) < text.index("Sure report")
    assert html.count("<strong>Review:</strong> proposed, not yet reviewed") == 1


def test_a_submitted_event_names_the_fulfilling_document_and_its_date(client):
    """It said only "Progress: submitted"; now the document and date, as the page does."""
    item = _due(_session(703, Session.DatesStatus.ANNOUNCED), review_status="confirmed")
    deliverable_mark_submitted(
        deliverables=Deliverable.objects.filter(pk=item.pk),
        document="A/HRC/64/12",
        on=date(2027, 3, 3),
    )
    event = _event(_private_feed(client, item), item)
    assert str(event["SUMMARY"]).startswith("Submitted: ")
    assert "Progress: submitted\nFulfilled by: A/HRC/64/12 (3 March 2027)\n" in str(
        event["DESCRIPTION"]
    )


def test_an_open_proposal_is_said_until_someone_settles_it(client):
    """The event keeps the person's session and says what a newer text proposes; once the
    proposal is dismissed the served feed says nothing of it."""
    kept = _session(704, Session.DatesStatus.ANNOUNCED)
    item = _due(kept, review_status=ReviewStatus.CONFIRMED, is_public=True)
    change = ProposedChange.objects.create(
        deliverable=item,
        field="due_session",
        old_value=str(kept),
        new_value="HRC 705",
        source="A/HRC/RES/59/9 (new version)",
    )
    url = reverse("mandates:feed_all")
    event = _event(events(client.get(url).content), item)
    assert str(event["SUMMARY"]).endswith(f"due for {kept}")
    assert (
        f"A newer text proposes: due session HRC 705 (kept {kept}) - see the deliverable's page"
        in str(event["DESCRIPTION"])
    )
    proposed_changes_dismiss(changes=ProposedChange.objects.filter(pk=change.pk))
    body = client.get(url).content
    assert_valid_ics(body)
    assert "A newer text proposes" not in str(_event(events(body), item)["DESCRIPTION"])


def test_open_proposals_cost_one_query_whatever_the_number_of_events(
    django_assert_max_num_queries,
):
    """The proposals of a whole feed are read in one query, not one per event."""
    session = _session(706, Session.DatesStatus.ANNOUNCED)
    items = [_due(session, review_status=ReviewStatus.CONFIRMED) for _ in range(5)]
    for item in items:
        ProposedChange.objects.create(
            deliverable=item, field="title", old_value=item.title, new_value="Another title"
        )
    feed = feeds.AllDeliverablesFeed()
    with django_assert_max_num_queries(2):  # the rows, the proposals
        body = feed.render(alarm_days=[])
    found = events(body)
    assert all(
        "A newer text proposes: title Another title" in str(_event(found, item)["DESCRIPTION"])
        for item in items
    )


def test_session_events_link_to_the_session_page(client):
    """An event of /feeds/sessions.ics had no URL; it leads to the session's page."""
    session = _session(707, Session.DatesStatus.ANNOUNCED)
    body = client.get(reverse("mandates:feed_sessions")).content
    assert_valid_ics(body)
    event = events(body)[f"session-{session.body.code}-{session.number}@{feeds.UID_DOMAIN}"]
    url = str(event["URL"])
    assert url.endswith(f"/sessions/{session.body.code}-{session.number}/")
    path = url.split("://", 1)[1].split("/", 1)[1]
    assert client.get(f"/{path}").status_code == 200
