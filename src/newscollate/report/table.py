"""The collation table as both renderers draw it: rows of cells with highlighted words.

In each row the first version that has text is the reference. Other cells
mark the words they replace (``changed``) or add (``added``) relative to it; the
reference cell marks the words some other version drops or replaces
(``dropped``). Trivial differences (case, punctuation, quote style) are never
marked: see ``align.diff``.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Literal

from newscollate.align import table_rows
from newscollate.align.diff import word_diff
from newscollate.models import Comparison, Document, Fact, Group

Mark = Literal["changed", "added", "dropped"]


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    marks: tuple[tuple[int, int, Mark], ...]
    sentences: tuple[int, ...]
    headings: bool
    facts: tuple[tuple[int, int, str], ...] = ()  # (start, end, fact id), offsets into ``text``


@dataclass(frozen=True, slots=True)
class Row:
    number: int
    group: Group | None
    cells: dict[str, Cell]  # by article id; absent where the version has nothing

    @property
    def label(self) -> str:
        if self.group is None:
            return "unique"
        return self.group.kind


def build_rows(comparison: Comparison) -> list[Row]:
    docs = {d.id: d for d in comparison.documents}
    order = [d.id for d in comparison.documents]
    # Names are everywhere: highlighting them all would hide the rest, so a name is
    # marked only when a check a fact-checker must see names it (a misspelling).
    flagged = {f for c in comparison.checks if c.severity in ("high", "medium") for f in c.facts}
    facts_at: dict[tuple[str, int], list[Fact]] = {}
    for fact in comparison.facts:
        if fact.kind != "entity" or fact.id in flagged:
            facts_at.setdefault((fact.article, fact.sentence), []).append(fact)
    rows = []
    for number, trow in enumerate(
        table_rows(comparison.documents, comparison.alignment, comparison.unique), 1
    ):
        texts = {
            doc_id: " ".join(docs[doc_id].sentences[i].text for i in trow.members[doc_id])
            for doc_id in order
            if doc_id in trow.members
        }
        reference = next(iter(texts))
        marks: dict[str, list[tuple[int, int, Mark]]] = {doc_id: [] for doc_id in texts}
        if trow.group is not None:
            for doc_id, text in texts.items():
                if doc_id == reference:
                    continue
                for op in word_diff(texts[reference], text):
                    if op.op in ("replace", "insert") and op.b_end > op.b_start:
                        marks[doc_id].append(
                            (op.b_start, op.b_end, "changed" if op.op == "replace" else "added")
                        )
                    if op.op in ("replace", "delete") and op.a_end > op.a_start:
                        marks[reference].append((op.a_start, op.a_end, "dropped"))
        cells = {
            doc_id: Cell(
                text,
                tuple(_merge(marks[doc_id])),
                trow.members[doc_id],
                all(docs[doc_id].sentences[i].heading for i in trow.members[doc_id]),
                _cell_facts(facts_at, docs[doc_id], trow.members[doc_id]),
            )
            for doc_id, text in texts.items()
        }
        rows.append(Row(number, trow.group, cells))
    return rows


def _cell_facts(
    facts_at: dict[tuple[str, int], list[Fact]], doc: Document, indices: tuple[int, ...]
) -> tuple[tuple[int, int, str], ...]:
    """The row's facts (names only when flagged) as offsets into the cell text."""
    offsets, at = {}, 0
    for i in indices:
        offsets[i] = at - doc.sentences[i].start
        at += len(doc.sentences[i].text) + 1
    spans = [
        (f.start + offsets[i], f.end + offsets[i], f.id)
        for i in indices
        for f in facts_at.get((doc.id, i), ())
    ]
    return tuple(sorted(spans))


def _merge(marks: list[tuple[int, int, Mark]]) -> list[tuple[int, int, Mark]]:
    """Sorted, non-overlapping marks (the reference collects one set per other version)."""
    result: list[tuple[int, int, Mark]] = []
    for start, end, mark in sorted(marks):
        if result and start < result[-1][1]:
            last = result[-1]
            result[-1] = (last[0], max(last[1], end), last[2])
        else:
            result.append((start, end, mark))
    return result


def segments(cell: Cell) -> list[tuple[str, Mark | None, tuple[str, ...]]]:
    """The cell's text cut into pieces, each with its diff mark and the facts it is part of."""
    cuts = {0, len(cell.text)}
    for start, end, _ in cell.marks:
        cuts |= {start, end}
    for start, end, _ in cell.facts:
        cuts |= {max(0, min(start, len(cell.text))), max(0, min(end, len(cell.text)))}
    bounds = sorted(cuts)
    pieces: list[tuple[str, Mark | None, tuple[str, ...]]] = []
    for lo, hi in pairwise(bounds):
        if hi <= lo:
            continue
        mark = next((m for s, e, m in cell.marks if s <= lo and hi <= e), None)
        facts = tuple(f for s, e, f in cell.facts if s <= lo and hi <= e)
        pieces.append((cell.text[lo:hi], mark, facts))
    return pieces
