"""Lists a page at a time: the same rows as the whole list, links that keep the filters,
counts, a constant number of queries, and the historic deliverables apart from the overdue."""

import csv
import io
import re
from datetime import date, timedelta
from html import unescape

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mandates import pages, selectors
from mandates.filters import DeliverableFilter
from mandates.models import CLOSED_PROGRESS, Deliverable, ReviewStatus
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(world, staff_client):
    """Twenty more of every kind a list picks out: upcoming at HRC 64 and GA 81, overdue
    (some historic), proposed and flagged, without a date; every fourth assigned to the
    staff member. Pages hold 7 rows so that every list runs over several pages."""
    contact = factories.ContactFactory(user=staff_client.user)
    made = []
    for n in range(20):
        session = world.hrc64 if n % 2 else world.ga81
        made += [
            factories.DeliverableFactory(
                mandate=world.soon.mandate if n % 3 else world.ga.mandate,
                title=f"Upcoming {n}",
                due_date=date(2026, 12, 1) + timedelta(days=n % 5),
                due_session=session,
                review_status=ReviewStatus.CONFIRMED,
            ),
            factories.DeliverableFactory(
                mandate=world.late.mandate,
                title=f"Overdue {n}",
                due_date=date(2026, 9, 1) - timedelta(days=n),
                due_session=world.hrc63,
                review_status=ReviewStatus.CONFIRMED,
                is_historic=n % 2 == 0,
            ),
            factories.DeliverableFactory(
                title=f"Proposed {n}",
                due_date=date(2027, 2, 1),
                due_session=world.hrc64,
                needs_review=n % 2 == 0,
            ),
            factories.DeliverableFactory(
                mandate=world.soon.mandate,
                title=f"No deadline {n}",
                kind=Deliverable.Kind.COMPILATION,
                review_status=ReviewStatus.CONFIRMED,
            ),
        ]
    for item in made[::4]:
        item.assignees.add(contact)
    return made


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(pages, "PAGE_SIZE", 7)


def every_page(client, url: str, query: dict) -> tuple[list, list[str]]:
    """Follow the "next page" links from the first page: the rows of every page, in order,
    and each page's HTML."""
    rows, html = [], []
    response = client.get(url, query)
    while True:
        assert response.status_code == 200, url
        rows += [item.uid for item in response.context["deliverables"]]
        html.append(response.content.decode())
        following = re.findall(r'rel="next" href="([^"]+)"', html[-1])
        if not following:
            return rows, html
        response = client.get(url + unescape(following[0]))


def whole_list(scope_queryset, user, query: dict) -> list:
    """The list as the pages showed it before they were paginated: every row of the filtered
    queryset, in order."""
    request = RequestFactory().get("/", query)
    request.user = user
    filterset = DeliverableFilter(request.GET, queryset=scope_queryset, request=request)
    assert filterset.is_valid()
    return [item.uid for item in filterset.qs]


TODAY = date(2026, 11, 1)


@pytest.mark.parametrize(
    "name, query, scope",
    [
        (
            "upcoming",
            {},
            lambda user: selectors.deliverable_list_upcoming(
                today=TODAY, within_days=(date(2027, 5, 1) - TODAY).days, user=user
            ),
        ),
        (
            "upcoming",
            {"body": "HRC", "months": "12"},
            lambda user: selectors.deliverable_list_upcoming(
                today=TODAY, within_days=(date(2027, 11, 1) - TODAY).days, user=user
            ),
        ),
        ("overdue", {}, lambda user: selectors.deliverable_list_overdue(today=TODAY, user=user)),
        (
            "overdue",
            {"historic": "1"},
            lambda user: selectors.deliverable_list_overdue(today=TODAY, user=user, historic=True),
        ),
        ("review", {}, lambda user: selectors.deliverable_list_needs_review()),
        ("review", {"q": "Proposed 1"}, lambda user: selectors.deliverable_list_needs_review()),
        ("no_deadline", {}, lambda user: selectors.deliverable_list_no_deadline(user=user)),
        ("mine", {}, lambda user: selectors.deliverable_list_assigned_to(user=user)),
        (
            "timeline",
            {"months": "24"},
            lambda user: selectors.deliverable_list_for(user=user).filter(
                due_date__gte=date(2026, 10, 1), due_date__lte=date(2028, 11, 1)
            ),
        ),
    ],
)
def test_every_page_together_is_the_whole_list(staff_client, many, small_pages, name, query, scope):
    """Reading a list page after page gives the rows the unpaginated page listed, in order,
    and every page's links keep the filters."""
    rows, html = every_page(staff_client, reverse(f"mandates:{name}"), query)
    expected = whole_list(scope(staff_client.user), staff_client.user, query)
    assert len(expected) > 7 and rows == expected
    for page in html:
        links = [unescape(link) for link in re.findall(r'href="(\?[^"]*page=\d+[^"]*)"', page)]
        assert links
        for key, value in query.items():
            assert all(f"{key}={value.replace(' ', '+')}" in link for link in links)


def test_session_and_actor_pages_are_paginated_too(staff_client, many, small_pages, world):
    """A session's and an actor's lists run over pages in the same way."""
    session_rows, _ = every_page(staff_client, reverse("mandates:session", args=["HRC", 64]), {})
    assert session_rows == [
        item.uid
        for item in selectors.deliverable_list_for(user=staff_client.user).filter(
            due_session=world.hrc64
        )
    ]
    actor = world.soon.mandate.actor
    actor_rows, _ = every_page(staff_client, reverse("mandates:actor", args=[actor.pk]), {})
    assert len(actor_rows) > 7 and actor_rows == [
        item.uid
        for item in selectors.deliverable_list_for(user=staff_client.user).filter(
            mandate__actor=actor
        )
    ]


def test_a_page_says_which_rows_of_how_many_it_shows(staff_client, many, small_pages):
    """ "Deliverables 8 to 14 of 41", the page number, and previous/next links."""
    response = staff_client.get(reverse("mandates:review"), {"page": 2})
    total = response.context["pagination"]["count"]
    page = response.content.decode()
    assert f"Deliverables 8 to 14 of {total}." in page
    assert f"Page 2 of {-(-total // 7)}" in page
    assert 'rel="prev"' in page and 'rel="next"' in page
    assert staff_client.get(reverse("mandates:review"), {"page": "x"}).status_code == 200
    last = staff_client.get(reverse("mandates:review"), {"page": 999})
    assert last.context["pagination"]["page"].number == -(-total // 7)
    assert 'rel="next"' not in last.content.decode()


def test_upcoming_sessions_say_how_many_are_due_over_every_page(client, many, small_pages):
    """A session's heading counts all its deliverables, not only those on this page."""
    response = client.get(reverse("mandates:upcoming"))
    (first_session, items, total), *_ = response.context["groups"]
    assert len(items) <= 7 < total
    assert (
        total
        == Deliverable.objects.public()
        .filter(due_session=first_session, due_date__gte=TODAY, due_date__lte=date(2027, 5, 1))
        .exclude(progress__in=CLOSED_PROGRESS)
        .count()
    )
    assert f"({total} deliverables)" in response.content.decode()


def test_the_export_link_holds_the_filters_not_the_page(staff_client, many, small_pages):
    """The CSV of a list is the whole list: the export link drops ?page=."""
    response = staff_client.get(reverse("mandates:overdue"), {"page": 2, "body": "HRC"})
    assert response.context["export_query"] == "body=HRC&scope=overdue"


def query_count(client, url: str, query: dict) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, query).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "name, query",
    [
        ("upcoming", {"months": "24"}),
        ("overdue", {}),
        ("review", {}),
        ("no_deadline", {}),
        ("mine", {}),
        ("timeline", {"months": "24"}),
    ],
)
def test_query_counts_are_the_same_at_10_and_100_rows(staff_client, world, name, query):
    """No query per row: the same count with 10 rows per list as with 100 (two pages)."""
    contact = factories.ContactFactory(user=staff_client.user)
    url = reverse(f"mandates:{name}")

    def add(count: int) -> None:
        for n in range(count):
            item = factories.DeliverableFactory(
                mandate=factories.MandateFactory(),
                due_date=(date(2026, 12, 1) if n % 3 else date(2026, 10, 1)) if n % 5 else None,
                due_session=world.hrc64 if n % 2 else None,
                needs_review=True,
            )
            item.assignees.add(contact)

    add(10)
    few = query_count(staff_client, url, query)
    add(90)
    assert query_count(staff_client, url, query) == few


def test_historic_deliverables_are_not_on_the_overdue_page(client, world, many):
    """What was long overdue when its resolution was ingested (no reminders) is listed apart:
    the overdue page says how many, and ?historic=1 lists them."""
    overdue = reverse("mandates:overdue")
    historic = {item.title for item in many if item.is_historic}
    assert historic
    response = client.get(overdue)
    shown = {item.title for item in response.context["deliverables"]}
    assert shown and not shown & historic
    assert response.context["others_count"] == len(historic)
    page = response.content.decode()
    assert f"{len(historic)} historic deliverables are not listed" in page
    assert 'href="?historic=1"' in page
    response = client.get(overdue, {"historic": "1"})
    assert {item.title for item in response.context["deliverables"]} == historic
    assert "Overdue: historic" in response.content.decode()
    export = client.get(reverse("mandates:export_csv"), {"scope": "overdue", "historic": "1"})
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert {row["Title"] for row in csv.DictReader(io.StringIO(text))} == historic
