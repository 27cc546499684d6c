"""Stage 6, facts: quantities, dates, named entities and quotes in every sentence.

Each fact keeps its character offsets into the article text and the sentence it
sits in, so reports can highlight it in place and checks can pair facts that
stand in aligned rows. Entities are grouped across all versions (see
``entities``); quote speakers are linked to those entities, and a pronoun
speaker ("he said") to the nearest person named before it in subject position.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newscollate.facts.dates import find_dates
from newscollate.facts.entities import (
    EntityGroup,
    Mention,
    find_mentions,
    group_mentions,
    name_key,
    translit_key,
)
from newscollate.facts.quantities import find_quantities
from newscollate.facts.quotes import find_quotes
from newscollate.ingest.normalize import fold
from newscollate.models import Document, Entity, Fact, FactKind

__all__ = ["FactSet", "extract"]


@dataclass(frozen=True, slots=True)
class FactSet:
    facts: tuple[Fact, ...]
    entities: tuple[Entity, ...]
    groups: tuple[EntityGroup, ...]  # with the grouping evidence the checks need


def extract(documents: Sequence[Document]) -> FactSet:
    mentions = find_mentions([d.text for d in documents])
    groups = group_mentions(mentions)
    entity_of = {(m.doc, m.start): g for g in groups for m in g.mentions}
    group_ids = {g.id for g in groups}
    starts_of = {doc.id: [s.start for s in doc.sentences] for doc in documents}
    facts: list[Fact] = []
    mention_facts: dict[str, dict[str, list[str]]] = {g.id: {} for g in groups}

    def add(
        doc: Document,
        kind: FactKind,
        start: int,
        end: int,
        *,
        value: float | str | None = None,
        unit: str | None = None,
        qualifier: str | None = None,
        entity: str | None = None,
        speaker: str | None = None,
    ) -> Fact:
        sentence = _sentence_at(starts_of[doc.id], start)
        fact = Fact(
            f"f{len(facts) + 1}", doc.id, sentence, kind, doc.text[start:end], start, end,
            value, unit, qualifier, entity, speaker,
        )  # fmt: skip
        facts.append(fact)
        return fact

    for d, doc in enumerate(documents):
        quotes = find_quotes(doc.text)
        inside_quotes = [(q.start, q.end) for q in quotes]
        for mention in (m for m in mentions if m.doc == d):
            group = entity_of[(d, mention.start)]
            fact = add(
                doc,
                "entity",
                mention.start,
                mention.end,
                value=group.name,
                unit=group.kind,
                entity=group.id,
            )
            mention_facts[group.id].setdefault(doc.id, []).append(fact.id)
        amounts = find_quantities(doc.text)
        dates = [
            dt
            for dt in find_dates(doc.text, doc.article.published)
            if not (
                doc.text[dt.start : dt.end].isdigit()  # a bare year the amounts call a count:
                and any(a.start <= dt.start < a.end for a in amounts)  # "some 2000 troops"
            )
        ]
        for dt in dates:
            add(doc, "date", dt.start, dt.end, value=dt.value, qualifier=dt.qualifier)
        for amount in amounts:
            if not any(
                dt.start <= amount.start < dt.end for dt in dates
            ):  # "Four years later" is a date
                value = amount.value if amount.high is None else amount.range_text
                add(doc, "quantity", amount.start, amount.end, value=value,
                    unit=amount.unit or amount.counted, qualifier=amount.qualifier)  # fmt: skip
        people = [
            m for m in mentions
            if m.doc == d and entity_of[(d, m.start)].kind == "person"
            and not any(s <= m.start < e for s, e in inside_quotes)
        ]  # fmt: skip
        last_speaker: tuple[int, str] | None = (
            None  # (sentence, entity id) of the latest named speaker
        )
        starts = starts_of[doc.id]
        for q in quotes:
            sentence = _sentence_at(starts, q.start)
            # a pronoun before the quote ("He said Putin has “...”") refers to someone named
            # before its own sentence, not to the names that follow it
            cutoff = q.start
            if q.pronoun and q.speaker_at is not None and q.speaker_at < q.start:
                cutoff = starts[_sentence_at(starts, q.speaker_at)] if starts else q.start
            named_since = last_speaker and any(
                m.start < cutoff and _sentence_at(starts, m.start) > last_speaker[0] for m in people
            )
            if q.pronoun and last_speaker and sentence - last_speaker[0] <= 2 and not named_since:
                speaker: str | None = last_speaker[
                    1
                ]  # "..., Marwood told a rally. "...," she added."
            else:
                speaker = _resolve_speaker(
                    q.speaker, q.pronoun, cutoff, starts, people, groups, entity_of
                )
            if speaker and speaker in group_ids:
                last_speaker = (sentence, speaker)
            add(
                doc,
                "quote",
                q.start,
                q.end,
                value=fold(doc.text[q.start : q.end]),
                qualifier=q.attribution,
                speaker=speaker,
            )

    facts.sort(key=lambda f: (f.article, f.start, f.kind))
    renumber = {f.id: f"f{n}" for n, f in enumerate(facts, 1)}
    facts = [_with_id(f, renumber[f.id]) for f in facts]
    entities = tuple(
        Entity(
            g.id,
            g.name,
            g.kind,
            {
                doc_id: tuple(renumber[i] for i in ids)
                for doc_id, ids in mention_facts[g.id].items()
            },
        )
        for g in groups
    )
    return FactSet(tuple(facts), entities, tuple(groups))


def _sentence_at(starts: list[int], offset: int) -> int:
    """Index of the sentence holding ``offset``, given the sentences' start offsets."""
    return max(bisect.bisect_right(starts, offset) - 1, 0)


def _with_id(fact: Fact, new_id: str) -> Fact:
    return replace(fact, id=new_id)


def _resolve_speaker(
    name: str | None,
    pronoun: bool,
    quote_start: int,
    starts: list[int],
    people: list[Mention],
    groups: Sequence[EntityGroup],
    entity_of: dict[tuple[int, int], EntityGroup],
) -> str | None:
    if name is None:
        return None
    if pronoun:
        before = [m for m in people if m.start < quote_start]
        if not before:
            return name
        # the subject of the latest sentence that names someone: the first person in it
        latest = _sentence_at(starts, before[-1].start)
        in_sentence = [m for m in before if _sentence_at(starts, m.start) == latest]
        return entity_of[(in_sentence[0].doc, in_sentence[0].start)].id
    key = translit_key(name_key(name))
    for group in groups:
        keys = {translit_key(name_key(m.text)) for m in group.mentions}
        if key in keys or any(
            k.split()[-1:] == key.split()[-1:] and group.kind == "person" for k in keys
        ):
            return group.id
    return name
