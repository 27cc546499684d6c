"""What a batch needs before it touches the store, prepared one batch ahead in a
worker process.

Cleaning, names, shingles and MinHash signatures are pure functions of the batch
and took about a third of ``Store.add`` (100,000 generated articles: 79 s of 259),
all of it on one core while the other waited. So while the store writes, searches
and verifies one batch, a worker process prepares the next. The first batch is
prepared in this process: an input of one batch (a test, an ``index add`` of a few
files) never starts a worker. The results, and so the stories, are the same either
way; the inputs are still read here, so an unreadable one is reported as before.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Generator, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from multiprocessing.connection import Connection

import numpy as np
import numpy.typing as npt

from newscollate.config import Settings
from newscollate.index import compiled
from newscollate.index.features import (
    ArticleFeatures,
    article_features,
    article_names,
    signature_bands,
)
from newscollate.ingest import Raw, clean_batch
from newscollate.ingest.clean import Cleaned
from newscollate.models import Problem

__all__ = ["Prepared", "prepare", "prepared"]

AHEAD = 2  # batches handed to the worker before the first comes back: bounds memory


@dataclass(frozen=True)
class Prepared:
    """One batch's articles (the first of each id), their features and band keys (one
    row each), the inputs that were skipped, and seconds per stage."""

    articles: list[Cleaned]
    features: list[ArticleFeatures]
    keys: npt.NDArray[np.int64]
    lead_keys: npt.NDArray[np.int64]
    problems: list[Problem]
    read: int  # articles and problems, for the progress bar
    timings: dict[str, float] = field(default_factory=dict)


def prepare(raw: Raw, settings: Settings) -> Prepared:
    """Clean a batch as read, and compute what the store searches and stores."""
    timings: dict[str, float] = {}
    started = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal started
        now = time.perf_counter()
        timings[stage] = now - started
        started = now

    loaded = clean_batch(raw, settings)
    problems = list(loaded.problems)
    fresh: list[Cleaned] = []
    seen: set[str] = set()
    for cleaned in loaded.articles:
        article_id = cleaned.article.id or "article"
        if article_id in seen:
            problems.append(Problem(article_id, "id repeated within the input; read once"))
            continue
        seen.add(article_id)
        fresh.append(cleaned)
    lap("clean")
    found_names = [article_names(c) for c in fresh]
    lap("names")
    features = article_features(fresh, found_names)
    lap("features")
    keys, lead_keys = signature_bands(
        [f.shingles for f in features], [f.lead_shingles for f in features]
    )
    lap("signatures")
    return Prepared(
        fresh,
        features,
        keys,
        lead_keys,
        problems,
        len(raw.articles) + len(raw.problems),
        timings,
    )


def prepared(batches: Iterable[Raw], settings: Settings) -> Generator[Prepared, None, None]:
    """``prepare`` of each batch, in order: the first here, the rest in one worker
    process that stays ``AHEAD`` batches ahead of the caller. Reading happens here,
    so the worker never opens an input; it ends with the iteration, or when this
    process dies (``_end_with_caller``). A worker that dies fails the run
    (``_result``)."""
    work = partial(prepare, settings=settings)
    batches = iter(batches)
    first = next(batches, None)
    if first is None:
        return
    second = next(batches, None)
    if second is None:
        yield _here(first, settings)
        return
    # a fresh process, never a fork of one running the model's threads (Windows has
    # no fork server). An executor, not a Pool: a Pool replaces a worker that dies
    # and the batch it held never comes back, so the run would hang.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    alive, caller_alive = context.Pipe(duplex=False)
    pool = ProcessPoolExecutor(
        1, mp_context=context, initializer=_end_with_caller, initargs=(alive,)
    )
    try:
        pending = deque([pool.submit(work, second)])  # while the first is done here
        yield _here(first, settings)
        for raw in batches:
            if len(pending) >= AHEAD:
                yield _result(pending.popleft())
            pending.append(pool.submit(work, raw))
        while pending:
            yield _result(pending.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        caller_alive.close()
        alive.close()


def _here(raw: Raw, settings: Settings) -> Prepared:
    """``prepare`` in this process, which does it for the first batch only: with the
    compiled loops where they load at no cost (``compiled.ready``), otherwise with the
    NumPy code (the same bits), so that this process never builds them or loads
    Numba (0.3 s and 130 MB) for one batch."""
    with contextlib.nullcontext() if compiled.ready() else compiled.numpy_only():
        return prepare(raw, settings)


def _end_with_caller(caller: Connection) -> None:
    """In the worker: exit as soon as ``caller``, the read end of a pipe only the
    caller can write to, closes, which it does when the caller ends or dies. An
    executor's worker waits on a queue it holds both ends of, and the fork server
    waits on a pipe the worker holds open, so without this a killed caller would
    leave both running."""

    def watch() -> None:
        with contextlib.suppress(EOFError, OSError):
            caller.recv_bytes()
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _result(future: Future[Prepared]) -> Prepared:
    try:
        return future.result()
    except BrokenProcessPool:
        raise RuntimeError(
            "the worker process that prepares batches stopped before finishing one; a"
            " script that adds to a store must keep its top-level code under"
            ' `if __name__ == "__main__":`, since the worker imports the script'
        ) from None
