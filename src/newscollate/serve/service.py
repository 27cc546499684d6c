"""The work behind the pages and the API, in plain synchronous functions.

The app runs each of these in a worker thread, so model, spaCy and SQLite work
never blocks the event loop. Everything here goes through the package's public
API (``newscollate`` and the ``newscollate.report`` renderers), as the CLI does.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import threading
import zlib
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import Any

import newscollate
from newscollate import (
    Article,
    CompareError,
    Comparison,
    Embedder,
    Problem,
    Settings,
    Store,
    StoredArticle,
    StoryInfo,
    StoryLink,
)
from newscollate.report import render_html_body, render_json, report_title
from newscollate.serve.fetch import FetchError, fetch


@dataclass(frozen=True, slots=True, kw_only=True)
class ServeConfig:
    """How ``newscollate serve`` runs; the CLI maps its flags onto it.

    Args:
        store: the story store file; created when missing unless ``read_only``.
        read_only: for public deployments: no article is added, nothing is written
            to the store (SQLite opens it read-only); permalinks live in memory.
        allow_fetch: articles may be given by URL, fetched from public addresses only.
        max_request_bytes: the largest request body, counted as it streams in.
        max_articles: the most articles one comparison or one add takes.
        settings: the pipeline's options.
        warm_up: load the model and spaCy when the app starts, not on the first request.
    """

    store: Path
    read_only: bool = False
    allow_fetch: bool = False
    max_request_bytes: int = 10_000_000
    max_articles: int = 20
    settings: Settings = field(default_factory=Settings)
    warm_up: bool = True


class Rejected(Exception):
    """A request that cannot be served as asked: an HTTP status, a message that says
    what came in and what to do, and the inputs that could not be used."""

    def __init__(self, status: int, message: str, problems: Sequence[Problem] = ()) -> None:
        super().__init__(message)
        self.status, self.message, self.problems = status, message, tuple(problems)


@dataclass(frozen=True, slots=True)
class Kept:
    """A comparison as the app keeps it behind its permalink: the JSON the CLI writes
    (``--format json``) and the HTML report's body, both made once."""

    key: str
    title: str
    json: str
    body: str

    def to_bytes(self) -> bytes:
        fields = {"title": self.title, "json": self.json, "body": self.body}
        return zlib.compress(json.dumps(fields, ensure_ascii=False).encode(), 6)

    @classmethod
    def from_bytes(cls, key: str, data: bytes) -> Kept:
        fields = json.loads(zlib.decompress(data))
        return cls(key, fields["title"], fields["json"], fields["body"])


@dataclass(frozen=True, slots=True)
class StoryView:
    info: StoryInfo
    articles: list[StoredArticle]
    links: list[StoryLink]
    collation: Kept | None  # None when the story has one distinct version
    left_out: int


@dataclass(frozen=True, slots=True)
class Added:
    summary: newscollate.AddSummary
    stories: dict[str, int]  # article id -> its story, for every article now stored


def content_key(articles: Sequence[Article], settings: Settings, title: str = "") -> str:
    """The permalink key: a hash of everything the result depends on, so the same
    articles compared twice share one link and one kept result."""
    digest = hashlib.sha256()
    for part in (newscollate.__version__, repr(settings), title):
        digest.update(part.encode() + b"\0")
    for article in articles:
        digest.update(json.dumps(dataclasses.asdict(article), sort_keys=True).encode() + b"\0")
    return digest.hexdigest()[:24]


class StorePool:
    """One ``Store`` per worker thread: a SQLite connection serves only the thread
    that opened it, and WAL lets the threads read while one writes. Writes take
    ``write_lock``: an add checks new articles against everything stored, so two
    adds at once could each miss the other's articles."""

    def __init__(self, config: ServeConfig, embedder: Embedder) -> None:
        self.config, self.embedder = config, embedder
        self.write_lock = threading.Lock()
        self._local = threading.local()

    def get(self) -> Store:
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = self.open()
            self._local.store = store
        return store

    def open(self) -> Store:
        return Store(
            self.config.store,
            settings=self.config.settings,
            embedder=self.embedder,
            read_only=self.config.read_only,
        )


class _Memory:
    """Kept results in memory, least recently used out first (read-only servers)."""

    def __init__(self, capacity: int = 256) -> None:
        self.capacity = capacity
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def load(self, key: str) -> bytes | None:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
            return self._items.get(key)

    def save(self, key: str, data: bytes) -> None:
        with self._lock:
            self._items[key] = data
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)


class Service:
    """What a request asks of newscollate, one method a request."""

    def __init__(self, config: ServeConfig, embedder: Embedder) -> None:
        self.config, self.settings, self.embedder = config, config.settings, embedder
        self.pool = StorePool(config, embedder)
        self._memory = _Memory() if config.read_only else None

    # --- comparing ---------------------------------------------------------------

    def articles(self, records: Sequence[Mapping[str, Any]]) -> list[Article]:
        """Articles from JSON-like records (``text``, ``html`` or, when fetching is on,
        ``url``); ``Rejected`` naming every record that cannot be used."""
        self._check_count(len(records))  # before fetching any of them
        items = []
        for number, record in enumerate(records, 1):
            fields = dict(record)
            if fields.get("url") and not fields.get("text") and not fields.get("html"):
                fields.update(self._fetch(str(fields["url"])))
            items.append(
                newscollate.read_record(fields, self.settings, default_id=f"article-{number}")
            )
        return _usable(items)

    def uploads(self, files: Sequence[tuple[str, bytes]]) -> list[Article]:
        """Articles from uploaded files (name, bytes), read by their names' types."""
        return _usable(
            [
                item
                for name, data in files
                for item in newscollate.read_bytes(data, name, self.settings)
            ]
        )

    def _check_count(self, count: int) -> None:
        if count > self.config.max_articles:
            raise Rejected(
                422, f"{count} articles: this server takes at most {self.config.max_articles}"
            )

    def _fetch(self, url: str) -> dict[str, str]:
        if not self.config.allow_fetch:
            raise Rejected(
                403,
                f"{url}: this server does not fetch URLs; send the article's 'text' or 'html' "
                "(the operator can allow fetching with `newscollate serve --allow-fetch`)",
            )
        try:
            page = fetch(url, max_bytes=self.settings.max_input_bytes)
        except FetchError as exc:
            raise Rejected(403 if exc.refused else 422, str(exc)) from exc
        header = Message()
        header["Content-Type"] = page.content_type
        charset = header.get_param("charset")
        text = page.data.decode(charset if isinstance(charset, str) else "utf-8", "replace")
        kind = "html" if "html" in page.content_type.lower() or not page.content_type else "text"
        return {kind: text, "url": page.url}

    def comparison(self, articles: Sequence[Article]) -> Comparison:
        """``newscollate.compare`` with the server's model; every article must be usable."""
        if len(articles) < 2:
            raise Rejected(422, f"a comparison needs at least 2 articles, got {len(articles)}")
        self._check_count(len(articles))  # uploads of JSONL files can hold many
        try:
            result = newscollate.compare(articles, settings=self.settings, embedder=self.embedder)
        except CompareError as exc:
            message = problems_message(exc.problems) if exc.problems else str(exc)
            raise Rejected(422, message, exc.problems) from exc
        if result.problems:
            raise Rejected(422, problems_message(result.problems), result.problems)
        return result

    def compare_json(self, articles: Sequence[Article]) -> str:
        """The comparison JSON, the same document as ``newscollate compare --format json``."""
        return render_json(self.comparison(articles)) + "\n"

    def compare_kept(self, articles: Sequence[Article], title: str | None = None) -> Kept:
        """The comparison behind a permalink: made once, then read back by its key."""
        key = content_key(articles, self.settings, title or "")
        kept = self.kept(key)
        if kept is not None:
            return kept
        result = self.comparison(articles)
        heading = title or report_title(result)
        kept = Kept(
            key, heading, render_json(result) + "\n", render_html_body(result, title=heading)
        )
        self._keep(kept)
        return kept

    def kept(self, key: str) -> Kept | None:
        data = self._memory.load(key) if self._memory else self.pool.get().load_result(key)
        return None if data is None else Kept.from_bytes(key, data)

    def _keep(self, kept: Kept) -> None:
        if self._memory is not None:
            self._memory.save(kept.key, kept.to_bytes())
            return
        with self.pool.write_lock:
            self.pool.get().save_result(kept.key, kept.to_bytes())

    # --- the store -----------------------------------------------------------------

    def stories(self, **search: Any) -> list[StoryInfo]:
        return self.pool.get().stories(**search)

    def story(self, story_id: int, *, collate: bool = True) -> StoryView:
        store = self.pool.get()
        try:
            info = store.story(story_id)
        except KeyError:
            raise Rejected(404, f"no story {story_id} in this store") from None
        members = store.story_articles(story_id)
        versions, left_out = newscollate.story_versions(members)
        collation = None
        if collate and len(versions) >= 2:
            collation = self.compare_kept(versions, f"Story {story_id}: {info.title or ''}")
        return StoryView(info, members, store.story_links(story_id), collation, left_out)

    def article(self, article_id: str) -> tuple[StoredArticle, list[StoryLink]]:
        store = self.pool.get()
        try:
            stored = store.article(article_id)
        except KeyError:
            raise Rejected(404, f"no article {article_id!r} in this store") from None
        links = [link for link in store.story_links(stored.story) if article_id in (link.a, link.b)]
        return stored, links

    def add(self, articles: Sequence[Article]) -> Added:
        if self.config.read_only:
            raise Rejected(403, "this server is read-only: articles cannot be added")
        with self.pool.write_lock:
            store = self.pool.get()
            summary = store.add(articles)
            stories = {}
            for article in articles:
                # a skipped article is not stored: its problem says why
                with contextlib.suppress(KeyError):
                    if article.id is not None:
                        stories[article.id] = store.article(article.id).story
        return Added(summary, stories)


def _usable(items: Sequence[Article | Problem]) -> list[Article]:
    """The articles, or ``Rejected`` naming every item that could not be used."""
    problems = [item for item in items if isinstance(item, Problem)]
    if problems:
        raise Rejected(422, problems_message(problems), problems)
    return [item for item in items if isinstance(item, Article)]


def problems_message(problems: Sequence[Problem]) -> str:
    listed = "; ".join(str(p) for p in problems[:5])
    more = f"; and {len(problems) - 5} more" if len(problems) > 5 else ""
    return f"{len(problems)} article(s) could not be used: {listed}{more}"
