"""A person retitles a deliverable while another renames its actor, at the same moment: the
person's title stays, the rename leaves it alone.

Real PostgreSQL and real connections: the person's save and the rename are each posted in
the admin from a thread of their own, while a third connection holds the deliverable's row
so that both are in flight before either may go on. The person's page reached the row
first and saves first; the rename, which used to read the row before that save without
locking it and write the generated title over the person's afterwards, now locks the
rows it rewrites and reads the person's title as theirs.
"""

import html
import re
import threading

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mandates.models import Actor, Deliverable
from mandates.services.actors import actor_titles_rename
from tests.admin_forms import change_form_data
from tests.factories import ActorFactory, DeliverableFactory
from tests.real_services import in_thread, lock_waiters, require_postgresql, wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ACTOR = "Special Rapporteur on night shifts"
RENAMED = "Special Rapporteur on night work"
GENERATED = f"Report of the {ACTOR}"
PERSON_TITLE = "Night shifts in hospitals (title by staff)"


def _person(django_user_model, name: str) -> Client:
    client = Client()
    client.force_login(django_user_model.objects.create_superuser(name, f"{name}@example.org"))
    return client


def _post(client: Client, url: str, data: dict) -> tuple[int, list[str]]:
    """The status and the messages the page shows, read from its HTML (the test client's
    `context` is filled by a signal every thread's request sends, so it may hold another's)."""
    response = client.post(url, data, follow=True)
    listed = re.search(r'<ul class="messagelist">(.*?)</ul>', response.content.decode(), re.S)
    items = re.findall(r"<li[^>]*>(.*?)</li>", listed.group(1), re.S) if listed else []
    return response.redirect_chain[0][1] if response.redirect_chain else 200, [
        html.unescape(item.strip()) for item in items
    ]


def test_a_title_a_person_saves_during_a_rename_is_kept(django_user_model):
    """Alice retitles the report while Bob renames its actor: Alice's title stays, her edit
    is the last record of the History, and Bob is told no title changed. The rename used
    to read the row unlocked and write "Report of the Special Rapporteur on night work"
    over Alice's title once her save committed."""
    require_postgresql()
    actor = ActorFactory(name=ACTOR)
    deliverable = DeliverableFactory(mandate__actor=actor, title=GENERATED)
    alice, bob = _person(django_user_model, "alice"), _person(django_user_model, "bob")
    deliverable_url = reverse("admin:mandates_deliverable_change", args=[deliverable.pk])
    actor_url = reverse("admin:mandates_actor_change", args=[actor.pk])
    # Both pages are opened before either is saved.
    retitle = {**change_form_data(alice.get(deliverable_url)), "title": PERSON_TITLE}
    rename = {**change_form_data(bob.get(actor_url)), "name": RENAMED}
    hold, results = threading.Event(), {}

    def hold_the_deliverable() -> None:
        with transaction.atomic():
            Deliverable.objects.select_for_update().get(pk=deliverable.pk)
            results["locked"] = True
            hold.wait(timeout=60)

    holder = in_thread(hold_the_deliverable, results, "holder")
    wait_for(lambda: results.get("locked"), timeout=10, what="the deliverable's lock")
    alice_saves = in_thread(lambda: _post(alice, deliverable_url, retitle), results, "alice")
    wait_for(lambda: lock_waiters() >= 1, timeout=20, what="Alice's save to wait")
    bob_renames = in_thread(lambda: _post(bob, actor_url, rename), results, "bob")
    wait_for(lambda: lock_waiters() >= 2, timeout=20, what="Bob's rename to wait")
    hold.set()
    for thread in (holder, alice_saves, bob_renames):
        thread.join(timeout=60)
        assert not thread.is_alive()

    assert not any(isinstance(results[name], Exception) for name in ("alice", "bob")), results
    assert results["alice"][0] == 302 and results["bob"][0] == 302, results
    assert not any("now name" in message for message in results["bob"][1]), results["bob"]
    deliverable.refresh_from_db()
    assert deliverable.title == PERSON_TITLE
    assert "title" in deliverable.edited_fields
    assert Actor.objects.get(pk=actor.pk).name == RENAMED
    last = deliverable.history.order_by("-history_date", "-history_id").first()
    assert (last.title, last.history_user.username) == (PERSON_TITLE, "alice")


def test_a_rename_locks_the_deliverables_it_rewrites(django_user_model):
    """The rename reads the deliverables it may retitle with SELECT ... FOR UPDATE (of the
    deliverable rows only), so no person's save can slip between its read and its write."""
    require_postgresql()
    actor = ActorFactory(name=ACTOR)
    deliverable = DeliverableFactory(mandate__actor=actor, title=GENERATED)
    actor.name = RENAMED
    actor.save()
    with CaptureQueriesContext(connection) as queries:
        assert actor_titles_rename(actor=actor, former=ACTOR) == 1
    deliverable.refresh_from_db()
    assert deliverable.title == f"Report of the {RENAMED}"
    # The rename's read of the titles ending with the former name (the feeds read others).
    reads = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith("SELECT")
        and 'FROM "mandates_deliverable"' in query["sql"]
        and '"mandates_deliverable"."title"::text LIKE ' in query["sql"]
    ]
    assert len(reads) == 1, queries.captured_queries
    assert reads[0].endswith('FOR UPDATE OF "mandates_deliverable"'), reads[0]
