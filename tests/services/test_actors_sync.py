"""The Actor table follows the packaged actor table and keeps what staff edited."""

from importlib import import_module
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from mandates.extraction.actors import ActorTable
from mandates.models import Actor, ActorAlias
from mandates.services.actors import actor_table_from_database, actors_sync

pytestmark = pytest.mark.django_db


def _sync(*extra) -> str:
    out = StringIO()
    call_command("actors_sync", *extra, stdout=out)
    return out.getvalue()


def test_after_migrate_ingest_reads_actors_as_extract_does():
    """A fresh database gives the extractor the packaged table: names, aliases and kinds."""
    table = actor_table_from_database()
    assert table == ActorTable.default()
    assert table.kinds["Member States"] == "state"
    assert table.kinds["Human Rights Council"] == "body"
    assert "0 added, 0 updated, 0 left alone" in _sync()


def test_staff_edits_reach_the_extractor():
    """An alias and a kind staff set are what ingest's table reads."""
    ohchr = Actor.objects.get(name="OHCHR")
    ActorAlias.objects.create(actor=ohchr, alias="the human rights desk")
    Actor.objects.filter(name="UNU").update(kind="other")
    table = actor_table_from_database()
    assert table.match("The Human Rights Desk") == "OHCHR"
    assert table.kinds["UNU"] == "other"
    assert table != ActorTable.default()


def test_sync_updates_what_the_package_changed_and_keeps_what_staff_changed():
    """A kind and aliases still as last synced follow the package; staff's are left alone."""
    # The package changed since the last sync: UNICEF was "office" with an extra alias.
    unicef = Actor.objects.get(name="UNICEF")
    entry = dict(unicef.package_entry)
    unicef.kind = "office"
    unicef.package_entry = {
        "kind": "office",
        "aliases": sorted([*entry["aliases"], "the children's fund of old"]),
    }
    unicef.save()
    ActorAlias.objects.create(actor=unicef, alias="the children's fund of old")
    ActorAlias.objects.filter(alias="UNICEF").delete()  # ... and it never had its acronym
    unicef.package_entry["aliases"].remove("UNICEF")
    unicef.save()
    # Staff changed WHO's kind, removed an alias of UNDP and gave UNEP's acronym to OHCHR.
    Actor.objects.filter(name="WHO").update(kind="other")
    undp_alias = next(a for a in Actor.objects.get(name="UNDP").package_entry["aliases"])
    ActorAlias.objects.filter(alias=undp_alias).delete()
    ActorAlias.objects.filter(alias="UNEP").update(actor=Actor.objects.get(name="OHCHR"))
    # And removed a packaged actor nobody refers to: the package brings it back.
    Actor.objects.filter(name="UNU").delete()

    dry = _sync("--dry-run")
    assert "Dry run, nothing stored: 1 added, 1 updated, 3 left alone" in dry
    assert Actor.objects.get(name="UNICEF").kind == "office"

    out = _sync()
    assert "added      UNU (agency, 2 aliases)" in out
    assert "updated    UNICEF: kind office -> agency; aliases added: UNICEF; " in out
    assert "the children's fund of old" in out
    assert "left alone WHO: kind 'other' (set by staff; the package says 'agency')" in out
    assert f"left alone UNDP: alias {undp_alias!r} (removed by staff)" in out
    assert "left alone UNEP: alias 'UNEP' stays with OHCHR" in out
    unicef = Actor.objects.get(name="UNICEF")
    assert unicef.kind == "agency"
    assert set(unicef.aliases.values_list("alias", flat=True)) == set(entry["aliases"])
    assert Actor.objects.get(name="WHO").kind == "other"
    assert not ActorAlias.objects.filter(alias=undp_alias).exists()
    assert ActorAlias.objects.get(alias="UNEP").actor.name == "OHCHR"
    assert unicef.history.first().history_change_reason.startswith("actors_sync: kind")
    # Once synced, nothing moves any more; staff edits are still reported.
    assert "0 added, 0 updated, 3 left alone" in _sync()
    # Staff going back to the package's kind makes WHO follow the package again.
    Actor.objects.filter(name="WHO").update(kind="agency")
    assert "0 added, 0 updated, 2 left alone" in _sync()


def test_migrate_brings_new_packaged_actors(monkeypatch):
    """`migrate` ends with the sync: an actor new in the package is in the database after it."""
    packaged = ActorTable.default()
    entries = [*packaged.entries(), ("Invented Oversight Panel", ["the Oversight Panel"])]
    grown = ActorTable.from_entries(entries, {**packaged.kinds, "Invented Oversight Panel": "body"})
    monkeypatch.setattr(ActorTable, "default", classmethod(lambda cls: grown))
    out = StringIO()
    call_command("migrate", stdout=out, verbosity=1)
    assert "Actors from the packaged table: 1 added, 0 updated" in out.getvalue()
    assert Actor.objects.get(name="Invented Oversight Panel").kind == "body"
    assert actor_table_from_database() == grown


def test_actors_sync_with_a_table_adds_aliases_without_taking_staff_ones():
    """A new actor whose alias staff already gave to another actor gets the other aliases."""
    ActorAlias.objects.create(actor=Actor.objects.get(name="OHCHR"), alias="the Panel")
    table = ActorTable.from_entries(
        [*ActorTable.default().entries(), ("Invented Panel", ["the Panel", "Invented Panel"])],
        {**ActorTable.default().kinds, "Invented Panel": "mechanism"},
    )
    report = actors_sync(table=table)
    assert report.added == ["Invented Panel (mechanism, 1 aliases)"]
    assert "Invented Panel: alias 'the Panel' stays with OHCHR" in report.left_alone
    assert ActorAlias.objects.get(alias="the Panel").actor.name == "OHCHR"


@pytest.mark.django_db(transaction=True)
def test_upgrade_gives_precise_kinds_and_keeps_kinds_staff_set():
    """From 0006: kinds 0004 wrote become the package's; a kind staff changed stays theirs."""
    executor = MigrationExecutor(connection)
    executor.migrate([("mandates", "0006_reminders_schedule")])
    try:
        old = executor.loader.project_state([("mandates", "0006_reminders_schedule")]).apps
        OldActor = old.get_model("mandates", "Actor")
        OldActor.objects.all().delete()
        import_module("mandates.migrations.0004_default_actors").load(old, None)
        assert OldActor.objects.get(name="Member States").kind == "other"  # 0004 had no "state"
        OldActor.objects.filter(name="UNICEF").update(kind="organ")  # staff's choice
        OldActor.objects.create(name="Invented Desk", kind="treaty_body")  # staff's actor
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

    assert Actor.objects.get(name="Member States").kind == "state"
    assert Actor.objects.get(name="United Nations system").kind == "system"
    assert Actor.objects.get(name="Invented Desk").kind == "treaty body"
    unicef = Actor.objects.get(name="UNICEF")
    assert (unicef.kind, unicef.package_entry["kind"]) == ("body", "agency")
    report = actors_sync()
    assert not report.changed
    assert report.left_alone == ["UNICEF: kind 'body' (set by staff; the package says 'agency')"]
