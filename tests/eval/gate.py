"""The alignment quality gate: newscollate against hand-made gold alignments.

``evaluate`` runs ``compare`` on every story of ``tests/eval/data`` and scores
the rows it finds as sentence links: every pair of sentences from two different
versions in one row is a link, in the gold and in the output alike. Precision,
recall and F1 are over those links, pooled over all stories; relation accuracy
is over version pairs. Gold sentences are mapped onto output sentences by their
character spans, so a segmentation mistake costs links instead of crashing.

Run it by hand with ``python -m tests.eval.gate`` (prints the figures).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import newscollate
from newscollate import Comparison, Embedder, Settings
from newscollate.ingest.clean import DATELINE

DATA = Path(__file__).parent / "data"
BASELINE = Path(__file__).parent / "baseline.json"

Node = tuple[str, int]  # (version file name, gold sentence index)


@dataclass
class Score:
    true_links: int = 0
    predicted_links: int = 0
    gold_links: int = 0
    relations_right: int = 0
    relations_total: int = 0
    confusions: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_links / self.predicted_links if self.predicted_links else 0.0

    @property
    def recall(self) -> float:
        return self.true_links / self.gold_links if self.gold_links else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def relation_accuracy(self) -> float:
        return self.relations_right / self.relations_total if self.relations_total else 0.0

    def add(self, other: Score) -> None:
        self.true_links += other.true_links
        self.predicted_links += other.predicted_links
        self.gold_links += other.gold_links
        self.relations_right += other.relations_right
        self.relations_total += other.relations_total
        self.confusions += other.confusions


def corpus_hash(data: Path = DATA) -> str:
    """Hash of every file of the set, so that a changed fixture trips the gate."""
    digest = hashlib.sha256()
    for path in sorted(data.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(data).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def story_dirs(data: Path = DATA) -> list[Path]:
    return sorted(p.parent for p in data.glob("*/gold.json"))


def evaluate_story(story: Path, settings: Settings, embedder: Embedder | None = None) -> Score:
    gold = json.loads((story / "gold.json").read_text(encoding="utf-8"))
    files = sorted(gold["versions"])
    result = newscollate.compare([story / f for f in files], settings=settings, embedder=embedder)
    mapping = _map_sentences(result, gold["versions"])
    gold_links = {
        link
        for group in gold["groups"]
        for link in _links([(v, i) for v, idx in group.items() for i in idx])
    }
    predicted: set[frozenset[Node]] = set()
    for group in result.alignment:
        nodes = [
            n
            for doc_id, idx in group.members.items()
            for i in idx
            for n in mapping[doc_id].get(i, [])
        ]
        predicted |= _links(nodes)
    score = Score(len(predicted & gold_links), len(predicted), len(gold_links))
    for pair in result.pairs:
        key = f"{pair.a}|{pair.b}"
        expected = gold["relations"].get(key) or gold["relations"].get(f"{pair.b}|{pair.a}")
        score.relations_total += 1
        if pair.relation == expected:
            score.relations_right += 1
        else:
            score.confusions.append(f"{story.name} {key}: {expected} -> {pair.relation}")
    return score


def _links(nodes: list[Node]) -> set[frozenset[Node]]:
    return {frozenset((x, y)) for x, y in combinations(nodes, 2) if x[0] != y[0]}


def _map_sentences(
    result: Comparison, versions: dict[str, list[str]]
) -> dict[str, dict[int, list[Node]]]:
    """For each output sentence, the gold sentences whose text overlaps it."""
    mapping: dict[str, dict[int, list[Node]]] = {}
    for doc in result.documents:
        spans, cursor = [], 0
        for g, gold_sentence in enumerate(versions[doc.id]):
            # the output moves a leading dateline into metadata; the gold keeps it
            sentence = DATELINE.sub("", gold_sentence)
            start = doc.text.find(sentence, cursor)
            if start < 0:
                continue
            spans.append((start, start + len(sentence), g))
            cursor = start + len(sentence)
        mapping[doc.id] = {
            s.index: [(doc.id, g) for start, end, g in spans if start < s.end and s.start < end]
            for s in doc.sentences
        }
    return mapping


def evaluate(
    settings: Settings | None = None, embedder: Embedder | None = None, data: Path = DATA
) -> Score:
    total = Score()
    for story in story_dirs(data):
        total.add(evaluate_story(story, settings or Settings(), embedder))
    return total


if __name__ == "__main__":
    score = evaluate()
    print(
        f"links: precision {score.precision:.3f} recall {score.recall:.3f} F1 {score.f1:.3f} "
        f"({score.true_links} right of {score.predicted_links} predicted, {score.gold_links} gold); "
        f"relations {score.relations_right}/{score.relations_total}"
    )
    for line in score.confusions:
        print("  ", line)
    print("corpus", corpus_hash())
