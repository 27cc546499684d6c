"""Near-duplicate candidates: word-shingle MinHash signatures and banded LSH.

Story finding compares every new article with a corpus, and most articles are
reprints or light edits of a few wire stories. Comparing shingle sets pairwise
is quadratic, so each article gets a short signature whose equal slices
(bands) put likely near-duplicates in one bucket; only pairs that share a
bucket are verified exactly.

Everything is hashed with fixed 64-bit arithmetic in NumPy, never with Python's
``hash()`` (salted per process), so signatures and band keys stored by one
process mean the same in every other, on any machine. Tokenising is the costly
stage; it runs over the code points of many texts at once (see
``shingle_texts``) and gives exactly the tokens of
``words(fold(text))``. Where Numba is installed, tokenising, shingling and the
signatures run as compiled loops (``index.compiled``) that give the same bits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from newscollate.index import compiled
from newscollate.index.runs import ranks
from newscollate.ingest.normalize import fold_chars

__all__ = [
    "SHINGLE_WORDS",
    "Banding",
    "MinHasher",
    "Shingled",
    "band_keys",
    "candidate_pairs",
    "containment",
    "estimate_jaccard",
    "jaccard",
    "shingle_hashes",
    "shingle_hashes_batch",
    "shingle_texts",
]

U64 = npt.NDArray[np.uint64]
U32 = npt.NDArray[np.uint32]

SHINGLE_WORDS = 5  # long enough that shared shingles mean copied text, not shared phrases
EMPTY_SIGNATURE_VALUE = 0xFFFFFFFF  # every slot of the empty set's signature

_MASK = (1 << 64) - 1
_CHUNK_CHARS = 1 << 16  # code points tokenised per NumPy pass: amortises calls, stays in L2
_CHUNK_ROWS = 1 << 14  # shingles hashed per pass in ``signatures``: (num_perm, rows) stays in L3
_WORD_BASE = 0x100000001B3  # FNV-64 prime: odd, so it has an inverse modulo 2**64
_ALNUM, _JOINER = 1, 2


def _splitmix64(state: int) -> tuple[int, int]:
    """(next state, output) of SplitMix64: constants derived from a seed the same way forever,
    which NumPy's generators do not promise across versions."""
    state = (state + 0x9E3779B97F4A7C15) & _MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return state, z ^ (z >> 31)


def _constants(seed: int, n: int) -> list[int]:
    state, out = seed & _MASK, []
    for _ in range(n):
        state, value = _splitmix64(state)
        out.append(value)
    return out


_WORD_LENGTH_MIX, _SHINGLE_LENGTH_MIX, *_SHINGLE_MULTIPLIERS = _constants(0x5EED_5817, 2 + 64)
_CONSTANTS = (_WORD_BASE, _WORD_LENGTH_MIX, _SHINGLE_LENGTH_MIX, tuple(_SHINGLE_MULTIPLIERS))


def _mix(x: U64) -> U64:
    """SplitMix64's finaliser, in place: a bijection whose every output bit depends on every
    input bit, so linear hashes above it come out uniform."""
    x ^= x >> np.uint64(30)
    x *= np.uint64(0xBF58476D1CE4E5B9)
    x ^= x >> np.uint64(27)
    x *= np.uint64(0x94D049BB133111EB)
    x ^= x >> np.uint64(31)
    return x


def _mix_int(x: int) -> int:
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) & _MASK
    return x ^ (x >> 31)


# --- tokenising --------------------------------------------------------------------------


_WORD_CHARS = re.compile(r"[^\W_]+")  # the character class of ``normalize._WORD``


def _classes_for(points: npt.NDArray[np.uint8] | U32) -> npt.NDArray[np.uint8]:
    """The table ``_char_classes`` that covers ``points``: ASCII text (``uint8``, from
    ``_code_points``) needs its first 128 entries only."""
    return _char_classes(128 if points.dtype == np.uint8 else 0x110000)


@cache
def _char_classes(size: int = 0x110000) -> npt.NDArray[np.uint8]:
    """Per code point below ``size``: word character of ``normalize._WORD``, inner
    joiner (``'``, ``.``, ``-``) or separator. Built once a process from the regular
    expression's own class, by one search over the code points: about 26 ms for all
    of them, where asking each code point (``str.isalnum``, the same answers) took
    61; a process whose texts all fold to ASCII builds the first 128 only."""
    every = np.arange(size, dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")
    table = np.zeros(size, np.uint8)
    for run in _WORD_CHARS.finditer(every):
        table[run.start() : run.end()] = _ALNUM
    table[[ord("'"), ord("."), ord("-")]] = _JOINER
    return table


def _powers(n: int) -> tuple[U64, U64]:
    """``base**i`` and ``base**-i`` modulo 2**64 for i < n."""
    if n <= 2 * _CHUNK_CHARS:
        return _cached_powers(1 << max(n - 1, 1).bit_length())
    return _power_tables(n)


def _power_tables(n: int) -> tuple[U64, U64]:
    inverse = pow(_WORD_BASE, -1, 1 << 64)
    up = np.full(n, _WORD_BASE, np.uint64)
    up[0] = 1
    down = np.full(n, inverse, np.uint64)
    down[0] = 1
    return np.cumprod(up, out=up), np.cumprod(down, out=down)


_cached_powers = cache(_power_tables)  # one pair of tables per power-of-two size


def _code_points(text: str) -> npt.NDArray[np.uint8] | U32:
    if text.isascii():
        return np.frombuffer(text.encode("ascii"), np.uint8)
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), "<u4")


def _token_bounds(
    points: npt.NDArray[np.uint8] | U32,
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Start and end offsets of the tokens ``words`` finds in a folded text.

    ``[^\\W_]+(?:['.\\-][^\\W_]+)*`` matches exactly the maximal runs of characters that are
    word characters or joiners between two word characters, so token edges are where that
    mask changes.
    """
    classes = np.take(_classes_for(points), points)  # twice as fast as indexing
    alnum = classes == _ALNUM
    inside = alnum.copy()
    if len(points) > 2:
        inside[1:-1] |= (classes[1:-1] == _JOINER) & alnum[:-2] & alnum[2:]
    padded = np.zeros(len(inside) + 2, np.bool_)
    padded[1:-1] = inside
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return edges[0::2], edges[1::2]


def _word_hashes(
    points: npt.NDArray[np.uint8] | U32, starts: npt.NDArray[np.intp], ends: npt.NDArray[np.intp]
) -> U64:
    """64-bit id of each token: ``mix(sum(c_i * base**i) + len * k)``, from one prefix sum over
    the code points, so no Python loop touches a word."""
    n = len(points)
    up, down = _powers(n)
    prefix = np.empty(n + 1, np.uint64)
    prefix[0] = 0
    terms = points.astype(np.uint64)
    terms *= up[:n]
    np.cumsum(terms, out=prefix[1:])
    ids = prefix[ends] - prefix[starts]
    ids *= down[starts]
    ids += (ends - starts).astype(np.uint64) * np.uint64(_WORD_LENGTH_MIX)
    return _mix(ids)


def _word_hash(word: str) -> int:
    """Reference for one token of ``_word_hashes``, for tests."""
    total = sum(ord(c) * pow(_WORD_BASE, i, 1 << 64) for i, c in enumerate(word))
    return _mix_int((total + len(word) * _WORD_LENGTH_MIX) & _MASK)


def _shingle_hash(ids: Sequence[int]) -> int:
    """Reference for one shingle of ``_window_hashes``, for tests."""
    total = len(ids) * _SHINGLE_LENGTH_MIX
    for word_id, multiplier in zip(ids, _SHINGLE_MULTIPLIERS, strict=False):
        total += word_id * multiplier
    return _mix_int(total & _MASK)


def _window_hashes(ids: U64, k: int) -> U64:
    """Hash of every run of ``k`` consecutive word ids: a random linear combination, mixed."""
    n = len(ids) - k + 1
    out = np.full(max(n, 0), np.uint64(k * _SHINGLE_LENGTH_MIX & _MASK), np.uint64)
    if n <= 0:
        return out
    for t in range(k):
        out += ids[t : t + n] * np.uint64(_SHINGLE_MULTIPLIERS[t])
    return _mix(out)


def _chunks(folded: Sequence[str]) -> Iterator[list[int]]:
    """The indices of ``folded`` texts in groups of about ``_CHUNK_CHARS`` characters:
    first the ASCII ones, then the others. Joined, one text that is not ASCII makes a
    chunk four bytes a character, which the compiled pass reads in about 5.5 ns a
    character against 3.2 for one byte: with an "é" in one folded text in a hundred,
    mixed chunks of 25 texts were three in ten, and now those texts' own chunks are
    all there is."""
    for wanted in (True, False):
        current: list[int] = []
        size = 0
        for i, text in enumerate(folded):
            if text.isascii() is not wanted:
                continue
            current.append(i)
            size += len(text) + 1
            if size >= _CHUNK_CHARS:
                yield current
                current, size = [], 0
        if current:
            yield current


def _tokens(text: str) -> list[str]:
    """The tokens the fast path finds, as strings: for checking them against ``words``."""
    folded = fold_chars(text)
    starts, ends = _token_bounds(_code_points(folded))
    return [folded[s:e] for s, e in zip(starts.tolist(), ends.tolist(), strict=True)]


def _word_ids(text: str) -> U64:
    folded = fold_chars(text)
    points = _code_points(folded)
    return _word_hashes(points, *_token_bounds(points))


def _sorted_unique(values: U64) -> U64:
    # np.unique costs ~8x a sort on the few hundred values of an article
    ordered = np.sort(values)
    repeats = ordered[1:] == ordered[:-1]
    return ordered[np.concatenate(([True], ~repeats))] if repeats.any() else ordered


_NO_SHINGLES = np.empty(0, np.uint64)
_NO_SHINGLES.flags.writeable = False  # shared by every empty text


def shingle_hashes_batch(texts: Sequence[str], k: int = SHINGLE_WORDS) -> list[U64]:
    """``shingle_hashes`` of many texts, tokenised together: one pass per ~64,000
    characters instead of a regex and a Python list per text."""
    return shingle_texts(texts, 0, k).shingles


def lead(text: str, words: int) -> str:
    """The first ``words`` words of ``text`` (split on white space), joined by spaces."""
    return " ".join(text.split(None, words)[:words])


@dataclass(frozen=True, slots=True)
class Shingled:
    """What one pass over a batch's folded texts gives, per text: its shingles, its
    lead's (those of the first ``lead_words`` words of ``fold(text)``), and
    ``fold(text)`` itself, as UTF-8, with its number of words (the store's exact-copy
    key is a hash of it)."""

    shingles: list[U64]
    lead_shingles: list[U64]
    folded: list[bytes]
    word_counts: list[int]


def shingle_texts(texts: Sequence[str], lead_words: int, k: int = SHINGLE_WORDS) -> Shingled:
    """``shingle_hashes_batch`` of ``texts`` and of their leads, and ``fold`` of each,
    from one fold and one tokenising pass: a lead's tokens are its text's tokens before
    the point where the word after the lead starts (tokens never cross white space)."""
    _check_width(k)
    whole: list[U64] = [_NO_SHINGLES] * len(texts)
    leads: list[U64] = [_NO_SHINGLES] * len(texts)
    folded: list[bytes] = [b""] * len(texts)
    word_counts = [0] * len(texts)
    folded_texts = [fold_chars(text) for text in texts]
    for chunk in _chunks(folded_texts):
        strings, points, text_starts = _joined(folded_texts, chunk)
        if compiled.active():
            classes = _classes_for(points)
            scanned = compiled.scan(points, text_starts, classes, k, _CONSTANTS, lead_words)
            _scatter(whole, chunk, scanned.sets)
            _scatter(leads, chunk, scanned.lead_sets)
            ascii_only = scanned.collapsed.dtype == np.uint8
            data = scanned.collapsed.tobytes()
            bounds = scanned.bounds.tolist()
            for i, lo, hi, count in zip(
                chunk, bounds[:-1], bounds[1:], scanned.words.tolist(), strict=True
            ):
                folded[i] = (
                    data[lo:hi]
                    if ascii_only
                    else _utf8(data[4 * lo : 4 * hi].decode("utf-32-le", "surrogatepass"))
                )
                word_counts[i] = count
            continue
        starts, ids, first, last = _numpy_tokens(points, text_starts)
        _numpy_sets(whole, chunk, ids, first, last, k)
        cuts = text_starts + [_lead_end(string, lead_words) for string in strings]
        _numpy_sets(leads, chunk, ids, first, np.searchsorted(starts, cuts).tolist(), k)
        for i, string in zip(chunk, strings, strict=True):
            collapsed = " ".join(string.split())
            folded[i] = _utf8(collapsed)
            word_counts[i] = collapsed.count(" ") + 1 if collapsed else 0
    return Shingled(whole, leads, folded, word_counts)


def _utf8(text: str) -> bytes:
    # ingest refuses texts with lone surrogates; here they still get a hash, not an error
    return text.encode("utf-8", "surrogatepass")


def _lead_end(text: str, words: int) -> int:
    """Where word ``words + 1`` of ``text`` starts, or its length."""
    parts = text.split(None, words)
    return len(text) - len(parts[words]) if len(parts) > words else len(text)


def _check_width(k: int) -> None:
    if k < 1:
        raise ValueError("shingles need at least one word")
    if k > len(_SHINGLE_MULTIPLIERS):
        raise ValueError(f"at most {len(_SHINGLE_MULTIPLIERS)} words a shingle")


def _joined(
    folded: Sequence[str], chunk: list[int]
) -> tuple[list[str], npt.NDArray[np.uint8] | U32, npt.NDArray[np.intp]]:
    """A chunk's folded texts; their code points joined by "\n" (which ends every
    token and blocks nothing); and where each text starts."""
    strings = [folded[i] for i in chunk]
    lengths = np.fromiter(map(len, strings), np.intp, len(strings))
    return strings, _code_points("\n".join(strings)), np.cumsum(lengths + 1) - (lengths + 1)


def _numpy_tokens(
    points: npt.NDArray[np.uint8] | U32, text_starts: npt.NDArray[np.intp]
) -> tuple[npt.NDArray[np.intp], U64, list[int], list[int]]:
    """Where each token of the texts joined as ``_joined`` joins them starts, its id,
    and the index of each text's first token and of the token after its last."""
    starts, ends = _token_bounds(points)
    first = np.searchsorted(starts, text_starts).tolist()
    return starts, _word_hashes(points, starts, ends), first, [*first[1:], len(starts)]


def _numpy_sets(
    out: list[U64], chunk: list[int], ids: U64, first: list[int], last: list[int], k: int
) -> None:
    """Into ``out``, the shingle set of the tokens ``first[t]:last[t]`` of each text."""
    windows = _window_hashes(ids, k)
    for i, lo, hi in zip(chunk, first, last, strict=True):
        if hi - lo >= k:
            out[i] = _sorted_unique(windows[lo : hi - k + 1])
        elif hi > lo:
            out[i] = np.array([_shingle_hash(ids[lo:hi].tolist())], np.uint64)


def _scatter(out: list[U64], chunk: list[int], sets: compiled.Sets) -> None:
    """Each text's set, as a view of the flat array the kernel returns."""
    flat, bounds = sets
    for i, lo, hi in zip(chunk, bounds[:-1].tolist(), bounds[1:].tolist(), strict=True):
        if hi > lo:
            out[i] = flat[lo:hi]


def shingle_hashes(text: str, k: int = SHINGLE_WORDS) -> U64:
    """Sorted unique 64-bit hashes of the ``k``-word shingles of ``fold(text)``.

    A text of fewer than ``k`` words is one shingle of all its words, so short texts still
    match their copies; an empty text has no shingles.
    """
    return shingle_hashes_batch([text], k)[0]


# --- MinHash ----------------------------------------------------------------------------


class MinHasher:
    """MinHash with ``num_perm`` hash functions ``h(x) = a*x + b mod 2**32``, ``a`` odd.

    Each function is a bijection of 32-bit values, so two minima are equal exactly when they
    come from the same shingle and the share of equal slots estimates Jaccard similarity
    without bias. Inputs are mixed to 32 uniform bits first, which is what lets a power-of-two
    modulus stand in for a prime one; 32-bit arithmetic keeps twice the lanes per SIMD
    instruction of 64-bit. Signatures are ``uint32``; the empty set's is all
    ``0xFFFFFFFF``, which no non-empty set gets.
    """

    def __init__(self, num_perm: int = 128, seed: int = 1) -> None:
        if num_perm < 1:
            raise ValueError("num_perm must be positive")
        self.num_perm = num_perm
        self.seed = seed
        values = _constants(seed, 2 * num_perm)
        self._a = np.array([(v & 0xFFFFFFFF) | 1 for v in values[:num_perm]], np.uint32)[:, None]
        self._b = np.array([v & 0xFFFFFFFF for v in values[num_perm:]], np.uint32)[:, None]

    def signature(self, shingles: npt.NDArray[np.uint64]) -> U32:
        """(num_perm,) uint32 signature of one shingle set."""
        signature: U32 = self.signatures([shingles])[0]
        return signature

    def signatures(self, batch: Sequence[npt.NDArray[np.uint64]]) -> U32:
        """(len(batch), num_perm) uint32 signatures: all sets hashed in a few large passes.

        Hash values are laid out (num_perm, shingles), so each function is one contiguous
        SIMD multiply-add, and ``np.minimum.reduceat`` takes every set's minima at once.
        """
        out = np.full((len(batch), self.num_perm), EMPTY_SIGNATURE_VALUE, np.uint32)
        rows = [i for i, s in enumerate(batch) if len(s)]
        if not rows:
            return out
        if compiled.active():  # one loop over every set; empty sets keep their row
            bounds = np.zeros(len(batch) + 1, np.int64)
            np.cumsum([len(s) for s in batch], out=bounds[1:])
            values = np.concatenate(batch).astype(np.uint64, copy=False)
            compiled.signatures(values, bounds, self._a.ravel(), self._b.ravel(), out)
            return out
        sizes = np.array([len(batch[i]) for i in rows], np.intp)
        values = _mix(np.concatenate([batch[i] for i in rows]).astype(np.uint64, copy=True))
        values ^= values >> np.uint64(32)
        folded = values.astype(np.uint32)
        bounds = np.concatenate(([0], np.cumsum(sizes)))
        row_index = np.array(rows, np.intp)
        buffer = np.empty((self.num_perm, min(_CHUNK_ROWS, len(folded))), np.uint32)
        first = 0
        while first < len(rows):
            # whole sets per pass; a set bigger than the buffer gets a pass (and buffer) alone
            last = int(np.searchsorted(bounds, bounds[first] + _CHUNK_ROWS, side="right")) - 1
            last = max(last, first + 1)
            lo, hi = int(bounds[first]), int(bounds[last])
            hashed = (
                buffer[:, : hi - lo]
                if hi - lo <= buffer.shape[1]
                else np.empty((self.num_perm, hi - lo), np.uint32)
            )
            np.multiply(self._a, folded[lo:hi], out=hashed)
            hashed += self._b
            minima = np.minimum.reduceat(hashed, bounds[first:last] - lo, axis=1)
            out[row_index[first:last]] = minima.T
            first = last
        return out


def estimate_jaccard(a: U32, b: U32) -> float:
    """Share of equal slots of two signatures; two empty sets share nothing, as in ``jaccard``."""
    if len(a) != len(b):
        raise ValueError("signatures of different lengths")
    if len(a) == 0 or (_is_empty(a) and _is_empty(b)):
        return 0.0
    return float(np.count_nonzero(a == b)) / len(a)


def _is_empty(signature: U32) -> bool:
    return bool((signature == EMPTY_SIGNATURE_VALUE).all())


def _unique(a: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    # shingle_hashes gives sorted unique arrays already; checking is O(n), sorting is not
    if len(a) < 2 or bool((a[1:] > a[:-1]).all()):
        return a
    return np.unique(a)


def _intersection_size(a: npt.NDArray[np.uint64], b: npt.NDArray[np.uint64]) -> int:
    if len(a) == 0 or len(b) == 0:
        return 0
    if len(a) > len(b):
        a, b = b, a
    at = np.searchsorted(b, a)
    at[at == len(b)] = 0
    return int(np.count_nonzero(b[at] == a))


def jaccard(a: npt.NDArray[np.uint64], b: npt.NDArray[np.uint64]) -> float:
    """Exact Jaccard similarity of two shingle sets; 0.0 when both are empty."""
    a, b = _unique(a), _unique(b)
    common = _intersection_size(a, b)
    union = len(a) + len(b) - common
    return common / union if union else 0.0


def containment(a: npt.NDArray[np.uint64], b: npt.NDArray[np.uint64]) -> float:
    """Share of ``a``'s shingles that ``b`` has: near 1.0 when ``a`` is a trimmed copy of
    ``b``, however much longer ``b`` is (Jaccard would fall with the trim). 0.0 if ``a``
    is empty."""
    a, b = _unique(a), _unique(b)
    return _intersection_size(a, b) / len(a) if len(a) else 0.0


# --- banded LSH -------------------------------------------------------------------------


@dataclass(frozen=True)
class Banding:
    """How a signature is cut into ``bands`` slices of ``rows`` slots: two sets with Jaccard
    ``s`` share at least one band with probability ``1 - (1 - s**rows)**bands``."""

    bands: int
    rows: int

    def __post_init__(self) -> None:
        if self.bands < 1 or self.rows < 1:
            raise ValueError("bands and rows must be positive")

    @classmethod
    def for_threshold(
        cls, threshold: float, num_perm: int, weights: tuple[float, float] = (0.5, 0.5)
    ) -> Banding:
        """The ``bands * rows <= num_perm`` minimising the weighted area of false positives
        (below ``threshold``) and false negatives (above it), as datasketch's
        ``_optimal_param`` does, but with a fixed Simpson grid instead of adaptive
        quadrature: same choice, deterministic, and all (b, r) at once."""
        if not 0.0 < threshold < 1.0:
            raise ValueError("threshold must be in (0, 1)")
        if num_perm < 1:
            raise ValueError("num_perm must be positive")
        return cls(*_optimal_banding(threshold, num_perm, weights))

    def candidate_probability(self, similarity: float) -> float:
        return float(1.0 - (1.0 - similarity**self.rows) ** self.bands)


@cache
def _optimal_banding(
    threshold: float, num_perm: int, weights: tuple[float, float]
) -> tuple[int, int]:
    pairs = np.array(
        [(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)], np.float64
    )
    b, r = pairs[:, :1], pairs[:, 1:]
    below = np.linspace(0.0, threshold, 2049)
    above = np.linspace(threshold, 1.0, 2049)
    false_positive = _simpson(1.0 - (1.0 - below**r) ** b, threshold)
    false_negative = _simpson((1.0 - above**r) ** b, 1.0 - threshold)
    error = np.round(weights[0] * false_positive + weights[1] * false_negative, 12)
    best = int(np.argmin(error))  # the first minimum: fewest bands, then fewest rows
    return int(pairs[best, 0]), int(pairs[best, 1])


def _simpson(values: npt.NDArray[np.float64], width: float) -> npt.NDArray[np.float64]:
    n = values.shape[1] - 1
    weights = np.ones(n + 1)
    weights[1:-1:2] = 4.0
    weights[2:-1:2] = 2.0
    result: npt.NDArray[np.float64] = values @ weights * (width / n / 3.0)
    return result


_BAND_SEEDS = np.array(_constants(0xBA4D_5EED, 4096), np.uint64)


def band_keys(signatures: U32, banding: Banding) -> U64:
    """(n, bands) uint64 bucket keys: each band's slots hashed together with the band's
    number, so equal slots in different bands never share a key. Slots past
    ``bands * rows`` are unused. Empty texts all have the same signature, hence the same
    keys: leave them out of an index."""
    n, width = signatures.shape
    if banding.bands * banding.rows > width:
        raise ValueError(
            f"{banding} needs {banding.bands * banding.rows} slots, signatures have {width}"
        )
    if banding.bands > len(_BAND_SEEDS):
        raise ValueError(f"at most {len(_BAND_SEEDS)} bands")
    used = signatures[:, : banding.bands * banding.rows].astype(np.uint64)
    slots = used.reshape(n, banding.bands, banding.rows)
    keys = np.broadcast_to(_BAND_SEEDS[: banding.bands], (n, banding.bands)).copy()
    for j in range(0, banding.rows, 2):
        word = slots[:, :, j].copy()
        if j + 1 < banding.rows:
            word |= slots[:, :, j + 1] << np.uint64(32)  # two slots a word, losslessly
        keys ^= word
        _mix(keys)
    return keys


def candidate_pairs(keys: U64, max_bucket: int = 64) -> npt.NDArray[np.int64]:
    """(m, 2) row pairs ``i < j`` that share a key in at least one band: unique, sorted.

    Rows are grouped per band by sorting the key column. A bucket of at most ``max_bucket``
    rows gives all its pairs. A bigger one (a wire story reprinted by thousands of outlets)
    would give a quadratic number, so its members, in row order, are linked only to the
    bucket's first member (a star) and to the member before them (a chain): fewer than two
    pairs a member, and the bucket stays one connected component, so clustering by
    connected components finds the same groups. The chain keeps most members connected
    even if a verifier rejects the first member's links.
    """
    n, bands = keys.shape
    if max_bucket < 2:
        raise ValueError("max_bucket must be at least 2")
    codes: list[npt.NDArray[np.int64]] = []
    for band in range(bands):
        column = keys[:, band]
        order = np.argsort(column, kind="stable").astype(np.int64)  # ties keep row order
        ordered = column[order]
        starts = np.flatnonzero(np.concatenate(([True], ordered[1:] != ordered[:-1])))
        sizes = np.diff(np.append(starts, n))
        small = (sizes >= 2) & (sizes <= max_bucket)
        left, right = _all_pairs(starts[small], sizes[small])
        big_left, big_right = _star_and_chain(starts[sizes > max_bucket], sizes[sizes > max_bucket])
        i = order[np.concatenate((left, big_left))]
        j = order[np.concatenate((right, big_right))]
        codes.append(np.minimum(i, j) * n + np.maximum(i, j))
    unique = np.unique(np.concatenate(codes)) if codes else np.empty(0, np.int64)
    return np.stack((unique // max(n, 1), unique % max(n, 1)), axis=1).astype(np.int64)


def _all_pairs(
    starts: npt.NDArray[np.intp], sizes: npt.NDArray[np.intp]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Every (p, q), p < q, within each run ``starts[g] .. starts[g] + sizes[g]``, vectorised."""
    members = np.repeat(starts, sizes) + ranks(sizes)  # positions in the sorted column
    later = np.repeat(sizes, sizes) - 1 - ranks(sizes)  # partners after each member
    left = np.repeat(members, later)
    right = left + 1 + ranks(later)
    return left.astype(np.int64), right.astype(np.int64)


def _star_and_chain(
    starts: npt.NDArray[np.intp], sizes: npt.NDArray[np.intp]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    rank = ranks(sizes)
    firsts = np.repeat(starts, sizes)
    members = firsts + rank
    star = rank >= 1
    chain = rank >= 2
    left = np.concatenate((firsts[star], members[chain] - 1))
    right = np.concatenate((members[star], members[chain]))
    return left.astype(np.int64), right.astype(np.int64)
