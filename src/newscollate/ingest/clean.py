"""Cleaning: furniture out, bylines and datelines into metadata, the headline into the title."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from newscollate.ingest.furniture import furniture_rule, parse_byline, parse_date
from newscollate.ingest.normalize import fold
from newscollate.models import Article

# Bylines sit at the top or bottom of a scrape; a date-like line in the middle of
# the body is content.
_BYLINE_ZONE = 4
_HEADLINE_MAX_WORDS = 25
_TERMINAL = tuple('.!?…:;"”»’)')
_EXCESS_BLANKS = re.compile(r"\n{3,}")
# "PORT ARDLEN — ", "KYIV, Ukraine (AP) — ", "WASHINGTON, Nov 20 (Reuters) - ": a place in
# capitals, an optional region, date and agency, then a dash. Capitals are required
# so that "Officials said - ..." is never taken for a dateline.
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.-]{2,}(?:[ -][A-Z][A-Z'’.-]+)*)"
    r"(?:,\s*(?P<region>[A-Z][\w.'’ -]{1,30}?))?"
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?))?"
    r"\s*(?:\((?P<agency>[A-Za-z][\w .&-]{1,30})\))?"
    r"\s*[—–-]{1,2}\s+(?=[A-Z0-9\"“‘'])"
)


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
        if furniture_rule(line) or (recurring and fold(line) in recurring):
            removed.append(line)
            continue
        if i in zone and (byline := parse_byline(line)):
            author = author or byline.author
            published = published or byline.published
            removed.append(line)
            continue
        kept.append(line)
    outlet = article.outlet
    for k, line in enumerate(kept):
        if line and not _headline(line):  # the first body paragraph
            if m := DATELINE.match(line):
                kept[k] = line[m.end() :]
                removed.append(m.group(0).strip())
                outlet = outlet or m.group("agency")
                if m.group("date") and not published:
                    published = _dateline_date(m.group("date"), article.published)
            break
    text = _EXCESS_BLANKS.sub("\n\n", "\n".join(kept)).strip()
    title = article.title or _headline(text)
    meta = replace(article, author=author, published=published, title=title, outlet=outlet)
    return Cleaned(meta, text, tuple(removed))


def _dateline_date(text: str, known: str | None) -> str | None:
    """A dateline's date has a year only sometimes; without one it is not a full date."""
    return parse_date(text) or known


def _headline(text: str) -> str | None:
    first = text.split("\n", 1)[0].strip()
    if first and not first.endswith(_TERMINAL) and len(first.split()) <= _HEADLINE_MAX_WORDS:
        return first
    return None
