"""One self-contained HTML file: verdict, versions in columns, rows aligned.

No scripts, fonts or images are loaded from anywhere: the file opens offline
and can be mailed. Every piece of article text and metadata passes through
``html.escape``; nothing from an article is ever placed unescaped in the page.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from newscollate.models import Comparison

if TYPE_CHECKING:
    from newscollate.store import StoryInfo
from newscollate.report.table import Row, build_rows, segments
from newscollate.report.text import verdict_line

_CSS = """
:root { --changed:#fff2a8; --added:#c8f7c5; --dropped:#ffd0d0; --unique:#fff4f4; --line:#d8dde3; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1d232a; background: #f6f7f9; }
header, section { max-width: 1400px; margin: 0 auto; padding: 12px 20px; }
h1 { font-size: 22px; margin: 8px 0; } h2 { font-size: 17px; margin: 18px 0 8px; }
.verdicts { list-style: none; padding: 0; margin: 0; }
.verdicts li { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 6px 0; }
.rel { font-weight: 700; padding: 1px 8px; border-radius: 10px; margin-right: 6px; }
.rel-near-duplicate { background: #d9f2d9; } .rel-rewrite { background: #dde8ff; }
.rel-same-story { background: #f3e3ff; } .rel-different-story { background: #eee; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { border: 1px solid var(--line); padding: 6px 8px; vertical-align: top; text-align: left; }
th { position: sticky; top: 0; background: #eef1f5; z-index: 1; }
td.meta { white-space: nowrap; font-size: 12px; color: #55606b; width: 1%; }
td.empty { background: #fafafa; color: #aab; text-align: center; }
tr.unique td.present { background: var(--unique); box-shadow: inset 3px 0 0 #d33; }
td.heading { font-weight: 700; }
mark { padding: 0 1px; border-radius: 2px; }
mark.changed { background: var(--changed); } mark.added { background: var(--added); }
mark.dropped { background: var(--dropped); text-decoration: line-through; text-decoration-color: #c33; }
.kind { display: inline-block; padding: 0 6px; border-radius: 8px; background: #eef; }
.kind-unique { background: #fdd; color: #900; font-weight: 700; }
.legend span { margin-right: 14px; } .small { font-size: 12px; color: #55606b; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 10px; margin: 0; font-size: 13px; }
dl.meta dt { color: #55606b; } dl.meta dd { margin: 0; }
.boilerplate li { font-family: ui-monospace, monospace; font-size: 12px; color: #555; }
.fact { border-bottom: 2px solid #9aa5b1; }
.fact.sev-high { border-bottom: 3px solid #d11; background: #ffe3e3; }
.fact.sev-medium { border-bottom: 3px solid #e08a00; }
.fact.sev-low { border-bottom: 2px dotted #7a8794; }
.fact.sev-info { border-bottom: 2px solid #2e9e4f; }
.checks { list-style: none; padding: 0; margin: 0; }
.checks li { background: #fff; border: 1px solid var(--line); border-left-width: 5px; border-radius: 4px; padding: 6px 10px; margin: 4px 0; }
.checks li.sev-high { border-left-color: #d11; } .checks li.sev-medium { border-left-color: #e08a00; }
.checks li.sev-low { border-left-color: #9aa5b1; } .checks li.sev-info { border-left-color: #2e9e4f; }
.checks .tag { font-weight: 700; margin-right: 6px; } .checks a { margin-left: 6px; font-size: 12px; }
details summary { cursor: pointer; color: #55606b; margin: 6px 0; }
@media (max-width: 800px) { th, td { font-size: 13px; padding: 4px; } }
"""


REPORT_CSS = _CSS
"""The reports' style sheet, for pages that show a report body (the web app serves it)."""

# what a standalone report may load: nothing but its own inline style
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'"


def _head(title: str) -> str:
    """Self-contained: inline CSS, no scripts, nothing fetched (the CSP forbids it)."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{REPORT_CSP}">\n'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
    )


def standalone_html(body: str, *, title: str) -> str:
    """A report body (``render_html_body``) as one self-contained HTML file."""
    return f"{_head(title)}\n{body}\n</body></html>"


def render_stories_html(
    stories: Sequence[StoryInfo], *, links: dict[int, str] | None = None
) -> str:
    """The story list of a store; ``links`` maps a story to its report's file name."""
    parts = [
        _head("Stories"),
        "<header><h1>Stories</h1>",
        f'<p class="small">{len(stories)} stories, newest first.</p></header><section><table>',
        "<thead><tr><th>story</th><th>articles</th><th>first seen</th><th>outlets</th>"
        "<th>links</th><th>title</th></tr></thead><tbody>",
    ]
    for story in stories:
        title = escape(story.title or "")
        if links and story.id in links:
            title = f'<a href="{escape(links[story.id])}">{title}</a>'
        relations = ", ".join(f"{n} {r}" for r, n in sorted(story.relations.items()))
        parts.append(
            f"<tr><td>{story.id}</td><td>{story.size}</td><td>{escape(story.first_seen or '')}</td>"
            f"<td>{escape(', '.join(story.outlets))}</td><td>{escape(relations)}</td><td>{title}</td></tr>"
        )
    parts.append("</tbody></table></section></body></html>")
    return "\n".join(parts)


def report_title(comparison: Comparison) -> str:
    """The heading a report gets when the caller names none."""
    return "Collation of " + ", ".join(d.id for d in comparison.documents)


def render_html(comparison: Comparison, *, title: str | None = None) -> str:
    """The comparison as one self-contained HTML file."""
    heading = title or report_title(comparison)
    return standalone_html(render_html_body(comparison, title=heading), title=heading)


def render_html_body(comparison: Comparison, *, title: str | None = None) -> str:
    """The report without its page: verdicts, fact checks, versions, the collation and
    the removed furniture, every piece of article text escaped. A page that embeds it
    must load ``REPORT_CSS``; the web app shows it inside its own layout."""
    rows = build_rows(comparison)
    docs = comparison.documents
    heading = title or report_title(comparison)
    parts = [
        f"<header><h1>{escape(heading)}</h1>",
        '<p class="small">newscollate report: aligned rows say the same thing; unique rows have no counterpart.</p>',
        '<ul class="verdicts" id="verdicts">',
    ]
    for pair in comparison.pairs:
        parts.append(
            f'<li><span class="rel rel-{escape(pair.relation)}">{escape(pair.relation)}</span>'
            f"{escape(verdict_line(pair))}</li>"
        )
    parts.append("</ul></header>")
    severity = _fact_severity(comparison)
    if comparison.checks:
        parts.append(_checks_section(comparison, rows))
    parts.append(_articles_section(comparison))
    parts.append('<section><h2>Collation</h2><p class="legend small">')
    parts.append(
        '<span><mark class="changed">changed</mark> words replaced</span>'
        '<span><mark class="added">added</mark> words added</span>'
        '<span><mark class="dropped">dropped</mark> words of the row\'s first version missing elsewhere</span>'
        '<span class="kind kind-unique">unique</span> only one version has it</p>'
    )
    parts.append('<table id="collation"><thead><tr><th>#</th>')
    parts.extend(f"<th>{escape(d.id)}</th>" for d in docs)
    parts.append("</tr></thead><tbody>")
    parts.extend(_row(row, [d.id for d in docs], severity) for row in rows)
    parts.append("</tbody></table></section>")
    parts.append(_boilerplate_section(comparison))
    return "\n".join(parts)


def _row(row: Row, order: list[str], severity: dict[str, str]) -> str:
    css = "unique" if row.group is None else f"aligned {row.group.kind}"
    score = f" {row.group.score:.2f}" if row.group else ""
    out = [
        f'<tr id="row-{row.number}" class="{css}"><td class="meta">{row.number}<br>'
        f'<span class="kind kind-{escape(row.label)}">{escape(row.label)}</span>{score}</td>'
    ]
    for doc_id in order:
        cell = row.cells.get(doc_id)
        if cell is None:
            out.append('<td class="empty">—</td>')
            continue
        body = "".join(
            _piece(piece, mark, facts, severity) for piece, mark, facts in segments(cell)
        )
        classes = "present heading" if cell.headings else "present"
        indices = " ".join(str(i) for i in cell.sentences)
        out.append(f'<td class="{classes}" data-sentences="{indices}">{body}</td>')
    out.append("</tr>")
    return "".join(out)


_RANK = ("high", "medium", "low", "info")


def _fact_severity(comparison: Comparison) -> dict[str, str]:
    """Each fact's most severe check, so a highlight shows what matters most about it."""
    worst: dict[str, str] = {}
    for check in comparison.checks:
        for fact in check.facts:
            if fact not in worst or _RANK.index(check.severity) < _RANK.index(worst[fact]):
                worst[fact] = check.severity
    return worst


def _piece(text: str, mark: str | None, facts: tuple[str, ...], severity: dict[str, str]) -> str:
    out = escape(text)
    if mark:
        out = f'<mark class="{mark}">{out}</mark>'
    if facts:
        level = min(
            (severity.get(f, "none") for f in facts),
            key=lambda s: _RANK.index(s) if s in _RANK else 9,
        )
        ids = " ".join(facts)
        out = f'<span class="fact sev-{level}" data-facts="{ids}">{out}</span>'
    return out


def _checks_section(comparison: Comparison, rows: list[Row]) -> str:
    row_of: dict[tuple[str, int], int] = {}
    for row in rows:
        for doc_id, cell in row.cells.items():
            for i in cell.sentences:
                row_of[doc_id, i] = row.number
    where = {f.id: row_of.get((f.article, f.sentence)) for f in comparison.facts}
    items = []
    for check in comparison.checks:
        links = sorted({n for f in check.facts if (n := where.get(f)) is not None})
        anchors = "".join(f'<a href="#row-{n}">row {n}</a>' for n in links)
        items.append(
            f'<li class="sev-{check.severity}" data-facts="{" ".join(check.facts)}">'
            f'<span class="tag">{escape(check.severity)} · {escape(check.kind)}</span>'
            f"{escape(check.summary)}{anchors}</li>"
        )
    important = [
        i for i, c in zip(items, comparison.checks, strict=True) if c.severity in ("high", "medium")
    ]
    rest = [
        i
        for i, c in zip(items, comparison.checks, strict=True)
        if c.severity not in ("high", "medium")
    ]
    return (
        '<section id="checks"><h2>Fact checks</h2><ul class="checks">'
        + "".join(important)
        + "</ul>"
        + (f"<details><summary>{len(rest)} more: variants, facts only one version has, agreements</summary>"
           f'<ul class="checks">{"".join(rest)}</ul></details>' if rest else "")
        + "</section>"
    )  # fmt: skip


def _articles_section(comparison: Comparison) -> str:
    cells = []
    for doc in comparison.documents:
        art = doc.article
        fields = [
            ("title", art.title),
            ("outlet", art.outlet),
            ("published", art.published),
            ("author", art.author),
            ("language", art.language),
            ("source", art.source),
            ("sentences", str(len(doc.sentences))),
            ("unique", str(len(comparison.unique.get(doc.id, ())))),
        ]
        items = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v or '—')}</dd>" for k, v in fields)
        cells.append(f'<td><strong>{escape(doc.id)}</strong><dl class="meta">{items}</dl></td>')
    return f'<section><h2>Versions</h2><table id="articles"><tr>{"".join(cells)}</tr></table></section>'


def _boilerplate_section(comparison: Comparison) -> str:
    items = []
    for doc in comparison.documents:
        if doc.boilerplate:
            lines = "".join(f"<li>{escape(line)}</li>" for line in doc.boilerplate)
            items.append(f'<h3>{escape(doc.id)}</h3><ul class="boilerplate">{lines}</ul>')
    if not items:
        return ""
    return '<section id="removed"><h2>Removed page furniture</h2>' + "".join(items) + "</section>"
