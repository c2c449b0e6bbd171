"""Cloud SQL / PostgreSQL target: SQLAlchemy 2 + psycopg 3, one transaction per batch.

Tables live in their own schema (``sync.postgres.schema_name``, default ``minimeter``) and are
created by append-only migrations recorded in ``<schema>.minimeter_migrations``; an advisory
lock keeps two laptops from migrating at once. Every batch is one transaction:

1. ``INSERT ... ON CONFLICT (job_sha256) DO UPDATE ... WHERE bills.version <= excluded.version``
   so the highest version wins and pushing the same version again rewrites identical values;
2. the versions now stored decide which bills of the batch won;
3. their meters and line items are upserted on ``(job_sha256, idx)`` and rows left from an
   earlier version are deleted.

Connection: ``MINIMETER_PG_URL`` or ``sync.postgres.url`` (``postgresql://`` is read as
``postgresql+psycopg://``). With ``sync.postgres.cloud_sql_instance`` set, connections go
through Google's cloud-sql-python-connector (optional; installed separately).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from minimeter.errors import ConfigError, OfflineError, SyncError
from minimeter.sync.base import Batch
from minimeter.sync.rows import KEYS, TABLES, table_rows

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

    from minimeter.settings import Settings

_PG_TYPES = {
    "text": "TEXT",
    "numeric": "NUMERIC",
    "date": "DATE",
    "int": "BIGINT",
    "float": "DOUBLE PRECISION",
    "json": "JSONB",
    "timestamp": "TIMESTAMPTZ",
}
_IDENT = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _m001_tables(schema: str) -> list[str]:
    stmts = []
    for table, cols in TABLES.items():
        body = [f"{name} {_PG_TYPES[kind]}" for name, kind in cols]
        body.append("synced_at TIMESTAMPTZ NOT NULL DEFAULT now()")
        body.append(f"PRIMARY KEY ({', '.join(KEYS[table])})")
        if table != "bills":
            body.append(f"FOREIGN KEY (job_sha256) REFERENCES {schema}.bills(job_sha256) ON DELETE CASCADE")
        stmts.append(f"CREATE TABLE IF NOT EXISTS {schema}.{table} ({', '.join(body)})")
    stmts.append(
        f"CREATE INDEX IF NOT EXISTS bills_account ON {schema}.bills"
        " (provider_id, account_number, billing_period_start)"
    )
    return stmts


# Append-only: never edit a migration that has shipped; add a new one.
MIGRATIONS: list[tuple[str, Callable[[str], list[str]]]] = [("m001_tables", _m001_tables)]


def normalize_url(url: str) -> str:
    """``postgres://`` and ``postgresql://`` mean psycopg 3 here (psycopg2 is not installed)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class PostgresTarget:
    name = "postgres"
    summary = "bills, meters and line items into PostgreSQL tables (sync.postgres.url)"

    @staticmethod
    def configured(settings: Settings) -> bool:
        return bool(settings.pg_url)

    def __init__(self, settings: Settings, url: str | None = None) -> None:
        self.settings = settings
        self.cfg = settings.sync.postgres
        self.url = url or settings.pg_url
        if not self.url:
            raise ConfigError(
                "Postgres is not configured", hint="set sync.postgres.url in config.toml or MINIMETER_PG_URL"
            )
        self.schema = self.cfg.schema_name
        if not _IDENT.match(self.schema):
            raise ConfigError(
                f"sync.postgres.schema_name {self.schema!r} is not a plain lowercase SQL name",
                hint="use letters, digits and underscores",
            )
        self.warnings: list[str] = []
        self._engine: Engine | None = None
        self._tables: dict[str, Any] = {}

    # --- connection -------------------------------------------------------------------
    def _make_engine(self) -> Engine:
        from sqlalchemy import create_engine
        from sqlalchemy.exc import ArgumentError, NoSuchModuleError

        kwargs: dict[str, Any] = {
            "pool_size": 2,
            "max_overflow": 2,
            "pool_pre_ping": True,
            "pool_recycle": 1800,
        }
        url = normalize_url(self.url or "")
        if self.cfg.cloud_sql_instance:
            url, kwargs["creator"] = self._cloud_sql_creator(url)
        else:
            # Fail fast when offline instead of hanging on a dead network.
            kwargs["connect_args"] = {"connect_timeout": 10, "application_name": "minimeter-sync"}
        try:
            return create_engine(url, **kwargs)
        except (ArgumentError, NoSuchModuleError, ValueError) as exc:
            raise ConfigError(
                # Not the URL itself, nor the parser's message quoting it: it may hold a password.
                f"the Postgres URL is not usable ({type(exc).__name__})",
                hint="use postgresql+psycopg://user:password@host:5432/db",
            ) from exc

    def _cloud_sql_creator(self, url: str) -> tuple[str, Callable[[], Any]]:
        """Connect through cloud-sql-python-connector (IAM, no authorized networks needed)."""
        try:
            from google.cloud.sql.connector import Connector
        except ImportError as exc:
            raise ConfigError(
                "sync.postgres.cloud_sql_instance needs cloud-sql-python-connector",
                hint="pip install 'cloud-sql-python-connector[pg8000]' or remove the setting",
            ) from exc
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
        connector = Connector()
        instance = self.cfg.cloud_sql_instance

        def creator() -> Any:
            return connector.connect(
                instance, "pg8000", user=parsed.username, password=parsed.password, db=parsed.database
            )

        return "postgresql+pg8000://", creator

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = self._make_engine()
        return self._engine

    def _error(self, exc: Exception, doing: str) -> Exception:
        """A driver error as a one-line MiniMeter error."""
        from sqlalchemy.exc import DBAPIError, OperationalError

        text = (
            str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:200]
            if str(exc).strip()
            else type(exc).__name__
        )
        low = text.lower()
        if isinstance(exc, OperationalError) and any(
            s in low
            for s in (
                "connection refused",
                "timeout",
                "timed out",
                "could not translate host",
                "name or service not known",
                "network is unreachable",
                "no route to host",
                "server closed the connection",
                "connection is lost",
                "terminating connection",
            )
        ):
            return OfflineError(
                f"Postgres does not answer ({text})",
                hint="check the network or the server",
            )
        if isinstance(exc, OperationalError) and any(
            s in low for s in ("password authentication", "does not exist", "permission denied", "no password")
        ):
            return ConfigError(
                f"Postgres refused the connection: {text}", hint="check sync.postgres.url / MINIMETER_PG_URL"
            )
        if isinstance(exc, DBAPIError) and "permission denied" in low:
            return ConfigError(f"Postgres refused to {doing}: {text}", hint="grant the user rights on the schema")
        return SyncError(
            f"Postgres failed to {doing}: {text}", hint="run `minimeter sync` again later; if it persists, see the log"
        )

    # --- contract ---------------------------------------------------------------------
    def check(self) -> None:
        from sqlalchemy import text
        from sqlalchemy.exc import SQLAlchemyError

        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except SQLAlchemyError as exc:
            raise self._error(exc, "connect") from exc

    def prepare(self) -> None:
        from sqlalchemy import text
        from sqlalchemy.exc import SQLAlchemyError

        s = self.schema
        try:
            with self.engine.begin() as conn:
                # One migrator at a time across every laptop; released at commit.
                conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": f"minimeter-migrate-{s}"})
                conn.execute(text(f"CREATE SCHEMA IF NOT EXISTS {s}"))
                conn.execute(
                    text(
                        f"CREATE TABLE IF NOT EXISTS {s}.minimeter_migrations "
                        "(name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
                    )
                )
                done = {r[0] for r in conn.execute(text(f"SELECT name FROM {s}.minimeter_migrations"))}
                for name, fn in MIGRATIONS:
                    if name in done:
                        continue
                    for stmt in fn(s):
                        conn.execute(text(stmt))
                    conn.execute(text(f"INSERT INTO {s}.minimeter_migrations(name) VALUES (:n)"), {"n": name})
        except SQLAlchemyError as exc:
            raise self._error(exc, "create its tables") from exc
        self._reflect()

    def _reflect(self) -> None:
        """SQLAlchemy Table objects for the current column lists (DML only; DDL is in MIGRATIONS)."""
        from sqlalchemy import BigInteger, Column, Date, DateTime, Float, MetaData, Numeric, Table, Text
        from sqlalchemy.dialects.postgresql import JSONB

        types: dict[str, Any] = {
            "text": Text,
            "numeric": Numeric,
            "date": Date,
            "int": BigInteger,
            "float": Float,
            "json": JSONB,
            "timestamp": DateTime(timezone=True),
        }
        md = MetaData(schema=self.schema)
        for table, cols in TABLES.items():
            self._tables[table] = Table(
                table,
                md,
                *[Column(n, types[k], primary_key=n in KEYS[table]) for n, k in cols],
                Column("synced_at", DateTime(timezone=True)),
            )

    def push(self, batch: Batch) -> int:
        from sqlalchemy.exc import SQLAlchemyError

        self.warnings = []
        if not batch.items:
            return 0
        if not self._tables:
            self._reflect()
        rows = table_rows(batch.items)
        try:
            with self.engine.begin() as conn:
                return self._write(conn, rows)
        except SQLAlchemyError as exc:
            raise self._error(exc, "write a batch") from exc

    def _write(self, conn: Connection, rows: dict[str, list[dict[str, Any]]]) -> int:
        import json

        from sqlalchemy import func, select, text
        from sqlalchemy.dialects.postgresql import insert

        bills = self._tables["bills"]
        for r in rows["bills"]:
            # JSONB columns get parsed values, not JSON text (which would be stored as a string).
            r["issues"], r["data"] = json.loads(r["issues"]), json.loads(r["data"])
        stmt = insert(bills)
        cols = [c.name for c in bills.columns if c.name not in ("job_sha256",)]
        stmt = stmt.on_conflict_do_update(
            index_elements=["job_sha256"],
            set_={**{c: stmt.excluded[c] for c in cols if c != "synced_at"}, "synced_at": func.now()},
            where=bills.c.version <= stmt.excluded.version,
        )
        conn.execute(stmt, rows["bills"])

        incoming = {r["job_sha256"]: r["version"] for r in rows["bills"]}
        stored: dict[str, int] = dict(
            conn.execute(
                select(bills.c.job_sha256, bills.c.version).where(bills.c.job_sha256.in_(list(incoming)))
            ).all()
        )
        winners = [k for k, v in incoming.items() if stored.get(k) == v]
        if not winners:
            return 0
        won = set(winners)
        for child in ("meters", "line_items"):
            table = self._tables[child]
            mine = [r for r in rows[child] if r["job_sha256"] in won]
            if mine:
                ins = insert(table)
                ccols = [c.name for c in table.columns if c.name not in KEYS[child] and c.name != "synced_at"]
                ins = ins.on_conflict_do_update(
                    index_elements=list(KEYS[child]),
                    set_={**{c: ins.excluded[c] for c in ccols}, "synced_at": func.now()},
                )
                conn.execute(ins, mine)
            # Children of an earlier version that the winning version no longer has.
            conn.execute(
                text(
                    f"DELETE FROM {self.schema}.{child} c USING {self.schema}.bills b "
                    "WHERE c.job_sha256 = b.job_sha256 AND b.job_sha256 = ANY(:keys)"
                    " AND c.version <> b.version"
                ),
                {"keys": winners},
            )
        return len(winners)

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
