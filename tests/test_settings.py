from pathlib import Path

import pytest

from settings import ConfigError, load_settings, masked_url

NO_SECRETS = Path("/nonexistent/secrets.toml")


def load(env: dict[str, str], secrets: Path = NO_SECRETS):
    return load_settings(environ=env, secrets_file=secrets)


def test_no_configuration_is_the_embedded_default():
    s = load({})
    assert s.database_url.startswith("sqlite:///") and s.database_url.endswith("var/tailor.db")
    assert s.embedded_redis and s.optimizer == "offline" and s.workers == 2
    assert s.candidates_url == s.database_url


def test_production_urls_are_normalised_to_psycopg3():
    s = load({"DATABASE_URL": "postgres://app:pw@db:5432/tailor", "REDIS_URL": "redis://r:6379/0",
              "GEMINI_API_KEY": "k"})
    assert s.database_url == "postgresql+psycopg://app:pw@db:5432/tailor"
    assert not s.embedded_redis and s.optimizer == "gemini"


@pytest.mark.parametrize("env, names", [
    ({"DATABASE_URL": "not a url"}, ["DATABASE_URL", "not a database URL"]),
    ({"DATABASE_URL": "mysql://u@h/db"}, ["DATABASE_URL", "'mysql' is not supported"]),
    ({"REDIS_URL": "http://x"}, ["REDIS_URL", "redis://"]),
    ({"TAILOR_WORKERS": "many"}, ["TAILOR_WORKERS", "integer"]),
    ({"TAILOR_MAX_ATTEMPTS": "0"}, ["TAILOR_MAX_ATTEMPTS", "greater than or equal to 1"]),
    ({"TAILOR_CANDIDATE_TABLE": "{oops"}, ["TAILOR_CANDIDATE_TABLE", "JSON"]),
    ({"TAILOR_CANDIDATE_TABLE": '{"resume_kind": "url"}'}, ["TAILOR_CANDIDATE_TABLE.resume_kind", "'content' or 'path'"]),
    ({"GEMINI_API_KEY": "k", "GEMINI_MODEL": "gemini-9"}, ["gemini-9", "gemini_prices"]),
])
def test_invalid_settings_name_the_setting_and_the_problem(env, names):
    with pytest.raises(ConfigError) as error:
        load(env)
    for name in names:
        assert name in str(error.value)


def test_secrets_toml_holds_the_candidate_mapping_and_env_wins(tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        'DATABASE_URL = "sqlite:///a.db"\nworkers = 5\n'
        '[candidate_table]\ntable = "people"\nid = "person_id"\nresume = "cv_path"\n'
        'resume_kind = "path"\nfilters = { City = "city" }\n'
    )
    s = load({"DATABASE_URL": "sqlite:///b.db"}, secrets)
    assert s.database_url == "sqlite:///b.db" and s.workers == 5
    assert (s.candidate_table.table, s.candidate_table.id, s.candidate_table.resume_kind) == (
        "people", "person_id", "path")
    assert s.candidate_table.filters == {"City": "city"}


def test_broken_secrets_file_is_reported(tmp_path):
    secrets = tmp_path / "secrets.toml"
    secrets.write_text("workers = [")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load({}, secrets)


@pytest.mark.parametrize("url, shown", [
    ("redis://:hunter2@h:6379/0", "redis://:***@h:6379/0"),
    ("rediss://user:hunter2@h/0", "rediss://user:***@h/0"),
    ("unix:///tmp/r.sock?db=0&password=hunter2", "unix:///tmp/r.sock?db=0&password=***"),
    ("postgresql+psycopg://app:hunter2@db/x", "postgresql+psycopg://app:***@db/x"),
    ("redis://h:6379/0", "redis://h:6379/0"),
])
def test_urls_in_messages_have_their_password_masked(url, shown):
    assert masked_url(url) == shown


@pytest.mark.parametrize("env", [
    {"REDIS_URL": "http://u:hunter2@h/0"},
    {"DATABASE_URL": "mysql://u:hunter2@h/db"},
    {"DATABASE_URL": "postgresql://u:hunter2@h:notaport/db"},
    {"TAILOR_ALLOWED_USERS": "a@x.org", "TAILOR_DEFAULT_ROLE": "hunter2"},
])
def test_a_configuration_error_never_shows_the_value(env):
    with pytest.raises(ConfigError) as error:
        load(env)
    assert "hunter2" not in str(error.value)


def test_allowed_users_are_a_comma_separated_lower_case_list():
    assert load({"TAILOR_ALLOWED_USERS": " Ann@Example.com, example.org ,,"}).allowed_users == [
        "ann@example.com", "example.org"]
    assert load({}).allowed_users == [] and not load({}).allow_unauthenticated_remote
