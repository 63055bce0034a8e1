"""Helpers for tests that need the real services CI provides: Redis, PostgreSQL, a worker.

Without a service these tests are skipped locally; with CI set they fail instead, so CI can
never silently skip them. `PrivateRedis` is a redis-server of the test's own, on a free port,
that a test may stop and start to see what the project does while Redis is down;
`SilentServer` is a Redis that hangs: it takes connections and never answers.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
import redis
from django.conf import settings
from django.db import connection

from tests.mail import free_port
from tracker.celery import app


def require(condition: bool, reason: str) -> None:
    """Skip locally when a service is missing; fail in CI, where every service must be there."""
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must run this test: {reason}")
    pytest.skip(reason)


def require_redis() -> None:
    require(bool(settings.REDIS_URL), "needs a real Redis broker (set REDIS_URL)")


def require_postgresql() -> None:
    require(connection.vendor == "postgresql", "needs PostgreSQL (set DATABASE_URL)")


def lock_waiters() -> int:
    """How many connections to the test database wait on a lock (PostgreSQL)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


def waiting_for_a_lock() -> bool:
    """Whether a connection to the test database waits on a lock (PostgreSQL): how a race
    test knows the other side reached the point it must wait at."""
    return lock_waiters() > 0


def in_thread(target: Callable[[], object], results: dict, key: str) -> threading.Thread:
    """Run ``target`` in a started thread, its result (or exception) in ``results[key]``,
    with the thread's own database connection closed at its end."""

    def run() -> None:
        try:
            results[key] = target()
        except Exception as error:  # reported by the test, not lost in the thread
            results[key] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def returns_within(seconds: float, target: Callable[[], object]) -> object:
    """``target()``'s result, failing the test if it has not returned after ``seconds``: how
    a test says "does not hang" (the thread left waiting is freed by the fixture that made
    it wait, e.g. `SilentServer.close`)."""
    results: dict = {}
    thread = in_thread(target, results, "result")
    thread.join(seconds)
    assert not thread.is_alive(), f"still waiting after {seconds} s"
    if isinstance(results["result"], Exception):
        raise results["result"]
    return results["result"]


def wait_for(predicate, *, timeout: float = 60, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


@contextmanager
def broker_at(url: str) -> Iterator[None]:
    """Inside the block, tasks (and pings) go through the broker at ``url``, not in-process."""
    previous = (app.conf.broker_url, app.conf.task_always_eager)
    app.conf.broker_url = url
    app.conf.task_always_eager = False
    _forget_broker_connections()
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.task_always_eager = previous
        _forget_broker_connections()


def _forget_broker_connections() -> None:
    """The producer pools are made for one broker URL."""
    app._pool = None
    app.amqp._producer_pool = None


def purge_broker() -> None:
    """Empty the queue and drop unacknowledged messages left by earlier (killed) workers."""
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(app.conf.task_default_queue)
        conn.default_channel.client.delete("unacked", "unacked_index")


class PrivateRedis:
    """A redis-server process of the test's own, on a free port, with nothing saved to disk."""

    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def up(self) -> None:
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        wait_for(self._answers(client), timeout=10, what="the private redis-server")

    @staticmethod
    def _answers(client):
        def ping() -> bool:
            try:
                return bool(client.ping())
            except redis.RedisError:
                return False

        return ping

    def down(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None


class SilentServer:
    """A TCP server on a free port that accepts every connection and never answers: a Redis
    that hangs (a dead one refuses instead). With ``drop``, each connection is closed as
    soon as it is accepted. Counts the connections; `close` drops them all, which ends
    whatever still waits on one."""

    def __init__(self, *, drop: bool = False) -> None:
        self.drop = drop
        self.accepted: list[socket.socket] = []
        self.connections = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:  # closed
                return
            self.connections += 1
            if self.drop:
                conn.close()
            else:
                self.accepted.append(conn)
                self._serve(conn)

    def _serve(self, conn: socket.socket) -> None:
        """What is said on a connection taken: nothing."""

    def close(self) -> None:
        self._listener.close()
        for conn in self.accepted:
            conn.close()

    def __enter__(self) -> SilentServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class HangingRedis(SilentServer):
    """A Redis that answers a connection until its client sends `command` (a Redis command
    name, b"PUBLISH"), then says nothing more on it: a hung Redis that a client gets as far
    as a command into (a `SilentServer` hangs before the first). Each connection is relayed
    to the real Redis at `port` until then; `hung` counts the connections that hung."""

    def __init__(self, *, port: int, command: bytes) -> None:
        self.upstream_port = port
        self.command = b"$%d\r\n%s\r\n" % (len(command), command)  # as a client sends it
        self.hung = 0
        super().__init__()

    def _serve(self, conn: socket.socket) -> None:
        upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
        self.accepted.append(upstream)
        silent = threading.Event()

        def pump(source: socket.socket, target: socket.socket, *, from_client: bool) -> None:
            with contextlib.suppress(OSError):
                while data := source.recv(65536):
                    if from_client and self.command in data.upper() and not silent.is_set():
                        silent.set()
                        self.hung += 1
                    if silent.is_set():
                        continue  # neither the command nor anything after it gets an answer
                    target.sendall(data)

        for source, target, from_client in ((conn, upstream, True), (upstream, conn, False)):
            threading.Thread(
                target=pump, args=(source, target), kwargs={"from_client": from_client}, daemon=True
            ).start()
