"""``newscollate spark dedup`` and, for ``spark-submit``, ``python -m newscollate.spark dedup``.

On a cluster: ``spark-submit --master yarn --py-files newscollate.zip
$(python -c 'import newscollate.spark.__main__ as m; print(m.__file__)') dedup
--input s3a://bucket/news/ --output s3a://bucket/news-stories/`` (docs/spark.md).
"""

from __future__ import annotations

import argparse
import logging
import sys

from newscollate.config import Columns, Settings, add_column_arguments

log = logging.getLogger("newscollate")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--input",
        nargs="+",
        required=True,
        help="JSONL or Parquet files or folders (local, s3a://, hdfs://)",
    )
    parser.add_argument(
        "--output", required=True, help="folder for articles/, stories/, links/, problems/"
    )
    parser.add_argument(
        "--input-format", choices=("jsonl", "parquet"), help="default: from the name"
    )
    parser.add_argument("--output-format", choices=("parquet", "jsonl"), default="parquet")
    parser.add_argument(
        "--master", help="Spark master (default: spark-submit's, or local[*] when run directly)"
    )
    parser.add_argument(
        "--driver-memory",
        help="spark.driver.memory (default 4g in local mode: it does all the work)",
    )
    parser.add_argument(
        "--shuffle-partitions", type=int, help="spark.sql.shuffle.partitions (default: Spark's)"
    )
    add_column_arguments(parser)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Exit 0 when every record was used, 3 when some were skipped (counted by reason
    on stderr and listed in OUTPUT/problems), 1 when the job failed."""
    from newscollate.spark import dedup, session

    columns = Columns.from_args(args)
    spark = session(args.master, driver_memory=args.driver_memory)
    if args.shuffle_partitions:
        spark.conf.set("spark.sql.shuffle.partitions", str(args.shuffle_partitions))
    try:
        summary = dedup(
            spark,
            args.input,
            args.output,
            columns=columns,
            input_format=args.input_format,
            output_format=args.output_format,
            settings=settings,
        )
    except Exception as exc:  # Spark's errors are Java stack traces: one line is enough
        log.error("spark dedup failed: %s", str(exc).strip().splitlines()[0] if str(exc) else exc)
        return 1
    log.info(
        "%d records read: %d articles in %d stories, %d links; %d skipped",
        summary.read,
        summary.articles,
        summary.stories,
        summary.links,
        summary.problems,
    )
    for reason, count in sorted(summary.reasons.items()):
        log.warning("skipped %d: %s", count, reason)
    if summary.articles == 0:
        log.error("no article could be read")
        return 1
    return 3 if summary.problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newscollate.spark")
    commands = parser.add_subparsers(dest="command", required=True)
    add_arguments(commands.add_parser("dedup", help="annotate a corpus with its stories"))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="newscollate: %(levelname)s: %(message)s")
    return run(args, Settings())


if __name__ == "__main__":
    sys.exit(main())
