"""The band buckets of the embedded store, held in memory as sorted NumPy runs.

Band keys are hashes, so in a SQLite index every insert landed on a random page:
with 50 keys an article, a batch of a thousand dirtied tens of thousands of index
pages, which each commit wrote to the WAL and each checkpoint back to the file. At
300,000 articles that index was 357 MB, and storing keys, searching buckets and
committing took 37% of the run; per article it kept growing with the store.

Here each group of keys (the whole text's, the lead's) is ``SortedRuns`` of
hashed keys: a bucket is a directory lookup and a short search in each run. The
store keeps the keys themselves as an append-only blob per article and builds this
from them when it first adds to a store.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from newscollate.index.candidates import BUCKET_PREDECESSORS
from newscollate.index.runs import SortedRuns, ranks

__all__ = ["BandIndex"]

Keys = npt.NDArray[np.int64]
Rows = npt.NDArray[np.int64]
Positions = npt.NDArray[np.int64]


class _Runs(SortedRuns):
    """One group's (key, row) pairs."""

    def add_rows(self, rows: Rows, keys: Keys) -> None:
        """``keys`` has one row of keys per row of ``rows``."""
        self.add(keys.reshape(-1), np.repeat(rows, keys.shape[1]))

    def pairs(self, keys: Keys, first_row: int) -> tuple[Rows, Rows]:
        """The pairs (earlier, later) that ``bucket_pairs`` gives from the whole buckets
        of ``keys`` (the batch's, added already, from ``first_row`` on), with a pair as
        often as buckets give it. Computed for all buckets at once: a Python loop over
        the buckets, with a ``bucket_pairs`` generator each, took most of the
        near-duplicate stage's time on large stores.

        A bucket's members in row order are its members in each run in turn (a run
        holds rows later than every older run's). Of a bucket of ``total`` members, the
        last ``new`` are the batch's; each of them, at position ``i >= 1``, pairs with
        position 0 and the ``BUCKET_PREDECESSORS`` positions before it, so only
        position 0 and the tail from ``start - BUCKET_PREDECESSORS`` are read."""
        wanted, new = np.unique(keys, return_counts=True)
        lows, counts = zip(*self.locate(wanted), strict=True)
        total: Positions = np.sum(counts, axis=0, dtype=np.int64)
        shared = np.flatnonzero(total > 1)
        total, new = total[shared], new[shared]
        start = total - new  # the position of the bucket's first new member
        low = np.maximum(start - BUCKET_PREDECESSORS, 0)  # the tail that is read
        shift = low - (low > 0)  # what is read: position 0, then the tail from ``low``
        read = total - shift
        base = np.cumsum(read) - read  # where each bucket's members begin in ``members``
        bucket = np.repeat(np.arange(len(shared)), read)
        position = ranks(read) + shift[bucket]
        position[base] = 0
        members = np.empty(len(position), np.int64)
        before = np.zeros(len(shared), np.int64)
        for rows, run_low, run_count in zip(self.rows, lows, counts, strict=True):
            run_low, run_count = run_low[shared], run_count[shared]
            at = position - before[bucket]
            inside = (at >= 0) & (at < run_count[bucket])
            members[inside] = rows[run_low[bucket[inside]] + at[inside]]
            before += run_count
        # each new member at position i >= 1 pairs with min(i, P + 1) earlier positions:
        # 0, then the P before i (P = BUCKET_PREDECESSORS)
        first_later = np.maximum(start, 1)
        later_bucket = np.repeat(np.arange(len(shared)), total - first_later)
        later = ranks(total - first_later) + first_later[later_bucket]
        partners = np.minimum(later, BUCKET_PREDECESSORS + 1)
        pair_bucket = np.repeat(later_bucket, partners)
        pair_later = np.repeat(later, partners)
        step = ranks(partners)
        pair_earlier = np.where(step == 0, 0, pair_later - np.repeat(partners, partners) + step)
        offset = base[pair_bucket] - shift[pair_bucket]
        earlier_at = np.where(pair_earlier == 0, base[pair_bucket], pair_earlier + offset)
        return members[earlier_at], members[pair_later + offset]


class BandIndex:
    """The band buckets of the whole texts and of the leads (two groups: a short
    article's lead may be its whole text, and its keys are the same)."""

    def __init__(self) -> None:
        self.last_row = 0  # the newest row added
        self._text = _Runs(hashed=True)
        self._lead = _Runs(hashed=True)

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

    def pairs(self, keys: Keys, lead_keys: Keys, first_row: int) -> npt.NDArray[np.int64]:
        """The candidate pairs (earlier, later), one row each, sorted and unique, of the
        buckets the batch whose band keys are ``keys`` and ``lead_keys`` falls in (added
        already, its first row ``first_row``): those ``bucket_pairs`` gives from each
        whole bucket. A pair of near-duplicates shares many bands, so most pairs come
        many times; they are made unique here, in one sort."""
        earlier, later = zip(
            self._text.pairs(keys, first_row), self._lead.pairs(lead_keys, first_row),
            strict=True,
        )  # fmt: skip
        codes = np.unique(np.concatenate(earlier) << 32 | np.concatenate(later))
        return np.stack((codes >> 32, codes & 0xFFFFFFFF), axis=1)

    def __len__(self) -> int:
        """How many keys the index holds."""
        return len(self._text) + len(self._lead)
