"""Invariants of the full pairwise aligner on random features, and its split/merge behaviour."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from newscollate import HashingEmbedder
from newscollate.align.pairwise import align_pair
from newscollate.ingest.normalize import fold
from newscollate.represent import DocumentFeatures, PairScorer
from newscollate.represent.lexical import content_tokens

VOCAB = ["fire", "port", "crews", "wheat", "council", "mayor", "storm", "vote", "police", "harbour"]


def _features(sentences: list[str], headings: list[bool]) -> DocumentFeatures:
    return DocumentFeatures(
        HashingEmbedder().encode(sentences),
        tuple(content_tokens(fold(s)) for s in sentences),
        np.array(headings, dtype=bool),
    )


sentence = st.lists(st.sampled_from(VOCAB), min_size=1, max_size=6).map(" ".join)
document = st.lists(st.tuples(sentence, st.booleans()), min_size=1, max_size=7)


@settings(max_examples=150, deadline=None)
@given(document, document)
def test_rows_are_disjoint_and_never_mix_headings_with_body(a: list, b: list) -> None:
    fa = _features([s for s, _ in a], [h for _, h in a])
    fb = _features([s for s, _ in b], [h for _, h in b])
    rows = align_pair(PairScorer(fa, fb, 0.5), 0.45, 0.34, 0.4)
    used_a = [i for r in rows for i in r.a]
    used_b = [j for r in rows for j in r.b]
    assert len(used_a) == len(set(used_a)) and len(used_b) == len(set(used_b))
    for row in rows:
        assert row.a and row.b
        kinds = {bool(fa.heading[i]) for i in row.a} | {bool(fb.heading[j]) for j in row.b}
        assert len(kinds) == 1


def test_two_sentences_merged_into_one_form_one_row() -> None:
    """A rewrite that joins two sentences: both originals land in the merged sentence's row."""
    a = [
        "Fire crews fought the blaze at the harbour grain store for six hours.",
        "About 1,200 tonnes of wheat were destroyed in the warehouse.",
        "The mayor promised an inquiry.",
    ]
    b = [
        "Fire crews fought the harbour grain store blaze for six hours, and about 1,200 tonnes of wheat in the warehouse were destroyed.",
        "An inquiry was promised by the mayor.",
    ]
    rows = align_pair(
        PairScorer(_features(a, [False] * 3), _features(b, [False] * 2), 0.5), 0.45, 0.34, 0.4
    )
    assert sorted((r.a, r.b) for r in rows) == [([0, 1], [0]), ([2], [1])]


def test_unrelated_sentences_stay_unaligned() -> None:
    a = ["The storm closed every school in the county on Tuesday."]
    b = ["Wheat prices rose at the harbour market after the council vote."]
    assert (
        align_pair(PairScorer(_features(a, [False]), _features(b, [False]), 0.5), 0.45, 0.34, 0.4)
        == []
    )
