"""Sessions whose dates were only estimated are estimated again, not held.

Until now the daily task "Mark past sessions held" (and `sessions_load`, which ends with
it) marked every session that had closed `held`, estimated dates too: the API then said
`dates_status` "held" and `is_estimated` false, the session calendar CONFIRMED, and due
dates counted from the guessed dates were no longer TENTATIVE, so guessed dates read as
official. Held now means "took place on these dates": only announced dates become held
(`schedule.sessions_mark_held`); an estimated session that has closed stays estimated
(`Session.has_closed` says it took place).

Which held sessions had only estimated dates is told from their history, which records a
session's dates and their status with each change: the change that made it held was the
system's (no person named), from estimated dates, with the same dates and source, and
nothing changed them since. A session the packaged calendar created estimated (0002, which
writes no history) has no record before that one: the packaged file's estimated row with
the same dates and source tells it then. A session a person marked held (in the admin), or
whose dates a file or a person gave, stays held, and so does one whose history cannot tell
(none recorded); `migrate` names the held sessions kept whose source still reads as the
estimate's ("Estimated: ..."), for a person to check in the admin.

For each session set back, what the daily task changed is undone the way
`schedule.session_reschedule` changes it: the session's SEQUENCE rises (its event goes back
to TENTATIVE, "(estimated dates)"), and so does that of each deliverable due at it whose
event STATUS follows the session (confirmed, still owed, dated from the session: back to
TENTATIVE); every deliverable due at it gets a new LAST-MODIFIED (its description says
"(estimated dates)" again). No date moves. Each session gets a history record saying why.
The "Mark past sessions held" task's description, where it is still the one 0012 wrote,
says what the task does now. `migrate` says how many sessions were set back (`REPORT`,
printed by mandates/apps.py).

Migrating back does nothing (`RunPython.noop`): the daily task, as it was, would mark them
held again the next morning.
"""

import csv
from datetime import date
from pathlib import Path

from django.db import migrations, models
from django.utils import timezone

SESSIONS_CSV = Path(__file__).resolve().parent.parent / "data" / "sessions.csv"
HELD, ESTIMATED = "held", "estimated"
ESTIMATE_NOTE = "Estimated:"  # how `schedule.session_estimate` begins a session's source
REASON = "dates only estimated: not held (migration 0041)"
# A deliverable's event STATUS follows its session's dates while it is confirmed and still
# owed (`schedule.event_status_follows_session`); the closed progress values
# (`models.CLOSED_PROGRESS`) as they stand here.
CLOSED_PROGRESS = ["submitted", "issued", "not_deliverable", "cancelled", "superseded"]
TASK_NAME = "Mark past sessions held"
TASK_DESCRIPTION_SHIPPED = (
    "Sessions that have closed are held: their dates are no longer estimated."
)
TASK_DESCRIPTION = (
    "Sessions with announced dates that have closed are held (they took place on those "
    "dates); estimated dates stay estimated until someone confirms or loads them."
)
# The lines for the person running `migrate`; mandates/apps.py prints them at its end.
REPORT: list[str] = []


def _packaged_estimates() -> dict[tuple[str, int], tuple[date, date, str]]:
    """The sessions the packaged calendar gives estimated dates, as 0002 stored them."""
    with SESSIONS_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {
        (row["body"], int(row["session"])): (
            date.fromisoformat(row["start"]),
            date.fromisoformat(row["end"]),
            row["source"][:500],
        )
        for row in rows
        if row["part"] == "regular" and row["status"] == ESTIMATED
    }


def _dates(record) -> tuple:
    return (record.start, record.end, record.source)


def _held_from_estimate(session, records: list, packaged: dict) -> bool:
    """Whether the system marked the session's estimated dates held and nothing changed
    them since (`records`: its history, oldest first)."""
    run = len(records)
    while run and records[run - 1].dates_status == HELD:
        run -= 1
    marked = records[run:]
    if not marked or marked[0].history_user_id is not None:
        return False
    if any(_dates(record) != _dates(session) for record in marked):
        return False
    if run:
        before = records[run - 1]
        return before.dates_status == ESTIMATED and _dates(before) == _dates(session)
    return packaged.get((session.body.code, session.number)) == _dates(session)


def _copied(record, model) -> dict:
    """The values of `record`'s own fields (not history bookkeeping) for `model`."""
    fields = {
        field.attname
        for field in model._meta.concrete_fields
        if not field.primary_key and not field.attname.startswith("history_")
    }
    return {name: getattr(record, name) for name in fields}


def _set_back(apps, session, now) -> None:
    """Estimated again, as `schedule.session_reschedule` would change it (calendars told)."""
    Deliverable = apps.get_model("mandates", "Deliverable")
    Historical = apps.get_model("mandates", "HistoricalSession")
    session.dates_status = ESTIMATED
    session.sequence += 1
    session.save(update_fields=["dates_status", "sequence", "updated_at"])
    Historical.objects.create(
        **_copied(session, Historical),
        history_date=now,
        history_type="~",
        history_user=None,
        history_change_reason=REASON,
    )
    due = Deliverable.objects.filter(due_session=session)
    if session.status == "scheduled":
        due.filter(review_status="confirmed", manual_due_date=None, stated_due_date=None).exclude(
            progress__in=CLOSED_PROGRESS
        ).update(sequence=models.F("sequence") + 1)
    due.update(updated_at=now)


def estimated_again(apps, schema_editor):
    Session = apps.get_model("mandates", "Session")
    Historical = apps.get_model("mandates", "HistoricalSession")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    PeriodicTask.objects.filter(name=TASK_NAME, description=TASK_DESCRIPTION_SHIPPED).update(
        description=TASK_DESCRIPTION
    )
    packaged = _packaged_estimates()
    now = timezone.now()
    set_back, kept = [], []
    held = Session.objects.filter(dates_status=HELD).select_related("body")
    for session in held.order_by("body__code", "number"):
        records = list(
            Historical.objects.filter(id=session.pk).order_by("history_date", "history_id")
        )
        if _held_from_estimate(session, records, packaged):
            _set_back(apps, session, now)
            set_back.append(f"{session.body.code} {session.number}")
        elif session.source.startswith(ESTIMATE_NOTE):
            kept.append(f"{session.body.code} {session.number}")
    if set_back:
        REPORT.append(
            f"{len(set_back)} past session(s) whose dates were only estimated are estimated"
            f" again, not held: {', '.join(set_back)}"
        )
    if kept:
        REPORT.append(
            f"Kept held, though their source reads as an estimate (a person or a file marked"
            f" them held, or their history cannot tell): {', '.join(kept)}; check them in"
            " the admin (Sessions)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("mandates", "0040_activities_due_by_session_end"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [
        migrations.AlterField(
            model_name="historicalsession",
            name="dates_status",
            field=models.CharField(
                choices=[("held", "held"), ("announced", "announced"), ("estimated", "estimated")],
                default="estimated",
                help_text="Held: it took place on these dates. Announced: official dates (the daily task marks a session held once they are past). Estimated: a guess from the body's pattern, past or not, until someone confirms the dates or loads them.",
                max_length=16,
                verbose_name="dates",
            ),
        ),
        migrations.AlterField(
            model_name="historicalsessionpart",
            name="dates_status",
            field=models.CharField(
                choices=[("held", "held"), ("announced", "announced"), ("estimated", "estimated")],
                default="announced",
                help_text="Held: it took place on these dates. Announced: official dates (the daily task marks a session held once they are past). Estimated: a guess from the body's pattern, past or not, until someone confirms the dates or loads them.",
                max_length=16,
                verbose_name="dates",
            ),
        ),
        migrations.AlterField(
            model_name="session",
            name="dates_status",
            field=models.CharField(
                choices=[("held", "held"), ("announced", "announced"), ("estimated", "estimated")],
                default="estimated",
                help_text="Held: it took place on these dates. Announced: official dates (the daily task marks a session held once they are past). Estimated: a guess from the body's pattern, past or not, until someone confirms the dates or loads them.",
                max_length=16,
                verbose_name="dates",
            ),
        ),
        migrations.AlterField(
            model_name="sessionpart",
            name="dates_status",
            field=models.CharField(
                choices=[("held", "held"), ("announced", "announced"), ("estimated", "estimated")],
                default="announced",
                help_text="Held: it took place on these dates. Announced: official dates (the daily task marks a session held once they are past). Estimated: a guess from the body's pattern, past or not, until someone confirms the dates or loads them.",
                max_length=16,
                verbose_name="dates",
            ),
        ),
        migrations.RunPython(estimated_again, migrations.RunPython.noop),
    ]
