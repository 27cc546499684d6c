"""Exceptions raised by newscollate.

Every exception the package raises on purpose derives from one base, so a caller
can catch ``NewscollateError`` and know the message is meant for a user::

    NewscollateError
     ├── InputError        one input (file, record, stdin) could not be used;
     │                     carries ``source`` and ``reason`` separately so a corpus
     │                     run can report it on one line and go on
     ├── ConfigError       a setting has a value outside its range
     └── CompareError      the job as a whole cannot run (fewer than two usable
                           articles): the CLI exits non-zero on it
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newscollate.models import Problem


class NewscollateError(Exception):
    """Base of every error raised on purpose by newscollate."""


class InputError(NewscollateError):
    """An input could not be read or holds no usable article.

    ``source`` names the file, record (``path:line``) or ``-`` for stdin;
    ``reason`` says what was wrong in words a user can act on.
    """

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ConfigError(NewscollateError, ValueError):
    """A setting is out of range; the message names the setting and the value."""


class CompareError(NewscollateError):
    """The comparison cannot run at all, e.g. fewer than two usable articles;
    ``problems`` are the inputs that were skipped (``Problem`` records), so a caller
    can say why each one could not be used."""

    def __init__(self, message: str, problems: tuple[Problem, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems
