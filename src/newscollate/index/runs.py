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

from newscollate.index import compiled

__all__ = ["SortedRuns", "ranks"]

Keys = npt.NDArray[np.int64]
Positions = npt.NDArray[np.intp]


class SortedRuns:
    """(key, row) pairs as sorted runs, older runs first: within a key, every row of
    an older run comes before those of a newer one.

    ``hashed`` runs hold keys spread evenly over the int64 range (band keys, which are
    hashes): each run gets a directory of where each range of its keys' top bits
    begins, so ``locate`` finds a key by one lookup and a search of some eight keys,
    not by a binary search of a run that outgrew the processor's caches (replaying a
    million articles' band keys, such searches took four fifths of finding the
    bucket pairs)."""

    def __init__(self, hashed: bool = False) -> None:
        self.keys: list[Keys] = []
        self.rows: list[npt.NDArray[np.int32]] = []
        self._hashed = hashed
        self._directories: list[_Directory] = []

    def add(self, keys: Keys, rows: npt.NDArray[np.integer]) -> None:
        """Add pairs whose rows come after every row already added, in row order."""
        if not len(keys):
            return
        self._push(*_sort(keys, rows.astype(np.int32)))
        while len(self.keys) > 1 and len(self.keys[-2]) <= 2 * len(self.keys[-1]):
            merged = _merge(self.keys[-2], self.rows[-2], self.keys[-1], self.rows[-1])
            del self.keys[-2:], self.rows[-2:], self._directories[-2:]
            self._push(*merged)

    def _push(self, keys: Keys, rows: npt.NDArray[np.int32]) -> None:
        self.keys.append(keys)
        self.rows.append(rows)
        if self._hashed:
            self._directories.append(_Directory(keys))

    def spans(self, low: Keys, high: Keys) -> list[tuple[Positions, Positions]]:
        """Per run, the positions ``[start, end)`` of the keys in ``[low[i], high[i])``
        for each i."""
        return [(np.searchsorted(run, low), np.searchsorted(run, high)) for run in self.keys]

    def locate(self, wanted: Keys) -> list[tuple[Positions, Positions]]:
        """Per run, where the pairs of each key of ``wanted`` begin and how many there
        are (no pairs: a count of 0)."""
        out = []
        for at, run in enumerate(self.keys):
            if not self._hashed:
                low = np.searchsorted(run, wanted)
                out.append((low, np.searchsorted(run, wanted, side="right") - low))
                continue
            directory = self._directories[at]
            if compiled.active():
                out.append(compiled.locate(run, directory.starts, directory.bits, wanted))
                continue
            low, end = directory.bounds(wanted)
            low = _bisect(run, wanted, low, end, right=False)
            found = low < end
            found[found] = run[low[found]] == wanted[found]
            high = low.copy()  # most keys are in no run: search the end only of the rest
            high[found] = _bisect(run, wanted[found], low[found], end[found], right=True)
            out.append((low, high - low))
        return out

    def __len__(self) -> int:
        return sum(len(k) for k in self.keys)


class _Directory:
    """Where each range of a sorted run's keys begins, by their top ``bits`` bits: some
    eight keys a range, so its search stays within a cache line or two."""

    def __init__(self, keys: Keys) -> None:
        self.bits = min(max((len(keys) // 8).bit_length(), 1), 26)
        if compiled.active():
            self.starts = compiled.directory(keys, self.bits)
            return
        self.starts = np.zeros((1 << self.bits) + 1, np.int64)
        np.cumsum(np.bincount(self._range(keys), minlength=1 << self.bits), out=self.starts[1:])

    def _range(self, keys: Keys) -> Positions:
        # the top bits of the key's offset from the least int64: order-keeping
        return (keys >> (64 - self.bits)) + (1 << (self.bits - 1))

    def bounds(self, keys: Keys) -> tuple[Positions, Positions]:
        """Per key, the positions of the run its range spans."""
        at = self._range(keys)
        return self.starts[at], self.starts[at + 1]


def _bisect(run: Keys, keys: Keys, low: Positions, high: Positions, *, right: bool) -> Positions:
    """``np.searchsorted(run[low[i]:high[i]], keys[i], side) + low[i]`` for each i, all
    at once: the keys still searched halve their spans each pass."""
    low, high = low.copy(), high.copy()
    active = np.flatnonzero(low < high)
    while len(active):
        lo, hi = low[active], high[active]
        middle = (lo + hi) >> 1
        probe, key = run[middle], keys[active]
        below = probe <= key if right else probe < key
        low[active] = np.where(below, middle + 1, lo)
        high[active] = np.where(below, hi, middle)
        active = active[low[active] < high[active]]
    return low


def _sort(keys: Keys, rows: npt.NDArray[np.int32]) -> tuple[Keys, npt.NDArray[np.int32]]:
    """The pairs sorted by key, in the order given within a key."""
    if compiled.active():
        return compiled.sort_run(keys, rows)
    order = np.argsort(keys, kind="stable")
    return keys[order], rows[order]


def _merge(
    keys_a: Keys, rows_a: npt.NDArray[np.int32], keys_b: Keys, rows_b: npt.NDArray[np.int32]
) -> tuple[Keys, npt.NDArray[np.int32]]:
    """Two sorted runs as one, the older run's rows first within a key."""
    if compiled.active():
        return compiled.merge_runs(keys_a, rows_a, keys_b, rows_b)
    keys = np.concatenate((keys_a, keys_b))
    order = np.argsort(keys, kind="stable")
    return keys[order], np.concatenate((rows_a, rows_b))[order]


def ranks(sizes: npt.NDArray[np.integer]) -> Positions:
    """0, 1, ..., size-1 for each size, concatenated: the position of every element
    of a flat array of groups within its group, which lets a per-group loop run as a
    few array operations."""
    sizes = np.asarray(sizes, np.intp)
    offsets = np.repeat(np.cumsum(sizes) - sizes, sizes)
    out: Positions = np.arange(int(sizes.sum()), dtype=np.intp) - offsets
    return out
