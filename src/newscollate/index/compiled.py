"""The loops of the near-duplicate stage, compiled with Numba: shingling and MinHash
(``index.minhash``), and sorting, merging and searching the band runs
(``index.runs``).

NumPy runs the tokeniser as some fifteen passes over every character (classes,
masks, edges, a prefix sum of powers) and the signatures as three passes over a
(permutations x shingles) buffer; each pass is fast, but together they were most of
the near-duplicate stage. Here each is one loop: a character is read once, a
shingle is hashed into all its permutations while it is in a register. The
arithmetic is the same 64- and 32-bit wrap-around as the NumPy code, so the
results are the same bits (``tests/index/test_minhash.py`` checks them against the
NumPy code and against plain Python; ``tests/index/test_runs.py`` the runs).

Numba is optional (the ``fast`` extra): where it is missing, or has no build for
the Python in use yet, ``active()`` is False and the callers keep their NumPy
code.

Where Numba is there, the kernels are compiled ahead of time, once, into a small
extension module of their own (``numba.pycc``, for this machine's processor, in
``__pycache__`` beside this file; about 6 s and a C compiler, on first use). Finding
and loading it costs a process about 3 ms and no Numba: loading Numba's own cached code took about
0.3 s a process (importing Numba, then its typing and lowering registries), which
was a third of the near-duplicate stage's time for 10,000 articles, and every
Spark worker and store worker paid it. The module's name carries a digest of this
file, the finaliser it inlines, the NumPy and Numba versions and the processor, so
code that changed is never run from an old build. Where it cannot be built (no
compiler, a read-only install), the kernels are compiled just in time, cached by
Numba as before (about 5 s once, then 0.3 s a process).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.machinery
import importlib.metadata
import importlib.util
import inspect
import logging
import platform
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = [
    "AVAILABLE", "Scanned", "active", "ahead_of_time", "directory", "just_in_time", "locate",
    "merge_runs", "numpy_only", "ready", "scan", "signatures", "sort_run", "sort_unique",
]  # fmt: skip

log = logging.getLogger(__name__)

AVAILABLE = importlib.util.find_spec("numba") is not None
_declined = 0  # how many ``numpy_only`` blocks are open
_jit_only = 0  # how many ``just_in_time`` blocks are open


def active() -> bool:
    """Whether the callers run these loops: Numba is there and no ``numpy_only``
    block is open."""
    return AVAILABLE and not _declined


@contextlib.contextmanager
def numpy_only() -> Iterator[None]:
    """Run the NumPy code meanwhile, which gives the same bits: for a batch or two,
    loading the compiled code (about 0.4 s and 130 MB a process) costs more than it
    saves."""
    global _declined
    _declined += 1
    try:
        yield
    finally:
        _declined -= 1


@contextlib.contextmanager
def just_in_time() -> Iterator[None]:
    """Run Numba's just-in-time code meanwhile, not the ahead-of-time module: the code
    that runs where the module cannot be built, which gives the same bits."""
    global _jit_only
    _jit_only += 1
    try:
        yield
    finally:
        _jit_only -= 1


U64 = npt.NDArray[np.uint64]
U32 = npt.NDArray[np.uint32]
Sets = tuple[U64, npt.NDArray[np.int64]]  # shingle sets, flat, and where each begins

# what str.split() splits on (no code point above U+3000 is white space), and a last
# entry, not white space, that stands for every code point above
_SPACES = np.array([chr(c).isspace() for c in range(0x3002)], np.uint8)

_KERNELS: list[str] = []  # the names ``_jitted`` rebinds to compiled code
_mix: Any = None  # index.minhash._mix (SplitMix64's finaliser), compiled by ``_jitted``


def _jit(function: Any) -> Any:
    _KERNELS.append(function.__name__)
    return function


@cache
def _jitted() -> dict[str, Any]:
    """Each kernel compiled just in time, on first use, by the names ``_EXPORTS`` gives
    them. The module's globals are rebound too, so that kernels calling one another
    call compiled code. Importing Numba takes a tenth of a second, which every
    command would pay, and most never shingle."""
    import numba

    from newscollate.index.minhash import _mix

    module = globals()
    for name, function in [("_mix", _mix), *((name, module[name]) for name in _KERNELS)]:
        try:
            module[name] = numba.njit(cache=True, nogil=True, boundscheck=False)(function)
        except RuntimeError:  # no writable cache directory (a read-only install)
            module[name] = numba.njit(nogil=True, boundscheck=False)(function)
    return {export: module[kernel] for export, (kernel, _) in _EXPORTS.items()}


# What the ahead-of-time module exports: its name for each kernel, which kernel, and
# the one signature it is compiled for (arrays C-contiguous; ``_scan`` twice, for
# ASCII and for wider text). The wrappers below hand the kernels exactly these types:
# the module checks none of them, and an array of another type crashes it.
_EXPORTS: dict[str, tuple[str, str]] = {
    "scan_u8": ("_scan", "Tuple((i8[::1], u8[::1], u1[::1], i8[::1], i8[::1], i8[::1]))"
                "(u1[::1], i8[::1], i8[::1], u1[::1], u1[::1], i8, u8, u8)"),
    "scan_u32": ("_scan", "Tuple((i8[::1], u8[::1], u4[::1], i8[::1], i8[::1], i8[::1]))"
                 "(u4[::1], i8[::1], i8[::1], u1[::1], u1[::1], i8, u8, u8)"),
    "sort_unique": ("_sort_unique", "i8(u8[::1], u8[::1])"),
    "shingles": ("_shingles", "Tuple((u8[::1], i8[::1]))(u8[::1], i8[::1], i8[::1], i8, u8[::1], u8)"),
    "signatures": ("_signatures", "none(u8[::1], i8[::1], u4[::1], u4[::1], u4[:, ::1])"),
    "merge": ("_merge", "Tuple((i8[::1], i4[::1]))(i8[::1], i4[::1], i8[::1], i4[::1])"),
    "locate": ("_locate", "Tuple((i8[::1], i8[::1]))(i8[::1], i8[::1], i8, i8[::1])"),
    "sort_run": ("_sort_run", "Tuple((i8[::1], i4[::1]))(i8[::1], i4[::1])"),
    "directory": ("_directory", "i8[::1](i8[::1], i8)"),
}  # fmt: skip


def _library() -> Path:
    """Where the ahead-of-time module of this code, for this machine, is."""
    from newscollate.index.minhash import _mix

    parts = [
        Path(__file__).read_bytes(),
        inspect.getsource(_mix).encode(),
        np.__version__.encode(),
        importlib.metadata.version("numba").encode(),
        platform.machine().encode(),
        _processor(),
    ]
    digest = hashlib.sha256(b"\0".join(parts)).hexdigest()[:16]
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    return Path(__file__).with_name("__pycache__") / f"_kernels_{digest}{suffix}"


def _module_name(path: Path) -> str:
    return path.name.split(".")[0]  # _kernels_<digest>, which its init function is named by


def _processor() -> bytes:
    """What the code is compiled for (``target_cpu="host"``): a build copied to another
    processor could use instructions it lacks."""
    with contextlib.suppress(OSError):
        lines = Path("/proc/cpuinfo").read_text().splitlines()
        first = [next((x for x in lines if x.startswith(k)), "") for k in ("model name", "flags")]
        return "\n".join(first).encode()
    return platform.processor().encode()


def _build(path: Path) -> None:
    """Compile the kernels ahead of time into ``path``: into a directory of its own
    first, then moved there, so processes building at once never load half a file."""
    with warnings.catch_warnings():  # "pending deprecation": where it is gone, JIT it is
        warnings.simplefilter("ignore")
        pycc: Any = importlib.import_module("numba.pycc")

    kernels = _jitted()  # the kernels' calls to one another must be Numba's
    path.parent.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=path.parent) as work:
        compiler = pycc.CC(_module_name(path))
        compiler.output_dir = work
        compiler.target_cpu = "host"
        compiler.verbose = False
        for export, (_, signature) in _EXPORTS.items():
            compiler.export(export, signature)(kernels[export].py_func)
        compiler.compile()
        [built] = Path(work).glob(_module_name(path) + "*")
        built.replace(path)


@cache
def _ahead_of_time() -> dict[str, Any] | None:
    """The ahead-of-time module's kernels, built on first use; None where it cannot be
    built, and the kernels are compiled just in time instead."""
    path = _library()
    if not path.exists():
        try:
            _build(path)
        except Exception as error:  # no C compiler, a read-only install, ...
            log.info("the index kernels are compiled just in time: %s", error)
            return None
    spec = importlib.util.spec_from_file_location(_module_name(path), path)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {export: getattr(module, export) for export in _EXPORTS}


def ahead_of_time() -> bool:
    """Whether the kernels run from the ahead-of-time module (building it if need be)."""
    return not _jit_only and _ahead_of_time() is not None


def ready() -> bool:
    """Whether the kernels load at no cost, without building anything: the
    ahead-of-time module of this code is built and may be used."""
    return AVAILABLE and not _declined and not _jit_only and _library().exists()


def _kernel(name: str) -> Any:
    kernels = None if _jit_only else _ahead_of_time()
    return (kernels or _jitted())[name]


def _c(array: Any, dtype: Any) -> Any:
    return np.ascontiguousarray(array, dtype)


@_jit
def _scan(
    points: Any,
    starts: Any,
    ends: Any,
    classes: Any,
    spaces: Any,
    words: int,
    base: Any,
    length_mix: Any,
) -> tuple[Any, Any, Any, Any, Any, Any]:
    """One pass over each text ``points[starts[t]:ends[t]]`` for all that is read off
    its characters. It is no faster than three passes were (about 22 µs an article
    for ``shingle_texts`` either way); it is one so that the lead's cut counts the
    same words as the collapsed text:

    - the start offset and id of every token, as ``minhash._token_bounds`` and
      ``minhash._word_hashes`` find them (a word character, or a joiner between two
      word characters, is inside a token);
    - the text with its white space collapsed (``" ".join(text.split())``), flat,
      with each text's bounds and number of words; white space is ``spaces``, and
      every character is written, the end moving on past it unless it is white
      space after white space (no branch on the characters, which cost twice as
      much);
    - where its word ``words + 1`` starts, or its end."""
    n = len(points)
    token_starts = np.empty(n // 2 + 1, np.int64)
    ids = np.empty(n // 2 + 1, np.uint64)
    collapsed = np.empty_like(points)
    bounds = np.zeros(len(starts) + 1, np.int64)
    counts = np.zeros(len(starts), np.int64)
    cuts = ends.copy()
    top = len(spaces) - 1
    tokens = 0
    size = 0
    for t in range(len(starts)):
        lo, hi = starts[t], ends[t]
        begin = size
        after_space = np.uint8(1)  # at the start, white space is dropped
        found = 0
        start = -1
        total = np.uint64(0)
        power = np.uint64(1)
        for i in range(lo, hi):
            point = points[i]
            space = spaces[min(point, top)]
            collapsed[size] = 32 if space else point
            size += (space ^ 1) | (after_space ^ 1)
            starts_word = (space ^ 1) & after_space
            found += starts_word
            if found == words + 1 and starts_word:
                cuts[t] = i
            after_space = space
            kind = classes[point]
            inside = kind == 1
            if kind == 2 and lo < i < hi - 1:
                inside = classes[points[i - 1]] == 1 and classes[points[i + 1]] == 1
            if inside:
                if start < 0:
                    start = i
                    total = np.uint64(0)
                    power = np.uint64(1)
                total += np.uint64(point) * power
                power *= base
            elif start >= 0:
                token_starts[tokens] = start
                ids[tokens] = _mix(total + np.uint64(i - start) * length_mix)
                tokens += 1
                start = -1
        if start >= 0:
            token_starts[tokens] = start
            ids[tokens] = _mix(total + np.uint64(hi - start) * length_mix)
            tokens += 1
        if after_space and size > begin:  # the space written for trailing white space
            size -= 1
        counts[t] = found
        bounds[t + 1] = size
    return token_starts[:tokens], ids[:tokens], collapsed[:size], bounds, counts, cuts


@_jit
def _sort_unique(values: Any, spare: Any) -> int:
    """Sort ``values`` in place and move its distinct values to the front; their count.
    The values are hashes, spread evenly, so a counting pass on their top bits puts
    each within a few places of its own, and an insertion sort finishes in linear
    time: some five times faster than the quicksort ``np.sort`` compiles to. Values
    made to share their top bits would make that quadratic; past a linear budget of
    moves, a merge sort takes over."""
    n = len(values)
    bits = 1
    while (1 << bits) < n:
        bits += 1
    shift = np.uint64(64 - bits)
    counts = np.zeros((1 << bits) + 1, np.int64)
    for i in range(n):
        counts[(values[i] >> shift) + np.uint64(1)] += 1
    for j in range(1 << bits):
        counts[j + 1] += counts[j]
    for i in range(n):
        bucket = values[i] >> shift
        spare[counts[bucket]] = values[i]
        counts[bucket] += 1
    kept = 0
    moves = 0
    for i in range(n):
        value = spare[i]
        j = kept
        while j > 0 and values[j - 1] > value:
            j -= 1
        moves += kept - j
        if moves > 8 * n + 64:  # not spread evenly (a text crafted to be slow): merge sort
            ordered = spare[:n][np.argsort(spare[:n], kind="mergesort")]
            kept = 1
            values[0] = ordered[0]
            for w in range(1, n):
                if ordered[w] != ordered[w - 1]:
                    values[kept] = ordered[w]
                    kept += 1
            return kept
        if j > 0 and values[j - 1] == value:
            continue  # a repeat: already kept
        for m in range(kept, j, -1):
            values[m] = values[m - 1]
        values[j] = value
        kept += 1
    return kept


@_jit
def _shingles(
    ids: Any, first: Any, last: Any, k: int, multipliers: Any, length_mix: Any
) -> tuple[Any, Any]:
    """Sorted unique shingle hashes of the tokens ``first[t]:last[t]`` of each text
    ``t``, flat, with each text's bounds: ``minhash._window_hashes`` of the runs of
    ``k`` words, or one shingle of all the words of a text shorter than that."""
    texts = len(first)
    bounds = np.zeros(texts + 1, np.int64)
    out = np.empty(max(len(ids), texts), np.uint64)
    spare = np.empty(max(len(ids), texts), np.uint64)
    size = 0
    for t in range(texts):
        lo, hi = first[t], last[t]
        width = min(k, hi - lo)
        windows = hi - lo - width + 1 if hi > lo else 0
        for w in range(windows):
            value = np.uint64(width) * length_mix
            for u in range(width):
                value += ids[lo + w + u] * multipliers[u]
            out[size + w] = _mix(value)
        if windows > 1:
            windows = _sort_unique(out[size : size + windows], spare)
        size += windows
        bounds[t + 1] = size
    return out[:size], bounds


@_jit
def _signatures(values: Any, bounds: Any, a: Any, b: Any, out: Any) -> None:
    """Row ``t`` of ``out``: per permutation, the least ``a * v + b`` (mod 2**32) over
    the set ``values[bounds[t]:bounds[t + 1]]``, each value mixed and folded to 32
    bits first, as ``MinHasher.signatures`` does; empty sets keep ``out``'s row."""
    permutations = len(a)
    for t in range(len(bounds) - 1):
        row = out[t]
        for s in range(bounds[t], bounds[t + 1]):
            x = _mix(values[s])
            folded = np.uint32(x ^ (x >> np.uint64(32)))
            for p in range(permutations):
                hashed = np.uint32(a[p] * folded + b[p])
                if hashed < row[p]:
                    row[p] = hashed


@cache
def _multipliers(values: tuple[int, ...]) -> U64:
    return np.array(values, np.uint64)


@dataclass(frozen=True, slots=True)
class Scanned:
    """What ``scan`` reads off a chunk of texts."""

    sets: Sets  # each text's shingles
    lead_sets: Sets  # those of its tokens before its word ``lead_words + 1``
    collapsed: npt.NDArray[np.uint8] | U32  # each text with its white space collapsed
    bounds: npt.NDArray[np.int64]  # where each text's begins in ``collapsed``
    words: npt.NDArray[np.int64]  # each text's number of words


def scan(
    points: npt.NDArray[np.uint8] | U32,
    text_starts: npt.NDArray[np.intp],
    classes: npt.NDArray[np.uint8],
    k: int,
    constants: tuple[int, int, int, tuple[int, ...]],
    lead_words: int,
) -> Scanned:
    """Shingles, lead shingles and collapsed white space of the texts joined in
    ``points`` (each starting at its ``text_starts`` offset, separated by a character
    that ends tokens); words are split as ``str.split`` splits them. ``constants`` are
    the word base, the word and shingle length mixes, and the shingle multipliers."""
    base, word_mix, shingle_mix, multipliers = constants
    wide = points.dtype != np.uint8
    points = _c(points, np.uint32 if wide else np.uint8)
    text_starts = _c(text_starts, np.int64)
    ends = np.append(text_starts[1:] - 1, len(points))
    starts, ids, collapsed, bounds, words, cuts = _kernel("scan_u32" if wide else "scan_u8")(
        points, text_starts, ends, _c(classes, np.uint8), _SPACES, lead_words,
        np.uint64(base), np.uint64(word_mix),
    )  # fmt: skip
    first = np.searchsorted(starts, text_starts)
    last = np.append(first[1:], len(starts))
    shingles = _kernel("shingles")
    mixes = _multipliers(multipliers), np.uint64(shingle_mix)
    return Scanned(
        shingles(ids, first, last, k, *mixes),
        shingles(ids, first, _c(np.searchsorted(starts, cuts), np.int64), k, *mixes),
        collapsed,
        bounds,
        words,
    )


def signatures(values: U64, bounds: npt.NDArray[np.int64], a: U32, b: U32, out: U32) -> None:
    """Fill ``out`` (sets x permutations, every slot 0xFFFFFFFF) with the MinHash
    signatures of the sets ``values[bounds[t]:bounds[t + 1]]``."""
    if out.dtype != np.uint32 or not out.flags.c_contiguous:
        raise TypeError("signatures are written into a C-contiguous uint32 array")
    _kernel("signatures")(
        _c(values, np.uint64), _c(bounds, np.int64), _c(a, np.uint32), _c(b, np.uint32), out
    )


def sort_unique(values: U64, spare: U64) -> int:
    """Sort the hashes ``values`` in place and move their distinct values to the front;
    their count. ``spare`` is as long and is overwritten."""
    for array in values, spare:
        if array.dtype != np.uint64 or not array.flags.c_contiguous:
            raise TypeError("sort_unique sorts C-contiguous uint64 arrays in place")
    count: int = _kernel("sort_unique")(values, spare)
    return count


@_jit
def _merge(keys_a: Any, rows_a: Any, keys_b: Any, rows_b: Any) -> tuple[Any, Any]:
    n, m = len(keys_a), len(keys_b)
    keys = np.empty(n + m, keys_a.dtype)
    rows = np.empty(n + m, rows_a.dtype)
    i = j = 0
    for out in range(n + m):
        if j >= m or (i < n and keys_a[i] <= keys_b[j]):
            keys[out] = keys_a[i]
            rows[out] = rows_a[i]
            i += 1
        else:
            keys[out] = keys_b[j]
            rows[out] = rows_b[j]
            j += 1
    return keys, rows


def merge_runs(
    keys_a: npt.NDArray[np.int64],
    rows_a: npt.NDArray[np.int32],
    keys_b: npt.NDArray[np.int64],
    rows_b: npt.NDArray[np.int32],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int32]]:
    """Two runs sorted by key as one, ``a``'s pairs first within a key: one pass,
    where a stable argsort of the two (what the NumPy code does) and the gathers after
    it took 2 to 15 times as long (runs of 50,000 to 25 million keys)."""
    merged: tuple[npt.NDArray[np.int64], npt.NDArray[np.int32]] = _kernel("merge")(
        _c(keys_a, np.int64), _c(rows_a, np.int32), _c(keys_b, np.int64), _c(rows_b, np.int32)
    )
    return merged


@_jit
def _locate(run: Any, starts: Any, bits: int, wanted: Any) -> tuple[Any, Any]:
    low = np.empty(len(wanted), np.int64)
    ends = np.empty(len(wanted), np.int64)
    counts = np.empty(len(wanted), np.int64)
    shift = 64 - bits
    half = 1 << (bits - 1)
    # every key's span first: loads that depend on no branch, so the processor has many
    # cache misses of a large run's directory in flight at once (a million keys in a run
    # of 25 million: 76 ms, against 108 with each span read just before its search; at
    # 2.5 million, 41 against 39)
    for i in range(len(wanted)):
        at = (wanted[i] >> shift) + half
        low[i] = starts[at]
        ends[i] = starts[at + 1]
    for i in range(len(wanted)):
        key, lo, end = wanted[i], low[i], ends[i]
        hi = end
        while lo < hi:  # the first position not below the key
            middle = (lo + hi) >> 1
            if run[middle] < key:
                lo = middle + 1
            else:
                hi = middle
        low[i] = lo
        hi = end
        while lo < hi:  # the first position past it
            middle = (lo + hi) >> 1
            if run[middle] <= key:
                lo = middle + 1
            else:
                hi = middle
        counts[i] = lo - low[i]
    return low, counts


def locate(
    run: npt.NDArray[np.int64],
    starts: npt.NDArray[np.int64],
    bits: int,
    wanted: npt.NDArray[np.int64],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Where each key of ``wanted`` begins in the sorted ``run`` and how often it is
    there, searching only the span that ``starts`` (``runs._Directory``'s) gives the
    range of its top ``bits`` bits."""
    found: tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]] = _kernel("locate")(
        _c(run, np.int64), _c(starts, np.int64), bits, _c(wanted, np.int64)
    )
    return found


@_jit
def _sort_run(keys: Any, rows: Any) -> tuple[Any, Any]:
    n = len(keys)
    bits = 1
    while (1 << bits) < n:
        bits += 1
    shift = 64 - bits
    half = 1 << (bits - 1)
    counts = np.zeros((1 << bits) + 1, np.int64)
    for i in range(n):
        counts[(keys[i] >> shift) + half + 1] += 1
    for j in range(1 << bits):
        counts[j + 1] += counts[j]
    out_keys = np.empty_like(keys)
    out_rows = np.empty_like(rows)
    for i in range(n):  # stable: within a range, in the order given
        at = (keys[i] >> shift) + half
        out_keys[counts[at]] = keys[i]
        out_rows[counts[at]] = rows[i]
        counts[at] += 1
    moves = 0
    for i in range(1, n):  # stable: a key moves only past greater ones
        key, row = out_keys[i], out_rows[i]
        j = i
        while j > 0 and out_keys[j - 1] > key:
            out_keys[j] = out_keys[j - 1]
            out_rows[j] = out_rows[j - 1]
            j -= 1
        out_keys[j] = key
        out_rows[j] = row
        moves += i - j
        if moves > 8 * n + 64:  # not spread evenly: a merge sort of what is left
            order = np.argsort(out_keys, kind="mergesort")
            return out_keys[order], out_rows[order]
    return out_keys, out_rows


def sort_run(
    keys: npt.NDArray[np.int64], rows: npt.NDArray[np.int32]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int32]]:
    """(key, row) pairs sorted by key, rows in the order given within a key: a counting
    pass on the keys' top bits and an insertion sort, linear in time for keys spread
    evenly (hashes), where NumPy's stable sort of int64 is a merge sort. Keys that are
    not spread evenly fall back to that merge sort after a linear budget of moves."""
    if not len(keys):
        return keys, rows
    ordered: tuple[npt.NDArray[np.int64], npt.NDArray[np.int32]] = _kernel("sort_run")(
        _c(keys, np.int64), _c(rows, np.int32)
    )
    return ordered


@_jit
def _directory(keys: Any, bits: int) -> Any:
    starts = np.empty((1 << bits) + 1, np.int64)
    shift = 64 - bits
    half = 1 << (bits - 1)
    filled = 0  # the ranges whose start is written
    for i in range(len(keys)):
        at = (keys[i] >> shift) + half
        while filled <= at:
            starts[filled] = i
            filled += 1
    while filled <= 1 << bits:
        starts[filled] = len(keys)
        filled += 1
    return starts


def directory(keys: npt.NDArray[np.int64], bits: int) -> npt.NDArray[np.int64]:
    """Where each range of the sorted ``keys``' top ``bits`` bits begins (as an offset
    from the least int64), and their end: one pass over the keys."""
    starts: npt.NDArray[np.int64] = _kernel("directory")(_c(keys, np.int64), bits)
    return starts
