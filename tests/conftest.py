"""Fixtures shared by the whole suite."""

import os

import pytest
from hypothesis import settings

# Property tests explore new examples on every run here, and print a blob that replays a
# failure (`@reproduce_failure`); CI runs the same examples each time (derandomize), so its
# verdict depends on the code, not on the draw.
settings.register_profile("explore", print_blob=True)
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "explore")

# Helpers whose asserts should explain a failure as a test's own do.
pytest.register_assert_rewrite("tests.ical")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the API's throttling counts requests per user
    id, and SQLite gives a rolled-back test's ids to the next test."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def staff_client(client, django_user_model):
    """A client logged in as a superuser."""
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def editor(django_user_model):
    """A staff member of the "editors" group (what most staff are): no superuser rights."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        "editor", "editor@example.org", "pw", is_staff=True
    )
    user.groups.add(Group.objects.get(name="editors"))
    return user


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1, with Django's SMTP backend pointed at it."""
    from tests.mail import SMTPServer

    server = SMTPServer()
    server.up()
    settings.EMAIL_BACKEND = "tracker.mail.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.handler.release.set()
    server.down()


@pytest.fixture
def broker():
    """Tasks go through the real Redis broker (not in-process) for this test."""
    from tests.real_services import purge_broker, require_redis
    from tracker.celery import app

    require_redis()
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    purge_broker()
    yield app
    purge_broker()
    app.conf.task_always_eager = previous


@pytest.fixture
def dead_broker():
    """Tasks go to a broker nobody answers at (a free port): a Redis outage, for real."""
    from tests.real_services import broker_at, free_port
    from tracker.celery import app

    with broker_at(f"redis://127.0.0.1:{free_port()}/0"):
        yield app


@pytest.fixture
def hung_broker():
    """Tasks go to a broker that takes connections and never answers (`SilentServer`): a
    hung Redis, for real. Whatever still waits on it is freed at the end."""
    from tests.real_services import SilentServer, broker_at

    with SilentServer() as server, broker_at(server.url()):
        yield server


@pytest.fixture
def worker_thread(broker):
    """A real Celery worker (solo pool) consuming from Redis in a thread of this process."""
    from celery.contrib.testing.worker import start_worker
    from celery.signals import task_postrun
    from django.db import connections

    def close_connections(**kwargs):
        connections.close_all()  # the worker thread's own connection; lets the test db go

    task_postrun.connect(close_connections, weak=False)
    try:
        with start_worker(
            broker, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30
        ) as worker:
            yield worker
    finally:
        task_postrun.disconnect(close_connections)


@pytest.fixture
def private_redis():
    """A redis-server of this test's own (see tests/real_services.py), stopped afterwards."""
    from tests.real_services import PrivateRedis

    server = PrivateRedis()
    server.up()
    yield server
    server.down()
