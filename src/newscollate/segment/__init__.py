"""Stage 2, segment: cleaned text to sentences and headings with character offsets.

Rules rather than a statistical splitter, for two reasons: offsets must point
into the exact text users see, and news text has shapes a general splitter gets
wrong (headings without punctuation, quotes broken over lines by scrapers,
"U.S." and "Gen." inside sentences, an ellipsis inside a quote).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newscollate.ingest import Cleaned
from newscollate.ingest.normalize import fold
from newscollate.models import Document, Sentence

__all__ = ["Span", "document", "split_sentences"]

HEADING_MAX_WORDS = 14
_TERMINAL = ".!?…"
_CLOSERS = "\"'”’»)]"
_OPENERS = "\"'“‘«([¿¡"
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col capt sgt maj adm cmdr gov sen rep rev fr st mt ft
    jr sr inc corp co ltd bros no nos vs approx dept est fig jan feb mar apr jun jul aug
    sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun ave blvd pres gov't""".split()
)
# After a dotted acronym ("U.S.", "a.m.") a new sentence is likely only when the
# next word is one that commonly starts sentences.
_SENTENCE_STARTERS = frozenset(
    """the a an it he she they we i you but and in on at this that these those there
    his her their its our my however meanwhile yet so if when while after before""".split()
)
_BOUNDARY = re.compile(r"(\.\.\.|…|[.!?]+)([" + re.escape(_CLOSERS) + r"]*)(?=\s|$)")
_WORD_BEFORE = re.compile(r"([\w'’]+(?:\.[\w'’]+)*)$")
_ATTRIBUTION = re.compile(
    r"^[A-Z][\w'’.-]*(?:\s+[\w'’.-]+){0,3}\s+(?:said|says|added|argued|stated|told|wrote|claimed|insisted|"
    r"warned|explained|noted|declared|tweeted)\b"
)
_ATTRIBUTION_MAX_WORDS = 12


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    heading: bool


def document(cleaned: Cleaned) -> Document:
    """A ``Document`` of ``cleaned``: its text cut into sentences and headings."""
    text = cleaned.text
    sentences = tuple(
        Sentence(i, text[s.start : s.end], s.start, s.end, s.heading, fold(text[s.start : s.end]))
        for i, s in enumerate(split_sentences(text))
    )
    return Document(
        cleaned.article, cleaned.article.id or "article", text, cleaned.boilerplate, sentences
    )


def split_sentences(text: str) -> list[Span]:
    """Sentence and heading spans of ``text``, in order, covering all its words."""
    spans: list[Span] = []
    for start, end, single_line in _blocks(text):
        block = text[start:end]
        if single_line and _is_heading(block):
            spans.append(Span(start, end, True))
            continue
        spans.extend(Span(start + s, start + e, False) for s, e in _sentences(block))
    return spans


def _blocks(text: str) -> list[tuple[int, int, bool]]:
    """Paragraph-like blocks as (start, end, is_one_line).

    A line is a block unless the text is hard-wrapped (then blank lines separate
    blocks), and a block without final punctuation joins the next one when that
    one continues it: it starts in lower case (a scraper broke the sentence), or
    it is a short attribution ("Zelensky said at a forum.") of an unmarked quote
    that cannot be a heading (too long, or more than one sentence).
    """
    lines = [
        (m.start(), m.end())
        for m in re.finditer(r"[^\n]+", text)
        if text[m.start() : m.end()].strip()
    ]
    if not lines:
        return []
    if _hard_wrapped(text, lines):
        paragraphs = [(m.start(), m.end()) for m in re.finditer(r"\S(?:.|\n(?![ \t]*\n))*", text)]
        raw = [(s, e, "\n" not in text[s:e].strip()) for s, e in paragraphs]
    else:
        raw = [(s, e, True) for s, e in lines]
    blocks: list[tuple[int, int, bool]] = []
    for start, end, single in raw:
        start, end = _strip(text, start, end)
        if blocks:
            p_start, p_end, _ = blocks[-1]
            previous = text[p_start:p_end]
            current = text[start:end]
            if not previous.endswith(tuple(_TERMINAL + _CLOSERS)) and (
                current[:1].islower()
                or (
                    _ATTRIBUTION.match(current)
                    and len(current.split()) <= _ATTRIBUTION_MAX_WORDS
                    and not _is_heading(previous)
                )
            ):
                blocks[-1] = (p_start, end, False)
                continue
        blocks.append((start, end, single))
    return blocks


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _hard_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """Plain text wrapped at a fixed width: most lines end mid-sentence at similar lengths."""
    if len(lines) < 6:
        return False
    lengths = [e - s for s, e in lines]
    open_ended = sum(
        1 for s, e in lines if not text[s:e].rstrip().endswith(tuple(_TERMINAL + _CLOSERS))
    )
    long_lines = [n for n in lengths if n >= 50]
    return (
        open_ended / len(lines) > 0.6 and len(long_lines) / len(lines) > 0.6 and max(lengths) <= 100
    )


def _is_heading(block: str) -> bool:
    stripped = block.strip()
    if stripped.endswith(tuple(_TERMINAL + ",;:" + '”"»')):
        return False
    if len(stripped.split()) > HEADING_MAX_WORDS:
        return False
    return len(_sentences(stripped)) == 1


def _sentences(block: str) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets inside one block."""
    result: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(block):
        end = m.end()
        if end < len(block) and not _is_boundary(block, m):
            continue
        s, e = _strip(block, start, end)
        if e > s:
            result.append((s, e))
        start = end
    s, e = _strip(block, start, len(block))
    if e > s:
        if result and not any(ch.isalnum() for ch in block[s:e]):
            result[-1] = (result[-1][0], e)
        else:
            result.append((s, e))
    return result


def _is_boundary(block: str, m: re.Match[str]) -> bool:
    rest = block[m.end() :].lstrip()
    if not rest:
        return True
    nxt = rest[0]
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS or nxt in "-–—"):
        return False
    mark = m.group(1)
    if mark in ("...", "…"):
        return False
    if mark != ".":
        return True
    before = _WORD_BEFORE.search(block[: m.start()])
    if not before:
        return True
    word = before.group(1)
    if m.group(2):  # a closing quote or bracket after the period ends the sentence
        return True
    if "." in word:  # dotted acronym: U.S., a.m.
        next_word = re.match(r"[\w'’]+", rest)
        return bool(next_word and next_word.group(0).lower() in _SENTENCE_STARTERS)
    if word.lower() in _ABBREVIATIONS:
        return False
    return not (len(word) == 1 and word.isupper())
