"""Production logs are one JSON object per line."""

import io
import json
import logging
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import override_settings
from django.urls import reverse

from tests.real_services import require_redis
from tracker.logging import ClientErrorsWithoutTraceback, JsonFormatter


def test_json_formatter_keeps_message_level_and_extra_fields():
    """A record becomes a JSON line with its message, level, logger and extra fields."""
    record = logging.LogRecord(
        "mandates.ingest", logging.INFO, __file__, 1, "ingested %s", ("x.txt",), None
    )
    record.symbol = "A/HRC/RES/59/3"
    line = JsonFormatter().format(record)
    data = json.loads(line)
    assert data["message"] == "ingested x.txt"
    assert (data["level"], data["logger"], data["symbol"]) == (
        "INFO",
        "mandates.ingest",
        "A/HRC/RES/59/3",
    )
    assert "\n" not in line


def test_exceptions_are_kept_in_the_line():
    """An exception's traceback travels inside the JSON object."""
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    data = json.loads(JsonFormatter().format(record))
    assert "ValueError: boom" in data["exception"]


@pytest.mark.django_db
def test_a_permission_denied_is_logged_once_as_one_line(client, django_user_model):
    """A 403 (a viewer opening the import page) gives one log line without a traceback, also
    with DEBUG on, where Django's own console handler used to write it a second time."""
    viewer = django_user_model.objects.create_user("vw", "vw@example.org", "pw", is_staff=True)
    viewer.groups.add(Group.objects.get(name="viewers"))
    client.force_login(viewer)
    # Every stream handler a django.request record can reach writes into one buffer.
    handlers = [
        handler
        for name in ("django.request", "django", "")
        for handler in logging.getLogger(name).handlers
        if type(handler) is logging.StreamHandler  # not pytest's capturing handlers
    ]
    written = io.StringIO()
    previous = [handler.setStream(written) for handler in handlers]
    try:
        with override_settings(DEBUG=True):
            response = client.get(reverse("admin:mandates_resolution_import"))
    finally:
        for handler, stream in zip(handlers, previous, strict=True):
            handler.setStream(stream)
    assert response.status_code == 403
    lines = [line for line in written.getvalue().splitlines() if "Forbidden" in line]
    assert lines == [lines[0]] and "Permission denied" in lines[0]
    assert "Traceback" not in written.getvalue()


def test_a_server_error_keeps_its_traceback():
    """Only client errors lose the traceback: a 500 record keeps it."""
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "x", (), sys.exc_info()
        )
    record.status_code = 500
    ClientErrorsWithoutTraceback().filter(record)
    assert record.exc_info is not None
    record.status_code = 404
    ClientErrorsWithoutTraceback().filter(record)
    assert record.exc_info is None


def test_the_worker_logs_json_lines_when_asked():
    """LOG_FORMAT=json reaches the Celery worker: it had taken over the root logger and
    written its own plain lines (without the redaction filter)."""
    require_redis()
    env = {**os.environ, "LOG_FORMAT": "json", "CELERY_TASK_ALWAYS_EAGER": "0", "DEBUG": "1"}
    env["REDIS_URL"] = settings.REDIS_URL
    worker = subprocess.Popen(
        [
            *(sys.executable, "-m", "celery", "-A", "tracker", "worker", "--pool=solo"),
            *("--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO"),
            f"--hostname=jsonlog-{os.getpid()}@%h",
        ],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    lines: list[str] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = worker.stderr.readline()
            if not line:
                break
            lines.append(line)
            if "ready." in line:
                break
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    logged = [json.loads(line) for line in lines if line.startswith("{")]
    assert any(entry["message"].endswith("ready.") for entry in logged), lines
    assert not [line for line in lines if re.match(r"\[\d{4}-\d\d-\d\d [^]]*: \w+/", line)]
