"""Sorted runs of (key, row) pairs: the in-memory indexes of the embedded store.

A SQLite index on hashed or widely spread keys takes every insert on a random page:
a batch of a thousand articles dirtied tens of thousands of pages, which each
commit wrote to the WAL and each checkpoint back to the file, so the cost per
article grew with the store. Here a batch's pairs become one new run sorted by key
and, within a key, by row; a run is merged into the one before it once that one is
no more than twice its size (a log-structured merge tree), so each pair is
re-sorted a logarithmic number of times and a lookup is a binary search per run.
The store keeps the pairs themselves in append-only rows and builds these from
them when it first adds to a store.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["SortedRuns", "ranks"]

Keys = npt.NDArray[np.int64]
Positions = npt.NDArray[np.intp]


class SortedRuns:
    """(key, row) pairs as sorted runs, older runs first: within a key, every row of
    an older run comes before those of a newer one."""

    def __init__(self) -> None:
        self.keys: list[Keys] = []
        self.rows: list[npt.NDArray[np.int32]] = []

    def add(self, keys: Keys, rows: npt.NDArray[np.integer]) -> None:
        """Add pairs whose rows come after every row already added, in row order."""
        if not len(keys):
            return
        order = np.argsort(keys, kind="stable")  # stable: within a key, row order
        self.keys.append(keys[order])
        self.rows.append(rows.astype(np.int32)[order])
        while len(self.keys) > 1 and len(self.keys[-2]) <= 2 * len(self.keys[-1]):
            keys_ = np.concatenate(self.keys[-2:])
            rows_ = np.concatenate(self.rows[-2:])
            order = np.argsort(keys_, kind="stable")  # the older run's rows stay first
            del self.keys[-2:], self.rows[-2:]
            self.keys.append(keys_[order])
            self.rows.append(rows_[order])

    def spans(self, low: Keys, high: Keys) -> list[tuple[Positions, Positions]]:
        """Per run, the positions ``[start, end)`` of the keys in ``[low[i], high[i])``
        for each i."""
        return [(np.searchsorted(run, low), np.searchsorted(run, high)) for run in self.keys]

    def __len__(self) -> int:
        return sum(len(k) for k in self.keys)


def ranks(sizes: npt.NDArray[np.integer]) -> Positions:
    """0, 1, ..., size-1 for each size, concatenated: the position of every element
    of a flat array of groups within its group, which lets a per-group loop run as a
    few array operations."""
    sizes = np.asarray(sizes, np.intp)
    offsets = np.repeat(np.cumsum(sizes) - sizes, sizes)
    out: Positions = np.arange(int(sizes.sum()), dtype=np.intp) - offsets
    return out
