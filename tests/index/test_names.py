"""The in-memory name index against brute force over every name ever added."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscollate.index.candidates import NAME_BUCKET, WINDOW_DAYS
from newscollate.index.names import NameIndex


def _window(
    carried: list[tuple[int, int, int | None]], name: int, day: int | None
) -> list[tuple[int, int | None]] | None:
    found = sorted(
        (row, d)
        for n, row, d in carried
        if n == name and (day is None or d is None or abs(d - day) <= WINDOW_DAYS)
    )
    return None if len(found) > NAME_BUCKET else found


@given(
    st.integers(0, 2**32 - 1),
    st.lists(st.integers(1, 60), min_size=1, max_size=10),
    st.sampled_from([2, 30, 400]),
    st.sampled_from([(1, 20), (738_000, 738_060), (3_652_050, 3_652_059)]),
)
def test_windows_and_counts_match_brute_force(
    seed: int, batches: list[int], names: int, days: tuple[int, int]
) -> None:
    """Few names over a few days crowd their windows past NAME_BUCKET, many names
    leave most windows small; a tenth of the articles are undated (in every window,
    and every day is in theirs); rows skip numbers, as exact copies get no names;
    the day ranges reach both ends of what a day number can be."""
    rng = random.Random(seed)
    index = NameIndex()
    carried: list[tuple[int, int, int | None]] = []
    row = 0
    for size in batches:
        rows, dates, ids = [], [], []
        for _ in range(size):
            row += rng.choice([1, 1, 3])
            day = None if rng.random() < 0.1 else rng.randint(*days)
            mine = sorted(rng.sample(range(1, names + 1), min(names, rng.randint(0, 6))))
            rows.append(row)
            dates.append(day)
            ids.append(np.array(mine, np.int64))
        queries = [(n, d) for mine, d in zip(ids, dates, strict=True) for n in mine.tolist()]
        got = index.windows(queries)
        for (name, day), window in zip(queries, got, strict=True):
            expected = _window(carried, name, day)
            assert (None if window is None else sorted(window)) == expected
        for name in range(1, names + 1):
            assert index.count(name) == sum(n == name for n, _, _ in carried)
        index.add(rows, dates, ids)
        carried += [
            (n, r, d) for r, d, mine in zip(rows, dates, ids, strict=True) for n in mine.tolist()
        ]
    assert len(index) == len(carried)


def test_rows_must_ascend_and_names_come_in_order() -> None:
    index = NameIndex()
    index.learn([(1, "kharkiv", 3), (2, "bellmoor", 2)])
    assert index.ids == {"kharkiv": 1, "bellmoor": 2} and index.weights == [0, 3, 2]
    with pytest.raises(ValueError, match="name number 4, expected 3"):
        index.learn([(4, "ostrava", 3)])
    index.add([5], [None], [np.array([1, 2], np.int64)])
    with pytest.raises(ValueError, match="rows must ascend after row 5"):
        index.add([5], [None], [np.array([1], np.int64)])
