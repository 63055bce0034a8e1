"""The .ics endpoints: content type, conditional GET, private tokens, query counts."""

from datetime import timedelta
from email.utils import parsedate_to_datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from mandates.models import Deliverable, ReviewStatus, Session
from mandates.services import feeds
from mandates.services.schedule import deliverable_due_date_refresh
from tests import factories
from tests.ical import assert_valid_ics, events

pytestmark = pytest.mark.django_db


def due_at(number: int = 65, **kwargs) -> Deliverable:
    """A deliverable due at an HRC session, with its due date computed."""
    deliverable = factories.DeliverableFactory(
        due_session=Session.objects.get(body__code="HRC", number=number),
        due_relation="at",
        **kwargs,
    )
    deliverable_due_date_refresh(deliverable=deliverable)
    return deliverable


def uid_of(deliverable: Deliverable) -> str:
    return f"deliverable-{deliverable.uid}@{feeds.UID_DOMAIN}"


@pytest.fixture
def deliverable():
    return due_at(review_status=ReviewStatus.CONFIRMED)


def public_urls(deliverable: Deliverable) -> list[str]:
    return [
        reverse("mandates:feed_all"),
        reverse("mandates:feed_body", args=["HRC"]),
        reverse("mandates:feed_actor", args=[deliverable.mandate.actor_id]),
        reverse("mandates:feed_session", args=["HRC", 65]),
        reverse("mandates:feed_sessions"),
        reverse("mandates:deliverable_ics", args=[deliverable.uid]),
    ]


def test_every_public_feed_answers_valid_calendar(client, deliverable):
    """Each public endpoint answers text/calendar that both parsers accept."""
    for url in public_urls(deliverable):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert_valid_ics(response.content)


def test_urls_have_the_agreed_shapes(deliverable):
    """The feed URLs are the ones other engineers code against."""
    assert reverse("mandates:feed_all") == "/feeds/deliverables.ics"
    assert reverse("mandates:feed_body", args=["HRC"]) == "/feeds/body/HRC.ics"
    assert reverse("mandates:feed_actor", args=[7]) == "/feeds/actor/7.ics"
    assert reverse("mandates:feed_session", args=["HRC", 65]) == "/feeds/session/HRC-65.ics"
    assert reverse("mandates:feed_sessions") == "/feeds/sessions.ics"
    assert reverse("mandates:feed_private", args=["abc"]) == "/feeds/private/abc.ics"
    assert reverse("mandates:deliverable_ics", args=[deliverable.uid]) == (
        f"/deliverables/{deliverable.uid}.ics"
    )


def test_unknown_body_or_session_is_404(client):
    """Feeds of things that do not exist are 404, and no session is invented."""
    assert client.get("/feeds/body/XYZ.ics").status_code == 404
    assert client.get("/feeds/session/HRC-99.ics").status_code == 404
    assert not Session.objects.filter(body__code="HRC", number=99).exists()


def test_conditional_get_answers_304(client, deliverable):
    """ETag and Last-Modified are set; a repeated conditional GET is 304 with no body."""
    url = reverse("mandates:feed_all")
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    by_etag = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert by_etag.status_code == 304
    assert by_etag.content == b""
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert by_date.status_code == 304


def test_changes_within_a_second_never_date_the_feed_in_the_future(client, deliverable):
    """Five changes in one second each move Last-Modified on (so If-Modified-Since sees
    them), but the header never says later than the response's Date."""
    url = reverse("mandates:feed_all")
    client.get(url)
    with time_machine.travel(timezone.now().replace(microsecond=0) + timedelta(minutes=5)):
        for n in range(5):
            deliverable.title = f"Moved report {n}"
            deliverable.save()
            response = client.get(url)
            assert response.status_code == 200
            sent = parsedate_to_datetime(response["Last-Modified"])
            assert sent <= timezone.now(), (n, response["Last-Modified"])
        before = response["Last-Modified"]
        deliverable.title = "Moved once more"
        deliverable.save()
        again = client.get(url, HTTP_IF_MODIFIED_SINCE=before)
    assert again.status_code == 200 and b"Moved once more" in again.content


def test_changed_feed_answers_200_with_a_new_etag(client, deliverable):
    """After a change, the old ETag no longer matches and the new content comes back."""
    url = reverse("mandates:feed_all")
    first = client.get(url)
    with time_machine.travel(timedelta(minutes=5)):
        deliverable.title = "Moved report"
        deliverable.save()
        second = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]
    assert b"Moved report" in second.content


def test_unchanged_feed_is_byte_identical_between_polls(client, deliverable):
    """Two polls an hour apart give the same bytes and the same validators."""
    url = reverse("mandates:feed_all")
    first = client.get(url)
    with time_machine.travel(timedelta(hours=1)):
        second = client.get(url)
    assert first.content == second.content
    assert first["ETag"] == second["ETag"]
    assert first["Last-Modified"] == second["Last-Modified"]


def test_alarms_query_parameter(client, deliverable):
    """?alarms=1 adds VALARMs; without it there are none."""
    assert b"BEGIN:VALARM" not in client.get("/feeds/deliverables.ics").content
    with_alarms = client.get("/feeds/deliverables.ics?alarms=1")
    assert b"BEGIN:VALARM" in with_alarms.content
    assert_valid_ics(with_alarms.content)


def test_private_feed_needs_a_live_token(client):
    """A wrong token is 404, a revoked one is gone (410), a live one shows the user's items."""
    user = factories.UserFactory()
    mine = due_at(is_public=False)
    mine.assignees.add(factories.ContactFactory(user=user))
    token = user.feed_tokens.create()
    url = reverse("mandates:feed_private", args=[token.token])
    response = client.get(url)
    assert response.status_code == 200
    assert uid_of(mine) in events(response.content)
    assert "private" in response["Cache-Control"]
    assert client.get(reverse("mandates:feed_private", args=["x" * 43])).status_code == 404
    assert client.get(reverse("mandates:feed_private", args=[token.token[:-1]])).status_code == (
        404
    )
    feeds.feed_token_revoke(feed_token=token)
    assert client.get(url).status_code == 410


def test_a_revoked_private_feed_is_gone_for_every_way_of_asking(client):
    """Calendar clients take a 404 for a passing fault and keep the events they hold: a
    revoked or rotated token answers 410 Gone to GET, HEAD and a conditional GET with the
    validators the client kept (never 304), privately; an unknown token and a token of a
    user made inactive stay 404."""
    user = factories.UserFactory()
    due_at(is_public=False).assignees.add(factories.ContactFactory(user=user))
    revoked, rotated = user.feed_tokens.create(), user.feed_tokens.create()
    served = {}
    for token in (revoked, rotated):
        response = client.get(reverse("mandates:feed_private", args=[token.token]))
        assert response.status_code == 200
        served[token.pk] = (response["ETag"], response["Last-Modified"])
    feeds.feed_token_revoke(feed_token=revoked)
    fresh = feeds.feed_token_rotate(feed_token=rotated)
    for token in (revoked, rotated):
        url = reverse("mandates:feed_private", args=[token.token])
        etag, modified = served[token.pk]
        for response in (
            client.get(url),
            client.head(url),
            client.get(url, HTTP_IF_NONE_MATCH=etag),
            client.get(url, HTTP_IF_MODIFIED_SINCE=modified),
            client.head(url, HTTP_IF_NONE_MATCH=etag),
        ):
            assert response.status_code == 410
            assert "ETag" not in response
            assert "private" in response["Cache-Control"]
            assert response["X-Robots-Tag"] == "noindex"
        assert "revoked or replaced" in client.get(url).content.decode()
    assert client.get(reverse("mandates:feed_private", args=[fresh.token])).status_code == 200
    assert client.get(reverse("mandates:feed_private", args=["y" * 43])).status_code == 404
    assert client.head(reverse("mandates:feed_private", args=["y" * 43])).status_code == 404
    user.is_active = False
    user.save()
    assert client.get(reverse("mandates:feed_private", args=[fresh.token])).status_code == 404


def test_one_users_feed_never_shows_another_users_private_items(client):
    """Alice's private item is in her feed, not in Bob's nor in any public feed."""
    alice, bob = factories.UserFactory(), factories.UserFactory()
    alices = due_at(is_public=False)
    alices.assignees.add(factories.ContactFactory(user=alice))
    bobs = due_at(is_public=False)
    bobs.assignees.add(factories.ContactFactory(user=bob))
    alice_feed = client.get(f"/feeds/private/{alice.feed_tokens.create().token}.ics")
    bob_feed = client.get(f"/feeds/private/{bob.feed_tokens.create().token}.ics")
    assert set(events(alice_feed.content)) == {uid_of(alices)}
    assert set(events(bob_feed.content)) == {uid_of(bobs)}
    for url in ["/feeds/deliverables.ics", "/feeds/body/HRC.ics", "/feeds/session/HRC-65.ics"]:
        assert not {uid_of(alices), uid_of(bobs)} & set(events(client.get(url).content))


def test_private_deliverable_file_is_only_for_staff_and_assignees(staff_client):
    """The .ics of a non-public deliverable is 404 for strangers, 200 for staff and assignees."""
    from django.test import Client

    secret = due_at(is_public=False)
    url = reverse("mandates:deliverable_ics", args=[secret.uid])
    assert Client().get(url).status_code == 404
    response = staff_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assignee = factories.UserFactory()
    secret.assignees.add(factories.ContactFactory(user=assignee))
    stranger = Client()
    stranger.force_login(factories.UserFactory())
    assert stranger.get(url).status_code == 404
    own = Client()
    own.force_login(assignee)
    assert own.get(url).status_code == 200


def test_deliverable_without_date_has_no_file(client):
    """A deliverable with no due date yet has no .ics."""
    deliverable = factories.DeliverableFactory()
    assert client.get(f"/deliverables/{deliverable.uid}.ics").status_code == 404


def test_feeds_refuse_writes(client):
    """Feeds are read-only."""
    assert client.post("/feeds/deliverables.ics").status_code == 405


def _feed_queries(client, count: int, django_assert_num_queries) -> None:
    session = Session.objects.get(body__code="HRC", number=65)
    for _ in range(count):
        deliverable = factories.DeliverableFactory(
            due_session=session,
            due_relation="at",
            mandate=factories.MandateFactory(),
            review_status=ReviewStatus.CONFIRMED,
        )
        deliverable_due_date_refresh(deliverable=deliverable)
    from django.core.cache import cache

    cache.clear()
    # version stamp, alarm offsets, feed state, the rows (one lean query), the new feed state
    with django_assert_num_queries(5):
        response = client.get("/feeds/deliverables.ics?alarms=1")
    assert len(events(response.content)) == count


@pytest.mark.parametrize("count", [10, 200])
def test_feed_query_count_does_not_grow_with_events(client, count, django_assert_num_queries):
    """Rendering a feed of 10 or 200 events takes the same five queries (cache miss)."""
    _feed_queries(client, count, django_assert_num_queries)


@pytest.mark.parametrize("count", [10, 200])
def test_private_and_session_feed_queries_are_constant(
    client, count, django_assert_max_num_queries
):
    """The private feed and the session calendar also take a constant number of queries."""
    from django.core.cache import cache

    user = factories.UserFactory()
    contact = factories.ContactFactory(user=user)
    session = Session.objects.get(body__code="HRC", number=65)
    for _ in range(count):
        deliverable = factories.DeliverableFactory(due_session=session, due_relation="at")
        deliverable_due_date_refresh(deliverable=deliverable)
        deliverable.assignees.add(contact)
    for number in range(100, 100 + count // 10):
        factories.SessionFactory(number=number)
    token = user.feed_tokens.create()
    cache.clear()
    # token, version stamp, feed state, the rows, the new feed state
    with django_assert_max_num_queries(5):
        private = client.get(f"/feeds/private/{token.token}.ics")
    assert len(events(private.content)) == count
    # stamp, feed state, the sessions, their parts (resumed, organizational), the new state
    with django_assert_max_num_queries(5):
        client.get("/feeds/sessions.ics")


def test_cached_and_304_answers_take_two_queries(client, deliverable, django_assert_num_queries):
    """Once cached, a feed costs two queries (stamp, feed state); a conditional GET the same."""
    first = client.get("/feeds/deliverables.ics")
    with django_assert_num_queries(2):
        assert client.get("/feeds/deliverables.ics").content == first.content
    with django_assert_num_queries(2):
        assert (
            client.get("/feeds/deliverables.ics", HTTP_IF_NONE_MATCH=first["ETag"]).status_code
            == 304
        )


def test_last_modified_is_the_latest_change(client, deliverable):
    """Last-Modified is the latest updated_at of what the feed shows."""
    deliverable.refresh_from_db()
    response = client.get(reverse("mandates:feed_session", args=["HRC", 65]))
    latest = max(deliverable.updated_at, deliverable.due_session.updated_at)
    assert response["Last-Modified"] == http_date(
        int(max(latest, deliverable.mandate.resolution.updated_at).timestamp())
    )


def test_head_request_answers_headers_only(client, deliverable):
    """HEAD gives the validators without a body, as some clients probe first."""
    response = client.head("/feeds/deliverables.ics")
    assert response.status_code == 200
    assert response["ETag"]
    assert response.content == b""
