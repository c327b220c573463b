"""engine.errors: a code raised as TailorError lands in its class, and survives pickling
(RQ stores a failed job's exception)."""

from __future__ import annotations

import pickle

import pytest

from engine.errors import (
    REFUSAL_CODES,
    SERVICE_CODES,
    ApprovalRefused,
    NoRedis,
    Refusal,
    RetryLater,
    ServiceFailure,
    TailorError,
    Transient,
    Unavailable,
)
from engine.extract.documents import extract_document


@pytest.mark.parametrize("code", sorted(REFUSAL_CODES))
def test_a_refusal_code_is_a_refusal(code):
    error = TailorError(code, "fix the file")
    assert isinstance(error, Refusal) and not error.transient
    assert (error.code, error.message, str(error)) == (code, "fix the file", "fix the file")


@pytest.mark.parametrize("code", sorted(SERVICE_CODES))
def test_a_service_code_is_a_service_failure(code):
    assert type(TailorError(code, "no")) is ServiceFailure


def test_transient_flag_gives_a_transient_error_whatever_the_code():
    error = TailorError("gemini_unavailable", "503", transient=True)
    assert type(error) is Transient and error.transient
    assert type(TailorError("corrupt_pdf", "x", transient=True)) is Transient


def test_an_unknown_code_stays_a_plain_tailor_error():
    error = TailorError("something_new", "m")
    assert type(error) is TailorError and not error.transient


def test_the_steps_raise_refusals():
    with pytest.raises(Refusal) as caught:
        extract_document(b"")
    assert caught.value.code == "empty_file"


@pytest.mark.parametrize("error, kind, code", [
    (ApprovalRefused("no reviewer"), Refusal, "approval_refused"),
    (NoRedis("set REDIS_URL"), Unavailable, "redis_unavailable"),
    (RetryLater("again"), Transient, "retry_later"),
])
def test_fixed_code_errors_take_just_a_message(error, kind, code):
    assert isinstance(error, kind) and error.code == code and error.transient == (kind is not Refusal)


@pytest.mark.parametrize("error", [
    TailorError("corrupt_pdf", "damaged"), TailorError("gemini_rate_limited", "429", transient=True),
    NoRedis("set REDIS_URL"), ApprovalRefused("no"),
])
def test_errors_survive_pickling(error):
    again = pickle.loads(pickle.dumps(error))
    assert (type(again), again.code, again.message) == (type(error), error.code, error.message)


def test_every_code_the_engine_raises_has_its_class():
    """A new ``raise TailorError("code", …)`` must be listed in engine.errors (or transient)."""
    import ast
    from pathlib import Path

    unlisted = set()
    for path in (Path(__file__).resolve().parents[2] / "engine").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "TailorError"
                    and node.args and isinstance(node.args[0], ast.Constant)
                    and not any(k.arg == "transient" for k in node.keywords)):
                unlisted.add(node.args[0].value)
    assert unlisted - REFUSAL_CODES - SERVICE_CODES == set()
