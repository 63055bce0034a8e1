"""gunicorn settings: `gunicorn tracker.wsgi -c python:tracker.gunicorn`.

Its access and error logs go through the same filter as Django's (tracker/logging.py), so
no log line carries a private calendar link's secret.
"""

from __future__ import annotations

import os

from gunicorn.glogging import Logger

from tracker.logging import RedactSecretsFilter

logger_class = "tracker.gunicorn.RedactingLogger"
accesslog = "-"
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))


class RedactingLogger(Logger):
    """gunicorn's logger with private feed secrets taken out of every line."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        for log in (self.error_log, self.access_log):
            if not any(isinstance(f, RedactSecretsFilter) for f in log.filters):
                log.addFilter(RedactSecretsFilter())
