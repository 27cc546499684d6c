"""The carriers of each name by publication day, held in memory for the store's
name searches.

The store searched a SQLite index on (name, day, article). With about fifteen names
an article, every batch of a thousand put fifteen thousand rows on random pages of
that index, and at a million articles (383 MB of index, 14 million rows) writing
them and committing the pages they dirtied cost more per article than the rest of
the writing together, and kept growing. Here a name is a number, a (name, day)
pair one int64 key, and the carriers ``SortedRuns``; the store keeps each
article's name numbers as one append-only row and builds this from those rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

from newscollate.index.candidates import NAME_BUCKET, WINDOW_DAYS
from newscollate.index.runs import SortedRuns

__all__ = ["DAY_BITS", "NameIndex"]

DAY_BITS = 22  # a day number (date.toordinal, at most 3,652,059) plus one, 0 for undated
_DAYS = (1 << DAY_BITS) - 1

Ids = npt.NDArray[np.int64]


class NameIndex:
    """Names numbered from 1 in the order first stored, their rarity weights, and the
    rows that carry each, by day."""

    def __init__(self) -> None:
        self.last_row = 0  # the newest row added
        self.ids: dict[str, int] = {}
        self.weights: list[int] = [0]  # by name number
        self._runs = SortedRuns()
        self._counts = np.zeros(1, np.int64)  # carriers by name number

    def learn(self, numbered: Iterable[tuple[int, str, int]]) -> None:
        """Take names with their numbers (the next ones, in order) and weights."""
        for name_id, name, weight in numbered:
            if name_id != len(self.weights):
                raise ValueError(f"name number {name_id}, expected {len(self.weights)}")
            self.ids[name] = name_id
            self.weights.append(weight)

    def add(self, rows: Sequence[int], days: Sequence[int | None], ids: Sequence[Ids]) -> None:
        """Add the names of ``rows`` (ascending, after ``last_row``), published on
        ``days``: ``ids[i]`` are the numbers of row ``i``'s names."""
        if not len(rows):
            return
        array = np.asarray(rows, np.int64)
        if array[0] <= self.last_row or np.any(np.diff(array) <= 0):
            raise ValueError(f"rows must ascend after row {self.last_row}")
        sizes = np.fromiter(map(len, ids), np.int64, len(ids))
        flat = np.concatenate(ids) if len(ids) else np.empty(0, np.int64)
        codes = np.array([0 if d is None else d + 1 for d in days], np.int64)
        if codes.size and (codes.min() < 0 or codes.max() > _DAYS):
            raise ValueError("a day number out of range")
        self._runs.add((flat << DAY_BITS) | np.repeat(codes, sizes), np.repeat(array, sizes))
        if flat.size:
            top = int(flat.max())
            if top >= len(self._counts):
                self._counts = np.concatenate(
                    (
                        self._counts,
                        np.zeros(max(top + 1, 2 * len(self._counts)) - len(self._counts), np.int64),
                    )
                )
            np.add.at(self._counts, flat, 1)
        self.last_row = int(array[-1])

    def count(self, name_id: int) -> int:
        """How many rows carry the name."""
        return int(self._counts[name_id]) if name_id < len(self._counts) else 0

    def windows(
        self, queries: Sequence[tuple[int, int | None]]
    ) -> list[list[tuple[int, int | None]] | None]:
        """For each (name number, day), the carriers, as (row, day), published within
        ``WINDOW_DAYS`` of the day (on any day when it is None), the undated
        included; or None when there are more than ``NAME_BUCKET``: the name crowds
        that window."""
        if not queries:
            return []
        ids = np.array([i for i, _ in queries], np.int64) << DAY_BITS
        days = [d for _, d in queries]
        dated = np.array([d is not None for d in days])
        day = np.array([0 if d is None else d for d in days], np.int64)
        # a dated day's window, and the undated; an undated day's: every day
        low = np.where(dated, ids + np.maximum(day - WINDOW_DAYS + 1, 1), ids)
        high = np.where(
            dated, ids + np.minimum(day + WINDOW_DAYS + 2, 1 << DAY_BITS), ids + (1 << DAY_BITS)
        )
        spans = self._runs.spans(
            np.concatenate((low, ids)), np.concatenate((high, np.where(dated, ids + 1, ids)))
        )
        n = len(queries)
        sizes = np.zeros(n, np.int64)
        for start, end in spans:
            sizes += end[:n] - start[:n] + end[n:] - start[n:]
        found = [(s.tolist(), e.tolist()) for s, e in spans]
        out: list[list[tuple[int, int | None]] | None] = []
        for q, size in enumerate(sizes.tolist()):
            if size > NAME_BUCKET:
                out.append(None)
                continue
            carriers: list[tuple[int, int | None]] = []
            for (start, end), keys, rows in zip(
                found, self._runs.keys, self._runs.rows, strict=True
            ):
                for s, e in ((start[q], end[q]), (start[n + q], end[n + q])):
                    if e > s:
                        codes = (keys[s:e] & _DAYS).tolist()
                        carriers += zip(
                            rows[s:e].tolist(), [c - 1 if c else None for c in codes], strict=True
                        )
            out.append(carriers)
        return out

    def __len__(self) -> int:
        """How many (name, row) pairs the index holds."""
        return len(self._runs)
