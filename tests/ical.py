"""Checks every calendar document must pass: two parsers and the RFC 5545 basics."""

from __future__ import annotations

import icalendar
import vobject


def assert_valid_ics(body: bytes) -> icalendar.Calendar:
    """Parse with icalendar and vobject; check CRLF, folding and required properties."""
    assert body.endswith(b"\r\n")
    lines = body.split(b"\r\n")[:-1]
    for line in lines:
        assert b"\n" not in line and b"\r" not in line, line
        assert len(line) <= 75, (len(line), line)
    calendar = icalendar.Calendar.from_ical(body)
    for component in calendar.walk():
        assert component.errors == [], (component.name, component.errors)
    assert calendar["VERSION"] == "2.0"
    assert calendar.get("PRODID")
    for event in calendar.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART"):
            assert event.get(required) is not None, required
    parsed = vobject.readOne(body.decode("utf-8"))
    assert parsed.name == "VCALENDAR"
    vevents = getattr(parsed, "vevent_list", [])
    assert len(vevents) == len(calendar.walk("VEVENT"))
    assert {str(e.uid.value) for e in vevents} == {str(e["UID"]) for e in calendar.walk("VEVENT")}
    return calendar


def events(body: bytes) -> dict[str, icalendar.Event]:
    """The VEVENTs of a document by UID."""
    calendar = icalendar.Calendar.from_ical(body)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}
