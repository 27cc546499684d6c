"""The HTTP API on the real app and model: what it answers, and every kind of bad input."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newscollate import cli
from newscollate.serve.guard import CSP
from tests.serve.conftest import MakeClient

Seeds = list[tuple[str, str]]


def _pair(seed_texts: Seeds) -> dict[str, list[dict[str, str]]]:
    return {"articles": [{"id": name, "text": text} for name, text in seed_texts]}


def _error(response: object, status: int) -> dict[str, object]:
    """The response has this status and the API's JSON error body."""
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    assert response.headers["content-type"] == "application/json"  # type: ignore[attr-defined]
    body: dict[str, object] = response.json()  # type: ignore[attr-defined]
    assert isinstance(body["error"], str) and isinstance(body["detail"], str) and body["detail"]
    return body


def test_compare_answers_the_cli_json(
    client: TestClient, seed_texts: Seeds, tmp_path: Path
) -> None:
    """POST /api/compare gives the document `newscollate compare --format json` writes
    for the same records (only the articles' source differs: the CLI names its file)."""
    response = client.post("/api/compare", json=_pair(seed_texts))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    served = response.json()
    records = tmp_path / "pair.jsonl"
    records.write_text(
        "".join(json.dumps(a) + "\n" for a in _pair(seed_texts)["articles"]), encoding="utf-8"
    )
    out = tmp_path / "cli.json"
    assert cli.main(["compare", str(records), "--format", "json", "-o", str(out), "-q"]) == 0
    written = json.loads(out.read_text(encoding="utf-8"))
    for document in (served, written):
        for article in document["articles"]:
            article.pop("source")
    assert served == written
    assert served["pairs"][0]["relation"] == "rewrite"
    assert any("Kharviv" in c["summary"] and c["kind"] == "spelling" for c in served["checks"])


@pytest.mark.parametrize(
    ("body", "status", "says"),
    [
        pytest.param(b"", 400, "empty", id="empty-body"),
        pytest.param(b'{"articles": [', 400, "not valid JSON", id="bad-json"),
        pytest.param(b"[1, 2]", 422, "body", id="not-an-object"),
        pytest.param(b'{"articles": "a, b"}', 422, "articles", id="articles-not-a-list"),
        pytest.param(b'{"articles": []}', 422, "at least 2", id="no-article"),
        pytest.param(b'{"articles": [{"id": "a", "text": "x"}]}', 422, "at least 2", id="one-article"),
        pytest.param(
            b'{"articles": [{"id": "a"}, {"id": "b", "text": "x"}]}', 422,
            "needs 'text', 'html' or 'url'", id="missing-text",
        ),
        pytest.param(
            b'{"articles": [{"id": "a", "body": "x"}, {"id": "b", "text": "x"}]}', 422,
            "articles.0.body", id="unknown-field",
        ),
        pytest.param(
            b'{"articles": [{"id": "a", "text": 5}, {"id": "b", "text": "x"}]}', 422,
            "articles.0.text", id="text-not-a-string",
        ),
    ],
)  # fmt: skip
def test_bad_compare_requests(client: TestClient, body: bytes, status: int, says: str) -> None:
    response = client.post(
        "/api/compare", content=body, headers={"content-type": "application/json"}
    )
    assert says in str(_error(response, status)["detail"])


def test_articles_too_short_to_compare_are_named(client: TestClient) -> None:
    response = client.post(
        "/api/compare",
        json={"articles": [{"id": "tiny", "text": "Fire."}, {"id": "small", "text": "A fire."}]},
    )
    body = _error(response, 422)
    assert {p["source"] for p in body["problems"]} == {"tiny", "small"}  # type: ignore[union-attr]
    assert "too short" in str(body["detail"])


def test_too_many_articles(make_client: MakeClient, seed_texts: Seeds) -> None:
    client = make_client(max_articles=3)
    text = seed_texts[0][1]
    body = {"articles": [{"id": str(i), "text": text} for i in range(4)]}
    assert "at most 3" in str(_error(client.post("/api/compare", json=body), 422)["detail"])


def test_oversize_body_is_413_before_it_is_read(make_client: MakeClient) -> None:
    client = make_client(max_request_bytes=1000)
    response = client.post("/api/compare", content=b"x" * 1001)
    assert "1,000 bytes" in str(_error(response, 413)["detail"])
    assert response.headers["content-security-policy"] == CSP


def test_oversize_body_without_length_is_413(make_client: MakeClient) -> None:
    """A chunked body declares no Content-Length: the bytes are counted as they come."""
    client = make_client(max_request_bytes=1000)

    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(20):
            yield b'{"articles": [' + b" " * 200

    response = client.post(
        "/api/compare", content=chunks(), headers={"content-type": "application/json"}
    )
    assert "content-length" not in {k.lower() for k in response.request.headers}
    _error(response, 413)


def test_unknown_story_and_article_are_404(client: TestClient) -> None:
    assert "no story 99999" in str(_error(client.get("/api/stories/99999"), 404)["detail"])
    assert "no article" in str(_error(client.get("/api/articles/nope%2Fnothing"), 404)["detail"])
    _error(client.get("/api/stories/not-a-number"), 422)


def test_stories_search_and_one_story(client: TestClient) -> None:
    found = client.get("/api/stories", params={"q": "grain warehouse", "min_size": 2}).json()
    assert len(found) == 1 and "warehouse" in found[0]["title"]
    fire = found[0]["id"]
    assert [s["id"] for s in client.get("/api/stories", params={"outlet": "coastline"}).json()] == [
        fire
    ]
    story = client.get(f"/api/stories/{fire}").json()
    ids = {a["id"] for a in story["articles"]}
    assert "cd-20250303-0412" in ids and story["story"]["size"] == len(ids)
    assert story["links"] and {link["a"] for link in story["links"]} <= ids
    assert story["comparison"]["schema"] == "newscollate/comparison@2"
    assert len(story["comparison"]["articles"]) >= 3
    brief = client.get(f"/api/stories/{fire}", params={"collate": "false"}).json()
    assert brief["comparison"] is None
    _error(client.get("/api/stories", params={"limit": 0}), 422)


def _wire_id(client: TestClient, story: int) -> str:
    """The wire version's id: its path as indexed, slashes and all."""
    ids = [a["id"] for a in client.get(f"/api/stories/{story}?collate=false").json()["articles"]]
    return next(i for i in ids if i.endswith("harbour-fire/wire.txt"))


def test_one_article_with_its_links(client: TestClient) -> None:
    article = client.get("/api/articles/cd-20250303-0412").json()
    assert article["outlet"] == "Coastline Daily" and article["text"].startswith("About 400")
    assert article["links"] and all(
        "cd-20250303-0412" in (link["a"], link["b"]) for link in article["links"]
    )
    by_path = client.get(f"/api/articles/{_wire_id(client, article['story'])}")
    assert by_path.status_code == 200 and by_path.json()["story"] == article["story"]


def test_add_articles_then_read_them(client: TestClient, seed_texts: Seeds) -> None:
    fire = client.get("/api/articles/cd-20250303-0412").json()
    text = client.get(f"/api/articles/{_wire_id(client, fire['story'])}").json()["text"]
    record = {
        "id": "reprint-1",
        "text": text + "\n\nThis article was reprinted.",
        "outlet": "Reprint Weekly",
    }
    added = client.post("/api/articles", json={"articles": [record]})
    assert added.status_code == 201, added.text
    body = added.json()
    assert body["added"] == 1 and body["articles"] == [{"id": "reprint-1", "story": fire["story"]}]
    again = client.post("/api/articles", json={"articles": [record]})
    assert again.status_code == 200 and again.json()["already_stored"] == 1
    stored = client.get("/api/articles/reprint-1").json()
    assert stored["outlet"] == "Reprint Weekly" and stored["relation"] in (
        "exact",
        "near-duplicate",
    )
    unnamed = client.post("/api/articles", json={"articles": [{"text": text}]})
    assert "no 'id' or 'url'" in str(_error(unnamed, 422)["detail"])
    _error(client.post("/api/articles", json={"articles": []}), 422)


def test_read_only_refuses_writes_and_leaves_the_file_alone(
    make_client: MakeClient, store_copy: Path, seed_texts: Seeds
) -> None:
    before = hashlib.sha256(store_copy.read_bytes()).hexdigest()
    client = make_client(read_only=True)
    record = {"id": "new-1", "text": seed_texts[0][1]}
    assert "read-only" in str(
        _error(client.post("/api/articles", json={"articles": [record]}), 403)["detail"]
    )
    assert client.post("/api/compare", json=_pair(seed_texts)).status_code == 200
    assert client.get("/api/stories").status_code == 200
    story = client.get("/api/stories", params={"q": "grain warehouse"}).json()[0]["id"]
    assert client.get(f"/api/stories/{story}").status_code == 200  # its collation kept in memory
    client.__exit__(None, None, None)
    assert hashlib.sha256(store_copy.read_bytes()).hexdigest() == before


def test_urls_are_not_fetched_unless_allowed(client: TestClient, seed_texts: Seeds) -> None:
    body = {
        "articles": [{"url": "https://example.com/news/1"}, {"id": "b", "text": seed_texts[0][1]}]
    }
    assert "--allow-fetch" in str(_error(client.post("/api/compare", json=body), 403)["detail"])


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/api/stories",
        "http://localhost/",
        "http://10.0.0.7/internal",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
    ],
)
def test_fetch_to_private_addresses_is_refused(
    make_client: MakeClient, seed_texts: Seeds, url: str
) -> None:
    """Refused before any connection: the addresses are checked after resolving."""
    client = make_client(allow_fetch=True)
    body = {"articles": [{"url": url}, {"id": "b", "text": seed_texts[0][1]}]}
    assert "refused" in str(_error(client.post("/api/compare", json=body), 403)["detail"])


@pytest.mark.parametrize(
    ("url", "says"),
    [("ftp://example.com/a.txt", "only http and https"), ("http:///path", "names no host")],
)
def test_fetch_of_malformed_urls(
    make_client: MakeClient, seed_texts: Seeds, url: str, says: str
) -> None:
    client = make_client(allow_fetch=True)
    body = {"articles": [{"url": url}, {"id": "b", "text": seed_texts[0][1]}]}
    assert says in str(_error(client.post("/api/compare", json=body), 422)["detail"])


def test_security_headers_on_every_kind_of_response(client: TestClient) -> None:
    for path in (
        "/api/stories",
        "/compare",
        "/static/app.js",
        "/static/report.css",
        "/nowhere",
        "/docs",
    ):
        response = client.get(path)
        assert response.headers["content-security-policy"] == CSP, path
        assert response.headers["x-content-type-options"] == "nosniff"
    assert "'unsafe-inline'" not in CSP and "script-src 'self'" in CSP
