"""The Spark engine against the local engine on generated corpora: time, memory, equality.

For each size, the cached ``bench/corpusgen.py`` corpus (as ``bench_stories.py`` makes
it) is written in Spark's article order, (published, id), and read by both engines in
a fresh interpreter each:

* **local**: ``newscollate.dedup([CORPUS])`` with batches of 1,000 (what
  ``newscollate dedup`` runs), from reading JSONL to every article's story;
* **spark**: ``newscollate.spark.dedup`` in ``local[N]`` (default 2, the machine's
  cores), from building the session to the last output table written, so Spark's
  start-up and its Parquet writing count.

Peak memory is the peak of the summed RSS of the child's whole process tree, sampled
every 0.2 s (Spark's JVM and its Python workers are children of the driver). Both
engines' stories are scored against the gold with ``cluster_scores``, and compared
with each other: "same stories" is the share of articles whose story (as a set of
ids) is the same in both. The local engine sees the outlet-furniture rule one batch at
a time and Spark over the whole input, the one place the two may differ.

    .venv/bin/python bench/bench_spark.py --sizes 10000,100000

Results go to ``--out`` (default ``bench/results/spark.json``); a markdown table to
standard output, progress to standard error.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH / "peers"))

from _common import busy_cpu_seconds, run_sampled  # noqa: E402
from bench_stories import ensure_corpus, log  # noqa: E402

Json = dict[str, Any]


def run_child(args: Sequence[str]) -> Json:
    """A child of this script, with its process tree's peak RSS and the others' CPU share."""
    wall0, busy0 = time.perf_counter(), busy_cpu_seconds()
    out, peak, own = run_sampled([sys.executable, __file__, *args], ROOT)
    wall, busy = time.perf_counter() - wall0, busy_cpu_seconds() - busy0
    result: Json = json.loads(out.strip().splitlines()[-1])
    result["peak_tree_rss_mib"] = round(peak, 1)
    result["process_seconds"] = round(wall, 2)
    result["cpu_seconds"] = round(own, 2)
    result["others_cpu_share"] = round(max(0.0, busy - own) / (wall * (os.cpu_count() or 1)), 3)
    return result


def child_local(corpus: str, labels_out: str) -> Json:
    import newscollate

    start = time.perf_counter()
    annotated, summary = newscollate.dedup([corpus], batch_size=1000)
    seconds = time.perf_counter() - start
    Path(labels_out).write_text(json.dumps({a.article.id: a.story for a in annotated}))
    return {"seconds": round(seconds, 2), "articles": len(annotated), "links": summary.links}


def child_spark(corpus: str, labels_out: str, master: str, partitions: int) -> Json:
    os.environ["PYSPARK_PYTHON"] = sys.executable
    import pyarrow.parquet as pq

    from newscollate.spark import dedup, session

    start = time.perf_counter()
    spark = session(master, app="bench-spark")
    spark.conf.set("spark.sql.shuffle.partitions", str(partitions))
    spark.sparkContext.setLogLevel("ERROR")
    out = tempfile.mkdtemp(prefix="nc_bench_spark_")
    try:
        summary = dedup(spark, [corpus], out)
        seconds = time.perf_counter() - start
        table = pq.read_table(f"{out}/articles", columns=["id", "story_id"]).to_pylist()
        Path(labels_out).write_text(json.dumps({r["id"]: r["story_id"] for r in table}))
    finally:
        spark.stop()
        shutil.rmtree(out, ignore_errors=True)
    return {
        "seconds": round(seconds, 2),
        "articles": summary.articles,
        "links": summary.links,
        "stories": summary.stories,
        "problems": summary.problems,
    }


def blocks(labels: Mapping[str, Any]) -> dict[str, frozenset[str]]:
    groups: dict[Any, set[str]] = defaultdict(set)
    for article, story in labels.items():
        groups[story].add(article)
    frozen = {story: frozenset(ids) for story, ids in groups.items()}
    return {article: frozen[story] for article, story in labels.items()}


def measure(size: int, args: argparse.Namespace, work: Path) -> Json:
    from newscollate.cluster.metrics import cluster_scores

    corpus = ensure_corpus(size, 1, args.cache)
    records = [json.loads(line) for line in corpus.jsonl.open(encoding="utf-8")]
    records.sort(key=lambda r: (r.get("published") or "9999", r["id"]))
    ordered = work / f"ordered-{size}.jsonl"
    ordered.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    gold_doc = json.loads(corpus.gold.read_text())
    gold = {a: s for s, members in gold_doc["stories"].items() for a in members}
    entry: Json = {"articles": size}
    labels: dict[str, dict[str, Any]] = {}
    for engine in args.engines.split(","):
        out = work / f"{engine}-{size}.json"
        log(f"{engine}: {size:,} articles")
        extra = [str(args.master), str(args.partitions)] if engine == "spark" else []
        result = run_child([f"--child-{engine}", str(ordered), str(out), *extra])
        labels[engine] = json.loads(out.read_text())
        predicted = {a: labels[engine].get(a, a) for a in gold}
        result["scores"] = cluster_scores(predicted, gold).as_dict()
        result["articles_per_second"] = round(size / result["seconds"], 1)
        entry[engine] = result
        log(f"{engine}: {result['seconds']} s, peak {result['peak_tree_rss_mib']} MiB")
    if set(labels) != {"local", "spark"}:
        return entry
    local, spark = blocks(labels["local"]), blocks(labels["spark"])
    same = sum(1 for a in local if spark.get(a) == local[a])
    entry["same_story_share"] = round(same / len(local), 5)
    entry["spark_over_local_seconds"] = round(
        entry["spark"]["seconds"] / entry["local"]["seconds"], 2
    )
    return entry


def table(entries: Sequence[Json]) -> str:
    rows = [
        "| articles | engine | seconds | articles/s | peak RSS (process tree) | pair P | pair R | ARI | others' CPU |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for e in entries:
        for engine in ("local", "spark"):
            if engine not in e:
                continue
            r = e[engine]
            s = r["scores"]
            rows.append(
                f"| {e['articles']:,} | {engine} | {r['seconds']:,.0f} | {r['articles_per_second']:,.0f}"
                f" | {r['peak_tree_rss_mib'] / 1024:.2f} GiB | {s['precision']:.3f} | {s['recall']:.3f}"
                f" | {s['ari']:.3f} | {r['others_cpu_share']:.0%} |"
            )
        if "same_story_share" not in e:
            continue
        rows.append(
            f"| | same stories in both | {e['same_story_share']:.2%} of articles"
            f" | Spark/local time {e['spark_over_local_seconds']}x | | | | | |"
        )
    return "\n".join(rows)


def versions() -> Json:
    from importlib.metadata import version

    return {
        "python": platform.python_version(),
        "machine": f"{platform.platform()}, {os.cpu_count()} CPUs",
        **{
            d: version(d)
            for d in ("pyspark", "torch", "sentence-transformers", "numpy", "pandas", "pyarrow")
        },
        "java": subprocess.run(
            ["java", "-version"], capture_output=True, text=True
        ).stderr.splitlines()[0],
    }


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "--child-local":
        print(json.dumps(child_local(argv[1], argv[2])))
        return 0
    if argv and argv[0] == "--child-spark":
        print(json.dumps(child_spark(argv[1], argv[2], argv[3], int(argv[4]))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--engines", default="local,spark")
    parser.add_argument("--partitions", type=int, default=8, help="spark.sql.shuffle.partitions")
    parser.add_argument("--cache", type=Path, default=BENCH / ".cache")
    parser.add_argument("--out", type=Path, default=BENCH / "results" / "spark.json")
    args = parser.parse_args(argv)
    entries = []
    with tempfile.TemporaryDirectory(prefix="nc_bench_spark_") as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            entries.append(measure(size, args, Path(tmp)))
            result = {"environment": versions(), "master": args.master, "sizes": entries}
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(json.dumps(result, indent=1) + "\n")  # each size as it ends
    print(table(entries))
    print(f"\n{result['environment']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
