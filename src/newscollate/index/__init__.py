"""Stage: index — candidate pairs for story finding.

Every article gets word-shingle MinHash signatures; banded LSH turns them into
bucket keys, and articles that share a bucket in some band become candidate
pairs for exact verification. Hashing is deterministic across processes and
machines, so keys can be stored and compared later.
"""

from newscollate.index.minhash import (
    SHINGLE_WORDS,
    Banding,
    MinHasher,
    band_keys,
    candidate_pairs,
    containment,
    estimate_jaccard,
    jaccard,
    shingle_hashes,
    shingle_hashes_batch,
)

__all__ = [
    "SHINGLE_WORDS",
    "Banding",
    "MinHasher",
    "band_keys",
    "candidate_pairs",
    "containment",
    "estimate_jaccard",
    "jaccard",
    "shingle_hashes",
    "shingle_hashes_batch",
]
