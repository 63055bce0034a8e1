"""Deliverables and sessions to iCalendar (RFC 5545 / RFC 7986) documents, and their cache.

A feed is a declarative class in the shape of `django.contrib.syndication.Feed`: `items()`
and a hook that writes their events. Documents are written by hand (mandates/services/
rfc5545.py) from one lean query of plain values per feed (`EVENT_FIELDS`): never model
instances, never a resolution's text or JSON. A batch's rebuild of many public feeds reads
all their rows in one query and picks each feed's items in Python (`feeds_publish_many`). The `icalendar` library, which did this
before, is kept in the tests as the reference the output is compared with.

Byte-identical between polls: nothing in a document depends on the clock. DTSTAMP and
LAST-MODIFIED are the item's last change, properties are in a fixed order, items are ordered.

Versions, caching and faults:

- The *stamp* (one aggregate query per request) digests everything a document is rendered
  from: the number of items and the sum of their ids (an item entering or leaving), the
  latest `updated_at` of the items, their sessions, bodies (a change of a body's due-date
  rules counts as the body's, since the rules decide the due-date notes), resolutions,
  mandates and actors, the ids of the items a newer text proposes changes for (a proposal
  made or settled changes their events), plus the feed's name, SITE_URL, the language
  and, with alarms, the reminder offsets.
- The *ETag* is a hash of the body itself. `FeedState` (a database row per feed) keeps the
  ETag and Last-Modified of the body last rendered for a stamp, so a conditional GET is
  answered from the stamp and that row without rendering. Last-Modified is when the body
  last changed: it never goes backwards, even when the newest item leaves the feed.
- The cache holds ONE body per feed (key `feed:<render version>:<slug>:<alarms>`, the
  stamp stored beside the body). A miss renders the whole feed: a 10,000-event feed takes
  a few tenths of a second, about what splicing cached events used to, so events are not
  cached one by one any more.
- The cache is an optimisation only: when Redis fails or times out, documents are rendered
  from the database and served all the same.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from operator import itemgetter
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import IntegrityError, NotSupportedError, transaction
from django.db.models import (
    BooleanField,
    CharField,
    Count,
    ExpressionWrapper,
    Func,
    IntegerField,
    Max,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    prefetch_related_objects,
)
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from redis.exceptions import RedisError

from mandates.models import (
    BY_DUE_DATE,
    DONE_PROGRESS,
    NOT_OWED_PROGRESS,
    Actor,
    Body,
    Deliverable,
    DueDateRule,
    FeedState,
    FeedToken,
    ProposedChange,
    ReminderRule,
    RemovedSessionPart,
    ReviewStatus,
    Session,
    SessionPart,
    actor_shown,
    deliverable_field_label,
    due_session_text,
    due_session_undated,
    due_to_body,
    proposed_change_text,
    review_shown,
    superseded_draft,
)
from mandates.services import rfc5545
from mandates.services.rfc5545 import date_value, fold, text, utc_datetime
from mandates.services.schedule import (
    CalledOff,
    day_label,
    due_date_may_be_noted,
    due_date_note,
    due_date_rules_by_body,
    resumed_parts_by_session,
)

logger = logging.getLogger(__name__)

PRODID = "-//OHCHR//Mandate Tracker//EN"
UID_DOMAIN = "mandate-tracker.ohchr"
# Bump when the rendering changes, so cached bodies of the old renderer are never served.
RENDER_VERSION = 9
# How often clients are asked to poll (Google ignores it and polls every 12-24 hours).
REFRESH_INTERVAL = "PT12H"
FEED_CACHE_SECONDS = 7 * 24 * 3600
# Cancelled items stay in feeds, as STATUS:CANCELLED, this long after their last change.
CANCELLED_KEPT_DAYS = 180
# NOT_OWED_PROGRESS: STATUS:CANCELLED. DONE_PROGRESS: the summary says so ("Submitted:
# ..."), STATUS is CONFIRMED and no alarm rings.
CONTENT_TYPE = "text/calendar; charset=utf-8"
ONE_DAY = timedelta(days=1)


class _DatabaseText(Func):
    """A value the database writes as the text an event shows: on PostgreSQL and SQLite,
    the two databases the project runs on. Reading these values as Python objects and
    writing them out again took about a third of a 10,000-event render."""

    output_field = CharField()

    def as_sql(self, compiler, connection, **extra_context):
        raise NotSupportedError(f"{type(self).__name__} has no form for {connection.vendor}")


class UtcStamp(_DatabaseText):
    """A time stamp as an RFC 5545 DATE-TIME in UTC ("20261203T132504Z", what
    `rfc5545.utc_datetime` writes); SQLite stores UTC text."""

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"""to_char(({sql}) AT TIME ZONE 'UTC', 'YYYYMMDD"T"HH24MISS"Z"')""", params

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"strftime('%%Y%%m%%dT%%H%%M%%SZ', {sql})", params


class UuidText(_DatabaseText):
    """A UUID in its usual form ("1b4e28ba-2fa1-11d2-883f-0016d3cca427", `str(uuid)`);
    SQLite stores its 32 hexadecimal digits."""

    def as_postgresql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"({sql})::text", params

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.source_expressions[0])
        groups = [(1, 8), (9, 4), (13, 4), (17, 4), (21, 12)]
        parts = [f"substr({sql}, {start}, {length})" for start, length in groups]
        joined = " || '-' || ".join(parts)
        return f"lower({joined})", params * len(parts)


# A deliverable's event is written from these values alone, in this order (`values_list`;
# `EventWriter.write` unpacks them), read in one query per feed; `deliverable_row` reads the
# same from a loaded instance.
EVENT_FIELDS = (
    "title",
    "kind",
    "progress",
    "review_status",
    "sequence",
    "quote",
    "due_date",
    "manual_due_date",
    "stated_due_date",
    "computed_due_date",
    "due_relation",
    "due_session_number",
    "due_body_id",
    "due_body__code",
    "due_session_id",
    "due_session__number",
    "due_session__start",
    "due_session__end",
    "due_session__dates_status",
    "due_session__body__code",
    "due_session__status",
    "mandate__paragraph_label",
    "mandate__quote",
    "mandate__actor_id",
    "mandate__actor__name",
    "mandate__actor_text",
    "mandate__actor_name",  # an actor outside the Actor table: its name in CATEGORIES
    "mandate__resolution__symbol",
    "no_longer_in_text",
    # what the due-date note needs (`schedule.due_date_note`): read with the row, so a
    # note costs no query per event
    "mandate__resolution__adopted_on",
    "due_session__main_part_end",
    "due_session__body_id",
    "due_session__body__default_lead_time_days",
    # the document that fulfilled it and when, as the deliverable's page shows them
    "fulfilled_by",
    "fulfilled_on",
)
# Its DTSTAMP and LAST-MODIFIED: the last change of the deliverable or its resolution
# (computed by the database: one date-time to read per row, not two). Not its session's:
# the session's own event shows more than a deliverable's (its status, its source), so a
# change a deliverable's event shows (the dates, the estimate) moves the deliverable's
# `updated_at` (`schedule.session_reschedule`), and announced dates marked held move none.
LAST_MODIFIED = Greatest("updated_at", "mandate__resolution__updated_at")
# Deliverables a newer text proposes changes for that nobody settled yet: an uncorrelated
# subquery, which the database reads once per query.
PROPOSALS_OPEN = Q(pk__in=ProposedChange.objects.filter(resolved=False).values("deliverable_id"))
# ... and, after EVENT_FIELDS, as text: its UID, CREATED and that last change.
EVENT_TEXTS = {
    "uid_text": UuidText("uid"),
    "created": UtcStamp("created_at"),
    "changed": UtcStamp(LAST_MODIFIED),
    # whether its session has a resumed part that may date it (`schedule.due_anchor`): an
    # uncorrelated subquery the database reads once, so the parts are read (one query)
    # only when a feed holds such a session
    "session_resumed": ExpressionWrapper(
        Q(
            due_session_id__in=SessionPart.objects.filter(
                kind=SessionPart.Kind.RESUMED, status=Session.Status.SCHEDULED
            ).values("session_id")
        ),
        output_field=BooleanField(),
    ),
    # whether a newer text proposes changes a person has not settled yet: the same kind of
    # subquery, so the open proposals are read (one query) only when a feed holds some
    "proposals_open": ExpressionWrapper(PROPOSALS_OPEN, output_field=BooleanField()),
}
EVENT_COLUMNS = (*EVENT_FIELDS, *EVENT_TEXTS)
Row = tuple


# --- Small helpers ------------------------------------------------------------------------


def webcal_url(url: str) -> str:
    """The webcal:// form of a feed URL (a path is made absolute with SITE_URL first);
    calendar apps open it as a subscription rather than a one-off import."""
    if url.startswith("/"):
        url = settings.SITE_URL + url
    parts = urlsplit(url)
    return "webcal://" + url[len(parts.scheme) + 3 :] if parts.scheme else url


def _latest(*moments: datetime | None) -> datetime | None:
    present = [m for m in moments if m is not None]
    return max(present) if present else None


@lru_cache(maxsize=4096)
def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@lru_cache(maxsize=1)
def _page_url_parts() -> tuple[str, str]:
    """reverse() once per process, not once per event (it dominated render time)."""
    marker = "00000000-0000-0000-0000-000000000000"
    head, tail = reverse("mandates:deliverable", args=[marker]).split(marker)
    return head, tail


@dataclass(frozen=True)
class _Labels:
    """Choice labels in one language: kinds capitalised as summaries and categories show
    them, progress as descriptions show it."""

    kind: dict[str, str]
    progress: dict[str, str]
    proposed: str  # "proposed, not yet reviewed"


@lru_cache(maxsize=16)
def _labels_in(language: str) -> _Labels:
    return _Labels(
        kind={value: str(label).capitalize() for value, label in Deliverable.Kind.choices},
        progress={value: str(label) for value, label in Deliverable.Progress.choices},
        proposed=review_shown(ReviewStatus.PROPOSED),
    )


def _labels() -> _Labels:
    """get_FOO_display() without a gettext lookup per event (the active language's labels,
    computed once per process and language)."""
    return _labels_in(get_language() or "")


class DueDateRules:
    """The due-date rules by body, read (one query) when an event first needs them: only
    an event whose date may carry a note does (`schedule.due_date_may_be_noted`)."""

    def __init__(self) -> None:
        self._by_body: dict[int, list[DueDateRule]] | None = None
        self._parts: dict[int, list[SessionPart]] | None = None

    def of(self, body_id: int) -> list[DueDateRule]:
        if self._by_body is None:
            self._by_body = due_date_rules_by_body()
        return self._by_body.get(body_id, [])

    def resumed_parts_of(self, session_id: int) -> list[SessionPart]:
        """The session's resumed parts (all read in one query, when a note first needs
        them: a text adopted while its session was under way)."""
        if self._parts is None:
            self._parts = resumed_parts_by_session()
        return self._parts.get(session_id, [])


class OpenProposals:
    """What newer texts propose and nobody settled yet, by deliverable UID: read (one
    query, every open proposal) when an event first needs them, as the line an event
    shows ("A newer text proposes: due session HRC 65 (kept HRC 64)")."""

    def __init__(self) -> None:
        self._by_uid: dict[str, str] | None = None

    def of(self, uid: str) -> str:
        if self._by_uid is None:
            self._by_uid = self._read()
        return self._by_uid.get(uid, "")

    @staticmethod
    def _read() -> dict[str, str]:
        parts: dict[str, list[str]] = defaultdict(list)
        labels: dict[str, str] = {}
        rows = (
            ProposedChange.objects.filter(resolved=False)
            # the event says it is no longer in the text already
            .exclude(field="no_longer_in_text")
            .annotate(uid_text=UuidText("deliverable__uid"))
            .order_by("created_at", "pk")
            .values_list("uid_text", "field", "new_value", "old_value")
        )
        for uid, name, new, kept in rows:
            if name not in labels:
                labels[name] = deliverable_field_label(name)
            parts[uid].append(proposed_change_text(label=labels[name], new=new, kept=kept))
        return {
            uid: f"A newer text proposes: {'; '.join(said)} - see the deliverable's page"
            for uid, said in parts.items()
        }


@dataclass(frozen=True)
class EventContext:
    """What every event of one document shares, looked up once per document rather than
    per event (settings and the active language are not free to read); the documents of
    one batch share one (`feeds_publish_many`), so they read the rules once."""

    labels: _Labels
    page_head: str  # a deliverable's public page is page_head + uid + page_tail
    page_tail: str
    rules: DueDateRules = field(default_factory=DueDateRules, compare=False)
    proposals: OpenProposals = field(default_factory=OpenProposals, compare=False)

    @classmethod
    def current(cls) -> EventContext:
        head, tail = _page_url_parts()
        return cls(labels=_labels(), page_head=settings.SITE_URL + head, page_tail=tail)


# --- A deliverable's event, from its row --------------------------------------------------


def deliverable_row(deliverable: Deliverable) -> Row:
    """The values an event is written from (EVENT_COLUMNS), read from a loaded instance (a
    reminder's attachment, the .ics download) as the feeds' query gives them."""
    row: list[Any] = []
    for path in EVENT_FIELDS:
        value: Any = deliverable
        for name in path.split("__"):
            value = getattr(value, name) if value is not None else None
        row.append(value)
    changed = _latest(deliverable.updated_at, deliverable.mandate.resolution.updated_at)
    assert changed is not None
    return (
        *row,
        str(deliverable.uid),
        utc_datetime(deliverable.created_at),
        utc_datetime(changed),
        None,  # session_resumed: unknown, `schedule.due_anchor` reads the parts if needed
        None,  # proposals_open: unknown, the open proposals are read if needed
    )


_RELATIONS = {"before": "due before", "by": "due by"}


class EventWriter:
    """Writes deliverables' VEVENTs from rows of EVENT_COLUMNS, as content lines in the
    order `icalendar` wrote them.

    One call per row with the row unpacked once: what events share is worked out once per
    document (labels, the page URL, the alarms) or once per session, date and set of
    categories (a 10,000-event feed has a few dozen of each), not once per event.
    """

    def __init__(self, *, alarm_days: Iterable[int] = (), context: EventContext | None = None):
        context = context or EventContext.current()
        self.labels = context.labels
        self.page_head = context.page_head
        self.page_tail = context.page_tail
        self.rules = context.rules
        self.proposals = context.proposals
        self.triggers = [
            f"TRIGGER:{rfc5545.days_before(days)}\r\nEND:VALARM\r\n" for days in alarm_days
        ]
        self.page_head_text = text(context.page_head)
        self.page_tail_text = text(context.page_tail)
        self._dates: dict[date, str] = {}
        self._lines: dict[str, str] = {}
        self._categories: dict[tuple, str] = {}
        self._sessions: dict[tuple, tuple[str, str]] = {}
        self._notes: dict[tuple, str] = {}
        self._session_rows: dict[int, Session] = {}

    def write(self, row: Row) -> str:
        """One all-day VEVENT (the deliverable must have a due date)."""
        (
            title,
            kind,
            progress,
            review_status,
            sequence,
            quote,
            due_date,
            manual_due_date,
            stated_due_date,
            computed_due_date,
            relation,
            due_session_number,
            due_body_id,
            due_body_code,
            session_id,
            session_number,
            session_start,
            session_end,
            session_dates_status,
            session_body_code,
            session_status,
            paragraph,
            mandate_quote,
            actor_id,
            actor_name,
            actor_text,
            outside_actor_name,
            symbol,
            no_longer_in_text,
            adopted_on,
            main_part_end,
            session_body_id,
            default_lead_time_days,
            fulfilled_by,
            fulfilled_on,
            uid,
            created,
            changed,
            session_resumed,
            proposals_open,
        ) = row
        if due_date is None:
            raise ValueError(f"Deliverable {uid} has no due date")
        labels = self.labels
        link = f"{self.page_head}{uid}{self.page_tail}"
        done = progress in DONE_PROGRESS
        # STATUS: CANCELLED for cancelled or rejected items; CONFIRMED once submitted or
        # issued; TENTATIVE while unconfirmed or while the date hangs on estimated session
        # dates, or on the dates of a session cancelled or postponed (they will not hold);
        # CONFIRMED otherwise.
        called_off = session_id is not None and session_status != Session.Status.SCHEDULED
        from_session = session_id is not None and not (manual_due_date or stated_due_date)
        if progress in NOT_OWED_PROGRESS or review_status == ReviewStatus.REJECTED:
            status = "CANCELLED"
        elif done:
            status = "CONFIRMED"
        elif (
            review_status == ReviewStatus.PROPOSED
            or (from_session and session_dates_status == Session.DatesStatus.ESTIMATED)
            or (from_session and called_off)
        ):
            status = "TENTATIVE"
        else:
            status = "CONFIRMED"

        # What people read in their calendar: "Report of the High Commissioner due for HRC 65".
        kind_label = labels.kind.get(kind, kind)
        if title:
            what = title
        else:
            actor = actor_name if actor_id else actor_text
            if actor:
                article = "" if actor.lower().startswith("the ") else "the "
                what = f"{kind_label} of {article}{actor}"
            else:
                what = kind_label
        undated, as_read = False, ""
        if session_id is not None:
            due_for, session_line = self._session(
                session_id,
                relation,
                session_body_code,
                session_number,
                session_start,
                session_end,
                session_dates_status,
                session_status,
            )
            what = f"{what} {due_for}"
        elif undated := due_session_undated(
            session_id=None,
            body_id=due_body_id,
            number=due_session_number,
            relation=relation,
            stated_due_date=stated_due_date,
        ):  # "due at CSW 61" as the text gives it
            as_read = due_session_text(
                body_code=due_body_code,
                number=due_session_number,
                relation=relation,
                stated_due_date=stated_due_date,
            )
            what = f"{what} due {as_read}"
        else:  # a date of its own (printed, or set by a person): "due 30 Jun 2027"
            what = f"{what} due {day_label(due_date)}"
        if status == "CANCELLED":
            what = f"Cancelled: {what}"
        elif done:
            what = f"{labels.progress[progress].capitalize()}: {what}"
        elif called_off:  # "Session cancelled: Report ... due for HRC 60"
            what = f"Session {session_status}: {what}"
        if no_longer_in_text:  # on its people's calendars only, until someone decides
            what = f"No longer in the text: {what}"
        summary = text(what)

        # The description: resolution symbol, paragraph, the quote, the session and how the
        # date was set. Escaped piece by piece (`rfc5545.text` gives the same when a text is
        # cut after a line break): the lines after the quote once per distinct line.
        head = f"{symbol}, paragraph {paragraph}\n"
        quote = quote or mandate_quote
        if quote:
            head = f"{head}“{quote.strip()}”\n"
        description = [text(head)]
        if no_longer_in_text:
            description.append(
                self._line(
                    "No longer in the text: the latest version of the resolution no longer"
                    " asks for it; kept for its people until someone decides"
                )
            )
        if session_id is not None:
            description.append(session_line)
            if called_off and status != "CANCELLED" and not done:
                said = CalledOff(session="The session", status=session_status)
                description.append(
                    self._line(said.date_note(from_session=from_session, choices=True))
                )
        elif undated:
            description.append(self._line(f"Session: {as_read} (not in the calendar yet)"))
        # Why the computed date does not count the rule's usual way, as the pages say it
        # (`schedule.due_date_note`): beside the date the session gives.
        note = ""
        if session_id is not None and due_date_may_be_noted(
            session_start=session_start,
            session_end=session_end,
            computed_due_date=computed_due_date,
            adopted_on=adopted_on,
        ):
            note = self._note(
                (session_id, kind, relation, computed_due_date, adopted_on),
                (session_body_id, default_lead_time_days, session_body_code, session_number),
                (session_start, session_end, main_part_end),
                session_resumed,
            )
        if manual_due_date:
            how = "set by hand"
        elif stated_due_date:
            how = "printed in the resolution"
        elif note:
            how = f"computed from the session; {note}"
        else:
            how = "computed from the session"
        description.append(self._line(f"Due: {_long_date(due_date)} ({how})"))
        # a date of its own (set by hand or printed): the note goes with the session's date
        beside = note if manual_due_date or stated_due_date else ""
        if computed_due_date and (computed_due_date != due_date or beside):
            why = f" ({beside})" if beside else ""
            description.append(self._line(f"Computed date: {_long_date(computed_due_date)}{why}"))
        description.append(self._line(f"Progress: {labels.progress.get(progress, progress)}"))
        if fulfilled_by:  # as the deliverable's page shows it
            on = f" ({_long_date(fulfilled_on)})" if fulfilled_on else ""
            description.append(text(f"Fulfilled by: {fulfilled_by}{on}\n"))
        if review_status == ReviewStatus.PROPOSED:  # as the e-mails say it
            description.append(self._line(f"Review: {labels.proposed}"))
        if proposals_open is not False and (proposed := self.proposals.of(uid)):
            description.append(text(f"{proposed}\n"))
        description.append(f"{self.page_head_text}{uid}{self.page_tail_text}")

        event = [
            "BEGIN:VEVENT\r\n",
            fold(f"SUMMARY:{summary}"),
            self._dates.get(due_date) or self._days(due_date),
            f"DTSTAMP:{changed}\r\n",
            fold(f"UID:deliverable-{uid}@{UID_DOMAIN}"),
            f"SEQUENCE:{sequence}\r\n",
            self._categories_line(
                kind_label,
                session_body_code if session_id is not None else None,
                actor_shown(
                    actor=actor_name if actor_id else None,
                    actor_name=outside_actor_name,
                    actor_text=actor_text,
                )
                or None,
                labels.progress[progress].capitalize() if done else None,
            ),
            f"CREATED:{created}\r\n",
            fold(f"DESCRIPTION:{''.join(description)}"),
            f"LAST-MODIFIED:{changed}\r\n",
            f"STATUS:{status}\r\n",
            "TRANSP:TRANSPARENT\r\n",
            fold(f"URL:{link}"),
        ]
        if self.triggers and status != "CANCELLED" and not done:
            alarm = f"BEGIN:VALARM\r\nACTION:DISPLAY\r\n{fold(f'DESCRIPTION:{summary}')}"
            event += [alarm + trigger for trigger in self.triggers]
        event.append("END:VEVENT\r\n")
        return "".join(event)

    def _note(self, key: tuple, body: tuple, dates: tuple, resumed: bool | None) -> str:
        """The due-date note of a deliverable due at this session (`key`: the session, kind,
        relation, computed date and adoption date), once per distinct key. `resumed`:
        whether the session has resumed parts (None: not known, the parts are queried)."""
        try:
            return self._notes[key]
        except KeyError:
            session_id, kind, relation, computed_due_date, adopted_on = key
            session = self._session_rows.get(session_id)
            if session is None:
                body_id, lead_time_days, code, number = body
                start, end, main_part_end = dates
                session = self._session_rows[session_id] = Session(
                    pk=session_id,
                    body=Body(pk=body_id, code=code, default_lead_time_days=lead_time_days),
                    number=number,
                    start=start,
                    end=end,
                    main_part_end=main_part_end,
                )
            cache = session.__dict__.setdefault("_prefetched_objects_cache", {})
            if "parts" not in cache and resumed is not None:
                cache["parts"] = self.rules.resumed_parts_of(session_id) if resumed else []
            note = self._notes[key] = due_date_note(
                session=session,
                kind=kind,
                relation=relation,
                rules=self.rules.of(session.body_id),
                computed_due_date=computed_due_date,
                adopted_on=adopted_on,
            )
            return note

    def _days(self, day: date) -> str:
        """DTSTART and DTEND of an all-day event on this day."""
        lines = self._dates[day] = (
            f"DTSTART;VALUE=DATE:{date_value(day)}\r\n"
            f"DTEND;VALUE=DATE:{date_value(day + ONE_DAY)}\r\n"
        )
        return lines

    def _line(self, line: str) -> str:
        """A line of a description, escaped with its line break."""
        try:
            return self._lines[line]
        except KeyError:
            escaped = self._lines[line] = text(f"{line}\n")
            return escaped

    def _categories_line(self, *categories: str | None) -> str:
        try:
            return self._categories[categories]
        except KeyError:
            present = [category for category in categories if category is not None]
            line = self._categories[categories] = fold(f"CATEGORIES:{rfc5545.text_list(present)}")
            return line

    def _session(self, session_id: int, relation: str, *session: Any) -> tuple[str, str]:
        """The summary's "due for HRC 65" and the description's session line (escaped)."""
        key = (session_id, relation)
        try:
            return self._sessions[key]
        except KeyError:
            code, number, start, end, dates_status, status = session
            estimated = (
                " (estimated dates)" if dates_status == Session.DatesStatus.ESTIMATED else ""
            )
            off = f" ({status})" if status != Session.Status.SCHEDULED else ""
            pieces = self._sessions[key] = (
                f"{_RELATIONS.get(relation, 'due for')} {code} {number}",
                text(
                    f"Session: {code} {number}, {_long_date(start)} - {_long_date(end)}"
                    f"{estimated}{off}\n"
                ),
            )
            return pieces


def _called_off_status(*, called_off: str, estimated: bool) -> str:
    """The STATUS of a session's (or part's) event: CANCELLED when it was cancelled,
    TENTATIVE while postponed or estimated, else CONFIRMED."""
    if called_off == Session.Status.CANCELLED:
        return "CANCELLED"
    return "TENTATIVE" if estimated or called_off == Session.Status.POSTPONED else "CONFIRMED"


def session_page_url(session: Session) -> str:
    """The session's public page (its deliverables, its plan), absolute."""
    path = reverse("mandates:session", kwargs={"code": session.body.code, "number": session.number})
    return settings.SITE_URL + path


def session_calendar_event(
    *,
    summary: str,
    lines: list[str],
    start: date,
    last_day: date,
    uid: str,
    sequence: int,
    changed: datetime,
    status: str,
    code: str,
    url: str,
) -> str:
    """An all-day VEVENT of the session calendar, from `start` to `last_day`: a session, or
    a part of one. `lines`: its description, one line each."""
    stamp = utc_datetime(changed)
    return "".join(
        [
            "BEGIN:VEVENT\r\n",
            fold(f"SUMMARY:{text(summary)}"),
            f"DTSTART;VALUE=DATE:{date_value(start)}\r\n",
            f"DTEND;VALUE=DATE:{date_value(last_day + ONE_DAY)}\r\n",
            f"DTSTAMP:{stamp}\r\n",
            fold(f"UID:{text(uid)}"),
            f"SEQUENCE:{sequence}\r\n",
            fold(f"CATEGORIES:{rfc5545.text_list([code, 'Session'])}"),
            fold(f"DESCRIPTION:{text(chr(10).join(lines))}"),
            f"LAST-MODIFIED:{stamp}\r\n",
            f"STATUS:{status}\r\n",
            "TRANSP:TRANSPARENT\r\n",
            fold(f"URL:{url}"),
            "END:VEVENT\r\n",
        ]
    )


def session_event(session: Session) -> str:
    """An all-day VEVENT spanning a session (a GA session: its main part); cancelled, it
    says so (STATUS:CANCELLED); postponed, it stays TENTATIVE on the dates it had."""
    code = session.body.code
    label = f"{code} {session.number}"
    suffix = " (estimated dates)" if session.is_estimated else ""
    summary = f"{label}: {session.body.name}, session {session.number}{suffix}"
    if session.called_off:
        summary = f"{session.get_status_display().capitalize()}: {summary}"
    lines = [f"{_long_date(session.start)} - {_long_date(session.end)}"]
    if session.called_off:
        lines.append(
            f"The session was {session.get_status_display()}: it does not meet on these dates"
        )
    if session.main_part_end:
        lines.append(f"Main part closes {_long_date(session.main_part_end)}")
    lines.append(f"Dates: {session.get_dates_status_display()}")
    if session.source:
        lines.append(f"Source: {session.source}")
    return session_calendar_event(
        summary=summary,
        lines=lines,
        start=session.start,
        last_day=session.main_part_end or session.end,
        uid=f"session-{code}-{session.number}@{UID_DOMAIN}",
        sequence=session.sequence,
        changed=session.updated_at,
        status=_called_off_status(
            called_off=session.status if session.called_off else "",
            estimated=session.is_estimated,
        ),
        code=code,
        url=session_page_url(session),
    )


def session_part_event(part: SessionPart) -> str:
    """An all-day VEVENT spanning a part of a session: "GA 81: resumed part", with a UID
    of its own (the part's id: moved, it stays the same event)."""
    session = part.session
    estimated = part.is_estimated
    summary = f"{session.body.code} {session.number}: {part.get_kind_display()}"
    summary += " (estimated dates)" if estimated else ""
    if part.called_off:
        summary = f"{part.get_status_display().capitalize()}: {summary}"
    lines = [
        f"{session.body.name}, session {session.number}: {part.get_kind_display()}",
        f"{_long_date(part.start)} - {_long_date(part.end)}",
    ]
    if part.called_off:
        lines.append(f"The {part.get_kind_display()} was {part.get_status_display()}")
    lines.append(f"Dates: {part.get_dates_status_display()}")
    if part.source:
        lines.append(f"Source: {part.source}")
    return session_calendar_event(
        summary=summary,
        lines=lines,
        start=part.start,
        last_day=part.end,
        uid=f"session-part-{part.pk}@{UID_DOMAIN}",
        sequence=part.sequence,
        changed=max(part.updated_at, session.updated_at),
        status=_called_off_status(
            called_off=part.status if part.called_off else "", estimated=estimated
        ),
        code=session.body.code,
        url=session_page_url(session),
    )


def removed_session_part_event(removed: RemovedSessionPart) -> str:
    """The event of a deleted session part, cancelled: the part's UID, a higher SEQUENCE,
    "Removed: GA 81: resumed part"."""
    session = removed.session
    kind = removed.get_kind_display()
    return session_calendar_event(
        summary=f"Removed: {session.body.code} {session.number}: {kind}",
        lines=[
            f"{session.body.name}, session {session.number}: {kind}",
            f"{_long_date(removed.start)} - {_long_date(removed.end)}",
            f"The {kind} was removed from the session calendar",
        ],
        start=removed.start,
        last_day=removed.end,
        uid=f"session-part-{removed.part_id}@{UID_DOMAIN}",
        sequence=removed.sequence,
        changed=removed.removed_at,
        status="CANCELLED",
        code=session.body.code,
        url=session_page_url(session),
    )


def calendar_document(events: str, *, name: str = "", description: str = "") -> bytes:
    """A VCALENDAR around these events; a named one (a feed) with its name, description
    and refresh interval, an unnamed one (a download, an e-mail attachment) without."""
    head = [
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n",
        fold(f"PRODID:{text(PRODID)}"),
        "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n",
    ]
    if description:
        head += [
            fold(f"DESCRIPTION:{text(description)}"),
            fold(f"X-WR-CALDESC:{text(description)}"),
        ]
    if name:
        head += [
            fold(f"NAME:{text(name)}"),
            fold(f"X-WR-CALNAME:{text(name)}"),
            f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH_INTERVAL}\r\n",
            f"X-PUBLISHED-TTL:{REFRESH_INTERVAL}\r\n",
        ]
    return "".join([*head, events, "END:VCALENDAR\r\n"]).encode()


# --- Feed classes -------------------------------------------------------------------------


class CalendarFeed:
    """A calendar document: `items()` and `events()`, which writes their VEVENTs."""

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

    def events(self, alarm_days: list[int]) -> str:
        """The items' VEVENTs, in order (one query)."""
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
        return self.stamp_of(values, alarm_offsets() if self.alarms else [])

    def stamp_of(self, values: dict, alarm_days: list[int]) -> FeedStamp:
        """The stamp from the aggregates' values (`stamp_aggregates` names), however read.
        Sums of ids are ints whatever the database gives (PostgreSQL: a Decimal), so
        sums made in Python (`feeds_publish_many`) give the same digest."""
        values = {  # sums of ids as ints, whatever the database gives
            name: int(value) if isinstance(value, Decimal) else value
            for name, value in values.items()
        }
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
        self,
        *,
        alarm_days: list[int] | None = None,
        rows: Iterable[Row] | None = None,
        context: EventContext | None = None,
    ) -> bytes:
        """The document as bytes (CRLF line ends, lines folded at 75 octets); from `rows`
        already read (`feeds_publish_many`) instead of the feed's own query if given, and
        with the `context` the batch's documents share."""
        if alarm_days is None:
            alarm_days = alarm_offsets() if self.alarms else []
        # Every event is all-day (VALUE=DATE) and DTSTAMP/LAST-MODIFIED are UTC, so no
        # VTIMEZONE is needed.
        if rows is None:
            events = self.events(alarm_days)
        else:
            events = self.events_of(rows, alarm_days, context=context)
        return calendar_document(events, name=self.name, description=self.description)

    def events_of(
        self, rows: Iterable[Row], alarm_days: list[int], *, context: EventContext | None = None
    ) -> str:
        """The VEVENTs of these rows (the feed's items, in order, read by the caller)."""
        raise NotImplementedError


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


# The rows, besides the deliverables, that an event shows: their last change is in the stamp.
EVENT_VERSION_FIELDS = (
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
            .exclude(superseded_draft())
            .exclude(review_status=ReviewStatus.REJECTED)
            .exclude(mandate__review_status=ReviewStatus.REJECTED)
            .filter(self.filter())
            .filter(~Q(progress__in=NOT_OWED_PROGRESS) | Q(updated_at__gte=kept_since))
            .order_by(*BY_DUE_DATE)
        )
        if self.public_only:
            queryset = queryset.public()
        return queryset

    def stamp_aggregates(self) -> dict:
        return {
            **super().stamp_aggregates(),
            **{field: Max(field) for field in EVENT_VERSION_FIELDS},
            # the items with proposals open: a proposal made or settled changes the events
            # ("A newer text proposes: ...") even when the deliverable's row is not saved
            "proposing": Sum("pk", filter=PROPOSALS_OPEN),
        }

    def events(self, alarm_days: list[int]) -> str:
        """One query of plain values (`EVENT_FIELDS`, `LAST_MODIFIED`), then each event
        written from its row."""
        rows = self.items().values_list(*EVENT_FIELDS, *EVENT_TEXTS.values())
        return self.events_of(rows, alarm_days)

    def events_of(
        self, rows: Iterable[Row], alarm_days: list[int], *, context: EventContext | None = None
    ) -> str:
        return "".join(map(EventWriter(alarm_days=alarm_days, context=context).write, rows))

    def row_group(self, row: Mapping[str, Any]) -> object:
        """Which feed of this kind a row of the public feeds' one query belongs in
        (`feeds_publish_many`): the feed whose `group` it equals. `filter()` on a row; only
        feeds with `public_only` are read that way."""
        raise NotImplementedError

    @property
    def group(self) -> object:
        """This feed's `row_group` value."""
        raise NotImplementedError


class AllDeliverablesFeed(DeliverableFeed):
    slug = "all"
    name = "Mandate Tracker: all deliverables"
    description = "Deadlines of what resolutions ask OHCHR to deliver."

    def row_group(self, row: Mapping[str, Any]) -> object:
        return None

    @property
    def group(self) -> object:
        return None


class BodyFeed(DeliverableFeed):
    """Deliverables due to a body: see `due_to_body` (a session not yet dated is filed under
    the body whose session the text names, not the body that adopted the resolution)."""

    def __init__(self, *, body: Body, alarms: bool = False) -> None:
        super().__init__(alarms=alarms)
        self.body = body
        self.slug = f"body:{body.code}"
        self.name = f"Mandate Tracker: {body.code}"
        self.description = f"Deliverables due to the {body.name}."

    def filter(self) -> Q:
        return due_to_body(self.body)

    def row_group(self, row: Mapping[str, Any]) -> object:
        if row["due_session_id"] is not None:
            return row["due_session__body_id"]
        if row["due_body_id"] is not None:
            return row["due_body_id"]
        return row["mandate__resolution__body_id"]

    @property
    def group(self) -> object:
        return self.body.pk


class ActorFeed(DeliverableFeed):
    def __init__(self, *, actor: Actor, alarms: bool = False) -> None:
        super().__init__(alarms=alarms)
        self.actor = actor
        self.slug = f"actor:{actor.pk}"
        self.name = f"Mandate Tracker: {actor.name}"
        self.description = f"Deliverables requested of the {actor.name}."

    def filter(self) -> Q:
        return Q(mandate__actor=self.actor)

    def row_group(self, row: Mapping[str, Any]) -> object:
        return row["mandate__actor_id"]

    @property
    def group(self) -> object:
        return self.actor.pk


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

    def row_group(self, row: Mapping[str, Any]) -> object:
        return row["due_session_id"]

    @property
    def group(self) -> object:
        return self.session.pk


class PrivateFeed(DeliverableFeed):
    """A user's assigned deliverables, public or not; reached through a secret token."""

    public_only = False

    def __init__(self, *, user: Any, alarms: bool = False) -> None:
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
    description = (
        "Regular sessions of the Human Rights Council and the General Assembly, with their"
        " resumed parts and organizational meetings."
    )

    def items(self) -> QuerySet:
        return Session.objects.select_related("body").order_by("start", "body__code", "number")

    def stamp_aggregates(self) -> dict:
        # the deleted parts still shown: one leaving after CANCELLED_KEPT_DAYS changes the
        # stamp (one deleted moves its session's `updated_at`); the database reads the
        # uncorrelated subquery once
        removed = removed_session_parts_kept().order_by().values(n=Func("pk", function="COUNT"))
        return {
            **super().stamp_aggregates(),
            "body": Max("body__updated_at"),
            "removed": Max(Subquery(removed, output_field=IntegerField())),
        }

    def events(self, alarm_days: list[int]) -> str:
        """Each session, then its parts (resumed parts, organizational meetings), then its
        deleted parts still shown cancelled: two queries, three when a session has deleted
        parts. A part's change moves its session's `updated_at` (`session_parts_changed`),
        which the stamp reads."""
        kept = removed_session_parts_kept()
        sessions = list(
            self.items()
            .annotate(
                # an uncorrelated subquery, read once: the deleted parts are read (one
                # query) only when a session has some
                parts_removed=ExpressionWrapper(
                    Q(pk__in=kept.values("session_id")), output_field=BooleanField()
                )
            )
            .prefetch_related("parts")
        )
        if any(session.parts_removed for session in sessions):
            prefetch_related_objects(sessions, Prefetch("removed_parts", queryset=kept))
        events = []
        for session in sessions:
            events.append(session_event(session))
            parts = sorted(session.parts.all(), key=lambda part: (part.start, part.kind))
            for part in parts:
                part.session = session
                events.append(session_part_event(part))
            if not session.parts_removed:
                continue
            live = {part.pk for part in parts}
            for removed in sorted(
                session.removed_parts.all(), key=lambda r: (r.start, r.kind, r.part_id)
            ):
                if removed.part_id not in live:
                    removed.session = session
                    events.append(removed_session_part_event(removed))
        return "".join(events)


def removed_session_parts_kept() -> QuerySet[RemovedSessionPart]:
    """The deleted session parts the session calendar still shows, cancelled."""
    kept_since = timezone.now() - timedelta(days=CANCELLED_KEPT_DAYS)
    return RemovedSessionPart.objects.filter(removed_at__gte=kept_since)


def session_part_removed(sender, *, instance: SessionPart, origin=None, **kwargs) -> None:
    """`post_delete` of a session part (connected in apps.py), whoever deletes it (its
    session's admin page, its own, a script): its event stays in the session calendar,
    cancelled (`RemovedSessionPart`), so subscribed calendars drop it. A part deleted
    with its session leaves nothing: the session's own event goes too. Rows past
    CANCELLED_KEPT_DAYS are deleted on the way."""
    if isinstance(origin, Session) or (
        isinstance(origin, QuerySet) and issubclass(origin.model, Session)
    ):
        return
    now = timezone.now()
    RemovedSessionPart.objects.filter(
        removed_at__lt=now - timedelta(days=CANCELLED_KEPT_DAYS)
    ).delete()
    RemovedSessionPart.objects.update_or_create(
        part_id=instance.pk,
        defaults={
            "session_id": instance.session_id,
            "kind": instance.kind,
            "start": instance.start,
            "end": instance.end,
            "sequence": instance.sequence + 1,  # its event changes: cancelled
            "removed_at": now,
        },
    )


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

    def set(self, key: str, value) -> None:
        self._call("set", key, value, FEED_CACHE_SECONDS)

    def get_many(self, keys: list[str]) -> dict:
        """Several keys in one round trip (MGET)."""
        return self._call("get_many", keys, default={})

    def set_many(self, values: dict) -> None:
        """Several keys in one round trip (a pipeline)."""
        if values:
            self._call("set_many", values, FEED_CACHE_SECONDS)


@dataclass(frozen=True)
class FeedVersion:
    """What a conditional GET needs: the stamp, the feed's recorded state, and if that
    state is for this stamp its ETag and Last-Modified (else None: render first)."""

    stamp: FeedStamp
    state: FeedState | None

    @property
    def current(self) -> FeedState | None:
        """The recorded state, if it is for this stamp."""
        state = self.state
        return state if state is not None and state.stamp == self.stamp.digest else None

    @property
    def etag(self) -> str | None:
        current = self.current
        return current.etag if current is not None else None

    @property
    def last_modified(self) -> datetime | None:
        current = self.current
        return current.last_modified if current is not None else None


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
        body = feed.render(alarm_days=version.stamp.alarm_days)
        store.set(feed.cache_key, (version.stamp.digest, body))
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    current = version.current
    if current is not None and etag == current.etag:
        return FeedDocument(body=body, etag=etag, last_modified=current.last_modified)
    changed = feed_state_record(feed=feed, version=version, etag=etag)
    return FeedDocument(body=body, etag=etag, last_modified=changed)


def feed_state_record(*, feed: CalendarFeed, version: FeedVersion, etag: str) -> datetime:
    """Record the body rendered for a stamp (one query); returns its Last-Modified.

    When the body changed, Last-Modified moves on: to the latest change of its items if
    that is newer, else to now (an item left the feed, or a change without a timestamp).
    It never goes backwards. Two requests rendering the same stamp at once write the same.
    """
    previous = version.state
    if previous is None:
        state = _feed_state_new(feed=feed, version=version, etag=etag)
        FeedState.objects.bulk_create([state], ignore_conflicts=True)
        return state.last_modified
    now = timezone.now().replace(microsecond=0)
    latest = version.stamp.latest.replace(microsecond=0) if version.stamp.latest else None
    changed = previous.last_modified
    if previous.etag != etag:
        changed = latest if latest and latest > changed else max(now, changed + ONE_SECOND)
    FeedState.objects.filter(pk=previous.pk, etag=previous.etag).update(
        stamp=version.stamp.digest, etag=etag, last_modified=changed
    )
    return changed


def _feed_state_new(*, feed: CalendarFeed, version: FeedVersion, etag: str) -> FeedState:
    """The first state of a feed (not saved): Last-Modified is its items' latest change."""
    latest = version.stamp.latest.replace(microsecond=0) if version.stamp.latest else None
    changed = latest or timezone.now().replace(microsecond=0)
    return FeedState(key=feed.key, stamp=version.stamp.digest, etag=etag, last_modified=changed)


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

    deliverables = (
        Deliverable.objects.filter(pk__in=deliverable_ids)
        .select_related(
            "due_session__body", "due_body", "mandate__resolution__body", "mandate__actor"
        )
        # Only the feeds are wanted: not each resolution's text and extraction (a batch's
        # thousand deliverables read and decoded them for nothing).
        .defer("mandate__resolution__text", "mandate__resolution__extraction")
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
        add(BodyFeed(body=deliverable.body_due_to))
        actor = deliverable.mandate.actor
        if actor is not None:
            add(ActorFeed(actor=actor))
    users = FeedToken.objects.filter(
        revoked_at=None, user__contact__assigned_deliverables__in=deliverable_ids
    ).select_related("user")
    for token in users:
        add(PrivateFeed(user=token.user))
    return list(feeds.values())


def feeds_publish_affected(*, deliverable_ids: list[int], session_ids: list[int]) -> int:
    """Re-render the feeds these changes affect into the cache; returns how many it
    rendered (feeds already cached at their current version are skipped)."""
    return feeds_publish_many(
        feeds=feeds_affected(deliverable_ids=deliverable_ids, session_ids=session_ids)
    )


# What the public feeds' one query reads besides `EVENT_FIELDS`: each feed's items are
# picked from its rows (`DeliverableFeed.row_group`) and its stamp computed from them.
_MANY_FIELDS = tuple(
    dict.fromkeys(
        (
            *EVENT_FIELDS,
            "pk",
            "updated_at",
            "due_session__body_id",
            "mandate__resolution__body_id",
            *EVENT_VERSION_FIELDS,
        )
    )
)


# A row of that query as the event writer reads it.
_event_columns = itemgetter(*EVENT_COLUMNS)


def _stamp_values(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """What `DeliverableFeed.stamp_aggregates` gives, from the rows (MAX skips NULLs)."""
    values: dict[str, Any] = {
        "n": len(rows),
        "ids": sum(row["pk"] for row in rows) if rows else None,
    }
    for name, field_name in [("latest", "updated_at")] + [(f, f) for f in EVENT_VERSION_FIELDS]:
        present = [row[field_name] for row in rows if row[field_name] is not None]
        values[name] = max(present) if present else None
    proposing = [row["pk"] for row in rows if row["proposals_open"]]
    values["proposing"] = sum(proposing) if proposing else None
    return values


def feeds_publish_many(*, feeds: list[CalendarFeed]) -> int:
    """`feed_publish` for each feed, the public deliverable feeds among them read together:
    one query for all their rows, one for their states, one cache round trip to read and
    one to write, one insert for the states of feeds never rendered (a feed whose state
    changes still costs one update). A batch's hundred feeds cost about three queries each
    when published one by one. Returns how many were rendered."""
    many = [f for f in feeds if isinstance(f, DeliverableFeed) and f.public_only]
    rendered = sum(feed_publish(feed=feed) for feed in feeds if feed not in many)
    if len(many) < 2:
        return rendered + sum(feed_publish(feed=feed) for feed in many)
    rows = list(AllDeliverablesFeed().items().values(*_MANY_FIELDS, **EVENT_TEXTS))
    offsets = alarm_offsets() if any(feed.alarms for feed in many) else []
    states = {s.key: s for s in FeedState.objects.filter(key__in=[f.key for f in many])}
    store = FeedCache()
    cached = store.get_many([feed.cache_key for feed in many])
    to_cache: dict[str, tuple[str, bytes]] = {}
    new_states: list[FeedState] = []
    # the rows of each kind of feed, by feed: one pass per kind, not one per feed
    grouped: dict[type, dict[object, list[Mapping[str, Any]]]] = {}
    context = EventContext.current()  # one for every document: the rules read once
    for feed in many:
        if type(feed) not in grouped:
            by_group = grouped[type(feed)] = defaultdict(list)
            for row in rows:
                by_group[feed.row_group(row)].append(row)
        items = grouped[type(feed)].get(feed.group, [])
        alarm_days = offsets if feed.alarms else []
        version = FeedVersion(
            stamp=feed.stamp_of(_stamp_values(items), alarm_days), state=states.get(feed.key)
        )
        hit = cached.get(feed.cache_key)
        body = hit[1] if hit is not None and hit[0] == version.stamp.digest else None
        if body is not None and version.etag is not None:
            continue
        if body is None:
            body = feed.render(
                alarm_days=alarm_days, rows=map(_event_columns, items), context=context
            )
            to_cache[feed.cache_key] = (version.stamp.digest, body)
        rendered += 1
        etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
        current = version.current
        if current is not None and etag == current.etag:
            continue
        if version.state is None:
            new_states.append(_feed_state_new(feed=feed, version=version, etag=etag))
        else:
            feed_state_record(feed=feed, version=version, etag=etag)
    store.set_many(to_cache)
    FeedState.objects.bulk_create(new_states, ignore_conflicts=True)
    return rendered


def deliverable_ics(deliverable: Deliverable) -> bytes:
    """A calendar with this one deliverable, to download or attach to a reminder e-mail.

    Same UID and SEQUENCE as in the feeds, so importing it updates the subscribed event.
    Raises ValueError when the deliverable has no due date.
    """
    return deliverables_ics([deliverable])


def deliverables_ics(deliverables: list[Deliverable]) -> bytes:
    """A calendar with these deliverables (a person's reminders of the day)."""
    write = EventWriter().write
    return calendar_document("".join(write(deliverable_row(d)) for d in deliverables))


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


def _person_locked(user_id: int) -> None:
    """Lock the person's user row until the transaction ends: their own links change one
    request at a time (a double click, two tabs), the second seeing what the first did."""
    list(get_user_model().objects.select_for_update().filter(pk=user_id).values_list("pk"))


@transaction.atomic
def feed_token_create_own(*, user: Any, label: str = "") -> tuple[FeedToken, bool]:
    """A person's own private calendar link, asked for on /calendars/: the one they have
    when they have one (a form sent twice, even at the same moment, makes one link), else
    a new one; and whether it is new. (The admin creates more, with labels, and a
    superuser for anyone.)"""
    _person_locked(user.pk)
    existing = FeedToken.objects.filter(user=user, revoked_at=None).order_by("-created_at")
    found = existing.first()
    if found is not None:
        return found, False
    try:
        with transaction.atomic():
            return FeedToken.objects.create(user=user, label=label, self_service=True), True
    except IntegrityError:  # one made meanwhile by a path that took no lock
        return existing.get(self_service=True), False


def feed_token_revoked(*, token: str) -> bool:
    """Whether this secret is a token that was revoked (or replaced by a rotation): its
    calendar is gone for good (410 Gone, which calendar clients act on by dropping the
    subscription's events), unlike a secret nobody issued (404, which they take for a
    passing fault and keep showing what they had)."""
    if not token or len(token) > 64:
        return False
    return FeedToken.objects.filter(token=token, revoked_at__isnull=False).exists()


def _still_working(feed_token: FeedToken) -> FeedToken | None:
    """The token read again under its owner's lock; None once revoked (meanwhile too)."""
    _person_locked(feed_token.user_id)
    return FeedToken.objects.filter(pk=feed_token.pk, revoked_at=None).first()


@transaction.atomic
def feed_token_revoke(*, feed_token: FeedToken) -> bool:
    """Revoke a token: its URL answers 410 Gone from now on. Whether it was revoked now
    (not by an earlier or simultaneous request)."""
    current = _still_working(feed_token)
    if current is None:
        return False
    current.revoked_at = feed_token.revoked_at = timezone.now()
    current.save(update_fields=["revoked_at"])
    return True


@transaction.atomic
def feed_token_rotate(*, feed_token: FeedToken) -> FeedToken | None:
    """Revoke a token and issue a new one for the same user and label; None when it was
    revoked or replaced already (two tabs sending "replace" make one new link)."""
    current = _still_working(feed_token)
    if current is None:
        return None
    feed_token_revoke(feed_token=current)
    return FeedToken.objects.create(
        user_id=current.user_id, label=current.label, self_service=current.self_service
    )


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
                "last_modified": feed_last_change(version=version),
            }
        )
    return rows


def feed_last_change(*, version: FeedVersion) -> datetime | None:
    """When the feed last changed, for the operator: its Last-Modified when the version
    recorded is the current one; when something changed since it was last served (the
    rebuild not run yet), the later of that and its items' latest change; None for a feed
    never served and without items."""
    if version.current is not None:
        return version.current.last_modified
    recorded = version.state.last_modified if version.state is not None else None
    changed = _latest(recorded, version.stamp.latest)
    return changed.replace(microsecond=0) if changed else None


def feed_tokens_status() -> dict[str, int]:
    return {
        "active": FeedToken.objects.filter(revoked_at=None).count(),
        "revoked": FeedToken.objects.exclude(revoked_at=None).count(),
    }
