"""A wall-time and memory budget for reading one resume, enforced in a child process.

A file inside the byte and page limits can still cost minutes or gigabytes to read (a
PDF of a million tiny text operators, a stream that inflates to gigabytes). The worker
runs extraction and parsing in a forked child with an address-space limit and waits at
most ``seconds`` for it: a child that runs out of time is killed, one that runs out of
memory dies or raises ``MemoryError``, and either way the run fails with
``resume_too_complex`` while the worker (the child's parent) lives on.

The work horse has already loaded spaCy and the readers (the worker warms them up), so a
fork costs milliseconds, not a model load.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import sys
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from engine.errors import TailorError

T = TypeVar("T")
TOO_COMPLEX = "resume_too_complex"


@dataclass(frozen=True)
class Budget:
    seconds: float = 60.0
    memory_mb: int = 1024

    @classmethod
    def from_settings(cls, settings) -> Budget:
        return cls(seconds=settings.parse_seconds, memory_mb=settings.parse_memory_mb)


def too_complex(reason: str) -> TailorError:
    return TailorError(TOO_COMPLEX, f"This resume is too complex to read: it {reason}.")


def within_budget(budget: Budget, work: Callable[..., T], *args: Any,
                  start_method: str = "fork") -> T:
    """``work(*args)`` run in a forked child within ``budget``; its TailorError is raised
    here, ``resume_too_complex`` when it runs out of time or memory. ``start_method``
    "forkserver" forks from a clean single-threaded server instead: for a parent with
    threads (Streamlit, uvicorn), where a plain fork can copy a lock another thread held
    and the child then waits on it for ever (``work`` and ``args`` must pickle)."""
    context = multiprocessing.get_context(start_method)
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, budget.memory_mb, work, args),
                            daemon=True)
    with _blank_main(start_method):
        child.start()
    send.close()
    try:
        if not receive.poll(budget.seconds):
            raise too_complex(f"took longer than {budget.seconds:g} s")
        try:
            kind, value = receive.recv()
        except (EOFError, OSError):  # the child died: killed by the kernel or by malloc
            raise too_complex(f"needed more than {budget.memory_mb} MB of memory") from None
    finally:
        child.kill()
        child.join()
        receive.close()
    if kind == "error":
        raise value
    if kind == "crash":
        raise RuntimeError(value)
    return value


@contextmanager
def _blank_main(start_method: str) -> Iterator[None]:
    """A fork-server or spawned child re-runs the parent's ``__main__`` from its file:
    under Streamlit that is the page script (under AppTest a temporary one), which must
    not run again in a renderer. Such a child starts with a blank ``__main__``."""
    if start_method == "fork":
        yield
        return
    saved = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if saved is not None:
            sys.modules["__main__"] = saved


def _child(send, memory_mb: int, work: Callable[..., Any], args: tuple) -> None:
    limit_memory(memory_mb)
    message = answer(work, args, memory_mb)
    try:
        send.send(message)
    except MemoryError:
        send.send(("error", too_complex(f"needed more than {memory_mb} MB of memory")))
    send.close()


def limit_memory(memory_mb: int) -> None:
    """This (forked) process may map ``memory_mb`` more than it maps now (spaCy, PyMuPDF)."""
    limit = _mapped_bytes() + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def answer(work: Callable[..., Any], args: tuple, memory_mb: int) -> tuple[str, Any]:
    """What a child sends back for ``work(*args)``: ("ok", value), ("error", TailorError)
    or ("crash", description)."""
    try:
        return ("ok", work(*args))
    except MemoryError:
        return ("error", too_complex(f"needed more than {memory_mb} MB of memory"))
    except TailorError as error:
        return ("error", error)
    except Exception as error:  # noqa: BLE001 - reported to the parent, which fails the run
        return ("crash", f"{type(error).__name__}: {error}")


def _mapped_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
