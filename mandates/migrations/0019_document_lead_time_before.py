"""Documents due "before" a session follow the 10-4-6 rule too; an oral update "by" a
session is given at it.

0002 gave every deliverable due "before" a session the day before it opens (a rule of the
relation alone, which outranks the documents' catch-all): a study "prior to its sixty-third
session" fell due ten weeks late, with its reminders. And an oral update "by" a session took
the documents' ten weeks. The rules are added where a body has the 0002 rules (a rule staff
already made for the same kind and relation stays), and the computed dates they change are
counted again here, the way `schedule.due_anchor` counts from a session's opening.
"""

from datetime import timedelta

from django.db import migrations

RULES = [
    ("report", "before", 70, "A document before the session: the 10-4-6 rule, ten weeks"),
    ("study", "before", 70, "A document before the session: the 10-4-6 rule, ten weeks"),
    ("compilation", "before", 70, "A document before the session: the 10-4-6 rule, ten weeks"),
    ("oral update", "by", 0, "Given at the session itself"),
]


def add_rules(apps, schema_editor):
    DueDateRule = apps.get_model("mandates", "DueDateRule")
    Deliverable = apps.get_model("mandates", "Deliverable")
    bodies = DueDateRule.objects.filter(kind="", relation="before").values_list(
        "body_id", flat=True
    )
    for body_id in bodies:
        for kind, relation, days, note in RULES:
            rule, created = DueDateRule.objects.get_or_create(
                body_id=body_id,
                kind=kind,
                relation=relation,
                defaults={"anchor": "opening", "lead_time_days": days, "note": note},
            )
            if not created:
                continue  # staff's own rule: their dates stand
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
                deliverable.save(update_fields=fields)


class Migration(migrations.Migration):
    dependencies = [("mandates", "0018_contact_logs_protect_recipient")]

    operations = [migrations.RunPython(add_rules, migrations.RunPython.noop)]
