"""Numbers, amounts and percentages, normalised, with their hedge and what they count.

"twenty million", "20 million" and "20m" all become 20,000,000; "a million" is
1,000,000; "$38bn", "$38 billion" and "38 billion dollars" are 38e9 USD. The
hedge ("about", "almost", "more than", ...) is kept apart from the value, so
"almost 100,000" and "100,000" are the same number with a different qualifier.
Four-digit years are dates, not quantities (see ``dates``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
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
_PATTERN = re.compile(
    rf"(?<![\w$€£¥.,-])(?:(?P<hedge>{HEDGES})\s+)?"
    r"(?P<cur>US\$|[$€£¥])?\s?"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|{_WORD_NUMBER}\b)"
    r"(?:(?P<abbr>bn|mn|mln|tn|[kmb])\b|(?P<scales>(?:\s+(?:hundred|thousand|million|billion|trillion))+))?"
    r"(?:\s*(?P<pct>%)|\s*(?P<unit>percent|per cent|percentage points|tonnes|tons|kilometres|"
    r"kilometers|km/h|km|miles|metres|meters|kilograms|kg|litres|mph|degrees)\b)?"
    r"(?:\s+(?P<curword>dollars|dollar|euros|euro|pounds|pound|yen|usd|eur|gbp)\b)?",
    re.IGNORECASE,
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
    value: float
    unit: str | None  # "percent", a currency code, a measure, or None for a count
    qualifier: str | None  # the hedge, folded
    counted: str | None  # the words after the number: "dead", "battlefield deaths"
    spelled: bool  # written in words ("twenty million")


def find_quantities(text: str) -> list[Quantity]:
    found = []
    for m in _PATTERN.finditer(text):
        number = m.group("num")
        word_number = not number[0].isdigit()
        scale = _scale(m.group("abbr"), m.group("scales"))
        if word_number:
            base = _word_value(number)
            if base is None or (number.lower() in ("a", "an") and scale == 1):
                continue
        else:
            base = float(number.replace(",", ""))
        has_unit = bool(m.group("cur") or m.group("unit") or m.group("curword") or m.group("pct"))
        if _is_year(number, scale, has_unit) or _is_part_of_token(text, m):
            continue
        counted = _counted(text, m.end())
        if word_number and scale == 1 and not has_unit and not (counted and base >= 2):
            continue  # "one of the villages", "a four-star general": not a fact
        unit = _unit(m)
        hedge = m.group("hedge").lower() if m.group("hedge") else None
        if hedge in ("over", "under") and counted and counted.split()[0] in _TIME_UNITS:
            hedge = None  # "over five years" is a span of time, not "more than five"
        start = (
            m.start("hedge")
            if m.group("hedge")
            else m.start("cur")
            if m.group("cur")
            else m.start("num")
        )
        found.append(
            Quantity(
                start,
                m.end(),
                base * scale,
                unit,
                hedge,
                counted,
                word_number,
            )
        )
    return found


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
