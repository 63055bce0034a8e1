"""Production logs are one JSON object per line."""

import json
import logging

from tracker.logging import JsonFormatter


def test_json_formatter_keeps_message_level_and_extra_fields():
    """A record becomes a JSON line with its message, level, logger and extra fields."""
    record = logging.LogRecord(
        "mandates.ingest", logging.INFO, __file__, 1, "ingested %s", ("x.txt",), None
    )
    record.symbol = "A/HRC/RES/59/3"
    line = JsonFormatter().format(record)
    data = json.loads(line)
    assert data["message"] == "ingested x.txt"
    assert (data["level"], data["logger"], data["symbol"]) == (
        "INFO",
        "mandates.ingest",
        "A/HRC/RES/59/3",
    )
    assert "\n" not in line


def test_exceptions_are_kept_in_the_line():
    """An exception's traceback travels inside the JSON object."""
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    data = json.loads(JsonFormatter().format(record))
    assert "ValueError: boom" in data["exception"]
