"""Thin Celery tasks: they take ids, call a service and own retries."""

from celery import shared_task


@shared_task(ignore_result=True)
def feeds_rebuild(*, deliverable_ids: list[int], session_ids: list[int]) -> None:
    """Re-render into the cache the feeds that show these deliverables or sessions."""
    from mandates.services.feeds import feeds_publish_affected

    feeds_publish_affected(deliverable_ids=deliverable_ids, session_ids=session_ids)
