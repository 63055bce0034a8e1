"""gunicorn settings: `gunicorn tracker.wsgi -c python:tracker.gunicorn`.

Its access and error logs go through the same filter as Django's (tracker/logging.py), so
no log line carries a private calendar link's secret. Its variables come from the
environment or `.env`, as the settings' do (tracker/environment.py).
"""

from __future__ import annotations

from gunicorn.glogging import Logger

from tracker.environment import project_env
from tracker.logging import RedactSecretsFilter

_env = project_env()  # the environment, then `.env`, as the settings read them

logger_class = "tracker.gunicorn.RedactingLogger"
accesslog = "-"
workers = _env.int("GUNICORN_WORKERS", default=3)


class RedactingLogger(Logger):
    """gunicorn's logger with private feed secrets taken out of every line."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(f, RedactSecretsFilter) for f in log.filters):
                log.addFilter(RedactSecretsFilter())
