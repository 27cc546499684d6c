"""Direct quotes with their speakers and second-hand attributions.

Quotes are found on the whole text, not per sentence, because quotes span
sentences ("“I don’t think it’s rushed. I think he’s careful,” said X.").
Marks: straight and curly double quotes, guillemets, and low-high German
quotes. A closing mark with no opening one before it in its paragraph (scrapers
drop opening marks) opens at the paragraph start. Paragraphs that a scraper
left without marks are quotes when an attribution line follows them ("...
bloodshed / Zelensky said at a forum.").

The speaker comes from the attribution next to the quote: "..., X said",
"said X, the ...", "X said: ...", "X told reporters". A pronoun ("he said") is
left to the caller to resolve against the nearest named person before it.
Second-hand sources ("quoted the AFP", "the Kyiv Post reported", "according to
Reuters") are kept as ``attribution``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

_OPEN_CLOSE = {"“": "”", "«": "»", "„": "“", '"': '"'}
_VERBS = (
    r"said|says|say|added|adds|told(?:\s+\w+){0,2}|tells|stated|states|argued|argues|claimed|claims|"
    r"insisted|warned|explained|noted|declared|wrote|writes|tweeted|stressed|suggested|asked|answered|"
    r"replied|continued|concluded|admitted|acknowledged|recalled|believes|thinks|cautioned"
)
_NAME = r"(?:[A-Z][\w'’.-]*)(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|al|bin))*"
_PRONOUN = r"(?:he|she|they|He|She|They)"
_AFTER = re.compile(
    rf"^[\s,.;:!?–—-]*(?:"
    rf"(?P<pron>{_PRONOUN})\s+(?:{_VERBS})\b"
    rf"|(?:{_VERBS})\s+(?:[\w'’.-]+\s+){{0,4}}?(?P<name_after>{_NAME})(?=\s*(?:[,.;:!?)]|$))"
    rf"|(?:[\w'’.-]+\s+){{0,6}}?(?P<name_before>{_NAME})\s+(?:{_VERBS})\b"
    rf"|(?:{_VERBS})\s+(?P<pron_after>he|she|they)\b"
    r")"
)
_BEFORE = re.compile(rf"(?:(?P<name>{_NAME})|(?P<pron>{_PRONOUN}))\s+(?:{_VERBS})\s*[:,]?\s*$")
_SECOND_HAND = re.compile(
    rf"(?:quoted(?:\s+by)?\s+(?:the\s+)?(?P<q>{_NAME})"
    rf"|(?:the\s+)?(?P<r>{_NAME})\s+(?:reported|reports|wrote)"
    rf"|according to\s+(?:the\s+)?(?P<a>{_NAME}))"
)
_TITLES = re.compile(
    r"^(?:(?:Gen\.?|General|President|"
    r"Prime|Minister|Secretary|Senator|Sen\.?|Rep\.?|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Prof\.?|Professor|"
    r"Spokesman|Spokeswoman|Judge|Mayor|Chairman|Director|Captain|Capt\.?|Lt\.?|Col\.?)\s+)+"
)
_MIN_QUOTE_WORDS = 3


@dataclass(frozen=True, slots=True)
class QuoteMention:
    start: int  # the quoted words, marks excluded
    end: int
    speaker: str | None  # a name as written, without titles, or a pronoun
    pronoun: bool
    attribution: str | None  # second-hand source: "AFP", "the Kyiv Post"


def find_quotes(text: str) -> list[QuoteMention]:
    spans = _marked(text) + _unmarked(text)
    quotes = []
    for start, end, tail_from in sorted(spans):
        if len(text[start:end].split()) < _MIN_QUOTE_WORDS:
            continue  # scare quotes: a word or two, not a statement
        speaker, pronoun = _speaker(text, start, tail_from)
        quotes.append(
            QuoteMention(start, end, speaker, pronoun, _attribution(text, start, tail_from))
        )
    return quotes


def _marked(text: str) -> list[tuple[int, int, int]]:
    spans: list[tuple[int, int, int]] = []
    for para_start, para in _paragraphs(text):
        i = 0
        while i < len(para):
            ch = para[i]
            if ch in _OPEN_CLOSE and (ch != '"' or _opens(para, i)):
                close = para.find(_OPEN_CLOSE[ch], i + 1)
                if ch == "“" and close < 0:
                    close = para.find('"', i + 1)
                if close < 0:
                    end = len(para.rstrip())
                    spans.append((para_start + i + 1, para_start + end, para_start + end))
                    break
                spans.append((para_start + i + 1, para_start + close, para_start + close + 1))
                i = close + 1
                continue
            closing = ch in "”»" or (ch == '"' and not _opens(para, i))
            if closing and not any(s <= para_start + i <= e + 1 for s, e, _ in spans):
                spans.append((para_start, para_start + i, para_start + i + 1))
            i += 1
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e, t) for s, e, t in spans]


def _opens(para: str, i: int) -> bool:
    """A straight double quote opens when it starts a word: at the start, or after space or a dash."""
    return i == 0 or para[i - 1] in " \t(—–-[:"


def _unmarked(text: str) -> list[tuple[int, int, int]]:
    """A paragraph without quote marks or final punctuation, followed by an attribution line."""
    spans = []
    paragraphs = _paragraphs(text)
    for (start, para), (next_start, following) in pairwise(paragraphs):
        body = para.rstrip()
        if any(m in body for m in '“”"«»') or body.endswith((".", "!", "?", ":")):
            continue
        if len(body.split()) >= 6 and _AFTER.match(following) and len(following.split()) <= 12:
            spans.append((start, start + len(body), next_start))
    return spans


def _paragraphs(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _speaker(text: str, start: int, tail_from: int) -> tuple[str | None, bool]:
    tail = text[tail_from : tail_from + 160].split("\n\n")[0]
    if m := _AFTER.match(tail):
        if m.group("pron") or m.group("pron_after"):
            return (m.group("pron") or m.group("pron_after")).lower(), True
        name = m.group("name_after") or m.group("name_before")
        return _clean_name(name), False
    head = text[max(0, start - 160) : max(0, start - 1)].split("\n")[-1]
    if m := _BEFORE.search(head.rstrip(' “"«')):
        if m.group("pron"):
            return m.group("pron").lower(), True
        return _clean_name(m.group("name")), False
    return None, False


def _clean_name(name: str) -> str | None:
    name = _TITLES.sub("", name.strip()).strip(" ,.")
    name = re.sub(r"['’]s$", "", name)
    return name or None


def _attribution(text: str, start: int, tail_from: int) -> str | None:
    tail = text[tail_from : tail_from + 120].split("\n")[0]
    if m := _SECOND_HAND.search(tail):
        source = m.group("q") or m.group("r") or m.group("a")
        return _clean_name(source)
    return None
