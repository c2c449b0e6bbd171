"""A throwaway PostgreSQL database on the local server, for tests marked ``postgres``.

The server is ``MINIMETER_TEST_PG_ADMIN`` (default: user postgres, trust auth, 127.0.0.1:5432);
each user of ``temp_database`` gets a database of its own, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

ADMIN_URL = os.environ.get("MINIMETER_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")


def _admin():  # type: ignore[no-untyped-def]
    import psycopg

    try:
        return psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"no PostgreSQL server at {ADMIN_URL}: {str(exc).splitlines()[0]}")


@contextmanager
def temp_database(prefix: str) -> Iterator[str]:
    """Create a fresh database; yield its ``postgresql+psycopg://`` URL; drop it afterwards."""
    name = f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    with _admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    try:
        yield f"{base}/{name}"
    finally:
        with _admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def truncate_all(url: str) -> None:
    """Empty every MiniMeter table (keeping the schema and its migrations) between tests."""
    import psycopg

    from minimeter.store.postgres import conninfo

    with psycopg.connect(conninfo(url), autocommit=True) as conn:
        conn.execute("TRUNCATE jobs, tenant_state, bills, meters, line_items, events, outbox, sync_state, "
                     "extraction_cache, documents RESTART IDENTITY CASCADE")
