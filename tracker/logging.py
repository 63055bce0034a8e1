"""JSON log lines for production (LOG_FORMAT=json): one object per line, easy to ship."""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime

# Attributes every LogRecord has; anything else was passed in `extra=` and is kept.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({key: value for key, value in vars(record).items() if key not in _STANDARD})
        if record.exc_text:  # already formatted (and redacted) by RedactSecretsFilter
            entry["exception"] = record.exc_text
        elif record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


# The keys links carry (also URL-encoded in a query): a private calendar link
# (/feeds/private/<secret>.ics), an e-mail's reader token (?for=<token>, which opens a page
# that is not public) and a reminder opt-out (/reminders/stop/<token>/).
_SECRETS = re.compile(
    r"(/feeds/private/|%2Ffeeds%2Fprivate%2F|/reminders/stop/|%2Freminders%2Fstop%2F|"
    r"[?&]for=|%3Ffor%3D|%26for%3D)[^/?#&\s\"'.]+",
    re.I,
)
REDACTED = "[redacted]"


def redact(text: str) -> str:
    """The text with every secret a link carries replaced by [redacted]."""
    return _SECRETS.sub(rf"\1{REDACTED}", text)


class RedactSecretsFilter(logging.Filter):
    """Takes the secrets links carry out of a record before any handler writes it: the
    message, the extra fields (Django passes the request, whose repr holds the path and
    query) and the traceback. Each is a key (to a person's calendar, to a page that is not
    public, to their reminders), so logs never hold it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, ()
        for key, value in list(vars(record).items()):
            if key in _STANDARD:
                continue
            text = value if isinstance(value, str) else str(value)
            if redact(text) != text:
                setattr(record, key, redact(text))
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


class ClientErrorsWithoutTraceback(logging.Filter):
    """A 4xx answer (permission denied, not found, a bad request) is the client's doing, not
    a fault: Django logs it with the exception that caused it, and the traceback is
    dropped so it stays one line. Server errors (5xx) keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
