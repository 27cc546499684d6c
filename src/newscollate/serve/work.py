"""Where blocking work runs: worker threads, never the event loop.

A comparison is seconds of CPU (the model, spaCy, alignment), so comparisons
take a slot of a limiter sized to the cores: more at once would only thrash the
caches and finish later, and a queue of waiting requests costs no memory. Store
reads are short and wait on SQLite more than on the CPU; they use anyio's
default thread pool.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import anyio
import anyio.to_thread
from starlette.requests import Request

if TYPE_CHECKING:
    from newscollate.serve.service import Service

P = ParamSpec("P")
T = TypeVar("T")


class Runner:
    def __init__(self, cpu_slots: int | None = None) -> None:
        self.cpu_slots = cpu_slots or os.cpu_count() or 1
        self._limiter: anyio.CapacityLimiter | None = None

    @property
    def limiter(self) -> anyio.CapacityLimiter:
        # made on first use: a limiter belongs to the event loop that runs the app
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.cpu_slots)
        return self._limiter

    async def cpu(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``fn`` in a worker thread, at most ``cpu_slots`` at once."""
        return await anyio.to_thread.run_sync(
            functools.partial(fn, *args, **kwargs), limiter=self.limiter
        )

    async def io(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``fn`` in a worker thread of the default pool."""
        return await anyio.to_thread.run_sync(functools.partial(fn, *args, **kwargs))


def runner_of(request: Request) -> Runner:
    """The app's runner (``create_app`` keeps it in the app's state)."""
    runner: Runner = request.app.state.runner
    return runner


def service_of(request: Request) -> Service:
    """The app's service (``create_app`` keeps it in the app's state)."""
    service: Service = request.app.state.service
    return service
