"""Every candidate pair is verified before it becomes a link, and the link says why.

Copies are verified on their words, exactly: the same normalised text is
``exact``; word-shingle Jaccard at or above ``NEAR_JACCARD``, or a shorter text
whose shingles are almost all inside the longer one (a trimmed copy), is
``near-duplicate``. Pairs that share some wording, or rare names within the time
window, are scored on their titles and leads with the sentence scorer's blend
(``Settings.semantic_weight`` of embedding cosine, the rest content-word Dice,
as ``compare`` scores sentences); a shared-wording pair that scores high enough
is a ``rewrite``, a pair that shares only names needs a higher score and at
least ``MIN_SHARED_NAMES`` names to be ``same-story``: two fires in two towns
share a topic and its words, rarely its people and places.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from newscollate.cluster import LinkRelation
from newscollate.config import Settings
from newscollate.index.minhash import containment, jaccard
from newscollate.ingest.normalize import fold
from newscollate.represent.lexical import content_tokens, dice

__all__ = ["Pair", "Verifier"]

NEAR_JACCARD = 0.5
TRIM_CONTAINMENT = 0.8
REWRITE_MIN_JACCARD = 0.08
REWRITE_MIN_CONTAINMENT = 0.2
REWRITE_SCORE = 0.45
REWRITE_SURE_JACCARD = 0.2
SAME_STORY_SCORE = 0.55
MIN_SHARED_NAMES = 2
# Many shared names make a weaker lead score enough: reports of one event written
# independently lead differently, but they name the same people and places.
NAMES_OVERLAP = 0.3  # shared names / names of the article with fewer
NAMES_MIN = 3
NAMES_COSINE = 0.5


@dataclass(frozen=True, slots=True)
class Pair:
    a: int
    b: int
    why: frozenset[str]  # hash, minhash, lead, names


class Lookup(Protocol):
    def get(
        self, row: int
    ) -> tuple[str, npt.NDArray[np.uint64], npt.NDArray[np.uint64], str, int | None]: ...

    def names(self, row: int) -> frozenset[str]: ...

    def vectors(self, rows: Sequence[int]) -> npt.NDArray[np.float32]: ...


class Verifier:
    def __init__(self, settings: Settings) -> None:
        self.weight = settings.semantic_weight

    def verify(
        self, pairs: Sequence[Pair], lookup: Lookup
    ) -> list[tuple[int, int, LinkRelation, float]]:
        links: list[tuple[int, int, LinkRelation, float]] = []
        to_score: list[tuple[Pair, LinkRelation]] = []
        for pair in pairs:
            hash_a, shingles_a, _, _, _ = lookup.get(pair.a)
            hash_b, shingles_b, _, _, _ = lookup.get(pair.b)
            if hash_a == hash_b:
                links.append((pair.a, pair.b, "exact", 1.0))
                continue
            overlap = jaccard(shingles_a, shingles_b)
            short, long = sorted((shingles_a, shingles_b), key=len)
            inside = containment(short, long) if len(short) else 0.0
            if overlap >= NEAR_JACCARD:
                links.append((pair.a, pair.b, "near-duplicate", round(overlap, 4)))
            elif inside >= TRIM_CONTAINMENT:
                links.append((pair.a, pair.b, "near-duplicate", round(inside, 4)))
            elif (overlap >= REWRITE_MIN_JACCARD or inside >= REWRITE_MIN_CONTAINMENT) and (
                overlap >= REWRITE_SURE_JACCARD or lookup.names(pair.a) & lookup.names(pair.b)
            ):  # low overlap alone can be a topic's stock phrases; a rewrite keeps its names
                to_score.append((pair, "rewrite"))
            elif (
                "names" in pair.why
                and len(lookup.names(pair.a) & lookup.names(pair.b)) >= MIN_SHARED_NAMES
            ):
                to_score.append((pair, "same-story"))
        return links + self._scored(to_score, lookup)

    def _scored(
        self, to_score: Sequence[tuple[Pair, LinkRelation]], lookup: Lookup
    ) -> list[tuple[int, int, LinkRelation, float]]:
        links: list[tuple[int, int, LinkRelation, float]] = []
        if to_score:
            rows = sorted({r for p, _ in to_score for r in (p.a, p.b)})
            vectors = dict(zip(rows, lookup.vectors(rows), strict=True))
            tokens = {r: content_tokens(fold(lookup.get(r)[3])) for r in rows}
            for pair, relation in to_score:
                cosine = float(np.clip(vectors[pair.a] @ vectors[pair.b], 0.0, 1.0))
                score = self.weight * cosine + (1 - self.weight) * dice(
                    tokens[pair.a], tokens[pair.b]
                )
                needed = REWRITE_SCORE if relation == "rewrite" else SAME_STORY_SCORE
                if score >= needed or (
                    relation == "same-story"
                    and cosine >= NAMES_COSINE
                    and _names_agree(lookup.names(pair.a), lookup.names(pair.b))
                ):
                    links.append((pair.a, pair.b, relation, round(score, 4)))
        return links


def _names_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    shared = len(a & b)
    return shared >= NAMES_MIN and shared / max(1, min(len(a), len(b))) >= NAMES_OVERLAP
