"""Alembic environment: Tailor's own tables only, on SQLite (batch mode) and PostgreSQL."""

from __future__ import annotations

from alembic import context

from db.connection import get_engine
from db.migrate import include_object
from db.models import Base

config = context.config


def _settings_url() -> str:
    from settings import load_settings

    return load_settings().database_url


def run_migrations() -> None:
    url = config.get_main_option("sqlalchemy.url") or _settings_url()
    connection = config.attributes.get("connection")
    if connection is None:
        with get_engine(url).connect() as connection:
            _run(connection)
    else:
        _run(connection)


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        include_object=include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()


run_migrations()
