"""The terminal report: the verdict first, then the versions side by side."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newscollate.models import Comparison, PairVerdict
from newscollate.report.table import build_rows, segments

_STYLES = {"changed": "bold yellow", "added": "bold green", "dropped": "strike red", None: ""}
_KIND_STYLES = {
    "identical": "green",
    "near-identical": "green",
    "paraphrase": "cyan",
    "partial": "magenta",
    "unique": "bold red",
}


def verdict_line(pair: PairVerdict) -> str:
    coverage = ", ".join(f"{k} {v:.0%}" for k, v in pair.coverage.items())
    derived = ""
    if pair.derived_from:
        other = pair.b if pair.derived_from == pair.a else pair.a
        derived = f"; {other} derived from {pair.derived_from}"
    return (
        f"{pair.a} ~ {pair.b}: {pair.relation} (similarity {pair.similarity:.2f}; "
        f"coverage {coverage}; {pair.aligned} aligned, shared phrasing {pair.shared_phrases:.0%}, "
        f"shared names {pair.shared_names:.0%}{derived})"
    )


_SEVERITY_STYLES = {"high": "bold red", "medium": "yellow", "low": "dim", "info": "green"}
TOP_CHECKS = 25


def render_text(comparison: Comparison, console: Console) -> None:
    """Print the report to ``console``; article text goes through ``Text`` so
    that markup-like characters in it are shown, never interpreted."""
    console.print(Text("Verdict", style="bold"))
    for pair in comparison.pairs:
        console.print(Text("  " + verdict_line(pair)))
    if comparison.checks:
        _render_checks(comparison, console)
    rows = build_rows(comparison)
    kinds: dict[str, int] = {}
    for row in rows:
        kinds[row.label] = kinds.get(row.label, 0) + 1
    console.print(
        Text("Rows: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())), style="dim")
    )
    for doc in comparison.documents:
        if doc.boilerplate:
            console.print(
                Text(f"Removed from {doc.id}: " + " | ".join(doc.boilerplate), style="dim"),
                overflow="fold",
            )

    table = Table(show_lines=True, expand=True)
    table.add_column("#", justify="right", style="dim", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    for doc in comparison.documents:
        table.add_column(Text(doc.id), ratio=1, overflow="fold")
    for row in rows:
        cells = []
        for doc in comparison.documents:
            cell = row.cells.get(doc.id)
            if cell is None:
                cells.append(Text("—", style="dim"))
                continue
            text = Text()
            for piece, mark, _ in segments(cell):
                text.append(piece, style=_STYLES[mark])
            if cell.headings:
                text.stylize("bold")
            cells.append(text)
        score = f" {row.group.score:.2f}" if row.group else ""
        table.add_row(
            str(row.number), Text(row.label + score, style=_KIND_STYLES[row.label]), *cells
        )
    console.print(table)
    console.print(
        Text.assemble(
            ("Legend: ", "dim"),
            ("changed", _STYLES["changed"]),
            " / ",
            ("added", _STYLES["added"]),
            " words against the row's first version; ",
            ("dropped", _STYLES["dropped"]),
            " words of that version missing from another.",
        )
    )


def _render_checks(comparison: Comparison, console: Console) -> None:
    counts: dict[str, int] = {}
    for check in comparison.checks:
        counts[check.severity] = counts.get(check.severity, 0) + 1
    summary = ", ".join(
        f"{counts[s]} {s}" for s in ("high", "medium", "low", "info") if s in counts
    )
    console.print(Text(f"Fact checks ({summary}), most important first", style="bold"))
    shown = [c for c in comparison.checks if c.severity != "info"][:TOP_CHECKS]
    for check in shown:
        line = Text("  ")
        line.append(f"{check.severity:<6} {check.kind:<13}", style=_SEVERITY_STYLES[check.severity])
        line.append(" " + check.summary)
        console.print(line, overflow="fold")
    hidden = len([c for c in comparison.checks if c.severity != "info"]) - len(shown)
    agreements = counts.get("info", 0)
    if hidden or agreements:
        console.print(
            Text(
                f"  (+{hidden} more checks and {agreements} agreements in --format json or html)",
                style="dim",
            )
        )


__all__ = ["render_text", "verdict_line"]
