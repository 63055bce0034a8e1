"""Settings for Mandate Tracker, read from the environment.

With nothing configured the project runs on SQLite, prints e-mail to the console and runs
Celery tasks in-process. Set DATABASE_URL, REDIS_URL and the EMAIL_* variables to run on
PostgreSQL, Redis and a real Celery worker. See README.md for the table of variables.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from tracker.environment import BASE_DIR, project_env

env = project_env()

# --- Core --------------------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)
# A secret key is required when DEBUG is off; the fallback only serves local development.
SECRET_KEY = env("SECRET_KEY", default="") or (
    "insecure-development-key-never-use-in-production" if DEBUG else ""
)
if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY in the environment (or DEBUG=1 for development).")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Public pages and feeds show what staff confirmed; on: unreviewed proposals too.
PUBLIC_SHOWS_PROPOSALS = env.bool("PUBLIC_SHOWS_PROPOSALS", default=False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_celery_beat",
    "simple_history",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_filters",
    "axes",
    "mandates",
]

MIDDLEWARE = [
    "tracker.middleware.RejectNulBytesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "tracker.middleware.FeedsRebuildOncePerRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into a 429 answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tracker.urls"
WSGI_APPLICATION = "tracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database ----------------------------------------------------------------------------
# https://django-environ.readthedocs.io/en/latest/types.html#environ-env-db-url
DATABASES = {
    "default": env.db_url_config(
        env("DATABASE_URL", default="") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # https://docs.djangoproject.com/en/5.2/ref/databases/#sqlite-transaction-behavior
    # SQLite's default (deferred) transactions read first and take the write lock later:
    # when another connection writes meanwhile (an ingest, a second save) the upgrade fails
    # at once with "database is locked", without waiting. A transaction that takes the
    # write lock at BEGIN waits up to SQLITE_TIMEOUT seconds instead; WAL lets readers
    # go on while one connection writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env.float("SQLITE_TIMEOUT", default=30.0),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and Celery --------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")


def _other_redis_db(url: str) -> str:
    """The same Redis server, the next database number (db 15: 14), so flushing or filling
    the cache never touches the broker's queue."""
    parts = urlsplit(url)
    number = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{number + 1 if number < 15 else number - 1}"))


# The feed cache: by default REDIS_URL's server with another database number.
CACHE_REDIS_URL = env("CACHE_REDIS_URL", default="") or (
    _other_redis_db(REDIS_URL) if REDIS_URL else ""
)
if CACHE_REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_REDIS_URL,
            # A dead or hung Redis costs a request one second, then feeds render from the
            # database (mandates/services/feeds.py).
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# https://docs.celeryq.dev/en/stable/userguide/configuration.html
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
if not CELERY_TASK_ALWAYS_EAGER and not REDIS_URL:
    raise ImproperlyConfigured(
        "CELERY_TASK_ALWAYS_EAGER=0 needs REDIS_URL: without a broker every task (reminders,"
        " feed rebuilds) would be handed to an in-memory queue no worker reads, and lost"
    )
# The worker logs through LOGGING (JSON with LOG_FORMAT=json, secrets redacted), not
# through a root logger of Celery's own.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True  # a worker that dies mid-task leaves the message for another
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A Redis that accepts connections and never answers (or stops answering) must not hold a
# person's save, a command or the daily run: every socket operation on the broker's
# connections ends after BROKER_SOCKET_TIMEOUT, a connection attempt after
# BROKER_CONNECT_TIMEOUT, and a task that cannot be handed over is retried once (a pooled
# connection Redis closed meanwhile) before the caller's "broker unreachable" path. The
# worker waits for tasks through its event loop (kombu's BRPOP, 1 s), which the socket
# timeout does not cut short; it is kept above that wait all the same.
# https://docs.celeryq.dev/projects/kombu/en/stable/reference/kombu.transport.redis.html
BROKER_CONNECT_TIMEOUT = env.float("BROKER_CONNECT_TIMEOUT", default=1.0)
BROKER_SOCKET_TIMEOUT = env.float("BROKER_SOCKET_TIMEOUT", default=2.0)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "socket_connect_timeout": BROKER_CONNECT_TIMEOUT,
    "socket_timeout": BROKER_SOCKET_TIMEOUT,
}
# https://docs.celeryq.dev/en/stable/userguide/configuration.html#task-publish-retry-policy
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
# Periodic tasks live in the database (django-celery-beat), editable in the admin.
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# --- Health (/health/, mandates/services/health.py) -------------------------------------
# Seconds to wait for a Celery worker's answer, and to remember it between checks. The page
# waits less than the status command: a worker on the broker answers a ping in milliseconds,
# and a monitor polling /health/ should not tie a web worker up for a second.
HEALTH_CELERY_TIMEOUT = env.float("HEALTH_CELERY_TIMEOUT", default=1.0)
HEALTH_PAGE_CELERY_TIMEOUT = env.float("HEALTH_PAGE_CELERY_TIMEOUT", default=0.2)
HEALTH_CELERY_CACHE_SECONDS = env.int("HEALTH_CELERY_CACHE_SECONDS", default=30)

# --- E-mail ------------------------------------------------------------------------------
# https://django-environ.readthedocs.io/en/latest/types.html#environ-env-email-url
EMAIL_CONFIG = env.email_url_config(env("EMAIL_URL", default="") or "consolemail://")
vars().update(EMAIL_CONFIG)
if EMAIL_CONFIG["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend":
    # The same backend, which also tells a message the server may have accepted (tracker/mail.py).
    EMAIL_BACKEND = "tracker.mail.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Mandate Tracker <mandates@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)

# --- Reminders and digests (mandates/services/reminders.py, outgoing.py) ----------------
# Offsets, overdue and escalation policy are data (admin: reminder rules, reminder policy);
# these are operating limits. A transient SMTP failure is retried after base, 2 x base,
# 4 x base... seconds (kept well under the broker's visibility timeout), then marked failed.
REMINDER_RETRY_BASE_SECONDS = env.float("REMINDER_RETRY_BASE_SECONDS", default=60)
REMINDER_MAX_RETRIES = env.int("REMINDER_MAX_RETRIES", default=5)
# A row still queued or sending after this long lost its worker or its message: the next
# daily run queues it again. Must exceed the longest SMTP attempt (EMAIL_TIMEOUT).
REMINDER_REQUEUE_AFTER_MINUTES = env.int("REMINDER_REQUEUE_AFTER_MINUTES", default=30)

# History pages show every change and revert none (mandates.admin.common.HistoryAdmin): a
# revert skipped what a save from the page does (owned fields, calendars, due dates).
SIMPLE_HISTORY_REVERT_DISABLED = True

# --- Auth --------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes (https://django-axes.readthedocs.io/en/latest/4_configuration.html): after
# AXES_FAILURE_LIMIT wrong passwords for one username from one address, that pair is locked
# out of /login/ and /admin/login/ for AXES_COOLOFF_MINUTES (answer 429). Staff unlock
# sooner in the admin (Axes: Access attempts, delete) or with `manage.py axes_reset`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# No start-up banner: every manage.py command would print it on stderr.
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "tracker.security.client_ip"
# The site's own sign-in page: anyone with an account (the admin's takes staff only).
LOGIN_URL = "mandates:login"
LOGIN_REDIRECT_URL = "/"

# --- Internationalisation ----------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = env("TIME_ZONE", default="Europe/Zurich")
# Celery (beat's clock, a crontab without a zone of its own) keeps the same time. The
# periodic tasks' crontabs carry their own zone, Europe/Zurich (migration 0006), edited
# in the admin with the schedule.
CELERY_TIMEZONE = TIME_ZONE
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files -----------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Hashed, compressed static files need `collectstatic`; development and tests serve them as is.
STATIC_MANIFEST = env.bool("STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
# Uploaded resolutions: refuse anything larger (also enforced by the ingest service).
MAX_UPLOAD_BYTES = env.int("MAX_UPLOAD_BYTES", default=20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES
# /export.csv lists at most this many deliverables (then a row says the list was cut).
EXPORT_MAX_ROWS = env.int("EXPORT_MAX_ROWS", default=5000)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Security (https://docs.djangoproject.com/en/5.2/howto/deployment/checklist/) --------
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# The container's own health check asks over plain HTTP on the app port, not through the
# proxy: a redirect to the public https name would fail it (and hold back worker and beat).
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
# Only behind a TLS-terminating proxy that sets X-Forwarded-Proto and X-Forwarded-For, and
# only when the app port is reachable through that proxy alone: otherwise anyone could
# claim HTTPS or another address (the login lockout counts per address).
BEHIND_HTTPS_PROXY = env.bool("BEHIND_HTTPS_PROXY", default=False)
if BEHIND_HTTPS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
# A form sent with an expired token gets the site's page saying so (templates/403_csrf.html).
# https://docs.djangoproject.com/en/5.2/ref/settings/#csrf-failure-view
CSRF_FAILURE_VIEW = "mandates.pages.csrf_failure"
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp, https://django-csp.readthedocs.io/): everything from
# this site only, no inline script or style; a template that needs an inline script gives
# it nonce="{{ request.csp_nonce }}".
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- API ---------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Token first: a request without credentials, or with a bad token, gets 401 and
    # "WWW-Authenticate: Token", which token clients act on (session auth alone gives 403).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "mandates.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    # `?format=xml` answers 400 naming the formats, as a bad filter does (DRF: 404).
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "mandates.negotiation.FormatChecked",
    "DEFAULT_PAGINATION_CLASS": "mandates.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    # Whose address the anonymous throttle counts: X-Forwarded-For only from our own proxy.
    "NUM_PROXIES": 1 if BEHIND_HTTPS_PROXY else 0,
    # Per person (or per address when anonymous); over the rate the API answers 429. The
    # counts are in the cache; while it cannot be reached requests go uncounted
    # (mandates/throttling.py).
    "DEFAULT_THROTTLE_CLASSES": [
        "mandates.throttling.AnonRateThrottle",
        "mandates.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="60/minute"),
        "user": env("API_THROTTLE_USER", default="600/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Mandate Tracker API",
    "DESCRIPTION": "Read-only access to resolutions, deliverables and sessions.",
    "VERSION": "1",
    # Sessions (and their parts) and resolutions both have a "status", deliverables and
    # session parts a "kind": name each set once, deliverables' kinds as before parts came.
    "ENUM_NAME_OVERRIDES": {
        "KindEnum": "mandates.models.Deliverable.Kind",
        "SessionPartKindEnum": "mandates.models.SessionPart.Kind",
        "SessionStatusEnum": "mandates.models.SessionDates.Status",
        "ResolutionStatusEnum": "mandates.models.Resolution.Status",
    },
    # Every operation's 400/401/404/406/429 answers and their JSON, and `format`.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "mandates.api_errors.schema_error_responses",
    ],
}

# --- Logging -----------------------------------------------------------------------------
LOG_LEVEL = env("LOG_LEVEL", default="INFO")
LOG_FORMAT = env("LOG_FORMAT", default="plain")  # "json": one JSON object per line
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "tracker.logging.JsonFormatter"},
    },
    # Private calendar links are secrets: no log line carries one (tracker/logging.py).
    # A 4xx is logged as one line, without the traceback of the exception behind it.
    "filters": {
        "redact_secrets": {"()": "tracker.logging.RedactSecretsFilter"},
        "client_errors": {"()": "tracker.logging.ClientErrorsWithoutTraceback"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
            "filters": ["client_errors", "redact_secrets"],
        }
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Named here so Django's own handlers for it (its DEBUG console, which redacts
        # nothing, and mail_admins: no ADMINS) are dropped: every line goes once, through
        # the console handler above.
        "django": {"level": "INFO"},
        "django.db.backends": {"level": "WARNING"},
    },
}
