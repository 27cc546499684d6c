"""The real-data story gate: clustering on BASIL + seeds + newsdesk and the same-story
decision on SemEval-2022 Task 8 English pairs must not regress.

The newscollate half of ``bench/stories_real.py`` (its module docstring says what
the data are and why "same story" is ``Overall <= 2``), with the real model,
reading ``../shared`` in place. Floors live in ``stories_baseline.json`` with the
sha256 of the data they were measured on, so a changed data set fails until the
floors are re-measured; to lower a floor, edit that file in the commit that
needs it and say why.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

import newscollate

BENCH = Path(__file__).resolve().parents[2] / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import stories_real  # noqa: E402  (bench/ is not a package)

BASE = json.loads((Path(__file__).parent / "stories_baseline.json").read_text(encoding="utf-8"))
FLOORS: dict[str, float] = BASE["floors"]


@pytest.fixture(scope="module")
def result(embedder: newscollate.SentenceEmbedder) -> dict[str, Any]:
    return stories_real.evaluate_newscollate(embedder, link_counts=False)


def _report(scores: dict[str, Any]) -> str:
    return ", ".join(
        f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}" for k, v in scores.items()
    )


def test_data_is_the_one_the_floors_were_set_on() -> None:
    assert stories_real.data_fingerprint() == BASE["data_sha256"], (
        "../shared data or the newsdesk corpus changed: re-measure and update stories_baseline.json"
    )


def test_every_article_is_read_and_clustered(result: dict[str, Any]) -> None:
    clustering = result["clustering"]
    assert clustering["articles"] == {"basil": 165, "seeds": 2, "newsdesk": 120}
    assert clustering["problems"] == [] and clustering["unclustered"] == []
    assert result["semeval"]["pairs"] == 209 and result["semeval"]["skipped"] == []


@pytest.mark.parametrize("part", ["basil", "mixed"])
def test_clustering_stays_above_its_floors(result: dict[str, Any], part: str) -> None:
    """BASIL alone is the hard case (independent reports of one event); mixed adds
    the seeds and the generated newsdesk corpus to the same run."""
    scores = result["clustering"][part]
    for measure in ("ari", "precision", "recall"):
        assert scores[measure] >= FLOORS[f"{part}_{measure}"], _report(scores)


def test_no_story_joins_articles_of_different_data_sets(result: dict[str, Any]) -> None:
    """A 2010s US politics report, a 2022 Ukraine story and a generated article are
    never one story, whatever they share."""
    assert result["clustering"]["cross_source_pairs"]["total"] == 0, result["clustering"][
        "cross_source_pairs"
    ]


def test_the_two_seed_versions_are_one_story(result: dict[str, Any]) -> None:
    assert result["clustering"]["seeds_together"]


def test_semeval_same_story_decision_stays_above_its_floors(result: dict[str, Any]) -> None:
    scores = result["semeval"]
    report = _report(
        {k: v for k, v in scores.items() if k in ("accuracy", "precision", "recall", "f1")}
    )
    assert scores["f1"] >= FLOORS["semeval_f1"], f"{report}; {scores['confusion']}"
    assert scores["accuracy"] >= FLOORS["semeval_accuracy"], f"{report}; {scores['confusion']}"


@pytest.fixture(scope="module")
def embed_all_result(embedder: newscollate.SentenceEmbedder) -> dict[str, Any]:
    settings = newscollate.Settings(embed_all=True)
    return stories_real.evaluate_newscollate(embedder, link_counts=False, settings=settings)


def test_embed_all_stays_above_its_floors(embed_all_result: dict[str, Any]) -> None:
    """With every article embedded (``--embed-all``): pairs that share no names reach
    the model, and many disagreeing names still keep two events apart."""
    floors: dict[str, float] = BASE["embed_all_floors"]
    clustering = embed_all_result["clustering"]
    for part in ("basil", "mixed", "newsdesk"):
        for measure in ("ari", "precision", "recall"):
            key = f"{part}_{measure}"
            if key in floors:
                assert clustering[part][measure] >= floors[key], _report(clustering[part])
    assert clustering["cross_source_pairs"]["total"] == 0
    semeval = embed_all_result["semeval"]
    assert semeval["f1"] >= floors["semeval_f1"], _report(
        {k: semeval[k] for k in ("accuracy", "precision", "recall", "f1")}
    )
