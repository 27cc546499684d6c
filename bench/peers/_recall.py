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

``bench/bench_stories.py`` imports ``link_jaccards`` and ``recall_by_relation``
to score clusters (a link is found when both ends are in one cluster) the same way.
"""

from __future__ import annotations

import argparse
import json
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from _common import ordered, read_jsonl, shingles

Link = tuple[str, str, str]  # (derived id, source id, relation)


def read_pairs(path: Path, third: str | None = None) -> set[tuple[str, str]]:
    """Pairs of a TSV; with ``third``, only the lines whose third column is that."""
    pairs: set[tuple[str, str]] = set()
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("\t")
            if len(fields) >= 2 and (third is None or fields[2:3] == [third]):
                pairs.add(ordered(fields[0], fields[1]))
    return pairs


def read_links(gold: Path) -> list[Link]:
    """The ``links`` of a gold file, ids as strings."""
    return [(str(a), str(b), str(r)) for a, b, r in json.loads(gold.read_text())["links"]]


def components(links: Iterable[Link]) -> dict[str, str]:
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


def link_jaccards(links: Iterable[Link], corpus: Path) -> dict[tuple[str, str], float]:
    """The true shingle Jaccard of every link, keyed by its ordered pair, in one pass
    over the corpus. An article's shingles are held (as 64-bit hashes, 8 bytes each)
    only until each of its links has been scored, so a million-article corpus fits in
    memory; two distinct shingles share a hash with odds of about 2**-64 per pair."""
    partners: dict[str, list[str]] = defaultdict(list)
    for derived, source, _ in links:
        if derived != source:
            partners[derived].append(source)
            partners[source].append(derived)
    waiting = {x: len(others) for x, others in partners.items()}  # links not scored yet
    held: dict[str, array[int]] = {}
    scores: dict[tuple[str, str], float] = {}
    for doc_id, text in read_jsonl(corpus):
        others = partners.get(doc_id)
        if not others:
            continue
        mine = {hash(s) for s in shingles(text)}
        for other in others:
            theirs = held.get(other)
            if theirs is None:
                continue
            shared = len(mine.intersection(theirs))
            scores[ordered(doc_id, other)] = shared / (len(mine) + len(theirs) - shared)
            waiting[doc_id] -= 1
            waiting[other] -= 1
            if not waiting[other]:
                del held[other]
        if waiting[doc_id]:
            held[doc_id] = array("q", mine)
    return scores


def recall_by_relation(
    found: Callable[[str, str], bool],
    links: Iterable[Link],
    jaccards: Mapping[tuple[str, str], float],
    threshold: float,
) -> dict[str, Any]:
    """Per relation and over all links: how many there are, how many ``found(a, b)``
    accepts, and with ``jaccards`` the same below and at or above ``threshold``."""
    by_relation: dict[str, Counter[str]] = defaultdict(Counter)
    for derived, source, relation in links:
        pair = ordered(derived, source)
        hit = found(*pair)
        count = by_relation[relation]
        count["links"] += 1
        count["found"] += hit
        j = jaccards.get(pair)
        if j is not None:
            side = "at_or_above" if j >= threshold else "below"
            count[f"links_{side}_threshold"] += 1
            count[f"found_{side}_threshold"] += hit
            count["jaccard_sum"] += j  # type: ignore[assignment]
    report: dict[str, Any] = {"by_relation": {}}
    total: Counter[str] = Counter()
    for relation, count in sorted(by_relation.items()):
        total.update(count)
        report["by_relation"][relation] = _summary(count)
    report["all"] = _summary(total)
    return report


def evaluate(
    pairs: set[tuple[str, str]],
    links: list[Link],
    corpus: Path | None,
    threshold: float,
) -> dict[str, Any]:
    jaccards = link_jaccards(links, corpus) if corpus is not None else {}
    gold = {ordered(a, b) for a, b, _ in links}
    recall = recall_by_relation(lambda a, b: (a, b) in pairs, links, jaccards, threshold)
    family = components(links)
    extra = Counter(
        "same_family" if a in family and family.get(a) == family.get(b) else "unrelated"
        for a, b in pairs - gold
    )
    return {"pairs": len(pairs), "links": len(gold), **recall, "pairs_not_links": dict(extra)}


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
    links = read_links(args.gold)
    report = evaluate(read_pairs(args.pairs, args.third), links, args.corpus, args.threshold)
    text = json.dumps(report, indent=2)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
