"""The HTML report of the seed pair in real headless Chromium (Debian's), with a screenshot."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

import newscollate
from newscollate.report import render_html

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@pytest.mark.browser
def test_seed_report_renders_columns_and_highlights(
    seeds: newscollate.Comparison, tmp_path: Path
) -> None:
    assert CHROMIUM.exists(), (
        "Debian's chromium is missing: `make test` installs it (apt-get install chromium)"
    )
    report = tmp_path / "seeds.html"
    report.write_text(render_html(seeds), encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(report.as_uri())
            headers = page.locator("#collation thead th").all_inner_texts()
            assert headers[1:] == [d.id for d in seeds.documents]
            assert page.locator("#verdicts").inner_text().count("rewrite") >= 1
            changed = page.locator("mark.changed").first
            assert changed.is_visible()
            colour = changed.evaluate("el => getComputedStyle(el).backgroundColor")
            assert colour == "rgb(255, 242, 168)"
            unique = page.locator("tr.unique td.present").first
            assert (
                unique.evaluate("el => getComputedStyle(el).backgroundColor")
                == "rgb(255, 244, 244)"
            )
            columns = page.locator("#collation tbody tr").first.locator("td").count()
            assert columns == 1 + len(seeds.documents)
            shot = ARTIFACTS / "seed-report.png"
            page.screenshot(path=str(shot), full_page=False)
            assert shot.stat().st_size > 20_000
        finally:
            browser.close()
