from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from minimeter.intake.inbox import Inbox
from minimeter.store.sqlite import SQLiteStore
from minimeter.worker import drain
from tests.helpers import bill_lines, make_pdf

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(settings):
    s = SQLiteStore(settings.db_path, settings)
    yield s
    s.close()


def enqueue_files(settings, store, paths):
    inbox = Inbox(settings, store)
    return [inbox.take(p, move=False).job for p in paths]


def test_end_to_end_with_a_registered_extractor(settings, store, fake_extractor, tmp_path):
    paths = [make_pdf(tmp_path / f"b{i}.pdf", bill_lines(total=f"{100 + i}.50")) for i in range(3)]
    enqueue_files(settings, store, paths)
    outcomes = drain(settings, store)
    assert [o.status for o in outcomes] == ["SUCCEEDED"] * 3
    totals = sorted(str(store.current_bill(j.id).result.bill.total_amount_due) for j in store.list_jobs())
    assert totals == ["100.50", "101.50", "102.50"]
    # asking again is a lookup: the same bytes under a new name cost no extraction
    calls = fake_extractor.calls
    (tmp_path / "renamed.pdf").write_bytes(paths[0].read_bytes())
    again = Inbox(settings, store).take(tmp_path / "renamed.pdf", move=False)
    assert not again.created and drain(settings, store) == [] and fake_extractor.calls == calls
    # --force really extracts again (the cache is dropped) and keeps the earlier version as history
    job = Inbox(settings, store).take(paths[0], move=False, force=True).job
    assert [o.status for o in drain(settings, store)] == ["SUCCEEDED"]
    assert fake_extractor.calls == calls + 1
    assert [v.source for v in store.bill_versions(job.id)] == ["machine", "machine"]


def test_a_worker_finds_the_original_by_hash_when_the_recorded_path_is_elsewhere(settings, store, fake_extractor,
                                                                                  tmp_path):
    """run_job goes through resolve_original: a job queued on another machine (its archive_path
    means nothing here) runs from this machine's archive; an original that is nowhere is a
    one-line failure naming where it looked."""
    from minimeter.intake.archive import archive_file

    here = make_pdf(tmp_path / "here.pdf", bill_lines(total="42.00"))
    archived = archive_file(here, settings.archive_dir)
    job, _ = store.enqueue(archived.sha256, "here.pdf", archived.size, "/intake-machine/archive/x.pdf", archived.ext)
    lost, _ = store.enqueue("sha256:" + "ab" * 32, "lost.pdf", 10, "/intake-machine/archive/y.pdf", "pdf")
    outcomes = {o.job_id: o for o in drain(settings, store)}
    assert outcomes[job.id].status == "SUCCEEDED"
    assert str(store.current_bill(job.id).result.bill.total_amount_due) == "42.00"
    failed = store.get_job(lost.id)
    assert failed.status in ("FAILED", "DEAD") and "is not on this machine" in failed.last_error
    assert "\n" not in failed.last_error


def _make_bad_inputs(d: Path, settings) -> dict[str, Path]:
    from pypdf import PdfReader, PdfWriter

    good = make_pdf(d / "good.pdf", bill_lines())
    files = {}
    files["not_pdf"] = d / "notes.pdf"
    files["not_pdf"].write_text("this is a text file pretending to be a PDF")
    w = PdfWriter()
    for page in PdfReader(good).pages:
        w.add_page(page)
    w.encrypt(user_password="secret", owner_password="owner")
    files["encrypted"] = d / "locked.pdf"
    with files["encrypted"].open("wb") as fh:
        w.write(fh)
    files["truncated"] = d / "truncated.pdf"
    files["truncated"].write_bytes(good.read_bytes()[:300])
    files["empty"] = d / "empty.pdf"
    files["empty"].touch()
    files["huge"] = d / "huge.pdf"
    files["huge"].write_bytes(b"%PDF-1.4\n" + os.urandom(2 * 1024 * 1024))
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")  # a page with ink but no text layer
    files["no_text"] = d / "scan.pdf"
    pdf.output(str(files["no_text"]))
    import zlib

    from tests.readers.test_readers import _pdf_with_content

    files["bomb"] = _pdf_with_content(d / "bomb.pdf", zlib.compress(b"0" * (200 << 20), 9), "/FlateDecode")
    return files


def test_bad_inputs_end_as_jobs_with_clear_reasons(settings, store, fake_extractor, tmp_path):
    settings.max_file_mb = 1
    files = _make_bad_inputs(tmp_path, settings)
    jobs = dict(zip(files, enqueue_files(settings, store, files.values()), strict=True))
    drain(settings, store)
    expected = {
        "not_pdf": ("FAILED", "not a PDF"),
        "encrypted": ("FAILED", "password-protected"),
        "truncated": ("FAILED", "damaged or truncated"),
        "empty": ("FAILED", "empty"),
        "huge": ("FAILED", "over the 1 MB limit"),
        "bomb": ("FAILED", "decompression bomb"),
    }
    for key, (status, words) in expected.items():
        job = store.get_job(jobs[key].id)
        assert job.status == status, (key, job.status, job.last_error)
        assert words in job.last_error and "\n" not in job.last_error, (key, job.last_error)
        assert "Traceback" not in job.last_error
        assert Path(job.archive_path).exists()  # the original is kept
        assert job.next_attempt_at is None, key  # a bad file will not get better: no automatic retry
    scan = store.get_job(jobs["no_text"].id)
    assert scan.status == "NEEDS_REVIEW" and scan.last_error


def test_worker_crash_in_extractor_is_retried_then_dead(settings, store, fake_extractor, tmp_path):
    p = make_pdf(tmp_path / "poison.pdf", ["CRASH-THE-EXTRACTOR"])
    ok = make_pdf(tmp_path / "fine.pdf", bill_lines())
    poison, fine = enqueue_files(settings, store, [p, ok])
    deadline = time.time() + 20
    while time.time() < deadline and store.get_job(poison.id).status != "DEAD":
        drain(settings, store)
        time.sleep(0.05)
    assert store.get_job(poison.id).status == "DEAD"
    assert "planted crash" in store.get_job(poison.id).last_error
    assert store.get_job(fine.id).status == "SUCCEEDED"  # the rest of the queue kept flowing


@pytest.mark.slow
def test_sigkill_at_random_points_loses_nothing_and_completes_nothing_twice(settings, tmp_path):
    rng = random.Random(1234)
    paths = [make_pdf(tmp_path / f"k{i}.pdf", bill_lines(total=f"{i}.25")) for i in range(30)]
    # Jobs take max_attempts from the settings that enqueue them. Up to 25 kills can land on one
    # job (the oldest claimable is reclaimed first), so allow as many attempts as the child does:
    # this test is about losing and duplicating nothing; the dead letter after 5 has its own test.
    settings = settings.model_copy(update={"max_attempts": 50})
    store = SQLiteStore(settings.db_path, settings)
    for p in paths:
        Inbox(settings, store).take(p, move=False)
    n = len(paths)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-m", "tests.core.worker_child", str(settings.home)]
    kills = 0
    while kills < 25:
        proc = subprocess.Popen([*cmd, "0"], cwd=REPO, env=env)
        time.sleep(rng.uniform(0.3, 1.6))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        kills += 1
    subprocess.run([*cmd, "1"], cwd=REPO, env=env, check=True, timeout=300)
    jobs = store.list_jobs(limit=1000)
    assert len(jobs) == n
    assert {j.status for j in jobs} == {"SUCCEEDED"}, [(j.status, j.attempts, j.last_error) for j in jobs
                                                       if j.status != "SUCCEEDED"]
    conn = sqlite3.connect(settings.db_path)
    per_job = conn.execute("SELECT job_id, COUNT(*) FROM bills GROUP BY job_id").fetchall()
    assert len(per_job) == n and all(c == 1 for _, c in per_job), "a job was completed twice"
    assert conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == n
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    reclaimed = conn.execute("SELECT COUNT(*) FROM events WHERE kind = 'lease_expired'").fetchone()[0]
    assert reclaimed >= 5, f"only {reclaimed} kills landed mid-job; the test did not test much"
    store.close()


def test_an_idle_worker_wakes_when_another_connection_enqueues(settings, store, fake_extractor, tmp_path):
    """Worker.run waits with store.wait_for_work, not a blind sleep: a job enqueued through
    another connection (as by `minimeter process` in another process) starts at once."""
    import threading

    from minimeter.worker import Worker

    started: list[float] = []
    worker = Worker(settings, store, on_outcome=lambda o: started.append(time.monotonic()))
    stop = threading.Event()
    thread = threading.Thread(target=worker.run, args=(stop,), kwargs={"idle": 30.0}, daemon=True)
    thread.start()
    try:
        time.sleep(0.5)  # the worker found nothing and is idle now
        other = SQLiteStore(settings.db_path, settings)
        t0 = time.monotonic()
        enqueue_files(settings, other, [make_pdf(tmp_path / "late.pdf", bill_lines())])
        other.close()
        deadline = time.monotonic() + 10
        while not started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert started and started[0] - t0 < 5.0  # far below the 30 s idle
    finally:
        stop.set()
        thread.join(timeout=35)
    assert not thread.is_alive()
