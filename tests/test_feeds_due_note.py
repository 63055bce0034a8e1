"""Calendar events say why a date is not counted the rule's usual way, as the pages do
(`schedule.due_anchor`'s note): subscribers read it in Outlook, not only on the site."""

from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse

from mandates.models import DueDateRule, ReviewStatus, Session, SessionPart
from mandates.services import feeds
from mandates.services.schedule import (
    deliverable_due_date_refresh,
    deliverable_due_explain,
    deliverables_recompute_for_rule,
)
from tests import factories
from tests.ical import assert_valid_ics, events

pytestmark = pytest.mark.django_db

CLOSE_NOTE = (
    "GA 81 had opened (8 Sep 2026) before the adoption (7 Oct 2026): counted from its close;"
    " if a resumed part or an earlier meeting is meant, set the date by hand"
)
OPENING_NOTE = (
    "HRC 65 opens 14 Jun 2027, too soon after the adoption (1 May 2027) for the lead time:"
    " due on the opening day"
)


def _due(code: str, number: int, *, adopted_on: date, symbol: str, **fields):
    """A confirmed report due at a session, from a text adopted on `adopted_on`."""
    resolution = factories.ResolutionFactory(
        symbol=symbol, adopted_on=adopted_on, body=factories.body(code)
    )
    item = factories.DeliverableFactory(
        mandate=factories.MandateFactory(resolution=resolution),
        due_session=Session.objects.get(body__code=code, number=number),
        due_relation="at",
        review_status=ReviewStatus.CONFIRMED,
        **fields,
    )
    deliverable_due_date_refresh(deliverable=item)
    item.refresh_from_db()
    return item


def _description(body: bytes, item) -> str:
    return str(events(body)[f"deliverable-{item.uid}@{feeds.UID_DOMAIN}"]["DESCRIPTION"])


def test_served_feed_says_a_date_counts_from_the_close(client):
    """A report asked for at GA 81 by a text adopted after the session opened is dated from
    its close: the served feed's description says so in the words the pages use."""
    item = _due("GA", 81, adopted_on=date(2026, 10, 7), symbol="A/HRC/RES/63/901")
    assert item.due_date == date(2027, 6, 29)
    assert deliverable_due_explain(deliverable=item).note == CLOSE_NOTE  # what pages show
    cache.clear()
    body = client.get(reverse("mandates:feed_all")).content
    assert_valid_ics(body)
    description = _description(body, item)
    assert f"Due: 29 June 2027 (computed from the session; {CLOSE_NOTE})" in description


def test_a_date_moved_to_the_opening_day_says_why():
    """A text adopted too near the session for the lead time is due on the opening day, and
    the event says why; a date counted the usual way carries no note."""
    soon = _due("HRC", 65, adopted_on=date(2027, 5, 1), symbol="A/HRC/RES/64/902")
    usual = _due("HRC", 65, adopted_on=date(2026, 10, 7), symbol="A/HRC/RES/63/903")
    assert (soon.due_date, usual.due_date) == (date(2027, 6, 14), date(2027, 4, 5))
    body = feeds.AllDeliverablesFeed().render()
    assert f"(computed from the session; {OPENING_NOTE})" in _description(body, soon)
    assert "Due: 5 April 2027 (computed from the session)\n" in _description(body, usual)


def test_a_date_set_by_hand_keeps_the_note_beside_the_computed_date():
    """When a person set the date, the note explains the date the session would give."""
    item = _due(
        "GA",
        81,
        adopted_on=date(2026, 10, 7),
        symbol="A/HRC/RES/63/904",
        manual_due_date=date(2027, 5, 3),
    )
    description = _description(feeds.AllDeliverablesFeed().render(), item)
    assert "Due: 3 May 2027 (set by hand)" in description
    assert f"Computed date: 29 June 2027 ({CLOSE_NOTE})" in description


def test_batch_publish_and_ics_download_carry_the_same_note(client):
    """The feeds a batch publishes together and the deliverable's .ics download give the
    description the feed's own render gives."""
    item = _due("GA", 81, adopted_on=date(2026, 10, 7), symbol="A/HRC/RES/63/905")
    expected = _description(feeds.AllDeliverablesFeed().render(), item)
    assert CLOSE_NOTE in expected
    cache.clear()
    ga, hrc = factories.body("GA"), factories.body("HRC")
    feeds.feeds_publish_many(feeds=[feeds.BodyFeed(body=ga), feeds.BodyFeed(body=hrc)])
    body = client.get(reverse("mandates:feed_body", args=["GA"])).content
    assert _description(body, item) == expected
    download = client.get(f"/deliverables/{item.uid}.ics").content
    assert _description(download, item) == expected


@pytest.mark.parametrize("count", [2, 20])
def test_notes_cost_no_query_per_event(count, django_assert_num_queries):
    """Rendering events with notes reads the due-date rules once, whatever their number."""
    for number in range(count):
        _due("GA", 81, adopted_on=date(2026, 10, 7), symbol=f"A/HRC/RES/63/{910 + number}")
    # the rows, then the rules (read once, for the first event that may carry a note; the
    # rows say its session has no resumed part, so none is read)
    with django_assert_num_queries(2):
        body = feeds.AllDeliverablesFeed().render(alarm_days=[])
    assert body.count(b"counted from its close") == count


def test_a_rule_change_that_keeps_the_date_drops_the_note_from_the_served_feed(client):
    """A rule made to count from the opening day itself leaves a date moved to the opening
    day as it was, but its note no longer applies: the cached feed is not served again."""
    item = _due("HRC", 65, adopted_on=date(2027, 5, 1), symbol="A/HRC/RES/64/930")
    url = reverse("mandates:feed_all")
    cache.clear()
    assert OPENING_NOTE in _description(client.get(url).content, item)
    rule = DueDateRule.objects.get(body__code="HRC", kind="", relation="")
    rule.lead_time_days = 0
    rule.save()
    deliverables_recompute_for_rule(rule=rule)
    item.refresh_from_db()
    assert item.due_date == date(2027, 6, 14)  # unchanged
    assert deliverable_due_explain(deliverable=item).note == ""
    description = _description(client.get(url).content, item)
    assert "Due: 14 June 2027 (computed from the session)\n" in description


def test_a_resumed_part_dates_it_in_the_feed_as_on_the_page(django_assert_num_queries):
    """A session under way at the adoption with a resumed part recorded after it: the
    feed reads the parts once for all its events and gives the page's note."""
    session = Session.objects.get(body__code="GA", number=81)
    SessionPart.objects.create(
        session=session,
        kind=SessionPart.Kind.RESUMED,
        start=date(2027, 3, 1),
        end=date(2027, 3, 5),
    )
    items = [
        _due("GA", 81, adopted_on=date(2026, 10, 7), symbol=f"A/HRC/RES/63/{950 + n}")
        for n in range(3)
    ]
    note = deliverable_due_explain(deliverable=items[0]).note
    assert "counted from its resumed part, 1 Mar 2027 to 5 Mar 2027" in note
    with django_assert_num_queries(3):  # the rows, the rules, the resumed parts
        body = feeds.AllDeliverablesFeed().render(alarm_days=[])
    for item in items:
        assert note in _description(body, item)
