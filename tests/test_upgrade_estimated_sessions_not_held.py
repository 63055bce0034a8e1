"""Upgrading across 0041 sets back to estimated the past sessions the daily task had marked
held from estimated dates, and keeps held every session whose dates were announced, loaded
or marked held by a person.

As tests/test_upgrade_activities_due_by_last_day.py: the test takes the database back to
0040 with Django's migration executor, lets the daily task run as it did before (every
closed session marked held, `session_reschedule` as it called it), does there what staff
did, and runs `migrate` as an operator does. The schema did not change (0041 alters help
texts only), so the models of today write the rows, with their history, as then.
"""

from datetime import UTC, date, datetime, timedelta
from importlib import import_module
from io import StringIO

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from mandates.models import Deliverable, Session
from mandates.services.schedule import (
    deliverable_due_date_refresh,
    session_get_or_estimate,
    session_reschedule,
    sessions_mark_held,
)
from tests import factories
from tests.ical import assert_valid_ics

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE_0041 = [("mandates", "0040_activities_due_by_session_end")]
MIGRATION = "mandates.migrations.0041_estimated_sessions_stay_estimated"
TODAY = date(2026, 11, 1)  # HRC 61 (announced), 62, 63 and GA 80 (estimated) have closed
OLD_DESCRIPTION = "Sessions that have closed are held: their dates are no longer estimated."


@pytest.fixture
def at_0040():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_0041)
    import_module(MIGRATION).REPORT.clear()
    apps = executor.loader.project_state(BEFORE_0041).apps
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        name="Mark past sessions held"
    ).update(description=OLD_DESCRIPTION)  # as 0012 wrote it (0041's reverse leaves its own)
    yield
    call_command("migrate", verbosity=0)  # back to the latest, whatever the test did


def _old_daily_task(today: date) -> None:
    """ "Mark past sessions held" before 0041: every closed session, estimated dates too."""
    for session in (
        Session.objects.filter(end__lt=today, status=Session.Status.SCHEDULED)
        .exclude(dates_status=Session.DatesStatus.HELD)
        .select_related("body")
    ):
        session_reschedule(
            session=session, start=session.start, end=session.end, dates_status="held"
        )


def _by_a_person(session: Session, user, **values) -> None:
    """What the admin's save does: the new values, then `session_reschedule`, in the
    person's name (their history record names them)."""
    for name, value in values.items():
        setattr(session, name, value)
    session._history_user = user
    session_reschedule(
        session=session, start=session.start, end=session.end, dates_status=session.dates_status
    )


def _due_at(session: Session, review_status: str = "confirmed") -> Deliverable:
    item = factories.DeliverableFactory(
        due_session=session, due_relation="at", review_status=review_status, is_public=True
    )
    deliverable_due_date_refresh(deliverable=item)
    item.refresh_from_db()
    return item


def _session(code: str, number: int) -> Session:
    return Session.objects.select_related("body").get(body__code=code, number=number)


def test_sessions_held_from_estimated_dates_are_estimated_again(at_0040, client, admin_user):
    """HRC 33 (ingested, estimated from the pattern), HRC 62 and GA 80 (the packaged
    calendar's estimates) were marked held by the task alone: estimated again, their
    SEQUENCE and their confirmed report's up (TENTATIVE again), a proposal's only
    LAST-MODIFIED moved, a history record saying why. HRC 61 (announced), HRC 63 (a person
    marked it held), HRC 34 (ingested, a person marked it held) and HRC 32 (marked held by
    the task, its dates then corrected by a person) stay held; `migrate` says which were set
    back, and names HRC 32 and 34, whose source still reads as the estimate's."""
    from django_celery_beat.models import PeriodicTask

    Session.objects.update(updated_at=datetime(2026, 10, 1, tzinfo=UTC))
    hrc = factories.body("HRC")
    with time_machine.travel(datetime(2026, 11, 1, 6, 30), tick=False):
        _, hrc_33, hrc_34 = (
            session_get_or_estimate(body=hrc, number=number) for number in (32, 33, 34)
        )
        report, proposal = _due_at(hrc_33), _due_at(hrc_33, review_status="proposed")
        _by_a_person(_session("HRC", 63), admin_user, dates_status="held")
        _by_a_person(hrc_34, admin_user, dates_status="held")
        _old_daily_task(TODAY)
        corrected = _session("HRC", 32)
        _by_a_person(corrected, admin_user, end=corrected.end - timedelta(days=1))
    marked = {
        f"{s.body.code} {s.number}": s.sequence for s in Session.objects.select_related("body")
    }
    assert {code for code in marked if _session(*code.split()).dates_status != "held"} == {
        "HRC 64",
        "HRC 65",
        "HRC 66",
        "GA 81",
        "GA 82",
    }
    report.refresh_from_db()
    proposal.refresh_from_db()
    before = {
        item.pk: (item.sequence, item.updated_at, item.due_date) for item in (report, proposal)
    }
    assert PeriodicTask.objects.get(name="Mark past sessions held").description == (OLD_DESCRIPTION)
    sessions_feed = reverse("mandates:feed_sessions")
    # Every write above happened at one frozen instant, so a feed cached by an eager rebuild
    # between them carries the same last-change stamp as the final state: read it afresh.
    cache.clear()
    assert "STATUS:CONFIRMED" in _event(client, sessions_feed, "session-HRC-33@")

    with time_machine.travel(datetime(2026, 11, 2, 9), tick=False):
        out = StringIO()
        call_command("migrate", stdout=out, verbosity=1)
        output = out.getvalue()
        feed_after = _event(client, sessions_feed, "session-HRC-33@")

    set_back = ["GA 80", "HRC 33", "HRC 62"]
    assert (
        f"3 past session(s) whose dates were only estimated are estimated again, not held:"
        f" {', '.join(set_back)}"
    ) in output
    assert "Kept held, though their source reads as an estimate" in output
    assert ": HRC 32, HRC 34; check them in the admin" in output
    for code, sequence in marked.items():
        session = _session(*code.split())
        if code in set_back:
            assert (session.dates_status, session.sequence) == ("estimated", sequence + 1)
            latest = session.history.latest()
            assert latest.history_change_reason.startswith("dates only estimated: not held")
            assert latest.history_user is None
        elif session.dates_status == "held":
            assert session.sequence == sequence, code
    for code in ("HRC 32", "HRC 34", "HRC 61", "HRC 63", "HRC 60"):
        assert _session(*code.split()).dates_status == "held", code
    assert (hrc_33.start, hrc_33.end) == (_session("HRC", 33).start, _session("HRC", 33).end)

    report.refresh_from_db()
    proposal.refresh_from_db()
    assert report.sequence == before[report.pk][0] + 1
    assert proposal.sequence == before[proposal.pk][0]
    assert report.updated_at > before[report.pk][1] and proposal.updated_at > before[proposal.pk][1]
    assert (report.due_date, proposal.due_date) == (before[report.pk][2], before[proposal.pk][2])

    assert "STATUS:TENTATIVE" in feed_after and "Dates: estimated" in feed_after
    assert PeriodicTask.objects.get(name="Mark past sessions held").description.startswith(
        "Sessions with announced dates that have closed are held"
    )
    assert sessions_mark_held(today=date(2026, 11, 2)) == 0  # not marked held again


def _event(client, url: str, uid_start: str) -> str:
    """The event's lines as a calendar reads them (icalendar), unfolded."""
    calendar = assert_valid_ics(client.get(url).content)
    [event] = [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith(uid_start)]
    return event.to_ical().decode().replace("\r\n ", "").replace("\\n", "\n")


def test_migrating_again_sets_back_nothing_more(at_0040):
    """Run on a database where nothing was marked held from estimated dates (or run
    again): nothing changes, and `migrate` has nothing to say about sessions."""
    before = list(Session.objects.order_by("pk").values_list("dates_status", "sequence"))
    out = StringIO()
    call_command("migrate", stdout=out, verbosity=1)
    assert "estimated again" not in out.getvalue()
    assert list(Session.objects.order_by("pk").values_list("dates_status", "sequence")) == before
