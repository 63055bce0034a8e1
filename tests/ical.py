"""Checks every calendar document must pass: two parsers and the RFC 5545 basics."""

from __future__ import annotations

import datetime
import re

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


# --- What three independent parsers read -------------------------------------------------
#
# Each reader gives the same plain structure, so documents can be compared by content:
# {"calendar": {property: value}, "events": {uid: {property: value, "alarms": [...]}}}.
# Dates stay dates, date-times become aware UTC datetimes, durations timedeltas.

EVENT_TEXT = ("SUMMARY", "DESCRIPTION", "STATUS", "TRANSP", "URL")
EVENT_MOMENTS = ("DTSTART", "DTEND", "DTSTAMP", "LAST-MODIFIED", "CREATED")


def _moment(value):
    if isinstance(value, datetime.datetime):
        assert value.tzinfo is not None, value
        return value.astimezone(datetime.UTC)
    return value


def _duration(value) -> datetime.timedelta:
    if isinstance(value, datetime.timedelta):
        return value
    return icalendar.vDuration.from_ical(str(value))


def read_icalendar(calendar: icalendar.Calendar) -> dict:
    """A calendar as `icalendar` holds it (parsed from bytes, or built in memory)."""
    head = {
        name: str(calendar[name])
        for name in ("NAME", "DESCRIPTION", "X-WR-CALNAME", "X-WR-CALDESC", "METHOD")
        if name in calendar
    }
    for name in ("REFRESH-INTERVAL", "X-PUBLISHED-TTL"):
        if name in calendar:
            value = calendar[name]
            head[name] = _duration(value.dt if hasattr(value, "dt") else value)
    found = {}
    for event in calendar.walk("VEVENT"):
        item: dict = {name: str(event[name]) for name in EVENT_TEXT if name in event}
        item.update({name: _moment(event[name].dt) for name in EVENT_MOMENTS if name in event})
        item["SEQUENCE"] = int(event["SEQUENCE"])
        item["CATEGORIES"] = [str(c) for c in event["CATEGORIES"].cats]
        item["alarms"] = [
            (str(a["ACTION"]), str(a["DESCRIPTION"]), _duration(a["TRIGGER"].dt))
            for a in event.walk("VALARM")
        ]
        found[str(event["UID"])] = item
    return {"calendar": head, "events": found}


def read_vobject(body: bytes) -> dict:
    parsed = vobject.readOne(body.decode("utf-8"))
    names = {"NAME": "name", "DESCRIPTION": "description", "X-WR-CALNAME": "x-wr-calname"}
    names |= {"X-WR-CALDESC": "x-wr-caldesc", "METHOD": "method"}
    head = {
        name: parsed.contents[key][0].value for name, key in names.items() if key in parsed.contents
    }
    for name in ("REFRESH-INTERVAL", "X-PUBLISHED-TTL"):
        if name.lower() in parsed.contents:
            head[name] = _duration(parsed.contents[name.lower()][0].value)
    found = {}
    for event in getattr(parsed, "vevent_list", []):
        item: dict = {
            name: event.contents[name.lower()][0].value
            for name in EVENT_TEXT
            if name.lower() in event.contents
        }
        item.update(
            {
                name: _moment(event.contents[name.lower()][0].value)
                for name in EVENT_MOMENTS
                if name.lower() in event.contents
            }
        )
        item["SEQUENCE"] = int(event.sequence.value)
        item["CATEGORIES"] = list(event.categories.value)
        item["alarms"] = [
            (a.action.value, a.description.value, _duration(a.trigger.value))
            for a in getattr(event, "valarm_list", [])
        ]
        found[event.uid.value] = item
    return {"calendar": head, "events": found}


def read_ical(body: bytes) -> dict:
    """Read by `ical` (a third parser, pydantic models, strict about RFC 5545 types)."""
    from ical.calendar_stream import IcsCalendarStream

    calendar = IcsCalendarStream.calendar_from_ics(body.decode("utf-8"))
    head: dict = {"METHOD": calendar.method} if calendar.method else {}
    if calendar.name:
        head["NAME"] = calendar.name[0]
    if calendar.description:
        head["DESCRIPTION"] = calendar.description[0]
    if calendar.refresh_interval is not None:
        head["REFRESH-INTERVAL"] = calendar.refresh_interval
    for extra in calendar.extras:  # X- properties, kept as written
        if extra.name.upper() == "X-PUBLISHED-TTL":
            head["X-PUBLISHED-TTL"] = _duration(extra.value)
    found = {}
    for event in calendar.events:
        item: dict = {
            "SUMMARY": event.summary,
            "DESCRIPTION": event.description,
            "STATUS": event.status.value if event.status else None,
            "TRANSP": event.transparency,
            "URL": str(event.url) if event.url else None,
            "DTSTART": _moment(event.dtstart),
            "DTEND": _moment(event.dtend),
            "DTSTAMP": _moment(event.dtstamp),
            "LAST-MODIFIED": _moment(event.last_modified),
            "CREATED": _moment(event.created),
            "SEQUENCE": event.sequence,
            "CATEGORIES": list(event.categories),
            "alarms": [(a.action, a.description, _duration(a.trigger)) for a in event.alarm],
        }
        found[event.uid] = {name: value for name, value in item.items() if value is not None}
    return {"calendar": head, "events": found}


# icalendar's reader unescapes TEXT by successive replaces, so an escaped backslash followed
# by n, N, another escaped backslash, or the comma or semicolon that separates a list's items
# (CATEGORIES "Report,\\,Submitted": an item that is one backslash) comes back as a line
# break, one backslash or an empty item; vobject and ical read it right. No bytes can avoid it
# (RFC 5545 has one way to write a backslash), so icalendar's reading is only compared
# without them.
ICALENDAR_MISREADS = re.compile(rb"\\\\[nN\\,;]")


def _categories_as_vobject_reads_commas(by_ical: dict, by_vobject: dict) -> dict:
    """ical and icalendar split CATEGORIES at every comma, escaped ones too ("High\\,
    Commissioner" is one category), so where a category has a comma, take vobject's list."""
    events = {}
    for uid, event in by_ical.items():
        theirs = by_vobject.get(uid, {}).get("CATEGORIES", [])
        if any("," in category for category in theirs):
            event = {**event, "CATEGORIES": theirs}
        events[uid] = event
    return events


def read_by_three_parsers(body: bytes) -> dict:
    """The document's content, asserted to be read alike by vobject, ical and icalendar
    (icalendar: where it reads backslashes right, see ICALENDAR_MISREADS). X-WR-* are left
    out of ical's comparison: it keeps X- values as written, escapes included."""
    by_vobject = read_vobject(body)
    by_ical = read_ical(body)
    x_wr = {name for name in by_vobject["calendar"] if name.startswith("X-WR-")}
    assert by_ical["calendar"] == {
        name: value for name, value in by_vobject["calendar"].items() if name not in x_wr
    }
    assert (
        _categories_as_vobject_reads_commas(by_ical["events"], by_vobject["events"])
        == by_vobject["events"]
    )
    if not ICALENDAR_MISREADS.search(body.replace(b"\r\n ", b"")):
        by_icalendar = read_icalendar(icalendar.Calendar.from_ical(body))
        events = _categories_as_vobject_reads_commas(by_icalendar["events"], by_vobject["events"])
        assert {**by_icalendar, "events": events} == by_vobject
    return by_vobject
