"""Cross-source checks on vague amounts and ranges, on two short versions the tests write."""

from __future__ import annotations

import newscollate

A = (
    "Gales flattened fences across the valley on Tuesday. "
    "Farmers said dozens of sheep were lost in the storm. "
    "Thousands of homes were left without power overnight. "
    "Between 10 and 12 people were taken to hospital with minor injuries."
)
B = (
    "Gales flattened fences across the valley on Tuesday. "
    "Farmers said hundreds of sheep were lost in the storm. "
    "More than 85,000 homes were left without power overnight. "
    "Between 10 and 15 people were taken to hospital with minor injuries."
)


def test_vague_amounts_and_ranges(embedder: newscollate.SentenceEmbedder) -> None:
    result = newscollate.compare(
        [newscollate.Article(id="a", text=A), newscollate.Article(id="b", text=B)],
        embedder=embedder,
    )
    facts = {f.id: f for f in result.facts}
    by_kind: dict[str, list[set[str]]] = {}
    for check in result.checks:
        by_kind.setdefault(check.kind, []).append({facts[i].text for i in check.facts})
    disagreements = by_kind.get("disagree", [])
    assert {"dozens", "hundreds"} in disagreements
    assert {"Between 10 and 12", "Between 10 and 15"} in disagreements
    # "thousands of homes" is vague, and 85,000 lies inside it: no contradiction
    assert not any("Thousands of" in texts for texts in disagreements)
