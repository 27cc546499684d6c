"""Stage 3, represent: each sentence as a meaning vector plus its content words,
and the one scoring function that every later stage uses to compare them.

The sentence score blends meaning (cosine of all-MiniLM-L6-v2 embeddings) with
wording (Dice overlap of stemmed content words): the model alone rates two
different sentences on one topic too alike ("Russia attacked Kyiv" vs "Russia
attacked Kharkiv"), wording alone misses paraphrases. The weight is
``Settings.semantic_weight``, chosen with the thresholds on the project's
gold set (``bench/tune_alignment.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from newscollate.models import Document
from newscollate.represent.embed import Embedder, HashingEmbedder, Matrix, SentenceEmbedder
from newscollate.represent.lexical import containment, content_tokens, dice, overlap_matrices

__all__ = [
    "DocumentFeatures",
    "Embedder",
    "HashingEmbedder",
    "PairScorer",
    "SentenceEmbedder",
    "default_embedder",
    "represent",
]


def default_embedder(model_path: Path | None = None, batch_size: int = 32) -> SentenceEmbedder:
    """One shared embedder per process and model: loading costs seconds, encoding milliseconds.

    The arguments are normalised before the cache sees them, so ``default_embedder()``
    and ``compare()`` (which passes its settings) share one model.
    """
    return _shared_embedder(model_path, batch_size)


@cache
def _shared_embedder(model_path: Path | None, batch_size: int) -> SentenceEmbedder:
    return SentenceEmbedder(model_path, batch_size=batch_size)


@dataclass(frozen=True, slots=True)
class DocumentFeatures:
    """What the aligner needs of one document, row i for sentence i."""

    embeddings: Matrix
    tokens: tuple[frozenset[str], ...]
    heading: npt.NDArray[np.bool_]

    def centroid(self, rows: Sequence[int] | None = None) -> npt.NDArray[np.float32]:
        """Unit mean vector of the given rows (all body rows by default)."""
        if rows is None:
            rows = [i for i, h in enumerate(self.heading) if not h] or list(
                range(len(self.heading))
            )
        vector: npt.NDArray[np.float32] = self.embeddings[list(rows)].sum(axis=0, dtype=np.float32)
        norm = float(np.linalg.norm(vector))
        return vector / np.float32(norm) if norm else vector


def represent(documents: Sequence[Document], embedder: Embedder) -> list[DocumentFeatures]:
    """Features of every document, embedding all their sentences in one batch."""
    texts = [s.text for d in documents for s in d.sentences]
    vectors = embedder.encode(texts) if texts else np.zeros((0, 1), np.float32)
    features, row = [], 0
    for doc in documents:
        n = len(doc.sentences)
        features.append(
            DocumentFeatures(
                vectors[row : row + n],
                tuple(content_tokens(s.norm) for s in doc.sentences),
                np.array([s.heading for s in doc.sentences], dtype=bool),
            )
        )
        row += n
    return features


class PairScorer:
    """Sentence scores between two documents, and scores of sentence sets.

    ``matrix[i, j]`` scores sentence i of ``a`` against sentence j of ``b``;
    headings score 0 against body sentences so that they only align with each
    other. ``group_score`` applies the same blend to sets of sentences (their
    mean vector and their pooled words), which is how splits and merges are judged.
    """

    def __init__(self, a: DocumentFeatures, b: DocumentFeatures, semantic_weight: float) -> None:
        self.a, self.b, self.weight = a, b, semantic_weight
        self.semantic = (
            (a.embeddings @ b.embeddings.T).clip(0.0, 1.0)
            if len(a.tokens) and len(b.tokens)
            else np.zeros((len(a.tokens), len(b.tokens)), np.float32)
        )
        self.dice, self.a_in_b, self.b_in_a = overlap_matrices(a.tokens, b.tokens)
        blend = semantic_weight * self.semantic + (1 - semantic_weight) * self.dice
        same_kind = a.heading[:, None] == b.heading[None, :]
        self.matrix: npt.NDArray[np.float32] = np.where(same_kind, blend, 0.0).astype(np.float32)

    def group_score(self, rows_a: Sequence[int], rows_b: Sequence[int]) -> float:
        if len(rows_a) == 1 and len(rows_b) == 1:
            return float(self.matrix[rows_a[0], rows_b[0]])
        semantic = float(self.a.centroid(rows_a) @ self.b.centroid(rows_b))
        lexical = dice(self.words_a(rows_a), self.words_b(rows_b))
        return self.weight * max(semantic, 0.0) + (1 - self.weight) * lexical

    def words_a(self, rows: Sequence[int]) -> frozenset[str]:
        return frozenset().union(*(self.a.tokens[i] for i in rows))

    def words_b(self, rows: Sequence[int]) -> frozenset[str]:
        return frozenset().union(*(self.b.tokens[j] for j in rows))

    def containment_a_in_b(self, rows_a: Sequence[int], rows_b: Sequence[int]) -> float:
        return containment(self.words_a(rows_a), self.words_b(rows_b))

    def containment_b_in_a(self, rows_a: Sequence[int], rows_b: Sequence[int]) -> float:
        return containment(self.words_b(rows_b), self.words_a(rows_a))
