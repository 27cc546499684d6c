"""Speed and memory of ``newscollate.compare`` on this machine.

Measures import and model load time and a first ``compare`` (in fresh processes),
``compare`` on the seed pair and on 10 generated versions of one story (warm, warm
without the fact checks, and with an empty embedding cache), the model's and the
cache's sentences per second, how ``compare`` scales with the number of versions,
peak memory, and a difflib sentence alignment of the seed pair as a baseline.
Prints a markdown table and writes JSON. Usage:

    .venv/bin/python bench/bench_compare.py            # full run, bench/results/compare.json
    .venv/bin/python bench/bench_compare.py --quick    # smoke run, bench/results/compare-quick.json

"Warm" figures are the median of 5 runs after one warm-up run; model load is the
median of 3 fresh processes. docs/benchmarks.md explains the figures.
"""

from __future__ import annotations

import argparse
import difflib
import gc
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import Any

import storygen  # bench/ is on sys.path when this file is run as a script

sys.path.insert(0, str(Path(__file__).resolve().parent / "peers"))
from _common import busy_cpu_seconds  # the peers' helpers: standard library only

import newscollate
from newscollate.crosscheck import crosscheck
from newscollate.facts import extract

ROOT = Path(__file__).resolve().parents[1]
COLLATE_ONLY = newscollate.Settings(check_facts=False)  # stages 1-5: no spaCy, no fact checks
SEEDS = ROOT.parent / "shared" / "seeds"
RESULTS = ROOT / "bench" / "results"

# One fresh interpreter: import time, then a new SentenceEmbedder to its first encode done.
# {pre} runs between the two, for the breakdown run that imports the libraries first.
_COLD_CHILD = """
import json, sys, time
t0 = time.perf_counter()
import newscollate
t1 = time.perf_counter()
torch_at_import = "torch" in sys.modules
{pre}
t2 = time.perf_counter()
embedder = newscollate.SentenceEmbedder()
embedder.encode(["x"])
t3 = time.perf_counter()
print(json.dumps({{"import": t1 - t0, "pre": t2 - t1, "load": t3 - t2,
                  "torch_at_import": torch_at_import}}))
"""
# A process as a CLI run is: import, first compare of the seed pair (loads the model and
# spaCy), then the 10-version story; and its peak memory. VmHWM, not ru_maxrss: on Linux
# a child's ru_maxrss starts at its parent's size.
_FIRST_CHILD = """
import json, re, sys, time
sys.path.insert(0, {bench!r})
t0 = time.perf_counter()
import newscollate, storygen
newscollate.compare({seeds!r})
t1 = time.perf_counter()
newscollate.compare([newscollate.Article(id=v.id, text=v.text) for v in storygen.versions(10)])
with open("/proc/self/status") as status:
    kib = int(re.search(r"VmHWM:\\s+(\\d+) kB", status.read()).group(1))
print(json.dumps({{"first": t1 - t0, "peak_rss_mib": kib / 1024}}))
"""
# The breakdown imports the libraries first, with the variables SentenceEmbedder sets
# before its own import (without them the hub client's import costs more).
_PRE_IMPORT = """
import os
for name in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
    os.environ.setdefault(name, "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
import sentence_transformers
"""
_IMPORT_CHILD = """
import json, time
t0 = time.perf_counter()
import newscollate
print(json.dumps({"import": time.perf_counter() - t0}))
"""


@dataclass(frozen=True, slots=True)
class Plan:
    """How many runs each figure takes; ``--quick`` shrinks everything."""

    runs: int = 5
    load_runs: int = 3
    import_runs: int = 5
    throughput_runs: int = 3
    throughput_sentences: int = 1000
    story_versions: int = 10
    scaling: tuple[int, ...] = (2, 4, 8, 16)


QUICK = Plan(
    runs=1,
    load_runs=1,
    import_runs=1,
    throughput_runs=1,
    throughput_sentences=200,
    scaling=(2, 4),
)


@dataclass(slots=True)
class Figure:
    """One measured quantity: every run and their median."""

    key: str
    label: str
    unit: str
    runs: list[float]
    note: str = ""
    median: float = field(init=False)

    def __post_init__(self) -> None:
        self.median = statistics.median(self.runs)


_START = time.perf_counter()


@dataclass(slots=True)
class Section:
    """What else the machine did while one part of the benchmark ran.

    Other processes on these 2 cores inflate every figure, so the evidence is kept
    with the figures: ``others_cpu_share`` is the CPU time used by other processes
    as a share of all the machine's CPU time in the section.
    """

    name: str
    start_s: float
    seconds: float = 0.0
    others_cpu_share: float = 0.0
    load_average: float = 0.0
    peak_rss_mib: float = 0.0


def _own_s() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


SECTIONS: list[Section] = []
_last = (time.perf_counter(), busy_cpu_seconds(), _own_s())


def log(message: str) -> None:
    """Close the running section and start one called ``message``."""
    global _last
    now = (time.perf_counter(), busy_cpu_seconds(), _own_s())
    if SECTIONS:
        section, wall = SECTIONS[-1], now[0] - _last[0]
        others = (now[1] - _last[1]) - (now[2] - _last[2])
        section.seconds = wall
        section.others_cpu_share = max(0.0, others) / (wall * (os.cpu_count() or 1))
        section.load_average = os.getloadavg()[0]
        section.peak_rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    _last = now
    elapsed = now[0] - _START
    SECTIONS.append(Section(message, round(elapsed, 1)))
    print(f"[{elapsed:6.1f}s] {message}", file=sys.stderr, flush=True)


def timed(fn: Callable[[], object], runs: int, warmup: int = 1) -> list[float]:
    """Wall-clock seconds of ``runs`` calls of ``fn`` after ``warmup`` untimed calls."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def child(code: str) -> dict[str, Any]:
    """Run ``code`` in a fresh interpreter of this venv; its last stdout line is JSON."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"child process failed ({done.returncode}):\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def fresh_embedder() -> newscollate.SentenceEmbedder:
    """A new embedder with its model loaded and its cache empty (but for one word)."""
    embedder = newscollate.SentenceEmbedder(batch_size=64)
    embedder.encode(["warm"])
    return embedder


def cold_cache_times(inputs: Sequence[Any], runs: int) -> list[float]:
    """``compare`` with a fresh, loaded, empty-cache embedder each run (one warm-up first)."""
    times = []
    for k in range(runs + 1):
        embedder = fresh_embedder()
        start = time.perf_counter()
        newscollate.compare(inputs, embedder=embedder)
        if k:
            times.append(time.perf_counter() - start)
        del embedder
        gc.collect()  # free the model now, so peak RSS does not count several at once
    return times


_SPLIT = re.compile(r"(?<=[.!?])\s+")


def split_simple(text: str) -> list[str]:
    return [s for s in _SPLIT.split(" ".join(text.split())) if s]


def difflib_align(a: str, b: str, *, words: bool = False) -> list[tuple[int, int, float]]:
    """Each sentence of ``a`` with its best ``SequenceMatcher.ratio`` in ``b``.

    Compares characters (difflib's plain use on strings), or word lists with
    ``words=True``. Uses the documented fast pattern (``set_seq2`` once per
    sentence of ``b``, whose analysis is cached, and the cheap upper bounds
    before ``ratio``), so this is difflib at its quickest.
    """
    sa: list[Any] = split_simple(a)
    sb: list[Any] = split_simple(b)
    if words:
        sa, sb = [x.split() for x in sa], [y.split() for y in sb]
    best = [(-1, 0.0)] * len(sa)
    matcher: difflib.SequenceMatcher[Any] = difflib.SequenceMatcher(autojunk=False)
    for j, y in enumerate(sb):
        matcher.set_seq2(y)
        for i, x in enumerate(sa):
            matcher.set_seq1(x)
            if matcher.real_quick_ratio() <= best[i][1] or matcher.quick_ratio() <= best[i][1]:
                continue
            ratio = matcher.ratio()
            if ratio > best[i][1]:
                best[i] = (j, ratio)
    return [(i, j, r) for i, (j, r) in enumerate(best)]


def story_articles(versions: Sequence[storygen.Version]) -> list[newscollate.Article]:
    return [newscollate.Article(id=v.id, text=v.text, outlet=v.outlet) for v in versions]


def machine() -> dict[str, Any]:
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    import torch  # already loaded by the model; imported here only to read its settings

    versions = {}
    for package in ("torch", "sentence-transformers", "transformers", "numpy", "scipy"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    return {
        "commit": git("rev-parse", "--short", "HEAD"),
        "uncommitted_changes_in_src": bool(git("status", "--porcelain", "--", "src")),
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "torch_threads": torch.get_num_threads(),
        "memory_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "packages": versions,
        "newscollate": newscollate.__version__,
    }


def run(plan: Plan) -> dict[str, Any]:
    figures: list[Figure] = []
    facts: dict[str, Any] = {}

    # 1. Import and model load, each in fresh processes (the OS file cache stays warm).
    log(f"import newscollate in {plan.import_runs} fresh processes")
    imports = [child(_IMPORT_CHILD)["import"] for _ in range(plan.import_runs)]
    figures.append(Figure("import", "`import newscollate` (fresh process)", "s", imports))
    log(f"model load in {plan.load_runs} fresh processes")
    cold = [child(_COLD_CHILD.format(pre="")) for _ in range(plan.load_runs)]
    facts["torch_imported_by_import_newscollate"] = any(c["torch_at_import"] for c in cold)
    figures.append(
        Figure(
            "model_load",
            "model load: `SentenceEmbedder()` to first `encode` done (fresh process)",
            "s",
            [c["load"] for c in cold],
            "includes importing torch and sentence-transformers",
        )
    )
    log(f"model load breakdown in {plan.load_runs} fresh processes")
    split = [child(_COLD_CHILD.format(pre=_PRE_IMPORT)) for _ in range(plan.load_runs)]
    figures.append(
        Figure(
            "load_libraries",
            "of which: `import sentence_transformers` (with torch)",
            "s",
            [c["pre"] for c in split],
            "separate processes that import the libraries first",
        )
    )
    figures.append(
        Figure(
            "load_weights",
            "of which: weights, tokenizer and first encode",
            "s",
            [c["load"] for c in split],
            "the rest of the load in those processes",
        )
    )

    seeds = sorted(SEEDS.glob("*.txt"))
    if len(seeds) != 2:
        raise SystemExit(f"expected 2 seed files in {SEEDS}, found {len(seeds)}")
    log(f"first compare in {plan.load_runs} fresh processes")
    first = [
        child(_FIRST_CHILD.format(bench=str(ROOT / "bench"), seeds=[str(p) for p in seeds]))
        for _ in range(plan.load_runs)
    ]
    facts["peak_rss_one_model_mib"] = [f["peak_rss_mib"] for f in first]
    figures.append(
        Figure(
            "first_compare",
            "fresh process: `import newscollate` and first `compare` of the seed pair",
            "s",
            [f["first"] for f in first],
            "what one CLI run waits for: imports, model and spaCy loads, compare",
        )
    )

    # 2. The seed pair: warm (shared default embedder), warm without the fact checks,
    # with an empty embedding cache, and difflib.
    # difflib first, while this process is as small as a script that uses only difflib:
    # later, with torch and spaCy loaded, the garbage collector has far more to scan.
    log("seed pair: difflib baseline")
    texts = [p.read_text() for p in seeds]
    facts["difflib_sentences"] = [len(split_simple(t)) for t in texts]
    baseline = Figure(
        "difflib_seed",
        "difflib sentence alignment of characters, seed pair",
        "s",
        timed(lambda: difflib_align(*(p.read_text() for p in seeds)), plan.runs),
        "each sentence of A to its best `ratio()` in B; no semantics",
    )
    figures.append(baseline)
    baseline_words = Figure(
        "difflib_words_seed",
        "difflib sentence alignment of words, seed pair",
        "s",
        timed(lambda: difflib_align(*(p.read_text() for p in seeds), words=True), plan.runs),
        "the same on word lists; no semantics",
    )
    figures.append(baseline_words)
    log("seed pair: first compare in this process (loads the model and spaCy)")
    start = time.perf_counter()
    seed_result = newscollate.compare(seeds)
    facts["seed_first_compare_s"] = time.perf_counter() - start
    facts["seed_sentences"] = [len(d.sentences) for d in seed_result.documents]
    facts["seed_relation"] = seed_result.pairs[0].relation
    log("seed pair: warm")
    seed_warm = Figure(
        "seed_warm",
        "`compare` seed pair, warm",
        "s",
        timed(lambda: newscollate.compare(seeds), plan.runs),
        f"{'+'.join(map(str, facts['seed_sentences']))} sentences; target < 1 s",
    )
    figures.append(seed_warm)
    seed_collate = Figure(
        "seed_warm_collate_only",
        "same, with `Settings(check_facts=False)`",
        "s",
        timed(partial(newscollate.compare, seeds, settings=COLLATE_ONLY), plan.runs),
        "stages 1-5 only: the collation without facts and checks",
    )
    figures.append(seed_collate)
    log("seed pair: cold cache")
    figures.append(
        Figure(
            "seed_cold_cache",
            "`compare` seed pair, model (and spaCy) loaded, empty cache",
            "s",
            cold_cache_times(seeds, plan.runs),
            "fresh `SentenceEmbedder` per run",
        )
    )
    facts["newscollate_over_difflib"] = seed_warm.median / baseline.median
    facts["newscollate_over_difflib_words"] = seed_warm.median / baseline_words.median
    facts["collate_only_over_difflib"] = seed_collate.median / baseline.median
    facts["collate_only_over_difflib_words"] = seed_collate.median / baseline_words.median

    # 3. One generated story in 10 versions.
    versions = storygen.versions(max(plan.story_versions, *plan.scaling))
    story = story_articles(versions[: plan.story_versions])
    log(f"story of {plan.story_versions} versions: warm")
    story_result = newscollate.compare(story)
    facts["story_sentences"] = [len(d.sentences) for d in story_result.documents]
    facts["story_relations"] = dict(Counter(p.relation for p in story_result.pairs))
    facts["story_groups"] = len(story_result.alignment)
    n_pairs = plan.story_versions * (plan.story_versions - 1) // 2
    story_warm = Figure(
        "story_warm",
        f"`compare` {plan.story_versions} versions of a 40-sentence story, warm",
        "s",
        timed(lambda: newscollate.compare(story), plan.runs),
        f"{sum(facts['story_sentences'])} sentences, {n_pairs} version pairs",
    )
    figures.append(story_warm)
    figures.append(
        Figure(
            "story_warm_collate_only",
            "same, with `Settings(check_facts=False)`",
            "s",
            timed(partial(newscollate.compare, story, settings=COLLATE_ONLY), plan.runs),
            "stages 1-5 only",
        )
    )
    log(f"story of {plan.story_versions} versions: cold cache")
    figures.append(
        Figure(
            "story_cold_cache",
            f"`compare` {plan.story_versions} versions, model (and spaCy) loaded, empty cache",
            "s",
            cold_cache_times(story, plan.runs),
            "fresh `SentenceEmbedder` per run",
        )
    )

    # 3b. The fact stages alone (6 extract, 7 crosscheck), on the documents and rows
    # that compare produced: sentences per second, and their share of a warm compare.
    warm_full = {"seed": seed_warm.median, "story": story_warm.median}
    for key, result, label in (
        ("seed", seed_result, "seed pair"),
        ("story", story_result, f"{plan.story_versions}-version story"),
    ):
        log(f"fact stages: {label}")
        documents = result.documents
        n_sentences = sum(len(d.sentences) for d in documents)
        extracting = Figure(
            f"facts_extract_{key}",
            f"fact extraction (stage 6), {label}, warm",
            "s",
            timed(partial(extract, documents), plan.runs),
            f"{n_sentences} sentences: quantities, dates, spaCy entities, quotes",
        )
        factset = extract(documents)
        checking = Figure(
            f"facts_crosscheck_{key}",
            f"fact checks (stage 7), {label}, warm",
            "s",
            timed(partial(crosscheck, documents, result.alignment, factset), plan.runs),
            f"{len(factset.facts)} facts, {len(crosscheck(documents, result.alignment, factset))} checks",
        )
        figures += [extracting, checking]
        facts[f"facts_sentences_per_s_{key}"] = n_sentences / extracting.median
        facts[f"facts_share_of_compare_{key}"] = (extracting.median + checking.median) / warm_full[
            key
        ]

    # 4. Sentences per second, through the model and through the cache.
    sentences = storygen.sentences(plan.throughput_sentences)
    facts["throughput_mean_words"] = sum(len(s.split()) for s in sentences) / len(sentences)
    log(f"throughput: {len(sentences)} sentences x {plan.throughput_runs}")
    model_rates, cache_rates = [], []
    for _ in range(plan.throughput_runs):
        embedder = fresh_embedder()
        start = time.perf_counter()
        embedder.encode(sentences)
        middle = time.perf_counter()
        embedder.encode(sentences)
        end = time.perf_counter()
        if embedder.model_calls != 2:  # the warm-up word and the first call; never the second
            raise RuntimeError(f"cache missed: {embedder.model_calls} model calls")
        model_rates.append(len(sentences) / (middle - start))
        cache_rates.append(len(sentences) / (end - middle))
        del embedder
        gc.collect()  # free the model now, so peak RSS does not count several at once
    words = facts["throughput_mean_words"]
    figures.append(
        Figure(
            "model_rate",
            f"model: sentences per second ({len(sentences)} distinct, batch 64)",
            "sent/s",
            model_rates,
            f"{words:.1f} words per sentence on average",
        )
    )
    figures.append(
        Figure(
            "cache_rate",
            "cache: sentences per second (same call again)",
            "sent/s",
            cache_rates,
            "hashing, lookup and stacking only",
        )
    )

    # 5. Scaling with the number of versions (warm: the embeddings are cached).
    scaling = []
    for k in plan.scaling:
        log(f"scaling: {k} versions")
        articles = story_articles(versions[:k])
        full = statistics.median(timed(partial(newscollate.compare, articles), plan.runs))
        only = statistics.median(
            timed(partial(newscollate.compare, articles, settings=COLLATE_ONLY), plan.runs)
        )
        pairs = k * (k - 1) // 2
        scaling.append(
            {
                "versions": k,
                "pairs": pairs,
                "sentences": sum(v.sentence_count for v in versions[:k]),
                "median_s": full,
                "per_version_ms": 1000 * full / k,
                "per_pair_ms": 1000 * full / pairs,
                "collate_only_median_s": only,
                "collate_only_per_pair_ms": 1000 * only / pairs,
                "facts_per_version_ms": 1000 * (full - only) / k,
            }
        )

    # 6. Peak memory: of this process after all the runs, and of a process as users run it.
    facts["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    log("done")
    measured = SECTIONS[:-1]
    total = sum(x.seconds for x in measured)
    facts["others_cpu_share"] = sum(x.others_cpu_share * x.seconds for x in measured) / total
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "plan": asdict(plan),
        "machine": machine(),
        "figures": {f.key: asdict(f) for f in figures},
        "scaling": scaling,
        "facts": facts,
        "sections": [asdict(x) for x in SECTIONS[:-1]],
        "elapsed_s": time.perf_counter() - _START,
    }


def _value(median: float, unit: str) -> str:
    if unit == "s":
        return f"{median * 1000:.1f} ms" if median < 1 else f"{median:.2f} s"
    return f"{median:,.0f} {unit}"


def _runs(runs: Sequence[float], unit: str) -> str:
    if unit == "s":
        return ", ".join(f"{r * 1000:.0f}" if r < 1 else f"{r:.2f}s" for r in runs)
    return ", ".join(f"{r:,.0f}" for r in runs)


def table(results: dict[str, Any]) -> str:
    lines = [
        "| measurement | median | runs (ms unless marked) | note |",
        "| --- | ---: | --- | --- |",
    ]
    for f in results["figures"].values():
        lines.append(
            f"| {f['label']} | {_value(f['median'], f['unit'])} "
            f"| {_runs(f['runs'], f['unit'])} | {f['note']} |"
        )
    facts = results["facts"]
    for key, label in (("newscollate", "`compare`"), ("collate_only", "collation only")):
        for suffix, what in (("", "characters"), ("_words", "words")):
            lines.append(
                f"| {label} warm / difflib ({what}), seed pair "
                f"| {facts[f'{key}_over_difflib{suffix}']:.2f} | | ratio of medians |"
            )
    for key, label in (("seed", "seed pair"), ("story", "story")):
        lines.append(
            f"| fact extraction speed, {label} | {facts[f'facts_sentences_per_s_{key}']:,.0f} "
            f"sentences/s | | stages 6+7 take {facts[f'facts_share_of_compare_{key}']:.0%} of a warm `compare` |"
        )
    lines.append(
        f"| peak RSS of this benchmark process | {facts['peak_rss_mib']:.0f} MiB | | "
        "after every run above (a fresh model for each cold-cache and throughput run) |"
    )
    one = facts["peak_rss_one_model_mib"]
    lines.append(
        f"| peak RSS of a one-model process | {statistics.median(one):.0f} MiB "
        f"| {', '.join(f'{x:.0f}' for x in one)} MiB | the fresh processes of the first-compare row |"
    )
    lines += [
        "",
        "| versions | version pairs | sentences | `compare`, warm | per version pair "
        "| collation only | per version pair | facts and checks per version |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in results["scaling"]:
        lines.append(
            f"| {row['versions']} | {row['pairs']} | {row['sentences']} "
            f"| {_value(row['median_s'], 's')} | {row['per_pair_ms']:.1f} ms "
            f"| {_value(row['collate_only_median_s'], 's')} "
            f"| {row['collate_only_per_pair_ms']:.1f} ms | {row['facts_per_version_ms']:.1f} ms |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="one run of everything, small sizes")
    parser.add_argument("--out", type=Path, help="JSON output (default under bench/results/)")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else Plan()
    out: Path = args.out or RESULTS / ("compare-quick.json" if args.quick else "compare.json")
    results = run(plan)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(table(results))
    m = results["machine"]
    facts = results["facts"]
    busiest = max(results["sections"], key=lambda x: x["others_cpu_share"])
    print(
        f"\ncommit {m['commit']}{' + changes in src' if m['uncommitted_changes_in_src'] else ''}; "
        f"{m['cpu']}, {m['nproc']} CPUs, torch threads {m['torch_threads']}, "
        f"Python {m['python']}; other processes used {facts['others_cpu_share']:.0%} of the CPU "
        f"(most: {busiest['others_cpu_share']:.0%} during {busiest['name']}); "
        f"total {results['elapsed_s']:.0f} s; wrote {out}"
    )
    if busiest["others_cpu_share"] > 0.1:
        print("warning: other processes kept the CPUs busy; figures are inflated", file=sys.stderr)


if __name__ == "__main__":
    main()
