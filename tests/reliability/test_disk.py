"""RELIABILITY.md case 13: a full disk and a read-only database, for real.

The data folder lives on a 2 MB tmpfs mounted for the test (skipped with the reason when this
sandbox does not allow ``mount``). The disk is filled to the last byte, then remounted read-only:
intake, workers and the command line must fail cleanly (one line, no traceback), leave nothing
half-written (no temp files in the archive, every archived file matches its hash, the database
passes ``integrity_check``, no job with two bill versions), and pick the work up again when
space or write access returns.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from minimeter.errors import StoreError
from minimeter.intake.inbox import Inbox
from minimeter.settings import Settings, load_settings
from minimeter.store.sqlite import SQLiteStore
from minimeter.worker import Worker, drain
from tests.reliability._bills import write_bill
from tests.reliability.conftest import db_facts, done_count

pytestmark = pytest.mark.reliability
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mnt = tmp_path / "small"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m,mode=700", "tmpfs", str(mnt)], capture_output=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {r.stderr.decode().strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def _settings(home: Path) -> Settings:
    s = load_settings(home, extractor="fake", stable_seconds=0.2, retry_backoff_seconds=0.01, lease_seconds=0.5)
    s.ensure_dirs()
    return s


def _fill(mnt: Path) -> Path:
    filler = mnt / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as exc:
        assert exc.errno == 28
    finally:
        os.close(fd)
    return filler


def _scan(inbox: Inbox, clock: Clock, rounds: int = 2) -> list:  # type: ignore[type-arg]
    out = []
    for _ in range(rounds):
        out += inbox.scan()
        clock.t += 120.0  # past stability and any retry backoff
    return out


def _nothing_half_written(settings: Settings) -> None:
    archive = settings.archive_dir
    leftovers = [p.name for p in archive.rglob("*") if p.is_file() and p.name.startswith(".incoming")]
    assert leftovers == [], "a half-written archive file was left behind"
    for p in archive.rglob("*.pdf"):
        assert hashlib.sha256(p.read_bytes()).hexdigest() == p.stem, f"{p.name} does not match its hash"
    facts = db_facts(settings.db_path)
    assert facts["integrity"] == "ok"
    assert all(n == 1 for n in facts["bills_per_job"].values())


def _cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MINIMETER_")}
    env.update(MINIMETER_HOME=str(settings.home), MINIMETER_EXTRACTOR="fake",
               PYTHONPATH=str(REPO) + os.pathsep + env.get("PYTHONPATH", ""))
    return subprocess.run([sys.executable, "-m", "tests.reliability._cli_with_fake", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)


def _one_line_error(p: subprocess.CompletedProcess[str], *words: str) -> str:
    assert p.returncode != 0
    assert "Traceback" not in p.stderr + p.stdout
    errors = [line for line in (p.stderr + p.stdout).splitlines() if "rror" in line or "not taken" in line]
    assert errors, p.stderr + p.stdout
    assert any(any(w in e.lower() for w in words) for e in errors), errors
    return errors[0]


def test_disk_full_fails_cleanly_and_resumes(small_disk, fake_extractor, tmp_path):
    settings = _settings(small_disk / "home")
    store = SQLiteStore(settings.db_path, settings)
    clock = Clock()
    inbox = Inbox(settings, store, clock=clock)
    for i in range(4):
        write_bill(settings.inbox_dir / f"queued{i}.pdf", 100 + i)
    _scan(inbox, clock)
    for i in range(3):
        write_bill(settings.inbox_dir / f"late{i}.pdf", 200 + i)
    outside = write_bill(tmp_path / "cli.pdf", 300)
    filler = _fill(small_disk)

    # Intake: the archive copy fails, the file stays in the inbox for later, nothing is half-written.
    results = _scan(inbox, clock)
    assert results and all(r.job is None and "disk is full" in (r.error or "") for r in results), results
    assert sorted(p.name for p in settings.inbox_dir.glob("late*.pdf")) == [f"late{i}.pdf" for i in range(3)]
    # Workers: a full disk surfaces as a retryable StoreError (the worker loop backs off), never a crash.
    worker = Worker(settings, store)
    errors = 0
    for _ in range(6):
        try:
            if worker.run_one() is None:
                break
        except StoreError as exc:
            errors += 1
            assert "disk is full" in exc.message, exc.one_line()
    # The command line: one line that says what happened.
    line = _one_line_error(_cli(settings, "process", str(outside)), "disk is full", "no space")
    print(f"\ndisk full, CLI says: {line}")
    _nothing_half_written(settings)

    filler.unlink()
    _scan(inbox, clock)
    for _ in range(20):
        drain(settings, store)
        if done_count(store.counts()) == 7:
            break
        clock.t += 1
        import time

        time.sleep(0.6)  # a lease held by an attempt that hit the full disk expires
    _nothing_half_written(settings)
    facts = db_facts(settings.db_path)
    assert done_count(facts["statuses"]) == 7, facts
    assert not list(settings.inbox_dir.glob("*.pdf"))
    store.close()


def test_read_only_database_fails_cleanly_and_resumes(small_disk, fake_extractor, tmp_path):
    settings = _settings(small_disk / "home")
    store = SQLiteStore(settings.db_path, settings)
    clock = Clock()
    inbox = Inbox(settings, store, clock=clock)
    for i in range(3):
        write_bill(settings.inbox_dir / f"ro{i}.pdf", 400 + i)
    _scan(inbox, clock)
    outside = write_bill(tmp_path / "cli.pdf", 500)
    store.close()  # a remount to read-only is refused while files are open for writing
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    try:
        with pytest.raises(StoreError) as err:
            drain(settings, SQLiteStore(settings.db_path, settings))
        assert "read-only" in err.value.message, err.value.one_line()
        line = _one_line_error(_cli(settings, "process", str(outside)), "read-only")
        print(f"\nread-only, CLI says: {line}")
        listed = _cli(settings, "jobs")  # reading needs no write: a read-only folder can still be listed
        assert listed.returncode == 0 and "pending: 3" in listed.stdout, listed.stdout + listed.stderr
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    store = SQLiteStore(settings.db_path, settings)
    drain(settings, store)
    facts = db_facts(settings.db_path)
    assert done_count(facts["statuses"]) == 3, facts
    _nothing_half_written(settings)
    store.close()
