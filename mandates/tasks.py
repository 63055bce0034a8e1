"""Thin Celery tasks: they take ids, call a service and own retries."""

import logging
from datetime import date, timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone
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

    Queued after the commit by the schedule services. Only a cache outage is worth a
    retry (with exponential backoff); a miss is harmless, since the view renders on a miss.
    """
    from mandates.services.feeds import feeds_publish_affected

    feeds_publish_affected(deliverable_ids=deliverable_ids, session_ids=session_ids)


@shared_task(ignore_result=True)
def sessions_mark_held(today: str | None = None) -> int:
    """The daily run (06:30 Geneva, scheduled in the database): sessions with announced
    dates that have closed are held; estimated dates stay estimated (see
    `schedule.sessions_mark_held`)."""
    from mandates.services.schedule import sessions_mark_held as mark_held

    day = date.fromisoformat(today) if today else timezone.localdate()
    return mark_held(today=day)


# --- Reminders and digests (mandates/services/reminders.py, digests.py, outgoing.py) ------

logger = logging.getLogger(__name__)


def _retry_in(retries: int) -> timedelta | None:
    """Exponential backoff: base, 2 x base, 4 x base...; None once the last try is spent."""
    if retries >= settings.REMINDER_MAX_RETRIES:
        return None
    return timedelta(seconds=settings.REMINDER_RETRY_BASE_SECONDS * 2**retries)


@shared_task(ignore_result=True)
def reminders_dispatch(today: str | None = None) -> int:
    """The daily run (07:00 Geneva, scheduled in the database): decide and queue reminders."""
    from mandates.services.reminders import reminders_queue_due

    day = date.fromisoformat(today) if today else timezone.localdate()
    return reminders_queue_due(today=day)


def _retry_transient(task, error: Exception, retry_in: timedelta | None):
    """Retry after `retry_in`; REMINDER_MAX_RETRIES is the limit (Celery's own default of 3
    would otherwise end the retries first and leave the rows queued with no task)."""
    if task.request.is_eager:
        # In-process (no broker to hold a delayed retry): the rows stay queued and the next
        # daily run queues them again once REMINDER_REQUEUE_AFTER_MINUTES have passed.
        logger.warning("%s: %s; left queued for the next run", task.name, error)
        return
    if retry_in is None:  # the services raise it only while a try is left
        raise error
    raise task.retry(
        exc=error,
        countdown=retry_in.total_seconds(),
        max_retries=settings.REMINDER_MAX_RETRIES,
    ) from error


def _send_reminders(task, reminder_ids: list[int], today: str | None) -> None:
    from mandates.services import reminders
    from mandates.services.outgoing import TransientSendError

    retry_in = _retry_in(task.request.retries)
    try:
        reminders.reminders_send(
            reminder_ids=reminder_ids,
            today=date.fromisoformat(today) if today else None,
            retry_in=retry_in,
        )
    except TransientSendError as error:
        _retry_transient(task, error, retry_in)


@shared_task(bind=True, ignore_result=True, acks_late=True)
def reminders_send(self, reminder_ids: list[int], today: str | None = None) -> None:
    """Send one person's reminders of the day as one e-mail; retry transient SMTP failures
    with exponential backoff, then the service marks them failed."""
    _send_reminders(self, reminder_ids, today)


@shared_task(bind=True, ignore_result=True, acks_late=True)
def reminder_send(self, reminder_id: int, today: str | None = None) -> None:
    """One reminder (messages queued before `reminders_send` existed, tests)."""
    _send_reminders(self, [reminder_id], today)


@shared_task(ignore_result=True)
def digests_dispatch(today: str | None = None) -> int:
    """The Monday run (scheduled in the database): queue each reader's weekly digest."""
    from mandates.services.digests import digest_send_weekly

    day = date.fromisoformat(today) if today else timezone.localdate()
    return len(digest_send_weekly(today=day))


@shared_task(bind=True, ignore_result=True, acks_late=True)
def digest_send(self, digest_id: int) -> None:
    """Send one weekly digest; retry transient SMTP failures with exponential backoff."""
    from mandates.services import digests
    from mandates.services.outgoing import TransientSendError

    retry_in = _retry_in(self.request.retries)
    try:
        digests.digest_send(digest_id=digest_id, retry_in=retry_in)
    except TransientSendError as error:
        _retry_transient(self, error, retry_in)
