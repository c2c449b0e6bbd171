"""Cloud Storage target against gcp-storage-emulator: originals under their hash, never twice."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from minimeter.errors import ConfigError, OfflineError
from minimeter.settings import Settings, load_settings
from minimeter.store.sqlite import SQLiteStore
from minimeter.sync.gcs import GcsTarget
from minimeter.sync.runner import SyncRunner, TargetReport
from tests.sync.builders import add_bills, correct
from tests.sync.conftest import Emulator

pytestmark = pytest.mark.emulator


def _settings(home: Path, bucket: str = "mm-originals", batch: int = 4) -> Settings:
    s = load_settings(home, sync={"gcs": {"bucket": bucket, "prefix": "originals/"}, "batch_size": batch})
    s.ensure_dirs()
    return s


def _run(store: SQLiteStore, s: Settings, **kw: Any) -> TargetReport:
    (report,) = SyncRunner(store, s, {"gcs": GcsTarget(s)}).run(**kw)
    return report


def _objects(s: Settings) -> dict[str, Any]:
    target = GcsTarget(s)
    try:
        return {b.name: b for b in target.bucket.client.list_blobs(s.sync.gcs.bucket)}
    finally:
        target.close()


def test_originals_uploaded_once_under_their_hash(minimeter_home: Path, gcs_emulator: Emulator) -> None:
    s = _settings(minimeter_home)
    store = SQLiteStore(s.db_path, s)
    jobs = add_bills(store, s.archive_dir, 6)

    first = _run(store, s)
    assert (first.status, first.sent, first.written) == ("ok", 6, 6), first.message
    objects = _objects(s)
    assert sorted(objects) == sorted(f"originals/{j.sha256[7:]}.pdf" for j in jobs)
    for job in jobs:
        blob = objects[f"originals/{job.sha256[7:]}.pdf"]
        assert blob.metadata == {"sha256": job.sha256}
        assert "sha256:" + hashlib.sha256(blob.download_as_bytes()).hexdigest() == job.sha256

    assert _run(store, s).status == "up to date"
    # A correction is a new outbox row but the same original: looked at, not uploaded again.
    correct(store, jobs[0].id)
    again = _run(store, s)
    assert (again.status, again.sent, again.written) == ("ok", 1, 0)
    # Re-sending everything uploads nothing: every object is already there with the same hash.
    resend = _run(store, s, since=0)
    assert (resend.sent, resend.written) == (7, 0)
    assert len(_objects(s)) == 6


def test_missing_or_damaged_original_is_a_warning_not_a_stop(minimeter_home: Path, gcs_emulator: Emulator) -> None:
    s = _settings(minimeter_home)
    store = SQLiteStore(s.db_path, s)
    jobs = add_bills(store, s.archive_dir, 3)
    Path(jobs[0].archive_path).unlink()
    Path(jobs[1].archive_path).write_bytes(b"not the original")

    report = _run(store, s)
    assert (report.status, report.sent, report.written) == ("ok", 3, 1)
    assert len(report.warnings) == 2
    assert any("missing from the archive" in w for w in report.warnings)
    assert any("no longer matches its hash" in w for w in report.warnings)
    assert list(_objects(s)) == [f"originals/{jobs[2].sha256[7:]}.pdf"]


def test_missing_bucket_is_a_config_error(minimeter_home: Path, gcs_emulator: Emulator) -> None:
    s = _settings(minimeter_home, bucket="no-such-bucket")
    store = SQLiteStore(s.db_path, s)
    add_bills(store, s.archive_dir, 1)
    report = _run(store, s)
    assert report.status == "failed" and isinstance(report.error, ConfigError)
    assert "gs://no-such-bucket does not exist" in report.message
    assert store.watermark("gcs") == 0


def test_offline_loses_nothing(minimeter_home: Path, gcs_emulator: Emulator) -> None:
    s = _settings(minimeter_home)
    store = SQLiteStore(s.db_path, s)
    add_bills(store, s.archive_dir, 2)
    gcs_emulator.stop()
    report = _run(store, s)
    assert report.status == "offline" and isinstance(report.error, OfflineError)
    assert "Cloud Storage" in report.message and "does not answer" in report.message
    assert store.watermark("gcs") == 0
