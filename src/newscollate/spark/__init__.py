"""Stage: spark — story finding on Apache Spark, for corpora past one machine.

The same job as ``newscollate dedup``, with the same code: records are read and
cleaned by ``ingest``, featured by ``index.features``, paired by the rules of
``index.candidates`` and verified by ``store.verify``, all called inside
``mapInPandas`` batches; only the plumbing between them is Spark's (grouping on
band keys and names, joins, copy groups as connected components by
large-star/small-star) and the one sequential step, stories, which the driver
takes in arrival order with ``cluster.StoryJoiner`` as the store does. So on the
same input the two engines give the same stories, checked by a test.

Every candidate rule is causal in article order, and Spark numbers articles in
the order ``(published, id)`` (undated last): the local engine fed the records in
that order gives the same story ids too. Two things are computed over the whole
input here where the local engine sees one batch at a time: the outlet-furniture
rule (lines that recur in half an outlet's articles) and nothing else; with one
batch holding the corpus the engines agree exactly.

Skew: a wire story reprinted by thousands of outlets makes one huge band bucket
and one hugely shared name. A bucket's pairs grow linearly with it (each member
meets the first and its 63 predecessors); a name's occurrences are one row, read
in one pass (``older_in_window``) that drops the name for an article when it is
too common before it or crowds its window of days (a name in a tenth of a million
articles is a row of 100,000 pairs of numbers, under 2 MB); exact copies get no band keys or names at all (they join the first
copy of their text by hash).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, get_args

import numpy as np
import numpy.typing as npt

from newscollate.cluster import LinkRelation, StoryJoiner, strength
from newscollate.config import Columns, Settings
from newscollate.index.candidates import (
    bucket_pairs,
    name_cosine,
    name_norm,
    nearest_by_names,
    older_in_window,
)
from newscollate.index.features import LEAD_BAND_OFFSET, article_features, name_weight
from newscollate.index.features import signature_bands as _signature_bands
from newscollate.ingest import finish
from newscollate.ingest.clean import Cleaned, clean
from newscollate.ingest.furniture import recurring_from_counts, short_lines
from newscollate.ingest.sources import json_line_problem, record_article
from newscollate.models import KIND_SEPARATOR, Article, Problem
from newscollate.store.verify import ModelBar, Pair, Verifier

__all__ = ["Columns", "SparkSummary", "dedup", "session"]

_FIELDS = ("id", "text", "html", "title", "outlet", "published", "author", "language", "url")


@dataclass
class SparkSummary:
    read: int = 0
    articles: int = 0
    stories: int = 0
    links: int = 0
    problems: int = 0
    reasons: dict[str, int] = field(default_factory=dict)  # skipped records by Problem.kind


def session(
    master: str | None = None, app: str = "newscollate", driver_memory: str | None = None
) -> Any:
    """A Spark session whose Python workers run this interpreter (so they see the
    project's packages), without the web UI. In local mode the driver's JVM does all
    the work, and Spark's default heap (1 GB) runs out on a 100k-article corpus: it
    gets ``driver_memory`` (default 4g)."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = (
        SparkSession.builder.appName(app)
        .config("spark.ui.enabled", "false")
        # Spark's stage bars on a terminal only: piped stderr keeps to the logs
        .config("spark.ui.showConsoleProgress", str(sys.stderr.isatty()).lower())
    )
    if master:
        builder = builder.master(master)
        if master.startswith("local"):
            builder = builder.config("spark.driver.memory", driver_memory or "4g")
    elif driver_memory:
        builder = builder.config("spark.driver.memory", driver_memory)
    return builder.getOrCreate()


def dedup(
    spark: Any,
    inputs: Sequence[str],
    output: str,
    *,
    columns: Columns | None = None,
    input_format: str | None = None,
    output_format: str = "parquet",
    settings: Settings | None = None,
) -> SparkSummary:
    """Find the stories of ``inputs`` (JSONL or Parquet) and write ``output``/
    ``articles`` (each record with ``story_id``, ``duplicate_of``, ``relation`` and
    ``score``), ``stories``, ``links`` and ``problems`` (each skipped record and why)."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    from newscollate.spark.components import components

    settings = settings or Settings()
    columns = columns or settings.columns
    settings = replace(settings, columns=columns)  # what records are read by (``_article``)
    if settings.embed_all:  # its exact search over a window of days is the store's
        raise ValueError("embed_all (--embed-all) is not supported on Spark; use newscollate dedup")
    records = _read(spark, inputs, input_format or _guess_format(inputs), columns)
    # the texts and their shingles are the bulk: kept on disk, so the heap is left to
    # the joins and aggregations (a 100k-article run in local mode ran out of it)
    records = records.persist(StorageLevel.DISK_ONLY)
    read = records.count()

    keyed, problems = _rows(records, columns)
    keyed = keyed.persist(StorageLevel.DISK_ONLY)  # read twice: furniture, features
    recurring = _recurring(keyed, settings)
    feats = keyed.mapInPandas(
        lambda batches: _featured(batches, settings, recurring), _FEATURE_SCHEMA
    ).persist(StorageLevel.DISK_ONLY)
    problems = problems.unionByName(
        feats.where(F.col("problem").isNotNull()).select(
            F.col("id").alias("record"), F.col("problem").alias("reason")
        )
    )
    good = feats.where(F.col("problem").isNull())
    first = good.groupBy("text_hash").agg(F.min("row").alias("first"))
    good = good.join(first, "text_hash")
    exact = good.where(F.col("row") != F.col("first")).select(
        F.col("first").alias("a"), F.col("row").alias("b")
    )
    signed = good.where(F.col("row") == F.col("first"))  # one per text: see the store's _write
    candidates = exact.unionByName(_band_pairs(signed)).unionByName(_name_pairs(signed)).distinct()
    links = _verified(candidates, good, settings).persist(StorageLevel.MEMORY_AND_DISK)

    story = _stories(spark, links)
    copies = components(links.where(F.col("relation").isin("exact", "near-duplicate")))
    order_key = F.struct(F.coalesce("published", F.lit("9999")), F.col("id"))
    original = (
        good.join(copies, good.row == copies.node)
        .groupBy("component")
        .agg(F.min(F.struct(order_key.alias("k"), F.col("id").alias("id"))).alias("o"))
        .select("component", F.col("o.id").alias("original"))
    )
    duplicate_of = copies.join(original, "component").select(F.col("node").alias("row"), "original")
    # an article's strongest link is one inside its story: a report link still
    # waiting between two stories belongs to neither (as in the store)
    story_a = story.select(F.col("row").alias("a"), F.col("story").alias("story_a"))
    story_b = story.select(F.col("row").alias("b"), F.col("story").alias("story_b"))
    inside = (
        links.join(story_a, "a", "left")
        .join(story_b, "b", "left")
        .where(F.coalesce("story_a", "a") == F.coalesce("story_b", "b"))
    )
    ends = inside.select(F.col("a").alias("row"), "relation", "score").unionByName(
        inside.select(F.col("b").alias("row"), "relation", "score")
    )
    rank = _relation_rank()
    strongest = (
        ends.groupBy("row")
        .agg(
            F.min(F.struct(rank[F.col("relation")], -F.col("score"), "relation", "score")).alias(
                "s"
            )
        )
        .select("row", F.col("s.relation").alias("relation"), F.col("s.score").alias("score"))
    )
    annotated = (
        good.select("row", "id", "published", "title", "outlet")
        .join(story, "row", "left")
        .join(duplicate_of, "row", "left")
        .join(strongest, "row", "left")
        .select(
            "row",
            F.coalesce("story", "row").alias("story_id"),
            F.when(F.col("original") != F.col("id"), F.col("original")).alias("duplicate_of"),
            "relation",
            "score",
            "published",
            "title",
            "outlet",
            "id",
        )
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    out_records = keyed.join(
        annotated.select("row", "story_id", "duplicate_of", "relation", "score"), "row"
    ).drop("row", *[f"__nc_{name}" for name in _FIELDS], "__nc_corrupt", "__nc_order")
    _write(out_records, f"{output}/articles", output_format)
    stories = annotated.groupBy("story_id").agg(
        F.count(F.lit(1)).alias("size"),
        F.min("published").alias("first_seen"),
        F.sort_array(F.collect_set("outlet")).alias("outlets"),
        F.min(F.struct(order_key.alias("k"), F.col("title").alias("title"))).alias("t"),
    )
    stories = stories.select(
        "story_id", "size", "first_seen", "outlets", F.col("t.title").alias("title")
    )
    _write(stories.orderBy("story_id"), f"{output}/stories", output_format)
    id_of = good.select("row", "id")
    named_links = (
        links.join(id_of.withColumnRenamed("row", "a").withColumnRenamed("id", "a_id"), "a")
        .join(id_of.withColumnRenamed("row", "b").withColumnRenamed("id", "b_id"), "b")
        .select("a_id", "b_id", "relation", "score")
    )
    _write(named_links.orderBy("a_id", "b_id"), f"{output}/links", output_format)
    problems = problems.persist(StorageLevel.MEMORY_AND_DISK)
    _write(problems.orderBy("record", "reason"), f"{output}/problems", output_format)

    summary = SparkSummary(
        read=read,
        articles=annotated.count(),
        stories=stories.count(),
        links=links.count(),
    )
    kinds = problems.groupBy(F.substring_index("reason", KIND_SEPARATOR, 1).alias("kind"))
    summary.reasons = {r["kind"]: r["count"] for r in kinds.count().collect()}
    summary.problems = sum(summary.reasons.values())
    for df in (records, keyed, feats, links, annotated, problems):
        df.unpersist()
    return summary


# --- reading ------------------------------------------------------------------


def _guess_format(inputs: Sequence[str]) -> str:
    """Parquet for a ``.parquet`` name or a local folder of Parquet parts (what Spark
    writes), else JSONL; ``--input-format`` says it for anything else."""
    first = inputs[0].rstrip("/")
    if first.lower().endswith(".parquet"):
        return "parquet"
    folder = Path(first)
    if "://" not in first and folder.is_dir() and any(folder.glob("*.parquet")):
        return "parquet"
    return "json"


def _read(spark: Any, inputs: Sequence[str], fmt: str, columns: Columns) -> Any:
    """The input with ``__nc_<field>`` string columns and its order: (published, id),
    undated last, then the row of the whole record."""
    from pyspark.sql import functions as F

    if fmt == "parquet":
        df = spark.read.parquet(*inputs)
        corrupt = F.lit(None).cast("string")
    elif fmt in ("json", "jsonl"):
        df = (
            spark.read.option("mode", "PERMISSIVE")
            .option("columnNameOfCorruptRecord", "_corrupt_record")
            .json(list(inputs))
        )
        corrupt = F.col("_corrupt_record") if "_corrupt_record" in df.columns else F.lit(None)
    else:
        raise ValueError(f"input format {fmt!r}: expected parquet or json")
    chosen = {name: getattr(columns, name) for name in (f.name for f in fields(Columns))}
    for name in ("id", "text"):
        if chosen[name] not in df.columns and not (name == "text" and chosen["html"] in df.columns):
            raise ValueError(f"{inputs[0]}: no column {chosen[name]!r} (see --{name}-col)")
    extra = {
        f"__nc_{name}": (
            F.col(f"`{column}`").cast("string")
            if column in df.columns
            else F.lit(None).cast("string")
        )
        for name, column in chosen.items()
    }
    df = df.withColumns(extra).withColumn("__nc_corrupt", corrupt.cast("string"))
    if "_corrupt_record" in df.columns:
        df = df.drop("_corrupt_record")
    return df


def _rows(records: Any, columns: Columns) -> tuple[Any, Any]:
    """Number the usable records in article order; the rest become problems."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    # corrupt lines are few: a plain UDF will do (a lambda: Spark reads a function's type
    # hints as a pandas UDF's, and warns)
    why = F.udf(lambda line: json_line_problem(line), "string")
    problems = records.where(F.col("__nc_corrupt").isNotNull()).select(
        F.substring("__nc_corrupt", 1, 80).alias("record"),
        why("__nc_corrupt").alias("reason"),
    )
    usable = records.where(F.col("__nc_corrupt").isNull())
    no_id = F.col("__nc_id").isNull() & F.col("__nc_url").isNull()
    problems = problems.unionByName(
        usable.where(no_id).select(
            F.substring(F.coalesce("__nc_title", "__nc_text"), 1, 80).alias("record"),
            F.lit(f"record has no '{columns.id}' or '{columns.url}'").alias("reason"),
        )
    )
    usable = usable.where(~no_id).withColumn("__nc_id", F.coalesce("__nc_id", "__nc_url"))
    order = [F.coalesce("__nc_published", F.lit("9999")), F.col("__nc_id"), F.col("__nc_text")]
    ranked = usable.withColumn(
        "__nc_order", F.row_number().over(Window.partitionBy("__nc_id").orderBy(*order))
    )
    problems = problems.unionByName(
        ranked.where(F.col("__nc_order") > 1).select(
            F.col("__nc_id").alias("record"),
            F.lit("id repeated within the input; read once").alias("reason"),
        )
    )
    unique = ranked.where(F.col("__nc_order") == 1)
    keys = unique.select(F.coalesce("__nc_published", F.lit("9999")).alias("p"), "__nc_id")
    numbered = (
        keys.orderBy("p", "__nc_id")
        .rdd.zipWithIndex()
        .map(lambda pair: (pair[0][1], pair[1] + 1))
        .toDF(["__nc_id", "row"])
    )
    return unique.join(numbered, "__nc_id"), problems


def _article(record: Any, settings: Settings) -> Article | Problem:
    # under the input's own names, so that a problem names the field the input lacks
    fields_ = {getattr(settings.columns, name): record[f"__nc_{name}"] for name in _FIELDS}
    ident = str(record["__nc_id"])
    return record_article(fields_, source=ident, default_id=ident, settings=settings)


def _recurring(keyed: Any, settings: Settings) -> dict[str, frozenset[str]]:
    """Outlet furniture over the whole input: short lines counted per outlet in
    Spark, decided by the local engine's rule per outlet."""
    from pyspark.sql import functions as F

    def lines(batches: Iterator[Any]) -> Iterator[Any]:
        import pandas as pd

        for batch in batches:
            out: list[tuple[str, str]] = []
            for record in batch.to_dict("records"):
                article = _article(record, settings)
                if isinstance(article, Article) and article.outlet:
                    done = clean(article)
                    out += [
                        (article.outlet, "\x00"),
                        *((article.outlet, x) for x in short_lines(done.text.split("\n"))),
                    ]
            yield pd.DataFrame(out, columns=["outlet", "line"])

    counted = (
        keyed.mapInPandas(lines, "outlet string, line string").groupBy("outlet", "line").count()
    )
    sizes = counted.where(F.col("line") == "\x00").select("outlet", F.col("count").alias("size"))
    minimum = settings.outlet_furniture_min_articles
    frequent = counted.where((F.col("line") != "\x00") & (F.col("count") >= minimum)).join(
        sizes, "outlet"
    )

    def decide(batches: Iterator[Any]) -> Iterator[Any]:
        import pandas as pd

        for batch in batches:
            out = []
            for (outlet, size), group in batch.groupby(["outlet", "size"]):
                counts = dict(zip(group["line"], group["count"], strict=True))
                found = recurring_from_counts(counts, int(size), min_articles=minimum)
                out += [(outlet, line) for line in sorted(found)]
            yield pd.DataFrame(out, columns=["outlet", "line"])

    # each outlet's frequent lines in one partition, then the shared rule decides
    grouped = frequent.repartition("outlet").mapInPandas(decide, "outlet string, line string")
    result: dict[str, set[str]] = {}
    for row in grouped.collect():  # furniture: a few lines per outlet
        result.setdefault(row["outlet"], set()).add(row["line"])
    return {k: frozenset(v) for k, v in result.items()}


_FEATURE_SCHEMA = (
    "row long, id string, problem string, text_hash string, shingles binary,"
    " lead_shingles binary, names array<string>, name_norm double, day int, lead string,"
    " published string, title string, outlet string, keys array<long>, lead_keys array<long>"
)
# the columns that hold strings, bytes or lists, which pandas turns to float where missing
_OBJECT_COLUMNS = tuple(
    name
    for name, kind in (column.split() for column in _FEATURE_SCHEMA.split(", "))
    if kind in ("string", "binary") or kind.startswith("array")
)


def _featured(
    batches: Iterator[Any], settings: Settings, recurring: dict[str, frozenset[str]]
) -> Iterator[Any]:
    """Clean and feature each record, exactly as ``Store.add`` does."""
    import pandas as pd

    for batch in batches:
        rows: list[dict[str, Any]] = []
        kept: list[tuple[int, Cleaned]] = []
        for record in batch.to_dict("records"):
            read = _article(record, settings)
            item = (
                finish(clean(read, recurring.get(read.outlet or "", frozenset())), settings)
                if isinstance(read, Article)
                else read
            )
            if isinstance(item, Problem):
                rows.append(
                    {"row": record["row"], "id": str(record["__nc_id"]), "problem": item.reason}
                )
            else:
                kept.append((int(record["row"]), item))
        if kept:
            features = article_features([c for _, c in kept])
            keys, lead_keys = _signature_bands(
                [f.shingles for f in features], [f.lead_shingles for f in features]
            )
            for (row, cleaned), f, full, lead in zip(kept, features, keys, lead_keys, strict=True):
                weighted = {n: float(name_weight(n)) for n in f.names}
                rows.append(
                    {
                        "row": row,
                        "id": cleaned.article.id,
                        "problem": None,
                        "text_hash": f.text_hash,
                        "shingles": f.shingles.tobytes(),
                        "lead_shingles": f.lead_shingles.tobytes(),
                        "names": sorted(f.names),
                        "name_norm": name_norm(weighted),
                        "day": f.day,
                        "lead": f.lead,
                        "published": cleaned.article.published,
                        "title": cleaned.article.title,
                        "outlet": cleaned.article.outlet,
                        "keys": [int(k) for k in full],
                        "lead_keys": [int(k) for k in lead],
                    }
                )
        frame = pd.DataFrame(rows, columns=[c.split()[0] for c in _FEATURE_SCHEMA.split(", ")])
        for column in _OBJECT_COLUMNS:
            # a problem row has none: None, where pandas would have put a float NaN, which
            # made a column of a batch without titles (or outlets) float, and Arrow could
            # not write it as strings: the job failed on one bad record
            frame[column] = [
                v if isinstance(v, str | bytes | list) else None for v in frame[column]
            ]
        yield frame.astype({"row": "int64", "day": "Int32", "name_norm": "float64"})


# --- candidates -------------------------------------------------------------------


def _band_pairs(signed: Any) -> Any:
    """Pairs from band buckets: grouped on the key, paired by ``bucket_pairs``."""
    from pyspark.sql import functions as F

    bands = signed.select("row", F.posexplode("keys").alias("band", "key")).unionByName(
        signed.select("row", F.posexplode("lead_keys").alias("band", "key")).withColumn(
            "band", F.col("band") + LEAD_BAND_OFFSET
        )
    )
    buckets = (
        bands.groupBy("band", "key")
        .agg(F.sort_array(F.collect_list("row")).alias("members"))
        .where(F.size("members") > 1)
        .select("members")
    )

    def pairs(batches: Iterator[Any]) -> Iterator[Any]:
        import pandas as pd

        for batch in batches:
            found = [
                p for members in batch["members"] for p in bucket_pairs([int(m) for m in members])
            ]
            yield pd.DataFrame(found, columns=["a", "b"], dtype="int64")

    return buckets.mapInPandas(pairs, "a long, b long")


def _name_pairs(signed: Any) -> Any:
    """Pairs from names: each name's carriers in one pass (``older_in_window``), then
    each article's nearest by ``nearest_by_names``."""
    from pyspark.sql import functions as F

    # a name's carriers are one row: whether a name is too common is decided in each
    # article's window of days (``older_in_window``), which no prefix of them tells
    carriers = (
        signed.select("row", "day", F.explode("names").alias("name"))
        .groupBy("name")
        .agg(F.sort_array(F.collect_list(F.struct("row", "day"))).alias("carriers"))
        .where(F.size("carriers") > 1)
    )

    def older(batches: Iterator[Any]) -> Iterator[Any]:
        import pandas as pd

        for batch in batches:
            out = []
            for name, occurrences in zip(batch["name"], batch["carriers"], strict=True):
                pairs = [
                    (int(o["row"]), None if o["day"] is None else int(o["day"]))
                    for o in occurrences
                ]
                for row, rows in older_in_window(pairs):
                    out += [(row, name, other) for other in rows]
            yield pd.DataFrame(out, columns=["a", "name", "b"]).astype({"a": "int64", "b": "int64"})

    shared = carriers.mapInPandas(older, "a long, name string, b long")
    norms = signed.select(F.col("row").alias("b"), F.col("name_norm").alias("norm_b"))
    own = signed.select(
        F.col("row").alias("a"), F.col("name_norm").alias("norm_a"), F.col("names").alias("names_a")
    )
    grouped = (
        shared.join(norms, "b")
        .groupBy("a")
        .agg(F.collect_list(F.struct("name", "b", "norm_b")).alias("found"))
        .join(own, "a")
    )

    def nearest(batches: Iterator[Any]) -> Iterator[Any]:
        import pandas as pd

        for batch in batches:
            out = []
            for a, found, norm_a, names_a in zip(
                batch["a"], batch["found"], batch["norm_a"], batch["names_a"], strict=True
            ):
                by_name: dict[str, list[int]] = {}
                norms_: dict[int, float] = {int(a): float(norm_a)}
                for item in found:
                    by_name.setdefault(item["name"], []).append(int(item["b"]))
                    norms_[int(item["b"])] = float(item["norm_b"])
                weight = {n: float(name_weight(n)) for n in names_a}
                lists = [(n, sorted(rows)) for n, rows in sorted(by_name.items())]
                out += [
                    (other, int(a)) for other in nearest_by_names(int(a), lists, weight, norms_)
                ]
            yield pd.DataFrame(out, columns=["a", "b"], dtype="int64")

    return grouped.mapInPandas(nearest, "a long, b long")


# --- verification -------------------------------------------------------------------

_EMBEDDER: Any = None


class _BatchLookup:
    """What ``Verifier`` reads of the two ends of a batch of candidate pairs. Each
    article is its own story here: the verifier's shortcut for pairs already
    joined then only uses the batch's sure links, which changes no story."""

    def __init__(self, rows: dict[int, dict[str, Any]], settings: Settings) -> None:
        self.rows = rows
        self.settings = settings
        self._vectors: dict[int, npt.NDArray[np.float32]] = {}
        self._names = {r: {n: float(name_weight(n)) for n in v["names"]} for r, v in rows.items()}

    def load(self, rows: Any) -> None:
        return None

    def get(
        self, row: int
    ) -> tuple[str, npt.NDArray[np.uint64], npt.NDArray[np.uint64], str, int | None]:
        v = self.rows[row]
        day = v["day"]
        return (
            v["text_hash"],
            np.frombuffer(v["shingles"], np.uint64),
            np.frombuffer(v["lead_shingles"], np.uint64),
            v["lead"],
            None if day is None or (isinstance(day, float) and np.isnan(day)) else int(day),
        )

    def name_cosine(self, a: int, b: int) -> float:
        return name_cosine(
            self._names[a], self._names[b], self.rows[a]["name_norm"], self.rows[b]["name_norm"]
        )

    def name_count(self, row: int) -> int:
        return len(self._names[row])

    def story(self, row: int) -> int:
        return row

    def vectors(self, rows: Sequence[int]) -> npt.NDArray[np.float32]:
        global _EMBEDDER
        missing = [r for r in rows if r not in self._vectors]
        if missing:
            if _EMBEDDER is None:  # once per Python worker: the workers are reused
                from newscollate.represent import default_embedder

                _EMBEDDER = default_embedder(self.settings.model_path, self.settings.batch_size)
            encoded = _EMBEDDER.encode([self.rows[r]["lead"] for r in missing])
            for r, v in zip(missing, encoded, strict=True):
                self._vectors[r] = np.asarray(v, np.float32)
        return np.vstack([self._vectors[r] for r in rows])


def _verified(candidates: Any, good: Any, settings: Settings) -> Any:
    from pyspark.sql import functions as F

    cols = ["text_hash", "shingles", "lead_shingles", "lead", "day", "names", "name_norm"]
    end = good.select("row", *cols)
    both = candidates.join(
        end.select(F.col("row").alias("a"), *[F.col(c).alias(f"a_{c}") for c in cols]), "a"
    ).join(end.select(F.col("row").alias("b"), *[F.col(c).alias(f"b_{c}") for c in cols]), "b")

    def verify(batches: Iterator[Any]) -> Iterator[Any]:
        import pandas as pd

        for batch in batches:
            rows: dict[int, dict[str, Any]] = {}
            pairs = []
            for record in batch.to_dict("records"):
                for end_ in ("a", "b"):
                    rows[int(record[end_])] = {c: record[f"{end_}_{c}"] for c in cols}
                pairs.append(Pair(int(record["a"]), int(record["b"])))
            links = Verifier(bar=ModelBar.of(settings)).verify(
                sorted(pairs, key=lambda p: (p.a, p.b)), _BatchLookup(rows, settings)
            )
            yield pd.DataFrame(links, columns=["a", "b", "relation", "score"]).astype(
                {"a": "int64", "b": "int64", "score": "float64"}
            )

    return both.mapInPandas(verify, "a long, b long, relation string, score double")


# --- writing -------------------------------------------------------------------


def _stories(spark: Any, links: Any) -> Any:
    """Each linked article's story, by ``cluster.StoryJoiner`` as the store does it:
    the links stream to the driver in arrival order (``toLocalIterator``, a
    partition at a time), since whether a report link merges two stories depends on
    their sizes when it arrives, which no partition knows. The driver holds the
    union-find of the linked articles and the waiting report links: about 70 MiB
    for a million linked articles (tracemalloc, synthetic links), plus the waits."""
    from pyspark.sql import functions as F

    rank = _relation_rank()
    ordered = links.select("a", "b", "relation", "score").orderBy(
        F.greatest("a", "b"), rank[F.col("relation")], F.desc("score"), F.least("a", "b")
    )
    joiner = StoryJoiner()
    for link in ordered.toLocalIterator():
        joiner.link(link.a, link.b, link.relation)
    found = joiner.stories
    return spark.createDataFrame(
        [(row, found.find(row)) for row in list(found.parent)], "row long, story long"
    )


def _relation_rank() -> Any:
    """A column map from relation to its rank in ``cluster.strength``: copies first."""
    from pyspark.sql import functions as F

    ranks = {relation: strength(relation, 0.0)[0] for relation in get_args(LinkRelation)}
    return F.create_map(*[x for k, v in ranks.items() for x in (F.lit(k), F.lit(v))])


def _write(df: Any, path: str, fmt: str) -> None:
    writer = df.write.mode("overwrite")
    if fmt == "parquet":
        writer.parquet(path)
    elif fmt in ("json", "jsonl"):
        writer.json(path)
    else:
        raise ValueError(f"output format {fmt!r}: expected parquet or jsonl")
