"""`minimeter worker --concurrency N` as a real process tree: signals reach the children."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from minimeter.intake.inbox import Inbox
from minimeter.store.sqlite import SQLiteStore
from tests.helpers import bill_lines, make_pdf

REPO = Path(__file__).resolve().parents[2]


def _children(pid: int) -> set[int]:
    """The worker processes of ``pid`` (not multiprocessing's resource tracker, which leaves by itself)."""
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue  # it exited while we looked
        if int(fields[1]) == pid and b"spawn_main" in cmdline:
            out.add(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _start(settings, *args: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MINIMETER_")}
    env.update(MINIMETER_HOME=str(settings.home), MINIMETER_EXTRACTOR="rules",
               PYTHONPATH=str(REPO) + os.pathsep + env.get("PYTHONPATH", ""))
    return subprocess.Popen([sys.executable, "-m", "minimeter", "worker", *args], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _wait_children(proc: subprocess.Popen[str], n: int, within: float = 60.0) -> set[int]:
    deadline = time.monotonic() + within
    while len(kids := _children(proc.pid)) < n and time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.1)
    assert len(kids) >= n, kids
    return kids


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_to_the_pool_stops_every_child_cleanly(settings, tmp_path, sig):
    store = SQLiteStore(settings.db_path, settings)
    inbox = Inbox(settings, store)
    for i in range(6):
        inbox.take(make_pdf(tmp_path / f"b{i}.pdf", bill_lines(total=f"{10 + i}.00")), move=False)
    proc = _start(settings, "--concurrency", "3")
    try:
        kids = _wait_children(proc, 3)
        deadline = time.monotonic() + 60
        while store.counts()["PENDING"] + store.counts()["RUNNING"] and time.monotonic() < deadline:
            time.sleep(0.1)
        os.kill(proc.pid, sig)  # only the parent, as systemd or `kill` would
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 0, err
    assert "Traceback" not in out + err and "3 workers stopped" in err
    assert not [k for k in kids if _alive(k)], "a worker outlived the pool"
    counts = store.counts()
    assert counts["RUNNING"] == 0 and counts["PENDING"] == 0
    assert counts["SUCCEEDED"] + counts["NEEDS_REVIEW"] == 6
    store.close()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_children_of_a_killed_pool_stop_too(settings):
    SQLiteStore(settings.db_path, settings).close()
    proc = _start(settings, "--concurrency", "2")
    kids: set[int] = set()
    try:
        kids = _wait_children(proc, 2)
        time.sleep(2.0)  # let the children reach their serving loop
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.monotonic() + 30
        while [k for k in kids if _alive(k)] and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [k for k in kids if _alive(k)], "orphaned workers keep running"
    finally:
        for k in kids:
            if _alive(k):
                os.kill(k, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
