"""Stage: cluster — what verified links say about articles: stories, copies, originals.

Copies (``exact``, ``near-duplicate``) and reports of one event (``rewrite``,
``same-story``) are both links. Links are taken in the order their later article
arrived (``StoryJoiner``): a copy link always merges the two stories it joins; a
report link merges them only when the report links between them number at least
``REPORT_SUPPORT`` of the smaller story's articles, and otherwise waits, counted,
until more arrive. A new report joins the story it is linked to on its first link
(a story of one article needs one link), so the rule costs nothing where stories
grow article by article; what it stops is one link joining two stories of many
articles each. That is how chaining starts at scale: each report link is right
with high probability, but a corpus of a million articles holds thousands of
wrong ones, and with every link merging, a story of thousands of copies caught
a wrong link to every story of its kind (bench/bench_stories.py at 1M articles:
pair precision 0.52 with connected components).

Inside a story, copy links alone form copy groups; the original of a group is its
earliest article (then the smallest id), which is what ``duplicate_of`` points
at; it depends only on the set of links and on article metadata. Stories depend
on the links and on the order the articles arrived in; the store and the Spark
engine take links in the same order (rows), so they find the same stories.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from typing import Literal, TypeVar

__all__ = [
    "COPY_RELATIONS", "REPORT_SUPPORT", "LinkRelation", "StoryJoiner", "UnionFind",
    "arrival_order", "copy_originals", "strength",
]  # fmt: skip

LinkRelation = Literal["exact", "near-duplicate", "rewrite", "same-story"]
_ORDER: tuple[LinkRelation, ...] = ("exact", "near-duplicate", "rewrite", "same-story")
COPY_RELATIONS = frozenset({"exact", "near-duplicate"})
REPORT_SUPPORT = 0.5

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


class StoryJoiner:
    """Stories merged by links taken in arrival order (see the module docstring).

    Stories are numbered as the store numbers them; ``sizes`` gives the article
    count of stories of more than one article, and ``bridges`` the report links
    already waiting between two stories, keyed by (smaller, larger) story number.
    After ``link`` calls, ``merged()`` says which stories disappeared into which,
    and ``bridges`` holds what still waits, keyed by the surviving numbers."""

    def __init__(
        self,
        sizes: Mapping[int, int] | None = None,
        bridges: Mapping[tuple[int, int], int] | None = None,
    ) -> None:
        self.stories = UnionFind()
        self.sizes: dict[int, int] = dict(sizes or {})
        self.bridges: dict[tuple[int, int], int] = dict(bridges or {})
        self._bridged: dict[int, set[int]] = {}  # story -> the stories it has bridges to
        for a, b in self.bridges:
            self._bridged.setdefault(a, set()).add(b)
            self._bridged.setdefault(b, set()).add(a)

    def link(self, a: int, b: int, relation: LinkRelation) -> bool:
        """Take one link between (the articles of) stories ``a`` and ``b``; whether the
        two are one story afterwards."""
        a, b = self.stories.find(a), self.stories.find(b)
        if a == b:
            return True
        if relation not in COPY_RELATIONS:
            key = (min(a, b), max(a, b))
            waiting = self.bridges.get(key, 0) + 1
            smaller = min(self.sizes.get(a, 1), self.sizes.get(b, 1))
            if waiting < math.ceil(REPORT_SUPPORT * smaller):
                self.bridges[key] = waiting
                self._bridged.setdefault(a, set()).add(b)
                self._bridged.setdefault(b, set()).add(a)
                return False
        self._merge(a, b)
        return True

    def _merge(self, a: int, b: int) -> None:
        self.stories.union(a, b)
        root = self.stories.find(a)
        gone = b if root == a else a
        self.sizes[root] = self.sizes.get(a, 1) + self.sizes.get(b, 1)
        self.sizes.pop(gone, None)
        for other in self._bridged.pop(gone, set()):
            waiting = self.bridges.pop((min(gone, other), max(gone, other)), 0)
            peers = self._bridged[other]
            peers.discard(gone)
            if other == root:
                continue
            key = (min(root, other), max(root, other))
            self.bridges[key] = self.bridges.get(key, 0) + waiting
            peers.add(root)
            self._bridged.setdefault(root, set()).add(other)
        self._bridged.get(root, set()).discard(gone)

    def find(self, story: int) -> int:
        return self.stories.find(story)

    def merged(self) -> dict[int, int]:
        """Each story number that disappeared -> the story it is now part of."""
        return {s: self.stories.find(s) for s in self.stories.parent if self.stories.find(s) != s}


def strength(relation: LinkRelation, score: float) -> tuple[int, float]:
    """Sort key of a link, strongest first: a copy before a report, then the higher score."""
    return _ORDER.index(relation), -score


def arrival_order(link: tuple[int, int, LinkRelation, float]) -> tuple[int, int, float, int]:
    """Sort key of a link (two article rows, relation, score) in the order
    ``StoryJoiner`` takes links: by its later article's row, strongest first."""
    a, b, relation, score = link
    rank, negative = strength(relation, score)
    return max(a, b), rank, negative, min(a, b)


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
