"""The database layer's one error tree: callers catch ``StoreError`` (or one subclass).

    StoreError                  the database layer refused or could not do something
    ├── NotFound                a batch, run or job description that does not exist
    │                           (also a LookupError, for callers that map it to a 404)
    ├── RunStateError           an action refused for a run's current state
    ├── CandidateMappingError   the configured candidate-table mapping does not match
    │                           the database
    └── ResumeUnavailable       a candidate's resume cannot be read (``code`` is stored
                                on the run's row)

Each message is written for the person who sees it.
"""

from __future__ import annotations


class StoreError(Exception):
    """A refusal or failure of the database layer; the message says why."""


class NotFound(StoreError, LookupError):
    """The row asked for does not exist."""


class RunStateError(StoreError):
    """An action refused for the run's current state; the message says why."""


class CandidateMappingError(StoreError):
    """The configured mapping does not match the database."""


class ResumeUnavailable(StoreError):
    """A candidate's resume cannot be read; ``code`` is stored on the run's row."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
