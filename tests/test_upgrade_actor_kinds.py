"""Upgrading across 0009 (actor kinds in the extractor's vocabulary, `package_entry`) keeps
what staff decided about actors before it: a name they changed, a kind they set back.

The database goes back to 0008 with Django's migration executor; staff's edits are made
there as 0008's admin stored them (the row, and its history); then `migrate` runs.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE_0009 = [("mandates", "0008_ingest_keeps_peoples_work")]
BURUNDI = (
    "Commission of Inquiry on Burundi"  # packaged "commission of inquiry"; 0004 wrote "mechanism"
)
UKRAINE = "Independent International Commission of Inquiry on Ukraine"  # the same, untouched


@pytest.fixture
def old_apps():
    """The models as they stood at 0008, on a database migrated back to it."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_0009)
    yield executor.loader.project_state(BEFORE_0009).apps
    call_command("migrate", verbosity=0)  # back to the latest, whatever the test did


def _staff_edit(apps, actor_name: str, **changes) -> None:
    """Save an actor as 0008's admin did: the row, then its history record naming the user."""
    Actor = apps.get_model("mandates", "Actor")
    Actor.objects.filter(name=actor_name).update(**changes)
    actor = Actor.objects.get(name=changes.get("name", actor_name))
    editor, _ = apps.get_model("auth", "User").objects.get_or_create(username="editor")
    apps.get_model("mandates", "HistoricalActor").objects.create(
        id=actor.pk,
        name=actor.name,
        kind=actor.kind,
        history_date=timezone.now(),
        history_type="~",
        history_user=editor,
    )


def test_an_actor_staff_renamed_before_0009_is_not_added_again(old_apps):
    """OHCHR renamed "OHCHR (Geneva)": after the upgrade it is still the packaged OHCHR
    (its aliases, its kind following the package), not a second, alias-less OHCHR."""
    from mandates.models import Actor

    _staff_edit(old_apps, "OHCHR", name="OHCHR (Geneva)")
    call_command("migrate", verbosity=0)

    assert not Actor.objects.filter(name="OHCHR").exists()
    renamed = Actor.objects.get(name="OHCHR (Geneva)")
    assert renamed.package_entry["name"] == "OHCHR"
    assert renamed.kind == "office"
    assert "OHCHR" in set(renamed.aliases.values_list("alias", flat=True))


def test_a_kind_staff_set_back_to_what_0004_wrote_stays(old_apps):
    """Staff made the Burundi commission "other", then "mechanism" again: that is their
    choice and stays; the Ukraine commission nobody touched takes the packaged kind."""
    from mandates.models import Actor

    _staff_edit(old_apps, BURUNDI, kind="other")
    _staff_edit(old_apps, BURUNDI, kind="mechanism")
    call_command("migrate", verbosity=0)

    assert Actor.objects.get(name=BURUNDI).kind == "mechanism"
    assert Actor.objects.get(name=UKRAINE).kind == "commission of inquiry"
