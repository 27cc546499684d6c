"""datasketch as a story finder: MinHashLSH candidates and estimated Jaccard of given pairs.

    bench/.venv-peers/bin/python bench/peers/run_datasketch_stories.py CORPUS.jsonl \
        --threshold 0.5 --num-perm 128 --out RESULT.json [--score-pairs PAIRS.tsv]

The peer side of ``bench/stories_real.py``, which runs it as a subprocess because
datasketch lives only in ``bench/.venv-peers``. It sketches every article exactly
as ``run_datasketch.py`` does (the project's word 5-shingles from ``_common``,
one copy of an initialised ``MinHash`` per article, ``sha1_hash32``, seed 1),
inserts them into ``MinHashLSH(threshold, num_perm)`` and queries every article.
RESULT.json holds every candidate pair with its MinHash-estimated Jaccard (the
caller keeps those at or above the threshold and takes connected components, as
a user clustering with datasketch would) and, for ``--score-pairs`` (TSV
``id_a<TAB>id_b``, no header), the estimated Jaccard of each listed pair whether
or not LSH would have proposed it: a pair decision needs no index.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from _common import (
    SHINGLE_WORDS,
    Stages,
    machine,
    ordered,
    read_jsonl,
    shingles,
    versions,
    write_result,
)
from datasketch import MinHash, MinHashLSH
from run_datasketch import HASHES


def sketch(
    corpus: Path, num_perm: int, hash_name: str, seed: int, stages: Stages
) -> dict[str, MinHash]:
    """One MinHash per article, built the way ``MinHash.bulk`` builds them."""
    with stages("minhash"):
        template = MinHash(num_perm=num_perm, seed=seed, hashfunc=HASHES[hash_name])
    sketches: dict[str, MinHash] = {}
    for doc_id, text in read_jsonl(corpus):
        if doc_id in sketches:
            raise ValueError(f"{corpus}: id {doc_id!r} appears twice; ids must be unique")
        with stages("minhash"):
            minhash = template.copy()
            minhash.update_batch(shingles(text))
        sketches[doc_id] = minhash
    return sketches


def candidates(
    sketches: dict[str, MinHash], threshold: float, num_perm: int, stages: Stages
) -> tuple[list[list[Any]], MinHashLSH]:
    """Every pair LSH proposes (each article queried), with its estimated Jaccard."""
    with stages("lsh_insert"):
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        for doc_id, minhash in sketches.items():
            lsh.insert(doc_id, minhash)
    with stages("lsh_query"):
        found: set[tuple[str, str]] = set()
        for doc_id, minhash in sketches.items():
            found.update(ordered(doc_id, other) for other in lsh.query(minhash) if other != doc_id)
    with stages("verify"):
        rows = [[a, b, round(sketches[a].jaccard(sketches[b]), 4)] for a, b in sorted(found)]
    return rows, lsh


def read_pairs(path: Path) -> list[tuple[str, str]]:
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            a, b = line.split("\t")[:2]
            pairs.append((a, b))
    return pairs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="JSONL with fields id and text")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--num-perm", type=int, default=128)
    parser.add_argument("--hash", choices=sorted(HASHES), default="sha1")
    parser.add_argument("--seed", type=int, default=1, help="MinHash seed (datasketch default 1)")
    parser.add_argument("--score-pairs", type=Path, help="TSV of id pairs to score directly")
    parser.add_argument("--out", type=Path, required=True, help="result JSON")
    args = parser.parse_args(argv)

    stages = Stages("minhash", "lsh_insert", "lsh_query", "verify")
    start = time.perf_counter()
    sketches = sketch(args.corpus, args.num_perm, args.hash, args.seed, stages)
    rows, lsh = candidates(sketches, args.threshold, args.num_perm, stages)
    scored: list[list[Any]] = []
    if args.score_pairs:
        with stages("score_pairs"):
            for a, b in read_pairs(args.score_pairs):
                scored.append([a, b, round(sketches[a].jaccard(sketches[b]), 4)])
    result: dict[str, Any] = {
        "tool": "datasketch",
        "versions": versions("datasketch", "numpy"),
        "machine": machine(),
        "corpus": str(args.corpus),
        "articles": len(sketches),
        "params": {
            "threshold": args.threshold,
            "num_perm": args.num_perm,
            "bands": lsh.b,
            "rows": lsh.r,
            "hash": args.hash,
            "seed": args.seed,
            "shingle_words": SHINGLE_WORDS,
        },
        "stages_seconds": {k: round(v, 3) for k, v in stages.seconds.items()},
        "seconds": round(time.perf_counter() - start, 3),
        "candidates": rows,
        "scored_pairs": scored,
    }
    write_result(args.out, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
