"""Both engines of the index kernels, for tests that must hold for each."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from newscollate.index import compiled


@contextlib.contextmanager
def numpy_only() -> Iterator[None]:
    """The NumPy and Python code that runs where Numba is missing."""
    saved = compiled.AVAILABLE
    compiled.AVAILABLE = False
    try:
        yield
    finally:
        compiled.AVAILABLE = saved


Engine = Callable[[], contextlib.AbstractContextManager[None]]
ENGINES: list[Engine] = [contextlib.nullcontext, numpy_only]  # compiled (as installed), NumPy
