import sys

from django.apps import AppConfig
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_delete,
    pre_save,
)
from django.utils.translation import gettext_lazy as _


class MandatesConfig(AppConfig):
    name = "mandates"
    verbose_name = _("Mandates")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        post_migrate.connect(_actors_sync_after_migrate, sender=self)
        post_migrate.connect(_migration_reports_after_migrate, sender=self)
        # A contact responsible for open deliverables is never deleted, whoever asks.
        from mandates.services.contacts import contact_delete_guard

        pre_delete.connect(contact_delete_guard, sender="mandates.Contact")
        # Nor a user whom the History or a comment names: the name would be blanked.
        from django.conf import settings

        from mandates.services.users import user_delete_guard

        pre_delete.connect(user_delete_guard, sender=settings.AUTH_USER_MODEL)
        # A superseded draft is not deleted with the decisions only it holds; an adopted
        # text deleted, whoever deletes it, gives its drafts back their place.
        from mandates.services.drafts import (
            resolution_delete_drafts_restore,
            resolution_delete_guard,
        )

        pre_delete.connect(resolution_delete_guard, sender="mandates.Resolution")
        pre_delete.connect(resolution_delete_drafts_restore, sender="mandates.Resolution")
        # A change made from a contact's e-mail link names the contact in its history.
        from simple_history.signals import pre_create_historical_record

        from mandates.models import history_contact_record

        pre_create_historical_record.connect(
            history_contact_record, dispatch_uid="mandates_history_contact"
        )
        # A deliverable's people changed by any path: a page opened before is stale.
        from mandates.models import Deliverable, deliverable_people_changed

        for field in (Deliverable.assignees, Deliverable.reminder_opt_outs):
            m2m_changed.connect(
                deliverable_people_changed,
                sender=field.through,
                dispatch_uid=f"mandates_people_changed_{field.field.name}",
            )
        # An actor's aliases changed by any path: a page of the actor opened before is stale.
        from mandates.models import actor_aliases_changed

        pre_save.connect(
            actor_aliases_changed, sender="mandates.ActorAlias", dispatch_uid="mandates_alias_save"
        )
        post_delete.connect(
            actor_aliases_changed,
            sender="mandates.ActorAlias",
            dispatch_uid="mandates_alias_delete",
        )
        # A session's parts changed by any path: the session calendar and its page see it.
        from mandates.models import session_parts_changed

        for signal, name in ((post_save, "save"), (post_delete, "delete")):
            signal.connect(
                session_parts_changed,
                sender="mandates.SessionPart",
                dispatch_uid=f"mandates_session_part_{name}",
            )
        # A session part deleted by any path: calendars are told its event is cancelled.
        from mandates.services.feeds import session_part_removed

        post_delete.connect(
            session_part_removed,
            sender="mandates.SessionPart",
            dispatch_uid="mandates_session_part_removed",
        )


def _actors_sync_after_migrate(sender, *, using, verbosity=1, stdout=None, **kwargs):
    """Every `migrate` ends with `actors_sync`: the packaged actor table reaches the database
    (new actors, aliases and kinds) without undoing what staff edited."""
    from django.db import connections

    from mandates.models import Actor
    from mandates.services.actors import actors_sync

    connection = connections[using]
    with connection.cursor() as cursor:  # migrated back to before the Actor table had it
        columns = connection.introspection.get_table_description(cursor, Actor._meta.db_table)
    if "package_entry" not in {column.name for column in columns}:
        return
    report = actors_sync(using=using)
    if verbosity >= 1 and stdout is not None and (report.changed or verbosity >= 2):
        stdout.write(f"  Actors from the packaged table: {report.summary()}\n")


def _migration_reports_after_migrate(sender, *, plan=None, verbosity=1, stdout=None, **kwargs):
    """A data migration that left a person's data alone, or changed what people see (due
    dates), says so: the lines its module keeps in `REPORT` are printed when `migrate` ends
    (a RunPython function is given no stdout or verbosity)."""
    for migration, backwards in plan or []:
        lines = getattr(sys.modules.get(type(migration).__module__), "REPORT", None)
        if backwards or migration.app_label != sender.label or not lines:
            continue
        if verbosity >= 1 and stdout is not None:
            for line in lines:
                stdout.write(f"  {line}\n")
        lines.clear()
