"""Both engines of the index kernels, for tests that must hold for each."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from newscollate.index import compiled

Engine = Callable[[], contextlib.AbstractContextManager[None]]
# compiled (as installed), then the NumPy and Python code that runs without Numba
ENGINES: list[Engine] = [contextlib.nullcontext, compiled.numpy_only]
