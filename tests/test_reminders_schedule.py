"""The periodic tasks live in the database (django-celery-beat), created by a migration."""

import pytest
from django.conf import settings
from django_celery_beat.models import PeriodicTask

from tracker.celery import app

pytestmark = pytest.mark.django_db


def test_daily_run_at_seven_geneva_time_and_weekly_digest_on_monday():
    """Two crontab rows: every day at 07:00 Europe/Zurich, and Mondays at 07:00."""
    daily = PeriodicTask.objects.get(name="Daily reminders")
    weekly = PeriodicTask.objects.get(name="Weekly reminder digest")
    app.loader.import_default_modules()  # what a worker does at start: autodiscovery
    assert daily.task == "mandates.tasks.reminders_dispatch"
    assert weekly.task == "mandates.tasks.digests_dispatch"
    for task, day_of_week in ((daily, "*"), (weekly, "1")):
        assert task.enabled
        crontab = task.crontab
        assert (crontab.minute, crontab.hour, crontab.day_of_week) == ("0", "7", day_of_week)
        assert str(crontab.timezone) == "Europe/Zurich"
        assert task.task in app.tasks


def test_no_schedule_in_settings():
    """Beat reads the database only; a settings schedule would overwrite admin edits."""
    assert not getattr(settings, "CELERY_BEAT_SCHEDULE", None)
    assert not app.conf.beat_schedule
    assert settings.CELERY_BEAT_SCHEDULER == "django_celery_beat.schedulers:DatabaseScheduler"


def test_the_daily_task_runs_the_service(django_capture_on_commit_callbacks):
    """The scheduled task is a thin wrapper: it decides today's reminders."""
    from mandates.tasks import digests_dispatch, reminders_dispatch

    assert reminders_dispatch.delay("2030-05-01").get() == 0
    assert digests_dispatch.delay("2030-05-06").get() == 0
