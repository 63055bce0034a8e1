"""The API's throttles (settings.REST_FRAMEWORK), which let requests through while the cache
that counts them cannot be reached.

DRF's throttles keep their counts in the default cache, the Redis one in production: a
Redis refusing connections or hanging made every API request a 500 (after the cache's 1 s
socket timeout when hung), while pages, feeds and exports answered from the database. The
counts only guard against a client asking too often; losing them for the outage is the
lesser harm. After a cache error the throttles leave the cache alone for
`CACHE_RETRY_SECONDS` in this process (a hung Redis costs one request its timeout per
period, not every request), and the outage is logged once per period, not per request.
"""

from __future__ import annotations

import logging
import time

from redis.exceptions import RedisError
from rest_framework import throttling

logger = logging.getLogger(__name__)

#: How long, after a cache error, the throttles count nothing before asking the cache again.
CACHE_RETRY_SECONDS = 60.0


class CacheOutage:
    """Whether the throttles' cache failed lately (shared by the throttles of a process)."""

    def __init__(self) -> None:
        self.retry_at: float | None = None  # time.monotonic() of the next try, during one

    def skipping(self) -> bool:
        return self.retry_at is not None and time.monotonic() < self.retry_at

    def failed(self, error: Exception) -> None:
        self.retry_at = time.monotonic() + CACHE_RETRY_SECONDS
        logger.warning(
            "API throttling off for %d s, the cache is unreachable (requests are served "
            "uncounted): %s",
            CACHE_RETRY_SECONDS,
            error,
        )

    def answered(self) -> None:
        if self.retry_at is not None:
            self.retry_at = None
            logger.info("API throttling counts again: the cache answers")


outage = CacheOutage()


class FailOpenThrottle(throttling.SimpleRateThrottle):
    """A throttle that allows the request, uncounted, when its cache fails or times out."""

    def allow_request(self, request, view) -> bool:
        if outage.skipping():
            return True
        try:
            allowed = super().allow_request(request, view)
        except (RedisError, OSError) as error:  # refused, reset or timed out
            outage.failed(error)
            return True
        outage.answered()
        return allowed


class AnonRateThrottle(FailOpenThrottle, throttling.AnonRateThrottle):
    """DRF's throttle of anonymous callers per address (rate "anon")."""


class UserRateThrottle(FailOpenThrottle, throttling.UserRateThrottle):
    """DRF's throttle per person, or per address when anonymous (rate "user")."""
