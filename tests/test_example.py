"""The bundled example for `make run`: a wire story, a copy, a rewrite, a trimmed version
and an unrelated story, all written by the project's authors."""

from __future__ import annotations

import newscollate


def _pair(result: newscollate.Comparison, a: str, b: str) -> newscollate.PairVerdict:
    return next(p for p in result.pairs if {p.a, p.b} == {a, b})


def test_every_input_kind_is_read(example: newscollate.Comparison) -> None:
    ids = {d.id for d in example.documents}
    assert {"wire.txt", "copy.html", "trimmed.txt", "unrelated.txt"} <= ids
    assert len(ids) == 5
    copy = example.document("copy.html")
    assert copy.article.outlet and copy.article.published


def test_relations(example: newscollate.Comparison) -> None:
    rewrite_id = next(
        d.id for d in example.documents if d.article.source and "rewrite.jsonl" in d.article.source
    )
    assert _pair(example, "wire.txt", "copy.html").relation == "near-duplicate"
    assert _pair(example, "wire.txt", "trimmed.txt").relation == "near-duplicate"
    assert _pair(example, "wire.txt", rewrite_id).relation == "rewrite"
    for other in ("wire.txt", "copy.html", "trimmed.txt", rewrite_id):
        assert _pair(example, other, "unrelated.txt").relation == "different-story"


def test_trimmed_copy_is_derived_from_the_wire(example: newscollate.Comparison) -> None:
    assert _pair(example, "wire.txt", "trimmed.txt").derived_from == "wire.txt"


def test_rows_span_all_versions(example: newscollate.Comparison) -> None:
    """N-way rows: some row holds the wire, its copy, the rewrite and the trimmed version."""
    assert any(len(g.members) >= 4 for g in example.alignment)
