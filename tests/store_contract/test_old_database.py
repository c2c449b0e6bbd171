"""A database written by an older MiniMeter opens with this code, migrates, and carries on.

The fixtures in ``legacy/`` are SQL dumps of databases that the store of commit bc884ec (the
last one with Postgres DDL as a list of SQL strings and the write half written per engine) filled
with jobs in every state; ``legacy/make_fixtures.py`` says how they were made.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from minimeter.schema import BillNormalized
from minimeter.settings import Settings
from minimeter.store import migrations, open_store, postgres_migrations
from minimeter.store.lifecycle import Status
from tests.store_contract.pg import temp_database

LEGACY = Path(__file__).parent / "legacy"
OLD = "bc884ec"


def _restore_pg(url: str, sql: str) -> None:
    import psycopg

    from minimeter.store.postgres import conninfo

    with psycopg.connect(conninfo(url), autocommit=True) as conn:
        conn.execute(sql.encode())  # the dump's statements, in one simple-protocol query


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def old_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database as the old code left it: its schema, its ``_migrations`` rows and its data."""
    sql = (LEGACY / f"{request.param}_{OLD}.sql").read_text()
    if request.param == "sqlite":
        db = tmp_path / "old.db"
        conn = sqlite3.connect(db)
        conn.executescript(sql)
        conn.close()
        yield f"sqlite:///{db}"
        return
    with temp_database("mm_old") as url:
        _restore_pg(url, sql)
        yield url


@pytest.fixture
def fresh_url(old_url: str, tmp_path: Path) -> Iterator[str]:
    """An empty database of the same engine, created by this code."""
    if old_url.startswith("sqlite:"):
        yield f"sqlite:///{tmp_path / 'fresh.db'}"
        return
    with temp_database("mm_fresh") as url:
        yield url


def _schema(url: str) -> Any:
    """Everything about the tables that code relies on: columns, types, defaults, keys, indexes."""
    if url.startswith("sqlite:"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
        try:
            return sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master "
                                       "WHERE name NOT LIKE 'sqlite_%'").fetchall())
        finally:
            conn.close()
    import psycopg

    from minimeter.store.postgres import conninfo

    with psycopg.connect(conninfo(url)) as conn:
        columns = conn.execute(
            "SELECT table_name, column_name, data_type, column_default, is_nullable, is_identity, is_generated,"
            " generation_expression FROM information_schema.columns WHERE table_schema = 'public'").fetchall()
        indexes = conn.execute("SELECT tablename, indexname, indexdef FROM pg_indexes "
                               "WHERE schemaname = 'public'").fetchall()
        constraints = conn.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE connamespace = 'public'::regnamespace").fetchall()
    return sorted(columns), sorted(indexes), sorted(constraints)


def test_the_migrations_build_the_schema_the_old_code_built(old_url: str, fresh_url: str, settings: Settings):
    open_store(settings, old_url).close()  # nothing to apply: the old database is up to date
    open_store(settings, fresh_url).close()
    old, fresh = _schema(old_url), _schema(fresh_url)
    assert old == fresh
    assert old  # the comparison saw tables at all


def test_the_old_history_reads_back(old_url: str, settings: Settings):
    store = open_store(settings, old_url)
    try:
        counts = store.counts()
        assert {k: v for k, v in counts.items() if v} == {
            Status.SUCCEEDED: 1, Status.NEEDS_REVIEW: 1, Status.FAILED: 2, Status.RUNNING: 1, Status.PENDING: 1}
        done = store.find_job("sha256:646f6e652e7064")
        assert done is not None and done.status == Status.SUCCEEDED and done.finished_at
        assert done.created_at.endswith("Z") and done.tenant == "acme"
        bill = store.current_bill(done.id)
        assert bill is not None and bill.version == 1 and bill.result.bill.total_amount_due == Decimal("42.10")
        assert bill.result.bill.meters[0].usage == Decimal("512.5") and bill.result.bill.line_items
        assert [e.kind for e in store.events(done.id)] == ["created", "status", "status"]
        assert store.outbox_max() == 2 and store.watermark("postgres") == 1
        assert store.sync_state()[0]["updated_at"].endswith("Z")
        cached = store.cache_get("rules:old")
        assert cached is not None and cached.bill.provider == "Old Power"
        assert store.load_document(done.sha256) == '{"pages": []}'
        assert [j.original_name for j in store.list_jobs("FAILED", search="FLAKY")] == ["flaky.pdf"]
    finally:
        store.close()


def test_the_old_jobs_carry_on(old_url: str, settings: Settings):
    store = open_store(settings, old_url)
    try:
        claims = [store.claim("new-worker") for _ in range(3)]
        assert store.claim("new-worker") is None  # the refused file waits for a person
        by_name = {c.job.original_name: c for c in claims if c is not None}
        assert set(by_name) == {"pending.pdf", "flaky.pdf", "crashed.pdf"}
        crashed = by_name["crashed.pdf"]
        assert crashed.job.attempts == 2 and "lease_expired" in [e.kind for e in store.events(crashed.job.id)]
        assert by_name["flaky.pdf"].job.attempts == 2 and by_name["pending.pdf"].job.attempts == 1
        for claim in by_name.values():
            r = store.current_bill(1)
            assert r is not None
            assert store.complete(claim, r.result.model_copy(update={"status": "SUCCEEDED"}))
        assert [o.seq for o in store.outbox_after(2)] == [3, 4, 5]  # the old sequence goes on

        review = store.find_job("sha256:7265766965772e706466")
        assert review is not None and review.status == Status.NEEDS_REVIEW
        done = store.review(review.id, BillNormalized(total_amount_due=Decimal("43.00")), reviewer="ana",
                            approve=True)
        assert done.status == Status.SUCCEEDED and done.last_error is None
        versions = store.bill_versions(review.id)
        assert [(v.version, v.source, v.is_current) for v in versions] == [(1, "machine", False), (2, "review", True)]
        assert versions[1].result.extractor == "rules"  # the old version's extractor carries over

        corrupt = store.find_job("sha256:636f727275707400")
        assert corrupt is not None and store.retry(corrupt.id).status == Status.PENDING
        dup, created = store.enqueue(store.get_job(1).sha256, "again.pdf", 10, "/x")  # type: ignore[union-attr]
        assert not created and dup.id == 1
        store.set_watermark("postgres", 0)  # never backwards
        assert store.watermark("postgres") == 1
    finally:
        store.close()


def test_a_new_migration_runs_once_on_an_old_database(old_url: str, settings: Settings,
                                                      monkeypatch: pytest.MonkeyPatch):
    calls: list[str] = []

    def m999_test_notes(conn: Any) -> None:
        calls.append("run")
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")

    module: Any = migrations if old_url.startswith("sqlite:") else postgres_migrations
    monkeypatch.setattr(module, "MIGRATIONS", [*module.MIGRATIONS, ("m999_test_notes", m999_test_notes)])
    for _ in range(2):
        store = open_store(settings, old_url)
        try:
            assert store._read(store._sql("SELECT COUNT(*) AS n FROM notes"))[0]["n"] == 0  # type: ignore[attr-defined]
            assert store.counts()[Status.SUCCEEDED] == 1  # the old data is untouched
        finally:
            store.close()
    assert calls == ["run"]
