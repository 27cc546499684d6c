"""The candidate rules against brute force: what each article is paired with."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from newscollate.index.candidates import (
    BUCKET_PREDECESSORS,
    NAME_BUCKET,
    NAME_NEIGHBOURS,
    NAME_SHARE,
    WINDOW_DAYS,
    bucket_pairs,
    nearest_by_names,
    older_in_window,
)


def test_a_small_bucket_gives_all_its_pairs() -> None:
    members = list(range(10, 10 + BUCKET_PREDECESSORS + 1))
    pairs = set(bucket_pairs(members))
    assert pairs == {(a, b) for a in members for b in members if a < b}


def test_a_huge_bucket_grows_linearly_and_stays_connected() -> None:
    members = list(range(5000))
    pairs = set(bucket_pairs(members))
    assert len(pairs) < 5000 * (BUCKET_PREDECESSORS + 1)
    assert all((0, b) in pairs for b in members[1:])  # every member meets the first
    assert (4999 - BUCKET_PREDECESSORS, 4999) in pairs
    assert (4999 - BUCKET_PREDECESSORS - 1, 4999) not in pairs


@given(st.integers(2, 200), st.integers(0, 199))
def test_a_bucket_tail_gives_what_the_whole_bucket_gives_its_newest(size: int, new: int) -> None:
    """The store passes a huge bucket's first member and only its tail; the pairs of
    the newest members must be those of the whole bucket."""
    new = min(new, size - 1)
    members = list(range(0, 3 * size, 3))
    start = size - new
    whole = {p for p in bucket_pairs(members) if p[1] >= members[start]} if new else set()
    tail = members[max(0, start - BUCKET_PREDECESSORS) :]
    given_ = tail if tail[0] == members[0] else [members[0], *tail]
    assert set(bucket_pairs(given_, len(given_) - new)) == whole


@given(
    st.integers(0, 2**32 - 1),
    st.sampled_from([5, 60, 400]),
    st.booleans(),
    st.sampled_from([1, 300, 3000]),
)
def test_older_in_window_matches_brute_force(
    seed: int, span: int, undated: bool, spacing: int
) -> None:
    """Dense days (span 5) put hundreds of carriers in one window, sparse ones few;
    rows far apart (spacing) make 900 carriers a small share of a big corpus. A name
    stays for an article unless more than NAME_BUCKET earlier articles carry it and
    more than one in NAME_SHARE of all before it do, or more than NAME_BUCKET carry
    it within its window."""
    rng = random.Random(seed)
    days = [*range(span), *([None] if undated else [])]
    rows = sorted(rng.sample(range(1, 900 * spacing + 1), 900))
    occurrences = [(row, rng.choice(days)) for row in rows]
    got = dict(older_in_window(occurrences))
    for n, (row, day) in enumerate(occurrences):
        older = [
            r for r, d in occurrences[:n] if day is None or d is None or abs(d - day) <= WINDOW_DAYS
        ]
        if (n > NAME_BUCKET and n > (row - 1) // NAME_SHARE) or len(older) > NAME_BUCKET:
            assert row not in got
        else:
            assert sorted(got[row]) == older
    if span == 400 and not undated and spacing == 3000:  # 900 carriers, a small share
        assert len(got) == len(occurrences)
    if spacing == 1:  # 900 carriers in 900 articles: common after the first 256
        assert max(got) <= rows[NAME_BUCKET]


def test_nearest_by_names_ranks_by_weighted_cosine_and_needs_two_names() -> None:
    weight = {"kharkiv": 3.0, "halvorsen": 3.0, "london": 1.0, "oslo": 1.0}
    norms = {
        100: (9 + 9 + 1) ** 0.5,  # kharkiv, halvorsen, london
        1: (9 + 9) ** 0.5,  # kharkiv, halvorsen: the best match
        2: (9 + 1 + 1) ** 0.5,  # kharkiv, london, oslo
        3: 3.0,  # kharkiv only: one shared name is not enough
    }
    found = [("kharkiv", [1, 2, 3]), ("halvorsen", [1]), ("london", [2])]
    assert nearest_by_names(100, found, weight, norms) == [1, 2]
    crowded = [("kharkiv", list(range(NAME_BUCKET + 1))), ("halvorsen", [1])]
    assert nearest_by_names(100, crowded, weight, norms | dict.fromkeys(range(300), 3.0)) == []


def test_nearest_by_names_keeps_the_closest() -> None:
    weight = {"a": 2.0, "b": 2.0, "c": 2.0}
    rows = list(range(1, 40))
    norms = {0: 12**0.5} | {r: (8 + r) ** 0.5 for r in rows}  # further rows: bigger norms
    found = [("a", rows), ("b", rows), ("c", rows)]
    assert nearest_by_names(0, found, weight, norms) == rows[:NAME_NEIGHBOURS]


@given(st.integers(1, 60), st.integers(0, 60), st.integers(0, 2**32 - 1))
def test_nearest_by_meaning_against_brute_force(size: int, new: int, seed: int) -> None:
    """Each new article's pairs are its most similar earlier articles published within
    the model's window (undated ones in every window), at least MEANING_MAYBE alike,
    at most MEANING_NEIGHBOURS of them."""
    import numpy as np

    from newscollate.index.candidates import (
        MEANING_MAYBE,
        MEANING_NEIGHBOURS,
        MODEL_DAYS,
        nearest_by_meaning,
    )

    rng = random.Random(seed)
    first_new = min(new, size)
    rows = sorted(rng.sample(range(10 * size), size))
    days = [None if rng.random() < 0.2 else rng.randrange(0, 8) for _ in rows]
    base = np.random.default_rng(seed).normal(size=(3, 8))  # three "topics"
    vectors = np.vstack(
        [base[rng.randrange(3)] + np.random.default_rng(seed + i).normal(0, 0.5, 8) for i in rows]
    ).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    got = set(nearest_by_meaning(rows, days, vectors, first_new))
    expected = set()
    for i in range(first_new, size):
        scored = []
        for j in range(i):
            near = days[i] is None or days[j] is None or abs(days[i] - days[j]) <= MODEL_DAYS
            cosine = float(vectors[i] @ vectors[j])
            if near and cosine >= MEANING_MAYBE:
                scored.append((-cosine, j))
        expected |= {(rows[j], rows[i]) for _, j in sorted(scored)[:MEANING_NEIGHBOURS]}
    assert got == expected
