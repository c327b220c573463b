"""One exception for every failure a user must see: a stable code plus a one-line message.

The code is what gets stored on a run's row and what tests assert on; the message is what
the recruiter reads. ``transient`` tells the orchestration layer whether retrying the same
work later can succeed (a Gemini 503) or cannot (a corrupt PDF).
"""

from __future__ import annotations


class TailorError(Exception):
    def __init__(self, code: str, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.transient = transient

    def __repr__(self) -> str:
        return f"TailorError({self.code!r}, {self.message!r}, transient={self.transient})"
