"""What the web app reads of a store: search, one article, a story's links, kept
results, and the read-only mode in which SQLite refuses every write."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import newscollate
from tests.conftest import EXAMPLE


@pytest.fixture(scope="module")
def store_path(
    tmp_path_factory: pytest.TempPathFactory, embedder: newscollate.SentenceEmbedder
) -> Path:
    path = tmp_path_factory.mktemp("reading") / "s.db"
    with newscollate.Store(path, embedder=embedder) as store:
        summary = store.add([EXAMPLE])
    assert summary.added == 5 and not summary.problems
    return path


@pytest.fixture
def store(store_path: Path, embedder: newscollate.SentenceEmbedder) -> newscollate.Store:
    return newscollate.Store(store_path, embedder=embedder)


def _fire_story(store: newscollate.Store) -> int:
    return store.article("cd-20250303-0412").story


def test_words_search_needs_every_word_in_one_article(store: newscollate.Store) -> None:
    """ "grain warehouse" finds the harbour fire, not the timber-yard fire."""
    found = store.stories(words="Grain WAREHOUSE")
    assert [s.id for s in found] == [_fire_story(store)]
    assert store.stories(words="grain sawmill") == []


def test_outlet_and_date_filters(store: newscollate.Store) -> None:
    """The outlet filter is a case-insensitive substring; ``until`` takes its whole day."""
    fire = _fire_story(store)
    assert [s.id for s in store.stories(outlet="coastline")] == [fire]
    assert store.stories(outlet="no such outlet") == []
    assert fire in [s.id for s in store.stories(until="2025-03-03")]
    assert fire not in [s.id for s in store.stories(until="2025-03-02")]
    assert fire not in [s.id for s in store.stories(since="2025-03-04")]


def test_paging_with_limit_and_offset(store: newscollate.Store) -> None:
    everything = [s.id for s in store.stories()]
    assert len(everything) >= 2
    assert [s.id for s in store.stories(limit=1)] == everything[:1]
    assert [s.id for s in store.stories(limit=1, offset=1)] == everything[1:2]


def test_one_story_is_as_listed(store: newscollate.Store) -> None:
    fire = _fire_story(store)
    assert store.story(fire) == next(s for s in store.stories() if s.id == fire)
    with pytest.raises(KeyError):
        store.story(10_000)


def test_one_article_and_an_unknown_id(store: newscollate.Store) -> None:
    stored = store.article("cd-20250303-0412")
    assert stored.article.outlet == "Coastline Daily"
    assert stored.article.text.startswith("About 400 people")
    with pytest.raises(KeyError):
        store.article("nope")


def test_story_links_name_articles_of_the_story(store: newscollate.Store) -> None:
    fire = _fire_story(store)
    members = {a.article.id for a in store.story_articles(fire)}
    links = store.story_links(fire)
    assert links, "the harbour-fire versions are linked"
    assert {link.a for link in links} | {link.b for link in links} <= members
    assert {link.relation for link in links} >= {"near-duplicate"}


def test_results_are_kept_across_reopening(store_path: Path) -> None:
    with newscollate.Store(store_path) as store:
        store.save_result("k1", b"first")
        store.save_result("k1", b"second")  # a key names its content: the first stays
    with newscollate.Store(store_path, read_only=True) as store:
        assert store.load_result("k1") == b"first"
        assert store.load_result("k2") is None


def test_read_only_store_refuses_writes(store_path: Path) -> None:
    with newscollate.Store(store_path, read_only=True) as store:
        assert store.count() == 5
        with pytest.raises(PermissionError):
            store.add([EXAMPLE / "wire.txt"])
        with pytest.raises(PermissionError):
            store.save_result("k", b"x")
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.db.execute("DELETE FROM articles")


def test_read_only_store_must_exist(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no such store"):
        newscollate.Store(tmp_path / "missing.db", read_only=True)
    assert not (tmp_path / "missing.db").exists()
