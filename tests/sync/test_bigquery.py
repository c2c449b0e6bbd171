"""BigQuery target against the Crucible emulator: load jobs + MERGE, exactly once, corrections win."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from minimeter.errors import OfflineError
from minimeter.settings import Settings, load_settings
from minimeter.store.sqlite import SQLiteStore
from minimeter.sync.bigquery import BigQueryTarget, csv_value
from minimeter.sync.runner import SyncRunner, TargetReport
from tests.sync.builders import add_bills, correct
from tests.sync.conftest import Emulator

pytestmark = pytest.mark.emulator


def _settings(home: Path, endpoint: str, batch: int = 4) -> Settings:
    s = load_settings(
        home,
        sync={"bigquery": {"project": "mm-test", "dataset": "field", "api_endpoint": endpoint}, "batch_size": batch},
    )
    s.ensure_dirs()
    return s


def _run(store: SQLiteStore, s: Settings, **kw: Any) -> TargetReport:
    (report,) = SyncRunner(store, s, {"bigquery": BigQueryTarget(s)}).run(**kw)
    return report


def _query(s: Settings, sql: str) -> list[dict[str, Any]]:
    target = BigQueryTarget(s)
    try:
        return [dict(r) for r in target.client.query(sql.replace("@", "mm-test.field.")).result()]
    finally:
        target.close()


def _counts(s: Settings) -> tuple[int, ...]:
    return tuple(_query(s, f"SELECT COUNT(*) AS n FROM `@{t}`")[0]["n"] for t in ("bills", "meters", "line_items"))


def test_first_sync_sends_everything_second_sends_nothing(minimeter_home: Path, bigquery_emulator: Emulator) -> None:
    s = _settings(minimeter_home, bigquery_emulator.endpoint)
    store = SQLiteStore(s.db_path, s)
    add_bills(store, s.archive_dir, 10)

    first = _run(store, s)
    assert (first.status, first.sent) == ("ok", 10), first.message
    assert store.watermark("bigquery") == 10
    assert _counts(s) == (10, 10, 30)
    (row,) = _query(
        s,
        "SELECT version, total_amount_due, service_address, customer_name, billing_period_start "
        "FROM `@bills` WHERE account_number = 'ACCT-000003'",
    )
    assert row["version"] == 1 and row["total_amount_due"] == Decimal("33.75")
    assert row["service_address"] == "12 Main St, Apt B Springfield"  # CSV rows stay one line
    assert row["customer_name"] == 'Pat "Tester", Jr.'
    assert str(row["billing_period_start"]) == "2024-01-04"
    rates = {r["rate"] for r in _query(s, "SELECT rate FROM `@line_items`")}
    assert rates == {Decimal("0.123456789")}  # NUMERIC keeps 9 places

    second = _run(store, s)
    assert (second.status, second.sent) == ("up to date", 0)
    assert _counts(s) == (10, 10, 30)
    # Staging tables are gone after every batch.
    target = BigQueryTarget(s)
    assert sorted(t.table_id for t in target.client.list_tables("mm-test.field")) == ["bills", "line_items", "meters"]
    target.close()


def test_correction_replaces_the_earlier_version(minimeter_home: Path, bigquery_emulator: Emulator) -> None:
    s = _settings(minimeter_home, bigquery_emulator.endpoint)
    store = SQLiteStore(s.db_path, s)
    jobs = add_bills(store, s.archive_dir, 5)
    _run(store, s)
    correct(store, jobs[2].id, lines=1, total="99.99")

    report = _run(store, s)
    assert (report.status, report.sent) == ("ok", 1), report.message
    assert _counts(s) == (5, 5, 13)
    key = jobs[2].sha256
    assert _query(s, f"SELECT version, total_amount_due, source FROM `@bills` WHERE job_sha256 = '{key}'") == [
        {"version": 2, "total_amount_due": Decimal("99.99"), "source": "review"}
    ]
    assert _query(s, f"SELECT idx, amount, version FROM `@line_items` WHERE job_sha256 = '{key}'") == [
        {"idx": 0, "amount": Decimal("99.99"), "version": 2}
    ]
    # Everything again from the start, both versions: version 1 must not come back, nothing doubles.
    again = _run(store, s, since=0)
    assert again.status == "ok" and again.sent == 6
    assert _counts(s) == (5, 5, 13)
    assert _query(s, f"SELECT version FROM `@bills` WHERE job_sha256 = '{key}'") == [{"version": 2}]


def test_offline_then_back(minimeter_home: Path, bigquery_emulator: Emulator) -> None:
    s = _settings(minimeter_home, bigquery_emulator.endpoint)
    store = SQLiteStore(s.db_path, s)
    add_bills(store, s.archive_dir, 3)
    bigquery_emulator.stop()

    report = _run(store, s)
    assert report.status == "offline" and isinstance(report.error, OfflineError)
    assert report.message.startswith("BigQuery (http://127.0.0.1:") and "does not answer" in report.message
    assert store.watermark("bigquery") == 0

    bigquery_emulator.start()
    back = _run(store, s)
    assert (back.status, back.sent) == ("ok", 3), back.message
    assert _counts(s) == (3, 3, 9)


def test_csv_values() -> None:
    assert csv_value(Decimal("1E+2")) == "100"
    assert csv_value(Decimal("0.12345678951")) == "0.123456790"
    assert csv_value("a\r\nb\nc") == "a b c"
    assert csv_value(None) == ""
