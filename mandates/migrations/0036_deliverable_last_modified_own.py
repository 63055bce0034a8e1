"""A deliverable's calendar LAST-MODIFIED is its own last change (and its resolution's),
no longer its session's (mandates/services/feeds.py `LAST_MODIFIED`).

The session's last change stood for what a deliverable's event shows of its session, but
the session changes in ways its deliverables' events do not show (announced dates marked
held, a new source), and every deliverable of it looked changed to subscribed calendars.
`schedule.session_reschedule` now moves the deliverables' own `updated_at` when their
events show the change. So that no event's LAST-MODIFIED goes back at the upgrade (a
feed stays byte-identical), a deliverable whose session changed after it takes that
moment as its own.
"""

from django.db import migrations
from django.db.models import F, OuterRef, Subquery


def keep_last_modified(apps, schema_editor):
    Deliverable = apps.get_model("mandates", "Deliverable")
    Session = apps.get_model("mandates", "Session")
    Deliverable.objects.filter(due_session__updated_at__gt=F("updated_at")).update(
        updated_at=Subquery(
            Session.objects.filter(pk=OuterRef("due_session_id")).values("updated_at")[:1]
        )
    )


class Migration(migrations.Migration):

    dependencies = [
        ('mandates', '0035_historic_follows_due_date'),
    ]

    operations = [migrations.RunPython(keep_last_modified, migrations.RunPython.noop)]
