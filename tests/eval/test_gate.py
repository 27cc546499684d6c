"""The quality gate: alignment, relations and fact checks on the project's own gold set
must not regress.

Floors live in baseline.json with the corpus hash they were measured on. To
lower a floor, edit baseline.json in the same commit as the change that needs
it and say why in the commit message; a changed corpus fails until the hash is
updated there too, so a fixture edit cannot quietly move the goalposts.
"""

from __future__ import annotations

import json

import pytest

import newscollate
from tests.eval.gate import BASELINE, Score, corpus_hash, evaluate

BASE = json.loads(BASELINE.read_text(encoding="utf-8"))


def test_corpus_is_the_one_the_floors_were_set_on() -> None:
    assert corpus_hash() == BASE["corpus_sha256"], (
        "tests/eval/data changed: re-measure and update baseline.json"
    )


@pytest.fixture(scope="module")
def score(embedder: newscollate.Embedder) -> Score:
    return evaluate(embedder=embedder)


def test_alignment_and_relations_stay_above_their_floors(score: Score) -> None:
    floors = BASE["floors"]
    report = f"P {score.precision:.3f} R {score.recall:.3f} F1 {score.f1:.3f}; relations {score.relation_accuracy:.3f} {score.confusions}"
    assert score.f1 >= floors["link_f1"], report
    assert score.precision >= floors["link_precision"], report
    assert score.relation_accuracy >= floors["relation_accuracy"], report


def test_fact_checks_stay_above_their_floors(score: Score) -> None:
    floors, f = BASE["floors"], score.facts
    report = (
        f"P {f.precision:.3f} R {f.recall:.3f} kind P {f.kind_precision:.3f} "
        f"agreements {f.agreement_recall:.3f} false alarms {f.false_alarms}\n"
        + "\n".join(f.wrong + f.misses)
    )
    assert f.gold >= 40 and f.gold_agreements >= 90, "the fact labels went missing"
    assert f.precision >= floors["fact_precision"], report
    assert f.recall >= floors["fact_recall"], report
    assert f.kind_precision >= floors["fact_kind_precision"], report
    assert f.agreement_recall >= floors["fact_agreement_recall"], report
    assert f.false_alarms <= floors["fact_false_alarms_max"], report
