"""Stage: cluster — verified links between articles become story clusters.

Copies (``exact``, ``near-duplicate``) and reports of one event (``rewrite``,
``same-story``) are both links; a story is a connected component of verified
links. Chaining two events on one topic into one story is prevented upstream,
where a same-story link needs shared rare names *and* a close title-and-lead
score, not here: a graph method can only be as good as its edges, and every edge
here says why it exists.

Inside a story, copies form copy groups (union-find over copy links only); the
original of a group is its earliest article (then the smallest id), which is
what ``duplicate_of`` points at. Both rules depend only on the set of links and
on article metadata, so the same input in any order gives the same clusters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

__all__ = ["COPY_RELATIONS", "RELATION_ORDER", "Link", "LinkRelation", "UnionFind", "components"]

LinkRelation = Literal["exact", "near-duplicate", "rewrite", "same-story"]
RELATION_ORDER: tuple[LinkRelation, ...] = ("exact", "near-duplicate", "rewrite", "same-story")
COPY_RELATIONS = frozenset({"exact", "near-duplicate"})


@dataclass(frozen=True, slots=True)
class Link:
    """A verified link between two articles (by key), and why it exists."""

    a: str
    b: str
    relation: LinkRelation
    score: float

    def stronger_than(self, other: Link) -> bool:
        return (RELATION_ORDER.index(self.relation), -self.score) < (
            RELATION_ORDER.index(other.relation),
            -other.score,
        )


class UnionFind:
    """Union-find over string keys with path halving; the representative of a set
    is its smallest key, so it does not depend on the order of unions."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: str, b: str) -> str:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        low, high = (ra, rb) if ra < rb else (rb, ra)
        self.parent[high] = low
        return low

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for x in sorted(self.parent):
            out.setdefault(self.find(x), []).append(x)
        return out


def components(keys: Iterable[str], links: Sequence[Link]) -> dict[str, str]:
    """Each key's component representative (its smallest key) over ``links``."""
    uf = UnionFind()
    for key in keys:
        uf.find(key)
    for link in links:
        uf.union(link.a, link.b)
    return {key: uf.find(key) for key in uf.parent}
