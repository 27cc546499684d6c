"""Recall of planted or gold links among the pairs a peer script wrote.

    python bench/peers/_recall.py PAIRS.tsv GOLD.json [--corpus CORPUS.jsonl] [--threshold 0.5]
        [--third bucket] [--out REPORT.json]

GOLD.json has ``links: [[derived_id, source_id, relation], ...]`` (``_smoke.py``
and ``bench/corpusgen.py`` both write it). Prints JSON: per relation, how many
links there are and how many of them are among the pairs; with ``--corpus``
also the true shingle Jaccard of each link, so recall can be read against the
threshold (links at or above it are the ones MinHash-LSH is meant to find).
Pairs that are not links are counted as ``same_family`` when both ids are in
one connected component of the gold links (e.g. two copies of one source),
else ``unrelated``. Standard library only; runs in either venv.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from _common import ordered, read_jsonl, shingles


def read_pairs(path: Path, third: str | None = None) -> set[tuple[str, str]]:
    """Pairs of a TSV; with ``third``, only the lines whose third column is that."""
    pairs: set[tuple[str, str]] = set()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 2 and (third is None or fields[2:3] == [third]):
                pairs.add(ordered(fields[0], fields[1]))
    return pairs


def components(links: list[tuple[str, str, str]]) -> dict[str, str]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {x: find(x) for x in parent}


def jaccard(a: set[bytes], b: set[bytes]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def evaluate(
    pairs: set[tuple[str, str]],
    links: list[tuple[str, str, str]],
    corpus: Path | None,
    threshold: float,
) -> dict[str, Any]:
    sets: dict[str, set[bytes]] = {}
    if corpus is not None:
        wanted = {x for a, b, _ in links for x in (a, b)}
        sets = {i: shingles(t) for i, t in read_jsonl(corpus) if i in wanted}
    by_relation: dict[str, Counter[str]] = defaultdict(Counter)
    gold: set[tuple[str, str]] = set()
    for derived, source, relation in links:
        pair = ordered(derived, source)
        gold.add(pair)
        found = pair in pairs
        count = by_relation[relation]
        count["links"] += 1
        count["found"] += found
        if sets and derived in sets and source in sets:
            j = jaccard(sets[derived], sets[source])
            side = "at_or_above" if j >= threshold else "below"
            count[f"links_{side}_threshold"] += 1
            count[f"found_{side}_threshold"] += found
            count["jaccard_sum"] += j  # type: ignore[assignment]
    family = components(links)
    extra = Counter(
        "same_family" if a in family and family.get(a) == family.get(b) else "unrelated"
        for a, b in pairs - gold
    )
    report: dict[str, Any] = {"pairs": len(pairs), "links": len(gold), "by_relation": {}}
    total: Counter[str] = Counter()
    for relation, count in sorted(by_relation.items()):
        total.update(count)
        report["by_relation"][relation] = _summary(count)
    report["all"] = _summary(total)
    report["pairs_not_links"] = dict(extra)
    return report


def _summary(count: Counter[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"links": count["links"], "found": count["found"]}
    out["recall"] = round(count["found"] / count["links"], 4) if count["links"] else None
    for side in ("at_or_above", "below"):
        n = count[f"links_{side}_threshold"]
        if n:
            out[f"recall_{side}_threshold"] = round(count[f"found_{side}_threshold"] / n, 4)
            out[f"links_{side}_threshold"] = n
    if count["jaccard_sum"]:
        out["mean_true_jaccard"] = round(count["jaccard_sum"] / count["links"], 4)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pairs", type=Path)
    parser.add_argument("gold", type=Path)
    parser.add_argument("--corpus", type=Path, help="to compute each link's true Jaccard")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--out", type=Path, help="also write the report here")
    parser.add_argument(
        "--third",
        help="count only pairs whose third column is this (e.g. 'bucket' for text-dedup)",
    )
    args = parser.parse_args(argv)
    links = [(str(a), str(b), str(r)) for a, b, r in json.loads(args.gold.read_text())["links"]]
    report = evaluate(read_pairs(args.pairs, args.third), links, args.corpus, args.threshold)
    text = json.dumps(report, indent=2)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
