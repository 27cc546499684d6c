"""Page furniture: the lines around an article that are not the article.

Scrapers leave share buttons, comment counters, category labels, image
placeholders and photo credits in the text; left in, they align with each other
across outlets and inflate similarity. Two mechanisms remove them:

1. ``RULES``: a documented rule set, one named regular expression per kind of
   furniture, matched against whole lines (after list bullets are stripped). It
   only ever matches short lines or lines of a furniture shape, so a sentence that
   merely mentions "comments" or "photo" stays.
2. ``recurring_lines``: the corpus-level rule. A short line that recurs across
   many articles of one outlet ("Follow us on ...", a desk's sign-off) is that
   outlet's furniture, whatever its wording.

Removed lines are returned, never silently dropped: reports list them as
``boilerplate`` so a user can see what was taken out.

Bylines and datelines are not furniture but metadata; ``parse_byline`` turns
such a line into author and date.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from newscollate.ingest.normalize import fold

_BULLET = re.compile(r"^[\s\u2022\u00b7\u25aa\u25cf\u25ba\u2023\u2043*>|-]+")


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    why: str
    # words one of which every line the pattern matches contains, in lower case: a
    # pattern that may begin anywhere in a line backtracks through all of it, and
    # most lines are content, so it is tried only where it can match
    needs: tuple[str, ...] = ()


def _rule(name: str, pattern: str, why: str, needs: tuple[str, ...] = ()) -> Rule:
    return Rule(name, re.compile(pattern, re.IGNORECASE), why, needs)


RULES: tuple[Rule, ...] = (
    _rule(
        "post-meta",
        r"^post\s*(author|category|categories|date|tags?|views?|comments?)\s*:.*$",
        "WordPress theme labels: 'Post author:', 'Post category:News', 'Post comments:0 Comments'",
    ),
    _rule(
        "comments",
        r"^(\d+\s*comments?|comments?\s*:?\s*\(?\d*\)?(\s*comments?)?|leave a (comment|reply)|"
        r"(view|show|load|read)\s+(all\s+)?\d*\s*comments?|no comments( yet)?\.?)$",
        "comment counters and prompts",
    ),
    _rule(
        "taxonomy",
        r"^(categories|category|tags?|filed under|topics?|section)\s*:.{0,120}$",
        "category and tag lists",
    ),
    _rule(
        "share",
        r"^((share|tweet|pin|email|print|copy link|save)( (this|the) (article|story|page|post))?"
        r"( on (facebook|twitter|x|whatsapp|linkedin|telegram|reddit|email))?|"
        r"facebook|twitter|whatsapp|linkedin|telegram|reddit|pinterest|"
        r"follow us( on .{0,40})?|share (via|with) .{0,40})[.:!]?$",
        "share and follow buttons",
    ),
    _rule(
        "image-placeholder",
        r"^((html )?image( as link)?|photo|picture|gallery|video|play video|watch:?|"
        r"enlarge (this )?image|open image in new tab|\[?image\]?|\[?photo\]?)$",
        "image and video placeholders left by HTML-to-text conversion",
    ),
    _rule(
        "photo-credit",
        r"^(\(?\s*(cover |file |main |top |header )?(photo|image|picture|illustration|"
        r"photograph|foto)( credit)?s?\s*:.{0,250}\)?|.{0,200}\b(photo|image|picture|foto)\s*:\s*"
        r"[\w .'&-]+(/[\w .'&-]+)+\)?\.?)$",
        "photo captions and credits, such as '(Cover photo: ... Photo: Agency/Name)';"
        " bounded in length so that an article scraped as one 'Photos: ...' line survives",
        needs=("photo", "image", "picture", "illustration", "foto"),
    ),
    _rule(
        "bare-url",
        r"^(https?://|www\.)\S+$",
        "a link on a line of its own, left by HTML-to-text conversion",
    ),
    _rule(
        "navigation",
        r"^(read (more|also|next)|related( articles| stories| news| content)?|see also|"
        r"more (on|from) this( story| topic)?|recommended( for you)?|trending( now)?|most (read|popular)|"
        r"next (article|story)|previous (article|story)|skip to (main )?content|back to top|"
        r"top stories|you (may|might) also like)\b.{0,120}$",
        "navigation and related-article links",
    ),
    _rule(
        "subscription",
        r"^(subscribe( now| to .{0,60})?|sign up( for .{0,60})?|get (our|the) newsletter.{0,60}|"
        r"(log|sign) ?in( to .{0,40})?|register( now)?|already (a subscriber|have an account).{0,60}|"
        r"support (our|independent) journalism.{0,60})[.!]?$",
        "subscription and login prompts",
    ),
    _rule(
        "cookies",
        r"^.{0,200}\b(we use cookies|accept (all )?cookies|cookie (policy|settings|preferences))\b.{0,200}$",
        "cookie notices",
        needs=("cookie",),
    ),
    _rule(
        "advert",
        r"^(advertisement|advertising|sponsored( content)?|ad|ads by .{0,40}|scroll to continue.{0,40}|"
        r"continue reading( below)?|story continues below( advertisement)?)[.:]?$",
        "advertising slots",
    ),
    _rule(
        "copyright",
        r"^(©|\(c\)|copyright\b).{0,200}$|^.{0,120}\ball rights reserved\.?$",
        "copyright lines",
        needs=("©", "(c)", "copyright", "all rights reserved"),
    ),
    _rule(
        "reading-time",
        r"^(\d+\s*(min|mins|minutes?)\s*read|reading time:?.{0,20}|updated:?\s*\d.{0,40}|"
        r"published:?\s*\d.{0,40}|last (updated|modified):?.{0,40})$",
        "reading-time and timestamp badges",
    ),
)


def furniture_rule(line: str) -> Rule | None:
    """The rule that marks ``line`` as furniture, or ``None`` if it is content."""
    stripped = _BULLET.sub("", line).strip()
    if not stripped:
        return None
    lowered = stripped.lower()
    for rule in RULES:
        if rule.needs and not any(word in lowered for word in rule.needs):
            continue
        if rule.pattern.match(stripped):
            return rule
    return None


# --- bylines ---------------------------------------------------------------

_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|da|del|di|bin|al-\w+))*"
_BYLINE_BY = re.compile(
    rf"^(?:by|written by|words by|von|par|por)\s+(?P<name>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)\s*(?:[/|,•·–—-]\s*(?P<rest>.*))?$",
    re.IGNORECASE,
)
_BYLINE_SEP = re.compile(rf"^(?P<name>{_NAME})\s*[/|•·–—]\s*(?P<rest>.+)$")
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE_TEXT = re.compile(
    rf"(?P<d1>\d{{1,2}})?\s*(?P<month>{_MONTHS})\.?\s+(?P<d2>\d{{1,2}})?(?:st|nd|rd|th)?,?\s*(?P<year>\d{{4}})"
    r"|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})",
    re.IGNORECASE,
)
_MONTH_NUMBER = {name: i for i, name in enumerate(_MONTHS.split("|")[:12], 1)} | {
    name: int(n)
    for name, n in (
        pair.split("=")
        for pair in [
            "jan=1",
            "feb=2",
            "mar=3",
            "apr=4",
            "jun=6",
            "jul=7",
            "aug=8",
            "sep=9",
            "sept=9",
            "oct=10",
            "nov=11",
            "dec=12",
        ]
    )
}


_BYLINE_MAX_WORDS = 14
_SENTENCE_END = tuple('.!?"”')
_DATE_LINE_WORDS = re.compile(
    r"\b(published|updated|posted|last|modified|on|at|(mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"am|pm|a\.m|p\.m|gmt|utc|[a-z]{2,4}t)\b"
)


@dataclass(frozen=True, slots=True)
class Byline:
    author: str | None
    published: str | None


def parse_date(text: str) -> str | None:
    """The first calendar date in ``text`` as ISO ``YYYY-MM-DD``, or ``None``."""
    m = _DATE_TEXT.search(text)
    if not m:
        return None
    try:
        if m.group("iy"):
            value = date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
        else:
            day = m.group("d2") or m.group("d1")
            if not day:
                return None
            month = _MONTH_NUMBER[m.group("month").lower()]
            value = date(int(m.group("year")), month, int(day))
    except ValueError:
        return None
    return value.isoformat()


def parse_byline(line: str) -> Byline | None:
    """Author and date from a byline ("By Ann Lee / 3 March 2025", "Ann Lee | Mar 3, 2025").

    A bare date line ("Updated Monday, March 3, 2025") also counts. Only short
    lines that do not end like a sentence qualify: "By the time crews arrived,
    the roof had collapsed." is content.
    """
    stripped = _BULLET.sub("", line).strip()
    if (
        not stripped
        or len(stripped.split()) > _BYLINE_MAX_WORDS
        or stripped.endswith(_SENTENCE_END)
    ):
        return None
    if m := _BYLINE_BY.match(stripped):
        return Byline(m.group("name").strip(), parse_date(m.group("rest") or ""))
    if (m := _BYLINE_SEP.match(stripped)) and (published := parse_date(m.group("rest"))):
        return Byline(m.group("name").strip(), published)
    published = parse_date(stripped)
    leftover = _DATE_LINE_WORDS.sub("", _DATE_TEXT.sub("", stripped.lower()))
    if published and not re.search(r"[^\W\d_]", leftover):
        return Byline(None, published)
    return None


# --- the corpus-level rule -------------------------------------------------

_RECURRING_MAX_WORDS = 14


def recurring_lines(
    articles: Sequence[tuple[str | None, Iterable[str]]],
    *,
    min_articles: int,
    min_share: float = 0.5,
) -> dict[str | None, frozenset[str]]:
    """Folded short lines that recur in many articles of one outlet.

    ``articles`` pairs each article's outlet with its lines. A line is furniture
    for an outlet when it is short (at most 14 words), the outlet has at least
    ``min_articles`` articles, and the line appears in at least ``min_articles``
    of them and in ``min_share`` of them. Articles without an outlet form no
    group: copies of one story from unknown sources share lines legitimately.
    """
    by_outlet: dict[str, list[set[str]]] = defaultdict(list)
    for outlet, lines in articles:
        if outlet:
            by_outlet[outlet].append(short_lines(lines))
    result: dict[str | None, frozenset[str]] = {}
    for outlet, line_sets in by_outlet.items():
        counts = Counter(line for lines in line_sets for line in lines)
        found = recurring_from_counts(
            counts, len(line_sets), min_articles=min_articles, min_share=min_share
        )
        if found:
            result[outlet] = found
    return result


def short_lines(lines: Iterable[str]) -> set[str]:
    """The folded lines of one article that could be outlet furniture."""
    # folding never joins words (it may split some), so a line too long before it is
    # too long after it, and is not folded at all
    return {
        f
        for line in lines
        if len(line.split()) <= _RECURRING_MAX_WORDS
        and (f := fold(line))
        and len(f.split()) <= _RECURRING_MAX_WORDS
    }


def recurring_from_counts(
    counts: Mapping[str, int], articles: int, *, min_articles: int, min_share: float = 0.5
) -> frozenset[str]:
    """One outlet's furniture from how many of its ``articles`` carry each short line
    (the Spark engine counts them in a cluster, the store in memory)."""
    if articles < min_articles:
        return frozenset()
    needed = max(min_articles, min_share * articles)
    return frozenset(line for line, n in counts.items() if n >= needed)
