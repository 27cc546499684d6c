"""What kind of sameness a row shows, from word-for-word to partial."""

from __future__ import annotations

from rapidfuzz import fuzz

from newscollate.align.diff import word_keys
from newscollate.models import GROUP_KINDS, GroupKind
from newscollate.represent.lexical import containment

NEAR_IDENTICAL_RATIO = 90.0
# One side is "partial" when it carries at most this share of the other's
# content words and nearly all of its own words are found there.
_PARTIAL_SIZE_RATIO = 0.6
_PARTIAL_CONTAINED = 0.5


def classify(
    text_a: str, text_b: str, words_a: frozenset[str], words_b: frozenset[str]
) -> GroupKind:
    """``identical`` (same words, trivial differences aside), ``near-identical``
    (a few words changed), ``partial`` (one side says only part of the other) or
    ``paraphrase`` (the same content in other words)."""
    keys_a, keys_b = word_keys(text_a), word_keys(text_b)
    if keys_a == keys_b:
        return "identical"
    if fuzz.ratio(" ".join(keys_a), " ".join(keys_b)) >= NEAR_IDENTICAL_RATIO:
        return "near-identical"
    small, large = sorted((words_a, words_b), key=len)
    if (
        large
        and len(small) / len(large) < _PARTIAL_SIZE_RATIO
        and containment(small, large) >= _PARTIAL_CONTAINED
    ):
        return "partial"
    return "paraphrase"


def weakest(kinds: list[GroupKind]) -> GroupKind:
    """The least close of several pairwise kinds: a row is only as close as its loosest pair."""
    return max(kinds, key=GROUP_KINDS.index)
