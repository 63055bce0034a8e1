"""Upgrading across 0025 links the comments an adoption copied before it to their
originals, where that is sure; anything uncertain stays a person's comment.

The test takes the database back to 0023 (before `Comment.copied_from`) with Django's
migration executor, stores there what adoption and people wrote then, and runs `migrate`
as an operator does.
"""

from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import ProtectedError

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE_0024 = [("mandates", "0023_reminder_opt_outs_history")]
DRAFT = "A/C.3/81/L.19"


@pytest.fixture
def old_apps():
    """The models as they stood at 0023, on a database migrated back to it."""
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_0024)
    yield executor.loader.project_state(BEFORE_0024).apps
    call_command("migrate", verbosity=0)  # back to the latest, whatever the test did


def _deliverable(apps, symbol: str, *, draft=None):
    body = apps.get_model("mandates", "Body").objects.get(code="GA")
    resolution, _ = apps.get_model("mandates", "Resolution").objects.get_or_create(
        symbol=symbol, defaults={"body": body, "number": symbol.rsplit("/", 1)[-1]}
    )
    mandate = apps.get_model("mandates", "Mandate").objects.create(
        resolution=resolution, paragraph_label="2", verb="Requests"
    )
    return apps.get_model("mandates", "Deliverable").objects.create(
        mandate=mandate, kind="report", title="Report", draft=draft
    )


def _comment(apps, deliverable, text: str, *, author=None, at: datetime):
    Comment = apps.get_model("mandates", "Comment")
    comment = Comment.objects.create(deliverable=deliverable, author=author, text=text)
    Comment.objects.filter(pk=comment.pk).update(created_at=at)
    return comment.pk


def test_copies_made_before_the_upgrade_are_linked_where_sure(old_apps):
    """Linked: a copy whose original is on the draft's deliverable with the same author, time
    and words (also when the author's account is gone). Left alone: a copy whose original
    was edited since, a note typed like a copy, a copy of one of two identical notes, and a
    copy on a deliverable no longer linked to its draft. The adopted text whose only
    comments are linked copies can then be deleted; the others still cannot."""
    from mandates.models import Comment, Resolution

    officer = old_apps.get_model("auth", "User").objects.create(username="officer")
    at = [datetime(2026, 11, day, 9, 30, 15, 123456, tzinfo=UTC) for day in range(1, 8)]
    draft = _deliverable(old_apps, DRAFT)
    adopted = _deliverable(old_apps, "A/RES/81/412", draft=draft)
    unlinked = _deliverable(old_apps, "A/RES/81/412")
    sure = {  # original: its copy
        _comment(old_apps, draft, "Outline agreed.", author=officer, at=at[0]): _comment(
            old_apps, adopted, f"[on draft {DRAFT}] Outline agreed.", author=officer, at=at[0]
        ),
        _comment(old_apps, draft, "No author now.", at=at[1]): _comment(
            old_apps, adopted, f"[on draft {DRAFT}] No author now.", at=at[1]
        ),
    }
    edited = _comment(old_apps, draft, "Before edit.", author=officer, at=at[2])
    twins = [_comment(old_apps, draft, "Twice.", author=officer, at=at[3]) for _ in range(2)]
    uncertain = [
        _comment(old_apps, adopted, f"[on draft {DRAFT}] Before edit.", author=officer, at=at[2]),
        _comment(old_apps, adopted, f"[on draft {DRAFT}] Typed by hand.", author=officer, at=at[4]),
        _comment(old_apps, adopted, f"[on draft {DRAFT}] Twice.", author=officer, at=at[3]),
        _comment(
            old_apps, unlinked, f"[on draft {DRAFT}] Outline agreed.", author=officer, at=at[0]
        ),
    ]
    old_apps.get_model("mandates", "Comment").objects.filter(pk=edited).update(text="Changed.")
    # a second adopted text whose draft's only comment was copied: deletable once linked
    other_draft = _deliverable(old_apps, "A/C.3/81/L.20")
    other = _deliverable(old_apps, "A/RES/81/413", draft=other_draft)
    old_apps.get_model("mandates", "Resolution").objects.filter(symbol="A/C.3/81/L.20").update(
        status="superseded", superseded_by=other.mandate.resolution
    )
    other_note = _comment(old_apps, other_draft, "Fine.", author=officer, at=at[5])
    _comment(old_apps, other, "[on draft A/C.3/81/L.20] Fine.", author=officer, at=at[5])

    call_command("migrate", verbosity=0)

    linked = dict(
        Comment.objects.filter(copied_from__isnull=False).values_list("pk", "copied_from_id")
    )
    assert {copy: original for original, copy in sure.items()}.items() <= linked.items()
    assert not set(uncertain) & set(linked) and not set(twins) & set(linked)
    assert len(linked) == 3  # the two sure copies and the other text's
    with pytest.raises(ProtectedError):  # people's comments (the uncertain ones) keep it
        Resolution.objects.get(symbol="A/RES/81/412").delete()
    Resolution.objects.get(symbol="A/RES/81/413").delete()
    assert Comment.objects.get(pk=other_note).text == "Fine."
    assert Resolution.objects.get(symbol="A/C.3/81/L.20").status == "draft"
