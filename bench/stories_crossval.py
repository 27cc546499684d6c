"""How well the model's bar holds on data it was not chosen on: cross-validation of
``Settings.same_story_cosine`` and ``Settings.names_credit``.

The defaults (0.55, 0.5) were set while looking at BASIL's dev split, the
SemEval-2022 English pairs and the generated corpora (docs/evaluation.md), so
``bench/stories_real.py``'s figures on those data are in-sample. This script
measures what choosing the two by a fixed rule on part of the data gives on the
rest. Every setting of a fixed grid is run; three rules choose among them:

* **alone**: the best score on the training part of the real data set;
* **sparse guard** and **dense guard**: the best mean of that score and the ARI of
  a generated corpus (``bench/corpusgen.py``, 10,000 articles, seed 1), spread over
  corpusgen's 700 days (140 articles a day) or packed into 7 (the 1M benchmark
  corpus' 1,400 a day, every article in every other's week). Real data sets of a
  few hundred articles spread over years hold almost no reports of two events on
  one topic published within days of each other, which is what a bar set too low
  joins; the generated corpora hold them, the dense one many. Each is run whole
  for every setting; its stories are not held out, as they are not the figure being
  estimated.

Ties go to the middle one of the tied settings in grid order, so that neither end
of a plateau is favoured. What is held out:

* **BASIL, k-fold by event.** The 55 events are shuffled (seed 0) into ``--folds``
  folds; all three reports of an event fall in one fold. For each fold, every
  setting runs ``newscollate.dedup`` on the other folds' articles mixed with the
  seeds and the newsdesk example (as ``stories_real`` mixes them); the training
  score is that run's ARI. The chosen setting runs on the held-out fold's articles,
  again mixed with seeds and newsdesk, and is scored on its BASIL articles. The
  held-out runs' stories are pooled (the folds' events are disjoint, so together
  they cluster all 165 articles; a story can then never join events of two folds,
  which the per-fold runs could not do either, never seeing each other's articles).
* **SemEval, k-fold by pair.** The same for the 209 English pairs, with the F1 of
  the "same story" decision (Overall <= 2) as the score; the held-out decisions are
  pooled into one F1.
* **Across data sets.** The setting chosen on the whole of one data set, scored on
  the other.

Nothing here is tuned by hand: the grid and the rules are fixed above the data.
The model's vectors are cached across runs (one ``SentenceEmbedder``), so a run
costs the pipeline, not the model: about 9 minutes on 2 cores.

Usage::

    .venv/bin/python bench/stories_crossval.py [--folds 5] [--out bench/results/stories_crossval.json]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import newscollate
from newscollate import Article, Embedder, Settings
from newscollate.cluster.metrics import cluster_scores

BENCH = Path(__file__).resolve().parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

from bench_stories import ensure_corpus  # noqa: E402
from quality import environment, markdown_table  # noqa: E402
from stories_real import (  # noqa: E402
    DEFAULT_SHARED,
    RESULTS,
    Corpus,
    Json,
    SemevalPair,
    binary_scores,
    data_fingerprint,
    mixed_corpus,
    pair_same,
    restricted,
    semeval_pairs,
    src_diff_sha256,
    written,
)

COSINES = (0.40, 0.45, 0.50, 0.55, 0.60, 0.65, 0.70)
CREDITS = (0.0, 0.25, 0.5, 0.75, 1.0)
GRID = [(c, k) for c in COSINES for k in CREDITS]
DEFAULT = (Settings().same_story_cosine, Settings().names_credit)
# generated corpora that guard against a bar set too low: (articles, seed, days)
GUARDS = {
    "sparse": (10_000, 1, 700),  # corpusgen's calendar: 140 articles a day
    "dense": (10_000, 1, 7),  # the 1M benchmark corpus' 1,400 a day, all in one week
}
RULES = ("alone", *(f"{g} guard" for g in GUARDS))
SEED = 0

Bar = tuple[float, float]


def settings_of(bar: Bar) -> Settings:
    return Settings(same_story_cosine=bar[0], names_credit=bar[1])


def chosen(scores: Mapping[Bar, float]) -> Bar:
    """The best setting; among ties (within 1e-9), the middle one in grid order."""
    best = max(scores.values())
    tied = [bar for bar in GRID if bar in scores and scores[bar] >= best - 1e-9]
    return tied[(len(tied) - 1) // 2]


def choose(train: Mapping[Bar, float], guards: Mapping[str, Mapping[Bar, float]]) -> dict[str, Bar]:
    """Each rule's choice from the training scores (and a guard corpus' ARI)."""
    picks = {"alone": chosen(train)}
    for guard, ari in guards.items():
        picks[f"{guard} guard"] = chosen({bar: (train[bar] + ari[bar]) / 2 for bar in train})
    return picks


def event_folds(corpus: Corpus, folds: int) -> list[list[str]]:
    events = sorted({corpus.gold[a] for a in corpus.ids("basil")})
    random.Random(SEED).shuffle(events)
    return [sorted(events[f::folds]) for f in range(folds)]


def sub_corpus(corpus: Corpus, events: set[str]) -> Corpus:
    """The BASIL articles of ``events`` with every seed and newsdesk article."""
    part = Corpus()
    for article in corpus.articles:
        assert article.id is not None
        source = corpus.source[article.id]
        if source != "basil" or corpus.gold[article.id] in events:
            part.add(article, corpus.gold[article.id], source)
    return part


def generated_corpus(guard: str) -> tuple[list[Path], dict[str, str]]:
    """The guard's JSONL (``dedup`` reads it as ``bench_stories`` has the store read
    it) and each article's gold story."""
    articles, seed, days = GUARDS[guard]
    found = ensure_corpus(articles, seed, BENCH / ".cache", days)
    stories = json.loads(found.gold.read_text(encoding="utf-8"))["stories"]
    return [found.jsonl], {a: s for s, ids in stories.items() for a in ids}


def stories(inputs: Sequence[Article | Path], bar: Bar, embedder: Embedder) -> dict[str, int]:
    annotated, summary = newscollate.dedup(inputs, embedder=embedder, settings=settings_of(bar))
    if summary.problems:
        raise RuntimeError(f"articles refused: {[str(p) for p in summary.problems]}")
    return {a.article.id: a.story for a in annotated if a.article.id is not None}


def semeval_same(pairs: Sequence[SemevalPair], bar: Bar, embedder: Embedder) -> list[bool]:
    return [pair_same(pair, embedder, settings_of(bar))[0] for pair in pairs]


def basil_crossval(
    corpus: Corpus,
    folds: int,
    guards: Mapping[str, Mapping[Bar, float]],
    embedder: Embedder,
    progress: Callable[[str], None],
) -> Json:
    per_fold = []
    pooled: dict[str, dict[str, str]] = {rule: {} for rule in RULES}
    every_event = {corpus.gold[a] for a in corpus.ids("basil")}
    for f, held_out in enumerate(event_folds(corpus, folds)):
        train = sub_corpus(corpus, every_event - set(held_out))
        train_ari = {
            bar: cluster_scores(stories(train.articles, bar, embedder), train.gold).ari
            for bar in GRID
        }
        picks = choose(train_ari, guards)
        test = sub_corpus(corpus, set(held_out))
        basil_ids = test.ids("basil")
        row: Json = {"fold": f, "events": len(held_out)}
        for rule, bar in [*picks.items(), ("default", DEFAULT)]:
            predicted = restricted(stories(test.articles, bar, embedder), basil_ids)
            if rule in pooled:
                pooled[rule].update({a: f"{f}/{s}" for a, s in predicted.items()})
            row[rule] = {
                "chosen": list(bar),
                "train_ari": train_ari[bar],
                "held_out_basil": cluster_scores(predicted, test.gold).as_dict(),
            }
        per_fold.append(row)
        progress(
            f"BASIL fold {f}: "
            + ", ".join(
                f"{r} {row[r]['chosen']} {row[r]['held_out_basil']['ari']:.3f}" for r in RULES
            )
        )
    return {
        "folds": per_fold,
        "pooled_basil": {r: cluster_scores(pooled[r], corpus.gold).as_dict() for r in RULES},
    }


def semeval_crossval(
    pairs: Sequence[SemevalPair],
    decided: Mapping[Bar, list[bool]],
    folds: int,
    guards: Mapping[str, Mapping[Bar, float]],
) -> Json:
    order = list(range(len(pairs)))
    random.Random(SEED).shuffle(order)
    fold_of = {i: n % folds for n, i in enumerate(order)}
    gold = [p.same for p in pairs]
    pooled = {rule: [False] * len(pairs) for rule in RULES}
    per_fold = []

    def f1(bar: Bar, idx: Sequence[int]) -> float:
        return float(binary_scores([decided[bar][i] for i in idx], [gold[i] for i in idx])["f1"])

    for f in range(folds):
        train = [i for i in range(len(pairs)) if fold_of[i] != f]
        test = [i for i in range(len(pairs)) if fold_of[i] == f]
        picks = choose({bar: f1(bar, train) for bar in GRID}, guards)
        for rule, bar in picks.items():
            for i in test:
                pooled[rule][i] = decided[bar][i]
        per_fold.append(
            {"fold": f, "pairs": len(test)}
            | {r: {"chosen": list(b), "held_out_f1": f1(b, test)} for r, b in picks.items()}
        )
    return {"folds": per_fold, "pooled": {r: binary_scores(pooled[r], gold) for r in RULES}}


def _bar(bar: Sequence[float]) -> str:
    return f"{bar[0]:.2f} / {bar[1]:.2f}"


def markdown(result: Json) -> str:
    b, s, grid = result["basil_crossval"], result["semeval_crossval"], result["grid"]
    at = {(c, k): row for c, k, *row in grid["scores"]}  # mixed, BASIL, SemEval, guards' P, ARI

    def measured(bar: Sequence[float]) -> list[float]:
        return list(at[(bar[0], bar[1])])

    fold_rows = [
        [
            r["fold"],
            *(
                v
                for rule in RULES
                for v in (_bar(r[rule]["chosen"]), r[rule]["held_out_basil"]["ari"])
            ),
            r["default"]["held_out_basil"]["ari"],
        ]
        for r in b["folds"]
    ]
    whole = result["whole"]
    setting_rows = [
        [f"defaults {_bar(DEFAULT)}", *measured(DEFAULT)],
        *(
            [
                f"chosen on all of {data} ({rule}): {_bar(whole[data][rule])}",
                *measured(whole[data][rule]),
            ]
            for data in ("basil", "semeval")
            for rule in RULES
        ),
    ]
    return "\n".join(
        [
            f"BASIL, {len(b['folds'])}-fold by event (ARI of the held-out fold's 33 articles):",
            "",
            markdown_table(
                [
                    "fold",
                    *(h for rule in RULES for h in (f"{rule}: chosen", "held-out ARI")),
                    "defaults: held-out ARI",
                ],
                fold_rows,
            ),
            "",
            markdown_table(
                ["held out, pooled", "ARI", "P", "R", "F1"],
                [
                    [
                        f"BASIL, rule {rule}",
                        *(b["pooled_basil"][rule][k] for k in ("ari", "precision", "recall", "f1")),
                    ]
                    for rule in RULES
                ]
                + [
                    [
                        f"SemEval, rule {rule} (accuracy, P, R, F1)",
                        *(s["pooled"][rule][k] for k in ("accuracy", "precision", "recall", "f1")),
                    ]
                    for rule in RULES
                ],
            ),
            "",
            "SemEval folds' choices: "
            + "; ".join(
                f"{rule} " + ", ".join(_bar(r[rule]["chosen"]) for r in s["folds"])
                for rule in RULES
            ),
            "",
            "Settings run on everything (in-sample for whatever chose them):",
            "",
            markdown_table(
                [
                    "setting (cosine / credit)",
                    "mixed ARI",
                    "BASIL ARI",
                    "SemEval F1",
                    *(
                        f"{g} {GUARDS[g][0]:,} over {GUARDS[g][2]} days {m}"
                        for g in GUARDS
                        for m in ("P", "ARI")
                    ),
                ],
                setting_rows,
            ),
            "",
            f"Wall time {result['wall_seconds']:.0f} s.",
        ]
    )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=RESULTS / "stories_crossval.json")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the ../shared folder")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    code_at_start = src_diff_sha256()
    start = time.perf_counter()

    def progress(message: str) -> None:
        print(f"[{time.perf_counter() - start:6.0f} s] {message}", file=sys.stderr, flush=True)

    embedder = newscollate.default_embedder()
    corpus = mixed_corpus(args.shared)
    pairs = semeval_pairs(args.shared)
    gold = [p.same for p in pairs]
    generated = {guard: generated_corpus(guard) for guard in GUARDS}

    decided, mixed, basil = {}, {}, {}
    gen: dict[str, dict[Bar, Json]] = {guard: {} for guard in GUARDS}
    for n, bar in enumerate(GRID):
        decided[bar] = semeval_same(pairs, bar, embedder)
        predicted = stories(corpus.articles, bar, embedder)
        mixed[bar] = cluster_scores(predicted, corpus.gold).ari
        basil[bar] = cluster_scores(restricted(predicted, corpus.ids("basil")), corpus.gold).ari
        for guard, (articles, gold_of) in generated.items():
            gen[guard][bar] = cluster_scores(stories(articles, bar, embedder), gold_of).as_dict()
        progress(f"every data set at {bar} ({n + 1} of {len(GRID)})")
    semeval_f1 = {bar: float(binary_scores(d, gold)["f1"]) for bar, d in decided.items()}
    guards = {g: {bar: float(d["ari"]) for bar, d in by.items()} for g, by in gen.items()}

    result: Json = {
        "what": "cross-validation of Settings.same_story_cosine and names_credit on BASIL "
        "(by event) and SemEval English pairs (by pair); dev splits",
        "guards": {g: {"articles": n, "seed": sd, "days": d} for g, (n, sd, d) in GUARDS.items()},
        "rules": {
            "alone": "best training score",
            "GUARD guard": "best mean of the training score and the guard corpus' ARI",
            "ties": "the middle tied setting in grid order",
        },
        "seed": SEED,
        "data_sha256": data_fingerprint(args.shared),
        "environment": {**environment(), "src_diff_sha256": code_at_start},
        "grid": {
            "same_story_cosine": list(COSINES),
            "names_credit": list(CREDITS),
            "columns": [
                "same_story_cosine",
                "names_credit",
                "mixed ARI",
                "BASIL ARI",
                "SemEval F1",
                *(f"{g} guard {m}" for g in GUARDS for m in ("P", "ARI")),
            ],
            "scores": [
                [
                    c,
                    k,
                    round(mixed[(c, k)], 4),
                    round(basil[(c, k)], 4),
                    round(semeval_f1[(c, k)], 4),
                    *(round(gen[g][(c, k)][m], 4) for g in GUARDS for m in ("precision", "ari")),
                ]
                for c, k in GRID
            ],
        },
        "whole": {
            "basil": {r: list(b) for r, b in choose(mixed, guards).items()},
            "semeval": {r: list(b) for r, b in choose(semeval_f1, guards).items()},
        },
        "basil_crossval": basil_crossval(corpus, args.folds, guards, embedder, progress),
        "semeval_crossval": semeval_crossval(pairs, decided, args.folds, guards),
    }
    result["wall_seconds"] = round(time.perf_counter() - start, 1)
    if src_diff_sha256() != code_at_start:
        result["environment"]["src_changed_during_run"] = True
        print("warning: files under src/ changed during the run; run it again", file=sys.stderr)
    return written(result, markdown(result), args.out)


if __name__ == "__main__":
    raise SystemExit(main())
