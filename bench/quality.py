"""Quality figures of newscollate on the public labelled dev splits in ``../shared/data``.

Three tasks, each against the figure its data set is known for:

* ``--semeval``: document similarity and relation of English-English pairs of
  SemEval-2022 Task 8 (Pearson with the ``Overall`` 1-4 rating);
* ``--mrpc``: the aligner's sentence score as a paraphrase decision on MRPC
  (accuracy and F1 at the link thresholds, and a cross-validated best threshold);
* ``--extraction``: article text from HTML pages on the Scrapinghub article
  extraction benchmark, scored as that benchmark scores it, next to plain trafilatura.

Prints a markdown table per task and merges the results, task by task, into
``bench/results/quality.json`` (``quality-limit.json`` with ``--limit``). Usage:

    .venv/bin/python bench/quality.py --all
    .venv/bin/python bench/quality.py --mrpc --limit 200

The data is read in place (``--data``, default ``../shared/data`` from the project
root); never copy it into the repository. docs/evaluation.md holds the figures.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import logging
import math
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import stats

import newscollate
from newscollate import Article, CompareError, Settings
from newscollate.ingest import load
from newscollate.ingest.normalize import fold
from newscollate.models import RELATIONS, Relation
from newscollate.represent import DocumentFeatures, Embedder, PairScorer
from newscollate.represent.lexical import content_tokens

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "bench" / "results"
TASKS = ("semeval", "mrpc", "extraction")
DEPENDENCIES = ("torch", "sentence-transformers", "transformers", "trafilatura", "numpy", "scipy")
SEED = 0

Json = dict[str, Any]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

log = logging.getLogger("bench.quality")


# --------------------------------------------------------------------------- shared


def settings_dict(settings: Settings) -> Json:
    return {f.name: _plain(getattr(settings, f.name)) for f in fields(settings)}


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Path) else value


def environment() -> Json:
    """What the figures were measured on: machine, versions, and the code's state."""
    versions: dict[str, str | None] = {}
    for name in DEPENDENCIES:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            versions[name] = None
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "newscollate": newscollate.__version__,
        "git": _git_state(),
        "versions": versions,
    }


def _git_state() -> Json:
    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False
        )
        return done.stdout

    # Porcelain lines are "XY path": the status columns may be blank, so no strip.
    changed = [line[3:] for line in git("status", "--porcelain", "--", "src").splitlines()]
    return {"commit": git("rev-parse", "--short", "HEAD").strip() or None, "src_changes": changed}


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    def cell(value: object) -> str:
        if isinstance(value, float):
            return "n/a" if math.isnan(value) else f"{value:.3f}"
        return str(value)

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _pearson(x: Sequence[float], y: Sequence[float]) -> Json:
    if len(x) < 3:
        return {"r": float("nan"), "ci95": [float("nan"), float("nan")], "p": float("nan")}
    result = stats.pearsonr(x, y)
    low, high = result.confidence_interval(0.95)
    return {
        "r": float(result.statistic),
        "ci95": [float(low), float(high)],
        "p": float(result.pvalue),
    }


# --------------------------------------------------------------------------- SemEval


def overall_bucket(overall: float) -> int:
    """``Overall`` (a mean of 1-4 ratings) rounded half up to 1..4."""
    return min(max(math.floor(overall + 0.5), 1), 4)


def run_semeval(data: Path, limit: int | None, embedder: Embedder) -> tuple[Json, str]:
    path = data / "semeval2022-task8" / "pairs.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["lang1"] == "en" and r["lang2"] == "en"]
    if limit is not None:
        rows = rows[:limit]
    settings = Settings()
    overall: list[float] = []
    similarity: list[float] = []
    document: list[float] = []
    relations: list[Relation] = []
    sources: list[str] = []
    skipped_empty = 0
    skipped: list[Json] = []
    for row in rows:
        text1, text2 = row["text1"].strip(), row["text2"].strip()
        if not text1 or not text2:
            skipped_empty += 1
            continue
        # The crawled texts start with the headline; there is no separate title column.
        articles = [
            Article(id=f"{row['pair_id']}:1", text=text1, language="en"),
            Article(id=f"{row['pair_id']}:2", text=text2, language="en"),
        ]
        try:
            pair = newscollate.compare(articles, settings=settings, embedder=embedder).pairs[0]
        except CompareError as exc:
            reasons = [str(p) for p in load(articles, settings).problems] or [str(exc)]
            skipped.append({"pair_id": row["pair_id"], "reasons": reasons})
            continue
        overall.append(float(row["Overall"]))
        sources.append(row["src_file"])
        similarity.append(pair.similarity)
        document.append(pair.document_similarity)
        relations.append(pair.relation)

    confusion = {b: dict.fromkeys(RELATIONS, 0) for b in range(1, 5)}
    for value, relation in zip(overall, relations, strict=True):
        confusion[overall_bucket(value)][relation] += 1
    result: Json = {
        "data": str(path.relative_to(data)),
        "split": "dev split of the SemEval-2022 Task 8 training release (data/README.md)",
        "pairs_en_en": len(rows),
        "pairs_scored": len(overall),
        "skipped_empty_text": skipped_empty,
        "skipped_by_newscollate": skipped,
        "src_files": dict(Counter(r["src_file"] for r in rows)),
        "pearson_similarity_vs_overall": _pearson(similarity, overall),
        "pearson_similarity_vs_overall_by_src_file": {
            name: _pearson(
                [x for x, src in zip(similarity, sources, strict=True) if src == name],
                [y for y, src in zip(overall, sources, strict=True) if src == name],
            )
            for name in sorted(set(sources))
        },
        "pearson_document_similarity_vs_overall": _pearson(document, overall),
        "spearman_similarity_vs_overall": (
            float(stats.spearmanr(similarity, overall).statistic)
            if len(overall) > 2
            else float("nan")
        ),
        "relation_by_overall": {str(b): counts for b, counts in confusion.items()},
        "published": {
            "pearson": 0.818,
            "system": "HFL (Xu et al., 2022), rank 1",
            "on": "official evaluation set, all language pairs; "
            "1 = same event, so a similarity should correlate negatively",
        },
    }
    return result, _semeval_markdown(result)


def _semeval_markdown(r: Json) -> str:
    sim, doc = r["pearson_similarity_vs_overall"], r["pearson_document_similarity_vs_overall"]

    def ci(p: Json) -> str:
        return f"[{p['ci95'][0]:.3f}, {p['ci95'][1]:.3f}]"

    figures = markdown_table(
        ["measure", "Pearson r with Overall", "95% CI", "pairs"],
        [
            ["newscollate `pairs[0].similarity`", sim["r"], ci(sim), r["pairs_scored"]],
            ["newscollate `pairs[0].document_similarity`", doc["r"], ci(doc), r["pairs_scored"]],
            ["published best, HFL (official test set, all languages)", "0.818", "", ""],
        ],
    )
    header = ["Overall (rounded)", *RELATIONS, "pairs"]
    confusion = markdown_table(
        header,
        [
            [bucket, *counts.values(), sum(counts.values())]
            for bucket, counts in r["relation_by_overall"].items()
        ],
    )
    skipped = len(r["skipped_by_newscollate"])
    by_source = ", ".join(
        f"{name} {p['r']:.3f}" for name, p in r["pearson_similarity_vs_overall_by_src_file"].items()
    )
    return (
        f"### SemEval-2022 Task 8, English-English pairs (dev split)\n\n{figures}\n\n"
        f"Spearman rho (similarity): {r['spearman_similarity_vs_overall']:.3f}. "
        f"Pearson (similarity) by the pair's original release file: {by_source}. "
        f"{r['pairs_en_en']} en-en pairs; skipped {r['skipped_empty_text']} with empty text "
        f"and {skipped} refused by newscollate.\n\nRelation by Overall "
        f"(1 = same event ... 4 = unrelated):\n\n{confusion}"
    )


# --------------------------------------------------------------------------- MRPC


@dataclass(frozen=True, slots=True)
class Binary:
    accuracy: float
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, predicted: BoolArray, gold: BoolArray) -> Binary:
        tp = int(np.sum(predicted & gold))
        fp = int(np.sum(predicted & ~gold))
        fn = int(np.sum(~predicted & gold))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0
        return cls(float(np.mean(predicted == gold)), precision, recall, f1)

    def as_dict(self) -> Json:
        return {
            "accuracy": self.accuracy,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


def best_f1_threshold(scores: FloatArray, gold: BoolArray) -> float:
    """The threshold ``t`` (one of ``scores``) whose rule ``score >= t`` has the best F1."""
    order = np.argsort(-scores, kind="stable")
    ranked = scores[order]
    tp = np.cumsum(gold[order])
    predicted = np.arange(1, len(scores) + 1)
    f1 = 2 * tp / (predicted + gold.sum())
    # Only cut after the last of tied scores: ``>=`` takes all of them.
    last_of_tie = np.append(ranked[1:] != ranked[:-1], True)
    f1 = np.where(last_of_tie, f1, -1.0)
    return float(ranked[int(np.argmax(f1))])


def cross_validated(scores: FloatArray, gold: BoolArray, folds: int = 5) -> Json:
    """Choose the best-F1 threshold on ``folds - 1`` folds, measure on the held-out one."""
    order = np.random.default_rng(SEED).permutation(len(scores))
    parts = np.array_split(order, folds)
    held: list[Binary] = []
    thresholds: list[float] = []
    for k, test in enumerate(parts):
        train = np.concatenate([p for i, p in enumerate(parts) if i != k])
        threshold = best_f1_threshold(scores[train], gold[train])
        thresholds.append(threshold)
        held.append(Binary.of(scores[test] >= threshold, gold[test]))
    return {
        "folds": folds,
        "f1_mean": statistics.mean(b.f1 for b in held),
        "f1_std": statistics.stdev(b.f1 for b in held) if folds > 1 else 0.0,
        "accuracy_mean": statistics.mean(b.accuracy for b in held),
        "thresholds": thresholds,
    }


def read_mrpc(path: Path, limit: int | None) -> list[tuple[bool, str, str]]:
    pairs = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)  # Quality, #1 ID, #2 ID, #1 String, #2 String
        for quality, _id1, _id2, first, second in reader:
            pairs.append((quality == "1", first, second))
    return pairs[:limit] if limit is not None else pairs


def sentence_features(vector: npt.NDArray[np.float32], text: str) -> DocumentFeatures:
    """A one-sentence document's features, built as ``represent`` builds them."""
    return DocumentFeatures(
        vector[None, :], (content_tokens(fold(text)),), np.array([False], dtype=bool)
    )


def run_mrpc(data: Path, limit: int | None, embedder: Embedder) -> tuple[Json, str]:
    path = data / "mrpc" / "msr_paraphrase_train.txt"
    pairs = read_mrpc(path, limit)
    settings = Settings()
    sentences = list(dict.fromkeys(s for _, a, b in pairs for s in (a, b)))
    started = time.perf_counter()
    vectors = embedder.encode(sentences)  # one batched call for all sentences
    embed_seconds = time.perf_counter() - started
    row = {s: i for i, s in enumerate(sentences)}

    blend, cosine, dice = [], [], []
    for _, a, b in pairs:
        scorer = PairScorer(
            sentence_features(vectors[row[a]], a),
            sentence_features(vectors[row[b]], b),
            settings.semantic_weight,
        )
        blend.append(float(scorer.matrix[0, 0]))
        cosine.append(float(scorer.semantic[0, 0]))
        dice.append(float(scorer.dice[0, 0]))
    gold = np.array([g for g, _, _ in pairs], dtype=bool)
    score = np.array(blend)

    at: Json = {}
    for name in ("link_threshold", "weak_link_threshold"):
        threshold = float(getattr(settings, name))
        decided = Binary.of(score >= threshold, gold)
        at[name] = {"threshold": threshold, **decided.as_dict()}
    positives = int(gold.sum())
    result: Json = {
        "data": str(path.relative_to(data)),
        "split": "dev split of the MRPC training split (data/README.md)",
        "pairs": len(pairs),
        "paraphrases": positives,
        "sentences_embedded": len(sentences),
        "embed_seconds": embed_seconds,
        "semantic_weight": settings.semantic_weight,
        "at_settings": at,
        "cross_validated_best_threshold": {
            "aligner score": cross_validated(score, gold),
            "embedding cosine only": cross_validated(np.array(cosine), gold),
            "content-word Dice only": cross_validated(np.array(dice), gold),
        },
        "all_positive_baseline": {
            "f1": 2 * positives / (len(pairs) + positives) if pairs else 0.0,
            "accuracy": positives / len(pairs) if pairs else 0.0,
        },
        "published_test_f1": {"T5-3B": 92.5, "BERT-large": 89.3},
    }
    return result, _mrpc_markdown(result)


def _mrpc_markdown(r: Json) -> str:
    rows: list[list[object]] = []
    for name, m in r["at_settings"].items():
        rows.append(
            [
                f"aligner score >= {name} ({m['threshold']:.2f})",
                m["accuracy"],
                m["precision"],
                m["recall"],
                m["f1"],
            ]
        )
    for name, cv in r["cross_validated_best_threshold"].items():
        mean_t = statistics.mean(cv["thresholds"])
        rows.append(
            [
                f"{name}, best-F1 threshold by 5-fold CV (mean t = {mean_t:.3f})",
                cv["accuracy_mean"],
                "",
                "",
                f"{cv['f1_mean']:.3f} ± {cv['f1_std']:.3f}",
            ]
        )
    base = r["all_positive_baseline"]
    rows.append(["all-positive baseline", base["accuracy"], "", "", base["f1"]])
    rows.append(["published, test split: T5-3B / BERT-large", "", "", "", "0.925 / 0.893"])
    table = markdown_table(["decision", "accuracy", "precision", "recall", "F1"], rows)
    return (
        f"### MRPC, sentence decision of the aligner (dev split of train, {r['pairs']} pairs, "
        f"{r['paraphrases']} paraphrases)\n\n{table}"
    )


# --------------------------------------------------------------------------- extraction

TokenCounts = tuple[float, float, float]
_TOKEN = re.compile(r"\w+", re.UNICODE)


def shingle_counts(true: str, pred: str, n: int = 4) -> TokenCounts:
    """TP/FP/FN over bags of ``n``-token shingles, normalised to sum 1 per page.

    As in scrapinghub/article-extraction-benchmark ``evaluate.py``: tokens are
    ``\\w+`` runs, shingles are counted with multiplicity, and the three counts are
    divided by their sum so that long pages weigh no more than short ones.
    ``n = 1`` is a plain bag of word tokens.
    """
    true_bag, pred_bag = Counter(_shingles(true, n)), Counter(_shingles(pred, n))
    tp = fp = fn = 0.0
    for key in true_bag.keys() | pred_bag.keys():
        t, p = true_bag[key], pred_bag[key]
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _shingles(text: str, n: int) -> list[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return [tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens]


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def page_metrics(counts: Sequence[TokenCounts]) -> Json:
    """The benchmark's aggregate: mean precision and mean recall over pages, F1 of the means."""
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    precision = statistics.mean(precisions) if precisions else 0.0
    recall = statistics.mean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


def bootstrap_std(counts: Sequence[TokenCounts], rounds: int = 1000) -> float:
    """Standard deviation of F1 over page resamples, as the benchmark reports it."""
    rng = random.Random(SEED)
    values = [
        page_metrics([counts[rng.randrange(len(counts))] for _ in counts])["f1"]
        for _ in range(rounds)
    ]
    return statistics.stdev(values) if len(values) > 1 else 0.0


def _newscollate_text(path: Path) -> tuple[str, str | None]:
    loaded = load([path], Settings())
    if loaded.articles:
        return loaded.articles[0].text, None
    return "", "; ".join(p.reason for p in loaded.problems) or "no article"


def _trafilatura(**options: Any) -> Callable[[Path], tuple[str, str | None]]:
    import trafilatura

    def extract(path: Path) -> tuple[str, str | None]:
        # Read as the benchmark's extractor scripts read pages: gzip, UTF-8 text.
        with gzip.open(path, "rt", encoding="utf-8", errors="replace") as fh:
            html = fh.read()
        text = trafilatura.extract(html, **options)
        return (text, None) if text else ("", "no text extracted")

    return extract


def run_extraction(data: Path, limit: int | None) -> tuple[Json, str]:
    root = data / "article-extraction"
    gold = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pages = sorted(
        page
        for page, item in gold.items()
        if item.get("articleBody") and (root / "html" / f"{page}.html.gz").exists()
    )
    if limit is not None:
        pages = pages[:limit]
    systems: dict[str, Callable[[Path], tuple[str, str | None]]] = {
        "newscollate ingest.load": _newscollate_text,
        "trafilatura.extract(html), defaults": _trafilatura(),
        "trafilatura.extract(html, include_comments=False) (benchmark's call)": _trafilatura(
            include_comments=False
        ),
    }
    per_system: Json = {}
    for name, extract in systems.items():
        started = time.perf_counter()
        shingles: list[TokenCounts] = []
        tokens: list[TokenCounts] = []
        exact: list[float] = []
        failures: dict[str, str] = {}
        per_page: dict[str, float] = {}
        for page in pages:
            true = gold[page]["articleBody"]
            pred, problem = extract(root / "html" / f"{page}.html.gz")
            if problem:
                failures[page] = problem
            shingles.append(shingle_counts(true, pred, 4))
            tokens.append(shingle_counts(true, pred, 1))
            exact.append(float(_TOKEN.findall(true) == _TOKEN.findall(pred)))
            per_page[page] = page_metrics([shingles[-1]])["f1"]
        per_system[name] = {
            **page_metrics(shingles),
            "f1_bootstrap_std": bootstrap_std(shingles),
            "accuracy_exact": statistics.mean(exact) if exact else 0.0,
            "bag_of_tokens": page_metrics(tokens),
            "pages_without_text": failures,
            "seconds": time.perf_counter() - started,
            "per_page_f1": per_page,
        }
    ours = per_system["newscollate ingest.load"]["f1"]
    plain = per_system["trafilatura.extract(html), defaults"]["f1"]
    result: Json = {
        "data": "article-extraction/ (ground-truth.json, html/*.html.gz)",
        "split": "dev split of the Scrapinghub article extraction benchmark (data/README.md)",
        "pages": len(pages),
        "metric": "scrapinghub evaluate.py: 4-token shingles, per-page normalised TP/FP/FN, "
        "mean precision and mean recall over pages, F1 of the two means",
        "systems": per_system,
        "ratio_newscollate_to_trafilatura_defaults_f1": ours / plain if plain else float("nan"),
        "published": {"trafilatura 2.0.0 F1": 0.958, "best tool F1": 0.970},
    }
    return result, _extraction_markdown(result)


def _extraction_markdown(r: Json) -> str:
    rows: list[list[object]] = []
    for name, m in r["systems"].items():
        rows.append(
            [
                name,
                f"{m['f1']:.3f} ± {m['f1_bootstrap_std']:.3f}",
                m["precision"],
                m["recall"],
                m["accuracy_exact"],
                m["bag_of_tokens"]["f1"],
                len(m["pages_without_text"]),
            ]
        )
    rows.append(["published: trafilatura 2.0.0 (full benchmark)", "0.958", "", "", "", "", ""])
    table = markdown_table(
        [
            "extractor",
            "F1 (shingles)",
            "precision",
            "recall",
            "exact",
            "F1 (bag of tokens)",
            "pages without text",
        ],
        rows,
    )
    return (
        f"### Article extraction benchmark (dev split, {r['pages']} pages)\n\n{table}\n\n"
        "newscollate / trafilatura-defaults F1 ratio: "
        f"{r['ratio_newscollate_to_trafilatura_defaults_f1']:.3f}"
    )


# --------------------------------------------------------------------------- main


def write_results(path: Path, tasks: Json) -> None:
    """Merge ``tasks`` into the JSON file at ``path``, keeping the other tasks' entries."""
    existing: Json = {}
    if path.exists():
        try:
            existing = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            log.warning("%s is not valid JSON; replacing it", path)
    existing.setdefault("tasks", {}).update(tasks)
    existing["updated"] = datetime.now(UTC).isoformat(timespec="seconds")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(existing, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="run every task")
    for task in TASKS:
        parser.add_argument(f"--{task}", action="store_true", help=f"run the {task} task")
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help=f"data directory (default {DEFAULT_DATA})"
    )
    parser.add_argument("--limit", type=int, help="use only the first N items of each task")
    parser.add_argument(
        "--output",
        type=Path,
        help="JSON results file (default bench/results/quality.json, "
        "or quality-limit.json with --limit)",
    )
    args = parser.parse_args(argv)
    if not (args.all or any(getattr(args, t) for t in TASKS)):
        parser.error("choose --all or at least one of --semeval, --mrpc, --extraction")
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be a positive number")
    if not args.data.is_dir():
        parser.error(f"no data directory at {args.data}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.ERROR, format="%(name)s: %(message)s")
    chosen = [t for t in TASKS if args.all or getattr(args, t)]
    output = args.output or RESULTS / (
        "quality.json" if args.limit is None else "quality-limit.json"
    )
    env = environment()
    embedder: Embedder | None = None
    if "semeval" in chosen or "mrpc" in chosen:
        settings = Settings()
        embedder = newscollate.default_embedder(settings.model_path, settings.batch_size)

    results: Json = {}
    total_started = time.perf_counter()
    for task in chosen:
        started = time.perf_counter()
        if task == "semeval":
            assert embedder is not None
            result, table = run_semeval(args.data, args.limit, embedder)
        elif task == "mrpc":
            assert embedder is not None
            result, table = run_mrpc(args.data, args.limit, embedder)
        else:
            result, table = run_extraction(args.data, args.limit)
        seconds = time.perf_counter() - started
        results[task] = {
            **result,
            "limit": args.limit,
            "seconds": round(seconds, 1),
            "settings": settings_dict(Settings()),
            "environment": env,
            "measured": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        print(f"{table}\n\n({task}: {seconds:.0f} s)\n", flush=True)
    write_results(output, results)
    print(f"total {time.perf_counter() - total_started:.0f} s; results in {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
