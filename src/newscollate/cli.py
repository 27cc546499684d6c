"""The ``newscollate`` command: a thin layer over the public API.

Exit codes (also in the README):
    0  done, every input used
    1  the job failed (fewer than two usable articles, an unwritable output)
    2  the command line was wrong
    3  done, but some inputs were skipped (each named on stderr)
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TextIO

from rich.console import Console

import newscollate
from newscollate import Comparison, Embedder, HashingEmbedder, NewscollateError, Settings
from newscollate.report import render_html, render_json, render_text

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
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    cmp = commands.add_parser(
        "compare",
        help="collate two or more versions of a story",
        description="Collate two or more versions of a story: align their sentences, show what is "
        "shared and what is unique to each, and say how each pair relates.",
    )
    cmp.add_argument(
        "inputs",
        nargs="+",
        help="files (.txt .html .jsonl .csv .warc, optionally .gz), directories, or - for stdin",
    )
    cmp.add_argument(
        "--format",
        choices=("text", "json", "html"),
        help="output format (default: text on a terminal, json otherwise)",
    )
    cmp.add_argument(
        "-o", "--output", type=Path, help="write the report to this file instead of stdout"
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
    cmp.add_argument(
        "--max-input-mb", type=float, help="skip files and records larger than this (default 20)"
    )
    cmp.add_argument("-q", "--quiet", action="store_true", help="no progress or warnings on stderr")
    cmp.add_argument("-v", "--verbose", action="store_true", help="debug logging on stderr")
    return parser


def settings_from_args(args: argparse.Namespace) -> Settings:
    """The one place where command-line flags become ``Settings``."""
    overrides: dict[str, object] = {}
    for flag in ("link_threshold", "merge_threshold", "semantic_weight"):
        if getattr(args, flag) is not None:
            overrides[flag] = getattr(args, flag)
    if args.no_facts:
        overrides["check_facts"] = False
    if args.max_input_mb is not None:
        overrides["max_input_bytes"] = max(1, int(args.max_input_mb * 1_000_000))
    return Settings(**overrides)  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _configure_logging(args.quiet, args.verbose)
    try:
        settings = settings_from_args(args)
    except NewscollateError as exc:
        parser.error(str(exc))
    return _compare(args, settings)


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
    fmt = args.format or ("text" if args.output is None and sys.stdout.isatty() else "json")
    try:
        if args.output is not None:
            with args.output.open("w", encoding="utf-8") as fh:
                _write(result, fmt, fh, terminal=False)
            log.info("wrote %s report to %s", fmt, args.output)
        else:
            _write(result, fmt, sys.stdout, terminal=sys.stdout.isatty())
    except OSError as exc:
        log.error("cannot write %s: %s", args.output, exc.strerror or exc)
        return EXIT_FAILED
    return EXIT_PARTIAL if result.problems else EXIT_OK


def _write(result: Comparison, fmt: str, out: TextIO, *, terminal: bool) -> None:
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
