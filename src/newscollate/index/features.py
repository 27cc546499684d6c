"""What story finding keeps of every article: cheap keys computed once, at ingest.

The transformer is the one expensive part of story finding (a few hundred
sentences a second on two cores), so every article gets only cheap features
here: a hash of its normalised text (exact copies), word-shingle sets of the
whole text and of its lead (near-duplicates, and trimmed copies that keep the
lead), its rare names (same-story candidates that share few words), and the
title-and-lead text that the model embeds only for articles whose candidates
need it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

import numpy as np
import numpy.typing as npt

from newscollate.index.minhash import Banding, MinHasher, band_keys, lead, shingle_texts
from newscollate.ingest.clean import Cleaned
from newscollate.ingest.normalize import fold

__all__ = [
    "LEAD_BAND_OFFSET", "LEAD_WORDS", "ArticleFeatures", "article_features", "article_names",
    "day_number", "model_text",
    "name_weight", "names", "signature_bands",
]  # fmt: skip

LEAD_WORDS = 80  # about the first paragraph, which copies and trimmed copies keep
# what the model reads: the title and the first paragraph. The model's cost grows
# with the length; 40 words instead of 80 halve it but lose a tenth of BASIL's
# same-event pairs (bench/stories_real.py: ARI 0.79 against 0.85).
EMBED_WORDS = 80
NUM_PERM = 128
LSH_THRESHOLD = 0.5
LEAD_BAND_OFFSET = 1000  # lead band keys are numbered apart from the whole text's
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*\b")
_SENTENCE_ENDS = frozenset('.!?:"“‘\n')
_LOWER_WORD = re.compile(r"\b[a-z][a-z]+\b")
_COMMON_CAPITALS = frozenset(
    """the a an and but or if in on at by for from with of to as it its this that these those
    he she they we you i his her their our my your there here when while after before since
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december mr mrs ms dr prof president minister
    government police officials company city state national new year week month day today""".split()
)


@dataclass(frozen=True, slots=True)
class ArticleFeatures:
    text_hash: str  # of the folded text: copies that differ in case, quotes or spacing match
    shingles: npt.NDArray[np.uint64]
    lead_shingles: npt.NDArray[np.uint64]
    names: frozenset[str]  # folded names (see ``names``)
    lead: str  # title and opening: what the model embeds
    word_count: int
    day: int | None  # publication day number, for the time window


def article_features(
    batch: Sequence[Cleaned], found_names: Sequence[frozenset[str]] | None = None
) -> list[ArticleFeatures]:
    """Features of a batch: shingling runs over all texts and leads at once, which is
    where NumPy's per-call overhead would otherwise dominate. ``found_names`` are the
    articles' ``article_names`` when the caller has them already (the store times
    them apart: they serve same-story candidates, not copy detection)."""
    if found_names is None:
        found_names = [article_names(c) for c in batch]
    shingled = shingle_texts([c.text for c in batch], LEAD_WORDS)
    out = []
    for n, cleaned in enumerate(batch):
        out.append(
            ArticleFeatures(
                text_hash=hashlib.blake2b(shingled.folded[n], digest_size=16).hexdigest(),
                shingles=shingled.shingles[n],
                lead_shingles=shingled.lead_shingles[n],
                names=found_names[n],
                lead=model_text(cleaned.article.title, cleaned.text),
                word_count=shingled.word_counts[n],
                day=day_number(cleaned.article.published),
            )
        )
    return out


def model_text(title: str | None, text: str) -> str:
    """What the model reads of an article: its title and first ``EMBED_WORDS`` words."""
    opening = lead(text, EMBED_WORDS)
    return " ".join(part for part in (f"{title}." if title else "", opening) if part)


def article_names(cleaned: Cleaned) -> frozenset[str]:
    """The names of an article's title and text."""
    return names(f"{cleaned.article.title or ''}\n{cleaned.text}")


def signature_bands(
    shingles: Sequence[npt.NDArray[np.uint64]], lead_shingles: Sequence[npt.NDArray[np.uint64]]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """MinHash band keys of each article's whole text and of its lead (its
    ``ArticleFeatures.shingles`` and ``lead_shingles``), one row per article (band ``i``
    of the lead is band ``LEAD_BAND_OFFSET + i``)."""
    hasher, banding = _signing()
    keys = band_keys(hasher.signatures(shingles), banding)
    lead_keys = band_keys(hasher.signatures(lead_shingles), banding)
    return keys.astype(np.int64), lead_keys.astype(np.int64)


@cache
def _signing() -> tuple[MinHasher, Banding]:
    return MinHasher(num_perm=NUM_PERM, seed=1), Banding.for_threshold(LSH_THRESHOLD, NUM_PERM)


def names(text: str) -> frozenset[str]:
    """Capitalised words that are not ordinary words: places, people, organisations.
    Crude on purpose: it only has to give two reports of one event keys in common
    that two reports of two events on one topic lack. A capitalised word inside a
    sentence counts; one that starts a sentence or a line (a title, "Halvorsen
    Foods said ...") counts only if it is rare in English and the text never uses
    it in lower case, which keeps out "The", "Officials" and "Managers". The store
    weighs names by how rare they are, so a common word that slips through costs
    little."""
    lower = set(_LOWER_WORD.findall(text))
    found = set()
    for match in _CAPITALISED.finditer(text):
        word = match.group()
        before = text[max(0, match.start() - 4) : match.start()].rstrip(" \t")
        name = _fold_word(word)
        if (not before or before[-1] in _SENTENCE_ENDS) and (
            word.lower() in lower or name_weight(name) == 1
        ):
            continue
        found.add(name)
    return frozenset(found - _COMMON_CAPITALS)


_fold_word = lru_cache(maxsize=1 << 17)(fold)  # names repeat across a corpus

MAX_NAME_WEIGHT = 3


@lru_cache(maxsize=1 << 17)  # a corpus repeats its names; each is weighed once
def name_weight(name: str) -> int:
    """How rare a name is in English, from 1 to ``MAX_NAME_WEIGHT``: the number of
    pieces the bundled model's WordPiece vocabulary (the 30,000 most useful units of
    English text) splits it into. Everyday words and very common names are one piece
    ("sales", "europe", "smith"); rare names split ("kharkiv", "zelensky"). A fixed
    scale, unlike frequencies counted in the store, keeps every verdict independent
    of what was stored before."""
    vocabulary = _wordpiece_vocabulary()
    weight = 1
    for part in re.split(r"[-'’]", name):  # "last-minute" is as common as its parts
        start = pieces = 0
        while start < len(part) and pieces < MAX_NAME_WEIGHT:
            end = len(part)
            prefix = "##" if start else ""
            while end > start and prefix + part[start:end] not in vocabulary:
                end -= 1
            if end == start:  # a character the vocabulary lacks: as rare as it gets
                return MAX_NAME_WEIGHT
            pieces += 1
            start = end
        weight = max(weight, pieces)
    return min(weight, MAX_NAME_WEIGHT)


@cache
def _wordpiece_vocabulary() -> frozenset[str]:
    from newscollate.represent.embed import bundled_model_path

    path = bundled_model_path() / "vocab.txt"
    return frozenset(path.read_text(encoding="utf-8").split("\n"))


def day_number(published: str | None) -> int | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None
