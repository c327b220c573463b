import sqlalchemy as sa

from db.connection import get_engine
from db.migrate import current_revision, downgrade, head_revision, include_object, upgrade
from db.models import Base

APP_TABLES = set(Base.metadata.tables)


def table_names(url: str) -> set[str]:
    return set(sa.inspect(get_engine(url)).get_table_names())


def test_upgrade_creates_every_app_table_and_downgrade_removes_them(database_url):
    upgrade(database_url)
    assert current_revision(database_url) == head_revision(database_url)
    assert APP_TABLES <= table_names(database_url)
    downgrade(database_url, "base")
    assert not (APP_TABLES & table_names(database_url))
    assert current_revision(database_url) is None
    upgrade(database_url)
    assert APP_TABLES <= table_names(database_url)


def test_migrated_schema_matches_the_models(database_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    upgrade(database_url)
    engine = get_engine(database_url)
    with engine.begin() as conn:
        # A foreign table (the existing candidates) must be left alone by autogenerate.
        conn.execute(sa.text("CREATE TABLE people (id INTEGER PRIMARY KEY, cv TEXT)"))
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": include_object})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_one_current_optimized_resume_per_candidate(database_url):
    upgrade(database_url)
    engine = get_engine(database_url)
    insert = sa.text(
        "INSERT INTO optimized_resumes (candidate_id, version, is_current, resume, text, "
        "approved_by, created_at) VALUES (:c, :v, :cur, '{}', 't', 'r', CURRENT_TIMESTAMP)"
    )
    with engine.begin() as conn:
        conn.execute(insert, {"c": "7", "v": 1, "cur": False})
        conn.execute(insert, {"c": "7", "v": 2, "cur": True})
    try:
        with engine.begin() as conn:
            conn.execute(insert, {"c": "7", "v": 3, "cur": True})
    except sa.exc.IntegrityError:
        return
    raise AssertionError("a second current version was accepted")
