"""The small frozen records passed between the pipeline's stages.

Stages never share mutable state: ingest makes ``Article`` records, segmentation
turns each into a ``Document`` of ``Sentence`` spans, alignment yields ``Group``
rows and comparison yields ``PairVerdict`` records, all gathered in a
``Comparison``. ``Comparison.to_dict`` is the JSON schema documented in
``docs/json-schema.md``; fields are added over versions, never renamed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA = "newscollate/comparison@2"

GroupKind = Literal["identical", "near-identical", "paraphrase", "partial"]
Relation = Literal["near-duplicate", "rewrite", "same-story", "different-story"]

FactKind = Literal["quantity", "date", "entity", "quote"]
CheckKind = Literal[
    "agree", "agree-form", "disagree", "hedge", "spelling", "variant",
    "quote-wording", "quote-speaker", "attribution", "only-in",
]  # fmt: skip
Severity = Literal["high", "medium", "low", "info"]
SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low", "info")

GROUP_KINDS: tuple[GroupKind, ...] = ("identical", "near-identical", "paraphrase", "partial")
RELATIONS: tuple[Relation, ...] = ("near-duplicate", "rewrite", "same-story", "different-story")
KIND_SEPARATOR = ": "  # a Problem's reason is "kind: details" (Problem.kind)


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One article as it came in: raw text plus whatever metadata the input carried.

    ``id`` defaults to the input's file name (or ``url`` / record number for
    JSONL and WARC records); ``published`` is an ISO 8601 date or date-time.
    """

    text: str
    id: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    author: str | None = None
    language: str | None = None
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or heading) as a span of its document's cleaned text.

    ``norm`` is the text folded for matching (case, quote and dash variants,
    spacing); ``text`` is always exactly ``document.text[start:end]``.
    """

    index: int
    text: str
    start: int
    end: int
    heading: bool
    norm: str


@dataclass(frozen=True, slots=True)
class Document:
    """An article after cleaning and segmentation: what every later stage reads."""

    article: Article
    id: str
    text: str
    boilerplate: tuple[str, ...]
    sentences: tuple[Sentence, ...]

    @property
    def body(self) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if not s.heading)


@dataclass(frozen=True, slots=True)
class Group:
    """One row of the alignment table: sentences of two or more articles that say the same thing.

    ``members`` maps an article id to the (sorted) indices of its sentences in
    the row; an article that has nothing for this row is absent.
    """

    members: dict[str, tuple[int, ...]]
    kind: GroupKind
    score: float


@dataclass(frozen=True, slots=True)
class PairVerdict:
    """How two articles relate, with the figures the verdict rests on."""

    a: str
    b: str
    relation: Relation
    similarity: float
    coverage: dict[str, float]
    derived_from: str | None
    # Evidence behind the verdict; shown in reports, not part of the @1 schema.
    aligned: int = 0
    verbatim_share: float = 0.0
    document_similarity: float = 0.0
    shared_phrases: float = 0.0
    shared_names: float = 0.0


@dataclass(frozen=True, slots=True)
class Fact:
    """A checkable statement inside one sentence, with its offsets into the article text.

    ``value`` is the normalised value: a number for quantities, an ISO date,
    month, year or ``start/end`` range for dates (None when a relative date
    cannot be resolved), the canonical name for entities, the quoted words for
    quotes. ``unit`` is a currency, percent or measure, else the thing counted.
    ``qualifier`` is a quantity's hedge ("about"), ``relative`` for a resolved
    relative date, or a quote's second-hand source ("AFP"). ``entity`` is the
    entity id of an entity mention; ``speaker`` the entity id (or the words) of a
    quote's speaker.
    """

    id: str
    article: str
    sentence: int
    kind: FactKind
    text: str
    start: int
    end: int
    value: float | str | None = None
    unit: str | None = None
    qualifier: str | None = None
    entity: str | None = None
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """One real person, place, organisation or group, across all versions."""

    id: str
    name: str
    kind: str
    mentions: dict[str, tuple[str, ...]]  # article id -> fact ids


@dataclass(frozen=True, slots=True)
class Check:
    """A comparison of facts across versions, ranked by what a fact-checker must see first."""

    kind: CheckKind
    facts: tuple[str, ...]
    severity: Severity
    summary: str


@dataclass(frozen=True, slots=True)
class Problem:
    """An input that was skipped, and why; the run goes on without it."""

    source: str
    reason: str  # "kind: details", or only the kind when nothing varies

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"

    @property
    def kind(self) -> str:
        """The reason without its details, for counting what was skipped: a corpus with
        thousands of broken lines is summed up as one count of "broken JSON", not one
        per column the parser stopped at."""
        return self.reason.split(KIND_SEPARATOR, 1)[0]


@dataclass(frozen=True, slots=True)
class Comparison:
    """The result of collating two or more versions of a story."""

    documents: tuple[Document, ...]
    pairs: tuple[PairVerdict, ...]
    alignment: tuple[Group, ...]
    unique: dict[str, tuple[int, ...]]
    problems: tuple[Problem, ...] = field(default=())
    facts: tuple[Fact, ...] = field(default=())
    entities: tuple[Entity, ...] = field(default=())
    checks: tuple[Check, ...] = field(default=())

    def document(self, article_id: str) -> Document:
        for doc in self.documents:
            if doc.id == article_id:
                return doc
        raise KeyError(article_id)

    def to_dict(self) -> dict[str, Any]:
        """The ``newscollate/comparison@2`` JSON object (see docs/json-schema.md)."""
        return {
            "schema": SCHEMA,
            "articles": [_document_dict(d) for d in self.documents],
            "pairs": [
                {
                    "a": p.a,
                    "b": p.b,
                    "relation": p.relation,
                    "similarity": round(p.similarity, 4),
                    "coverage": {k: round(v, 4) for k, v in p.coverage.items()},
                    "derived_from": p.derived_from,
                }
                for p in self.pairs
            ],
            "alignment": [
                {
                    "members": {k: list(v) for k, v in g.members.items()},
                    "kind": g.kind,
                    "score": round(g.score, 4),
                }
                for g in self.alignment
            ],
            "unique": {k: list(v) for k, v in self.unique.items()},
            "facts": [
                {
                    "id": f.id,
                    "article": f.article,
                    "sentence": f.sentence,
                    "kind": f.kind,
                    "text": f.text,
                    "start": f.start,
                    "end": f.end,
                    "value": f.value,
                    "unit": f.unit,
                    "qualifier": f.qualifier,
                    "entity": f.entity,
                    "speaker": f.speaker,
                }
                for f in self.facts
            ],
            "entities": [
                {
                    "id": e.id,
                    "name": e.name,
                    "kind": e.kind,
                    "mentions": {k: list(v) for k, v in e.mentions.items()},
                }
                for e in self.entities
            ],
            "checks": [
                {
                    "kind": c.kind,
                    "facts": list(c.facts),
                    "severity": c.severity,
                    "summary": c.summary,
                }
                for c in self.checks
            ],
        }


def _document_dict(doc: Document) -> dict[str, Any]:
    art = doc.article
    return {
        "id": doc.id,
        "source": art.source,
        "title": art.title,
        "outlet": art.outlet,
        "published": art.published,
        "language": art.language,
        "text": doc.text,
        "boilerplate": list(doc.boilerplate),
        "sentences": [
            {"index": s.index, "text": s.text, "start": s.start, "end": s.end, "heading": s.heading}
            for s in doc.sentences
        ],
    }
