"""Stage 4, align: rows of sentences that say the same thing across N versions.

Every pair of versions is aligned on its own (``pairwise``), then the pairwise
rows are joined into rows that span all versions, like a CollateX alignment
table: two sentences are in one row when some chain of pairwise links connects
them. Rows are put in reading order (``table_rows``), each with a kind and a score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from newscollate.align.kinds import classify, weakest
from newscollate.align.pairwise import PairRow, align_pair
from newscollate.config import Settings
from newscollate.models import Document, Group
from newscollate.represent import DocumentFeatures, PairScorer

__all__ = ["Alignment", "TableRow", "align", "table_rows"]


@dataclass(frozen=True, slots=True)
class Alignment:
    groups: tuple[Group, ...]
    unique: dict[str, tuple[int, ...]]
    pair_rows: dict[tuple[int, int], list[PairRow]]
    scorers: dict[tuple[int, int], PairScorer]


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[tuple[int, int], tuple[int, int]] = {}

    def find(self, x: tuple[int, int]) -> tuple[int, int]:
        root = self.parent.setdefault(x, x)
        while root != self.parent[root]:
            root = self.parent[root]
        while x != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, x: tuple[int, int], y: tuple[int, int]) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)


def align(
    documents: Sequence[Document], features: Sequence[DocumentFeatures], settings: Settings
) -> Alignment:
    scorers: dict[tuple[int, int], PairScorer] = {}
    pair_rows: dict[tuple[int, int], list[PairRow]] = {}
    links = _UnionFind()
    for p, q in combinations(range(len(documents)), 2):
        scorer = PairScorer(features[p], features[q], settings.semantic_weight)
        rows = align_pair(
            scorer, settings.link_threshold, settings.merge_threshold, settings.weak_link_threshold
        )
        scorers[p, q], pair_rows[p, q] = scorer, rows
        for row in rows:
            nodes = [(p, i) for i in row.a] + [(q, j) for j in row.b]
            for node in nodes[1:]:
                links.union(nodes[0], node)

    components: dict[tuple[int, int], dict[int, list[int]]] = {}
    for d, doc in enumerate(documents):
        for s in range(len(doc.sentences)):
            if (d, s) in links.parent:
                components.setdefault(links.find((d, s)), {}).setdefault(d, []).append(s)
    groups = [_group(documents, features, scorers, members) for members in components.values()]
    aligned = {(doc_id, i) for g in groups for doc_id, idx in g.members.items() for i in idx}
    unique = {
        doc.id: tuple(i for i in range(len(doc.sentences)) if (doc.id, i) not in aligned)
        for doc in documents
    }
    ordered = [row.group for row in table_rows(documents, groups, unique) if row.group is not None]
    return Alignment(tuple(ordered), unique, pair_rows, scorers)


def _group(
    documents: Sequence[Document],
    features: Sequence[DocumentFeatures],
    scorers: dict[tuple[int, int], PairScorer],
    members: dict[int, list[int]],
) -> Group:
    kinds, scores = [], []
    for p, q in combinations(sorted(members), 2):
        scorer = scorers[p, q]
        rows_p, rows_q = sorted(members[p]), sorted(members[q])
        scores.append(scorer.group_score(rows_p, rows_q))
        kinds.append(
            classify(
                " ".join(documents[p].sentences[i].text for i in rows_p),
                " ".join(documents[q].sentences[j].text for j in rows_q),
                scorer.words_a(rows_p),
                scorer.words_b(rows_q),
            )
        )
    return Group(
        {documents[d].id: tuple(sorted(members[d])) for d in sorted(members)},
        weakest(kinds),
        sum(scores) / len(scores),
    )


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row of the reading-order table: an aligned group, or one unique sentence."""

    members: dict[str, tuple[int, ...]]
    group: Group | None


def table_rows(
    documents: Sequence[Document], groups: Sequence[Group], unique: dict[str, tuple[int, ...]]
) -> list[TableRow]:
    """Groups and unique sentences in reading order.

    The first document sets the order; a row it lacks goes right after the row
    that holds the nearest preceding sentence of the document it comes from, so
    an added paragraph appears where that outlet put it.
    """
    rows = [TableRow(dict(g.members), g) for g in groups]
    rows += [TableRow({doc_id: (i,)}, None) for doc_id, indices in unique.items() for i in indices]
    row_of: dict[tuple[str, int], int] = {}
    for r, row in enumerate(rows):
        for doc_id, indices in row.members.items():
            for i in indices:
                row_of[doc_id, i] = r
    keys: dict[int, tuple[float, int, int]] = {}
    for k, doc in enumerate(documents):
        for i in range(len(doc.sentences)):
            r = row_of[doc.id, i]
            if r in keys:
                continue
            if k == 0:
                keys[r] = (float(i), 0, 0)
                continue
            anchor = _anchor(doc.id, i, len(doc.sentences), row_of, keys)
            keys[r] = (anchor, k, i)
    return [rows[r] for r in sorted(range(len(rows)), key=lambda r: keys[r])]


def _anchor(
    doc_id: str,
    i: int,
    n: int,
    row_of: dict[tuple[str, int], int],
    keys: dict[int, tuple[float, int, int]],
) -> float:
    for prev in range(i - 1, -1, -1):
        if row_of[doc_id, prev] in keys:
            return keys[row_of[doc_id, prev]][0] + 0.5
    for nxt in range(i + 1, n):
        if row_of[doc_id, nxt] in keys and keys[row_of[doc_id, nxt]][1] == 0:
            return keys[row_of[doc_id, nxt]][0] - 0.5
    return 1e9
