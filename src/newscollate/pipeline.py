"""The pipeline in one place: the numbered stages that ``compare`` runs.

1. ingest     inputs -> cleaned articles (+ problems for skipped inputs)
2. segment    cleaned text -> sentences and headings with offsets
3. represent  sentences -> embeddings and content words
4. align      N versions -> rows of sentences that say the same thing
5. verdict    each pair -> relation, similarity, coverage, derivation
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from newscollate.align import align
from newscollate.config import Settings
from newscollate.crosscheck import crosscheck
from newscollate.errors import CompareError
from newscollate.facts import extract
from newscollate.ingest import load
from newscollate.models import Article, Check, Comparison, Entity, Fact, Problem
from newscollate.represent import Embedder, default_embedder, represent
from newscollate.segment import document
from newscollate.verdict import verdicts

log = logging.getLogger("newscollate")

Input = str | Path | Article


def compare(
    inputs: Iterable[Input],
    *,
    settings: Settings | None = None,
    embedder: Embedder | None = None,
) -> Comparison:
    """Collate two or more versions of a story.

    ``inputs`` are paths (files of any supported type, directories), ``"-"`` for
    standard input, or ``Article`` objects. Inputs that cannot be used are
    skipped and listed in ``Comparison.problems``; ``CompareError`` is raised
    only when fewer than two articles remain.

    The model is loaded once per process and shared, so calling ``compare`` in a
    loop costs only the new sentences' embeddings::

        >>> import newscollate
        >>> result = newscollate.compare([                       # doctest: +SKIP
        ...     newscollate.Article(id="a", text="Fire hits the port. Ten hurt."),
        ...     newscollate.Article(id="b", text="A fire hit the port; ten were hurt."),
        ... ])
        >>> result.pairs[0].relation                             # doctest: +SKIP
        'near-duplicate'
    """
    settings = settings or Settings()
    loaded = load(list(inputs), settings)  # 1
    for problem in loaded.problems:
        log.warning("skipped %s", problem)
    if len(loaded.articles) < 2:
        raise CompareError(_too_few(len(loaded.articles), loaded.problems), loaded.problems)
    documents = [document(c) for c in loaded.articles]  # 2
    embedder = embedder or default_embedder(settings.model_path, settings.batch_size)
    features = represent(documents, embedder)  # 3
    alignment = align(documents, features, settings)  # 4
    pairs = verdicts(documents, features, alignment)  # 5
    facts: tuple[Fact, ...] = ()
    entities: tuple[Entity, ...] = ()
    checks: tuple[Check, ...] = ()
    if settings.check_facts:
        factset = extract(documents)  # 6
        facts, entities = factset.facts, factset.entities
        checks = tuple(crosscheck(documents, alignment.groups, factset))  # 7
    return Comparison(
        tuple(documents),
        tuple(pairs),
        alignment.groups,
        alignment.unique,
        loaded.problems,
        facts,
        entities,
        checks,
    )


def _too_few(count: int, problems: tuple[Problem, ...]) -> str:
    skipped = f"; {len(problems)} input(s) skipped" if problems else ""
    return f"compare needs at least 2 articles, got {count}{skipped}"
