"""Default data a fresh database needs: bodies, the session calendar, due-date and
reminder rules, and the editors/viewers groups. Everything here is editable in the admin."""

import csv
from datetime import date
from pathlib import Path

from django.db import migrations

SESSIONS_CSV = Path(__file__).resolve().parent.parent / "data" / "sessions.csv"

BODIES = [
    ("HRC", "Human Rights Council"),
    ("GA", "General Assembly"),
    ("C3", "Third Committee of the General Assembly"),
    ("ECOSOC", "Economic and Social Council"),
    ("SC", "Security Council"),
]
STATUS = {"actual": "held", "announced": "announced", "estimated": "estimated"}
REMINDER_OFFSETS = [60, 30, 14, 7, 1]
# (kind, relation, anchor, days): documents are due ten weeks before the session opens;
# "before" a session means before it opens; an oral update or a meeting is due at the session.
DUE_DATE_RULES = [
    ("", "", "opening", 70, "UN 10-4-6 rule: pre-session documents due ten weeks before"),
    ("", "before", "opening", 1, "Before the session: the day before it opens"),
    ("oral update", "at", "opening", 0, "Given at the session itself"),
    ("panel", "at", "opening", 0, "Held at the session itself"),
    ("meeting", "at", "opening", 0, "Held at the session itself"),
]
EDITOR_MODELS = [
    "resolution", "paragraph", "mandate", "deliverable", "actor", "actoralias", "contact",
    "session", "comment", "proposedchange", "duedaterule", "reminderrule", "reminderpolicy",
    "reminderlog", "feedtoken", "body",
]


def load(apps, schema_editor):
    Body = apps.get_model("mandates", "Body")
    Session = apps.get_model("mandates", "Session")
    DueDateRule = apps.get_model("mandates", "DueDateRule")
    ReminderRule = apps.get_model("mandates", "ReminderRule")
    ReminderPolicy = apps.get_model("mandates", "ReminderPolicy")

    bodies = {code: Body.objects.get_or_create(code=code, defaults={"name": name})[0] for code, name in BODIES}
    with SESSIONS_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["part"] != "regular":
            continue
        Session.objects.update_or_create(
            body=bodies[row["body"]],
            number=int(row["session"]),
            defaults={
                "start": date.fromisoformat(row["start"]),
                "end": date.fromisoformat(row["end"]),
                "dates_status": STATUS[row["status"]],
                "source": row["source"][:500],
            },
        )
    for row in rows:
        if row["part"] == "main":
            Session.objects.filter(body=bodies[row["body"]], number=int(row["session"])).update(
                main_part_end=date.fromisoformat(row["end"])
            )
    for body in (bodies["HRC"], bodies["GA"]):
        for kind, relation, anchor, days, note in DUE_DATE_RULES:
            DueDateRule.objects.get_or_create(
                body=body, kind=kind, relation=relation,
                defaults={"anchor": anchor, "lead_time_days": days, "note": note},
            )
    for days in REMINDER_OFFSETS:
        ReminderRule.objects.get_or_create(days_before_due=days)
    if not ReminderPolicy.objects.exists():
        ReminderPolicy.objects.create()


def groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="mandates", content_type__model__in=EDITOR_MODELS)
    editors, _ = Group.objects.get_or_create(name="editors")
    editors.permissions.set(perms.exclude(codename__startswith="delete_"))
    viewers, _ = Group.objects.get_or_create(name="viewers")
    viewers.permissions.set(perms.filter(codename__startswith="view_"))


class Migration(migrations.Migration):
    dependencies = [
        ("mandates", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(groups, migrations.RunPython.noop),
    ]
