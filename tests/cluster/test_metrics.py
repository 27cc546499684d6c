"""Cluster scores against scikit-learn's ARI and a brute-force pair count."""

from __future__ import annotations

import random
from itertools import combinations

import pytest
from sklearn.metrics import adjusted_rand_score

from newscollate.cluster.metrics import cluster_scores


@pytest.mark.parametrize("seed", range(5))
def test_scores_match_brute_force_and_sklearn(seed: int) -> None:
    rng = random.Random(seed)
    gold = {f"a{i}": rng.randint(0, 25) for i in range(250)}
    predicted = {a: (g if rng.random() < 0.75 else rng.randint(0, 60)) for a, g in gold.items()}
    scores = cluster_scores(predicted, gold)
    ids = sorted(gold)
    both = gold_only = pred_only = 0
    for a, b in combinations(ids, 2):
        same_gold, same_pred = gold[a] == gold[b], predicted[a] == predicted[b]
        both += same_gold and same_pred
        gold_only += same_gold and not same_pred
        pred_only += same_pred and not same_gold
    assert scores.shared_pairs == both
    assert scores.precision == pytest.approx(both / (both + pred_only))
    assert scores.recall == pytest.approx(both / (both + gold_only))
    assert scores.ari == pytest.approx(
        adjusted_rand_score([gold[a] for a in ids], [predicted[a] for a in ids])
    )


def test_perfect_and_degenerate_clusterings() -> None:
    gold = {"a": 1, "b": 1, "c": 2, "d": 3}
    assert cluster_scores(dict(gold), gold).ari == pytest.approx(1.0)
    singletons = {a: a for a in gold}
    scores = cluster_scores(singletons, gold)
    assert (scores.precision, scores.recall) == (1.0, 0.0)
    # articles only one side labels are left out
    assert cluster_scores({"a": 1, "b": 1, "z": 1}, gold).articles == 2
