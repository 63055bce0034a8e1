"""Where the project's variables come from: the process's environment, then a `.env` file
beside manage.py for what the environment does not set.

One place for both readers: Django's settings and gunicorn's configuration
(tracker/gunicorn.py), which gunicorn reads before Django starts, so a variable it reads
(GUNICORN_WORKERS) in `.env` was ignored.
"""

from __future__ import annotations

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
ENV_FILE = BASE_DIR / ".env"


def project_env() -> environ.Env:
    """The environment reader, with `.env` read into os.environ (never over a variable
    the environment sets)."""
    environ.Env.read_env(ENV_FILE, overwrite=False)
    return environ.Env()
