"""Render an HTML report to PNG in Debian's headless Chromium (for the README picture).

.venv/bin/newscollate compare examples/harbour-fire --format html -o out/example.html
.venv/bin/python bench/screenshot.py out/example.html docs/img/example-report.png
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def main(page_path: str, png_path: str, width: int = 1400, height: int = 1100) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(Path(page_path).resolve().as_uri())
            page.screenshot(path=png_path)
        finally:
            browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
