"""Reports, exports and the TUI's insights read the store the user names (``--store URL``), not
whatever SQLite file happens to sit in the data folder.

The same known bills are written into a SQLite store and into a fresh PostgreSQL database through
the store API; every report must come out the same from both, and a report with ``--store`` must
show the PostgreSQL bills while the data folder's own SQLite store is empty.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from known_bills import build_store, fill

from minimeter.cli import main
from minimeter.reports import all_series
from minimeter.reports.exports import export_tables
from minimeter.settings import load_settings
from minimeter.store import open_store
from minimeter.store.base import JobStore
from minimeter.store.sqlite import SQLiteStore
from minimeter.tui import data
from minimeter.tui.insights_proc import compute_in_child
from tests.store_contract.pg import temp_database

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with temp_database("mm_reports") as url:
        store = open_store(load_settings(tmp_path_factory.mktemp("pg-home")), url)  # migrates the new database
        try:
            fill(store)
        finally:
            store.close()
        yield url


@pytest.fixture
def pg_store(pg_url: str, _home: Path) -> Iterator[JobStore]:
    store = open_store(load_settings(_home), pg_url)
    yield store
    store.close()


def _cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_every_report_is_the_same_from_postgres_as_from_sqlite(tmp_path: Path, pg_store: JobStore) -> None:
    local = build_store(tmp_path / "same.db")
    from_file = all_series(local["path"])
    assert from_file["monthly"] and from_file["flags"]  # the comparison below compares something
    assert all_series(pg_store) == from_file
    # An open SQLite store is reported from its file, the same as its path.
    sqlite_store = SQLiteStore(local["path"])
    try:
        assert all_series(sqlite_store) == from_file
    finally:
        sqlite_store.close()


def test_exports_through_the_seam_hold_the_same_rows(tmp_path: Path, pg_store: JobStore) -> None:
    local = build_store(tmp_path / "same.db")
    a = export_tables(local["path"], tmp_path / "from-file", "csv")
    b = export_tables(pg_store, tmp_path / "from-pg", "csv")
    assert [p.name for p in a] == [p.name for p in b]
    for pa, pb in zip(a, b, strict=True):
        # Everything but the moment each store wrote its copy of a bill.
        rows_a = [r | {"created_at": ""} for r in csv.DictReader(pa.open(encoding="utf-8"))]
        rows_b = [r | {"created_at": ""} for r in csv.DictReader(pb.open(encoding="utf-8"))]
        assert rows_a and rows_a == rows_b, pa.name


def test_report_and_export_with_store_read_that_store(pg_url: str, _home: Path, tmp_path: Path) -> None:
    # The data folder's own SQLite store has no bill at all...
    assert "No bills yet" in _cli("report")
    # ...while --store shows the shared one's.
    monthly = json.loads(_cli("report", "monthly", "--json", "--store", pg_url))
    assert {r["account"] for r in monthly} == {"A-100", "D-1", "G-7"}
    assert json.loads(_cli("report", "monthly", "--json")) == []
    out = tmp_path / "feed.xml"
    _cli("export", "--format", "espi", "--out", str(out), "--store", pg_url)
    assert b"A-100" in out.read_bytes()


def test_tui_insights_show_the_apps_store(pg_store: JobStore, _home: Path) -> None:
    settings = load_settings(_home)
    settings.ensure_dirs()  # the local SQLite store exists and is empty
    ins = data.insights(pg_store, settings)
    assert ins.source == "reports", ins.note
    assert sorted(s.account for s in ins.series) == ["A-100", "D-1", "G-7"]
    # The child process the insights screen uses opens the same store (its URL in the environment).
    child = compute_in_child(settings, pg_store)
    assert child.source == "reports", child.note
    assert [(s.account, s.usage, s.cost) for s in child.series] == [(s.account, s.usage, s.cost) for s in ins.series]
    assert child.flags == ins.flags and child.flags


def test_tui_status_names_the_shared_store_without_its_password(pg_url: str, _home: Path) -> None:
    settings = load_settings(_home)
    settings.ensure_dirs()
    with_password = pg_url.replace("postgres@", "postgres:s3cret-pw@", 1)  # the local server trusts, ignores it
    store = open_store(settings, with_password)
    try:
        rows = dict(data.status_info(store, settings, None, None).rows)
        assert "s3cret" not in rows["database"]
        assert rows["database"].endswith(pg_url.rsplit("/", 1)[1]) and "127.0.0.1:5432" in rows["database"]
        assert "succeeded" in rows["jobs"]  # counted in the shared store: the local one is empty
        assert data.store_url(store) == with_password  # the insights process gets the real URL
    finally:
        store.close()
