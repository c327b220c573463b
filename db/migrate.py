"""Schema migrations with Alembic: ``python -m db.migrate [upgrade|downgrade REV|current]``."""

from __future__ import annotations

import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from db.connection import get_engine
from db.models import Base
from settings import exit_on_config_error, load_settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic's filter: a reflected table that is not ours (the existing candidate table,
    when it shares the database) never appears in autogenerate, so it is never dropped."""
    return not (type_ == "table" and reflected and name not in Base.metadata.tables)


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


def current_revision(url: str) -> str | None:
    with get_engine(url).connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision(url: str) -> str | None:
    return ScriptDirectory.from_config(alembic_config(url)).get_current_head()


def main(argv: list[str]) -> int:
    with exit_on_config_error():
        url = load_settings().database_url
    action = argv[0] if argv else "upgrade"
    if action == "upgrade":
        upgrade(url, argv[1] if len(argv) > 1 else "head")
    elif action == "downgrade" and len(argv) == 2:
        downgrade(url, argv[1])
    elif action == "current":
        print(current_revision(url))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
