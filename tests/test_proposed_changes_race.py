"""Two people settle the same proposed change at the same moment: one wins, the other is
told someone else settled it, and nothing is recorded for them.

Real PostgreSQL and real connections: each person posts the admin action in a thread of
their own, while a third connection holds the deliverable's row so that both are in flight
before either may go on.
"""

import html
import re
import threading

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from mandates.models import Deliverable, ProposedChange
from mandates.services.ingest import TEXT_CHANGED
from tests.factories import DeliverableFactory, SessionFactory, body
from tests.real_services import in_thread, lock_waiters, require_postgresql, wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SETTLED = (
    "1 of the selected proposed change(s) had already been settled, by someone else "
    "meanwhile or earlier: nothing was recorded for them."
)
DONE = {"accept": "1 change(s) accepted.", "dismiss": "1 change(s) dismissed."}


def _person(django_user_model, name: str) -> Client:
    client = Client()
    client.force_login(django_user_model.objects.create_superuser(name, f"{name}@example.org"))
    return client


def _post(client: Client, action: str, change: ProposedChange) -> list[str]:
    """The messages the page shows, read from its HTML: the test client's `context` is
    filled by a signal every thread's request sends, so it may hold another's."""
    response = client.post(
        reverse("admin:mandates_proposedchange_changelist"),
        {"action": action, "_selected_action": [change.pk]},
        follow=True,
    )
    listed = re.search(r'<ul class="messagelist">(.*?)</ul>', response.content.decode(), re.S)
    items = re.findall(r"<li[^>]*>(.*?)</li>", listed.group(1), re.S) if listed else []
    return [html.unescape(item.strip()) for item in items]


@pytest.mark.parametrize("actions", [("accept", "dismiss"), ("accept", "accept")])
def test_one_of_two_people_settling_a_proposal_at_once_wins(django_user_model, actions):
    """Alice and Bob settle one proposal (HRC 57 -> HRC 58) at the same moment. Both used
    to be told it worked: Bob's dismissal was lost, or the acceptance recorded twice."""
    require_postgresql()
    old = SessionFactory(body=body("HRC"), number=57)
    deliverable = DeliverableFactory(
        due_session=old,
        due_session_number=57,
        needs_review=True,
        review_reasons=[TEXT_CHANGED + "due session HRC 58 (kept HRC 57)"],
    )
    change = ProposedChange.objects.create(
        deliverable=deliverable,
        field="due_session",
        old_value="HRC 57",
        new_value="HRC 58",
        source="A/HRC/RES/59/1",
    )
    records = deliverable.history.count()
    people = {name: _person(django_user_model, name) for name in ("alice", "bob")}
    hold, results = threading.Event(), {}

    def hold_the_deliverable() -> None:
        with transaction.atomic():
            Deliverable.objects.select_for_update().get(pk=deliverable.pk)
            results["locked"] = True
            hold.wait(timeout=60)

    holder = in_thread(hold_the_deliverable, results, "holder")
    wait_for(lambda: results.get("locked"), timeout=10, what="the deliverable's lock")
    threads = [
        in_thread(
            lambda name=name, action=action: _post(people[name], action, change), results, name
        )
        for name, action in zip(people, actions, strict=True)
    ]
    wait_for(lambda: lock_waiters() >= 2, timeout=20, what="both people to be in flight")
    hold.set()
    for thread in (holder, *threads):
        thread.join(timeout=60)
        assert not thread.is_alive()

    told = {name: results[name] for name in people}
    assert not any(isinstance(shown, Exception) for shown in told.values()), told
    winners = [
        (name, action)
        for name, action in zip(people, actions, strict=True)
        if DONE[action] in told[name]
    ]
    assert len(winners) == 1, told
    (winner, action), (loser,) = winners[0], set(people) - {winners[0][0]}
    assert told[loser] == [SETTLED], told
    change.refresh_from_db()
    deliverable.refresh_from_db()
    assert change.resolved
    assert deliverable.due_session_number == (58 if action == "accept" else 57)
    new_records = list(deliverable.history.all()[: deliverable.history.count() - records])
    assert [record.history_user.username for record in new_records] == [winner]
