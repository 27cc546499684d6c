"""The matching core against brute force (RapidFuzz's habit: fast code vs a naive reference)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from newscollate.align.match import best_matching, brute_force_matching, matching_weight

scores = st.tuples(st.integers(1, 5), st.integers(1, 5)).flatmap(
    lambda shape: arrays(np.float64, shape, elements=st.floats(0, 1, allow_nan=False, width=32))
)


@settings(max_examples=300, deadline=None)
@given(scores, st.floats(0.05, 0.95))
def test_matching_is_optimal(matrix: np.ndarray, threshold: float) -> None:
    """The Hungarian matching reaches the brute-force maximum weight."""
    fast = best_matching(matrix, threshold)
    slow = brute_force_matching(matrix, threshold)
    assert abs(matching_weight(matrix, fast) - matching_weight(matrix, slow)) < 1e-6


@settings(max_examples=200, deadline=None)
@given(scores, st.floats(0.05, 0.95))
def test_matching_is_one_to_one_and_above_threshold(matrix: np.ndarray, threshold: float) -> None:
    links = best_matching(matrix, threshold)
    assert len({i for i, _ in links}) == len(links) == len({j for _, j in links})
    assert all(matrix[i, j] >= threshold for i, j in links)


def test_reordering_is_found() -> None:
    """Two paragraphs swapped: the matching follows content, not position."""
    matrix = np.array([[0.1, 0.9], [0.8, 0.2]])
    assert best_matching(matrix, 0.5) == [(0, 1), (1, 0)]
