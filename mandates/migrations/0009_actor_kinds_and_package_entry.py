"""Actor kinds in the extractor's vocabulary, and what the packaged table last gave.

Kinds were stored in a vocabulary of their own (organ, special_procedure, ...) that merged
States and bodies; the extractor's kinds (data/actors.json) are now the only ones. An actor
whose kind is still what migration 0004 wrote gets the precise kind of the frozen table; a
kind staff changed is kept, mapped to the new spelling (also one they changed and set back:
the actor's history shows a person giving it another kind). `package_entry` records what the frozen table (the
one 0004 loaded) gave, so that `actors_sync` can tell staff edits apart; an actor staff
renamed is the frozen entry whose name no actor has any more and that it still answers to
(the name as an alias, or the same aliases), so the sync finds it rather than adding the
packaged actor a second time.
"""

import json
from pathlib import Path

from django.db import migrations, models

FROZEN = Path(__file__).with_name("0004_default_actors.json")
# The kinds 0004 wrote, from the packaged kinds.
KINDS_0004 = {
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
# The old spellings in the new vocabulary, for kinds staff set.
RENAMED = {"organ": "body", "special_procedure": "special procedure", "treaty_body": "treaty body"}


def _renamed_from(actor, frozen: dict, names: set[str]) -> dict | None:
    """The frozen entry of an actor staff renamed: the one entry whose name no actor has and
    that the actor still answers to (the name as an alias, or the same aliases)."""
    aliases = sorted(alias.alias for alias in actor.aliases.all())
    found = [
        row
        for name, row in frozen.items()
        if name not in names and (name in aliases or sorted(row.get("aliases", [])) == aliases)
    ]
    return found[0] if len(found) == 1 else None


def forward(apps, schema_editor):
    Actor = apps.get_model("mandates", "Actor")
    HistoricalActor = apps.get_model("mandates", "HistoricalActor")
    frozen = {row["name"]: row for row in json.loads(FROZEN.read_text(encoding="utf-8"))}
    actors = list(Actor.objects.prefetch_related("aliases"))
    names = {actor.name for actor in actors}
    for actor in actors:
        row = frozen.get(actor.name) or _renamed_from(actor, frozen, names)
        if row is None:  # an actor staff added
            actor.kind = RENAMED.get(actor.kind, actor.kind)
            actor.save(update_fields=["kind"])
            continue
        packaged = row.get("kind", "other")
        # A person (the history names them) gave it another kind, and set it back.
        set_back = (
            HistoricalActor.objects.filter(id=actor.pk)
            .exclude(history_user=None)
            .exclude(kind=actor.kind)
            .exists()
        )
        if actor.kind == KINDS_0004.get(packaged, "other") and not set_back:
            actor.kind = packaged
        else:
            actor.kind = RENAMED.get(actor.kind, actor.kind)
        actor.package_entry = {"kind": packaged, "aliases": sorted(row.get("aliases", []))}
        actor.save(update_fields=["kind", "package_entry"])
    for old, new in RENAMED.items():
        HistoricalActor.objects.filter(kind=old).update(kind=new)


def backward(apps, schema_editor):
    Actor = apps.get_model("mandates", "Actor")
    for actor in Actor.objects.all():
        actor.kind = KINDS_0004.get(actor.kind, actor.kind if actor.kind == "other" else "other")
        actor.save(update_fields=["kind"])


class Migration(migrations.Migration):

    dependencies = [
        ('mandates', '0008_ingest_keeps_peoples_work'),
    ]

    operations = [
        migrations.AddField(
            model_name='actor',
            name='package_entry',
            field=models.JSONField(blank=True, default=dict, editable=False, help_text='Kind and aliases from mandates/extraction/data/actors.json at the last actors_sync; empty for actors staff added. A value that differs from it was edited by staff and is never overwritten.', verbose_name='as the packaged actor table last gave it'),
        ),
        migrations.AddField(
            model_name='historicalactor',
            name='package_entry',
            field=models.JSONField(blank=True, default=dict, editable=False, help_text='Kind and aliases from mandates/extraction/data/actors.json at the last actors_sync; empty for actors staff added. A value that differs from it was edited by staff and is never overwritten.', verbose_name='as the packaged actor table last gave it'),
        ),
        migrations.AlterField(
            model_name='actor',
            name='kind',
            field=models.CharField(choices=[('official', 'official'), ('office', 'office'), ('body', 'intergovernmental body'), ('state', 'States'), ('system', 'the United Nations system'), ('special procedure', 'special procedure'), ('mechanism', 'mechanism'), ('commission of inquiry', 'commission of inquiry'), ('fact-finding mission', 'fact-finding mission'), ('treaty body', 'treaty body'), ('agency', 'agency, fund or programme'), ('other', 'other')], default='other', max_length=32, verbose_name='kind'),
        ),
        migrations.AlterField(
            model_name='historicalactor',
            name='kind',
            field=models.CharField(choices=[('official', 'official'), ('office', 'office'), ('body', 'intergovernmental body'), ('state', 'States'), ('system', 'the United Nations system'), ('special procedure', 'special procedure'), ('mechanism', 'mechanism'), ('commission of inquiry', 'commission of inquiry'), ('fact-finding mission', 'fact-finding mission'), ('treaty body', 'treaty body'), ('agency', 'agency, fund or programme'), ('other', 'other')], default='other', max_length=32, verbose_name='kind'),
        ),
        migrations.RunPython(forward, backward),
    ]
