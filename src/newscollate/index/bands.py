"""The band buckets of the embedded store, held in memory as sorted NumPy runs.

Band keys are hashes, so in a SQLite index every insert landed on a random page:
with 50 keys an article, a batch of a thousand dirtied tens of thousands of index
pages, which each commit wrote to the WAL and each checkpoint back to the file. At
300,000 articles that index was 357 MB, and storing keys, searching buckets and
committing took 37% of the run; per article it kept growing with the store.

Here each group of keys (the whole text's, the lead's) is ``SortedRuns``: a
bucket is a binary search in each run. The store keeps the keys themselves as an
append-only blob per article and builds this from them when it first adds to a
store.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np
import numpy.typing as npt

from newscollate.index.candidates import BUCKET_PREDECESSORS
from newscollate.index.runs import SortedRuns

__all__ = ["BandIndex"]

Keys = npt.NDArray[np.int64]
Rows = npt.NDArray[np.int64]


class _Runs(SortedRuns):
    """One group's (key, row) pairs."""

    def add_rows(self, rows: Rows, keys: Keys) -> None:
        """``keys`` has one row of keys per row of ``rows``."""
        self.add(keys.reshape(-1), np.repeat(rows, keys.shape[1]))

    def buckets(self, keys: Keys, first_row: int) -> Iterator[tuple[list[int], int]]:
        """The buckets of ``keys`` with more than one member, as ``bucket_pairs`` takes
        them: the members in row order, and the position of the first member at or
        after ``first_row``. Of a bucket of more than ``BUCKET_PREDECESSORS + 1`` only
        its first member and the tail the new members pair with come."""
        wanted = np.unique(keys)
        spans = []
        count = np.zeros(len(wanted), np.int64)
        for run in self.keys:
            low = np.searchsorted(run, wanted)
            found = low < len(run)
            found[found] = run[low[found]] == wanted[found]
            high = low.copy()  # most keys are in no run: search the end only of the rest
            high[found] = np.searchsorted(run, wanted[found], side="right")
            spans.append((low, high))
            count += high - low
        for i in np.flatnonzero(count > 1).tolist():
            members = np.concatenate(
                [rows[low[i] : high[i]] for rows, (low, high) in zip(self.rows, spans, strict=True)]
            )
            new = len(members) - int(np.searchsorted(members, first_row))
            if len(members) > BUCKET_PREDECESSORS + 1:
                tail = members[-(new + BUCKET_PREDECESSORS) :]
                members = tail if tail[0] == members[0] else np.concatenate([members[:1], tail])
            yield members.tolist(), len(members) - new


class BandIndex:
    """The band buckets of the whole texts and of the leads (two groups: a short
    article's lead may be its whole text, and its keys are the same)."""

    def __init__(self) -> None:
        self.last_row = 0  # the newest row added
        self._text = _Runs()
        self._lead = _Runs()

    def add(self, rows: Sequence[int], keys: Keys, lead_keys: Keys) -> None:
        """Add the keys of ``rows`` (ascending, after ``last_row``), one row of
        ``keys`` and of ``lead_keys`` each."""
        if not len(rows):
            return
        array = np.asarray(rows, np.int64)
        if array[0] <= self.last_row or np.any(np.diff(array) <= 0):
            raise ValueError(f"rows must ascend after row {self.last_row}")
        self._text.add_rows(array, keys)
        self._lead.add_rows(array, lead_keys)
        self.last_row = int(array[-1])

    def buckets(
        self, keys: Keys, lead_keys: Keys, first_row: int
    ) -> Iterator[tuple[list[int], int]]:
        """The buckets the batch whose band keys are ``keys`` and ``lead_keys`` falls
        in (added already, its first row ``first_row``), each as ``bucket_pairs``
        takes it."""
        yield from self._text.buckets(keys, first_row)
        yield from self._lead.buckets(lead_keys, first_row)

    def __len__(self) -> int:
        """How many keys the index holds."""
        return len(self._text) + len(self._lead)
