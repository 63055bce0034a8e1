"""Deliverables and sessions to iCalendar (RFC 5545 / RFC 7986) documents, and their cache.

A feed is a declarative class in the shape of `django.contrib.syndication.Feed`: `items()`
and small `item_*` hooks. Everything is built with `icalendar`, never by hand.

Byte-identical between polls: nothing in a document depends on the clock. DTSTAMP and
LAST-MODIFIED are the item's last change, properties are sorted, items are ordered.

Versions, caching and faults:

- The *stamp* (one aggregate query per request) digests everything a document is rendered
  from: the number of items and the sum of their ids (an item entering or leaving), the
  latest `updated_at` of the items, their sessions, bodies, resolutions, mandates and actors,
  plus the feed's name, SITE_URL, the language and, with alarms, the reminder offsets.
- The *ETag* is a hash of the body itself. `FeedState` (a database row per feed) keeps the
  ETag and Last-Modified of the body last rendered for a stamp, so a conditional GET is
  answered from the stamp and that row without rendering. Last-Modified is when the body
  last changed: it never goes backwards, even when the newest item leaves the feed.
- The cache holds ONE body per feed (key `feed:<render version>:<slug>:<alarms>`, the
  stamp stored beside the body) and one serialisation per event, so re-publishing a large
  feed after one change renders one event. The spliced document is byte for byte what
  icalendar gives for the whole calendar (tested).
- The cache is an optimisation only: when Redis fails or times out, documents are rendered
  from the database and served all the same.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from icalendar import Alarm, Calendar, Event, vDuration
from redis.exceptions import RedisError

from mandates.models import (
    DONE_PROGRESS,
    NOT_OWED_PROGRESS,
    Actor,
    Body,
    Deliverable,
    FeedState,
    FeedToken,
    ReminderRule,
    Resolution,
    ReviewStatus,
    Session,
)

logger = logging.getLogger(__name__)

PRODID = "-//OHCHR//Mandate Tracker//EN"
UID_DOMAIN = "mandate-tracker.ohchr"
# Bump when the rendering changes, so cached bodies of the old renderer are never served.
RENDER_VERSION = 2
# How often clients are asked to poll (Google ignores it and polls every 12-24 hours).
REFRESH_INTERVAL = timedelta(hours=12)
FEED_CACHE_SECONDS = 7 * 24 * 3600
# Cancelled items stay in feeds, as STATUS:CANCELLED, this long after their last change.
CANCELLED_KEPT_DAYS = 180
# NOT_OWED_PROGRESS: STATUS:CANCELLED. DONE_PROGRESS: the summary says so ("Submitted:
# ..."), STATUS is CONFIRMED and no alarm rings.
CONTENT_TYPE = "text/calendar; charset=utf-8"
CALENDAR_END = b"END:VCALENDAR\r\n"
# Up to this many uncached events are loaded by id; more, and the whole feed is loaded.
MISSING_BY_ID_MAX = 500


# --- Small helpers ------------------------------------------------------------------------


def webcal_url(url: str) -> str:
    """The webcal:// form of a feed URL (a path is made absolute with SITE_URL first);
    calendar apps open it as a subscription rather than a one-off import."""
    if url.startswith("/"):
        url = settings.SITE_URL + url
    parts = urlsplit(url)
    return "webcal://" + url[len(parts.scheme) + 3 :] if parts.scheme else url


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(microsecond=0)


def _latest(*moments: datetime | None) -> datetime | None:
    present = [m for m in moments if m is not None]
    return max(present) if present else None


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def deliverable_event_status(deliverable: Deliverable) -> str:
    """CANCELLED for cancelled or rejected items; CONFIRMED once submitted or issued;
    TENTATIVE while the item is unconfirmed or its date hangs on estimated session dates;
    CONFIRMED otherwise."""
    if (
        deliverable.progress in NOT_OWED_PROGRESS
        or deliverable.review_status == ReviewStatus.REJECTED
    ):
        return "CANCELLED"
    if deliverable.progress in DONE_PROGRESS:
        return "CONFIRMED"
    if deliverable.review_status == ReviewStatus.PROPOSED:
        return "TENTATIVE"
    from_session = not (deliverable.manual_due_date or deliverable.stated_due_date)
    session = deliverable.due_session
    if from_session and session is not None and session.is_estimated:
        return "TENTATIVE"
    return "CONFIRMED"


def deliverable_summary(deliverable: Deliverable) -> str:
    """What people read in their calendar: "Report of the High Commissioner due for HRC 65"."""
    mandate = deliverable.mandate
    actor = mandate.actor.name if mandate.actor_id else mandate.actor_text
    if deliverable.title:
        what = deliverable.title
    elif actor:
        article = "" if actor.lower().startswith("the ") else "the "
        what = f"{_label(Deliverable.Kind, deliverable.kind).capitalize()} of {article}{actor}"
    else:
        what = _label(Deliverable.Kind, deliverable.kind).capitalize()
    session = deliverable.due_session
    if session is not None:
        relation = {"before": "due before", "by": "due by"}.get(deliverable.due_relation, "due for")
        what = f"{what} {relation} {session.body.code} {session.number}"
    elif deliverable.due_session_not_in_calendar:  # "due at CSW 61" as the text gives it
        what = f"{what} due {deliverable.due_session_as_read}"
    else:
        what = f"{what} due"
    if deliverable_event_status(deliverable) == "CANCELLED":
        what = f"Cancelled: {what}"
    elif deliverable.progress in DONE_PROGRESS:
        what = f"{_label(Deliverable.Progress, deliverable.progress).capitalize()}: {what}"
    return what


@lru_cache(maxsize=1)
def _page_url_parts() -> tuple[str, str]:
    """reverse() once per process, not once per event (it dominated render time)."""
    marker = "00000000-0000-0000-0000-000000000000"
    head, tail = reverse("mandates:deliverable", args=[marker]).split(marker)
    return head, tail


def _deliverable_link(deliverable: Deliverable) -> str:
    """The deliverable's public page (never the admin, which asks subscribers to log in)."""
    head, tail = _page_url_parts()
    return f"{settings.SITE_URL}{head}{deliverable.uid}{tail}"


@lru_cache(maxsize=256)
def _choice_label(language: str, choices: type, value: str) -> str:
    return str(dict(choices.choices).get(value, value))


def _label(choices: type, value: str) -> str:
    """get_FOO_display() without a gettext lookup per event."""
    return _choice_label(get_language() or "", choices, value)


def deliverable_description(deliverable: Deliverable) -> str:
    """Resolution symbol, paragraph, the quote, the session and how the date was set."""
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
        if deliverable.manual_due_date:
            how = "set by hand"
        elif deliverable.stated_due_date:
            how = "printed in the resolution"
        else:
            how = "computed from the session"
        lines.append(f"Due: {_long_date(deliverable.due_date)} ({how})")
        if deliverable.computed_due_date and deliverable.computed_due_date != deliverable.due_date:
            lines.append(f"Computed date: {_long_date(deliverable.computed_due_date)}")
    lines.append(f"Progress: {_label(Deliverable.Progress, deliverable.progress)}")
    lines.append(_deliverable_link(deliverable))
    return "\n".join(lines)


# --- Feed classes -------------------------------------------------------------------------


class CalendarFeed:
    """A calendar document: `items()` and `item_*` hooks, rendered with `icalendar`."""

    slug: str = "feed"
    name: str = "Mandate Tracker"
    description: str = ""

    def __init__(self, *, alarms: bool = False) -> None:
        self.alarms = alarms

    # Hooks
    def items(self) -> QuerySet:
        raise NotImplementedError

    def stamp_aggregates(self) -> dict:
        return {"n": Count("pk"), "ids": Sum("pk"), "latest": Max("updated_at")}

    def add_events(self, calendar: Calendar, items: list, alarm_days: list[int]) -> None:
        raise NotImplementedError

    # Versioning
    @property
    def key(self) -> str:
        """The feed and its variant: the FeedState row and the cache key are named by it."""
        return f"{self.slug}:{int(self.alarms)}"

    @property
    def cache_key(self) -> str:
        return f"feed:{RENDER_VERSION}:{self.key}"

    def stamp(self) -> FeedStamp:
        """One aggregate query: a digest of everything the document is rendered from."""
        values = self.items().order_by().aggregate(**self.stamp_aggregates())
        alarm_days = alarm_offsets() if self.alarms else []
        latest = _latest(*(v for v in values.values() if isinstance(v, datetime)))
        raw = repr(
            (
                RENDER_VERSION,
                self.slug,
                self.name,
                self.description,
                settings.SITE_URL,
                get_language(),
                alarm_days,
                sorted(values.items()),
            )
        )
        digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
        return FeedStamp(digest=digest, latest=latest, alarm_days=alarm_days)

    def render(
        self, *, alarm_days: list[int] | None = None, store: FeedCache | None = None
    ) -> bytes:
        """The document as bytes (CRLF line ends, lines folded at 75 octets)."""
        if alarm_days is None:
            alarm_days = alarm_offsets() if self.alarms else []
        calendar = Calendar()
        calendar.add("version", "2.0")
        calendar.add("prodid", PRODID)
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add("name", self.name)
        calendar.add("x-wr-calname", self.name)
        if self.description:
            calendar.add("description", self.description)
            calendar.add("x-wr-caldesc", self.description)
        calendar.add(
            "refresh-interval", vDuration(REFRESH_INTERVAL), parameters={"VALUE": "DURATION"}
        )
        calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
        # Every event is all-day (VALUE=DATE) and DTSTAMP/LAST-MODIFIED are UTC, so no
        # VTIMEZONE is needed; a feed with timed events would call
        # calendar.add_missing_timezones() (skipped: it walks every component).
        events = self.events_ical(alarm_days, store or FeedCache())
        if events is None:
            self.add_events(calendar, list(self.items()), alarm_days)
            return calendar.to_ical()
        # The same bytes icalendar gives for the whole calendar: its serialisation of a
        # calendar is the header, each VEVENT's own serialisation in order, then the end.
        head = calendar.to_ical()
        if not head.endswith(CALENDAR_END):
            raise ValueError("unexpected end of an icalendar document")
        return head[: -len(CALENDAR_END)] + events + CALENDAR_END

    def events_ical(self, alarm_days: list[int], store: FeedCache) -> bytes | None:
        """The serialised VEVENTs, if the feed can build them faster than `add_events`."""
        return None


@dataclass(frozen=True)
class FeedStamp:
    digest: str
    latest: datetime | None
    alarm_days: list[int]


def alarm_offsets() -> list[int]:
    """Alarms (only on request) at the active reminder offsets, in days before the date."""
    return sorted(
        ReminderRule.objects.filter(is_active=True).values_list("days_before_due", flat=True),
        reverse=True,
    )


# Each event's inputs: the deliverable and the rows its rendering reads.
EVENT_VERSION_FIELDS = (
    "updated_at",
    "due_session__updated_at",
    "due_session__body__updated_at",
    "mandate__updated_at",
    "mandate__actor__updated_at",
    "mandate__resolution__updated_at",
)


class DeliverableFeed(CalendarFeed):
    """Deliverables with a due date; cancelled ones stay for CANCELLED_KEPT_DAYS. Rejected
    deliverables, and those of rejected mandates, are in no feed."""

    public_only = True

    def filter(self) -> Q:
        return Q()

    def items(self) -> QuerySet:
        kept_since = timezone.now() - timedelta(days=CANCELLED_KEPT_DAYS)
        queryset = (
            Deliverable.objects.exclude(due_date=None)
            # A superseded draft's deliverable handed its UID to the adopted one.
            .exclude(
                progress=Deliverable.Progress.SUPERSEDED,
                mandate__resolution__status=Resolution.Status.SUPERSEDED,
            )
            .exclude(review_status=ReviewStatus.REJECTED)
            .exclude(mandate__review_status=ReviewStatus.REJECTED)
            .filter(self.filter())
            .filter(~Q(progress__in=NOT_OWED_PROGRESS) | Q(updated_at__gte=kept_since))
            .select_related(
                "mandate__resolution", "mandate__actor", "due_session__body", "due_body"
            )
            .order_by("due_date", "pk")
        )
        if self.public_only:
            queryset = queryset.public()
        return queryset

    def stamp_aggregates(self) -> dict:
        return {
            **super().stamp_aggregates(),
            **{field: Max(field) for field in EVENT_VERSION_FIELDS if field != "updated_at"},
        }

    def add_events(self, calendar: Calendar, items: list, alarm_days: list[int]) -> None:
        for deliverable in items:
            calendar.add_component(deliverable_event(deliverable, alarm_days=alarm_days))

    def events_ical(self, alarm_days: list[int], store: FeedCache) -> bytes:
        """Each event's icalendar serialisation, cached (one entry per event and variant,
        with its version): re-publishing a 10,000-event feed after one change renders one
        event, not 10,000.

        One light query lists the items' versions; full rows are loaded (one more query)
        only for the events missing from the cache or changed.
        """
        rows = list(self.items().values_list("pk", *EVENT_VERSION_FIELDS))
        keys = [f"feed-event:{RENDER_VERSION}:{row[0]}:{int(bool(alarm_days))}" for row in rows]
        versions = [deliverable_event_version(row[1:], alarm_days=alarm_days) for row in rows]
        cached = store.get_many(keys)
        found = {
            key: cached[key][1]
            for key, version in zip(keys, versions, strict=True)
            if key in cached and cached[key][0] == version
        }
        missing = [row[0] for row, key in zip(rows, keys, strict=True) if key not in found]
        if missing:
            items = self.items()
            if len(missing) <= MISSING_BY_ID_MAX:
                items = items.filter(pk__in=missing)
            by_pk = {d.pk: d for d in items}
            rendered = {}
            for row, key, version in zip(rows, keys, versions, strict=True):
                if key not in found:
                    found[key] = deliverable_event(by_pk[row[0]], alarm_days=alarm_days).to_ical()
                    rendered[key] = (version, found[key])
            store.set_many(rendered)
        return b"".join(found[key] for key in keys)


def deliverable_event_version(changes: tuple, *, alarm_days: list[int]) -> str:
    """Changes whenever the event's bytes can: the deliverable or a row it shows changed
    (session, body, mandate, actor, resolution), or the alarms, the SITE_URL, the language
    or the renderer did."""
    raw = repr(
        (
            RENDER_VERSION,
            [moment.timestamp() if moment else None for moment in changes],
            alarm_days,
            settings.SITE_URL,
            get_language(),
        )
    )
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def deliverable_last_modified(deliverable: Deliverable) -> datetime:
    """The last change of the deliverable, its due session or its resolution."""
    session = deliverable.due_session
    return _latest(
        deliverable.updated_at,
        session.updated_at if session is not None else None,
        deliverable.mandate.resolution.updated_at,
    )


def deliverable_event(deliverable: Deliverable, *, alarm_days: list[int] = ()) -> Event:
    """One all-day VEVENT for a deliverable (it must have a due date)."""
    if deliverable.due_date is None:
        raise ValueError(f"Deliverable {deliverable.pk} has no due date")
    changed = _utc(deliverable_last_modified(deliverable))
    summary = deliverable_summary(deliverable)
    mandate = deliverable.mandate
    event = Event()
    event.add("uid", f"deliverable-{deliverable.uid}@{UID_DOMAIN}")
    event.add("dtstamp", changed)
    event.add("last-modified", changed)
    event.add("created", _utc(deliverable.created_at))
    event.add("sequence", deliverable.sequence)
    event.add("dtstart", deliverable.due_date)
    event.add("dtend", deliverable.due_date + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("summary", summary)
    event.add("description", deliverable_description(deliverable))
    event.add("url", _deliverable_link(deliverable))
    event.add("status", deliverable_event_status(deliverable))
    categories = [_label(Deliverable.Kind, deliverable.kind).capitalize()]
    if deliverable.due_session is not None:
        categories.append(deliverable.due_session.body.code)
    if mandate.actor_id:
        categories.append(mandate.actor.name)
    if deliverable.progress in DONE_PROGRESS:
        categories.append(_label(Deliverable.Progress, deliverable.progress).capitalize())
    event.add("categories", categories)
    if deliverable_event_status(deliverable) != "CANCELLED" and (
        deliverable.progress not in DONE_PROGRESS
    ):
        for days in alarm_days:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", summary)
            alarm.add("trigger", timedelta(days=-days))
            event.add_component(alarm)
    return event


class AllDeliverablesFeed(DeliverableFeed):
    slug = "all"
    name = "Mandate Tracker: all deliverables"
    description = "Deadlines of what resolutions ask OHCHR to deliver."


class BodyFeed(DeliverableFeed):
    def __init__(self, *, body: Body, alarms: bool = False) -> None:
        super().__init__(alarms=alarms)
        self.body = body
        self.slug = f"body:{body.code}"
        self.name = f"Mandate Tracker: {body.code}"
        self.description = f"Deliverables due to the {body.name}."

    def filter(self) -> Q:
        return Q(due_session__body=self.body) | Q(
            due_session=None, mandate__resolution__body=self.body
        )


class ActorFeed(DeliverableFeed):
    def __init__(self, *, actor: Actor, alarms: bool = False) -> None:
        super().__init__(alarms=alarms)
        self.actor = actor
        self.slug = f"actor:{actor.pk}"
        self.name = f"Mandate Tracker: {actor.name}"
        self.description = f"Deliverables requested of the {actor.name}."

    def filter(self) -> Q:
        return Q(mandate__actor=self.actor)


class SessionDeliverablesFeed(DeliverableFeed):
    def __init__(self, *, session: Session, alarms: bool = False) -> None:
        super().__init__(alarms=alarms)
        self.session = session
        label = f"{session.body.code} {session.number}"
        self.slug = f"session:{session.body.code}-{session.number}"
        self.name = f"Mandate Tracker: {label}"
        self.description = f"Deliverables due for {label}."

    def filter(self) -> Q:
        return Q(due_session=self.session)


class PrivateFeed(DeliverableFeed):
    """A user's assigned deliverables, public or not; reached through a secret token."""

    public_only = False

    def __init__(self, *, user, alarms: bool = False) -> None:
        super().__init__(alarms=alarms)
        self.user = user
        self.slug = f"private:{user.pk}"
        self.name = "Mandate Tracker: my deliverables"
        self.description = "Deliverables assigned to you."

    def filter(self) -> Q:
        return Q(assignees__user=self.user)


class SessionCalendarFeed(CalendarFeed):
    """The session calendar itself: one all-day span per session."""

    slug = "sessions"
    name = "Mandate Tracker: session calendar"
    description = "Regular sessions of the Human Rights Council and the General Assembly."

    def items(self) -> QuerySet:
        return Session.objects.select_related("body").order_by("start", "body__code", "number")

    def stamp_aggregates(self) -> dict:
        return {**super().stamp_aggregates(), "body": Max("body__updated_at")}

    def add_events(self, calendar: Calendar, items: list, alarm_days: list[int]) -> None:
        for session in items:
            calendar.add_component(session_event(session))


def session_event(session: Session) -> Event:
    """An all-day VEVENT spanning a session (a GA session: its main part)."""
    last_day = session.main_part_end or session.end
    changed = _utc(session.updated_at)
    label = f"{session.body.code} {session.number}"
    event = Event()
    event.add("uid", f"session-{session.body.code}-{session.number}@{UID_DOMAIN}")
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
    return event


# --- Documents, cache and publication ----------------------------------------------------

# Seconds between a body changing and Last-Modified moving on (HTTP dates are whole seconds).
ONE_SECOND = timedelta(seconds=1)


class FeedCache:
    """The feed cache, as an optimisation only: a Redis error or timeout is logged once and
    every later call of this object answers "not cached", so a request renders from the
    database instead of failing (and does not wait on a dead server more than once)."""

    def __init__(self) -> None:
        self.available = True

    def _call(self, method: str, *args, default=None):
        if not self.available:
            return default
        try:
            return getattr(cache, method)(*args)
        except (RedisError, OSError) as error:
            self.available = False
            logger.warning("feed cache unavailable, rendering from the database: %s", error)
            return default

    def get(self, key: str):
        return self._call("get", key)

    def get_many(self, keys: list[str]) -> dict:
        return self._call("get_many", keys, default={}) if keys else {}

    def set(self, key: str, value) -> None:
        self._call("set", key, value, FEED_CACHE_SECONDS)

    def set_many(self, values: dict) -> None:
        if values:
            self._call("set_many", values, FEED_CACHE_SECONDS)


@dataclass(frozen=True)
class FeedVersion:
    """What a conditional GET needs: the stamp, the feed's recorded state, and if that
    state is for this stamp its ETag and Last-Modified (else None: render first)."""

    stamp: FeedStamp
    state: FeedState | None

    @property
    def etag(self) -> str | None:
        current = self.state is not None and self.state.stamp == self.stamp.digest
        return self.state.etag if current else None

    @property
    def last_modified(self) -> datetime | None:
        return self.state.last_modified if self.etag else None


@dataclass(frozen=True)
class FeedDocument:
    body: bytes
    etag: str
    last_modified: datetime


def feed_version(*, feed: CalendarFeed) -> FeedVersion:
    """The feed's current version (two small queries, no rendering)."""
    return FeedVersion(stamp=feed.stamp(), state=FeedState.objects.filter(key=feed.key).first())


def feed_cached(*, feed: CalendarFeed, version: FeedVersion, store: FeedCache) -> bytes | None:
    """The cached body if it is the one for this version."""
    cached = store.get(feed.cache_key)
    return cached[1] if cached is not None and cached[0] == version.stamp.digest else None


def feed_document(
    *, feed: CalendarFeed, version: FeedVersion | None = None, store: FeedCache | None = None
) -> FeedDocument:
    """The feed's body from the cache if it is there for the current stamp, else rendered
    (and cached, replacing the feed's previous body); with its ETag and Last-Modified."""
    version = version or feed_version(feed=feed)
    store = store or FeedCache()
    body = feed_cached(feed=feed, version=version, store=store)
    if body is None:
        body = feed.render(alarm_days=version.stamp.alarm_days, store=store)
        store.set(feed.cache_key, (version.stamp.digest, body))
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    if etag == version.etag:
        return FeedDocument(body=body, etag=etag, last_modified=version.last_modified)
    changed = feed_state_record(feed=feed, version=version, etag=etag)
    return FeedDocument(body=body, etag=etag, last_modified=changed)


def feed_state_record(*, feed: CalendarFeed, version: FeedVersion, etag: str) -> datetime:
    """Record the body rendered for a stamp (one query); returns its Last-Modified.

    When the body changed, Last-Modified moves on: to the latest change of its items if
    that is newer, else to now (an item left the feed, or a change without a timestamp).
    It never goes backwards. Two requests rendering the same stamp at once write the same.
    """
    now = timezone.now().replace(microsecond=0)
    latest = version.stamp.latest.replace(microsecond=0) if version.stamp.latest else None
    previous = version.state
    if previous is None:
        changed = latest or now
        FeedState.objects.bulk_create(
            [FeedState(key=feed.key, stamp=version.stamp.digest, etag=etag, last_modified=changed)],
            ignore_conflicts=True,
        )
        return changed
    changed = previous.last_modified
    if previous.etag != etag:
        changed = latest if latest and latest > changed else max(now, changed + ONE_SECOND)
    FeedState.objects.filter(pk=previous.pk, etag=previous.etag).update(
        stamp=version.stamp.digest, etag=etag, last_modified=changed
    )
    return changed


def feed_publish(*, feed: CalendarFeed) -> bool:
    """Render the feed into the cache and record its state, unless the cache already holds
    it at its current stamp (several changes in one transaction queue several tasks: the
    first renders, the others cost three queries). Returns whether it rendered."""
    version = feed_version(feed=feed)
    store = FeedCache()
    if version.etag is not None and feed_cached(feed=feed, version=version, store=store):
        return False
    feed_document(feed=feed, version=version, store=store)
    return True


def feeds_affected(*, deliverable_ids: list[int], session_ids: list[int]) -> list[CalendarFeed]:
    """The feeds (without alarms) that show these deliverables or sessions."""
    feeds: dict[str, CalendarFeed] = {}

    def add(feed: CalendarFeed) -> None:
        feeds.setdefault(feed.slug, feed)

    deliverables = Deliverable.objects.filter(pk__in=deliverable_ids).select_related(
        "due_session__body", "mandate__resolution__body", "mandate__actor"
    )
    sessions = {s.pk: s for s in Session.objects.filter(pk__in=session_ids).select_related("body")}
    if deliverables or sessions:
        add(AllDeliverablesFeed())
    if sessions:
        add(SessionCalendarFeed())
    for session in sessions.values():
        add(SessionDeliverablesFeed(session=session))
        add(BodyFeed(body=session.body))
    for deliverable in deliverables:
        if deliverable.due_session is not None:
            add(SessionDeliverablesFeed(session=deliverable.due_session))
            add(BodyFeed(body=deliverable.due_session.body))
        else:
            add(BodyFeed(body=deliverable.mandate.resolution.body))
        if deliverable.mandate.actor_id:
            add(ActorFeed(actor=deliverable.mandate.actor))
    users = FeedToken.objects.filter(
        revoked_at=None, user__contact__assigned_deliverables__in=deliverable_ids
    ).select_related("user")
    for token in users:
        add(PrivateFeed(user=token.user))
    return list(feeds.values())


def feeds_publish_affected(*, deliverable_ids: list[int], session_ids: list[int]) -> int:
    """Re-render the feeds these changes affect into the cache; returns how many it
    rendered (feeds already cached at their current version are skipped)."""
    feeds = feeds_affected(deliverable_ids=deliverable_ids, session_ids=session_ids)
    return sum(feed_publish(feed=feed) for feed in feeds)


def deliverable_ics(deliverable: Deliverable) -> bytes:
    """A calendar with this one deliverable, to download or attach to a reminder e-mail.

    Same UID and SEQUENCE as in the feeds, so importing it updates the subscribed event.
    Raises ValueError when the deliverable has no due date.
    """
    return deliverables_ics([deliverable])


def deliverables_ics(deliverables: list[Deliverable]) -> bytes:
    """A calendar with these deliverables (a person's reminders of the day)."""
    calendar = Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", PRODID)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    for deliverable in deliverables:
        calendar.add_component(deliverable_event(deliverable))
    return calendar.to_ical()


# --- Private feed tokens ------------------------------------------------------------------


def feed_token_for(*, token: str) -> FeedToken | None:
    """The active token with this secret, for an active user; None otherwise."""
    if not token or len(token) > 64:
        return None
    return (
        FeedToken.objects.select_related("user")
        .filter(token=token, revoked_at=None, user__is_active=True)
        .first()
    )


def feed_token_revoke(*, feed_token: FeedToken) -> None:
    """Revoke a token: its URL answers 404 from now on."""
    if feed_token.revoked_at is None:
        feed_token.revoked_at = timezone.now()
        feed_token.save(update_fields=["revoked_at"])


def feed_token_rotate(*, feed_token: FeedToken) -> FeedToken:
    """Revoke a token and issue a new one for the same user and label."""
    feed_token_revoke(feed_token=feed_token)
    return FeedToken.objects.create(user=feed_token.user, label=feed_token.label)


def feeds_status() -> list[dict]:
    """The shared feeds and whether each is in the cache at its current version (the
    operator's view: a feed missing from the cache is rendered on its next request)."""
    feeds: list[CalendarFeed] = [AllDeliverablesFeed(), SessionCalendarFeed()]
    feeds += [BodyFeed(body=body) for body in Body.objects.order_by("code")]
    rows = []
    store = FeedCache()
    for feed in feeds:
        version = feed_version(feed=feed)
        rows.append(
            {
                "feed": feed.slug,
                "name": feed.name,
                "cached": feed_cached(feed=feed, version=version, store=store) is not None,
                "last_modified": version.last_modified,
            }
        )
    return rows


def feed_tokens_status() -> dict[str, int]:
    return {
        "active": FeedToken.objects.filter(revoked_at=None).count(),
        "revoked": FeedToken.objects.exclude(revoked_at=None).count(),
    }
