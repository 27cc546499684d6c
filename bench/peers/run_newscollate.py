"""newscollate's near-duplicate candidates alone, run the way the peer runners run.

    .venv/bin/python bench/peers/run_newscollate.py CORPUS.jsonl \
        --threshold 0.5 --num-perm 128 --out RESULT.json [--pairs PAIRS.tsv]

Inside the store, the near-duplicate stages share the machine with the rest of
story finding: the worker process that shingles and signs competes for the two
cores with the store's model threads, so their wall seconds there say what they
cost beside that work, not alone. This runner does what ``run_datasketch.py`` does,
in one process with nothing beside it, with the code the store runs
(``index.minhash.shingle_texts``, ``index.features.signature_bands``,
``index.bands.BandIndex``), a batch of 1,000 articles at a time as the store takes
them:

- read_tokenise_shingle: JSONL, fold, tokenise, the shingles of each text and of
  its lead (and the folded text the exact-copy hash is of, which comes out of the
  same pass);
- minhash: signatures of both sets and their band keys;
- lsh_insert: the keys into the band index;
- lsh_query: each batch's candidate pairs, earlier articles' and its own.

No exact-copy hash, no names, no model, no store: candidates only, as the peers
give them. Runs in the project's venv (``.venv``), not the peers'.
"""

from __future__ import annotations

import argparse
import itertools
import time
from pathlib import Path
from typing import Any

_T0 = time.perf_counter()

import numpy as np  # noqa: E402
from _common import (  # noqa: E402
    Span,
    Stages,
    finish,
    machine,
    ordered,
    read_jsonl,
    versions,
)

from newscollate.index import compiled  # noqa: E402
from newscollate.index.bands import BandIndex  # noqa: E402
from newscollate.index.features import (  # noqa: E402
    LEAD_WORDS,
    LSH_THRESHOLD,
    NUM_PERM,
    signature_bands,
)
from newscollate.index.minhash import shingle_texts  # noqa: E402

IMPORT_SECONDS = time.perf_counter() - _T0
BATCH = 1000  # Store.add's default batch


def run(corpus: Path) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
    stages = Stages("read_tokenise_shingle", "minhash", "lsh_insert", "lsh_query")
    span = Span()
    records = read_jsonl(corpus)
    index = BandIndex()
    ids: list[str] = []
    found: list[np.ndarray] = []
    shingles_total = 0
    while True:
        with stages("read_tokenise_shingle"):
            batch = list(itertools.islice(records, BATCH))
            if not batch:
                break
            shingled = shingle_texts([text for _, text in batch], LEAD_WORDS)
        with stages("minhash"):
            keys, lead_keys = signature_bands(shingled.shingles, shingled.lead_shingles)
        first_row = len(ids) + 1  # rows from 1, as the store numbers them
        with stages("lsh_insert"):
            index.add(range(first_row, first_row + len(batch)), keys, lead_keys)
        with stages("lsh_query"):
            found.append(index.pairs(keys, lead_keys, first_row))
        ids += [doc_id for doc_id, _ in batch]
        shingles_total += sum(map(len, shingled.shingles))
    span.stop()
    pairs = np.concatenate(found) if found else np.empty((0, 2), np.int64)
    rows = [(*ordered(ids[a - 1], ids[b - 1]), "") for a, b in pairs.tolist()]
    n = len(ids)
    result: dict[str, Any] = {
        "tool": "newscollate-lsh",
        "versions": versions("newscollate", "numpy", "numba"),
        "machine": machine(),
        "corpus": str(corpus),
        "articles": n,
        "shingles_total": shingles_total,
        "params": {
            "threshold": LSH_THRESHOLD,
            "num_perm": NUM_PERM,
            "groups": "whole text and lead",
            "compiled": compiled.active(),
            "ahead_of_time": compiled.ahead_of_time(),  # cached: the run loaded it
            "batch": BATCH,
            "processes": 1,
        },
        **span.fields(stages, n, IMPORT_SECONDS),
        "pairs": {"candidate": len(rows)},
        "pairs_tsv_columns": ["id_a", "id_b", "unused"],
    }
    return result, rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="JSONL with fields id and text")
    parser.add_argument("--threshold", type=float, default=LSH_THRESHOLD)
    parser.add_argument("--num-perm", type=int, default=NUM_PERM)
    parser.add_argument("--out", type=Path, required=True, help="result JSON")
    parser.add_argument("--pairs", type=Path, help="candidate pairs TSV")
    args = parser.parse_args(argv)
    if (args.threshold, args.num_perm) != (LSH_THRESHOLD, NUM_PERM):
        parser.error(f"the store's banding is fixed: --threshold {LSH_THRESHOLD} "
                     f"--num-perm {NUM_PERM}")  # fmt: skip
    result, rows = run(args.corpus)
    finish(result, rows, args.out, args.pairs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
