"""`newscollate serve` in real headless Chromium (Debian's): the app under uvicorn on a
loopback port, over a store of the seeds and the bundled examples."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

import newscollate
from newscollate.serve import ServeConfig, create_app
from tests.browser.test_screenshot import ARGS, ARTIFACTS, CHROMIUM
from tests.conftest import EXAMPLE
from tests.serve.live import LiveServer, build_store


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, embedder: newscollate.SentenceEmbedder
) -> Iterator[str]:
    store = build_store(tmp_path_factory.mktemp("browser") / "store.db", embedder)
    with LiveServer(create_app(ServeConfig(store=store), embedder=embedder)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), (
        "Debian's chromium is missing: `make test` installs it (apt-get install chromium)"
    )
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield launched
        launched.close()


def _page(browser: Browser, width: int = 1400, height: int = 1000) -> tuple[Page, list[str]]:
    """A fresh page, and the console errors it logs (a CSP violation is one)."""
    page = browser.new_page(viewport={"width": width, "height": height})
    errors: list[str] = []

    def keep(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", keep)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return page, errors


@pytest.mark.browser
def test_paste_the_seed_pair_and_see_verdict_and_checks(
    server: str, browser: Browser, seed_paths: list[Path]
) -> None:
    page, errors = _page(browser)
    page.goto(server + "/compare")
    texts = page.locator("textarea[name=text]")
    assert texts.count() == 2
    for i, path in enumerate(seed_paths):
        texts.nth(i).fill(path.read_text(encoding="utf-8"))
    page.locator("input[name=outlet]").nth(0).fill("Outlet A")
    page.locator("input[name=outlet]").nth(1).fill("Outlet B")
    page.click("#compare-submit")
    page.wait_for_url(server + "/compare/*", timeout=120_000)
    verdict = page.locator("#verdicts li").first
    assert "rewrite" in verdict.inner_text()
    assert verdict.locator(".rel-rewrite").is_visible()
    flagged = page.locator("#checks li.sev-medium", has_text="Kharviv")
    assert flagged.is_visible()
    assert "spelling" in flagged.inner_text()
    assert page.locator("#collation thead th").all_inner_texts()[1:] == ["Outlet A", "Outlet B"]
    highlight = page.locator("#collation .fact.sev-medium").first
    assert highlight.is_visible()
    assert highlight.evaluate("el => getComputedStyle(el).borderBottomStyle") == "solid"
    page.screenshot(path=str(ARTIFACTS / "serve-compare.png"), full_page=False)
    assert (ARTIFACTS / "serve-compare.png").stat().st_size > 50_000
    # the script (a static file) works under the CSP: a check outlines its facts
    flagged.click()
    assert page.locator("#collation .fact.focus").count() >= 2  # Kharkiv and Kharviv
    # the permalink survives a reload, and the JSON download is the comparison
    link = page.input_value("#permalink")
    assert link == page.url
    page.reload()
    assert page.locator("#checks li.sev-medium", has_text="Kharviv").is_visible()
    download = page.request.get(link + ".json")
    assert download.ok and download.json()["pairs"][0]["relation"] == "rewrite"
    assert errors == []


@pytest.mark.browser
def test_upload_the_bundled_example_and_see_its_collation(server: str, browser: Browser) -> None:
    """The compare page on the project's own example (its wire story and a rewrite, as
    uploaded files): the picture in the README, since the seeds' text is not ours."""
    page, errors = _page(browser)
    page.goto(server + "/compare")
    folder = EXAMPLE
    page.set_input_files(
        "input[name=files]", [str(folder / "wire.txt"), str(folder / "rewrite.jsonl")]
    )
    page.click("#compare-submit")
    page.wait_for_url(server + "/compare/*", timeout=120_000)
    assert "rewrite" in page.locator("#verdicts li").first.inner_text()
    assert page.locator("#checks li").count() >= 1
    assert page.locator("#collation mark.changed").first.is_visible()
    page.screenshot(path=str(ARTIFACTS / "serve-compare-example.png"), full_page=False)
    assert (ARTIFACTS / "serve-compare-example.png").stat().st_size > 50_000
    assert errors == []


@pytest.mark.browser
def test_open_a_story_from_the_list(server: str, browser: Browser) -> None:
    page, errors = _page(browser)
    page.goto(server + "/stories")
    page.fill("input[name=q]", "grain warehouse")
    page.select_option("select[name=size]", "2")
    page.click("#story-search button[type=submit]")
    rows = page.locator("#stories tbody tr")
    assert rows.count() == 1
    rows.first.locator("a").click()
    page.wait_for_selector("#collation", timeout=120_000)
    assert "grain warehouse" in page.locator("#story-title").inner_text()
    timeline = page.locator("svg#timeline")
    assert timeline.is_visible()
    assert timeline.locator("circle.node").count() == 4
    arrows = timeline.locator("path.edge[marker-end]")
    assert arrows.count() >= 2
    stroke = arrows.first.evaluate("el => getComputedStyle(el).stroke")
    assert stroke in ("rgb(58, 110, 232)", "rgb(46, 158, 79)")  # rewrite blue, copy green
    coastline = page.locator("#story-articles li", has_text="Coastline Daily")
    assert "rewrite of" in coastline.inner_text()
    assert page.locator("#checks li").count() > 0
    page.screenshot(path=str(ARTIFACTS / "serve-story.png"), full_page=False)
    coastline.locator("a").first.click()
    assert page.locator("#article-title").inner_text().startswith("Hundreds evacuated")
    assert "rewrite of" in page.locator("dl.related").inner_text()
    assert errors == []


@pytest.mark.browser
def test_api_docs_render_under_the_csp(server: str, browser: Browser) -> None:
    page, errors = _page(browser)
    page.goto(server + "/docs")
    page.wait_for_selector(".opblock", timeout=30_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/compare" in paths and "/api/stories/{story_id}" in paths
    assert errors == []


@pytest.mark.browser
def test_pages_fit_a_phone(server: str, browser: Browser) -> None:
    """At 390 px nothing but the wide tables scrolls sideways."""
    page, errors = _page(browser, width=390, height=844)
    for path in ("/compare", "/stories"):
        page.goto(server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width}px wide on a 390px screen"
    page.goto(server + "/compare")
    add = page.locator("#add-slot")
    assert add.is_visible()
    add.click()
    assert page.locator("fieldset.slot").count() == 3
    page.screenshot(path=str(ARTIFACTS / "serve-compare-phone.png"), full_page=False)
    assert errors == []
