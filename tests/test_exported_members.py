import newscollate


def test_public_api_is_pinned() -> None:
    """The package root exports exactly these names; a change must be deliberate.
    (Their order is ruff's RUF022 isort-style sort, checked by `make check`.)"""
    assert len(newscollate.__all__) == len(set(newscollate.__all__))
    assert set(newscollate.__all__) == {
        "SCHEMA", "Article", "Check", "Columns", "CompareError", "Comparison", "ConfigError", "Document",
        "Embedder", "Entity", "Fact",
        "Group", "HashingEmbedder", "InputError", "NewscollateError", "PairVerdict", "Problem",
        "Sentence", "SentenceEmbedder", "Settings", "__version__", "compare", "default_embedder",
        "AddSummary", "Store", "StoredArticle", "StoryInfo", "dedup",
        "MAX_STORY_VERSIONS", "StoryLink", "read_bytes", "read_record", "story_versions",
    }  # fmt: skip
    for name in newscollate.__all__:
        assert getattr(newscollate, name) is not None


def test_compare_is_the_function_not_a_module() -> None:
    """``newscollate.compare`` stays callable after every stage module is imported."""
    import newscollate.report
    import newscollate.verdict

    assert callable(newscollate.compare)
