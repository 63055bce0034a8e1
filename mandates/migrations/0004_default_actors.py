"""Seed the Actor table and its aliases from a frozen copy of the packaged actor table.

The copy (0004_default_actors.json) is the table as it stood when this migration was last
changed; a migration must give the same database whenever it runs. Later changes to
mandates/extraction/data/actors.json reach the database through `manage.py actors_sync`,
which runs after every `migrate`.
"""

import json
from pathlib import Path

from django.db import migrations

ACTORS_JSON = Path(__file__).with_suffix(".json")
KINDS = {
    "official": "official",
    "office": "office",
    "body": "organ",
    "special procedure": "special_procedure",
    "mechanism": "mechanism",
    "commission of inquiry": "mechanism",
    "fact-finding mission": "mechanism",
    "treaty body": "treaty_body",
    "agency": "agency",
    "system": "agency",
}


def load(apps, schema_editor):
    Actor = apps.get_model("mandates", "Actor")
    ActorAlias = apps.get_model("mandates", "ActorAlias")
    seen = set(ActorAlias.objects.values_list("alias", flat=True))
    for entry in json.loads(ACTORS_JSON.read_text(encoding="utf-8")):
        actor, _ = Actor.objects.get_or_create(
            name=entry["name"], defaults={"kind": KINDS.get(entry.get("kind"), "other")}
        )
        for alias in entry.get("aliases", []):
            if alias not in seen:
                ActorAlias.objects.create(actor=actor, alias=alias)
                seen.add(alias)


class Migration(migrations.Migration):
    dependencies = [("mandates", "0003_review_queue")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
