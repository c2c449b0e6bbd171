"""RELIABILITY.md cases 1, 7, 8: slow copies in polling mode, files that cannot be opened, files
that vanish mid-intake. The intake must take what is complete exactly once, retry what it cannot
read with backoff and then fail it visibly, and never let one file stop the scan."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import tempfile
import threading
import time
from pathlib import Path

import pytest

import minimeter.intake.inbox as inbox_mod
from minimeter.intake.inbox import MAX_TAKE_FAILURES, Inbox
from minimeter.service import Service
from minimeter.settings import load_settings
from minimeter.store.sqlite import SQLiteStore
from scripts.hostile_corpus import FONT, build_pdf, stream
from tests.reliability._bills import bill_text, text_pdf, write_bill
from tests.reliability.conftest import DONE, db_facts

pytestmark = pytest.mark.reliability


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def _scan(inbox: Inbox, clock: Clock, step: float = 120.0) -> list:  # type: ignore[type-arg]
    out = inbox.scan()
    clock.t += step
    return out


def _big_bill(mb: int) -> bytes:
    lines = bill_text(4242)
    page = text_pdf(lines)  # reuse its content stream text by building a padded variant
    content = page[page.index(b"stream\n") + 7: page.index(b"\nendstream")]
    return build_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        stream(content), FONT, stream(os.urandom(mb << 20))])


@pytest.mark.slow
def test_slow_copy_in_polling_mode_is_one_job_of_the_final_bytes(minimeter_home, store, fake_extractor):
    settings = load_settings(minimeter_home, extractor="fake", watch_mode="polling", stable_seconds=1.0,
                             rescan_seconds=0.5)
    settings.ensure_dirs()
    data = _big_bill(8)
    service = Service(settings, store, workers=1)
    service.start()
    try:
        dest = settings.inbox_dir / "slow.pdf"
        piece = len(data) // 32 + 1
        with dest.open("wb") as fh:  # 8 MB in 32 pieces, with pauses shorter than stable_seconds
            for n, i in enumerate(range(0, len(data), piece)):
                fh.write(data[i: i + piece])
                fh.flush()
                time.sleep(0.6 if n % 8 == 7 else 0.03)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not store.list_jobs(DONE):
            time.sleep(0.2)
    finally:
        service.stop()
    jobs = store.list_jobs()
    assert len(jobs) == 1 and jobs[0].status in DONE, jobs[0].last_error
    assert jobs[0].sha256 == "sha256:" + hashlib.sha256(data).hexdigest()
    assert not (settings.inbox_dir / "failed").exists()


def test_fifo_and_directory_named_like_bills_do_not_block_the_scan(settings, store, fake_extractor):
    inbox_dir = settings.inbox_dir
    os.mkfifo(inbox_dir / "bill.pdf")  # opening a FIFO for reading would block forever
    (inbox_dir / "folder.pdf").mkdir()  # a sub-folder is a tenant; an empty one is nothing
    write_bill(inbox_dir / "real.pdf", 1)
    clock = Clock()
    inbox = Inbox(settings, store, clock=clock)
    results: list = []  # type: ignore[type-arg]
    t = threading.Thread(target=lambda: [results.extend(_scan(inbox, clock)) for _ in range(3)], daemon=True)
    t.start()
    t.join(20)
    assert not t.is_alive(), "the scan hung on a FIFO"
    by_name = {r.path.name: r for r in results}
    assert by_name["real.pdf"].job is not None
    assert "special files are not taken" in (by_name["bill.pdf"].error or "")
    assert (inbox_dir / "failed" / "bill.pdf.reason.txt").is_file()
    assert (inbox_dir / "folder.pdf").is_dir()
    assert db_facts(settings.db_path)["jobs"] == 1


def test_unreadable_file_is_retried_with_backoff_then_failed_visibly(fake_extractor):
    """Run the intake as an unprivileged user (root reads anything) against a root-only file."""
    if os.geteuid() != 0:
        pytest.skip("needs root to create a root-only file and drop to another user")
    nobody = 65534
    base = Path(tempfile.mkdtemp(prefix="mm-unreadable-"))
    try:
        base.chmod(0o755)
        home = base / "home"
        settings = load_settings(home, extractor="fake", stable_seconds=0.2)
        settings.ensure_dirs()
        for p in [home, *home.rglob("*")]:
            os.chown(p, nobody, nobody)
        secret = write_bill(settings.inbox_dir / "locked.pdf", 2)
        secret.chmod(0o600)  # root's file: nobody cannot open it
        fine = write_bill(settings.inbox_dir / "fine.pdf", 3)
        os.chown(fine, nobody, nobody)
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: drop to nobody, run the real intake, report on the pipe
            code = 1
            try:
                os.close(r)
                os.setgid(nobody)
                os.setuid(nobody)
                store = SQLiteStore(settings.db_path, settings)
                clock = Clock()
                inbox = Inbox(settings, store, clock=clock)
                log = []
                for _ in range(40):
                    for res in inbox.scan():
                        log.append(f"{res.path.name}|{res.job is not None}|{res.error or ''}")
                    clock.t += 1.0  # backoff doubles: 2, 4, 8, 16 s of (fake) time
                os.write(w, "\n".join(log).encode())
                store.close()
                code = 0
            finally:
                os._exit(code)
        os.close(w)
        with os.fdopen(r) as fh:
            lines = fh.read().splitlines()
        _, status = os.waitpid(pid, 0)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
        locked = [line.split("|") for line in lines if line.startswith("locked.pdf|")]
        assert len(locked) == MAX_TAKE_FAILURES, lines
        assert all(job == "False" and "Permission denied" in err for _, job, err in locked), locked
        assert any(line.startswith("fine.pdf|True|") for line in lines)
        reason = (settings.inbox_dir / "failed" / "locked.pdf.reason.txt").read_text()
        assert "cannot read the file" in reason and "\n" not in reason.strip()
        conn = sqlite3.connect(settings.db_path)
        assert conn.execute("SELECT original_name FROM jobs").fetchall() == [("fine.pdf",)]
        conn.close()
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.mark.parametrize("when", ["before_hash", "before_archive", "after_archive"])
def test_file_vanishing_mid_intake_never_stops_the_scan(settings, store, monkeypatch, when):
    inbox_dir = settings.inbox_dir
    victim = write_bill(inbox_dir / "a-vanishes.pdf", 10)
    write_bill(inbox_dir / "b-stays.pdf", 11)
    real_hash, real_archive = inbox_mod.hash_file, inbox_mod.archive_file

    def hash_file(path: Path):  # type: ignore[no-untyped-def]
        if when == "before_hash" and path == victim:
            path.unlink()
        return real_hash(path)

    def archive_file(src: Path, *a, **k):  # type: ignore[no-untyped-def]
        if when == "before_archive" and src == victim:
            src.unlink()
        out = real_archive(src, *a, **k)
        if when == "after_archive" and src == victim:
            src.unlink()
        return out

    monkeypatch.setattr(inbox_mod, "hash_file", hash_file)
    monkeypatch.setattr(inbox_mod, "archive_file", archive_file)
    clock = Clock()
    inbox = Inbox(settings, store, clock=clock)
    results = _scan(inbox, clock) + _scan(inbox, clock)
    by_name = {r.path.name: r for r in results}
    assert by_name["b-stays.pdf"].job is not None, "the scan stopped at the vanished file"
    vanished = by_name["a-vanishes.pdf"]
    if when == "after_archive":
        assert vanished.job is not None and vanished.error is None  # archived before it went: taken
    else:
        assert vanished.job is None and "vanished" in (vanished.error or "")
    assert not [p for p in settings.archive_dir.rglob(".incoming*")]
    assert db_facts(settings.db_path)["jobs"] == (2 if when == "after_archive" else 1)
