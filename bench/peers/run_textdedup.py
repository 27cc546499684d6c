"""Near-duplicate clusters with text-dedup's MinHash, over newscollate's shingles.

    bench/.venv-peers/bin/python bench/peers/run_textdedup.py CORPUS.jsonl \
        --threshold 0.5 --num-perm 128 --out RESULT.json [--pairs PAIRS.tsv]

text-dedup (0.4.0, the newest release that installs on Python 3.11) is a CLI over
HuggingFace ``datasets``: ``python -m text_dedup.minhash`` loads a dataset,
fingerprints it (``embed_func`` through ``Dataset.map``), puts each band of each
signature into hash tables, unions every bucket with more than one member in a
union-find, and saves the dataset with one article per cluster. This script runs
that very ``main`` (its click callback, with the same argument objects the CLI
builds) on a local JSONL, offline, with ``num_proc`` processes, and adds only:

- prepare: the corpus is rewritten as ``{"id", "text"}`` JSONL whose text is the
  project's tokens, ``words(fold(text))``, joined by single spaces, with a
  token's inner ``'``, ``.``, ``-`` written as ``_``, ``__``, ``___``. text-dedup
  splits on ``\\W`` (underscore is a word character) and lower-cases, so it gets
  exactly the project's tokens, and with ``ngram=5, min_length=0`` exactly the
  project's shingles up to that one-to-one spelling of inner punctuation (checked
  on the first ``--check`` articles): same sets, same Jaccard.
- observation hooks: a ``Timer`` subclass records text-dedup's own stage timings,
  and while its "Clustering" stage runs, ``min`` in the module sees each bucket
  set (the code calls ``min(cluster)`` once per bucket) so the LSH candidate pairs
  can be listed. Nothing in the hashing, banding or union-find is replaced.

PAIRS.tsv lists all pairs within each union-find cluster (what text-dedup treats
as duplicates of each other); the third column is ``bucket`` when the two shared
an LSH bucket (a candidate pair, as datasketch's query returns them) and
``transitive`` when they were only joined through other articles.
"""

from __future__ import annotations

import argparse
import builtins
import itertools
import json
import logging
import os
import re
import resource
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

WORK = Path(tempfile.mkdtemp(prefix="peers-textdedup-"))
for _name, _value in {
    "HF_DATASETS_OFFLINE": "1",
    "HF_HUB_OFFLINE": "1",
    "HF_HOME": str(WORK / "hf"),
    "HF_DATASETS_CACHE": str(WORK / "hf" / "datasets"),
    "HF_HUB_DISABLE_TELEMETRY": "1",
}.items():
    os.environ[_name] = _value
if "--verbose" not in sys.argv:
    os.environ["TQDM_DISABLE"] = "1"  # read when tqdm is imported

_T0 = time.perf_counter()

import datasets  # noqa: E402
import text_dedup.minhash as tdm  # noqa: E402
from _common import (  # noqa: E402
    SHINGLE_WORDS,
    Stages,
    cpu_seconds,
    loadavg,
    machine,
    ordered,
    peak_rss_mib,
    read_jsonl,
    shingle_strings,
    tokens,
    versions,
    vmhwm_mib,
    write_pairs,
    write_result,
)
from text_dedup.utils import IOArgs, MetaArgs, MinHashArgs, Timer, ngrams  # noqa: E402

IMPORT_SECONDS = time.perf_counter() - _T0

_INNER = {"'": "_", ".": "__", "-": "___"}
_INNER_RE = re.compile(r"['.\-]")
_BACK = {v: k for k, v in _INNER.items()}
_UNDERSCORES = re.compile(r"_+")


def encode(token: str) -> str:
    """A project token spelled so that text-dedup's ``\\W`` split keeps it whole."""
    return _INNER_RE.sub(lambda m: _INNER[m.group()], token)


def decode(token: str) -> str:
    return _UNDERSCORES.sub(lambda m: _BACK[m.group()], token)


def textdedup_shingles(text: str, n: int) -> set[str]:
    """The shingles text-dedup's ``embed_func`` makes of ``text`` (before hashing)."""
    return {" ".join(t).lower() for t in ngrams(tdm.NON_ALPHA.split(text.lower()), n, 0)}


class _Observed:
    timer: Timer | None = None
    buckets: list[frozenset[int]] = []  # noqa: RUF012


def _seeing_min(*args: Any, **kwargs: Any) -> Any:
    if len(args) == 1 and not kwargs and isinstance(args[0], set):
        _Observed.buckets.append(frozenset(args[0]))
    return builtins.min(*args, **kwargs)


class ObservedTimer(Timer):  # type: ignore[misc]
    """text-dedup's Timer, kept for reading, that also watches the Clustering stage."""

    def __init__(self) -> None:
        super().__init__()
        _Observed.timer = self

    def __call__(self, name: str) -> Any:
        inner = super().__call__(name)
        if name != "Clustering":
            return inner
        return _watch_buckets(inner)


@contextmanager
def _watch_buckets(inner: Any) -> Iterator[None]:
    tdm.min = _seeing_min
    try:
        with inner:
            yield
    finally:
        del tdm.min


def prepare(corpus: Path, target: Path, keep: int) -> tuple[list[str], list[str]]:
    """Write the text-dedup input; return the ids (row order) and the first ``keep`` texts."""
    ids: list[str] = []
    texts: list[str] = []
    with target.open("w", encoding="utf-8") as handle:
        for doc_id, text in read_jsonl(corpus):
            encoded = " ".join(encode(t) for t in tokens(text))
            ids.append(doc_id)
            if len(texts) < keep:
                texts.append(encoded)
            handle.write(json.dumps({"id": doc_id, "text": encoded}, ensure_ascii=False) + "\n")
    return ids, texts


def check_shingles(corpus: Path, texts: list[str], limit: int) -> int:
    """Assert text-dedup's shingles are the project's for the first ``limit`` articles."""
    checked = 0
    for (_, original), encoded in zip(read_jsonl(corpus), texts[:limit], strict=False):
        ours = set(shingle_strings(tokens(original)))
        theirs = {" ".join(decode(w) for w in s.split(" ")) for s in textdedup_shingles(encoded, 5)}
        if ours != theirs:
            raise AssertionError(f"shingles differ: {sorted(ours ^ theirs)[:5]}")
        checked += 1
    return checked


def run(
    corpus: Path, threshold: float, num_perm: int, hash_name: str, num_proc: int, check: int
) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
    datasets.disable_progress_bars()
    tdm.Timer = ObservedTimer
    _Observed.buckets = []
    stages = Stages()
    load_before = loadavg()
    cpu0, cpu0_children = cpu_seconds()
    start = time.perf_counter()
    with stages("prepare"):
        input_jsonl = WORK / "input.jsonl"
        ids, texts = prepare(corpus, input_jsonl, check)
    with stages("text_dedup"):
        tdm.main.callback(
            io_args=IOArgs(
                path="json",
                data_files=str(input_jsonl),
                split="train",
                cache_dir=str(WORK / "hf" / "datasets"),
                output=str(WORK / "deduplicated"),
                num_proc=num_proc,
                clean_cache=True,
            ),
            meta_args=MetaArgs(column="text", batch_size=10_000),
            minhash_args=MinHashArgs(
                ngram=SHINGLE_WORDS,
                min_length=0,
                num_perm=num_perm,
                threshold=threshold,
                hash_func=hash_name,
                hash_bits=64,
            ),
        )
    end_to_end = time.perf_counter() - start
    peak_end_to_end = vmhwm_mib()  # before pairs are listed for the TSV
    cpu1, cpu1_children = cpu_seconds()
    with stages("extract_pairs"):
        uf = tdm.uf
        members: dict[int, list[int]] = defaultdict(list)
        for index in list(uf.parent):
            members[uf.find(index)].append(index)
        clusters = [sorted(m) for m in members.values() if len(m) > 1]
        direct: set[tuple[str, str]] = set()
        for bucket in _Observed.buckets:
            for a, b in itertools.combinations(bucket, 2):
                direct.add(ordered(ids[a], ids[b]))
        rows: list[tuple[str, str, str]] = []
        for cluster in clusters:
            for a, b in itertools.combinations(cluster, 2):
                pair = ordered(ids[a], ids[b])
                rows.append((*pair, "bucket" if pair in direct else "transitive"))
    checked = check_shingles(corpus, texts, check) if check else 0
    timer = _Observed.timer
    own = dict(timer.elapsed_times) if timer is not None else {}
    n = len(ids)
    bands, rows_per_band = tdm.optimal_param(threshold, num_perm, 0.5, 0.5)
    result: dict[str, Any] = {
        "tool": "text-dedup",
        "versions": versions("text-dedup", "datasets", "numpy", "xxhash", "pyarrow"),
        "machine": machine(),
        "corpus": str(corpus),
        "articles": n,
        "params": {
            "threshold": threshold,
            "num_perm": num_perm,
            "bands": bands,
            "rows": rows_per_band,
            "hash": hash_name,
            "hash_bits": 64,
            "ngram": SHINGLE_WORDS,
            "min_length": 0,
            "shingle_words": SHINGLE_WORDS,
            "processes": num_proc,
        },
        "shingles_checked_articles": checked,
        "import_seconds": round(IMPORT_SECONDS, 3),
        "stages_seconds": {k: round(v, 3) for k, v in stages.seconds.items()},
        "text_dedup_stages_seconds": {k: round(v, 3) for k, v in own.items()},
        "end_to_end_seconds": round(end_to_end, 3),
        "end_to_end_cpu_seconds": round(cpu1 - cpu0, 3),
        "end_to_end_cpu_seconds_children": round(cpu1_children - cpu0_children, 3),
        "loadavg_before": load_before,
        "loadavg_after": loadavg(),
        "articles_per_second": round(n / end_to_end, 1) if end_to_end > 0 else None,
        "peak_rss_mib": round(peak_rss_mib(), 1),
        "peak_rss_mib_end_to_end": round(peak_end_to_end, 1),
        "peak_rss_children_mib": round(peak_rss_mib(resource.RUSAGE_CHILDREN), 1),
        "pairs": {
            "candidate": len(direct),
            "cluster": len(rows),
            "cluster_transitive_only": sum(1 for r in rows if r[2] == "transitive"),
        },
        "clusters": {
            "count": len(clusters),
            "articles_in_clusters": sum(len(c) for c in clusters),
            "largest": max((len(c) for c in clusters), default=0),
            "articles_kept": n - sum(len(c) - 1 for c in clusters),
        },
        "pairs_tsv_columns": ["id_a", "id_b", "bucket|transitive"],
    }
    return result, rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="JSONL with fields id and text")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--num-perm", type=int, default=128)
    parser.add_argument("--out", type=Path, required=True, help="result JSON")
    parser.add_argument("--pairs", type=Path, help="pairs within clusters, TSV")
    parser.add_argument(
        "--hash",
        choices=["sha1", "xxh3"],
        default="sha1",
        help="input hash: sha1 is text-dedup's default; xxh3 its fast option",
    )
    parser.add_argument("--num-proc", type=int, default=2, help="datasets map processes")
    parser.add_argument(
        "--check",
        type=int,
        default=200,
        help="articles whose shingles are checked against the project's (0: none)",
    )
    parser.add_argument("--keep-work", action="store_true", help=f"keep {WORK}")
    parser.add_argument(
        "--verbose", action="store_true", help="show text-dedup's log and progress bars"
    )
    args = parser.parse_args(argv)
    if not args.verbose:
        logging.getLogger("text_dedup").setLevel(logging.WARNING)
    try:
        result, rows = run(
            args.corpus, args.threshold, args.num_perm, args.hash, args.num_proc, args.check
        )
    finally:
        if not args.keep_work:
            shutil.rmtree(WORK, ignore_errors=True)
    if args.pairs:
        write_pairs(args.pairs, rows)
        result["pairs_file"] = str(args.pairs)
    write_result(args.out, result)
    own = ", ".join(f"{k} {v:.2f}s" for k, v in result["text_dedup_stages_seconds"].items())
    print(
        f"text-dedup: {result['articles']} articles, {result['articles_per_second']}/s, "
        f"prepare {result['stages_seconds']['prepare']:.2f}s, {own}, "
        f"peak RSS {result['peak_rss_mib']} MiB (children {result['peak_rss_children_mib']}), "
        f"{result['pairs']['candidate']} candidate pairs, "
        f"{result['clusters']['count']} clusters, {result['pairs']['cluster']} cluster pairs"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
