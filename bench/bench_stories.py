"""Story finding on generated news corpora: newscollate's store against gold, and its peers.

For each corpus size (``bench/corpusgen.py``, seeded; generated once into ``--cache``
and reused) this measures:

* **newscollate, end to end.** A fresh interpreter of the project's venv opens a new
  store file, runs ``Store.add([CORPUS.jsonl])`` (what ``newscollate index add
  CORPUS.jsonl --store DB`` runs) and closes the store. The clock runs from opening the
  store to closing it after the last batch's transaction: from reading JSONL to every
  article's story being in the store. Importing newscollate is timed apart; loading the
  embedding model happens on its first use and counts (in ``embed``). Seconds per stage
  come from ``AddSummary.timings`` (ingest, write, bands, candidates, name candidates,
  verify, link, commit; ``embed`` is the model's share of verify), each also as
  articles/s, and ``AddSummary.prepare_timings`` (clean, names, features, signatures),
  which from the second batch on run in the store's worker process, beside the others.
  Peak RSS is the larger of the process's VmHWM (not ``ru_maxrss``, which on Linux
  starts from the parent's peak) and its process tree's summed RSS, sampled every
  0.2 s (the worker included); CPU seconds are the tree's. Each article's story is then read from the store file
  (``SELECT id, story FROM articles``) and its links counted by relation.
* **quality.** Predicted stories against the gold stories with
  ``newscollate.cluster.metrics.cluster_scores`` (pairwise precision, recall, F1, and
  ARI), and recall of the gold links by relation (exact, near-duplicate, trimmed,
  reordered, rewrite, same-story): a link is found when both its articles end in one
  predicted story. "J>=0.5" is the recall over the gold links whose true word
  5-shingle Jaccard is at least 0.5, the near-duplicate target MinHash-LSH at threshold
  0.5 is built for (computed once per corpus, cached as ``<corpus>.jaccard.json``).
  Where clusters go wrong: pairs of gold stories joined in one predicted story (and how
  many of corpusgen's distractor pairs, same topic a few days apart, are among them),
  and gold stories split over several predicted stories.
* **newscollate-lsh** (``--peers``): ``bench/peers/run_newscollate.py``, the store's
  own shingling, signatures and band index and nothing else, run the way the peer
  runners run (one process, the JSONL to the candidate pairs, in the project's venv),
  scored as the peers are; "near-dup alone" is its near-duplicate rate over a peer's.
* **peers** (``--peers``): datasketch and text-dedup, each through its runner in
  ``bench/peers`` (its own venv, ``bench/peers/setup.sh``) on the same JSONL, threshold
  0.5, 128 permutations, sha1, the project's word 5-shingles. Their clusters are the
  connected components of the pairs they return (datasketch: every LSH candidate pair,
  and apart the candidates whose estimated Jaccard is >= 0.5, as its docs advise;
  text-dedup: its union-find clusters), scored as above. Their time and peak RSS are
  the runners' own (end to end from opening the corpus to the pairs; peak RSS is the
  main process's VmHWM up to that point; text-dedup's largest worker is in the JSON). Ratios are newscollate/peer, for throughput
  end to end, for the near-duplicate stage alone, and for peak RSS. The near-duplicate
  stage is newscollate's features (text hash, shingles) + signatures + bands (storing
  the band keys) + candidates (band buckets and text hashes; the names and the name
  candidates, which serve same-story reports, are stages of their own), datasketch's read_tokenise_shingle + minhash + lsh_insert +
  lsh_query (its reading of the JSONL included), and text-dedup's prepare (reading and
  tokenising) + Loading + MinHashing + Clustering.

The machine may be shared: each tool's row also gives its CPU seconds over the same
end-to-end span (its own and its worker processes'), which other work inflates far
less than wall time, and "others' CPU", the share of the machine's CPU time that other
processes used while the tool's process ran (``/proc/stat``); the JSON keeps the load
averages too. Usage:

    .venv/bin/python bench/bench_stories.py                            # 10k articles
    .venv/bin/python bench/bench_stories.py --sizes 2000 --peers       # a quick look
    .venv/bin/python bench/bench_stories.py --sizes 10000,100000,1000000 --peers
    .venv/bin/python bench/bench_stories.py --sizes 100000 --span-days 70   # 1M's density

Corpora spread their stories over corpusgen's 700 days unless ``--span-days`` says
otherwise, so a larger corpus is a denser one; a span in proportion to the size keeps
the density, which separates what grows with the store from what grows with a week's
reports. Results go to ``--out`` (default ``bench/results/stories.json``), merged by
corpus (``100000-s1``, ``100000-s1-d70``): one measured before and not re-run is kept
with its own environment. A markdown
table per size goes to standard output, progress to standard error.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
PEERS = BENCH / "peers"
PEERS_PYTHON = BENCH / ".venv-peers" / "bin" / "python"
RESULTS = BENCH / "results"
sys.path.insert(0, str(PEERS))  # the peers' shared helpers: standard library only

from _common import (  # noqa: E402
    busy_cpu_seconds,
    cpu_seconds,
    loadavg,
    ordered,
    run_sampled,
    vmhwm_mib,
)  # fmt: skip
from _recall import Link, components, link_jaccards, read_links, recall_by_relation  # noqa: E402
from corpusgen import SPAN_DAYS  # noqa: E402

Json = dict[str, Any]

THRESHOLD = 0.5
NUM_PERM = 128
STAGES = (
    "ingest", "names", "features", "signatures", "write", "bands", "candidates",
    "name candidates", "verify", "embed", "link", "commit",
)  # fmt: skip
IN_VERIFY = frozenset({"embed"})  # stages timed inside another stage
RELATIONS = ("exact", "near-duplicate", "trimmed", "reordered", "rewrite", "same-story")
# Each tool's stages that make its near-duplicate finder: shingling, signatures, LSH.
NEAR_DUPLICATE_STAGES: dict[str, tuple[str, ...]] = {
    "newscollate": ("features", "signatures", "bands", "candidates"),
    "datasketch": ("read_tokenise_shingle", "minhash", "lsh_insert", "lsh_query"),
    "text-dedup": ("prepare", "Loading", "MinHashing", "Clustering"),
    "newscollate-lsh": ("read_tokenise_shingle", "minhash", "lsh_insert", "lsh_query"),
}
# each runner's interpreter and script: the peers in their venv; newscollate's own
# near-duplicate candidates alone (``run_newscollate.py``) in the project's
RUNNERS: dict[str, tuple[Path, str]] = {
    "newscollate-lsh": (Path(sys.executable), "run_newscollate.py"),
    "datasketch": (PEERS_PYTHON, "run_datasketch.py"),
    "text-dedup": (PEERS_PYTHON, "run_textdedup.py"),
}
OWN_RUNNER = "newscollate-lsh"

_START = time.perf_counter()


def log(message: str) -> None:
    print(f"[{time.perf_counter() - _START:7.1f}s] {message}", file=sys.stderr, flush=True)


@contextmanager
def watched(record: Json) -> Iterator[None]:
    """Wall and CPU seconds of the child processes run inside (imports and output
    included), and the share of the machine's CPU time other processes used meanwhile:
    the evidence to read a figure from this shared machine with."""
    wall0, busy0, (_, own0) = time.perf_counter(), busy_cpu_seconds(), cpu_seconds()
    yield
    wall, busy = time.perf_counter() - wall0, busy_cpu_seconds() - busy0
    own = cpu_seconds()[1] - own0
    record["process_seconds"] = round(wall, 3)
    record["process_cpu_seconds"] = round(own, 3)
    record["others_cpu_share"] = round(max(0.0, busy - own) / (wall * (os.cpu_count() or 1)), 3)


# --------------------------------------------------------------------------- corpus


@dataclass(frozen=True, slots=True)
class Corpus:
    articles: int
    seed: int
    jsonl: Path
    span_days: int = SPAN_DAYS

    @property
    def name(self) -> str:
        return corpus_name(self.articles, self.seed, self.span_days)

    @property
    def gold(self) -> Path:
        return self.jsonl.with_name(self.jsonl.stem + ".gold.json")

    @property
    def jaccards(self) -> Path:
        return self.jsonl.with_name(self.jsonl.stem + ".jaccard.json")


def corpus_name(articles: int, seed: int, span_days: int) -> str:
    """``10000-s1``, or ``100000-s1-d70`` for a span other than corpusgen's default."""
    span = "" if span_days == SPAN_DAYS else f"-d{span_days}"
    return f"{articles}-s{seed}{span}"


def ensure_corpus(articles: int, seed: int, cache: Path, span_days: int = SPAN_DAYS) -> Corpus:
    """The cached corpus of (``articles``, ``seed``, ``span_days``), generated first if
    missing: written under a temporary name and renamed, so an interrupted run leaves
    nothing to reuse."""
    named = corpus_name(articles, seed, span_days)
    corpus = Corpus(articles, seed, cache / f"corpusgen-{named}.jsonl", span_days)
    if corpus.jsonl.exists() and corpus.gold.exists():
        return corpus
    cache.mkdir(parents=True, exist_ok=True)
    partial = Corpus(
        articles, seed, corpus.jsonl.with_name(corpus.jsonl.stem + ".partial.jsonl"), span_days
    )
    log(f"generating {articles:,} articles (seed {seed}) into {corpus.jsonl}")
    subprocess.run(
        [sys.executable, str(BENCH / "corpusgen.py"), "--articles", str(articles),
         "--seed", str(seed), "--span-days", str(span_days), "-o", str(partial.jsonl)],
        cwd=ROOT, check=True,
    )  # fmt: skip
    partial.gold.replace(corpus.gold)
    partial.jsonl.replace(corpus.jsonl)
    return corpus


def true_jaccards(corpus: Corpus, links: Sequence[Link]) -> dict[tuple[str, str], float]:
    """Each gold link's true word 5-shingle Jaccard, computed once and cached."""
    if corpus.jaccards.exists():
        rows = json.loads(corpus.jaccards.read_text())["links"]
        return {(a, b): j for a, b, j in rows}
    log(f"true shingle Jaccard of {len(links):,} gold links")
    scores = link_jaccards(links, corpus.jsonl)
    rows = [[a, b, round(j, 6)] for (a, b), j in sorted(scores.items())]
    partial = corpus.jaccards.with_suffix(".partial")
    partial.write_text(json.dumps({"shingle_words": 5, "links": rows}) + "\n")
    partial.replace(corpus.jaccards)
    return scores


# --------------------------------------------------------------------------- newscollate


def newscollate_child(corpus: Path, store_path: Path, batch_size: int) -> Json:
    """Runs in the child process: one ``Store.add`` of the corpus into a new store file."""
    started = time.perf_counter()
    import newscollate

    import_seconds = time.perf_counter() - started
    load_before = loadavg()
    cpu0, cpu0_children = cpu_seconds()
    start = time.perf_counter()
    with newscollate.Store(store_path) as store:
        summary = store.add([corpus], batch_size=batch_size, progress=_progress_logger())
    end_to_end = time.perf_counter() - start
    cpu1, cpu1_children = cpu_seconds()
    torch = sys.modules.get("torch")
    return {
        "import_seconds": round(import_seconds, 3),
        "end_to_end_seconds": round(end_to_end, 3),
        "end_to_end_cpu_seconds": round(cpu1 - cpu0, 3),
        "end_to_end_cpu_seconds_children": round(cpu1_children - cpu0_children, 3),
        "stages_seconds": {k: round(v, 3) for k, v in getattr(summary, "timings", {}).items()},
        "prepare_stages_seconds": {
            k: round(v, 3) for k, v in getattr(summary, "prepare_timings", {}).items()
        },
        "read": summary.read,
        "added": summary.added,
        "already_stored": summary.already_stored,
        "links": summary.links,
        "problems": len(summary.problems),
        "problem_examples": [str(p) for p in summary.problems[:5]],
        "peak_rss_mib": round(vmhwm_mib(), 1),
        "loadavg_before": load_before,
        "loadavg_after": loadavg(),
        "torch_threads": torch.get_num_threads() if torch is not None else None,
    }


def _progress_logger(every: float = 60.0) -> Callable[[int], None]:
    """A progress callback that logs the articles read at most once per ``every`` seconds."""
    done, last = 0, time.perf_counter()

    def progress(n: int) -> None:
        nonlocal done, last
        done += n
        if time.perf_counter() - last >= every:
            last = time.perf_counter()
            log(f"  newscollate: {done:,} articles read")

    return progress


def run_newscollate(corpus: Corpus, workdir: Path, batch_size: int, keep_store: bool) -> Json:
    """``newscollate_child`` in a fresh interpreter, then the stories and links it stored."""
    store_path = workdir / "newscollate.db"
    _remove_store(store_path)
    log(f"newscollate: Store.add of {corpus.jsonl.name} into a new store")
    process: Json = {}
    with watched(process):
        out, peak, tree_cpu = run_sampled(
            [sys.executable, __file__, "--child", str(corpus.jsonl), str(store_path),
             str(batch_size)],
            ROOT,
        )  # fmt: skip
    result: Json = json.loads(out.strip().splitlines()[-1]) | process
    # the store prepares batches in a worker process: its memory counts too
    result["peak_rss_mib"] = round(max(result["peak_rss_mib"], peak), 1)
    result["tree_cpu_seconds"] = round(tree_cpu, 3)  # start to exit, the worker included
    with closing(sqlite3.connect(f"file:{store_path}?mode=ro", uri=True)) as db:
        labels = {a: str(story) for a, story in db.execute("SELECT id, story FROM articles")}
        by_relation = dict(db.execute("SELECT relation, count(*) FROM links GROUP BY relation"))
    result["links_by_relation"] = by_relation
    result["store_mib"] = round(store_path.stat().st_size / 2**20, 1)
    if not keep_store:
        _remove_store(store_path)
    result["labels"] = labels  # dropped before writing the JSON
    return result


def _remove_store(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


# --------------------------------------------------------------------------- peers


def run_peer(tool: str, corpus: Corpus, workdir: Path) -> tuple[Json, Path]:
    """One peer runner on the corpus; its result JSON and its pairs TSV."""
    out, pairs = workdir / f"{tool}.json", workdir / f"{tool}.tsv"
    python, script = RUNNERS[tool]
    log(f"{tool}: {script} on {corpus.jsonl.name}")
    process: Json = {}
    with watched(process):
        subprocess.run(
            [str(python), str(PEERS / script), str(corpus.jsonl),
             "--threshold", str(THRESHOLD), "--num-perm", str(NUM_PERM),
             "--out", str(out), "--pairs", str(pairs)],
            cwd=ROOT, check=True,
        )  # fmt: skip
    result: Json = json.loads(out.read_text()) | process
    return result, pairs


def pair_clusters(
    tsv: Path, gold_pairs: set[tuple[str, str]], keep: Callable[[str], bool] | None = None
) -> tuple[dict[str, str], set[tuple[str, str]], int]:
    """Connected components of a runner's pairs (those whose third column ``keep``
    accepts), the gold pairs among them, and how many pairs there were; one pass."""
    hits: set[tuple[str, str]] = set()
    count = 0

    def rows() -> Iterator[Link]:
        nonlocal count
        with tsv.open(encoding="utf-8") as handle:
            for line in handle:
                a, b, extra = line.rstrip("\n").split("\t")
                if keep is None or keep(extra):
                    count += 1
                    if ordered(a, b) in gold_pairs:
                        hits.add(ordered(a, b))
                    yield a, b, extra

    labels = components(rows())
    return labels, hits, count


# --------------------------------------------------------------------------- scoring


@dataclass(slots=True)
class Gold:
    labels: dict[str, str]  # article id -> gold story
    links: list[Link]
    jaccards: dict[tuple[str, str], float]
    distractors: list[tuple[str, str]]  # gold stories of one topic a few days apart

    @property
    def pairs(self) -> set[tuple[str, str]]:
        return {ordered(a, b) for a, b, _ in self.links}


def score(labels: Mapping[str, str], gold: Gold) -> Json:
    """Cluster scores of id -> predicted story (absent ids are singletons) and recall of
    the gold links, found when both ends share a predicted story."""
    from newscollate.cluster.metrics import cluster_scores

    predicted = {a: labels.get(a, a) for a in gold.labels}
    scores = cluster_scores(predicted, gold.labels).as_dict()
    recall = recall_by_relation(
        lambda a, b: predicted[a] == predicted[b], gold.links, gold.jaccards, THRESHOLD
    )
    return {"scores": scores, "recall": recall, "errors": merges_and_splits(predicted, gold)}


def merges_and_splits(predicted: Mapping[str, str], gold: Gold) -> Json:
    """Where the clusters go wrong: gold stories joined (and how many of the joined
    pairs are distractors, two same-topic stories days apart) and gold stories split."""
    golds_in: dict[str, set[str]] = defaultdict(set)  # predicted story -> gold stories
    predicted_in: dict[str, set[str]] = defaultdict(set)  # gold story -> predicted stories
    for article, story in gold.labels.items():
        golds_in[predicted[article]].add(story)
        predicted_in[story].add(predicted[article])
    return {
        "predicted_stories_joining_gold_stories": sum(len(g) > 1 for g in golds_in.values()),
        "gold_story_pairs_joined": sum(len(g) * (len(g) - 1) // 2 for g in golds_in.values()),
        "distractor_pairs": len(gold.distractors),
        "distractor_pairs_joined": sum(
            bool(predicted_in[a] & predicted_in[b]) for a, b in gold.distractors
        ),
        "gold_stories_split": sum(len(p) > 1 for p in predicted_in.values()),
        "gold_stories": len(predicted_in),
    }


def pair_recall(hits: set[tuple[str, str]], gold: Gold) -> Json:
    """Recall of the gold links counting only a link listed as a pair itself."""
    return recall_by_relation(lambda a, b: (a, b) in hits, gold.links, gold.jaccards, THRESHOLD)


# --------------------------------------------------------------------------- one size


def throughput(articles: int, seconds: float | None) -> float | None:
    return round(articles / seconds, 1) if seconds else None


def stage_sum(stages: Mapping[str, float], names: Sequence[str]) -> float | None:
    """Seconds of ``names`` together; None when a stage was not reported."""
    if not all(name in stages for name in names):
        return None
    return round(sum(stages[name] for name in names), 3)


def cpu_total(result: Mapping[str, Any]) -> float:
    """CPU seconds of a tool's end-to-end span, its own and its worker processes':
    less sensitive than wall time to what else runs on the machine."""
    own = result["end_to_end_cpu_seconds"] + result.get("end_to_end_cpu_seconds_children", 0.0)
    # newscollate's worker process is no child it reaps: the sampled process tree's
    # CPU seconds (model loading included) are the honest upper figure
    return round(float(max(own, result.get("tree_cpu_seconds", 0.0))), 3)


def ratio(ours: float | None, theirs: float | None) -> float | None:
    return round(ours / theirs, 3) if ours and theirs else None


def measure(corpus: Corpus, args: argparse.Namespace) -> Json:
    """Every figure of one corpus size: newscollate, then (``--peers``) each peer."""
    workdir = args.cache / f"run-{corpus.name}"
    workdir.mkdir(parents=True, exist_ok=True)
    data = json.loads(corpus.gold.read_text())
    links = read_links(corpus.gold)
    gold = Gold(
        {a: s for s, ids in data["stories"].items() for a in ids},
        links,
        true_jaccards(corpus, links),
        [(a, b) for a, b in data["distractors"]],
    )
    path = corpus.jsonl
    entry: Json = {
        "corpus": {
            "path": str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path),
            "articles": corpus.articles,
            "seed": corpus.seed,
            "span_days": corpus.span_days,
            "mib": round(path.stat().st_size / 2**20, 1),
            "gold_stories": len(data["stories"]),
            "gold_relations": data["relations"],
            "gold_links_true_jaccard_at_least_threshold": sum(
                j >= THRESHOLD for j in gold.jaccards.values()
            ),
        },
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "tools": {},
    }
    del data
    ours = measure_newscollate(corpus, gold, workdir, args)
    entry["tools"]["newscollate"] = ours
    if args.peers:
        for tool in RUNNERS:
            entry["tools"][tool] = measure_peer(tool, corpus, gold, workdir, entry["tools"])
    return entry


def measure_newscollate(
    corpus: Corpus, gold: Gold, workdir: Path, args: argparse.Namespace
) -> Json:
    n = corpus.articles
    ours = run_newscollate(corpus, workdir, args.batch_size, args.keep_store)
    labels = ours.pop("labels")
    stages = ours["stages_seconds"]
    ours["articles_per_second"] = throughput(n, ours["end_to_end_seconds"])
    ours["end_to_end_cpu_seconds_total"] = cpu_total(ours)
    ours["stages_articles_per_second"] = {k: throughput(n, v) for k, v in stages.items()}
    counted = sum(v for k, v in stages.items() if k not in IN_VERIFY)
    ours["stages_unaccounted_seconds"] = (
        round(ours["end_to_end_seconds"] - counted, 3) if stages else None
    )
    near = stage_sum(stages | ours["prepare_stages_seconds"], NEAR_DUPLICATE_STAGES["newscollate"])
    ours["near_duplicate_seconds"] = near
    ours["near_duplicate_articles_per_second"] = throughput(n, near)
    ours |= score(labels, gold)
    log(f"newscollate: {ours['end_to_end_seconds']:.1f} s, {ours['articles_per_second']}/s")
    return ours


def measure_peer(
    tool: str, corpus: Corpus, gold: Gold, workdir: Path, measured: Mapping[str, Json]
) -> Json:
    """A runner's run, its clusters scored as newscollate's, and a peer's ratios to
    newscollate (``measured`` holds what ran before it, ``OWN_RUNNER`` among them)."""
    n = corpus.articles
    raw, tsv = run_peer(tool, corpus, workdir)
    seconds = {**raw["stages_seconds"], **raw.get("text_dedup_stages_seconds", {})}
    near = stage_sum(seconds, NEAR_DUPLICATE_STAGES[tool])
    peer: Json = {
        "end_to_end_seconds": raw["end_to_end_seconds"],
        "articles_per_second": throughput(n, raw["end_to_end_seconds"]),
        "end_to_end_cpu_seconds_total": cpu_total(raw),
        "near_duplicate_seconds": near,
        "near_duplicate_articles_per_second": throughput(n, near),
        "peak_rss_mib": raw.get("peak_rss_mib_end_to_end", raw["peak_rss_mib"]),
        "others_cpu_share": raw["others_cpu_share"],
        "clusters": {},
        "runner": raw,
    }
    variants: dict[str, Callable[[str], bool] | None] = {"pairs": None}
    if tool == "datasketch":  # its docs advise keeping candidates by estimated Jaccard
        variants["verified"] = lambda extra: float(extra) >= THRESHOLD
    gold_pairs = gold.pairs
    for variant, keep in variants.items():
        found, hits, count = pair_clusters(tsv, gold_pairs, keep)
        peer["clusters"][variant] = {
            "pairs": count,
            **score(found, gold),
            "pair_recall": pair_recall(hits, gold),
        }
    if tool != OWN_RUNNER:
        ours, alone = measured["newscollate"], measured[OWN_RUNNER]
        peer["ratios_newscollate_over_peer"] = {
            key: ratio(ours[key], peer[key])
            for key in ("articles_per_second", "near_duplicate_articles_per_second", "peak_rss_mib")
        } | {
            "near_duplicate_alone_articles_per_second": ratio(
                alone["near_duplicate_articles_per_second"],
                peer["near_duplicate_articles_per_second"],
            )
        }
    log(f"{tool}: {peer['end_to_end_seconds']:.1f} s, {peer['articles_per_second']}/s")
    return peer


# --------------------------------------------------------------------------- report


def _n(value: float | None, digits: int = 0) -> str:
    return "n/a" if value is None else f"{value:,.{digits}f}"


def _ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}x"


CLUSTER_LABELS = {
    ("newscollate", None): "newscollate (stories in the store)",
    ("newscollate-lsh", "pairs"): "newscollate LSH alone (components of its candidates)",
    ("datasketch", "pairs"): "datasketch (components of LSH candidates)",
    ("datasketch", "verified"): "datasketch (components of candidates, est. J >= 0.5)",
    ("text-dedup", "pairs"): "text-dedup (its union-find clusters)",
}


def tables(entry: Json) -> str:
    """The markdown of one size: speed and memory, newscollate's stages, quality."""
    corpus, tools = entry["corpus"], entry["tools"]
    parts = [
        f"### {corpus['articles']:,} articles ({corpus['gold_stories']:,} gold stories)",
        speed_table(tools),
        stage_table(tools["newscollate"]),
        quality_table(tools),
        f"newscollate links by relation: {_counts(tools['newscollate']['links_by_relation'])}; "
        f"gold links: {_counts(corpus['gold_relations'])} "
        f"({corpus['gold_links_true_jaccard_at_least_threshold']:,} with true J >= 0.5)",
    ]
    return "\n\n".join(part for part in parts if part)


def speed_table(tools: Mapping[str, Json]) -> str:
    from quality import markdown_table

    header = [
        "tool",
        "end to end s",
        "CPU s",
        "articles/s",
        "near-dup stage s",
        "near-dup articles/s",
        "peak RSS MiB",
        "others' CPU",
        "newscollate/peer: articles/s",
        "near-dup articles/s",
        "near-dup alone",
        "peak RSS",
    ]
    rows = []
    for tool, t in tools.items():
        r = t.get("ratios_newscollate_over_peer", {})
        rows.append(
            [
                tool,
                _n(t["end_to_end_seconds"], 1),
                _n(t["end_to_end_cpu_seconds_total"], 1),
                _n(t["articles_per_second"]),
                _n(t["near_duplicate_seconds"], 1),
                _n(t["near_duplicate_articles_per_second"]),
                _n(t["peak_rss_mib"]),
                f"{t['others_cpu_share']:.0%}",
                *(
                    _ratio(r.get(k))
                    for k in (
                        "articles_per_second",
                        "near_duplicate_articles_per_second",
                        "near_duplicate_alone_articles_per_second",
                        "peak_rss_mib",
                    )
                ),
            ]
        )
    return markdown_table(header, rows)


def stage_table(ours: Json) -> str:
    """The store's own stages, which add up to its time, then the preparing of batches,
    which from the second batch on runs in a worker process beside them."""
    from quality import markdown_table

    stages = ours["stages_seconds"]
    if not stages:
        return ""
    names = [s for s in STAGES if s in stages] + [s for s in stages if s not in STAGES]
    prepare = ours.get("prepare_stages_seconds", {})
    n = ours["read"]
    return markdown_table(
        ["newscollate stage", *names, "unaccounted", *(f"{s} (worker)" for s in prepare)],
        [
            [
                "seconds",
                *(_n(stages[s], 1) for s in names),
                _n(ours["stages_unaccounted_seconds"], 1),
                *(_n(v, 1) for v in prepare.values()),
            ],
            [
                "articles/s",
                *(_n(throughput(n, stages[s])) for s in names),
                "",
                *(_n(throughput(n, v)) for v in prepare.values()),
            ],
        ],
    )


def quality_table(tools: Mapping[str, Json]) -> str:
    from quality import markdown_table

    rows: list[list[object]] = []
    for tool, t in tools.items():
        for variant, result in [(None, t)] if tool == "newscollate" else t["clusters"].items():
            s, recall, e = result["scores"], result["recall"], result["errors"]
            by = recall["by_relation"]
            rows.append(
                [
                    CLUSTER_LABELS.get((tool, variant), f"{tool} {variant}"),
                    *(f"{s[k]:.3f}" for k in ("precision", "recall", "f1", "ari")),
                    _rate(recall["all"], "recall_at_or_above_threshold"),
                    *(_rate(by.get(rel, {}), "recall") for rel in RELATIONS),
                    f"{e['gold_story_pairs_joined']:,}",
                    f"{e['distractor_pairs_joined']:,} of {e['distractor_pairs']:,}",
                    f"{e['gold_stories_split']:,}",
                ]
            )
    header = ["clusters", "pair P", "pair R", "pair F1", "ARI", "recall J>=0.5", *RELATIONS,
              "gold stories joined (pairs)", "distractor pairs joined", "gold stories split"]  # fmt: skip
    return markdown_table(header, rows)


def _rate(summary: Mapping[str, Any], key: str) -> str:
    value = summary.get(key)
    return "n/a" if value is None else f"{value:.3f}"


def _counts(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{k} {v:,}" for k, v in counts.items())


def environment(peers: Mapping[str, Json]) -> Json:
    from quality import environment as project_environment

    env = project_environment()
    env["memory_gib"] = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    env["cpu"] = _cpu_model()
    for tool, result in peers.items():
        env["versions"][tool] = result["runner"]["versions"].get(tool)
    return env


def _cpu_model() -> str | None:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return None


def machine_line(env: Json) -> str:
    versions = ", ".join(f"{k} {v}" for k, v in env["versions"].items() if v)
    git = env["git"]
    state = f"{git['commit']}{' + changes in src' if git['src_changes'] else ''}"
    return (
        f"{env['cpu']}, {env['cpu_count']} CPUs, {env['memory_gib']} GiB RAM; Python "
        f"{env['python']}; {versions}; newscollate {env['newscollate']} at {state}"
    )


# --------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="10000",
        type=lambda s: [int(x) for x in s.split(",")],
        help="comma-separated corpus sizes in articles (default 10000)",
    )
    parser.add_argument("--seed", type=int, default=1, help="corpusgen seed (default 1)")
    parser.add_argument(
        "--span-days",
        type=int,
        default=SPAN_DAYS,
        help=f"days the corpus' stories spread over (corpusgen's default {SPAN_DAYS})",
    )
    parser.add_argument(
        "--cache", type=Path, default=BENCH / ".cache", help="generated corpora and run files"
    )
    parser.add_argument("--peers", action="store_true", help="also run datasketch and text-dedup")
    parser.add_argument("--out", type=Path, default=RESULTS / "stories.json")
    parser.add_argument("--batch-size", type=int, default=1000, help="Store.add batch size")
    parser.add_argument("--keep-store", action="store_true", help="keep the store file")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)  # CORPUS STORE BATCH
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        corpus, store, batch = args.child
        print(json.dumps(newscollate_child(Path(corpus), Path(store), int(batch))))
        return 0
    if args.peers:
        subprocess.run(["bash", str(PEERS / "setup.sh")], check=True, stdout=sys.stderr)
    # built once a machine (about 6 s, on first use), never inside a timed run
    from newscollate.index import compiled

    log(f"index kernels compiled ahead of time: {compiled.ahead_of_time()}")
    results: Json = json.loads(args.out.read_text()) if args.out.exists() else {}
    results.setdefault("benchmark", "stories")
    results.setdefault("sizes", {})
    for articles in args.sizes:
        corpus = ensure_corpus(articles, args.seed, args.cache, args.span_days)
        entry = measure(corpus, args)
        peers = {k: v for k, v in entry["tools"].items() if k not in ("newscollate", OWN_RUNNER)}
        entry["environment"] = environment(peers)
        entry["command"] = " ".join([".venv/bin/python", "bench/bench_stories.py", *sys.argv[1:]])
        results["sizes"][corpus.name] = entry
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2) + "\n")
        print(tables(entry) + "\n", flush=True)
        print(f"Measured on: {machine_line(entry['environment'])}\n", flush=True)
    log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
