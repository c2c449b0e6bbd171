"""Postgres target against the real server: exactly once, corrections win, offline loses nothing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from minimeter.errors import OfflineError
from minimeter.settings import Settings, load_settings
from minimeter.store.sqlite import SQLiteStore
from minimeter.sync.postgres import PostgresTarget
from minimeter.sync.runner import SyncRunner
from tests.sync.builders import add_bills, correct
from tests.sync.conftest import free_port, pg_rows

pytestmark = pytest.mark.postgres


def _settings(home: Path, url: str, batch: int = 4) -> Settings:
    s = load_settings(home, sync={"postgres": {"url": url}, "batch_size": batch})
    s.ensure_dirs()
    return s


def _run(store: SQLiteStore, s: Settings, **kw: object) -> object:
    runner = SyncRunner(store, s, {"postgres": PostgresTarget(s)})
    (report,) = runner.run(**kw)  # type: ignore[arg-type]
    return report


def _counts(url: str) -> tuple[int, int, int]:
    return tuple(  # type: ignore[return-value]
        pg_rows(url, f"SELECT count(*) FROM minimeter.{t}")[0][0] for t in ("bills", "meters", "line_items")
    )


def test_first_sync_sends_everything_second_sends_nothing(minimeter_home: Path, pg_url: str) -> None:
    s = _settings(minimeter_home, pg_url)
    store = SQLiteStore(s.db_path, s)
    add_bills(store, s.archive_dir, 10)

    first = _run(store, s)
    assert (first.status, first.sent, first.written) == ("ok", 10, 10)  # type: ignore[attr-defined]
    assert store.watermark("postgres") == store.outbox_max() == 10
    assert _counts(pg_url) == (10, 10, 30)
    row = pg_rows(
        pg_url,
        "SELECT version, total_amount_due, service_address, billing_period_start, data->>'account_number'"
        " FROM minimeter.bills WHERE account_number = 'ACCT-000003'",
    )[0]
    assert row[0] == 1 and row[1] == Decimal("33.75") and row[2] == "12 Main St, Apt B\nSpringfield"
    assert str(row[3]) == "2024-01-04" and row[4] == "ACCT-000003"
    synced = pg_rows(pg_url, "SELECT max(synced_at) FROM minimeter.bills")[0][0]

    second = _run(store, s)
    assert (second.status, second.sent, second.written) == ("up to date", 0, 0)  # type: ignore[attr-defined]
    assert _counts(pg_url) == (10, 10, 30)
    assert pg_rows(pg_url, "SELECT max(synced_at) FROM minimeter.bills")[0][0] == synced
    assert pg_rows(pg_url, "SELECT count(*) FROM minimeter.minimeter_migrations")[0][0] == 1


def test_correction_replaces_the_earlier_version(minimeter_home: Path, pg_url: str) -> None:
    s = _settings(minimeter_home, pg_url)
    store = SQLiteStore(s.db_path, s)
    jobs = add_bills(store, s.archive_dir, 5)
    _run(store, s)
    correct(store, jobs[2].id, lines=1, total="99.99")

    report = _run(store, s)
    assert (report.sent, report.written) == (1, 1)  # type: ignore[attr-defined]
    assert _counts(pg_url) == (5, 5, 13)
    bill = pg_rows(
        pg_url,
        f"SELECT version, total_amount_due, source, reviewer FROM minimeter.bills "
        f"WHERE job_sha256 = '{jobs[2].sha256}'",
    )
    assert bill == [(2, Decimal("99.99"), "review", "tester")]
    items = pg_rows(
        pg_url,
        f"SELECT idx, amount, version FROM minimeter.line_items WHERE job_sha256 = '{jobs[2].sha256}' ORDER BY idx",
    )
    assert items == [(0, Decimal("99.99"), 2)]

    # Re-sending everything from the start (both versions) must not bring version 1 back.
    again = _run(store, s, since=0)
    assert again.sent == 6  # type: ignore[attr-defined]
    assert _counts(pg_url) == (5, 5, 13)
    assert pg_rows(pg_url, f"SELECT version FROM minimeter.bills WHERE job_sha256 = '{jobs[2].sha256}'") == [(2,)]


def test_old_version_alone_never_overwrites_a_newer_one(minimeter_home: Path, pg_url: str) -> None:
    s = _settings(minimeter_home, pg_url, batch=1)  # one outbox row per batch: v1 arrives on its own
    store = SQLiteStore(s.db_path, s)
    (job,) = add_bills(store, s.archive_dir, 1)
    correct(store, job.id, lines=2, total="50.00")
    _run(store, s)  # batch 1 = v1, batch 2 = v2
    assert pg_rows(pg_url, "SELECT version FROM minimeter.bills") == [(2,)]
    _run(store, s, since=0)
    assert pg_rows(pg_url, "SELECT version, total_amount_due FROM minimeter.bills") == [(2, Decimal("50.00"))]
    assert pg_rows(pg_url, "SELECT count(*), max(version) FROM minimeter.line_items") == [(2, 2)]


def test_offline_gives_a_clear_message_and_loses_nothing(minimeter_home: Path, pg_url: str) -> None:
    dead = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/test"
    s = _settings(minimeter_home, dead)
    store = SQLiteStore(s.db_path, s)
    add_bills(store, s.archive_dir, 3)

    report = _run(store, s)
    assert report.status == "offline" and isinstance(report.error, OfflineError)  # type: ignore[attr-defined]
    assert "Postgres does not answer" in report.message and "\n" not in report.message  # type: ignore[attr-defined]
    assert store.watermark("postgres") == 0
    assert store.sync_state()[0]["last_error"].startswith("Postgres does not answer")

    back = _run(store, _settings(minimeter_home, pg_url))
    assert (back.status, back.sent) == ("ok", 3)  # type: ignore[attr-defined]
    assert _counts(pg_url) == (3, 3, 9)
    assert store.sync_state()[0]["last_error"] is None


def test_bad_url_is_a_config_error_that_does_not_echo_the_password(minimeter_home: Path) -> None:
    from minimeter.errors import ConfigError

    s = _settings(minimeter_home, "notadriver://user:s3cret@host/db")
    with pytest.raises(ConfigError) as err:
        PostgresTarget(s).check()
    assert "s3cret" not in err.value.one_line() and "Postgres URL is not usable" in err.value.one_line()
