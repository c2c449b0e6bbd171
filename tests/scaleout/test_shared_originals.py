"""resolve_original: a worker finds a job's original by hash, wherever intake archived it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from minimeter.errors import IntakeError
from minimeter.intake.archive import archive_path
from minimeter.intake.shared import resolve_original
from minimeter.settings import Settings, load_settings
from minimeter.store.sqlite import SQLiteStore
from tests.sync.conftest import Emulator, gcs_emulator  # noqa: F401 (fixture)

DATA = b"%PDF-1.4 a tiny stand-in for an original\n"
SHA = "sha256:" + hashlib.sha256(DATA).hexdigest()


def _job(settings: Settings, recorded: Path):  # type: ignore[no-untyped-def]
    store = SQLiteStore(settings.db_path, settings)
    try:
        return store.enqueue(SHA, "bill.pdf", len(DATA), str(recorded), "pdf")[0]
    finally:
        store.close()


def test_found_by_hash_in_this_machines_archive(settings: Settings, tmp_path: Path) -> None:
    job = _job(settings, tmp_path / "intake-machine" / "archive" / "xx" / "gone.pdf")
    local = archive_path(settings.archive_dir, SHA, "pdf")
    local.parent.mkdir(parents=True)
    local.write_bytes(DATA)
    assert resolve_original(job, settings) == local


def test_falls_back_to_the_recorded_path_and_skips_a_truncated_copy(settings: Settings, tmp_path: Path) -> None:
    recorded = tmp_path / "shared" / "orig.pdf"
    recorded.parent.mkdir()
    recorded.write_bytes(DATA)
    job = _job(settings, recorded)
    half = archive_path(settings.archive_dir, SHA, "pdf")
    half.parent.mkdir(parents=True)
    half.write_bytes(DATA[:10])  # an interrupted copy is not the original
    assert resolve_original(job, settings) == recorded


def test_absent_everywhere_is_a_clear_intake_error(settings: Settings, tmp_path: Path) -> None:
    job = _job(settings, tmp_path / "nowhere.pdf")
    with pytest.raises(IntakeError) as err:
        resolve_original(job, settings)
    assert "not on this machine" in err.value.message and str(tmp_path / "nowhere.pdf") in err.value.message
    assert err.value.hint


@pytest.mark.emulator
def test_fetched_from_cloud_storage_into_the_archive(minimeter_home: Path, tmp_path: Path,
                                                     gcs_emulator: Emulator) -> None:  # noqa: F811
    from google.auth.credentials import AnonymousCredentials
    from google.cloud import storage

    s = load_settings(minimeter_home, sync={"gcs": {"bucket": "mm-originals", "prefix": "originals/"}})
    s.ensure_dirs()
    job = _job(s, tmp_path / "other-machine.pdf")
    with pytest.raises(IntakeError, match="gs://mm-originals/originals/"):
        resolve_original(job, s)  # not uploaded yet
    client = storage.Client(project="test", credentials=AnonymousCredentials())
    client.bucket("mm-originals").blob(f"originals/{SHA[7:]}.pdf").upload_from_string(DATA)
    got = resolve_original(job, s)
    assert got == archive_path(s.archive_dir, SHA, "pdf") and got.read_bytes() == DATA
    client.bucket("mm-originals").blob(f"originals/{SHA[7:]}.pdf").upload_from_string(b"tampered")
    got.chmod(0o600)
    got.unlink()
    with pytest.raises(IntakeError, match="does not match"):
        resolve_original(job, s)
