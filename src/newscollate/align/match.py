"""One-to-one sentence matching that allows any reordering.

News rewrites move paragraphs, so an order-preserving alignment (Gale-Church,
Needleman-Wunsch, bertalign's) misses exactly the moves we want to show. We
instead take the maximum-weight matching over links scoring at least the
threshold: the Hungarian algorithm, O(n^3) on one story's n sentences.
``brute_force_matching`` is the reference it is tested against.
"""

from __future__ import annotations

from itertools import permutations

import numpy as np
import numpy.typing as npt
from scipy.optimize import linear_sum_assignment

Links = list[tuple[int, int]]


def best_matching(scores: npt.NDArray[np.floating], threshold: float) -> Links:
    """The set of (i, j) links, each row and column used at most once, with
    ``scores[i, j] >= threshold``, that maximises the sum of their scores.

    Ties are broken deterministically by scipy's solver on the given order.
    """
    if scores.size == 0:
        return []
    weights = np.where(scores >= threshold, scores, 0.0)
    rows, cols = linear_sum_assignment(weights, maximize=True)
    return sorted(
        (int(i), int(j)) for i, j in zip(rows, cols, strict=True) if scores[i, j] >= threshold
    )


def matching_weight(scores: npt.NDArray[np.floating], links: Links) -> float:
    return float(sum(scores[i, j] for i, j in links))


def brute_force_matching(scores: npt.NDArray[np.floating], threshold: float) -> Links:
    """Try every partial injection of rows into columns; for tests on small inputs."""
    n, m = scores.shape
    best: Links = []
    best_weight = 0.0
    transpose = n > m
    grid = scores.T if transpose else scores
    rows, cols = grid.shape
    for perm in permutations(range(cols), rows):
        links = [(i, j) for i, j in enumerate(perm) if grid[i, j] >= threshold]
        weight = sum(float(grid[i, j]) for i, j in links)
        if weight > best_weight + 1e-9:
            best, best_weight = links, weight
    if transpose:
        best = [(j, i) for i, j in best]
    return sorted(best)
