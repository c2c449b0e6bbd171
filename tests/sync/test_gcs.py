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


# --- layout templates beside the originals ----------------------------------------------------------
def _template(s: Settings, tid: str, bills_read: int = 0) -> None:
    from minimeter.templates.model import Anchor, Template, save

    t = Template(id=tid, provider="Example Power & Light", bills_read=bills_read,
                 fields={"total_amount_due": Anchor(fmt="money", label="Amount Due", relation="right",
                                                    label_box=[40.0, 100.0, 90.0, 110.0],
                                                    value_box=[300.0, 100.0, 340.0, 110.0], variant="us")})
    save(t, s.templates_dir / f"{tid}.toml")


def test_templates_pushed_beside_the_originals_once_per_content(minimeter_home: Path,
                                                                 gcs_emulator: Emulator) -> None:
    from minimeter.sync.templates import folder_id

    s = _settings(minimeter_home)
    store = SQLiteStore(s.db_path, s)
    _template(s, "example-aaa111")
    _template(s, "example-bbb222")
    (s.templates_dir / "broken.toml").write_text("id = 'Not Valid!'\n", encoding="utf-8")
    assert SyncRunner(store, s, {"gcs": GcsTarget(s)}).run(dry_run=True)[0].message.endswith(
        "would push 2 template(s)")

    # No bill to send, but templates changed: the target is contacted for them alone.
    first = _run(store, s)
    assert (first.status, first.sent, first.templates) == ("ok", 0, 2), first.message
    folder = folder_id(s)
    objects = _objects(s)
    names = sorted(n for n in objects if n.startswith("templates/"))
    assert names == [f"templates/{folder}/example-aaa111.toml", f"templates/{folder}/example-bbb222.toml"]
    blob = objects[names[0]]
    assert blob.download_as_bytes() == (s.templates_dir / "example-aaa111.toml").read_bytes()
    assert blob.metadata["template"] == "example-aaa111" and blob.metadata["folder"] == folder

    assert _run(store, s).status == "up to date"  # nothing changed: not contacted
    _template(s, "example-aaa111", bills_read=3)  # this folder read a bill with it: its counter moved
    add_bills(store, s.archive_dir, 1)
    again = _run(store, s)
    assert (again.sent, again.written, again.templates) == (1, 1, 1), again.message
    assert b"bills_read = 3" in _objects(s)[names[0]].download_as_bytes()
    # --since offers every template again; the bucket already has each one as it is: nothing is written.
    resend = _run(store, s, since=0)
    assert (resend.status, resend.templates) == ("ok", 0)


def test_each_data_folder_keeps_its_own_template_counters(tmp_path: Path, gcs_emulator: Emulator) -> None:
    homes = [tmp_path / "laptop-a", tmp_path / "laptop-b"]
    for n, home in enumerate(homes):
        s = _settings(home)
        _template(s, "shared-layout", bills_read=10 * (n + 1))  # one template imported on both laptops
        assert _run(SQLiteStore(s.db_path, s), s).templates == 1
    objects = {k: v for k, v in _objects(_settings(homes[0])).items() if k.startswith("templates/")}
    assert len(objects) == 2  # one per data folder: neither overwrote the other's counts
    assert sorted(b"bills_read = 10" in o.download_as_bytes() or b"bills_read = 20" in o.download_as_bytes()
                  for o in objects.values()) == [True, True]


def test_templates_offline_stay_pending(minimeter_home: Path, gcs_emulator: Emulator) -> None:
    s = _settings(minimeter_home)
    store = SQLiteStore(s.db_path, s)
    _template(s, "example-ccc333")
    gcs_emulator.stop()
    report = _run(store, s)
    assert report.status == "offline" and report.templates == 0
    gcs_emulator.start()  # in memory: the bucket comes back empty
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import storage

    client = storage.Client(project="test", credentials=AnonymousCredentials())
    client.create_bucket("mm-originals")
    client.close()
    assert _run(store, s).templates == 1
