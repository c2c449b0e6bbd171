"""SIGKILL of workers at random points, SIGTERM drains, and a small tenant is not starved."""

from __future__ import annotations

import random
import signal
import time
from pathlib import Path

import pytest

from minimeter.settings import Settings
from minimeter.store import open_store
from tests.scaleout.conftest import Workers, assert_each_done_exactly_once, sql
from tests.scaleout.corpus import enqueue_all, make_originals

pytestmark = pytest.mark.postgres


@pytest.mark.slow
@pytest.mark.reliability
def test_sigkill_at_random_points_loses_and_duplicates_nothing(pg_url: str, workers: Workers, settings: Settings,
                                                               tmp_path: Path) -> None:
    # A fresh worker's first job is slow (its reader child starts), so the kill targeting below can hit
    # the same job five times; that would rightly make it a DEAD poison job. Allow more attempts here.
    store = open_store(settings.model_copy(update={"max_attempts": 50}), pg_url)
    try:
        jobs = enqueue_all(store, make_originals(tmp_path / "shared", 400))
    finally:
        store.close()
    rng = random.Random(1234)
    live = [workers.start(delay=0.03, lease=1.5) for _ in range(4)]
    kills = mid_job = 0
    deadline = time.monotonic() + 90
    while kills < 16 and time.monotonic() < deadline:
        time.sleep(rng.uniform(0.2, 0.7))
        # Prefer a worker that holds a job right now (owner is host:pid): the kill lands somewhere
        # inside claim -> read -> extract -> complete, wherever the worker happens to be.
        holders = {int(o.split(":")[1]) for (o,) in sql(pg_url, "SELECT lease_owner FROM jobs "
                                                           "WHERE status = 'RUNNING' AND lease_owner IS NOT NULL")}
        busy = [p for p in live if p.pid in holders and p.poll() is None]
        if not busy and kills % 4 != 3:
            continue  # workers still starting (a Python start takes a second or two here): wait for one
        victim = rng.choice(busy or [p for p in live if p.poll() is None] or live)
        if victim.poll() is None:
            victim.send_signal(signal.SIGKILL)
            victim.wait(10)
            kills += 1
            mid_job += bool(busy)
        live.remove(victim)
        live.append(workers.start(delay=0.03, lease=1.5))  # its replacement
    for p in live:
        p.wait(120)
    assert kills >= 8, "the queue drained before enough kills landed; the test proved little"
    assert_each_done_exactly_once(pg_url, jobs)
    reclaimed = sql(pg_url, "SELECT count(*) FROM events WHERE kind = 'lease_expired'")[0][0]
    dead = sql(pg_url, "SELECT count(*) FROM jobs WHERE status = 'DEAD'")[0][0]
    assert dead == 0
    assert reclaimed >= 1 and mid_job >= 4, (reclaimed, mid_job)  # kills really landed inside jobs
    print(f"\n{kills} SIGKILLs ({mid_job} on a job holder), {reclaimed} reclaimed after lease expiry")


def test_sigterm_finishes_the_current_job_then_exits(pg_url: str, workers: Workers, settings: Settings,
                                                     tmp_path: Path) -> None:
    store = open_store(settings, pg_url)
    try:
        enqueue_all(store, make_originals(tmp_path / "shared", 3))
        proc = workers.start(mode="serve", delay=1.0)
        deadline = time.monotonic() + 30
        while not store.list_jobs("RUNNING") and time.monotonic() < deadline:
            time.sleep(0.05)
        (running,) = store.list_jobs("RUNNING")
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
        done = store.get_job(running.id)
        assert done.status in ("SUCCEEDED", "NEEDS_REVIEW") and len(store.bill_versions(done.id)) == 1
        assert store.counts()["RUNNING"] == 0 and store.counts()["PENDING"] == 2  # it took no further job
    finally:
        store.close()


def test_a_small_tenant_finishes_while_a_big_backlog_runs(pg_url: str, workers: Workers, settings: Settings,
                                                          tmp_path: Path) -> None:
    store = open_store(settings, pg_url)
    try:
        # The big customer's flood arrives first and is older in the queue; the small one's 10 bills later.
        big = enqueue_all(store, make_originals(tmp_path / "shared", 300, {i: "big-customer" for i in range(300)}))
        small = enqueue_all(store, make_originals(tmp_path / "shared", 10, {i: "small" for i in range(300, 310)},
                                                  start=300))
        assert not set(big) & set(small)
        for _ in range(2):
            workers.start(delay=0.02)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            left = [j for j in small if store.get_job(j).status not in ("SUCCEEDED", "NEEDS_REVIEW")]
            if not left:
                break
            time.sleep(0.1)
        assert not left, "the small tenant's bills did not finish"
        big_done = sql(pg_url, "SELECT count(*) FROM jobs WHERE tenant = 'big-customer' AND finished_at IS NOT NULL")
        big_left = 300 - big_done[0][0]
        assert big_left > 200, f"only {big_left} big-tenant jobs were left when the small tenant finished"
        print(f"\nsmall tenant done with {big_left} of 300 big-tenant jobs still queued")
    finally:
        store.close()
