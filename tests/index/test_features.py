"""Article features against their plain definitions."""

from __future__ import annotations

from hashlib import blake2b

from hypothesis import given
from hypothesis import strategies as st

from newscollate.index.features import LEAD_WORDS, article_features
from newscollate.ingest.clean import Cleaned
from newscollate.ingest.normalize import fold
from newscollate.models import Article
from tests.index.engines import ENGINES

_TEXTS = st.lists(
    st.sampled_from(
        ["Harbour", "fire", "’s", "  ", "\n\n", "\t", "\u00a0", "12,000", "—", "Kyiv."]
    ),
    max_size=300,
).map("".join)


_ASCII_TEXTS = st.lists(
    st.sampled_from(["Fire", "it's", " ", "  ", "\n\n", "\t", "\r", "\x0b", "\x1c", "\x1f", "`"]),
    max_size=60,
).map("".join) | st.text(st.characters(max_codepoint=127), max_size=80)


@given(st.lists(_TEXTS | _ASCII_TEXTS, min_size=1, max_size=4))
def test_text_hash_word_count_and_lead_match_their_definitions(texts: list[str]) -> None:
    """The features take shortcuts (white space collapsed without a string per word,
    a split that stops early) that must equal the whole-text definitions, whatever
    the white space, with the compiled kernels and without."""
    batch = [Cleaned(Article(text=t, title="T"), t, ()) for t in texts]
    for engine in ENGINES:
        with engine():
            for text, features in zip(texts, article_features(batch), strict=True):
                folded = fold(text)
                assert features.text_hash == blake2b(folded.encode(), digest_size=16).hexdigest()
                assert features.word_count == len(folded.split())
                assert features.lead == " ".join(["T.", *text.split()[:LEAD_WORDS]])
