"""Deliverables due the same day come in one order everywhere: by the session they are due
at, the resolution, their place in the text, never by when their rows happened to be made
(which differs from one installation, database or import to another)."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from mandates.models import Actor, Contact, Deliverable, ReviewStatus, Session
from mandates.services import feeds
from mandates.services.digests import digest_items_by_contact
from tests import factories
from tests.ical import events

pytestmark = pytest.mark.django_db

DAY = date(2027, 1, 15)  # within the home page's six months from TODAY (1 Nov 2026)

# In the order every list must give, whatever order the rows were created in:
EXPECTED = [
    # (title, session, resolution, mandate's place in the text, deliverable's place)
    ("Alpha", ("GA", 81), "A/RES/81/7", 0, 0),  # the session opening first (8 Sep 2026)
    ("Bravo", ("HRC", 64), "A/HRC/RES/61/1", 0, 0),  # HRC 64 opens 22 Feb 2027
    ("Charlie", ("HRC", 64), "A/HRC/RES/61/1", 0, 1),  # same paragraph, next request
    ("Delta", ("HRC", 64), "A/HRC/RES/61/1", 1, 2),  # next paragraph
    ("Echo", ("HRC", 64), "A/HRC/RES/61/2", 0, 0),  # next resolution
    ("Foxtrot", None, "A/HRC/RES/60/5", 0, 0),  # a printed date: after those of a session
]
TITLES = [row[0] for row in EXPECTED]


@pytest.fixture
def ties(today):
    """The deliverables of EXPECTED, all due DAY, created last first (so the primary key
    gives the reverse of the expected order)."""
    resolutions, mandates = {}, {}
    for title, session, symbol, paragraph, position in reversed(EXPECTED):
        if symbol not in resolutions:
            resolutions[symbol] = factories.ResolutionFactory(symbol=symbol)
        key = (symbol, paragraph)
        if key not in mandates:
            mandates[key] = factories.MandateFactory(
                resolution=resolutions[symbol], position=paragraph
            )
        factories.DeliverableFactory(
            mandate=mandates[key],
            title=title,
            position=position,
            due_date=DAY,
            due_session=(
                Session.objects.get(body__code=session[0], number=session[1]) if session else None
            ),
            stated_due_date=None if session else DAY,
            due_relation="at" if session else "",
            review_status=ReviewStatus.CONFIRMED,
        )
    assert list(Deliverable.objects.order_by("pk").values_list("title", flat=True)) == TITLES[::-1]


def _order_in(page: str) -> list[str]:
    """The titles the page shows, in the order it shows them (each first shown)."""
    return sorted((title for title in TITLES if title in page), key=page.index)


def test_lists_and_timeline_break_ties_by_session_resolution_and_text(client, ties):
    """The home page (its groups by session too), the timeline, a session's page and the
    CSV give the same order."""
    home = client.get(reverse("mandates:upcoming")).content.decode()
    assert _order_in(home) == TITLES
    assert home.index(">GA 81<") < home.index(">HRC 64<")  # the groups follow it
    timeline = client.get(reverse("mandates:timeline")).content.decode()
    assert _order_in(timeline[timeline.index("</svg>") :]) == TITLES
    session = client.get("/sessions/HRC-64/").content.decode()
    assert _order_in(session) == [title for title, s, *_ in EXPECTED if s == ("HRC", 64)]
    export = client.get(reverse("mandates:export_csv"), {"scope": "upcoming"})
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["Title"] for row in rows] == TITLES


def test_api_and_feeds_break_ties_the_same_way(client, django_user_model, ties):
    """The API's list and the calendar feeds give the lists' order."""
    user = django_user_model.objects.create_user("reader", "reader@example.org", "pw")
    token = Token.objects.create(user=user)
    listed = client.get("/api/deliverables/", HTTP_AUTHORIZATION=f"Token {token.key}").json()
    assert [row["title"] for row in listed["results"]] == TITLES
    feed = events(feeds.AllDeliverablesFeed().render())
    assert [str(event["SUMMARY"]).split()[0] for event in feed.values()] == TITLES


def test_the_weekly_digest_lists_ties_the_same_way(ties, today):
    """A digest reader responsible for all of them reads them in the lists' order."""
    reader = factories.ContactFactory(delivery=Contact.Delivery.DIGEST)
    Actor.objects.get(name="High Commissioner").contacts.add(reader)
    items = digest_items_by_contact(today=date(2027, 1, 1))[reader.pk]
    assert [item.title for item in items.upcoming] == TITLES
