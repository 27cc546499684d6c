"""Reports render what the comparison holds, and never let article text become markup."""

from __future__ import annotations

import io
import json
import re

from rich.console import Console

import newscollate
from newscollate.report import render_html, render_json, render_text

HOSTILE = '<script>alert("x")</script> The fire <b onmouseover="evil()">spread</b> to the [bold red]port[/].'


def _hostile_comparison(embedder: newscollate.Embedder) -> newscollate.Comparison:
    base = "Fire crews fought a blaze at the port grain store for six hours on Monday. Nobody was hurt, police said."
    return newscollate.compare(
        [
            newscollate.Article(
                id="<img src=x onerror=alert(1)>",
                title="</title><script>",
                text=base + " " + HOSTILE,
            ),
            newscollate.Article(
                id="b", outlet='"><svg onload=alert(2)>', text=base + " Insurers will pay."
            ),
        ],
        embedder=embedder,
    )


def test_html_escapes_article_text_and_metadata(embedder: newscollate.Embedder) -> None:
    page = render_html(_hostile_comparison(embedder))
    for raw in ("<script>", "<b onmouseover", "<img src=x", "<svg onload", "</title><script>"):
        assert raw not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "default-src 'none'" in page


def test_text_report_shows_markup_literally(embedder: newscollate.Embedder) -> None:
    out = io.StringIO()
    render_text(_hostile_comparison(embedder), Console(file=out, width=200, force_terminal=False))
    assert "[bold red]port[/]" in out.getvalue()


def test_html_report_has_columns_rows_and_highlights(seeds: newscollate.Comparison) -> None:
    page = render_html(seeds)
    assert page.count("<th>") == 1 + len(seeds.documents)
    assert page.count('<tr id="row-') == len(seeds.alignment) + sum(
        len(v) for v in seeds.unique.values()
    )
    assert '<mark class="changed">' in page and '<mark class="dropped">' in page
    assert 'class="unique"' in page and "Post comments:0 Comments" in page


def test_json_round_trips(seeds: newscollate.Comparison) -> None:
    assert json.loads(render_json(seeds)) == seeds.to_dict()


def test_flagged_names_are_marked_in_the_collation(seeds: newscollate.Comparison) -> None:
    """A misspelt name ("Kharviv") is highlighted in its row; unflagged names are not."""
    body = render_html(seeds)
    collation = body[body.index('id="collation"') :]
    flagged = (
        r'<span class="fact sev-medium" data-facts="f\d+">(<mark class="\w+">)?{}(</mark>)?</span>'
    )
    assert re.search(flagged.format("Kharviv"), collation)
    assert re.search(flagged.format("Kharkiv"), collation)
    assert not re.search(
        r'data-facts="f\d+">(<mark class="\w+">)?Zelensky(</mark>)?</span>', collation
    )
