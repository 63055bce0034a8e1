"""Is the installation healthy? Database, cache/broker and Celery workers."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import connection


def health_check() -> dict[str, str]:
    """Each component maps to "ok", "skipped (...)" or the error a person should read."""
    status: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        status["database"] = "ok"
    except Exception as error:  # report, never raise: this is the health page
        status["database"] = f"error: {error}"
    try:
        cache.set("health-check", "ok", 10)
        status["cache"] = "ok" if cache.get("health-check") == "ok" else "error: cache lost a value"
    except Exception as error:
        status["cache"] = f"error: {error}"
    if not settings.REDIS_URL:
        status["celery"] = "skipped (no REDIS_URL: tasks run in-process)"
    else:
        from tracker.celery import app

        try:
            replies = app.control.inspect(timeout=1.0).ping() or {}
            status["celery"] = (
                f"ok ({len(replies)} worker(s))" if replies else "error: no worker answered"
            )
        except Exception as error:
            status["celery"] = f"error: {error}"
    return status


def health_is_ok(status: dict[str, str]) -> bool:
    return all(not value.startswith("error") for value in status.values())
