"""Cleaning: furniture out, bylines into metadata, the headline into the title."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from newscollate.ingest.furniture import furniture_rule, parse_byline
from newscollate.ingest.normalize import fold
from newscollate.models import Article

# Bylines sit at the top or bottom of a scrape; a date-like line in the middle of
# the body is content.
_BYLINE_ZONE = 4
_HEADLINE_MAX_WORDS = 25
_TERMINAL = tuple('.!?…:;"”»’)')
_EXCESS_BLANKS = re.compile(r"\n{3,}")


@dataclass(frozen=True, slots=True)
class Cleaned:
    """An article's cleaned text, what was removed from it, and what it told us."""

    article: Article
    text: str
    boilerplate: tuple[str, ...]


def clean(article: Article, recurring: frozenset[str] = frozenset()) -> Cleaned:
    """Remove furniture lines (and ``recurring`` folded lines), read bylines as metadata.

    The returned ``article`` carries the author, date and title found in the text
    where the input had none; its ``text`` field keeps the raw input.
    """
    lines = [
        line.strip() for line in article.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
    content_positions = [i for i, line in enumerate(lines) if line]
    zone = set(content_positions[:_BYLINE_ZONE] + content_positions[-_BYLINE_ZONE:])
    kept: list[str] = []
    removed: list[str] = []
    author, published = article.author, article.published
    for i, line in enumerate(lines):
        if not line:
            kept.append("")
            continue
        if furniture_rule(line) or fold(line) in recurring:
            removed.append(line)
            continue
        if i in zone and (byline := parse_byline(line)):
            author = author or byline.author
            published = published or byline.published
            removed.append(line)
            continue
        kept.append(line)
    text = _EXCESS_BLANKS.sub("\n\n", "\n".join(kept)).strip()
    title = article.title or _headline(text)
    meta = replace(article, author=author, published=published, title=title)
    return Cleaned(meta, text, tuple(removed))


def _headline(text: str) -> str | None:
    first = text.split("\n", 1)[0].strip()
    if first and not first.endswith(_TERMINAL) and len(first.split()) <= _HEADLINE_MAX_WORDS:
        return first
    return None
