"""RELIABILITY.md case 10: two worker processes and ``minimeter sync`` at once on one store.

Two real ``minimeter worker`` processes drain a queue of small bills while ``minimeter sync
--target postgres`` runs again and again against the local PostgreSQL. Nothing may be claimed
twice (one RUNNING transition, one attempt and one bill version per job, no stale result), no
process may show "database is locked", every sync run succeeds, and the last sync leaves
Postgres with exactly one row per job.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from minimeter.intake.inbox import Inbox
from tests.reliability._bills import write_bill
from tests.reliability.conftest import db_facts, done_count
from tests.sync.conftest import REPO, pg_rows, pg_url, subprocess_env  # noqa: F401  (pg_url is a fixture)

pytestmark = [pytest.mark.reliability, pytest.mark.slow, pytest.mark.postgres]

N_JOBS = 300


def _finished(db) -> int:  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT COUNT(*) FROM jobs WHERE status IN ('SUCCEEDED', 'NEEDS_REVIEW')").fetchone()[0]
    finally:
        conn.close()


def test_two_workers_and_sync_at_once(settings, store, pg_url, tmp_path):  # noqa: F811
    inbox = Inbox(settings, store)
    for i in range(N_JOBS):
        inbox.take(write_bill(tmp_path / "src" / f"c{i}.pdf", 7000 + i), move=False)
    env = subprocess_env(settings.home, MINIMETER_PG_URL=pg_url, MINIMETER_EXTRACTOR="fake",
                         MINIMETER_LEASE_SECONDS="5")
    cli = [sys.executable, "-m", "tests.reliability._cli_with_fake"]
    logs = tmp_path / "out"
    logs.mkdir()
    workers = [subprocess.Popen([*cli, "worker"], cwd=REPO, env=env, stdout=(logs / f"w{i}.out").open("wb"),
                                stderr=subprocess.STDOUT, start_new_session=True) for i in range(2)]
    syncs: list[tuple[int, str]] = []
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            done = _finished(settings.db_path) >= N_JOBS
            p = subprocess.run([sys.executable, "-m", "minimeter", "sync", "--target", "postgres"], cwd=REPO,
                               env=env, capture_output=True, timeout=120)
            syncs.append((p.returncode, (p.stdout + p.stderr).decode("utf-8", "replace")))
            if done:
                break  # this sync started after the last job finished: it is the final one
    finally:
        for w in workers:
            os.killpg(w.pid, signal.SIGTERM)
        for w in workers:
            w.wait(timeout=60)
    outputs = [o for _, o in syncs] + [(logs / f"w{i}.out").read_text("utf-8", "replace") for i in range(2)]
    log_file = settings.log_dir / "minimeter.log"
    if log_file.exists():
        outputs.append(log_file.read_text("utf-8", "replace"))
    assert not [o for o in outputs if "locked" in o.lower()], "'database is locked' reached a user"
    assert not [o for o in outputs if "Traceback" in o]
    assert [rc for rc, _ in syncs if rc != 0] == [], [o for rc, o in syncs if rc != 0][:1]
    assert len(syncs) >= 2, "sync never overlapped the workers"

    facts = db_facts(settings.db_path)
    assert facts["integrity"] == "ok"
    assert done_count(facts["statuses"]) == N_JOBS, facts["statuses"]
    assert len(facts["bills_per_job"]) == N_JOBS and set(facts["bills_per_job"].values()) == {1}
    conn = sqlite3.connect(settings.db_path)
    claims = dict(conn.execute("SELECT job_id, COUNT(*) FROM events WHERE kind = 'status' AND to_status = 'RUNNING'"
                               " GROUP BY job_id").fetchall())
    owners = {r[0] for r in conn.execute("SELECT message FROM events WHERE to_status = 'RUNNING'")}
    stale = conn.execute("SELECT COUNT(*) FROM events WHERE kind = 'stale_result'").fetchone()[0]
    attempts = {r[0] for r in conn.execute("SELECT attempts FROM jobs")}
    conn.close()
    assert set(claims.values()) == {1} and len(claims) == N_JOBS, "a job was claimed twice"
    assert attempts == {1} and stale == 0
    assert len(owners) == 2, "both workers should have claimed jobs"
    assert pg_rows(pg_url, "SELECT count(*) FROM minimeter.bills")[0][0] == N_JOBS
    print(f"\n2 workers + {len(syncs)} sync runs: {N_JOBS} jobs, no double claim, no lock error")
