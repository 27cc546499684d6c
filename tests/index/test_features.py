"""Article features against their plain definitions."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newscollate.index.features import LEAD_WORDS, article_features
from newscollate.ingest.clean import Cleaned
from newscollate.ingest.normalize import fold
from newscollate.models import Article

_TEXTS = st.lists(
    st.sampled_from(
        ["Harbour", "fire", "’s", "  ", "\n\n", "\t", "\u00a0", "12,000", "—", "Kyiv."]
    ),
    max_size=300,
).map("".join)


@given(st.lists(_TEXTS, min_size=1, max_size=4))
def test_word_count_and_lead_match_their_definitions(texts: list[str]) -> None:
    """The features take shortcuts (a count of spaces, a split that stops early)
    that must equal the whole-text definitions, whatever the white space."""
    batch = [Cleaned(Article(text=t, title="T"), t, ()) for t in texts]
    for text, features in zip(texts, article_features(batch), strict=True):
        assert features.word_count == len(fold(text).split())
        assert features.lead == " ".join(["T.", *text.split()[:LEAD_WORDS]])
