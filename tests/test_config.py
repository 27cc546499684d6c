import pytest

from newscollate import ConfigError, Settings


@pytest.mark.parametrize(
    ("field", "value"),
    [
        pytest.param("link_threshold", 1.5, id="threshold-above-1"),
        pytest.param("semantic_weight", -0.1, id="weight-negative"),
        pytest.param("max_input_bytes", 0, id="zero-bytes"),
        pytest.param("outlet_furniture_min_articles", 1, id="one-article-outlet"),
        pytest.param("same_story_cosine", 0.3, id="model-bar-below-the-meaning-search"),
        pytest.param("same_story_cosine", 1.2, id="model-bar-above-1"),
        pytest.param("names_credit", -0.1, id="negative-names-credit"),
    ],
)
def test_out_of_range_settings_name_the_field(field: str, value: float) -> None:
    """A bad setting raises ConfigError whose message names the field and the value."""
    with pytest.raises(ConfigError, match=field):
        Settings(**{field: value})


def test_settings_are_keyword_only() -> None:
    """Positional settings would silently shift meaning when a field is added."""
    with pytest.raises(TypeError):
        Settings(0.5)  # type: ignore[misc]
