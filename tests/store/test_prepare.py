"""Batches prepared in the worker process are the batches prepared here."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from multiprocessing import forkserver
from pathlib import Path

import numpy as np
import pytest

import newscollate
from newscollate.config import Settings
from newscollate.ingest import Raw
from newscollate.models import Article, Problem
from newscollate.store.prepare import prepare, prepared


def _batches() -> list[Raw]:
    words = "harbour fire crews Bellmoor council vote rail strike Kyiv grain".split()
    return [
        Raw(
            tuple(
                Article(
                    id=f"b{b}-a{a}" if a != 3 else f"b{b}-a0",  # an id repeated in each batch
                    text=" ".join(words[(a + b + i) % len(words)] for i in range(60 + a)),
                    published="2024-03-0" + str(1 + a % 5),
                )
                for a in range(6)
            ),
            (Problem(f"bad{b}.json", "not JSON"),),
        )
        for b in range(5)
    ]


def test_the_worker_prepares_what_this_process_would() -> None:
    settings = Settings()
    here = [prepare(raw, settings) for raw in _batches()]
    there = list(prepared(_batches(), settings))
    assert len(there) == len(here) == 5
    for a, b in zip(here, there, strict=True):
        assert a.articles == b.articles and a.problems == b.problems and a.read == b.read == 7
        assert [f.text_hash for f in a.features] == [f.text_hash for f in b.features]
        assert all(
            np.array_equal(f.shingles, g.shingles)
            for f, g in zip(a.features, b.features, strict=True)
        )
        assert np.array_equal(a.keys, b.keys) and np.array_equal(a.lead_keys, b.lead_keys)
    reasons = [p.reason for p in here[0].problems]
    assert reasons == ["not JSON", "id repeated within the input; read once"]


def test_a_failure_in_the_worker_reaches_the_caller() -> None:
    """A batch the worker cannot prepare fails the run here with the worker's error,
    after the batches before it (something that is not an article stands in for a
    bug in preparing)."""
    batches = _batches()
    batches[3] = Raw(("not an article",), ())  # type: ignore[arg-type]
    got = []
    with pytest.raises(AttributeError):
        for batch in prepared(batches, Settings()):
            got.append(batch)
    assert len(got) == 3


def test_a_run_that_fails_ends_its_worker(
    tmp_path: Path, embedder: newscollate.SentenceEmbedder
) -> None:
    """When adding stops early (here the progress callback fails after the first
    batch), the worker that was preparing the next batches ends with it."""

    def fail(_: int) -> None:
        raise RuntimeError("stop here")

    articles = [a for raw in _batches() for a in raw.articles]
    with newscollate.Store(tmp_path / "s.db", embedder=embedder) as store:
        with pytest.raises(RuntimeError, match="stop here"):
            store.add(articles, batch_size=6, progress=fail)
        server = forkserver._forkserver._forkserver_pid
        assert server is not None, "the run started a worker"
        deadline = time.monotonic() + 20
        while _children(server) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _children(server) == []
        assert store.count() == 5  # the first batch (one id repeated) was stored before


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def test_a_script_without_a_main_guard_fails_with_the_reason(tmp_path: Path) -> None:
    """The worker imports the calling script, as every multiprocessing child does; a
    script whose top level adds to a store then runs again in the worker, which
    cannot start a worker of its own and dies. The run fails saying why, instead of
    waiting for a batch that never comes."""
    script = tmp_path / "unguarded.py"
    script.write_text(
        "import newscollate\n"
        "from newscollate.models import Article\n"
        "words = 'harbour fire crews Bellmoor council vote rail strike Kyiv grain'.split()\n"
        "articles = [Article(id=f'a{i}', text=' '.join(words[(i + j) % 10] for j in range(40)))\n"
        "            for i in range(30)]\n"
        "with newscollate.Store(':memory:') as store:\n"
        "    store.add(articles, batch_size=10)\n"
    )
    run = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )
    assert run.returncode != 0
    last = run.stderr.strip().splitlines()[-1]
    assert last.startswith("RuntimeError: the worker process that prepares batches stopped")
    assert 'if __name__ == "__main__":' in last


def test_the_first_batch_here_does_not_load_numba(tmp_path: Path) -> None:
    """This process prepares only the first batch, with the NumPy code: loading the
    compiled loops would cost it 0.3 s and 130 MB for one batch. The worker, which
    prepares the rest, loads them (a fresh interpreter: this one may have them)."""
    script = tmp_path / "probe.py"
    script.write_text(
        "import sys\n"
        "from newscollate.config import Settings\n"
        "from newscollate.store.prepare import prepared\n"
        "from tests.store.test_prepare import _batches\n"
        "if __name__ == '__main__':\n"
        "    batches = list(prepared(_batches(), Settings()))\n"
        "    print(len(batches), 'numba' in sys.modules)\n"
    )
    root = Path(__file__).resolve().parents[2]
    run = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True, text=True, timeout=120, cwd=root, check=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    )  # fmt: skip
    assert run.stdout.split() == ["5", "False"]
