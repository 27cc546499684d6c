"""A real server for tests and benchmarks: the app under uvicorn on a free loopback port,
in a background thread, and a story store built from the seeds and the bundled examples."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from types import TracebackType

import uvicorn
from fastapi import FastAPI

import newscollate
from tests.conftest import ROOT, SEEDS


def build_store(path: Path, embedder: newscollate.Embedder) -> Path:
    """The seed pair and every bundled example, indexed into a fresh store."""
    with newscollate.Store(path, embedder=embedder) as store:
        summary = store.add([SEEDS, ROOT / "examples"])
    if summary.problems or summary.added < 120:
        raise AssertionError(f"the test store did not build: {summary}")
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """``with LiveServer(app) as url:`` serves ``app`` until the block ends."""

    def __init__(self, app: FastAPI) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 120  # the app warms its model up before it serves
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.05)
        return self.url

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)
