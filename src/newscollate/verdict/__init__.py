"""Stage 5, verdict: how each pair of articles relates, and on what evidence.

(The stage is not called ``compare``: that name is the public function.)

For each pair the pairwise alignment gives three measurements:

* ``coverage``: the share of each article's body sentences that have a
  counterpart in the other;
* the verbatim share: of the aligned sentences, how many are identical or
  near-identical, i.e. copied rather than reworded;
* shared phrasing: the share of the shorter article's word trigrams found in
  the other. Rewrites keep phrases of their source (0.10-0.31 on the gold set);
  independent reports of one event share facts and quotes but few phrases
  (0.02-0.10), however many of their sentences align;
* the document similarity: cosine of the two articles' mean sentence vectors,
  which stays high for independent reports of one event that share few sentences;
* shared names: Dice overlap of the capitalised names (people, places,
  organisations) of the two bodies. Two fires in two towns read alike to the
  model (document similarity 0.63-0.73 in the bundled example) but share no
  names (0.00-0.07); same-event pairs in SemEval-2022 share a median 0.38.

Relations, from closest to furthest (thresholds in ``Thresholds``):

* ``near-duplicate``: the shorter article is mostly aligned and mostly verbatim
  (a copy with light edits, cuts or furniture);
* ``rewrite``: most of the shorter article is aligned and it shares phrasing
  with the other, but much of it is reworded, trimmed or reordered;
* ``same-story``: few aligned sentences, but the articles are about one event;
* ``different-story``: neither.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from newscollate.align import Alignment
from newscollate.align.kinds import classify
from newscollate.ingest.normalize import unify, words
from newscollate.models import Document, PairVerdict, Relation
from newscollate.represent import DocumentFeatures
from newscollate.represent.lexical import STEM_LENGTH

__all__ = ["Thresholds", "shared_names", "shared_phrases", "verdicts"]


@dataclass(frozen=True, slots=True)
class Thresholds:
    near_duplicate_coverage: float = 0.8
    near_duplicate_verbatim: float = 0.7
    rewrite_coverage: float = 0.5
    rewrite_min_aligned: int = 3
    rewrite_shared_phrases: float = 0.12
    same_story_document: float = 0.8
    same_story_with_links: float = 0.75
    same_story_min_links: int = 2
    same_story_with_names: float = 0.6
    same_story_names: float = 0.25
    derived_min_coverage: float = 0.8
    derived_min_gap: float = 0.25


def verdicts(
    documents: Sequence[Document],
    features: Sequence[DocumentFeatures],
    alignment: Alignment,
    thresholds: Thresholds = Thresholds(),
) -> list[PairVerdict]:
    result = []
    for p, q in combinations(range(len(documents)), 2):
        result.append(
            _verdict(
                documents[p], documents[q], features[p], features[q], alignment, p, q, thresholds
            )
        )
    return result


def _verdict(
    a: Document,
    b: Document,
    fa: DocumentFeatures,
    fb: DocumentFeatures,
    alignment: Alignment,
    p: int,
    q: int,
    t: Thresholds,
) -> PairVerdict:
    rows = alignment.pair_rows[p, q]
    scorer = alignment.scorers[p, q]
    body_a = {s.index for s in a.body}
    body_b = {s.index for s in b.body}
    aligned_a = {i for r in rows for i in r.a if i in body_a}
    aligned_b = {j for r in rows for j in r.b if j in body_b}
    coverage = {
        a.id: _share(len(aligned_a), len(body_a)),
        b.id: _share(len(aligned_b), len(body_b)),
    }

    verbatim = 0
    weighted = 0.0
    for r in rows:
        text_a = " ".join(a.sentences[i].text for i in r.a)
        text_b = " ".join(b.sentences[j].text for j in r.b)
        kind = classify(text_a, text_b, scorer.words_a(r.a), scorer.words_b(r.b))
        body_rows = sum(1 for i in r.a if i in body_a)
        if kind in ("identical", "near-identical"):
            verbatim += body_rows
        weighted += r.score * (len(text_a) + len(text_b))
    total = sum(len(s.text) for s in a.sentences) + sum(len(s.text) for s in b.sentences)
    content = min(weighted / total, 1.0) if total else 0.0
    verbatim_share = _share(verbatim, len(aligned_a))
    document = max(float(fa.centroid() @ fb.centroid()), 0.0)
    similarity = content + (1.0 - content) * 0.6 * min(max((document - 0.35) / 0.55, 0.0), 1.0)

    phrases = shared_phrases(a, b)
    names = shared_names(a, b)
    fuller = max(coverage.values())
    relation: Relation
    if fuller >= t.near_duplicate_coverage and verbatim_share >= t.near_duplicate_verbatim:
        relation = "near-duplicate"
    elif (
        fuller >= t.rewrite_coverage
        and len(aligned_a) >= t.rewrite_min_aligned
        and phrases >= t.rewrite_shared_phrases
    ):
        relation = "rewrite"
    elif (
        document >= t.same_story_document
        or (len(aligned_a) >= t.same_story_min_links and document >= t.same_story_with_links)
        or (document >= t.same_story_with_names and names >= t.same_story_names)
    ):
        relation = "same-story"
    else:
        relation = "different-story"
    derived = _derived_from(a, b, coverage, relation, t)
    return PairVerdict(
        a.id,
        b.id,
        relation,
        round(similarity, 6),
        coverage,
        derived,
        aligned=len(aligned_a),
        verbatim_share=verbatim_share,
        document_similarity=document,
        shared_phrases=phrases,
        shared_names=names,
    )


def _derived_from(
    a: Document, b: Document, coverage: dict[str, float], relation: Relation, t: Thresholds
) -> str | None:
    """The id of the article the other one was derived from, when the evidence says so.

    Publication dates decide when both are known and differ (the later copies the
    earlier). Otherwise, for near-duplicates only, containment asymmetry: a copy
    almost wholly contained in the other, which has much more, was cut from it.
    Between rewrites containment says nothing about direction (outlets both
    trim and extend), so there it takes dates or nothing.
    """
    if relation not in ("near-duplicate", "rewrite"):
        return None
    da, db = (a.article.published or "")[:10], (b.article.published or "")[:10]
    if da and db and da != db:
        return a.id if da < db else b.id
    if relation != "near-duplicate":
        return None
    ca, cb = coverage[a.id], coverage[b.id]
    if ca >= t.derived_min_coverage and ca - cb >= t.derived_min_gap:
        return b.id
    if cb >= t.derived_min_coverage and cb - ca >= t.derived_min_gap:
        return a.id
    return None


def shared_phrases(a: Document, b: Document, n: int = 3) -> float:
    """Share of the shorter body's word n-grams that the other body also has."""
    grams_a, grams_b = _ngrams(a, n), _ngrams(b, n)
    smaller = min(len(grams_a), len(grams_b))
    return len(grams_a & grams_b) / smaller if smaller else 0.0


def shared_names(a: Document, b: Document) -> float:
    """Dice overlap of the two bodies' capitalised names (stemmed like content words)."""
    names_a, names_b = _names(a), _names(b)
    total = len(names_a) + len(names_b)
    return 2 * len(names_a & names_b) / total if total else 0.0


_NAME_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")
_NOT_NAMES = frozenset(
    """the a an in on at but and he she they it this that these those his her their we i you
    as for of to by with from after before when while if so yet mr mrs ms dr monday tuesday
    wednesday thursday friday saturday sunday january february march april may june july
    august september october november december""".split()
)


def _names(doc: Document) -> frozenset[str]:
    """A cheap stand-in for named entities: runs of capitalised words, less a
    one-word run that merely starts the sentence, less function words and dates."""
    found: set[str] = set()
    for sentence in doc.body:
        text = unify(sentence.text)
        for m in _NAME_RUN.finditer(text):
            tokens = m.group().split()
            if m.start() == 0 and len(tokens) == 1:
                continue
            found.update(
                t.casefold()[:STEM_LENGTH] for t in tokens if t.casefold() not in _NOT_NAMES
            )
    return frozenset(found)


def _ngrams(doc: Document, n: int) -> set[tuple[str, ...]]:
    grams: set[tuple[str, ...]] = set()
    for sentence in doc.body:
        tokens = words(sentence.norm)
        grams.update(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return grams


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0
