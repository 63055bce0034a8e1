"""`manage.py status` tells an operator where reminders and feeds stand."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from mandates.models import ReminderLog
from tests import factories
from tests.real_services import free_port

pytestmark = pytest.mark.django_db


def _status() -> str:
    """The report; with a broker configured and no worker running (the tests), the
    command ends by saying the worker is in error."""
    out = StringIO()
    try:
        call_command("status", stdout=out)
    except CommandError as error:
        assert str(error) == "in error: celery" and "celery: error" in out.getvalue()
    return out.getvalue()


def test_status_reports_health_reminders_and_feeds(client):
    """The report names each component, the reminder counts, and which feeds are cached."""
    from django.core.cache import cache

    cache.clear()
    deliverable = factories.DeliverableFactory()
    contact = factories.ContactFactory()
    ReminderLog.objects.create(
        deliverable=deliverable,
        recipient=contact,
        reminder="before:7",
        due_date="2027-01-01",
        status="failed",
        last_error="SMTP down",
    )
    text = _status()
    assert "database: ok" in text
    assert "failed 1" in text and "SMTP down" in text
    assert "[all]: not cached" in text
    client.get(reverse("mandates:feed_all"))
    assert "[all]: cached" in _status()


def test_status_exits_1_and_says_why_when_the_database_is_down():
    """A monitor runs `status`: with the database down it printed the health section, then
    a traceback, and exited 0. Now it says what is wrong, in one line, and exits 1."""
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{free_port()}/nothing",
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "status"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "database: error" in result.stdout
    assert "Traceback" not in result.stderr
    assert "the database is not reachable" in result.stderr
