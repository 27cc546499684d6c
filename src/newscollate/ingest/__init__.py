"""Stage 1, ingest: inputs of any supported kind to cleaned articles with metadata.

``load`` reads every input, reports the ones it cannot use as ``Problem`` records
and returns the rest cleaned: furniture removed (by rule and by the corpus-level
recurrence rule), bylines read into metadata, the language guessed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, cast

from newscollate.config import Settings
from newscollate.ingest.clean import Cleaned, clean
from newscollate.ingest.furniture import recurring_lines
from newscollate.ingest.language import guess_language
from newscollate.ingest.sources import RecordArticle, plain, read_inputs
from newscollate.models import Article, Problem

__all__ = [
    "Cleaned", "Loaded", "Raw", "article_order", "clean_batch", "finish", "in_article_order",
    "load", "load_batches", "read_batches",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Raw:
    """Articles as read, before cleaning, and the inputs that could not be read."""

    articles: tuple[Article, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class Loaded:
    articles: tuple[Cleaned, ...]
    problems: tuple[Problem, ...]


def load(inputs: Sequence[str | Path | Article], settings: Settings) -> Loaded:
    """Read and clean ``inputs``; bad inputs become problems, never exceptions."""
    raw: list[Article] = []
    problems: list[Problem] = []
    for item in map(plain, read_inputs(list(inputs), settings)):
        if isinstance(item, Problem):
            problems.append(item)
        else:
            raw.append(item)
    return clean_batch(Raw(tuple(_unique_ids(raw)), tuple(problems)), settings)


def load_batches(
    inputs: Sequence[str | Path | Article], settings: Settings, size: int = 1000
) -> Iterator[Loaded]:
    """``load`` for corpora: read lazily and clean ``size`` articles at a time, so a
    crawl of any size streams through in bounded memory. Ids are kept as the input
    gives them (a corpus repeats ids on purpose when it re-adds an article), and
    the outlet-furniture rule sees one batch at a time. Files are identified by their
    path as given (see ``read_inputs``)."""
    for raw in read_batches(inputs, settings, size):
        yield clean_batch(raw, settings)


def read_batches(
    inputs: Sequence[str | Path | Article],
    settings: Settings,
    size: int = 1000,
    on_record: Callable[[str, Mapping[str, Any]], object] | None = None,
) -> Iterator[Raw]:
    """The reading half of ``load_batches``: ``size`` articles at a time as read, with
    the inputs that could not be read; ``clean_batch`` is the other half (the store
    runs it in a worker process, see ``store.prepare``). ``on_record`` is given the
    id and the record of each article read from a record, which goes on without it."""
    raw: list[Article] = []
    problems: list[Problem] = []
    for item in read_inputs(list(inputs), settings, path_ids=True):
        if isinstance(item, Problem):
            problems.append(item)
        else:
            if on_record is not None and isinstance(item, RecordArticle):
                on_record(str(item.id), item.record)
            raw.append(cast(Article, plain(item)))
        if len(raw) >= size:
            yield Raw(tuple(raw), tuple(problems))
            raw, problems = [], []
    if raw or problems:
        yield Raw(tuple(raw), tuple(problems))


def article_order(article: Article) -> tuple[str, str, str]:
    """The order in which the Spark engine numbers records, and ``dedup`` takes
    articles: by publication date as given, undated last, then id, then text. It
    depends on the article alone, so the same articles in any order come out in
    one order."""
    return article.published or "9999", article.id or "", article.text


def in_article_order(batches: Iterable[Raw], size: int) -> Iterator[Raw]:
    """All of ``batches`` (read to the end first), cut again into batches of ``size``
    in ``article_order``; every problem comes with the first."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for raw in batches:
        articles += raw.articles
        problems += raw.problems
    articles.sort(key=article_order)
    for start in range(0, len(articles), size):
        yield Raw(tuple(articles[start : start + size]), tuple(problems) if start == 0 else ())
    if problems and not articles:
        yield Raw((), tuple(problems))


def clean_batch(raw: Raw, settings: Settings) -> Loaded:
    """Clean one batch that ``read_batches`` read; its read problems come first."""
    first_pass = [clean(article) for article in raw.articles]
    recurring = recurring_lines(
        [(c.article.outlet, c.text.split("\n")) for c in first_pass],
        min_articles=settings.outlet_furniture_min_articles,
    )
    cleaned: list[Cleaned] = []
    problems: list[Problem] = list(raw.problems)
    for article, done in zip(raw.articles, first_pass, strict=True):
        if article.outlet in recurring:
            done = clean(article, recurring[article.outlet])
        item = finish(done, settings)
        if isinstance(item, Problem):
            problems.append(item)
        else:
            cleaned.append(item)
    return Loaded(tuple(cleaned), tuple(problems))


def finish(done: Cleaned, settings: Settings) -> Cleaned | Problem:
    """The last step of cleaning one article: too little text left is a problem; the
    language is guessed where the input did not say."""
    article = done.article
    source = article.source or article.id or "article"
    if len(done.text) < settings.min_article_chars:
        reason = (
            "no article text left after removing page furniture"
            if done.boilerplate
            else f"too short to be an article: {len(done.text)} characters"
        )
        return Problem(source, reason)
    if article.language is None:
        done = replace(done, article=replace(article, language=guess_language(done.text)))
    return done


def _unique_ids(articles: list[Article]) -> list[Article]:
    """Ids are how every report refers to an article, so they must not collide:
    a repeated id gets its source path, or a ``#n`` suffix when that repeats too."""
    counts: dict[str | None, int] = {}
    for article in articles:
        counts[article.id] = counts.get(article.id, 0) + 1
    taken: set[str] = set()
    result = []
    for article in articles:
        article_id = article.id or "article"
        if counts[article.id] > 1 and article.source:
            article_id = article.source
        base, n = article_id, 1
        while article_id in taken:
            n += 1
            article_id = f"{base}#{n}"
        taken.add(article_id)
        result.append(article if article_id == article.id else replace(article, id=article_id))
    return result
