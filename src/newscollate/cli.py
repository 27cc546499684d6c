"""The ``newscollate`` command: a thin layer over the public API.

Exit codes (also in the README):
    0  done, every input used
    1  the job failed (fewer than two usable articles, no usable article in a corpus,
       a missing store, an unwritable output)
    2  the command line was wrong
    3  done, but some inputs were skipped (each named on stderr)
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import logging
import sqlite3
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TextIO

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

import newscollate
from newscollate import (
    MAX_STORY_VERSIONS,
    Comparison,
    Embedder,
    HashingEmbedder,
    NewscollateError,
    Settings,
    story_versions,
)
from newscollate.config import Columns, add_column_arguments
from newscollate.report import render_html, render_json, render_stories_html, render_text

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3
log = logging.getLogger("newscollate")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newscollate",
        description="Find which news articles tell the same story and collate their versions.",
    )
    parser.add_argument(
        "--version", action="version", version=f"newscollate {newscollate.__version__}"
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--max-input-mb", type=float, help="skip files and records larger than this (default 20)"
    )
    common.add_argument(
        "-q", "--quiet", action="store_true", help="no progress or warnings on stderr"
    )
    common.add_argument("-v", "--verbose", action="store_true", help="debug logging on stderr")
    report = argparse.ArgumentParser(add_help=False)
    report.add_argument(
        "--format",
        choices=("text", "json", "html"),
        help="output format (default: text on a terminal, json otherwise)",
    )
    report.add_argument(
        "-o", "--output", type=Path, help="write the report to this file instead of stdout"
    )
    store = argparse.ArgumentParser(add_help=False)
    store.add_argument(
        "--store",
        type=Path,
        default=Path("newscollate.db"),
        help="the story store (default: ./newscollate.db)",
    )
    records = argparse.ArgumentParser(add_help=False)
    add_column_arguments(records)
    linking = argparse.ArgumentParser(add_help=False)
    linking.add_argument(
        "--same-story-cosine",
        type=float,
        help="the model's bar for reports whose names agree only in part (default 0.55; "
        "lower joins more reports written independently, and more events on one topic)",
    )
    linking.add_argument(
        "--names-credit",
        type=float,
        help="how far that bar comes down as more of their rare names agree (default 0.5)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    cmp = commands.add_parser(
        "compare",
        parents=[common, report, records],
        help="collate two or more versions of a story",
        description="Collate two or more versions of a story: align their sentences, show what is "
        "shared and what is unique to each, and say how each pair relates.",
    )
    cmp.add_argument(
        "inputs",
        nargs="+",
        help="files (.txt .html .jsonl .csv .parquet .warc, optionally .gz), directories, or - for stdin",
    )
    cmp.add_argument(
        "--embedder",
        choices=("model", "hashing"),
        default="model",
        help="sentence embeddings: the bundled all-MiniLM-L6-v2 model (default) or model-free word hashing",
    )
    cmp.add_argument(
        "--link-threshold", type=float, help="lowest sentence score that aligns two sentences"
    )
    cmp.add_argument(
        "--merge-threshold", type=float, help="lowest score for a sentence joining a row"
    )
    cmp.add_argument(
        "--semantic-weight", type=float, help="share of meaning (vs wording) in the sentence score"
    )
    cmp.add_argument(
        "--no-facts",
        action="store_true",
        help="collate only: skip extracting and comparing facts (numbers, dates, names, quotes)",
    )
    index = commands.add_parser("index", help="add articles to the story store")
    index_commands = index.add_subparsers(dest="index_command", required=True, metavar="ACTION")
    add = index_commands.add_parser(
        "add",
        parents=[common, store, linking, records],
        help="add articles to the store and update its stories",
        description="Add articles (files, directories, JSONL/CSV/Parquet, WARC, stdin) to the store: "
        "each is checked against everything stored for copies, rewrites and reports of the "
        "same event, and joins or starts a story. Re-adding an article is a no-op.",
    )
    add.add_argument("inputs", nargs="+", help="files, directories, or - for stdin")
    add.add_argument("--embed-all", action="store_true", help=EMBED_ALL_HELP)
    add.add_argument("--batch-size", type=int, default=1000, help="articles per transaction")
    add.add_argument(
        "--article-order",
        action="store_true",
        help="read every input first and add the articles by publication date, then id, as "
        "dedup and spark dedup take them: their stories, whatever the order of the inputs "
        "(the articles are held in memory until added)",
    )
    stories = commands.add_parser(
        "stories", parents=[common, store, report], help="list the story clusters in the store"
    )
    stories.add_argument(
        "--since", help="only stories with an article published on or after this date"
    )
    stories.add_argument(
        "--min-size", type=int, default=1, help="only stories with this many articles"
    )
    stories.add_argument("--limit", type=int, help="at most this many stories")
    stories.add_argument(
        "--reports",
        type=Path,
        metavar="DIR",
        help="also write an HTML collation of every listed story of two or more versions "
        "to DIR/story-N.html (the HTML list links to them)",
    )
    story = commands.add_parser(
        "story", parents=[common, store, report], help="collate the versions of one story"
    )
    story.add_argument("story_id", type=int, help="a story number from `newscollate stories`")
    story.add_argument("--no-facts", action="store_true", help="collate only, without fact checks")
    dedup = commands.add_parser(
        "dedup",
        parents=[common, linking, records],
        help="annotate a corpus with stories and duplicates, without a store",
        description="Read a corpus and write every record back with story_id, duplicate_of, "
        "relation and score.",
    )
    dedup.add_argument("inputs", nargs="+", help="files, directories, or - for stdin")
    dedup.add_argument("-o", "--output", type=Path, help="JSONL (default: stdout) or .parquet")
    dedup.add_argument("--batch-size", type=int, default=1000, help="articles per batch")
    dedup.add_argument("--embed-all", action="store_true", help=EMBED_ALL_HELP)
    spark = commands.add_parser("spark", help="story finding on Apache Spark")
    spark_commands = spark.add_subparsers(dest="spark_command", required=True, metavar="ACTION")
    from newscollate.spark.__main__ import add_arguments as add_spark_arguments

    add_spark_arguments(
        spark_commands.add_parser(
            "dedup",
            parents=[common, linking],
            help="annotate a corpus with stories and duplicates on Spark",
            description="The job of `newscollate dedup` on Apache Spark, with the same results: "
            "writes OUTPUT/articles (each record with story_id, duplicate_of, relation, score), "
            "OUTPUT/stories, OUTPUT/links and OUTPUT/problems.",
        )
    )
    serve = commands.add_parser(
        "serve",
        parents=[common, store],
        help="the web app and HTTP API over a store",
        description="Serve the compare and stories pages and the HTTP API (OpenAPI at /docs) "
        "over a story store.",
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)"
    )
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument(
        "--read-only",
        action="store_true",
        help="for public deployments: no articles added, nothing written to the store",
    )
    serve.add_argument(
        "--allow-fetch",
        action="store_true",
        help="let requests name articles by URL; fetched from public addresses only",
    )
    serve.add_argument(
        "--max-request-mb", type=float, default=10.0, help="largest request body (default 10)"
    )
    return parser


EMBED_ALL_HELP = (
    "embed every article, so that reports of one event that share no names are found too "
    "(about 40 articles/s on 2 cores instead of some 300; a store keeps this mode)"
)


def settings_from_args(args: argparse.Namespace) -> Settings:
    """The one place where command-line flags become ``Settings``."""
    overrides: dict[str, object] = {}
    for flag in (
        "link_threshold", "merge_threshold", "semantic_weight", "same_story_cosine", "names_credit"
    ):  # fmt: skip
        if getattr(args, flag, None) is not None:
            overrides[flag] = getattr(args, flag)
    if getattr(args, "no_facts", False):
        overrides["check_facts"] = False
    if getattr(args, "embed_all", False):
        overrides["embed_all"] = True
    if args.max_input_mb is not None:
        overrides["max_input_bytes"] = max(1, int(args.max_input_mb * 1_000_000))
    if hasattr(args, "text_col"):
        overrides["columns"] = Columns.from_args(args)
    return Settings(**overrides)  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _configure_logging(args.quiet, args.verbose)
    try:
        settings = settings_from_args(args)
    except NewscollateError as exc:
        parser.error(str(exc))
    command = {
        "compare": _compare,
        "index": _index_add,
        "stories": _stories,
        "story": _story,
        "dedup": _dedup,
        "spark": _spark,
        "serve": _serve,
    }[args.command]
    return command(args, settings)


def _compare(args: argparse.Namespace, settings: Settings) -> int:
    stderr = Console(stderr=True)
    embedder: Embedder | None = HashingEmbedder() if args.embedder == "hashing" else None
    try:
        if stderr.is_terminal and not args.quiet:
            with stderr.status("Collating: reading, embedding and aligning…"):
                result = newscollate.compare(args.inputs, settings=settings, embedder=embedder)
        else:
            result = newscollate.compare(args.inputs, settings=settings, embedder=embedder)
    except NewscollateError as exc:
        log.error("%s", exc)
        return EXIT_FAILED
    if not _emit(result, args):
        return EXIT_FAILED
    return EXIT_PARTIAL if result.problems else EXIT_OK


def _format(args: argparse.Namespace) -> str:
    return args.format or ("text" if args.output is None and sys.stdout.isatty() else "json")


@contextlib.contextmanager
def _output(path: Path | None) -> Iterator[TextIO]:
    """The file the user named, or stdout (left open)."""
    if path is None:
        yield sys.stdout
    else:
        with path.open("w", encoding="utf-8") as fh:
            yield fh


def _emit(result: Comparison, args: argparse.Namespace) -> bool:
    """Write a comparison where and how the user asked; False when it cannot be written."""
    fmt = _format(args)
    try:
        with _output(args.output) as out:
            write_comparison(result, fmt, out, terminal=args.output is None and out.isatty())
    except OSError as exc:
        log.error("cannot write %s: %s", args.output, exc.strerror or exc)
        return False
    if args.output is not None:
        log.info("wrote %s report to %s", fmt, args.output)
    return True


# --- the corpus commands: index add, stories, story, dedup --------------------


def _progress(args: argparse.Namespace, what: str) -> tuple[Any, Callable[[int], None] | None]:
    """A progress counter on a terminal; nothing when piped or quiet."""
    stderr = Console(stderr=True)
    if args.quiet or not stderr.is_terminal:
        return contextlib.nullcontext(), None
    bar = Progress(
        TextColumn(f"{what}"), BarColumn(bar_width=None), TextColumn("{task.completed:,} articles"),
        TimeElapsedColumn(), console=stderr, transient=True,
    )  # fmt: skip
    task = bar.add_task(what, total=None)
    return bar, lambda n: bar.advance(task, n)


def _report_summary(summary: newscollate.AddSummary, verb: str) -> int:
    for problem in summary.problems:
        log.warning("skipped %s", problem)
    reasons = Counter(p.kind for p in summary.problems)
    log.info(
        "%s %d of %d articles (%d already stored), %d links; skipped %d%s",
        verb, summary.added, summary.read, summary.already_stored, summary.links,
        summary.skipped, "".join(f"; {n} {r}" for r, n in reasons.most_common()),
    )  # fmt: skip
    return EXIT_PARTIAL if summary.problems else EXIT_OK


def _open_store(
    args: argparse.Namespace, settings: Settings, *, create: bool
) -> newscollate.Store | None:
    if not create and not args.store.exists():
        log.error("%s: no such store; create it with `newscollate index add`", args.store)
        return None
    try:
        return newscollate.Store(args.store, settings=settings)
    except (sqlite3.Error, ValueError) as exc:
        log.error("%s: cannot open the store: %s", args.store, exc)
        return None


def _index_add(args: argparse.Namespace, settings: Settings) -> int:
    store = _open_store(args, settings, create=True)
    if store is None:
        return EXIT_FAILED
    bar, progress = _progress(args, "Indexing")
    with store, bar:
        summary = store.add(
            args.inputs,
            batch_size=args.batch_size,
            progress=progress,
            article_order=args.article_order,
        )
    if summary.added + summary.already_stored == 0:
        _report_summary(summary, "added")
        log.error("no article could be added")
        return EXIT_FAILED
    return _report_summary(summary, "added")


def _stories(args: argparse.Namespace, settings: Settings) -> int:
    store = _open_store(args, settings, create=False)
    if store is None:
        return EXIT_FAILED
    with store:
        found = store.stories(since=args.since, min_size=args.min_size, limit=args.limit)
        reports = _story_reports(store, found, args.reports, settings) if args.reports else {}
    if reports is None:
        return EXIT_FAILED
    fmt = _format(args)
    try:
        with _output(args.output) as out:
            if fmt == "json":
                out.write(
                    json.dumps([dataclasses.asdict(s) for s in found], ensure_ascii=False) + "\n"
                )
            elif fmt == "html":
                out.write(render_stories_html(found, links=reports))
            else:
                _print_stories(found, out)
    except OSError as exc:
        log.error("cannot write %s: %s", args.output, exc.strerror or exc)
        return EXIT_FAILED
    return EXIT_OK


def _print_stories(found: list[newscollate.StoryInfo], out: TextIO) -> None:
    console = Console(file=out, width=None if out.isatty() else 160, highlight=False)
    table = Table("story", "size", "first seen", "outlets", "links", "title", box=None)
    for s in found:
        outlets = ", ".join(s.outlets[:4]) + (
            f" +{len(s.outlets) - 4}" if len(s.outlets) > 4 else ""
        )
        links = ", ".join(f"{n} {r}" for r, n in sorted(s.relations.items()))
        table.add_row(str(s.id), str(s.size), s.first_seen or "", outlets, links, s.title or "")
    console.print(table)


def _story_reports(
    store: newscollate.Store, found: list[newscollate.StoryInfo], folder: Path, settings: Settings
) -> dict[int, str] | None:
    """One HTML collation per story of two or more distinct versions; the file names by story."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        log.error("cannot create %s: %s", folder, exc.strerror or exc)
        return None
    written: dict[int, str] = {}
    for info in found:
        versions, _ = story_versions(store.story_articles(info.id))
        if len(versions) < 2:
            continue
        result = newscollate.compare(versions, settings=settings, embedder=store.embedder)
        name = f"story-{info.id}.html"
        (folder / name).write_text(
            render_html(result, title=f"Story {info.id}: {info.title or ''}"), encoding="utf-8"
        )
        written[info.id] = name
    log.info("wrote %d story reports to %s", len(written), folder)
    return written


def _story(args: argparse.Namespace, settings: Settings) -> int:
    store = _open_store(args, settings, create=False)
    if store is None:
        return EXIT_FAILED
    with store:
        try:
            articles = store.story_articles(args.story_id)
        except KeyError:
            log.error(
                "%s: no story %d; list them with `newscollate stories`", args.store, args.story_id
            )
            return EXIT_FAILED
        versions, left_out = story_versions(articles)
        if left_out:
            log.info("story %d: %d articles; collating %d versions (exact copies folded, at most %d)",
                     args.story_id, len(articles), len(versions), MAX_STORY_VERSIONS)  # fmt: skip
        if len(versions) < 2:
            log.error(
                "story %d has %d distinct version(s): nothing to collate",
                args.story_id,
                len(versions),
            )
            return EXIT_FAILED
        try:
            result = newscollate.compare(versions, settings=settings, embedder=store.embedder)
        except NewscollateError as exc:
            log.error("%s", exc)
            return EXIT_FAILED
    return EXIT_OK if _emit(result, args) else EXIT_FAILED


def _dedup(args: argparse.Namespace, settings: Settings) -> int:
    bar, progress = _progress(args, "Finding stories")
    with bar:
        annotated, summary = newscollate.dedup(
            args.inputs, settings=settings, batch_size=args.batch_size, progress=progress
        )
    if not annotated:
        _report_summary(summary, "read")
        log.error("no article could be read")
        return EXIT_FAILED
    id_field = settings.columns.id
    own_ids = {  # a record's id as it gave it (a number stays a number)
        a.article.id: a.record[id_field]
        for a in annotated
        if a.record is not None and a.article.id and a.record.get(id_field) not in (None, "")
    }
    records = [_annotated_record(a, id_field, own_ids) for a in annotated]
    try:
        if args.output is not None and args.output.suffix == ".parquet":
            _write_parquet(records, args.output)
        else:
            with _output(args.output) as out:
                for record in records:
                    out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    except OSError as exc:
        log.error("cannot write %s: %s", args.output, exc.strerror or exc)
        return EXIT_FAILED
    return _report_summary(summary, "annotated")


ANNOTATIONS = ("story_id", "duplicate_of", "relation", "score")  # what dedup adds to a record


def _annotated_record(
    a: newscollate.StoredArticle, id_field: str, own_ids: Mapping[str, Any]
) -> dict[str, Any]:
    """A record comes back with its own fields (and, in ``id_field``, the id that
    ``duplicate_of`` names when it had none); an article read from a file, with its
    article's. ``duplicate_of`` gives the original's id as its record gave it
    (``own_ids``), so that it joins with the id column: ``1``, not ``"1"``."""
    if a.record is not None:
        fields = dict(a.record)
        if fields.get(id_field) in (None, ""):
            fields[id_field] = a.article.id
    else:
        fields = {k: v for k, v in dataclasses.asdict(a.article).items() if v is not None}
    original = None if a.duplicate_of is None else own_ids.get(a.duplicate_of, a.duplicate_of)
    annotations = (a.story, original, a.relation, a.score)
    return {**fields, **dict(zip(ANNOTATIONS, annotations, strict=True))}


def _write_parquet(records: list[dict[str, Any]], path: Path) -> None:
    """``records`` as one Parquet table. Records of a JSONL file may give one field
    values of different types (a number here, a string there), which no Parquet
    column holds: such a table is written with every input field as a string, and
    ``duplicate_of``, which gives ids, too."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    kept = set(ANNOTATIONS) - {"duplicate_of"}
    try:
        table = pa.Table.from_pylist(records)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        table = pa.Table.from_pylist(
            [
                {k: v if k in kept or v is None else _as_text(v) for k, v in r.items()}
                for r in records
            ]
        )
    pq.write_table(table, path)


def _as_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)


def _spark(args: argparse.Namespace, settings: Settings) -> int:
    from newscollate.spark.__main__ import run

    if args.master is None:
        args.master = "local[*]"
    return run(args, settings)


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import ipaddress

    import uvicorn

    from newscollate.serve import ServeConfig, create_app

    if args.max_request_mb <= 0:
        log.error("--max-request-mb must be positive (got %s)", args.max_request_mb)
        return EXIT_USAGE
    config = ServeConfig(
        store=args.store,
        read_only=args.read_only,
        allow_fetch=args.allow_fetch,
        max_request_bytes=int(args.max_request_mb * 1_000_000),
        settings=settings,
    )
    try:
        app = create_app(config)
    except (sqlite3.Error, ValueError) as exc:
        log.error("%s: cannot serve the store: %s", args.store, exc)
        return EXIT_FAILED
    with contextlib.suppress(ValueError):
        if not ipaddress.ip_address(args.host).is_loopback and not args.read_only:
            log.warning("listening on %s without --read-only: anyone who reaches it can add "
                        "articles to %s", args.host, args.store)  # fmt: skip
    log.info("serving %s on http://%s:%d (API docs at /docs)", args.store, args.host, args.port)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning" if args.quiet else "info")
    return EXIT_OK


def write_comparison(result: Comparison, fmt: str, out: TextIO, *, terminal: bool) -> None:
    if fmt == "json":
        out.write(render_json(result) + "\n")
    elif fmt == "html":
        out.write(render_html(result))
    else:
        console = Console(
            file=out, force_terminal=terminal, width=None if terminal else 160, highlight=False
        )
        render_text(result, console)


def _configure_logging(quiet: bool, verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("newscollate: %(levelname)s: %(message)s"))
    log.handlers[:] = [handler]
    log.propagate = False
    log.setLevel(logging.DEBUG if verbose else logging.ERROR if quiet else logging.INFO)


if __name__ == "__main__":
    sys.exit(main())
