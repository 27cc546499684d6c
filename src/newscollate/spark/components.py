"""Connected components of a link graph inside Spark, never collected on the driver.

The alternating large-star / small-star algorithm (Kiveris et al., "Connected
Components in MapReduce and Beyond", SoCC 2014): each round points every node at
the smallest node it can see, so components become stars around their smallest
member in O(log n) rounds, and each round is two joins and two aggregations. The
smallest member is what the store calls a story's number (a merged story keeps its
oldest article's number), which is what makes the two engines' story ids equal.
"""

from __future__ import annotations

from typing import Any

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

__all__ = ["components"]

MAX_ROUNDS = 100


def components(edges: DataFrame, *, src: str = "a", dst: str = "b") -> DataFrame:
    """``(node, component)`` for every node of ``edges``, the component being its
    smallest node."""
    # every step reads its input several times: each is materialised first, so no
    # plan repeats the whole job that made the links
    graph = _undirected(edges.select(F.col(src).alias("u"), F.col(dst).alias("v")))
    graph = graph.localCheckpoint()
    for _ in range(MAX_ROUNDS):
        before = graph
        graph = _small_star(_large_star(graph).localCheckpoint()).localCheckpoint()
        if _same(graph, before):
            break
    else:  # pragma: no cover - log2 of any real graph is far below MAX_ROUNDS
        raise RuntimeError(f"connected components did not converge in {MAX_ROUNDS} rounds")
    smallest = graph.groupBy("u").agg(F.min("v").alias("m"))
    return smallest.select(F.col("u").alias("node"), F.least("u", "m").alias("component"))


def _undirected(pairs: DataFrame) -> DataFrame:
    both = pairs.union(pairs.select(F.col("v").alias("u"), F.col("u").alias("v")))
    return both.where(F.col("u") != F.col("v")).distinct()


def _large_star(graph: DataFrame) -> DataFrame:
    """Every neighbour larger than a node is pointed at the node's smallest neighbour
    (or the node itself)."""
    smallest = graph.groupBy("u").agg(F.min("v").alias("m"))
    smallest = smallest.select("u", F.least("u", "m").alias("m"))
    larger = graph.where(F.col("v") > F.col("u")).join(smallest, "u")
    return _undirected(larger.select(F.col("v").alias("u"), F.col("m").alias("v")))


def _small_star(graph: DataFrame) -> DataFrame:
    """A node and its smaller neighbours are all pointed at the smallest of them."""
    smaller = graph.where(F.col("v") < F.col("u"))
    smallest = smaller.groupBy("u").agg(F.min("v").alias("m"))
    joined = smaller.join(smallest, "u")
    # every edge is some node's edge to a smaller neighbour, so nothing else is kept
    moved = joined.select(F.col("v").alias("u"), F.col("m").alias("v"))
    return _undirected(moved.union(smallest.select("u", F.col("m").alias("v"))))


def _same(a: DataFrame, b: DataFrame) -> bool:
    summary: Any = F.struct(F.count(F.lit(1)), F.sum(F.xxhash64("u", "v").cast("decimal(38,0)")))
    return bool(a.select(summary.alias("s")).first() == b.select(summary.alias("s")).first())
