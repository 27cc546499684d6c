"""Word-level differences inside a row, blind to trivial ones.

Words are compared by a key that drops case, quote style, dots and hyphens
("U.S." = "US", "pre-2014" = "pre2014"), and punctuation between words is not
compared at all: a fact-checker wants to see changed words, not changed commas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Literal

from newscollate.ingest.normalize import fold

Op = Literal["equal", "replace", "delete", "insert"]
_TOKEN = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*\.?", re.UNICODE)
_TRIVIAL = re.compile(r"[.'\-]")


@dataclass(frozen=True, slots=True)
class DiffOp:
    """A run of words: ``text_a[a_start:a_end]`` became ``text_b[b_start:b_end]``."""

    op: Op
    a_start: int
    a_end: int
    b_start: int
    b_end: int


def word_key(token: str) -> str:
    return _TRIVIAL.sub("", fold(token))


@lru_cache(maxsize=65536)
def word_keys(text: str) -> tuple[str, ...]:
    """The comparison keys of ``text``'s words; cached, since every pair of versions
    asks again for the same sentences."""
    return tuple(t[2] for t in tokens(text))


def tokens(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of each word of ``text``."""
    return [(m.start(), m.end(), word_key(m.group())) for m in _TOKEN.finditer(text)]


def word_diff(text_a: str, text_b: str) -> list[DiffOp]:
    """The word runs of ``text_b`` against ``text_a``, covering every word of both."""
    ta, tb = tokens(text_a), tokens(text_b)
    matcher = SequenceMatcher(None, [t[2] for t in ta], [t[2] for t in tb], autojunk=False)
    ops = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        ops.append(DiffOp(tag, *_span(ta, i1, i2, len(text_a)), *_span(tb, j1, j2, len(text_b))))
    return ops


def _span(toks: list[tuple[int, int, str]], i1: int, i2: int, length: int) -> tuple[int, int]:
    if i2 > i1:
        return toks[i1][0], toks[i2 - 1][1]
    at = toks[i1][0] if i1 < len(toks) else length
    return at, at
