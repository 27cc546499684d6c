"""Dates and times: absolute, weekdays and relative expressions.

Relative expressions ("Wednesday", "last week", "earlier this month", "a week
earlier") are resolved against the article's publication date when it is known,
following news usage: a bare weekday is the most recent such day on or before
publication. Values are ISO dates, months (``2022-11``), years, or ranges
``start/end``; an expression that cannot be resolved keeps ``value`` None and
says ``relative`` in its qualifier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
]  # fmt: skip
_MONTH_ABBR = {m[:3]: i for i, m in enumerate(MONTHS, 1)} | {"sept": 9}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH_RE = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_PATTERN = re.compile(
    r"\b(?:"
    rf"(?P<mdy>{_MONTH_RE}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?)"
    rf"|(?P<dmy>(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH_RE}(?:,?\s+(?P<y2>\d{{4}}))?)"
    r"|(?P<iso>(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2}))"
    rf"|(?P<my>{_MONTH_RE}\s+(?P<y3>\d{{4}}))"
    r"|(?P<rel>yesterday|today|tonight|(?:last|this|next|earlier this|later this|early this|late last)\s+(?:week|month|year|weekend)"
    r"|(?:a|one|two|three|four|five|six|\d+)\s+(?:days?|weeks?|months?|years?)\s+(?:ago|earlier|later|before))"
    r"|(?:(?P<wdmod>last|next|this|on)\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    rf"|(?:in\s+)?(?P<month>{_MONTH_RE[:-3]}(?!\w))(?!\s+\d)"
    r"|(?<![\d,.$€£-])(?P<year>1[89]\d\d|20\d\d)(?!\d|,\d|%)"
    r")\b",
    re.IGNORECASE,
)
# "between August and December 1914": the bare month takes the year of the range's end
_RANGE_YEAR = re.compile(
    rf"\s+(?:and|to|until|through|-|–)\s+{_MONTH_RE}\s+(\d{{4}})", re.IGNORECASE
)
_NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    value: str | None
    qualifier: str | None  # "relative" when resolved from a relative expression


def find_dates(text: str, published: str | None) -> list[DateMention]:
    anchor = _parse_iso(published)
    found = []
    for m in _PATTERN.finditer(text):
        value, relative = _resolve(m, anchor)
        if m.group("month") and (shared := _RANGE_YEAR.match(text, m.end())):
            value, relative = f"{shared.group(1)}-{_month(m.group('month')):02d}", False
        if (
            m.group("month")
            and m.group("month").lower() == "may"
            and not m.group(0).lower().startswith("in")
        ):
            continue  # the verb "may"
        found.append(DateMention(m.start(), m.end(), value, "relative" if relative else None))
    return found


def _parse_iso(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _month(word: str) -> int:
    return _MONTH_ABBR[
        word.lower().rstrip(".")[:4] if word.lower().startswith("sept") else word.lower()[:3]
    ]


def _resolve(m: re.Match[str], anchor: date | None) -> tuple[str | None, bool]:
    try:
        if m.group("iso"):
            return date(
                int(m.group("iy")), int(m.group("im")), int(m.group("id"))
            ).isoformat(), False
        if m.group("mdy") or m.group("dmy"):
            day = int(m.group("d1") or m.group("d2"))
            letters = re.findall(r"[A-Za-z]+", m.group("mdy") or m.group("dmy"))
            month_word = next(w for w in letters if w.lower() not in ("st", "nd", "rd", "th"))
            month = _month(month_word)
            year_text = m.group("y1") or m.group("y2")
            if year_text:
                return date(int(year_text), month, day).isoformat(), False
            if anchor is None:
                return None, True
            guess = date(anchor.year, month, day)
            return (
                guess if guess <= anchor + timedelta(days=31) else date(anchor.year - 1, month, day)
            ).isoformat(), True
        if m.group("my"):
            return f"{int(m.group('y3')):04d}-{_month(m.group('my').split()[0]):02d}", False
        if m.group("year"):
            return m.group("year"), False
    except (ValueError, KeyError, TypeError):
        return None, False
    if anchor is None:
        return None, True
    if m.group("wd"):
        target = _WEEKDAYS.index(m.group("wd").lower())
        back = (anchor.weekday() - target) % 7
        modifier = (m.group("wdmod") or "").lower()
        if modifier == "next":
            return (anchor + timedelta(days=(target - anchor.weekday()) % 7 or 7)).isoformat(), True
        if modifier == "last" and back == 0:
            back = 7
        return (anchor - timedelta(days=back)).isoformat(), True
    if m.group("month"):
        month = _month(m.group("month"))
        year = anchor.year if month <= anchor.month else anchor.year - 1
        return f"{year:04d}-{month:02d}", True
    return _relative(m.group("rel").lower(), anchor), True


def _relative(phrase: str, anchor: date) -> str | None:
    week_start = anchor - timedelta(days=anchor.weekday())
    if phrase == "yesterday":
        return (anchor - timedelta(days=1)).isoformat()
    if phrase in ("today", "tonight"):
        return anchor.isoformat()
    unit = (
        phrase.split()[-1]
        if phrase.split()[-1] not in ("ago", "earlier", "later", "before")
        else phrase.split()[1]
    )
    if phrase.startswith(("last week", "late last week")):
        return _span(week_start - timedelta(days=7), week_start - timedelta(days=1))
    if phrase == "this week":
        return _span(week_start, week_start + timedelta(days=6))
    if phrase == "next week":
        return _span(week_start + timedelta(days=7), week_start + timedelta(days=13))
    if unit == "month" and phrase.startswith(("this", "earlier this", "early this", "later this")):
        return f"{anchor.year:04d}-{anchor.month:02d}"
    if phrase == "last month":
        previous = anchor.replace(day=1) - timedelta(days=1)
        return f"{previous.year:04d}-{previous.month:02d}"
    if unit == "year":
        offset = {"last": -1, "next": 1}.get(phrase.split()[0], 0)
        if phrase.split()[0] in _NUMBER_WORDS or phrase.split()[0].isdigit():
            return None  # "two years earlier": relative to another event, not to publication
        return str(anchor.year + offset)
    words = phrase.split()
    if words[-1] == "ago":
        count = _NUMBER_WORDS.get(words[0]) or (int(words[0]) if words[0].isdigit() else 0)
        days = {"day": 1, "days": 1, "week": 7, "weeks": 7}.get(words[1])
        if count and days:
            return (anchor - timedelta(days=count * days)).isoformat()
    return None  # "a week earlier": relative to something else the text mentions


def _span(start: date, end: date) -> str:
    return f"{start.isoformat()}/{end.isoformat()}"
