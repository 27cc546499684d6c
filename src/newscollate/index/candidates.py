"""The candidate rules: which pairs of articles story finding verifies.

Both engines (the embedded store and Spark) call these functions, so they find the
same candidates. Every rule is causal in the order articles were added (the
store's row number): what article ``a`` is paired with depends only on the
articles before it, never on how the input was cut into batches or partitions,
and a huge bucket costs a number of pairs that grows linearly with its size.

- A band bucket (articles whose MinHash signatures agree on one band) pairs each
  member with the bucket's first member and with the ``BUCKET_PREDECESSORS``
  members just before it: a bucket of up to ``BUCKET_PREDECESSORS + 1`` articles
  gives all its pairs; a wire story reprinted by thousands stays connected
  through its first copy and its neighbours without a million pairs.
- Names: an article is paired with at most ``NAME_NEIGHBOURS`` earlier articles
  published within ``WINDOW_DAYS``, those that share two or more of its names and
  whose weighted name cosine is highest (at least ``NAMES_MAYBE``). A name that
  more than ``NAME_BUCKET`` earlier articles carry, and more than one in
  ``NAME_SHARE`` of them (a capital city, a head of state), tells no stories apart
  and is left out, and so is a name more than ``NAME_BUCKET`` carry within the
  window: it would make every report on its topic a candidate of every other, and
  send them to the model.
- Meaning (only when every article is embedded, ``Settings.embed_all``): an article
  is paired with at most ``MEANING_NEIGHBOURS`` earlier articles published within
  ``MODEL_DAYS`` whose title-and-opening cosine is highest (at least
  ``MEANING_MAYBE``): an exact search over the time window, which holds a few days
  of a corpus, not all of it.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from newscollate.config import MIN_SAME_STORY_COSINE

__all__ = [
    "BUCKET_PREDECESSORS", "MEANING_MAYBE", "MEANING_NEIGHBOURS", "MODEL_DAYS", "NAMES_MAYBE",
    "NAME_BUCKET", "NAME_NEIGHBOURS", "NAME_SHARE", "WINDOW_DAYS", "NameCarriers", "bucket_pairs",
    "name_cosine", "name_norm", "nearest_by_meaning", "nearest_by_names", "older_in_window",
    "too_common",
]  # fmt: skip

BUCKET_PREDECESSORS = 63
# A name more than this many articles of a fortnight carry is, in a dense corpus, a
# word of the topic ("Union", "Council") or a busy town: at 1,400 articles a day
# (bench_stories --sizes 100000 --span-days 70), 256 let two strikes in one town in
# one week meet on them and the model join them (pair precision 0.971, 660
# articles/s; with 64: 0.996, 1,144/s; same-story recall 0.993 -> 0.989).
NAME_BUCKET = 64
NAME_SHARE = 400
NAME_NEIGHBOURS = 16
NAMES_MAYBE = 0.2  # the weighted name cosine below which names say nothing
WINDOW_DAYS = 7  # how far apart candidates from names may be published
MODEL_DAYS = 2  # how far apart two articles the model judges may be published
MEANING_NEIGHBOURS = 16
MEANING_MAYBE = MIN_SAME_STORY_COSINE  # the lowest bar the model may be given (ModelBar)

Name = TypeVar("Name", bound=Hashable)  # a name, or the number a store gives it


def bucket_pairs(members: Sequence[int], start: int = 0) -> Iterator[tuple[int, int]]:
    """Pairs (earlier, later) of one band bucket whose later member is at position
    ``start`` or after; ``members`` are the bucket's rows in order (the store passes
    the bucket's first member and the tail it needs, ``start`` pointing at the
    batch's first member; Spark passes whole buckets)."""
    first = members[0] if members else 0
    for i in range(max(start, 1), len(members)):
        b = members[i]
        low = max(0, i - BUCKET_PREDECESSORS)
        if low > 0:
            yield first, b
        for a in members[low:i]:
            yield a, b


def too_common(earlier: int, row: int) -> bool:
    """Whether a name that ``earlier`` articles before the one at ``row`` (rows count
    from 1) carry, at any date, tells no stories apart: more than ``NAME_BUCKET`` of
    them, and more than one in ``NAME_SHARE`` of all articles before it. The share
    keeps the rule the same as a corpus grows: a fixed count alone, right for a
    hundred thousand articles, silenced most town names at a million (two years of
    generated news), and same-story recall fell from 0.99 to 0.67."""
    return earlier > max(NAME_BUCKET, (row - 1) // NAME_SHARE)


class NameCarriers:
    """One name's carriers so far, by publication day, for the window searches of the
    articles after them."""

    def __init__(self) -> None:
        self.by_day: dict[int, list[int]] = defaultdict(list)
        self.undated: list[int] = []

    def add(self, row: int, day: int | None) -> None:
        (self.undated if day is None else self.by_day[day]).append(row)

    def in_window(self, day: int | None) -> list[int] | None:
        """The carriers published within ``WINDOW_DAYS`` of ``day`` (the undated are in
        every window, and every day is in an undated article's), or None when there
        are more than ``NAME_BUCKET``: in those days the name tells no stories apart."""
        if day is None:
            days = list(self.by_day.values())
        else:
            near = range(day - WINDOW_DAYS, day + WINDOW_DAYS + 1)
            days = [self.by_day[d] for d in near if d in self.by_day]
        if sum(map(len, days)) + len(self.undated) > NAME_BUCKET:
            return None
        return [r for rows in days for r in rows] + self.undated


def older_in_window(
    occurrences: Sequence[tuple[int, int | None]],
    carriers: NameCarriers | None = None,
    before: int = 0,
) -> Iterator[tuple[int, list[int]]]:
    """For the articles that carry one name, given as (row, day) in row order: each
    article's earlier articles with the name published within ``WINDOW_DAYS``, unless
    the name is ``too_common`` for it or crowds its window (``NameCarriers``). The
    store passes the ``before`` carriers it has counted and, in ``carriers``, those
    of them in its articles' windows; Spark passes every occurrence."""
    carriers = NameCarriers() if carriers is None else carriers
    for earlier, (row, day) in enumerate(occurrences, start=before):
        if not too_common(earlier, row):
            rows = carriers.in_window(day)
            if rows is not None:
                yield row, rows
        carriers.add(row, day)


def nearest_by_names(
    row: int,
    found: Iterable[tuple[Name, Sequence[int]]],
    weight: Mapping[Name, float],
    norms: Mapping[int, float],
) -> list[int]:
    """The earlier articles ``row`` is a name candidate of: ``found`` gives, per name
    of ``row``, the earlier articles in the window that carry it (as
    ``older_in_window`` or the store's query finds them; a name with more than
    ``NAME_BUCKET`` is ignored); ``weight`` is each name's rarity weight and
    ``norms`` each article's weighted name norm."""
    shared: dict[int, int] = defaultdict(int)
    dots: dict[int, float] = defaultdict(float)
    for name, rows in found:
        if len(rows) > NAME_BUCKET:
            continue
        w = weight[name] * weight[name]
        for other in rows:
            shared[other] += 1
            dots[other] += w
    scored = []
    for other, count in shared.items():
        denominator = norms[row] * norms[other]
        if count >= 2 and denominator:
            similarity = dots[other] / denominator
            if similarity >= NAMES_MAYBE:
                scored.append((-similarity, other))
    return [other for _, other in sorted(scored)[:NAME_NEIGHBOURS]]


def name_norm(weighted: Mapping[Name, float]) -> float:
    """The length of an article's weighted name vector."""
    return math.sqrt(sum(w * w for w in weighted.values()))


def name_cosine(
    names_a: Mapping[Name, float], names_b: Mapping[Name, float], norm_a: float, norm_b: float
) -> float:
    """Cosine of two articles' names weighted by their rarity in English: reports of
    one event name the same rare people and places; two events on one topic share
    common words and few rare names. The weights are fixed (``name_weight``), not
    learnt from the corpus, so a pair's verdict never depends on what came before
    it."""
    if len(names_b) < len(names_a):
        names_a, names_b = names_b, names_a
    dot = sum(w * w for n, w in names_a.items() if n in names_b)
    norms = norm_a * norm_b
    return dot / norms if norms else 0.0


def nearest_by_meaning(
    rows: Sequence[int],
    days: Sequence[int | None],
    vectors: npt.NDArray[np.float32],
    first_new: int,
) -> list[tuple[int, int]]:
    """Pairs (earlier, later) by meaning: ``rows`` in order with their publication
    days and unit vectors, the articles from position ``first_new`` on being the new
    ones; each new article gets its ``MEANING_NEIGHBOURS`` nearest earlier ones
    published within ``MODEL_DAYS`` (an undated article is in every window)."""
    if first_new >= len(rows):
        return []
    day = np.array([np.nan if d is None else d for d in days], dtype=np.float64)
    cosines = vectors[first_new:] @ vectors.T
    pairs = []
    for i in range(first_new, len(rows)):
        scores = cosines[i - first_new, :i]
        gap = np.abs(day[:i] - day[i])
        near = np.isnan(gap) | (gap <= MODEL_DAYS)
        eligible = np.flatnonzero(near & (scores >= MEANING_MAYBE))
        best = eligible[np.argsort(-scores[eligible], kind="stable")[:MEANING_NEIGHBOURS]]
        pairs += [(rows[j], rows[i]) for j in sorted(best.tolist())]
    return pairs
