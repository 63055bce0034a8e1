"""The contract between the extractor and ingest: what ingest stores is what `extract` prints.

Every corpus file is ingested once through the `ingest` command (the production path, with
the actor table it builds from the database) and its stored mandates and deliverables are
compared with the result of the extractor as the `extract` command runs it (the packaged
actor table). A difference means production stores something the tests never scored.

What a row can hold: an actor outside the Actor table is kept as the words printed; a
deadline is a session of a body with a session calendar (HRC, GA). A session of any other
body ("at its sixty-first session" of the Commission on the Status of Women) cannot be
stored, so the deliverable must be flagged for review instead.
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from mandates.extraction import extract_file
from mandates.extraction.actors import ActorTable
from mandates.models import Deliverable, Mandate, Resolution
from mandates.services.ingest import SESSION_BODIES, paths_expand
from tests.shared_data import shared_path

pytestmark = pytest.mark.django_db


def _stored_actor(mandate: Mandate) -> tuple[str | None, str]:
    return (mandate.actor.name if mandate.actor else None, mandate.actor_text)


def _extracted_actor(item, known: set[str]) -> tuple[str | None, str]:
    """A known actor is stored as the Actor row; any other as the words printed."""
    printed = (item.actor_text or item.actor)[:500]
    return (item.actor, printed) if item.actor in known else (None, printed)


def _stored(resolution: Resolution) -> dict:
    mandates = [
        (m.paragraph_label, *_stored_actor(m))
        for m in Mandate.objects.filter(resolution=resolution)
        .select_related("actor")
        .order_by("position", "pk")
    ]
    deliverables = [
        (
            d.mandate.paragraph_label,
            *_stored_actor(d.mandate),
            d.kind,
            d.count,
            d.due_session.body.code if d.due_session else None,
            d.due_session.number if d.due_session else None,
            d.due_relation or None,
            d.stated_due_date,
            d.recurring or None,
            d.needs_review,
        )
        for d in Deliverable.objects.filter(mandate__resolution=resolution)
        .select_related("mandate__actor", "due_session__body")
        .order_by("position", "pk")
    ]
    return {"mandates": mandates, "deliverables": deliverables}


def _session_without_calendar(due) -> bool:
    return bool(due and due.session is not None and due.body not in SESSION_BODIES)


def _due_as_stored(due) -> tuple:
    """(body, session, relation, printed date) as a deliverable row holds them."""
    if due is None:
        return (None, None, None, None)
    if due.session is None or due.body not in SESSION_BODIES:
        return (None, None, due.relation, due.date)
    return (due.body, due.session, due.relation, due.date)


def _extracted(path: Path, known: set[str]) -> dict:
    result = extract_file(path)
    mandates = [(m.paragraph, *_extracted_actor(m, known)) for m in result.mandates]
    deliverables = [
        (
            d.paragraph,
            *_extracted_actor(d, known),
            d.kind,
            max(d.count or 1, 1),
            *_due_as_stored(d.due),
            d.recurring or None,
            d.needs_review or _session_without_calendar(d.due),
        )
        for d in result.deliverables
    ]
    return {"mandates": mandates, "deliverables": deliverables}


@pytest.fixture(scope="module")
def corpus(django_db_setup, django_db_blocker, tmp_path_factory):
    """Ingest the whole corpus once (rolled back afterwards); stored rows per file name."""
    folders = [str(shared_path("corpus", part)) for part in ("hrc", "ga", "other")]
    files = paths_expand(folders)
    media = tmp_path_factory.mktemp("media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        out = StringIO()
        call_command("ingest", *folders, stdout=out, verbosity=0)
        stored = {r.source_name: _stored(r) for r in Resolution.objects.all()}
        transaction.set_rollback(True)
    return files, stored, out.getvalue()


def test_every_corpus_file_is_stored_as_extract_prints_it(corpus):
    """Mandates and deliverables (actor, kind, count, deadline) of all files equal `extract`."""
    files, stored, summary = corpus
    assert f"{len(files)} new, 0 updated, 0 unchanged, 0 failed" in summary
    known = {name for name, _ in ActorTable.default().entries()}
    differing = {}
    for path in files:
        expected = _extracted(path, known)
        got = stored.get(path.name)
        if got != expected:
            differing[path.name] = _difference(expected, got)
    assert not differing, f"{len(differing)} of {len(files)} files differ: {differing}"


def test_a_res_70_235_keeps_the_deliverables_extract_finds(corpus):
    """The case the issue named: ingest stored 12 deliverables where `extract` printed 9."""
    files, stored, _ = corpus
    path = next(p for p in files if p.name == "A_RES_70_235.txt")
    expected = _extracted(path, {name for name, _ in ActorTable.default().entries()})
    assert len(stored["A_RES_70_235.txt"]["deliverables"]) == len(expected["deliverables"])
    assert stored["A_RES_70_235.txt"] == expected


def _difference(expected: dict, got: dict | None) -> dict:
    if got is None:
        return {"stored": None}
    return {
        part: {
            "extract only": [row for row in expected[part] if row not in got[part]],
            "ingest only": [row for row in got[part] if row not in expected[part]],
        }
        for part in ("mandates", "deliverables")
        if expected[part] != got[part]
    }
