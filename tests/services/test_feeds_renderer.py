"""The hand-written iCalendar renderer (issue 16): three parsers read what it writes, and
read the same as what the `icalendar` library rendered before (tests/ical_reference.py)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from mandates.models import (
    Actor,
    Body,
    Deliverable,
    Mandate,
    ProposedChange,
    ReviewStatus,
    Session,
)
from mandates.services import feeds
from tests import factories, ical_reference
from tests.ical import assert_valid_ics, read_by_three_parsers, read_icalendar
from tests.services.test_feeds import due_at
from tests.services.test_rfc5545 import AWKWARD_TEXT, LONG_NON_ASCII

pytestmark = pytest.mark.django_db

KINDS = [choice for choice, _ in Deliverable.Kind.choices]
PROGRESS = [choice for choice, _ in Deliverable.Progress.choices]
A_DATE = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def deliverable_specs(draw) -> dict:
    """One deliverable's fields, awkward where people or PDFs make them so."""
    dated = draw(st.booleans())
    stated, manual = draw(st.one_of(st.none(), A_DATE)), draw(st.one_of(st.none(), A_DATE))
    computed = draw(A_DATE) if dated else None
    due_date = manual or stated or computed or draw(A_DATE)
    return {
        "title": draw(st.one_of(st.just(""), AWKWARD_TEXT, LONG_NON_ASCII)),
        "quote": draw(st.one_of(st.just(""), AWKWARD_TEXT, LONG_NON_ASCII)),
        "mandate_quote": draw(st.one_of(st.just(""), AWKWARD_TEXT)),
        "paragraph": draw(st.sampled_from(["1", "7(h)", "12, 13"])),
        "actor": draw(st.one_of(st.none(), AWKWARD_TEXT.filter(str.strip))),
        "actor_text": draw(st.one_of(st.just(""), AWKWARD_TEXT)),
        "kind": draw(st.sampled_from(KINDS)),
        "progress": draw(st.sampled_from(PROGRESS)),
        "review_status": draw(st.sampled_from([ReviewStatus.CONFIRMED, ReviewStatus.PROPOSED])),
        "session": draw(st.sampled_from([("HRC", 59), ("HRC", 65), ("GA", 81)])) if dated else None,
        "relation": draw(st.sampled_from(["at", "before", "by", ""])),
        "as_read": None if dated else draw(st.sampled_from([None, ("CSW", 71), ("CSW", None)])),
        "stated": stated,
        "manual": manual,
        "computed": computed,
        "due_date": due_date,
        "sequence": draw(st.integers(0, 40)),
        "fulfilled_by": draw(st.one_of(st.just(""), AWKWARD_TEXT)),
        "fulfilled_on": draw(st.one_of(st.none(), A_DATE)),
        "proposed": draw(st.one_of(st.none(), AWKWARD_TEXT)),
    }


def create(spec: dict) -> Deliverable:
    actor = None
    if spec["actor"] is not None:
        actor, _ = Actor.objects.get_or_create(name=spec["actor"][:255])
    mandate = Mandate.objects.create(
        resolution=factories.ResolutionFactory(),
        paragraph_label=spec["paragraph"],
        actor=actor,
        actor_text=spec["actor_text"][:500],
        quote=spec["mandate_quote"],
    )
    session = None
    if spec["session"]:
        session = Session.objects.get(body__code=spec["session"][0], number=spec["session"][1])
    due_body, number = None, None
    if spec["as_read"]:
        due_body, _ = Body.objects.get_or_create(code=spec["as_read"][0], defaults={"name": "CSW"})
        number = spec["as_read"][1]
    deliverable = Deliverable.objects.create(
        mandate=mandate,
        title=spec["title"][:500],
        quote=spec["quote"],
        kind=spec["kind"],
        progress=spec["progress"],
        review_status=spec["review_status"],
        due_session=session,
        due_relation=spec["relation"],
        due_body=due_body,
        due_session_number=number,
        stated_due_date=spec["stated"],
        manual_due_date=spec["manual"],
        computed_due_date=spec["computed"],
        due_date=spec["due_date"],
        sequence=spec["sequence"],
        fulfilled_by=spec.get("fulfilled_by", "")[:64],
        fulfilled_on=spec.get("fulfilled_on"),
    )
    if spec.get("proposed") is not None:
        ProposedChange.objects.create(
            deliverable=deliverable, field="title", old_value="-", new_value=spec["proposed"]
        )
    return deliverable


def line_breaks_as_read(content: dict) -> dict:
    """A line break is written as \\n whatever it was (CRLF, CR), so it reads back as LF."""

    def fix(value):
        if isinstance(value, str):
            return value.replace("\r\n", "\n").replace("\r", "\n")
        if isinstance(value, list | tuple):
            return type(value)(fix(item) for item in value)
        if isinstance(value, dict):
            return {key: fix(item) for key, item in value.items()}
        return value

    return fix(content)


# An actor named by commas only: icalendar and ical split CATEGORIES at escaped commas
# (hypothesis found it; tests/ical.py reads categories with a comma as vobject does).
COMMA_ACTOR = {
    "title": "Report",
    "quote": "",
    "mandate_quote": "",
    "paragraph": "1",
    "actor": ",",
    "actor_text": "",
    "kind": KINDS[0],
    "progress": PROGRESS[0],
    "review_status": ReviewStatus.CONFIRMED,
    "session": ("HRC", 65),
    "relation": "at",
    "as_read": None,
    "stated": None,
    "manual": None,
    "computed": date(2027, 1, 11),
    "due_date": date(2027, 1, 11),
    "sequence": 0,
}


# A paragraph label ending in a CR with no quote after it: the CR and the line break after
# it are one break, however the description is escaped.
CR_PARAGRAPH = {**COMMA_ACTOR, "actor": "High Commissioner", "paragraph": "7(h)\r"}
# An actor that is one backslash: a CATEGORIES item "\\" before the list's comma, which
# icalendar reads as empty (tests/ical.py); the other parsers must still agree.
BACKSLASH_ACTOR = {**COMMA_ACTOR, "actor": "\\", "progress": "submitted"}


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=st.lists(deliverable_specs(), min_size=1, max_size=5), alarms=st.booleans())
@example(specs=[COMMA_ACTOR], alarms=False)
@example(specs=[CR_PARAGRAPH], alarms=False)
@example(specs=[BACKSLASH_ACTOR], alarms=False)
def test_three_parsers_read_what_the_old_renderer_built(specs, alarms, settings):
    """For awkward events, icalendar, vobject and ical read the same feed, and read what the
    icalendar-library renderer put in its calendar for the same rows."""
    settings.PUBLIC_SHOWS_PROPOSALS = True
    created = [create(spec) for spec in specs]
    try:
        feed = feeds.AllDeliverablesFeed(alarms=alarms)
        body = feed.render()
        assert_valid_ics(body)
        content = read_by_three_parsers(body)
        expected = line_breaks_as_read(read_icalendar(ical_reference.feed_calendar(feed)))
        assert content == expected
        assert len(content["events"]) == len(created)
        single = feeds.deliverables_ics(created)
        reference = ical_reference.deliverables_calendar(created)
        assert read_by_three_parsers(single) == line_breaks_as_read(read_icalendar(reference))
    finally:
        mandates = [deliverable.mandate for deliverable in created]
        Deliverable.objects.filter(pk__in=[d.pk for d in created]).delete()
        Mandate.objects.filter(pk__in=[m.pk for m in mandates]).delete()


def test_every_feed_reads_as_the_old_renderers_bytes():
    """Ordinary content: each kind of feed parses, with all three parsers, to what the old
    renderer's own bytes parse to (calendar properties included)."""
    first = due_at(quote="Requests the High Commissioner; to report, “in time”")
    due_at(59, title="Séminaire régional — 五 " * 5, progress=Deliverable.Progress.SUBMITTED)
    due_at(81, "GA", mandate=factories.MandateFactory(actor=None, actor_text="the Secretariat"))
    user = factories.UserFactory()
    first.assignees.add(factories.ContactFactory(user=user))
    for feed in [
        feeds.AllDeliverablesFeed(alarms=True),
        feeds.BodyFeed(body=factories.body("HRC")),
        feeds.ActorFeed(actor=first.mandate.actor),
        feeds.SessionDeliverablesFeed(session=first.due_session),
        feeds.PrivateFeed(user=user),
        feeds.SessionCalendarFeed(),
    ]:
        old = ical_reference.feed_calendar(feed).to_ical()
        assert read_by_three_parsers(feed.render()) == read_by_three_parsers(old), feed.slug
    old_single = ical_reference.deliverables_calendar([first]).to_ical()
    assert read_by_three_parsers(feeds.deliverable_ics(first)) == read_by_three_parsers(old_single)


def test_the_rows_query_reads_no_resolution_text_or_json(django_assert_num_queries):
    """The one query behind a feed's events selects plain columns, never a resolution's
    text, a paragraph or a JSON field."""
    due_at()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        feeds.AllDeliverablesFeed().events([])
    [query] = queries.captured_queries
    selected = query["sql"].split(" FROM ")[0]
    for column in ('"text"', "review_reasons", "alternatives", "edited_fields", '"raw"'):
        assert column not in selected


def test_a_session_not_yet_dated_is_in_the_feed_of_the_body_the_text_names():
    """An HRC resolution asking for a report to CSW 71 (not in the calendar): the CSW feed
    shows it, the HRC feed does not; with no body named, the adopting body's feed does."""
    csw, _ = Body.objects.get_or_create(code="CSW", defaults={"name": "Commission"})
    to_csw = factories.DeliverableFactory(
        due_body=csw,
        due_session_number=71,
        due_relation="at",
        stated_due_date=date(2027, 1, 15),
        due_date=date(2027, 1, 15),
        review_status=ReviewStatus.CONFIRMED,
    )
    no_body = factories.DeliverableFactory(
        stated_due_date=date(2027, 2, 1),
        due_date=date(2027, 2, 1),
        review_status=ReviewStatus.CONFIRMED,
    )
    at_hrc = due_at()
    assert to_csw.mandate.resolution.body.code == "HRC"

    def uids(body: Body) -> set[str]:
        return set(read_by_three_parsers(feeds.BodyFeed(body=body).render())["events"])

    def uid(deliverable: Deliverable) -> str:
        return f"deliverable-{deliverable.uid}@{feeds.UID_DOMAIN}"

    assert uids(csw) == {uid(to_csw)}
    assert uids(factories.body("HRC")) == {uid(no_body), uid(at_hrc)}
    affected = feeds.feeds_affected(deliverable_ids=[to_csw.pk], session_ids=[])
    assert {feed.slug for feed in affected} >= {"body:CSW"}
    assert "body:HRC" not in {feed.slug for feed in affected}


def test_the_database_writes_uids_and_time_stamps_as_python_does():
    """The feeds' query reads each row as `deliverable_row` reads a loaded instance: the UID
    in its usual form and the time stamps as UTC DATE-TIME text, seconds cut, not rounded
    (the database formats them: UuidText, UtcStamp)."""
    late = datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=ZoneInfo("Europe/Paris"))
    deliverable = due_at(title="Report, “late”")
    Deliverable.objects.filter(pk=deliverable.pk).update(created_at=late, updated_at=late)
    deliverable.refresh_from_db()
    deliverable.due_session.refresh_from_db()
    deliverable.mandate.resolution.refresh_from_db()
    rows = (
        feeds.AllDeliverablesFeed()
        .items()
        .values_list(*feeds.EVENT_FIELDS, *feeds.EVENT_TEXTS.values())
    )
    [row] = [row for row in rows if row[-5] == str(deliverable.uid)]
    # the last two columns say whether its session has resumed parts and whether a newer
    # text proposes changes: the query knows (none here), a loaded instance leaves them
    # unknown (None: read only if needed)
    assert row[:-2] == feeds.deliverable_row(deliverable)[:-2]
    assert (row[-2:], feeds.deliverable_row(deliverable)[-2:]) == ((False, False), (None, None))
    assert row[-4] == "20261231T225959Z"
