"""reminder_dispatch_due: which reminders fall due, for whom, recorded once."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from mandates.models import Contact, Deliverable, ReminderLog, ReminderPolicy, ReviewStatus
from mandates.services.reminders import reminder_dispatch_due
from tests import factories

pytestmark = pytest.mark.django_db

GENEVA = ZoneInfo("Europe/Zurich")
DUE = date(2030, 5, 15)


def run(day: date, capture) -> list[ReminderLog]:
    """The daily run at 07:00 Geneva time on `day`, with the sending done after the commit."""
    moment = datetime(day.year, day.month, day.day, 7, tzinfo=GENEVA)
    with time_machine.travel(moment, tick=False), capture(execute=True):
        return reminder_dispatch_due(today=day)


def sent_keys() -> list[tuple[str, str]]:
    return list(
        ReminderLog.objects.filter(status="sent")
        .order_by("sent_at", "id")
        .values_list("reminder", "recipient__email")
    )


@pytest.mark.parametrize(
    ("offset", "label"),
    [
        (60, "Due in 60 days"),
        (30, "Due in 30 days"),
        (14, "Due in 14 days"),
        (7, "Due in 7 days"),
        (1, "Due tomorrow"),
    ],
)
def test_each_offset_sends_its_reminder_on_its_day(
    django_capture_on_commit_callbacks, offset, label
):
    """On the day an offset falls due the responsible person gets that reminder, once."""
    deliverable, (person,) = factories.responsible_deliverable(DUE)
    logs = run(DUE - timedelta(days=offset), django_capture_on_commit_callbacks)
    assert [(log.reminder, log.recipient) for log in logs] == [(f"before:{offset}", person)]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith(f"[{label}] {deliverable.title}")
    assert mail.outbox[0].to == [person.email]


def test_a_whole_life_sends_every_offset_overdue_and_escalation_once(
    django_capture_on_commit_callbacks,
):
    """Day by day from 70 days before to 30 days after: each reminder exactly once, in order."""
    deliverable, (_person,) = factories.responsible_deliverable(DUE)
    boss = factories.ContactFactory(email="focal@ohchr.example.org")
    deliverable.mandate.actor.focal_point = boss
    deliverable.mandate.actor.save()
    for days in range(-70, 31):
        run(DUE + timedelta(days=days), django_capture_on_commit_callbacks)
    expected = [f"before:{n}" for n in (60, 30, 14, 7, 1)] + ["overdue:7", "overdue:14"]
    expected += ["escalation:14", "overdue:21", "overdue:28"]
    assert [key for key, _ in sent_keys()] == expected
    assert ("escalation:14", boss.email) in sent_keys()
    assert len(mail.outbox) == len(expected)
    subjects = [m.subject for m in mail.outbox]
    assert subjects[5].startswith("[Overdue by 7 days]")
    assert subjects[7].startswith("[Escalation: overdue by 14 days]")
    # the footer says why each one gets it (the focal point is not the one responsible)
    escalation, reminder = mail.outbox[7].body, mail.outbox[5].body
    actor = deliverable.mandate.actor.name
    assert f"because you are the focal point for escalations of {actor}." in escalation
    assert "because you are responsible for this deliverable." in reminder
    assert "responsible for this deliverable" not in escalation


def test_overdue_and_escalation_follow_the_policy(django_capture_on_commit_callbacks):
    """The overdue interval and escalation threshold come from the editable policy row."""
    ReminderPolicy.objects.update(overdue_every_days=3, escalate_after_days_overdue=5)
    factories.responsible_deliverable(DUE)
    for days in range(1, 10):
        run(DUE + timedelta(days=days), django_capture_on_commit_callbacks)
    assert [key for key, _ in sent_keys()] == ["overdue:3", "overdue:6", "overdue:9"]


def test_missed_days_send_only_the_most_recent_offset(django_capture_on_commit_callbacks):
    """After days without a run, one reminder (the latest that fell due) goes, not every missed one."""
    factories.responsible_deliverable(DUE)
    run(DUE - timedelta(days=30), django_capture_on_commit_callbacks)
    run(DUE - timedelta(days=5), django_capture_on_commit_callbacks)  # 14 and 7 were missed
    assert [key for key, _ in sent_keys()] == ["before:30", "before:7"]
    assert mail.outbox[-1].subject.startswith("[Due in 5 days]")


def test_running_twice_the_same_day_sends_once(django_capture_on_commit_callbacks):
    """A second daily run records and sends nothing new."""
    factories.responsible_deliverable(DUE, contacts=3)
    day = DUE - timedelta(days=14)
    assert len(run(day, django_capture_on_commit_callbacks)) == 3
    assert run(day, django_capture_on_commit_callbacks) == []
    assert len(mail.outbox) == 3
    assert ReminderLog.objects.count() == 3


def test_a_moved_due_date_gets_a_fresh_schedule_without_repeating_a_stage(
    django_capture_on_commit_callbacks,
):
    """A new date starts over, but a stage just sent (or a less urgent one) is not repeated."""
    deliverable, _ = factories.responsible_deliverable(DUE)
    run(DUE - timedelta(days=7), django_capture_on_commit_callbacks)
    deliverable.due_date = DUE + timedelta(days=7)
    deliverable.save()
    assert run(DUE - timedelta(days=7), django_capture_on_commit_callbacks) == []
    run(DUE, django_capture_on_commit_callbacks)  # 7 days before the new date
    assert list(ReminderLog.objects.order_by("id").values_list("reminder", "due_date")) == [
        ("before:7", DUE),
        ("before:7", DUE + timedelta(days=7)),
    ]
    assert len(mail.outbox) == 2


def test_recipients_are_assignees_else_actor_contacts_minus_opt_outs_and_inactive(
    django_capture_on_commit_callbacks,
):
    """Active assignees replace the actor's contacts; opted-out, inactive and digest readers get nothing."""
    deliverable, (actor_person,) = factories.responsible_deliverable(DUE)
    other, (fallback,) = factories.responsible_deliverable(DUE)
    assignee, muted, gone, digest = factories.ContactFactory.create_batch(4)
    gone.is_active = False
    gone.save()
    digest.delivery = Contact.Delivery.DIGEST
    digest.save()
    deliverable.assignees.add(assignee, muted, gone, digest)
    deliverable.reminder_opt_outs.add(muted)
    other.assignees.add(gone)  # only inactive assignees: the actor's contacts are reminded
    logs = run(DUE - timedelta(days=7), django_capture_on_commit_callbacks)
    assert {(log.deliverable, log.recipient) for log in logs} == {
        (deliverable, assignee),
        (other, fallback),
    }
    assert actor_person not in {log.recipient for log in logs}


@pytest.mark.parametrize(
    "change",
    [
        {"progress": Deliverable.Progress.SUBMITTED},
        {"progress": Deliverable.Progress.ISSUED},
        {"progress": Deliverable.Progress.CANCELLED},
        {"progress": Deliverable.Progress.SUPERSEDED},
        {"progress": Deliverable.Progress.NOT_DELIVERABLE},
        {"review_status": ReviewStatus.REJECTED},
        {"due_date": None},
    ],
)
def test_closed_rejected_and_undated_deliverables_get_no_reminder(
    django_capture_on_commit_callbacks, change
):
    """Finished, dropped, rejected or undated deliverables are left alone."""
    deliverable, _ = factories.responsible_deliverable(DUE)
    Deliverable.objects.filter(pk=deliverable.pk).update(**change)
    assert run(DUE - timedelta(days=7), django_capture_on_commit_callbacks) == []


def test_in_progress_and_deferred_deliverables_are_reminded(django_capture_on_commit_callbacks):
    """Open progress states still get reminders."""
    for progress in (Deliverable.Progress.IN_PROGRESS, Deliverable.Progress.DEFERRED):
        factories.responsible_deliverable(DUE, progress=progress)
    assert len(run(DUE - timedelta(days=7), django_capture_on_commit_callbacks)) == 2


def test_an_inactive_rule_is_not_used(django_capture_on_commit_callbacks):
    """Turning a rule off in the admin removes that offset."""
    from mandates.models import ReminderRule

    ReminderRule.objects.filter(days_before_due=14).update(is_active=False)
    factories.responsible_deliverable(DUE)
    logs = run(DUE - timedelta(days=10), django_capture_on_commit_callbacks)
    assert [log.reminder for log in logs] == ["before:30"]


def test_query_count_does_not_grow_with_deliverables(django_assert_max_num_queries):
    """Deciding for 40 deliverables costs the same number of queries as for 2."""
    day = DUE - timedelta(days=7)

    def count_for(n: int) -> int:
        for _ in range(n):
            factories.responsible_deliverable(DUE, contacts=2)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            reminder_dispatch_due(today=day)
        ReminderLog.objects.all().delete()
        return len(queries)

    small = count_for(2)
    assert count_for(38) == small


def test_stale_queued_and_sending_rows_are_queued_again(django_capture_on_commit_callbacks):
    """A row whose message was lost or whose worker died is picked up by the next daily run."""
    day = DUE - timedelta(days=7)
    long_ago = timezone.make_aware(datetime(day.year, day.month, day.day, 5))
    (first, (one,)), (second, (two,)) = (factories.responsible_deliverable(DUE) for _ in "12")
    lost = factories.ReminderLogFactory(
        deliverable=first, recipient=one, reminder="before:7", queued_at=long_ago
    )
    died = factories.ReminderLogFactory(
        deliverable=second,
        recipient=two,
        reminder="before:7",
        status="sending",
        claimed_at=long_ago,
        attempts=1,
    )
    logs = run(day, django_capture_on_commit_callbacks)
    assert {log.pk for log in logs} == {lost.pk, died.pk}
    assert set(ReminderLog.objects.values_list("status", flat=True)) == {"sent"}
    assert len(mail.outbox) == 2


def test_dry_run_records_nothing(django_capture_on_commit_callbacks):
    """A dry run returns what would be sent and writes nothing."""
    factories.responsible_deliverable(DUE, contacts=2)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        logs = reminder_dispatch_due(today=DUE - timedelta(days=1), dry_run=True)
    assert [log.reminder for log in logs] == ["before:1", "before:1"]
    assert callbacks == []
    assert ReminderLog.objects.count() == 0


def test_a_caught_up_overdue_reminder_is_not_followed_the_next_day(
    django_capture_on_commit_callbacks,
):
    """Runs missed from the 5th to the 12th day late: the catch-up on day 13 stands for the
    week's overdue stages, and the next reminder is the next stage's, on day 21, not day 14."""
    factories.responsible_deliverable(DUE)
    run(DUE + timedelta(days=4), django_capture_on_commit_callbacks)
    for days in range(13, 35):
        run(DUE + timedelta(days=days), django_capture_on_commit_callbacks)
    sent_on = [
        (log.reminder, (timezone.localdate(log.sent_at) - DUE).days)
        for log in ReminderLog.objects.filter(status="sent").order_by("sent_at")
    ]
    assert sent_on == [("overdue:7", 13), ("overdue:21", 21), ("overdue:28", 28)]
    subjects = [message.subject.split("]")[0] for message in mail.outbox]
    assert subjects == ["[Overdue by 13 days", "[Overdue by 21 days", "[Overdue by 28 days"]


def _run_days(first: int, last: int, capture) -> None:
    for days in range(first, last + 1):
        run(DUE + timedelta(days=days), capture)


def _sent_on() -> list[tuple[str, int]]:
    return [
        (log.reminder, (timezone.localdate(log.sent_at) - DUE).days)
        for log in ReminderLog.objects.filter(status="sent").order_by("sent_at", "id")
    ]


@pytest.mark.parametrize("sent_before", [7, 1])
def test_a_date_corrected_by_a_day_resends_no_stage_on_any_day(
    django_capture_on_commit_callbacks, sent_before
):
    """ "Due in 7 days" (or "Due tomorrow") sent, then the date moves one day later: that
    stage is not sent again on its last day, the day before the next stage."""
    deliverable, _ = factories.responsible_deliverable(DUE)
    run(DUE - timedelta(days=sent_before), django_capture_on_commit_callbacks)
    deliverable.due_date = DUE + timedelta(days=1)
    deliverable.save()
    _run_days(1 - sent_before, 1, django_capture_on_commit_callbacks)
    expected = [("before:7", -7), ("before:1", 0)] if sent_before == 7 else [("before:1", -1)]
    assert _sent_on() == expected
    assert len(mail.outbox) == len(expected)


def test_a_date_corrected_by_a_day_resends_no_overdue_stage(django_capture_on_commit_callbacks):
    deliverable, _ = factories.responsible_deliverable(DUE)
    _run_days(34, 36, django_capture_on_commit_callbacks)  # overdue:28 on day 34 (catch-up)
    deliverable.due_date = DUE + timedelta(days=1)
    deliverable.save()
    _run_days(37, 43, django_capture_on_commit_callbacks)
    assert _sent_on() == [("overdue:28", 34), ("overdue:42", 43)]


def test_an_escalation_is_not_sent_again_for_a_corrected_date_or_a_new_threshold(
    django_capture_on_commit_callbacks,
):
    """The focal point hears of an overdue deliverable once: a date corrected by a day
    weeks later, or a threshold raised from 14 to 21 days, is no new escalation; a date
    moved past the escalation, that falls overdue again, is."""
    deliverable, _ = factories.responsible_deliverable(DUE)
    boss = factories.ContactFactory(email="focal@ohchr.example.org")
    deliverable.mandate.actor.focal_point = boss
    deliverable.mandate.actor.save()
    run(DUE + timedelta(days=14), django_capture_on_commit_callbacks)
    deliverable.due_date = DUE + timedelta(days=1)
    deliverable.save()
    _run_days(40, 42, django_capture_on_commit_callbacks)
    ReminderPolicy.objects.update(escalate_after_days_overdue=21)
    _run_days(43, 45, django_capture_on_commit_callbacks)
    escalations = [key for key, email in sent_keys() if email == boss.email]
    assert escalations == ["escalation:14"]
    deliverable.due_date = DUE + timedelta(days=50)  # an extension, missed again
    deliverable.save()
    run(DUE + timedelta(days=71), django_capture_on_commit_callbacks)
    escalations = [key for key, email in sent_keys() if email == boss.email]
    assert escalations == ["escalation:14", "escalation:21"]


def test_a_deliverable_first_reminded_a_day_above_an_offset_waits_for_the_next_stage_after(
    django_capture_on_commit_callbacks,
):
    """Dated 31 days ahead: "Due in 31 days" (the 60-day stage) stands for the 30-day stage,
    so the next reminder is the 14-day one, not "Due in 30 days" the next day."""
    factories.responsible_deliverable(DUE)
    _run_days(-31, -13, django_capture_on_commit_callbacks)
    assert _sent_on() == [("before:60", -31), ("before:14", -14)]


def test_a_date_moved_much_closer_is_news(django_capture_on_commit_callbacks):
    """ "Due in 30 days" sent, then the date is brought forward to 5 days away: the 7-day
    stage goes at once."""
    deliverable, _ = factories.responsible_deliverable(DUE)
    run(DUE - timedelta(days=30), django_capture_on_commit_callbacks)
    deliverable.due_date = DUE - timedelta(days=20)
    deliverable.save()
    run(DUE - timedelta(days=25), django_capture_on_commit_callbacks)
    assert _sent_on() == [("before:30", -30), ("before:7", -25)]
