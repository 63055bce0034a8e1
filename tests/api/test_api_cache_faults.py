"""The JSON API while the cache (Redis) cannot be reached: refused, hung, then back.

The API's throttles count requests in the cache. With Redis refusing connections every API
request answered 500 (ConnectionError from the throttle), while pages, feeds and exports
answered from the database. A real closed port and a real server that never answers
(tests/real_services.py) stand for the dead and the hung Redis; a redis-server of the
test's own for one that comes back.
"""

from __future__ import annotations

import shutil
import time

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.throttling import SimpleRateThrottle

from mandates import throttling
from mandates.models import Deliverable, ReviewStatus
from mandates.services.ingest import resolution_ingest_path
from tests.mail import free_port
from tests.real_services import SilentServer, require
from tests.samples import HRC_EXAMPLE

pytestmark = pytest.mark.django_db

SIGNED_IN_URLS = [
    "/api/deliverables/",
    "/api/sessions/",
    "/api/sessions/HRC-64/",
    "/api/sessions/HRC-64/plan/",
    "/api/sessions/plan/",
    "/api/resolutions/",
    "/api/resolutions/A/HRC/RES/61/99/",
]


def cache_at(settings, url: str) -> None:
    """The default cache on `url`, with the project's options (tracker/settings.py)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


@pytest.fixture(autouse=True)
def _outage_forgotten():
    """Each test starts (and leaves the next one) with the throttles asking the cache."""
    throttling.outage.retry_at = None
    yield
    throttling.outage.retry_at = None


@pytest.fixture
def reader(client, django_user_model, settings, tmp_path):
    """A signed-in API client (token) and one confirmed resolution, stored while the
    cache still works."""
    settings.MEDIA_ROOT = tmp_path
    resolution_ingest_path(path=HRC_EXAMPLE)
    Deliverable.objects.update(review_status=ReviewStatus.CONFIRMED)
    user = django_user_model.objects.create_user("reader", "reader@example.org", "pw")
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {Token.objects.create(user=user).key}"
    return client


def answers(client, url: str, **headers) -> int:
    response = client.get(url, **headers)
    assert response["Content-Type"].startswith(("application/json", "application/vnd.oai"))
    return response.status_code


def test_with_the_cache_refusing_the_api_answers_and_says_so_once(reader, settings, caplog):
    """Redis down (nothing listens on the cache's port): every API URL answers 200 from the
    database, anonymous schema included, and the log says once why nothing is counted."""
    cache_at(settings, f"redis://127.0.0.1:{free_port()}/1")
    for url in SIGNED_IN_URLS:
        assert answers(reader, url) == 200, url
    assert reader.get("/api/deliverables/").json()["count"] == Deliverable.objects.count()
    browsable = reader.get("/api/deliverables/", HTTP_ACCEPT="text/html")
    assert browsable.status_code == 200 and b"A/HRC/RES/61/99" in browsable.content
    anonymous = {"HTTP_AUTHORIZATION": ""}
    assert answers(reader, "/api/schema/", **anonymous) == 200
    assert answers(reader, "/api/deliverables/", **anonymous) == 401  # still signed in or not
    warnings = [r for r in caplog.records if r.name == "mandates.throttling"]
    assert len(warnings) == 1, caplog.text
    assert "API throttling off" in warnings[0].getMessage()
    assert "Connection refused" in warnings[0].getMessage()


def test_with_the_cache_hung_the_api_waits_for_it_once(reader, settings):
    """Redis takes connections and never answers: the first request waits the cache's
    timeout, the others do not ask it again (each would wait it: 1 s a request)."""
    with SilentServer() as hung_cache:
        cache_at(settings, hung_cache.url(1))
        started = time.monotonic()
        for url in SIGNED_IN_URLS:
            assert answers(reader, url) == 200, url
        assert answers(reader, "/api/schema/", HTTP_AUTHORIZATION="") == 200
        assert time.monotonic() - started < 1 + 3  # one timeout, and the requests
        assert hung_cache.connections == 1


@pytest.mark.services
def test_throttling_counts_again_once_the_cache_is_back(
    reader, settings, private_redis, monkeypatch
):
    """Requests go uncounted while Redis is down; once it is back (and the retry period
    over) the throttle counts and answers 429 over the rate, as before the outage."""
    require(bool(shutil.which("redis-server")), "needs redis-server")
    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", {"user": "3/minute", "anon": "3/minute"}
    )
    cache_at(settings, private_redis.url(1))
    assert [answers(reader, "/api/sessions/") for _ in range(3)] == [200] * 3
    assert answers(reader, "/api/sessions/") == 429
    private_redis.down()
    assert [answers(reader, "/api/sessions/") for _ in range(5)] == [200] * 5
    private_redis.up()
    throttling.outage.retry_at = time.monotonic()  # the period is over
    assert [answers(reader, "/api/sessions/") for _ in range(3)] == [200] * 3
    assert answers(reader, "/api/sessions/") == 429
