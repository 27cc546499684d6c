"""End to end on the two real seed articles (read from ../shared/seeds, never copied)."""

from __future__ import annotations

import newscollate


def _find(doc: newscollate.Document, fragment: str) -> int:
    [index] = [s.index for s in doc.sentences if fragment in s.text]
    return index


def _row_of(result: newscollate.Comparison, doc_id: str, index: int) -> newscollate.Group | None:
    return next((g for g in result.alignment if index in g.members.get(doc_id, ())), None)


def test_verdict_is_a_rewrite(seeds: newscollate.Comparison) -> None:
    """Two outlets' versions of one story: a rewrite, not a different story."""
    [pair] = seeds.pairs
    assert pair.relation == "rewrite"
    assert 0.6 < pair.similarity < 0.95
    assert min(pair.coverage.values()) > 0.5


def test_scraper_leftovers_are_removed_and_listed(seeds: newscollate.Comparison) -> None:
    a, b = seeds.documents
    for leftover in ("Post author", "Post comments", "Cover photo"):
        assert leftover not in a.text
        assert any(leftover in line for line in a.boilerplate)
    assert "HTML Image as link" not in b.text and "HTML Image as link" in b.boilerplate


def test_byline_becomes_metadata(seeds: newscollate.Comparison) -> None:
    b = seeds.documents[1]
    assert (b.article.author, b.article.published) == ("Sylvie Claire", "2022-11-20")
    assert b.article.title is not None and b.sentences[0].heading


def test_two_to_one_merge_is_aligned(seeds: newscollate.Comparison) -> None:
    """000 says in two sentences (territory share; front lines) what 001 says in one."""
    a, b = seeds.documents
    first, second = _find(a, "consolidating their power"), _find(a, "front lines from Kharkiv")
    merged = _find(b, "strengthening their grip")
    row = _row_of(seeds, a.id, first)
    assert row is not None
    assert row.members[a.id] == (first, second)
    assert row.members[b.id] == (merged,)


def test_reordered_and_paraphrased_sentences_align(seeds: newscollate.Comparison) -> None:
    a, b = seeds.documents
    for fragment_a, fragment_b in [
        ("additional $38 billion", "additional $38 billion"),
        ("gets a little heated", "hot under the collar"),
        ("I don’t think it’s rushed", "I don't think it's premature"),
    ]:
        row = _row_of(seeds, a.id, _find(a, fragment_a))
        assert row is not None and _find(b, fragment_b) in row.members[b.id]


def test_passages_only_one_version_has_are_unique(seeds: newscollate.Comparison) -> None:
    """000 alone: the CIA director in Ankara, the AEI expert; 001 alone: transatlantic consensus."""
    a, b = seeds.documents
    for fragment in (
        "held talks in Ankara",
        "American Enterprise Institute",
        "Frederick Kagan says",
    ):
        assert _find(a, fragment) in seeds.unique[a.id]
    assert _find(b, "transatlantic consensus") in seeds.unique[b.id]


def test_json_schema_fields(seeds: newscollate.Comparison) -> None:
    data = seeds.to_dict()
    assert data["schema"] == "newscollate/comparison@2"
    assert set(data) == {
        "schema",
        "articles",
        "pairs",
        "alignment",
        "unique",
        "facts",
        "entities",
        "checks",
    }
    article = data["articles"][0]
    assert set(article) == {
        "id",
        "source",
        "title",
        "outlet",
        "published",
        "language",
        "text",
        "boilerplate",
        "sentences",
    }
    for sentence in article["sentences"]:
        assert article["text"][sentence["start"] : sentence["end"]] == sentence["text"]
    assert set(data["pairs"][0]) == {"a", "b", "relation", "similarity", "coverage", "derived_from"}
    assert set(data["alignment"][0]) == {"members", "kind", "score"}
    assert set(data["facts"][0]) == {
        "id",
        "article",
        "sentence",
        "kind",
        "text",
        "start",
        "end",
        "value",
        "unit",
        "qualifier",
        "entity",
        "speaker",
    }
    assert set(data["entities"][0]) == {"id", "name", "kind", "mentions"}
    assert set(data["checks"][0]) == {"kind", "facts", "severity", "summary"}
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for fact in data["facts"]:
        assert texts[fact["article"]][fact["start"] : fact["end"]] == fact["text"]


def test_repeated_compare_reuses_the_model_and_cache(
    seed_paths: list, embedder: newscollate.SentenceEmbedder
) -> None:
    """Programs call compare in loops: the second call embeds nothing new."""
    newscollate.compare(seed_paths, embedder=embedder)
    calls = embedder.model_calls
    again = newscollate.compare(seed_paths)
    assert embedder.model_calls == calls
    assert again.to_dict() == newscollate.compare(seed_paths, embedder=embedder).to_dict()


def test_default_embedder_is_the_one_compare_uses() -> None:
    """Warming up with default_embedder() must not make compare() load a second model."""
    settings = newscollate.Settings()
    assert newscollate.default_embedder() is newscollate.default_embedder(
        settings.model_path, settings.batch_size
    )
