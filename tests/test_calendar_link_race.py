"""Two requests for one person's private calendar link at the same moment (a double
click, two tabs): the person ends with one link that works, and both requests are
answered with it, not a 500 nor a second link.

Real PostgreSQL and real connections: each request runs in a thread of its own, while a
third connection holds the feed token table against inserts, so that both requests are in
flight (past their look-up of the person's links) before either may store one.
"""

import html
import re
import threading

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from mandates.models import FeedToken
from tests.factories import ContactFactory
from tests.real_services import in_thread, lock_waiters, require_postgresql, wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _messages(page: str) -> list[str]:
    """What /calendars/ tells the person (its status messages), read from its HTML: the
    test client's `context` is filled by a signal every thread's request sends."""
    shown = re.search(r'<div role="status">(.*?)</div>', page, re.S)
    items = re.findall(r"<strong>(.*?)</strong>", shown.group(1), re.S) if shown else []
    return [html.unescape(item.strip()) for item in items]


def _links(page: str) -> list[str]:
    """The private calendar paths the page offers to subscribe to."""
    return sorted(set(re.findall(r"webcal://[^/]+(/feeds/private/[^/]+\.ics)", page)))


def _at_once(user, posts: list[dict]) -> dict:
    """Each form posted by its own browser of ``user`` at the same moment; what each page
    then shows (status, messages, the person's links), keyed by the post's index."""
    browsers = []
    for _ in posts:
        browser = Client()
        browser.force_login(user)
        browsers.append(browser)
    hold, results = threading.Event(), {}

    def hold_the_table() -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {FeedToken._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
            results["locked"] = True
            hold.wait(timeout=60)

    def post(browser: Client, data: dict) -> tuple[int, list[str], list[str]]:
        response = browser.post(reverse("mandates:private_calendar"), data, follow=True)
        page = response.content.decode()
        return response.status_code, _messages(page), _links(page)

    holder = in_thread(hold_the_table, results, "holder")
    wait_for(lambda: results.get("locked"), timeout=10, what="the table's lock")
    threads = [
        in_thread(lambda b=browser, d=data: post(b, d), results, index)
        for index, (browser, data) in enumerate(zip(browsers, posts, strict=True))
    ]
    wait_for(lambda: lock_waiters() >= len(posts), timeout=20, what="both requests in flight")
    hold.set()
    for thread in (holder, *threads):
        thread.join(timeout=60)
        assert not thread.is_alive()
    shown = {index: results[index] for index in range(len(posts))}
    assert not any(isinstance(each, Exception) for each in shown.values()), shown
    return shown


@pytest.fixture
def fiona(django_user_model):
    user = django_user_model.objects.create_user("fiona", "fiona@example.org")
    ContactFactory(name="Fiona", email="fiona@example.org", user=user)
    return user


def test_creating_my_link_twice_at_once_makes_one(fiona):
    """A double click on "Create my private calendar link": both requests used to find no
    link and each made one, two working secrets for one person."""
    require_postgresql()

    shown = _at_once(fiona, [{"action": "create"}, {"action": "create"}])

    active = list(FeedToken.objects.filter(user=fiona, revoked_at=None))
    assert len(active) == 1, active
    link = f"/feeds/private/{active[0].token}.ics"
    told = sorted(message for _, said, _ in shown.values() for message in said)
    assert told == [
        "You already have a private calendar link: it is below.",
        "Your private calendar link is below: subscribe to it in your calendar app.",
    ], shown
    for status, _said, links in shown.values():
        assert (status, links) == (200, [link]), shown


def test_replacing_my_link_in_two_tabs_at_once_leaves_one(fiona):
    """ "Replace" sent from two tabs showing the same link: both used to revoke it and
    each issue a new one, two working links; the second is told the link was already
    replaced and shown the one that works."""
    require_postgresql()
    old = FeedToken.objects.create(user=fiona, label="my calendar")
    replace = {"action": "replace", "token": str(old.pk)}

    shown = _at_once(fiona, [replace, replace])

    active = list(FeedToken.objects.filter(user=fiona, revoked_at=None))
    assert len(active) == 1, active
    assert active[0].pk != old.pk
    link = f"/feeds/private/{active[0].token}.ics"
    told = sorted(message for _, said, _ in shown.values() for message in said)
    assert told == [
        "This calendar link was already replaced or revoked (in another tab or window?): "
        "the link that works now, if any, is below.",
        "Your private calendar link was replaced: the old one no longer works, and calendars "
        "subscribed to it drop its events. Subscribe to the new link below.",
    ], shown
    for status, _said, links in shown.values():
        assert (status, links) == (200, [link]), shown
