"""Issue 3's acceptance on the real seed pair: what a fact-checker must see is flagged."""

from __future__ import annotations

import newscollate


def _checks(
    result: newscollate.Comparison, kind: str
) -> list[tuple[newscollate.Check, list[newscollate.Fact]]]:
    facts = {f.id: f for f in result.facts}
    return [(c, [facts[i] for i in c.facts]) for c in result.checks if c.kind == kind]


def _texts(facts: list[newscollate.Fact]) -> set[str]:
    return {f.text for f in facts}


def test_misspelled_place_is_flagged(seeds: newscollate.Comparison) -> None:
    assert any(_texts(fs) == {"Kharkiv", "Kharviv"} for _, fs in _checks(seeds, "spelling"))


def test_hedged_figures_are_flagged(seeds: newscollate.Comparison) -> None:
    hedges = [_texts(fs) for _, fs in _checks(seeds, "hedge")]
    assert {"about 20 percent", "20 percent"} in hedges
    assert {"almost 100,000", "100,000"} in hedges


def test_kirby_quote_wording_is_flagged(seeds: newscollate.Comparison) -> None:
    entities = {e.id: e.name for e in seeds.entities}
    flagged = [
        fs
        for _, fs in _checks(seeds, "quote-wording")
        if all(entities.get(f.speaker or "") == "John Kirby" for f in fs)
    ]
    assert len(flagged) == 1


def test_same_values_agree(seeds: newscollate.Comparison) -> None:
    assert any(_texts(fs) == {"$38 billion"} for _, fs in _checks(seeds, "agree"))
    assert any(
        _texts(fs) == {"twenty million", "20 million"} for _, fs in _checks(seeds, "agree-form")
    )


def test_spelling_variants_are_one_entity(seeds: newscollate.Comparison) -> None:
    facts = {f.id: f for f in seeds.facts}
    forms = {
        e.name: {facts[i].text for ids in e.mentions.values() for i in ids} for e in seeds.entities
    }
    kyiv = next(v for v in forms.values() if "Kyiv" in v)
    assert "Kiev" in kyiv
    zelensky = next(v for v in forms.values() if "Zelenskyi" in v)
    assert {"Volodymyr Zelenskyy", "Volodymyr Zelensky", "Zelensky"} <= zelensky


def test_no_disagreement_is_invented(seeds: newscollate.Comparison) -> None:
    """Precision: the seed pair reports the same figures; nothing is a high-severity conflict."""
    assert [c.summary for c in seeds.checks if c.severity == "high"] == []


def test_boilerplate_produces_no_facts(seeds: newscollate.Comparison) -> None:
    for doc in seeds.documents:
        for fact in (f for f in seeds.facts if f.article == doc.id):
            assert doc.text[fact.start : fact.end] == fact.text
            assert not any(
                fact.text in line
                for line in doc.boilerplate
                if "Photo" in line and fact.kind == "date"
            )


def test_checks_are_ranked(seeds: newscollate.Comparison) -> None:
    order = ["high", "medium", "low", "info"]
    ranks = [order.index(c.severity) for c in seeds.checks]
    assert ranks == sorted(ranks)
