"""newscollate: which news articles tell the same story, and how their versions differ.

The public API; the CLI and the web app call only what is exported here.
"""

from newscollate.config import Columns, Settings
from newscollate.errors import CompareError, ConfigError, InputError, NewscollateError
from newscollate.ingest.sources import read_bytes, read_record
from newscollate.models import (
    SCHEMA,
    Article,
    Check,
    Comparison,
    Document,
    Entity,
    Fact,
    Group,
    PairVerdict,
    Problem,
    Sentence,
)
from newscollate.pipeline import compare
from newscollate.represent import Embedder, HashingEmbedder, SentenceEmbedder, default_embedder
from newscollate.store import (
    MAX_STORY_VERSIONS,
    AddSummary,
    Store,
    StoredArticle,
    StoryInfo,
    StoryLink,
    dedup,
    story_versions,
)

__version__ = "0.1.0"

__all__ = [
    "MAX_STORY_VERSIONS",
    "SCHEMA",
    "AddSummary",
    "Article",
    "Check",
    "Columns",
    "CompareError",
    "Comparison",
    "ConfigError",
    "Document",
    "Embedder",
    "Entity",
    "Fact",
    "Group",
    "HashingEmbedder",
    "InputError",
    "NewscollateError",
    "PairVerdict",
    "Problem",
    "Sentence",
    "SentenceEmbedder",
    "Settings",
    "Store",
    "StoredArticle",
    "StoryInfo",
    "StoryLink",
    "__version__",
    "compare",
    "dedup",
    "default_embedder",
    "read_bytes",
    "read_record",
    "story_versions",
]
