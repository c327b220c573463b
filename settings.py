"""All of Tailor's configuration, in one place.

Values come from ``.streamlit/secrets.toml`` (lower-case keys) and environment variables
(upper-case, which win). ``load_settings`` validates everything at start-up and raises a
``ConfigError`` whose message names the setting and what is wrong with it. Every command
(launcher, ``python -m engine``, ``db.migrate``, ``demo.seed``) reports one the same way:
``exit_on_config_error`` prints it as one line on stderr and exits with status 2.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import sqlalchemy as sa
from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

ROOT = Path(__file__).resolve().parent
# Absolute, so the launcher hands its children (started in ROOT) the folder it means; it
# need not exist yet (the launcher creates it). An empty TAILOR_VAR_DIR means the default.
VAR_DIR = Path(os.environ.get("TAILOR_VAR_DIR") or ROOT / "var").expanduser().absolute()
SECRETS_FILE = ROOT / ".streamlit" / "secrets.toml"
QUEUE_NAME = "tailor"
_PASSWORD_PARAM = re.compile(r"((?:^|&)password=)[^&]*", re.IGNORECASE)

# Environment variable -> settings field. Everything else is only settable in secrets.toml.
ENV_NAMES = {
    "DATABASE_URL": "database_url",
    "CANDIDATE_DATABASE_URL": "candidate_database_url",
    "REDIS_URL": "redis_url",
    "GEMINI_API_KEY": "gemini_api_key",
    "GEMINI_MODEL": "gemini_model",
    "GEMINI_BASE_URL": "gemini_base_url",
    "TAILOR_CANDIDATE_TABLE": "candidate_table",
    "TAILOR_WORKERS": "workers",
    "TAILOR_MAX_ATTEMPTS": "max_attempts",
    "TAILOR_JOB_RETRIES": "job_retries",
    "TAILOR_IN_FLIGHT": "in_flight_per_worker",
    "TAILOR_MAX_RESUME_BYTES": "max_resume_bytes",
    "TAILOR_MAX_PAGES": "max_pages",
    "TAILOR_PARSE_SECONDS": "parse_seconds",
    "TAILOR_PARSE_MEMORY_MB": "parse_memory_mb",
    "TAILOR_RETENTION_DAYS": "retention_days",
    "TAILOR_STUCK_AFTER_S": "stuck_after_s",
    "TAILOR_GEMINI_RPM": "gemini_requests_per_minute",
    "TAILOR_GEMINI_TPM": "gemini_tokens_per_minute",
    "TAILOR_GEMINI_DEPTH": "gemini_depth",
    "TAILOR_GEMINI_FALLBACK_OFFLINE": "gemini_offline_fallback",
    "TAILOR_SEED_COUNT": "seed_count",
    "TAILOR_QUEUE": "queue_name",
    "TAILOR_EVENT_LOG": "event_log",
    "TAILOR_ALLOWED_USERS": "allowed_users",
    "TAILOR_ROLES_CLAIM": "roles_claim",
    "TAILOR_DEFAULT_ROLE": "default_role",
    "TAILOR_ALLOW_UNAUTHENTICATED_REMOTE": "allow_unauthenticated_remote",
    "API_PORT": "api_port",
    "TAILOR_WEBHOOK_ALLOW_PRIVATE": "webhook_allow_private",
    "TAILOR_WEBHOOK_RETRY_BASE_S": "webhook_retry_base_s",
    "TAILOR_AGENCY_NAME": "agency_name",
    "TAILOR_AGENCY_LOGO": "agency_logo",
    "TAILOR_WEBHOOK_RECOVER_AFTER_S": "webhook_recover_after_s",
    "TAILOR_ECONOMY_POLL_S": "economy_poll_s",
}


class ConfigError(Exception):
    """The root of the configuration layer's errors: something the operator must fix in
    the configuration or the setup; the message says what and why."""


class StartupError(ConfigError):
    """Something the operator must fix before Tailor can start (a port taken, a database
    or Redis out of reach, a child that exits while starting); the message says what."""


@contextmanager
def exit_on_config_error(prefix: str = "") -> Iterator[None]:
    """Run a command's body; a ConfigError in it is printed as one line on stderr
    (after ``prefix``) and the process exits with status 2."""
    try:
        yield
    except ConfigError as error:
        print(f"{prefix}{error}", file=sys.stderr)
        raise SystemExit(2) from None


class CandidateTable(BaseModel):
    """Where the existing candidates live: a table and the columns Tailor reads.

    ``resume_kind`` says whether the resume column holds the file's content (bytes or
    text) or a path to the file on disk. ``filters`` maps a label shown on the page to a
    column to filter on. ``writeback``, when set, is a column that receives the approved
    resume's text.
    """

    table: str = "candidates"
    schema_name: str | None = Field(None, alias="schema")
    id: str = "id"
    name: str = "full_name"
    email: str = "email"
    resume: str = "resume"
    resume_kind: Literal["content", "path"] = "content"
    format: str | None = "resume_format"
    filters: dict[str, str] = Field(
        default_factory=lambda: {"Location": "location", "Title": "title"}
    )
    writeback: str | None = None
    # With resume_kind "path": the folder every resume path must resolve inside (paths
    # outside it, and symlinks, are refused); unset refuses every path.
    resume_root: str | None = None

    model_config = {"populate_by_name": True}


class Settings(BaseModel):
    database_url: str = f"sqlite:///{VAR_DIR / 'tailor.db'}"
    candidate_database_url: str | None = None
    redis_url: str | None = None
    gemini_api_key: str | None = None
    gemini_model: str = "gemini-2.5-flash-lite"
    gemini_base_url: str | None = None
    gemini_requests_per_minute: int = Field(1000, gt=0)
    gemini_tokens_per_minute: int = Field(4_000_000, gt=0)
    # "few": the lines that help most; "all": every line that can improve.
    gemini_depth: Literal["few", "all"] = "few"
    # While Gemini cannot be reached, tailor offline (noted on each run) instead of failing.
    gemini_offline_fallback: bool = False
    gemini_prices: dict[str, tuple[float, float]] = Field(
        default_factory=lambda: {
            "gemini-2.5-flash-lite": (0.10, 0.40),
            "gemini-2.5-flash": (0.30, 2.50),
            "gemini-2.5-pro": (1.25, 10.00),
        },
        description="USD per million tokens (input, output)",
    )
    candidate_table: CandidateTable = Field(default_factory=CandidateTable)
    workers: int = Field(2, ge=0, le=64)
    max_attempts: int = Field(3, ge=1, le=100)
    job_retries: int = Field(3, ge=0, le=20)
    in_flight_per_worker: int = Field(16, ge=1, le=256)
    max_resume_bytes: int = Field(10 * 1024 * 1024, gt=0)
    max_pages: int = Field(30, gt=0)
    # The budget of reading one resume (extract + parse), enforced in a child process.
    parse_seconds: float = Field(60.0, gt=0)
    parse_memory_mb: int = Field(1024, gt=0)
    retention_days: int = Field(30, gt=0)
    stuck_after_s: int = Field(900, gt=0)
    seed_count: int = Field(200, ge=0)
    queue_name: str = Field(QUEUE_NAME, min_length=1, pattern=r"^[\w.:-]+$")
    # Where the JSON event lines (one per Gemini call, one per run step) go; unset =
    # stderr. The launcher points it at var/events.log so the terminal stays readable.
    event_log: Path | None = None
    # Integration API (api/): its port, and webhooks to private, loopback or link-local
    # addresses (refused unless allowed: tests, internal networks); the first retry
    # delay of a failed delivery (later ones grow, for about a day in all).
    api_port: int = Field(8000, ge=1, le=65535)
    webhook_allow_private: bool = False
    webhook_retry_base_s: float = Field(10.0, gt=0, le=3600)
    # A pending delivery untouched this long with no live RQ job (Redis lost it, or
    # recording it failed) is enqueued again by recovery.
    webhook_recover_after_s: float = Field(60.0, gt=0)
    # Economy (Gemini Batch Mode): how often a pending Gemini job is asked about; Gemini
    # answers within minutes to 24 h, so seconds of delay cost nothing.
    economy_poll_s: float = Field(30.0, ge=0)
    # Sign-in. The identity provider itself is Streamlit's [auth] section of secrets.toml;
    # these say who of its users may come in and with which role.
    allowed_users: list[str] = Field(
        default_factory=list,
        description="email addresses and @domains allowed to sign in (comma-separated)",
    )
    roles_claim: str = Field("roles", min_length=1)
    default_role: Literal["none", "viewer", "recruiter", "reviewer", "admin"] = "viewer"
    # Serving on a non-loopback address without sign-in is refused unless this is set.
    allow_unauthenticated_remote: bool = False
    # The anonymised export template is headed by the agency's name and logo (a PNG,
    # JPEG or GIF file of at most 2 MB).
    agency_name: str = Field("", max_length=200)
    agency_logo: Path | None = None

    @field_validator("database_url", "candidate_database_url")
    @classmethod
    def _database_url(cls, value: str | None) -> str | None:
        return None if value is None else normalise_database_url(value)

    @field_validator("redis_url")
    @classmethod
    def _redis_url(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        if not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("must start with redis://, rediss:// or unix://")
        return value

    @field_validator("allowed_users", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = value.split(",")
        if isinstance(value, list):
            return [str(v).strip().lower() for v in value if str(v).strip()]
        return value

    @field_validator("agency_logo", mode="before")
    @classmethod
    def _logo_image(cls, value: Any) -> Any:
        if value in (None, ""):
            return None
        path = Path(value)
        if not path.is_file():
            raise ValueError("must be an image file that exists")
        if path.stat().st_size > 2 * 1024 * 1024:
            raise ValueError("must be at most 2 MB")
        with path.open("rb") as image:
            if not image.read(4).startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
                raise ValueError("must be a PNG, JPEG or GIF image")
        return path

    @field_validator("gemini_api_key")
    @classmethod
    def _blank_key_is_none(cls, value: str | None) -> str | None:
        return value or None

    @model_validator(mode="after")
    def _model_has_price(self) -> Settings:
        if self.gemini_api_key and self.gemini_model not in self.gemini_prices:
            raise ValueError(
                f"gemini_model {self.gemini_model!r} has no entry in gemini_prices"
            )
        return self

    @property
    def candidates_url(self) -> str:
        return self.candidate_database_url or self.database_url

    @property
    def optimizer(self) -> Literal["gemini", "offline"]:
        return "gemini" if self.gemini_api_key else "offline"

    @property
    def embedded_redis(self) -> bool:
        return self.redis_url is None


def normalise_database_url(value: str) -> str:
    """A SQLAlchemy URL, with bare ``postgres(ql)://`` pointed at psycopg 3."""
    try:
        url = sa.make_url(value)
    except sa.exc.ArgumentError:
        raise ValueError("is not a database URL (e.g. postgresql://user@host/db)") from None
    if url.drivername in ("postgres", "postgresql"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise ValueError(f"database {url.get_backend_name()!r} is not supported "
                         "(use sqlite or postgresql)")
    return url.render_as_string(hide_password=False)


def masked_url(url: str) -> str:
    """A URL safe to show in a message: its password (in the authority or a
    ``password=`` query parameter) replaced by ``***``."""
    parts = urlsplit(url)
    if parts.password is not None:
        shown = f"{parts.username or ''}:***@{parts.netloc.rpartition('@')[2]}"
        url = url.replace(parts.netloc, shown, 1)
    base, mark, query = url.partition("?")
    return base + mark + _PASSWORD_PARAM.sub(r"\1***", query)


def load_settings(
    environ: dict[str, str] | None = None, secrets_file: Path = SECRETS_FILE
) -> Settings:
    """Settings from secrets.toml and the environment, or a ConfigError."""
    values = _secrets(secrets_file)
    for env_name, field in ENV_NAMES.items():
        raw = (os.environ if environ is None else environ).get(env_name)
        if raw is not None:
            values[field] = _env_value(env_name, field, raw)
    try:
        return Settings.model_validate(values)
    except ValidationError as error:
        raise ConfigError(_describe(error)) from None


def _secrets(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        data = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path} is not valid TOML: {error}") from None
    return {key.lower(): value for key, value in data.items()}


def _env_value(env_name: str, field: str, raw: str) -> Any:
    if field != "candidate_table":
        return raw
    try:
        return json.loads(raw)
    except json.JSONDecodeError as error:
        raise ConfigError(f"{env_name} must be a JSON object: {error}") from None


def _describe(error: ValidationError) -> str:
    field_to_env = {field: env for env, field in ENV_NAMES.items()}
    problems = []
    for item in error.errors():
        path = [str(p) for p in item["loc"]]
        name = field_to_env.get(path[0], path[0]) if path else "settings"
        where = ".".join([name, *path[1:]])
        problems.append(f"{where}: {item['msg'].removeprefix('Value error, ')}")
    return "Invalid configuration — " + "; ".join(problems)
