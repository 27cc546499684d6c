"""Stage: cluster — what verified links say about articles: stories, copies, originals.

Copies (``exact``, ``near-duplicate``) and reports of one event (``rewrite``,
``same-story``) are both links, and a story is a connected component of links
(the store keeps it incrementally: a new link merges two stories). Chaining two
events on one topic into one story is prevented where links are made, where a
same-story link needs names that agree, or, when they are ambiguous, close
meaning within days, not here: a graph method can only be as good as its edges, and every edge says why
it exists.

Inside a story, copy links alone form copy groups; the original of a group is its
earliest article (then the smallest id), which is what ``duplicate_of`` points
at. Both rules depend only on the set of links and on article metadata, so the
same input in any order gives the same clusters and the same originals.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import Literal, TypeVar

__all__ = ["COPY_RELATIONS", "LinkRelation", "UnionFind", "copy_originals", "strength"]

LinkRelation = Literal["exact", "near-duplicate", "rewrite", "same-story"]
_ORDER: tuple[LinkRelation, ...] = ("exact", "near-duplicate", "rewrite", "same-story")
COPY_RELATIONS = frozenset({"exact", "near-duplicate"})

K = TypeVar("K", bound=Hashable)


class UnionFind:
    """Story numbers merged by links; the smaller number of two merged sets is their
    root, so a merged story keeps the number of its oldest article."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        low, high = sorted((self.find(a), self.find(b)))
        if low != high:
            self.parent[high] = low


def strength(relation: LinkRelation, score: float) -> tuple[int, float]:
    """Sort key of a link, strongest first: a copy before a report, then the higher score."""
    return _ORDER.index(relation), -score


def copy_originals(
    links: Iterable[tuple[K, K, LinkRelation]], order: Mapping[K, tuple[str, str]]
) -> dict[K, K]:
    """Each article's original: the first, by ``order`` (publication date, id), of the
    articles its copy links connect it to. Articles outside ``order`` are ignored."""
    neighbours: dict[K, list[K]] = {}
    for a, b, relation in links:
        if relation in COPY_RELATIONS and a in order and b in order:
            neighbours.setdefault(a, []).append(b)
            neighbours.setdefault(b, []).append(a)
    original: dict[K, K] = {}
    for start in order:
        if start in original:
            continue
        group, stack = {start}, [start]
        while stack:
            for other in neighbours.get(stack.pop(), []):
                if other not in group:
                    group.add(other)
                    stack.append(other)
        first = min(group, key=lambda r: order[r])
        for member in group:
            original[member] = first
    return original
