"""The Actor table and the packaged actor table (mandates/extraction/data/actors.json).

The extractor reads actors through an :class:`ActorTable`. `extract` uses the packaged one;
ingest builds one from the Actor rows, which staff may edit in the admin. `actors_sync`
keeps the rows in step with the package without undoing staff edits: each actor remembers
what the package gave at the last sync (``Actor.package_entry``: name, kind, aliases), so a value that still
equals it is the package's and follows a new package, and a value that differs was set by
a person and is left alone (and reported). :class:`ActorNames` finds the row a stored
reading names, also after staff renamed the actor; `actor_titles_rename` makes the titles
ingest gave its deliverables name it as staff renamed it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from mandates.extraction.actors import ActorTable, normalise
from mandates.extraction.building import title_head, title_renamed
from mandates.models import Actor, ActorAlias, Deliverable

from .schedule import deliverable_calendar_sync


def actor_name_owner(*, text: str, exclude_actor_id: int | None) -> Actor | None:
    """The other actor that a name or alias already stands for, as the extractor compares
    names (case, dashes, quotes, spaces and a leading "the" aside: `normalise`). Two actors
    answering to one name would let the later one take the other's mandates at ingest."""
    key = normalise(text)
    if not key:
        return None
    names = Actor.objects.values_list("pk", "name")
    aliases = ActorAlias.objects.values_list("actor_id", "alias")
    for actor_id, other in [*names, *aliases]:
        if actor_id != exclude_actor_id and normalise(other) == key:
            return Actor.objects.get(pk=actor_id)
    return None


def actor_table_from_database(*, using: str = "default") -> ActorTable:
    """The extractor's table built from the Actor rows: names, aliases and kinds."""
    entries = []
    kinds = {}
    for actor in Actor.objects.using(using).prefetch_related("aliases"):
        entries.append((actor.name, [alias.alias for alias in actor.aliases.all()]))
        kinds[actor.name] = actor.kind
    if not entries:
        return ActorTable.default()
    return ActorTable.from_entries(entries, kinds)


@transaction.atomic
def actor_titles_rename(*, actor: Actor, former: str) -> int:
    """After staff renamed an actor from ``former``: the titles ingest made naming it for
    want of a topic ("Report of the High Commissioner") name it as it is called now, once,
    each with a history record that says why and a higher calendar SEQUENCE (calendars
    show the title). A title a person edited (``"title" in edited_fields``), or one whose
    words the text prints, is left alone. Ingest reads a title under the former name as
    the same title (`ActorNames.title_key`), so reading the text again changes nothing.
    Returns how many titles changed.

    The deliverables are locked (in the order of their ids) before they are read: a
    person's edit of a title in flight (the admin's page locks its row, `StaleEditGuard`)
    commits first and is then read as theirs, never overwritten by the generated title;
    a person's page opened before the rename and saved after it is refused as stale."""
    if former == actor.name:
        return 0
    reason = f"Actor renamed: {former} -> {actor.name}"
    limit = Deliverable.history.model._meta.get_field("history_change_reason").max_length
    changed = 0
    for deliverable in (
        Deliverable.objects.filter(mandate__actor=actor, title__endswith=former)
        .select_related("due_session__body")
        .select_for_update(of=("self",))
        .order_by("pk")
    ):
        title = title_renamed(deliverable.title, former, actor.name)
        if title is None or "title" in deliverable.edited_fields:
            continue
        deliverable.title = title[: Deliverable._meta.get_field("title").max_length]
        deliverable._change_reason = reason[:limit]
        deliverable_calendar_sync(
            deliverable=deliverable, changed_fields=["title"], also_save=["title"]
        )
        changed += 1
    return changed


class ActorNames:
    """The Actor rows by the names the extractor gives them, for ingest.

    A reading the extractor made (of the text as stored, or of the new version) names each
    actor by the name its row had then. Staff may rename an actor since: the previous
    version's reading still says "High Commissioner" while the new one says the new name.
    `meant` finds the same row for both, so that two readings of a request pair by who is
    asked, not by what the actor is called now."""

    def __init__(self, *, table: ActorTable, using: str = "default") -> None:
        self._table = table  # the extractor's table of the same rows
        self._using = using
        self._by_name = {actor.name: actor for actor in Actor.objects.using(using)}
        self._packaged = {
            actor.package_entry["name"]: actor
            for actor in self._by_name.values()
            if actor.package_entry.get("name")
        }
        self._former: dict[str, Actor] | None = None

    def named(self, name: str) -> Actor | None:
        """The actor called ``name`` now, as a reading by the current table names it."""
        return self._by_name.get(name)

    def meant(self, name: str) -> Actor | None:
        """The actor a reading's name stands for, also after staff renamed it: the one called
        so now, else the one answering to it (an alias, as the extractor compares names),
        the packaged name `actors_sync` recorded for it, or a name it had before."""
        if not name:
            return None
        actor = (
            self._by_name.get(name)
            or self._by_name.get(self._table.match(name) or "")
            or self._packaged.get(name)
        )
        return actor if actor is not None else self._former_names().get(name)

    def title_key(self, title: str, name: str) -> tuple[str, int | str | None]:
        """A title as a reading gives it, comparable from reading to reading: one naming
        the actor for want of a topic ("Report of the High Commissioner", ``name`` the
        actor's name in that reading) keys by who the actor is, so that a rename is no
        change of the title; any other title by its words."""
        head = title_head(title, name)
        if head is None:
            return (title, None)
        actor = self.meant(name)
        return (head, actor.pk if actor is not None else name)

    def _former_names(self) -> dict[str, Actor]:
        """Every name an actor had, for its latest holder: read from the actors' history
        when first needed (only a name no actor answers to now asks)."""
        if self._former is None:
            by_pk = {actor.pk: actor for actor in self._by_name.values()}
            self._former = {}
            for pk, name in (
                Actor.history.using(self._using)
                .order_by("-history_date", "-history_id")
                .values_list("id", "name")
            ):
                if pk in by_pk:
                    self._former.setdefault(name, by_pk[pk])
        return self._former


@dataclass
class ActorSyncReport:
    """What `actors_sync` did (or would do), one line per actor, for people to read."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    left_alone: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated)

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.left_alone)} left alone (staff edits)"
        )


class _DryRun(Exception):
    """Raised inside the transaction of a dry run to undo everything."""


def actors_sync(
    *, table: ActorTable | None = None, dry_run: bool = False, using: str = "default"
) -> ActorSyncReport:
    """Bring new and changed packaged actors and aliases into the database.

    Added: actors and aliases the database lacks. Updated: a kind or alias that still holds
    what the package gave at the last sync. Left alone: a name or kind staff changed, an
    alias staff removed or gave to another actor, an actor the package no longer lists. A
    renamed actor is found by the packaged name it recorded, never added again.
    """
    table = table or ActorTable.default()
    report = ActorSyncReport()
    try:
        with transaction.atomic(using=using):
            _sync(table, report, using)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


def _sync(table: ActorTable, report: ActorSyncReport, using: str) -> None:
    actors = {actor.name: actor for actor in Actor.objects.using(using)}
    owners = dict(ActorAlias.objects.using(using).values_list("alias", "actor__name"))
    entries = table.entries()
    packaged_names = {name for name, _ in entries}
    by_key = {a.package_entry["name"]: a for a in actors.values() if a.package_entry.get("name")}
    synced: set[int] = set()
    for name, aliases in entries:
        kind = table.kinds.get(name, Actor._meta.get_field("kind").default)
        entry = {"name": name, "kind": kind, "aliases": sorted(set(aliases))}
        actor = _packaged_actor(entry, actors, by_key, owners, packaged_names)
        if actor is None:
            actor = Actor(name=name, kind=kind, package_entry=entry)
            actor._change_reason = "actors_sync: new in the packaged actor table"
            actor.save(using=using)
            actors[name] = actor
            synced.add(actor.pk)
            free = [alias for alias in entry["aliases"] if alias not in owners]
            _aliases_add(actor, free, owners, using)
            report.added.append(f"{name} ({kind}, {len(free)} aliases)")
            report.left_alone += [
                f"{name}: alias {alias!r} stays with {owners[alias]}"
                for alias in entry["aliases"]
                if owners[alias] != name
            ]
            continue
        synced.add(actor.pk)
        changes, kept = _actor_update(actor, entry, owners, using)
        if actor.name != name:
            kept.insert(0, f"name (renamed by staff; the package says {name!r})")
        if changes:
            report.updated.append(f"{actor.name}: {'; '.join(changes)}")
        report.left_alone += [f"{actor.name}: {reason}" for reason in kept]
    report.left_alone += [
        f"{name}: no longer in the packaged table, kept"
        for name, actor in actors.items()
        if actor.package_entry and actor.pk not in synced
    ]


def _packaged_actor(
    entry: dict,
    actors: dict[str, Actor],
    by_key: dict[str, Actor],
    owners: dict[str, str],
    packaged_names: set[str],
) -> Actor | None:
    """The row of a packaged actor, also after staff renamed it: the packaged name its
    `package_entry` recorded at the last sync; for an entry synced before names were
    recorded, a packaged actor whose name the package lacks and that still answers to the
    packaged name (an alias) or holds the same aliases as last synced."""
    name = entry["name"]
    if name in by_key:
        return by_key[name]
    if name in actors:
        return actors[name]
    for actor in actors.values():
        last = actor.package_entry
        if not last or "name" in last or actor.name in packaged_names:
            continue
        if owners.get(name) == actor.name or last.get("aliases") == entry["aliases"]:
            return actor
    return None


def _actor_update(
    actor: Actor, entry: dict, owners: dict[str, str], using: str
) -> tuple[list[str], list[str]]:
    """Changes made and staff edits kept for one actor the database already has."""
    last = actor.package_entry or {}
    changes: list[str] = []
    kept: list[str] = []
    if actor.kind != entry["kind"]:
        if actor.kind == last.get("kind"):
            changes.append(f"kind {actor.kind} -> {entry['kind']}")
            actor.kind = entry["kind"]
        else:
            kept.append(f"kind {actor.kind!r} (set by staff; the package says {entry['kind']!r})")
    synced = set(last.get("aliases", []))
    new = set(entry["aliases"])
    to_add = []
    for alias in entry["aliases"]:
        owner = owners.get(alias)
        if owner == actor.name:
            continue
        if owner is not None:
            kept.append(f"alias {alias!r} stays with {owner}")
        elif alias in synced:
            kept.append(f"alias {alias!r} (removed by staff)")
        else:
            to_add.append(alias)
    gone = sorted(alias for alias in synced - new if owners.get(alias) == actor.name)
    if to_add:
        _aliases_add(actor, to_add, owners, using)
        changes.append("aliases added: " + ", ".join(to_add))
    if gone:
        ActorAlias.objects.using(using).filter(actor=actor, alias__in=gone).delete()
        for alias in gone:
            owners.pop(alias, None)
        changes.append("aliases the package dropped, removed: " + ", ".join(gone))
    if changes or last != entry:
        actor.package_entry = entry
        reason = "actors_sync: " + "; ".join(changes or ["package entry recorded"])
        limit = Actor.history.model._meta.get_field("history_change_reason").max_length
        actor._change_reason = reason[:limit]
        actor.save(using=using)
    return changes, kept


def _aliases_add(actor: Actor, aliases: list[str], owners: dict[str, str], using: str) -> None:
    ActorAlias.objects.using(using).bulk_create(
        [ActorAlias(actor=actor, alias=alias) for alias in aliases]
    )
    for alias in aliases:
        owners[alias] = actor.name
