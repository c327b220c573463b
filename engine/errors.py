"""The engine's one error tree: every failure a user sees is a ``TailorError``.

    TailorError(code, message)      a stable code (stored on the run's row, asserted by
    │                               tests) and a one-line message the recruiter reads
    ├── Refusal                     the input cannot be used as it is; the user must fix it
    │   │                           (a damaged or unsupported file, a too-short posting)
    │   └── ApprovalRefused         only a ready run, with a reviewer named, is approved
    ├── ServiceFailure              the optimizer's service failed for this resume and
    │   │                           asking again will not help (blocked, cut off, quota)
    │   └── UnusableAnswer          Gemini answered, but not with a valid edit list
    └── Transient                   the same work can succeed later: retry it
        ├── Unavailable             a service Tailor needs is unreachable (Redis, the
        │   └── NoRedis             shared rate limit): no Redis configured or running
        └── RetryLater              raised out of an RQ job so RQ's ``Retry`` runs it again

Callers catch one class: ``Transient`` to requeue, ``TailorError`` to fail a run or to
show a refusal. Configuration problems are ``settings.ConfigError``; the database
layer's are under ``db.errors``.

Code that raises ``TailorError(code, message)`` gets the subclass its code belongs to
(``REFUSAL_CODES``, ``SERVICE_CODES``; ``transient=True`` gives a ``Transient``), so the
steps raise by code and the classes stay listed here, in one place.
"""

from __future__ import annotations

from typing import Any

# Bad input: the file or the posting must change before tailoring can work.
REFUSAL_CODES = frozenset({
    "empty_file", "file_too_large", "format_mismatch", "unsupported_format", "legacy_doc",
    "encrypted_pdf", "encrypted_docx", "corrupt_pdf", "corrupt_docx", "zip_bomb",
    "too_many_pages", "unknown_encoding", "no_text_layer", "garbled", "too_short",
    "job_description_empty", "job_description_too_short", "approval_refused",
    "gemini_not_configured", "resume_too_complex", "resume_path_refused",
})
# The optimizer's service said no for good (transient service codes come with transient=True).
SERVICE_CODES = frozenset({
    "gemini_blocked", "gemini_truncated", "gemini_bad_response", "gemini_quota_exhausted",
    "gemini_rejected", "gemini_unreachable",
})


class TailorError(Exception):
    """A failure a user sees: ``code`` for machines, ``message`` for the recruiter."""

    def __new__(cls, code: str = "", message: str = "", *, transient: bool = False,
                **_: Any) -> TailorError:
        if cls is TailorError:  # raised by code: take the class the code belongs to
            cls = Transient if transient else _class_for(code)
        return super().__new__(cls)

    def __init__(self, code: str, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    @property
    def transient(self) -> bool:
        """Whether retrying the same work later can succeed."""
        return isinstance(self, Transient)

    def __reduce__(self) -> tuple[Any, ...]:
        # RQ pickles a job's exception; rebuild it from both fields, not just the message.
        return (_rebuild, (type(self), self.code, self.message))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {self.message!r})"


class Refusal(TailorError):
    """Bad input the user must fix; retrying cannot help."""


class ServiceFailure(TailorError):
    """The optimizer's service failed for this resume; retrying cannot help."""


class Transient(TailorError):
    """Retrying the same work later can succeed."""


class Unavailable(Transient):
    """A service Tailor needs is unreachable."""


class _FixedCode:
    """A class whose instances all carry one code: raised with just a message."""

    code: str

    def __init__(self, message: str) -> None:
        TailorError.__init__(self, type(self).code, message)  # type: ignore[arg-type]


class ApprovalRefused(_FixedCode, Refusal):
    code = "approval_refused"


class UnusableAnswer(_FixedCode, ServiceFailure):
    code = "gemini_bad_response"


class NoRedis(_FixedCode, Unavailable):
    code = "redis_unavailable"


class RetryLater(_FixedCode, Transient):
    code = "retry_later"


def _class_for(code: str) -> type[TailorError]:
    if code in REFUSAL_CODES:
        return Refusal
    if code in SERVICE_CODES:
        return ServiceFailure
    return TailorError


def _rebuild(cls: type[TailorError], code: str, message: str) -> TailorError:
    error = Exception.__new__(cls)
    TailorError.__init__(error, code, message)
    return error
