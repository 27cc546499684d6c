"""The pages on the real app: the compare form, permalinks, downloads, stories, escaping."""

from __future__ import annotations

import json
import re
import threading
import time
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

import newscollate
from newscollate.report import REPORT_CSP
from newscollate.serve import ServeConfig, create_app
from newscollate.serve.fetch import refusal
from tests.serve.conftest import MakeClient
from tests.serve.live import LiveServer

Seeds = list[tuple[str, str]]
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _form(seed_texts: Seeds, **extra: str) -> dict[str, list[str]]:
    """The compare form's fields for the seed pair, as a browser posts them."""
    return {
        "text": [text for _, text in seed_texts],
        "outlet": [extra.get("outlet", ""), ""],
        "title": ["", ""],
        "published": ["", ""],
        "url": ["", ""],
    }


def _post_form(
    client: TestClient,
    fields: dict[str, list[str]],
    files: list[tuple[str, tuple[str, bytes, str]]] | None = None,
) -> httpx.Response:
    """Posts as the page's form does: multipart, every field once per article slot."""
    parts = [(name, (None, value)) for name, values in fields.items() for value in values]
    return client.post("/compare", files=[*parts, *(files or [])], follow_redirects=False)


def test_form_compares_and_redirects_to_a_permalink(client: TestClient, seed_texts: Seeds) -> None:
    response = _post_form(client, _form(seed_texts, outlet="Outlet A"))
    assert response.status_code == 303
    link = response.headers["location"]
    assert re.fullmatch(r"/compare/[0-9a-f]{24}", link)
    page = client.get(link, headers={"accept": "text/html"})
    assert page.status_code == 200
    assert 'id="verdicts"' in page.text and "rewrite" in page.text
    assert "Kharviv" in page.text and 'class="sev-medium"' in page.text
    assert "<th>Outlet A</th>" in page.text
    again = _post_form(client, _form(seed_texts, outlet="Outlet A"))
    assert again.headers["location"] == link  # same articles, same link


def test_permalink_survives_a_restart(
    store_copy: Path, embedder: newscollate.SentenceEmbedder, seed_texts: Seeds
) -> None:
    config = ServeConfig(store=store_copy, warm_up=False)
    with TestClient(create_app(config, embedder=embedder)) as first:
        link = _post_form(first, _form(seed_texts)).headers["location"]
        served = first.get(link + ".json").text
    with TestClient(create_app(config, embedder=embedder)) as second:
        page = second.get(link)
        assert page.status_code == 200 and "Kharviv" in page.text
        assert second.get(link + ".json").text == served


def test_downloads_json_and_a_self_contained_html(client: TestClient, seed_texts: Seeds) -> None:
    link = _post_form(client, _form(seed_texts)).headers["location"]
    as_json = client.get(link + ".json")
    assert as_json.headers["content-disposition"].startswith("attachment")
    assert json.loads(as_json.text)["schema"] == "newscollate/comparison@2"
    as_html = client.get(link + ".html")
    assert as_html.headers["content-disposition"].startswith("attachment")
    assert as_html.headers["content-security-policy"] == REPORT_CSP  # its own inline style
    assert as_html.text.startswith("<!DOCTYPE html>") and "<style>" in as_html.text
    assert "<script" not in as_html.text and 'id="collation"' in as_html.text


def test_uploads_of_each_kind(client: TestClient, seed_texts: Seeds) -> None:
    (name_a, text_a), (_, text_b) = seed_texts
    page_b = (
        f"<html><head><title>B</title></head><body><article><p>{text_b}</p></article></body></html>"
    )
    records = json.dumps({"id": "from-jsonl", "text": text_a, "outlet": "Feed"}) + "\n"
    empty = {
        "text": ["", ""],
        "outlet": ["", ""],
        "title": ["", ""],
        "published": ["", ""],
        "url": ["", ""],
    }
    files = [
        ("files", (name_a, text_a.encode(), "text/plain")),
        ("files", ("b.html", page_b.encode(), "text/html")),
        ("files", ("feed.jsonl", records.encode(), "application/x-ndjson")),
    ]
    response = _post_form(client, empty, files)
    assert response.status_code == 303, response.text
    page = client.get(response.headers["location"])
    assert all(f"<th>{i}</th>" in page.text for i in (name_a, "b.html", "from-jsonl"))


def test_form_errors_keep_what_was_pasted(client: TestClient, seed_texts: Seeds) -> None:
    fields = _form(seed_texts)
    fields["text"] = [seed_texts[0][1], ""]
    response = _post_form(client, fields)
    assert response.status_code == 422
    assert "at least 2 articles" in response.text and 'id="errors"' in response.text
    assert "Kharkiv" in response.text  # the first article is still in its textarea
    bad = _post_form(
        client, _form(seed_texts), [("files", ("crawl.exe", b"MZ", "application/x-msdownload"))]
    )
    assert bad.status_code == 415 and ".jsonl" in bad.text


def test_unknown_permalink_and_story_are_404_pages(client: TestClient) -> None:
    html = {"accept": "text/html"}
    page = client.get("/compare/" + "0" * 24, headers=html)
    assert page.status_code == 404 and "no comparison under this link" in page.text
    assert client.get("/stories/99999", headers=html).status_code == 404
    assert client.get("/compare/not-a-key", headers=html).status_code == 422


def test_hostile_text_and_metadata_are_escaped(client: TestClient, seed_texts: Seeds) -> None:
    """Markup in an article's text, outlet and title shows as text on every page."""
    records = [
        {"id": f"evil-{i}", "outlet": HOSTILE, "title": HOSTILE, "text": HOSTILE + "\n\n" + text,
         "published": "2024-01-0" + str(i + 1)}
        for i, (_, text) in enumerate(seed_texts)
    ]  # fmt: skip
    added = client.post("/api/articles", json={"articles": records})
    assert added.status_code == 201, added.text
    story = added.json()["articles"][0]["story"]
    fields = _form(seed_texts, outlet=HOSTILE)
    fields["text"][0] = HOSTILE + "\n\n" + fields["text"][0]
    link = _post_form(client, fields).headers["location"]
    for path in (link, f"/stories/{story}", "/articles/evil-1", "/stories?q=alert"):
        text = client.get(path).text
        assert "<script>alert" not in text and "<img src=x" not in text, path
        assert "&lt;script&gt;alert" in text, path


def test_stories_page_searches_and_pages(client: TestClient) -> None:
    page = client.get("/stories", params={"q": "grain warehouse"})
    assert page.status_code == 200
    links = re.findall(r'href="/stories/(\d+)"', page.text)
    assert len(links) == 1
    none = client.get("/stories", params={"q": "zzzz-nothing"})
    assert 'id="no-stories"' in none.text
    first = client.get("/stories")
    assert "older →" in first.text  # 120+ stories, 50 a page
    second = client.get("/stories", params={"page": 2})
    assert "← newer" in second.text
    assert set(re.findall(r'href="/stories/(\d+)"', first.text)).isdisjoint(
        re.findall(r'href="/stories/(\d+)"', second.text)
    )


def test_story_page_draws_the_timeline(client: TestClient) -> None:
    story = client.get("/api/stories", params={"q": "grain warehouse"}).json()[0]["id"]
    page = client.get(f"/stories/{story}")
    assert page.status_code == 200
    svg = page.text[page.text.index("<svg") : page.text.index("</svg>")]
    assert svg.count("<circle") == 4  # the harbour fire's four linked versions
    assert 'marker-end="url(#head-rewrite)"' in svg  # dated rewrites get arrows
    assert "edge-copy" in svg and "edge-same-story" in svg
    assert "rewrite of" in page.text and 'id="collation"' in page.text
    assert 'id="checks"' in page.text


def test_addresses_fetching_refuses() -> None:
    assert refusal("93.184.216.34") is None
    assert refusal("2606:2800:220:1:248:1893:25c8:1946") is None
    assert "loopback" in str(refusal("127.0.0.2"))
    assert "private" in str(refusal("192.168.1.10"))
    assert "link-local" in str(refusal("fe80::1%eth0"))
    assert "loopback" in str(refusal("::ffff:127.0.0.1"))
    assert "not a public" in str(refusal("100.64.0.1"))  # carrier-grade NAT


@pytest.mark.parametrize("read_only", [False, True])
def test_comparisons_do_not_block_the_event_loop(
    store_copy: Path, embedder: newscollate.SentenceEmbedder, seed_texts: Seeds, read_only: bool
) -> None:
    """While comparisons run in worker threads, the server still answers at once."""
    config = ServeConfig(store=store_copy, warm_up=True, read_only=read_only)
    body = {"articles": [{"id": n, "text": t} for n, t in seed_texts]}
    with LiveServer(create_app(config, embedder=embedder)) as url:
        busy: list[float] = []

        def compare() -> None:
            started = time.perf_counter()
            response = httpx.post(url + "/api/compare", json=body, timeout=120)
            assert response.status_code == 200
            busy.append(time.perf_counter() - started)

        workers = [threading.Thread(target=compare) for _ in range(4)]
        for w in workers:
            w.start()
        time.sleep(0.3)
        started = time.perf_counter()
        quick = httpx.get(url + "/static/app.js", timeout=30)
        answered = time.perf_counter() - started
        for w in workers:
            w.join()
    assert quick.status_code == 200
    assert len(busy) == 4 and max(busy) > 1.0  # four comparisons queue on two slots
    assert answered < 0.5, f"a static file took {answered:.2f}s while comparisons ran"


def test_an_upload_of_too_many_articles(make_client: MakeClient, seed_texts: Seeds) -> None:
    """The article limit holds for a JSONL upload too, not only for pasted slots."""
    client = make_client(max_articles=3)
    text = seed_texts[0][1]
    records = "".join(json.dumps({"id": f"r{i}", "text": text}) + "\n" for i in range(4))
    empty = {name: ["", ""] for name in ("text", "outlet", "title", "published", "url")}
    response = _post_form(
        client, empty, [("files", ("feed.jsonl", records.encode(), "application/x-ndjson"))]
    )
    assert response.status_code == 422 and "at most 3" in response.text
