"""Tiny synthetic corpus for smoke-testing the peer scripts, with planted copies.

    python bench/peers/_smoke.py --articles 2000 -o /tmp/smoke.jsonl

Writes JSONL (id, text) and ``<stem>.gold.json`` with ``links: [[derived_id,
source_id, relation], ...]`` like ``bench/corpusgen.py``. Texts are random words
from a Zipf vocabulary; 15% of the articles are derived from another one:

- ``exact``: the same words, restyled (case, curly quotes, dashes, spacing), so
  identical after folding;
- ``sub02`` / ``sub05`` / ``sub10``: 2%, 5% or 10% of the words replaced;
- ``trim30``: the last 30% of the words dropped.

Standard library only; runs in either venv.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
from pathlib import Path

RELATIONS = ("exact", "sub02", "sub05", "sub10", "trim30")
SUBSTITUTION = {"sub02": 0.02, "sub05": 0.05, "sub10": 0.10}


def vocabulary(rng: random.Random, size: int) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    seen: set[str] = set()
    while len(seen) < size:
        seen.add("".join(rng.choices(letters, k=rng.randint(2, 10))))
    return sorted(seen)


def restyle(words: list[str], rng: random.Random) -> str:
    """Same words after ``fold``: other case, quotes, dashes and spacing."""
    out: list[str] = []
    for word in words:
        roll = rng.random()
        if roll < 0.1:
            out.append(word.upper())
        elif roll < 0.15:
            out.append(f"\u201c{word}\u201d")
        elif roll < 0.2:
            out.append(f"{word} \u2014")
        else:
            out.append(word)
    return "\u00a0 ".join(out)


def derive(
    words: list[str], relation: str, rng: random.Random, vocab: list[str], cum: list[float]
) -> str:
    if relation == "exact":
        return restyle(words, rng)
    if relation == "trim30":
        return " ".join(words[: int(len(words) * 0.7)])
    rate = SUBSTITUTION[relation]
    changed = list(words)
    for i in rng.sample(range(len(words)), max(1, round(len(words) * rate))):
        changed[i] = rng.choices(vocab, cum_weights=cum)[0]
    return " ".join(changed)


def generate(articles: int, seed: int) -> tuple[list[dict[str, str]], list[list[str]]]:
    rng = random.Random(seed)
    vocab = vocabulary(rng, 20_000)
    cum = list(itertools.accumulate(1 / (rank + 1) ** 1.1 for rank in range(len(vocab))))
    n_derived = int(articles * 0.15)
    docs: list[dict[str, str]] = []
    words_of: list[list[str]] = []
    for i in range(articles - n_derived):
        words = rng.choices(vocab, cum_weights=cum, k=rng.randint(150, 800))
        words_of.append(words)
        docs.append({"id": f"a{i:06d}", "text": " ".join(words)})
    links: list[list[str]] = []
    for j in range(n_derived):
        source = rng.randrange(len(words_of))
        relation = RELATIONS[j % len(RELATIONS)]
        doc_id = f"d{j:06d}"
        docs.append({"id": doc_id, "text": derive(words_of[source], relation, rng, vocab, cum)})
        links.append([doc_id, docs[source]["id"], relation])
    rng.shuffle(docs)
    return docs, links


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    docs, links = generate(args.articles, args.seed)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8") as handle:
        for doc in docs:
            handle.write(json.dumps(doc, ensure_ascii=False) + "\n")
    gold = args.output.with_name(args.output.stem + ".gold.json")
    gold.write_text(json.dumps({"links": links}) + "\n", encoding="utf-8")
    print(f"{len(docs)} articles, {len(links)} planted links -> {args.output}, {gold}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
