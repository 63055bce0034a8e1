"""What is held at or during a session is due by its last day, not before it opens.

0002 dated meetings, panels and oral updates "at" a session on its opening day, and
consultations by the documents' catch-all, ten weeks before it opens. Neither holds for
work done at the session: the President's consultations "at its eighty-first session" fell
due in June, before the Assembly's session opened, and were stored as historic (no
reminders); a debate "during the eighty-first session" was overdue from the opening day,
though the Assembly's session runs a year. Such work is late only once the session has
closed, so these rules now count from the session's last day (`DueDateRule.Anchor.
LAST_DAY`, resumed parts included), 0 days: reminders come before that day. Only the
Assembly's (`YEAR_LONG_SESSIONS`): a Council session lasts weeks, and counted from its last
day most of its reminders would come after the update or panel was given. Documents keep
their rules.

As 0019 did: the rules are changed (and the consultations' one added) only where a body
still has the rules 0002 shipped for these deliverables; a body whose rules for them a
person decided (another lead time or anchor, a rule of their own, one deleted, one the
admin's log shows saved) keeps them and its dates, and `migrate` says so. Where the rules
change, the computed dates they give are counted again, the way `schedule.due_anchor`
counts from a session's last day; a date set by hand or printed in the text stays the due
date. A due date that moves raises the calendar SEQUENCE, and the historic mark follows
it as `historic.deliverable_historic_follow` does. `migrate` says how many moved (`REPORT`,
printed by mandates/apps.py).

Migrating back does nothing (`RunPython.noop`): the rules changed or added here, the
moved due dates, their SEQUENCEs and historic marks all stay; restore them by hand (or
from a backup) if they must go.
"""

from datetime import timedelta

from django.db import migrations, models
from django.utils import timezone

KINDS = ["meeting", "panel", "oral update", "consultation"]
RELATION = "at"
NOTE = "Held at or during the session: due by its last day"
# The rules 0002 shipped that date these deliverables, as (anchor, days); any other value
# or rule there was set by a person.
SHIPPED = {
    ("", ""): ("opening", 70),
    ("oral update", "at"): ("opening", 0),
    ("panel", "at"): ("opening", 0),
    ("meeting", "at"): ("opening", 0),
}
LAST_DAY = ("last_day", 0)
# The bodies whose session runs a year. A Council session of three to six weeks keeps the
# opening day: its reminders (60 to 1 days before) then all come before it opens, when
# the programme of work places the update or panel, and "overdue" lasts weeks, not a year.
YEAR_LONG_SESSIONS = ["GA"]
WHAT = "meetings, panels, oral updates and consultations at a session"
DEFAULT_HISTORIC_CUTOFF_DAYS = 90
# The lines for the person running `migrate`; mandates/apps.py prints them at its end.
REPORT: list[str] = []


def _dates_these(rule) -> bool:
    return rule.kind in ("", *KINDS) and rule.relation in ("", RELATION)


def _label(kind: str, relation: str) -> str:
    return f"{kind or 'any kind'} {relation or 'any relation'}"


def _staff_decisions(rules: list, logged: set[str]) -> list[str]:
    """What a person decided among a body's rules that date these deliverables, in words."""
    found = {(rule.kind, rule.relation): rule for rule in rules}
    decisions = [f"{_label(*key)} deleted" for key in SHIPPED if key not in found]
    for key, rule in found.items():
        shipped = SHIPPED.get(key)
        days = "1 day" if rule.lead_time_days == 1 else f"{rule.lead_time_days} days"
        counted = days + ("" if rule.anchor == "opening" else " before it closes")
        if (
            key[0] in KINDS
            and (rule.anchor, rule.lead_time_days) == LAST_DAY
            and (str(rule.pk) not in logged)
        ):
            continue  # as this migration sets it (run again: a database migrated back)
        if shipped is None:
            decisions.append(f"{_label(*key)}: {counted}, added")
        elif (rule.anchor, rule.lead_time_days) != shipped:
            decisions.append(f"{_label(*key)}: {counted}, shipped {shipped[1]}")
        elif str(rule.pk) in logged:
            decisions.append(f"{_label(*key)}: {counted}, saved in the admin")
    return decisions


def _historic(deliverable, *, due_changed: bool, today, cutoff_days) -> bool:
    """The historic mark for the deliverable's due date (historic.deliverable_historic_follow):
    never on a date today or later; a moved past date judged again by the rule, unless a
    person chose the mark."""
    due = deliverable.due_date
    if due is None or due >= today:
        return False
    if not due_changed or "is_historic" in (deliverable.edited_fields or []):
        return deliverable.is_historic
    moments = [deliverable.created_at]
    if deliverable.draft_id is not None:
        moments.append(deliverable.draft.created_at)
    ingested_on = timezone.localdate(min(moment for moment in moments if moment is not None))
    return due < ingested_on - timedelta(days=cutoff_days())


def _recount(apps, body_id: int) -> int:
    """Count the dates of these deliverables again from their session's last day; how many
    due dates moved."""
    Deliverable = apps.get_model("mandates", "Deliverable")
    ReminderPolicy = apps.get_model("mandates", "ReminderPolicy")
    today = timezone.localdate()

    def cutoff_days() -> int:
        policy = ReminderPolicy.objects.order_by("pk").first()
        return policy.historic_after_days_overdue if policy else DEFAULT_HISTORIC_CUTOFF_DAYS

    moved = 0
    rows = Deliverable.objects.filter(
        due_session__body_id=body_id, kind__in=KINDS, due_relation=RELATION
    ).select_related("due_session", "draft")
    for deliverable in rows:
        computed = deliverable.due_session.end
        if computed == deliverable.computed_due_date:
            continue
        deliverable.computed_due_date = computed
        fields = ["computed_due_date", "updated_at"]
        due = deliverable.manual_due_date or deliverable.stated_due_date or computed
        if due != deliverable.due_date:
            deliverable.due_date = due
            deliverable.sequence += 1
            fields += ["due_date", "sequence"]
            moved += 1
        historic = _historic(
            deliverable, due_changed="due_date" in fields, today=today, cutoff_days=cutoff_days
        )
        if historic != deliverable.is_historic:
            deliverable.is_historic = historic
            fields.append("is_historic")
        deliverable.save(update_fields=fields)
    return moved


def count_from_last_day(apps, schema_editor):
    Body = apps.get_model("mandates", "Body")
    DueDateRule = apps.get_model("mandates", "DueDateRule")
    LogEntry = apps.get_model("admin", "LogEntry")
    logged = set(
        LogEntry.objects.filter(
            content_type__app_label="mandates", content_type__model="duedaterule"
        ).values_list("object_id", flat=True)
    )
    for body in Body.objects.filter(code__in=YEAR_LONG_SESSIONS).order_by("code"):
        rules = [rule for rule in DueDateRule.objects.filter(body=body) if _dates_these(rule)]
        if not rules:
            continue  # a body 0002 gave no rules: its default lead time, nothing to refine
        decisions = _staff_decisions(rules, logged)
        if decisions:
            REPORT.append(
                f"{body.code}: due-date rules kept as staff set them ({'; '.join(decisions)});"
                f" {WHAT} not counted from its last day, no due date moved"
            )
            continue
        for kind in KINDS:
            DueDateRule.objects.update_or_create(
                body=body,
                kind=kind,
                relation=RELATION,
                defaults={"anchor": LAST_DAY[0], "lead_time_days": LAST_DAY[1], "note": NOTE},
            )
        moved = _recount(apps, body.pk)
        if moved:
            dates = "1 due date" if moved == 1 else f"{moved} due dates"
            REPORT.append(f"{body.code}: {WHAT} due by the session's last day; {dates} moved")


ANCHOR = models.CharField(
    choices=[
        ("opening", "session opens"),
        ("closing", "session closes (its main part, if any)"),
        ("last_day", "last day of the session (resumed parts included)"),
    ],
    default="opening",
    max_length=8,
    verbose_name="counted from",
)


class Migration(migrations.Migration):
    dependencies = [
        ("mandates", "0039_resolution_edited_fields_proposals"),
        ("admin", "0003_logentry_add_action_flag_choices"),
    ]

    operations = [
        migrations.AlterField(model_name="duedaterule", name="anchor", field=ANCHOR),
        migrations.RunPython(count_from_last_day, migrations.RunPython.noop),
    ]
