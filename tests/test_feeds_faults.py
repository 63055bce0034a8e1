"""Feeds under faults (issue 14): Redis down, versions, Last-Modified, SEQUENCE, rejection.

The Redis tests run a redis-server of their own (tests/real_services.py) and stop it; the
SEQUENCE test runs a real Celery worker on REDIS_URL. Locally they skip without those
services; with CI set they fail instead.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta

import pytest
import redis
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils.http import parse_http_date

from mandates.models import Deliverable, ReviewStatus, Session
from mandates.services import feeds
from mandates.services.deliverables import deliverable_reject
from mandates.services.schedule import deliverable_due_date_refresh, session_reschedule
from tests import factories
from tests.ical import assert_valid_ics, events
from tests.real_services import SilentServer, broker_at, require, returns_within, wait_for


def due_at(number: int = 65, **kwargs) -> Deliverable:
    """A confirmed deliverable due at an HRC session, with its due date computed."""
    deliverable = factories.DeliverableFactory(
        due_session=Session.objects.get(body__code="HRC", number=number),
        due_relation="at",
        review_status=kwargs.pop("review_status", ReviewStatus.CONFIRMED),
        **kwargs,
    )
    deliverable_due_date_refresh(deliverable=deliverable)
    return deliverable


def uid_of(deliverable: Deliverable) -> str:
    return f"deliverable-{deliverable.uid}@{feeds.UID_DOMAIN}"


def every_feed_url(deliverable: Deliverable, token: str) -> list[str]:
    return [
        reverse("mandates:feed_all"),
        reverse("mandates:feed_all") + "?alarms=1",
        reverse("mandates:feed_body", args=["HRC"]),
        reverse("mandates:feed_actor", args=[deliverable.mandate.actor_id]),
        reverse("mandates:feed_session", args=["HRC", 65]),
        reverse("mandates:feed_sessions"),
        reverse("mandates:feed_private", args=[token]),
    ]


@pytest.fixture
def redis_cache(private_redis, settings):
    """The feed cache on a redis-server of this test's own, with the project's options."""
    require(bool(shutil.which("redis-server")), "needs redis-server")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": private_redis.url(1),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    return private_redis


@pytest.mark.services
@pytest.mark.django_db
def test_with_redis_down_every_feed_still_answers_200(client, redis_cache):
    """Cache warm, then Redis stops: every /feeds/*.ics is rendered from the database."""
    deliverable = due_at()
    user = factories.UserFactory()
    deliverable.assignees.add(factories.ContactFactory(user=user))
    token = user.feed_tokens.create().token
    urls = every_feed_url(deliverable, token)
    warm = {url: client.get(url).content for url in urls}
    redis_cache.down()
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.content == warm[url], url
        assert_valid_ics(response.content)
    with time_machine.travel(timedelta(seconds=5)):
        deliverable.title = "Changed while Redis is down"
        deliverable.save()
    response = client.get(reverse("mandates:feed_all"))
    assert response.status_code == 200
    assert b"Changed while Redis is down" in response.content


@pytest.mark.services
@pytest.mark.django_db
def test_the_cache_keeps_one_body_per_feed(client, redis_cache):
    """Ten changes later the cache holds one body of the feed, not ten versions."""
    deliverable = due_at()
    for number in range(10):
        with time_machine.travel(timedelta(seconds=number + 1)):
            deliverable.title = f"Version {number}"
            deliverable.save()
            assert f"Version {number}".encode() in client.get("/feeds/deliverables.ics").content
    keys = redis.Redis(port=redis_cache.port, db=1).keys("*")
    assert len([key for key in keys if b"feed:" in key]) == 1


@pytest.mark.django_db
def test_etag_follows_the_body_after_an_actor_rename(client):
    """Renaming the actor changes the body, so the strong ETag changes too."""
    deliverable = due_at()
    url = reverse("mandates:feed_actor", args=[deliverable.mandate.actor_id])
    first = client.get(url)
    with time_machine.travel(timedelta(seconds=5)):
        actor = deliverable.mandate.actor
        actor.name = "Renamed Rapporteur"
        actor.save()
    second = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert b"Renamed Rapporteur" in second.content
    assert second["ETag"] != first["ETag"]


@pytest.mark.django_db
def test_last_modified_never_goes_backwards_when_the_newest_item_leaves(client):
    """Rejecting the newest item: Last-Modified moves on and If-Modified-Since gets 200."""
    due_at()
    url = reverse("mandates:feed_all")
    with time_machine.travel(timedelta(days=1)):
        newest = due_at(59)
        first = client.get(url)
    assert uid_of(newest) in events(first.content)
    with time_machine.travel(timedelta(days=2)):
        Deliverable.objects.filter(pk=newest.pk).update(is_public=False)  # no updated_at
        second = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert second.status_code == 200
    assert uid_of(newest) not in events(second.content)
    assert second["ETag"] != first["ETag"]
    assert parse_http_date(second["Last-Modified"]) > parse_http_date(first["Last-Modified"])
    third = client.get(url, HTTP_IF_MODIFIED_SINCE=second["Last-Modified"])
    assert third.status_code == 304


@pytest.mark.django_db
def test_rejecting_a_mandate_removes_its_deliverables_and_their_ics_is_gone(staff_client):
    """Every feed drops the rejected mandate's deliverables; their .ics answers 410 to
    anyone (a calendar subscribed to it drops the event); an unknown address is 404."""
    client = Client()  # anonymous
    deliverable = due_at()
    sibling = due_at(59, mandate=deliverable.mandate)
    assert uid_of(deliverable) in events(client.get("/feeds/deliverables.ics").content)
    with time_machine.travel(timedelta(seconds=5)):
        mandate = deliverable.mandate
        mandate.review_status = ReviewStatus.REJECTED
        mandate.save()
    for url in every_feed_url(deliverable, factories.UserFactory().feed_tokens.create().token):
        found = events(client.get(url).content)
        assert uid_of(deliverable) not in found and uid_of(sibling) not in found, url
    ics = reverse("mandates:deliverable_ics", args=[deliverable.uid])
    assert client.get(ics).status_code == 410
    assert staff_client.get(ics).status_code == 410
    unknown = reverse("mandates:deliverable_ics", args=["0f0f0f0f-0000-4000-8000-000000000000"])
    assert client.get(unknown).status_code == 404
    deliverable_reject(deliverables=Deliverable.objects.filter(pk=sibling.pk))
    assert (
        staff_client.get(reverse("mandates:deliverable_ics", args=[sibling.uid])).status_code == 410
    )


@pytest.mark.services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_session_moved_twice_has_sequence_1_then_2_through_the_worker(client, worker_thread):
    """Session dates moved twice in the admin's way: the worker re-publishes, SEQUENCE 1 then 2."""
    session = Session.objects.get(body__code="HRC", number=65)
    uid = f"session-HRC-65@{feeds.UID_DOMAIN}"
    url = reverse("mandates:feed_sessions")
    assert events(client.get(url).content)[uid]["SEQUENCE"] == 0
    for sequence, start in ((1, date(2027, 6, 21)), (2, date(2027, 6, 28))):
        session_reschedule(session=session, start=start, end=start + timedelta(days=22))
        wait_for(
            lambda: feeds.feed_version(feed=feeds.SessionCalendarFeed()).etag is not None,
            what="the worker re-publishing the session calendar",
        )
        event = events(client.get(url).content)[uid]
        assert event["SEQUENCE"] == sequence
        assert event["DTSTART"].dt == start


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_change_with_the_broker_down_is_saved_and_the_feed_still_shows_it(
    staff_client, dead_broker, caplog
):
    """Redis down: a person's confirmation is saved and answered (not a 500 after the
    commit), the failed hand-over is logged, and the feed, rendered on request, has it."""
    deliverable = due_at(review_status=ReviewStatus.PROPOSED)
    response = staff_client.post(
        reverse("admin:mandates_deliverable_changelist"),
        {"action": "confirm", "_selected_action": [deliverable.pk]},
    )
    assert response.status_code == 302
    deliverable.refresh_from_db()
    assert deliverable.review_status == ReviewStatus.CONFIRMED
    assert "feeds not rebuilt ahead of their next request" in caplog.text
    feed = Client().get(reverse("mandates:feed_all"))
    assert uid_of(deliverable) in events(feed.content)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_change_with_the_broker_hung_is_saved_and_answered(staff_client, caplog):
    """Redis takes connections and never answers: the confirmation is saved and the person
    gets the page back within seconds (the hand-over waited for Redis for ever: gunicorn
    killed the request after 30 s and the person saw a 500 for a change that was saved)."""
    deliverable = due_at(review_status=ReviewStatus.PROPOSED)
    with SilentServer() as hung, broker_at(hung.url()):
        response = returns_within(
            10,
            lambda: staff_client.post(
                reverse("admin:mandates_deliverable_changelist"),
                {"action": "confirm", "_selected_action": [deliverable.pk]},
            ),
        )
        assert hung.connections  # the hand-over did go to the hung broker
    assert response.status_code == 302
    deliverable.refresh_from_db()
    assert deliverable.review_status == ReviewStatus.CONFIRMED
    assert "feeds not rebuilt ahead of their next request" in caplog.text
    assert "Timeout reading from socket" in caplog.text
