"""The feed rebuild task: takes ids and publishes the affected feeds."""

import pytest
from django.core.cache import cache

from mandates import tasks
from mandates.models import Session
from mandates.services import feeds
from mandates.services.schedule import deliverable_due_date_refresh
from tests import factories
from tests.services.test_feeds import cached

pytestmark = pytest.mark.django_db


def test_task_publishes_the_feeds_of_the_given_ids():
    """Called with a deliverable id and a session id, it fills the cache for their feeds."""
    session = Session.objects.get(body__code="HRC", number=65)
    deliverable = factories.DeliverableFactory(due_session=session, due_relation="at")
    deliverable_due_date_refresh(deliverable=deliverable)
    cache.clear()
    tasks.feeds_rebuild.delay(deliverable_ids=[deliverable.pk], session_ids=[session.pk])
    for feed in [
        feeds.AllDeliverablesFeed(),
        feeds.SessionCalendarFeed(),
        feeds.SessionDeliverablesFeed(session=session),
    ]:
        assert cached(feed), feed.slug


def test_task_with_unknown_ids_does_nothing():
    """Ids of rows deleted in the meantime are ignored."""
    cache.clear()
    tasks.feeds_rebuild.delay(deliverable_ids=[987654], session_ids=[987654])
    assert not cached(feeds.AllDeliverablesFeed())
