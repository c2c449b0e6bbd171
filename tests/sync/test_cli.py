"""``minimeter sync`` as a user runs it, in a subprocess: SIGKILL between commit and watermark,
one target down while another works, offline and misconfigured targets."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from minimeter.settings import load_settings
from minimeter.store.sqlite import SQLiteStore
from tests.sync.builders import add_bills
from tests.sync.conftest import Emulator, free_port, pg_rows, subprocess_env


def _home(tmp_path: Path, config: str, n: int) -> tuple[Path, SQLiteStore]:
    home = tmp_path / "laptop"
    home.mkdir()
    (home / "config.toml").write_text(config, encoding="utf-8")
    s = load_settings(home)
    s.ensure_dirs()
    store = SQLiteStore(s.db_path, s)
    add_bills(store, s.archive_dir, n)
    return home, store


def _sync(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "minimeter", "sync", *args],
        env=subprocess_env(home, COLUMNS="200", **env),
        capture_output=True,
        text=True,
        timeout=180,
    )


def _pg_config(url: str) -> str:
    return f'[sync]\nbatch_size = 3\n[sync.postgres]\nurl = "{url}"\n'


def _bq_config(endpoint: str) -> str:
    return f'[sync.bigquery]\nproject = "mm-test"\ndataset = "field"\napi_endpoint = "{endpoint}"\n'


def _bq(endpoint: str, sql: str) -> list[dict[str, Any]]:
    from google.api_core.client_options import ClientOptions
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import bigquery

    client = bigquery.Client(
        project="mm-test", credentials=AnonymousCredentials(), client_options=ClientOptions(api_endpoint=endpoint)
    )
    try:
        return [dict(r) for r in client.query(sql).result()]
    finally:
        client.close()


@pytest.mark.postgres
@pytest.mark.reliability
def test_sigkill_after_postgres_commit_then_rerun_leaves_one_copy(tmp_path: Path, pg_url: str) -> None:
    home, store = _home(tmp_path, _pg_config(pg_url), 8)

    killed = _sync(home, "--target", "postgres", MINIMETER_FAULT="after_commit:postgres:2")
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    # Batches 1 and 2 are in Postgres; only batch 1's watermark made it.
    assert store.watermark("postgres") == 3
    assert pg_rows(pg_url, "SELECT count(*) FROM minimeter.bills") == [(6,)]

    rerun = _sync(home, "--target", "postgres")
    assert rerun.returncode == 0, rerun.stderr
    assert store.watermark("postgres") == 8
    assert pg_rows(pg_url, "SELECT count(*), count(DISTINCT job_sha256) FROM minimeter.bills") == [(8, 8)]
    assert pg_rows(pg_url, "SELECT count(*) FROM minimeter.meters") == [(8,)]
    assert pg_rows(pg_url, "SELECT count(*), count(DISTINCT (job_sha256, idx)) FROM minimeter.line_items") == [(24, 24)]


@pytest.mark.emulator
@pytest.mark.reliability
def test_sigkill_after_bigquery_merge_then_rerun_leaves_one_copy(tmp_path: Path, bigquery_emulator: Emulator) -> None:
    endpoint = bigquery_emulator.endpoint
    home, store = _home(tmp_path, "[sync]\nbatch_size = 3\n" + _bq_config(endpoint), 8)

    killed = _sync(home, "--target", "bigquery", MINIMETER_FAULT="after_commit:bigquery:2")
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert store.watermark("bigquery") == 3
    assert _bq(endpoint, "SELECT COUNT(*) AS n FROM `mm-test.field.bills`") == [{"n": 6}]

    rerun = _sync(home, "--target", "bigquery")
    assert rerun.returncode == 0, rerun.stderr
    assert store.watermark("bigquery") == 8
    # BigQuery has no primary keys: only the MERGE keeps this at one copy per bill.
    assert _bq(endpoint, "SELECT COUNT(*) AS n, COUNT(DISTINCT job_sha256) AS d FROM `mm-test.field.bills`") == [
        {"n": 8, "d": 8}
    ]
    assert _bq(endpoint, "SELECT COUNT(*) AS n FROM `mm-test.field.line_items`") == [{"n": 24}]
    assert _bq(endpoint, "SELECT COUNT(*) AS n FROM `mm-test.field.meters`") == [{"n": 8}]


@pytest.mark.postgres
@pytest.mark.emulator
@pytest.mark.reliability
def test_postgres_succeeds_bigquery_fails_only_bigquery_is_retried(
    tmp_path: Path, pg_url: str, bigquery_emulator: Emulator
) -> None:
    endpoint = bigquery_emulator.endpoint
    home, store = _home(tmp_path, _pg_config(pg_url) + _bq_config(endpoint), 5)
    bigquery_emulator.stop()

    first = _sync(home)
    assert first.returncode == 1
    errors = [line for line in first.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "Traceback" not in first.stderr
    assert "bigquery" in errors[0] and "does not answer" in errors[0] and "stay queued" in errors[0]
    assert "postgres" in first.stdout and "ok" in first.stdout
    assert (store.watermark("postgres"), store.watermark("bigquery")) == (5, 0)
    synced = pg_rows(pg_url, "SELECT max(synced_at), count(*) FROM minimeter.bills")

    bigquery_emulator.start()
    second = _sync(home)
    assert second.returncode == 0, second.stderr
    lines = {line.split("│")[1].strip(): line for line in second.stdout.splitlines() if line.count("│") > 3}
    assert "up to date" in lines["postgres"] and " ok " in lines["bigquery"]
    assert (store.watermark("postgres"), store.watermark("bigquery")) == (5, 5)
    assert pg_rows(pg_url, "SELECT max(synced_at), count(*) FROM minimeter.bills") == synced  # not re-sent
    assert _bq(endpoint, "SELECT COUNT(*) AS n FROM `mm-test.field.bills`") == [{"n": 5}]


@pytest.mark.postgres
def test_offline_message_and_exit_code(tmp_path: Path) -> None:
    home, store = _home(tmp_path, _pg_config(f"postgresql://postgres@127.0.0.1:{free_port()}/test"), 2)
    result = _sync(home)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith("Error: postgres: Postgres does not answer")
    assert "Traceback" not in result.stderr
    assert store.watermark("postgres") == 0 and store.outbox_max() == 2


def test_named_unconfigured_target_is_an_error_all_skips_it(tmp_path: Path) -> None:
    home, _ = _home(tmp_path, "", 1)
    named = _sync(home, "--target", "bigquery")
    assert named.returncode == 1
    assert "BigQuery is not configured" in named.stderr and "sync.bigquery.project" in named.stderr
    nothing = _sync(home)
    assert nothing.returncode == 1 and "no sync target is configured" in nothing.stderr
    dry = _sync(home, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert dry.stdout.count("not configured") == 3


@pytest.mark.postgres
def test_dry_run_sends_nothing(tmp_path: Path, pg_url: str) -> None:
    home, store = _home(tmp_path, _pg_config(pg_url), 4)
    dry = _sync(home, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "would send outbox rows 1..4" in dry.stdout
    assert store.watermark("postgres") == 0
    assert pg_rows(pg_url, "SELECT count(*) FROM pg_namespace WHERE nspname = 'minimeter'") == [(0,)]
