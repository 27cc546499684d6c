"""Wording features: content-word sets and their overlap, computed as matrices.

Content words are folded, stop words dropped, and cut to a six-letter prefix,
a crude stemmer that is good enough for English news ("negotiations" and
"negotiate", "stabilizing" and "stabilized" meet) and costs nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from newscollate.ingest.normalize import words

STEM_LENGTH = 6
STOPWORDS = frozenset(
    """a an the and or but nor so yet for of to in on at by from with without into onto over under
    about above after before between through during since until upon within against among
    is are was were be been being am has have had having do does did doing will would shall
    should can could may might must it its it's this that these those there here he him his she
    her hers they them their theirs we us our ours you your yours i me my mine who whom whose
    which what when where why how all any both each few more most other some such no not only
    own same than too very just also as if then once again further while because s t don't
    said says say told according also one""".split()
)


def content_tokens(folded: str) -> frozenset[str]:
    """The stemmed content words of already folded text."""
    return frozenset(
        w[:STEM_LENGTH] if not w[0].isdigit() else w for w in words(folded) if w not in STOPWORDS
    )


def overlap_matrices(
    a: Sequence[frozenset[str]], b: Sequence[frozenset[str]]
) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """Dice overlap and the two containments between every set of ``a`` and of ``b``.

    Returns ``(dice, a_in_b, b_in_a)`` where ``a_in_b[i, j]`` is the share of
    ``a[i]``'s words found in ``b[j]``. One sparse product instead of n*m set
    intersections.
    """
    vocab: dict[str, int] = {}
    for tokens in (*a, *b):
        for t in tokens:
            vocab.setdefault(t, len(vocab))
    xa = _incidence(a, vocab)
    xb = _incidence(b, vocab)
    common = xa @ xb.T
    na = xa.sum(axis=1, keepdims=True)
    nb = xb.sum(axis=1, keepdims=True).T
    with np.errstate(divide="ignore", invalid="ignore"):
        dice = np.where(na + nb > 0, 2 * common / (na + nb), 0.0)
        a_in_b = np.where(na > 0, common / na, 0.0)
        b_in_a = np.where(nb > 0, common / nb, 0.0)
    return dice.astype(np.float32), a_in_b.astype(np.float32), b_in_a.astype(np.float32)


def _incidence(sets: Sequence[frozenset[str]], vocab: dict[str, int]) -> npt.NDArray[np.float32]:
    matrix = np.zeros((len(sets), max(len(vocab), 1)), np.float32)
    for row, tokens in enumerate(sets):
        for t in tokens:
            matrix[row, vocab[t]] = 1.0
    return matrix


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def containment(part: frozenset[str], whole: frozenset[str]) -> float:
    """Share of ``part``'s words that ``whole`` has."""
    return len(part & whole) / len(part) if part else 0.0
