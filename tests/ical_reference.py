"""The feeds as the `icalendar` library rendered them before issue 16, kept as the reference.

This is the old renderer, frozen: model instances loaded with select_related, content
built by the same rules it had, serialised by `icalendar`. The hand-written renderer in
mandates/services/feeds.py must give calendars that parsers read exactly as they read these
(tests/services/test_feeds_renderer.py); bench/feeds.py times it beside the new one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.urls import reverse
from icalendar import Alarm, Calendar, Event, vDuration

from mandates.models import DONE_PROGRESS, NOT_OWED_PROGRESS, Deliverable, ReviewStatus, Session
from mandates.services import feeds
from mandates.services.schedule import deliverable_due_explain, due_date_rules_by_body

CANCELLED = NOT_OWED_PROGRESS
DONE = DONE_PROGRESS


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(microsecond=0)


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _status(deliverable: Deliverable) -> str:
    if deliverable.progress in CANCELLED or deliverable.review_status == ReviewStatus.REJECTED:
        return "CANCELLED"
    if deliverable.progress in DONE:
        return "CONFIRMED"
    if deliverable.review_status == ReviewStatus.PROPOSED:
        return "TENTATIVE"
    from_session = not (deliverable.manual_due_date or deliverable.stated_due_date)
    session = deliverable.due_session
    if from_session and session is not None and session.is_estimated:
        return "TENTATIVE"
    return "CONFIRMED"


def _summary(deliverable: Deliverable) -> str:
    mandate = deliverable.mandate
    actor = mandate.actor.name if mandate.actor_id else mandate.actor_text
    if deliverable.title:
        what = deliverable.title
    elif actor:
        article = "" if actor.lower().startswith("the ") else "the "
        what = f"{deliverable.get_kind_display().capitalize()} of {article}{actor}"
    else:
        what = deliverable.get_kind_display().capitalize()
    session = deliverable.due_session
    if session is not None:
        relation = {"before": "due before", "by": "due by"}.get(deliverable.due_relation, "due for")
        what = f"{what} {relation} {session.body.code} {session.number}"
    elif deliverable.due_session_not_in_calendar:
        what = f"{what} due {deliverable.due_session_as_read}"
    else:  # since QA 39: the date, not a dangling "due"
        what = f"{what} due {deliverable.due_date.day} {deliverable.due_date:%b %Y}"
    if _status(deliverable) == "CANCELLED":
        what = f"Cancelled: {what}"
    elif deliverable.progress in DONE:
        what = f"{deliverable.get_progress_display().capitalize()}: {what}"
    return what


def _link(deliverable: Deliverable) -> str:
    return settings.SITE_URL + reverse("mandates:deliverable", args=[deliverable.uid])


def _description(deliverable: Deliverable, rules: dict | None = None) -> str:
    mandate = deliverable.mandate
    lines = [f"{mandate.resolution.symbol}, paragraph {mandate.paragraph_label}"]
    quote = deliverable.quote or mandate.quote
    if quote:
        lines.append(f"“{quote.strip()}”")
    session = deliverable.due_session
    if session is not None:
        estimated = " (estimated dates)" if session.is_estimated else ""
        lines.append(
            f"Session: {session.body.code} {session.number}, "
            f"{_long_date(session.start)} - {_long_date(session.end)}{estimated}"
        )
    elif deliverable.due_session_not_in_calendar:
        lines.append(f"Session: {deliverable.due_session_as_read} (not in the calendar yet)")
    if deliverable.due_date:
        # since the due-date note reached the feeds: the note the pages show, beside the
        # date the session gives
        session = deliverable.due_session
        body_rules = None if rules is None or session is None else rules.get(session.body_id, [])
        note = deliverable_due_explain(deliverable=deliverable, rules=body_rules).note
        by_person = bool(deliverable.manual_due_date or deliverable.stated_due_date)
        if deliverable.manual_due_date:
            how = "set by hand"
        elif deliverable.stated_due_date:
            how = "printed in the resolution"
        else:
            how = "computed from the session" + (f"; {note}" if note else "")
        lines.append(f"Due: {_long_date(deliverable.due_date)} ({how})")
        computed = deliverable.computed_due_date
        if computed and (computed != deliverable.due_date or (note and by_person)):
            why = f" ({note})" if note and by_person else ""
            lines.append(f"Computed date: {_long_date(computed)}{why}")
    lines.append(f"Progress: {deliverable.get_progress_display()}")
    # since feeds say what the pages and e-mails say: the fulfilling document, that a
    # proposal is not reviewed yet, and what a newer text proposes
    if deliverable.fulfilled_by:
        on = f" ({_long_date(deliverable.fulfilled_on)})" if deliverable.fulfilled_on else ""
        lines.append(f"Fulfilled by: {deliverable.fulfilled_by}{on}")
    if deliverable.review_status == ReviewStatus.PROPOSED:
        lines.append("Review: proposed, not yet reviewed")
    proposed = [
        f"{change.field_label} {change.new_value} (kept {change.old_value})"
        for change in deliverable.proposed_changes.filter(resolved=False)
        .exclude(field="no_longer_in_text")
        .order_by("created_at", "pk")
    ]
    if proposed:
        lines.append(f"A newer text proposes: {'; '.join(proposed)} - see the deliverable's page")
    lines.append(_link(deliverable))
    return "\n".join(lines)


def deliverable_event(
    deliverable: Deliverable, *, alarm_days: list[int] = (), rules: dict | None = None
) -> Event:
    session = deliverable.due_session
    changed = _utc(
        max(
            moment
            for moment in (
                deliverable.updated_at,
                session.updated_at if session is not None else None,
                deliverable.mandate.resolution.updated_at,
            )
            if moment is not None
        )
    )
    summary = _summary(deliverable)
    mandate = deliverable.mandate
    event = Event()
    event.add("uid", f"deliverable-{deliverable.uid}@{feeds.UID_DOMAIN}")
    event.add("dtstamp", changed)
    event.add("last-modified", changed)
    event.add("created", _utc(deliverable.created_at))
    event.add("sequence", deliverable.sequence)
    event.add("dtstart", deliverable.due_date)
    event.add("dtend", deliverable.due_date + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("summary", summary)
    event.add("description", _description(deliverable, rules))
    event.add("url", _link(deliverable))
    event.add("status", _status(deliverable))
    categories = [deliverable.get_kind_display().capitalize()]
    if session is not None:
        categories.append(session.body.code)
    # the actor as the lists and the API show it: one outside the Actor table too
    actor = mandate.actor.name if mandate.actor_id else mandate.actor_name or mandate.actor_text
    if actor:
        categories.append(actor)
    if deliverable.progress in DONE:
        categories.append(deliverable.get_progress_display().capitalize())
    event.add("categories", categories)
    if _status(deliverable) != "CANCELLED" and deliverable.progress not in DONE:
        for days in alarm_days:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary)
            alarm.add("trigger", timedelta(days=-days))
            event.add_component(alarm)
    return event


def session_event(session: Session) -> Event:
    last_day = session.main_part_end or session.end
    changed = _utc(session.updated_at)
    label = f"{session.body.code} {session.number}"
    event = Event()
    event.add("uid", f"session-{session.body.code}-{session.number}@{feeds.UID_DOMAIN}")
    event.add("dtstamp", changed)
    event.add("last-modified", changed)
    event.add("sequence", session.sequence)
    event.add("dtstart", session.start)
    event.add("dtend", last_day + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    suffix = " (estimated dates)" if session.is_estimated else ""
    event.add("summary", f"{label}: {session.body.name}, session {session.number}{suffix}")
    lines = [f"{_long_date(session.start)} - {_long_date(session.end)}"]
    if session.main_part_end:
        lines.append(f"Main part closes {_long_date(session.main_part_end)}")
    lines.append(f"Dates: {session.get_dates_status_display()}")
    if session.source:
        lines.append(f"Source: {session.source}")
    event.add("description", "\n".join(lines))
    event.add("status", "TENTATIVE" if session.is_estimated else "CONFIRMED")
    event.add("categories", [session.body.code, "Session"])
    event.add("url", settings.SITE_URL + f"/sessions/{session.body.code}-{session.number}/")
    return event


def _calendar(name: str = "", description: str = "") -> Calendar:
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", feeds.PRODID)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
    if description:
        calendar.add("description", description)
        calendar.add("x-wr-caldesc", description)
    if name:
        interval = timedelta(hours=12)
        calendar.add("refresh-interval", vDuration(interval), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", vDuration(interval))
    return calendar


def feed_calendar(feed: feeds.CalendarFeed) -> Calendar:
    """The feed as the old renderer built it (in memory; `.to_ical()` gives its bytes)."""
    calendar = _calendar(feed.name, feed.description)
    if isinstance(feed, feeds.SessionCalendarFeed):
        for session in feed.items():
            calendar.add_component(session_event(session))
        return calendar
    alarm_days = feeds.alarm_offsets() if feed.alarms else []
    items = feed.items().select_related(
        "mandate__resolution", "mandate__actor", "due_session__body", "due_body"
    )
    rules = due_date_rules_by_body()  # once, not once per event
    for deliverable in items:
        calendar.add_component(deliverable_event(deliverable, alarm_days=alarm_days, rules=rules))
    return calendar


def deliverables_calendar(deliverables: list[Deliverable]) -> Calendar:
    """A download or an e-mail attachment as the old renderer built it."""
    calendar = _calendar()
    for deliverable in deliverables:
        calendar.add_component(deliverable_event(deliverable))
    return calendar
