"""The quality gate: newscollate against hand-made gold alignments and fact checks.

``evaluate`` runs ``compare`` on every story of ``tests/eval/data`` and scores
the rows it finds as sentence links: every pair of sentences from two different
versions in one row is a link, in the gold and in the output alike. Precision,
recall and F1 are over those links, pooled over all stories; relation accuracy
is over version pairs. Gold sentences are mapped onto output sentences by their
character spans, so a segmentation mistake costs links instead of crashing.

Fact checks are scored against each story's ``facts.json``: a predicted check
matches a gold one when, in at least two versions, one of its facts overlaps the
gold span. Discrepancies (disagree, hedge, spelling, quote-wording,
quote-speaker, attribution) are labelled exhaustively, so their precision counts
every flagged check of those kinds that matches none; "right kind" also needs
the kind to be the gold one. Agreements (agree, agree-form) are labelled where
a value appears in two or more versions; their recall counts gold agreements
that come out as agree or agree-form, and a gold agreement flagged as a
discrepancy is a false alarm.

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
DISCREPANCIES = frozenset(
    {"disagree", "hedge", "spelling", "quote-wording", "quote-speaker", "attribution"}
)
AGREEMENTS = frozenset({"agree", "agree-form"})


@dataclass
class Score:
    true_links: int = 0
    predicted_links: int = 0
    gold_links: int = 0
    relations_right: int = 0
    relations_total: int = 0
    confusions: list[str] = field(default_factory=list)
    facts: FactScore = field(default_factory=lambda: FactScore())

    @property
    def precision(self) -> float:
        return _ratio(self.true_links, self.predicted_links)

    @property
    def recall(self) -> float:
        return _ratio(self.true_links, self.gold_links)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def relation_accuracy(self) -> float:
        return _ratio(self.relations_right, self.relations_total)

    def add(self, other: Score) -> None:
        self.true_links += other.true_links
        self.predicted_links += other.predicted_links
        self.gold_links += other.gold_links
        self.relations_right += other.relations_right
        self.relations_total += other.relations_total
        self.confusions += other.confusions
        self.facts.add(other.facts)


@dataclass
class FactScore:
    flagged: int = 0  # predicted discrepancy checks
    flagged_right: int = 0  # ... that match a gold discrepancy
    flagged_right_kind: int = 0  # ... of the gold kind
    gold: int = 0  # gold discrepancies
    found: int = 0  # ... matched by a predicted discrepancy check
    found_right_kind: int = 0  # ... by one of the gold kind
    gold_agreements: int = 0
    agreements_found: int = 0  # gold agreements that come out as agree or agree-form
    false_alarms: int = 0  # gold agreements flagged as a discrepancy
    misses: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return _ratio(self.flagged_right, self.flagged)

    @property
    def recall(self) -> float:
        return _ratio(self.found, self.gold)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def kind_precision(self) -> float:
        return _ratio(self.flagged_right_kind, self.flagged)

    @property
    def kind_recall(self) -> float:
        return _ratio(self.found_right_kind, self.gold)

    @property
    def agreement_recall(self) -> float:
        return _ratio(self.agreements_found, self.gold_agreements)

    def add(self, other: FactScore) -> None:
        for name in (
            "flagged", "flagged_right", "flagged_right_kind", "gold", "found",
            "found_right_kind", "gold_agreements", "agreements_found", "false_alarms",
        ):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses
        self.wrong += other.wrong


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


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
    if (story / "facts.json").exists():
        score.facts = _score_facts(story, result)
    return score


def _score_facts(story: Path, result: Comparison) -> FactScore:
    gold = json.loads((story / "facts.json").read_text(encoding="utf-8"))["checks"]
    texts = {doc.id: doc.text for doc in result.documents}
    facts = {f.id: f for f in result.facts}
    gold_spans: list[dict[str, tuple[int, int]]] = []
    for check in gold:
        spans = {}
        for version, span in check["spans"].items():
            start = texts[version].find(span)
            if start >= 0:
                spans[version] = (start, start + len(span))
        gold_spans.append(spans)

    def overlaps(fact: newscollate.Fact, spans: dict[str, tuple[int, int]]) -> bool:
        if fact.article not in spans:
            return False
        start, end = spans[fact.article]
        if fact.kind == "entity":  # a name check points at one of its mentions: any will do
            span = texts[fact.article][start:end]
            return fact.text in span or span in fact.text
        return fact.start < end and start < fact.end

    def matches(check: newscollate.Check, spans: dict[str, tuple[int, int]]) -> bool:
        return len({facts[i].article for i in check.facts if overlaps(facts[i], spans)}) >= 2

    score = FactScore()
    predicted = [c for c in result.checks if c.kind in DISCREPANCIES]
    labelled = [(g, spans) for g, spans in zip(gold, gold_spans, strict=True)]
    for check in predicted:
        score.flagged += 1
        kinds = [g["kind"] for g, spans in labelled if matches(check, spans)]
        if any(k in DISCREPANCIES for k in kinds):
            score.flagged_right += 1
            score.flagged_right_kind += check.kind in kinds
        else:
            shown = "; ".join(f"{facts[i].article}: {facts[i].text}" for i in check.facts)
            score.wrong.append(
                f"{story.name} {check.kind} [{shown}] "
                + (f"(gold: {'/'.join(kinds)})" if kinds else "(not in gold)")
            )
    for g, spans in labelled:
        hits = [c for c in result.checks if matches(c, spans)]
        if g["kind"] in DISCREPANCIES:
            score.gold += 1
            found = [c for c in hits if c.kind in DISCREPANCIES]
            score.found += bool(found)
            score.found_right_kind += any(c.kind == g["kind"] for c in found)
            if not found or not any(c.kind == g["kind"] for c in found):
                got = "/".join(sorted({c.kind for c in hits})) or "nothing"
                score.misses.append(f"{story.name} {g['kind']} -> {got}: {g.get('note', '')}")
        elif g["kind"] in AGREEMENTS:
            score.gold_agreements += 1
            score.agreements_found += any(c.kind in AGREEMENTS for c in hits)
            explained = [  # a flagged check that a gold discrepancy accounts for
                c
                for c in hits
                if any(g2["kind"] in DISCREPANCIES and matches(c, sp) for g2, sp in labelled)
            ]
            if any(c.kind in DISCREPANCIES and c not in explained for c in hits):
                score.false_alarms += 1
                score.wrong.append(f"{story.name} agreement flagged: {g.get('note', '')}")
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
    f = score.facts
    print(
        f"fact checks: precision {f.precision:.3f} recall {f.recall:.3f} F1 {f.f1:.3f} "
        f"({f.flagged_right} right of {f.flagged} flagged, {f.found} of {f.gold} gold found); "
        f"right kind: precision {f.kind_precision:.3f} recall {f.kind_recall:.3f}; "
        f"agreements {f.agreements_found}/{f.gold_agreements}, false alarms {f.false_alarms}"
    )
    for line in f.wrong:
        print("   wrong:", line)
    for line in f.misses:
        print("   missed:", line)
    print("corpus", corpus_hash())
