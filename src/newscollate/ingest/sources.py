"""Reading inputs: files by type, directories, stdin, JSONL/CSV/Parquet records and WARC
crawls.

Every reader yields ``Article`` or ``Problem`` items, never raises for one bad
input: a broken JSONL line or an unreadable page is reported and skipped, and
the records around it are still read. An article read from a record is a
``RecordArticle``, which carries the record for ``dedup`` to write back; the public
readers hand out plain ``Article`` objects (``plain``).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import gzip
import io
import itertools
import json
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from dataclasses import fields as fields_of
from pathlib import Path
from typing import Any, BinaryIO, Protocol, cast

from newscollate.config import Settings
from newscollate.errors import InputError
from newscollate.ingest.decode import decode
from newscollate.ingest.html import article_from_html
from newscollate.models import Article, Problem

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
RECORD_SUFFIXES = frozenset({".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".parquet"})
WARC_SUFFIXES = frozenset({".warc", ".arc"})

Item = Article | Problem


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordArticle(Article):
    """An article read from a record, with the record as read: ``dedup`` writes each
    record back with its own fields, not only the ones an article has."""

    record: Mapping[str, Any] = field(compare=False, repr=False)


def plain(item: Item) -> Item:
    """``item`` without its record: what leaves the readers, unless the record is
    wanted, is the article alone (the store never keeps records, and its worker
    process need not be sent them)."""
    if isinstance(item, RecordArticle):
        return Article(**{name: getattr(item, name) for name in _ARTICLE_FIELDS})
    return item


_ARTICLE_FIELDS = tuple(f.name for f in fields_of(Article))


def read_inputs(
    inputs: list[str | Path | Article], settings: Settings, *, path_ids: bool = False
) -> Iterator[Item]:
    """Articles from paths, directories, ``-`` (stdin) and ready-made ``Article`` objects.

    A one-article file's id is its file name (its path under a directory given),
    which reads well in a comparison of a few files; ``path_ids`` gives it its
    path as given instead, which a corpus needs to keep ``a/index.html`` and
    ``b/index.html`` apart across inputs. Records keep their own ids either way.
    """
    seen_paths: set[Path] = set()
    for number, item in enumerate(inputs, 1):
        if isinstance(item, Article):
            article = item if item.id else _with_id(item, f"article-{number}")
            fields = ((f.name, getattr(article, f.name)) for f in fields_of(Article))
            bad = _not_unicode(fields)
            yield Problem(article.id or "article", bad) if bad else article
            continue
        name = str(item)
        if name == "-":
            yield from _read_stdin(settings)
            continue
        path = Path(name)
        if not path.exists():
            yield Problem(name, "no such file or directory")
            continue
        resolved = path.resolve()
        if resolved in seen_paths:
            yield Problem(name, "given more than once; read once")
            continue
        seen_paths.add(resolved)
        if path.is_dir():
            yield from _read_directory(path, settings, seen_paths, path_ids=path_ids)
        else:
            yield from read_file(path, settings, name=name if path_ids else None)


def _with_id(article: Article, article_id: str) -> Article:
    return replace(article, id=article_id)


def _read_directory(
    root: Path, settings: Settings, seen: set[Path], *, path_ids: bool = False
) -> Iterator[Item]:
    found = False
    for path in sorted(root.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        if path.is_file() and _kind(path) is not None and path.resolve() not in seen:
            seen.add(path.resolve())
            found = True
            # ids are paths under the directory: pages/a/index.html and pages/b/index.html differ
            name = path.as_posix() if path_ids else path.relative_to(root).as_posix()
            yield from read_file(path, settings, name=name)
    if not found:
        yield Problem(
            str(root),
            "directory holds no article files (.txt, .html, .jsonl, .csv, .parquet, .warc)",
        )


def _kind(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    last = suffixes[-1] if suffixes else ""
    if last in TEXT_SUFFIXES:
        return "text"
    if last in HTML_SUFFIXES:
        return "html"
    if last in RECORD_SUFFIXES:
        return last.lstrip(".")
    if last in WARC_SUFFIXES:
        return "warc"
    return None


def read_file(path: Path, settings: Settings, name: str | None = None) -> Iterator[Item]:
    """Articles in one file, by its type (a ``.gz`` suffix is decompressed first).
    ``name`` is the id a one-article file gets (default: its file name)."""
    source = str(path)
    kind = _kind(path)
    if kind == "warc":
        yield from _read_warc(path, settings)
        return
    if kind in {"jsonl", "ndjson", "json"}:
        yield from _guarded(source, _read_json_file(path, settings, name or path.name))
        return
    if kind in {"csv", "tsv"}:
        yield from _guarded(source, _read_csv_file(path, kind, settings, name or path.name))
        return
    if kind == "parquet":
        yield from _read_parquet_file(path, settings, name or path.name)
        return
    yield from _guarded(source, _read_whole_file(path, kind, settings, name or path.name))


def _read_parquet_file(path: Path, settings: Settings, name: str) -> Iterator[Item]:
    """A Parquet file's rows as records, numbered from 1, a row group's batch at a
    time (as ``spark dedup`` reads them: the columns are the JSONL fields)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    source = str(path)
    row_number = 0
    with contextlib.ExitStack() as open_files:
        try:
            parquet = pq.ParquetFile(open_files.enter_context(_seekable(path)))
        except (EOFError, gzip.BadGzipFile) as exc:
            yield Problem(source, f"not a readable gzip file: {exc}")
            return
        except (pa.ArrowException, OSError) as exc:
            yield Problem(source, f"not a readable Parquet file: {exc}")
            return
        try:
            for batch in parquet.iter_batches(batch_size=1000):
                for row in batch.to_pylist():
                    row_number += 1
                    yield record_article(
                        row,
                        source=f"{source}:{row_number}",
                        default_id=f"{name}:{row_number}",
                        settings=settings,
                    )
        except (pa.ArrowException, OSError) as exc:
            yield Problem(source, f"not a readable Parquet file: {exc}")


@contextlib.contextmanager
def _seekable(path: Path) -> Iterator[Path | BinaryIO]:
    """Parquet is read from its end (its footer says where the columns are), which a
    gzip stream cannot seek to: a ``.parquet.gz`` is unpacked into a temporary file
    first, on disk, so its size is not bounded by memory."""
    if path.suffix.lower() != ".gz":
        yield path
        return
    with tempfile.TemporaryFile() as spool:
        with gzip.open(path) as stream:
            shutil.copyfileobj(stream, spool, 1 << 20)
        spool.seek(0)
        yield spool


def _read_whole_file(path: Path, kind: str | None, settings: Settings, name: str) -> Iterator[Item]:
    source = str(path)
    size = path.stat().st_size
    if size > settings.max_input_bytes:  # one article, or records that could not stream
        raise InputError(source, f"file too large: {_mb(size)}, {_over(settings)}")
    data = _read_bytes(path, settings)
    yield from _parse(data, kind or _sniff(data), source=source, name=name, settings=settings)


def _guarded(source: str, items: Iterator[Item]) -> Iterator[Item]:
    """The items of one file; what ends the file early (unreadable, cut gzip, not the
    kind it claims) becomes its last item, a ``Problem``, after the records read."""
    try:
        yield from items
    except InputError as exc:
        yield Problem(exc.source, exc.reason)
    except (EOFError, gzip.BadGzipFile) as exc:
        yield Problem(source, f"not a readable gzip file: {exc}")
    except OSError as exc:
        yield Problem(source, f"cannot read: {exc.strerror or exc}")


def _opened(path: Path) -> BinaryIO:
    return cast(BinaryIO, gzip.open(path)) if path.suffix.lower() == ".gz" else path.open("rb")


def _read_json_file(path: Path, settings: Settings, name: str) -> Iterator[Item]:
    """A JSON Lines file read a line at a time, so a corpus of any size streams
    through in bounded memory (read whole, a million-article file took 13 GB). A JSON
    array, UTF-16 text, or a small file whose first line is not a JSON value (one
    pretty-printed object) is read whole instead. A gzip stream that breaks off keeps
    the records before the break."""
    source = str(path)
    with _opened(path) as handle:
        lines = _numbered_lines(handle, settings.max_input_bytes)
        for line_number, line in lines:
            if line is None:  # a first line over the limit: no JSON Lines file
                raise InputError(source, f"first line too large: {_over(settings)}")
            if line.startswith(codecs.BOM_UTF8) and line_number == 1:
                line = line[len(codecs.BOM_UTF8) :]
            head = line.lstrip()
            if not head:
                continue
            if head.startswith((b"[", codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
                not _json_value(line) and path.stat().st_size <= settings.max_input_bytes
            ):
                break  # not JSON Lines: read whole, below
            yield from _json_lines(
                [(line_number, line)], lines, source=source, name=name, settings=settings
            )
            return
        else:
            raise InputError(source, "empty file (no records)")
    data = _read_bytes(path, settings)
    yield from _parse(data, _kind(path) or "jsonl", source=source, name=name, settings=settings)


def _read_csv_file(path: Path, kind: str, settings: Settings, name: str) -> Iterator[Item]:
    """A CSV or TSV file read a row at a time, like JSON Lines, when it is UTF-8 (as
    its first 64 KiB say); other encodings are detected on the whole file, read
    whole. A row whose bytes are not UTF-8 after all is decoded on its own, as
    ``decode`` would decode a file."""
    source = str(path)
    with _opened(path) as handle:
        head = handle.read(_SNIFF_BYTES)
        if _utf8_head(head) and handle.seekable():
            handle.seek(0)
            text = io.TextIOWrapper(
                handle, encoding="utf-8-sig", errors="surrogateescape", newline=""
            )
            yield from _csv_rows(text, kind, source=source, name=name, settings=settings)
            return
    data = _read_bytes(path, settings)
    yield from _parse(data, kind, source=source, name=name, settings=settings)


_SNIFF_BYTES = 65536


def _utf8_head(head: bytes) -> bool:
    """Whether a file that starts with ``head`` reads as UTF-8 text (a character cut
    at the end of the sample is no evidence against it)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head:
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _csv_rows(
    text: Iterable[str], kind: str, *, source: str, name: str, settings: Settings
) -> Iterator[Item]:
    """Records of a CSV or TSV text, numbered as rows from 2 (the header is row 1).
    A row the csv module cannot parse (an unclosed quote, a field over the input
    limit) is reported and skipped; the rows after it are read on. A ``.csv`` whose
    header is split by semicolons (what spreadsheets write where the comma is the
    decimal mark) is read with them."""
    csv.field_size_limit(settings.max_input_bytes)  # the module's own: 128 KiB
    lines = iter(text)
    header = next(lines, "")
    delimiter = "\t" if kind == "tsv" else _csv_delimiter(header)
    reader = csv.DictReader(itertools.chain([header], lines), dialect="excel", delimiter=delimiter)
    rows = iter(reader)
    row_number = 1
    while True:
        row_number += 1
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Problem(f"{source}:{row_number}", f"bad CSV row: {exc}")
            continue
        where = f"{source}:{row_number}"
        try:
            row.update(_redecoded(row, where))
        except InputError as exc:
            yield Problem(exc.source, exc.reason)
            continue
        yield record_article(
            row, source=where, default_id=f"{name}:{row_number}", settings=settings
        )


def _csv_delimiter(header: str) -> str:
    """Comma, unless the header line holds more semicolons or tabs (outside quotes)."""
    bare = "".join(header.split('"')[::2])
    return max((",", ";", "\t"), key=bare.count)


def _redecoded(row: dict[Any, Any], where: str) -> dict[Any, str]:
    """The fields of a CSV row that were not UTF-8, decoded as ``decode`` decodes a
    file: together, since one short field ("café") fits too many code pages to tell
    them apart; a line break is the same byte in all of them, so it splits them back."""
    bad = {k: v for k, v in row.items() if isinstance(v, str) and not _encodable(v)}
    if not bad:
        return {}
    raw = [v.encode("utf-8", "surrogateescape") for v in bad.values()]
    lines = decode(b"\n".join(raw), where).split("\n")
    if len(lines) != sum(r.count(b"\n") + 1 for r in raw):
        return {k: decode(r, where) for k, r in zip(bad, raw, strict=True)}
    parts = iter(lines)
    return {
        k: "\n".join(next(parts) for _ in range(r.count(b"\n") + 1))
        for k, r in zip(bad, raw, strict=True)
    }


def _encodable(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class _LineReader(Protocol):
    def readline(self, size: int = -1, /) -> bytes: ...


def _numbered_lines(handle: _LineReader, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """The lines of ``handle`` numbered from 1; a line longer than ``limit`` bytes is
    skipped unread and comes as ``None``, so one endless line cannot fill memory."""
    number = 0
    while line := handle.readline(limit + 1):
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = handle.readline(limit + 1)
            yield number, None
        else:
            yield number, line


def _json_value(line: bytes) -> bool:
    try:
        json.loads(line)
    except ValueError:  # JSONDecodeError, or bytes that are not UTF-8
        return False
    return True


def _json_lines(
    *parts: Iterable[tuple[int, bytes | None]], source: str, name: str, settings: Settings
) -> Iterator[Item]:
    """Records of numbered JSON Lines; each line is UTF-8 (as JSON must be) or, failing
    that, decoded as ``decode`` would decode a file, so a legacy-encoded line costs
    only itself."""
    for part in parts:
        for line_number, line in part:
            where = f"{source}:{line_number}"
            if line is None:
                yield Problem(where, f"record too large: {_over(settings)}")
                continue
            if not line.strip():
                continue
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    text = decode(line, where)
                except InputError as exc:
                    yield Problem(exc.source, exc.reason)
                    continue
            yield _json_record(text, where, f"{name}:{line_number}", settings)


def json_line_problem(line: str) -> str:
    """Why a line of JSON Lines is no record, in the words the local reader uses:
    ``spark dedup`` gets from Spark's reader only that the line was corrupt."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        return _broken_json(exc)
    return _not_an_object(value)


def _broken_json(exc: json.JSONDecodeError) -> str:
    return f"broken JSON: column {exc.colno}: {exc.msg}"


def _not_an_object(value: Any) -> str:
    return f"not a JSON object: a JSON {type(value).__name__}"


def _json_record(line: str, where: str, default_id: str, settings: Settings) -> Item:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Problem(where, _broken_json(exc))
    return record_article(record, source=where, default_id=default_id, settings=settings)


def _read_bytes(path: Path, settings: Settings) -> bytes:
    if path.suffix.lower() == ".gz":
        return _gunzip(path, str(path), settings)
    return path.read_bytes()


def _gunzip(file: Path | io.BytesIO, source: str, settings: Settings) -> bytes:
    try:
        with gzip.open(file) as fh:
            return fh.read(settings.max_input_bytes * 8 + 1)
    except (OSError, EOFError) as exc:
        raise InputError(source, f"not a readable gzip file: {exc}") from exc


def read_bytes(data: bytes, name: str, settings: Settings | None = None) -> list[Item]:
    """The articles in ``data``, read as a file called ``name`` would be: by its
    suffix (``.txt``, ``.html``, ``.jsonl``, ``.csv``, each optionally ``.gz``),
    sniffed when the name has none. For bytes that never were a file on this
    machine, such as an upload; bad records come back as ``Problem`` items."""
    settings = settings or Settings()
    kind = _kind(Path(name))
    try:
        if kind == "warc":
            raise InputError(name, "WARC files are read from disk only (newscollate index add)")
        if Path(name).suffix.lower() == ".gz":
            data = _gunzip(io.BytesIO(data), name, settings)
        if (
            kind not in {"jsonl", "ndjson", "json", "csv", "tsv"}
            and len(data) > settings.max_input_bytes
        ):
            raise InputError(
                name,
                f"file too large: {_mb(len(data))}, {_over(settings)}",
            )
        if kind == "parquet":
            raise InputError(
                name, "Parquet files are read from disk only (newscollate index add, dedup)"
            )
        items = _parse(data, kind or _sniff(data), source=name, name=name, settings=settings)
        return [plain(item) for item in items]
    except InputError as exc:
        return [Problem(exc.source, exc.reason)]


def read_record(
    record: Any, settings: Settings | None = None, *, default_id: str = "article"
) -> Item:
    """One article from a JSON-like record (``text`` or ``html``, optional ``id``,
    ``url``, ``title``, ``outlet``, ``published``, ``author``, ``language``), read as
    a line of a JSONL file is, but with no source file; a record that cannot be used
    comes back as a ``Problem`` named by ``default_id``."""
    item = plain(
        record_article(
            record, source=default_id, default_id=default_id, settings=settings or Settings()
        )
    )
    return replace(item, source=None) if isinstance(item, Article) else item


def _read_stdin(settings: Settings) -> Iterator[Item]:
    data = sys.stdin.buffer.read(settings.max_input_bytes + 1)
    if len(data) > settings.max_input_bytes:
        yield Problem("-", f"standard input too large: {_over(settings)}")
        return
    try:
        yield from _parse(data, _sniff(data), source="-", name="stdin", settings=settings)
    except InputError as exc:
        yield Problem(exc.source, exc.reason)


def _sniff(data: bytes) -> str:
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body", b"<article")):
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"warc/"):
        return "warc"
    return "text"


def _parse(data: bytes, kind: str, *, source: str, name: str, settings: Settings) -> Iterator[Item]:
    if kind == "html":
        yield article_from_html(data, source=source, article_id=name)
    elif kind == "text":
        text = decode(data, source)
        if not text.strip():
            raise InputError(source, "empty file (no text)")
        yield Article(text=text, id=name, source=source)
    elif kind in {"jsonl", "ndjson", "json"}:
        yield from _read_json(decode(data, source), source=source, name=name, settings=settings)
    elif kind in {"csv", "tsv"}:
        rows = io.StringIO(decode(data, source), newline="")
        yield from _csv_rows(rows, kind, source=source, name=name, settings=settings)
    elif kind == "warc":
        raise InputError(source, "WARC data on standard input is not supported; pass the file")
    else:
        raise InputError(source, f"unknown input type: {kind!r}")


def _read_json(text: str, *, source: str, name: str, settings: Settings) -> Iterator[Item]:
    stripped = text.lstrip()
    if not stripped:
        raise InputError(source, "empty file (no records)")
    if stripped.startswith("["):
        try:
            records = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise InputError(source, f"broken JSON: line {exc.lineno}: {exc.msg}") from exc
        for number, record in enumerate(records, 1):
            yield record_article(
                record,
                source=f"{source}[{number}]",
                default_id=f"{name}:{number}",
                settings=settings,
            )
        return
    if stripped.startswith("{"):
        try:  # one pretty-printed object, not JSON Lines; JSONL fails fast at its first line end
            whole = json.loads(stripped)
        except json.JSONDecodeError:
            pass
        else:
            yield record_article(whole, source=source, default_id=name, settings=settings)
            return
    for line_number, line in enumerate(text.split("\n"), 1):
        if line.strip():
            yield _json_record(line, f"{source}:{line_number}", f"{name}:{line_number}", settings)


def record_article(record: Any, *, source: str, default_id: str, settings: Settings) -> Item:
    """One JSON/CSV/table record (``text`` or ``html`` plus metadata fields) as an
    article (a ``RecordArticle``), or the reason it cannot be one."""
    if not isinstance(record, dict):
        return Problem(source, _not_an_object(record))
    columns = settings.columns
    text, html = record.get(columns.text), record.get(columns.html)
    if not isinstance(text, str | None) or not isinstance(html, str | None):
        return Problem(source, f"'{columns.text}' and '{columns.html}' must be strings")
    body = text or html or ""
    if len(body.encode("utf-8", "replace")) > settings.max_input_bytes:
        return Problem(source, f"record too large: {_over(settings)}")
    meta = {
        key: _str_or_none(record.get(getattr(columns, key)))
        for key in ("id", "url", "title", "outlet", "published", "author", "language")
    }
    named = ((getattr(columns, key), value) for key, value in meta.items())
    if bad := _not_unicode(((columns.text, text), (columns.html, html), *named)):
        return Problem(source, bad)
    article_id = meta["id"] or meta["url"] or default_id
    try:
        if not text and html:
            page = article_from_html(html, source=source, article_id=article_id, url=meta["url"])
            return RecordArticle(
                record=record,
                text=page.text,
                id=article_id,
                title=meta["title"] or page.title,
                outlet=meta["outlet"] or page.outlet,
                published=meta["published"] or page.published,
                author=meta["author"] or page.author,
                language=meta["language"] or page.language,
                url=meta["url"],
                source=source,
            )
    except InputError as exc:
        return Problem(exc.source, exc.reason)
    if not body.strip():
        return Problem(source, f"record has no '{columns.text}' or '{columns.html}'")
    return RecordArticle(
        record=record,
        text=body,
        id=article_id,
        title=meta["title"],
        outlet=meta["outlet"],
        published=meta["published"],
        author=meta["author"],
        language=meta["language"],
        url=meta["url"],
        source=source,
    )


def _not_unicode(fields: Iterable[tuple[str, Any]]) -> str | None:
    """Why a record's text fields cannot be stored: one holds a lone surrogate, which
    JSON escapes can spell ("\\ud800") and no UTF-8 store, hash or page takes."""
    for key, value in fields:
        if isinstance(value, str) and not _encodable(value):
            return f"not valid Unicode: '{key}' holds a lone surrogate"
    return None


def _str_or_none(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def _read_warc(path: Path, settings: Settings) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    source = str(path)
    found = 0
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                content_type = (record.http_headers.get_header("Content-Type") or "").lower()
                if "html" not in content_type:
                    continue
                url = record.rec_headers.get_header("WARC-Target-URI")
                where = f"{source}#{url}"
                status = record.http_headers.get_statuscode()
                if status != "200":
                    continue
                payload = record.content_stream().read(settings.max_input_bytes + 1)
                if len(payload) > settings.max_input_bytes:
                    yield Problem(
                        where, f"page too large (> limit {_mb(settings.max_input_bytes)})"
                    )
                    continue
                found += 1
                try:
                    yield article_from_html(payload, source=where, article_id=url or where, url=url)
                except InputError as exc:
                    yield Problem(exc.source, exc.reason)
    except (ArchiveLoadFailed, OSError, EOFError) as exc:
        yield Problem(source, f"not a readable WARC file: {exc}")
        return
    if not found:
        yield Problem(source, "WARC file holds no HTML responses")


def _over(settings: Settings) -> str:
    """How a reason says what a too large input is over (``--max-input-mb``)."""
    return f"over the {_mb(settings.max_input_bytes)} limit"


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"
