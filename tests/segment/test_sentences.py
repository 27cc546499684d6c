import pytest

from newscollate.segment import split_sentences


def _texts(text: str) -> list[tuple[str, bool]]:
    return [(text[s.start : s.end], s.heading) for s in split_sentences(text)]


def test_offsets_cover_the_text_exactly() -> None:
    text = "Port fire\n\nCrews fought the fire. Nobody was hurt.\n\nTalks resume"
    spans = split_sentences(text)
    assert [text[s.start : s.end] for s in spans] == [
        "Port fire",
        "Crews fought the fire.",
        "Nobody was hurt.",
        "Talks resume",
    ]


def test_headings_are_marked() -> None:
    """Short lines without final punctuation are headings; body lines are not."""
    text = "Harbour fire destroys grain store\n\nThe fire started at noon. It burned for hours.\n\nResidents allowed home\n\nThey returned at six."
    assert [h for _, h in _texts(text)] == [True, False, False, True, False]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "U.S. Gen. Mark Reyes said Monday that U.S. aid held.", 1, id="titles-and-acronyms"
        ),
        pytest.param("Aid came from the U.S. The port reopened.", 2, id="acronym-at-sentence-end"),
        pytest.param('"It was a huge fire," Dr. Ann Lee said. "We were lucky."', 2, id="quotes"),
        pytest.param('"We saw ... Crimea, and more," he said.', 1, id="ellipsis-in-quote"),
        pytest.param("It cost $4.5 million. Insurers will pay 2.5 percent.", 2, id="decimals"),
        pytest.param("J. R. Smith spoke at 10 a.m. on Monday.", 1, id="initials"),
        pytest.param(
            "Is it safe? Officials said yes! Residents went home.", 3, id="question-exclamation"
        ),
    ],
)
def test_sentence_boundaries(text: str, expected: int) -> None:
    assert len(split_sentences(text)) == expected


def test_scraper_broken_line_is_joined() -> None:
    """A line cut mid-sentence by a scraper continues on the next, lower-case line."""
    text = "You must negotiate from strength. The army holds the ground\n\nargued the general.\n\nNext paragraph here."
    assert _texts(text) == [
        ("You must negotiate from strength.", False),
        ("The army holds the ground\n\nargued the general.", False),
        ("Next paragraph here.", False),
    ]


def test_unmarked_quote_joins_its_attribution() -> None:
    """A quote whose marks the scraper lost ends without punctuation; the short
    attribution line after it belongs to its last sentence."""
    text = "No deal is peace. A bad compromise brings new bloodshed\n\nThe president said at a forum.\n\nTalks go on."
    assert _texts(text)[1] == (
        "A bad compromise brings new bloodshed\n\nThe president said at a forum.",
        False,
    )


def test_heading_before_an_attribution_stays_a_heading() -> None:
    text = "Residents allowed home\n\nThe mayor said residents could return at six.\n\nThey did."
    assert _texts(text)[0] == ("Residents allowed home", True)


def test_hard_wrapped_text_is_unwrapped() -> None:
    """Fixed-width plain text: single newlines are not sentence or heading breaks."""
    para = (
        "The council voted on Tuesday to approve the new harbour wall after a debate that\n"
        "lasted for more than three hours and drew residents from across the coastal\n"
        "district, many of whom had opposed earlier plans for the same stretch of shore\n"
        "because of the cost and the years of building work that the project would need\n"
        "before any of its promised protection against winter storms would take effect\n"
        "for the homes along the seafront road and the boatyards at its northern end.\n"
    )
    spans = split_sentences(para + "\n" + para)
    assert len(spans) == 2
    assert not any(s.heading for s in spans)
