"""The job-store contract (minimeter.store.base), run against SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt
import threading
import time
from decimal import Decimal

import pytest

from minimeter.schema import BillNormalized, ExtractionResult, LineItem, Meter
from minimeter.store.lifecycle import IllegalTransition, Status


def result(status: str = "SUCCEEDED", total: str = "10.00", account: str = "ACC-1") -> ExtractionResult:
    bill = BillNormalized(total_amount_due=Decimal(total), account_number=account,
                          billing_period_start=dt.date(2024, 1, 5), billing_period_end=dt.date(2024, 2, 4))
    issues = [] if status == "SUCCEEDED" else ["low confidence"]
    return ExtractionResult(bill=bill, extractor="t", status=status, issues=issues)


def claim_when_due(store, owner: str = "w", within: float = 5.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + within
    while (c := store.claim(owner)) is None and time.monotonic() < deadline:
        time.sleep(0.02)
    return c


def test_enqueue_and_duplicate(store):
    job, created = store.enqueue("sha256:aa11", "a.pdf", 3, "/arch/a.pdf", "pdf", tenant="acme")
    assert created and job.status == Status.PENDING and job.attempts == 0 and job.tenant == "acme"
    assert job.created_at.endswith("Z") and job.max_attempts == 5
    again, created2 = store.enqueue("sha256:aa11", "copy of a.pdf", 3, "/arch/a.pdf", "pdf")
    assert not created2 and again.id == job.id and again.original_name == "a.pdf"
    assert [e.kind for e in store.events(job.id)] == ["created", "duplicate"]
    assert store.events(job.id)[1].data == {"name": "copy of a.pdf"}


def test_pending_running_succeeded_round_trips_the_bill(store):
    job, _ = store.enqueue("sha256:bb22", "b.pdf", 3, "/b")
    claim = store.claim("w1")
    assert claim and claim.job.status == Status.RUNNING and claim.job.attempts == 1
    assert claim.job.lease_owner == "w1" and claim.job.lease_expires_at
    assert store.claim("w2") is None  # a live lease is nobody else's
    r = result()
    r.bill.meters.append(Meter(number="M1", prior_read=Decimal("100"), present_read=Decimal("612.5"),
                                   usage=Decimal("512.5"), unit="kWh"))
    r.bill.line_items.append(LineItem(description="Energy", amount=Decimal("10.00"), category="supply"))
    assert store.complete(claim, r)
    job = store.get_job(job.id)
    assert job.status == Status.SUCCEEDED and job.lease_owner is None and job.finished_at
    bill = store.current_bill(job.id)
    assert bill.id == job.current_bill_id and bill.version == 1 and bill.source == "machine"
    assert bill.result.bill == r.bill and bill.result.extractor == "t"
    kinds = [(e.kind, e.to_status) for e in store.events(job.id)]
    assert kinds == [("created", "PENDING"), ("status", "RUNNING"), ("status", "SUCCEEDED")]
    assert [o.bill_id for o in store.outbox_after(0)] == [bill.id]


def test_review_queue_correct_then_approve(store):
    job, _ = store.enqueue("sha256:cc33", "c.pdf", 3, "/c")
    store.complete(store.claim("w"), result("NEEDS_REVIEW"))
    job = store.get_job(job.id)
    assert job.status == Status.NEEDS_REVIEW and job.last_error == "low confidence"
    assert [j.id for j in store.list_jobs("NEEDS_REVIEW")] == [job.id]
    store.review(job.id, BillNormalized(total_amount_due=Decimal("10.50")), reviewer="ana", approve=False)
    assert store.get_job(job.id).status == Status.NEEDS_REVIEW
    done = store.review(job.id, BillNormalized(total_amount_due=Decimal("11.00")), reviewer="ana", approve=True)
    assert done.status == Status.SUCCEEDED and done.last_error is None
    versions = store.bill_versions(job.id)
    assert [(v.version, v.source, v.is_current) for v in versions] == [
        (1, "machine", False), (2, "review", False), (3, "review", True)]
    assert versions[-1].reviewer == "ana" and store.current_bill(job.id).result.bill.total_amount_due == Decimal("11")
    assert store.outbox_max() == 3  # every version reaches the sync targets
    assert [e.kind for e in store.events(job.id)].count("review") == 2


def test_review_with_a_result_keeps_its_extractor_and_issues(store):
    job, _ = store.enqueue("sha256:cc34", "c.pdf", 3, "/c")
    store.complete(store.claim("w"), result("NEEDS_REVIEW"))
    edited = ExtractionResult(bill=BillNormalized(), extractor="llm:qwen", status="NEEDS_REVIEW",
                              issues=["total differs from the line items"])
    bill = BillNormalized(total_amount_due=Decimal("12.00"))
    done = store.review(job.id, bill, reviewer="ana", approve=True, result=edited)
    assert done.status == Status.SUCCEEDED
    current = store.current_bill(job.id).result
    assert current.extractor == "llm:qwen" and current.issues == ["total differs from the line items"]
    assert current.bill.total_amount_due == Decimal("12.00") and current.status == "SUCCEEDED"


def test_review_of_a_running_job_raises_and_writes_nothing(store):
    job, _ = store.enqueue("sha256:cc35", "c.pdf", 3, "/c")
    store.claim("w")
    with pytest.raises(IllegalTransition):
        store.review(job.id, BillNormalized(), reviewer="ana", approve=True)
    assert store.bill_versions(job.id) == [] and store.outbox_max() == 0


def test_discard_then_retry(store):
    job, _ = store.enqueue("sha256:dd44", "d.pdf", 3, "/d")
    store.complete(store.claim("w"), result("NEEDS_REVIEW"))
    assert store.discard(job.id, by="ana", reason="not a bill").status == Status.DISCARDED
    assert store.claim("w") is None
    back = store.retry(job.id, by="bob")
    assert back.status == Status.PENDING and back.attempts == 0 and back.finished_at is None
    assert store.claim("w").job.id == job.id


def test_illegal_transition_raises_and_writes_nothing(store):
    job, _ = store.enqueue("sha256:ee55", "e.pdf", 3, "/e")
    store.claim("w")
    with pytest.raises(IllegalTransition):
        store.discard(job.id, by="ana", reason="while running")
    assert store.get_job(job.id).status == Status.RUNNING
    assert [e.kind for e in store.events(job.id)] == ["created", "status"]


def test_force_reprocess_keeps_history(store):
    job, _ = store.enqueue("sha256:ff66", "f.pdf", 3, "/f")
    assert store.enqueue("sha256:ff66", "f.pdf", 3, "/f", force=True)[1] is False  # PENDING: nothing to redo
    store.complete(store.claim("w"), result(total="1.00"))
    again, created = store.enqueue("sha256:ff66", "f2.pdf", 3, "/f", force=True)
    assert created and again.id == job.id and again.status == Status.PENDING and again.attempts == 0
    assert again.finished_at is None
    store.complete(store.claim("w"), result(total="2.00"))
    versions = store.bill_versions(job.id)
    assert [(v.is_current, v.result.bill.total_amount_due) for v in versions] == [
        (False, Decimal("1.00")), (True, Decimal("2.00"))]
    assert "force" in [e.kind for e in store.events(job.id)]


def test_expired_lease_is_reclaimed_and_the_stale_writer_is_ignored(make_store):
    store = make_store(lease_seconds=0.4)
    job, _ = store.enqueue("sha256:0a77", "g.pdf", 3, "/g")
    old = store.claim("w1")
    assert store.heartbeat(old)
    time.sleep(0.6)
    new = store.claim("w2")
    assert new and new.job.id == job.id and new.job.attempts == 2 and new.token != old.token
    assert not store.heartbeat(old)
    assert not store.complete(old, result(total="9.99"))
    assert not store.fail(old, "late failure")
    assert not store.release(old)
    assert store.complete(new, result(total="1.23"))
    assert [v.result.bill.total_amount_due for v in store.bill_versions(job.id)] == [Decimal("1.23")]
    kinds = [e.kind for e in store.events(job.id)]
    assert "lease_expired" in kinds and kinds.count("stale_result") == 2


def test_heartbeat_extends_the_lease(make_store):
    store = make_store(lease_seconds=0.6)
    store.enqueue("sha256:0b88", "h.pdf", 3, "/h")
    claim = store.claim("w1")
    for _ in range(4):  # 1.2 s in all, twice the lease: heartbeats keep it alive
        time.sleep(0.3)
        assert store.heartbeat(claim)
    assert store.claim("w2") is None
    assert store.complete(claim, result())


def test_five_failed_attempts_make_a_dead_letter(make_store):
    store = make_store(retry_backoff_seconds=0.01)
    job, _ = store.enqueue("sha256:0c99", "i.pdf", 3, "/i")
    for attempt in range(1, 6):
        claim = claim_when_due(store)
        assert claim and claim.job.attempts == attempt
        assert store.fail(claim, f"boom {attempt}\nsecond line is dropped")
        status = store.get_job(job.id).status
        assert status == (Status.DEAD if attempt == 5 else Status.FAILED)
    job = store.get_job(job.id)
    assert job.last_error == "boom 5" and job.finished_at and store.claim("w") is None
    assert [e.data["attempt"] for e in store.events(job.id) if e.kind == "error"] == [1, 2, 3, 4, 5]
    assert store.retry(job.id).status == Status.PENDING


def test_failed_job_waits_for_its_backoff(make_store):
    store = make_store(retry_backoff_seconds=0.5)
    job, _ = store.enqueue("sha256:0caa", "j.pdf", 3, "/j")
    store.fail(store.claim("w"), "flaky")
    failed = store.get_job(job.id)
    assert failed.status == Status.FAILED and failed.next_attempt_at
    assert store.claim("w") is None
    time.sleep(0.6)
    assert store.claim("w").job.attempts == 2


def test_non_retryable_failure_waits_for_a_person(store):
    job, _ = store.enqueue("sha256:0cbb", "k.pdf", 3, "/k")
    store.fail(store.claim("w"), "encrypted PDF", retryable=False)
    job = store.get_job(job.id)
    assert job.status == Status.FAILED and job.next_attempt_at is None and job.attempts == 1
    assert store.claim("w") is None


def test_a_job_that_kills_its_worker_five_times_is_dead(make_store):
    store = make_store(lease_seconds=0.2)
    job, _ = store.enqueue("sha256:0ccc", "poison.pdf", 3, "/p")
    for _ in range(5):
        assert claim_when_due(store) is not None  # and the worker "dies": no write
    time.sleep(0.3)
    assert store.claim("w") is None
    job = store.get_job(job.id)
    assert job.status == Status.DEAD and "5 times" in (job.last_error or "")


def test_release_gives_the_job_back_uncounted(store):
    job, _ = store.enqueue("sha256:0cdd", "l.pdf", 3, "/l")
    claim = store.claim("w1")
    assert store.release(claim)
    back = store.get_job(job.id)
    assert back.status == Status.PENDING and back.attempts == 0 and back.lease_owner is None
    assert not store.complete(claim, result())  # the released token is dead
    assert store.claim("w2").job.attempts == 1


def test_concurrent_claims_never_share_a_job(make_store):
    n = 60
    setup = make_store()
    for i in range(n):
        setup.enqueue(f"sha256:{i:06x}", f"{i}.pdf", 1, "/x", tenant=f"t{i % 3}")
    got: list[int] = []
    lock = threading.Lock()

    def worker(k: int) -> None:
        st = make_store()
        while (c := st.claim(f"w{k}")) is not None:
            with lock:
                got.append(c.job.id)
            st.complete(c, result())

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(got) == list(range(1, n + 1))
    assert setup.counts()[Status.SUCCEEDED] == n and setup.outbox_max() == n


def test_claims_rotate_across_tenants(store):
    for i in range(20):
        store.enqueue(f"sha256:b1{i:04x}", f"big{i}.pdf", 1, "/x", tenant="zz-big")
    store.enqueue("sha256:5a0001", "small1.pdf", 1, "/x", tenant="aa-small")
    store.enqueue("sha256:5a0002", "small2.pdf", 1, "/x", tenant="aa-small")
    first = [store.claim("w").job.tenant for _ in range(4)]
    assert first.count("aa-small") == 2, first
