"""Deterministic invented news stories and their rewrites, for benchmarks.

All text here is made up for this project: the town, river, people and
organisations are invented, and the sentences are templates written for the
benchmark. ``versions(n, seed)`` returns ``n`` versions of one 40-sentence story
the way outlets rewrite a wire report: each version after the first derives from
an earlier one (so some are copies of copies) with word substitutions, dropped
sentences, reordered paragraphs, merged sentences and a few added sentences.
``sentences(n, seed)`` returns ``n`` distinct filled-in sentences for throughput
tests. The same arguments always give the same text.

    .venv/bin/python bench/storygen.py 3      # print three versions
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass

# Invented vocabulary: none of these is meant to be a real place, person or body.
TOWNS = ("Velmora", "Castrelle", "Dunmarrow", "Eskwith", "Port Alvane", "Quenby", "Orrindale")
RIVERS = ("Tessel", "Marrow", "Ildwater", "Brenn", "Carra", "Oskel")
DISTRICTS = ("Lowmarket", "Saltgate", "Fernhollow", "the Weir Quarter", "Millbrook", "Kestle Row")
FIRST_F = ("Orla", "Tamsin", "Maren", "Liesel", "Nadia", "Ysolde")
FIRST_M = ("Idris", "Bastian", "Corwen", "Evander", "Tobiah", "Alder")
LAST = ("Venning", "Quarrow", "Maelcot", "Strand", "Harlowe", "Okonedo", "Pellisier", "Drumm")
JOBS = ("a baker", "a retired teacher", "a ferry mechanic", "a nurse", "a shopkeeper")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
OUTLETS = (
    "Velmora Courier",
    "Northshire Ledger",
    "Tidewatch Daily",
    "Castrelle Post",
    "Eskwith Herald",
    "Valley Wire",
    "Morning Lantern",
    "Quenby Gazette",
)

HEADLINE = "{river} bursts its banks and floods {town}"

# The base story: 40 sentences in reading order. Slots are filled once per story.
BASE = (
    "Floodwater from the River {river} poured into the centre of {town} early on {day}, "
    "forcing about {evac} residents to leave their homes.",
    "Emergency crews worked through the night to move families from the worst-hit streets "
    "of {district}.",
    "The {agency} said the river rose {rise} metres in less than six hours after a week of "
    "heavy rain.",
    "No deaths have been reported, but {injured} people were treated in hospital for minor "
    "injuries and cold.",
    "Mayor {mayor} called the flood the worst the town had seen in half a century.",
    '"We have never watched the water come up this fast," {mayor_last} told reporters at '
    "the town hall.",
    "She said the council would open two more shelters before nightfall.",
    "The {bridge} Bridge, the main crossing between {district} and {district2}, was closed "
    "after engineers found cracks in one of its piers.",
    "Drivers were told to avoid the {road} road, which was under almost a metre of water "
    "in places.",
    "Rail services between {town} and {town2} were suspended until at least {day2}.",
    "Forecasters at the {weather} expect a further {rain} millimetres of rain by the weekend.",
    "They warned that the river could peak again on {day2} evening.",
    "The {agency} has issued its highest flood warning for {n_areas} areas along the {river}.",
    "Its chief engineer, {engineer}, said the flood defences built in {year} had held for "
    "most of the night.",
    "Water eventually spilled over a low section of the wall near the old grain warehouses.",
    "Residents of {district} said the warning sirens sounded only after the water had "
    "reached their doors.",
    "{resident}, {job} who has lived on Quay Lane for twenty years, said her ground floor "
    "was ruined within an hour.",
    '"I carried my mother upstairs and then we just waited for the boats," she said.',
    "Volunteers with small boats ferried elderly residents to a sports hall on higher ground.",
    "The sports hall now houses more than {shelter} people, according to the council.",
    "Local businesses donated blankets, hot food and bottled water throughout the day.",
    "The {hospital} postponed routine operations so that staff could treat flood victims.",
    "Power was cut to around {homes} homes as a precaution when substations were threatened.",
    "The electricity company {power} said most supplies should be restored within two days.",
    "Schools in {district} and {district2} will stay closed for the rest of the week.",
    "Insurers estimate that the damage could exceed {cost} million crowns.",
    "Farmers upstream reported fields under water and livestock moved to higher pastures.",
    "The regional governor, {governor}, visited the town on {day} afternoon.",
    "He promised emergency funds for households that lost their belongings.",
    "Opposition councillors questioned why a planned upgrade to the flood wall had been "
    "delayed for three years.",
    "Council records show the upgrade was postponed twice because of rising costs.",
    "{mayor_last} said the question of the delay would be answered once the emergency was over.",
    "Environmental groups said the flood showed the need to restore wetlands along the "
    "upper {river}.",
    "The river last flooded the town centre in {year2}, when the water stopped short of "
    "the market square.",
    "This time the market square was under water by mid-morning.",
    "Police asked people not to walk or drive through floodwater, which may hide open "
    "drains and debris.",
    "Two drivers had to be rescued from their cars after ignoring road closures.",
    "The {agency} will review river levels again at dawn on {day2}.",
    "Residents who had to leave were told it could be several days before they can return.",
    "A public meeting on the recovery is planned at the town hall next week.",
)

# Sentences that some outlets add: context, local angles, their own reporting.
ADDED = (
    "The {outlet} has asked the {agency} for the full timeline of its warnings.",
    "A fundraising page set up by neighbours in {district} had raised {cost}0,000 crowns "
    "by the evening.",
    "Photographs shared online showed cars floating past shop windows on the main street.",
    "The army said it had placed {n_areas}0 soldiers on standby to help if needed.",
    "Residents of nearby {town2} were told to move valuables upstairs as a precaution.",
    "A correspondent for the {outlet} in {district} saw water lapping at the steps of the church.",
    "The last comparable flood in the region cost the state more than {cost} million crowns.",
    "Officials said an inquiry into the warning system would begin next month.",
)

# Word substitutions an editor might make; applied per occurrence, whole words only.
SUBSTITUTIONS = {
    "residents": "locals",
    "homes": "houses",
    "said": "stated",
    "told": "informed",
    "worst": "most severe",
    "heavy": "intense",
    "reported": "recorded",
    "people": "individuals",
    "closed": "shut",
    "expect": "forecast",
    "warned": "cautioned",
    "promised": "pledged",
    "damage": "destruction",
    "eventually": "finally",
    "about": "around",
    "main": "principal",
    "postponed": "put off",
    "questioned": "challenged",
    "rescued": "pulled",
    "afternoon": "evening",
    "minor": "light",
    "suspended": "halted",
    "review": "check",
    "nearby": "neighbouring",
}

# First words that a merged sentence lowercases; any other first word is a name.
_COMMON_START_WORDS = (
    "the a an they their she he it its no water power police schools rail residents drivers "
    "volunteers local farmers insurers opposition environmental this two council forecasters "
    "emergency officials photographs"
)
_COMMON_STARTS = frozenset(_COMMON_START_WORDS.split())


@dataclass(frozen=True, slots=True)
class Version:
    """One outlet's version: headline, outlet and paragraphs of sentences."""

    id: str
    outlet: str
    headline: str
    paragraphs: tuple[tuple[str, ...], ...]
    parent: str | None

    @property
    def text(self) -> str:
        body = "\n\n".join(" ".join(p) for p in self.paragraphs if p)
        return f"{self.headline}\n\n{body}\n"

    @property
    def sentence_count(self) -> int:
        return sum(len(p) for p in self.paragraphs)


def _name(rng: random.Random, first: tuple[str, ...] = FIRST_F + FIRST_M) -> str:
    return f"{rng.choice(first)} {rng.choice(LAST)}"


def _slots(rng: random.Random) -> dict[str, str]:
    town, town2 = rng.sample(TOWNS, 2)
    district, district2 = rng.sample(DISTRICTS, 2)
    day_index = rng.randrange(len(DAYS))
    mayor = _name(rng, FIRST_F)
    return {
        "town": town,
        "town2": town2,
        "river": rng.choice(RIVERS),
        "district": district,
        "district2": district2,
        "day": DAYS[day_index],
        "day2": DAYS[(day_index + 1) % len(DAYS)],
        "evac": str(rng.randrange(4, 40) * 100),
        "rise": str(rng.randrange(2, 5)),
        "injured": str(rng.randrange(3, 30)),
        "mayor": mayor,
        "mayor_last": mayor.split()[-1],
        "engineer": _name(rng),
        "resident": _name(rng, FIRST_F),
        "governor": _name(rng, FIRST_M),
        "job": rng.choice(JOBS),
        "agency": f"{rng.choice(RIVERS)} Basin Authority",
        "weather": f"{rng.choice(TOWNS)} Weather Office",
        "bridge": rng.choice(("Old Tollgate", "Saint Brenna", "Kingfisher", "Iron Quay")),
        "road": f"R{rng.randrange(10, 99)}",
        "rain": str(rng.randrange(30, 120)),
        "n_areas": str(rng.randrange(5, 19)),
        "year": str(rng.randrange(1990, 2012)),
        "year2": str(rng.randrange(1955, 1989)),
        "shelter": str(rng.randrange(2, 9) * 100),
        "hospital": f"{rng.choice(TOWNS)} General Hospital",
        "homes": str(rng.randrange(2, 20) * 1000),
        "power": rng.choice(("Northgrid", "Vellux Energy", "Carra Power")),
        "cost": str(rng.randrange(20, 400)),
        "outlet": rng.choice(OUTLETS),
    }


def _fill(template: str, slots: dict[str, str]) -> str:
    return template.format(**slots)


def _paragraphs(rng: random.Random, sentences: list[str]) -> list[list[str]]:
    """Cut sentences into paragraphs of 1 to 5 sentences, news style (short ones first)."""
    paragraphs, i = [], 0
    while i < len(sentences):
        size = 1 if i == 0 else rng.choice((1, 2, 2, 3, 3, 4, 5))
        paragraphs.append(sentences[i : i + size])
        i += size
    return paragraphs


def _substitute(rng: random.Random, sentence: str, rate: float) -> str:
    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        new = SUBSTITUTIONS.get(word)
        return new if new is not None and rng.random() < rate else word

    return re.sub(r"[a-z]+", swap, sentence)


def _merge(first: str, second: str) -> str:
    head = first.rstrip()
    if head.endswith((".", "!", "?")):
        head = head[:-1]
    word = second.split(maxsplit=1)[0]
    if word.lower() in _COMMON_STARTS:
        second = second[0].lower() + second[1:]
    return f"{head}, and {second}"


def _derive(
    rng: random.Random, parent: Version, slots: dict[str, str], number: int, outlet: str
) -> Version:
    """A rewrite of ``parent``: the edits outlets make to a wire story."""
    paragraphs = [list(p) for p in parent.paragraphs]
    rate = rng.choice((0.0, 0.15, 0.3, 0.5))
    # Word substitutions, sentence by sentence.
    paragraphs = [[_substitute(rng, s, rate) for s in p] for p in paragraphs]
    # Dropped sentences (never the lede), more in some versions than others.
    drop = rng.choice((0.0, 0.05, 0.1, 0.2))
    paragraphs = [
        [s for k, s in enumerate(p) if (i == 0 and k == 0) or rng.random() >= drop]
        for i, p in enumerate(paragraphs)
    ]
    paragraphs = [p for p in paragraphs if p]
    # Merged sentences: two neighbours in a paragraph become one.
    for p in paragraphs:
        k = 0
        while k < len(p) - 1:
            if rng.random() < 0.08:
                p[k : k + 2] = [_merge(p[k], p[k + 1])]
            k += 1
    # Reordered paragraphs: a few swaps after the lede.
    for _ in range(rng.choice((0, 1, 2, 3))):
        if len(paragraphs) > 3:
            a, b = rng.sample(range(1, len(paragraphs)), 2)
            paragraphs[a], paragraphs[b] = paragraphs[b], paragraphs[a]
    # A few added sentences, each its own paragraph or the end of one.
    local = dict(slots, outlet=outlet)
    for template in rng.sample(ADDED, rng.choice((0, 1, 2, 3))):
        sentence = _fill(template, local)
        at = rng.randrange(1, len(paragraphs) + 1)
        if rng.random() < 0.5 or at == len(paragraphs):
            paragraphs.insert(at, [sentence])
        else:
            paragraphs[at].append(sentence)
    headline = parent.headline
    if rng.random() < 0.5:
        headline = _substitute(rng, headline.replace("bursts its banks and floods", "floods"), 1.0)
    return Version(
        f"v{number:02d}",
        outlet,
        headline,
        tuple(tuple(p) for p in paragraphs),
        parent.id,
    )


def versions(n: int, seed: int = 7) -> list[Version]:
    """``n`` versions of one invented 40-sentence story; ``versions(k)`` is a prefix of
    ``versions(n)`` for ``k <= n``, so scaling runs compare nested sets."""
    rng = random.Random(seed)
    slots = _slots(rng)
    base = [_fill(t, slots) for t in BASE]
    outlets = list(OUTLETS)
    rng.shuffle(outlets)
    result = [
        Version(
            "v00",
            outlets[0],
            _fill(HEADLINE, slots),
            tuple(tuple(p) for p in _paragraphs(rng, base)),
            None,
        )
    ]
    for number in range(1, n):
        # Each version gets its own generator so that adding versions never changes earlier ones.
        local = random.Random(seed * 1_000_003 + number)
        parent = result[local.randrange(len(result))]
        outlet = outlets[number % len(outlets)]
        if number >= len(outlets):
            outlet = f"{outlet} ({number // len(outlets) + 1})"
        result.append(_derive(local, parent, slots, number, outlet))
    return result


def sentences(n: int, seed: int = 11) -> list[str]:
    """``n`` distinct sentences (case-insensitively) from the story templates, each with
    its own slot values and a random share of substitutions."""
    rng = random.Random(seed)
    templates = BASE + ADDED
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        slots = _slots(rng)
        sentence = _substitute(rng, _fill(rng.choice(templates), slots), rng.random())
        key = " ".join(sentence.casefold().split())
        if key not in seen:
            seen.add(key)
            out.append(sentence)
    return out


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    for version in versions(count):
        print(f"=== {version.id} ({version.outlet}; from {version.parent}) ===")
        print(version.text)


if __name__ == "__main__":
    main()
