"""Which request of one version of a text is which of another: by its words first, so a
request renumbered, moved or reworded keeps its row (and what people decided on it)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from typing import TypeVar

# Two quotes this similar (0-1, over words) may be the same request reworded.
MIN_WORD_SIMILARITY = 0.6
# What each shared field (the same paragraph, actor, kind) adds to a pair's score.
SAME_FIELD_BONUS = 0.15

Old = TypeVar("Old")
New = TypeVar("New")


def quote_words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def pairs_by_words(
    olds: Sequence[Old],
    news: Sequence[New],
    *,
    old_quote: Callable[[Old], str],
    new_quote: Callable[[New], str],
    same: Callable[[Old, New], tuple[bool, ...]],
    required: Callable[[Old, New], bool] = lambda old, new: True,
) -> list[tuple[int, int]]:
    """(old index, new index) pairs, best first: similar words, then shared fields
    (``same``). A pair needs ``required``, and words at least MIN_WORD_SIMILARITY alike
    unless every shared field holds; each item pairs at most once. Ties go to the earlier
    items, so repeated requests pair in order."""
    old_words = [quote_words(old_quote(old)) for old in olds]
    scored: list[tuple[float, int, int]] = []
    matcher = difflib.SequenceMatcher(None)
    for j, new in enumerate(news):
        words = quote_words(new_quote(new))
        matcher.set_seq2(words)  # the side SequenceMatcher indexes, once per new item
        for i, old in enumerate(olds):
            if not required(old, new):
                continue
            matcher.set_seq1(old_words[i])
            shared = same(old, new)
            if not all(shared) and (
                matcher.real_quick_ratio() < MIN_WORD_SIMILARITY
                or matcher.quick_ratio() < MIN_WORD_SIMILARITY
            ):
                continue  # their bounds already rule it out: spare the full comparison
            similarity = 1.0 if old_words[i] == words else matcher.ratio()
            if similarity < MIN_WORD_SIMILARITY and not all(shared):
                continue
            scored.append((similarity + SAME_FIELD_BONUS * sum(shared), i, j))
    scored.sort(key=lambda row: (-row[0], row[1], row[2]))
    pairs: list[tuple[int, int]] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    for _, i, j in scored:
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        pairs.append((i, j))
    return pairs


def pairs_keyed_then_by_words(
    olds: Sequence[Old],
    news: Sequence[New],
    *,
    old_key: Callable[[Old], tuple],
    new_key: Callable[[New], tuple],
    old_quote: Callable[[Old], str],
    new_quote: Callable[[New], str],
    same: Callable[[Old, New], tuple[bool, ...]],
) -> list[tuple[int, int]]:
    """Pairs of items with the same key (actor, kind: no paragraph number). Those with the
    same words too pair in order first, wherever they are numbered (a new version mostly
    repeats the old one, and a request that moved is itself, not the request that took its
    number); ``pairs_by_words`` pairs the rest."""
    if not olds or not news:
        return []  # nothing to pair: spare the keys (a new text has no stored rows)
    old_keys = [old_key(old) for old in olds]
    new_keys = [new_key(new) for new in news]
    waiting: dict[tuple, list[int]] = {}
    for i, old in enumerate(olds):
        waiting.setdefault((*old_keys[i], *quote_words(old_quote(old))), []).append(i)
    pairs: list[tuple[int, int]] = []
    left_news: list[int] = []
    for j, new in enumerate(news):
        found = waiting.get((*new_keys[j], *quote_words(new_quote(new))))
        if found:
            pairs.append((found.pop(0), j))
        else:
            left_news.append(j)
    paired_old = {i for i, _ in pairs}
    left_olds = [i for i in range(len(olds)) if i not in paired_old]
    if left_olds and left_news:
        more = pairs_by_words(
            left_olds,
            left_news,
            old_quote=lambda i: old_quote(olds[i]),
            new_quote=lambda j: new_quote(news[j]),
            same=lambda i, j: same(olds[i], news[j]),
            required=lambda i, j: old_keys[i] == new_keys[j],
        )
        pairs += [(left_olds[i], left_news[j]) for i, j in more]
    return pairs
