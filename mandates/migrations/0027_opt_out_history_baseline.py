"""Record, once, the reminder opt-outs and contacts that existed before their history did.

0023 started the history of `Deliverable.reminder_opt_outs` and of `Contact`, but wrote no
starting point: the history records written before it hold no opt-outs, so the next
change to a deliverable, by anyone, read as that person stopping its reminders. This writes
one record per deliverable with opt-outs (its latest state and the opt-outs it has now)
and one per contact without a history, each saying it was recorded at the upgrade, with
no person named. Running it again writes nothing: a deliverable whose latest record
already holds its opt-outs, or a contact with a history, is left alone.
"""

from django.db import migrations
from django.utils import timezone

REASON = "recorded at the upgrade (migration 0027): no person's change"


def _copied(record, model) -> dict:
    """The values of ``record``'s own fields (not its history bookkeeping) for ``model``."""
    fields = {
        field.attname
        for field in model._meta.concrete_fields
        if not field.primary_key and not field.attname.startswith("history_")
    }
    return {name: getattr(record, name) for name in fields}


def record_baselines(apps, schema_editor):
    now = timezone.now()
    OptOut = apps.get_model("mandates", "Deliverable").reminder_opt_outs.through
    Historical = apps.get_model("mandates", "HistoricalDeliverable")
    HistoricalOptOut = apps.get_model("mandates", "HistoricalDeliverable_reminder_opt_outs")
    HistoricalAssignee = apps.get_model("mandates", "HistoricalDeliverable_assignees")
    opted_out: dict[int, dict[int, int]] = {}  # deliverable: {contact: its opt-out row}
    for row_id, deliverable_id, contact_id in OptOut.objects.values_list(
        "pk", "deliverable_id", "contact_id"
    ):
        opted_out.setdefault(deliverable_id, {})[contact_id] = row_id
    for deliverable_id, contacts in opted_out.items():
        latest = (
            Historical.objects.filter(id=deliverable_id)
            .order_by("-history_date", "-history_id")
            .first()
        )
        if latest is None:
            continue  # no history to read against: its first record will hold them
        recorded = set(
            HistoricalOptOut.objects.filter(history=latest).values_list("contact_id", flat=True)
        )
        if recorded == set(contacts):
            continue
        baseline = Historical.objects.create(
            **_copied(latest, Historical),
            history_date=now,
            history_type="~",
            history_user=None,
            history_change_reason=REASON,
        )
        HistoricalOptOut.objects.bulk_create(
            HistoricalOptOut(
                history=baseline, id=row_id, deliverable_id=deliverable_id, contact_id=contact
            )
            for contact, row_id in sorted(contacts.items())
        )
        # the assignees as the latest record has them, or the baseline would show them changed
        HistoricalAssignee.objects.bulk_create(
            HistoricalAssignee(history=baseline, **_copied(row, HistoricalAssignee))
            for row in HistoricalAssignee.objects.filter(history=latest).order_by("pk")
        )
    Contact = apps.get_model("mandates", "Contact")
    HistoricalContact = apps.get_model("mandates", "HistoricalContact")
    with_history = set(HistoricalContact.objects.values_list("id", flat=True).distinct())
    HistoricalContact.objects.bulk_create(
        HistoricalContact(
            **{name: getattr(contact, name) for name in _copied(contact, HistoricalContact)},
            history_date=now,
            history_type="+",
            history_user=None,
            history_change_reason=REASON,
        )
        for contact in Contact.objects.exclude(pk__in=with_history).order_by("pk")
    )


class Migration(migrations.Migration):
    dependencies = [
        ("mandates", "0026_history_by_contact"),
    ]

    operations = [
        migrations.RunPython(record_baselines, migrations.RunPython.noop),
    ]
