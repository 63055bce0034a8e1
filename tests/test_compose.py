"""docker-compose.yml agrees with the settings (Docker cannot run here, so read it)."""

import os
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SETTINGS = (ROOT / "tracker" / "settings.py").read_text()


def test_the_full_stack_is_there():
    """postgres, redis, web, worker, beat and a mail catcher are defined."""
    assert set(COMPOSE["services"]) >= {"postgres", "redis", "web", "worker", "beat", "mailpit"}


def test_every_app_variable_is_read_by_the_settings():
    """Each environment variable given to the app containers is one the settings read."""
    read = set(re.findall(r'env(?:\.\w+)?\("([A-Z_]+)"', SETTINGS))
    for name in ("web", "worker", "beat"):
        variables = set(COMPOSE["services"][name]["environment"])
        assert variables <= read, variables - read
        assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "EMAIL_URL"} <= variables


def test_every_variable_the_project_reads_is_documented():
    """Each environment variable tracker/ reads (settings, gunicorn's config) has its row in
    README's Configuration table (GUNICORN_WORKERS was read and documented nowhere)."""
    read = set()
    for path in (ROOT / "tracker").glob("*.py"):
        text = path.read_text()
        read |= set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', text))
        read |= set(re.findall(r'os\.environ(?:\.get)?[(\[]\s*"([A-Z_]+)"', text))
    assert "GUNICORN_WORKERS" in read
    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\|[^|]*", table, flags=re.MULTILINE))
    missing = {name for name in read if not any(f"`{name}`" in cell for cell in documented)}
    assert not missing, missing


def test_the_web_healthcheck_gives_the_migrations_time():
    """web migrates before gunicorn listens: without a start period, three failed checks
    (90 s) marked it unhealthy during a long migration, and worker and beat never started."""
    healthcheck = COMPOSE["services"]["web"]["healthcheck"]
    period = re.fullmatch(r"(\d+)([sm])", healthcheck["start_period"])
    assert period, healthcheck["start_period"]
    seconds = int(period[1]) * (60 if period[2] == "m" else 1)
    assert seconds >= 600


def test_database_and_broker_urls_point_at_the_services():
    """DATABASE_URL names the postgres service and REDIS_URL the redis service."""
    env = COMPOSE["services"]["web"]["environment"]
    assert "@postgres:5432/" in env["DATABASE_URL"]
    assert env["REDIS_URL"].startswith("redis://redis:6379/")
    # the mail catcher unless .env names a real mail server (a fixed value would hide it)
    assert env["EMAIL_URL"] == "${EMAIL_URL:-smtp://mailpit:1025}"


@pytest.mark.django_db
def test_the_health_check_is_answered_over_plain_http_when_https_is_required(client, settings):
    """SECURE_SSL_REDIRECT, as production sets it, must not send the container's own check
    to the public https name; every other page is redirected."""
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/health/").status_code in (200, 503)
    assert client.get("/").status_code == 301


def test_commands_run_gunicorn_migrations_worker_and_database_beat():
    """web migrates then serves with gunicorn; worker and beat run Celery; beat reads the database."""
    services = COMPOSE["services"]
    start_web = (ROOT / services["web"]["command"][0].removeprefix("/app/")).read_text()
    assert "manage.py migrate" in start_web and "exec gunicorn tracker.wsgi" in start_web
    assert services["worker"]["command"][:4] == ["celery", "-A", "tracker", "worker"]
    beat = services["beat"]["command"]
    assert beat[:4] == ["celery", "-A", "tracker", "beat"]
    assert "django_celery_beat.schedulers:DatabaseScheduler" in beat
    assert "django_celery_beat.schedulers:DatabaseScheduler" in SETTINGS


def test_one_image_and_persistent_volumes():
    """web, worker and beat share one image; data lives in named volumes."""
    images = {COMPOSE["services"][name]["image"] for name in ("web", "worker", "beat")}
    assert len(images) == 1
    assert {"postgres-data", "media"} <= set(COMPOSE["volumes"])


def test_web_port_is_reachable_from_this_host_only():
    """The app trusts proxy headers when told to, so its port is published on 127.0.0.1
    only: a client elsewhere cannot bypass the proxy and forge X-Forwarded-Proto/-For."""
    ports = COMPOSE["services"]["web"]["ports"]
    assert ports and all(str(port).startswith("127.0.0.1:") for port in ports)
    assert "BEHIND_HTTPS_PROXY" in COMPOSE["services"]["web"]["environment"]
    start_web = (ROOT / "docker" / "start-web").read_text()
    assert "--config python:tracker.gunicorn" in start_web


def test_secrets_stay_out_of_the_image_and_ports_stay_local():
    """`COPY . .` must not put `.env` (the SECRET_KEY) in an image layer, and every published
    port is on 127.0.0.1: caught reminders hold links that open private pages."""
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert ".env" in ignored
    for name, service in COMPOSE["services"].items():
        for port in service.get("ports", []):
            assert str(port).startswith("127.0.0.1:"), (name, port)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "healthy"),
    [
        ({"database": "ok", "cache": "ok", "celery": "ok"}, True),
        ({"database": "ok", "cache": "ok", "celery": "error: no worker answered"}, True),
        ({"database": "error: connection refused", "cache": "ok", "celery": "ok"}, False),
    ],
)
def test_the_web_healthcheck_asks_the_web_not_the_worker(client, monkeypatch, status, healthy):
    """web is healthy while its database answers, even when /health/ says 503 because the
    worker is down (worker and beat wait for web's migrations through it). The script reads
    what /health/ answers, served from a local socket with its status and body."""
    monkeypatch.setattr("mandates.views.health_check", lambda: status)
    answer = client.get("/health/")
    assert answer.status_code == (200 if all(v == "ok" for v in status.values()) else 503)
    hosts = []

    class Health(BaseHTTPRequestHandler):
        def do_GET(self):
            hosts.append(self.headers["Host"])
            self.send_response(answer.status_code)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(answer.content)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Health)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        env = {
            **os.environ,
            "HEALTHCHECK_URL": f"http://127.0.0.1:{server.server_port}/health/",
            "ALLOWED_HOSTS": "mandates.example.org",
        }
        check = ROOT / "docker" / "healthcheck-web"
        result = subprocess.run(
            [sys.executable, str(check)], env=env, capture_output=True, text=True, timeout=30
        )
    finally:
        server.shutdown()
    assert (result.returncode == 0) == healthy, result.stderr
    assert hosts == ["mandates.example.org"]  # a host the deployment allows
    assert COMPOSE["services"]["web"]["healthcheck"]["test"] == [
        "CMD",
        "python",
        "/app/docker/healthcheck-web",
    ]
    for name in ("worker", "beat"):
        assert COMPOSE["services"][name]["depends_on"]["web"]["condition"] == "service_healthy"
