"""Resume files named by a path in the candidate table, read only inside a resume root.

The path comes from a database row, so it is untrusted: it must resolve inside the
configured root (no ``/etc/passwd``, no ``../``), no component may be a symbolic link,
the size is checked with ``fstat`` on the opened file before a byte is read, and no
error message repeats the path (a page or CSV must not learn what exists on the server).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from db.errors import ResumeUnavailable

_REFUSED = "This candidate's resume path is outside the resume folder Tailor may read."


def read_confined(path_value: str, root: str | None, max_bytes: int | None) -> bytes:
    """The bytes of the file at ``path_value`` (relative to ``root`` or absolute inside it);
    ResumeUnavailable with a code and a message without the path otherwise."""
    if not root:
        raise ResumeUnavailable("resume_path_refused", "Resume files are read only from a "
                                "configured resume folder (candidate_table.resume_root), and "
                                "none is set.")
    base = Path(root).resolve()
    candidate = Path(os.path.normpath(base / path_value))  # lexical: ../ cannot climb out
    if "\x00" in path_value or not candidate.is_relative_to(base):
        raise ResumeUnavailable("resume_path_refused", _REFUSED)
    if _has_symlink(base, candidate):
        raise ResumeUnavailable("resume_path_refused",
                                "This candidate's resume path is a symbolic link; Tailor "
                                "reads only regular files.")
    try:
        fd = os.open(candidate, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise ResumeUnavailable("resume_file_missing",
                                "This candidate's resume file is not there.") from None
    except OSError as error:
        raise ResumeUnavailable("resume_file_unreadable", "This candidate's resume file "
                                f"cannot be read ({error.strerror}).") from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):  # a folder, a pipe that would block, a device
        os.close(fd)
        raise ResumeUnavailable("resume_path_refused",
                                "This candidate's resume path is not a regular file.")
    with os.fdopen(fd, "rb") as file:
        if max_bytes is not None and info.st_size > max_bytes:
            raise ResumeUnavailable("file_too_large", f"The resume file is "
                                    f"{info.st_size / 1048576:.1f} MB; the limit is "
                                    f"{max_bytes / 1048576:.1f} MB.")
        # Read at most one byte past the limit: a file growing after the stat is caught too.
        data = file.read(max_bytes + 1 if max_bytes is not None else -1)
    if max_bytes is not None and len(data) > max_bytes:
        raise ResumeUnavailable("file_too_large", "The resume file grew past the size limit "
                                "while it was read.")
    if not data:
        raise ResumeUnavailable("resume_empty", "This candidate's resume file is empty.")
    return data


def _has_symlink(base: Path, candidate: Path) -> bool:
    """Whether any component from ``base`` down to ``candidate`` is a symbolic link."""
    current = base
    for part in candidate.relative_to(base).parts:
        current = current / part
        if current.is_symlink():
            return True
    return False
