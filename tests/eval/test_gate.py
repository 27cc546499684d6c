"""The quality gate: alignment and relations on the project's own gold set must not regress.

Floors live in baseline.json with the corpus hash they were measured on. To
lower a floor, edit baseline.json in the same commit as the change that needs
it and say why in the commit message; a changed corpus fails until the hash is
updated there too, so a fixture edit cannot quietly move the goalposts.
"""

from __future__ import annotations

import json

import newscollate
from tests.eval.gate import BASELINE, corpus_hash, evaluate

BASE = json.loads(BASELINE.read_text(encoding="utf-8"))


def test_corpus_is_the_one_the_floors_were_set_on() -> None:
    assert corpus_hash() == BASE["corpus_sha256"], (
        "tests/eval/data changed: re-measure and update baseline.json"
    )


def test_alignment_and_relations_stay_above_their_floors(embedder: newscollate.Embedder) -> None:
    score = evaluate(embedder=embedder)
    floors = BASE["floors"]
    report = f"P {score.precision:.3f} R {score.recall:.3f} F1 {score.f1:.3f}; relations {score.relation_accuracy:.3f} {score.confusions}"
    assert score.f1 >= floors["link_f1"], report
    assert score.precision >= floors["link_precision"], report
    assert score.relation_accuracy >= floors["relation_accuracy"], report
