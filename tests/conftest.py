"""Shared fixtures. The model is the real all-MiniLM-L6-v2, loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

import newscollate

# Hypothesis's default 200 ms deadline per example is a timing test in disguise: it
# failed the brute-force candidate tests while a benchmark shared the machine.
# Speed is measured under bench/, never here.
settings.register_profile("newscollate", deadline=None)
settings.load_profile("newscollate")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLE = ROOT / "examples" / "harbour-fire"


@pytest.fixture(scope="session")
def embedder() -> newscollate.SentenceEmbedder:
    return newscollate.default_embedder()


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    paths = sorted(SEEDS.glob("*.txt"))
    if len(paths) != 2:
        pytest.fail(f"expected the two seed articles in {SEEDS}, found {len(paths)}")
    return paths


@pytest.fixture(scope="session")
def seeds(seed_paths: list[Path], embedder: newscollate.SentenceEmbedder) -> newscollate.Comparison:
    return newscollate.compare(seed_paths, embedder=embedder)


@pytest.fixture(scope="session")
def example(embedder: newscollate.SentenceEmbedder) -> newscollate.Comparison:
    return newscollate.compare([EXAMPLE], embedder=embedder)
