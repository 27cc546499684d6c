"""Stage 7, crosscheck: compare the facts of the versions and rank what differs.

Facts are paired where the versions say the same thing: quantities and dates
inside one aligned row; entities across the whole story (one entity, many
spellings); quotes inside one row or, for a moved quote, anywhere in the story
when the words are close. Each pairing becomes a ``Check``:

=============  ========  ==========================================================
kind           severity  meaning
=============  ========  ==========================================================
disagree       high      the same slot has different values (1,200 vs 1,500)
quote-speaker  high      the same words are given to different speakers
hedge          medium    the same number with a different qualifier (about 20% vs 20%)
spelling       medium    a name spelled in a way no other source does, one edit away
quote-wording  medium    one speaker, one statement, different words
attribution    medium    a different second-hand source (quoted by AFP vs direct)
variant        low       accepted variants of one name (Kyiv / Kiev)
agree-form     low       the same value written differently (twenty million / 20 million)
only-in        low       a fact only one version has
agree          info      the same value
=============  ========  ==========================================================

Trivial differences are never checks: case, punctuation, quote style, "U.S."
vs "US", a short form of a name next to its long form.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from itertools import combinations

from rapidfuzz import fuzz

from newscollate.facts import FactSet
from newscollate.facts.entities import name_key, translit_key
from newscollate.facts.quantities import HEDGE_CLASSES, HEDGES, VAGUE_QUALIFIERS
from newscollate.ingest.normalize import fold, unify, words
from newscollate.models import SEVERITIES, Check, CheckKind, Document, Fact, Group, Severity

__all__ = ["crosscheck"]

_ORDER: tuple[CheckKind, ...] = (
    "disagree", "quote-speaker", "hedge", "spelling", "quote-wording", "attribution",
    "variant", "agree-form", "only-in", "agree",
)  # fmt: skip
_SEVERITY: dict[CheckKind, Severity] = {
    "disagree": "high", "quote-speaker": "high", "hedge": "medium", "spelling": "medium",
    "quote-wording": "medium", "attribution": "medium", "variant": "low", "agree-form": "low",
    "only-in": "low", "agree": "info",
}  # fmt: skip
_MEASURES = frozenset(
    {
        "percent",
        "points",
        "USD",
        "EUR",
        "GBP",
        "JPY",
        "tonnes",
        "km",
        "miles",
        "m",
        "kg",
        "litres",
        "km/h",
        "mph",
        "degrees",
    }
)
_HEDGE_PREFIX = re.compile(rf"^(?:{HEDGES})\s+", re.IGNORECASE)
_QUOTE_MATCH = 60.0  # token-set similarity for pairing quotes outside aligned rows


def crosscheck(
    documents: Sequence[Document], groups: Sequence[Group], factset: FactSet
) -> list[Check]:
    row_of = {
        (doc_id, i): r
        for r, g in enumerate(groups)
        for doc_id, idx in g.members.items()
        for i in idx
    }
    checks: list[Check] = []
    by_kind: dict[str, list[Fact]] = defaultdict(list)
    for fact in factset.facts:
        by_kind[fact.kind].append(fact)
    multi = len(documents) > 1
    checks += _slot_checks(
        by_kind["quantity"], row_of, _quantity_link, _quantity_conflict, "number", multi
    )
    checks += _slot_checks(
        by_kind["date"], row_of, _date_link, _date_conflict, "date", multi, only_in=False
    )
    checks += _entity_checks(factset, documents)
    checks += _quote_checks(by_kind["quote"], row_of, factset)
    position = {f.id: (f.article, f.start) for f in factset.facts}
    order = {d.id: k for k, d in enumerate(documents)}
    return sorted(
        checks,
        key=lambda c: (
            SEVERITIES.index(c.severity),
            _ORDER.index(c.kind),
            min((order[position[f][0]], position[f][1]) for f in c.facts),
        ),
    )


def _check(kind: CheckKind, facts: Sequence[Fact], summary: str) -> Check:
    return Check(kind, tuple(f.id for f in facts), _SEVERITY[kind], summary)


def _show(fact: Fact) -> str:
    return f"“{unify(fact.text)}” ({fact.article})"


# --- quantities and dates: slots inside aligned rows -------------------------


Link = Callable[[Fact, Fact], bool]


def _slot_checks(
    facts: list[Fact],
    row_of: dict[tuple[str, int], int],
    link: Link,
    conflict: Link,
    noun: str,
    multi: bool,
    only_in: bool = True,
) -> list[Check]:
    """Pair the facts of one kind that stand in one aligned row into slots.

    First equal values link (never two facts of one article in one slot); then,
    among facts still alone, two that fill the same slot with different values
    (same unit, or the same thing counted) link, but only when neither side has
    another candidate for it: a disagreement must be unambiguous to be reported.
    """
    rows: dict[int, list[Fact]] = defaultdict(list)
    checks = []
    for fact in facts:
        row = row_of.get((fact.article, fact.sentence))
        if row is not None:
            rows[row].append(fact)
        elif only_in and multi:
            checks.append(
                _check("only-in", [fact], f"{_show(fact)}: a {noun} only this version has")
            )
    for members in rows.values():
        slots = _Slots(members)
        for a, b in combinations(members, 2):
            if a.article != b.article and link(a, b):
                slots.join(a, b)
        alone = [f for f in members if slots.alone(f)]
        for a, b in combinations(alone, 2):
            if a.article != b.article and conflict(a, b) and _one_to_one(a, b, alone, conflict):
                slots.join(a, b)
        _join_dissenters(slots, [f for f in members if slots.alone(f)], conflict)
        for component in slots.components():
            if len({f.article for f in component}) >= 2:
                checks.append(_classify_slot(component, noun))
            elif only_in and multi:
                f = component[0]
                checks.append(
                    _check(
                        "only-in",
                        [f],
                        f"{_show(f)}: a {noun} the other versions of this passage lack",
                    )
                )
    return checks


class _Slots:
    """Facts joined into slots; a slot never holds two facts of one article."""

    def __init__(self, facts: list[Fact]) -> None:
        self.members = {f.id: [f] for f in facts}
        self.home = {f.id: f.id for f in facts}

    def join(self, a: Fact, b: Fact) -> None:
        ka, kb = self.home[a.id], self.home[b.id]
        if ka == kb or {f.article for f in self.members[ka]} & {
            f.article for f in self.members[kb]
        }:
            return
        for f in self.members.pop(kb):
            self.home[f.id] = ka
            self.members[ka].append(f)

    def alone(self, fact: Fact) -> bool:
        return len(self.members[self.home[fact.id]]) == 1

    def components(self) -> list[list[Fact]]:
        return list(self.members.values())


def _join_dissenters(slots: _Slots, alone: list[Fact], conflict: Link) -> None:
    """Two versions agree on a value and a third gives another ("three" / "three" /
    "at least two"): the third joins their slot as a dissenter, when the slot is the
    only one it conflicts with and it is its article's only candidate for that slot."""
    slot_of: dict[int, list[Fact]] = {}
    for component in slots.components():
        if len(component) >= 2:
            slot_of[id(component)] = component
    wanted: dict[int, list[Fact]] = defaultdict(list)
    for fact in alone:
        targets = [
            key
            for key, component in slot_of.items()
            if all(f.article != fact.article for f in component)
            and all(f.value != fact.value for f in component)
            and any(conflict(fact, f) for f in component)
            and all(_close(fact, f) for f in component)
        ]
        if len(targets) == 1:
            wanted[targets[0]].append(fact)
    for key, facts in wanted.items():
        if len({f.article for f in facts}) == len(facts):  # one candidate per article
            for fact in facts:
                slots.join(slot_of[key][0], fact)


def _close(a: Fact, b: Fact) -> bool:
    """Within a factor of three: a dissenting figure is a different estimate of one
    thing ("about 180" / "more than 200"), not "142 appearances" next to "four"."""
    if isinstance(a.value, float) and isinstance(b.value, float) and a.value and b.value:
        low, high = sorted((abs(a.value), abs(b.value)))
        return high <= 3 * low
    return True


def _one_to_one(a: Fact, b: Fact, alone: list[Fact], conflict: Link) -> bool:
    rivals_b = [f for f in alone if f.article == b.article and f is not b and conflict(a, f)]
    rivals_a = [f for f in alone if f.article == a.article and f is not a and conflict(f, b)]
    return not rivals_a and not rivals_b


def _classify_slot(component: list[Fact], noun: str) -> Check:
    values = {f.value for f in component if f.value is not None}  # an unresolved date has none
    shown = " vs ".join(_show(f) for f in component)
    if len(values) > 1:
        return _check("disagree", component, f"{shown}: different {noun}s for the same passage")
    if len({_hedge_class(f) for f in component}) > 1:
        return _check("hedge", component, f"{shown}: the same {noun}, qualified differently")
    if len({_bare(f) for f in component}) > 1:
        return _check("agree-form", component, f"{shown}: the same {noun}, written differently")
    return _check("agree", component, f"{shown}: the same {noun}")


def _bare(fact: Fact) -> str:
    return " ".join(words(fold(_HEDGE_PREFIX.sub("", unify(fact.text)))))


def _units_compatible(a: Fact, b: Fact) -> bool:
    if a.unit in _MEASURES or b.unit in _MEASURES:
        return a.unit == b.unit
    return True


def _quantity_link(a: Fact, b: Fact) -> bool:
    """Equal values in one row. A small number is common enough that the counted
    thing must fit too: "two sides" and "more than two years" are not one slot,
    though "four people" and "four sailors" are, hedged alike. A larger one is
    distinctive: "almost 100,000 dead" and "100,000 battlefield deaths" are."""
    if a.value != b.value or not _units_compatible(a, b):
        return False
    if a.unit in _MEASURES or b.unit in _MEASURES or not (a.unit and b.unit):
        return True
    if isinstance(a.value, float) and abs(a.value) >= 10:
        return True
    return _same_counted(a, b) or _hedge_class(a) == _hedge_class(b)


def _same_counted(a: Fact, b: Fact) -> bool:
    return bool({w[:5] for w in words(a.unit or "")} & {w[:5] for w in words(b.unit or "")})


def _hedge_class(fact: Fact) -> str:
    return HEDGE_CLASSES.get(fact.qualifier or "", fact.qualifier or "")


def _quantity_conflict(a: Fact, b: Fact) -> bool:
    if a.value == b.value or _within_vague(a, b) or _within_vague(b, a):
        return False
    if a.unit in _MEASURES or b.unit in _MEASURES:
        return a.unit == b.unit
    return _same_counted(a, b)


def _within_vague(vague: Fact, other: Fact) -> bool:
    """ "thousands of homes" does not contradict "85,000 homes"; "dozens" does contradict "hundreds"."""
    if vague.qualifier not in VAGUE_QUALIFIERS or other.qualifier in VAGUE_QUALIFIERS:
        return False
    if not isinstance(vague.value, float) or not isinstance(other.value, float):
        return False
    return vague.value <= other.value < vague.value * 1000


def _date_link(a: Fact, b: Fact) -> bool:
    if a.value is not None and b.value is not None:
        return a.value == b.value
    return _bare_date(a) == _bare_date(b)  # unresolved: "on Sunday" and "Sunday's" agree


def _bare_date(fact: Fact) -> str:
    return re.sub(r"^on\s+|['’]s$", "", _bare(fact))


def _date_conflict(a: Fact, b: Fact) -> bool:
    return (
        a.value is not None
        and b.value is not None
        and a.value != b.value
        and len(str(a.value)) == len(str(b.value))
        and not a.qualifier == b.qualifier == "relative"
    )


# --- entities: spellings across the story ------------------------------------


def _entity_checks(factset: FactSet, documents: Sequence[Document]) -> list[Check]:
    facts = {f.id: f for f in factset.facts}
    checks = []
    for entity, group in zip(factset.entities, factset.groups, strict=True):
        mention_facts = [facts[i] for ids in entity.mentions.values() for i in ids]
        if len(documents) > 1 and len(entity.mentions) == 1 and entity.kind != "name":
            first = mention_facts[0]
            checks.append(
                _check(
                    "only-in",
                    [first],
                    f"{entity.name} ({entity.kind}) is named only in {first.article}",
                )
            )
            continue
        forms: dict[str, list[Fact]] = defaultdict(list)
        for fact in mention_facts:
            forms[_comparable_form(fact.text, entity.kind)].append(fact)
        # a long and a short form ("United States" / "US") are not spellings of each other
        by_length: dict[int, list[str]] = defaultdict(list)
        for form in forms:
            if form:
                by_length[len(form.split())].append(form)
        for keys in by_length.values():
            if len(keys) >= 2:
                checks += _spelling_checks(
                    entity.name, entity.kind, group.fuzzy, {k: forms[k] for k in keys}
                )
        if entity.kind == "person":
            checks += _hyphen_checks(entity.name, mention_facts)
    return checks


def _hyphen_checks(name: str, mentions: list[Fact]) -> list[Check]:
    """'Anand-Weller' in one source, 'Anand Weller' in another: a double-barrelled
    surname is spelled with its hyphen, so dropping it is a misspelling of a person's
    name (unlike the dots of "U.S.", which are style)."""
    forms: dict[str, list[Fact]] = defaultdict(list)
    for fact in mentions:
        surface = fold(unify(fact.text)).replace(".", "")
        if re.search(r"\w-\w", surface) or " " in surface:
            forms[re.sub(r"['’]s$", "", surface)].append(fact)
    checks = []
    for x, y in combinations(sorted(forms), 2):
        if "-" not in x + y or x.replace("-", " ") != y.replace("-", " "):
            continue
        if _sources(forms[x]) & _sources(forms[y]):
            continue
        hyphened, plain = (x, y) if "-" in x else (y, x)
        pair = [forms[plain][0], forms[hyphened][0]]
        checks.append(
            _check(
                "spelling",
                pair,
                f"“{unify(pair[0].text)}” ({pair[0].article}) vs “{unify(pair[1].text)}” "
                f"({pair[1].article}): {name}'s name with and without its hyphen",
            )
        )
    return checks


def _spelling_checks(
    name: str, kind: str, fuzzy: bool, forms: dict[str, list[Fact]]
) -> list[Check]:
    """Misspellings (forms one edit apart that only fuzzy grouping joined) or accepted variants."""
    checks = []
    keys = list(forms)
    if fuzzy:
        for x, y in combinations(keys, 2):
            if translit_key(x) == translit_key(y) or _derived_word(x, y):
                continue
            if _sources(forms[x]) & _sources(forms[y]):
                continue  # one source using both forms is not misspelling the other's
            odd, usual = (x, y) if len(_sources(forms[x])) <= len(_sources(forms[y])) else (y, x)
            pair = [forms[odd][0], forms[usual][0]]
            checks.append(
                _check(
                    "spelling",
                    pair,
                    f"“{unify(pair[0].text)}” ({pair[0].article}) vs “{unify(pair[1].text)}” "
                    f"({pair[1].article}): one {kind} spelled two ways; a likely misspelling",
                )
            )
        if checks:
            return checks
    sample = [forms[k][0] for k in keys]
    spellings = "; ".join(
        f"“{unify(forms[k][0].text)}” in {', '.join(sorted(_sources(forms[k])))}" for k in keys
    )
    return [_check("variant", sample, f"{name}: accepted variants: {spellings}")]


def _derived_word(x: str, y: str) -> bool:
    """'Varnia' / 'Varnian', 'Russia' / 'Russians': a demonym, not a misspelling."""
    short, long = sorted((x, y), key=len)
    return long.startswith(short) and long[len(short) :] in {
        "n",
        "an",
        "ian",
        "s",
        "ns",
        "ese",
        "i",
    }


def _sources(facts: list[Fact]) -> set[str]:
    return {f.article for f in facts}


def _comparable_form(surface: str, kind: str) -> str:
    """A name's spelling as compared; forms are compared only with forms of as many
    words, so "Zelensky" vs "Volodymyr Zelensky" is a short form, not a variant."""
    return name_key(surface, variants=False)


# --- quotes -------------------------------------------------------------------


def _quote_checks(
    quotes: list[Fact], row_of: dict[tuple[str, int], int], factset: FactSet
) -> list[Check]:
    entity_name = {e.id: e.name for e in factset.entities}
    checks, paired = [], set()
    for a, b in combinations(quotes, 2):
        if a.article == b.article:
            continue
        same_row = row_of.get((a.article, a.sentence)) is not None and row_of.get(
            (a.article, a.sentence)
        ) == row_of.get((b.article, b.sentence))
        similarity = fuzz.token_set_ratio(str(a.value), str(b.value))
        if not same_row and similarity < _QUOTE_MATCH:
            continue
        if same_row and similarity < 35:
            continue
        paired |= {a.id, b.id}
        who_a, who_b = _who(a, entity_name), _who(b, entity_name)
        both_named = a.speaker in entity_name and b.speaker in entity_name
        if both_named and a.speaker != b.speaker:
            checks.append(
                _check(
                    "quote-speaker",
                    [a, b],
                    f"the same quote is given to {who_a} ({a.article}) and to {who_b} ({b.article})",
                )
            )
        elif not _excerpt(words(str(a.value)), words(str(b.value))):
            speaker = who_a if a.speaker in entity_name else who_b
            checks.append(
                _check(
                    "quote-wording",
                    [a, b],
                    f"{speaker}'s quote is worded differently: {_show(a)} vs {_show(b)}",
                )
            )
        else:
            checks.append(
                _check(
                    "agree",
                    [a, b],
                    f"{who_a}'s quote reads the same in {a.article} and {b.article}",
                )
            )
        if (a.qualifier or b.qualifier) and a.qualifier != b.qualifier:
            via_a = f"via {a.qualifier}" if a.qualifier else f"directly from {who_a}"
            via_b = f"via {b.qualifier}" if b.qualifier else f"directly from {who_b}"
            checks.append(
                _check(
                    "attribution",
                    [a, b],
                    f"the quote is sourced {via_a} in {a.article} but {via_b} in {b.article}",
                )
            )
    for q in quotes:
        if q.id not in paired and len({f.article for f in quotes}) > 1:
            checks.append(
                _check(
                    "only-in",
                    [q],
                    f"a quote from {_who(q, entity_name)} only {q.article} has: {_show(q)}",
                )
            )
    return checks


def _excerpt(a: list[str], b: list[str]) -> bool:
    """The same words, or one quote a contiguous excerpt of the other ("a fantastic servant")."""
    short, long = sorted((a, b), key=len)
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


def _who(quote: Fact, entity_name: dict[str, str]) -> str:
    if quote.speaker is not None and quote.speaker in entity_name:
        return entity_name[quote.speaker]
    return quote.speaker or "an unnamed speaker"
