"""Typed settings: defaults, then ``$MINIMETER_HOME/config.toml``, then ``MINIMETER_*`` variables.

The data folder (``MINIMETER_HOME``, default: the platform's user data dir) holds
``inbox/``, ``archive/``, ``minimeter.db``, ``config.toml`` and ``logs/``. Nothing
MiniMeter writes goes anywhere else (the project's ``models/`` cache aside).

Nested tables in ``config.toml`` (``[sync.postgres]``) map to variables with a double
underscore (``MINIMETER_SYNC__POSTGRES__URL``).
"""

from __future__ import annotations

import contextlib
import os
import tomllib
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from minimeter.errors import ConfigError

ENV_PREFIX = "MINIMETER_"
_toml_path: ContextVar[Path | None] = ContextVar("minimeter_toml_path", default=None)


def default_home() -> Path:
    """``MINIMETER_HOME`` if set, else the platform's user data dir (like llm's ``user_dir``)."""
    env = os.environ.get("MINIMETER_HOME")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("minimeter", appauthor=False))


class PostgresTarget(BaseModel):
    """Cloud SQL / PostgreSQL sync target."""

    url: str | None = None
    """SQLAlchemy URL, e.g. ``postgresql+psycopg://user@host/db``. ``MINIMETER_PG_URL`` also works."""
    schema_name: str = "minimeter"
    """Postgres schema the tables live in."""
    cloud_sql_instance: str | None = None
    """``project:region:instance``: connect through cloud-sql-python-connector instead of the URL's host."""


class BigQueryTarget(BaseModel):
    """BigQuery sync target. Credentials come only from the environment / ADC."""

    project: str | None = None
    dataset: str = "minimeter"
    location: str | None = None
    api_endpoint: str | None = None
    """Override the API endpoint (an emulator in tests)."""


class GcsTarget(BaseModel):
    """Cloud Storage target for archived originals."""

    bucket: str | None = None
    prefix: str = "originals/"
    templates_prefix: str = "templates/"
    """Where ``minimeter sync`` puts the data folder's layout templates (``<prefix><folder id>/<id>.toml``)."""
    project: str | None = None
    endpoint: str | None = None
    """Override the endpoint (an emulator in tests); ``STORAGE_EMULATOR_HOST`` also works."""


class SyncSettings(BaseModel):
    postgres: PostgresTarget = Field(default_factory=PostgresTarget)
    bigquery: BigQueryTarget = Field(default_factory=BigQueryTarget)
    gcs: GcsTarget = Field(default_factory=GcsTarget)
    batch_size: int = 500
    """Bills per batch (one transaction / load job per batch)."""


class Settings(BaseSettings):
    """Everything MiniMeter can be told. Every field can be set in config.toml or the environment."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_nested_delimiter="__", extra="ignore", validate_default=True
    )

    home: Path = Field(default_factory=default_home)
    """The data folder."""

    # --- extraction -------------------------------------------------------------------
    extractor: str = "auto"
    """``auto`` (Gemini when configured and reachable, else ``rules``), ``local`` (rules + local
    model for what the rules leave open), ``rules`` (deterministic only), ``llm`` (whole text to the
    local model), ``gemini``, ``openai``."""
    model_path: Path | None = None
    """A GGUF file; empty means the default model shipped with MiniMeter (see models/README.md)."""
    model_threads: int = 2
    """Threads of the local model. ``worker --concurrency N`` gives each process the cores divided
    by N instead, unless this is set in config.toml or MINIMETER_MODEL_THREADS."""
    model_context: int = 4096
    model_extra_buffers: bool = False
    """Let llama.cpp move the local model's weights into CPU-specific buffers (AMX, repacked layouts).
    Off by default: with the pinned llama.cpp, a CPU with AMX gets wrong products for Q4_0/Q4_1 weights
    (the default model's) and degenerate replies; turn on only with a llama.cpp that has the fix."""
    gemini_api_key: SecretStr | None = None
    """Explicit key; else the keys file (mode 600) in the data folder; else GEMINI_API_KEY / GOOGLE_API_KEY."""
    gemini_model: str = "gemini-2.5-flash"
    gemini_base_url: str | None = None
    """Override the Gemini endpoint (a local replay server in tests)."""
    openai_base_url: str | None = None
    """OpenAI-compatible endpoint (Ollama, llama-server, vLLM, LM Studio), e.g. http://127.0.0.1:8000/v1."""
    openai_model: str = "local"
    openai_api_key: SecretStr | None = None
    review_confidence: float = 0.8
    """A field below this confidence sends the bill to review."""
    use_templates: bool = True
    """Read bills whose layout matches a template learned from an approved bill (``templates/``) with it."""

    # --- intake and worker ----------------------------------------------------------------
    watch_mode: Literal["events", "polling"] = "events"
    """``polling`` for network shares where inotify is silent."""
    stable_seconds: float = 1.0
    """A file is taken once its size and mtime stayed the same this long."""
    rescan_seconds: float = 30.0
    """Full inbox scan period: watcher events are hints, the scan is the truth."""
    workers: int = 1
    max_attempts: int = 5
    """A job that failed this many times becomes DEAD (a dead letter for a human)."""
    lease_seconds: float = 120.0
    retry_backoff_seconds: float = 10.0
    """First retry delay; doubles with every attempt."""
    read_timeout_seconds: float = 60.0
    read_memory_mb: int = 1536
    max_file_mb: int = 200

    sync: SyncSettings = Field(default_factory=SyncSettings)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        path = _toml_path.get()
        if path is not None and path.is_file():
            sources.append(TomlConfigSettingsSource(settings_cls, toml_file=path))
        return tuple(sources)

    # --- derived paths --------------------------------------------------------------------
    @property
    def inbox_dir(self) -> Path:
        return self.home / "inbox"

    @property
    def archive_dir(self) -> Path:
        return self.home / "archive"

    @property
    def db_path(self) -> Path:
        return self.home / "minimeter.db"

    @property
    def config_path(self) -> Path:
        return self.home / "config.toml"

    @property
    def log_dir(self) -> Path:
        return self.home / "logs"

    @property
    def templates_dir(self) -> Path:
        return self.home / "templates"

    @property
    def keys_path(self) -> Path:
        return self.home / "keys.json"

    @property
    def pg_url(self) -> str | None:
        return os.environ.get("MINIMETER_PG_URL") or self.sync.postgres.url

    def ensure_dirs(self, *, write: bool = True) -> None:
        """Create the data folder layout (owner-only permissions) or raise ConfigError.

        ``write=False`` is for commands that only read (``jobs``, ``show``, ``report``): the
        layout is created when possible, but a read-only data folder (a backup, a read-only
        mount, another user's folder) is accepted and nothing is written to probe it.
        """
        if not write:
            with contextlib.suppress(OSError):
                for d in (self.home, self.inbox_dir, self.archive_dir, self.log_dir):
                    d.mkdir(parents=True, exist_ok=True, mode=0o700)
            if not self.home.is_dir():
                raise ConfigError(f"The data folder {self.home} does not exist and cannot be created",
                                  hint="set MINIMETER_HOME to your data folder")
            return
        try:
            for d in (self.home, self.inbox_dir, self.archive_dir, self.log_dir):
                d.mkdir(parents=True, exist_ok=True, mode=0o700)
            probe = self.home / ".write-probe"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise ConfigError(
                f"The data folder {self.home} is not usable: {exc.strerror or exc}",
                hint="set MINIMETER_HOME to a folder you can write to",
            ) from exc


def load_settings(home: Path | None = None, **overrides: Any) -> Settings:
    """Build settings for ``home`` (else MINIMETER_HOME, else the platform default).

    Precedence: ``overrides`` > ``MINIMETER_*`` variables > ``config.toml`` > defaults.
    """
    home = (home or default_home()).expanduser()
    path = home / "config.toml"
    token = _toml_path.set(path)
    try:
        if path.is_file():
            try:
                tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as exc:
                raise ConfigError(f"{path} is not valid TOML: {exc}", hint="fix or remove the file") from exc
        return Settings(home=home, **overrides)
    finally:
        _toml_path.reset(token)
