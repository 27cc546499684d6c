"""Pair verdicts on short reports the tests write: names decide same event vs same topic."""

from __future__ import annotations

import newscollate
from newscollate import Article

REPORT_A = (
    "A fire destroyed a timber warehouse in Port Ardlen on Monday night. "
    "Brannoch Logistics said about 300 tonnes of stock were lost. "
    "Fire officer Halima Osei said crews from Ardlen and Kelby fought the blaze for six hours."
)
REPORT_B = (
    "Crews spent six hours battling flames at a Port Ardlen timber store overnight, "
    "officer Halima Osei told reporters. "
    "Owner Brannoch Logistics put the loss at roughly 300 tonnes. "
    "Firefighters from Ardlen and Kelby were called in."
)
OTHER_TOWN = (
    "A fire gutted a furniture depot in Hollin Cross on Thursday. "
    "Marrow Freight said its stock of sofas was lost. "
    "Station manager Ewan Tully said two crews from Dunmere attended."
)


def _relation(a: str, b: str, embedder: newscollate.Embedder) -> str:
    result = newscollate.compare(
        [Article(id="a", text=a), Article(id="b", text=b)], embedder=embedder
    )
    return result.pairs[0].relation


def test_independent_reports_of_one_event_are_the_same_story(
    embedder: newscollate.Embedder,
) -> None:
    assert _relation(REPORT_A, REPORT_B, embedder) in {"same-story", "rewrite"}


def test_same_kind_of_event_elsewhere_is_a_different_story(embedder: newscollate.Embedder) -> None:
    """Two warehouse fires in two towns: alike to the model, but no shared names."""
    assert _relation(REPORT_A, OTHER_TOWN, embedder) == "different-story"
