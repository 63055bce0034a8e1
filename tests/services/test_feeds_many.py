"""Many feeds published together (`feeds_publish_many`): one query for all their rows,
the same bodies, stamps and states as publishing each feed on its own."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mandates.models import Deliverable, FeedState, FeedToken, ReminderRule, ReviewStatus, Session
from mandates.services import feeds
from mandates.services.schedule import deliverable_due_date_refresh
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with no feed cached. On SQLite a rolled-back test's ids come back,
    so a body cached by an earlier test can carry the same stamp with other UIDs."""
    cache.clear()
    yield
    cache.clear()


NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


def due(session: Session | None = None, **kwargs) -> Deliverable:
    """A confirmed public deliverable, dated from its session unless a date is given."""
    kwargs.setdefault("review_status", ReviewStatus.CONFIRMED)
    deliverable = factories.DeliverableFactory(
        due_session=session, due_relation=kwargs.pop("due_relation", "at"), **kwargs
    )
    deliverable_due_date_refresh(deliverable=deliverable)
    return deliverable


def varied() -> list[Deliverable]:
    """Deliverables of every kind a feed picks by: actors, sessions of two bodies, a
    session not in the calendar, the adopting body, no actor, cancelled, submitted, not
    public, proposed, assigned to someone with a private feed."""
    hrc = Session.objects.get(body__code="HRC", number=65)
    ga = factories.SessionFactory(body=factories.body("GA"), number=85)
    expert = factories.ActorFactory(name="Independent Expert")
    items = [
        due(hrc),
        due(hrc, mandate__actor=expert, title=""),
        due(ga, kind=Deliverable.Kind.ORAL_UPDATE, mandate__actor=expert),
        due(
            due_body=factories.body("GA"),
            due_session_number=99,
            stated_due_date=date(2031, 3, 1),
        ),
        due(
            mandate__resolution__body=factories.body("GA"),
            stated_due_date=date(2030, 1, 9),
            mandate__actor=None,
            mandate__actor_text="the Secretary-General",
            title="",
        ),
        due(hrc, progress=Deliverable.Progress.CANCELLED),
        due(hrc, progress=Deliverable.Progress.SUBMITTED, quote="A quote, with; marks"),
        due(hrc, is_public=False),
        due(hrc, review_status=ReviewStatus.PROPOSED),
        due(hrc, manual_due_date=date(2027, 2, 1)),
    ]
    owner = factories.UserFactory()
    contact = factories.ContactFactory(user=owner)
    items[7].assignees.add(contact)
    items[1].assignees.add(contact)
    FeedToken.objects.create(user=owner, label="phone")
    return items


def published() -> dict[str, tuple]:
    """The recorded state of each feed: stamp, ETag, Last-Modified."""
    return {s.key: (s.stamp, s.etag, s.last_modified) for s in FeedState.objects.all()}


def affected(items: list[Deliverable]) -> list[feeds.CalendarFeed]:
    found = feeds.feeds_affected(
        deliverable_ids=[d.pk for d in items],
        session_ids=list(Session.objects.filter(body__code="GA").values_list("pk", flat=True)),
    )
    # The variants with alarms are published alike when asked for.
    return found + [_with_alarms(feed) for feed in found if isinstance(feed, feeds.DeliverableFeed)]


def _with_alarms(feed: feeds.CalendarFeed) -> feeds.CalendarFeed:
    """The same feed with alarms (the constructors take different arguments)."""
    copy = object.__new__(type(feed))
    copy.__dict__.update(feed.__dict__, alarms=True)
    return copy


@pytest.mark.parametrize("proposals", [False, True])
def test_many_feeds_give_the_bytes_stamps_and_states_of_one_by_one(settings, proposals):
    """Every kind of feed (all, body, actor, session, private, sessions calendar, with and
    without alarms) published together: the same cached body and stamp and the same
    recorded state as publishing each on its own."""
    settings.PUBLIC_SHOWS_PROPOSALS = proposals
    ReminderRule.objects.update_or_create(days_before_due=7, defaults={"is_active": True})
    with time_machine.travel(NOW, tick=False):
        items = varied()
        feeds_ = affected(items)
        kinds = {type(feed).__name__ for feed in feeds_}
        assert kinds == {
            "AllDeliverablesFeed",
            "BodyFeed",
            "ActorFeed",
            "SessionDeliverablesFeed",
            "PrivateFeed",
            "SessionCalendarFeed",
        }
        assert any(feed.slug == "body:GA" for feed in feeds_)
        cache.clear()
        one_by_one = sum(feeds.feed_publish(feed=feed) for feed in feeds_)
        expected = {feed.key: cache.get(feed.cache_key) for feed in feeds_}
        expected_states = published()
        for feed in feeds_:  # what a request would render and stamp
            assert expected[feed.key] == (feed.stamp().digest, feed.render()), feed.key

        cache.clear()
        FeedState.objects.all().delete()
        assert feeds.feeds_publish_many(feeds=feeds_) == one_by_one == len(feeds_)
        assert {feed.key: cache.get(feed.cache_key) for feed in feeds_} == expected
        assert published() == expected_states


def test_many_feeds_changed_since_their_state_update_it_like_one_by_one():
    """Feeds rendered before and changed since: the new body replaces the cached one and
    each state moves on (Last-Modified too), as `feed_publish` does it."""
    with time_machine.travel(NOW, tick=False):
        items = varied()
        feeds_ = affected(items)
        feeds.feeds_publish_many(feeds=feeds_)
    with time_machine.travel(datetime(2026, 12, 4, tzinfo=UTC), tick=False):
        items[0].title = "Renamed report"
        items[0].save()
        before = published()
        assert feeds.feeds_publish_many(feeds=feeds_) > 0
        after = published()
        for feed in feeds_:
            assert cache.get(feed.cache_key) == (feed.stamp().digest, feed.render()), feed.key
        assert after["all:0"][1] != before["all:0"][1]
        assert after["all:0"][2] > before["all:0"][2]
        # Nothing changed since: nothing is rendered again.
        assert feeds.feeds_publish_many(feeds=feeds_) == 0
        assert published() == after


def test_many_feeds_cost_the_same_queries_however_many_there_are():
    """Publishing 4 or 12 public feeds for the first time costs the same queries (rows,
    states, one insert of the states), and so does finding them all cached."""

    def publish(count: int) -> tuple[int, int, int]:
        cache.clear()
        FeedState.objects.all().delete()
        ids = [
            due(Session.objects.get(body__code="HRC", number=65), mandate__actor=actor).pk
            for actor in factories.ActorFactory.create_batch(count)
        ]
        public = [
            feed
            for feed in feeds.feeds_affected(deliverable_ids=ids, session_ids=[])
            if isinstance(feed, feeds.DeliverableFeed)
        ]
        with CaptureQueriesContext(connection) as first:
            assert feeds.feeds_publish_many(feeds=public) == len(public)
        with CaptureQueriesContext(connection) as again:
            assert feeds.feeds_publish_many(feeds=public) == 0
        return len(public), len(first), len(again)

    few, many = publish(1), publish(9)
    assert many[0] - few[0] == 8
    assert many[1:] == few[1:] == (3, 2)


def test_a_single_public_feed_is_published_on_its_own(monkeypatch):
    """One public feed (or none) is not worth the shared query: `feed_publish` as before."""
    items = varied()
    feed = feeds.ActorFeed(actor=items[1].mandate.actor)
    calls = []
    publish = feeds.feed_publish
    monkeypatch.setattr(
        feeds, "feed_publish", lambda *, feed: calls.append(feed) or publish(feed=feed)
    )
    cache.clear()
    assert feeds.feeds_publish_many(feeds=[feed, feeds.SessionCalendarFeed()]) == 2
    assert calls[-1] is feed and len(calls) == 2
    assert cache.get(feed.cache_key) == (feed.stamp().digest, feed.render())


def test_many_feeds_render_from_the_database_when_the_cache_fails(monkeypatch):
    """A dead cache: the feeds are still rendered and their states recorded."""
    from redis.exceptions import ConnectionError as RedisConnectionError

    def broken(*args, **kwargs):
        raise RedisConnectionError("down")

    items = varied()
    feeds_ = affected(items)
    monkeypatch.setattr(cache, "get_many", broken)
    monkeypatch.setattr(cache, "set_many", broken)
    assert feeds.feeds_publish_many(feeds=feeds_) == len(feeds_)
    assert FeedState.objects.count() == len(feeds_)
