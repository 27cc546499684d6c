import pytest

from newscollate.ingest.furniture import furniture_rule, parse_byline, recurring_lines


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("• Post author:", "post-meta"),
        ("  • Post category:News", "post-meta"),
        ("• Post comments:0 Comments", "post-meta"),
        ("HTML Image as link", "image-placeholder"),
        (
            "(Cover photo: A harbour at dawn, on May 2, 2024. Photo: Agency/Some Name)",
            "photo-credit",
        ),
        ("Share this article", "share"),
        ("Comments: 0", "comments"),
        ("Advertisement", "advert"),
        ("We use cookies to improve your experience.", "cookies"),
        ("© 2025 The Daily Example. All rights reserved.", "copyright"),
        ("READ MORE: Port reopens after fire", "navigation"),
    ],
)
def test_furniture_lines_match_their_rule(line: str, rule: str) -> None:
    found = furniture_rule(line)
    assert found is not None and found.name == rule


@pytest.mark.parametrize(
    "line",
    [
        "Nothing about the port without the port",
        "The council said comments on the plan would be read before the vote.",
        "A photo of the fire was shared widely on social media, police said.",
        "Share prices fell 4 percent on Tuesday.",
    ],
)
def test_content_lines_are_kept(line: str) -> None:
    """Lines that merely mention furniture words are article content."""
    assert furniture_rule(line) is None


@pytest.mark.parametrize(
    ("line", "author", "published"),
    [
        ("By Ann Lee / 3 March 2025", "Ann Lee", "2025-03-03"),
        ("Sam Okoro / November 20, 2022", "Sam Okoro", "2022-11-20"),
        ("March 3, 2025", None, "2025-03-03"),
        ("By Ann Lee and Tom Rydell", "Ann Lee and Tom Rydell", None),
    ],
)
def test_bylines_become_metadata(line: str, author: str | None, published: str | None) -> None:
    byline = parse_byline(line)
    assert byline is not None
    assert (byline.author, byline.published) == (author, published)


def test_sentences_starting_with_by_are_not_bylines() -> None:
    assert parse_byline("By the time crews arrived, the roof had collapsed.") is None


def test_recurring_lines_need_enough_articles_of_one_outlet() -> None:
    """A line shared by most of one outlet's articles is furniture; the same count
    spread over outlets, or too few articles, is not."""
    sign_off = "Follow the Courier on every platform"
    same_outlet = [("Courier", [f"Story {i} body.", sign_off]) for i in range(4)]
    assert recurring_lines(same_outlet, min_articles=3) == {
        "Courier": frozenset({sign_off.casefold()})
    }
    spread = [(f"Outlet {i}", [sign_off]) for i in range(4)]
    assert recurring_lines(spread, min_articles=3) == {}
    assert recurring_lines(same_outlet[:2], min_articles=3) == {}


@pytest.mark.parametrize(
    ("first", "outlet", "published", "rest"),
    [
        ("PORT ARDLEN — A fire broke out on Monday.", None, None, "A fire broke out on Monday."),
        ("KYIV, Ukraine (AP) — Talks resumed on Friday.", "AP", None, "Talks resumed on Friday."),
        (
            "WASHINGTON, Nov 20, 2022 (Reuters) - The White House said no.",
            "Reuters",
            "2022-11-20",
            "The White House said no.",
        ),
        (
            "Officials said - after a pause - that talks resume.",
            None,
            None,
            "Officials said - after a pause - that talks resume.",
        ),
    ],
)
def test_datelines_become_metadata(
    first: str, outlet: str | None, published: str | None, rest: str
) -> None:
    """A dateline leaves the first sentence; its agency and date fill missing metadata."""
    from newscollate import Article
    from newscollate.ingest.clean import clean

    done = clean(Article(text=f"Headline here\n\n{first}\n\nSecond paragraph follows.", id="x"))
    assert done.text.split("\n\n")[1] == rest
    assert (done.article.outlet, done.article.published) == (outlet, published)


def test_long_photo_led_line_is_content() -> None:
    """A whole article scraped onto one line after 'Photos:' is not a caption."""
    article = (
        "Photos: " + "The council met on Monday to discuss the new harbour wall and its cost. " * 6
    )
    assert furniture_rule(article) is None
    assert furniture_rule("https://courier.example/news/fire-2025") is not None
