"""Settings come from the environment and pass Django's deployment checklist."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    unset = {
        "DEBUG",
        "SECRET_KEY",
        "SECURE_SSL_REDIRECT",
        "STATIC_MANIFEST",
        "CELERY_TASK_ALWAYS_EAGER",
    }
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    """With DEBUG off, a real secret key and HTTPS, `check --deploy` reports no issue."""
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="x" * 20 + "a-long-random-production-key-0123456789",
        ALLOWED_HOSTS="mandates.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_secret_key_is_required_when_debug_is_off():
    """Without SECRET_KEY and DEBUG the project refuses to start, naming the variable."""
    result = _manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_embedded_default_needs_nothing():
    """With only DEBUG=1 the project uses SQLite, the console mail backend and eager Celery."""
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.EMAIL_BACKEND, s.CELERY_TASK_ALWAYS_EAGER, s.TIME_ZONE)"
    )
    env = {"DEBUG": "1", "DATABASE_URL": "", "REDIS_URL": "", "EMAIL_URL": ""}
    result = _manage("shell", "--no-imports", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "django.core.mail.backends.console.EmailBackend",
        "True",
        "Europe/Zurich",
    ]


def test_celery_keeps_the_time_zone_of_the_settings():
    """Celery (beat's clock) follows TIME_ZONE (it was fixed to Europe/Zurich whatever the
    installation set)."""
    code = "from tracker.celery import app; print(app.conf.timezone)"
    env = {"DEBUG": "1", "DATABASE_URL": "", "REDIS_URL": "", "TIME_ZONE": "America/New_York"}
    result = _manage("shell", "--no-imports", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["America/New_York"]


def test_the_broker_gives_up_on_a_hung_redis():
    """The broker's connections bound connecting and every socket operation (a hung Redis
    held an admin save, ingest and send_reminders for ever), above the worker's 1 s wait
    for tasks, and a task is handed over at most twice."""
    from tracker.celery import app

    options = app.conf.broker_transport_options
    assert options["socket_connect_timeout"] == settings.BROKER_CONNECT_TIMEOUT == 1.0
    assert options["socket_timeout"] == settings.BROKER_SOCKET_TIMEOUT == 2.0
    assert options["visibility_timeout"] == 3600
    assert app.conf.task_publish_retry_policy["max_retries"] == 1


def test_embedded_default_broker_logs_no_warning():
    """With no REDIS_URL the in-process broker is named in full: kombu warned "No hostname
    was supplied" for a bare "memory://" on every `make demo`."""
    code = (
        "import logging; logging.basicConfig();"
        "from tracker.celery import app;"
        "app.connection_for_write().info();"
        "print(app.conf.broker_url)"
    )
    env = {"DEBUG": "1", "DATABASE_URL": "", "REDIS_URL": "", "EMAIL_URL": ""}
    result = _manage("shell", "--no-imports", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("memory://")
    assert "WARNING" not in result.stderr, result.stderr


@pytest.mark.django_db
def test_health_endpoint_reports_components(client):
    """/health/ answers with the state of the database, cache and Celery."""
    from django.core.cache import cache

    from mandates.services.health import CELERY_STATE_CACHE_KEY

    cache.delete(CELERY_STATE_CACHE_KEY)  # an earlier test's answer, kept for a while
    response = client.get("/health/")
    body = response.json()
    assert body["database"] == "ok"
    assert body["cache"] == "ok"
    if settings.REDIS_URL:  # a broker but no worker in this test: the page says so with 503
        assert body["celery"] == "error"  # the details are for staff
        assert response.status_code == 503
    else:
        assert body["celery"].startswith("skipped")
        assert response.status_code == 200


def test_the_cache_uses_another_redis_database_than_the_broker():
    """CACHE_REDIS_URL defaults to REDIS_URL's server with the next database number (15: 14)."""
    code = (
        "from django.conf import settings as s;"
        "print(s.CELERY_BROKER_URL, s.CACHES['default']['LOCATION'])"
    )
    for broker, cache in (
        ("redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/1"),
        ("redis://127.0.0.1:6379", "redis://127.0.0.1:6379/1"),
        ("redis://127.0.0.1:6379/15", "redis://127.0.0.1:6379/14"),
    ):
        env = {"DEBUG": "1", "REDIS_URL": broker, "CACHE_REDIS_URL": ""}
        result = _manage("shell", "--no-imports", "-c", code, **env)
        assert result.returncode == 0, result.stderr
        assert result.stdout.split() == [broker, cache]
    env = {"DEBUG": "1", "REDIS_URL": "redis://r:6379/0", "CACHE_REDIS_URL": "redis://c:6379/3"}
    result = _manage("shell", "--no-imports", "-c", code, **env)
    assert result.stdout.split() == ["redis://r:6379/0", "redis://c:6379/3"]


def test_a_worker_setup_without_a_broker_is_refused_at_start():
    """CELERY_TASK_ALWAYS_EAGER=0 without REDIS_URL sent every task to an in-memory queue
    no worker reads: reminders reported "queued" and lost. It now refuses to start."""
    result = _manage("check", DEBUG="1", CELERY_TASK_ALWAYS_EAGER="0", REDIS_URL="")
    assert result.returncode != 0
    assert "CELERY_TASK_ALWAYS_EAGER=0 needs REDIS_URL" in result.stderr
    assert _manage("check", DEBUG="1", CELERY_TASK_ALWAYS_EAGER="1", REDIS_URL="").returncode == 0


# Run in a project on its own SQLite file: one connection holds a write for a second while
# the admin saves a deliverable.
_SAVE_WHILE_ANOTHER_WRITES = """
import sqlite3, threading, time
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.test.utils import setup_test_environment
from mandates.models import Deliverable
from mandates.services.ingest import resolution_ingest_path
from tests.samples import HRC_EXAMPLE

setup_test_environment()  # responses carry their context
call_command("migrate", verbosity=0)
resolution_ingest_path(path=HRC_EXAMPLE)
report = Deliverable.objects.filter(kind="report").first()
client = Client(raise_request_exception=False)
client.force_login(User.objects.create_superuser("admin", "admin@example.org", "pw"))
url = f"/admin/mandates/deliverable/{report.pk}/change/"
form = client.get(url).context["adminform"].form
data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list | dict)}
data.update(mandate=report.mandate_id, alternatives="[]", review_reasons="[]",
            due_session=report.due_session_id, count=1, title="Saved while another wrote")
data.update({"comments-TOTAL_FORMS": 0, "comments-INITIAL_FORMS": 0})

holding = threading.Event()
def another_write():
    other = sqlite3.connect(settings.DATABASES["default"]["NAME"], isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE mandates_resolution SET title = title")
    holding.set()
    time.sleep(1)
    other.execute("COMMIT")
thread = threading.Thread(target=another_write)
thread.start()
holding.wait()
response = client.post(url, data)
thread.join()
report.refresh_from_db()
print(response.status_code, report.title)
"""


def test_an_admin_save_waits_for_another_write_on_sqlite(tmp_path):
    """On the SQLite default an admin save while another connection writes waits for the
    lock and saves: a deferred transaction failed at once with "database is locked" (500)."""
    env = {
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "REDIS_URL": "",
        "EMAIL_URL": "",
    }
    result = _manage("shell", "--no-imports", "-c", _SAVE_WHILE_ANOTHER_WRITES, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "302 Saved while another wrote", result.stderr


def test_sqlite_waits_for_the_write_lock_and_postgresql_is_untouched():
    """SQLite transactions take the write lock at BEGIN and wait for it, with WAL; a
    PostgreSQL DATABASE_URL gets none of these options."""
    code = "from django.conf import settings as s; print(sorted(s.DATABASES['default']['OPTIONS'].items()))"
    sqlite = _manage("shell", "--no-imports", "-c", code, DEBUG="1", DATABASE_URL="")
    assert sqlite.returncode == 0, sqlite.stderr
    assert "('transaction_mode', 'IMMEDIATE')" in sqlite.stdout
    assert "journal_mode=WAL" in sqlite.stdout
    postgres = _manage(
        "shell", "--no-imports", "-c", code, DEBUG="1", DATABASE_URL="postgres://u@h:5432/d"
    )
    assert postgres.returncode == 0, postgres.stderr
    assert "transaction_mode" not in postgres.stdout and "journal_mode" not in postgres.stdout


@pytest.mark.parametrize(("environment", "workers"), [({}, 2), ({"GUNICORN_WORKERS": "4"}, 4)])
def test_gunicorn_reads_its_variables_from_dot_env_too(tmp_path, environment, workers):
    """QA: GUNICORN_WORKERS=2 in `.env` booted 3 workers: gunicorn's config read the
    environment before Django had read `.env`. gunicorn, started as docker/start-web starts
    it, in a copy of the project whose `.env` says 2, now resolves 2 workers; a variable the
    environment sets still wins over `.env`, as for the settings."""
    shutil.copytree(ROOT / "tracker", tmp_path / "tracker")
    (tmp_path / ".env").write_text("DEBUG=1\nGUNICORN_WORKERS=2\n")
    clean = {k: v for k, v in os.environ.items() if k not in {"GUNICORN_WORKERS", "DEBUG"}}
    clean["PYTHONPATH"] = os.pathsep.join([str(tmp_path), str(ROOT)])  # tracker/ is the copy
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "tracker.wsgi",
            "--config",
            "python:tracker.gunicorn",
            "--print-config",
        ],
        cwd=tmp_path,
        env={**clean, **environment},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^workers\s*=\s*(\d+)$", result.stdout, re.MULTILINE)[1] == str(workers)
