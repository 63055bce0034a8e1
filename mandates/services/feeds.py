"""Deliverables to iCalendar (RFC 5545) documents. (Rendering follows in the next commit.)"""

from __future__ import annotations


def feeds_publish_affected(*, deliverable_ids: list[int], session_ids: list[int]) -> int:
    """Re-render the feeds these changes affect into the cache; returns how many."""
    return 0
