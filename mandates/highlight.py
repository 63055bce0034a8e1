"""Show the evidence: a paragraph's text with the quoted words marked.

Shown without bidirectional controls (`BIDI_CONTROLS`): a paragraph printed with U+202E or
an isolate around a word would show that word reversed or moved, unseen, on every page and
admin page that quotes it. The stored text keeps them (it is the evidence, and the spans
index it); the JSON API gives it exactly as stored.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .extraction.cleaning import without_bidi_controls


def highlight(text: str, ranges: Iterable[tuple[int, int, str]]) -> SafeString:
    """Escape ``text`` and wrap each (start, end, title) range in <mark>; overlaps merge;
    bidirectional controls left out (after the ranges, which index the text as stored)."""
    spans = sorted((max(0, s), min(len(text), e), t) for s, e, t in ranges if e > s)
    parts: list[str] = []
    cursor = 0
    for start, end, title in spans:
        if end <= cursor:
            continue
        start = max(start, cursor)
        parts.append(conditional_escape(without_bidi_controls(text[cursor:start])))
        parts.append(
            format_html(
                '<mark title="{}">{}</mark>',
                without_bidi_controls(title),
                without_bidi_controls(text[start:end]),
            )
        )
        cursor = end
    parts.append(conditional_escape(without_bidi_controls(text[cursor:])))
    # Every part above is escaped or built with format_html.
    return mark_safe("".join(str(part) for part in parts))


def quote_range(
    paragraph_text: str,
    paragraph_start: int | None,
    quote: str,
    span: tuple[int | None, int | None],
) -> tuple[int, int] | None:
    """Where the quote sits in the paragraph: by span when it fits, else by search."""
    start, end = span
    if paragraph_start is not None and start is not None and end is not None:
        local = (start - paragraph_start, end - paragraph_start)
        if (
            0 <= local[0] < local[1] <= len(paragraph_text)
            and paragraph_text[local[0] : local[1]] == quote
        ):
            return local
    if quote:
        found = paragraph_text.find(quote)
        if found >= 0:
            return found, found + len(quote)
    return None


def paragraphs_with_evidence(paragraphs: Iterable, deliverables: Iterable) -> list[dict]:
    """Each paragraph with its deliverables' evidence marked and the deliverables listed.

    Deliverables are matched to a paragraph by their mandate's paragraph, else by its
    label ("7(h)"); nothing is queried here.
    """
    by_id: dict[int, list] = {}
    by_label: dict[str, list] = {}
    for item in deliverables:
        if item.mandate.paragraph_id is not None:
            by_id.setdefault(item.mandate.paragraph_id, []).append(item)
        else:
            by_label.setdefault(item.mandate.paragraph_label, []).append(item)
    blocks = []
    for paragraph in paragraphs:
        items = by_id.get(paragraph.pk, []) + by_label.get(paragraph.number, [])
        ranges = []
        for item in items:
            found = quote_range(
                paragraph.text, paragraph.span_start, item.quote, (item.span_start, item.span_end)
            )
            if found:
                ranges.append((*found, item.title or item.get_kind_display()))
        blocks.append(
            {
                "paragraph": paragraph,
                "text": highlight(paragraph.text, ranges),
                "deliverables": items,
            }
        )
    return blocks


def deliverable_evidence(deliverable) -> SafeString:
    """The deliverable's source paragraph with its quote marked, or the bare quote marked
    when the paragraph is unknown (needs ``mandate__paragraph`` loaded)."""
    paragraph = deliverable.mandate.paragraph
    if paragraph is None:
        return (
            format_html("<mark>{}</mark>", without_bidi_controls(deliverable.quote))
            if deliverable.quote
            else mark_safe("")
        )
    found = quote_range(
        paragraph.text,
        paragraph.span_start,
        deliverable.quote,
        (deliverable.span_start, deliverable.span_end),
    )
    return highlight(paragraph.text, [(*found, "evidence")] if found else [])
