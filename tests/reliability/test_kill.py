"""RELIABILITY.md case 9: SIGKILL of a real worker, 100 times, at random points.

Each round forks a worker (the real ``Worker`` with the real sandboxed reader and SQLite store)
and kills it with SIGKILL in one of three ways:

- ``timer``: the parent kills it after a random delay (often while the reader child starts or reads);
- ``extract``: the worker kills itself inside the extractor call (the "model call");
- ``commit``: the worker kills itself from a SQLite trace callback while ``complete()`` runs: before a
  random statement of the transaction, or from a thread a few hundred microseconds after COMMIT
  started (so the WAL write and its fsync are in flight).

Afterwards one clean worker drains the queue. No job may be lost, none completed twice
(exactly one bill version and one outbox row per job) and ``PRAGMA integrity_check`` is ok.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from minimeter.extract import base as extractors
from minimeter.intake.inbox import Inbox
from minimeter.settings import load_settings
from minimeter.store.sqlite import SQLiteStore
from tests.helpers import FakeExtractor
from tests.reliability._bills import write_bill
from tests.reliability.conftest import db_facts, done_count

pytestmark = [pytest.mark.reliability, pytest.mark.slow]

KILLS = 100
LEASE = 0.6


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _worker_child(home: Path, mode: str, seed: int) -> None:
    """Runs in the forked child; never returns normally (SIGKILL or os._exit)."""
    try:
        from minimeter.readers import sandbox
        from minimeter.worker import Worker

        sandbox._pools.clear()  # never share the parent's reader child across fork
        rng = random.Random(seed)
        target = rng.randint(1, 3)

        class KillingFake(FakeExtractor):
            n = 0

            def extract(self, doc, ctx):  # type: ignore[no-untyped-def]
                KillingFake.n += 1
                if mode == "extract" and KillingFake.n == target:
                    time.sleep(rng.uniform(0, 0.02))
                    _die()
                time.sleep(0.005)
                return super().extract(doc, ctx)

        extractors.register("fake", KillingFake)
        settings = load_settings(home, extractor="fake", lease_seconds=LEASE, max_attempts=1000,
                                 retry_backoff_seconds=0.01)
        store = SQLiteStore(settings.db_path, settings)
        if mode == "commit":
            state = {"in_complete": False, "calls": 0, "stmt": 0, "at": rng.randint(1, 8)}
            real_complete = store.complete

            def complete(claim, result):  # type: ignore[no-untyped-def]
                state["calls"] += 1
                state["in_complete"] = state["calls"] == target
                return real_complete(claim, result)

            def trace(sql: str) -> None:
                if not state["in_complete"]:
                    return
                state["stmt"] += 1
                if sql.strip().upper().startswith("COMMIT"):
                    delay = rng.uniform(0, 0.003)
                    threading.Thread(target=lambda: (time.sleep(delay), _die()), daemon=True).start()
                    state["in_complete"] = False
                elif state["stmt"] == state["at"]:
                    _die()

            store.complete = complete  # type: ignore[method-assign]
            store._conn().set_trace_callback(trace)
        Worker(settings, store).run(threading.Event(), idle=0.02)
    finally:
        os._exit(3)


def _claimable(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT COUNT(*) FROM jobs WHERE status IN ('PENDING','RUNNING','FAILED')").fetchone()[0]
    finally:
        conn.close()


def test_100_sigkills_lose_nothing_and_complete_nothing_twice(settings, fake_extractor, tmp_path):
    rng = random.Random(8)
    # Jobs get their attempt cap when queued; a job killed 5 times would rightly be dead-lettered
    # as a poison file (case 12), which is not what this test is about.
    store = SQLiteStore(settings.db_path, load_settings(settings.home, max_attempts=1000))
    inbox = Inbox(settings, store)
    made = 0

    def add_bills(n: int) -> None:
        nonlocal made
        for _ in range(n):
            inbox.take(write_bill(tmp_path / "src" / f"bill{made}.pdf", made), move=False)
            made += 1

    add_bills(20)
    modes = {"timer": 0, "extract": 0, "commit": 0}
    forced = 0
    for round_no in range(KILLS):
        if _claimable(settings.db_path) < 6:
            add_bills(10)
        mode = rng.choice(list(modes))
        pid = os.fork()
        if pid == 0:
            _worker_child(settings.home, mode, rng.randrange(1 << 30))
        if mode == "timer":
            time.sleep(rng.uniform(0.02, 0.5))
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 8
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if time.monotonic() > deadline:  # the self-kill did not come (e.g. no work): kill it anyway
                forced += 1
                os.kill(pid, signal.SIGKILL)
                _, status = os.waitpid(pid, 0)
                break
            time.sleep(0.005)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, f"round {round_no}: {status}"
        modes[mode] += 1

    # One clean worker drains what is left once the last lease has expired.
    time.sleep(LEASE + 0.2)
    pid = os.fork()
    if pid == 0:
        try:
            from minimeter.readers import sandbox
            from minimeter.worker import drain

            sandbox._pools.clear()
            s2 = load_settings(settings.home, extractor="fake", lease_seconds=LEASE, max_attempts=1000,
                               retry_backoff_seconds=0.01)
            st = SQLiteStore(s2.db_path, s2)
            for _ in range(50):
                drain(s2, st)
                if _claimable(s2.db_path) == 0:
                    os._exit(0)
                time.sleep(0.2)
        finally:
            os._exit(4)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0

    facts = db_facts(settings.db_path)
    assert facts["integrity"] == "ok"
    assert facts["jobs"] == made, "a job was lost"
    if done_count(facts["statuses"]) != made:
        conn = sqlite3.connect(settings.db_path)
        odd = conn.execute("SELECT id, status, last_error FROM jobs WHERE status NOT IN ('SUCCEEDED','NEEDS_REVIEW')"
                           " LIMIT 5").fetchall()
        conn.close()
        pytest.fail(f"jobs not done: {facts['statuses']} {odd}")
    assert len(facts["bills_per_job"]) == made
    assert all(n == 1 for n in facts["bills_per_job"].values()), "a job was completed twice"
    assert facts["outbox"] == made
    conn = sqlite3.connect(settings.db_path)
    reclaimed = conn.execute("SELECT COUNT(*) FROM events WHERE kind = 'lease_expired'").fetchone()[0]
    conn.close()
    # Kills that land mid-job leave a RUNNING job behind that a later worker reclaims.
    assert reclaimed >= 40, f"only {reclaimed} kills landed mid-job; the test did not test much"
    store.close()
    print(f"\nkills survived: {sum(modes.values())} {modes}; forced {forced}; jobs {made}; reclaimed {reclaimed}")
