"""The contract between the extractor and ingest: what ingest stores is what `extract` prints.

Every corpus file is ingested once through the `ingest` command (the production path, with
the actor table it builds from the database) and its stored mandates and deliverables are
compared with the result of the extractor as the `extract` command runs it (the packaged
actor table). A difference means production stores something the tests never scored.

Nothing is compared "as a row can hold it": the actor is the extractor's name (an Actor row
or, for an actor outside the table, `actor_name`) and the words printed; the deadline is
the body, session number, relation and printed date exactly as read, whether or not the
calendar has that session. What the calendar adds is checked too: the due session is linked
exactly when the calendar has (or, for HRC and GA, estimates) the session read, every
session read that no calendar session dates is flagged for review, and so is every date the
usual count would put before the adoption.
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
from mandates.models import Body, Deliverable, Mandate, Resolution, Session, due_next_session
from mandates.services.ingest import SESSION_BODIES, paths_expand
from mandates.services.schedule import (
    due_date_adoption_reason,
    due_date_rules_by_body,
    session_find_or_estimate,
)
from tests.shared_data import shared_path

pytestmark = pytest.mark.django_db


def _stored_actor(mandate: Mandate) -> tuple[str, str, bool]:
    """(the extractor's name, the words printed, whether it is an Actor row)."""
    if mandate.actor is not None:
        return (mandate.actor.name, mandate.actor_text, True)
    return (mandate.actor_name, mandate.actor_text, False)


def _extracted_actor(item, known: set[str]) -> tuple[str, str, bool]:
    return (item.actor, (item.actor_text or item.actor)[:500], item.actor in known)


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
            d.due_body.code if d.due_body else None,
            d.due_session_number,
            d.due_relation or None,
            d.stated_due_date,
            (d.due_session.body.code, d.due_session.number) if d.due_session else None,
            d.recurring or None,
            d.needs_review,
        )
        for d in Deliverable.objects.filter(mandate__resolution=resolution)
        .select_related("mandate__actor", "due_session__body", "due_body")
        .order_by("position", "pk")
    ]
    return {"mandates": mandates, "deliverables": deliverables}


def _calendar_session(due, calendar: set[tuple[str, int]]) -> tuple[str, int] | None:
    """The calendar session a deadline read from the text is linked to, if any: HRC and
    GA sessions are estimated when missing; other bodies' only when in the calendar."""
    if due is None or due.body is None or due.session is None:
        return None
    key = (due.body, due.session)
    return key if due.body in SESSION_BODIES or key in calendar else None


def _undated_session(due, calendar: set[tuple[str, int]]) -> bool:
    """A session was read ("at CSW 61", "at its next session") that no calendar row dates;
    a body with a date and no number is due on that date, not at a session."""
    read = due is not None and (
        (due.body is not None and due.session is not None)
        or due_next_session(
            body_id=due.body, number=due.session, relation=due.relation, stated_due_date=due.date
        )
    )
    return bool(read) and _calendar_session(due, calendar) is None


def _dated_before_adoption(item, adopted_on, calendar: set[tuple[str, int]]) -> bool:
    """Ingest flags a deliverable whose usual count would date it before the adoption
    (`schedule.due_anchor`): the session had opened, or was too near, by then."""
    key = _calendar_session(item.due, calendar)
    if key is None or item.due.date or adopted_on is None:
        return False
    body = Body.objects.get(code=key[0])
    return bool(
        due_date_adoption_reason(
            session=session_find_or_estimate(body=body, number=key[1]),
            kind=item.kind,
            relation=item.due.relation or "",
            rules=due_date_rules_by_body().get(body.pk, []),
            adopted_on=adopted_on,
        )
    )


def _extracted(path: Path, known: set[str], calendar: set[tuple[str, int]]) -> dict:
    result = extract_file(path)
    mandates = [(m.paragraph, *_extracted_actor(m, known)) for m in result.mandates]
    deliverables = [
        (
            d.paragraph,
            *_extracted_actor(d, known),
            d.kind,
            max(d.count or 1, 1),
            d.due.body if d.due else None,
            d.due.session if d.due else None,
            d.due.relation if d.due else None,
            d.due.date if d.due else None,
            _calendar_session(d.due, calendar),
            d.recurring or None,
            d.needs_review
            or _undated_session(d.due, calendar)
            or _dated_before_adoption(d, result.adopted_on, calendar),
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
        calendar = {
            (code, number)
            for code, number in Session.objects.values_list("body__code", "number")
            if code not in SESSION_BODIES
        }
        out = StringIO()
        call_command("ingest", *folders, stdout=out, verbosity=0)
        stored = {r.source_name: _stored(r) for r in Resolution.objects.all()}
        transaction.set_rollback(True)
    return files, stored, out.getvalue(), calendar


#: Held-out sets in layouts the corpus lacks (Word HTML, .docx with numbering and tracked
#: changes, UN-template .docx, UN-layout PDFs, Markdown, e-mail quotes, decisions (set 26's
#: lettered one), UN text exports, set 28's HTML numbers in elements of their own, set 29's
#: omnibus parts and one-paragraph decision, set 30's moved deliverables).
HELD_OUT_LAYOUTS = [
    Path(__file__).resolve().parents[1] / "extraction" / f"labels_holdout{number}" / "texts"
    for number in (10, 11, 12, 13, 14, 15, 16, 19, 21, 22, 24, 25, 26, 27, 28, 29, 30)
]


@pytest.fixture(scope="module")
def held_out(django_db_setup, django_db_blocker, tmp_path_factory):
    """Ingest each held-out set through the `ingest` command, one set at a time (sets
    reuse symbols; each is rolled back before the next)."""
    files, stored, summaries = [], {}, []
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        calendar = {
            (code, number)
            for code, number in Session.objects.values_list("body__code", "number")
            if code not in SESSION_BODIES
        }
        for folder in HELD_OUT_LAYOUTS:
            with transaction.atomic():
                out = StringIO()
                call_command("ingest", str(folder), stdout=out, verbosity=0)
                paths = paths_expand([folder])
                files += paths
                summaries.append((len(paths), out.getvalue()))
                stored.update((r.source_name, _stored(r)) for r in Resolution.objects.all())
                transaction.set_rollback(True)
    return files, stored, summaries, calendar


def test_every_held_out_layout_is_stored_as_extract_prints_it(held_out):
    """The layouts the corpus lacks go through ingest (the production path) and are stored
    as `extract` prints them: decisions (A/HRC/DEC), special sessions, drafts, .docx,
    HTML, PDFs and Markdown alike."""
    files, stored, summaries, calendar = held_out
    assert len(files) == 202
    for count, summary in summaries:
        assert f"{count} new, 0 updated, 0 unchanged, 0 failed" in summary
    known = {name for name, _ in ActorTable.default().entries()}
    differing = {
        path.name: _difference(expected, stored.get(path.name))
        for path in files
        if stored.get(path.name) != (expected := _extracted(path, known, calendar))
    }
    assert not differing, f"{len(differing)} of {len(files)} files differ: {differing}"


def test_every_corpus_file_is_stored_as_extract_prints_it(corpus):
    """Mandates and deliverables (actor name and words, kind, count, the full deadline as
    read, its calendar session, the review flag) of every file equal `extract`."""
    files, stored, summary, calendar = corpus
    assert f"{len(files)} new, 0 updated, 0 unchanged, 0 failed" in summary
    known = {name for name, _ in ActorTable.default().entries()}
    differing = {}
    for path in files:
        expected = _extracted(path, known, calendar)
        got = stored.get(path.name)
        if got != expected:
            differing[path.name] = _difference(expected, got)
    assert not differing, f"{len(differing)} of {len(files)} files differ: {differing}"


def test_a_res_70_235_keeps_the_deliverables_extract_finds(corpus):
    """The case the issue named: ingest stored 12 deliverables where `extract` printed 9."""
    files, stored, _, calendar = corpus
    path = next(p for p in files if p.name == "A_RES_70_235.txt")
    expected = _extracted(path, {name for name, _ in ActorTable.default().entries()}, calendar)
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
