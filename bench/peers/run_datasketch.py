"""Near-duplicate candidates with datasketch: MinHash + MinHashLSH over newscollate's shingles.

    bench/.venv-peers/bin/python bench/peers/run_datasketch.py CORPUS.jsonl \
        --threshold 0.5 --num-perm 128 --out RESULT.json [--pairs PAIRS.tsv]

Stages, each timed: read_tokenise_shingle (JSONL, fold, words, 5-word shingles,
UTF-8) and minhash (what ``MinHash.bulk`` does: one ``update_batch`` per article on
a copy of one initialised MinHash), streamed article by article so only the
sketches stay in memory, then lsh_insert (``MinHashLSH.insert``), lsh_query (every article
queried; the pairs it returns other than itself are the candidates), then
verify (MinHash-estimated Jaccard of each candidate pair, the filtering step the
datasketch docs recommend; timed apart and left out of ``end_to_end_seconds``).
Single process, as datasketch is used.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

_T0 = time.perf_counter()

import xxhash  # noqa: E402
from _common import (  # noqa: E402
    SHINGLE_WORDS,
    Span,
    Stages,
    finish,
    machine,
    ordered,
    read_jsonl,
    shingles,
    versions,
)
from datasketch import MinHash, MinHashLSH  # noqa: E402
from datasketch.hashfunc import sha1_hash32  # noqa: E402

IMPORT_SECONDS = time.perf_counter() - _T0


def xxh3_32(data: bytes) -> int:
    """Low 32 bits of XXH3-64: a fast 32-bit input hash for the affine32 scheme."""
    return xxhash.xxh3_64_intdigest(data) & 0xFFFFFFFF


HASHES: dict[str, Callable[[bytes], int]] = {"sha1": sha1_hash32, "xxh3": xxh3_32}


def run(
    corpus: Path, threshold: float, num_perm: int, hash_name: str, seed: int, verify: bool
) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
    stages = Stages("read_tokenise_shingle", "minhash")
    span = Span()
    ids: list[str] = []
    minhashes: list[MinHash] = []
    shingles_total = 0
    # Streamed, article by article, so only the sketches are kept (a user would not
    # hold every shingle set); each article's time goes to its stage. The loop body
    # is MinHash.bulk's: copy one initialised MinHash, then update_batch.
    with stages("minhash"):
        template = MinHash(num_perm=num_perm, seed=seed, hashfunc=HASHES[hash_name])
    records = read_jsonl(corpus)
    while True:
        with stages("read_tokenise_shingle"):
            record = next(records, None)
            if record is None:
                break
            doc_id, text = record
            doc_shingles = shingles(text)
        with stages("minhash"):
            minhash = template.copy()
            minhash.update_batch(doc_shingles)
        ids.append(doc_id)
        minhashes.append(minhash)
        shingles_total += len(doc_shingles)
    with stages("lsh_insert"):
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        for doc_id, minhash in zip(ids, minhashes, strict=True):
            lsh.insert(doc_id, minhash)
    with stages("lsh_query"):
        candidates: set[tuple[str, str]] = set()
        for doc_id, minhash in zip(ids, minhashes, strict=True):
            for other in lsh.query(minhash):
                if other != doc_id:
                    candidates.add(ordered(doc_id, other))
    span.stop()
    rows: list[tuple[str, str, str]]
    above = None
    if verify:
        with stages("verify"):
            by_id = dict(zip(ids, minhashes, strict=True))
            rows = [(a, b, f"{by_id[a].jaccard(by_id[b]):.4f}") for a, b in candidates]
            above = sum(1 for row in rows if float(row[2]) >= threshold)
    else:
        rows = [(a, b, "") for a, b in candidates]
    n = len(ids)
    result: dict[str, Any] = {
        "tool": "datasketch",
        "versions": versions("datasketch", "numpy", "xxhash"),
        "machine": machine(),
        "corpus": str(corpus),
        "articles": n,
        "shingles_total": shingles_total,
        "params": {
            "threshold": threshold,
            "num_perm": num_perm,
            "bands": lsh.b,
            "rows": lsh.r,
            "hash": hash_name,
            "scheme": minhashes[0].scheme if minhashes else None,
            "seed": seed,
            "shingle_words": SHINGLE_WORDS,
            "processes": 1,
        },
        **span.fields(stages, n, IMPORT_SECONDS),
        "pairs": {
            "candidate": len(candidates),
            "estimated_jaccard_at_least_threshold": above,
        },
        "pairs_tsv_columns": ["id_a", "id_b", "minhash_estimated_jaccard"],
    }
    return result, rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="JSONL with fields id and text")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--num-perm", type=int, default=128)
    parser.add_argument("--out", type=Path, required=True, help="result JSON")
    parser.add_argument("--pairs", type=Path, help="candidate pairs TSV")
    parser.add_argument(
        "--hash",
        choices=sorted(HASHES),
        default="sha1",
        help="input hash: sha1 is datasketch's default; xxh3 is the fast option",
    )
    parser.add_argument("--seed", type=int, default=1, help="MinHash seed (datasketch default 1)")
    parser.add_argument(
        "--no-verify",
        dest="verify",
        action="store_false",
        help="skip estimating the Jaccard of each candidate pair",
    )
    args = parser.parse_args(argv)
    result, rows = run(
        args.corpus, args.threshold, args.num_perm, args.hash, args.seed, args.verify
    )
    finish(result, rows, args.out, args.pairs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
