"""Every candidate pair is verified before it becomes a link, and the link says why.

Copies are verified on their words, exactly: the same normalised text is
``exact``; word-shingle Jaccard at or above ``NEAR_JACCARD``, or a shorter text
whose shingles are almost all inside the longer one (a trimmed copy), is
``near-duplicate``. Below that, two kinds of evidence decide, cheapest first:

- shared wording: a fifth of the word 5-shingles in common (``REWRITE_SURE_JACCARD``)
  between articles published within ``REWRITE_DAYS`` is reuse, not chance, so it is a
  ``rewrite`` outright; less shared wording, or as much further apart, is a rewrite
  only when the names agree too. A topic's stock phrases are shared by reports of
  different events, their people and places are not, and templated reports (fires,
  results, earnings) share a fifth of their wording with every report of their kind:
  at a million generated articles, wording alone at any distance joined reports of
  fires months apart, and the chains of such links merged thousands of stories;
- shared names: the cosine of the two articles' names weighted by their rarity in
  English (see ``index.candidates.name_cosine``). At ``NAMES_SURE`` it is ``same-story``
  (or ``rewrite`` when some wording is shared); between ``NAMES_MAYBE`` and there,
  names alone cannot tell one event from two on one topic, and for articles
  published within ``MODEL_DAYS`` of each other the model decides, on the cosine
  of their titles and openings, with a bar that rises with the days between them
  and falls as more of their names agree (``ModelBar``).

So the transformer runs only on the pairs the cheap evidence leaves open, which
keeps story finding at corpus speed: on generated corpora those are a few per cent
of the candidate pairs (bench/bench_stories.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from newscollate.cluster import LinkRelation, UnionFind
from newscollate.config import Settings
from newscollate.index.candidates import MODEL_DAYS, NAMES_MAYBE
from newscollate.index.minhash import containment, jaccard

__all__ = ["ModelBar", "Pair", "Verifier"]

NEAR_JACCARD = 0.5
TRIM_CONTAINMENT = 0.8
REWRITE_MIN_JACCARD = 0.08
REWRITE_MIN_CONTAINMENT = 0.2
REWRITE_SURE_JACCARD = 0.2
# Outlets rework a report within its news cycle; a week covers it with room to spare.
REWRITE_DAYS = 7
NAMES_SURE = 0.55
COSINE_PER_DAY = 0.05  # see ModelBar
# With every article embedded (Verifier(model_for_all=True)), names below NAMES_MAYBE
# still speak when both articles give at least NAMES_ENOUGH of them: sharing almost
# none (cosine under NAMES_DISAGREE) they report two events, however alike they read
# (two factory fires in two towns); the model decides only where names are few.
NAMES_DISAGREE = 0.1
NAMES_ENOUGH = 5


@dataclass(frozen=True, slots=True)
class Pair:
    a: int  # the older article's row
    b: int


class Lookup(Protocol):
    def get(
        self, row: int
    ) -> tuple[str, npt.NDArray[np.uint64], npt.NDArray[np.uint64], str, int | None]: ...

    def load(self, rows: Iterable[int]) -> None: ...

    def name_cosine(self, a: int, b: int) -> float: ...

    def name_count(self, row: int) -> int: ...

    def story(self, row: int) -> int: ...

    def vectors(self, rows: Sequence[int]) -> npt.NDArray[np.float32]: ...


def _names_disagree(names: float, pair: Pair, lookup: Lookup) -> bool:
    enough = min(lookup.name_count(pair.a), lookup.name_count(pair.b)) >= NAMES_ENOUGH
    return names < NAMES_DISAGREE and enough


@dataclass(frozen=True, slots=True)
class ModelBar:
    """The cosine of titles and openings a pair whose names are ambiguous must reach
    to be one story, for pairs published at most ``MODEL_DAYS`` apart: ``cosine``,
    plus ``COSINE_PER_DAY`` for every day between them, minus ``names_credit`` for
    every unit of name cosine above ``NAMES_MAYBE``.

    Reports of one event written independently share meaning, not words; reports of
    two events on one topic say similar things too, and the further apart they are,
    the likelier they are two; the more of the same rare names they give, the
    likelier they are one. The defaults (``Settings``') were set on the SemEval-2022 English dev
    pairs, the generated corpora and, looked at, BASIL's dev split; at 0.65 with no
    credit, half of SemEval's same-story pairs were missed. ``Settings`` carries
    them (``same_story_cosine``, ``names_credit``) so a corpus can be calibrated:
    ``bench/stories_crossval.py`` chooses them on held-out events
    (docs/evaluation.md).
    """

    cosine: float
    names_credit: float

    @classmethod
    def of(cls, settings: Settings) -> ModelBar:
        return cls(settings.same_story_cosine, settings.names_credit)

    def at(self, gap_days: int, names: float) -> float:
        return self.cosine + COSINE_PER_DAY * gap_days - self.names_credit * (names - NAMES_MAYBE)


class Verifier:
    """``model_for_all``: every pair published within ``MODEL_DAYS`` that the cheap
    evidence leaves open goes to the model, unless many names disagree
    (``Settings.embed_all``, where every article has its vector anyway); otherwise
    only pairs whose names agree somewhat do."""

    def __init__(self, *, model_for_all: bool = False, bar: ModelBar | None = None) -> None:
        self.model_for_all = model_for_all
        self.bar = bar or ModelBar.of(Settings())

    def verify(
        self, pairs: Sequence[Pair], lookup: Lookup
    ) -> list[tuple[int, int, LinkRelation, float]]:
        links: list[tuple[int, int, LinkRelation, float]] = []
        to_score: list[tuple[Pair, LinkRelation, float]] = []
        lookup.load({r for pair in pairs for r in (pair.a, pair.b)})
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
                continue
            if inside >= TRIM_CONTAINMENT:
                links.append((pair.a, pair.b, "near-duplicate", round(inside, 4)))
                continue
            day_a, day_b = lookup.get(pair.a)[4], lookup.get(pair.b)[4]
            gap = 0 if day_a is None or day_b is None else abs(day_a - day_b)
            if overlap >= REWRITE_SURE_JACCARD and gap <= REWRITE_DAYS:
                links.append((pair.a, pair.b, "rewrite", round(overlap, 4)))
                continue
            names = lookup.name_cosine(pair.a, pair.b)
            worded = overlap >= REWRITE_MIN_JACCARD or inside >= REWRITE_MIN_CONTAINMENT
            relation: LinkRelation = "rewrite" if worded else "same-story"
            if names >= NAMES_SURE:
                links.append((pair.a, pair.b, relation, round(names, 4)))
            elif gap <= MODEL_DAYS and (
                names >= NAMES_MAYBE
                or (self.model_for_all and not _names_disagree(names, pair, lookup))
            ):
                to_score.append((pair, relation, self.bar.at(gap, names)))
        # a pair already joined, through stored stories or this batch's sure links,
        # needs no model: its link would not change a story
        joined = UnionFind()
        for a, b, _, _ in links:
            joined.union(lookup.story(a), lookup.story(b))
        to_score = [
            t
            for t in to_score
            if joined.find(lookup.story(t[0].a)) != joined.find(lookup.story(t[0].b))
        ]
        return links + self._scored(to_score, lookup)

    def _scored(
        self, to_score: Sequence[tuple[Pair, LinkRelation, float]], lookup: Lookup
    ) -> list[tuple[int, int, LinkRelation, float]]:
        links: list[tuple[int, int, LinkRelation, float]] = []
        if to_score:
            rows = sorted({r for p, _, _ in to_score for r in (p.a, p.b)})
            vectors = dict(zip(rows, lookup.vectors(rows), strict=True))
            for pair, relation, bar in to_score:
                cosine = float(np.clip(vectors[pair.a] @ vectors[pair.b], 0.0, 1.0))
                if cosine >= bar:
                    links.append((pair.a, pair.b, relation, round(cosine, 4)))
        return links
