"""Four worker processes over 2,000 jobs on Postgres: each job done exactly once."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from minimeter.settings import Settings
from minimeter.store import open_store
from tests.scaleout.conftest import Workers, assert_each_done_exactly_once, sql
from tests.scaleout.corpus import enqueue_all, make_originals

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def test_four_workers_do_2000_jobs_exactly_once(pg_url: str, workers: Workers, settings: Settings,
                                                tmp_path: Path) -> None:
    shared = tmp_path / "shared-archive"  # the folder every worker machine would mount
    store = open_store(settings, pg_url)
    try:
        jobs = enqueue_all(store, make_originals(shared, 2000))
    finally:
        store.close()
    t0 = time.monotonic()
    for _ in range(4):
        workers.start()
    workers.wait_all(timeout=240)
    elapsed = time.monotonic() - t0
    assert [p.returncode for p in workers.procs] == [0, 0, 0, 0]
    assert_each_done_exactly_once(pg_url, jobs)
    claims = sql(pg_url, "SELECT message FROM events WHERE kind = 'status' AND to_status = 'RUNNING'")
    per_owner: dict[str, int] = {}
    for (msg,) in claims:
        owner = re.sub(r"^claimed by ", "", msg)
        per_owner[owner] = per_owner.get(owner, 0) + 1
    assert len(claims) == 2000, "a job was claimed twice with no failure or kill to explain it"
    assert len(per_owner) == 4 and min(per_owner.values()) > 100, per_owner  # all four really worked
    rate = 2000 / elapsed
    print(f"\n2000 jobs, 4 workers: {elapsed:.1f} s, {rate:.0f} jobs/s; per worker {sorted(per_owner.values())}")
