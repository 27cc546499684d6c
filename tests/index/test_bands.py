"""The in-memory band index against brute force over every key ever added."""

from __future__ import annotations

import random
from collections import defaultdict

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newscollate.index.bands import BandIndex
from newscollate.index.candidates import bucket_pairs

BANDS = 3


def _keys(rng: random.Random, n: int, alphabet: int) -> np.ndarray:
    """Band keys as the hashing makes them: never equal across bands."""
    return np.array(
        [[band * 10_000 + rng.randrange(alphabet) for band in range(BANDS)] for _ in range(n)],
        np.int64,
    )


def _expected(
    seen: dict[tuple[str, int], list[int]], batch: dict[str, np.ndarray], first_row: int
) -> set[tuple[int, int]]:
    """What ``bucket_pairs`` gives from each whole bucket the batch falls in."""
    out: set[tuple[int, int]] = set()
    for group, keys in batch.items():
        for key in set(keys.reshape(-1).tolist()):
            out.update(p for p in bucket_pairs(seen[group, key]) if p[1] >= first_row)
    return out


@given(
    st.integers(0, 2**32 - 1),
    st.lists(st.integers(1, 90), min_size=1, max_size=12),
    st.sampled_from([3, 40, 5000]),
)
def test_pairs_match_whole_buckets(seed: int, batches: list[int], alphabet: int) -> None:
    """A small alphabet makes buckets far past BUCKET_PREDECESSORS (only their first
    member and tail are read), a large one mostly single members; rows skip numbers, as
    exact copies get no keys; many batches make the runs merge."""
    rng = random.Random(seed)
    index = BandIndex()
    seen: dict[tuple[str, int], list[int]] = defaultdict(list)
    row = 0
    for size in batches:
        rows = []
        for _ in range(size):
            row += rng.choice([1, 1, 2])
            rows.append(row)
        batch = {"text": _keys(rng, size, alphabet), "lead": _keys(rng, size, alphabet)}
        index.add(rows, batch["text"], batch["lead"])
        for group, keys in batch.items():
            for r, row_keys in zip(rows, keys.tolist(), strict=True):
                for key in row_keys:
                    seen[group, key].append(r)
        got = index.pairs(batch["text"], batch["lead"], rows[0]).tolist()
        assert got == sorted(map(list, _expected(seen, batch, rows[0])))
    assert len(index) == 2 * BANDS * sum(batches)
    assert len(index._text.keys) <= 2 + 2 * len(batches).bit_length()  # merged as it grew


def test_lead_and_text_keys_are_apart() -> None:
    """A short article's lead is its whole text: its lead keys equal its text keys
    and must not make it a bucket of its own."""
    index = BandIndex()
    keys = np.array([[1, 2, 3]], np.int64)
    index.add([1], keys, keys)
    assert index.pairs(keys, keys, 1).tolist() == []
    index.add([2], keys, keys)
    assert index.pairs(keys, keys, 2).tolist() == [[1, 2]]


def test_rows_must_come_after_the_last() -> None:
    index = BandIndex()
    keys = np.zeros((2, BANDS), np.int64)
    index.add([4, 5], keys, keys)
    with pytest.raises(ValueError, match="after row 5"):
        index.add([5, 6], keys, keys)
