"""Sorted runs against a plain list of every (key, row) pair added."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscollate.index import compiled, runs
from newscollate.index.runs import SortedRuns
from tests.index.engines import ENGINES

_INT64 = st.integers(-(2**63), 2**63 - 1)
# hashes spread over the whole range, its ends, and a few values repeated many times
_KEYS = st.one_of(_INT64, st.sampled_from([-(2**63), 2**63 - 1, -1, 0, 1, 7, 2**40]))


@given(
    st.lists(st.lists(_KEYS, max_size=60), min_size=1, max_size=10),
    st.lists(_KEYS, max_size=30),
    st.booleans(),
)
def test_locate_finds_every_pair_of_a_key(
    batches: list[list[int]], probes: list[int], hashed: bool
) -> None:
    """Per run, ``locate`` gives where a key's pairs begin and how many there are;
    over the runs, in order, they are the key's rows in the order added. Batches of
    many sizes make runs merge (in one pass, compiled; by a stable sort, without)."""
    for engine in ENGINES:
        with engine():
            runs = SortedRuns(hashed=hashed)
            added: list[tuple[int, int]] = []
            row = 0
            for batch in batches:
                rows = np.arange(row + 1, row + 1 + len(batch))
                runs.add(np.array(batch, np.int64), rows)
                added += zip(batch, rows.tolist(), strict=True)
                row += len(batch)
                assert len(runs) == len(added)
                for keys in runs.keys:
                    assert np.all(keys[1:] >= keys[:-1])
            wanted = np.unique(np.array(probes + [k for k, _ in added[::3]], np.int64))
            found = runs.locate(wanted)
            for i, key in enumerate(wanted.tolist()):
                rows_found = []
                for (low, count), keys, run_rows in zip(found, runs.keys, runs.rows, strict=True):
                    start, n = int(low[i]), int(count[i])
                    assert keys[start : start + n].tolist() == [key] * n
                    assert start + n == len(keys) or keys[start + n] != key
                    rows_found += run_rows[start : start + n].tolist()
                assert rows_found == [r for k, r in added if k == key]


@pytest.mark.parametrize(
    "keys",
    [
        np.random.default_rng(1).integers(-(2**63), 2**63 - 1, 5000, dtype=np.int64),  # hashes
        np.repeat(np.arange(2000, 0, -1, dtype=np.int64), 3),  # one range, descending: falls back
        np.zeros(700, np.int64),
    ],
    ids=["hashes", "one-range", "one-key"],
)
def test_a_run_is_sorted_stably_whatever_its_keys(keys: np.ndarray) -> None:
    rows = np.arange(len(keys), dtype=np.int32)
    order = np.argsort(keys, kind="stable")
    sorted_keys, sorted_rows = compiled.sort_run(keys.copy(), rows.copy())
    assert sorted_keys.tolist() == keys[order].tolist()
    assert sorted_rows.tolist() == rows[order].tolist()


@given(st.lists(_KEYS, max_size=300))
def test_the_directory_is_where_each_range_begins(keys: list[int]) -> None:
    """Compiled in one pass, by counting without: the same starts."""
    run = np.sort(np.array(keys, np.int64))
    got = []
    for engine in ENGINES:
        with engine():
            directory = runs._Directory(run)
            got.append(directory.starts.tolist())
            ranges = (run >> (64 - directory.bits)) + (1 << (directory.bits - 1))
            for r, start in enumerate(directory.starts.tolist()):
                assert start == int(np.searchsorted(ranges, r))
    assert got[0] == got[1]
