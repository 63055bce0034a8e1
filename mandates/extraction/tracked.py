"""Both readings of a Word file with tracked changes, kept where they conflict.

A resolution circulated as a .docx often still carries tracked changes ("at its
sixty-second session" deleted, "sixty-fifth" inserted). The readers give the text with the
changes accepted and the text before them; both are extracted and compared here, the way
a tracked-changes dump is read (see ../shared/seeds/A_HRC_RES_59_3.txt and its gold file):
the accepted reading is the result, and where the earlier reading differs the earlier
deadline is kept among the deliverable's ``alternatives`` and the deliverable is flagged
for review with the reason. Nothing is silently picked.
"""

from __future__ import annotations

import difflib
import re

from mandates.extraction.result import Deliverable, Due, ExtractionResult

__all__ = ["merge_tracked_readings"]

MIN_WORD_SIMILARITY = 0.6
QUOTE_SHOWN = 200
PREFIX = "tracked changes"


def merge_tracked_readings(result: ExtractionResult, before: ExtractionResult) -> None:
    """Fold the reading before the tracked changes (``before``) into ``result``."""
    pairs, added, deleted = _pair(result.deliverables, before.deliverables)
    for new, old in pairs:
        _compare(new, old)
    for new in added:
        _flag(new, f"{PREFIX}: added by a tracked change (not in the text before the changes)")
    for old in deleted:
        result.warnings.append(
            f"{PREFIX}: a {old.kind} asked of {old.actor or old.actor_text} in para. "
            f"{old.paragraph} was deleted by a tracked change: \u201c{_clip(old.quote)}\u201d"
        )
    _compare_consideration(result, before)
    for name in ("symbol", "session", "title"):
        now, then = getattr(result, name), getattr(before, name)
        if then is not None and now != then:
            result.warnings.append(f"{PREFIX}: the {name} read {then!r} before the changes")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _key(item: Deliverable) -> tuple[str, str, str]:
    return (item.paragraph, item.actor or item.actor_text, item.kind)


def _pair(
    new_items: list[Deliverable], old_items: list[Deliverable]
) -> tuple[list[tuple[Deliverable, Deliverable]], list[Deliverable], list[Deliverable]]:
    """Same paragraph, actor and kind first (in order); the rest by similar words."""
    pairs: list[tuple[Deliverable, Deliverable]] = []
    waiting: dict[tuple, list[Deliverable]] = {}
    for old in old_items:
        waiting.setdefault(_key(old), []).append(old)
    unpaired_new = []
    for new in new_items:
        queue = waiting.get(_key(new))
        if queue:
            pairs.append((new, queue.pop(0)))
        else:
            unpaired_new.append(new)
    unpaired_old = [old for queue in waiting.values() for old in queue]
    scored = []
    for i, new in enumerate(unpaired_new):
        for j, old in enumerate(unpaired_old):
            ratio = difflib.SequenceMatcher(None, _words(new.quote), _words(old.quote)).ratio()
            if ratio >= MIN_WORD_SIMILARITY:
                scored.append((-ratio, i, j))
    used_new, used_old = set(), set()
    for _, i, j in sorted(scored):
        if i in used_new or j in used_old:
            continue
        used_new.add(i)
        used_old.add(j)
        pairs.append((unpaired_new[i], unpaired_old[j]))
    added = [new for i, new in enumerate(unpaired_new) if i not in used_new]
    deleted = [old for j, old in enumerate(unpaired_old) if j not in used_old]
    return pairs, added, deleted


def _compare(new: Deliverable, old: Deliverable) -> None:
    readings = [due for due in (old.due, *old.alternatives) if due is not None]
    known = [new.due, *new.alternatives]
    earlier = [due for due in readings if due not in known]
    if earlier:
        new.alternatives = [*new.alternatives, *earlier]
        shown = " or ".join(_show(due) for due in readings)
        _flag(new, f"{PREFIX}: before the changes the deadline read {shown}")
    elif new.due is not None and old.due is None:
        _flag(new, f"{PREFIX}: the deadline ({_show(new.due)}) was added by a tracked change")
    differences = [
        f"{name} {getattr(old, name)!r}"
        for name in ("kind", "count", "actor", "recurring")
        if getattr(old, name) != getattr(new, name)
    ]
    if differences or (not earlier and _words(old.quote) != _words(new.quote)):
        _flag(
            new,
            f"{PREFIX}: before the changes this read \u201c{_clip(old.quote)}\u201d"
            + (f" ({', '.join(differences)})" if differences else ""),
        )


def _compare_consideration(result: ExtractionResult, before: ExtractionResult) -> None:
    now, then = result.consideration, before.consideration
    if now is None or then is None:
        return
    earlier = [n for n in (then.session, *then.alternatives) if n is not None]
    extra = [n for n in earlier if n != now.session and n not in now.alternatives]
    if extra:
        now.alternatives = [*now.alternatives, *extra]
        now.needs_review = True


def _show(due: Due) -> str:
    parts = []
    if due.session is not None:
        parts.append(f"{due.relation or 'at'} {due.body or ''} session {due.session}".strip())
    if due.date is not None:
        parts.append(f"by {due.date.isoformat()}")
    return ", ".join(parts) or "no deadline"


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= QUOTE_SHOWN else text[: QUOTE_SHOWN - 1] + "\u2026"


def _flag(item: Deliverable, reason: str) -> None:
    item.needs_review = True
    if reason not in item.review_reasons:
        item.review_reasons.append(reason)
