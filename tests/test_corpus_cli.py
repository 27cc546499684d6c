"""The corpus commands as a user runs them: index add, stories, story, dedup."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLE, ROOT, SEEDS

STORM = ROOT / "tests" / "eval" / "data" / "storm-idris"


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newscollate", *map(str, args)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip


def test_index_list_and_collate_a_story(tmp_path: Path) -> None:
    store = tmp_path / "news.db"
    storm = sorted(STORM.glob("v*.txt"))
    added = run("index", "add", EXAMPLE, SEEDS, *storm, "--store", store)
    assert added.returncode == 0, added.stderr
    assert "added 10 of 10 articles" in added.stderr
    listed = run("stories", "--store", store, "--format", "json", "--min-size", "2")
    stories = json.loads(listed.stdout)
    assert sorted(s["size"] for s in stories) == [2, 3, 4]  # seeds, storm, harbour fire
    seeds = next(s for s in stories if s["size"] == 2)
    collated = run("story", str(seeds["id"]), "--store", store, "--format", "json")
    assert collated.returncode == 0, collated.stderr
    result = json.loads(collated.stdout)
    assert result["schema"] == "newscollate/comparison@2"
    assert any(c["kind"] == "spelling" for c in result["checks"])  # Kharkiv / Kharviv
    html = run(
        "story", str(seeds["id"]), "--store", store, "--format", "html", "-o", tmp_path / "s.html"
    )
    assert html.returncode == 0 and "<table" in (tmp_path / "s.html").read_text(encoding="utf-8")
    again = run("index", "add", EXAMPLE, "--store", store)
    assert again.returncode == 0 and "(5 already stored)" in again.stderr


def test_missing_store_and_story_are_one_line_errors(tmp_path: Path) -> None:
    missing = run("stories", "--store", tmp_path / "none.db")
    assert missing.returncode == 1 and "no such store" in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1
    store = tmp_path / "s.db"
    run("index", "add", EXAMPLE, "--store", store)
    absent = run("story", "999", "--store", store)
    assert absent.returncode == 1 and "no story 999" in absent.stderr


def test_dedup_annotates_every_record(tmp_path: Path) -> None:
    text = (STORM / "v1.txt").read_text(encoding="utf-8")
    records = [
        {"id": "wire", "text": text, "outlet": "Wire", "published": "2024-01-10"},
        {"id": "copy", "text": text, "outlet": "Daily", "published": "2024-01-11"},
        {"id": "broken"},
    ]
    corpus = tmp_path / "feed.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    out = tmp_path / "annotated.jsonl"
    done = run("dedup", corpus, EXAMPLE / "unrelated.txt", "-o", out)
    assert done.returncode == 3, done.stderr  # one record skipped, named on stderr
    assert "broken" in done.stderr or "feed.jsonl:3" in done.stderr
    rows = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert rows["copy"]["duplicate_of"] == "wire" and rows["copy"]["relation"] == "exact"
    assert (
        rows["wire"]["duplicate_of"] is None
        and rows["wire"]["story_id"] == rows["copy"]["story_id"]
    )
    assert rows["wire"]["outlet"] == "Wire"
    unrelated = next(r for k, r in rows.items() if k.endswith("unrelated.txt"))
    assert unrelated["story_id"] != rows["wire"]["story_id"] and unrelated["relation"] is None
    parquet = run("dedup", corpus, "-o", tmp_path / "annotated.parquet")
    assert parquet.returncode == 3
    import pyarrow.parquet as pq

    table = pq.read_table(tmp_path / "annotated.parquet")
    assert {"story_id", "duplicate_of", "relation", "score"} <= set(table.column_names)


def test_dedup_gives_each_record_back_with_its_own_fields(tmp_path: Path) -> None:
    """Whatever a record carries besides the article (a desk, tags, a number) comes
    back with it, from JSONL or Parquet, to JSONL or Parquet; a record without an
    id gets the one ``duplicate_of`` names."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    text = (STORM / "v1.txt").read_text(encoding="utf-8")
    records = [
        {
            "id": "wire",
            "text": text,
            "published": "2024-01-10",
            "desk": "weather",
            "tags": ["storm", "wind"],
            "n": 1,
        },
        {"text": text, "published": "2024-01-11", "desk": "regional", "tags": [], "n": 2},
    ]
    corpus = tmp_path / "feed.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    done = run("dedup", corpus)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["desk"] for r in rows] == ["weather", "regional"]
    assert rows[0]["tags"] == ["storm", "wind"] and rows[1]["n"] == 2
    assert rows[0]["text"] == text  # the record's text as given, not as cleaned
    assert rows[1]["id"] == f"{corpus}:2" and rows[1]["duplicate_of"] == "wire"
    assert rows[1]["relation"] == "exact"

    table = tmp_path / "feed.parquet"
    pq.write_table(pa.Table.from_pylist(records), table)
    out = tmp_path / "annotated.parquet"
    done = run("dedup", table, "-o", out)
    assert done.returncode == 0, done.stderr
    back = pq.read_table(out).to_pylist()
    assert [r["desk"] for r in back] == ["weather", "regional"] and back[1]["n"] == 2
    assert back[1]["duplicate_of"] == "wire" and back[1]["id"] == f"{table}:2"


def test_dedup_names_originals_by_their_ids_as_given(tmp_path: Path) -> None:
    """Numeric ids stay numbers, in ``id`` and in the ``duplicate_of`` that names them,
    so the output joins with itself and with the input, in JSONL and in Parquet."""
    import pyarrow.parquet as pq

    text = (STORM / "v1.txt").read_text(encoding="utf-8")
    records = [{"id": 7, "text": text}, {"id": 8, "text": text}, {"id": "x9", "text": text}]
    corpus = tmp_path / "numbered.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    done = run("dedup", corpus)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["id"] for r in rows] == [7, 8, "x9"]
    assert [r["duplicate_of"] for r in rows] == [None, 7, 7]
    out = tmp_path / "numbered.parquet"
    two = tmp_path / "two.jsonl"
    two.write_text("\n".join(json.dumps(r) for r in records[:2]) + "\n", encoding="utf-8")
    assert run("dedup", two, "-o", out).returncode == 0
    back = pq.read_table(out).to_pylist()
    assert [(r["id"], r["duplicate_of"]) for r in back] == [(7, None), (8, 7)]
    mixed = tmp_path / "mixed.parquet"  # ids of two types: written as strings, both
    assert run("dedup", corpus, "-o", mixed).returncode == 0
    back = pq.read_table(mixed).to_pylist()
    assert [(r["id"], r["duplicate_of"]) for r in back] == [("7", None), ("8", "7"), ("x9", "7")]


def test_dedup_reads_record_fields_by_the_names_given(tmp_path: Path) -> None:
    text = (STORM / "v1.txt").read_text(encoding="utf-8")
    records = [{"key": "a", "body": text}, {"key": "b", "body": text}]
    corpus = tmp_path / "export.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    done = run("dedup", corpus, "--id-col", "key", "--text-col", "body")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["key"] for r in rows] == ["a", "b"] and "id" not in rows[0] | rows[1]
    assert rows[1]["duplicate_of"] == "a" and rows[1]["relation"] == "exact"
    unnamed = run("dedup", corpus)
    assert unnamed.returncode == 1 and "record has no 'text' or 'html'" in unnamed.stderr


def test_the_summary_counts_skipped_records_by_kind(tmp_path: Path) -> None:
    """Each skipped record is named with its details; the summary at the end sums
    them by kind, whatever column the parser stopped at or however short a text."""
    text = (STORM / "v1.txt").read_text(encoding="utf-8")
    lines = [
        json.dumps({"id": "wire", "text": text}),
        '{"id": "a", "text": "cut off',
        '{"id": "b" "text": "no comma"}',
        json.dumps({"id": "c", "text": "Too short."}),
        json.dumps({"id": "d", "text": "Also far too short to be news."}),
    ]
    corpus = tmp_path / "feed.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = run("dedup", corpus, "-o", tmp_path / "out.jsonl")
    assert done.returncode == 3, done.stderr
    named = [line for line in done.stderr.splitlines() if f"skipped {corpus}:" in line]
    assert len(named) == 4
    assert any("feed.jsonl:2: broken JSON: column " in line for line in named)
    assert any("feed.jsonl:5: too short to be an article: 30 characters" in line for line in named)
    summary = next(line for line in done.stderr.splitlines() if "skipped 4" in line)
    assert "; 2 broken JSON" in summary and "; 2 too short to be an article" in summary
    assert "column" not in summary and "characters" not in summary


def test_dedup_and_index_add_with_embed_all(tmp_path: Path) -> None:
    """--embed-all as a user passes it: dedup joins the two reports that share no
    names; a store built without it refuses it in one line and exits non-zero."""
    from tests.store.test_store import SNOW_REPORTS

    corpus = tmp_path / "snow.jsonl"
    corpus.write_text(
        "".join(
            json.dumps({"id": a.id, "title": a.title, "published": a.published, "text": a.text})
            + "\n"
            for a in SNOW_REPORTS
        ),
        encoding="utf-8",
    )
    done = run("dedup", "--embed-all", corpus)
    assert done.returncode == 0, done.stderr
    rows = {r["id"]: r for r in map(json.loads, done.stdout.splitlines())}
    assert rows["roof-1"]["story_id"] == rows["roof-2"]["story_id"] != rows["match"]["story_id"]
    store = tmp_path / "plain.db"
    assert run("index", "add", corpus, "--store", store).returncode == 0
    refused = run("index", "add", "--embed-all", corpus, "--store", store)
    assert refused.returncode != 0
    assert refused.stderr.strip().splitlines()[-1].endswith("(start a new store)")


def test_index_add_in_article_order_finds_dedups_stories(tmp_path: Path) -> None:
    """``index add --article-order`` reads the inputs first and adds the articles by
    date and id: the stories of ``dedup`` of the same records, whose story numbers
    are those of the store; newest first on disk changes nothing."""
    lines = (ROOT / "examples" / "newsdesk" / "newsdesk.jsonl").read_text(encoding="utf-8")
    records = sorted(
        (json.loads(line) for line in lines.splitlines()),
        key=lambda r: (r.get("published") or "", r["id"]),
        reverse=True,
    )
    corpus = tmp_path / "newest-first.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    store = tmp_path / "s.db"
    added = run("index", "add", "--article-order", corpus, "--store", store)
    assert added.returncode == 0, added.stderr
    listed = run("stories", "--store", store, "--format", "json")
    sizes = {s["id"]: s["size"] for s in json.loads(listed.stdout)}
    deduped = [json.loads(line) for line in run("dedup", corpus).stdout.splitlines()]
    from_dedup: dict[int, int] = {}
    for record in deduped:
        from_dedup[record["story_id"]] = from_dedup.get(record["story_id"], 0) + 1
    assert sizes == from_dedup and len(sizes) < len(records)
