"""The Actor table follows the packaged actor table and keeps what staff edited."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from mandates.extraction.actors import ActorTable
from mandates.models import Actor, ActorAlias
from mandates.services.actors import actor_table_from_database, actors_sync

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


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


def _manage(database: Path, *args: str) -> str:
    """Run manage.py on its own SQLite file, as an operator would."""
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{database}"}
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_upgrade_gives_precise_kinds_and_keeps_kinds_staff_set(tmp_path):
    """From 0006: kinds 0004 wrote become the package's; a kind staff changed stays theirs."""
    database = tmp_path / "upgrade.sqlite3"
    _manage(database, "migrate", "mandates", "0006_reminders_schedule")
    staff_edits = (
        "from django.db import connection\n"
        "with connection.cursor() as c:\n"
        "    c.execute(\"SELECT kind FROM mandates_actor WHERE name = 'Member States'\")\n"
        "    print('before', c.fetchone()[0])\n"
        "    c.execute(\"UPDATE mandates_actor SET kind = 'organ' WHERE name = 'UNICEF'\")\n"
        "    c.execute(\"INSERT INTO mandates_actor (name, kind) VALUES ('Invented Desk', 'treaty_body')\")\n"
    )
    assert "before other" in _manage(database, "shell", "-c", staff_edits)  # 0004: no "state"

    migrated = _manage(database, "migrate")
    assert "Applying mandates.0009_actor_kinds_and_package_entry... OK" in migrated

    kinds = _manage(
        database,
        "shell",
        "-c",
        "from mandates.models import Actor\n"
        "for name in ['Member States', 'United Nations system', 'Invented Desk', 'UNICEF']:\n"
        "    actor = Actor.objects.get(name=name)\n"
        "    print(f'{name}={actor.kind}/{actor.package_entry.get(\"kind\")}')\n",
    )
    assert kinds.splitlines()[-4:] == [
        "Member States=state/state",
        "United Nations system=system/system",
        "Invented Desk=treaty body/None",
        "UNICEF=body/agency",
    ]
    synced = _manage(database, "actors_sync")
    assert synced.splitlines() == [
        "left alone UNICEF: kind 'body' (set by staff; the package says 'agency')",
        "0 added, 0 updated, 1 left alone (staff edits)",
    ]


def test_an_actor_staff_renamed_is_not_added_again():
    """After staff rename a packaged actor, the sync (and so every migrate) finds it by the
    packaged name it recorded and leaves the name alone: it added an empty second "OHCHR"."""
    ohchr = Actor.objects.get(name="OHCHR")
    ohchr.name = "OHCHR (renamed by staff)"
    ohchr.save()
    out = _sync()
    assert (
        "left alone OHCHR (renamed by staff): name (renamed by staff; the package says 'OHCHR')"
        in out
    )
    assert "0 added, 0 updated, 1 left alone" in out
    assert not Actor.objects.filter(name="OHCHR").exists()
    assert Actor.objects.get(pk=ohchr.pk).aliases.filter(alias="OHCHR").exists()
    assert "0 added, 0 updated, 1 left alone" in _sync()


def test_an_actor_renamed_before_names_were_recorded_is_found_by_its_aliases():
    """A packaged actor synced before the sync recorded packaged names, then renamed, is
    recognised by the packaged name among its aliases, or by its last synced aliases."""
    for name, renamed, alias_kept in (
        ("OHCHR", "Human rights office", True),
        ("UNU", "U.N.U.", False),
    ):
        actor = Actor.objects.get(name=name)
        actor.package_entry.pop("name", None)
        actor.name = renamed
        actor.save()
        if not alias_kept:
            ActorAlias.objects.filter(actor=actor, alias=name).delete()
            assert actor.package_entry["aliases"]  # the last synced aliases identify it
    out = _sync()
    assert "0 added" in out, out
    assert not Actor.objects.filter(name__in=["OHCHR", "UNU"]).exists()
    assert Actor.objects.get(name="Human rights office").package_entry["name"] == "OHCHR"
    assert Actor.objects.get(name="U.N.U.").package_entry["name"] == "UNU"
