from __future__ import annotations

import sqlite3
import time
from decimal import Decimal

import pytest

from minimeter.schema import BillNormalized, ExtractionResult
from minimeter.store import lifecycle
from minimeter.store.lifecycle import Status
from minimeter.store.sqlite import SQLiteStore


@pytest.fixture
def store(settings):
    s = SQLiteStore(settings.db_path, settings)
    yield s
    s.close()


def result(status: str = "SUCCEEDED", total: str = "10.00") -> ExtractionResult:
    return ExtractionResult(bill=BillNormalized(total_amount_due=Decimal(total)), extractor="t", status=status)


def test_pending_running_succeeded_with_events(store):
    job, created = store.enqueue("sha256:aa11", "a.pdf", 3, "/a")
    assert created and job.status == Status.PENDING
    claim = store.claim("w")
    assert claim and claim.job.status == Status.RUNNING and claim.job.attempts == 1
    assert store.claim("w2") is None  # a running job with a live lease is nobody else's
    assert store.complete(claim, result())
    job = store.get_job(job.id)
    assert job.status == Status.SUCCEEDED and job.current_bill_id is not None
    kinds = [(e.kind, e.to_status) for e in store.events(job.id)]
    assert kinds == [("created", "PENDING"), ("status", "RUNNING"), ("status", "SUCCEEDED")]
    assert store.outbox_max() == 1


def test_needs_review_then_approved_by_a_person(store):
    job, _ = store.enqueue("sha256:bb22", "b.pdf", 3, "/b")
    claim = store.claim("w")
    store.complete(claim, result("NEEDS_REVIEW"))
    assert store.get_job(job.id).status == Status.NEEDS_REVIEW
    fixed = BillNormalized(total_amount_due=Decimal("11.00"))
    store.review(job.id, fixed, reviewer="ana", approve=True)
    job = store.get_job(job.id)
    assert job.status == Status.SUCCEEDED
    versions = store.bill_versions(job.id)
    assert [v.source for v in versions] == ["machine", "review"]
    assert [v.is_current for v in versions] == [False, True]
    assert store.current_bill(job.id).result.bill.total_amount_due == Decimal("11.00")
    assert store.outbox_max() == 2  # the correction reaches sync targets as a new version


def test_failed_retries_with_backoff_then_dead_after_five(store):
    job, _ = store.enqueue("sha256:cc33", "c.pdf", 3, "/c")
    for attempt in range(1, 6):
        claim = None
        deadline = time.time() + 5
        while claim is None and time.time() < deadline:
            claim = store.claim("w")
            if claim is None:
                time.sleep(0.02)
        assert claim is not None, f"attempt {attempt} never became claimable"
        assert claim.job.attempts == attempt
        store.fail(claim, "model hiccup", retryable=True)
        status = store.get_job(job.id).status
        assert status == (Status.DEAD if attempt == 5 else Status.FAILED)
    assert store.claim("w") is None
    assert store.get_job(job.id).last_error == "model hiccup"
    store.retry(job.id)
    assert store.get_job(job.id).status == Status.PENDING


def test_non_retryable_failure_waits_for_a_person(store):
    job, _ = store.enqueue("sha256:dd44", "d.pdf", 3, "/d")
    store.fail(store.claim("w"), "not a PDF file", retryable=False)
    assert store.get_job(job.id).status == Status.FAILED
    time.sleep(0.1)
    assert store.claim("w") is None


def test_expired_lease_is_reclaimed_and_stale_worker_cannot_overwrite(store):
    store.lease_seconds = 0.05
    job, _ = store.enqueue("sha256:ee55", "e.pdf", 3, "/e")
    first = store.claim("old")
    time.sleep(0.1)
    second = store.claim("new")
    assert second is not None and second.job.id == job.id and second.job.attempts == 2
    assert not store.complete(first, result(total="99.99"))  # stale token: dropped
    assert not store.heartbeat(first)
    assert store.complete(second, result(total="10.00"))
    assert store.current_bill(job.id).result.bill.total_amount_due == Decimal("10.00")
    assert len(store.bill_versions(job.id)) == 1
    assert "stale_result" in [e.kind for e in store.events(job.id)]


def test_worker_dying_five_times_dead_letters_the_job(store):
    store.lease_seconds = 0.01
    job, _ = store.enqueue("sha256:ff66", "f.pdf", 3, "/f")
    for _ in range(5):
        assert store.claim("doomed") is not None
        time.sleep(0.03)
    assert store.claim("next") is None
    assert store.get_job(job.id).status == Status.DEAD


def test_illegal_transition_raises():
    with pytest.raises(lifecycle.IllegalTransition):
        lifecycle.check(Status.PENDING, Status.SUCCEEDED)
    assert lifecycle.check(Status.RUNNING, Status.NEEDS_REVIEW) == Status.NEEDS_REVIEW


def test_force_reprocess_keeps_history(store):
    job, _ = store.enqueue("sha256:ab12", "g.pdf", 3, "/g")
    store.complete(store.claim("w"), result())
    again, created = store.enqueue("sha256:ab12", "g-renamed.pdf", 3, "/g", force=True)
    assert created and again.status == Status.PENDING and again.attempts == 0
    store.complete(store.claim("w"), result(total="12.00"))
    assert [v.version for v in store.bill_versions(job.id)] == [1, 2]


def test_database_settings_are_durable(store):
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    s2 = SQLiteStore(store.path)  # migrations run again on every open: a no-op now
    assert s2._conn().execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert oct(store.path.stat().st_mode & 0o777) == "0o600"


def test_tenants_share_the_workers(store):
    for i in range(6):
        store.enqueue(f"sha256:{i:04x}big", f"big{i}.pdf", 1, "/x", tenant="big")
    store.enqueue("sha256:0000small", "small.pdf", 1, "/x", tenant="small")
    first_two = [store.claim("w").job.tenant for _ in range(2)]
    assert "small" in first_two
