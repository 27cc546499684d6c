"""Alignment of two documents: one-to-one links, then splits, merges and crossings.

Three rounds, strongest evidence first, so that a weak link never takes a
sentence that a strong link or a merge explains better:

1. the maximum-weight one-to-one matching over links of at least ``link_threshold``;
2. leftover sentences join rows as splits and merges (below);
3. a second matching, among sentences still free, over body-sentence links of
   at least ``weak_link_threshold`` (paraphrases that share few words);
4. gap filling: two free sentences that sit between the same two rows on both
   sides ("I think he's careful." / "I think it's prudent." between two aligned
   quotes) align down to ``merge_threshold``: their position is evidence too.
   Headings are left out of rounds 3 and 4: a title and a subheading share
   words by nature, so only a strong link aligns them.

Without this order the optimal matching at a low threshold pairs two mediocre
links where one good link plus a merge is right (seen on the seed pair).

After the first matching, a sentence left without a partner may still belong to a
row: when a rewrite says in one sentence what the original said in two, the
second original sentence scores below the link threshold against the merged
sentence but most of its words are there. It joins the row when

* it scores at least ``merge_threshold`` against a sentence of the row,
* at least ``_MIN_CONTAINED`` of its content words appear on the row's other side, and
* the row's set-level score does not drop by more than ``_MAX_SCORE_DROP``
  (the extra sentence explains words the other side has).

Two rows whose sentences are adjacent on both sides and cross-link (A's second
sentence matches B's first part and so on) are one many-to-many row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from newscollate.align.match import best_matching
from newscollate.represent import PairScorer

_MIN_CONTAINED = 0.4
_MAX_SCORE_DROP = 0.03


@dataclass(slots=True)
class PairRow:
    a: list[int]
    b: list[int]
    score: float


def align_pair(
    scorer: PairScorer, link_threshold: float, merge_threshold: float, weak_link_threshold: float
) -> list[PairRow]:
    """Rows of sentences of ``scorer.a`` and ``scorer.b`` that say the same thing."""
    s = scorer.matrix
    rows = [PairRow([i], [j], float(s[i, j])) for i, j in best_matching(s, link_threshold)]
    _attach_leftovers(scorer, rows, merge_threshold)
    if weak_link_threshold < link_threshold:
        free_a = [
            i
            for i in range(s.shape[0])
            if not scorer.a.heading[i] and all(i not in r.a for r in rows)
        ]
        free_b = [
            j
            for j in range(s.shape[1])
            if not scorer.b.heading[j] and all(j not in r.b for r in rows)
        ]
        sub = s[np.ix_(free_a, free_b)]
        for i, j in best_matching(sub, weak_link_threshold):
            rows.append(PairRow([free_a[i]], [free_b[j]], float(sub[i, j])))
    _fill_gaps(scorer, rows, merge_threshold)
    _merge_crossings(scorer, rows, merge_threshold)
    return sorted(rows, key=lambda r: (min(r.a), min(r.b)))


def _attach_leftovers(scorer: PairScorer, rows: list[PairRow], merge_threshold: float) -> None:
    s = scorer.matrix
    for side in ("a", "b"):
        taken_a = {i for r in rows for i in r.a}
        taken_b = {j for r in rows for j in r.b}
        if side == "a":
            free = [i for i in range(s.shape[0]) if i not in taken_a]
            best = {i: s[i].max(initial=0.0) for i in free}
        else:
            free = [j for j in range(s.shape[1]) if j not in taken_b]
            best = {j: s[:, j].max(initial=0.0) for j in free}
        for x in sorted(free, key=lambda k: (-best[k], k)):
            candidates = []
            for row in rows:
                partners = row.b if side == "a" else row.a
                link = max(float(s[x, p] if side == "a" else s[p, x]) for p in partners)
                if link >= merge_threshold:
                    candidates.append((link, row))
            if not candidates:
                continue
            _, row = max(candidates, key=lambda c: (c[0], -min(c[1].a)))
            new_a = sorted([*row.a, x]) if side == "a" else row.a
            new_b = row.b if side == "a" else sorted([*row.b, x])
            contained = (
                scorer.containment_a_in_b([x], row.b)
                if side == "a"
                else scorer.containment_b_in_a(row.a, [x])
            )
            new_score = scorer.group_score(new_a, new_b)
            if contained >= _MIN_CONTAINED and new_score >= row.score - _MAX_SCORE_DROP:
                row.a, row.b, row.score = new_a, new_b, new_score


def _fill_gaps(scorer: PairScorer, rows: list[PairRow], threshold: float) -> None:
    s = scorer.matrix
    row_a = {i: k for k, r in enumerate(rows) for i in r.a}
    row_b = {j: k for k, r in enumerate(rows) for j in r.b}
    for i in range(s.shape[0]):
        if i in row_a or scorer.a.heading[i]:
            continue
        for j in range(s.shape[1]):
            if j in row_b or scorer.b.heading[j] or s[i, j] < threshold:
                continue
            before = i > 0 and j > 0 and row_a.get(i - 1, -1) == row_b.get(j - 1, -2)
            after = row_a.get(i + 1, -1) == row_b.get(j + 1, -2)
            if before or after:
                rows.append(PairRow([i], [j], float(s[i, j])))
                row_a[i] = row_b[j] = len(rows) - 1
                break


def _merge_crossings(scorer: PairScorer, rows: list[PairRow], merge_threshold: float) -> None:
    s = scorer.matrix
    changed = True
    while changed:
        changed = False
        rows.sort(key=lambda r: (min(r.a), min(r.b)))
        for k in range(len(rows) - 1):
            first, second = rows[k], rows[k + 1]
            if min(second.a) != max(first.a) + 1 or (
                abs(min(second.b) - max(first.b)) != 1 and abs(min(first.b) - max(second.b)) != 1
            ):
                continue
            cross = max(
                float(np.max(s[np.ix_(first.a, second.b)])),
                float(np.max(s[np.ix_(second.a, first.b)])),
            )
            if cross < merge_threshold:
                continue
            merged_a, merged_b = sorted(first.a + second.a), sorted(first.b + second.b)
            score = scorer.group_score(merged_a, merged_b)
            if score > max(first.score, second.score):
                rows[k] = PairRow(merged_a, merged_b, score)
                del rows[k + 1]
                changed = True
                break
