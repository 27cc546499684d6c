"""What adding an article costs as the store grows: the same articles added to stores of
different sizes.

``bench_stories.py`` adds a corpus to an empty store and reports the average over the
run, which hides how the cost per article moves as the store fills. Here the same new
articles go into stores of different sizes, so each store's figure is the cost per
article at that size:

* the stores are those ``bench_stories.py --keep-store`` leaves (for example
  ``bench/.cache/run-1000000-s1/newscollate.db``); each is copied first (``--work``),
  so the kept store stays as it was and every version of the code starts from the same
  file;
* a fresh interpreter opens the copy (timed: a store of an older schema is upgraded
  here, once), adds a warm-up corpus (timed apart: it builds the in-memory indexes from
  the store and loads the model, which a long run does once), then the measured corpus;
* both corpora are ``corpusgen.py`` corpora of seeds of their own (``--seed`` and the
  next one), their ids prefixed so that none is already stored; like the stored
  corpora they spread over the same 700 days, so the stores' time windows hold ten
  times as many articles at 1M as at 100k, as a real archive's would.

Reported per store: milliseconds per measured article, end to end and per stage
(``AddSummary.timings``; ``prepare`` stages run in the worker process beside them),
links made, and the open and warm-up seconds. Usage:

    .venv/bin/python bench/bench_growth.py \\
        --store bench/.cache/run-100000-s1/newscollate.db \\
        --store bench/.cache/run-1000000-s1/newscollate.db

Results go to ``--out`` (default ``bench/results/growth.json``), a markdown table to
standard output.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))

from bench_stories import environment, log, machine_line  # noqa: E402
from corpusgen import generate  # noqa: E402

Json = dict[str, Any]


def write_corpus(path: Path, n: int, seed: int) -> Path:
    if not path.exists():
        with path.open("w", encoding="utf-8") as out:
            for record in generate(n, seed):
                record["id"] = f"s{seed}-{record['id']}"
                out.write(json.dumps(record) + "\n")
    return path


def child(store: str, warmup: str, measured: str) -> None:
    """In a fresh interpreter: open, warm up, measure; one JSON object to stdout."""
    from newscollate.store import Store

    started = time.perf_counter()
    with Store(store) as opened:
        stored = opened.count()
        opened_at = time.perf_counter()
        opened.add([warmup])
        warm_at = time.perf_counter()
        summary = opened.add([measured])
        done_at = time.perf_counter()
    n = max(summary.added, 1)
    print(
        json.dumps(
            {
                "stored_before": stored,
                "open_seconds": round(opened_at - started, 2),
                "warmup_seconds": round(warm_at - opened_at, 2),
                "added": summary.added,
                "links": summary.links,
                "seconds": round(done_at - warm_at, 2),
                "ms_per_article": round(1000 * (done_at - warm_at) / n, 3),
                "stages_ms_per_article": {
                    k: round(1000 * v / n, 3) for k, v in summary.timings.items()
                },
                "prepare_ms_per_article": {
                    k: round(1000 * v / n, 3) for k, v in summary.prepare_timings.items()
                },
            }
        )
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--store", action="append", required=True, type=Path)
    parser.add_argument("--articles", type=int, default=6000, help="measured articles")
    parser.add_argument("--warmup", type=int, default=6000, help="warm-up articles")
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--work", type=Path, default=BENCH / ".cache" / "growth")
    parser.add_argument("--out", type=Path, default=BENCH / "results" / "growth.json")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    warmup = write_corpus(
        args.work / f"warmup-{args.warmup}-s{args.seed + 1}.jsonl", args.warmup, args.seed + 1
    )
    measured = write_corpus(
        args.work / f"measured-{args.articles}-s{args.seed}.jsonl", args.articles, args.seed
    )
    results = []
    for store in args.store:
        copy = args.work / "store.db"
        for leftover in args.work.glob("store.db*"):
            leftover.unlink()
        log(f"copying {store}")
        shutil.copyfile(store, copy)
        log(f"adding {args.warmup} + {args.articles} articles to the copy of {store}")
        done = subprocess.run(
            [sys.executable, __file__, "--child", str(copy), str(warmup), str(measured)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if done.returncode:
            sys.exit(f"{store}: the run failed:\n{done.stderr}")
        result = {"store": str(store), **json.loads(done.stdout)}
        results.append(result)
        log(f"{result['stored_before']:,} stored: {result['ms_per_article']} ms an article")
        for leftover in args.work.glob("store.db*"):
            leftover.unlink()
    report = {
        "benchmark": "growth",
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "articles": args.articles,
        "warmup": args.warmup,
        "seed": args.seed,
        "stores": results,
        "environment": environment({}),
    }
    args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(table(results))
    print(f"\nMeasured on: {machine_line(report['environment'])}")


def table(results: list[Json]) -> str:
    stages = sorted({k for r in results for k in r["stages_ms_per_article"]})
    head = ["stored", "ms/article", *stages, "links", "open s", "warm-up s"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        cells = [
            f"{r['stored_before']:,}",
            f"{r['ms_per_article']:.2f}",
            *(f"{r['stages_ms_per_article'].get(s, 0.0):.2f}" for s in stages),
            f"{r['links']:,}",
            f"{r['open_seconds']:.1f}",
            f"{r['warmup_seconds']:.1f}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(*sys.argv[2:5])
    else:
        main()
