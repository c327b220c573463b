"""Engines and sessions for the app database and the candidate database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker


@lru_cache(maxsize=None)
def get_engine(url: str) -> sa.Engine:
    """One engine per URL per process (pages and workers reuse its pool)."""
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"timeout": 30})
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return sa.create_engine(url, pool_pre_ping=True)


@contextmanager
def reading(engine: sa.Engine) -> Iterator[sa.Connection]:
    """A connection for a read of one statement, in autocommit: no BEGIN and ROLLBACK round
    trips around it (an API status poll or submission is mostly such reads)."""
    with engine.connect() as conn:
        yield conn.execution_options(isolation_level="AUTOCOMMIT")


def sessions(url: str) -> sessionmaker[Session]:
    return sessionmaker(get_engine(url), expire_on_commit=False)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets the app read while workers write; foreign keys are off by default in SQLite.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
    # Case-insensitive search beyond ASCII (db.candidates): SQLite's lower() and LIKE fold
    # ASCII only.
    dbapi_connection.create_function("casefold", 1, _casefold, deterministic=True)


def _casefold(value: str | None) -> str | None:
    return value.casefold() if isinstance(value, str) else value
