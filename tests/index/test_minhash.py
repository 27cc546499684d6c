"""MinHash + banded LSH: the fast tokeniser agrees with ``words(fold(text))``, hashes
mean the same in every process, estimates track exact Jaccard, and candidate pairs
are what banding promises without quadratic blow-ups."""

from __future__ import annotations

import hashlib
import itertools
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.integrate import quad

from newscollate.index import compiled, minhash
from newscollate.index.minhash import (
    SHINGLE_WORDS,
    Banding,
    MinHasher,
    band_keys,
    candidate_pairs,
    containment,
    estimate_jaccard,
    jaccard,
    shingle_hashes,
    shingle_hashes_batch,
    shingle_texts,
)
from newscollate.ingest.normalize import fold, unify, words
from tests.index.engines import ENGINES, Engine

# Characters that fold or words() treat specially: quotes and dashes that fold maps,
# joiners, zero-width and soft hyphen (deleted), NFKC ligatures and full-width forms,
# casefold expansions (ß, İ, ŉ), combining marks, astral letters and digits, emoji,
# underscore (not a word character), white space of several kinds.
_FRAGMENTS = [
    *"aAbBzZ09éÉßİŉΣσςДд中文٣²½ﬁﬀＡａ１",
    *"'.-`_,;:!?()/\\\"",
    *"\u2018\u2019\u201a\u201b\u2032\u00b4\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a",
    *"\u2010\u2011\u2013\u2014\u2212\u2026\u00ad\u200b\u200c\u200d\ufeff",
    *"\ufe52\uff0d\uff07\u2024\u2025\u2033\u01c4\u1e9e\u1f80\ufb13",
    *" \t\n\u00a0\u2009\u202f\u3000\x1c",
    "\u0301",
    "e\u0301",
    "\U0001d400",
    "\U0001d7ce",
    "\U0001f600",
    "\U00010400",
    "\ud800",
    "don't",
    "U.S.",
    "pre-2014",
    "...",
    "--",
    "''",
]
texts = st.lists(st.sampled_from(_FRAGMENTS), max_size=40).map("".join) | st.text(max_size=60)
word_lists = st.lists(st.sampled_from([f"w{i}" for i in range(60)]), min_size=0, max_size=40)


def _reference_shingles(text: str, k: int = SHINGLE_WORDS) -> list[int]:
    """The spec, one Python int at a time: shingles of the tokens of words(fold(text))."""
    return _shingles_of(words(fold(text)), k)


def _reference_lead_shingles(text: str, n: int) -> list[int]:
    """Those of the tokens of the first ``n`` words of ``fold(text)``."""
    return _shingles_of(words(" ".join(fold(text).split()[:n])))


def _shingles_of(tokens: list[str], k: int = SHINGLE_WORDS) -> list[int]:
    ids = [minhash._word_hash(w) for w in tokens]
    if not ids:
        return []
    if len(ids) < k:
        return [minhash._shingle_hash(ids)]
    return sorted({minhash._shingle_hash(ids[i : i + k]) for i in range(len(ids) - k + 1)})


def _article(rng: np.random.Generator, n_words: int, vocabulary: int = 5000) -> list[str]:
    return [f"w{int(r)}" for r in rng.zipf(1.2, n_words) % vocabulary]


# --- tokens and shingles -----------------------------------------------------------------


ascii_texts = st.lists(st.sampled_from([f for f in _FRAGMENTS if f.isascii()]), max_size=40).map(
    "".join
) | st.text(st.characters(max_codepoint=127), max_size=60)


@settings(max_examples=400, deadline=None)
@given(texts | ascii_texts)
def test_fold_is_unify_casefolded_with_white_space_collapsed(text: str) -> None:
    """``fold`` takes a shortcut on ASCII text; it must give what the definition does."""
    assert fold(text) == " ".join(unify(text).casefold().split())


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_fast_tokens_are_words_of_fold(text: str) -> None:
    expected = words(fold(text))
    assert minhash._tokens(text) == expected
    assert minhash._word_ids(text).tolist() == [minhash._word_hash(w) for w in expected]


def test_the_compiled_kernels_are_installed() -> None:
    """The tests below check both engines only while Numba is there."""
    assert compiled.AVAILABLE


@settings(max_examples=200, deadline=None)
@given(texts)
def test_shingle_hashes_follow_the_reference(text: str) -> None:
    for engine in ENGINES:
        with engine():
            got = shingle_hashes(text)
            assert got.dtype == np.uint64
            assert got.tolist() == _reference_shingles(text)
            assert shingle_hashes(text, k=2).tolist() == _reference_shingles(text, k=2)


@settings(max_examples=30, deadline=None)
@given(st.lists(texts, max_size=12))
def test_batch_equals_one_at_a_time_across_chunks(batch: list[str]) -> None:
    for engine in ENGINES:
        with engine():
            saved = minhash._CHUNK_CHARS
            minhash._CHUNK_CHARS = 16  # many chunks, texts straddling the limit
            try:
                chunked = shingle_hashes_batch(batch)
            finally:
                minhash._CHUNK_CHARS = saved
            whole = shingle_hashes_batch(batch)
            for text, a, b in zip(batch, chunked, whole, strict=True):
                assert a.tolist() == b.tolist() == _reference_shingles(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(texts | ascii_texts, max_size=6), st.integers(0, 8))
def test_one_pass_gives_shingles_lead_shingles_and_fold(batch: list[str], n: int) -> None:
    """A lead's shingles are cut from its text's tokens, and ``fold`` collapsed from the
    same folded code points, whatever the white space; many chunks put ASCII and
    other texts in one chunk."""
    for engine in ENGINES:
        with engine():
            saved = minhash._CHUNK_CHARS
            minhash._CHUNK_CHARS = 24
            try:
                got = shingle_texts(batch, n)
            finally:
                minhash._CHUNK_CHARS = saved
            for i, text in enumerate(batch):
                folded = fold(text)
                assert got.shingles[i].tolist() == _reference_shingles(text)
                assert got.lead_shingles[i].tolist() == _reference_lead_shingles(text, n)
                assert got.folded[i] == folded.encode("utf-8", "surrogatepass")
                assert got.word_counts[i] == len(folded.split())


def test_shingles_ignore_case_quotes_dashes_and_spacing() -> None:
    plain = shingle_hashes("He said \"don't\" - it's the U.S. plan, pre-2014 they agreed.")
    styled = shingle_hashes(
        "HE  SAID “DON’T” — IT’S THE U.S. PLAN,\u00a0PRE\u20112014 they\n\tagreed…"
    )
    assert len(plain) > 0
    assert plain.tolist() == styled.tolist()


def test_shingles_are_a_sorted_set() -> None:
    text = " ".join(f"w{i % 7}" for i in range(210))  # the same few shingles over and over
    got = shingle_hashes(text)
    assert got.tolist() == sorted(set(got.tolist()))
    assert len(got) == 7
    assert shingle_hashes(f"{text} {text}").tolist() == got.tolist()


def test_short_and_empty_texts() -> None:
    assert len(shingle_hashes("")) == 0
    assert len(shingle_hashes("  ... -- !? ")) == 0
    for n in range(1, SHINGLE_WORDS):
        text = " ".join(f"word{i}" for i in range(n))
        assert len(shingle_hashes(text)) == 1  # one shingle of all the words
    assert shingle_hashes("a b c").tolist() != shingle_hashes("a b").tolist()
    assert shingle_hashes("A, B; C!").tolist() == shingle_hashes("a b c").tolist()
    five = " ".join("abcde")
    assert len(shingle_hashes(five)) == 1
    assert len(shingle_hashes(five + " f")) == 2
    assert len(shingle_hashes("a b c", k=1)) == 3


def test_bad_shingle_width() -> None:
    with pytest.raises(ValueError):
        shingle_hashes("a b c", k=0)


# --- determinism -------------------------------------------------------------------------

_PROBE = "The harbour fire “spread quickly”, officials said — 3 ships, 12 crew, Zoë’s café."
_PROBE_SCRIPT = """
import sys
from newscollate.index.minhash import MinHasher, Banding, band_keys, shingle_hashes
s = shingle_hashes(sys.argv[1])
sig = MinHasher().signatures([s])
keys = band_keys(sig, Banding(16, 8))
print(*(x.astype(x.dtype.newbyteorder("<")).tobytes().hex() for x in (s, sig, keys)))
"""


def _probe_here() -> str:
    s = shingle_hashes(_PROBE)
    sig = MinHasher().signatures([s])
    keys = band_keys(sig, Banding(16, 8))
    # little-endian bytes, so the pinned digest below is the same on any machine
    return " ".join(x.astype(x.dtype.newbyteorder("<")).tobytes().hex() for x in (s, sig, keys))


@pytest.mark.parametrize("hash_seed", ["0", "12345"])
def test_same_hashes_in_another_process(hash_seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    out = subprocess.run(
        [sys.executable, "-c", _PROBE_SCRIPT, _PROBE],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout.strip()
    assert out == _probe_here()


def test_hashes_are_pinned() -> None:
    """Stored signatures and band keys stay comparable only while these values hold: a
    change here invalidates every index built before it."""
    digest = hashlib.blake2b(_probe_here().encode(), digest_size=8).hexdigest()
    assert len(shingle_hashes(_PROBE)) == 9  # 13 words
    assert digest == "7832efae2560c9ea"


# --- MinHash -----------------------------------------------------------------------------


def _reference_signature(hasher: MinHasher, shingles: npt.NDArray[np.uint64]) -> list[int]:
    """h_i(x) = a_i * fold32(mix(x)) + b_i mod 2**32, minimised with Python ints."""
    if len(shingles) == 0:
        return [0xFFFFFFFF] * hasher.num_perm
    mixed = minhash._mix(shingles.astype(np.uint64, copy=True))
    folded = [(v ^ (v >> 32)) & 0xFFFFFFFF for v in mixed.tolist()]
    a = hasher._a.ravel().tolist()
    b = hasher._b.ravel().tolist()
    return [min((ai * x + bi) & 0xFFFFFFFF for x in folded) for ai, bi in zip(a, b, strict=True)]


@pytest.mark.parametrize("engine", ENGINES)
def test_signatures_match_the_reference_across_chunks(
    monkeypatch: pytest.MonkeyPatch, engine: Engine
) -> None:
    rng = np.random.default_rng(7)
    sizes = [0, 1, 3, 50, 0, 700, 2, 33]
    batch = [rng.integers(0, 2**64, n, dtype=np.uint64) for n in sizes]
    hasher = MinHasher(num_perm=16, seed=3)
    monkeypatch.setattr(minhash, "_CHUNK_ROWS", 64)  # sets split over passes, one bigger alone
    with engine():
        got = hasher.signatures(batch)
        assert got.shape == (len(batch), 16)
        assert got.dtype == np.uint32
        for row, shingles in zip(got, batch, strict=True):
            assert row.tolist() == _reference_signature(hasher, shingles)
            assert hasher.signature(shingles).tolist() == row.tolist()
        assert hasher.signatures([]).shape == (0, 16)


def test_signature_ignores_order_and_repeats() -> None:
    hasher = MinHasher()
    s = shingle_hashes(" ".join(f"w{i}" for i in range(100)))
    shuffled = np.concatenate([s[::-1], s[:10]])
    assert hasher.signature(s).tolist() == hasher.signature(shuffled).tolist()


def test_seeds_give_different_functions() -> None:
    s = shingle_hashes(" ".join(f"w{i}" for i in range(100)))
    assert MinHasher(seed=1).signature(s).tolist() != MinHasher(seed=2).signature(s).tolist()
    assert MinHasher(seed=1).signature(s).tolist() == MinHasher(seed=1).signature(s).tolist()


def test_empty_signatures_share_nothing() -> None:
    hasher = MinHasher()
    empty = hasher.signature(np.empty(0, np.uint64))
    full = hasher.signature(shingle_hashes("one two three four five six"))
    assert (empty == 0xFFFFFFFF).all()
    assert (
        estimate_jaccard(empty, empty)
        == 0.0
        == jaccard(np.empty(0, np.uint64), np.empty(0, np.uint64))
    )
    assert estimate_jaccard(empty, full) == 0.0
    assert estimate_jaccard(full, full) == 1.0


def _pair_text(
    shared: Sequence[str], only_a: Sequence[str], only_b: Sequence[str]
) -> tuple[str, str]:
    return " ".join([*shared, *only_a]), " ".join([*shared, *only_b])


@settings(max_examples=100, deadline=None, derandomize=True)  # a 4.5-sigma bound: no flakes
@given(word_lists, word_lists, word_lists)
def test_estimate_is_near_exact_jaccard(
    shared: list[str], only_a: list[str], only_b: list[str]
) -> None:
    a, b = (shingle_hashes(t) for t in _pair_text(shared, only_a, only_b))
    hasher = MinHasher()
    estimate = estimate_jaccard(hasher.signature(a), hasher.signature(b))
    assert abs(estimate - jaccard(a, b)) <= 0.2


def test_estimates_are_unbiased_with_binomial_spread() -> None:
    rng = np.random.default_rng(2024)
    hasher = MinHasher()
    pairs = []
    for _ in range(300):
        shared = _article(rng, int(rng.integers(20, 300)))
        a_text, b_text = _pair_text(
            shared,
            _article(rng, int(rng.integers(0, 200))),
            _article(rng, int(rng.integers(0, 200))),
        )
        pairs.append((shingle_hashes(a_text), shingle_hashes(b_text)))
    sigs = hasher.signatures([s for pair in pairs for s in pair])
    exact = np.array([jaccard(a, b) for a, b in pairs])
    estimate = np.array([estimate_jaccard(sigs[2 * i], sigs[2 * i + 1]) for i in range(len(pairs))])
    errors = estimate - exact
    assert exact.min() < 0.3 and exact.max() > 0.7  # the pairs span the range
    assert abs(errors.mean()) < 0.03
    # a binomial share of 128 slots: rms error at most sqrt(0.25 / 128) = 0.044
    assert np.sqrt((errors**2).mean()) < 0.055


# --- exact measures ----------------------------------------------------------------------


def test_duplicates_and_trimmed_copies() -> None:
    rng = np.random.default_rng(3)
    full_words = _article(rng, 400)
    full = " ".join(full_words)
    trimmed = " ".join(full_words[:250])
    restyled = full.upper().replace(" ", "  ")
    a, t, r = shingle_hashes(full), shingle_hashes(trimmed), shingle_hashes(restyled)
    assert jaccard(a, r) == 1.0
    assert containment(t, a) >= 0.95
    assert containment(a, t) < 0.7
    assert 0.5 < jaccard(a, t) < 0.7
    unrelated = shingle_hashes(" ".join(_article(rng, 400)))
    assert jaccard(a, unrelated) < 0.05
    assert containment(np.empty(0, np.uint64), a) == 0.0


@given(
    st.lists(st.integers(0, 40), max_size=30),
    st.lists(st.integers(0, 40), max_size=30),
)
def test_exact_measures_equal_set_arithmetic(a: list[int], b: list[int]) -> None:
    sa, sb = set(a), set(b)
    xa, xb = np.array(a, np.uint64), np.array(b, np.uint64)  # unsorted, with repeats
    union = len(sa | sb)
    assert jaccard(xa, xb) == pytest.approx(len(sa & sb) / union if union else 0.0)
    assert containment(xa, xb) == pytest.approx(len(sa & sb) / len(sa) if sa else 0.0)


# --- banding -----------------------------------------------------------------------------


def _datasketch_optimum(threshold: float, num_perm: int) -> tuple[int, int]:
    """datasketch's _optimal_param, with scipy's adaptive quadrature."""
    best, choice = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            fp = quad(lambda s, b=b, r=r: 1 - (1 - s**r) ** b, 0.0, threshold)[0]
            fn = quad(lambda s, b=b, r=r: (1 - s**r) ** b, threshold, 1.0)[0]
            if 0.5 * fp + 0.5 * fn < best:
                best, choice = 0.5 * fp + 0.5 * fn, (b, r)
    return choice


@pytest.mark.parametrize(("threshold", "num_perm"), [(0.3, 32), (0.5, 32), (0.8, 48), (0.9, 16)])
def test_banding_matches_datasketch(threshold: float, num_perm: int) -> None:
    banding = Banding.for_threshold(threshold, num_perm)
    assert (banding.bands, banding.rows) == _datasketch_optimum(threshold, num_perm)


def test_banding_for_half_separates_similar_from_dissimilar() -> None:
    banding = Banding.for_threshold(0.5, 128)
    assert banding.bands * banding.rows <= 128
    assert banding == Banding.for_threshold(0.5, 128)
    assert banding.candidate_probability(0.8) > 0.99
    assert banding.candidate_probability(0.2) < 0.02
    with pytest.raises(ValueError):
        Banding(0, 4)
    with pytest.raises(ValueError):
        Banding.for_threshold(1.0, 128)


@pytest.mark.parametrize(("similarity", "low", "high"), [(0.8, 0.97, 1.0), (0.2, 0.0, 0.03)])
def test_candidate_rates_follow_similarity(similarity: float, low: float, high: float) -> None:
    rng = np.random.default_rng(int(similarity * 100))
    hasher, banding = MinHasher(), Banding.for_threshold(0.5, 128)
    sets = []
    for _ in range(200):
        union = int(rng.integers(100, 500))
        shared = round(similarity * union)
        values = rng.integers(0, 2**64, union, dtype=np.uint64)
        split = shared + (union - shared) // 2
        sets += [values[:split], np.concatenate([values[:shared], values[split:]])]
    assert (
        abs(np.mean([jaccard(sets[i], sets[i + 1]) for i in range(0, 400, 2)]) - similarity) < 0.01
    )
    pairs = candidate_pairs(band_keys(hasher.signatures(sets), banding))
    found = {(int(i), int(j)) for i, j in pairs}
    rate = np.mean([(i, i + 1) in found for i in range(0, 400, 2)])
    assert low <= rate <= high


# --- band keys and candidate pairs -------------------------------------------------------


def test_band_keys_separate_bands() -> None:
    banding = Banding(bands=8, rows=3)
    same_everywhere = np.full((2, 32), 7, np.uint32)
    keys = band_keys(same_everywhere, banding)
    assert keys.shape == (2, 8)
    assert keys.dtype == np.uint64
    assert len(set(keys[0].tolist())) == 8  # equal slots, different bands: different keys
    assert keys[0].tolist() == keys[1].tolist()
    other = same_everywhere[:1].copy()
    other[0, 6:9] = 1  # band 2 differs
    other[0, 24:] = 5  # slots past bands * rows are unused
    changed = band_keys(other, banding)[0] != keys[0]
    assert changed.tolist() == [i == 2 for i in range(8)]
    with pytest.raises(ValueError):
        band_keys(same_everywhere, Banding(bands=11, rows=3))


def test_band_keys_see_every_row_of_a_band() -> None:
    rng = np.random.default_rng(1)
    sig = rng.integers(0, 2**32, (1, 35), dtype=np.uint32)
    banding = Banding(bands=5, rows=7)  # odd rows: the last slot of a band is packed alone
    base = band_keys(sig, banding)
    for slot in range(35):
        changed = sig.copy()
        changed[0, slot] ^= 1
        differs = (band_keys(changed, banding) != base)[0]
        assert differs.tolist() == [band == slot // 7 for band in range(5)]


def _brute_force(keys: npt.NDArray[np.uint64]) -> list[tuple[int, int]]:
    n = len(keys)
    return [
        (i, j)
        for i, j in itertools.combinations(range(n), 2)
        if any(keys[i, b] == keys[j, b] for b in range(keys.shape[1]))
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.integers(0, 30).flatmap(
        lambda n: st.lists(
            st.lists(st.integers(0, 6), min_size=n, max_size=n), min_size=1, max_size=4
        )
    )
)
def test_candidate_pairs_equal_brute_force_on_small_buckets(columns: list[list[int]]) -> None:
    keys = np.array(columns, np.uint64).T.reshape(len(columns[0]), len(columns))
    pairs = candidate_pairs(keys, max_bucket=64)
    assert pairs.dtype == np.int64
    assert pairs.shape[1] == 2
    assert [tuple(p) for p in pairs.tolist()] == _brute_force(keys)


def _components(n: int, pairs: npt.NDArray[np.int64]) -> list[int]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in pairs.tolist():
        parent[find(i)] = find(j)
    return [find(x) for x in range(n)]


def test_huge_bucket_gives_linear_pairs_and_stays_connected() -> None:
    rng = np.random.default_rng(5)
    n_copies, n_other = 1000, 300
    hasher, banding = MinHasher(), Banding.for_threshold(0.5, 128)
    wire = shingle_hashes(" ".join(_article(rng, 400)))
    others = [rng.integers(0, 2**64, 300, dtype=np.uint64) for _ in range(n_other)]
    batch = [wire] * n_copies + others
    order = rng.permutation(len(batch))  # copies scattered among the other rows
    keys = band_keys(hasher.signatures([batch[i] for i in order]), banding)
    copies = np.flatnonzero(order < n_copies)
    pairs = candidate_pairs(keys, max_bucket=64)
    assert len(pairs) < 2 * n_copies  # star + chain in every band, the same edges each time
    assert len(pairs) >= n_copies - 1
    roots = _components(len(batch), pairs)
    assert len({roots[i] for i in copies}) == 1
    involved = set(pairs.ravel().tolist())
    assert involved == set(copies.tolist())  # unrelated rows get no pairs
    assert (pairs[:, 0] < pairs[:, 1]).all()
    assert pairs.tolist() == sorted(pairs.tolist())


def test_bucket_just_over_the_limit_links_each_member_at_most_twice() -> None:
    keys = np.zeros((10, 1), np.uint64)
    pairs = candidate_pairs(keys, max_bucket=4)
    assert pairs.tolist() == [[0, j] for j in range(1, 10)] + [[j, j + 1] for j in range(1, 9)]
    assert len(candidate_pairs(keys, max_bucket=10)) == 45


def test_candidate_pairs_of_nothing() -> None:
    assert candidate_pairs(np.empty((0, 4), np.uint64)).shape == (0, 2)
    assert candidate_pairs(np.arange(8, dtype=np.uint64).reshape(4, 2)).shape == (0, 2)


@pytest.mark.parametrize(
    "values",
    [
        [5, 3, 5, 1, 3, 9, 0, 2**64 - 1, 7],  # repeats
        list(range(3000, 0, -1)) * 2,  # one top-bits bucket, descending: the merge sort
        [2**63 + i * 7919 % 2048 for i in range(2048)],  # one bucket, shuffled
    ],
)
def test_the_compiled_sort_keeps_each_value_once_in_order(values: list[int]) -> None:
    """The bucket-and-insertion sort of the shingle sets, on even spreads and on
    values crafted to fall in one bucket (where it must hand over to a merge sort)."""
    for engine in ENGINES[:2]:  # both compiled forms
        with engine():
            array = np.array(values, np.uint64)
            count = compiled.sort_unique(array, np.empty(len(values), np.uint64))
            assert array[:count].tolist() == sorted(set(values))


def _probe_in_a_process(setup: str, report: str) -> str:
    """What a fresh process prints after ``setup``: ``report``'s values, then the
    shingles and signature of ``_PROBE``."""
    script = (
        f"{setup}\n"
        "from newscollate.index import compiled\n"
        "from newscollate.index.minhash import MinHasher, shingle_hashes\n"
        f"shingles = shingle_hashes({_PROBE!r})\n"
        f"print({report}, shingles.tolist(), MinHasher().signature(shingles).tolist())\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=300
    )
    return run.stdout.strip()


def _probe_report(*report: object) -> str:
    with compiled.just_in_time():
        shingles = shingle_hashes(_PROBE)
        signature = MinHasher().signature(shingles)
    return " ".join(map(str, [*report, shingles.tolist(), signature.tolist()]))


def test_the_compiled_loops_run_where_nothing_can_be_cached() -> None:
    """A read-only install with no writable cache directory: the ahead-of-time module
    cannot be written and Numba refuses to cache, and the loops are compiled for the
    process instead of failing."""
    setup = (
        "import numba.core.caching as caching\n"
        "from pathlib import Path\n"
        "from newscollate.index import compiled\n"
        "def refuse(self, *args, **kwargs):\n"
        "    raise RuntimeError('cannot cache function: no locator available')\n"
        "caching.FunctionCache.__init__ = refuse\n"
        "compiled._library = lambda: Path('/proc/read-only/_kernels.so')"
    )
    got = _probe_in_a_process(setup, "compiled.active(), compiled.ahead_of_time()")
    assert got == _probe_report(True, False)


def test_the_kernels_load_ahead_of_time_without_numba() -> None:
    """Where the module is built (this machine has a C compiler), a process that
    shingles and signs runs it and never imports Numba, whose loading was a third of
    the near-duplicate stage for 10,000 articles."""
    assert compiled.ahead_of_time()  # builds it here if no test has yet
    got = _probe_in_a_process("import sys", "compiled.ready(), 'numba' in sys.modules")
    assert got == _probe_report(True, False)


def test_changed_kernels_are_never_run_from_an_old_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The module's file name carries a digest of the kernels' source: after an edit
    (or an upgrade) the old build is not found, and a new one is made."""
    edited = tmp_path / "compiled.py"
    edited.write_bytes(Path(compiled.__file__).read_bytes() + b"\n# edited\n")
    built = compiled._library()
    monkeypatch.setattr(compiled, "__file__", str(edited))
    moved = compiled._library()
    assert moved.parent == tmp_path / "__pycache__"
    assert moved.name != built.name
    assert moved.name.startswith("_kernels_") and built.name.startswith("_kernels_")


def test_the_code_point_table_is_the_tokeniser_s_character_class() -> None:
    """Every code point's class, built by one search of ``normalize._WORD``'s word
    class, is what ``str.isalnum`` says of it (the class's documented meaning), with
    the three inner joiners apart."""
    from newscollate.index.minhash import _ALNUM, _JOINER, _char_classes

    table = _char_classes()
    expected = np.frombuffer(bytes(map(str.isalnum, map(chr, range(0x110000)))), np.uint8)
    joiners = [ord("'"), ord("."), ord("-")]
    assert (table[joiners] == _JOINER).all()
    rest = np.ones(0x110000, bool)
    rest[joiners] = False
    assert np.array_equal(table[rest] == _ALNUM, expected[rest].astype(bool))
    assert set(np.unique(table[rest]).tolist()) <= {0, _ALNUM}
    assert np.array_equal(_char_classes(128), table[:128])  # ASCII text's table
