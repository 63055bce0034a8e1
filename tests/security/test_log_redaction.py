"""Private calendar secrets never reach a log: Django's handlers, gunicorn's access and error
logs (the real gunicorn, with the project's configuration)."""

import io
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tracker.logging import RedactSecretsFilter

ROOT = Path(__file__).resolve().parents[2]
SECRET = "s3cretTokenValue_-0123456789abcdefghijklmnop"
URL = f"/feeds/private/{SECRET}.ics"


@pytest.mark.django_db
def test_django_logs_carry_no_private_feed_secret(client):
    """An unknown private feed is a 404 that Django logs ("Not Found: <path>"): the console
    handler configured in settings writes it without the secret."""
    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, RedactSecretsFilter) for f in h.filters)
    )
    written = io.StringIO()
    previous = handler.setStream(written)
    try:
        assert client.get(URL).status_code == 404
    finally:
        handler.setStream(previous)
    text = written.getvalue()
    assert "Not Found: /feeds/private/[redacted].ics" in text
    assert SECRET not in text


def test_extra_fields_and_tracebacks_are_redacted_too():
    """The request passed as an extra field and a traceback naming the URL lose the secret."""
    try:
        raise ValueError(f"failed on {URL}")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "%s", (URL,), sys.exc_info())
    record.request = f"<WSGIRequest: GET '{URL}'>"
    RedactSecretsFilter().filter(record)
    assert SECRET not in record.getMessage()
    assert SECRET not in record.request
    assert SECRET not in record.exc_text and "[redacted]" in record.exc_text


@pytest.mark.parametrize(
    "url",
    [
        f"/deliverables/0f0e0d0c-0b0a-4908-8706-050403020100/?for={SECRET}",
        f"/deliverables/0f0e0d0c-0b0a-4908-8706-050403020100.ics?page=1&for={SECRET}",
        f"/reminders/stop/{SECRET}/",
        f"/login/?next=/deliverables/x/%3Ffor%3D{SECRET}",
    ],
)
def test_reader_and_opt_out_tokens_are_redacted(url):
    """An e-mail's reader token (it opens a page that is not public) and a reminder opt-out
    token stay out of the logs too, as Django's 404 record passes the request with its query."""
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "Not Found: %s", (url,), None)
    record.request = f"<WSGIRequest: GET '{url}'>"
    RedactSecretsFilter().filter(record)
    assert SECRET not in record.getMessage() and "[redacted]" in record.getMessage()
    assert SECRET not in record.request


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_gunicorn_access_and_error_logs_carry_no_secret(tmp_path):
    """The real gunicorn, started as docker/start-web starts it, logs the request (access
    log) and the server error it caused (an empty database: error log) without the secret."""
    port = _free_port()
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "log-redaction-test",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "REDIS_URL": "",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_MANIFEST": "0",
        "GUNICORN_WORKERS": "1",
        "DJANGO_SETTINGS_MODULE": "tracker.settings",
    }
    log = tmp_path / "gunicorn.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "tracker.wsgi",
                "--config",
                "python:tracker.gunicorn",
                "--bind",
                f"127.0.0.1:{port}",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            status = None
            for _ in range(100):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}{URL}", timeout=5)
                except urllib.error.HTTPError as error:
                    status = error.code
                    break
                except OSError:
                    time.sleep(0.2)
            assert status == 500  # no tables: the view fails, as a real fault would
        finally:
            server.terminate()
            server.wait(timeout=20)
    text = log.read_text()
    assert '"GET /feeds/private/[redacted].ics HTTP/1.1" 500' in text  # access log
    assert "Internal Server Error: /feeds/private/[redacted].ics" in text  # error log
    assert SECRET not in text
