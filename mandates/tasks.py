"""Thin Celery tasks: they take ids, call a service and own retries."""

from celery import shared_task
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError


@shared_task(
    ignore_result=True,
    autoretry_for=(RedisConnectionError, RedisTimeoutError),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=5,
)
def feeds_rebuild(*, deliverable_ids: list[int], session_ids: list[int]) -> None:
    """Re-render into the cache the feeds that show these deliverables or sessions.

    Queued with `delay_on_commit` by the schedule services. Only a cache outage is worth a
    retry (with exponential backoff); a miss is harmless, since the view renders on a miss.
    """
    from mandates.services.feeds import feeds_publish_affected

    feeds_publish_affected(deliverable_ids=deliverable_ids, session_ids=session_ids)
