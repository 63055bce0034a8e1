"""A deliverable due today or later is never historic (mandates/services/historic.py).

Before, the historic mark ingest set stayed whatever happened to the due date afterwards: a
date a person set, another session, a session moved in the calendar, a draft's decisions
carried over to the adopted text. Such a deliverable got no reminders and was left off the
overdue list. The mark now follows the due date; this migration clears it on every
deliverable due today or later, or with no due date, whoever set it (its history keeps the
mark it had). A mark on a past date stays as it is: whether the date moved since the
ingest, and by how much, is not told by the row, and the cut-off may have changed since;
the next change of that date judges it again. `migrate` says how many it cleared
(`REPORT`, printed by mandates/apps.py).
"""

from django.db import migrations, models
from django.db.models import Q
from django.utils import timezone

HELP = (
    "Already long overdue when its resolution was ingested: no reminders or digests. Untick "
    "to have it reminded. A due date today or later is never historic: a date that moves "
    "there clears it."
)
REPORT: list[str] = []


def clear_future_historic(apps, schema_editor):
    Deliverable = apps.get_model("mandates", "Deliverable")
    stale = Deliverable.objects.filter(is_historic=True).filter(
        Q(due_date=None) | Q(due_date__gte=timezone.localdate())
    )
    cleared = stale.update(is_historic=False)  # nothing a calendar shows: updated_at stays
    if cleared:
        rows = "1 deliverable" if cleared == 1 else f"{cleared} deliverables"
        REPORT.append(f"{rows} due today or later (or undated): no longer historic, reminded again")


class Migration(migrations.Migration):

    dependencies = [
        ('mandates', '0034_resolution_superseded_by_revision'),
    ]

    operations = [
        migrations.AlterField(
            model_name='deliverable',
            name='is_historic',
            field=models.BooleanField(default=False, help_text=HELP, verbose_name='historic (no reminders)'),
        ),
        migrations.AlterField(
            model_name='historicaldeliverable',
            name='is_historic',
            field=models.BooleanField(default=False, help_text=HELP, verbose_name='historic (no reminders)'),
        ),
        migrations.RunPython(clear_future_historic, migrations.RunPython.noop),
    ]
