"""Stories from links in arrival order: copies merge at once, reports need support."""

from __future__ import annotations

import math
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from newscollate.cluster import REPORT_SUPPORT, LinkRelation, StoryJoiner, arrival_order


def _story_of_four(joiner: StoryJoiner, first: int) -> None:
    for row in range(first + 1, first + 4):
        assert joiner.link(first, row, "exact")


def test_a_report_joins_a_lone_article_on_one_link() -> None:
    joiner = StoryJoiner()
    _story_of_four(joiner, 0)
    assert joiner.link(2, 10, "same-story")
    assert joiner.find(10) == 0


def test_two_stories_of_many_articles_need_several_report_links() -> None:
    joiner = StoryJoiner()
    _story_of_four(joiner, 0)
    _story_of_four(joiner, 10)
    needed = math.ceil(REPORT_SUPPORT * 4)
    assert needed > 1
    for _ in range(needed - 1):
        assert not joiner.link(1, 11, "rewrite")
    assert joiner.bridges == {(0, 10): needed - 1}
    assert joiner.link(3, 13, "same-story")
    assert joiner.find(13) == 0 and joiner.bridges == {}
    assert joiner.merged()[10] == 0


def test_a_copy_link_merges_whatever_waits() -> None:
    joiner = StoryJoiner()
    _story_of_four(joiner, 0)
    _story_of_four(joiner, 10)
    assert not joiner.link(0, 10, "rewrite")
    assert joiner.link(0, 10, "near-duplicate")
    assert joiner.bridges == {}


def test_waiting_links_follow_their_stories_into_a_merge() -> None:
    """Story 20 waits on 0 and on 10 with one link each; when 0 and 10 merge, the two
    count together against the merged story."""
    joiner = StoryJoiner()
    for first in (0, 10, 20):
        _story_of_four(joiner, first)
    assert not joiner.link(20, 0, "rewrite")
    assert not joiner.link(21, 10, "rewrite")
    assert joiner.link(0, 10, "exact")
    assert joiner.bridges == {(0, 20): 2}
    assert joiner.link(22, 1, "rewrite") and joiner.find(22) == 0


def test_stored_sizes_and_waiting_links_carry_on() -> None:
    """What the store passes back in: story 5 of six articles, one link waiting."""
    joiner = StoryJoiner({5: 6, 9: 6}, {(5, 9): 2})
    assert joiner.link(5, 9, "rewrite")
    assert joiner.merged() == {9: 5} and joiner.sizes == {5: 12}


def test_arrival_order_takes_the_later_article_then_copies_first() -> None:
    links: list[tuple[int, int, LinkRelation, float]] = [
        (3, 7, "same-story", 0.9),
        (1, 7, "rewrite", 0.3),
        (2, 5, "same-story", 0.6),
        (4, 7, "exact", 1.0),
        (2, 7, "rewrite", 0.5),
    ]
    assert [link[:2] for link in sorted(links, key=arrival_order)] == [
        (2, 5), (4, 7), (2, 7), (1, 7), (3, 7),
    ]  # fmt: skip


def _reference(n: int, links: list[tuple[int, int, LinkRelation]]) -> tuple[list[int], dict]:
    """The rule written out plainly: relabel every article on each merge, recount."""
    story = list(range(n))
    waiting: Counter[tuple[int, int]] = Counter()
    for a, b, relation in links:
        sa, sb = story[a], story[b]
        if sa == sb:
            continue
        if relation in ("rewrite", "same-story"):
            key = (min(sa, sb), max(sa, sb))
            waiting[key] += 1
            if waiting[key] < math.ceil(REPORT_SUPPORT * min(story.count(sa), story.count(sb))):
                continue
        low, high = min(sa, sb), max(sa, sb)
        story = [low if s == high else s for s in story]
        moved: Counter[tuple[int, int]] = Counter()
        for (x, y), count in waiting.items():
            x, y = (low if x == high else x), (low if y == high else y)
            if x != y:
                moved[(min(x, y), max(x, y))] += count
        waiting = moved
    return story, dict(waiting)


_RELATIONS: list[LinkRelation] = ["exact", "near-duplicate", "rewrite", "same-story"]


@given(
    st.integers(2, 25).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(
                st.tuples(
                    st.integers(0, n - 1), st.integers(0, n - 1), st.sampled_from(_RELATIONS)
                ),
                max_size=60,
            ),
        )
    )
)
def test_the_joiner_matches_the_rule_written_plainly(
    case: tuple[int, list[tuple[int, int, LinkRelation]]],
) -> None:
    n, links = case
    joiner = StoryJoiner()
    for a, b, relation in links:
        joiner.link(a, b, relation)
    story, waiting = _reference(n, links)
    assert [joiner.find(row) for row in range(n)] == story
    assert joiner.bridges == waiting
