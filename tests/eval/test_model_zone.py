"""``bench/model_zone.py`` records what it says it records: the pairs the store's
model judged, each with its margin over the bar, and no other; and it counts pairs
of different stories only. Its figures are in docs/evaluation.md."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

import newscollate
from newscollate.index.candidates import NAMES_MAYBE
from newscollate.store.verify import NAMES_SURE

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import model_zone  # noqa: E402  (bench/ is not a package)


def test_records_the_pairs_the_model_judged_and_its_verdicts(
    embedder: newscollate.SentenceEmbedder,
) -> None:
    corpus = model_zone.mixed_corpus()  # BASIL, the seeds and newsdesk
    judged = model_zone.judged(corpus.articles, corpus.gold, embedder)
    assert judged, "BASIL's reports of one event leave pairs for the model"
    for pair in judged:
        assert NAMES_MAYBE <= pair["names"] < NAMES_SURE  # the model's zone, nothing else
    # a pair the model accepted is a link of the store; one it refused is not
    with newscollate.Store(":memory:", embedder=embedder) as store:
        store.add(corpus.articles)
        linked = {(a, b) for a, b in store.db.execute("SELECT a, b FROM links")}
    for pair in judged:
        assert ((pair["a"], pair["b"]) in linked) == (pair["margin"] >= 0)
    rows = model_zone.summary(judged)
    assert sum(r["pairs"] for r in rows) == len(judged)


def test_background_counts_pairs_of_different_stories_only() -> None:
    class Fixed:
        """Unit vectors by text: "a" and "b" alike, "c" apart."""

        def encode(self, texts: list[str]) -> np.ndarray:
            table = {"a": [1.0, 0.0], "b": [0.8, 0.6], "c": [0.0, 1.0]}
            return np.array([table[t] for t in texts], np.float32)

    figures = model_zone.background(["a", "a", "b", "c"], ["s", "s", "t", "u"], Fixed())
    # six pairs, one inside story s; cosines of the other five: 0.8 0.8 0 0 0.6
    assert figures["pairs"] == 5
    assert figures["share_at_or_above_0.55"] == 0.6
