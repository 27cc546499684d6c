"""Every input kind, and every kind of bad input, on files the tests write."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newscollate import Article, ConfigError, Problem, Settings, read_bytes, read_record
from newscollate.ingest import load, load_batches

BODY = (
    "Fire crews fought a blaze at the Port Ardlen grain store for six hours on Monday. "
    "About 1,200 tonnes of wheat were lost, the port authority said. "
    "Nobody was hurt, police said."
)
PAGE = f"""<!DOCTYPE html><html lang="en"><head><title>Grain store fire | The Courier</title>
<meta property="og:site_name" content="The Courier"><meta name="author" content="Ann Lee">
<meta property="article:published_time" content="2025-03-03T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Grain store fire</h1><p>{BODY}</p><p>{BODY.replace("Monday", "Tuesday")}</p></article>
<footer>Share this article. Follow us.</footer></body></html>"""


def _load(*inputs: object) -> tuple[list, list]:
    loaded = load(list(inputs), Settings())  # type: ignore[arg-type]
    return list(loaded.articles), [str(p) for p in loaded.problems]


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_text("Grain store fire\n\nBy Ann Lee / March 3, 2025\n\n" + BODY, encoding="utf-8")
    [article], problems = _load(path)
    assert problems == []
    assert article.article.id == "wire.txt"
    assert article.article.title == "Grain store fire"
    assert (article.article.author, article.article.published) == ("Ann Lee", "2025-03-03")
    assert "By Ann Lee" not in article.text
    assert article.boilerplate == ("By Ann Lee / March 3, 2025",)


def test_html_page_with_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    [article], problems = _load(path)
    assert problems == []
    meta = article.article
    assert (meta.outlet, meta.author, meta.published, meta.language) == (
        "The Courier",
        "Ann Lee",
        "2025-03-03",
        "en",
    )
    assert "1,200 tonnes" in article.text
    assert "Follow us" not in article.text


def test_gzipped_html(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(PAGE.encode()))
    [article], _ = _load(path)
    assert "grain store" in article.text


def test_jsonl_with_one_broken_line_keeps_the_rest(tmp_path: Path) -> None:
    """A broken record is reported with its line number; the others load."""
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": BODY, "outlet": "Courier", "published": "2025-03-03"}),
        '{"id": "a2", "text": "unterminated',
        json.dumps({"html": PAGE, "url": "https://courier.example/fire"}),
        json.dumps({"id": "a4"}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    articles, problems = _load(path)
    assert [a.article.id for a in articles] == ["a1", "https://courier.example/fire"]
    assert articles[0].article.outlet == "Courier"
    assert len(problems) == 2
    assert problems[0].startswith(f"{path}:2: broken JSON: column ")
    assert problems[1] == f"{path}:4: record has no 'text' or 'html'"


def test_csv_records(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(f'id,title,text\nx1,Fire,"{BODY}"\n', encoding="utf-8")
    [article], _ = _load(path)
    assert (article.article.id, article.article.title) == ("x1", "Fire")


# warcio's writer (used here only to build the fixture) leaves its temp files to the GC.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_warc_html_responses(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, status, ctype, payload in [
            ("https://courier.example/fire", "200 OK", "text/html; charset=utf-8", PAGE.encode()),
            ("https://courier.example/logo.png", "200 OK", "image/png", b"\x89PNG"),
            ("https://courier.example/gone", "404 Not Found", "text/html", b"<html>gone</html>"),
        ]:
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(payload), http_headers=headers
                )
            )
    [article], problems = _load(path)
    assert problems == []
    assert article.article.id == "https://courier.example/fire"
    assert article.article.outlet == "The Courier"


def test_directory_is_read_recursively(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text(BODY.replace("six", "seven"), encoding="utf-8")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    articles, problems = _load(tmp_path)
    assert sorted(a.article.id for a in articles) == ["a.txt", "sub/b.txt"]
    assert problems == []


def test_corpus_ids_are_paths_so_directories_do_not_collide(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.txt").write_text(BODY + folder, encoding="utf-8")
    [batch] = list(load_batches([tmp_path / "one", tmp_path / "two"], Settings()))
    assert sorted(c.article.id for c in batch.articles) == [
        (tmp_path / "one" / "index.txt").as_posix(),
        (tmp_path / "two" / "index.txt").as_posix(),
    ]


def test_pretty_printed_json_object_is_one_record(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(
        json.dumps({"id": "x", "title": "Fire", "text": BODY}, indent=2), encoding="utf-8"
    )
    [article], problems = _load(path)
    assert problems == [] and article.article.id == "x"
    (tmp_path / "meta.json").write_text(json.dumps({"story": "x"}, indent=2), encoding="utf-8")
    articles, problems = _load(tmp_path / "meta.json")
    assert articles == [] and len(problems) == 1 and "no 'text'" in problems[0]


def test_article_objects_pass_through() -> None:
    [article], _ = _load(Article(text=BODY, id="mine", outlet="Courier"))
    assert (article.article.id, article.article.outlet) == ("mine", "Courier")


def test_an_article_object_with_a_lone_surrogate_is_a_problem_not_a_crash() -> None:
    """What the API is given is checked as records are: SQLite would refuse it later,
    in the middle of a batch."""
    articles, problems = _load(
        Article(text=BODY, id="good"),
        Article(text=BODY + "\udc80", id="bad-text"),
        Article(text=BODY, id="bad-author", author="A\ud800"),
    )
    assert [a.article.id for a in articles] == ["good"]
    assert problems == [
        "bad-text: not valid Unicode: 'text' holds a lone surrogate",
        "bad-author: not valid Unicode: 'author' holds a lone surrogate",
    ]


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        pytest.param("empty.txt", b"", "empty file", id="empty"),
        pytest.param("blank.txt", b"  \n\t\n ", "empty file", id="whitespace-only"),
        pytest.param("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(200), "binary", id="binary"),
        pytest.param(
            "nav.html",
            b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
            "no article text",
            id="html-without-article",
        ),
        pytest.param("tiny.txt", b"Hi.", "too short", id="too-short"),
        pytest.param(
            "furniture.txt",
            b"Share this article\nComments: 0\n",
            "no article text left",
            id="only-furniture",
        ),
    ],
)
def test_bad_files_are_reported_in_one_line(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    articles, problems = _load(path)
    assert articles == []
    [problem] = problems
    assert problem.startswith(str(path)) and reason in problem and "\n" not in problem


def test_missing_path_and_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    _, problems = _load(tmp_path / "nope.txt", tmp_path / "empty")
    assert problems == [
        f"{tmp_path / 'nope.txt'}: no such file or directory",
        f"{tmp_path / 'empty'}: directory holds no article files"
        " (.txt, .html, .jsonl, .csv, .parquet, .warc)",
    ]


def test_large_file_is_skipped_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50_000_000)
    _, problems = _load(path)
    assert problems == [f"{path}: file too large: 50.0 MB, over the 20.0 MB limit"]


def test_same_file_twice_is_read_once(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    articles, problems = _load(path, path)
    assert len(articles) == 1
    assert problems == [f"{path}: given more than once; read once"]


def test_colliding_ids_are_made_unique(tmp_path: Path) -> None:
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "story.txt").write_text(BODY + sub, encoding="utf-8")
    articles, _ = _load(tmp_path / "x" / "story.txt", tmp_path / "y" / "story.txt")
    assert [a.article.id for a in articles] == [
        str(tmp_path / "x" / "story.txt"),
        str(tmp_path / "y" / "story.txt"),
    ]


# --- bytes named like a file (uploads) and single records (the HTTP API) ----------


def test_bytes_read_by_their_name() -> None:
    """An upload is read by its file name's type, like a file on disk."""
    [text] = read_bytes(BODY.encode(), "wire.txt")
    assert isinstance(text, Article) and text.id == "wire.txt" and text.text == BODY
    [page] = read_bytes(PAGE.encode(), "page.html")
    assert isinstance(page, Article) and page.outlet == "The Courier" and "blaze" in page.text
    [packed] = read_bytes(gzip.compress(BODY.encode()), "wire.txt.gz")
    assert isinstance(packed, Article) and packed.text == BODY


def test_bytes_bad_records_and_kinds_are_problems() -> None:
    lines = json.dumps({"id": "a", "text": BODY}) + "\n{broken\n"
    good, broken = read_bytes(lines.encode(), "feed.jsonl")
    assert isinstance(good, Article) and good.id == "a"
    assert isinstance(broken, Problem) and broken.source == "feed.jsonl:2"
    [warc] = read_bytes(b"WARC/1.0\r\n", "crawl.warc")
    assert isinstance(warc, Problem) and "from disk only" in warc.reason
    [big] = read_bytes(b"x" * 200, "big.txt", Settings(max_input_bytes=100))
    assert isinstance(big, Problem) and "too large" in big.reason


def test_record_with_html_or_text_or_neither() -> None:
    page = read_record({"html": PAGE, "outlet": "Courier"}, default_id="article-1")
    assert isinstance(page, Article) and page.id == "article-1" and page.outlet == "Courier"
    assert "1,200 tonnes" in page.text
    text = read_record({"id": "b", "text": BODY, "published": "2025-03-03"})
    assert isinstance(text, Article) and text.id == "b" and text.published == "2025-03-03"
    empty = read_record({"id": "c", "title": "only a title"})
    assert isinstance(empty, Problem) and "no 'text' or 'html'" in empty.reason


def test_jsonl_streams_the_first_record_before_the_file_ends(tmp_path: Path) -> None:
    """A JSONL corpus is read a line at a time: through a named pipe whose writer
    waits until the first record has come out, the reader gets that record first.
    Read whole, it would wait for the end of the file, and this would time out."""
    import os
    import threading

    from newscollate.ingest.sources import read_file

    path = tmp_path / "live.jsonl"
    os.mkfifo(path)
    first_out = threading.Event()

    def write() -> None:
        with path.open("w", encoding="utf-8") as pipe:
            pipe.write(json.dumps({"id": "one", "text": BODY}) + "\n")
            pipe.flush()
            first_out.wait(timeout=30)
            pipe.write(json.dumps({"id": "two", "text": BODY}) + "\n")

    writer = threading.Thread(target=write)
    writer.start()
    items = read_file(path, Settings())
    got: list[object] = []
    reader = threading.Thread(target=lambda: got.append(next(items)))
    reader.start()
    reader.join(timeout=20)
    streamed = bool(got)
    first_out.set()
    reader.join()
    rest = list(items)
    writer.join()
    assert streamed, "the first record only came out once the whole file was read"
    assert [a.id for a in [*got, *rest] if isinstance(a, Article)] == ["one", "two"]


def _assert_a_cut_gzip_keeps_its_first_records(cut: Path, whole: bytes) -> None:
    """Three quarters of a gzip whose first 400 records are r0, r1, ...: the records
    before the break load, in order, and the file gets one problem saying why."""
    cut.write_bytes(whole[: len(whole) * 3 // 4])
    articles, problems = _load(cut)
    assert 0 < len(articles) < 400
    assert [a.article.id for a in articles] == [f"r{i}" for i in range(len(articles))]
    assert len(problems) == 1 and problems[0].startswith(f"{cut}: not a readable gzip file")


def test_jsonl_lines_in_another_encoding_or_cut_off_gzip(tmp_path: Path) -> None:
    """A line in a legacy encoding is decoded on its own; CRLF endings are fine; a
    gzip stream that breaks off keeps the records before the break and says why."""
    latin = json.dumps({"id": "café", "text": BODY + " Café."}, ensure_ascii=False)
    lines = [json.dumps({"id": "a1", "text": BODY}).encode(), latin.encode("cp1252"), b""]
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\r\n".join(lines))
    articles, problems = _load(path)
    assert problems == []
    assert [a.article.id for a in articles] == ["a1", "café"]
    assert articles[1].text.endswith("Café.")

    records = b"".join(
        json.dumps({"id": f"r{i}", "text": f"{BODY} Record {i}."}).encode() + b"\n"
        for i in range(400)
    )
    _assert_a_cut_gzip_keeps_its_first_records(tmp_path / "cut.jsonl.gz", gzip.compress(records))


def test_an_oversized_jsonl_line_is_skipped_unread(tmp_path: Path) -> None:
    """A line longer than max_input_bytes is reported by its number and skipped without
    being held in memory; the lines around it load."""
    settings = Settings(max_input_bytes=2_000)
    path = tmp_path / "feed.jsonl"
    huge = json.dumps({"id": "huge", "text": "word " * 5_000})
    path.write_text(
        "\n".join(
            [json.dumps({"id": "a1", "text": BODY}), huge, json.dumps({"id": "a3", "text": BODY})]
        )
        + "\n",
        encoding="utf-8",
    )
    [batch] = list(load_batches([path], settings))
    assert [c.article.id for c in batch.articles] == ["a1", "a3"]
    [problem] = batch.problems
    assert str(problem).startswith(f"{path}:2: record too large: over the ")


def test_a_utf8_csv_is_read_a_row_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A UTF-8 CSV (gzipped here) never goes through the whole-file read, which the
    test makes fail; a row in cp1252 is decoded on its own, an article longer than
    the csv module's 128 KiB field limit loads, and a gzip stream that breaks off
    keeps the rows before the break."""
    from newscollate.ingest import sources

    def whole(path: Path, settings: Settings) -> bytes:
        raise AssertionError(f"{path} was read whole")

    monkeypatch.setattr(sources, "_read_bytes", whole)
    long_text = " ".join([BODY] * 900)  # about 150 KB
    rows = [
        b"id,title,text",
        *[f'r{i},Row,"{BODY} Row {i}."'.encode() for i in range(400)],  # past 64 KiB
        f'caf\u00e9,Caf\u00e9 fire,"{BODY} Caf\u00e9."'.encode("cp1252"),
        b'long,Long,"' + long_text.encode() + b'"',
        b'a1,Fire,"' + BODY.encode() + b'"',
    ]
    path = tmp_path / "export.csv.gz"
    path.write_bytes(gzip.compress(b"\r\n".join(rows) + b"\r\n"))
    articles, problems = _load(path)
    assert problems == []
    assert [a.article.id for a in articles][-3:] == ["café", "long", "a1"]
    assert articles[-3].text.endswith("Café.") and len(articles[-2].text) > 131072
    assert len(articles) == 403

    _assert_a_cut_gzip_keeps_its_first_records(tmp_path / "cut.csv.gz", path.read_bytes())


def test_a_broken_csv_row_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    """A field over the input limit is one bad row: reported by its number, skipped;
    the rows after it load. (Before, the csv module's error ended the whole run.)"""
    settings = Settings(max_input_bytes=2_000)
    path = tmp_path / "export.csv"
    path.write_text(
        f'id,text\na1,"{BODY}"\nhuge,"{"word " * 5_000}"\na3,"{BODY}"\n', encoding="utf-8"
    )
    loaded = load([path], settings)
    assert [a.article.id for a in loaded.articles] == ["a1", "a3"]
    [problem] = loaded.problems
    assert str(problem) == f"{path}:3: bad CSV row: field larger than field limit (2000)"


def test_a_record_with_a_lone_surrogate_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    """JSON can spell text that no UTF-8 store or hash takes ("\\ud800"); such a record
    is a problem of its own, in its text or its metadata, not the end of the run."""
    path = tmp_path / "feed.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"id": "a1", "text": BODY}),
                json.dumps({"id": "a2", "text": BODY[:40] + "\ud800" + BODY[40:]}),
                json.dumps({"id": "a3", "text": BODY, "title": "Fire \udc80"}),
                json.dumps({"id": "a4", "text": BODY.replace("Monday", "Friday")}),
            ]
        ),
        encoding="utf-8",
    )
    articles, problems = _load(path)
    assert [a.article.id for a in articles] == ["a1", "a4"]
    assert problems == [
        f"{path}:2: not valid Unicode: 'text' holds a lone surrogate",
        f"{path}:3: not valid Unicode: 'title' holds a lone surrogate",
    ]


def test_parquet_rows_are_records(tmp_path: Path) -> None:
    """A Parquet table's rows read as JSONL records are: its columns the fields, each
    row numbered from 1 for the ones without an id, a broken file one problem."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [
        {"id": "a", "text": BODY, "title": "Grain store fire", "desk": "local"},
        {"id": None, "text": BODY.replace("Monday", "Sunday"), "title": None, "desk": "wire"},
        {"id": "c", "text": "", "title": "Nothing here", "desk": None},
    ]
    table = tmp_path / "news.parquet"
    pq.write_table(pa.Table.from_pylist(rows), table)
    articles, problems = _load(table)
    assert [a.article.id for a in articles] == ["a", "news.parquet:2"]
    assert articles[0].article.title == "Grain store fire"
    assert type(articles[0].article) is Article
    assert problems == [f"{table}:3: record has no 'text' or 'html'"]
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 not really")
    articles, problems = _load(tmp_path / "broken.parquet")
    assert not articles and len(problems) == 1
    assert problems[0].startswith(f"{tmp_path / 'broken.parquet'}: not a readable Parquet file: ")
    assert read_bytes(table.read_bytes(), "news.parquet") == [
        Problem(
            "news.parquet", "Parquet files are read from disk only (newscollate index add, dedup)"
        )
    ]


def test_gzipped_parquet_is_read_as_its_table(tmp_path: Path) -> None:
    """``.parquet.gz`` (a crawl's export, compressed once more): the same records as
    the table unpacked, the same ids from the file's name; a cut gzip stream is one
    problem that says so."""
    import gzip

    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [{"id": None, "text": BODY, "title": "Grain store fire"}, {"id": "b", "text": ""}]
    table = tmp_path / "news.parquet"
    pq.write_table(pa.Table.from_pylist(rows), table)
    packed = tmp_path / "news.parquet.gz"
    packed.write_bytes(gzip.compress(table.read_bytes()))
    articles, problems = _load(packed)
    assert [a.article.id for a in articles] == ["news.parquet.gz:1"]
    assert articles[0].article.text == _load(table)[0][0].article.text
    assert problems == [f"{packed}:2: record has no 'text' or 'html'"]
    cut = tmp_path / "cut.parquet.gz"
    cut.write_bytes(packed.read_bytes()[:-40])
    articles, problems = _load(cut)
    assert not articles and len(problems) == 1
    assert problems[0].startswith(f"{cut}: not a readable gzip file: ")


def test_record_articles_come_out_plain(tmp_path: Path) -> None:
    """The record an article was read from goes only to who asks for it
    (``read_batches``' ``on_record``): load, read_record and read_bytes give plain
    articles, and the batches the store's worker is sent carry no records."""
    from newscollate.ingest import read_batches

    record = {"id": "r1", "text": BODY, "desk": "local"}
    corpus = tmp_path / "feed.jsonl"
    corpus.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert type(read_record(record)) is Article
    assert all(type(i) is Article for i in read_bytes(corpus.read_bytes(), "feed.jsonl"))
    seen: dict[str, object] = {}
    (batch,) = read_batches([corpus], Settings(), on_record=seen.setdefault)
    assert seen == {"r1": record} and all(type(a) is Article for a in batch.articles)


def test_record_fields_can_be_named(tmp_path: Path) -> None:
    """An export that calls its text ``body`` and its date ``pubdate`` is read as it
    is (``Settings.columns``), and a record without the named text says which."""
    from newscollate import Columns

    rows = [
        {"story_key": "k1", "headline": "Grain store fire", "body": BODY, "pubdate": "2025-03-03"},
        {"story_key": "k2", "headline": "Nothing", "text": BODY},
    ]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    columns = Columns(id="story_key", text="body", title="headline", published="pubdate")
    loaded = load([path], Settings(columns=columns))
    [article] = [c.article for c in loaded.articles]
    assert (article.id, article.title, article.published) == (
        "k1",
        "Grain store fire",
        "2025-03-03",
    )
    assert [str(p) for p in loaded.problems] == [f"{path}:2: record has no 'body' or 'html'"]
    with pytest.raises(ConfigError):
        Columns(text="")


def test_a_csv_split_by_semicolons_is_read_by_them(tmp_path: Path) -> None:
    """Spreadsheets where the comma is the decimal mark write CSV with semicolons."""
    path = tmp_path / "export.csv"
    path.write_text(f'id;title;text\nx1;"Fire, at last";"{BODY}"\n', encoding="utf-8")
    [article], problems = _load(path)
    assert (article.article.id, article.article.title) == ("x1", "Fire, at last")
    assert not problems
    commas = tmp_path / "commas.csv"
    commas.write_text(f'id,title,text\nx2,"Fire; at last","{BODY}"\n', encoding="utf-8")
    [article], _ = _load(commas)
    assert (article.article.id, article.article.title) == ("x2", "Fire; at last")


def test_in_article_order_recuts_batches_by_date_then_id() -> None:
    """Read batches, re-cut in the order the Spark engine numbers records: dated
    articles by date, then id; undated last; every problem with the first batch."""
    from newscollate.ingest import Raw, in_article_order

    def article(id_: str, published: str | None) -> Article:
        return Article(text=BODY, id=id_, published=published)

    read = [
        Raw((article("b", "2024-01-02"), article("z", None)), (Problem("x.jsonl:3", "broken"),)),
        Raw((article("a", "2024-01-02"), article("c", "2023-12-31")), ()),
        Raw((article("d", None),), (Problem("x.jsonl:9", "too short"),)),
    ]
    batches = list(in_article_order(read, 2))
    assert [[a.id for a in raw.articles] for raw in batches] == [["c", "a"], ["b", "d"], ["z"]]
    assert [p.source for p in batches[0].problems] == ["x.jsonl:3", "x.jsonl:9"]
    assert all(not raw.problems for raw in batches[1:])
    only_problems = list(in_article_order([Raw((), (Problem("y", "empty"),))], 2))
    assert only_problems == [Raw((), (Problem("y", "empty"),))]
