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
