"""Killing ``index add`` mid-run loses at most the batch in flight and never corrupts the store."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

ARTICLES = 4000
BATCH = 100


def _corpus(path: Path) -> None:
    rng = random.Random(3)
    vocabulary = [f"w{n}" for n in range(5000)]
    weights = [1 / (n + 1) for n in range(5000)]  # Zipfian
    with path.open("w", encoding="utf-8") as fh:
        for n in range(ARTICLES):
            text = " ".join(rng.choices(vocabulary, weights, k=250))
            fh.write(json.dumps({"id": f"a{n:05d}", "text": text}) + "\n")


def _count(db: Path) -> int:
    try:
        con = sqlite3.connect(db, timeout=5)
        try:
            return int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
        finally:
            con.close()
    except sqlite3.OperationalError:
        return 0  # not created yet


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


def _alive(pid: int) -> bool:
    """Running, and not a zombie waiting for a parent to reap it."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def test_kill_mid_ingest_then_resume(tmp_path: Path) -> None:
    corpus, db = tmp_path / "corpus.jsonl", tmp_path / "store.db"
    _corpus(corpus)
    command = [sys.executable, "-m", "newscollate", "index", "add", str(corpus),
               "--store", str(db), "--batch-size", str(BATCH), "-q"]  # fmt: skip
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while _count(db) < 3 * BATCH and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "the run ended before it could be killed; make the corpus larger"
    helpers = _descendants(process.pid)  # the worker that prepares batches, and its server
    assert helpers, "batches are prepared in a worker process"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 30
    while any(_alive(p) for p in helpers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [p for p in helpers if _alive(p)], "the worker outlived the killed process"

    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 0 < stored < ARTICLES and stored % BATCH == 0  # whole batches only
    assert (
        con.execute(
            "SELECT count(*) FROM band_keys WHERE article NOT IN (SELECT rowid FROM articles)"
        ).fetchone()[0]
        == 0
    )
    con.close()

    resumed = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert resumed.returncode == 0, resumed.stderr
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (
        ARTICLES,
        ARTICLES,
    )
