"""Schema migrations for the Postgres store: append-only, named, run on every open.

Never edit a migration that has shipped; add a new function below the others with
``@migration``. Each runs in its own transaction and is recorded by name in ``_migrations``;
``apply`` holds a session advisory lock, so workers starting together migrate once.

The tables are those of the SQLite store (see ``minimeter.store.migrations``) in Postgres types:
times are ``TIMESTAMPTZ`` (the server's clock), JSON columns ``JSONB``, and ``jobs.tenant_key``
(the tenant, '' for none) is a generated column so claims find a tenant's jobs by index.
``tenant_state`` has a row per tenant from its first job on (claims lock it to spread over tenants).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from minimeter.store.lifecycle import Status

if TYPE_CHECKING:
    import psycopg

Migration = Callable[["psycopg.Connection[Any]"], None]
MIGRATIONS: list[tuple[str, Migration]] = []
MIGRATE_LOCK = 0x4D4D_0001  # pg_advisory_lock key: "MM" + purpose


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append((fn.__name__, fn))
    return fn


def _script(conn: psycopg.Connection[Any], sql: str) -> None:
    conn.execute(sql.encode())  # bytes: several statements in one simple-protocol query


def apply(conn: psycopg.Connection[Any]) -> list[str]:
    """Apply every migration not yet recorded on ``conn`` (autocommit); return the names applied now."""
    applied: list[str] = []
    conn.execute("SELECT pg_advisory_lock(%s)", (MIGRATE_LOCK,))
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, "
                     "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
        done = {r[0] for r in conn.execute("SELECT name FROM _migrations").fetchall()}
        for name, fn in MIGRATIONS:
            if name in done:
                continue
            with conn.transaction():
                fn(conn)
                conn.execute("INSERT INTO _migrations(name) VALUES (%s)", (name,))
            applied.append(name)
    finally:
        conn.execute("SELECT pg_advisory_unlock(%s)", (MIGRATE_LOCK,))
    return applied


_BILL_SCALARS = ", ".join(f"{c} TEXT" for c in (
    "provider", "provider_id", "account_number", "customer_name", "service_address", "statement_date", "due_date",
    "billing_period_start", "billing_period_end", "currency", "total_amount_due", "current_charges",
    "previous_balance", "payments", "electricity_kwh", "gas_therms", "gas_usage", "gas_usage_unit", "water_usage",
    "water_usage_unit", "demand_kw", "meter_number", "rate_plan"))
_OPEN = ", ".join(f"'{s}'" for s in (Status.PENDING, Status.FAILED, Status.RUNNING))


@migration
def m001_initial(conn: psycopg.Connection[Any]) -> None:
    _script(conn, f"""
    CREATE TABLE jobs (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE, original_name TEXT NOT NULL, ext TEXT NOT NULL DEFAULT '',
        size BIGINT NOT NULL, archive_path TEXT NOT NULL, status TEXT NOT NULL DEFAULT '{Status.PENDING}',
        attempts INTEGER NOT NULL DEFAULT 0, max_attempts INTEGER NOT NULL DEFAULT 5,
        next_attempt_at TIMESTAMPTZ, lease_owner TEXT, lease_token TEXT, lease_expires_at TIMESTAMPTZ,
        extractor TEXT, provider TEXT, tenant TEXT,
        tenant_key TEXT GENERATED ALWAYS AS (COALESCE(tenant, '')) STORED,
        current_bill_id BIGINT, last_error TEXT,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now(), updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        finished_at TIMESTAMPTZ
    );
    CREATE INDEX jobs_claim ON jobs(tenant_key, id) WHERE status IN ({_OPEN});
    CREATE INDEX jobs_status ON jobs(status, id);
    CREATE TABLE tenant_state (tenant TEXT PRIMARY KEY, last_claim_at TIMESTAMPTZ NOT NULL DEFAULT '-infinity');
    CREATE TABLE bills (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        job_id BIGINT NOT NULL REFERENCES jobs(id), version INTEGER NOT NULL,
        is_current BOOLEAN NOT NULL DEFAULT TRUE, source TEXT NOT NULL, status TEXT NOT NULL,
        extractor TEXT, model_sha256 TEXT, prompt_version TEXT, reviewer TEXT, {_BILL_SCALARS},
        confidence DOUBLE PRECISION, data JSONB NOT NULL, evidence JSONB NOT NULL DEFAULT '{{}}',
        checks JSONB NOT NULL DEFAULT '[]', issues JSONB NOT NULL DEFAULT '[]',
        tokens_prompt INTEGER NOT NULL DEFAULT 0, tokens_completion INTEGER NOT NULL DEFAULT 0,
        timings JSONB NOT NULL DEFAULT '{{}}', created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
        UNIQUE (job_id, version)
    );
    CREATE UNIQUE INDEX bills_one_current ON bills(job_id) WHERE is_current;
    CREATE INDEX bills_account ON bills(provider_id, account_number, billing_period_start);
    CREATE TABLE meters (
        bill_id BIGINT NOT NULL REFERENCES bills(id), idx INTEGER NOT NULL,
        number TEXT, commodity TEXT, prior_read TEXT, present_read TEXT, multiplier TEXT, usage TEXT, unit TEXT,
        PRIMARY KEY (bill_id, idx)
    );
    CREATE TABLE line_items (
        bill_id BIGINT NOT NULL REFERENCES bills(id), idx INTEGER NOT NULL,
        description TEXT NOT NULL, amount TEXT NOT NULL, category TEXT NOT NULL,
        quantity TEXT, unit TEXT, rate TEXT, PRIMARY KEY (bill_id, idx)
    );
    CREATE TABLE events (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, job_id BIGINT REFERENCES jobs(id),
        at TIMESTAMPTZ NOT NULL DEFAULT now(), kind TEXT NOT NULL, from_status TEXT, to_status TEXT,
        message TEXT, data JSONB
    );
    CREATE INDEX events_job ON events(job_id, id);
    CREATE TABLE outbox (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, bill_id BIGINT NOT NULL REFERENCES bills(id),
        job_id BIGINT NOT NULL REFERENCES jobs(id), created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE TABLE sync_state (
        target TEXT PRIMARY KEY, watermark BIGINT NOT NULL DEFAULT 0,
        updated_at TIMESTAMPTZ NOT NULL DEFAULT now(), last_error TEXT
    );
    CREATE TABLE extraction_cache (
        key TEXT PRIMARY KEY, sha256 TEXT NOT NULL, result TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    CREATE INDEX extraction_cache_sha ON extraction_cache(sha256);
    CREATE TABLE documents (
        sha256 TEXT PRIMARY KEY, kind TEXT NOT NULL, page_count INTEGER NOT NULL, pages TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL DEFAULT now()
    );
    """)
