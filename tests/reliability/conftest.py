"""Fixtures for the fault-injection suite (tests/conftest.py's data folder and settings apply)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from minimeter.settings import Settings
from minimeter.store.sqlite import SQLiteStore

DONE = "SUCCEEDED,NEEDS_REVIEW"
"""A job that ran to a stored result (the validation rules decide which of the two)."""


def done_count(statuses: dict[str, int]) -> int:
    return sum(n for s, n in statuses.items() if s in DONE.split(","))


@pytest.fixture
def store(settings: Settings) -> Iterator[SQLiteStore]:
    s = SQLiteStore(settings.db_path, settings)
    yield s
    s.close()


def db_facts(db: Path) -> dict[str, object]:
    """Integrity and the exactly-once facts, read with a plain sqlite3 connection."""
    conn = sqlite3.connect(db)
    try:
        per_job = dict(conn.execute("SELECT job_id, COUNT(*) FROM bills GROUP BY job_id").fetchall())
        return {
            "integrity": conn.execute("PRAGMA integrity_check").fetchone()[0],
            "jobs": conn.execute("SELECT COUNT(*) FROM jobs").fetchone()[0],
            "statuses": dict(conn.execute("SELECT status, COUNT(*) FROM jobs GROUP BY status").fetchall()),
            "bills_per_job": per_job,
            "outbox": conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0],
            "distinct_sha": conn.execute("SELECT COUNT(DISTINCT sha256) FROM jobs").fetchone()[0],
        }
    finally:
        conn.close()
