"""Fact extraction on sentences the tests write."""

from __future__ import annotations

import pytest

from newscollate.facts.dates import find_dates
from newscollate.facts.entities import name_key, translit_key
from newscollate.facts.quantities import find_quantities
from newscollate.facts.quotes import find_quotes


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        pytest.param("losses swelled to twenty million", 20e6, None, None, id="words"),
        pytest.param("losses reached 20 million people", 20e6, "people", None, id="digits"),
        pytest.param(
            "a conflict that killed a million people", 1e6, "people", None, id="a-million"
        ),
        pytest.param("it asked for $38bn in aid", 38e9, "USD", None, id="currency-abbr"),
        pytest.param("it asked for 38 billion dollars", 38e9, "USD", None, id="currency-word"),
        pytest.param("a loss of €2.5m", 2.5e6, "EUR", None, id="euro-m"),
        pytest.param(
            "over about 20 percent of the land", 20.0, "percent", "about", id="hedged-percent"
        ),
        pytest.param("almost 100,000 dead and wounded", 1e5, "dead", "almost", id="hedged-count"),
        pytest.param(
            "more than 60 firefighters", 60.0, "firefighters", "more than", id="more-than"
        ),
        pytest.param("sales rose 12% in May", 12.0, "percent", None, id="percent-sign"),
    ],
)
def test_quantities_are_normalised(
    text: str, value: float, unit: str | None, qualifier: str | None
) -> None:
    [q] = find_quantities(text)
    assert (q.value, q.unit or q.counted, q.qualifier) == (value, unit, qualifier)


@pytest.mark.parametrize(
    "text",
    ["one of the villages", "a four-star general", "the pre-2014 borders", "in 1918 the war ended"],
)
def test_non_quantities_are_ignored(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "published", "value", "qualifier"),
    [
        pytest.param("Milley said Wednesday", "2022-11-20", "2022-11-16", "relative", id="weekday"),
        pytest.param(
            "who said last week", "2022-11-20", "2022-11-07/2022-11-13", "relative", id="last-week"
        ),
        pytest.param("earlier this month", "2022-11-20", "2022-11", "relative", id="this-month"),
        pytest.param("on November 16, 2022", None, "2022-11-16", None, id="absolute"),
        pytest.param("on 3 March 2025", None, "2025-03-03", None, id="day-month-year"),
        pytest.param("last week", None, None, "relative", id="unresolved"),
        pytest.param("a week earlier", "2022-11-20", None, "relative", id="relative-to-an-event"),
    ],
)
def test_dates_resolve_against_publication(
    text: str, published: str | None, value: str | None, qualifier: str | None
) -> None:
    [d] = find_dates(text, published)
    assert (d.value, d.qualifier) == (value, qualifier)


def test_bare_month_takes_the_year_of_its_range() -> None:
    found = find_dates("between August and December 1914", "2022-11-20")
    assert [d.value for d in found] == ["1914-08", "1914-12"]


@pytest.mark.parametrize(
    ("text", "speaker", "attribution"),
    [
        pytest.param(
            '"The roof fell in within the hour," said fire officer Ann Osei.',
            "Ann Osei",
            None,
            id="said-name",
        ),
        pytest.param(
            '"We will rebuild the quay," the mayor, Tom Reyne, told reporters on Monday.',
            None,
            None,
            id="descriptor",
        ),
        pytest.param(
            "“Talks are not likely to succeed soon” – quoted the AFP.",
            None,
            "AFP",
            id="second-hand",
        ),
        pytest.param(
            'Kirby said: "No one is pushing them to the table."', "Kirby", None, id="said-colon"
        ),
        pytest.param(
            'We said it was up to them to decide when," spokesman John Kirby told reporters.',
            "John Kirby",
            None,
            id="lost-opening-mark",
        ),
        pytest.param('"We did what we could for the town," he said.', "he", None, id="pronoun"),
    ],
)
def test_quotes_and_speakers(text: str, speaker: str | None, attribution: str | None) -> None:
    [q] = find_quotes(text)
    assert (q.speaker, q.attribution) == (speaker, attribution)


def test_quote_spanning_sentences_is_one_quote() -> None:
    text = "“I don’t think it’s rushed. I think he’s careful. Both sides see a way,” said Ann Lee."
    [q] = find_quotes(text)
    assert text[q.start : q.end].startswith("I don’t") and text[q.start : q.end].endswith("way,")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Zelensky", "Zelenskyy"),
        ("Zelenskyi", "Zelensky"),
        ("Gen. Mark Milley's", "Mark Milley"),
        ("U.S.", "US"),
        ("Kiev", "Kyiv"),
    ],
)
def test_spellings_of_one_name_share_a_key(a: str, b: str) -> None:
    assert translit_key(name_key(a)) == translit_key(name_key(b))
