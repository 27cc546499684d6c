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


# --- hard cases ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "counted", "qualifier"),
    [
        pytest.param("between 10-12 people were hurt", "10–12", "people", None, id="range-hyphen"),
        pytest.param("10 to 12 people were hurt", "10–12", "people", None, id="range-to"),
        pytest.param("between 10 and 12 people", "10–12", "people", None, id="range-between"),
        pytest.param(
            "$3-4 billion in damage", "3000000000–4000000000", "USD", None, id="range-money"
        ),
        pytest.param("temperatures of -5 degrees", -5.0, "degrees", None, id="negative"),
        pytest.param("minus 12 degrees overnight", -12.0, "degrees", None, id="minus-word"),
        pytest.param("shares fell to −3.5% on Friday", -3.5, "percent", None, id="unicode-minus"),
        pytest.param("about a dozen boats were lost", 12.0, "boats", "about", id="a-dozen"),
        pytest.param("dozens of sheep were lost", 12.0, "sheep", "dozens", id="dozens"),
        pytest.param("hundreds of homes were flooded", 100.0, "homes", "hundreds", id="hundreds"),
        pytest.param("half a million residents", 5e5, "residents", None, id="half-a-million"),
        pytest.param("half of the homes lost power", 50.0, "percent", None, id="half-of"),
        pytest.param("two and a half million tonnes", 2.5e6, "tonnes", None, id="and-a-half"),
        pytest.param("a 10-year-old boy", 10.0, "years old", None, id="age"),
        pytest.param("a 48-hour walkout", 48.0, "hours", None, id="duration-compound"),
        pytest.param("nearly a quarter of cases", 25.0, "percent", "nearly", id="a-quarter"),
        pytest.param("two-thirds of voters", 66.7, "percent", None, id="two-thirds"),
        pytest.param("some 2000 troops were sent", 2000.0, "troops", "some", id="year-like-count"),
        pytest.param("a crowd of 1,918 fans", 1918.0, "fans", None, id="comma-year-like-count"),
    ],
)
def test_hard_quantities(
    text: str, value: float | str, counted: str | None, qualifier: str | None
) -> None:
    [q] = find_quantities(text)
    assert (q.value if q.high is None else q.range_text, q.unit or q.counted, q.qualifier) == (
        value,
        counted,
        qualifier,
    )


@pytest.mark.parametrize(
    "text",
    [
        "in 2000 troops were sent",  # a year, then a count-like noun: the year wins
        "since 1998 prices have risen",
        "the COVID-19 pandemic",
    ],
)
def test_years_and_compounds_are_not_counts(text: str) -> None:
    assert [q for q in find_quantities(text) if q.value in (2000, 1998, 19, 10)] == []


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        pytest.param("on Wednesday", "2022-12-02", "2022-11-30", id="weekday-previous-month"),
        pytest.param("last week", "2023-01-03", "2022-12-26/2023-01-01", id="last-week-new-year"),
        pytest.param("last month", "2023-01-15", "2022-12", id="last-month-new-year"),
        pytest.param("yesterday", "2024-03-01", "2024-02-29", id="yesterday-leap-day"),
        pytest.param(
            "on December 30", "2023-01-02", "2022-12-30", id="day-without-year-previous-year"
        ),
        pytest.param("three days ago", "2022-12-01", "2022-11-28", id="days-ago"),
    ],
)
def test_relative_dates_cross_month_and_year(text: str, published: str, value: str) -> None:
    [d] = find_dates(text, published)
    assert d.value == value


def test_nested_quote_is_one_quote_of_the_outer_speaker() -> None:
    text = "“He told me ‘we are not leaving’ and he meant it,” said Rosa Imber."
    [q] = find_quotes(text)
    assert text[q.start : q.end].startswith("He told me ‘we are not leaving’")
    assert q.speaker == "Rosa Imber"


def test_nested_straight_quotes_keep_the_outer_quote() -> None:
    text = "\"They kept shouting 'get out now' at us,\" said Omar Hale."
    [q] = find_quotes(text)
    assert q.speaker == "Omar Hale" and "get out now" in text[q.start : q.end]


def test_quote_split_by_its_attribution_gives_both_halves_the_speaker() -> None:
    text = (
        "“We will rebuild the harbour,” Mayor Ines Taberer said, “and we will start this winter.”"
    )
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == [
        "We will rebuild the harbour,",
        "and we will start this winter.",
    ]
    assert [q.speaker for q in quotes] == ["Ines Taberer", "Ines Taberer"]


def test_quote_after_said_that_names_the_subject() -> None:
    text = "Ann Osei said the fire was “the worst the town has ever seen.”"
    [q] = find_quotes(text)
    assert q.speaker == "Ann Osei"
