"""The pairs the model decides, on real and generated data: who they are and by how much
they pass or miss the bar.

    .venv/bin/python bench/model_zone.py [--shared ../shared] [--out RESULT.json]

Story finding's errors live where names leave a pair open (a name cosine between
``NAMES_MAYBE`` and ``NAMES_SURE``, published within ``MODEL_DAYS``): there the model's
cosine of titles and openings decides against ``ModelBar``. This records every such
pair (the store's ``Verifier`` with a recording ``_scored``) on four data sets:

- BASIL dev + seeds + newsdesk, one ``Store.add`` (as ``stories_real.py`` clusters);
- the 209 SemEval-2022 English pairs, each alone (as ``stories_real.py`` decides);
- corpusgen's 10,000 articles (seed 1) over its 700 days and packed into 7 (as
  ``stories_crossval.py`` guards).

For each: the pairs judged, by gold (same story or not) and decision, with the
quantiles of their name cosine and of the model cosine's margin over the bar. A
signal that would keep two events apart where the model joins them has to separate
the "different, accepted" rows from the "same, accepted" ones. Last, how alike the
model finds reports of different stories at all: every pair of BASIL's events, and
of 400 articles drawn from the dense generated corpus.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from bench_stories import ensure_corpus  # noqa: E402
from stories_real import DEFAULT_SHARED, RESULTS, mixed_corpus, semeval_pairs  # noqa: E402

import newscollate  # noqa: E402
from newscollate.index.features import model_text  # noqa: E402
from newscollate.models import Article  # noqa: E402
from newscollate.represent.embed import Embedder  # noqa: E402
from newscollate.store import verify  # noqa: E402

Judged = dict[str, Any]
BACKGROUND_SAMPLE = 400  # generated articles drawn for how alike different stories read


class Recording(verify.Verifier):
    """The store's verifier, keeping each pair the model judged."""

    def __init__(self, base: verify.Verifier) -> None:
        super().__init__(model_for_all=base.model_for_all, bar=base.bar)
        self.judged: list[Judged] = []

    def _scored(self, to_score: Any, lookup: Any) -> Any:
        if to_score:
            rows = sorted({r for p, _, _ in to_score for r in (p.a, p.b)})
            vectors = dict(zip(rows, lookup.vectors(rows), strict=True))
            for pair, _, bar in to_score:
                cosine = float(np.clip(vectors[pair.a] @ vectors[pair.b], 0.0, 1.0))
                names = lookup.name_cosine(pair.a, pair.b)
                self.judged.append(
                    {"a": pair.a, "b": pair.b, "names": names, "margin": cosine - bar}
                )
        return super()._scored(to_score, lookup)


def judged(
    inputs: Sequence[str | Path | Article], gold: dict[str, str], embedder: Embedder
) -> list[Judged]:
    with newscollate.Store(":memory:", embedder=embedder) as store:
        recording = Recording(store.verifier)
        store.verifier = recording
        store.add(inputs)
        ids = dict(store.db.execute("SELECT rowid, id FROM articles"))
    for j in recording.judged:
        a, b = ids[j["a"]], ids[j["b"]]
        j["same"] = gold.get(a, a) == gold.get(b, b)
    return recording.judged


def summary(pairs: list[Judged]) -> list[dict[str, Any]]:
    groups: dict[tuple[bool, bool], list[Judged]] = defaultdict(list)
    for p in pairs:
        groups[(p["same"], p["margin"] >= 0)].append(p)
    rows = []
    for (same, accepted), group in sorted(groups.items(), reverse=True):
        rows.append(
            {
                "gold": "same" if same else "different",
                "decision": "accepted" if accepted else "refused",
                "pairs": len(group),
                "names_cosine": quantiles([p["names"] for p in group]),
                "margin": quantiles([p["margin"] for p in group]),
            }
        )
    return rows


def background(leads: list[str], stories: list[str], embedder: Embedder) -> dict[str, float | int]:
    """How alike the model finds reports of different stories: the cosines of every
    pair of ``leads`` whose ``stories`` differ."""
    vectors = embedder.encode(leads)
    upper = np.triu_indices(len(leads), 1)
    story = np.array(stories)
    cosines = (vectors @ vectors.T)[upper][story[upper[0]] != story[upper[1]]]
    return {
        "pairs": len(cosines),
        "median": round(float(np.median(cosines)), 3),
        "p99": round(float(np.quantile(cosines, 0.99)), 3),
        "share_at_or_above_0.55": round(float((cosines >= 0.55).mean()), 4),
    }


def quantiles(values: list[float]) -> list[float]:
    """Minimum, 10th, 50th and 90th percentile, maximum."""
    return [round(float(q), 3) for q in np.quantile(values, [0, 0.1, 0.5, 0.9, 1])]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--cache", type=Path, default=BENCH / ".cache")
    parser.add_argument("--out", type=Path, default=RESULTS / "model_zone.json")
    args = parser.parse_args(argv)
    embedder = newscollate.default_embedder()
    result: dict[str, Any] = {}

    corpus = mixed_corpus(args.shared)
    result["basil_mixed"] = summary(judged(corpus.articles, corpus.gold, embedder))
    basil = [a for a in corpus.articles if corpus.source[str(a.id)] == "basil"]
    leads, stories = (
        [model_text(a.title, a.text) for a in basil],
        [corpus.gold[str(a.id)] for a in basil],
    )
    alike = {"basil": background(leads, stories, embedder)}
    semeval: list[Judged] = []
    for pair in semeval_pairs(args.shared):
        gold = {str(pair.a.id): "a", str(pair.b.id): "a" if pair.same else "b"}
        semeval += judged([pair.a, pair.b], gold, embedder)
    result["semeval"] = summary(semeval)
    for name, span in (("generated_10k_700_days", 700), ("generated_10k_7_days", 7)):
        generated = ensure_corpus(10_000, 1, args.cache, span)
        stories = json.loads(generated.gold.read_text(encoding="utf-8"))["stories"]
        gold = {a: s for s, members in stories.items() for a in members}
        result[name] = summary(judged([generated.jsonl], gold, embedder))
    records = [json.loads(line) for line in generated.jsonl.open(encoding="utf-8")]
    sample = random.Random(1).sample(records, BACKGROUND_SAMPLE)
    alike["generated_10k_7_days"] = background(
        [model_text(r["title"], r["text"]) for r in sample],
        [gold[r["id"]] for r in sample],
        embedder,
    )
    result["different_stories_alike"] = alike

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(
        "| data | gold | decision | pairs | name cosine (min p10 p50 p90 max) | margin over the bar |"
    )
    print("|---|---|---|---|---|---|")
    for data, rows in result.items():
        if data == "different_stories_alike":
            continue
        for r in rows:
            print(f"| {data} | {r['gold']} | {r['decision']} | {r['pairs']} | "
                  f"{' '.join(map(str, r['names_cosine']))} | {' '.join(map(str, r['margin']))} |")  # fmt: skip
    print("\nPairs of different stories, cosine of their titles and openings:")
    for data, figures in alike.items():
        print(f"- {data}: {figures}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
