"""Stage: store — the embedded story store: SQLite in WAL mode, one transaction per batch.

``Store.add`` streams inputs through ingest in batches; each batch is written in
one transaction with its features (signature band keys, shingles, names, lead
vectors when computed), its verified links and the story of every article, so a
killed process loses at most the batch in flight and the file is never left
half-written (SQLite's WAL guarantees it). Re-adding an article (same id, same
text) is a no-op, so an interrupted ``index add`` is resumed by running it again.

Candidates come from three cheap sources, looked up against everything already
stored: the normalised-text hash (exact copies, in SQL), MinHash band keys of the
whole text and of the lead (near-duplicates and trimmed copies, in memory:
``index.bands``), and names shared within a publication-time window (reports of
one event in other words, in memory: ``index.names``). What a batch needs before any of that
(cleaning, names, shingles, signatures) is prepared one batch ahead in a worker
process (``store.prepare``).
Every candidate pair is verified (see ``verify``) before it becomes a link; a copy
link merges two stories into the one with the smaller number, a report link does
once enough of them join the two (``cluster.StoryJoiner``; those still waiting are
kept in ``bridges``).
"""

from __future__ import annotations

import itertools
import logging
import math
import sqlite3
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newscollate.cluster import (
    LinkRelation,
    StoryJoiner,
    arrival_order,
    copy_originals,
    strength,
)
from newscollate.config import Settings
from newscollate.index.bands import BandIndex
from newscollate.index.candidates import (
    MODEL_DAYS,
    NameCarriers,
    name_cosine,
    name_norm,
    nearest_by_meaning,
    nearest_by_names,
    older_in_window,
    too_common,
)
from newscollate.index.features import (
    LEAD_BAND_OFFSET,
    ArticleFeatures,
    name_weight,
)
from newscollate.index.names import NameIndex
from newscollate.ingest import Raw, in_article_order, read_batches
from newscollate.ingest.clean import Cleaned
from newscollate.models import Article, Problem
from newscollate.represent.embed import Embedder
from newscollate.store.prepare import Prepared, prepared
from newscollate.store.verify import ModelBar, Pair, Verifier

__all__ = [
    "MAX_STORY_VERSIONS", "SCHEMA_VERSION", "AddSummary", "Store", "StoredArticle", "StoryInfo",
    "StoryLink", "dedup", "story_versions",
]  # fmt: skip

log = logging.getLogger(__name__)

SCHEMA_VERSION = 4  # 2: names carry their rarity weight; 3: band keys as blobs; 4: names too
ADD_CACHE_KIB = 256 * 1024  # SQLite page cache while adding: readers keep the default
ADD_WAL_PAGES = 65536  # the WAL may grow to 256 MiB between checkpoints while adding

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    text_hash TEXT NOT NULL,
    title TEXT, outlet TEXT, published TEXT, day INTEGER, author TEXT, language TEXT,
    url TEXT, source TEXT,
    text TEXT NOT NULL,
    word_count INTEGER NOT NULL,
    lead TEXT NOT NULL,
    shingles BLOB NOT NULL,
    lead_shingles BLOB NOT NULL,
    vector BLOB,
    story INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(text_hash);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story);
-- each article's MinHash band keys, whole text and lead, as little-endian int64 blobs
-- in row order: the store searches the buckets in memory (index.bands.BandIndex)
-- and builds that from these (stores before version 3 kept them as indexed rows)
CREATE TABLE IF NOT EXISTS band_keys (article INTEGER PRIMARY KEY, text BLOB NOT NULL, lead BLOB NOT NULL);
-- every name stored, numbered from 1 in the order first stored, with its rarity
-- weight (index.features.name_weight)
CREATE TABLE IF NOT EXISTS name_ids (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, weight INTEGER NOT NULL
);
-- each article's names as little-endian int64 numbers of name_ids, in name order,
-- with its publication day, appended in row order: the store searches a name's
-- carriers in memory (index.names.NameIndex) and builds that from these (stores
-- before version 4 kept a row per name under an index on name and day)
CREATE TABLE IF NOT EXISTS article_names (article INTEGER PRIMARY KEY, day INTEGER, ids BLOB NOT NULL);
-- each article's sum of squared name weights (its name vector's squared length),
-- appended in row order: a name search ranks hundreds of carriers a batch by it, and
-- summing their rows of names meant a random read per carrier in a big store
CREATE TABLE IF NOT EXISTS name_squares (article INTEGER PRIMARY KEY, squares INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS links (
    a INTEGER NOT NULL, b INTEGER NOT NULL, relation TEXT NOT NULL, score REAL NOT NULL,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
-- report links waiting between two stories (cluster.StoryJoiner), by story number
CREATE TABLE IF NOT EXISTS bridges (
    lo INTEGER NOT NULL, hi INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (lo, hi)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS bridges_hi ON bridges(hi);
CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, created TEXT NOT NULL, data BLOB NOT NULL);
PRAGMA user_version = {SCHEMA_VERSION};
"""


@dataclass
class AddSummary:
    """What one ``add`` did: counts, and every skipped input with its reason."""

    read: int = 0
    added: int = 0
    already_stored: int = 0
    links: int = 0
    problems: list[Problem] = field(default_factory=list)
    # seconds per stage (ingest, write, bands, candidates, name candidates, verify,
    # embed, link, commit), for benchmarks; embed is the model's share of verify.
    # They add up to the whole time; ingest is reading and waiting for the next
    # prepared batch.
    timings: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    # seconds per stage of preparing batches (clean, names, features, signatures),
    # in a worker process from the second batch on: they overlap the stages above
    prepare_timings: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    @property
    def skipped(self) -> int:
        return len(self.problems)


@dataclass(frozen=True, slots=True)
class StoryInfo:
    id: int
    size: int
    outlets: tuple[str, ...]
    first_seen: str | None
    title: str | None
    relations: dict[str, int]


@dataclass(frozen=True, slots=True)
class StoryLink:
    """A verified link between two articles of a story, by article id; ``a`` was
    stored first."""

    a: str
    b: str
    relation: LinkRelation
    score: float


@dataclass(frozen=True, slots=True)
class StoredArticle:
    article: Article
    story: int
    duplicate_of: str | None
    relation: LinkRelation | None  # the strongest link this article has
    score: float | None
    record: Mapping[str, Any] | None = None  # the input record (``dedup``), if any


class Store:
    """The story store. ``Store(":memory:")`` is the one-shot store ``dedup`` uses.

    One ``Store`` holds one SQLite connection, usable only from the thread that
    opened it: a threaded server opens one per thread (WAL lets them read while
    one writes). ``read_only`` opens the file so that SQLite itself refuses every
    write: for public deployments, where nothing a visitor does may change it.
    """

    def __init__(
        self,
        path: str | Path = "newscollate.db",
        *,
        settings: Settings | None = None,
        embedder: Embedder | None = None,
        read_only: bool = False,
    ) -> None:
        self.path = str(path)
        self.settings = settings or Settings()
        self.read_only = read_only
        self._embedder = embedder
        self._timings: dict[str, float] = defaultdict(float)
        self._bands: BandIndex | None = None  # built at the first batch added
        self._names: NameIndex | None = None  # likewise
        if read_only:
            self.db = self._open_read_only()
            return
        self.db = sqlite3.connect(self.path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA temp_store=MEMORY")
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version not in (0, 1, 2, 3, SCHEMA_VERSION):
            raise ValueError(
                f"{self.path}: store schema version {version}, this newscollate reads {SCHEMA_VERSION}"
            )
        self.db.execute("BEGIN IMMEDIATE")
        tables = {
            name
            for (name,) in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                self.db.execute(statement)
        if version in (1, 2):
            _band_rows_to_blobs(self.db)
        if "names" in tables:  # versions 1 to 3
            _name_rows_to_blobs(self.db)
        self.embed_all = self._mode()
        self.db.execute("COMMIT")
        self.verifier = Verifier(model_for_all=self.embed_all, bar=ModelBar.of(self.settings))

    def _mode(self) -> bool:
        """Whether the store embeds every article (``Settings.embed_all``). The mode
        decides which pairs are candidates, so a store keeps the one it was built in:
        opened with the default, a store built with ``embed_all`` goes on in it; a
        store that already holds articles added without it refuses to switch, since
        its earlier articles were never paired by meaning."""
        stored = self.db.execute("SELECT value FROM meta WHERE key = 'embed_all'").fetchone()
        if stored is None:
            if (
                self.db.execute("SELECT 1 FROM articles LIMIT 1").fetchone()
                and self.settings.embed_all
            ):
                self.db.execute("ROLLBACK")
                self.db.close()
                raise ValueError(
                    f"{self.path}: the store holds articles added without --embed-all; "
                    "it cannot switch (start a new store)"
                )
            if self.settings.embed_all:
                self.db.execute("INSERT INTO meta (key, value) VALUES ('embed_all', '1')")
                # the meaning search reads the stored vectors of a few days
                self.db.execute("CREATE INDEX IF NOT EXISTS articles_day ON articles(day)")
            return self.settings.embed_all
        if stored[0] == "1" and not self.settings.embed_all:
            log.info("%s: built with --embed-all; adding in that mode", self.path)
        return bool(stored[0] == "1")

    def _open_read_only(self) -> sqlite3.Connection:
        if not Path(self.path).is_file():
            raise ValueError(f"{self.path}: no such store (a read-only store must exist)")
        db = sqlite3.connect(f"{Path(self.path).resolve().as_uri()}?mode=ro", uri=True)
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version not in (2, 3, SCHEMA_VERSION):  # 3 and 4 changed only what adding reads
            db.close()
            raise ValueError(
                f"{self.path}: store schema version {version}; open it writable once to "
                f"upgrade it to {SCHEMA_VERSION}"
            )
        return db

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- adding -----------------------------------------------------------------

    def add(
        self,
        inputs: Sequence[str | Path | Article],
        *,
        batch_size: int = 1000,
        progress: Callable[[int], None] | None = None,
        on_record: Callable[[str, Mapping[str, Any]], object] | None = None,
        article_order: bool = False,
    ) -> AddSummary:
        """Add ``inputs``, in the order read, or with ``article_order`` in
        ``ingest.article_order`` (publication date, then id), as ``dedup`` and the
        Spark engine take them, reading every input first. ``on_record`` is given the
        id and the input record of each article read from a JSONL, CSV or Parquet
        record (the store keeps articles, not records)."""
        read = read_batches(inputs, self.settings, batch_size, on_record)
        return self._add_read(
            in_article_order(read, batch_size) if article_order else read, progress
        )

    def _add_read(
        self, read: Iterator[Raw], progress: Callable[[int], None] | None = None
    ) -> AddSummary:
        if self.read_only:
            raise PermissionError(f"{self.path}: the store is open read-only")
        summary = AddSummary()
        self._timings = summary.timings
        batches = prepared(read, self.settings)
        # SQLite's default page cache is 2 MB; the band and name indexes a batch
        # searches outgrow that at once (a quarter less time in them at 30k articles)
        (cache,) = self.db.execute("PRAGMA cache_size").fetchone()
        self.db.execute(f"PRAGMA cache_size = -{ADD_CACHE_KIB}")
        # each batch rewrites the same hot index pages; checkpointed after every
        # commit (SQLite's 1,000 pages) they were copied to the file each time: the
        # commit took 22 s of 142 at 30k articles, 6 s with this (same links)
        (checkpoint,) = self.db.execute("PRAGMA wal_autocheckpoint").fetchone()
        self.db.execute(f"PRAGMA wal_autocheckpoint = {ADD_WAL_PAGES}")
        try:
            while True:
                with self._stage("ingest"):  # reading, and waiting for the worker
                    batch = next(batches, None)
                if batch is None:
                    break
                for stage, seconds in batch.timings.items():
                    summary.prepare_timings[stage] += seconds
                summary.problems += batch.problems
                summary.read += batch.read
                self._add_batch(batch, summary)
                if progress:
                    progress(batch.read)
        finally:
            batches.close()  # ends the worker process, when the loop ended early
            self.db.execute(f"PRAGMA cache_size = {int(cache)}")
            self.db.execute(f"PRAGMA wal_autocheckpoint = {int(checkpoint)}")
        return summary

    @contextmanager
    def _stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self._timings[name] += time.perf_counter() - started

    def _add_batch(self, batch: Prepared, summary: AddSummary) -> None:
        stored = dict(
            _select_in(
                self.db,
                "SELECT id, text_hash FROM articles WHERE id IN ({})",
                [c.article.id for c in batch.articles],
            )
        )
        features: list[ArticleFeatures] = []
        kept: list[Cleaned] = []
        at: list[int] = []
        for i, (cleaned, feats) in enumerate(zip(batch.articles, batch.features, strict=True)):
            if cleaned.article.id in stored:
                if stored[cleaned.article.id] == feats.text_hash:
                    summary.already_stored += 1
                else:
                    summary.problems.append(
                        Problem(
                            cleaned.article.id or "article",
                            "id already stored with different text; skipped",
                        )
                    )
                continue
            kept.append(cleaned)
            features.append(feats)
            at.append(i)
        if not kept:
            return
        keys, lead_keys = batch.keys[at], batch.lead_keys[at]
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            with self._stage("write"):
                names = self._name_index()
                first_row, keyed = self._write(kept, features, names)
            with self._stage("bands"):
                bands = self._band_index()
                keyed_keys = self._write_bands(bands, first_row, keyed, keys, lead_keys)
            with self._stage("candidates"):
                found = self._copy_candidates(bands, first_row, *keyed_keys)
            with self._stage("name candidates"):
                lookup = _Lookup(self, names)
                found.update(self._name_candidates(first_row, keyed, features, names, lookup))
            if self.embed_all:
                found.update(self._meaning_candidates(first_row, keyed, features))
            pairs = [Pair(a, b) for a, b in sorted(found)]
            with self._stage("verify"):
                links = self.verifier.verify(pairs, lookup)
            with self._stage("link"):
                self._link(links)
            summary.added += len(kept)
            summary.links += len(links)
            with self._stage("commit"):  # WAL checkpoints run here, when they run
                db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            self._bands = self._names = None  # they may hold the batch's: built again
            raise

    def _write(
        self,
        kept: Sequence[Cleaned],
        features: Sequence[ArticleFeatures],
        names: NameIndex,
    ) -> tuple[int, list[int]]:
        """Insert a batch's articles and names (numbering new names in ``names``);
        the batch's first article row and the rows that get band keys and names."""
        db = self.db
        first_row = (
            int(db.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0]) + 1
        )
        rows = list(range(first_row, first_row + len(kept)))
        # An exact copy of a stored text, or of one earlier in the batch, gets no band
        # keys or names: its hash links it to the first copy, and everything else that
        # text is related to links to the first copy already. A wire story reprinted a
        # thousand times then costs a thousand hash lookups, not a million pairs.
        seen = {
            h
            for (h,) in _select_in(
                db,
                "SELECT DISTINCT text_hash FROM articles WHERE text_hash IN ({})",
                {f.text_hash for f in features},
            )
        }
        keyed: set[int] = set()
        for row, f in zip(rows, features, strict=True):
            if f.text_hash not in seen:
                keyed.add(row)
                seen.add(f.text_hash)
        db.executemany(
            "INSERT INTO articles (rowid, id, text_hash, title, outlet, published, day, author,"
            " language, url, source, text, word_count, lead, shingles, lead_shingles, story)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    row,
                    c.article.id,
                    f.text_hash,
                    c.article.title,
                    c.article.outlet,
                    c.article.published,
                    f.day,
                    c.article.author,
                    c.article.language,
                    c.article.url,
                    c.article.source,
                    c.text,
                    f.word_count,
                    f.lead,
                    f.shingles.tobytes(),
                    f.lead_shingles.tobytes(),
                    row,
                )
                for row, c, f in zip(rows, kept, features, strict=True)
            ],
        )
        named = [
            (row, f.day, sorted(f.names))
            for row, f in zip(rows, features, strict=True)
            if row in keyed
        ]
        new = sorted({n for _, _, ns in named for n in ns} - names.ids.keys())
        numbered = [(len(names.weights) + i, n, name_weight(n)) for i, n in enumerate(new)]
        db.executemany("INSERT INTO name_ids (id, name, weight) VALUES (?,?,?)", numbered)
        names.learn(numbered)
        _insert_names(
            db, [(row, day, [names.ids[n] for n in ns]) for row, day, ns in named], names.weights
        )
        return first_row, sorted(keyed)

    def _write_bands(
        self,
        bands: BandIndex,
        first_row: int,
        keyed: Sequence[int],
        keys: npt.NDArray[np.int64],
        lead_keys: npt.NDArray[np.int64],
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """Store the band keys of the articles at rows ``keyed`` and add them to
        ``bands``; ``keys`` and ``lead_keys`` have one row per article of the batch,
        the first at ``first_row``. The keyed articles' keys come back."""
        at = [row - first_row for row in keyed]
        keys, lead_keys = keys[at].astype("<i8"), lead_keys[at].astype("<i8")
        self.db.executemany(
            "INSERT INTO band_keys (article, text, lead) VALUES (?,?,?)",
            [
                (row, text.tobytes(), lead.tobytes())
                for row, text, lead in zip(keyed, keys, lead_keys, strict=True)
            ],
        )
        bands.add(keyed, keys, lead_keys)
        return keys, lead_keys

    def _band_index(self) -> BandIndex:
        """The band index, brought up to date with the stored keys: built whole at the
        first batch, then extended by what other connections have added since (the
        batch's write transaction holds off any more)."""
        index = BandIndex() if self._bands is None else self._bands
        self._bands = None  # until it is whole again
        rows = self.db.execute(
            "SELECT article, text, lead FROM band_keys WHERE article > ? ORDER BY article",
            (index.last_row,),
        )
        while chunk := rows.fetchmany(1 << 16):
            articles, texts, leads = zip(*chunk, strict=True)
            index.add(
                articles,
                np.frombuffer(b"".join(texts), "<i8").reshape(len(chunk), -1),
                np.frombuffer(b"".join(leads), "<i8").reshape(len(chunk), -1),
            )
        self._bands = index
        return index

    def _copy_candidates(
        self,
        bands: BandIndex,
        first_row: int,
        keys: npt.NDArray[np.int64],
        lead_keys: npt.NDArray[np.int64],
    ) -> set[tuple[int, int]]:
        """Pairs (old or new, new) that share a text hash or a band bucket, by the rules
        of ``index.candidates``; ``_name_candidates`` adds those that share names.
        ``keys`` and ``lead_keys`` are the batch's, in ``bands`` already."""
        db = self.db
        found: set[tuple[int, int]] = set()
        for a, b in db.execute(  # an exact copy is linked to the first article of its text
            "SELECT min(o.rowid), n.rowid FROM articles n JOIN articles o"
            " ON o.text_hash = n.text_hash AND o.rowid < n.rowid"
            " WHERE n.rowid >= ? GROUP BY n.rowid",
            (first_row,),
        ):
            found.add((a, b))
        pairs = bands.pairs(keys, lead_keys, first_row)
        found.update(zip(pairs[:, 0].tolist(), pairs[:, 1].tolist(), strict=True))
        return found

    def _meaning_candidates(
        self, first_row: int, keyed: Sequence[int], features: Sequence[ArticleFeatures]
    ) -> list[tuple[int, int]]:
        """Each new article's nearest earlier articles in meaning within the model's
        time window (``nearest_by_meaning``): the batch's articles are embedded (the
        ``embed`` stage), then searched against the stored vectors of the days around
        theirs (every stored vector when one of them has no date)."""
        db = self.db
        new = [(row, features[row - first_row]) for row in keyed]
        if not new:
            return []
        vectors = self.vectors([r for r, _ in new], [f.lead for _, f in new])
        with self._stage("meaning candidates"):
            days = [f.day for _, f in new]
            query = "SELECT rowid, day, vector FROM articles WHERE rowid < ? AND vector IS NOT NULL"
            window: tuple[int, ...] = (first_row,)
            if None not in days:
                dated = [d for d in days if d is not None]
                query += " AND (day IS NULL OR day BETWEEN ? AND ?)"
                window += (min(dated) - MODEL_DAYS, max(dated) + MODEL_DAYS)
            old = db.execute(query + " ORDER BY rowid", window).fetchall()
            stacked = np.vstack([np.frombuffer(v, np.float32) for _, _, v in old] + [vectors])
            return nearest_by_meaning(
                [r for r, _, _ in old] + [r for r, _ in new],
                [d for _, d, _ in old] + days,
                stacked,
                len(old),
            )

    def _name_index(self) -> NameIndex:
        """The name index, brought up to date with the stored names, as
        ``_band_index`` is with the band keys."""
        index = NameIndex() if self._names is None else self._names
        self._names = None  # until it is whole again
        index.learn(
            self.db.execute(
                "SELECT id, name, weight FROM name_ids WHERE id >= ? ORDER BY id",
                (len(index.weights),),
            )
        )
        rows = self.db.execute(
            "SELECT article, day, ids FROM article_names WHERE article > ? ORDER BY article",
            (index.last_row,),
        )
        while chunk := rows.fetchmany(1 << 16):
            articles, days, blobs = zip(*chunk, strict=True)
            index.add(articles, days, [np.frombuffer(b, "<i8") for b in blobs])
        self._names = index
        return index

    def _name_candidates(
        self,
        first_row: int,
        keyed: Sequence[int],
        features: Sequence[ArticleFeatures],
        index: NameIndex,
        lookup: _Lookup,
    ) -> list[tuple[int, int]]:
        """Each new article's nearest earlier articles by weighted names within the
        time window (``nearest_by_names``), each name's carriers judged as
        ``older_in_window`` judges them for Spark: the earlier carriers come from
        ``index`` (a name's count, and per day the batch's carriers were published,
        those in that day's window unless more than ``NAME_BUCKET``), then the
        batch's names join it."""
        ids = {
            row: np.array(sorted(index.ids[n] for n in features[row - first_row].names), np.int64)
            for row in keyed
        }
        days = {row: features[row - first_row].day for row in keyed}
        batch: dict[int, list[tuple[int, int | None]]] = defaultdict(list)
        for row in keyed:  # in row order
            for name in ids[row].tolist():
                batch[name].append((row, days[row]))
        counts = {name: index.count(name) for name in batch}
        live = sorted(
            name for name, ours in batch.items() if not too_common(counts[name], ours[-1][0])
        )
        queries = [
            (name, day)
            for name in live
            for day in sorted({d for _, d in batch[name]}, key=_day_order)
        ]
        windows = dict(zip(queries, index.windows(queries), strict=True))
        found: dict[int, list[tuple[int, list[int]]]] = {row: [] for row in keyed if len(ids[row])}
        for name in live:
            ours = batch[name]
            carriers = NameCarriers()
            crowded: set[int | None] = set()
            seen: set[int] = set()
            for day in {d for _, d in ours}:
                window = windows[name, day]
                if window is None:
                    crowded.add(day)
                    continue
                for row, d in window:
                    if row not in seen:
                        seen.add(row)
                        carriers.add(row, d)
            for article, rows in older_in_window(ours, carriers, counts[name]):
                if rows and days[article] not in crowded:  # crowded: not all fetched
                    found[article].append((name, rows))
        index.add(keyed, [days[r] for r in keyed], [ids[r] for r in keyed])
        lookup.load(found)  # the new articles whole; of their carriers only the name norms
        lookup.load_norms({r for lists in found.values() for _, rows in lists for r in rows})
        pairs = []
        for article, lists in found.items():
            for other in nearest_by_names(article, lists, lookup.weights(article), lookup.norms):
                pairs.append((other, article))
        return pairs

    def _link(self, links: Sequence[tuple[int, int, LinkRelation, float]]) -> None:
        """Store the links and merge the stories they join (``cluster.StoryJoiner``):
        links in row order of their later article, copies first; then one UPDATE per
        story that disappears into another, and the report links still waiting
        between stories written back to ``bridges``."""
        db = self.db
        db.executemany(
            "INSERT OR REPLACE INTO links (a, b, relation, score) VALUES (?,?,?,?)", links
        )
        rows = {r for a, b, _, _ in links for r in (a, b)}
        story_of = dict(
            _select_in(db, "SELECT rowid, story FROM articles WHERE rowid IN ({})", rows)
        )
        involved = set(story_of.values())
        sizes = dict(
            _select_in(
                db,
                "SELECT story, count(*) FROM articles WHERE story IN ({}) GROUP BY story",
                involved,
            )
        )
        waiting = {
            (lo, hi): n
            for query in ("lo IN ({})", "hi IN ({})")
            for lo, hi, n in _select_in(
                db, f"SELECT lo, hi, n FROM bridges WHERE {query}", involved
            )
        }
        joiner = StoryJoiner(sizes, waiting)
        for a, b, relation, _ in sorted(links, key=arrival_order):
            joiner.link(story_of[a], story_of[b], relation)
        db.executemany(
            "UPDATE articles SET story = ? WHERE story = ?",
            [(root, story) for story, root in sorted(joiner.merged().items())],
        )
        db.executemany("DELETE FROM bridges WHERE lo = ? AND hi = ?", waiting)
        db.executemany(
            "INSERT INTO bridges (lo, hi, n) VALUES (?,?,?)",
            [(lo, hi, n) for (lo, hi), n in joiner.bridges.items()],
        )

    # --- reading -----------------------------------------------------------------

    def vectors(self, rows: Sequence[int], leads: Sequence[str]) -> npt.NDArray[np.float32]:
        """Title-and-lead vectors, computed on first need and stored with the article."""
        stored = dict(
            _select_in(
                self.db,
                "SELECT rowid, vector FROM articles WHERE rowid IN ({}) AND vector IS NOT NULL",
                rows,
            )
        )
        missing = [i for i, row in enumerate(rows) if row not in stored]
        if missing:
            with self._stage("embed"):
                encoded = self.embedder.encode([leads[i] for i in missing])
            fresh = {
                rows[i]: np.asarray(v, np.float32).tobytes()
                for i, v in zip(missing, encoded, strict=True)
            }
            self.db.executemany(
                "UPDATE articles SET vector = ? WHERE rowid = ?",
                [(blob, row) for row, blob in fresh.items()],
            )
            stored.update(fresh)
        return np.vstack([np.frombuffer(stored[row], np.float32) for row in rows])

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            from newscollate.represent import default_embedder

            self._embedder = default_embedder(self.settings.model_path, self.settings.batch_size)
        return self._embedder

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def stories(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        min_size: int = 1,
        words: str | None = None,
        outlet: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[StoryInfo]:
        """Stories, newest first (by their first article's date). ``since`` and
        ``until`` keep stories with an article published in that range (ISO dates,
        ``until`` inclusive); ``words`` keeps stories with an article whose title or
        text holds every word, ``outlet`` those with an article from an outlet whose
        name contains it, both ignoring case. Every condition must hold for one and the
        same article of the story."""
        where, args = [], []
        for word in (words or "").split():
            where.append("instr(lower(coalesce(title, '') || ' ' || text), ?) > 0")
            args.append(word.lower())
        if outlet:
            where.append("instr(lower(coalesce(outlet, '')), ?) > 0")
            args.append(outlet.lower())
        if until:  # a date "until" takes that whole day: compare the first 10 characters
            where.append("published IS NOT NULL AND substr(published, 1, 10) <= ?")
            args.append(until[:10])
        if since:
            where.append("published IS NOT NULL AND published >= ?")
            args.append(since)
        matching = (
            f" WHERE story IN (SELECT story FROM articles WHERE {' AND '.join(where)})"
            if where
            else ""
        )
        query = (
            f"SELECT story, count(*), min(published) FROM articles{matching} GROUP BY story"
            " HAVING count(*) >= ? ORDER BY min(published) DESC, story LIMIT ? OFFSET ?"
        )
        rows = self.db.execute(query, (*args, min_size, -1 if limit is None else limit, offset))
        return [self._story_info(story, size, first) for story, size, first in rows.fetchall()]

    def story(self, story: int) -> StoryInfo:
        """One story's summary, as ``stories`` lists it; ``KeyError`` for no such story."""
        size, first_seen = self.db.execute(
            "SELECT count(*), min(published) FROM articles WHERE story = ?", (story,)
        ).fetchone()
        if not size:
            raise KeyError(story)
        return self._story_info(story, size, first_seen)

    def _story_info(self, story: int, size: int, first_seen: str | None) -> StoryInfo:
        outlets = tuple(
            o for (o,) in self.db.execute(
                "SELECT DISTINCT outlet FROM articles WHERE story = ? AND outlet IS NOT NULL ORDER BY outlet",
                (story,),
            )
        )  # fmt: skip
        title = self.db.execute(
            "SELECT coalesce(title, substr(text, 1, 80)) FROM articles WHERE story = ?"
            " ORDER BY coalesce(published, '9999'), id LIMIT 1",
            (story,),
        ).fetchone()[0]
        relations: dict[str, int] = defaultdict(int)
        for _, _, relation, _ in self._links_of(story):
            relations[relation] += 1
        return StoryInfo(story, size, outlets, first_seen, title, dict(relations))

    def story_articles(self, story: int) -> list[StoredArticle]:
        annotated = {a.article.id: a for a in self.annotated(story=story)}
        if not annotated:
            raise KeyError(story)
        return list(annotated.values())

    def article(self, article_id: str) -> StoredArticle:
        """One stored article with its story, original and strongest link; ``KeyError``
        when no article has that id."""
        row = self.db.execute("SELECT story FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise KeyError(article_id)
        return next(a for a in self.annotated(story=row[0]) if a.article.id == article_id)

    def story_links(self, story: int) -> list[StoryLink]:
        """The verified links inside one story, by article id, strongest first."""
        ids = dict(self.db.execute("SELECT rowid, id FROM articles WHERE story = ?", (story,)))
        links = [
            StoryLink(ids[a], ids[b], relation, score)
            for a, b, relation, score in self._links_of(story)
        ]
        return sorted(links, key=lambda link: (strength(link.relation, link.score), link.a))

    # --- kept results --------------------------------------------------------------

    def save_result(self, key: str, data: bytes) -> None:
        """Keep ``data`` under ``key`` (the web app's permalinks to comparisons);
        a key already kept keeps its first data: keys name their content."""
        if self.read_only:
            raise PermissionError(f"{self.path}: the store is open read-only")
        self.db.execute(
            "INSERT OR IGNORE INTO results (key, created, data) VALUES (?, datetime('now'), ?)",
            (key, data),
        )

    def load_result(self, key: str) -> bytes | None:
        """What ``save_result`` kept under ``key``, or None."""
        try:
            row = self.db.execute("SELECT data FROM results WHERE key = ?", (key,)).fetchone()
        except sqlite3.OperationalError:  # a read-only store made before results were kept
            return None
        return None if row is None else bytes(row[0])

    def annotated(
        self, *, story: int | None = None, as_added: bool = False
    ) -> Iterator[StoredArticle]:
        """Every article (or one story's) with its story, original and strongest link,
        by story and date, or ``as_added`` (``dedup`` gives records back in the order
        they came)."""
        where, args = ("WHERE story = ?", (story,)) if story is not None else ("", ())
        order = "rowid" if as_added else "story, coalesce(published, '9999'), id"
        rows = self.db.execute(
            "SELECT rowid, id, title, outlet, published, author, language, url, source, text, story"
            f" FROM articles {where} ORDER BY {order}",
            args,
        ).fetchall()
        links = list(self._links_of(story))
        best: dict[int, tuple[LinkRelation, float]] = {}
        for a, b, relation, score in links:
            for x in (a, b):
                if x not in best or strength(relation, score) < strength(*best[x]):
                    best[x] = (relation, score)
        dated = {r[0]: (r[4] or "9999", r[1]) for r in rows}
        original = copy_originals(((a, b, relation) for a, b, relation, _ in links), dated)
        id_of = {r[0]: r[1] for r in rows}
        for row in rows:
            rowid = row[0]
            relation_score = best.get(rowid)
            origin = original.get(rowid)
            yield StoredArticle(
                Article(
                    text=row[9],
                    id=row[1],
                    title=row[2],
                    outlet=row[3],
                    published=row[4],
                    author=row[5],
                    language=row[6],
                    url=row[7],
                    source=row[8],
                ),
                row[10],
                id_of[origin] if origin is not None and origin != rowid else None,
                relation_score[0] if relation_score else None,
                relation_score[1] if relation_score else None,
            )

    def _links_of(self, story: int | None) -> Iterable[tuple[int, int, LinkRelation, float]]:
        """Links inside one story (both ends share it), or inside any story: a report
        link still waiting between two stories (``bridges``) belongs to neither."""
        ends = (
            "SELECT l.a, l.b, l.relation, l.score FROM links l JOIN articles a ON a.rowid = l.a"
            " JOIN articles b ON b.rowid = l.b WHERE a.story = b.story"
        )
        if story is None:
            return self.db.execute(ends)
        return self.db.execute(f"{ends} AND a.story = ?", (story,))


class _Lookup:
    """What the verifier reads of stored articles, loaded in bulk for one batch:
    shingles, leads, names (by number, ``NameIndex``) with their weights, and
    vectors."""

    def __init__(self, store: Store, names: NameIndex) -> None:
        self.db, self.store, self._weights = store.db, store, names.weights
        self._names: dict[int, dict[int, float]] = {}
        self._stories: dict[int, int] = {}
        self._norms: dict[int, float] = {}
        self._cache: dict[
            int, tuple[str, npt.NDArray[np.uint64], npt.NDArray[np.uint64], str, int | None]
        ] = {}

    def load(self, rows: Iterable[int]) -> None:
        """Read the features and weighted names of many articles in a few queries."""
        missing = sorted({r for r in rows if r not in self._cache})
        if not missing:
            return
        for row, text_hash, shingles, lead_shingles, lead, day, story in _select_in(
            self.db,
            "SELECT rowid, text_hash, shingles, lead_shingles, lead, day, story FROM articles"
            " WHERE rowid IN ({})",
            missing,
        ):
            self._stories[row] = story
            self._cache[row] = (
                text_hash,
                np.frombuffer(shingles, np.uint64),
                np.frombuffer(lead_shingles, np.uint64),
                lead,
                day,
            )
        names = dict(
            _select_in(
                self.db, "SELECT article, ids FROM article_names WHERE article IN ({})", missing
            )
        )
        for row in missing:
            ids = np.frombuffer(names.get(row, b""), "<i8").tolist()
            weighted = {i: float(self._weights[i]) for i in ids}
            self._names[row] = weighted
            self._norms[row] = name_norm(weighted)

    def get(
        self, row: int
    ) -> tuple[str, npt.NDArray[np.uint64], npt.NDArray[np.uint64], str, int | None]:
        if row not in self._cache:
            self.load([row])
        return self._cache[row]

    def load_norms(self, rows: Iterable[int]) -> None:
        """The weighted name norms of many articles, from ``name_squares``: a name
        search finds hundreds of carriers a batch, and ranking them needs nothing
        else of them."""
        missing = sorted({r for r in rows if r not in self._norms})
        for row, squares in _select_in(
            self.db, "SELECT article, squares FROM name_squares WHERE article IN ({})", missing
        ):
            self._norms[row] = math.sqrt(squares)

    @property
    def norms(self) -> Mapping[int, float]:
        """Each loaded article's weighted name norm."""
        return self._norms

    def weights(self, row: int) -> Mapping[int, float]:
        """The article's names with their rarity weights."""
        self.load((row,))
        return self._names[row]

    def name_cosine(self, a: int, b: int) -> float:
        self.load((a, b))
        return name_cosine(self._names[a], self._names[b], self._norms[a], self._norms[b])

    def name_count(self, row: int) -> int:
        self.load((row,))
        return len(self._names[row])

    def story(self, row: int) -> int:
        """The story the article was in when the batch began."""
        self.load((row,))
        return self._stories[row]

    def vectors(self, rows: Sequence[int]) -> npt.NDArray[np.float32]:
        return self.store.vectors(rows, [self.get(r)[3] for r in rows])


def _select_in(db: sqlite3.Connection, query: str, values: Iterable[object]) -> list[Any]:
    """Rows of ``query`` whose ``IN ({})`` takes every value, in chunks below SQLite's
    limit on bound parameters."""
    values = list(values)
    out: list[Any] = []
    for start in range(0, len(values), 900):
        chunk = values[start : start + 900]
        out += db.execute(query.format(",".join("?" * len(chunk))), chunk).fetchall()
    return out


def _band_rows_to_blobs(db: sqlite3.Connection) -> None:
    """Stores before version 3 kept each band key as a row of ``bands``, under an
    index on the key; their keys move into ``band_keys`` (they were written in
    article order, and within an article by band) and the table goes."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'bands'").fetchone():
        return
    log.info("moving the band keys to their version 3 table (once per store)")
    rows = db.execute("SELECT article, band, key FROM bands ORDER BY rowid")
    blobs = (
        (
            article,
            np.array([k for b, k in keys if b < LEAD_BAND_OFFSET], "<i8").tobytes(),
            np.array([k for b, k in keys if b >= LEAD_BAND_OFFSET], "<i8").tobytes(),
        )
        for article, group in itertools.groupby(rows, key=lambda r: int(r[0]))
        for keys in [sorted((b, k) for _, b, k in group)]
    )
    db.executemany("INSERT INTO band_keys (article, text, lead) VALUES (?,?,?)", blobs)
    db.execute("DROP TABLE bands")


def _insert_names(
    db: sqlite3.Connection,
    named: Iterable[tuple[int, int | None, Sequence[int]]],
    weights: Sequence[int],
) -> None:
    """Store (article, day, name numbers) rows, and each article's sum of squared
    name weights (those with names)."""
    named = list(named)
    db.executemany(
        "INSERT INTO article_names (article, day, ids) VALUES (?,?,?)",
        [(row, day, np.array(ids, "<i8").tobytes()) for row, day, ids in named],
    )
    db.executemany(
        "INSERT INTO name_squares (article, squares) VALUES (?,?)",
        [(row, sum(weights[i] ** 2 for i in ids)) for row, _, ids in named if ids],
    )


def _name_rows_to_blobs(db: sqlite3.Connection) -> None:
    """Stores before version 4 kept a row per (name, article) in ``names``; their
    names are numbered (in the order first stored, weighed anew: version 1 had no
    weights) and move into ``article_names``, and the tables built on the old ones
    go."""
    log.info("moving the names to their version 4 tables (once per store)")
    db.execute("DELETE FROM name_ids")
    db.execute("DELETE FROM article_names")
    db.execute("DELETE FROM name_squares")
    numbers: dict[str, int] = {}
    weights = [0]
    rows = db.execute("SELECT article, day, name FROM names ORDER BY article, name")
    named = []
    for article, group in itertools.groupby(rows, key=lambda r: int(r[0])):
        members = list(group)
        for _, _, name in members:
            if name not in numbers:
                numbers[name] = len(weights)
                weights.append(name_weight(name))
        named.append((article, members[0][1], [numbers[name] for _, _, name in members]))
    db.executemany(
        "INSERT INTO name_ids (id, name, weight) VALUES (?,?,?)",
        [(i, name, weights[i]) for name, i in numbers.items()],
    )
    _insert_names(db, named, weights)
    db.execute("DROP TABLE names")
    db.execute("DROP TABLE IF EXISTS name_counts")


def _day_order(day: int | None) -> int:
    return -1 if day is None else day


MAX_STORY_VERSIONS = 12


def story_versions(articles: Sequence[StoredArticle]) -> tuple[list[Article], int]:
    """The versions of a story worth collating, and how many were left out: exact
    copies add nothing, so one per copy group comes first, then near-duplicates
    (a light edit can still change a fact), at most ``MAX_STORY_VERSIONS``."""
    originals = [a for a in articles if a.duplicate_of is None]
    near = [a for a in articles if a.duplicate_of and a.relation != "exact"]
    chosen = (originals + near)[:MAX_STORY_VERSIONS]
    left_out = len(articles) - len(chosen)
    return [a.article for a in chosen], left_out


def dedup(
    inputs: Sequence[str | Path | Article],
    *,
    settings: Settings | None = None,
    embedder: Embedder | None = None,
    batch_size: int = 1000,
    progress: Callable[[int], None] | None = None,
) -> tuple[list[StoredArticle], AddSummary]:
    """One-shot story finding without a store file: every article comes back, in the
    order read, with its story, the article it copies (if any), its strongest link
    and that link's score, and, when it was read from a record, that record (the
    first, when an id repeats). It runs the same code as ``Store.add``, on a store
    in memory, but takes the articles in ``article_order`` (publication date, then
    id), as the Spark engine does, not as read: the same articles in any order give
    the same stories, and the same as ``spark dedup``. So every input is read before
    any is added; the articles and records are held until the end: a corpus beyond
    memory goes through ``index add`` or ``spark dedup``."""
    records: dict[str, Mapping[str, Any]] = {}
    read_at: dict[str, int] = {}  # each id's place in the input: the output's order
    settings = settings or Settings()

    def noted(batches: Iterator[Raw]) -> Iterator[Raw]:
        for raw in batches:
            for article in raw.articles:
                read_at.setdefault(str(article.id), len(read_at))
            yield raw

    read = read_batches(inputs, settings, batch_size, records.setdefault)
    with Store(":memory:", settings=settings, embedder=embedder) as store:
        summary = store._add_read(in_article_order(noted(read), batch_size), progress)
        annotated = sorted(
            (
                replace(a, record=records.get(str(a.article.id)))
                for a in store.annotated(as_added=True)
            ),
            key=lambda a: read_at.get(str(a.article.id), len(read_at)),
        )
        return annotated, summary
