"""The picture of a story: who published when, and who copied or rewrote whom.

The layout is computed here, in plain numbers; the story page's template draws
it as inline SVG (escaped like any other template output). One row per article,
in publication order; the horizontal position is the publication time. An arrow
runs from the earlier article of a copy or rewrite link to the later one: the
store cannot tell who copied whom from the text, only from the dates, so links
between articles without two different dates are drawn without a head.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from newscollate import StoredArticle, StoryLink

MAX_NODES = 80  # a wire story reprinted a thousand times: draw its first 80
ROW = 26
TOP = 34
LEFT = 290  # the label column: outlet and date
WIDTH = 900
UNDATED_W = 70

# what each link relation says about the later article, for the picture and the lists
VERBS = {
    "exact": "copy",
    "near-duplicate": "copy",
    "rewrite": "rewrite",
    "same-story": "same story",
}


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    label: str
    when: str
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    relation: str
    score: float
    path: str
    directed: bool


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str
    anchor: str  # SVG text-anchor: start, middle or end


@dataclass(frozen=True, slots=True)
class Timeline:
    width: int
    height: int
    nodes: list[Node]
    edges: list[Edge]
    ticks: list[Tick]
    left_out: int  # articles not drawn (past MAX_NODES)


@dataclass(slots=True)
class Neighbours:
    """One article's links, by what it is to the other article."""

    copies: list[str] = field(default_factory=list)  # later copies of this one
    copy_of: list[str] = field(default_factory=list)
    rewrites: list[str] = field(default_factory=list)
    rewrite_of: list[str] = field(default_factory=list)
    # copies and rewrites without two different dates: who came first is unknown
    copies_unordered: list[str] = field(default_factory=list)
    rewrites_unordered: list[str] = field(default_factory=list)
    same_story: list[str] = field(default_factory=list)

    def listed(self) -> list[tuple[str, list[str]]]:
        """The non-empty lists with their labels, for pages."""
        labelled = [
            ("copies", self.copies), ("copy of", self.copy_of),
            ("rewrites", self.rewrites), ("rewrite of", self.rewrite_of),
            ("copy (which came first is unknown)", self.copies_unordered),
            ("rewrite (which came first is unknown)", self.rewrites_unordered),
            ("same story", self.same_story),
        ]  # fmt: skip
        return [(label, ids) for label, ids in labelled if ids]


def _order(article: StoredArticle) -> tuple[str, str]:
    """Publication order as the store's copy originals use it: date, then id."""
    return (article.article.published or "9999", article.article.id or "")


def _time(published: str | None) -> datetime | None:
    if not published:
        return None
    try:
        when = datetime.fromisoformat(published)
    except ValueError:
        return None
    return when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when


def _direction(link: StoryLink, by_id: dict[str, StoredArticle]) -> tuple[str, str, bool]:
    """Source, target, and whether the dates say which came first."""
    a, b = by_id[link.a], by_id[link.b]
    first, second = sorted((a, b), key=_order)
    known = bool(a.article.published and b.article.published) and (
        a.article.published != b.article.published
    )
    return first.article.id or "", second.article.id or "", known


def neighbours(articles: list[StoredArticle], links: list[StoryLink]) -> dict[str, Neighbours]:
    by_id = {a.article.id or "": a for a in articles}
    out = {article_id: Neighbours() for article_id in by_id}
    for link in links:
        if link.a not in by_id or link.b not in by_id:
            continue
        source, target, known = _direction(link, by_id)
        verb = VERBS[link.relation]
        if verb == "same story":
            out[source].same_story.append(target)
            out[target].same_story.append(source)
        elif not known:
            for a, b in ((source, target), (target, source)):
                unordered = out[a].copies_unordered if verb == "copy" else out[a].rewrites_unordered
                unordered.append(b)
        elif verb == "copy":
            out[source].copies.append(target)
            out[target].copy_of.append(source)
        else:
            out[source].rewrites.append(target)
            out[target].rewrite_of.append(source)
    return out


def timeline(articles: list[StoredArticle], links: list[StoryLink]) -> Timeline:
    ordered = sorted(articles, key=_order)
    shown, left_out = ordered[:MAX_NODES], max(0, len(ordered) - MAX_NODES)
    times = {a.article.id or "": _time(a.article.published) for a in shown}
    dated = [t for t in times.values() if t is not None]
    start, end = (min(dated), max(dated)) if dated else (None, None)
    undated = len(dated) < len(shown)
    right = WIDTH - 24 - (UNDATED_W if undated else 0)
    span = (end - start).total_seconds() if start and end else 0.0

    def x_of(when: datetime | None) -> float:
        if when is None or start is None:
            return float(WIDTH - 24 - UNDATED_W / 2)
        if span == 0:
            return (LEFT + right) / 2
        return LEFT + (when - start).total_seconds() / span * (right - LEFT)

    nodes = []
    for row, stored in enumerate(shown):
        article_id = stored.article.id or ""
        label = stored.article.outlet or article_id.rstrip("/").rsplit("/", 1)[-1]
        nodes.append(
            Node(
                article_id,
                label if len(label) <= 20 else label[:19] + "…",
                (stored.article.published or "undated")[:16].replace("T", " "),
                round(x_of(times[article_id]), 1),
                TOP + row * ROW,
            )
        )
    at = {n.id: n for n in nodes}
    by_id = {a.article.id or "": a for a in shown}
    edges = []
    for link in links:
        if link.a not in at or link.b not in at:
            continue
        source, target, known = _direction(link, by_id)
        directed = known and link.relation != "same-story"
        path = _curve(at[source], at[target], shorten=9.0 if directed else 0.0)
        edges.append(Edge(source, target, link.relation, link.score, path, directed))
    height = TOP + max(1, len(nodes)) * ROW + 16
    ticks = []
    if start is not None and end is not None:
        fmt = "%Y-%m-%d" if span >= 3 * 86400 else "%Y-%m-%d %H:%M"
        if span > 0:
            ticks += [
                Tick(LEFT, start.strftime(fmt), "start"),
                Tick(right, end.strftime(fmt), "end"),
            ]
        else:
            ticks.append(Tick((LEFT + right) / 2, start.strftime(fmt), "middle"))
    if undated:
        ticks.append(Tick(WIDTH - 24 - UNDATED_W / 2, "undated", "middle"))
    return Timeline(WIDTH, height, nodes, edges, ticks, left_out)


def _curve(a: Node, b: Node, *, shorten: float) -> str:
    """A quadratic curve from ``a`` to a later row's ``b``: an elbow that leaves ``a``
    level and comes down onto ``b`` when they are apart in time, a bow to the right
    when they are not (so links between articles of one time stay apart). Its end is
    pulled back by ``shorten`` along its last direction, so an arrowhead's tip
    touches the dot instead of hiding under it."""
    if abs(b.x - a.x) > 30:
        bend_x, bend_y = b.x, a.y
    else:
        bend_x, bend_y = max(a.x, b.x) + 18 + abs(a.y - b.y) / 4, (a.y + b.y) / 2
    dx, dy = b.x - bend_x, b.y - bend_y
    length = (dx * dx + dy * dy) ** 0.5 or 1.0
    end_x, end_y = b.x - dx / length * shorten, b.y - dy / length * shorten
    return f"M {a.x} {a.y} Q {bend_x:.1f} {bend_y:.1f} {end_x:.1f} {end_y:.1f}"
