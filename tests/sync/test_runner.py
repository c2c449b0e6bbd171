"""The runner's own rules, on a real SQLite store (no server needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from minimeter.errors import SyncError
from minimeter.settings import load_settings
from minimeter.store.sqlite import SQLiteStore
from minimeter.sync.runner import SyncRunner, build_batch, sync_lock
from tests.sync.builders import add_bills, correct


def test_batch_keeps_the_highest_version_of_each_job(minimeter_home: Path) -> None:
    s = load_settings(minimeter_home)
    s.ensure_dirs()
    store = SQLiteStore(s.db_path, s)
    jobs = add_bills(store, s.archive_dir, 3)
    correct(store, jobs[1].id)
    rows = store.outbox_after(0, 100)
    batch = build_batch(store, rows)
    assert batch.rows == 4 and batch.last_seq == 4
    assert [(i.job.id, i.bill.version) for i in batch.items] == [(jobs[0].id, 1), (jobs[2].id, 1), (jobs[1].id, 2)]


def test_one_sync_per_data_folder(minimeter_home: Path) -> None:
    s = load_settings(minimeter_home)
    s.ensure_dirs()
    store = SQLiteStore(s.db_path, s)
    with sync_lock(s), pytest.raises(SyncError, match="another `minimeter sync` is running"):
        SyncRunner(store, s, {"postgres": None}).run()
    # Released afterwards: the next run goes through.
    (report,) = SyncRunner(store, s, {"postgres": None}).run()
    assert report.status == "skipped"


def test_dry_run_and_unconfigured_targets_change_nothing(minimeter_home: Path) -> None:
    s = load_settings(minimeter_home)
    s.ensure_dirs()
    store = SQLiteStore(s.db_path, s)
    add_bills(store, s.archive_dir, 2)
    reports = SyncRunner(store, s, {"postgres": None, "gcs": None}).run(dry_run=True)
    assert [(r.name, r.status, r.pending) for r in reports] == [("postgres", "skipped", 2), ("gcs", "skipped", 2)]
    assert store.watermark("postgres") == 0 and store.sync_state() == []
