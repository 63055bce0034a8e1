"""Documents due "before" a session follow the 10-4-6 rule too; an oral update "by" a
session is given at it.

0002 gave every deliverable due "before" a session the day before it opens (a rule of the
relation alone, which outranks the documents' catch-all): a study "prior to its sixty-third
session" fell due ten weeks late, with its reminders. And an oral update "by" a session took
the documents' ten weeks. The rules are added where a body still has the rules 0002 shipped
for these deliverables, and the computed dates they change are counted again here, the way
`schedule.due_anchor` counts from a session's opening.

A body whose rules for these deliverables a person decided keeps them, and its dates: a rule
0002 shipped with another lead time or anchor, one it did not ship (a kind or relation of
staff's own) or one it shipped that is gone, or a rule the admin's log shows was saved by
someone. Nothing is added for that body. `migrate` says so, one line per body, and says how
many due dates moved where the rules were added (`REPORT`, printed by mandates/apps.py when
`migrate` ends, as its verbosity allows).
"""

from datetime import timedelta

from django.db import migrations

RULES = [
    ("report", "before", 70, "A document before the session: the 10-4-6 rule, ten weeks"),
    ("study", "before", 70, "A document before the session: the 10-4-6 rule, ten weeks"),
    ("compilation", "before", 70, "A document before the session: the 10-4-6 rule, ten weeks"),
    ("oral update", "by", 0, "Given at the session itself"),
]
# The rules 0002 shipped that date the deliverables RULES are for, as (anchor, days): the
# catch-all and the "before" rule. Any other value or rule there was set by a person.
SHIPPED = {("", ""): ("opening", 70), ("", "before"): ("opening", 1)}
ADDED = (
    "rules added for reports, studies and compilations due before a session (70 days)"
    " and oral updates by one (0 days)"
)
# The lines for the person running `migrate`; mandates/apps.py prints them at its end.
REPORT: list[str] = []


def _dates_these_rules(rule) -> bool:
    """Whether the rule dates some deliverable one of RULES is for."""
    return any(
        rule.kind in ("", kind) and rule.relation in ("", relation) for kind, relation, *_ in RULES
    )


def _label(kind: str, relation: str) -> str:
    return f"{kind or 'any kind'} {relation or 'any relation'}"


def _staff_decisions(rules: list, logged: set[str]) -> list[str]:
    """What a person decided among a body's rules that date these deliverables, in words."""
    found = {(rule.kind, rule.relation): rule for rule in rules}
    decisions = [f"{_label(*key)} deleted" for key in SHIPPED if key not in found]
    for key, rule in found.items():
        shipped = SHIPPED.get(key)
        days = "1 day" if rule.lead_time_days == 1 else f"{rule.lead_time_days} days"
        counted = days + (
            " before it closes" if rule.anchor == "closing" else ""
        )
        if shipped is None:
            decisions.append(f"{_label(*key)}: {counted}, added")
        elif (rule.anchor, rule.lead_time_days) != shipped:
            decisions.append(f"{_label(*key)}: {counted}, shipped {shipped[1]}")
        elif str(rule.pk) in logged:
            decisions.append(f"{_label(*key)}: {counted}, saved in the admin")
    return decisions


def _recount(Deliverable, body_id: int) -> int:
    """Count the dates the added rules give again; how many due dates moved."""
    moved = 0
    for kind, relation, days, _note in RULES:
        rows = Deliverable.objects.filter(
            due_session__body_id=body_id, kind=kind, due_relation=relation
        ).select_related("due_session", "mandate__resolution")
        for deliverable in rows:
            computed = deliverable.due_session.start - timedelta(days=days)
            adopted_on = deliverable.mandate.resolution.adopted_on
            if adopted_on and computed < adopted_on:
                continue  # counted otherwise (schedule.due_anchor); left as it was
            deliverable.computed_due_date = computed
            due = deliverable.manual_due_date or deliverable.stated_due_date or computed
            fields = ["computed_due_date", "updated_at"]
            if due != deliverable.due_date:
                deliverable.due_date = due
                deliverable.sequence += 1
                fields += ["due_date", "sequence"]
                moved += 1
            deliverable.save(update_fields=fields)
    return moved


def add_rules(apps, schema_editor):
    Body = apps.get_model("mandates", "Body")
    DueDateRule = apps.get_model("mandates", "DueDateRule")
    Deliverable = apps.get_model("mandates", "Deliverable")
    LogEntry = apps.get_model("admin", "LogEntry")
    logged = set(
        LogEntry.objects.filter(
            content_type__app_label="mandates", content_type__model="duedaterule"
        ).values_list("object_id", flat=True)
    )
    for body in Body.objects.order_by("code"):
        rules = [rule for rule in DueDateRule.objects.filter(body=body) if _dates_these_rules(rule)]
        if not rules:
            continue  # a body 0002 gave no rules: nothing to refine
        decisions = _staff_decisions(rules, logged)
        if decisions:
            REPORT.append(
                f"{body.code}: due-date rules kept as staff set them ({'; '.join(decisions)});"
                " none added for reports, studies and compilations due before a session or"
                " oral updates by one, no due date moved"
            )
            continue
        for kind, relation, days, note in RULES:
            DueDateRule.objects.create(
                body=body,
                kind=kind,
                relation=relation,
                anchor="opening",
                lead_time_days=days,
                note=note,
            )
        moved = _recount(Deliverable, body.pk)
        if moved:
            dates = "1 due date" if moved == 1 else f"{moved} due dates"
            REPORT.append(f"{body.code}: {ADDED}; {dates} moved")


class Migration(migrations.Migration):
    dependencies = [
        ("mandates", "0018_contact_logs_protect_recipient"),
        ("admin", "0003_logentry_add_action_flag_choices"),
    ]

    operations = [migrations.RunPython(add_rules, migrations.RunPython.noop)]
