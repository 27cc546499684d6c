"""The cross-validation of the model's bar (``bench/stories_crossval.py``) holds
out what it says it holds out: whole BASIL events, and the ties of its choice rule
favour neither end of a plateau. Its figures are in docs/evaluation.md; the run
takes minutes, so only its bookkeeping is tested here."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

import stories_crossval as cv  # noqa: E402  (bench/ is not a package)


def test_folds_hold_out_whole_events() -> None:
    corpus = cv.mixed_corpus()
    folds = cv.event_folds(corpus, 5)
    events = {corpus.gold[a] for a in corpus.ids("basil")}
    assert sorted(e for fold in folds for e in fold) == sorted(events)
    assert [len(f) for f in folds] == [len(events) // 5] * 5
    for fold in folds:
        held = cv.sub_corpus(corpus, set(fold))
        train = cv.sub_corpus(corpus, events - set(fold))
        assert {held.gold[a] for a in held.ids("basil")} == set(fold)
        assert not set(held.ids("basil")) & set(train.ids("basil"))
        assert len(held.ids("basil")) == 3 * len(fold)
        for part in (held, train):  # seeds and newsdesk go with every run
            assert part.ids("seeds") == corpus.ids("seeds")
            assert part.ids("newsdesk") == corpus.ids("newsdesk")


def test_ties_go_to_the_middle_of_the_plateau() -> None:
    plateau = cv.GRID[3:8]
    scores = {bar: (0.9 if bar in plateau else 0.5) for bar in cv.GRID}
    assert cv.chosen(scores) == plateau[2]
    scores[cv.GRID[-1]] = 0.95
    assert cv.chosen(scores) == cv.GRID[-1]
    guard = {bar: (1.0 if bar == cv.GRID[0] else 0.0) for bar in cv.GRID}
    flat = dict.fromkeys(cv.GRID, 1.0)
    picks = cv.choose(scores, {"strict": guard, "flat": flat})
    assert picks == {"alone": cv.GRID[-1], "strict guard": cv.GRID[0], "flat guard": cv.GRID[-1]}
