from __future__ import annotations

import hashlib
import shutil
import threading
import time
from pathlib import Path

import pytest

from minimeter.intake.archive import archive_path
from minimeter.intake.inbox import Inbox, is_ignored
from minimeter.intake.watcher import InboxWatcher
from minimeter.store.sqlite import SQLiteStore
from tests.helpers import bill_lines, make_pdf


@pytest.fixture
def store(settings):
    s = SQLiteStore(settings.db_path, settings)
    yield s
    s.close()


def wait_for(pred, timeout=10.0, step=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return True
        time.sleep(step)
    return False


def test_same_bytes_under_three_names_make_one_job(settings, store, tmp_path):
    src = make_pdf(tmp_path / "src.pdf", bill_lines())
    for name in ("a.pdf", "b copy.pdf", "sub/../c.PDF"):
        dest = settings.inbox_dir / Path(name).name
        shutil.copy(src, dest)
    inbox = Inbox(settings, store)
    inbox.scan()
    time.sleep(settings.stable_seconds + 0.05)
    results = inbox.scan()
    assert len(results) == 3
    assert sum(r.created for r in results) == 1
    assert len(store.list_jobs()) == 1
    job = store.list_jobs()[0]
    kinds = [e.kind for e in store.events(job.id)]
    assert kinds.count("duplicate") == 2
    # originals moved out of the way, nothing deleted
    assert sorted(p.name for p in (settings.inbox_dir / "processed").iterdir()) == ["a.pdf", "b copy.pdf", "c.PDF"]
    # archived by content hash, read-only
    sha = "sha256:" + hashlib.sha256(src.read_bytes()).hexdigest()
    arch = archive_path(settings.archive_dir, sha, "pdf")
    assert job.sha256 == sha and Path(job.archive_path) == arch and arch.read_bytes() == src.read_bytes()
    assert arch.stat().st_mode & 0o222 == 0


def test_temp_names_are_ignored_until_renamed(settings, store, tmp_path):
    names = ["bill.pdf.part", "bill.pdf.partial", "bill.pdf.crdownload", "bill.tmp", "~syncthing~bill.pdf.tmp",
             ".syncthing.bill.pdf.tmp", ".DS_Store", "._bill.pdf", ".hidden.pdf"]
    assert all(is_ignored(n) for n in names)
    assert not is_ignored("bill.pdf")
    src = make_pdf(tmp_path / "x.pdf", bill_lines())
    for n in names:
        shutil.copy(src, settings.inbox_dir / n)
    inbox = Inbox(settings, store)
    for _ in range(3):
        assert inbox.scan() == []
        time.sleep(settings.stable_seconds)
    (settings.inbox_dir / "bill.pdf.part").rename(settings.inbox_dir / "bill.pdf")
    inbox.scan()
    time.sleep(settings.stable_seconds + 0.05)
    taken = inbox.scan()
    assert [r.path.name for r in taken] == ["bill.pdf"] and taken[0].created


def test_slow_copy_is_taken_once_when_complete(settings, store, tmp_path):
    src = make_pdf(tmp_path / "big.pdf", bill_lines() * 30, pages=20)
    data = src.read_bytes()
    dest = settings.inbox_dir / "slow.pdf"
    settings.stable_seconds = 0.6

    def copy_slowly() -> None:
        with dest.open("wb") as fh:
            for i in range(0, len(data), max(1, len(data) // 12)):
                fh.write(data[i : i + len(data) // 12])
                fh.flush()
                time.sleep(0.15)

    watcher = InboxWatcher(settings, store)
    writer = threading.Thread(target=copy_slowly)
    writer.start()
    watcher.start()
    try:
        writer.join()
        assert wait_for(lambda: len(store.list_jobs()) == 1, timeout=15)
        time.sleep(1.0)
        jobs = store.list_jobs()
        assert len(jobs) == 1
        assert jobs[0].sha256 == "sha256:" + hashlib.sha256(data).hexdigest()
    finally:
        watcher.stop()


def test_zero_byte_file_filled_later_makes_one_real_job(settings, store, tmp_path):
    src = make_pdf(tmp_path / "z.pdf", bill_lines())
    dest = settings.inbox_dir / "z.pdf"
    dest.touch()
    inbox = Inbox(settings, store)
    for _ in range(3):
        inbox.scan()
        time.sleep(settings.stable_seconds)
    assert store.list_jobs() == []
    dest.write_bytes(src.read_bytes())
    inbox.scan()
    time.sleep(settings.stable_seconds + 0.05)
    assert [r.created for r in inbox.scan()] == [True]
    assert store.list_jobs()[0].size == len(src.read_bytes())


def test_watcher_picks_up_files_added_while_down_and_live(settings, store, tmp_path):
    make_pdf(settings.inbox_dir / "before.pdf", bill_lines(total="1.00"))
    watcher = InboxWatcher(settings, store)
    watcher.start()
    try:
        assert wait_for(lambda: len(store.list_jobs()) == 1)
        make_pdf(tmp_path / "live.pdf", bill_lines(total="2.00"))
        shutil.move(tmp_path / "live.pdf", settings.inbox_dir / "live.pdf")
        assert wait_for(lambda: len(store.list_jobs()) == 2)
    finally:
        watcher.stop()


def test_polling_mode_and_tenant_subfolders(settings, store):
    settings.watch_mode = "polling"
    make_pdf(settings.inbox_dir / "acme" / "a.pdf", bill_lines(total="3.00"))
    watcher = InboxWatcher(settings, store)
    watcher.start()
    try:
        assert wait_for(lambda: len(store.list_jobs()) == 1)
        assert store.list_jobs()[0].tenant == "acme"
        assert (settings.inbox_dir / "acme" / "a.pdf").exists() is False
    finally:
        watcher.stop()


def test_symlink_out_of_the_inbox_is_refused(settings, store, tmp_path):
    secret = tmp_path / "secret.pdf"
    make_pdf(secret, bill_lines())
    (settings.inbox_dir / "link.pdf").symlink_to(secret)
    inbox = Inbox(settings, store)
    inbox.scan()
    time.sleep(settings.stable_seconds + 0.05)
    results = inbox.scan()
    assert results and results[0].job is None and "symbolic link" in results[0].error
    assert store.list_jobs() == []
    assert (settings.inbox_dir / "failed" / "link.pdf.reason.txt").exists()
    assert secret.exists()


# --- `minimeter process DIR`: links and special files inside a folder, as the inbox treats them ----
def _process(home: Path, *args: str) -> tuple[int, dict]:
    import json
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("MINIMETER_")}
    env.update(MINIMETER_HOME=str(home), COLUMNS="200")
    out = subprocess.run([sys.executable, "-m", "minimeter", "process", "--no-work", "--json", *args],
                         cwd=Path(__file__).resolve().parents[2], env=env, capture_output=True, text=True,
                         timeout=120)
    assert "Traceback" not in out.stderr, out.stderr
    return out.returncode, json.loads(out.stdout)


def _archived(settings) -> list[bytes]:
    return [p.read_bytes() for p in settings.archive_dir.rglob("*") if p.is_file()]


def test_process_folder_refuses_links_and_special_files_inside_it(settings, tmp_path):
    import os

    outside = tmp_path / "elsewhere"
    secret = make_pdf(outside / "secret.pdf", bill_lines(account="999999999"))
    make_pdf(outside / "nested" / "deep.pdf", bill_lines(total="8.00"))
    folder = tmp_path / "shared"
    real = make_pdf(folder / "real.pdf", bill_lines(total="1.00"))
    (folder / "link.pdf").symlink_to(secret)
    (folder / "sub").mkdir()
    (folder / "sub" / "dirlink").symlink_to(outside / "nested", target_is_directory=True)
    os.mkfifo(folder / "pipe.pdf")
    code, out = _process(settings.home, str(folder))
    assert code == 1  # something was not taken
    assert [j["file"] for j in out["jobs"]] == ["real.pdf"]
    refused = {Path(e["file"]).name: e["error"] for e in out["intake_errors"]}
    assert set(refused) == {"link.pdf", "dirlink", "pipe.pdf"}
    assert all("symbolic links and special files are not taken" in e for e in refused.values())
    assert _archived(settings) == [real.read_bytes()]  # the secret never reached the archive
    assert secret.exists() and (folder / "link.pdf").is_symlink()  # nothing outside was touched

    # A link named on the command line is the user's explicit choice: it is followed.
    code, out = _process(settings.home, str(folder / "link.pdf"))
    assert code == 0 and out["new"] == 1
    assert sorted(_archived(settings)) == sorted([real.read_bytes(), secret.read_bytes()])


# --- content that no reader takes: recorded, never archived ---------------------------------------
NOT_BILLS = {
    "random.pdf": bytes(range(256)) * 40,
    "notes.pdf": b"just some text, not a PDF\n",
    "page.pdf": b"<!doctype html><html><body>Your bill</body></html>",
}


def test_content_no_reader_takes_is_recorded_but_not_archived(settings, store, fake_extractor):
    for name, data in NOT_BILLS.items():
        (settings.inbox_dir / name).write_bytes(data)
    make_pdf(settings.inbox_dir / "bill.pdf", bill_lines())
    inbox = Inbox(settings, store)
    inbox.scan()
    time.sleep(settings.stable_seconds + 0.05)
    results = {r.path.name: r for r in inbox.scan()}
    assert set(results) == {*NOT_BILLS, "bill.pdf"}
    assert results["bill.pdf"].error is None
    archived = _archived(settings)
    assert len(archived) == 1 and archived[0].startswith(b"%PDF")
    for name, data in NOT_BILLS.items():
        r = results[name]
        assert r.job is not None and r.created and "not a PDF or an image" in (r.error or "")
        job = store.get_job(r.job.id)
        assert job.sha256 == "sha256:" + hashlib.sha256(data).hexdigest() and job.size == len(data)
        assert job.status == "FAILED" and job.last_error == r.error and "\n" not in job.last_error
        assert job.archive_path == "" and job.next_attempt_at is None  # nothing kept, never retried by itself
        assert (settings.inbox_dir / "failed" / f"{name}.reason.txt").read_text().strip() == r.error
    from minimeter.worker import drain

    outcomes = drain(settings, store)
    assert [o.job_id for o in outcomes] == [results["bill.pdf"].job.id]  # no worker claims a refused job

    # The same bytes again: the one job gets a duplicate event; still nothing archived.
    (settings.inbox_dir / "again.pdf").write_bytes(NOT_BILLS["random.pdf"])
    inbox.scan()
    time.sleep(settings.stable_seconds + 0.05)
    (again,) = inbox.scan()
    assert again.job.id == results["random.pdf"].job.id and not again.created and again.error
    assert "duplicate" in [e.kind for e in store.events(again.job.id)]
    assert len(_archived(settings)) == 1

    # A person may retry it: the worker says there is no original, in one line, and gives up.
    store.retry(again.job.id)
    drain(settings, store)
    job = store.get_job(again.job.id)
    assert job.status == "FAILED" and "no original" in job.last_error and job.next_attempt_at is None


def test_empty_file_is_refused_with_its_reason(settings, store):
    empty = settings.inbox_dir / "empty.pdf"
    empty.touch()
    r = Inbox(settings, store).take(empty, move=False)
    assert r.error == "the file is empty (0 bytes)" and r.job is not None and r.job.size == 0
    assert _archived(settings) == []


def test_process_keeps_non_bills_out_of_the_archive(settings, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name, data in NOT_BILLS.items():
        (folder / name).write_bytes(data)
    make_pdf(folder / "bill.pdf", bill_lines())
    code, out = _process(settings.home, str(folder))
    assert code == 1
    by_file = {j["file"]: j for j in out["jobs"]}
    assert set(by_file) == {*NOT_BILLS, "bill.pdf"}
    for name in NOT_BILLS:
        assert by_file[name]["status"] == "FAILED" and "not a PDF or an image" in by_file[name]["reason"]
    assert by_file["bill.pdf"]["status"] == "PENDING"
    archived = _archived(settings)
    assert len(archived) == 1 and archived[0].startswith(b"%PDF")


@pytest.mark.parametrize("engine", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_refused_job_on_both_stores(settings, tmp_path, engine):
    """Both job stores record refused content the same way: FAILED with its reason, never claimable."""
    from contextlib import nullcontext

    from minimeter.store import open_store
    from tests.store_contract.pg import temp_database

    where = temp_database("mm_refused") if engine == "postgres" else nullcontext(None)
    with where as url:
        store = open_store(settings, url)
        try:
            junk = tmp_path / "junk.pdf"
            junk.write_bytes(b"PK\x03\x04 a zip named .pdf")
            r = Inbox(settings, store).take(junk, move=False)
            job = store.get_job(r.job.id)
            assert job.status == "FAILED" and job.last_error == r.error and job.archive_path == ""
            assert job.size == junk.stat().st_size and job.attempts == 0
            assert store.claim("w") is None
            assert [e.to_status for e in store.events(job.id) if e.kind == "created"] == ["FAILED"]
        finally:
            store.close()
