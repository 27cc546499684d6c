"""Numbers, amounts and percentages, normalised, with their hedge and what they count.

"twenty million", "20 million" and "20m" all become 20,000,000; "a million" is
1,000,000; "$38bn", "$38 billion" and "38 billion dollars" are 38e9 USD. The
hedge ("about", "almost", "more than", ...) is kept apart from the value, so
"almost 100,000" and "100,000" are the same number with a different qualifier.
Four-digit years are dates, not quantities (see ``dates``), unless the
sentence makes them a count ("some 2000 troops", "2000 troops were sent").

Ranges ("10-12", "10 to 12", "between 10 and 12", "$3-4 billion") keep both
ends, so "10-12" and "10-15" disagree; "from 10 to 12" is a change, two numbers.
Vague amounts ("dozens of", "tens of thousands of") keep their words as the
qualifier and their order of magnitude as the value: they contradict another
vague amount or a precise number outside their range, never one inside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newscollate.facts.dates import MONTHS

_SMALL = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    w: 10 * i
    for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)
}
_SCALES = {
    "dozen": 12.0,
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}
_ABBREVIATED_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12}
HEDGES = (
    "just over|just under|more than|less than|fewer than|at least|at most|up to|as many as|"
    "as much as|close to|an estimated|upwards of|nearly|almost|about|around|roughly|"
    "approximately|some|over|under"
)
# Hedges that say the same thing: "about 620,000" and "around 620,000" agree.
HEDGE_CLASSES = {
    "about": "approximately", "around": "approximately", "roughly": "approximately",
    "approximately": "approximately", "some": "approximately", "an estimated": "approximately",
    "close to": "approximately", "nearly": "almost", "almost": "almost", "just under": "almost",
    "more than": "more than", "over": "more than", "just over": "more than",
    "upwards of": "more than", "at least": "at least", "up to": "up to", "as many as": "up to",
    "as much as": "up to", "at most": "up to", "less than": "less than", "fewer than": "less than",
    "under": "less than",
}  # fmt: skip
_CURRENCY_SYMBOL = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_CURRENCY_WORD = {
    "dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP",
    "pound": "GBP", "yen": "JPY", "usd": "USD", "eur": "EUR", "gbp": "GBP",
}  # fmt: skip
_UNITS = {
    "percent": "percent", "per cent": "percent", "%": "percent", "percentage points": "points",
    "tonnes": "tonnes", "tons": "tonnes", "kilometres": "km", "kilometers": "km", "km": "km",
    "miles": "miles", "metres": "m", "meters": "m", "kilograms": "kg", "kg": "kg", "litres": "litres",
    "km/h": "km/h", "mph": "mph", "degrees": "degrees",
}  # fmt: skip

_WORD_NUMBER = (
    r"(?:(?:"
    + "|".join(_TENS)
    + r")(?:[- ](?:"
    + "|".join(list(_SMALL)[1:10])
    + r"))?|"
    + "|".join(sorted(_SMALL, key=len, reverse=True))
    + r"|a|an)"
)
_NUMBER = rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|{_WORD_NUMBER}\b"
_SCALE_WORDS = r"dozen|hundred|thousand|million|billion|trillion"
_PATTERN = re.compile(
    rf"(?<![\w$€£¥.,-])(?:(?P<hedge>{HEDGES})\s+)?(?P<between>between\s+)?(?P<from>from\s+)?"
    r"(?P<neg>(?<![\w.,])[-−](?=[$€£¥\d])|minus\s+)?"
    r"(?P<cur>US\$|[$€£¥])?\s?"
    rf"(?P<num>{_NUMBER}|half(?:\s+an?)?(?=\s+(?:{_SCALE_WORDS})\b)|half(?=\s+(?:of\s+)?the\b))"
    r"(?P<andhalf>\s+and\s+a\s+half)?"
    rf"(?:(?:\s*[-–]\s*(?=\d)|(?(from)(?!)|\s+to\s+)|(?(between)\s+and\s+|(?!)))(?P<num2>{_NUMBER}))?"
    rf"(?:(?P<abbr>bn|mn|mln|tn|[kmb])\b|(?P<scales>(?:\s+(?:{_SCALE_WORDS}))+))?"
    r"(?:\s*(?P<pct>%)|\s*(?P<unit>percent|per cent|percentage points|tonnes|tons|kilometres|"
    r"kilometers|km/h|km|miles|metres|meters|kilograms|kg|litres|mph|degrees)\b)?"
    r"(?:\s+(?P<curword>dollars|dollar|euros|euro|pounds|pound|yen|usd|eur|gbp)\b)?",
    re.IGNORECASE,
)
# "dozens of", "hundreds of", "tens of thousands of": an order of magnitude, not a number
_VAGUE_BASE = {"tens": 10.0, "dozens": 12.0, "scores": 20.0, "hundreds": 1e2, "thousands": 1e3,
               "millions": 1e6, "billions": 1e9}  # fmt: skip
_VAGUE = re.compile(
    r"(?<![\w-])(?P<vague>(?P<base>tens|dozens|scores|hundreds|thousands|millions|billions)"
    r"(?:\s+of\s+(?P<of>thousands|millions|billions))?)\s+of\s",
    re.IGNORECASE,
)
# "a third", "nearly a quarter", "two-thirds": shares, compared as percentages
_FRACTION_PARTS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
_FRACTION = re.compile(
    rf"(?<![\w-])(?:(?P<hedge>{HEDGES})\s+)?(?P<n>a|one|two|three|four)[\s-]"
    r"(?P<d>third|quarter|fifth|tenth)s?\b(?!-)",
    re.IGNORECASE,
)
VAGUE_QUALIFIERS = frozenset(
    set(_VAGUE_BASE)
    | {f"{b} of {o}" for b in _VAGUE_BASE for o in ("thousands", "millions", "billions")}
)
# a bare four-digit number right after these is a year: "in 2000 troops were sent"
_YEAR_CONTEXT = re.compile(
    r"(?:\b(?:in|since|by|until|till|from|of|before|after|during|to|the|year|early|late|mid|"
    + "|".join(MONTHS)
    + r")|[(,])\s*$",
    re.IGNORECASE,
)
_COMPOUND = re.compile(
    r"-(?P<unit>second|minute|hour|day|week|month|year|decade)(?P<old>-old)?\b(?!-)", re.IGNORECASE
)
_TIME_UNITS = frozenset("seconds minutes hours days weeks months years decades".split())
_FOLLOWING = re.compile(r"[ \t]+((?:[A-Za-z][\w'’-]*[ \t]?){1,3})")
_STOP = frozenset(
    """of the a an and or to in on at by for from with that which who was were is are had has have
    be been as than this these those it its their his her more less between during since until
    across near after before per against including into over under among""".split()
)


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int
    end: int
    value: float  # the low end of a range
    unit: str | None  # "percent", a currency code, a measure, or None for a count
    qualifier: str | None  # the hedge, folded, or the words of a vague amount ("dozens")
    counted: str | None  # the words after the number: "dead", "battlefield deaths"
    spelled: bool  # written in words ("twenty million")
    high: float | None = None  # the high end of a range

    @property
    def range_text(self) -> str:
        """The normalised value as one string: "10–12" for a range, "20000000" otherwise."""
        if self.high is None:
            return _plain(self.value)
        return f"{_plain(self.value)}–{_plain(self.high)}"


def find_quantities(text: str) -> list[Quantity]:
    found = [q for m in _PATTERN.finditer(text) if (q := _quantity(text, m))]
    found = [
        q for q in found if not (q.counted and q.counted.split()[0].rstrip("s") in _FRACTION_PARTS)
    ]
    for m in _FRACTION.finditer(text):
        share = 100.0 * _SMALL.get(m.group("n").lower(), 1) / _FRACTION_PARTS[m.group("d").lower()]
        hedge = m.group("hedge").lower() if m.group("hedge") else None
        found.append(Quantity(m.start(), m.end(), round(share, 1), "percent", hedge, None, True))
    for m in _VAGUE.finditer(text):
        if any(q.start <= m.start() < q.end for q in found):
            continue
        value = _VAGUE_BASE[m.group("base").lower()] * _SCALES.get(
            (m.group("of") or "").lower().rstrip("s"), 1.0
        )
        qualifier = " ".join(m.group("vague").lower().split())
        found.append(
            Quantity(
                m.start(), m.end("vague"), value, None, qualifier, _counted(text, m.end() - 1), True
            )
        )
    return sorted(found, key=lambda q: q.start)


def _quantity(text: str, m: re.Match[str]) -> Quantity | None:
    number = m.group("num")
    lowered = number.lower()
    word_number = not number[0].isdigit()
    scale = _scale(m.group("abbr"), m.group("scales"))
    hedge = m.group("hedge").lower() if m.group("hedge") else None
    has_unit = bool(m.group("cur") or m.group("unit") or m.group("curword") or m.group("pct"))
    counted = _counted(text, m.end())
    unit = _unit(m)
    if lowered.startswith("half"):
        base = 0.5
        if scale == 1:  # "half of the homes", "half the town"
            base, unit, counted = 50.0, "percent", None
    elif word_number:
        word_value = _word_value(number)
        if word_value is None or (lowered in ("a", "an") and scale == 1):
            return None
        base = word_value
    else:
        base = float(number.replace(",", ""))
    if m.group("andhalf"):
        base += 0.5
    if (
        not m.group("num2")
        and not hedge
        and _is_year(number, scale, has_unit)
        and (_YEAR_CONTEXT.search(text, max(0, m.start() - 40), m.start()) or not _plural(counted))
    ):
        return None
    compound = _COMPOUND.match(text, m.end()) if not m.group("num2") else None
    if compound:  # "a 48-hour walkout", "the 24-year-old": a span of time or an age
        unit_word = compound.group("unit").lower() + "s"
        counted = f"{unit_word} old" if compound.group("old") else unit_word
        start = m.start("hedge") if m.group("hedge") else m.start("num")
        return Quantity(start, compound.end(), base, None, hedge, counted, word_number)
    if _is_part_of_token(text, m):
        return None
    if (
        word_number
        and scale == 1
        and not has_unit
        and not m.group("num2")
        and not (counted and base >= 2)
        and not lowered.startswith("half")
    ):
        return None  # "one of the villages", "a four-star general": not a fact
    sign = -1.0 if m.group("neg") else 1.0
    high = None
    if m.group("num2"):
        second = m.group("num2")
        high = _word_value(second) if not second[0].isdigit() else float(second.replace(",", ""))
        if (
            high is None
            or high <= base
            or (_is_year(number, scale, has_unit) and _is_year(second, scale, has_unit))
        ):
            return None  # "a 3-2 vote" is a tally, "between 2010 and 2015" two years
        high *= scale * sign
    if hedge in ("over", "under") and counted and counted.split()[0] in _TIME_UNITS:
        hedge = None  # "over five years" is a span of time, not "more than five"
    start = next(m.start(g) for g in ("hedge", "between", "neg", "cur", "num") if m.group(g))
    return Quantity(start, m.end(), sign * base * scale, unit, hedge, counted, word_number, high)


def _plain(value: float) -> str:
    return f"{value:.0f}" if value == int(value) else f"{value:g}"


def _plural(counted: str | None) -> bool:
    """'2000 troops': a four-digit number before a plural noun is a count."""
    if not counted:
        return False
    first = counted.split()[0]
    return first.endswith("s") and not first.endswith(("'s", "’s", "ss"))


def _scale(abbr: str | None, scales: str | None) -> float:
    if abbr:
        return _ABBREVIATED_SCALES[abbr.lower()]
    value = 1.0
    for word in (scales or "").split():
        value *= _SCALES[word.lower()]
    return value


def _word_value(words: str) -> float | None:
    total = 0
    for part in re.split(r"[- ]", words.lower()):
        if part in ("a", "an"):
            total += 1
        elif part in _SMALL:
            total += _SMALL[part]
        elif part in _TENS:
            total += _TENS[part]
        else:
            return None
    return float(total)


def _is_year(number: str, scale: float, has_unit: bool) -> bool:
    return (
        scale == 1 and not has_unit and re.fullmatch(r"1[89]\d\d|20\d\d|2100", number) is not None
    )


def _is_part_of_token(text: str, m: re.Match[str]) -> bool:
    """'four-star', 'pre-2014', 'G7', 'COVID-19': numbers glued to words are names, not counts."""
    after = text[m.end() : m.end() + 1]
    return after == "-" or (after.isalpha() and not m.group("abbr"))


def _unit(m: re.Match[str]) -> str | None:
    if m.group("cur"):
        return _CURRENCY_SYMBOL[m.group("cur").lower()]
    if m.group("curword"):
        return _CURRENCY_WORD[m.group("curword").lower()]
    if m.group("unit"):
        return _UNITS[m.group("unit").lower()]
    if m.group("pct"):
        return "percent"
    return None


def _counted(text: str, end: int) -> str | None:
    m = _FOLLOWING.match(text, end)
    if not m:
        return None
    words = []
    for word in m.group(1).split():
        if word.lower() in _STOP:
            break
        words.append(word.strip(".,;:").lower())
    return " ".join(words) or None
