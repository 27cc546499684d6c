"""Both engines of the index kernels, for tests that must hold for each."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from newscollate.index import compiled

Engine = Callable[[], contextlib.AbstractContextManager[None]]
# compiled (ahead of time, as installed), compiled just in time (where the module
# cannot be built), then the NumPy and Python code that runs without Numba
ENGINES: list[Engine] = [contextlib.nullcontext, compiled.just_in_time, compiled.numpy_only]
