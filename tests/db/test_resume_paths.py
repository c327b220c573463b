"""Resume paths from the candidate table are confined (issue 12, item 3): absolute paths
and ../ outside the resume root, symlinks and oversize files are refused before a byte is
read, and no message repeats the path."""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa

from db.candidates import ResumeUnavailable, open_candidate_source
from db.connection import get_engine
from settings import CandidateTable

SECRET = "s3cr3t-password"


@pytest.fixture
def layout(tmp_path):
    """A resume root with one real resume beside a secrets file outside it."""
    root = tmp_path / "resumes"
    (root / "2024").mkdir(parents=True)
    (root / "2024" / "ann.txt").write_text("Ann Example\nann@example.com\nEXPERIENCE\n...")
    outside = tmp_path / "secrets.env"
    outside.write_text(f"admin@corp.example\nPASSWORD={SECRET}\n")
    return root, outside


def _source(url: str, root, paths: dict[str, str]):
    engine = get_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE people (pid TEXT PRIMARY KEY, who TEXT, mail TEXT, "
                             "cv TEXT)"))
        for pid, path in paths.items():
            conn.execute(sa.text("INSERT INTO people VALUES (:p, :p, :p, :cv)"),
                         {"p": pid, "cv": path})
    mapping = CandidateTable(table="people", id="pid", name="who", email="mail", resume="cv",
                             resume_kind="path", format=None, filters={},
                             resume_root=str(root) if root else None)
    return open_candidate_source(url, mapping)


def _refused(source, pid: str, **kwargs) -> ResumeUnavailable:
    with pytest.raises(ResumeUnavailable) as refused:
        source.resume_file(pid, **kwargs)
    return refused.value


def test_a_path_inside_the_root_is_read(sqlite_url, layout):
    root, _ = layout
    source = _source(sqlite_url, root, {"rel": "2024/ann.txt", "abs": str(root / "2024/ann.txt")})
    assert source.resume_file("rel").data.startswith(b"Ann Example")
    assert source.resume_file("abs").declared_format == "text"


@pytest.mark.parametrize("path", ["/etc/passwd", "../secrets.env", "2024/../../secrets.env",
                                  "../../../../../../etc/passwd", "/etc/shadow"])
def test_paths_outside_the_root_are_refused_without_echoing_them(database_url, layout, path):
    root, _ = layout
    error = _refused(_source(database_url, root, {"x": path}), "x")
    assert error.code == "resume_path_refused"
    assert "etc" not in error.message and "secrets" not in error.message
    assert SECRET not in error.message


def test_symlinks_are_refused_even_inside_the_root(sqlite_url, layout):
    root, outside = layout
    (root / "2024" / "link.txt").symlink_to(outside)
    (root / "linked_dir").symlink_to(outside.parent)
    source = _source(sqlite_url, root, {"file": "2024/link.txt", "dir": "linked_dir/secrets.env",
                                        "in": "linked_dir/resumes/2024/ann.txt"})
    for pid in ("file", "dir", "in"):
        error = _refused(source, pid)
        assert error.code == "resume_path_refused" and "symbolic link" in error.message
        assert SECRET not in error.message and "link" not in error.message.split("symbolic")[0]


def test_size_is_checked_with_stat_before_reading(sqlite_url, layout):
    root, _ = layout
    huge = root / "huge.txt"
    with open(huge, "wb") as file:  # sparse: 2 GB on paper, nothing on disk
        file.truncate(2 * 1024 ** 3)
    error = _refused(_source(sqlite_url, root, {"huge": "huge.txt"}), "huge",
                     max_bytes=10 * 1024 * 1024)
    assert error.code == "file_too_large" and "2048.0 MB" in error.message
    assert "huge" not in error.message


def test_missing_files_devices_and_no_root_are_clear_and_pathless(sqlite_url, layout, tmp_path):
    root, _ = layout
    os.mkfifo(root / "pipe")
    source = _source(sqlite_url, root, {"gone": "2024/nobody.txt", "pipe": "pipe",
                                        "dir": "2024"})
    assert _refused(source, "gone").code == "resume_file_missing"
    assert _refused(source, "pipe").code == "resume_path_refused"  # would block a read
    assert _refused(source, "dir").code in ("resume_path_refused", "resume_file_unreadable")
    for pid in ("gone", "pipe", "dir"):
        assert "2024" not in _refused(source, pid).message


def test_without_a_resume_root_every_path_is_refused(tmp_path, layout):
    root, _ = layout
    source = _source(f"sqlite:///{tmp_path / 'c.db'}", None, {"x": str(root / "2024/ann.txt")})
    error = _refused(source, "x")
    assert error.code == "resume_path_refused" and "resume_root" in error.message
