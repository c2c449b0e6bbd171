"""Schema migrations for the SQLite store: append-only, named, run on every open.

Never edit a migration that has shipped; add a new one. Each runs in its own transaction
and is recorded in ``_migrations``.

Tables (the contract sync, reports and the TUI read):

- ``jobs``: one row per distinct file content (``sha256`` unique). ``status`` (see
  lifecycle.Status), ``attempts``, ``next_attempt_at``, ``lease_owner``/``lease_token``/
  ``lease_expires_at`` for claims, ``current_bill_id`` -> the bill version shown to users,
  ``last_error`` (one line), ``tenant`` (fairness key: account number once known).
- ``bills``: every result version (machine or human). ``data`` is the full BillNormalized
  JSON; flat columns copy its scalars for queries. Money and quantities are TEXT decimal
  strings (exact); cast them in SQL. ``is_current`` = 1 on exactly one version per job.
- ``meters``, ``line_items``: children of a bill version (``bill_id``, ``idx``).
- ``events``: append-only log of everything that happened to a job.
- ``outbox``: one row per bill version to push to sync targets; ``seq`` is monotonic.
- ``sync_state``: per-target watermark (last ``outbox.seq`` the target committed).
- ``extraction_cache``: results by (sha256, extractor, model sha256, prompt version).
- ``documents``: the text of each file (for review and re-extraction without re-parsing).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from minimeter.store.lifecycle import Status

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[str, Migration]] = []


def migration(fn: Migration) -> Migration:
    MIGRATIONS.append((fn.__name__, fn))
    return fn


def _script(conn: sqlite3.Connection, sql: str) -> None:
    # executescript() would COMMIT the surrounding BEGIN IMMEDIATE; run statements one by one.
    for stmt in sql.split(";"):
        if stmt.strip():
            conn.execute(stmt)


@migration
def m001_initial(conn: sqlite3.Connection) -> None:
    _script(
        conn,
        f"""
        CREATE TABLE jobs (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            original_name TEXT NOT NULL,
            ext TEXT NOT NULL DEFAULT '',
            size INTEGER NOT NULL,
            archive_path TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT '{Status.PENDING}',
            attempts INTEGER NOT NULL DEFAULT 0,
            max_attempts INTEGER NOT NULL DEFAULT 5,
            next_attempt_at TEXT,
            lease_owner TEXT,
            lease_token TEXT,
            lease_expires_at TEXT,
            extractor TEXT,
            provider TEXT,
            tenant TEXT,
            current_bill_id INTEGER,
            last_error TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            finished_at TEXT
        );
        CREATE INDEX jobs_claim ON jobs(status, next_attempt_at);
        CREATE INDEX jobs_lease ON jobs(status, lease_expires_at);

        CREATE TABLE bills (
            id INTEGER PRIMARY KEY,
            job_id INTEGER NOT NULL REFERENCES jobs(id),
            version INTEGER NOT NULL,
            is_current INTEGER NOT NULL DEFAULT 1,
            source TEXT NOT NULL,             -- 'machine' | 'review'
            status TEXT NOT NULL,             -- decision for this version
            extractor TEXT,
            model_sha256 TEXT,
            prompt_version TEXT,
            reviewer TEXT,
            provider TEXT,
            provider_id TEXT,
            account_number TEXT,
            customer_name TEXT,
            service_address TEXT,
            statement_date TEXT,
            due_date TEXT,
            billing_period_start TEXT,
            billing_period_end TEXT,
            currency TEXT,
            total_amount_due TEXT,
            current_charges TEXT,
            previous_balance TEXT,
            payments TEXT,
            electricity_kwh TEXT,
            gas_therms TEXT,
            gas_usage TEXT,
            gas_usage_unit TEXT,
            water_usage TEXT,
            water_usage_unit TEXT,
            demand_kw TEXT,
            meter_number TEXT,
            rate_plan TEXT,
            confidence REAL,                  -- lowest field confidence
            data TEXT NOT NULL,               -- BillNormalized JSON
            evidence TEXT NOT NULL DEFAULT '{{}}',
            checks TEXT NOT NULL DEFAULT '[]',
            issues TEXT NOT NULL DEFAULT '[]',
            tokens_prompt INTEGER NOT NULL DEFAULT 0,
            tokens_completion INTEGER NOT NULL DEFAULT 0,
            timings TEXT NOT NULL DEFAULT '{{}}',
            created_at TEXT NOT NULL,
            UNIQUE(job_id, version)
        );
        CREATE INDEX bills_current ON bills(job_id, is_current);
        CREATE INDEX bills_account ON bills(provider_id, account_number, billing_period_start);

        CREATE TABLE meters (
            bill_id INTEGER NOT NULL REFERENCES bills(id),
            idx INTEGER NOT NULL,
            number TEXT, commodity TEXT, prior_read TEXT, present_read TEXT,
            multiplier TEXT, usage TEXT, unit TEXT,
            PRIMARY KEY (bill_id, idx)
        );
        CREATE TABLE line_items (
            bill_id INTEGER NOT NULL REFERENCES bills(id),
            idx INTEGER NOT NULL,
            description TEXT NOT NULL, amount TEXT NOT NULL, category TEXT NOT NULL,
            quantity TEXT, unit TEXT, rate TEXT,
            PRIMARY KEY (bill_id, idx)
        );

        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            job_id INTEGER REFERENCES jobs(id),
            at TEXT NOT NULL,
            kind TEXT NOT NULL,               -- created, duplicate, status, retry, error, review, force...
            from_status TEXT,
            to_status TEXT,
            message TEXT,
            data TEXT
        );
        CREATE INDEX events_job ON events(job_id, id);

        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            bill_id INTEGER NOT NULL REFERENCES bills(id),
            job_id INTEGER NOT NULL REFERENCES jobs(id),
            created_at TEXT NOT NULL
        );
        CREATE TABLE sync_state (
            target TEXT PRIMARY KEY,
            watermark INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            last_error TEXT
        );

        CREATE TABLE extraction_cache (
            key TEXT PRIMARY KEY,
            sha256 TEXT NOT NULL,
            result TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE documents (
            sha256 TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            page_count INTEGER NOT NULL,
            pages TEXT NOT NULL,              -- Document JSON
            created_at TEXT NOT NULL
        );
        """
    )


def pending(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations not yet applied, read without writing anything."""
    has_table = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'").fetchone()
    done = {r[0] for r in conn.execute("SELECT name FROM _migrations")} if has_table else set()
    return [name for name, _ in MIGRATIONS if name not in done]


def apply(conn: sqlite3.Connection) -> list[str]:
    """Apply every migration not yet recorded; return the names applied now."""
    conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    done = {r[0] for r in conn.execute("SELECT name FROM _migrations")}
    applied = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-check inside the write lock: another process may have just migrated.
            if conn.execute("SELECT 1 FROM _migrations WHERE name = ?", (name,)).fetchone():
                conn.execute("COMMIT")
                continue
            fn(conn)
            conn.execute(
                "INSERT INTO _migrations(name, applied_at) VALUES (?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))",
                (name,),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied


@migration
def m002_tenant_rotation(conn: sqlite3.Connection) -> None:
    # Claims rotate across tenants (the inbox sub-folder a bill was dropped in, e.g. one per
    # customer) so one customer's flood cannot starve the others.
    _script(
        conn,
        """
        CREATE TABLE tenant_state (
            tenant TEXT PRIMARY KEY,
            last_claim_at TEXT NOT NULL
        );
        CREATE INDEX jobs_tenant ON jobs(tenant, status)
        """,
    )
