"""The Spark engine in local[2] against the local engine, on a generated corpus.

Real Spark (Java 17, PySpark in local mode) and the real model: the same stories,
the same story ids and the same originals as ``newscollate.dedup`` on the same
records; bad records skipped and counted; Parquet and JSONL in and out.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import newscollate
from newscollate.spark import dedup, session
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import corpusgen

N = 1200


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    assert shutil.which("java"), "Java 17 is missing: `make test` installs it"
    os.environ["PYSPARK_PYTHON"] = sys.executable
    spark = session("local[2]", app="newscollate-tests")
    spark.conf.set("spark.sql.shuffle.partitions", "4")
    spark.sparkContext.setLogLevel("ERROR")
    yield spark
    spark.stop()


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    """Generated articles in Spark's article order: (published, id), undated last."""
    articles, _ = corpusgen.generate_corpus(N, 5)
    return sorted(articles, key=lambda r: (r.get("published") or "9999", r["id"]))


def _jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _read(folder: Path) -> list[dict[str, Any]]:
    if any(folder.glob("*.parquet")):
        return pq.read_table(folder).to_pylist()
    # Spark's JSON writer leaves null fields out
    return [
        json.loads(line)
        for f in sorted(folder.glob("*.json"))
        for line in f.read_text(encoding="utf-8").splitlines()
    ]


@pytest.fixture(scope="module")
def local(
    records: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    """The local engine on the same records, in one batch: the outlet-furniture rule
    then sees the whole corpus, as Spark's does."""
    path = _jsonl(tmp_path_factory.mktemp("local") / "corpus.jsonl", records)
    annotated, summary = newscollate.dedup([path], batch_size=len(records))
    assert summary.skipped == 0
    return {a.article.id: a for a in annotated}


def test_spark_finds_the_local_engines_stories(
    spark: Any, records: list[dict[str, Any]], local: dict[str, Any], tmp_path: Path
) -> None:
    source = _jsonl(tmp_path / "corpus.jsonl", records)
    summary = dedup(spark, [str(source)], str(tmp_path / "out"), output_format="jsonl")
    assert summary.read == summary.articles == N and summary.problems == 0
    out = {r["id"]: r for r in _read(tmp_path / "out" / "articles")}
    assert set(out) == set(local)
    for article_id, mine in local.items():
        theirs = out[article_id]
        assert (theirs["story_id"], theirs.get("duplicate_of")) == (mine.story, mine.duplicate_of)
        if mine.duplicate_of is not None:  # a copy's link is never left to the model
            assert (theirs.get("relation"), theirs.get("score")) == (mine.relation, mine.score)
    # the corpus has real stories: merged ones, copies and reports in other words
    sizes: dict[int, int] = {}
    for a in local.values():
        sizes[a.story] = sizes.get(a.story, 0) + 1
    assert max(sizes.values()) >= 4 and sum(1 for s in sizes.values() if s > 1) >= 50
    assert {r.get("relation") for r in out.values()} >= {
        "exact",
        "near-duplicate",
        "rewrite",
        "same-story",
    }
    stories = _read(tmp_path / "out" / "stories")
    assert len(stories) == summary.stories == len(sizes)
    assert sum(s["size"] for s in stories) == N
    links = _read(tmp_path / "out" / "links")
    assert len(links) == summary.links and all(x["a_id"] in out and x["b_id"] in out for x in links)


def test_bad_records_are_skipped_and_counted_parquet_in_and_out(
    spark: Any, records: list[dict[str, Any]], tmp_path: Path
) -> None:
    good = records[:150]
    bad = [
        {"id": "empty", "text": "", "title": "nothing here"},
        {"id": "short", "text": "Too short."},
        {"text": "An article long enough to be read, but with no id or url to name it by."},
        {"id": good[0]["id"], "text": "The same id again, with other text in it than the first."},
    ]
    rows = good + bad
    keys = sorted({k for r in rows for k in r})
    table = pa.Table.from_pylist([{k: r.get(k) for k in keys} for r in rows])
    (tmp_path / "in").mkdir()
    pq.write_table(table, tmp_path / "in" / "part-0.parquet")
    summary = dedup(spark, [str(tmp_path / "in")], str(tmp_path / "out"))  # a folder of Parquet
    assert summary.read == len(rows)
    assert summary.articles == len(good)
    assert summary.problems == len(bad)
    assert summary.reasons == {
        "record has no 'text' or 'html'": 1,
        "too short to be an article": 1,
        "record has no 'id' or 'url'": 1,
        "id repeated within the input; read once": 1,
    }
    out = _read(tmp_path / "out" / "articles")
    assert len(out) == len(good) and {"story_id", "duplicate_of", "relation", "score"} <= set(
        out[0]
    )
    assert set(out[0]) >= {"id", "text", "title"}  # the record's own columns come back
    problems = _read(tmp_path / "out" / "problems")
    assert len(problems) == len(bad)


def test_broken_json_lines_are_reported_not_fatal(
    spark: Any, records: list[dict[str, Any]], tmp_path: Path
) -> None:
    path = tmp_path / "mixed.jsonl"
    lines = [json.dumps(r) for r in records[:40]]
    lines.insert(10, '{"id": "broken", "text": "no closing brace"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = dedup(spark, [str(path)], str(tmp_path / "out"), output_format="jsonl")
    assert summary.articles == 40
    assert summary.reasons == {"broken JSON": 1}  # in the local reader's words


def test_the_command_line_runs_the_job(records: list[dict[str, Any]], tmp_path: Path) -> None:
    """``newscollate spark dedup`` end to end in a fresh process, custom columns."""
    renamed = [
        {"key": r["id"], "body": r["text"], "date": r.get("published")} for r in records[:60]
    ]
    source = _jsonl(tmp_path / "in.jsonl", [*renamed, {"key": "empty", "body": ""}])
    done = subprocess.run(
        [sys.executable, "-m", "newscollate", "spark", "dedup", "--master", "local[2]",
         "--input", str(source), "--output", str(tmp_path / "out"), "--output-format", "jsonl",
         "--id-col", "key", "--text-col", "body", "--published-col", "date",
         "--shuffle-partitions", "4"],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 3, done.stderr[-2000:]  # one record skipped
    out = _read(tmp_path / "out" / "articles")
    assert len(out) == 60 and {"key", "body", "story_id"} <= set(out[0])
    assert "61 records read: 60 articles" in done.stderr
    assert "record has no 'body' or 'html'" in done.stderr  # the input's own names


def test_embed_all_is_refused_on_spark_before_any_work(tmp_path: Path) -> None:
    """The meaning search is the store's; asked of Spark it fails at once, in words."""
    with pytest.raises(ValueError, match="not supported on Spark"):
        dedup(
            None,
            [str(tmp_path / "in.jsonl")],
            str(tmp_path / "out"),
            settings=newscollate.Settings(embed_all=True),
        )
