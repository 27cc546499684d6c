"""The app over a store of the seeds and the bundled examples, with the session's model."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import newscollate
from newscollate.serve import ServeConfig, create_app
from tests.conftest import SEEDS
from tests.serve.live import build_store

MakeClient = Callable[..., TestClient]


@pytest.fixture(scope="session")
def built_store(
    tmp_path_factory: pytest.TempPathFactory, embedder: newscollate.SentenceEmbedder
) -> Path:
    return build_store(tmp_path_factory.mktemp("serve") / "built.db", embedder)


@pytest.fixture
def store_copy(built_store: Path, tmp_path: Path) -> Path:
    """A copy of the built store that a test may change."""
    path = tmp_path / "store.db"
    shutil.copy(built_store, path)
    return path


@pytest.fixture
def make_client(store_copy: Path, embedder: newscollate.SentenceEmbedder) -> Iterator[MakeClient]:
    """``make_client(read_only=True, ...)``: a TestClient of the app over ``store_copy``."""
    clients: list[TestClient] = []

    def make(**options: object) -> TestClient:
        config = ServeConfig(store=store_copy, warm_up=False, **options)  # type: ignore[arg-type]
        client = TestClient(create_app(config, embedder=embedder))
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    return make_client()


@pytest.fixture(scope="session")
def seed_texts() -> list[tuple[str, str]]:
    """The seed pair as (file name, text), read from ../shared/seeds at test time."""
    paths = sorted(SEEDS.glob("*.txt"))
    assert len(paths) == 2, f"expected the two seed articles in {SEEDS}"
    return [(p.name, p.read_text(encoding="utf-8")) for p in paths]
